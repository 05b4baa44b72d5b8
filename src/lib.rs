//! compendium: a static-site generator for compendia of UN resolutions.
//!
//! The pipeline, one module per stage, data flowing one way:
//! `import` (text extraction -> documents) -> `content` (Markdown + front
//! matter <-> model) -> `analyze` (topics, citations, cross-links) ->
//! `render` (templates, Markdown) -> `site` (build, output, JSON, sitemap);
//! `serve` watches and rebuilds. `cli` and `cmd` are the thin shell on top;
//! `memo` and `wordkey` are shared tables (watch mode's memo, word counts).

pub mod analyze;
pub mod cli;
pub mod cmd;
pub mod config;
pub mod content;
pub mod error;
pub mod import;
pub mod memo;
pub mod model;
pub mod months;
pub mod render;
pub mod say;
pub mod serve;
pub mod site;
pub mod wordkey;
