//! The static search index: every paragraph, findable by French stems with
//! accents folded, written as scripts so it loads from `file://` too.
//!
//! Stemming happens here, at build time, with the Snowball French stemmer
//! (rust-stemmers). The browser never stems: the index carries the corpus
//! vocabulary as a map from each folded word form to its stem, so a query
//! word is looked up (or, while being typed, matched as a prefix of known
//! words) and the stem's postings give the paragraphs.
//!
//! `assets/search-index.js` holds only the vocabulary and the documents'
//! list (with each topic's paragraphs, for the filters). The postings are
//! split into parts by the stems' first bytes (more of them in a large
//! compendium's common beginnings), the paragraphs' texts into
//! parts of [`TEXT_GROUP`] documents: a query loads the parts of its stems
//! and the texts of the results it shows. Loaded whole, the index of 1,000
//! documents was 34 MB, parsed into ~130 MB of memory before a first
//! answer (1.5 s in headless Chromium; 10,000 documents: 11 s, 1.3 GB).
//!
//! A query is also read as a reference (`site.js`): each document's entry
//! carries its number and symbol, so « 6/1 » or « A/C.3/77/L.2 » finds it
//! without its postings, and a paragraph (« 6/1 op 3 ») is looked up in
//! the document's text part, which carries the anchors and its title.

use crate::model::{DocKind, Document};
use crate::render::i18n;
use crate::render::views::Context;
use crate::site::json::{json_string, push_u32};
use crate::wordkey::{packed, packed_hash};
use rayon::prelude::*;
use rust_stemmers::{Algorithm, Stemmer};
use rustc_hash::{FxHashMap, FxHashSet};
use std::collections::BTreeMap;
use std::sync::Arc;
use unicode_normalization::UnicodeNormalization;

/// Lower-case, accents removed: `Criminalité` -> `criminalite`.
pub fn fold(word: &str) -> String {
    if word.is_ascii() {
        return word.to_ascii_lowercase();
    }
    word.nfd()
        .filter(|c| !unicode_normalization::char::is_combining_mark(*c))
        .flat_map(char::to_lowercase)
        .map(|c| match c {
            'œ' => 'o',
            'æ' => 'a',
            c => c,
        })
        .collect()
}

/// Words of a text (letters and digits), elisions split off (`l’État` -> `État`).
/// The same words as `text.split(|c| !c.is_alphanumeric())` without the
/// empty ones, read a byte at a time where the text is ASCII.
pub fn words(text: &str) -> Words<'_> {
    Words { text, at: 0 }
}

/// See [`words`].
pub struct Words<'a> {
    text: &'a str,
    at: usize,
}

/// Is the character at byte `i` of `s` (a non-ASCII one) part of a word,
/// and its length.
#[inline]
fn wide_word_char_at(s: &str, i: usize) -> (bool, usize) {
    // The commonest, from their bytes: accented letters (U+00C0-U+00FF,
    // lead byte 0xC3) and the general punctuation of ’ and « » spacing
    // (U+2000-U+203F, lead bytes 0xE2 0x80).
    let b = s.as_bytes();
    match (b[i], b.get(i + 1)) {
        (0xC3, Some(&n)) => return (n != 0x97 && n != 0xB7, 2),
        (0xE2, Some(&0x80)) => return (false, 3),
        _ => {}
    }
    let Some(c) = s.get(i..).and_then(|t| t.chars().next()) else {
        return (false, 1);
    };
    let word = match c {
        // Latin-1 letters (accented French letters) but × and ÷; general
        // punctuation (’ « » and the spaces): the common cases, without
        // the Unicode tables.
        '\u{C0}'..='\u{FF}' => c != '×' && c != '÷',
        '\u{2000}'..='\u{206F}' => false,
        _ => c.is_alphanumeric(),
    };
    (word, c.len_utf8())
}

impl<'a> Iterator for Words<'a> {
    type Item = &'a str;
    fn next(&mut self) -> Option<&'a str> {
        let s = self.text;
        let b = s.as_bytes();
        let mut i = self.at;
        // Up to the next word character.
        let start = loop {
            let Some(&c) = b.get(i) else {
                self.at = b.len();
                return None;
            };
            if c < 0x80 {
                if c.is_ascii_alphanumeric() {
                    break i;
                }
                i += 1;
            } else {
                let (word, len) = wide_word_char_at(s, i);
                if word {
                    break i;
                }
                i += len;
            }
        };
        // Then up to the end of the word.
        while let Some(&c) = b.get(i) {
            if c < 0x80 {
                if !c.is_ascii_alphanumeric() {
                    break;
                }
                i += 1;
            } else {
                let (word, len) = wide_word_char_at(s, i);
                if !word {
                    break;
                }
                i += len;
            }
        }
        self.at = i;
        Some(&s[start..i])
    }
}

/// The words of one document, as written, each with the paragraphs
/// (numbered within the document, ascending) it occurs in. Every
/// document's lists are held at once while the vocabulary is made, so
/// they are packed, and a word is not copied: it is read where it first
/// occurs, in the paragraph's plain text (shared with the document).
pub struct DocWords {
    /// The plain text of each paragraph.
    paras: Vec<Arc<str>>,
    /// Per word, as variable-length integers (seven bits a byte): where
    /// it begins in its first paragraph and its length, how many
    /// paragraphs it is in, then the first of them and the gap to each
    /// next one.
    lists: Vec<u8>,
    /// How many distinct words.
    count: usize,
}

/// `n` in seven-bit groups, low first, the high bit saying more follow.
fn push_varint(out: &mut Vec<u8>, mut n: u32) {
    while n >= 0x80 {
        out.push(n as u8 | 0x80);
        n >>= 7;
    }
    out.push(n as u8);
}

/// The integer [`push_varint`] wrote at `*at`, moving `*at` past it.
fn read_varint(b: &[u8], at: &mut usize) -> u32 {
    let mut n = 0u32;
    let mut shift = 0;
    loop {
        let c = b[*at];
        *at += 1;
        n |= u32::from(c & 0x7F) << shift;
        if c < 0x80 {
            return n;
        }
        shift += 7;
    }
}

/// A document's words with their paragraph lists laid out flat, for
/// reading (see [`DocWords::unpacked`]).
pub struct Unpacked<'a> {
    /// Per word: the word and the end of its paragraphs in `paras`.
    words: Vec<(&'a str, usize)>,
    paras: Vec<u32>,
}

