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
  // A paragraph's lineage list, opened, offers « find this wording
  // elsewhere »: the search page with its text as the query (every
  // paragraph sharing it, past the list's five).
  document.addEventListener("toggle", function (e) {
    var list = e.target;
    if (!list.matches || !list.matches("details.lineage") || !list.open || list.querySelector(".find-wording")) return;
    var para = list.closest(".para"), article = list.closest("[data-find-wording]");
    var here = location.href.split("#")[0].split("?")[0];
    if (!para || !root || here.lastIndexOf(root, 0) !== 0) return;
    var path = decodeURIComponent(here.slice(root.length)).replace(/(^|\/)$/, "$1index.html");
    var p = document.createElement("p"), a = document.createElement("a");
    p.className = "find-wording";
    a.href = root + "search/index.html?wording=" + encodeURIComponent(path + "#" + para.id);
    a.textContent = (article && article.getAttribute("data-find-wording")) || (lang === "fr" ? "Chercher ce libellé ailleurs" : "Find this wording elsewhere");
    p.appendChild(a);
    list.appendChild(p);
  }, true);
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

// Topic pages: the groups sorted by date (newest first, undated last) or
// back in reading order. Set again after `serve` updates the page.
(function () {
  "use strict";
  function setUp() {
    var box = document.querySelector(".topic-sort");
    if (!box) return;
    var sel = box.querySelector("select");
    box.hidden = false;
    var groups = Array.prototype.slice.call(document.querySelectorAll(".topic-group"));
    groups.forEach(function (g, i) { if (!g.hasAttribute("data-order")) g.setAttribute("data-order", i); });
    function sort() {
      if (!groups.length) return;
      var byDate = sel.value === "date", parent = groups[0].parentNode;
      var after = groups[groups.length - 1].nextSibling;
      var sorted = groups.slice().sort(function (a, b) {
        var da = a.getAttribute("data-date") || "", db = b.getAttribute("data-date") || "";
        if (byDate && da !== db) return da < db ? 1 : -1;
        return a.getAttribute("data-order") - b.getAttribute("data-order");
      });
      sorted.forEach(function (g) { parent.insertBefore(g, after); });
      groups = sorted;
    }
    sel.onchange = sort;
    if (sel.value !== "document") sort();
  }
  setUp();
  document.addEventListener("compendium:swapped", setUp);
})();

