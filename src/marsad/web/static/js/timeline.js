// The events page's timeline: one dot per event at its date, coloured by type; each dot is a
// link (keyboard-reachable) to the event and its sources. Drag or wheel to zoom in time.
"use strict";
(async function () {
  const box = document.getElementById("timeline");
  if (!box) return;
  const types = JSON.parse(box.dataset.types || "{}");
  let events;
  try {
    events = await Marsad.allEvents(Marsad.apiParams(box.dataset.query), Number(box.dataset.most) || 5000);
  } catch (error) {
    box.replaceChildren(Marsad.el("p", { class: "error", role: "alert" }, error.message));
    return;
  }
  const parse = (d) => new Date(d.length === 4 ? d + "-07-01" : d.length === 7 ? d + "-15" : d);
  const dated = events.filter((e) => e.date);
  box.replaceChildren();
  if (!dated.length) {
    box.append(Marsad.el("p", { class: "empty" }, "—"));
    return;
  }
  const width = Math.max(320, box.clientWidth || 900), height = 200, margin = 28;
  const x = d3.scaleTime().domain(d3.extent(dated, (e) => parse(e.date))).nice().range([margin, width - margin]);
  const typeList = Object.keys(types);
  const y = (e) => margin + ((typeList.indexOf(e.type) + 0.5) / typeList.length) * (height - 2 * margin);
  const svg = d3.select(box).append("svg").attr("viewBox", `0 0 ${width} ${height}`).attr("class", "timeline-svg")
    .attr("role", "group").attr("aria-label", box.previousElementSibling ? box.previousElementSibling.textContent : "");
  const axis = svg.append("g").attr("transform", `translate(0,${height - margin})`);
  const dots = svg.append("g");
  const links = dots.selectAll("a").data(dated).join("a")
    .attr("href", (e) => "/events/" + encodeURIComponent(e.cluster_id))
    .attr("class", "timeline-event");
  links.append("title").text((e) => `${types[e.type] || e.type} · ${e.date} · ${e.actors.join(", ")}`);
  const circles = links.append("circle").attr("r", 6).attr("cy", y)
    .attr("fill", (e) => Marsad.typeColours[e.type] || "#333").attr("class", (e) => "dot type-" + e.type);
  function draw(scale) {
    axis.call(d3.axisBottom(scale).ticks(Math.max(2, Math.floor(width / 110))));
    circles.attr("cx", (e) => scale(parse(e.date)));
  }
  draw(x);
  svg.call(d3.zoom().scaleExtent([1, 200]).translateExtent([[0, 0], [width, height]])
    .on("zoom", (event) => draw(event.transform.rescaleX(x))));
  box.dataset.ready = String(dated.length);
})();
