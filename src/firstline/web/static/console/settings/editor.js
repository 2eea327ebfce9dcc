// The settings area's one editor: a list of rows with Add / Edit / Delete, or one document
// with Save, both built from a spec of columns and fields. Every write goes to the REST API,
// so a setting is checked by the same action whether it comes from here, a script or the CLI,
// and a refusal shows the server's sentence next to the form.
//
//   listEditor({
//     title, intro,                          texts (already translated)
//     canEdit: (me) => bool,                 who may change it (the API decides in the end)
//     load: () => Promise<rows>,
//     columns: [{label, text: (row) => string}],
//     fields: [field, ...],                  see `field` below
//     create: (body) => Promise, update: (row, body) => Promise, remove: (row) => Promise,
//     actions: [{label, testid, fields, submit: (row, body) => Promise, done: (result) => string}],
//     describe: (row) => string,             the row in a sentence ("Team Spot VI")
//   })
//   documentEditor({title, intro, canEdit, load: () => Promise<doc>, fields, save: (body) => Promise})
//
// A field: {name, label, type, help, required, options, min, max, step, placeholder, dir,
//   create: false (not asked when adding), edit: false (not changed afterwards),
//   perm: "agents.manage" (only holders may change it), value: (row) => form value,
//   parse: (form value) => API value}
// Types: text, email, password, number, textarea, select, checkbox, multi (check boxes),
// languages, teams, list (comma-separated words), json, calendar (business hours or 24/7),
// duration (seconds, typed as an amount and a unit; `units` from "second", "minute", "hour",
// "day", default minutes to days; `unit` the one a new value starts in).
// What people type keeps its own direction in a right-to-left console: text boxes are
// dir="auto"; e-mail, password and JSON boxes, and fields with `dir: "ltr"` (URLs, shortcuts,
// codes), are left-to-right. Table cells holding text are isolated the same way.
import {$, el, toast} from "../dom.js";
import {language, t} from "../i18n.js";
import {can, me, state} from "../state.js";

let counter = 0;

// The product's languages, each under its own name, as the top bar's language menu lists them.
export function languageOptions() {
  const menu = $("ui-language");
  return menu ? Array.from(menu.options).map((o) => [o.value, o.textContent]) : [];
}

export function languageName(code) {
  const found = languageOptions().find((o) => o[0] === code);
  return found ? found[1] : code;
}

export function teamName(id) {
  const team = state.teams.find((x) => x.id === id);
  return team ? team.name : "#" + id;
}

function optionsOf(field) {
  if (field.type === "languages") return languageOptions();
  if (field.type === "teams") return state.teams.map((x) => [x.id, x.name]);
  return typeof field.options === "function" ? field.options() : field.options || [];
}

const WEEKDAYS = [0, 1, 2, 3, 4, 5, 6];

// Monday is 0, as the API counts; 2024-01-01 was a Monday.
export function weekdayName(day, style) {
  return new Intl.DateTimeFormat(language, {weekday: style || "short", timeZone: "UTC"})
    .format(new Date(Date.UTC(2024, 0, 1 + day)));
}

export function calendarText(calendar) {
  if (!calendar) return t("settings.calendar.always");
  const days = (calendar.days || []).map((d) => weekdayName(d)).join(" ");
  return t("settings.calendar.summary", {days, start: calendar.start, end: calendar.end, timezone: calendar.timezone});
}

function checkList(options, chosen, testid) {
  const box = el("div", "check-list");
  box.setAttribute("data-testid", testid);
  options.forEach((o) => {
    const label = el("label", "check");
    const input = el("input");
    input.type = "checkbox";
    input.value = String(o[0]);
    input.checked = chosen.map(String).indexOf(String(o[0])) >= 0;
    label.appendChild(input);
    label.appendChild(document.createTextNode(" " + o[1]));
    box.appendChild(label);
  });
  return box;
}

function checked(box) {
  return Array.from(box.querySelectorAll("input:checked")).map((i) => i.value);
}

