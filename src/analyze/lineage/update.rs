//! The index of the last build updated for this one (watch mode).
//!
//! An update takes out the paragraphs of the documents gone or changed and
//! puts in those of the new or changed ones (a changed document comes back
//! under a new slot: every list naming it differs, so is written again);
//! then it finds again the pairs of the texts whose candidates may differ,
//! and makes again the lists of the texts whose members or related texts
//! may differ. What a text finds is a function of its shingles, of the
//! postings of its shingles and of the other texts (their sizes and
//! words); a posting changes only with a text added or removed, and changes
//! what a text finds only when it is, or was, short enough to be looked up
//! ([`POSTING_CAP`]): a posting longer before and after sorts after every
//! one looked up either way. So an update gives the lists of a fresh
//! build, which `update_tests` checks edit by edit.

use super::index::{Index, Slot, Text, NONE};
use super::{shingles, Found, Words, POSTING_CAP, SHINGLE};
use crate::model::Document;
use rayon::prelude::*;
use rustc_hash::FxHashMap;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;

/// What an update changed, by place: the documents whose lists are all to
/// be written (new or changed ones, every one after a fresh build), and
/// the paragraphs of the others whose list changed.
#[derive(Debug, Default)]
pub struct Dirty {
    pub all: Vec<bool>,
    pub paras: Vec<(u32, u32)>,
}

/// A new stamp, unique in the process (indexes of several sites may live
/// side by side, in tests).
fn next_stamp() -> u64 {
    static NEXT: AtomicU64 = AtomicU64::new(1);
    NEXT.fetch_add(1, Ordering::Relaxed)
}

/// Fewer texts than this are worked on in one thread.
const SMALL: usize = 256;

impl Index {
    /// The index of `docs` (with their `words`), kept for watch mode.
    pub(super) fn fresh(docs: &[Document], words: &[Arc<Vec<Option<Words>>>]) -> (Index, Dirty) {
        let slices: Vec<&[Option<Words>]> = words.iter().map(|w| w.as_slice()).collect();
        let mut ix = Index::build(&slices);
        for ((slot, d), w) in ix.docs.iter_mut().zip(docs).zip(words) {
            slot.words = Some(w.clone());
            slot.describe(d);
        }
        for s in 0..ix.docs.len() as u32 {
            for list in &ix.docs[s as usize].lists {
                ix.shared.add(s, list, 1, &ix.docs);
            }
        }
        ix.stamp = next_stamp();
        let all = vec![true; docs.len()];
        (ix, Dirty { all, paras: vec![] })
    }

