//! `compendium check`

use crate::cli::CheckArgs;
use crate::config::Config;
use crate::error::{more, Problems, SHOWN};
use crate::site::check::check_site;
use crate::site::external::check_external;
use crate::site::site_root;
use anyhow::{anyhow, bail, Result};

pub fn run(args: CheckArgs) -> Result<()> {
    // Where the site is and where it is published: as `build` reads them.
    let config_path = args.config.clone().unwrap_or_else(|| "site.yaml".into());
    let config = Config::load_from(&config_path, args.config.is_some())
        .map_err(|e| anyhow!(Problems::single(e)))?;
    let output = args
        .output
        .clone()
        .unwrap_or_else(|| site_root(&config_path).join(&config.output_dir));
    let base_url = args.base_url.clone().unwrap_or(config.base_url);
    crate::config::check_base_url(&base_url).map_err(|e| anyhow!("--base-url: {e}"))?;
    if !output.is_dir() {
        bail!(
            "{}: no built site here; run `compendium build` first",
            output.display()
        );
    }
    let report = check_site(&output, &base_url)?;
    for b in report.broken.iter().take(SHOWN) {
        eprintln!("broken link in {}: `{}` ({})", b.page, b.href, b.reason);
    }
    if report.broken.len() > SHOWN {
        eprintln!("{}", more(report.broken.len() - SHOWN, "broken link"));
    }
    let mut failed = Vec::new();
    if !report.broken.is_empty() {
        failed.push(format!(
            "{} of {} internal links do not resolve",
            report.broken.len(),
            report.links
        ));
    }
    let external = if args.external {
        let timeout = std::time::Duration::from_secs(args.timeout.max(1));
        let ext = check_external(&report.external, timeout);
        for (page, url, why) in ext.broken.iter().take(SHOWN) {
            eprintln!("broken external link in {page}: `{url}` ({why})");
        }
        if ext.broken.len() > SHOWN {
            eprintln!("{}", more(ext.broken.len() - SHOWN, "broken external link"));
        }
        if !ext.broken.is_empty() {
            failed.push(format!(
                "{} of {} external links do not answer",
                ext.broken.len(),
                report.external.len()
            ));
        }
        let unchecked = match ext.unchecked {
            0 => String::new(),
            n => format!(" ({n} https links not checked: install curl)"),
        };
        format!("; {} external links checked{unchecked}", ext.checked)
    } else if report.external.is_empty() {
        String::new()
    } else {
        format!(
            "; {} external links not checked (add --external)",
            report.external.len()
        )
    };
    if !failed.is_empty() {
        bail!("{}", failed.join("; "));
    }
    crate::say!(
        "checked {} internal links in {}: all resolve{external}",
        report.links,
        output.display()
    );
    Ok(())
}