// One field's input, and how to read it back: {node, read(): value}. `read` throws an Error
// with a sentence when what is typed cannot be a value of the field.
function input(field, value) {
  const id = "setting-" + (++counter);
  const testid = "settings-field-" + field.name;
  let control;
  let read;
  switch (field.type) {
    case "textarea":
    case "json": {
      control = el("textarea");
      control.rows = field.rows || (field.type === "json" ? 8 : 4);
      if (field.type === "json") {
        control.value = value === null || value === undefined ? "" : JSON.stringify(value, null, 2);
        control.classList.add("code");
        control.dir = "ltr";
        read = () => {
          const text = control.value.trim();
          if (!text) return null;
          try {
            return JSON.parse(text);
          } catch (e) {
            throw new Error(t("settings.invalid_json", {field: field.label}));
          }
        };
      } else {
        control.value = value === null || value === undefined ? "" : String(value);
        control.dir = field.dir || "auto";
        read = () => control.value;
      }
      break;
    }
    case "select": {
      control = el("select");
      optionsOf(field).forEach((o) => {
        const opt = el("option", null, o[1]);
        opt.value = o[0] === null ? "" : String(o[0]);
        control.appendChild(opt);
      });
      control.value = value === null || value === undefined ? "" : String(value);
      read = () => control.value;
      break;
    }
    case "checkbox": {
      control = el("input");
      control.type = "checkbox";
      control.checked = !!value;
      read = () => control.checked;
      break;
    }
    case "multi":
    case "languages":
    case "teams": {
      control = checkList(optionsOf(field), value || [], testid);
      read = () => {
        const values = checked(control);
        return field.type === "teams" ? values.map(Number) : values;
      };
      break;
    }
    case "calendar":
      return calendarInput(field, value, testid);
    case "duration":
      return durationInput(field, value, testid, id);
    case "number": {
      control = el("input");
      control.type = "number";
      if (field.min !== undefined) control.min = field.min;
      if (field.max !== undefined) control.max = field.max;
      control.step = field.step || 1;
      control.value = value === null || value === undefined ? "" : String(value);
      read = () => {
        if (control.value === "") return null;
        const n = Number(control.value);
        if (!Number.isFinite(n)) throw new Error(t("settings.invalid_number", {field: field.label}));
        return n;
      };
      break;
    }
    case "list": {
      control = el("input");
      control.value = (value || []).join(", ");
      control.dir = field.dir || "auto";
      read = () => control.value.split(",").map((s) => s.trim()).filter(Boolean);
      break;
    }
    default: {
      control = el("input");
      control.type = field.type === "email" || field.type === "password" ? field.type : "text";
      if (field.type === "password") control.autocomplete = "new-password";
      control.dir = field.dir || (field.type === "email" || field.type === "password" ? "ltr" : "auto");
      control.value = value === null || value === undefined ? "" : String(value);
      read = () => control.value.trim();
    }
  }
  control.id = id;
  if (!control.getAttribute("data-testid")) control.setAttribute("data-testid", testid);
  if (field.placeholder && "placeholder" in control) control.placeholder = field.placeholder;
  if (field.required && "required" in control && field.type !== "checkbox") control.required = true;
  return {node: control, read, id};
}

// Business hours: "open all the time", or a time zone, the days and the hours of a day.
function calendarInput(field, value, testid) {
  const box = el("div", "calendar-input");
  box.setAttribute("data-testid", testid);
  const always = el("label", "check");
  const alwaysBox = el("input");
  alwaysBox.type = "checkbox";
  alwaysBox.checked = !value;
  alwaysBox.setAttribute("data-testid", testid + "-always");
  always.appendChild(alwaysBox);
  always.appendChild(document.createTextNode(" " + t("settings.calendar.always")));
  box.appendChild(always);
  const hours = el("div", "calendar-hours");
  const zone = el("input");
  zone.value = value ? value.timezone : (Intl.DateTimeFormat().resolvedOptions().timeZone || "UTC");
  zone.setAttribute("data-testid", testid + "-timezone");
  zone.dir = "ltr";
  const zoneLabel = el("label", null, t("settings.calendar.timezone") + " ");
  zoneLabel.appendChild(zone);
  const days = checkList(WEEKDAYS.map((d) => [d, weekdayName(d)]), value ? value.days : [0, 1, 2, 3, 4],
    testid + "-days");
  const start = el("input");
  start.type = "time";
  start.value = value ? value.start : "09:00";
  start.setAttribute("data-testid", testid + "-start");
  const end = el("input");
  end.type = "time";
  end.value = value ? value.end : "18:00";
  end.setAttribute("data-testid", testid + "-end");
  const from = el("label", null, t("settings.calendar.from") + " ");
  from.appendChild(start);
  const to = el("label", null, t("settings.calendar.to") + " ");
  to.appendChild(end);
  [zoneLabel, days, from, to].forEach((n) => { hours.appendChild(n); });
  box.appendChild(hours);
  const sync = () => { hours.hidden = alwaysBox.checked; };
  alwaysBox.addEventListener("change", sync);
  sync();
  return {
    node: box,
    id: null,
    read: () => (alwaysBox.checked ? null : {
      timezone: zone.value.trim(),
      days: checked(days).map(Number),
      start: start.value,
      end: end.value,
    }),
  };
}

