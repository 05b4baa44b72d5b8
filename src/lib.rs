//! compendium: a static-site generator for compendia of UN resolutions.
//!
//! The pipeline, one module per stage, data flowing one way:
//! `import` (text extraction -> documents) -> `content` (Markdown + front
//! matter <-> model) -> `analyze` (topics, citations, cross-links) ->
//! `render` (templates, Markdown) -> `site` (build, output, JSON, sitemap);
//! `serve` watches and rebuilds.

pub mod import;
pub mod model;
