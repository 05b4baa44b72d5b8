//! Real-browser tests: headless Chromium driven over WebDriver (ChromeDriver).
//!
//! Skipped with a message when Chromium or ChromeDriver is missing, except
//! under CI (`CI` set), where `.ci/run` installs them and a skip would hide
//! a broken install.

use crate::common::*;
use crate::serve::{start, wait_for};
use serde_json::{json, Value};
use std::io::{Read, Write};
use std::net::TcpStream;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

pub(crate) struct Driver {
    child: Child,
    port: u16,
    session: String,
}

impl Drop for Driver {
    fn drop(&mut self) {
        let _ = http(
            self.port,
            "DELETE",
            &format!("/session/{}", self.session),
            None,
        );
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// Replace `from` by `to` in `file` (as an editor's save); the text before.
fn replace_in(file: &std::path::Path, from: &str, to: &str) -> String {
    let text = std::fs::read_to_string(file).unwrap();
    assert!(text.contains(from), "{from:?} in {}", file.display());
    std::fs::write(file, text.replace(from, to)).unwrap();
    text
}

fn which(cmd: &str) -> Option<String> {
    std::env::var_os("PATH").and_then(|paths| {
        std::env::split_paths(&paths)
            .map(|p| p.join(cmd))
            .find(|p| p.is_file())
            .map(|p| p.display().to_string())
    })
}

fn http(port: u16, method: &str, path: &str, body: Option<&Value>) -> std::io::Result<Value> {
    let mut s = TcpStream::connect(("127.0.0.1", port))?;
    s.set_read_timeout(Some(Duration::from_secs(60)))?;
    let body = body.map(|b| b.to_string()).unwrap_or_default();
    write!(
        s,
        "{method} {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}",
        body.len()
    )?;
    // Read the head, then exactly the body (ChromeDriver keeps connections open).
    let mut head = Vec::new();
    let mut byte = [0u8; 1];
    while !head.ends_with(b"\r\n\r\n") {
        s.read_exact(&mut byte)?;
        head.push(byte[0]);
    }
    let head = String::from_utf8_lossy(&head).to_lowercase();
    let header = |name: &str| {
        head.lines().find_map(|l| {
            l.strip_prefix(name)
                .map(|v| v.trim_start_matches(':').trim().to_string())
        })
    };
    let body = if let Some(len) = header("content-length") {
        let mut b = vec![0u8; len.parse().unwrap_or(0)];
        s.read_exact(&mut b)?;
        b
    } else if header("transfer-encoding").is_some_and(|v| v.contains("chunked")) {
        let mut out = Vec::new();
        loop {
            let mut line = Vec::new();
            while !line.ends_with(b"\r\n") {
                s.read_exact(&mut byte)?;
                line.push(byte[0]);
            }
            let size =
                usize::from_str_radix(String::from_utf8_lossy(&line).trim(), 16).unwrap_or(0);
            let mut chunk = vec![0u8; size + 2];
            s.read_exact(&mut chunk)?;
            if size == 0 {
                break;
            }
            out.extend_from_slice(&chunk[..size]);
        }
        out
    } else {
        let mut b = Vec::new();
        s.read_to_end(&mut b)?;
        b
    };
    Ok(serde_json::from_slice(&body).unwrap_or(Value::Null))
}

fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

/// Start ChromeDriver and a headless session, or None when unavailable.
pub(crate) fn driver() -> Option<Driver> {
    let (Some(chromium), Some(chromedriver)) = (
        which("chromium").or_else(|| which("chromium-browser")),
        which("chromedriver"),
    ) else {
        if std::env::var_os("CI").is_some() {
            panic!("Chromium/ChromeDriver missing under CI: .ci/run should install them");
        }
        eprintln!("skipped: chromium and chromedriver are not installed");
        return None;
    };
    let port = free_port();
    let child = Command::new(chromedriver)
        .arg(format!("--port={port}"))
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .ok()?;
    let deadline = Instant::now() + Duration::from_secs(30);
    while http(port, "GET", "/status", None)
        .map(|v| v["value"]["ready"] != true)
        .unwrap_or(true)
    {
        assert!(Instant::now() < deadline, "chromedriver did not start");
        std::thread::sleep(Duration::from_millis(100));
    }
    let profile = tempfile::tempdir().unwrap().keep();
    let caps = json!({"capabilities": {"alwaysMatch": {
        "browserName": "chrome",
        "goog:chromeOptions": {
            "binary": chromium,
            "args": ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
                     "--disable-background-networking", "--disable-component-update", "--disable-sync",
                     "--disable-dev-shm-usage", "--window-size=1280,1000",
                     format!("--user-data-dir={}", profile.display())]
        }
    }}});
    let v = http(port, "POST", "/session", Some(&caps)).unwrap();
    let session = v["value"]["sessionId"]
        .as_str()
        .unwrap_or_else(|| panic!("no session: {v}"))
        .to_string();
    Some(Driver {
        child,
        port,
        session,
    })
}

impl Driver {
    pub(crate) fn cmd(&self, method: &str, what: &str, body: Option<Value>) -> Value {
        let v = http(
            self.port,
            method,
            &format!("/session/{}/{what}", self.session),
            body.as_ref(),
        )
        .unwrap();
        v["value"].clone()
    }
    pub(crate) fn goto(&self, url: &str) {
        self.cmd("POST", "url", Some(json!({ "url": url })));
    }
    /// Type `q` into the search box, as a user would (the box searches on
    /// `input`).
    fn search(&self, q: &str) {
        self.js(&format!(
            "var i = document.getElementById('search-input'); i.focus(); i.value = {}; i.dispatchEvent(new Event('input')); return true",
            serde_json::to_string(q).unwrap()
        ));
    }
    /// Open `path` (under the site's base) on the server, and wait for its
    /// live-reload client.
    fn open_served(&self, srv: &crate::serve::Server, path: &str) {
        self.goto(&format!("http://127.0.0.1:{}{}{path}", srv.port, srv.base));
        self.wait_js(
            "return window.compendiumLiveReload === true",
            "live-reload client",
        );
    }
    pub(crate) fn js(&self, script: &str) -> Value {
        self.cmd(
            "POST",
            "execute/sync",
            Some(json!({ "script": script, "args": [] })),
        )
    }
    pub(crate) fn wait_js(&self, script: &str, what: &str) -> Value {
        let deadline = Instant::now() + Duration::from_secs(60);
        loop {
            let v = self.js(script);
            if !v.is_null() && v != false && v != "" {
                return v;
            }
            assert!(Instant::now() < deadline, "timed out waiting for {what}");
            std::thread::sleep(Duration::from_millis(100));
        }
    }
}

pub(crate) fn built_site() -> tempfile::TempDir {
    let t = site_copy();
    let o = run_in(t.path(), &["build"]);
    assert!(o.status.success(), "{}", stderr(&o));
    t
}

#[test]
fn document_page_loads_and_the_targeted_paragraph_is_highlighted() {
    let Some(d) = driver() else { return };
    let t = built_site();
    let url = format!(
        "file://{}/public/documents/resolution-6-1/index.html#op3",
        t.path().display()
    );
    d.goto(&url);
    let title = d.js("return document.querySelector('h1').textContent");
    assert!(
        title
            .as_str()
            .unwrap()
            .starts_with("Assurer la bonne application"),
        "{title}"
    );
    let bg = d.js("return getComputedStyle(document.getElementById('op3')).backgroundColor");
    let other = d.js("return getComputedStyle(document.getElementById('op4')).backgroundColor");
    assert_ne!(bg, other, "#op3 is highlighted");
    assert_eq!(bg, "rgb(255, 243, 191)");
    // The stylesheet loaded from a relative path under file://.
    let font = d.js("return getComputedStyle(document.body).fontFamily");
    assert!(font.as_str().unwrap().contains("Georgia"), "{font}");
    // The number and the permalink of the paragraph.
    let num = d.js("return document.querySelector('#op3 .num').textContent");
    assert_eq!(num, "3.");
    let href = d.js("return document.querySelector('#op3 .permalink').getAttribute('href')");
    assert_eq!(href, "#op3");
    // Readable on a phone and at any width: no horizontal scrolling (the
    // paragraph tools beside the text once overflowed windows of 700–880 px).
    for width in [375, 600, 700, 800, 880, 1000, 1400] {
        d.cmd(
            "POST",
            "window/rect",
            Some(json!({"width": width, "height": 800})),
        );
        let fits = d.js(
            "var e = document.documentElement; return e.scrollWidth <= e.clientWidth + 1 || [e.scrollWidth, e.clientWidth]",
        );
        assert_eq!(fits, true, "page wider than a window of {width} px: {fits}");
    }
}

#[test]
fn print_view_prints_without_navigation() {
    let Some(d) = driver() else { return };
    let t = built_site();
    let url = format!(
        "file://{}/public/topics/trafficking/print/index.html",
        t.path().display()
    );
    d.goto(&url);
    let nav = d.js("return document.querySelectorAll('nav, .site-header, .search').length");
    assert_eq!(nav, 0, "no navigation in the print view");
    let sections = d
        .js("return document.querySelectorAll('.print-doc').length")
        .as_u64()
        .unwrap();
    assert!(sections >= 2);
    // Compact: no page break forced before every document.
    let brk =
        d.js("return getComputedStyle(document.querySelectorAll('.print-doc')[1]).breakBefore");
    assert_ne!(brk, "page", "no page break forced between documents");
    let urls = d.js("return document.querySelector('.hit .url').textContent");
    assert!(
        urls.as_str().unwrap().contains("documents/"),
        "reference URLs printed"
    );
    // Ids are unique across documents.
    let dup = d.js("var ids=[...document.querySelectorAll('[id]')].map(e=>e.id); return ids.length - new Set(ids).size");
    assert_eq!(dup, 0);
    // And it really prints: a PDF with a page per document at least.
    let pdf = d.cmd("POST", "print", Some(json!({"background": false})));
    let b64 = pdf.as_str().expect("print returns base64 PDF");
    assert!(b64.starts_with("JVBERi"), "a PDF");
    assert!(b64.len() > 10_000);
}

#[test]
fn served_page_reloads_by_itself_after_an_edit() {
    let Some(d) = driver() else { return };
    let t = site_copy();
    // A theme of the site's own, to change a stylesheet later.
    copy_dir(&repo().join("themes"), &t.path().join("themes"));
    let srv = start(t.path(), &[]);
    let page = format!("{}documents/resolution-6-1/", srv.base);
    // (The opening participle is in italics: UN typography.)
    wait_for(srv.port, &page, |b| {
        b.contains("Rappelant</em> sa résolution 5/1")
    });
    d.open_served(&srv, "documents/resolution-6-1/");
    // Search once, so the page holds the index the edit will replace.
    d.search("rappelant");
    d.wait_js(
        "return document.querySelectorAll('.search-results [role=option]').length > 0",
        "search results before the edit",
    );
    // Mark this page instance (a full reload clears it) and read down the
    // page: the author's place must survive.
    d.js(
        "window.__before_edit = true; document.body.click(); window.scrollTo(0, 1500); return true",
    );
    let scrolled = d.js("return window.scrollY").as_f64().unwrap();
    assert!(scrolled > 1000.0, "the page scrolls: {scrolled}");
    std::thread::sleep(Duration::from_millis(500));
    let file = t.path().join("content/resolution-6-1.md");
    // (A paragraph whose wording no other document shares: an edit of
    // one may add or drop its lineage list, moving what is below it.)
    let text = replace_in(
        &file,
        "Rappelant que le thème du treizième",
        "Rappelant ÉDITÉ zorglub que le thème du treizième",
    );
    d.wait_js(
        "return document.querySelector('main').textContent.includes('Rappelant ÉDITÉ')",
        "the page to show the edit by itself",
    );
    // Updated in place: same window, same place on the page.
    assert_eq!(d.js("return window.__before_edit === true"), json!(true));
    assert_eq!(d.js("return window.scrollY").as_f64().unwrap(), scrolled);
    // The search box still works, with the rebuilt index (only it knows
    // the new word), and one results box.
    d.js("window.scrollTo(0, 0); return true");
    d.search("zorglub");
    let hit = d.wait_js(
        "var a = Array.from(document.querySelectorAll('.search-results [role=option]')).find(a => a.textContent.includes('zorglub')); return a && a.getAttribute('href')",
        "a search result for the new word",
    );
    assert!(hit.as_str().unwrap().contains("resolution-6-1"), "{hit}");
    assert_eq!(
        d.js("return document.querySelectorAll('.search-results').length"),
        json!(1)
    );
    // A broken file: the overlay appears in the open page.
    std::fs::write(&file, "---\nkind: [\n---\n").unwrap();
    let overlay = d.wait_js(
        "var o=document.getElementById('compendium-overlay'); return o && o.textContent",
        "overlay",
    );
    assert!(
        overlay.as_str().unwrap().contains("resolution-6-1.md"),
        "{overlay}"
    );
    assert!(
        d.js("return document.body.textContent.includes('Rappelant ÉDITÉ')") == true,
        "old page stays"
    );
    std::fs::write(&file, &text).unwrap();
    d.wait_js("return !document.getElementById('compendium-overlay') && document.body.textContent.includes('Rappelant sa résolution 5/1')", "recovery");
    // A stylesheet changes: the page reloads for real (a new window).
    let css = t.path().join("themes/default/static/style.css");
    let mut style = std::fs::read_to_string(&css).unwrap();
    style.push_str("\nbody { outline: 3px solid rgb(1, 2, 3); }\n");
    std::fs::write(&css, style).unwrap();
    d.wait_js(
        "return !window.__before_edit && getComputedStyle(document.body).outlineColor === 'rgb(1, 2, 3)'",
        "a full reload with the new stylesheet",
    );
}

/// Under a `base_url` subpath the client finds its page among the changed
/// files too (and updates it in place, not by a reload).
#[test]
fn a_page_under_a_base_url_subpath_updates_in_place() {
    let Some(d) = driver() else { return };
    let t = site_copy();
    let srv = start(
        t.path(),
        &["--base-url", "https://user.github.io/compendium/"],
    );
    assert_eq!(srv.base, "/compendium/");
    d.open_served(&srv, "documents/resolution-6-1/");
    d.js("window.__before_edit = true; return true");
    std::thread::sleep(Duration::from_millis(300));
    let file = t.path().join("content/resolution-6-1.md");
    replace_in(
        &file,
        "Rappelant sa résolution 5/1",
        "Rappelant SOUS-CHEMIN sa résolution 5/1",
    );
    d.wait_js(
        "return document.querySelector('main').textContent.includes('SOUS-CHEMIN')",
        "the edit shown under the subpath",
    );
    assert_eq!(d.js("return window.__before_edit === true"), json!(true));
}

/// A page whose file the edit did not touch stays as it is, but its
/// search drops the old index for the rebuilt one.
#[test]
fn an_unchanged_page_searches_the_rebuilt_index() {
    let Some(d) = driver() else { return };
    let t = site_copy();
    let srv = start(t.path(), &[]);
    d.open_served(&srv, "documents/a-77-464/");
    d.search("rappelant");
    d.wait_js(
        "return document.querySelectorAll('.search-results [role=option]').length > 0",
        "search results before the edit",
    );
    d.js("window.__before_edit = true; document.querySelector('main').__kept = true; return true");
    let file = t.path().join("content/resolution-6-1.md");
    replace_in(
        &file,
        "Rappelant sa résolution 5/1",
        "Rappelant zorglub sa résolution 5/1",
    );
    // Wait for the rebuild to be served, then search the new word.
    wait_for(
        srv.port,
        &format!("{}documents/resolution-6-1/", srv.base),
        |b| b.contains("zorglub"),
    );
    d.search("zorglub");
    let hit = d.wait_js(
        "var a = Array.from(document.querySelectorAll('.search-results [role=option]')).find(a => a.textContent.includes('zorglub')); return a && a.getAttribute('href')",
        "the new word found from a page the edit did not touch",
    );
    assert!(hit.as_str().unwrap().contains("resolution-6-1"), "{hit}");
    assert_eq!(
        d.js("return window.__before_edit === true && document.querySelector('main').__kept === true"),
        json!(true),
        "no reload"
    );
}

#[test]
fn a_missing_page_shows_itself_once_its_file_is_written() {
    let Some(d) = driver() else { return };
    let t = site_copy();
    let srv = start(t.path(), &[]);
    d.open_served(&srv, "documents/note-nouvelle/");
    assert_eq!(
        d.js("return window.compendiumNotFound === true"),
        json!(true),
        "the 404 page"
    );
    std::thread::sleep(Duration::from_millis(300));
    std::fs::write(
        t.path().join("content/note-nouvelle.md"),
        "---\ntitle: Note nouvelle\nkind: report\nslug: note-nouvelle\n---\n\n1. Un texte tout neuf.\n",
    )
    .unwrap();
    d.wait_js(
        "return document.body.textContent.includes('Un texte tout neuf') && document.title.includes('Note nouvelle')",
        "the new page in place of the 404",
    );
}

#[test]
fn search_finds_paragraphs_with_french_stems_and_follows_a_result() {
    let Some(d) = driver() else { return };
    let t = built_site();
    let index = std::fs::metadata(t.path().join("public/assets/search-index.js"))
        .unwrap()
        .len();
    let html: u64 = walkdir::WalkDir::new(t.path().join("public"))
        .into_iter()
        .flatten()
        .filter(|e| e.path().extension().is_some_and(|x| x == "html"))
        .map(|e| e.metadata().unwrap().len())
        .sum();
    assert!(index * 10 < html, "index {index} bytes, HTML {html} bytes");
    // The texts are in the parts, not in the index loaded first.
    let base = std::fs::read_to_string(t.path().join("public/assets/search-index.js")).unwrap();
    let texts = std::fs::read_to_string(t.path().join("public/assets/search/t-0.js")).unwrap();
    assert!(texts.contains("Conférence des Parties") && !base.contains("Conférence des Parties"));
    d.goto(&format!("file://{}/public/index.html", t.path().display()));
    // « trafics » (plural) finds paragraphs saying « trafic ».
    d.search("trafics");
    let n = d.wait_js(
        "var l=document.querySelectorAll('.search-results [role=option]'); return l.length || null",
        "results",
    );
    let list = d.js("return document.querySelector('.search-results').innerHTML.slice(0, 600)");
    assert!(n.as_u64().unwrap() >= 5, "{n} results: {list}");
    let marked = d.js("return [...document.querySelectorAll('.search-results mark')].map(m=>m.textContent.toLowerCase())");
    assert!(
        marked.as_array().unwrap().iter().any(|m| m == "trafic"),
        "{marked}"
    );
    let reference = d.js("return document.querySelector('.search-results .r-ref').textContent");
    assert!(reference.as_str().unwrap().contains(','), "{reference}");
    // Only what the query needs was loaded: the index's vocabulary, the
    // part of its stem (« trafic »: s-7472) and the texts of the results
    // shown (the seeds' twelve documents share one text part).
    let loaded = d.js("return [...document.querySelectorAll('script[data-compendium-lazy]')].map(s=>s.getAttribute('src').split('/').pop()).sort()");
    let parts = std::fs::read_dir(t.path().join("public/assets/search"))
        .unwrap()
        .count();
    assert_eq!(
        loaded,
        serde_json::json!(["s-7472.js", "search-index.js", "t-0.js"]),
        "of {parts} parts"
    );
    assert!(parts > 50, "{parts} parts");
    // Accents folded.
    d.search("criminalite organisee");
    d.wait_js("return [...document.querySelectorAll('.search-results mark')].some(m=>m.textContent==='criminalité')", "accent-folded match");
    // Filters by topic and kind.
    // (« trafic »: in resolutions, drafts and one report. No report says
    // « armes », so that query once passed with an empty list, or failed
    // when read before the list was drawn again.)
    d.search("trafic");
    d.wait_js(
        "return [...document.querySelectorAll('.search-results [role=option]')].some(a => !a.getAttribute('href').includes('a-77-464'))",
        "results of every kind",
    );
    d.js("var s=document.querySelectorAll('.search-filters select')[1]; s.value='report'; s.dispatchEvent(new Event('change')); return true");
    let kinds = d.wait_js(
        "var l = [...document.querySelectorAll('.search-results [role=option]')].map(a=>a.getAttribute('href')); return l.length > 0 && l.every(h => h.includes('a-77-464') || h.includes('ctoc-cop-2014-2')) && l",
        "results filtered to reports",
    );
    for h in kinds.as_array().unwrap() {
        let h = h.as_str().unwrap();
        assert!(
            h.contains("a-77-464") || h.contains("ctoc-cop-2014-2"),
            "{h}"
        );
    }
    // By topic: only paragraphs the build labelled (compendium.json).
    d.js("var s=document.querySelectorAll('.search-filters select')[1]; s.value=''; return true");
    let json: Value =
        serde_json::from_slice(&std::fs::read(t.path().join("public/compendium.json")).unwrap())
            .unwrap();
    let labelled: std::collections::BTreeSet<String> = json["documents"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|doc| {
            let url = doc["url"].as_str().unwrap().to_string();
            doc["paragraphs"]
                .as_array()
                .unwrap()
                .iter()
                .filter(|p| {
                    p["topics"]
                        .as_array()
                        .unwrap()
                        .iter()
                        .any(|t| t == "corruption")
                })
                .map(move |p| format!("{url}index.html#{}", p["anchor"].as_str().unwrap()))
        })
        .collect();
    let results = || -> Vec<String> {
        let v = d.js("return [...document.querySelectorAll('.search-results [role=option]')].map(a=>a.getAttribute('href'))");
        v.as_array()
            .unwrap()
            .iter()
            .map(|h| h.as_str().unwrap().to_string())
            .collect()
    };
    d.search("convention");
    d.wait_js(
        "return document.querySelectorAll('.search-results [role=option]').length > 0",
        "results",
    );
    let all = results();
    assert!(all.iter().any(|h| !labelled.contains(h)), "{all:?}");
    d.js("var s=document.querySelectorAll('.search-filters select')[0]; s.value='corruption'; s.dispatchEvent(new Event('change')); return true");
    d.wait_js(
        "return [...document.querySelectorAll('.search-results [role=option]')].length > 0",
        "results on corruption",
    );
    let on_topic = results();
    assert!(
        !on_topic.is_empty() && on_topic.iter().all(|h| labelled.contains(h)),
        "{on_topic:?}"
    );
    d.js("var s=document.querySelectorAll('.search-filters select')[0]; s.value=''; return true");
    // Follow a result to its paragraph.
    d.search("Palerme");
    let href = d.wait_js(
        "var a=document.querySelector('.search-results [role=option]'); return a && a.getAttribute('href')",
        "a result",
    );
    d.js("document.querySelector('.search-results [role=option]').click(); return true");
    let anchor = href
        .as_str()
        .unwrap()
        .split('#')
        .nth(1)
        .unwrap()
        .to_string();
    d.wait_js(
        &format!("return location.hash === '#{anchor}' && !!document.getElementById('{anchor}')"),
        "the paragraph",
    );
}

/// A large stems part is split by the stems' next bytes: a query loads the
/// file of its stem alone. (The seeds' parts are small: the site is built
/// with a small limit, so that « tr » is split.)
#[test]
fn a_split_stems_part_is_found_and_loaded_alone() {
    let Some(d) = driver() else { return };
    let t = site_copy();
    let opts = compendium::site::BuildOptions {
        search_part_limit: 2048,
        ..compendium::site::BuildOptions::new(t.path().join("site.yaml"))
    };
    compendium::site::build(&opts).unwrap();
    let search = t.path().join("public/assets/search");
    let base = std::fs::read_to_string(t.path().join("public/assets/search-index.js")).unwrap();
    assert!(
        base.contains("\"split\":[") && base.contains("\"7472\""),
        "« tr » split"
    );
    assert!(
        !search.join("s-7472.js").exists(),
        "no stem is « tr » itself"
    );
    for f in std::fs::read_dir(&search).unwrap().flatten() {
        let size = f.metadata().unwrap().len();
        let name = f.file_name().into_string().unwrap();
        // A part above the limit holds one stem, which cannot be split.
        if name.starts_with("s-") && size > 2048 {
            let text = std::fs::read_to_string(f.path()).unwrap();
            let stems: std::collections::BTreeSet<&str> =
                text.split('"').skip(3).step_by(2).collect();
            assert_eq!(stems.len(), 1, "{name}: {size} bytes, stems {stems:?}");
        }
    }
    d.goto(&format!("file://{}/public/index.html", t.path().display()));
    d.search("trafics");
    d.wait_js(
        "return [...document.querySelectorAll('.search-results mark')].some(m=>m.textContent.toLowerCase()==='trafic')",
        "« trafic » marked",
    );
    let n = d.js("return document.querySelectorAll('.search-results [role=option]').length");
    assert!(n.as_u64().unwrap() >= 5, "{n} results");
    let loaded = d.js("return [...document.querySelectorAll('script[data-compendium-lazy]')].map(s=>s.getAttribute('src').split('/').pop()).filter(n=>n.startsWith('s-'))");
    let loaded: Vec<&str> = loaded
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v.as_str().unwrap())
        .collect();
    assert_eq!(loaded.len(), 1, "{loaded:?}");
    assert!(loaded[0].starts_with("s-747261"), "{loaded:?}");
    // Prefixes typed: « cor » finds « corruption », in a part of « co ».
    d.search("cor");
    d.wait_js(
        "return [...document.querySelectorAll('.search-results mark')].some(m=>m.textContent.toLowerCase().startsWith('corrupt'))",
        "« corruption » marked",
    );
}

