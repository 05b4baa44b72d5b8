//! `sitemap.xml` of every HTML page, with absolute URLs.

/// The sitemap of a site whose files are `paths` (sorted).
pub fn sitemap(paths: &[String], base: &str) -> String {
    let mut s = String::from("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n");
    for path in paths {
        // (Not the print views, nor the search page: it lists nothing
        // without a query.)
        if !path.ends_with("index.html") || path.contains("/print/") || path.starts_with("search/")
        {
            continue;
        }
        let pretty = path.trim_end_matches("index.html");
        s.push_str(&format!(
            "  <url><loc>{}{}</loc></url>\n",
            xml_escape(base),
            xml_escape(pretty)
        ));
    }
    s.push_str("</urlset>\n");
    s
}

fn xml_escape(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}
