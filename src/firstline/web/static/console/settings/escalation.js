// The escalation ladder: ten fixed levels, L1 to L10. Each has a name agents choose by, the
// people asked there (named ones, or everyone of a role and above) and how long they have to
// take an escalation before it climbs a level by itself. Levels are set, never added or
// removed: PUT /api/v1/escalation/levels/<level> takes the whole level (admins).
import {api} from "../api.js";
import {t, listText} from "../i18n.js";
import {agentName, can, state} from "../state.js";
import {durationText, listEditor} from "./editor.js";

const ROLES = ["agent", "supervisor", "admin"];

function roleLabel(role) { return t("settings_routing.escalation.role." + role); }

function load() {
  return Promise.all([api("GET", "/api/v1/escalation/levels"), api("GET", "/api/v1/agents?limit=1000")])
    .then(([levels, agents]) => {
      state.agents = agents;
      state.levels = levels;
      return levels;
    });
}

export default {
  name: "escalation",
  label: () => t("settings.nav.escalation"),
  render: listEditor({
    canEdit: () => can("escalation.configure"),
    title: t("settings.nav.escalation"),
    intro: t("settings_routing.escalation.intro"),
    load,
    describe: (l) => t("settings_routing.escalation.level_name", {level: l.level}) + " · " + l.name,
    columns: [
      {label: t("settings_routing.escalation.level"), text: (l) => t("settings_routing.escalation.level_name", {level: l.level})},
      {label: t("settings_routing.escalation.name"), text: (l) => l.name},
      {label: t("settings_routing.escalation.who"), text: (l) => (l.agent_ids.length ?
        listText(l.agent_ids.map(agentName)) : roleLabel(l.role))},
      {label: t("settings_routing.escalation.ack"), text: (l) => durationText(l.ack_minutes * 60, ["minute", "hour", "day"])},
    ],
    fields: [
      {name: "name", label: t("settings_routing.escalation.name"), required: true,
        help: t("settings_routing.escalation.name_help")},
      {name: "role", label: t("settings_routing.escalation.role"), type: "select", required: true,
        options: () => ROLES.map((r) => [r, roleLabel(r)]), help: t("settings_routing.escalation.role_help")},
      {name: "agent_ids", label: t("settings_routing.escalation.agents"), type: "multi",
        options: () => state.agents.map((a) => [a.id, a.is_active ? a.name :
          a.name + " (" + t("settings.agents.disabled") + ")"]),
        parse: (v) => (v || []).map(Number), help: t("settings_routing.escalation.agents_help")},
      // The API counts minutes; the field counts seconds so that it can offer hours and days.
      {name: "ack_minutes", label: t("settings_routing.escalation.ack"), type: "duration", required: true,
        value: (l) => l.ack_minutes * 60, parse: (v) => (v === null ? null : Math.round(v / 60)),
        help: t("settings_routing.escalation.ack_help")},
    ],
    // The API replaces the whole level, so what was not changed goes along as it was.
    update: (l, body) => api("PUT", "/api/v1/escalation/levels/" + l.level, Object.assign({
      name: l.name, role: l.role, agent_ids: l.agent_ids, ack_minutes: l.ack_minutes,
    }, body)),
  }),
};
