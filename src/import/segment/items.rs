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
    text.trim_end()
        .rsplit_once(' ')
        .is_some_and(|(head, word)| {
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

#[cfg(test)]
mod tests {
    use super::*;

    /// (kind, number, letter, dash, first words) of each paragraph.
    fn paragraphs(text: &str) -> Vec<(ParaKind, String, String, bool, String)> {
        let stream = crate::import::lines::split_stream(text);
        let docs = segment(&stream.lines);
        docs[0]
            .paragraphs
            .iter()
            .map(|p| {
                let words: Vec<&str> = p.text.split_whitespace().take(3).collect();
                (
                    p.kind,
                    p.number.clone().unwrap_or_default(),
                    p.letter.clone().unwrap_or_default(),
                    p.dash,
                    words.join(" "),
                )
            })
            .collect()
    }

    #[test]
    fn dashes_after_a_lead_in_are_items_of_its_paragraph() {
        let text = "The Council,\n\nNoting the report,\n\n1. Asks the parties to respect these points:\n– the first point to keep;\n• the second point, which is\nwrapped over two lines;\n- the third point;\n2. Decides to stay seized.\n";
        let ps = paragraphs(text);
        let dashes: Vec<(&str, bool, &str)> = ps
            .iter()
            .map(|p| (p.1.as_str(), p.3, p.4.as_str()))
            .collect();
        assert_eq!(
            dashes,
            [
                ("", false, "Noting the report,"),
                ("1", false, "Asks the parties"),
                ("1", true, "the first point"),
                ("1", true, "the second point,"),
                ("1", true, "the third point;"),
                ("2", false, "Decides to stay"),
            ]
        );
        assert_eq!(ps[2].0, ParaKind::Subparagraph);
        let stream = crate::import::lines::split_stream(text);
        let second = &segment(&stream.lines)[0].paragraphs[3].text;
        assert_eq!(second, "the second point, which is wrapped over two lines;");
    }

    #[test]
    fn a_hyphen_on_a_wrapped_line_is_no_item() {
        // The line before has not ended: a minus, or a word's continuation.
        let text = "The Council,\n\nNoting the report,\n\n1. Notes a change of the rate by\n- 5 per cent since the last report;\n2. Decides to stay seized.\n";
        let ps = paragraphs(text);
        assert_eq!(ps.len(), 3);
        assert!(ps.iter().all(|p| !p.3));
        // A dash with no space after it is no item either.
        assert_eq!(item_text("–5 per cent"), None);
        assert_eq!(item_text("— text"), Some("text"));
    }

    #[test]
    fn items_of_a_lettered_sub_paragraph_keep_its_letter() {
        let text = "The Council,\n\nNoting the report,\n\n1. Decides:\n(a) To ask for these points:\n– the first point;\n– the second point; and\n(b) To stay seized.\n";
        let ps = paragraphs(text);
        let labels: Vec<(&str, bool)> = ps.iter().map(|p| (p.2.as_str(), p.3)).collect();
        assert_eq!(
            labels,
            [
                ("", false),
                ("", false),
                ("a", false),
                ("a", true),
                ("a", true),
                ("b", false)
            ]
        );
    }
}
