//! Topic labels from the rules in `site.yaml`.
//!
//! A paragraph gets a topic when one of its patterns matches the paragraph
//! once the topic's exclusions are blanked out; context patterns count only
//! in a document about the topic (its title matches). Overrides in the
//! content win: document-level first, then the paragraph's own.

use crate::config::TopicConfig;
use aho_corasick::{AhoCorasick, MatchKind};
use regex::{Regex, RegexBuilder};
use regex_syntax::hir::literal::{ExtractKind, Extractor};
use std::borrow::Cow;
use std::sync::Arc;

/// A topic whose rules cannot be compiled.
#[derive(Debug)]
pub struct TopicError {
    pub id: String,
    pub message: String,
}

/// Compiled rules of one topic.
pub struct TopicRules {
    pub id: String,
    patterns: Vec<Regex>,
    exclude: Vec<Regex>,
    context_patterns: Vec<Regex>,
    context_titles: Vec<Regex>,
}

/// A list of patterns as one case-insensitive regex (one scan per
/// paragraph). `\b` is taken as an ASCII word boundary, which the fast
/// regex engines support; French accents are letters either side of it.
fn joined(ps: &[String]) -> Option<String> {
    (!ps.is_empty()).then(|| {
        ps.iter()
            .map(|p| format!("(?:{})", p.replace("\\b", "(?-u:\\b)")))
            .collect::<Vec<_>>()
            .join("|")
    })
}

fn compile(ps: &[String]) -> Result<Vec<Regex>, regex::Error> {
    let Some(j) = joined(ps) else {
        return Ok(Vec::new());
    };
    Ok(vec![RegexBuilder::new(&j)
        .case_insensitive(true)
        .build()?])
}

impl TopicRules {
    /// The rules of `t`, or why they cannot be compiled (`site.yaml` has
    /// checked each pattern's syntax: what is left is a size limit).
    pub fn new(t: &TopicConfig) -> Result<TopicRules, TopicError> {
        let err = |e: regex::Error| TopicError {
            id: t.id.clone(),
            message: format!("topic `{}`: its patterns cannot be compiled: {e}", t.id),
        };
        Ok(TopicRules {
            id: t.id.clone(),
            patterns: compile(&t.patterns).map_err(err)?,
            exclude: compile(&t.exclude).map_err(err)?,
            context_patterns: compile(&t.context_patterns).map_err(err)?,
            context_titles: compile(&t.context_titles).map_err(err)?,
        })
    }

    /// The compiled regex (none or one) of a kind of rule.
    fn regexes(&self, kind: usize) -> &[Regex] {
        match kind {
            PATTERNS => &self.patterns,
            EXCLUDE => &self.exclude,
            _ => &self.context_patterns,
        }
    }

    /// Is a document with this title about the topic?
    pub fn about(&self, title: &str) -> bool {
        self.context_titles.iter().any(|r| r.is_match(title))
    }

    /// Does the paragraph address the topic?
    pub fn matches(&self, text: &str, doc_about: bool) -> bool {
        self.matches_where(text, doc_about, [true; SLOTS])
    }

    /// Where the rules match `text` (byte ranges, ascending, merged when
    /// they overlap): why a paragraph is on the topic, for the topic
    /// page to mark. Exclusions are blanked out first (with as many
    /// spaces, so that places stay those of `text`); context patterns
    /// count when `doc_about`.
    pub fn spans(&self, text: &str, doc_about: bool) -> Vec<(usize, usize)> {
        let mut blank = text.as_bytes().to_vec();
        for ex in &self.exclude {
            for m in ex.find_iter(text) {
                blank[m.start()..m.end()].fill(b' ');
            }
        }
        // Whole matches of characters were replaced: still UTF-8.
        let t = String::from_utf8(blank).unwrap_or_else(|_| text.to_string());
        let context: &[Regex] = if doc_about {
            &self.context_patterns
        } else {
            &[]
        };
        let mut spans: Vec<(usize, usize)> = self
            .patterns
            .iter()
            .chain(context)
            .flat_map(|r| r.find_iter(&t).map(|m| (m.start(), m.end())))
            .filter(|(a, b)| a < b)
            .collect();
        spans.sort_unstable();
        let mut merged: Vec<(usize, usize)> = Vec::with_capacity(spans.len());
        for (a, b) in spans {
            match merged.last_mut() {
                Some(last) if a <= last.1 => last.1 = last.1.max(b),
                _ => merged.push((a, b)),
            }
        }
        merged
    }

