// Deposit recovery: the support matrix (for each network and token, whether deposits of it are
// credited and which path a lost one takes) and the fee policy. The matrix is one document to
// the API, so adding, changing or removing a row reads the matrix as it is now and PUTs it
// whole. Amounts stay the API's decimal strings from end to end: they are shown and read in
// the console's language by rewriting the digits and separators, never through a float.
import {api} from "../api.js";
import {el} from "../dom.js";
import {formatDecimal as localDecimal, formatNumber, language, numberSymbols, t} from "../i18n.js";
import {documentEditor, listEditor} from "./editor.js";
import {can} from "../state.js";

// The networks the API knows (flows/fields.py NETWORKS), under their own names.
const NETWORKS = [
  ["ETH", "Ethereum (ERC-20)"], ["BSC", "BNB Smart Chain (BEP-20)"], ["TRON", "Tron (TRC-20)"],
  ["BTC", "Bitcoin"], ["SOL", "Solana"], ["POLYGON", "Polygon"], ["ARBITRUM", "Arbitrum One"],
  ["BASE", "Base"], ["LTC", "Litecoin"], ["XRP", "XRP Ledger"], ["TON", "TON"], ["XLM", "Stellar"],
  ["BNB", "BNB Beacon Chain (BEP-2)"], ["OPTIMISM", "OP Mainnet"], ["AVAXC", "Avalanche C-Chain"],
  ["DOGE", "Dogecoin"],
];
const PATHS = ["direct", "conditional", "unsupported"];
const SLA_STATES = ["submitted", "diagnosing", "awaiting_customer", "approved", "recovering"];
const COLUMNS = ["network", "token", "contract", "listed", "path", "decimals", "min_deposit", "price",
  "may_be_listed"];

// --- decimals as text -----------------------------------------------------------------------

