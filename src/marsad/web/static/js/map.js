// Events on a world map drawn from the bundled boundaries (world-atlas, Natural Earth 1:50m):
// no tile server. Each event is a dot coloured by type, a link to the event.
"use strict";
(async function () {
  const box = document.getElementById("map");
  if (!box) return;
  const types = JSON.parse(box.dataset.types || "{}");
  let world, events;
  try {
    [world, events] = await Promise.all([
      fetch("/static/vendor/world-atlas/countries-50m.json").then((r) => r.json()),
      Marsad.getJSON("/api/export/geojson?" + Marsad.apiParams(box.dataset.query).toString()),
    ]);
  } catch (error) {
    box.replaceChildren(Marsad.el("p", { class: "error", role: "alert" }, error.message));
    return;
  }
  box.replaceChildren();
  const width = Math.max(320, box.clientWidth || 960), height = Math.round(width * 0.55);
  const countries = topojson.feature(world, world.objects.countries);
  const projection = d3.geoNaturalEarth1().fitSize([width, height], { type: "Sphere" });
  const path = d3.geoPath(projection);
  const svg = d3.select(box).append("svg").attr("viewBox", `0 0 ${width} ${height}`).attr("class", "map-svg").attr("role", "group");
  const layer = svg.append("g");
  layer.append("path").attr("d", path({ type: "Sphere" })).attr("class", "sphere");
  layer.append("g").selectAll("path").data(countries.features).join("path").attr("d", path).attr("class", "country")
    .append("title").text((f) => f.properties.name);
  const features = events.features || [];
  const links = layer.append("g").selectAll("a").data(features).join("a")
    .attr("href", (f) => "/events/" + encodeURIComponent(f.properties.cluster_id || f.properties.event_id || ""))
    .attr("class", "map-event");
  links.append("title").text((f) => `${types[f.properties.type] || f.properties.type} · ${f.properties.date || ""} · ${(f.properties.actors || []).join(", ")}`);
  links.append("circle").attr("r", 4).attr("class", (f) => "dot type-" + f.properties.type)
    .attr("fill", (f) => Marsad.typeColours[f.properties.type] || "#333")
    .attr("transform", (f) => `translate(${projection(f.geometry.coordinates)})`);
  svg.call(d3.zoom().scaleExtent([1, 12]).on("zoom", (event) => layer.attr("transform", event.transform)));
  const legend = document.getElementById("map-legend");
  const present = [...new Set(features.map((f) => f.properties.type))].sort();
  for (const type of present) {
    const item = Marsad.el("li");
    item.append(Marsad.el("span", { class: "swatch type-" + type }), document.createTextNode(" " + (types[type] || type)));
    legend.append(item);
  }
  box.dataset.ready = String(features.length);
})();
