//! Agreed language on the pages: a paragraph's list of the paragraphs
//! sharing its wording (with a word diff for the modified ones), the links
//! to a document's comparison pages, and the comparison pages' views.

use super::diff::word_diff_html;
use super::i18n::{self, LineageStrings};
use super::templates::escape_html as esc;
use super::views::{Context, LinkView};
use crate::analyze::align::{align, Status};
use crate::analyze::lineage::compare_path;
use crate::model::{Document, Paragraph};
use serde::Serialize;

/// At most this many word diffs in a paragraph's list (the others link
/// to their paragraph): a page's weight stays near its text's.
pub const MAX_DIFFS: usize = 3;

fn reference(ctx: &Context, d: &Document, p: &Paragraph) -> String {
    format!(
        "{}, {}",
        i18n::doc_reference(
            d.kind,
            d.number.as_deref(),
            d.symbol.as_deref(),
            d.title.as_deref(),
            ctx.english
        ),
        i18n::para_reference(p, ctx.english)
    )
}

/// The paragraph `pi` of document `di`'s list of similar paragraphs, as
/// HTML (`""` when it has none): a closed `<details>` whose summary is the
/// discreet marker.
pub fn paragraph_html(ctx: &Context, di: usize, pi: usize, root: &str) -> String {
    let p = &ctx.docs[di].paragraphs[pi];
    if p.similar.is_empty() {
        return String::new();
    }
    let s = i18n::lineage_strings(ctx.english);
    let mut out = String::with_capacity(256 * p.similar.len());
    out.push_str("<details class=\"lineage\"><summary title=\"");
    out.push_str(&esc(s.same_wording));
    out.push_str("\">");
    out.push_str(&esc(s.same_wording));
    out.push_str(" (");
    out.push_str(&p.similar.len().to_string());
    out.push_str(")</summary><ul>");
    let mut diffs = 0;
    for sim in &p.similar {
        let Some(&j) = ctx.by_slug.get(sim.slug.as_str()) else {
            continue;
        };
        let o = &ctx.docs[j];
        let Some(q) = o.paragraphs.iter().find(|q| q.anchor == sim.anchor) else {
            continue;
        };
        out.push_str("<li class=\"");
        out.push_str(if sim.identical {
            "identical"
        } else {
            "modified"
        });
        out.push_str("\"><a href=\"");
        out.push_str(&esc(root));
        out.push_str(&esc(&Context::doc_path(o)));
        out.push('#');
        out.push_str(&esc(&q.anchor));
        out.push_str("\">");
        out.push_str(&esc(&reference(ctx, o, q)));
        out.push_str("</a> <span class=\"verdict\">(");
        out.push_str(if sim.identical {
            s.identical
        } else {
            s.modified
        });
        out.push_str(")</span>");
        if !sim.identical && diffs < MAX_DIFFS {
            diffs += 1;
            out.push_str("<p class=\"diff\">");
            out.push_str(&word_diff_html(&q.plain, &p.plain));
            out.push_str("</p>");
        }
        out.push_str("</li>");
    }
    out.push_str("</ul></details>");
    out
}

/// The comparison pages of document `i`: links from its page.
pub fn compare_links(ctx: &Context, i: usize) -> Vec<LinkView> {
    let d = &ctx.docs[i];
    d.compare
        .iter()
        .filter_map(|slug| {
            let j = *ctx.by_slug.get(slug.as_str())?;
            let o = &ctx.docs[j];
            let (a, b) = if i < j { (d, o) } else { (o, d) };
            Some(LinkView {
                path: compare_path(&a.slug, &b.slug),
                label: doc_label(ctx, o),
                ident: None,
            })
        })
        .collect()
}

fn doc_label(ctx: &Context, d: &Document) -> String {
    i18n::doc_reference(
        d.kind,
        d.number.as_deref(),
        d.symbol.as_deref(),
        d.title.as_deref(),
        ctx.english,
    )
}

/// The comparison pages to make: (first, second) in reading order, each once.
pub fn compare_pages(
    docs: &[Document],
    by_slug: &dyn Fn(&str) -> Option<usize>,
) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    for (i, d) in docs.iter().enumerate() {
        for slug in &d.compare {
            if let Some(j) = by_slug(slug).filter(|&j| j > i) {
                out.push((i, j));
            }
        }
    }
    out
}

/// A paragraph in a comparison row.
#[derive(Debug, Clone, Serialize)]
pub struct ComparePara {
    pub reference: String,
    /// Its place on its document's page, from the site root.
    pub path: String,
    pub text: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct CompareRow {
    /// `same`, `modified`, `moved`, `split`, `merged`, `added`, `removed`.
    pub status: &'static str,
    pub label: &'static str,
    pub left: Vec<ComparePara>,
    pub right: Vec<ComparePara>,
    /// The left text changed into the right one, where they differ.
    pub diff_html: Option<String>,
}

/// A comparison page's view (`compare.html`).
#[derive(Debug, Clone, Serialize)]
pub struct CompareView {
    pub left: LinkView,
    pub right: LinkView,
    pub left_title: String,
    pub right_title: String,
    pub s: LineageStrings,
    pub rows: Vec<CompareRow>,
}

/// The comparison of documents `i` and `j`, paragraph by paragraph.
pub fn compare_view(ctx: &Context, i: usize, j: usize) -> CompareView {
    let (a, b) = (&ctx.docs[i], &ctx.docs[j]);
    let s = i18n::lineage_strings(ctx.english);
    let texts = |d: &'_ Document| -> Vec<String> {
        d.paragraphs.iter().map(|p| p.plain.to_string()).collect()
    };
    let (ta, tb) = (texts(a), texts(b));
    let la: Vec<&str> = ta.iter().map(String::as_str).collect();
    let lb: Vec<&str> = tb.iter().map(String::as_str).collect();
    let para = |d: &Document, k: usize| {
        let p = &d.paragraphs[k];
        ComparePara {
            reference: i18n::para_reference(p, ctx.english),
            path: format!("{}#{}", Context::doc_path(d), p.anchor),
            text: p.plain.to_string(),
        }
    };
    let rows = align(&la, &lb)
        .into_iter()
        .map(|r| {
            let join =
                |t: &[&str], ks: &[usize]| ks.iter().map(|&k| t[k]).collect::<Vec<_>>().join(" ");
            let diff_html = match r.status {
                Status::Same | Status::Added | Status::Removed => None,
                _ => Some(word_diff_html(&join(&la, &r.left), &join(&lb, &r.right))),
            };
            CompareRow {
                status: r.status.as_str(),
                label: match r.status {
                    Status::Same => s.same,
                    Status::Modified => s.modified,
                    Status::Moved => s.moved,
                    Status::Split => s.split,
                    Status::Merged => s.merged,
                    Status::Added => s.added,
                    Status::Removed => s.removed,
                },
                left: r.left.iter().map(|&k| para(a, k)).collect(),
                right: r.right.iter().map(|&k| para(b, k)).collect(),
                diff_html,
            }
        })
        .collect();
    let title = |d: &Document| d.title.clone().unwrap_or_else(|| doc_label(ctx, d));
    CompareView {
        left: LinkView {
            path: Context::doc_path(a),
            label: doc_label(ctx, a),
            ident: None,
        },
        right: LinkView {
            path: Context::doc_path(b),
            label: doc_label(ctx, b),
            ident: None,
        },
        left_title: title(a),
        right_title: title(b),
        s,
        rows,
    }
}
