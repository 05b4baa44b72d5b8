//! The built-in theme's hot loops, rendered natively.
//!
//! A document page holds dozens of paragraphs and a topic page thousands;
//! walking them through Tera (a context lookup and an escape per field)
//! was most of the render time. For the built-in templates these functions
//! produce exactly what the template loops would (a test renders the seeds
//! both ways and compares the bytes). A theme that overrides
//! `document.html`, `macros.html`, `topic.html` or `topic_print.html` gets
//! its own template run instead: nothing is lost, it is only slower.

use super::templates::escape_html as esc;
use super::views::{Block, ParaView, TopicGroup};

/// Which loops may be rendered natively: those whose templates the theme
/// leaves built in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Native {
    pub document: bool,
    pub topic: bool,
    pub topic_print: bool,
}

impl Native {
    pub const NONE: Native = Native {
        document: false,
        topic: false,
        topic_print: false,
    };

    /// Native loops for the templates not in `overridden`.
    pub fn unless_overridden(overridden: &[String]) -> Native {
        let has = |n: &str| overridden.iter().any(|o| o == n);
        Native {
            document: !has("document.html") && !has("macros.html"),
            topic: !has("topic.html"),
            topic_print: !has("topic_print.html"),
        }
    }
}

/// `macros.html`, `paragraph`.
fn paragraph(out: &mut String, p: &ParaView, root: &str, copy: &str) {
    let id = esc(&p.id);
    let reference = esc(&p.reference);
    out.push_str("<div class=\"para ");
    out.push_str(&esc(p.kind));
    out.push_str("\" id=\"");
    out.push_str(&id);
    out.push_str("\" data-ref=\"");
    out.push_str(&reference);
    out.push_str("\" data-cite=\"");
    out.push_str(&esc(&p.cite));
    out.push_str("\"><span class=\"num\">");
    out.push_str(&esc(&p.label));
    out.push_str("</span><p class=\"text\">");
    out.push_str(&p.html);
    out.push_str("</p><span class=\"tools\" role=\"toolbar\" aria-label=\"");
    out.push_str(&reference);
    out.push_str("\"><a class=\"permalink\" href=\"#");
    out.push_str(&id);
    out.push_str("\" title=\"");
    out.push_str(&reference);
    out.push_str("\" aria-label=\"");
    out.push_str(&esc(&p.link_label));
    out.push_str("\">¶</a><button type=\"button\" class=\"copyref\" tabindex=\"-1\" aria-label=\"");
    out.push_str(&esc(copy));
    out.push_str("\"></button></span>");
    if !p.topics.is_empty() {
        out.push_str("<span class=\"badges\">");
        let root = esc(root);
        for t in &p.topics {
            out.push_str("<a class=\"badge topic-");
            out.push_str(&esc(&t.id));
            out.push_str("\" href=\"");
            out.push_str(&root);
            out.push_str(&esc(&t.path));
            out.push_str("\">");
            out.push_str(&esc(&t.label));
            out.push_str("</a>");
        }
        out.push_str("</span>");
    }
    out.push_str(&p.lineage);
    out.push_str("</div>\n");
}

/// `document.html`: the loop over the document's blocks.
pub fn document_blocks(blocks: &[Block], root: &str, copy: &str) -> String {
    let mut out = String::with_capacity(blocks.len() * 1024);
    for b in blocks {
        if b.part.as_deref().is_some_and(|p| !p.is_empty()) {
            out.push_str("<hr class=\"part-divider\" aria-hidden=\"true\">\n");
        }
        if let Some(h) = &b.heading {
            let level = h.level.to_string();
            out.push_str("<h");
            out.push_str(&level);
            out.push_str(" id=\"");
            out.push_str(&esc(&h.id));
            out.push_str("\">");
            out.push_str(&esc(&h.text));
            out.push_str("</h");
            out.push_str(&level);
            out.push_str(">\n");
        }
        if let Some(p) = &b.para {
            paragraph(&mut out, p, root, copy);
        }
    }
    out
}