/// A query typed while the index is still loading (on a slow connection,
/// or a large compendium) is answered once it has loaded: the load starts
/// on focus, and the query must not be dropped because a load is under way.
#[test]
fn a_query_typed_while_the_index_loads_is_answered() {
    let Some(d) = driver() else { return };
    let t = built_site();
    d.goto(&format!("file://{}/public/index.html", t.path().display()));
    // Hold the index's script back for a while, as a slow network would.
    d.js("var add = document.head.appendChild.bind(document.head); document.head.appendChild = function (n) { setTimeout(function () { add(n); }, 800); return n; }; return true");
    d.search("trafic");
    let n = d.wait_js(
        "var l=document.querySelectorAll('.search-results [role=option]'); return l.length || null",
        "results of the query typed during the load",
    );
    assert!(n.as_u64().unwrap() >= 5, "{n} results");
}

/// Issue #26: no input runs script in a reader's browser. Each case is
/// loaded in Chromium, and the payload's mark (`window.pwned`) must stay
/// unset.
#[test]
fn heading_attributes_of_a_page_run_no_script() {
    let Some(d) = driver() else { return };
    let t = site_copy();
    std::fs::write(
        t.path().join("content/about.md"),
        "---\ntitle: À propos\nkind: page\nslug: about\n---\n\n# Titre {#t autofocus onfocus=window.pwned=1 onmouseover=window.pwned=2}\n\nTexte.\n",
    )
    .unwrap();
    let o = run_in(t.path(), &["build"]);
    assert!(o.status.success(), "{}", stderr(&o));
    d.goto(&format!(
        "file://{}/public/documents/about/index.html",
        t.path().display()
    ));
    d.js("var h = document.getElementById('t'); if (h) { h.focus(); h.dispatchEvent(new MouseEvent('mouseover')); } return true");
    std::thread::sleep(Duration::from_millis(300));
    assert_eq!(d.js("return typeof window.pwned"), json!("undefined"));
    assert_eq!(
        d.js("return document.querySelectorAll('[onfocus],[onmouseover],[autofocus]').length"),
        json!(0)
    );
}

