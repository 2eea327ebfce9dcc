// The deposit recovery desk: cases with filters and counts, bulk moves, and one case's
// detail (claim, diagnosis, fee, history) with the moves the server allows.
import {api} from "./api.js";
import {openConversation} from "./conversation.js";
import {$, duration, el, fillSelect, selectText, toast, when, words} from "./dom.js";
import {formatAmount, t} from "./i18n.js";
import {agentName, can, me} from "./state.js";
import {showPage} from "./views.js";

const RC_STATES = ["submitted", "diagnosing", "awaiting_customer", "approved", "recovering",
  "credited", "rejected"];
const RC_STATE_NAMES = {submitted: t("rc.state_submitted"), diagnosing: t("rc.state_diagnosing"),
  awaiting_customer: t("rc.state_awaiting_customer"), approved: t("rc.state_approved"), recovering: t("rc.state_recovering"),
  credited: t("rc.state_credited"), rejected: t("rc.state_rejected")};
// The team's moves, as recovery/actions.py TRANSITIONS has them, for the bulk bar; a case's
// own buttons follow the `moves` the server sends with it. The server still decides, so a
// case someone else moved meanwhile answers with a 409.
const RC_MOVES = {submitted: ["diagnosing", "awaiting_customer", "rejected"],
  diagnosing: ["awaiting_customer", "approved", "rejected"],
  awaiting_customer: ["diagnosing", "rejected"], approved: ["recovering", "rejected"],
  recovering: ["credited", "rejected"], credited: [], rejected: ["diagnosing"]};
const RC_MOVE_LABELS = {diagnosing: t("rc.move_back_to_diagnosing"), awaiting_customer: t("rc.move_ask_customer"),
  approved: t("rc.move_approve"), recovering: t("rc.move_start_recovering"), credited: t("rc.move_mark_credited"), rejected: t("rc.move_reject")};
const RC_DIAGNOSABLE = ["submitted", "diagnosing", "awaiting_customer"];
const RC_NETWORKS = ["ETH", "BSC", "TRON", "BTC", "SOL", "POLYGON", "ARBITRUM", "BASE", "LTC",
  "XRP", "TON", "XLM", "BNB", "OPTIMISM", "AVAXC", "DOGE"];
// Each code's message (literal keys: a test holds the catalog and the console to each other).
const RC_CAUSES = {
  not_found: "rc.cause_not_found", unconfirmed: "rc.cause_unconfirmed", failed: "rc.cause_failed",
  credited: "rc.cause_credited", missing_memo: "rc.cause_missing_memo", wrong_memo: "rc.cause_wrong_memo",
  wrong_network: "rc.cause_wrong_network", unlisted_token: "rc.cause_unlisted_token",
  sent_to_contract: "rc.cause_sent_to_contract", below_minimum: "rc.cause_below_minimum",
  not_own_address: "rc.cause_not_own_address", withdrawal: "rc.cause_withdrawal",
  not_credited: "rc.cause_not_credited", unchecked: "rc.cause_unchecked"
};
const RC_PATHS = {
  direct: "rc.path_direct", conditional: "rc.path_conditional", unsupported: "rc.path_unsupported"
};
const RC_ADVICE = {
  wait: "rc.advice_wait", wait_confirmations: "rc.advice_wait_confirmations",
  check_details: "rc.advice_check_details", contact_recipient: "rc.advice_contact_recipient"
};
const rc = {cursor: null, seq: 0, selected: {}, current: null, busy: false};

function stateName(s) { return RC_STATE_NAMES[s] || s; }

// A diagnosis code (recovery/rules.py Cause, Path, Advice) in the agent's words; a code this
// console does not know yet reads as its words rather than not at all.
function codeName(keys, code) {
  if (!code) return null;
  return Object.prototype.hasOwnProperty.call(keys, code) ? t(keys[code]) : words(code);
}
function isCause(code) { return Object.prototype.hasOwnProperty.call(RC_CAUSES, code); }
function causeName(cause) { return codeName(RC_CAUSES, cause); }
function pathName(path) { return codeName(RC_PATHS, path); }
function adviceName(advice) { return codeName(RC_ADVICE, advice); }
// A rejection reason is free text (at most 32 characters) or a cause's code from the list.
function reasonName(reason) { return isCause(reason) ? causeName(reason) : reason; }

// A token amount in the locale's digits and separators, its currency after it (formatAmount
// keeps long decimals exact).
function tokenAmount(amount, token) { return amount ? formatAmount(amount, token) : null; }

