//! Time agreed language over a compendium (a profiling aid): `cargo run
//! --release --example lineage_cost -- path/to/site.yaml`. Prints the time
//! of `analyze::lineage::found` (the words hashed included) and
//! `compare_pairs` (best of 5), and how
//! many paragraphs have similar ones.
use compendium::analyze::lineage::{compare_pairs, found, paragraph_words, Words};
use compendium::config::Config;
use rayon::prelude::*;
use std::time::Instant;

fn main() -> anyhow::Result<()> {
    let path = std::env::args()
        .nth(1)
        .unwrap_or_else(|| "site.yaml".into());
    let config = Config::load(std::path::Path::new(&path)).map_err(|e| anyhow::anyhow!("{e}"))?;
    let root = compendium::site::site_root(std::path::Path::new(&path));
    let (mut docs, _) = compendium::content::load_dir(&root.join(&config.content_dir))
        .map_err(|p| anyhow::anyhow!(p))?;
    compendium::analyze::analyze(&mut docs, &config).map_err(|p| anyhow::anyhow!(p))?;
    let (mut best, mut best_pairs) = (f64::MAX, f64::MAX);
    let mut similar = Vec::new();
    for _ in 0..5 {
        let t = Instant::now();
        let words: Vec<Vec<Option<Words>>> = docs.par_iter().map(paragraph_words).collect();
        let words: Vec<&[Option<Words>]> = words.iter().map(Vec::as_slice).collect();
        similar = found(&words);
        best = best.min(t.elapsed().as_secs_f64() * 1000.0);
        let t = Instant::now();
        compare_pairs(&docs, &similar);
        best_pairs = best_pairs.min(t.elapsed().as_secs_f64() * 1000.0);
    }
    let paragraphs: usize = docs.iter().map(|d| d.paragraphs.len()).sum();
    let with: usize = similar.iter().flatten().filter(|s| !s.is_empty()).count();
    let entries: usize = similar.iter().flatten().map(Vec::len).sum();
    let pages: usize = docs.iter().map(|d| d.compare.len()).sum::<usize>() / 2;
    eprintln!(
        "{} documents, {paragraphs} paragraphs: lineage {best:.1} ms, pairs {best_pairs:.1} ms; \
         {with} paragraphs with similar ones ({entries} entries), {pages} comparison pages",
        docs.len()
    );
    Ok(())
}
