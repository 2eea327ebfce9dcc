// What the views share: who is signed in, the agents, teams and escalation levels loaded at
// start, and the conversation open now. Views keep their own state in their own module.
import {meta} from "./api.js";
import {t} from "./i18n.js";

export const me = {id: Number(meta("agent-id")), role: meta("agent-role"), teams: []};

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
