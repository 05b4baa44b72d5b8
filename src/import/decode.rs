//! First stage: bytes -> text. What no later stage should see is taken
//! out here: control and marker characters, and notes written inline.

use regex::Regex;
use std::sync::LazyLock;

/// The text without control or marker characters (see
/// [`crate::content::is_forbidden_char`]); a form feed (a page break) at a
/// line's start is dropped, elsewhere it is a space. Line numbers stay.
pub(super) fn without_controls(text: &str) -> std::borrow::Cow<'_, str> {
    use crate::content::is_forbidden_char;
    if !text.chars().any(is_forbidden_char) {
        return std::borrow::Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len());
    let mut line_start = true;
    for c in text.chars() {
        match c {
            '\u{c}' if line_start => {}
            '\u{c}' => out.push(' '),
            c if is_forbidden_char(c) => {}
            c => {
                out.push(c);
                line_start = c == '\n';
            }
        }
    }
    std::borrow::Cow::Owned(out)
}

/// Notes written inline, « (Footnote: See A/80/PV.2.) » (the iGov
/// database's texts), become Markdown notes: a call `[^n]` where the note
/// stood and its text at the end, which the note pass reads.
pub(super) fn inline_notes(text: &str) -> std::borrow::Cow<'_, str> {
    static NOTE: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(
            r"\s?\((?:Footnote|Note de bas de page|Nota)\s*:\s*([^()]*(?:\([^()]*\)[^()]*)*)\)",
        )
        .unwrap()
    });
    if !NOTE.is_match(text) {
        return std::borrow::Cow::Borrowed(text);
    }
    let mut notes = Vec::new();
    let body = NOTE.replace_all(text, |c: &regex::Captures| {
        notes.push(c[1].trim().to_string());
        format!("[^{}]", notes.len())
    });
    let mut out = body.trim_end().to_string();
    out.push_str("\n\n");
    for (i, n) in notes.iter().enumerate() {
        out.push_str(&format!("[^{}]: {n}\n", i + 1));
    }
    std::borrow::Cow::Owned(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn inline_notes_become_markdown_notes() {
        let text = "At its 2nd plenary meeting, with 12 abstentions (Footnote: See A/80/PV.2.), the Assembly:\n(a) Endorsed the Declaration (Footnote: A/CONF.243/2025/1 (annex).).\n";
        let out = inline_notes(text);
        assert_eq!(
            out,
            "At its 2nd plenary meeting, with 12 abstentions[^1], the Assembly:\n(a) Endorsed the Declaration[^2].\n\n[^1]: See A/80/PV.2.\n[^2]: A/CONF.243/2025/1 (annex).\n"
        );
        assert!(matches!(
            inline_notes("No note here."),
            std::borrow::Cow::Borrowed(_)
        ));
    }
}
