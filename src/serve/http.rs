//! The local HTTP server: serves the last good site from memory (never a
//! file from disk, so nothing outside the output can leak), injects the
//! live-reload client into HTML pages, and pushes reload or error messages
//! over a websocket at `{base}__livereload`. What it lets through (hosts,
//! origins, content types, time limits) is `guard.rs`'s.

use super::guard::{content_type, guard, same_origin, Hosts};
use crate::site::output::Output;
use axum::extract::ws::{Message, WebSocket, WebSocketUpgrade};
use axum::extract::State;
use axum::http::{header, HeaderMap, StatusCode, Uri};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::Router;
use std::sync::{Arc, RwLock};
use std::time::Duration;
use tokio::sync::broadcast;

/// How long a message to a live-reload client may wait for it to read.
const SEND_TIMEOUT: Duration = Duration::from_secs(10);

/// What open pages are told.
#[derive(Debug, Clone, serde::Serialize)]
#[serde(tag = "type", rename_all = "lowercase")]
pub enum Event {
    Reload { changed: Vec<String> },
    Error { message: String },
}

/// Shared between the server and the rebuild loop.
pub struct ServerState {
    pub output: RwLock<Arc<Output>>,
    pub error: RwLock<Option<String>>,
    pub events: broadcast::Sender<Event>,
    /// Path prefix the site lives under (`/` or `/repo/`).
    pub base_path: String,
    /// The error overlay's title, in the site's language.
    pub error_title: String,
}

impl ServerState {
    pub fn new(base_path: String, english: bool) -> Arc<ServerState> {
        let (events, _) = broadcast::channel(64);
        Arc::new(ServerState {
            error_title: format!(
                "compendium : {}",
                crate::render::i18n::strings(english)
                    .build_error
                    .to_lowercase()
            ),
            output: RwLock::new(Arc::new(Output::default())),
            error: RwLock::new(None),
            events,
            base_path,
        })
    }

    /// Swap in a new site (all at once) and tell open pages.
    pub fn publish(&self, output: Arc<Output>, changed: Vec<String>) {
        *self.output.write().unwrap() = output;
        *self.error.write().unwrap() = None;
        let _ = self.events.send(Event::Reload { changed });
    }

    pub fn fail(&self, message: String) {
        *self.error.write().unwrap() = Some(message.clone());
        let _ = self.events.send(Event::Error { message });
    }
}