impl<'a> Unpacked<'a> {
    fn iter(&self) -> impl Iterator<Item = (&'a str, &[u32])> + '_ {
        let mut at = 0;
        self.words.iter().map(move |&(w, end)| {
            let item = (w, &self.paras[at..end]);
            at = end;
            item
        })
    }
}

impl DocWords {
    /// How many distinct words.
    pub fn len(&self) -> usize {
        self.count
    }
    pub fn is_empty(&self) -> bool {
        self.count == 0
    }
    /// Bytes held: the paragraph lists (the texts are the document's).
    pub fn heap_bytes(&self) -> usize {
        self.lists.capacity() + self.paras.capacity() * std::mem::size_of::<Arc<str>>()
    }
    /// The word whose list starts at `*at`, its first paragraph, and how
    /// many of its paragraphs are left to read after that one.
    fn read_word(&self, at: &mut usize) -> (&str, u32, u32) {
        let b = &self.lists;
        let offset = read_varint(b, at) as usize;
        let len = read_varint(b, at) as usize;
        let n = read_varint(b, at);
        let first = read_varint(b, at);
        let word = &self.paras[first as usize][offset..offset + len];
        (word, first, n - 1)
    }
    /// The distinct words, in order of first appearance.
    fn forms(&self) -> impl Iterator<Item = &str> {
        let mut at = 0;
        (0..self.count).map(move |_| {
            let (word, _, mut left) = self.read_word(&mut at);
            // Skip the other paragraphs: a byte below 0x80 ends each.
            while left > 0 {
                left -= u32::from(self.lists[at] < 0x80);
                at += 1;
            }
            word
        })
    }
    /// Every word with its paragraphs, decoded.
    pub fn unpacked(&self) -> Unpacked<'_> {
        let mut at = 0;
        let mut out = Unpacked {
            words: Vec::with_capacity(self.count),
            paras: Vec::with_capacity(self.lists.len()),
        };
        for _ in 0..self.count {
            let (word, mut para, left) = self.read_word(&mut at);
            out.paras.push(para);
            for _ in 0..left {
                para += read_varint(&self.lists, &mut at);
                out.paras.push(para);
            }
            out.words.push((word, out.paras.len()));
        }
        out
    }
}

/// Find the words of `d`: each distinct word numbered in order of first
/// appearance, its (word, paragraph) pairs gathered once, then grouped by
/// word with a counting sort (no list per word).
pub fn document_words(d: &Document) -> DocWords {
    // Words of up to 16 bytes (nearly all) by their packed bytes, longer
    // ones by their text.
    // (Sized for about a distinct word per 24 bytes of text, a word in a
    // new paragraph per 8: what French resolutions have, so that the
    // tables seldom grow.)
    let bytes: usize = d.paragraphs.iter().map(|p| p.plain.len()).sum();
    let mut short: hashbrown::HashTable<(u64, u64, u32)> =
        hashbrown::HashTable::with_capacity(bytes / 24);
    let mut long: FxHashMap<&str, u32> = FxHashMap::default();
    // Each word where it first occurs: its place in that paragraph, its length.
    let mut order: Vec<(u32, u32)> = Vec::with_capacity(bytes / 24);
    // The last paragraph each word was seen in (+1; 0: not yet).
    let mut last: Vec<u32> = Vec::with_capacity(bytes / 24);
    let mut pairs: Vec<(u32, u32)> = Vec::with_capacity(bytes / 8);
    for (i, p) in d.paragraphs.iter().enumerate() {
        let para = i as u32;
        let text = p.plain.as_bytes();
        let base = text.as_ptr() as usize;
        for w in words(&p.plain) {
            let start = w.as_ptr() as usize - base;
            let mut new = || {
                order.push((start as u32, w.len() as u32));
                last.push(0);
                order.len() as u32 - 1
            };
            let id = if w.len() <= 16 {
                let key = packed(text, start, w.len());
                let entry = short.entry(
                    packed_hash(key),
                    |e| (e.0, e.1) == key,
                    |e| packed_hash((e.0, e.1)),
                );
                match entry {
                    hashbrown::hash_table::Entry::Occupied(e) => e.get().2,
                    hashbrown::hash_table::Entry::Vacant(e) => {
                        let id = new();
                        e.insert((key.0, key.1, id));
                        id
                    }
                }
            } else {
                *long.entry(w).or_insert_with(new)
            };
            if last[id as usize] != para + 1 {
                last[id as usize] = para + 1;
                pairs.push((id, para));
            }
        }
    }
    // Where each word's paragraphs go in `paras`.
    let mut start = vec![0u32; order.len() + 1];
    for &(id, _) in &pairs {
        start[id as usize + 1] += 1;
    }
    for k in 1..start.len() {
        start[k] += start[k - 1];
    }
    let mut paras = vec![0u32; pairs.len()];
    let mut fill = start.clone();
    for &(id, para) in &pairs {
        paras[fill[id as usize] as usize] = para;
        fill[id as usize] += 1;
    }
    let mut out = DocWords {
        paras: d.paragraphs.iter().map(|p| p.plain.clone()).collect(),
        lists: Vec::with_capacity(4 * order.len() + pairs.len() + pairs.len() / 8),
        count: order.len(),
    };
    for (id, &(offset, len)) in order.iter().enumerate() {
        let list = &paras[start[id] as usize..start[id + 1] as usize];
        push_varint(&mut out.lists, offset);
        push_varint(&mut out.lists, len);
        push_varint(&mut out.lists, list.len() as u32);
        let mut prev = 0;
        for &p in list {
            push_varint(&mut out.lists, p - prev);
            prev = p;
        }
    }
    out
}

/// The corpus vocabulary: each written form with its folded form, its
/// stem, and the number of documents using it. It is kept up to date
/// document by document (watch mode keeps it between builds), so an edit
/// costs the words of the edited document, not those of the corpus; a
/// form is folded and stemmed once, when it first appears.
#[derive(Default)]
pub struct Vocabulary {
    english: bool,
    /// Written form -> (folded form, stem, documents using it, rank of
    /// the stem in byte order among all stems).
    forms: FxHashMap<String, (String, String, u32, u32)>,
    /// The ranks are those of the current stems.
    ranked: bool,
    /// The word lists counted in, by key.
    members: FxHashMap<u64, Arc<DocWords>>,
    /// The index's `words` (folded form -> stem) as JSON, while unchanged.
    json: Option<Arc<str>>,
}

