//! First pass over an extraction: split page furniture and footnote blocks
//! from the running body text.
//!
//! PDF text extractions interleave the body with running headers and
//! footers, URL lines left by hyperlinks, and footnote blocks (a rule of
//! underscores, then numbered entries). This pass keeps the body lines in
//! order, remembers where each footnote was defined, and records for every
//! body line what came before it (a page break, a separator), which the
//! segmenter uses to tell a new block from a wrapped line.

use super::furniture::{self, Kind};

mod detached;
mod ocr_labels;
mod spacing;
pub use super::line_regex::LineRegex;

/// A line of running body text.
#[derive(Debug, Clone, Default)]
pub struct BodyLine {
    /// Trimmed text; footnote calls are later replaced by sentinels.
    pub text: String,
    /// 1-based line number in the source file.
    pub line_no: usize,
    /// Leading spaces in the source.
    pub indent: usize,
    /// The line follows page furniture or a footnote block (first line of a
    /// page): its indentation says nothing about structure.
    pub after_break: bool,
    /// A visible gap (an empty or whitespace-only line; a double-spaced
    /// file is read single-spaced first) separates it from the previous
    /// body line.
    pub gap_before: bool,
}

/// A footnote entry as found in a footnote block.
#[derive(Debug, Clone)]
pub struct RawNote {
    pub marker: String,
    pub text: String,
    pub line_no: usize,
    /// Index of the first body line after the block: the call precedes it.
    pub def_pos: usize,
}

#[derive(Debug, Default)]
pub struct Stream {
    pub lines: Vec<BodyLine>,
    pub notes: Vec<RawNote>,
    /// Symbols seen as running headers, with their counts.
    pub header_symbols: Vec<(String, usize)>,
}
/// A footnote entry: marker, spaces, text. (Superscript digits are numeric.)
pub(super) static NOTE_ENTRY: LineRegex = LineRegex::after_space(
    r"^\s*(\*{1,3}|\d{1,3}|[¹²³⁴⁵⁶⁷⁸⁹⁰]{1,3})\s+(\S.*)$",
    |c| c == '*' || c.is_numeric(),
);
/// A footnote already written as Markdown (`[^3]: text`), valid anywhere.
static MARKDOWN_ENTRY: LineRegex =
    LineRegex::after_space(r"^\s*\[\^(\*{1,3}|\d{1,3})\]:\s*(\S.*)$", |c| c == '[');
/// A footnote entry written with superscript digits, valid without a rule.
static SUPERSCRIPT_ENTRY: LineRegex =
    LineRegex::after_space(r"^\s*([¹²³⁴⁵⁶⁷⁸⁹⁰]{1,3})\s+(\S.*)$", char::is_numeric);
/// A note of a box or a table, lettered (`a See sect. E.`): valid without
/// a rule, after a gap, when the text before calls it right after a mark
/// (`sentences;a in addition`).
static LETTER_ENTRY: LineRegex =
    LineRegex::after_space(r"^\s*([a-z])\s+(\p{Lu}.*)$", |c| c.is_ascii_lowercase());
pub(super) static PARA_START: LineRegex =
    LineRegex::after_space(r"^\s*(\d{1,3}\.|[a-z]\)|[IVX]{1,5}\.)\s+\S", |c| {
        c.is_numeric() || c.is_ascii_lowercase() || matches!(c, 'I' | 'V' | 'X')
    });

/// Convert superscript digits to ASCII digits (`¹²` -> `12`).
pub fn unsuperscript(s: &str) -> String {
    s.chars()
        .map(|c| match c {
            '⁰' => '0',
            '¹' => '1',
            '²' => '2',
            '³' => '3',
            '⁴' => '4',
            '⁵' => '5',
            '⁶' => '6',
            '⁷' => '7',
            '⁸' => '8',
            '⁹' => '9',
            c => c,
        })
        .collect()
}

