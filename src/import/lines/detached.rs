//! Footnote labels printed apart from their text.
//!
//! pdftotext's raw mode prints a footnote's number on a line of its own,
//! sometimes with page furniture between it and the note's text (« 1 »,
//! « 22-26255 (E) », « A/C.6/77/SR.9 … »), and sometimes after the texts
//! of a block (« Official Records … », « Ibid., para. 42. », « 3 »,
//! « Ibid., chap. IV … », « 1 », « 2 »). This pass, run before notes are
//! read, writes each such note back as one entry line (`1 text`) where its
//! number stood, so that the notes pass sees the usual form.

use super::furniture::{Kind, JOB_LINE, PAGE_LINE, PRINT_MARK, SYMBOL_LINE, URL};

/// A footnote number alone on its line.
fn bare_label(line: &str) -> Option<u32> {
    let t = line.trim();
    (!t.is_empty() && t.len() <= 3 && t.bytes().all(|b| b.is_ascii_digit()))
        .then(|| t.parse().ok())
        .flatten()
        .filter(|&n| n > 0)
}

/// Furniture by its form alone (not learned from repetition, which may
/// have taken a note's text between two furniture lines for a header). A
/// line ending with a full stop is a sentence, even shaped like a symbol
/// (« A/77/273. »).
fn furniture_by_form(line: &str) -> bool {
    let t = line.trim_end();
    !t.ends_with('.')
        && (JOB_LINE.is_match(t)
            || SYMBOL_LINE.is_match(t)
            || PRINT_MARK.is_match(t)
            || PAGE_LINE.is_match(t)
            || URL.is_match(t))
}

/// Rewrite the detached footnote labels of every note block under a rule.
pub(super) fn attach(raw: &mut [String], kinds: &mut [Kind]) {
    let mut i = 0;
    while i < raw.len() {
        if kinds[i] == Kind::Rule {
            i = attach_block(raw, kinds, i + 1);
        } else {
            i += 1;
        }
    }
}

/// One block, from just under its rule; returns where scanning goes on.
fn attach_block(raw: &mut [String], kinds: &mut [Kind], start: usize) -> usize {
    let mut pending: Vec<usize> = Vec::new(); // labels waiting for a text
    let mut leading: Vec<usize> = Vec::new(); // texts before any label
    let mut labelled = false;
    let mut seen_furniture = false;
    let mut j = start;
    while j < raw.len() {
        match kinds[j] {
            Kind::Blank | Kind::Separator => {}
            Kind::Rule => break,
            // A bare number before any other furniture of the block is a
            // label (classify took it for a page number); after, it is one.
            _ if bare_label(&raw[j]).is_some() && !seen_furniture => {
                pending.push(j);
                labelled = true;
            }
            Kind::Furniture if pending.is_empty() || furniture_by_form(&raw[j]) => {
                if !pending.is_empty() && !leading.is_empty() {
                    // The labels of the texts above, printed after them.
                    pair_trailing(raw, kinds, &leading, &pending);
                    pending.clear();
                    leading.clear();
                }
                seen_furniture = true;
            }
            Kind::Furniture | Kind::Text => {
                let note_like = raw[j].trim_start().starts_with(|c: char| {
                    c.is_uppercase() || c.is_ascii_digit() || "“\"«(".contains(c)
                });
                if !pending.is_empty() && (note_like || !seen_furniture) {
                    let label = pending.remove(0);
                    move_text(raw, kinds, label, j);
                } else if seen_furniture {
                    break;
                } else if !labelled {
                    leading.push(j);
                }
            }
        }
        j += 1;
    }
    if !pending.is_empty() && !leading.is_empty() {
        pair_trailing(raw, kinds, &leading, &pending);
    }
    j
}

/// The text at `text` (and its wrapped lines) goes up to the label's line.
fn move_text(raw: &mut [String], kinds: &mut [Kind], label: usize, text: usize) {
    let mut joined = format!("{} {}", raw[label].trim(), raw[text].trim());
    raw[text].clear();
    kinds[text] = Kind::Blank;
    let mut k = text + 1;
    while k < raw.len() && kinds[k] == Kind::Text && bare_label(&raw[k]).is_none() {
        joined.push(' ');
        joined.push_str(raw[k].trim());
        raw[k].clear();
        kinds[k] = Kind::Blank;
        k += 1;
    }
    raw[label] = joined;
    kinds[label] = Kind::Text;
}

/// Give trailing labels to the texts above them: one a line when the
/// counts agree, else one a sentence-started group.
fn pair_trailing(raw: &mut [String], kinds: &mut [Kind], leading: &[usize], labels: &[usize]) {
    let starts: Vec<usize> = if leading.len() == labels.len() {
        leading.to_vec()
    } else {
        let mut starts = vec![leading[0]];
        for w in leading.windows(2) {
            let ends = raw[w[0]].trim_end().ends_with('.');
            let opens = raw[w[1]].trim_start().starts_with(char::is_uppercase);
            if ends && opens {
                starts.push(w[1]);
            }
        }
        starts
    };
    if starts.len() != labels.len() {
        return;
    }
    for (&s, &l) in starts.iter().zip(labels) {
        raw[s] = format!("{} {}", raw[l].trim(), raw[s].trim());
        raw[l].clear();
        kinds[l] = Kind::Blank;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run(lines: &[&str], kinds: &[Kind]) -> Vec<String> {
        let mut raw: Vec<String> = lines.iter().map(|s| s.to_string()).collect();
        let mut kinds = kinds.to_vec();
        attach(&mut raw, &mut kinds);
        raw.into_iter().filter(|l| !l.is_empty()).collect()
    }

    use Kind::*;

    #[test]
    fn label_then_furniture_then_text() {
        let out = run(
            &[
                "__________",
                "1",
                "22-26255 (E)",
                "A/C.6/77/SR.9.",
                "251122",
                "Body goes on",
            ],
            &[Rule, Text, Furniture, Furniture, Furniture, Text],
        );
        assert_eq!(out[1], "1 A/C.6/77/SR.9.");
        assert_eq!(out.last().unwrap(), "Body goes on");
    }

    #[test]
    fn labels_after_their_texts_and_before() {
        let out = run(
            &[
                "__________",
                "Official Records (A/74/10).",
                "Ibid., para. 42.",
                "3",
                "Ibid., chap. IV.",
                "4",
                "A/C.6/74/SR.23,",
                "A/C.6/77/SR.11.",
                "1",
                "2",
                "22-26255",
                "5.",
            ],
            &[
                Rule, Text, Text, Text, Text, Text, Text, Text, Text, Text, Furniture, Text,
            ],
        );
        assert_eq!(
            out,
            [
                "__________",
                "1 Official Records (A/74/10).",
                "2 Ibid., para. 42.",
                "3 Ibid., chap. IV.",
                "4 A/C.6/74/SR.23, A/C.6/77/SR.11.",
                "22-26255",
                "5."
            ]
        );
    }

    #[test]
    fn ordinary_entries_are_left_alone() {
        let lines = ["__________", "1 A note.", "2 Another.", "22-26255", "Body"];
        let out = run(&lines, &[Rule, Text, Text, Furniture, Text]);
        assert_eq!(out, lines);
    }
}
