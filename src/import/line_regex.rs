//! Line patterns tried only where they could match.

use regex::{Captures, Regex};
use std::sync::OnceLock;

/// A regex anchored at the start of a line, tried only when the line's
/// first character (after spaces, for a pattern that begins `^\s*`) could
/// begin a match: most lines are prose, and a test of one character costs
/// far less than a call into the regex engine (which, shared by the
/// import's threads, also takes a cache from a pool each time). `lead`
/// must hold for every character a match can begin with.
pub struct LineRegex {
    pattern: &'static str,
    lead: fn(char) -> bool,
    after_space: bool,
    regex: OnceLock<Regex>,
}

impl LineRegex {
    /// A pattern beginning `^`, whose matches begin with a `lead` character.
    pub const fn new(pattern: &'static str, lead: fn(char) -> bool) -> LineRegex {
        LineRegex {
            pattern,
            lead,
            after_space: false,
            regex: OnceLock::new(),
        }
    }

    /// A pattern beginning `^\s*`, whose matches go on with a `lead`
    /// character (`\s` and `char::is_whitespace` are both Unicode's
    /// White_Space).
    pub const fn after_space(pattern: &'static str, lead: fn(char) -> bool) -> LineRegex {
        LineRegex {
            pattern,
            lead,
            after_space: true,
            regex: OnceLock::new(),
        }
    }

    pub fn regex(&self) -> &Regex {
        self.regex
            .get_or_init(|| Regex::new(self.pattern).expect("a valid line pattern"))
    }

    fn may_match(&self, line: &str) -> bool {
        let line = if self.after_space {
            line.trim_start()
        } else {
            line
        };
        line.chars().next().is_some_and(self.lead)
    }

    pub fn is_match(&self, line: &str) -> bool {
        self.may_match(line) && self.regex().is_match(line)
    }

    pub fn captures<'l>(&self, line: &'l str) -> Option<Captures<'l>> {
        if self.may_match(line) {
            self.regex().captures(line)
        } else {
            None
        }
    }
}
