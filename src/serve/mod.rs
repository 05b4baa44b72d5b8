//! `serve` and `watch`: build, watch the sources, rebuild what changed.
//!
//! The site is rebuilt in memory; only a complete, successful build is
//! swapped in (for the server) and written to disk (changed files only), so
//! a page never reloads onto a half-written site and a broken file never
//! loses the last good one.

pub mod guard;
pub mod http;
pub mod watch;

use crate::site::output::{write_atomic, write_changes, Output};
use crate::site::swap::SiteLock;
use crate::site::{base_path, BuildOptions};
use anyhow::{Context, Result};
use std::path::PathBuf;
use std::sync::{Arc, Mutex};
use watch::{Builder, Rebuilt};

pub struct ServeOptions {
    pub bind: String,
    pub port: u16,
    pub poll: bool,
    /// Open the site in a browser once it is served.
    pub open: bool,
}

/// Rebuild and report; returns the new output when there is one.
fn rebuild_and_report(builder: &mut Builder, full: bool) -> Option<(Arc<Output>, Vec<String>)> {
    match builder.rebuild(full) {
        Rebuilt::Site {
            output,
            changed,
            millis,
        } => {
            crate::say!(
                "rebuilt in {millis:.0} ms: {} file(s) changed",
                changed.len()
            );
            Some((output, changed))
        }
        Rebuilt::Failed(msg) => {
            eprintln!("{msg}\n(the last good site is still served; fix the file and save)");
            None
        }
        Rebuilt::Nothing => None,
    }
}

/// Where the site goes when the configuration cannot be read: `-o`, else
/// the default.
fn output_dir_of(builder: &Builder, opts: &BuildOptions) -> PathBuf {
    builder.output_dir().unwrap_or_else(|| {
        opts.output_dir
            .clone()
            .unwrap_or_else(|| crate::site::site_root(&opts.config_path).join("public"))
    })
}

pub fn serve(opts: BuildOptions, s: ServeOptions) -> Result<()> {
    // The port first: a second `serve` on a busy port fails before it
    // writes anything.
    let rt = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()?;
    let addr = format!("{}:{}", s.bind, s.port);
    let listener = rt
        .block_on(tokio::net::TcpListener::bind(&addr))
        .with_context(|| {
            format!("cannot listen on {addr}; is another server running? pass --port")
        })?;
    let local = listener.local_addr()?;
    let mut builder = Builder::new(opts.clone());
    let first = builder.rebuild(true);
    let base = builder
        .base_url()
        .map(|b| base_path(&b))
        .unwrap_or_else(|| "/".to_string());
    let state = http::ServerState::new(base.clone(), builder.english());
    match first {
        Rebuilt::Site { output, millis, .. } => {
            if let Some(dir) = builder.output_dir() {
                write_atomic(&output, &dir)?;
            }
            crate::say!("built in {millis:.0} ms");
            state.publish(output, Vec::new());
        }
        Rebuilt::Failed(msg) => {
            eprintln!("{msg}");
            // The last good site on disk, if there is one, is served
            // (with the error shown over it) rather than nothing.
            let dir = output_dir_of(&builder, &opts);
            let on_disk = dir
                .is_dir()
                .then(|| SiteLock::acquire(&dir).and_then(|l| l.read()))
                .and_then(|r| r.ok().flatten());
            if let Some(site) = on_disk {
                eprintln!(
                    "(serving the last good site, in {}; fix the file and save)",
                    dir.display()
                );
                let site = Arc::new(site);
                builder.last_good = site.clone();
                state.publish(site, Vec::new());
            }
            state.fail(msg);
        }
        Rebuilt::Nothing => {}
    }
    // Watching before the address is printed: a file saved as soon as the
    // server answers is seen.
    let watch = watch::watch_sources(builder.watched(), s.poll)?;
    let url = format!("http://{local}{base}");
    crate::say!("serving {url} (Ctrl+C to stop)");
    let app = http::router(state.clone(), guard::allowed_hosts(&s.bind, local));
    rt.spawn(guard::serve(listener, app));
    if s.open {
        open_browser(&url);
    }

    let disk = DiskWriter::spawn();
    let builder = Arc::new(Mutex::new(builder));
    watch.run(|full| {
        let mut b = builder.lock().unwrap();
        match b.rebuild(full) {
            Rebuilt::Site {
                output,
                changed,
                millis,
            } => {
                // Pages are served from memory: swap the complete new site
                // in and reload the open pages first, then bring the
                // output directory up to date.
                state.publish(output.clone(), changed.clone());
                crate::say!(
                    "rebuilt in {millis:.0} ms: {} file(s) changed",
                    changed.len()
                );
                if let Some(dir) = b.output_dir() {
                    disk.write(dir, output, changed);
                }
            }
            Rebuilt::Failed(msg) => {
                eprintln!("{msg}\n(the last good site is still served; fix the file and save)");
                state.fail(msg);
            }
            Rebuilt::Nothing => {}
        }
    })
}

