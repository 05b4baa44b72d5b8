use compendium::import::*;
fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let srcs: Vec<SourceText> = args
        .iter()
        .map(|p| SourceText {
            path: p.clone(),
            bytes: std::fs::read(p).unwrap(),
        })
        .collect();
    let r = import_sources(&srcs).unwrap();
    for w in &r.warnings {
        eprintln!("warning: {w}");
    }
    let verbose = std::env::var("V").is_ok();
    for d in &r.documents {
        println!("{}", summarize(d));
        println!(
            "   title={:?} body={:?} number={:?} symbol={:?} in={:?}",
            d.title, d.body, d.number, d.symbol, d.contained_in
        );
        if verbose {
            for p in &d.paragraphs {
                println!("  [{}] {}", p.anchor, p.text);
            }
            for n in &d.notes {
                println!("  note {}: {}", n.marker, n.text);
            }
            for h in &d.headings {
                println!("  H{} @{}: {}", h.level, h.before, h.text);
            }
        }
    }
}
