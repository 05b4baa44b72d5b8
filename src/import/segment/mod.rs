//! Second pass: cut the body lines into documents, headings and paragraphs.
//!
//! Blank lines are unreliable in extractions (some are double-spaced, some
//! put a whole paragraph on one line), so paragraphs are found by how they
//! open: an operative or report number that continues the sequence, a
//! letter that continues the list, a preambular participle after a comma,
//! a section numeral, an annex heading. Everything else is a wrapped line.

use super::cover;
pub use super::lexicon::opens_operative;
use super::lines::{join_into, BodyLine, LineRegex};
use super::shape::{ends_with_comma, is_part_letter, roman_value, terminated};
pub use super::shape::{last_char, opens_preamble};
use crate::model::{DocKind, ParaKind};

mod annex;
#[cfg(test)]
mod annex_tests;
mod head;
mod items;
mod labels;
mod report;

#[derive(Debug, Clone)]
pub struct RawPara {
    pub kind: ParaKind,
    pub number: Option<String>,
    pub letter: Option<String>,
    pub annex: Option<String>,
    pub section: Option<String>,
    pub text: String,
    pub line_no: usize,
    /// A dash item of the paragraph before it (its kind, number and
    /// letter are that paragraph's).
    pub dash: bool,
    /// An item whose label the text lost (see `items::try_unmarked_item`):
    /// read as a dash item once its list is confirmed.
    pub unmarked: bool,
}

#[derive(Debug, Clone)]
pub struct RawHeading {
    pub level: u8,
    pub text: String,
    pub before: usize,
}

#[derive(Debug, Clone)]
pub struct RawDoc {
    pub kind: DocKind,
    /// `I` in « Projet de résolution I » (a draft inside a report).
    pub draft_label: Option<String>,
    /// Blocks of the heading zone, before the enacting formula.
    pub head_blocks: Vec<String>,
    pub number: Option<String>,
    pub formula: Option<String>,
    /// Lines of the cover (before the formula) and closing lines (after
    /// the last paragraph): where the number, date and kind are read.
    pub cover: Vec<String>,
    /// A symbol line of the cover (`A/C.3/80/L.4`).
    pub cover_symbol: Option<String>,
    /// A report's title: the agenda item's name above « Report of the …
    /// Committee » (a report's head is otherwise all cover).
    pub report_title: Option<String>,
    pub paragraphs: Vec<RawPara>,
    pub headings: Vec<RawHeading>,
    /// Body line index range `[start, end)`.
    pub start: usize,
    pub end: usize,
    pub first_line_no: usize,
}

impl RawDoc {
    fn new(start: usize, line_no: usize) -> RawDoc {
        RawDoc {
            kind: DocKind::Resolution,
            draft_label: None,
            head_blocks: Vec::new(),
            number: None,
            formula: None,
            cover: Vec::new(),
            cover_symbol: None,
            report_title: None,
            paragraphs: Vec::new(),
            headings: Vec::new(),
            start,
            end: start,
            first_line_no: line_no,
        }
    }
    fn is_empty(&self) -> bool {
        self.paragraphs.is_empty() && self.head_blocks.is_empty() && self.formula.is_none()
    }
}

static DRAFT_MARKER: LineRegex = LineRegex::new(
    r"^(?:Projet de (résolution|décision)|Draft (resolution|decision))\s+([IVXL]{1,6})\s*$",
    |c| c == 'P' || c == 'D',
);
static NUMBER_LINE: LineRegex = LineRegex::new(
    r"^(Résolution|Décision|Resolution|Decision)\s+([A-Z]?-?\d+(?:/\d+)?(?:\s*\([IVXL]+\))?(?:\s+[A-Z])?)\s*$",
    |c| c == 'R' || c == 'D',
);
static FORMULA: LineRegex = LineRegex::new(
    r"^(?:L[’']\s?|L[ae]s?\s+|The\s+)(?:\p{L}+\s+){0,2}?(?:Assemblée|Conférence|Conseil|Commission|Comité|Réunion|Sommet|General Assembly|Conference|Council|Commission|Committee|Meeting|Summit)\b",
    |c| c == 'L' || c == 'T',
);
/// The opening of a decision told as a narrative.
static NARRATIVE: std::sync::LazyLock<regex::Regex> = std::sync::LazyLock::new(|| {
    regex::Regex::new(r"^(?:At its \d+(?:st|nd|rd|th) (?:\(resumed\) )?(?:plenary )?meeting|À sa \d+(?:e|re) séance(?: plénière)?(?: \(reprise\))?|En su \d+ª? sesión(?: plenaria)?)\b").unwrap()
});