/// Split a whole extraction into body lines and footnotes.
pub fn split_stream(text: &str) -> Stream {
    let all: Vec<&str> = text.lines().map(|l| l.trim_end_matches('\r')).collect();
    // A double-spaced text is read single-spaced; `line_nos` keeps each
    // line's number in the file.
    let line_nos: Vec<usize> =
        spacing::single_spaced(&all).unwrap_or_else(|| (0..all.len()).collect());
    let raw: Vec<&str> = line_nos.iter().map(|&i| all[i]).collect();

    let (mut kinds, header_symbols) = furniture::classify(&raw);
    let mut raw: Vec<String> = raw.into_iter().map(str::to_string).collect();
    detached::attach(&mut raw, &mut kinds);

    let mut stream = Stream::default();
    let mut in_notes = false;
    let mut broke = false; // furniture or notes since the last body line
    let mut blanks = 0usize;
    let mut separator = false;
    let mut expected_note: u32 = 1;
    let mut expected_letter = 'a';
    // In a block of notes that no rule opened (cleaned texts, yearbook
    // transcriptions): a gap then a line that is no entry ends it.
    let mut ruleless = false;
    // Where the body text since the last note starts (its calls are there).
    let mut since_note = 0usize;

    // A note's number printed alone on its line (OCR'd yearbooks): the
    // number and its line, waiting for the note's text on the next line.
    let mut pending: Option<(String, usize)> = None;

    for (i, l) in raw.iter().enumerate() {
        if kinds[i] == Kind::Text && pending.is_none() {
            let lines = &stream.lines[since_note.min(stream.lines.len())..];
            if let Some(n) = bare_note(&raw, &kinds, i, lines, expected_note, in_notes) {
                if in_notes || blanks > 0 || separator || broke {
                    expected_note = n + 1;
                    pending = Some((n.to_string(), line_nos[i] + 1));
                    in_notes = true;
                    ruleless = true;
                    broke = true;
                    blanks = 0;
                    separator = false;
                    continue;
                }
            }
        }
        if let (Some((marker, line_no)), Kind::Text) = (&pending, kinds[i]) {
            stream.notes.push(RawNote {
                marker: marker.clone(),
                text: l.trim().to_string(),
                line_no: *line_no,
                def_pos: stream.lines.len(),
            });
            pending = None;
            since_note = stream.lines.len();
            blanks = 0;
            separator = false;
            continue;
        }
        match kinds[i] {
            Kind::Blank => {
                blanks += 1;
                continue;
            }
            Kind::Separator => {
                separator = true;
                continue;
            }
            Kind::Furniture => {
                broke = true;
                in_notes = false;
                continue;
            }
            Kind::Rule => {
                in_notes = true;
                ruleless = false;
                broke = true;
                continue;
            }
            Kind::Text => {}
        }
        let indent = l.len() - l.trim_start().len();
        let trimmed = l.trim();

        // A note entry: inside a footnote block, or a superscript entry anywhere.
        let entry = if in_notes {
            NOTE_ENTRY
                .captures(l)
                .or_else(|| MARKDOWN_ENTRY.captures(l))
        } else {
            SUPERSCRIPT_ENTRY
                .captures(l)
                .or_else(|| MARKDOWN_ENTRY.captures(l))
        };
        // A note entry with no rule above it: after a gap, the next note's
        // number (or, for the first, any) whose call the text before has.
        let mut by_gap = false;
        let entry = entry.or_else(|| {
            let c = NOTE_ENTRY.captures(l)?;
            let after_gap = blanks > 0 || separator || broke || i == 0;
            let first = c[2].chars().next()?;
            let note_like =
                first.is_uppercase() || first.is_ascii_digit() || "“\"«(".contains(first);
            // A note on the whole document (« * Any changes to the list of
            // sponsors … »), called by a star after a word (« Belarus:* »).
            if c[1].starts_with('*') {
                let star_call = |t: &str| {
                    t.char_indices().any(|(k, ch)| {
                        ch == '*'
                            && t[..k]
                                .trim_end_matches([':', '.', ','])
                                .ends_with(char::is_alphabetic)
                    })
                };
                let called = stream.lines.iter().any(|b| star_call(&b.text));
                return (!in_notes && after_gap && note_like && called).then_some(c);
            }
            let n: u32 = c[1].parse().ok()?;
            let expected = n == expected_note || (expected_note == 1 && stream.notes.is_empty());
            (!in_notes
                && after_gap
                && !super::cover::is_cover_line(l)
                && note_like
                && expected
                && has_call(&stream.lines[since_note.min(stream.lines.len())..], n)
                // A first note numbered out of the blue (a yearbook's 88) is
                // called on its own page: a « 30 » pages before is a date
                // or a count, and the line a check box's.
                && (n == expected_note || has_call(&stream.lines[page_start(&stream.lines)..], n)))
            .then(|| {
                by_gap = true;
                c
            })
        });
        let entry = entry.or_else(|| {
            let c = LETTER_ENTRY.captures(l)?;
            let after_gap = blanks > 0 || separator || broke;
            let letter = c[1].chars().next()?;
            (!in_notes
                && after_gap
                && letter == expected_letter
                && has_letter_call(&stream.lines[since_note.min(stream.lines.len())..], letter))
            .then(|| {
                by_gap = true;
                expected_letter = char::from(letter as u8 + 1);
                c
            })
        });
        if let Some(c) = entry {
            let marker = unsuperscript(&c[1]);
            let accept = if marker.starts_with('*') {
                true
            } else {
                let n: u32 = marker.parse().unwrap_or(0);
                n == expected_note
                    || marker.chars().all(|c| c.is_ascii_lowercase())
                    || n == 1
                    || (n > expected_note && n <= expected_note + 2)
                    || (by_gap && stream.notes.is_empty())
                    // A note written as Markdown says what it is.
                    || l.trim_start().starts_with("[^")
            };
            if accept {
                ruleless = by_gap || (ruleless && in_notes);
                if let Ok(n) = marker.parse::<u32>() {
                    expected_note = n + 1;
                }
                stream.notes.push(RawNote {
                    marker,
                    text: c[2].trim().to_string(),
                    line_no: line_nos[i] + 1,
                    def_pos: stream.lines.len(),
                });
                since_note = stream.lines.len();
                in_notes = true;
                broke = true;
                blanks = 0;
                separator = false;
                continue;
            }
        }
        if in_notes {
            let gap_ends = ruleless && (blanks > 0 || separator);
            if let Some(note) = stream.notes.last_mut().filter(|_| !gap_ends) {
                if !resumes_body(&note.text, l, indent) {
                    join_into(&mut note.text, trimmed);
                    blanks = 0;
                    separator = false;
                    continue;
                }
            } else {
                // A rule with no entry under it: keep going as body.
            }
            in_notes = false;
        }
        let gap = separator || blanks > 0;
        stream.lines.push(BodyLine {
            text: trimmed.to_string(),
            line_no: line_nos[i] + 1,
            indent,
            after_break: broke,
            gap_before: gap && !broke,
        });
        broke = false;
        blanks = 0;
        separator = false;
    }
    ocr_labels::repair(&mut stream.lines);
    join_lone_labels(&mut stream.lines);
    let mut hs: Vec<(String, usize)> = header_symbols.into_iter().collect();
    hs.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
    stream.header_symbols = hs;
    stream
}

