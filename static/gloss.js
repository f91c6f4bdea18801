/* gloss: hover cards for the actors and places mentioned on a page, and margin notes
   lined up with their passage. Everything works without this script; it only adds comfort.

   Card data is written once: what a card says of an entity on every page (name, kind,
   first sentence, latest incident, number of briefs) is in shared chunk scripts under
   cards/, loaded on the first hover or focus of a mention of an entity they hold and cached
   by the browser across pages. The page's <script type="application/json" id="gloss-cards">
   only names, per kind, the chunk path pattern and the number of chunks; an entity's chunk
   is an FNV-1a hash of its slug (as gloss computes it), how often it is named here is
   counted from the article's mentions, and the role this brief gives it is read from its
   line in the sidebar. Chunks are scripts (calling
   window.glossCardChunk) rather than JSON so that they load from file:// and under the
   site's script-src 'self' policy; if one fails to load, the card shows what the page knows
   and links to the entity's page instead.

   The first mention of an entity is a link; later ones are plain text, made focusable here
   (a button that opens the card), so that a keyboard user can open every card.
   A card opens after a short delay (so a mouse crossing a paragraph does not flash every
   mention), closes when the pointer or focus leaves both mention and card, on Escape or on
   its close button (focus then returns to the mention). It is a disclosure, not a tooltip:
   the card is inserted right after its mention, so Tab from the mention reaches the card's
   links, and the mention says aria-expanded. */
