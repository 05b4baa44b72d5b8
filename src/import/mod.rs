//! `import`: raw text extractions -> documents.
//!
//! The stages, each in its own module:
//! 1. [`lines`] drops page furniture and lifts footnote blocks out of the body;
//! 2. [`calls`] finds each footnote's call in the body, guided by note order;
//! 3. [`segment`] cuts the body into documents, headings and paragraphs;
//! 4. [`text`] repairs spacing and split words against the corpus vocabulary;
//! 5. this module reads the metadata that is there and assembles [`Document`]s.

pub mod calls;
pub mod cover;
pub mod lexicon;
pub mod lines;
pub mod segment;
pub mod text;

use crate::model::{assign_anchors, DocKind, Document, Heading, Note, ParaKind, Paragraph};
use rayon::prelude::*;
use regex::Regex;
use segment::RawDoc;
use std::sync::LazyLock;
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

/// The text without control or marker characters (see
/// [`crate::content::is_forbidden_char`]); a form feed (a page break) at a
/// line's start is dropped, elsewhere it is a space. Line numbers stay.
fn without_controls(text: &str) -> std::borrow::Cow<'_, str> {
    use crate::content::is_forbidden_char;
    if !text.chars().any(is_forbidden_char) {
        return std::borrow::Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len());
    let mut line_start = true;
    for c in text.chars() {
        match c {
            '\u{c}' if line_start => {}
            '\u{c}' => out.push(' '),
            c if is_forbidden_char(c) => {}
            c => {
                out.push(c);
                line_start = c == '\n';
            }
        }
    }
    std::borrow::Cow::Owned(out)
}

/// Notes written inline, « (Footnote: See A/80/PV.2.) » (the iGov
/// database's texts), become Markdown notes: a call `[^n]` where the note
/// stood and its text at the end, which the note pass reads.
fn inline_notes(text: &str) -> std::borrow::Cow<'_, str> {
    static NOTE: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(
            r"\s?\((?:Footnote|Note de bas de page|Nota)\s*:\s*([^()]*(?:\([^()]*\)[^()]*)*)\)",
        )
        .unwrap()
    });
    if !NOTE.is_match(text) {
        return std::borrow::Cow::Borrowed(text);
    }
    let mut notes = Vec::new();
    let body = NOTE.replace_all(text, |c: &regex::Captures| {
        notes.push(c[1].trim().to_string());
        format!("[^{}]", notes.len())
    });
    let mut out = body.trim_end().to_string();
    out.push_str("\n\n");
    for (i, n) in notes.iter().enumerate() {
        out.push_str(&format!("[^{}]: {n}\n", i + 1));
    }
    std::borrow::Cow::Owned(out)
}

fn clean(text: &str, vocab: &Vocabulary) -> String {
    text::repair_split_words(&text::normalize_spacing(text), vocab)
}

static DRAFT_SYMBOL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?:projet de (?:résolution|décision)|draft (?:resolution|decision))\s+([A-Z][A-Za-z0-9./\-]+?)\s*\((?:voir|see)[^)]*?(?:projet de (?:résolution|décision)|draft (?:resolution|decision))\s+([IVXL]+)\)")
        .unwrap()
});
static STRIP_STAR: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"\s*\*+\s*$").unwrap());

