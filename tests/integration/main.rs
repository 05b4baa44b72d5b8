//! End-to-end tests: the importer on the seeds and on hand-written texts,
//! the CLI, the built site, failure behaviour, serve and a real browser.

mod akn;
mod analysis;
mod browser;
mod browser_nav;
mod build;
mod cli;
mod common;
mod conventions;
mod corpus;
mod corpus_layouts;
mod devserver;
mod errors;
mod fuzz;
mod import;
mod items;
mod layout_variants;
mod nav;
mod safety;
mod serve;
