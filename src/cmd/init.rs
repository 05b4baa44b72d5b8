//! `compendium init [DIR]`: a new compendium, so that a new user does not
//! start from this repository. The theme is built in: no `themes/`.

use crate::cli::InitArgs;
use anyhow::{bail, Context, Result};
use std::path::Path;

const SITE_YAML: &str = r#"# compendium site configuration: every field is documented in compendium's README.
title: "My compendium"
description: "Resolutions and reports, paragraph by paragraph."
# Where the site is published: https://USER.github.io/REPO/ (the Pages
# workflow passes it with --base-url), or a path such as /.
base_url: "/"
# The interface's language: en or fr.
language: en
content_dir: content
output_dir: public

# Topics label paragraphs: patterns are regular expressions, matched
# without regard to case on each paragraph's text.
topics:
  - id: cooperation
    label: International cooperation
    description: "Mutual legal assistance, extradition and joint work between States."
    patterns:
      - "\\bcooperation\\b"
      - "mutual legal assistance"
      - "\\bextradition\\b"
"#;

const EXAMPLE: &str = r#"---
title: An example resolution
kind: resolution
body: The General Assembly
number: 1/1
symbol: null
date: 2024-01-15
language: en
contained_in: null
source: null
slug: example-resolution
order: 1
---

Recalling the importance of international cooperation against transnational organized crime[^1],

Noting that each paragraph of this file gets an anchor that can be cited,

1. *Welcomes* the first compendium built with this tool;

2. *Requests* the editors:

a) To import their texts with `compendium import FILE...`;

b) To correct what the import could not read, in these Markdown files;

3. *Decides* to remain seized of the matter.

[^1]: A footnote: called in the text, defined at the end of the file.
"#;

const GITIGNORE: &str = "/public\n/.public.*\n";

/// This repository's Pages workflow, for a repository that holds a
/// compendium rather than compendium's source: compendium is installed
/// from the git URL in the repository variable `COMPENDIUM_GIT`.
pub fn pages_workflow() -> String {
    let ours = include_str!("../../.github/workflows/pages.yml");
    let install = "      - name: Install compendium
        run: |
          test -n \"${{ vars.COMPENDIUM_GIT }}\" || { echo \"::error::set the repository variable COMPENDIUM_GIT (Settings, Secrets and variables, Actions, Variables) to the git URL of compendium\"; exit 1; }
          cargo install --locked --git \"${{ vars.COMPENDIUM_GIT }}\" compendium
";
    ours.replace("      - uses: Swatinem/rust-cache@v2\n", install)
        .replace("cargo run --release -- ", "compendium ")
}

pub fn run(args: InitArgs) -> Result<()> {
    let dir = &args.dir;
    let files = [
        ("site.yaml", SITE_YAML.to_string()),
        ("content/example-resolution.md", EXAMPLE.to_string()),
        (".github/workflows/pages.yml", pages_workflow()),
        (".gitignore", GITIGNORE.to_string()),
    ];
    // Nothing is ever overwritten: all or nothing.
    let taken: Vec<String> = [
        "site.yaml",
        "content",
        ".github/workflows/pages.yml",
        ".gitignore",
    ]
    .iter()
    .filter(|f| std::fs::symlink_metadata(dir.join(f)).is_ok())
    .map(|f| dir.join(f).display().to_string())
    .collect();
    if !taken.is_empty() {
        bail!(
            "{} already holds {}: `compendium init` starts a compendium only where there is none (choose another directory)",
            dir.display(),
            taken.join(", ")
        );
    }
    for (name, text) in &files {
        write_new(&dir.join(name), text)?;
    }
    let cd = match dir.as_os_str().to_str() {
        Some(".") => String::new(),
        _ => format!("cd {} && ", dir.display()),
    };
    crate::say!(
        "created a compendium in {}: site.yaml, content/example-resolution.md, .github/workflows/pages.yml, .gitignore\n\
         next: {cd}compendium serve   (then import your texts: compendium import FILE...)",
        dir.display()
    );
    Ok(())
}

/// Create `path` (and its directory) with `text`; never over a file.
fn write_new(path: &Path, text: &str) -> Result<()> {
    if let Some(parent) = path.parent() {
        std::fs::create_dir_all(parent)
            .with_context(|| format!("cannot create {}", parent.display()))?;
    }
    use std::io::Write;
    std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(path)
        .and_then(|mut f| f.write_all(text.as_bytes()))
        .with_context(|| format!("cannot write {}", path.display()))
}

#[cfg(test)]
mod tests {
    #[test]
    fn the_workflow_installs_compendium_and_runs_it() {
        let w = super::pages_workflow();
        assert!(!w.contains("cargo run"), "{w}");
        assert!(w.contains("cargo install --locked --git"), "{w}");
        assert!(w.contains("compendium build --base-url"), "{w}");
        assert!(w.contains("compendium check"), "{w}");
    }
}
