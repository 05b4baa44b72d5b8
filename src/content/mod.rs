//! `content`: Markdown + YAML front matter <-> model.
//!
//! A content directory holds one `.md` file per document. [`load_dir`]
//! reads them all (in parallel), [`parse::parse_document`] turns one file
//! into a [`Document`], [`write::write_document`] does the reverse for
//! `import`. Errors name the file and the line.

pub mod items;
pub mod parse;
pub mod write;

use crate::error::{Located, Problems};
use crate::model::{DocKind, Document};
use rayon::prelude::*;
use serde::{Deserialize, Serialize};
use std::path::{Path, PathBuf};

/// The front matter of a content file (SPEC §4).
#[derive(Debug, Clone, Serialize, Deserialize, Default)]
#[serde(deny_unknown_fields)]
pub struct FrontMatter {
    pub title: Option<String>,
    /// resolution | decision | draft_resolution | report | page
    pub kind: String,
    /// Issuing body as written in the enacting formula.
    pub body: Option<String>,
    pub number: Option<String>,
    pub symbol: Option<String>,
    /// ISO date (YYYY-MM-DD) when the text states it.
    pub date: Option<String>,
    /// Language of the text: `en`, `fr` or `es` (default: the site's).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub language: Option<String>,
    /// Slug of the report that contains this draft.
    pub contained_in: Option<String>,
    /// The extraction this document was imported from.
    pub source: Option<String>,
    /// Overrides the slug derived from the file name.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub slug: Option<String>,
    /// Position in reading order (lower first; ties by file name).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub order: Option<i64>,
    /// Document-level topic overrides: `+id` adds to every paragraph, `-id` removes.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub topics: Vec<String>,
}

impl FrontMatter {
    pub fn from_document(d: &Document) -> FrontMatter {
        FrontMatter {
            title: d.title.clone(),
            kind: d.kind.as_str().to_string(),
            body: d.body.clone(),
            number: d.number.clone(),
            symbol: d.symbol.clone(),
            date: d.date.clone(),
            language: d.language.clone(),
            contained_in: d.contained_in.clone(),
            source: d.source.clone(),
            slug: Some(d.slug.clone()),
            order: d.order,
            topics: d.topics.clone(),
        }
    }
}

/// Every content file under `dir`, sorted by path.
pub fn content_files(dir: &Path) -> Vec<PathBuf> {
    content_files_and_links(dir).0
}

/// [`content_files`], and the `.md` files that are symbolic links, which
/// are not read (what they point to may be anywhere).
pub fn content_files_and_links(dir: &Path) -> (Vec<PathBuf>, Vec<PathBuf>) {
    // Each directory's entries sorted by name, walked depth first: the
    // order of paths compared component by component, without sorting
    // whole paths (which re-parses both paths' components at every
    // comparison: milliseconds for a thousand files, at every rebuild).
    let (mut files, mut links) = (Vec::new(), Vec::new());
    let entries = walkdir::WalkDir::new(dir).sort_by_file_name().into_iter();
    for e in entries.filter_map(|e| e.ok()) {
        let (is_file, is_link) = (e.file_type().is_file(), e.path_is_symlink());
        let p = e.into_path();
        let skipped = p
            .file_name()
            .and_then(|n| n.to_str())
            .is_some_and(|n| n.starts_with('.') || n.starts_with('#') || n.ends_with('~'));
        if p.extension().is_none_or(|x| x != "md") || skipped {
            continue;
        }
        if is_file {
            files.push(p);
        } else if is_link {
            links.push(p);
        }
    }
    (files, links)
}

/// Warnings for content files that are symbolic links.
pub fn link_warnings(links: &[PathBuf]) -> Vec<Located> {
    links
        .iter()
        .map(|p| {
            Located::warning(
                p,
                0,
                "a symbolic link is not read: copy the file into the content directory",
            )
        })
        .collect()
}

/// Load and parse a whole content directory. All problems of all files are
/// collected, so one build reports every broken file at once.
pub fn load_dir(dir: &Path) -> Result<(Vec<Document>, Vec<Located>), Problems> {
    if !dir.is_dir() {
        return Err(Problems::single(Located::error(
            dir,
            0,
            format!(
                "content directory not found; create it or run `compendium import FILE... -o {}`",
                dir.display()
            ),
        )));
    }
    let (files, links) = content_files_and_links(dir);
    if files.is_empty() {
        return Err(Problems::single(Located::error(
            dir,
            0,
            "the content directory holds no .md file; import texts with `compendium import FILE...`".to_string(),
        )));
    }
    let results: Vec<_> = files.par_iter().map(|f| load_file(f)).collect();
    let mut docs = Vec::new();
    let mut problems = Vec::new();
    let mut warnings = link_warnings(&links);
    for r in results {
        match r {
            Ok((d, w)) => {
                docs.push(d);
                warnings.extend(w);
            }
            Err(p) => problems.extend(p.0),
        }
    }
    if !problems.is_empty() {
        return Err(Problems(problems));
    }
    let docs = assemble(docs)?;
    Ok((docs, warnings))
}

