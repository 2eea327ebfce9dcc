// The one door every console text goes through, and the locale's way with numbers, dates and
// durations. The server renders the page in the agent's console language and puts that
// language's catalog (locales/<language>/console.json, English filling any gap) in the page
// as JSON, so t() works from the first line of every module.
//
//   t("inbox.waiting_for", {time: "3 min"})  -> "waiting 3 min" / "chờ 3 phút"
//   t("alerts.new_count", {n: 2})            -> "2 new" ({n, plural, one {# new} other {# new}})
//
// Patterns are ICU MessageFormat, the subset the catalogs use: `{name}` (a number is written
// the locale's way), `{n, number}`, `{d, date|time[, short|medium|long|full]}`,
// `{n, plural, =0 {...} one {...} other {...}}` with `#` and `offset:`, `{n, selectordinal,
// ...}`, `{x, select, a {...} other {...}}`, and ICU's apostrophes ('' is one apostrophe;
// '{' starts quoted text).

const source = document.getElementById("console-messages");
const doc = source ? JSON.parse(source.textContent) : {language: "en", messages: {}};

export const language = doc.language || "en";
export const dir = document.documentElement.dir || "ltr";
const messages = doc.messages || {};
const parsed = new Map();

const cache = new Map();
function cached(kind, options, make) {
  const id = kind + JSON.stringify(options || {});
  let f = cache.get(id);
  if (!f) { f = make(); cache.set(id, f); }
  return f;
}

export function formatNumber(n, options) {
  return cached("n", options, () => new Intl.NumberFormat(language, options)).format(n);
}

function pluralRules(type) {
  return cached("p" + type, null, () => new Intl.PluralRules(language, {type}));
}

// --- the parser: a pattern becomes a list of parts (strings and argument nodes) -----------------

function parse(p) {
  let i = 0;

  function message(inPlural) {
    const parts = [];
    let text = "";
    while (i < p.length) {
      const c = p[i];
      if (c === "'") {
        if (p[i + 1] === "'") { text += "'"; i += 2; continue; }
        if ("{}|".indexOf(p[i + 1]) >= 0 || (inPlural && p[i + 1] === "#")) {
          i += 1;
          while (i < p.length) {
            if (p[i] === "'") {
              if (p[i + 1] === "'") { text += "'"; i += 2; continue; }
              i += 1;
              break;
            }
            text += p[i];
            i += 1;
          }
          continue;
        }
        text += c; i += 1;
      } else if (c === "{") {
        if (text) { parts.push(text); text = ""; }
        i += 1;
        parts.push(argument());
      } else if (c === "}") {
        break;
      } else if (c === "#" && inPlural) {
        if (text) { parts.push(text); text = ""; }
        parts.push({hash: true});
        i += 1;
      } else {
        text += c; i += 1;
      }
    }
    if (text) parts.push(text);
    return parts;
  }

  function skipSpace() { while (i < p.length && /\s/.test(p[i])) i += 1; }

  function word() {
    skipSpace();
    const start = i;
    while (i < p.length && !/[\s,{}]/.test(p[i])) i += 1;
    return p.slice(start, i);
  }

  function argument() {
    const node = {name: word(), type: "", style: ""};
    skipSpace();
    if (p[i] === ",") {
      i += 1;
      node.type = word();
      skipSpace();
      if (p[i] === ",") {
        i += 1;
        if (node.type === "plural" || node.type === "selectordinal" || node.type === "select") {
          node.offset = 0;
          node.options = {};
          for (;;) {
            skipSpace();
            if (i >= p.length || p[i] === "}") break;
            const selector = word();
            if (selector.indexOf("offset:") === 0) {
              node.offset = Number(selector.slice(7) || word());
              continue;
            }
            skipSpace();
            if (p[i] !== "{") throw new Error("bad choice in " + p);
            i += 1;
            node.options[selector] = message(node.type !== "select");
            i += 1;  // the choice's closing brace
          }
        } else {
          const start = i;
          while (i < p.length && p[i] !== "}") i += 1;
          node.style = p.slice(start, i).trim();
        }
      }
    }
    skipSpace();
    i += 1;  // the argument's closing brace
    return node;
  }

  return message(false);
}

