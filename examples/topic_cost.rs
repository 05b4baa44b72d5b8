//! Time each topic's rules over a compendium's paragraphs (a profiling
//! aid): `cargo run --release --example topic_cost -- path/to/site.yaml`.
use compendium::analyze::topics::TopicRules;
use compendium::config::Config;
use std::time::Instant;

fn main() -> anyhow::Result<()> {
    let path = std::env::args()
        .nth(1)
        .unwrap_or_else(|| "site.yaml".into());
    let config = Config::load(std::path::Path::new(&path)).map_err(|e| anyhow::anyhow!("{e}"))?;
    let root = compendium::site::site_root(std::path::Path::new(&path));
    let (docs, _) = compendium::content::load_dir(&root.join(&config.content_dir))
        .map_err(|p| anyhow::anyhow!(p))?;
    let plain: Vec<String> = docs
        .iter()
        .flat_map(|d| {
            d.paragraphs
                .iter()
                .map(|p| compendium::content::plain_text(&p.text))
        })
        .collect();
    for t in &config.topics {
        let rules = TopicRules::new(t).map_err(|e| anyhow::anyhow!(e.message))?;
        let start = Instant::now();
        let hits = plain.iter().filter(|p| rules.matches(p, false)).count();
        let first = start.elapsed();
        let start = Instant::now();
        plain.iter().filter(|p| rules.matches(p, true)).count();
        eprintln!(
            "{:<12} {hits:>6} of {} paragraphs: {:>6.1} ms (in a document about it: {:.1} ms)",
            t.id,
            plain.len(),
            first.as_secs_f64() * 1000.0,
            start.elapsed().as_secs_f64() * 1000.0
        );
    }
    // All topics at once, through their shared prefilter, per document.
    let topics = compendium::analyze::topics::Topics::new(&config.topics)
        .map_err(|e| anyhow::anyhow!(e.message))?;
    let per_doc: Vec<Vec<std::sync::Arc<str>>> = docs
        .iter()
        .map(|d| {
            d.paragraphs
                .iter()
                .map(|p| compendium::content::plain_text(&p.text).into())
                .collect()
        })
        .collect();
    for about in [false, true] {
        let flags = vec![about; config.topics.len()];
        let start = Instant::now();
        let hits: usize = per_doc
            .iter()
            .map(|ps| {
                topics
                    .matches(ps, &flags)
                    .iter()
                    .map(|m| m.iter().filter(|&&b| b).count())
                    .sum::<usize>()
            })
            .sum();
        eprintln!(
            "all topics, prefiltered{}: {hits} labels in {:.1} ms",
            if about { " (documents about them)" } else { "" },
            start.elapsed().as_secs_f64() * 1000.0
        );
    }
    Ok(())
}