    /// As [`TopicRules::matches`], running only the regexes `open` (by
    /// slot) may match. Blanking exclusions out may join words into a
    /// match the paragraph did not hold: then every regex runs.
    fn matches_where(&self, text: &str, doc_about: bool, open: [bool; SLOTS]) -> bool {
        let mut t = Cow::Borrowed(text);
        if open[EXCLUDE] {
            for ex in &self.exclude {
                if ex.is_match(&t) {
                    t = Cow::Owned(ex.replace_all(&t, " ").into_owned());
                }
            }
        }
        let blanked = matches!(t, Cow::Owned(_));
        ((open[PATTERNS] || blanked) && self.patterns.iter().any(|r| r.is_match(&t)))
            || (doc_about
                && (open[CONTEXT] || blanked)
                && self.context_patterns.iter().any(|r| r.is_match(&t)))
    }
}

/// Every topic's rules, with one prefilter for all of them.
///
/// Most paragraphs address no topic, and each topic's regexes would read
/// every paragraph (case-insensitive, with bounded gaps: the slowest part
/// of a build). A match of a pattern must begin with one of the literal
/// prefixes `regex-syntax` extracts from it and end with one of its
/// literal suffixes (all case variants included); one Aho-Corasick pass
/// over a paragraph tells which of those occur, and a topic's regex runs
/// only when one of its patterns has both. The result is exactly that of
/// running them all.
pub struct Topics {
    pub rules: Vec<TopicRules>,
    filter: Prefilter,
}

/// What a regex of a topic is for: its patterns, exclusions or context
/// patterns. A topic's regex of one kind is a slot: `topic * SLOTS + kind`.
const PATTERNS: usize = 0;
const EXCLUDE: usize = 1;
const CONTEXT: usize = 2;
const SLOTS: usize = 3;

/// A pattern (by index) and whether the literal is its suffix (else its prefix).
type Affix = (usize, bool);

struct Prefilter {
    /// Literals of all the patterns (ASCII case folded), or None when
    /// every regex must run anyway.
    ac: Option<AhoCorasick>,
    /// Per literal: the patterns it is a prefix or suffix of.
    opens: Vec<Vec<Affix>>,
    /// Per pattern: its slot, and whether it needs a prefix and a suffix
    /// to be seen (a pattern with neither keeps its slot always open).
    needs: Vec<(usize, bool, bool)>,
    /// Slots with a pattern that has no usable literals: always run.
    always: Vec<bool>,
}

/// The literal prefixes (or suffixes) any case-insensitive match of
/// `pattern` begins (ends) with, for an ASCII-case-insensitive search in
/// a text without « ſ » or Kelvin sign: those of the case-sensitive
/// pattern, each with the other case variants of its non-ASCII letters.
/// None when there is no finite set of usable length.
fn affixes(pattern: &str, kind: ExtractKind) -> Option<Vec<Vec<u8>>> {
    let suffix = matches!(kind, ExtractKind::Suffix);
    let hir = regex_syntax::ParserBuilder::new()
        .build()
        .parse(pattern)
        .ok()?;
    let mut ex = Extractor::new();
    ex.kind(kind)
        .limit_class(8)
        .limit_repeat(4)
        .limit_literal_len(32)
        .limit_total(512);
    let seq = ex.extract(&hir);
    let mut out = Vec::new();
    for lit in seq.literals()? {
        let bytes = lit.as_bytes();
        // Whole characters only (a cut literal is still a prefix or suffix).
        let text: String = String::from_utf8_lossy(bytes)
            .trim_matches(char::REPLACEMENT_CHARACTER)
            .to_string();
        if text.contains(char::REPLACEMENT_CHARACTER) {
            return None;
        }
        let variants = case_variants(&text, suffix);
        // An empty or very short literal occurs nearly everywhere: no filter.
        if variants.iter().any(|v| v.len() < 3) {
            return None;
        }
        out.extend(variants);
    }
    if out.is_empty() {
        return None;
    }
    out.sort();
    out.dedup();
    Some(out)
}

