//! `compendium serve`: edits are rebuilt and pushed to open pages; a broken
//! file shows an error while the last good site stays served; nothing
//! outside the output is ever served.

use crate::common::*;
use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::process::{Child, Stdio};
use std::time::{Duration, Instant};

pub struct Server {
    pub child: Child,
    pub port: u16,
    pub base: String,
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// Start `serve` on a free port in `dir` and wait for its address.
pub fn start(dir: &std::path::Path, extra: &[&str]) -> Server {
    let mut args = vec!["serve", "--port", "0"];
    args.extend_from_slice(extra);
    let child = bin()
        .current_dir(dir)
        .args(&args)
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    // Owned by the guard at once, so a failed start still kills the process.
    let mut server = Server {
        child,
        port: 0,
        base: String::new(),
    };
    let stdout = server.child.stdout.take().unwrap();
    let (tx, rx) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        for line in BufReader::new(stdout).lines().map_while(Result::ok) {
            let _ = tx.send(line);
        }
    });
    let deadline = Instant::now() + Duration::from_secs(60);
    loop {
        let line = rx
            .recv_timeout(deadline.saturating_duration_since(Instant::now()))
            .expect("serve printed its address");
        if let Some(rest) = line.strip_prefix("serving http://") {
            let addr = rest.split_whitespace().next().unwrap();
            let (host_port, path) = addr.split_at(addr.find('/').unwrap());
            server.port = host_port.rsplit(':').next().unwrap().parse().unwrap();
            server.base = path.to_string();
            return server;
        }
    }
}

/// A raw HTTP GET (the path is sent exactly as given).
pub fn get(port: u16, path: &str) -> (u16, String) {
    let mut s = TcpStream::connect(("127.0.0.1", port)).unwrap();
    s.set_read_timeout(Some(Duration::from_secs(20))).unwrap();
    write!(
        s,
        "GET {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n"
    )
    .unwrap();
    let mut buf = Vec::new();
    s.read_to_end(&mut buf).unwrap();
    let text = String::from_utf8_lossy(&buf).into_owned();
    let code = text
        .split_whitespace()
        .nth(1)
        .unwrap_or("0")
        .parse()
        .unwrap_or(0);
    (code, text)
}

/// Wait until `GET path` satisfies `pred`.
pub fn wait_for(port: u16, path: &str, pred: impl Fn(&str) -> bool) -> String {
    let deadline = Instant::now() + Duration::from_secs(60);
    loop {
        let (_, body) = get(port, path);
        if pred(&body) {
            return body;
        }
        assert!(Instant::now() < deadline, "timed out waiting on {path}");
        std::thread::sleep(Duration::from_millis(100));
    }
}

/// A minimal websocket client: handshake, then read text frames.
pub struct Ws(TcpStream);

impl Ws {
    pub fn connect(port: u16, path: &str) -> Ws {
        let mut s = TcpStream::connect(("127.0.0.1", port)).unwrap();
        write!(
            s,
            "GET {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n"
        )
        .unwrap();
        let mut head = Vec::new();
        let mut byte = [0u8; 1];
        while !head.ends_with(b"\r\n\r\n") {
            s.read_exact(&mut byte).unwrap();
            head.push(byte[0]);
        }
        assert!(
            String::from_utf8_lossy(&head).starts_with("HTTP/1.1 101"),
            "{}",
            String::from_utf8_lossy(&head)
        );
        s.set_read_timeout(Some(Duration::from_secs(60))).unwrap();
        Ws(s)
    }

    /// The next message of the given type (`"reload"`, `"error"`). A plain
    /// `fs::write` truncates before writing, so a rebuild may briefly see an
    /// empty file; such passing messages are skipped.
    pub fn next_of(&mut self, kind: &str) -> String {
        loop {
            let m = self.next_text();
            if m.contains(&format!("\"type\":\"{kind}\"")) {
                return m;
            }
        }
    }

    /// The next text message.
    pub fn next_text(&mut self) -> String {
        loop {
            let mut h = [0u8; 2];
            self.0.read_exact(&mut h).unwrap();
            let op = h[0] & 0x0f;
            let mut len = (h[1] & 0x7f) as u64;
            if len == 126 {
                let mut b = [0u8; 2];
                self.0.read_exact(&mut b).unwrap();
                len = u16::from_be_bytes(b) as u64;
            } else if len == 127 {
                let mut b = [0u8; 8];
                self.0.read_exact(&mut b).unwrap();
                len = u64::from_be_bytes(b);
            }
            let mut payload = vec![0u8; len as usize];
            self.0.read_exact(&mut payload).unwrap();
            if op == 1 {
                return String::from_utf8(payload).unwrap();
            }
        }
    }
}

