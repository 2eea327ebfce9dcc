// One conversation: its messages, the reply box, status / priority / assignee / team, the
// customer's profile and past conversations, and who else is looking at it.
import {markRead} from "./alerts.js";
import {api} from "./api.js";
import {$, channelName, customerName, el, fillSelect, toast, when} from "./dom.js";
import {loadEscalation} from "./escalation.js";
import {t} from "./i18n.js";
import {loadInbox, refreshSoon} from "./inbox.js";
import {send} from "./live.js";
import {clearPending, mergeButton, mountAttachments, pendingIds, refresh as refreshMail,
  refreshSoon as refreshMailSoon} from "./mail.js";
import {renderQuality, screenBeforeSend} from "./quality.js";
import {renderReasons, renderSla} from "./reasons.js";
import {me, state} from "./state.js";

const KINDS = {customer: t("conv.author_customer"), agent: t("conv.author_agent"), bot: t("conv.author_bot"), system: t("conv.author_system")};
const LONG_CHARS = 1200;
const LONG_LINES = 15;

let seen = {};
let viewers = {};

// The statuses an agent may set from each status (the server's state machine, carried by the
// page): the menu offers only those, so a choice is never refused after it is made.
const MOVES = JSON.parse(document.getElementById("console-status-moves").textContent);

function showStatus(status) {
  const select = $("status");
  select.value = status;
  Array.prototype.forEach.call(select.options, (option) => {
    option.disabled = option.value !== status && (MOVES[status] || []).indexOf(option.value) < 0;
  });
  $("take-over").hidden = status !== "bot";
}

function isLong(text) {
  text = text || "";
  return text.length > LONG_CHARS || text.split("\n").length > LONG_LINES;
}

function messageItem(m) {
  const li = el("li", "msg " + m.author_kind + (m.internal ? " internal" : ""));
  li.setAttribute("data-testid", "conversation-message");
  li.setAttribute("data-id", String(m.id));
  if (m.internal) li.setAttribute("data-internal", "true");
  let label = m.internal ? t("conv.internal_note") : (KINDS[m.author_kind] || m.author_kind);
  if (m.author_kind === "agent" && m.author_agent_id) {
    const a = state.agents.find((x) => x.id === m.author_agent_id);
    if (a) label = (m.internal ? t("conv.note") + " · " : "") + a.name;
  }
  const who = el("span", "msg-who");
  const author = el("span", null, label);
  author.dir = "auto";
  who.appendChild(author);
  who.appendChild(document.createTextNode(" · " + when(m.created_at)));
  li.appendChild(who);
  const body = el("div", "msg-body", m.body);
  body.dir = "auto";
  li.appendChild(body);
  if (isLong(m.body)) {
    // A pasted log or a 20,000-character message would bury the rest of the conversation.
    body.classList.add("collapsed");
    const more = el("button", "msg-more", t("conv.show_more"));
    more.type = "button";
    more.setAttribute("data-testid", "message-more");
    more.setAttribute("aria-expanded", "false");
    more.addEventListener("click", () => {
      const open = body.classList.toggle("collapsed") === false;
      more.textContent = open ? t("conv.show_less") : t("conv.show_more");
      more.setAttribute("aria-expanded", open ? "true" : "false");
    });
    li.appendChild(more);
  }
  const info = m.meta || {};
  if (info.article) {
    const cite = el("a", "msg-cite", t("conv.cited") + info.article.title + " (" + info.article.locale + ")");
    cite.href = info.article.url;
    cite.target = "_blank";
    cite.rel = "noopener";
    li.appendChild(cite);
  }
  if (info.options && info.options.length) {
    const options = el("div", "msg-options", t("conv.offered"));
    const labels = el("span", null, info.options.map((o) => o.label).join(" · "));
    labels.dir = "auto";
    options.appendChild(labels);
    li.appendChild(options);
  }
  return li;
}

function addMessage(m) {
  if (!state.open || m.conversation_id !== state.open.id || seen[m.id]) return;
  seen[m.id] = true;
  const list = $("messages");
  list.appendChild(messageItem(m));
  list.scrollTop = list.scrollHeight;
}

