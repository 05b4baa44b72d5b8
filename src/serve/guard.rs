//! What the local server lets through. It answers only requests
//! addressed to it by a name of this machine (`Host`: localhost, a
//! loopback address or the address it is bound to), and opens its
//! websocket only for its own pages (`Origin`): a page of another site
//! whose name was made to point at 127.0.0.1 (DNS rebinding) can read
//! nothing. Every answer is `nosniff` with the file's content type. A
//! client gets a few seconds to send its request head and a couple of
//! minutes in all.

use axum::extract::{Request, State};
use axum::http::{header, HeaderMap, HeaderValue, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use axum::Router;
use std::net::{IpAddr, SocketAddr};
use std::sync::Arc;
use std::time::Duration;

/// How long a client may take to send a request's head.
pub const HEAD_TIMEOUT: Duration = Duration::from_secs(5);
/// How long a connection may stay open (a websocket, once upgraded, is not
/// counted); a browser opens another when it needs one.
pub const CONNECTION_LIMIT: Duration = Duration::from_secs(120);

/// The names requests may be addressed to (see the module's documentation).
#[derive(Debug, Clone)]
pub struct Hosts {
    names: Vec<String>,
    /// Bound to every interface: any IP address (an address is not a name
    /// that can be made to point elsewhere).
    any_ip: bool,
}

/// The hosts of a server bound to `bind`, listening at `local`.
pub fn allowed_hosts(bind: &str, local: SocketAddr) -> Hosts {
    let ip = match local.ip() {
        IpAddr::V6(v6) => format!("[{v6}]"),
        v4 => v4.to_string(),
    };
    let mut names: Vec<String> = ["localhost", "127.0.0.1", "[::1]"]
        .iter()
        .map(|s| s.to_string())
        .collect();
    names.push(bind.to_ascii_lowercase());
    names.push(ip);
    Hosts {
        names,
        any_ip: local.ip().is_unspecified(),
    }
}

impl Hosts {
    /// Whether a `Host` header (name and port) names this server.
    pub fn allows(&self, host: &str) -> bool {
        let host = host.trim().to_ascii_lowercase();
        // The port off: `[::1]:1111`, `127.0.0.1:1111`, `localhost`.
        let name = match host.rfind(':') {
            Some(i)
                if !host[i..].contains(']')
                    && host[i + 1..].bytes().all(|b| b.is_ascii_digit()) =>
            {
                &host[..i]
            }
            _ => host.as_str(),
        };
        let name = name.strip_suffix('.').unwrap_or(name);
        if self.names.iter().any(|n| n == name) {
            return true;
        }
        let bare = name.trim_start_matches('[').trim_end_matches(']');
        self.any_ip && bare.parse::<IpAddr>().is_ok()
    }
}

/// Refuses a request addressed to another name; marks every answer
/// `nosniff` (the browser keeps to the content type given).
pub async fn guard(State(hosts): State<Arc<Hosts>>, req: Request, next: Next) -> Response {
    let host = req
        .headers()
        .get(header::HOST)
        .and_then(|h| h.to_str().ok())
        .map(str::to_string)
        .or_else(|| req.uri().authority().map(|a| a.to_string()));
    let mut res = if host.as_deref().is_some_and(|h| hosts.allows(h)) {
        next.run(req).await
    } else {
        (
            StatusCode::FORBIDDEN,
            [(header::CONTENT_TYPE, "text/plain; charset=utf-8")],
            "compendium serve answers only requests for localhost, 127.0.0.1 or the address it was started with (--bind)\n",
        )
            .into_response()
    };
    res.headers_mut().insert(
        header::X_CONTENT_TYPE_OPTIONS,
        HeaderValue::from_static("nosniff"),
    );
    res
}

/// Whether a websocket request comes from a page of this server: its
/// `Origin` (when a browser sends one) names the host it asks.
pub fn same_origin(headers: &HeaderMap) -> bool {
    let Some(origin) = headers.get(header::ORIGIN) else {
        return true; // not a browser
    };
    let host = headers.get(header::HOST).and_then(|h| h.to_str().ok());
    let origin = origin.to_str().ok().and_then(|o| o.split_once("://"));
    match (origin, host) {
        (Some((scheme, authority)), Some(host)) => {
            matches!(scheme, "http" | "https") && authority.eq_ignore_ascii_case(host)
        }
        _ => false,
    }
}

/// Serve `app` on `listener`: HTTP/1.1 with the time limits above (a
/// client that sends nothing, or a byte at a time, is dropped).
pub async fn serve(listener: tokio::net::TcpListener, app: Router) {
    use hyper_util::rt::{TokioIo, TokioTimer};
    loop {
        let stream = match listener.accept().await {
            Ok((stream, _)) => stream,
            Err(_) => {
                // Out of file descriptors, say: wait for some to be freed.
                tokio::time::sleep(Duration::from_millis(50)).await;
                continue;
            }
        };
        let service = hyper_util::service::TowerToHyperService::new(app.clone());
        tokio::spawn(async move {
            let mut http = hyper::server::conn::http1::Builder::new();
            http.timer(TokioTimer::new())
                .header_read_timeout(HEAD_TIMEOUT);
            let conn = http
                .serve_connection(TokioIo::new(stream), service)
                .with_upgrades();
            let _ = tokio::time::timeout(CONNECTION_LIMIT, conn).await;
        });
    }
}

/// The content type of a file of the site, by its extension (with
/// `nosniff`, the browser keeps to it).
pub fn content_type(path: &str) -> &'static str {
    let name = path.rsplit('/').next().unwrap_or(path);
    let ext = match name.rsplit_once('.') {
        Some((_, e)) => e.to_ascii_lowercase(),
        None => String::new(),
    };
    match ext.as_str() {
        "html" | "htm" => "text/html; charset=utf-8",
        "css" => "text/css; charset=utf-8",
        "js" | "mjs" => "text/javascript; charset=utf-8",
        "json" | "map" => "application/json",
        "xml" => "application/xml",
        "svg" => "image/svg+xml",
        "png" => "image/png",
        "jpg" | "jpeg" => "image/jpeg",
        "gif" => "image/gif",
        "webp" => "image/webp",
        "avif" => "image/avif",
        "ico" => "image/x-icon",
        "woff" => "font/woff",
        "woff2" => "font/woff2",
        "ttf" => "font/ttf",
        "otf" => "font/otf",
        "pdf" => "application/pdf",
        "wasm" => "application/wasm",
        "txt" | "md" => "text/plain; charset=utf-8",
        "csv" => "text/csv; charset=utf-8",
        "webmanifest" => "application/manifest+json",
        _ => "application/octet-stream",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_names_of_this_machine_are_served() {
        let local: SocketAddr = "127.0.0.1:1111".parse().unwrap();
        let h = allowed_hosts("127.0.0.1", local);
        for ok in [
            "127.0.0.1:1111",
            "localhost:1111",
            "LOCALHOST",
            "[::1]:1111",
            "127.0.0.1",
            "localhost.",
        ] {
            assert!(h.allows(ok), "{ok}");
        }
        for bad in [
            "evil.example:1111",
            "evil.example",
            "127.0.0.1.evil.example",
            "10.0.0.2:1111",
            "",
        ] {
            assert!(!h.allows(bad), "{bad}");
        }
        // Bound to every interface: its addresses too, never other names.
        let h = allowed_hosts("0.0.0.0", "0.0.0.0:1111".parse().unwrap());
        assert!(h.allows("192.168.1.20:1111") && h.allows("[fe80::1]:1111"));
        assert!(!h.allows("evil.example:1111"));
        let h = allowed_hosts("devbox.local", local);
        assert!(h.allows("devbox.local:1111"));
    }

    #[test]
    fn a_websocket_opens_only_for_the_servers_own_pages() {
        let headers = |origin: Option<&str>| {
            let mut h = HeaderMap::new();
            h.insert(header::HOST, HeaderValue::from_static("127.0.0.1:1111"));
            if let Some(o) = origin {
                h.insert(header::ORIGIN, HeaderValue::from_str(o).unwrap());
            }
            h
        };
        assert!(same_origin(&headers(None)));
        assert!(same_origin(&headers(Some("http://127.0.0.1:1111"))));
        assert!(!same_origin(&headers(Some("http://evil.example:1111"))));
        assert!(!same_origin(&headers(Some("http://127.0.0.1:2222"))));
        assert!(!same_origin(&headers(Some("null"))));
    }

    #[test]
    fn every_file_of_the_site_has_its_content_type() {
        for (p, t) in [
            ("index.html", "text/html; charset=utf-8"),
            ("assets/style.css", "text/css; charset=utf-8"),
            ("assets/search/s-7472.js", "text/javascript; charset=utf-8"),
            ("compendium.json", "application/json"),
            ("documents/a/akn.xml", "application/xml"),
            ("sitemap.xml", "application/xml"),
            (".nojekyll", "application/octet-stream"),
            ("assets/font.WOFF2", "font/woff2"),
            ("favicon.ico", "image/x-icon"),
        ] {
            assert_eq!(content_type(p), t, "{p}");
        }
    }
}
