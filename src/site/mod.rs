//! `site`: build orchestration. [`Site::load`] reads the configuration and
//! the content and runs the analysis; [`Site::render_into`] renders every
//! file into a [`Sink`]: [`build`] streams them into a new output directory
//! swapped in atomically, watch mode keeps them in memory ([`Site::render`]).

pub mod check;
mod dirsink;
pub mod external;
pub mod feed;
pub mod json;
pub mod output;
pub mod search;
pub mod sitemap;
pub mod swap;

use crate::analyze::topics::{TopicRules, Topics};
use crate::analyze::{analyze_with, compile_topics, document_key, AnalysisMemo};
use crate::config::Config;
use crate::content;
use crate::error::{Located, Problems};
use crate::memo::{key_of, Memo};
use crate::model::{DocKind, Document};
use crate::render::fragments::{self, Native};
use crate::render::head::{self, PageHead};
use crate::render::marks;
use crate::render::templates::{load_templates, tera_error_chain, ASSETS};
use crate::render::views::{Context as ViewContext, ParaMemo, SiteView, TopicGroup, TopicLink};
use anyhow::{anyhow, Context, Result};
use output::{MemorySink, Output, Sink};
use rayon::prelude::*;
use search::{DocEntry, DocWords, Vocabulary};
use serde::Serialize;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::Instant;

/// Where to read and write, after command-line overrides.
#[derive(Debug, Clone)]
pub struct BuildOptions {
    pub config_path: PathBuf,
    /// The configuration was named (`--config`): it must exist.
    pub config_required: bool,
    pub content_dir: Option<PathBuf>,
    pub output_dir: Option<PathBuf>,
    pub base_url: Option<String>,
    /// The size above which a stems part of the search index is split
    /// (tests make it small, to split the seeds' parts).
    pub search_part_limit: usize,
}

impl BuildOptions {
    pub fn new(config_path: impl Into<PathBuf>) -> BuildOptions {
        BuildOptions {
            config_path: config_path.into(),
            config_required: false,
            content_dir: None,
            output_dir: None,
            base_url: None,
            search_part_limit: search::PART_LIMIT,
        }
    }
}

/// A loaded, analysed site ready to render.
pub struct Site {
    pub config: Config,
    /// Directory holding `site.yaml`; relative paths are resolved from it.
    pub root: PathBuf,
    pub content_dir: PathBuf,
    pub output_dir: PathBuf,
    pub theme_dir: PathBuf,
    pub docs: Vec<Document>,
    pub warnings: Vec<Located>,
    tera: Arc<tera::Tera>,
    /// Loops of the built-in templates rendered natively (see
    /// [`crate::render::fragments`]); tests turn them off to compare.
    pub native: Native,
    /// Compiled once per configuration: rebuilds reuse them. None in a
    /// site loaded for one build, once its documents are analysed.
    topic_rules: Option<std::sync::Arc<Topics>>,
    /// What rebuilds reuse from the previous build (watch mode only: a
    /// one-shot build has nothing to reuse).
    memos: Option<Arc<Memos>>,
    /// Whether document pages may show topic counts (a theme overrides
    /// their templates); the built-in ones do not, so an edit that changes
    /// a count leaves the other documents' pages as they were.
    doc_pages_show_counts: bool,
    /// See [`BuildOptions::search_part_limit`].
    search_part_limit: usize,
}

/// The data every page shares, and fingerprints of it for the memo tables:
/// all of it, and all but the topic counts.
struct SiteData {
    view: SiteView,
    fingerprint: u64,
    fingerprint_text: u64,
}

/// What watch mode keeps between rebuilds (see [`crate::memo`]).
#[derive(Default)]
pub struct Memos {
    analysis: AnalysisMemo,
    paragraphs: ParaMemo,
    /// Whole files: pages, Akoma Ntoso documents.
    files: Memo<Arc<Vec<u8>>>,
    /// Parts of files: a document's JSON, its text in the search index.
    parts: Memo<Arc<str>>,
    /// A document's group on a topic page.
    groups: Memo<Arc<str>>,
    words: Memo<Arc<DocWords>>,
    /// A document's share of the search index.
    entries: Memo<Arc<DocEntry>>,
    /// The search index's stems parts (see [`Site::stems_parts_kept`]).
    stems_parts: std::sync::Mutex<KeptParts>,
    /// The corpus vocabulary, updated document by document.
    vocabulary: std::sync::Mutex<Vocabulary>,
}

/// A stems part of the search index: the places of the entries it was made
/// from, and its files.
type StemsPart = (Vec<u32>, Arc<search::PartFiles>);

/// The stems parts of the last build and the entries they were made from
/// (kept alive, so that an entry still there is told by its address).
#[derive(Default)]
struct KeptParts {
    entries: Vec<Arc<DocEntry>>,
    parts: rustc_hash::FxHashMap<u32, StemsPart>,
}

impl Memos {
    fn rotate(&self) {
        self.analysis.rotate();
        self.paragraphs.rotate();
        self.files.rotate();
        self.parts.rotate();
        self.groups.rotate();
        self.words.rotate();
        self.entries.rotate();
    }
}

/// Stands for the groups in a topic page's template output, replaced by
/// them afterwards: Tera need not copy megabytes of HTML through its context.
const GROUPS_MARK: &str = "\u{E016}";

/// Processor time this process has used so far, all threads, user and
/// system (in clock ticks of 10 ms), where the system tells it.
pub fn processor_ms() -> Option<u64> {
    let s = std::fs::read_to_string("/proc/self/stat").ok()?;
    // The fields after the command name, which is in parentheses.
    let after = &s[s.rfind(')')? + 2..];
    let f: Vec<&str> = after.split_whitespace().collect();
    let ticks: u64 = f.get(11)?.parse::<u64>().ok()? + f.get(12)?.parse::<u64>().ok()?;
    Some(ticks * 10)
}

