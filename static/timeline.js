// Timeline filters: shows the year page's filter form and hides the rows whose actors,
// locations or status do not match. Rows carry space-separated slugs in data- attributes.
// Without JavaScript the form stays hidden and every row stays visible.
(function () {
  "use strict";
  var form = document.querySelector("form.tl-filter");
  if (!form) return;
  var rows = Array.prototype.slice.call(document.querySelectorAll(".tl-item"));
  var shown = form.querySelector(".tl-shown");
  function has(list, value) {
    return value === "" || (" " + list + " ").indexOf(" " + value + " ") >= 0;
  }
  function apply() {
    var a = form.elements.actors.value;
    var l = form.elements.locations.value;
    var s = form.elements.status.value;
    var count = 0;
    rows.forEach(function (row) {
      var ok = has(row.dataset.actors || "", a) &&
        has(row.dataset.locations || "", l) &&
        (s === "" || (row.dataset.status || "") === s);
      row.hidden = !ok;
      if (ok) count += 1;
    });
    document.querySelectorAll(".tl-month").forEach(function (month) {
      month.hidden = !month.querySelector(".tl-item:not([hidden])");
    });
    if (shown) shown.textContent = count + " of " + rows.length + " shown";
  }
  form.addEventListener("change", apply);
  form.addEventListener("submit", function (e) { e.preventDefault(); });
  form.hidden = false;
})();