/// The sources are watched before the server says where it is: a file
/// saved the moment it answers is not missed (it was, now and then, when
/// the watches were set up after; the edit test below then timed out).
#[test]
fn an_edit_saved_as_soon_as_serve_starts_is_built() {
    let t = site_copy();
    let file = t.path().join("content/resolution-6-1.md");
    let original = std::fs::read_to_string(&file).unwrap();
    let srv = start(t.path(), &[]);
    std::fs::write(
        &file,
        original.replace(
            "Rappelant sa résolution 5/1",
            "Rappelant TÔT sa résolution 5/1",
        ),
    )
    .unwrap();
    let page = format!("{}documents/resolution-6-1/", srv.base);
    wait_for(srv.port, &page, |b| b.contains("TÔT sa résolution 5/1"));
}

#[test]
fn serve_rebuilds_on_edit_reports_errors_and_recovers() {
    let t = site_copy();
    let srv = start(t.path(), &[]);
    let page = format!("{}documents/resolution-6-1/", srv.base);
    let body = wait_for(srv.port, &page, |b| {
        b.contains("Rappelant</em> sa résolution 5/1")
    });
    assert!(body.contains("__livereload"), "live-reload client injected");
    let mut ws = Ws::connect(srv.port, &format!("{}__livereload", srv.base));

    // Edit: the new text is served and open pages are told to reload.
    let file = t.path().join("content/resolution-6-1.md");
    let original = std::fs::read_to_string(&file).unwrap();
    std::fs::write(
        &file,
        original.replace(
            "Rappelant sa résolution 5/1",
            "Rappelant NOUVEAU sa résolution 5/1",
        ),
    )
    .unwrap();
    let msg = ws.next_of("reload");
    assert!(msg.contains("documents/resolution-6-1/index.html"), "{msg}");
    wait_for(srv.port, &page, |b| b.contains("NOUVEAU sa résolution 5/1"));
    // The output directory follows (written just after the swap).
    let on_disk = t.path().join("public/documents/resolution-6-1/index.html");
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(10);
    while !std::fs::read_to_string(&on_disk)
        .unwrap_or_default()
        .contains("NOUVEAU")
    {
        assert!(
            std::time::Instant::now() < deadline,
            "output directory updated"
        );
        std::thread::sleep(std::time::Duration::from_millis(20));
    }

    // Break it: an error message, the overlay, and the last good page still served.
    std::fs::write(&file, "---\nkind: [\n---\n").unwrap();
    let msg = ws.next_of("error");
    assert!(msg.contains("resolution-6-1.md"), "{msg}");
    let body = wait_for(srv.port, &page, |b| b.contains("malformed front matter"));
    assert!(body.starts_with("HTTP/1.1 200"));
    assert!(
        body.contains("NOUVEAU sa résolution 5/1"),
        "last good page kept"
    );
    assert!(
        body.contains("compendium-overlay") && body.contains("malformed front matter"),
        "overlay"
    );

    // Fix it: recovers without a restart.
    std::fs::write(&file, &original).unwrap();
    ws.next_of("reload");
    let body = wait_for(srv.port, &page, |b| {
        b.contains("Rappelant</em> sa résolution 5/1")
    });
    assert!(!body.contains("malformed front matter"));

    // Broken again, then put back exactly as it was (the rebuilt site is
    // the last good one, byte for byte): the overlay still goes.
    std::fs::write(&file, "---\nkind: [\n---\n").unwrap();
    ws.next_of("error");
    wait_for(srv.port, &page, |b| b.contains("malformed front matter"));
    std::fs::write(&file, &original).unwrap();
    ws.next_of("reload");
    wait_for(srv.port, &page, |b| !b.contains("malformed front matter"));

    // A new file and a deleted file.
    std::fs::write(
        t.path().join("content/zz-new.md"),
        "---\nkind: resolution\ntitle: Nouveau texte\n---\n\nRappelant,\n",
    )
    .unwrap();
    wait_for(srv.port, &format!("{}documents/zz-new/", srv.base), |b| {
        b.contains("Nouveau texte")
    });
    std::fs::remove_file(t.path().join("content/zz-new.md")).unwrap();
    wait_for(srv.port, &format!("{}documents/zz-new/", srv.base), |b| {
        b.starts_with("HTTP/1.1 404")
    });
}