/// Time each step, as Zola's `log_time` does, when COMPENDIUM_TIMING is set.
/// With the resident memory then, where the system tells it.
pub(crate) fn log_time(step: &str, since: Instant) {
    if std::env::var_os("COMPENDIUM_TIMING").is_some() {
        let rss = std::fs::read_to_string("/proc/self/status")
            .ok()
            .and_then(|s| {
                let kb = |key: &str| -> Option<u64> {
                    let line = s.lines().find(|l| l.starts_with(key))?;
                    line.split_whitespace().nth(1)?.parse().ok()
                };
                Some(format!(
                    " ({} MB resident, peak {} MB)",
                    kb("VmRSS:")? / 1024,
                    kb("VmHWM:")? / 1024
                ))
            })
            .unwrap_or_default();
        // How busy the cores were between two steps.
        let cpu = processor_ms()
            .map(|ms| format!(", {ms} ms of processor time so far"))
            .unwrap_or_default();
        eprintln!(
            "  {step}: {:.1} ms{rss}{cpu}",
            since.elapsed().as_secs_f64() * 1000.0
        );
    }
}

impl Site {
    pub fn load(opts: &BuildOptions) -> Result<Site> {
        Site::load_with(opts, Site::load_config(opts)?)
    }

    /// As [`Site::load`], with the configuration already read.
    fn load_with(opts: &BuildOptions, config: Config) -> Result<Site> {
        let t = Instant::now();
        // The content is read while the templates and topic rules compile
        // (tens of milliseconds, most of it one topic's regexes).
        let content_dir = Site::content_dir_of(opts, &config);
        let (shell, content) = rayon::join(
            || Site::shell_with(opts, config),
            || content::load_dir(&content_dir),
        );
        let shell = shell?;
        let (docs, warnings) = content.map_err(|p| anyhow!(p))?;
        log_time("config, templates and content", t);
        let mut site = shell.with_documents(docs, warnings)?;
        // Nothing after analysis reads the rules. Their automata and the
        // regexes' caches (~5 MB at 1,000 documents) are freed for the
        // rendering to reuse: peak memory ~108 -> ~102 MB at 1,000 documents.
        site.topic_rules = None;
        Ok(site)
    }

    /// A new site with the same configuration and theme and other content
    /// (watch mode re-parses only the files that changed). `self` is left
    /// untouched, so a failed rebuild keeps the last good site.
    pub fn with_documents(&self, mut docs: Vec<Document>, warnings: Vec<Located>) -> Result<Site> {
        let t = Instant::now();
        let memo = self.memos.as_deref().map(|m| &m.analysis);
        let rules = match &self.topic_rules {
            Some(r) => r.clone(),
            None => std::sync::Arc::new(
                compile_topics(&self.config)
                    .map_err(|e| topic_error(&self.root.join("site.yaml"), e))?,
            ),
        };
        analyze_with(&mut docs, &self.config, &rules, memo).map_err(|p| anyhow!(p))?;
        let mut warnings = warnings;
        warnings.extend(unknown_containers(&docs));
        log_time("analysis", t);
        Ok(Site {
            config: self.config.clone(),
            root: self.root.clone(),
            content_dir: self.content_dir.clone(),
            output_dir: self.output_dir.clone(),
            theme_dir: self.theme_dir.clone(),
            docs,
            warnings,
            tera: self.tera.clone(),
            native: self.native,
            topic_rules: Some(rules),
            memos: self.memos.clone(),
            doc_pages_show_counts: self.doc_pages_show_counts,
            search_part_limit: self.search_part_limit,
        })
    }

    /// Load only the configuration and theme (watch mode keeps its own
    /// content cache).
    pub fn load_shell(opts: &BuildOptions) -> Result<Site> {
        Site::shell_with(opts, Site::load_config(opts)?)
    }

    /// The configuration, with the command line's overrides.
    fn load_config(opts: &BuildOptions) -> Result<Config> {
        let mut config = Config::load_from(&opts.config_path, opts.config_required)
            .map_err(|e| anyhow!(Problems::single(e)))?;
        if let Some(b) = &opts.base_url {
            crate::config::check_base_url(b).map_err(|e| anyhow!("--base-url: {e}"))?;
            config.base_url = b.clone();
        }
        Ok(config)
    }

    /// Where the site goes: `-o`, else `output_dir` of the configuration.
    fn output_dir_of(opts: &BuildOptions, config: &Config) -> PathBuf {
        opts.output_dir
            .clone()
            .unwrap_or_else(|| site_root(&opts.config_path).join(&config.output_dir))
    }

    fn content_dir_of(opts: &BuildOptions, config: &Config) -> PathBuf {
        opts.content_dir
            .clone()
            .unwrap_or_else(|| site_root(&opts.config_path).join(&config.content_dir))
    }

    /// The files of `assets/`: the built-in ones, each replaced by the
    /// theme's `static/` file of the same name, and the theme's others.
    fn theme_assets(&self) -> Result<std::collections::BTreeMap<String, Arc<Vec<u8>>>> {
        let mut files: std::collections::BTreeMap<String, Arc<Vec<u8>>> = ASSETS
            .iter()
            .map(|(path, bytes)| (path.to_string(), Arc::new(bytes.to_vec())))
            .collect();
        let static_dir = self.theme_dir.join("static");
        if static_dir.is_dir() {
            for e in walkdir::WalkDir::new(&static_dir).sort_by_file_name() {
                let e = e.with_context(|| format!("cannot read {}", static_dir.display()))?;
                if e.file_type().is_file() {
                    let rel = e
                        .path()
                        .strip_prefix(&static_dir)
                        .unwrap()
                        .to_string_lossy()
                        .replace('\\', "/");
                    let bytes = std::fs::read(e.path())
                        .with_context(|| format!("cannot read {}", e.path().display()))?;
                    files.insert(format!("assets/{rel}"), Arc::new(bytes));
                }
            }
        }
        Ok(files)
    }