// --- formatting ------------------------------------------------------------------------------------

const DATE_STYLES = {short: "short", medium: "medium", long: "long", full: "full"};

function formatArgument(node, args, hashValue) {
  if (node.hash) return hashValue === undefined ? "#" : formatNumber(hashValue);
  const value = args[node.name];
  if (node.options) {
    let choice;
    if (node.type === "select") {
      choice = node.options[String(value)] || node.options.other;
      return choice ? render(choice, args, hashValue) : "";
    }
    const n = Number(value);
    choice = node.options["=" + n];
    if (!choice) {
      const category = pluralRules(node.type === "selectordinal" ? "ordinal" : "cardinal").select(n - node.offset);
      choice = node.options[category] || node.options.other;
    }
    return choice ? render(choice, args, n - node.offset) : "";
  }
  if (value === undefined || value === null) return "{" + node.name + "}";
  if (node.type === "date" || node.type === "time") {
    const style = DATE_STYLES[node.style] || (node.type === "date" ? "medium" : "short");
    const options = node.type === "date" ? {dateStyle: style} : {timeStyle: style};
    return cached("d", options, () => new Intl.DateTimeFormat(language, options)).format(new Date(value));
  }
  if (typeof value === "number" || node.type === "number") {
    const options = node.style === "percent" ? {style: "percent"} : node.style === "integer" ? {maximumFractionDigits: 0} : undefined;
    return formatNumber(Number(value), options);
  }
  return String(value);
}

function render(parts, args, hashValue) {
  let out = "";
  parts.forEach((part) => { out += typeof part === "string" ? part : formatArgument(part, args, hashValue); });
  return out;
}

// The text of message `key` of the console catalog with `args` filled in. A key the catalog
// does not have reads as itself, so a missing text shows where it is missing.
export function t(key, args) {
  let parts = parsed.get(key);
  if (!parts) {
    const pattern = messages[key];
    if (pattern === undefined) return key;
    try {
      parts = parse(pattern);
    } catch (e) {
      parts = [pattern];
    }
    parsed.set(key, parts);
  }
  return render(parts, args || {});
}

// An amount as the API writes it (a decimal string such as "5.00") with its currency code
// after it, the number in the locale's digits and separators, its decimals kept as given:
// "5.00 USD", "5,00 USD", "1 234,50 USDT". A value a double cannot hold exactly (a token
// amount with 18 decimals) is shown as it came.
export function formatAmount(amount, currency) {
  const text = String(amount);
  const n = Number(text);
  const decimals = (text.split(".")[1] || "").length;
  const digits = text.replace(/[^0-9]/g, "").replace(/^0+/, "").length;
  const number = !isFinite(n) || digits > 15 ? text :
    formatNumber(n, {minimumFractionDigits: decimals, maximumFractionDigits: decimals});
  return currency ? number + " " + currency : number;
}

// --- dates and durations ---------------------------------------------------------------------------

// A moment, short: "Dec 2, 14:05" / "2 thg 12, 14:05" / "٢ ديسمبر، ١٤:٠٥".
export function formatMoment(value) {
  const d = new Date(value);
  if (isNaN(d)) return "";
  const options = {month: "short", day: "numeric", hour: "2-digit", minute: "2-digit"};
  return cached("m", options, () => new Intl.DateTimeFormat(language, options)).format(d);
}

// A length of time in the largest unit that keeps it readable: "45 sec", "12 min", "1.5 hr",
// "3 days", each in the locale's words.
export function formatDuration(seconds) {
  const s = Math.abs(Math.round(seconds));
  if (s < 90) return formatNumber(s, {style: "unit", unit: "second", unitDisplay: "short"});
  if (s < 5400) return formatNumber(Math.round(s / 60), {style: "unit", unit: "minute", unitDisplay: "short"});
  if (s < 172800) {
    return formatNumber(Math.round(s / 360) / 10, {style: "unit", unit: "hour", unitDisplay: "short", maximumFractionDigits: 1});
  }
  return formatNumber(Math.round(s / 86400), {style: "unit", unit: "day", unitDisplay: "long"});
}
