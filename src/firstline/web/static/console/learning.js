// The learning page (top bar: Learning), for every agent, with what their role allows:
// - My learning: the courses given to me (due dates, progress, each module to read and mark
//   done), the exams open to me, and my certificates. Taking an exam shows the questions the
//   server drew (never their answers), a countdown to the server's deadline, and after the
//   one submission the score and, per topic, the articles to study.
// - Certificates (learning.manage, agents.staff): who holds what, who is due, who lapsed.
// - Courses (learning.manage): the courses with how many were given and finished, and an
//   editor: ordered modules (knowledge-base articles, which follow their revisions, or
//   lessons in Markdown), an optional closing exam, and who gets it (teams, roles, every new
//   joiner, managers) with a due date.
// - Exams (learning.manage): the exams, and a form to write one question by question.
// - Grading (learning.manage): written answers waiting, graded 0 to 1 against the rubric.
// - Report (learning.manage, reports.read): pass rates and the hardest questions, what
//   lapses soon, and the managers' front-line hours this quarter, charted.
import {api} from "./api.js";
import {drawChart} from "./charts.js";
import {$, el, when} from "./dom.js";
import {formatNumber, t} from "./i18n.js";
import {agentName, can, state} from "./state.js";

let tab = null;
let ticking = null;

const trains = () => can("learning.manage");
const TABS = [
  ["mine", "console_learning.tab_mine", () => true],
  ["certificates", "console_learning.tab_certificates", () => trains() || can("agents.staff")],
  ["courses", "console_learning.tab_courses", trains],
  ["exams", "console_learning.tab_exams", trains],
  ["grading", "console_learning.tab_grading", trains],
  ["report", "console_learning.tab_report", () => trains() || can("reports.read")],
];

const STATUS = {
  valid: "console_learning.status_valid",
  due: "console_learning.status_due",
  lapsed: "console_learning.status_lapsed",
  revoked: "console_learning.status_revoked",
};
const KINDS = {
  single: "console_learning.kind_single",
  multiple: "console_learning.kind_multiple",
  true_false: "console_learning.kind_true_false",
  text: "console_learning.kind_text",
  simulation: "console_learning.kind_simulation",
};
const ROTATION = {
  below: "console_learning.rotation_below",
  within: "console_learning.rotation_within",
  above: "console_learning.rotation_above",
};

function button(label, testid, onClick, cls) {
  const b = el("button", cls || null, label);
  b.type = "button";
  if (testid) b.setAttribute("data-testid", testid);
  b.addEventListener("click", onClick);
  return b;
}

function field(labelText, input) {
  const label = el("label", "learning-field");
  label.appendChild(el("span", null, labelText));
  label.appendChild(input);
  return label;
}

function input(type, name, value) {
  const i = el("input");
  i.type = type;
  i.name = name;
  if (value !== undefined && value !== null) i.value = String(value);
  i.setAttribute("data-testid", "learning-field-" + name);
  return i;
}

function statusChip(status) {
  const chip = el("span", "learning-status learning-" + status, t(STATUS[status] || STATUS.valid));
  chip.setAttribute("data-status", status);
  return chip;
}

function stopTicking() {
  if (ticking) clearInterval(ticking);
  ticking = null;
}

function show(which) {
  stopTicking();
  tab = which;
  const nav = $("learning-tabs");
  nav.textContent = "";
  TABS.filter((x) => x[2]()).forEach(([key, label]) => {
    const b = button(t(label), "learning-tab-" + key, () => show(key), "qa-tab");
    b.setAttribute("aria-pressed", key === which ? "true" : "false");
    nav.appendChild(b);
  });
  // A fresh pane per showing, so a late answer never fills the tab chosen after it.
  const body = $("learning-body");
  body.textContent = "";
  const pane = el("div", "learning-pane");
  body.appendChild(pane);
  ({mine: loadMine, certificates: loadCertificates, courses: loadCourses, exams: loadExams,
    grading: loadGrading, report: loadReport}[which] || loadMine)(pane);
}

function failed(pane) { return (e) => pane.appendChild(el("p", "error", e.message)); }

// -- My learning ------------------------------------------------------------------------------

