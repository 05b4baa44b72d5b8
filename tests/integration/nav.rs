//! Finding one's way and citing, in the built HTML: tables of contents, the
//! documents index, previous/next, dates as written, references in the
//! site's conventions, links to the official documents, print.

use crate::common::*;
use std::path::Path;

/// A Security Council resolution in English, beside the French seeds.
const SC_1373: &str = "---
title: Threats to international peace and security caused by terrorist acts
kind: resolution
body: The Security Council
number: 1373 (2001)
symbol: S/RES/1373 (2001)
date: 2001-09-28
language: en
slug: s-res-1373-2001
---

Reaffirming its resolutions 1269 (1999) of 19 October 1999 and 1368 (2001) of 12 September 2001,

Deeply concerned by the increase, in various regions of the world, of acts of terrorism,

1. Decides that all States shall:

a) Prevent and suppress the financing of terrorist acts;

2. Calls upon all States to work together urgently;
";

fn build(t: &Path, args: &[&str]) {
    let mut all = vec!["build"];
    all.extend_from_slice(args);
    let o = run_in(t, &all);
    assert!(o.status.success(), "{}", stderr(&o));
}

fn page(t: &Path, path: &str) -> String {
    std::fs::read_to_string(t.join("public").join(path)).unwrap()
}

fn english(t: &Path) {
    let cfg = std::fs::read_to_string(t.join("site.yaml"))
        .unwrap()
        .replace("language: fr", "language: en");
    std::fs::write(t.join("site.yaml"), cfg).unwrap();
}

/// The ids of a page, and the `#fragment` links that must find one.
fn ids(html: &str) -> Vec<String> {
    html.split(" id=\"")
        .skip(1)
        .map(|s| s[..s.find('"').unwrap()].to_string())
        .collect()
}

#[test]
fn a_long_resolution_has_a_table_of_contents_that_jumps_to_its_paragraphs() {
    let t = site_copy();
    build(t.path(), &[]);
    let html = page(t.path(), "documents/resolution-6-1/index.html");
    let toc = &html[html
        .find("<nav class=\"toc\"")
        .expect("a table of contents")..];
    let toc = &toc[..toc.find("</nav>").unwrap()];
    assert!(toc.contains(">Sommaire</h2>"), "{toc}");
    assert!(toc.contains("<a href=\"#pp1\">Préambule</a>"), "{toc}");
    assert!(toc.contains("<a href=\"#op1\">Dispositif</a>"), "{toc}");
    assert!(toc.contains("<li><a href=\"#op5\">5</a></li>"), "{toc}");
    let page_ids = ids(&html);
    for href in toc.split("href=\"#").skip(1) {
        let id = &href[..href.find('"').unwrap()];
        assert!(page_ids.iter().any(|i| i == id), "#{id} is on the page");
    }
    // A report: its sections, with the paragraphs each spans.
    let report = page(t.path(), "documents/ctoc-cop-2014-2/index.html");
    assert!(report.contains(
        "<a href=\"#h-i-introduction\">I. Introduction</a> <span class=\"range\">par. 1–"
    ));
    // A short draft needs none; every page can go back to the top.
    let short = page(t.path(), "documents/a-c-3-77-l-2/index.html");
    assert!(!short.contains("class=\"toc\""));
    assert!(short.contains("<a href=\"#top\">Haut de page</a>"));
    assert!(short.contains("id=\"top\""));
}

#[test]
fn the_documents_index_lists_every_document_and_every_page_links_to_it() {
    let t = site_copy();
    std::fs::write(t.path().join("content/s-res-1373-2001.md"), SC_1373).unwrap();
    build(t.path(), &[]);
    let index = page(t.path(), "documents/index.html");
    assert_eq!(index.matches("<tr id=\"d-").count(), 13, "every document");
    assert!(index.contains("<html lang=\"fr\">"));
    let row = &index[index.find("<tr id=\"d-s-res-1373-2001\"").unwrap()..];
    let row = &row[..row.find("</tr>").unwrap()];
    for cell in [
        "href=\"../documents/s-res-1373-2001/index.html\" lang=\"en\">Threats to international peace",
        "<td class=\"c-symbol\">S/RES/1373 (2001)</td>",
        "<td class=\"c-number\">1373 (2001)</td>",
        "<td class=\"c-kind\">Résolution</td>",
        "<td class=\"c-organ\">Conseil de sécurité</td>",
        "<time datetime=\"2001-09-28\">28 September 2001</time>",
        "data-date=\"2001-09-28\"",
    ] {
        assert!(row.contains(cell), "{cell} in {row}");
    }
    // The header of every page, and the way up from a document.
    for (path, link) in [
        ("index.html", "href=\"documents/index.html\""),
        (
            "topics/corruption/index.html",
            "href=\"../../documents/index.html\"",
        ),
        (
            "documents/a-77-464/index.html",
            "href=\"../../documents/index.html\"",
        ),
        ("documents/index.html", "href=\"../documents/index.html\""),
        ("404.html", "href=\"/documents/index.html\""),
    ] {
        let html = page(t.path(), path);
        assert!(
            html.contains(&format!(
                "<li class=\"nav-documents\"><a {link}>Documents</a>"
            )),
            "{path}"
        );
    }
    let draft = page(t.path(), "documents/a-c-3-77-l-2/index.html");
    let crumbs = &draft[draft.find("<nav class=\"breadcrumb\"").unwrap()..];
    let crumbs = &crumbs[..crumbs.find("</nav>").unwrap()];
    assert!(
        crumbs.contains("<a href=\"../../documents/index.html\">Documents</a>"),
        "{crumbs}"
    );
    assert!(
        crumbs.contains("<a href=\"../../documents/a-77-464/index.html\">A/77/464</a>"),
        "{crumbs}"
    );
    assert!(
        crumbs.contains("<li aria-current=\"page\">A/C.3/77/L.2</li>"),
        "{crumbs}"
    );
    let o = run_in(t.path(), &["check"]);
    assert!(o.status.success(), "{}{}", stdout(&o), stderr(&o));
}

