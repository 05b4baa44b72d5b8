//! Issue #26: the way the site is written never loses data — a rebuild
//! over the last site, a theme that overrides built-in files, a build that
//! fails after a good one.

use crate::common::*;
use std::path::Path;

/// The repository's layout: config, content and `themes/default` (whose
/// `static/` holds the same files as the built-in theme).
fn site_with_theme() -> tempfile::TempDir {
    let t = site_copy();
    copy_dir(&repo().join("themes"), &t.path().join("themes"));
    t
}

fn asset(dir: &Path, name: &str) -> Vec<u8> {
    std::fs::read(dir.join("public/assets").join(name)).unwrap()
}

#[test]
fn a_second_build_ships_the_theme_assets_whole() {
    let t = site_with_theme();
    for round in 0..3 {
        let o = run_in(t.path(), &["build"]);
        assert!(o.status.success(), "round {round}: {}", stderr(&o));
        for name in ["style.css", "site.js", "print.css"] {
            let want = std::fs::read(t.path().join("themes/default/static").join(name)).unwrap();
            assert!(!want.is_empty());
            assert_eq!(asset(t.path(), name), want, "round {round}: assets/{name}");
        }
    }
    // And the site is the one a build from nothing makes.
    assert!(run_in(t.path(), &["build", "-o", "fresh"]).status.success());
    assert_eq!(
        snapshot(&t.path().join("public")),
        snapshot(&t.path().join("fresh"))
    );
}

#[test]
fn a_theme_file_replaces_the_built_in_one() {
    let t = site_with_theme();
    std::fs::write(t.path().join("themes/default/static/style.css"), "body{}").unwrap();
    for _ in 0..2 {
        let o = run_in(t.path(), &["build"]);
        assert!(o.status.success(), "{}", stderr(&o));
        assert_eq!(asset(t.path(), "style.css"), b"body{}");
    }
}

#[test]
fn a_failed_build_after_a_good_one_leaves_its_assets_whole() {
    let t = site_with_theme();
    assert!(run_in(t.path(), &["build"]).status.success());
    let before = snapshot(&t.path().join("public"));
    // A change to a theme file (so the new build writes it, not links
    // it), then a content error that fails the build after the assets.
    std::fs::write(t.path().join("themes/default/static/site.js"), "// new").unwrap();
    std::fs::write(
        t.path().join("content/zz-bad.md"),
        "---\ntitle: x\nkind: nonsense\n---\n\nText.\n",
    )
    .unwrap();
    let o = run_in(t.path(), &["build"]);
    assert!(!o.status.success());
    assert_eq!(snapshot(&t.path().join("public")), before);
}

#[test]
fn a_theme_file_named_like_a_generated_one_is_an_error() {
    let t = site_with_theme();
    std::fs::write(t.path().join("themes/default/static/search-index.js"), "x").unwrap();
    let o = run_in(t.path(), &["build"]);
    assert!(!o.status.success());
    assert!(
        stderr(&o).contains("assets/search-index.js is written twice"),
        "{}",
        stderr(&o)
    );
}

#[test]
fn build_refuses_to_replace_what_it_did_not_build() {
    let t = site_with_theme();
    let before = snapshot(t.path());
    for out in ["content", ".", "site.yaml", "themes"] {
        let o = run_in(t.path(), &["build", "-o", out]);
        assert!(!o.status.success(), "-o {out} was accepted");
        assert!(stderr(&o).contains("refusing to replace"), "{}", stderr(&o));
        assert_eq!(snapshot(t.path()), before, "-o {out} changed the project");
    }
    // The same through the configuration.
    let yaml = std::fs::read_to_string(t.path().join("site.yaml")).unwrap();
    assert!(yaml.contains("output_dir: public"));
    std::fs::write(
        t.path().join("site.yaml"),
        yaml.replace("output_dir: public", "output_dir: content"),
    )
    .unwrap();
    let o = run_in(t.path(), &["build"]);
    assert!(!o.status.success());
    assert!(stderr(&o).contains("refusing to replace"), "{}", stderr(&o));
    std::fs::write(t.path().join("site.yaml"), yaml).unwrap();
    assert_eq!(
        snapshot(&t.path().join("content")),
        snapshot(&repo().join("content"))
    );
    // An empty directory, and a site it built, are fine.
    std::fs::create_dir(t.path().join("empty")).unwrap();
    for _ in 0..2 {
        let o = run_in(t.path(), &["build", "-o", "empty"]);
        assert!(o.status.success(), "{}", stderr(&o));
    }
    assert!(t.path().join("empty/.compendium-site").is_file());
}