function loadMine(pane) {
  api("GET", "/api/v1/learning/me").then((doc) => {
    pane.appendChild(el("h2", null, t("console_learning.my_courses")));
    if (!doc.courses.length) pane.appendChild(el("p", "muted", t("console_learning.no_courses")));
    const courses = el("ul", "learning-list");
    courses.setAttribute("data-testid", "learning-courses");
    doc.courses.forEach((c) => {
      const li = el("li", "learning-item" + (c.overdue ? " overdue" : ""));
      li.setAttribute("data-testid", "learning-course");
      const title = el("strong", null, c.title);
      title.dir = "auto";
      li.appendChild(title);
      li.appendChild(el("span", "muted", t("console_learning.progress", {done: c.done, total: c.modules})));
      if (c.completed_at) li.appendChild(el("span", "learning-done", t("console_learning.completed")));
      else if (c.due_at) li.appendChild(el("span", c.overdue ? "error" : "muted", t("console_learning.due_on", {time: when(c.due_at)})));
      li.appendChild(button(t("console_learning.open"), "learning-open-course", () => openCourse(pane, c)));
      courses.appendChild(li);
    });
    pane.appendChild(courses);

    pane.appendChild(el("h2", null, t("console_learning.exams")));
    const due = {};
    doc.certificates.forEach((c) => { due[c.exam_id] = c; });
    const exams = el("ul", "learning-list");
    exams.setAttribute("data-testid", "learning-exams");
    doc.exams.forEach((x) => {
      const li = el("li", "learning-item");
      li.setAttribute("data-testid", "learning-exam");
      li.setAttribute("data-exam", String(x.id));
      const title = el("strong", null, x.title);
      title.dir = "auto";
      li.appendChild(title);
      li.appendChild(el("span", "muted", t("console_learning.exam_facts",
        {questions: x.draw, minutes: x.time_limit_minutes, mark: x.pass_mark})));
      if (x.grants_skills.length) li.appendChild(el("span", "learning-skills", x.grants_skills.join(" · ")));
      const held = due[x.id];
      if (held) li.appendChild(statusChip(held.status));
      const label = held && held.status === "due" && held.recheck_by ? "console_learning.take_recheck" : "console_learning.take";
      li.appendChild(button(t(label), "learning-take", () => startExam(pane, x)));
      exams.appendChild(li);
    });
    if (!doc.exams.length) pane.appendChild(el("p", "muted", t("console_learning.no_exams")));
    pane.appendChild(exams);

    pane.appendChild(el("h2", null, t("console_learning.my_certificates")));
    pane.appendChild(certificateTable(doc.certificates, false));
  }).catch(failed(pane));
}

function openCourse(pane, course) {
  api("GET", "/api/v1/learning/courses").then((all) => {
    const full = all.find((c) => c.id === course.course_id);
    pane.textContent = "";
    pane.appendChild(button(t("console_learning.back"), "learning-back", () => show("mine")));
    const h = el("h2", null, course.title);
    h.dir = "auto";
    pane.appendChild(h);
    const list = el("ol", "learning-modules");
    const reader = el("article", "learning-reader");
    reader.setAttribute("data-testid", "learning-reader");
    (full ? full.modules : []).forEach((m) => {
      const li = el("li", "learning-module");
      li.setAttribute("data-testid", "learning-module");
      const b = button(m.title || t("console_learning.module"), null, () => readModule(reader, course, m, li));
      b.dir = "auto";
      li.appendChild(b);
      list.appendChild(li);
    });
    pane.appendChild(list);
    pane.appendChild(reader);
    const first = full && (full.modules.find((m) => m.id === course.last_module_id) || full.modules[0]);
    if (first) readModule(reader, course, first, list.children[full.modules.indexOf(first)]);
  }).catch(failed(pane));
}

function readModule(reader, course, module, item) {
  api("GET", "/api/v1/learning/courses/" + course.course_id + "/modules/" + module.id).then((m) => {
    reader.textContent = "";
    const h = el("h3", null, m.title);
    h.dir = "auto";
    reader.appendChild(h);
    const body = el("div", "learning-text");
    body.dir = "auto";
    // The server renders lessons and articles with the knowledge base's safe Markdown.
    body.innerHTML = m.body_html;
    reader.appendChild(body);
    const done = button(t(m.done ? "console_learning.marked_done" : "console_learning.mark_done"),
      "learning-mark-done", () => {
        api("POST", "/api/v1/learning/assignments/" + course.assignment_id + "/progress",
          {module_id: m.id, done: true}).then(() => {
          done.textContent = t("console_learning.marked_done");
          done.disabled = true;
          if (item) item.classList.add("done");
        }).catch((e) => reader.appendChild(el("p", "error", e.message)));
      });
    done.disabled = m.done;
    if (item && m.done) item.classList.add("done");
    reader.appendChild(done);
  }).catch((e) => { reader.textContent = e.message; });
}

