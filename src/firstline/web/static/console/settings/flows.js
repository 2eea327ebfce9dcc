// Self-service flows: the scripted conversations the bot runs (reset a password, find a
// deposit). The list says in words what each is, what starts it and in which languages it
// speaks; the definition itself is edited as JSON and checked by the API, which names every
// problem. Turning a flow off stores it with `enabled: false`: the bot no longer starts it
// (a conversation already in it finishes), and turning it on again changes nothing else.
import {api} from "../api.js";
import {el} from "../dom.js";
import {formatNumber, language, t, listText} from "../i18n.js";
import {languageName, languageOptions, listEditor} from "./editor.js";
import {can} from "../state.js";

const PATH = "/api/v1/flows/";

// What a new flow starts from: one step, in English, that the admin rewrites.
const TEMPLATE = {
  title: {en: ""},
  intents: [],
  triggers: {en: []},
  steps: [{id: "answer", kind: "resolve", text: {en: ""}}],
};

function title(f) { return f.title[language] || f.title.en || f.id; }

function phrases(def) {
  return Object.values(def.triggers || {}).reduce((n, list) => n + list.length, 0);
}

function isOn(f) { return f.enabled !== false; }

// Every flow with its definition: the list answers without one, and the on/off state and the
// editor need it (a handful of flows, so one request each).
let stored = [];

function load() {
  return api("GET", "/api/v1/flows").then((rows) => Promise.all(
    rows.map((f) => api("GET", PATH + encodeURIComponent(f.id))),
  )).then((rows) => {
    stored = rows.filter((f) => f.source === "custom").map((f) => f.id);
    return rows;
  });
}

function put(id, definition) { return api("PUT", PATH + encodeURIComponent(id), definition); }

function nameCell(f) {
  const box = el("span");
  box.appendChild(el("span", null, title(f)));
  box.appendChild(document.createTextNode(" "));
  const code = el("code", "muted", f.id);
  code.dir = "ltr";
  box.appendChild(code);
  return box;
}

function startsOn(f) {
  const parts = [];
  if (f.intents.length) parts.push(t("settings_desk.flows.intents_list", {intents: f.intents.join(", ")}));
  const n = phrases(f.definition);
  if (n) parts.push(t("settings_desk.flows.phrase_count", {n}));
  return parts.join(" · ") || "–";
}

function languagesText(f) {
  const all = languageOptions().length;
  if (all && f.languages.length >= all) return t("settings_desk.flows.every_language");
  return listText(f.languages.map(languageName)) || "–";
}

function sourceText(f) {
  if (f.source === "builtin") return t("settings_desk.flows.source_builtin");
  return t(f.overrides_builtin ? "settings_desk.flows.source_override" : "settings_desk.flows.source_custom",
    {version: formatNumber(f.version || 1)});
}

function stateCell(f) {
  const on = isOn(f);
  const node = el("span", null, t(on ? "settings_desk.flows.on" : "settings_desk.flows.off"));
  node.setAttribute("data-testid", "settings-flow-state");
  node.setAttribute("data-on", String(on));
  return node;
}

function switchTo(enabled) {
  return (f) => put(f.id, Object.assign({}, f.definition, {enabled}));
}

export default {
  name: "flows",
  label: () => t("settings.nav.flows"),
  render: listEditor({
    canEdit: () => can("flows.configure"),
    title: t("settings.nav.flows"),
    intro: t("settings_desk.flows.intro"),
    addLabel: t("settings_desk.flows.add"),
    addTitle: t("settings_desk.flows.add"),
    load,
    describe: title,
    columns: [
      {label: t("settings_desk.flows.name"), text: nameCell},
      {label: t("settings_desk.flows.starts_on"), text: startsOn},
      {label: t("settings_desk.flows.languages"), text: languagesText},
      {label: t("settings_desk.flows.steps"), text: (f) => formatNumber(f.steps)},
      {label: t("settings_desk.flows.source"), text: sourceText},
      {label: t("settings_desk.flows.state"), text: stateCell},
    ],
    fields: [
      {name: "id", label: t("settings_desk.flows.id"), required: true, edit: false, dir: "ltr",
        help: t("settings_desk.flows.id_help"), placeholder: "vip_callback"},
      {name: "definition", label: t("settings_desk.flows.definition"), type: "json", required: true, rows: 18,
        initial: TEMPLATE, help: t("settings_desk.flows.definition_help")},
    ],
    // A new id, or a built-in one to replace; an admin's own flow is changed with Edit, so
    // that Add never overwrites one by a typo.
    create: (body) => (stored.indexOf(body.id) >= 0 ?
      Promise.reject(new Error(t("settings_desk.flows.exists", {id: body.id}))) : put(body.id, body.definition)),
    update: (f, body) => put(f.id, body.definition),
    // Only a stored definition can go; deleting one that replaced a built-in flow brings it back.
    mayRemove: (f) => f.source === "custom",
    remove: (f) => api("DELETE", PATH + encodeURIComponent(f.id)),
    actions: [{
      label: t("settings_desk.flows.turn_off"),
      testid: "settings-flow-off",
      when: isOn,
      submit: switchTo(false),
      done: () => t("settings_desk.flows.turned_off"),
    }, {
      label: t("settings_desk.flows.turn_on"),
      testid: "settings-flow-on",
      when: (f) => !isOn(f),
      submit: switchTo(true),
      done: () => t("settings_desk.flows.turned_on"),
    }],
  }),
};
