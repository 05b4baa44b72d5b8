//! Dash items in the content: a Markdown list line `- text` after the
//! paragraph it belongs to (« – full respect for the line; »). Wrapped
//! lines after it join it, as for any paragraph.

use crate::model::{ParaKind, Paragraph};

/// `- text` -> `text` (up to three spaces may indent the dash, as in
/// Markdown).
pub fn dash_item(line: &str) -> Option<&str> {
    let indent = line.len() - line.trim_start_matches(' ').len();
    let rest = line[indent..].strip_prefix("- ")?;
    let text = rest.trim_start();
    (indent <= 3 && !text.is_empty()).then_some(text)
}

/// The item `text` of `parent` (the paragraph before it, or an item of
/// the same paragraph): its kind, number, letter, annex and section.
pub fn item_of(parent: &Paragraph) -> Paragraph {
    Paragraph {
        kind: Some(match parent.kind {
            Some(ParaKind::AnnexItem) => ParaKind::AnnexItem,
            _ => ParaKind::Subparagraph,
        }),
        number: parent
            .number
            .clone()
            .filter(|_| parent.kind != Some(ParaKind::Preamble)),
        letter: parent.letter.clone(),
        annex: parent.annex.clone(),
        section: parent.section.clone(),
        dash: true,
        ..Paragraph::default()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_dash_and_a_space_open_an_item() {
        assert_eq!(dash_item("- first point;"), Some("first point;"));
        assert_eq!(dash_item("  -  indented"), Some("indented"));
        assert_eq!(dash_item("-5 per cent"), None);
        assert_eq!(dash_item("- "), None);
        assert_eq!(dash_item("    - code"), None);
        assert_eq!(dash_item("– en dash"), None);
    }
}