/// Check parsed documents belong together (unique slugs) and put them in
/// reading order: `order`, then file path.
pub fn assemble(mut docs: Vec<Document>) -> Result<Vec<Document>, Problems> {
    let mut problems = Vec::new();
    docs.sort_by(|a, b| a.path.cmp(&b.path));
    check_unique_slugs(&docs, &mut problems);
    if !problems.is_empty() {
        return Err(Problems(problems));
    }
    docs.sort_by(|a, b| {
        let ka = a.order.unwrap_or(i64::MAX);
        let kb = b.order.unwrap_or(i64::MAX);
        ka.cmp(&kb).then_with(|| a.path.cmp(&b.path))
    });
    Ok(docs)
}

/// The repository's own documents (the seeds), for tests.
#[cfg(test)]
pub(crate) fn repository_documents() -> Vec<Document> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    load_dir(&root.join("content"))
        .expect("the repository's content loads")
        .0
}

/// The text of every paragraph and note of the repository's documents,
/// for tests that check a function on all of them.
#[cfg(test)]
pub(crate) fn repository_texts() -> Vec<String> {
    repository_documents()
        .iter()
        .flat_map(|d| {
            let paras = d.paragraphs.iter().map(|p| p.text.to_string());
            paras.chain(d.notes.iter().map(|n| n.text.clone()))
        })
        .collect()
}

/// Read and parse one content file.
pub fn load_file(path: &Path) -> Result<(Document, Vec<Located>), Problems> {
    let bytes = std::fs::read(path)
        .map_err(|e| Problems::single(Located::error(path, 0, format!("cannot read: {e}"))))?;
    // Validated with SIMD (the std check reads French text, with its
    // accented letters, at ~1 GB/s: ~1 % of a build); the std one only
    // finds where an invalid file goes wrong.
    let Ok(text) = simdutf8::basic::from_utf8(&bytes) else {
        let off = std::str::from_utf8(&bytes).map_or_else(|e| e.valid_up_to(), |_| 0);
        let line = bytes[..off].iter().filter(|b| **b == b'\n').count() + 1;
        return Err(Problems::single(Located::error(
            path,
            line,
            "the file is not valid UTF-8; save it as UTF-8".to_string(),
        )));
    };
    parse::parse_document(text, path)
}

fn check_unique_slugs(docs: &[Document], problems: &mut Vec<Located>) {
    let mut seen: std::collections::HashMap<&str, &Document> = Default::default();
    for d in docs {
        if let Some(prev) = seen.insert(d.slug.as_str(), d) {
            let p = d.path.clone().unwrap_or_default();
            problems.push(Located::error(
                &p,
                1,
                format!(
                    "duplicate slug `{}`: {} has it too; set a distinct `slug:` in the front matter",
                    d.slug,
                    prev.path.clone().unwrap_or_default().display()
                ),
            ));
        }
    }
}

/// The slug of a content file: front matter `slug`, else the file stem.
pub fn slug_for(path: &Path, fm: &FrontMatter) -> String {
    fm.slug.clone().unwrap_or_else(|| {
        path.file_stem()
            .and_then(|s| s.to_str())
            .map(slug::slugify)
            .unwrap_or_default()
    })
}

pub(crate) fn parse_kind(s: &str) -> Option<DocKind> {
    DocKind::parse(s)
}

/// Plain text of an inline-Markdown paragraph: footnote references and
/// emphasis markers removed, escapes undone (the JSON `text`).
/// [`plain_text`] of a paragraph's text, sharing the text itself when it
/// holds no markup (most paragraphs): a large compendium then keeps one copy
/// of its words, not two.
pub fn plain_shared(md: &std::sync::Arc<str>) -> std::sync::Arc<str> {
    if has_no_markup(md) && md.trim().len() == md.len() {
        md.clone()
    } else {
        std::sync::Arc::from(plain_text(md))
    }
}

/// Text that [`plain_text`] gives back trimmed and otherwise unchanged.
fn has_no_markup(md: &str) -> bool {
    // (SIMD byte searches: a set of chars is searched a char at a time.)
    let b = md.as_bytes();
    memchr::memchr3(b'[', b'*', b'_', b).is_none()
        && memchr::memchr(b'\\', b).is_none()
        && !md.contains("  ")
}