const UNIT_SECONDS = {second: 1, minute: 60, hour: 3600, day: 86400};

// A unit's name in the console's language for `amount` of it ("minute" for 1, "minutes" for
// 2, "دقيقتان" for two in Arabic), from the browser's own unit formatting so no catalog has to
// spell it; without an amount, the form for five (the plain plural in Arabic and Russian too).
function unitName(unit, amount) {
  const n = Number.isFinite(amount) && amount >= 0 ? amount : 5;
  try {
    const parts = new Intl.NumberFormat(language, {style: "unit", unit, unitDisplay: "long", maximumFractionDigits: 3})
      .formatToParts(n);
    const name = parts.filter((p) => p.type === "unit").map((p) => p.value).join("").trim();
    return name || unit;
  } catch (e) {
    return unit;
  }
}

// The unit a length of time reads in: the largest of `units` it is a whole number of
// (60 seconds is "1 minute", 7200 "2 hours", 90 "90 seconds").
export function durationUnit(seconds, units) {
  const all = units || ["minute", "hour", "day"];
  return all.filter((u) => seconds % UNIT_SECONDS[u] === 0).pop() || all[0];
}

// A configured length of time as the settings forms show it, so that a table and its form
// agree: "1 minute", "2 hours", "90 seconds", with the locale's singular and plural.
export function durationText(seconds, units) {
  if (seconds === null || seconds === undefined) return "–";
  const unit = durationUnit(seconds, units || ["second", "minute", "hour", "day"]);
  const n = seconds / UNIT_SECONDS[unit];
  try {
    return new Intl.NumberFormat(language, {style: "unit", unit, unitDisplay: "long", maximumFractionDigits: 3}).format(n);
  } catch (e) {
    return n + " " + unit;
  }
}

// A length of time in seconds as an amount and a unit, the largest unit it is a whole number
// of ("2 hours" rather than "7200 seconds"), as durationText shows it in the table. The unit
// names follow the amount typed ("1 minute", "2 minutes").
function durationInput(field, value, testid, id) {
  const units = field.units || ["minute", "hour", "day"];
  const box = el("div", "duration-input");
  box.setAttribute("data-testid", testid);
  const amount = el("input");
  amount.type = "number";
  amount.id = id;
  amount.min = 0;
  amount.step = "any";
  amount.style.width = "8em";
  amount.setAttribute("data-testid", testid + "-amount");
  const unit = el("select");
  unit.setAttribute("data-testid", testid + "-unit");
  unit.setAttribute("aria-label", field.label);
  units.forEach((u) => {
    const opt = el("option");
    opt.value = u;
    unit.appendChild(opt);
  });
  let chosen = field.unit || units[0];
  if (value !== null && value !== undefined) {
    chosen = durationUnit(value, units);
    amount.value = String(value / UNIT_SECONDS[chosen]);
  }
  unit.value = chosen;
  const name = () => {
    const n = amount.value.trim() === "" ? NaN : Number(amount.value);
    Array.prototype.forEach.call(unit.options, (opt) => { opt.textContent = unitName(opt.value, n); });
  };
  name();
  amount.addEventListener("input", name);
  box.appendChild(amount);
  box.appendChild(document.createTextNode(" "));
  box.appendChild(unit);
  return {
    node: box,
    id,
    read: () => {
      if (amount.value.trim() === "") return null;
      const n = Number(amount.value);
      if (!Number.isFinite(n) || n < 0) throw new Error(t("settings.invalid_number", {field: field.label}));
      return Math.round(n * UNIT_SECONDS[unit.value]);
    },
  };
}

function same(a, b) { return JSON.stringify(a) === JSON.stringify(b); }

// A field with `perm` changes only for those who hold it (the server checks it as well).
function mayChange(field) { return !field.perm || can(field.perm); }

