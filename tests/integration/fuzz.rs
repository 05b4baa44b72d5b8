//! No panics: property tests over the importer and the content parser with
//! random text and mutated seeds (bounded: about a minute in a debug build).
//! Inputs that once crashed are kept in tests/fixtures/fuzz/ and replayed.

use crate::common::*;
use compendium::content::parse::parse_document;
use compendium::import::{import_sources, SourceText};
use proptest::prelude::*;
use std::path::Path;

fn import_bytes(bytes: Vec<u8>) {
    // Errors are fine; panics are not.
    let _ = import_sources(&[SourceText {
        path: "fuzz.txt".into(),
        bytes,
    }]);
}

fn seed_text(i: usize) -> String {
    let mut files: Vec<_> = std::fs::read_dir(repo().join("sources"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    files.sort();
    std::fs::read_to_string(&files[i % files.len()]).unwrap()
}

/// Apply a mutation to a text: delete, duplicate or swap line ranges,
/// insert noise, cut in the middle of a character boundary-safe place.
fn mutate(text: &str, ops: &[(u8, usize, usize, String)]) -> String {
    let mut lines: Vec<String> = text.lines().map(str::to_string).collect();
    for (op, a, b, noise) in ops {
        if lines.is_empty() {
            break;
        }
        let n = lines.len();
        let (a, b) = (a % n, b % n);
        let (lo, hi) = (a.min(b), a.max(b).min(lo_plus(a.min(b), 40, n)));
        match op % 6 {
            0 => {
                lines.drain(lo..hi);
            }
            1 => {
                let dup: Vec<String> = lines[lo..hi].to_vec();
                lines.splice(lo..lo, dup);
            }
            2 => lines.swap(a, b),
            3 => lines.insert(a, noise.clone()),
            4 => {
                let l = &mut lines[a];
                let cut = l
                    .char_indices()
                    .map(|(i, _)| i)
                    .nth(b % (l.chars().count() + 1))
                    .unwrap_or(l.len());
                l.insert_str(cut, noise);
            }
            _ => lines[a] = noise.clone(),
        }
    }
    lines.join("\n")
}

fn lo_plus(lo: usize, k: usize, n: usize) -> usize {
    (lo + k).min(n)
}

fn noise() -> impl Strategy<Value = String> {
    prop_oneof![
        Just("__________________".to_string()),
        Just(" 1 Note sans fin".to_string()),
        Just("A/77/464".to_string()),
        Just("22-27149 20/80".to_string()),
        Just("Annexe II".to_string()),
        Just("Projet de résolution IX".to_string()),
        Just("12. ".to_string()),
        Just("a) ".to_string()),
        Just("La Conférence des Parties,".to_string()),
        Just("¹²³".to_string()),
        Just("\u{E000}\u{E001}".to_string()),
        Just("[^1]: x".to_string()),
        Just("---".to_string()),
        "\\PC{0,40}",
    ]
}

/// Cases per property; `COMPENDIUM_FUZZ_SCALE=10` runs ten times more.
fn cases(base: u32) -> u32 {
    base * std::env::var("COMPENDIUM_FUZZ_SCALE")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(1)
}

proptest! {
    #![proptest_config(ProptestConfig { cases: cases(5000), failure_persistence: None, ..ProptestConfig::default() })]

    #[test]
    fn importer_never_panics_on_random_text(s in "\\PC{0,600}") {
        import_bytes(s.into_bytes());
    }

    #[test]
    fn importer_never_panics_on_random_bytes(b in proptest::collection::vec(any::<u8>(), 0..400)) {
        import_bytes(b);
    }

    #[test]
    fn content_parser_never_panics(s in "(---\n)?\\PC{0,300}(\n---\n)?\\PC{0,300}") {
        let _ = parse_document(&s, Path::new("fuzz.md"));
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: cases(800), failure_persistence: None, ..ProptestConfig::default() })]

    #[test]
    fn importer_never_panics_on_mutated_seeds(
        seed in 0usize..5,
        ops in proptest::collection::vec((any::<u8>(), any::<usize>(), any::<usize>(), noise()), 1..12),
    ) {
        let text = seed_text(seed);
        // Keep the big seed's run short: a window of it is mutated.
        let text: String = if text.len() > 40_000 { text.lines().skip(ops[0].1 % 6000).take(800).collect::<Vec<_>>().join("\n") } else { text };
        import_bytes(mutate(&text, &ops).into_bytes());
    }

    #[test]
    fn content_parser_never_panics_on_mutated_content(
        which in 0usize..12,
        ops in proptest::collection::vec((any::<u8>(), any::<usize>(), any::<usize>(), noise()), 1..12),
    ) {
        let mut files: Vec<_> = std::fs::read_dir(repo().join("content")).unwrap().map(|e| e.unwrap().path()).collect();
        files.sort();
        let text = std::fs::read_to_string(&files[which % files.len()]).unwrap();
        let _ = parse_document(&mutate(&text, &ops), Path::new("fuzz.md"));
    }
}

