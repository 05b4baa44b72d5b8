//! The static search index: every paragraph, findable by French stems with
//! accents folded, written as a script (`assets/search-index.js`) so it
//! loads from `file://` too.
//!
//! Stemming happens here, at build time, with the Snowball French stemmer
//! (rust-stemmers). The browser never stems: the index carries the corpus
//! vocabulary as a map from each folded word form to its stem, so a query
//! word is looked up (or, while being typed, matched as a prefix of known
//! words) and the stem's postings give the paragraphs.

use crate::model::{DocKind, Document};
use crate::render::i18n;
use crate::render::views::Context;
use rayon::prelude::*;
use rust_stemmers::{Algorithm, Stemmer};
use rustc_hash::{FxHashMap, FxHashSet};
use serde::Serialize;
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
pub fn words(text: &str) -> impl Iterator<Item = &str> {
    text.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
}

/// The words of one document, as written, each with the paragraphs
/// (numbered within the document, ascending) it occurs in. Flat, three
/// allocations per document: a corpus has hundreds of thousands of
/// (document, word) pairs.
pub struct DocWords {
    /// The distinct words, one after the other.
    text: String,
    /// Per word: its end in `text`, and the end of its paragraphs in `paras`.
    ends: Vec<(u32, u32)>,
    paras: Vec<u32>,
}

impl DocWords {
    fn iter(&self) -> impl Iterator<Item = (&str, &[u32])> {
        let mut at = (0usize, 0usize);
        self.ends.iter().map(move |&(w, p)| {
            let (w, p) = (w as usize, p as usize);
            let item = (&self.text[at.0..w], &self.paras[at.1..p]);
            at = (w, p);
            item
        })
    }
}

/// Find the words of `d`.
pub fn document_words(d: &Document) -> DocWords {
    let mut by_word: FxHashMap<&str, Vec<u32>> = FxHashMap::default();
    for (i, p) in d.paragraphs.iter().enumerate() {
        let i = i as u32;
        for w in words(&p.plain) {
            let list = by_word.entry(w).or_default();
            if list.last() != Some(&i) {
                list.push(i);
            }
        }
    }
    let mut out = DocWords {
        text: String::with_capacity(by_word.keys().map(|w| w.len()).sum()),
        ends: Vec::with_capacity(by_word.len()),
        paras: Vec::with_capacity(by_word.values().map(Vec::len).sum()),
    };
    for (w, list) in by_word {
        out.text.push_str(w);
        out.paras.extend(list);
        out.ends
            .push((out.text.len() as u32, out.paras.len() as u32));
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
    /// Written form -> (folded form, stem, documents using it).
    forms: FxHashMap<String, (String, String, u32)>,
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
            for (form, _) in w.iter() {
                if let Some(e) = self.forms.get_mut(form) {
                    e.2 -= 1;
                    if e.2 == 0 {
                        self.forms.remove(form);
                        self.json = None;
                    }
                }
            }
        }
        let mut new: Vec<String> = Vec::new();
        for (k, w) in docs {
            if self.members.contains_key(k) {
                continue;
            }
            for (form, _) in w.iter() {
                match self.forms.get_mut(form) {
                    Some(e) => e.2 += 1,
                    None => {
                        new.push(form.to_string());
                        self.forms
                            .insert(form.to_string(), (String::new(), String::new(), 1));
                        // Only a new or vanished form changes the `words` map.
                        self.json = None;
                    }
                }
            }
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
    }

    /// The stem of a written form of the vocabulary.
    pub fn stem<'a>(&'a self, form: &'a str) -> &'a str {
        self.forms.get(form).map(|e| e.1.as_str()).unwrap_or(form)
    }

    /// The index's `words`: folded form -> stem, as JSON.
    pub fn words_json(&mut self) -> Arc<str> {
        if let Some(j) = &self.json {
            return j.clone();
        }
        let map: BTreeMap<&str, &str> = self
            .forms
            .values()
            .map(|(folded, stem, _)| (folded.as_str(), stem.as_str()))
            .collect();
        let j: Arc<str> = Arc::from(serde_json::to_string(&map).expect("words serialize"));
        self.json = Some(j.clone());
        j
    }
}

#[derive(Serialize)]
struct DocEntry<'a> {
    path: String,
    reference: String,
    kind: &'static str,
    /// Paragraphs: anchor, reference, topics, plain text.
    paras: Vec<(&'a str, String, &'a [String], &'a str)>,
    /// Stem -> paragraphs of the document (ascending).
    stems: BTreeMap<&'a str, Vec<u32>>,
}

/// One document's entry in the index, as JSON: `[path, reference, kind,
/// paragraphs, {stem: [paragraph, ...]}]`. It depends on the document
/// alone (stems are a function of the word), so watch mode keeps it while
/// the document is unchanged.
pub fn document_entry(
    d: &Document,
    w: &DocWords,
    vocabulary: &Vocabulary,
    english: bool,
) -> String {
    let mut by_stem: BTreeMap<&str, Vec<u32>> = BTreeMap::new();
    for (word, list) in w.iter() {
        let stem = vocabulary.stem(word);
        by_stem.entry(stem).or_default().extend(list);
    }
    for list in by_stem.values_mut() {
        list.sort_unstable();
        list.dedup();
    }
    let entry = DocEntry {
        path: Context::doc_path(d),
        reference: doc_ref(d, english),
        kind: d.kind.as_str(),
        paras: d
            .paragraphs
            .iter()
            .map(|p| {
                (
                    p.anchor.as_str(),
                    i18n::para_reference(p, english),
                    p.topics.as_slice(),
                    &*p.plain,
                )
            })
            .collect(),
        stems: by_stem,
    };
    // A tuple, not an object: the field names would be repeated per document.
    serde_json::to_string(&(
        &entry.path,
        &entry.reference,
        entry.kind,
        &entry.paras,
        &entry.stems,
    ))
    .expect("search entry serializes")
}

/// Write `assets/search-index.js` from the documents' entries (in the
/// order of `texts`) and the vocabulary's `words` JSON.
///
/// The browser expands it on load: `docs[i]` is `[path, reference, kind,
/// paragraphs, stems]`, `words` maps each folded form to its stem.
pub fn write_index<E: AsRef<str>>(
    w: &mut dyn std::io::Write,
    ctx: &Context,
    texts: &[&Document],
    entries: &[E],
    words_json: &str,
) -> std::io::Result<()> {
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
    let topics: Vec<(String, String)> = ctx
        .topic_links()
        .into_iter()
        .map(|t| (t.id, t.label))
        .collect();
    w.write_all(b"window.COMPENDIUM_INDEX = {\"docs\":[")?;
    for (i, e) in entries.iter().enumerate() {
        if i > 0 {
            w.write_all(b",")?;
        }
        w.write_all(e.as_ref().as_bytes())?;
    }
    w.write_all(b"],\"words\":")?;
    w.write_all(words_json.as_bytes())?;
    w.write_all(b",\"topics\":")?;
    w.write_all(
        serde_json::to_string(&topics)
            .expect("topics serialize")
            .as_bytes(),
    )?;
    w.write_all(b",\"kinds\":")?;
    w.write_all(
        serde_json::to_string(&kinds)
            .expect("kinds serialize")
            .as_bytes(),
    )?;
    w.write_all(b"};\n")
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
