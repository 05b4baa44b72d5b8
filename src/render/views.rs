//! Typed data handed to the templates. A wrong field name is a compile
//! error here, not a blank in a reader's browser.

use super::cite;
use super::i18n::{self, Strings};
use super::markdown::{escape, render_inline};
use super::nav::{self, TocView};
use crate::config::Config;
use crate::memo::{key_of, Memo};
use crate::model::{Citation, DocKind, Document, ParaKind, Paragraph};
use serde::Serialize;
use std::collections::HashMap;
use std::sync::Arc;

/// What every page needs.
#[derive(Debug, Clone, Serialize)]
pub struct SiteView {
    pub title: String,
    pub description: String,
    pub lang: String,
    pub s: Strings,
    /// Absolute base URL, ending in `/`.
    pub base_url: String,
    pub topics: Vec<TopicLink>,
    pub generator: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct TopicLink {
    pub id: String,
    pub label: String,
    pub description: String,
    pub count: usize,
    /// Path from the site root: `topics/{id}/index.html`.
    pub path: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct DocSummary {
    pub slug: String,
    pub path: String,
    pub kind: String,
    pub kind_label: String,
    pub title: String,
    pub reference: String,
    pub body: Option<String>,
    pub number: Option<String>,
    pub number_inferred: bool,
    pub symbol: Option<String>,
    pub date: Option<String>,
    /// The date as the text writes it (« 19 octobre 2012 »).
    pub date_text: Option<String>,
    /// The language of the document's words (dates), when it is not the
    /// interface's: the `lang` of what shows them.
    pub lang: Option<String>,
    pub date_inferred: bool,
    pub paragraphs: usize,
    pub contained_in: Option<String>,
    /// How readers know it, shown first: « Rés. 6/1 », « A/C.3/77/L.2 »
    /// (none when it has neither number nor symbol).
    pub ident: Option<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct KindGroup {
    pub label: String,
    pub kind: String,
    pub docs: Vec<DocSummary>,
}

#[derive(Debug, Clone, Serialize)]
pub struct IndexView {
    pub groups: Vec<KindGroup>,
    pub pages: Vec<DocSummary>,
}

#[derive(Debug, Clone, Serialize)]
pub struct TopicBadge {
    pub id: String,
    pub label: String,
    pub path: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct ParaView {
    /// The element id (the public anchor, or `slug--anchor` in print views).
    pub id: String,
    pub anchor: String,
    pub kind: &'static str,
    pub label: String,
    pub html: String,
    pub reference: String,
    /// Absolute URL of the paragraph (for copying and printing).
    pub url: String,
    /// The reference readers copy: « résolution 6/1 de la Conférence des
    /// Parties, par. 5 ».
    pub cite: String,
    /// The permalink's accessible name: « Lien vers le par. 5 ».
    pub link_label: String,
    /// Shared: every paragraph on a topic shows the same badge.
    pub topics: Vec<Arc<TopicBadge>>,
    /// On its document's page, the paragraphs sharing its wording (HTML,
    /// see `render::lineage`); elsewhere empty.
    pub lineage: String,
}

/// A run of the document: a heading, or a paragraph.
#[derive(Debug, Clone, Serialize)]
pub struct Block {
    pub heading: Option<HeadingView>,
    pub para: Option<ParaView>,
    /// Opens the operative part (a visual divider, not a heading).
    pub part: Option<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct HeadingView {
    /// HTML level (2..4) after shifting under the page's h1.
    pub level: u8,
    pub text: String,
    pub id: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct NoteView {
    pub id: String,
    pub marker: String,
    pub html: String,
    /// Ids of the references that call it, to link back.
    pub backrefs: Vec<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct LinkView {
    pub path: String,
    pub label: String,
    /// The document's number or symbol, for links to documents.
    pub ident: Option<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct DocView {
    pub summary: DocSummary,
    pub formula: Option<String>,
    pub blocks: Vec<Block>,
    pub notes: Vec<NoteView>,
    pub cited_by: Vec<LinkView>,
    pub contained_in: Option<LinkView>,
    pub contains: Vec<LinkView>,
    pub prev: Option<LinkView>,
    pub next: Option<LinkView>,
    pub source: Option<String>,
    pub url: String,
    /// Free Markdown pages: the rendered body.
    pub page_html: Option<String>,
    /// The blocks rendered natively (then `blocks` is empty), see
    /// [`super::fragments`].
    pub text_html: Option<String>,
    /// Whether `text_html` is there. Templates test this, not the text:
    /// Tera escapes a value to judge its truth, megabytes for a long text.
    pub has_text_html: bool,
    /// A long document's table of contents.
    pub toc: Option<TocView>,
    /// How the document is cited (« résolution 6/1 de la Conférence des
    /// Parties »), printed on its pages.
    pub cite: String,
    /// The official document on undocs.org, when its symbol is known.
    pub undocs: Option<String>,
    /// The running headers and footers of its printed pages (CSS, safe in
    /// a `<style>` element).
    pub page_css: String,
    /// Its comparison pages (`lineage.html`), and their heading.
    pub compare: Vec<LinkView>,
    pub compare_label: &'static str,
    /// The label of a paragraph's « find this wording elsewhere » link
    /// (added by `site.js` to its lineage list).
    pub find_wording: &'static str,
}

#[derive(Debug, Clone, Serialize)]
pub struct TopicGroup {
    pub doc: DocSummary,
    pub items: Vec<ParaView>,
    pub notes: Vec<NoteView>,
}

#[derive(Debug, Clone, Serialize)]
pub struct TopicView {
    pub topic: TopicLink,
    pub groups: Vec<TopicGroup>,
    pub print_path: String,
    pub url: String,
    /// The groups rendered natively (then `groups` is empty).
    pub groups_html: Option<String>,
    /// The print view's list of the documents it holds.
    pub included: Vec<nav::IncludedDoc>,
    /// The print view's running headers (CSS, safe in `<style>`).
    pub page_css: String,
}

/// Everything about the compendium that views need, computed once.
pub struct Context<'a> {
    pub config: &'a Config,
    pub docs: &'a [Document],
    pub english: bool,
    pub topic_labels: HashMap<String, String>,
    /// Each configured topic's badge, made once.
    badges: HashMap<String, Arc<TopicBadge>>,
    pub by_slug: HashMap<&'a str, usize>,
    /// Reading order of the UN texts (pages excluded), for previous/next.
    texts: Vec<usize>,
    /// Drafts contained in each report, by the report's slug.
    children: HashMap<&'a str, Vec<usize>>,
    /// Each document's reference (« Rés. 6/1 »), and each paragraph's
    /// inline HTML rendered once with its page-dependent parts left as
    /// placeholders (see [`ParaHtml`]): a paragraph appears on its
    /// document's page, its topic pages and their print views.
    doc_refs: Vec<String>,
    /// Each document as readers cite it (« résolution 6/1 de la
    /// Conférence des Parties »).
    doc_cites: Vec<String>,
    para_html: Vec<Arc<Vec<ParaHtml>>>,
    /// Per document, a key of what its links resolve to (which documents
    /// exist, and where their pages are): with the document's own key, it
    /// decides whether anything rendered from the document can be reused.
    pub links_keys: Vec<u64>,
    /// Paragraphs on each configured topic (in the order of the
    /// configuration), counted once.
    topic_counts: Vec<usize>,
    /// The organs of the documents of each kind and number: a number
    /// two organs share is cited with its organ (see [`Context::names_organ`]).
    pub(crate) number_organs: HashMap<(DocKind, &'a str), Vec<&'a str>>,
}

/// Paragraph HTML of a document, by the keys of the document and its links.
pub type ParaMemo = Memo<Arc<Vec<ParaHtml>>>;

/// Placeholders in a paragraph's pre-rendered HTML: the path to the site
/// root, the page holding the footnotes, the footnotes' id prefix, and the
/// page's id prefix. Private-use characters, which a text carrying them
/// never gets (it is rendered directly instead).
const PH_ROOT: char = '\u{E012}';
const PH_NOTE_BASE: char = '\u{E013}';
const PH_NOTE_PREFIX: char = '\u{E014}';
const PH_PREFIX: char = '\u{E015}';

/// A paragraph's inline HTML, page-independent.
pub enum ParaHtml {
    Template(String),
    /// The text holds placeholder characters itself: render per page.
    Direct,
    /// Not made in advance: the paragraph is shown on one page only (its
    /// document's), rendered there for that page.
    OnePage,
}

impl<'a> Context<'a> {
    pub fn new(config: &'a Config, docs: &'a [Document]) -> Context<'a> {
        Context::new_with(config, docs, None)
    }

    /// As [`Context::new`]; in watch mode, with the paragraph HTML memo
    /// and each document's key.
    pub fn new_with(
        config: &'a Config,
        docs: &'a [Document],
        memo: Option<(&ParaMemo, &[u64])>,
    ) -> Context<'a> {
        let english = config.english();
        let topic_labels: HashMap<String, String> = config
            .topics
            .iter()
            .map(|t| {
                let label = if english {
                    t.label_en.clone().unwrap_or(t.label.clone())
                } else {
                    t.label.clone()
                };
                (t.id.clone(), label)
            })
            .collect();
        let by_slug = docs
            .iter()
            .enumerate()
            .map(|(i, d)| (d.slug.as_str(), i))
            .collect();
        let texts = (0..docs.len())
            .filter(|&j| docs[j].kind != DocKind::Page)
            .collect();
        let mut children: HashMap<&str, Vec<usize>> = HashMap::new();
        for (j, d) in docs.iter().enumerate() {
            if let Some(parent) = d.contained_in.as_deref() {
                children.entry(parent).or_default().push(j);
            }
        }
        let mut number_organs: HashMap<(DocKind, &str), Vec<&str>> = HashMap::new();
        for d in docs {
            if let (Some(n), Some(code)) = (d.number.as_deref(), d.body_code.as_deref()) {
                let codes = number_organs.entry((d.kind, n)).or_default();
                if !codes.contains(&code) {
                    codes.push(code);
                }
            }
        }
        let badges = topic_labels
            .iter()
            .map(|(id, label)| (id.clone(), Arc::new(badge(id, label))))
            .collect();
        let mut ctx = Context {
            config,
            docs,
            english,
            topic_labels,
            badges,
            by_slug,
            texts,
            children,
            doc_refs: Vec::new(),
            doc_cites: Vec::new(),
            para_html: Vec::new(),
            links_keys: Vec::new(),
            topic_counts: Vec::new(),
            number_organs,
        };
        use rayon::prelude::*;
        if memo.is_some() {
            ctx.links_keys = docs.par_iter().map(|d| ctx.links_key(d)).collect();
        }
        let (refs, html): (Vec<String>, Vec<Arc<Vec<ParaHtml>>>) = docs
            .par_iter()
            .enumerate()
            .map(|(di, d)| {
                let render = || {
                    Arc::new(
                        d.paragraphs
                            .iter()
                            .map(|p| ctx.para_template(d.kind, p))
                            .collect(),
                    )
                };
                let paras = match memo {
                    Some((m, keys)) => m.get_or(key_of(&(keys[di], ctx.links_keys[di])), render),
                    // A one-shot build shows a paragraph on no topic once,
                    // on its document's page: made there, not kept.
                    None => Arc::new(
                        d.paragraphs
                            .iter()
                            .map(|p| match p.topics.is_empty() {
                                true => ParaHtml::OnePage,
                                false => ctx.para_template(d.kind, p),
                            })
                            .collect(),
                    ),
                };
                (ctx.doc_reference(d), paras)
            })
            .unzip();
        ctx.doc_refs = refs;
        ctx.para_html = html;
        ctx.doc_cites = docs.par_iter().map(|d| ctx.doc_cite(d)).collect();
        // One pass over the paragraphs for every topic's count (the home
        // page, every page's navigation and the search index show them).
        let ids: Vec<&str> = config.topics.iter().map(|t| t.id.as_str()).collect();
        ctx.topic_counts = docs
            .par_iter()
            .map(|d| {
                let mut n = vec![0usize; ids.len()];
                for p in d.paragraphs.iter().filter(|p| !p.topics.is_empty()) {
                    for (i, id) in ids.iter().enumerate() {
                        n[i] += usize::from(p.topics.iter().any(|t| t == id));
                    }
                }
                n
            })
            .reduce(
                || vec![0; ids.len()],
                |a, b| a.iter().zip(&b).map(|(x, y)| x + y).collect(),
            );
        ctx
    }

    /// What `d`'s citations resolve to: for each target, whether it is in
    /// the compendium and where its page lives.
    fn links_key(&self, d: &Document) -> u64 {
        let cites = d
            .paragraphs
            .iter()
            .flat_map(|p| p.citations.iter().chain(&p.mentions))
            .chain(d.notes.iter().flat_map(|n| &n.citations));
        let targets: Vec<(&str, Option<DocKind>)> = cites
            .filter_map(|c| c.target.as_deref())
            .map(|t| {
                let slug = t.split('#').next().unwrap_or(t);
                (slug, self.by_slug.get(slug).map(|&j| self.docs[j].kind))
            })
            .collect();
        key_of(&targets)
    }

    pub fn site_view(&self) -> SiteView {
        let s = i18n::strings(self.english);
        SiteView {
            title: self.config.title.clone(),
            description: self.config.description.clone(),
            lang: s.lang.to_string(),
            s,
            base_url: self.config.base(),
            topics: self.topic_links(),
            generator: format!("compendium {}", env!("CARGO_PKG_VERSION")),
        }
    }

    pub fn topic_links(&self) -> Vec<TopicLink> {
        self.config
            .topics
            .iter()
            .zip(&self.topic_counts)
            .map(|(t, &count)| {
                let description = if self.english {
                    t.description_en.clone().unwrap_or(t.description.clone())
                } else {
                    t.description.clone()
                };
                TopicLink {
                    id: t.id.clone(),
                    label: self.topic_labels[&t.id].clone(),
                    description,
                    count,
                    path: format!("topics/{}/index.html", t.id),
                }
            })
            .collect()
    }

    /// Free the paragraphs' HTML once the pages that show it are made (the
    /// JSON, the search index and Akoma Ntoso do not read it).
    pub fn release_paragraph_html(&mut self) {
        self.para_html = Vec::new();
    }

    pub fn doc_path(d: &Document) -> String {
        if d.kind == DocKind::Page {
            format!("pages/{}/index.html", d.slug)
        } else {
            format!("documents/{}/index.html", d.slug)
        }
    }

    /// Public, pretty URL of a document (what people cite).
    pub fn doc_url(&self, d: &Document) -> String {
        let dir = if d.kind == DocKind::Page {
            "pages"
        } else {
            "documents"
        };
        format!("{}{dir}/{}/", self.config.base(), d.slug)
    }

    pub fn summary(&self, d: &Document) -> DocSummary {
        let reference = i18n::doc_reference(
            d.kind,
            d.number.as_deref(),
            d.symbol.as_deref(),
            d.title.as_deref(),
            self.english,
        );
        let title = d
            .title
            .clone()
            .or_else(|| d.symbol.clone())
            .or_else(|| d.number.clone())
            .unwrap_or_else(|| d.slug.clone());
        let lang = cite::doc_lang(d, if self.english { "en" } else { "fr" });
        // (A document with no title goes by its number or symbol already.)
        let ident = (d.title.is_some() && (d.number.is_some() || d.symbol.is_some()))
            .then(|| reference.clone());
        DocSummary {
            date_text: d.date.as_deref().map(|iso| cite::format_date(iso, lang)),
            lang: (lang != if self.english { "en" } else { "fr" }).then(|| lang.to_string()),
            ident,
            slug: d.slug.clone(),
            path: Context::doc_path(d),
            kind: d.kind.as_str().to_string(),
            kind_label: i18n::kind_singular(d.kind, self.english).to_string(),
            title,
            reference,
            body: d.body.clone(),
            number: d.number.clone(),
            number_inferred: d.number_inferred,
            symbol: d.symbol.clone(),
            date: d.date.clone(),
            date_inferred: d.date_inferred,
            paragraphs: d.paragraphs.len(),
            contained_in: d.contained_in.clone(),
        }
    }

    pub fn index_view(&self) -> IndexView {
        let s = i18n::strings(self.english);
        let mut groups = Vec::new();
        for kind in [
            DocKind::Resolution,
            DocKind::Decision,
            DocKind::DraftResolution,
            DocKind::Report,
        ] {
            let docs: Vec<DocSummary> = self
                .docs
                .iter()
                .filter(|d| d.kind == kind)
                .map(|d| self.summary(d))
                .collect();
            if !docs.is_empty() {
                groups.push(KindGroup {
                    label: i18n::kind_plural(kind, &s).to_string(),
                    kind: kind.as_str().to_string(),
                    docs,
                });
            }
        }
        let pages = self
            .docs
            .iter()
            .filter(|d| d.kind == DocKind::Page)
            .map(|d| self.summary(d))
            .collect();
        IndexView { groups, pages }
    }

    fn doc_reference(&self, d: &Document) -> String {
        i18n::doc_reference(
            d.kind,
            d.number.as_deref(),
            d.symbol.as_deref(),
            d.title.as_deref(),
            self.english,
        )
    }

    /// Inline HTML of a paragraph for a page: `prefix` namespaces ids
    /// (print views hold many documents), `note_base` is where footnotes
    /// live ("" for the same page, or the document's path when the
    /// paragraph is shown elsewhere).
    fn para_html(
        &self,
        kind: DocKind,
        p: &Paragraph,
        prefix: &str,
        root: &str,
        note_base: &str,
    ) -> String {
        let note_prefix = if note_base.is_empty() { prefix } else { "" };
        let note_href =
            |m: &str| format!("{note_base}#{note_prefix}{}", crate::model::note_anchor(m));
        let ref_id = |m: &str| format!("{prefix}ref-{}-{}", crate::model::note_anchor(m), p.anchor);
        let html = render_inline(&p.text, &note_href, &ref_id);
        let html = link_citations(&html, p.citations.iter().chain(&p.mentions), self, root);
        emphasis(kind, p, html)
    }

    fn para_template(&self, kind: DocKind, p: &Paragraph) -> ParaHtml {
        // (A text holding a placeholder character itself is rendered for
        // each page instead; their encodings all begin with 0xEE.)
        if memchr::memchr(0xEE, p.text.as_bytes()).is_some()
            && p.text
                .contains([PH_ROOT, PH_NOTE_BASE, PH_NOTE_PREFIX, PH_PREFIX])
        {
            return ParaHtml::Direct;
        }
        let note_href = |m: &str| {
            format!(
                "{PH_NOTE_BASE}#{PH_NOTE_PREFIX}{}",
                crate::model::note_anchor(m)
            )
        };
        let ref_id = |m: &str| {
            format!(
                "{PH_PREFIX}ref-{}-{}",
                crate::model::note_anchor(m),
                p.anchor
            )
        };
        let html = render_inline(&p.text, &note_href, &ref_id);
        let root = PH_ROOT.to_string();
        let html = link_citations(&html, p.citations.iter().chain(&p.mentions), self, &root);
        ParaHtml::Template(emphasis(kind, p, html))
    }

    /// A paragraph's view on a page (see [`Context::para_html`] for the
    /// arguments); `di` and `pi` number the document and the paragraph.
    pub fn para_view(
        &self,
        di: usize,
        pi: usize,
        prefix: &str,
        root: &str,
        note_base: &str,
    ) -> ParaView {
        let d = &self.docs[di];
        let p = &d.paragraphs[pi];
        let html = match &self.para_html[di][pi] {
            ParaHtml::Template(t) => {
                let note_prefix = if note_base.is_empty() { prefix } else { "" };
                fill_placeholders(t, root, note_base, note_prefix, prefix)
            }
            ParaHtml::Direct | ParaHtml::OnePage => {
                self.para_html(d.kind, p, prefix, root, note_base)
            }
        };
        let reference = format!(
            "{}, {}",
            self.doc_refs[di],
            i18n::para_reference(p, self.english)
        );
        let mut url = self.doc_url(d);
        url.push('#');
        url.push_str(&p.anchor);
        let cite = format!(
            "{}, {}",
            self.doc_cites[di],
            cite::para_cite(p, self.english)
        );
        ParaView {
            cite,
            link_label: cite::permalink_label(p, self.english),
            id: format!("{prefix}{}", p.anchor),
            anchor: p.anchor.clone(),
            kind: match (p.kind, p.dash, p.letter.is_some()) {
                // A dash item is indented like a sub-paragraph, one step
                // more under a lettered one.
                (Some(ParaKind::AnnexItem), true, false) => "annex_item dash",
                (Some(ParaKind::AnnexItem), true, true) => "annex_item dash nested",
                (_, true, false) => "subparagraph dash",
                (_, true, true) => "subparagraph dash nested",
                (k, false, _) => k.map(kind_class).unwrap_or(""),
            },
            label: i18n::para_label(p),
            html,
            reference,
            url,
            topics: p
                .topics
                .iter()
                .map(|t| match self.badges.get(t) {
                    Some(b) => b.clone(),
                    None => Arc::new(badge(t, t)),
                })
                .collect(),
            lineage: String::new(),
        }
    }

    pub fn note_views(
        &self,
        d: &Document,
        prefix: &str,
        root: &str,
        only: Option<&[String]>,
    ) -> Vec<NoteView> {
        d.notes
            .iter()
            .filter(|n| only.is_none_or(|o| o.contains(&n.marker)))
            .map(|n| {
                let id = format!("{prefix}{}", crate::model::note_anchor(&n.marker));
                let html = render_inline(
                    &n.text,
                    &|m| format!("#{prefix}{}", crate::model::note_anchor(m)),
                    &|m| format!("{prefix}ref-{}-{}", crate::model::note_anchor(m), id),
                );
                let html = link_citations(&html, n.citations.iter(), self, root);
                let backrefs = d
                    .paragraphs
                    .iter()
                    .filter(|p| p.footnotes.contains(&n.marker))
                    .map(|p| {
                        format!(
                            "{prefix}ref-{}-{}",
                            crate::model::note_anchor(&n.marker),
                            p.anchor
                        )
                    })
                    .collect();
                NoteView {
                    id,
                    marker: n.marker.clone(),
                    html,
                    backrefs,
                }
            })
            .collect()
    }

    /// Fill in the text of a [`Context::doc_view_meta`] view: blocks,
    /// notes, and a free page's Markdown body.
    pub fn add_doc_text(&self, view: &mut DocView, i: usize, root: &str) {
        let d = &self.docs[i];
        view.blocks = self.doc_blocks(i, root);
        view.notes = self.note_views(d, "", root, None);
        view.page_html = d.markdown.as_deref().map(super::markdown::render_page);
    }

    /// A document's blocks: headings and paragraphs in reading order.
    pub fn doc_blocks(&self, i: usize, root: &str) -> Vec<Block> {
        let d = &self.docs[i];
        let mut blocks = Vec::new();
        let ids = nav::heading_ids(d);
        let mut headings = d.headings.iter().zip(ids).peekable();
        let mut operative_started = false;
        for (pi, p) in d.paragraphs.iter().enumerate() {
            while let Some((h, id)) = headings.next_if(|(h, _)| h.before <= pi) {
                blocks.push(heading_block(h, id));
            }
            let mut part = None;
            if d.kind.is_resolution_like()
                && p.kind == Some(ParaKind::Operative)
                && !operative_started
            {
                operative_started = true;
                part = Some("operative".to_string());
            }
            let mut para = self.para_view(i, pi, "", root, "");
            para.lineage = super::lineage::paragraph_html(self, i, pi, root);
            blocks.push(Block {
                heading: None,
                para: Some(para),
                part,
            });
        }
        for (h, id) in headings {
            blocks.push(heading_block(h, id));
        }
        blocks
    }

    /// A document's view without its text (blocks, notes, Markdown body):
    /// what the page takes from other documents and the site.
    pub fn doc_view_meta(&self, i: usize) -> DocView {
        let d = &self.docs[i];
        let link = |j: usize| {
            let o = &self.docs[j];
            let summary = self.summary(o);
            LinkView {
                path: summary.path,
                label: summary.title,
                ident: summary.ident,
            }
        };
        let texts = &self.texts;
        let pos = texts.binary_search(&i).ok();
        let prev = pos.and_then(|p| p.checked_sub(1)).map(|p| link(texts[p]));
        let next = pos.and_then(|p| texts.get(p + 1)).map(|&j| link(j));
        let cited_by = d
            .cited_by
            .iter()
            .filter_map(|c| {
                let j = *self.by_slug.get(c.slug.as_str())?;
                let o = &self.docs[j];
                let label = match o.paragraphs.iter().find(|p| p.anchor == c.anchor) {
                    Some(p) => format!(
                        "{}, {}",
                        i18n::doc_reference(
                            o.kind,
                            o.number.as_deref(),
                            o.symbol.as_deref(),
                            o.title.as_deref(),
                            self.english
                        ),
                        i18n::para_reference(p, self.english)
                    ),
                    None => format!(
                        "{}, note {}",
                        i18n::doc_reference(
                            o.kind,
                            o.number.as_deref(),
                            o.symbol.as_deref(),
                            o.title.as_deref(),
                            self.english
                        ),
                        c.anchor.trim_start_matches("fn")
                    ),
                };
                Some(LinkView {
                    path: format!("{}#{}", Context::doc_path(o), c.anchor),
                    label,
                    ident: None,
                })
            })
            .collect();
        let contained_in = d
            .contained_in
            .as_deref()
            .and_then(|s| self.by_slug.get(s))
            .map(|&j| link(j));
        let contains = self
            .children
            .get(d.slug.as_str())
            .map(|v| v.iter().map(|&j| link(j)).collect())
            .unwrap_or_default();
        let formula = if d.kind.is_resolution_like() {
            d.body
                .as_ref()
                .map(|b| format!("{},", b.trim_end_matches(',')))
        } else {
            None
        };
        let ui = if self.english { "en" } else { "fr" };
        let summary = self.summary(d);
        let url = self.doc_url(d);
        let what = summary
            .ident
            .clone()
            .unwrap_or_else(|| summary.reference.clone());
        DocView {
            toc: nav::toc(d, self.english),
            cite: self.doc_cites[i].clone(),
            undocs: cite::undocs_url(d, ui),
            page_css: nav::page_css(&what, &self.config.title, &url),
            summary,
            formula,
            blocks: Vec::new(),
            notes: Vec::new(),
            cited_by,
            contained_in,
            contains,
            prev,
            next,
            source: d.source.clone(),
            url,
            page_html: None,
            text_html: None,
            has_text_html: false,
            compare: super::lineage::compare_links(self, i),
            compare_label: i18n::lineage_strings(self.english).compare_with,
            find_wording: i18n::lineage_strings(self.english).find_wording,
        }
    }

    /// A key of what [`Context::doc_view_meta`] makes document `i`'s view
    /// from, given `key(j)`, a key of everything document `j` holds: the
    /// document itself, and in their roles the other documents it shows
    /// something of (previous and next, the report containing it, the
    /// drafts it contains, the documents citing it). Watch mode keys a
    /// page by it instead of making the view to hash it.
    pub fn doc_view_key(&self, i: usize, key: &dyn Fn(usize) -> u64) -> u64 {
        let d = &self.docs[i];
        let pos = self.texts.binary_search(&i).ok();
        let prev = pos
            .and_then(|p| p.checked_sub(1))
            .map(|p| key(self.texts[p]));
        let next = pos.and_then(|p| self.texts.get(p + 1)).map(|&j| key(j));
        let contained_in = d
            .contained_in
            .as_deref()
            .and_then(|s| self.by_slug.get(s))
            .map(|&j| key(j));
        let contains: Vec<u64> = self
            .children
            .get(d.slug.as_str())
            .map(|v| v.iter().map(|&j| key(j)).collect())
            .unwrap_or_default();
        let citing: Vec<Option<u64>> = d
            .cited_by
            .iter()
            .map(|c| self.by_slug.get(c.slug.as_str()).map(|&j| key(j)))
            .collect();
        // (Whether its references name its organ depends on the others'
        // numbers: see [`Context::names_organ`].)
        let organ = self.names_organ(d);
        // Agreed language: the documents its paragraphs share wording with
        // and those it is compared with (their references, their text).
        let mut sharing: Vec<usize> = d
            .paragraphs
            .iter()
            .flat_map(|p| &p.similar)
            .map(|s| s.slug.as_str())
            .chain(d.compare.iter().map(String::as_str))
            .filter_map(|s| self.by_slug.get(s).copied())
            .collect();
        sharing.sort_unstable();
        sharing.dedup();
        let sharing: Vec<u64> = sharing.into_iter().map(key).collect();
        key_of(&(
            key(i),
            prev,
            next,
            contained_in,
            contains,
            citing,
            organ,
            sharing,
        ))
    }

    pub fn topic_view(&self, topic: &TopicLink, prefixed: bool, root: &str) -> TopicView {
        let mut view = self.topic_shell(topic);
        if prefixed {
            view.included = self.topic_included(&topic.id);
        }
        view.groups = (0..self.docs.len())
            .filter_map(|di| self.topic_group(di, &topic.id, prefixed, root))
            .collect();
        view
    }

    /// A topic page's view without its groups.
    pub fn topic_shell(&self, topic: &TopicLink) -> TopicView {
        TopicView {
            topic: topic.clone(),
            groups: Vec::new(),
            print_path: format!("topics/{}/print/index.html", topic.id),
            url: format!("{}topics/{}/", self.config.base(), topic.id),
            groups_html: None,
            included: Vec::new(),
            page_css: nav::page_css(&topic.label, &self.config.title, ""),
        }
    }

    /// Document `di`'s paragraphs on topic `topic`, if it has any;
    /// `prefixed` for the print view (ids namespaced, notes carried).
    pub fn topic_group(
        &self,
        di: usize,
        topic: &str,
        prefixed: bool,
        root: &str,
    ) -> Option<TopicGroup> {
        let d = &self.docs[di];
        let paras: Vec<(usize, &Paragraph)> = d
            .paragraphs
            .iter()
            .enumerate()
            .filter(|(_, p)| p.topics.iter().any(|t| t == topic))
            .collect();
        if paras.is_empty() {
            return None;
        }
        let prefix = format!("{}--", d.slug);
        // The index links footnotes to the document; the print view carries them.
        let note_base = if prefixed {
            String::new()
        } else {
            format!("{root}{}", Context::doc_path(d))
        };
        let items: Vec<ParaView> = paras
            .iter()
            .map(|&(pi, _)| self.para_view(di, pi, &prefix, root, &note_base))
            .collect();
        let called: Vec<String> = paras
            .iter()
            .flat_map(|(_, p)| p.footnotes.clone())
            .collect();
        let notes = if prefixed {
            self.note_views(d, &prefix, root, Some(&called))
        } else {
            Vec::new()
        };
        Some(TopicGroup {
            doc: self.summary(d),
            items,
            notes,
        })
    }
}

/// The badge of topic `id` on a paragraph.
fn badge(id: &str, label: &str) -> TopicBadge {
    TopicBadge {
        id: id.to_string(),
        label: label.to_string(),
        path: format!("topics/{id}/index.html"),
    }
}

/// UN typography: the opening participle or verb in italics, in
/// resolutions, decisions and drafts (see [`super::emphasis`]).
fn emphasis(kind: DocKind, p: &Paragraph, html: String) -> String {
    if kind.is_resolution_like() {
        super::emphasis::un_emphasis(&html, p.kind)
    } else {
        html
    }
}

fn kind_class(k: ParaKind) -> &'static str {
    match k {
        ParaKind::Preamble => "preamble",
        ParaKind::Operative => "operative",
        ParaKind::Subparagraph => "subparagraph",
        ParaKind::AnnexItem => "annex_item",
        ParaKind::ReportPara => "report_para",
    }
}

fn heading_block(h: &crate::model::Heading, id: String) -> Block {
    Block {
        heading: Some(HeadingView {
            level: h.level.clamp(2, 4),
            text: h.text.clone(),
            id,
        }),
        para: None,
        part: None,
    }
}

/// Put a page's values in place of a paragraph template's placeholders
/// (see [`PH_ROOT`]: private-use characters no text holds).
fn fill_placeholders(
    template: &str,
    root: &str,
    note_base: &str,
    note_prefix: &str,
    prefix: &str,
) -> String {
    // The placeholders are private-use characters U+E012..U+E015, encoded
    // EE 80 92..95: look for their first byte (rare in text) a block at a time.
    let bytes = template.as_bytes();
    let mut out = String::with_capacity(template.len() + 64);
    let (mut copied, mut at) = (0, 0);
    while let Some(i) = memchr::memchr(0xEE, &bytes[at..]).map(|i| at + i) {
        at = i + 1;
        let value = match bytes.get(i + 1..i + 3) {
            Some([0x80, 0x92]) => root,
            Some([0x80, 0x93]) => note_base,
            Some([0x80, 0x94]) => note_prefix,
            Some([0x80, 0x95]) => prefix,
            _ => continue,
        };
        out.push_str(&template[copied..i]);
        out.push_str(value);
        copied = i + 3;
        at = copied;
    }
    out.push_str(&template[copied..]);
    out
}

/// Wrap each citation's words in a link, in order of appearance.
fn link_citations<'c>(
    html: &str,
    cites: impl Iterator<Item = &'c Citation>,
    ctx: &Context,
    root: &str,
) -> String {
    let mut out = html.to_string();
    let mut from = 0;
    let mut cites: Vec<&Citation> = cites.collect();
    // Mentions come after citations in the list; link in text order.
    cites.sort_by_key(|c| html.find(&escape(&c.surface)).unwrap_or(usize::MAX));
    for c in cites {
        let href = match (&c.target, &c.href) {
            (Some(t), _) => {
                let (slug, anchor) = t.split_once('#').unwrap_or((t.as_str(), ""));
                let Some(&j) = ctx.by_slug.get(slug) else {
                    continue;
                };
                let path = Context::doc_path(&ctx.docs[j]);
                if anchor.is_empty() {
                    format!("{root}{path}")
                } else {
                    format!("{root}{path}#{anchor}")
                }
            }
            (None, Some(h)) => h.clone(),
            (None, None) => continue,
        };
        let surface = escape(&c.surface);
        let Some(pos) = out[from..].find(&surface).map(|p| p + from) else {
            continue;
        };
        // Never inside a tag.
        if out[..pos].rfind('<') > out[..pos].rfind('>') {
            continue;
        }
        let class = if c.target.is_some() {
            "cite internal"
        } else {
            "cite external"
        };
        let link = format!(
            "<a class=\"{class}\" href=\"{}\" title=\"{}\">{surface}</a>",
            escape(&href),
            escape(&i18n::citation_title(&c.cited, ctx.english))
        );
        out.replace_range(pos..pos + surface.len(), &link);
        from = pos + link.len();
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn placeholders_are_filled_and_other_private_use_characters_kept() {
        let template = format!(
            "<a href=\"{PH_ROOT}x\">\u{E000}é</a>{PH_NOTE_BASE}#{PH_NOTE_PREFIX}fn1 {PH_PREFIX}ref\u{E0FF}{PH_ROOT}"
        );
        assert_eq!(
            fill_placeholders(&template, "../../", "base", "np-", "p-"),
            "<a href=\"../../x\">\u{E000}é</a>base#np-fn1 p-ref\u{E0FF}../../"
        );
        assert_eq!(fill_placeholders("", "r", "b", "n", "p"), "");
        assert_eq!(
            fill_placeholders("plain « texte »", "r", "b", "n", "p"),
            "plain « texte »"
        );
    }
}
