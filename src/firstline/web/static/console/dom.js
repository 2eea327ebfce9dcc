// Small DOM helpers. Customer text only ever goes in through textContent (el's third
// argument); the only innerHTML in the console is the server-sanitized article preview.
import {formatDuration, formatMoment, t} from "./i18n.js";

export function $(id) { return document.getElementById(id); }

export function el(tag, cls, text) {
  const node = document.createElement(tag);
  if (cls) node.className = cls;
  if (text !== undefined && text !== null) node.textContent = String(text);
  return node;
}

// Replaces a <select>'s options with [[value, label], ...] and selects `value`.
export function fillSelect(select, options, value) {
  select.textContent = "";
  options.forEach((o) => {
    const opt = el("option", null, o[1]);
    opt.value = o[0];
    select.appendChild(opt);
  });
  select.value = value === null || value === undefined ? "" : String(value);
}

// Dates and durations in the console's language (i18n.js).
export function when(iso) { return iso ? formatMoment(iso) : ""; }

export function duration(seconds) { return formatDuration(seconds); }

export function words(code) { return code ? String(code).replace(/_/g, " ") : "–"; }

// A key nobody wrote a sentence for yet still reads as words, never as a raw key.
export function plainWords(key) {
  const text = String(key || "").replace(/[_-]+/g, " ");
  return text.charAt(0).toUpperCase() + text.slice(1);
}

const CHANNELS = {chat: "channel.chat", email: "channel.email", web_form: "channel.web_form", api: "channel.api"};

// The channel a conversation came in on, as a word of the agent's language.
export function channelName(channel) { return CHANNELS[channel] ? t(CHANNELS[channel]) : words(channel); }

// Bidirectional controls (embeddings, overrides, isolates, direction marks). The server
// removes them from names, e-mails and subjects as they arrive (core/types.py); names stored
// before that lose them here, so that "Linh\u202egnp.exe" cannot show as "Linhexe.png" or
// reorder the text beside it. The elements that show people's text are dir="auto" besides.
const BIDI_CONTROLS = /[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;

export function withoutBidiControls(text) { return String(text).replace(BIDI_CONTROLS, ""); }

export function customerName(c) {
  const id = withoutBidiControls(c.external_id || "");
  if (c.name) return withoutBidiControls(c.name);
  if (id.indexOf("visitor:") === 0) return t("common.visitor") + " " + id.slice(-6);
  return id;
}

export function selectText(node) {
  const range = document.createRange();
  range.selectNodeContents(node);
  const sel = window.getSelection();
  sel.removeAllRanges();
  sel.addRange(range);
}

// A note in the corner for 15 seconds; actions are [[label, callback], ...].
export function toast(text, actions) {
  const box = el("div", "toast");
  box.setAttribute("data-testid", "toast");
  box.appendChild(el("span", null, text));
  (actions || []).forEach((a) => {
    const b = el("button", null, a[0]);
    b.addEventListener("click", () => { a[1](); box.remove(); });
    box.appendChild(b);
  });
  $("toasts").appendChild(box);
  setTimeout(() => { box.remove(); }, 15000);
}
