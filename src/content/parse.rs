//! One content file -> one [`Document`].
//!
//! Blocks are separated by blank lines. A block opening with `3.` is a
//! numbered (operative or report) paragraph, with `a)` a lettered one;
//! other blocks before the first numbered paragraph of a resolution are
//! preambular. `## Annexe I` opens an annex, `## I. Title` a report section.
//! A line `- text` is a dash item of the paragraph before it.
//! `[^1]: …` defines a footnote. A trailing `{+topic -topic}` overrides topics.

use super::{collapse, items, parse_kind, slug_for, FrontMatter};
use crate::error::{Located, Problems};
use crate::model::{assign_anchors, DocKind, Document, Heading, Note, ParaKind, Paragraph};
use regex::Regex;
use std::collections::{HashMap, HashSet};
use std::path::Path;
use std::sync::LazyLock;

static NUMBERED: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^(\d{1,4})\.(?:\s+(\S[\s\S]*)|\s*)$").unwrap());
static LETTERED: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^([a-z]|[ivxl]{2,6})\)\s+(\S[\s\S]*)$").unwrap());
static HEADING: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^(#{1,6})\s+(.+?)\s*#*\s*$").unwrap());
static ANNEX: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^(?i:annexe|annex)(?:\s+([IVXL]+|[A-Z]))?\s*$").unwrap());
static SECTION: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"^([IVXL]{1,6})\.\s").unwrap());
static NOTE_DEF: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^\[\^([^\]\s]+)\]:\s?(.*)$").unwrap());
static NOTE_REF: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"\[\^([^\]\s]+)\]").unwrap());
static OVERRIDES: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"\s*\{((?:\s*[+-][A-Za-z0-9_-]+)+)\s*\}\s*$").unwrap());

/// The numeral of an annex heading: `Annexe II` -> `II`, `Annexe` -> "".
pub fn annex_heading(text: &str) -> Option<&str> {
    ANNEX
        .captures(text)
        .map(|a| a.get(1).map_or("", |m| m.as_str()))
}

/// Would a paragraph's text be read as numbered? (The writer escapes it.)
pub fn looks_numbered(text: &str) -> bool {
    NUMBERED.is_match(text)
        || LETTERED.is_match(text)
        || text.starts_with('#')
        || text.starts_with("[^")
        || items::dash_item(text).is_some()
}

/// Split `---\nyaml\n---\nbody`; returns (yaml, body, line of the body's first line).
pub fn split_front_matter<'a>(
    text: &'a str,
    path: &Path,
) -> Result<(&'a str, &'a str, usize), Located> {
    let text = text.trim_start_matches('\u{feff}');
    let first = text.lines().next().unwrap_or("");
    if first.trim_end() != "---" {
        return Err(Located::error(
            path,
            1,
            "the file must start with YAML front matter: a line `---`, the fields (`kind: resolution`, …), then `---`",
        ));
    }
    let after_open = &text[first.len()..].trim_start_matches('\r');
    let after_open = after_open.strip_prefix('\n').unwrap_or(after_open);
    let mut offset = 0;
    for (i, line) in after_open.split_inclusive('\n').enumerate() {
        if line.trim_end() == "---" {
            let yaml = &after_open[..offset];
            let body = &after_open[offset + line.len()..];
            return Ok((yaml, body, i + 3));
        }
        offset += line.len();
    }
    Err(Located::error(
        path,
        1,
        "the front matter opened here is never closed: add a line `---` after its last field",
    ))
}

fn yaml_error(e: &serde_yaml::Error, yaml: &str, path: &Path) -> Located {
    let msg = e.to_string();
    // Strip serde_yaml's own "at line X column Y" suffix: we say it better.
    let clean = msg.split(" at line ").next().unwrap_or(&msg).to_string();
    if let Some(loc) = e.location() {
        return Located::error(
            path,
            loc.line() + 1,
            format!("malformed front matter: {clean}"),
        )
        .at_column(loc.column());
    }
    // Errors without a location name a field: find its line.
    let line = Regex::new(r"`([A-Za-z_]+)`")
        .ok()
        .and_then(|re| re.captures(&clean).map(|c| c[1].to_string()))
        .and_then(|field| {
            yaml.lines()
                .position(|l| l.trim_start().starts_with(&format!("{field}:")))
        })
        .map(|i| i + 2)
        .unwrap_or(1);
    Located::error(path, line, format!("malformed front matter: {clean}"))
}

