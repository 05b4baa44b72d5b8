//! Failure behaviour: clear messages naming file and line, non-zero exit,
//! never a panic, never the last good site lost.

use crate::common::*;
use std::path::Path;

fn assert_clean_failure(o: &std::process::Output, needle: &str) {
    assert!(!o.status.success(), "expected failure");
    let e = stderr(o);
    assert!(!e.contains("panicked"), "panic: {e}");
    assert!(e.contains(needle), "expected `{needle}` in: {e}");
}

#[test]
fn import_rejects_empty_binary_and_structureless_files() {
    let dir = repo().join("tests/fixtures/import");
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("c");
    let out = out.to_str().unwrap();
    let o = bin()
        .args(["import", dir.join("empty.txt").to_str().unwrap(), "-o", out])
        .output()
        .unwrap();
    assert_clean_failure(&o, "empty.txt: the file is empty");
    let o = bin()
        .args([
            "import",
            dir.join("binary.txt").to_str().unwrap(),
            "-o",
            out,
        ])
        .output()
        .unwrap();
    assert_clean_failure(&o, "not a text file");
    let o = bin()
        .args([
            "import",
            dir.join("structureless.txt").to_str().unwrap(),
            "-o",
            out,
        ])
        .output()
        .unwrap();
    assert_clean_failure(&o, "no recognisable structure");
    let o = bin()
        .args(["import", "/nonexistent/file.txt", "-o", out])
        .output()
        .unwrap();
    assert_clean_failure(&o, "cannot read /nonexistent/file.txt");
}

/// A site with one good document and whatever `bad` holds as a second file.
fn site_with(bad: &str) -> tempfile::TempDir {
    let tmp = site_copy();
    std::fs::write(tmp.path().join("content/zz-broken.md"), bad).unwrap();
    tmp
}

fn build_in(dir: &Path) -> std::process::Output {
    run_in(dir, &["build"])
}

#[test]
fn malformed_front_matter_names_file_and_line() {
    let t = site_with("---\nkind: resolution\ntitle: \"unclosed\n---\n\nRappelant,\n");
    assert_clean_failure(&build_in(t.path()), "zz-broken.md:");
    let o = build_in(t.path());
    assert!(
        stderr(&o).contains("malformed front matter"),
        "{}",
        stderr(&o)
    );
}

#[test]
fn front_matter_that_is_not_a_mapping() {
    let t = site_with("---\n- a list\n---\n\nRappelant,\n");
    assert_clean_failure(
        &build_in(t.path()),
        "zz-broken.md:2: the front matter is not a mapping",
    );
}

#[test]
fn unknown_kind_is_reported_at_its_line() {
    let t = site_with("---\ntitle: X\nkind: motion\n---\n\nRappelant,\n");
    assert_clean_failure(&build_in(t.path()), "zz-broken.md:3: unknown kind `motion`");
}

#[test]
fn unknown_topic_in_an_override() {
    let t = site_with("---\nkind: resolution\n---\n\nRappelant, {+piracy}\n");
    assert_clean_failure(
        &build_in(t.path()),
        "zz-broken.md:5: unknown topic `piracy`",
    );
}

#[test]
fn duplicate_anchor_in_a_document() {
    let t = site_with("---\nkind: resolution\n---\n\n1. Décide ;\n\n1. Décide encore.\n");
    assert_clean_failure(
        &build_in(t.path()),
        "zz-broken.md:7: duplicate anchor `#op1`",
    );
}

#[test]
fn two_documents_with_the_same_slug() {
    let t = site_with("---\nkind: resolution\nslug: resolution-6-1\n---\n\nRappelant,\n");
    assert_clean_failure(&build_in(t.path()), "duplicate slug `resolution-6-1`");
}

#[test]
fn footnote_called_but_not_defined_and_defined_but_not_called() {
    let t = site_with("---\nkind: resolution\n---\n\nRappelant[^9],\n");
    assert_clean_failure(
        &build_in(t.path()),
        "zz-broken.md:5: footnote [^9] is called here but never defined",
    );
    let t = site_with("---\nkind: resolution\n---\n\nRappelant,\n\n[^9]: Une note.\n");
    let o = build_in(t.path());
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(
        stderr(&o).contains("warning: ")
            && stderr(&o).contains("zz-broken.md:7: footnote [^9] is defined but never called"),
        "{}",
        stderr(&o)
    );
}

#[test]
fn non_utf8_content_file() {
    let t = site_copy();
    std::fs::write(
        t.path().join("content/latin1.md"),
        b"---\nkind: resolution\n---\n\nR\xe9solution,\n",
    )
    .unwrap();
    assert_clean_failure(
        &build_in(t.path()),
        "latin1.md:5: the file is not valid UTF-8",
    );
}

#[test]
fn empty_or_missing_content_directory() {
    let t = tempfile::tempdir().unwrap();
    std::fs::write(t.path().join("site.yaml"), "title: X\n").unwrap();
    assert_clean_failure(&build_in(t.path()), "content directory not found");
    std::fs::create_dir(t.path().join("content")).unwrap();
    assert_clean_failure(&build_in(t.path()), "holds no .md file");
}