/// Characters no text may carry into the site: C0 controls other than tab
/// and line breaks (an XML file with one is not well-formed), and the
/// private-use characters the pipeline uses as its own markers (U+E000 to
/// U+E01F: content holding them could forge a footnote call or a link).
pub fn is_forbidden_char(c: char) -> bool {
    (c < ' ' && !matches!(c, '\t' | '\n' | '\r')) || ('\u{E000}'..='\u{E01F}').contains(&c)
}

/// `text` without [`is_forbidden_char`]s (borrowed when it has none).
pub fn strip_forbidden(text: &str) -> std::borrow::Cow<'_, str> {
    if text.chars().any(is_forbidden_char) {
        std::borrow::Cow::Owned(text.chars().filter(|&c| !is_forbidden_char(c)).collect())
    } else {
        std::borrow::Cow::Borrowed(text)
    }
}

pub fn plain_text(md: &str) -> String {
    use std::sync::LazyLock;
    static REF: LazyLock<regex::Regex> =
        LazyLock::new(|| regex::Regex::new(r"\[\^[^\]\s]+\]").unwrap());
    static EMPH: LazyLock<regex::Regex> = LazyLock::new(|| {
        regex::Regex::new(r"(\*{1,2}|_{1,2})([^*_\s](?:[^*_]*[^*_\s])?)(\*{1,2}|_{1,2})").unwrap()
    });
    static LINK: LazyLock<regex::Regex> =
        LazyLock::new(|| regex::Regex::new(r"\[([^\]]+)\]\([^)]*\)").unwrap());
    if has_no_markup(md) {
        return md.trim().to_string();
    }
    // Each step only where its mark is (most paragraphs have a footnote
    // call or an emphasized verb, few have links or escapes).
    let mut t = std::borrow::Cow::Borrowed(md);
    if t.contains("[^") {
        t = std::borrow::Cow::Owned(REF.replace_all(&t, "").into_owned());
    }
    if t.contains("](") {
        t = std::borrow::Cow::Owned(LINK.replace_all(&t, "$1").into_owned());
    }
    if memchr::memchr2(b'*', b'_', t.as_bytes()).is_some() {
        t = std::borrow::Cow::Owned(EMPH.replace_all(&t, "$2").into_owned());
    }
    if t.contains('\\') {
        t = std::borrow::Cow::Owned(
            t.replace("\\*", "*")
                .replace("\\_", "_")
                .replace("\\[", "["),
        );
    }
    collapse(&t)
}

/// White space collapsed to single spaces, trimmed (one allocation).
///
/// The same as joining `s.split_whitespace()` with spaces, but copied a
/// stretch at a time: in most paragraphs every gap is already one ASCII
/// space, and the whole text is one copy.
pub(crate) fn collapse(s: &str) -> String {
    if is_collapsed(s) {
        return s.to_string();
    }
    let b = s.as_bytes();
    let mut out = String::with_capacity(s.len());
    // Start of the stretch not yet copied.
    let mut from = 0;
    let mut i = 0;
    while i < b.len() {
        let c = b[i];
        if !MAY_START_WHITESPACE[c as usize] {
            i += 1;
            continue;
        }
        // The common case: one space between two other characters.
        if c == b' '
            && i > 0
            && b.get(i + 1)
                .is_some_and(|&n| !MAY_START_WHITESPACE[n as usize])
        {
            i += 1;
            continue;
        }
        let width = whitespace_at(s, i);
        if width == 0 {
            i += 1;
            continue;
        }
        // A run of white space from i.
        let start = i;
        i += width;
        loop {
            let w = whitespace_at(s, i);
            if w == 0 {
                break;
            }
            i += w;
        }
        let single = i - start == 1 && b[start] == b' ';
        if single && start > 0 && i < b.len() {
            continue; // already as it should be
        }
        out.push_str(&s[from..start]);
        if !out.is_empty() && i < b.len() {
            out.push(' ');
        }
        from = i;
    }
    out.push_str(&s[from..]);
    out
}

/// Is `s` as [`collapse`] would give it back: no white space but single
/// ASCII spaces between other characters? Told by a few SIMD byte searches
/// (most paragraphs, one line each, are): line breaks and other ASCII
/// controls, two spaces, a space at either end, and the non-ASCII white
/// space characters, found from their lead bytes.
fn is_collapsed(s: &str) -> bool {
    use memchr::{memchr2, memchr3, memchr3_iter, memchr_iter};
    let b = s.as_bytes();
    match (b.first(), b.last()) {
        (Some(b' '), _) | (_, Some(b' ')) => return false,
        _ => {}
    }
    memchr3(b'\n', b'\t', b'\r', b).is_none()
        && memchr2(0x0B, 0x0C, b).is_none()
        && memchr::memmem::find(b, b"  ").is_none()
        && memchr3_iter(0xC2, 0xE1, 0xE3, b).all(|i| whitespace_at(s, i) == 0)
        && memchr_iter(0xE2, b).all(|i| whitespace_at(s, i) == 0)
}

