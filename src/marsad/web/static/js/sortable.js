// Tables with class "sortable": a click (or Enter) on a column's header orders the rows by it,
// again for the other way; a cell's data-sort, when it has one, is what is compared (dates,
// numbers), else its text. The header says the order to assistive tools (aria-sort).
"use strict";
(function () {
  const collator = new Intl.Collator(document.documentElement.lang || undefined, { numeric: true, sensitivity: "base" });
  const key = (row, index) => {
    const cell = row.cells[index];
    return cell ? (cell.dataset.sort !== undefined ? cell.dataset.sort : cell.textContent.trim()) : "";
  };
  for (const table of document.querySelectorAll("table.sortable")) {
    const headers = [...table.tHead.rows[0].cells];
    headers.forEach((th, index) => {
      const button = Marsad.el("button", { type: "button", class: "sort-button" }, th.textContent.trim());
      th.replaceChildren(button);
      button.addEventListener("click", () => {
        const ascending = th.getAttribute("aria-sort") !== "ascending";
        for (const other of headers) other.removeAttribute("aria-sort");
        th.setAttribute("aria-sort", ascending ? "ascending" : "descending");
        for (const body of table.tBodies) {
          const rows = [...body.rows];
          rows.sort((a, b) => collator.compare(key(a, index), key(b, index)) * (ascending ? 1 : -1));
          body.append(...rows);
        }
      });
    });
  }
})();