    /// The theme and topic rules of `config`.
    fn shell_with(opts: &BuildOptions, config: Config) -> Result<Site> {
        let root = site_root(&opts.config_path);
        let content_dir = Site::content_dir_of(opts, &config);
        let output_dir = Site::output_dir_of(opts, &config);
        let theme_dir = root.join("themes").join(&config.theme);
        // Compiling the topic rules is most of this step: beside the templates.
        let (templates, topic_rules) =
            rayon::join(|| load_templates(&theme_dir), || compile_topics(&config));
        let (tera, overridden) = templates?;
        let topic_rules = topic_rules.map_err(|e| topic_error(&opts.config_path, e))?;
        let native = Native::unless_overridden(&overridden);
        let doc_pages_show_counts = ["base.html", "document.html", "macros.html"]
            .iter()
            .any(|t| overridden.iter().any(|o| o == t));
        let topic_rules = Some(std::sync::Arc::new(topic_rules));
        Ok(Site {
            config,
            root,
            content_dir,
            output_dir,
            theme_dir,
            docs: Vec::new(),
            warnings: Vec::new(),
            tera: Arc::new(tera),
            native,
            topic_rules,
            memos: None,
            doc_pages_show_counts,
            search_part_limit: opts.search_part_limit,
        })
    }

    /// The rules of topic `id`, compiled for marking on its page what they
    /// match (a build frees the prefiltered rules after the analysis),
    /// and a key of them.
    fn topic_marker(&self, id: &str) -> Option<(TopicRules, u64)> {
        let t = self.config.topics.iter().find(|t| t.id == id)?;
        let rules = TopicRules::new(t).ok()?;
        let key = key_of(&(
            &t.patterns,
            &t.exclude,
            &t.context_patterns,
            &t.context_titles,
        ));
        Some((rules, key))
    }

    /// `compute`'s bytes, or in watch mode those it gave for the same key.
    fn memo_file(
        &self,
        key: Option<u64>,
        compute: impl FnOnce() -> Result<Vec<u8>>,
    ) -> Result<Arc<Vec<u8>>> {
        match (self.memos.as_deref(), key) {
            (Some(m), Some(k)) => m.files.try_get_or(k, || compute().map(Arc::new)),
            _ => compute().map(Arc::new),
        }
    }

    /// As [`Site::memo_file`], for a part of a file.
    fn memo_part(&self, key: Option<u64>, compute: impl FnOnce() -> String) -> Arc<str> {
        match (self.memos.as_deref(), key) {
            (Some(m), Some(k)) => m.parts.get_or(k, || Arc::from(compute())),
            _ => Arc::from(compute()),
        }
    }

    /// A key when memo tables are kept.
    fn key(&self, value: impl FnOnce() -> u64) -> Option<u64> {
        self.memos.as_ref().map(|_| value())
    }

    /// Render a template with a small view (same template, same data,
    /// same bytes: the key is the view itself).
    fn render_view<T: Serialize>(
        &self,
        name: &str,
        site: &SiteData,
        (root, head): (&str, &PageHead),
        key: &str,
        value: &T,
    ) -> Result<Arc<Vec<u8>>> {
        let k = self.key(|| {
            let data = serde_json::to_vec(value).unwrap_or_default();
            key_of(&(name, root, key, site.fingerprint, data, head))
        });
        self.memo_file(k, || {
            self.render_template(name, site, (root, head), key, value)
        })
    }

    /// Render a template with the site's data and `value` under `key`,
    /// straight into the bytes written: a page goes to a file, and Tera's
    /// own `render` would check its UTF-8 once more (1.5 % of a build).
    fn render_template<T: Serialize>(
        &self,
        name: &str,
        site: &SiteData,
        (root, head): (&str, &PageHead),
        key: &str,
        value: &T,
    ) -> Result<Vec<u8>> {
        let mut ctx = tera::Context::new();
        ctx.insert("site", &site.view);
        ctx.insert("root", root);
        ctx.insert("head", head);
        ctx.insert(key, value);
        let mut out = Vec::with_capacity(16 * 1024);
        self.tera
            .render_to(name, &ctx, &mut out)
            .map_err(|e| anyhow!("rendering template `{name}`: {}", tera_error_chain(&e)))?;
        Ok(out)
    }

    /// Keep what rebuilds can reuse (watch mode).
    pub fn enable_page_cache(&mut self) {
        self.memos.get_or_insert_with(Default::default);
    }

    /// Render every page and asset into memory.
    pub fn render(&self) -> Result<Output> {
        let sink = MemorySink::default();
        self.render_into(&sink)?;
        Ok(sink.into_output())
    }

