/* gloss: hover cards for the actors and places mentioned on a page, and margin notes
   lined up with their passage. Card data: <script type="application/json" id="gloss-cards">.
   Everything works without this script; it only adds comfort.

   A card opens after a short delay (so a mouse crossing a paragraph does not flash every
   mention), closes when the pointer or focus leaves both mention and card, or on Escape.
   It is a disclosure, not a tooltip: the card is inserted right after its mention, so Tab
   from the mention reaches the card's link, and a linked mention says aria-expanded. */
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
  var cards;
  try { cards = JSON.parse(dataEl.textContent); } catch (e) { return; }
  var root = document.documentElement.dataset.root || "";
  var OPEN_DELAY = 400;     // ms before a card opens on hover or focus
  var CLOSE_DELAY = 250;    // ms of grace to move the pointer from a mention into its card
  var card = null;          // the single card element, created lazily
  var current = null;       // the mention the card is shown for
  var showTimer = 0;
  var hideTimer = 0;
  var lastPointer = "mouse";
  var shownAtPointerDown = null;
  var refocused = null;     // a mention given focus back by Escape: do not reopen its card

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

  function keyOf(m) { return m.dataset.kind + "/" + m.dataset.entity; }

  function fill(data, kind) {
    var c = ensureCard();
    c.textContent = "";
    c.className = "gloss-card k-" + kind;
    c.setAttribute("aria-label", data.name);
    c.setAttribute("role", "group");
    // Names and summaries are the editor's: their direction may differ from the page's.
    var name = c.appendChild(el("p", "gc-name", data.name));
    name.dir = "auto";
    if (data.kind) c.appendChild(el("p", "gc-kind", data.kind));
    if (data.summary) c.appendChild(el("p", "gc-summary", data.summary)).dir = "auto";
    var link = el("a", "gc-link");
    link.href = root + data.path;
    var n = data.briefs || 0;
    link.textContent = (n ? "In " + plural(n, "brief", "briefs") + " · " : "") + "Open profile →";
    c.appendChild(link);
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

  function show(m) {
    clearTimeout(showTimer);
    clearTimeout(hideTimer);
    var data = cards[keyOf(m)];
    if (!data) return;
    if (current && current !== m) current.removeAttribute("aria-expanded");
    fill(data, m.dataset.kind);
    if (m.nextSibling !== card) m.parentNode.insertBefore(card, m.nextSibling);
    card.hidden = false;
    current = m;
    if (m.tagName === "A") {
      m.setAttribute("aria-expanded", "true");
      m.setAttribute("aria-controls", card.id);
    }
    position(m);
  }

  function showSoon(m) {
    clearTimeout(showTimer);
    if (current === m) { clearTimeout(hideTimer); return; }
    showTimer = setTimeout(function () { show(m); }, OPEN_DELAY);
  }

  function hide() {
    clearTimeout(showTimer);
    clearTimeout(hideTimer);
    if (card) card.hidden = true;
    if (current) {
      if (current.tagName === "A") current.setAttribute("aria-expanded", "false");
      current.removeAttribute("aria-controls");
    }
    current = null;
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
    if (current && !(to && card && card.contains(to))) hide();
  }

  var mentions = document.querySelectorAll(".mention[data-kind][data-entity]");
  Array.prototype.forEach.call(mentions, function (m) {
    if (!cards[keyOf(m)]) return;
    if (m.tagName === "A") m.setAttribute("aria-expanded", "false");
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
      if (current === m) leaveFocus(e.relatedTarget);
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
    } else {
      // unlinked repeat mentions: tapping or clicking shows the card too
      m.addEventListener("click", function () { show(m); });
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
      if (!current) return;
      var m = current;
      var inside = card && card.contains(document.activeElement);
      hide();
      if (inside && m.tagName === "A") { refocused = m; m.focus(); }
    } else {
      lastPointer = "keyboard";
    }
  });
  window.addEventListener("resize", function () { if (current) position(current); });
})();