/// `text` with its letters in every simple case folding variant, ASCII
/// letters lowercased (the search ignores ASCII case). Cut short before
/// the variants grow past a few dozen, keeping its start (or, for a
/// suffix, its end).
fn case_variants(text: &str, suffix: bool) -> Vec<Vec<u8>> {
    use regex_syntax::hir::{ClassUnicode, ClassUnicodeRange};
    let mut chars: Vec<char> = text.chars().collect();
    if suffix {
        chars.reverse();
    }
    let mut out: Vec<Vec<char>> = vec![Vec::new()];
    for c in chars {
        let mut class = ClassUnicode::new([ClassUnicodeRange::new(c, c)]);
        if class.try_case_fold_simple().is_err() {
            break;
        }
        // An ASCII letter's non-ASCII cases (« ſ », the Kelvin sign) are
        // left out: a text holding one opens every slot (see
        // `open_slots`). With them the literals were three times as many,
        // and the automaton three times as long to build.
        let mut cases: Vec<char> = class
            .iter()
            .flat_map(|r| r.start()..=r.end())
            .filter(|x| x.is_ascii() || !c.is_ascii())
            .map(|x| x.to_ascii_lowercase())
            .collect();
        cases.sort();
        cases.dedup();
        if out.len() * cases.len() > 64 {
            break;
        }
        out = out
            .iter()
            .flat_map(|v| {
                cases.iter().map(move |&x| {
                    let mut v = v.clone();
                    v.push(x);
                    v
                })
            })
            .collect();
    }
    out.into_iter()
        .map(|mut v| {
            if suffix {
                v.reverse();
            }
            v.into_iter().collect::<String>().into_bytes()
        })
        .collect()
}

impl Topics {
    pub fn new(configs: &[TopicConfig]) -> Result<Topics, TopicError> {
        use rayon::prelude::*;
        let rules: Vec<TopicRules> = configs
            .par_iter()
            .map(TopicRules::new)
            .collect::<Result<_, _>>()?;
        let mut always = vec![false; configs.len() * SLOTS];
        let mut needs = Vec::new();
        let mut by_literal: std::collections::BTreeMap<Vec<u8>, Vec<Affix>> = Default::default();
        for (ti, t) in configs.iter().enumerate() {
            for (kind, ps) in [
                (PATTERNS, &t.patterns),
                (EXCLUDE, &t.exclude),
                (CONTEXT, &t.context_patterns),
            ] {
                let slot = ti * SLOTS + kind;
                if rules[ti].regexes(kind).is_empty() {
                    continue; // nothing to run
                }
                for p in ps {
                    // As compiled (see `joined`).
                    let p = p.replace("\\b", "(?-u:\\b)");
                    let pre = affixes(&p, ExtractKind::Prefix);
                    let suf = affixes(&p, ExtractKind::Suffix);
                    if pre.is_none() && suf.is_none() {
                        always[slot] = true;
                        continue;
                    }
                    let id = needs.len();
                    needs.push((slot, pre.is_some(), suf.is_some()));
                    for (lits, is_suffix) in [(pre, false), (suf, true)] {
                        for l in lits.into_iter().flatten() {
                            by_literal.entry(l).or_default().push((id, is_suffix));
                        }
                    }
                }
            }
        }
        let (literals, opens): (Vec<Vec<u8>>, Vec<Vec<Affix>>) = by_literal.into_iter().unzip();
        let ac = AhoCorasick::builder()
            .ascii_case_insensitive(true)
            .match_kind(MatchKind::Standard)
            .kind(Some(aho_corasick::AhoCorasickKind::DFA))
            .build(&literals)
            .ok();
        if ac.is_none() {
            always.iter_mut().for_each(|a| *a = true);
        }
        Ok(Topics {
            rules,
            filter: Prefilter {
                ac,
                opens,
                needs,
                always,
            },
        })
    }