// Where the deposit really is: the network, and the token when it is not the network's own
// name ("TON", not "TON TON").
function foundOn(found) {
  return found.token && found.token !== found.network ? found.network + " " + found.token : found.network;
}

function rcStateBadge(s) {
  const badge = el("span", "badge rc-state rc-state-" + s, stateName(s));
  badge.setAttribute("data-testid", "recovery-state-badge");
  return badge;
}

function rcQuery(cursor) {
  const q = ["limit=50"];
  if ($("rc-state").value) q.push("state=" + $("rc-state").value);
  if ($("rc-network").value) q.push("network=" + encodeURIComponent($("rc-network").value));
  if ($("rc-cause").value) q.push("cause=" + $("rc-cause").value);
  if ($("rc-overdue").checked) q.push("overdue=true");
  if (cursor) q.push("cursor=" + encodeURIComponent(cursor));
  return q.join("&");
}

function rcLoad(more) {
  const seq = ++rc.seq;  // filters change faster than answers come back: keep the last
  return api("GET", "/api/v1/recovery/cases?" + rcQuery(more ? rc.cursor : null)).then((doc) => {
    if (seq !== rc.seq) return;
    const rows = $("rc-rows");
    if (!more) {
      rows.textContent = "";
      const kept = {};
      doc.items.forEach((c) => { if (rc.selected[c.id]) kept[c.id] = true; });
      rc.selected = kept;
    }
    rcCounts(doc.counts);
    doc.items.forEach((c) => { rows.appendChild(rcRow(c)); });
    rc.cursor = doc.next_cursor;
    $("rc-more").hidden = !doc.next_cursor;
    $("rc-empty").hidden = rows.children.length > 0;
    rcSelection();
  }).catch((e) => { toast(e.message); });
}

function rcCounts(counts) {
  const select = $("rc-state"), value = select.value;
  let total = 0;
  RC_STATES.forEach((s) => { total += counts[s] || 0; });
  fillSelect(select, [["", t("rc.all_states") + (counts.credited === undefined ? "" : " (" + total + ")")]].concat(
    RC_STATES.map((s) => [s, RC_STATE_NAMES[s] + (counts[s] === undefined ? "" : " (" + counts[s] + ")")])), value);
}

function rcRow(c) {
  const tr = el("tr", c.overdue ? "overdue" : null);
  tr.setAttribute("data-testid", "recovery-row");
  tr.setAttribute("data-id", String(c.id));
  tr.setAttribute("data-state", c.state);
  if (rc.current && rc.current.id === c.id) tr.classList.add("active");
  const pick = el("td", "rc-pick");
  const box = el("input");
  box.type = "checkbox";
  box.checked = !!rc.selected[c.id];
  box.setAttribute("data-testid", "recovery-check");
  box.setAttribute("aria-label", t("rc.select_case", {number: c.number}));
  box.addEventListener("change", () => {
    if (box.checked) rc.selected[c.id] = true; else delete rc.selected[c.id];
    rcSelection();
  });
  pick.addEventListener("click", (event) => { event.stopPropagation(); });
  pick.appendChild(box);
  tr.appendChild(pick);
  tr.appendChild(el("td", "rc-number", c.number));
  const st = el("td");
  st.appendChild(rcStateBadge(c.state));
  tr.appendChild(st);
  tr.appendChild(el("td", null, causeName(c.cause)));
  tr.appendChild(el("td", null, pathName(c.path)));
  let found = foundOn(c.found);
  if (c.found.network !== c.claim.network) found += " " + t("rc.said_network", {network: c.claim.network});
  tr.appendChild(el("td", null, found));
  const amount = el("td", "num", tokenAmount(c.found.amount, c.found.token) ||
    tokenAmount(c.claim.amount, c.claim.token) || "–");
  if (c.found.value) amount.appendChild(el("small", "muted", "≈ " + formatAmount(c.found.value, c.found.currency)));
  tr.appendChild(amount);
  const fee = el("td", "num", c.fee ? formatAmount(c.fee.amount, c.fee.currency) : "–");
  if (c.fee && c.fee.accepted_at) fee.appendChild(el("small", "muted", t("rc.accepted_lower")));
  tr.appendChild(fee);
  const due = el("td", c.overdue ? "rc-late" : null, "–");
  if (c.due_at) {
    const left = (new Date(c.due_at).getTime() - Date.now()) / 1000;
    due.textContent = left < 0 ? t("sla.late_by", {time: duration(left)}) : t("rc.due_in", {time: duration(left)});
    due.title = when(c.due_at);
  }
  tr.appendChild(due);
  tr.appendChild(el("td", "rc-applicant", c.applicant.external_user_id || c.applicant.email || "–"));
  tr.addEventListener("click", () => { rcOpen(c.id); });
  return tr;
}

