//! `analyze`: what each paragraph is about and what it cites.
//!
//! Runs after content is loaded and before rendering; it only annotates
//! the documents (topics, citations, cited-by, inferred numbers and dates).
//! Every pass is linear in the content: citations are resolved through an
//! index keyed by (organ, kind, number).

pub mod align;
pub mod bodies;
pub mod citations;
pub mod lineage;
pub mod topics;

use crate::config::Config;
use crate::content::plain_shared;
use crate::error::{Located, Problems};
use crate::memo::{key_of, memoized, Memo};
use crate::model::{Citation, CitedBy, DocKind, Document};
use citations::{find_citations_among, title_key, Found};
use rayon::prelude::*;
use regex::Regex;
use rustc_hash::FxHashMap;
use std::collections::{BTreeSet, HashMap};
use std::sync::{Arc, LazyLock};
use topics::Topics;

/// Citations found per paragraph and per note of one document.
type FoundInDoc = (Vec<Vec<Found>>, Vec<Vec<Found>>);

/// What analysis finds in one document on its own: everything but the
/// links between documents. Watch mode keeps it while the document is
/// unchanged (see [`AnalysisMemo`]).
pub struct DocFindings {
    plain: Vec<Arc<str>>,
    body_code: Option<String>,
    found: FoundInDoc,
    /// Candidate document symbols in each paragraph, in text order.
    symbols: Vec<Vec<String>>,
    topics: Vec<Vec<String>>,
}

/// A document's citations resolved: per paragraph its citations and
/// symbol mentions, per note its citations; and the links they make, as
/// (target slug, anchor of the citing paragraph or note), which "cited
/// by" is gathered from without walking every paragraph again.
type Resolved = (
    Vec<(Vec<Citation>, Vec<Citation>)>,
    Vec<Vec<Citation>>,
    Vec<(String, String)>,
);

/// What watch mode keeps of an analysis for the next one: each document's
/// findings, by hash of the document, and its resolved citations, by hash
/// of the document and of what citations resolve against (every
/// document's organ, kind, number, symbol and anchors). An edit that
/// changes none of those resolves only the edited document's citations.
#[derive(Default)]
pub struct AnalysisMemo {
    findings: Memo<Arc<DocFindings>>,
    resolved: Memo<Arc<Resolved>>,
    /// Each document's paragraphs' word hashes, for the lineage.
    words: Memo<Arc<Vec<Option<lineage::Words>>>>,
    /// The lineage of the last build, updated for the next one.
    lineage: std::sync::Mutex<Option<lineage::Index>>,
}

impl AnalysisMemo {
    pub fn rotate(&self) {
        self.findings.rotate();
        self.resolved.rotate();
        self.words.rotate();
    }
}

/// Annotate `docs` in place.
pub fn analyze(docs: &mut [Document], config: &Config) -> Result<(), Problems> {
    let rules = compile_topics(config).map_err(|e| {
        Problems::single(Located::error(
            std::path::Path::new("site.yaml"),
            0,
            e.message,
        ))
    })?;
    analyze_with(docs, config, &rules, None)
}

/// The topic rules of a configuration, compiled once (watch mode keeps them).
pub fn compile_topics(config: &Config) -> Result<Topics, topics::TopicError> {
    Topics::new(&config.topics)
}

/// What one document says on its own: plain text, issuing body, the
/// citations of each paragraph and note, symbols mentioned, topics.
fn find_in_document(d: &Document, rules: &Topics) -> DocFindings {
    let plain: Vec<Arc<str>> = d.paragraphs.iter().map(|p| plain_shared(&p.text)).collect();
    let body_code = d
        .body
        .as_deref()
        .and_then(bodies::code_of)
        .map(str::to_string);
    let own = body_code.as_deref().and_then(static_code);
    // Organs named in each paragraph, looked for only where a citation's
    // organ is told from them (see `citations::Around`): in a paragraph
    // that may cite (four in five do not) and, for the organ the document
    // last spoke of, back to the nearest paragraph naming one.
    let texts: Vec<&str> = d.paragraphs.iter().map(|p| &*p.text).collect();
    let spoken = SpokenOf::new(&texts);
    let paras = (0..texts.len())
        .map(|i| {
            if !citations::may_cite(texts[i]) {
                return Vec::new();
            }
            let around = citations::Around {
                named: &|| spoken.named(i),
                context: &|| spoken.before(i),
            };
            find_citations_among(texts[i], own, &around)
        })
        .collect();
    let notes = d
        .notes
        .iter()
        .map(|n| {
            if !citations::may_cite(&n.text) {
                return Vec::new();
            }
            let named = std::cell::OnceCell::new();
            let around = citations::Around {
                named: &|| named.get_or_init(|| bodies::organs_in(&n.text)),
                context: &|| spoken.before(texts.len()),
            };
            find_citations_among(&n.text, own, &around)
        })
        .collect();
    let symbols = d
        .paragraphs
        .iter()
        .map(|p| {
            SYMBOL
                .find_iter(&p.text)
                .map(|m| m.as_str().to_string())
                .collect()
        })
        .collect();
    let topics = label_topics(d, &plain, rules);
    DocFindings {
        plain,
        body_code,
        found: (paras, notes),
        symbols,
        topics,
    }
}

