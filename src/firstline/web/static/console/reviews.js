// The quality page (top bar: Quality), for every agent, with what their role allows:
// - Queue (quality.review): the conversations to score, oldest first; one opens with its
//   whole transcript (internal notes too), its checks and rating, and the scorecard's form.
// - Reviews: the reviews of one's own work, to acknowledge or dispute once; supervisors
//   (quality.supervise) see the disputes waiting and settle them.
// - Report: CSAT and review scores by week or by agent, team, language, product, channel,
//   drawn with charts.js beside the same numbers in a table; CSV download.
import {api} from "./api.js";
import {drawChart} from "./charts.js";
import {$, channelName, el, when} from "./dom.js";
import {formatNumber, t} from "./i18n.js";
import {FACTORS} from "./reasons.js";
import {agentName, can, me, state} from "./state.js";

let tab = null;

const TABS = [
  ["queue", "qa.tab_queue", () => can("quality.review") || can("quality.supervise")],
  ["reviews", "qa.tab_reviews", () => true],
  ["calibration", "qa.tab_calibration", () => can("quality.supervise") || can("quality.review")],
  ["report", "qa.tab_report", () => true],
];

const AUTHORS = {
  customer: "conv.author_customer", agent: "conv.author_agent", bot: "conv.author_bot",
  system: "conv.author_system",
};

const REASONS = {
  random: "qa.reason_random", csat_low: "qa.reason_csat_low", escalated: "qa.reason_escalated",
  bot_handover: "qa.reason_bot_handover", reopened: "qa.reason_reopened",
  sla_breach: "qa.reason_sla_breach", money_at_risk: "qa.reason_money_at_risk",
  check_failed: "qa.reason_check_failed", calibration: "qa.reason_calibration",
};

function name(texts) {
  const lang = document.documentElement.lang;
  return (texts && (texts[lang] || texts[lang.split("-")[0]] || texts.en)) || "";
}

function button(label, testid, onClick, cls) {
  const b = el("button", cls || null, label);
  b.type = "button";
  if (testid) b.setAttribute("data-testid", testid);
  b.addEventListener("click", onClick);
  return b;
}

function show(which) {
  tab = which;
  const nav = $("qa-tabs");
  nav.textContent = "";
  TABS.filter((x) => x[2]()).forEach(([key, label]) => {
    const b = button(t(label), "qa-tab-" + key, () => show(key), "qa-tab");
    b.setAttribute("aria-pressed", key === which ? "true" : "false");
    nav.appendChild(b);
  });
  // A fresh pane per showing: an answer that arrives after another tab (or the same one
  // again) was chosen fills a pane no longer on the page, instead of adding to the new one.
  const body = $("qa-body");
  body.textContent = "";
  const pane = el("div", "qa-pane");
  body.appendChild(pane);
  if (which === "queue") loadQueue(pane);
  else if (which === "reviews") loadReviews(pane);
  else if (which === "calibration") loadCalibrations(pane);
  else loadReport(pane);
}

// -- the queue ----------------------------------------------------------------------------

function loadQueue(body) {
  const all = can("quality.supervise");
  api("GET", "/api/v1/qa/queue" + (all ? "?all=1" : "")).then((doc) => {
    if (!doc.items.length) { body.appendChild(el("p", "muted", t("qa.queue_empty"))); return; }
    const list = el("ul", "qa-queue");
    list.setAttribute("data-testid", "qa-queue");
    doc.items.forEach((item) => {
      const li = el("li", "qa-item");
      li.setAttribute("data-testid", "qa-queue-item");
      li.setAttribute("data-conversation", String(item.conversation_id));
      li.appendChild(el("strong", null, "#" + item.conversation_id));
      li.appendChild(el("span", "qa-reason", t(REASONS[item.reason] || "qa.reason_random")));
      const preview = el("span", "qa-preview", item.subject || item.preview);
      preview.dir = "auto";
      li.appendChild(preview);
      li.appendChild(el("span", "muted", item.language + " · " + when(item.created_at)));
      if (all) li.appendChild(el("span", "muted", item.reviewer_id ? agentName(item.reviewer_id) : t("qa.unassigned")));
      li.addEventListener("click", () => openItem(body, item));
      list.appendChild(li);
    });
    body.appendChild(list);
  }).catch((e) => body.appendChild(el("p", "error", e.message)));
}

