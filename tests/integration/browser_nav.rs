//! Real-browser tests of finding one's way, citing and printing: table of
//! contents, documents index, previous/next, the copy button, print.

use crate::browser::{built_site, driver, Driver};
use crate::common::*;
use serde_json::{json, Value};

fn open(d: &Driver, t: &tempfile::TempDir, path: &str) {
    d.goto(&format!("file://{}/public/{path}", t.path().display()));
}

/// The text the page copies, read back from a stub of the clipboard
/// (file:// pages have no clipboard of their own).
const STUB_CLIPBOARD: &str = "window.__copied = null; Object.defineProperty(navigator, 'clipboard', {configurable: true, value: {writeText: function (t) { window.__copied = t; return Promise.resolve(); }}}); return true";

#[test]
fn the_table_of_contents_jumps_to_paragraphs_and_sections() {
    let Some(d) = driver() else { return };
    let t = built_site();
    open(&d, &t, "documents/resolution-6-1/index.html");
    d.js("[...document.querySelectorAll('.toc-numbers a')].find(a => a.textContent === '5').click(); return true");
    d.wait_js("return location.hash === '#op5'", "the jump to op5");
    let top = d.js("return document.getElementById('op5').getBoundingClientRect().top");
    assert!(top.as_f64().unwrap().abs() < 40.0, "op5 at the top: {top}");
    // A report's section.
    open(&d, &t, "documents/ctoc-cop-2014-2/index.html");
    d.js("document.querySelector('.toc a[href=\"#h-iii-prevention\"]').click(); return true");
    let top =
        d.js("return document.getElementById('h-iii-prevention').getBoundingClientRect().top");
    assert!(
        top.as_f64().unwrap().abs() < 40.0,
        "section III at the top: {top}"
    );
    // And back to the top.
    d.js("document.querySelector('.to-top a').click(); return true");
    d.wait_js("return window.scrollY === 0", "back at the top");
}

fn column(d: &Driver, class: &str) -> Vec<String> {
    let v = d.js(&format!(
        "return [...document.querySelectorAll('.doc-table tbody td.{class}')].map(td => td.textContent.trim())"
    ));
    v.as_array()
        .unwrap()
        .iter()
        .map(|s| s.as_str().unwrap().to_string())
        .collect()
}

#[test]
fn the_documents_index_sorts_by_date_organ_and_kind() {
    let Some(d) = driver() else { return };
    let t = site_copy();
    // Dates to sort by: the seeds state few.
    for (file, date) in [
        ("a-c-3-77-l-2.md", "2022-11-04"),
        ("a-77-464.md", "2022-11-21"),
    ] {
        let path = t.path().join("content").join(file);
        let text = std::fs::read_to_string(&path).unwrap();
        std::fs::write(
            &path,
            text.replacen("date: null", &format!("date: {date}"), 1),
        )
        .unwrap();
    }
    let o = run_in(t.path(), &["build"]);
    assert!(o.status.success(), "{}", stderr(&o));
    open(&d, &t, "documents/index.html");
    assert_eq!(
        d.js("return document.querySelectorAll('.doc-table tbody tr').length"),
        12
    );
    let sort = |key: &str| {
        d.js(&format!(
            "document.querySelector('th[data-key=\"{key}\"] button').click(); return true"
        ));
    };
    let dates = || -> Vec<String> {
        let v = d.js("return [...document.querySelectorAll('.doc-table tbody tr')].map(r => r.getAttribute('data-date'))");
        v.as_array()
            .unwrap()
            .iter()
            .map(|s| s.as_str().unwrap().to_string())
            .collect()
    };
    sort("date");
    assert_eq!(
        d.js("return document.querySelector('th[data-key=\"date\"]').getAttribute('aria-sort')"),
        "ascending"
    );
    let asc = dates();
    assert_eq!(
        &asc[..4],
        ["2012-10-19", "2020-10-16", "2022-11-04", "2022-11-21"],
        "{asc:?}"
    );
    assert!(
        asc[4..].iter().all(|d| d.is_empty()),
        "undated last: {asc:?}"
    );
    sort("date");
    let desc = dates();
    assert_eq!(
        &desc[..4],
        ["2022-11-21", "2022-11-04", "2020-10-16", "2012-10-19"],
        "{desc:?}"
    );
    sort("kind");
    let kinds = column(&d, "c-kind");
    let first_draft = kinds
        .iter()
        .position(|k| k == "Projet de résolution")
        .unwrap();
    let first_report = kinds.iter().position(|k| k == "Rapport").unwrap();
    assert!(
        kinds[..first_draft].iter().all(|k| k == "Résolution"),
        "{kinds:?}"
    );
    assert!(
        kinds[first_report..].iter().all(|k| k == "Rapport"),
        "{kinds:?}"
    );
    sort("organ");
    let organs = column(&d, "c-organ");
    let mut sorted = organs.clone();
    sorted.sort();
    assert_eq!(organs, sorted);
    assert_ne!(organs.first(), organs.last());
    // Every row still links to its document.
    d.js("document.querySelector('.doc-table tbody tr a').click(); return true");
    d.wait_js(
        "return !!document.querySelector('article .doc-header h1')",
        "a document page",
    );
}

