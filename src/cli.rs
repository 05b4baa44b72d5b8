//! Command-line interface: clap types only, no logic.

use clap::{Args, Parser, Subcommand};
use std::path::PathBuf;

#[derive(Debug, Parser)]
#[command(
    name = "compendium",
    version,
    about = "Static-site generator for compendia of UN resolutions"
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Import text extractions: one Markdown file per document found.
    Import(ImportArgs),
    /// Build the site into the output directory.
    Build(BuildArgs),
    /// Build, serve locally, rebuild on change and reload open pages.
    Serve(ServeArgs),
    /// Rebuild on change, without a server.
    Watch(WatchArgs),
    /// Check that every internal link and #anchor of the built site resolves.
    Check(CheckArgs),
}

#[derive(Debug, Args)]
pub struct ImportArgs {
    /// Text extraction(s) to import.
    #[arg(required = true)]
    pub files: Vec<PathBuf>,
    /// Directory to write the Markdown files into.
    #[arg(short, long, default_value = "content")]
    pub output: PathBuf,
    /// Overwrite existing content files.
    #[arg(long)]
    pub force: bool,
}

#[derive(Debug, Args, Clone)]
pub struct BuildArgs {
    /// Content directory (default: `content_dir` of site.yaml).
    #[arg(short, long)]
    pub content: Option<PathBuf>,
    /// Output directory (default: `output_dir` of site.yaml).
    #[arg(short, long)]
    pub output: Option<PathBuf>,
    /// Base URL the site is published at (overrides site.yaml).
    #[arg(long)]
    pub base_url: Option<String>,
    /// Site configuration file.
    #[arg(long, default_value = "site.yaml")]
    pub config: PathBuf,
    /// Worker threads for rendering (default: all cores).
    #[arg(long)]
    pub jobs: Option<usize>,
}

#[derive(Debug, Args)]
pub struct ServeArgs {
    #[command(flatten)]
    pub build: BuildArgs,
    /// Port to listen on.
    #[arg(long, default_value_t = 1111)]
    pub port: u16,
    /// Address to bind (loopback by default).
    #[arg(long, default_value = "127.0.0.1")]
    pub bind: String,
    /// Poll the file system instead of relying on change events.
    #[arg(long)]
    pub poll: bool,
}

#[derive(Debug, Args)]
pub struct WatchArgs {
    #[command(flatten)]
    pub build: BuildArgs,
    /// Poll the file system instead of relying on change events.
    #[arg(long)]
    pub poll: bool,
}

#[derive(Debug, Args)]
pub struct CheckArgs {
    /// The built site to check.
    #[arg(short, long, default_value = "public")]
    pub output: PathBuf,
}