#[test]
fn a_build_error_shown_by_serve_runs_no_script() {
    let Some(d) = driver() else { return };
    let t = site_copy();
    let srv = start(t.path(), &[]);
    d.open_served(&srv, "");
    // An error message that echoes the file's words: the unknown kind.
    std::fs::write(
        t.path().join("content/zz-bad.md"),
        "---\ntitle: x\nkind: </script><script>window.pwned=1</script><!--\n---\n\nTexte.\n",
    )
    .unwrap();
    d.wait_js(
        "var o = document.getElementById('compendium-overlay'); return o && o.textContent.includes('unknown kind')",
        "the error overlay on the open page",
    );
    // A page opened while the build is broken shows the error at once.
    d.open_served(&srv, "");
    d.wait_js(
        "var o = document.getElementById('compendium-overlay'); return o && o.textContent.includes('</script>')",
        "the error overlay on a page opened during the error",
    );
    assert_eq!(d.js("return typeof window.pwned"), json!("undefined"));
}

/// The seeds and three documents of our own: a Security Council and a
/// General Assembly resolution (numbers with a year and with a session),
/// and one whose words test the ranking (« zorglub quaffle » as a phrase,
/// both words apart, one of them).
pub fn site_with_references() -> tempfile::TempDir {
    let t = site_copy();
    let write =
        |name: &str, text: &str| std::fs::write(t.path().join("content").join(name), text).unwrap();
    write(
        "s-res-1373-2001.md",
        "---\ntitle: Menaces contre la paix et la sécurité internationales\nkind: resolution\nbody: Le Conseil de sécurité\nnumber: 1373 (2001)\nsymbol: S/RES/1373 (2001)\ndate: 2001-09-28\nslug: s-res-1373-2001\norder: 20\n---\n\nRéaffirmant ses résolutions antérieures,\n\n1. *Décide* que tous les États doivent prévenir et réprimer le financement du terrorisme ;\n\n2. *Décide également* que tous les États doivent s’abstenir d’apporter quelque forme d’appui que ce soit ;\n",
    );
    write(
        "a-res-80-1.md",
        "---\ntitle: Déclaration à l’occasion du quatre-vingtième anniversaire\nkind: resolution\nbody: L’Assemblée générale\nnumber: 80/1\nsymbol: A/RES/80/1\ndate: 2025-09-22\nslug: a-res-80-1\norder: 21\n---\n\nAdopte la déclaration suivante :\n\n1. Nous, chefs d’État et de gouvernement, réaffirmons notre attachement à la Charte ;\n",
    );
    write(
        "zz-ranking.md",
        "---\ntitle: Classement\nkind: report\nbody: Le Secrétariat\nsymbol: ZZ/RANK/1\nslug: zz-ranking\norder: 22\n---\n\n1. Le quaffle et le zorglub sont cités ici.\n\n2. Un seul zorglub ici.\n\n3. Le zorglub quaffle est une expression.\n",
    );
    t
}