impl Vocabulary {
    /// Make this the vocabulary of `docs` (each a key and its words).
    pub fn update(&mut self, docs: &[(u64, Arc<DocWords>)], english: bool) {
        if english != self.english {
            *self = Vocabulary {
                english,
                ..Default::default()
            };
        }
        let now: FxHashSet<u64> = docs.iter().map(|(k, _)| *k).collect();
        let gone: Vec<u64> = self
            .members
            .keys()
            .filter(|k| !now.contains(k))
            .copied()
            .collect();
        for k in gone {
            let w = self.members.remove(&k).expect("a member");
            for form in w.forms() {
                if let Some(e) = self.forms.get_mut(form) {
                    e.2 -= 1;
                    if e.2 == 0 {
                        self.forms.remove(form);
                        self.json = None;
                        self.ranked = false;
                    }
                }
            }
        }
        // The documents not counted in yet, each once; their forms counted
        // in parallel (a form occurs once in a document's list), then added.
        let mut seen = FxHashSet::default();
        let fresh: Vec<&(u64, Arc<DocWords>)> = docs
            .iter()
            .filter(|(k, _)| !self.members.contains_key(k) && seen.insert(*k))
            .collect();
        let counts: FxHashMap<&str, u32> = fresh
            .par_iter()
            .fold(FxHashMap::default, |mut m, (_, w)| {
                for form in w.forms() {
                    *m.entry(form).or_insert(0) += 1;
                }
                m
            })
            .reduce(FxHashMap::default, |mut a, mut b| {
                if a.len() < b.len() {
                    std::mem::swap(&mut a, &mut b);
                }
                for (form, n) in b {
                    *a.entry(form).or_insert(0) += n;
                }
                a
            });
        let mut new: Vec<String> = Vec::new();
        for (form, n) in counts {
            match self.forms.get_mut(form) {
                Some(e) => e.2 += n,
                None => {
                    new.push(form.to_string());
                    self.forms
                        .insert(form.to_string(), (String::new(), String::new(), n, 0));
                    // Only a new or vanished form changes the `words` map.
                    self.json = None;
                    self.ranked = false;
                }
            }
        }
        for (k, w) in fresh {
            self.members.insert(*k, w.clone());
        }
        let analysed: Vec<(String, String)> = new
            .par_chunks(1024)
            .flat_map_iter(|chunk| {
                let stemmer = Stemmer::create(if english {
                    Algorithm::English
                } else {
                    Algorithm::French
                });
                chunk
                    .iter()
                    .map(|w| {
                        let folded = fold(w);
                        let stem = stemmer.stem(&folded).into_owned();
                        (folded, stem)
                    })
                    .collect::<Vec<_>>()
            })
            .collect();
        for (form, (folded, stem)) in new.iter().zip(analysed) {
            let e = self.forms.get_mut(form).expect("just added");
            e.0 = folded;
            e.1 = stem;
        }
        if !self.ranked {
            self.rank_stems();
        }
    }

    /// Number the stems in byte order, so a document's postings sort by
    /// number instead of by comparing strings.
    fn rank_stems(&mut self) {
        let mut stems: Vec<&str> = self.forms.values().map(|e| e.1.as_str()).collect();
        stems.par_sort_unstable();
        stems.dedup();
        let ranks: FxHashMap<String, u32> = stems
            .iter()
            .enumerate()
            .map(|(i, s)| (s.to_string(), i as u32))
            .collect();
        for e in self.forms.values_mut() {
            e.3 = ranks[e.1.as_str()];
        }
        self.ranked = true;
    }

    /// Forget which documents were counted in: a one-shot build updates
    /// its vocabulary once, and their word lists can go as soon as their
    /// shares of the index are made.
    pub fn forget_documents(&mut self) {
        self.members = FxHashMap::default();
    }

    /// The stem of a written form of the vocabulary.
    pub fn stem<'a>(&'a self, form: &'a str) -> &'a str {
        self.forms.get(form).map(|e| e.1.as_str()).unwrap_or(form)
    }

    /// The stem of a written form and its rank among the stems.
    fn ranked_stem(&self, form: &str) -> Option<(&str, u32)> {
        self.forms.get(form).map(|e| (e.1.as_str(), e.3))
    }

    /// The index's `words`: folded form -> stem, as JSON.
    pub fn words_json(&mut self) -> Arc<str> {
        if let Some(j) = &self.json {
            return j.clone();
        }
        let map: BTreeMap<&str, &str> = self
            .forms
            .values()
            .map(|(folded, stem, _, _)| (folded.as_str(), stem.as_str()))
            .collect();
        let j: Arc<str> = Arc::from(serde_json::to_string(&map).expect("words serialize"));
        self.json = Some(j.clone());
        j
    }
}

/// How many documents' texts share a file of the index (`search/t-N.js`).
/// Results are listed in document order, so the texts the first of them
/// show are mostly in one or two such files.
pub const TEXT_GROUP: usize = 16;

/// Where the parts of the index loaded on demand go.
pub const PARTS_DIR: &str = "assets/search";

/// The part holding `stem`'s postings, by its first two bytes (see
/// [`part_name`]). The stems a typed beginning stands for share their
/// first bytes, so they are mostly in one part; and stems with the same
/// beginning are neighbours in byte order, so a document's postings split
/// into parts without being sorted again.
pub fn stems_part(stem: &str) -> u32 {
    // Numbered in the stems' byte order (a part's stems come after those
    // of the parts numbered lower): a document's pieces, made in byte
    // order, are in the order of their parts.
    match stem.as_bytes() {
        [] => 0,
        [a] => u32::from(*a) << 9,
        [a, b, ..] => u32::from(*a) << 9 | 0x100 | u32::from(*b),
    }
}

/// The most parts there can be (see [`stems_part`]).
pub const STEMS_PARTS: usize = 1 << 17;

/// The stems beginning a part holds (see [`stems_part`]).
pub fn part_prefix(part: u32) -> Vec<u8> {
    let a = (part >> 9) as u8;
    match (a, part & 0x100 != 0) {
        (0, _) => vec![],
        (a, false) => vec![a],
        (a, true) => vec![a, (part & 0xFF) as u8],
    }
}

/// The file name (without `.js`) of the part of the stems beginning with
/// `prefix`: `s-` and the bytes in hex.
pub fn prefix_name(prefix: &[u8]) -> String {
    let mut name = String::with_capacity(2 + 2 * prefix.len());
    name.push_str("s-");
    for b in prefix {
        name.push_str(&format!("{b:02x}"));
    }
    name
}

/// A stems part's file name (without `.js`): `s-` and the bytes in hex.
pub fn part_name(part: u32) -> String {
    prefix_name(&part_prefix(part))
}

/// The size above which a stems part is split (see [`split_part`]). A
/// query for a word loads its stem's part: in a large compendium the
/// parts of common beginnings (« co », « re ») reach megabytes (10 MB at
/// 10,000 documents), while most are tens of kilobytes.
pub const PART_LIMIT: usize = 256 * 1024;

/// The size of the script of a part made of `pieces`.
pub fn part_size(name: &str, pieces: &[&str]) -> usize {
    part_head(name).len()
        + pieces.iter().map(|p| p.len()).sum::<usize>()
        + pieces.len().saturating_sub(1)
        + PART_TAIL.len()
}

