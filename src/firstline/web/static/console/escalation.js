// Escalation of the open conversation: the bar under its header, the Escalate dialog,
// acknowledge / return, and the toasts when something is escalated to or returned to me.
import {api} from "./api.js";
import {$, channelName, customerName, fillSelect, toast, when} from "./dom.js";
import {openConversation} from "./conversation.js";
import {t} from "./i18n.js";
import {agentName, me, state, teamById} from "./state.js";

let escalation = null;   // the open conversation's active escalation, if any

export function levelName(n) {
  const l = state.levels.find((x) => x.level === n);
  return "L" + n + (l ? " " + l.name : "");
}

export function loadEscalation(id) {
  api("GET", "/api/v1/conversations/" + id + "/escalations").then((list) => {
    if (!state.open || state.open.id !== id) return;
    const active = list.filter((e) => e.state === "open" || e.state === "acknowledged");
    escalation = active.length ? active[active.length - 1] : null;
    renderEscalation();
  }).catch(() => {});
}

function renderEscalation() {
  const c = state.open, e = escalation;
  $("conv-title").textContent = "#" + c.id + " · " + customerName(c.customer) + " · " +
    c.language + " · " + channelName(c.channel) + (c.escalation_level > 1 ? " · " + levelName(c.escalation_level) : "");
  $("escalation-bar").hidden = !e;
  if (!e) return;
  const team = e.to_team_id ? teamById(e.to_team_id) : null;
  const target = team ? t("esc.team_name", {name: team.name}) : levelName(e.to_level);
  const status = e.state === "open"
    ? t("esc.waiting_ack", {target, time: when(e.ack_due_at)})
    : t("esc.acknowledged_by", {name: agentName(e.acknowledged_by_agent_id), target});
  $("escalation-text").textContent = t("esc.escalated") + status + " — " + e.reason;
  $("acknowledge").hidden = e.state !== "open";
}

function openEscalateDialog() {
  if (!state.open) return;
  const current = state.open.escalation_level;
  const options = [];
  if (current < 10) options.push(["next", t("esc.next_level") + levelName(current + 1)]);
  for (let n = current + 2; n <= 10; n++) options.push([String(n), levelName(n)]);
  state.teams.forEach((team) => {
    if (team.id !== state.open.team_id) options.push(["team:" + team.id, t("esc.team") + team.name]);
  });
  fillSelect($("escalate-to"), options, options.length ? options[0][0] : "");
  $("escalate-reason").value = "";
  $("escalate-error").hidden = true;
  $("escalate-dialog").showModal();
  $("escalate-reason").focus();
}

function submitEscalation(event) {
  event.preventDefault();
  const v = $("escalate-to").value;
  let to;
  if (v === "next") to = "next";
  else if (v.indexOf("team:") === 0) to = {team_id: Number(v.slice(5))};
  else to = Number(v);
  const reason = $("escalate-reason").value.trim();
  if (!reason) { $("escalate-error").textContent = t("esc.say_why"); $("escalate-error").hidden = false; return; }
  $("escalate-submit").disabled = true;
  api("POST", "/api/v1/conversations/" + state.open.id + "/escalate", {reason, to}).then((e) => {
    $("escalate-dialog").close();
    state.open.escalation_level = e.conversation_escalation_level;
    escalation = e;
    renderEscalation();
    toast(t("esc.escalated_to", {id: e.conversation_id, target: e.to_team_id ? t("esc.the_team") : levelName(e.to_level)}));
  }).catch((err) => {
    $("escalate-error").textContent = err.message;
    $("escalate-error").hidden = false;
  }).then(() => { $("escalate-submit").disabled = false; });
}

function acknowledge(id) {
  return api("POST", "/api/v1/conversations/" + id + "/escalation/acknowledge").then((e) => {
    if (state.open && state.open.id === id) { escalation = e; renderEscalation(); }
    return e;
  });
}

export default {
  name: "escalation",
  mount() {
    $("escalate").addEventListener("click", openEscalateDialog);
    $("escalate-form").addEventListener("submit", submitEscalation);
    $("escalate-cancel").addEventListener("click", () => { $("escalate-dialog").close(); });
    $("acknowledge").addEventListener("click", () => {
      if (state.open) acknowledge(state.open.id).catch((e) => { alert(e.message); });
    });
    $("deescalate").addEventListener("click", () => {
      if (!state.open) return;
      const reason = prompt(t("esc.why_return"), t("esc.handled_here"));
      if (!reason) return;
      api("POST", "/api/v1/conversations/" + state.open.id + "/escalation/return", {reason})
        .then(() => { openConversation(state.open.id); })
        .catch((e) => { alert(e.message); });
    });
  },
  events: {
    "escalation.raised": (doc) => {
      if ((doc.notify_agent_ids || []).indexOf(me.id) < 0) return;
      const id = doc.conversation_id;
      toast(t(doc.automatic ? "esc.climbed_to_you" : "esc.escalated_to_you", {id}) + " · " +
            (doc.to_team_id ? t("esc.your_team") : levelName(doc.to_level)) + " · " + doc.reason,
            [[t("alerts.open"), () => { openConversation(id); }],
             [t("esc.acknowledge"), () => { acknowledge(id).catch((e) => { alert(e.message); }); }]]);
    },
    "escalation.*": (doc) => {
      if (doc.type === "escalation.returned" && doc.to_agent_id === me.id) {
        toast(t("esc.returned_to_you", {id: doc.conversation_id}) + " · " + doc.reason);
      }
      if (state.open && doc.conversation_id === state.open.id) openConversation(state.open.id);
    },
  },
};
