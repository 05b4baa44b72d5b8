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
    // Longer blocks (a title set in a narrow column, over up to eight
    // lines): furniture when the same lines stand between furniture on
    // another page too.
    let mut long_blocks: HashMap<Vec<&str>, Vec<Vec<usize>>> = HashMap::new();
    for pair in furniture.windows(2) {
        let (a, b) = (pair[0], pair[1]);
        if b - a < 2 || b - a > 2 * WINDOW {
            continue;
        }
        let between = a + 1..b;
        let texts: Vec<usize> = between.filter(|&i| kinds[i] == Kind::Text).collect();
        let opens = texts.iter().any(|&i| {
            PARA_START.is_match(raw[i])
                || NOTE_ENTRY.is_match(raw[i])
                || raw[i].trim_end().ends_with([',', ';', '.'])
        });
        if texts.is_empty() || opens {
            continue;
        }
        if b - a <= WINDOW && texts.len() <= 4 {
            marked.extend(texts);
        } else if texts.len() <= 8 {
            let key = texts.iter().map(|&i| raw[i].trim()).collect();
            long_blocks.entry(key).or_default().push(texts);
        }
    }
    for blocks in long_blocks.into_values().filter(|b| b.len() >= 2) {
        marked.extend(blocks.into_iter().flatten());
    }
    // The same lines elsewhere (a title wrapped the same way on every page),
    // next to furniture or to lines of the title found so.
    let titles: std::collections::HashSet<&str> = marked.iter().map(|&i| raw[i].trim()).collect();
    for &i in &marked {
        kinds[i] = Kind::Furniture;
    }
    loop {
        let near_furniture = |i: usize| {
            let lo = i.saturating_sub(WINDOW);
            let hi = (i + WINDOW + 1).min(raw.len());
            (lo..hi).any(|j| kinds[j] == Kind::Furniture)
        };
        let repeated: Vec<usize> = (0..raw.len())
            .filter(|&i| {
                kinds[i] == Kind::Text && titles.contains(raw[i].trim()) && near_furniture(i)
            })
            .collect();
        if repeated.is_empty() {
            break;
        }
        for i in repeated {
            kinds[i] = Kind::Furniture;
        }
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
    let kinds = page_numbers_with_heads(raw, kinds);
    (running_titles(raw, kinds), header_symbols)
}

/// A page number's line, its value, its head's lines and first words.
type PageMark = (usize, u32, Vec<usize>, String);

/// Page numbers printed alone (`305`) with a running head next to them
/// (« Résolutions adoptées et décisions prises par le Conseil … »), as in
/// the yearbooks: a number alone between blank lines is a page number when
/// the next ones rise page by page and the same head follows at least two
/// of them. The head is compared on its first words only, for OCR reads it
/// differently each time (« du ler janvier », « du r janvier »), and a
/// number without such a head (a note's label printed apart) is left alone.
fn page_numbers_with_heads(raw: &[&str], mut kinds: Vec<Kind>) -> Vec<Kind> {
    const HEAD_LINES: usize = 4;
    let blank = |i: usize| raw.get(i).is_none_or(|l| l.trim().is_empty());
    let mut pages: Vec<PageMark> = Vec::new();
    for i in 0..raw.len() {
        let t = raw[i].trim();
        let lone = kinds[i] == Kind::Text
            && (1..=4).contains(&t.len())
            && t.bytes().all(|b| b.is_ascii_digit())
            && (i == 0 || blank(i - 1))
            && blank(i + 1);
        if !lone {
            continue;
        }
        let start = (i + 1..raw.len()).find(|&j| !blank(j));
        let Some(start) = start else { continue };
        let head: Vec<usize> = (start..raw.len()).take_while(|&j| !blank(j)).collect();
        let last = head.last().map_or("", |&j| raw[j].trim_end());
        let looks_like_head = head.len() <= HEAD_LINES
            && head.iter().all(|&j| kinds[j] == Kind::Text)
            && !PARA_START.is_match(raw[start])
            && !last.ends_with([',', ';', '.', ':']);
        if !looks_like_head {
            continue;
        }
        let words: Vec<String> = head
            .iter()
            .flat_map(|&j| raw[j].split_whitespace())
            .take(3)
            .map(str::to_lowercase)
            .collect();
        if words.len() < 3 {
            continue;
        }
        pages.push((i, t.parse().unwrap_or(0), head, words.join(" ")));
    }
    let mut by_head: HashMap<&str, Vec<&PageMark>> = HashMap::new();
    for p in &pages {
        by_head.entry(p.3.as_str()).or_default().push(p);
    }
    for group in by_head.values() {
        let rising = group
            .windows(2)
            .all(|w| w[1].1 > w[0].1 && w[1].1 - w[0].1 <= 3);
        if group.len() < 2 || !rising {
            continue;
        }
        for (i, _, head, _) in group.iter().copied() {
            kinds[*i] = Kind::Furniture;
            for &j in head {
                kinds[j] = Kind::Furniture;
            }
        }
    }
    kinds
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn page_numbers_with_a_running_head_are_furniture() {
        let text = "Noting the report,\n\n35\n\nResolutions and decisions adopted by\nthe Council in 1999\n\n2. Welcomes the text;\n\n36\n\nResolutions and decisions adopted by the\nCounci1 in l999\n\n3. Decides.\n\n1\n\nSee the annex.\n";
        let raw: Vec<&str> = text.lines().collect();
        let (kinds, _) = classify(&raw);
        let furniture: Vec<&str> = (0..raw.len())
            .filter(|&i| kinds[i] == Kind::Furniture)
            .map(|i| raw[i])
            .collect();
        assert_eq!(
            furniture,
            [
                "35",
                "Resolutions and decisions adopted by",
                "the Council in 1999",
                "36",
                "Resolutions and decisions adopted by the",
                "Counci1 in l999"
            ]
        );
    }

    #[test]
    fn a_running_title_over_many_lines_is_furniture_where_it_repeats() {
        let title = "Advisory opinion of the Court on\nthe\nObligations of Israel in relation to the\npresence and activities of\nthe United Nations and of\nthird States\nin the Territory";
        let text = format!(
            "Recalling its resolutions,\n\nA/RES/80/116\n{title}\n\n25-20555\n2/6\n\n1. Welcomes the opinion;\n\nA/RES/80/116\n{title}\n\n25-20555\n4/6\n\n2. Decides.\n"
        );
        let raw: Vec<&str> = text.lines().collect();
        let (kinds, _) = classify(&raw);
        let body: Vec<&str> = (0..raw.len())
            .filter(|&i| kinds[i] == Kind::Text)
            .map(|i| raw[i])
            .collect();
        assert_eq!(
            body,
            [
                "Recalling its resolutions,",
                "1. Welcomes the opinion;",
                "2. Decides."
            ]
        );
        // Printed once, so long a block between furniture stays text.
        let once = text.split("1. Welcomes").next().unwrap().to_string();
        let raw: Vec<&str> = once.lines().collect();
        let (kinds, _) = classify(&raw);
        assert!(raw
            .iter()
            .zip(&kinds)
            .any(|(l, k)| *l == "third States" && *k == Kind::Text));
    }
}
