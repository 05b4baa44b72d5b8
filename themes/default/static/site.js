// compendium: paragraph tools (copy a reference, the permalink), what a
// printed page says of itself, the documents index's sorting. Kept small
// and dependency-free; the pages work without it.
(function () {
  "use strict";
  var script = document.currentScript;
  var copiedWord = (script && script.getAttribute("data-copied")) || "Copied";
  var lang = document.documentElement.lang || "en";

  // The site's root, from where this script is (works at a sub-path and
  // from file://).
  var root = script ? script.src.replace(/assets\/site\.js(?:[?#].*)?$/, "") : "";
  // An absolute address: the site's own (base_url) when the build had it,
  // else made from the site's root (under file://, to the page's file).
  function absolute(url) {
    url = url || "";
    if (/^https?:\/\//.test(url) || !root) return url;
    var at = url.indexOf("#"), hash = at < 0 ? "" : url.slice(at), path = (at < 0 ? url : url.slice(0, at)).replace(/^\//, "");
    if (location.protocol === "file:" && /(^|\/)$/.test(path)) path += "index.html";
    return root + path + hash;
  }
  function pageUrl(el) {
    var page = el && el.closest("[data-url]");
    return page ? absolute(page.getAttribute("data-url")) : location.href.split("#")[0];
  }

  // "Copy reference": « résolution 6/1 de la Conférence des Parties, par. 5
  // (https://…/documents/resolution-6-1/#op5) », then "Copied" beside the
  // button for a moment, and said to screen readers.
  var status;
  function announce(text) {
    if (!status || !status.isConnected) {
      status = document.createElement("div");
      status.className = "visually-hidden";
      status.setAttribute("role", "status");
      document.body.appendChild(status);
    }
    status.textContent = text;
  }
  document.addEventListener("click", function (e) {
    var btn = e.target.closest && e.target.closest(".copyref");
    if (!btn) return;
    var para = btn.closest(".para");
    var cite = para.getAttribute("data-cite") || para.getAttribute("data-ref");
    var text = cite + " (" + pageUrl(para) + "#" + para.id + ")";
    var done = function () {
      var tip = btn.parentNode.querySelector(".copied");
      if (!tip) {
        tip = document.createElement("span");
        tip.className = "copied";
        tip.setAttribute("aria-hidden", "true");
        btn.parentNode.appendChild(tip);
      }
      tip.textContent = copiedWord;
      btn.setAttribute("data-done", "1");
      btn.title = copiedWord;
      announce(copiedWord + (lang === "fr" ? "\u00a0: " : ": ") + text);
      clearTimeout(btn.copiedTimer);
      btn.copiedTimer = setTimeout(function () {
        btn.removeAttribute("data-done");
        if (tip.parentNode) tip.parentNode.removeChild(tip);
      }, 2000);
    };
    if (navigator.clipboard && navigator.clipboard.writeText) {
      navigator.clipboard.writeText(text).then(done, function () { fallbackCopy(text); done(); });
    } else { fallbackCopy(text); done(); }
  });
  function fallbackCopy(text) {
    var ta = document.createElement("textarea");
    ta.value = text; document.body.appendChild(ta); ta.select();
    try { document.execCommand("copy"); } catch (err) { /* nothing more to try */ }
    document.body.removeChild(ta);
  }

  // A paragraph's tools are one tab stop: the arrow keys move between the
  // permalink and the copy button (a toolbar), Tab goes on to the next paragraph.
  document.addEventListener("keydown", function (e) {
    var tools = e.target.closest && e.target.closest(".para .tools");
    if (!tools) return;
    var keys = { ArrowRight: 1, ArrowDown: 1, ArrowLeft: -1, ArrowUp: -1, Home: 0, End: 0 };
    if (!(e.key in keys)) return;
    var items = Array.prototype.slice.call(tools.querySelectorAll("a, button"));
    var i = items.indexOf(e.target);
    if (i < 0) return;
    var j = e.key === "Home" ? 0 : e.key === "End" ? items.length - 1 : (i + keys[e.key] + items.length) % items.length;
    items.forEach(function (el, k) { el.tabIndex = k === j ? 0 : -1; });
    items[j].focus();
    e.preventDefault();
  });

  // Printed pages carry their own address and the day they were printed.
  function forPrint() {
    var day = new Date().toLocaleDateString(lang, { day: "numeric", month: "long", year: "numeric" });
    if (lang === "fr") day = day.replace(/^1 /, "1er ");
    Array.prototype.forEach.call(document.querySelectorAll(".print-date"), function (s) {
      s.textContent = day;
      var p = s.closest(".printed");
      if (p) p.hidden = false;
    });
    var url = "";
    Array.prototype.forEach.call(document.querySelectorAll(".page-url"), function (s) {
      url = s.hasAttribute("data-url") ? absolute(s.getAttribute("data-url")) : pageUrl(s);
      s.textContent = url;
    });
    Array.prototype.forEach.call(document.querySelectorAll("a.url"), function (a) {
      if (a.textContent.charAt(0) === "/") a.textContent = absolute(a.textContent);
    });
    // The running footer, when the build had no absolute address to give it.
    var style = document.getElementById("page-url-css");
    if (url && !style) {
      style = document.createElement("style");
      style.id = "page-url-css";
      style.media = "print";
      style.textContent = "@page { @bottom-left { content: " + JSON.stringify(url).replace(/</g, "\\3c ") + "; } }";
      document.head.appendChild(style);
    }
  }
  forPrint();
  window.addEventListener("beforeprint", forPrint);
  document.addEventListener("compendium:swapped", forPrint);
})();

// The documents index: its columns sort the table (by title, symbol,
// number, kind, organ or date; again for the other way). Without the
// script the table stays in reading order.
(function () {
  "use strict";
  var lang = document.documentElement.lang || "en";
  init();
  document.addEventListener("compendium:swapped", init);

  function init() {
    var table = document.querySelector("table[data-sortable]");
    if (!table || table.getAttribute("data-ready")) return;
    table.setAttribute("data-ready", "1");
    var tbody = table.tBodies[0], heads = table.tHead.rows[0].cells;
    Array.prototype.forEach.call(heads, function (th, col) {
      var key = th.getAttribute("data-key");
      if (!key) return;
      var b = document.createElement("button");
      b.type = "button";
      b.textContent = th.textContent;
      th.textContent = "";
      th.appendChild(b);
      b.addEventListener("click", function () {
        var dir = th.getAttribute("aria-sort") === "ascending" ? "descending" : "ascending";
        sort(tbody, key, col, dir);
        Array.prototype.forEach.call(heads, function (o) { o.removeAttribute("aria-sort"); });
        th.setAttribute("aria-sort", dir);
      });
    });
  }
  function value(tr, key, col) {
    return key === "title" ? tr.cells[col].textContent.trim() : tr.getAttribute("data-" + key) || "";
  }
  // Empty values last either way; ties in reading order.
  function sort(tbody, key, col, dir) {
    var sign = dir === "descending" ? -1 : 1;
    var rows = Array.prototype.slice.call(tbody.rows);
    rows.sort(function (a, b) {
      var x = value(a, key, col), y = value(b, key, col), c;
      if (!x !== !y) return x ? -1 : 1;
      c = key === "kind" ? (+x) - (+y) : x.localeCompare(y, lang, { numeric: true, sensitivity: "base" });
      return sign * c || (+a.getAttribute("data-order")) - (+b.getAttribute("data-order"));
    });
    rows.forEach(function (r) { tbody.appendChild(r); });
  }
})();

// Search: the index (assets/search-index.js) is loaded on first use. It maps
// every folded word form of the corpus to its French stem, so the browser
// needs no stemmer: « trafics » and « trafic » share a stem, « criminalite »
// finds « criminalité ». The stems' postings and the paragraphs' texts are
// in parts (assets/search/*.js), loaded as a query needs them: the parts of
// its stems, then the texts of the results shown.
// `serve` updates an open page in place when it is rebuilt
// ("compendium:swapped"): the results box is marked to be left alone, and the
// search is set up again only if its form was replaced.
(function () {
  "use strict";
  var current = init();
  document.addEventListener("compendium:swapped", function () {
    if (!current || !current.isConnected) current = init();
  });

  function init() {
    var form = document.querySelector("form.search");
    if (!form) return null;
    var input = form.querySelector("input");
    var root = form.getAttribute("data-root") || "";
    var box, topicSel, kindSel, list, loading = false;

    function fold(s) {
      return s.normalize("NFD").replace(/[\u0300-\u036f]/g, "").toLowerCase().replace(/œ/g, "o").replace(/æ/g, "a");
    }
    function esc(s) {
      return s.replace(/[&<>"']/g, function (c) { return { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" }[c]; });
    }
    // Everything asked for while the index loads runs once it is there (a
    // query typed right after focusing the box must not be lost).
    var waiting = [];
    function load(then) {
      // (`serve` deletes an index its rebuild replaced: it is loaded again.)
      if (window.COMPENDIUM_INDEX) { build(); return then(); }
      waiting.push(then);
      if (loading) return;
      loading = true;
      var s = document.createElement("script");
      s.src = root + "assets/search-index.js";
      s.setAttribute("data-compendium-lazy", "");
      s.onload = function () {
        loading = false;
        build();
        var w = waiting; waiting = [];
        w.forEach(function (f) { f(); });
      };
      document.head.appendChild(s);
    }
    function option(sel, value, label) {
      var o = document.createElement("option"); o.value = value; o.textContent = label; sel.appendChild(o);
    }
    // The index comes per document (paragraphs numbered within it, each
    // topic's listed): the paragraphs are numbered across the corpus from
    // where each document's begin. (A list of them all, 600,000 arrays at
    // 10,000 documents, made loading the index twice as long.)
    function expand(idx) {
      var first = [], n = 0;
      idx.docs.forEach(function (d) { first.push(n); n += d[3]; });
      idx.first = first; idx.postings = {}; idx.texts = {}; idx.parts = {}; idx.scripts = {};
      idx.splitAt = {};
      (idx.split || []).forEach(function (b) { idx.splitAt[b] = true; });
    }
    // A part of the index (a script calling COMPENDIUM_SEARCH_PART), once:
    // stems parts add their postings, text parts their documents' texts.
    // Only the script this index asked for counts (not one of an index a
    // rebuild replaced, still loading).
    window.COMPENDIUM_SEARCH_PART = function (name, pieces) {
      var idx = window.COMPENDIUM_INDEX;
      if (!idx || !idx.scripts || idx.scripts[name] !== document.currentScript) return;
      pieces.forEach(function (piece) {
        var n = piece[0], data = piece[1];
        if (name.charAt(0) === "t") { idx.texts[n] = data; return; }
        var first = idx.first[n];
        Object.keys(data).forEach(function (s) {
          var list = idx.postings[s] || (idx.postings[s] = []);
          data[s].forEach(function (p) { list.push(first + p); });
        });
      });
    };
    // Load the parts `names` (those not loaded yet), then call `then`.
    function parts(names, then) {
      var idx = window.COMPENDIUM_INDEX, left = 0;
      function done() { if (--left === 0) then(); }
      names.forEach(function (name) {
        var state = idx.parts[name];
        if (state === true) return;
        left++;
        if (state) { state.push(done); return; }
        var waiting = idx.parts[name] = [done];
        var s = idx.scripts[name] = document.createElement("script");
        s.src = root + "assets/search/" + name + ".js";
        s.setAttribute("data-compendium-lazy", "");
        // A part that failed to load counts as empty: the query still answers.
        s.onload = s.onerror = function () {
          if (window.COMPENDIUM_INDEX !== idx) return;
          idx.parts[name] = true;
          waiting.forEach(function (f) { f(); });
        };
        document.head.appendChild(s);
      });
      if (left === 0) then();
    }
    function hex(b) { return (b < 16 ? "0" : "") + b.toString(16); }
    // The part holding a stem's postings: its first two bytes (UTF-8), in
    // hex, and one byte more while the part of those bytes was split.
    function stemsPart(stem, idx) {
      var bytes = unescape(encodeURIComponent(stem)), name = "";
      for (var i = 0; i < bytes.length && (i < 2 || idx.splitAt[name]); i++) name += hex(bytes.charCodeAt(i));
      return "s-" + name;
    }
    // The document and the paragraph within it of corpus paragraph `p`: the
    // last document beginning at or before it.
    function locate(idx, p) {
      var lo = 0, hi = idx.first.length - 1;
      while (lo < hi) {
        var mid = (lo + hi + 1) >> 1;
        if (idx.first[mid] <= p) lo = mid; else hi = mid - 1;
      }
      return [lo, p - idx.first[lo]];
    }
    function build() {
      var idx = window.COMPENDIUM_INDEX;
      if (!idx.first) expand(idx);
      if (box) return;
      box = document.createElement("div");
      box.className = "search-results"; box.hidden = true; box.setAttribute("role", "region");
      box.setAttribute("data-compendium-live", "");
      box.setAttribute("aria-live", "polite");
      var filters = document.createElement("div"); filters.className = "search-filters";
      topicSel = document.createElement("select"); topicSel.setAttribute("aria-label", "topic");
      option(topicSel, "", form.getAttribute("data-all-topics") || "—");
      idx.topics.forEach(function (t) { option(topicSel, t[0], t[1]); });
      kindSel = document.createElement("select"); kindSel.setAttribute("aria-label", "kind");
      option(kindSel, "", form.getAttribute("data-all-kinds") || "—");
      idx.kinds.forEach(function (k) { option(kindSel, k[0], k[1]); });
      filters.appendChild(topicSel); filters.appendChild(kindSel);
      list = document.createElement("div"); list.className = "search-list";
      box.appendChild(filters); box.appendChild(list);
      form.appendChild(box);
      topicSel.onchange = kindSel.onchange = run;
    }
    // Stems a query word stands for: the word itself if known, else the words it begins.
    function stemsFor(token, idx) {
      var out = {};
      if (idx.words.hasOwnProperty(token)) { out[idx.words[token]] = true; return out; }
      // A form the corpus lacks (« trafics »): drop the plural ending.
      var bare = token.replace(/(?:es|s|x)$/, "");
      if (bare.length > 1 && idx.words.hasOwnProperty(bare)) { out[idx.words[bare]] = true; return out; }
      if (bare.length > 2) token = bare;
      var n = 0;
      for (var w in idx.words) {
        if (w.lastIndexOf(token, 0) === 0) { out[idx.words[w]] = true; if (++n > 60) break; }
      }
      return out;
    }
    // Each query is numbered: one answered after a newer one was asked is dropped.
    var asked = 0;
    function run() {
      var idx = window.COMPENDIUM_INDEX; if (!idx || !box) return;
      var tokens = fold(input.value).split(/[^\p{L}\p{N}]+/u).filter(function (t) { return t.length > 1; });
      if (!tokens.length) { box.hidden = true; return; }
      var query = ++asked;
      var perToken = tokens.map(function (t) { return stemsFor(t, idx); }), allStems = {}, names = {};
      perToken.forEach(function (stems) {
        Object.keys(stems).forEach(function (s) { allStems[s] = true; names[stemsPart(s, idx)] = true; });
      });
      parts(Object.keys(names), function () {
        if (query !== asked || window.COMPENDIUM_INDEX !== idx) return;
        var hits = null;
        perToken.forEach(function (stems) {
          var set = {};
          Object.keys(stems).forEach(function (s) { (idx.postings[s] || []).forEach(function (p) { set[p] = true; }); });
          if (hits === null) hits = set;
          else { var both = {}; Object.keys(hits).forEach(function (p) { if (set[p]) both[p] = true; }); hits = both; }
        });
        var topic = topicSel.value, kind = kindSel.value;
        var ids = Object.keys(hits || {}).map(Number).sort(function (a, b) { return a - b; }).filter(function (p) {
          var at = locate(idx, p), doc = idx.docs[at[0]];
          return (!topic || (doc[4][topic] || []).indexOf(at[1]) >= 0) && (!kind || doc[2] === kind);
        });
        var shown = ids.slice(0, 30), texts = {};
        shown.forEach(function (p) { texts["t-" + Math.floor(locate(idx, p)[0] / idx.group)] = true; });
        parts(Object.keys(texts), function () {
          if (query !== asked || window.COMPENDIUM_INDEX !== idx) return;
          list.innerHTML = "";
          if (!ids.length) { list.innerHTML = "<p class=\"r-none\">" + esc(form.getAttribute("data-no-results") || "—") + "</p>"; }
          shown.forEach(function (p) {
            var at = locate(idx, p), doc = idx.docs[at[0]], text = (idx.texts[at[0]] || [])[at[1]];
            if (!text) return;
            var a = document.createElement("a");
            a.href = root + doc[0] + "#" + text[0];
            a.innerHTML = "<span class=\"r-ref\">« " + esc(doc[1] + ", " + text[1]) + " »</span><br><span class=\"r-snip\">" + snippet(text[2], allStems, idx) + "</span>";
            list.appendChild(a);
          });
          box.hidden = false;
        });
      });
    }
    function snippet(text, stems, idx) {
      var re = /[\p{L}\p{N}]+/gu, m, first = -1, marks = [];
      while ((m = re.exec(text))) {
        var s = idx.words[fold(m[0])];
        if (s !== undefined && stems[s]) { if (first < 0) first = m.index; marks.push([m.index, m.index + m[0].length]); }
      }
      var from = Math.max(0, first - 80), to = Math.min(text.length, (first < 0 ? 0 : first) + 160);
      var out = from > 0 ? "…" : "", at = from;
      marks.forEach(function (mk) {
        if (mk[0] < from || mk[1] > to) return;
        out += esc(text.slice(at, mk[0])) + "<mark>" + esc(text.slice(mk[0], mk[1])) + "</mark>"; at = mk[1];
      });
      return out + esc(text.slice(at, to)) + (to < text.length ? "…" : "");
    }
    var timer;
    input.addEventListener("focus", function () { load(function () {}); });
    input.addEventListener("input", function () { clearTimeout(timer); timer = setTimeout(function () { load(run); }, 120); });
    input.addEventListener("keydown", function (e) {
      if (e.key === "Enter") { var a = list && list.querySelector("a"); if (a) { location.href = a.href; } e.preventDefault(); }
      if (e.key === "Escape" && box) box.hidden = true;
    });
    function close(e) {
      if (!form.isConnected) { document.removeEventListener("click", close); return; }
      if (box && !form.contains(e.target)) box.hidden = true;
    }
    document.addEventListener("click", close);
    return form;
  }
})();