(function () {
  "use strict";

  // Margin notes float beside the text after their paragraph (pure CSS). When they sit
  // in the margin, move each up to the line of its reference, never over the note above.
  function alignNotes() {
    var notes = document.querySelectorAll(".article .note[id]");
    var prevBottom = -Infinity;
    Array.prototype.forEach.call(notes, function (n) { n.style.marginTop = ""; });
    Array.prototype.forEach.call(notes, function (n) {
      var f = getComputedStyle(n).cssFloat;
      if (f !== "right" && f !== "left") return;
      var ref = document.querySelector('.article a.note-ref[href="#' + n.id + '"]');
      var top = n.getBoundingClientRect().top;
      if (ref) {
        var want = Math.max(ref.getBoundingClientRect().top - 4, prevBottom + 12);
        if (want < top) n.style.marginTop = (want - top) + "px";
      }
      prevBottom = n.getBoundingClientRect().bottom;
    });
  }
  if (document.querySelector(".article .note")) {
    alignNotes();
    window.addEventListener("resize", alignNotes);
    window.addEventListener("load", alignNotes);
  }

  var dataEl = document.getElementById("gloss-cards");
  if (!dataEl) return;
  var kinds;                 // kind -> [chunk path pattern with {n}, number of chunks]
  try {
    kinds = JSON.parse(dataEl.textContent) || {};
  } catch (e) { return; }
  var root = document.documentElement.dataset.root || "";
  var OPEN_DELAY = 400;     // ms before a card opens on hover or focus
  var CLOSE_DELAY = 250;    // ms of grace to move the pointer from a mention into its card
  var card = null;          // the single card element, created lazily
  var current = null;       // the mention the card is shown for
  var wanted = null;        // the mention whose card waits for its chunk
  var showTimer = 0;
  var hideTimer = 0;
  var lastPointer = "mouse";
  var shownAtPointerDown = null;
  var refocused = null;     // a mention given focus back by Escape: do not reopen its card
  var chunks = {};          // chunk path -> { data, failed, waiters }

  // A chunk script calls this with its own path and its cards keyed by slug.
  window.glossCardChunk = function (path, data) {
    var c = chunks[path];
    if (c && data && typeof data === "object") c.data = data;
  };

  function settle(c, failed) {
    c.failed = failed;
    var waiters = c.waiters;
    c.waiters = [];
    waiters.forEach(function (f) { f(); });
  }

  // Loads a chunk once (a <script> element), then calls done; done is called on failure too.
  function load(path, done) {
    if (typeof path !== "string") { if (done) done(); return; }
    var c = chunks[path];
    if (!c) {
      c = chunks[path] = { data: null, failed: false, waiters: [] };
      var s = document.createElement("script");
      s.src = root + path;
      s.async = true;
      s.onload = function () { settle(c, !c.data); };
      s.onerror = function () { settle(c, true); };
      document.head.appendChild(s);
    }
    if (c.data || c.failed) { if (done) done(); return; }
    if (done) c.waiters.push(done);
  }

  function plural(n, one, many) { return n + " " + (n === 1 ? one : many); }

  function el(tag, cls, text) {
    var e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text != null) e.textContent = text;
    return e;
  }

  function ensureCard() {
    if (card) return card;
    card = el("div", "gloss-card");
    card.id = "gloss-card";
    card.hidden = true;
    card.lang = document.documentElement.lang;
    card.dir = document.documentElement.dir || "ltr";
    card.addEventListener("mouseenter", function () { clearTimeout(hideTimer); });
    card.addEventListener("mouseleave", function () { scheduleHide(); });
    card.addEventListener("focusout", function (e) { leaveFocus(e.relatedTarget); });
    return card;
  }

  // A repeat mention names its entity in data-entity; a link by its href, whose last folder
  // is the slug (`../../actors/<slug>/`, or `…/<slug>/index.html` in a --file-urls build).
  function slugOf(m) {
    if (m.dataset.entity) return m.dataset.entity;
    var path = (m.getAttribute("href") || "").split(/[?#]/)[0].replace(/index\.html$/, "");
    var slug = path.split("/").filter(Boolean).pop() || "";
    try { return decodeURIComponent(slug); } catch (e) { return slug; }
  }

  function keyOf(m) { return m.dataset.kind + "/" + slugOf(m); }

  // FNV-1a of the slug's UTF-8 bytes, as gloss's cards.rs chooses an entity's chunk.
  function chunkOf(slug, count) {
    var bytes = new TextEncoder().encode(slug);
    var h = 0x811c9dc5;
    for (var i = 0; i < bytes.length; i++) {
      h = Math.imul(h ^ bytes[i], 0x01000193) >>> 0;
    }
    return h % Math.max(1, count);
  }

  // The mentions in the article itself (not in its margin notes), by key.
  function countHere() {
    var counts = {};
    var all = document.querySelectorAll(".article .mention[data-kind]");
    Array.prototype.forEach.call(all, function (m) {
      if (m.closest(".note")) return;
      counts[keyOf(m)] = (counts[keyOf(m)] || 0) + 1;
    });
    return counts;
  }

  // The role this brief gives the entity of link href: the .role on its sidebar line.
  function roleOf(href) {
    var links = document.querySelectorAll(".brief-sidebar li > a[href]");
    var line = Array.prototype.filter.call(links, function (a) {
      return a.getAttribute("href") === href;
    })[0];
    var role = line && line.parentNode.querySelector(".role");
    return role ? role.textContent : "";
  }

  // What the page says of mention m's entity: its chunk, count here and role (or null).
  var infos = {};
  var counts = null;
  function infoOf(m) {
    var key = keyOf(m);
    if (key in infos) return infos[key];
    var kind = kinds[m.dataset.kind];
    if (!kind || typeof kind[0] !== "string") return (infos[key] = null);
    counts = counts || countHere();
    var first = fallback(m);
    infos[key] = {
      chunk: kind[0].replace("{n}", chunkOf(slugOf(m), kind[1])),
      here: counts[key] || 0,
      role: first.href ? roleOf(first.href) : ""
    };
    return infos[key];
  }

  // The shared card of mention m, or null while its chunk is missing.
  function shared(m) {
    var info = infoOf(m);
    var c = info && chunks[info.chunk];
    var data = c && c.data && c.data[slugOf(m)];
    return data && typeof data === "object" ? data : null;
  }

  // What a card shows when its chunk did not load: the name as the page's first link to
  // the entity writes it, and that link; never an empty or broken card.
  function fallback(m) {
    var links = document.querySelectorAll("a.mention[data-kind][href]");
    var first = Array.prototype.filter.call(links, function (a) { return keyOf(a) === keyOf(m); })[0];
    return { name: (first || m).textContent, href: first ? first.getAttribute("href") : "" };
  }

  function labelled(cls, label, value) {
    var p = el("p", cls);
    p.appendChild(el("span", "gc-label", label + " "));
    if (typeof value === "string") p.appendChild(el("span", null, value)).dir = "auto";
    else p.appendChild(value);
    return p;
  }

  function incidentLine(inc) {
    var p = el("p", "gc-incident");
    p.appendChild(el("span", "gc-label", "Latest incident: "));
    var a = p.appendChild(el("a", null, inc.title));
    a.href = root + inc.path;
    a.dir = "auto";
    p.appendChild(document.createTextNode(" "));
    var t = p.appendChild(el("time", null, inc.date));
    t.setAttribute("datetime", inc.iso);
    if (inc.status) {
      p.appendChild(document.createTextNode(" "));
      p.appendChild(el("span", "status status-" + inc.status, inc.status));
    }
    return p;
  }

  function fill(m, info, data) {
    var c = ensureCard();
    var kind = m.dataset.kind;
    var backup = data ? null : fallback(m);
    var name = data ? data.name : backup.name;
    c.textContent = "";
    c.className = "gloss-card k-" + kind;
    c.setAttribute("aria-label", name);
    c.setAttribute("role", "group");
    // Names and summaries are the editor's: their direction may differ from the page's.
    c.appendChild(el("p", "gc-name", name)).dir = "auto";
    if (data && data.kind) c.appendChild(el("p", "gc-kind", data.kind));
    if (info.role) c.appendChild(labelled("gc-role", "In this brief:", info.role));
    if (data && data.summary) c.appendChild(el("p", "gc-summary", data.summary)).dir = "auto";
    if (data && data.incident) c.appendChild(incidentLine(data.incident));
    var foot = c.appendChild(el("p", "gc-foot"));
    var counts = [];
    if (info.here) counts.push("Named " + (info.here === 1 ? "once" : info.here + "×") + " here");
    if (data && data.briefs) counts.push("in " + plural(data.briefs, "brief", "briefs"));
    if (counts.length) foot.appendChild(el("span", "gc-counts", counts.join(" · ")));
    var href = data ? root + data.path : backup.href;
    if (href) {
      var link = foot.appendChild(el("a", "gc-link", "Open profile →"));
      link.href = href;
    }
    var close = c.appendChild(el("button", "gc-close", "×"));
    close.type = "button";
    close.setAttribute("aria-label", "Close card");
    close.addEventListener("click", function () { closeAndReturn(); });
  }

  // Place the card under the mention (above it when there is no room below), always
  // wholly inside the viewport. Coordinates are relative to the card's containing block.
  function position(target) {
    var c = card;
    var rects = target.getClientRects();
    var r = rects.length ? rects[0] : target.getBoundingClientRect();
    var vw = document.documentElement.clientWidth;
    var vh = window.innerHeight;
    c.style.left = "0px";
    c.style.top = "0px";
    var origin = c.getBoundingClientRect();   // where (0, 0) lands on screen
    var w = c.offsetWidth, h = c.offsetHeight, gap = 8;
    var rtl = getComputedStyle(target).direction === "rtl";
    var left = rtl ? r.right - w : r.left;
    left = Math.max(gap, Math.min(left, vw - w - gap));
    var top = r.bottom + gap;
    if (top + h > vh - gap) top = r.top - gap - h;          // no room below: flip above
    if (top < gap) top = Math.max(gap, Math.min(r.bottom + gap, vh - h - gap));
    c.style.left = (left - origin.left) + "px";
    c.style.top = (top - origin.top) + "px";
  }

  // Shows m's card now if its chunk is here (or failed), else as soon as it is.
  function show(m) {
    clearTimeout(showTimer);
    clearTimeout(hideTimer);
    var info = infoOf(m);
    if (!info) return;
    wanted = m;
    load(info.chunk, function () { if (wanted === m) reveal(m, info); });
  }

  function reveal(m, info) {
    wanted = null;
    if (current && current !== m) current.setAttribute("aria-expanded", "false");
    fill(m, info, shared(m));
    if (m.nextSibling !== card) m.parentNode.insertBefore(card, m.nextSibling);
    card.hidden = false;
    current = m;
    m.setAttribute("aria-expanded", "true");
    m.setAttribute("aria-controls", card.id);
    position(m);
  }

  function showSoon(m) {
    clearTimeout(showTimer);
    if (current === m) { clearTimeout(hideTimer); return; }
    // The chunk is loaded when the delay is over, not before: a pointer that only crosses
    // a mention, or a click that leaves the page, fetches nothing.
    showTimer = setTimeout(function () { show(m); }, OPEN_DELAY);
  }

  function hide() {
    clearTimeout(showTimer);
    clearTimeout(hideTimer);
    wanted = null;
    if (card) card.hidden = true;
    if (current) {
      current.setAttribute("aria-expanded", "false");
      current.removeAttribute("aria-controls");
    }
    current = null;
  }

  // Escape or the close button: close, and give focus back to the mention.
  function closeAndReturn() {
    var m = current;
    hide();
    if (m) { refocused = m; m.focus(); }
  }

  function scheduleHide() {
    clearTimeout(showTimer);
    clearTimeout(hideTimer);
    hideTimer = setTimeout(hide, CLOSE_DELAY);
  }

  // Focus left the mention or the card: close unless it went to the other one.
  function leaveFocus(to) {
    if (to && card && (card.contains(to) || to === current)) return;
    clearTimeout(showTimer);
    if (current || wanted) hide();
  }

  // A repeat mention is plain text; as a button it can be reached and opened by keyboard.
  function makeFocusable(m) {
    m.tabIndex = 0;
    m.setAttribute("role", "button");
    m.addEventListener("keydown", function (e) {
      if (e.key !== "Enter" && e.key !== " ") return;
      e.preventDefault();
      if (current === m) hide(); else show(m);
    });
    // A click or tap opens the card (Enter and Space toggle it).
    m.addEventListener("click", function () { if (current !== m) show(m); });
  }

  var mentions = document.querySelectorAll(".mention[data-kind]");
  Array.prototype.forEach.call(mentions, function (m) {
    if (!infoOf(m)) return;
    m.setAttribute("aria-expanded", "false");
    if (m.tagName !== "A") makeFocusable(m);
    m.addEventListener("pointerenter", function (e) {
      if (e.pointerType !== "touch") showSoon(m);
    });
    m.addEventListener("pointerleave", function (e) {
      if (e.pointerType !== "touch") scheduleHide();
    });
    m.addEventListener("focus", function () {
      if (refocused === m) { refocused = null; return; }
      if (lastPointer !== "touch") showSoon(m);
    });
    m.addEventListener("blur", function (e) {
      if (current === m || wanted === m) leaveFocus(e.relatedTarget);
      else clearTimeout(showTimer);
    });
    m.addEventListener("pointerdown", function (e) {
      lastPointer = e.pointerType;
      shownAtPointerDown = current;
    });
    if (m.tagName === "A") {
      m.addEventListener("click", function (e) {
        // Touch: the first tap shows the card, a second tap follows the link.
        if (lastPointer === "touch" && shownAtPointerDown !== m) {
          e.preventDefault();
          show(m);
        }
      });
    }
  });

  document.addEventListener("pointerdown", function (e) {
    lastPointer = e.pointerType || "mouse";
    if (!current || !card) return;
    if (card.contains(e.target) || current.contains(e.target)) return;
    hide();
  });
  document.addEventListener("keydown", function (e) {
    if (e.key === "Escape") {
      clearTimeout(showTimer);
      wanted = null;
      if (!current) return;
      var inside = card && card.contains(document.activeElement);
      if (inside) closeAndReturn(); else hide();
    } else {
      lastPointer = "keyboard";
    }
  });
  window.addEventListener("resize", function () { if (current) position(current); });
})();
