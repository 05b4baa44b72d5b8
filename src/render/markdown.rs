//! Markdown -> HTML with pulldown-cmark.
//!
//! Content is untrusted: raw HTML is escaped (shown as text), and links or
//! images whose URL has a scripting scheme are reduced to their text.
//! Footnote references `[^n]` become numbered superscript links.

use super::highlight::highlight_code;
use pulldown_cmark::{html, CodeBlockKind, CowStr, Event, Options, Parser, Tag, TagEnd};
use regex::Regex;
use std::sync::LazyLock;

static NUMBERED_START: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"^\d+[.)]\s").unwrap());
static REF: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"\[\^([^\]\s]+)\]").unwrap());
const OPEN: char = '\u{E010}';
const CLOSE: char = '\u{E011}';

/// Is this URL safe to put in an `href`?
pub fn safe_url(url: &str) -> bool {
    let u: String = url
        .chars()
        .filter(|c| !c.is_whitespace() && !c.is_control())
        .collect::<String>()
        .to_ascii_lowercase();
    !(u.starts_with("javascript:") || u.starts_with("vbscript:") || u.starts_with("data:"))
}

/// Escape the five HTML-special characters.
pub fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

/// Neutralise what content must not inject.
fn sanitize<'a>(events: impl Iterator<Item = Event<'a>>) -> Vec<Event<'a>> {
    let mut out = Vec::new();
    // One entry per open link/image: was it dropped?
    let mut links: Vec<bool> = Vec::new();
    let mut images: Vec<bool> = Vec::new();
    for ev in events {
        match ev {
            Event::Html(h) | Event::InlineHtml(h) => out.push(Event::Text(h)),
            Event::Start(Tag::Link {
                link_type,
                dest_url,
                title,
                id,
            }) => {
                let ok = safe_url(&dest_url);
                links.push(!ok);
                if ok {
                    out.push(Event::Start(Tag::Link {
                        link_type,
                        dest_url,
                        title,
                        id,
                    }));
                }
            }
            Event::End(TagEnd::Link) => {
                if !links.pop().unwrap_or(false) {
                    out.push(Event::End(TagEnd::Link));
                }
            }
            Event::Start(Tag::Image {
                link_type,
                dest_url,
                title,
                id,
            }) => {
                let ok = safe_url(&dest_url);
                images.push(!ok);
                out.push(if ok {
                    Event::Start(Tag::Image {
                        link_type,
                        dest_url,
                        title,
                        id,
                    })
                } else {
                    // Keep the alt text only.
                    Event::Start(Tag::Emphasis)
                });
            }
            Event::End(TagEnd::Image) => {
                out.push(if images.pop().unwrap_or(false) {
                    Event::End(TagEnd::Emphasis)
                } else {
                    Event::End(TagEnd::Image)
                });
            }
            other => out.push(other),
        }
    }
    out
}

/// Render one paragraph's inline Markdown. `note_href(marker)` gives the
/// link of a footnote reference; `ref_id(marker)` the id of the reference.
pub fn render_inline(
    md: &str,
    note_href: &dyn Fn(&str) -> String,
    ref_id: &dyn Fn(&str) -> String,
) -> String {
    if is_plain_text(md) {
        // What the parser would give back (tested): most paragraphs.
        return md.to_string();
    }
    render_inline_parsed(md, note_href, ref_id)
}

/// Bytes that may begin markup, an escape, an entity or raw HTML, need
/// escaping, or are controls or the lead byte of the private-use marks
/// this module uses.
static NOT_PLAIN: [bool; 256] = {
    let mut t = [false; 256];
    let mut i = 0;
    while i < 256 {
        t[i] = i < 0x20
            || i == 0x7F
            || i == 0xEE
            || matches!(
                i as u8,
                b'\\' | b'*' | b'_' | b'[' | b']' | b'!' | b'`' | b'~' | b'<' | b'>' | b'&' | b'"'
            );
        i += 1;
    }
    t
};

/// Is `md` text that inline Markdown gives back unchanged as HTML: no
/// byte of [`NOT_PLAIN`], no white space at either end, and no block
/// marker at its start?
fn is_plain_text(md: &str) -> bool {
    !md.is_empty()
        && md.trim().len() == md.len()
        && !md.bytes().any(|b| NOT_PLAIN[b as usize])
        && !starts_like_a_block(md)
        && !NUMBERED_START.is_match(md)
}

