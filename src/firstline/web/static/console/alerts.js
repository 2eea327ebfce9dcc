// New work: a sound, a desktop notification, the count in the tab's title. The agent hears
// and sees a conversation assigned to them or landing in their teams' queue, even from
// another tab. The sound is made with the Web Audio API (no file to load); desktop
// notifications are asked for only when the agent clicks the button, as browsers require.
// Both choices are remembered in this browser.
import {api} from "./api.js";
import {openConversation} from "./conversation.js";
import {$, toast} from "./dom.js";
import {t} from "./i18n.js";
import {loadInbox} from "./inbox.js";
import {can, me, state} from "./state.js";

const alerts = {unread: {}, audio: null, title: document.title,
  sound: localStorage.getItem("firstline.sound") !== "off",
  desktop: localStorage.getItem("firstline.desktop") === "on"};

function renderBadge() {
  const n = Object.keys(alerts.unread).length;
  document.title = (n ? "(" + n + ") " : "") + alerts.title;
  const badge = $("new-work");
  badge.textContent = n ? t("alerts.new_count", {n}) : "";
  badge.hidden = !n;
}

export function markRead(id) {
  if (alerts.unread[id]) { delete alerts.unread[id]; renderBadge(); }
}

function chime() {
  if (!alerts.sound) return;
  const Context = window.AudioContext || window.webkitAudioContext;
  if (!Context) return;
  try {
    if (!alerts.audio) alerts.audio = new Context();
    const ctx = alerts.audio;
    if (ctx.state === "suspended") ctx.resume();
    // Two short rising tones, quiet enough not to startle.
    [[660, 0], [880, 0.14]].forEach((tone) => {
      const osc = ctx.createOscillator();
      const gain = ctx.createGain();
      const start = ctx.currentTime + tone[1];
      osc.type = "sine";
      osc.frequency.value = tone[0];
      gain.gain.setValueAtTime(0.0001, start);
      gain.gain.exponentialRampToValueAtTime(0.18, start + 0.02);
      gain.gain.exponentialRampToValueAtTime(0.0001, start + 0.25);
      osc.connect(gain);
      gain.connect(ctx.destination);
      osc.start(start);
      osc.stop(start + 0.3);
    });
  } catch (e) { /* no audio device: the badge and the toast still say it */ }
}

function desktopNotice(id, text) {
  if (!alerts.desktop || !("Notification" in window) || Notification.permission !== "granted") return;
  try {
    const n = new Notification("Firstline", {body: text, tag: "conversation-" + id});
    n.onclick = () => { window.focus(); openConversation(id); n.close(); };
  } catch (e) { /* some browsers only notify from a service worker */ }
}

function newWork(id, text) {
  if (alerts.unread[id]) return;
  const looking = state.open && state.open.id === id && !document.hidden;
  if (!looking) { alerts.unread[id] = true; renderBadge(); }
  chime();
  desktopNotice(id, text);
  toast(text, [[t("alerts.open"), () => { openConversation(id); }]]);
  loadInbox();
}

function slaMetric(metric) {
  const key = {first_response: "sla.first_response", next_response: "sla.next_response", resolution: "sla.resolution"}[metric];
  return key ? t(key) : String(metric).replace(/_/g, " ");
}

function mine(teamId) { return teamId !== null && teamId !== undefined && me.teams.indexOf(teamId) >= 0; }

// A conversation that may have landed unassigned in one of the agent's teams' queues: the
// event alone does not say whether someone took it in the same moment, so ask.
function maybeQueued(id) {
  api("GET", "/api/v1/conversations/" + id).then((c) => {
    if (c.status === "open" && c.assignee_id === null && mine(c.team_id)) {
      newWork(c.id, t("alerts.new_in_team_queue", {id: c.id, language: c.language}));
    }
  }).catch(() => {});
}

