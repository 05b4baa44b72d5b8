//! The built site as bytes in memory, and its safe arrival on disk.
//!
//! A build renders into an [`Output`] first; [`write_atomic`] then writes
//! a complete new directory beside the old one and swaps it in, so a
//! failed or interrupted build never leaves a half-written site.

use anyhow::{Context, Result};
use rayon::prelude::*;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;

/// Files of the site: relative path (with `/`) -> bytes. Shared, so that
/// a rebuild in watch mode reuses the files an edit leaves unchanged
/// instead of copying them.
#[derive(Debug, Default, Clone, PartialEq)]
pub struct Output {
    pub files: BTreeMap<String, Arc<Vec<u8>>>,
}

impl Output {
    pub fn add(&mut self, path: impl Into<String>, bytes: impl Into<Vec<u8>>) {
        self.files.insert(path.into(), Arc::new(bytes.into()));
    }
    pub fn add_shared(&mut self, path: impl Into<String>, bytes: Arc<Vec<u8>>) {
        self.files.insert(path.into(), bytes);
    }
    pub fn get(&self, path: &str) -> Option<&[u8]> {
        self.files.get(path).map(|v| v.as_slice())
    }
    /// Paths whose bytes differ from `old` (added, changed or removed).
    pub fn changed_since(&self, old: &Output) -> Vec<String> {
        let mut out: Vec<String> = self
            .files
            .iter()
            .filter(|(p, b)| {
                old.files
                    .get(*p)
                    .is_none_or(|o| !Arc::ptr_eq(o, b) && o != *b)
            })
            .map(|(p, _)| p.clone())
            .collect();
        out.extend(
            old.files
                .keys()
                .filter(|p| !self.files.contains_key(*p))
                .cloned(),
        );
        out.sort();
        out
    }
}

fn sibling(dir: &Path, suffix: &str) -> PathBuf {
    let name = dir
        .file_name()
        .map(|n| n.to_string_lossy().to_string())
        .unwrap_or_else(|| "public".into());
    dir.with_file_name(format!(".{name}.{suffix}-{}", std::process::id()))
}

/// Temporary directories left by a build that was killed.
fn remove_stale_siblings(dir: &Path) {
    let Some(name) = dir.file_name().map(|n| n.to_string_lossy().to_string()) else {
        return;
    };
    let parent = dir
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let Ok(entries) = std::fs::read_dir(parent) else {
        return;
    };
    for e in entries.flatten() {
        let n = e.file_name().to_string_lossy().to_string();
        if n.starts_with(&format!(".{name}.new-")) || n.starts_with(&format!(".{name}.old-")) {
            std::fs::remove_dir_all(e.path()).ok();
        }
    }
}

/// Write `out` as the complete content of `dir`, atomically: into a
/// temporary sibling directory, then swapped in by renames.
pub fn write_atomic(out: &Output, dir: &Path) -> Result<()> {
    let parent = dir
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    std::fs::create_dir_all(parent)
        .with_context(|| format!("cannot create {}", parent.display()))?;
    remove_stale_siblings(dir);
    let tmp = sibling(dir, "new");
    let result = (|| -> Result<()> {
        // Directories first, each once; then the files, in parallel (a
        // large site is thousands of small files: system calls dominate).
        let dirs: std::collections::BTreeSet<&str> = out
            .files
            .keys()
            .filter_map(|p| p.rsplit_once('/').map(|(d, _)| d))
            .collect();
        std::fs::create_dir_all(&tmp)
            .with_context(|| format!("cannot create {}", tmp.display()))?;
        for d in dirs {
            let p = tmp.join(d);
            std::fs::create_dir_all(&p)
                .with_context(|| format!("cannot create {}", p.display()))?;
        }
        out.files.par_iter().try_for_each(|(path, bytes)| {
            let target = tmp.join(path);
            std::fs::write(&target, bytes.as_slice())
                .with_context(|| format!("cannot write {}", target.display()))
        })
    })();
    if let Err(e) = result {
        std::fs::remove_dir_all(&tmp).ok();
        return Err(e)
            .with_context(|| format!("the output directory {} was left unchanged", dir.display()));
    }
    let old = sibling(dir, "old");
    if dir.exists() {
        if old.exists() {
            std::fs::remove_dir_all(&old).ok();
        }
        std::fs::rename(dir, &old).with_context(|| format!("cannot replace {}", dir.display()))?;
    }
    if let Err(e) = std::fs::rename(&tmp, dir) {
        // Put the previous site back.
        if old.exists() {
            std::fs::rename(&old, dir).ok();
        }
        std::fs::remove_dir_all(&tmp).ok();
        return Err(e).with_context(|| format!("cannot move the new site into {}", dir.display()));
    }
    if old.exists() {
        std::fs::remove_dir_all(&old).ok();
    }
    Ok(())
}

/// Update `dir` in place with only the `changed` files of `out` (watch
/// mode); a path absent from `out` is removed.
pub fn write_changes(out: &Output, changed: &[String], dir: &Path) -> Result<usize> {
    for path in changed {
        let target = dir.join(path);
        match out.files.get(path) {
            Some(bytes) => {
                if let Some(p) = target.parent() {
                    std::fs::create_dir_all(p)?;
                }
                // Write beside, then rename: readers never see half a file.
                let tmp = target.with_extension("compendium-tmp");
                std::fs::write(&tmp, bytes.as_slice())
                    .with_context(|| format!("cannot write {}", tmp.display()))?;
                std::fs::rename(&tmp, &target)?;
            }
            None => {
                std::fs::remove_file(&target).ok();
            }
        }
    }
    Ok(changed.len())
}