fn field_line(yaml: &str, field: &str) -> usize {
    yaml.lines()
        .position(|l| l.starts_with(&format!("{field}:")))
        .map(|i| i + 2)
        .unwrap_or(1)
}

struct Block {
    text: String,
    line: usize,
}

/// Parse a content file. Returns the document and its warnings.
/// Two or three lower-case letters (ISO 639-1 or 639-2): what `lang`
/// attributes and undocs.org links take.
fn is_language_code(s: &str) -> bool {
    (2..=3).contains(&s.len()) && s.bytes().all(|b| b.is_ascii_lowercase())
}

pub fn parse_document(text: &str, path: &Path) -> Result<(Document, Vec<Located>), Problems> {
    let text = &*super::strip_forbidden(text);
    let (yaml, body, body_line) = split_front_matter(text, path).map_err(Problems::single)?;
    let value: serde_yaml::Value =
        serde_yaml::from_str(yaml).map_err(|e| Problems::single(yaml_error(&e, yaml, path)))?;
    if !value.is_mapping() {
        return Err(Problems::single(Located::error(
            path,
            2,
            "the front matter is not a mapping of fields; write `field: value` lines such as `kind: resolution`",
        )));
    }
    let fm: FrontMatter =
        serde_yaml::from_value(value).map_err(|e| Problems::single(yaml_error(&e, yaml, path)))?;
    let kind = parse_kind(&fm.kind).ok_or_else(|| {
        Problems::single(Located::error(
            path,
            field_line(yaml, "kind"),
            format!(
                "unknown kind `{}`: use one of resolution, decision, draft_resolution, report, page",
                fm.kind
            ),
        ))
    })?;
    if let Some(date) = &fm.date {
        if !is_iso_date(date) {
            return Err(Problems::single(Located::error(
                path,
                field_line(yaml, "date"),
                format!("date `{date}` is not a date of the form YYYY-MM-DD"),
            )));
        }
    }

    if let Some(slug) = &fm.slug {
        // One path segment: `../x`, `..`, `a/b` or `same/` would write
        // outside the document's directory or over another page.
        let ok = !slug.is_empty()
            && slug.len() <= 200
            && slug
                .bytes()
                .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
            && !slug.starts_with('-');
        if !ok {
            return Err(Problems::single(Located::error(
                path,
                field_line(yaml, "slug"),
                format!("slug `{slug}` must be lower-case letters, digits and `-` only (one path segment, e.g. `resolution-6-1`)"),
            )));
        }
    }
    if let Some(lang) = &fm.language {
        if !is_language_code(lang) {
            return Err(Problems::single(Located::error(
                path,
                field_line(yaml, "language"),
                format!("language `{lang}` is not a language code such as `en`, `fr` or `es`"),
            )));
        }
    }

    let mut doc = Document::new(kind);
    doc.slug = slug_for(path, &fm);
    doc.title = fm.title.filter(|t| !t.trim().is_empty());
    doc.body = fm.body;
    doc.number = fm.number;
    doc.symbol = fm.symbol;
    doc.date = fm.date;
    doc.language = fm.language;
    doc.contained_in = fm.contained_in;
    doc.source = fm.source;
    doc.order = fm.order;
    doc.topics = fm.topics;
    doc.path = Some(path.to_path_buf());
    doc.source_key = crate::memo::key_of(&(text, path));

    if kind == DocKind::Page {
        doc.markdown = Some(body.to_string());
        return Ok((doc, Vec::new()));
    }

    let mut problems = Vec::new();
    let mut warnings = Vec::new();
    let blocks = split_blocks(body, body_line);
    let mut note_lines: HashMap<String, usize> = HashMap::new();
    let mut annex: Option<String> = None;
    let mut section: Option<String> = None;
    let mut seen_numbered = false;
    for b in blocks {
        if let Some(c) = NOTE_DEF.captures(&b.text) {
            let marker = c[1].to_string();
            if note_lines.insert(marker.clone(), b.line).is_some() {
                problems.push(Located::error(
                    path,
                    b.line,
                    format!("footnote [^{marker}] is defined twice"),
                ));
            }
            doc.notes.push(Note {
                marker,
                text: collapse(&c[2]),
                citations: Vec::new(),
            });
            continue;
        }
        if let Some(c) = HEADING.captures(&b.text) {
            let level = c[1].len() as u8;
            let text = collapse(&c[2]);
            if let Some(a) = annex_heading(&text) {
                annex = Some(a.to_string());
            } else if level == 2 && crate::model::is_part_label(&text) {
                // Part `B` of a resolution: it may open with a preamble.
                seen_numbered = false;
            } else if level <= 2 {
                if let Some(s) = SECTION.captures(&text) {
                    section = Some(s[1].to_string());
                }
            }
            doc.headings.push(Heading {
                level,
                text,
                before: doc.paragraphs.len(),
            });
            continue;
        }
        let raw = b.text.strip_prefix('\\').unwrap_or(&b.text);
        let escaped = raw.len() != b.text.len();
        let (raw, add, remove) = split_overrides(raw);
        let mut p = Paragraph {
            line: b.line,
            topics_add: add,
            topics_remove: remove,
            annex: annex.clone().filter(|a| !a.is_empty()),
            ..Paragraph::default()
        };
        let item = (!escaped).then(|| items::dash_item(&raw)).flatten();
        if let Some(text) = item {
            // A dash item of the paragraph before it (in the same annex).
            let Some(parent) = doc.paragraphs.last().filter(|q| {
                q.annex == p.annex && annex.is_some() == (q.kind == Some(ParaKind::AnnexItem))
            }) else {
                problems.push(Located::error(
                    path,
                    b.line,
                    "a `- ` item belongs to the paragraph before it, and there is none here: put it after its paragraph, or write `\\- ` to keep the dash as text",
                ));
                continue;
            };
            p = Paragraph {
                text: collapse(text).into(),
                ..p
            };
            let of = items::item_of(parent);
            (p.kind, p.number, p.letter, p.section, p.dash) =
                (of.kind, of.number, of.letter, of.section, true);
        }
        let numbered = (!escaped && item.is_none())
            .then(|| numbered(&raw))
            .flatten();
        let lettered = (!escaped && item.is_none() && numbered.is_none())
            .then(|| lettered(&raw))
            .flatten();
        if item.is_some() {
            // Read above.
        } else if let (Some((number, text)), Some(_)) = (numbered, &annex) {
            // A numbered paragraph of an annex (a declaration, guidelines).
            p.number = Some(number.to_string());
            p.text = collapse(text).into();
            p.kind = Some(ParaKind::AnnexItem);
        } else if let Some((number, text)) = numbered {
            seen_numbered = true;
            p.number = Some(number.to_string());
            p.text = collapse(text).into();
            p.kind = Some(if kind == DocKind::Report {
                p.section = section.clone();
                ParaKind::ReportPara
            } else {
                ParaKind::Operative
            });
        } else if let Some((letter, text)) = lettered {
            p.letter = Some(letter.to_string());
            p.text = collapse(text).into();
            if annex.is_some() {
                p.kind = Some(ParaKind::AnnexItem);
                // Inside the numbered annex paragraph it follows, if any.
                p.number = doc
                    .paragraphs
                    .last()
                    .filter(|q| q.kind == Some(ParaKind::AnnexItem))
                    .and_then(|q| q.number.clone());
            } else {
                p.kind = Some(ParaKind::Subparagraph);
                let parent = doc
                    .paragraphs
                    .iter()
                    .rev()
                    .find(|q| !matches!(q.kind, Some(ParaKind::Subparagraph)));
                p.number = parent.and_then(|q| q.number.clone());
                if kind == DocKind::Report {
                    p.section = section.clone();
                }
            }
        } else if annex.is_some() {
            p.kind = Some(ParaKind::AnnexItem);
            p.text = collapse(&raw).into();
        } else if kind == DocKind::Report || seen_numbered {
            problems.push(Located::error(
                path,
                b.line,
                if kind == DocKind::Report {
                    "paragraph without a number in a report: number it (`12. …`) or join it to the paragraph before".to_string()
                } else {
                    "unnumbered paragraph after the operative part began: number it (`12. …`), letter it (`a) …`), or move it into the preamble".to_string()
                },
            ));
            continue;
        } else {
            p.kind = Some(ParaKind::Preamble);
            p.text = collapse(&raw).into();
        }
        if p.text.contains("[^") {
            p.footnotes = NOTE_REF
                .captures_iter(&p.text)
                .map(|c| c[1].to_string())
                .collect();
        }
        doc.paragraphs.push(p);
    }
    crate::model::mark_unnumbered_operative_by_part(kind, &mut doc.paragraphs, &doc.headings);
    crate::model::mark_restarting_parts(&mut doc.paragraphs, &doc.headings);
    assign_anchors(&mut doc.paragraphs);
    // Built by pushing: give back the spare capacity (a large compendium
    // holds hundreds of thousands of paragraphs).
    doc.paragraphs.shrink_to_fit();
    doc.headings.shrink_to_fit();

    // Anchors are public: two paragraphs may not share one.
    let mut anchors: HashMap<&str, usize> = HashMap::new();
    for p in &doc.paragraphs {
        if let Some(first) = anchors.insert(p.anchor.as_str(), p.line) {
            problems.push(Located::error(
                path,
                p.line,
                format!(
                    "duplicate anchor `#{}` (first used at line {first}): check the numbering of this paragraph",
                    p.anchor
                ),
            ));
        }
    }
    // Footnotes: every call defined, every definition called.
    let mut called: HashSet<String> = HashSet::new();
    for p in &doc.paragraphs {
        for m in &p.footnotes {
            called.insert(m.clone());
            if !note_lines.contains_key(m) {
                problems.push(Located::error(
                    path,
                    p.line,
                    format!("footnote [^{m}] is called here but never defined: add a line `[^{m}]: …` at the end"),
                ));
            }
        }
    }
    for n in &doc.notes {
        for c in NOTE_REF.captures_iter(&n.text) {
            called.insert(c[1].to_string());
        }
    }
    for n in &doc.notes {
        if !n.marker.starts_with('*') && !called.contains(&n.marker) {
            warnings.push(Located::warning(
                path,
                note_lines[&n.marker],
                format!("footnote [^{}] is defined but never called", n.marker),
            ));
        }
    }
    if !problems.is_empty() {
        return Err(Problems(problems));
    }
    Ok((doc, warnings))
}

