//! Watching the site's sources and rebuilding what changed.
//!
//! Events are debounced (editors save in bursts: write a temporary file,
//! rename it over the original). Rather than trusting each event's kind, a
//! content change re-scans the content directory and re-parses only the
//! files whose size or modification time changed: creations, deletions,
//! renames and atomic saves all come down to that. A change to `site.yaml`
//! or the theme reloads everything.

use crate::content;
use crate::error::{Located, Problems};
use crate::model::Document;
use crate::site::output::Output;
use crate::site::{log_time, site_root, BuildOptions, Site};
use anyhow::{anyhow, Result};
use notify_debouncer_mini::{
    new_debouncer, new_debouncer_opt, notify, Config as DebounceConfig, DebounceEventResult,
};
use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};
use std::sync::{mpsc, Arc};
use std::time::{Duration, Instant, SystemTime};

/// What a rebuild produced.
pub enum Rebuilt {
    /// A new complete site, and the paths whose bytes changed.
    Site {
        output: Arc<Output>,
        changed: Vec<String>,
        millis: f64,
    },
    /// The build failed; the last good site stays.
    Failed(String),
    /// Nothing relevant changed.
    Nothing,
}

struct Cached {
    stamp: (u64, Option<SystemTime>),
    parsed: Result<(Document, Vec<Located>), Problems>,
}

/// The watched site: its configuration, a cache of parsed content files,
/// and the last good output.
pub struct Builder {
    opts: BuildOptions,
    shell: Option<Site>,
    cache: BTreeMap<PathBuf, Cached>,
    /// The documents of the last build, analysed, by content file: a
    /// rebuild takes back those whose file is unchanged (their analysis
    /// undone) rather than copying every parsed document again.
    analysed: HashMap<PathBuf, Document>,
    /// Shared with the server: one copy of the site in memory.
    pub last_good: Arc<Output>,
    /// The last rebuild failed: the next good one is reported even when it
    /// equals the last good site (a file broken, then put back as it was),
    /// so that open pages drop the error overlay.
    failed: bool,
}

fn stamp(p: &Path) -> (u64, Option<SystemTime>) {
    std::fs::metadata(p)
        .map(|m| (m.len(), m.modified().ok()))
        .unwrap_or((0, None))
}

impl Builder {
    pub fn new(opts: BuildOptions) -> Builder {
        Builder {
            opts,
            shell: None,
            cache: BTreeMap::new(),
            analysed: HashMap::new(),
            last_good: Arc::new(Output::default()),
            failed: false,
        }
    }

    /// Paths to watch: the content directory, the theme directory, the configuration.
    pub fn watched(&self) -> (PathBuf, PathBuf, PathBuf) {
        let root = site_root(&self.opts.config_path);
        let content = match &self.shell {
            Some(s) => s.content_dir.clone(),
            None => self
                .opts
                .content_dir
                .clone()
                .unwrap_or_else(|| root.join("content")),
        };
        (content, root.join("themes"), self.opts.config_path.clone())
    }

    pub fn output_dir(&self) -> Option<PathBuf> {
        self.shell.as_ref().map(|s| s.output_dir.clone())
    }

    /// Whether the site speaks English (else French), once loaded.
    pub fn english(&self) -> bool {
        self.shell.as_ref().is_some_and(|s| s.config.english())
    }

    pub fn base_url(&self) -> Option<String> {
        self.shell.as_ref().map(|s| s.config.base())
    }

    /// Rebuild. `full` reloads configuration and theme too.
    pub fn rebuild(&mut self, full: bool) -> Rebuilt {
        let t = Instant::now();
        match self.try_rebuild(full) {
            Ok(Some(output)) => {
                let tc = Instant::now();
                let changed = output.changed_since(&self.last_good);
                log_time("compare", tc);
                let failed = std::mem::take(&mut self.failed);
                if changed.is_empty() && !self.last_good.files.is_empty() && !failed {
                    return Rebuilt::Nothing;
                }
                let output = Arc::new(output);
                self.last_good = output.clone();
                Rebuilt::Site {
                    output,
                    changed,
                    millis: t.elapsed().as_secs_f64() * 1000.0,
                }
            }
            Ok(None) => Rebuilt::Nothing,
            Err(e) => {
                self.failed = true;
                Rebuilt::Failed(format!("{e:#}").replace(": error: ", ":\nerror: "))
            }
        }
    }

