// Timeline filters: shows the page's filter form and hides the rows whose actors, locations
// or status do not match. Rows carry space-separated slugs in data- attributes; a brief row
// carries the status of the incident it reports (briefs have none of their own), and the
// count under the form says how many briefs a status filter keeps. Without JavaScript the
// form stays hidden, every row stays visible and the count ("N of N shown") is the page's.
(function () {
  "use strict";
  var form = document.querySelector("form.tl-filter");
  if (!form) return;
  var rows = Array.prototype.slice.call(document.querySelectorAll(".tl-item"));
  var shown = document.querySelector(".tl-shown");
  function has(list, value) {
    return value === "" || (" " + list + " ").indexOf(" " + value + " ") >= 0;
  }
  function value(name) {
    var field = form.elements[name];
    return field ? field.value : "";
  }
  function apply() {
    var a = value("actors");
    var l = value("locations");
    var s = value("status");
    var count = 0;
    var briefs = 0;
    rows.forEach(function (row) {
      var ok = has(row.dataset.actors || "", a) &&
        has(row.dataset.locations || "", l) &&
        (s === "" || (row.dataset.status || "") === s);
      row.hidden = !ok;
      if (ok) count += 1;
      if (ok && row.classList.contains("tl-brief")) briefs += 1;
    });
    document.querySelectorAll(".tl-month").forEach(function (month) {
      month.hidden = !month.querySelector(".tl-item:not([hidden])");
    });
    document.querySelectorAll(".tl-year").forEach(function (year) {
      year.hidden = !year.querySelector(".tl-item:not([hidden])");
    });
    if (!shown) return;
    var text = count + " of " + rows.length + " shown";
    if (s !== "") {
      text += " (" + briefs + " brief" + (briefs === 1 ? "" : "s") +
        " reporting a " + s + " incident)";
    }
    shown.textContent = text;
  }
  form.addEventListener("change", apply);
  form.addEventListener("submit", function (e) { e.preventDefault(); });
  form.hidden = false;
  apply();
})();
