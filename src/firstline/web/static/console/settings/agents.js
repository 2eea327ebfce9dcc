// Agents: who works the desk, in which teams and languages, with which role, how many
// conversations at once; admins add them, set passwords and turn them off, supervisors staff
// them (teams, capacity, routing pause). PATCH /api/v1/agents/<id> decides who may change what.
import {api} from "../api.js";
import {el} from "../dom.js";
import {t, listText} from "../i18n.js";
import {can, state} from "../state.js";
import {languageName, languageOptions, listEditor, teamName} from "./editor.js";

const BUILTIN = ["agent", "supervisor", "admin"];
// The roles an agent can be given: the built-in ones, then those admins defined.
let roleNames = BUILTIN.slice();

function roleLabel(name) { return BUILTIN.indexOf(name) >= 0 ? t("settings.role." + name) : name; }

function reloadShared() {
  const roles = api("GET", "/api/v1/roles").then((rows) => {
    roleNames = rows.map((r) => r.name);
  }).catch(() => {});
  return Promise.all([api("GET", "/api/v1/agents?limit=1000"), roles]).then(([rows]) => {
    state.agents = rows;
    return rows;
  });
}

// An agent's teams as chips, one name each, never broken inside a name: a comma list of long
// team names made the rows ten lines tall.
function teamChips(a) {
  if (!a.team_ids.length) return "–";
  const box = el("span", "chips");
  box.setAttribute("data-testid", "settings-agent-teams");
  a.team_ids.forEach((id) => {
    const chip = el("span", "chip", teamName(id));
    chip.dir = "auto";
    chip.title = teamName(id);
    box.appendChild(chip);
  });
  return box;
}

export default {
  name: "agents",
  label: () => t("settings.nav.agents"),
  render: listEditor({
    title: t("settings.nav.agents"),
    intro: t("settings.agents.intro"),
    canEdit: () => can("agents.staff") || can("agents.manage"),
    addLabel: t("settings.agents.add"),
    load: reloadShared,
    describe: (a) => a.name,
    columns: [
      {label: t("settings.agents.name"), text: (a) => a.name},
      {label: t("settings.agents.email"), text: (a) => a.email, className: "ltr"},
      {label: t("settings.agents.role"), text: (a) => roleLabel(a.role)},
      {label: t("settings.agents.teams"), text: teamChips},
      {label: t("settings.agents.languages"), text: (a) => listText(a.languages.map(languageName)) || "–"},
      {label: t("settings.agents.capacity"), text: (a) => String(a.max_concurrent)},
      {label: t("settings.agents.state"), text: (a) => (a.is_active ? t("settings.agents.active") : t("settings.agents.disabled"))},
    ],
    fields: [
      {name: "email", label: t("settings.agents.email"), type: "email", required: true, edit: false},
      {name: "name", label: t("settings.agents.name"), required: true, perm: "agents.manage"},
      {name: "role", label: t("settings.agents.role"), type: "select", initial: "agent", perm: "agents.manage",
        options: () => roleNames.map((r) => [r, roleLabel(r)]), required: true},
      {name: "team_ids", label: t("settings.agents.teams"), type: "teams"},
      {name: "languages", label: t("settings.agents.languages"), type: "languages", perm: "agents.manage",
        help: t("settings.agents.languages_help")},
      {name: "max_concurrent", label: t("settings.agents.capacity"), type: "number", min: 0, max: 100, initial: 5,
        help: t("settings.agents.capacity_help")},
      {name: "skills", label: t("settings.agents.skills"), type: "list", perm: "agents.manage",
        help: t("settings.agents.skills_help")},
      {name: "ui_language", label: t("settings.agents.console_language"), type: "select", create: false, perm: "agents.manage",
        options: () => [["", t("settings.agents.console_default")]].concat(languageOptions())},
      {name: "routing_paused", label: t("settings.agents.routing_paused"), type: "checkbox", create: false},
      {name: "is_active", label: t("settings.agents.is_active"), type: "checkbox", create: false, perm: "agents.manage"},
      {name: "password", label: t("settings.agents.password"), type: "password", edit: false,
        help: t("settings.agents.password_help")},
    ],
    create: (body) => api("POST", "/api/v1/agents", body),
    update: (a, body) => api("PATCH", "/api/v1/agents/" + a.id, body),
    actions: [{
      label: t("settings.agents.set_password"),
      testid: "settings-set-password",
      perm: "agents.manage",
      fields: [{name: "password", label: t("settings.agents.new_password"), type: "password", required: true,
        help: t("settings.agents.password_help")}],
      submit: (a, body) => api("PUT", "/api/v1/agents/" + a.id + "/password", body),
      done: () => t("settings.agents.password_set"),
    }],
  }),
};