    fn try_rebuild(&mut self, full: bool) -> Result<Option<Output>> {
        if full || self.shell.is_none() {
            // Keep the old shell until the new one loads.
            let mut shell = Site::load_shell(&self.opts)?;
            shell.enable_page_cache();
            self.shell = Some(shell);
        }
        let shell = self.shell.as_ref().unwrap();
        let dir = shell.content_dir.clone();
        if !dir.is_dir() {
            return Err(anyhow!(Problems::single(Located::error(
                &dir,
                0,
                "content directory not found"
            ))));
        }
        let t = Instant::now();
        let (files, links) = content::content_files_and_links(&dir);
        let listed: std::collections::HashSet<&PathBuf> = files.iter().collect();
        let mut dirty = full;
        self.cache.retain(|p, _| {
            let keep = listed.contains(p);
            dirty |= !keep;
            keep
        });
        // Every file's size and time, then the new or changed files parsed
        // (both in parallel: the first build parses them all).
        use rayon::prelude::*;
        let stamps: Vec<(u64, Option<SystemTime>)> = files.par_iter().map(|f| stamp(f)).collect();
        // The cache holds a subset of `files` (the rest were dropped
        // above), in the same order: one walk side by side finds what is
        // new or changed, comparing each path once with its own entry
        // (equal bytes: a quick test), not looking each up in the tree.
        let mut cached = self.cache.iter().peekable();
        let mut stale: Vec<(&PathBuf, (u64, Option<SystemTime>))> = Vec::new();
        for (f, s) in files.iter().zip(stamps) {
            match cached.next_if(|(p, _)| *p == f) {
                Some((_, c)) if c.stamp == s => {}
                _ => stale.push((f, s)),
            }
        }
        dirty |= !stale.is_empty();
        let parsed: Vec<(PathBuf, Cached)> = stale
            .into_par_iter()
            .map(|(f, stamp)| {
                let parsed = content::load_file(f);
                (f.clone(), Cached { stamp, parsed })
            })
            .collect();
        self.cache.extend(parsed);
        if !dirty && !self.last_good.files.is_empty() {
            return Ok(None);
        }
        log_time("scan and parse", t);
        if files.is_empty() {
            return Err(anyhow!(Problems::single(Located::error(
                &dir,
                0,
                "the content directory holds no .md file"
            ))));
        }
        let mut docs = Vec::new();
        let mut warnings = content::link_warnings(&links);
        let mut problems = Vec::new();
        let mut analysed = std::mem::take(&mut self.analysed);
        // Per document: taken back from the last build (its file is
        // unchanged), so its analysis is to be cleared (in parallel, below).
        let mut recycled: Vec<bool> = Vec::new();
        for (path, c) in &self.cache {
            match &c.parsed {
                Ok((d, w)) => {
                    let kept = analysed
                        .remove(path)
                        .filter(|a| a.source_key == d.source_key && d.source_key != 0);
                    recycled.push(kept.is_some());
                    docs.push(kept.unwrap_or_else(|| d.clone()));
                    warnings.extend(w.iter().cloned());
                }
                Err(p) => problems.extend(p.0.iter().cloned()),
            }
        }
        {
            use rayon::prelude::*;
            docs.par_iter_mut()
                .zip(&recycled)
                .filter(|(_, r)| **r)
                .for_each(|(d, _)| d.clear_analysis());
        }
        // What is left was deleted or changed: drop it while the site renders.
        std::thread::spawn(move || drop(analysed));
        if !problems.is_empty() {
            return Err(anyhow!(Problems(problems)));
        }
        let docs = content::assemble(docs).map_err(|p| anyhow!(p))?;
        log_time("assemble", t);
        let mut site = shell.with_documents(docs, warnings)?;
        let out = site.render()?;
        let t = Instant::now();
        self.analysed = std::mem::take(&mut site.docs)
            .into_iter()
            .filter_map(|d| Some((d.path.clone()?, d)))
            .collect();
        std::thread::spawn(move || drop(site));
        log_time("keep documents", t);
        Ok(Some(out))
    }
}

