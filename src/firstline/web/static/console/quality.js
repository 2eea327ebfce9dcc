// Quality in the conversation view: the customer's rating and the automatic checks that
// failed (GET /api/v1/conversations/{id}/qa), and the check of a reply before it is sent
// (POST /api/v1/qa/screen): a reply that asks for a secret, reads like a note for colleagues,
// or is in another language is held until the agent chooses; both choices are audited.

import {api} from "./api.js";
import {$, el} from "./dom.js";
import {t} from "./i18n.js";

// Each check's chip and each warning's sentence (keys written out whole: the catalog test
// finds them here).
const CHECKS = {
  secret_request: "quality.check_secret_request",
  internal_note_sent: "quality.check_internal_note_sent",
  reply_language: "quality.check_reply_language",
  first_response_sla: "quality.check_first_response_sla",
  waiting_between_replies: "quality.check_waiting_between_replies",
  resolved_without_reply: "quality.check_resolved_without_reply",
};
const WARNINGS = {
  internal_note_sent: "quality.warning_internal_note_sent",
  reply_language: "quality.warning_reply_language",
};

export function renderQuality(c) {
  const box = $("conv-quality");
  box.textContent = "";
  box.hidden = true;
  if (c.csat) {
    const badge = el("span", "csat-badge csat-" + c.csat.score, t("quality.csat", {score: c.csat.score}));
    badge.setAttribute("data-testid", "conversation-csat");
    if (c.csat.comment) badge.title = c.csat.comment;
    box.appendChild(badge);
    if (c.csat.comment) {
      const q = el("q", "csat-comment", c.csat.comment);
      q.dir = "auto";
      box.appendChild(q);
    }
    box.hidden = false;
  }
  api("GET", "/api/v1/conversations/" + c.id + "/qa").then((checks) => {
    const failed = checks.filter((x) => !x.passed);
    if (!failed.length) return;
    const list = el("ul", "qa-failed");
    list.setAttribute("data-testid", "conversation-checks");
    failed.forEach((x) => {
      const li = el("li", "qa-check " + x.check, CHECKS[x.check] ? t(CHECKS[x.check]) : x.check);
      li.title = x.detail;
      li.setAttribute("data-check", x.check);
      list.appendChild(li);
    });
    box.appendChild(list);
    box.hidden = false;
  }).catch(() => {});
}

function warningText(w) {
  if (w.check === "secret_request") return t("quality.warning_secret", {kind: w.kind || "other"});
  return WARNINGS[w.check] ? t(WARNINGS[w.check]) : w.detail;
}

// Resolves with {send: true, warning_id} to send (warning_id when the agent chose to send
// despite a warning), or {send: false} when they went back to edit.
export function screenBeforeSend(conversationId, body) {
  return api("POST", "/api/v1/qa/screen", {conversation_id: conversationId, body}).then((doc) => {
    if (!doc.warnings.length) return {send: true, warning_id: null};
    return new Promise((resolve) => {
      const panel = $("reply-warning");
      panel.textContent = "";
      panel.appendChild(el("strong", "", t("quality.warning_title")));
      const list = el("ul");
      doc.warnings.forEach((w) => {
        const li = el("li", "", warningText(w));
        li.setAttribute("data-check", w.check);
        list.appendChild(li);
      });
      panel.appendChild(list);
      const edit = el("button", "warning-edit", t("quality.edit"));
      edit.type = "button";
      edit.setAttribute("data-testid", "reply-warning-edit");
      const anyway = el("button", "warning-send", t("quality.send_anyway"));
      anyway.type = "button";
      anyway.setAttribute("data-testid", "reply-warning-send");
      panel.appendChild(edit);
      panel.appendChild(anyway);
      panel.hidden = false;
      edit.focus();
      const done = (choice) => {
        panel.hidden = true;
        panel.textContent = "";
        resolve(choice);
      };
      edit.addEventListener("click", () => {
        api("POST", "/api/v1/qa/warnings/" + doc.warning_id + "/heeded", {conversation_id: conversationId})
          .catch(() => {});
        done({send: false});
        $("reply-input").focus();
      });
      anyway.addEventListener("click", () => done({send: true, warning_id: doc.warning_id}));
    });
  }).catch(() => ({send: true, warning_id: null}));
}
