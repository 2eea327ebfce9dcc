// Webhooks: the company's own endpoints that receive the desk's events, signed with a secret
// (Standard Webhooks). The secret is shown once, when an endpoint is added or its secret
// rotated, because the API never gives it again; each endpoint's delivery log says what was
// sent, what the receiver answered and when the next attempt is due. Only admins have
// webhooks (to anyone else the API answers that they do not exist), so only they see the group.
import {api} from "../api.js";
import {el, plainWords, selectText, toast, when} from "../dom.js";
import {formatNumber, t, listText} from "../i18n.js";
import {listEditor} from "./editor.js";
import {can} from "../state.js";

const ALL = "*";
const LOG_PAGE = 20;
const REFRESH_MS = 3000;

let eventTypes = [];
// The parts of the page the list editor does not draw: the secret just shown, the open log.
const view = {secret: null, log: null, logFor: null, timer: null};

export function eventName(type) {
  if (type === ALL) return t("settings_desk.webhooks.event_all");
  const key = "settings_desk.webhooks.event." + type;
  const text = t(key);
  return text === key ? plainWords(type) : text;
}

function eventOptions() {
  return eventTypes.map((e) => [e, e === ALL ? eventName(e) : eventName(e) + " (" + e + ")"]);
}

function load() {
  const events = eventTypes.length ? Promise.resolve(eventTypes) :
    api("GET", "/api/v1/webhooks/events").then((list) => { eventTypes = list; return list; });
  return events.then(() => api("GET", "/api/v1/webhooks"));
}

function eventsText(w) {
  return w.events.indexOf(ALL) >= 0 ? eventName(ALL) : listText(w.events.map(eventName));
}

function urlCell(w) {
  const code = el("span", null, w.url);
  code.dir = "ltr";
  return code;
}

// --- the secret, once ------------------------------------------------------------------------

function showSecret(webhook) {
  const box = view.secret;
  if (!box) return;
  box.textContent = "";
  box.hidden = false;
  const panel = el("div", "settings-readonly");
  panel.setAttribute("data-testid", "settings-webhook-secret");
  panel.appendChild(el("p", null, t("settings_desk.webhooks.secret_for", {url: webhook.url})));
  const value = el("code", null, webhook.secret);
  value.dir = "ltr";
  value.setAttribute("data-testid", "settings-webhook-secret-value");
  const line = el("p");
  line.appendChild(value);
  panel.appendChild(line);
  panel.appendChild(el("p", null, t("settings_desk.webhooks.secret_once")));
  const buttons = el("div", "settings-buttons");
  const copy = el("button", "primary", t("settings_desk.webhooks.copy"));
  copy.type = "button";
  copy.setAttribute("data-testid", "settings-webhook-copy");
  copy.addEventListener("click", () => {
    const done = () => toast(t("settings_desk.webhooks.copied"));
    // The clipboard needs a secure context; elsewhere the secret is selected for Ctrl+C.
    if (navigator.clipboard && window.isSecureContext) {
      navigator.clipboard.writeText(webhook.secret).then(done, () => { selectText(value); });
    } else {
      selectText(value);
      toast(t("settings_desk.webhooks.selected"));
    }
  });
  const close = el("button", null, t("settings_desk.webhooks.secret_done"));
  close.type = "button";
  close.setAttribute("data-testid", "settings-webhook-secret-close");
  close.addEventListener("click", () => { box.textContent = ""; box.hidden = true; });
  buttons.appendChild(copy);
  buttons.appendChild(close);
  panel.appendChild(buttons);
  box.appendChild(panel);
  box.scrollIntoView({block: "nearest"});
}

// --- the delivery log ------------------------------------------------------------------------

function stateText(d) {
  // An attempt on its way: neither failed nor waiting, whatever the previous attempt did.
  if (d.sending) return t("settings_desk.webhooks.state_sending");
  if (d.state === "pending") {
    return t(d.attempts ? "settings_desk.webhooks.state_retrying" : "settings_desk.webhooks.state_queued");
  }
  const key = "settings_desk.webhooks.state_" + d.state;
  const text = t(key);
  return text === key ? plainWords(d.state) : text;
}

function responseText(d) {
  if (d.status_code !== null && d.status_code !== undefined) {
    return d.error ? d.status_code + " · " + d.error : String(d.status_code);
  }
  return d.error || "–";
}

const LOG_COLUMNS = [
  ["time", (d) => when(d.created_at)],
  ["event", (d) => eventName(d.type || "")],
  ["status", stateText],
  ["attempts", (d) => formatNumber(d.attempts)],
  ["response", responseText],
  ["next_retry", (d) => (d.next_attempt_at ? when(d.next_attempt_at) : "–")],
];

function logRows(tbody, items) {
  items.forEach((d) => {
    const tr = el("tr");
    tr.setAttribute("data-testid", "settings-delivery");
    tr.setAttribute("data-state", d.state);
    tr.setAttribute("data-sending", d.sending ? "true" : "false");
    LOG_COLUMNS.forEach((c) => {
      const td = el("td", c[0] === "response" ? "ltr" : null, c[1](d));
      td.setAttribute("data-column", c[0]);
      tr.appendChild(td);
    });
    tbody.appendChild(tr);
  });
}

function stopRefresh() {
  if (view.timer) clearTimeout(view.timer);
  view.timer = null;
}