export function openConversation(id) {
  api("GET", "/api/v1/conversations/" + id).then((c) => {
    state.open = c;
    seen = {};
    viewers = {};
    $("empty").hidden = true;
    $("conversation").hidden = false;
    $("profile").hidden = false;
    // The title (dir="auto" in the page) reads in the direction of the customer's name.
    $("conv-title").textContent = "#" + c.id + " · " + customerName(c.customer) + " · " + c.language + " · " + channelName(c.channel);
    $("messages").textContent = "";
    c.messages.forEach(addMessage);
    clearPending();
    refreshMail();
    showStatus(c.status);
    $("priority").value = c.priority;
    fillSelect($("assignee"), [["", t("conv.unassigned")]].concat(state.agents.map((a) =>
      [String(a.id), a.name + (a.presence === "online" ? " ●" : "")])), c.assignee_id);
    fillSelect($("team"), [["", t("conv.no_team")]].concat(state.teams.map((team) => [String(team.id), team.name])), c.team_id);
    renderViewers();
    loadProfile(c);
    loadCanned(c.language);
    renderSla(c);
    renderReasons(c);
    renderQuality(c);
    loadEscalation(c.id);
    markRead(c.id);
    send({op: "view", conversation_id: c.id});
    document.querySelectorAll(".inbox-item").forEach((li) => {
      li.classList.toggle("active", li.getAttribute("data-id") === String(c.id));
    });
  }).catch((e) => { alert(e.message); });
}

function loadProfile(c) {
  api("GET", "/api/v1/customers/" + encodeURIComponent(c.customer.external_id) + "?limit=10").then((doc) => {
    const dl = $("profile-fields");
    dl.textContent = "";
    [[t("profile.name"), doc.name], [t("profile.customer_id"), doc.external_id, "ltr"], [t("profile.email"), doc.email, "ltr"],
     [t("profile.language"), doc.language], [t("profile.tier"), doc.tier], [t("profile.region"), doc.region]].forEach((f) => {
      if (!f[1]) return;
      dl.appendChild(el("dt", null, f[0]));
      const value = el("dd", null, f[1]);
      // An e-mail address or an id reads left to right; a name in its own direction.
      value.dir = f[2] || "auto";
      dl.appendChild(value);
    });
    const past = $("past");
    past.textContent = "";
    (doc.conversations || []).forEach((p) => {
      if (p.id === c.id) return;
      const li = el("li", null, "#" + p.id + " · " + t("status." + p.status) + " · ");
      const preview = el("span", null, p.last_message_preview);
      preview.dir = "auto";
      li.appendChild(preview);
      li.addEventListener("click", () => { openConversation(p.id); });
      if (p.status !== "closed" && c.status !== "closed") {
        li.appendChild(document.createTextNode(" "));
        li.appendChild(mergeButton(p, c, () => { openConversation(c.id); loadInbox(); }));
      }
      past.appendChild(li);
    });
    if (!past.children.length) past.appendChild(el("li", "muted", t("profile.no_past")));
    renderPrivacy(doc, c);
  }).catch(() => {});
}

// What the agent's role allows (the page's meta, written by the server at sign-in).
const granted = new Set(((document.querySelector('meta[name="agent-permissions"]') || {}).content || "")
  .split(" ").filter(Boolean));

// Export and Erase under the profile, for whoever holds customers.export / customers.erase.
function renderPrivacy(doc, c) {
  let box = $("profile-privacy");
  if (!box) {
    box = el("div", "profile-privacy");
    box.id = "profile-privacy";
    $("profile-fields").after(box);
  }
  box.textContent = "";
  if (doc.erased_at) {
    box.appendChild(el("p", "muted", t("profile.erased")));
    return;
  }
  if (granted.has("customers.export")) {
    const b = el("button", "secondary", t("profile.export"));
    b.type = "button";
    b.setAttribute("data-testid", "customer-export");
    b.addEventListener("click", () => {
      api("GET", "/api/v1/customers/" + doc.id + "/export").then((data) => {
        const url = URL.createObjectURL(new Blob([JSON.stringify(data, null, 2)], {type: "application/json"}));
        const a = el("a");
        a.href = url;
        a.download = "customer-" + doc.id + ".json";
        document.body.appendChild(a);
        a.click();
        a.remove();
        setTimeout(() => URL.revokeObjectURL(url), 1000);
      }).catch((e) => { alert(e.message); });
    });
    box.appendChild(b);
  }
  if (granted.has("customers.erase")) {
    const b = el("button", "danger", t("profile.erase"));
    b.type = "button";
    b.setAttribute("data-testid", "customer-erase");
    b.addEventListener("click", () => {
      const typed = prompt(t("profile.erase_prompt", {id: String(doc.id)}));
      if (typed === null) return;
      api("POST", "/api/v1/customers/" + doc.id + "/erase", {confirm: typed.trim()}).then(() => {
        toast(t("profile.erased"));
        openConversation(c.id);
      }).catch((e) => { alert(e.message); });
    });
    box.appendChild(b);
  }
}

function loadCanned(language) {
  api("GET", "/api/v1/canned-responses?language=" + encodeURIComponent(language)).then((doc) => {
    fillSelect($("canned"), [["", t("composer.canned")]].concat(doc.items.map((r) =>
      [String(r.id), "/" + r.shortcut + " · " + r.title])), "");
    Array.prototype.forEach.call($("canned").options, (o) => { if (o.value) o.dir = "auto"; });
  }).catch(() => {});
}