function startExam(pane, exam) {
  api("POST", "/api/v1/learning/exams/" + exam.id + "/attempts").then((attempt) => {
    pane.textContent = "";
    const h = el("h2", null, exam.title);
    h.dir = "auto";
    pane.appendChild(h);
    const clock = el("p", "learning-clock");
    clock.setAttribute("data-testid", "learning-clock");
    clock.setAttribute("role", "timer");
    pane.appendChild(clock);
    const form = el("form", "learning-exam");
    form.setAttribute("data-testid", "learning-attempt");
    attempt.questions.forEach((q, n) => {
      const box = el("fieldset", "learning-question");
      box.setAttribute("data-testid", "learning-question");
      box.setAttribute("data-question", String(q.id));
      const legend = el("legend", null, (n + 1) + ". " + q.prompt);
      legend.dir = "auto";
      box.appendChild(legend);
      box.appendChild(el("span", "muted", t(KINDS[q.kind] || KINDS.single)));
      if (q.kind === "text" || q.kind === "simulation") {
        const area = el("textarea");
        area.name = "q" + q.id;
        area.rows = q.kind === "simulation" ? 6 : 3;
        area.dir = "auto";
        area.setAttribute("aria-label", q.prompt);
        box.appendChild(area);
      } else {
        q.choices.forEach((choice, i) => {
          const label = el("label", "learning-choice");
          const pick = el("input");
          pick.type = q.kind === "multiple" ? "checkbox" : "radio";
          pick.name = "q" + q.id;
          pick.value = String(i);
          label.appendChild(pick);
          const text = el("span", null, choice);
          text.dir = "auto";
          label.appendChild(text);
          box.appendChild(label);
        });
      }
      form.appendChild(box);
    });
    const submit = el("button", "primary", t("console_learning.submit"));
    submit.type = "submit";
    submit.setAttribute("data-testid", "learning-submit");
    form.appendChild(submit);
    pane.appendChild(form);
    const deadline = new Date(attempt.deadline).getTime();
    const tick = () => {
      const left = Math.max(0, Math.round((deadline - Date.now()) / 1000));
      const minutes = Math.floor(left / 60);
      const seconds = String(left % 60).padStart(2, "0");
      clock.textContent = t("console_learning.time_left", {time: formatNumber(minutes) + ":" + seconds});
      clock.classList.toggle("error", left < 60);
      if (!left) stopTicking();
    };
    tick();
    ticking = setInterval(tick, 1000);
    form.addEventListener("submit", (ev) => {
      ev.preventDefault();
      submit.disabled = true;
      const answers = {};
      attempt.questions.forEach((q) => {
        if (q.kind === "text" || q.kind === "simulation") {
          const text = form.elements["q" + q.id].value.trim();
          if (text) answers[q.id] = text;
        } else {
          answers[q.id] = [...form.querySelectorAll('input[name="q' + q.id + '"]:checked')].map((x) => Number(x.value));
        }
      });
      api("POST", "/api/v1/learning/attempts/" + attempt.id + "/submit", {answers}).then((result) => {
        stopTicking();
        showResult(pane, exam, result);
      }).catch((e) => {
        submit.disabled = false;
        pane.appendChild(el("p", "error", e.message));
      });
    });
  }).catch(failed(pane));
}

function showResult(pane, exam, result) {
  pane.textContent = "";
  pane.appendChild(button(t("console_learning.back"), "learning-back", () => show("mine")));
  const box = el("section", "learning-result");
  box.setAttribute("data-testid", "learning-result");
  if (result.status === "grading") {
    box.appendChild(el("p", null, t("console_learning.result_grading")));
  } else {
    box.setAttribute("data-passed", result.passed ? "true" : "false");
    box.appendChild(el("p", result.passed ? "learning-passed" : "error",
      t(result.passed ? "console_learning.result_passed" : "console_learning.result_failed",
        {score: formatNumber(result.score), mark: exam.pass_mark})));
    if (result.passed && exam.grants_skills.length) {
      box.appendChild(el("p", null, t("console_learning.result_skills", {skills: exam.grants_skills.join(", ")})));
    }
  }
  const table = el("table", "learning-topics");
  const head = el("tr");
  ["console_learning.topic", "console_learning.right", "console_learning.study"].forEach((k) => head.appendChild(el("th", null, t(k))));
  table.appendChild(head);
  result.topics.forEach((x) => {
    const tr = el("tr");
    tr.appendChild(el("td", null, x.topic || t("console_learning.general")));
    tr.appendChild(el("td", "num", formatNumber(x.right) + " / " + formatNumber(x.asked)));
    const td = el("td");
    x.article_ids.forEach((id) => {
      const a = el("a", null, t("console_learning.article", {id}));
      a.href = "#";
      a.addEventListener("click", (ev) => { ev.preventDefault(); openArticle(id); });
      td.appendChild(a);
      td.appendChild(document.createTextNode(" "));
    });
    tr.appendChild(td);
    table.appendChild(tr);
  });
  box.appendChild(table);
  pane.appendChild(box);
}

function openArticle(id) {
  // The articles of the knowledge base are listed by version; find this one's address.
  api("GET", "/api/v1/kb/articles?limit=200").then((page) => {
    const found = page.items.find((a) => a.id === id);
    if (found) window.open("/help/" + found.locale + "/articles/" + found.external_id, "_blank", "noopener");
  }).catch(() => {});
}

// -- certificates -----------------------------------------------------------------------------

