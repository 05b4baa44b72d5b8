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
//! each text looks at most `shingles / 2 × POSTING_CAP` candidates. It is
//! recomputed whole at every analysis, watch mode too (which keeps only
//! each unchanged document's word hashes, a function of its source): a
//! rebuild equals a fresh build by construction. Measured in
//! `docs/performance.md`: about 6 ms on the seeds, 95 ms of a 1 s build
//! of 1,000 synthetic documents, 35 ms of a one-file rebuild there.

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

/// One distinct text: its words, shingles, and the paragraphs holding it
/// (document and paragraph index, in reading order).
struct Text {
    shingles: Vec<u64>,
    members: Vec<(u32, u32)>,
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
    let t0 = std::time::Instant::now();
    // Every paragraph long enough, by the hash of its words (sorting the
    // words themselves compared whole texts: a tenth of the lineage).
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
    // Identical paragraphs grouped: one text each, in the order of their
    // words' hashes (and of the words, should two texts' hashes be equal).
    let mut texts: Vec<Text> = Vec::new();
    for run in paras.chunk_by(|a, b| a.0 == b.0) {
        let first = words_of(run[0].1, run[0].2);
        let mut run: Vec<(&[u64], u32, u32)> = run
            .iter()
            .map(|&(_, di, pi)| (words_of(di, pi), di, pi))
            .collect();
        if run.iter().any(|r| r.0 != first) {
            run.sort_unstable();
        }
        for group in run.chunk_by(|a, b| a.0 == b.0) {
            texts.push(Text {
                shingles: Vec::new(),
                members: group.iter().map(|&(_, di, pi)| (di, pi)).collect(),
            });
        }
    }
    // Their shingles, from each one's first paragraph.
    texts.par_iter_mut().for_each(|t| {
        let (di, pi) = t.members[0];
        t.shingles = shingles(words_of(di, pi), SHINGLE);
    });
    crate::site::log_time("      lineage: texts", t0);
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
    crate::site::log_time("      lineage: pairs", t0);
    let mut related: Vec<Vec<(u32, u16)>> = vec![Vec::new(); texts.len()];
    for &(t, u, score) in &pairs {
        related[t as usize].push((u, score));
        related[u as usize].push((t, score));
    }
    let mut out: Vec<Vec<Vec<Found>>> = words.iter().map(|w| vec![Vec::new(); w.len()]).collect();
    let texts = &texts;
    let found: Vec<((u32, u32), Vec<Found>)> = texts
        .par_iter()
        .enumerate()
        .flat_map_iter(|(t, text)| {
            // Every paragraph sharing the text's wording, best first, made
            // once for all its paragraphs; each takes the first ones of
            // other documents. (One list per paragraph was 9 million
            // entries at 1,000 synthetic documents.)
            let mut all: Vec<(u16, bool, u32, u32)> = Vec::new();
            for &(dj, pj) in &text.members {
                all.push((100, true, dj, pj));
            }
            for &(u, score) in &related[t] {
                for &(dj, pj) in &texts[u as usize].members {
                    all.push((score, false, dj, pj));
                }
            }
            all.sort_unstable_by(|a, b| b.0.cmp(&a.0).then((a.2, a.3).cmp(&(b.2, b.3))));
            text.members.iter().map(move |&(di, pi)| {
                let similar = all
                    .iter()
                    .copied()
                    .filter(|e| e.2 != di)
                    .take(MAX_SIMILAR)
                    .map(|(score, identical, doc, para)| Found {
                        score,
                        identical,
                        doc,
                        para,
                    })
                    .collect();
                ((di, pi), similar)
            })
        })
        .collect();
    crate::site::log_time("      lineage: lists", t0);
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
    let titles: Vec<Option<String>> = docs.iter().map(title).collect();
    let mut pairs: Vec<(usize, usize)> = Vec::new();
    for v in by_title.values() {
        for (k, &i) in v.iter().enumerate() {
            for &j in &v[k + 1..] {
                pairs.push((i, j));
            }
        }
    }
    // (`n` counts both ways: two paragraphs each way, or about half of
    // the shorter document.)
    for &((i, j), n) in &shared {
        let smaller = docs[i].paragraphs.len().min(docs[j].paragraphs.len());
        if n >= 4 || (n >= 2 && n >= smaller) {
            pairs.push((i, j));
        }
    }
    pairs.par_sort_unstable();
    pairs.dedup();
    let mut ranked: Vec<(bool, usize, usize, usize)> = pairs
        .into_par_iter()
        .map(|(i, j)| {
            let same = titles[i].is_some() && titles[i] == titles[j];
            (same, shared_of(i, j), i, j)
        })
        .collect();
    ranked.par_sort_unstable_by(|a, b| {
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

    #[test]
    fn word_hashes_are_those_of_the_lower_cased_words() {
        for text in [
            "Rappelant sa résolution 5/1, L’ÉTAT « partie » et l'Œuvre — ΣΟΦΊΑ 2030",
            "  ,;  ",
            "Prie le Secrétaire général ; ÉTATS Membres (A/77/464)",
            &(0xA0u32..0x250)
                .filter_map(char::from_u32)
                .map(|c| format!("x{c}{c}y "))
                .collect::<String>(),
        ] {
            let by_word: Vec<u64> = words(text).iter().map(|w| word_hash(w)).collect();
            assert_eq!(word_hashes(text), by_word, "{text}");
        }
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
