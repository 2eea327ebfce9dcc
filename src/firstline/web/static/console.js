// Firstline agent console. Works through the REST API (session cookie + CSRF header) and
// listens on /console/ws. Customer text is only ever inserted with textContent.
(function () {
  "use strict";

  function meta(name) { return document.querySelector('meta[name="' + name + '"]').content; }
  var csrf = meta("csrf-token");
  var me = {id: Number(meta("agent-id")), role: meta("agent-role"), teams: []};
  var state = {inbox: "mine", open: null, seen: {}, viewers: {}, socket: null, retry: 500,
    agents: [], teams: [], levels: [], escalation: null, refreshTimer: null, dashTimer: null};
  function $(id) { return document.getElementById(id); }

  function api(method, path, body) {
    var headers = {"Accept": "application/json"};
    if (method !== "GET") headers["X-CSRF-Token"] = csrf;
    if (body !== undefined) headers["Content-Type"] = "application/json";
    return fetch(path, {method: method, headers: headers, credentials: "same-origin",
      body: body === undefined ? undefined : JSON.stringify(body)}).then(function (r) {
      if (r.status === 401) { location.href = "/console"; throw new Error("signed out"); }
      if (r.status === 204) return null;
      return r.json().then(function (doc) {
        if (!r.ok) throw new Error(doc.detail || ("HTTP " + r.status));
        return doc;
      });
    });
  }

  function el(tag, cls, text) {
    var node = document.createElement(tag);
    if (cls) node.className = cls;
    if (text !== undefined && text !== null) node.textContent = String(text);
    return node;
  }

  function customerName(c) {
    var id = c.external_id || "";
    if (c.name) return c.name;
    if (id.indexOf("visitor:") === 0) return "Visitor " + id.slice(-6);
    return id;
  }

  var KINDS = {customer: "Customer", agent: "Agent", bot: "Bot", system: "System"};

  function when(iso) {
    var d = new Date(iso);
    return isNaN(d) ? "" : d.toLocaleString([], {month: "short", day: "numeric", hour: "2-digit", minute: "2-digit"});
  }

  // --- inboxes -----------------------------------------------------------------------
  function inboxQueries() {
    if (state.inbox === "mine") return ["status=open&assignee_id=" + me.id];
    if (state.inbox === "unassigned") return ["status=open&assignee_id=none"];
    if (state.inbox === "bot") return ["status=bot"];
    if (state.inbox === "teams") {
      if (!me.teams.length) return ["status=open"];
      return me.teams.map(function (t) { return "status=open&team_id=" + t; });
    }
    return ["status=open"];
  }

  function loadQueue() {
    var teams = me.role === "agent" ? me.teams.slice() : state.teams.map(function (t) { return t.id; });
    if (me.role !== "agent") teams.push("unrouted");
    return Promise.all(teams.map(function (t) {
      return api("GET", "/api/v1/routing/queues/" + t + "?limit=50").catch(function () { return {items: []}; });
    })).then(function (queues) {
      var items = [];
      queues.forEach(function (q) {
        q.items.forEach(function (i) { i.team_id = q.team_id; items.push(i); });
      });
      items.sort(function (a, b) { return a.queue_rank - b.queue_rank || a.conversation_id - b.conversation_id; });
      renderQueue(items.slice(0, 50));
    }).catch(function () {});
  }

  function renderQueue(items) {
    var list = $("inbox");
    list.textContent = "";
    if (!items.length) { list.appendChild(el("li", "inbox-empty", "Nobody is waiting.")); return; }
    var now = Date.now();
    items.forEach(function (q, n) {
      var li = el("li", "inbox-item");
      li.setAttribute("data-testid", "queue-item");
      li.setAttribute("data-id", String(q.conversation_id));
      var top = el("div", "inbox-top");
      top.appendChild(el("span", "inbox-who", (n + 1) + ". #" + q.conversation_id));
      top.appendChild(el("span", "badge lang", q.language));
      if (q.priority_boost_seconds > 0) top.appendChild(el("span", "badge prio-high", "+" + duration(q.priority_boost_seconds)));
      li.appendChild(top);
      var boosts = q.reasons.filter(function (r) {
        return ["funds_at_risk", "vip", "negative_sentiment", "priority", "relaxed", "rerouted"].indexOf(r.factor) >= 0;
      }).map(function (r) { return FACTORS[r.factor](r); });
      li.appendChild(el("div", "inbox-preview", boosts.join(" · ") || "In arrival order"));
      var team = state.teams.filter(function (t) { return t.id === q.team_id; })[0];
      var waited = q.queued_at ? duration((now - new Date(q.queued_at).getTime()) / 1000) : "";
      li.appendChild(el("div", "inbox-time", (team ? team.name : "Unrouted") + " · waiting " + waited));
      li.addEventListener("click", function () { openConversation(q.conversation_id); });
      list.appendChild(li);
    });
  }

  function loadInbox() {
    if (state.inbox === "queue") return loadQueue();
    var queries = inboxQueries();
    return Promise.all(queries.map(function (q) {
      return api("GET", "/api/v1/conversations?limit=50&" + q);
    })).then(function (pages) {
      var byId = {};
      pages.forEach(function (p) { p.items.forEach(function (c) { byId[c.id] = c; }); });
      var items = Object.keys(byId).map(function (k) { return byId[k]; })
        .sort(function (a, b) { return b.id - a.id; }).slice(0, 50);
      renderInbox(items);
    }).catch(function () {});
  }

  function renderInbox(items) {
    var list = $("inbox");
    list.textContent = "";
    if (!items.length) { list.appendChild(el("li", "inbox-empty", "Nothing waiting here.")); return; }
    items.forEach(function (c) {
      var li = el("li", "inbox-item" + (state.open && state.open.id === c.id ? " active" : ""));
      li.setAttribute("data-testid", "inbox-item");
      li.setAttribute("data-id", String(c.id));
      var who = customerName(c.customer);
      var top = el("div", "inbox-top");
      top.appendChild(el("span", "inbox-who", who));
      top.appendChild(el("span", "badge lang", c.language));
      if (c.priority !== "normal") top.appendChild(el("span", "badge prio-" + c.priority, c.priority));
      li.appendChild(top);
      var preview = el("div", "inbox-preview", c.last_message_preview);
      preview.dir = "auto";
      li.appendChild(preview);
      li.appendChild(el("div", "inbox-time", "#" + c.id + " · " + when(c.last_message_at)));
      li.addEventListener("click", function () { openConversation(c.id); });
      list.appendChild(li);
    });
  }

  function refreshSoon() {
    if (state.refreshTimer) return;
    state.refreshTimer = setTimeout(function () { state.refreshTimer = null; loadInbox(); }, 250);
  }

  // --- one conversation --------------------------------------------------------------
  var LONG_CHARS = 1200;
  var LONG_LINES = 15;

  function isLong(text) {
    text = text || "";
    return text.length > LONG_CHARS || text.split("\n").length > LONG_LINES;
  }

  function messageItem(m) {
    var li = el("li", "msg " + m.author_kind + (m.internal ? " internal" : ""));
    li.setAttribute("data-testid", "conversation-message");
    li.setAttribute("data-id", String(m.id));
    if (m.internal) li.setAttribute("data-internal", "true");
    var label = m.internal ? "Internal note" : (KINDS[m.author_kind] || m.author_kind);
    if (m.author_kind === "agent" && m.author_agent_id) {
      var a = state.agents.filter(function (x) { return x.id === m.author_agent_id; })[0];
      if (a) label = (m.internal ? "Note · " : "") + a.name;
    }
    li.appendChild(el("span", "msg-who", label + " · " + when(m.created_at)));
    var body = el("div", "msg-body", m.body);
    body.dir = "auto";
    li.appendChild(body);
    if (isLong(m.body)) {
      // A pasted log or a 20,000-character message would bury the rest of the conversation.
      body.classList.add("collapsed");
      var more = el("button", "msg-more", "Show more");
      more.type = "button";
      more.setAttribute("data-testid", "message-more");
      more.setAttribute("aria-expanded", "false");
      more.addEventListener("click", function () {
        var open = body.classList.toggle("collapsed") === false;
        more.textContent = open ? "Show less" : "Show more";
        more.setAttribute("aria-expanded", open ? "true" : "false");
      });
      li.appendChild(more);
    }
    var meta = m.meta || {};
    if (meta.article) {
      var cite = el("a", "msg-cite", "Cited: " + meta.article.title + " (" + meta.article.locale + ")");
      cite.href = meta.article.url;
      cite.target = "_blank";
      cite.rel = "noopener";
      li.appendChild(cite);
    }
    if (meta.options && meta.options.length) {
      li.appendChild(el("div", "msg-options", "Offered: " + meta.options.map(function (o) { return o.label; }).join(" · ")));
    }
    return li;
  }

  function addMessage(m) {
    if (!state.open || m.conversation_id !== state.open.id || state.seen[m.id]) return;
    state.seen[m.id] = true;
    var list = $("messages");
    list.appendChild(messageItem(m));
    list.scrollTop = list.scrollHeight;
  }

  function fillSelect(select, options, value) {
    select.textContent = "";
    options.forEach(function (o) {
      var opt = el("option", null, o[1]);
      opt.value = o[0];
      select.appendChild(opt);
    });
    select.value = value === null || value === undefined ? "" : String(value);
  }

  function openConversation(id) {
    api("GET", "/api/v1/conversations/" + id).then(function (c) {
      state.open = c;
      state.seen = {};
      state.viewers = {};
      $("empty").hidden = true;
      $("conversation").hidden = false;
      $("profile").hidden = false;
      $("conv-title").textContent = "#" + c.id + " · " + customerName(c.customer) +
        " · " + c.language + " · " + c.channel;
      $("messages").textContent = "";
      c.messages.forEach(addMessage);
      $("status").value = c.status;
      $("take-over").hidden = c.status !== "bot";
      $("priority").value = c.priority;
      fillSelect($("assignee"), [["", "Unassigned"]].concat(state.agents.map(function (a) {
        return [String(a.id), a.name + (a.presence === "online" ? " ●" : "")];
      })), c.assignee_id);
      fillSelect($("team"), [["", "No team"]].concat(state.teams.map(function (t) {
        return [String(t.id), t.name];
      })), c.team_id);
      renderViewers();
      loadProfile(c);
      loadCanned(c.language);
      renderSla(c);
      renderReasons(c);
      loadEscalation(c.id);
      markRead(c.id);
      send({op: "view", conversation_id: c.id});
      Array.prototype.forEach.call(document.querySelectorAll(".inbox-item"), function (li) {
        li.classList.toggle("active", li.getAttribute("data-id") === String(c.id));
      });
    }).catch(function (e) { alert(e.message); });
  }

  function loadProfile(c) {
    api("GET", "/api/v1/customers/" + encodeURIComponent(c.customer.external_id) + "?limit=10")
      .then(function (doc) {
        var dl = $("profile-fields");
        dl.textContent = "";
        [["Name", doc.name], ["Customer id", doc.external_id], ["Email", doc.email],
         ["Language", doc.language], ["Tier", doc.tier], ["Region", doc.region]].forEach(function (f) {
          if (!f[1]) return;
          dl.appendChild(el("dt", null, f[0]));
          dl.appendChild(el("dd", null, f[1]));
        });
        var past = $("past");
        past.textContent = "";
        (doc.conversations || []).forEach(function (p) {
          if (p.id === c.id) return;
          var li = el("li", null, "#" + p.id + " · " + p.status + " · " + p.last_message_preview);
          li.addEventListener("click", function () { openConversation(p.id); });
          past.appendChild(li);
        });
        if (!past.children.length) past.appendChild(el("li", "muted", "None before this one."));
      }).catch(function () {});
  }

  function loadCanned(language) {
    api("GET", "/api/v1/canned-responses?language=" + encodeURIComponent(language)).then(function (doc) {
      fillSelect($("canned"), [["", "Canned response…"]].concat(doc.items.map(function (r) {
        return [String(r.id), "/" + r.shortcut + " · " + r.title];
      })), "");
    }).catch(function () {});
  }

  // --- SLA, routing reasons, escalation -----------------------------------------------
  function duration(seconds) {
    var s = Math.abs(Math.round(seconds));
    if (s < 90) return s + " s";
    if (s < 5400) return Math.round(s / 60) + " min";
    if (s < 172800) return Math.round(s / 360) / 10 + " h";
    return Math.round(s / 86400) + " days";
  }

  function renderSla(c) {
    var dl = $("sla-fields");
    dl.textContent = "";
    var now = Date.now();
    [["First response", c.first_response_at ? null : c.sla.first_response_due_at],
     ["Next response", c.sla.next_response_due_at],
     ["Resolution", c.resolved_at ? null : c.sla.resolution_due_at]].forEach(function (f) {
      if (!f[1]) return;
      var left = (new Date(f[1]).getTime() - now) / 1000;
      dl.appendChild(el("dt", null, f[0]));
      var dd = el("dd", left < 0 ? "sla-late" : null,
        left < 0 ? "late by " + duration(left) : "due in " + duration(left));
      dd.title = when(f[1]);
      dl.appendChild(dd);
    });
    if (!dl.children.length) dl.appendChild(el("dd", "muted", "No clock running."));
  }

  // Why the bot handed over (bot/engine.py and the self-service flows), as a sentence.
  var BOT_REASONS = {
    asked: "the customer asked for a person",
    unsure: "no article matched well enough",
    unhelpful: "its answers did not help",
    upset: "the customer is upset",
    funds_at_risk: "money may be at risk",
    flow: "a self-service flow needs a person",
    flow_unavailable: "a self-service flow was not available",
    flow_loop: "a self-service flow went round in circles",
    verification_failed: "the customer could not be verified",
    backoffice_down: "the back office did not answer",
    backoffice_unavailable: "the back office did not answer",
    agent_took_over: "an agent took the conversation over",
    error: "the bot failed"
  };

  function teamName(r) {
    if (r.team) return r.team;
    var t = state.teams.filter(function (x) { return x.id === r.team_id; })[0];
    return t ? t.name : "team " + r.team_id;
  }

  // A key nobody wrote a sentence for yet still reads as words, never as a raw key.
  function plainWords(key) {
    var text = String(key || "").replace(/[_-]+/g, " ");
    return text.charAt(0).toUpperCase() + text.slice(1);
  }

  var FACTORS = {
    bot_handover: function (r) {
      return "The bot handed it over: " + (BOT_REASONS[r.reason] || plainWords(r.reason).toLowerCase());
    },
    taken_over: function (r) {
      var a = state.agents.filter(function (x) { return x.id === r.agent_id; })[0];
      return "Taken over from the bot by " + (a ? a.name : "agent " + r.agent_id);
    },
    rule: function (r) { return "Routing rule “" + r.rule + "” chose the team"; },
    team_fit: function (r) { return "Team " + r.team + " fits its product and language"; },
    language_fit: function (r) { return "No product given: team " + teamName(r) + " speaks the customer’s language"; },
    default_team: function (r) { return "No rule or product fits: the default team, " + teamName(r); },
    security: function (r) { return "Hacked account or scam: the security team, " + teamName(r); },
    requested: function () { return "Team chosen when it was opened"; },
    unrouted: function () { return "No rule or team fits: waiting to be routed by hand"; },
    funds_at_risk: function (r) { return "Money at risk (“" + r.match + "”): served " + duration(r.seconds) + " earlier"; },
    vip: function (r) { return "Tier " + r.tier + ": served " + duration(r.seconds) + " earlier"; },
    negative_sentiment: function (r) { return "Customer upset (“" + r.match + "”): served " + duration(r.seconds) + " earlier"; },
    priority: function (r) { return "Priority " + r.priority + ": " + (r.seconds >= 0 ? "served " + duration(r.seconds) + " earlier" : "served " + duration(r.seconds) + " later"); },
    queued: function (r) { return "Queued" + (r.why ? " (" + r.why + ")" : ""); },
    relaxed: function (r) { return "Requirements relaxed after " + duration(r.after_seconds) + ": " + r.why; },
    rerouted: function (r) { return "Re-routed: " + r.why; },
    assigned: function (r) {
      var a = state.agents.filter(function (x) { return x.id === r.agent_id; })[0];
      return "Assigned to " + (a ? a.name : "agent " + r.agent_id) + (r.pulled ? " (pulled)" : r.strategy ? " (" + r.strategy.replace("_", " ") + ")" : "");
    }
  };

  function renderReasons(c) {
    var list = $("reasons");
    list.textContent = "";
    (c.routing.reasons || []).forEach(function (r) {
      var say = FACTORS[r.factor];
      var li = el("li", null, say ? say(r) : plainWords(r.factor));
      if (r.at) li.title = when(r.at);
      list.appendChild(li);
    });
  }

  function levelName(n) {
    var l = state.levels.filter(function (x) { return x.level === n; })[0];
    return "L" + n + (l ? " " + l.name : "");
  }

  function loadEscalation(id) {
    api("GET", "/api/v1/conversations/" + id + "/escalations").then(function (list) {
      if (!state.open || state.open.id !== id) return;
      var active = list.filter(function (e) { return e.state === "open" || e.state === "acknowledged"; });
      state.escalation = active.length ? active[active.length - 1] : null;
      renderEscalation();
    }).catch(function () {});
  }

  function renderEscalation() {
    var c = state.open, e = state.escalation;
    $("conv-title").textContent = "#" + c.id + " · " + customerName(c.customer) + " · " +
      c.language + " · " + c.channel + (c.escalation_level > 1 ? " · " + levelName(c.escalation_level) : "");
    $("escalation-bar").hidden = !e;
    if (!e) return;
    var team = e.to_team_id ? state.teams.filter(function (t) { return t.id === e.to_team_id; })[0] : null;
    var target = team ? "team " + team.name : levelName(e.to_level);
    var status;
    if (e.state === "open") {
      status = "waiting for " + target + " to acknowledge by " + when(e.ack_due_at);
    } else {
      var who = state.agents.filter(function (a) { return a.id === e.acknowledged_by_agent_id; })[0];
      status = "acknowledged by " + (who ? who.name : "agent " + e.acknowledged_by_agent_id) + " (" + target + ")";
    }
    $("escalation-text").textContent = "Escalated: " + status + " — " + e.reason;
    $("acknowledge").hidden = e.state !== "open";
  }

  function openEscalateDialog() {
    if (!state.open) return;
    var current = state.open.escalation_level;
    var options = [];
    if (current < 10) options.push(["next", "Next level: " + levelName(current + 1)]);
    for (var n = current + 2; n <= 10; n++) options.push([String(n), levelName(n)]);
    state.teams.forEach(function (t) {
      if (t.id !== state.open.team_id) options.push(["team:" + t.id, "Team: " + t.name]);
    });
    fillSelect($("escalate-to"), options, options.length ? options[0][0] : "");
    $("escalate-reason").value = "";
    $("escalate-error").hidden = true;
    $("escalate-dialog").showModal();
    $("escalate-reason").focus();
  }

  function submitEscalation(event) {
    event.preventDefault();
    var v = $("escalate-to").value, to;
    if (v === "next") to = "next";
    else if (v.indexOf("team:") === 0) to = {team_id: Number(v.slice(5))};
    else to = Number(v);
    var reason = $("escalate-reason").value.trim();
    if (!reason) { $("escalate-error").textContent = "Say why."; $("escalate-error").hidden = false; return; }
    $("escalate-submit").disabled = true;
    api("POST", "/api/v1/conversations/" + state.open.id + "/escalate", {reason: reason, to: to})
      .then(function (e) {
        $("escalate-dialog").close();
        state.open.escalation_level = e.conversation_escalation_level;
        state.escalation = e;
        renderEscalation();
        toast("Escalated #" + e.conversation_id + " to " + (e.to_team_id ? "the team" : levelName(e.to_level)));
      }).catch(function (err) {
        $("escalate-error").textContent = err.message;
        $("escalate-error").hidden = false;
      }).then(function () { $("escalate-submit").disabled = false; });
  }

  function acknowledge(id) {
    return api("POST", "/api/v1/conversations/" + id + "/escalation/acknowledge").then(function (e) {
      if (state.open && state.open.id === id) { state.escalation = e; renderEscalation(); }
      return e;
    });
  }

  function toast(text, actions) {
    var box = el("div", "toast");
    box.setAttribute("data-testid", "toast");
    box.appendChild(el("span", null, text));
    (actions || []).forEach(function (a) {
      var b = el("button", null, a[0]);
      b.addEventListener("click", function () { a[1](); box.remove(); });
      box.appendChild(b);
    });
    $("toasts").appendChild(box);
    setTimeout(function () { box.remove(); }, 15000);
  }

  // --- new work: a sound, a desktop notification, the count in the tab's title ---------
  // The agent hears and sees a conversation assigned to them or landing in their teams'
  // queue, even from another tab. The sound is made with the Web Audio API (no file to load);
  // desktop notifications are asked for only when the agent clicks the button, as browsers
  // require. Both choices are remembered in this browser.
  var alerts = {unread: {}, audio: null, title: document.title,
    sound: localStorage.getItem("firstline.sound") !== "off",
    desktop: localStorage.getItem("firstline.desktop") === "on"};

  function unreadCount() { return Object.keys(alerts.unread).length; }

  function renderBadge() {
    var n = unreadCount();
    document.title = (n ? "(" + n + ") " : "") + alerts.title;
    var badge = $("new-work");
    badge.textContent = n ? n + " new" : "";
    badge.hidden = !n;
  }

  function markRead(id) {
    if (alerts.unread[id]) { delete alerts.unread[id]; renderBadge(); }
  }

  function chime() {
    if (!alerts.sound) return;
    var Context = window.AudioContext || window.webkitAudioContext;
    if (!Context) return;
    try {
      if (!alerts.audio) alerts.audio = new Context();
      var ctx = alerts.audio;
      if (ctx.state === "suspended") ctx.resume();
      // Two short rising tones, quiet enough not to startle.
      [[660, 0], [880, 0.14]].forEach(function (tone) {
        var osc = ctx.createOscillator();
        var gain = ctx.createGain();
        var start = ctx.currentTime + tone[1];
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
      var n = new Notification("Firstline", {body: text, tag: "conversation-" + id});
      n.onclick = function () { window.focus(); openConversation(id); n.close(); };
    } catch (e) { /* some browsers only notify from a service worker */ }
  }

  function newWork(id, text) {
    if (alerts.unread[id]) return;
    var looking = state.open && state.open.id === id && !document.hidden;
    if (!looking) { alerts.unread[id] = true; renderBadge(); }
    chime();
    desktopNotice(id, text);
    toast(text, [["Open", function () { openConversation(id); }]]);
    loadInbox();
  }

  function mine(teamId) { return teamId !== null && teamId !== undefined && me.teams.indexOf(teamId) >= 0; }

  // A conversation that may have landed unassigned in one of the agent's teams' queues: the
  // event alone does not say whether someone took it in the same moment, so ask.
  function maybeQueued(id) {
    api("GET", "/api/v1/conversations/" + id).then(function (c) {
      if (c.status === "open" && c.assignee_id === null && mine(c.team_id)) {
        newWork(c.id, "New in your team’s queue: #" + c.id + " · " + c.language);
      }
    }).catch(function () {});
  }

  function onWorkEvent(doc) {
    if (doc.type === "conversation.assigned") {
      if (doc.by_agent_id === me.id) {
        loadInbox();  // taken or handed out by this agent: no alert for their own action
      } else if (doc.assignee_id === me.id && doc.previous_assignee_id !== me.id) {
        newWork(doc.conversation_id, "Assigned to you: #" + doc.conversation_id);
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

  function renderAlertButtons() {
    var sound = $("sound-toggle");
    sound.textContent = alerts.sound ? "Sound on" : "Sound off";
    sound.setAttribute("aria-pressed", alerts.sound ? "true" : "false");
    var desktop = $("desktop-toggle");
    if (!("Notification" in window)) { desktop.hidden = true; return; }
    var on = alerts.desktop && Notification.permission === "granted";
    desktop.textContent = Notification.permission === "denied" ? "Desktop alerts blocked" :
      on ? "Desktop alerts on" : "Desktop alerts off";
    desktop.disabled = Notification.permission === "denied";
    desktop.setAttribute("aria-pressed", on ? "true" : "false");
  }

  $("sound-toggle").addEventListener("click", function () {
    alerts.sound = !alerts.sound;
    localStorage.setItem("firstline.sound", alerts.sound ? "on" : "off");
    renderAlertButtons();
    if (alerts.sound) chime();  // a click is the gesture browsers want before any sound
  });
  $("desktop-toggle").addEventListener("click", function () {
    if (alerts.desktop && Notification.permission === "granted") {
      alerts.desktop = false;
      localStorage.setItem("firstline.desktop", "off");
      renderAlertButtons();
      return;
    }
    Notification.requestPermission().then(function (permission) {
      alerts.desktop = permission === "granted";
      localStorage.setItem("firstline.desktop", alerts.desktop ? "on" : "off");
      renderAlertButtons();
    });
  });
  document.addEventListener("visibilitychange", function () {
    if (!document.hidden && state.open) markRead(state.open.id);
  });
  renderAlertButtons();

  // --- supervisor dashboard ----------------------------------------------------------
  function loadDashboard() {
    api("GET", "/api/v1/dashboard").then(function (d) {
      $("dash-generated").textContent = "updated " + when(d.generated_at);
      var totals = $("dash-totals");
      totals.textContent = "";
      [["Waiting", d.totals.waiting], ["SLA at risk", d.totals.sla_at_risk],
       ["Breaches today", d.totals.breaches_today], ["Met today", d.totals.met_today]].forEach(function (t) {
        var box = el("div", "dash-total");
        box.appendChild(el("strong", null, t[1]));
        box.appendChild(el("span", "muted", t[0]));
        totals.appendChild(box);
      });
      var body = $("dash-rows");
      body.textContent = "";
      // Where people wait comes first; rows with nothing at all going on are dimmed.
      var rows = d.rows.slice().sort(function (a, b) {
        return b.waiting - a.waiting || b.sla_at_risk - a.sla_at_risk ||
          b.breaches_today - a.breaches_today || b.agents_online - a.agents_online;
      });
      rows.forEach(function (r) {
        var quiet = !(r.waiting || r.agents_online || r.sla_at_risk || r.breaches_today || r.met_today);
        var tr = el("tr", r.sla_at_risk || r.longest_wait_seconds > 60 ? "hot" : quiet ? "quiet" : null);
        tr.setAttribute("data-testid", "dashboard-row");
        tr.appendChild(el("td", null, r.team || "Unrouted"));
        tr.appendChild(el("td", null, r.language));
        [r.waiting, r.waiting ? duration(r.longest_wait_seconds) : "–", r.agents_online,
         r.agents_busy, r.agents_available, r.sla_at_risk, r.breaches_today, r.met_today].forEach(function (v) {
          tr.appendChild(el("td", "num", v));
        });
        body.appendChild(tr);
      });
    }).catch(function () {});
  }

  // --- knowledge base editor --------------------------------------------------------
  var LANGS = ["en", "zh-CN", "zh-TW", "vi", "id", "ru", "es", "pt", "fr", "de", "tr", "ar",
    "ja", "ko", "th", "uk", "it"];
  var kb = {current: null, previewTimer: null};

  function kbLoadList() {
    var q = ["limit=100"];
    if ($("kb-locale").value) q.push("locale=" + encodeURIComponent($("kb-locale").value));
    if ($("kb-status").value) q.push("status=" + $("kb-status").value);
    api("GET", "/api/v1/kb/articles?" + q.join("&")).then(function (doc) {
      var list = $("kb-items");
      list.textContent = "";
      doc.items.forEach(function (a) {
        var li = el("li", kb.current && kb.current.id === a.id ? "active" : null, a.title);
        li.setAttribute("data-testid", "kb-item");
        li.appendChild(el("small", null, a.external_id + " · " + a.locale + " · " + a.status + " · rev " + a.revision));
        li.addEventListener("click", function () { kbOpen(a.external_id, a.locale); });
        list.appendChild(li);
      });
    }).catch(function (e) { toast(e.message); });
  }

  function kbFill(a) {
    kb.current = a;
    $("kb-external-id").value = a ? a.external_id : "";
    $("kb-external-id").readOnly = !!a;
    $("kb-form-locale").value = a ? a.locale : ($("kb-locale").value || "en");
    $("kb-form-locale").disabled = !!a;
    $("kb-title").value = a ? a.title : "";
    $("kb-category").value = a && a.category ? a.category : "";
    $("kb-form-status").value = a ? a.status : "draft";
    $("kb-body").value = a ? a.body : "";
    $("kb-preview").innerHTML = a ? a.html : "";  // sanitized by the server (knowledge/markdown.py)
    $("kb-message").textContent = a ? "Revision " + a.revision : "New article";
    var link = $("kb-public");
    link.hidden = !(a && a.status === "published");
    if (a) link.href = "/help/" + a.locale + "/articles/" + encodeURIComponent(a.external_id);
    var revisions = $("kb-revisions");
    revisions.textContent = "";
    if (!a) return;
    api("GET", "/api/v1/kb/articles/" + encodeURIComponent(a.external_id) + "/" + a.locale + "/revisions").then(function (doc) {
      doc.items.forEach(function (r) {
        var li = el("li", null, "Revision " + r.revision + " · " + r.status + " · " + when(r.created_at) + " · " + r.title);
        li.setAttribute("data-testid", "kb-revision");
        revisions.appendChild(li);
      });
    });
  }

  function kbOpen(externalId, locale) {
    api("GET", "/api/v1/kb/articles/" + encodeURIComponent(externalId) + "/" + locale).then(function (a) {
      kbFill(a);
      kbLoadList();
    }).catch(function (e) { toast(e.message); });
  }

  function kbPreview() {
    clearTimeout(kb.previewTimer);
    kb.previewTimer = setTimeout(function () {
      var body = $("kb-body").value;
      if (!body.trim()) { $("kb-preview").textContent = ""; return; }
      api("POST", "/api/v1/kb/preview", {body: body}).then(function (doc) {
        $("kb-preview").innerHTML = doc.html;  // sanitized by the server
      }).catch(function () {});
    }, 300);
  }

  function kbSave(event) {
    event.preventDefault();
    var data = {body: $("kb-body").value, status: $("kb-form-status").value};
    if ($("kb-title").value.trim()) data.title = $("kb-title").value.trim();
    data.category = $("kb-category").value.trim() || null;
    var saving;
    if (kb.current) {
      data.base_revision = kb.current.revision;
      saving = api("PUT", "/api/v1/kb/articles/" + encodeURIComponent(kb.current.external_id) + "/" + kb.current.locale, data);
    } else {
      data.locale = $("kb-form-locale").value;
      if ($("kb-external-id").value.trim()) data.external_id = $("kb-external-id").value.trim();
      saving = api("POST", "/api/v1/kb/articles", data);
    }
    saving.then(function (a) {
      kbFill(a);
      $("kb-message").textContent = "Saved: revision " + a.revision;
      kbLoadList();
    }).catch(function (e) { $("kb-message").textContent = e.message; });
  }

  // The views besides the inboxes, one at a time; showView(null) goes back to the inboxes.
  var VIEWS = {kb: "kb-toggle", dashboard: "dashboard-toggle", recovery: "recovery-toggle"};

  function showView(name) {
    Object.keys(VIEWS).forEach(function (v) {
      $(v).hidden = v !== name;
      var button = $(VIEWS[v]);
      if (button) button.setAttribute("aria-pressed", v === name ? "true" : "false");
    });
    document.querySelector(".layout").hidden = !!name;
    clearInterval(state.dashTimer);
  }

  function toggleKb() {
    var show = $("kb").hidden;
    showView(show ? "kb" : null);
    if (show) kbLoadList();
  }

  (function kbSetup() {
    LANGS.forEach(function (code) {
      var a = el("option", null, code); a.value = code; $("kb-locale").appendChild(a);
      var b = el("option", null, code); b.value = code; $("kb-form-locale").appendChild(b);
    });
    $("kb-toggle").addEventListener("click", toggleKb);
    $("kb-locale").addEventListener("change", kbLoadList);
    $("kb-status").addEventListener("change", kbLoadList);
    $("kb-new").addEventListener("click", function () { kbFill(null); });
    $("kb-body").addEventListener("input", kbPreview);
    $("kb-form").addEventListener("submit", kbSave);
  })();

  // --- deposit recovery desk -------------------------------------------------------
  var RC_STATES = ["submitted", "diagnosing", "awaiting_customer", "approved", "recovering",
    "credited", "rejected"];
  var RC_STATE_NAMES = {submitted: "Submitted", diagnosing: "Diagnosing",
    awaiting_customer: "Awaiting customer", approved: "Approved", recovering: "Recovering",
    credited: "Credited", rejected: "Rejected"};
  // The team's moves, as recovery/actions.py TRANSITIONS has them, for the bulk bar; a case's
  // own buttons follow the `moves` the server sends with it. The server still decides, so a
  // case someone else moved meanwhile answers with a 409.
  var RC_MOVES = {submitted: ["diagnosing", "awaiting_customer", "rejected"],
    diagnosing: ["awaiting_customer", "approved", "rejected"],
    awaiting_customer: ["diagnosing", "rejected"], approved: ["recovering", "rejected"],
    recovering: ["credited", "rejected"], credited: [], rejected: ["diagnosing"]};
  var RC_MOVE_LABELS = {diagnosing: "Back to diagnosing", awaiting_customer: "Ask the customer",
    approved: "Approve", recovering: "Start recovering", credited: "Mark credited", rejected: "Reject"};
  var RC_DIAGNOSABLE = ["submitted", "diagnosing", "awaiting_customer"];
  var RC_NETWORKS = ["ETH", "BSC", "TRON", "BTC", "SOL", "POLYGON", "ARBITRUM", "BASE", "LTC",
    "XRP", "TON", "XLM", "BNB", "OPTIMISM", "AVAXC", "DOGE"];
  var RC_CAUSES = ["not_found", "unconfirmed", "failed", "credited", "missing_memo", "wrong_memo",
    "wrong_network", "unlisted_token", "sent_to_contract", "below_minimum", "not_own_address",
    "withdrawal", "not_credited", "unchecked"];
  var rc = {cursor: null, seq: 0, selected: {}, current: null, busy: false};

  function words(code) { return code ? String(code).replace(/_/g, " ") : "–"; }

  function agentName(id) {
    var a = state.agents.filter(function (x) { return x.id === id; })[0];
    return a ? a.name : "agent " + id;
  }

  function rcStateBadge(s) {
    var badge = el("span", "badge rc-state rc-state-" + s, RC_STATE_NAMES[s] || s);
    badge.setAttribute("data-testid", "recovery-state-badge");
    return badge;
  }

  function rcQuery(cursor) {
    var q = ["limit=50"];
    if ($("rc-state").value) q.push("state=" + $("rc-state").value);
    if ($("rc-network").value) q.push("network=" + encodeURIComponent($("rc-network").value));
    if ($("rc-cause").value) q.push("cause=" + $("rc-cause").value);
    if ($("rc-overdue").checked) q.push("overdue=true");
    if (cursor) q.push("cursor=" + encodeURIComponent(cursor));
    return q.join("&");
  }

  function rcLoad(more) {
    var seq = ++rc.seq;  // filters change faster than answers come back: keep the last
    return api("GET", "/api/v1/recovery/cases?" + rcQuery(more ? rc.cursor : null)).then(function (doc) {
      if (seq !== rc.seq) return;
      var rows = $("rc-rows");
      if (!more) {
        rows.textContent = "";
        var kept = {};
        doc.items.forEach(function (c) { if (rc.selected[c.id]) kept[c.id] = true; });
        rc.selected = kept;
      }
      rcCounts(doc.counts);
      doc.items.forEach(function (c) { rows.appendChild(rcRow(c)); });
      rc.cursor = doc.next_cursor;
      $("rc-more").hidden = !doc.next_cursor;
      $("rc-empty").hidden = rows.children.length > 0;
      rcSelection();
    }).catch(function (e) { toast(e.message); });
  }

  function rcCounts(counts) {
    var select = $("rc-state"), value = select.value, total = 0;
    RC_STATES.forEach(function (s) { total += counts[s] || 0; });
    fillSelect(select, [["", "All states" + (counts.credited === undefined ? "" : " (" + total + ")")]].concat(
      RC_STATES.map(function (s) {
        return [s, RC_STATE_NAMES[s] + (counts[s] === undefined ? "" : " (" + counts[s] + ")")];
      })), value);
  }

  function rcRow(c) {
    var tr = el("tr", c.overdue ? "overdue" : null);
    tr.setAttribute("data-testid", "recovery-row");
    tr.setAttribute("data-id", String(c.id));
    tr.setAttribute("data-state", c.state);
    if (rc.current && rc.current.id === c.id) tr.classList.add("active");
    var pick = el("td", "rc-pick");
    var box = el("input");
    box.type = "checkbox";
    box.checked = !!rc.selected[c.id];
    box.setAttribute("data-testid", "recovery-check");
    box.setAttribute("aria-label", "Select " + c.number);
    box.addEventListener("change", function () {
      if (box.checked) rc.selected[c.id] = true; else delete rc.selected[c.id];
      rcSelection();
    });
    pick.addEventListener("click", function (event) { event.stopPropagation(); });
    pick.appendChild(box);
    tr.appendChild(pick);
    tr.appendChild(el("td", "rc-number", c.number));
    var st = el("td");
    st.appendChild(rcStateBadge(c.state));
    tr.appendChild(st);
    tr.appendChild(el("td", null, words(c.cause)));
    tr.appendChild(el("td", null, words(c.path)));
    var found = c.found.network + " " + c.found.token;
    if (c.found.network !== c.claim.network) found += " (said " + c.claim.network + ")";
    tr.appendChild(el("td", null, found));
    var amount = el("td", "num", c.found.amount ? c.found.amount + " " + c.found.token :
      c.claim.amount ? c.claim.amount + " " + c.claim.token : "–");
    if (c.found.value) amount.appendChild(el("small", "muted", "≈ " + c.found.value + " " + c.found.currency));
    tr.appendChild(amount);
    var fee = el("td", "num", c.fee ? c.fee.amount + " " + c.fee.currency : "–");
    if (c.fee && c.fee.accepted_at) fee.appendChild(el("small", "muted", "accepted"));
    tr.appendChild(fee);
    var due = el("td", c.overdue ? "rc-late" : null, "–");
    if (c.due_at) {
      var left = (new Date(c.due_at).getTime() - Date.now()) / 1000;
      due.textContent = left < 0 ? "late by " + duration(left) : "in " + duration(left);
      due.title = when(c.due_at);
    }
    tr.appendChild(due);
    tr.appendChild(el("td", "rc-applicant", c.applicant.external_user_id || c.applicant.email || "–"));
    tr.addEventListener("click", function () { rcOpen(c.id); });
    return tr;
  }

  function rcSelection() {
    var n = Object.keys(rc.selected).length;
    $("rc-selected").textContent = n ? n + " selected" : "None selected";
    $("rc-bulk-apply").disabled = !n;
    var boxes = document.querySelectorAll('#rc-rows [data-testid="recovery-check"]');
    var all = boxes.length > 0;
    Array.prototype.forEach.call(boxes, function (b) { if (!b.checked) all = false; });
    $("rc-check-all").checked = all;
  }

  function rcSay(text, isError) {
    var box = $("rc-message");
    box.textContent = text;
    box.classList.toggle("error", !!isError);
    box.hidden = false;
  }

  function rcBulkSay(text, isError) {
    $("rc-bulk-result").textContent = text;
    $("rc-bulk-result").classList.toggle("rc-failed", !!isError);
  }

  function rcOpen(id) {
    return api("GET", "/api/v1/recovery/cases/" + id).then(rcFill)
      .catch(function (e) { toast(e.message); });
  }

  function rcClearInputs() {
    $("rc-reason").value = "";
    $("rc-note").value = "";
    $("rc-amount").value = "";
  }

  function selectText(node) {
    var range = document.createRange();
    range.selectNodeContents(node);
    var sel = window.getSelection();
    sel.removeAllRanges();
    sel.addRange(range);
  }

  function rcCopyable(text, testid) {
    var wrap = el("span", "rc-copy");
    var code = el("code", "mono", text);
    code.setAttribute("data-testid", testid);
    var button = el("button", "rc-copy-button", "Copy");
    button.type = "button";
    button.addEventListener("click", function () {
      selectText(code);
      if (!navigator.clipboard) return;  // selected: Ctrl+C does it
      navigator.clipboard.writeText(text).then(function () {
        button.textContent = "Copied";
        setTimeout(function () { button.textContent = "Copy"; }, 1500);
      }, function () {});
    });
    wrap.appendChild(code);
    wrap.appendChild(button);
    return wrap;
  }

  function rcFields(dl, rows) {
    dl.textContent = "";
    rows.forEach(function (r) {
      if (r[1] === null || r[1] === undefined || r[1] === "") return;
      dl.appendChild(el("dt", null, r[0]));
      var dd = el("dd");
      if (r[1] instanceof Node) dd.appendChild(r[1]); else dd.textContent = String(r[1]);
      dl.appendChild(dd);
    });
    if (!dl.children.length) dl.appendChild(el("dd", "muted", "Nothing yet."));
  }

  function rcFill(c) {
    if (!rc.current || rc.current.id !== c.id) rcClearInputs();
    rc.current = c;
    $("rc-detail").hidden = false;
    $("rc-message").hidden = true;
    var title = $("rc-title");
    title.textContent = c.number + " ";
    title.appendChild(rcStateBadge(c.state));
    if (c.overdue) title.appendChild(el("span", "badge rc-overdue-badge", "overdue"));
    Array.prototype.forEach.call(document.querySelectorAll('#rc-rows [data-testid="recovery-row"]'), function (tr) {
      tr.classList.toggle("active", tr.getAttribute("data-id") === String(c.id));
    });

    var moves = $("rc-moves");
    moves.textContent = "";
    var allowed = c.moves || RC_MOVES[c.state] || [];
    if (c.state === "awaiting_customer" && c.fee && !c.fee.accepted_at) {
      // The customer answered the fee to an agent (in a chat, on the phone): record it.
      [[true, "Customer accepts the fee"], [false, "Customer declines the fee"]].forEach(function (pair) {
        var f = el("button", "rc-move rc-fee", pair[1]);
        f.type = "button";
        f.setAttribute("data-testid", pair[0] ? "recovery-fee-accept" : "recovery-fee-decline");
        f.addEventListener("click", function () { rcFee(pair[0]); });
        moves.appendChild(f);
      });
    }
    allowed.forEach(function (to) {
      var label = c.state === "rejected" ? "Reopen for review" : RC_MOVE_LABELS[to];
      var b = el("button", "rc-move rc-move-" + to, label);
      b.type = "button";
      b.setAttribute("data-testid", "recovery-move-" + to);
      b.addEventListener("click", function () { rcMove(to); });
      moves.appendChild(b);
    });
    if (RC_DIAGNOSABLE.indexOf(c.state) >= 0) {
      var again = el("button", "rc-move rc-diagnose", "Diagnose again");
      again.type = "button";
      again.setAttribute("data-testid", "recovery-diagnose");
      again.addEventListener("click", rcDiagnose);
      moves.appendChild(again);
    }
    if (!moves.children.length) moves.appendChild(el("span", "muted", "Closed: no moves left."));
    var open = allowed.length > 0;
    $("rc-reason-label").hidden = allowed.indexOf("rejected") < 0;
    $("rc-amount-label").hidden = c.state !== "recovering";
    $("rc-inputs").hidden = !open;

    rcFields($("rc-claim"), [
      ["Network", c.claim.network], ["Token", c.claim.token],
      ["Tx hash", rcCopyable(c.claim.tx_hash, "recovery-tx-hash")],
      ["Address", rcCopyable(c.claim.address, "recovery-address")],
      ["Memo", c.claim.memo ? rcCopyable(c.claim.memo, "recovery-memo") : null],
      ["Amount", c.claim.amount]]);
    var eligible = c.eligible === true ? "Yes" : c.eligible === false ? "No" : "Not known yet";
    var wait = c.wait_seconds ? " (about " + duration(c.wait_seconds) + ")" : "";
    rcFields($("rc-diagnosis"), [
      ["Cause", words(c.cause)], ["Eligible", eligible], ["Path", words(c.path)],
      ["Advice", c.advice ? words(c.advice) + wait : null],
      ["Found on", c.found.network + " " + c.found.token],
      ["Contract", c.found.contract ? rcCopyable(c.found.contract, "recovery-contract") : null],
      ["Amount found", c.found.amount],
      ["Value", c.found.value ? c.found.value + " " + c.found.currency : null]]);
    var notes = $("rc-notes");
    notes.textContent = "";
    (c.notes || []).forEach(function (n) { notes.appendChild(el("li", null, n)); });
    var explanation = $("rc-explanation");
    explanation.textContent = "";
    explanation.lang = c.language;
    (c.explanation || []).forEach(function (p) {
      var para = el("p", null, p);
      para.dir = "auto";
      explanation.appendChild(para);
    });
    var f = c.fee;
    var waived = f && Number(f.amount) === 0;
    rcFields($("rc-fee"), f ? [
      ["Quoted", waived ? "None (waived)" : f.amount + " " + f.currency],
      ["Policy", f.percent ? f.percent + "% (" + f.minimum + "–" + f.maximum + " " + f.currency + ")" : null],
      ["Accepted", waived ? null : f.accepted_at ? when(f.accepted_at) : "not yet"],
      ["Charged", f.charged ? f.charged + " " + f.currency : null]] : []);
    rcFields($("rc-recovered"), [
      ["Amount", c.recovered.amount ? c.recovered.amount + " " + c.found.token : null],
      ["Value", c.recovered.value ? c.recovered.value + " " + c.found.currency : null]]);
    var conversation = null;
    if (c.conversation_id) {
      conversation = el("a", null, "Conversation #" + c.conversation_id);
      conversation.href = "#/conversations/" + c.conversation_id;
      conversation.setAttribute("data-testid", "recovery-conversation");
      conversation.addEventListener("click", function (event) {
        event.preventDefault();
        showView(null);
        openConversation(c.conversation_id);
      });
    }
    rcFields($("rc-case"), [
      ["Applicant", [c.applicant.external_user_id, c.applicant.email].filter(Boolean).join(" · ")],
      ["Conversation", conversation], ["Reason", c.reason], ["Note to customer", c.note],
      ["Language", c.language], ["Source", c.source], ["Opened", when(c.created_at)],
      ["Due", c.due_at ? when(c.due_at) : null], ["Closed", c.closed_at ? when(c.closed_at) : null]]);
    rcHistory(c.history || []);
    rcBusy(rc.busy);
  }

  function rcHistory(entries) {
    var list = $("rc-history");
    list.textContent = "";
    var lastNote = null;
    entries.forEach(function (h) {
      var d = h.data || {};
      var who = h.actor_agent_id ? agentName(h.actor_agent_id) :
        h.actor_kind === "customer" ? "Customer" : "System";
      var what = h.action;
      if (h.action === "recovery.opened") {
        what = "Opened (" + d.source + "): " + words(d.cause) + ", " + (RC_STATE_NAMES[d.state] || d.state);
      } else if (h.action === "recovery.moved") {
        what = (RC_STATE_NAMES[d.from] || d.from) + " → " + (RC_STATE_NAMES[d.to] || d.to);
        if (d.reason) what += " · reason: " + d.reason;
        if (d.to === "credited" && d.recovered_amount) what += " · recovered " + d.recovered_amount;
        if (d.fee_charged_cents) what += " · fee charged " + (d.fee_charged_cents / 100).toFixed(2);
        // The entry keeps the case's note after the move: say it only when it changed.
        if (d.note && d.note !== lastNote) what += " · note: " + d.note;
        lastNote = d.note;
      } else if (h.action === "recovery.rediagnosed") {
        what = "Diagnosed again: " + words(d.cause) + ", " + (RC_STATE_NAMES[d.from] || d.from) +
          " → " + (RC_STATE_NAMES[d.to] || d.to);
      } else if (h.action === "recovery.fee_accepted") {
        what = "Fee accepted";
      } else if (h.action === "recovery.fee_declined") {
        what = "Fee declined";
      }
      var li = el("li");
      li.setAttribute("data-testid", "recovery-history-item");
      li.setAttribute("data-action", h.action);
      li.appendChild(el("span", "muted", when(h.at) + " · " + who + " · "));
      li.appendChild(el("span", null, what));
      list.appendChild(li);
    });
    if (!list.children.length) list.appendChild(el("li", "muted", "No history."));
  }

  function rcBusy(on) {
    rc.busy = on;
    Array.prototype.forEach.call($("rc-moves").querySelectorAll("button"), function (b) { b.disabled = on; });
  }

  // After a change, or a refusal (someone else may have moved the case): reload the case,
  // the list and the totals, then say what happened.
  function rcAfter(id, text, isError) {
    rcLoad(false);
    rcSummary();
    return rcOpen(id).then(function () { rcSay(text, isError); });
  }

  function rcMove(to) {
    var c = rc.current;
    if (!c || rc.busy) return;
    var body = {to: to};
    var reason = $("rc-reason").value.trim();
    if (to === "rejected") {
      if (!reason) {
        rcSay("Say why the case is rejected: fill in Reason (at most 32 characters).", true);
        $("rc-reason").focus();
        return;
      }
      body.reason = reason;
    }
    var note = $("rc-note").value.trim();
    if (note) body.note = note;
    var amount = $("rc-amount").value.trim();
    if (to === "credited" && amount) {
      if (!/^\d+(\.\d+)?$/.test(amount)) {
        rcSay("The recovered amount must be a number such as 12.5 (or empty for the diagnosed amount).", true);
        $("rc-amount").focus();
        return;
      }
      body.recovered_amount = amount;
    }
    rcBusy(true);
    api("POST", "/api/v1/recovery/cases/" + c.id + "/move", body).then(function (moved) {
      rcClearInputs();
      rcBusy(false);
      return rcAfter(moved.id, "Moved " + moved.number + " to " + RC_STATE_NAMES[moved.state] + ".");
    }, function (e) {
      rcBusy(false);
      return rcAfter(c.id, e.message, true);
    });
  }

  function rcDiagnose() {
    var c = rc.current;
    if (!c || rc.busy) return;
    rcBusy(true);
    rcSay("Diagnosing " + c.number + "…");
    api("POST", "/api/v1/recovery/cases/" + c.id + "/diagnose").then(function (d) {
      rcBusy(false);
      return rcAfter(d.id, "Diagnosed again: " + words(d.cause) + "; now " + RC_STATE_NAMES[d.state] + ".");
    }, function (e) {
      rcBusy(false);
      return rcAfter(c.id, e.message, true);
    });
  }

  function rcFee(accept) {
    var c = rc.current;
    if (!c || rc.busy) return;
    rcBusy(true);
    api("POST", "/api/v1/recovery/cases/" + c.id + "/fee", {accept: accept}).then(function (d) {
      rcBusy(false);
      return rcAfter(d.id, (accept ? "Fee accepted" : "Fee declined") + "; now " + RC_STATE_NAMES[d.state] + ".");
    }, function (e) {
      rcBusy(false);
      return rcAfter(c.id, e.message, true);
    });
  }

  function rcBulk() {
    var ids = Object.keys(rc.selected).map(Number);
    var to = $("rc-bulk-to").value;
    var reason = $("rc-bulk-reason").value.trim();
    if (!ids.length) return;
    if (!to) { rcBulkSay("Choose the state to move them to.", true); return; }
    if (to === "rejected" && !reason) {
      rcBulkSay("Say why the cases are rejected: fill in Reason (at most 32 characters).", true);
      $("rc-bulk-reason").focus();
      return;
    }
    var body = {ids: ids, to: to};
    if (to === "rejected") body.reason = reason;
    $("rc-bulk-apply").disabled = true;
    api("POST", "/api/v1/recovery/cases/bulk", body).then(function (r) {
      var text = "Moved " + r.moved.length + "; " + r.failed.length + " failed";
      if (r.failed.length) text += ": " + r.failed.map(function (f) { return f.detail; }).join(" ");
      rcBulkSay(text, r.failed.length > 0);
      rc.selected = {};
      $("rc-bulk-reason").value = "";
      rcLoad(false);
      rcSummary();
      if (rc.current && ids.indexOf(rc.current.id) >= 0) rcOpen(rc.current.id);
    }).catch(function (e) { rcBulkSay(e.message, true); rcSelection(); });
  }

  // Supervisors and admins see the totals; anyone else (or a refusal) sees nothing.
  function rcSummary() {
    if (me.role === "agent") return;
    api("GET", "/api/v1/recovery/report").then(function (r) {
      var box = $("rc-summary");
      box.textContent = "";
      [["Cases", r.cases], ["Credited", r.credited],
       ["Value recovered", r.value_recovered + " " + r.currency],
       ["Fees", r.fees + " " + r.currency]].forEach(function (t) {
        var item = el("div", "dash-total");
        item.appendChild(el("strong", null, t[1]));
        item.appendChild(el("span", "muted", t[0]));
        box.appendChild(item);
      });
      box.hidden = false;
    }).catch(function () { $("rc-summary").hidden = true; });
  }

  function toggleRecovery() {
    var show = $("recovery").hidden;
    showView(show ? "recovery" : null);
    if (!show) return;
    rcLoad(false);
    rcSummary();
    if (rc.current) rcOpen(rc.current.id);
  }

  (function rcSetup() {
    RC_NETWORKS.forEach(function (n) {
      var o = el("option", null, n); o.value = n; $("rc-network").appendChild(o);
    });
    RC_CAUSES.forEach(function (cause) {
      var o = el("option", null, words(cause)); o.value = cause; $("rc-cause").appendChild(o);
    });
    RC_CAUSES.concat(["unsupported", "fee_declined", "duplicate", "other"]).forEach(function (r) {
      var o = el("option"); o.value = r; $("rc-reasons").appendChild(o);
    });
    fillSelect($("rc-bulk-to"), [["", "Move to…"]].concat(RC_STATES.filter(function (s) {
      return s !== "submitted";
    }).map(function (s) { return [s, RC_STATE_NAMES[s]]; })), "");
    rcCounts({});
    $("recovery-toggle").addEventListener("click", toggleRecovery);
    ["rc-state", "rc-network", "rc-cause", "rc-overdue"].forEach(function (id) {
      $(id).addEventListener("change", function () { rc.selected = {}; rcLoad(false); });
    });
    $("rc-more").addEventListener("click", function () { rcLoad(true); });
    $("rc-check-all").addEventListener("change", function () {
      var on = $("rc-check-all").checked;
      Array.prototype.forEach.call(document.querySelectorAll("#rc-rows tr"), function (tr) {
        var id = Number(tr.getAttribute("data-id"));
        tr.querySelector("input").checked = on;
        if (on) rc.selected[id] = true; else delete rc.selected[id];
      });
      rcSelection();
    });
    $("rc-bulk-apply").addEventListener("click", rcBulk);
    $("rc-close").addEventListener("click", function () {
      rc.current = null;
      $("rc-detail").hidden = true;
      Array.prototype.forEach.call(document.querySelectorAll("#rc-rows tr.active"), function (tr) {
        tr.classList.remove("active");
      });
    });
  })();

  function toggleDashboard() {
    var show = $("dashboard").hidden;
    showView(show ? "dashboard" : null);
    if (show) { loadDashboard(); state.dashTimer = setInterval(loadDashboard, 3000); }
  }

  function update(changes) {
    if (!state.open) return;
    api("PATCH", "/api/v1/conversations/" + state.open.id, changes).then(function (c) {
      state.open = Object.assign(state.open, c);
      renderSla(state.open);
      renderReasons(state.open);
      refreshSoon();
    }).catch(function (e) { alert(e.message); openConversation(state.open.id); });
  }

  function renderViewers() {
    var now = Date.now();
    var names = Object.keys(state.viewers).filter(function (id) {
      return Number(id) !== me.id && state.viewers[id].until > now;
    }).map(function (id) { return state.viewers[id].name; });
    $("viewers").textContent = names.length ? "Also viewing: " + names.join(", ") : "";
  }

  // --- live --------------------------------------------------------------------------
  function send(doc) {
    if (state.socket && state.socket.readyState === 1) state.socket.send(JSON.stringify(doc));
  }

  function connect() {
    var scheme = location.protocol === "https:" ? "wss:" : "ws:";
    var socket = new WebSocket(scheme + "//" + location.host + "/console/ws");
    state.socket = socket;
    socket.onopen = function () {
      state.retry = 500;
      $("live").textContent = "live";
      $("live").classList.add("on");
      if (state.open) send({op: "view", conversation_id: state.open.id});
      loadInbox();
    };
    socket.onmessage = function (event) {
      if (event.data === "pong") return;
      var doc = JSON.parse(event.data);
      if (doc.type === "message.posted") { addMessage(doc.message); refreshSoon(); }
      else if (doc.type === "viewer") {
        if (doc.viewing) state.viewers[doc.agent_id] = {name: doc.name, until: Date.now() + 45000};
        else delete state.viewers[doc.agent_id];
        if (state.open && doc.conversation_id === state.open.id) renderViewers();
      } else if (doc.type === "resync") { loadInbox(); if (state.open) openConversation(state.open.id); }
      else if (doc.type === "escalation.raised") {
        if ((doc.notify_agent_ids || []).indexOf(me.id) >= 0) {
          var id = doc.conversation_id;
          toast((doc.automatic ? "Climbed to you: #" : "Escalated to you: #") + id + " · " +
                (doc.to_team_id ? "your team" : levelName(doc.to_level)) + " · " + doc.reason,
                [["Open", function () { openConversation(id); }],
                 ["Acknowledge", function () { acknowledge(id).catch(function (e) { alert(e.message); }); }]]);
        }
        if (state.open && doc.conversation_id === state.open.id) openConversation(state.open.id);
      } else if (doc.type && doc.type.indexOf("escalation.") === 0) {
        if (doc.type === "escalation.returned" && doc.to_agent_id === me.id) {
          toast("Returned to you: #" + doc.conversation_id + " · " + doc.reason);
        }
        if (state.open && doc.conversation_id === state.open.id) openConversation(state.open.id);
      } else if (doc.type === "sla.breached") {
        if (me.role !== "agent") {
          toast("SLA breached: #" + doc.conversation_id + " · " + doc.metric.replace("_", " "),
                [["Open", function () { openConversation(doc.conversation_id); }]]);
        }
        if (!$("dashboard").hidden) loadDashboard();
      }
      else if (doc.type === "agent.updated") {
        // The server chooses a connection's channels (own teams) when it opens: after a change
        // of teams, take the new ones and reconnect, which listens on them and reloads the lists.
        if (doc.agent_id === me.id && doc.changes && doc.changes.team_ids) {
          me.teams = doc.changes.team_ids;
          socket.close();
        }
      }
      else if (doc.type && doc.type.indexOf("conversation.") === 0) {
        onWorkEvent(doc);
        refreshSoon();
        if (state.open && doc.conversation_id === state.open.id && doc.changes) {
          if (doc.changes.status) {
            $("status").value = doc.changes.status;
            $("take-over").hidden = doc.changes.status !== "bot";
          }
          if (doc.changes.priority) $("priority").value = doc.changes.priority;
        }
      }
    };
    socket.onclose = function () {
      if (state.socket !== socket) return;
      $("live").textContent = "reconnecting…";
      $("live").classList.remove("on");
      setTimeout(connect, state.retry);
      state.retry = Math.min(state.retry * 2, 8000);
    };
  }

  // --- wiring ------------------------------------------------------------------------
  Array.prototype.forEach.call(document.querySelectorAll("[data-inbox]"), function (button) {
    button.addEventListener("click", function () {
      state.inbox = button.getAttribute("data-inbox");
      Array.prototype.forEach.call(document.querySelectorAll("[data-inbox]"), function (b) {
        b.setAttribute("aria-selected", b === button ? "true" : "false");
      });
      loadInbox();
    });
  });

  $("reply").addEventListener("submit", function (event) {
    event.preventDefault();
    var input = $("reply-input");
    var body = input.value.trim();
    if (!body || !state.open) return;
    var internal = $("note").checked;
    $("reply-send").disabled = true;
    api("POST", "/api/v1/conversations/" + state.open.id + "/messages",
      {body: body, internal: internal, author_kind: "agent"}).then(function (m) {
      input.value = "";
      $("note").checked = false;
      noteMode();
      addMessage(m);
    }).catch(function (e) { alert(e.message); }).then(function () { $("reply-send").disabled = false; });
  });
  $("reply-input").addEventListener("keydown", function (event) {
    if (event.key === "Enter" && (event.ctrlKey || event.metaKey)) $("reply").requestSubmit();
  });
  function noteMode() {
    $("reply").classList.toggle("noting", $("note").checked);
    $("reply-input").placeholder = $("note").checked ?
      "Internal note: only agents see it…" : "Reply to the customer…";
  }
  $("note").addEventListener("change", noteMode);
  $("canned").addEventListener("change", function () {
    var id = $("canned").value;
    if (!id || !state.open) return;
    api("GET", "/api/v1/canned-responses/" + id + "/render?conversation_id=" + state.open.id).then(function (doc) {
      var input = $("reply-input");
      input.value = input.value ? input.value + "\n" + doc.body : doc.body;
      input.focus();
      $("canned").value = "";
    });
  });
  $("status").addEventListener("change", function () { update({status: $("status").value}); });
  $("take-over").addEventListener("click", function () {
    if (!state.open) return;
    var id = state.open.id;
    api("POST", "/api/v1/conversations/" + id + "/bot/take-over").then(function () {
      openConversation(id);
      loadInbox();
    }).catch(function (e) { toast(e.message); });
  });
  $("priority").addEventListener("change", function () { update({priority: $("priority").value}); });
  $("assignee").addEventListener("change", function () {
    var v = $("assignee").value;
    update({assignee_id: v ? Number(v) : null});
  });
  $("team").addEventListener("change", function () {
    var v = $("team").value;
    update({team_id: v ? Number(v) : null});
  });
  $("escalate").addEventListener("click", openEscalateDialog);
  $("escalate-form").addEventListener("submit", submitEscalation);
  $("escalate-cancel").addEventListener("click", function () { $("escalate-dialog").close(); });
  $("acknowledge").addEventListener("click", function () {
    if (state.open) acknowledge(state.open.id).catch(function (e) { alert(e.message); });
  });
  $("deescalate").addEventListener("click", function () {
    if (!state.open) return;
    var reason = prompt("Why return it?", "Handled at this level");
    if (!reason) return;
    api("POST", "/api/v1/conversations/" + state.open.id + "/escalation/return", {reason: reason})
      .then(function () { openConversation(state.open.id); })
      .catch(function (e) { alert(e.message); });
  });
  if ($("dashboard-toggle")) $("dashboard-toggle").addEventListener("click", toggleDashboard);
  setInterval(function () { if (state.open) renderSla(state.open); }, 5000);
  $("presence").addEventListener("change", function () {
    api("PATCH", "/api/v1/agents/" + me.id, {presence: $("presence").value}).catch(function (e) { alert(e.message); });
  });

  setInterval(function () {
    send("ping");
    if (state.open) send({op: "view", conversation_id: state.open.id});
    renderViewers();
  }, 20000);

  api("GET", "/api/v1/me").then(function (doc) {
    me.teams = doc.team_ids;
    $("presence").value = doc.presence;
    return Promise.all([
      api("GET", "/api/v1/agents?limit=1000").then(function (a) { state.agents = a; }).catch(function () {}),
      api("GET", "/api/v1/teams").then(function (t) { state.teams = t; }).catch(function () {}),
      api("GET", "/api/v1/escalation/levels").then(function (l) { state.levels = l; }).catch(function () {}),
    ]);
  }).then(function () {
    document.querySelector('[data-inbox="mine"]').setAttribute("aria-selected", "true");
    loadInbox();
    connect();
    // Links to a conversation (#/conversations/<id>, as the recovery desk makes) opened anew.
    var linked = /^#\/conversations\/(\d+)$/.exec(location.hash);
    if (linked) openConversation(Number(linked[1]));
  });
})();
