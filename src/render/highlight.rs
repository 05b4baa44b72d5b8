//! Syntax highlighting of fenced code with syntect (inline styles, so the
//! output needs no extra stylesheet and prints as it shows).

use super::markdown::escape;
use std::sync::LazyLock;
use syntect::highlighting::ThemeSet;
use syntect::html::highlighted_html_for_string;
use syntect::parsing::SyntaxSet;

static SYNTAXES: LazyLock<SyntaxSet> = LazyLock::new(SyntaxSet::load_defaults_newlines);
static THEMES: LazyLock<ThemeSet> = LazyLock::new(ThemeSet::load_defaults);

/// Highlighted `<pre>` for `code` in language `lang` (plain when unknown).
pub fn highlight_code(code: &str, lang: &str) -> String {
    let syntax = (!lang.is_empty())
        .then(|| SYNTAXES.find_syntax_by_token(lang))
        .flatten();
    match syntax {
        Some(s) => {
            let theme = &THEMES.themes["InspiredGitHub"];
            highlighted_html_for_string(code, &SYNTAXES, s, theme).unwrap_or_else(|_| plain(code))
        }
        None => plain(code),
    }
}

fn plain(code: &str) -> String {
    format!("<pre class=\"code\"><code>{}</code></pre>\n", escape(code))
}
