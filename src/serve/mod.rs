//! `serve`: build, watch, serve from memory, reload open pages.

use crate::site::BuildOptions;
use anyhow::{bail, Result};

pub struct ServeOptions {
    pub bind: String,
    pub port: u16,
    pub poll: bool,
}

pub fn serve(_opts: BuildOptions, _s: ServeOptions) -> Result<()> {
    bail!("serve is not implemented yet")
}

pub fn watch_only(_opts: BuildOptions, _poll: bool) -> Result<()> {
    bail!("watch is not implemented yet")
}
