// The site map's clusters. A numbered point stands for places too close to tell apart; it
// links to its entry in the list below the map, which is what a reader without JavaScript
// gets. With this script, selecting it (click, tap, Enter) opens an inset over the map with
// the same entries, next to the point; Escape, the close button or a click elsewhere closes
// it and returns focus to the point. No library; the entries are copied from the page, so
// nothing is fetched.
(() => {
  "use strict";

  /** The open inset and the point that opened it, or null. */
  let open = null;

  function close(restoreFocus) {
    if (!open) return;
    const { panel, point } = open;
    open = null;
    panel.remove();
    point.setAttribute("aria-expanded", "false");
    if (restoreFocus) point.focus();
  }

  /** Places the inset beside the point's disc, inside the figure. */
  function place(panel, point, figure) {
    const f = figure.getBoundingClientRect();
    const dot = (point.querySelector(".map-dot") || point).getBoundingClientRect();
    const width = panel.offsetWidth;
    let left = dot.right + 8 - f.left;
    if (left + width > f.width) left = dot.left - 8 - width - f.left;
    left = Math.min(Math.max(0, left), Math.max(0, f.width - width));
    const top = Math.max(0, Math.min(dot.top - f.top - 8, f.height - panel.offsetHeight));
    panel.style.left = `${Math.round(left)}px`;
    panel.style.top = `${Math.round(top)}px`;
  }

  /** Opens the inset of a cluster's point; false when its entry is missing. */
  function show(point) {
    const id = decodeURIComponent((point.getAttribute("href") || "").replace(/^#/, ""));
    const entry = id && document.getElementById(id);
    const figure = point.closest(".map-figure");
    const list = entry && entry.querySelector("ul");
    if (!list || !figure) return false;
    close(false);
    const panel = document.createElement("div");
    panel.className = "map-inset";
    panel.id = "map-inset";
    panel.setAttribute("role", "group");
    panel.setAttribute("aria-labelledby", "map-inset-title");
    const head = document.createElement("div");
    head.className = "map-inset-head";
    const title = document.createElement("p");
    title.className = "map-inset-title";
    title.id = "map-inset-title";
    title.tabIndex = -1;
    const name = entry.querySelector(".map-group-name");
    const summary = entry.querySelector(".count");
    title.textContent = [name, summary].filter(Boolean).map((e) => e.textContent).join(": ");
    const button = document.createElement("button");
    button.type = "button";
    button.className = "map-inset-close";
    button.setAttribute("aria-label", "Close the list");
    button.textContent = "×";
    button.addEventListener("click", () => close(true));
    head.append(title, button);
    panel.append(head, list.cloneNode(true));
    figure.append(panel);
    place(panel, point, figure);
    point.setAttribute("aria-expanded", "true");
    point.setAttribute("aria-controls", panel.id);
    open = { panel, point };
    title.focus();
    return true;
  }

  document.addEventListener("click", (e) => {
    const target = e.target instanceof Element ? e.target : null;
    const point = target && target.closest('a.map-point[data-kind="cluster"]');
    if (point) {
      if (open && open.point === point) {
        close(true);
        e.preventDefault();
      } else if (show(point)) {
        e.preventDefault();
      }
      return;
    }
    if (open && !(target && open.panel.contains(target))) close(false);
  });

  document.addEventListener("keydown", (e) => {
    if (e.key === "Escape" && open) {
      e.preventDefault();
      close(true);
    }
  });

  for (const point of document.querySelectorAll('a.map-point[data-kind="cluster"]')) {
    point.setAttribute("aria-expanded", "false");
  }
})();
