//! Where the built site goes, and its safe arrival on disk.
//!
//! Rendering puts each file into a [`Sink`]: a one-shot build's
//! [`DirSink`] writes it at once into a new directory beside the old one
//! (or links it to the old one's file when the bytes are the same), which
//! [`write_atomic_with`] swaps in only when the whole site is there,
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
    /// A file made of `pieces` in order (the JSON export and the search
    /// index: one piece per document). Watch mode keeps the pieces
    /// themselves, shared with its memo tables, so a rebuild never
    /// assembles tens of megabytes that are nearly all unchanged.
    fn put_pieces(&self, path: &str, pieces: Vec<Arc<str>>) -> Result<()> {
        let size = pieces.iter().map(|p| p.len()).sum();
        self.put_with(path, size, &mut |w| {
            pieces.iter().try_for_each(|p| w.write_all(p.as_bytes()))
        })
    }
    /// Every path put so far, sorted.
    fn paths(&self) -> Vec<String>;
}

/// A file's bytes: whole, or in pieces (see [`Sink::put_pieces`]).
#[derive(Debug, Clone)]
pub enum FileBytes {
    Whole(Arc<Vec<u8>>),
    Pieces(Arc<[Arc<str>]>),
}

impl FileBytes {
    /// The bytes in order, a piece at a time.
    pub fn chunks(&self) -> impl Iterator<Item = &[u8]> {
        let (whole, pieces): (&[u8], &[Arc<str>]) = match self {
            FileBytes::Whole(b) => (b.as_slice(), &[]),
            FileBytes::Pieces(p) => (&[], p),
        };
        std::iter::once(whole)
            .chain(pieces.iter().map(|p| p.as_bytes()))
            .filter(|c| !c.is_empty())
    }
    pub fn len(&self) -> usize {
        self.chunks().map(<[u8]>::len).sum()
    }
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
    /// The bytes in one slice: borrowed when the file is whole.
    pub fn contiguous(&self) -> std::borrow::Cow<'_, [u8]> {
        match self {
            FileBytes::Whole(b) => std::borrow::Cow::Borrowed(b.as_slice()),
            FileBytes::Pieces(_) => {
                std::borrow::Cow::Owned(self.chunks().collect::<Vec<_>>().concat())
            }
        }
    }
    pub fn write_to(&self, w: &mut dyn Write) -> std::io::Result<()> {
        self.chunks().try_for_each(|c| w.write_all(c))
    }
    /// Equal or not, when that can be told without walking the whole
    /// file: the same allocation (a rebuild shares what it did not
    /// remake), or pieces of the same lengths (then the files are equal
    /// when each pair of pieces is; a piece shared by both is not read).
    fn equal_piecewise(&self, other: &FileBytes) -> Option<bool> {
        match (self, other) {
            (FileBytes::Whole(a), FileBytes::Whole(b)) if Arc::ptr_eq(a, b) => Some(true),
            (FileBytes::Pieces(a), FileBytes::Pieces(b)) => {
                if Arc::ptr_eq(a, b) {
                    return Some(true);
                }
                let aligned =
                    a.len() == b.len() && a.iter().zip(b.iter()).all(|(x, y)| x.len() == y.len());
                aligned.then(|| {
                    a.iter()
                        .zip(b.iter())
                        .all(|(x, y)| Arc::ptr_eq(x, y) || x == y)
                })
            }
            _ => None,
        }
    }
}

