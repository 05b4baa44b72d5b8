//! The output directory's safe replacement (issue #26: never lose data,
//! never write outside the site).
//!
//! A build writes its site into a temporary sibling of the output
//! directory, `.public.new-PID`, and only when it is complete swaps it in:
//!
//! 1. `public` is renamed `.public.old-PID` (the last good site, whole);
//! 2. `.public.new-PID` is renamed `public`;
//! 3. `.public.old-PID` is renamed `.public.del-PID`, then deleted.
//!
//! **One writer at a time.** Whoever writes the output directory holds an
//! advisory lock on `.public.lock` beside it (released when the process
//! ends, however it ends): a second build waits for the first instead of
//! deleting its temporary directory.
//!
//! **Recovery.** Under the lock, a writer first repairs what a killed one
//! left: killed between the two renames, there is no `public` but a
//! complete `.public.old-*`, which is put back; the temporary directories
//! of dead builds are then removed. An `.old-` directory is always a whole
//! site (it is renamed `.del-` before being deleted), so the last good site
//! is never deleted before the new one is in place.
//!
//! **The guard.** Only a directory this tool built (it holds [`MARKER`]),
//! an empty one or none is ever replaced.

use super::dirsink::{new_file, Budgeted, DirSink};
use super::output::{FileBytes, Output, Sink};
use anyhow::{Context, Result};
use rayon::prelude::*;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::Arc;

/// The file every build writes at the root of its site: only a directory
/// holding it (or none, or an empty one) is ever replaced.
pub const MARKER: &str = ".compendium-site";
pub const MARKER_TEXT: &str =
    "This directory is a site built by compendium; `compendium build` replaces it whole.\n";

/// Is `dir` a site this tool built (a site built before the marker
/// existed is recognised by `compendium.json` and `.nojekyll`)?
fn is_site(dir: &Path) -> bool {
    dir.join(MARKER).is_file()
        || (dir.join("compendium.json").is_file() && dir.join(".nojekyll").is_file())
}

/// Refuse to replace what is not a site this tool built: `-o content`,
/// `-o .` or `-o site.yaml` would otherwise delete the sources.
pub fn ensure_replaceable(dir: &Path) -> Result<()> {
    let Ok(meta) = std::fs::symlink_metadata(dir) else {
        return Ok(()); // absent: nothing to lose
    };
    if !meta.is_dir() {
        anyhow::bail!(
            "the output directory {} is not a directory: refusing to replace it (choose another with -o)",
            dir.display()
        );
    }
    let mut entries = std::fs::read_dir(dir)
        .with_context(|| format!("cannot read {}", dir.display()))?
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned());
    let names: Vec<String> = entries.by_ref().take(10_000).collect();
    let built = names.iter().any(|n| n == MARKER)
        || (names.iter().any(|n| n == "compendium.json") && names.iter().any(|n| n == ".nojekyll"));
    if names.is_empty() || built {
        return Ok(());
    }
    anyhow::bail!(
        "refusing to replace {}: it is not a site built by compendium (no {MARKER} file) and it is not empty; \
         a build replaces its output directory whole, so choose another with -o (or empty this one)",
        dir.display()
    )
}

/// The directory holding `dir` (`.` for a bare name).
fn parent_of(dir: &Path) -> &Path {
    dir.parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."))
}

/// The exclusive right to write an output directory, held until dropped
/// (or the process ends). See the module's documentation.
pub struct SiteLock {
    dir: PathBuf,
    /// The locked file (None where the file system cannot lock).
    _file: Option<std::fs::File>,
}

