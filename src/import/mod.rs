//! `import`: raw text extractions -> documents.
//!
//! The stages, each in its own module, data flowing one way:
//! 1. [`decode`](mod@decode): bytes -> text (UTF-8 checked, control and marker
//!    characters out, notes written inline turned into Markdown notes);
//! 2. [`furniture`]: what each line is — page furniture (running headers
//!    and footers, job numbers, bar codes, page markers, a running title
//!    learned from what repeats at page boundaries), a footnote rule, text;
//! 3. [`lines`]: the logical lines of the body (a number alone on its line
//!    joined to its text) and the footnote blocks lifted out of it;
//! 4. [`calls`]: each footnote's call found in the body, by note order;
//! 5. [`segment`]: documents, headings and paragraphs, by how lines open
//!    ([`shape`] and the per-language words of [`lexicon`]), the cover and
//!    closing lines read by [`cover`];
//! 6. [`text`]: spacing and split words repaired against the vocabulary;
//! 7. [`metadata`]: documents assembled with what the cover states (title,
//!    number, symbol, date, body, language), slugs, and a last repair of
//!    what `build` would reject.

pub mod calls;
pub mod cover;
pub mod decode;
pub mod furniture;
pub use crate::model::lexicon;
mod line_regex;
pub mod lines;
pub mod metadata;
pub mod segment;
pub mod shape;
pub mod text;

use crate::model::{Document, ParaKind};
use decode::{bracket_notes, inline_notes, without_controls};
use metadata::{assign_slugs, build_documents};
use rayon::prelude::*;
use segment::RawDoc;
use text::Vocabulary;

/// One extraction to import.
#[derive(Debug, Clone)]
pub struct SourceText {
    /// Path as recorded in the documents' `source` field.
    pub path: String,
    pub bytes: Vec<u8>,
}

#[derive(Debug, Default)]
pub struct ImportReport {
    pub documents: Vec<Document>,
    pub warnings: Vec<String>,
    /// Files that could not be imported (the others were): a batch goes on.
    pub failed: Vec<ImportError>,
}

#[derive(Debug, thiserror::Error)]
pub enum ImportError {
    #[error("{path}: the file is empty; nothing to import")]
    Empty { path: String },
    #[error("{path}: this is not a text file (binary content at byte {offset}); import takes UTF-8 text extractions")]
    Binary { path: String, offset: usize },
    #[error("{path}:{line}: the file is not valid UTF-8 (near byte {offset}); convert it with `iconv -t UTF-8` first")]
    NotUtf8 {
        path: String,
        line: usize,
        offset: usize,
    },
    #[error("{path}: no recognisable structure: found no preambular, operative or numbered paragraphs (expected lines such as « 1. Décide … » or « Rappelant …, »)")]
    NoStructure { path: String },
}

struct Parsed {
    path: String,
    docs: Vec<RawDoc>,
    notes: Vec<lines::RawNote>,
    note_calls: Vec<Option<calls::Pos>>,
    header_symbols: Vec<(String, usize)>,
    /// `en`, `fr` or `es`.
    language: &'static str,
}

/// Decode and sanity-check a file's bytes.
pub fn decode(src: &SourceText) -> Result<&str, ImportError> {
    let path = src.path.clone();
    if src.bytes.iter().all(|b| b.is_ascii_whitespace()) {
        return Err(ImportError::Empty { path });
    }
    if let Some(offset) = src.bytes.iter().position(|b| *b == 0) {
        return Err(ImportError::Binary { path, offset });
    }
    match std::str::from_utf8(&src.bytes) {
        Ok(t) => Ok(t.trim_start_matches('\u{feff}')),
        Err(e) => {
            let offset = e.valid_up_to();
            let line = src.bytes[..offset].iter().filter(|b| **b == b'\n').count() + 1;
            let controls = src.bytes.iter().filter(|b| **b < 9).count();
            if controls > 0 {
                Err(ImportError::Binary { path, offset })
            } else {
                Err(ImportError::NotUtf8 { path, line, offset })
            }
        }
    }
}