/// Equal bytes, however they are split.
impl PartialEq for FileBytes {
    fn eq(&self, other: &FileBytes) -> bool {
        if let Some(equal) = self.equal_piecewise(other) {
            return equal;
        }
        if self.len() != other.len() {
            return false;
        }
        // Walk both lists of chunks, comparing the overlapping slices.
        let (mut a, mut b) = (self.chunks(), other.chunks());
        let (mut x, mut y): (&[u8], &[u8]) = (&[], &[]);
        loop {
            if x.is_empty() {
                x = a.next().unwrap_or_default();
            }
            if y.is_empty() {
                y = b.next().unwrap_or_default();
            }
            if x.is_empty() || y.is_empty() {
                return x.is_empty() && y.is_empty();
            }
            let n = x.len().min(y.len());
            if x[..n] != y[..n] {
                return false;
            }
            (x, y) = (&x[n..], &y[n..]);
        }
    }
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
        let mut out = self.0.lock().unwrap();
        if out.files.contains_key(path) {
            anyhow::bail!("{path} is written twice in one build (a theme file with the name of a generated one?)");
        }
        out.add_shared(path, bytes);
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
    fn put_pieces(&self, path: &str, pieces: Vec<Arc<str>>) -> Result<()> {
        let bytes = FileBytes::Pieces(pieces.into());
        let mut out = self.0.lock().unwrap();
        if out.files.contains_key(path) {
            anyhow::bail!("{path} is written twice in one build (a theme file with the name of a generated one?)");
        }
        out.files.insert(path.to_string(), bytes);
        Ok(())
    }
    fn paths(&self) -> Vec<String> {
        self.0.lock().unwrap().files.keys().cloned().collect()
    }
}

/// Writes each file into a directory as soon as it is put (the temporary
/// directory of [`write_atomic_with`]).
///
/// A file whose bytes are those of the same path in the site being
/// replaced is hard-linked to it instead of written: a rebuild copies
/// only what changed, an unchanged file keeps its modification time (a
/// deployment by `rsync` or the like sends only the changed ones), and on
/// a disk no inode is allocated for it. The old site is only read; the
/// new one is still swapped in whole.
pub struct DirSink {
    root: PathBuf,
    /// The site being replaced, if any.
    current: Option<PathBuf>,
    dirs: Mutex<HashSet<PathBuf>>,
    paths: Mutex<Vec<String>>,
    /// Paths put so far: a second put of one is an error, never a rewrite.
    written: Mutex<HashSet<String>>,
    unchanged: std::sync::atomic::AtomicUsize,
}

impl DirSink {
    fn new(root: PathBuf, current: Option<PathBuf>) -> DirSink {
        DirSink {
            root,
            current,
            dirs: Mutex::new(HashSet::new()),
            paths: Mutex::new(Vec::new()),
            written: Mutex::new(HashSet::new()),
            unchanged: Default::default(),
        }
    }

    /// How many files were linked to the replaced site's, unchanged.
    pub fn unchanged(&self) -> usize {
        self.unchanged.load(std::sync::atomic::Ordering::Relaxed)
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
        if !self.written.lock().unwrap().insert(path.to_string()) {
            anyhow::bail!("{path} is written twice in one build (a theme file with the name of a generated one?)");
        }
        self.paths.lock().unwrap().push(path.to_string());
        Ok(target)
    }

    /// The replaced site's file at `path`, if it is a regular file.
    fn current_file(&self, path: &str) -> Option<(PathBuf, u64)> {
        let old = self.current.as_ref()?.join(path);
        let meta = std::fs::symlink_metadata(&old).ok()?;
        meta.is_file().then_some((old, meta.len()))
    }

    /// Link `target` to `old`, whose bytes are the file's; false if the
    /// file system cannot (the caller then writes the file).
    fn link(&self, old: &Path, target: &Path) -> bool {
        let linked = std::fs::hard_link(old, target).is_ok();
        if linked {
            self.unchanged
                .fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        }
        linked
    }

    /// Write the file at `path` (of `len` bytes, if known) with `write`,
    /// or link it to the replaced site's file if the bytes are the same.
    fn put_unless_same(
        &self,
        path: &str,
        len: Option<usize>,
        write: &mut dyn FnMut(&mut dyn Write) -> std::io::Result<()>,
    ) -> Result<()> {
        let target = self.target(path)?;
        let mut w = WriteUnlessSame::new(self.current_file(path), len, &target);
        let same = write(&mut w)
            .and_then(|_| w.finish())
            .with_context(|| format!("cannot write {}", target.display()))?;
        if let Some(old) = same {
            if !self.link(&old, &target) {
                // A new file, never the old site's opened for writing.
                std::io::copy(&mut std::fs::File::open(&old)?, &mut new_file(&target)?)
                    .with_context(|| format!("cannot write {}", target.display()))?;
            }
        }
        Ok(())
    }
}