function update(changes) {
  if (!state.open) return;
  api("PATCH", "/api/v1/conversations/" + state.open.id, changes).then((c) => {
    state.open = Object.assign(state.open, c);
    renderSla(state.open);
    renderReasons(state.open);
    refreshSoon();
  }).catch((e) => { alert(e.message); openConversation(state.open.id); });
}

function renderViewers() {
  const now = Date.now();
  const names = Object.keys(viewers).filter((id) => Number(id) !== me.id && viewers[id].until > now)
    .map((id) => viewers[id].name);
  $("viewers").textContent = names.length ? t("conv.also_viewing", {names: names.join(", ")}) : "";
}

function noteMode() {
  $("reply").classList.toggle("noting", $("note").checked);
  $("reply-input").placeholder = $("note").checked ? t("composer.note_placeholder") : t("composer.reply_placeholder");
}

function reopen() { if (state.open) openConversation(state.open.id); }

export default {
  name: "conversation",
  mount() {
    $("reply").addEventListener("submit", (event) => {
      event.preventDefault();
      const input = $("reply-input");
      const body = input.value.trim();
      if (!body || !state.open) return;
      const internal = $("note").checked;
      const id = state.open.id;
      $("reply-send").disabled = true;
      // A note stays with colleagues; a reply is checked first (quality.js).
      const checked = internal ? Promise.resolve({send: true, warning_id: null}) : screenBeforeSend(id, body);
      checked.then((choice) => {
        if (!choice.send) return null;
        const doc = {body, internal, author_kind: "agent", attachment_ids: pendingIds()};
        if (choice.warning_id) doc.warning_id = choice.warning_id;
        return api("POST", "/api/v1/conversations/" + id + "/messages", doc);
      }).then((m) => {
        if (!m) return;
        input.value = "";
        $("note").checked = false;
        noteMode();
        addMessage(m);
        clearPending();
        refreshMail();
      }).catch((e) => { alert(e.message); }).then(() => { $("reply-send").disabled = false; });
    });
    $("reply-input").addEventListener("keydown", (event) => {
      if (event.key === "Enter" && (event.ctrlKey || event.metaKey)) $("reply").requestSubmit();
    });
    $("note").addEventListener("change", noteMode);
    mountAttachments();
    $("canned").addEventListener("change", () => {
      const id = $("canned").value;
      if (!id || !state.open) return;
      api("GET", "/api/v1/canned-responses/" + id + "/render?conversation_id=" + state.open.id).then((doc) => {
        const input = $("reply-input");
        input.value = input.value ? input.value + "\n" + doc.body : doc.body;
        input.focus();
        $("canned").value = "";
      });
    });
    $("status").addEventListener("change", () => { update({status: $("status").value}); });
    $("take-over").addEventListener("click", () => {
      if (!state.open) return;
      const id = state.open.id;
      api("POST", "/api/v1/conversations/" + id + "/bot/take-over").then(() => {
        openConversation(id);
        loadInbox();
      }).catch((e) => { toast(e.message); });
    });
    $("priority").addEventListener("change", () => { update({priority: $("priority").value}); });
    $("assignee").addEventListener("change", () => {
      const v = $("assignee").value;
      update({assignee_id: v ? Number(v) : null});
    });
    $("team").addEventListener("change", () => {
      const v = $("team").value;
      update({team_id: v ? Number(v) : null});
    });
    setInterval(() => { if (state.open) renderSla(state.open); }, 5000);
    setInterval(() => {
      if (state.open) send({op: "view", conversation_id: state.open.id});
      renderViewers();
    }, 20000);
  },
  events: {
    "live.open": () => { if (state.open) send({op: "view", conversation_id: state.open.id}); },
    "resync": reopen,
    "message.posted": (doc) => {
      addMessage(doc.message);
      // A mail's sending state, or the files of a message that came with some.
      if (state.open && doc.message && doc.message.conversation_id === state.open.id) refreshMailSoon();
    },
    "viewer": (doc) => {
      if (doc.viewing) viewers[doc.agent_id] = {name: doc.name, until: Date.now() + 45000};
      else delete viewers[doc.agent_id];
      if (state.open && doc.conversation_id === state.open.id) renderViewers();
    },
    "conversation.*": (doc) => {
      if (!state.open || doc.conversation_id !== state.open.id || !doc.changes) return;
      if (doc.changes.status) showStatus(doc.changes.status);
      if (doc.changes.priority) $("priority").value = doc.changes.priority;
    },
  },
};
