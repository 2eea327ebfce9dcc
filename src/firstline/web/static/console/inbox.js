// The inbox column: the tabs (mine, unassigned, my teams, queue, all, with the bot) and the
// list under them. Reloads on any conversation or message event, at most every 250 ms.
import {api} from "./api.js";
import {openConversation} from "./conversation.js";
import {$, customerName, duration, el, when} from "./dom.js";
import {t} from "./i18n.js";
import {FACTORS} from "./reasons.js";
import {can, me, state, teamById} from "./state.js";

let refreshTimer = null;

function inboxQueries() {
  if (state.inbox === "mine") return ["status=open&assignee_id=" + me.id];
  if (state.inbox === "unassigned") return ["status=open&assignee_id=none"];
  if (state.inbox === "bot") return ["status=bot"];
  if (state.inbox === "teams") {
    if (!me.teams.length) return ["status=open"];
    return me.teams.map((team) => "status=open&team_id=" + team);
  }
  return ["status=open"];
}

function loadQueue() {
  const all = can("conversations.read_all");
  const teams = all ? state.teams.map((team) => team.id) : me.teams.slice();
  if (all) teams.push("unrouted");
  return Promise.all(teams.map((team) =>
    api("GET", "/api/v1/routing/queues/" + team + "?limit=50").catch(() => ({items: []}))
  )).then((queues) => {
    const items = [];
    queues.forEach((q) => {
      q.items.forEach((i) => { i.team_id = q.team_id; items.push(i); });
    });
    items.sort((a, b) => a.queue_rank - b.queue_rank || a.conversation_id - b.conversation_id);
    renderQueue(items.slice(0, 50));
  }).catch(() => {});
}

const BOOSTS = ["funds_at_risk", "vip", "negative_sentiment", "priority", "relaxed", "rerouted"];

function renderQueue(items) {
  const list = $("inbox");
  list.textContent = "";
  if (!items.length) { list.appendChild(el("li", "inbox-empty", t("inbox.queue_empty"))); return; }
  const now = Date.now();
  items.forEach((q, n) => {
    const li = el("li", "inbox-item");
    li.setAttribute("data-testid", "queue-item");
    li.setAttribute("data-id", String(q.conversation_id));
    const top = el("div", "inbox-top");
    top.appendChild(el("span", "inbox-who", (n + 1) + ". #" + q.conversation_id));
    top.appendChild(el("span", "badge lang", q.language));
    if (q.priority_boost_seconds > 0) top.appendChild(el("span", "badge prio-high", "+" + duration(q.priority_boost_seconds)));
    li.appendChild(top);
    const boosts = q.reasons.filter((r) => BOOSTS.indexOf(r.factor) >= 0).map((r) => FACTORS[r.factor](r));
    li.appendChild(el("div", "inbox-preview", boosts.join(" · ") || t("inbox.arrival_order")));
    const team = teamById(q.team_id);
    const waited = q.queued_at ? duration((now - new Date(q.queued_at).getTime()) / 1000) : "";
    li.appendChild(el("div", "inbox-time", (team ? team.name : t("dash.unrouted")) + " · " + t("inbox.waiting_for", {time: waited})));
    li.addEventListener("click", () => { openConversation(q.conversation_id); });
    list.appendChild(li);
  });
}

export function loadInbox() {
  if (state.inbox === "queue") return loadQueue();
  return Promise.all(inboxQueries().map((q) => api("GET", "/api/v1/conversations?limit=50&" + q)))
    .then((pages) => {
      const byId = {};
      pages.forEach((p) => { p.items.forEach((c) => { byId[c.id] = c; }); });
      const items = Object.keys(byId).map((k) => byId[k]).sort((a, b) => b.id - a.id).slice(0, 50);
      renderInbox(items);
    }).catch(() => {});
}

function renderInbox(items) {
  const list = $("inbox");
  list.textContent = "";
  if (!items.length) { list.appendChild(el("li", "inbox-empty", t("inbox.empty"))); return; }
  items.forEach((c) => {
    const li = el("li", "inbox-item" + (state.open && state.open.id === c.id ? " active" : ""));
    li.setAttribute("data-testid", "inbox-item");
    li.setAttribute("data-id", String(c.id));
    const top = el("div", "inbox-top");
    const who = el("span", "inbox-who");
    const name = el("span", null, customerName(c.customer));
    name.dir = "auto";
    who.appendChild(name);
    top.appendChild(who);
    top.appendChild(el("span", "badge lang", c.language));
    if (c.priority !== "normal") top.appendChild(el("span", "badge prio-" + c.priority, t("priority." + c.priority)));
    li.appendChild(top);
    const preview = el("div", "inbox-preview", c.last_message_preview);
    preview.dir = "auto";
    li.appendChild(preview);
    li.appendChild(el("div", "inbox-time", "#" + c.id + " · " + when(c.last_message_at)));
    li.addEventListener("click", () => { openConversation(c.id); });
    list.appendChild(li);
  });
}

export function refreshSoon() {
  if (refreshTimer) return;
  refreshTimer = setTimeout(() => { refreshTimer = null; loadInbox(); }, 250);
}

export default {
  name: "inbox",
  mount() {
    const tabs = document.querySelectorAll("[data-inbox]");
    tabs.forEach((button) => {
      button.addEventListener("click", () => {
        state.inbox = button.getAttribute("data-inbox");
        tabs.forEach((b) => { b.setAttribute("aria-selected", b === button ? "true" : "false"); });
        loadInbox();
      });
    });
    document.querySelector('[data-inbox="mine"]').setAttribute("aria-selected", "true");
  },
  events: {
    "live.open": loadInbox,
    "resync": loadInbox,
    "message.posted": refreshSoon,
    "conversation.*": refreshSoon,
  },
};
