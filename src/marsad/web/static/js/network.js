// The alliance network at a date: states at their capitals' coordinates, organizations at the
// middle of their members; membership edges and interaction edges (joint exercises,
// meetings, clashes, aid, sanctions…) from the API. The slider replays the years; the two
// tables under the graph list the same edges as text (for reading and for assistive tools).
"use strict";
(function () {
  const box = document.getElementById("network");
  if (!box) return;
  const slider = document.getElementById("network-date");
  const output = document.getElementById("network-year");
  const years = document.getElementById("network-years");
  const play = document.getElementById("network-play");
  const status = document.getElementById("network-status");
  const arabic = box.dataset.lang === "ar";
  const cy = cytoscape({
    container: box,
    elements: [],
    style: [
      { selector: "node", style: { label: "data(label)", "font-size": 9, width: 10, height: 10, "background-color": "#1d4e89", color: "#123" } },
      { selector: "node.organization", style: { shape: "round-rectangle", width: 22, height: 14, "background-color": "#f59e0b", "font-weight": "bold" } },
      { selector: "edge", style: { width: "mapData(weight, 0, 6, 1, 6)", "curve-style": "bezier", opacity: 0.55, "line-color": "data(colour)" } },
      { selector: "edge.membership", style: { "line-style": "solid", "line-color": "#94a3b8", width: 1.2, opacity: 0.7 } },
    ],
    layout: { name: "preset" },
  });
  let request = 0, timer = null;

  function position(node, members) {
    if (node.lat !== null && node.lon !== null) return { x: node.lon * 12, y: -node.lat * 14 };
    if (members.length) {
      const xs = members.map((m) => m.x), ys = members.map((m) => m.y);
      return { x: xs.reduce((a, b) => a + b, 0) / xs.length, y: ys.reduce((a, b) => a + b, 0) / ys.length - 40 };
    }
    return { x: 0, y: 0 };
  }

  function fillTables(edges, names) {
    const memberships = document.querySelector("#membership-edges tbody");
    const interactions = document.querySelector("#interaction-edges tbody");
    memberships.replaceChildren();
    interactions.replaceChildren();
    for (const edge of edges) {
      const pair = `${names[edge.source] || edge.source} → ${names[edge.target] || edge.target}`;
      if (edge.kind === "membership") {
        const row = Marsad.el("tr", { "data-edge": `${edge.source}-${edge.target}` });
        row.append(Marsad.el("td", {}, pair), Marsad.el("td", {}, edge.status));
        memberships.append(row);
      } else {
        const row = Marsad.el("tr", { "data-edge": `${edge.source}-${edge.target}-${edge.kind}` });
        row.append(Marsad.el("td", {}, pair), Marsad.el("td", {}, edge.kind), Marsad.el("td", { dir: "ltr" }, String(edge.weight)));
        interactions.append(row);
      }
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
    const byId = {};
    for (const node of network.nodes) {
      names[node.id] = (arabic ? node.name_ar : node.name_en) || node.name_en || node.id;
      byId[node.id] = node;
    }
    const placed = {};
    for (const node of network.nodes) if (node.type !== "organization" && node.lat !== null) placed[node.id] = position(node, []);
    for (const node of network.nodes) {
      if (placed[node.id]) continue;
      const members = network.edges.filter((e) => e.kind === "membership" && e.target === node.id && placed[e.source]).map((e) => placed[e.source]);
      placed[node.id] = position(node, members);
    }
    const elements = network.nodes.map((node) => ({
      group: "nodes",
      data: { id: node.id, label: node.id },
      classes: node.type,
      position: placed[node.id],
    }));
    network.edges.forEach((edge, i) => elements.push({
      group: "edges",
      data: { id: `e${i}`, source: edge.source, target: edge.target, weight: edge.weight, colour: Marsad.typeColours[edge.kind] || "#94a3b8" },
      classes: edge.kind === "membership" ? "membership" : "interaction",
    }));
    cy.batch(() => { cy.elements().remove(); cy.add(elements); });
    cy.fit(undefined, 20);
    fillTables(network.edges, names);
    output.textContent = year;
    slider.setAttribute("aria-valuenow", year);
    status.textContent = "";
    status.classList.remove("loading");
    box.removeAttribute("aria-busy");
    box.dataset.year = year;
    const url = new URL(window.location);
    url.searchParams.set("at", year);
    window.history.replaceState(null, "", url);
  }

  slider.addEventListener("input", () => { output.textContent = slider.value; load(slider.value); });
  years.addEventListener("change", () => load(slider.value));
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