#[test]
fn template_syntax_error_and_missing_template() {
    let t = site_copy();
    let tpl = t.path().join("themes/default/templates");
    std::fs::create_dir_all(&tpl).unwrap();
    std::fs::write(
        tpl.join("index.html"),
        "{% extends \"base.html\" %}\n{% block content %}\n{{ oops(\n{% endblock content %}\n",
    )
    .unwrap();
    let o = build_in(t.path());
    assert_clean_failure(&o, "index.html");
    assert!(
        stderr(&o).contains("--> 4:"),
        "line of the error: {}",
        stderr(&o)
    );
    // A template that includes one that does not exist.
    std::fs::write(tpl.join("index.html"), "{% include \"nowhere.html\" %}\n").unwrap();
    assert_clean_failure(&build_in(t.path()), "nowhere.html");
}

#[test]
fn unwritable_output_keeps_the_previous_site() {
    let t = site_copy();
    assert!(build_in(t.path()).status.success());
    let before = snapshot(&t.path().join("public"));
    // A file where the output's parent directory should be.
    std::fs::write(t.path().join("blocker"), "x").unwrap();
    let o = run_in(t.path(), &["build", "-o", "blocker/public"]);
    assert_clean_failure(&o, "blocker");
    assert_eq!(snapshot(&t.path().join("public")), before);
}

#[test]
fn a_failed_build_leaves_the_last_good_site_byte_for_byte() {
    let t = site_copy();
    assert!(build_in(t.path()).status.success());
    let before = snapshot(&t.path().join("public"));
    std::fs::write(t.path().join("content/zz-broken.md"), "---\nkind: [\n---\n").unwrap();
    assert!(!build_in(t.path()).status.success());
    assert_eq!(snapshot(&t.path().join("public")), before);
}

#[test]
fn invalid_site_configuration_names_the_field() {
    let t = site_copy();
    std::fs::write(
        t.path().join("site.yaml"),
        "title: X\ntheme: default\nlanguag: en\n",
    )
    .unwrap();
    assert_clean_failure(&build_in(t.path()), "site.yaml:3");
}

#[test]
fn a_build_killed_midway_leaves_a_complete_site() {
    let t = site_copy();
    assert!(build_in(t.path()).status.success());
    let old = snapshot(&t.path().join("public"));
    // Make the next build slower and different: many more documents.
    let src = std::fs::read_to_string(t.path().join("content/a-c-3-77-l-12-rev-1.md")).unwrap();
    for i in 0..60 {
        let copy = src
            .replace("slug: a-c-3-77-l-12-rev-1", &format!("slug: copie-{i}"))
            .replace("symbol: A/C.3/77/L.12/Rev.1", "symbol: null");
        std::fs::write(t.path().join(format!("content/copie-{i}.md")), copy).unwrap();
    }
    for delay_ms in [5u64, 40, 120, 300] {
        let mut child = bin()
            .current_dir(t.path())
            .arg("build")
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::null())
            .spawn()
            .unwrap();
        std::thread::sleep(std::time::Duration::from_millis(delay_ms));
        let _ = child.kill();
        let status = child.wait().unwrap();
        let now = snapshot(&t.path().join("public"));
        if status.success() {
            assert!(now.len() > old.len(), "a finished build is complete");
        } else {
            assert!(now == old || now.len() > old.len() + 60, "killed after {delay_ms} ms: the site is neither the old one nor a complete new one");
        }
    }
    // The next build cleans up after the killed ones and succeeds.
    assert!(build_in(t.path()).status.success());
    let leftovers: Vec<_> = std::fs::read_dir(t.path())
        .unwrap()
        .flatten()
        .filter(|e| e.file_name().to_string_lossy().starts_with(".public."))
        .filter(|e| e.file_name() != ".public.lock") // the lock file stays
        .collect();
    assert!(leftovers.is_empty());
}

#[test]
fn topic_patterns_too_large_to_compile() {
    // Valid syntax (site.yaml's check passes) but over the regex size
    // limit once compiled: the build fails at the topic's line, keeping
    // the last good site.
    let t = site_copy();
    assert!(build_in(t.path()).status.success());
    let index = std::fs::read(t.path().join("public/index.html")).unwrap();
    let cfg = std::fs::read_to_string(t.path().join("site.yaml")).unwrap();
    let huge =
        "topics:\n  - id: huge\n    label: Huge\n    patterns:\n      - '(?:\\w{100}){100}'\n";
    let cfg = cfg.replacen("topics:\n", huge, 1);
    let line = cfg.lines().position(|l| l.contains("id: huge")).unwrap() + 1;
    std::fs::write(t.path().join("site.yaml"), cfg).unwrap();
    assert_clean_failure(
        &build_in(t.path()),
        &format!("site.yaml:{line}: topic `huge`: its patterns cannot be compiled"),
    );
    assert_eq!(
        std::fs::read(t.path().join("public/index.html")).unwrap(),
        index,
        "the last good site"
    );
}

/// Issue #25: `compendium import … | head -1` is no panic.
#[test]
fn printing_to_a_closed_pipe_is_not_a_panic() {
    let tmp = tempfile::tempdir().unwrap();
    let mut child = bin()
        .current_dir(tmp.path())
        .arg("import")
        .args(seed_sources().iter().map(|s| repo().join(&s.path)))
        .args(["-o", "c"])
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    drop(child.stdout.take()); // the reader is gone before anything is said
    let o = child.wait_with_output().unwrap();
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(!err.contains("panicked"), "{err}");
    assert!(o.status.success(), "{err}");
    assert_eq!(std::fs::read_dir(tmp.path().join("c")).unwrap().count(), 12);
}
