//! `compendium check`

use crate::cli::CheckArgs;
use crate::site::check::check_site;
use anyhow::{bail, Context, Result};

pub fn run(args: CheckArgs) -> Result<()> {
    if !args.output.is_dir() {
        bail!(
            "{}: no built site here; run `compendium build` first",
            args.output.display()
        );
    }
    let (links, broken) =
        check_site(&args.output).with_context(|| format!("reading {}", args.output.display()))?;
    for b in &broken {
        eprintln!("broken link in {}: `{}` ({})", b.page, b.href, b.reason);
    }
    if !broken.is_empty() {
        bail!("{} of {links} internal links do not resolve", broken.len());
    }
    crate::say!(
        "checked {links} internal links in {}: all resolve",
        args.output.display()
    );
    Ok(())
}
