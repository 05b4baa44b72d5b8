//! Agreed language: which paragraphs of other documents share a
//! paragraph's wording, identical or modified (SPEC §12), and which pairs
//! of documents get a comparison page.
//!
//! # The measure
//!
//! A paragraph is compared on its plain text (`Paragraph::plain`: no
//! markup, no footnote calls), lower-cased and cut into words at anything
//! that is not a letter or a digit (punctuation, apostrophes and
//! quotation marks count for nothing). Two paragraphs are
//!
//! - **identical** when their words are the same, in the same order;
//! - **modified** when the sets of their [`SHINGLE`]-word shingles have a
//!   Jaccard similarity of at least [`JACCARD_MIN`], or when the smaller
//!   set is at least [`CONTAINMENT_MIN`] contained in the larger (a clause
//!   taken into a longer paragraph, or a paragraph split in two).
//!
//! Paragraphs of fewer than [`MIN_WORDS`] words are left out: « Rappelant
//! sa résolution 5/1, » is shared by many texts without being agreed
//! language. Tuned on the seeds: 4-word shingles keep the shared formulas
//! of the UN texts (« la Convention des Nations Unies contre la
//! criminalité transnationale organisée ») from making two unrelated
//! paragraphs look alike, while a changed word still leaves most of a
//! paragraph's shingles in place; the COP resolutions' and the Third
//! Committee drafts' reused paragraphs score 0.55 to 0.95, unrelated
//! paragraphs below 0.3.
//!
//! # Why an exact inverted index, not MinHash
//!
//! MinHash with LSH banding estimates the Jaccard similarity from a
//! signature and finds candidates through band collisions: cheap, but the
//! scores are estimates and a pair near the threshold is found or not
//! depending on the hash seeds. Here the candidates come from an exact
//! inverted index over the shingles of the *distinct* texts (identical
//! paragraphs are grouped first, by their words, so a text repeated a
//! hundred times counts once), with prefix filtering: related texts share
//! at least half of the smaller one's shingles, so the smaller one need
//! only look up its rarest half (plus one). Shingles shared by more than
//! [`POSTING_CAP`] distinct texts (boilerplate, which would make the cost
//! quadratic) are not looked up. Every candidate's score is then computed
//! exactly by merging the two sorted shingle sets. The result is exact for
//! every related pair but those whose smaller text's rarest half is all
//! boilerplate, deterministic (the hashes are FxHash, unseeded, and
//! nothing is read in a hash map's order), and the cost is near-linear:
//! each text looks at most `shingles / 2 × POSTING_CAP` candidates. A
//! build makes it whole; watch mode keeps the index (the distinct texts,
//! their postings, related pairs and lists: [`Index`]) and updates it for
//! the documents an edit changed, giving what a fresh build gives (checked
//! edit after edit in `update_tests`). Measured in `docs/performance.md`:
//! about 6 ms on the seeds, 95 ms of a 1 s build of 1,000 synthetic
//! documents, under 5 ms of a one-file rebuild there.

mod compare;
mod index;
mod update;

pub use compare::compare_pairs;
pub use index::Index;
pub use update::Dirty;

use crate::model::{DocKind, Document, Similar};
use rayon::prelude::*;
use rustc_hash::FxHasher;
use std::hash::{Hash, Hasher};
use std::sync::{Arc, Mutex};

/// Words per shingle.
pub const SHINGLE: usize = 4;
/// Paragraphs with fewer words have no lineage.
pub const MIN_WORDS: usize = 8;
/// Jaccard similarity of shingle sets from which two paragraphs are one
/// modified.
pub const JACCARD_MIN: f64 = 0.5;
/// Or: how much of the smaller shingle set the larger contains.
pub const CONTAINMENT_MIN: f64 = 0.7;
/// At most this many similar paragraphs per paragraph (a synthetic
/// corpus repeating every paragraph 60 times gave 10 each: the lists were
/// 57 MB of 95 MB of document pages at 1,000 documents).
pub const MAX_SIMILAR: usize = 5;
/// A shingle in more distinct texts than this finds no candidates.
pub const POSTING_CAP: usize = 64;
/// At most this many comparison pages per document.
pub const MAX_COMPARE: usize = 2;

