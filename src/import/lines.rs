//! First pass over an extraction: split page furniture and footnote blocks
//! from the running body text.
//!
//! PDF text extractions interleave the body with running headers and
//! footers, URL lines left by hyperlinks, and footnote blocks (a rule of
//! underscores, then numbered entries). This pass keeps the body lines in
//! order, remembers where each footnote was defined, and records for every
//! body line what came before it (a page break, a separator), which the
//! segmenter uses to tell a new block from a wrapped line.

use regex::{Captures, Regex};
use std::collections::HashMap;
use std::sync::OnceLock;

/// A regex anchored at the start of a line, tried only when the line's
/// first character (after spaces, for a pattern that begins `^\s*`) could
/// begin a match: most lines are prose, and a test of one character costs
/// far less than a call into the regex engine (which, shared by the
/// import's threads, also takes a cache from a pool each time). `lead`
/// must hold for every character a match can begin with.
pub struct LineRegex {
    pattern: &'static str,
    lead: fn(char) -> bool,
    after_space: bool,
    regex: OnceLock<Regex>,
}

impl LineRegex {
    /// A pattern beginning `^`, whose matches begin with a `lead` character.
    pub const fn new(pattern: &'static str, lead: fn(char) -> bool) -> LineRegex {
        LineRegex {
            pattern,
            lead,
            after_space: false,
            regex: OnceLock::new(),
        }
    }

    /// A pattern beginning `^\s*`, whose matches go on with a `lead`
    /// character (`\s` and `char::is_whitespace` are both Unicode's
    /// White_Space).
    pub const fn after_space(pattern: &'static str, lead: fn(char) -> bool) -> LineRegex {
        LineRegex {
            pattern,
            lead,
            after_space: true,
            regex: OnceLock::new(),
        }
    }

    pub fn regex(&self) -> &Regex {
        self.regex
            .get_or_init(|| Regex::new(self.pattern).expect("a valid line pattern"))
    }

    fn may_match(&self, line: &str) -> bool {
        let line = if self.after_space {
            line.trim_start()
        } else {
            line
        };
        line.chars().next().is_some_and(self.lead)
    }

    pub fn is_match(&self, line: &str) -> bool {
        self.may_match(line) && self.regex().is_match(line)
    }

    pub fn captures<'l>(&self, line: &'l str) -> Option<Captures<'l>> {
        if self.may_match(line) {
            self.regex().captures(line)
        } else {
            None
        }
    }
}

/// A line of running body text.
#[derive(Debug, Clone)]
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
    /// A visible gap (a whitespace-only line, or enough blank lines for the
    /// file's spacing) separates it from the previous body line.
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

static URL: LineRegex =
    LineRegex::after_space(r"^\s*(https?://|www\.)\S*\s*$", |c| c == 'h' || c == 'w');
static RULE: LineRegex =
    LineRegex::after_space(r"^\s*(?:_{5,}|-{3,})\s*$", |c| c == '_' || c == '-');
/// A job number (`22-27149`, `V.14-04464`) with page numbers around it.
static JOB_LINE: LineRegex = LineRegex::after_space(
    r"^\s*(?:\d{1,4}(?:\s*/\s*\d{1,4})?\s+)?(?:[A-Z]\.)?\d{2}-\d{4,6}\*?(?:\s*\([A-Z]\))?\*?(?:\s+\d{1,4}(?:\s*/\s*\d{1,4})?)?\s*$",
    |c| c.is_numeric() || c.is_ascii_uppercase(),
);
/// A lone document symbol (`A/77/464`, `CTOC/COP/2014/2`).
static SYMBOL_LINE: LineRegex = LineRegex::after_space(
    r"^\s*([A-Z][A-Z0-9]*(?:\.\d+)?(?:/[A-Za-z0-9.\-]+){1,6}(?:\s\(\d{4}\))?)\s*$",
    |c| c.is_ascii_uppercase(),
);
/// Marks the printer leaves: `Page 2`, a `/...` continuation, a bar code
/// printed as a row of backticks.
static PRINT_MARK: LineRegex = LineRegex::after_space(
    r"^\s*(?:Page\s+\d{1,3}|/\s?\.\.\.|`{4,}|\*\d{5,9}\*)\s*$",
    |c| matches!(c, 'P' | '/' | '`' | '*'),
);
/// A lone page number or `page/pages`.
static PAGE_LINE: LineRegex =
    LineRegex::after_space(r"^\s*\d{1,4}(?:\s*/\s*\d{1,4})?\s*$", char::is_numeric);