function rcSelection() {
  const n = Object.keys(rc.selected).length;
  $("rc-selected").textContent = n ? t("rc.selected_count", {n}) : t("rc.none_selected");
  $("rc-bulk-apply").disabled = !n;
  const boxes = document.querySelectorAll('#rc-rows [data-testid="recovery-check"]');
  let all = boxes.length > 0;
  boxes.forEach((b) => { if (!b.checked) all = false; });
  $("rc-check-all").checked = all;
}

function rcSay(text, isError) {
  const box = $("rc-message");
  box.textContent = text;
  box.classList.toggle("error", !!isError);
  box.hidden = false;
}

function rcBulkSay(text, isError) {
  $("rc-bulk-result").textContent = text;
  $("rc-bulk-result").classList.toggle("rc-failed", !!isError);
}

function rcOpen(id) {
  return api("GET", "/api/v1/recovery/cases/" + id).then(rcFill).catch((e) => { toast(e.message); });
}

function rcClearInputs() {
  $("rc-reason").value = "";
  $("rc-note").value = "";
  $("rc-amount").value = "";
}

function rcCopyable(text, testid) {
  const wrap = el("span", "rc-copy");
  const code = el("code", "mono", text);
  code.setAttribute("data-testid", testid);
  const button = el("button", "rc-copy-button", t("rc.copy"));
  button.type = "button";
  button.addEventListener("click", () => {
    selectText(code);
    if (!navigator.clipboard) return;  // selected: Ctrl+C does it
    navigator.clipboard.writeText(text).then(() => {
      button.textContent = t("rc.copied");
      setTimeout(() => { button.textContent = t("rc.copy"); }, 1500);
    }, () => {});
  });
  wrap.appendChild(code);
  wrap.appendChild(button);
  return wrap;
}

function rcFields(dl, rows) {
  dl.textContent = "";
  rows.forEach((r) => {
    if (r[1] === null || r[1] === undefined || r[1] === "") return;
    dl.appendChild(el("dt", null, r[0]));
    const dd = el("dd");
    if (r[1] instanceof Node) dd.appendChild(r[1]); else dd.textContent = String(r[1]);
    dl.appendChild(dd);
  });
  if (!dl.children.length) dl.appendChild(el("dd", "muted", t("rc.nothing_yet")));
}

