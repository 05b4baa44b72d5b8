//! Model -> Markdown with YAML front matter (what `import` writes).
//!
//! The output is meant to be read and corrected by hand: one paragraph per
//! line, numbering as in the original (`1.`, `a)`, `- ` for a dash item),
//! headings for report sections and annexes, footnotes as Markdown
//! footnotes at the end.

use super::FrontMatter;
use crate::model::{Document, ParaKind};

/// Serialize a document in the content format.
pub fn write_document(doc: &Document) -> String {
    let fm = FrontMatter::from_document(doc);
    let yaml = serde_yaml::to_string(&fm).expect("front matter serializes");
    let mut out = String::new();
    out.push_str("---\n");
    out.push_str(&yaml);
    out.push_str("---\n");
    if let Some(md) = &doc.markdown {
        out.push('\n');
        out.push_str(md.trim_end());
        out.push('\n');
        return out;
    }
    let mut headings = doc.headings.iter().peekable();
    for (i, p) in doc.paragraphs.iter().enumerate() {
        while let Some(h) = headings.next_if(|h| h.before <= i) {
            out.push_str(&format!("\n{} {}\n", "#".repeat(h.level as usize), h.text));
        }
        out.push('\n');
        out.push_str(&paragraph_line(p));
        out.push('\n');
    }
    for h in headings {
        out.push_str(&format!("\n{} {}\n", "#".repeat(h.level as usize), h.text));
    }
    if !doc.notes.is_empty() {
        out.push('\n');
        for n in &doc.notes {
            out.push_str(&format!("[^{}]: {}\n", n.marker, n.text));
        }
    }
    out
}

fn paragraph_line(p: &crate::model::Paragraph) -> String {
    let prefix = match (p.kind, &p.number, &p.letter) {
        _ if p.dash => "- ".to_string(),
        (Some(ParaKind::Operative | ParaKind::ReportPara), Some(n), _) => format!("{n}. "),
        (Some(ParaKind::AnnexItem), Some(n), None) => format!("{n}. "),
        (Some(ParaKind::Subparagraph | ParaKind::AnnexItem), _, Some(l)) => format!("{l}) "),
        _ => String::new(),
    };
    let mut text = p.text.to_string();
    if prefix.is_empty() && super::parse::looks_numbered(&text) {
        // A preambular paragraph that happens to open like a number.
        text = format!("\\{text}");
    }
    let mut overrides = Vec::new();
    overrides.extend(p.topics_add.iter().map(|t| format!("+{t}")));
    overrides.extend(p.topics_remove.iter().map(|t| format!("-{t}")));
    if overrides.is_empty() {
        format!("{prefix}{text}").trim_end().to_string()
    } else {
        format!("{prefix}{text} {{{}}}", overrides.join(" "))
    }
}
