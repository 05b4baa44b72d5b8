//! Text repair: undo what the extraction did to words, never the wording.
//!
//! Spacing is collapsed, the stray space before an apostrophe goes
//! (`l ’état`), a hyphen detached from its word is reattached (`celle -ci`),
//! and words the extraction split in two (`criminalit é`, `Protocole s`)
//! are joined when the corpus's own vocabulary knows the whole word and
//! hardly knows one of the halves.

use super::calls::{CLOSE, OPEN};
use crate::wordkey::WordCounts;
use regex::Regex;
use rustc_hash::FxHashSet as HashSet;
use std::sync::LazyLock;

static SPACES: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"[ \t\u{00A0}\u{202F}]{2,}").unwrap());
static BEFORE_APOSTROPHE: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"(\p{L}) +’").unwrap());
static DETACHED_HYPHEN: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(\p{Ll}) -(\p{Ll})").unwrap());

/// Word counts of a corpus, used to judge split words.
#[derive(Debug, Default, Clone)]
pub struct Vocabulary {
    counts: WordCounts,
    /// Proper prefixes and suffixes of the words seen at least twice.
    stems: Option<(HashSet<String>, HashSet<String>)>,
}

impl Vocabulary {
    /// A vocabulary for about `bytes` of text (sized so that the table of
    /// a file's words seldom grows: a distinct word per 16 bytes or so).
    pub fn for_text(bytes: usize) -> Vocabulary {
        Vocabulary {
            counts: WordCounts::with_capacity(bytes / 16),
            stems: None,
        }
    }
    pub fn add_text(&mut self, text: &str) {
        for w in words(text) {
            self.counts.add_in(text, w, 1);
        }
        self.stems = None;
    }
    /// Add the counts of another vocabulary (import counts each file on
    /// its own, in parallel, then merges).
    pub fn merge(&mut self, other: Vocabulary) {
        self.counts.merge(other.counts);
        self.stems = None;
    }
    pub fn count(&self, w: &str) -> u32 {
        self.counts.count(w)
    }
    /// The count of `w`, a slice of `text` (read in place: faster).
    fn count_in(&self, text: &str, w: &str) -> u32 {
        self.counts.count_in(text, w)
    }
    /// Index the word parts; call once all text is added.
    pub fn index_parts(&mut self) {
        let mut prefixes = HashSet::default();
        let mut suffixes = HashSet::default();
        for (w, c) in self.counts.iter() {
            if c < 2 {
                continue;
            }
            let idx: Vec<usize> = w.char_indices().map(|(i, _)| i).skip(1).collect();
            for i in idx {
                prefixes.insert(w[..i].to_string());
                suffixes.insert(w[i..].to_string());
            }
        }
        self.stems = Some((prefixes, suffixes));
    }
    /// `préser` + `vés`: each half is only ever seen as part of longer words.
    fn is_split_pair(&self, a: &str, b: &str) -> bool {
        let Some((prefixes, suffixes)) = &self.stems else {
            return false;
        };
        self.count(a) <= 1
            && self.count(b) <= 1
            && a.chars().count() >= 3
            && b.chars().count() >= 2
            && prefixes.contains(a)
            && suffixes.contains(b)
    }
}

/// Whitespace-separated tokens with surrounding punctuation stripped;
/// an apostrophe stays with its word (`s’y` is one token).
fn words(text: &str) -> impl Iterator<Item = &str> {
    text.split_whitespace()
        .map(|t| t.trim_matches(|c: char| !(is_alphanumeric(c) || c == '’' || c == '\'')))
}

/// Collapse spacing and reattach what the extraction detached.
pub fn normalize_spacing(text: &str) -> String {
    let mut t = text.replace(['\u{00A0}', '\u{202F}', '\t'], " ");
    // Each rule only where the bytes it needs occur (SIMD searches; most
    // paragraphs need none), not a regex scan of every paragraph.
    let has = |t: &str, s: &str| memchr::memmem::find(t.as_bytes(), s.as_bytes()).is_some();
    if has(&t, "  ") {
        t = SPACES.replace_all(&t, " ").into_owned();
    }
    if has(&t, " ’") {
        t = BEFORE_APOSTROPHE.replace_all(&t, "$1’").into_owned();
    }
    if has(&t, " -") {
        t = DETACHED_HYPHEN.replace_all(&t, "$1-$2").into_owned();
    }
    t.trim().to_string()
}

