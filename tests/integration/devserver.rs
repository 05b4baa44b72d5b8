//! Issue #26: the dev server answers only its own pages (no DNS
//! rebinding), keeps to its content types, drops slow clients, binds its
//! port before it writes anything and serves the last good site on disk
//! when its first build fails.

use crate::common::*;
use crate::serve::{get, start, wait_for};
use std::io::{Read, Write};
use std::net::TcpStream;
use std::time::{Duration, Instant};

/// A raw request with the given head lines; the whole answer.
fn request(port: u16, head: &str) -> String {
    let mut s = TcpStream::connect(("127.0.0.1", port)).unwrap();
    s.set_read_timeout(Some(Duration::from_secs(20))).unwrap();
    write!(s, "{head}Connection: close\r\n\r\n").unwrap();
    let mut buf = Vec::new();
    let _ = s.read_to_end(&mut buf);
    String::from_utf8_lossy(&buf).into_owned()
}

#[test]
fn serve_answers_only_its_own_names_and_marks_every_answer_nosniff() {
    let t = site_copy();
    let srv = start(t.path(), &[]);
    wait_for(srv.port, "/", |b| b.starts_with("HTTP/1.1 200"));
    let page = "/documents/resolution-6-1/";
    for host in [
        "evil.example",
        &format!("evil.example:{}", srv.port),
        "127.0.0.1.nip.io",
    ] {
        let r = request(
            srv.port,
            &format!("GET {page} HTTP/1.1\r\nHost: {host}\r\n"),
        );
        assert!(r.starts_with("HTTP/1.1 403"), "{host}: {r}");
        assert!(!r.contains("Rappelant"), "{host}");
    }
    for host in [
        format!("localhost:{}", srv.port),
        format!("127.0.0.1:{}", srv.port),
    ] {
        let r = request(
            srv.port,
            &format!("GET {page} HTTP/1.1\r\nHost: {host}\r\n"),
        );
        assert!(r.starts_with("HTTP/1.1 200"), "{host}: {r}");
    }
    // No Host at all (HTTP/1.0): refused too.
    let r = request(srv.port, &format!("GET {page} HTTP/1.0\r\n"));
    assert!(
        r.starts_with("HTTP/1.0 403") || r.starts_with("HTTP/1.1 403"),
        "{r}"
    );
    // Every answer: nosniff and its content type.
    for (path, ty) in [
        (page, "text/html; charset=utf-8"),
        ("/assets/style.css", "text/css; charset=utf-8"),
        ("/assets/site.js", "text/javascript; charset=utf-8"),
        ("/compendium.json", "application/json"),
        ("/documents/resolution-6-1/akn.xml", "application/xml"),
        ("/nowhere", "text/html; charset=utf-8"),
    ] {
        let (_, r) = get(srv.port, path);
        let head = r.split("\r\n\r\n").next().unwrap().to_ascii_lowercase();
        assert!(
            head.contains("x-content-type-options: nosniff"),
            "{path}: {head}"
        );
        assert!(
            head.contains(&format!("content-type: {ty}")),
            "{path}: {head}"
        );
    }
    // The websocket of another site's page is refused; its own is open.
    let ws = |origin: &str| {
        request(
            srv.port,
            &format!(
                "GET /__livereload HTTP/1.1\r\nHost: 127.0.0.1:{}\r\nOrigin: {origin}\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n",
                srv.port
            ),
        )
    };
    assert!(ws("http://evil.example").starts_with("HTTP/1.1 403"));
    let mut s = TcpStream::connect(("127.0.0.1", srv.port)).unwrap();
    write!(s, "GET /__livereload HTTP/1.1\r\nHost: 127.0.0.1:{0}\r\nOrigin: http://127.0.0.1:{0}\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n", srv.port).unwrap();
    let mut head = [0u8; 12];
    s.read_exact(&mut head).unwrap();
    assert_eq!(&head, b"HTTP/1.1 101");
}

#[test]
fn a_directory_without_its_slash_is_redirected() {
    let t = site_copy();
    let srv = start(t.path(), &[]);
    wait_for(srv.port, "/", |b| b.starts_with("HTTP/1.1 200"));
    let (code, r) = get(srv.port, "/documents/resolution-6-1?x=1");
    assert_eq!(code, 308, "{r}");
    assert!(
        r.contains("location: /documents/resolution-6-1/?x=1"),
        "{r}"
    );
    // Never to another host.
    let (code, r) = get(srv.port, "//documents/resolution-6-1");
    assert!(code == 404 || r.contains("location: /documents/"), "{r}");
    let (code, _) = get(srv.port, "/documents/resolution-6-1/index.html");
    assert_eq!(code, 200);
}

#[test]
fn a_client_that_sends_its_request_too_slowly_is_dropped() {
    let t = site_copy();
    let srv = start(t.path(), &[]);
    wait_for(srv.port, "/", |b| b.starts_with("HTTP/1.1 200"));
    let mut s = TcpStream::connect(("127.0.0.1", srv.port)).unwrap();
    s.set_read_timeout(Some(Duration::from_secs(30))).unwrap();
    let t0 = Instant::now();
    write!(s, "GET / HTTP/1.1\r\nHost: 127.0.0").unwrap();
    let mut buf = Vec::new();
    let r = s.read_to_end(&mut buf);
    assert!(r.is_ok(), "the server kept the connection open: {r:?}");
    assert!(t0.elapsed() < Duration::from_secs(20), "{:?}", t0.elapsed());
    // The server still answers others.
    assert_eq!(get(srv.port, "/").0, 200);
}

#[test]
fn a_second_serve_on_a_busy_port_writes_nothing() {
    let t = site_copy();
    let srv = start(t.path(), &[]);
    let other = site_copy();
    let o = run_in(other.path(), &["serve", "--port", &srv.port.to_string()]);
    assert!(!o.status.success());
    assert!(stderr(&o).contains("cannot listen"), "{}", stderr(&o));
    assert!(!other.path().join("public").exists(), "public/ was written");
}

#[test]
fn serve_whose_first_build_fails_serves_the_last_good_site() {
    let t = site_copy();
    assert!(run_in(t.path(), &["build"]).status.success());
    std::fs::write(t.path().join("content/zz.md"), "---\nkind: [\n---\n").unwrap();
    let srv = start(t.path(), &[]);
    let (code, body) = get(srv.port, "/documents/resolution-6-1/");
    assert_eq!(code, 200, "{body}");
    assert!(body.contains("Rappelant sa résolution 5/1"));
    assert!(
        body.contains("malformed front matter"),
        "the error, over it"
    );
    // Fixed: the new site is served.
    std::fs::remove_file(t.path().join("content/zz.md")).unwrap();
    wait_for(srv.port, "/documents/resolution-6-1/", |b| {
        !b.contains("malformed front matter")
    });
}