#[test]
fn previous_and_next_lead_through_the_documents() {
    let Some(d) = driver() else { return };
    let t = built_site();
    open(&d, &t, "documents/resolution-6-1/index.html");
    let label = d.js("return document.querySelector('a[rel=next]').textContent");
    assert!(
        label.as_str().unwrap().contains("Document suivant"),
        "{label}"
    );
    d.js("document.querySelector('a[rel=next]').click(); return true");
    d.wait_js(
        "return location.href.includes('/a-77-464/')",
        "the next document",
    );
    let back = d.js("return document.querySelector('a[rel=prev]').getAttribute('href')");
    assert!(back.as_str().unwrap().contains("resolution-6-1"), "{back}");
}

#[test]
fn the_copy_button_copies_a_reference_and_says_so() {
    let Some(d) = driver() else { return };
    let t = site_copy();
    let o = run_in(
        t.path(),
        &["build", "--base-url", "https://user.github.io/compendium/"],
    );
    assert!(o.status.success(), "{}", stderr(&o));
    open(&d, &t, "documents/resolution-6-1/index.html");
    d.js(STUB_CLIPBOARD);
    d.js("document.querySelector('#op5 .copyref').click(); return true");
    let copied = d.wait_js("return window.__copied", "the copied text");
    assert_eq!(
        copied,
        "résolution 6/1 de la Conférence des Parties, par. 5 (https://user.github.io/compendium/documents/resolution-6-1/#op5)"
    );
    let tip = d.wait_js("var s = document.querySelector('#op5 .copied'); return s && s.offsetWidth > 0 && s.textContent", "visible feedback");
    assert_eq!(tip, "Copié");
    let said = d.js("return document.querySelector('[role=status]').textContent");
    assert!(said.as_str().unwrap().starts_with("Copié"), "{said}");
    d.js(STUB_CLIPBOARD);
    d.js("document.querySelector('#pp3 .copyref').click(); return true");
    let copied = d.wait_js("return window.__copied", "the copied text");
    assert!(
        copied.as_str().unwrap().starts_with(
            "résolution 6/1 de la Conférence des Parties, 3e alinéa du préambule (https://"
        ),
        "{copied}"
    );
    // Keyboard: one tab stop a paragraph, the arrow keys within.
    let stops = d.js("return [...document.querySelectorAll('#op5 .tools a, #op5 .tools button')].filter(e => e.tabIndex >= 0).length");
    assert_eq!(stops, 1);
    d.js("var a = document.querySelector('#op5 .permalink'); a.focus(); a.dispatchEvent(new KeyboardEvent('keydown', {key: 'ArrowRight', bubbles: true})); return true");
    assert_eq!(d.js("return document.activeElement.className"), "copyref");
    assert_eq!(
        d.js("return document.querySelector('#op5 .permalink').tabIndex"),
        -1
    );
    // Under file:// with no absolute base_url, the page's own address.
    let t2 = built_site();
    open(&d, &t2, "documents/resolution-6-1/index.html");
    d.js(STUB_CLIPBOARD);
    d.js("document.querySelector('#op5 .copyref').click(); return true");
    let copied = d.wait_js("return window.__copied", "the copied text");
    assert!(
        copied
            .as_str()
            .unwrap()
            .ends_with("/public/documents/resolution-6-1/index.html#op5)"),
        "{copied}"
    );
}

