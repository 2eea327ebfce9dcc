// "My account": one's own password, two-factor sign-in (set up with a QR code, recovery
// codes shown once, turned off with a code) and signed-in sessions (sign one out, or all).
// Everything goes through /api/v1/me/... (web/api/v1/account.py); the texts are the
// "account" catalog's.
import {api} from "./api.js";
import {$, el, when} from "./dom.js";
import {t} from "./i18n.js";

function field(label, input) {
  const wrap = el("label", "account-field");
  wrap.appendChild(el("span", null, label));
  wrap.appendChild(input);
  return wrap;
}

function input(type, testid, extra) {
  const node = el("input");
  node.type = type;
  node.setAttribute("data-testid", testid);
  Object.entries(extra || {}).forEach(([k, v]) => node.setAttribute(k, v));
  return node;
}

function button(text, testid, onClick) {
  const node = el("button", null, text);
  node.type = "button";
  node.setAttribute("data-testid", testid);
  node.addEventListener("click", onClick);
  return node;
}

function say(box, text, ok) {
  box.textContent = text;
  box.className = ok ? "account-note ok" : "account-note error";
  box.hidden = false;
}

function codeInput(testid) {
  return input("text", testid, {inputmode: "numeric", autocomplete: "one-time-code", dir: "ltr"});
}

function showCodes(target, codes) {
  const list = el("ol", "recovery-codes");
  list.setAttribute("dir", "ltr");
  list.setAttribute("data-testid", "account-recovery-codes");
  codes.forEach((c) => { list.appendChild(el("li", null, c)); });
  target.appendChild(el("h4", null, t("account.codes_title")));
  target.appendChild(el("p", "muted", t("account.codes_intro")));
  target.appendChild(list);
}

function passwordPart() {
  const box = el("section", "account-part");
  box.appendChild(el("h3", null, t("account.password_title")));
  const current = input("password", "account-current-password", {autocomplete: "current-password"});
  const next = input("password", "account-new-password", {autocomplete: "new-password", minlength: "12"});
  const note = el("p", "account-note");
  note.hidden = true;
  box.appendChild(field(t("account.password_current"), current));
  box.appendChild(field(t("account.password_new"), next));
  box.appendChild(el("p", "muted", t("account.password_hint")));
  box.appendChild(button(t("account.password_save"), "account-password-save", () => {
    api("PUT", "/api/v1/me/password", {current_password: current.value, new_password: next.value})
      .then(() => { current.value = ""; next.value = ""; say(note, t("account.password_changed"), true); loadSessions(); })
      .catch((e) => { say(note, e.message, false); });
  }));
  box.appendChild(note);
  box.appendChild(el("p", "muted small", t("account.password_forgot")));
  return box;
}

function twoFactorPart() {
  const box = el("section", "account-part");
  box.id = "account-two-factor";
  box.setAttribute("data-testid", "account-two-factor");
  return box;
}

