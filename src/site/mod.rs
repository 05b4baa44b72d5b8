//! `site`: build orchestration. [`Site::load`] reads the configuration and
//! the content and runs the analysis; [`Site::render`] renders every page
//! into an in-memory [`Output`]; [`build`] writes it atomically.

pub mod check;
pub mod json;
pub mod output;
pub mod search;
pub mod sitemap;

use crate::analyze::{analyze_with, compile_topics, topics::TopicRules};
use crate::config::Config;
use crate::content;
use crate::error::{Located, Problems};
use crate::model::{DocKind, Document};
use crate::render::fragments::{self, Native};
use crate::render::templates::{load_templates, tera_error_chain, ASSETS};
use crate::render::views::{Context as ViewContext, SiteView};
use anyhow::{anyhow, Context, Result};
use output::Output;
use rayon::prelude::*;
use serde::Serialize;
use std::path::{Path, PathBuf};
use std::time::Instant;

/// Where to read and write, after command-line overrides.
#[derive(Debug, Clone)]
pub struct BuildOptions {
    pub config_path: PathBuf,
    pub content_dir: Option<PathBuf>,
    pub output_dir: Option<PathBuf>,
    pub base_url: Option<String>,
}

impl BuildOptions {
    pub fn new(config_path: impl Into<PathBuf>) -> BuildOptions {
        BuildOptions {
            config_path: config_path.into(),
            content_dir: None,
            output_dir: None,
            base_url: None,
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
    tera: tera::Tera,
    /// Loops of the built-in templates rendered natively (see
    /// [`crate::render::fragments`]); tests turn them off to compare.
    pub native: Native,
    /// Compiled once per configuration: rebuilds reuse them.
    topic_rules: std::sync::Arc<Vec<TopicRules>>,
    /// Rendered pages by fingerprint of their data, shared by rebuilds
    /// (watch mode only: a one-shot build has nothing to reuse).
    pages: Option<std::sync::Arc<PageCache>>,
}

/// The data every page shares, and its fingerprint for the page cache.
struct SiteData {
    view: SiteView,
    fingerprint: u64,
}

/// Pages rendered by the previous render, and those of the current one
/// (only what the current render used is kept).
#[derive(Default)]
pub struct PageCache {
    previous: std::sync::Mutex<std::collections::HashMap<u64, String>>,
    current: std::sync::Mutex<std::collections::HashMap<u64, String>>,
}

impl PageCache {
    fn lookup(&self, key: u64) -> Option<String> {
        let hit = self.previous.lock().unwrap().get(&key).cloned()?;
        self.current.lock().unwrap().insert(key, hit.clone());
        Some(hit)
    }
    fn store(&self, key: u64, html: &str) {
        self.current.lock().unwrap().insert(key, html.to_string());
    }
    /// End of a render: what it used becomes the cache of the next one.
    fn rotate(&self) {
        let current = std::mem::take(&mut *self.current.lock().unwrap());
        *self.previous.lock().unwrap() = current;
    }
}

/// Time each step, as Zola's `log_time` does, when COMPENDIUM_TIMING is set.
fn log_time(step: &str, since: Instant) {
    if std::env::var_os("COMPENDIUM_TIMING").is_some() {
        eprintln!("  {step}: {:.1} ms", since.elapsed().as_secs_f64() * 1000.0);
    }
}

impl Site {
    pub fn load(opts: &BuildOptions) -> Result<Site> {
        let t = Instant::now();
        let shell = Site::load_shell(opts)?;
        log_time("config and templates", t);
        let t = Instant::now();
        let (docs, warnings) = content::load_dir(&shell.content_dir).map_err(|p| anyhow!(p))?;
        log_time("content", t);
        shell.with_documents(docs, warnings)
    }

    /// A new site with the same configuration and theme and other content
    /// (watch mode re-parses only the files that changed). `self` is left
    /// untouched, so a failed rebuild keeps the last good site.
    pub fn with_documents(&self, mut docs: Vec<Document>, warnings: Vec<Located>) -> Result<Site> {
        let t = Instant::now();
        analyze_with(&mut docs, &self.config, &self.topic_rules).map_err(|p| anyhow!(p))?;
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
            topic_rules: self.topic_rules.clone(),
            pages: self.pages.clone(),
        })
    }