function certificateTable(certificates, withAgent, onRevoke) {
  const table = el("table", "learning-table");
  table.setAttribute("data-testid", "learning-certificates");
  const head = el("tr");
  const columns = ["console_learning.exam", "console_learning.skills", "console_learning.status",
    "console_learning.expires", "console_learning.recheck_by"];
  if (withAgent) columns.unshift("console_learning.agent");
  columns.forEach((k) => head.appendChild(el("th", null, t(k))));
  if (onRevoke) head.appendChild(el("th"));
  table.appendChild(head);
  certificates.forEach((c) => {
    const tr = el("tr");
    tr.setAttribute("data-testid", "learning-certificate");
    tr.setAttribute("data-status", c.status);
    if (withAgent) tr.appendChild(el("td", null, agentName(c.agent_id)));
    const exam = el("td", null, c.exam_title);
    exam.dir = "auto";
    tr.appendChild(exam);
    tr.appendChild(el("td", null, c.skills.concat(c.languages).join(", ") || "–"));
    const status = el("td");
    status.appendChild(statusChip(c.status));
    tr.appendChild(status);
    tr.appendChild(el("td", null, c.expires_at ? when(c.expires_at) : t("console_learning.never")));
    tr.appendChild(el("td", null, c.recheck_by ? when(c.recheck_by) : "–"));
    if (onRevoke) {
      const td = el("td");
      if (c.status !== "revoked" && c.status !== "lapsed") {
        td.appendChild(button(t("console_learning.revoke"), "learning-revoke", () => onRevoke(c)));
      }
      tr.appendChild(td);
    }
    table.appendChild(tr);
  });
  if (!certificates.length) {
    const tr = el("tr");
    const td = el("td", "muted", t("console_learning.no_certificates"));
    td.colSpan = columns.length + 1;
    tr.appendChild(td);
    table.appendChild(tr);
  }
  return table;
}

function loadCertificates(pane) {
  const filter = el("select");
  filter.setAttribute("data-testid", "learning-status-filter");
  filter.setAttribute("aria-label", t("console_learning.status"));
  [["", "console_learning.all"], ["valid", STATUS.valid], ["due", STATUS.due], ["lapsed", STATUS.lapsed],
    ["revoked", STATUS.revoked]]
    .forEach(([value, key]) => {
      const o = el("option", null, t(key));
      o.value = value;
      filter.appendChild(o);
    });
  pane.appendChild(field(t("console_learning.status"), filter));
  const holder = el("div");
  pane.appendChild(holder);
  const load = () => {
    const query = filter.value ? "?status=" + filter.value : "";
    api("GET", "/api/v1/learning/certificates" + query).then((list) => {
      holder.textContent = "";
      holder.appendChild(certificateTable(list, true, trains() ? (c) => {
        if (!confirm(t("console_learning.revoke_confirm", {name: agentName(c.agent_id), exam: c.exam_title}))) return;
        api("POST", "/api/v1/learning/certificates/" + c.id + "/revoke").then(load).catch(failed(holder));
      } : null));
    }).catch(failed(holder));
  };
  filter.addEventListener("change", load);
  load();
}

// -- courses (trainers) -----------------------------------------------------------------------

function loadCourses(pane) {
  pane.appendChild(button(t("console_learning.new_course"), "learning-new-course", () => courseForm(pane), "primary"));
  api("GET", "/api/v1/learning/courses").then((courses) => {
    if (!courses.length) { pane.appendChild(el("p", "muted", t("console_learning.no_courses_yet"))); return; }
    const table = el("table", "learning-table");
    table.setAttribute("data-testid", "learning-course-list");
    const head = el("tr");
    ["console_learning.course", "console_learning.locale", "console_learning.modules",
      "console_learning.given_to", "console_learning.assigned", "console_learning.completed"]
      .forEach((k) => head.appendChild(el("th", null, t(k))));
    table.appendChild(head);
    courses.forEach((c) => {
      const tr = el("tr");
      const title = el("td", null, c.title);
      title.dir = "auto";
      tr.appendChild(title);
      tr.appendChild(el("td", null, c.locale));
      tr.appendChild(el("td", "num", formatNumber(c.modules.length)));
      const who = c.team_ids.map((id) => (state.teams.find((x) => x.id === id) || {name: "#" + id}).name)
        .concat(c.roles);
      if (c.onboarding) who.push(t("console_learning.new_joiners"));
      if (c.for_managers) who.push(t("console_learning.managers"));
      tr.appendChild(el("td", null, who.join(", ") || "–"));
      tr.appendChild(el("td", "num", formatNumber(c.assigned)));
      tr.appendChild(el("td", "num", formatNumber(c.completed)));
      table.appendChild(tr);
    });
    pane.appendChild(table);
  }).catch(failed(pane));
}

