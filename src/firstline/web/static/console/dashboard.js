// The supervisor's floor (GET /api/v1/dashboard), refreshed every 3 seconds while shown:
// the totals, a chart of who waits where and for how long, and the table per team and
// language. Breaches elsewhere refresh it at once.
import {api} from "./api.js";
import {drawChart} from "./charts.js";
import {$, duration, el, when} from "./dom.js";
import {formatNumber, t} from "./i18n.js";

let timer = null;

// Two bars per team (its languages added up): conversations waiting, and the oldest wait on
// a second axis.
function chartSpec(rows) {
  const teams = [];
  const byTeam = {};
  rows.forEach((r) => {
    const name = r.team || t("dash.unrouted");
    if (!byTeam[name]) { byTeam[name] = {name, waiting: 0, oldest: 0}; teams.push(byTeam[name]); }
    byTeam[name].waiting += r.waiting;
    if (r.waiting) byTeam[name].oldest = Math.max(byTeam[name].oldest, r.longest_wait_seconds);
  });
  teams.sort((a, b) => b.waiting - a.waiting || b.oldest - a.oldest || a.name.localeCompare(b.name));
  // The oldest wait in the unit that keeps its axis readable (3 s is not "0.05 min").
  const longest = Math.max(0, ...teams.map((x) => x.oldest));
  const unit = longest < 90 ? [1, t("dash.oldest_wait_s")] : longest < 5400 ? [60, t("dash.oldest_wait_min")] :
    [3600, t("dash.oldest_wait_h")];
  return {
    title: t("dash.chart_title"),
    categoryName: t("dash.team"),
    labels: teams.map((x) => x.name),
    series: [
      {name: t("dash.waiting"), kind: "bar", values: teams.map((x) => x.waiting)},
      {name: unit[1], kind: "bar", axis: "end",
        values: teams.map((x) => Math.round((x.oldest / unit[0]) * 10) / 10),
        format: (v) => (v ? duration(v * unit[0]) : "–")},
    ],
  };
}

function load() {
  api("GET", "/api/v1/dashboard").then((d) => {
    $("dash-generated").textContent = t("dash.updated", {time: when(d.generated_at)});
    const totals = $("dash-totals");
    totals.textContent = "";
    [[t("dash.waiting"), d.totals.waiting], [t("dash.sla_at_risk"), d.totals.sla_at_risk],
     [t("dash.breaches_today"), d.totals.breaches_today], [t("dash.met_today"), d.totals.met_today]].forEach((pair) => {
      const box = el("div", "dash-total");
      box.appendChild(el("strong", null, formatNumber(pair[1])));
      box.appendChild(el("span", "muted", pair[0]));
      totals.appendChild(box);
    });
    drawChart($("dash-chart"), chartSpec(d.rows));
    const body = $("dash-rows");
    body.textContent = "";
    // Where people wait comes first; rows with nothing at all going on are dimmed.
    const rows = d.rows.slice().sort((a, b) =>
      b.waiting - a.waiting || b.sla_at_risk - a.sla_at_risk ||
      b.breaches_today - a.breaches_today || b.agents_online - a.agents_online);
    rows.forEach((r) => {
      const quiet = !(r.waiting || r.agents_online || r.sla_at_risk || r.breaches_today || r.met_today);
      const tr = el("tr", r.sla_at_risk || r.longest_wait_seconds > 60 ? "hot" : quiet ? "quiet" : null);
      tr.setAttribute("data-testid", "dashboard-row");
      tr.appendChild(el("td", null, r.team || t("dash.unrouted")));
      tr.appendChild(el("td", null, r.language));
      [r.waiting, r.waiting ? duration(r.longest_wait_seconds) : "–", r.agents_online,
       r.agents_busy, r.agents_available, r.sla_at_risk, r.breaches_today, r.met_today].forEach((v) => {
        tr.appendChild(el("td", "num", typeof v === "number" ? formatNumber(v) : v));
      });
      body.appendChild(tr);
    });
  }).catch(() => {});
}

export default {
  name: "dashboard",
  section: "dashboard",
  toggle: "dashboard-toggle",
  mount() {},
  show() { load(); timer = setInterval(load, 3000); },
  hide() { clearInterval(timer); timer = null; },
  events: {
    "sla.breached": () => { if (!$("dashboard").hidden) load(); },
  },
};