/// `" · value"` when the value is there (a template's `{% if v %}`).
fn dot(out: &mut String, v: Option<&str>, sep: &str) {
    if let Some(v) = v.filter(|v| !v.is_empty()) {
        out.push_str(sep);
        out.push_str(&esc(v));
    }
}

/// `topic.html`: one document's group of paragraphs.
pub fn topic_group(out: &mut String, g: &TopicGroup, root: &str) {
    let root = esc(root);
    let path = esc(&g.doc.path);
    out.push_str("<section class=\"topic-group\"");
    if let Some(date) = g.doc.date.as_deref().filter(|d| !d.is_empty()) {
        out.push_str(" data-date=\"");
        out.push_str(&esc(date));
        out.push('"');
    }
    out.push_str(">\n<h2><a href=\"");
    out.push_str(&root);
    out.push_str(&path);
    out.push_str("\">");
    out.push_str(&esc(&g.doc.title));
    out.push_str("</a></h2>\n<p class=\"meta\">");
    out.push_str(&esc(&g.doc.kind_label));
    dot(out, g.doc.body.as_deref(), " · ");
    dot(out, g.doc.symbol.as_deref(), " · ");
    out.push_str("</p>\n");
    for p in &g.items {
        out.push_str("<div class=\"hit\"><p class=\"ref\"><a href=\"");
        out.push_str(&root);
        out.push_str(&path);
        out.push('#');
        out.push_str(&esc(&p.anchor));
        out.push_str("\">« ");
        out.push_str(&esc(&p.reference));
        out.push_str(" »</a></p><p class=\"text\">");
        out.push_str(&p.html);
        out.push_str("</p></div>\n");
    }
    out.push_str("</section>\n");
}

/// `topic_print.html`: one document's group of paragraphs and notes.
pub fn print_group(out: &mut String, g: &TopicGroup) {
    out.push_str("<section class=\"print-doc\" id=\"doc-");
    out.push_str(&esc(&g.doc.slug));
    out.push_str("\">\n<h2>");
    out.push_str(&esc(&g.doc.title));
    out.push_str("</h2>\n<p class=\"meta\">");
    out.push_str(&esc(&g.doc.kind_label));
    dot(out, g.doc.number.as_deref(), " ");
    dot(out, g.doc.body.as_deref(), " · ");
    dot(out, g.doc.symbol.as_deref(), " · ");
    dot(out, g.doc.date_text.as_deref(), " · ");
    out.push_str("</p>\n");
    for p in &g.items {
        let url = esc(&p.url);
        out.push_str("<div class=\"hit\" id=\"");
        out.push_str(&esc(&p.id));
        out.push_str("\"><p class=\"ref\"><strong>");
        out.push_str(&esc(&p.cite));
        out.push_str("</strong> — <a class=\"url\" href=\"");
        out.push_str(&url);
        out.push_str("\">");
        out.push_str(&url);
        out.push_str("</a></p><p class=\"text\">");
        out.push_str(&p.html);
        out.push_str("</p></div>\n");
    }
    if !g.notes.is_empty() {
        out.push_str("<ol class=\"footnotes\">");
        for n in &g.notes {
            out.push_str("<li id=\"");
            out.push_str(&esc(&n.id));
            out.push_str("\"><span class=\"marker\">");
            out.push_str(&esc(&n.marker));
            out.push_str("</span> ");
            out.push_str(&n.html);
            out.push_str("</li>");
        }
        out.push_str("</ol>\n");
    }
    out.push_str("</section>\n");
}

/// A topic page's groups; `no_paragraphs` when there are none.
pub fn topic_groups(groups: &[TopicGroup], root: &str, no_paragraphs: &str) -> String {
    let mut out = String::new();
    for g in groups {
        topic_group(&mut out, g, root);
    }
    if groups.is_empty() {
        out.push_str("<p>");
        out.push_str(&esc(no_paragraphs));
        out.push_str("</p>\n");
    }
    out
}

/// A print view's groups.
pub fn print_groups(groups: &[TopicGroup]) -> String {
    let mut out = String::new();
    for g in groups {
        print_group(&mut out, g);
    }
    out
}
