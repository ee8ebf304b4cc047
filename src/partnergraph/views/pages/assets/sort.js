// Sortable result tables: click a column heading to sort by it (again to reverse).
// No dependencies; the table keeps working without this script.
(function () {
  "use strict";
  function key(cell) {
    var value = cell.getAttribute("data-sort");
    return value === null ? cell.textContent.trim().toLowerCase() : value;
  }
  function sort(table, column, button) {
    var th = button.closest("th");
    var ascending = th.getAttribute("aria-sort") !== "ascending";
    table.querySelectorAll("th").forEach(function (other) { other.removeAttribute("aria-sort"); });
    th.setAttribute("aria-sort", ascending ? "ascending" : "descending");
    var body = table.tBodies[0];
    var rows = Array.prototype.slice.call(body.rows);
    var collator = new Intl.Collator(document.documentElement.lang || undefined, {numeric: true, sensitivity: "base"});
    rows.sort(function (a, b) {
      var x = key(a.cells[column]);
      var y = key(b.cells[column]);
      var order = collator.compare(x, y);
      return ascending ? order : -order;
    });
    rows.forEach(function (row) { body.appendChild(row); });
  }
  document.querySelectorAll("table.sortable").forEach(function (table) {
    table.querySelectorAll("button.sort").forEach(function (button) {
      button.addEventListener("click", function () {
        sort(table, Number(button.getAttribute("data-col")), button);
      });
    });
  });
})();