#[test]
fn documents_show_who_they_are_as_readers_cite_them() {
    let t = site_copy();
    std::fs::write(t.path().join("content/s-res-1373-2001.md"), SC_1373).unwrap();
    build(t.path(), &[]);
    let home = page(t.path(), "index.html");
    assert!(
        home.contains("<span class=\"ident\">Rés. 6/1</span>"),
        "number first"
    );
    assert!(
        home.contains("<span class=\"ident\">A/C.3/77/L.2</span>"),
        "symbol first"
    );
    assert!(home.contains("<time datetime=\"2012-10-19\">19 octobre 2012</time>"));
    let res = page(t.path(), "documents/resolution-6-1/index.html");
    assert!(res
        .contains("<span class=\"kind\">Résolution</span> <strong class=\"number\">6/1</strong>"));
    assert!(res.contains(">19 octobre 2012</time>"));
    assert!(!res.contains("sources/"), "no internal source path");
    // The report: its symbol, the official document, its drafts' symbols.
    let report = page(t.path(), "documents/a-77-464/index.html");
    assert!(
        report.contains("<h1>A/77/464</h1>"),
        "no title: it goes by its symbol"
    );
    let draft = page(t.path(), "documents/a-c-3-77-l-2/index.html");
    assert!(draft.contains("<strong class=\"symbol\">A/C.3/77/L.2</strong>"));
    assert!(report.contains("<a class=\"undocs\" href=\"https://undocs.org/fr/A/77/464\">"));
    assert!(report.contains("<span class=\"ident\">A/C.3/77/L.11/Rev.1</span> "));
    // An English text: its dates in English, its language marked, the
    // official document in English.
    let sc = page(t.path(), "documents/s-res-1373-2001/index.html");
    assert!(sc.contains("<time datetime=\"2001-09-28\" lang=\"en\">28 September 2001</time>"));
    assert!(sc.contains("<div class=\"text\" lang=\"en\">"));
    assert!(sc.contains("<h1 lang=\"en\">"));
    assert!(sc.contains("href=\"https://undocs.org/en/S/RES/1373%20(2001)\""));
    assert!(sc.contains("data-cite=\"résolution 1373 (2001) du Conseil de sécurité, par. 1\""));
    assert!(sc.contains("data-cite=\"résolution 1373 (2001) du Conseil de sécurité, par. 1 a)\""));
    // The French texts are in the interface's language: no `lang` on them.
    assert!(res.contains("<div class=\"text\">"));
    // Labelled previous and next documents.
    let prev = &res[res.find("rel=\"prev\"").expect("a previous document")..];
    assert!(prev.starts_with("rel=\"prev\" href=\"../../documents/celebration-du-vingtieme-anniversaire-de-l-adoption-de/index.html\"><span class=\"dir\">← Document précédent</span> <span class=\"ident\">Rés. 10/4</span> <span class=\"t\">Célébration"), "{}", &prev[..300]);
    let next = &res[res.find("rel=\"next\"").expect("a next document")..];
    assert!(next.contains(
        "<span class=\"dir\">Document suivant →</span> <span class=\"t\">A/77/464</span>"
    ));
}