/// The page's layout under print media (emulated through ChromeDriver's
/// DevTools endpoint), and the PDF Chromium prints of it.
fn print_media(d: &Driver, on: bool) {
    d.cmd(
        "POST",
        "goog/cdp/execute",
        Some(json!({"cmd": "Emulation.setEmulatedMedia", "params": {"media": if on { "print" } else { "" }}})),
    );
}

fn pdf_of(d: &Driver) -> Vec<u8> {
    let v = d.cmd(
        "POST",
        "goog/cdp/execute",
        Some(json!({"cmd": "Page.printToPDF", "params": {"preferCSSPageSize": true}})),
    );
    let b64 = v["data"].as_str().expect("a PDF");
    base64_decode(b64)
}

fn base64_decode(s: &str) -> Vec<u8> {
    let table = |c: u8| -> Option<u32> {
        Some(match c {
            b'A'..=b'Z' => c - b'A',
            b'a'..=b'z' => c - b'a' + 26,
            b'0'..=b'9' => c - b'0' + 52,
            b'+' => 62,
            b'/' => 63,
            _ => return None,
        } as u32)
    };
    let mut out = Vec::with_capacity(s.len() * 3 / 4);
    let (mut acc, mut bits) = (0u32, 0);
    for v in s.bytes().filter_map(table) {
        acc = (acc << 6) | v;
        bits += 6;
        if bits >= 8 {
            bits -= 8;
            out.push((acc >> bits) as u8);
        }
    }
    out
}

/// The page sizes of a PDF, in points.
fn media_boxes(pdf: &[u8]) -> Vec<(f64, f64)> {
    let text = String::from_utf8_lossy(pdf);
    text.split("/MediaBox")
        .skip(1)
        .filter_map(|s| {
            let inner = &s[s.find('[')? + 1..s.find(']')?];
            let n: Vec<f64> = inner
                .split_whitespace()
                .filter_map(|x| x.parse().ok())
                .collect();
            (n.len() == 4).then(|| (n[2] - n[0], n[3] - n[1]))
        })
        .collect()
}

#[test]
fn documents_print_on_a4_without_dead_items() {
    let Some(d) = driver() else { return };
    let t = built_site();
    open(
        &d,
        &t,
        "documents/celebration-du-vingtieme-anniversaire-de-l-adoption-de/index.html",
    );
    assert_eq!(
        d.js("return getComputedStyle(document.querySelector('.print-cite')).display"),
        "none",
        "on screen"
    );
    print_media(&d, true);
    assert_eq!(d.js("return matchMedia('print').matches"), true);
    for hidden in [
        ".tools",
        ".breadcrumb",
        ".toc",
        ".prevnext",
        ".site-header",
        "dd.akn",
        ".backref",
        ".to-top",
    ] {
        let shown = d.js(&format!(
            "var e = document.querySelector('{hidden}'); return e && getComputedStyle(e).display"
        ));
        assert_eq!(shown, "none", "{hidden} in print");
    }
    assert_eq!(
        d.js("return getComputedStyle(document.querySelector('.print-cite')).display"),
        "block"
    );
    let printed = d.js("return document.querySelector('.print-cite .printed').hidden === false && document.querySelector('.print-date').textContent");
    assert!(
        printed.as_str().is_some_and(|s| s.len() > 6),
        "print date: {printed}"
    );
    // Hanging numbers: the number ends before its text begins.
    for id in ["pp10", "op1", "op12a"] {
        let gap = d.js(&format!("var p = document.getElementById('{id}'); return p.querySelector('.text').getBoundingClientRect().left - p.querySelector('.num').getBoundingClientRect().right"));
        assert!(
            gap.as_f64().unwrap() > 2.0,
            "{id}: number glued to its text ({gap})"
        );
    }
    let pdf = pdf_of(&d);
    let pages = media_boxes(&pdf);
    assert!(pages.len() >= 2, "{pages:?}");
    for (w, h) in &pages {
        assert!(
            (w - 595.0).abs() < 2.0 && (h - 842.0).abs() < 2.0,
            "A4 pages: {pages:?}"
        );
    }
    print_media(&d, false);
}