/// The paragraph of a report that recommends one draft for adoption.
static RECOMMENDS: std::sync::LazyLock<regex::Regex> = std::sync::LazyLock::new(|| {
    regex::Regex::new(r"(?i)(?:following\s+draft\s+(?:resolution|decision)|projet\s+de\s+(?:résolution|décision)\s+(?:suivant|ci-après)|proyecto\s+de\s+(?:resolución|decisión)\s+siguiente)\s*:\s*$").unwrap()
});
/// A list of instruments goes on after a semicolon with a name in title
/// case (« … Convention against Cybercrime; » / « Strengthening
/// International Cooperation for Combating Certain Crimes … »): that line,
/// with no gap before it, continues the paragraph; it does not open one.
/// So does a name cut after a comma (« …the Convention on the Prohibition
/// of the Development, » / « Stockpiling and Use of Chemical Weapons … »):
/// a preambular paragraph never opens with two capitalised words joined
/// by « and ».
fn names_after_semicolon(prev: Option<&str>, line: &BodyLine) -> bool {
    if line.gap_before || line.after_break {
        return false;
    }
    let words: Vec<&str> = line.text.split_whitespace().take(5).collect();
    let capitals = words
        .iter()
        .filter(|w| w.starts_with(char::is_uppercase))
        .count();
    match prev.and_then(last_char) {
        Some(';') => capitals >= 4,
        Some(',') => {
            matches!(words.get(1), Some(&("and" | "et" | "y")))
                && words
                    .get(2)
                    .is_some_and(|w| w.starts_with(char::is_uppercase))
        }
        _ => false,
    }
}

static NUMBERED: LineRegex = LineRegex::new(r"^(\d{1,3})\.\s+(\S.*)$", char::is_numeric);
static NUMBERED_COMMA: LineRegex = LineRegex::new(r"^(\d{1,3}),\s+(\S.*)$", char::is_numeric);
/// `a)`, `(a)`, and roman items `ii)`, `(iv)` (`i`, `v`, `x` are letters).
static LETTERED: LineRegex = LineRegex::new(r"^\(?([a-z]|[ivx]{2,5})\)\s+(\S.*)$", |c| {
    c.is_ascii_lowercase() || c == '('
});
static SECTION: LineRegex = LineRegex::new(r"^([IVXL]{1,6})\.\s+(\S.*)$", |c| {
    matches!(c, 'I' | 'V' | 'X' | 'L')
});
static SUBSECTION: LineRegex = LineRegex::new(r"^([A-Z])\.\s+(\S.*)$", |c| c.is_ascii_uppercase());
static ANNEX: LineRegex = LineRegex::new(
    r"^(Annexe|Annex|ANNEXE|ANNEX)(?:\s+([IVXL]{1,6}|[A-Z]))?\s*$",
    |c| c == 'A',
);

#[derive(Debug, Clone, Copy, PartialEq)]
enum Zone {
    Head,
    Formula,
    Preamble,
    Operative,
    Annex,
    Report,
}

#[derive(Debug, Clone, Copy, PartialEq)]
enum Open {
    Nothing,
    HeadBlock,
    Para,
    Heading,
    /// A block in an annex not yet known to be a title, intro or heading.
    AnnexBlock,
}