/// A paragraph number or item label alone on its line (`1.`, `(a)`, as
/// PyMuPDF and pdftotext print them) opens the text on the next line: the
/// label moves there, its own line left empty (line indices stay those the
/// notes were recorded against).
fn join_lone_labels(lines: &mut [BodyLine]) {
    static LABEL: LineRegex = LineRegex::new(
        r"^(?:\d{1,3}\.|\(?[a-z]\)|\(?[ivx]{1,5}\)|Le|La|Les|The|El|La)$",
        |c| c.is_ascii_digit() || c.is_ascii_lowercase() || matches!(c, '(' | 'L' | 'T' | 'E'),
    );
    for i in 0..lines.len().saturating_sub(1) {
        if !LABEL.is_match(&lines[i].text) || lines[i + 1].text.is_empty() {
            continue;
        }
        // A page number between a paragraph's number and its text (the
        // page broke there): a text never is a bare number.
        let bare_number = |t: &str| t.len() <= 4 && t.bytes().all(|b| b.is_ascii_digit());
        if i + 2 < lines.len() && bare_number(&lines[i + 1].text) && lines[i].text.ends_with('.') {
            lines[i + 1].text.clear();
            lines.swap(i + 1, i);
            continue;
        }
        // pdftotext may print the number after its paragraph's first line
        // (« Urges Member States … » / « 1. » / « decision-making … »):
        // the label goes before that line.
        let continues = lines[i + 1]
            .text
            .starts_with(|c: char| c.is_lowercase() || c.is_ascii_digit());
        let opened = i > 0
            && lines[i - 1].text.starts_with(char::is_uppercase)
            && (lines[i - 1].gap_before
                || lines[i - 1].after_break
                || (i > 1 && lines[i - 2].text.trim_end().ends_with([',', ';', '.', ':'])));
        // (Not when that line has a number of its own.)
        let numbered_before = i > 0
            && lines[i - 1]
                .text
                .split_once(". ")
                .is_some_and(|(n, _)| !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit()));
        let operative = i > 1
            && !numbered_before
            && super::lexicon::opens_operative(&lines[i - 1].text)
            && lines[i - 2].text.trim_end().ends_with([';', '.', ':'])
            // (Not when the next line opens a paragraph itself: the line
            // before was a whole clause, « Takes note …; » / « 3. » /
            // « Encourages … ».)
            && !super::lexicon::opens_operative(&lines[i + 1].text);
        if (continues && opened || operative) && lines[i].text.ends_with('.') {
            let label = std::mem::take(&mut lines[i].text);
            let prev = &mut lines[i - 1];
            prev.text = format!("{label} {}", prev.text);
            continue;
        }
        let label = std::mem::take(&mut lines[i].text);
        let (line_no, gap, broke, indent) = {
            let l = &lines[i];
            (l.line_no, l.gap_before, l.after_break, l.indent)
        };
        let next = &mut lines[i + 1];
        next.text = format!("{label} {}", next.text);
        next.line_no = line_no;
        next.gap_before = gap;
        next.after_break = broke;
        next.indent = indent;
    }
}

