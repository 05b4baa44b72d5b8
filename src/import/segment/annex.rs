//! Annexes: their headings, titles, intros, numbered and lettered items.

use super::*;

impl Segmenter {
    pub(super) fn start_annex(&mut self, label: Option<String>) {
        self.close_annex_block();
        self.zone = Zone::Annex;
        let label = label.unwrap_or_default();
        let heading = if label.is_empty() {
            "Annexe".to_string()
        } else {
            format!("Annexe {label}")
        };
        self.annex = Some(label);
        self.annex_blocks = 0;
        self.next_number = 1;
        self.heading(2, &heading);
        self.open = Open::Nothing;
        self.next_letter = Some('a');
    }

    pub(super) fn close_annex_block(&mut self) {
        if self.open != Open::AnnexBlock {
            return;
        }
        let text = std::mem::take(&mut self.pending);
        self.open = Open::Nothing;
        if text.trim().is_empty() {
            return;
        }
        let annex = self.annex.clone();
        let in_annex = |p: &RawPara| p.kind == ParaKind::AnnexItem && p.annex == annex;
        let has_items = self
            .doc
            .paragraphs
            .iter()
            .any(|p| in_annex(p) && p.letter.is_some());
        let has_intro = self
            .doc
            .paragraphs
            .iter()
            .any(|p| in_annex(p) && p.letter.is_none());
        let sentence = terminated(&text);
        self.annex_blocks += 1;
        if self.annex_blocks == 1 && !sentence {
            self.heading(3, &text);
        } else if sentence && !has_items && !has_intro {
            let line = self.pending_line;
            self.push_para(ParaKind::AnnexItem, None, None, &text, line);
        } else if sentence && has_items {
            if let Some(p) = self.doc.paragraphs.last_mut() {
                join_into(&mut p.text, &text);
            }
        } else {
            self.heading(4, &text);
        }
        self.open = Open::Nothing;
    }

    pub(super) fn feed_annex(&mut self, line: &BodyLine) {
        let text = line.text.as_str();
        if let Some(c) = ANNEX.captures(text) {
            self.start_annex(c.get(1).map(|m| m.as_str().to_string()));
            return;
        }
        if let Some(c) = NUMBERED.captures(text) {
            let n: u32 = c[1].parse().unwrap_or(0);
            if n == self.next_number && (self.open != Open::Para || self.prev_terminated()) {
                self.close_annex_block();
                self.push_para(
                    ParaKind::AnnexItem,
                    Some(n.to_string()),
                    None,
                    &c[2],
                    line.line_no,
                );
                self.next_number = n + 1;
                self.next_letter = Some('a');
                self.next_roman = None;
                return;
            }
        }
        // `a)` may open a list anywhere in an annex until one is open
        // (since its last numbered paragraph).
        let allows_a = !self
            .doc
            .paragraphs
            .iter()
            .rev()
            .take_while(|p| p.kind == ParaKind::AnnexItem && p.annex == self.annex)
            .take_while(|p| p.letter.is_some() || p.number.is_none())
            .any(|p| p.letter.is_some());
        if self.try_letter(line, allows_a) {
            return;
        }
        let starts_upper = text.chars().next().is_some_and(|c| c.is_uppercase());
        let signal = line.gap_before || (line.indent >= 2 && !line.after_break);
        match self.open {
            Open::Para if !self.last_para_text().is_some_and(terminated) => {
                self.continue_open(text)
            }
            Open::Para if !(signal || (line.after_break && starts_upper)) => {
                self.continue_open(text)
            }
            Open::AnnexBlock if !signal => self.continue_open(text),
            _ => {
                self.close_annex_block();
                self.pending = text.to_string();
                self.pending_line = line.line_no;
                self.open = Open::AnnexBlock;
            }
        }
    }
}
