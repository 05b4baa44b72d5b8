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
use rustc_hash::FxHashMap;
use serde::Serialize;
use std::collections::BTreeMap;
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

/// The words of one document: each folded form, with the paragraphs
/// (numbered within the document, ascending) it occurs in.
pub struct DocWords {
    forms: Vec<(String, Vec<u32>)>,
}

/// The stem of every folded form of the corpus.
pub type Stems = FxHashMap<String, String>;

/// Find the words of `d` (folding each distinct written form once).
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
    let mut folded: FxHashMap<String, Vec<u32>> = FxHashMap::default();
    for (w, list) in by_word {
        folded.entry(fold(w)).or_default().extend(list);
    }
    let mut forms: Vec<(String, Vec<u32>)> = folded
        .into_iter()
        .map(|(w, mut list)| {
            list.sort_unstable();
            list.dedup();
            (w, list)
        })
        .collect();
    forms.sort_unstable_by(|a, b| a.0.cmp(&b.0));
    DocWords { forms }
}

/// Stem each distinct form of the corpus not yet in `stems` (watch mode
/// keeps them from build to build: a stem depends on the word alone).
pub fn add_stems(all: &[&DocWords], english: bool, stems: &mut Stems) {
    let forms: rustc_hash::FxHashSet<&str> = all
        .iter()
        .flat_map(|w| w.forms.iter().map(|(f, _)| f.as_str()))
        .filter(|f| !stems.contains_key(*f))
        .collect();
    let forms: Vec<&str> = forms.into_iter().collect();
    let new: Vec<(String, String)> = forms
        .par_chunks(1024)
        .flat_map_iter(|chunk| {
            let stemmer = Stemmer::create(if english {
                Algorithm::English
            } else {
                Algorithm::French
            });
            chunk
                .iter()
                .map(|f| (f.to_string(), stemmer.stem(f).into_owned()))
                .collect::<Vec<_>>()
        })
        .collect();
    stems.extend(new);
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
pub fn document_entry(d: &Document, w: &DocWords, stems: &Stems, english: bool) -> String {
    let mut by_stem: BTreeMap<&str, Vec<u32>> = BTreeMap::new();
    for (form, list) in &w.forms {
        let stem = stems.get(form).map(String::as_str).unwrap_or(form);
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
                    p.plain.as_str(),
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

/// Build `assets/search-index.js` from the documents' entries (in the
/// order of `texts`) and their words.
///
/// The browser expands it on load: `docs[i]` is `[path, reference, kind,
/// paragraphs, stems]`, `words` maps each folded form to its stem.
pub fn assemble_index<E: AsRef<str>>(
    ctx: &Context,
    texts: &[&Document],
    entries: &[E],
    words: &[&DocWords],
    stems: &Stems,
) -> String {
    let mut vocabulary: BTreeMap<&str, &str> = BTreeMap::new();
    for w in words {
        for (form, _) in &w.forms {
            vocabulary
                .entry(form)
                .or_insert_with(|| stems.get(form).map(String::as_str).unwrap_or(form));
        }
    }
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
    let size: usize = entries.iter().map(|e| e.as_ref().len() + 1).sum();
    let mut out = String::with_capacity(size + vocabulary.len() * 24 + 1024);
    out.push_str("window.COMPENDIUM_INDEX = {\"docs\":[");
    for (i, e) in entries.iter().enumerate() {
        if i > 0 {
            out.push(',');
        }
        out.push_str(e.as_ref());
    }
    out.push_str("],\"words\":");
    out.push_str(&serde_json::to_string(&vocabulary).expect("words serialize"));
    out.push_str(",\"topics\":");
    out.push_str(&serde_json::to_string(&topics).expect("topics serialize"));
    out.push_str(",\"kinds\":");
    out.push_str(&serde_json::to_string(&kinds).expect("kinds serialize"));
    out.push_str("};\n");
    out
}

/// The whole index in one go (a build without memo tables).
pub fn search_index(ctx: &Context) -> String {
    let texts: Vec<&Document> = ctx
        .docs
        .iter()
        .filter(|d| d.kind != DocKind::Page)
        .collect();
    let words: Vec<DocWords> = texts.par_iter().map(|d| document_words(d)).collect();
    let refs: Vec<&DocWords> = words.iter().collect();
    let mut stems = Stems::default();
    add_stems(&refs, ctx.english, &mut stems);
    let entries: Vec<String> = texts
        .par_iter()
        .zip(&words)
        .map(|(d, w)| document_entry(d, w, &stems, ctx.english))
        .collect();
    assemble_index(ctx, &texts, &entries, &refs, &stems)
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
