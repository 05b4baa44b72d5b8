//! Finding one's way: a long document's table of contents, the documents
//! index (`documents/index.html`), and what a printed page says of itself
//! (its running headers).

use super::cite;
use super::i18n;
use super::views::{Context, DocSummary};
use crate::model::{DocKind, Document, ParaKind};
use serde::Serialize;

/// A document is given a table of contents from this many paragraphs on.
pub const TOC_MIN_PARAGRAPHS: usize = 20;

#[derive(Debug, Clone, Serialize)]
pub struct TocView {
    pub entries: Vec<TocEntry>,
}

#[derive(Debug, Clone, Serialize)]
pub struct TocEntry {
    pub label: String,
    /// `#id` on the page.
    pub href: String,
    /// 2 for a part, section or annex, 3 below it.
    pub level: u8,
    /// The numbered paragraphs it spans (« par. 1–5 »), when it has some.
    pub range: Option<String>,
    /// Jumps to the paragraph numbers (the operative part of a resolution).
    pub numbers: Vec<TocNumber>,
}

#[derive(Debug, Clone, Serialize)]
pub struct TocNumber {
    pub label: String,
    pub href: String,
}

/// The ids of a document's headings, in order: `h-{slug of the text}`,
/// made unique on the page by `-2`, `-3` (the first keeps its plain id).
pub fn heading_ids(d: &Document) -> Vec<String> {
    let mut seen: std::collections::HashMap<String, usize> = Default::default();
    d.headings
        .iter()
        .map(|h| {
            let id = format!("h-{}", slug::slugify(&h.text));
            let n = seen.entry(id.clone()).or_insert(0);
            *n += 1;
            if *n == 1 {
                id
            } else {
                format!("{id}-{n}")
            }
        })
        .collect()
}

/// A long document's table of contents: its sections, parts and annexes;
/// for a resolution its preamble and operative part, with a jump to each
/// operative paragraph. None for a short document (it needs none).
pub fn toc(d: &Document, english: bool) -> Option<TocView> {
    if d.paragraphs.len() < TOC_MIN_PARAGRAPHS || d.kind == DocKind::Page {
        return None;
    }
    let s = i18n::strings(english);
    let ids = heading_ids(d);
    let mut entries: Vec<TocEntry> = Vec::new();
    let mut headings = d.headings.iter().zip(&ids).enumerate().peekable();
    let (mut preamble, mut operative) = (false, false);
    let resolution = d.kind.is_resolution_like();
    let range_of = |from: usize, level: u8, h_index: usize| -> Option<String> {
        // The paragraphs up to the next heading of the same level or above.
        let end = d.headings[h_index + 1..]
            .iter()
            .find(|h| h.level <= level)
            .map_or(d.paragraphs.len(), |h| h.before);
        let numbers: Vec<&str> = d.paragraphs[from.min(end)..end]
            .iter()
            .filter(|p| p.kind == Some(ParaKind::ReportPara))
            .filter_map(|p| p.number.as_deref())
            .collect();
        let par = if english { "para." } else { "par." };
        match (numbers.first(), numbers.last()) {
            (Some(a), Some(b)) if a == b => Some(format!("{par} {a}")),
            (Some(a), Some(b)) => Some(format!(
                "{}. {a}–{b}",
                if english { "paras" } else { "par" }
            )),
            _ => None,
        }
    };
    // A section's or an annex's entry, with the paragraphs it spans.
    let heading_entry = |hi: usize, h: &crate::model::Heading, id: &String| TocEntry {
        label: h.text.clone(),
        href: format!("#{id}"),
        level: h.level.clamp(2, 3),
        range: range_of(h.before, h.level, hi),
        numbers: Vec::new(),
    };
    for (pi, p) in d.paragraphs.iter().enumerate() {
        while let Some((hi, (h, id))) = headings.next_if(|(_, (h, _))| h.before <= pi) {
            if h.level <= 2 {
                // A part of a resolution (A, B) has its own preamble and
                // operative part.
                (preamble, operative) = (false, false);
            }
            if h.level <= 3 {
                entries.push(heading_entry(hi, h, id));
            }
        }
        if !resolution || p.annex.is_some() {
            continue;
        }
        if p.kind == Some(ParaKind::Preamble) && !preamble && !operative {
            preamble = true;
            entries.push(TocEntry {
                label: s.preamble.to_string(),
                href: format!("#{}", p.anchor),
                level: 2,
                range: None,
                numbers: Vec::new(),
            });
        }
        if p.kind == Some(ParaKind::Operative) {
            if !operative {
                operative = true;
                entries.push(TocEntry {
                    label: s.operative.to_string(),
                    href: format!("#{}", p.anchor),
                    level: 2,
                    range: None,
                    numbers: Vec::new(),
                });
            }
            if let Some(e) = entries.iter_mut().rev().find(|e| e.label == s.operative) {
                e.numbers.push(TocNumber {
                    label: p.number.clone().unwrap_or_default(),
                    href: format!("#{}", p.anchor),
                });
            }
        }
    }
    for (hi, (h, id)) in headings {
        if h.level <= 3 {
            entries.push(heading_entry(hi, h, id));
        }
    }
    (entries.len() >= 2).then_some(TocView { entries })
}

