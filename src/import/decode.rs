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

/// Notes marked in brackets (« le 27 octobre 1953 [8] », then « [8] Ibid.,
/// … » on a line of its own), as yearbook transcriptions print them:
/// Markdown notes, when each marker has its definition line.
pub(super) fn bracket_notes(text: &str) -> std::borrow::Cow<'_, str> {
    static DEF: LazyLock<Regex> =
        LazyLock::new(|| Regex::new(r"(?m)^\[(\d{1,3})\][ \t\u{a0}]+(\S)").unwrap());
    static CALL: LazyLock<Regex> = LazyLock::new(|| Regex::new(r" ?\[(\d{1,3})\]").unwrap());
    let defined: std::collections::HashSet<&str> = DEF
        .captures_iter(text)
        .map(|c| c.get(1).unwrap().as_str())
        .collect();
    if defined.is_empty() {
        return std::borrow::Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len());
    for line in text.split_inclusive('\n') {
        if let Some(c) = DEF.captures(line) {
            out.push_str(&format!("[^{}]: ", &c[1]));
            out.push_str(&line[c.get(2).unwrap().start()..]);
            continue;
        }
        out.push_str(&CALL.replace_all(line, |c: &regex::Captures| {
            if defined.contains(&c[1]) {
                format!("[^{}]", &c[1])
            } else {
                c[0].to_string()
            }
        }));
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
    fn bracketed_notes_become_markdown_notes() {
        let text = "le 27 octobre 1953 [8] et le 9 novembre [9], voir [3]\n\n[8]\u{a0}Ibid., par. 10.\n\n[9] Ibid., annexe.\n";
        assert_eq!(
            bracket_notes(text),
            "le 27 octobre 1953[^8] et le 9 novembre[^9], voir [3]\n\n[^8]: Ibid., par. 10.\n\n[^9]: Ibid., annexe.\n"
        );
        assert!(matches!(
            bracket_notes("voir [3] et [4]"),
            std::borrow::Cow::Borrowed(_)
        ));
    }

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
