//! Issue #26, the command line: quieter wrongs made loud (a mistyped
//! path, a dangling reference, a link), `check` as `build` reads the
//! site, `init` for a new compendium, `help --help`.

use crate::common::*;
use std::io::{BufRead, BufReader, Write};

fn fails_with(o: &std::process::Output, needle: &str) {
    assert!(!o.status.success(), "expected a failure: {}", stdout(o));
    let e = stderr(o);
    assert!(!e.contains("panicked"), "{e}");
    assert!(e.contains(needle), "expected `{needle}` in: {e}");
}

#[test]
fn a_mistyped_config_path_is_an_error_naming_it() {
    let t = site_copy();
    let o = run_in(t.path(), &["build", "--config", "site.yml"]);
    fails_with(&o, "site.yml: no such configuration file");
    assert!(!t.path().join("public").exists());
    fails_with(
        &run_in(t.path(), &["check", "--config", "nope.yaml"]),
        "nope.yaml",
    );
    // The default may be absent: a bare content directory builds.
    std::fs::remove_file(t.path().join("site.yaml")).unwrap();
    assert!(run_in(t.path(), &["build"]).status.success());
}

#[test]
fn base_url_must_be_an_http_url_or_a_path() {
    let t = site_copy();
    let yaml = std::fs::read_to_string(t.path().join("site.yaml")).unwrap();
    std::fs::write(
        t.path().join("site.yaml"),
        yaml.replace("base_url: \"/\"", "base_url: \"javascript:alert(1)\""),
    )
    .unwrap();
    fails_with(&run_in(t.path(), &["build"]), "site.yaml:4: base_url");
    std::fs::write(t.path().join("site.yaml"), yaml).unwrap();
    let o = run_in(t.path(), &["build", "--base-url", "example.org/x"]);
    fails_with(&o, "--base-url");
}

