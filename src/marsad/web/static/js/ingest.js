// The ingest page: send a pasted or uploaded article to POST /api/ingest with the token,
// then say what happened in the page's language and link to the stored document. Each field
// is checked first, its problem shown next to it (the browser's own messages say neither
// what is wrong nor in which language).
"use strict";
(function () {
  const form = document.getElementById("ingest-form");
  if (!form) return;
  const words = JSON.parse(form.dataset.messages || "{}");
  const result = document.getElementById("ingest-result");
  const fileInput = document.getElementById("ingest-file");
  const textArea = document.getElementById("ingest-text");
  const field = (name) => document.getElementById("ingest-" + name);
  const ID = /^[A-Za-z0-9_.:\/-]+$/;
  const DATE = /^\d{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12]\d|3[01]))?)?$/;
  fileInput.addEventListener("change", async () => {
    const file = fileInput.files[0];
    if (file) {
      textArea.value = await file.text();
      if (!field("id").value) field("id").value = file.name.replace(/\.[^.]+$/, "").replace(/[^A-Za-z0-9_.:-]/g, "-");
    }
  });
  function problem(name, message) {
    const input = field(name);
    document.getElementById(`ingest-${name}-problem`).textContent = message || "";
    if (message) input.setAttribute("aria-invalid", "true");
    else input.removeAttribute("aria-invalid");
    return message ? name : null;
  }
  function check() {
    const id = field("id").value.trim(), published = field("published").value.trim();
    const wrong = [
      problem("token", field("token").value ? "" : words.required),
      problem("id", !id ? words.required : ID.test(id) ? "" : words.doc_id),
      problem("published", !published || DATE.test(published) ? "" : words.date),
      problem("text", textArea.value.trim() ? "" : words.required),
    ].filter(Boolean);
    if (wrong.length) field(wrong[0]).focus();
    return !wrong.length;
  }
  function failed(message) {
    result.replaceChildren(Marsad.el("p", { class: "error", role: "alert" }, words.failed + " " + message));
  }
  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    if (!check()) return;
    const body = { id: field("id").value.trim(), text: textArea.value };
    for (const key of ["title", "published"]) {
      const value = field(key).value.trim();
      if (value) body[key] = value;
    }
    result.replaceChildren(Marsad.el("p", { class: "loading" }, words.loading));
    let response, answer;
    try {
      response = await fetch("/api/ingest", {
        method: "POST",
        headers: { "Content-Type": "application/json", Authorization: "Bearer " + field("token").value },
        body: JSON.stringify(body),
      });
      answer = await response.json();
    } catch (error) {
      failed(words.network);
      return;
    }
    if (!response.ok) {
      // the page's words for the status; the server's own message (English) stays in the tooltip
      const shown = Marsad.el("p", { class: "error", role: "alert", title: answer.error ? answer.error.message : "" },
        words.failed + " " + (words[String(response.status)] || words["400"]));
      result.replaceChildren(shown);
      return;
    }
    if (answer.problems && answer.problems.length) {
      failed(answer.problems.map((p) => `${p.where}: ${p.reason}`).join("; "));
      return;
    }
    const outcomes = Object.entries(answer.outcomes || {}).filter(([, n]) => n).map(([name, n]) => `${words[name] || name} ${n}`);
    const done = Marsad.el("p", { class: "done" });
    done.append(document.createTextNode(words.done + " "), Marsad.el("bdi", { dir: "ltr" }, body.id),
      document.createTextNode(` (${outcomes.join(" · ")}) `));
    done.append(Marsad.el("a", { href: "/documents/" + encodeURIComponent(body.id), id: "ingest-open" }, words.open));
    result.replaceChildren(done);
  });
})();