/// Join `criminalit é` -> `criminalité` using the corpus vocabulary.
pub fn repair_split_words<'t>(text: &'t str, vocab: &Vocabulary) -> String {
    // (The spaces found by `memchr`, not by `str::split`'s generic search.)
    let mut tokens: Vec<&str> = Vec::with_capacity(text.len() / 5);
    let mut from = 0;
    for at in memchr::memchr_iter(b' ', text.as_bytes()) {
        tokens.push(&text[from..at]);
        from = at + 1;
    }
    tokens.push(&text[from..]);
    let mut out = String::with_capacity(text.len());
    // The last word counted: a token is the right half of one pair and
    // the left half of the next, and is looked up once.
    let mut last: Option<(&str, u32)> = None;
    let mut count = |w: &'t str| -> u32 {
        match last {
            Some((word, n)) if word == w => n,
            _ => {
                let n = vocab.count_in(text, w);
                last = Some((w, n));
                n
            }
        }
    };
    let mut i = 0;
    while i < tokens.len() {
        if i > 0 {
            out.push(' ');
        }
        let a = tokens[i];
        if i + 1 < tokens.len() {
            let b = tokens[i + 1];
            if let Some(joined) = try_join(a, b, vocab, &mut count) {
                out.push_str(&joined);
                i += 2;
                continue;
            }
        }
        out.push_str(a);
        i += 1;
    }
    out
}

/// `c.is_alphabetic()`, told without the Unicode tables for ASCII and the
/// Latin-1 letters (French text's accented ones).
fn is_letter(c: char) -> bool {
    match c {
        '\0'..='\u{7F}' => c.is_ascii_alphabetic(),
        '\u{C0}'..='\u{FF}' => c != '×' && c != '÷',
        _ => c.is_alphabetic(),
    }
}

/// `c.is_alphanumeric()`, told as [`is_letter`] tells letters.
fn is_alphanumeric(c: char) -> bool {
    match c {
        '\0'..='\u{7F}' => c.is_ascii_alphanumeric(),
        '\u{C0}'..='\u{FF}' => c != '×' && c != '÷',
        _ => c.is_alphanumeric(),
    }
}

/// `a` and `b` joined, if they are the halves of a split word; `count`
/// gives the vocabulary's count of a word.
fn try_join<'t>(
    a: &'t str,
    b: &'t str,
    vocab: &Vocabulary,
    count: &mut impl FnMut(&'t str) -> u32,
) -> Option<String> {
    // The left half ends in a letter, the right one starts with a letter.
    let a_core = a.trim_start_matches(|c: char| !is_alphanumeric(c));
    let a_lead = &a[..a.len() - a_core.len()];
    if a_core.is_empty() || !a_core.chars().all(|c| is_letter(c) || c == '’' || c == '-') {
        return None;
    }
    // (The call sentinels are private-use characters, whose UTF-8 begins
    // with 0xEE: looked for by that byte, which French text lacks, not by
    // their last one, which ’ shares.)
    let marked = |s: &str| memchr::memchr(0xEE, s.as_bytes()).is_some();
    if (marked(a_core) && (a_core.contains(OPEN) || a_core.contains(CLOSE)))
        || (marked(b) && b.contains(OPEN))
    {
        return None;
    }
    let b_core_end = b
        .char_indices()
        .find(|(_, c)| !(is_letter(*c) || *c == '’' || *c == '\''))
        .map(|(i, _)| i)
        .unwrap_or(b.len());
    let b_core = &b[..b_core_end];
    let b_tail = &b[b_core_end..];
    if b_core.is_empty() || !b_core.chars().next().is_some_and(|c| c.is_lowercase()) {
        return None;
    }
    // `s’y`: an elided word is a word of its own.
    let b_word = b_core.split(['’', '\'']).next().unwrap_or(b_core);
    if b_word.len() != b_core.len() && b_core.len() > b_word.len() + 1 {
        // `Protocole s’y` is two words; only join plain halves.
        return None;
    }
    let ca = count(a_core);
    let cb = count(b_core);
    let rare = ca.min(cb);
    // A lone lower-case letter is no French word (but « a », « à », « y », « ô »):
    // `le s États`, `programme s`, `e t`.
    let stray = |w: &str| {
        let mut cs = w.chars();
        matches!((cs.next(), cs.next()), (Some(c), None) if c.is_lowercase() && !"aàyôo".contains(c))
    };
    let fragment = stray(a_core) || stray(b_core);
    // Two common words, neither a stray letter: no rule below can join
    // them (the usual case; spares building the joined word).
    if rare > 2 && !fragment {
        return None;
    }
    let joined = format!("{a_core}{b_core}");
    let whole = vocab.count(&joined);
    if (whole >= 2 && rare <= 2 && whole >= 2 * rare.max(1))
        || (fragment && whole >= 1)
        || vocab.is_split_pair(a_core, b_core)
    {
        Some(format!("{a_lead}{joined}{b_tail}"))
    } else {
        None
    }
}

