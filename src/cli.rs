//! Command-line interface: clap types only, no logic.

use clap::{Args, Parser, Subcommand};
use std::path::PathBuf;

#[derive(Debug, Parser)]
#[command(
    name = "compendium",
    version,
    about = "Static-site generator for compendia of UN resolutions",
    // Our own `help`, which takes `--help` like every other command.
    disable_help_subcommand = true
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
    /// Start a new compendium: site.yaml, an example document, a workflow.
    Init(InitArgs),
    /// Print the help of compendium or of one of its commands.
    Help(HelpArgs),
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
    /// Site configuration file [default: site.yaml, if there is one].
    #[arg(long)]
    pub config: Option<PathBuf>,
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
    /// Open the site in a browser once it is served.
    #[arg(long)]
    pub open: bool,
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
    /// The built site to check (default: `output_dir` of site.yaml).
    #[arg(short, long)]
    pub output: Option<PathBuf>,
    /// Base URL the site is published at (default: `base_url` of site.yaml).
    #[arg(long)]
    pub base_url: Option<String>,
    /// Site configuration file [default: site.yaml, if there is one].
    #[arg(long)]
    pub config: Option<PathBuf>,
    /// Also check that links to other sites answer (goes on the network).
    #[arg(long)]
    pub external: bool,
    /// Seconds each external link may take.
    #[arg(long, default_value_t = 10)]
    pub timeout: u64,
}

#[derive(Debug, Args)]
pub struct InitArgs {
    /// Directory of the new compendium (created if absent).
    #[arg(default_value = ".")]
    pub dir: PathBuf,
}

#[derive(Debug, Args)]
pub struct HelpArgs {
    /// The command to explain.
    pub command: Option<String>,
}
