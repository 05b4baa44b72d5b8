//! The pairs of documents given a comparison page: documents with the same
//! title (a draft and the text adopted from it, a draft printed in a
//! report and its other copy) and documents sharing the wording of at
//! least two paragraphs each way (or of about half of the shorter one's).
//! Ranked by same title, then by how many paragraphs match, then reading
//! order, each document gets at most [`MAX_COMPARE`].

use super::index::{Index, Slot};
use super::{Found, MAX_COMPARE};
use crate::model::{DocKind, Document};
use rayon::prelude::*;
use rustc_hash::{FxHashMap, FxHashSet};

/// The pairs of documents given a comparison page, as each document's
/// partners (slugs, best first), from every paragraph's similar ones.
pub fn compare_pairs(docs: &[Document], similar: &[Vec<Vec<Found>>]) -> Vec<Vec<String>> {
    // Paragraphs of i with a similar paragraph in j, counted for i < j
    // from both sides: each (i, j) once per paragraph, sorted and counted
    // (a map updated per paragraph took a third of the lineage's time at
    // 1,000 synthetic documents, every one sharing paragraphs with most).
    let mut each: Vec<(u32, u32)> = similar
        .par_iter()
        .enumerate()
        .flat_map_iter(|(i, paras)| {
            paras.iter().flat_map(move |p| {
                let mut seen: Vec<usize> = p.iter().map(|s| s.doc as usize).collect();
                seen.sort_unstable();
                seen.dedup();
                seen.into_iter()
                    .map(move |j| (i.min(j) as u32, i.max(j) as u32))
            })
        })
        .collect();
    each.par_sort_unstable();
    let mut shared: Vec<((usize, usize), usize)> = Vec::new();
    for run in each.chunk_by(|a, b| a == b) {
        shared.push(((run[0].0 as usize, run[0].1 as usize), run.len()));
    }
    let shared_of = |i: usize, j: usize| {
        shared
            .binary_search_by_key(&(i, j), |e| e.0)
            .map_or(0, |k| shared[k].1)
    };
    let titles: Vec<Option<String>> = docs.iter().map(title).collect();
    let titles: Vec<Option<&str>> = titles.iter().map(Option::as_deref).collect();
    let mut pairs = same_title(&titles);
    for &((i, j), n) in &shared {
        if worth(n, docs[i].paragraphs.len(), docs[j].paragraphs.len()) {
            pairs.push((i, j));
        }
    }
    choose(docs, &titles, pairs, shared_of)
}

/// The key of `d`'s title, for a document that is not a page.
pub(super) fn title(d: &Document) -> Option<String> {
    (d.kind != DocKind::Page)
        .then(|| d.title.as_deref().map(crate::analyze::citations::title_key))
        .flatten()
        .filter(|t| !t.is_empty())
}

/// Do two documents of `a` and `b` paragraphs sharing `n` (counted both
/// ways) get a page: two paragraphs each way, or about half of the
/// shorter document?
fn worth(n: usize, a: usize, b: usize) -> bool {
    n >= 4 || (n >= 2 && n >= a.min(b))
}

/// The pairs of places with the same title, in reading order.
fn same_title(titles: &[Option<&str>]) -> Vec<(usize, usize)> {
    // Grouped by hash (many titles share a long beginning); the groups'
    // order does not matter, the pairs are sorted.
    let mut by_title: FxHashMap<&str, Vec<usize>> = FxHashMap::default();
    for (i, t) in titles.iter().enumerate() {
        if let Some(t) = t {
            by_title.entry(t).or_default().push(i);
        }
    }
    let mut pairs = Vec::new();
    for v in by_title.values() {
        for (k, &i) in v.iter().enumerate() {
            for &j in &v[k + 1..] {
                pairs.push((i, j));
            }
        }
    }
    pairs
}

/// Each document's partners among `pairs` (places, first before second),
/// best first.
fn choose(
    docs: &[Document],
    titles: &[Option<&str>],
    mut pairs: Vec<(usize, usize)>,
    shared_of: impl Fn(usize, usize) -> usize + Sync,
) -> Vec<Vec<String>> {
    let rank = |&(i, j): &(usize, usize)| {
        let same = titles[i].is_some() && titles[i] == titles[j];
        (same, shared_of(i, j), i, j)
    };
    let order = |a: &(bool, usize, usize, usize), b: &(bool, usize, usize, usize)| {
        b.0.cmp(&a.0)
            .then(b.1.cmp(&a.1))
            .then((a.2, a.3).cmp(&(b.2, b.3)))
    };
    // In parallel only when many (a rebuild's are a few hundred: waking
    // the pool's threads costs more).
    let ranked: Vec<(bool, usize, usize, usize)> = if pairs.len() < 16_384 {
        pairs.sort_unstable();
        pairs.dedup();
        let mut ranked: Vec<_> = pairs.iter().map(rank).collect();
        ranked.sort_unstable_by(order);
        ranked
    } else {
        pairs.par_sort_unstable();
        pairs.dedup();
        let mut ranked: Vec<_> = pairs.par_iter().map(rank).collect();
        ranked.par_sort_unstable_by(order);
        ranked
    };
    let mut out: Vec<Vec<String>> = vec![Vec::new(); docs.len()];
    for (_, _, i, j) in ranked {
        if out[i].len() < MAX_COMPARE && out[j].len() < MAX_COMPARE {
            out[i].push(docs[j].slug.clone());
            out[j].push(docs[i].slug.clone());
        }
    }
    out
}

/// The paragraphs each pair of documents (slots, smaller first) shares,
/// kept up to date list by list, and the pairs worth a page.
#[derive(Debug, Default)]
pub(super) struct Shared {
    counts: FxHashMap<(u32, u32), usize>,
    worth: FxHashSet<(u32, u32)>,
}

impl Shared {
    /// Count the list of a paragraph of slot `s` in (`sign` 1) or out (-1).
    pub(super) fn add(&mut self, s: u32, list: &[Found], sign: isize, docs: &[Slot]) {
        let mut seen: Vec<u32> = list.iter().map(|f| f.doc).collect();
        seen.sort_unstable();
        seen.dedup();
        for j in seen {
            let key = (s.min(j), s.max(j));
            let n = self.counts.entry(key).or_insert(0);
            *n = n.checked_add_signed(sign).expect("counted in before out");
            let n = *n;
            if n == 0 {
                self.counts.remove(&key);
            }
            let (a, b) = (docs[key.0 as usize].paras, docs[key.1 as usize].paras);
            if worth(n, a, b) {
                self.worth.insert(key);
            } else {
                self.worth.remove(&key);
            }
        }
    }

    fn of(&self, a: u32, b: u32) -> usize {
        self.counts.get(&(a.min(b), a.max(b))).copied().unwrap_or(0)
    }
}

impl Index {
    /// [`compare_pairs`] from the counts kept (watch mode).
    pub fn compare(&self, docs: &[Document]) -> Vec<Vec<String>> {
        let titles: Vec<Option<&str>> = self
            .order
            .iter()
            .map(|&s| self.docs[s as usize].title.as_deref())
            .collect();
        let mut pairs = same_title(&titles);
        for &(a, b) in &self.shared.worth {
            let (i, j) = (self.place[a as usize], self.place[b as usize]);
            pairs.push((i.min(j) as usize, i.max(j) as usize));
        }
        choose(docs, &titles, pairs, |i, j| {
            self.shared.of(self.order[i], self.order[j])
        })
    }
}