/// The organs named in a document's paragraphs, found on demand, and the
/// organ it last spoke of before a paragraph: the last named in the
/// nearest paragraph before it that names one. Asked for paragraphs in
/// ascending order, it reads each paragraph at most once, and only those
/// between a paragraph asked for and the nearest one before it naming an
/// organ.
struct SpokenOf<'a> {
    texts: &'a [&'a str],
    named: Vec<std::cell::OnceCell<Vec<(usize, &'static str)>>>,
    /// The organ last spoken of in the paragraphs before `upto`.
    upto: std::cell::Cell<usize>,
    last: std::cell::Cell<Option<&'static str>>,
}

impl<'a> SpokenOf<'a> {
    fn new(texts: &'a [&'a str]) -> Self {
        SpokenOf {
            texts,
            named: vec![std::cell::OnceCell::new(); texts.len()],
            upto: Default::default(),
            last: Default::default(),
        }
    }

    /// The organs named in paragraph `i`, with their positions.
    fn named(&self, i: usize) -> &[(usize, &'static str)] {
        self.named[i].get_or_init(|| bodies::organs_in(self.texts[i]))
    }

    /// The organ last named in the paragraphs before `i`, `i` never less
    /// than at the previous call (paragraphs are analysed in order, the
    /// notes after them).
    fn before(&self, i: usize) -> Option<&'static str> {
        debug_assert!(i >= self.upto.get());
        if let Some(c) = (self.upto.get()..i)
            .rev()
            .find_map(|j| self.named(j).last())
        {
            self.last.set(Some(c.1));
        }
        self.upto.set(i);
        self.last.get()
    }
}

/// A key of what `d` was made from.
fn source_key(d: &Document) -> u64 {
    match d.source_key {
        0 => key_of(d),
        k => k,
    }
}

/// A key of everything `d` holds after analysis: what it was made from,
/// and what analysis found and linked (cheaper than hashing the text).
pub fn document_key(d: &Document) -> u64 {
    let inferred = (&d.number, d.number_inferred, &d.date, d.date_inferred);
    if d.analysis_key != 0 {
        // What the topics and citations were made from stands for them.
        let similar: Vec<_> = d.paragraphs.iter().map(|p| &p.similar).collect();
        return key_of(&(
            d.analysis_key,
            &d.cited_by,
            inferred,
            &d.body_code,
            similar,
            &d.compare,
        ));
    }
    let paragraphs: Vec<_> = d
        .paragraphs
        .iter()
        .map(|p| (&p.topics, &p.citations, &p.mentions, &p.similar))
        .collect();
    let notes: Vec<_> = d.notes.iter().map(|n| &n.citations).collect();
    key_of(&(
        source_key(d),
        paragraphs,
        notes,
        &d.cited_by,
        inferred,
        &d.body_code,
        &d.compare,
    ))
}

