//! Lines for the terminal that never panic on a closed pipe.

/// Print a line on standard output, as `println!` does, but never panic
/// when the reader has gone (`compendium import … | head -1`): what is left
/// to say is dropped, and the command still ends with its own status.
#[macro_export]
macro_rules! say {
    ($($arg:tt)*) => {{
        use std::io::Write as _;
        let _ = writeln!(std::io::stdout().lock(), $($arg)*);
    }};
}
