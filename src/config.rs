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

/// The lines of `site.yaml` (its text) where each topic of its `topics`
/// list begins, in order (1-based). A list written inline
/// (`topics: [...]`) gives none.
pub fn topic_lines(text: &str) -> Vec<usize> {
    let indent = |l: &str| l.len() - l.trim_start().len();
    let mut lines = text.lines().enumerate();
    if !lines.any(|(_, l)| l.starts_with("topics:")) {
        return Vec::new();
    }
    let mut items = Vec::new();
    let mut item_indent = None;
    for (i, l) in lines {
        let t = l.trim_start();
        if t.is_empty() || t.starts_with('#') {
            continue;
        }
        let is_item = t == "-" || t.starts_with("- ");
        if indent(l) == 0 && !is_item {
            break; // the next key of the file
        }
        if is_item && *item_indent.get_or_insert(indent(l)) == indent(l) {
            items.push(i + 1);
        }
    }
    items
}

/// The line where the topic at `index` of the list defines its `id`
/// (else where the topic begins; else 0).
pub fn line_of_topic_at(text: &str, index: usize) -> usize {
    let starts = topic_lines(text);
    let Some(&start) = starts.get(index) else {
        return text
            .lines()
            .position(|l| l.starts_with("topics:"))
            .map_or(0, |i| i + 1);
    };
    let end = starts.get(index + 1).copied().unwrap_or(usize::MAX);
    text.lines()
        .enumerate()
        .skip(start - 1)
        .take_while(|(i, _)| i + 1 < end)
        .find(|(_, l)| {
            let t = l.trim_start();
            t.strip_prefix("- ")
                .unwrap_or(t)
                .trim_start()
                .starts_with("id:")
        })
        .map_or(start, |(i, _)| i + 1)
}

/// The line of `site.yaml` (its text) where topic `id` is defined.
pub fn line_of_topic(text: &str, id: &str) -> usize {
    let Ok(cfg) = serde_yaml::from_str::<Config>(text) else {
        return 0;
    };
    cfg.topics
        .iter()
        .position(|t| t.id == id)
        .map_or(0, |i| line_of_topic_at(text, i))
}

/// Whether `url` can be the site's `base_url`: an `http(s)://` URL with a
/// host, or a path beginning with one `/`. It goes into every page's
/// canonical link, the sitemap and printed references.
pub fn check_base_url(url: &str) -> Result<(), String> {
    let bad = url
        .chars()
        .find(|c| c.is_whitespace() || c.is_control() || "\"'<>`\\{}|^".contains(*c));
    if let Some(c) = bad {
        return Err(format!(
            "base_url `{url}` holds {c:?}, which a URL may not: give an http(s) URL or a path beginning with `/`"
        ));
    }
    let rest = url
        .strip_prefix("https://")
        .or_else(|| url.strip_prefix("http://"));
    let ok = match rest {
        Some(r) => {
            let host = r.split(['/', '?', '#']).next().unwrap_or("");
            !host.is_empty() && !host.contains('@')
        }
        None => url.starts_with('/') && !url.starts_with("//"),
    };
    if ok {
        Ok(())
    } else {
        Err(format!(
            "base_url `{url}` is neither an http(s) URL (`https://user.github.io/repo/`) nor a path beginning with `/` (`/repo/`)"
        ))
    }
}

impl Config {
    /// Load `path`; a missing file gives the defaults (a bare content dir builds).
    pub fn load(path: &Path) -> Result<Config, Located> {
        Config::load_from(path, false)
    }

    /// Load `path`; a missing file gives the defaults (a bare content dir
    /// builds), unless the file was named (`required`: `--config`).
    pub fn load_from(path: &Path, required: bool) -> Result<Config, Located> {
        let text = match std::fs::read_to_string(path) {
            Ok(t) => t,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound && !required => {
                return Ok(Config::default())
            }
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                return Err(Located::error(
                    path,
                    0,
                    "no such configuration file: check the --config path",
                ))
            }
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
        if let Err(msg) = check_base_url(&self.base_url) {
            return Err(Located::error(path, line_of("base_url:"), msg));
        }
        let mut seen = std::collections::HashSet::new();
        for (index, t) in self.topics.iter().enumerate() {
            let line = line_of_topic_at(text, index);
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
                if p.trim().is_empty() {
                    // It would match every paragraph (or blank out none).
                    let end = topic_lines(text).get(index + 1).copied();
                    let at = text
                        .lines()
                        .enumerate()
                        .skip(line)
                        .take_while(|(i, _)| end.is_none_or(|e| i + 1 < e))
                        .find(|(_, l)| {
                            let v = l.trim().trim_start_matches('-').trim();
                            v == "''" || v == "\"\"" || v.ends_with(": ''") || v.ends_with(": \"\"")
                        })
                        .map_or(line, |(i, _)| i + 1);
                    return Err(Located::error(
                        path,
                        at,
                        format!(
                            "topic `{}`: an empty pattern would match every paragraph; remove it",
                            t.id
                        ),
                    ));
                }
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

    #[test]
    fn base_url_is_an_http_url_or_an_absolute_path() {
        for ok in [
            "/",
            "/repo/",
            "https://user.github.io/repo/",
            "http://localhost:8000",
        ] {
            assert!(check_base_url(ok).is_ok(), "{ok}");
        }
        for bad in [
            "",
            "repo/",
            "//evil.example/",
            "javascript:alert(1)",
            "ftp://host/",
            "https://",
            "https:///x",
            "https://a b/",
            "/\"><script>",
            "https://user@evil.example/",
        ] {
            assert!(check_base_url(bad).is_err(), "{bad}");
        }
        let e = Config::parse(
            "title: X\nbase_url: \"javascript:x\"\n",
            Path::new("s.yaml"),
        )
        .unwrap_err();
        assert_eq!(e.line, 2, "{e}");
    }

    #[test]
    fn a_topic_error_has_its_line() {
        let text = "title: X\ntopics:\n  - id: a\n    label: A\n\n  - label: B\n    id: \"b c\"\n";
        assert_eq!(topic_lines(text), [3, 6]);
        let e = Config::parse(text, Path::new("s.yaml")).unwrap_err();
        assert!(e.message.contains("topic id `b c`"), "{e}");
        assert_eq!(e.line, 7, "{e}");
        // Defined twice: the second.
        let text = "topics:\n- id: a\n- id: a\n";
        let e = Config::parse(text, Path::new("s.yaml")).unwrap_err();
        assert_eq!(e.line, 3, "{e}");
        assert_eq!(line_of_topic("topics:\n- id: a\n- id: \"b\"\n", "b"), 3);
    }

    #[test]
    fn an_empty_topic_pattern_is_an_error_at_its_line() {
        let text = "topics:\n  - id: a\n    label: A\n    patterns:\n      - x\n      - ''\n";
        let e = Config::parse(text, Path::new("s.yaml")).unwrap_err();
        assert!(e.message.contains("empty pattern"), "{e}");
        assert_eq!(e.line, 6, "{e}");
    }
}
