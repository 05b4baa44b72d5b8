//! Site-wide conventions: canonical URLs, descriptions and OpenGraph
//! tags, the favicon, `robots.txt` and the Atom feed.

use crate::common::*;

fn build_at(t: &tempfile::TempDir, base_url: Option<&str>) {
    let mut args = vec!["build"];
    if let Some(b) = base_url {
        args.extend(["--base-url", b]);
    }
    let o = run_in(t.path(), &args);
    assert!(o.status.success(), "{}", stderr(&o));
}

fn read(t: &tempfile::TempDir, path: &str) -> String {
    std::fs::read_to_string(t.path().join("public").join(path))
        .unwrap_or_else(|e| panic!("{path}: {e}"))
}

/// The `content` of the head's `<meta {attr}="{name}">`, or of its `<link rel="{name}">`'s href.
fn head_value(html: &str, attr: &str, name: &str) -> Option<String> {
    let head = &html[..html.find("</head>").expect("a head")];
    let (tag, value) = if attr == "rel" {
        (format!("<link rel=\"{name}\""), "href=\"")
    } else {
        (format!("<meta {attr}=\"{name}\""), "content=\"")
    };
    let at = head.find(&tag)?;
    let rest = &head[at..];
    let rest = &rest[..rest.find('>').unwrap()];
    let v = &rest[rest.find(value)? + value.len()..];
    Some(v[..v.find('"').unwrap()].to_string())
}

#[test]
fn pages_have_canonical_urls_descriptions_and_opengraph_tags() {
    let t = site_copy();
    let base = "https://user.github.io/compendium/";
    build_at(&t, Some(base));
    let cases = [
        ("index.html", base.to_string(), "website"),
        (
            "documents/resolution-6-1/index.html",
            format!("{base}documents/resolution-6-1/"),
            "article",
        ),
        (
            "topics/corruption/index.html",
            format!("{base}topics/corruption/"),
            "website",
        ),
        ("search/index.html", format!("{base}search/"), "website"),
    ];
    for (page, canonical, kind) in cases {
        let html = read(&t, page);
        assert_eq!(
            head_value(&html, "rel", "canonical"),
            Some(canonical.clone()),
            "{page}"
        );
        assert_eq!(
            head_value(&html, "property", "og:url"),
            Some(canonical),
            "{page}"
        );
        assert_eq!(
            head_value(&html, "property", "og:type").as_deref(),
            Some(kind),
            "{page}"
        );
        assert_eq!(
            head_value(&html, "property", "og:locale").as_deref(),
            Some("fr_FR")
        );
        for tag in ["og:title", "og:site_name"] {
            assert!(
                head_value(&html, "property", tag).is_some_and(|v| !v.is_empty()),
                "{page}: {tag}"
            );
        }
        let description = head_value(&html, "name", "description").unwrap_or_default();
        assert!(description.len() > 20, "{page}: {description:?}");
        assert_eq!(
            head_value(&html, "property", "og:description"),
            Some(description)
        );
        // The favicon, from the page's place.
        let icon = head_value(&html, "rel", "icon").unwrap();
        assert!(icon.ends_with("assets/favicon.svg"), "{icon}");
    }
    // A document's description: its title, then its first words.
    let doc = read(&t, "documents/resolution-6-1/index.html");
    let description = head_value(&doc, "name", "description").unwrap();
    assert!(
        description.starts_with("Assurer la bonne application"),
        "{description}"
    );
    assert!(
        description.contains("Rappelant sa résolution 5/1"),
        "{description}"
    );
    assert!(description.chars().count() <= 200, "{description}");
    assert!(head_value(&doc, "property", "og:title")
        .unwrap()
        .starts_with("Assurer la bonne application"));
    // A topic's: its own description.
    let topic = read(&t, "topics/corruption/index.html");
    assert!(head_value(&topic, "name", "description")
        .unwrap()
        .starts_with("Corruption"));
    // The favicon is an SVG image.
    let svg = read(&t, "assets/favicon.svg");
    assert!(svg.starts_with("<svg") && svg.contains("xmlns=\"http://www.w3.org/2000/svg\""));
    // The home page links the feed; the search page asks not to be indexed
    // and is not in the sitemap.
    let home = read(&t, "index.html");
    assert!(
        home.contains("<link rel=\"alternate\" type=\"application/atom+xml\" href=\"feed.xml\"")
    );
    assert!(read(&t, "search/index.html").contains("<meta name=\"robots\" content=\"noindex\">"));
    let sitemap = read(&t, "sitemap.xml");
    assert!(!sitemap.contains("search/"), "{sitemap}");
    assert!(sitemap.contains(&format!("<loc>{base}documents/resolution-6-1/</loc>")));
    // robots.txt names the sitemap.
    assert_eq!(
        read(&t, "robots.txt"),
        format!("User-agent: *\nAllow: /\n\nSitemap: {base}sitemap.xml\n")
    );
    // Every link still resolves.
    let o = run_in(t.path(), &["check"]);
    assert!(o.status.success(), "{}", stderr(&o));
}

