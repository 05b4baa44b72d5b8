//! Page furniture: what a page prints that is not the text (running
//! headers and footers, job numbers, bar codes, page markers, URL lines),
//! told by its form and by what repeats at page boundaries.

use super::line_regex::LineRegex;
use super::lines::{NOTE_ENTRY, PARA_START};
use std::collections::HashMap;

pub(super) static URL: LineRegex =
    LineRegex::after_space(r"^\s*(https?://|www\.)\S*\s*$", |c| c == 'h' || c == 'w');
pub(super) static RULE: LineRegex =
    LineRegex::after_space(r"^\s*(?:_{5,}|-{3,})\s*$", |c| c == '_' || c == '-');
/// A job number (`22-27149`, `V.14-04464`) with page numbers around it.
pub(super) static JOB_LINE: LineRegex = LineRegex::after_space(
    r"^\s*(?:\d{1,4}(?:\s*/\s*\d{1,4})?\s+)?(?:[A-Z]\.)?\d{2}-\d{4,6}\*?(?:\s*\([A-Z]\))?\*?(?:\s+\d{1,4}(?:\s*/\s*\d{1,4})?)?\s*$",
    |c| c.is_numeric() || c.is_ascii_uppercase(),
);
/// A lone document symbol (`A/77/464`, `CTOC/COP/2014/2`).
pub(super) static SYMBOL_LINE: LineRegex = LineRegex::after_space(
    r"^\s*([A-Z][A-Z0-9]*(?:\.\d+)?(?:/[A-Za-z0-9.\-]+){1,6}(?:\s\(\d{4}\))?)\s*$",
    |c| c.is_ascii_uppercase(),
);
/// Marks the printer leaves: `Page 2`, a `/...` continuation, a bar code
/// printed as a row of backticks.
pub(super) static PRINT_MARK: LineRegex = LineRegex::after_space(
    r"^\s*(?:Page\s+\d{1,3}|/\s?\.\.\.|`{4,}|\*\d{5,9}\*)\s*$",
    |c| matches!(c, 'P' | '/' | '`' | '*'),
);
/// A lone page number or `page/pages`.
pub(super) static PAGE_LINE: LineRegex =
    LineRegex::after_space(r"^\s*\d{1,4}(?:\s*/\s*\d{1,4})?\s*$", char::is_numeric);

#[derive(Debug, Clone, Copy, PartialEq)]
pub(super) enum Kind {
    Blank,
    Separator,
    Furniture,
    Rule,
    Text,
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

/// What each line of an extraction is: blank, a separator, page furniture,
/// a footnote rule or text; and the symbols seen as running headers, with
/// how often.
pub(super) fn classify(raw: &[&str]) -> (Vec<Kind>, HashMap<String, usize>) {
    // Symbol-only lines are furniture when they repeat or sit next to a job
    // number: a lone symbol inside the body would be followed by more text.
    let mut symbol_counts: HashMap<String, usize> = HashMap::new();
    for l in raw {
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
    (running_titles(raw, kinds), header_symbols)
}
