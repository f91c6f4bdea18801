/* gloss client-side search over the chunked index in search/chunks/ (see
   src/render/search/mod.rs). Chunks are scripts that call window.glossSearchChunk, loaded by
   inserting <script src> elements: that works from file://, where fetch() of JSON is
   blocked, and under a Content-Security-Policy of script-src 'self'.
   A query loads: the meta chunk, one word shard per query word, the filter chunk of a chosen
   actor or location, and the record chunk (d/<n>, a run of consecutive documents) of each
   result shown. A query that is exactly an entity's name or alias ranks that entity first
   (the shard of the name's rarest word lists it). Stemming happened at build time:
   every word form in the site maps to its stem in its shard, so here words are only looked
   up exactly, by prefix (the last word typed) or within one edit (words of 5+ letters). */
(function () {
  "use strict";
  var root = document.documentElement.dataset.root || "";
  var BASE = root + "search/chunks/";
  var form = document.getElementById("search-form");
  var input = document.getElementById("search-q");
  var status = document.getElementById("search-status");
  var list = document.getElementById("search-results");
  var more = document.getElementById("search-more");
  if (!input || !list) return;
  var FILTERS = ["kind", "year", "status", "actor", "location"];
  var selects = {};
  FILTERS.forEach(function (f) { selects[f] = document.getElementById("search-filter-" + f); });
  var PAGE = 10;
  var KIND_LABEL = { brief: "Brief", actor: "Actor", location: "Location", incident: "Incident", page: "Page" };

  // ---- chunk loading ----
  var chunks = {}, waiting = {};
  window.glossSearchLoaded = [];
  window.glossSearchChunk = function (name, data) {
    chunks[name] = data;
    var w = waiting[name] || [];
    delete waiting[name];
    w.forEach(function (p) { p.ok(data); });
  };
  function load(name) {
    if (Object.prototype.hasOwnProperty.call(chunks, name)) return Promise.resolve(chunks[name]);
    return new Promise(function (ok, fail) {
      if (waiting[name]) { waiting[name].push({ ok: ok, fail: fail }); return; }
      waiting[name] = [{ ok: ok, fail: fail }];
      window.glossSearchLoaded.push(name);
      var s = document.createElement("script");
      s.src = BASE + name + ".js";
      s.async = true;
      s.onerror = function () {
        var w = waiting[name] || [];
        delete waiting[name];
        w.forEach(function (p) { p.fail(new Error("cannot load search chunk " + name)); });
      };
      document.head.appendChild(s);
    });
  }

  // ---- words: the same folding as src/render/search/text.rs ----
  var meta = null, FOLD = Object.create(null), KEYS = Object.create(null);
  var IGNORED = /\p{Default_Ignorable_Code_Point}/u, LOOSE_MARK = /\p{M}/u, LETTER = /[\p{Alphabetic}\p{N}]/u;
  function fold(s) {
    var out = "";
    // NFC first, so a decomposed "Pe\u0301rez" is one word; then drop what the build drops:
    // default-ignorable characters (bidi marks, ZWJ, soft hyphen…) and loose accents.
    for (var ch of String(s || "").normalize("NFC").toLowerCase()) {
      if (/['’‘`ʼʻ\u064B-\u065F\u0670\u0640]/.test(ch)) continue;
      if (IGNORED.test(ch) || (LOOSE_MARK.test(ch) && !LETTER.test(ch))) continue;
      if ("أإآٱ".indexOf(ch) >= 0) ch = "ا";
      else if (ch === "ى") ch = "ي";
      else if (FOLD[ch]) ch = FOLD[ch];
      out += ch;
    }
    return out;
  }
  var SPLIT = /[^\p{Alphabetic}\p{N}]+/u;
  // A word is indexed by its first meta.maxw characters (MAX_WORD_CHARS in text.rs).
  function cut(w) { var c = Array.from(w); return c.length > meta.maxw ? c.slice(0, meta.maxw).join("") : w; }
  function words(s) { return fold(s).split(SPLIT).filter(Boolean).map(cut); }
  function keyFile(key) {
    var s = "";
    for (var ch of key) s += /[a-z0-9]/.test(ch) ? ch : "_" + ch.codePointAt(0).toString(16) + "_";
    return s;
  }
  function keyFor(word) {
    var chars = Array.from(word);
    for (var n = chars.length; n > 0; n--) {
      var k = chars.slice(0, n).join("");
      if (KEYS[k]) return k;
    }
    return null;
  }
  function withinOneEdit(a, b) {
    if (a === b) return true;
    var la = a.length, lb = b.length;
    if (Math.abs(la - lb) > 1) return false;
    var i = 0, j = 0, edits = 0;
    while (i < la && j < lb) {
      if (a[i] === b[j]) { i++; j++; continue; }
      if (++edits > 1) return false;
      if (la > lb) i++;
      else if (lb > la) j++;
      else if (a[i + 1] === b[j] && a[i] === b[j + 1] && a.slice(i + 2) === b.slice(j + 2)) return true;
      else { i++; j++; }
    }
    return edits + (la - i) + (lb - j) <= 1;
  }

  // ---- matching and ranking ----
  function decode(p) { // [df, id0, w0, id1-id0, w1, ...] -> ids, weights
    var out = [], id = 0;
    for (var i = 1; i < p.length; i += 2) { id += p[i]; out.push([id, p[i + 1]]); }
    return out;
  }
  // Scores of the documents one query word matches, the word forms to highlight, and the
  // shard the word was looked up in.
  function matchWord(word, prefix) {
    var key = keyFor(word);
    if (!key) return Promise.resolve({ scores: new Map(), forms: [], shard: null });
    return load("w/" + keyFile(key)).then(function (shard) {
      var stems = new Map(), forms = [];
      function add(surface, factor) {
        var stem = shard.w[surface] || surface;
        if (!(stems.get(stem) >= factor)) stems.set(stem, factor);
      }
      var w;
      if (Object.prototype.hasOwnProperty.call(shard.w, word)) add(word, 1);
      if (prefix) for (w in shard.w) if (w !== word && w.lastIndexOf(word, 0) === 0) add(w, 0.8);
      if (!stems.size && Array.from(word).length >= 5) {
        for (w in shard.w) if (withinOneEdit(w, word)) add(w, 0.6);
      }
      for (var f in shard.w) if (stems.has(shard.w[f] || f)) forms.push(f);
      var scores = new Map(), capped = false;
      stems.forEach(function (factor, stem) {
        var p = shard.s[stem];
        if (!p) return;
        var idf = Math.log(1 + meta.n / p[0]);
        if (p[0] * 2 + 1 > p.length) capped = true;
        decode(p).forEach(function (dw) {
          var s = factor * idf * (1 + Math.log(dw[1]));
          if (!(scores.get(dw[0]) >= s)) scores.set(dw[0], s);
        });
      });
      return { scores: scores, forms: forms, capped: capped, shard: shard };
    });
  }
  // The index of the last entry of the sorted array `starts` that is <= `v`.
  function lastAtMost(starts, v, at) {
    var lo = 0, hi = starts.length - 1;
    while (lo < hi) { var mid = (lo + hi + 1) >> 1; if (at(starts[mid]) <= v) lo = mid; else hi = mid - 1; }
    return lo;
  }
  function segOf(id) { // [kind, year, status] of a doc id
    return meta.seg[lastAtMost(meta.seg, id, function (s) { return s[3]; })];
  }
  function same(x) { return x; }
  // The record of doc `id`, from the d/<n> chunk of its run, with its kind and status.
  function docOf(id) {
    var n = lastAtMost(meta.dc, id, same);
    return load("d/" + n).then(function (records) {
      // [title, path, date, summary, actors, locations], empty fields at the end left out.
      var a = records[id - meta.dc[n]], s = segOf(id);
      return { t: a[0], p: a[1], d: a[2] || "", s: a[3] || "", a: a[4] || [], l: a[5] || [],
        k: meta.kinds[s[0]], st: meta.statuses[s[2]] };
    });
  }
  // The ids of the documents listing the actor or location `name` (a-<slug>, l-<slug>).
  function idSet(name) {
    var n = meta.fc.length ? lastAtMost(meta.fc, name, same) : -1;
    if (n < 0) return Promise.resolve(new Set());
    return load("f/" + n).then(function (lists) {
      var s = new Set(), id = 0;
      (Object.prototype.hasOwnProperty.call(lists, name) ? lists[name] : []).forEach(function (d) { id += d; s.add(id); });
      return s;
    }, function () { return new Set(); });
  }
  // The ids of the entities whose name or alias is exactly the query (its words, folded),
  // listed in the shard of one of its words.
  function exactIds(qs, matches) {
    var key = qs.join(" "), ids = [], seen = new Set();
    matches.forEach(function (m) {
      var names = m.shard && m.shard.n;
      if (seen.has(names)) return;
      seen.add(names);
      if (names && Object.prototype.hasOwnProperty.call(names, key)) ids = ids.concat(names[key]);
    });
    return ids;
  }

  function currentFilters() {
    var f = {};
    FILTERS.forEach(function (k) { f[k] = selects[k] ? selects[k].value : ""; });
    return f;
  }
  function passes(id, f, skip) {
    var s = segOf(id);
    if (skip !== "kind" && f.kind && meta.kinds[s[0]] !== f.kind) return false;
    if (skip !== "year" && f.year && String(s[1]) !== f.year) return false;
    if (skip !== "status" && f.status && meta.statuses[s[2]] !== f.status) return false;
    if (f.actorSet && !f.actorSet.has(id)) return false;
    if (f.locationSet && !f.locationSet.has(id)) return false;
    return true;
  }

  function search(query, f) {
    var qs = words(query);
    if (!qs.length) return Promise.resolve(null);
    var prefixLast = !/\s$/.test(query);
    var jobs = qs.map(function (w, i) { return matchWord(w, prefixLast && i === qs.length - 1); });
    jobs.push(f.actor ? idSet("a-" + f.actor) : Promise.resolve(null));
    jobs.push(f.location ? idSet("l-" + f.location) : Promise.resolve(null));
    return Promise.all(jobs).then(function (res) {
      f.locationSet = res.pop();
      f.actorSet = res.pop();
      var total = null, forms = [], capped = false;
      res.forEach(function (m) {
        forms.push(m.forms);
        capped = capped || m.capped;
        if (total === null) { total = new Map(m.scores); return; }
        var next = new Map();
        m.scores.forEach(function (s, id) { if (total.has(id)) next.set(id, total.get(id) + s); });
        total = next;
      });
      // An exact name outranks every partial match: its entity comes first.
      exactIds(qs, res).forEach(function (id) { total.set(id, (total.get(id) || 0) + 1e6); });
      var all = [];
      total.forEach(function (s, id) { all.push([id, s]); });
      var hits = all.filter(function (x) { return passes(x[0], f); });
      hits.sort(function (a, b) { return b[1] - a[1] || a[0] - b[0]; });
      return { hits: hits, all: all, forms: forms, capped: capped };
    });
  }

  // ---- rendering ----
  function el(tag, cls, text) {
    var e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text != null) e.textContent = text;
    return e;
  }
  var TOKEN = /[\p{Alphabetic}\p{N}'’‘`ʼʻ\u064B-\u065F\u0670\u0640]+/gu;
  // The passage where most query words meet (the first such), every matching word in
  // <mark>. `groups` holds the matching forms of each query word. Null if nothing matches.
  function snippet(text, groups) {
    var group = new Map(), marks = [], m;
    groups.forEach(function (forms, g) { forms.forEach(function (f) { if (!group.has(f)) group.set(f, g); }); });
    TOKEN.lastIndex = 0;
    while ((m = TOKEN.exec(text))) {
      var g = group.get(fold(m[0]));
      if (g !== undefined) marks.push([m.index, m.index + m[0].length, g]);
    }
    if (!marks.length) return null;
    var first = 0, cover = 0;
    marks.forEach(function (a, i) {
      var seen = new Set();
      marks.forEach(function (b) { if (b[0] >= a[0] && b[0] < a[0] + 200) seen.add(b[2]); });
      if (seen.size > cover) { cover = seen.size; first = i; }
    });
    first = marks[first][0];
    var start = Math.max(0, first - 90);
    if (start > 0) { var sp = text.indexOf(" ", start); if (sp >= 0 && sp < first) start = sp + 1; }
    var end = Math.min(text.length, start + 260);
    if (end < text.length) { var sp2 = text.lastIndexOf(" ", end); if (sp2 > first) end = sp2; }
    var p = el("p", "result-snippet"), at = start;
    if (start > 0) p.appendChild(document.createTextNode("… "));
    marks.forEach(function (r) {
      if (r[0] < start || r[1] > end) return;
      p.appendChild(document.createTextNode(text.slice(at, r[0])));
      p.appendChild(el("mark", null, text.slice(r[0], r[1])));
      at = r[1];
    });
    p.appendChild(document.createTextNode(text.slice(at, end)));
    if (end < text.length) p.appendChild(document.createTextNode(" …"));
    return { node: p, cover: cover };
  }
  function resultItem(doc, forms) {
    var li = el("li", "result k-" + doc.k);
    var metaP = el("p", "result-meta");
    metaP.appendChild(el("span", "kind-badge k-" + doc.k, KIND_LABEL[doc.k] || doc.k));
    if (doc.d) metaP.appendChild(el("span", "result-date", doc.d));
    if (doc.st) metaP.appendChild(el("span", "status-badge status-" + doc.st, doc.st));
    var a = el("a", "result-title", doc.t);
    a.href = root + doc.p;
    li.appendChild(metaP);
    li.appendChild(a);
    var best = snippet(doc.s, forms);
    li.appendChild(best ? best.node : el("p", "result-summary", doc.s));
    return li;
  }
  function setOptions(name, counts, anyLabel, labels) {
    var sel = selects[name];
    if (!sel) return;
    var value = sel.value;
    sel.textContent = "";
    var any = el("option", null, anyLabel);
    any.value = "";
    sel.appendChild(any);
    var keys = Object.keys(counts);
    if (value && keys.indexOf(value) < 0) { keys.push(value); counts[value] = 0; }
    keys.forEach(function (k) {
      var o = el("option", null, (labels[k] || k) + " (" + counts[k] + ")");
      o.value = k;
      sel.appendChild(o);
    });
    sel.value = value;
  }
  function facets(result, f) {
    var c = { kind: {}, year: {}, status: {} };
    result.all.forEach(function (x) {
      var s = segOf(x[0]);
      if (passes(x[0], f, "kind")) c.kind[meta.kinds[s[0]]] = (c.kind[meta.kinds[s[0]]] || 0) + 1;
      if (s[1] && passes(x[0], f, "year")) c.year[s[1]] = (c.year[s[1]] || 0) + 1;
      if (s[2] && passes(x[0], f, "status")) c.status[meta.statuses[s[2]]] = (c.status[meta.statuses[s[2]]] || 0) + 1;
    });
    var years = {};
    Object.keys(c.year).sort().reverse().forEach(function (y) { years[y] = c.year[y]; });
    setOptions("kind", c.kind, "Any kind", KIND_LABEL);
    setOptions("year", years, "Any year", {});
    setOptions("status", c.status, "Any status", {});
  }
  function entityOptions(docs, f) {
    ["actor", "location"].forEach(function (name) {
      var counts = {}, labels = {};
      docs.forEach(function (d) {
        ((name === "actor" ? d.a : d.l) || []).forEach(function (e) { counts[e[0]] = (counts[e[0]] || 0) + 1; labels[e[0]] = e[1]; });
      });
      var sorted = {};
      Object.keys(counts).sort(function (a, b) { return counts[b] - counts[a] || (a < b ? -1 : 1); })
        .slice(0, 30).forEach(function (k) { sorted[k] = counts[k]; });
      if (f[name] && !(f[name] in sorted)) sorted[f[name]] = f[name + "Set"] ? f[name + "Set"].size : 0;
      setOptions(name, sorted, name === "actor" ? "Any actor" : "Any location", labels);
    });
  }

  var seq = 0, shown = 0, last = null;
  function showPage(my) {
    var page = last.result.hits.slice(shown, shown + PAGE);
    return Promise.all(page.map(function (h) { return docOf(h[0]); })).then(function (docs) {
      if (my !== seq) return;
      var frag = document.createDocumentFragment();
      docs.forEach(function (d) { frag.appendChild(resultItem(d, last.result.forms)); });
      list.appendChild(frag);
      shown += docs.length;
      last.docs = last.docs.concat(docs);
      if (shown === page.length) entityOptions(last.docs, last.f);
      if (more) more.hidden = shown >= last.result.hits.length;
    });
  }
  function run() {
    var my = ++seq, q = input.value.trim(), f = currentFilters();
    syncUrl(q, f);
    var ready = meta ? Promise.resolve() : load("meta").then(function (m) {
      meta = m;
      m.fold.split(" ").forEach(function (p) { var c = Array.from(p); FOLD[c[0]] = c[1]; });
      m.keys.split(" ").forEach(function (k) { KEYS[k] = true; });
    });
    return ready.then(function () { return search(q, f); }).then(function (result) {
      if (my !== seq) return;
      list.textContent = "";
      shown = 0;
      if (more) more.hidden = true;
      if (!result) { status.textContent = ""; return; }
      last = { result: result, f: f, docs: [] };
      var n = result.hits.length;
      status.textContent = n === 0 ? "No results for “" + q + "”." + otherScript(q) :
        n + (n === 1 ? " result" : " results") + " for “" + q + "”" +
        (result.capped ? " (a very common word: only its best matches are kept)." : ".");
      facets(result, f);
      return showPage(my);
    }).catch(function (e) {
      if (my === seq) status.textContent = "Search is unavailable: " + e.message;
    });
  }
  // A query in another script than Latin that finds nothing: say where such names live.
  function otherScript(q) {
    return /(?![\p{Script=Latin}])\p{L}/u.test(q) ?
      " Names in other scripts are found where an actor or location lists them among its aliases; this site has none for these words, so try the name in Latin letters." : "";
  }
  function syncUrl(q, f) {
    try {
      var url = new URL(window.location.href);
      [["q", q]].concat(FILTERS.map(function (k) { return [k, f[k]]; })).forEach(function (kv) {
        if (kv[1]) url.searchParams.set(kv[0], kv[1]); else url.searchParams.delete(kv[0]);
      });
      window.history.replaceState(null, "", url.href);
    } catch (e) { /* some browsers refuse history on file://: keep the address */ }
  }

  var timer = 0;
  input.addEventListener("input", function () {
    clearTimeout(timer);
    timer = setTimeout(run, 120);
  });
  FILTERS.forEach(function (k) { if (selects[k]) selects[k].addEventListener("change", run); });
  if (form) form.addEventListener("submit", function (ev) { ev.preventDefault(); run(); });
  if (more) more.addEventListener("click", function () { showPage(seq); });

  var params;
  try { params = new URLSearchParams(window.location.search); } catch (e) { params = new URLSearchParams(); }
  FILTERS.forEach(function (k) {
    var v = params.get(k), sel = selects[k];
    if (v && sel) {
      var o = el("option", null, v);
      o.value = v;
      sel.appendChild(o);
      sel.value = v;
    }
  });
  var initial = params.get("q") || "";
  if (initial) { input.value = initial; run(); }
  input.focus();
})();