/// A row of the documents index.
#[derive(Debug, Clone, Serialize)]
pub struct DocRow {
    pub doc: DocSummary,
    /// The organ in the interface's words (« Conférence des Parties »), or
    /// as the text names it.
    pub organ: Option<String>,
    /// Sort keys: the kind's place among kinds, the reading order.
    pub kind_order: usize,
    pub order: usize,
}

/// A document of a topic's print view, listed at its top.
#[derive(Debug, Clone, Serialize)]
pub struct IncludedDoc {
    /// The id of its section in the print view.
    pub id: String,
    pub ident: Option<String>,
    pub title: String,
    /// Its paragraphs on the topic.
    pub count: usize,
}

#[derive(Debug, Clone, Serialize)]
pub struct DocumentsView {
    pub rows: Vec<DocRow>,
}

/// Text made safe inside a CSS string in a `<style>` element: quoted,
/// with `"`, `\`, `<` and `>` escaped (no `</style>` can be made) and line
/// breaks and control characters dropped.
pub fn css_string(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\22 "),
            '\\' => out.push_str("\\5c "),
            '<' => out.push_str("\\3c "),
            '>' => out.push_str("\\3e "),
            c if c.is_control() => out.push(' '),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// The running headers and footers of a printed page: what it is on the
/// left, the compendium on the right, and its address below when the site
/// has an absolute one (else the script writes the page's own).
pub fn page_css(what: &str, site_title: &str, url: &str) -> String {
    let mut css = format!(
        "@page {{ @top-left {{ content: {}; }} @top-right {{ content: {}; }}",
        css_string(what),
        css_string(site_title)
    );
    if url.starts_with("http://") || url.starts_with("https://") {
        css.push_str(&format!(
            " @bottom-left {{ content: {}; }}",
            css_string(url)
        ));
    }
    css.push_str(" }");
    css
}

impl Context<'_> {
    /// Whether references to `d` name its organ: always but for the
    /// General Assembly's resolutions (the ones a bare « résolution 77/1 »
    /// means), and whenever another document of the compendium has the
    /// same number from another organ.
    pub fn names_organ(&self, d: &Document) -> bool {
        let Some(code) = d.body_code.as_deref() else {
            return false;
        };
        if !matches!(d.kind, DocKind::Resolution | DocKind::Decision) {
            return false;
        }
        code != "GA"
            || d.number.as_deref().is_some_and(|n| {
                self.number_organs
                    .get(&(d.kind, n))
                    .is_some_and(|codes| codes.len() > 1)
            })
    }

    /// How document `d` is cited in the site's language.
    pub fn doc_cite(&self, d: &Document) -> String {
        cite::doc_cite(d, self.english, self.names_organ(d))
    }

    /// The documents a topic's print view holds, in its order.
    pub fn topic_included(&self, topic: &str) -> Vec<IncludedDoc> {
        self.docs
            .iter()
            .filter_map(|d| {
                let count = d
                    .paragraphs
                    .iter()
                    .filter(|p| p.topics.iter().any(|t| t == topic))
                    .count();
                (count > 0).then(|| {
                    let summary = self.summary(d);
                    IncludedDoc {
                        id: format!("doc-{}", d.slug),
                        ident: summary.ident,
                        title: summary.title,
                        count,
                    }
                })
            })
            .collect()
    }

    /// The documents index: every UN text in reading order.
    pub fn documents_view(&self) -> DocumentsView {
        let rows = self
            .docs
            .iter()
            .filter(|d| d.kind != DocKind::Page)
            .enumerate()
            .map(|(order, d)| DocRow {
                doc: self.summary(d),
                organ: d
                    .body_code
                    .as_deref()
                    .and_then(|c| cite::organ_short(c, self.english))
                    .map(str::to_string)
                    .or_else(|| d.body.clone()),
                kind_order: d.kind as usize,
                order,
            })
            .collect();
        DocumentsView { rows }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Heading, Paragraph};

    fn para(kind: ParaKind, anchor: &str, number: Option<&str>) -> Paragraph {
        Paragraph {
            kind: Some(kind),
            anchor: anchor.into(),
            number: number.map(str::to_string),
            ..Paragraph::default()
        }
    }

    #[test]
    fn a_long_resolution_has_its_preamble_operative_part_and_annexes() {
        let mut d = Document::new(DocKind::Resolution);
        for i in 1..=10 {
            d.paragraphs
                .push(para(ParaKind::Preamble, &format!("pp{i}"), None));
        }
        for i in 1..=12 {
            let n = i.to_string();
            d.paragraphs
                .push(para(ParaKind::Operative, &format!("op{i}"), Some(&n)));
        }
        d.headings.push(Heading {
            level: 2,
            text: "Annexe".into(),
            before: 22,
        });
        let toc = toc(&d, false).unwrap();
        let labels: Vec<&str> = toc.entries.iter().map(|e| e.label.as_str()).collect();
        assert_eq!(labels, ["Préambule", "Dispositif", "Annexe"]);
        assert_eq!(toc.entries[1].numbers.len(), 12);
        assert_eq!(toc.entries[1].numbers[4].href, "#op5");
        assert_eq!(toc.entries[2].href, "#h-annexe");
        d.paragraphs.truncate(15);
        assert!(super::toc(&d, false).is_none(), "short: no table");
    }

    #[test]
    fn each_part_of_a_resolution_has_its_preamble_and_operative_part() {
        let mut d = Document::new(DocKind::Resolution);
        for part in ["a", "b"] {
            for i in 1..=5 {
                d.paragraphs
                    .push(para(ParaKind::Preamble, &format!("pp{i}{part}"), None));
            }
            for i in 1..=6 {
                let n = i.to_string();
                d.paragraphs.push(para(
                    ParaKind::Operative,
                    &format!("{part}-op{i}"),
                    Some(&n),
                ));
            }
        }
        for (before, text) in [(0, "A"), (11, "B")] {
            d.headings.push(Heading {
                level: 2,
                text: text.into(),
                before,
            });
        }
        let toc = toc(&d, true).unwrap();
        let labels: Vec<&str> = toc.entries.iter().map(|e| e.label.as_str()).collect();
        assert_eq!(
            labels,
            [
                "A",
                "Preamble",
                "Operative part",
                "B",
                "Preamble",
                "Operative part"
            ]
        );
        assert_eq!(toc.entries[5].numbers[0].href, "#b-op1");
        assert_eq!(toc.entries[5].numbers.len(), 6);
    }

    #[test]
    fn report_sections_give_their_paragraph_ranges() {
        let mut d = Document::new(DocKind::Report);
        for i in 1..=24 {
            let n = i.to_string();
            d.paragraphs
                .push(para(ParaKind::ReportPara, &format!("p{i}"), Some(&n)));
        }
        for (before, text) in [(0, "I. Introduction"), (5, "II. Suite"), (5, "II. Suite")] {
            d.headings.push(Heading {
                level: 2,
                text: text.into(),
                before,
            });
        }
        let toc = toc(&d, true).unwrap();
        assert_eq!(toc.entries[0].range.as_deref(), Some("paras. 1–5"));
        assert_eq!(toc.entries[2].href, "#h-ii-suite-2", "ids unique");
        assert_eq!(toc.entries[2].range.as_deref(), Some("paras. 6–24"));
    }

    #[test]
    fn css_strings_cannot_close_the_style_element() {
        assert_eq!(css_string("Rés. 6/1"), "\"Rés. 6/1\"");
        let s = css_string("a\"b\\c</style><script>\n");
        assert!(!s.contains('<') && !s.contains('\n') && s.matches('"').count() == 2);
        assert!(page_css("x", "y", "/documents/").contains("@top-left"));
        assert!(!page_css("x", "y", "/documents/").contains("@bottom-left"));
        assert!(page_css("x", "y", "https://a.org/d/").contains("@bottom-left"));
    }
}
