//! The head of a document: its cover, number and title lines, the
//! enacting formula; and its closing lines.

use super::*;

/// Does a closing sentence go on after this line? Not after its end (`.`,
/// `)`), nor after a line complete in itself: a meeting (`64th plenary
/// meeting`) or a date (`15 December 2025`), after which an annex may come.
fn closing_goes_on(last: &str) -> bool {
    let last = last.trim_end();
    let complete = last.ends_with(['.', ')'])
        || (last.starts_with(|c: char| c.is_ascii_digit()) && cover::is_closing_line(last));
    !complete
}

impl Segmenter {
    /// Does `text` end a date the last cover line began (« … on 1
    /// December » / « 2025 », « … le 14 » / « octobre 2025 »)? Not a line
    /// with a date of its own, nor a long one (text, not a date's end).
    fn completes_cover_date(&self, text: &str) -> bool {
        let Some(last) = self.doc.cover.last() else {
            return false;
        };
        text.split_whitespace().count() <= 3
            && cover::find_date(text).is_none()
            && cover::find_date(last).is_none()
            && cover::find_date(&format!("{last} {text}")).is_some()
    }

    /// A closing line (`18th plenary meeting`, its date, « Adopted at the
    /// 1382nd meeting »): kept with the cover, not in a paragraph.
    pub(super) fn closing_line(&mut self, text: &str) -> bool {
        let date_only = text.starts_with(|c: char| c.is_ascii_digit())
            && cover::find_date(text).is_some()
            && !text.to_lowercase().contains("meeting")
            && !text.contains("séance");
        // « Adopted at the 642nd meeting by 9 votes to none, with » goes on
        // « 2 abstentions (Lebanon, …). »: the sentence is closing too.
        let goes_on = self.closing
            && self.doc.cover.last().is_some_and(|l| closing_goes_on(l))
            && !date_only
            && !NUMBERED.is_match(text)
            && !ANNEX.is_match(text);
        let closing = goes_on
            || (cover::is_closing_line(text)
                && (!date_only || self.closing)
                && (self.closing || self.prev_terminated()));
        if closing {
            // The annex's last block ends here.
            self.close_annex_block();
            self.doc.cover.push(text.to_string());
            self.open = Open::Nothing;
        }
        self.closing = closing;
        closing
    }