#[test]
fn serve_never_serves_outside_the_output() {
    let t = site_copy();
    std::fs::write(t.path().join("secret.txt"), "TOP SECRET").unwrap();
    #[cfg(unix)]
    std::os::unix::fs::symlink(
        t.path().join("secret.txt"),
        t.path().join("content/link.txt"),
    )
    .unwrap();
    let srv = start(t.path(), &[]);
    wait_for(srv.port, "/", |b| b.starts_with("HTTP/1.1 200"));
    for p in [
        "/../secret.txt",
        "/%2e%2e/secret.txt",
        "/documents/%2E%2E/%2E%2E/secret.txt",
        "/..%2fsecret.txt",
        "/assets/../../secret.txt",
        "/content/link.txt",
        "/../site.yaml",
    ] {
        let (code, body) = get(srv.port, p);
        assert_eq!(code, 404, "{p}");
        assert!(!body.contains("TOP SECRET"), "{p}");
    }
}

#[test]
fn serve_works_under_a_base_url_subpath() {
    let t = site_copy();
    let srv = start(
        t.path(),
        &["--base-url", "https://user.github.io/compendium/"],
    );
    assert_eq!(srv.base, "/compendium/");
    let body = wait_for(srv.port, "/compendium/documents/resolution-6-1/", |b| {
        b.starts_with("HTTP/1.1 200")
    });
    assert!(body.contains("/compendium/__livereload"));
    let _ws = Ws::connect(srv.port, "/compendium/__livereload");
    let (code, _) = get(srv.port, "/documents/resolution-6-1/");
    assert_eq!(code, 404);
}

