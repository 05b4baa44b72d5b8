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
    var text = "« " + para.getAttribute("data-ref") + " » " + para.getAttribute("data-url");
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
  if (window.compendiumSearch) window.compendiumSearch();
})();