#[test]
fn a_slug_is_one_safe_path_segment() {
    for slug in [
        "../../../x",
        "..",
        "same/",
        "./same",
        "a/b",
        "Résolution",
        "",
    ] {
        let t = site_copy();
        let file = t.path().join("content/zz.md");
        std::fs::write(
            &file,
            format!("---\ntitle: x\nkind: resolution\nslug: \"{slug}\"\n---\n\nRappelant,\n"),
        )
        .unwrap();
        let o = run_in(t.path(), &["build"]);
        assert!(!o.status.success(), "slug {slug:?} accepted");
        assert!(stderr(&o).contains("zz.md:4"), "{slug:?}: {}", stderr(&o));
        assert!(!t.path().join("x").exists() && !t.path().parent().unwrap().join("x").exists());
    }
}

/// What is beside the site: only the site and its lock file.
fn beside(dir: &Path) -> Vec<String> {
    let mut n: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with(".public"))
        .collect();
    n.sort();
    n
}

#[test]
fn a_build_killed_between_its_renames_is_recovered_by_the_next() {
    let t = site_copy();
    assert!(run_in(t.path(), &["build"]).status.success());
    let good = snapshot(&t.path().join("public"));
    // A kill between the two renames: the last good site renamed away,
    // the new one beside it, no `public`.
    std::fs::rename(t.path().join("public"), t.path().join(".public.old-999999")).unwrap();
    copy_dir(
        &t.path().join(".public.old-999999"),
        &t.path().join(".public.new-999999"),
    );
    // The next build fails on a broken file, and puts the site back.
    std::fs::write(t.path().join("content/zz.md"), "---\nkind: [\n---\n").unwrap();
    let o = run_in(t.path(), &["build"]);
    assert!(!o.status.success());
    assert!(
        stderr(&o).contains("recovered the last good site"),
        "{}",
        stderr(&o)
    );
    assert_eq!(snapshot(&t.path().join("public")), good);
    assert_eq!(beside(t.path()), [".public.lock"]);
}

#[test]
fn two_builds_at_once_both_end_with_a_complete_site() {
    let t = site_copy();
    assert!(run_in(t.path(), &["build", "-o", "fresh"]).status.success());
    let fresh = snapshot(&t.path().join("fresh"));
    for round in 0..4 {
        let spawn = || {
            bin()
                .current_dir(t.path())
                .arg("build")
                .stdout(std::process::Stdio::null())
                .stderr(std::process::Stdio::piped())
                .spawn()
                .unwrap()
        };
        let (a, b) = (spawn(), spawn());
        for child in [a, b] {
            let o = child.wait_with_output().unwrap();
            assert!(o.status.success(), "round {round}: {}", stderr(&o));
        }
        assert_eq!(snapshot(&t.path().join("public")), fresh, "round {round}");
        assert_eq!(beside(t.path()), [".public.lock"], "round {round}");
    }
}

/// A disk that fills up mid-build (simulated with the test-only
/// `COMPENDIUM_FAIL_AFTER_BYTES`) never changes the last good site.
#[test]
fn a_full_disk_leaves_the_last_good_site_byte_for_byte() {
    let t = site_copy();
    let full = |args: &[&str], bytes: &str| {
        bin()
            .current_dir(t.path())
            .args(args)
            .env("COMPENDIUM_FAIL_AFTER_BYTES", bytes)
            .output()
            .unwrap()
    };
    // The first build: nothing is left of it.
    let o = full(&["build"], "100000");
    assert!(!o.status.success());
    assert!(
        stderr(&o).contains("No space left on device"),
        "{}",
        stderr(&o)
    );
    assert!(!t.path().join("public").exists());
    assert_eq!(beside(t.path()), [".public.lock"]);
    // A rebuild of a changed site (so files are written, not linked).
    assert!(run_in(t.path(), &["build"]).status.success());
    let good = snapshot(&t.path().join("public"));
    let file = t.path().join("content/resolution-6-1.md");
    let text = std::fs::read_to_string(&file).unwrap();
    std::fs::write(&file, text.replacen("title: ", "title: Nouveau ", 1)).unwrap();
    for bytes in ["0", "5000", "300000"] {
        let o = full(&["build"], bytes);
        assert!(!o.status.success(), "{bytes}");
        assert!(stderr(&o).contains("left unchanged"), "{}", stderr(&o));
        assert_eq!(snapshot(&t.path().join("public")), good, "{bytes}");
        assert_eq!(beside(t.path()), [".public.lock"]);
    }
}