/// `12. Décide …` -> (`12`, `Décide …`), as [`NUMBERED`] reads it. Most
/// paragraphs are told apart by their first bytes; the regex (whose `\d`
/// is any Unicode digit) is asked only about text the fast path cannot
/// judge.
fn numbered(raw: &str) -> Option<(&str, &str)> {
    let first = *raw.as_bytes().first()?;
    let digits = raw.bytes().take_while(u8::is_ascii_digit).count();
    if first.is_ascii() {
        if digits == 0 || digits > 4 {
            return None;
        }
        if raw[digits..].starts_with('.') {
            // A number alone (`10.`), its text in the items under it
            // (« 10. (a) The Government … »).
            if raw[digits + 1..].trim().is_empty() {
                return Some((&raw[..digits], ""));
            }
            return split_after(raw, digits, digits + 1);
        }
    }
    let c = NUMBERED.captures(raw)?;
    Some((c.get(1)?.as_str(), c.get(2).map_or("", |m| m.as_str())))
}

/// `a) La fourniture …` -> (`a`, `La fourniture …`), as [`LETTERED`] reads it.
fn lettered(raw: &str) -> Option<(&str, &str)> {
    let letters = raw.bytes().take_while(u8::is_ascii_lowercase).count();
    // One letter, or a roman item (`iv)`).
    let label_ok = letters == 1
        || ((2..=6).contains(&letters)
            && raw
                .bytes()
                .take(letters)
                .all(|b| matches!(b, b'i' | b'v' | b'x' | b'l')));
    if !label_ok || !raw[letters..].starts_with(')') {
        return None;
    }
    split_after(raw, letters, letters + 1)
}

