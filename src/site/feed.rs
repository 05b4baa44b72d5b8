//! `feed.xml`: an Atom feed of the documents, newest first, and
//! `robots.txt`.

use crate::model::{DocKind, Document};
use crate::render::head::{document_description, is_absolute};
use crate::render::i18n;
use crate::render::views::Context;

/// Text made safe in XML, in an element or a quoted attribute (the
/// Akoma Ntoso writer's escaping: markup, and the characters XML forbids).
use crate::render::akn::xml::esc as xml;

/// A date of the content (`YYYY-MM-DD`) as an Atom date.
fn atom_date(date: &str) -> String {
    format!("{date}T00:00:00Z")
}

/// The Atom feed of `docs` (in reading order) for a site published at
/// `base` (ending in `/`): documents by date, newest first, then in
/// reading order; those without a date last. A document without a date is
/// given the newest date of the compendium (an Atom entry must have one;
/// the build's own time would make every build differ).
pub fn atom(
    docs: &[Document],
    base: &str,
    title: &str,
    description: &str,
    english: bool,
) -> String {
    let mut texts: Vec<(usize, &Document)> = docs
        .iter()
        .enumerate()
        .filter(|(_, d)| d.kind != DocKind::Page)
        .collect();
    // Newest first; `None` sorts below every date, so undated come last.
    texts.sort_by(|(i, a), (j, b)| b.date.cmp(&a.date).then(i.cmp(j)));
    let newest = texts
        .iter()
        .find_map(|(_, d)| d.date.as_deref())
        .map(atom_date)
        .unwrap_or_else(|| "1970-01-01T00:00:00Z".to_string());
    let absolute = is_absolute(base);
    let id = |path: &str| {
        if absolute {
            format!("{base}{path}")
        } else {
            format!(
                "urn:compendium:{}",
                path.trim_end_matches('/').replace('/', ":")
            )
        }
    };
    let lang = if english { "en" } else { "fr" };
    let mut s = String::with_capacity(512 + 600 * texts.len());
    s.push_str("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n");
    s.push_str(&format!(
        "<feed xmlns=\"http://www.w3.org/2005/Atom\" xml:lang=\"{lang}\">\n"
    ));
    s.push_str(&format!("  <title>{}</title>\n", xml(title)));
    if !description.is_empty() {
        s.push_str(&format!("  <subtitle>{}</subtitle>\n", xml(description)));
    }
    s.push_str(&format!(
        "  <link rel=\"self\" type=\"application/atom+xml\" href=\"{}feed.xml\"/>\n",
        xml(base)
    ));
    s.push_str(&format!(
        "  <link rel=\"alternate\" type=\"text/html\" href=\"{}\"/>\n",
        xml(base)
    ));
    s.push_str(&format!("  <id>{}</id>\n", xml(&id("site"))));
    s.push_str(&format!("  <updated>{newest}</updated>\n"));
    s.push_str(&format!("  <author><name>{}</name></author>\n", xml(title)));
    s.push_str(&format!(
        "  <generator version=\"{}\">compendium</generator>\n",
        env!("CARGO_PKG_VERSION")
    ));
    for (_, d) in &texts {
        let path = Context::doc_path(d);
        let pretty = path.trim_end_matches("index.html");
        let reference = i18n::doc_reference(
            d.kind,
            d.number.as_deref(),
            d.symbol.as_deref(),
            d.title.as_deref(),
            english,
        );
        let name = d
            .title
            .as_deref()
            .or(d.symbol.as_deref())
            .or(d.number.as_deref())
            .unwrap_or(&d.slug);
        let entry_title = if reference == name || d.title.is_none() {
            name.to_string()
        } else {
            format!("{reference} — {name}")
        };
        let updated = d.date.as_deref().map(atom_date).unwrap_or(newest.clone());
        s.push_str("  <entry>\n");
        s.push_str(&format!("    <title>{}</title>\n", xml(&entry_title)));
        s.push_str(&format!(
            "    <link rel=\"alternate\" type=\"text/html\" href=\"{}{}\"/>\n",
            xml(base),
            xml(pretty)
        ));
        s.push_str(&format!("    <id>{}</id>\n", xml(&id(pretty))));
        s.push_str(&format!("    <updated>{updated}</updated>\n"));
        if let Some(body) = d.body.as_deref().filter(|b| !b.is_empty()) {
            s.push_str(&format!(
                "    <author><name>{}</name></author>\n",
                xml(body)
            ));
        }
        s.push_str(&format!(
            "    <category term=\"{}\" label=\"{}\"/>\n",
            d.kind.as_str(),
            xml(i18n::kind_singular(d.kind, english))
        ));
        s.push_str(&format!(
            "    <summary>{}</summary>\n",
            xml(&document_description(d))
        ));
        s.push_str("  </entry>\n");
    }
    s.push_str("</feed>\n");
    s
}

/// `robots.txt`: everything may be crawled; the sitemap is named when
/// the site's address is known (a sitemap's URL must be absolute).
pub fn robots(base: &str) -> String {
    let mut s = String::from("User-agent: *\nAllow: /\n");
    if is_absolute(base) {
        s.push_str(&format!("\nSitemap: {base}sitemap.xml\n"));
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn xml_text_is_escaped_and_forbidden_characters_dropped() {
        assert_eq!(
            xml("a & b <c> \"d\"\u{1}"),
            "a &amp; b &lt;c&gt; &quot;d&quot;"
        );
    }

    #[test]
    fn robots_name_the_sitemap_only_at_an_absolute_address() {
        assert_eq!(robots("/"), "User-agent: *\nAllow: /\n");
        assert!(robots("https://u.github.io/r/")
            .ends_with("Sitemap: https://u.github.io/r/sitemap.xml\n"));
    }
}