#[test]
fn dangling_references_are_warnings_with_file_and_line() {
    let t = site_copy();
    std::fs::write(
        t.path().join("content/zz.md"),
        "---\ntitle: X\nkind: draft_resolution\ncontained_in: no-such-report\n---\n\nRappelant,\n",
    )
    .unwrap();
    #[cfg(unix)]
    std::os::unix::fs::symlink(
        t.path().join("content/zz.md"),
        t.path().join("content/zz-link.md"),
    )
    .unwrap();
    let o = run_in(t.path(), &["build"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let e = stderr(&o);
    assert!(
        e.contains("zz.md:4: contained_in `no-such-report` names no document"),
        "{e}"
    );
    #[cfg(unix)]
    assert!(e.contains("zz-link.md: a symbolic link is not read"), "{e}");
}

#[test]
fn an_empty_topic_pattern_is_an_error() {
    let t = site_copy();
    let yaml = std::fs::read_to_string(t.path().join("site.yaml")).unwrap();
    let yaml = yaml.replacen("    patterns:\n", "    patterns:\n      - \"\"\n", 1);
    let line = yaml.lines().position(|l| l == "      - \"\"").unwrap() + 1;
    std::fs::write(t.path().join("site.yaml"), yaml).unwrap();
    fails_with(
        &run_in(t.path(), &["build"]),
        &format!("site.yaml:{line}: topic `trafficking`: an empty pattern"),
    );
}

#[test]
fn a_flood_of_errors_is_cut_short() {
    let t = site_copy();
    let mut doc = String::from("---\ntitle: X\nkind: resolution\n---\n\n1. Décide ;\n\n");
    for _ in 0..3000 {
        doc.push_str("Texte sans numéro.\n\n");
    }
    std::fs::write(t.path().join("content/zz.md"), doc).unwrap();
    let o = run_in(t.path(), &["build"]);
    fails_with(&o, "… and 2950 more problems, not shown");
    assert!(
        stderr(&o).lines().count() < 60,
        "{}",
        stderr(&o).lines().count()
    );
}

#[test]
fn check_names_a_page_that_is_not_utf8() {
    let t = site_copy();
    assert!(run_in(t.path(), &["build"]).status.success());
    std::fs::write(t.path().join("public/bad.html"), b"<p>\n\xff</p>").unwrap();
    fails_with(
        &run_in(t.path(), &["check"]),
        "bad.html:2: the file is not valid UTF-8",
    );
}

#[test]
fn check_reads_the_output_directory_and_base_url_of_site_yaml() {
    let t = site_copy();
    let yaml = std::fs::read_to_string(t.path().join("site.yaml")).unwrap();
    let yaml = yaml
        .replace("output_dir: public", "output_dir: site")
        .replace("base_url: \"/\"", "base_url: \"https://example.org/repo/\"");
    std::fs::write(t.path().join("site.yaml"), yaml).unwrap();
    assert!(run_in(t.path(), &["build"]).status.success());
    let o = run_in(t.path(), &["check"]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(stdout(&o).contains("/site:"), "{}", stdout(&o));
    // A full URL into the site is checked as an internal link.
    let page = t.path().join("site/about-link.html");
    std::fs::write(&page, "<a href=\"https://example.org/repo/nowhere/\">x</a>").unwrap();
    fails_with(
        &run_in(t.path(), &["check"]),
        "`/repo/nowhere/` (no such file)",
    );
}

/// A server on 127.0.0.1 that answers 200 for `/ok` and 404 otherwise,
/// for as long as the test runs.
fn local_server() -> u16 {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let port = listener.local_addr().unwrap().port();
    std::thread::spawn(move || {
        for s in listener.incoming().flatten() {
            let mut r = BufReader::new(s);
            let mut line = String::new();
            if r.read_line(&mut line).is_err() {
                continue;
            }
            // The whole head read before answering: a socket closed with
            // unread bytes is reset, and the client sees a broken pipe.
            let mut header = String::new();
            while r.read_line(&mut header).is_ok_and(|n| n > 0) && header.trim() != "" {
                header.clear();
            }
            let status = if line.split_whitespace().nth(1) == Some("/ok") {
                "200 OK"
            } else {
                "404 Not Found"
            };
            let mut s = r.into_inner();
            let _ = write!(
                s,
                "HTTP/1.1 {status}\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"
            );
        }
    });
    port
}

#[test]
fn check_external_asks_links_to_other_sites_only_when_told() {
    let port = local_server();
    // A site whose only links to other sites go to the test's own server
    // on 127.0.0.1 (the seeds link to undocs.org: no traffic goes there).
    let t = tempfile::tempdir().unwrap();
    std::fs::write(t.path().join("site.yaml"), "title: Liens\n").unwrap();
    std::fs::create_dir(t.path().join("content")).unwrap();
    std::fs::write(
        t.path().join("content/zz.md"),
        format!("---\ntitle: Liens\nkind: page\n---\n\n[bon](http://127.0.0.1:{port}/ok) et [mauvais](http://127.0.0.1:{port}/missing).\n"),
    )
    .unwrap();
    assert!(run_in(t.path(), &["build"]).status.success());
    let o = run_in(t.path(), &["check"]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(
        stdout(&o).contains("external links not checked"),
        "{}",
        stdout(&o)
    );
    let o = run_in(t.path(), &["check", "--external", "--timeout", "5"]);
    fails_with(&o, &format!("`http://127.0.0.1:{port}/missing` (HTTP 404)"));
    assert!(!stderr(&o).contains("/ok`"), "{}", stderr(&o));
}

#[test]
fn init_then_build_then_check_succeed() {
    let t = tempfile::tempdir().unwrap();
    let o = run_in(t.path(), &["init", "new"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let dir = t.path().join("new");
    for f in [
        "site.yaml",
        "content/example-resolution.md",
        ".github/workflows/pages.yml",
        ".gitignore",
    ] {
        assert!(dir.join(f).is_file(), "{f}");
    }
    let o = run_in(&dir, &["build"]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(stderr(&o).is_empty(), "no warning: {}", stderr(&o));
    let page = std::fs::read_to_string(dir.join("public/documents/example-resolution/index.html"))
        .unwrap();
    assert!(page.contains("id=\"op2a\""), "anchors");
    let o = run_in(&dir, &["check"]);
    assert!(o.status.success(), "{}", stderr(&o));
    // Never over an existing compendium.
    let before = snapshot(&dir);
    fails_with(&run_in(t.path(), &["init", "new"]), "already holds");
    assert_eq!(snapshot(&dir), before);
}

#[test]
fn help_takes_help_like_every_command() {
    let t = tempfile::tempdir().unwrap();
    for args in [
        &["help", "--help"][..],
        &["help"],
        &["help", "build"],
        &["--help"],
    ] {
        let o = run_in(t.path(), args);
        assert!(o.status.success(), "{args:?}: {}", stderr(&o));
        assert!(
            stdout(&o).contains("Usage: compendium"),
            "{args:?}: {}",
            stdout(&o)
        );
    }
    fails_with(&run_in(t.path(), &["help", "nope"]), "no command `nope`");
}

#[test]
fn serve_open_never_fails_without_a_browser() {
    let t = site_copy();
    // No opener on the PATH: the address is printed instead.
    let mut child = bin()
        .current_dir(t.path())
        .args(["serve", "--port", "0", "--open"])
        .env("PATH", "/nonexistent")
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::null())
        .spawn()
        .unwrap();
    let out = BufReader::new(child.stdout.take().unwrap());
    let mut saw = false;
    for line in out.lines().map_while(Result::ok) {
        if line.contains("open http://") && line.contains("in a browser") {
            saw = true;
            break;
        }
    }
    let _ = child.kill();
    let _ = child.wait();
    assert!(saw, "serve --open said where to go");
}
