// The conversation's side panel facts that are sentences: the SLA clocks and why the
// conversation is where it is (routing reasons, also shown on queue items).
import {$, duration, el, plainWords, when} from "./dom.js";
import {t} from "./i18n.js";
import {agentName, teamById} from "./state.js";

export function renderSla(c) {
  const dl = $("sla-fields");
  dl.textContent = "";
  const now = Date.now();
  [[t("First response"), c.first_response_at ? null : c.sla.first_response_due_at],
   [t("Next response"), c.sla.next_response_due_at],
   [t("Resolution"), c.resolved_at ? null : c.sla.resolution_due_at]].forEach((f) => {
    if (!f[1]) return;
    const left = (new Date(f[1]).getTime() - now) / 1000;
    dl.appendChild(el("dt", null, f[0]));
    const dd = el("dd", left < 0 ? "sla-late" : null,
      left < 0 ? t("late by {time}", {time: duration(left)}) : t("due in {time}", {time: duration(left)}));
    dd.title = when(f[1]);
    dl.appendChild(dd);
  });
  if (!dl.children.length) dl.appendChild(el("dd", "muted", t("No clock running.")));
}

// Why the bot handed over (bot/engine.py and the self-service flows), as a sentence.
const BOT_REASONS = {
  asked: t("the customer asked for a person"),
  unsure: t("no article matched well enough"),
  unhelpful: t("its answers did not help"),
  upset: t("the customer is upset"),
  funds_at_risk: t("money may be at risk"),
  flow: t("a self-service flow needs a person"),
  flow_unavailable: t("a self-service flow was not available"),
  flow_loop: t("a self-service flow went round in circles"),
  verification_failed: t("the customer could not be verified"),
  backoffice_down: t("the back office did not answer"),
  backoffice_unavailable: t("the back office did not answer"),
  agent_took_over: t("an agent took the conversation over"),
  error: t("the bot failed"),
};

function teamName(r) {
  if (r.team) return r.team;
  const team = teamById(r.team_id);
  return team ? team.name : t("team {id}", {id: r.team_id});
}

function earlier(r) { return t("served {time} earlier", {time: duration(r.seconds)}); }

export const FACTORS = {
  bot_handover: (r) => t("The bot handed it over: ") + (BOT_REASONS[r.reason] || plainWords(r.reason).toLowerCase()),
  taken_over: (r) => t("Taken over from the bot by {name}", {name: agentName(r.agent_id)}),
  rule: (r) => t("Routing rule “{rule}” chose the team", {rule: r.rule}),
  team_fit: (r) => t("Team {team} fits its product and language", {team: r.team}),
  language_fit: (r) => t("No product given: team {team} speaks the customer’s language", {team: teamName(r)}),
  default_team: (r) => t("No rule or product fits: the default team, {team}", {team: teamName(r)}),
  security: (r) => t("Hacked account or scam: the security team, {team}", {team: teamName(r)}),
  requested: () => t("Team chosen when it was opened"),
  unrouted: () => t("No rule or team fits: waiting to be routed by hand"),
  funds_at_risk: (r) => t("Money at risk (“{match}”): ", {match: r.match}) + earlier(r),
  vip: (r) => t("Tier {tier}: ", {tier: r.tier}) + earlier(r),
  negative_sentiment: (r) => t("Customer upset (“{match}”): ", {match: r.match}) + earlier(r),
  priority: (r) => t("Priority {priority}: ", {priority: r.priority}) + (r.seconds >= 0 ? earlier(r) :
    t("served {time} later", {time: duration(r.seconds)})),
  queued: (r) => t("Queued") + (r.why ? " (" + r.why + ")" : ""),
  relaxed: (r) => t("Requirements relaxed after {time}: ", {time: duration(r.after_seconds)}) + r.why,
  rerouted: (r) => t("Re-routed: ") + r.why,
  assigned: (r) => t("Assigned to {name}", {name: agentName(r.agent_id)}) +
    (r.pulled ? t(" (pulled)") : r.strategy ? " (" + r.strategy.replace("_", " ") + ")" : ""),
};

export function renderReasons(c) {
  const list = $("reasons");
  list.textContent = "";
  (c.routing.reasons || []).forEach((r) => {
    const say = FACTORS[r.factor];
    const li = el("li", null, say ? say(r) : plainWords(r.factor));
    if (r.at) li.title = when(r.at);
    list.appendChild(li);
  });
}