    pub(super) fn feed_head(&mut self, line: &BodyLine) {
        let text = line.text.as_str();

        // Cover lines never make the title: what the cover says of the
        // document is kept for its metadata, and the title is what comes
        // after the last of them (an agenda item's name comes before).
        // Once the title has begun (after the sponsors' line or `80/1.`),
        // a bare organ's name is a wrapped line of it (« … of the » /
        // « General Assembly »), not the cover's.
        let in_title = self.open == Open::HeadBlock && !self.doc.head_blocks.is_empty();
        // The sponsors' line wraps: « … on the recommendation of the » /
        // « Economic and Social Council (resolution 2025/15) ».
        let sponsors_go_on = !line.gap_before
            && self.open == Open::Nothing
            && self.doc.cover.last().is_some_and(|l| {
                cover::is_submitted_line(l) && !l.trim_end().ends_with(['.', ')'])
            });
        if sponsors_go_on {
            let last = self.doc.cover.last_mut().expect("checked above");
            last.push(' ');
            last.push_str(text);
            return;
        }
        // A cover line's date wrapped: « … General Assembly on 1 December »
        // / « 2025 »: the rest of the date goes on the line it ends.
        if self.open == Open::Nothing && self.completes_cover_date(text) {
            let last = self.doc.cover.last_mut().expect("checked");
            last.push(' ');
            last.push_str(text);
            return;
        }
        // The sponsors' line wrapped before its kind's last words (« …
        // Zimbabwe: draft » / « resolution »): the line it completes is
        // the cover's, not a title.
        let completed_draft = (self.open == Open::HeadBlock
            && text.split_whitespace().count() <= 2
            && !cover::is_draft_line(text))
        .then(|| self.doc.head_blocks.last())
        .flatten()
        .map(|last| format!("{last} {text}"))
        .filter(|joined| cover::is_draft_line(joined));
        if let Some(joined) = completed_draft {
            if self.doc.kind == DocKind::Resolution {
                self.doc.kind = DocKind::DraftResolution;
            }
            self.doc.cover.push(joined);
            self.doc.head_blocks.clear();
            self.open = Open::Nothing;
            return;
        }
        if cover::is_cover_line(text) && !(in_title && cover::is_organ_line(text)) {
            if cover::is_draft_line(text) && self.doc.kind == DocKind::Resolution {
                self.doc.kind = DocKind::DraftResolution;
            }
            self.doc.cover.push(text.to_string());
            self.doc.head_blocks.clear();
            self.open = Open::Nothing;
            return;
        }
        if cover::is_report_line(text) {
            let plural = self
                .doc
                .cover
                .iter()
                .any(|l| cover::is_plural_agenda_line(l));
            if !plural && !self.doc.head_blocks.is_empty() {
                self.doc.report_title = Some(self.doc.head_blocks.join(" "));
            }
            self.doc.cover.push(text.to_string());
            self.doc.head_blocks.clear();
            self.open = Open::Nothing;
            return;
        }
        if let Some(symbol) = cover::symbol_line(text) {
            // The document's symbol, printed once on the cover.
            self.doc.cover_symbol.get_or_insert(symbol);
            self.doc.cover.push(text.to_string());
            self.doc.head_blocks.clear();
            self.open = Open::Nothing;
            return;
        }
        if let Some((number, title)) = cover::number_and_title(text) {
            self.doc.number = Some(number);
            self.doc.cover.push(text.to_string());
            self.doc.head_blocks.clear();
            self.open = Open::Nothing;
            if !title.is_empty() {
                self.doc.head_blocks.push(title);
                self.open = Open::HeadBlock;
            }
            return;
        }
        if let Some(c) = NUMBER_LINE.captures(text) {
            self.doc.number = Some(c[2].trim().to_string());
            if c[1].starts_with('D') {
                self.doc.kind = DocKind::Decision;
            }
            self.open = Open::Nothing;
            return;
        }
        // « The General Assembly decides to defer … »: a decision of one
        // sentence, the body named in it, has no formula of its own.
        let one_sentence = FORMULA.captures(text).is_some_and(|c| {
            let rest = &text[c.get(0).map_or(0, |m| m.end())..];
            rest.starts_with(' ')
                && rest.trim_start().starts_with(char::is_lowercase)
                && opens_operative(rest)
        });
        if one_sentence {
            self.zone = Zone::Operative;
            self.push_para(ParaKind::Operative, None, None, text, line.line_no);
            return;
        }
        if FORMULA.is_match(text) {
            self.doc.formula = Some(text.to_string());
            self.open = Open::Nothing;
            self.zone = if last_char(text) == Some(',') {
                Zone::Preamble
            } else {
                Zone::Formula
            };
            return;
        }
        // An amendment's instructions, after the amended draft's title:
        // numbered (« 1. In operative paragraph 64, … insert … ») or one
        // unnumbered (« Delete the thirty-eighth preambular paragraph
        // reading: » and the quoted paragraph).
        let amendment = self.doc.cover.iter().any(|l| cover::is_amendment_line(l));
        if amendment && !self.doc.head_blocks.is_empty() {
            if NUMBERED.captures(text).is_some_and(|c| &c[1] == "1") {
                self.zone = Zone::Operative;
                self.try_number(text, line.line_no, ParaKind::Operative);
                return;
            }
            if line.gap_before && last_char(text) == Some(':') {
                self.zone = Zone::Operative;
                self.push_para(ParaKind::Operative, None, None, text, line.line_no);
                return;
            }
        }
        // A numbered resolution whose paragraphs each say who acts (« 1. The
        // Security Council requests … »), with no enacting formula of its
        // own: what came between its number and paragraph 1 is its
        // preamble (« By Article 47 of the Charter, … ; »), less a
        // connective (« Therefore »).
        if self.doc.number.is_some()
            && self.doc.draft_label.is_none()
            && NUMBERED.captures(text).is_some_and(|c| &c[1] == "1")
        {
            for block in std::mem::take(&mut self.doc.head_blocks) {
                if block.chars().count() > 60 && block.trim_end().ends_with([',', ';', ':', '.']) {
                    self.push_para(ParaKind::Preamble, None, None, &block, line.line_no);
                }
            }
            self.zone = Zone::Operative;
            self.try_number(text, line.line_no, ParaKind::Operative);
            return;
        }
        if self.doc.draft_label.is_none()
            && (SECTION.is_match(text) || NUMBERED.captures(text).is_some_and(|c| &c[1] == "1"))
        {
            self.doc.kind = DocKind::Report;
            self.zone = Zone::Report;
            self.feed_report(line);
            return;
        }
        let new_block = self.open != Open::HeadBlock
            || line.gap_before
            || (line.indent >= 2 && !line.after_break);
        if new_block {
            self.doc.head_blocks.push(text.to_string());
            self.open = Open::HeadBlock;
        } else {
            self.continue_open(text);
        }
    }
}
