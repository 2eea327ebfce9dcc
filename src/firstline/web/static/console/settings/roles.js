// Roles: named sets of permissions. The built-in three (agent, supervisor, admin) keep their
// permissions; admins define the rest (the recovery desk, trainers, reviewers, anti-fraud,
// product) and say which roles must sign in with a second factor. The API refuses a role that
// grants more than its author holds, and deleting one that agents hold.
import {api} from "../api.js";
import {t, listText} from "../i18n.js";
import {can} from "../state.js";
import {listEditor} from "./editor.js";

const BUILTIN = ["agent", "supervisor", "admin"];
let permissions = [];

function roleName(r) { return BUILTIN.indexOf(r.name) >= 0 ? t("settings.role." + r.name) : r.name; }

function permissionLabel(name) { return t("settings_access.permission." + name.replace(".", "_")); }

function load() {
  const known = permissions.length ? Promise.resolve(permissions) :
    api("GET", "/api/v1/permissions").then((list) => { permissions = list; return list; });
  return known.then(() => api("GET", "/api/v1/roles"));
}

function permissionsText(r) {
  if (r.permissions.length === permissions.length && permissions.length) return t("settings_access.all_permissions");
  // In the catalog's order (conversations, customers, knowledge, recovery, configuration...).
  const rank = (p) => { const i = permissions.indexOf(p); return i < 0 ? permissions.length : i; };
  return listText(r.permissions.slice().sort((a, b) => rank(a) - rank(b)).map(permissionLabel)) || "–";
}

export default {
  name: "roles",
  label: () => t("settings_access.nav"),
  perms: ["roles.manage", "agents.manage"],
  render: listEditor({
    canEdit: () => can("roles.manage"),
    title: t("settings_access.nav"),
    intro: t("settings_access.intro"),
    addLabel: t("settings_access.add"),
    load,
    describe: roleName,
    columns: [
      {label: t("settings_access.name"), text: (r) => roleName(r) + (r.builtin ? " · " + t("settings_access.builtin") : "")},
      {label: t("settings_access.permissions"), text: permissionsText},
      {label: t("settings_access.two_factor"), text: (r) => (r.require_two_factor ? t("settings_access.yes") : t("settings_access.no"))},
      {label: t("settings_access.agents"), text: (r) => String(r.agents)},
    ],
    fields: [
      {name: "name", label: t("settings_access.name"), required: true, dir: "ltr", edit: false,
        placeholder: "recovery-desk", help: t("settings_access.name_help")},
      {name: "description", label: t("settings_access.description")},
      {name: "permissions", label: t("settings_access.permissions"), type: "multi",
        options: () => permissions.map((p) => [p, permissionLabel(p)]),
        help: t("settings_access.permissions_help")},
      {name: "require_two_factor", label: t("settings_access.two_factor_long"), type: "checkbox"},
    ],
    create: (body) => api("POST", "/api/v1/roles", body),
    update: (r, body) => api("PATCH", "/api/v1/roles/" + r.id, body),
    remove: (r) => api("DELETE", "/api/v1/roles/" + r.id),
    mayRemove: (r) => !r.builtin && r.agents === 0,
  }),
};
