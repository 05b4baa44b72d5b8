//! Layout invariance: each corpus fixture laid out as other extractors lay
//! text out (`layout_variants.rs`: Windows line ends, stripped or trailing
//! spaces, no-break spaces and tabs, no page breaks, double spacing,
//! numbers alone on their line, a narrower column, one paragraph a line)
//! must import to the same structure its expectation states: kind, title,
//! number, symbol, date, body, counts per kind, first and last operative
//! words, absent furniture. Fields that do not hold on the original text
//! (`KNOWN_FAILURES`) are not checked on its variants.
//!
//! What does not hold yet is listed in `KNOWN_LAYOUT_FAILURES` (one
//! `file#document field @variant` a line), as `KNOWN_FAILURES` is for
//! `corpus_conformance`: the test fails on a new failure and on a listed one
//! that now holds; `CORPUS_BLESS=1` rewrites the list. The table of
//! fixture × variant is printed either way (`-- --nocapture`);
//! `CORPUS_LAYOUTS_DUMP=DIR` writes each variant there to look at.

use crate::corpus::{check_doc, compare_with_known, corpus_dir, known, Expected};
use crate::layout_variants::VARIANTS;
use compendium::content::parse::parse_document;
use compendium::content::write::write_document;
use compendium::import::{import_sources, SourceText};
use compendium::model::Document;
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

/// The documents `build` would read from importing `bytes` as `file`.
fn import(file: &str, bytes: Vec<u8>) -> Result<Vec<Document>, String> {
    let report = import_sources(&[SourceText {
        path: format!("sources/{file}"),
        bytes,
    }])
    .map_err(|e| e.to_string())?;
    report
        .documents
        .iter()
        .map(|d| {
            let md = write_document(d);
            parse_document(&md, Path::new("content/x.md"))
                .map(|(doc, _)| doc)
                .map_err(|p| format!("{p:?}").chars().take(200).collect())
        })
        .collect()
}

/// The fields of one variant of `e` that differ: (`file#n field`, expected,
/// found), those failing on the original text (`skip`) left out.
fn differences(e: &Expected, bytes: Vec<u8>, skip: &BTreeSet<String>) -> Vec<(String, String)> {
    let docs = match import(&e.file, bytes) {
        Ok(d) => d,
        Err(err) => return vec![(format!("{} import", e.file), err)],
    };
    let mut out = Vec::new();
    if docs.len() != e.documents.len() {
        out.push((
            format!("{} documents", e.file),
            format!("{} for {}", docs.len(), e.documents.len()),
        ));
    }
    for (i, want) in e.documents.iter().enumerate() {
        let Some(d) = docs.get(i) else { continue };
        for (name, w, g) in check_doc(want, d, &docs) {
            let key = format!("{}#{} {}", e.file, i + 1, name);
            if w != g && !skip.contains(&key) {
                out.push((key, format!("expected {w:?}, found {g:?}")));
            }
        }
    }
    out
}

#[test]
fn corpus_layouts() {
    let mut files: Vec<PathBuf> = std::fs::read_dir(corpus_dir())
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.to_string_lossy().ends_with(".expected.yaml"))
        .collect();
    files.sort();
    let skip = known("KNOWN_FAILURES");
    let mut failing = BTreeSet::new();
    let mut details = Vec::new();
    let (mut cases, mut ok) = (0, 0);
    let mut per_variant = vec![(0usize, 0usize); VARIANTS.len()];
    let mut table = format!("{:<44}", "fixture");
    for (name, _) in VARIANTS {
        table.push_str(&format!(" {name:>9}"));
    }
    table.push('\n');
    for path in files {
        let e: Expected = serde_yaml::from_str(&std::fs::read_to_string(&path).unwrap())
            .unwrap_or_else(|err| panic!("{}: {err}", path.display()));
        // A file whose documents are not found as expected on the original
        // text has nothing to compare its variants with.
        if skip.iter().any(|k| {
            k.strip_prefix(e.file.as_str())
                .is_some_and(|r| !r.starts_with('#'))
        }) {
            continue;
        }
        let text = std::fs::read_to_string(corpus_dir().join(&e.file)).unwrap();
        table.push_str(&format!("{:<44}", e.file.trim_end_matches(".txt")));
        for (v, (name, variant)) in VARIANTS.iter().enumerate() {
            let Some(t) = variant(&text) else {
                table.push_str(&format!(" {:>9}", "-"));
                continue;
            };
            if let Some(dir) = std::env::var_os("CORPUS_LAYOUTS_DUMP") {
                // To look at a variant: `compendium import DIR/NAME@VARIANT.txt`.
                let stem = e.file.trim_end_matches(".txt");
                std::fs::create_dir_all(&dir).unwrap();
                std::fs::write(Path::new(&dir).join(format!("{stem}@{name}.txt")), &t).unwrap();
            }
            let diff = differences(&e, t.into_bytes(), &skip);
            cases += 1;
            per_variant[v].0 += 1;
            if diff.is_empty() {
                ok += 1;
                per_variant[v].1 += 1;
                table.push_str(&format!(" {:>9}", "ok"));
            } else {
                table.push_str(&format!(" {:>9}", diff.len()));
            }
            for (key, what) in diff {
                failing.insert(format!("{key} @{name}"));
                details.push(format!("  {key} @{name}: {what}"));
            }
        }
        table.push('\n');
    }
    eprintln!("\nlayout invariance: {ok}/{cases} fixture × variant cases hold");
    for ((name, _), (n, good)) in VARIANTS.iter().zip(&per_variant) {
        eprintln!("  {name:>9}: {good}/{n}");
    }
    eprintln!(
        "(ok, or the number of fields that differ; - where the variant does not apply)\n{table}"
    );
    for d in &details {
        eprintln!("{}", d.chars().take(300).collect::<String>());
    }
    assert!(cases > 300, "only {cases} cases: are the fixtures there?");
    compare_with_known("KNOWN_LAYOUT_FAILURES", "corpus_layouts.rs", &failing);
}
