//! Time the search index's word finding over a compendium (a profiling
//! aid): `cargo run --release --example words_cost -- path/to/site.yaml`.
use compendium::site::search::{document_entry, document_words, words, Vocabulary};
use std::sync::Arc;
use std::time::Instant;

fn main() -> anyhow::Result<()> {
    let path = std::env::args()
        .nth(1)
        .unwrap_or_else(|| "site.yaml".into());
    let config = compendium::config::Config::load(std::path::Path::new(&path))
        .map_err(|e| anyhow::anyhow!("{e}"))?;
    let root = compendium::site::site_root(std::path::Path::new(&path));
    let (mut docs, _) = compendium::content::load_dir(&root.join(&config.content_dir))
        .map_err(|p| anyhow::anyhow!(p))?;
    for d in &mut docs {
        for p in &mut d.paragraphs {
            p.plain = compendium::content::plain_shared(&p.text);
        }
    }
    let start = Instant::now();
    let n: usize = docs
        .iter()
        .flat_map(|d| &d.paragraphs)
        .map(|p| words(&p.plain).count())
        .sum();
    eprintln!(
        "{n} words read in {:.1} ms",
        start.elapsed().as_secs_f64() * 1000.0
    );
    let start = Instant::now();
    let all: Vec<Arc<_>> = docs.iter().map(|d| Arc::new(document_words(d))).collect();
    let pairs: usize = all.iter().map(|w| w.len()).sum();
    let held: usize = all.iter().map(|w| w.heap_bytes()).sum();
    eprintln!("word lists hold {held} bytes");
    eprintln!(
        "{pairs} (word, document) pairs in {:.1} ms",
        start.elapsed().as_secs_f64() * 1000.0
    );
    let start = Instant::now();
    let mut vocabulary = Vocabulary::default();
    let keyed: Vec<(u64, Arc<_>)> = all
        .iter()
        .cloned()
        .enumerate()
        .map(|(i, w)| (i as u64, w))
        .collect();
    vocabulary.update(&keyed, false);
    eprintln!(
        "vocabulary in {:.1} ms",
        start.elapsed().as_secs_f64() * 1000.0
    );
    let start = Instant::now();
    let bytes: usize = docs
        .iter()
        .zip(&all)
        .enumerate()
        .map(|(n, (d, w))| {
            let e = document_entry(d, n, w, &vocabulary, false);
            e.meta.len() + e.postings.len()
        })
        .sum();
    eprintln!(
        "entries: postings and lists ({bytes} bytes) in {:.1} ms",
        start.elapsed().as_secs_f64() * 1000.0
    );
    Ok(())
}
