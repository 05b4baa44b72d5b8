//! `compendium check --external`: the links to other sites answer.
//!
//! Only on request (it goes out on the network). `http://` links are
//! asked with a small client of our own (a `HEAD`, else a `GET` whose
//! body is not read; redirects followed); `https://` ones through `curl`
//! when it is installed, else they are counted as not checked. Every
//! request has a time limit.

use std::io::{Read, Write};
use std::net::{TcpStream, ToSocketAddrs};
use std::time::Duration;

/// What checking the external links found.
#[derive(Debug, Default)]
pub struct ExternalReport {
    /// (page, URL, why) of each link that does not answer well.
    pub broken: Vec<(String, String, String)>,
    /// Links that could not be checked (https without `curl`).
    pub unchecked: usize,
    pub checked: usize,
}

/// Check `links` ((first page, URL), as [`super::check::CheckReport`]
/// lists them), a few at a time, each request within `timeout`.
pub fn check_external(links: &[(String, String)], timeout: Duration) -> ExternalReport {
    let curl = has_program("curl");
    let next = std::sync::atomic::AtomicUsize::new(0);
    let results = std::sync::Mutex::new(Vec::new());
    std::thread::scope(|scope| {
        for _ in 0..links.len().min(8) {
            scope.spawn(|| loop {
                let i = next.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
                let Some((page, url)) = links.get(i) else {
                    return;
                };
                let r = if url.starts_with("https://") && !curl {
                    None
                } else if url.starts_with("https://") {
                    Some(curl_check(url, timeout))
                } else {
                    Some(http_check(url, timeout, 5))
                };
                results.lock().unwrap().push((i, page, url, r));
            });
        }
    });
    let mut results = results.into_inner().unwrap();
    results.sort_by_key(|r| r.0);
    let mut report = ExternalReport::default();
    for (_, page, url, r) in results {
        match r {
            None => report.unchecked += 1,
            Some(Ok(())) => report.checked += 1,
            Some(Err(why)) => {
                report.checked += 1;
                report.broken.push((page.clone(), url.clone(), why));
            }
        }
    }
    report
}

/// Whether `name` is a program on the `PATH`.
pub fn has_program(name: &str) -> bool {
    std::env::var_os("PATH").is_some_and(|paths| {
        std::env::split_paths(&paths).any(|d| {
            let p = d.join(name);
            p.is_file() || p.with_extension("exe").is_file()
        })
    })
}

/// An `http://` URL answers with a status below 400, following up to
/// `redirects` redirections.
fn http_check(url: &str, timeout: Duration, redirects: usize) -> Result<(), String> {
    let (mut status, mut location) = http_head(url, "HEAD", timeout)?;
    if matches!(status, 405 | 501) {
        // Some servers answer only GET.
        (status, location) = http_head(url, "GET", timeout)?;
    }
    match (status, location) {
        (300..=399, Some(to)) if redirects > 0 => {
            let next = join_url(url, &to);
            if next.starts_with("https://") {
                return if has_program("curl") {
                    curl_check(&next, timeout)
                } else {
                    Ok(()) // redirected to https: not checked further
                };
            }
            http_check(&next, timeout, redirects - 1)
        }
        (300..=399, _) => Err(format!("HTTP {status}: too many redirects")),
        (s, _) if s >= 400 => Err(format!("HTTP {s}")),
        _ => Ok(()),
    }
}

/// `to` (a `Location`) made absolute against `url`.
fn join_url(url: &str, to: &str) -> String {
    if to.contains("://") {
        return to.to_string();
    }
    let scheme_end = url.find("://").map_or(0, |i| i + 3);
    let host_end = url[scheme_end..]
        .find('/')
        .map_or(url.len(), |i| scheme_end + i);
    if to.starts_with('/') {
        format!("{}{to}", &url[..host_end])
    } else {
        let dir_end = url
            .rfind('/')
            .filter(|&i| i >= host_end)
            .unwrap_or(host_end);
        format!("{}/{to}", &url[..dir_end])
    }
}