impl SiteLock {
    /// Wait for the lock of `dir` (saying so when another build holds
    /// it), then repair what a killed build left.
    pub fn acquire(dir: &Path) -> Result<SiteLock> {
        let name = dir
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .with_context(|| {
                format!(
                    "cannot use {} as the output directory: name a directory (e.g. -o public)",
                    dir.display()
                )
            })?;
        let parent = parent_of(dir);
        std::fs::create_dir_all(parent)
            .with_context(|| format!("cannot create {}", parent.display()))?;
        let path = parent.join(format!(".{name}.lock"));
        let file = std::fs::OpenOptions::new()
            .create(true)
            .truncate(false)
            .write(true)
            .open(&path)
            .with_context(|| format!("cannot create the lock file {}", path.display()))?;
        let file = match file.try_lock() {
            Ok(()) => Some(file),
            Err(std::fs::TryLockError::WouldBlock) => {
                eprintln!(
                    "waiting for another compendium writing {} to finish (it holds {})",
                    dir.display(),
                    path.display()
                );
                file.lock()
                    .with_context(|| format!("cannot lock {}", path.display()))?;
                Some(file)
            }
            Err(std::fs::TryLockError::Error(e)) => {
                eprintln!(
                    "warning: cannot lock {} ({e}): make sure no other build writes {} at the same time",
                    path.display(),
                    dir.display()
                );
                None
            }
        };
        recover(dir, &name, parent);
        Ok(SiteLock {
            dir: dir.to_path_buf(),
            _file: file,
        })
    }

    /// Make the complete content of the directory with `fill`, which
    /// writes into a temporary sibling, swapped in only when it succeeded.
    pub fn replace_with(&self, fill: impl FnOnce(&DirSink) -> Result<()>) -> Result<()> {
        let dir = &self.dir;
        ensure_replaceable(dir)?;
        let tmp = Temporary(sibling(dir, "new"));
        let result = std::fs::create_dir(&tmp.0)
            .with_context(|| format!("cannot create {}", tmp.0.display()))
            .and_then(|_| {
                // Unchanged files are linked to the current site's (see `DirSink`).
                let current = dir.is_dir().then(|| dir.to_path_buf());
                let sink = DirSink::new(tmp.0.clone(), current);
                fill(&sink)?;
                // The site puts its marker as one of its files; any other
                // user of the sink gets one too.
                if !sink.has(MARKER) {
                    sink.put_shared(MARKER, Arc::new(MARKER_TEXT.as_bytes().to_vec()))?;
                }
                Ok(())
            });
        result.with_context(|| {
            format!("the output directory {} was left unchanged", dir.display())
        })?;
        self.swap_in(tmp)
    }

    /// The renames: see the module's documentation.
    fn swap_in(&self, tmp: Temporary) -> Result<()> {
        let dir = &self.dir;
        let old = sibling(dir, "old");
        let had = std::fs::symlink_metadata(dir).is_ok();
        if had {
            std::fs::rename(dir, &old)
                .with_context(|| format!("cannot replace {}", dir.display()))?;
        }
        if let Err(e) = std::fs::rename(&tmp.0, dir) {
            if had {
                std::fs::rename(&old, dir).ok();
            }
            return Err(e)
                .with_context(|| format!("cannot move the new site into {}", dir.display()));
        }
        tmp.keep();
        if had {
            let del = sibling(dir, "del");
            match std::fs::rename(&old, &del) {
                Ok(()) => remove_tree(&del),
                Err(_) => remove_tree(&old),
            }
        }
        Ok(())
    }

    /// Update the directory in place with only the `changed` files of `out`
    /// (watch mode); a path absent from `out` is removed. Every changed
    /// file is first written beside its target, and only when all are
    /// written are they renamed over: a write error (a full disk) removes
    /// them and leaves the directory as it was. A directory that is not a
    /// complete site (missing, or never written whole) is replaced whole.
    pub fn update(&self, out: &Output, changed: &[String]) -> Result<usize> {
        if !self.dir.join(MARKER).is_file() {
            self.replace_with(|sink| put_all(out, sink))?;
            return Ok(out.files.len());
        }
        let mut staged: Vec<(PathBuf, PathBuf)> = Vec::new();
        let mut made: Vec<PathBuf> = Vec::new();
        let written = changed.iter().try_for_each(|path| -> Result<()> {
            let Some(bytes) = out.files.get(path) else {
                return Ok(());
            };
            let target = self.dir.join(path);
            if let Some(p) = target.parent() {
                for d in p.ancestors().take_while(|d| !d.exists()) {
                    made.push(d.to_path_buf());
                }
                std::fs::create_dir_all(p)
                    .with_context(|| format!("cannot create {}", p.display()))?;
            }
            let mut tmp = target.clone().into_os_string();
            tmp.push(".compendium-tmp");
            let tmp = PathBuf::from(tmp);
            std::fs::remove_file(&tmp).ok(); // left by a killed writer
            staged.push((tmp.clone(), target));
            new_file(&tmp)
                .map(|f| Budgeted(std::io::BufWriter::with_capacity(1 << 20, f)))
                .and_then(|mut f| {
                    bytes.write_to(&mut f)?;
                    f.flush()
                })
                .with_context(|| format!("cannot write {}", tmp.display()))
        });
        if let Err(e) = written {
            for (tmp, _) in &staged {
                std::fs::remove_file(tmp).ok();
            }
            made.sort_by_key(|d| std::cmp::Reverse(d.components().count()));
            for d in &made {
                std::fs::remove_dir(d).ok();
            }
            return Err(e).with_context(|| format!("{} was left unchanged", self.dir.display()));
        }
        for (tmp, target) in &staged {
            std::fs::rename(tmp, target)
                .with_context(|| format!("cannot write {}", target.display()))?;
        }
        for path in changed.iter().filter(|p| !out.files.contains_key(*p)) {
            std::fs::remove_file(self.dir.join(path)).ok();
        }
        Ok(changed.len())
    }