/// Classify a changed path: does it need a full reload?
pub fn needs_full_reload(path: &Path, themes: &Path, config: &Path) -> bool {
    path.starts_with(themes) || path.file_name() == config.file_name()
}

/// The sources being watched: changes are queued from the moment this
/// exists, so `serve` makes it before it says it is serving (an edit saved
/// right after would otherwise be missed while the watches are set up).
pub struct SourceWatch {
    rx: mpsc::Receiver<DebounceEventResult>,
    /// The debouncer, kept alive as long as the watch.
    _debouncer: Box<dyn std::any::Any>,
    content: PathBuf,
    themes: PathBuf,
    config: PathBuf,
}

/// Start watching the content, the themes and the configuration.
pub fn watch_sources(watched: (PathBuf, PathBuf, PathBuf), poll: bool) -> Result<SourceWatch> {
    let (content, themes, config) = watched;
    let (tx, rx) = mpsc::channel::<DebounceEventResult>();
    let timeout = Duration::from_millis(20);
    let root = site_root(&config);
    let watch_dirs = |w: &mut dyn notify::Watcher| -> Result<()> {
        if content.is_dir() {
            w.watch(&content, notify::RecursiveMode::Recursive)?;
        }
        if themes.is_dir() {
            w.watch(&themes, notify::RecursiveMode::Recursive)?;
        }
        // The configuration: watch its directory (editors replace the file).
        w.watch(&root, notify::RecursiveMode::NonRecursive)?;
        Ok(())
    };
    let debouncer: Box<dyn std::any::Any> = if poll {
        let cfg = DebounceConfig::default()
            .with_timeout(timeout)
            .with_notify_config(
                notify::Config::default().with_poll_interval(Duration::from_millis(200)),
            );
        let mut d = new_debouncer_opt::<_, notify::PollWatcher>(cfg, tx)?;
        watch_dirs(d.watcher())?;
        Box::new(d)
    } else {
        let mut d = new_debouncer(timeout, tx)?;
        watch_dirs(d.watcher())?;
        Box::new(d)
    };
    Ok(SourceWatch {
        rx,
        _debouncer: debouncer,
        content,
        themes,
        config,
    })
}

impl SourceWatch {
    /// Call `on_change(full)` after each debounced burst of changes to the
    /// sources (`full`: the configuration or theme changed). Blocks until
    /// the watch ends.
    pub fn run(self, mut on_change: impl FnMut(bool)) -> Result<()> {
        let (content, themes, config) = (&self.content, &self.themes, &self.config);
        let abs = |p: &Path| std::fs::canonicalize(p).unwrap_or_else(|_| p.to_path_buf());
        let (content_abs, themes_abs, config_abs) = (abs(content), abs(themes), abs(config));
        for res in &self.rx {
            let Ok(events) = res else { continue };
            let mut relevant = false;
            let mut full = false;
            for e in &events {
                let p = abs(&e.path);
                let p = if p.exists() { p } else { e.path.clone() };
                let in_content = p.starts_with(&content_abs) || e.path.starts_with(content);
                let is_config = p == config_abs
                    || e.path.file_name() == config.file_name()
                        && (p.parent() == config_abs.parent());
                let in_themes = p.starts_with(&themes_abs) || e.path.starts_with(themes);
                if in_content || is_config || in_themes {
                    relevant = true;
                }
                if is_config || in_themes {
                    full = true;
                }
            }
            if relevant {
                on_change(full);
            }
        }
        Ok(())
    }
}
