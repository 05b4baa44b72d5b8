//! Time watch mode's one-file rebuilds without the server or the disk (a
//! profiling aid): `cargo run --release --example rebuild_loop --
//! path/to/site.yaml [N]` edits a content file N times (default 20),
//! rebuilding after each, then restores it.
use compendium::serve::watch::{Builder, Rebuilt};
use compendium::site::BuildOptions;
use std::time::Instant;

fn cpu_ms() -> f64 {
    compendium::site::processor_ms().unwrap_or(0) as f64
}

// As the binary (see `src/main.rs`).
#[global_allocator]
static ALLOC: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> anyhow::Result<()> {
    let mut args = std::env::args().skip(1);
    let config = args.next().unwrap_or_else(|| "site.yaml".into());
    let n: usize = args.next().and_then(|a| a.parse().ok()).unwrap_or(20);
    let mut builder = Builder::new(BuildOptions::new(config));
    if let Rebuilt::Failed(m) = builder.rebuild(true) {
        anyhow::bail!("{m}");
    }
    let (content, _, _) = builder.watched();
    let mut files: Vec<_> = std::fs::read_dir(&content)?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "md"))
        .collect();
    files.sort();
    let target = &files[files.len() / 2];
    let original = std::fs::read_to_string(target)?;
    let mut times = Vec::new();
    let cpu_start = cpu_ms();
    for i in 0..n {
        // A new word in the first operative paragraph (or at the end).
        let at = original.find("\n1. ").map_or(original.len(), |a| a + 4);
        let text = format!("{}Mot{i}. {}", &original[..at], &original[at..]);
        std::fs::write(target, text)?;
        let t = Instant::now();
        match builder.rebuild(false) {
            Rebuilt::Site { .. } => times.push(t.elapsed().as_secs_f64() * 1000.0),
            Rebuilt::Failed(m) => anyhow::bail!("{m}"),
            Rebuilt::Nothing => eprintln!("nothing to rebuild"),
        }
    }
    let cpu = (cpu_ms() - cpu_start) / n.max(1) as f64;
    std::fs::write(target, original)?;
    times.sort_by(f64::total_cmp);
    if !times.is_empty() {
        eprintln!(
            "{} rebuilds: median {:.1} ms, min {:.1}, max {:.1}; {cpu:.1} ms of processor time each",
            times.len(),
            times[times.len() / 2],
            times[0],
            times[times.len() - 1]
        );
    }
    Ok(())
}