/// A file created for writing that was not there before. The new site's
/// files may be hard links to the old site's (unchanged files), so opening
/// an existing one with truncation would empty the old site's file too:
/// `create_new` makes that an error instead of silent data loss.
fn new_file(path: &Path) -> std::io::Result<std::fs::File> {
    std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(path)
}

/// Writes a file unless its bytes turn out to be those of the replaced
/// site's file: while they match, that file is read instead of anything
/// written; at the first difference, the part that matched is copied
/// from it and the rest written after.
struct WriteUnlessSame<'a> {
    /// The replaced file and a reader at the first byte not yet matched.
    old: Option<(PathBuf, std::io::BufReader<std::fs::File>)>,
    matched: u64,
    target: &'a Path,
    out: Option<std::io::BufWriter<std::fs::File>>,
    buf: Vec<u8>,
    /// Of the output buffer: the file's length when known.
    capacity: usize,
}

impl<'a> WriteUnlessSame<'a> {
    /// `old`: the replaced file and its length; `len`: the new file's,
    /// when known (a file of another length is not read).
    fn new(old: Option<(PathBuf, u64)>, len: Option<usize>, target: &'a Path) -> Self {
        let old = old
            .filter(|&(_, old_len)| len.is_none_or(|n| n as u64 == old_len))
            .and_then(|(p, _)| {
                let f = std::fs::File::open(&p).ok()?;
                Some((p, std::io::BufReader::with_capacity(1 << 16, f)))
            });
        WriteUnlessSame {
            old,
            matched: 0,
            target,
            out: None,
            buf: Vec::new(),
            capacity: len.map_or(1 << 20, |n| n.clamp(1, 1 << 20)),
        }
    }

    /// From here on, write: the new file, starting with what matched.
    fn diverge(&mut self) -> std::io::Result<&mut std::io::BufWriter<std::fs::File>> {
        use std::io::Read;
        if self.out.is_none() {
            let file = new_file(self.target)?;
            let mut out = std::io::BufWriter::with_capacity(self.capacity, file);
            if let Some((path, _)) = self.old.take() {
                if self.matched > 0 {
                    let mut prefix = std::fs::File::open(&path)?.take(self.matched);
                    if std::io::copy(&mut prefix, &mut out)? != self.matched {
                        return Err(std::io::Error::other(format!(
                            "{} changed while being read",
                            path.display()
                        )));
                    }
                }
            }
            self.out = Some(out);
        }
        Ok(self.out.as_mut().expect("just made"))
    }

    /// Done: the replaced file if the bytes were all its own (nothing
    /// was written), else None (the new file is complete).
    fn finish(mut self) -> std::io::Result<Option<PathBuf>> {
        use std::io::Read;
        if self.out.is_none() {
            if let Some((path, r)) = &mut self.old {
                if r.read(&mut [0u8])? == 0 {
                    return Ok(Some(path.clone()));
                }
            }
        }
        self.diverge()?.flush()?;
        Ok(None)
    }
}

