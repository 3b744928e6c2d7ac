// Events per month or quarter, by type or by actor: stacked bars drawn with the bundled d3
// from the counts the page embeds (one SQL aggregate per chart, never the events). Each bar
// segment is a link to the events it counts: the page's filters, its key and its months.
"use strict";
(function () {
  const TICK_SPACE = 64; // pixels a period label needs on the axis
  function periodLabel(period, data) {
    return period.includes("-Q") ? `${period.slice(0, 4)} ${data.quarter}${period.slice(-1)}` : period;
  }
  function href(data, key, period) {
    const params = new URLSearchParams(data.base || "");
    const [since, until] = data.ranges[period];
    params.set(data.param, key);
    params.set("since", since);
    params.set("until", until);
    params.delete("page");
    return "/events?" + params.toString();
  }
  function colour(data, key, index) {
    if (data.by === "type") return Marsad.typeColours[key] || "#64748b";
    return d3.schemeTableau10[index % 10];
  }
  function draw(figure) {
    const data = JSON.parse(figure.dataset.chart);
    const body = Marsad.el("div", { class: "chart-body", dir: "ltr" });
    figure.querySelectorAll(".loading").forEach((node) => node.remove());
    figure.append(body);
    const counts = {};
    for (const [period, key, n] of data.bars) (counts[period] = counts[period] || {})[key] = n;
    if (!data.periods.length) {
      body.append(Marsad.el("p", { class: "empty" }, "—"));
      figure.dataset.ready = "0";
      return;
    }
    const width = Math.max(300, body.clientWidth || 600), height = 190;
    const margin = { top: 8, right: 8, bottom: 26, left: 34 };
    const x = d3.scaleBand().domain(data.periods).range([margin.left, width - margin.right]).paddingInner(0.15);
    const totals = data.periods.map((p) => d3.sum(Object.values(counts[p] || {})));
    const y = d3.scaleLinear().domain([0, d3.max(totals) || 1]).nice().range([height - margin.bottom, margin.top]);
    const svg = d3.select(body).append("svg").attr("viewBox", `0 0 ${width} ${height}`).attr("class", "chart-svg")
      .attr("role", "group").attr("aria-label", data.title);
    const every = Math.max(1, Math.ceil(data.periods.length / Math.max(1, Math.floor((width - 40) / TICK_SPACE))));
    svg.append("g").attr("class", "axis").attr("transform", `translate(0,${height - margin.bottom})`)
      .call(d3.axisBottom(x).tickValues(data.periods.filter((_, i) => i % every === 0)).tickFormat((p) => periodLabel(p, data)).tickSizeOuter(0));
    svg.append("g").attr("class", "axis").attr("transform", `translate(${margin.left},0)`)
      .call(d3.axisLeft(y).ticks(4).tickFormat(d3.format("d")));
    const segments = [];
    data.periods.forEach((period) => {
      let base = 0;
      data.keys.forEach((key, index) => {
        const n = (counts[period] || {})[key];
        if (!n) return;
        segments.push({ period, key, n, index, y0: base, y1: base + n });
        base += n;
      });
    });
    const links = svg.append("g").selectAll("a").data(segments).join("a")
      .attr("href", (s) => href(data, s.key, s.period)).attr("class", "chart-bar")
      .attr("data-key", (s) => s.key).attr("data-period", (s) => s.period)
      .attr("aria-label", (s) => `${periodLabel(s.period, data)} · ${data.labels[s.key] || s.key} · ${s.n} ${data.events}`);
    links.append("title").text((s) => `${periodLabel(s.period, data)} · ${data.labels[s.key] || s.key} · ${s.n}`);
    // a bar is at least 3 pixels wide and 2 high, so that one event can still be clicked
    links.append("rect")
      .attr("x", (s) => x(s.period) + Math.min(0, x.bandwidth() - 3) / 2).attr("width", Math.max(3, x.bandwidth()))
      .attr("y", (s) => Math.min(y(s.y1), y(s.y0) - 2)).attr("height", (s) => Math.max(2, y(s.y0) - y(s.y1)))
      .attr("fill", (s) => colour(data, s.key, s.index));
    const legend = Marsad.el("ul", { class: "legend chart-legend" });
    data.keys.forEach((key, index) => {
      const item = Marsad.el("li");
      const swatch = Marsad.el("span", { class: "swatch" });
      swatch.style.background = colour(data, key, index);
      item.append(swatch, document.createTextNode(" " + (data.labels[key] || key)));
      legend.append(item);
    });
    figure.append(legend);
    for (const note of [data.undated_note, data.rest_note]) if (note) figure.append(Marsad.el("p", { class: "note" }, note));
    figure.dataset.ready = String(segments.length);
  }
  document.querySelectorAll("figure.chart[data-chart]").forEach((figure) => {
    try {
      draw(figure);
    } catch (error) {
      figure.append(Marsad.el("p", { class: "error", role: "alert" }, error.message));
    }
  });
})();