/// The label `raw[..label]` and the text after the white space that
/// follows `raw[..at]`: at least one white-space character, then text.
fn split_after(raw: &str, label: usize, at: usize) -> Option<(&str, &str)> {
    let rest = &raw[at..];
    let text = rest.trim_start();
    (text.len() < rest.len() && !text.is_empty()).then(|| (&raw[..label], text))
}

fn split_overrides(text: &str) -> (String, Vec<String>, Vec<String>) {
    // The overrides close the paragraph: `… {+cybercrime -corruption}`.
    if !text.trim_end().ends_with('}') {
        return (text.to_string(), Vec::new(), Vec::new());
    }
    let Some(c) = OVERRIDES.captures(text) else {
        return (text.to_string(), Vec::new(), Vec::new());
    };
    let mut add = Vec::new();
    let mut remove = Vec::new();
    for tok in c[1].split_whitespace() {
        if let Some(t) = tok.strip_prefix('+') {
            add.push(t.to_string());
        } else if let Some(t) = tok.strip_prefix('-') {
            remove.push(t.to_string());
        }
    }
    let start = c.get(0).unwrap().start();
    (text[..start].to_string(), add, remove)
}

fn split_blocks(body: &str, first_line: usize) -> Vec<Block> {
    let mut blocks: Vec<Block> = Vec::new();
    let mut cur: Option<Block> = None;
    for (i, line) in body.lines().enumerate() {
        let n = first_line + i;
        if line.trim().is_empty() {
            if let Some(b) = cur.take() {
                blocks.push(b);
            }
            continue;
        }
        // A heading, a footnote definition or a dash item is a block of
        // its own.
        let starts_own = HEADING.is_match(line.trim_start())
            || NOTE_DEF.is_match(line)
            || items::dash_item(line).is_some();
        if starts_own {
            if let Some(b) = cur.take() {
                blocks.push(b);
            }
            let own = Block {
                text: line.trim().to_string(),
                line: n,
            };
            if HEADING.is_match(line.trim_start()) {
                blocks.push(own);
            } else {
                cur = Some(own);
            }
            continue;
        }
        match cur.as_mut() {
            Some(b) => {
                b.text.push(' ');
                b.text.push_str(line.trim());
            }
            None => {
                cur = Some(Block {
                    text: line.trim().to_string(),
                    line: n,
                })
            }
        }
    }
    if let Some(b) = cur {
        blocks.push(b);
    }
    blocks
}

/// `YYYY-MM-DD`, and a day of the calendar (not `2023-02-30`).
fn is_iso_date(s: &str) -> bool {
    let b = s.as_bytes();
    let shaped = b.len() == 10
        && b[4] == b'-'
        && b[7] == b'-'
        && s.chars()
            .enumerate()
            .all(|(i, c)| i == 4 || i == 7 || c.is_ascii_digit());
    if !shaped {
        return false;
    }
    let (y, m, d): (u32, u32, u32) = (
        s[..4].parse().unwrap_or(0),
        s[5..7].parse().unwrap_or(0),
        s[8..].parse().unwrap_or(0),
    );
    let days = match m {
        2 if y.is_multiple_of(4) && (!y.is_multiple_of(100) || y.is_multiple_of(400)) => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        _ => 0,
    };
    (1..=days).contains(&d)
}

#[cfg(test)]
#[path = "parse_tests.rs"]
mod tests;
