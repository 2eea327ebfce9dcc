// Canned responses: saved replies agents pick in the reply box, one per shortcut and language,
// for everyone or for one team, with placeholders the console fills for the conversation.
// Supervisors and admins write them (/api/v1/canned-responses). The language and the team are
// fixed once a reply exists: the API changes only the shortcut, the title and the text.
import {api} from "../api.js";
import {el} from "../dom.js";
import {language, t} from "../i18n.js";
import {agentName, can, me, state} from "../state.js";
import {languageName, languageOptions, listEditor, teamName} from "./editor.js";

const PLACEHOLDERS = ["customer.name", "agent.name", "conversation.id"];

function placeholders() { return PLACEHOLDERS.map((p) => "{" + p + "}").join(", "); }

// The text as an example conversation would get it, for a preview without a conversation;
// with one, the API fills it (GET .../render), exactly as the reply box does.
function example(body) {
  const values = {
    "customer.name": t("settings_routing.canned.preview_example_customer"),
    "agent.name": agentName(me.id),
    "conversation.id": "1042",
  };
  return body.replace(/\{([a-z_]+\.[a-z_]+)\}/g, (whole, name) => (name in values ? values[name] : whole));
}

function preview(result, close) {
  const box = el("div", "settings-form");
  box.setAttribute("data-testid", "canned-preview");
  box.appendChild(el("h3", null, t("settings_routing.canned.preview_title", {shortcut: result.row.shortcut})));
  const text = el("p", null, result.body);
  text.style.whiteSpace = "pre-wrap";
  text.setAttribute("data-testid", "canned-preview-text");
  box.appendChild(text);
  const button = el("button", null, t("settings_routing.canned.close_preview"));
  button.type = "button";
  button.addEventListener("click", close);
  box.appendChild(button);
  return box;
}

export default {
  name: "canned",
  label: () => t("settings.nav.canned"),
  render: listEditor({
    title: t("settings.nav.canned"),
    intro: t("settings_routing.canned.intro"),
    canEdit: () => can("canned.manage"),
    addLabel: t("settings_routing.canned.add"),
    load: () => Promise.all([api("GET", "/api/v1/canned-responses"), api("GET", "/api/v1/teams")])
      .then(([doc, teams]) => { state.teams = teams; return doc.items; }),
    // Left to right whatever the console's direction: "/2fa", never "2fa/" in Arabic.
    describe: (c) => "\u2066/" + c.shortcut + "\u2069",
    columns: [
      {label: t("settings_routing.canned.shortcut"), text: (c) => "/" + c.shortcut, className: "ltr"},
      {label: t("settings_routing.canned.title"), text: (c) => c.title},
      {label: t("settings_routing.canned.language"), text: (c) => languageName(c.language)},
      {label: t("settings_routing.canned.team"), text: (c) => (c.team_id === null ?
        t("settings_routing.canned.any_team") : teamName(c.team_id))},
      {label: t("settings_routing.canned.body"), text: (c) => (c.body.length > 120 ? c.body.slice(0, 119) + "…" : c.body)},
    ],
    fields: [
      {name: "shortcut", label: t("settings_routing.canned.shortcut"), required: true, dir: "ltr",
        help: t("settings_routing.canned.shortcut_help")},
      {name: "title", label: t("settings_routing.canned.title"), required: true,
        help: t("settings_routing.canned.title_help")},
      {name: "language", label: t("settings_routing.canned.language"), type: "select", required: true, edit: false,
        initial: language, options: languageOptions, help: t("settings_routing.canned.language_help")},
      {name: "team_id", label: t("settings_routing.canned.team"), type: "select", edit: false,
        options: () => [["", t("settings_routing.canned.any_team")]].concat(state.teams.map((x) => [x.id, x.name])),
        parse: (v) => (v === null || v === "" ? null : Number(v)), help: t("settings_routing.canned.team_help")},
      {name: "body", label: t("settings_routing.canned.body"), type: "textarea", rows: 6, required: true,
        help: t("settings_routing.canned.body_help", {placeholders: placeholders()})},
    ],
    create: (body) => api("POST", "/api/v1/canned-responses", body),
    update: (c, body) => api("PATCH", "/api/v1/canned-responses/" + c.id, body),
    remove: (c) => api("DELETE", "/api/v1/canned-responses/" + c.id),
    actions: [{
      label: t("settings_routing.canned.preview"),
      testid: "canned-preview-open",
      submitLabel: t("settings_routing.canned.preview"),
      fields: [{name: "conversation_id", label: t("settings_routing.canned.conversation"), type: "number", min: 1,
        help: t("settings_routing.canned.conversation_help")}],
      submit: (c, body) => (body.conversation_id ?
        api("GET", "/api/v1/canned-responses/" + c.id + "/render?conversation_id=" + body.conversation_id)
          .then((doc) => ({row: c, body: doc.body})) :
        Promise.resolve({row: c, body: example(c.body)})),
      done: () => t("settings_routing.canned.preview_ready"),
      keepOpen: (result) => preview(result, (event) => { event.target.closest("[data-testid=canned-preview]").remove(); }),
    }],
  }),
};
