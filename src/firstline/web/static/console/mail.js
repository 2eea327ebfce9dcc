// Mail in the open conversation: under each message that came or went by e-mail, where it came
// from (and whether the sender was verified), how its sending goes (queued, sent, not
// delivered, with the server's answer and "Send again"), the quoted history and the mail as
// sent, folded; every message's files, images as thumbnails; files to send with the reply; and
// "Merge here" for the same customer's other conversations.
import {api, meta} from "./api.js";
import {el, toast} from "./dom.js";
import {formatNumber, language, t} from "./i18n.js";
import {state} from "./state.js";

const MAILED = ["email", "web_form"];
const IMAGES = ["image/png", "image/jpeg", "image/gif", "image/webp"];
const POLL_MS = 4000;
const STATES = {
  received: t("console_mail.state_received"), queued: t("console_mail.state_queued"),
  sent: t("console_mail.state_sent"), failed: t("console_mail.state_failed"),
  bounced: t("console_mail.state_bounced"),
};

let timer = null;
let pending = [];  // uploaded files waiting for the next reply: {id, filename}

export function isMailed(c) { return !!c && MAILED.indexOf(c.channel) >= 0; }

function size(bytes) {
  if (bytes < 1024) return formatNumber(bytes) + " B";
  if (bytes < 1048576) return formatNumber(Math.round(bytes / 1024)) + " KB";
  return new Intl.NumberFormat(language, {maximumFractionDigits: 1}).format(bytes / 1048576) + " MB";
}

function toggle(label, hideLabel, testid, build) {
  const wrap = el("div", "mail-fold");
  const button = el("button", "link-button", label);
  button.type = "button";
  button.setAttribute("data-testid", testid);
  button.setAttribute("aria-expanded", "false");
  let body = null;
  button.addEventListener("click", () => {
    if (body) {
      const open = body.hidden;
      body.hidden = !open;
      button.textContent = open ? hideLabel : label;
      button.setAttribute("aria-expanded", open ? "true" : "false");
      return;
    }
    Promise.resolve(build()).then((node) => {
      body = node;
      wrap.appendChild(body);
      button.textContent = hideLabel;
      button.setAttribute("aria-expanded", "true");
    }).catch((e) => { toast(e.message); });
  });
  wrap.appendChild(button);
  return wrap;
}

function verified(auth) {
  return !!auth && (auth.dmarc === "pass" || auth.dkim === "pass" || auth.spf === "pass");
}

function mailLine(mail, conversationId) {
  const line = el("div", "msg-mail");
  line.setAttribute("data-testid", "mail-line");
  const badge = el("span", "mail-state " + mail.state, STATES[mail.state] || mail.state);
  badge.setAttribute("data-testid", "mail-state");
  badge.setAttribute("data-state", mail.state);
  line.appendChild(badge);
  const who = el("bdi", "mail-who", mail.direction === "in" ? t("console_mail.from", {address: mail.from_address})
    : t("console_mail.to", {address: mail.to_address}));
  line.appendChild(who);
  if (mail.direction === "in" && mail.auth) {
    if (verified(mail.auth)) {
      line.appendChild(el("span", "mail-verified", t("console_mail.verified")));
    } else if (mail.auth.from_known) {
      const warn = el("p", "mail-unverified", t("console_mail.unverified"));
      warn.setAttribute("data-testid", "mail-unverified");
      line.appendChild(warn);
    }
  }
  if (mail.error && (mail.state === "failed" || mail.state === "bounced" || mail.state === "queued")) {
    const error = el("p", "mail-error", mail.error);
    error.dir = "ltr";
    error.setAttribute("data-testid", "mail-error");
    line.appendChild(error);
  }
  if (mail.state === "failed" || mail.state === "bounced") {
    const retry = el("button", null, t("console_mail.retry"));
    retry.type = "button";
    retry.setAttribute("data-testid", "mail-retry");
    retry.addEventListener("click", () => {
      retry.disabled = true;
      api("POST", "/api/v1/conversations/" + conversationId + "/mails/" + mail.id + "/retry").then(() => {
        toast(t("console_mail.retried"));
        refresh();
      }).catch((e) => { retry.disabled = false; toast(e.message); });
    });
    line.appendChild(retry);
  }
  if (mail.quoted) {
    line.appendChild(toggle(t("console_mail.quoted_show"), t("console_mail.quoted_hide"), "mail-quoted", () => {
      const pre = el("pre", "mail-quoted", mail.quoted);
      pre.dir = "auto";
      return pre;
    }));
  }
  if (mail.has_html) {
    line.appendChild(toggle(t("console_mail.html_show"), t("console_mail.html_hide"), "mail-html", () =>
      api("GET", "/api/v1/conversations/" + conversationId + "/mails/" + mail.id).then((doc) => {
        // Sanitized by the server (no script, no style, images only from the mail itself).
        const box = el("div", "mail-html");
        box.dir = "auto";
        box.innerHTML = doc.html || "";
        return box;
      })));
  }
  return line;
}