    /// The index of `docs` (with their `words`: a document whose words are
    /// those of the last build, by address, is unchanged), from the last
    /// build's, and what changed; made whole when there is none, when
    /// unchanged documents changed order, or after many changes.
    pub fn update(
        last: Option<Index>,
        docs: &[Document],
        words: &[Arc<Vec<Option<Words>>>],
    ) -> (Index, Dirty) {
        let t0 = std::time::Instant::now();
        let Some(mut ix) = last else {
            return Index::fresh(docs, words);
        };
        let Some(matched) = ix.matched(docs, words) else {
            return Index::fresh(docs, words);
        };
        let added = matched.iter().filter(|m| m.is_none()).count();
        let gone = ix.order.len() + added - matched.len();
        // Many changes: the parallel build is quicker. Slots never reused
        // (see `Slot`): started again when many are gone.
        if added + gone > 16 + docs.len() / 8 || ix.docs.len() > 2 * docs.len() + 64 {
            return Index::fresh(docs, words);
        }
        let mut kept = vec![false; ix.docs.len()];
        for &s in matched.iter().flatten() {
            kept[s as usize] = true;
        }
        let mut dirty: Vec<u32> = Vec::new();
        let mut new_texts: Vec<u32> = Vec::new();
        for s in std::mem::take(&mut ix.order) {
            if !kept[s as usize] {
                ix.remove_doc(s, &mut dirty);
            }
        }
        let mut all = vec![false; docs.len()];
        for (place, m) in matched.into_iter().enumerate() {
            let s = m.unwrap_or_else(|| {
                all[place] = true;
                ix.add_doc(&docs[place], &words[place], &mut dirty, &mut new_texts)
            });
            ix.order.push(s);
        }
        ix.place = vec![NONE; ix.docs.len()];
        for (place, &s) in ix.order.iter().enumerate() {
            ix.place[s as usize] = place as u32;
        }
        dirty.sort_unstable();
        dirty.dedup();
        // Texts left without paragraphs go, then the new ones come in:
        // the postings they change, with their length before.
        crate::site::log_time("      lineage: documents", t0);
        let mut touched: FxHashMap<u64, usize> = FxHashMap::default();
        let mut relinked: Vec<u32> = Vec::new();
        for &t in &dirty {
            if ix.texts[t as usize].members.is_empty() {
                ix.remove_text(t, &mut touched, &mut relinked);
            }
        }
        for &t in &new_texts {
            for &s in &ix.texts[t as usize].shingles {
                let p = ix.postings.entry(s).or_default();
                touched.entry(s).or_insert(p.len());
                p.push(t);
            }
        }
        // The texts whose candidates may differ: those in a posting that
        // changed and was looked up, before or after.
        let mut again: Vec<u32> = new_texts.clone();
        for (s, before) in &touched {
            let now = ix.postings.get(s).map_or(&[][..], Vec::as_slice);
            if *before <= POSTING_CAP || now.len() <= POSTING_CAP {
                again.extend_from_slice(now);
            }
        }
        again.sort_unstable();
        again.dedup();
        // In parallel only when many (waking the pool's threads costs more
        // than a few texts' work on a busy machine).
        let from: Vec<Vec<(u32, u16)>> = if again.len() < SMALL {
            again.iter().map(|&t| ix.pairs_from(t)).collect()
        } else {
            again.par_iter().map(|&t| ix.pairs_from(t)).collect()
        };
        for (&t, from) in again.iter().zip(from) {
            ix.set_from(t, from, &mut relinked);
        }
        crate::site::log_time("      lineage: pairs", t0);
        // The texts whose lists may differ: those whose members or
        // related texts changed, and those related to the first.
        let mut lists: Vec<u32> = relinked;
        for &t in &dirty {
            let text = &ix.texts[t as usize];
            if !text.members.is_empty() {
                lists.push(t);
                lists.extend(text.related.iter().map(|r| r.0));
            }
        }
        lists.sort_unstable();
        lists.dedup();
        lists.retain(|&t| !ix.texts[t as usize].members.is_empty());
        let list_of = |&t: &u32| {
            let ix = &ix;
            ix.lists_of(t)
                .filter(move |((s, p), list)| ix.docs[*s as usize].lists[*p as usize] != *list)
        };
        let made: Vec<((u32, u32), Vec<Found>)> = if lists.len() < SMALL {
            lists.iter().flat_map(list_of).collect()
        } else {
            lists.par_iter().flat_map_iter(list_of).collect()
        };
        let mut paras = Vec::new();
        for ((s, p), list) in made {
            let old = std::mem::take(&mut ix.docs[s as usize].lists[p as usize]);
            ix.shared.add(s, &old, -1, &ix.docs);
            ix.shared.add(s, &list, 1, &ix.docs);
            ix.docs[s as usize].lists[p as usize] = list;
            let place = ix.place[s as usize];
            if !all[place as usize] {
                paras.push((place, p));
            }
        }
        ix.stamp = next_stamp();
        crate::site::log_time("      lineage: lists", t0);
        (ix, Dirty { all, paras })
    }

    /// The slot of each document of this build in the last one, if it is
    /// unchanged (its words at the same address, its slug the same); `None`
    /// when they are not in the same order (start again).
    fn matched(
        &self,
        docs: &[Document],
        words: &[Arc<Vec<Option<Words>>>],
    ) -> Option<Vec<Option<u32>>> {
        let mut by_address: FxHashMap<usize, u32> = FxHashMap::default();
        by_address.reserve(self.order.len());
        for &s in &self.order {
            let w = self.docs[s as usize].words.as_ref()?;
            if by_address.insert(Arc::as_ptr(w) as usize, s).is_some() {
                return None;
            }
        }
        let mut last: Option<u32> = None;
        let mut out = Vec::with_capacity(words.len());
        for (d, w) in docs.iter().zip(words) {
            let s = by_address
                .remove(&(Arc::as_ptr(w) as usize))
                .filter(|&s| self.docs[s as usize].slug == d.slug);
            if let Some(s) = s {
                if last.is_some_and(|l| self.place[l as usize] > self.place[s as usize]) {
                    return None;
                }
                last = Some(s);
            }
            out.push(s);
        }
        Some(out)
    }

