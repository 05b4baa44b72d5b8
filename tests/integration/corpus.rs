//! The import conformance suite: real UN documents (tests/fixtures/corpus/)
//! imported one file at a time, written as content, read back as `build`
//! reads it, and compared with what a reader found in them
//! (`NAME.expected.yaml`, see the folder's README).
//!
//! What does not hold yet is listed in `KNOWN_FAILURES` (one
//! `file#document field` a line): the test fails on any other mismatch (a
//! regression) and on a listed one that now holds (strike it from the
//! list). `CORPUS_BLESS=1 cargo test corpus` rewrites the list. The
//! aggregate report is printed either way (`-- --nocapture`).

use crate::common::*;
use compendium::content::parse::parse_document;
use compendium::content::write::write_document;
use compendium::import::{import_sources, SourceText};
use compendium::model::{DocKind, Document, ParaKind};
use serde::Deserialize;
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct Expected {
    pub(crate) file: String,
    pub(crate) documents: Vec<ExpectedDoc>,
}

#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields)]
pub(crate) struct ExpectedDoc {
    kind: Option<String>,
    language: Option<String>,
    #[serde(default, deserialize_with = "present")]
    title: Option<Option<String>>,
    #[serde(default, deserialize_with = "present")]
    number: Option<Option<String>>,
    #[serde(default, deserialize_with = "present")]
    symbol: Option<Option<String>>,
    #[serde(default, deserialize_with = "present")]
    date: Option<Option<String>>,
    #[serde(default, deserialize_with = "present")]
    body: Option<Option<String>>,
    #[serde(default, deserialize_with = "present")]
    contained_in: Option<Option<String>>,
    counts: Option<Counts>,
    first_operative: Option<String>,
    last_operative: Option<String>,
    #[serde(default)]
    absent: Vec<String>,
}

/// A key that is there, even as `null`, is checked; a missing one is not.
fn present<'de, D: serde::Deserializer<'de>>(d: D) -> Result<Option<Option<String>>, D::Error> {
    Option::<String>::deserialize(d).map(Some)
}

#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields)]
struct Counts {
    preamble: Option<usize>,
    operative: Option<usize>,
    subparagraph: Option<usize>,
    annex_item: Option<usize>,
    report_para: Option<usize>,
    notes: Option<usize>,
}

pub(crate) fn corpus_dir() -> PathBuf {
    repo().join("tests/fixtures/corpus")
}