fn build_documents(p: &Parsed, vocab: &Vocabulary, report: &mut ImportReport) {
    // Which document holds a body line.
    let doc_of_line = |line: usize| -> usize {
        p.docs
            .iter()
            .position(|d| line >= d.start && line < d.end)
            .unwrap_or(p.docs.len().saturating_sub(1))
    };
    let mut notes_per_doc: Vec<Vec<Note>> = vec![Vec::new(); p.docs.len()];
    for (note, call) in p.notes.iter().zip(&p.note_calls) {
        let owner = match call {
            Some(pos) => doc_of_line(pos.line),
            None => {
                let written = p
                    .docs
                    .iter()
                    .flat_map(|d| &d.paragraphs)
                    .any(|para| para.text.contains(&format!("[^{}]", note.marker)));
                if !note.marker.starts_with('*') && !written {
                    report.warnings.push(format!(
                        "{}:{}: footnote {} is defined but its call was not found in the text before it",
                        p.path, note.line_no, note.marker
                    ));
                }
                doc_of_line(note.def_pos.saturating_sub(1))
            }
        };
        let (text, _) = text::sentinels_to_refs(&text::repair_split_words(&note.text, vocab));
        notes_per_doc[owner].push(Note {
            marker: note.marker.clone(),
            text,
            citations: Vec::new(),
        });
    }

    // Symbols the report gives its drafts: « projet de résolution A/C.3/77/L.2 (voir par. 31, projet de résolution I) ».
    let mut draft_symbols: Vec<(String, String)> = Vec::new();
    for d in &p.docs {
        for para in &d.paragraphs {
            for c in DRAFT_SYMBOL.captures_iter(&para.text) {
                draft_symbols.push((c[2].to_string(), c[1].to_string()));
            }
        }
    }

    for (i, raw) in p.docs.iter().enumerate() {
        let mut doc = Document::new(raw.kind);
        doc.source = Some(p.path.clone());
        doc.number = raw.number.clone();
        doc.language = Some(p.language.to_string());
        doc.date = cover::adoption_date(&raw.cover);
        let mut title_blocks = Vec::new();
        for b in &raw.head_blocks {
            let b = text::normalize_spacing(b);
            if segment_hint_draft(&b) {
                if doc.kind == DocKind::Resolution {
                    doc.kind = DocKind::DraftResolution;
                }
            } else {
                title_blocks.push(b);
            }
        }
        if raw.draft_label.is_some() && doc.kind == DocKind::Resolution {
            doc.kind = DocKind::DraftResolution;
        }
        let title = title_blocks.join(" ");
        let (title, _) = text::sentinels_to_refs(&clean(&title, vocab));
        let title = STRIP_STAR.replace(&title, "").trim().to_string();
        doc.title = (!title.is_empty() && doc.kind != DocKind::Report).then_some(title);
        if let Some(f) = &raw.formula {
            let f = clean(f, vocab);
            doc.body = Some(f.trim_end_matches([',', ' ']).to_string());
        }
        // Symbol: the running header names the file's main document.
        if let Some(label) = &raw.draft_label {
            doc.symbol = if label.is_empty() {
                adopted_symbol(&p.docs[..i])
            } else {
                draft_symbols
                    .iter()
                    .find(|(l, _)| l == label)
                    .map(|(_, s)| s.clone())
            };
            if i > 0 && p.docs[0].kind == DocKind::Report {
                doc.contained_in = Some(String::new()); // resolved to a slug later
            }
        } else if i == 0 {
            doc.symbol = p
                .header_symbols
                .first()
                .map(|(s, _)| s.clone())
                .or_else(|| raw.cover_symbol.clone());
        }
        if doc.body.is_none() && doc.kind == DocKind::Report {
            doc.body = doc
                .symbol
                .as_deref()
                .and_then(|s| body_from_symbol(s, p.language))
                .map(str::to_string);
        }
        for para in &raw.paragraphs {
            let (text, footnotes) =
                text::sentinels_to_refs(&text::repair_split_words(&para.text, vocab));
            doc.paragraphs.push(Paragraph {
                kind: Some(para.kind),
                number: para.number.clone(),
                letter: para.letter.clone(),
                annex: para.annex.clone().filter(|a| !a.is_empty()),
                section: if para.kind == ParaKind::ReportPara || para.kind == ParaKind::Subparagraph
                {
                    para.section.clone()
                } else {
                    None
                },
                text: text.into(),
                footnotes,
                line: para.line_no,
                ..Paragraph::default()
            });
        }
        for h in &raw.headings {
            doc.headings.push(Heading {
                level: h.level,
                text: clean(&h.text, vocab),
                before: h.before,
            });
        }
        crate::model::mark_unnumbered_operative(doc.kind, &mut doc.paragraphs);
        crate::model::mark_restarting_parts(&mut doc.paragraphs, &doc.headings);
        make_buildable(&mut doc, &p.path, &mut report.warnings);
        doc.notes = std::mem::take(&mut notes_per_doc[i]);
        report.documents.push(doc);
    }
}