function rcFill(c) {
  if (!rc.current || rc.current.id !== c.id) rcClearInputs();
  rc.current = c;
  $("rc-detail").hidden = false;
  $("rc-message").hidden = true;
  const title = $("rc-title");
  title.textContent = c.number + " ";
  title.appendChild(rcStateBadge(c.state));
  if (c.overdue) title.appendChild(el("span", "badge rc-overdue-badge", t("rc.overdue")));
  document.querySelectorAll('#rc-rows [data-testid="recovery-row"]').forEach((tr) => {
    tr.classList.toggle("active", tr.getAttribute("data-id") === String(c.id));
  });

  const moves = $("rc-moves");
  moves.textContent = "";
  const allowed = c.moves || RC_MOVES[c.state] || [];
  if (c.state === "awaiting_customer" && c.fee && !c.fee.accepted_at) {
    // The customer answered the fee to an agent (in a chat, on the phone): record it.
    [[true, t("rc.move_fee_accepted")], [false, t("rc.move_fee_declined")]].forEach((pair) => {
      const f = el("button", "rc-move rc-fee", pair[1]);
      f.type = "button";
      f.setAttribute("data-testid", pair[0] ? "recovery-fee-accept" : "recovery-fee-decline");
      f.addEventListener("click", () => { rcFee(pair[0]); });
      moves.appendChild(f);
    });
  }
  allowed.forEach((to) => {
    const label = c.state === "rejected" ? t("rc.move_reopen") : RC_MOVE_LABELS[to];
    const b = el("button", "rc-move rc-move-" + to, label);
    b.type = "button";
    b.setAttribute("data-testid", "recovery-move-" + to);
    b.addEventListener("click", () => { rcMove(to); });
    moves.appendChild(b);
  });
  if (RC_DIAGNOSABLE.indexOf(c.state) >= 0) {
    const again = el("button", "rc-move rc-diagnose", t("rc.move_diagnose_again"));
    again.type = "button";
    again.setAttribute("data-testid", "recovery-diagnose");
    again.addEventListener("click", rcDiagnose);
    moves.appendChild(again);
  }
  if (!moves.children.length) moves.appendChild(el("span", "muted", t("rc.no_moves")));
  $("rc-reason-label").hidden = allowed.indexOf("rejected") < 0;
  $("rc-amount-label").hidden = c.state !== "recovering";
  $("rc-inputs").hidden = !allowed.length;

  rcFields($("rc-claim"), [
    [t("rc.network"), c.claim.network], [t("rc.token"), c.claim.token],
    [t("rc.tx_hash"), rcCopyable(c.claim.tx_hash, "recovery-tx-hash")],
    [t("rc.address"), rcCopyable(c.claim.address, "recovery-address")],
    [t("rc.memo"), c.claim.memo ? rcCopyable(c.claim.memo, "recovery-memo") : null],
    [t("rc.amount"), tokenAmount(c.claim.amount, c.claim.token)]]);
  const eligible = c.eligible === true ? t("rc.yes") : c.eligible === false ? t("rc.no") : t("rc.not_known");
  const wait = c.wait_seconds ? " " + t("rc.about_time", {time: duration(c.wait_seconds)}) : "";
  rcFields($("rc-diagnosis"), [
    [t("rc.cause"), causeName(c.cause)], [t("rc.eligible"), eligible], [t("rc.path"), pathName(c.path)],
    [t("rc.advice"), c.advice ? adviceName(c.advice) + wait : null],
    [t("rc.found_on"), foundOn(c.found)],
    [t("rc.contract"), c.found.contract ? rcCopyable(c.found.contract, "recovery-contract") : null],
    [t("rc.amount_found"), tokenAmount(c.found.amount, c.found.token)],
    [t("rc.value"), c.found.value ? formatAmount(c.found.value, c.found.currency) : null]]);
  const notes = $("rc-notes");
  notes.textContent = "";
  (c.notes || []).forEach((n) => { notes.appendChild(el("li", null, n)); });
  const explanation = $("rc-explanation");
  explanation.textContent = "";
  explanation.lang = c.language;
  (c.explanation || []).forEach((p) => {
    const para = el("p", null, p);
    para.dir = "auto";
    explanation.appendChild(para);
  });
  const f = c.fee;
  const waived = f && Number(f.amount) === 0;
  rcFields($("rc-fee"), f ? [
    [t("rc.quoted"), waived ? t("rc.fee_waived") : formatAmount(f.amount, f.currency)],
    [t("rc.policy"), f.percent ? formatAmount(f.percent) + "% (" + formatAmount(f.minimum) + "–" +
      formatAmount(f.maximum, f.currency) + ")" : null],
    [t("rc.accepted"), waived ? null : f.accepted_at ? when(f.accepted_at) : t("rc.not_yet")],
    [t("rc.charged"), f.charged ? formatAmount(f.charged, f.currency) : null]] : []);
  rcFields($("rc-recovered"), [
    [t("rc.amount"), tokenAmount(c.recovered.amount, c.found.token)],
    [t("rc.value"), c.recovered.value ? formatAmount(c.recovered.value, c.found.currency) : null]]);
  let conversation = null;
  if (c.conversation_id) {
    conversation = el("a", null, t("rc.conversation_link", {id: c.conversation_id}));
    conversation.href = "#/conversations/" + c.conversation_id;
    conversation.setAttribute("data-testid", "recovery-conversation");
    conversation.addEventListener("click", (event) => {
      event.preventDefault();
      showPage(null);
      openConversation(c.conversation_id);
    });
  }
  rcFields($("rc-case"), [
    [t("rc.applicant"), [c.applicant.external_user_id, c.applicant.email].filter(Boolean).join(" · ")],
    [t("rc.conversation"), conversation], [t("rc.reason"), reasonName(c.reason)], [t("rc.note_to_customer"), c.note],
    [t("profile.language"), c.language], [t("rc.source"), c.source], [t("rc.opened"), when(c.created_at)],
    [t("rc.due"), c.due_at ? when(c.due_at) : null], [t("rc.closed"), c.closed_at ? when(c.closed_at) : null]]);
  rcHistory(c.history || []);
  rcBusy(rc.busy);
}

