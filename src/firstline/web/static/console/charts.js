// The console's one way to draw a chart (reports, the dashboard), on the vendored Chart.js
// (static/vendor/, loaded the first time a chart is drawn, so a page without charts never
// downloads it). A chart is always doubled by a table with the same numbers: screen readers
// read the table, and it is what shows if the library cannot load.
//
//   drawChart(root, {
//     title: "Waiting per team",            // the aria-label and the table's caption
//     labels: ["Billing", "Security"],      // categories along the x axis
//     series: [{name: "Waiting", values: [3, 0], kind: "bar"},
//              {name: "Oldest wait (min)", values: [4.5, 0], kind: "bar", axis: "end",
//               format: (v) => v + " min"}],
//   });
//
// kind is "bar", "line" or "points" (markers without a line); axis "end" puts a series on a
// second value axis (after the categories' end: right, or left in a right-to-left page).
// Calling it again on the same root updates the chart in place (no flicker on a refresh).
// Colours come from the CSS custom properties --chart-1 ... --chart-4 (console.css); in a
// right-to-left page the categories run from the right and the value axis stands on the right.
import {el} from "./dom.js";

const LIBRARY = "/static/firstline/vendor/chart.umd.min.js";
let loading = null;
const drawn = new WeakMap();

function loadLibrary() {
  if (window.Chart) return Promise.resolve(window.Chart);
  if (!loading) {
    loading = new Promise((resolve, reject) => {
      const script = document.createElement("script");
      script.src = LIBRARY;
      script.onload = () => (window.Chart ? resolve(window.Chart) : reject(new Error("no Chart")));
      script.onerror = () => { loading = null; reject(new Error("chart library did not load")); };
      document.head.appendChild(script);
    });
  }
  return loading;
}

function palette(root) {
  const css = getComputedStyle(root);
  const pick = (name, fallback) => css.getPropertyValue(name).trim() || fallback;
  return {
    series: [pick("--chart-1", "#0b6bcb"), pick("--chart-2", "#dc6803"), pick("--chart-3", "#067647"),
      pick("--chart-4", "#7a5af8")],
    text: pick("--text", "#1c2430"),
    grid: pick("--line", "#e4e7ec"),
  };
}

function plain(v) { return v === null || v === undefined ? "–" : String(v); }

function fillTable(table, spec) {
  table.textContent = "";
  table.appendChild(el("caption", null, spec.title));
  const head = el("tr");
  head.appendChild(el("th", null, spec.categoryName || ""));
  spec.series.forEach((s) => { head.appendChild(el("th", null, s.name)); });
  table.appendChild(el("thead")).appendChild(head);
  const body = table.appendChild(el("tbody"));
  spec.labels.forEach((label, i) => {
    const tr = el("tr");
    const th = el("th", null, label);
    th.scope = "row";
    tr.appendChild(th);
    spec.series.forEach((s) => { tr.appendChild(el("td", "num", (s.format || plain)(s.values[i]))); });
    body.appendChild(tr);
  });
}

const LABEL_CHARS = 22;

function config(spec, colours, rtl) {
  const twoAxes = spec.series.some((s) => s.axis === "end");
  const datasets = spec.series.map((s, i) => {
    const colour = colours.series[i % colours.series.length];
    const points = s.kind === "points" || s.kind === "line";
    return {
      type: points ? "line" : "bar",
      label: s.name,
      data: s.values,
      yAxisID: s.axis === "end" ? "y2" : "y",
      backgroundColor: colour,
      borderColor: colour,
      showLine: s.kind === "line",
      pointStyle: points ? "rectRot" : "rect",
      pointRadius: points ? 6 : undefined,
      pointHoverRadius: points ? 8 : undefined,
      borderRadius: points ? undefined : 4,
      // Few categories make wide slots: keep a team's bars together rather than far apart.
      categoryPercentage: Math.min(0.8, 0.14 * spec.labels.length),
      barPercentage: 0.9,
      maxBarThickness: 64,
      order: points ? 0 : 1,   // markers drawn over the bars
    };
  });
  const tick = {color: colours.text};
  // A long category name (an exam's title) is shortened under its bar, so that slanted names
  // stay inside the canvas; the tooltip and the table under the chart give it in full.
  const shortened = {...tick, callback(value) {
    const label = String(this.getLabelForValue(value));
    return label.length > LABEL_CHARS ? label.slice(0, LABEL_CHARS - 1) + "…" : label;
  }};
  const scales = {
    x: {reverse: rtl, ticks: shortened, grid: {display: false}},
    y: {beginAtZero: true, position: rtl ? "right" : "left", ticks: {...tick, precision: 0},
      grid: {color: colours.grid}, title: {display: twoAxes, text: spec.series[0].name, color: colours.text}},
  };
  // With two axes, each one's title takes its series' colour, so it is clear which is which.
  const endIndex = spec.series.findIndex((s) => s.axis === "end");
  if (endIndex >= 0) {
    scales.y.title.color = colours.series[0];
    scales.y2 = {beginAtZero: true, position: rtl ? "left" : "right", ticks: tick,
      grid: {drawOnChartArea: false}, title: {display: true, text: spec.series[endIndex].name,
        color: colours.series[endIndex % colours.series.length]}};
  }
  return {
    data: {labels: spec.labels.slice(), datasets},
    options: {
      responsive: true,
      maintainAspectRatio: false,
      animation: false,
      // Slanted category names hang towards the left of their bar; reading right to left, the
      // last one is at the left edge, where Chart.js leaves it no room.
      layout: {padding: {left: rtl ? 70 : 0}},
      locale: document.documentElement.lang || undefined,
      scales,
      plugins: {
        legend: {position: "top", rtl, textDirection: rtl ? "rtl" : "ltr",
          labels: {color: colours.text, usePointStyle: true, sort: (a, b) => a.datasetIndex - b.datasetIndex}},
        tooltip: {rtl, textDirection: rtl ? "rtl" : "ltr", callbacks: {
          label: (item) => {
            const s = spec.series[item.datasetIndex];
            return s.name + ": " + (s.format || plain)(s.values[item.dataIndex]);
          },
        }},
      },
    },
  };
}

export function drawChart(root, spec) {
  let parts = drawn.get(root);
  if (!parts) {
    root.textContent = "";
    root.classList.add("chart");
    const frame = el("div", "chart-frame");
    const canvas = el("canvas");
    canvas.setAttribute("role", "img");
    canvas.setAttribute("data-testid", "chart-canvas");
    frame.appendChild(canvas);
    const table = el("table", "chart-table");
    table.setAttribute("data-testid", "chart-table");
    root.appendChild(frame);
    root.appendChild(table);
    parts = {canvas, table, frame, chart: null};
    drawn.set(root, parts);
  }
  parts.canvas.setAttribute("aria-label", spec.title);
  fillTable(parts.table, spec);
  return loadLibrary().then((Chart) => {
    const rtl = getComputedStyle(root).direction === "rtl";
    const next = config(spec, palette(root), rtl);
    if (parts.chart) {
      parts.chart.data = next.data;
      parts.chart.options = next.options;
      parts.chart.update("none");
    } else {
      parts.chart = new Chart(parts.canvas, {type: "bar", ...next});
    }
    parts.frame.hidden = false;
    root.classList.add("chart-drawn");  // the table stays for screen readers only
    return parts.chart;
  }).catch(() => {
    root.classList.remove("chart-drawn");  // no chart: the table is the chart
    parts.frame.hidden = true;
    return null;
  });
}
