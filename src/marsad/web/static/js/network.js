// The alliance network at a date, made to be read: region first (Central Asia, the
// organizations its states belong to and the states acting with them), or one
// organization and its members, or the whole world. States stand at their capitals (far
// ones pulled onto a ring around the region), organizations on a fixed ring by their id, so
// that no node moves when the year changes. Labels are names in the page's language; a
// state's size is its events, an organization's its members; an interaction edge's width
// is its events (all kinds of a pair in one line), its colour the kind with most. A click opens the entity. The tables under the graph
// list the same edges as text (for reading and for assistive tools).
"use strict";
(function () {
  const box = document.getElementById("network");
  if (!box) return;
  const slider = document.getElementById("network-date");
  const output = document.getElementById("network-year");
  const years = document.getElementById("network-years");
  const scope = document.getElementById("network-scope");
  const orgSelect = document.getElementById("network-org");
  const play = document.getElementById("network-play");
  const status = document.getElementById("network-status");
  const arabic = box.dataset.lang === "ar";
  const region = new Set(JSON.parse(box.dataset.region || "[]"));
  const words = JSON.parse(box.dataset.words || "{}");
  const kinds = JSON.parse(box.dataset.kinds || "{}");
  const LABEL_PX = 12; // labels keep this size on screen at any zoom
  // the region's states spread wide enough that neighbours' discs seldom touch; far states
  // on a ring around them, and organizations on a ring of their own outside that
  const CENTRE = { lon: 66, lat: 42 }, SCALE = 20, RING = 560, ORG_RING = 700, ORG_STAGGER = 70;
  const cy = cytoscape({
    container: box,
    elements: [],
    minZoom: 0.2,
    maxZoom: 6,
    style: [
      { selector: "node", style: { label: "data(label)", "font-size": LABEL_PX, width: "data(size)", height: "data(size)", "background-color": "#1d4e89", color: "#0f172a", "text-valign": "bottom", "text-margin-y": 2, "text-outline-color": "#ffffff", "text-outline-width": 2, "border-width": 1, "border-color": "#ffffff" } },
      { selector: "node.region", style: { "background-color": "#0e7490" } },
      { selector: "node.organization", style: { shape: "round-rectangle", width: "data(size)", height: "data(half)", "background-color": "#f59e0b", "font-weight": "bold", "text-valign": "center", "text-margin-y": 0 } },
      { selector: "edge", style: { width: "data(width)", "curve-style": "bezier", opacity: 0.6, "line-color": "data(colour)" } },
      { selector: "edge.membership", style: { "line-color": "#94a3b8", width: 1.2, opacity: 0.7 } },
      { selector: "edge.partial", style: { "line-style": "dashed" } },
      { selector: "node:active, node:selected", style: { "overlay-opacity": 0.15 } },
      { selector: "node.above", style: { "text-valign": "top", "text-margin-y": -2 } },
      { selector: "node.quiet", style: { "text-opacity": 0 } },
      { selector: "node.quiet.pointed", style: { "text-opacity": 1, "z-index": 10 } },
    ],
    layout: { name: "preset" },
  });
  let request = 0, timer = null;

  function hash(text) {
    let h = 7;
    for (const ch of text) h = (h * 31 + ch.codePointAt(0)) >>> 0;
    return h;
  }
  // where a node stands: the same at every year and in every view
  function position(node) {
    if (node.type === "organization" || node.lat === null || node.lon === null) {
      // outside the states, so that their names do not sit on the region's; two staggered
      // rings, so that two bodies whose angles are close still have room for their names
      const angle = ((hash(node.id) % 360) * Math.PI) / 180, radius = ORG_RING + (hash(node.id + "r") % 2) * ORG_STAGGER;
      return { x: radius * Math.cos(angle), y: radius * Math.sin(angle) * 0.8 };
    }
    let x = (node.lon - CENTRE.lon) * SCALE, y = -(node.lat - CENTRE.lat) * SCALE * 1.25;
    const far = Math.hypot(x, y);
    if (scope.value !== "world" && far > RING) { // far states on a ring around the region
      const pulled = RING + Math.log(far / RING) * 60;
      x = (x / far) * pulled;
      y = (y / far) * pulled;
    }
    return { x, y };
  }

  // the nodes and edges of the view chosen: one organization, the region, or everything
  function chosen(network) {
    const memberships = network.edges.filter((e) => e.kind === "membership");
    const interactions = network.edges.filter((e) => e.kind !== "membership");
    let keep;
    if (orgSelect.value) {
      keep = new Set([orgSelect.value, ...memberships.filter((e) => e.target === orgSelect.value).map((e) => e.source)]);
    } else if (scope.value === "world") {
      keep = new Set(network.nodes.map((n) => n.id));
    } else {
      keep = new Set(region);
      for (const e of memberships) if (region.has(e.source)) keep.add(e.target);
      // states acting with the region's (bodies only through a membership: summits and
      // other gatherings that take part in events would crowd the view)
      const states = new Set(network.nodes.filter((n) => n.type !== "organization").map((n) => n.id));
      for (const e of interactions) {
        if (region.has(e.source) && states.has(e.target)) keep.add(e.target);
        if (region.has(e.target) && states.has(e.source)) keep.add(e.source);
      }
    }
    const edges = network.edges.filter((e) => keep.has(e.source) && keep.has(e.target)
      && (!orgSelect.value || e.kind !== "membership" || e.target === orgSelect.value));
    const present = new Set(edges.flatMap((e) => [e.source, e.target]));
    if (orgSelect.value) present.add(orgSelect.value);
    return { nodes: network.nodes.filter((n) => present.has(n.id)), edges };
  }

  function fillTables(edges, names) {
    const memberships = document.querySelector("#membership-edges tbody");
    const interactions = document.querySelector("#interaction-edges tbody");
    memberships.replaceChildren();
    interactions.replaceChildren();
    const pair = (edge) => {
      const cell = Marsad.el("td");
      cell.append(Marsad.el("a", { href: "/entities/" + encodeURIComponent(edge.source) }, names[edge.source] || edge.source),
        document.createTextNode(arabic ? " ← " : " → "),
        Marsad.el("a", { href: "/entities/" + encodeURIComponent(edge.target) }, names[edge.target] || edge.target));
      return cell;
    };
    for (const edge of edges) {
      if (edge.kind === "membership") {
        const row = Marsad.el("tr", { "data-edge": `${edge.source}-${edge.target}` });
        row.append(pair(edge), Marsad.el("td", {}, (words.statuses || {})[edge.status] || edge.status));
        memberships.append(row);
      } else {
        const row = Marsad.el("tr", { "data-edge": `${edge.source}-${edge.target}-${edge.kind}` });
        row.append(pair(edge), Marsad.el("td", {}, kinds[edge.kind] || edge.kind), Marsad.el("td", { dir: "ltr" }, String(edge.events)));
        interactions.append(row);
      }
    }
  }

  function fillKinds(edges) {
    const list = document.getElementById("network-kinds");
    if (!list) return;
    list.replaceChildren();
    for (const kind of [...new Set(edges.filter((e) => e.kind !== "membership").map((e) => e.kind))].sort()) {
      const item = Marsad.el("span", { class: "kind" });
      const swatch = Marsad.el("span", { class: "swatch" });
      swatch.style.background = Marsad.typeColours[kind] || "#94a3b8";
      item.append(swatch, document.createTextNode(" " + (kinds[kind] || kind) + " "));
      list.append(item);
    }
  }

  async function load(year) {
    const mine = ++request;
    status.textContent = box.dataset.loading;
    status.classList.add("loading");
    box.setAttribute("aria-busy", "true");
    let network;
    try {
      network = await Marsad.getJSON(`/api/network?at=${encodeURIComponent(year)}&years=${encodeURIComponent(years.value || 3)}`);
    } catch (error) {
      status.textContent = error.message;
      status.classList.remove("loading");
      return;
    }
    if (mine !== request) return; // a later year was asked for meanwhile
    const names = {};
    for (const node of network.nodes) names[node.id] = (arabic ? node.name_ar : node.name_en) || node.name_en || node.name_ar || node.id;
    const view = chosen(network);
    const activity = {}, members = {};
    for (const e of view.edges) {
      if (e.kind === "membership") members[e.target] = (members[e.target] || 0) + 1;
      else for (const id of [e.source, e.target]) activity[id] = (activity[id] || 0) + e.events;
    }
    const elements = view.nodes.map((node) => {
      const size = node.type === "organization" ? 26 + 5 * Math.sqrt(members[node.id] || 0) : 12 + 4 * Math.sqrt(activity[node.id] || 0);
      return {
        group: "nodes",
        data: { id: node.id, label: names[node.id], size: Math.min(size, 56), half: Math.min(size, 56) * 0.6, rank: region.has(node.id) ? 2 : node.type === "organization" ? 1 : 0 },
        classes: node.type === "organization" ? "organization" : region.has(node.id) ? "region" : "state",
        position: position(node),
      };
    });
    // one line per pair: its width the pair's events, its colour the kind with most of them
    // (the table lists each kind)
    const pairs = {};
    for (const edge of view.edges) {
      if (edge.kind === "membership") continue;
      const pair = (pairs[`${edge.source}|${edge.target}`] = pairs[`${edge.source}|${edge.target}`] || { source: edge.source, target: edge.target, events: 0, top: edge });
      pair.events += edge.events;
      if (edge.events > pair.top.events) pair.top = edge;
    }
    view.edges.filter((e) => e.kind === "membership").forEach((edge, i) => elements.push({
      group: "edges",
      data: { id: `m${i}`, source: edge.source, target: edge.target, width: 1.2, colour: "#94a3b8" },
      classes: "membership" + (["member", "founding-member"].includes(edge.status) ? "" : " partial"),
    }));
    Object.values(pairs).forEach((pair, i) => elements.push({
      group: "edges",
      data: { id: `i${i}`, source: pair.source, target: pair.target, width: Math.min(12, 1 + 1.4 * Math.sqrt(pair.events)), colour: Marsad.typeColours[pair.top.kind] || "#94a3b8" },
      classes: "interaction",
    }));
    cy.batch(() => { cy.elements().remove(); cy.add(elements); });
    cy.fit(undefined, 30);
    keepLabels();
    // the names' size follows the zoom the fit chose, so fit once more with the names measured
    // in that size: a long name at the edge is then inside the frame
    requestAnimationFrame(() => { cy.fit(undefined, 30); keepLabels(); });
    fillTables(view.edges, names);
    fillKinds(view.edges);
    output.textContent = year;
    slider.setAttribute("aria-valuenow", year);
    status.textContent = "";
    status.classList.remove("loading");
    box.removeAttribute("aria-busy");
    box.dataset.year = year;
    box.dataset.nodes = String(view.nodes.length);
    const url = new URL(window.location);
    url.searchParams.set("at", year);
    url.searchParams.set("scope", scope.value);
    if (orgSelect.value) url.searchParams.set("org", orgSelect.value); else url.searchParams.delete("org");
    window.history.replaceState(null, "", url);
  }

  function keepLabels() {
    cy.style().selector("node").style({ "font-size": LABEL_PX / cy.zoom(), "text-outline-width": 2 / cy.zoom() }).update();
    // the renderer measures a label in its new size when it next draws: declutter after that
    const asked = ++declutterAsked;
    requestAnimationFrame(() => requestAnimationFrame(() => { if (asked === declutterAsked) declutter(); }));
  }
  let declutterAsked = 0;
  // a name drawn over another can be read as neither: the region's states are named first,
  // then the organizations, then the other states, the busiest first; a name that would cover
  // one already drawn waits for the pointer (or a closer zoom)
  function labelBox(node) {
    node.updateStyle(); // a class just changed: measure the label where it is drawn now
    return node.boundingBox({ includeNodes: false, includeEdges: false, includeLabels: true });
  }
  function declutter() {
    const drawn = [];
    const overlaps = (a, b) => a.x1 < b.x2 && b.x1 < a.x2 && a.y1 < b.y2 && b.y1 < a.y2;
    const nodes = cy.nodes().toArray().sort((a, b) => b.data("rank") - a.data("rank") || b.data("size") - a.data("size") || (a.id() < b.id() ? -1 : 1));
    // not in a batch: a name moved above its node must be measured where it now stands
    for (const node of nodes) {
      node.removeClass("quiet above");
      let label = labelBox(node);
      if (drawn.some((other) => overlaps(label, other))) {
        node.addClass("above"); // the other side of its node may be free
        label = labelBox(node);
      }
      if (drawn.some((other) => overlaps(label, other))) {
        node.removeClass("above").addClass("quiet");
      } else {
        drawn.push(label);
      }
    }
    box.dataset.quiet = String(cy.nodes(".quiet").length);
    box.dataset.labelled = box.dataset.year || "";
  }
  cy.on("zoom", keepLabels);
  // a name is measured in the font it is drawn in: once the page's fonts have come, measure again
  if (document.fonts) document.fonts.ready.then(() => { cy.style().update(); keepLabels(); });
  cy.on("tap", "node", (event) => { window.location.href = "/entities/" + encodeURIComponent(event.target.id()); });
  cy.on("mouseover", "node", (event) => { box.style.cursor = "pointer"; event.target.addClass("pointed"); });
  cy.on("mouseout", "node", (event) => { box.style.cursor = ""; event.target.removeClass("pointed"); });
  slider.addEventListener("input", () => { output.textContent = slider.value; load(slider.value); });
  years.addEventListener("change", () => load(slider.value));
  scope.addEventListener("change", () => load(slider.value));
  orgSelect.addEventListener("change", () => load(slider.value));
  play.addEventListener("click", () => {
    if (timer) { clearInterval(timer); timer = null; play.textContent = play.dataset.play; return; }
    play.textContent = play.dataset.pause;
    timer = setInterval(() => {
      if (Number(slider.value) >= Number(slider.max)) { clearInterval(timer); timer = null; play.textContent = play.dataset.play; return; }
      slider.value = String(Number(slider.value) + 1);
      slider.dispatchEvent(new Event("input"));
    }, 1200);
  });
  load(slider.value);
})();
