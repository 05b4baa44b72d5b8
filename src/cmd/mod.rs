//! One function per subcommand: read options, call the library, report.

pub mod build;
pub mod check;
pub mod import;
pub mod serve;
