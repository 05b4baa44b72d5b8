//! The lineage as an index of distinct texts, which watch mode keeps
//! between builds (see `update`).
//!
//! A fresh build groups identical paragraphs into texts, indexes their
//! shingles, finds the related pairs of texts from each pair's smaller one
//! (prefix filtering, see the parent module) and makes every paragraph's
//! list.

use super::compare::Shared;
use super::{shingles, Found, Overlap, Words, MAX_SIMILAR, POSTING_CAP, SHINGLE};
use crate::model::Document;
use rayon::prelude::*;
use rustc_hash::FxHashMap;
use std::sync::Arc;

/// No text, no slot, no place.
pub(super) const NONE: u32 = u32::MAX;

/// Identical paragraphs: one text.
#[derive(Debug, Default)]
pub(super) struct Text {
    pub(super) hash: u64,
    pub(super) words: Vec<u64>,
    pub(super) shingles: Vec<u64>,
    /// Its paragraphs: (document slot, paragraph).
    pub(super) members: Vec<(u32, u32)>,
    /// Related texts found from this one (the smaller of each pair),
    /// by id, with their score.
    pub(super) from: Vec<(u32, u16)>,
    /// Every related text, found from either side.
    pub(super) related: Vec<(u32, u16)>,
}

/// A document, by slot: a place in [`Index::docs`] it keeps from build to
/// build while it is unchanged, never given to another one (a list naming
/// a slot names one document's paragraphs, so a changed list is told by
/// comparing slots).
#[derive(Debug, Default)]
pub(super) struct Slot {
    /// Its words (watch mode), whose address tells it unchanged.
    pub(super) words: Option<Arc<Vec<Option<Words>>>>,
    pub(super) slug: String,
    /// Each paragraph's text ([`NONE`]: too short).
    pub(super) texts: Vec<u32>,
    /// Each paragraph's similar paragraphs ([`Found::doc`]: a slot).
    pub(super) lists: Vec<Vec<Found>>,
    /// For the comparison pages: its title's key (not for a page) and its
    /// number of paragraphs.
    pub(super) title: Option<String>,
    pub(super) paras: usize,
}

/// The lineage of the documents of one build.
#[derive(Debug, Default)]
pub struct Index {
    /// By id; a removed text is left empty, its id in `free`.
    pub(super) texts: Vec<Text>,
    pub(super) free: Vec<u32>,
    /// Text ids by the hash of their words.
    pub(super) by_hash: FxHashMap<u64, Vec<u32>>,
    /// Each shingle's texts.
    pub(super) postings: FxHashMap<u64, Vec<u32>>,
    pub(super) docs: Vec<Slot>,
    /// Slots in reading order, and each slot's place ([`NONE`]: gone).
    pub(super) order: Vec<u32>,
    pub(super) place: Vec<u32>,
    /// Paragraphs shared by each pair of documents (watch mode).
    pub(super) shared: Shared,
    /// Which build this is (watch mode): a document whose
    /// `lineage_key` is this holds its lists.
    pub stamp: u64,
}

impl Index {
    /// The lineage of `words` (each document's [`super::paragraph_words`]),
    /// from nothing; a document's slot is its place.
    pub fn build(words: &[&[Option<Words>]]) -> Index {
        let t0 = std::time::Instant::now();
        // Every paragraph long enough, by the hash of its words (sorting
        // the words themselves compared whole texts: a tenth of the
        // lineage).
        let mut paras: Vec<(u64, u32, u32)> = words
            .par_iter()
            .enumerate()
            .flat_map_iter(|(di, w)| {
                w.iter()
                    .enumerate()
                    .filter_map(move |(pi, w)| Some((w.as_ref()?.hash, di as u32, pi as u32)))
            })
            .collect();
        paras.par_sort_unstable();
        let words_of = |di: u32, pi: u32| -> &[u64] {
            &words[di as usize][pi as usize]
                .as_ref()
                .expect("long enough")
                .words
        };
        // Identical paragraphs grouped: one text each, in the order of
        // their words' hashes (and of the words, should two texts' hashes
        // be equal).
        let mut ix = Index::default();
        for run in paras.chunk_by(|a, b| a.0 == b.0) {
            let hash = run[0].0;
            let first = words_of(run[0].1, run[0].2);
            let mut run: Vec<(&[u64], u32, u32)> = run
                .iter()
                .map(|&(_, di, pi)| (words_of(di, pi), di, pi))
                .collect();
            if run.iter().any(|r| r.0 != first) {
                run.sort_unstable();
            }
            for group in run.chunk_by(|a, b| a.0 == b.0) {
                ix.texts.push(Text {
                    hash,
                    words: group[0].0.to_vec(),
                    members: group.iter().map(|&(_, di, pi)| (di, pi)).collect(),
                    ..Text::default()
                });
            }
        }
        ix.texts
            .par_iter_mut()
            .for_each(|t| t.shingles = shingles(&t.words, SHINGLE));
        crate::site::log_time("      lineage: texts", t0);
        ix.by_hash.reserve(ix.texts.len());
        ix.postings
            .reserve(ix.texts.iter().map(|t| t.shingles.len()).sum());
        for (id, text) in ix.texts.iter().enumerate() {
            ix.by_hash.entry(text.hash).or_default().push(id as u32);
            for s in &text.shingles {
                ix.postings.entry(*s).or_default().push(id as u32);
            }
        }
        let from: Vec<Vec<(u32, u16)>> = (0..ix.texts.len() as u32)
            .into_par_iter()
            .map(|t| ix.pairs_from(t))
            .collect();
        for (t, from) in from.into_iter().enumerate() {
            for &(u, score) in &from {
                ix.texts[t].related.push((u, score));
                ix.texts[u as usize].related.push((t as u32, score));
            }
            ix.texts[t].from = from;
        }
        crate::site::log_time("      lineage: pairs", t0);
        ix.order = (0..words.len() as u32).collect();
        ix.place = ix.order.clone();
        ix.docs = words
            .iter()
            .map(|w| Slot {
                texts: vec![NONE; w.len()],
                lists: vec![Vec::new(); w.len()],
                ..Slot::default()
            })
            .collect();
        for (id, text) in ix.texts.iter().enumerate() {
            for &(s, p) in &text.members {
                ix.docs[s as usize].texts[p as usize] = id as u32;
            }
        }
        let lists: Vec<((u32, u32), Vec<Found>)> = (0..ix.texts.len() as u32)
            .into_par_iter()
            .flat_map_iter(|t| ix.lists_of(t))
            .collect();
        for ((s, p), list) in lists {
            ix.docs[s as usize].lists[p as usize] = list;
        }
        crate::site::log_time("      lineage: lists", t0);
        ix
    }

