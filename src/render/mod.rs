//! `render`: analysed documents -> HTML (Tera templates, pulldown-cmark,
//! syntect). Pure functions of their input: no file system writes here.

pub mod akn;
pub mod diff;
pub mod fragments;
pub mod highlight;
pub mod i18n;
pub mod lineage;
pub mod markdown;
pub mod templates;
pub mod views;