function rcHistory(entries) {
  const list = $("rc-history");
  list.textContent = "";
  let lastNote = null;
  entries.forEach((h) => {
    const d = h.data || {};
    const who = h.actor_agent_id ? agentName(h.actor_agent_id) :
      h.actor_kind === "customer" ? t("conv.author_customer") : t("conv.author_system");
    let what = h.action;
    if (h.action === "recovery.opened") {
      what = t("rc.history_opened", {source: d.source}) + causeName(d.cause) + ", " + stateName(d.state);
    } else if (h.action === "recovery.moved") {
      what = stateName(d.from) + " → " + stateName(d.to);
      if (d.reason) what += " · " + t("rc.history_reason") + reasonName(d.reason);
      if (d.to === "credited" && d.recovered_amount) what += " · " + t("rc.history_recovered") + formatAmount(d.recovered_amount);
      if (d.fee_charged_cents) what += " · " + t("rc.history_fee_charged") + formatAmount((d.fee_charged_cents / 100).toFixed(2));
      // The entry keeps the case's note after the move: say it only when it changed.
      if (d.note && d.note !== lastNote) what += " · " + t("rc.history_note") + d.note;
      lastNote = d.note;
    } else if (h.action === "recovery.rediagnosed") {
      what = t("rc.history_diagnosed_again") + causeName(d.cause) + ", " + stateName(d.from) + " → " + stateName(d.to);
    } else if (h.action === "recovery.fee_accepted") {
      what = t("rc.history_fee_accepted");
    } else if (h.action === "recovery.fee_declined") {
      what = t("rc.history_fee_declined");
    }
    const li = el("li");
    li.setAttribute("data-testid", "recovery-history-item");
    li.setAttribute("data-action", h.action);
    li.appendChild(el("span", "muted", when(h.at) + " · " + who + " · "));
    li.appendChild(el("span", null, what));
    list.appendChild(li);
  });
  if (!list.children.length) list.appendChild(el("li", "muted", t("rc.no_history")));
}

function rcBusy(on) {
  rc.busy = on;
  $("rc-moves").querySelectorAll("button").forEach((b) => { b.disabled = on; });
}

// After a change, or a refusal (someone else may have moved the case): reload the case,
// the list and the totals, then say what happened.
function rcAfter(id, text, isError) {
  rcLoad(false);
  rcSummary();
  return rcOpen(id).then(() => { rcSay(text, isError); });
}

function rcMove(to) {
  const c = rc.current;
  if (!c || rc.busy) return;
  const body = {to};
  const reason = $("rc-reason").value.trim();
  if (to === "rejected") {
    if (!reason) {
      rcSay(t("rc.reject_needs_reason"), true);
      $("rc-reason").focus();
      return;
    }
    body.reason = reason;
  }
  const note = $("rc-note").value.trim();
  if (note) body.note = note;
  const amount = $("rc-amount").value.trim();
  if (to === "credited" && amount) {
    if (!/^\d+(\.\d+)?$/.test(amount)) {
      rcSay(t("rc.amount_invalid"), true);
      $("rc-amount").focus();
      return;
    }
    body.recovered_amount = amount;
  }
  rcBusy(true);
  api("POST", "/api/v1/recovery/cases/" + c.id + "/move", body).then((moved) => {
    rcClearInputs();
    rcBusy(false);
    return rcAfter(moved.id, t("rc.moved_to", {number: moved.number, state: RC_STATE_NAMES[moved.state]}));
  }, (e) => {
    rcBusy(false);
    return rcAfter(c.id, e.message, true);
  });
}

function rcDiagnose() {
  const c = rc.current;
  if (!c || rc.busy) return;
  rcBusy(true);
  rcSay(t("rc.diagnosing_case", {number: c.number}));
  api("POST", "/api/v1/recovery/cases/" + c.id + "/diagnose").then((d) => {
    rcBusy(false);
    return rcAfter(d.id, t("rc.history_diagnosed_again") + causeName(d.cause) + "; " + t("rc.now_state", {state: RC_STATE_NAMES[d.state]}));
  }, (e) => {
    rcBusy(false);
    return rcAfter(c.id, e.message, true);
  });
}