    /// Render every page and asset into `out`, each file put as soon as it
    /// is made.
    pub fn render_into(&self, out: &dyn Sink) -> Result<()> {
        let t = Instant::now();
        let memos = self.memos.as_deref();
        // Keys of the analysed documents: what anything rendered from one
        // document alone depends on (watch mode only).
        let doc_keys: Vec<u64> = match memos {
            Some(_) => self.docs.par_iter().map(document_key).collect(),
            None => Vec::new(),
        };
        let dk = |i: usize| doc_keys.get(i).copied().unwrap_or(0);
        let mut ctx = ViewContext::new_with(
            &self.config,
            &self.docs,
            memos.map(|m| (&m.paragraphs, doc_keys.as_slice())),
        );
        let links_keys = std::mem::take(&mut ctx.links_keys);
        let lk = |i: usize| links_keys.get(i).copied().unwrap_or(0);
        log_time("  view context", t);
        let view = ctx.site_view();
        let (fingerprint, fingerprint_text) = match memos {
            Some(_) => {
                let mut text = view.clone();
                for t in &mut text.topics {
                    t.count = 0;
                }
                (
                    key_of(&serde_json::to_vec(&view)?),
                    key_of(&serde_json::to_vec(&text)?),
                )
            }
            None => (0, 0),
        };
        let site = SiteData {
            view,
            fingerprint,
            fingerprint_text,
        };
        let base = self.config.base();
        let home = PageHead {
            feed: true,
            ..PageHead::new(&base, "", &site.view.title, &site.view.description)
        };
        out.put_shared(
            "index.html",
            self.render_view("index.html", &site, ("", &home), "index", &ctx.index_view())?,
        )?;
        let search = PageHead::new(
            &base,
            "search/",
            site.view.s.search_title,
            &site.view.description,
        );
        out.put_shared(
            "search/index.html",
            self.render_view("search.html", &site, ("../", &search), "page", &())?,
        )?;
        // The documents index: every document, sortable by date, organ, kind.
        let documents = PageHead::new(
            &base,
            "documents/",
            site.view.s.all_documents,
            &site.view.description,
        );
        out.put_shared(
            "documents/index.html",
            self.render_view(
                "documents.html",
                &site,
                ("../", &documents),
                "documents",
                &ctx.documents_view(),
            )?,
        )?;
        let page_fingerprint = if self.doc_pages_show_counts {
            site.fingerprint
        } else {
            site.fingerprint_text
        };
        (0..self.docs.len())
            .into_par_iter()
            .try_for_each(|i| -> Result<()> {
                let d = &self.docs[i];
                let root = "../../";
                // The page is the document's text (its key and its links'),
                // and what it shows of other documents and the site.
                let k = self.key(|| {
                    let view = ctx.doc_view_key(i, &dk);
                    key_of(&("document.html", page_fingerprint, view, lk(i)))
                });
                let html = self.memo_file(k, || {
                    let mut view = ctx.doc_view_meta(i);
                    ctx.add_doc_text(&mut view, i, root);
                    if self.native.document {
                        let blocks = std::mem::take(&mut view.blocks);
                        view.has_text_html = true;
                        view.text_html = Some(fragments::document_blocks(
                            &blocks,
                            root,
                            site.view.s.copy_reference,
                        ));
                    }
                    let head = PageHead {
                        og_type: "article",
                        ..PageHead::new(
                            &site.view.base_url,
                            ViewContext::doc_path(d).trim_end_matches("index.html"),
                            &view.summary.title,
                            &head::document_description(d),
                        )
                    };
                    self.render_template("document.html", &site, (root, &head), "doc", &view)
                });
                let html = html.with_context(|| {
                    format!("page of {}", d.path.clone().unwrap_or_default().display())
                })?;
                out.put_shared(&ViewContext::doc_path(d), html)
            })?;
        log_time("  document pages", t);
        // Comparison pages (agreed language): keyed by both documents.
        let by_slug = |s: &str| ctx.by_slug.get(s).copied();
        crate::render::lineage::compare_pages(&self.docs, &by_slug)
            .into_par_iter()
            .try_for_each(|(i, j)| -> Result<()> {
                let root = "../../";
                let k = self.key(|| key_of(&("compare.html", site.fingerprint, dk(i), dk(j))));
                let path =
                    crate::analyze::lineage::compare_path(&self.docs[i].slug, &self.docs[j].slug);
                // (The alignment and its diffs too are made only when the
                // page is not kept: in watch mode, only for the documents
                // an edit changed.)
                let html = self.memo_file(k, || {
                    let view = crate::render::lineage::compare_view(&ctx, i, j);
                    let head = PageHead::new(
                        &base,
                        path.trim_end_matches("index.html"),
                        &view.left_title,
                        &site.view.description,
                    );
                    self.render_template("compare.html", &site, (root, &head), "cmp", &view)
                })?;
                out.put_shared(&path, html)
            })?;
        log_time("  comparison pages", t);
        // The topics each document has paragraphs on (scanned once, not per page).
        let doc_topics: Vec<Vec<&str>> = self
            .docs
            .par_iter()
            .map(|d| {
                let mut ts: Vec<&str> = Vec::new();
                for t in d.paragraphs.iter().flat_map(|p| &p.topics) {
                    if !ts.contains(&t.as_str()) {
                        ts.push(t);
                    }
                }
                ts
            })
            .collect();
        for topic in &site.view.topics {
            let docs: Vec<usize> = (0..self.docs.len())
                .filter(|&di| doc_topics[di].contains(&topic.id.as_str()))
                .collect();
            // The page and its print view side by side: each writes its
            // groups a batch at a time, and one's writing leaves a core
            // to the other's rendering.
            let keys = |i: usize| (dk(i), lk(i));
            let page = |print: bool| self.topic_page(out, &ctx, &site, topic, &docs, print, &keys);
            let (screen, print) = rayon::join(|| page(false), || page(true));
            screen?;
            print?;
        }
        log_time("  topic pages", t);
        ctx.release_paragraph_html();
        // 404 is served at any depth: its links must be absolute paths.
        let base_path = base_path(&self.config.base());
        out.put_shared(
            "404.html",
            self.render_view(
                "404.html",
                &site,
                (
                    &base_path,
                    &PageHead {
                        title: site.view.s.not_found_title.to_string(),
                        og_type: "website",
                        ..PageHead::default()
                    },
                ),
                "page",
                &(),
            )?,
        )?;

        // Each path is written once: the theme's static files replace the
        // built-in ones here, before anything is put (writing the built-in
        // file, then the theme's over it, once truncated a file shared
        // with the previous site: issue #26).
        for (path, bytes) in self.theme_assets()? {
            out.put_shared(&path, bytes)?;
        }
        let texts: Vec<usize> = (0..self.docs.len())
            .filter(|&i| self.docs[i].kind != DocKind::Page)
            .collect();
        let (json, index) = rayon::join(
            || {
                let r = self.put_joined(
                    out,
                    "compendium.json",
                    (&json::head(), &json::tail(&site.view.topics)),
                    &texts,
                    &|i| {
                        let k = self.key(|| key_of(&("json", dk(i))));
                        self.memo_part(k, || json::document_json(&self.docs[i]))
                    },
                );
                log_time("    json", t);
                r
            },
            || self.search_index(out, &ctx, &texts, &dk),
        );
        json?;
        index?;
        log_time("  json and search index", t);
        let iri = |slug: &str| {
            ctx.by_slug.get(slug).map(|&i| {
                let d = &self.docs[i];
                format!("../{}/akn.xml", d.slug)
            })
        };
        texts.par_iter().try_for_each(|&i| -> Result<()> {
            let d = &self.docs[i];
            let k = self.key(|| key_of(&("akn", dk(i), lk(i))));
            let xml = self.memo_file(k, || {
                Ok(crate::render::akn::akn_document(d, &iri).into_bytes())
            })?;
            out.put_shared(&format!("documents/{}/akn.xml", d.slug), xml)
        })?;
        log_time("  akn", t);
        out.put_shared(".nojekyll", Arc::new(Vec::new()))?;
        // What lets a later build replace this directory (output.rs).
        out.put_shared(
            output::MARKER,
            Arc::new(output::MARKER_TEXT.as_bytes().to_vec()),
        )?;
        let base = self.config.base();
        let atom = feed::atom(
            &self.docs,
            &base,
            &self.config.title,
            &self.config.description,
            ctx.english,
        );
        out.put_shared("feed.xml", Arc::new(atom.into_bytes()))?;
        out.put_shared("robots.txt", Arc::new(feed::robots(&base).into_bytes()))?;
        let map = sitemap::sitemap(&out.paths(), &base);
        out.put_shared("sitemap.xml", Arc::new(map.into_bytes()))?;
        if let Some(m) = memos {
            m.rotate();
        }
        log_time("render", t);
        Ok(())
    }