    /// The slots whose regexes may match `text`.
    fn open_slots(&self, text: &str) -> Vec<bool> {
        let f = &self.filter;
        let mut open = f.always.clone();
        let Some(ac) = &f.ac else { return open };
        // The non-ASCII cases of ASCII letters (`case_variants`): « ſ »
        // (C5 BF) and the Kelvin sign (E2 84 AA), both rare.
        let b = text.as_bytes();
        let wide_case = memchr::memchr2_iter(0xC5, 0xE2, b).any(|i| match b[i] {
            0xC5 => b.get(i + 1) == Some(&0xBF),
            _ => b.get(i + 1..i + 3) == Some(&[0x84, 0xAA][..]),
        });
        if wide_case {
            open.iter_mut().for_each(|o| *o = true);
            return open;
        }
        // Per pattern: prefix seen, suffix seen.
        let mut seen = vec![(false, false); f.needs.len()];
        for m in ac.find_overlapping_iter(text.as_bytes()) {
            for &(id, is_suffix) in &f.opens[m.pattern().as_usize()] {
                if is_suffix {
                    seen[id].1 = true;
                } else {
                    seen[id].0 = true;
                }
            }
        }
        for (&(slot, pre, suf), &(has_pre, has_suf)) in f.needs.iter().zip(&seen) {
            if (!pre || has_pre) && (!suf || has_suf) {
                open[slot] = true;
            }
        }
        open
    }

