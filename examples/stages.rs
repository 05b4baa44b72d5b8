//! Time and memory of a build's stages (a profiling aid):
//! `cargo run --release --example stages -- path/to/site.yaml`.
use compendium::site::{output, BuildOptions, Site};
use std::time::Instant;

/// Current and peak resident memory of this process.
fn rss() -> String {
    let s = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
    s.lines()
        .filter(|l| l.starts_with("VmRSS") || l.starts_with("VmHWM"))
        .map(|l| l.split_whitespace().collect::<Vec<_>>().join(" "))
        .collect::<Vec<_>>()
        .join(", ")
}

fn main() -> anyhow::Result<()> {
    let config = std::env::args()
        .nth(1)
        .unwrap_or_else(|| "site.yaml".into());
    let opts = BuildOptions::new(config);
    let t = Instant::now();
    let site = Site::load(&opts)?;
    eprintln!("load and analysis: {:?}; {}", t.elapsed(), rss());
    let t = Instant::now();
    output::write_atomic_with(&site.output_dir, |sink| site.render_into(sink))?;
    eprintln!("render and write: {:?}; {}", t.elapsed(), rss());
    Ok(())
}