/// The words of a text, lower-cased: letters and digits, everything else
/// separates.
pub fn words(text: &str) -> Vec<String> {
    text.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect()
}

fn hash_of<T: Hash + ?Sized>(v: &T) -> u64 {
    let mut h = FxHasher::default();
    v.hash(&mut h);
    h.finish()
}

/// The sorted, distinct hashes of the `k`-word shingles of `words` (the
/// whole text as one when it is shorter).
pub fn shingles(words: &[u64], k: usize) -> Vec<u64> {
    let mut out: Vec<u64> = if words.len() < k {
        vec![hash_of(words)]
    } else {
        words.windows(k).map(hash_of).collect()
    };
    out.sort_unstable();
    out.dedup();
    out
}

/// The hash of one lower-cased word: of its bytes when it is ASCII (most
/// of a UN text's words, hashed eight bytes at a time), else of its
/// characters.
fn word_hash(lower: &str) -> u64 {
    let mut h = FxHasher::default();
    if lower.is_ascii() {
        h.write(lower.as_bytes());
    } else {
        for c in lower.chars() {
            h.write_u32(c as u32);
        }
    }
    h.finish()
}

/// The hashes of [`words`], made without allocating each word: a byte at
/// a time where the text is ASCII (decoding every character took three
/// quarters of the lineage's time).
pub fn word_hashes(text: &str) -> Vec<u64> {
    let b = text.as_bytes();
    let mut out = Vec::with_capacity(b.len() / 6 + 1);
    let mut word = String::new();
    let mut i = 0;
    while i < b.len() {
        let c = if b[i] < 0x80 {
            b[i] as char
        } else {
            text[i..].chars().next().expect("at a character")
        };
        // The commonest without the Unicode tables: ASCII, the accented
        // Latin-1 letters (not × and ÷) and the general punctuation
        // (’ « » and the spaces), none of it alphanumeric.
        let alnum = match c {
            '\0'..='\u{7F}' => c.is_ascii_alphanumeric(),
            '\u{C0}'..='\u{FF}' => c != '×' && c != '÷',
            '\u{2000}'..='\u{206F}' => false,
            _ => c.is_alphanumeric(),
        };
        if alnum {
            match c {
                '\0'..='\u{7F}' => word.push(c.to_ascii_lowercase()),
                '\u{C0}'..='\u{DE}' => word.push(char::from_u32(c as u32 + 0x20).expect("Latin-1")),
                '\u{DF}'..='\u{FF}' => word.push(c),
                _ => word.extend(c.to_lowercase()),
            }
        } else if !word.is_empty() {
            out.push(word_hash(&word));
            word.clear();
        }
        i += c.len_utf8();
    }
    if !word.is_empty() {
        out.push(word_hash(&word));
    }
    out
}

/// The word hashes of each paragraph of `d` long enough to have a lineage
/// (`None` for the others, and for every paragraph of a page): a function
/// of its text alone, which watch mode keeps for the documents an edit
/// left alone.
pub fn paragraph_words(d: &Document) -> Vec<Option<Words>> {
    d.paragraphs
        .iter()
        .map(|p| {
            if d.kind == DocKind::Page {
                return None;
            }
            let w = word_hashes(&p.plain);
            (w.len() >= MIN_WORDS).then(|| Words {
                hash: hash_of(&w),
                words: w,
            })
        })
        .collect()
}

/// A paragraph's word hashes, and a hash of them all.
#[derive(Debug, Clone, PartialEq)]
pub struct Words {
    pub hash: u64,
    pub words: Vec<u64>,
}

/// A similar paragraph, by place: [`Similar`] before its slug and anchor
/// are copied (most lists are those of the last build: compared, not
/// made again).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Found {
    /// As [`Similar::score`].
    pub score: u16,
    pub identical: bool,
    pub doc: u32,
    pub para: u32,
}