function checkbox(name, labelText, value) {
  const label = el("label", "learning-check");
  const box = el("input");
  box.type = "checkbox";
  box.name = name;
  if (value !== undefined) box.value = String(value);
  box.setAttribute("data-testid", "learning-field-" + name + (value !== undefined ? "-" + value : ""));
  label.appendChild(box);
  label.appendChild(el("span", null, labelText));
  return label;
}

// An editor's opening (a way back to `backTab`, the title and the language) and its end (the
// save button, the server's refusal in words, and the POST to `path`, back on success).
function editorStart(pane, backTab, testid) {
  pane.textContent = "";
  pane.appendChild(button(t("console_learning.back"), "learning-back", () => show(backTab)));
  const form = el("form", "learning-form");
  form.setAttribute("data-testid", testid);
  const title = input("text", "title");
  title.required = true;
  title.dir = "auto";
  form.appendChild(field(t("console_learning.title"), title));
  const locale = input("text", "locale", document.documentElement.lang);
  form.appendChild(field(t("console_learning.locale"), locale));
  return {form, title, locale};
}

function editorEnd(pane, form, {saveKey, saveTestid, path, body, backTab}) {
  const save = el("button", "primary", t(saveKey));
  save.type = "submit";
  save.setAttribute("data-testid", saveTestid);
  form.appendChild(save);
  const problem = el("p", "error");
  problem.setAttribute("data-testid", "learning-form-problem");
  form.appendChild(problem);
  form.addEventListener("submit", (ev) => {
    ev.preventDefault();
    problem.textContent = "";
    api("POST", path, body()).then(() => show(backTab))
      .catch((e) => { problem.textContent = e.message; });
  });
  pane.appendChild(form);
}

function courseForm(pane) {
  const {form, title, locale} = editorStart(pane, "courses", "learning-course-form");
  const description = el("textarea");
  description.name = "description";
  description.rows = 2;
  description.dir = "auto";
  form.appendChild(field(t("console_learning.description"), description));

  // The modules, in order; an article is picked among the published ones in the course's
  // language, so that the module follows the article's later revisions.
  const modules = el("ol", "learning-module-edit-list");
  let articles = [];
  const loadArticles = () => api("GET", "/api/v1/kb/articles?limit=100&status=published&locale=" +
    encodeURIComponent(locale.value.trim() || "en")).then((page) => {
    articles = page.items;
    modules.querySelectorAll("select[name=article_id]").forEach(fillArticles);
  }).catch(() => {});
  const fillArticles = (select) => {
    const chosen = select.value;
    select.textContent = "";
    const none = el("option", null, t("console_learning.pick_article"));
    none.value = "";
    select.appendChild(none);
    articles.forEach((a) => {
      const o = el("option", null, a.title + " (" + a.external_id + ")");
      o.value = String(a.id);
      select.appendChild(o);
    });
    select.value = chosen;
  };
  const renumber = () => {
    [...modules.children].forEach((li, n) => {
      li.querySelector("legend").textContent = t("console_learning.module_n", {n: n + 1});
    });
  };
  const addModule = (kind) => {
    const li = el("li", "learning-question-edit");
    li.dataset.kind = kind;
    li.setAttribute("data-testid", "learning-module-edit");
    const legend = el("legend");
    li.appendChild(legend);
    if (kind === "article") {
      const select = el("select");
      select.name = "article_id";
      select.setAttribute("data-testid", "learning-field-article_id");
      fillArticles(select);
      li.appendChild(field(t("console_learning.module_article"), select));
    } else {
      const name = input("text", "module_title", "");
      name.dir = "auto";
      li.appendChild(field(t("console_learning.lesson_title"), name));
      const body = el("textarea");
      body.name = "body";
      body.rows = 5;
      body.dir = "auto";
      body.setAttribute("data-testid", "learning-field-body");
      body.placeholder = t("console_learning.lesson_hint");
      li.appendChild(field(t("console_learning.lesson_body"), body));
    }
    const tools = el("div", "learning-module-tools");
    tools.appendChild(button(t("console_learning.move_up"), "learning-module-up", () => {
      if (li.previousElementSibling) modules.insertBefore(li, li.previousElementSibling);
      renumber();
    }));
    tools.appendChild(button(t("console_learning.move_down"), "learning-module-down", () => {
      if (li.nextElementSibling) modules.insertBefore(li.nextElementSibling, li);
      renumber();
    }));
    tools.appendChild(button(t("console_learning.remove"), "learning-module-remove", () => {
      li.remove();
      renumber();
    }));
    li.appendChild(tools);
    modules.appendChild(li);
    renumber();
  };
  form.appendChild(el("h3", null, t("console_learning.modules")));
  form.appendChild(modules);
  const adders = el("div", "learning-module-tools");
  adders.appendChild(button(t("console_learning.add_article"), "learning-add-article", () => addModule("article")));
  adders.appendChild(button(t("console_learning.add_lesson"), "learning-add-lesson", () => addModule("lesson")));
  form.appendChild(adders);
  locale.addEventListener("change", loadArticles);
  loadArticles();

  const exam = el("select");
  exam.name = "exam_id";
  exam.setAttribute("data-testid", "learning-field-exam_id");
  const noExam = el("option", null, t("console_learning.no_exam"));
  noExam.value = "";
  exam.appendChild(noExam);
  api("GET", "/api/v1/learning/exams").then((exams) => {
    exams.forEach((x) => {
      const o = el("option", null, x.title);
      o.value = String(x.id);
      exam.appendChild(o);
    });
  }).catch(() => {});
  form.appendChild(field(t("console_learning.closing_exam"), exam));

  const who = el("fieldset", "learning-question-edit");
  who.appendChild(el("legend", null, t("console_learning.given_to")));
  state.teams.forEach((team) => who.appendChild(checkbox("team", team.name, team.id)));
  const roles = input("text", "roles", "");
  roles.placeholder = "agent, supervisor";
  who.appendChild(field(t("console_learning.roles"), roles));
  const onboarding = checkbox("onboarding", t("console_learning.onboarding"));
  const managers = checkbox("for_managers", t("console_learning.for_managers"));
  who.appendChild(onboarding);
  who.appendChild(managers);
  const due = input("number", "due_days", 14);
  due.min = "1";
  who.appendChild(field(t("console_learning.due_days"), due));
  form.appendChild(who);

  editorEnd(pane, form, {
    saveKey: "console_learning.save_course", saveTestid: "learning-save-course",
    path: "/api/v1/learning/courses", backTab: "courses",
    body: () => ({
      title: title.value, locale: locale.value.trim() || "en", description: description.value,
      modules: [...modules.children].map((li) => (li.dataset.kind === "article" ?
        {kind: "article", article_id: Number(li.querySelector("[name=article_id]").value) || null} :
        {kind: "lesson", title: li.querySelector("[name=module_title]").value,
          body: li.querySelector("[name=body]").value})),
      exam_id: exam.value ? Number(exam.value) : null,
      team_ids: [...who.querySelectorAll("input[name=team]:checked")].map((b) => Number(b.value)),
      roles: roles.value.split(",").map((r) => r.trim()).filter(Boolean),
      onboarding: onboarding.querySelector("input").checked,
      for_managers: managers.querySelector("input").checked,
      due_days: due.value.trim() === "" ? null : Number(due.value),
    }),
  });
  addModule("article");
}

