// Quality review's set-up: when customers are asked to rate and what a low rating does
// (/api/v1/qa/settings), the rules that fill the review queue (/api/v1/qa/sampling-rules) and
// the scorecards reviewers score with (/api/v1/qa/scorecards). Admins (quality.configure)
// change them; supervisors and report readers see them. A scorecard's new criteria make a new
// version: reviews keep the version they were scored with.
import {api} from "../api.js";
import {el} from "../dom.js";
import {formatNumber, language, t} from "../i18n.js";
import {agentName, can, state} from "../state.js";
import {documentEditor, listEditor, teamName} from "./editor.js";

const TRIGGERS = ["random", "csat_low", "escalated", "bot_handover", "reopened", "sla_breach", "money_at_risk",
  "check_failed"];
const CHECKS = ["secret_request", "internal_note_sent", "reply_language", "first_response_sla",
  "waiting_between_replies", "resolved_without_reply"];
const LOW_ACTIONS = ["none", "flag", "reopen"];

const canEdit = () => can("quality.configure");

function triggerLabel(code) { return t("qa.reason_" + code); }
function checkLabel(code) { return t("quality.check_" + code); }
function yesNo(value) { return value ? t("settings_quality.yes") : t("settings_quality.no"); }

// A text kept per language, in the reader's language, else English, else any.
function localized(texts) {
  if (!texts || typeof texts !== "object") return texts || "";
  return texts[language] || texts[language.split("-")[0]] || texts.en || Object.values(texts)[0] || "";
}

const idOrNull = (v) => (v === "" || v === null || v === undefined ? null : Number(v));

const csat = documentEditor({
  title: t("settings_quality.csat_title"),
  intro: t("settings_quality.csat_intro"),
  canEdit,
  load: () => api("GET", "/api/v1/qa/settings"),
  fields: [
    {name: "csat_enabled", label: t("settings_quality.csat_enabled"), type: "checkbox", show: yesNo},
    {name: "csat_low_action", label: t("settings_quality.csat_low_action"), type: "select", required: true,
      options: () => LOW_ACTIONS.map((a) => [a, t("settings_quality.low_" + a)]),
      show: (v) => t("settings_quality.low_" + v)},
    {name: "csat_change_minutes", label: t("settings_quality.csat_change_minutes"), type: "number", min: 0,
      max: 10080, required: true, help: t("settings_quality.csat_change_minutes_help"),
      show: (v) => formatNumber(v)},
    {name: "csat_link_days", label: t("settings_quality.csat_link_days"), type: "number", min: 1, max: 365,
      required: true, help: t("settings_quality.csat_link_days_help"), show: (v) => formatNumber(v)},
  ],
  save: (body) => api("PATCH", "/api/v1/qa/settings", body),
});

function scope(rule) {
  const parts = [];
  if (rule.team_id !== null) parts.push(teamName(rule.team_id));
  if (rule.agent_id !== null) parts.push(agentName(rule.agent_id));
  if (rule.check) parts.push(checkLabel(rule.check));
  return parts.length ? parts.join(" · ") : t("settings_quality.everyone");
}

// A rule without a name (the built-in ones) is named by what it takes, in the reader's language.
function ruleName(rule) {
  if (rule.name) return rule.name;
  return rule.check ? triggerLabel(rule.trigger) + ": " + checkLabel(rule.check) : triggerLabel(rule.trigger);
}