/// [`render_inline`] through the Markdown parser.
fn render_inline_parsed(
    md: &str,
    note_href: &dyn Fn(&str) -> String,
    ref_id: &dyn Fn(&str) -> String,
) -> String {
    // Protect footnote references from Markdown parsing.
    let protected = REF.replace_all(md, |c: &regex::Captures| format!("{OPEN}{}{CLOSE}", &c[1]));
    // Block syntax is meaningless inside a paragraph: escape a leading marker.
    let protected = escape_block_start(&protected);
    let parser = Parser::new_ext(&protected, Options::ENABLE_STRIKETHROUGH);
    let events = sanitize(parser.filter(|e| {
        !matches!(
            e,
            Event::Start(Tag::Paragraph) | Event::End(TagEnd::Paragraph)
        )
    }));
    let mut out = String::new();
    html::push_html(&mut out, events.into_iter());
    restore_refs(&out, note_href, ref_id)
}

/// Would a paragraph beginning as `t` begin another block than a
/// paragraph (other than a numbered list, see [`NUMBERED_START`])?
fn starts_like_a_block(t: &str) -> bool {
    ["#", ">", "- ", "+ ", "* ", "```", "~~~", "===", "---"]
        .iter()
        .any(|m| t.starts_with(m))
}

fn escape_block_start(s: &str) -> String {
    let t = s.trim_start();
    if let Some(m) = NUMBERED_START.find(t) {
        // `2022. Une année`: escape the list marker's punctuation.
        let digits = m.as_str().trim_end().len() - 1;
        return format!("{}\\{}", &t[..digits], &t[digits..]);
    }
    if starts_like_a_block(t) {
        format!("\\{t}")
    } else {
        t.to_string()
    }
}

fn restore_refs(
    html: &str,
    note_href: &dyn Fn(&str) -> String,
    ref_id: &dyn Fn(&str) -> String,
) -> String {
    // The marks are private-use characters: found by their UTF-8 lead
    // byte, the HTML between them copied a stretch at a time.
    let mut out = String::with_capacity(html.len());
    let (open, close) = (OPEN.len_utf8(), CLOSE.len_utf8());
    let mut rest = html;
    while let Some(i) = find_char(rest, OPEN) {
        out.push_str(&rest[..i]);
        let after = &rest[i + open..];
        let (m, next) = match find_char(after, CLOSE) {
            Some(j) => (&after[..j], &after[j + close..]),
            None => (after, ""),
        };
        out.push_str(&format!(
            "<sup class=\"fnref\" id=\"{}\"><a href=\"{}\">{}</a></sup>",
            escape(&ref_id(m)),
            escape(&note_href(m)),
            escape(m)
        ));
        rest = next;
    }
    out.push_str(rest);
    out
}

/// Byte position of `c` in `s`, searched by its first UTF-8 byte.
fn find_char(s: &str, c: char) -> Option<usize> {
    let mut buf = [0; 4];
    let enc = c.encode_utf8(&mut buf).as_bytes();
    let b = s.as_bytes();
    let mut at = 0;
    while let Some(i) = memchr::memchr(enc[0], &b[at..]).map(|i| at + i) {
        if b[i..].starts_with(enc) {
            return Some(i);
        }
        at = i + 1;
    }
    None
}