/// Open `url` in the browser with the system's opener, if it has one;
/// never an error.
fn open_browser(url: &str) {
    let opener = if cfg!(target_os = "macos") {
        "open"
    } else {
        "xdg-open"
    };
    let opened = crate::site::external::has_program(opener)
        && std::process::Command::new(opener)
            .arg(url)
            .stdin(std::process::Stdio::null())
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::null())
            .spawn()
            .is_ok();
    if !opened {
        println!("(no {opener} here: open {url} in a browser)");
    }
}

/// Brings the output directory up to date on a thread of its own, a
/// moment after each rebuild: the server answers from memory, so the
/// pages reloading after an edit need not wait for tens of megabytes
/// (the JSON export, the search index) to reach the disk. Rebuilds that
/// come in a burst are written once, with every path any of them changed.
struct DiskWriter {
    jobs: std::sync::mpsc::Sender<(PathBuf, Arc<Output>, Vec<String>)>,
}

impl DiskWriter {
    /// How long a write waits for the pages to reload first.
    const DELAY: std::time::Duration = std::time::Duration::from_millis(150);

    fn spawn() -> DiskWriter {
        let (jobs, rx) = std::sync::mpsc::channel::<(PathBuf, Arc<Output>, Vec<String>)>();
        std::thread::spawn(move || {
            while let Ok((mut dir, mut output, mut changed)) = rx.recv() {
                std::thread::sleep(Self::DELAY);
                // A later site replaces this one; its changes add up.
                while let Ok((d, o, c)) = rx.try_recv() {
                    (dir, output) = (d, o);
                    changed.extend(c);
                }
                changed.sort();
                changed.dedup();
                if let Err(e) = write_changes(&output, &changed, &dir) {
                    eprintln!("warning: could not update {}: {e:#}", dir.display());
                }
            }
        });
        DiskWriter { jobs }
    }

    fn write(&self, dir: PathBuf, output: Arc<Output>, changed: Vec<String>) {
        let _ = self.jobs.send((dir, output, changed));
    }
}

/// `compendium watch`: rebuild on change, no server.
pub fn watch_only(opts: BuildOptions, poll: bool) -> Result<()> {
    let mut builder = Builder::new(opts.clone());
    match rebuild_and_report(&mut builder, true) {
        Some((output, _)) => {
            if let Some(dir) = builder.output_dir() {
                write_atomic(&output, &dir)?;
            }
        }
        None => {
            // The next good build is compared with the site on disk.
            let dir = output_dir_of(&builder, &opts);
            let on_disk = dir
                .is_dir()
                .then(|| SiteLock::acquire(&dir).and_then(|l| l.read()))
                .and_then(|r| r.ok().flatten());
            if let Some(site) = on_disk {
                builder.last_good = Arc::new(site);
            }
        }
    }
    let watch = watch::watch_sources(builder.watched(), poll)?;
    crate::say!("watching for changes (Ctrl+C to stop)");
    watch.run(|full| {
        if let Some((output, changed)) = rebuild_and_report(&mut builder, full) {
            if let Some(dir) = builder.output_dir() {
                if let Err(e) = write_changes(&output, &changed, &dir) {
                    eprintln!("warning: could not update {}: {e:#}", dir.display());
                }
            }
        }
    })
}