// -- exams (trainers) -------------------------------------------------------------------------

function loadExams(pane) {
  pane.appendChild(button(t("console_learning.new_exam"), "learning-new-exam", () => examForm(pane), "primary"));
  api("GET", "/api/v1/learning/exams?all=true").then((exams) => {
    const table = el("table", "learning-table");
    table.setAttribute("data-testid", "learning-exam-list");
    const head = el("tr");
    ["console_learning.exam", "console_learning.questions", "console_learning.pass_mark",
      "console_learning.skills", "console_learning.valid_days"].forEach((k) => head.appendChild(el("th", null, t(k))));
    head.appendChild(el("th"));
    table.appendChild(head);
    exams.forEach((x) => {
      const tr = el("tr", x.archived ? "muted" : null);
      const title = el("td", null, x.title + (x.archived ? " · " + t("console_learning.archived") : ""));
      title.dir = "auto";
      tr.appendChild(title);
      tr.appendChild(el("td", "num", t("console_learning.draw_of", {draw: x.draw, count: x.question_count})));
      tr.appendChild(el("td", "num", formatNumber(x.pass_mark)));
      tr.appendChild(el("td", null, x.grants_skills.concat(x.grants_languages).join(", ") || "–"));
      tr.appendChild(el("td", "num", x.valid_days ? formatNumber(x.valid_days) : t("console_learning.never")));
      const td = el("td");
      if (!x.archived) {
        td.appendChild(button(t("console_learning.archive"), "learning-archive", () => {
          api("PATCH", "/api/v1/learning/exams/" + x.id, {archived: true}).then(() => show("exams")).catch(failed(pane));
        }));
      }
      tr.appendChild(td);
      table.appendChild(tr);
    });
    pane.appendChild(table);
  }).catch(failed(pane));
}

