// The console's WebSocket (/console/ws): connects, reconnects with backoff, and hands every
// event to the views that subscribed to its type. Subscribe to an exact type
// ("message.posted") or to a family ("conversation.*"); handlers run in subscription order.
// "live.open" is dispatched each time the socket (re)opens, so views can reload what they
// may have missed.
import {$} from "./dom.js";
import {t} from "./i18n.js";
import {me} from "./state.js";

const handlers = [];
let socket = null;
let retry = 500;

export function on(type, handler) {
  handlers.push({type, handler});
}

export function dispatch(doc) {
  const type = doc.type || "";
  handlers.forEach((h) => {
    const family = h.type.endsWith(".*") ? h.type.slice(0, -1) : null;
    if (family ? type.indexOf(family) === 0 : type === h.type) h.handler(doc);
  });
}

export function send(doc) {
  if (socket && socket.readyState === 1) socket.send(JSON.stringify(doc));
}

// The server chooses a connection's channels (own teams) when it opens: after a change of
// teams, take the new ones and reconnect, which listens on them and reloads the lists.
on("agent.updated", (doc) => {
  if (doc.agent_id === me.id && doc.changes && doc.changes.team_ids) {
    me.teams = doc.changes.team_ids;
    if (socket) socket.close();
  }
});

export function connect() {
  const scheme = location.protocol === "https:" ? "wss:" : "ws:";
  const ws = new WebSocket(scheme + "//" + location.host + "/console/ws");
  socket = ws;
  ws.onopen = () => {
    retry = 500;
    $("live").textContent = t("live.on");
    $("live").classList.add("on");
    dispatch({type: "live.open"});
  };
  ws.onmessage = (event) => {
    if (event.data === "pong") return;
    dispatch(JSON.parse(event.data));
  };
  ws.onclose = () => {
    if (socket !== ws) return;
    $("live").textContent = t("live.reconnecting");
    $("live").classList.remove("on");
    setTimeout(connect, retry);
    retry = Math.min(retry * 2, 8000);
  };
}

// The keep-alive is the bare word the server answers with "pong" (not a JSON document).
setInterval(() => { if (socket && socket.readyState === 1) socket.send("ping"); }, 20000);