/// As [`analyze`], with topic rules already compiled and, in watch mode,
/// the findings of the previous build.
pub fn analyze_with(
    docs: &mut [Document],
    config: &Config,
    rules: &Topics,
    memo: Option<&AnalysisMemo>,
) -> Result<(), Problems> {
    let t = std::time::Instant::now();
    check_topic_overrides(docs, config)?;
    let findings: Vec<Arc<DocFindings>> = docs
        .par_iter()
        .map(|d| {
            memoized(
                memo.map(|m| &m.findings),
                || source_key(d),
                || Arc::new(find_in_document(d, rules)),
            )
        })
        .collect();
    docs.par_iter_mut().zip(&findings).for_each(|(d, f)| {
        d.body_code = f.body_code.clone();
        // A document kept from the last build (watch mode) mostly holds
        // these already: only what differs is copied.
        for ((p, plain), topics) in d.paragraphs.iter_mut().zip(&f.plain).zip(&f.topics) {
            if !Arc::ptr_eq(&p.plain, plain) {
                p.plain = plain.clone();
            }
            set_if_changed(&mut p.topics, topics);
        }
    });
    crate::site::log_time("    findings", t);
    let found: Vec<&FoundInDoc> = findings.iter().map(|f| &f.found).collect();
    infer_numbers_and_dates(docs, &found);
    crate::site::log_time("    numbers and dates", t);

    // Index the compendium's documents by what citations name.
    let mut by_key: HashMap<(String, &'static str, String), usize> = HashMap::new();
    let mut by_symbol: HashMap<String, usize> = HashMap::new();
    for (i, d) in docs.iter().enumerate() {
        if let (Some(code), Some(number)) = (&d.body_code, &d.number) {
            let kind = match d.kind {
                DocKind::Resolution => "res",
                DocKind::Decision => "decision",
                _ => continue,
            };
            by_key.insert((code.clone(), kind, number.clone()), i);
        }
        if let Some(s) = &d.symbol {
            by_symbol.insert(s.clone(), i);
        }
    }
    let slugs: Vec<&str> = docs.iter().map(|d| d.slug.as_str()).collect();
    let lang = if config.english() { "en" } else { "fr" };

    // Official links in the citing document's language (undocs.org serves
    // the six official languages), else the site's.
    let resolve = |f: &Found, lang: &str| -> Citation {
        let key = (f.code.clone(), f.kind, f.number.clone());
        let target = by_key.get(&key).map(|&t| match &f.paragraph {
            Some(a) if docs[t].paragraphs.iter().any(|p| &p.anchor == a) => {
                format!("{}#{a}", slugs[t])
            }
            _ => slugs[t].to_string(),
        });
        let href = if target.is_none() {
            bodies::official_url(&f.code, f.kind, &f.number, lang)
        } else {
            None
        };
        Citation {
            cited: f.label(),
            surface: f.surface.clone(),
            target,
            href,
        }
    };

    // What citations resolve against, as one key (watch mode): each
    // document's organ, kind, number, symbol and anchors.
    let against = memo.map(|_| {
        let docs: Vec<u64> = docs
            .par_iter()
            .map(|d| {
                let anchors: Vec<&str> = d.paragraphs.iter().map(|p| p.anchor.as_str()).collect();
                let kind = d.kind.as_str();
                key_of(&(&d.slug, &d.body_code, kind, &d.number, &d.symbol, anchors))
            })
            .collect();
        key_of(&(docs, lang))
    });
    // Resolve every document's citations (in parallel, reading only), then
    // gather who cites whom, then write both into the documents.
    let resolved: Vec<(Arc<Resolved>, u64)> = found
        .par_iter()
        .enumerate()
        .map(|(di, (paras, notes))| {
            let doc_lang = match docs[di].language.as_deref() {
                Some(l @ ("ar" | "en" | "es" | "fr" | "ru" | "zh")) => l,
                _ => lang,
            };
            let resolve = |f: &Found| resolve(f, doc_lang);
            let resolve_doc = || {
                let paras: Vec<(Vec<Citation>, Vec<Citation>)> = paras
                    .iter()
                    .enumerate()
                    .map(|(pi, fs)| {
                        let citations = fs.iter().map(&resolve).collect();
                        let mentions = symbol_mentions(
                            &findings[di].symbols[pi],
                            &by_symbol,
                            &slugs,
                            slugs[di],
                        );
                        (citations, mentions)
                    })
                    .collect();
                let notes: Vec<Vec<Citation>> = notes
                    .iter()
                    .map(|fs| fs.iter().map(&resolve).collect())
                    .collect();
                let links = outgoing_links(&docs[di], &paras, &notes);
                Arc::new((paras, notes, links))
            };
            let key = against.map(|a| key_of(&(source_key(&docs[di]), slugs[di], a)));
            let r = match (memo, key) {
                (Some(m), Some(k)) => m.resolved.get_or(k, resolve_doc),
                _ => resolve_doc(),
            };
            (r, key.unwrap_or(0))
        })
        .collect();
    let (resolved, analysis_keys): (Vec<Arc<Resolved>>, Vec<u64>) = resolved.into_iter().unzip();
    let slug_index: HashMap<&str, usize> = slugs.iter().enumerate().map(|(i, s)| (*s, i)).collect();
    let mut cited_by: Vec<BTreeSet<CitedBy>> = vec![BTreeSet::new(); docs.len()];
    for (di, r) in resolved.iter().enumerate() {
        for (slug, anchor) in &r.2 {
            if let Some(&ti) = slug_index.get(slug.as_str()) {
                if ti != di {
                    cited_by[ti].insert(CitedBy {
                        slug: slugs[di].to_string(),
                        anchor: anchor.clone(),
                    });
                }
            }
        }
    }
    crate::site::log_time("    citations resolved", t);
    // Keep reading order, not alphabetical order, for "cited by".
    let order: HashMap<String, usize> = slugs
        .iter()
        .enumerate()
        .map(|(i, s)| (s.to_string(), i))
        .collect();
    docs.par_iter_mut()
        .zip(resolved)
        .zip(cited_by)
        .zip(analysis_keys)
        .for_each(|(((d, r), set), analysis_key)| {
            // The findings are a function of the source; the resolved
            // citations, of the source and of what they resolve against
            // (the key). A document kept from the last build with the same
            // key holds these citations already.
            let holds = analysis_key != 0 && d.analysis_key == analysis_key;
            d.analysis_key = analysis_key;
            // Moved in when this analysis alone holds them; else (watch
            // mode) copied, where the document does not hold them already.
            match Arc::try_unwrap(r) {
                _ if holds => {}
                Ok((paras, notes, _)) => {
                    for (p, (citations, mentions)) in d.paragraphs.iter_mut().zip(paras) {
                        p.citations = citations;
                        p.mentions = mentions;
                    }
                    for (n, citations) in d.notes.iter_mut().zip(notes) {
                        n.citations = citations;
                    }
                }
                Err(shared) => {
                    let (paras, notes, _) = &*shared;
                    for (p, (citations, mentions)) in d.paragraphs.iter_mut().zip(paras) {
                        set_if_changed(&mut p.citations, citations);
                        set_if_changed(&mut p.mentions, mentions);
                    }
                    for (n, citations) in d.notes.iter_mut().zip(notes) {
                        set_if_changed(&mut n.citations, citations);
                    }
                }
            }
            let mut v: Vec<CitedBy> = set.into_iter().collect();
            v.sort_by_key(|c| order.get(c.slug.as_str()).copied().unwrap_or(usize::MAX));
            if d.cited_by != v {
                d.cited_by = v;
            }
        });
    crate::site::log_time("    cited by", t);

    // Agreed language, from the paragraphs' words: the words of a
    // document an edit left alone are kept (hashing every paragraph's
    // words was most of the lineage's time), and so is the index of the
    // last build (see `lineage::Index`).
    let words: Vec<Arc<Vec<Option<lineage::Words>>>> = docs
        .par_iter()
        .map(|d| {
            memoized(
                memo.map(|m| &m.words),
                || source_key(d),
                || Arc::new(lineage::paragraph_words(d)),
            )
        })
        .collect();
    crate::site::log_time("    lineage: words", t);
    lineage::set_lineage(docs, &words, memo.map(|m| &m.lineage));
    crate::site::log_time("    lineage", t);
    Ok(())
}

/// The links `d`'s resolved citations make to documents of the
/// compendium: (target slug, anchor of the citing paragraph or note), in
/// text order (one per citation: "cited by" is a set).
fn outgoing_links(
    d: &Document,
    paras: &[(Vec<Citation>, Vec<Citation>)],
    notes: &[Vec<Citation>],
) -> Vec<(String, String)> {
    let mut links = Vec::new();
    for ((citations, mentions), p) in paras.iter().zip(&d.paragraphs) {
        for t in citations
            .iter()
            .chain(mentions)
            .filter_map(|c| c.target.as_ref())
        {
            let slug = t.split('#').next().unwrap_or(t);
            links.push((slug.to_string(), p.anchor.clone()));
        }
    }
    for (citations, n) in notes.iter().zip(&d.notes) {
        for t in citations.iter().filter_map(|c| c.target.as_ref()) {
            let slug = t.split('#').next().unwrap_or(t);
            links.push((slug.to_string(), crate::model::note_anchor(&n.marker)));
        }
    }
    links
}

/// `*slot = value.clone()`, unless it holds that already.
fn set_if_changed<T: Clone + PartialEq>(slot: &mut T, value: &T) {
    if slot != value {
        *slot = value.clone();
    }
}

fn static_code(code: &str) -> Option<&'static str> {
    [
        "GA", "COP", "COSP", "CCPCJ", "CND", "HRC", "ECOSOC", "SC", "WHA", "StatCom",
    ]
    .into_iter()
    .find(|c| *c == code)
}