function openItem(body, item) {
  api("GET", "/api/v1/qa/queue/" + item.id).then((doc) => {
    body.textContent = "";
    body.appendChild(button(t("qa.back"), "qa-back", () => show("queue")));
    const layout = el("div", "qa-review");
    const left = el("div", "qa-transcript");
    left.appendChild(el("h3", null, "#" + doc.id + " · " + doc.language + " · " + channelName(doc.channel)));
    if (doc.csat) left.appendChild(el("p", "csat-badge csat-" + doc.csat.score, t("quality.csat", {score: doc.csat.score})));
    const failed = doc.checks.filter((c) => !c.passed);
    if (failed.length) {
      const ul = el("ul", "qa-failed");
      failed.forEach((c) => { const li = el("li", "qa-check", c.check); li.title = c.detail; ul.appendChild(li); });
      left.appendChild(ul);
    }
    if (doc.sla.length || (doc.routing_reasons || []).length) {
      const history = el("ul", "qa-history");
      history.setAttribute("data-testid", "qa-history");
      (doc.routing_reasons || []).forEach((r) => {
        const say = FACTORS[r.factor];
        history.appendChild(el("li", "muted", say ? say(r) : r.factor));
      });
      doc.sla.forEach((x) => history.appendChild(el("li", x.outcome === "breached" ? "error" : "muted",
        t("qa.sla_line", {metric: x.metric, outcome: x.outcome, time: when(x.due_at)}))));
      left.appendChild(history);
    }
    const comments = {};
    const ol = el("ol", "messages qa-messages");
    doc.messages.forEach((m) => {
      const li = el("li", "msg " + m.author_kind + (m.internal ? " internal" : ""));
      li.setAttribute("data-testid", "qa-message");
      li.appendChild(el("div", "msg-meta", (m.internal ? t("conv.internal_note") + " · " : "") +
        (m.author_agent_id ? agentName(m.author_agent_id) : t(AUTHORS[m.author_kind] || "conv.author_system")) +
        " · " + when(m.created_at)));
      const text = el("div", "msg-body", m.body);
      text.dir = "auto";
      li.appendChild(text);
      if (m.author_kind === "agent" || m.author_kind === "bot") {
        const note = el("textarea", "qa-message-comment");
        note.rows = 1;
        note.placeholder = t("qa.comment_message");
        note.setAttribute("aria-label", t("qa.comment_message"));
        note.addEventListener("input", () => { comments[m.id] = note.value.trim(); });
        li.appendChild(note);
      }
      ol.appendChild(li);
    });
    left.appendChild(ol);
    layout.appendChild(left);
    layout.appendChild(scoreForm(doc, item, comments));
    body.appendChild(layout);
  }).catch((e) => alert(e.message));
}

function scoreForm(doc, item, comments) {
  const form = el("form", "qa-form");
  form.setAttribute("data-testid", "qa-form");
  const card = doc.scorecard;
  form.appendChild(el("h3", null, card ? card.name : t("qa.no_scorecard")));
  if (!card) return form;
  criterionFields(form, card.criteria, {});
  const comment = el("textarea", "qa-comment");
  comment.rows = 3;
  comment.placeholder = t("qa.comment");
  comment.setAttribute("aria-label", t("qa.comment"));
  comment.setAttribute("data-testid", "qa-comment");
  form.appendChild(comment);
  const error = el("p", "error");
  error.setAttribute("role", "alert");
  form.appendChild(error);
  const submit = el("button", "primary", t("qa.submit"));
  submit.type = "submit";
  submit.setAttribute("data-testid", "qa-submit");
  form.appendChild(submit);
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    const answers = readAnswers(form, card.criteria);
    const payload = {conversation_id: doc.id, answers, comment: comment.value.trim(),
      message_comments: Object.keys(comments).filter((k) => comments[k]).map((k) => ({message_id: Number(k), comment: comments[k]}))};
    if (item.calibration_id) payload.calibration_id = item.calibration_id;
    submit.disabled = true;
    api("POST", "/api/v1/qa/reviews", payload).then((r) => {
      form.textContent = "";
      const done = el("p", "qa-done", t("qa.saved", {score: formatNumber(r.score)}));
      done.setAttribute("data-testid", "qa-saved");
      form.appendChild(done);
    }).catch((e) => { error.textContent = e.message; submit.disabled = false; });
  });
  return form;
}