function onWorkEvent(doc) {
  if (doc.type === "conversation.assigned") {
    if (doc.by_agent_id === me.id) {
      loadInbox();  // taken or handed out by this agent: no alert for their own action
    } else if (doc.assignee_id === me.id && doc.previous_assignee_id !== me.id) {
      newWork(doc.conversation_id, t("alerts.assigned_to_you", {id: doc.conversation_id}));
    } else if (doc.assignee_id === null && mine(doc.team_id)) {
      maybeQueued(doc.conversation_id);
    }
  } else if (doc.type === "conversation.opened" && mine(doc.team_id)) {
    maybeQueued(doc.conversation_id);
  } else if (doc.type === "conversation.updated" && doc.changes && mine(doc.changes.team_id) &&
             !doc.changes.assignee_id) {
    maybeQueued(doc.conversation_id);
  }
}

// Line icons drawn in the button's text colour: a speaker and a bell, struck through when off.
const ICONS = {
  sound: '<path d="M3 9h4l5-4v14l-5-4H3z"/><path d="M16 8.5a5 5 0 0 1 0 7"/>',
  desktop: '<path d="M6 16V11a6 6 0 0 1 12 0v5l2 2H4z"/><path d="M10 20a2 2 0 0 0 4 0"/>',
};
const STRIKE = '<path d="M3 3l18 18"/>';

// The button shows an icon; its words are its accessible name and its tooltip, so the top
// bar keeps to one row in every language.
function iconButton(button, kind, on, words) {
  button.innerHTML =
    `<svg class="icon" viewBox="0 0 24 24" aria-hidden="true" focusable="false">` +
    `${ICONS[kind]}${on ? "" : STRIKE}</svg><span class="visually-hidden"></span>`;
  button.querySelector(".visually-hidden").textContent = words;
  // The page's title explains the switch; the tooltip says its state first.
  if (button.dataset.explain === undefined) button.dataset.explain = button.title;
  button.title = button.dataset.explain ? `${words}. ${button.dataset.explain}` : words;
}

function renderAlertButtons() {
  const sound = $("sound-toggle");
  iconButton(sound, "sound", alerts.sound, alerts.sound ? t("alerts.sound_on") : t("alerts.sound_off"));
  sound.setAttribute("aria-pressed", alerts.sound ? "true" : "false");
  const desktop = $("desktop-toggle");
  if (!("Notification" in window)) { desktop.hidden = true; return; }
  const on = alerts.desktop && Notification.permission === "granted";
  iconButton(desktop, "desktop", on, Notification.permission === "denied" ?
    t("alerts.desktop_blocked") : on ? t("alerts.desktop_on") : t("alerts.desktop_off"));
  desktop.disabled = Notification.permission === "denied";
  desktop.setAttribute("aria-pressed", on ? "true" : "false");
}

export default {
  name: "alerts",
  mount() {
    $("sound-toggle").addEventListener("click", () => {
      alerts.sound = !alerts.sound;
      localStorage.setItem("firstline.sound", alerts.sound ? "on" : "off");
      renderAlertButtons();
      if (alerts.sound) chime();  // a click is the gesture browsers want before any sound
    });
    $("desktop-toggle").addEventListener("click", () => {
      if (alerts.desktop && Notification.permission === "granted") {
        alerts.desktop = false;
        localStorage.setItem("firstline.desktop", "off");
        renderAlertButtons();
        return;
      }
      Notification.requestPermission().then((permission) => {
        alerts.desktop = permission === "granted";
        localStorage.setItem("firstline.desktop", alerts.desktop ? "on" : "off");
        renderAlertButtons();
      });
    });
    document.addEventListener("visibilitychange", () => {
      if (!document.hidden && state.open) markRead(state.open.id);
    });
    renderAlertButtons();
  },
  events: {
    "conversation.*": onWorkEvent,
    "sla.breached": (doc) => {
      if (!can("reports.read")) return;
      toast(t("alerts.sla_breached", {id: doc.conversation_id, metric: slaMetric(doc.metric)}),
            [[t("alerts.open"), () => { openConversation(doc.conversation_id); }]]);
    },
  },
};