/// Spaces collapsed, for comparing words.
fn words(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The paragraph's words as a reader sees them: markup and calls gone.
fn plain(text: &str) -> String {
    words(&compendium::content::plain_text(text))
}

/// Does `needle` occur in `hay` (a number only as a whole number)?
fn occurs(hay: &str, needle: &str) -> bool {
    if !needle.chars().all(|c| c.is_ascii_digit()) {
        return hay.contains(needle);
    }
    hay.split(|c: char| !c.is_ascii_digit())
        .any(|t| t == needle)
}

/// One checked field: (name, expected, found).
pub(crate) type Check = (String, String, String);

pub(crate) fn check_doc(e: &ExpectedDoc, d: &Document, docs: &[Document]) -> Vec<Check> {
    let mut out: Vec<Check> = Vec::new();
    let show = |v: &Option<String>| v.clone().unwrap_or_else(|| "null".into());
    let mut field = |name: &str, want: String, got: String| {
        out.push((name.to_string(), want, got));
    };
    if let Some(k) = &e.kind {
        field("kind", k.clone(), d.kind.as_str().into());
    }
    if let Some(l) = &e.language {
        field("language", l.clone(), show(&d.language));
    }
    for (name, want, got) in [
        ("title", &e.title, &d.title),
        ("number", &e.number, &d.number),
        ("symbol", &e.symbol, &d.symbol),
        ("date", &e.date, &d.date),
        ("body", &e.body, &d.body),
    ] {
        if let Some(want) = want {
            field(
                name,
                show(&want.as_deref().map(words)),
                show(&got.as_deref().map(words)),
            );
        }
    }
    if let Some(want) = &e.contained_in {
        // Expected as the report's symbol; the content holds its slug.
        let got = d.contained_in.as_ref().map(|slug| {
            docs.iter()
                .find(|o| &o.slug == slug)
                .and_then(|o| o.symbol.clone())
                .unwrap_or_else(|| format!("slug {slug}"))
        });
        field("contained_in", show(want), show(&got));
    }
    if let Some(c) = &e.counts {
        for (name, want, kind) in [
            ("preamble", c.preamble, Some(ParaKind::Preamble)),
            ("operative", c.operative, Some(ParaKind::Operative)),
            ("subparagraph", c.subparagraph, Some(ParaKind::Subparagraph)),
            ("annex_item", c.annex_item, Some(ParaKind::AnnexItem)),
            ("report_para", c.report_para, Some(ParaKind::ReportPara)),
            ("notes", c.notes, None),
        ] {
            if let Some(want) = want {
                let got = match kind {
                    Some(k) => d.count(k),
                    None => d.notes.len(),
                };
                field(name, want.to_string(), got.to_string());
            }
        }
    }
    let main = if d.kind == DocKind::Report {
        ParaKind::ReportPara
    } else {
        ParaKind::Operative
    };
    let ops: Vec<String> = d
        .paragraphs
        .iter()
        .filter(|p| p.kind == Some(main))
        .map(|p| plain(&p.text))
        .collect();
    for (name, want, got) in [
        ("first_operative", &e.first_operative, ops.first()),
        ("last_operative", &e.last_operative, ops.last()),
    ] {
        if let Some(want) = want {
            let want = words(want);
            let got = got.cloned().unwrap_or_default();
            // A check that holds shows the expected words as found.
            let found = if got.starts_with(&want) {
                want.clone()
            } else {
                got.chars().take(want.chars().count() + 10).collect()
            };
            field(name, want, found);
        }
    }
    let texts: Vec<String> = d
        .paragraphs
        .iter()
        .map(|p| plain(&p.text))
        .chain(d.notes.iter().map(|n| plain(&n.text)))
        .chain(d.title.iter().cloned())
        .collect();
    for a in &e.absent {
        let found = texts.iter().find(|t| occurs(t, a));
        field(
            &format!("absent {a:?}"),
            "absent".into(),
            found.map_or("absent".into(), |t| {
                format!("in « {} »", t.chars().take(80).collect::<String>())
            }),
        );
    }
    out
}

struct Outcome {
    /// `file#n field`, with what was expected and found.
    failures: Vec<(String, String, String)>,
    docs_exact: usize,
    docs: usize,
    counts_exact: usize,
    meta_right: usize,
    meta: usize,
}

/// Imports every fixture into `sites/{language}-{layout}/content/` (a
/// resolution's English and French texts, or two extractions of one text,
/// share their slug).
fn run_suite(sites: &Path) -> Outcome {
    let mut files: Vec<PathBuf> = std::fs::read_dir(corpus_dir())
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.to_string_lossy().ends_with(".expected.yaml"))
        .collect();
    files.sort();
    assert!(
        !files.is_empty(),
        "no expectations in {}",
        corpus_dir().display()
    );
    let mut o = Outcome {
        failures: Vec::new(),
        docs_exact: 0,
        docs: 0,
        counts_exact: 0,
        meta_right: 0,
        meta: 0,
    };
    for path in files {
        let e: Expected = serde_yaml::from_str(&std::fs::read_to_string(&path).unwrap())
            .unwrap_or_else(|err| panic!("{}: {err}", path.display()));
        let bytes = std::fs::read(corpus_dir().join(&e.file)).unwrap();
        let report = import_sources(&[SourceText {
            path: format!("sources/{}", e.file),
            bytes,
        }]);
        let imported = match report {
            Ok(r) => r.documents,
            Err(err) => {
                o.docs += e.documents.len();
                o.failures
                    .push((format!("{} import", e.file), "ok".into(), err.to_string()));
                continue;
            }
        };
        // What `build` reads: the content written, parsed back.
        // Language and layout: `en_ga_A-RES-80-11_pymupdf.txt` -> `en-pymupdf`.
        let layout = e.file.trim_end_matches(".txt").rsplit('_').next().unwrap();
        let content = sites
            .join(format!("{}-{layout}", &e.file[..2]))
            .join("content");
        std::fs::create_dir_all(&content).unwrap();
        let mut docs = Vec::new();
        for d in &imported {
            let md = write_document(d);
            let file = content.join(format!("{}.md", d.slug));
            if file.exists() {
                o.failures
                    .push((format!("{} slug", e.file), "unique".into(), d.slug.clone()));
                continue;
            }
            std::fs::write(&file, &md).unwrap();
            match parse_document(&md, &file) {
                Ok((doc, _)) => docs.push(doc),
                Err(p) => o.failures.push((
                    format!("{} {} content", e.file, d.slug),
                    "accepted by build".into(),
                    format!("{p:?}").chars().take(300).collect(),
                )),
            }
        }
        if docs.len() != e.documents.len() {
            o.failures.push((
                format!("{} documents", e.file),
                e.documents.len().to_string(),
                format!(
                    "{} ({})",
                    docs.len(),
                    docs.iter()
                        .map(|d| d.slug.as_str())
                        .collect::<Vec<_>>()
                        .join(", ")
                ),
            ));
        }
        for (i, want) in e.documents.iter().enumerate() {
            o.docs += 1;
            let Some(d) = docs.get(i) else { continue };
            let checks = check_doc(want, d, &docs);
            let bad: Vec<&Check> = checks.iter().filter(|(_, w, g)| w != g).collect();
            if bad.is_empty() && docs.len() == e.documents.len() {
                o.docs_exact += 1;
            }
            let counts = [
                "preamble",
                "operative",
                "subparagraph",
                "annex_item",
                "report_para",
                "notes",
            ];
            if !bad.iter().any(|(n, _, _)| counts.contains(&n.as_str())) {
                o.counts_exact += 1;
            }
            for (name, w, g) in &checks {
                if [
                    "kind", "language", "title", "number", "symbol", "date", "body",
                ]
                .contains(&name.as_str())
                {
                    o.meta += 1;
                    o.meta_right += usize::from(w == g);
                }
            }
            for (name, w, g) in bad {
                o.failures.push((
                    format!("{}#{} {}", e.file, i + 1, name),
                    w.clone(),
                    g.clone(),
                ));
            }
        }
    }
    o
}

