//! Where the built site goes, and its safe arrival on disk.
//!
//! Rendering puts each file into a [`Sink`]: a one-shot build's
//! [`DirSink`] writes it at once into a new directory beside the old one,
//! which [`write_atomic_with`] swaps in only when the whole site is there,
//! so a failed or interrupted build never leaves a half-written site;
//! watch mode's [`MemorySink`] keeps an [`Output`] in memory to serve.

use anyhow::{Context, Result};
use rayon::prelude::*;
use std::collections::{BTreeMap, HashSet};
use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

/// Where rendering puts the site's files. A one-shot build streams them
/// to disk as they are made ([`DirSink`]): nothing waits in memory for the
/// others, so memory stays that of the documents, and the writes overlap
/// the rendering. Watch mode keeps them in memory ([`Output`]) to serve
/// them and to compare them with the last build.
pub trait Sink: Sync {
    /// A finished file, shared with watch mode's memo tables.
    fn put_shared(&self, path: &str, bytes: Arc<Vec<u8>>) -> Result<()>;
    /// A file written piece by piece (large pages, JSON, the search index),
    /// so it is never assembled in memory first; `size` is about how many
    /// bytes it has.
    fn put_with(
        &self,
        path: &str,
        size: usize,
        write: &mut dyn FnMut(&mut dyn Write) -> std::io::Result<()>,
    ) -> Result<()>;
    /// Every path put so far, sorted.
    fn paths(&self) -> Vec<String>;
}

/// Collects the files in memory.
#[derive(Default)]
pub struct MemorySink(Mutex<Output>);

impl MemorySink {
    pub fn into_output(self) -> Output {
        self.0.into_inner().unwrap_or_else(|e| e.into_inner())
    }
}

impl Sink for MemorySink {
    fn put_shared(&self, path: &str, bytes: Arc<Vec<u8>>) -> Result<()> {
        self.0.lock().unwrap().add_shared(path, bytes);
        Ok(())
    }
    fn put_with(
        &self,
        path: &str,
        size: usize,
        write: &mut dyn FnMut(&mut dyn Write) -> std::io::Result<()>,
    ) -> Result<()> {
        let mut bytes = Vec::with_capacity(size);
        write(&mut bytes)?;
        self.put_shared(path, Arc::new(bytes))
    }
    fn paths(&self) -> Vec<String> {
        self.0.lock().unwrap().files.keys().cloned().collect()
    }
}

/// Writes each file into a directory as soon as it is put (the temporary
/// directory of [`write_atomic_with`]).
pub struct DirSink {
    root: PathBuf,
    dirs: Mutex<HashSet<PathBuf>>,
    paths: Mutex<Vec<String>>,
}

impl DirSink {
    fn new(root: PathBuf) -> DirSink {
        DirSink {
            root,
            dirs: Mutex::new(HashSet::new()),
            paths: Mutex::new(Vec::new()),
        }
    }

    /// The file's path on disk, its directory created (once).
    fn target(&self, path: &str) -> Result<PathBuf> {
        let target = self.root.join(path);
        if let Some(dir) = target.parent() {
            let known = self.dirs.lock().unwrap().contains(dir);
            if !known {
                std::fs::create_dir_all(dir)
                    .with_context(|| format!("cannot create {}", dir.display()))?;
                self.dirs.lock().unwrap().insert(dir.to_path_buf());
            }
        }
        self.paths.lock().unwrap().push(path.to_string());
        Ok(target)
    }
}

impl Sink for DirSink {
    fn put_shared(&self, path: &str, bytes: Arc<Vec<u8>>) -> Result<()> {
        let target = self.target(path)?;
        std::fs::write(&target, bytes.as_slice())
            .with_context(|| format!("cannot write {}", target.display()))
    }
    fn put_with(
        &self,
        path: &str,
        _size: usize,
        write: &mut dyn FnMut(&mut dyn Write) -> std::io::Result<()>,
    ) -> Result<()> {
        let target = self.target(path)?;
        let file = std::fs::File::create(&target)
            .with_context(|| format!("cannot write {}", target.display()))?;
        let mut w = std::io::BufWriter::with_capacity(1 << 20, file);
        write(&mut w)
            .and_then(|_| w.flush())
            .with_context(|| format!("cannot write {}", target.display()))
    }
    fn paths(&self) -> Vec<String> {
        let mut p = self.paths.lock().unwrap().clone();
        p.sort();
        p.dedup();
        p
    }
}

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
    write_atomic_with(dir, |sink| {
        // A large site is thousands of small files: system calls dominate.
        out.files
            .par_iter()
            .try_for_each(|(path, bytes)| sink.put_shared(path, bytes.clone()))
    })
}

/// Make the complete content of `dir` with `fill`, atomically: `fill`
/// writes into a temporary sibling directory, which is swapped in by
/// renames only when it succeeded.
pub fn write_atomic_with(dir: &Path, fill: impl FnOnce(&DirSink) -> Result<()>) -> Result<()> {
    let parent = dir
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    std::fs::create_dir_all(parent)
        .with_context(|| format!("cannot create {}", parent.display()))?;
    remove_stale_siblings(dir);
    let tmp = sibling(dir, "new");
    let result = std::fs::create_dir_all(&tmp)
        .with_context(|| format!("cannot create {}", tmp.display()))
        .and_then(|_| fill(&DirSink::new(tmp.clone())));
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
