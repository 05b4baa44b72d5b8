//! Annexes: their headings, titles, intros, numbered and lettered items.
//!
//! An annex holds a title (its first block that is no sentence), thematic
//! headings, and text paragraphs: numbered (`1.`), lettered (`a)`, `(a)`)
//! or not (an intro, a chapeau « … we: », a statement under its label
//! « Core principle I »). A text annexed whole (another organ's decision)
//! has its own formula (« The Executive Council, ») and preamble, whose
//! paragraphs open as a resolution's do.

use super::*;
use std::sync::LazyLock;

/// The enacting formula of an annexed text (« The Executive Council, »):
/// a few words on a line of their own, ending with a comma.
fn annexed_formula(text: &str) -> bool {
    FORMULA.is_match(text) && last_char(text) == Some(',') && text.split_whitespace().count() <= 6
}

/// A word and its colon alone on a line (« Hereby: »): the end of an
/// annexed text's formula, before its operative paragraphs.
fn lone_word_colon(text: &str) -> bool {
    let t = text.trim();
    t.strip_suffix(':')
        .is_some_and(|w| w.starts_with(char::is_uppercase) && w.chars().all(|c| c.is_alphabetic()))
}

/// A label and its colon opening a line (« Target: at least … »).
static LABEL_COLON: LazyLock<regex::Regex> =
    LazyLock::new(|| regex::Regex::new(r"^\p{Lu}\p{Ll}+:\s+\S").unwrap());

/// A block that is a short label over its text (« Core principle I » /
/// « Decisions regarding … . »): the label and the text, apart.
fn label_over_text(block: &str, first_len: usize) -> Option<(&str, &str)> {
    if first_len >= block.len() || !block.is_char_boundary(first_len) {
        return None;
    }
    let (label, rest) = (block[..first_len].trim(), block[first_len..].trim());
    let label_ok = label.chars().count() <= 40
        && label.starts_with(char::is_uppercase)
        && last_char(label).is_some_and(|c| c.is_alphanumeric());
    let rest_ok =
        rest.starts_with(char::is_uppercase) && rest.len() > 2 * label.len() && terminated(rest);
    (label_ok && rest_ok).then_some((label, rest))
}

/// The text without a last conjunction (`…; and` -> `…;`).
fn without_conjunction(text: &str) -> &str {
    let t = text.trim_end();
    for w in [" and", " or", " et", " ou"] {
        if let Some(rest) = t.strip_suffix(w) {
            return rest.trim_end();
        }
    }
    t
}

/// A short title-case label ending with a colon (« Chemical Section: »,
/// « Hereby: »): a heading over what follows, not a sentence.
fn colon_label(block: &str) -> bool {
    let Some(words) = block.trim().strip_suffix(':') else {
        return false;
    };
    let words: Vec<&str> = words.split_whitespace().collect();
    !words.is_empty() && words.len() <= 4 && words.iter().all(|w| w.starts_with(char::is_uppercase))
}

/// `ANNEX` -> `Annex`: the word as printed, in a heading's case.
fn heading_word(word: &str) -> String {
    let mut chars = word.chars();
    let first = chars.next().map(|c| c.to_uppercase().to_string());
    first.unwrap_or_default() + &chars.as_str().to_lowercase()
}