/// A footnote entry: marker, spaces, text. (Superscript digits are numeric.)
static NOTE_ENTRY: LineRegex = LineRegex::after_space(
    r"^\s*(\*{1,3}|\d{1,3}|[¹²³⁴⁵⁶⁷⁸⁹⁰]{1,3})\s+(\S.*)$",
    |c| c == '*' || c.is_numeric(),
);
/// A footnote already written as Markdown (`[^3]: text`), valid anywhere.
static MARKDOWN_ENTRY: LineRegex =
    LineRegex::after_space(r"^\s*\[\^(\*{1,3}|\d{1,3})\]:\s*(\S.*)$", |c| c == '[');
/// A footnote entry written with superscript digits, valid without a rule.
static SUPERSCRIPT_ENTRY: LineRegex =
    LineRegex::after_space(r"^\s*([¹²³⁴⁵⁶⁷⁸⁹⁰]{1,3})\s+(\S.*)$", char::is_numeric);
static PARA_START: LineRegex =
    LineRegex::after_space(r"^\s*(\d{1,3}\.|[a-z]\)|[IVX]{1,5}\.)\s+\S", |c| {
        c.is_numeric() || c.is_ascii_lowercase() || matches!(c, 'I' | 'V' | 'X')
    });

#[derive(Debug, Clone, Copy, PartialEq)]
enum Kind {
    Blank,
    Separator,
    Furniture,
    Rule,
    Text,
}

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
    let raw: Vec<&str> = text.lines().map(|l| l.trim_end_matches('\r')).collect();

    // Symbol-only lines are furniture when they repeat or sit next to a job
    // number: a lone symbol inside the body would be followed by more text.
    let mut symbol_counts: HashMap<String, usize> = HashMap::new();
    for l in &raw {
        if let Some(c) = SYMBOL_LINE.captures(l) {
            *symbol_counts.entry(c[1].to_string()).or_default() += 1;
        }
    }
    let is_job = |i: usize| JOB_LINE.is_match(raw[i]);
    let near_job = |i: usize| {
        let lo = i.saturating_sub(5);
        let hi = (i + 6).min(raw.len());
        (lo..hi).any(|j| j != i && is_job(j))
    };
    let mut header_symbols: HashMap<String, usize> = HashMap::new();
    let kinds: Vec<Kind> = raw
        .iter()
        .enumerate()
        .map(|(i, l)| {
            if l.is_empty() {
                Kind::Blank
            } else if l.trim().is_empty() {
                Kind::Separator
            } else if URL.is_match(l) || JOB_LINE.is_match(l) {
                Kind::Furniture
            } else if RULE.is_match(l) {
                Kind::Rule
            } else if let Some(c) = SYMBOL_LINE.captures(l) {
                if symbol_counts[&c[1]] >= 2 || near_job(i) {
                    *header_symbols.entry(c[1].to_string()).or_default() += 1;
                    Kind::Furniture
                } else {
                    Kind::Text
                }
            } else if PRINT_MARK.is_match(l)
                || ((PAGE_LINE.is_match(l) || is_print_date(l)) && near_job(i))
            {
                Kind::Furniture
            } else {
                Kind::Text
            }
        })
        .collect();
    let kinds = running_titles(&raw, kinds);

    // Double-spaced extractions put an empty line after every line: there a
    // single empty line means nothing.
    // Judge by long lines that stop mid-sentence: in a double-spaced file
    // even those are followed by an empty line.
    let mid_sentence: Vec<usize> = (0..raw.len().saturating_sub(1))
        .filter(|&i| {
            // Headings are short; wrapped body lines are long.
            let t = raw[i].trim();
            kinds[i] == Kind::Text && t.chars().count() > 55 && !t.ends_with(['.', ',', ';', ':'])
        })
        .collect();
    let followed_by_blank = mid_sentence
        .iter()
        .filter(|&&i| kinds[i + 1] == Kind::Blank)
        .count();
    let double_spaced = mid_sentence.len() >= 3 && followed_by_blank * 10 > mid_sentence.len() * 6;
    let blank_gap = if double_spaced { 2 } else { 1 };

    let mut stream = Stream::default();
    let mut in_notes = false;
    let mut broke = false; // furniture or notes since the last body line
    let mut blanks = 0usize;
    let mut separator = false;
    let mut expected_note: u32 = 1;
    // In a block of notes that no rule opened (cleaned texts, yearbook
    // transcriptions): a gap then a line that is no entry ends it.
    let mut ruleless = false;
    // Where the body text since the last note starts (its calls are there).
    let mut since_note = 0usize;

    for (i, l) in raw.iter().enumerate() {
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
            let n: u32 = c[1].parse().ok()?;
            let after_gap = blanks > 0 || separator || broke || i == 0;
            let first = c[2].chars().next()?;
            let note_like =
                first.is_uppercase() || first.is_ascii_digit() || "“\"«(".contains(first);
            let expected = n == expected_note || (expected_note == 1 && stream.notes.is_empty());
            (!in_notes
                && after_gap
                && !super::cover::is_cover_line(l)
                && note_like
                && expected
                && has_call(&stream.lines[since_note.min(stream.lines.len())..], n))
            .then(|| {
                by_gap = true;
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
                    || n == 1
                    || (n > expected_note && n <= expected_note + 2)
                    || (by_gap && stream.notes.is_empty())
            };
            if accept {
                ruleless = by_gap || (ruleless && in_notes);
                if let Ok(n) = marker.parse::<u32>() {
                    expected_note = n + 1;
                }
                stream.notes.push(RawNote {
                    marker,
                    text: c[2].trim().to_string(),
                    line_no: i + 1,
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
        let gap = separator || blanks >= blank_gap;
        stream.lines.push(BodyLine {
            text: trimmed.to_string(),
            line_no: i + 1,
            indent,
            after_break: broke,
            gap_before: gap && !broke,
        });
        broke = false;
        blanks = 0;
        separator = false;
    }
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
        let operative = i > 1
            && super::lexicon::opens_operative(&lines[i - 1].text)
            && lines[i - 2].text.trim_end().ends_with([';', '.', ':']);
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

/// A running header's title: the few lines between two pieces of page
/// furniture (`A/RES/80/116`, the title over four lines, `25-20555`, `4/6`)
/// are furniture too — what sits between a page's header and footer, or a
/// footer and the next header, with no paragraph opening among them. So is
/// a line repeated word for word next to furniture elsewhere in the file.
fn running_titles(raw: &[&str], mut kinds: Vec<Kind>) -> Vec<Kind> {
    const WINDOW: usize = 6;
    let furniture: Vec<usize> = (0..raw.len())
        .filter(|&i| kinds[i] == Kind::Furniture)
        .collect();
    let mut marked = Vec::new();
    for pair in furniture.windows(2) {
        let (a, b) = (pair[0], pair[1]);
        if b - a < 2 || b - a > WINDOW {
            continue;
        }
        let between = a + 1..b;
        let texts: Vec<usize> = between.filter(|&i| kinds[i] == Kind::Text).collect();
        let opens = texts.iter().any(|&i| {
            PARA_START.is_match(raw[i])
                || NOTE_ENTRY.is_match(raw[i])
                || raw[i].trim_end().ends_with([',', ';', '.'])
        });
        if !texts.is_empty() && texts.len() <= 4 && !opens {
            marked.extend(texts);
        }
    }
    // The same lines elsewhere (a title wrapped the same way on every page).
    let titles: std::collections::HashSet<&str> = marked.iter().map(|&i| raw[i].trim()).collect();
    for &i in &marked {
        kinds[i] = Kind::Furniture;
    }
    let near_furniture = |i: usize| {
        let lo = i.saturating_sub(WINDOW);
        let hi = (i + WINDOW + 1).min(raw.len());
        (lo..hi).any(|j| kinds[j] == Kind::Furniture)
    };
    let repeated: Vec<usize> = (0..raw.len())
        .filter(|&i| kinds[i] == Kind::Text && titles.contains(raw[i].trim()) && near_furniture(i))
        .collect();
    for i in repeated {
        kinds[i] = Kind::Furniture;
    }
    kinds
}

/// A print date code under a job number (`251122`: 25 November 2022).
fn is_print_date(l: &str) -> bool {
    let t = l.trim();
    t.len() == 6 && t.bytes().all(|b| b.is_ascii_digit())
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
pub(crate) mod tests {
    use super::*;

    /// Lines to try the line regexes on: every line of the seed sources,
    /// and hand-written ones that match each (after odd spaces, with
    /// other scripts' digits).
    pub(crate) fn sample_lines() -> Vec<String> {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("sources");
        let mut lines: Vec<String> = std::fs::read_dir(dir)
            .expect("the sources")
            .flat_map(|e| {
                let text = std::fs::read_to_string(e.expect("an entry").path()).unwrap_or_default();
                text.lines().map(str::to_string).collect::<Vec<_>>()
            })
            .collect();
        for l in [
            "  https://undocs.org/fr/A/RES/55/25",
            "www.unodc.org ",
            "_______",
            "V.14-04464",
            "\u{a0}22-27149 3/5",
            "12/14 22-27149*",
            " A/77/464 ",
            "CTOC/COP/2014/2",
            "\u{2003}12",
            "\u{0663}\u{0664}",
            "  1 Voir la résolution 55/25.",
            "** Nouveau tirage",
            "\u{b9} Voir",
            "\u{2074}\u{2075} Voir",
            "a) des mesures",
            "IV. Questions",
            "Projet de résolution II",
            "Draft decision IV",
            "Page 2",
            "/...",
            "``````",
            "*0155743*",
            "[^3]: A note.",
            "Résolution 6/1",
            "Decision 9/2",
            "La Conférence des Parties à la Convention,",
            "The General Assembly,",
            "1. Décide",
            "\u{0661}. Décide",
            "A. Sous-section",
            "Annexe I",
            "ANNEX",
            "le texte reprend",
            "",
            "   ",
        ] {
            lines.push(l.to_string());
        }
        lines
    }

    /// A line regex's test of the first character lets through every
    /// line its regex matches.
    pub(crate) fn assert_lead_keeps_matches(name: &str, r: &LineRegex, lines: &[String]) {
        let mut matched = 0;
        for l in lines {
            assert_eq!(r.is_match(l), r.regex().is_match(l), "{name} on {l:?}");
            matched += usize::from(r.regex().is_match(l));
        }
        assert!(matched > 0, "{name} matches none of the sample lines");
    }

    #[test]
    fn line_regexes_skip_only_lines_they_cannot_match() {
        let lines = sample_lines();
        for (name, r) in [
            ("URL", &URL),
            ("RULE", &RULE),
            ("JOB_LINE", &JOB_LINE),
            ("SYMBOL_LINE", &SYMBOL_LINE),
            ("PAGE_LINE", &PAGE_LINE),
            ("NOTE_ENTRY", &NOTE_ENTRY),
            ("PRINT_MARK", &PRINT_MARK),
            ("MARKDOWN_ENTRY", &MARKDOWN_ENTRY),
            ("SUPERSCRIPT_ENTRY", &SUPERSCRIPT_ENTRY),
            ("PARA_START", &PARA_START),
        ] {
            assert_lead_keeps_matches(name, r, &lines);
        }
    }

    #[test]
    fn drops_furniture_and_urls() {
        let s = split_stream(
            "Le texte commence\n\nA/77/464\n\n15/80 22-27149\nhttps://undocs.org/fr/A/RES/1\net continue.\n",
        );
        let texts: Vec<&str> = s.lines.iter().map(|l| l.text.as_str()).collect();
        assert_eq!(texts, vec!["Le texte commence", "et continue."]);
        assert!(s.lines[1].after_break);
        assert_eq!(s.header_symbols[0].0, "A/77/464");
    }

    #[test]
    fn extracts_note_block_and_resumes_body() {
        let s = split_stream(
            "organisée1 et de\n__________________\n * CTOC/COP/2020/1.\n 1 Nations Unies, Recueil des Traités, vol. 2225,\nno 39574.\n suite du texte,\n",
        );
        assert_eq!(s.notes.len(), 2);
        assert_eq!(s.notes[0].marker, "*");
        assert_eq!(
            s.notes[1].text,
            "Nations Unies, Recueil des Traités, vol. 2225, no 39574."
        );
        assert_eq!(s.notes[1].def_pos, 1);
        assert_eq!(s.lines.len(), 2);
        assert_eq!(s.lines[1].text, "suite du texte,");
    }

    #[test]
    fn superscript_notes_need_no_rule() {
        let s = split_stream("du texte¹,\n\n¹ Une note.\n\nla suite.\n");
        assert_eq!(s.notes.len(), 1);
        assert_eq!(s.notes[0].marker, "1");
        assert_eq!(s.lines.len(), 2);
    }

    #[test]
    fn joins_compound_hyphens() {
        let mut t = "soixante-dix-".to_string();
        join_into(&mut t, "septième session");
        assert_eq!(t, "soixante-dix-septième session");
        let mut t = "sa trente -".to_string();
        join_into(&mut t, "deuxième");
        assert_eq!(t, "sa trente-deuxième");
    }

    #[test]
    fn a_running_title_between_header_and_footer_is_furniture() {
        let text = "The General Assembly,\n\nRecalling its resolution 1/2,\n\nNoting the report of the\nSecretary-General on it,\n\nA/RES/80/9\nA running title on\ntwo lines\n\n25-20555\n2/6\n\n1.\nDecides to act;\n\nA running title on\ntwo lines\n\n25-20555\n3/6\n\n2.\nRequests a report.\n";
        let stream = split_stream(text);
        let body: Vec<&str> = stream.lines.iter().map(|l| l.text.as_str()).collect();
        assert!(
            !body
                .iter()
                .any(|l| l.contains("running title") || l.contains("two lines")),
            "{body:?}"
        );
        assert!(body.contains(&"1. Decides to act;"), "{body:?}");
        assert!(body.contains(&"Secretary-General on it,"), "{body:?}");
    }

    #[test]
    fn notes_without_a_rule_are_found_by_their_number_and_call() {
        // A cleaned text: notes left between paragraphs, and a yearbook's
        // notes (numbered from 20) after the closing line.
        let text = "Recalling the Treaty,1 and its report,\n\n1 United Nations, Treaty Series, vol. 1.\n\nRecalling also the rules 2 of 1990,\n\n2 See A/68/914, annex.\n\n1. Decides to act.\n";
        let stream = split_stream(text);
        let markers: Vec<&str> = stream.notes.iter().map(|n| n.marker.as_str()).collect();
        assert_eq!(markers, ["1", "2"]);
        assert_eq!(stream.notes[1].text, "See A/68/914, annex.");
        let body: Vec<&str> = stream.lines.iter().map(|l| l.text.as_str()).collect();
        assert_eq!(body.last(), Some(&"1. Decides to act."), "{body:?}");
        let yearbook = "Noting the report of 27 April 1964, 20\n\n1. Decides to act.\n\nAdopted at the 1135th meeting.\n\n20 Official Records of the Security Council,\nSupplement for 1964.\n";
        let stream = split_stream(yearbook);
        assert_eq!(stream.notes.len(), 1);
        assert_eq!(
            stream.notes[0].text,
            "Official Records of the Security Council, Supplement for 1964."
        );
        // A continuation after a page break is no note: `8 and 9 December`.
        let split = "Recalling its resolutions of\n\n8 and 9 December 2014,\n";
        assert!(split_stream(split).notes.is_empty());
    }

    #[test]
    fn a_number_printed_after_its_paragraphs_first_line_goes_before_it() {
        let text = "Noting the need for data,\nUrges Member States to ensure\n1.\ndecision-making levels;\n2.\nEncourages the Secretary-General.\n";
        let body: Vec<String> = split_stream(text)
            .lines
            .into_iter()
            .map(|l| l.text)
            .filter(|t| !t.is_empty())
            .collect();
        assert_eq!(
            body,
            [
                "Noting the need for data,",
                "1. Urges Member States to ensure",
                "decision-making levels;",
                "2. Encourages the Secretary-General."
            ]
        );
    }
}