/// Does the body text in `lines` call note `n`: a number ending in `n`
/// glued to a word or a year (`Bodies,1`, `20242`), or `n` alone?
fn has_call(lines: &[BodyLine], n: u32) -> bool {
    let n = n.to_string();
    lines.iter().any(|l| {
        l.text
            .split(|c: char| !c.is_ascii_digit())
            .any(|run| run == n || (run.len() == 4 + n.len() && run.ends_with(&n)))
            || l.text.contains(&format!("[^{n}]"))
    })
}

/// Where the body lines of the current page start (after the last break).
fn page_start(lines: &[BodyLine]) -> usize {
    lines.iter().rposition(|b| b.after_break).unwrap_or(0)
}

/// A note's number alone on line `i` (`63`, then the note's text on the
/// next line that is not blank): the next note inside a block of notes,
/// or one the body calls glued to its text.
fn bare_note(
    raw: &[String],
    kinds: &[Kind],
    i: usize,
    lines: &[BodyLine],
    expected: u32,
    in_notes: bool,
) -> Option<u32> {
    let t = raw[i].trim();
    if t.is_empty() || t.len() > 3 || !t.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let n: u32 = t.parse().ok()?;
    let k = (i + 1..raw.len()).find(|&k| kinds[k] != Kind::Blank)?;
    let next = raw[k].trim();
    let first = next.chars().next()?;
    let note_like = first.is_uppercase() || "“\"«(".contains(first);
    if kinds[k] != Kind::Text || !note_like || NOTE_ENTRY.captures(&raw[k]).is_some() {
        return None;
    }
    let called = if in_notes {
        n == expected
    } else {
        (n == expected || expected == 1) && has_glued_call(lines, n)
    };
    called.then_some(n)
}

/// Does the body text in `lines` call note `n` glued to what precedes it:
/// a word or a closing mark (`Kosovo63`, `annex,4`) or a year (`20244`),
/// never a decimal (`101.30`) or a number standing free (`30 December`)?
fn has_glued_call(lines: &[BodyLine], n: u32) -> bool {
    let n = n.to_string();
    lines.iter().any(|l| {
        let t = &l.text;
        let mut start = None;
        for (k, c) in t.char_indices().chain(std::iter::once((t.len(), ' '))) {
            match (c.is_ascii_digit(), start) {
                (true, None) => start = Some(k),
                (false, Some(s)) => {
                    start = None;
                    let run = &t[s..k];
                    let mut before = t[..s].chars().rev();
                    let glued = match before.next() {
                        Some('.') => !before.next().is_some_and(|b| b.is_ascii_digit()),
                        Some(b) => b.is_alphabetic() || ")]”\"’,;:".contains(b),
                        None => false,
                    };
                    if (run == n && glued) || (run.len() == 4 + n.len() && run.ends_with(&n)) {
                        return true;
                    }
                }
                _ => {}
            }
        }
        l.text.contains(&format!("[^{n}]"))
    })
}

/// Does the body text in `lines` call the lettered note `letter` right
/// after a mark (`sentences;a in`)? Prose never glues a letter there.
pub(super) fn has_letter_call(lines: &[BodyLine], letter: char) -> bool {
    lines
        .iter()
        .any(|l| super::calls::letter_call(&l.text, letter, 0).is_some())
}

/// Inside a footnote block, does this line resume the body text?
///
/// A note that ends a sentence followed by an indented line (the first line
/// of the next page), a lower-case continuation or a paragraph number is
/// the body starting again; anything else continues the note.
fn resumes_body(note: &str, line: &str, indent: usize) -> bool {
    let note_done = note.trim_end().ends_with('.') || note.trim_end().ends_with(".*");
    let first = line.trim_start().chars().next().unwrap_or(' ');
    let resumes = first.is_lowercase() || PARA_START.is_match(line);
    (indent > 0 && (note_done || resumes)) || (note_done && resumes)
}

/// Append a wrapped line to text, keeping compound-word hyphens.
pub fn join_into(text: &mut String, next: &str) {
    let next = next.trim();
    if next.is_empty() {
        return;
    }
    let t = text.trim_end();
    let ends_hyphen = t.ends_with('-') && {
        let before = t[..t.len() - 1].chars().last();
        before.is_some_and(|c| c.is_alphanumeric() || c == ' ')
    };
    let starts_word = next.chars().next().is_some_and(|c| c.is_alphanumeric());
    if ends_hyphen && starts_word {
        // `soixante-dix-` + `septième`; `trente -` + `deuxième` (spaced by the extraction).
        let mut base = t.to_string();
        base.pop();
        let base = base.trim_end().to_string();
        *text = format!("{base}-{next}");
    } else if t.is_empty() {
        *text = next.to_string();
    } else {
        *text = format!("{t} {next}");
    }
}

#[cfg(test)]
pub(crate) mod tests;
