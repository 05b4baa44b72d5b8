//! Find footnote calls in the body and replace them with sentinels.
//!
//! An extraction loses superscripts: the call to note 14 after « 2022 »
//! reads `202214`, a call after a word reads `organisée1`, and some calls
//! float free (`public 9 ,`). Digits alone cannot tell a call from a
//! number, but the notes' own order can: the call to note *n* lies after
//! the call to note *n − 1* and before the block that defines note *n*.
//! Within that window we take the most call-like candidate.

use super::lines::{BodyLine, RawNote};

/// Private-use characters that wrap a note marker inside body text until
/// paragraphs are assembled: `\u{E000}12\u{E001}`.
pub const OPEN: char = '\u{E000}';
pub const CLOSE: char = '\u{E001}';

/// Where a call was found: body line index and byte offset after it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct Pos {
    pub line: usize,
    pub offset: usize,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Strength {
    Superscript = 0,
    Glued = 1,
    Year = 2,
    Slash = 3,
    Free = 4,
}

struct Candidate {
    strength: Strength,
    line: usize,
    /// Byte range to delete (the call, with its stray spacing).
    start: usize,
    end: usize,
}

/// Words after which a free-standing number is a number, not a call.
const NUMBER_CONTEXT: &[&str] = &[
    "article",
    "articles",
    "paragraphe",
    "paragraphes",
    "par.",
    "para.",
    "vol.",
    "no",
    "n°",
    "nº",
    "point",
    "points",
    "chapitre",
    "annexe",
    "session",
    "alinéa",
    "et",
    "à",
    "au",
    "du",
    "le",
    "les",
    "de",
    "des",
    "sur",
    "objectif",
    "cible",
    "règle",
    "règles",
    "principe",
    "section",
    "p.",
    "pp.",
    "and",
    "to",
    "of",
    "the",
];

/// Mark the call of every numbered note in `lines`. Returns, per note, the
/// position of its call (None when no call was found).
pub fn mark_calls(lines: &mut [BodyLine], notes: &[RawNote]) -> Vec<Option<Pos>> {
    let mut found = Vec::with_capacity(notes.len());
    let mut cursor = Pos { line: 0, offset: 0 };
    for note in notes {
        if note.marker.starts_with('*') {
            found.push(None);
            continue;
        }
        let best = find_call(lines, &note.marker, cursor, note.def_pos);
        match best {
            Some(c) => {
                let sentinel = format!("{OPEN}{}{CLOSE}", note.marker);
                let text = &mut lines[c.line].text;
                text.replace_range(c.start..c.end, &sentinel);
                tidy_after_call(text, c.start + sentinel.len());
                let pos = Pos {
                    line: c.line,
                    offset: c.start + sentinel.len(),
                };
                cursor = pos;
                found.push(Some(pos));
            }
            None => found.push(None),
        }
    }
    found
}

/// After removing `public 9 ,` the comma must not keep the stray space.
fn tidy_after_call(text: &mut String, at: usize) {
    let rest = &text[at..];
    let trimmed = rest.trim_start_matches(' ');
    if trimmed.len() != rest.len()
        && trimmed
            .chars()
            .next()
            .is_some_and(|c| matches!(c, ',' | '.' | ')'))
    {
        let n = rest.len() - trimmed.len();
        text.replace_range(at..at + n, "");
    }
}

fn find_call(lines: &[BodyLine], marker: &str, from: Pos, def_pos: usize) -> Option<Candidate> {
    let end = def_pos.min(lines.len());
    let mut best: Option<Candidate> = None;
    for (li, line) in lines.iter().enumerate().take(end).skip(from.line) {
        let text = &line.text;
        let start_at = if li == from.line { from.offset } else { 0 };
        for c in candidates_in(text, marker, start_at) {
            let cand = Candidate { line: li, ..c };
            // Prefer the strongest kind; among equals, the first one.
            if best.as_ref().is_none_or(|b| cand.strength < b.strength) {
                best = Some(cand);
            }
        }
    }
    best
}

/// The call of a lettered note (a box's or a table's): the letter glued
/// to a mark before it (`sentences;a in`, `total.b`) and followed by a
/// space or the end of the line. Its byte range.
pub fn letter_call(text: &str, letter: char, start_at: usize) -> Option<(usize, usize)> {
    let bytes = text.as_bytes();
    text.char_indices()
        .skip_while(|(i, _)| *i < start_at.max(1))
        .find_map(|(i, c)| {
            let end = i + c.len_utf8();
            let glued = c == letter
                && text[..i].ends_with([';', ',', '.', ':', ')', '”', '’'])
                && bytes.get(end).is_none_or(|b| *b == b' ');
            // Not an abbreviation's letter (`i.e.`, `p.a`): a word before the mark.
            let word_before = text[..i]
                .trim_end_matches([';', ',', '.', ':', ')', '”', '’'])
                .chars()
                .rev()
                .take_while(|c| c.is_alphabetic())
                .count()
                >= 2;
            (glued && word_before).then_some((i, end))
        })
}