/// What `build` would reject, repaired: a paragraph whose anchor repeats
/// one before it (a label read twice) or an unnumbered paragraph after
/// the operative part began is joined to the paragraph before it, with
/// its label, and a warning names it. The wording is all kept.
fn make_buildable(doc: &mut Document, path: &str, warnings: &mut Vec<String>) {
    // A part heading (`## B`) may open a preamble of its own.
    let part_starts: Vec<usize> = doc
        .headings
        .iter()
        .filter(|h| {
            h.level == 2 && h.text.len() == 1 && h.text.chars().all(|c| c.is_ascii_uppercase())
        })
        .map(|h| h.before)
        .collect();
    loop {
        assign_anchors(&mut doc.paragraphs);
        let mut seen = std::collections::HashSet::new();
        let mut numbered = false;
        let mut index = 0;
        let bad = doc.paragraphs.iter().position(|p| {
            if part_starts.contains(&index) {
                numbered = false;
            }
            index += 1;
            let kind = p.kind.unwrap_or(ParaKind::Preamble);
            let late_preamble = kind == ParaKind::Preamble && numbered;
            numbered |= matches!(kind, ParaKind::Operative | ParaKind::ReportPara);
            !seen.insert(p.anchor.clone()) || late_preamble
        });
        let Some(i) = bad.filter(|&i| i > 0) else {
            return;
        };
        let p = doc.paragraphs.remove(i);
        let label = match (p.kind, &p.number, &p.letter) {
            (_, _, Some(l)) => format!("({l}) "),
            (
                Some(ParaKind::Operative | ParaKind::ReportPara | ParaKind::AnnexItem),
                Some(n),
                _,
            ) => {
                format!("{n}. ")
            }
            _ => String::new(),
        };
        warnings.push(format!(
            "{path}:{}: paragraph {} joined to the one before it (its label repeats, or it breaks the numbering): check it",
            p.line, p.anchor
        ));
        let prev = &mut doc.paragraphs[i - 1];
        prev.text = format!("{} {label}{}", prev.text, p.text).into();
        prev.footnotes.extend(p.footnotes);
        for h in doc.headings.iter_mut().filter(|h| h.before > i) {
            h.before -= 1;
        }
    }
}

/// The one draft a report says its committee adopted (« the Committee
/// adopted draft resolution A/C.6/77/L.4 », « a adopté le projet de
/// résolution A/C.3/77/L.2 »), for the single draft it recommends.
fn adopted_symbol(before: &[RawDoc]) -> Option<String> {
    static ADOPTED: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"(?i)(?:adopted|a\s+adopté|aprobó)\s+(?:the\s+)?(?:revised\s+)?(?:draft\s+(?:resolution|decision)|le\s+projet\s+de\s+(?:résolution|décision)|el\s+proyecto\s+de\s+(?:resolución|decisión))\s+([A-Z]{1,2}/[A-Za-z0-9./\-]*[A-Za-z0-9])")
            .unwrap()
    });
    let report = before.first().filter(|d| d.kind == DocKind::Report)?;
    let mut found: Vec<String> = report
        .paragraphs
        .iter()
        .flat_map(|p| ADOPTED.captures_iter(&p.text).map(|c| c[1].to_string()))
        .collect();
    found.dedup();
    (found.len() == 1).then(|| found.remove(0))
}

fn segment_hint_draft(block: &str) -> bool {
    static HINT: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"^(?:Projet de (?:résolution|décision)|Draft (?:resolution|decision))\b")
            .unwrap()
    });
    HINT.is_match(block)
}