impl Found {
    pub fn similar(self, docs: &[Document]) -> Similar {
        let o = &docs[self.doc as usize];
        Similar {
            slug: o.slug.clone(),
            anchor: o.paragraphs[self.para as usize].anchor.clone(),
            score: self.score,
            identical: self.identical,
        }
    }

    /// Is `s` this paragraph, so scored?
    pub fn is(self, docs: &[Document], s: &Similar) -> bool {
        let o = &docs[self.doc as usize];
        s.score == self.score
            && s.identical == self.identical
            && s.slug == o.slug
            && s.anchor == o.paragraphs[self.para as usize].anchor
    }
}

/// How much two sorted shingle sets share.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Overlap {
    pub jaccard: f64,
    /// Shared shingles over the smaller set's.
    pub containment: f64,
}

impl Overlap {
    pub fn of(a: &[u64], b: &[u64]) -> Overlap {
        let (mut i, mut j, mut shared) = (0, 0, 0usize);
        while i < a.len() && j < b.len() {
            match a[i].cmp(&b[j]) {
                std::cmp::Ordering::Less => i += 1,
                std::cmp::Ordering::Greater => j += 1,
                std::cmp::Ordering::Equal => {
                    shared += 1;
                    i += 1;
                    j += 1;
                }
            }
        }
        Overlap::of_counts(a.len(), b.len(), shared)
    }

    /// The overlap of two sets of `a` and `b` shingles sharing `shared`.
    pub fn of_counts(a: usize, b: usize, shared: usize) -> Overlap {
        let union = a + b - shared;
        let smaller = a.min(b);
        Overlap {
            jaccard: if union == 0 {
                0.0
            } else {
                shared as f64 / union as f64
            },
            containment: if smaller == 0 {
                0.0
            } else {
                shared as f64 / smaller as f64
            },
        }
    }

    /// Is it the same clause, modified?
    pub fn related(self) -> bool {
        self.jaccard >= JACCARD_MIN || self.containment >= CONTAINMENT_MIN
    }

    /// The Jaccard similarity in hundredths, at most 99 (100 is for
    /// identical words).
    pub fn score(self) -> u16 {
        ((self.jaccard * 100.0).round() as u16).min(99)
    }
}

/// The similar paragraphs of every paragraph of `docs`, per document and
/// paragraph, best first: by score, then in reading order.
pub fn lineage(docs: &[Document]) -> Vec<Vec<Vec<Similar>>> {
    let words: Vec<Vec<Option<Words>>> = docs.par_iter().map(paragraph_words).collect();
    let words: Vec<&[Option<Words>]> = words.iter().map(Vec::as_slice).collect();
    found(&words)
        .into_iter()
        .map(|paras| {
            paras
                .into_iter()
                .map(|f| f.into_iter().map(|f| f.similar(docs)).collect())
                .collect()
        })
        .collect()
}

/// [`lineage`] by place, given each document's [`paragraph_words`].
pub fn found(words: &[&[Option<Words>]]) -> Vec<Vec<Vec<Found>>> {
    Index::build(words).into_found()
}

/// The lists of a document's paragraphs to be written: (paragraph, list).
type NewLists = Vec<(usize, Vec<Similar>)>;