// -- reviews --------------------------------------------------------------------------------

// A scorecard's criteria as choices in `form`: pass/fail or 1-5, N/A where allowed, each
// criterion checked as in `answers` (a review scored again starts from its answers).
function criterionFields(form, criteria, answers) {
  criteria.forEach((c) => {
    const field = el("fieldset", "qa-criterion" + (c.critical ? " critical" : ""));
    field.setAttribute("data-criterion", c.key);
    const legend = el("legend", null, name(c.name) + (c.critical ? " · " + t("qa.critical") : ""));
    field.appendChild(legend);
    if (c.description && name(c.description)) field.appendChild(el("p", "muted", name(c.description)));
    const choices = c.scale === "1-5" ? [1, 2, 3, 4, 5].map((v) => [String(v), String(v)]) :
      [["true", t("qa.pass")], ["false", t("qa.fail")]];
    if (c.allow_na) choices.push(["na", t("qa.na")]);
    const had = c.key in answers ? (answers[c.key] === null ? "na" : String(answers[c.key])) : null;
    choices.forEach(([value, label]) => {
      const l = el("label", "qa-choice");
      const input = el("input");
      input.type = "radio";
      input.name = "c-" + c.key;
      input.value = value;
      input.checked = value === had;
      input.setAttribute("data-testid", "qa-" + c.key + "-" + value);
      l.appendChild(input);
      l.appendChild(document.createTextNode(" " + label));
      field.appendChild(l);
    });
    form.appendChild(field);
  });
}

function readAnswers(form, criteria) {
  const answers = {};
  criteria.forEach((c) => {
    const picked = form.querySelector('input[name="c-' + c.key + '"]:checked');
    if (!picked) return;
    const v = picked.value;
    answers[c.key] = v === "na" ? null : v === "true" ? true : v === "false" ? false : Number(v);
  });
  return answers;
}

// Each criterion of the review with its answer, failed ones marked.
function answersList(detail) {
  const list = el("dl", "qa-answers");
  list.setAttribute("data-testid", "qa-answers");
  detail.criteria.forEach((c) => {
    const value = (detail.answers || {})[c.key];
    const failed = value === false || (c.scale === "1-5" && value === 1);
    list.appendChild(el("dt", failed ? "failed" : null, name(c.name) + (c.critical ? " · " + t("qa.critical") : "")));
    list.appendChild(el("dd", failed ? "failed" : null, answerText(value)));
  });
  return list;
}

// A supervisor scores a disputed review again with its own scorecard version.
function changeForm(detail, done) {
  const form = el("form", "qa-form");
  form.setAttribute("data-testid", "qa-change-form");
  form.appendChild(el("h3", null, detail.scorecard_name || t("qa.change_score")));
  criterionFields(form, detail.criteria, detail.answers || {});
  const comment = el("textarea", "qa-comment");
  comment.rows = 2;
  comment.placeholder = t("qa.comment");
  comment.setAttribute("aria-label", t("qa.comment"));
  comment.setAttribute("data-testid", "qa-change-comment");
  form.appendChild(comment);
  const error = el("p", "error");
  error.setAttribute("role", "alert");
  form.appendChild(error);
  const submit = el("button", "primary", t("qa.change_score"));
  submit.type = "submit";
  submit.setAttribute("data-testid", "qa-change-submit");
  form.appendChild(submit);
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    submit.disabled = true;
    api("POST", "/api/v1/qa/reviews/" + detail.id + "/settle",
      {decision: "changed", answers: readAnswers(form, detail.criteria), comment: comment.value.trim()})
      .then(done).catch((e) => { error.textContent = e.message; submit.disabled = false; });
  });
  return form;
}

function loadReviews(body) {
  const supervise = can("quality.supervise");
  const path = supervise ? "/api/v1/qa/reviews?disputed=1" : "/api/v1/qa/reviews";
  if (supervise) body.appendChild(el("h3", null, t("qa.disputes")));
  api("GET", path).then((doc) => {
    if (!doc.items.length) { body.appendChild(el("p", "muted", t(supervise ? "qa.no_disputes" : "qa.no_reviews"))); return; }
    doc.items.forEach((r) => body.appendChild(reviewCard(r, supervise)));
  }).catch((e) => body.appendChild(el("p", "error", e.message)));
}