    /// Load only the configuration and theme (watch mode keeps its own
    /// content cache).
    pub fn load_shell(opts: &BuildOptions) -> Result<Site> {
        let mut config =
            Config::load(&opts.config_path).map_err(|e| anyhow!(Problems::single(e)))?;
        if let Some(b) = &opts.base_url {
            config.base_url = b.clone();
        }
        let root = site_root(&opts.config_path);
        let content_dir = opts
            .content_dir
            .clone()
            .unwrap_or_else(|| root.join(&config.content_dir));
        let output_dir = opts
            .output_dir
            .clone()
            .unwrap_or_else(|| root.join(&config.output_dir));
        let theme_dir = root.join("themes").join(&config.theme);
        let (tera, overridden) = load_templates(&theme_dir)?;
        let native = Native::unless_overridden(&overridden);
        let topic_rules = std::sync::Arc::new(compile_topics(&config));
        Ok(Site {
            config,
            root,
            content_dir,
            output_dir,
            theme_dir,
            docs: Vec::new(),
            warnings: Vec::new(),
            tera,
            native,
            topic_rules,
            pages: None,
        })
    }

    fn render_template<T: Serialize>(
        &self,
        name: &str,
        site: &SiteData,
        root: &str,
        key: &str,
        value: &T,
    ) -> Result<String> {
        // Same template, same data, same HTML: in watch mode most pages are
        // unchanged by an edit, and the cache spares their rendering.
        let Some(pages) = &self.pages else {
            return self.render_uncached(name, site, root, key, value);
        };
        let fingerprint = {
            use std::hash::{Hash, Hasher};
            let mut h = std::collections::hash_map::DefaultHasher::new();
            (name, root, key, site.fingerprint).hash(&mut h);
            serde_json::to_vec(value).unwrap_or_default().hash(&mut h);
            h.finish()
        };
        if let Some(html) = pages.lookup(fingerprint) {
            return Ok(html);
        }
        let html = self.render_uncached(name, site, root, key, value)?;
        pages.store(fingerprint, &html);
        Ok(html)
    }

    fn render_uncached<T: Serialize>(
        &self,
        name: &str,
        site: &SiteData,
        root: &str,
        key: &str,
        value: &T,
    ) -> Result<String> {
        let mut ctx = tera::Context::new();
        ctx.insert("site", &site.view);
        ctx.insert("root", root);
        ctx.insert(key, value);
        self.tera
            .render(name, &ctx)
            .map_err(|e| anyhow!("rendering template `{name}`: {}", tera_error_chain(&e)))
    }

    /// Keep rendered pages between rebuilds (watch mode).
    pub fn enable_page_cache(&mut self) {
        self.pages.get_or_insert_with(Default::default);
    }

