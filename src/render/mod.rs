//! `render`: analysed documents -> HTML (Tera templates, pulldown-cmark,
//! syntect). Pure functions of their input: no file system writes here.

pub mod akn;
pub mod cite;
pub mod diff;
pub mod emphasis;
pub mod fragments;
pub mod head;
pub mod highlight;
pub mod i18n;
pub mod lineage;
pub mod markdown;
pub mod marks;
pub mod nav;
pub mod templates;
pub mod views;