const rules = listEditor({
  title: t("settings_quality.rules_title"),
  intro: t("settings_quality.rules_intro"),
  canEdit,
  addLabel: t("settings_quality.rules_add"),
  load: () => Promise.all([api("GET", "/api/v1/qa/sampling-rules"), api("GET", "/api/v1/teams")])
    .then(([items, teams]) => { state.teams = teams; return items; }),
  describe: ruleName,
  columns: [
    {label: t("settings_quality.rule_name"), text: ruleName},
    {label: t("settings_quality.rule_trigger"), text: (r) => triggerLabel(r.trigger)},
    {label: t("settings_quality.rule_percent"), text: (r) => (r.percent === null ? "–" :
      t("settings_quality.percent", {n: formatNumber(r.percent)}))},
    {label: t("settings_quality.rule_scope"), text: scope},
    {label: t("settings_quality.rule_active"), text: (r) => yesNo(r.active)},
  ],
  fields: [
    {name: "name", label: t("settings_quality.rule_name")},
    {name: "trigger", label: t("settings_quality.rule_trigger"), type: "select", required: true, edit: false,
      options: () => TRIGGERS.map((c) => [c, triggerLabel(c)])},
    {name: "percent", label: t("settings_quality.rule_percent"), type: "number", min: 0.01, max: 100, step: "any",
      help: t("settings_quality.rule_percent_help")},
    {name: "team_id", label: t("settings_quality.rule_team"), type: "select", parse: idOrNull,
      options: () => [["", t("settings_quality.everyone")]].concat(state.teams.map((x) => [x.id, x.name]))},
    {name: "agent_id", label: t("settings_quality.rule_agent"), type: "select", parse: idOrNull,
      options: () => [["", t("settings_quality.everyone")]].concat(state.agents.map((a) => [a.id, a.name]))},
    {name: "check", label: t("settings_quality.rule_check"), type: "select", help: t("settings_quality.rule_check_help"),
      options: () => [["", t("settings_quality.any_check")]].concat(CHECKS.map((c) => [c, checkLabel(c)]))},
    {name: "active", label: t("settings_quality.rule_active"), type: "checkbox", initial: true},
  ],
  create: (body) => api("POST", "/api/v1/qa/sampling-rules", body),
  update: (r, body) => api("PATCH", "/api/v1/qa/sampling-rules/" + r.id, body),
  remove: (r) => api("DELETE", "/api/v1/qa/sampling-rules/" + r.id),
});

function criteriaText(card) {
  return card.criteria.map((c) => {
    const marks = [localized(c.name)];
    if (c.critical) marks.push(t("settings_quality.critical"));
    marks.push(c.scale === "1-5" ? "1–5" : t("settings_quality.pass_fail"));
    if (c.weight !== 1) marks.push("×" + formatNumber(c.weight));
    return marks.join(" ");
  }).join(" · ");
}

// What the JSON box shows: the criteria as the API takes them back.
function editable(card) {
  return card.criteria.map((c) => ({key: c.key, name: c.name, description: c.description, weight: c.weight,
    scale: c.scale, allow_na: c.allow_na, critical: c.critical}));
}

const scorecards = listEditor({
  title: t("settings_quality.cards_title"),
  intro: t("settings_quality.cards_intro"),
  canEdit,
  addLabel: t("settings_quality.cards_add"),
  load: () => api("GET", "/api/v1/qa/scorecards"),
  describe: (c) => c.name,
  columns: [
    {label: t("settings_quality.card_name"), text: (c) => c.name},
    {label: t("settings_quality.card_version"), text: (c) => formatNumber(c.version)},
    {label: t("settings_quality.card_criteria"), text: criteriaText},
    {label: t("settings_quality.rule_active"), text: (c) => yesNo(c.active)},
  ],
  fields: [
    {name: "name", label: t("settings_quality.card_name"), required: true},
    {name: "criteria", label: t("settings_quality.card_criteria"), type: "json", rows: 14, required: true,
      help: t("settings_quality.card_criteria_help"), value: editable,
      initial: [{key: "greeting", name: {en: "Greets the customer by name"}, scale: "pass_fail", weight: 1},
        {key: "no_secret_requested", name: {en: "Never asks for a password, code or seed phrase"},
          scale: "pass_fail", critical: true}]},
    {name: "active", label: t("settings_quality.rule_active"), type: "checkbox", create: false},
  ],
  create: (body) => api("POST", "/api/v1/qa/scorecards", body),
  update: (c, body) => api("PATCH", "/api/v1/qa/scorecards/" + c.id, body),
});

export default {
  name: "quality",
  label: () => t("settings.nav.quality"),
  perms: ["quality.configure", "reports.read"],
  render(root) {
    root.textContent = "";
    [["settings-quality-csat", csat], ["settings-quality-rules", rules], ["settings-quality-scorecards", scorecards]]
      .forEach(([testid, render]) => {
        const part = el("div", "settings-part");
        part.setAttribute("data-testid", testid);
        root.appendChild(part);
        render(part);
      });
  },
};