impl Write for WriteUnlessSame<'_> {
    /// Once writing, several pieces at once: a batch larger than the
    /// buffer goes to the file in one `writev`, not copied into it first.
    fn write_vectored(&mut self, bufs: &[std::io::IoSlice<'_>]) -> std::io::Result<usize> {
        if self.out.is_none() && self.old.is_some() {
            // Still comparing with the replaced file: a piece at a time.
            let first = bufs.iter().find(|b| !b.is_empty());
            return self.write(first.map_or(&[][..], |b| &b[..]));
        }
        self.diverge()?.write_vectored(bufs)
    }
    fn write(&mut self, data: &[u8]) -> std::io::Result<usize> {
        use std::io::Read;
        if self.out.is_none() {
            if let Some((_, r)) = &mut self.old {
                self.buf.resize(data.len(), 0);
                if r.read_exact(&mut self.buf).is_ok() && self.buf == data {
                    self.matched += data.len() as u64;
                    return Ok(data.len());
                }
            }
        }
        self.diverge()?.write_all(data)?;
        Ok(data.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        match &mut self.out {
            Some(out) => out.flush(),
            None => Ok(()),
        }
    }
}

/// Write `pieces` one after the other, in vectored writes: a writer that
/// takes them (a file being written) gets a batch without copying it.
pub fn write_pieces(w: &mut dyn Write, pieces: &[&[u8]]) -> std::io::Result<()> {
    let mut slices: Vec<std::io::IoSlice> = pieces
        .iter()
        .filter(|p| !p.is_empty())
        .map(|p| std::io::IoSlice::new(p))
        .collect();
    let mut rest = &mut slices[..];
    while !rest.is_empty() {
        match w.write_vectored(rest) {
            Ok(0) => return Err(std::io::ErrorKind::WriteZero.into()),
            Ok(n) => std::io::IoSlice::advance_slices(&mut rest, n),
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => {}
            Err(e) => return Err(e),
        }
    }
    Ok(())
}

impl Sink for DirSink {
    fn put_shared(&self, path: &str, bytes: Arc<Vec<u8>>) -> Result<()> {
        self.put_unless_same(path, Some(bytes.len()), &mut |w| w.write_all(&bytes))
    }
    fn put_with(
        &self,
        path: &str,
        _size: usize,
        write: &mut dyn FnMut(&mut dyn Write) -> std::io::Result<()>,
    ) -> Result<()> {
        self.put_unless_same(path, None, write)
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
    pub files: BTreeMap<String, FileBytes>,
}

impl Output {
    pub fn add(&mut self, path: impl Into<String>, bytes: impl Into<Vec<u8>>) {
        self.add_shared(path, Arc::new(bytes.into()));
    }
    pub fn add_shared(&mut self, path: impl Into<String>, bytes: Arc<Vec<u8>>) {
        self.files.insert(path.into(), FileBytes::Whole(bytes));
    }
    pub fn get(&self, path: &str) -> Option<std::borrow::Cow<'_, [u8]>> {
        self.files.get(path).map(FileBytes::contiguous)
    }
    /// Paths whose bytes differ from `old` (added, changed or removed).
    pub fn changed_since(&self, old: &Output) -> Vec<String> {
        let mut out: Vec<String> = self
            .files
            .iter()
            .filter(|(p, b)| old.files.get(*p).is_none_or(|o| o != *b))
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

/// The file every build writes at the root of its site: only a directory
/// holding it (or none, or an empty one) is ever replaced.
pub const MARKER: &str = ".compendium-site";
pub const MARKER_TEXT: &str =
    "This directory is a site built by compendium; `compendium build` replaces it whole.\n";

/// Refuse to replace what is not a site this tool built: `-o content`,
/// `-o .` or `-o site.yaml` would otherwise delete the sources.
fn ensure_replaceable(dir: &Path) -> Result<()> {
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
        // A site built before the marker existed.
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

/// Write `out` as the complete content of `dir`, atomically: into a
/// temporary sibling directory, then swapped in by renames.
pub fn write_atomic(out: &Output, dir: &Path) -> Result<()> {
    write_atomic_with(dir, |sink| {
        // A large site is thousands of small files: system calls dominate.
        out.files
            .par_iter()
            .try_for_each(|(path, bytes)| match bytes {
                FileBytes::Whole(b) => sink.put_shared(path, b.clone()),
                FileBytes::Pieces(_) => sink.put_with(path, 0, &mut |w| bytes.write_to(w)),
            })
    })
}

/// Make the complete content of `dir` with `fill`, atomically: `fill`
/// writes into a temporary sibling directory, which is swapped in by
/// renames only when it succeeded.
pub fn write_atomic_with(dir: &Path, fill: impl FnOnce(&DirSink) -> Result<()>) -> Result<()> {
    ensure_replaceable(dir)?;
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
        .and_then(|_| {
            // Unchanged files are linked to the current site's (see `DirSink`).
            let current = dir.is_dir().then(|| dir.to_path_buf());
            let sink = DirSink::new(tmp.clone(), current);
            fill(&sink)?;
            // The site puts its marker as one of its files; any other
            // user of the sink gets one too.
            if !sink.written.lock().unwrap().contains(MARKER) {
                sink.put_shared(MARKER, Arc::new(MARKER_TEXT.as_bytes().to_vec()))?;
            }
            Ok(())
        });
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
        remove_tree(&old);
    }
    Ok(())
}

/// Delete the previous site, its files in parallel: a large site is
/// thousands of files, and unlinking them one after the other took ~50 ms
/// of a 1,000-document build (in memory; ~20 ms less so). Best effort, as
/// `remove_dir_all`.
fn remove_tree(dir: &Path) {
    use rayon::prelude::*;
    let mut dirs = Vec::new();
    let mut files = Vec::new();
    for e in walkdir::WalkDir::new(dir).into_iter().flatten() {
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
    if dir.exists() {
        std::fs::remove_dir_all(dir).ok();
    }
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
                std::fs::File::create(&tmp)
                    .map(|f| std::io::BufWriter::with_capacity(1 << 20, f))
                    .and_then(|mut f| {
                        bytes.write_to(&mut f)?;
                        f.flush()
                    })
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

#[cfg(test)]
mod tests {
    use super::*;

    fn pieces(ps: &[&str]) -> FileBytes {
        FileBytes::Pieces(ps.iter().map(|p| Arc::<str>::from(*p)).collect())
    }

    #[test]
    fn file_bytes_are_equal_by_content_however_split() {
        let whole = FileBytes::Whole(Arc::new(b"{\"a\":1},{\"b\":2}".to_vec()));
        let split = pieces(&["{\"a\":1}", ",", "{\"b\":2}"]);
        assert_eq!(split, whole);
        assert_eq!(whole, pieces(&["{\"a\"", ":1},{\"b\":2}"]));
        assert_ne!(split, pieces(&["{\"a\":1}", ",", "{\"b\":3}"]));
        assert_ne!(split, pieces(&["{\"a\":1}"]));
        // Pieces of the same lengths, compared pair by pair; others byte
        // by byte across their boundaries.
        assert_eq!(pieces(&["ab", "cd"]), pieces(&["ab", "cd"]));
        assert_ne!(pieces(&["ab", "cd"]), pieces(&["ab", "ce"]));
        assert_ne!(pieces(&["ab", "cd"]), pieces(&["xb", "cd"]));
        assert_eq!(pieces(&["ab", "cd"]), pieces(&["abc", "d"]));
        assert_eq!(pieces(&["ab", "", "cd"]), pieces(&["a", "bcd"]));
        assert_ne!(pieces(&["ab", "cd"]), pieces(&["abc", "e"]));
        assert_eq!(split.len(), 15);
        assert_eq!(&*split.contiguous(), b"{\"a\":1},{\"b\":2}");
        let mut written = Vec::new();
        split.write_to(&mut written).unwrap();
        assert_eq!(written, b"{\"a\":1},{\"b\":2}");
    }

    #[test]
    fn a_remade_piece_is_a_changed_file_and_shared_pieces_are_not() {
        let kept: Arc<str> = Arc::from("{\"a\":1}");
        let mut old = Output::default();
        old.files.insert(
            "compendium.json".into(),
            FileBytes::Pieces(vec![kept.clone(), Arc::from(","), Arc::from("{\"b\":2}")].into()),
        );
        old.add("index.html", "home");
        let mut same = Output::default();
        same.files.insert(
            "compendium.json".into(),
            FileBytes::Pieces(vec![kept.clone(), Arc::from(","), Arc::from("{\"b\":2}")].into()),
        );
        same.add("index.html", "home");
        assert!(same.changed_since(&old).is_empty());
        let mut edited = same.clone();
        edited.files.insert(
            "compendium.json".into(),
            FileBytes::Pieces(vec![kept, Arc::from(","), Arc::from("{\"b\":3}")].into()),
        );
        assert_eq!(
            edited.changed_since(&old),
            vec!["compendium.json".to_string()]
        );
    }

    /// What the server reads of a pieced file is what a build writes.
    #[test]
    fn pieces_are_written_whole_through_short_vectored_writes() {
        /// Takes at most three bytes a call, from the first slices given.
        struct Short(Vec<u8>);
        impl Write for Short {
            fn write(&mut self, b: &[u8]) -> std::io::Result<usize> {
                let n = b.len().min(3);
                self.0.extend_from_slice(&b[..n]);
                Ok(n)
            }
            fn write_vectored(&mut self, bufs: &[std::io::IoSlice<'_>]) -> std::io::Result<usize> {
                let mut n = 0;
                for b in bufs {
                    let take = b.len().min(3 - n);
                    self.0.extend_from_slice(&b[..take]);
                    n += take;
                    if n == 3 {
                        break;
                    }
                }
                Ok(n)
            }
            fn flush(&mut self) -> std::io::Result<()> {
                Ok(())
            }
        }
        let mut w = Short(Vec::new());
        write_pieces(&mut w, &[b"ab", b"", b"cdefg", b"h", b"", b"ijklmnop"]).unwrap();
        assert_eq!(w.0, b"abcdefghijklmnop");
        let mut w = Short(Vec::new());
        write_pieces(&mut w, &[b"", b""]).unwrap();
        assert!(w.0.is_empty());
    }

    #[test]
    fn pieces_put_into_a_directory_are_the_joined_bytes() {
        let dir = tempfile::tempdir().unwrap();
        let sink = DirSink::new(dir.path().to_path_buf(), None);
        sink.put_pieces(
            "assets/x.js",
            vec![Arc::from("a"), Arc::from(","), Arc::from("b")],
        )
        .unwrap();
        assert_eq!(
            std::fs::read(dir.path().join("assets/x.js")).unwrap(),
            b"a,b"
        );
        let memory = MemorySink::default();
        memory
            .put_pieces(
                "assets/x.js",
                vec![Arc::from("a"), Arc::from(","), Arc::from("b")],
            )
            .unwrap();
        assert_eq!(&*memory.into_output().get("assets/x.js").unwrap(), b"a,b");
    }

    /// Issue #26: the built-in `style.css` linked to the live site's, then
    /// the theme's copy put over it, truncated the live site's file.
    #[test]
    fn a_path_is_written_once_and_the_live_site_is_never_written() {
        let base = tempfile::tempdir().unwrap();
        let dir = base.path().join("public");
        let put = |sink: &DirSink, p: &str, t: &str| sink.put_shared(p, Arc::new(t.into()));
        write_atomic_with(&dir, |sink| put(sink, "style.css", "body{}")).unwrap();
        // Same bytes (linked to the live file), then other bytes for the
        // same path: an error, and the live file keeps its bytes.
        let err = write_atomic_with(&dir, |sink| {
            put(sink, "style.css", "body{}")?;
            put(sink, "style.css", "p{}")
        })
        .unwrap_err();
        assert!(
            format!("{err:#}").contains("style.css is written twice"),
            "{err:#}"
        );
        assert_eq!(std::fs::read(dir.join("style.css")).unwrap(), b"body{}");
        // A build that writes a changed file and then fails leaves the
        // live site as it was, and no temporary directory behind.
        write_atomic_with(&dir, |sink| {
            put(sink, "style.css", "p{}")?;
            anyhow::bail!("a later error")
        })
        .unwrap_err();
        assert_eq!(std::fs::read(dir.join("style.css")).unwrap(), b"body{}");
        let names: Vec<String> = std::fs::read_dir(base.path())
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        assert_eq!(names, ["public"]);
        // The in-memory sink refuses a second put too.
        let memory = MemorySink::default();
        memory.put_shared("a", Arc::new(b"1".to_vec())).unwrap();
        assert!(memory.put_shared("a", Arc::new(b"2".to_vec())).is_err());
    }

    #[cfg(unix)]
    #[test]
    fn a_rebuild_links_the_files_it_leaves_unchanged_and_writes_the_others() {
        use std::os::unix::fs::MetadataExt;
        let base = tempfile::tempdir().unwrap();
        let dir = base.path().join("public");
        let inode = |p: &str| std::fs::metadata(dir.join(p)).unwrap().ino();
        // Streamed files, written in small pieces as the JSON export is:
        // alone, and in vectored batches (while compared with the replaced
        // file and once written).
        let stream = |sink: &DirSink, path: &str, text: &str| {
            sink.put_with(path, 0, &mut |w| {
                let chunks: Vec<&[u8]> = text.as_bytes().chunks(3).collect();
                for (n, batch) in chunks.chunks(2).enumerate() {
                    if n % 2 == 0 {
                        batch.iter().try_for_each(|c| w.write_all(c))?;
                    } else {
                        write_pieces(w, batch)?;
                    }
                }
                Ok(())
            })
            .unwrap()
        };
        let first = [
            ("a.html", "same"),
            ("d/b.html", "old b"),
            ("d/c.html", "abc"),
            ("gone.html", "removed next time"),
            ("s/same.json", "[1,2,3,4,5,6,7]"),
            ("s/middle.json", "[1,2,3,4,5,6,7]"),
            ("s/longer.json", "[1,2,3]"),
            ("s/shorter.json", "[1,2,3,4,5,6,7]"),
            ("s/empty.json", ""),
        ];
        // A site of these files (those under `s/` streamed); how many
        // were linked to the previous one's.
        let build = |files: &[(&str, &str)]| -> usize {
            let mut unchanged = 0;
            write_atomic_with(&dir, |sink| {
                for &(p, t) in files {
                    if p.starts_with("s/") {
                        stream(sink, p, t);
                    } else {
                        sink.put_shared(p, Arc::new(t.as_bytes().to_vec()))?;
                    }
                }
                unchanged = sink.unchanged();
                Ok(())
            })
            .unwrap();
            unchanged
        };
        assert_eq!(build(&first), 0, "nothing to link to");
        let before: Vec<u64> = first
            .iter()
            .filter(|(p, _)| *p != "gone.html")
            .map(|(p, _)| inode(p))
            .collect();
        let second = [
            ("a.html", "same"),
            ("d/b.html", "new b"),
            ("d/c.html", "abcdef"),
            ("new.html", "added"),
            ("s/same.json", "[1,2,3,4,5,6,7]"),
            ("s/middle.json", "[1,2,3,9,5,6,7]"),
            ("s/longer.json", "[1,2,3,4]"),
            ("s/shorter.json", "[1,2,3"),
            ("s/empty.json", ""),
        ];
        let unchanged = build(&second);
        // Exactly the new site.
        let mut files: Vec<String> = walkdir::WalkDir::new(&dir)
            .into_iter()
            .map(|e| e.unwrap())
            .filter(|e| e.file_type().is_file())
            .map(|e| {
                e.path()
                    .strip_prefix(&dir)
                    .unwrap()
                    .to_string_lossy()
                    .replace('\\', "/")
            })
            .collect();
        files.sort();
        let mut want: Vec<String> = second.iter().map(|(p, _)| p.to_string()).collect();
        want.push(MARKER.to_string()); // put by write_atomic_with itself
        want.sort();
        assert_eq!(files, want);
        for (p, t) in second {
            assert_eq!(std::fs::read_to_string(dir.join(p)).unwrap(), t, "{p}");
        }
        // The unchanged files are the same files; the others are new.
        assert_eq!(unchanged, 3);
        let kept = |p: &str| {
            let i = first
                .iter()
                .filter(|(q, _)| *q != "gone.html")
                .position(|(q, _)| *q == p)
                .unwrap();
            before[i] == inode(p)
        };
        for p in ["a.html", "s/same.json", "s/empty.json"] {
            assert!(kept(p), "{p} was rewritten");
        }
        for p in [
            "d/b.html",
            "s/middle.json",
            "s/longer.json",
            "s/shorter.json",
        ] {
            assert!(!kept(p), "{p} was not rewritten");
        }
        // A failed build leaves the site as it was, links and all.
        let r = write_atomic_with(&dir, |sink| {
            sink.put_shared("a.html", Arc::new(b"same".to_vec()))?;
            anyhow::bail!("a template failed")
        });
        assert!(r.is_err());
        assert_eq!(std::fs::read_to_string(dir.join("a.html")).unwrap(), "same");
        assert_eq!(std::fs::metadata(dir.join("a.html")).unwrap().nlink(), 1);
        let leftovers = std::fs::read_dir(base.path()).unwrap().count();
        assert_eq!(leftovers, 1, "only the site is left");
    }
}