/// What watch mode reuses from build to build must never show: after each
/// kind of edit, the rebuilt site equals a fresh build byte for byte.
#[test]
fn watch_rebuilds_equal_fresh_builds() {
    use compendium::serve::watch::{Builder, Rebuilt};
    use compendium::site::{BuildOptions, Site};
    let t = site_copy();
    // The search index's stems parts split when above 4 KB (their limit
    // in a large compendium): the seeds' larger ones split, and edits
    // move parts across the limit.
    let opts = BuildOptions {
        search_part_limit: 4096,
        ..BuildOptions::new(t.path().join("site.yaml"))
    };
    let mut builder = Builder::new(opts.clone());
    assert!(matches!(builder.rebuild(true), Rebuilt::Site { .. }));
    let content = t.path().join("content");
    // An edit of a content file: as it was when the edit was made, with
    // `from` replaced by `to`; and the file put back as it was.
    let replaced = |name: &str, from: &'static str, to: &'static str| -> Box<dyn Fn()> {
        let path = content.join(name);
        let original = std::fs::read_to_string(&path).unwrap();
        Box::new(move || {
            let text = original.replacen(from, to, 1);
            assert_ne!(text, original, "{from:?} is in {}", path.display());
            std::fs::write(&path, text).unwrap();
        })
    };
    let restored = |name: &str| -> Box<dyn Fn()> {
        let path = content.join(name);
        let original = std::fs::read_to_string(&path).unwrap();
        Box::new(move || std::fs::write(&path, &original).unwrap())
    };
    let file = "resolution-6-1.md";
    let citing = "application-des-dispositions-de-la-convention-des.md";
    let draft = "a-c-3-77-l-8-rev-1.md";
    let report = "a-77-464.md";
    let new_file = content.join("zz-cites.md");
    let first_file = content.join("0-avant.md");
    type Edit<'a> = (&'a str, Box<dyn Fn() + 'a>);
    let edits: Vec<Edit> = vec![
        // A paragraph gains a topic: counts, topic pages, badges change.
        (
            "topic",
            replaced(
                file,
                "Rappelant sa résolution 5/1",
                "Rappelant le trafic d’armes à feu et sa résolution 5/1",
            ),
        ),
        // A citation disappears: the cited document's "Cité par" changes.
        (
            "citation",
            replaced(file, "Rappelant sa résolution 5/1", "Rappelant"),
        ),
        // The document's number changes: citations of it in the other
        // documents, unchanged themselves, no longer link to it.
        ("number", replaced(file, "number: 6/1\n", "number: 6/97\n")),
        // Its title changes: the pages before and after it show it.
        ("title", replaced(file, "title: Assurer", "title: Garantir")),
        // A document citing it, referred to by its title, changes its
        // title: the cited document's "Cité par" shows it.
        (
            "citing document",
            replaced(citing, "title: Application des", "title: Mise en œuvre des"),
        ),
        ("citing document back", restored(citing)),
        // A draft changes its title: the report containing it lists it.
        (
            "contained draft",
            replaced(draft, "\ntitle: ", "\ntitle: Nouveau, "),
        ),
        ("contained draft back", restored(draft)),
        // The report gets a title: the drafts it contains name it.
        (
            "containing report",
            replaced(report, "\ntitle: null\n", "\ntitle: Rapport\n"),
        ),
        ("containing report back", restored(report)),
        // A new document citing another one, then gone again.
        (
            "new file",
            Box::new(|| {
                std::fs::write(
                    &new_file,
                    "---\nkind: resolution\ntitle: Texte nouveau\n---\n\n1. *Rappelle* sa résolution 6/1 sur la corruption ;\n",
                )
                .unwrap()
            }),
        ),
        (
            "deleted file",
            Box::new(|| std::fs::remove_file(&new_file).unwrap()),
        ),
        // A document that comes first: every other one moves one place
        // in the search index, whose parts name documents by place.
        (
            "new first file",
            Box::new(|| {
                std::fs::write(
                    &first_file,
                    "---\nkind: decision\norder: 0\nnumber: '1/1'\ntitle: Avant tout\n---\n\n1. *Décide* de lutter contre le trafic de migrants ;\n",
                )
                .unwrap()
            }),
        ),
        (
            "deleted first file",
            Box::new(|| std::fs::remove_file(&first_file).unwrap()),
        ),
        // A paragraph whose wording another document shares changes:
        // its lineage lists, the other's diff and their comparison page.
        (
            "shared wording",
            replaced(
                "a-c-3-77-l-2.md",
                "des enseignements tirés",
                "des leçons tirées",
            ),
        ),
        // … or becomes identical to it: a list's verdicts and the
        // words kept from the last build (watch mode hashes only the
        // edited document's) must give what a fresh build gives.
        (
            "shared wording identical",
            replaced(
                "a-c-3-77-l-2.md",
                "Prie la Commission pour la prévention du crime",
                "Se félicite de la Déclaration de Kyoto, et prie la Commission pour la prévention du crime",
            ),
        ),
        // … or loses part of it: the scores and diffs change.
        (
            "shared wording gone",
            replaced(
                "a-c-3-77-l-2.md",
                "Prie la Commission pour la prévention du crime",
                "Décide que le Congrès",
            ),
        ),
        ("shared wording back", restored("a-c-3-77-l-2.md")),
        // A paragraph added with another document's wording: the lists
        // of both (watch mode updates the lineage of the last build).
        (
            "shared paragraph added",
            replaced(
                "a-c-3-77-l-3.md",
                "selon qu’il conviendra.\n",
                "selon qu’il conviendra ;\n\n13. Recommande aux États Membres d’adopter des politiques et programmes multisectoriels de prévention du crime destinés aux jeunes.\n",
            ),
        ),
        ("shared paragraph gone", restored("a-c-3-77-l-3.md")),
        // The document sharing most wording deleted, then back.
        (
            "shared document deleted",
            Box::new(|| std::fs::remove_file(content.join("a-c-3-77-l-12-rev-1.md")).unwrap()),
        ),
        ("shared document back", restored("a-c-3-77-l-12-rev-1.md")),
        ("back", restored(file)),
    ];
    for (what, edit) in &edits {
        edit();
        match builder.rebuild(false) {
            Rebuilt::Site { .. } => {}
            Rebuilt::Failed(e) => panic!("{what}: {e}"),
            Rebuilt::Nothing => panic!("{what}: nothing rebuilt"),
        }
        let fresh = Site::load(&opts).unwrap().render().unwrap();
        if *what == "new first file" {
            let index = fresh.get("assets/search-index.js").unwrap();
            let index = String::from_utf8_lossy(&index);
            assert!(
                index.contains("{\"docs\":[[\"documents/0-avant/"),
                "{}",
                &index[..200]
            );
        }
        let kept = &builder.last_good;
        assert_eq!(
            kept.files.keys().collect::<Vec<_>>(),
            fresh.files.keys().collect::<Vec<_>>(),
            "{what}: the same files"
        );
        for (path, bytes) in &fresh.files {
            assert!(
                kept.files[path] == *bytes,
                "{what}: {path} differs from a fresh build"
            );
        }
    }
}
