// The knowledge-base editor: a page with the article list (by language and status), the
// form with a live Markdown preview (rendered and sanitized by the server), and revisions.
import {api} from "./api.js";
import {$, el, toast, when} from "./dom.js";
import {t} from "./i18n.js";

const LANGS = ["en", "zh-CN", "zh-TW", "vi", "id", "ru", "es", "pt", "fr", "de", "tr", "ar",
  "ja", "ko", "th", "uk", "it"];
const kb = {current: null, previewTimer: null};

function articlePath(externalId, locale) {
  return "/api/v1/kb/articles/" + encodeURIComponent(externalId) + "/" + locale;
}

function loadList() {
  const q = ["limit=100"];
  if ($("kb-locale").value) q.push("locale=" + encodeURIComponent($("kb-locale").value));
  if ($("kb-status").value) q.push("status=" + $("kb-status").value);
  api("GET", "/api/v1/kb/articles?" + q.join("&")).then((doc) => {
    const list = $("kb-items");
    list.textContent = "";
    doc.items.forEach((a) => {
      const li = el("li", kb.current && kb.current.id === a.id ? "active" : null, a.title);
      li.setAttribute("data-testid", "kb-item");
      li.appendChild(el("small", null, a.external_id + " · " + a.locale + " · " + a.status + " · " + t("kb.rev_short", {n: a.revision})));
      li.addEventListener("click", () => { openArticle(a.external_id, a.locale); });
      list.appendChild(li);
    });
  }).catch((e) => { toast(e.message); });
}

function fill(a) {
  kb.current = a;
  $("kb-external-id").value = a ? a.external_id : "";
  $("kb-external-id").readOnly = !!a;
  $("kb-form-locale").value = a ? a.locale : ($("kb-locale").value || "en");
  $("kb-form-locale").disabled = !!a;
  $("kb-title").value = a ? a.title : "";
  $("kb-category").value = a && a.category ? a.category : "";
  $("kb-form-status").value = a ? a.status : "draft";
  $("kb-body").value = a ? a.body : "";
  $("kb-preview").innerHTML = a ? a.html : "";  // sanitized by the server (knowledge/markdown.py)
  $("kb-message").textContent = a ? t("kb.revision", {n: a.revision}) : t("kb.new_article");
  const link = $("kb-public");
  link.hidden = !(a && a.status === "published");
  if (a) link.href = "/help/" + a.locale + "/articles/" + encodeURIComponent(a.external_id);
  const revisions = $("kb-revisions");
  revisions.textContent = "";
  if (!a) return;
  api("GET", articlePath(a.external_id, a.locale) + "/revisions").then((doc) => {
    doc.items.forEach((r) => {
      const li = el("li", null, t("kb.revision", {n: r.revision}) + " · " + r.status + " · " + when(r.created_at) + " · " + r.title);
      li.setAttribute("data-testid", "kb-revision");
      revisions.appendChild(li);
    });
  });
}

function openArticle(externalId, locale) {
  api("GET", articlePath(externalId, locale)).then((a) => {
    fill(a);
    loadList();
  }).catch((e) => { toast(e.message); });
}

function preview() {
  clearTimeout(kb.previewTimer);
  kb.previewTimer = setTimeout(() => {
    const body = $("kb-body").value;
    if (!body.trim()) { $("kb-preview").textContent = ""; return; }
    api("POST", "/api/v1/kb/preview", {body}).then((doc) => {
      $("kb-preview").innerHTML = doc.html;  // sanitized by the server
    }).catch(() => {});
  }, 300);
}

function save(event) {
  event.preventDefault();
  const data = {body: $("kb-body").value, status: $("kb-form-status").value};
  if ($("kb-title").value.trim()) data.title = $("kb-title").value.trim();
  data.category = $("kb-category").value.trim() || null;
  let saving;
  if (kb.current) {
    data.base_revision = kb.current.revision;
    saving = api("PUT", articlePath(kb.current.external_id, kb.current.locale), data);
  } else {
    data.locale = $("kb-form-locale").value;
    if ($("kb-external-id").value.trim()) data.external_id = $("kb-external-id").value.trim();
    saving = api("POST", "/api/v1/kb/articles", data);
  }
  saving.then((a) => {
    fill(a);
    $("kb-message").textContent = t("kb.saved_revision", {n: a.revision});
    loadList();
  }).catch((e) => { $("kb-message").textContent = e.message; });
}

export default {
  name: "kb",
  section: "kb",
  toggle: "kb-toggle",
  mount() {
    LANGS.forEach((code) => {
      const a = el("option", null, code); a.value = code; $("kb-locale").appendChild(a);
      const b = el("option", null, code); b.value = code; $("kb-form-locale").appendChild(b);
    });
    $("kb-locale").addEventListener("change", loadList);
    $("kb-status").addEventListener("change", loadList);
    $("kb-new").addEventListener("click", () => { fill(null); });
    $("kb-body").addEventListener("input", preview);
    $("kb-form").addEventListener("submit", save);
  },
  show: loadList,
};
