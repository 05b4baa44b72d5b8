//! Helpers shared by the integration tests.

use compendium::import::{import_sources, ImportReport, SourceText};
use compendium::model::Document;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

pub fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

pub fn bin() -> Command {
    Command::new(env!("CARGO_BIN_EXE_compendium"))
}

/// Run the CLI in `dir` with `args`.
pub fn run_in(dir: &Path, args: &[&str]) -> Output {
    bin()
        .current_dir(dir)
        .args(args)
        .output()
        .expect("run compendium")
}

pub fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

pub fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

/// The five seed extractions, as the CLI would record them.
pub fn seed_sources() -> Vec<SourceText> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(repo().join("sources"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|x| x == "txt"))
        .collect();
    files.sort();
    files
        .iter()
        .map(|p| SourceText {
            path: format!("sources/{}", p.file_name().unwrap().to_string_lossy()),
            bytes: std::fs::read(p).unwrap(),
        })
        .collect()
}

pub fn import_seeds() -> ImportReport {
    import_sources(&seed_sources()).expect("seeds import")
}

pub fn import_fixture(name: &str) -> ImportReport {
    let p = repo().join("tests/fixtures/import").join(name);
    import_sources(&[SourceText {
        path: name.to_string(),
        bytes: std::fs::read(p).unwrap(),
    }])
    .expect("fixture imports")
}

pub fn para<'a>(d: &'a Document, anchor: &str) -> &'a str {
    &d.paragraphs
        .iter()
        .find(|p| p.anchor == anchor)
        .unwrap_or_else(|| panic!("{}: no paragraph {anchor}", d.slug))
        .text
}

/// Copy the repository's site (config, content, sources) into a temp dir.
pub fn site_copy() -> tempfile::TempDir {
    let tmp = tempfile::tempdir().unwrap();
    std::fs::copy(repo().join("site.yaml"), tmp.path().join("site.yaml")).unwrap();
    copy_dir(&repo().join("content"), &tmp.path().join("content"));
    tmp
}

pub fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for e in std::fs::read_dir(from).unwrap() {
        let e = e.unwrap();
        let target = to.join(e.file_name());
        if e.file_type().unwrap().is_dir() {
            copy_dir(&e.path(), &target);
        } else {
            std::fs::copy(e.path(), target).unwrap();
        }
    }
}

/// Every file under `dir` with its bytes, for comparing whole sites.
pub fn snapshot(dir: &Path) -> Vec<(String, Vec<u8>)> {
    let mut out = Vec::new();
    for e in walkdir::WalkDir::new(dir).sort_by_file_name() {
        let e = e.unwrap();
        if e.file_type().is_file() {
            out.push((
                e.path().strip_prefix(dir).unwrap().display().to_string(),
                std::fs::read(e.path()).unwrap(),
            ));
        }
    }
    out
}