/// The bytes of the script of a part made of `pieces`, one slice after
/// the other: `head` (see [`part_head`]), the pieces joined by commas, and
/// [`PART_TAIL`].
pub fn part_slices<'a>(head: &'a str, pieces: &[&'a str]) -> Vec<&'a [u8]> {
    let mut slices = Vec::with_capacity(2 * pieces.len() + 2);
    slices.push(head.as_bytes());
    for (k, p) in pieces.iter().enumerate() {
        if k > 0 {
            slices.push(&b","[..]);
        }
        slices.push(p.as_bytes());
    }
    slices.push(PART_TAIL.as_bytes());
    slices
}

/// The files of stems part `part` (see [`split_part`]).
pub fn part_files(part: u32, pieces: &[&str], limit: usize) -> PartFiles {
    let mut files = Vec::new();
    let split = split_part(part, pieces, limit, &mut |name, script| {
        files.push((name, Arc::new(script)));
        Ok::<(), std::convert::Infallible>(())
    });
    PartFiles {
        files,
        split: split.unwrap_or_else(|never| match never {}),
    }
}

/// The files a stems part is written as.
#[derive(Debug, Default, PartialEq)]
pub struct PartFiles {
    /// Each file's name (without `.js`) and script.
    pub files: Vec<(String, Arc<Vec<u8>>)>,
    /// The beginnings split (see [`split_part`]).
    pub split: Vec<String>,
}

/// The part `part`, made of the documents' `pieces` (in their order), as
/// scripts handed to `file` with their name: one, or, above `limit` bytes,
/// the stems of the part's beginning itself in its file and the others in
/// parts by their next byte, each split again while above `limit` (a
/// single stem larger than `limit` stays whole). Gives the beginnings
/// split, in hex, for the browser to find a stem's file: the stem's
/// longest split beginning and one byte more, or the stem itself.
pub fn split_part<E>(
    part: u32,
    pieces: &[&str],
    limit: usize,
    file: &mut dyn FnMut(String, Vec<u8>) -> Result<(), E>,
) -> Result<Vec<String>, E> {
    let name = part_name(part);
    if part_size(&name, pieces) <= limit {
        let script = part_slices(&part_head(&name), pieces).concat();
        return file(name, script).map(|()| vec![]);
    }
    // The pieces are read once per level of splitting, and in a large
    // compendium each is in another page of memory: they are copied one
    // after the other first (a miss each, then sequential reads).
    let mut joined = Vec::with_capacity(pieces.iter().map(|p| p.len()).sum());
    let shares: Vec<Share> = pieces
        .iter()
        .map(|p| {
            let at = joined.len() as u32;
            joined.extend_from_slice(p.as_bytes());
            let place = p.find(',').expect("a piece's place") as u32;
            Share {
                place: (at + 1, at + place),
                start: at + place + 2,
                end: at + p.len() as u32 - 2,
            }
        })
        .collect();
    let mut split = Vec::new();
    let mut parts = Parts {
        joined: &joined,
        limit,
        file,
        split: &mut split,
    };
    parts.split_into(&part_prefix(part), &shares)?;
    Ok(split)
}

/// A document's share of a part's file: its place and some of the
/// `"stem":[...]` entries of its piece (see [`DocEntry::postings`]), as
/// ranges of the pieces joined. The file has `[place,{entries}]`.
#[derive(Clone, Copy)]
struct Share {
    place: (u32, u32),
    start: u32,
    end: u32,
}

impl Share {
    fn len(&self) -> usize {
        (self.place.1 - self.place.0 + self.end - self.start) as usize + 5
    }
}

/// What [`split_part`] splits, and where its files go.
struct Parts<'a, E> {
    joined: &'a [u8],
    limit: usize,
    file: &'a mut dyn FnMut(String, Vec<u8>) -> Result<(), E>,
    split: &'a mut Vec<String>,
}

impl<E> Parts<'_, E> {
    /// The script of part `name` made of `shares`.
    fn write(&mut self, name: String, shares: &[Share]) -> Result<(), E> {
        let head = part_head(&name);
        let size = head.len() + shares.iter().map(|s| s.len() + 1).sum::<usize>() + PART_TAIL.len();
        let mut script = Vec::with_capacity(size);
        script.extend_from_slice(head.as_bytes());
        for (k, s) in shares.iter().enumerate() {
            script.extend_from_slice(if k == 0 { b"[" } else { b",[" });
            script.extend_from_slice(&self.joined[s.place.0 as usize..s.place.1 as usize]);
            script.extend_from_slice(b",{");
            script.extend_from_slice(&self.joined[s.start as usize..s.end as usize]);
            script.extend_from_slice(b"}]");
        }
        script.extend_from_slice(PART_TAIL.as_bytes());
        (self.file)(name, script)
    }

    fn split_into(&mut self, prefix: &[u8], shares: &[Share]) -> Result<(), E> {
        let name = prefix_name(prefix);
        let size = part_head(&name).len()
            + shares.iter().map(|s| s.len()).sum::<usize>()
            + shares.len().saturating_sub(1)
            + PART_TAIL.len();
        if size <= self.limit {
            return self.write(name, shares);
        }
        // The stems by their next byte, ascending (group 0: the stem
        // `prefix` itself; byte b: group b + 1). Every entry is
        // `"stem":[numbers]`, its stem beginning with `prefix`, and stems
        // are word characters (see [`words`]): the byte after the prefix
        // is a quote when the stem is the prefix itself, and a `]` ends the
        // entry. Within a share the stems are in byte order, so a group's
        // entries are a run: the runs are counted, then placed by group.
        let at = prefix.len() + 1;
        let group_at = |piece: &[u8], entry: usize| match piece[entry + at] {
            b'"' => 0,
            b => usize::from(b) + 1,
        };
        let runs = |s: &Share, each: &mut dyn FnMut(usize, u32, u32)| {
            let piece = self.joined;
            let (start, end) = (s.start as usize, s.end as usize);
            let (mut from, mut group) = (start, group_at(piece, start));
            for close in memchr::memchr_iter(b']', &piece[start..end]) {
                let next = start + close + 2;
                if next >= end {
                    break;
                }
                let g = group_at(piece, next);
                if g != group {
                    each(group, from as u32, next as u32 - 1);
                    (from, group) = (next, g);
                }
            }
            each(group, from as u32, end as u32);
        };
        let mut counts = [0usize; 257];
        for s in shares {
            runs(s, &mut |g, _, _| counts[g] += 1);
        }
        if counts[0] == shares.len() && counts[1..].iter().all(|&c| c == 0) {
            // Every stem is `prefix` itself: the part cannot be split.
            return self.write(name, shares);
        }
        let mut first = [0usize; 258];
        for g in 0..257 {
            first[g + 1] = first[g] + counts[g];
        }
        let mut at_group = first;
        let empty = Share {
            place: (0, 0),
            start: 0,
            end: 0,
        };
        let mut grouped = vec![empty; first[257]];
        for s in shares {
            runs(s, &mut |g, start, end| {
                grouped[at_group[g]] = Share { start, end, ..*s };
                at_group[g] += 1;
            });
        }
        self.split.push(name[2..].to_string());
        for g in 0..257 {
            let group = &grouped[first[g]..first[g + 1]];
            match g {
                _ if group.is_empty() => {}
                0 => self.write(name.clone(), group)?,
                g => self.split_into(&[prefix, &[(g - 1) as u8]].concat(), group)?,
            }
        }
        Ok(())
    }
}