/// The live-reload client. A page whose file changed fetches its new
/// version and patches its body in place (keeping the scroll position and
/// skipping a full navigation: an author sees the correction tens of
/// milliseconds sooner); a changed stylesheet or script, a different
/// `<head>` or any failure falls back to `location.reload()`. Pages whose
/// file did not change are left alone (but drop a rebuilt search index).
const CLIENT: &str = r#"<script>
(function () {
  var base = "__BASE__";
  var url = (location.protocol === "https:" ? "wss://" : "ws://") + location.host + "__BASE____livereload";
  var overlay, notFound = window.compendiumNotFound === true;
  function show(msg) {
    if (!overlay || !overlay.isConnected) { overlay = document.createElement("div"); overlay.id = "compendium-overlay"; overlay.setAttribute("role", "alert");
      overlay.style.cssText = "position:fixed;left:1rem;right:1rem;bottom:1rem;background:#7a1020;color:#fff;padding:1rem;border-radius:6px;font:13px/1.4 ui-monospace,monospace;white-space:pre-wrap;z-index:2147483647;max-height:50vh;overflow:auto";
      document.body.appendChild(overlay); }
    overlay.textContent = "__TITLE__\n\n" + msg;
  }
  // The site files this page is served from (as the server resolves it).
  function ownFiles() {
    var p = decodeURIComponent(location.pathname);
    if (p.lastIndexOf(base, 0) !== 0) return null;
    p = p.slice(base.length);
    return p === "" || /\/$/.test(p) ? [p + "index.html"] : [p, p + "/index.html"];
  }
  // What the page's head loads: a change there needs a real reload.
  function headKey(doc) {
    return doc.documentElement.lang + "|" + Array.prototype.map.call(
      doc.head.querySelectorAll("link[rel~=stylesheet], script[src]:not([data-compendium-lazy]), meta[charset], base"),
      function (e) { return e.outerHTML; }).join("");
  }
  // Make `old` (in the page) like `neu` (parsed), touching only what
  // differs: the unchanged start and end of each child list are skipped
  // (native isEqualNode), so an edited paragraph is the only thing the
  // browser lays out again. Nodes a script added (data-compendium-live)
  // are left where they are.
  function morph(old, neu) {
    var i, at;
    for (i = old.attributes.length - 1; i >= 0; i--) {
      at = old.attributes[i].name;
      if (!neu.hasAttribute(at)) old.removeAttribute(at);
    }
    for (i = 0; i < neu.attributes.length; i++) {
      at = neu.attributes[i];
      if (old.getAttribute(at.name) !== at.value) old.setAttribute(at.name, at.value);
    }
    var a = Array.prototype.filter.call(old.childNodes, function (n) { return !(n.nodeType === 1 && n.hasAttribute("data-compendium-live")); });
    var b = Array.prototype.slice.call(neu.childNodes);
    var s = 0, ea = a.length, eb = b.length;
    while (s < ea && s < eb && a[s].isEqualNode(b[s])) s++;
    while (ea > s && eb > s && a[ea - 1].isEqualNode(b[eb - 1])) { ea--; eb--; }
    var ref = ea < a.length ? a[ea] : null;
    for (i = s; i < ea || i < eb; i++) {
      var x = i < ea ? a[i] : null, y = i < eb ? b[i] : null;
      if (x && y && x.nodeType === 1 && y.nodeType === 1 && x.tagName === y.tagName) morph(x, y);
      else if (x && y && x.nodeType === y.nodeType && x.nodeType !== 1) { if (x.nodeValue !== y.nodeValue) x.nodeValue = y.nodeValue; }
      else if (x && y) old.replaceChild(document.adoptNode(y), x);
      else if (x) old.removeChild(x);
      else old.insertBefore(document.adoptNode(y), ref);
    }
  }
  function swap(changed) {
    var own = ownFiles();
    var search = function (f) { return /(^|\/)search-index\.js$|(^|\/)assets\/search\//.test(f); };
    var assets = changed.some(function (f) { return /\.(css|js)$/.test(f) && !search(f); });
    if (!own || assets) { location.reload(); return; }
    // The build is good again: no error to show.
    var old = document.getElementById("compendium-overlay");
    if (old) old.remove();
    // Any page may hold the search index and parts of it: when any is
    // rebuilt, they are all loaded again on the next query.
    if (changed.some(search)) {
      delete window.COMPENDIUM_INDEX;
      Array.prototype.forEach.call(document.querySelectorAll("script[data-compendium-lazy]"), function (s) { s.remove(); });
    }
    // A missing page may have been created; a present one only changes with its file.
    if (!notFound && !changed.some(function (f) { return own.indexOf(f) >= 0; })) return;
    fetch(location.href, { cache: "no-store" }).then(function (r) { notFound = r.status === 404; return r.text(); }).then(function (html) {
      var doc = new DOMParser().parseFromString(html, "text/html");
      if (!doc.body || headKey(doc) !== headKey(document)) { location.reload(); return; }
      document.title = doc.title;
      var desc = document.head.querySelector("meta[name=description]"), nd = doc.head.querySelector("meta[name=description]");
      if (desc && nd) desc.content = nd.content;
      morph(document.body, doc.body);
      document.dispatchEvent(new Event("compendium:swapped"));
      // When the update was painted (bench/run.py reads it).
      requestAnimationFrame(function () { setTimeout(function () { window.compendiumSwappedAt = performance.timeOrigin + performance.now(); }, 0); });
    }).catch(function () { location.reload(); });
  }
  function connect() {
    var ws = new WebSocket(url);
    ws.onmessage = function (e) {
      var m = JSON.parse(e.data);
      if (m.type === "reload") { swap(m.changed || []); }
      else if (m.type === "error") { show(m.message); }
    };
    ws.onclose = function () { setTimeout(connect, 500); };
  }
  window.compendiumLiveReload = true;
  connect();
})();
</script>"#;

/// Map a request path to a file of the site, or None (404). Rejects any
/// `..` segment, encoded or not.
pub fn resolve(path: &str, base_path: &str, output: &Output) -> Option<String> {
    let decoded = percent_decode(path)?;
    let rel = decoded
        .strip_prefix(base_path)
        .or_else(|| (decoded.clone() + "/" == base_path).then_some(""))?;
    if rel.split(['/', '\\']).any(|s| s == ".." || s == ".") || rel.contains('\0') {
        return None;
    }
    let rel = rel.trim_start_matches('/');
    let candidates = if rel.is_empty() || rel.ends_with('/') {
        vec![format!("{rel}index.html")]
    } else {
        vec![rel.to_string(), format!("{rel}/index.html")]
    };
    candidates
        .into_iter()
        .find(|c| output.files.contains_key(c))
}

fn percent_decode(s: &str) -> Option<String> {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' {
            let hex = s.get(i + 1..i + 3)?;
            out.push(u8::from_str_radix(hex, 16).ok()?);
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    String::from_utf8(out).ok()
}

async fn serve_file(State(state): State<Arc<ServerState>>, uri: Uri) -> Response {
    let output = state.output.read().unwrap().clone();
    let error = state.error.read().unwrap().clone();
    let client = CLIENT
        .replace("__BASE__", &state.base_path)
        .replace("__TITLE__", &state.error_title);
    let inject = |html: &[u8], not_found: bool| -> Vec<u8> {
        let mut s = String::from_utf8_lossy(html).into_owned();
        let mut script = String::new();
        if not_found {
            // The client re-fetches a missing page on every rebuild.
            script.push_str("<script>window.compendiumNotFound = true;</script>");
        }
        script.push_str(&client);
        if let Some(e) = &error {
            // A page opened while the build is broken shows the error at once.
            // JSON inside a script element: `</script>` or `<!--` in the
            // message must not end it, so no `<` is left as such.
            let msg = serde_json::to_string(e)
                .unwrap_or_default()
                .replace('<', "\\u003c");
            let title = serde_json::to_string(&state.error_title).unwrap_or_default();
            script.push_str(&format!("<script>window.addEventListener('load',function(){{var m={msg};var d=document.createElement('div');d.id='compendium-overlay';d.setAttribute('role','alert');d.textContent={title}+'\\n\\n'+m;d.style.cssText='position:fixed;left:1rem;right:1rem;bottom:1rem;background:#7a1020;color:#fff;padding:1rem;white-space:pre-wrap;z-index:2147483647';document.body.appendChild(d);}});</script>"));
        }
        match s.rfind("</body>") {
            Some(i) => s.insert_str(i, &script),
            None => s.push_str(&script),
        }
        s.into_bytes()
    };
    match resolve(uri.path(), &state.base_path, &output) {
        // A directory asked without its `/`: its relative links would
        // resolve one level up, so the browser is sent to `x/`.
        Some(file) if is_directory_without_slash(uri.path(), &file) => {
            let mut to = format!("/{}/", uri.path().trim_start_matches('/'));
            if let Some(q) = uri.query() {
                to.push('?');
                to.push_str(q);
            }
            (StatusCode::PERMANENT_REDIRECT, [(header::LOCATION, to)], "").into_response()
        }
        Some(file) => {
            let bytes = output.get(&file).unwrap_or_default();
            let body = if file.ends_with(".html") {
                inject(&bytes, false)
            } else {
                bytes.into_owned()
            };
            (
                [
                    (header::CONTENT_TYPE, content_type(&file)),
                    (header::CACHE_CONTROL, "no-store"),
                ],
                body,
            )
                .into_response()
        }
        None => {
            let body = match output.get("404.html") {
                Some(b) => inject(&b, true),
                None if error.is_some() => inject(
                    b"<!DOCTYPE html><html><body><h1>Build error</h1></body></html>",
                    true,
                ),
                None => b"not found".to_vec(),
            };
            (
                StatusCode::NOT_FOUND,
                [(header::CONTENT_TYPE, "text/html; charset=utf-8")],
                body,
            )
                .into_response()
        }
    }
}

/// Whether `path` (not ending in `/`) was resolved to the `index.html` of
/// a directory.
fn is_directory_without_slash(path: &str, file: &str) -> bool {
    !path.ends_with('/')
        && (file == "index.html" || file.ends_with("/index.html"))
        && !path.ends_with("/index.html")
        && !path.ends_with("%2Findex.html")
}

async fn livereload(
    ws: WebSocketUpgrade,
    headers: HeaderMap,
    State(state): State<Arc<ServerState>>,
) -> Response {
    if !same_origin(&headers) {
        return (
            StatusCode::FORBIDDEN,
            "the live-reload socket is only for this server's own pages\n",
        )
            .into_response();
    }
    ws.on_upgrade(move |socket| client_loop(socket, state))
}

/// Send `text`, unless the client does not read it in time.
async fn send(socket: &mut WebSocket, text: String) -> bool {
    matches!(
        tokio::time::timeout(SEND_TIMEOUT, socket.send(Message::Text(text))).await,
        Ok(Ok(()))
    )
}

async fn client_loop(mut socket: WebSocket, state: Arc<ServerState>) {
    let mut rx = state.events.subscribe();
    let pending = state.error.read().unwrap().clone();
    if let Some(message) = pending {
        let text = serde_json::to_string(&Event::Error { message }).unwrap();
        if !send(&mut socket, text).await {
            return;
        }
    }
    loop {
        tokio::select! {
            ev = rx.recv() => {
                let Ok(ev) = ev else { continue };
                let text = serde_json::to_string(&ev).unwrap();
                if !send(&mut socket, text).await {
                    return;
                }
            }
            msg = socket.recv() => {
                match msg {
                    Some(Ok(_)) => {}
                    _ => return,
                }
            }
        }
    }
}

pub fn router(state: Arc<ServerState>, hosts: Hosts) -> Router {
    let reload_path = format!("{}__livereload", state.base_path);
    Router::new()
        .route(&reload_path, get(livereload))
        .fallback(get(serve_file))
        .with_state(state)
        .layer(axum::middleware::from_fn_with_state(Arc::new(hosts), guard))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn site() -> Output {
        let mut o = Output::default();
        o.add("index.html", "home");
        o.add("documents/a/index.html", "a");
        o.add("assets/style.css", "css");
        o
    }

    #[test]
    fn resolves_pretty_and_plain_paths() {
        let o = site();
        assert_eq!(resolve("/", "/", &o).as_deref(), Some("index.html"));
        assert_eq!(
            resolve("/documents/a/", "/", &o).as_deref(),
            Some("documents/a/index.html")
        );
        assert_eq!(
            resolve("/documents/a", "/", &o).as_deref(),
            Some("documents/a/index.html")
        );
        assert_eq!(
            resolve("/repo/assets/style.css", "/repo/", &o).as_deref(),
            Some("assets/style.css")
        );
        assert_eq!(
            resolve("/repo", "/repo/", &o).as_deref(),
            Some("index.html")
        );
        assert_eq!(resolve("/assets/style.css", "/repo/", &o), None);
    }

    #[test]
    fn refuses_traversal() {
        let o = site();
        for p in [
            "/../etc/passwd",
            "/%2e%2e/etc/passwd",
            "/documents/%2E%2E/%2e%2e/Cargo.toml",
            "/documents/..%2f..%2fsecret",
            "/%00",
        ] {
            assert_eq!(resolve(p, "/", &o), None, "{p}");
        }
    }
}