/// Bytes a white space character can begin with: ASCII white space and
/// the lead bytes of the non-ASCII ones (see [`whitespace_at`]).
static MAY_START_WHITESPACE: [bool; 256] = {
    let mut t = [false; 256];
    let mut i = 0;
    while i < 256 {
        t[i] = matches!(i, 0x09..=0x0D | 0x20 | 0xC2 | 0xE1 | 0xE2 | 0xE3);
        i += 1;
    }
    t
};

/// The byte length of the white space character at `i` (a char
/// boundary or the end of `s`), or 0: Unicode's White_Space, what
/// `char::is_whitespace` says, read from the UTF-8 bytes.
#[inline]
fn whitespace_at(s: &str, i: usize) -> usize {
    match s.as_bytes().get(i..).unwrap_or_default() {
        [0x09..=0x0D | 0x20, ..] => 1,
        // U+0085, U+00A0
        [0xC2, 0x85 | 0xA0, ..] => 2,
        // U+1680
        [0xE1, 0x9A, 0x80, ..] => 3,
        // U+2000..U+200A, U+2028, U+2029, U+202F
        [0xE2, 0x80, 0x80..=0x8A | 0xA8 | 0xA9 | 0xAF, ..] => 3,
        // U+205F
        [0xE2, 0x81, 0x9F, ..] => 3,
        // U+3000
        [0xE3, 0x80, 0x80, ..] => 3,
        _ => 0,
    }
}

#[cfg(test)]
mod plain_tests {
    #[test]
    fn collapse_is_split_whitespace_joined() {
        let reference = |s: &str| s.split_whitespace().collect::<Vec<_>>().join(" ");
        for s in [
            "",
            " ",
            "a",
            "a b",
            " a b ",
            "a  b",
            "a\tb\nc\r\nd",
            "a \u{0B}b\u{0C}c",
            "Prie\u{A0}; et\u{202F}: « oui »",
            "\u{3000}全\u{1680}x\u{85}y\u{2028}z\u{205F}",
            "é è  ê\u{2009}ô",
            "   lead and trail   ",
            "x\u{200B}y", // zero width space is not white space
            "’ « » — … \u{2000}\u{200A}\u{2029}\u{202F}\u{2030}\u{3001}\u{1681}",
        ] {
            assert_eq!(super::collapse(s), reference(s), "{s:?}");
        }
        // Every character, alone and between letters.
        for c in (0..=0x10FFFFu32).filter_map(char::from_u32) {
            let s = format!("a{c}b{c}");
            assert_eq!(super::collapse(&s), reference(&s), "U+{:04X}", c as u32);
        }
    }

    #[test]
    fn strips_markup_and_refs() {
        assert_eq!(
            super::plain_text("*Note avec satisfaction* que la Convention[^3] a atteint 172,"),
            "Note avec satisfaction que la Convention a atteint 172,"
        );
        assert_eq!(super::plain_text("feu [^34]»,"), "feu »,");
    }

    #[test]
    fn shared_plain_text_is_the_plain_text() {
        use std::sync::Arc;
        for md in [
            "Rappelant sa résolution 5/1,",
            " espace ",
            "*Prie* l’Office[^2] ;",
            "a  b",
        ] {
            let md: Arc<str> = Arc::from(md);
            let shared = super::plain_shared(&md);
            assert_eq!(&*shared, super::plain_text(&md), "{md:?}");
            assert_eq!(
                Arc::ptr_eq(&shared, &md),
                md.as_ref() == "Rappelant sa résolution 5/1,"
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn content_files_come_in_path_order_and_skip_editor_files() {
        let dir = tempfile::tempdir().unwrap();
        let names = [
            "b.md",
            "a.md",
            "a/x.md",
            "a-b.md",
            "a/b/c.md",
            "a b.md",
            "A.md",
            "é.md",
            "z/.hidden.md",
            "z/#draft.md",
            "z/old.md~",
            "z/notes.txt",
            "z/y.md",
        ];
        for n in names {
            let p = dir.path().join(n);
            std::fs::create_dir_all(p.parent().unwrap()).unwrap();
            std::fs::write(&p, "x").unwrap();
        }
        let got = content_files(dir.path());
        let mut want: Vec<PathBuf> = [
            "b.md", "a.md", "a/x.md", "a-b.md", "a/b/c.md", "a b.md", "A.md", "é.md", "z/y.md",
        ]
        .iter()
        .map(|n| dir.path().join(n))
        .collect();
        want.sort();
        assert_eq!(got, want);
    }
}