function examForm(pane) {
  const {form, title, locale} = editorStart(pane, "exams", "learning-exam-form");
  const mark = input("number", "pass_mark", 80);
  const minutes = input("number", "time_limit_minutes", 30);
  const draw = input("number", "draw", "");
  const attempts = input("number", "attempts", 3);
  const cooldown = input("number", "cooldown_minutes", 60);
  const valid = input("number", "valid_days", 365);
  const skills = input("text", "grants_skills", "");
  [[mark, "console_learning.pass_mark"], [minutes, "console_learning.time_limit"],
    [draw, "console_learning.draw"], [attempts, "console_learning.attempts"],
    [cooldown, "console_learning.cooldown"], [valid, "console_learning.valid_days"],
    [skills, "console_learning.grants_skills"]].forEach(([i, k]) => form.appendChild(field(t(k), i)));
  const questions = el("div", "learning-questions");
  form.appendChild(questions);
  const addQuestion = () => {
    const box = el("fieldset", "learning-question-edit");
    box.setAttribute("data-testid", "learning-question-edit");
    box.appendChild(el("legend", null, t("console_learning.question_n", {n: questions.children.length + 1})));
    const prompt = el("textarea");
    prompt.name = "prompt";
    prompt.rows = 2;
    prompt.dir = "auto";
    box.appendChild(field(t("console_learning.prompt"), prompt));
    const kind = el("select");
    kind.name = "kind";
    Object.entries(KINDS).forEach(([value, key]) => {
      const o = el("option", null, t(key));
      o.value = value;
      kind.appendChild(o);
    });
    box.appendChild(field(t("console_learning.kind"), kind));
    const choices = el("textarea");
    choices.name = "choices";
    choices.rows = 3;
    choices.dir = "auto";
    choices.placeholder = t("console_learning.choices_hint");
    box.appendChild(field(t("console_learning.choices"), choices));
    const rubric = el("textarea");
    rubric.name = "rubric";
    rubric.rows = 2;
    rubric.dir = "auto";
    rubric.placeholder = t("console_learning.rubric_hint");
    box.appendChild(field(t("console_learning.rubric_label"), rubric));
    const correct = input("text", "correct", "1");
    correct.title = t("console_learning.correct_hint");
    box.appendChild(field(t("console_learning.correct"), correct));
    const topic = input("text", "topic", "");
    box.appendChild(field(t("console_learning.topic"), topic));
    const article = input("number", "article_id", "");
    box.appendChild(field(t("console_learning.article_id"), article));
    questions.appendChild(box);
  };
  addQuestion();
  form.appendChild(button(t("console_learning.add_question"), "learning-add-question", addQuestion));
  const number = (i) => (i.value.trim() === "" ? null : Number(i.value));
  editorEnd(pane, form, {
    saveKey: "console_learning.save_exam", saveTestid: "learning-save-exam",
    path: "/api/v1/learning/exams", backTab: "exams",
    body: () => ({
      title: title.value, locale: locale.value, pass_mark: number(mark),
      time_limit_minutes: number(minutes), draw: number(draw), attempts: number(attempts),
      cooldown_minutes: number(cooldown) || 0, valid_days: number(valid),
      grants_skills: skills.value.split(",").map((s) => s.trim()).filter(Boolean),
      questions: [...questions.children].map((box) => {
        const get = (name) => box.querySelector('[name="' + name + '"]');
        const kind = get("kind").value;
        const written = kind === "text" || kind === "simulation";
        const choices = get("choices").value.split("\n").map((s) => s.trim()).filter(Boolean);
        // People count choices from 1; the API from 0.
        const correct = get("correct").value.split(/[,\s]+/).filter(Boolean).map((s) => Number(s) - 1);
        return {
          prompt: get("prompt").value, kind,
          choices: written || (kind === "true_false" && !choices.length) ? [] : choices,
          correct: written ? null : correct,
          rubric: written ? get("rubric").value : "",
          topic: get("topic").value, article_id: number(get("article_id")),
        };
      }),
    }),
  });
}

// -- grading (trainers) -----------------------------------------------------------------------

function loadGrading(pane) {
  api("GET", "/api/v1/learning/attempts?status=grading").then((attempts) => {
    if (!attempts.length) { pane.appendChild(el("p", "muted", t("console_learning.nothing_to_grade"))); return; }
    attempts.forEach((a) => {
      api("GET", "/api/v1/learning/exams/" + a.exam_id).then((exam) => {
        const rubric = {};
        (exam.questions || []).forEach((q) => { rubric[q.id] = q.rubric; });
        const box = el("form", "learning-grade");
        box.setAttribute("data-testid", "learning-grade");
        const h = el("h3", null, agentName(a.agent_id) + " · " + exam.title);
        h.dir = "auto";
        box.appendChild(h);
        const points = {};
        a.questions.filter((q) => q.kind === "text" || q.kind === "simulation").forEach((q) => {
          const p = el("p", "learning-prompt", q.prompt);
          p.dir = "auto";
          box.appendChild(p);
          const answer = el("blockquote", null, (a.answers || {})[q.id] || "–");
          answer.dir = "auto";
          box.appendChild(answer);
          if (rubric[q.id]) box.appendChild(el("p", "muted", t("console_learning.rubric", {rubric: rubric[q.id]})));
          const score = input("number", "points-" + q.id, "");
          score.min = "0";
          score.max = "1";
          score.step = "0.25";
          points[q.id] = score;
          box.appendChild(field(t("console_learning.points"), score));
        });
        const save = el("button", "primary", t("console_learning.grade"));
        save.type = "submit";
        box.appendChild(save);
        box.addEventListener("submit", (ev) => {
          ev.preventDefault();
          const given = {};
          Object.entries(points).forEach(([id, i]) => { if (i.value !== "") given[id] = Number(i.value); });
          api("POST", "/api/v1/learning/attempts/" + a.id + "/grade", {points: given})
            .then(() => show("grading")).catch((e) => box.appendChild(el("p", "error", e.message)));
        });
        pane.appendChild(box);
      }).catch(failed(pane));
    });
  }).catch(failed(pane));
}