impl Driver {
    /// The options of the search box once `q` is answered (the list is
    /// emptied first, so that the last query's options are not taken).
    fn options_for(&self, q: &str) -> Vec<String> {
        self.js("var b = document.querySelector('.search-results'); if (b) b.removeAttribute('data-query'); return true");
        self.search(q);
        let v = self.wait_js(
            &format!("var b = document.querySelector('.search-results'); return b && b.getAttribute('data-query') === {} && [...b.querySelectorAll('[role=option]')].map(a => a.getAttribute('href'))", serde_json::to_string(q).unwrap()),
            &format!("the answer to {q:?}"),
        );
        v.as_array()
            .unwrap()
            .iter()
            .map(|h| h.as_str().unwrap().to_string())
            .collect()
    }
    /// Press keys (WebDriver's codes: "\u{E015}" ArrowDown, "\u{E013}"
    /// ArrowUp, "\u{E007}" Enter) in the element `css`.
    fn keys(&self, css: &str, text: &str) {
        let e = self.cmd(
            "POST",
            "element",
            Some(json!({"using": "css selector", "value": css})),
        );
        let id = e
            .as_object()
            .and_then(|o| o.values().next())
            .and_then(|v| v.as_str())
            .unwrap_or_else(|| panic!("no element {css}: {e}"))
            .to_string();
        self.cmd(
            "POST",
            &format!("element/{id}/value"),
            Some(json!({ "text": text })),
        );
    }
}