#[test]
fn corpus_conformance() {
    let tmp = tempfile::tempdir().unwrap();
    let o = run_suite(tmp.path());
    eprintln!("\nimport conformance on {} real documents:", o.docs);
    eprintln!(
        "  documents exact: {}/{}   paragraph counts exact: {}/{}   metadata fields right: {}/{}",
        o.docs_exact, o.docs, o.counts_exact, o.docs, o.meta_right, o.meta
    );
    for (what, want, got) in &o.failures {
        eprintln!("  {what}: expected {want:?}, found {got:?}");
    }
    // Every document imported must build, together, as a site.
    for site in std::fs::read_dir(tmp.path()).unwrap() {
        let site = site.unwrap().path();
        std::fs::copy(repo().join("site.yaml"), site.join("site.yaml")).unwrap();
        let b = run_in(&site, &["build"]);
        assert!(
            b.status.success(),
            "the imported corpus does not build: {}",
            stderr(&b)
        );
        let c = run_in(&site, &["check"]);
        assert!(c.status.success(), "{}{}", stdout(&c), stderr(&c));
        // And its Akoma Ntoso files are valid against the OASIS schema.
        if crate::akn::have_xmllint() {
            crate::akn::assert_valid(&crate::akn::akn_files(&site));
        }
    }

    let failing: BTreeSet<String> = o.failures.iter().map(|f| f.0.clone()).collect();
    compare_with_known("KNOWN_FAILURES", "corpus.rs", &failing);
}

/// The expectations that do not hold yet, as listed in `name`.
pub(crate) fn known(name: &str) -> BTreeSet<String> {
    std::fs::read_to_string(corpus_dir().join(name))
        .unwrap_or_default()
        .lines()
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .map(str::to_string)
        .collect()
}

/// Fails on a failure not listed in `name` (a regression) and on a listed
/// one that now holds; with `CORPUS_BLESS` set, rewrites the list instead.
pub(crate) fn compare_with_known(name: &str, test: &str, failing: &BTreeSet<String>) {
    if std::env::var_os("CORPUS_BLESS").is_some() {
        let mut text =
            format!("# Expectations that do not hold yet (see tests/integration/{test}).\n");
        for f in failing {
            text.push_str(f);
            text.push('\n');
        }
        std::fs::write(corpus_dir().join(name), text).unwrap();
        return;
    }
    let known = known(name);
    let regressions: Vec<&String> = failing.difference(&known).collect();
    let fixed: Vec<&String> = known.difference(failing).collect();
    assert!(
        regressions.is_empty() && fixed.is_empty(),
        "new failures (regressions): {regressions:#?}\nnow holding (strike from {name}, or run with CORPUS_BLESS=1): {fixed:#?}"
    );
}
