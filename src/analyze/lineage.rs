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
//! each text looks at most `shingles / 2 × POSTING_CAP` candidates. On the
//! seeds it takes about ten milliseconds, so it is recomputed at every
//! analysis, watch mode too: a
//! rebuild equals a fresh build by construction.

use crate::model::{DocKind, Document, Similar};
use rayon::prelude::*;
use rustc_hash::{FxHashMap, FxHasher};
use std::hash::{Hash, Hasher};

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

/// The hashes of [`words`], made without them (no allocation per word).
pub fn word_hashes(text: &str) -> Vec<u64> {
    text.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(|w| {
            let mut h = FxHasher::default();
            for c in w.chars().flat_map(char::to_lowercase) {
                h.write_u32(c as u32);
            }
            h.finish()
        })
        .collect()
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
        let union = a.len() + b.len() - shared;
        let smaller = a.len().min(b.len());
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

/// One distinct text: its words, shingles, and the paragraphs holding it
/// (document and paragraph index, in reading order).
struct Text {
    shingles: Vec<u64>,
    members: Vec<(u32, u32)>,
}

/// The similar paragraphs of every paragraph of `docs`, per document and
/// paragraph, best first: by score, then in reading order.
pub fn lineage(docs: &[Document]) -> Vec<Vec<Vec<Similar>>> {
    // Every paragraph long enough, with its word hashes.
    let mut paras: Vec<(Vec<u64>, u32, u32)> = docs
        .par_iter()
        .enumerate()
        .filter(|(_, d)| d.kind != DocKind::Page)
        .flat_map_iter(|(di, d)| {
            d.paragraphs.iter().enumerate().filter_map(move |(pi, p)| {
                let w = word_hashes(&p.plain);
                (w.len() >= MIN_WORDS).then_some((w, di as u32, pi as u32))
            })
        })
        .collect();
    // Identical paragraphs grouped: one text each.
    paras.par_sort_unstable();
    let mut texts: Vec<Text> = Vec::new();
    let mut last: Option<&Vec<u64>> = None;
    for (w, di, pi) in &paras {
        if last != Some(w) {
            texts.push(Text {
                shingles: shingles(w, SHINGLE),
                members: Vec::new(),
            });
            last = Some(w);
        }
        texts.last_mut().expect("pushed").members.push((*di, *pi));
    }
    // The inverted index: each shingle's texts, in text order.
    let mut postings: FxHashMap<u64, Vec<u32>> = FxHashMap::default();
    postings.reserve(texts.iter().map(|t| t.shingles.len()).sum());
    for (t, text) in texts.iter().enumerate() {
        for s in &text.shingles {
            postings.entry(*s).or_default().push(t as u32);
        }
    }
    // Each pair of related texts, found from its smaller text (prefix
    // filtering): two texts are related only if they share at least half
    // the smaller's shingles, so one of the smaller's rarest
    // `len - ceil(len / 2) + 1` shingles is in the other.
    let size = |u: usize| texts[u].shingles.len();
    let pairs: Vec<(u32, u32, u16)> = (0..texts.len())
        .into_par_iter()
        .flat_map_iter(|t| {
            let mut rare: Vec<(usize, u64, &Vec<u32>)> = texts[t]
                .shingles
                .iter()
                .map(|s| {
                    let p = &postings[s];
                    (p.len(), *s, p)
                })
                .collect();
            rare.sort_unstable_by_key(|r| (r.0, r.1));
            let prefix = rare.len() - rare.len().div_ceil(2) + 1;
            let bigger = |u: usize| (size(u), u) > (size(t), t);
            let mut candidates: Vec<u32> = rare
                .iter()
                .take(prefix)
                .filter(|r| r.0 <= POSTING_CAP)
                .flat_map(|r| r.2.iter().copied())
                .filter(|&u| bigger(u as usize))
                .collect();
            candidates.sort_unstable();
            candidates.dedup();
            let texts = &texts;
            candidates.into_iter().filter_map(move |u| {
                let o = Overlap::of(&texts[t].shingles, &texts[u as usize].shingles);
                o.related().then(|| (t as u32, u, o.score()))
            })
        })
        .collect();
    let mut related: Vec<Vec<(u32, u16)>> = vec![Vec::new(); texts.len()];
    for &(t, u, score) in &pairs {
        related[t as usize].push((u, score));
        related[u as usize].push((t, score));
    }
    let mut out: Vec<Vec<Vec<Similar>>> = docs
        .iter()
        .map(|d| vec![Vec::new(); d.paragraphs.len()])
        .collect();
    let texts = &texts;
    let found: Vec<((u32, u32), Vec<Similar>)> = texts
        .par_iter()
        .enumerate()
        .flat_map_iter(|(t, text)| {
            let related = &related[t];
            text.members.iter().map(move |&(di, pi)| {
                let mut all: Vec<(u16, bool, u32, u32)> = Vec::new();
                for &(dj, pj) in &text.members {
                    if dj != di {
                        all.push((100, true, dj, pj));
                    }
                }
                for &(u, score) in related {
                    for &(dj, pj) in &texts[u as usize].members {
                        if dj != di {
                            all.push((score, false, dj, pj));
                        }
                    }
                }
                all.sort_unstable_by(|a, b| b.0.cmp(&a.0).then((a.2, a.3).cmp(&(b.2, b.3))));
                all.truncate(MAX_SIMILAR);
                let similar = all
                    .into_iter()
                    .map(|(score, identical, dj, pj)| {
                        let o = &docs[dj as usize];
                        Similar {
                            slug: o.slug.clone(),
                            anchor: o.paragraphs[pj as usize].anchor.clone(),
                            score,
                            identical,
                        }
                    })
                    .collect();
                ((di, pi), similar)
            })
        })
        .collect();
    for ((di, pi), similar) in found {
        out[di as usize][pi as usize] = similar;
    }
    out
}

/// The pairs of documents given a comparison page, as each document's
/// partners (slugs, best first): documents with the same title (a draft
/// and the text adopted from it, a draft printed in a report and its
/// other copy) and documents sharing the wording of at least two
/// paragraphs each way (or of about half of the shorter one's). Ranked by same title,
/// then by how many paragraphs match, then reading order, each document
/// gets at most [`MAX_COMPARE`].
pub fn compare_pairs(docs: &[Document], similar: &[Vec<Vec<Similar>>]) -> Vec<Vec<String>> {
    let index: FxHashMap<&str, usize> = docs
        .iter()
        .enumerate()
        .map(|(i, d)| (d.slug.as_str(), i))
        .collect();
    // Paragraphs of i with a similar paragraph in j, counted for i < j
    // from both sides.
    let mut shared: std::collections::BTreeMap<(usize, usize), usize> = Default::default();
    for (i, paras) in similar.iter().enumerate() {
        for p in paras {
            let mut seen: Vec<usize> = p
                .iter()
                .filter_map(|s| index.get(s.slug.as_str()).copied())
                .collect();
            seen.sort_unstable();
            seen.dedup();
            for j in seen {
                *shared.entry((i.min(j), i.max(j))).or_default() += 1;
            }
        }
    }
    let title = |d: &Document| {
        d.title
            .as_deref()
            .map(super::citations::title_key)
            .filter(|t| !t.is_empty())
    };
    let mut by_title: std::collections::BTreeMap<String, Vec<usize>> = Default::default();
    for (i, d) in docs.iter().enumerate() {
        if d.kind != DocKind::Page {
            if let Some(t) = title(d) {
                by_title.entry(t).or_default().push(i);
            }
        }
    }
    let mut pairs: std::collections::BTreeSet<(usize, usize)> = Default::default();
    for v in by_title.values() {
        for (k, &i) in v.iter().enumerate() {
            for &j in &v[k + 1..] {
                pairs.insert((i, j));
            }
        }
    }
    // (`n` counts both ways: two paragraphs each way, or about half of
    // the shorter document.)
    for (&(i, j), &n) in &shared {
        let smaller = docs[i].paragraphs.len().min(docs[j].paragraphs.len());
        if n >= 4 || (n >= 2 && n >= smaller) {
            pairs.insert((i, j));
        }
    }
    let mut ranked: Vec<(bool, usize, usize, usize)> = pairs
        .into_iter()
        .map(|(i, j)| {
            let same = title(&docs[i]).is_some() && title(&docs[i]) == title(&docs[j]);
            (same, shared.get(&(i, j)).copied().unwrap_or(0), i, j)
        })
        .collect();
    ranked.sort_by(|a, b| {
        b.0.cmp(&a.0)
            .then(b.1.cmp(&a.1))
            .then((a.2, a.3).cmp(&(b.2, b.3)))
    });
    let mut out: Vec<Vec<String>> = vec![Vec::new(); docs.len()];
    for (_, _, i, j) in ranked {
        if out[i].len() < MAX_COMPARE && out[j].len() < MAX_COMPARE {
            out[i].push(docs[j].slug.clone());
            out[j].push(docs[i].slug.clone());
        }
    }
    out
}

/// The path of the comparison page of two documents, from the site root:
/// the slugs in reading order.
pub fn compare_path(first: &str, second: &str) -> String {
    format!("compare/{first}--{second}/index.html")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn seeds() -> Vec<Document> {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
        let config = crate::config::Config::load(&root.join("site.yaml")).unwrap();
        let mut docs = crate::content::repository_documents();
        crate::analyze::analyze(&mut docs, &config).unwrap();
        docs
    }

    /// The entry of `slug#anchor` for `other#other_anchor`.
    fn entry<'a>(docs: &'a [Document], at: &str, other: &str) -> Option<&'a Similar> {
        let (slug, anchor) = at.split_once('#').unwrap();
        let (os, oa) = other.split_once('#').unwrap();
        let d = docs.iter().find(|d| d.slug == slug).unwrap();
        let p = d.paragraphs.iter().find(|p| p.anchor == anchor).unwrap();
        p.similar.iter().find(|s| s.slug == os && s.anchor == oa)
    }

    #[test]
    fn the_seeds_shared_paragraphs_are_found_both_ways() {
        let docs = seeds();
        // Read in content/: each pair is one clause, reworded.
        for (a, b, min, max) in [
            // The same request to the Commission, « Se félicite de la
            // Déclaration de Kyoto, et » prepended.
            ("a-c-3-77-l-2#op4", "a-c-3-77-l-12-rev-1#op83", 90, 99),
            // « Rappelant les conclusions » / « Se félicitant des résultats »
            // of the fourteenth Congress.
            ("a-c-3-77-l-3#pp1", "a-c-3-77-l-12-rev-1#pp3", 60, 75),
            // CCPCJ resolution 26/3 recalled, then welcomed.
            ("a-c-3-77-l-4#pp12", "a-c-3-77-l-12-rev-1#pp42", 50, 60),
            // The two COP resolutions' call for extrabudgetary resources.
            (
                "resolution-6-1#op21",
                "celebration-du-vingtieme-anniversaire-de-l-adoption-de#op13",
                40,
                55,
            ),
            // COP resolution 10/4's paragraph 2, quoted by the later draft.
            (
                "celebration-du-vingtieme-anniversaire-de-l-adoption-de#op2",
                "application-des-dispositions-de-la-convention-des#pp7",
                50,
                60,
            ),
            // The report of the Secretary-General requested, another session.
            ("a-c-3-77-l-2#op9", "a-c-3-77-l-11-rev-1#op27", 35, 50),
        ] {
            for (x, y) in [(a, b), (b, a)] {
                let s = entry(&docs, x, y).unwrap_or_else(|| panic!("{x} -> {y}"));
                assert!(!s.identical, "{x} -> {y}");
                assert!((min..=max).contains(&s.score), "{x} -> {y}: {}", s.score);
            }
        }
        // Sharing only the Convention's name, or « Rappelant sa résolution »,
        // is not agreed language.
        assert!(entry(
            &docs,
            "resolution-6-1#pp2",
            "celebration-du-vingtieme-anniversaire-de-l-adoption-de#pp1"
        )
        .is_none());
        // Never the paragraph's own document; best first.
        for d in &docs {
            for p in &d.paragraphs {
                assert!(p.similar.iter().all(|s| s.slug != d.slug));
                assert!(p.similar.windows(2).all(|w| w[0].score >= w[1].score));
            }
        }
        // The comparison pages: the drafts sharing most.
        let compare = |s: &str| &docs.iter().find(|d| d.slug == s).unwrap().compare;
        assert_eq!(
            compare("a-c-3-77-l-2"),
            &vec!["a-c-3-77-l-12-rev-1".to_string()]
        );
        assert!(docs.iter().all(|d| d.compare.len() <= MAX_COMPARE));
    }

    fn doc(slug: &str, texts: &[&str]) -> Document {
        let mut d = Document::new(DocKind::Resolution);
        d.slug = slug.into();
        for (i, t) in texts.iter().enumerate() {
            d.paragraphs.push(crate::model::Paragraph {
                anchor: format!("op{}", i + 1),
                plain: (*t).into(),
                ..Default::default()
            });
        }
        d
    }

    #[test]
    fn identical_modified_short_and_same_document() {
        let clause = "Prie le Secrétaire général de lui présenter à sa prochaine session un rapport sur l’application de la présente résolution";
        let changed = "Prie le Secrétaire général de lui présenter à sa prochaine session un rapport détaillé sur l’application de la présente résolution";
        let docs = vec![
            doc("a", &[clause, "Décide de rester saisi de la question."]),
            doc("b", &[&clause.to_uppercase().replace(' ', " , "), clause]),
            doc("c", &[changed, "Décide de rester saisi de la question."]),
        ];
        let s = lineage(&docs);
        // Case and punctuation aside, identical; the same document's
        // copy is not listed.
        let a = &s[0][0];
        assert_eq!(a.len(), 3, "{a:?}");
        assert!(a[0].identical && a[0].score == 100 && a[0].slug == "b" && a[0].anchor == "op1");
        assert!(a[1].identical && a[1].anchor == "op2");
        assert!(!a[2].identical && a[2].slug == "c" && a[2].score >= 50 && a[2].score < 100);
        // Too short to count.
        assert!(s[0][1].is_empty() && s[2][1].is_empty());
        // The same again: deterministic.
        assert_eq!(lineage(&docs), s);
    }
}
