// ICU MessageFormat in the browser: the one client formatter, used by the console
// (console/i18n.js, over the console catalog) and the chat widget (chat.js, over the chat
// catalog). The server puts a catalog in the page (locales/<language>/<domain>.json, English
// filling any gap) and the script formats its patterns here, with the browser's CLDR plural
// rules (Intl.PluralRules) and number and date formats, as ICU does on the server.
//
//   const {t} = formatter("ru", {wait_minutes: "{minutes, plural, one {# минута} ...}"});
//   t("wait_minutes", {minutes: 21})  -> "21 минута"
//
// Patterns are ICU MessageFormat, the subset the catalogs use: `{name}` (a number is written
// the locale's way), `{n, number}`, `{d, date|time[, short|medium|long|full]}`,
// `{n, plural, =0 {...} one {...} other {...}}` with `#` and `offset:`, `{n, selectordinal,
// ...}`, `{x, select, a {...} other {...}}`, and ICU's apostrophes ('' is one apostrophe;
// '{' starts quoted text). This module imports nothing and touches no page.

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

const RTL = ["ar", "he", "fa", "ur"];

// `t(key, args)` over one catalog (message name -> pattern) in `language`, and the language's
// number format. A key the catalog does not have reads as itself, so a missing text shows
// where it is missing; a pattern that does not parse reads as written.
export function formatter(language, messages) {
  // In a right-to-left language every text argument is set apart (Unicode isolates, as the
  // server's core.i18n.isolate does), so an e-mail or "5 USD" inside Arabic keeps its order.
  const rtl = RTL.indexOf(String(language).split("-")[0]) >= 0;
  const parsed = new Map();
  const cache = new Map();

  function cached(kind, options, make) {
    const id = kind + JSON.stringify(options || {});
    let f = cache.get(id);
    if (!f) { f = make(); cache.set(id, f); }
    return f;
  }

  function formatNumber(n, options) {
    return cached("n", options, () => new Intl.NumberFormat(language, options)).format(n);
  }

  function pluralRules(type) {
    return cached("p" + type, null, () => new Intl.PluralRules(language, {type}));
  }

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
    const text = String(value);
    return rtl && text && text.charAt(0) !== "\u2068" ? "\u2068" + text + "\u2069" : text;
  }

  function render(parts, args, hashValue) {
    let out = "";
    parts.forEach((part) => { out += typeof part === "string" ? part : formatArgument(part, args, hashValue); });
    return out;
  }

  function t(key, args) {
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

  return {language, t, formatNumber, cached};
}