    /// The site in the directory, read into memory, if it is one this
    /// tool built (`serve` shows it while its first build fails).
    pub fn read(&self) -> Result<Option<Output>> {
        if !self.dir.is_dir() || !is_site(&self.dir) {
            return Ok(None);
        }
        let mut out = Output::default();
        for e in walkdir::WalkDir::new(&self.dir).sort_by_file_name() {
            let e = e.with_context(|| format!("cannot read {}", self.dir.display()))?;
            if e.file_type().is_file() {
                let rel = e.path().strip_prefix(&self.dir).unwrap_or(e.path());
                let rel = rel.to_string_lossy().replace('\\', "/");
                let bytes = std::fs::read(e.path())
                    .with_context(|| format!("cannot read {}", e.path().display()))?;
                out.add(rel, bytes);
            }
        }
        Ok(Some(out))
    }
}

/// Put every file of `out` into `sink`.
fn put_all(out: &Output, sink: &DirSink) -> Result<()> {
    // A large site is thousands of small files: system calls dominate.
    out.files
        .par_iter()
        .try_for_each(|(path, bytes)| match bytes {
            FileBytes::Whole(b) => sink.put_shared(path, b.clone()),
            FileBytes::Pieces(_) => sink.put_with(path, 0, &mut |w| bytes.write_to(w)),
        })
}

/// A temporary directory, removed when dropped unless kept: no error or
/// panic while it is being filled leaves it behind.
struct Temporary(PathBuf);

impl Temporary {
    fn keep(self) {
        std::mem::forget(self);
    }
}

impl Drop for Temporary {
    fn drop(&mut self) {
        remove_tree(&self.0);
    }
}

/// `.{name}.{kind}-{pid}` beside `dir`.
fn sibling(dir: &Path, kind: &str) -> PathBuf {
    let name = dir.file_name().unwrap_or_default().to_string_lossy();
    parent_of(dir).join(format!(".{name}.{kind}-{}", std::process::id()))
}