/// The name of the part holding the text of the document at place `n`
/// among the indexed documents.
pub fn text_part(n: usize) -> String {
    format!("t-{}", n / TEXT_GROUP)
}

/// A part's script: it hands the browser its name and its pieces (see
/// `themes/default/static/site.js`).
pub fn part_head(name: &str) -> String {
    format!("COMPENDIUM_SEARCH_PART(\"{name}\",[")
}

/// What closes a part's script.
pub const PART_TAIL: &str = "]);\n";

/// A document's share of the index, made once per document (watch mode
/// keeps it while the document and its place are unchanged).
pub struct DocEntry {
    /// In `search-index.js`: `[path, reference, kind, paragraphs, {topic:
    /// [paragraph, ...], ...}, number, symbol]`, topics in byte order, each
    /// with its paragraphs ascending; the number and the symbol as written
    /// or `null` (the browser finds a document by them: « 6/1 »,
    /// « A/C.3/77/L.2 »).
    pub meta: Arc<str>,
    /// The document's pieces of the stems parts, one after the other:
    /// `[place, {stem: [paragraph, ...], ...}]`, stems in byte order, each
    /// with its paragraphs ascending (the bytes serde_json gives for a
    /// `BTreeMap`). One string for them all: a document has a piece in
    /// hundreds of parts.
    pub postings: String,
    /// Each piece's part (see [`stems_part`]), ascending, and where it
    /// ends in `postings` (it begins where the one before ends).
    pub parts: Vec<(u32, u32)>,
}

impl DocEntry {
    /// The document's piece of part `part`, if it has one.
    pub fn piece(&self, part: u32) -> Option<&str> {
        let k = self.parts.binary_search_by_key(&part, |p| p.0).ok()?;
        let start = if k == 0 {
            0
        } else {
            self.parts[k - 1].1 as usize
        };
        Some(&self.postings[start..self.parts[k].1 as usize])
    }
    /// As [`DocEntry::piece`], for parts asked in ascending order: `at`
    /// is where the last one asked was looked for (start it with
    /// [`DocEntry::first_at`]). Parts are asked for every entry in turn,
    /// and a step from `at` touches memory the last one brought in, where a
    /// binary search touches more (a tenth of a large build's time went to
    /// them).
    pub fn piece_from(&self, at: &mut usize, part: u32) -> Option<&str> {
        while self.parts.get(*at).is_some_and(|p| p.0 < part) {
            *at += 1;
        }
        let &(found, end) = self.parts.get(*at)?;
        if found != part {
            return None;
        }
        let start = if *at == 0 { 0 } else { self.parts[*at - 1].1 };
        *at += 1;
        Some(&self.postings[start as usize..end as usize])
    }
    /// Where [`DocEntry::piece_from`] starts for parts from `part` on.
    pub fn first_at(&self, part: u32) -> usize {
        self.parts.partition_point(|p| p.0 < part)
    }
    /// The pieces: part and text.
    pub fn pieces(&self) -> impl Iterator<Item = (u32, &str)> {
        let mut at = 0;
        self.parts.iter().map(move |&(part, end)| {
            let piece = &self.postings[at..end as usize];
            at = end as usize;
            (part, piece)
        })
    }
}

/// The share of `d`, at place `n` among the indexed documents. It depends
/// on the document alone (stems are a function of the word) and its place.
pub fn document_entry(
    d: &Document,
    n: usize,
    w: &DocWords,
    vocabulary: &Vocabulary,
    english: bool,
) -> DocEntry {
    let string = json_string;
    let mut meta = String::with_capacity(128 + 16 * d.paragraphs.len());
    meta.push('[');
    string(&mut meta, &Context::doc_path(d));
    meta.push(',');
    string(&mut meta, &doc_ref(d, english));
    meta.push(',');
    string(&mut meta, d.kind.as_str());
    meta.push(',');
    push_u32(&mut meta, d.paragraphs.len() as u32);
    // Each topic's paragraphs: most have none, so a list per topic is a
    // third the size of a list per paragraph.
    let mut topics: Vec<(&str, Vec<u32>)> = Vec::new();
    for (i, p) in d.paragraphs.iter().enumerate() {
        for t in &p.topics {
            match topics.iter_mut().find(|(id, _)| id == t) {
                Some((_, list)) => list.push(i as u32),
                None => topics.push((t, vec![i as u32])),
            }
        }
    }
    topics.sort_unstable_by_key(|&(id, _)| id);
    meta.push_str(",{");
    for (k, (id, list)) in topics.iter().enumerate() {
        if k > 0 {
            meta.push(',');
        }
        string(&mut meta, id);
        meta.push_str(":[");
        for (j, &i) in list.iter().enumerate() {
            if j > 0 {
                meta.push(',');
            }
            push_u32(&mut meta, i);
        }
        meta.push(']');
    }
    meta.push_str("},");
    // The number and the symbol, for finding a document by its reference.
    optional_string(&mut meta, d.number.as_deref());
    meta.push(',');
    optional_string(&mut meta, d.symbol.as_deref());
    meta.push(']');
    // Each stem's postings (paragraphs ascending), stems in byte order,
    // written as they are grouped, each part begun when its first stem
    // comes. When the vocabulary knows every word, the words are sorted
    // by their stem's rank (its place in byte order): a stem of one form
    // writes that form's list as it is, one of several merges theirs in a
    // buffer kept from stem to stem. Else (stem, paragraph) pairs are sorted.
    let mut postings = String::with_capacity(w.len() * 16);
    let mut parts: Vec<(u32, u32)> = Vec::new();
    let mut open: Option<u32> = None;
    let place = n.to_string();
    let mut put = |stem: &str, paras: &[u32]| {
        let part = stems_part(stem);
        let out = &mut postings;
        if open == Some(part) {
            out.push(',');
        } else {
            if let Some(done) = open.replace(part) {
                out.push_str("}]");
                parts.push((done, out.len() as u32));
            }
            out.push('[');
            out.push_str(&place);
            out.push_str(",{");
        }
        string(out, stem);
        out.push_str(":[");
        for (k, para) in paras.iter().enumerate() {
            if k > 0 {
                out.push(',');
            }
            push_u32(out, *para);
        }
        out.push(']');
    };
    let unpacked = w.unpacked();
    let mut ranked: Vec<(u32, &str, &[u32])> = Vec::with_capacity(w.len());
    for (word, list) in unpacked.iter() {
        match vocabulary.ranked_stem(word) {
            Some((stem, rank)) => ranked.push((rank, stem, list)),
            None => break,
        }
    }
    if ranked.len() == w.len() {
        ranked.sort_unstable_by_key(|r| r.0);
        let mut merged: Vec<u32> = Vec::new();
        for forms in ranked.chunk_by(|a, b| a.0 == b.0) {
            match forms {
                [(_, stem, list)] => put(stem, list),
                _ => {
                    merged.clear();
                    merged.extend(forms.iter().flat_map(|f| f.2.iter().copied()));
                    merged.sort_unstable();
                    merged.dedup();
                    put(forms[0].1, &merged);
                }
            }
        }
    } else {
        let mut pairs: Vec<(&str, u32)> = Vec::new();
        for (word, list) in unpacked.iter() {
            let stem = vocabulary.stem(word);
            pairs.extend(list.iter().map(|&p| (stem, p)));
        }
        pairs.sort_unstable();
        pairs.dedup();
        let mut paras: Vec<u32> = Vec::new();
        for g in pairs.chunk_by(|a, b| a.0 == b.0) {
            paras.clear();
            paras.extend(g.iter().map(|p| p.1));
            put(g[0].0, &paras);
        }
    }
    if let Some(done) = open {
        postings.push_str("}]");
        parts.push((done, postings.len() as u32));
    }
    debug_assert!(parts.windows(2).all(|w| w[0].0 < w[1].0));
    // Every document's entry is held until the parts are written.
    postings.shrink_to_fit();
    parts.shrink_to_fit();
    DocEntry {
        meta: Arc::from(meta),
        postings,
        parts,
    }
}