function reviewCard(r, supervise) {
  const box = el("article", "qa-card");
  box.setAttribute("data-testid", "qa-review");
  box.appendChild(el("h4", null, "#" + r.conversation_id + " · " + t("qa.score", {score: formatNumber(r.score)}) +
    (r.critical_failed ? " · " + t("qa.critical_failed") : "")));
  box.appendChild(el("p", "muted", t("qa.by", {name: agentName(r.reviewer_id), time: when(r.created_at)})));
  if (r.comment) { const p = el("p", null, r.comment); p.dir = "auto"; box.appendChild(p); }
  (r.message_comments || []).forEach((c) => box.appendChild(el("p", "qa-message-note", "#" + c.message_id + ": " + c.comment)));
  const actions = el("div", "qa-actions");
  if (r.dispute) {
    box.appendChild(el("p", "qa-dispute", t("qa.disputed", {reason: r.dispute.reason}) +
      (r.dispute.state !== "open" ? " · " + t(r.dispute.state === "upheld" ? "qa.upheld" : "qa.changed") : "")));
  }
  const more = el("div", "qa-more");
  if (r.answers) {
    actions.appendChild(button(t("qa.show_answers"), "qa-show-answers", (event) => {
      event.target.disabled = true;
      api("GET", "/api/v1/qa/reviews/" + r.id).then((detail) => { more.textContent = ""; more.appendChild(answersList(detail)); })
        .catch((e) => { more.textContent = e.message; });
    }));
  }
  if (supervise && r.dispute && r.dispute.state === "open") {
    actions.appendChild(button(t("qa.uphold"), "qa-uphold", () => {
      api("POST", "/api/v1/qa/reviews/" + r.id + "/settle", {decision: "upheld"}).then(() => show("reviews"))
        .catch((e) => alert(e.message));
    }));
    actions.appendChild(button(t("qa.change_score"), "qa-change", () => {
      api("GET", "/api/v1/qa/reviews/" + r.id).then((detail) => {
        more.textContent = "";
        more.appendChild(changeForm(detail, () => show("reviews")));
      }).catch((e) => alert(e.message));
    }));
  } else if (r.agent_id === me.id) {
    if (!r.acknowledged_at) {
      actions.appendChild(button(t("qa.acknowledge"), "qa-acknowledge", () => {
        api("POST", "/api/v1/qa/reviews/" + r.id + "/acknowledge").then(() => show("reviews")).catch((e) => alert(e.message));
      }));
    }
    if (!r.dispute) {
      actions.appendChild(button(t("qa.dispute"), "qa-dispute", () => {
        const reason = prompt(t("qa.dispute_reason"));
        if (!reason || !reason.trim()) return;
        api("POST", "/api/v1/qa/reviews/" + r.id + "/dispute", {reason: reason.trim()}).then(() => show("reviews"))
          .catch((e) => alert(e.message));
      }));
    }
  }
  box.appendChild(actions);
  box.appendChild(more);
  return box;
}

// -- calibration ----------------------------------------------------------------------------
// A supervisor names conversations and reviewers; each reviewer scores them from their queue;
// the scores show side by side per conversation, with the share of reviewer pairs who agreed
// on each criterion (blind for the reviewers until all have scored).

function loadCalibrations(body) {
  if (can("quality.supervise")) body.appendChild(calibrationForm(body));
  api("GET", "/api/v1/qa/calibrations").then((items) => {
    if (!items.length) { body.appendChild(el("p", "muted", t("qa.no_calibrations"))); return; }
    items.forEach((c) => body.appendChild(calibrationView(c)));
  }).catch((e) => body.appendChild(el("p", "error", e.message)));
}