function rcFee(accept) {
  const c = rc.current;
  if (!c || rc.busy) return;
  rcBusy(true);
  api("POST", "/api/v1/recovery/cases/" + c.id + "/fee", {accept}).then((d) => {
    rcBusy(false);
    return rcAfter(d.id, (accept ? t("rc.history_fee_accepted") : t("rc.history_fee_declined")) + "; " + t("rc.now_state", {state: RC_STATE_NAMES[d.state]}));
  }, (e) => {
    rcBusy(false);
    return rcAfter(c.id, e.message, true);
  });
}

function rcBulk() {
  const ids = Object.keys(rc.selected).map(Number);
  const to = $("rc-bulk-to").value;
  const reason = $("rc-bulk-reason").value.trim();
  if (!ids.length) return;
  if (!to) { rcBulkSay(t("rc.bulk_choose_state"), true); return; }
  if (to === "rejected" && !reason) {
    rcBulkSay(t("rc.bulk_reject_needs_reason"), true);
    $("rc-bulk-reason").focus();
    return;
  }
  const body = {ids, to};
  if (to === "rejected") body.reason = reason;
  $("rc-bulk-apply").disabled = true;
  api("POST", "/api/v1/recovery/cases/bulk", body).then((r) => {
    let text = t("rc.bulk_result", {moved: r.moved.length, failed: r.failed.length});
    if (r.failed.length) text += ": " + r.failed.map((f) => f.detail).join(" ");
    rcBulkSay(text, r.failed.length > 0);
    rc.selected = {};
    $("rc-bulk-reason").value = "";
    rcLoad(false);
    rcSummary();
    if (rc.current && ids.indexOf(rc.current.id) >= 0) rcOpen(rc.current.id);
  }).catch((e) => { rcBulkSay(e.message, true); rcSelection(); });
}

// Those who read reports see the totals; anyone else (or a refusal) sees nothing.
function rcSummary() {
  if (!can("reports.read")) return;
  api("GET", "/api/v1/recovery/report").then((r) => {
    const box = $("rc-summary");
    box.textContent = "";
    [[t("rc.sum_cases"), r.cases], [t("rc.state_credited"), r.credited],
     [t("rc.sum_value_recovered"), formatAmount(r.value_recovered, r.currency)],
     [t("rc.sum_fees"), formatAmount(r.fees, r.currency)]].forEach((pair) => {
      const item = el("div", "dash-total");
      item.appendChild(el("strong", null, pair[1]));
      item.appendChild(el("span", "muted", pair[0]));
      box.appendChild(item);
    });
    box.hidden = false;
  }).catch(() => { $("rc-summary").hidden = true; });
}

export default {
  name: "recovery",
  section: "recovery",
  toggle: "recovery-toggle",
  mount() {
    RC_NETWORKS.forEach((n) => {
      const o = el("option", null, n); o.value = n; $("rc-network").appendChild(o);
    });
    Object.keys(RC_CAUSES).forEach((cause) => {
      const o = el("option", null, causeName(cause)); o.value = cause; $("rc-cause").appendChild(o);
    });
    Object.keys(RC_CAUSES).concat(["unsupported", "fee_declined", "duplicate", "other"]).forEach((r) => {
      const o = el("option"); o.value = r; $("rc-reasons").appendChild(o);
      if (isCause(r)) o.label = causeName(r);  // the code is what is kept
    });
    fillSelect($("rc-bulk-to"), [["", t("rc.move_to")]].concat(RC_STATES.filter((s) => s !== "submitted")
      .map((s) => [s, RC_STATE_NAMES[s]])), "");
    rcCounts({});
    ["rc-state", "rc-network", "rc-cause", "rc-overdue"].forEach((id) => {
      $(id).addEventListener("change", () => { rc.selected = {}; rcLoad(false); });
    });
    $("rc-more").addEventListener("click", () => { rcLoad(true); });
    $("rc-check-all").addEventListener("change", () => {
      const on = $("rc-check-all").checked;
      document.querySelectorAll("#rc-rows tr").forEach((tr) => {
        const id = Number(tr.getAttribute("data-id"));
        tr.querySelector("input").checked = on;
        if (on) rc.selected[id] = true; else delete rc.selected[id];
      });
      rcSelection();
    });
    $("rc-bulk-apply").addEventListener("click", rcBulk);
    $("rc-close").addEventListener("click", () => {
      rc.current = null;
      $("rc-detail").hidden = true;
      document.querySelectorAll("#rc-rows tr.active").forEach((tr) => { tr.classList.remove("active"); });
    });
  },
  show() {
    rcLoad(false);
    rcSummary();
    if (rc.current) rcOpen(rc.current.id);
  },
};
