// The conversation's side panel facts that are sentences: the SLA clocks and why the
// conversation is where it is (routing reasons, also shown on queue items).
import {$, duration, el, plainWords, when} from "./dom.js";
import {t} from "./i18n.js";
import {agentName, teamById} from "./state.js";

const STRATEGIES = {least_busy: "reasons.strategy_least_busy", round_robin: "reasons.strategy_round_robin"};

function strategyName(strategy) {
  return STRATEGIES[strategy] ? t(STRATEGIES[strategy]) : strategy.replace(/_/g, " ");
}

export function renderSla(c) {
  const dl = $("sla-fields");
  dl.textContent = "";
  const now = Date.now();
  [[t("sla.first_response"), c.first_response_at ? null : c.sla.first_response_due_at],
   [t("sla.next_response"), c.sla.next_response_due_at],
   [t("sla.resolution"), c.resolved_at ? null : c.sla.resolution_due_at]].forEach((f) => {
    if (!f[1]) return;
    const left = (new Date(f[1]).getTime() - now) / 1000;
    dl.appendChild(el("dt", null, f[0]));
    const dd = el("dd", left < 0 ? "sla-late" : null,
      left < 0 ? t("sla.late_by", {time: duration(left)}) : t("sla.due_in", {time: duration(left)}));
    dd.title = when(f[1]);
    dl.appendChild(dd);
  });
  if (!dl.children.length) dl.appendChild(el("dd", "muted", t("sla.no_clock")));
}

// Why the bot handed over (bot/engine.py and the self-service flows), as a sentence.
const BOT_REASONS = {
  asked: t("handover.asked_for_person"),
  unsure: t("handover.no_article"),
  unhelpful: t("handover.not_helpful"),
  upset: t("handover.upset"),
  funds_at_risk: t("handover.money_at_risk"),
  flow: t("handover.flow_needs_person"),
  flow_unavailable: t("handover.flow_unavailable"),
  flow_loop: t("handover.flow_loop"),
  verification_failed: t("handover.not_verified"),
  backoffice_down: t("handover.backoffice_down"),
  backoffice_unavailable: t("handover.backoffice_down"),
  agent_took_over: t("handover.agent_took_over"),
  error: t("handover.bot_failed"),
};

function teamName(r) {
  if (r.team) return r.team;
  const team = teamById(r.team_id);
  return team ? team.name : t("reasons.team_id", {id: r.team_id});
}

// The server's explanation of a move: the stable code it sends (why_code, with why_args)
// in the console's words; the English sentence (why) only from a server too old for codes.
const WHY_CODES = {
  skill_busy: "reasons.why_skill_busy", overflow: "reasons.why_overflow",
  language_busy: "reasons.why_language_busy", agent_away: "reasons.why_agent_away",
  agent_offline: "reasons.why_agent_offline", agent_disabled: "reasons.why_agent_disabled",
  agent_signed_out: "reasons.why_agent_signed_out", reopened_agent_away: "reasons.why_reopened_agent_away",
  team_changed: "reasons.why_team_changed", waiting_again: "reasons.why_waiting_again",
};

function why(r) {
  if (r.why_code && WHY_CODES[r.why_code]) return t(WHY_CODES[r.why_code], r.why_args || {});
  return r.why || "";
}

function earlier(r) { return t("reasons.served_earlier", {time: duration(r.seconds)}); }

export const FACTORS = {
  bot_handover: (r) => t("reasons.bot_handed_over") + (BOT_REASONS[r.reason] || plainWords(r.reason).toLowerCase()),
  taken_over: (r) => t("reasons.taken_over_by", {name: agentName(r.agent_id)}),
  rule: (r) => t("reasons.rule_chose", {rule: r.rule}),
  team_fit: (r) => t("reasons.team_fits", {team: r.team}),
  language_fit: (r) => t("reasons.language_fit", {team: teamName(r)}),
  default_team: (r) => t("reasons.default_team", {team: teamName(r)}),
  security: (r) => t("reasons.security_team", {team: teamName(r)}),
  requested: () => t("reasons.team_at_open"),
  unrouted: () => t("reasons.unrouted"),
  funds_at_risk: (r) => t("reasons.funds_at_risk", {match: r.match}) + earlier(r),
  vip: (r) => t("reasons.tier", {tier: r.tier}) + earlier(r),
  negative_sentiment: (r) => t("reasons.upset", {match: r.match}) + earlier(r),
  priority: (r) => t("reasons.priority", {priority: r.priority}) + (r.seconds >= 0 ? earlier(r) :
    t("reasons.served_later", {time: duration(r.seconds)})),
  queued: (r) => t("reasons.queued") + (why(r) ? " (" + why(r) + ")" : ""),
  relaxed: (r) => t("reasons.relaxed", {time: duration(r.after_seconds)}) + why(r),
  rerouted: (r) => t("reasons.rerouted") + why(r),
  assigned: (r) => t("reasons.assigned_to", {name: agentName(r.agent_id)}) +
    (r.pulled ? t("reasons.pulled") : r.strategy ? " (" + strategyName(r.strategy) + ")" : ""),
};

// The reasons, under their heading; a conversation the bot is still answering has none yet,
// and says so rather than showing an empty heading.
export function renderReasons(c) {
  const list = $("reasons");
  list.textContent = "";
  (c.routing.reasons || []).forEach((r) => {
    const say = FACTORS[r.factor];
    const li = el("li", null, say ? say(r) : plainWords(r.factor));
    if (r.at) li.title = when(r.at);
    list.appendChild(li);
  });
  const heading = list.previousElementSibling;
  let empty = list.nextElementSibling;
  if (!empty || empty.getAttribute("data-testid") !== "routing-reasons-none") {
    empty = el("p", "muted");
    empty.setAttribute("data-testid", "routing-reasons-none");
    list.after(empty);
  }
  const none = !list.children.length;
  const bot = c.status === "bot";
  list.hidden = none;
  empty.textContent = bot ? t("reasons.bot_answering") : "";
  empty.hidden = !(none && bot);
  if (heading && heading.tagName === "H3") heading.hidden = none && !bot;
}
