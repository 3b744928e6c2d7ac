// The review forms of the event, entity and document pages: confirm, reject or correct one
// fact, or merge or promote a provisional entity, with POST /api/reviews (the token as the
// ingest form sends it), then open the page again to show
// the fact's new standing. The reviewer's name is remembered in this browser; the token is
// only copied to the page's other review forms, never stored.
"use strict";
(function () {
  const forms = document.querySelectorAll("form.review-form");
  if (!forms.length) return;
  const holder = document.getElementById("review-messages");
  const words = JSON.parse((holder && holder.dataset.messages) || "{}");
  const REVIEWER = "marsad.reviewer";
  const DATE = /^\d{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12]\d|3[01]))?)?$/;
  const FIELDS = {
    event: ["actors", "date", "type"],
    membership: ["status", "since", "until"],
    figure: ["value", "unit", "actor"],
    claim: ["speaker", "date"],
    mention: ["entity"],
  };
  const DATES = new Set(["date", "since", "until"]);
  const NUMBERS = new Set(["value"]);
  let remembered = "";
  try {
    remembered = window.localStorage.getItem(REVIEWER) || "";
  } catch (error) {
    remembered = "";
  }
  for (const form of forms) {
    const reviewer = form.querySelector("[name=reviewer]");
    if (!reviewer.value) reviewer.value = remembered;
    form.querySelector("[name=token]").addEventListener("input", (event) => {
      for (const other of document.querySelectorAll("form.review-form [name=token]")) {
        if (other !== event.target) other.value = event.target.value;
      }
    });
    form.addEventListener("submit", (event) => {
      event.preventDefault();
      send(form, event.submitter ? event.submitter.value : "confirm");
    });
  }
  function say(form, message, failed) {
    const result = form.querySelector(".review-result");
    result.textContent = message;
    result.className = "review-result" + (failed ? " error" : "");
    if (failed) result.setAttribute("role", "alert");
  }
  function changes(form) {
    const set = {};
    for (const name of FIELDS[form.dataset.kind] || []) {
      const value = form.querySelector(`[name=${name}]`).value.trim();
      if (!value) continue;
      if (DATES.has(name) && !DATE.test(value)) return { problem: words.date, field: name };
      if (NUMBERS.has(name)) {
        const number = Number(value.replace(/[,،\s]/g, ""));
        if (!Number.isFinite(number)) return { problem: words.number, field: name };
        set[name] = number;
        continue;
      }
      set[name] = name === "actors" ? value.split(/[,،]/).map((item) => item.trim()).filter(Boolean) : value;
    }
    return Object.keys(set).length ? { set } : { problem: words.nothing };
  }
  // a provisional entity merged into a known one: its id or name
  function merging(form) {
    const into = form.querySelector("[name=into]").value.trim();
    return into ? { body: { into } } : { problem: words.required, field: "into" };
  }
  // ... or promoted: the entry's id and names, its state, a person's office since a date
  function promotion(form) {
    const entry = {};
    for (const name of ["id", "name_en", "name_ar", "name_ru", "country"]) {
      const value = form.querySelector(`[name=${name}]`).value.trim();
      if (value) entry[name] = value;
      else if (name === "id" || name === "name_en") return { problem: words.required, field: name };
    }
    const office = form.querySelector("[name=office]");
    if (office && office.value) {
      const start = form.querySelector("[name=start]").value.trim();
      if (!DATE.test(start)) return { problem: words.date, field: "start" };
      const role = { office: office.value, start, end: "" };
      if (entry.country) role.state = entry.country;
      entry.roles = [role];
    }
    return { body: { entry } };
  }
  async function send(form, action) {
    const value = (name) => form.querySelector(`[name=${name}]`).value.trim();
    for (const name of ["reviewer", "token"]) {
      if (!value(name)) {
        form.querySelector(`[name=${name}]`).focus();
        say(form, words.required, true);
        return;
      }
    }
    const body = { action, kind: form.dataset.kind, fact_id: form.dataset.fact, reason: value("reason"), reviewer: value("reviewer") };
    if (action === "merge" || action === "promote") {
      const asked = action === "merge" ? merging(form) : promotion(form);
      if (asked.field) {
        form.querySelector(`[name=${asked.field}]`).focus();
        say(form, asked.problem, true);
        return;
      }
      Object.assign(body, asked.body);
    }
    if (action === "correct") {
      const asked = changes(form);
      if (asked.problem) {
        if (asked.field) form.querySelector(`[name=${asked.field}]`).focus();
        say(form, asked.problem, true);
        return;
      }
      body.set = asked.set;
    }
    say(form, words.loading, false);
    let response, answer;
    try {
      response = await fetch("/api/reviews", {
        method: "POST",
        headers: { "Content-Type": "application/json", Authorization: "Bearer " + value("token") },
        body: JSON.stringify(body),
      });
      answer = await response.json();
    } catch (error) {
      say(form, words.failed + " " + words.network, true);
      return;
    }
    if (!response.ok) {
      say(form, words.failed + " " + (words[String(response.status)] || words["400"]), true);
      form.querySelector(".review-result").title = answer && answer.error ? answer.error.message : "";
      return;
    }
    try {
      window.localStorage.setItem(REVIEWER, body.reviewer);
    } catch (error) {
      // a browser that keeps nothing: the name is asked again next time
    }
    if (action === "merge" || action === "promote") {
      // the provisional entity is no more: the page of the entity it is now
      window.location.assign("/entities/" + encodeURIComponent(answer.after.entity));
      return;
    }
    const url = new URL(window.location.href);
    if (action === "reject" && form.dataset.last === "1") {
      url.searchParams.set("rejected", "1"); // the event's only report: without it the event is gone
      window.location.assign(url.toString());
    } else {
      window.location.reload();
    }
  }
})();
