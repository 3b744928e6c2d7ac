// Shared by Marsad's pages: colours of event types and safe DOM building (text only,
// never HTML from data).
"use strict";
// The vocabulary's data, embedded by the page (base.html) as a JSON data block: the
// event types and their colours are written once, in marsad/vocabulary.yaml.
const vocabularyBlock = document.getElementById("marsad-vocabulary");
const vocabulary = vocabularyBlock ? JSON.parse(vocabularyBlock.textContent) : { colours: {} };
window.Marsad = {
  typeColours: vocabulary.colours,
  el(tag, attrs, text) {
    const node = document.createElement(tag);
    for (const [key, value] of Object.entries(attrs || {})) node.setAttribute(key, value);
    if (text !== undefined) node.textContent = text;
    return node;
  },
  // The page's own filters, as API parameters.
  apiParams(query, extra) {
    const params = new URLSearchParams(query || "");
    params.delete("lang");
    params.delete("page");
    for (const [key, value] of Object.entries(extra || {})) params.set(key, value);
    for (const key of [...params.keys()]) if (!params.get(key)) params.delete(key);
    return params;
  },
  async getJSON(url) {
    const response = await fetch(url, { headers: { Accept: "application/json" } });
    const body = await response.json();
    if (!response.ok) throw new Error(body && body.error ? body.error.message : response.statusText);
    return body;
  },
  // Event clusters of the API, every page of them up to `most`.
  async allEvents(params, most) {
    const items = [];
    let offset = 0;
    while (items.length < most) {
      params.set("limit", "1000");
      params.set("offset", String(offset));
      const page = await Marsad.getJSON("/api/events?" + params.toString());
      items.push(...page.items);
      offset += page.items.length;
      if (!page.items.length || offset >= page.total) break;
    }
    return items;
  },
};
// The language switch keeps where the reader is: the page's address carries its query (the
// server writes it), and the #anchor, which never reaches the server, is added here.
(function () {
  const link = document.getElementById("lang-switch");
  if (!link) return;
  const keepAnchor = () => {
    const url = new URL(link.href, location.href);
    url.hash = location.hash;
    link.href = url.toString();
  };
  link.addEventListener("click", keepAnchor);
  link.addEventListener("focus", keepAnchor);
})();
