// The agent console's entry point: mounts every view, subscribes them to live events, loads
// who I am and the shared lists, then connects. Adding a view: docs/frontend.md.
//
// A view module's default export:
//   {name, mount(),                    wire the view's elements once (console.html)
//    events: {"type" | "family.*": handler(doc)},  live events it reacts to
//    section, toggle, show(), hide()}  only for a page of its own (see views.js)
import account from "./account.js";
import alerts from "./alerts.js";
import {api} from "./api.js";
import conversation, {openConversation} from "./conversation.js";
import dashboard from "./dashboard.js";
import {$} from "./dom.js";
import escalation from "./escalation.js";
import inbox, {loadInbox} from "./inbox.js";
import knowledge from "./knowledge.js";
import learning from "./learning.js";
import {connect, on} from "./live.js";
import recovery from "./recovery.js";
import reviews from "./reviews.js";
import settings from "./settings.js";
import {me, state} from "./state.js";
import {registerPage} from "./views.js";

// Subscription order is the order events reach views: alerts decide on new work before the
// inbox reloads, and the inbox before the open conversation.
const VIEWS = [alerts, inbox, conversation, escalation, dashboard, knowledge, recovery, reviews, learning, settings, account];

VIEWS.forEach((view) => {
  view.mount();
  Object.entries(view.events || {}).forEach(([type, handler]) => { on(type, handler); });
  if (view.section) registerPage(view);
});

$("presence").addEventListener("change", () => {
  api("PATCH", "/api/v1/agents/" + me.id, {presence: $("presence").value}).catch((e) => { alert(e.message); });
});

// The console's language: saved on the agent (PATCH /api/v1/me), then the page is loaded again,
// since the server renders it, with its direction, in that language.
$("ui-language").addEventListener("change", () => {
  api("PATCH", "/api/v1/me", {ui_language: $("ui-language").value})
    .then(() => { location.reload(); })
    .catch((e) => { alert(e.message); });
});

api("GET", "/api/v1/me").then((doc) => {
  me.teams = doc.team_ids;
  $("presence").value = doc.presence;
  return Promise.all([
    api("GET", "/api/v1/agents?limit=1000").then((a) => { state.agents = a; }).catch(() => {}),
    api("GET", "/api/v1/teams").then((teams) => { state.teams = teams; }).catch(() => {}),
    api("GET", "/api/v1/escalation/levels").then((l) => { state.levels = l; }).catch(() => {}),
  ]);
}).then(() => {
  loadInbox();
  connect();
  // Links to a conversation (#/conversations/<id>, as the recovery desk makes) opened anew.
  const linked = /^#\/conversations\/(\d+)$/.exec(location.hash);
  if (linked) openConversation(Number(linked[1]));
  settings.start();
});
