//! The document model: plain data shared by every stage of the pipeline.
//!
//! Nothing here knows about files, Markdown or HTML. `import` and `content`
//! produce these values, `analyze` annotates them, `render` and `site` read them.

use serde::{Deserialize, Serialize};

mod items;
pub mod lexicon;
mod operative;
pub use items::{dash_ordinal, dash_parent};
pub use operative::{mark_unnumbered_operative, mark_unnumbered_operative_by_part};

/// What kind of UN text a document is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, PartialOrd, Ord)]
#[serde(rename_all = "snake_case")]
pub enum DocKind {
    Resolution,
    Decision,
    DraftResolution,
    Report,
    /// A free Markdown page (e.g. `about.md`), not a UN text.
    Page,
}

impl DocKind {
    pub fn as_str(self) -> &'static str {
        match self {
            DocKind::Resolution => "resolution",
            DocKind::Decision => "decision",
            DocKind::DraftResolution => "draft_resolution",
            DocKind::Report => "report",
            DocKind::Page => "page",
        }
    }
    pub fn parse(s: &str) -> Option<DocKind> {
        Some(match s {
            "resolution" => DocKind::Resolution,
            "decision" => DocKind::Decision,
            "draft_resolution" => DocKind::DraftResolution,
            "report" => DocKind::Report,
            "page" => DocKind::Page,
            _ => return None,
        })
    }
    /// Resolution-like texts have a preamble and an operative part.
    pub fn is_resolution_like(self) -> bool {
        matches!(
            self,
            DocKind::Resolution | DocKind::Decision | DocKind::DraftResolution
        )
    }
}

/// The structural role of a paragraph; determines its anchor.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ParaKind {
    Preamble,
    Operative,
    Subparagraph,
    AnnexItem,
    ReportPara,
}

/// One citable paragraph.
#[derive(Debug, Clone, PartialEq, Hash, Default)]
pub struct Paragraph {
    pub anchor: String,
    pub kind: Option<ParaKind>,
    /// Number as written (`"3"`); for sub-paragraphs the parent's number.
    pub number: Option<String>,
    /// Letter of a lettered sub-paragraph or annex item (`"a"`); for a
    /// dash item, its parent's letter (none under `op8`, `a` under `op12a`).
    pub letter: Option<String>,
    /// A dash or bullet item (`- text` in the content) of the last
    /// paragraph before it that is not one: kind, number, letter, annex and
    /// section are its parent's, its anchor the parent's with `-n` (`op8-1`).
    pub dash: bool,
    /// Roman numeral of the annex the paragraph belongs to.
    pub annex: Option<String>,
    /// Roman numeral of the report section the paragraph belongs to.
    pub section: Option<String>,
    /// Letter of the part (`B`) of a resolution whose parts number their
    /// paragraphs from 1 again: it prefixes the anchor (`b-op1`).
    pub part: Option<String>,
    /// Inline Markdown, with footnote references written `[^n]`.
    pub text: std::sync::Arc<str>,
    /// The text without markup or footnote calls, filled in by analysis
    /// (topics, search and the JSON export all read it). Shared with the
    /// analysis findings watch mode keeps, so a rebuild does not copy it.
    pub plain: std::sync::Arc<str>,
    /// Markers of the footnotes called in this paragraph, in order.
    pub footnotes: Vec<String>,
    /// Topic overrides from the content: `+id` adds, `-id` removes.
    pub topics_add: Vec<String>,
    pub topics_remove: Vec<String>,
    /// Line of the paragraph in its content file (1-based; 0 when unknown).
    pub line: usize,
    /// Topics after analysis (rules, then overrides).
    pub topics: Vec<String>,
    /// Citations found by analysis.
    pub citations: Vec<Citation>,
    /// Mentions of another document's symbol (« projet de résolution
    /// A/C.3/77/L.2 »): links, not numbered citations.
    pub mentions: Vec<Citation>,
    /// Set by analysis (`analyze::lineage`): paragraphs of other documents
    /// sharing this one's wording, best first.
    pub similar: Vec<Similar>,
}

/// A paragraph of another document sharing a paragraph's wording.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Default)]
pub struct Similar {
    pub slug: String,
    pub anchor: String,
    /// Jaccard similarity of the two paragraphs' word shingles, in
    /// hundredths (100 for identical wording, at most 99 otherwise).
    pub score: u16,
    /// The same words in the same order (case and punctuation aside).
    pub identical: bool,
}

/// A numbered citation of a resolution or decision.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Citation {
    /// Label: `GA res 55/25`, `COP decision 2/2`, `SC res 1373 (2001)`.
    pub cited: String,
    /// The words of the text that cite it.
    pub surface: String,
    /// `slug#anchor` (or `slug`) when the cited text is in the compendium.
    pub target: Option<String>,
    /// Official document URL when one can be formed.
    pub href: Option<String>,
}

