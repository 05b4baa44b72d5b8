//! What a page's `<head>` says of it beside its title: its canonical URL,
//! a description, OpenGraph properties, the feed's link (home page).

use crate::model::{DocKind, Document};
use serde::Serialize;

/// The head of one page (see `base.html`).
#[derive(Debug, Clone, Default, Serialize, Hash)]
pub struct PageHead {
    /// `og:title`: the page's own title, without the site's.
    pub title: String,
    /// `<meta name=description>` and `og:description`.
    pub description: String,
    /// The page's URL from `base_url`: absolute when `base_url` is, else a
    /// path from the host (`/documents/x/`). Empty: no canonical URL
    /// (the 404 page, served at any address).
    pub canonical: String,
    /// Whether `canonical` is absolute (then it is also `og:url`).
    pub absolute: bool,
    /// `og:type`: `article` for a document, `website` otherwise.
    pub og_type: &'static str,
    /// Whether the page links the Atom feed (the home page).
    pub feed: bool,
}

/// Is `base` (a `base_url`) an absolute URL, scheme and host?
pub fn is_absolute(base: &str) -> bool {
    base.split_once("://")
        .is_some_and(|(scheme, rest)| !scheme.is_empty() && !rest.is_empty())
}

impl PageHead {
    /// The head of the page at `path` (pretty: `documents/x/`, `` for the
    /// home page) of a site published at `base` (ending in `/`).
    pub fn new(base: &str, path: &str, title: &str, description: &str) -> PageHead {
        PageHead {
            title: title.to_string(),
            description: description.to_string(),
            canonical: format!("{base}{path}"),
            absolute: is_absolute(base),
            og_type: "website",
            feed: false,
        }
    }
}

/// The most characters of a description (search engines show ~160).
pub const DESCRIPTION_CHARS: usize = 200;

/// `text` cut at a space to at most `max` characters, `…` marking the cut.
pub fn truncate_words(text: &str, max: usize) -> String {
    let text = text.split_whitespace().collect::<Vec<_>>().join(" ");
    if text.chars().count() <= max {
        return text;
    }
    let cut: String = text.chars().take(max.saturating_sub(1)).collect();
    let end = cut.rfind(' ').filter(|&i| i > 0).unwrap_or(cut.len());
    let mut out = cut[..end]
        .trim_end_matches([',', ';', ':', ' '])
        .to_string();
    out.push('…');
    out
}

/// A document's description: its title (or symbol, or number), then the
/// first words of its text.
pub fn document_description(d: &Document) -> String {
    let name = d
        .title
        .as_deref()
        .or(d.symbol.as_deref())
        .or(d.number.as_deref())
        .unwrap_or(&d.slug);
    let first = d
        .paragraphs
        .iter()
        .map(|p| p.plain.trim())
        .find(|t| !t.is_empty());
    let text = match (d.kind, first) {
        (DocKind::Page, Some(t)) if d.title.is_none() => t.to_string(),
        (_, Some(t)) => format!("{name}. {t}"),
        (_, None) => name.to_string(),
    };
    truncate_words(&text, DESCRIPTION_CHARS)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn descriptions_are_cut_at_a_word() {
        assert_eq!(truncate_words("court", 10), "court");
        assert_eq!(truncate_words("un  deux\ntrois", 20), "un deux trois");
        let cut = truncate_words("Rappelant sa résolution 5/1, du 22 octobre 2010", 26);
        assert_eq!(cut, "Rappelant sa résolution…");
        assert!(cut.chars().count() <= 26);
    }

    #[test]
    fn absolute_bases() {
        assert!(is_absolute("https://user.github.io/repo/"));
        assert!(!is_absolute("/"));
        assert!(!is_absolute("/repo/"));
    }
}