    /// A topic page or its print view: the template renders the page
    /// around a mark, and the documents' groups (each rendered once, and
    /// reused by watch mode while the document is unchanged) go in its place.
    #[allow(clippy::too_many_arguments)]
    fn topic_page(
        &self,
        out: &dyn Sink,
        ctx: &ViewContext,
        site: &SiteData,
        topic: &TopicLink,
        docs: &[usize],
        print: bool,
        keys: &(dyn Fn(usize) -> (u64, u64) + Sync),
    ) -> Result<()> {
        let (name, root, path) = if print {
            (
                "topic_print.html",
                "../../../",
                format!("topics/{}/print/index.html", topic.id),
            )
        } else {
            ("topic.html", "../../", topic.path.clone())
        };
        let native = if print {
            self.native.topic_print
        } else {
            self.native.topic
        };
        let description = match topic.description.as_str() {
            "" => site.view.description.as_str(),
            d => d,
        };
        let head = PageHead::new(
            &site.view.base_url,
            &format!("topics/{}/", topic.id),
            &topic.label,
            description,
        );
        let rh = (root, &head);
        // The screen page marks why each paragraph is listed: what the
        // topic's rules match in it.
        let marker = match print {
            false => self.topic_marker(&topic.id),
            true => None,
        };
        let mark = |g: &mut TopicGroup| {
            if let (Some((rules, _)), Some(&di)) = (&marker, ctx.by_slug.get(g.doc.slug.as_str())) {
                let about = rules.about(self.docs[di].title.as_deref().unwrap_or(""));
                for p in &mut g.items {
                    p.html = marks::mark(&p.html, |t| rules.spans(t, about));
                }
            }
        };
        let rules_key = marker.as_ref().map_or(0, |m| m.1);
        if !native {
            let mut view = ctx.topic_view(topic, print, root);
            view.groups.iter_mut().for_each(mark);
            return out.put_shared(&path, self.render_view(name, site, rh, "topic", &view)?);
        }
        // Each document's group of paragraphs, kept by watch mode while
        // what it shows is unchanged.
        let group = |di: usize| -> Arc<str> {
            let k =
                self.key(|| key_of(&(name, &topic.id, site.fingerprint_text, keys(di), rules_key)));
            let compute = || {
                let mut s = String::new();
                if let Some(mut g) = ctx.topic_group(di, &topic.id, print, root) {
                    mark(&mut g);
                    if print {
                        fragments::print_group(&mut s, &g);
                    } else {
                        fragments::topic_group(&mut s, &g, root);
                    }
                }
                Arc::<str>::from(s)
            };
            match (self.memos.as_deref(), k) {
                (Some(m), Some(k)) => m.groups.get_or(k, compute),
                _ => compute(),
            }
        };
        let mut shell = ctx.topic_shell(topic);
        shell.groups_html = Some(GROUPS_MARK.to_string());
        if print {
            shell.included = ctx.topic_included(&topic.id);
        }
        let empty = || fragments::topic_groups(&[], root, site.view.s.no_paragraphs);
        if self.memos.is_none() {
            // A one-shot build writes the page around its groups, made a
            // batch at a time: never all of them in memory at once.
            let page = self.render_template(name, site, rh, "topic", &shell)?;
            let mut at = memchr::memmem::find_iter(&page, GROUPS_MARK.as_bytes());
            if let (Some(i), None) = (at.next(), at.next()) {
                let (head, tail) = (&page[..i], &page[i + GROUPS_MARK.len()..]);
                return out.put_with(&path, 0, &mut |w| {
                    w.write_all(head)?;
                    for batch in docs.chunks(64) {
                        let groups: Vec<Arc<str>> = batch.par_iter().map(|&di| group(di)).collect();
                        let pieces: Vec<&[u8]> = groups.iter().map(|g| g.as_bytes()).collect();
                        output::write_pieces(w, &pieces)?;
                    }
                    if docs.is_empty() && !print {
                        w.write_all(empty().as_bytes())?;
                    }
                    w.write_all(tail)
                });
            }
        }
        let groups: Vec<Arc<str>> = docs.par_iter().map(|&di| group(di)).collect();
        // Watch mode: the page is its frame (kept while what it shows is
        // unchanged) and the groups themselves, shared with the memo
        // table, as the pieces of one file: an edit never copies the
        // megabytes of groups it left alone.
        let frame_key = self.key(|| {
            let data = serde_json::to_vec(&shell).unwrap_or_default();
            key_of(&(name, site.fingerprint, data))
        });
        let frame = self.memo_file(frame_key, || {
            self.render_template(name, site, rh, "topic", &shell)
        })?;
        let mut at = memchr::memmem::find_iter(&frame, GROUPS_MARK.as_bytes());
        if let (Some(i), None, Ok(text)) = (at.next(), at.next(), std::str::from_utf8(&frame)) {
            let mut pieces: Vec<Arc<str>> = Vec::with_capacity(groups.len() + 3);
            pieces.push(Arc::from(&text[..i]));
            if groups.is_empty() && !print {
                pieces.push(Arc::from(empty()));
            }
            pieces.extend(groups);
            pieces.push(Arc::from(&text[i + GROUPS_MARK.len()..]));
            return out.put_pieces(&path, pieces);
        }
        // The mark is not alone (the site's own text holds it): render
        // the groups through the template.
        let mut body = String::with_capacity(groups.iter().map(|g| g.len()).sum());
        for g in &groups {
            body.push_str(g);
        }
        if groups.is_empty() && !print {
            body = empty();
        }
        shell.groups_html = Some(body);
        let html = self.render_template(name, site, rh, "topic", &shell)?;
        out.put_shared(&path, Arc::new(html))
    }

