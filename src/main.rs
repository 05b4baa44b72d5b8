use clap::Parser;
use compendium::cli::{Cli, Command};
use compendium::cmd;

/// See `Cargo.toml`: large builds reuse freed memory instead of faulting
/// fresh zeroed pages in.
#[global_allocator]
static ALLOC: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() {
    let cli = Cli::parse();
    let result = match cli.command {
        Command::Import(a) => cmd::import::run(a),
        Command::Build(a) => cmd::build::run(a),
        Command::Serve(a) => cmd::serve::run(a),
        Command::Watch(a) => cmd::serve::run_watch(a),
        Command::Check(a) => cmd::check::run(a),
    };
    if let Err(e) = result {
        // The whole chain: what failed, then why.
        let mut msg = format!("{e}");
        for cause in e.chain().skip(1) {
            msg.push_str(&format!("\n  caused by: {cause}"));
        }
        if !msg.starts_with("error") {
            msg = format!("error: {msg}");
        }
        eprintln!("{msg}");
        std::process::exit(1);
    }
}