// A form for `fields` over `row` (null: a new one). `submit(body)` gets what was typed, parsed,
// and on an edit only what changed; a refusal shows its sentence in the form.
function form(fields, row, {title, submitLabel, submit, cancel, testid}) {
  const node = el("form", "settings-form");
  node.setAttribute("data-testid", testid || "settings-form");
  node.noValidate = true;
  if (title) node.appendChild(el("h3", null, title));
  const inputs = [];
  fields.forEach((field) => {
    if (row === null && field.create === false) return;
    if (row !== null && (field.edit === false || !mayChange(field))) return;
    const initial = row === null ? (field.initial !== undefined ? field.initial : null) :
      field.value ? field.value(row) : row[field.name];
    const made = input(field, initial);
    const wrap = el("div", "settings-field" + (field.type === "checkbox" ? " inline" : ""));
    const label = el("label", null, field.label);
    if (made.id) label.htmlFor = made.id;
    if (field.type === "checkbox") { wrap.appendChild(made.node); wrap.appendChild(label); } else {
      wrap.appendChild(label);
      wrap.appendChild(made.node);
    }
    if (field.help) wrap.appendChild(el("p", "help muted", field.help));
    node.appendChild(wrap);
    inputs.push({field, made, initial});
  });
  const error = el("p", "form-error");
  error.setAttribute("role", "alert");
  error.setAttribute("data-testid", "settings-error");
  error.hidden = true;
  node.appendChild(error);
  const buttons = el("div", "settings-buttons");
  const save = el("button", "primary", submitLabel || t("settings.save"));
  save.type = "submit";
  save.setAttribute("data-testid", "settings-save");
  buttons.appendChild(save);
  if (cancel) {
    const back = el("button", null, t("settings.cancel"));
    back.type = "button";
    back.setAttribute("data-testid", "settings-cancel");
    back.addEventListener("click", cancel);
    buttons.appendChild(back);
  }
  node.appendChild(buttons);
  node.addEventListener("submit", (event) => {
    event.preventDefault();
    error.hidden = true;
    const body = {};
    try {
      inputs.forEach(({field, made, initial}) => {
        let value = made.read();
        if (field.type === "select" && value === "" && !field.required) value = null;
        if (field.required && (value === null || value === "" || (Array.isArray(value) && !value.length))) {
          throw new Error(t("settings.required", {field: field.label}));
        }
        if (field.parse) value = field.parse(value);
        const before = field.parse ? field.parse(initial) : initial;
        if (row === null) {
          if (value !== null && value !== "") body[field.name] = value;
        } else if (!same(value, before)) {
          body[field.name] = value;
        }
      });
    } catch (e) {
      error.textContent = e.message;
      error.hidden = false;
      return;
    }
    save.disabled = true;
    Promise.resolve(submit(body)).catch((e) => {
      error.textContent = e.message;
      error.hidden = false;
    }).finally(() => { save.disabled = false; });
  });
  return node;
}

function header(root, spec, editable) {
  const head = el("header", "settings-head");
  head.appendChild(el("h2", null, spec.title));
  root.appendChild(head);
  if (spec.intro) root.appendChild(el("p", "settings-intro muted", spec.intro));
  if (!editable) {
    const note = el("p", "settings-readonly", spec.readOnlyNote || t("settings.read_only"));
    note.setAttribute("data-testid", "settings-read-only");
    root.appendChild(note);
  }
  return head;
}

function failure(root, e) {
  const p = el("p", "form-error", e.message);
  p.setAttribute("role", "alert");
  root.appendChild(p);
}

// A delete button that asks once more on the spot rather than in a browser dialog.
function deleteButton(onConfirm) {
  const button = el("button", "danger", t("settings.delete"));
  button.type = "button";
  button.setAttribute("data-testid", "settings-delete");
  let armed = null;
  button.addEventListener("click", () => {
    if (!armed) {
      button.textContent = t("settings.confirm_delete");
      button.classList.add("armed");
      armed = setTimeout(() => {
        armed = null;
        button.textContent = t("settings.delete");
        button.classList.remove("armed");
      }, 5000);
      return;
    }
    clearTimeout(armed);
    armed = null;
    button.disabled = true;
    onConfirm().finally(() => { button.disabled = false; });
  });
  return button;
}