    /// Each document's lists, by place (the index of a fresh build, whose
    /// slots are places).
    pub fn into_found(self) -> Vec<Vec<Vec<Found>>> {
        self.docs.into_iter().map(|s| s.lists).collect()
    }

    /// The similar paragraphs of the paragraph `para` of the document at
    /// `place`, by place.
    pub fn found(&self, place: usize, para: usize) -> impl Iterator<Item = Found> + '_ {
        let list = &self.docs[self.order[place] as usize].lists[para];
        list.iter().map(|f| Found {
            doc: self.place[f.doc as usize],
            ..*f
        })
    }

    /// Is text `u` after `t` in size, then in the order of a fresh build
    /// (of the words' hashes, then of the words)?
    pub(super) fn bigger(&self, u: u32, t: u32) -> bool {
        let (a, b) = (&self.texts[u as usize], &self.texts[t as usize]);
        (a.shingles.len(), a.hash, &a.words) > (b.shingles.len(), b.hash, &b.words)
    }

    /// The texts related to `t` found from it, the smaller one, by id
    /// (prefix filtering): two texts are related only if they share at
    /// least half the smaller's shingles, so one of the smaller's rarest
    /// `len - ceil(len / 2) + 1` shingles is in the other.
    pub(super) fn pairs_from(&self, t: u32) -> Vec<(u32, u16)> {
        let text = &self.texts[t as usize];
        let mut rare: Vec<(usize, u64, &Vec<u32>)> = text
            .shingles
            .iter()
            .map(|s| {
                let p = &self.postings[s];
                (p.len(), *s, p)
            })
            .collect();
        rare.sort_unstable_by_key(|r| (r.0, r.1));
        let prefix = rare.len() - rare.len().div_ceil(2) + 1;
        let mut candidates: Vec<u32> = rare
            .iter()
            .take(prefix)
            .filter(|r| r.0 <= POSTING_CAP)
            .flat_map(|r| r.2.iter().copied())
            .filter(|&u| self.bigger(u, t))
            .collect();
        candidates.sort_unstable();
        candidates.dedup();
        candidates
            .into_iter()
            .filter_map(|u| {
                let o = Overlap::of(&text.shingles, &self.texts[u as usize].shingles);
                o.related().then(|| (u, o.score()))
            })
            .collect()
    }

    /// The list of each paragraph of text `t`: every paragraph sharing its
    /// wording, best first, then in reading order, made once for all its
    /// paragraphs; each takes the first ones of other documents. (One list
    /// per paragraph was 9 million entries at 1,000 synthetic documents.)
    pub(super) fn lists_of(&self, t: u32) -> impl Iterator<Item = ((u32, u32), Vec<Found>)> + '_ {
        let text = &self.texts[t as usize];
        // (score, identical, place, slot, paragraph)
        let mut all: Vec<(u16, bool, u32, u32, u32)> = Vec::new();
        for &(s, p) in &text.members {
            all.push((100, true, self.place[s as usize], s, p));
        }
        for &(u, score) in &text.related {
            for &(s, p) in &self.texts[u as usize].members {
                all.push((score, false, self.place[s as usize], s, p));
            }
        }
        all.sort_unstable_by(|a, b| b.0.cmp(&a.0).then((a.2, a.4).cmp(&(b.2, b.4))));
        text.members.iter().map(move |&(s, p)| {
            let similar = all
                .iter()
                .filter(|e| e.3 != s)
                .take(MAX_SIMILAR)
                .map(|&(score, identical, _, doc, para)| Found {
                    score,
                    identical,
                    doc,
                    para,
                })
                .collect();
            ((s, p), similar)
        })
    }
}

impl Slot {
    /// What the comparison pages read of `d`, kept with its slot (a
    /// function of its source, as its words are).
    pub(super) fn describe(&mut self, d: &Document) {
        self.slug = d.slug.clone();
        self.paras = d.paragraphs.len();
        self.title = super::compare::title(d);
    }
}
