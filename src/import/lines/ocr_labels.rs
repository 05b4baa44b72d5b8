//! Item labels as OCR misreads them: `(6)` for `(b)`, `(1)` for `(i)`,
//! `cl)` for `d)`, `j)` or `J)` for `f)`. A misread label breaks its list
//! (the item is glued to the one before), so it is read back as the label
//! its neighbours call for, when the misreading is one OCR makes: the
//! letter expected after the label before it, or before the label after it.

use regex::Regex;
use std::sync::LazyLock;

use super::BodyLine;

/// A label at the start of a line: `(x)` or `x)`, one to three characters.
static LABEL: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^(\(?)([A-Za-z0-9!]{1,3})\)(?:\s|$)").unwrap());

/// How far (in lines) a neighbouring label may be.
const REACH: usize = 60;

/// A well-formed label: a lower-case letter or a roman number.
fn is_label(token: &str) -> bool {
    token.len() == 1 && token.chars().all(|c| c.is_ascii_lowercase())
        || (!token.is_empty() && token.chars().all(|c| matches!(c, 'i' | 'v' | 'x')))
}

/// The roman numbers up to 20, as list labels go.
const ROMAN: [&str; 20] = [
    "i", "ii", "iii", "iv", "v", "vi", "vii", "viii", "ix", "x", "xi", "xii", "xiii", "xiv", "xv",
    "xvi", "xvii", "xviii", "xix", "xx",
];

/// The labels that may come after `label` in a list (next letter, next
/// roman number) and before it.
fn after(label: &str) -> Vec<String> {
    let mut v = Vec::new();
    if label.len() == 1 {
        let c = label.as_bytes()[0];
        if c < b'z' {
            v.push(((c + 1) as char).to_string());
        }
    }
    if let Some(i) = ROMAN.iter().position(|r| *r == label) {
        if i + 1 < ROMAN.len() {
            v.push(ROMAN[i + 1].to_string());
        }
    }
    v
}

fn before(label: &str) -> Vec<String> {
    let mut v = Vec::new();
    if label.len() == 1 {
        let c = label.as_bytes()[0];
        if c > b'a' {
            v.push(((c - 1) as char).to_string());
        }
    }
    if let Some(i) = ROMAN.iter().position(|r| *r == label) {
        if i > 0 {
            v.push(ROMAN[i - 1].to_string());
        }
    }
    v
}

/// Could OCR have printed `want` as `token`? Shapes it confuses: `cl`/`d`,
/// `rn`/`m`, `6`/`b`, `1` `l` `I` `!`/`i`, `1` `I`/`l`, `j` `J`/`f`, `0`/`o`,
/// `5`/`s`, `9` `q`/`g`.
fn misread(token: &str, want: &str) -> bool {
    if token == want {
        return false;
    }
    let joined = token.replace("cl", "d").replace("rn", "m");
    let read = |one: char| -> String {
        joined
            .chars()
            .map(|c| match c {
                '6' => 'b',
                '1' | 'I' | '!' | 'l' => one,
                'j' | 'J' => 'f',
                '0' => 'o',
                '5' => 's',
                '9' | 'q' => 'g',
                c => c,
            })
            .collect()
    };
    read('i') == want || read('l') == want
}

/// Read misread labels back (see the module doc).
pub(super) fn repair(lines: &mut [BodyLine]) {
    let labels: Vec<Option<(String, String)>> = lines
        .iter()
        .map(|l| {
            LABEL
                .captures(&l.text)
                .map(|c| (c[1].to_string(), c[2].to_string()))
        })
        .collect();
    let good = |i: usize| {
        labels[i]
            .as_ref()
            .filter(|(_, t)| is_label(t))
            .map(|(_, t)| t.as_str())
    };
    for i in 0..lines.len() {
        let Some((open, token)) = &labels[i] else {
            continue;
        };
        // `(1)` then `(2)`: a numbered list, not a misread one.
        let numeric = |t: &str| t.parse::<u32>().ok();
        if let Some(n) = numeric(token) {
            let next_raw = (i + 1..(i + REACH).min(lines.len())).find_map(|j| labels[j].as_ref());
            let prev_raw = (i.saturating_sub(REACH)..i)
                .rev()
                .find_map(|j| labels[j].as_ref());
            let in_numbers = next_raw.and_then(|(_, t)| numeric(t)) == Some(n + 1)
                || prev_raw.and_then(|(_, t)| numeric(t)) == Some(n.wrapping_sub(1));
            if in_numbers {
                continue;
            }
        }
        let prev = (i.saturating_sub(REACH)..i).rev().find_map(good);
        let next = (i + 1..(i + REACH).min(lines.len())).find_map(good);
        // A well-formed label that follows its list needs no reading.
        if is_label(token)
            && (prev.is_some_and(|p| after(p).contains(token))
                || next.is_some_and(|n| before(n).contains(token))
                || token == "a"
                || token == "i")
        {
            continue;
        }
        let wanted = prev
            .map(after)
            .unwrap_or_default()
            .into_iter()
            .chain(next.map(before).unwrap_or_default());
        let Some(want) = wanted.into_iter().find(|w| misread(token, w)) else {
            continue;
        };
        let label_len = open.len() + token.len();
        let rest = lines[i].text[label_len..].to_string();
        lines[i].text = format!("{open}{want}{rest}");
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lines(text: &str) -> Vec<BodyLine> {
        text.lines()
            .enumerate()
            .map(|(i, l)| BodyLine {
                text: l.to_string(),
                line_no: i + 1,
                ..BodyLine::default()
            })
            .collect()
    }

    #[test]
    fn misread_labels_are_read_as_their_neighbours_call_for() {
        let mut ls = lines(
            "(a) To examine;\n(6) To seek;\n(c) To report.\n(1) Withdrawal;\n(ii) Termination.\nc) Geler;\ncl) Interdire;\ne) Veiller;\nJ) De\ng) Empêcher.",
        );
        repair(&mut ls);
        let starts: Vec<&str> = ls
            .iter()
            .map(|l| &l.text[..l.text.find(' ').unwrap_or(l.text.len())])
            .collect();
        assert_eq!(
            starts,
            ["(a)", "(b)", "(c)", "(i)", "(ii)", "c)", "d)", "e)", "f)", "g)"]
        );
    }

    #[test]
    fn labels_in_sequence_and_unrelated_numbers_stay() {
        // `j)` after `i)` is j; `(1)` with no list around is left alone.
        let mut ls = lines("h) Assurer;\ni) Maintenir;\nj) Défendre;\nk) Veiller.\n\n(1) A numbered point;\n(2) Another.");
        let before: Vec<String> = ls.iter().map(|l| l.text.clone()).collect();
        repair(&mut ls);
        let after: Vec<String> = ls.iter().map(|l| l.text.clone()).collect();
        assert_eq!(before, after);
    }
}