struct Segmenter {
    docs: Vec<RawDoc>,
    doc: RawDoc,
    zone: Zone,
    open: Open,
    next_number: u32,
    next_letter: Option<char>,
    /// The roman item that would come next (`ii` after `i`), if in a list.
    next_roman: Option<u32>,
    /// The last line was a closing line (a meeting), so a date may follow.
    closing: bool,
    /// Lines in the open paragraph.
    open_lines: usize,
    /// Index of the line being fed.
    line_index: usize,
    /// A part heading was just read: numbering may start again at 1.
    part_restart_allowed: bool,
    /// The line being fed follows a gap.
    gap: bool,
    /// The letter of the last part heading.
    last_part: Option<char>,
    annex: Option<String>,
    annex_blocks: usize,
    section: Option<String>,
    next_subsection: char,
    pending: String,
    pending_line: usize,
    /// Length of the first line of `pending` (a label over its text).
    pending_first: usize,
    /// Where, in an annex paragraph that had ended, more text began:
    /// (paragraph index, byte offset) — a heading, if a number follows.
    annex_tail: Option<(usize, usize)>,
}

pub fn segment(lines: &[BodyLine]) -> Vec<RawDoc> {
    let first_line = lines.first().map(|l| l.line_no).unwrap_or(1);
    let mut s = Segmenter {
        docs: Vec::new(),
        doc: RawDoc::new(0, first_line),
        zone: Zone::Head,
        open: Open::Nothing,
        next_number: 1,
        next_letter: None,
        next_roman: None,
        closing: false,
        open_lines: 0,
        line_index: 0,
        part_restart_allowed: false,
        gap: false,
        last_part: None,
        annex: None,
        annex_blocks: 0,
        section: None,
        next_subsection: 'A',
        pending: String::new(),
        pending_line: 0,
        pending_first: 0,
        annex_tail: None,
    };
    for (i, line) in lines.iter().enumerate() {
        s.line_index = i;
        s.gap = line.gap_before;
        s.feed(i, line);
    }
    s.finish_doc(lines.len());
    s.docs
}

impl Segmenter {
    fn finish_doc(&mut self, end: usize) {
        self.close_annex_block();
        self.doc.rejoin_lone_unmarked_items();
        let mut doc = std::mem::replace(&mut self.doc, RawDoc::new(end, 0));
        doc.end = end;
        if !doc.is_empty() {
            self.docs.push(doc);
        }
        self.zone = Zone::Head;
        self.open = Open::Nothing;
        self.next_number = 1;
        self.next_letter = None;
        self.annex = None;
        self.section = None;
        self.next_subsection = 'A';
    }

    fn last_para_text(&self) -> Option<&str> {
        self.doc.paragraphs.last().map(|p| p.text.as_str())
    }

    /// Is the unit before this line complete, so a new one may start?
    fn prev_terminated(&self) -> bool {
        match self.open {
            Open::Para => self.last_para_text().is_none_or(terminated),
            Open::AnnexBlock => true,
            _ => true,
        }
    }

    fn push_para(
        &mut self,
        kind: ParaKind,
        number: Option<String>,
        letter: Option<String>,
        text: &str,
        line_no: usize,
    ) {
        self.doc.paragraphs.push(RawPara {
            kind,
            number,
            letter,
            annex: self.annex.clone(),
            section: self.section.clone(),
            text: text.to_string(),
            line_no,
            dash: false,
            unmarked: false,
        });
        self.open = Open::Para;
        self.open_lines = 1;
    }

    fn continue_open(&mut self, text: &str) {
        match self.open {
            Open::Para => {
                if let Some(p) = self.doc.paragraphs.last_mut() {
                    join_into(&mut p.text, text);
                }
                self.open_lines += 1;
            }
            Open::Heading => {
                if let Some(h) = self.doc.headings.last_mut() {
                    join_into(&mut h.text, text);
                }
            }
            Open::HeadBlock => {
                if let Some(b) = self.doc.head_blocks.last_mut() {
                    join_into(b, text);
                }
            }
            Open::AnnexBlock => join_into(&mut self.pending, text),
            Open::Nothing => {
                if let Some(p) = self.doc.paragraphs.last_mut() {
                    join_into(&mut p.text, text);
                } else {
                    self.doc.head_blocks.push(text.to_string());
                    self.open = Open::HeadBlock;
                }
            }
        }
    }