/// A JSON string, or `null`.
fn optional_string(out: &mut String, s: Option<&str>) {
    match s {
        Some(s) => json_string(out, s),
        None => out.push_str("null"),
    }
}

/// The title a result shows for `d`: its title, else its symbol, its
/// number or its slug (as the pages' headings).
pub fn doc_title(d: &Document) -> &str {
    d.title
        .as_deref()
        .or(d.symbol.as_deref())
        .or(d.number.as_deref())
        .unwrap_or(&d.slug)
}

/// What a result shows of `d`, at place `n`, in its text part:
/// `[place, [[anchor, reference, plain text], ...], title]`.
pub fn document_text(d: &Document, n: usize, english: bool) -> String {
    let text: usize = d.paragraphs.iter().map(|p| p.plain.len() + 48).sum();
    let mut out = String::with_capacity(text + 32 + doc_title(d).len());
    out.push('[');
    out.push_str(&n.to_string());
    out.push_str(",[");
    for (i, p) in d.paragraphs.iter().enumerate() {
        if i > 0 {
            out.push(',');
        }
        out.push('[');
        json_string(&mut out, &p.anchor);
        out.push(',');
        json_string(&mut out, &i18n::para_reference(p, english));
        out.push(',');
        json_string(&mut out, &p.plain);
        out.push(']');
    }
    out.push_str("],");
    json_string(&mut out, doc_title(d));
    out.push(']');
    out
}

/// `assets/search-index.js` is [`INDEX_HEAD`], the documents' `meta`
/// (see [`DocEntry`]) joined by commas, then [`index_tail`]; the postings
/// and the texts are in parts under [`PARTS_DIR`], which the browser loads
/// as a query needs them.
///
/// The browser numbers the paragraphs across the corpus on load: `docs[i]`
/// is `[path, reference, kind, paragraphs, {topic: paragraphs}, number,
/// symbol]` (see
/// [`DocEntry::meta`]), `words` maps
/// each folded form to its stem, `split` lists the stem beginnings whose
/// parts are split (see [`split_part`]).
pub const INDEX_HEAD: &str = "window.COMPENDIUM_INDEX = {\"docs\":[";

/// What follows the entries: the vocabulary's `words` JSON, the topics,
/// the kinds of document present and the beginnings split.
pub fn index_tail(
    ctx: &Context,
    texts: &[&Document],
    words_json: &str,
    split: &[String],
) -> String {
    let s = i18n::strings(ctx.english);
    let kinds: Vec<(&str, &str)> = [
        DocKind::Resolution,
        DocKind::Decision,
        DocKind::DraftResolution,
        DocKind::Report,
    ]
    .into_iter()
    .filter(|&kind| texts.iter().any(|d| d.kind == kind))
    .map(|kind| (kind.as_str(), i18n::kind_plural(kind, &s)))
    .collect();
    // What the search says of pasted wording (`site.js`).
    let l = i18n::lineage_strings(ctx.english);
    let wording = serde_json::json!({
        "identical": l.identical,
        "modified": l.modified,
        "many": l.wording_many,
        "one": l.wording_one,
        "none": l.wording_none,
    });
    let topics: Vec<(String, String)> = ctx
        .topic_links()
        .into_iter()
        .map(|t| (t.id, t.label))
        .collect();
    format!(
        "],\"words\":{words_json},\"topics\":{},\"kinds\":{},\"group\":{TEXT_GROUP},\"split\":{},\"wording\":{}}};\n",
        serde_json::to_string(&topics).expect("topics serialize"),
        serde_json::to_string(&kinds).expect("kinds serialize"),
        serde_json::to_string(split).expect("split beginnings serialize"),
        wording
    )
}

