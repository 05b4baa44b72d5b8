//! End-to-end tests: the importer on the seeds and on hand-written texts,
//! the CLI, the built site, failure behaviour, serve and a real browser.

mod akn;
mod analysis;
mod browser;
mod build;
mod cli;
mod common;
mod corpus;
mod devserver;
mod errors;
mod fuzz;
mod import;
mod safety;
mod serve;
