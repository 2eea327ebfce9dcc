// The audit log: who did what to which record, and when (GET /api/v1/audit), for those whose
// role has audit.read. Filters by agent, action (a code or its beginning: "agent."), record
// and time; newest first, "Older entries" fetches the next keyset page. Each action reads in
// the agent's language with its code beside it; times are in the agent's locale; codes,
// hashes and details keep their left-to-right order in Arabic. The CSV link downloads the
// filtered range (GET /api/v1/audit.csv), and that download is itself audited.
import {api} from "../api.js";
import {el, fillSelect, plainWords} from "../dom.js";
import {language, t} from "../i18n.js";
import {state} from "../state.js";

const view = {filters: {}, cursor: null, body: null, more: null, count: 0};
let timeFormat = null;

// A label from the catalog when it has one, else null (the raw code is shown anyway).
function label(key) {
  const text = t(key);
  return text === key ? null : text;
}

export function actionLabel(code) { return label("settings_audit.action." + code); }

function entityLabel(type) { return label("settings_audit.entity." + type) || plainWords(type); }

function moment(iso) {
  if (!timeFormat) timeFormat = new Intl.DateTimeFormat(language, {dateStyle: "medium", timeStyle: "medium"});
  const d = new Date(iso);
  return isNaN(d) ? "" : timeFormat.format(d);
}

function ltr(tag, text, cls) {
  const node = el(tag, cls, text);
  node.dir = "ltr";
  return node;
}

function who(e) {
  if (e.actor_kind === "agent") {
    const name = e.actor_name || t("common.agent_id", {id: e.actor_agent_id});
    const cell = el("bdi", null, name);
    return cell;
  }
  return el("span", "muted", label("settings_audit.actor." + e.actor_kind) || plainWords(e.actor_kind));
}

function actionCell(e) {
  const cell = el("span", "audit-action");
  const text = actionLabel(e.action);
  if (text) cell.appendChild(el("span", null, text));
  cell.appendChild(ltr("code", e.action, "audit-code"));
  return cell;
}

function row(e) {
  const tr = el("tr");
  tr.setAttribute("data-testid", "audit-entry");
  tr.setAttribute("data-id", String(e.id));
  const at = el("time", null, moment(e.at));
  at.dateTime = e.at;
  const hash = ltr("code", e.hash.slice(0, 12) + "…", "audit-hash");
  hash.title = e.hash;
  const details = ltr("code", Object.keys(e.data || {}).length ? JSON.stringify(e.data) : "", "audit-data");
  const entity = el("span", null, entityLabel(e.entity_type) + " ");
  entity.appendChild(ltr("bdi", "#" + e.entity_id));
  [at, who(e), actionCell(e), entity, details, hash].forEach((node) => {
    const td = el("td");
    td.appendChild(node);
    tr.appendChild(td);
  });
  return tr;
}

function query(extra) {
  const params = new URLSearchParams();
  Object.entries(Object.assign({}, view.filters, extra || {})).forEach(([k, v]) => {
    if (v !== "" && v !== null && v !== undefined) params.set(k, v);
  });
  return params.toString();
}

function load(more) {
  const status = view.status;
  status.textContent = "";
  const params = query(more && view.cursor ? {cursor: view.cursor, limit: 50} : {limit: 50});
  return api("GET", "/api/v1/audit?" + params).then((page) => {
    if (!more) { view.body.textContent = ""; view.count = 0; }
    page.items.forEach((e) => { view.body.appendChild(row(e)); });
    view.count += page.items.length;
    view.cursor = page.next_cursor;
    view.more.hidden = !page.next_cursor;
    status.textContent = view.count ? t("settings_audit.count", {n: view.count}) : t("settings_audit.empty");
  }).catch((err) => { status.textContent = err.message; });
}

// A datetime-local value is the agent's local time; the API takes an ISO instant.
function instant(value) {
  if (!value) return "";
  const d = new Date(value);
  return isNaN(d) ? "" : d.toISOString();
}

function field(form, name, text, input) {
  const wrap = el("label", "audit-filter");
  wrap.appendChild(el("span", null, text));
  input.name = name;
  input.setAttribute("data-testid", "audit-filter-" + name);
  wrap.appendChild(input);
  form.appendChild(wrap);
  return input;
}

function render(root) {
  root.textContent = "";
  root.appendChild(el("h2", null, t("settings_audit.nav")));
  root.appendChild(el("p", "intro", t("settings_audit.intro")));
  const form = el("form", "audit-filters");
  form.setAttribute("data-testid", "audit-filters");
  const agent = field(form, "actor", t("settings_audit.agent"), el("select"));
  fillSelect(agent, [["", t("settings_audit.any_agent")]].concat(state.agents.map((a) => [a.id, a.name])), "");
  const action = field(form, "action", t("settings_audit.action_filter"), el("input"));
  action.dir = "ltr";
  action.placeholder = "agent.";
  action.title = t("settings_audit.action_help");
  const type = field(form, "entity_type", t("settings_audit.entity_type"), el("input"));
  type.dir = "ltr";
  const id = field(form, "entity_id", t("settings_audit.entity_id"), el("input"));
  id.type = "number";
  id.min = "1";
  const from = field(form, "from", t("settings_audit.from"), el("input"));
  from.type = "datetime-local";
  const to = field(form, "to", t("settings_audit.to"), el("input"));
  to.type = "datetime-local";
  const show = el("button", "primary", t("settings_audit.apply"));
  show.type = "submit";
  show.setAttribute("data-testid", "audit-apply");
  form.appendChild(show);
  const csv = el("a", "audit-csv", t("settings_audit.download"));
  csv.setAttribute("data-testid", "audit-csv");
  csv.setAttribute("download", "");
  form.appendChild(csv);
  root.appendChild(form);

  const sync = () => {
    view.filters = {
      actor: agent.value, action: action.value.trim(), entity_type: type.value.trim(),
      entity_id: id.value, from: instant(from.value), to: instant(to.value),
    };
    csv.href = "/api/v1/audit.csv?" + query();
  };
  form.addEventListener("submit", (ev) => { ev.preventDefault(); sync(); load(false); });

  const table = el("table", "list audit-log");
  const head = el("tr");
  ["when", "who", "action", "entity", "details", "hash"].forEach((k) => {
    head.appendChild(el("th", null, t("settings_audit." + k)));
  });
  const thead = el("thead");
  thead.appendChild(head);
  table.appendChild(thead);
  view.body = el("tbody");
  table.appendChild(view.body);
  root.appendChild(table);
  view.status = el("p", "muted");
  view.status.setAttribute("data-testid", "audit-status");
  view.status.setAttribute("role", "status");
  root.appendChild(view.status);
  view.more = el("button", null, t("settings_audit.older"));
  view.more.type = "button";
  view.more.hidden = true;
  view.more.setAttribute("data-testid", "audit-older");
  view.more.addEventListener("click", () => { load(true); });
  root.appendChild(view.more);
  sync();
  load(false);
}

export default {
  name: "audit",
  label: () => t("settings_audit.nav"),
  perms: ["audit.read"],
  render,
};
