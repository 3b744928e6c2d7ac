// Shared by Marsad's pages: colours of event types and safe DOM building (text only,
// never HTML from data).
"use strict";
window.Marsad = {
  typeColours: {
    MEETING: "#2563eb", EXERCISE: "#16a34a", DEPLOYMENT: "#0d9488", RETREAT: "#64748b",
    CLASH: "#dc2626", CEASEFIRE: "#a3a3a3", AGREEMENT: "#7c3aed", JOIN: "#0891b2",
    LEAVE: "#9a3412", SANCTION: "#b91c1c", AID: "#ca8a04", PROTEST: "#db2777",
    ARREST: "#475569", STATEMENT: "#6366f1", REJECT: "#ea580c", ACCUSE: "#be123c",
  },
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