/// Where a document is cited from.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize, PartialOrd, Ord)]
pub struct CitedBy {
    pub slug: String,
    pub anchor: String,
}

/// A heading placed before the paragraph at index `before`.
#[derive(Debug, Clone, PartialEq, Hash)]
pub struct Heading {
    /// 2 = section / annex, 3 = subsection / annex title, 4 = thematic heading.
    pub level: u8,
    pub text: String,
    pub before: usize,
}

/// A footnote (`marker` is `"1"`, `"2"`, … or `"*"`).
#[derive(Debug, Clone, PartialEq, Hash)]
pub struct Note {
    pub marker: String,
    pub text: String,
    pub citations: Vec<Citation>,
}

/// One document of the compendium.
#[derive(Debug, Clone, PartialEq, Hash)]
pub struct Document {
    pub slug: String,
    pub kind: DocKind,
    pub title: Option<String>,
    /// Issuing body as written (« La Conférence des Parties … »).
    pub body: Option<String>,
    pub number: Option<String>,
    pub symbol: Option<String>,
    pub date: Option<String>,
    /// Language of the text (`en`, `fr`, `es`): detected at import.
    pub language: Option<String>,
    pub contained_in: Option<String>,
    pub source: Option<String>,
    /// Position in the compendium's reading order.
    pub order: Option<i64>,
    /// Document-level topic overrides.
    pub topics: Vec<String>,
    pub paragraphs: Vec<Paragraph>,
    pub headings: Vec<Heading>,
    pub notes: Vec<Note>,
    /// Free Markdown body for `kind: page`.
    pub markdown: Option<String>,
    /// Content file this document was loaded from (for error messages).
    pub path: Option<std::path::PathBuf>,
    /// Hash of the file text and path the document was parsed from (0
    /// when built otherwise): a cheap key for what depends on it alone.
    pub source_key: u64,
    /// Set by analysis in watch mode (else 0): a key of what its topics,
    /// citations and mentions were made from.
    pub analysis_key: u64,
    /// Set by analysis in watch mode (else 0): the stamp of the lineage
    /// index its similar paragraphs and comparison pages are those of.
    pub lineage_key: u64,
    /// Set by analysis: the number was inferred from citations, not stated.
    pub number_inferred: bool,
    /// Set by analysis: the date was inferred from citations, not stated.
    pub date_inferred: bool,
    /// Set by analysis: issuing body code (GA, COP, …).
    pub body_code: Option<String>,
    /// Set by analysis: paragraphs of other documents citing this one.
    pub cited_by: Vec<CitedBy>,
    /// Set by analysis: the documents this one has a comparison page
    /// with (`compare/{a}--{b}/`), by slug, best first.
    pub compare: Vec<String>,
}

impl Document {
    pub fn new(kind: DocKind) -> Document {
        Document {
            slug: String::new(),
            kind,
            title: None,
            body: None,
            number: None,
            symbol: None,
            date: None,
            language: None,
            contained_in: None,
            source: None,
            order: None,
            topics: Vec::new(),
            paragraphs: Vec::new(),
            headings: Vec::new(),
            notes: Vec::new(),
            markdown: None,
            path: None,
            number_inferred: false,
            date_inferred: false,
            body_code: None,
            cited_by: Vec::new(),
            compare: Vec::new(),
            source_key: 0,
            analysis_key: 0,
            lineage_key: 0,
        }
    }

    /// Undo what analysis set that it reads, so the document is again as
    /// parsed for analysis (watch mode re-analyses the documents of the
    /// last build instead of copying fresh ones from its cache of parsed
    /// files).
    pub fn clear_analysis(&mut self) {
        if self.number_inferred {
            self.number = None;
        }
        if self.date_inferred {
            self.date = None;
        }
        self.number_inferred = false;
        self.date_inferred = false;
        self.body_code = None;
        // Plain text, topics, citations, cited-by, similar paragraphs and
        // comparisons are left: analysis sets them again in full, and
        // writes only those that differ.
    }

    pub fn count(&self, kind: ParaKind) -> usize {
        self.paragraphs
            .iter()
            .filter(|p| p.kind == Some(kind))
            .count()
    }

    /// Annex items grouped per annex: `[("I", lettered, has_intro)]`.
    pub fn annex_counts(&self) -> Vec<(String, usize, bool)> {
        let mut out: Vec<(String, usize, bool)> = Vec::new();
        for p in &self.paragraphs {
            if p.kind != Some(ParaKind::AnnexItem) || p.dash {
                continue;
            }
            let annex = p.annex.clone().unwrap_or_default();
            if out.last().map(|l| l.0 != annex).unwrap_or(true) {
                out.push((annex.clone(), 0, false));
            }
            let last = out.last_mut().unwrap();
            if p.letter.is_some() {
                last.1 += 1;
            } else {
                last.2 = true;
            }
        }
        out
    }
}