    /// `assets/search-index.js`: each document's words and entry are kept
    /// by watch mode while the document is unchanged.
    fn search_index(
        &self,
        out: &dyn Sink,
        ctx: &ViewContext,
        texts: &[usize],
        dk: &(dyn Fn(usize) -> u64 + Sync),
    ) -> Result<()> {
        let english = ctx.english;
        let t = Instant::now();
        let words: Vec<Arc<DocWords>> = texts
            .par_iter()
            .map(|&i| {
                let compute = || Arc::new(search::document_words(&self.docs[i]));
                match self.memos.as_deref() {
                    Some(m) => m.words.get_or(key_of(&("words", dk(i))), compute),
                    None => compute(),
                }
            })
            .collect();
        let mut fresh = Vocabulary::default();
        let mut kept = self.memos.as_deref().map(|m| m.vocabulary.lock().unwrap());
        let vocabulary = kept.as_deref_mut().unwrap_or(&mut fresh);
        let keyed: Vec<(u64, Arc<DocWords>)> = texts
            .iter()
            .zip(&words)
            .map(|(&i, w)| (key_of(&("words", dk(i), i)), w.clone()))
            .collect();
        log_time("    search: words", t);
        vocabulary.update(&keyed, english);
        drop(keyed);
        if self.memos.is_none() {
            vocabulary.forget_documents();
        }
        log_time("    search: vocabulary", t);
        let words_json = vocabulary.words_json();
        let vocabulary = &*vocabulary;
        // Each document's share, by its place among the texts, as `words`
        // goes. A document's words are dropped once its share is made (a
        // one-shot build keeps them nowhere else): the shares, held until
        // the parts are written, take their place in memory.
        let entries: Vec<Arc<DocEntry>> = words
            .into_par_iter()
            .enumerate()
            .map(|(n, w)| {
                let i = texts[n];
                let compute = || {
                    Arc::new(search::document_entry(
                        &self.docs[i],
                        n,
                        &w,
                        vocabulary,
                        english,
                    ))
                };
                match self.memos.as_deref() {
                    Some(m) => m
                        .entries
                        .get_or(key_of(&("search", english, dk(i), n)), compute),
                    None => compute(),
                }
            })
            .collect();
        let mut split = match self.memos.as_deref() {
            Some(m) => self.stems_parts_kept(out, m, &entries)?,
            None => self.stems_parts(out, &entries)?,
        };
        split.sort_unstable();
        let docs: Vec<&Document> = texts.iter().map(|&i| &self.docs[i]).collect();
        out.put_pieces(
            "assets/search-index.js",
            joined_pieces(
                search::INDEX_HEAD,
                entries.iter().map(|e| e.meta.clone()).collect(),
                &search::index_tail(ctx, &docs, &words_json, &split),
            ),
        )?;
        drop(entries);
        // The texts, a group of documents a part, each document's piece
        // kept by watch mode while it is unchanged.
        let groups: Vec<usize> = (0..texts.len()).step_by(search::TEXT_GROUP).collect();
        let r = groups.into_par_iter().try_for_each(|first| {
            let last = (first + search::TEXT_GROUP).min(texts.len());
            let parts: Vec<Arc<str>> = (first..last)
                .map(|n| {
                    let i = texts[n];
                    let k = self.key(|| key_of(&("search text", english, dk(i), n)));
                    self.memo_part(k, || search::document_text(&self.docs[i], n, english))
                })
                .collect();
            let name = search::text_part(first);
            out.put_pieces(
                &format!("{}/{name}.js", search::PARTS_DIR),
                joined_pieces(&search::part_head(&name), parts, search::PART_TAIL),
            )
        });
        log_time("    search: entries", t);
        r
    }