/// Set every paragraph's similar paragraphs and every document's
/// comparison pages, given each document's [`paragraph_words`]: made whole,
/// or (watch mode: `kept`) by updating the index of the last build. Only
/// the lists that differ from those a document holds are written (a
/// document of the last build holds its lists).
pub fn set_lineage(
    docs: &mut [Document],
    words: &[Arc<Vec<Option<Words>>>],
    kept: Option<&Mutex<Option<Index>>>,
) {
    let t = std::time::Instant::now();
    let Some(kept) = kept else {
        let words: Vec<&[Option<Words>]> = words.iter().map(|w| w.as_slice()).collect();
        let found = found(&words);
        crate::site::log_time("    lineage: similar", t);
        let compare = compare_pairs(docs, &found);
        crate::site::log_time("    lineage: comparison pairs", t);
        let docs_now: &[Document] = docs;
        let lists: Vec<NewLists> = found
            .par_iter()
            .zip(docs_now.par_iter())
            .map(|(paras, d)| {
                let lists = paras.iter().map(|f| f.iter().copied());
                changed_lists(docs_now, d, lists.enumerate())
            })
            .collect();
        write(docs, lists, compare, 0, true);
        return;
    };
    // Taken out while updated: an update that panics leaves none, and the
    // next build starts again.
    let last = kept.lock().unwrap().take();
    let stamp = last.as_ref().map_or(0, |ix| ix.stamp);
    let (ix, dirty) = Index::update(last, docs, words);
    crate::site::log_time("    lineage: similar", t);
    let compare = ix.compare(docs);
    crate::site::log_time("    lineage: comparison pairs", t);
    let mut paras: Vec<Vec<usize>> = vec![Vec::new(); docs.len()];
    for &(place, p) in &dirty.paras {
        paras[place as usize].push(p as usize);
    }
    // A document of the last build holds its lists but those that
    // changed; any other gets all of them.
    for (place, d) in docs.iter().enumerate() {
        if stamp == 0 || d.lineage_key != stamp || dirty.all[place] {
            paras[place] = (0..d.paragraphs.len()).collect();
        }
    }
    // In parallel only when many (a rebuild's are a few: waking the
    // pool's threads costs more).
    let parallel = paras.iter().map(Vec::len).sum::<usize>() > 4096;
    let docs_now: &[Document] = docs;
    let one = |(place, (d, todo)): (usize, (&Document, Vec<usize>))| {
        let lists = todo.into_iter().map(|p| (p, ix.found(place, p)));
        changed_lists(docs_now, d, lists)
    };
    let lists: Vec<NewLists> = if parallel {
        docs_now
            .par_iter()
            .zip(paras)
            .enumerate()
            .map(one)
            .collect()
    } else {
        docs_now.iter().zip(paras).enumerate().map(one).collect()
    };
    write(docs, lists, compare, ix.stamp, parallel);
    *kept.lock().unwrap() = Some(ix);
}

/// The lists of `d`'s paragraphs among `lists` that differ from those it
/// holds, made.
fn changed_lists<I: Iterator<Item = Found>>(
    docs: &[Document],
    d: &Document,
    lists: impl Iterator<Item = (usize, I)>,
) -> NewLists {
    lists
        .filter_map(|(p, found)| {
            let found: Vec<Found> = found.collect();
            let held = &d.paragraphs[p].similar;
            let same =
                found.len() == held.len() && found.iter().zip(held).all(|(f, s)| f.is(docs, s));
            (!same).then(|| (p, found.iter().map(|f| f.similar(docs)).collect()))
        })
        .collect()
}

/// Write the lists and comparison pages that changed, and the stamp of
/// the index they are those of.
fn write(
    docs: &mut [Document],
    lists: Vec<NewLists>,
    compare: Vec<Vec<String>>,
    stamp: u64,
    parallel: bool,
) {
    let one = |((d, lists), compare): ((&mut Document, NewLists), Vec<String>)| {
        for (p, s) in lists {
            d.paragraphs[p].similar = s;
        }
        if d.compare != compare {
            d.compare = compare;
        }
        d.lineage_key = stamp;
    };
    if parallel {
        docs.par_iter_mut().zip(lists).zip(compare).for_each(one);
    } else {
        docs.iter_mut().zip(lists).zip(compare).for_each(one);
    }
}

/// The path of the comparison page of two documents, from the site root:
/// the slugs in reading order.
pub fn compare_path(first: &str, second: &str) -> String {
    format!("compare/{first}--{second}/index.html")
}

#[cfg(test)]
mod tests;
#[cfg(test)]
mod update_tests;
