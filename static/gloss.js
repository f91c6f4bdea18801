/* gloss: hover cards for the actors and places mentioned on a page, and margin notes
   lined up with their passage. Card data: <script type="application/json" id="gloss-cards">.
   Everything works without this script; it only adds comfort. */
(function () {
  "use strict";

  // Margin notes float beside the text after their paragraph (pure CSS). When they sit
  // in the margin, move each up to the line of its reference, never over the note above.
  function alignNotes() {
    var notes = document.querySelectorAll(".article .note[id]");
    var prevBottom = -Infinity;
    Array.prototype.forEach.call(notes, function (n) { n.style.marginTop = ""; });
    Array.prototype.forEach.call(notes, function (n) {
      if (getComputedStyle(n).cssFloat !== "right") return;
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
  var cards;
  try { cards = JSON.parse(dataEl.textContent); } catch (e) { return; }
  var root = document.documentElement.dataset.root || "";
  var card = null;          // the single card element, created lazily
  var current = null;       // the mention the card is shown for
  var hideTimer = 0;
  var lastPointer = "mouse";
  var shownAtPointerDown = null;

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
    card.setAttribute("role", "tooltip");
    card.hidden = true;
    card.addEventListener("mouseenter", function () { clearTimeout(hideTimer); });
    card.addEventListener("mouseleave", function () { scheduleHide(); });
    document.body.appendChild(card);
    return card;
  }

  function keyOf(m) { return m.dataset.kind + "/" + m.dataset.entity; }

  function fill(data, kind) {
    var c = ensureCard();
    c.textContent = "";
    c.className = "gloss-card k-" + kind;
    c.appendChild(el("p", "gc-name", data.name));
    if (data.kind) c.appendChild(el("p", "gc-kind", data.kind));
    if (data.summary) c.appendChild(el("p", "gc-summary", data.summary));
    var link = el("a", "gc-link");
    link.href = root + data.path;
    var n = data.briefs || 0;
    link.textContent = (n ? "In " + plural(n, "brief", "briefs") + " · " : "") + "Open profile →";
    c.appendChild(link);
  }

  function position(target) {
    var c = card;
    var rects = target.getClientRects();
    var r = rects.length ? rects[0] : target.getBoundingClientRect();
    var vw = document.documentElement.clientWidth;
    var vh = window.innerHeight;
    c.style.left = "0px";
    c.style.top = "0px";
    var w = c.offsetWidth, h = c.offsetHeight, gap = 8;
    var left = Math.min(Math.max(8, r.left), vw - w - 8);
    var top = r.bottom + gap;
    if (top + h > vh && r.top - gap - h > 0) top = r.top - gap - h;   // flip above
    c.style.left = Math.max(8, left) + window.scrollX + "px";
    c.style.top = top + window.scrollY + "px";
  }

  function show(m) {
    var data = cards[keyOf(m)];
    if (!data) return;
    clearTimeout(hideTimer);
    if (current && current !== m) current.removeAttribute("aria-describedby");
    fill(data, m.dataset.kind);
    card.hidden = false;
    current = m;
    m.setAttribute("aria-describedby", card.id);
    position(m);
  }

  function hide() {
    clearTimeout(hideTimer);
    if (card) card.hidden = true;
    if (current) current.removeAttribute("aria-describedby");
    current = null;
  }

  function scheduleHide() {
    clearTimeout(hideTimer);
    hideTimer = setTimeout(hide, 180);
  }

  var mentions = document.querySelectorAll(".mention[data-kind][data-entity]");
  Array.prototype.forEach.call(mentions, function (m) {
    if (!cards[keyOf(m)]) return;
    m.addEventListener("pointerenter", function (e) {
      if (e.pointerType !== "touch") show(m);
    });
    m.addEventListener("pointerleave", function (e) {
      if (e.pointerType !== "touch") scheduleHide();
    });
    m.addEventListener("focus", function () {
      if (lastPointer !== "touch") show(m);
    });
    m.addEventListener("blur", function () {
      // keep the card while focus moves into it (its link)
      setTimeout(function () {
        if (card && !card.contains(document.activeElement) && current === m) hide();
      }, 0);
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
    } else if (!m.hasAttribute("tabindex")) {
      // unlinked repeat mentions: tapping shows the card too
      m.addEventListener("click", function () { if (lastPointer === "touch") show(m); });
    }
  });

  document.addEventListener("pointerdown", function (e) {
    lastPointer = e.pointerType || "mouse";
    if (!current || !card) return;
    if (card.contains(e.target) || current.contains(e.target)) return;
    hide();
  });
  document.addEventListener("keydown", function (e) {
    if (e.key === "Escape" && current) {
      var m = current;
      hide();
      if (card && card.contains(document.activeElement)) m.focus();
    } else if (e.key !== "Escape") {
      lastPointer = "keyboard";
    }
  });
  window.addEventListener("resize", function () { if (current) position(current); });
})();