/// Replace call sentinels by Markdown footnote references.
pub fn sentinels_to_refs(text: &str) -> (String, Vec<String>) {
    // Most text has no call (see `try_join` for the 0xEE byte).
    if memchr::memchr(0xEE, text.as_bytes()).is_none() {
        return (text.to_string(), Vec::new());
    }
    let mut out = String::with_capacity(text.len());
    let mut markers = Vec::new();
    let mut chars = text.chars();
    while let Some(c) = chars.next() {
        if c == OPEN {
            let m: String = chars.by_ref().take_while(|c| *c != CLOSE).collect();
            out.push_str(&format!("[^{m}]"));
            markers.push(m);
        } else {
            out.push(c);
        }
    }
    (out, markers)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn vocab(text: &str) -> Vocabulary {
        let mut v = Vocabulary::default();
        v.add_text(text);
        v
    }

    #[test]
    fn fast_letter_tests_agree_with_the_unicode_tables() {
        for c in (0..0x800u32)
            .chain(0x2000..0x2100)
            .filter_map(char::from_u32)
        {
            assert_eq!(is_letter(c), c.is_alphabetic(), "{c:?}");
            assert_eq!(is_alphanumeric(c), c.is_alphanumeric(), "{c:?}");
        }
    }

    #[test]
    fn spacing_the_repair_does_not_join_is_kept_as_it_was() {
        let v = vocab("de la de la");
        for t in ["", " ", "de", " de  la ", "de la  ", "  "] {
            assert_eq!(repair_split_words(t, &v), t, "{t:?}");
        }
    }

    #[test]
    fn joins_split_words_known_to_the_corpus() {
        let v = vocab("criminalité criminalité criminalité et et et Protocoles Protocoles transnationale transnationale le le le le");
        assert_eq!(
            repair_split_words("la criminalit é organisée", &v),
            "la criminalité organisée"
        );
        assert_eq!(
            repair_split_words("prévenir e t combattre", &v),
            "prévenir et combattre"
        );
        assert_eq!(
            repair_split_words("des Protocole s s’y rapportant", &v),
            "des Protocoles s’y rapportant"
        );
        assert_eq!(
            repair_split_words("transnationa le,", &v),
            "transnationale,"
        );
    }

    #[test]
    fn merged_counts_are_the_counts_of_all_the_text() {
        let (a, b) = ("la criminalité la", "criminalité et la traite");
        let mut merged = vocab(a);
        merged.merge(vocab(b));
        let whole = vocab(&format!("{a} {b}"));
        for w in ["la", "criminalité", "et", "traite", "absent"] {
            assert_eq!(merged.count(w), whole.count(w), "{w}");
        }
        assert_eq!(merged.count("la"), 3);
    }

    #[test]
    fn leaves_real_word_pairs_alone() {
        let v = vocab("de la de la de la dela");
        assert_eq!(repair_split_words("de la", &v), "de la");
    }

    #[test]
    fn call_sentinels_become_references_and_other_text_stays() {
        let text = format!("Rappelant{OPEN}1{CLOSE} la résolution’ et{OPEN}a{CLOSE}");
        assert_eq!(
            sentinels_to_refs(&text),
            (
                "Rappelant[^1] la résolution’ et[^a]".to_string(),
                vec!["1".to_string(), "a".to_string()]
            )
        );
        assert_eq!(
            sentinels_to_refs("l’État « trafic »"),
            ("l’État « trafic »".to_string(), Vec::new())
        );
        // A split word next to a call is left as it is.
        let v = vocab("criminalité criminalité criminalité");
        let split = format!("la criminalit é{OPEN}2{CLOSE}");
        assert_eq!(repair_split_words(&split, &v), split);
        assert_eq!(repair_split_words("la criminalit é", &v), "la criminalité");
    }

    #[test]
    fn letters_are_the_alphabetic_characters() {
        for c in (0..=0x10FFFFu32).filter_map(char::from_u32) {
            assert_eq!(is_letter(c), c.is_alphabetic(), "U+{:04X}", c as u32);
        }
    }

    #[test]
    fn spacing() {
        assert_eq!(
            normalize_spacing("l ’état de  celle -ci «  Lutte »"),
            "l’état de celle-ci « Lutte »"
        );
    }

    #[test]
    fn spacing_rules_skipped_only_where_they_cannot_apply() {
        // Every rule run on every text, as before the shortcuts.
        let every_rule = |text: &str| {
            let t = text.replace(['\u{00A0}', '\u{202F}', '\t'], " ");
            let t = SPACES.replace_all(&t, " ");
            let t = BEFORE_APOSTROPHE.replace_all(&t, "$1’");
            let t = DETACHED_HYPHEN.replace_all(&t, "$1-$2");
            t.trim().to_string()
        };
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
        let mut texts: Vec<String> = std::fs::read_dir(root.join("sources"))
            .unwrap()
            .flat_map(|e| {
                let text = std::fs::read_to_string(e.unwrap().path()).unwrap();
                text.lines().map(str::to_string).collect::<Vec<_>>()
            })
            .collect();
        assert!(texts.len() > 1000, "the seeds' lines");
        texts.extend(
            [
                "a -b -c",
                "x\u{a0}\u{a0}’ y",
                "\t-y et z\u{202f}-w",
                " ’ ",
                "État  ’s",
                "l’ État",
                "",
            ]
            .map(String::from),
        );
        for t in &texts {
            assert_eq!(normalize_spacing(t), every_rule(t), "{t:?}");
        }
    }
}