#[test]
fn paragraphs_are_cited_in_the_conventions_of_the_site_language() {
    let t = site_copy();
    build(t.path(), &[]);
    let res = page(t.path(), "documents/resolution-6-1/index.html");
    assert!(res.contains("data-cite=\"résolution 6/1 de la Conférence des Parties, par. 5\""));
    assert!(res.contains(
        "data-cite=\"résolution 6/1 de la Conférence des Parties, 3e alinéa du préambule\""
    ));
    assert!(res.contains("aria-label=\"Lien vers le par. 5\">¶</a>"));
    assert!(res.contains("aria-label=\"Lien vers le 1er alinéa du préambule\">¶</a>"));
    // One tab stop for a paragraph's tools: the copy button is reached
    // from the permalink by the arrow keys.
    assert!(res.contains("<button type=\"button\" class=\"copyref\" tabindex=\"-1\""));
    assert!(res.contains("<span class=\"tools\" role=\"toolbar\""));
    // UN typography: the opening participle and verb in italics, once.
    assert!(res.contains("<p class=\"text\"><em>Rappelant</em> sa résolution 5/1"));
    assert!(res.contains("<p class=\"text\"><em>Notant avec satisfaction</em> la création"));
    assert!(res.contains("<p class=\"text\"><em>Note avec satisfaction</em> que le nombre"));
    assert!(!res.contains("<em><em>"));
    let report = page(t.path(), "documents/a-77-464/index.html");
    assert!(
        !report.contains("<p class=\"text\"><em>"),
        "no italics in a report"
    );
    // The same in English.
    english(t.path());
    build(t.path(), &[]);
    let res = page(t.path(), "documents/resolution-6-1/index.html");
    assert!(res.contains("data-cite=\"Conference of the Parties resolution 6/1, para. 5\""));
    assert!(res.contains(
        "data-cite=\"Conference of the Parties resolution 6/1, third preambular paragraph\""
    ));
    assert!(res.contains("aria-label=\"Link to para. 5\">¶</a>"));
    assert!(
        res.contains("<div class=\"text\" lang=\"fr\">"),
        "French text, English interface"
    );
    assert!(res.contains("<time datetime=\"2012-10-19\" lang=\"fr\">19 octobre 2012</time>"));
    let draft = page(t.path(), "documents/a-c-3-77-l-2/index.html");
    assert!(draft.contains("data-cite=\"draft resolution A/C.3/77/L.2, para. 1\""));
}

#[test]
fn printed_pages_say_what_they_are_and_where_they_live() {
    let t = site_copy();
    build(
        t.path(),
        &["--base-url", "https://user.github.io/compendium/"],
    );
    let css = page(t.path(), "assets/print.css");
    assert!(css.contains("size: A4;"));
    assert!(css.contains("counter(page)"));
    let res = page(t.path(), "documents/resolution-6-1/index.html");
    assert!(res.contains("<style media=\"print\">@page { @top-left { content: \"Rés. 6/1\"; } @top-right { content: \"Compendium : criminalité transnationale organisée\"; } @bottom-left { content: \"https://user.github.io/compendium/documents/resolution-6-1/\"; } }</style>"));
    let cite = &res[res.find("<div class=\"print-cite\">").unwrap()..];
    assert!(cite.contains(
        "<span class=\"label\">Citer\u{a0}:</span> résolution 6/1 de la Conférence des Parties</p>"
    ));
    assert!(cite.contains("<span class=\"page-url\">https://user.github.io/compendium/documents/resolution-6-1/</span>"));
    assert!(cite
        .contains("<p class=\"printed\" hidden>Imprimé le <span class=\"print-date\"></span></p>"));
    // Dead items hidden in print.
    for hidden in [
        ".tools",
        ".akn",
        ".backref",
        ".breadcrumb",
        ".toc",
        ".prevnext",
    ] {
        let rule = &css[..css.find("{ display: none !important; }").unwrap()];
        assert!(rule.contains(hidden), "{hidden} hidden in print");
    }
    // The topic print view: compact, its documents listed first, a print
    // button and a way back on screen.
    let print = page(t.path(), "topics/trafficking/print/index.html");
    assert!(print.contains("<a href=\"../index.html\">← Retour au thème</a> <button type=\"button\" onclick=\"window.print()\">Imprimer</button>"));
    let toc = &print[print
        .find("<ol class=\"print-toc\">")
        .expect("documents included")..];
    let toc = &toc[..toc.find("</ol>").unwrap()];
    assert!(
        toc.contains(
            "<a href=\"#doc-resolution-6-1\"><span class=\"ident\">Rés. 6/1</span> — Assurer"
        ),
        "{toc}"
    );
    for href in toc.split("href=\"#").skip(1) {
        let id = &href[..href.find('"').unwrap()];
        assert!(print.contains(&format!("id=\"{id}\"")), "#{id}");
    }
    assert!(
        !css.contains("break-before: page"),
        "no page break before every document"
    );
    assert!(print.contains("<strong>résolution 6/1 de la Conférence des Parties, 5e alinéa du préambule</strong> — <a class=\"url\" href=\"https://user.github.io/compendium/documents/resolution-6-1/#pp5\">"));
}

/// What readers print cannot run script: a document's reference goes into
/// a `<style>` element, escaped for CSS.
#[test]
fn running_headers_cannot_close_their_style_element() {
    let t = site_copy();
    std::fs::write(
        t.path().join("content/zz-style.md"),
        "---\nkind: report\nsymbol: \"A/1</style><script>window.pwned=1</script>\\\"x\"\ntitle: t\n---\n\n1. Texte.\n",
    )
    .unwrap();
    build(t.path(), &[]);
    let html = page(t.path(), "documents/zz-style/index.html");
    let style = &html[html.find("<style media=\"print\">").unwrap()..];
    let style = &style[..style.find("</style>").unwrap()];
    assert!(
        style.contains("A/1\\3c /style\\3e \\3c script\\3e window.pwned=1\\3c /script\\3e \\22 x"),
        "{style}"
    );
    assert!(!html.contains("<script>window.pwned"));
}
