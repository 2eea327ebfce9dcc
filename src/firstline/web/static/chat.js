// Firstline chat widget: one customer's conversation, live over a WebSocket.
// Messages are only ever inserted as text (textContent), never as HTML.
//
// Its texts are the chat message catalog (locales/<language>/chat.json): the page carries the
// browser's language's as JSON, the session answers with the customer's, and both are ICU
// MessageFormat patterns formatted by the same module as the console's (messageformat.js):
// plural forms by the language's CLDR rules, numbers the language's way.
import {formatter} from "./messageformat.js";

(function () {
  "use strict";

  var params = new URLSearchParams(location.hash.slice(1) || location.search.slice(1));
  // Who the customer is, when the company's page says: a short-lived identity token signed by
  // its backend (or the older user_id + user_hash). It is read once and taken out of the
  // address bar; a later session (the chat token expired or was revoked) asks the embedding
  // page for a fresh one (widget.js), since a token with a jti opens one session only.
  var identity = {token: params.get("identity_token"), used: false, waiting: null};
  if (location.hash && history.replaceState) {
    try { history.replaceState(null, "", location.pathname + location.search); } catch (e) { /* ignore */ }
  }
  var state = {
    token: null,
    lastId: 0,
    format: formatter("en", {}),
    socket: null,
    retry: 500,
    seen: {},        // message id -> element
    pending: {},     // client id -> {body, el}
    maxChars: 20000, // the server's limit (the session says it); longer is refused, never cut
    notice: null,    // which sentence the notice shows, so typing can take it away again
  };
  // A message longer than this shows folded, with "show more"; all of it is on the page.
  var FOLD_CHARS = 1200;
  var FOLD_LINES = 18;
  var els = {
    title: document.getElementById("title"),
    subtitle: document.getElementById("subtitle"),
    status: document.getElementById("status"),
    messages: document.getElementById("messages"),
    notice: document.getElementById("notice"),
    queue: document.getElementById("queue"),
    form: document.getElementById("composer"),
    input: document.getElementById("input"),
    send: document.getElementById("send"),
    attach: document.getElementById("attach"),
    file: document.getElementById("file"),
  };

  function t(key, values) {
    return state.format.t(key, values);
  }

  function storage(key, value) {
    try {
      if (value === undefined) return localStorage.getItem(key);
      localStorage.setItem(key, value);
    } catch (e) { return null; }
    return null;
  }

  function newClientId() {
    if (window.crypto && crypto.randomUUID) return crypto.randomUUID();
    return "c" + Date.now().toString(36) + Math.random().toString(36).slice(2);
  }

  function setStatus(key) { els.status.textContent = key ? t(key) : ""; }

  function showNotice(text, key) {
    els.notice.textContent = text || "";
    els.notice.hidden = !text;
    state.notice = text ? (key || "other") : null;
  }

  // Counted as the server counts (characters, not UTF-16 units), on what would be sent.
  function chars(text) {
    var n = 0;
    for (var _ of text.trim()) n++;  // eslint-disable-line no-unused-vars
    return n;
  }

  function tooLong(body) { return chars(body) > state.maxChars; }

  function tooLongSentence() { return t("too_long", {max: state.maxChars}); }

  // Said while typing or pasting, before anything is sent; the text stays in the box.
  function checkLength() {
    var over = tooLong(els.input.value);
    els.send.disabled = over;
    els.input.setAttribute("aria-invalid", over ? "true" : "false");
    if (over) {
      showNotice(tooLongSentence() + " (" + chars(els.input.value) + " / " + state.maxChars + ")",
        "too_long");
    } else if (state.notice === "too_long") {
      showNotice(null);
    }
  }

  function label(kind) {
    if (kind === "customer") return t("you");
    if (kind === "bot") return t("bot");
    if (kind === "agent") return t("agent");
    return "";
  }

  function scrollDown() { els.messages.scrollTop = els.messages.scrollHeight; }

  function bubble(kind, body, extraClass) {
    var li = document.createElement("li");
    li.className = "message " + kind + (extraClass ? " " + extraClass : "");
    li.setAttribute("data-testid", "chat-message");
    li.setAttribute("data-author", kind);
    var who = label(kind);
    if (who) {
      var w = document.createElement("span");
      w.className = "who";
      w.textContent = who;
      li.appendChild(w);
    }
    var b = document.createElement("div");
    b.className = "bubble";
    b.dir = "auto";
    if (kind === "customer") b.textContent = body;
    else linkify(b, body);
    li.appendChild(b);
    var long = String(body).length > FOLD_CHARS;
    if (long || String(body).split("\n").length > FOLD_LINES) fold(li, b);
    return li;
  }

  // A very long message is folded to a few lines with a toggle; the whole text stays in the
  // bubble (selectable, searchable), only its height is limited.
  function fold(li, b) {
    b.classList.add("folded");
    var toggle = document.createElement("button");
    toggle.type = "button";
    toggle.className = "fold";
    toggle.setAttribute("data-testid", "chat-fold");
    toggle.setAttribute("aria-expanded", "false");
    toggle.textContent = t("show_more");
    toggle.addEventListener("click", function () {
      var open = b.classList.toggle("folded") === false;
      toggle.setAttribute("aria-expanded", open ? "true" : "false");
      toggle.textContent = t(open ? "show_less" : "show_more");
    });
    li.appendChild(toggle);
  }

  // Links in what the bot or an agent writes (a recovery case's page, an article) open; only
  // web addresses and the help center's own paths become links, and every piece is text.
  var LINK = /(https?:\/\/[^\s<>"]+|(?<![^\s(])\/help\/[^\s<>"]+)/g;
  function linkify(el, body) {
    var last = 0;
    String(body).replace(LINK, function (match, _url, at) {
      var url = match.replace(/[.,;:!?)\]]+$/, "");
      el.appendChild(document.createTextNode(body.slice(last, at)));
      var a = document.createElement("a");
      a.href = url;
      a.target = "_blank";
      a.rel = "noopener";
      a.textContent = url;
      a.setAttribute("data-testid", "chat-link");
      el.appendChild(a);
      last = at + url.length;
      return match;
    });
    el.appendChild(document.createTextNode(body.slice(last)));
  }

  function addMessage(m) {
    if (state.seen[m.id]) return;
    var pending = m.client_id && state.pending[m.client_id];
    var li;
    if (pending) {
      li = pending.el;
      li.classList.remove("pending", "failed");
      delete state.pending[m.client_id];
    } else {
      li = bubble(m.author_kind, m.body);
      extras(li, m);
      els.messages.appendChild(li);
    }
    if (m.author_kind === "customer") clearOptions();
    li.setAttribute("data-id", String(m.id));
    state.seen[m.id] = li;
    if (m.id > state.lastId) state.lastId = m.id;
    scrollDown();
  }

  // The bot's extras: the article it cites (a link to the help center) and answers to pick.
  function extras(li, m) {
    var meta = m.meta || {};
    if (meta.article && meta.article.url) {
      var a = document.createElement("a");
      a.className = "cite";
      a.href = meta.article.url;
      a.target = "_blank";
      a.rel = "noopener";
      a.textContent = meta.article.label || meta.article.title;
      a.setAttribute("data-testid", "chat-citation");
      li.appendChild(a);
    }
    if (meta.csat && meta.csat.conversation_id) csat(li, meta.csat);
    if (meta.options && meta.options.length) {
      clearOptions();
      var row = document.createElement("div");
      row.className = "options";
      row.setAttribute("data-testid", "chat-options");
      meta.options.forEach(function (o) {
        var b = document.createElement("button");
        b.type = "button";
        b.textContent = o.label;
        b.setAttribute("data-value", o.value);
        b.addEventListener("click", function () { clearOptions(); send(o.label); });
        row.appendChild(b);
      });
      li.appendChild(row);
    }
  }

  // The rating question after a resolution: five buttons, then a comment box. The answer can
  // be changed for a few minutes (the server says when it is final).
  function csat(li, ask) {
    var box = document.createElement("div");
    box.className = "csat";
    box.setAttribute("data-testid", "chat-csat");
    var row = document.createElement("div");
    row.className = "csat-scores";
    row.setAttribute("role", "group");
    var note = document.createElement("p");
    note.className = "csat-note";
    note.setAttribute("aria-live", "polite");
    var chosen = null;
    var form = document.createElement("form");
    form.className = "csat-comment";
    form.hidden = true;
    var comment = document.createElement("textarea");
    comment.rows = 2;
    comment.maxLength = 2000;
    comment.dir = "auto";
    comment.placeholder = t("csat_comment");
    comment.setAttribute("aria-label", t("csat_comment"));
    comment.setAttribute("data-testid", "chat-csat-comment");
    var sendComment = document.createElement("button");
    sendComment.type = "submit";
    sendComment.textContent = t("csat_send");
    sendComment.setAttribute("data-testid", "chat-csat-send");
    form.appendChild(comment);
    form.appendChild(sendComment);

    function rate(score, text) {
      var body = {conversation_id: ask.conversation_id, score: score};
      if (text) body.comment = text;
      return request("POST", "/chat/api/csat", body).then(function (r) {
        return r.json().catch(function () { return {}; }).then(function (doc) {
          if (r.ok) return doc;
          if (r.status === 409) { finalised(); return null; }
          throw new Error(doc.detail || "rating failed");
        });
      }).catch(function () { note.textContent = t("csat_failed"); return null; });
    }
    function finalised() {
      Array.prototype.forEach.call(row.querySelectorAll("button"), function (b) { b.disabled = true; });
      form.hidden = true;
      note.textContent = t("csat_final");
    }
    ask.scores.forEach(function (score) {
      var b = document.createElement("button");
      b.type = "button";
      b.textContent = String(score);
      b.title = t("csat_label_" + score);
      b.setAttribute("aria-label", t("csat_label_" + score));
      b.setAttribute("data-testid", "chat-csat-" + score);
      b.addEventListener("click", function () {
        rate(score).then(function (doc) {
          if (!doc) return;
          chosen = score;
          Array.prototype.forEach.call(row.querySelectorAll("button"), function (x) {
            x.setAttribute("aria-pressed", x === b ? "true" : "false");
          });
          note.textContent = t("csat_thanks", {score: score}) + " " + t("csat_change");
          form.hidden = false;
        });
      });
      row.appendChild(b);
    });
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      var text = comment.value.trim();
      if (!text || chosen === null) return;
      rate(chosen, text).then(function (doc) {
        if (!doc) return;
        form.hidden = true;
        note.textContent = t("csat_thanks", {score: chosen});
      });
    });
    box.appendChild(row);
    box.appendChild(form);
    box.appendChild(note);
    li.appendChild(box);
  }

  function clearOptions() {
    Array.prototype.forEach.call(els.messages.querySelectorAll(".options"), function (row) {
      row.remove();
    });
  }

  function applyLanguage(language, rtl, messages) {
    state.format = formatter(language, messages);
    document.documentElement.lang = language;
    document.documentElement.dir = rtl ? "rtl" : "ltr";
    els.title.textContent = t("title");
    els.subtitle.textContent = t("subtitle");
    els.input.placeholder = t("placeholder");
    els.send.textContent = t("send");
    if (els.attach) {
      els.attach.title = t("attach");
      els.file.setAttribute("aria-label", t("attach"));
    }
    document.title = t("title");
  }

  function request(method, path, body) {
    var headers = {"Content-Type": "application/json"};
    if (state.token) headers["X-Chat-Token"] = state.token;
    return fetch(path, {
      method: method,
      headers: headers,
      body: body ? JSON.stringify(body) : undefined,
      credentials: "same-origin",
    });
  }

  window.addEventListener("message", function (event) {
    var doc = event.data;
    if (event.source !== window.parent || !doc || doc.type !== "firstline:identity") return;
    if (typeof doc.token === "string" && doc.token) identity.token = doc.token;
    if (identity.waiting) { var done = identity.waiting; identity.waiting = null; done(); }
  });

  // A fresh identity token from the embedding page, when it gives them (identityToken as a
  // function in FirstlineSettings); nothing arrives after a few seconds otherwise.
  function freshIdentity() {
    return new Promise(function (resolve) {
      if (identity.token || window.parent === window) { resolve(); return; }
      identity.waiting = resolve;
      window.parent.postMessage({type: "firstline:identity-needed"}, "*");
      setTimeout(function () {
        if (identity.waiting === resolve) { identity.waiting = null; resolve(); }
      }, 5000);
    });
  }

  function sessionBody() {
    var body = {locale: params.get("locale") || navigator.language || null};
    if (identity.token) body.identity_token = identity.token;
    else if (params.get("user_id")) {
      body.user_id = params.get("user_id");
      body.user_hash = params.get("user_hash");
    }
    ["name", "email"].forEach(function (k) { if (params.get(k)) body[k] = params.get(k); });
    if (!identity.used && !body.identity_token && !body.user_id && storage("fl_visitor")) {
      body.visitor = storage("fl_visitor");
    }
    return body;
  }

  var starting = false;
  function start() {
    if (starting) return null;
    starting = true;
    state.token = null;
    document.body.removeAttribute("data-session");
    setStatus(null);
    var ready = identity.used ? freshIdentity() : Promise.resolve();
    return ready.then(function () {
      // A customer the company named never falls back to an anonymous chat.
      if (identity.used && !identity.token) throw new Error("identity");
      return request("POST", "/chat/api/session", sessionBody());
    }).then(function (r) {
      if (identity.token) { identity.token = null; identity.used = true; }  // spent either way
      if (!r.ok) throw new Error("session " + r.status);
      return r.json();
    }).then(function (s) {
      starting = false;
      state.token = s.token;
      // For the page's scripts and tests: the chat is ready for what the customer sends.
      document.body.setAttribute("data-session", "open");
      if (s.max_chars) state.maxChars = s.max_chars;
      if (s.visitor) storage("fl_visitor", s.visitor);
      applyLanguage(s.language, s.rtl, s.catalog);
      // Text typed or pasted before the session came is judged again, now in the customer's
      // language and against the server's limit.
      checkLength();
      if (!s.messages.length) {
        var hello = bubble("bot", t("greeting"), "greeting");
        els.messages.insertBefore(hello, els.messages.firstChild);
      }
      s.messages.forEach(addMessage);
      if (!state.socket) connect();
      else if (state.socket.readyState === 1) authenticate(state.socket);
      flushPending();
    }).catch(function () {
      starting = false;
      setStatus("reconnecting");
      setTimeout(start, 2000);
    });
  }

  // The chat token goes in the socket's first frame, never in its address (an address is
  // what proxies and access logs keep).
  function authenticate(socket) {
    if (state.token) socket.send(JSON.stringify({type: "auth", token: state.token}));
  }

  function connect() {
    var scheme = location.protocol === "https:" ? "wss:" : "ws:";
    var url = scheme + "//" + location.host + "/chat/ws?after=" + state.lastId;
    var socket = new WebSocket(url);
    state.socket = socket;
    setStatus(state.everConnected ? "reconnecting" : "connecting");
    socket.onopen = function () {
      authenticate(socket);
      state.retry = 500;
      state.everConnected = true;
      setStatus(null);
      flushPending();
    };
    socket.onmessage = function (event) {
      if (event.data === "pong") return;
      var doc = JSON.parse(event.data);
      if (doc.type === "message.posted") addMessage(doc.message);
      else if (doc.type === "resync") catchUp();
      else if (doc.type === "conversation.status" && doc.status === "closed") showNotice(t("closed"));
      else if (doc.type === "queue.position") {
        els.queue.textContent = doc.text || "";
        els.queue.hidden = !doc.text;
      }
    };
    socket.onclose = function (event) {
      if (state.socket !== socket) return;
      state.socket = null;
      // The chat token ended (expired, revoked): a new session, which connects again.
      if (event.code === 4401) { start(); return; }
      setStatus("reconnecting");
      setTimeout(connect, state.retry);
      state.retry = Math.min(state.retry * 2, 8000);
    };
  }

  function catchUp() {
    request("GET", "/chat/api/messages?after=" + state.lastId).then(function (r) {
      if (r.status === 401) start();
      return r.ok ? r.json() : {items: []};
    }).then(function (doc) { doc.items.forEach(addMessage); });
  }

  // The server's answer to a message or a file: the message itself (which settles its pending
  // bubble), the bot's replies and the acknowledgement. Null when it was not taken.
  function accepted(doc) {
    if (!doc) return;
    showNotice(null);
    addMessage(doc.message);
    (doc.replies || []).forEach(addMessage);
    if (doc.acknowledgement) addMessage(doc.acknowledgement);
  }

  function deliver(clientId) {
    var p = state.pending[clientId];
    if (!p || p.inFlight || !state.token) return;
    if (p.file) { upload(clientId, p); return; }
    p.inFlight = true;
    request("POST", "/chat/api/messages", {
      body: p.body, client_id: clientId, locale: navigator.language || null,
      product: params.get("product") || null,
    }).then(function (r) {
      p.inFlight = false;
      if (r.status === 401) {
        // The chat token ended: the message waits, and goes once a new session is there.
        start();
        return null;
      }
      if (r.status === 429) {
        // Refused for now: the message stays on screen, marked, and goes again on a tap.
        p.el.classList.add("failed");
        return r.json().catch(function () { return {}; }).then(function (problem) {
          var key = problem.code === "too_many_chats" ? "too_many_chats" : "rate_limited";
          showNotice(t(key), key);
          return null;
        });
      }
      if (r.status === 422 || r.status === 413) {
        // Refused whole: give the text back to the box, where the notice says the limit.
        delete state.pending[clientId];
        p.el.remove();
        if (!els.input.value) els.input.value = p.body;
        showNotice(tooLongSentence(), "too_long");
        return null;
      }
      if (!r.ok) throw new Error("send " + r.status);
      return r.json();
    }).then(accepted).catch(function () {
      // Network down: keep it pending; it goes again (same client id) on reconnect.
      p.inFlight = false;
      p.el.classList.add("failed");
    });
  }

  function flushPending() { Object.keys(state.pending).forEach(deliver); }

  els.form.addEventListener("submit", function (event) {
    event.preventDefault();
    var body = els.input.value.trim();
    // Sent before the session came (a slow network, a fast typist): it waits on screen as
    // pending and goes as soon as the session is there, rather than doing nothing.
    if (!body) return;
    if (tooLong(body)) { checkLength(); return; }
    els.input.value = "";
    checkLength();
    send(body);
  });

  els.input.addEventListener("input", checkLength);

  function send(body) {
    clearOptions();
    var clientId = newClientId();
    var li = bubble("customer", body, "pending");
    li.setAttribute("data-client-id", clientId);
    li.addEventListener("click", function () {
      if (li.classList.contains("failed")) { li.classList.remove("failed"); deliver(clientId); }
    });
    els.messages.appendChild(li);
    state.pending[clientId] = {body: body, el: li};
    scrollDown();
    deliver(clientId);
  }

  // An image or a PDF: a message of its own, named after the file. Like a typed message it
  // waits on screen as pending until there is a session (a file picked while the page is
  // still starting is sent when it is ready, not dropped), and goes again with the same
  // client id after a network failure, on a tap or a reconnect.
  function upload(clientId, p) {
    p.inFlight = true;
    p.el.classList.remove("failed");
    var form = new FormData();
    form.append("file", p.file, p.file.name);
    form.append("client_id", clientId);
    if (navigator.language) form.append("locale", navigator.language);
    fetch("/chat/api/attachments", {
      method: "POST", body: form, credentials: "same-origin",
      headers: {"X-Chat-Token": state.token},
    }).then(function (r) {
      p.inFlight = false;
      if (r.status === 401) {
        // The chat token ended: the file waits, and goes once a new session is there.
        start();
        return null;
      }
      return r.json().catch(function () { return {}; }).then(function (doc) {
        if (!r.ok) {
          // Refused (its type, its size, too fast): the notice gives the server's sentence.
          delete state.pending[clientId];
          p.el.remove();
          showNotice(t("attach_failed", {reason: doc.detail || ("HTTP " + r.status)}), "attach");
          return null;
        }
        return doc;
      });
    }, function () {
      // Network down: keep it pending, marked; it goes again on a tap or on reconnect.
      p.inFlight = false;
      p.el.classList.add("failed");
      return null;
    }).then(accepted);
  }

  if (els.file) {
    els.file.addEventListener("change", function () {
      var file = els.file.files && els.file.files[0];
      els.file.value = "";
      if (!file) return;
      var clientId = newClientId();
      var li = bubble("customer", file.name, "pending");
      li.setAttribute("data-client-id", clientId);
      li.addEventListener("click", function () {
        if (li.classList.contains("failed")) deliver(clientId);
      });
      els.messages.appendChild(li);
      state.pending[clientId] = {body: "", el: li, file: file};
      scrollDown();
      deliver(clientId);
    });
  }

  els.input.addEventListener("keydown", function (event) {
    if (event.key === "Enter" && !event.shiftKey && !event.isComposing) {
      event.preventDefault();
      els.form.requestSubmit();
    }
  });

  window.addEventListener("online", function () { flushPending(); });
  setInterval(function () {
    if (state.socket && state.socket.readyState === 1) state.socket.send("ping");
    flushPending();
  }, 20000);

  // The page's own catalog (the browser's language) until the session says the customer's.
  var inline = document.getElementById("chat-catalog");
  if (inline) {
    var page = JSON.parse(inline.textContent);
    applyLanguage(page.language, page.rtl, page.messages);
  }
  start();
})();
