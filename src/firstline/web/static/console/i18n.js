// The one door every console text goes through, and the locale's way with numbers, dates and
// durations. The server renders the page in the agent's console language and puts that
// language's catalog (locales/<language>/console.json, English filling any gap) in the page
// as JSON, so t() works from the first line of every module.
//
//   t("inbox.waiting_for", {time: "3 min"})  -> "waiting 3 min" / "chờ 3 phút"
//   t("alerts.new_count", {n: 2})            -> "2 new" ({n, plural, one {# new} other {# new}})
//
// The patterns are ICU MessageFormat, formatted by ../messageformat.js (the formatter the chat
// widget uses too).

import {formatter} from "../messageformat.js";

const source = document.getElementById("console-messages");
const doc = source ? JSON.parse(source.textContent) : {language: "en", messages: {}};

export const language = doc.language || "en";
export const dir = document.documentElement.dir || "ltr";
const format = formatter(language, doc.messages || {});
const cached = format.cached;

// The text of message `key` of the console catalog with `args` filled in. A key the catalog
// does not have reads as itself, so a missing text shows where it is missing.
export const t = format.t;

export const formatNumber = format.formatNumber;

let symbols = null;

// The language's group and decimal separators and its ten digits.
export function numberSymbols() {
  if (symbols) return symbols;
  const parts = new Intl.NumberFormat(language).formatToParts(1234567.5);
  const part = (type, fallback) => (parts.find((p) => p.type === type) || {value: fallback}).value;
  const plain = new Intl.NumberFormat(language, {useGrouping: false});
  symbols = {
    group: part("group", ","),
    decimal: part("decimal", "."),
    digits: [0, 1, 2, 3, 4, 5, 6, 7, 8, 9].map((d) => plain.format(d)),
  };
  return symbols;
}

// A decimal string as the API writes it ("1234.50") the language's way, by rewriting its
// digits and separators, never through a float: "1,234.50", "1.234,50", "١٬٢٣٤٫٥٠"; 18
// decimals stay 18 decimals. Anything else is shown as it came.
export function formatDecimal(text, grouping) {
  if (text === null || text === undefined || text === "") return "";
  const m = /^(\d+)(?:\.(\d+))?$/.exec(String(text));
  if (!m) return String(text);
  const s = numberSymbols();
  const digits = (part) => part.replace(/\d/g, (d) => s.digits[Number(d)]);
  let whole = digits(m[1]);
  if (grouping !== false) {
    whole = m[1].replace(/\B(?=(\d{3})+(?!\d))/g, "\u0000").split("\u0000").map(digits).join(s.group);
  }
  return m[2] === undefined ? whole : whole + s.decimal + digits(m[2]);
}

// An amount as the API writes it (a decimal string such as "5.00") with its currency code
// after it, its decimals kept as given: "5.00 USD", "5,00 USD", "1 234,50 USDT".
export function formatAmount(amount, currency) {
  const number = formatDecimal(String(amount));
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

// A list as the reader's language writes one: "a, b, c"; Arabic "أ، ب، ج"; Chinese and
// Japanese "甲、乙、丙". (Intl.ListFormat's lists add "and", or drop the separators.)
const SEPARATORS = {ar: "، ", ja: "、", "zh-CN": "、", "zh-TW": "、"};
export function listText(items) {
  return items.join(SEPARATORS[language] || ", ");
}