/// Compute the public anchor of a paragraph from its structure (SPEC §5).
///
/// `ordinal` is the 1-based position among preambular paragraphs (they carry
/// no number of their own); `parent` is the anchor of the numbered paragraph a
/// lettered sub-paragraph belongs to (for an item `ii)` nested in `a)`, the
/// anchor of `a)`: `op3a` gives `op3aii`).
pub fn anchor_for(p: &Paragraph, ordinal: usize, parent: Option<&str>) -> String {
    let anchor = anchor_in_part(p, ordinal, parent);
    match (&p.part, p.kind) {
        // A sub-paragraph's parent anchor has the prefix already.
        (Some(part), Some(k)) if k != ParaKind::Subparagraph && k != ParaKind::Preamble => {
            format!("{}-{anchor}", part.to_lowercase())
        }
        _ => anchor,
    }
}

/// Parts that number their paragraphs from 1 again: each paragraph from
/// the heading of part `B` on (a level-2 heading that is one capital
/// letter, or a roman number: section `II`) is in part `B`, when numbers
/// repeat; else nothing is set.
pub fn mark_restarting_parts(paragraphs: &mut [Paragraph], headings: &[Heading]) {
    let parts: Vec<(usize, &str)> = headings
        .iter()
        .filter(|h| h.level == 2 && is_part_label(&h.text))
        .map(|h| (h.before, h.text.as_str()))
        .collect();
    let mut seen = std::collections::HashSet::new();
    let restarts = paragraphs
        .iter()
        .filter(|p| p.kind == Some(ParaKind::Operative))
        .filter_map(|p| p.number.as_deref())
        .any(|n| !seen.insert(n));
    for p in paragraphs.iter_mut() {
        p.part = None;
    }
    if !restarts || parts.is_empty() {
        return;
    }
    for (i, p) in paragraphs.iter_mut().enumerate() {
        p.part = parts
            .iter()
            .rev()
            .find(|(before, _)| *before <= i)
            .map(|(_, letter)| letter.to_string());
    }
}

fn anchor_in_part(p: &Paragraph, ordinal: usize, parent: Option<&str>) -> String {
    let letter = p.letter.as_deref().unwrap_or("");
    let number = p.number.as_deref().unwrap_or("");
    match p.kind.unwrap_or(ParaKind::Preamble) {
        ParaKind::Preamble => format!("pp{ordinal}"),
        ParaKind::Operative => format!("op{number}"),
        ParaKind::ReportPara => format!("p{number}"),
        ParaKind::Subparagraph => format!("{}{letter}", parent.unwrap_or("op")),
        ParaKind::AnnexItem => {
            let annex = p.annex.as_deref().unwrap_or("").to_lowercase();
            let mut anchor = if annex.is_empty() {
                "annex".to_string()
            } else {
                format!("annex-{annex}")
            };
            // A numbered annex paragraph `annex-i-3`; a lettered one
            // `annex-i-a`, or `annex-i-3-a` inside numbered paragraph 3.
            if !number.is_empty() {
                anchor.push('-');
                anchor.push_str(number);
            }
            if !letter.is_empty() {
                anchor.push('-');
                anchor.push_str(letter);
            }
            anchor
        }
    }
}

/// Is `s` a lower-case roman numeral (`i`, `iv`, `xii`)?
/// A part's label: one capital letter (`B`) or a capital roman number
/// (`II`).
pub fn is_part_label(s: &str) -> bool {
    (s.len() == 1 && s.chars().all(|c| c.is_ascii_uppercase()))
        || (s.bytes().all(|b| b.is_ascii_uppercase()) && is_roman(&s.to_ascii_lowercase()))
}

pub fn is_roman(s: &str) -> bool {
    !s.is_empty() && s.len() <= 6 && s.bytes().all(|b| matches!(b, b'i' | b'v' | b'x' | b'l'))
}

/// The letter after `l` (`a` -> `b`), for single letters.
fn next_letter(l: &str) -> Option<String> {
    let mut c = l.chars();
    let first = c.next()?;
    if c.next().is_some() {
        return None;
    }
    char::from_u32(first as u32 + 1).map(String::from)
}

/// Is a sub-paragraph lettered `letter` an item nested in the lettered one
/// before it (`ii)` after `a)`), rather than the next letter of its list?
/// A roman numeral is nested unless it is the letter that comes next (`i)`
/// after `h)`, `v)` after `u)`), or opens the first list under its parent.
pub fn nests_in(letter: &str, last_letter: Option<&str>) -> bool {
    let Some(last) = last_letter else {
        return false;
    };
    is_roman(letter) && next_letter(last).as_deref() != Some(letter)
}

