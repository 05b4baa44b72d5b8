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
    // mimalloc gives freed memory back to the kernel `purge_delay` ms
    // after it is freed, and a page used again then faults in, zeroed. A
    // one-shot command returns it after 10 ms: that costs no measurable
    // time (10,000 documents: 6.7 s either way, +0.1 s of system time), and
    // peak memory is ~10 % lower than when memory is kept (1,000
    // documents: ~91 instead of ~102 MB; 10,000: ~628 instead of ~650).
    // `serve` keeps it a second: a rebuild after a save reuses the last
    // one's pages, and memory is still returned while the server sits idle.
    let purge_delay = match cli.command {
        Command::Serve(_) | Command::Watch(_) => 1000,
        _ => 10,
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
        Command::Init(a) => cmd::init::run(a),
        Command::Help(a) => cmd::help(a),
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
