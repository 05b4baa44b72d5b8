//! Topic labels from the rules in `site.yaml`.
//!
//! A paragraph gets a topic when one of its patterns matches the paragraph
//! once the topic's exclusions are blanked out; context patterns count only
//! in a document about the topic (its title matches). Overrides in the
//! content win: document-level first, then the paragraph's own.

use crate::config::TopicConfig;
use regex::{Regex, RegexBuilder};

/// Compiled rules of one topic.
pub struct TopicRules {
    pub id: String,
    patterns: Vec<Regex>,
    exclude: Vec<Regex>,
    context_patterns: Vec<Regex>,
    context_titles: Vec<Regex>,
}

/// One case-insensitive regex for a list of patterns (one scan per
/// paragraph). `\b` is taken as an ASCII word boundary, which the fast
/// regex engines support; French accents are letters either side of it.
fn compile(ps: &[String]) -> Vec<Regex> {
    if ps.is_empty() {
        return Vec::new();
    }
    let joined = ps
        .iter()
        .map(|p| format!("(?:{})", p.replace("\\b", "(?-u:\\b)")))
        .collect::<Vec<_>>()
        .join("|");
    RegexBuilder::new(&joined)
        .case_insensitive(true)
        .build()
        .ok()
        .into_iter()
        .collect()
}

impl TopicRules {
    pub fn new(t: &TopicConfig) -> TopicRules {
        TopicRules {
            id: t.id.clone(),
            patterns: compile(&t.patterns),
            exclude: compile(&t.exclude),
            context_patterns: compile(&t.context_patterns),
            context_titles: compile(&t.context_titles),
        }
    }

    /// Is a document with this title about the topic?
    pub fn about(&self, title: &str) -> bool {
        self.context_titles.iter().any(|r| r.is_match(title))
    }

    /// Does the paragraph address the topic?
    pub fn matches(&self, text: &str, doc_about: bool) -> bool {
        let mut t = std::borrow::Cow::Borrowed(text);
        for ex in &self.exclude {
            if ex.is_match(&t) {
                t = std::borrow::Cow::Owned(ex.replace_all(&t, " ").into_owned());
            }
        }
        self.patterns.iter().any(|r| r.is_match(&t))
            || (doc_about && self.context_patterns.iter().any(|r| r.is_match(&t)))
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
}