/// Repair what killed writers of `dir` left (called under the lock, so no
/// other writer is alive): put the last good site back if it is missing,
/// then remove the temporary directories.
fn recover(dir: &Path, name: &str, parent: &Path) {
    let Ok(entries) = std::fs::read_dir(parent) else {
        return;
    };
    let mut left: Vec<(String, PathBuf)> = Vec::new();
    for e in entries.flatten() {
        let n = e.file_name().to_string_lossy().into_owned();
        if !e.file_type().is_ok_and(|t| t.is_dir()) {
            continue;
        }
        if let Some(rest) = n.strip_prefix(&format!(".{name}.")) {
            if let Some((kind, _)) = rest.split_once('-') {
                if matches!(kind, "new" | "old" | "del") {
                    left.push((kind.to_string(), e.path()));
                }
            }
        }
    }
    if std::fs::symlink_metadata(dir).is_err() {
        // Killed between the renames: the newest whole old site goes back.
        let mut old: Vec<(std::time::SystemTime, &PathBuf)> = left
            .iter()
            .filter(|(kind, p)| kind == "old" && is_site(p))
            .map(|(_, p)| {
                let t = std::fs::metadata(p).and_then(|m| m.modified());
                (t.unwrap_or(std::time::UNIX_EPOCH), p)
            })
            .collect();
        old.sort();
        if let Some((_, p)) = old.last() {
            if std::fs::rename(p, dir).is_ok() {
                eprintln!(
                    "recovered the last good site into {} (a build was stopped while replacing it)",
                    dir.display()
                );
            }
        }
    }
    if std::fs::symlink_metadata(dir).is_err() {
        return; // nothing is deleted while the site is missing
    }
    for (kind, p) in &left {
        if !p.exists() {
            continue;
        }
        if kind == "old" {
            // No longer whole once deletion starts: renamed first.
            let del = p.with_file_name(
                p.file_name()
                    .unwrap_or_default()
                    .to_string_lossy()
                    .replacen(".old-", ".del-", 1),
            );
            if std::fs::rename(p, &del).is_ok() {
                remove_tree(&del);
                continue;
            }
        }
        remove_tree(p);
    }
}

/// Write `out` as the complete content of `dir`, atomically: into a
/// temporary sibling directory, then swapped in by renames.
pub fn write_atomic(out: &Output, dir: &Path) -> Result<()> {
    write_atomic_with(dir, |sink| put_all(out, sink))
}

/// Make the complete content of `dir` with `fill`, atomically, under its
/// lock (see [`SiteLock::replace_with`]).
pub fn write_atomic_with(dir: &Path, fill: impl FnOnce(&DirSink) -> Result<()>) -> Result<()> {
    // Refused before anything is created beside it.
    ensure_replaceable(dir)?;
    SiteLock::acquire(dir)?.replace_with(fill)
}

/// Bring `dir` up to date with the `changed` files of `out`, under its
/// lock (see [`SiteLock::update`]).
pub fn write_changes(out: &Output, changed: &[String], dir: &Path) -> Result<usize> {
    ensure_replaceable(dir)?;
    SiteLock::acquire(dir)?.update(out, changed)
}

