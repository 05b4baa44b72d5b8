// compendium: copy references, search box. Kept small and dependency-free.
(function () {
  "use strict";
  var script = document.currentScript;
  var copiedWord = (script && script.getAttribute("data-copied")) || "Copied";

  // "Copy reference": « Rés. 6/1, OP 3 » followed by the paragraph's URL.
  document.addEventListener("click", function (e) {
    var btn = e.target.closest && e.target.closest(".copyref");
    if (!btn) return;
    var para = btn.closest(".para");
    var page = para.closest("[data-url]");
    var text = "« " + para.getAttribute("data-ref") + " » " + (page ? page.getAttribute("data-url") : location.href.split("#")[0]) + "#" + para.id;
    var done = function () {
      btn.setAttribute("data-done", "1");
      btn.title = copiedWord;
      setTimeout(function () { btn.removeAttribute("data-done"); }, 1500);
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
})();

// Search: the index (assets/search-index.js) is loaded on first use. It maps
// every folded word form of the corpus to its French stem, so the browser
// needs no stemmer: « trafics » and « trafic » share a stem, « criminalite »
// finds « criminalité ».
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
    // The index comes per document (paragraphs numbered within it); number
    // the paragraphs across the corpus once, on load.
    function expand(idx) {
      var paras = [], postings = {};
      idx.docs.forEach(function (d, di) {
        var first = paras.length;
        d[3].forEach(function (p) { paras.push([di, p[0], p[1], p[2], p[3]]); });
        var stems = d[4];
        Object.keys(stems).forEach(function (s) {
          var list = postings[s] || (postings[s] = []);
          stems[s].forEach(function (l) { list.push(first + l); });
        });
      });
      idx.paras = paras; idx.postings = postings;
    }
    function build() {
      var idx = window.COMPENDIUM_INDEX;
      if (!idx.paras) expand(idx);
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
    function run() {
      var idx = window.COMPENDIUM_INDEX; if (!idx || !box) return;
      var tokens = fold(input.value).split(/[^\p{L}\p{N}]+/u).filter(function (t) { return t.length > 1; });
      if (!tokens.length) { box.hidden = true; return; }
      var hits = null, allStems = {};
      tokens.forEach(function (t) {
        var stems = stemsFor(t, idx), set = {};
        Object.keys(stems).forEach(function (s) { allStems[s] = true; (idx.postings[s] || []).forEach(function (p) { set[p] = true; }); });
        if (hits === null) hits = set;
        else { var both = {}; Object.keys(hits).forEach(function (p) { if (set[p]) both[p] = true; }); hits = both; }
      });
      var topic = topicSel.value, kind = kindSel.value;
      var ids = Object.keys(hits || {}).map(Number).sort(function (a, b) { return a - b; }).filter(function (p) {
        var para = idx.paras[p];
        return (!topic || para[3].indexOf(topic) >= 0) && (!kind || idx.docs[para[0]][2] === kind);
      });
      list.innerHTML = "";
      if (!ids.length) { list.innerHTML = "<p class=\"r-none\">" + esc(form.getAttribute("data-no-results") || "—") + "</p>"; }
      ids.slice(0, 30).forEach(function (p) {
        var para = idx.paras[p], doc = idx.docs[para[0]];
        var a = document.createElement("a");
        a.href = root + doc[0] + "#" + para[1];
        a.innerHTML = "<span class=\"r-ref\">« " + esc(doc[1] + ", " + para[2]) + " »</span><br><span class=\"r-snip\">" + snippet(para[4], allStems, idx) + "</span>";
        list.appendChild(a);
      });
      box.hidden = false;
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