static SYMBOL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"\b[A-Z][A-Z0-9]*(?:\.\d+)?(?:/[A-Za-z0-9.\-]*[A-Za-z0-9])+").unwrap()
});

fn symbol_mentions(
    symbols: &[String],
    by_symbol: &HashMap<String, usize>,
    slugs: &[&str],
    own: &str,
) -> Vec<Citation> {
    let mut out = Vec::new();
    for m in symbols {
        if let Some(&i) = by_symbol.get(m.as_str()) {
            if slugs[i] != own && !out.iter().any(|c: &Citation| &c.surface == m) {
                out.push(Citation {
                    cited: m.clone(),
                    surface: m.clone(),
                    target: Some(slugs[i].to_string()),
                    href: None,
                });
            }
        }
    }
    out
}

/// A document that does not state its number gets it from citations that
/// name its exact title (and the same organ); a stated number gets its date
/// from citations that state one.
fn infer_numbers_and_dates(docs: &mut [Document], found: &[&FoundInDoc]) {
    // Index the citations once: by number (with a date) and by stated title.
    let mut dated: FxHashMap<(&str, &str, &str), &Found> = FxHashMap::default();
    let mut titled: FxHashMap<(&str, &str, &str), &Found> = FxHashMap::default();
    for f in found
        .iter()
        .flat_map(|(p, n)| p.iter().chain(n.iter()).flatten())
    {
        if f.date.is_some() {
            dated
                .entry((f.kind, f.code.as_str(), f.number.as_str()))
                .or_insert(f);
        }
        if let Some(t) = &f.title_key {
            titled
                .entry((f.kind, f.code.as_str(), t.as_str()))
                .or_insert(f);
        }
    }
    for d in docs.iter_mut() {
        if !matches!(d.kind, DocKind::Resolution | DocKind::Decision) {
            continue;
        }
        let kind = if d.kind == DocKind::Resolution {
            "res"
        } else {
            "decision"
        };
        if d.number.is_none() {
            let Some(title) = d.title.as_deref().map(title_key) else {
                continue;
            };
            let code = d.body_code.as_deref().unwrap_or("");
            let hit = titled.get(&(kind, code, title.as_str()));
            if let Some(f) = hit {
                d.number = Some(f.number.clone());
                d.number_inferred = true;
                if d.date.is_none() {
                    if let Some(date) = &f.date {
                        d.date = Some(date.clone());
                        d.date_inferred = true;
                    }
                }
            }
        }
        if d.date.is_none() {
            if let Some(number) = &d.number {
                let code = d.body_code.as_deref().unwrap_or("");
                let hit = dated.get(&(kind, code, number.as_str()));
                if let Some(f) = hit {
                    d.date = f.date.clone();
                    d.date_inferred = true;
                }
            }
        }
    }
}

