// The REST API as the console uses it: the session cookie, the CSRF header on writes, and
// problem documents (RFC 9457) turned into an Error whose message is the server's sentence,
// which the server writes in the console's language when it has it (Accept-Language).
import {language} from "./i18n.js";

export function meta(name) {
  return document.querySelector('meta[name="' + name + '"]').content;
}

const csrf = meta("csrf-token");

export function api(method, path, body) {
  const headers = {"Accept": "application/json", "Accept-Language": language};
  if (method !== "GET") headers["X-CSRF-Token"] = csrf;
  if (body !== undefined) headers["Content-Type"] = "application/json";
  return fetch(path, {method, headers, credentials: "same-origin",
    body: body === undefined ? undefined : JSON.stringify(body)}).then((r) => {
    if (r.status === 401) { location.href = "/console"; throw new Error("signed out"); }
    if (r.status === 204) return null;
    return r.json().then((doc) => {
      if (!r.ok) throw new Error(doc.detail || ("HTTP " + r.status));
      return doc;
    });
  });
}
