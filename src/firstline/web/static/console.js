// Firstline agent console. Works through the REST API (session cookie + CSRF header) and
// listens on /console/ws. Customer text is only ever inserted with textContent.
(function () {
  "use strict";

  function meta(name) { return document.querySelector('meta[name="' + name + '"]').content; }
  var csrf = meta("csrf-token");
  var me = {id: Number(meta("agent-id")), role: meta("agent-role"), teams: []};
  var state = {inbox: "mine", open: null, seen: {}, viewers: {}, socket: null, retry: 500,
    agents: [], teams: [], refreshTimer: null};
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
    if (state.inbox === "teams") {
      if (!me.teams.length) return ["status=open"];
      return me.teams.map(function (t) { return "status=open&team_id=" + t; });
    }
    return ["status=open"];
  }

  function loadInbox() {
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

  function update(changes) {
    if (!state.open) return;
    api("PATCH", "/api/v1/conversations/" + state.open.id, changes).then(function (c) {
      state.open.status = c.status;
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
      else if (doc.type && doc.type.indexOf("conversation.") === 0) {
        refreshSoon();
        if (state.open && doc.conversation_id === state.open.id && doc.changes) {
          if (doc.changes.status) $("status").value = doc.changes.status;
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
  $("priority").addEventListener("change", function () { update({priority: $("priority").value}); });
  $("assignee").addEventListener("change", function () {
    var v = $("assignee").value;
    update({assignee_id: v ? Number(v) : null});
  });
  $("team").addEventListener("change", function () {
    var v = $("team").value;
    update({team_id: v ? Number(v) : null});
  });
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
    ]);
  }).then(function () {
    document.querySelector('[data-inbox="mine"]').setAttribute("aria-selected", "true");
    loadInbox();
    connect();
  });
})();
