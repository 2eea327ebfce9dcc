// The settings area: a page of the console where supervisors and admins see, and admins
// change, how the desk is set up. Each group of settings is a module in settings/ whose
// default export is {name, label(), perms, render(root)}; SECTIONS below lists them in the
// order of the menu. Links: #/settings/<name>. The API checks every change; the area only
// leaves out what a role could not use.
import {$, el} from "./dom.js";
import {can} from "./state.js";
import {showPage} from "./views.js";
import agents from "./settings/agents.js";
import audit from "./settings/audit.js";
import canned from "./settings/canned.js";
import escalation from "./settings/escalation.js";
import mailboxes from "./settings/mailboxes.js";
import flows from "./settings/flows.js";
import quality from "./settings/quality.js";
import recovery from "./settings/recovery.js";
import roles from "./settings/roles.js";
import routing from "./settings/routing.js";
import sla from "./settings/sla.js";
import teams from "./settings/teams.js";
import tokens from "./settings/tokens.js";
import webhooks from "./settings/webhooks.js";

export const SECTIONS = [agents, roles, teams, routing, sla, escalation, canned, flows, recovery, mailboxes, quality,
  webhooks, audit, tokens];

let current = null;

// Who oversees the desk's set-up: they see every configuration group, read-only unless its
// editor's canEdit says otherwise (web/console.py SETTINGS_PERMISSIONS, less the groups of
// their own).
const OVERSEE = ["agents.staff", "agents.manage", "roles.manage", "teams.manage", "routing.configure",
  "sla.configure", "escalation.configure", "flows.configure", "canned.manage", "recovery.configure",
  "webhooks.manage", "mailboxes.manage", "security.configure"];

// A section shows to those holding one of its `perms`; `everyone: true` to every agent (their
// own API tokens); none listed: to those who oversee the set-up.
function visible() {
  return SECTIONS.filter((s) => s.everyone || (s.perms || OVERSEE).some(can));
}

function open(name) {
  const sections = visible();
  const section = sections.find((s) => s.name === name) || sections[0];
  if (!section) return;
  current = section.name;
  Array.from($("settings-nav").children).forEach((b) => {
    b.setAttribute("aria-current", b.getAttribute("data-section") === current ? "page" : "false");
  });
  const body = $("settings-body");
  body.setAttribute("data-section", current);
  section.render(body);
  if (location.hash !== "#/settings/" + current) history.replaceState(null, "", "#/settings/" + current);
}

function fromHash() {
  const m = /^#\/settings(?:\/([a-z_]+))?$/.exec(location.hash);
  return m ? (m[1] || "") : null;
}

export default {
  name: "settings",
  section: "settings",
  toggle: "settings-toggle",
  mount() {
    const nav = $("settings-nav");
    if (!nav) return;
    visible().forEach((s) => {
      const b = el("button", null, s.label());
      b.type = "button";
      b.setAttribute("data-section", s.name);
      b.setAttribute("data-testid", "settings-nav-" + s.name);
      b.addEventListener("click", () => { open(s.name); });
      nav.appendChild(b);
    });
    window.addEventListener("hashchange", () => {
      const name = fromHash();
      if (name !== null && $("settings-toggle")) {
        if ($("settings").hidden) showPage("settings"); else if (name !== current) open(name);
      }
    });
  },
  // The page opened from a link (#/settings/teams), once the shared lists are loaded.
  start() {
    const name = fromHash();
    if (name !== null && $("settings-toggle")) showPage("settings");
  },
  show() { open(fromHash() || current); },
  hide() {
    if (fromHash() !== null) history.replaceState(null, "", location.pathname);
  },
};