function showLog(webhook) {
  const box = view.log;
  if (!box) return;
  stopRefresh();
  view.logFor = webhook.id;
  box.textContent = "";
  const panel = el("section", "settings-log");
  panel.setAttribute("data-testid", "settings-webhook-log-panel");
  const head = el("header", "settings-head");
  head.appendChild(el("h3", null, t("settings_desk.webhooks.log_title", {url: webhook.url})));
  const refresh = el("button", null, t("settings_desk.webhooks.refresh"));
  refresh.type = "button";
  refresh.setAttribute("data-testid", "settings-webhook-log-refresh");
  refresh.addEventListener("click", () => { showLog(webhook); });
  head.appendChild(refresh);
  panel.appendChild(head);
  panel.appendChild(el("p", "settings-intro muted", t("settings_desk.webhooks.log_intro")));
  const table = el("table", "settings-table");
  const thead = el("thead");
  const tr = el("tr");
  LOG_COLUMNS.forEach((c) => { tr.appendChild(el("th", null, t("settings_desk.webhooks.log_" + c[0]))); });
  thead.appendChild(tr);
  table.appendChild(thead);
  const tbody = el("tbody");
  table.appendChild(tbody);
  panel.appendChild(table);
  const more = el("div", "settings-buttons");
  panel.appendChild(more);
  box.appendChild(panel);
  const page = (cursor) => api("GET", "/api/v1/webhooks/" + webhook.id + "/deliveries?limit=" + LOG_PAGE +
    (cursor ? "&cursor=" + encodeURIComponent(cursor) : "")).then((doc) => {
    if (!cursor && !doc.items.length) {
      const td = el("td", "muted", t("settings_desk.webhooks.log_empty"));
      td.colSpan = LOG_COLUMNS.length;
      const empty = el("tr");
      empty.appendChild(td);
      tbody.appendChild(empty);
    }
    logRows(tbody, doc.items);
    more.textContent = "";
    if (doc.next_cursor) {
      const older = el("button", null, t("settings_desk.webhooks.older"));
      older.type = "button";
      older.setAttribute("data-testid", "settings-webhook-log-older");
      older.addEventListener("click", () => { page(doc.next_cursor); });
      more.appendChild(older);
    }
    // While something waits to be sent, the log follows it; it stops once the page is left.
    if (!cursor && doc.items.some((d) => d.state === "pending")) {
      view.timer = setTimeout(() => {
        if (panel.isConnected && view.logFor === webhook.id) showLog(webhook);
      }, REFRESH_MS);
    }
  }).catch((e) => {
    const p = el("p", "form-error", e.message);
    p.setAttribute("role", "alert");
    panel.appendChild(p);
  });
  page(null);
  box.scrollIntoView({block: "nearest"});
}

function logButton(w) {
  const b = el("button", null, t("settings_desk.webhooks.show_log"));
  b.type = "button";
  b.setAttribute("data-testid", "settings-webhook-log");
  b.addEventListener("click", () => { showLog(w); });
  const cell = el("span", "settings-actions");
  cell.appendChild(b);
  return cell;
}

const list = listEditor({

  canEdit: () => can("webhooks.manage"),
  title: t("settings.nav.webhooks"),
  intro: t("settings_desk.webhooks.intro"),
  addLabel: t("settings_desk.webhooks.add"),
  addTitle: t("settings_desk.webhooks.add"),
  load,
  describe: (w) => w.url,
  empty: t("settings_desk.webhooks.empty"),
  columns: [
    {label: t("settings_desk.webhooks.url"), text: urlCell},
    {label: t("settings_desk.webhooks.events"), text: eventsText},
    {label: t("settings_desk.webhooks.state"), text: (w) => t(w.active ? "settings_desk.webhooks.active" : "settings_desk.webhooks.paused")},
    {label: t("settings_desk.webhooks.created"), text: (w) => when(w.created_at)},
    {label: t("settings_desk.webhooks.log"), text: logButton},
  ],
  fields: [
    {name: "url", label: t("settings_desk.webhooks.url"), required: true, dir: "ltr", placeholder: "https://example.com/firstline",
      help: t("settings_desk.webhooks.url_help")},
    {name: "events", label: t("settings_desk.webhooks.events"), type: "multi", required: true, options: eventOptions,
      help: t("settings_desk.webhooks.events_help")},
    {name: "active", label: t("settings_desk.webhooks.active_long"), type: "checkbox", initial: true,
      help: t("settings_desk.webhooks.active_help")},
  ],
  create: (body) => api("POST", "/api/v1/webhooks", body).then((w) => { showSecret(w); return w; }),
  update: (w, body) => api("PATCH", "/api/v1/webhooks/" + w.id, body),
  remove: (w) => api("DELETE", "/api/v1/webhooks/" + w.id).then(() => {
    if (view.logFor === w.id && view.log) { stopRefresh(); view.log.textContent = ""; view.logFor = null; }
  }),
  actions: [{
    label: t("settings_desk.webhooks.test"),
    testid: "settings-webhook-test",
    submit: (w) => api("POST", "/api/v1/webhooks/" + w.id + "/test").then((r) => { showLog(w); return r; }),
    done: () => t("settings_desk.webhooks.test_queued"),
  }, {
    label: t("settings_desk.webhooks.rotate"),
    submitLabel: t("settings_desk.webhooks.rotate_now"),
    testid: "settings-webhook-rotate",
    fields: [],
    submit: (w) => api("POST", "/api/v1/webhooks/" + w.id + "/rotate-secret").then((r) => { showSecret(r); return r; }),
    done: () => t("settings_desk.webhooks.rotated"),
  }],
});

export default {
  name: "webhooks",
  label: () => t("settings.nav.webhooks"),
  perms: ["webhooks.manage"],
  render(root) {
    stopRefresh();
    root.textContent = "";
    const top = el("div", "settings-part");
    view.secret = el("div", "settings-secret");
    view.secret.hidden = true;
    view.log = el("div", "settings-part");
    view.logFor = null;
    root.appendChild(top);
    root.appendChild(view.secret);
    root.appendChild(view.log);
    list(top);
  },
};
