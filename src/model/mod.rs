//! The document model: plain data shared by every stage of the pipeline.
//!
//! Nothing here knows about files, Markdown or HTML. `import` and `content`
//! produce these values, `analyze` annotates them, `render` and `site` read them.

use serde::{Deserialize, Serialize};

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
    /// Letter of a lettered sub-paragraph or annex item (`"a"`).
    pub letter: Option<String>,
    /// Roman numeral of the annex the paragraph belongs to.
    pub annex: Option<String>,
    /// Roman numeral of the report section the paragraph belongs to.
    pub section: Option<String>,
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
    /// Set by analysis: the number was inferred from citations, not stated.
    pub number_inferred: bool,
    /// Set by analysis: the date was inferred from citations, not stated.
    pub date_inferred: bool,
    /// Set by analysis: issuing body code (GA, COP, …).
    pub body_code: Option<String>,
    /// Set by analysis: paragraphs of other documents citing this one.
    pub cited_by: Vec<CitedBy>,
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
            source_key: 0,
            analysis_key: 0,
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
        // Plain text, topics, citations and cited-by are left: analysis
        // sets them again in full, and writes only those that differ.
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
            if p.kind != Some(ParaKind::AnnexItem) {
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
/// lettered sub-paragraph belongs to.
pub fn anchor_for(p: &Paragraph, ordinal: usize, parent: Option<&str>) -> String {
    let letter = p.letter.as_deref().unwrap_or("");
    let number = p.number.as_deref().unwrap_or("");
    match p.kind.unwrap_or(ParaKind::Preamble) {
        ParaKind::Preamble => format!("pp{ordinal}"),
        ParaKind::Operative => format!("op{number}"),
        ParaKind::ReportPara => format!("p{number}"),
        ParaKind::Subparagraph => format!("{}{letter}", parent.unwrap_or("op")),
        ParaKind::AnnexItem => {
            let annex = p.annex.as_deref().unwrap_or("").to_lowercase();
            let base = if annex.is_empty() {
                "annex".to_string()
            } else {
                format!("annex-{annex}")
            };
            if letter.is_empty() {
                base
            } else {
                format!("{base}-{letter}")
            }
        }
    }
}

/// Give every paragraph its anchor, in document order.
pub fn assign_anchors(paragraphs: &mut [Paragraph]) {
    let mut pp = 0;
    let mut parent: Option<String> = None;
    for p in paragraphs.iter_mut() {
        let kind = p.kind.unwrap_or(ParaKind::Preamble);
        if kind == ParaKind::Preamble {
            pp += 1;
        }
        p.anchor = anchor_for(p, pp, parent.as_deref());
        match kind {
            ParaKind::Operative | ParaKind::ReportPara => parent = Some(p.anchor.clone()),
            ParaKind::Preamble => parent = Some(p.anchor.clone()),
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