function fileList(files) {
  const list = el("ul", "msg-files");
  list.setAttribute("data-testid", "message-files");
  files.forEach((f) => {
    const item = el("li");
    const link = el("a");
    link.href = f.url;
    link.target = "_blank";
    link.rel = "noopener";
    link.setAttribute("data-testid", "message-file");
    if (IMAGES.indexOf(f.content_type) >= 0) {
      const img = el("img");
      img.src = f.url;
      img.alt = f.filename;
      img.loading = "lazy";
      link.appendChild(img);
    }
    const name = el("bdi", null, f.filename + " · " + size(f.size));
    link.appendChild(name);
    item.appendChild(link);
    list.appendChild(item);
  });
  return list;
}

function render(c, mails, files) {
  const list = document.getElementById("messages");
  list.querySelectorAll(".msg-mail, .msg-files").forEach((n) => { n.remove(); });
  const byMessage = {};
  mails.forEach((m) => { if (m.message_id) byMessage[m.message_id] = m; });
  const filesBy = {};
  files.forEach((f) => {
    if (f.message_id) (filesBy[f.message_id] = filesBy[f.message_id] || []).push(f);
  });
  list.querySelectorAll("li.msg").forEach((li) => {
    const id = Number(li.getAttribute("data-id"));
    if (byMessage[id]) li.appendChild(mailLine(byMessage[id], c.id));
    if (filesBy[id]) li.appendChild(fileList(filesBy[id]));
  });
  clearTimeout(timer);
  // While a reply waits to be sent, its state is asked again until the jobs have sent it.
  if (mails.some((m) => m.state === "queued")) timer = setTimeout(refresh, POLL_MS);
}

export function refresh() {
  const c = state.open;
  if (!c) return;
  const mails = isMailed(c) ? api("GET", "/api/v1/conversations/" + c.id + "/mails") : Promise.resolve([]);
  const files = api("GET", "/api/v1/conversations/" + c.id + "/attachments");
  Promise.all([mails, files]).then((both) => {
    if (state.open && state.open.id === c.id) render(c, both[0], both[1]);
  }).catch(() => {});
}

let soon = null;

// After a message arrives live: once, shortly, whatever how many arrive together.
export function refreshSoon() {
  clearTimeout(soon);
  soon = setTimeout(refresh, 400);
}

// --- files to send with the reply ---------------------------------------------------------------

function drawPending() {
  const box = document.getElementById("reply-files-list");
  if (!box) return;
  box.textContent = "";
  if (!pending.length) return;
  box.appendChild(el("span", "muted", t("console_mail.attached", {count: pending.length})));
  pending.forEach((f) => {
    const chip = el("span", "reply-file");
    chip.appendChild(el("bdi", null, f.filename));
    const remove = el("button", "link-button", "×");
    remove.type = "button";
    remove.setAttribute("aria-label", t("console_mail.remove_file", {name: f.filename}));
    remove.addEventListener("click", () => {
      pending = pending.filter((x) => x.id !== f.id);
      drawPending();
    });
    chip.appendChild(remove);
    box.appendChild(chip);
  });
}

function upload(conversationId, file) {
  const form = new FormData();
  form.append("file", file, file.name);
  return fetch("/api/v1/conversations/" + conversationId + "/attachments", {
    method: "POST", body: form, credentials: "same-origin",
    headers: {"X-CSRF-Token": meta("csrf-token"), "Accept": "application/json", "Accept-Language": language},
  }).then((r) => r.json().then((doc) => {
    if (!r.ok) throw new Error(doc.detail || ("HTTP " + r.status));
    return doc;
  }));
}

export function pendingIds() { return pending.map((f) => f.id); }

export function clearPending() {
  pending = [];
  drawPending();
}

export function mountAttachments() {
  const input = document.getElementById("reply-files");
  if (!input) return;
  document.getElementById("reply-attach-label").textContent = t("console_mail.attach");
  input.addEventListener("change", () => {
    const c = state.open;
    if (!c) return;
    const files = Array.from(input.files || []);
    input.value = "";
    const box = document.getElementById("reply-files-list");
    if (box) box.textContent = t("console_mail.uploading");
    files.reduce((chain, file) => chain.then(() => upload(c.id, file).then((doc) => {
      pending.push({id: doc.id, filename: doc.filename});
    })), Promise.resolve()).catch((e) => { toast(e.message); }).then(drawPending);
  });
}

// --- merging -------------------------------------------------------------------------------------

export function mergeButton(past, target, done) {
  const button = el("button", "link-button", t("console_mail.merge_here"));
  button.type = "button";
  button.setAttribute("data-testid", "merge-here");
  button.addEventListener("click", (event) => {
    event.stopPropagation();
    if (!window.confirm(t("console_mail.merge_confirm", {source: past.id, target: target.id}))) return;
    api("POST", "/api/v1/conversations/" + target.id + "/merge", {conversation_ids: [past.id]}).then(() => {
      toast(t("console_mail.merged", {source: past.id}));
      done();
    }).catch((e) => { toast(e.message); });
  });
  return button;
}
