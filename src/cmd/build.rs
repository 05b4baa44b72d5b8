//! `compendium build`

use crate::cli::BuildArgs;
use crate::site::{build_site, BuildOptions};
use anyhow::Result;
use std::time::Instant;

pub fn options(args: &BuildArgs) -> BuildOptions {
    let config = args.config.clone().unwrap_or_else(|| "site.yaml".into());
    BuildOptions {
        config_required: args.config.is_some(),
        content_dir: args.content.clone(),
        output_dir: args.output.clone(),
        base_url: args.base_url.clone(),
        ..BuildOptions::new(config)
    }
}

/// Use `--jobs` threads for parallel work (deterministic output either way).
pub fn set_jobs(jobs: Option<usize>) {
    if let Some(n) = jobs {
        rayon::ThreadPoolBuilder::new()
            .num_threads(n.max(1))
            .build_global()
            .ok();
    }
}

pub fn run(args: BuildArgs) -> Result<()> {
    set_jobs(args.jobs);
    let t = Instant::now();
    let (report, site) = build_site(&options(&args))?;
    // The process ends here: its exit frees the site at once.
    std::mem::forget(site);
    for w in report.warnings.iter().take(crate::error::SHOWN) {
        eprintln!("{w}");
    }
    if report.warnings.len() > crate::error::SHOWN {
        let n = report.warnings.len() - crate::error::SHOWN;
        eprintln!("{}", crate::error::more(n, "warning"));
    }
    let unchanged = match report.unchanged {
        0 => String::new(),
        n => format!(", {n} unchanged"),
    };
    crate::say!(
        "built {} documents ({} files{unchanged}) into {} in {:.0} ms",
        report.documents,
        report.files,
        report.output_dir.display(),
        t.elapsed().as_secs_f64() * 1000.0
    );
    Ok(())
}
