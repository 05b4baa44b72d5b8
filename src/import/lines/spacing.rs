//! Double spacing: some PDF extractors, and copy-pastes, print an empty line
//! after every line. There a single empty line is only line spacing, a
//! paragraph gap is two empty lines or more (or none at all), and the lines
//! that page furniture is told by are twice as far apart as on the page.
//! Such a text is read as its single-spaced form: one empty line dropped
//! after each line, before anything reads the blank lines.
//!
//! A text of one paragraph a line (a cleaned text, blank lines between its
//! paragraphs) also has an empty line after every line, but there each one
//! is a paragraph gap and must stay. The two are told apart by where their
//! lines stop: a wrapped text stops mid-sentence on many of its lines (the
//! next opening with a lower-case letter), a text of one paragraph a line
//! only where a page break cut a paragraph; its lines end clauses.

/// Is this line empty, or only spaces?
fn blank(l: &str) -> bool {
    l.trim().is_empty()
}

/// The indices of the lines of `raw` to read when the text is
/// double-spaced (the empty line after each line dropped); `None` when it
/// is not.
pub(super) fn single_spaced(raw: &[&str]) -> Option<Vec<usize>> {
    if !double_spaced(raw) {
        return None;
    }
    // Each line takes the empty line after it with it: a run of `k` empty
    // lines after a text line stands for `k / 2` (rounded down) empty lines.
    let mut keep = Vec::with_capacity(raw.len() / 2 + 1);
    let mut i = 0;
    while i < raw.len() {
        keep.push(i);
        i += if raw.get(i + 1).is_some_and(|l| blank(l)) {
            2
        } else {
            1
        };
    }
    Some(keep)
}

/// Is the text double-spaced, judged by its own lines?
fn double_spaced(raw: &[&str]) -> bool {
    let text: Vec<usize> = (0..raw.len()).filter(|&i| !blank(raw[i])).collect();
    let pairs = text.len().saturating_sub(1);
    if pairs < 4 {
        return false;
    }
    // Nearly every line is followed by an empty line.
    let adjacent = text.windows(2).filter(|w| w[1] == w[0] + 1).count();
    if adjacent * 8 > pairs {
        return false;
    }
    // Lines one empty line apart: line spacing, or paragraph gaps?
    let single: Vec<(&str, &str)> = text
        .windows(2)
        .filter(|w| w[1] == w[0] + 2)
        .map(|w| (raw[w[0]].trim(), raw[w[1]].trim()))
        .collect();
    // Few of them: the gaps are two empty lines or more, and dropping one
    // after each line joins nothing that stood apart.
    if single.len() * 4 <= pairs {
        return true;
    }
    // Many: lines that stop mid-sentence across them say a paragraph goes
    // on (a wrapped text), lines that end a clause before a new opening
    // say each is a paragraph.
    let ends_clause = |a: &str| a.ends_with(['.', ',', ';', ':']);
    let opens_lower = |b: &str| b.starts_with(char::is_lowercase);
    let mid = single
        .iter()
        .filter(|(a, b)| !ends_clause(a) && opens_lower(b))
        .count();
    let ends = single
        .iter()
        .filter(|(a, b)| ends_clause(a) && !opens_lower(b))
        .count();
    mid >= 2 && mid * 3 >= ends
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lines(t: &str) -> Vec<&str> {
        t.lines().collect()
    }

    fn collapsed(t: &str) -> Option<String> {
        let raw = lines(t);
        single_spaced(&raw).map(|keep| keep.iter().map(|&i| raw[i]).collect::<Vec<_>>().join("\n"))
    }

    const WRAPPED: &str = "The General Assembly,\n\
        \n\
        Recalling its resolution 75/1 of 21 September 2020, in which it\n\
        decided to convene a high-level meeting on the matter at hand,\n\
        \n\
        1. Decides to hold the meeting in New York in the course of its\n\
        eighty-first session, and requests the President to organize it;\n\
        2. Requests the Secretary-General to submit a report to it at its\n\
        next session on the implementation of the present resolution;\n\
        3. Decides to remain seized of the matter.";

    #[test]
    fn a_double_spaced_text_is_read_single_spaced() {
        // An empty line after every line; a paragraph gap is three.
        let double = WRAPPED.replace('\n', "\n\n");
        assert_eq!(collapsed(&double).as_deref(), Some(WRAPPED));
        // Gaps of two empty lines, paragraphs not separated at all, and a
        // line of spaces kept as the gap it is.
        let real = "Recalling its resolution 75/1, in which it\n\n\
            decided to convene a meeting,\n\n \n\n\
            1. Decides to hold the meeting in the course of its\n\n\
            next session, and requests the President to organize it;\n\n\
            2. Requests a report on the implementation of the\n\n\
            present resolution at its next session;\n\n\n\
            3. Decides to remain seized of the matter.\n\n";
        assert_eq!(
            collapsed(real).as_deref(),
            Some(
                "Recalling its resolution 75/1, in which it\n\
                decided to convene a meeting,\n \n\
                1. Decides to hold the meeting in the course of its\n\
                next session, and requests the President to organize it;\n\
                2. Requests a report on the implementation of the\n\
                present resolution at its next session;\n\n\
                3. Decides to remain seized of the matter."
            )
        );
    }

    #[test]
    fn one_paragraph_a_line_is_not_double_spaced() {
        let text = "The General Assembly,\n\n\
            Recalling its resolution 75/1 of 21 September 2020, in which it decided to convene a high-level meeting,\n\n\
            Noting the report of the Secretary-General on the matter at hand and the recommendations therein,\n\n\
            1. Decides to hold the meeting in New York in the course of its eighty-first session;\n\n\
            2. Requests the Secretary-General to submit a report to it at its next session on the\n\n\
            implementation of the present resolution;\n\n\
            3. Decides to remain seized of the matter.\n";
        assert_eq!(collapsed(text), None);
        // Doubled, its gaps are three empty lines: it is read back as it was.
        let doubled = text.replace('\n', "\n\n");
        assert_eq!(collapsed(&doubled).as_deref(), Some(text.trim_end()));
    }

    #[test]
    fn a_normally_spaced_text_is_left_alone() {
        assert_eq!(collapsed(WRAPPED), None);
        // A few lines, each followed by an empty one, are too few to judge.
        assert_eq!(collapsed("Title\n\nof the text,\n\nwrapped\n"), None);
    }
}