/// Import several extractions at once: they share one vocabulary, so a word
/// split in one file is repaired by its whole form in another.
pub fn import_sources(sources: &[SourceText]) -> Result<ImportReport, ImportError> {
    // Files are parsed, and their words counted, in parallel. A file that
    // fails is reported and the others imported; when none can be, the
    // first failure (in the order given) is the error.
    let parsed: Vec<Result<(Parsed, Vocabulary), ImportError>> =
        sources.par_iter().map(parse_source).collect();
    let mut failed = Vec::new();
    let mut good = Vec::new();
    for r in parsed {
        match r {
            Ok(p) => good.push(p),
            Err(e) => failed.push(e),
        }
    }
    if good.is_empty() && !failed.is_empty() {
        return Err(failed.remove(0));
    }
    let (parsed, counts): (Vec<Parsed>, Vec<Vocabulary>) = good.into_iter().unzip();
    let mut vocab = counts
        .into_par_iter()
        .reduce(Vocabulary::default, |mut a, b| {
            a.merge(b);
            a
        });

    vocab.index_parts();
    let built: Vec<ImportReport> = parsed
        .par_iter()
        .map(|p| {
            let mut report = ImportReport::default();
            build_documents(p, &vocab, &mut report);
            report
        })
        .collect();
    let mut report = ImportReport {
        failed,
        ..ImportReport::default()
    };
    for r in built {
        report.documents.extend(r.documents);
        report.warnings.extend(r.warnings);
    }
    for (order, d) in report.documents.iter_mut().enumerate() {
        d.order = Some(order as i64);
    }
    assign_slugs(&mut report.documents);
    // Drafts point at the report that contains them, by slug.
    let slugs: Vec<(String, String)> = report
        .documents
        .iter()
        .map(|d| (d.source.clone().unwrap_or_default(), d.slug.clone()))
        .collect();
    for d in report.documents.iter_mut() {
        if d.contained_in.as_deref() == Some("") {
            d.contained_in = slugs
                .iter()
                .find(|(s, _)| Some(s) == d.source.as_ref())
                .map(|(_, slug)| slug.clone());
        }
    }
    Ok(report)
}

/// One file: its structure, and the counts of its words.
fn parse_source(src: &SourceText) -> Result<(Parsed, Vocabulary), ImportError> {
    let text = &*without_controls(decode(src)?);
    let text = &*inline_notes(text);
    let text = &*bracket_notes(text);
    let mut stream = lines::split_stream(text);
    let note_calls = calls::mark_calls(&mut stream.lines, &stream.notes);
    let mut docs = segment::segment(&stream.lines);
    if docs.iter().all(|d| d.paragraphs.is_empty()) {
        return Err(ImportError::NoStructure {
            path: src.path.clone(),
        });
    }
    // Paragraphs and notes get their spacing normalized here, once: the
    // words are counted, the drafts' symbols looked for and the split
    // words repaired in that text.
    let mut vocab = Vocabulary::for_text(text.len());
    for para in docs.iter_mut().flat_map(|d| &mut d.paragraphs) {
        para.text = text::normalize_spacing(&para.text);
        vocab.add_text(&para.text);
    }
    for n in &mut stream.notes {
        n.text = text::normalize_spacing(&n.text);
        vocab.add_text(&n.text);
    }
    let parsed = Parsed {
        path: src.path.clone(),
        docs,
        notes: stream.notes,
        note_calls,
        header_symbols: stream.header_symbols,
        language: cover::detect_language(text),
    };
    Ok((parsed, vocab))
}

/// One line per document for the import summary.
pub fn summarize(doc: &Document) -> String {
    let mut parts = vec![];
    let pp = doc.count(ParaKind::Preamble);
    let op = doc.count(ParaKind::Operative);
    let sub = doc.count(ParaKind::Subparagraph);
    let rp = doc.count(ParaKind::ReportPara);
    if pp > 0 {
        parts.push(format!("{pp} preambular"));
    }
    if op > 0 {
        parts.push(format!("{op} operative"));
    }
    if sub > 0 {
        parts.push(format!("{sub} sub-paragraphs"));
    }
    if rp > 0 {
        parts.push(format!("{rp} report paragraphs"));
    }
    let mut annexes: Vec<(String, usize)> = Vec::new();
    for p in doc
        .paragraphs
        .iter()
        .filter(|p| p.kind == Some(ParaKind::AnnexItem))
    {
        let a = p.annex.clone().unwrap_or_default();
        match annexes.last_mut() {
            Some(last) if last.0 == a => last.1 += 1,
            _ => annexes.push((a, 1)),
        }
    }
    for (annex, n) in annexes {
        let name = if annex.is_empty() {
            "annex".to_string()
        } else {
            format!("annex {annex}")
        };
        parts.push(format!("{name}: {n} paragraphs"));
    }
    parts.push(format!("{} notes", doc.notes.len()));
    format!(
        "{:<45} {:<17} {}",
        doc.slug,
        doc.kind.as_str(),
        parts.join(", ")
    )
}