// `codes`: recovery codes just made, shown (once) under the new state.
function loadTwoFactor(codes) {
  const box = $("account-two-factor");
  api("GET", "/api/v1/me/two-factor").then((state) => {
    box.textContent = "";
    box.appendChild(el("h3", null, t("account.tf_title")));
    const status = el("p", "account-status", state.enabled ? t("account.tf_on", {n: state.recovery_codes_left}) : t("account.tf_off"));
    status.setAttribute("data-testid", "account-two-factor-status");
    box.appendChild(status);
    if (state.required) box.appendChild(el("p", "muted", t("account.tf_required")));
    const note = el("p", "account-note");
    note.hidden = true;
    const result = el("div");
    if (!state.enabled) {
      box.appendChild(button(t("account.tf_setup"), "account-two-factor-setup", () => {
        api("POST", "/api/v1/me/two-factor").then((setup) => {
          result.textContent = "";
          const qr = el("img", "totp-qr");
          qr.src = setup.qr_svg_data_uri;
          qr.alt = "";
          result.appendChild(el("p", "muted", t("account.enrol_intro")));
          result.appendChild(qr);
          result.appendChild(el("p", "muted small", t("account.enrol_secret_label")));
          const secret = el("code", "totp-secret", setup.secret);
          secret.setAttribute("dir", "ltr");
          secret.setAttribute("data-testid", "account-two-factor-secret");
          result.appendChild(secret);
          const code = codeInput("account-two-factor-code");
          result.appendChild(field(t("account.enrol_code_label"), code));
          result.appendChild(button(t("account.enrol_submit"), "account-two-factor-confirm", () => {
            api("POST", "/api/v1/me/two-factor/confirm", {code: code.value})
              .then((doc) => { loadTwoFactor(doc.recovery_codes); })
              .catch((e) => { say(note, e.message, false); });
          }));
        }).catch((e) => { say(note, e.message, false); });
      }));
    } else {
      const code = codeInput("account-two-factor-current");
      box.appendChild(field(t("account.enrol_code_label"), code));
      const actions = el("div", "account-actions");
      actions.appendChild(button(t("account.tf_new_codes"), "account-two-factor-codes", () => {
        api("POST", "/api/v1/me/two-factor/recovery-codes", {code: code.value}).then((doc) => {
          code.value = "";
          result.textContent = "";
          showCodes(result, doc.recovery_codes);
        }).catch((e) => { say(note, e.message, false); });
      }));
      if (!state.required) {
        actions.appendChild(button(t("account.tf_disable"), "account-two-factor-disable", () => {
          api("POST", "/api/v1/me/two-factor/disable", {code: code.value})
            .then(() => { loadTwoFactor(); })
            .catch((e) => { say(note, e.message, false); });
        }));
      }
      box.appendChild(actions);
    }
    box.appendChild(note);
    box.appendChild(result);
    if (codes) showCodes(result, codes);
  }).catch(() => {});
}

function sessionsPart() {
  const box = el("section", "account-part");
  box.appendChild(el("h3", null, t("account.sessions_title")));
  const table = el("table", "account-sessions");
  const head = el("tr");
  ["sessions_created", "sessions_last_seen", "sessions_address", "sessions_browser", ""].forEach((k) => {
    head.appendChild(el("th", null, k ? t("account." + k) : ""));
  });
  const thead = el("thead");
  thead.appendChild(head);
  table.appendChild(thead);
  const body = el("tbody");
  body.id = "account-sessions";
  body.setAttribute("data-testid", "account-sessions");
  table.appendChild(body);
  box.appendChild(table);
  box.appendChild(button(t("account.sessions_everywhere"), "account-sign-out-everywhere", () => {
    api("DELETE", "/api/v1/me/sessions").then(() => { location.href = "/console"; }).catch(() => {});
  }));
  return box;
}

function loadSessions() {
  api("GET", "/api/v1/me/sessions").then((rows) => {
    const body = $("account-sessions");
    body.textContent = "";
    rows.forEach((s) => {
      const tr = el("tr");
      tr.setAttribute("data-testid", "account-session");
      tr.appendChild(el("td", null, when(s.created_at)));
      tr.appendChild(el("td", null, when(s.last_seen_at)));
      const address = el("td", null, s.address || "–");
      address.setAttribute("dir", "ltr");
      tr.appendChild(address);
      const agent = el("td", "muted", s.user_agent || "–");
      agent.setAttribute("dir", "ltr");
      tr.appendChild(agent);
      const cell = el("td");
      if (s.current) cell.appendChild(el("strong", null, t("account.sessions_this")));
      else cell.appendChild(button(t("account.sessions_revoke"), "account-session-revoke", () => {
        api("DELETE", "/api/v1/me/sessions/" + s.id).then(loadSessions).catch(() => {});
      }));
      tr.appendChild(cell);
      body.appendChild(tr);
    });
  }).catch(() => {});
}

export default {
  name: "account",
  section: "account",
  toggle: "account-toggle",
  mount() {
    // The agent's own name in the top bar opens "My account" (one button fewer in the bar).
    const toggle = $("account-toggle");
    if (toggle) toggle.title = t("account.title");
    const page = $("account");
    page.appendChild(el("h2", null, t("account.title")));
    page.appendChild(passwordPart());
    page.appendChild(twoFactorPart());
    page.appendChild(sessionsPart());
  },
  show() { loadTwoFactor(); loadSessions(); },
};