#[test]
fn the_topic_print_view_is_compact_and_prints_from_a_button() {
    let Some(d) = driver() else { return };
    let t = built_site();
    open(&d, &t, "topics/cybercrime/print/index.html");
    let button = d.js("var b = document.querySelector('.print-tools button'); return b && b.offsetWidth > 0 && b.textContent");
    assert_eq!(button, "Imprimer");
    let back = d.js("return document.querySelector('.print-tools a').getAttribute('href')");
    assert_eq!(back, "../index.html");
    let listed = d.js("return document.querySelectorAll('.print-toc li').length");
    let sections = d.js("return document.querySelectorAll('.print-doc').length");
    assert_eq!(listed, sections);
    assert!(sections.as_u64().unwrap() >= 3, "{sections}");
    print_media(&d, true);
    assert_eq!(
        d.js("return getComputedStyle(document.querySelector('.print-tools')).display"),
        "none"
    );
    let pages = media_boxes(&pdf_of(&d));
    assert!((pages[0].0 - 595.0).abs() < 2.0, "{pages:?}");
    // Compact: fewer pages than with a page break before every document.
    d.js("var s = document.createElement('style'); s.textContent = '.print-doc { break-before: page !important; }'; document.head.appendChild(s); return true");
    let broken = media_boxes(&pdf_of(&d));
    assert!(
        pages.len() < broken.len(),
        "{} pages, {} with a break before each document",
        pages.len(),
        broken.len()
    );
    print_media(&d, false);
}

#[test]
fn phones_get_a_compact_header_contrast_and_targets_to_touch() {
    let Some(d) = driver() else { return };
    let t = built_site();
    d.cmd(
        "POST",
        "window/rect",
        Some(json!({"width": 390, "height": 844})),
    );
    open(&d, &t, "documents/resolution-6-1/index.html");
    let (vw, header) = (
        d.js("return window.innerWidth").as_f64().unwrap(),
        d.js("return document.querySelector('.site-header').getBoundingClientRect().height")
            .as_f64()
            .unwrap(),
    );
    assert!(vw < 450.0, "a phone's width: {vw}");
    assert!(header < 844.0 * 0.16, "header {header} px high");
    let small: Value = d.js("return [...document.querySelectorAll('.para .tools a, .para .tools button, .badge, .topic-nav a')].map(e => e.getBoundingClientRect()).filter(r => r.width > 0 && (r.width < 24 || r.height < 24)).length");
    assert_eq!(small, 0, "touch targets under 24 px");
    // Preambular numbers readable: contrast at least 4.5:1.
    let ratio = d.js("function lum(c) { var v = c.match(/\\d+/g).slice(0, 3).map(Number).map(x => { x /= 255; return x <= 0.03928 ? x / 12.92 : Math.pow((x + 0.055) / 1.055, 2.4); }); return 0.2126 * v[0] + 0.7152 * v[1] + 0.0722 * v[2]; } var n = document.querySelector('.para.preamble .num'); var a = lum(getComputedStyle(n).color), b = lum('rgb(255, 255, 255)'); return (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05)");
    assert!(ratio.as_f64().unwrap() >= 4.5, "contrast {ratio}");
    d.cmd(
        "POST",
        "window/rect",
        Some(json!({"width": 1280, "height": 1000})),
    );
}