fn check_topic_overrides(docs: &[Document], config: &Config) -> Result<(), Problems> {
    let known: BTreeSet<&str> = config.topics.iter().map(|t| t.id.as_str()).collect();
    let list = known.iter().copied().collect::<Vec<_>>().join(", ");
    let mut problems = Vec::new();
    for d in docs {
        let path = d.path.clone().unwrap_or_default();
        for t in &d.topics {
            let id = t.trim_start_matches(['+', '-']);
            if !known.contains(id) {
                problems.push(Located::error(
                    &path,
                    1,
                    format!(
                        "unknown topic `{id}` in the front matter `topics`; known topics: {list}"
                    ),
                ));
            }
        }
        for p in &d.paragraphs {
            for id in p.topics_add.iter().chain(&p.topics_remove) {
                if !known.contains(id.as_str()) {
                    problems.push(Located::error(
                        &path,
                        p.line,
                        format!("unknown topic `{id}` in the override of paragraph {}; known topics: {list}", p.anchor),
                    ));
                }
            }
        }
    }
    if problems.is_empty() {
        Ok(())
    } else {
        Err(Problems(problems))
    }
}

/// Topics of each paragraph of `d`: the rules, then the document's and
/// the paragraph's overrides.
fn label_topics(d: &Document, plain: &[Arc<str>], topics: &Topics) -> Vec<Vec<String>> {
    let rules = &topics.rules;
    let title = d.title.clone().unwrap_or_default();
    let about: Vec<bool> = rules.iter().map(|r| r.about(&title)).collect();
    let doc_add: Vec<&str> = d
        .topics
        .iter()
        .filter_map(|t| {
            t.strip_prefix('+')
                .or(Some(t.as_str()))
                .filter(|_| !t.starts_with('-'))
        })
        .collect();
    let doc_remove: Vec<&str> = d
        .topics
        .iter()
        .filter_map(|t| t.strip_prefix('-'))
        .collect();
    let matched = topics.matches(plain, &about);
    d.paragraphs
        .iter()
        .enumerate()
        .map(|(pi, p)| {
            let mut ids: Vec<String> = Vec::new();
            for (ri, r) in rules.iter().enumerate() {
                let on = (matched[ri][pi] || doc_add.contains(&r.id.as_str()))
                    && !doc_remove.contains(&r.id.as_str());
                let on = (on || p.topics_add.contains(&r.id)) && !p.topics_remove.contains(&r.id);
                if on {
                    ids.push(r.id.clone());
                }
            }
            ids
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Citations found the plain way: the organs of every paragraph looked
    /// for, the organ last spoken of carried from paragraph to paragraph.
    fn found_eagerly(d: &Document) -> FoundInDoc {
        let own = d
            .body
            .as_deref()
            .and_then(bodies::code_of)
            .and_then(static_code);
        let mut context = None;
        let paras = d
            .paragraphs
            .iter()
            .map(|p| {
                let named = bodies::organs_in(&p.text);
                let around = citations::Around {
                    named: &|| &named,
                    context: &|| context,
                };
                let found = find_citations_among(&p.text, own, &around);
                if let Some((_, c)) = named.last() {
                    context = Some(c);
                }
                found
            })
            .collect();
        let notes = d
            .notes
            .iter()
            .map(|n| citations::find_citations_in_context(&n.text, own, context))
            .collect();
        (paras, notes)
    }

    fn assert_found_as_eagerly(d: &Document, rules: &Topics) -> usize {
        let found = find_in_document(d, rules).found;
        assert_eq!(found, found_eagerly(d), "{}", d.slug);
        found.0.iter().chain(&found.1).map(Vec::len).sum()
    }

    #[test]
    fn organs_looked_for_on_demand_change_no_citation() {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
        let config = Config::load(&root.join("site.yaml")).unwrap();
        let rules = compile_topics(&config).unwrap();
        let seeds: usize = crate::content::repository_documents()
            .iter()
            .map(|d| assert_found_as_eagerly(d, &rules))
            .sum();
        assert!(seeds > 50, "{seeds} citations in the seeds");
        // The organ last spoken of: named paragraphs before the citation,
        // with paragraphs naming none between; named in the citing
        // paragraph itself; and carried to the notes.
        let text = "---\nkind: resolution\nbody: Assemblée générale\n---\n\n\
            Rappelant les travaux de la Conférence des Parties à la Convention,\n\n\
            Notant avec satisfaction l’action menée,\n\n\
            Notant aussi les efforts déployés,\n\n\
            Rappelant la décision 5/1 et la résolution 9/2 de la Conférence,\n\n\
            Rappelant aussi la résolution 9/8,\n\n\
            Saluant le travail du Conseil des droits de l’homme et sa résolution 7/1, \
            ainsi que la résolution 10/3,\n\n\
            1. Prie la Commission, eu égard à la résolution 70/1, de donner suite[^1] ;\n\n\
            2. Rappelle la résolution 6/1 ;\n\n\
            [^1]: Voir la résolution 4/2.\n";
        let (d, _) =
            crate::content::parse::parse_document(text, std::path::Path::new("t.md")).unwrap();
        let written = assert_found_as_eagerly(&d, &rules);
        assert!(written >= 8, "{written} citations in the hand-written text");
    }

    #[test]
    fn a_text_that_may_not_cite_cites_nothing() {
        let mut texts = crate::content::repository_texts();
        texts.extend(
            [
                "son irrésolution 5/1",
                "la résolution du Conseil économique et social 2004/27",
                "les décisions prises",
                "résolution\n55/25",
                "Résolutions S-20/2 et WHA 61.10",
            ]
            .map(String::from),
        );
        let mut citing = 0;
        for t in &texts {
            let found = citations::find_citations_in_context(t, None, Some("GA"));
            assert!(found.is_empty() || citations::may_cite(t), "{t:?}");
            citing += usize::from(!found.is_empty());
        }
        assert!(citing > 30, "{citing} citing texts");
    }
}