/// The issuing body implied by a UN symbol series, for reports that state
/// none, in the report's language (French unless English).
fn body_from_symbol(symbol: &str, language: &str) -> Option<&'static str> {
    const BODIES: &[(&str, &str, &str)] = &[
        ("CTOC/COP", "Conférence des Parties à la Convention des Nations Unies contre la criminalité transnationale organisée", "Conference of the Parties to the United Nations Convention against Transnational Organized Crime"),
        ("CAC/COSP", "Conférence des États parties à la Convention des Nations Unies contre la corruption", "Conference of the States Parties to the United Nations Convention against Corruption"),
        ("E/CN.15", "Commission pour la prévention du crime et la justice pénale", "Commission on Crime Prevention and Criminal Justice"),
        ("E/CN.7", "Commission des stupéfiants", "Commission on Narcotic Drugs"),
        ("A/HRC", "Conseil des droits de l’homme", "Human Rights Council"),
        ("S/", "Conseil de sécurité", "Security Council"),
        ("E/", "Conseil économique et social", "Economic and Social Council"),
        ("A/", "Assemblée générale", "General Assembly"),
    ];
    let s = symbol.to_uppercase();
    BODIES
        .iter()
        .find(|(prefix, _, _)| s.starts_with(prefix))
        .map(|&(_, fr, en)| if language == "en" { en } else { fr })
}

/// Stable, readable slugs: symbol, else kind and number, else title.
fn assign_slugs(docs: &mut [Document]) {
    let mut used = std::collections::HashSet::new();
    for d in docs.iter_mut() {
        let base = if let Some(s) = d.symbol.as_ref().or(implied_symbol(d).as_ref()) {
            slug::slugify(s)
        } else if let Some(n) = &d.number {
            format!("{}-{}", kind_word(d.kind), slug::slugify(n))
        } else if let Some(t) = &d.title {
            let words: Vec<&str> = t.split_whitespace().take(7).collect();
            slug::slugify(words.join(" "))
        } else {
            kind_word(d.kind).to_string()
        };
        let mut slug = base.clone();
        let mut n = 2;
        while !used.insert(slug.clone()) {
            slug = format!("{base}-{n}");
            n += 1;
        }
        d.slug = slug;
    }
}

/// The symbol a resolution's number implies when the text prints none
/// (for its slug only): `1373 (2001)` is S/RES/1373 (2001), `80/1` of the
/// General Assembly A/RES/80/1.
fn implied_symbol(d: &Document) -> Option<String> {
    static SC: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"^\d{1,4} \(\d{4}\)$").unwrap());
    static GA: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"^\d{1,3}/\d{1,4}$").unwrap());
    let n = d.number.as_deref()?;
    if d.kind != DocKind::Resolution {
        return None;
    }
    let body = d.body.as_deref().unwrap_or("").to_lowercase();
    if SC.is_match(n) {
        Some(format!("S/RES/{n}"))
    } else if GA.is_match(n)
        && (body.contains("general assembly") || body.contains("assemblée générale"))
    {
        Some(format!("A/RES/{n}"))
    } else {
        None
    }
}

fn kind_word(kind: DocKind) -> &'static str {
    match kind {
        DocKind::Resolution => "resolution",
        DocKind::Decision => "decision",
        DocKind::DraftResolution => "projet",
        DocKind::Report => "rapport",
        DocKind::Page => "page",
    }
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn inline_notes_become_markdown_notes() {
        let text = "At its 2nd plenary meeting, with 12 abstentions (Footnote: See A/80/PV.2.), the Assembly:\n(a) Endorsed the Declaration (Footnote: A/CONF.243/2025/1 (annex).).\n";
        let out = inline_notes(text);
        assert_eq!(
            out,
            "At its 2nd plenary meeting, with 12 abstentions[^1], the Assembly:\n(a) Endorsed the Declaration[^2].\n\n[^1]: See A/80/PV.2.\n[^2]: A/CONF.243/2025/1 (annex).\n"
        );
        assert!(matches!(
            inline_notes("No note here."),
            std::borrow::Cow::Borrowed(_)
        ));
    }
}
