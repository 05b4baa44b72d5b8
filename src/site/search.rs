//! The static search index: every paragraph, findable by French stems with
//! accents folded, written as a script (`assets/search-index.js`) so it
//! loads from `file://` too.
//!
//! Stemming happens here, at build time, with the Snowball French stemmer
//! (rust-stemmers). The browser never stems: the index carries the corpus
//! vocabulary as a map from each folded word form to its stem, so a query
//! word is looked up (or, while being typed, matched as a prefix of known
//! words) and the stem's postings give the paragraphs.

use crate::content::plain_text;
use crate::model::{DocKind, Document};
use crate::render::i18n;
use crate::render::views::Context;
use rust_stemmers::{Algorithm, Stemmer};
use serde::Serialize;
use std::collections::BTreeMap;
use unicode_normalization::UnicodeNormalization;

/// Lower-case, accents removed: `Criminalité` -> `criminalite`.
pub fn fold(word: &str) -> String {
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
struct Index {
    /// Documents: [slug path, reference, kind].
    docs: Vec<(String, String, String)>,
    /// Paragraphs: doc index, anchor, reference, topics, plain text.
    paras: Vec<(usize, String, String, Vec<String>, String)>,
    /// Folded word form -> stem number.
    words: BTreeMap<String, usize>,
    /// Stem number -> paragraph numbers (ascending).
    postings: Vec<Vec<usize>>,
    topics: Vec<(String, String)>,
    kinds: Vec<(String, String)>,
}

/// Build `assets/search-index.js` for the site.
pub fn search_index(ctx: &Context) -> String {
    let english = ctx.english;
    let stemmer = Stemmer::create(if english {
        Algorithm::English
    } else {
        Algorithm::French
    });
    let mut stems: BTreeMap<String, usize> = BTreeMap::new();
    let mut words_map: BTreeMap<String, usize> = BTreeMap::new();
    let mut postings: Vec<Vec<usize>> = Vec::new();
    let mut index = Index {
        docs: Vec::new(),
        paras: Vec::new(),
        words: BTreeMap::new(),
        postings: Vec::new(),
        topics: ctx
            .topic_links()
            .into_iter()
            .map(|t| (t.id, t.label))
            .collect(),
        kinds: Vec::new(),
    };
    let s = i18n::strings(english);
    for kind in [
        DocKind::Resolution,
        DocKind::Decision,
        DocKind::DraftResolution,
        DocKind::Report,
    ] {
        if ctx.docs.iter().any(|d| d.kind == kind) {
            index.kinds.push((
                kind.as_str().to_string(),
                i18n::kind_plural(kind, &s).to_string(),
            ));
        }
    }
    for d in ctx.docs.iter().filter(|d| d.kind != DocKind::Page) {
        let di = index.docs.len();
        index.docs.push((
            Context::doc_path(d),
            doc_ref(d, english),
            d.kind.as_str().to_string(),
        ));
        for p in &d.paragraphs {
            let pi = index.paras.len();
            let text = plain_text(&p.text);
            for w in words(&text) {
                let folded = fold(w);
                let stem_id = match words_map.get(&folded) {
                    Some(&id) => id,
                    None => {
                        let stem = stemmer.stem(&folded).into_owned();
                        let next = stems.len();
                        let id = *stems.entry(stem).or_insert(next);
                        if id == postings.len() {
                            postings.push(Vec::new());
                        }
                        words_map.insert(folded, id);
                        id
                    }
                };
                let list = &mut postings[stem_id];
                if list.last() != Some(&pi) {
                    list.push(pi);
                }
            }
            index.paras.push((
                di,
                p.anchor.clone(),
                i18n::para_reference(p, english),
                p.topics.clone(),
                text,
            ));
        }
    }
    index.words = words_map;
    index.postings = postings;
    format!(
        "window.COMPENDIUM_INDEX = {};\n",
        serde_json::to_string(&index).expect("search index serializes")
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
