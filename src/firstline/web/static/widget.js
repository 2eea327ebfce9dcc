// Firstline chat launcher. Embed with:
//   <script src="https://SUPPORT.EXAMPLE/widget.js" data-locale="vi"></script>
// For a logged-in user, your backend mints a short-lived identity token (a JWT signed with the
// widget secret, docs/widget.md) and the page gives it:
//   window.FirstlineSettings = {identityToken: function () { return fetch("/support-token")
//     .then(function (r) { return r.text(); }); }};
// A function is asked again whenever the chat needs a new session; a string (or
// data-identity-token) serves once. The older data-user-id + data-user-hash still work while
// the deployment accepts user_hash. Also: name, email, locale, product (spot, futures, p2p...:
// routes new chats to that product's team).
(function () {
  "use strict";
  if (window.__firstlineWidget) return;
  window.__firstlineWidget = true;
  var script = document.currentScript;
  var origin = new URL(script.src, location.href).origin;
  var given = window.FirstlineSettings || {};
  var data = script.dataset || {};
  var settings = {
    user_id: given.userId || data.userId,
    user_hash: given.userHash || data.userHash,
    // Never kept in the iframe's address: the identity token goes in its fragment, which
    // browsers do not send to servers, and the chat page takes it out at once.
    name: given.name || data.name,
    email: given.email || data.email,
    locale: given.locale || data.locale || navigator.language,
    product: given.product || data.product,
  };
  var hash = new URLSearchParams();
  Object.keys(settings).forEach(function (k) { if (settings[k]) hash.set(k, settings[k]); });
  var tokenSource = given.identityToken || data.identityToken;

  function identityToken() {
    var value = typeof tokenSource === "function" ? tokenSource() : tokenSource;
    if (typeof tokenSource !== "function") tokenSource = null;  // a string serves once
    return Promise.resolve(value).then(function (v) {
      return typeof v === "string" ? v.trim() : null;
    }, function () { return null; });
  }

  // The chat asks for a fresh identity token when its session ended; the answer goes only to
  // this server's frame.
  window.addEventListener("message", function (event) {
    if (!frame || event.source !== frame.contentWindow || event.origin !== origin) return;
    if (!event.data || event.data.type !== "firstline:identity-needed") return;
    identityToken().then(function (token) {
      frame.contentWindow.postMessage({type: "firstline:identity", token: token}, origin);
    });
  });

  var frame = null;
  var button = document.createElement("button");
  button.type = "button";
  button.setAttribute("aria-label", "Chat");
  button.setAttribute("data-testid", "chat-launcher");
  button.style.cssText = "position:fixed;bottom:20px;inset-inline-end:20px;width:60px;height:60px;" +
    "border-radius:50%;border:0;background:#0b6bcb;color:#fff;cursor:pointer;z-index:2147483000;" +
    "box-shadow:0 6px 20px rgba(16,24,40,.25);display:flex;align-items:center;justify-content:center";
  button.innerHTML = '<svg width="28" height="28" viewBox="0 0 24 24" fill="none" aria-hidden="true">' +
    '<path d="M4 5h16v11H8l-4 4V5z" stroke="currentColor" stroke-width="2" stroke-linejoin="round"/></svg>';

  function open() {
    if (!frame) {
      frame = document.createElement("iframe");
      identityToken().then(function (token) {
        var fragment = new URLSearchParams(hash);
        if (token) fragment.set("identity_token", token);
        frame.src = origin + "/chat?embed=1#" + fragment.toString();
      });
      frame.title = "Chat";
      frame.setAttribute("data-testid", "chat-frame");
      frame.style.cssText = "position:fixed;bottom:92px;inset-inline-end:20px;width:min(400px,calc(100vw - 40px));" +
        "height:min(640px,calc(100vh - 120px));border:0;border-radius:16px;z-index:2147483000;" +
        "box-shadow:0 12px 40px rgba(16,24,40,.25);background:#fff";
      document.body.appendChild(frame);
    } else {
      frame.style.display = frame.style.display === "none" ? "block" : "none";
    }
  }
  button.addEventListener("click", open);
  if (document.body) document.body.appendChild(button);
  else document.addEventListener("DOMContentLoaded", function () { document.body.appendChild(button); });
})();