/// The status and `Location` of `method url` (only the head is read).
fn http_head(url: &str, method: &str, timeout: Duration) -> Result<(u16, Option<String>), String> {
    let rest = url.strip_prefix("http://").ok_or("not an http URL")?;
    let (authority, path) = match rest.find(['/', '?']) {
        Some(i) => (&rest[..i], &rest[i..]),
        None => (rest, "/"),
    };
    let path = if path.starts_with('?') {
        format!("/{path}")
    } else {
        path.to_string()
    };
    let (host, port) = match authority.rsplit_once(':') {
        Some((h, p)) if !p.contains(']') => (h, p.parse().map_err(|_| "bad port")?),
        _ => (authority, 80u16),
    };
    let host_only = host.trim_start_matches('[').trim_end_matches(']');
    // The name is looked up on a thread of its own: the system's resolver
    // has no time limit.
    let (tx, rx) = std::sync::mpsc::channel();
    let target = (host_only.to_string(), port);
    std::thread::spawn(move || {
        let _ = tx.send(target.to_socket_addrs().map(|a| a.collect::<Vec<_>>()));
    });
    let addrs = rx
        .recv_timeout(timeout)
        .map_err(|_| "timed out looking up the host".to_string())?
        .map_err(|e| format!("cannot find the host: {e}"))?;
    let addr = addrs.first().ok_or("cannot find the host")?;
    let mut s = TcpStream::connect_timeout(addr, timeout).map_err(|e| e.to_string())?;
    s.set_read_timeout(Some(timeout)).ok();
    s.set_write_timeout(Some(timeout)).ok();
    write!(
        s,
        "{method} {path} HTTP/1.1\r\nHost: {authority}\r\nUser-Agent: compendium-check\r\nAccept: */*\r\nConnection: close\r\n\r\n"
    )
    .map_err(|e| e.to_string())?;
    let mut head = Vec::new();
    let mut buf = [0u8; 4096];
    while !head.windows(4).any(|w| w == b"\r\n\r\n") && head.len() < 65536 {
        let n = s.read(&mut buf).map_err(|e| match e.kind() {
            std::io::ErrorKind::WouldBlock | std::io::ErrorKind::TimedOut => {
                "timed out".to_string()
            }
            _ => e.to_string(),
        })?;
        if n == 0 {
            break;
        }
        head.extend_from_slice(&buf[..n]);
    }
    let head = String::from_utf8_lossy(&head);
    let mut lines = head.lines();
    let status = lines
        .next()
        .and_then(|l| l.split_whitespace().nth(1))
        .and_then(|c| c.parse().ok())
        .ok_or("no HTTP answer")?;
    let location = lines.take_while(|l| !l.is_empty()).find_map(|l| {
        let (k, v) = l.split_once(':')?;
        k.eq_ignore_ascii_case("location")
            .then(|| v.trim().to_string())
    });
    Ok((status, location))
}

/// An `https://` URL answers, asked through `curl`.
fn curl_check(url: &str, timeout: Duration) -> Result<(), String> {
    let status = |head: bool| -> Result<u16, String> {
        let mut c = std::process::Command::new("curl");
        c.args([
            "-s",
            "-o",
            "/dev/null",
            "-L",
            "--max-redirs",
            "5",
            "-w",
            "%{http_code}",
        ])
        .arg("--max-time")
        .arg(timeout.as_secs().max(1).to_string());
        if head {
            c.arg("-I");
        }
        let out = c.arg("--").arg(url).output().map_err(|e| e.to_string())?;
        let code = String::from_utf8_lossy(&out.stdout)
            .trim()
            .parse()
            .unwrap_or(0);
        if code == 0 {
            return Err("no answer (timed out, or the host cannot be reached)".into());
        }
        Ok(code)
    };
    let mut code = status(true)?;
    if matches!(code, 405 | 501) {
        code = status(false)?;
    }
    if code >= 400 {
        return Err(format!("HTTP {code}"));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    #[test]
    fn a_location_is_made_absolute() {
        let j = super::join_url;
        assert_eq!(j("http://h:8/a/b", "/c"), "http://h:8/c");
        assert_eq!(j("http://h/a/b", "c"), "http://h/a/c");
        assert_eq!(j("http://h", "c"), "http://h/c");
        assert_eq!(j("http://h/a", "https://x/y"), "https://x/y");
    }
}
