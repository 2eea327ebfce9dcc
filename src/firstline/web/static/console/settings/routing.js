// Routing: the rules that send a new conversation to a team (tried in order, the first whose
// conditions all fit wins), and the two teams routing falls back on: the default team for what
// no rule or product fits, the security team for hacked accounts and scams. Admins change
// them; /api/v1/routing/rules and /api/v1/routing/settings check every change.
import {api} from "../api.js";
import {el} from "../dom.js";
import {t} from "../i18n.js";
import {can, state} from "../state.js";
import {documentEditor, languageName, languageOptions, listEditor, teamName} from "./editor.js";

const CHANNELS = ["chat", "email", "web_form", "api"];

export function channelLabel(code) { return t("settings_routing.channel." + code); }

// A select's options with "Any" first: the condition left out fits everything.
export function anyOr(options) { return [["", t("settings_routing.any")]].concat(options); }

export function channelOptions() { return anyOr(CHANNELS.map((c) => [c, channelLabel(c)])); }

// A text condition: empty means "any", which the API writes as null.
export function orNull(v) { return v === null || v === undefined || v === "" ? null : v; }

// The conditions a row sets, in a line: "Product: futures · Language: Tiếng Việt".
export function conditionsText(row, shown) {
  const parts = [];
  Object.keys(shown).forEach((name) => {
    if (row[name] !== null && row[name] !== undefined) {
      parts.push(t("settings_routing.condition." + name, {value: shown[name](row[name])}));
    }
  });
  return parts.length ? parts.join(" · ") : t("settings_routing.every_conversation");
}

function teamOptions() { return state.teams.map((x) => [x.id, x.name]); }

function loadRules() {
  return Promise.all([api("GET", "/api/v1/routing/rules"), api("GET", "/api/v1/teams")])
    .then(([rules, teams]) => { state.teams = teams; return rules; });
}

const rules = listEditor({

  canEdit: () => can("routing.configure"),
  title: t("settings.nav.routing"),
  intro: t("settings_routing.rules.intro"),
  addLabel: t("settings_routing.rules.add"),
  load: loadRules,
  describe: (r) => r.name,
  columns: [
    {label: t("settings_routing.rules.order"), text: (r) => String(r.position)},
    {label: t("settings_routing.rules.name"), text: (r) => r.name},
    {label: t("settings_routing.rules.when"), text: (r) => conditionsText(r, {
      product: (v) => v, language: languageName, tier: (v) => v, channel: channelLabel,
    })},
    {label: t("settings_routing.rules.team"), text: (r) => teamName(r.team_id) +
      (r.required_skill ? " (" + t("settings_routing.rules.needs_skill", {skill: r.required_skill}) + ")" : "")},
    {label: t("settings_routing.rules.state"), text: (r) => t(r.enabled ? "settings_routing.on" : "settings_routing.off")},
  ],
  fields: [
    {name: "name", label: t("settings_routing.rules.name"), required: true, help: t("settings_routing.rules.name_help")},
    {name: "team_id", label: t("settings_routing.rules.team"), type: "select", required: true,
      options: () => [["", t("settings_routing.rules.choose_team")]].concat(teamOptions()),
      parse: (v) => (v === null || v === "" ? null : Number(v))},
    {name: "product", label: t("settings_routing.rules.product"), help: t("settings_routing.rules.product_help"),
      parse: orNull},
    {name: "language", label: t("settings_routing.rules.language"), type: "select",
      options: () => anyOr(languageOptions())},
    {name: "tier", label: t("settings_routing.rules.tier"), help: t("settings_routing.rules.tier_help"), parse: orNull},
    {name: "channel", label: t("settings_routing.rules.channel"), type: "select", options: channelOptions},
    {name: "required_skill", label: t("settings_routing.rules.skill"), help: t("settings_routing.rules.skill_help"),
      parse: orNull},
    {name: "position", label: t("settings_routing.rules.order"), type: "number", min: 0, max: 1000000, initial: 100,
      required: true, help: t("settings_routing.rules.order_help")},
    {name: "enabled", label: t("settings_routing.rules.enabled"), type: "checkbox", initial: true,
      help: t("settings_routing.rules.enabled_help")},
  ],
  create: (body) => api("POST", "/api/v1/routing/rules", body),
  update: (r, body) => api("PATCH", "/api/v1/routing/rules/" + r.id, body),
  remove: (r) => api("DELETE", "/api/v1/routing/rules/" + r.id),
});

function teamSelect(name) {
  return {
    name, label: t("settings_routing.routing." + name.replace("_id", "")), type: "select",
    help: t("settings_routing.routing." + name.replace("_id", "") + "_help"),
    options: () => [["", t("settings_routing.routing.not_set")]].concat(teamOptions()),
    parse: (v) => (v === null || v === "" ? null : Number(v)),
    show: (v) => (v === null || v === undefined ? t("settings_routing.routing.not_set") : teamName(v)),
  };
}

const fallbacks = documentEditor({

  canEdit: () => can("routing.configure"),
  title: t("settings_routing.routing.title"),
  intro: t("settings_routing.routing.intro"),
  load: () => Promise.all([api("GET", "/api/v1/routing/settings"), api("GET", "/api/v1/teams")])
    .then(([doc, teams]) => { state.teams = teams; return doc; }),
  fields: [teamSelect("default_team_id"), teamSelect("security_team_id")],
  save: (body) => api("PATCH", "/api/v1/routing/settings", body),
});

export default {
  name: "routing",
  label: () => t("settings.nav.routing"),
  render(root) {
    root.textContent = "";
    const top = el("section", "settings-part");
    top.setAttribute("data-testid", "routing-rules");
    const bottom = el("section", "settings-part");
    bottom.setAttribute("data-testid", "routing-settings");
    bottom.style.marginTop = "32px";
    root.appendChild(top);
    root.appendChild(bottom);
    rules(top);
    fallbacks(bottom);
    // One read-only note for the page is enough.
    const second = bottom.querySelector("[data-testid=settings-read-only]");
    if (second) second.remove();
  },
};