fn candidates_in(text: &str, marker: &str, start_at: usize) -> Vec<Candidate> {
    let mut out = Vec::new();
    let mut letter = marker.chars();
    if let (Some(l), None) = (letter.next(), letter.next()) {
        if l.is_ascii_lowercase() {
            if let Some((start, end)) = letter_call(text, l, start_at) {
                out.push(Candidate {
                    strength: Strength::Glued,
                    line: 0,
                    start,
                    end,
                });
            }
            return out;
        }
    }
    let sup = to_superscript(marker);
    for (i, _) in text.match_indices(&sup) {
        if i < start_at {
            continue;
        }
        let end = i + sup.len();
        let next = text[end..].chars().next();
        if next.is_some_and(|c| "⁰¹²³⁴⁵⁶⁷⁸⁹".contains(c)) {
            continue;
        }
        out.push(Candidate {
            strength: Strength::Superscript,
            line: 0,
            start: i,
            end,
        });
    }
    for (i, _) in text.match_indices(marker) {
        if i < start_at {
            continue;
        }
        let end = i + marker.len();
        let prev = text[..i].chars().next_back();
        let next = text[end..].chars().next();
        if next.is_some_and(|c| c.is_alphanumeric()) {
            continue;
        }
        let Some(prev) = prev else {
            continue;
        };
        if prev.is_alphabetic() || matches!(prev, '»' | '”' | ')' | '’' | '"' | '*') {
            // Glued to a word: `organisée1`; not `L.2`, `COVID-19`.
            out.push(Candidate {
                strength: Strength::Glued,
                line: 0,
                start: i,
                end,
            });
        } else if prev.is_ascii_digit() {
            let token_start = text[..i]
                .rfind(|c: char| !(c.is_ascii_digit() || c == '/'))
                .map(|p| p + text[p..].chars().next().unwrap().len_utf8())
                .unwrap_or(0);
            let token = &text[token_start..i];
            if token.contains('/') {
                // `76/18742`: a resolution number has at most three digits
                // after the slash, so the rest is the call.
                let after = token.rsplit('/').next().unwrap_or("");
                if (1..=3).contains(&after.len()) && after.len() + marker.len() >= 4 {
                    out.push(Candidate {
                        strength: Strength::Slash,
                        line: 0,
                        start: i,
                        end,
                    });
                }
            } else if token.len() == 4
                && (token.starts_with("19") || token.starts_with("20"))
                && !text[..token_start].ends_with(|c: char| c.is_ascii_digit())
            {
                // `202214`: the year 2022 and note 14.
                out.push(Candidate {
                    strength: Strength::Year,
                    line: 0,
                    start: i,
                    end,
                });
            }
        } else if prev == ' ' && is_free_call(text, i, end) {
            // `feu 34»`: the space belonged to the closing guillemet.
            let glued_close = text[end..]
                .chars()
                .next()
                .is_some_and(|c| matches!(c, '»' | ';' | ':' | '?' | '!'));
            let start = if glued_close {
                i
            } else {
                text[..i].trim_end_matches(' ').len()
            };
            out.push(Candidate {
                strength: Strength::Free,
                line: 0,
                start,
                end,
            });
        }
    }
    out
}