    /// For each topic, for each of `plain` (a document's paragraphs):
    /// does the paragraph address it? `about[t]`: the document is about
    /// topic `t` (its context patterns count).
    pub fn matches(&self, plain: &[Arc<str>], about: &[bool]) -> Vec<Vec<bool>> {
        // Which regexes may match each paragraph.
        let open: Vec<Vec<bool>> = plain.iter().map(|text| self.open_slots(text)).collect();
        // Topic by topic over the paragraphs, not paragraph by paragraph
        // over the topics: one topic's automata stay in the processor's
        // caches while they read the document.
        self.rules
            .iter()
            .enumerate()
            .map(|(ti, r)| {
                let slot = |pi: usize, kind: usize| open[pi][ti * SLOTS + kind];
                plain
                    .iter()
                    .enumerate()
                    .map(|(pi, t)| {
                        r.matches_where(
                            t,
                            about[ti],
                            [slot(pi, PATTERNS), slot(pi, EXCLUDE), slot(pi, CONTEXT)],
                        )
                    })
                    .collect()
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rules() -> TopicRules {
        TopicRules::new(&TopicConfig {
            id: "environment".into(),
            patterns: vec![r"\benvironnement".into(), "espèces sauvages".into()],
            exclude: vec![r"environnement (?:propice|favorable)".into()],
            context_patterns: vec![r"\bla Convention\b".into()],
            context_titles: vec!["environnement".into()],
            ..TopicConfig::default()
        })
        .unwrap()
    }

    #[test]
    fn spans_say_where_the_rules_match() {
        let r = TopicRules::new(&topic(
            "environment",
            &["environnement", "espèces? sauvages?"],
            &["environnement propice"],
            &["Convention"],
        ))
        .unwrap();
        let text =
            "Un environnement propice, l’environnement et les espèces sauvages ; la Convention.";
        let spans = r.spans(text, false);
        let words: Vec<&str> = spans.iter().map(|&(a, b)| &text[a..b]).collect();
        assert_eq!(words, ["environnement", "espèces sauvages"]);
        let words: Vec<String> = r
            .spans(text, true)
            .iter()
            .map(|&(a, b)| text[a..b].to_string())
            .collect();
        assert_eq!(words, ["environnement", "espèces sauvages", "Convention"]);
    }

    #[test]
    fn exclusions_and_context() {
        let r = rules();
        assert!(r.matches("les crimes qui portent atteinte à l’environnement", false));
        assert!(!r.matches("créer un environnement propice au développement", false));
        assert!(!r.matches("appliquer la Convention", false));
        assert!(r.matches("appliquer la Convention", true));
        assert!(r.about("Prévenir les crimes qui portent atteinte à l’environnement"));
    }

    fn topic(id: &str, patterns: &[&str], exclude: &[&str], context: &[&str]) -> TopicConfig {
        let v = |ps: &[&str]| ps.iter().map(|p| p.to_string()).collect();
        TopicConfig {
            id: id.into(),
            patterns: v(patterns),
            exclude: v(exclude),
            context_patterns: v(context),
            ..TopicConfig::default()
        }
    }

    /// The prefiltered labels against every rule run on every paragraph.
    fn same_as_unfiltered(configs: &[TopicConfig], paragraphs: &[&str]) -> Vec<Vec<bool>> {
        let topics = Topics::new(configs).unwrap();
        let plain: Vec<Arc<str>> = paragraphs.iter().map(|p| Arc::from(*p)).collect();
        for about in [false, true] {
            let flags = vec![about; configs.len()];
            let filtered = topics.matches(&plain, &flags);
            for (ti, r) in topics.rules.iter().enumerate() {
                for (pi, p) in paragraphs.iter().enumerate() {
                    assert_eq!(
                        filtered[ti][pi],
                        r.matches(p, about),
                        "topic {} on {p:?} (about: {about})",
                        r.id
                    );
                }
            }
        }
        topics.matches(&plain, &vec![false; configs.len()])
    }

    #[test]
    fn the_prefilter_changes_no_label() {
        let configs = [
            topic(
                "env",
                &[
                    "Conférence des États parties",
                    r"\bbois\b",
                    "espèces (?:sauvages|menacées)",
                ],
                &["environnement (?:propice|favorable)"],
                &[r"\benvironnement"],
            ),
            // Exclusions that, blanked out, join words into a match.
            topic("join", &["trafic d"], &["X+"], &[]),
            // No literal prefix at all, and a very short one: always run.
            topic("any", &[r"[a-z]{3}\d{2}", "ab"], &[], &[]),
            // ASCII letters with non-ASCII cases (« ſ », Kelvin sign).
            topic("case", &["casse", "kilo", "plus"], &[], &[]),
            // Needs its prefix and its suffix; a suffix with case variants.
            topic(
                "ends",
                &["(?:cours|outils)[^.;]{0,30}en ligne", r"\w+ des états\b"],
                &[],
                &[],
            ),
        ];
        let paragraphs = [
            "La CONFÉRENCE DES ÉTATS PARTIES a décidé",
            "la conférence des états parties",
            "le commerce du Bois et des espèces MENACÉES",
            "un environnement propice",
            "un environnement propice, et l’environnement",
            "traficXXXd’organes",
            "trafic d’armes",
            "abc12 et rien d’autre",
            "caſſe et \u{212A}ilo",
            "des cours dispensés EN LIGNE",
            "des cours à distance ; en ligne",
            "la conférence DES ÉTATS",
            "rien du tout",
            "",
            "en pluſ",
        ];
        let m = same_as_unfiltered(&configs, &paragraphs);
        // And the labels are those expected (not all false by accident).
        assert_eq!(&m[0][..3], &[true, true, true]);
        assert!(m[1][5], "a match made by blanking an exclusion");
        assert!(m[2][7]);
        assert!(m[3][8], "long s and Kelvin sign are cases of s and k");
        assert!(m[3][14], "a long s at the very end");
        assert!(m[4][9] && !m[4][10] && m[4][11]);
        let nothing = paragraphs
            .iter()
            .position(|p| *p == "rien du tout")
            .unwrap();
        assert!((0..5).all(|t| !m[t][nothing]));
    }

    #[test]
    fn the_prefilter_changes_no_label_on_the_default_topics_and_seeds() {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
        let config = crate::config::Config::load(&root.join("site.yaml")).unwrap();
        let docs = crate::content::repository_documents();
        let plain: Vec<String> = docs
            .iter()
            .flat_map(|d| {
                d.paragraphs
                    .iter()
                    .map(|p| crate::content::plain_text(&p.text))
            })
            .collect();
        assert!(plain.len() > 300, "the seeds' paragraphs");
        let refs: Vec<&str> = plain.iter().map(String::as_str).collect();
        let m = same_as_unfiltered(&config.topics, &refs);
        let labels: usize = m.iter().map(|t| t.iter().filter(|&&b| b).count()).sum();
        assert!(labels > 100, "{labels} labels");
    }
}
