//! Where the built site goes: the [`Sink`] rendering puts each file
//! into, and watch mode's in-memory [`Output`].
//!
//! A one-shot build's sink is a [`DirSink`] (`dirsink.rs`), writing into a
//! new directory beside the old one, which [`write_atomic_with`]
//! (`swap.rs`) swaps in only when the whole site is there, so a failed or
//! interrupted build never leaves a half-written site; watch mode's
//! [`MemorySink`] keeps an [`Output`] in memory to serve.

pub use super::dirsink::DirSink;
pub use super::swap::{write_atomic, write_atomic_with, write_changes, MARKER, MARKER_TEXT};
use anyhow::Result;
use std::collections::BTreeMap;
use std::io::Write;
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
}