// Search: the index (assets/search-index.js) is loaded on first use. It maps
// every folded word form of the corpus to its French stem, so the browser
// needs no stemmer: « trafics » and « trafic » share a stem, « criminalite »
// finds « criminalité ». The stems' postings and the paragraphs' texts are
// in parts (assets/search/*.js), loaded as a query needs them: the parts of
// its stems, then the texts of the results shown.
//
// A query is also read as a reference: a document's symbol (« A/C.3/77/L.2 »)
// or number (« 6/1 », « 1373 (2001) »), with or without a paragraph
// (« 6/1 op 3 », « A/77/464 par. 12 »); the documents and paragraphs it names
// come first. Words are ranked: the paragraphs holding them as a phrase, then
// all of them, then fewer. The box is an ARIA combobox (arrow keys, Enter);
// `search/index.html?q=…` lists every result.
//
// `serve` updates an open page in place when it is rebuilt
// ("compendium:swapped"): the results are marked to be left alone, and the
// search is set up again only if its form was replaced.
(function () {
  "use strict";
  var header = null, page = null;
  function setUp() {
    if (!header || !header.isConnected) header = initBox();
    if (!page || !page.isConnected) page = initPage();
  }

  // ---- The index and its parts -------------------------------------------

  function form() { return document.querySelector("form.search"); }
  function rootPath() { var f = form(); return (f && f.getAttribute("data-root")) || ""; }
  function say(name, n) {
    var f = form(), s = (f && f.getAttribute("data-" + name)) || "";
    return n === undefined ? s : s.replace("{n}", n);
  }
  function fold(s) {
    return s.normalize("NFD").replace(/[\u0300-\u036f]/g, "").toLowerCase().replace(/œ/g, "o").replace(/æ/g, "a");
  }
  function esc(s) {
    return String(s).replace(/[&<>"']/g, function (c) { return { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" }[c]; });
  }
  // Everything asked for while the index loads runs once it is there (a
  // query typed right after focusing the box must not be lost).
  var waiting = [], loading = false;
  function load(then) {
    // (`serve` deletes an index its rebuild replaced: it is loaded again.)
    if (window.COMPENDIUM_INDEX) { expand(window.COMPENDIUM_INDEX); return then(); }
    waiting.push(then);
    if (loading) return;
    loading = true;
    var s = document.createElement("script");
    s.src = rootPath() + "assets/search-index.js";
    s.setAttribute("data-compendium-lazy", "");
    s.onload = function () {
      loading = false;
      if (window.COMPENDIUM_INDEX) expand(window.COMPENDIUM_INDEX);
      var w = waiting; waiting = [];
      w.forEach(function (f) { f(); });
    };
    s.onerror = function () { loading = false; };
    document.head.appendChild(s);
  }
  // The index comes per document (paragraphs numbered within it, each
  // topic's listed): the paragraphs are numbered across the corpus from
  // where each document's begin. (A list of them all, 600,000 arrays at
  // 10,000 documents, made loading the index twice as long.)
  function expand(idx) {
    if (idx.first) return;
    var first = [], n = 0;
    idx.docs.forEach(function (d) { first.push(n); n += d[3]; });
    idx.first = first; idx.postings = {}; idx.texts = {}; idx.titles = {}; idx.parts = {}; idx.scripts = {};
    idx.splitAt = {};
    (idx.split || []).forEach(function (b) { idx.splitAt[b] = true; });
  }
  // A part of the index (a script calling COMPENDIUM_SEARCH_PART), once:
  // stems parts add their postings, text parts their documents' texts and
  // titles. Only the script this index asked for counts (not one of an
  // index a rebuild replaced, still loading).
  window.COMPENDIUM_SEARCH_PART = function (name, pieces) {
    var idx = window.COMPENDIUM_INDEX;
    if (!idx || !idx.scripts || idx.scripts[name] !== document.currentScript) return;
    pieces.forEach(function (piece) {
      var n = piece[0], data = piece[1];
      if (name.charAt(0) === "t") { idx.texts[n] = data; idx.titles[n] = piece[2]; return; }
      var first = idx.first[n];
      Object.keys(data).forEach(function (s) {
        var list = idx.postings[s] || (idx.postings[s] = []);
        data[s].forEach(function (p) { list.push(first + p); });
      });
    });
  };
  // Load the parts `names` (those not loaded yet), then call `then`.
  function parts(idx, names, then) {
    var left = 0;
    function done() { if (--left === 0) then(); }
    names.forEach(function (name) {
      var state = idx.parts[name];
      if (state === true) return;
      left++;
      if (state) { state.push(done); return; }
      var queue = idx.parts[name] = [done];
      var s = idx.scripts[name] = document.createElement("script");
      s.src = rootPath() + "assets/search/" + name + ".js";
      s.setAttribute("data-compendium-lazy", "");
      // A part that failed to load counts as empty: the query still answers.
      s.onload = s.onerror = function () {
        if (window.COMPENDIUM_INDEX !== idx) return;
        idx.parts[name] = true;
        queue.forEach(function (f) { f(); });
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
  function textPart(idx, d) { return "t-" + Math.floor(d / idx.group); }
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

  // ---- References ----------------------------------------------------------

  // A paragraph named at the end of a query: « op 3 », « op3 », « pp5 »,
  // « par. 12 », « para 5 a) », « paragraphe 2 », « § 4 ».
  var PARA = /(?:^|[\s,;]+)(op|pp|operative(?:\s+paragraph)?|preambular(?:\s+paragraph)?|paragraphe?|paras?|par|p|§)\.?\s*(\d+)\s*(?:\(?([a-z])\)?(?:\s*\(?([ivx]+)\)?)?)?\s*$/;
  // Words that may stand before a document's number or symbol.
  var DOC = /^(?:(?:general assembly|security council|assemblee generale|conseil de securite)\s+)?(?:draft\s+resolution|projet\s+de\s+resolution|resolution|res|decision|dec|document|doc)\b\.?\s*/;
  function key(s) { return fold(s).replace(/\s+/g, ""); }
  // What a query names: {doc: key or "", para: [kind, number, letter, item]}, or null.
  function parseRef(q) {
    var s = fold(q).trim().replace(/\s+/g, " "), para = null;
    var m = PARA.exec(s);
    if (m) {
      var kind = /^op|^operative/.test(m[1]) ? "op" : /^pp|^preambular/.test(m[1]) ? "pp" : "par";
      para = [kind, m[2], m[3] || "", m[4] || ""];
      s = s.slice(0, m.index);
    }
    s = s.replace(DOC, "").replace(/[\s,;:.]+$/, "");
    var doc = key(s);
    if (doc && !/\d/.test(doc)) return null;
    if (!doc && !para) return null;
    return { doc: doc, para: para };
  }
  // The keys a document is found by: its symbol (and the number within a
  // « A/RES/80/1 »), its number.
  function refKeys(d) {
    var keys = [];
    if (d[6]) { var s = key(d[6]); keys.push(s); var m = /^[a-z]+\/res\/(.+)$/.exec(s); if (m) keys.push(m[1]); }
    if (d[5]) keys.push(key(d[5]));
    return keys;
  }
  // The documents a reference names: exactly first, then those it begins
  // (« 1373 » for « 1373 (2001) », « A/C.3/77/L.11 » for its revision).
  function findDocs(idx, ref) {
    if (!ref.doc) {
      var here = hereDoc(idx);
      return here < 0 ? [] : [here];
    }
    var asked = [ref.doc], m = /^[a-z]+\/res\/(.+)$/.exec(ref.doc);
    if (m) asked.push(m[1]);
    var exact = [], begun = [];
    idx.docs.forEach(function (d, i) {
      var keys = d.refKeys || (d.refKeys = refKeys(d));
      if (keys.some(function (k) { return asked.indexOf(k) >= 0; })) exact.push(i);
      else if (keys.some(function (k) { return asked.some(function (a) { return k.lastIndexOf(a + "(", 0) === 0 || k.lastIndexOf(a + "/", 0) === 0; }); })) begun.push(i);
    });
    return exact.concat(begun).slice(0, 10);
  }
  // The document whose page this is, or -1.
  function hereDoc(idx) {
    var path = decodeURIComponent(location.pathname).replace(/index\.html$/, "");
    for (var i = 0; i < idx.docs.length; i++) {
      var own = "/" + idx.docs[i][0].replace(/index\.html$/, "");
      if (path.length >= own.length && path.slice(path.length - own.length) === own) return i;
    }
    return -1;
  }
  // The paragraph of document `d` a reference names (its text loaded), as
  // [anchor, reference, text], or null. « par. 12 » is a report's p12 and
  // a resolution's op12.
  function findPara(idx, d, para) {
    var texts = idx.texts[d] || [], doc = idx.docs[d];
    var prefixes = para[0] === "op" ? ["op"] : para[0] === "pp" ? ["pp"] : doc[2] === "report" ? ["p", "op"] : ["op", "p"];
    var tails = para[0] === "pp" ? [""] : [para[2] + para[3], para[2], ""];
    for (var t = 0; t < tails.length; t++) {
      for (var k = 0; k < prefixes.length; k++) {
        var anchor = prefixes[k] + para[1] + tails[t];
        for (var i = 0; i < texts.length; i++) if (texts[i][0] === anchor) return texts[i];
      }
    }
    return null;
  }

  // ---- Words ---------------------------------------------------------------

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
  function tokensOf(q) {
    return fold(q).split(/[^\p{L}\p{N}]+/u).filter(function (t) { return t.length > 1; });
  }
  // Do the query's words stand one after the other in `text`?
  function isPhrase(text, perToken, idx) {
    var re = /[\p{L}\p{N}]+/gu, m, stems = [];
    while ((m = re.exec(text))) { if (m[0].length > 1) stems.push(idx.words[fold(m[0])]); }
    for (var i = 0; i + perToken.length <= stems.length; i++) {
      var k = 0;
      while (k < perToken.length && perToken[k][stems[i + k]]) k++;
      if (k === perToken.length) return true;
    }
    return false;
  }

  // ---- Wording: a pasted clause --------------------------------------------

  // A query of this many words or more is read as wording pasted from a
  // text, and matched as a clause: the measure of the paragraphs' lineage
  // (src/analyze/lineage.rs), whose paragraphs of fewer words have none.
  var CLAUSE_WORDS = 8, SHINGLE = 4, JACCARD_MIN = 0.5, CONTAINMENT_MIN = 0.7;
  // The candidates' text parts read at most (16 documents each).
  var CLAUSE_PARTS = 8;
  // The words as lineage counts them: lower case, letters and digits, all
  // else separates (a paragraph's number pasted with it is left out).
  function clauseWords(text) {
    return text.replace(/^\s*(?:\d+|[a-z])\s*[.)]\s+/, "").toLowerCase()
      .split(/[^\p{Alphabetic}\p{N}]+/u).filter(function (w) { return w; });
  }
  // The distinct `SHINGLE`-word shingles of `words` (the whole when shorter).
  function shinglesOf(words) {
    var set = {}, n = 0, k = Math.min(SHINGLE, words.length);
    for (var i = 0; i + k <= words.length; i++) {
      var s = words.slice(i, i + k).join(" ");
      if (!set[s]) { set[s] = true; n++; }
    }
    return { set: set, size: n };
  }
  // How `text` compares with the query's words and shingles: null when
  // unrelated, else {score (hundredths of the Jaccard similarity, 100 when
  // the words are the same), identical, containment}.
  function clauseScore(qWords, qShingles, text) {
    var w = clauseWords(text);
    if (w.length === qWords.length && w.join(" ") === qWords.join(" ")) return { score: 100, identical: true, containment: 1 };
    var s = shinglesOf(w), shared = 0;
    for (var k in s.set) if (qShingles.set[k]) shared++;
    var union = s.size + qShingles.size - shared, smaller = Math.min(s.size, qShingles.size);
    var jaccard = union ? shared / union : 0, containment = smaller ? shared / smaller : 0;
    if (jaccard < JACCARD_MIN && containment < CONTAINMENT_MIN) return null;
    return { score: Math.min(99, Math.round(jaccard * 100)), identical: false, containment: containment };
  }
  // Answer a pasted clause: the paragraphs holding the most of its rarer
  // words (those of 4 letters or more, the 16 longest: « de », « la » are
  // in every paragraph) are the candidates; the texts of the first ones
  // (at most CLAUSE_PARTS parts) are compared with it exactly. `then` gets
  // the related ones, best first, or null when none is.
  function answerClause(idx, q, filters, then) {
    var qWords = clauseWords(q), qShingles = shinglesOf(qWords), stems = {}, names = {};
    tokensOf(q).filter(function (t) { return t.length > 3; })
      .sort(function (a, b) { return b.length - a.length || (a < b ? -1 : a > b ? 1 : 0); })
      .forEach(function (t) {
        var s = idx.words.hasOwnProperty(t) ? idx.words[t] : undefined;
        if (s === undefined || stems[s] || Object.keys(stems).length >= 16) return;
        stems[s] = true; names[stemsPart(s, idx)] = true;
      });
    parts(idx, Object.keys(names), function () {
      var last = idx.docs.length - 1, total = last < 0 ? 0 : idx.first[last] + idx.docs[last][3];
      var weight = {}, topic = filters.topic, kind = filters.kind;
      Object.keys(stems).forEach(function (s) {
        var list = idx.postings[s] || [], w = Math.log(1 + total / (1 + list.length));
        list.forEach(function (p) { weight[p] = (weight[p] || 0) + w; });
      });
      var ids = Object.keys(weight).map(Number).filter(function (p) {
        var at = locate(idx, p), doc = idx.docs[at[0]];
        return (!topic || (doc[4][topic] || []).indexOf(at[1]) >= 0) && (!kind || doc[2] === kind);
      });
      ids.sort(function (a, b) { return weight[b] - weight[a] || a - b; });
      var texts = {}, n = 0, check = [];
      for (var i = 0; i < ids.length && check.length < 4000; i++) {
        var name = textPart(idx, locate(idx, ids[i])[0]);
        if (!texts[name]) { if (n === CLAUSE_PARTS) continue; texts[name] = true; n++; }
        check.push(ids[i]);
      }
      parts(idx, Object.keys(texts), function () {
        var found = {}, hits = [];
        check.forEach(function (p) {
          var at = locate(idx, p), t = (idx.texts[at[0]] || [])[at[1]];
          var m = t && clauseScore(qWords, qShingles, t[2]);
          if (m) { found[p] = m; hits.push(p); }
        });
        hits.sort(function (a, b) {
          var x = found[a], y = found[b];
          return y.score - x.score || y.containment - x.containment || a - b;
        });
        then(hits.length ? { hits: hits, clause: found } : null);
      });
    });
  }
  // The words of `paragraph` and of the query `q`, compared: the
  // paragraph's text, with what only it says in <del> and what only the
  // query says in <ins> (words compared as lineage does: case and
  // punctuation aside); at most about `room` characters, from a little
  // before the first change. Too long to compare: the text alone.
  function wordDiff(paragraph, q, room) {
    var a = paragraph.match(/\S+\s*/g) || [], b = q.trim().match(/\S+\s*/g) || [];
    var key = function (t) { return t.toLowerCase().replace(/[^\p{Alphabetic}\p{N}]+/gu, "") || t.trim(); };
    var ka = a.map(key), kb = b.map(key), ops = [];
    var lo = 0, ea = a.length, eb = b.length;
    while (lo < ea && lo < eb && ka[lo] === kb[lo]) lo++;
    while (ea > lo && eb > lo && ka[ea - 1] === kb[eb - 1]) { ea--; eb--; }
    var n = ea - lo, m = eb - lo;
    if (n * m > 4e6) return null;
    // Longest common subsequence of the middles, from their ends.
    var L = new Int32Array((n + 1) * (m + 1)), W = m + 1;
    for (var i = n - 1; i >= 0; i--) for (var j = m - 1; j >= 0; j--) {
      L[i * W + j] = ka[lo + i] === kb[lo + j] ? L[(i + 1) * W + j + 1] + 1 : Math.max(L[(i + 1) * W + j], L[i * W + j + 1]);
    }
    for (var s = 0; s < lo; s++) ops.push(["=", a[s]]);
    i = 0; j = 0;
    while (i < n || j < m) {
      if (i < n && j < m && ka[lo + i] === kb[lo + j]) { ops.push(["=", a[lo + i]]); i++; j++; }
      else if (i < n && (j === m || L[(i + 1) * W + j] >= L[i * W + j + 1])) { ops.push(["-", a[lo + i]]); i++; }
      else { ops.push(["+", b[lo + j]]); j++; }
    }
    for (s = ea; s < a.length; s++) ops.push(["=", a[s]]);
    var first = 0;
    while (first < ops.length && ops[first][0] === "=") first++;
    var from = first, before = 0;
    while (from > 0 && before < 40) before += ops[--from][1].length;
    var out = from > 0 ? "…" : "", used = 0, open = "";
    for (var k = from; k < ops.length; k++) {
      if (used > room) { out += "…"; break; }
      var op = ops[k][0], tag = op === "-" ? "del" : op === "+" ? "ins" : "";
      if (tag !== open) { if (open) out += "</" + open + ">"; if (tag) out += "<" + tag + ">"; open = tag; }
      out += esc(ops[k][1]); used += ops[k][1].length;
    }
    return out + (open ? "</" + open + ">" : "");
  }

  // ---- A query ---------------------------------------------------------------

  // Answer `q` (with filters {topic, kind}): `then` gets {refs: [{doc,
  // para}], hits: [corpus paragraph, ...] ranked, stems}, once the parts
  // it needs are loaded and the texts of the references and of the first
  // `show` hits. The documents and paragraphs a reference names ignore the
  // filters.
  function answer(idx, q, filters, show, then) {
    var ref = parseRef(q), refs = ref ? findDocs(idx, ref) : [];
    // A reference that names documents (or a paragraph alone, « op3 »)
    // is not searched as words: « A/C.3/77/L.2 » is not the word « 77 ».
    var tokens = ref && (refs.length || !ref.doc) ? [] : tokensOf(q);
    // Pasted wording: matched as a clause; words as before when no
    // paragraph shares it.
    if (!refs.length && !(filters.words) && clauseWords(q).length >= CLAUSE_WORDS) {
      answerClause(idx, q, filters, function (c) {
        if (!c) { answer(idx, q, { topic: filters.topic, kind: filters.kind, words: true }, show, function (r) { r.noClause = true; then(r); }); return; }
        then({ refs: [], hits: c.hits, all: c.hits.length, stems: {}, perToken: [], clause: c.clause, query: q });
      });
      return;
    }
    var perToken = tokens.map(function (t) { return stemsFor(t, idx); }), allStems = {}, names = {};
    perToken.forEach(function (stems) {
      Object.keys(stems).forEach(function (s) { allStems[s] = true; names[stemsPart(s, idx)] = true; });
    });
    refs.forEach(function (d) { names[textPart(idx, d)] = true; });
    parts(idx, Object.keys(names), function () {
      // How many of the words each paragraph holds; and whether it holds
      // one of the rarer words: a word in over a third of the paragraphs
      // (« de », « la ») alone does not make a result.
      var count = {}, rare = {}, anyRare = false, last = idx.docs.length - 1;
      var total = last < 0 ? 0 : idx.first[last] + idx.docs[last][3];
      perToken.forEach(function (stems) {
        var seen = {}, n = 0;
        Object.keys(stems).forEach(function (s) { n += (idx.postings[s] || []).length; });
        var common = tokens.length > 1 && n * 3 > total;
        if (!common) anyRare = true;
        Object.keys(stems).forEach(function (s) {
          (idx.postings[s] || []).forEach(function (p) {
            if (seen[p]) return;
            seen[p] = true; count[p] = (count[p] || 0) + 1;
            if (!common) rare[p] = true;
          });
        });
      });
      var topic = filters.topic, kind = filters.kind;
      var ids = Object.keys(count).map(Number).filter(function (p) {
        if (count[p] < tokens.length && anyRare && !rare[p]) return false;
        var at = locate(idx, p), doc = idx.docs[at[0]];
        return (!topic || (doc[4][topic] || []).indexOf(at[1]) >= 0) && (!kind || doc[2] === kind);
      });
      // All the words first, then fewer; in the documents' order.
      ids.sort(function (a, b) { return count[b] - count[a] || a - b; });
      var all = 0;
      while (all < ids.length && count[ids[all]] === tokens.length) all++;
      // Of those with all the words, the first that a few text parts hold
      // are read for the words as a phrase.
      var check = [], texts = {}, n = 0;
      if (tokens.length > 1) {
        for (var i = 0; i < all && check.length < 200; i++) {
          var name = textPart(idx, locate(idx, ids[i])[0]);
          if (!texts[name]) { if (n === 4) break; texts[name] = true; n++; }
          check.push(ids[i]);
        }
      }
      parts(idx, Object.keys(texts), function () {
        if (check.length) {
          var phrase = check.filter(function (p) {
            var at = locate(idx, p), t = (idx.texts[at[0]] || [])[at[1]];
            return t && isPhrase(t[2], perToken, idx);
          });
          if (phrase.length) {
            var first = {};
            phrase.forEach(function (p) { first[p] = true; });
            ids = phrase.concat(ids.filter(function (p) { return !first[p]; }));
          }
        }
        var shown = {};
        ids.slice(0, show).forEach(function (p) { shown[textPart(idx, locate(idx, p)[0])] = true; });
        parts(idx, Object.keys(shown), function () {
          then({
            refs: refs.map(function (d) { return { doc: d, para: ref.para ? findPara(idx, d, ref.para) : null }; }),
            hits: ids, all: all, stems: allStems, perToken: perToken
          });
        });
      });
    });
  }
  // Up to 160 characters of `text` around its best place: the window
  // holding the most of the query's words (the first such), words marked.
  function snippet(text, r, idx) {
    var re = /[\p{L}\p{N}]+/gu, m, marks = [];
    while ((m = re.exec(text))) {
      var s = idx.words[fold(m[0])];
      if (s === undefined || !r.stems[s]) continue;
      var which = [];
      r.perToken.forEach(function (stems, k) { if (stems[s]) which.push(k); });
      marks.push([m.index, m.index + m[0].length, which]);
    }
    var best = -1, most = 0;
    for (var i = 0; i < marks.length; i++) {
      var seen = {}, n = 0;
      for (var j = i; j < marks.length && marks[j][1] <= marks[i][0] + 120; j++) {
        marks[j][2].forEach(function (k) { if (!seen[k]) { seen[k] = true; n++; } });
      }
      if (n > most) { most = n; best = i; }
    }
    var first = best < 0 ? -1 : marks[best][0];
    var from = Math.max(0, first - 40), to = Math.min(text.length, Math.max(first, 0) + 160);
    // At a word's start.
    if (from > 0) { var sp = text.lastIndexOf(" ", from); from = sp < 0 ? 0 : sp + 1; }
    var out = from > 0 ? "…" : "", at = from;
    marks.forEach(function (mk) {
      if (mk[0] < from || mk[1] > to) return;
      out += esc(text.slice(at, mk[0])) + "<mark>" + esc(text.slice(mk[0], mk[1])) + "</mark>"; at = mk[1];
    });
    return out + esc(text.slice(at, to)) + (to < text.length ? "…" : "");
  }
  // A result's content: its reference, its document's title, its text.
  function refHtml(idx, r) {
    var doc = idx.docs[r.doc], label = doc[1] + (r.para ? ", " + r.para[1] : "");
    var text = r.para ? r.para[2] : "";
    return "<span class=\"r-ref\">« " + esc(label) + " »</span> <span class=\"r-title\">" + esc(idx.titles[r.doc] || "") + "</span>" +
      (text ? "<span class=\"r-snip\">" + esc(text.length > 160 ? text.slice(0, 160) + "…" : text) + "</span>" : "");
  }
  function refHref(idx, r) { return rootPath() + idx.docs[r.doc][0] + (r.para ? "#" + r.para[0] : ""); }
  function hitHtml(idx, p, r, room) {
    var at = locate(idx, p), doc = idx.docs[at[0]], text = (idx.texts[at[0]] || [])[at[1]];
    if (!text) return null;
    var m = r.clause && r.clause[p];
    if (m) {
      // Pasted wording: identical, or modified (the score, and the words
      // that differ: struck out, only in the paragraph; underlined, only
      // in the query).
      var w = idx.wording || {}, diff = m.identical ? null : wordDiff(text[2], r.query, room || 240);
      var verdict = m.identical ? (w.identical || "identical") : (w.modified || "modified") + ", " + m.score + " %";
      return "<span class=\"r-ref\">« " + esc(doc[1] + ", " + text[1]) + " » <span class=\"r-verdict " + (m.identical ? "identical" : "modified") + "\">(" + esc(verdict) + ")</span></span><span class=\"r-title\">" + esc(idx.titles[at[0]] || "") +
        "</span><span class=\"r-snip diff\">" + (diff === null ? esc(text[2].length > 240 ? text[2].slice(0, 240) + "…" : text[2]) : diff) + "</span>";
    }
    return "<span class=\"r-ref\">« " + esc(doc[1] + ", " + text[1]) + " »</span> <span class=\"r-title\">" + esc(idx.titles[at[0]] || "") +
      "</span><span class=\"r-snip\">" + snippet(text[2], r, idx) + "</span>";
  }
  function hitHref(idx, p) {
    var at = locate(idx, p), doc = idx.docs[at[0]], text = (idx.texts[at[0]] || [])[at[1]];
    return rootPath() + doc[0] + "#" + (text ? text[0] : "");
  }
  function countText(n) { return n === 0 ? say("no-results") : n === 1 ? say("result-one") : say("results", n); }
  // The count of a result: with what a long query was matched as.
  function statusText(idx, r) {
    var w = idx.wording || {};
    if (r.clause) return (r.hits.length === 1 ? w.one || "" : (w.many || "").replace("{n}", r.hits.length)) || countText(r.hits.length);
    return (r.noClause && w.none ? w.none + " " : "") + countText(r.hits.length);
  }
  function searchPage(q, filters) {
    var url = rootPath() + "search/index.html?q=" + encodeURIComponent(q);
    if (filters && filters.topic) url += "&topic=" + encodeURIComponent(filters.topic);
    if (filters && filters.kind) url += "&kind=" + encodeURIComponent(filters.kind);
    return url;
  }
  function option(sel, value, label) {
    var o = document.createElement("option"); o.value = value; o.textContent = label; sel.appendChild(o);
  }
  // The topic and kind filters, labelled in the site's language.
  function filters(idx, into, labelled) {
    var out = {};
    [["topic", idx.topics, "all-topics"], ["kind", idx.kinds, "all-kinds"]].forEach(function (f) {
      var sel = document.createElement("select");
      sel.name = f[0];
      if (labelled) {
        var label = document.createElement("label");
        label.textContent = say(f[0] + "-label") + " ";
        label.appendChild(sel);
        into.appendChild(label);
      } else {
        sel.setAttribute("aria-label", say(f[0] + "-label") || f[0]);
        into.appendChild(sel);
      }
      option(sel, "", say(f[2]) || "—");
      f[1].forEach(function (t) { option(sel, t[0], t[1]); });
      out[f[0]] = sel;
    });
    return out;
  }

  // ---- The box in the header: a combobox -----------------------------------

  function initBox() {
    var form = document.querySelector("form.search");
    if (!form) return null;
    var input = form.querySelector("input");
    var box, sel, status, list, all, options = [], active = -1, refCount = 0, asked = 0, answered = null;
    function build(idx) {
      if (box) return;
      box = document.createElement("div");
      box.className = "search-results"; box.hidden = true;
      box.setAttribute("data-compendium-live", "");
      var bar = document.createElement("div"); bar.className = "search-filters";
      sel = filters(idx, bar, false);
      status = document.createElement("p"); status.className = "r-count"; status.setAttribute("role", "status");
      list = document.createElement("div"); list.className = "search-list"; list.id = "search-listbox";
      list.setAttribute("role", "listbox"); list.setAttribute("aria-label", say("results-label"));
      all = document.createElement("a"); all.className = "r-all"; all.hidden = true;
      box.appendChild(bar); box.appendChild(status); box.appendChild(list); box.appendChild(all);
      form.appendChild(box);
      input.setAttribute("aria-controls", "search-listbox");
      sel.topic.onchange = sel.kind.onchange = function () { load(run); };
    }
    function open(yes) {
      if (box) box.hidden = !yes;
      input.setAttribute("aria-expanded", yes ? "true" : "false");
      if (!yes) activate(-1);
    }
    function activate(k) {
      if (active >= 0 && options[active]) { options[active].classList.remove("active"); options[active].setAttribute("aria-selected", "false"); }
      active = k;
      if (k >= 0 && options[k]) {
        options[k].classList.add("active"); options[k].setAttribute("aria-selected", "true");
        input.setAttribute("aria-activedescendant", options[k].id);
        options[k].scrollIntoView({ block: "nearest" });
      } else input.removeAttribute("aria-activedescendant");
    }
    function add(html, href, cls) {
      var a = document.createElement("a");
      a.href = href; a.innerHTML = html; a.className = cls;
      a.id = "search-option-" + options.length;
      a.setAttribute("role", "option"); a.setAttribute("aria-selected", "false"); a.tabIndex = -1;
      list.appendChild(a); options.push(a);
    }
    function run() {
      var idx = window.COMPENDIUM_INDEX; if (!idx) return;
      build(idx);
      var q = input.value;
      if (!q.trim()) { open(false); return; }
      var query = ++asked;
      var f = { topic: sel.topic.value, kind: sel.kind.value };
      answer(idx, q, f, 20, function (r) {
        if (query !== asked || window.COMPENDIUM_INDEX !== idx) return;
        list.innerHTML = ""; options = []; active = -1; answered = q; input.removeAttribute("aria-activedescendant");
        r.refs.forEach(function (ref) { add(refHtml(idx, ref), refHref(idx, ref), "r-doc"); });
        refCount = options.length;
        r.hits.slice(0, 20).forEach(function (p, k) {
          var html = hitHtml(idx, p, r);
          if (html) add(html, hitHref(idx, p), k === 0 && refCount ? "r-hit r-after-refs" : "r-hit");
        });
        status.textContent = r.hits.length || !refCount ? statusText(idx, r) : "";
        status.hidden = !status.textContent;
        all.hidden = r.hits.length <= 20;
        all.href = searchPage(q, f);
        all.textContent = say("show-all", r.hits.length);
        // (What the list answers, for scripts and tests.)
        box.setAttribute("data-query", q);
        open(true);
      });
    }
    var timer;
    input.addEventListener("focus", function () { load(function () {}); });
    input.addEventListener("input", function () { clearTimeout(timer); timer = setTimeout(function () { load(run); }, 120); });
    input.addEventListener("keydown", function (e) {
      var shown = box && !box.hidden;
      if (e.key === "ArrowDown" || e.key === "ArrowUp") {
        e.preventDefault();
        // A closed list opens on its first (or last) option.
        if (!shown) { if (options.length) { open(true); activate(e.key === "ArrowDown" ? 0 : options.length - 1); } return; }
        var n = options.length; if (!n) return;
        activate(e.key === "ArrowDown" ? (active + 1) % n : active <= 0 ? n - 1 : active - 1);
      } else if (e.key === "Enter") {
        e.preventDefault();
        var q = input.value.trim(); if (!q) return;
        // The option chosen, else the document or paragraph a reference
        // names, else every result on the search page.
        var go = shown && active >= 0 ? options[active] : refCount && input.value === answered ? options[0] : null;
        if (go) { location.href = go.href; return; }
        load(function () {
          var idx = window.COMPENDIUM_INDEX, ref = parseRef(q), refs = ref ? findDocs(idx, ref) : [];
          if (!refs.length) { location.href = searchPage(q, sel ? { topic: sel.topic.value, kind: sel.kind.value } : null); return; }
          answer(idx, q, {}, 0, function (r) { location.href = refHref(idx, r.refs[0]); });
        });
      } else if (e.key === "Escape") {
        if (shown) { open(false); e.preventDefault(); }
      } else if (e.key === "Home" && shown && active >= 0) { e.preventDefault(); activate(0); }
      else if (e.key === "End" && shown && active >= 0) { e.preventDefault(); activate(options.length - 1); }
    });
    function close(e) {
      if (!form.isConnected) { document.removeEventListener("click", close); return; }
      if (box && !form.contains(e.target)) open(false);
    }
    document.addEventListener("click", close);
    return form;
  }

  // ---- The search page: every result ---------------------------------------

  function initPage() {
    var holder = document.querySelector(".search-page-form");
    if (!holder) return null;
    var input = holder.querySelector("input");
    var params = new URLSearchParams(location.search);
    input.value = params.get("q") || "";
    var out = null, sel, status, list, more, asked = 0, shown = 0, result = null;
    function build(idx) {
      if (out) return;
      out = document.createElement("div"); out.className = "search-page-results";
      out.setAttribute("data-compendium-live", "");
      var bar = document.createElement("div"); bar.className = "search-filters";
      sel = filters(idx, bar, true);
      sel.topic.value = params.get("topic") || ""; sel.kind.value = params.get("kind") || "";
      status = document.createElement("p"); status.className = "r-count"; status.setAttribute("role", "status");
      list = document.createElement("ol"); list.className = "search-page-list";
      more = document.createElement("button"); more.type = "button"; more.className = "r-more"; more.hidden = true;
      more.textContent = say("more");
      out.appendChild(bar); out.appendChild(status); out.appendChild(list); out.appendChild(more);
      holder.parentNode.insertBefore(out, holder.nextSibling);
      sel.topic.onchange = sel.kind.onchange = function () { run(true); };
      more.onclick = function () { page(100); };
    }
    function item(html, href, cls) {
      var li = document.createElement("li"), a = document.createElement("a");
      li.className = cls; a.href = href; a.innerHTML = html; li.appendChild(a); list.appendChild(li);
    }
    // The next `n` results, their texts loaded.
    function page(n) {
      var idx = window.COMPENDIUM_INDEX, query = asked, from = shown, to = Math.min(result.hits.length, shown + n);
      var names = {};
      result.hits.slice(from, to).forEach(function (p) { names[textPart(idx, locate(idx, p)[0])] = true; });
      parts(idx, Object.keys(names), function () {
        if (query !== asked) return;
        result.hits.slice(from, to).forEach(function (p) {
          var html = hitHtml(idx, p, result, 2000);
          if (html) item(html, hitHref(idx, p), "r-hit");
        });
        shown = to;
        more.hidden = shown >= result.hits.length;
      });
    }
    function run(push) {
      load(function () {
        var idx = window.COMPENDIUM_INDEX; if (!idx) return;
        build(idx);
        var q = input.value, query = ++asked;
        if (push) {
          var url = "?q=" + encodeURIComponent(q) + (sel.topic.value ? "&topic=" + encodeURIComponent(sel.topic.value) : "") + (sel.kind.value ? "&kind=" + encodeURIComponent(sel.kind.value) : "");
          try { history.replaceState(null, "", url); } catch (err) { /* file:// may refuse it */ }
        }
        list.innerHTML = ""; shown = 0; more.hidden = true;
        if (!q.trim()) { status.textContent = ""; return; }
        answer(idx, q, { topic: sel.topic.value, kind: sel.kind.value }, 100, function (r) {
          if (query !== asked) return;
          result = r;
          r.refs.forEach(function (ref) { item(refHtml(idx, ref), refHref(idx, ref), "r-doc"); });
          status.textContent = r.hits.length || !r.refs.length ? statusText(idx, r) : "";
          page(100);
        });
      });
    }
    var timer;
    input.addEventListener("input", function () { clearTimeout(timer); timer = setTimeout(function () { run(true); }, 200); });
    holder.addEventListener("submit", function (e) { e.preventDefault(); run(true); });
    // « Find this wording elsewhere » from a paragraph: `?wording=` names
    // it (its page's path and anchor); its text, from the index, is the
    // query.
    var wording = params.get("wording");
    if (wording && !input.value) {
      load(function () {
        var idx = window.COMPENDIUM_INDEX, at = wording.split("#"), d = -1;
        if (!idx) return;
        idx.docs.forEach(function (doc, i) { if (doc[0] === at[0]) d = i; });
        if (d < 0) { run(false); return; }
        parts(idx, [textPart(idx, d)], function () {
          (idx.texts[d] || []).forEach(function (t) { if (t[0] === at[1]) input.value = t[2]; });
          run(true);
        });
      });
    } else run(false);
    return holder;
  }

  setUp();
  document.addEventListener("compendium:swapped", setUp);
})();
