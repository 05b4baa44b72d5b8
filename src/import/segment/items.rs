//! Dash and bullet items (« – full respect for the line; »): a line that
//! opens with a dash or a bullet and a space, under a paragraph whose
//! lead-in ended (`:` or `;`) or after an item that ended, opens an item
//! of that paragraph. Its wrapped lines join it as any paragraph's do (a
//! page break between them is no new paragraph). A hyphen that opens a
//! wrapped line (a compound word, a minus) is no item: it follows text
//! that has not ended.

use super::*;

/// The dashes and bullets that open an item: en and em dashes, bullets
/// (`•`, the Symbol font's ``, `▪`) and a hyphen.
const MARKS: [char; 6] = ['–', '—', '•', '\u{F0B7}', '▪', '-'];

/// The text of an item's first line: `– text` -> `text`.
pub(super) fn item_text(line: &str) -> Option<&str> {
    let mut chars = line.chars();
    let mark = chars.next()?;
    let rest = chars.as_str();
    let text = rest.trim_start();
    (MARKS.contains(&mark) && rest.starts_with([' ', '\t', '\u{a0}']) && !text.is_empty())
        .then_some(text)
}

/// Does `text` end with a mark and a conjunction (`…; and`), as the
/// last but one item of a list does?
fn ends_with_conjunction(text: &str) -> bool {
    text.trim_end().rsplit_once(' ').is_some_and(|(head, word)| {
        ["and", "or", "et", "ou", "y", "o"].contains(&word) && head.ends_with([';', ','])
    })
}

/// Has `text` ended as an item of a list does: a mark (`;`, `,`, `.`,
/// `:`), or a mark and a conjunction (`…; and`)?
fn item_ended(text: &str) -> bool {
    terminated(text) || ends_with_conjunction(text)
}

impl Segmenter {
    /// Is the open paragraph an item (lettered, or a dash item) that ends
    /// with a mark and a conjunction (« …; and »), so the next label of
    /// its list may follow? (In an annex,
    /// [`Segmenter::item_ends_with_conjunction`] is more lenient.)
    pub(super) fn list_item_ends_with_conjunction(&self) -> bool {
        self.open == Open::Para
            && self
                .doc
                .paragraphs
                .last()
                .is_some_and(|p| (p.letter.is_some() || p.dash) && ends_with_conjunction(&p.text))
    }

    /// Open a dash item when `line` is one (see the module's note).
    pub(super) fn try_item(&mut self, line: &BodyLine) -> bool {
        let Some(text) = item_text(&line.text) else {
            return false;
        };
        if self.open == Open::AnnexBlock {
            // An annex's block before the item: its intro or a paragraph.
            if !matches!(last_char(&self.pending), Some(':' | ';')) {
                return false;
            }
            self.close_annex_block();
        }
        let in_zone = |p: &RawPara| match self.zone {
            Zone::Annex => p.kind == ParaKind::AnnexItem && p.annex == self.annex,
            _ => p.kind != ParaKind::AnnexItem,
        };
        let Some(parent) = self.doc.paragraphs.last().filter(|p| in_zone(p)) else {
            return false;
        };
        let opens = if parent.dash {
            item_ended(&parent.text)
        } else {
            matches!(last_char(&parent.text), Some(':' | ';'))
        };
        if !opens || !matches!(self.open, Open::Para | Open::Heading | Open::Nothing) {
            return false;
        }
        let kind = if parent.kind == ParaKind::AnnexItem {
            ParaKind::AnnexItem
        } else {
            ParaKind::Subparagraph
        };
        let (number, letter) = (parent.number.clone(), parent.letter.clone());
        let number = number.filter(|_| parent.kind != ParaKind::Preamble);
        self.push_para(kind, number, letter, text, line.line_no);
        if let Some(p) = self.doc.paragraphs.last_mut() {
            p.dash = true;
        }
        true
    }
}