#[test]
fn without_an_absolute_base_url_canonical_urls_are_paths() {
    let t = site_copy();
    build_at(&t, None);
    let doc = read(&t, "documents/resolution-6-1/index.html");
    assert_eq!(
        head_value(&doc, "rel", "canonical").as_deref(),
        Some("/documents/resolution-6-1/")
    );
    // og:url must be absolute: there is none.
    assert_eq!(head_value(&doc, "property", "og:url"), None);
    // robots.txt cannot name a sitemap with a relative URL.
    assert_eq!(read(&t, "robots.txt"), "User-agent: *\nAllow: /\n");
    // The 404 page, served at any address, has no canonical URL.
    assert_eq!(head_value(&read(&t, "404.html"), "rel", "canonical"), None);
}

/// The feed's entries: (title, link, updated), and the feed's `updated`.
fn feed_entries(xml: &str) -> (String, Vec<(String, String, String)>) {
    use quick_xml::events::Event;
    let mut reader = quick_xml::Reader::from_str(xml);
    let (mut entries, mut path, mut feed_updated) =
        (Vec::new(), Vec::<String>::new(), String::new());
    let mut entry = (String::new(), String::new(), String::new());
    loop {
        match reader.read_event() {
            Ok(Event::Eof) => break,
            Ok(Event::Start(e)) => {
                let name = String::from_utf8_lossy(e.name().as_ref()).into_owned();
                if name == "entry" {
                    entry = Default::default();
                }
                path.push(name);
            }
            Ok(Event::Empty(e)) => {
                let name = String::from_utf8_lossy(e.name().as_ref()).into_owned();
                let attrs: Vec<(String, String)> = e
                    .attributes()
                    .map(|a| {
                        let a = a.expect("well-formed attribute");
                        (
                            String::from_utf8_lossy(a.key.as_ref()).into_owned(),
                            a.unescape_value().unwrap().into_owned(),
                        )
                    })
                    .collect();
                if name == "link" && path.last().is_some_and(|p| p == "entry") {
                    entry.1 = attrs.iter().find(|a| a.0 == "href").unwrap().1.clone();
                }
            }
            Ok(Event::Text(text)) => {
                let text = text.unescape().unwrap().into_owned();
                match path.iter().map(String::as_str).collect::<Vec<_>>()[..] {
                    ["feed", "entry", "title"] => entry.0 = text,
                    ["feed", "entry", "updated"] => entry.2 = text,
                    ["feed", "updated"] => feed_updated = text,
                    _ => {}
                }
            }
            Ok(Event::End(e)) => {
                if e.name().as_ref() == b"entry" {
                    entries.push(std::mem::take(&mut entry));
                }
                path.pop();
            }
            Ok(_) => {}
            Err(e) => panic!("malformed feed at {}: {e}", reader.buffer_position()),
        }
    }
    (feed_updated, entries)
}

#[test]
fn the_atom_feed_lists_documents_newest_first() {
    let t = crate::browser::site_with_references();
    let base = "https://user.github.io/compendium/";
    build_at(&t, Some(base));
    let xml = read(&t, "feed.xml");
    assert!(xml.starts_with(
        "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<feed xmlns=\"http://www.w3.org/2005/Atom\""
    ));
    let (updated, entries) = feed_entries(&xml);
    let json: serde_json::Value = serde_json::from_str(&read(&t, "compendium.json")).unwrap();
    let documents = json["documents"].as_array().unwrap();
    assert_eq!(entries.len(), documents.len(), "every document");
    // Newest first, by date; the documents without one after, in reading order.
    let links: Vec<&str> = entries.iter().map(|e| e.1.as_str()).collect();
    let dated = [
        "documents/a-res-80-1/",
        "documents/celebration-du-vingtieme-anniversaire-de-l-adoption-de/",
        "documents/resolution-6-1/",
        "documents/s-res-1373-2001/",
    ];
    for (link, want) in links.iter().zip(dated) {
        assert_eq!(*link, format!("{base}{want}"));
    }
    let undated: Vec<String> = documents
        .iter()
        .filter(|d| d["date"].is_null())
        .map(|d| format!("{base}{}", d["url"].as_str().unwrap()))
        .collect();
    assert_eq!(
        links[dated.len()..],
        undated.iter().map(String::as_str).collect::<Vec<_>>()[..]
    );
    assert_eq!(updated, "2025-09-22T00:00:00Z");
    assert_eq!(entries[0].2, "2025-09-22T00:00:00Z");
    assert_eq!(
        entries[0].0,
        "Rés. 80/1 — Déclaration à l’occasion du quatre-vingtième anniversaire"
    );
    // The same bytes, build after build.
    let again = crate::browser::site_with_references();
    build_at(&again, Some(base));
    assert_eq!(read(&again, "feed.xml"), xml);
}
