// The document view: bring the event asked for (?event=…) into view.
"use strict";
(function () {
  const focused = document.querySelector(".ev.focus");
  if (focused) focused.scrollIntoView({ block: "center" });
})();