/// Render a whole Markdown page (`kind: page`), fenced code highlighted.
pub fn render_page(md: &str) -> String {
    let mut opts = Options::empty();
    opts.insert(Options::ENABLE_TABLES);
    opts.insert(Options::ENABLE_FOOTNOTES);
    opts.insert(Options::ENABLE_STRIKETHROUGH);
    opts.insert(Options::ENABLE_HEADING_ATTRIBUTES);
    let parser = Parser::new_ext(md, opts);
    let mut events = Vec::new();
    let mut code: Option<(String, String)> = None;
    for ev in sanitize(parser) {
        match ev {
            Event::Start(Tag::CodeBlock(kind)) => {
                let lang = match kind {
                    CodeBlockKind::Fenced(l) => {
                        l.split([' ', ',']).next().unwrap_or("").to_string()
                    }
                    CodeBlockKind::Indented => String::new(),
                };
                code = Some((lang, String::new()));
            }
            Event::End(TagEnd::CodeBlock) => {
                if let Some((lang, text)) = code.take() {
                    events.push(Event::Html(CowStr::from(highlight_code(&text, &lang))));
                }
            }
            Event::Text(t) if code.is_some() => code.as_mut().unwrap().1.push_str(&t),
            // `# T {#id .class}` keeps a safe id and classes; any other
            // attribute (`{onfocus=…}`) is dropped: it would run script.
            Event::Start(Tag::Heading {
                level,
                id,
                classes,
                attrs: _,
            }) => {
                let safe = |s: &str| {
                    !s.is_empty()
                        && s.bytes()
                            .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
                };
                events.push(Event::Start(Tag::Heading {
                    level,
                    id: id.filter(|i| safe(i)),
                    classes: classes.into_iter().filter(|c| safe(c)).collect(),
                    attrs: Vec::new(),
                }))
            }
            other => events.push(other),
        }
    }
    let mut out = String::new();
    html::push_html(&mut out, events.into_iter());
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn heading_attributes_cannot_carry_script() {
        let html = render_page(
            "# T {#ok .c autofocus onfocus=alert(1)}\n\n## U {#x\"onmouseover=alert(1) .y}\n",
        );
        assert!(
            !html.contains("onfocus") && !html.contains("autofocus"),
            "{html}"
        );
        assert!(!html.contains("onmouseover"), "{html}");
        assert!(html.contains("<h1 id=\"ok\" class=\"c\">T</h1>"), "{html}");
    }

    fn inline(md: &str) -> String {
        render_inline(md, &|m| format!("#fn{m}"), &|m| format!("fnref{m}"))
    }

    /// The shortcut for plain text gives what the parser gives, on every
    /// paragraph and note of the seeds and on hand-written texts, and is
    /// taken for most paragraphs.
    #[test]
    fn plain_text_is_rendered_as_the_parser_renders_it() {
        let href = |m: &str| format!("#fn{m}");
        let id = |m: &str| format!("fnref{m}");
        let mut texts = crate::content::repository_texts();
        let all = texts.len();
        for t in [
            "Prie le Secrétaire général de faire rapport,",
            "l'Office et l’Office ; « oui » : 12 % — 3/4",
            "2022. Une année",
            "12) Douze",
            "# Titre",
            "- tiret",
            "+ plus",
            "> cité",
            "---",
            "===",
            "a = b | c ^ d $ e",
            "https://undocs.org/fr/A/RES/55/25 et www.unodc.org",
            "a & b",
            "a < b > c",
            "\"guillemets\"",
            "x\u{E010}y",
            "tab\there",
            "nul\u{0}",
            "fin  ",
            " début",
            "",
        ] {
            texts.push(t.to_string());
        }
        let mut plain = 0;
        for t in &texts {
            let parsed = render_inline_parsed(t, &href, &id);
            assert_eq!(render_inline(t, &href, &id), parsed, "{t:?}");
            if is_plain_text(t) {
                plain += 1;
                assert_eq!(parsed, *t, "{t:?} is not plain");
            }
        }
        assert!(plain * 2 > all, "{plain} of {all} seed texts are plain");
    }

    #[test]
    fn renders_emphasis_and_note_refs() {
        assert_eq!(
            inline("*Note* que la Convention[^3] a atteint 172,"),
            "<em>Note</em> que la Convention<sup class=\"fnref\" id=\"fnref3\"><a href=\"#fn3\">3</a></sup> a atteint 172,"
        );
    }

    #[test]
    fn escapes_raw_html_and_drops_script_links() {
        let h = inline("<script>alert(1)</script> <img src=x onerror=alert(1)>");
        assert!(!h.contains("<script"), "{h}");
        assert!(!h.contains("<img"), "{h}");
        assert!(h.contains("&lt;script&gt;"), "{h}");
        let h = inline("voir [ici](javascript:alert) et [là](https://undocs.org/fr/A/RES/55/25)");
        assert!(!h.to_lowercase().contains("href=\"javascript"), "{h}");
        assert!(h.contains("ici"), "{h}");
        assert!(
            h.contains("href=\"https://undocs.org/fr/A/RES/55/25\""),
            "{h}"
        );
    }

    #[test]
    fn leading_numbers_stay_text() {
        assert_eq!(inline("2022. Une année"), "2022. Une année");
    }

    #[test]
    fn highlights_fenced_code() {
        let h = render_page("# Titre\n\n```yaml\ntitle: x\n```\n");
        assert!(h.contains("<h1>Titre</h1>"));
        assert!(h.contains("<pre"), "{h}");
        assert!(h.contains("style="), "{h}");
    }
}
