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

impl Segmenter {
    /// An item whose label the text lost (a cleaner that dropped `(a)`,
    /// `(b)` but kept the lines: « 7. Requests the Secretary-General: /
    /// To continue …; / To circulate …; / (c) To continue … »): a line of
    /// its own, after a gap, under a lead-in that ended with a colon or
    /// after an item of its list that ended. It is read as an unmarked
    /// item (`- ` in content), and counts in its list's letters, so that
    /// a label printed after it (`(c)`) is still the next one.
    pub(super) fn try_unmarked_item(&mut self, line: &BodyLine) -> bool {
        if !line.gap_before
            || line.after_break
            || self.open != Open::Para
            || !matches!(self.zone, Zone::Preamble | Zone::Operative)
            || !line.text.starts_with(char::is_uppercase)
        {
            return false;
        }
        let Some(parent) = self.doc.paragraphs.last() else {
            return false;
        };
        let in_list = parent.dash || parent.letter.is_some();
        let opens = match last_char(&parent.text) {
            Some(':') => true,
            Some(';') => in_list,
            // A list of the preamble's items ends them with commas
            // (« …a major contribution to: / International peace and
            // security, / Eliminating chemical weapons, »).
            Some(',') => parent.unmarked,
            _ => in_list && ends_with_conjunction(&parent.text),
        };
        if !opens || parent.kind == ParaKind::AnnexItem {
            return false;
        }
        // Under an item that ends with a colon, it opens a nested list:
        // it stands for `(i)`, and `(ii)` may follow.
        let nested = in_list && last_char(&parent.text) == Some(':');
        let (number, letter) = (parent.number.clone(), parent.letter.clone());
        let number = number.filter(|_| parent.kind != ParaKind::Preamble);
        self.push_para(
            ParaKind::Subparagraph,
            number,
            letter,
            &line.text,
            line.line_no,
        );
        if let Some(p) = self.doc.paragraphs.last_mut() {
            p.dash = true;
            p.unmarked = true;
        }
        if nested {
            self.next_roman = Some(2);
        } else {
            self.next_letter = self.next_letter.and_then(|l| char::from_u32(l as u32 + 1));
            self.next_roman = None;
        }
        true
    }
}

impl RawDoc {
    /// An unmarked item is one of a list only beside another item: a
    /// line alone after a colon, among no items, is what the colon
    /// introduced in its own sentence (a quoted question, the paragraph an
    /// amendment deletes, a table's rows): it goes back into the paragraph.
    pub(super) fn rejoin_lone_unmarked_items(&mut self) {
        let is_item = |p: &RawPara| p.dash || (p.letter.is_some() && p.kind != ParaKind::Preamble);
        let mut i = 0;
        while i < self.paragraphs.len() {
            if !self.paragraphs[i].unmarked {
                i += 1;
                continue;
            }
            let end = (i..self.paragraphs.len())
                .find(|&j| !self.paragraphs[j].unmarked)
                .unwrap_or(self.paragraphs.len());
            let listed = end - i > 1
                || (i > 0 && is_item(&self.paragraphs[i - 1]))
                || self.paragraphs.get(end).is_some_and(is_item);
            if listed || i == 0 {
                i = end;
                continue;
            }
            let item = self.paragraphs.remove(i);
            join_into(&mut self.paragraphs[i - 1].text, &item.text);
            for h in &mut self.headings {
                if h.before > i {
                    h.before -= 1;
                }
            }
        }
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

    #[test]
    fn items_whose_labels_were_lost_are_unmarked_items() {
        // One paragraph a line, the cleaner dropped `(a)`, `(b)` and `(i)`.
        let text = "The General Assembly,\n\nNoting the report,\n\n1. Requests the Secretary-General:\n\nTo continue the practice;\n\nTo serve as a platform by:\n\nAssisting Member States;\n\n(ii) Inviting institutions;\n\n(c) To report on it;\n\n2. Decides to stay seized.\n";
        let ps = paragraphs(text);
        let shape: Vec<(ParaKind, &str, &str, bool)> = ps
            .iter()
            .map(|p| (p.0, p.1.as_str(), p.2.as_str(), p.3))
            .collect();
        use ParaKind::*;
        assert_eq!(
            shape,
            [
                (Preamble, "", "", false),
                (Operative, "1", "", false),
                (Subparagraph, "1", "", true),
                (Subparagraph, "1", "", true),
                (Subparagraph, "1", "", true),
                (Subparagraph, "1", "ii", false),
                (Subparagraph, "1", "c", false),
                (Operative, "2", "", false),
            ]
        );
        // The preamble's items end with commas.
        let text = "The General Assembly,\n\nConvinced that it contributes to:\n\nInternational peace and security,\n\nEliminating chemical weapons,\n\n1. Decides to stay seized.\n";
        let kinds: Vec<(ParaKind, bool)> = paragraphs(text).iter().map(|p| (p.0, p.3)).collect();
        assert_eq!(
            kinds,
            [
                (Preamble, false),
                (Subparagraph, true),
                (Subparagraph, true),
                (Operative, false)
            ]
        );
    }

    #[test]
    fn a_lone_line_after_a_colon_stays_in_its_paragraph() {
        // A quoted question, the paragraph an amendment deletes: no list.
        let text = "The General Assembly,\n\nRecalling its request for an opinion on the following question:\n\nWhat are the obligations of the State?\n\n1. Decides to stay seized.\n";
        let ps = paragraphs(text);
        assert_eq!(ps.len(), 2);
        assert!(!ps[0].3);
        let stream = crate::import::lines::split_stream(text);
        let first = &segment(&stream.lines)[0].paragraphs[0].text;
        assert!(
            first.ends_with("question: What are the obligations of the State?"),
            "{first}"
        );
    }
}