impl Segmenter {
    pub(super) fn start_annex(&mut self, c: &regex::Captures) {
        self.close_annex_block();
        self.zone = Zone::Annex;
        let word = heading_word(&c[1]);
        let label = c.get(2).map(|m| m.as_str().to_string()).unwrap_or_default();
        let heading = if label.is_empty() {
            word
        } else {
            format!("{word} {label}")
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
        let sentence = terminated(without_conjunction(&text));
        self.annex_blocks += 1;
        let line = self.pending_line;
        if let Some((label, rest)) = label_over_text(&text, self.pending_first) {
            self.heading(4, label);
            self.push_para(ParaKind::AnnexItem, None, None, rest, line);
        } else if self.annex_blocks == 1 && !sentence {
            self.heading(3, &text);
        } else if colon_label(&text) {
            self.heading(4, &text);
        } else if sentence && has_items && text.starts_with(char::is_lowercase) {
            // The end of the item before, past a break.
            if let Some(p) = self.doc.paragraphs.last_mut() {
                join_into(&mut p.text, &text);
            }
        } else if sentence {
            self.push_para(ParaKind::AnnexItem, None, None, &text, line);
        } else {
            self.heading(4, &text);
        }
        self.open = Open::Nothing;
    }

    /// A paragraph that had ended went on with lines that do not end, and
    /// the next number follows: those lines were a heading (« Agreed
    /// actions »), printed with no gap.
    fn split_heading_tail(&mut self) {
        let Some((at, offset)) = self.annex_tail.take() else {
            return;
        };
        if at + 1 != self.doc.paragraphs.len() {
            return;
        }
        let Some(p) = self.doc.paragraphs.last_mut() else {
            return;
        };
        if !p.text.is_char_boundary(offset) {
            return;
        }
        let tail = p.text[offset..].trim().to_string();
        if tail.chars().count() > 250 || !tail.starts_with(char::is_uppercase) {
            return;
        }
        p.text.truncate(offset);
        let trimmed = p.text.trim_end().len();
        p.text.truncate(trimmed);
        self.heading(4, &tail);
    }

    /// The last character of the unit open before this line, before a
    /// last conjunction (`…; and`).
    fn open_unit_end(&self) -> Option<char> {
        let text = match self.open {
            Open::Para => self.last_para_text()?,
            Open::AnnexBlock => &self.pending,
            _ => return None,
        };
        last_char(without_conjunction(text))
    }

    /// In an annex, does the item before end with a conjunction (`…; and`,
    /// `… and`, `… et`), so the next label of its list may follow?
    pub(super) fn item_ends_with_conjunction(&self) -> bool {
        self.zone == Zone::Annex
            && self.open == Open::Para
            && self
                .last_para_text()
                .is_some_and(|t| without_conjunction(t).len() < t.trim_end().len())
    }

    /// Do the paragraphs of this annex end with `;` (an annexed text's
    /// preamble), so a comma ends none?
    fn semicolon_style(&self) -> bool {
        self.doc
            .paragraphs
            .iter()
            .rev()
            .take_while(|p| p.kind == ParaKind::AnnexItem && p.annex == self.annex)
            .any(|p| last_char(without_conjunction(&p.text)) == Some(';'))
    }

    /// Has this annex the formula of a text annexed whole?
    fn annexed_text(&self) -> bool {
        self.doc
            .headings
            .iter()
            .rev()
            .take_while(|h| h.level > 2)
            .any(|h| annexed_formula(&h.text))
    }

    /// A bare annex heading whose numeral the OCR printed as digits on the
    /// next line (`Annexe` / `11` for « Annexe II »): taken when it is the
    /// numeral that comes after the annex before.
    fn ocr_numeral(&mut self, text: &str) -> bool {
        const ROMAN: [&str; 10] = ["I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X"];
        if self.annex.as_deref() != Some("") || self.annex_blocks > 0 || self.open != Open::Nothing
        {
            return false;
        }
        let read: String = text
            .trim()
            .chars()
            .map(|c| if matches!(c, '1' | 'l' | '|') { 'I' } else { c })
            .collect();
        let before = self.doc.headings.iter().rev().skip(1).find_map(|h| {
            let c = ANNEX.captures(&h.text)?;
            let label = c.get(2)?.as_str().to_lowercase();
            roman_value(&label)
        });
        let Some(next) = before.and_then(|v| ROMAN.get(v as usize)) else {
            return false;
        };
        if read != *next || !text.contains(|c: char| c.is_ascii_digit()) {
            return false;
        }
        self.annex = Some(next.to_string());
        if let Some(h) = self.doc.headings.last_mut() {
            h.text = format!("{} {next}", h.text);
        }
        true
    }

    pub(super) fn feed_annex(&mut self, line: &BodyLine) {
        let text = line.text.as_str();
        if let Some(c) = ANNEX.captures(text) {
            self.start_annex(&c);
            return;
        }
        if self.ocr_numeral(text) {
            return;
        }
        if let Some(c) = NUMBERED.captures(text) {
            let n: u32 = c[1].parse().unwrap_or(0);
            if n == self.next_number && self.open == Open::Para && !self.prev_terminated() {
                self.split_heading_tail();
            }
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
        // (since its last numbered paragraph), after a unit that ended
        // (else it is an enumeration inside a sentence).
        let allows_a = self.prev_terminated()
            && !self
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
        let end = self.open_unit_end();
        // The formula of an annexed text, and its « Hereby: », are headings.
        if annexed_formula(text) || (lone_word_colon(text) && end.is_some_and(|c| ";.".contains(c)))
        {
            self.close_annex_block();
            self.heading(4, text);
            return;
        }
        // A paragraph opens where, after one that ended, a line opens as a
        // preambular one (`;` ends them in an annexed text, or `,` after its
        // formula) or with a label (« Target: … »).
        let new_unit = (opens_preamble(text)
            && (end == Some(';')
                || (end == Some(',') && self.annexed_text() && !self.semicolon_style())))
            || (LABEL_COLON.is_match(text) && matches!(end, Some(';' | '.')));
        let starts_upper = text.chars().next().is_some_and(|c| c.is_uppercase());
        let signal = new_unit || line.gap_before || (line.indent >= 2 && !line.after_break);
        match self.open {
            Open::Para if !self.last_para_text().is_some_and(terminated) => {
                self.continue_open(text)
            }
            Open::Para if !(signal || (line.after_break && starts_upper)) => {
                if matches!(
                    self.last_para_text().and_then(last_char),
                    Some('.' | '?' | '!')
                ) {
                    let at = self.doc.paragraphs.len().saturating_sub(1);
                    let offset = self.last_para_text().map_or(0, str::len);
                    self.annex_tail = Some((at, offset));
                }
                self.continue_open(text)
            }
            Open::AnnexBlock if !signal => self.continue_open(text),
            _ => {
                self.close_annex_block();
                self.pending = text.to_string();
                self.pending_first = self.pending.len();
                self.pending_line = line.line_no;
                self.open = Open::AnnexBlock;
            }
        }
    }
}