    /// Render every page and asset into memory.
    pub fn render(&self) -> Result<Output> {
        let t = Instant::now();
        let ctx = ViewContext::new(&self.config, &self.docs);
        let view = ctx.site_view();
        // Hashed once per render: every page's fingerprint includes it.
        let fingerprint = match &self.pages {
            Some(_) => {
                use std::hash::{Hash, Hasher};
                let mut h = std::collections::hash_map::DefaultHasher::new();
                serde_json::to_vec(&view).unwrap_or_default().hash(&mut h);
                h.finish()
            }
            None => 0,
        };
        let site = SiteData { view, fingerprint };
        let mut out = Output::default();

        out.add(
            "index.html",
            self.render_template("index.html", &site, "", "index", &ctx.index_view())?,
        );
        let pages: Vec<Result<(String, String)>> = (0..self.docs.len())
            .into_par_iter()
            .map(|i| {
                let d = &self.docs[i];
                let mut view = ctx.doc_view(i, "../../");
                if self.native.document {
                    let blocks = std::mem::take(&mut view.blocks);
                    view.text_html = Some(fragments::document_blocks(
                        &blocks,
                        "../../",
                        site.view.s.copy_reference,
                    ));
                }
                let html = self
                    .render_template("document.html", &site, "../../", "doc", &view)
                    .with_context(|| {
                        format!("page of {}", d.path.clone().unwrap_or_default().display())
                    })?;
                Ok((ViewContext::doc_path(d), html))
            })
            .collect();
        for p in pages {
            let (path, html) = p?;
            out.add(path, html);
        }
        log_time("  document pages", t);
        // Topic pages and their print views: large, so rendered in parallel.
        let topic_pages: Vec<Result<(String, String)>> = site
            .view
            .topics
            .par_iter()
            .flat_map_iter(|topic| [(topic, false), (topic, true)])
            .map(|(topic, print)| {
                if print {
                    let mut view = ctx.topic_view(topic, true, "../../../");
                    if self.native.topic_print {
                        let groups = std::mem::take(&mut view.groups);
                        view.groups_html = Some(fragments::print_groups(&groups));
                    }
                    let html = self.render_template(
                        "topic_print.html",
                        &site,
                        "../../../",
                        "topic",
                        &view,
                    )?;
                    Ok((format!("topics/{}/print/index.html", topic.id), html))
                } else {
                    let mut view = ctx.topic_view(topic, false, "../../");
                    if self.native.topic {
                        let groups = std::mem::take(&mut view.groups);
                        view.groups_html = Some(fragments::topic_groups(
                            &groups,
                            "../../",
                            site.view.s.no_paragraphs,
                        ));
                    }
                    Ok((
                        topic.path.clone(),
                        self.render_template("topic.html", &site, "../../", "topic", &view)?,
                    ))
                }
            })
            .collect();
        for p in topic_pages {
            let (path, html) = p?;
            out.add(path, html);
        }
        log_time("  topic pages", t);
        // 404 is served at any depth: its links must be absolute paths.
        let base_path = base_path(&self.config.base());
        out.add(
            "404.html",
            self.render_template("404.html", &site, &base_path, "page", &())?,
        );

        for (path, bytes) in ASSETS {
            out.add(*path, bytes.to_vec());
        }
        let static_dir = self.theme_dir.join("static");
        if static_dir.is_dir() {
            for e in walkdir::WalkDir::new(&static_dir)
                .into_iter()
                .filter_map(|e| e.ok())
            {
                if e.file_type().is_file() {
                    let rel = e
                        .path()
                        .strip_prefix(&static_dir)
                        .unwrap()
                        .to_string_lossy()
                        .replace('\\', "/");
                    let bytes = std::fs::read(e.path())
                        .with_context(|| format!("cannot read {}", e.path().display()))?;
                    out.add(format!("assets/{rel}"), bytes);
                }
            }
        }
        let (json, index) = rayon::join(
            || json::export_json(&self.docs, &site.view.topics),
            || search::search_index(&ctx),
        );
        log_time("  json and search index", t);
        out.add("compendium.json", json);
        out.add("assets/search-index.js", index);
        let iri = |slug: &str| {
            ctx.by_slug.get(slug).map(|&i| {
                let d = &self.docs[i];
                format!("../{}/akn.xml", d.slug)
            })
        };
        let akn: Vec<(String, String)> = self
            .docs
            .par_iter()
            .filter(|d| d.kind != DocKind::Page)
            .map(|d| {
                (
                    format!("documents/{}/akn.xml", d.slug),
                    crate::render::akn::akn_document(d, &iri),
                )
            })
            .collect();
        for (path, xml) in akn {
            out.add(path, xml);
        }
        log_time("  akn", t);
        out.add(".nojekyll", Vec::new());
        let map = sitemap::sitemap(&out, &self.config.base());
        out.add("sitemap.xml", map);
        if let Some(p) = &self.pages {
            p.rotate();
        }
        log_time("render", t);
        Ok(out)
    }

    pub fn document_count(&self) -> usize {
        self.docs.iter().filter(|d| d.kind != DocKind::Page).count()
    }
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
    pub warnings: Vec<Located>,
    pub output_dir: PathBuf,
}

/// Load, analyse, render, and write the site atomically.
pub fn build(opts: &BuildOptions) -> Result<BuildReport> {
    let site = Site::load(opts)?;
    let out = site.render()?;
    let t = Instant::now();
    output::write_atomic(&out, &site.output_dir)?;
    log_time("write", t);
    Ok(BuildReport {
        documents: site.document_count(),
        files: out.files.len(),
        warnings: site.warnings,
        output_dir: site.output_dir,
    })
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
