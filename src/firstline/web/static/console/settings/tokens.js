// API tokens: the agent's own bearer tokens for scripts and integrations. Each has a name, the
// permissions it may use (a subset of the agent's; none chosen means all of them) and an
// expiry. The secret is shown once, when the token is made, because the API never gives it
// again; the list shows its first characters, when it was last used and from where. Revoking
// takes effect on the next request, in every server process. Everyone has this group.
import {api} from "../api.js";
import {el, selectText, toast, when} from "../dom.js";
import {t, listText} from "../i18n.js";
import {listEditor} from "./editor.js";

const NEVER = "never";
const LIFETIMES = [7, 30, 90, 180, 365];

const view = {secret: null};

function held() {
  const meta = document.querySelector('meta[name="agent-permissions"]');
  return meta ? meta.content.split(/\s+/).filter(Boolean) : [];
}

// A permission in the reader's words, as the roles group names it; else its own name.
export function permissionName(name) {
  const key = "settings_access.permission." + name.replace(".", "_");
  const text = t(key);
  return text === key ? name : text;
}

function scopeOptions() {
  return held().sort().map((p) => [p, permissionName(p)]);
}

function lifetimeOptions() {
  const options = LIFETIMES.map((d) => [String(d), t("settings_tokens.days", {n: d})]);
  if (held().indexOf("tokens.manage") >= 0) options.push([NEVER, t("settings_tokens.never")]);
  return options;
}

function scopesText(token) {
  if (token.scopes === null || token.scopes === undefined) return t("settings_tokens.all_permissions");
  if (!token.scopes.length) return t("settings_tokens.no_permissions");
  return listText(token.scopes.map(permissionName));
}

function lastUse(token) {
  if (!token.last_used_at) return t("settings_tokens.never_used");
  return token.last_used_address ?
    t("settings_tokens.used_from", {time: when(token.last_used_at), address: token.last_used_address}) :
    when(token.last_used_at);
}

function prefixCell(token) {
  const code = el("code", null, token.prefix + "…");
  code.dir = "ltr";
  return code;
}

function showSecret(token) {
  const box = view.secret;
  if (!box) return;
  box.textContent = "";
  box.hidden = false;
  const panel = el("div", "settings-readonly");
  panel.setAttribute("data-testid", "settings-token-secret");
  panel.appendChild(el("p", null, t("settings_tokens.secret_for", {name: token.name})));
  const value = el("code", null, token.token);
  value.dir = "ltr";
  value.setAttribute("data-testid", "settings-token-secret-value");
  const line = el("p");
  line.appendChild(value);
  panel.appendChild(line);
  panel.appendChild(el("p", null, t("settings_tokens.secret_once")));
  const buttons = el("div", "settings-buttons");
  const copy = el("button", "primary", t("settings_tokens.copy"));
  copy.type = "button";
  copy.setAttribute("data-testid", "settings-token-copy");
  copy.addEventListener("click", () => {
    const done = () => toast(t("settings_tokens.copied"));
    // The clipboard needs a secure context; elsewhere the secret is selected for Ctrl+C.
    if (navigator.clipboard && window.isSecureContext) {
      navigator.clipboard.writeText(token.token).then(done, () => { selectText(value); });
    } else {
      selectText(value);
      toast(t("settings_tokens.selected"));
    }
  });
  const close = el("button", null, t("settings_tokens.secret_done"));
  close.type = "button";
  close.setAttribute("data-testid", "settings-token-secret-close");
  close.addEventListener("click", () => { box.textContent = ""; box.hidden = true; });
  buttons.appendChild(copy);
  buttons.appendChild(close);
  panel.appendChild(buttons);
  box.appendChild(panel);
  box.scrollIntoView({block: "nearest"});
}

const list = listEditor({
  title: t("settings_tokens.title"),
  intro: t("settings_tokens.intro"),
  canEdit: () => true,
  addLabel: t("settings_tokens.add"),
  addTitle: t("settings_tokens.add"),
  load: () => api("GET", "/api/v1/tokens").then((doc) => doc.items),
  describe: (x) => x.name || x.prefix,
  empty: t("settings_tokens.empty"),
  columns: [
    {label: t("settings_tokens.name"), text: (x) => x.name},
    {label: t("settings_tokens.prefix"), text: prefixCell},
    {label: t("settings_tokens.scopes"), text: scopesText},
    {label: t("settings_tokens.created"), text: (x) => when(x.created_at)},
    {label: t("settings_tokens.expires"), text: (x) => (x.expires_at ? when(x.expires_at) : t("settings_tokens.never"))},
    {label: t("settings_tokens.last_used"), text: lastUse},
  ],
  fields: [
    {name: "name", label: t("settings_tokens.name"), required: true, placeholder: t("settings_tokens.name_placeholder")},
    {name: "scopes", label: t("settings_tokens.scopes"), type: "multi", options: scopeOptions,
      help: t("settings_tokens.scopes_help"), parse: (v) => (v && v.length ? v : null)},
    {name: "expires_in_days", label: t("settings_tokens.expires_in"), type: "select", options: lifetimeOptions,
      initial: "90", required: true, help: t("settings_tokens.expires_help")},
  ],
  create: (body) => {
    const days = body.expires_in_days;
    const sent = Object.assign({}, body, {expires_in_days: days === NEVER ? null : Number(days)});
    return api("POST", "/api/v1/tokens", sent).then((x) => { showSecret(x); return x; });
  },
  actions: [{
    label: t("settings_tokens.revoke"),
    submitLabel: t("settings_tokens.revoke_now"),
    testid: "settings-token-revoke",
    fields: [],
    submit: (x) => api("DELETE", "/api/v1/tokens/" + x.id),
    done: () => t("settings_tokens.revoked"),
  }],
});

export default {
  name: "tokens",
  everyone: true,
  label: () => t("settings_tokens.nav"),
  render(root) {
    root.textContent = "";
    const top = el("div", "settings-part");
    view.secret = el("div", "settings-secret");
    view.secret.hidden = true;
    root.appendChild(view.secret);
    root.appendChild(top);
    list(top);
  },
};