function calibrationForm(body) {
  const form = el("form", "qa-card qa-calibration-form");
  form.setAttribute("data-testid", "qa-calibration-form");
  form.appendChild(el("h4", null, t("qa.new_calibration")));
  const ids = el("input");
  ids.placeholder = t("qa.calibration_conversations");
  ids.setAttribute("aria-label", t("qa.calibration_conversations"));
  ids.setAttribute("data-testid", "qa-calibration-conversations");
  form.appendChild(ids);
  const people = el("select");
  people.multiple = true;
  people.setAttribute("aria-label", t("qa.calibration_reviewers"));
  people.setAttribute("data-testid", "qa-calibration-reviewers");
  state.agents.forEach((a) => { const o = el("option", null, a.name); o.value = String(a.id); people.appendChild(o); });
  form.appendChild(people);
  const error = el("p", "error");
  form.appendChild(error);
  const go = el("button", null, t("qa.start_calibration"));
  go.type = "submit";
  go.setAttribute("data-testid", "qa-calibration-start");
  form.appendChild(go);
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    const conversation_ids = ids.value.split(/[\s,#]+/).filter(Boolean).map(Number);
    const reviewer_ids = Array.from(people.selectedOptions).map((o) => Number(o.value));
    api("POST", "/api/v1/qa/calibrations", {conversation_ids, reviewer_ids}).then(() => show("calibration"))
      .catch((e) => { error.textContent = e.message; });
  });
  return form;
}

function calibrationView(c) {
  const box = el("article", "qa-card");
  box.setAttribute("data-testid", "qa-calibration");
  box.appendChild(el("h4", null, c.name + " · " + (c.complete ? t("qa.calibration_complete") : t("qa.calibration_waiting"))));
  const names = {};
  c.criteria.forEach((k) => { names[k.key] = name(k.name); });
  c.conversation_ids.forEach((cid) => {
    const table = el("table", "dash-table qa-side-by-side");
    table.appendChild(el("caption", null, "#" + cid));
    const head = el("tr");
    head.appendChild(el("th", null, t("qa.criterion")));
    c.reviewer_ids.forEach((r) => head.appendChild(el("th", null, agentName(r))));
    if (c.agreement) head.appendChild(el("th", null, t("qa.agreement")));
    table.appendChild(head);
    const of = {};
    c.reviews.filter((r) => r.conversation_id === cid).forEach((r) => { of[r.reviewer_id] = r; });
    c.criteria.forEach((k) => {
      const tr = el("tr");
      tr.appendChild(el("td", null, names[k.key]));
      c.reviewer_ids.forEach((r) => {
        const review = of[r];
        const v = review && review.answers ? review.answers[k.key] : undefined;
        tr.appendChild(el("td", "num", review ? (review.answers ? answerText(v) : "•") : "–"));
      });
      if (c.agreement) tr.appendChild(el("td", "num", percent(c.agreement[k.key]) || "–"));
      table.appendChild(tr);
    });
    const total = el("tr");
    total.appendChild(el("th", null, t("qa.qa_score")));
    c.reviewer_ids.forEach((r) => total.appendChild(el("td", "num", of[r] && of[r].score !== null ? formatNumber(of[r].score) : "–")));
    table.appendChild(total);
    box.appendChild(table);
  });
  return box;
}

// One answer as the reader says it: Pass, Fail, N/A or the number.
function answerText(v) {
  if (v === null) return t("qa.na");
  if (v === true) return t("qa.pass");
  if (v === false) return t("qa.fail");
  return v === undefined ? "–" : formatNumber(v);
}

// -- the report -----------------------------------------------------------------------------

const GROUPS = [["week", "qa.by_week"], ["agent", "qa.by_agent"], ["team", "qa.by_team"],
  ["language", "qa.by_language"], ["product", "qa.by_product"], ["channel", "qa.by_channel"]];