// What someone typed ("0,5", "1 250.75", "١٢٫٥") as the API's decimal string ("0.5",
// "1250.75", "12.5"); null when empty; an Error with a sentence when it is not a number.
export function readDecimal(value, label) {
  if (value === null || value === undefined || String(value).trim() === "") return null;
  const s = numberSymbols();
  let text = String(value).trim();
  s.digits.forEach((d, i) => { if (d !== String(i)) text = text.split(d).join(String(i)); });
  text = text.replace(/[\u0660-\u0669]/g, (d) => String(d.charCodeAt(0) - 0x660))
    .replace(/[\u06f0-\u06f9]/g, (d) => String(d.charCodeAt(0) - 0x6f0))
    .replace(/\u066b/g, ".").replace(/[\s\u066c'’]/g, "");
  const dot = text.lastIndexOf(".");
  const comma = text.lastIndexOf(",");
  const count = (c) => text.split(c).length - 1;
  if (dot >= 0 && comma >= 0) {
    // Both: the last one is the decimal separator, the other groups thousands.
    text = comma > dot ? text.replace(/\./g, "").replace(",", ".") : text.replace(/,/g, "");
  } else if (count(",") === 1) {
    text = text.replace(",", ".");
  } else if (count(",") > 1) {
    text = text.replace(/,/g, "");
  } else if (count(".") > 1) {
    text = text.replace(/\./g, "");
  }
  if (!/^\d+(\.\d+)?$/.test(text)) throw new Error(t("settings_desk.recovery.invalid_amount", {field: label}));
  return text;
}

function amountField(name, label, help, required) {
  return {name, label, help, required, value: (row) => localDecimal(row[name], false),
    parse: (v) => readDecimal(v, label), show: (v) => v || "–"};
}

// --- the matrix ------------------------------------------------------------------------------

function networkName(code) {
  const found = NETWORKS.find((n) => n[0] === code);
  return found ? found[1] : code;
}

function sameAsset(a, b) {
  return a.network === b.network && a.token === b.token && (a.contract || null) === (b.contract || null);
}

function asIn(row) {
  const out = {};
  COLUMNS.forEach((c) => { if (row[c] !== undefined) out[c] = row[c]; });
  return out;
}

// The matrix as stored now, changed by `change(rows)`, stored whole.
function replaceMatrix(change) {
  return api("GET", "/api/v1/recovery/matrix").then((doc) => {
    const rows = change(doc.rows.map(asIn));
    return api("PUT", "/api/v1/recovery/matrix", {rows});
  });
}

function yesNo(value) { return t(value ? "settings_desk.recovery.yes" : "settings_desk.recovery.no"); }

function tokenText(a) {
  return a.token === "*" ? t("settings_desk.recovery.other_tokens") : a.token;
}

function contractText(a) {
  if (!a.contract) return a.token === "*" ? "–" : t("settings_desk.recovery.native_coin");
  const code = el("code", null, a.contract.length > 18 ? a.contract.slice(0, 10) + "…" + a.contract.slice(-6) : a.contract);
  code.title = a.contract;
  code.dir = "ltr";
  return code;
}

function assetName(a) { return a.network + " · " + tokenText(a); }

const matrix = listEditor({

  canEdit: () => can("recovery.configure"),
  title: t("settings_desk.recovery.matrix_title"),
  intro: t("settings_desk.recovery.matrix_intro"),
  addLabel: t("settings_desk.recovery.add_row"),
  addTitle: t("settings_desk.recovery.add_row"),
  load: () => api("GET", "/api/v1/recovery/matrix").then((doc) => doc.rows),
  describe: assetName,
  empty: t("settings_desk.recovery.matrix_empty"),
  columns: [
    {label: t("settings_desk.recovery.network"), text: (a) => networkName(a.network)},
    {label: t("settings_desk.recovery.token"), text: tokenText},
    {label: t("settings_desk.recovery.contract"), text: contractText},
    {label: t("settings_desk.recovery.listed"), text: (a) => yesNo(a.listed)},
    {label: t("settings_desk.recovery.path"), text: (a) => t("settings_desk.recovery.path_" + a.path)},
    {label: t("settings_desk.recovery.min_deposit"), text: (a) => (a.min_deposit ? localDecimal(a.min_deposit) + " " + a.token.replace("*", "") : "–").trim()},
    {label: t("settings_desk.recovery.price"), text: (a) => (a.price ? localDecimal(a.price) : "–")},
    {label: t("settings_desk.recovery.may_be_listed"), text: (a) => yesNo(a.may_be_listed)},
  ],
  fields: [
    {name: "network", label: t("settings_desk.recovery.network"), type: "select", required: true, initial: "ETH",
      options: () => NETWORKS.map((n) => [n[0], n[0] + " · " + n[1]])},
    {name: "token", label: t("settings_desk.recovery.token"), required: true, dir: "ltr", placeholder: "USDT",
      help: t("settings_desk.recovery.token_help")},
    {name: "contract", label: t("settings_desk.recovery.contract"), dir: "ltr", help: t("settings_desk.recovery.contract_help"),
      parse: (v) => (v ? v : null)},
    {name: "listed", label: t("settings_desk.recovery.listed_long"), type: "checkbox", initial: true},
    {name: "path", label: t("settings_desk.recovery.path"), type: "select", required: true, initial: "conditional",
      options: () => PATHS.map((p) => [p, t("settings_desk.recovery.path_" + p)]),
      help: t("settings_desk.recovery.path_help")},
    {name: "decimals", label: t("settings_desk.recovery.decimals"), type: "number", min: 0, max: 36,
      help: t("settings_desk.recovery.decimals_help")},
    amountField("min_deposit", t("settings_desk.recovery.min_deposit"), t("settings_desk.recovery.min_deposit_help")),
    amountField("price", t("settings_desk.recovery.price"), t("settings_desk.recovery.price_help")),
    {name: "may_be_listed", label: t("settings_desk.recovery.may_be_listed_long"), type: "checkbox",
      help: t("settings_desk.recovery.may_be_listed_help")},
  ],
  create: (body) => replaceMatrix((rows) => rows.concat([body])),
  update: (a, body) => replaceMatrix((rows) => rows.map((r) => (sameAsset(r, a) ? Object.assign({}, r, body) : r))),
  remove: (a) => replaceMatrix((rows) => rows.filter((r) => !sameAsset(r, a))),
});

// --- the fee policy --------------------------------------------------------------------------

const POLICY_AMOUNTS = ["fee_percent", "fee_minimum", "fee_maximum", "wait_below"];

const policy = documentEditor({

  canEdit: () => can("recovery.configure"),
  title: t("settings_desk.recovery.policy_title"),
  intro: t("settings_desk.recovery.policy_intro"),
  load: () => api("GET", "/api/v1/recovery/policy"),
  fields: [
    amountField("fee_percent", t("settings_desk.recovery.fee_percent"), t("settings_desk.recovery.fee_percent_help"), true),
    amountField("fee_minimum", t("settings_desk.recovery.fee_minimum"), t("settings_desk.recovery.fee_minimum_help"), true),
    amountField("fee_maximum", t("settings_desk.recovery.fee_maximum"), t("settings_desk.recovery.fee_maximum_help"), true),
    {name: "currency", label: t("settings_desk.recovery.currency"), required: true, placeholder: "USD",
      help: t("settings_desk.recovery.currency_help"), parse: (v) => (v ? String(v).toUpperCase() : v)},
    amountField("wait_below", t("settings_desk.recovery.wait_below"), t("settings_desk.recovery.wait_below_help"), true),
  ].concat(SLA_STATES.map((s) => ({
    name: "sla_" + s,
    label: t("settings_desk.recovery.sla_" + s),
    type: "number", min: 0.1, step: "any",
    help: s === "submitted" ? t("settings_desk.recovery.sla_help") : undefined,
    value: (doc) => (doc.sla_hours ? doc.sla_hours[s] : null),
    show: (v) => (v === null || v === undefined ? "–" : t("settings_desk.recovery.hours", {n: formatNumber(v)})),
  }))),
  save: (body, doc) => {
    const out = {currency: doc.currency, sla_hours: {}};
    POLICY_AMOUNTS.forEach((name) => { out[name] = doc[name]; });
    Object.keys(body).forEach((name) => {
      if (name.indexOf("sla_") === 0) {
        if (body[name] !== null) out.sla_hours[name.slice(4)] = body[name];
      } else if (body[name] !== null) {
        out[name] = body[name];
      }
    });
    return api("PUT", "/api/v1/recovery/policy", out);
  },
});

export default {
  name: "recovery",
  label: () => t("settings.nav.recovery"),
  render(root) {
    root.textContent = "";
    const top = el("div", "settings-part");
    top.setAttribute("data-testid", "settings-recovery-matrix");
    const bottom = el("div", "settings-part");
    bottom.setAttribute("data-testid", "settings-recovery-policy");
    root.appendChild(top);
    root.appendChild(bottom);
    matrix(top);
    policy(bottom);
  },
};
