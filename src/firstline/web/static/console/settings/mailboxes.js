// Mailboxes: the support addresses customers write to, how their mail arrives (the SMTP
// listener, or an IMAP account the jobs poll), the team and language their requests start
// with, whether each new request is acknowledged, and the signature of replies by language.
// The IMAP password is sent once and kept encrypted; the screen never shows it again.
import {api} from "../api.js";
import {el, when} from "../dom.js";
import {t} from "../i18n.js";
import {can, state} from "../state.js";
import {languageName, languageOptions, listEditor, teamName} from "./editor.js";

const SECURITY = [["tls", "TLS"], ["starttls", "STARTTLS"], ["none", "—"]];

function how(box) {
  const cell = el("span");
  if (!box.imap) {
    cell.textContent = t("console_mail.by_smtp");
    return cell;
  }
  cell.appendChild(el("bdi", null, t("console_mail.by_imap", {host: box.imap.host})));
  if (box.imap.error) {
    const error = el("small", "settings-error", t("console_mail.imap_error", {error: box.imap.error}));
    error.setAttribute("data-testid", "settings-mailbox-imap-error");
    cell.appendChild(el("br"));
    cell.appendChild(error);
  } else if (box.imap.checked_at) {
    cell.appendChild(el("br"));
    cell.appendChild(el("small", "muted", t("console_mail.imap_checked", {time: when(box.imap.checked_at)})));
  }
  return cell;
}

function addressCell(box) {
  const span = el("span", null, box.address);
  span.dir = "ltr";
  return span;
}

// The form's flat IMAP fields as the API's `imap` object (null: no IMAP account). On an edit
// the editor sends only what changed: the account is sent whole when any part of it did.
function body(form, row) {
  const out = {};
  // An emptied text box means "none" (the API takes null, not an empty name or product).
  Object.keys(form).forEach((k) => { if (k.indexOf("imap_") !== 0) out[k] = form[k] === "" ? null : form[k]; });
  const touched = Object.keys(form).some((k) => k.indexOf("imap_") === 0);
  if (row && !touched) return out;
  const was = row && row.imap ? row.imap : {};
  const pick = (k, fallback) => (("imap_" + k) in form ? form["imap_" + k] : (was[k] !== undefined ? was[k] : fallback));
  const host = pick("host", "");
  if (!host) {
    if (!row || row.imap) out.imap = null;
    return out;
  }
  out.imap = {
    host,
    port: Number(pick("port", 993)) || 993,
    security: pick("security", "tls") || "tls",
    user: pick("user", ""),
    folder: pick("folder", "INBOX") || "INBOX",
    move_to: pick("move_to", null) || null,
  };
  if (form.imap_password) out.imap.password = form.imap_password;
  return out;
}

const list = listEditor({
  canEdit: () => can("mailboxes.manage"),
  title: t("console_mail.settings_title"),
  intro: t("console_mail.settings_intro"),
  addLabel: t("console_mail.add"),
  addTitle: t("console_mail.add"),
  load: () => api("GET", "/api/v1/mailboxes"),
  describe: (b) => b.address,
  empty: t("console_mail.empty"),
  columns: [
    {label: t("console_mail.address"), text: addressCell},
    {label: t("console_mail.name"), text: (b) => b.name || ""},
    {label: t("console_mail.team"), text: (b) => (b.team_id ? teamName(b.team_id) : t("console_mail.any_team"))},
    {label: t("console_mail.language"), text: (b) => (b.language ? languageName(b.language) : t("console_mail.detected"))},
    {label: t("console_mail.how"), text: how},
  ],
  fields: [
    {name: "address", label: t("console_mail.address"), type: "email", required: true},
    {name: "name", label: t("console_mail.name")},
    {name: "team_id", label: t("console_mail.team"), type: "select",
      options: () => [["", t("console_mail.any_team")]].concat(state.teams.map((x) => [String(x.id), x.name])),
      parse: (v) => (v === "" || v === null ? null : Number(v))},
    {name: "product", label: t("console_mail.product"), dir: "ltr", placeholder: "spot"},
    {name: "language", label: t("console_mail.language"), type: "select",
      options: () => [["", t("console_mail.detected")]].concat(languageOptions())},
    {name: "acknowledge", label: t("console_mail.acknowledge"), type: "checkbox", initial: true},
    {name: "active", label: t("console_mail.active"), type: "checkbox", initial: true},
    {name: "signatures", label: t("console_mail.signatures"), type: "json", help: t("console_mail.signatures_help"),
      initial: {}},
    {name: "imap_host", label: t("console_mail.imap_host"), dir: "ltr", value: (b) => (b.imap ? b.imap.host : "")},
    {name: "imap_port", label: t("console_mail.imap_port"), type: "number", min: 1, max: 65535,
      value: (b) => (b.imap ? b.imap.port : 993), initial: 993},
    {name: "imap_security", label: t("console_mail.imap_security"), type: "select", options: SECURITY,
      value: (b) => (b.imap ? b.imap.security : "tls"), initial: "tls"},
    {name: "imap_user", label: t("console_mail.imap_user"), dir: "ltr", value: (b) => (b.imap ? b.imap.user : "")},
    {name: "imap_password", label: t("console_mail.imap_password"), type: "password",
      help: t("console_mail.imap_password_kept"), value: () => ""},
    {name: "imap_folder", label: t("console_mail.imap_folder"), dir: "ltr",
      value: (b) => (b.imap ? b.imap.folder : "INBOX"), initial: "INBOX"},
    {name: "imap_move_to", label: t("console_mail.imap_move_to"), dir: "ltr",
      value: (b) => (b.imap ? b.imap.move_to || "" : "")},
  ],
  create: (form) => api("POST", "/api/v1/mailboxes", body(form, null)),
  update: (b, form) => api("PATCH", "/api/v1/mailboxes/" + b.id, body(form, b)),
  remove: (b) => api("DELETE", "/api/v1/mailboxes/" + b.id),
});

export default {
  name: "mailboxes",
  label: () => t("console_mail.settings_title"),
  perms: ["mailboxes.manage"],
  render(root) { list(root); },
};
