//! [`DirSink`]: the sink of a one-shot build, writing each file into the
//! new site's directory as soon as it is made (or linking it to the
//! replaced site's file when the bytes are the same).

use super::output::Sink;
use anyhow::{Context, Result};
use std::collections::HashSet;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, LazyLock, Mutex};

/// Writes each file into a directory as soon as it is put (the temporary
/// directory of [`super::swap::write_atomic_with`]).
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
    pub(crate) fn new(root: PathBuf, current: Option<PathBuf>) -> DirSink {
        DirSink {
            root,
            current,
            dirs: Mutex::new(HashSet::new()),
            paths: Mutex::new(Vec::new()),
            written: Mutex::new(HashSet::new()),
            unchanged: Default::default(),
        }
    }

    /// Whether `path` was put.
    pub(crate) fn has(&self, path: &str) -> bool {
        self.written.lock().unwrap().contains(path)
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
                std::io::copy(
                    &mut std::fs::File::open(&old)?,
                    &mut Budgeted(new_file(&target)?),
                )
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
pub(crate) fn new_file(path: &Path) -> std::io::Result<std::fs::File> {
    std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(path)
}

/// **Test only.** `COMPENDIUM_FAIL_AFTER_BYTES=N` makes the writing of a
/// site fail, as on a full disk, once `N` bytes were written in all: the
/// tests of issue #26 check with it that a disk filling up mid-build
/// never changes the last good site. Never set it otherwise.
static BUDGET: LazyLock<Option<AtomicU64>> = LazyLock::new(|| {
    std::env::var("COMPENDIUM_FAIL_AFTER_BYTES")
        .ok()
        .and_then(|n| n.parse().ok())
        .map(AtomicU64::new)
});

/// A writer whose bytes count against the test-only [`BUDGET`] (put
/// around a `BufWriter`, whose vectored writes it passes on).
pub(crate) struct Budgeted<W>(pub W);

/// Take `n` bytes from the test-only budget, or fail as a full disk does.
fn charge(n: usize) -> std::io::Result<()> {
    let Some(left) = BUDGET.as_ref() else {
        return Ok(());
    };
    left.fetch_update(Ordering::SeqCst, Ordering::SeqCst, |l| {
        l.checked_sub(n as u64)
    })
    .map(|_| ())
    .map_err(|_| {
        std::io::Error::new(
            std::io::ErrorKind::StorageFull,
            "No space left on device (simulated: COMPENDIUM_FAIL_AFTER_BYTES)",
        )
    })
}

impl<W: Write> Write for Budgeted<W> {
    fn write(&mut self, data: &[u8]) -> std::io::Result<usize> {
        charge(data.len())?;
        self.0.write(data)
    }
    fn write_vectored(&mut self, bufs: &[std::io::IoSlice<'_>]) -> std::io::Result<usize> {
        let n = bufs.iter().map(|b| b.len()).sum::<usize>();
        charge(n)?;
        let written = self.0.write_vectored(bufs)?;
        if let Some(left) = BUDGET.as_ref() {
            // Give back what was not taken.
            left.fetch_add((n - written) as u64, Ordering::SeqCst);
        }
        Ok(written)
    }
    fn flush(&mut self) -> std::io::Result<()> {
        self.0.flush()
    }
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
    out: Option<Budgeted<std::io::BufWriter<std::fs::File>>>,
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
    fn diverge(&mut self) -> std::io::Result<&mut Budgeted<std::io::BufWriter<std::fs::File>>> {
        use std::io::Read;
        if self.out.is_none() {
            let file = new_file(self.target)?;
            let mut out = Budgeted(std::io::BufWriter::with_capacity(self.capacity, file));
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::site::output::{write_pieces, MemorySink};
    use crate::site::swap::{write_atomic_with, MARKER};

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
        let mut names: Vec<String> = std::fs::read_dir(base.path())
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        names.sort();
        // The site and its lock file, which stays.
        assert_eq!(names, [".public.lock", "public"]);
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
        assert_eq!(leftovers, 2, "only the site and its lock file are left");
    }
}
