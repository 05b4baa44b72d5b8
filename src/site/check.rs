//! `compendium check`: every internal link and `#fragment` of a built site
//! resolves (like `zola check`, for our own output).

use regex::Regex;
use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::sync::LazyLock;

static ID: LazyLock<Regex> = LazyLock::new(|| Regex::new(r#"\sid="([^"]+)""#).unwrap());
static LOC: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"<loc>([^<]*)</loc>").unwrap());
static HREF: LazyLock<Regex> = LazyLock::new(|| Regex::new(r#"\s(?:href|src)="([^"]*)""#).unwrap());

/// A link that does not resolve.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BrokenLink {
    pub page: String,
    pub href: String,
    pub reason: String,
}

fn unescape(s: &str) -> String {
    static NUMERIC: LazyLock<Regex> =
        LazyLock::new(|| Regex::new(r"&#(x[0-9a-fA-F]+|[0-9]+);").unwrap());
    let s = NUMERIC.replace_all(s, |c: &regex::Captures| {
        let code = &c[1];
        let n = match code.strip_prefix('x') {
            Some(h) => u32::from_str_radix(h, 16).ok(),
            None => code.parse().ok(),
        };
        n.and_then(char::from_u32)
            .map(|c| c.to_string())
            .unwrap_or_default()
    });
    s.replace("&amp;", "&")
        .replace("&quot;", "\"")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
}

fn percent_decode(s: &str) -> String {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' && i + 2 < bytes.len() {
            if let Ok(b) = u8::from_str_radix(&s[i + 1..i + 3], 16) {
                out.push(b);
                i += 3;
                continue;
            }
        }
        out.push(bytes[i]);
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// Normalise `a/b/../c` without touching the file system.
fn normalise(path: &str) -> Option<String> {
    let mut parts: Vec<&str> = Vec::new();
    for p in path.split('/') {
        match p {
            "" | "." => {}
            ".." => {
                parts.pop()?;
            }
            p => parts.push(p),
        }
    }
    Some(parts.join("/"))
}

/// What `check` found.
#[derive(Debug, Default)]
pub struct CheckReport {
    /// Internal links checked.
    pub links: usize,
    pub broken: Vec<BrokenLink>,
    /// Links to other sites (`http(s)://`), with the first page of each,
    /// sorted: checked only on request ([`super::external`]).
    pub external: Vec<(String, String)>,
}

/// Check the site in `dir`, published at `base_url` (`site.yaml`'s): every
/// link into the site (relative, absolute under the base path, or a full
/// URL beginning with `base_url`) must name a file of it and, with a
/// `#fragment`, an element of that file.
pub fn check_site(dir: &Path, base_url: &str) -> anyhow::Result<CheckReport> {
    use anyhow::Context;
    let mut files: HashMap<String, PathBuf> = HashMap::new();
    for e in walkdir::WalkDir::new(dir) {
        let e = e.with_context(|| format!("cannot read {}", dir.display()))?;
        if e.file_type().is_file() {
            let rel = e
                .path()
                .strip_prefix(dir)
                .unwrap()
                .to_string_lossy()
                .replace('\\', "/");
            files.insert(rel, e.path().to_path_buf());
        }
    }
    let mut ids: HashMap<String, HashSet<String>> = HashMap::new();
    let mut pages: Vec<(String, String)> = Vec::new();
    for (rel, path) in &files {
        if rel.ends_with(".html") {
            let bytes =
                std::fs::read(path).with_context(|| format!("cannot read {}", path.display()))?;
            let html = String::from_utf8(bytes).map_err(|e| {
                let bytes = e.as_bytes();
                let at = e.utf8_error().valid_up_to();
                let line = bytes[..at].iter().filter(|b| **b == b'\n').count() + 1;
                anyhow::anyhow!(
                    "{}:{line}: the file is not valid UTF-8 (a page of the site must be)",
                    path.display()
                )
            })?;
            ids.insert(
                rel.clone(),
                ID.captures_iter(&html).map(|c| unescape(&c[1])).collect(),
            );
            pages.push((rel.clone(), html));
        }
    }
    pages.sort();
    let mut base = base_url.to_string();
    if !base.ends_with('/') {
        base.push('/');
    }
    // The base the site was built with (`--base-url` may have overridden
    // site.yaml): its sitemap's shortest URL, the home page's.
    let built = std::fs::read_to_string(dir.join("sitemap.xml"))
        .ok()
        .and_then(|map| {
            LOC.captures_iter(&map)
                .map(|c| unescape(&c[1]))
                .min_by_key(|l| l.len())
        });
    if let Some(b) = built.as_ref().filter(|b| b.contains("://")) {
        base = b.clone();
    }
    let base_path = super::base_path(built.as_deref().unwrap_or(&base));
    let mut report = CheckReport::default();
    let mut external: HashMap<String, String> = HashMap::new();
    for (page, html) in &pages {
        let page_dir = page.rsplit_once('/').map(|(d, _)| d).unwrap_or("");
        for c in HREF.captures_iter(html) {
            let mut href = unescape(&c[1]);
            if base.contains("://") && href.starts_with(&base) {
                // A full URL into the site itself.
                href = format!("{base_path}{}", &href[base.len()..]);
            }
            if href.starts_with("http://") || href.starts_with("https://") {
                let url = href.split('#').next().unwrap_or(&href).to_string();
                external.entry(url).or_insert_with(|| page.clone());
                continue;
            }
            if href.contains("://") || href.starts_with("mailto:") || href.starts_with("data:") {
                continue;
            }
            report.links += 1;
            let (path_part, fragment) = match href.split_once('#') {
                Some((p, f)) => (p, Some(percent_decode(f))),
                None => (href.as_str(), None),
            };
            let target = if path_part.is_empty() {
                Some(page.clone())
            } else if let Some(abs) = path_part.strip_prefix('/') {
                // Under the base path: that file.
                let abs = format!("/{}", percent_decode(abs));
                abs.strip_prefix(&base_path)
                    .and_then(|rest| resolve_file(&files, rest))
            } else {
                normalise(&format!("{page_dir}/{}", percent_decode(path_part)))
                    .and_then(|p| resolve_file(&files, &p))
            };
            let Some(target) = target else {
                report.broken.push(BrokenLink {
                    page: page.clone(),
                    href: href.clone(),
                    reason: "no such file".into(),
                });
                continue;
            };
            if let Some(f) = fragment.filter(|f| !f.is_empty()) {
                let has = ids.get(&target).is_some_and(|set| set.contains(&f));
                if !has {
                    report.broken.push(BrokenLink {
                        page: page.clone(),
                        href: href.clone(),
                        reason: format!("no element with id `{f}` in {target}"),
                    });
                }
            }
        }
    }
    report.external = external.into_iter().map(|(u, p)| (p, u)).collect();
    report.external.sort_by(|a, b| a.1.cmp(&b.1));
    Ok(report)
}

fn resolve_file(files: &HashMap<String, PathBuf>, p: &str) -> Option<String> {
    let p = p.trim_end_matches('/');
    if files.contains_key(p) {
        return Some(p.to_string());
    }
    let index = if p.is_empty() {
        "index.html".to_string()
    } else {
        format!("{p}/index.html")
    };
    files.contains_key(&index).then_some(index)
}