    /// Take out the paragraphs of the document in slot `s`, and its lists'
    /// share of the counts.
    fn remove_doc(&mut self, s: u32, dirty: &mut Vec<u32>) {
        let slot = &mut self.docs[s as usize];
        slot.words = None;
        let texts = std::mem::take(&mut slot.texts);
        let lists = std::mem::take(&mut slot.lists);
        for (p, &t) in texts.iter().enumerate().filter(|(_, t)| **t != NONE) {
            let members = &mut self.texts[t as usize].members;
            members.retain(|&m| m != (s, p as u32));
            dirty.push(t);
        }
        for list in &lists {
            self.shared.add(s, list, -1, &self.docs);
        }
    }

    /// Put in the paragraphs of `d` under a new slot.
    fn add_doc(
        &mut self,
        d: &Document,
        words: &Arc<Vec<Option<Words>>>,
        dirty: &mut Vec<u32>,
        new_texts: &mut Vec<u32>,
    ) -> u32 {
        let s = self.docs.len() as u32;
        let mut texts = vec![NONE; words.len()];
        for (p, w) in words.iter().enumerate() {
            if let Some(w) = w {
                let t = self.text_of(w, new_texts);
                self.texts[t as usize].members.push((s, p as u32));
                dirty.push(t);
                texts[p] = t;
            }
        }
        let mut slot = Slot {
            words: Some(words.clone()),
            texts,
            lists: vec![Vec::new(); words.len()],
            ..Slot::default()
        };
        slot.describe(d);
        self.docs.push(slot);
        s
    }

    /// The text of `w`, made if new.
    fn text_of(&mut self, w: &Words, new_texts: &mut Vec<u32>) -> u32 {
        let ids = self.by_hash.entry(w.hash).or_default();
        if let Some(&t) = ids
            .iter()
            .find(|&&t| self.texts[t as usize].words == w.words)
        {
            return t;
        }
        let text = Text {
            hash: w.hash,
            words: w.words.clone(),
            shingles: shingles(&w.words, SHINGLE),
            ..Text::default()
        };
        let t = match self.free.pop() {
            Some(t) => {
                self.texts[t as usize] = text;
                t
            }
            None => {
                self.texts.push(text);
                self.texts.len() as u32 - 1
            }
        };
        ids.push(t);
        new_texts.push(t);
        t
    }

    /// Take out a text left without paragraphs: from the postings (noting
    /// their length before) and from its related texts (noted too).
    fn remove_text(
        &mut self,
        t: u32,
        touched: &mut FxHashMap<u64, usize>,
        relinked: &mut Vec<u32>,
    ) {
        let text = std::mem::take(&mut self.texts[t as usize]);
        for s in &text.shingles {
            let p = self.postings.get_mut(s).expect("indexed");
            touched.entry(*s).or_insert(p.len());
            p.retain(|&u| u != t);
            if p.is_empty() {
                self.postings.remove(s);
            }
        }
        for &(u, _) in &text.related {
            let other = &mut self.texts[u as usize];
            other.related.retain(|r| r.0 != t);
            other.from.retain(|r| r.0 != t);
            relinked.push(u);
        }
        let ids = self.by_hash.get_mut(&text.hash).expect("indexed");
        ids.retain(|&u| u != t);
        if ids.is_empty() {
            self.by_hash.remove(&text.hash);
        }
        self.free.push(t);
    }

    /// `t` finds `from` now: its related texts follow (both texts of a pair
    /// that came or went are noted).
    fn set_from(&mut self, t: u32, from: Vec<(u32, u16)>, relinked: &mut Vec<u32>) {
        let old = std::mem::take(&mut self.texts[t as usize].from);
        let has = |v: &[(u32, u16)], u: u32| v.binary_search_by_key(&u, |r| r.0).is_ok();
        for &(u, _) in old.iter().filter(|r| !has(&from, r.0)) {
            self.texts[t as usize].related.retain(|r| r.0 != u);
            self.texts[u as usize].related.retain(|r| r.0 != t);
            relinked.extend([t, u]);
        }
        for &(u, score) in from.iter().filter(|r| !has(&old, r.0)) {
            self.texts[t as usize].related.push((u, score));
            self.texts[u as usize].related.push((t, score));
            relinked.extend([t, u]);
        }
        self.texts[t as usize].from = from;
    }
}
