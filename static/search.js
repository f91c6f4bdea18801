/* gloss client-side search. Reads window.GLOSS_SEARCH (from search-index.js), so it
   works from file:// with no network. Every query word must prefix-match a word of the
   entry; ranking prefers matches in the title, then in names and aliases, then the summary. */
(function () {
  "use strict";
  var index = window.GLOSS_SEARCH || [];
  var root = document.documentElement.dataset.root || "";
  var form = document.getElementById("search-form");
  var input = document.getElementById("search-q");
  var status = document.getElementById("search-status");
  var list = document.getElementById("search-results");
  if (!input || !list) return;

  var LIMIT = 60;
  var KIND_LABEL = { brief: "Brief", actor: "Actor", location: "Location", incident: "Incident", page: "Page" };
  var KIND_ORDER = { actor: 0, location: 1, incident: 2, brief: 3, page: 4 };

  // Lower case, strip accents and Arabic diacritics, fold apostrophes so that
  // "Kata'ib", "Kata’ib" and "Kataib" are the same word.
  function fold(s) {
    return String(s || "")
      .normalize("NFKD")
      .replace(/[\u0300-\u036f\u064b-\u065f\u0670\u0640]/g, "")
      .toLowerCase()
      .replace(/['’‘`ʼʻ]/g, "");
  }
  var SPLIT = /[^\p{L}\p{N}]+/u;
  function words(s) { return fold(s).split(SPLIT).filter(Boolean); }

  var docs = index.map(function (e, i) {
    return { e: e, i: i, t: words(e.t), n: words(e.n), s: words(e.s), full: fold(e.t) };
  });

  // Best score of one query word against one field: exact word > prefix.
  function fieldScore(field, q) {
    var best = 0;
    for (var i = 0; i < field.length; i++) {
      var w = field[i];
      if (w === q) return 2;
      if (best < 1 && w.lastIndexOf(q, 0) === 0) best = 1;
    }
    return best;
  }

  function search(query) {
    var qs = words(query);
    if (!qs.length) return [];
    var out = [];
    for (var d = 0; d < docs.length; d++) {
      var doc = docs[d], score = 0, ok = true;
      for (var k = 0; k < qs.length; k++) {
        var q = qs[k];
        var t = fieldScore(doc.t, q), n = fieldScore(doc.n, q), s = fieldScore(doc.s, q);
        if (!t && !n && !s) { ok = false; break; }
        score += t ? 100 + 20 * t : n ? 40 + 10 * n : 10 + 3 * s;
      }
      if (!ok) continue;
      var fq = fold(query).trim();
      if (doc.full === fq) score += 200;
      else if (doc.full.lastIndexOf(fq, 0) === 0) score += 60;
      out.push({ doc: doc, score: score });
    }
    out.sort(function (a, b) {
      return b.score - a.score ||
        (KIND_ORDER[a.doc.e.k] || 9) - (KIND_ORDER[b.doc.e.k] || 9) ||
        a.doc.i - b.doc.i;
    });
    return out;
  }

  function el(tag, cls, text) {
    var e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text != null) e.textContent = text;
    return e;
  }

  function render(query) {
    list.textContent = "";
    var q = query.trim();
    if (!q) { status.textContent = index.length ? "" : "The search index is empty."; return; }
    var results = search(q);
    var shown = results.slice(0, LIMIT);
    status.textContent = results.length === 0 ? "No results for “" + q + "”." :
      results.length + (results.length === 1 ? " result" : " results") + " for “" + q + "”" +
      (results.length > LIMIT ? ", showing the first " + LIMIT + "." : ".");
    var frag = document.createDocumentFragment();
    shown.forEach(function (r) {
      var e = r.doc.e;
      var li = el("li", "result k-" + e.k);
      var meta = el("p", "result-meta");
      meta.appendChild(el("span", "kind-badge k-" + e.k, KIND_LABEL[e.k] || e.k));
      if (e.d) meta.appendChild(el("span", "result-date", e.d));
      var a = el("a", "result-title", e.t);
      a.href = root + e.p;
      li.appendChild(meta);
      li.appendChild(a);
      if (e.s) li.appendChild(el("p", "result-summary", e.s));
      frag.appendChild(li);
    });
    list.appendChild(frag);
  }

  function syncUrl(q) {
    try {
      var url = new URL(window.location.href);
      if (q) url.searchParams.set("q", q); else url.searchParams.delete("q");
      window.history.replaceState(null, "", url.href);
    } catch (e) { /* file:// in some browsers: keep the URL as is */ }
  }

  var timer = 0;
  input.addEventListener("input", function () {
    clearTimeout(timer);
    timer = setTimeout(function () { render(input.value); syncUrl(input.value.trim()); }, 60);
  });
  if (form) form.addEventListener("submit", function (ev) {
    ev.preventDefault();
    render(input.value);
    syncUrl(input.value.trim());
  });

  var initial = "";
  try { initial = new URLSearchParams(window.location.search).get("q") || ""; } catch (e) { }
  if (initial) { input.value = initial; render(initial); }
  input.focus();
})();
