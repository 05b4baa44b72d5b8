//! Reports: numbered paragraphs in sections, and the draft a report
//! recommends.

use super::*;

impl Segmenter {
    pub(super) fn feed_report(&mut self, line: &BodyLine) {
        let text = line.text.as_str();
        // « … recommends … the adoption of the following draft resolution: »
        // then the draft itself, unnumbered (a report recommending several
        // numbers them: « Draft resolution I », see DRAFT_MARKER).
        let recommends =
            self.open == Open::Para
                && self.doc.paragraphs.last().is_some_and(|p| {
                    last_char(&p.text) == Some(':') && RECOMMENDS.is_match(&p.text)
                });
        if recommends && !NUMBERED.is_match(text) && !SECTION.is_match(text) {
            self.finish_doc(self.line_index);
            self.doc.start = self.line_index;
            self.doc.first_line_no = line.line_no;
            self.doc.kind = DocKind::DraftResolution;
            self.doc.draft_label = Some(String::new());
            self.open = Open::Nothing;
            self.feed_head(line);
            return;
        }
        if self.prev_terminated() || self.open == Open::Heading {
            if let Some(c) = SECTION.captures(text) {
                if self.open != Open::Heading || line.gap_before {
                    self.section = Some(c[1].to_string());
                    self.next_subsection = 'A';
                    self.heading(2, text);
                    return;
                }
            }
            if let Some(c) = SUBSECTION.captures(text) {
                let l = c[1].chars().next().unwrap();
                if l == self.next_subsection {
                    self.next_subsection = char::from_u32(l as u32 + 1).unwrap_or('Z');
                    self.heading(3, text);
                    return;
                }
            }
        }
        if self.try_number(text, line.line_no, ParaKind::ReportPara) || self.try_letter(line, false)
        {
            return;
        }
        if self.open == Open::Heading && line.gap_before {
            // Text after a closed heading with no number: keep it with the
            // last paragraph rather than invent one.
            self.open = Open::Para;
        }
        self.continue_open(text);
    }
}
