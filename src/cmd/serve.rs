//! `compendium serve` and `compendium watch`

use crate::cli::{ServeArgs, WatchArgs};
use anyhow::Result;

pub fn run(args: ServeArgs) -> Result<()> {
    super::build::set_jobs(args.build.jobs);
    crate::serve::serve(
        super::build::options(&args.build),
        crate::serve::ServeOptions {
            bind: args.bind,
            port: args.port,
            poll: args.poll,
            open: args.open,
        },
    )
}

pub fn run_watch(args: WatchArgs) -> Result<()> {
    super::build::set_jobs(args.build.jobs);
    crate::serve::watch_only(super::build::options(&args.build), args.poll)
}