    /// The stems parts of a one-shot build: each document's piece of a
    /// part, in the documents' order, written straight from the entries
    /// (a part split, see [`search::split_part`], is made in memory).
    /// Gives the beginnings split.
    fn stems_parts(&self, out: &dyn Sink, entries: &[Arc<DocEntry>]) -> Result<Vec<String>> {
        // The parts the documents have pieces in.
        let mut used = vec![false; search::STEMS_PARTS];
        for e in entries {
            for &(part, _) in &e.parts {
                used[part as usize] = true;
            }
        }
        let stems: Vec<u32> = (0..used.len() as u32)
            .filter(|&p| used[p as usize])
            .collect();
        // Parts a few at a time, each entry's pieces found from where the
        // last part's was.
        let split = stems.par_chunks(8).map(|parts| -> Result<Vec<String>> {
            let mut at: Vec<usize> = entries.iter().map(|e| e.first_at(parts[0])).collect();
            let mut split = Vec::new();
            for &part in parts {
                let pieces: Vec<&str> = entries
                    .iter()
                    .zip(&mut at)
                    .filter_map(|(e, at)| e.piece_from(at, part))
                    .collect();
                split.extend(self.stems_part(out, part, &pieces)?);
            }
            Ok(split)
        });
        let split: Vec<Vec<String>> = split.collect::<Result<_>>()?;
        Ok(split.concat())
    }

    /// A stems part of a one-shot build, written from its pieces; the
    /// beginnings split.
    fn stems_part(&self, out: &dyn Sink, part: u32, pieces: &[&str]) -> Result<Vec<String>> {
        let name = search::part_name(part);
        let size = search::part_size(&name, pieces);
        if size > self.search_part_limit {
            // Each of its files is made whole (at most the limit, but
            // for single stems): a few slices for each of its documents
            // would make more system calls than bytes copied.
            let limit = self.search_part_limit;
            return search::split_part(part, pieces, limit, &mut |name, script| {
                out.put_shared(
                    &format!("{}/{name}.js", search::PARTS_DIR),
                    Arc::new(script),
                )
            });
        }
        let head = search::part_head(&name);
        let bytes = search::part_slices(&head, pieces);
        let path = format!("{}/{name}.js", search::PARTS_DIR);
        out.put_with(&path, size, &mut |w| output::write_pieces(w, &bytes))?;
        Ok(vec![])
    }

    /// The stems parts in watch mode. An edit gives its document a new
    /// entry, with a piece in hundreds of parts, but changes few of those
    /// pieces: a part whose pieces are those it was made from (the same
    /// entries, or equal pieces) keeps its files. Which documents have a
    /// piece in which part is found in one pass over the entries. Gives
    /// the beginnings split.
    fn stems_parts_kept(
        &self,
        out: &dyn Sink,
        memos: &Memos,
        entries: &[Arc<DocEntry>],
    ) -> Result<Vec<String>> {
        let mut holders: rustc_hash::FxHashMap<u32, Vec<u32>> = Default::default();
        for (n, e) in entries.iter().enumerate() {
            for &(part, _) in &e.parts {
                holders.entry(part).or_default().push(n as u32);
            }
        }
        let mut kept = memos.stems_parts.lock().unwrap();
        let previous = &*kept;
        let holders: Vec<(u32, Vec<u32>)> = holders.into_iter().collect();
        let limit = self.search_part_limit;
        let parts: Vec<(u32, StemsPart)> = holders
            .into_par_iter()
            .map(|(part, with)| -> Result<(u32, StemsPart)> {
                let piece = |n: u32| entries[n as usize].piece(part).expect("a holder's piece");
                let same = previous.parts.get(&part).filter(|(made_from, _)| {
                    *made_from == with
                        && with.iter().all(|&n| {
                            let (old, new) = (&previous.entries[n as usize], &entries[n as usize]);
                            Arc::ptr_eq(old, new) || old.piece(part) == new.piece(part)
                        })
                });
                let files = match same {
                    Some((_, files)) => files.clone(),
                    None => {
                        let pieces: Vec<&str> = with.iter().map(|&n| piece(n)).collect();
                        Arc::new(search::part_files(part, &pieces, limit))
                    }
                };
                for (name, script) in &files.files {
                    out.put_shared(&format!("{}/{name}.js", search::PARTS_DIR), script.clone())?;
                }
                Ok((part, (with, files)))
            })
            .collect::<Result<_>>()?;
        let split = parts
            .iter()
            .flat_map(|(_, (_, f))| f.split.iter().cloned())
            .collect();
        *kept = KeptParts {
            entries: entries.to_vec(),
            parts: parts.into_iter().collect(),
        };
        Ok(split)
    }

