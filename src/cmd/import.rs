//! `compendium import FILE... -o DIR`

use crate::cli::ImportArgs;
use crate::content::parse::parse_document;
use crate::content::write::write_document;
use crate::import::{import_sources, summarize, SourceText};
use anyhow::{bail, Context, Result};
use rayon::prelude::*;
use std::path::Path;

pub fn run(args: ImportArgs) -> Result<()> {
    let sources = args
        .files
        .par_iter()
        .map(|f| {
            let bytes = std::fs::read(f).with_context(|| format!("cannot read {}", f.display()))?;
            Ok(SourceText {
                path: display_path(f),
                bytes,
            })
        })
        .collect::<Result<Vec<_>>>()?;
    let report = import_sources(&sources)?;
    std::fs::create_dir_all(&args.output)
        .with_context(|| format!("cannot create {}", args.output.display()))?;
    // Refuse to clobber hand edits unless asked.
    if !args.force {
        let existing: Vec<String> = report
            .documents
            .iter()
            .map(|d| args.output.join(format!("{}.md", d.slug)))
            .filter(|p| p.exists())
            .map(|p| p.display().to_string())
            .collect();
        if !existing.is_empty() {
            bail!(
                "{} content file(s) already exist and may hold hand corrections: {}\n  re-run with --force to overwrite them",
                existing.len(),
                existing.join(", ")
            );
        }
    }
    // Never write what `build` would reject: each file is read back as
    // `build` reads it first.
    let rejected: Vec<String> = report
        .documents
        .par_iter()
        .map(|d| -> Result<Option<String>> {
            let path = args.output.join(format!("{}.md", d.slug));
            let text = write_document(d);
            if let Err(problems) = parse_document(&text, &path) {
                return Ok(Some(format!(
                    "{}: not written, `build` would reject it:\n{problems}",
                    d.source.as_deref().unwrap_or(&d.slug)
                )));
            }
            std::fs::write(&path, text)
                .with_context(|| format!("cannot write {}", path.display()))?;
            Ok(None)
        })
        .collect::<Result<Vec<_>>>()?
        .into_iter()
        .flatten()
        .collect();
    let paras: usize = report.documents.iter().map(|d| d.paragraphs.len()).sum();
    let notes: usize = report.documents.iter().map(|d| d.notes.len()).sum();
    for d in &report.documents {
        crate::say!("  {}", summarize(d));
    }
    for w in &report.warnings {
        eprintln!("warning: {w}");
    }
    crate::say!(
        "imported {} document(s), {paras} paragraphs, {notes} notes from {} file(s) into {} ({} warning(s))",
        report.documents.len() - rejected.len(),
        sources.len() - report.failed.len(),
        args.output.display(),
        report.warnings.len()
    );
    for e in &report.failed {
        eprintln!("error: {e}");
    }
    for r in &rejected {
        eprintln!("error: {r}");
    }
    let bad = report.failed.len() + rejected.len();
    if bad > 0 {
        bail!("{bad} file(s) or document(s) could not be imported (see above); the others were");
    }
    Ok(())
}

/// Paths are recorded relative and with `/`, so content is portable.
fn display_path(p: &Path) -> String {
    let s = p.to_string_lossy().replace('\\', "/");
    s.strip_prefix("./").unwrap_or(&s).to_string()
}