export function listEditor(spec) {
  return function render(root) {
    const editable = spec.canEdit ? spec.canEdit(me) : false;
    root.textContent = "";
    const head = header(root, spec, editable);
    const slot = el("div", "settings-form-slot");
    const table = el("table", "settings-table");
    table.setAttribute("data-testid", "settings-table");
    const reload = () => render(root);
    const closeForm = () => { slot.textContent = ""; };
    const openForm = (row, action) => {
      slot.textContent = "";
      const fields = action ? action.fields : spec.fields;
      const title = action ? action.label + " · " + spec.describe(row) :
        row === null ? spec.addTitle || spec.addLabel || t("settings.add") : t("settings.edit_title", {what: spec.describe(row)});
      const node = form(fields, action ? null : row, {
        title,
        submitLabel: action ? action.submitLabel : undefined,
        cancel: closeForm,
        testid: action ? "settings-action-form" : "settings-form",
        submit: (body) => {
          if (!action && row !== null && !Object.keys(body).length) { closeForm(); return null; }
          const call = action ? action.submit(row, body) : row === null ? spec.create(body) : spec.update(row, body);
          return call.then((result) => {
            toast(action && action.done ? action.done(result) : t("settings.saved"));
            if (action && action.keepOpen) {
              slot.textContent = "";
              slot.appendChild(action.keepOpen(result));
              return;
            }
            reload();
          });
        },
      });
      slot.appendChild(node);
      const first = node.querySelector("input, select, textarea");
      if (first) first.focus();
      slot.scrollIntoView({block: "nearest"});
    };
    if (editable && spec.create) {
      const add = el("button", "primary", spec.addLabel || t("settings.add"));
      add.type = "button";
      add.setAttribute("data-testid", "settings-add");
      add.addEventListener("click", () => { openForm(null); });
      head.appendChild(add);
    }
    root.appendChild(slot);
    root.appendChild(table);
    spec.load().then((rows) => {
      const thead = el("thead");
      const tr = el("tr");
      spec.columns.forEach((c) => {
        const th = el("th", null, c.label);
        // Two or three words stay on one line; a longer header may wrap, at least 6em wide.
        if (String(c.label).length <= 18) th.classList.add("short");
        tr.appendChild(th);
      });
      if (editable) tr.appendChild(el("th", null, ""));
      thead.appendChild(tr);
      table.appendChild(thead);
      const tbody = el("tbody");
      if (!rows.length) {
        const empty = el("td", "muted", spec.empty || t("settings.empty"));
        empty.colSpan = spec.columns.length + 1;
        const row = el("tr");
        row.appendChild(empty);
        tbody.appendChild(row);
      }
      rows.forEach((row) => {
        const line = el("tr");
        line.setAttribute("data-testid", "settings-row");
        spec.columns.forEach((c) => {
          const cell = el("td", c.className || null);
          const value = c.text(row);
          if (value instanceof Node) cell.appendChild(value);
          else if (c.className === "ltr") cell.textContent = value === null || value === undefined ? "" : String(value);
          else {
            // A name, a title or a reply as it was written, in its own direction.
            const text = el("span", "cell-text", value === null || value === undefined ? "" : String(value));
            text.dir = "auto";
            cell.appendChild(text);
          }
          line.appendChild(cell);
        });
        if (editable) {
          const cell = el("td", "settings-actions");
          if (spec.update) {
            const edit = el("button", null, t("settings.edit"));
            edit.type = "button";
            edit.setAttribute("data-testid", "settings-edit");
            edit.addEventListener("click", () => { openForm(row); });
            cell.appendChild(edit);
          }
          (spec.actions || []).forEach((action) => {
            if (action.perm && !can(action.perm)) return;
            if (action.when && !action.when(row)) return;
            const b = el("button", null, action.label);
            b.type = "button";
            b.setAttribute("data-testid", action.testid);
            b.addEventListener("click", () => {
              if (action.fields) { openForm(row, action); return; }
              action.submit(row, {}).then((result) => {
                toast(action.done ? action.done(result) : t("settings.saved"));
                if (action.keepOpen) { slot.textContent = ""; slot.appendChild(action.keepOpen(result)); } else reload();
              }).catch((e) => { toast(e.message); });
            });
            cell.appendChild(b);
          });
          if (spec.remove && (!spec.mayRemove || spec.mayRemove(row))) {
            cell.appendChild(deleteButton(() => spec.remove(row).then(() => {
              toast(t("settings.deleted", {what: spec.describe(row)}));
              reload();
            }).catch((e) => { toast(e.message); })));
          }
          line.appendChild(cell);
        }
        tbody.appendChild(line);
      });
      table.appendChild(tbody);
    }).catch((e) => { failure(root, e); });
  };
}

export function documentEditor(spec) {
  return function render(root) {
    const editable = spec.canEdit ? spec.canEdit(me) : false;
    root.textContent = "";
    header(root, spec, editable);
    spec.load().then((doc) => {
      const fields = editable ? spec.fields : spec.fields.map((f) => Object.assign({}, f, {perm: "-"}));
      if (!editable) {
        const list = el("dl", "settings-document");
        spec.fields.forEach((f) => {
          list.appendChild(el("dt", null, f.label));
          const value = f.value ? f.value(doc) : doc[f.name];
          list.appendChild(el("dd", null, f.show ? f.show(value, doc) : value === null || value === undefined ? "–" :
            typeof value === "object" ? JSON.stringify(value) : String(value)));
        });
        root.appendChild(list);
        return;
      }
      root.appendChild(form(fields, doc, {
        submit: (body) => {
          if (!Object.keys(body).length) { toast(t("settings.nothing_changed")); return null; }
          return spec.save(body, doc).then(() => { toast(t("settings.saved")); render(root); });
        },
      }));
    }).catch((e) => { failure(root, e); });
  };
}