#[test]
fn search_goes_to_a_document_or_paragraph_by_its_reference() {
    let Some(d) = driver() else { return };
    let t = site_with_references();
    let o = run_in(t.path(), &["build"]);
    assert!(o.status.success(), "{}", stderr(&o));
    d.goto(&format!("file://{}/public/index.html", t.path().display()));
    let first = |q: &str| -> String {
        let options = d.options_for(q);
        assert!(!options.is_empty(), "{q:?}: no result");
        options[0].clone()
    };
    let cases = [
        // Symbols, in any case, with or without spaces.
        ("A/C.3/77/L.2", "documents/a-c-3-77-l-2/index.html"),
        ("a/c.3/77/l.2", "documents/a-c-3-77-l-2/index.html"),
        ("A/C. 3/77/L. 2", "documents/a-c-3-77-l-2/index.html"),
        ("CTOC/COP/2014/2", "documents/ctoc-cop-2014-2/index.html"),
        // A revision, from the symbol it revises.
        ("A/C.3/77/L.11", "documents/a-c-3-77-l-11-rev-1/index.html"),
        // Numbers.
        ("6/1", "documents/resolution-6-1/index.html"),
        ("Rés. 6/1", "documents/resolution-6-1/index.html"),
        ("1373 (2001)", "documents/s-res-1373-2001/index.html"),
        ("1373", "documents/s-res-1373-2001/index.html"),
        ("80/1", "documents/a-res-80-1/index.html"),
        ("A/RES/80/1", "documents/a-res-80-1/index.html"),
        // Paragraphs.
        ("6/1 op 3", "documents/resolution-6-1/index.html#op3"),
        ("6/1 op3", "documents/resolution-6-1/index.html#op3"),
        ("6/1, OP 3", "documents/resolution-6-1/index.html#op3"),
        ("res 6/1 pp5", "documents/resolution-6-1/index.html#pp5"),
        (
            "resolution 6/1 para 5",
            "documents/resolution-6-1/index.html#op5",
        ),
        (
            "résolution 6/1 paragraphe 5",
            "documents/resolution-6-1/index.html#op5",
        ),
        ("A/77/464 par. 12", "documents/a-77-464/index.html#p12"),
        (
            "S/RES/1373 (2001) op 1",
            "documents/s-res-1373-2001/index.html#op1",
        ),
        (
            "1373 (2001) op 2",
            "documents/s-res-1373-2001/index.html#op2",
        ),
    ];
    for (q, want) in cases {
        assert_eq!(first(q), want, "{q:?}");
    }
    // A symbol is not searched as its numbers: « A/C.3/77/L.2 » gives its
    // document alone, not every paragraph holding « 77 ».
    assert_eq!(d.options_for("A/C.3/77/L.2").len(), 1);
    // The reference's option shows the document's reference and title,
    // and a paragraph's its text.
    d.options_for("6/1 op 3");
    let shown = d.js("return document.querySelector('.search-results [role=option]').textContent");
    let shown = shown.as_str().unwrap();
    assert!(shown.contains("« Rés. 6/1, OP 3 »"), "{shown}");
    assert!(shown.contains("Assurer la bonne application"), "{shown}");
    // Enter follows it.
    d.keys("#search-input", "\u{E007}");
    d.wait_js(
        "return location.pathname.endsWith('documents/resolution-6-1/index.html') && location.hash === '#op3'",
        "Enter to go to 6/1 op 3",
    );
    // On a document's page, « op3 » is its own paragraph.
    assert_eq!(
        first("op3"),
        "../../documents/resolution-6-1/index.html#op3"
    );
    assert_eq!(
        first("pp 2"),
        "../../documents/resolution-6-1/index.html#pp2"
    );
    // Enter on a reference typed and sent at once (before any answer).
    d.js("var i = document.getElementById('search-input'); i.value = ''; return true");
    d.keys("#search-input", "A/77/464 par. 12\u{E007}");
    d.wait_js(
        "return location.pathname.endsWith('documents/a-77-464/index.html') && location.hash === '#p12'",
        "Enter on a reference typed at once",
    );
}

#[test]
fn search_ranks_words_counts_results_and_moves_with_the_arrow_keys() {
    let Some(d) = driver() else { return };
    let t = site_with_references();
    let o = run_in(t.path(), &["build"]);
    assert!(o.status.success(), "{}", stderr(&o));
    d.goto(&format!("file://{}/public/index.html", t.path().display()));
    // The phrase first, then both words apart, then one of them.
    let doc = "documents/zz-ranking/index.html";
    assert_eq!(
        d.options_for("zorglub quaffle"),
        [
            format!("{doc}#p3"),
            format!("{doc}#p1"),
            format!("{doc}#p2")
        ]
    );
    assert_eq!(
        d.js("return document.querySelector('.r-count').textContent"),
        json!("3 résultats")
    );
    // Each hit shows its document's reference and title.
    let first = d.js("var o = document.querySelector('.search-results [role=option]'); return [o.querySelector('.r-ref').textContent, o.querySelector('.r-title').textContent]");
    assert_eq!(first, json!(["« ZZ/RANK/1, par. 3 »", "Classement"]));
    // ARIA combobox: the box says it is expanded and which option is active.
    let input = "document.getElementById('search-input')";
    assert_eq!(
        d.js(&format!("return [{input}.getAttribute('role'), {input}.getAttribute('aria-expanded'), {input}.getAttribute('aria-controls'), document.getElementById({input}.getAttribute('aria-controls')).getAttribute('role')]")),
        json!(["combobox", "true", "search-listbox", "listbox"])
    );
    let active = || {
        d.js(&format!("var id = {input}.getAttribute('aria-activedescendant'); var o = id && document.getElementById(id); return o ? [o.getAttribute('href'), o.getAttribute('aria-selected'), document.activeElement === {input}] : null"))
    };
    assert_eq!(active(), Value::Null);
    d.keys("#search-input", "\u{E015}");
    assert_eq!(active(), json!([format!("{doc}#p3"), "true", true]));
    d.keys("#search-input", "\u{E015}\u{E015}");
    assert_eq!(active(), json!([format!("{doc}#p2"), "true", true]));
    // Down from the last wraps to the first; up from the first to the last.
    d.keys("#search-input", "\u{E015}");
    assert_eq!(active(), json!([format!("{doc}#p3"), "true", true]));
    d.keys("#search-input", "\u{E013}");
    assert_eq!(active(), json!([format!("{doc}#p2"), "true", true]));
    assert_eq!(
        d.js("return document.querySelectorAll('.search-results [aria-selected=true]').length"),
        json!(1)
    );
    // Escape closes the list; Enter follows the option chosen.
    d.keys("#search-input", "\u{E00C}");
    assert_eq!(
        d.js(&format!("return [{input}.getAttribute('aria-expanded'), document.querySelector('.search-results').hidden]")),
        json!(["false", true])
    );
    d.keys("#search-input", "\u{E015}\u{E015}\u{E007}");
    d.wait_js(
        "return location.pathname.endsWith('zz-ranking/index.html') && location.hash === '#p1'",
        "Enter on the second option",
    );
    // Words common to most paragraphs (« le ») do not make results alone.
    d.goto(&format!("file://{}/public/index.html", t.path().display()));
    assert_eq!(d.options_for("le zorglub").len(), 3);
    // Many results: a count, and a link to the search page listing them all.
    d.options_for("convention");
    let count = d.js("return document.querySelector('.r-count').textContent");
    let n: usize = count
        .as_str()
        .unwrap()
        .split(' ')
        .next()
        .unwrap()
        .parse()
        .unwrap_or_else(|_| panic!("{count}"));
    assert!(n > 20, "{n}");
    assert_eq!(
        d.js("return document.querySelectorAll('.search-results [role=option]').length"),
        json!(20)
    );
    let all = d.js("var a = document.querySelector('.search-results .r-all'); return !a.hidden && [a.getAttribute('href'), a.textContent]");
    assert_eq!(
        all,
        json!([
            "search/index.html?q=convention",
            format!("Afficher les {n} résultats")
        ])
    );
    d.js("document.querySelector('.search-results .r-all').click(); return true");
    d.wait_js(
        "return location.pathname.endsWith('search/index.html') && document.querySelectorAll('.search-page-list li').length >= 100",
        "the search page",
    );
    // Every result, a hundred at a time.
    while d.js("var b = document.querySelector('.r-more'); return !!b && !b.hidden") == true {
        let before = d.js("return document.querySelectorAll('.search-page-list li').length");
        d.js("document.querySelector('.r-more').click(); return true");
        d.wait_js(
            &format!("return document.querySelectorAll('.search-page-list li').length > {before}"),
            "more results",
        );
    }
    assert_eq!(
        d.js("return document.querySelectorAll('.search-page-list li').length"),
        json!(n)
    );
    assert_eq!(
        d.js("return [document.getElementById('search-page-input').value, document.querySelector('.search-page-results .r-count').textContent]"),
        json!(["convention", format!("{n} résultats")])
    );
}