#[test]
fn crashing_inputs_found_so_far_stay_fixed() {
    for e in std::fs::read_dir(repo().join("tests/fixtures/fuzz")).unwrap() {
        let p = e.unwrap().path();
        let bytes = std::fs::read(&p).unwrap();
        if p.extension().is_some_and(|x| x == "md") {
            let _ = parse_document(&String::from_utf8_lossy(&bytes), &p);
        } else {
            import_bytes(bytes);
        }
    }
}

/// A small seeded generator (xorshift): the same cases on every run.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
}

const NOISE: &[&str] = &[
    "__________________",
    " 1 Note sans fin",
    "A/77/464",
    "22-27149 20/80",
    "Annexe II",
    "Projet de résolution IX",
    "12. ",
    "a) ",
    "La Conférence des Parties,",
    "¹²³",
    "[^1]: x",
    "---",
    "title: x",
    "{+corruption}",
    "## I. Introduction",
    "*Prie* <script>alert(1)</script>",
    "[lien](javascript:alert(1))",
    "10 000. Décide",
    "\u{0}\u{7}\u{E000}",
];

/// Issue #26: import -> build -> check, on mutated seeds. Whatever
/// import writes (what it reads back as `build` does), `build` accepts,
/// and the site it makes has no broken link; nothing panics. Bounded:
/// `COMPENDIUM_FUZZ_SCALE=10` runs ten times more cases.
#[test]
fn what_import_writes_builds_and_checks() {
    use compendium::content::{assemble, parse::parse_document, write::write_document};
    use compendium::site::{check::check_site, output::write_atomic, BuildOptions, Site};
    let t = site_copy();
    let shell = Site::load_shell(&BuildOptions::new(t.path().join("site.yaml"))).unwrap();
    let mut sources: Vec<String> = (0..5).map(seed_text).collect();
    for f in [
        "english_superscripts.txt",
        "report_sections.txt",
        "resolution_annex.txt",
    ] {
        sources
            .push(std::fs::read_to_string(repo().join("tests/fixtures/import").join(f)).unwrap());
    }
    let out = t.path().join("public");
    let mut rng = Rng(0x2605_2026);
    let (mut built, mut documents) = (0, 0);
    for case in 0..cases(200) {
        let text = &sources[rng.below(sources.len())];
        // The large seed: a window of it.
        let text: String = if text.len() > 40_000 {
            let from = rng.below(5000);
            text.lines()
                .skip(from)
                .take(600)
                .collect::<Vec<_>>()
                .join("\n")
        } else {
            text.clone()
        };
        let ops: Vec<(u8, usize, usize, String)> = (0..1 + rng.below(8))
            .map(|_| {
                let noise = NOISE[rng.below(NOISE.len())].to_string();
                (
                    rng.next() as u8,
                    rng.next() as usize,
                    rng.next() as usize,
                    noise,
                )
            })
            .collect();
        let mutated = mutate(&text, &ops);
        let Ok(report) = import_sources(&[SourceText {
            path: "sources/fuzz.txt".into(),
            bytes: mutated.clone().into_bytes(),
        }]) else {
            continue;
        };
        // What `compendium import` writes: the documents that read back.
        let docs: Vec<_> = report
            .documents
            .iter()
            .filter_map(|d| {
                let path = t.path().join(format!("content/{}.md", d.slug));
                parse_document(&write_document(d), &path)
                    .ok()
                    .map(|(d, _)| d)
            })
            .collect();
        if docs.is_empty() {
            continue;
        }
        documents += docs.len();
        let fail = |what: &str, e: String| -> ! {
            let keep = repo().join("target/fuzz-failure.txt");
            std::fs::write(&keep, &mutated).ok();
            panic!(
                "case {case}: {what}: {e}\n(the input is in {})",
                keep.display()
            )
        };
        let docs = assemble(docs).unwrap_or_else(|p| fail("assemble", p.to_string()));
        let site = shell
            .with_documents(docs, Vec::new())
            .unwrap_or_else(|e| fail("analysis", format!("{e:#}")));
        let output = site
            .render()
            .unwrap_or_else(|e| fail("render", format!("{e:#}")));
        write_atomic(&output, &out).unwrap();
        let checked = check_site(&out, "/").unwrap();
        if !checked.broken.is_empty() {
            fail(
                "check",
                format!("{:?}", &checked.broken[..checked.broken.len().min(5)]),
            );
        }
        built += 1;
    }
    assert!(
        built > 50,
        "only {built} cases imported anything ({documents} documents)"
    );
}