function loadReport(body) {
  const bar = el("div", "qa-report-bar");
  const select = el("select");
  select.setAttribute("data-testid", "qa-group");
  select.setAttribute("aria-label", t("qa.group_by"));
  GROUPS.forEach(([value, label]) => { const o = el("option", null, t(label)); o.value = value; select.appendChild(o); });
  const csv = el("a", "qa-csv", t("qa.csv"));
  csv.setAttribute("data-testid", "qa-csv");
  bar.appendChild(select);
  bar.appendChild(csv);
  body.appendChild(bar);
  const totals = el("div", "dash-totals");
  totals.setAttribute("data-testid", "qa-totals");
  const chart = el("figure", "dash-chart");
  chart.setAttribute("data-testid", "qa-chart");
  const checks = el("figure", "dash-chart qa-checks-chart");
  checks.setAttribute("data-testid", "qa-checks-chart");
  const worst = el("table", "dash-table qa-criteria");
  worst.setAttribute("data-testid", "qa-criteria");
  body.appendChild(totals);
  body.appendChild(chart);
  body.appendChild(checks);
  body.appendChild(worst);
  const draw = () => {
    const group = select.value;
    csv.href = "/api/v1/qa/report?format=csv&group_by=" + group;
    api("GET", "/api/v1/qa/report?group_by=" + group).then((r) => {
      totals.textContent = "";
      [[t("qa.csat_average"), r.totals.csat_average], [t("qa.csat_satisfied"), percent(r.totals.csat_satisfied)],
       [t("qa.response_rate"), percent(r.totals.csat_response_rate)], [t("qa.qa_score"), r.totals.qa_score_average],
       [t("qa.reviews"), r.totals.reviews], [t("qa.checks_failed"), r.totals.checks_failed]].forEach(([label, value]) => {
        const box = el("div", "dash-total");
        box.appendChild(el("strong", null, value === null || value === undefined ? "–" :
          typeof value === "number" ? formatNumber(value) : value));
        box.appendChild(el("span", "muted", label));
        totals.appendChild(box);
      });
      const rows = group === "week" ? r.trend.map((x) => Object.assign({label: x.week}, x)) : r.rows;
      drawChart(chart, {
        title: t("qa.chart_title"),
        categoryName: t(GROUPS.find((g) => g[0] === group)[1]),
        labels: rows.map((x) => x.label || x.key || "–"),
        series: [
          {name: t("qa.csat_average"), kind: group === "week" ? "line" : "bar", values: rows.map((x) => x.csat_average)},
          {name: t("qa.qa_score"), kind: group === "week" ? "line" : "bar", axis: "end", values: rows.map((x) => x.qa_score_average)},
        ],
      });
      worst.textContent = "";
      if (r.criteria.length) {
        const head = el("tr");
        [t("qa.criterion"), t("qa.fail_rate"), t("qa.failed_of")].forEach((h) => head.appendChild(el("th", null, h)));
        worst.appendChild(el("caption", null, t("qa.criteria_title")));
        worst.appendChild(head);
        r.criteria.forEach((c) => {
          const tr = el("tr");
          tr.appendChild(el("td", null, criterionNames[c.criterion] || c.criterion));
          tr.appendChild(el("td", "num", percent(c.fail_rate) || "–"));
          tr.appendChild(el("td", "num", formatNumber(c.failed) + " / " + formatNumber(c.answered)));
          worst.appendChild(tr);
        });
      }
      checks.hidden = !r.checks.length;
      if (!r.checks.length) return;
      drawChart(checks, {
        title: t("qa.checks_title"),
        categoryName: t("qa.check"),
        labels: r.checks.map((c) => t(CHECK_NAMES[c.check] || "qa.check")),
        series: [{name: t("qa.checks_failed"), kind: "bar", values: r.checks.map((c) => c.failed)}],
      });
    }).catch((e) => { totals.textContent = e.message; });
  };
  const criterionNames = {};
  api("GET", "/api/v1/qa/scorecards").then((cards) => {
    cards.forEach((card) => card.criteria.forEach((c) => { criterionNames[c.key] = name(c.name); }));
  }).catch(() => {}).then(() => {
    select.addEventListener("change", draw);
    draw();
  });
}

const CHECK_NAMES = {
  secret_request: "quality.check_secret_request",
  internal_note_sent: "quality.check_internal_note_sent",
  reply_language: "quality.check_reply_language",
  first_response_sla: "quality.check_first_response_sla",
  waiting_between_replies: "quality.check_waiting_between_replies",
  resolved_without_reply: "quality.check_resolved_without_reply",
};

function percent(v) { return v === null || v === undefined ? null : Math.round(v * 1000) / 10 + " %"; }

export default {
  name: "reviews",
  section: "qa",
  toggle: "qa-toggle",
  mount() {},
  show() { show(tab || (can("quality.review") || can("quality.supervise") ? "queue" : "reviews")); },
};