/// Delete a directory, its files in parallel: a large site is thousands
/// of files, and unlinking them one after the other took ~50 ms of a
/// 1,000-document build (in memory; ~20 ms less so). Best effort, as
/// `remove_dir_all`.
fn remove_tree(dir: &Path) {
    let mut dirs = Vec::new();
    let mut files = Vec::new();
    // A symbolic link is removed, never followed (not even at the root).
    let walk = walkdir::WalkDir::new(dir).follow_root_links(false);
    for e in walk.into_iter().flatten() {
        if e.file_type().is_dir() {
            dirs.push(e.into_path());
        } else {
            files.push(e.into_path());
        }
    }
    files.par_iter().for_each(|f| {
        std::fs::remove_file(f).ok();
    });
    // Deepest first (a directory comes before what it holds in the walk).
    for d in dirs.iter().rev() {
        std::fs::remove_dir(d).ok();
    }
    if std::fs::symlink_metadata(dir).is_ok_and(|m| m.is_dir()) {
        std::fs::remove_dir_all(dir).ok();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn put(sink: &DirSink, path: &str, text: &str) -> Result<()> {
        sink.put_shared(path, Arc::new(text.as_bytes().to_vec()))
    }

    fn names(dir: &Path) -> Vec<String> {
        let mut n: Vec<String> = std::fs::read_dir(dir)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        n.sort();
        n
    }

    /// Issue #26: killed between its two renames, a build left no
    /// `public` but the last good site as `.public.old-PID`, and the next
    /// build deleted it before rendering.
    #[test]
    fn a_build_killed_between_the_renames_is_recovered_by_the_next() {
        let base = tempfile::tempdir().unwrap();
        let dir = base.path().join("public");
        write_atomic_with(&dir, |s| put(s, "index.html", "good")).unwrap();
        // The state a kill between the renames leaves: the old site
        // renamed away, the new one complete beside it.
        std::fs::rename(&dir, base.path().join(".public.old-4242")).unwrap();
        let new = base.path().join(".public.new-4242");
        std::fs::create_dir(&new).unwrap();
        std::fs::write(new.join("index.html"), "newer").unwrap();
        // The next build fails: the last good site is back all the same.
        let err = write_atomic_with(&dir, |_| anyhow::bail!("a broken file")).unwrap_err();
        assert!(format!("{err:#}").contains("a broken file"));
        assert_eq!(std::fs::read(dir.join("index.html")).unwrap(), b"good");
        assert_eq!(names(base.path()), [".public.lock", "public"]);
        // A build whose deletion of the old site was cut short: its
        // `.del-` remains go, the site stays.
        let del = base.path().join(".public.del-77/documents");
        std::fs::create_dir_all(&del).unwrap();
        std::fs::write(del.join("x.html"), "x").unwrap();
        write_atomic_with(&dir, |s| put(s, "index.html", "next")).unwrap();
        assert_eq!(std::fs::read(dir.join("index.html")).unwrap(), b"next");
        assert_eq!(names(base.path()), [".public.lock", "public"]);
    }

    /// Two writers at once: the second waits for the first, whose
    /// temporary directory it never deletes.
    #[test]
    fn a_second_writer_waits_for_the_first() {
        let base = tempfile::tempdir().unwrap();
        let dir = base.path().join("public");
        write_atomic_with(&dir, |s| put(s, "index.html", "0")).unwrap();
        let (started, wait_started) = std::sync::mpsc::channel();
        let (go, wait_go) = std::sync::mpsc::channel::<()>();
        let dir = &dir;
        std::thread::scope(|scope| {
            let first = scope.spawn(move || {
                write_atomic_with(dir, |s| {
                    put(s, "index.html", "1")?;
                    started.send(()).unwrap();
                    wait_go.recv().unwrap();
                    put(s, "other.html", "1")
                })
            });
            wait_started.recv().unwrap();
            let second = scope.spawn(|| write_atomic_with(dir, |s| put(s, "index.html", "2")));
            std::thread::sleep(std::time::Duration::from_millis(300));
            // The first is still writing, its directory untouched.
            assert!(!second.is_finished(), "the second writer did not wait");
            let temp: Vec<String> = names(base.path())
                .into_iter()
                .filter(|n| n.starts_with(".public.new-"))
                .collect();
            assert_eq!(temp.len(), 1);
            go.send(()).unwrap();
            first.join().unwrap().unwrap();
            second.join().unwrap().unwrap();
        });
        assert_eq!(std::fs::read(dir.join("index.html")).unwrap(), b"2");
        assert!(!dir.join("other.html").exists());
        assert_eq!(names(base.path()), [".public.lock", "public"]);
    }

    #[test]
    fn an_update_writes_changed_files_and_removes_deleted_ones() {
        let base = tempfile::tempdir().unwrap();
        let dir = base.path().join("public");
        let mut out = Output::default();
        out.add("index.html", "1");
        out.add("gone.html", "x");
        // A directory never written whole is written whole.
        write_changes(&out, &["index.html".into()], &dir).unwrap();
        assert!(dir.join(MARKER).is_file() && dir.join("gone.html").is_file());
        out.files.remove("gone.html");
        out.add("index.html", "2");
        out.add("d/new.html", "3");
        let changed = out.changed_since(&Output::default());
        let mut all = changed.clone();
        all.push("gone.html".into());
        write_changes(&out, &all, &dir).unwrap();
        assert_eq!(std::fs::read(dir.join("index.html")).unwrap(), b"2");
        assert_eq!(std::fs::read(dir.join("d/new.html")).unwrap(), b"3");
        assert!(!dir.join("gone.html").exists());
        let leftovers = walkdir::WalkDir::new(&dir)
            .into_iter()
            .flatten()
            .filter(|e| e.file_name().to_string_lossy().ends_with(".compendium-tmp"))
            .count();
        assert_eq!(leftovers, 0);
    }

    #[test]
    fn an_output_directory_needs_a_name() {
        let base = tempfile::tempdir().unwrap();
        let empty = base.path().join("empty");
        std::fs::create_dir(&empty).unwrap();
        let err = SiteLock::acquire(&empty.join("..")).err().unwrap();
        assert!(format!("{err:#}").contains("name a directory"), "{err:#}");
    }
}
