use clap::Parser;
use compendium::cli::{Cli, Command};
use compendium::cmd;

/// See `Cargo.toml`: large builds reuse freed memory instead of faulting
/// fresh zeroed pages in.
#[global_allocator]
static ALLOC: mimalloc::MiMalloc = mimalloc::MiMalloc;

// mimalloc's `mi_option_set` and its `mi_option_purge_delay` (15 in the
// option enums of mimalloc 2 and 3, the versions the crate builds).
extern "C" {
    fn mi_option_set(option: std::os::raw::c_int, value: std::os::raw::c_long);
}
const MI_OPTION_PURGE_DELAY: std::os::raw::c_int = 15;

fn main() {
    let cli = Cli::parse();
    // A build frees hundreds of megabytes between its stages and allocates
    // them again in the next; by default mimalloc gives freed memory back to
    // the kernel after 10 ms, and every page then faults in again, zeroed
    // (at 10,000 documents: 7 s of system time instead of 2.5). A one-shot
    // command keeps it until it exits; `serve` keeps it a second, so
    // memory is still returned while it sits idle.
    let purge_delay = match cli.command {
        Command::Serve(_) | Command::Watch(_) => 1000,
        _ => -1,
    };
    // SAFETY: sets an integer option of the allocator this binary links,
    // before any other thread exists.
    unsafe { mi_option_set(MI_OPTION_PURGE_DELAY, purge_delay) };
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
