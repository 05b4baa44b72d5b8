//! `site.yaml` -> [`Config`]: typed, defaulted, validated. A typo in a field
//! name is an error, not a silent default.

use crate::error::Located;
use serde::{Deserialize, Serialize};
use std::path::{Path, PathBuf};

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct Config {
    /// Site title shown in the header and in `<title>`.
    pub title: String,
    /// One-line description for the home page and `<meta>`.
    pub description: String,
    /// Where the site is published, e.g. `https://user.github.io/repo/`.
    /// Links are relative, so this only matters for the sitemap and
    /// absolute references printed in the print views.
    pub base_url: String,
    /// UI language: `fr` (default) or `en`.
    pub language: String,
    pub content_dir: PathBuf,
    pub output_dir: PathBuf,
    /// Theme name under `themes/`; the built-in default is used when the
    /// directory does not exist, and a site's templates override it file by file.
    pub theme: String,
    pub topics: Vec<TopicConfig>,
}

/// A topic and the rules that label paragraphs with it (see `analyze::topics`).
#[derive(Debug, Clone, Serialize, Deserialize, Default)]
#[serde(deny_unknown_fields, default)]
pub struct TopicConfig {
    pub id: String,
    pub label: String,
    pub label_en: Option<String>,
    pub description: String,
    pub description_en: Option<String>,
    /// Regular expressions (case-insensitive): a match labels the paragraph.
    pub patterns: Vec<String>,
    /// Expressions removed from the text before matching (« environnement
    /// propice » is not the environment).
    pub exclude: Vec<String>,
    /// Expressions that label a paragraph only inside a document about the
    /// topic (« la Convention » in a resolution on corruption).
    pub context_patterns: Vec<String>,
    /// A document is about the topic when its title matches one of these.
    pub context_titles: Vec<String>,
}

impl Default for Config {
    fn default() -> Config {
        Config {
            title: "Compendium".to_string(),
            description: String::new(),
            base_url: "/".to_string(),
            language: "fr".to_string(),
            content_dir: PathBuf::from("content"),
            output_dir: PathBuf::from("public"),
            theme: "default".to_string(),
            topics: Vec::new(),
        }
    }
}

/// The line of `site.yaml` (its text) where topic `id` is defined.
pub fn line_of_topic(text: &str, id: &str) -> usize {
    let needle = format!("id: {id}");
    text.lines()
        .position(|l| l.contains(&needle))
        .map(|i| i + 1)
        .unwrap_or(0)
}

impl Config {
    /// Load `path`; a missing file gives the defaults (a bare content dir builds).
    pub fn load(path: &Path) -> Result<Config, Located> {
        let text = match std::fs::read_to_string(path) {
            Ok(t) => t,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Config::default()),
            Err(e) => return Err(Located::error(path, 0, format!("cannot read: {e}"))),
        };
        Config::parse(&text, path)
    }

    pub fn parse(text: &str, path: &Path) -> Result<Config, Located> {
        let cfg: Config = serde_yaml::from_str(text).map_err(|e| {
            let msg = e.to_string();
            let clean = msg.split(" at line ").next().unwrap_or(&msg).to_string();
            let (line, col) = e
                .location()
                .map(|l| (l.line(), Some(l.column())))
                .unwrap_or((0, None));
            let mut l = Located::error(path, line, format!("invalid site configuration: {clean}"));
            l.column = col;
            l
        })?;
        cfg.validate(text, path)?;
        Ok(cfg)
    }

    fn validate(&self, text: &str, path: &Path) -> Result<(), Located> {
        let line_of = |needle: &str| {
            text.lines()
                .position(|l| l.contains(needle))
                .map(|i| i + 1)
                .unwrap_or(0)
        };
        if !matches!(self.language.as_str(), "fr" | "en") {
            return Err(Located::error(
                path,
                line_of("language:"),
                format!("unsupported language `{}`: use `fr` or `en`", self.language),
            ));
        }
        let mut seen = std::collections::HashSet::new();
        for t in &self.topics {
            let line = line_of_topic(text, &t.id);
            if t.id.is_empty()
                || !t
                    .id
                    .chars()
                    .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
            {
                return Err(Located::error(
                    path,
                    line,
                    format!(
                        "topic id `{}` must be non-empty ASCII letters, digits, `-` or `_`",
                        t.id
                    ),
                ));
            }
            if !seen.insert(&t.id) {
                return Err(Located::error(
                    path,
                    line,
                    format!("topic `{}` is defined twice", t.id),
                ));
            }
            for p in t
                .patterns
                .iter()
                .chain(&t.exclude)
                .chain(&t.context_patterns)
                .chain(&t.context_titles)
            {
                // The syntax only: compiling is the topic rules' job
                // (beside the content being read; here it held up the
                // whole build for ~7 ms).
                if let Err(e) = regex_syntax::Parser::new().parse(p) {
                    return Err(Located::error(
                        path,
                        line_of(p.lines().next().unwrap_or(p)),
                        format!("topic `{}`: invalid pattern `{p}`: {e}", t.id),
                    ));
                }
            }
        }
        Ok(())
    }

    /// `base_url` normalised to end with `/`.
    pub fn base(&self) -> String {
        let mut b = self.base_url.clone();
        if !b.ends_with('/') {
            b.push('/');
        }
        b
    }

    pub fn english(&self) -> bool {
        self.language == "en"
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unknown_field_is_an_error() {
        let e = Config::parse("title: X\ntitel: Y\n", Path::new("site.yaml")).unwrap_err();
        assert!(e.to_string().contains("unknown field `titel`"), "{e}");
        assert_eq!(e.line, 2);
    }

    #[test]
    fn invalid_pattern_names_topic() {
        let e = Config::parse(
            "topics:\n  - id: t\n    label: T\n    patterns: ['(']\n",
            Path::new("s.yaml"),
        )
        .unwrap_err();
        assert!(e.to_string().contains("topic `t`: invalid pattern"), "{e}");
    }
}