/// Give every paragraph its anchor, in document order.
pub fn assign_anchors(paragraphs: &mut [Paragraph]) {
    let mut pp = 0;
    // Unnumbered operative paragraphs are anchored by their order.
    let mut unnumbered_op = 0;
    let numbered_op = paragraphs
        .iter()
        .any(|p| p.kind == Some(ParaKind::Operative) && p.number.is_some());
    // Several unnumbered clauses before paragraph 1 (« Reaffirms …; /
    // Resolves …; / Recommends …: / 1. … ») are `op0-1`, `op0-2` …; one
    // alone is `op0`.
    let leading_unnumbered = if numbered_op {
        paragraphs
            .iter()
            .take_while(|p| p.kind != Some(ParaKind::Operative) || p.number.is_none())
            .filter(|p| p.kind == Some(ParaKind::Operative))
            .count()
    } else {
        0
    };
    let mut parent: Option<String> = None;
    // The last lettered (not nested) sub-paragraph under `parent`: its
    // letter and anchor, and whether its list is a roman one.
    let mut lettered: Option<(String, String, bool)> = None;
    // An annex's unnumbered paragraphs: the first is its intro (`annex-i`),
    // the next ones are anchored by their order (`annex-i-p2`), and items
    // lettered after one of those are its own (`annex-i-p2-a`).
    let mut annex_text: (Option<String>, usize, Option<String>) = (None, 0, None);
    // What dash items extend (the last paragraph that is not one), and
    // how many it has so far.
    let mut items: (String, usize) = (String::new(), 0);
    for p in paragraphs.iter_mut() {
        if p.dash {
            items.1 += 1;
            p.anchor = items::dash_anchor(&items.0, items.1);
            continue;
        }
        let kind = p.kind.unwrap_or(ParaKind::Preamble);
        if kind == ParaKind::Preamble {
            pp += 1;
        }
        let letter = p.letter.clone().unwrap_or_default();
        // A list under its parent that opens with `i)` is a roman list:
        // its items are siblings, not nested.
        let roman_list = lettered.as_ref().is_some_and(|l| l.2);
        let nested = kind == ParaKind::Subparagraph
            && !roman_list
            && nests_in(&letter, lettered.as_ref().map(|l| l.0.as_str()));
        if kind == ParaKind::AnnexItem && annex_text.0 != p.annex {
            annex_text = (p.annex.clone(), 0, None);
        }
        p.anchor = if kind == ParaKind::AnnexItem && p.number.is_none() && p.letter.is_none() {
            annex_text.1 += 1;
            let anchor = anchor_for(p, pp, None);
            annex_text.2 = (annex_text.1 > 1).then(|| format!("{anchor}-p{}", annex_text.1));
            annex_text.2.clone().unwrap_or(anchor)
        } else if kind == ParaKind::AnnexItem && p.number.is_none() && annex_text.2.is_some() {
            format!("{}-{letter}", annex_text.2.as_deref().unwrap_or_default())
        } else if nested {
            anchor_for(p, pp, lettered.as_ref().map(|l| l.1.as_str()))
        } else if kind == ParaKind::Operative && p.number.is_none() {
            // A lead-in (« Resolves that: ») before paragraph 1 is `op0`.
            unnumbered_op += 1;
            if !numbered_op {
                format!("op{unnumbered_op}")
            } else if leading_unnumbered > 1 {
                format!("op0-{unnumbered_op}")
            } else {
                "op0".to_string()
            }
        } else {
            anchor_for(p, pp, parent.as_deref())
        };
        if kind == ParaKind::AnnexItem && p.number.is_some() && p.letter.is_none() {
            annex_text.2 = None;
        }
        // An annex's intro is `annex-i`, and its numbered paragraph 1
        // `annex-i-1`: the intro's items are those of its first text, `p1`.
        let intro = kind == ParaKind::AnnexItem
            && p.number.is_none()
            && p.letter.is_none()
            && annex_text.1 == 1;
        items = (
            if intro {
                format!("{}-p1", p.anchor)
            } else {
                p.anchor.clone()
            },
            0,
        );
        match kind {
            ParaKind::Operative | ParaKind::ReportPara | ParaKind::Preamble => {
                parent = Some(p.anchor.clone());
                lettered = None;
            }
            ParaKind::Subparagraph if !nested => {
                let roman = lettered.as_ref().map_or(letter == "i", |l| l.2);
                lettered = Some((letter, p.anchor.clone(), roman));
            }
            _ => {}
        }
    }
}

/// Anchor of a footnote: `fn1`, `fn-star` for `*`.
pub fn note_anchor(marker: &str) -> String {
    if marker.chars().all(|c| c == '*') {
        if marker.len() == 1 {
            "fn-star".to_string()
        } else {
            format!("fn-star{}", marker.len())
        }
    } else {
        format!("fn{marker}")
    }
}

#[cfg(test)]
mod tests;
