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

#[derive(Serialize)]
struct Index<'a> {
    /// Documents: [slug path, reference, kind].
    docs: Vec<(String, String, &'static str)>,
    /// Paragraphs: doc index, anchor, reference, topics, plain text.
    paras: Vec<(usize, &'a str, String, &'a [String], &'a str)>,
    /// Folded word form -> stem number.
    words: BTreeMap<String, usize>,
    /// Stem number -> paragraph numbers (ascending).
    postings: Vec<Vec<u32>>,
    topics: Vec<(String, String)>,
    kinds: Vec<(String, String)>,
}

/// Words as written -> the paragraphs (global numbers) they occur in.
type Occurrences<'a> = FxHashMap<&'a str, Vec<u32>>;

/// Build `assets/search-index.js` for the site.
///
/// The expensive part, finding every word of every paragraph, runs on all
/// cores and keys words as written (borrowed, no allocation); folding and
/// stemming then happen once per distinct word, not once per occurrence.
pub fn search_index(ctx: &Context) -> String {
    let english = ctx.english;
    let stemmer = Stemmer::create(if english {
        Algorithm::English
    } else {
        Algorithm::French
    });
    let texts: Vec<&Document> = ctx
        .docs
        .iter()
        .filter(|d| d.kind != DocKind::Page)
        .collect();
    // First paragraph number of each document.
    let mut first = Vec::with_capacity(texts.len());
    let mut n = 0u32;
    for d in &texts {
        first.push(n);
        n += d.paragraphs.len() as u32;
    }

    let occurrences: Occurrences = texts
        .par_iter()
        .zip(&first)
        .fold(Occurrences::default, |mut map, (d, &first)| {
            for (i, p) in d.paragraphs.iter().enumerate() {
                let pi = first + i as u32;
                for w in words(&p.plain) {
                    let list = map.entry(w).or_default();
                    if list.last() != Some(&pi) {
                        list.push(pi);
                    }
                }
            }
            map
        })
        .reduce(Occurrences::default, |mut a, mut b| {
            if a.len() < b.len() {
                std::mem::swap(&mut a, &mut b);
            }
            for (w, list) in b {
                a.entry(w).or_default().extend(list);
            }
            a
        });

    // Distinct written forms -> folded forms -> stems.
    let mut folded: FxHashMap<String, Vec<u32>> = FxHashMap::default();
    for (w, list) in occurrences {
        folded.entry(fold(w)).or_default().extend(list);
    }
    let mut by_stem: BTreeMap<String, Vec<String>> = BTreeMap::new();
    for w in folded.keys() {
        by_stem
            .entry(stemmer.stem(w).into_owned())
            .or_default()
            .push(w.clone());
    }
    let mut words_map = BTreeMap::new();
    let mut postings: Vec<Vec<u32>> = Vec::with_capacity(by_stem.len());
    for (id, forms) in by_stem.into_values().enumerate() {
        let mut list: Vec<u32> = Vec::new();
        for f in forms {
            list.extend(&folded[&f]);
            words_map.insert(f, id);
        }
        list.sort_unstable();
        list.dedup();
        postings.push(list);
    }

    let paras = texts
        .par_iter()
        .enumerate()
        .flat_map_iter(|(di, d)| {
            d.paragraphs.iter().map(move |p| {
                (
                    di,
                    p.anchor.as_str(),
                    i18n::para_reference(p, english),
                    p.topics.as_slice(),
                    p.plain.as_str(),
                )
            })
        })
        .collect();
    let s = i18n::strings(english);
    let kinds = [
        DocKind::Resolution,
        DocKind::Decision,
        DocKind::DraftResolution,
        DocKind::Report,
    ]
    .into_iter()
    .filter(|&kind| texts.iter().any(|d| d.kind == kind))
    .map(|kind| {
        (
            kind.as_str().to_string(),
            i18n::kind_plural(kind, &s).to_string(),
        )
    })
    .collect();
    let index = Index {
        docs: texts
            .iter()
            .map(|d| (Context::doc_path(d), doc_ref(d, english), d.kind.as_str()))
            .collect(),
        paras,
        words: words_map,
        postings,
        topics: ctx
            .topic_links()
            .into_iter()
            .map(|t| (t.id, t.label))
            .collect(),
        kinds,
    };
    let mut out = String::from("window.COMPENDIUM_INDEX = ");
    out.push_str(&serde_json::to_string(&index).expect("search index serializes"));
    out.push_str(";\n");
    out
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