fn doc_ref(d: &Document, english: bool) -> String {
    i18n::doc_reference(
        d.kind,
        d.number.as_deref(),
        d.symbol.as_deref(),
        d.title.as_deref(),
        english,
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_are_the_nonempty_pieces_between_non_alphanumerics() {
        for text in [
            "",
            "  ",
            "l’État, les États-Unis et 12 Parties",
            "résolution 55/25 ; « trafic » — 2e séance",
            "œuvre ﬁnale Ⅻ ٣ 全国 x",
            "ÀÉÎÕÜàéîõüÿ ×÷ ‘’“”«» ª² µº ¼ ‿⁀ ⁰ⁱ",
            "a",
            "fin.",
        ] {
            let reference: Vec<&str> = text
                .split(|c: char| !c.is_alphanumeric())
                .filter(|w| !w.is_empty())
                .collect();
            assert_eq!(words(text).collect::<Vec<_>>(), reference, "{text:?}");
        }
        // Every character, between letters and at the end.
        for c in (0..=0x10FFFFu32).filter_map(char::from_u32) {
            let text = format!("a{c}b{c}");
            let reference: Vec<&str> = text
                .split(|c: char| !c.is_alphanumeric())
                .filter(|w| !w.is_empty())
                .collect();
            assert_eq!(
                words(&text).collect::<Vec<_>>(),
                reference,
                "U+{:04X}",
                c as u32
            );
        }
    }

    #[test]
    fn document_words_list_each_word_with_its_paragraphs_ascending() {
        let (mut doc, _) = crate::content::parse::parse_document(
            "---\ntitle: T\nkind: report\nslug: t\n---\n\n1. Le trafic et le trafic.\n\n2. Rien.\n\n3. Le trafic, encore.\n",
            std::path::Path::new("t.md"),
        )
        .expect("parses");
        for p in &mut doc.paragraphs {
            p.plain = crate::content::plain_shared(&p.text);
        }
        let w = document_words(&doc);
        let mut got: Vec<(String, Vec<u32>)> = w
            .unpacked()
            .iter()
            .map(|(w, p)| (w.to_string(), p.to_vec()))
            .collect();
        got.sort();
        let want = [
            ("Le", vec![0, 2]),
            ("Rien", vec![1]),
            ("encore", vec![2]),
            ("et", vec![0]),
            ("le", vec![0]),
            ("trafic", vec![0, 2]),
        ];
        let want: Vec<(String, Vec<u32>)> = want
            .iter()
            .map(|(w, p)| (w.to_string(), p.clone()))
            .collect();
        assert_eq!(got, want);
    }

    #[test]
    fn document_words_are_those_of_a_plain_word_map() {
        // Words around 8 and 16 bytes (packed in one or two integers, or
        // kept as text), alike in their first bytes, accented, at the very
        // end of a paragraph; and every seed document.
        let texts = [
            "abcdefgh abcdefghi abcdefgh abcdefghijklmnop abcdefghijklmnopq",
            "abcdefghijklmnopq abcdefghijklmnopr abcdefghijklmnop abcdefgh",
            "é ée éé criminalité criminalités criminalitéé transnationalement",
            "a",
            "transnationalement",
            "abcdefghijklmnopqrstuvwxyz0123456789 abcdefghijklmnopqrstuvwxyz0123456788",
        ];
        let mut hand = Document::new(DocKind::Report);
        for t in texts {
            hand.paragraphs.push(crate::model::Paragraph {
                plain: t.into(),
                ..Default::default()
            });
        }
        let mut docs = crate::content::repository_documents();
        for d in &mut docs {
            for p in &mut d.paragraphs {
                p.plain = crate::content::plain_shared(&p.text);
            }
        }
        docs.push(hand);
        for d in &docs {
            let mut want: BTreeMap<&str, Vec<u32>> = BTreeMap::new();
            for (i, p) in d.paragraphs.iter().enumerate() {
                for w in words(&p.plain) {
                    let list = want.entry(w).or_default();
                    if list.last() != Some(&(i as u32)) {
                        list.push(i as u32);
                    }
                }
            }
            let dw = document_words(d);
            let unpacked = dw.unpacked();
            let got: BTreeMap<&str, Vec<u32>> =
                unpacked.iter().map(|(w, p)| (w, p.to_vec())).collect();
            assert_eq!(dw.len(), got.len(), "a word listed twice");
            assert_eq!(got, want);
        }
    }

    #[test]
    fn packed_lists_keep_long_words_and_far_paragraphs() {
        // Lengths and gaps past one and two bytes of seven bits.
        let long = "x".repeat(200);
        let mut doc = Document::new(DocKind::Report);
        for i in 0..20_000u32 {
            let text = match i {
                0 | 127 | 128 | 16_383 | 16_384 | 19_999 => format!("mot {long} {i}"),
                _ => format!("autre {i}"),
            };
            doc.paragraphs.push(crate::model::Paragraph {
                plain: text.as_str().into(),
                ..Default::default()
            });
        }
        let w = document_words(&doc);
        let unpacked = w.unpacked();
        let lists: BTreeMap<&str, Vec<u32>> =
            unpacked.iter().map(|(w, p)| (w, p.to_vec())).collect();
        let far = vec![0, 127, 128, 16_383, 16_384, 19_999];
        assert_eq!(lists["mot"], far);
        assert_eq!(lists[long.as_str()], far);
        assert_eq!(lists["autre"].len(), 20_000 - far.len());
        assert_eq!(lists["19999"], vec![19_999]);
        assert_eq!(w.len(), 20_000 + 3);
        let forms: Vec<&str> = w.forms().collect();
        let words: Vec<&str> = unpacked.iter().map(|(w, _)| w).collect();
        assert_eq!(forms, words);
        assert_eq!(&forms[..3], ["mot", long.as_str(), "0"]);
    }

    /// A document's share of the index: its meta, its pieces of the stems
    /// parts by part name, its text piece.
    type Share = (String, Vec<(String, String)>, String);

    /// A document's share as serde_json writes it from typed data: what
    /// [`document_entry`] and [`document_text`] write by hand, faster.
    fn reference_entry(d: &Document, n: usize, w: &DocWords, v: &Vocabulary, en: bool) -> Share {
        let (vocabulary, english) = (v, en);
        let mut by_stem: BTreeMap<&str, Vec<u32>> = BTreeMap::new();
        for (word, list) in w.unpacked().iter() {
            let stem = vocabulary.stem(word);
            by_stem.entry(stem).or_default().extend(list);
        }
        for list in by_stem.values_mut() {
            list.sort_unstable();
            list.dedup();
        }
        let mut topics: BTreeMap<&str, Vec<usize>> = BTreeMap::new();
        for (i, p) in d.paragraphs.iter().enumerate() {
            for t in &p.topics {
                topics.entry(t).or_default().push(i);
            }
        }
        // A tuple, not an object: the field names would be repeated per document.
        let meta = serde_json::to_string(&(
            Context::doc_path(d),
            doc_ref(d, english),
            d.kind.as_str(),
            d.paragraphs.len(),
            topics,
            &d.number,
            &d.symbol,
        ))
        .unwrap();
        let mut parts: BTreeMap<String, BTreeMap<&str, Vec<u32>>> = BTreeMap::new();
        for (stem, list) in by_stem {
            // Named by the stem's first two bytes, written out here.
            let name: String = std::iter::once("s-".to_string())
                .chain(stem.bytes().take(2).map(|b| format!("{b:02x}")))
                .collect();
            parts.entry(name).or_default().insert(stem, list);
        }
        let parts = parts
            .into_iter()
            .map(|(name, stems)| (name, serde_json::to_string(&(n, stems)).unwrap()))
            .collect();
        let paras: Vec<(&str, String, &str)> = d
            .paragraphs
            .iter()
            .map(|p| {
                (
                    p.anchor.as_str(),
                    i18n::para_reference(p, english),
                    &*p.plain,
                )
            })
            .collect();
        let text = serde_json::to_string(&(n, paras, doc_title(d))).unwrap();
        (meta, parts, text)
    }

    /// The share as [`document_entry`] and [`document_text`] write it.
    fn hand_written(d: &Document, n: usize, w: &DocWords, v: &Vocabulary, en: bool) -> Share {
        let e = document_entry(d, n, w, v, en);
        let mut parts: Vec<(String, String)> = e
            .pieces()
            .map(|(part, piece)| {
                assert_eq!(e.piece(part), Some(piece));
                (part_name(part), piece.to_string())
            })
            .collect();
        // (In part order; the reference's are in name order.)
        parts.sort();
        (e.meta.to_string(), parts, document_text(d, n, en))
    }

    #[test]
    fn entries_are_the_bytes_serde_gives() {
        let (mut docs, _) = crate::content::load_dir(
            std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
                .join("content")
                .as_path(),
        )
        .unwrap();
        let config = crate::config::Config::load(
            &std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("site.yaml"),
        )
        .unwrap();
        crate::analyze::analyze(&mut docs, &config).unwrap();
        let words: Vec<(u64, Arc<DocWords>)> = docs
            .iter()
            .enumerate()
            .map(|(i, d)| (i as u64, Arc::new(document_words(d))))
            .collect();
        let mut vocabulary = Vocabulary::default();
        vocabulary.update(&words, false);
        let mut compared = 0;
        for (n, (d, (_, w))) in docs.iter().zip(&words).enumerate() {
            for english in [false, true] {
                let (meta, parts, text) = hand_written(d, n, w, &vocabulary, english);
                assert_eq!(
                    (meta, parts, text),
                    reference_entry(d, n, w, &vocabulary, english),
                    "{}",
                    d.slug
                );
                compared += 1;
            }
        }
        assert!(compared >= 20);
        // A vocabulary that lacks some of a document's words (the pairs
        // path): those words stand for themselves, as in the reference.
        let mut partial = Vocabulary::default();
        partial.update(&words[..1], false);
        for (n, (d, (_, w))) in docs.iter().zip(&words).enumerate().skip(1) {
            assert_eq!(
                hand_written(d, n, w, &partial, false),
                reference_entry(d, n, w, &partial, false),
                "{}",
                d.slug
            );
        }
    }

    #[test]
    fn a_stems_part_is_named_by_the_stems_first_two_bytes() {
        let name = |stem| part_name(stems_part(stem));
        assert_eq!(name("trafic"), "s-7472");
        assert_eq!(name("tr"), "s-7472");
        assert_eq!(name("a"), "s-61");
        assert_ne!(stems_part("a"), stems_part("a\u{1}"));
        assert_eq!(name(""), "s-");
        // Parts are numbered in the stems' byte order.
        let mut stems = ["b", "az", "a", "", "ab", "é", "ez", "zz", "z"];
        stems.sort();
        let parts: Vec<u32> = stems.iter().map(|s| stems_part(s)).collect();
        assert!(parts.windows(2).all(|w| w[0] < w[1]), "{parts:?}");
        assert!(parts.iter().all(|&p| (p as usize) < STEMS_PARTS));
        // A stem of another script is named by its UTF-8 bytes.
        assert_eq!(name("ετ"), "s-ceb5");
        assert_eq!(text_part(0), "t-0");
        assert_eq!(text_part(TEXT_GROUP - 1), "t-0");
        assert_eq!(text_part(TEXT_GROUP), "t-1");
    }

    /// The file the browser asks for a stem's postings (`stemsPart` in
    /// `site.js`): its first two bytes, and one more while split.
    fn browser_file(stem: &str, split: &[String]) -> String {
        let mut hex = String::new();
        for (i, b) in stem.bytes().enumerate() {
            if i >= 2 && !split.contains(&hex) {
                break;
            }
            hex.push_str(&format!("{b:02x}"));
        }
        format!("s-{hex}")
    }

    /// A part's pieces read back: each document's place and postings.
    type ReadPieces = Vec<(u32, BTreeMap<String, Vec<u32>>)>;

    /// A part's script read back: its name and pieces.
    fn read_part(script: &[u8]) -> (String, ReadPieces) {
        let text = std::str::from_utf8(script).unwrap();
        let args = text
            .strip_prefix("COMPENDIUM_SEARCH_PART(")
            .and_then(|t| t.strip_suffix(PART_TAIL))
            .unwrap();
        let (name, pieces) = args.split_once(',').unwrap();
        let pieces = format!("{pieces}]");
        (
            serde_json::from_str(name).unwrap(),
            serde_json::from_str(&pieces).unwrap(),
        )
    }

    #[test]
    fn a_part_above_its_limit_is_split_by_the_stems_next_bytes() {
        let pieces = [
            r#"[0,{"co":[1],"coeur":[2,3],"convent":[1,4],"corrupt":[5]}]"#,
            r#"[1,{"conseil":[3],"convent":[2],"coop":[7]}]"#,
            r#"[4,{"corrupt":[1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17,18,19,20]}]"#,
        ];
        let part = stems_part("co");
        // Within its limit: one file, the pieces joined.
        let whole = part_files(part, &pieces, 1 << 20);
        assert!(whole.split.is_empty());
        let joined = format!("{}{}{PART_TAIL}", part_head("s-636f"), pieces.join(","));
        assert_eq!(whole.files.len(), 1);
        assert_eq!(whole.files[0].0, "s-636f");
        assert_eq!(whole.files[0].1.as_slice(), joined.as_bytes());
        let postings = |files: &PartFiles| {
            let mut all: BTreeMap<String, Vec<(u32, Vec<u32>)>> = BTreeMap::new();
            for (name, script) in &files.files {
                let (named, pieces) = read_part(script);
                assert_eq!(&named, name);
                for (place, stems) in pieces {
                    for (stem, paras) in stems {
                        assert_eq!(browser_file(&stem, &files.split), *name, "{stem}");
                        all.entry(stem).or_default().push((place, paras));
                    }
                }
            }
            all
        };
        // Above it: the stems in the files the browser asks for, with the
        // same postings in the documents' order, each file within the
        // limit unless it holds one stem.
        for limit in [40, 90, 140, 200] {
            let split = part_files(part, &pieces, limit);
            assert!(!split.split.is_empty(), "{limit}");
            assert_eq!(postings(&split), postings(&whole), "{limit}");
            for (name, script) in &split.files {
                let stems = read_part(script)
                    .1
                    .iter()
                    .flat_map(|p| p.1.keys().cloned())
                    .collect::<FxHashSet<_>>();
                assert!(
                    script.len() <= limit || stems.len() == 1,
                    "{limit}: {name} {stems:?}"
                );
            }
            let names: Vec<&str> = split.files.iter().map(|f| f.0.as_str()).collect();
            let mut sorted = names.clone();
            sorted.sort();
            sorted.dedup();
            assert_eq!(sorted.len(), names.len(), "{limit}: {names:?}");
        }
        // « co » itself, in the part of « co » once split.
        let split = part_files(part, &pieces, 90);
        assert!(split.split.contains(&"636f".to_string()));
        assert_eq!(browser_file("co", &split.split), "s-636f");
        let convent = browser_file("convent", &split.split);
        assert!(convent.starts_with("s-636f6e"), "{convent}");
        assert!(split.files.iter().any(|f| f.0 == convent), "{convent}");
    }

    #[test]
    fn folds_accents_and_case() {
        assert_eq!(fold("Criminalité"), "criminalite");
        assert_eq!(fold("ŒUVRE"), "ouvre");
    }

    #[test]
    fn french_stems_join_plural_and_singular() {
        let st = Stemmer::create(Algorithm::French);
        assert_eq!(st.stem("trafics"), st.stem("trafic"));
        assert_eq!(st.stem(&fold("criminalité")), st.stem("criminalite"));
    }
}
