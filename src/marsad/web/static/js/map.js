// Events on a world map drawn from the bundled boundaries (world-atlas, Natural Earth 1:50m):
// no tile server. The page embeds the events grouped by position (one SQL aggregate): a
// place's own coordinates (a full dot), else its state's centre (a hollow dot: approximate).
// A dot's number is its events; the dot is a link to their list. Dots keep their size on zoom.
"use strict";
(async function () {
  const box = document.getElementById("map");
  if (!box) return;
  const data = JSON.parse(box.dataset.map || "{}");
  const words = data.words || {};
  // the reference's English names that Natural Earth writes otherwise (historical states at
  // their successor's boundaries)
  const ATLAS_NAMES = {
    "United States": "United States of America", "Bosnia and Herzegovina": "Bosnia and Herz.",
    "Central African Republic": "Central African Rep.", "DR Congo": "Dem. Rep. Congo", "Republic of the Congo": "Congo",
    "Cape Verde": "Cabo Verde", "Dominican Republic": "Dominican Rep.", "Equatorial Guinea": "Eq. Guinea",
    "Saint Kitts and Nevis": "St. Kitts and Nevis", "Marshall Islands": "Marshall Is.", "North Macedonia": "Macedonia",
    "Solomon Islands": "Solomon Is.", "South Sudan": "S. Sudan", "São Tomé and Príncipe": "São Tomé and Principe",
    "Eswatini": "eSwatini", "Vatican City": "Vatican", "Saint Vincent and the Grenadines": "St. Vin. and Gren.",
    "Antigua and Barbuda": "Antigua and Barb.", "Soviet Union": "Russia", "Yugoslavia": "Serbia",
    "Czechoslovakia": "Czechia", "East Germany": "Germany",
  };
  let world;
  try {
    world = await fetch("/static/vendor/world-atlas/countries-50m.json").then((r) => r.json());
  } catch (error) {
    box.replaceChildren(Marsad.el("p", { class: "error", role: "alert" }, error.message));
    return;
  }
  box.replaceChildren();
  const width = Math.max(320, box.clientWidth || 960), height = Math.round(width * 0.55);
  const countries = topojson.feature(world, world.objects.countries);
  const byName = {};
  for (const feature of countries.features) byName[feature.properties.name] = feature;
  const localName = {};
  // a state's own name first; a historical state's never replaces its successor's
  for (const [english, shown] of Object.entries(data.states || {})) if (byName[english]) localName[english] = shown;
  for (const [english, shown] of Object.entries(data.states || {})) {
    const atlas = ATLAS_NAMES[english];
    if (atlas && !localName[atlas]) localName[atlas] = shown;
  }
  // a state's centre: the centroid of its largest polygon (France's is in Europe, not Guiana)
  function centre(nameEn) {
    const feature = byName[ATLAS_NAMES[nameEn] || nameEn];
    if (!feature) return null;
    let shape = feature.geometry;
    if (shape.type === "MultiPolygon") {
      const polygons = shape.coordinates.map((c) => ({ type: "Polygon", coordinates: c }));
      shape = polygons.reduce((a, b) => (d3.geoArea(a) >= d3.geoArea(b) ? a : b));
    }
    return d3.geoCentroid(shape);
  }
  const projection = d3.geoNaturalEarth1().fitSize([width, height], { type: "Sphere" });
  const path = d3.geoPath(projection);
  const svg = d3.select(box).append("svg").attr("viewBox", `0 0 ${width} ${height}`).attr("class", "map-svg").attr("role", "group");
  const layer = svg.append("g");
  layer.append("path").attr("d", path({ type: "Sphere" })).attr("class", "sphere");
  layer.append("g").selectAll("path").data(countries.features).join("path").attr("d", path).attr("class", "country")
    .append("title").text((f) => localName[f.properties.name] || f.properties.name);
  const groups = [];
  for (const group of data.groups || []) {
    const lonlat = group.lat !== null && group.lon !== null ? [group.lon, group.lat] : centre(group.name_en);
    if (lonlat) groups.push({ ...group, point: projection(lonlat) });
  }
  // the biggest drawn first, so that a small group on top of a big one stays clickable
  groups.sort((a, b) => b.total - a.total);
  const base = new URLSearchParams(data.base || "");
  const radius = (g) => Math.min(24, 5 + 2.2 * Math.sqrt(g.total));
  const main = (g) => Object.entries(g.types).sort((a, b) => b[1] - a[1])[0][0];
  const dots = svg.append("g").attr("class", "map-dots");
  const links = dots.selectAll("a").data(groups).join("a")
    .attr("href", (g) => { const p = new URLSearchParams(base); p.set("at", g.key); return "/events?" + p.toString(); })
    .attr("class", (g) => "map-event" + (g.approximate ? " approximate" : ""))
    .attr("data-key", (g) => g.key).attr("data-count", (g) => g.total);
  const describe = (g) => {
    const types = Object.entries(g.types).sort((a, b) => b[1] - a[1]).slice(0, 4)
      .map(([t, n]) => `${(data.types || {})[t] || t} ${n}`).join(" · ");
    const how = g.approximate ? (g.by_actor ? words.by_actor_note : words.approximate) : words.exact_place;
    return `${g.name} (${how}) — ${g.total} ${words.events}: ${types}`;
  };
  links.attr("aria-label", describe).append("title").text(describe);
  links.append("circle").attr("r", radius).attr("class", (g) => "dot type-" + main(g))
    .attr("fill", (g) => (g.approximate ? "#ffffff" : Marsad.typeColours[main(g)] || "#333"))
    .attr("stroke", (g) => Marsad.typeColours[main(g)] || "#333");
  links.filter((g) => g.total > 1).append("text").attr("class", "dot-count").attr("dy", "0.35em").text((g) => g.total);
  function place(transform) {
    links.attr("transform", (g) => `translate(${transform.apply(g.point)})`);
  }
  const zoom = d3.zoom().scaleExtent([1, 16]).translateExtent([[0, 0], [width, height]]).on("zoom", (event) => {
    layer.attr("transform", event.transform);
    place(event.transform);
  });
  svg.call(zoom);
  // region first: the view opens on Central Asia and its neighbours (zoom out for the world)
  const [[x0, y0], [x1, y1]] = [projection([20, 62]), projection([125, 18])];
  const k = Math.min(width / (x1 - x0), height / (y1 - y0));
  svg.call(zoom.transform, d3.zoomIdentity.translate(width / 2, height / 2).scale(k).translate(-(x0 + x1) / 2, -(y0 + y1) / 2));
  box.dataset.ready = String(groups.length);
})();