    /// A lettered heading over a group of paragraphs (« A. Restoration of
    /// peace and order »), after a paragraph that ended: the letter the
    /// sequence calls for, and a short line that does not end a sentence.
    fn lettered_heading(&mut self, text: &str) -> bool {
        let Some(c) = SUBSECTION.captures(text) else {
            return false;
        };
        let letter = c[1].chars().next().unwrap_or('A');
        let title = &c[2];
        let ended = self
            .last_para_text()
            .and_then(last_char)
            .is_some_and(|c| matches!(c, ';' | '.' | ':'));
        if letter != self.next_subsection
            || !ended
            || self.open != Open::Para
            || title.chars().count() > 80
            || !title.starts_with(char::is_uppercase)
            || last_char(title).is_some_and(|c| matches!(c, '.' | ';' | ':' | ','))
        {
            return false;
        }
        self.next_subsection = char::from_u32(letter as u32 + 1).unwrap_or('Z');
        self.heading(3, text);
        true
    }

    fn heading(&mut self, level: u8, text: &str) {
        self.doc.headings.push(RawHeading {
            level,
            text: text.to_string(),
            before: self.doc.paragraphs.len(),
        });
        self.open = Open::Heading;
    }

    fn feed(&mut self, i: usize, line: &BodyLine) {
        let text = line.text.as_str();
        if let Some(c) = DRAFT_MARKER.captures(text) {
            if self.zone != Zone::Head || !self.doc.is_empty() {
                self.finish_doc(i);
                self.doc.start = i;
            }
            self.doc.first_line_no = line.line_no;
            self.doc.kind = if c.get(1).map(|m| m.as_str()) == Some("décision")
                || c.get(2).map(|m| m.as_str()) == Some("decision")
            {
                DocKind::Decision
            } else {
                DocKind::DraftResolution
            };
            self.doc.draft_label = Some(c[3].to_string());
            self.open = Open::Nothing;
            return;
        }
        if text.is_empty() {
            return; // a label moved onto the line after it (lines::join_lone_labels)
        }
        if self.doc.is_empty() && self.doc.draft_label.is_none() {
            self.doc.first_line_no = line.line_no;
            self.doc.start = i;
        }
        if !matches!(self.zone, Zone::Head | Zone::Formula) && self.closing_line(text) {
            return;
        }
        // The part after `B` may be OCR'd in lower case (`c`).
        let next_part = self
            .last_part
            .map(|p| char::from(p as u8 + 1).to_ascii_lowercase().to_string());
        if matches!(self.zone, Zone::Preamble | Zone::Operative)
            && (is_part_letter(text) || next_part.as_deref() == Some(text))
            && self.prev_terminated()
        {
            let text = &text.to_uppercase();
            self.last_part = text.chars().next();
            // Part `A`, `B` of a resolution: a heading. Its own preamble
            // may follow (« Acting under Chapter VII … »), and its numbers
            // may start again from 1 (model::mark_restarting_parts).
            self.heading(2, text);
            self.open = Open::Nothing;
            if self.zone == Zone::Operative {
                self.zone = Zone::Preamble;
                self.part_restart_allowed = true;
            }
            return;
        }
        // A part's title under its label (« I » / « Activities of the
        // Office of Internal Oversight Services »): a heading too.
        let just_after_part = self.doc.headings.last().is_some_and(|h| {
            h.level == 2 && is_part_letter(&h.text) && h.before == self.doc.paragraphs.len()
        }) && self.open == Open::Nothing;
        if just_after_part
            && matches!(self.zone, Zone::Preamble | Zone::Operative)
            && text.chars().count() < 120
            && text.starts_with(char::is_uppercase)
            && last_char(text).is_some_and(|c| c.is_alphanumeric() || c == ')')
            && !opens_preamble(text)
            && !opens_operative(text)
            && !NUMBERED.is_match(text)
        {
            self.heading(3, text);
            return;
        }
        // A decision told as a narrative (« At its 2nd plenary meeting, on
        // 12 September 2025, the General Assembly … : (a) … »), or each of
        // its parts: its opening is a paragraph, its items follow.
        if NARRATIVE.is_match(text)
            && matches!(self.zone, Zone::Head | Zone::Preamble | Zone::Operative)
            && (self.zone == Zone::Head || self.prev_terminated())
        {
            if self.doc.kind == DocKind::Resolution {
                self.doc.kind = DocKind::Decision;
            }
            if self.doc.cover.is_empty() || self.zone == Zone::Head {
                self.doc.cover.push(text.chars().take(200).collect());
            }
            self.doc.head_blocks.clear();
            self.zone = Zone::Preamble;
            self.push_para(ParaKind::Preamble, None, None, text, line.line_no);
            self.next_letter = Some('a');
            self.next_roman = None;
            return;
        }
        // A part letter before the first paragraph (a decision in parts).
        if self.zone == Zone::Head && is_part_letter(text) && self.doc.head_blocks.is_empty() {
            self.last_part = text.chars().next();
            self.heading(2, text);
            self.open = Open::Nothing;
            return;
        }
        if matches!(self.zone, Zone::Preamble | Zone::Operative) && self.lettered_heading(text) {
            return;
        }
        if !matches!(self.zone, Zone::Head | Zone::Formula) && self.try_item(line) {
            return;
        }
        match self.zone {
            Zone::Head => self.feed_head(line),
            Zone::Formula
                if opens_preamble(text)
                    || opens_operative(text)
                    || NUMBERED.is_match(text)
                    || self.doc.formula.as_deref().is_some_and(|f| f.len() > 200) =>
            {
                // « The General Assembly » without its comma.
                self.zone = Zone::Preamble;
                self.open = Open::Nothing;
                self.feed(i, line);
            }
            Zone::Formula => {
                if let Some(f) = self.doc.formula.as_mut() {
                    join_into(f, text);
                }
                if last_char(text) == Some(',') {
                    self.zone = Zone::Preamble;
                    self.open = Open::Nothing;
                }
            }
            Zone::Preamble => {
                if let Some(c) = ANNEX.captures(text) {
                    if !self.doc.paragraphs.is_empty() && self.prev_terminated() {
                        self.start_annex(&c);
                        return;
                    }
                }
                if self.try_number(text, line.line_no, ParaKind::Operative) {
                    self.zone = Zone::Operative;
                } else if self.try_letter(line, false) || self.try_unmarked_item(line) {
                } else if self.doc.paragraphs.is_empty()
                    || (ends_with_comma(self.last_para_text().unwrap_or(""))
                        && opens_preamble(text)
                        && !names_after_semicolon(self.last_para_text(), line))
                    || (self.prev_terminated()
                        && last_char(self.last_para_text().unwrap_or("")) != Some(':')
                        && opens_preamble(text)
                        && !names_after_semicolon(self.last_para_text(), line))
                    // An unnumbered operative paragraph (« Decides … »):
                    // model::mark_unnumbered_operative tells it later.
                    || (self.last_para_text().is_none_or(|t| last_char(t) != Some(':'))
                        && (line.gap_before || line.after_break)
                        && opens_operative(text))
                {
                    self.push_para(ParaKind::Preamble, None, None, text, line.line_no);
                    self.next_letter = Some('a');
                } else {
                    self.continue_open(text);
                }
            }
            Zone::Operative => {
                if let Some(c) = ANNEX.captures(text) {
                    if self.prev_terminated() {
                        self.start_annex(&c);
                        return;
                    }
                }
                if self.try_number(text, line.line_no, ParaKind::Operative)
                    || self.try_letter(line, false)
                    || self.try_unmarked_item(line)
                {
                    return;
                }
                // A thematic heading between operative paragraphs
                // (« Peacebuilding financing »): after a paragraph that
                // ended and a gap, a short line that does not end.
                let heading_like = text.chars().count() < 100
                    && text.starts_with(char::is_uppercase)
                    && last_char(text).is_some_and(|c| c.is_alphanumeric() || c == ')');
                if self.open == Open::Para
                    && line.gap_before
                    && heading_like
                    && matches!(self.last_para_text().and_then(last_char), Some(';' | '.'))
                {
                    self.heading(3, text);
                    return;
                }
                self.continue_open(text);
            }
            Zone::Annex => self.feed_annex(line),
            Zone::Report => self.feed_report(line),
        }
    }
}

#[cfg(test)]
mod tests;

#[cfg(test)]
mod list_tests;