#[test]
fn the_search_page_reads_its_query_from_the_address() {
    let Some(d) = driver() else { return };
    let t = site_with_references();
    let o = run_in(t.path(), &["build"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let page = format!("file://{}/public/search/index.html", t.path().display());
    d.goto(&format!("{page}?q=zorglub%20quaffle"));
    let hrefs = d.wait_js(
        "var l = [...document.querySelectorAll('.search-page-list a')].map(a => a.getAttribute('href')); return l.length === 3 && l",
        "the results of ?q=",
    );
    let doc = "../documents/zz-ranking/index.html";
    assert_eq!(
        hrefs,
        json!([
            format!("{doc}#p3"),
            format!("{doc}#p1"),
            format!("{doc}#p2")
        ])
    );
    assert_eq!(
        d.js("return document.querySelector('.search-page-results .r-count').textContent"),
        json!("3 résultats")
    );
    // A reference: its document first.
    d.goto(&format!("{page}?q=6%2F1%20op%203"));
    let first = d.wait_js(
        "var a = document.querySelector('.search-page-list a'); return a && a.getAttribute('href')",
        "the reference's result",
    );
    assert_eq!(first, json!("../documents/resolution-6-1/index.html#op3"));
    // Filters from the address, labelled.
    d.goto(&format!("{page}?q=convention&kind=report"));
    d.wait_js(
        "return document.querySelectorAll('.search-page-list a').length > 0",
        "filtered results",
    );
    let hrefs = d.js("return [...document.querySelectorAll('.search-page-list a')].map(a => a.getAttribute('href'))");
    for h in hrefs.as_array().unwrap() {
        let h = h.as_str().unwrap();
        assert!(
            h.contains("a-77-464") || h.contains("ctoc-cop-2014-2") || h.contains("zz-ranking"),
            "{h}"
        );
    }
    assert_eq!(
        d.js("return [...document.querySelectorAll('.search-page-results label')].map(l => l.firstChild.textContent.trim())"),
        json!(["Thème", "Type de document"])
    );
    // Typing a new query: the address follows (a link to share).
    d.js("var i = document.getElementById('search-page-input'); i.value = 'zorglub'; i.dispatchEvent(new Event('input')); return true");
    d.wait_js(
        "return document.querySelectorAll('.search-page-list li').length === 3",
        "the new query's results",
    );
    assert_eq!(
        d.js("return location.search"),
        json!("?q=zorglub&kind=report")
    );
    // The header's box sends a word search to this page on Enter.
    d.goto(&format!("file://{}/public/index.html", t.path().display()));
    d.options_for("quaffle");
    d.keys("#search-input", "\u{E007}");
    d.wait_js(
        "return location.pathname.endsWith('search/index.html') && location.search === '?q=quaffle' && document.querySelectorAll('.search-page-list li').length === 2",
        "Enter to the search page",
    );
}

impl Driver {
    /// Run `script` asynchronously: it calls its last argument with its result.
    fn js_async(&self, script: &str) -> Value {
        self.cmd(
            "POST",
            "execute/async",
            Some(json!({ "script": script, "args": [] })),
        )
    }
    /// Emulate the reader's preference for a dark colour scheme, or not.
    fn dark(&self, on: bool) {
        let scheme = if on { "dark" } else { "light" };
        self.cmd(
            "POST",
            "goog/cdp/execute",
            Some(json!({"cmd": "Emulation.setEmulatedMedia", "params": {
                "features": [{"name": "prefers-color-scheme", "value": scheme}]}})),
        );
    }
    /// The violations axe-core finds in the page as it is now: each as
    /// `rule (impact): element: what fails`.
    fn axe_violations(&self) -> Vec<String> {
        let axe = std::fs::read_to_string(repo().join("tests/fixtures/axe/axe.min.js")).unwrap();
        if self.js("return typeof window.axe") != "object" {
            self.js(&format!("{axe}\n;return true"));
        }
        let v = self.js_async(
            "var done = arguments[arguments.length - 1];
             axe.run(document, { resultTypes: ['violations'] }).then(function (r) {
               done(r.violations.map(function (v) {
                 return v.nodes.slice(0, 4).map(function (n) {
                   return v.id + ' (' + v.impact + '): ' + n.target.join(' ') + ': ' + (n.failureSummary || '').replace(/\\s+/g, ' ');
                 });
               }));
             }, function (e) { done([['axe failed: ' + e]]); });",
        );
        v.as_array()
            .unwrap_or_else(|| panic!("axe: {v}"))
            .iter()
            .flat_map(|nodes| nodes.as_array().unwrap().clone())
            .map(|n| n.as_str().unwrap().to_string())
            .collect()
    }
}

/// Issue #27: axe-core reports no violation on the home page, a document,
/// a topic and the search page, in light and dark mode, nor with the
/// search box's results open.
#[test]
fn axe_finds_no_violation_on_the_main_pages() {
    let Some(d) = driver() else { return };
    let t = site_with_references();
    let o = run_in(t.path(), &["build"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let public = format!("file://{}/public", t.path().display());
    let pages = [
        "index.html",
        "documents/resolution-6-1/index.html",
        "documents/a-77-464/index.html",
        "topics/trafficking/index.html",
        "search/index.html?q=trafic%20de%20migrants",
    ];
    // axe runs and reports: an image without a text alternative, and
    // grey on white too pale to read, are found.
    d.goto(&format!("{public}/index.html"));
    d.js("var i = document.createElement('img'); i.src = 'x.png'; document.querySelector('main').appendChild(i); var p = document.createElement('p'); p.textContent = 'Pâle'; p.style.color = '#bbb'; document.querySelector('main').appendChild(p); return true");
    let caught = d.axe_violations();
    assert!(
        caught.iter().any(|v| v.starts_with("image-alt ")),
        "{caught:?}"
    );
    assert!(
        caught.iter().any(|v| v.starts_with("color-contrast ")),
        "{caught:?}"
    );
    let mut found = Vec::new();
    for dark in [false, true] {
        d.dark(dark);
        for page in pages {
            d.goto(&format!("{public}/{page}"));
            let bg = d.js("return getComputedStyle(document.body).backgroundColor");
            let want = if dark {
                "rgb(20, 23, 28)"
            } else {
                "rgb(255, 255, 255)"
            };
            assert_eq!(bg, want, "{page}, dark {dark}");
            if page.starts_with("search/") {
                d.wait_js(
                    "return document.querySelectorAll('.search-page-list li').length > 0",
                    "the search page's results",
                );
            }
            found.extend(
                d.axe_violations()
                    .into_iter()
                    .map(|v| format!("{page}{}: {v}", if dark { " (dark)" } else { "" })),
            );
        }
        // The search box open on its results, an option active.
        d.goto(&format!("{public}/documents/resolution-6-1/index.html"));
        d.options_for("convention");
        d.keys("#search-input", "\u{E015}");
        found.extend(
            d.axe_violations()
                .into_iter()
                .map(|v| format!("search box{}: {v}", if dark { " (dark)" } else { "" })),
        );
    }
    assert!(found.is_empty(), "axe-core found:\n{}", found.join("\n"));
}

/// A topic page marks why each paragraph is listed, and sorts its
/// documents by date or back in reading order.
#[test]
fn a_topic_page_marks_its_matches_and_sorts_by_date() {
    let Some(d) = driver() else { return };
    let t = site_with_references();
    std::fs::write(
        t.path().join("content/zz-dated.md"),
        "---\ntitle: Texte daté\nkind: report\nbody: Le Secrétariat\nsymbol: ZZ/DATE/1\ndate: 2030-01-01\nslug: zz-dated\norder: 30\n---\n\n1. Le braconnage et le trafic d’espèces sauvages.\n",
    )
    .unwrap();
    let o = run_in(t.path(), &["build"]);
    assert!(o.status.success(), "{}", stderr(&o));
    d.goto(&format!(
        "file://{}/public/topics/environment/index.html",
        t.path().display()
    ));
    // Every paragraph listed shows what matched.
    let unmarked = d.js("return [...document.querySelectorAll('.topic-group .hit')].filter(h => !h.querySelector('.text mark')).map(h => h.textContent.slice(0, 80))");
    assert_eq!(unmarked, json!([]));
    let marked =
        d.js("return [...document.querySelectorAll('#main mark')].map(m => m.textContent)");
    assert!(
        marked
            .as_array()
            .unwrap()
            .iter()
            .any(|m| m == "espèces sauvages"),
        "{marked}"
    );
    let order = || {
        d.js("return [...document.querySelectorAll('.topic-group h2 a')].map(a => a.getAttribute('href').split('/')[3])")
    };
    let reading = order();
    assert_eq!(reading.as_array().unwrap().last(), Some(&json!("zz-dated")));
    d.js("var s = document.getElementById('topic-sort'); s.value = 'date'; s.dispatchEvent(new Event('change')); return true");
    let by_date = order();
    assert_eq!(by_date[0], json!("zz-dated"), "{by_date}");
    assert_eq!(by_date[1], json!("resolution-6-1"), "{by_date}");
    d.js("var s = document.getElementById('topic-sort'); s.value = 'document'; s.dispatchEvent(new Event('change')); return true");
    assert_eq!(order(), reading);
}

/// Agreed language: a paragraph's list of the paragraphs sharing its
/// wording opens from its marker and links to them; the comparison page,
/// linked from the document, aligns the two drafts and prints.
#[test]
fn a_paragraphs_lineage_opens_and_the_comparison_page_aligns_two_drafts() {
    let Some(d) = driver() else { return };
    let t = built_site();
    let url = format!(
        "file://{}/public/documents/a-c-3-77-l-2/index.html",
        t.path().display()
    );
    d.goto(&url);
    let list = "document.querySelector('#op4 details.lineage')";
    assert_eq!(
        d.js(&format!("return {list}.open")),
        false,
        "closed at first"
    );
    let hidden = d.js(&format!(
        "return {list}.querySelector('li').checkVisibility() === false"
    ));
    assert_eq!(hidden, true, "the list is hidden until opened");
    d.js(&format!(
        "{list}.querySelector('summary').click(); return true"
    ));
    assert_eq!(d.js(&format!("return {list}.open")), true);
    let item = d.js(&format!("return {list}.querySelector('li').innerText"));
    let item = item.as_str().unwrap();
    assert!(item.contains("A/C.3/77/L.12/Rev.1, OP 83"), "{item}");
    assert!(item.contains("(modifié)"), "{item}");
    // The word diff: what only the other paragraph says, struck out.
    let del = d.js(&format!(
        "return {list}.querySelector('.diff del').textContent"
    ));
    assert!(
        del.as_str()
            .unwrap()
            .contains("Se félicite de la Déclaration de Kyoto"),
        "{del}"
    );
    let style = d.js(&format!(
        "return getComputedStyle({list}.querySelector('.diff del')).textDecorationLine"
    ));
    assert_eq!(style, "line-through");
    // Its link leads to the other paragraph (relative, from file://).
    d.js(&format!("{list}.querySelector('a').click(); return true"));
    d.wait_js(
        "return location.pathname.endsWith('a-c-3-77-l-12-rev-1/index.html') && location.hash === '#op83'",
        "the other paragraph",
    );
    // Its page links to the comparison page.
    let link = "document.querySelector('.compare-links a[href*=\"a-c-3-77-l-2--\"]')";
    assert_eq!(d.js(&format!("return !!{link}")), true);
    d.js(&format!("{link}.click(); return true"));
    d.wait_js(
        "return location.pathname.endsWith('compare/a-c-3-77-l-2--a-c-3-77-l-12-rev-1/index.html')",
        "the comparison page",
    );
    let modified = d.js("return document.querySelectorAll('tr.row-modified').length");
    assert_eq!(modified, 3, "{modified}");
    let row = d.js("return [...document.querySelectorAll('tr.row-modified')].map(r => r.innerText).join('\\n')");
    assert!(row.as_str().unwrap().contains("OP 4"), "{row}");
    let diffs = d.js("return document.querySelectorAll('tr.row-modified .diff ins, tr.row-modified .diff del').length");
    assert!(diffs.as_u64().unwrap() >= 3, "{diffs}");
    let css = d.js("return getComputedStyle(document.body).fontFamily");
    assert!(
        css.as_str().unwrap().contains("Georgia"),
        "stylesheet loaded: {css}"
    );
    // A paragraph's reference leads back to its document.
    d.js("document.querySelector('tr.row-modified td.left a.ref').click(); return true");
    d.wait_js(
        "return location.pathname.endsWith('documents/a-c-3-77-l-2/index.html') && location.hash === '#op2'",
        "the compared paragraph",
    );
    d.goto(&format!(
        "file://{}/public/compare/a-c-3-77-l-2--a-c-3-77-l-12-rev-1/index.html",
        t.path().display()
    ));
    let pdf = d.cmd("POST", "print", Some(json!({"background": false})));
    assert!(pdf.as_str().expect("a PDF").starts_with("JVBERi"));
}

/// Issue #26: content that tries to put an XHTML script into `akn.xml`
/// (its title, body, number, symbol, a note) is escaped: the file opened
/// in Chromium is XML with text, and no script runs.
#[test]
fn an_akoma_ntoso_file_runs_no_script() {
    let Some(d) = driver() else { return };
    let t = site_copy();
    let payload = "\\\"><html:script xmlns:html=\\\"http://www.w3.org/1999/xhtml\\\">window.pwned=1</html:script><x a=\\\"";
    std::fs::write(
        t.path().join("content/zz-akn.md"),
        format!(
            "---\ntitle: \"T {payload}\"\nkind: resolution\nbody: \"B {payload}\"\nnumber: \"1/2 {payload}\"\nsymbol: \"S/{payload}\"\nslug: zz-akn\n---\n\nRappelant le texte <script>window.pwned=2</script>[^1],\n\n[^1]: Note ]]><script xmlns=\"http://www.w3.org/1999/xhtml\">window.pwned=3</script>\n"
        ),
    )
    .unwrap();
    let o = run_in(t.path(), &["build"]);
    assert!(o.status.success(), "{}", stderr(&o));
    d.goto(&format!(
        "file://{}/public/documents/zz-akn/akn.xml",
        t.path().display()
    ));
    std::thread::sleep(Duration::from_millis(300));
    assert_eq!(d.js("return typeof window.pwned"), json!("undefined"));
    // The payload is there, as text.
    let text = d.js("return document.documentElement.textContent");
    assert!(text.as_str().unwrap().contains("window.pwned=1"), "{text}");
}

/// The text of paragraph `anchor` of document `slug` in a built site's
/// `compendium.json`, and its `similar` list.
fn json_paragraph(site: &std::path::Path, slug: &str, anchor: &str) -> (String, Value) {
    let json: Value = serde_json::from_str(
        &std::fs::read_to_string(site.join("public/compendium.json")).unwrap(),
    )
    .unwrap();
    let doc = json["documents"]
        .as_array()
        .unwrap()
        .iter()
        .find(|d| d["slug"] == slug)
        .unwrap();
    let p = doc["paragraphs"]
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["anchor"] == anchor)
        .unwrap();
    (
        p["text"].as_str().unwrap().to_string(),
        p["similar"].clone(),
    )
}

/// Issue #29: wording pasted into the search (eight words or more) is
/// matched as a clause, by the lineage's measure: its paragraph first,
/// identical or modified (with the score and the words changed), then the
/// paragraphs sharing its wording; a short query is words as before; a
/// paragraph's lineage list opens the search for its wording.
#[test]
fn pasted_wording_finds_its_paragraph_first_as_identical_or_modified() {
    let Some(d) = driver() else { return };
    let t = built_site();
    let (text, similar) = json_paragraph(t.path(), "a-c-3-77-l-2", "op4");
    let here = "../documents/a-c-3-77-l-2/index.html#op4";
    let there = "../documents/a-c-3-77-l-12-rev-1/index.html#op83";
    d.goto(&format!(
        "file://{}/public/search/index.html",
        t.path().display()
    ));
    let first = |q: &str| -> Vec<String> {
        d.js(&format!(
            "var i = document.getElementById('search-input'); i.focus(); i.value = {}; i.dispatchEvent(new Event('input')); document.querySelector('.search-results') && document.querySelector('.search-results').removeAttribute('data-query'); return true",
            serde_json::to_string(q).unwrap()
        ));
        let v = d.wait_js(
            &format!("var b = document.querySelector('.search-results'); return b && b.getAttribute('data-query') === {} && [...b.querySelectorAll('[role=option]')].slice(0, 3).map(a => a.getAttribute('href') + '\\n' + a.innerText)", serde_json::to_string(q).unwrap()),
            "the answer to a pasted clause",
        );
        v.as_array()
            .unwrap()
            .iter()
            .map(|h| h.as_str().unwrap().to_string())
            .collect()
    };
    // Pasted as it is: identical; the other draft's paragraph next, with
    // the score `compendium.json` gives it.
    let hits = first(&text);
    assert!(hits[0].starts_with(here), "{hits:?}");
    assert!(hits[0].contains("(identique)"), "{hits:?}");
    let score = (similar[0]["score"].as_f64().unwrap() * 100.0).round();
    assert!(hits[1].starts_with(there), "{hits:?}");
    assert!(
        hits[1].contains(&format!("(modifié, {score} %)")),
        "{hits:?} {similar}"
    );
    assert_eq!(
        d.js("return document.querySelector('.search-results .r-count').textContent"),
        json!("2 paragraphes reprennent ce libellé")
    );
    // A few words changed: still first, modified, the changes marked.
    let changed = text
        .replace("Prie la Commission", "Invite la Commission")
        .replace("appropriées", "adéquates")
        .replace("thématiques", "ciblées");
    assert_ne!(changed, text);
    let hits = first(&changed);
    assert!(hits[0].starts_with(here), "{hits:?}");
    assert!(hits[0].contains("(modifié, "), "{hits:?}");
    assert!(hits[1].starts_with(there), "{hits:?}");
    let marks = d.js("var a = document.querySelector('.search-results [role=option]'); return [[...a.querySelectorAll('del')].map(e => e.textContent.trim()), [...a.querySelectorAll('ins')].map(e => e.textContent.trim())]");
    assert!(
        marks[0].as_array().unwrap().iter().any(|m| m == "Prie"),
        "{marks}"
    );
    assert!(
        marks[1].as_array().unwrap().iter().any(|m| m == "Invite"),
        "{marks}"
    );
    // A short query: words, as before (a count of results, no verdict).
    let short = first("Déclaration de Kyoto");
    assert!(
        !short.is_empty()
            && short
                .iter()
                .all(|h| !h.contains("(identique)") && !h.contains("(modifié")),
        "{short:?}"
    );
    let count = d.js("return document.querySelector('.search-results .r-count').textContent");
    assert!(count.as_str().unwrap().ends_with("résultats"), "{count}");
    // Eight words or more sharing no wording: words again, said so.
    first("zorglub quaffle vingt mots inventés pour voir ce qui se passe");
    let count = d.js("return document.querySelector('.search-results .r-count').textContent");
    assert!(
        count
            .as_str()
            .unwrap()
            .starts_with("Aucun paragraphe ne reprend ce libellé"),
        "{count}"
    );
    // The search page, from its address: the same, the whole text shown.
    d.goto(&format!(
        "file://{}/public/search/index.html?q={}",
        t.path().display(),
        percent(&changed)
    ));
    let page = d.wait_js(
        "var l = [...document.querySelectorAll('.search-page-list a')]; return l.length >= 2 && l.map(a => a.getAttribute('href'))",
        "the search page's answer to a pasted clause",
    );
    assert_eq!(page[0], here);
    assert_eq!(page[1], there);
    // From the paragraph: its lineage list, opened, searches its wording.
    d.goto(&format!(
        "file://{}/public/documents/a-c-3-77-l-2/index.html",
        t.path().display()
    ));
    d.js("document.querySelector('#op4 details.lineage summary').click(); return true");
    let link = d.wait_js(
        "var a = document.querySelector('#op4 details.lineage .find-wording a'); return a && a.textContent",
        "the link to find the wording",
    );
    assert_eq!(link, "Chercher ce libellé ailleurs");
    d.js("document.querySelector('#op4 .find-wording a').click(); return true");
    let page = d.wait_js(
        "var l = [...document.querySelectorAll('.search-page-list a')]; return location.pathname.endsWith('search/index.html') && l.length >= 2 && l.map(a => a.getAttribute('href'))",
        "the search for the paragraph's wording",
    );
    assert_eq!(page[0], here);
    assert_eq!(page[1], there);
    assert_eq!(
        d.js("return document.getElementById('search-page-input').value"),
        json!(text)
    );
}

/// `s` for a URL's query.
fn percent(s: &str) -> String {
    s.bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => {
                (b as char).to_string()
            }
            _ => format!("%{b:02X}"),
        })
        .collect()
}

/// Under a `base_url` subpath (GitHub Pages), a pasted clause finds its
/// paragraph, and a paragraph leads to its comparison page, all within
/// the subpath.
#[test]
fn pasted_wording_and_comparisons_work_under_a_subpath() {
    let Some(d) = driver() else { return };
    let built = built_site();
    let (text, _) = json_paragraph(built.path(), "a-c-3-77-l-2", "op4");
    let t = site_copy();
    let srv = start(
        t.path(),
        &["--base-url", "https://user.github.io/compendium/"],
    );
    assert_eq!(srv.base, "/compendium/");
    d.open_served(&srv, &format!("search/index.html?q={}", percent(&text)));
    let page = d.wait_js(
        "var l = [...document.querySelectorAll('.search-page-list a')]; return l.length >= 2 && l.map(a => a.getAttribute('href'))",
        "the search page's answer under the subpath",
    );
    assert!(
        page[0]
            .as_str()
            .unwrap()
            .contains("documents/a-c-3-77-l-2/"),
        "{page}"
    );
    d.js("document.querySelector('.search-page-list a').click(); return true");
    d.wait_js(
        "return location.pathname.startsWith('/compendium/documents/a-c-3-77-l-2/') && location.hash === '#op4'",
        "the paragraph, under the subpath",
    );
    let link = "document.querySelector('.compare-links a[href*=\"a-c-3-77-l-2--\"]')";
    d.wait_js(&format!("return !!{link}"), "the comparison link");
    d.js(&format!("{link}.click(); return true"));
    d.wait_js(
        "return location.pathname.startsWith('/compendium/compare/a-c-3-77-l-2--') && document.querySelectorAll('tr.row-modified').length > 0",
        "the comparison page, under the subpath",
    );
    let css = d.js("return getComputedStyle(document.body).fontFamily");
    assert!(css.as_str().unwrap().contains("Georgia"), "{css}");
}
