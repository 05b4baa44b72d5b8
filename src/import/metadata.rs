//! Last stage: segmented text -> documents, with the metadata read from
//! the cover (title, number, symbol, date, body, language), the drafts a
//! report contains, the slugs, and a last repair of what `build` would
//! reject.

use super::segment::RawDoc;
use super::text::{self, Vocabulary};
use super::{cover, ImportReport, Parsed};
use crate::model::{assign_anchors, DocKind, Document, Heading, Note, ParaKind, Paragraph};
use regex::Regex;
use std::sync::LazyLock;

fn clean(text: &str, vocab: &Vocabulary) -> String {
    text::repair_split_words(&text::normalize_spacing(text), vocab)
}

static DRAFT_SYMBOL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?:projet de (?:résolution|décision)|draft (?:resolution|decision))\s+([A-Z][A-Za-z0-9./\-]+?)\s*\((?:voir|see)[^)]*?(?:projet de (?:résolution|décision)|draft (?:resolution|decision))\s+([IVXL]+)\)")
        .unwrap()
});
static STRIP_STAR: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"\s*\*+\s*$").unwrap());

pub(super) fn build_documents(p: &Parsed, vocab: &Vocabulary, report: &mut ImportReport) {
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
        if doc.kind == DocKind::Report {
            doc.title = raw
                .report_title
                .as_deref()
                .map(|t| clean(&text::normalize_spacing(t), vocab));
        }
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
                dash: para.dash,
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
        crate::model::mark_unnumbered_operative_by_part(
            doc.kind,
            &mut doc.paragraphs,
            &doc.headings,
        );
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
        .filter(|h| h.level == 2 && crate::model::is_part_label(&h.text))
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
            _ if p.dash => "– ".to_string(),
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
pub(super) fn assign_slugs(docs: &mut [Document]) {
    let mut used = std::collections::HashSet::new();
    for d in docs.iter_mut() {
        let base = if let Some(s) = d.symbol.as_ref().or(implied_symbol(d).as_ref()) {
            slug::slugify(s)
        } else if let Some(n) = &d.number {
            format!("{}-{}", kind_word(d.kind), slug::slugify(n))
        } else if let Some(t) = &d.title {
            let words: Vec<&str> = t.split_whitespace().take(7).collect();
            slug::slugify(words.join(" "))
        } else if let Some(date) = &d.date {
            // Two decisions printed with no number must not share a slug
            // (the second would overwrite the first): their dates differ.
            format!("{}-{date}", kind_word(d.kind))
        } else if let Some(stem) = d
            .source
            .as_deref()
            .and_then(|s| std::path::Path::new(s).file_stem()?.to_str())
            .map(slug::slugify)
            .filter(|s| !s.is_empty())
        {
            stem
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn documents_without_number_get_distinct_slugs() {
        let doc = |date: Option<&str>, source: &str| {
            let mut d = Document::new(DocKind::Decision);
            d.date = date.map(str::to_string);
            d.source = Some(source.to_string());
            d
        };
        let mut docs = vec![
            doc(Some("2025-09-12"), "in/a.txt"),
            doc(Some("2024-12-06"), "in/b.txt"),
            doc(None, "in/Decision 79-537.txt"),
        ];
        assign_slugs(&mut docs);
        let slugs: Vec<&str> = docs.iter().map(|d| d.slug.as_str()).collect();
        assert_eq!(
            slugs,
            [
                "decision-2025-09-12",
                "decision-2024-12-06",
                "decision-79-537"
            ]
        );
    }
}