    /// A file of `head`, the parts of the documents `items` joined by
    /// commas, and `tail` (the JSON export, the search index). Watch mode
    /// keeps every part and the file as its list of pieces; a one-shot
    /// build makes and writes them a batch at a time, so they are never
    /// all in memory at once.
    fn put_joined(
        &self,
        out: &dyn Sink,
        path: &str,
        (head, tail): (&str, &str),
        items: &[usize],
        part: &(dyn Fn(usize) -> Arc<str> + Sync),
    ) -> Result<()> {
        let all =
            |items: &[usize]| -> Vec<Arc<str>> { items.par_iter().map(|&i| part(i)).collect() };
        let write = |w: &mut dyn std::io::Write, parts: &[Arc<str>], first: bool| {
            let mut pieces: Vec<&[u8]> = Vec::with_capacity(2 * parts.len());
            for (n, p) in parts.iter().enumerate() {
                if n > 0 || !first {
                    pieces.push(b",");
                }
                pieces.push(p.as_bytes());
            }
            output::write_pieces(w, &pieces)
        };
        if self.memos.is_some() {
            // The pieces themselves, shared with the memo tables: an edit
            // makes one document's piece again, not the whole file.
            return out.put_pieces(path, joined_pieces(head, all(items), tail));
        }
        out.put_with(path, 0, &mut |w| {
            w.write_all(head.as_bytes())?;
            for (n, batch) in items.chunks(64).enumerate() {
                write(w, &all(batch), n == 0)?;
            }
            w.write_all(tail.as_bytes())
        })
    }

    pub fn document_count(&self) -> usize {
        self.docs.iter().filter(|d| d.kind != DocKind::Page).count()
    }
}

/// A file's pieces: `head`, `parts` joined by commas, `tail` (a JSON
/// array's, or a script's around one).
fn joined_pieces(head: &str, parts: Vec<Arc<str>>, tail: &str) -> Vec<Arc<str>> {
    let comma: Arc<str> = Arc::from(",");
    let mut pieces = Vec::with_capacity(2 * parts.len() + 2);
    pieces.push(Arc::from(head));
    for (n, p) in parts.into_iter().enumerate() {
        if n > 0 {
            pieces.push(comma.clone());
        }
        pieces.push(p);
    }
    pieces.push(Arc::from(tail));
    pieces
}

/// A warning for each document whose `contained_in` names no document:
/// its page would show no link to the report, silently.
fn unknown_containers(docs: &[Document]) -> Vec<Located> {
    let slugs: std::collections::HashSet<&str> = docs.iter().map(|d| d.slug.as_str()).collect();
    docs.iter()
        .filter_map(|d| {
            let parent = d.contained_in.as_deref()?;
            if slugs.contains(parent) {
                return None;
            }
            let path = d.path.clone().unwrap_or_default();
            let text = std::fs::read_to_string(&path).unwrap_or_default();
            let line = text
                .lines()
                .position(|l| l.starts_with("contained_in:"))
                .map_or(0, |i| i + 1);
            Some(Located::warning(
                &path,
                line,
                format!("contained_in `{parent}` names no document: give the slug of the report that contains this one"),
            ))
        })
        .collect()
}

/// A topic whose rules do not compile, as an error at its line of the
/// configuration.
fn topic_error(config_path: &Path, e: crate::analyze::topics::TopicError) -> anyhow::Error {
    let text = std::fs::read_to_string(config_path).unwrap_or_default();
    let line = crate::config::line_of_topic(&text, &e.id);
    anyhow!(Problems::single(Located::error(
        config_path,
        line,
        e.message
    )))
}

/// The directory holding the configuration: relative paths start there.
pub fn site_root(config_path: &Path) -> PathBuf {
    config_path
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .map(Path::to_path_buf)
        .unwrap_or_else(|| PathBuf::from("."))
}

/// `https://user.github.io/repo/` -> `/repo/`; a bare path stays as is.
pub fn base_path(base: &str) -> String {
    let rest = base.split_once("://").map(|(_, r)| r).unwrap_or(base);
    let path = if base.contains("://") {
        rest.find('/').map(|i| &rest[i..]).unwrap_or("/")
    } else {
        rest
    };
    let mut p = path.to_string();
    if !p.starts_with('/') {
        p.insert(0, '/');
    }
    if !p.ends_with('/') {
        p.push('/');
    }
    p
}

/// What a build did.
pub struct BuildReport {
    pub documents: usize,
    pub files: usize,
    /// Files with the same bytes as in the site replaced (linked to it).
    pub unchanged: usize,
    pub warnings: Vec<Located>,
    pub output_dir: PathBuf,
}

/// Load, analyse, render, and write the site atomically.
pub fn build(opts: &BuildOptions) -> Result<BuildReport> {
    build_site(opts).map(|(report, _site)| report)
}

/// As [`build`], also handing back the built site: a command that exits
/// right after can leave it to the system. Its documents are a hundred
/// thousand small allocations at 1,000 documents, and freeing them one by
/// one took ~10 ms (1.5 % of the build); the process's exit frees them at once.
pub fn build_site(opts: &BuildOptions) -> Result<(BuildReport, Site)> {
    let config = Site::load_config(opts)?;
    // The output directory's lock first: a second build waits here, and
    // what a killed build left is repaired even if this one fails.
    let dir = Site::output_dir_of(opts, &config);
    swap::ensure_replaceable(&dir)?;
    let lock = swap::SiteLock::acquire(&dir)?;
    let mut site = Site::load_with(opts, config)?;
    // Rendered straight into the new directory: a page is written as soon
    // as it is made and then dropped.
    let (mut files, mut unchanged) = (0, 0);
    lock.replace_with(|sink| {
        site.render_into(sink)?;
        files = sink.paths().len();
        unchanged = sink.unchanged();
        Ok(())
    })?;
    let report = BuildReport {
        documents: site.document_count(),
        files,
        unchanged,
        warnings: std::mem::take(&mut site.warnings),
        output_dir: site.output_dir.clone(),
    };
    Ok((report, site))
}

#[cfg(test)]
mod tests {
    #[test]
    fn base_paths() {
        assert_eq!(super::base_path("https://user.github.io/repo/"), "/repo/");
        assert_eq!(super::base_path("https://example.org"), "/");
        assert_eq!(super::base_path("/"), "/");
    }
}
