//! Paragraph numbers and item labels: when `1.`, `a)` or `(ii)` opens a
//! paragraph or an item, and when it is only text that happens to start so.

use super::*;

impl Segmenter {
    /// Try the lettered-list opening shared by every zone.
    pub(super) fn try_letter(&mut self, line: &BodyLine, zone_allows_a: bool) -> bool {
        let (text, line_no) = (line.text.as_str(), line.line_no);
        let Some(c) = LETTERED.captures(text) else {
            return false;
        };
        let label = c[1].to_string();
        let after_colon = matches!(self.last_para_text().and_then(last_char), Some(':'));
        let letter = label.chars().next().unwrap();
        let as_letter = label.len() == 1
            && match self.next_letter {
                Some(n) if n == letter && letter != 'a' => {
                    self.prev_terminated()
                        || self.item_ends_with_conjunction()
                        || self.list_item_ends_with_conjunction()
                }
                // `a)` opens a list after a colon, or on a line of its own
                // after a gap (« the necessity » / « (a) For guaranteeing »).
                _ if letter == 'a' => zone_allows_a || after_colon || line.gap_before,
                _ => false,
            };
        // A roman item: the next of its list, or `i)` opening one.
        let roman = roman_value(&label);
        let as_roman = !as_letter
            && roman.is_some_and(|v| {
                (Some(v) == self.next_roman
                    && (self.prev_terminated() || self.item_ends_with_conjunction()))
                    || (v == 1 && after_colon)
            });
        if !as_letter && !as_roman {
            return false;
        }
        if as_roman {
            self.next_roman = roman.map(|v| v + 1);
        } else {
            self.next_letter = char::from_u32(letter as u32 + 1);
            // `i)` is a letter here, but may open a roman list too.
            self.next_roman = (label == "i").then_some(2);
        }
        self.close_annex_block();
        let body = c[2].to_string();
        if self.zone == Zone::Annex {
            // Inside the numbered annex paragraph it follows, if any.
            let number = self
                .doc
                .paragraphs
                .last()
                .filter(|p| p.kind == ParaKind::AnnexItem && p.annex == self.annex)
                .and_then(|p| p.number.clone());
            self.push_para(ParaKind::AnnexItem, number, Some(label), &body, line_no);
        } else {
            let parent = self
                .doc
                .paragraphs
                .iter()
                .rev()
                .find(|p| p.kind != ParaKind::Subparagraph)
                .and_then(|p| p.number.clone());
            let parent = parent.or_else(|| {
                let pp = self
                    .doc
                    .paragraphs
                    .iter()
                    .filter(|p| p.kind == ParaKind::Preamble)
                    .count();
                Some(format!("pp{pp}"))
            });
            self.push_para(ParaKind::Subparagraph, parent, Some(label), &body, line_no);
        }
        true
    }

    pub(super) fn try_number(&mut self, text: &str, line_no: usize, kind: ParaKind) -> bool {
        // OCR reads a number's full stop as a comma (« 14, Urges »): taken
        // when the number is the one expected and an operative verb follows.
        let Some(c) = NUMBERED.captures(text).or_else(|| {
            NUMBERED_COMMA
                .captures(text)
                .filter(|c| opens_operative(&c[2]) && c[1].parse() == Ok(self.next_number))
        }) else {
            return false;
        };
        let n: u32 = c[1].parse().unwrap_or(0);
        if n == 1 && self.part_restart_allowed {
            self.next_number = 1;
        }
        if n != self.next_number {
            return false;
        }
        self.part_restart_allowed = false;
        if !self.prev_terminated() {
            // « …; and » closes a clause of a list: the next number opens
            // the next paragraph (the last one, « 8. Decides to remain
            // seized », after « …; and » on the previous page).
            let listed = self.last_para_text().is_some_and(|t| {
                t.trim_end().rsplit_once(' ').is_some_and(|(head, word)| {
                    ["and", "or", "et", "ou", "y", "o"].contains(&word)
                        && head.ends_with([';', ','])
                })
            });
            // A one-line « paragraph » without an ending before a numbered
            // one was a heading (« Peacebuilding Commission »).
            let heading = !listed
                && self.open == Open::Para
                && self.open_lines == 1
                && self
                    .last_para_text()
                    .is_some_and(|t| t.chars().count() < 100 && t.starts_with(char::is_uppercase))
                && self
                    .doc
                    .paragraphs
                    .last()
                    .is_some_and(|p| p.kind != ParaKind::Subparagraph);
            // A paragraph the extraction cut short (a cleaned text that
            // lost its end): the next number after a gap, opening with an
            // operative verb, starts the next one all the same.
            // (A gap, or a text of one paragraph a line: that line ended it.)
            let one_line =
                self.open_lines == 1 && self.last_para_text().is_some_and(|t| t.len() > 150);
            let cut_short = (self.gap || one_line || listed)
                && kind == ParaKind::Operative
                && opens_operative(&c[2])
                && self
                    .doc
                    .paragraphs
                    .last()
                    .is_some_and(|p| p.kind == ParaKind::Operative);
            if heading {
                let p = self.doc.paragraphs.pop().expect("an open paragraph");
                self.heading(3, &p.text);
            } else if !cut_short {
                return false;
            }
        }
        self.next_number = n + 1;
        self.next_letter = Some('a');
        self.next_roman = None;
        // « 10. (a) The Government … »: the number's text is its items.
        let first_item = LETTERED
            .captures(&c[2])
            .filter(|item| &item[1] == "a")
            .map(|item| item[2].to_string());
        match first_item {
            Some(item) => {
                self.push_para(kind, Some(n.to_string()), None, "", line_no);
                self.next_letter = Some('b');
                let number = Some(n.to_string());
                self.push_para(
                    ParaKind::Subparagraph,
                    number,
                    Some("a".into()),
                    &item,
                    line_no,
                );
            }
            None => self.push_para(kind, Some(n.to_string()), None, &c[2], line_no),
        }
        true
    }
}
