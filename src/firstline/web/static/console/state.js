// What the views share: who is signed in, the agents, teams and escalation levels loaded at
// start, and the conversation open now. Views keep their own state in their own module.
import {meta} from "./api.js";
import {t} from "./i18n.js";

export const me = {
  id: Number(meta("agent-id")),
  role: meta("agent-role"),
  // What the agent may do: their role's permissions (agents/permissions.py), from the page.
  permissions: new Set((meta("agent-permissions") || "").split(" ").filter(Boolean)),
  teams: [],
};

// Whether the signed-in agent holds `permission`. The server checks every request anyway:
// this only spares people buttons that would be refused.
export function can(permission) { return me.permissions.has(permission); }

export const state = {
  inbox: "mine",   // the inbox tab shown
  open: null,      // the conversation open now (GET /api/v1/conversations/<id>)
  agents: [],
  teams: [],
  levels: [],
};

export function agentName(id) {
  const a = state.agents.find((x) => x.id === id);
  return a ? a.name : t("common.agent_id", {id});
}

export function teamById(id) {
  return state.teams.find((x) => x.id === id);
}
