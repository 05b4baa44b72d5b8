//! The theme's Tera templates: built in (compiled into the binary) and
//! overridable file by file from `themes/{name}/templates/` of the site.

use anyhow::{anyhow, Result};
use std::path::Path;
use tera::Tera;

/// Built-in templates: (name, source).
pub const BUILTIN: &[(&str, &str)] = &[
    (
        "base.html",
        include_str!("../../themes/default/templates/base.html"),
    ),
    (
        "index.html",
        include_str!("../../themes/default/templates/index.html"),
    ),
    (
        "document.html",
        include_str!("../../themes/default/templates/document.html"),
    ),
    (
        "topic.html",
        include_str!("../../themes/default/templates/topic.html"),
    ),
    (
        "topic_print.html",
        include_str!("../../themes/default/templates/topic_print.html"),
    ),
    (
        "404.html",
        include_str!("../../themes/default/templates/404.html"),
    ),
    (
        "documents.html",
        include_str!("../../themes/default/templates/documents.html"),
    ),
    (
        "macros.html",
        include_str!("../../themes/default/templates/macros.html"),
    ),
    (
        "search.html",
        include_str!("../../themes/default/templates/search.html"),
    ),
    (
        "lineage.html",
        include_str!("../../themes/default/templates/lineage.html"),
    ),
    (
        "compare.html",
        include_str!("../../themes/default/templates/compare.html"),
    ),
];

/// Built-in static assets: (path under the output root, bytes).
pub const ASSETS: &[(&str, &[u8])] = &[
    (
        "assets/style.css",
        include_bytes!("../../themes/default/static/style.css"),
    ),
    (
        "assets/print.css",
        include_bytes!("../../themes/default/static/print.css"),
    ),
    (
        "assets/site.js",
        include_bytes!("../../themes/default/static/site.js"),
    ),
    (
        "assets/favicon.svg",
        include_bytes!("../../themes/default/static/favicon.svg"),
    ),
];

/// Every error in a Tera error chain, on one line each (template name, line).
pub fn tera_error_chain(e: &tera::Error) -> String {
    let mut msg = e.to_string();
    let mut source = std::error::Error::source(e);
    while let Some(s) = source {
        msg.push_str(&format!("\n  {s}"));
        source = s.source();
    }
    msg
}

/// Text made safe for HTML, in an element or a quoted attribute: `&`, `<`,
/// `>`, `"` and `'` escaped. Tera's default also writes `/` as `&#x2F;`,
/// which neither place needs: references (« Rés. 6/1 ») and links stay
/// as written, readable in the page source, and the pages smaller.
pub fn escape_html(text: &str) -> String {
    let special = |c: &u8| matches!(c, b'&' | b'<' | b'>' | b'"' | b'\'');
    let Some(first) = text.as_bytes().iter().position(special) else {
        return text.to_string();
    };
    let mut out = String::with_capacity(text.len() + 16);
    out.push_str(&text[..first]);
    for c in text[first..].chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#x27;"),
            c => out.push(c),
        }
    }
    out
}

/// Load templates: the theme directory's files override the built-in ones.
/// Also returns the names of the templates the theme overrides.
pub fn load_templates(theme_dir: &Path) -> Result<(Tera, Vec<String>)> {
    let mut overridden = Vec::new();
    let mut sources: Vec<(String, String)> = BUILTIN
        .iter()
        .map(|(n, s)| (n.to_string(), s.to_string()))
        .collect();
    let dir = theme_dir.join("templates");
    if dir.is_dir() {
        for entry in walkdir::WalkDir::new(&dir)
            .into_iter()
            .filter_map(|e| e.ok())
        {
            if !entry.file_type().is_file() || entry.path().extension().is_none_or(|x| x != "html")
            {
                continue;
            }
            let name = entry
                .path()
                .strip_prefix(&dir)
                .unwrap()
                .to_string_lossy()
                .replace('\\', "/");
            let text = std::fs::read_to_string(entry.path())
                .map_err(|e| anyhow!("{}: cannot read template: {e}", entry.path().display()))?;
            overridden.push(name.clone());
            match sources.iter_mut().find(|(n, _)| *n == name) {
                Some(slot) => slot.1 = text,
                None => sources.push((name, text)),
            }
        }
    }
    let mut tera = Tera::default();
    tera.autoescape_on(vec![".html"]);
    tera.set_escape_fn(escape_html);
    tera.add_raw_templates(sources.iter().map(|(n, s)| (n.as_str(), s.as_str())))
        .map_err(|e| anyhow!("in theme {}: {}", dir.display(), tera_error_chain(&e)))?;
    for required in [
        "index.html",
        "document.html",
        "topic.html",
        "topic_print.html",
        "404.html",
    ] {
        if tera.get_template(required).is_err() {
            return Err(anyhow!(
                "theme {}: template `{required}` is missing",
                dir.display()
            ));
        }
    }
    Ok((tera, overridden))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn html_escaping_leaves_slashes() {
        assert_eq!(escape_html("Rés. 6/1, OP 3"), "Rés. 6/1, OP 3");
        assert_eq!(
            escape_html(r#"a & b < c > d "e" l'f / g"#),
            "a &amp; b &lt; c &gt; d &quot;e&quot; l&#x27;f / g"
        );
        assert_eq!(escape_html(""), "");
        assert_eq!(escape_html("«&»"), "«&amp;»");
        // What Tera's own escaping gives, `/` aside.
        let text = "<a href='x/y?a=1&b=2'>\"é\"</a>";
        assert_eq!(
            escape_html(text),
            tera::escape_html(text).replace("&#x2F;", "/")
        );
    }

    #[test]
    fn templates_escape_with_it() {
        let (mut tera, _) = load_templates(Path::new("/nonexistent")).unwrap();
        tera.add_raw_template("t.html", "{{ v }}").unwrap();
        let mut ctx = tera::Context::new();
        ctx.insert("v", "6/1 & <b>");
        assert_eq!(tera.render("t.html", &ctx).unwrap(), "6/1 &amp; &lt;b&gt;");
    }
}