/// A free-standing number is a call when it follows a word (not a number
/// context such as « article ») and is followed by punctuation or a
/// lower-case word that is not a month.
fn is_free_call(text: &str, i: usize, end: usize) -> bool {
    let before = text[..i].trim_end();
    let prev_word = before.rsplit(' ').next().unwrap_or("").to_lowercase();
    let after = text[end..].trim_start();
    let punct_next = after
        .chars()
        .next()
        .is_none_or(|c| matches!(c, ',' | ';' | '.' | ':' | ')' | '»' | '”'));
    // `l’horizon 2030 2 ,`: a call right after a year.
    let is_year = prev_word.len() == 4
        && prev_word.chars().all(|c| c.is_ascii_digit())
        && (prev_word.starts_with("19") || prev_word.starts_with("20"));
    let lower_next = after.chars().next().is_some_and(|c| c.is_lowercase());
    if is_year && (punct_next || lower_next) {
        return true;
    }
    // `session, 1 which`, `Commission; 3`, `records. 1`: pdftotext puts a
    // space between the punctuation and the call. After punctuation, a
    // number-context word (« session ») no longer governs the number.
    let after_punct = prev_word.len() > 1
        && prev_word.ends_with([',', ';', '.'])
        && prev_word[..prev_word.len() - 1]
            .chars()
            .all(|c| c.is_alphabetic() || c == '-' || c == '’');
    let prev_word = if after_punct {
        "word".to_string()
    } else {
        prev_word
    };
    if prev_word.is_empty()
        || NUMBER_CONTEXT.contains(&prev_word.as_str())
        || prev_word.chars().any(|c| c.is_ascii_digit())
        || !prev_word
            .chars()
            .last()
            .is_some_and(|c| c.is_alphabetic() || c == '»' || c == ')')
    {
        return false;
    }
    match after.chars().next() {
        None => true,
        Some(',' | ';' | '.' | ':' | ')' | '»' | '”') => true,
        Some(c) if c.is_lowercase() => {
            let word: String = after
                .chars()
                .take_while(|c| c.is_alphabetic())
                .collect::<String>()
                .to_lowercase();
            crate::months::number(word.as_str()).is_none()
                && !matches!(
                    word.as_str(),
                    "h" | "heures"
                        | "ans"
                        | "pour"
                        | "fois"
                        | "millions"
                        | "million"
                        | "milliards"
                        | "jours"
                        | "mois"
                        | "e"
                        | "er"
                        | "ème"
                )
        }
        _ => false,
    }
}

fn to_superscript(marker: &str) -> String {
    marker
        .chars()
        .map(|c| match c {
            '0' => '⁰',
            '1' => '¹',
            '2' => '²',
            '3' => '³',
            '4' => '⁴',
            '5' => '⁵',
            '6' => '⁶',
            '7' => '⁷',
            '8' => '⁸',
            '9' => '⁹',
            c => c,
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn line(t: &str) -> BodyLine {
        BodyLine {
            text: t.to_string(),
            line_no: 1,
            indent: 0,
            after_break: false,
            gap_before: false,
        }
    }
    fn note(m: &str, def_pos: usize) -> RawNote {
        RawNote {
            marker: m.into(),
            text: String::new(),
            line_no: 1,
            def_pos,
        }
    }
    fn mark(texts: &[&str], markers: &[&str]) -> Vec<String> {
        let mut lines: Vec<BodyLine> = texts.iter().map(|t| line(t)).collect();
        let n = lines.len();
        let notes: Vec<RawNote> = markers.iter().map(|m| note(m, n)).collect();
        mark_calls(&mut lines, &notes);
        lines
            .into_iter()
            .map(|l| l.text.replace(OPEN, "[^").replace(CLOSE, "]"))
            .collect()
    }

    #[test]
    fn a_lettered_call_is_glued_to_a_mark() {
        assert_eq!(
            mark(&["Kenya and serving sentences;a in addition"], &["a"]),
            vec!["Kenya and serving sentences;[^a] in addition"]
        );
        assert_eq!(letter_call("i.e.a b", 'a', 0), None);
    }

    #[test]
    fn glued_to_word() {
        assert_eq!(
            mark(&["la Convention organisée1 et"], &["1"]),
            vec!["la Convention organisée[^1] et"]
        );
    }

    #[test]
    fn glued_to_year_and_resolution_number() {
        assert_eq!(
            mark(&["le 13 juin 20131, puis"], &["1"]),
            vec!["le 13 juin 2013[^1], puis"]
        );
        assert_eq!(
            mark(&["sa résolution 76/18742 ;"], &["42"]),
            vec!["sa résolution 76/187[^42] ;"]
        );
    }

    #[test]
    fn free_call_versus_date() {
        assert_eq!(
            mark(
                &["du 30 juillet 2010, et des Protocoles connexes 30 ;"],
                &["30"]
            ),
            vec!["du 30 juillet 2010, et des Protocoles connexes[^30] ;"]
        );
        assert_eq!(
            mark(&["l’horizon 2030 2 , adoptée"], &["2"]),
            vec!["l’horizon 2030[^2], adoptée"]
        );
    }

    #[test]
    fn calls_follow_note_order() {
        // « 190, » is not note 1; the later glued call is.
        assert_eq!(
            mark(
                &["a atteint 190, et la Convention1 et le Protocole2,"],
                &["1", "2"]
            ),
            vec!["a atteint 190, et la Convention[^1] et le Protocole[^2],"]
        );
    }

    #[test]
    fn superscripts() {
        assert_eq!(
            mark(&["s’y rapportant¹,"], &["1"]),
            vec!["s’y rapportant[^1],"]
        );
    }
}
