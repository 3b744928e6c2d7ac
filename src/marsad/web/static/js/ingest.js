// The ingest page: send a pasted or uploaded article to POST /api/ingest with the token,
// then show what happened (as text) and a link to the stored document.
"use strict";
(function () {
  const form = document.getElementById("ingest-form");
  if (!form) return;
  const result = document.getElementById("ingest-result");
  const fileInput = document.getElementById("ingest-file");
  const textArea = document.getElementById("ingest-text");
  fileInput.addEventListener("change", async () => {
    const file = fileInput.files[0];
    if (file) {
      textArea.value = await file.text();
      const id = document.getElementById("ingest-id");
      if (!id.value) id.value = file.name.replace(/\.[^.]+$/, "").replace(/[^A-Za-z0-9_.:-]/g, "-");
    }
  });
  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    const body = {
      id: document.getElementById("ingest-id").value.trim(),
      text: textArea.value,
    };
    for (const key of ["title", "published"]) {
      const value = document.getElementById("ingest-" + key).value.trim();
      if (value) body[key] = value;
    }
    result.replaceChildren(Marsad.el("p", { class: "loading" }, form.dataset.loading));
    let response, answer;
    try {
      response = await fetch("/api/ingest", {
        method: "POST",
        headers: { "Content-Type": "application/json", Authorization: "Bearer " + document.getElementById("ingest-token").value },
        body: JSON.stringify(body),
      });
      answer = await response.json();
    } catch (error) {
      result.replaceChildren(Marsad.el("p", { class: "error", role: "alert" }, form.dataset.failed + " " + error.message));
      return;
    }
    if (!response.ok || (answer.problems && answer.problems.length)) {
      const message = answer.error ? answer.error.message : answer.problems.map((p) => `${p.where}: ${p.reason}`).join("; ");
      result.replaceChildren(Marsad.el("p", { class: "error", role: "alert" }, form.dataset.failed + " " + message));
      return;
    }
    const done = Marsad.el("p", { class: "done" }, `${form.dataset.done} ${body.id} (${JSON.stringify(answer.outcomes)}) `);
    done.append(Marsad.el("a", { href: "/documents/" + encodeURIComponent(body.id), id: "ingest-open" }, form.dataset.open));
    result.replaceChildren(done);
  });
})();
