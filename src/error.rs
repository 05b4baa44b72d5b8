//! Errors users act on: each names the file, the line (and column when
//! known), what is wrong and what to do.

use std::fmt;
use std::path::{Path, PathBuf};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Severity {
    Error,
    Warning,
}

/// One problem at one place.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Located {
    pub severity: Severity,
    pub path: PathBuf,
    /// 1-based; 0 when the problem concerns the whole file.
    pub line: usize,
    pub column: Option<usize>,
    pub message: String,
}

impl Located {
    pub fn error(path: &Path, line: usize, message: impl Into<String>) -> Located {
        Located {
            severity: Severity::Error,
            path: path.to_path_buf(),
            line,
            column: None,
            message: message.into(),
        }
    }
    pub fn warning(path: &Path, line: usize, message: impl Into<String>) -> Located {
        Located {
            severity: Severity::Warning,
            ..Located::error(path, line, message)
        }
    }
    pub fn at_column(mut self, column: usize) -> Located {
        self.column = Some(column);
        self
    }
}

impl fmt::Display for Located {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let what = match self.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
        };
        write!(f, "{what}: {}", self.path.display())?;
        if self.line > 0 {
            write!(f, ":{}", self.line)?;
            if let Some(c) = self.column {
                write!(f, ":{c}")?;
            }
        }
        write!(f, ": {}", self.message)
    }
}

/// Several problems, reported together.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problems(pub Vec<Located>);

impl Problems {
    pub fn single(p: Located) -> Problems {
        Problems(vec![p])
    }
}

/// At most this many problems are shown at once; the others are counted
/// (a file of 100,000 paragraphs can have 90,000 of the same mistake).
pub const SHOWN: usize = 50;

/// `what` (`problem`, `warning`) counted: "… and 3 more problems".
pub fn more(n: usize, what: &str) -> String {
    let s = if n == 1 { "" } else { "s" };
    format!("… and {n} more {what}{s}, not shown (fix the ones above first)")
}

impl fmt::Display for Problems {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, p) in self.0.iter().take(SHOWN).enumerate() {
            if i > 0 {
                writeln!(f)?;
            }
            write!(f, "{p}")?;
        }
        if self.0.len() > SHOWN {
            write!(f, "\n{}", more(self.0.len() - SHOWN, "problem"))?;
        }
        Ok(())
    }
}

impl std::error::Error for Problems {}