// -- report -----------------------------------------------------------------------------------

function loadReport(pane) {
  const exams = el("figure", "learning-chart");
  exams.setAttribute("data-testid", "learning-chart");
  const hours = el("figure", "learning-chart");
  hours.setAttribute("data-testid", "learning-rotation-chart");
  pane.appendChild(el("h2", null, t("console_learning.exams")));
  pane.appendChild(exams);
  const hard = el("div");
  pane.appendChild(hard);
  const lapsing = el("div");
  pane.appendChild(lapsing);
  pane.appendChild(el("h2", null, t("console_learning.rotation")));
  pane.appendChild(hours);
  const rotationTable = el("div");
  pane.appendChild(rotationTable);
  api("GET", "/api/v1/learning/report").then((r) => {
    drawChart(exams, {
      title: t("console_learning.exams_chart"),
      categoryName: t("console_learning.exam"),
      labels: r.exams.map((x) => x.title),
      series: [
        {name: t("console_learning.pass_rate"), kind: "bar",
          values: r.exams.map((x) => (x.pass_rate === null ? null : Math.round(x.pass_rate * 1000) / 10))},
        {name: t("console_learning.average_score"), kind: "points", values: r.exams.map((x) => x.average_score)},
      ],
    });
    if (r.hardest_questions.length) {
      hard.appendChild(el("h3", null, t("console_learning.hardest")));
      const table = el("table", "learning-table");
      table.setAttribute("data-testid", "learning-hardest");
      r.hardest_questions.forEach((q) => {
        const tr = el("tr");
        const prompt = el("td", null, q.prompt);
        prompt.dir = "auto";
        tr.appendChild(prompt);
        tr.appendChild(el("td", null, q.topic || "–"));
        tr.appendChild(el("td", "num", Math.round(q.miss_rate * 100) + " %"));
        tr.appendChild(el("td", "num", t("console_learning.missed_of", {missed: q.missed, asked: q.asked})));
        table.appendChild(tr);
      });
      hard.appendChild(table);
    }
    lapsing.appendChild(el("h3", null, t("console_learning.lapsing", {days: r.lapsing_days})));
    if (!r.lapsing.length) lapsing.appendChild(el("p", "muted", t("console_learning.none_lapsing")));
    const ul = el("ul", "learning-list");
    ul.setAttribute("data-testid", "learning-lapsing");
    r.lapsing.forEach((x) => {
      const li = el("li", null, agentName(x.agent_id) + " · " + x.exam_title + " · " + when(x.ends_at) +
        (x.recheck ? " · " + t("console_learning.recheck") : ""));
      li.dir = "auto";
      ul.appendChild(li);
    });
    lapsing.appendChild(ul);
  }).catch(failed(pane));
  api("GET", "/api/v1/learning/rotation").then((r) => {
    drawChart(hours, {
      title: t("console_learning.rotation_chart", {quarter: r.quarter}),
      categoryName: t("console_learning.manager"),
      labels: r.managers.map((m) => m.name),
      series: [
        {name: t("console_learning.hours"), kind: "bar", values: r.managers.map((m) => m.hours)},
        {name: t("console_learning.target_min"), kind: "line", values: r.managers.map(() => r.target_min_hours)},
        {name: t("console_learning.target_max"), kind: "line", values: r.managers.map(() => r.target_max_hours)},
      ],
    });
    const table = el("table", "learning-table");
    table.setAttribute("data-testid", "learning-rotation");
    r.managers.forEach((m) => {
      const tr = el("tr");
      tr.appendChild(el("td", null, m.name));
      tr.appendChild(el("td", "num", t("console_learning.hours_value", {hours: formatNumber(m.hours)})));
      tr.appendChild(el("td", m.status === "below" ? "error" : null, t(ROTATION[m.status])));
      tr.appendChild(el("td", null, m.full_day ? t("console_learning.full_day_on", {day: m.full_day}) : t("console_learning.no_full_day")));
      table.appendChild(tr);
    });
    rotationTable.appendChild(table);
  }).catch(() => {});
}

export default {
  name: "learning",
  section: "learning",
  toggle: "learning-toggle",
  mount() {},
  show() { show(tab || "mine"); },
  hide() { stopTicking(); },
};
