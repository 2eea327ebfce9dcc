// SLA policies: how long a conversation may wait for its first answer, for each later answer
// and to be resolved, for the channels, tiers and priorities a policy names. The most specific
// policy wins; the API keeps its targets in seconds, the page shows and takes them in minutes,
// hours or days. Admins change them through /api/v1/sla/policies.
import {api} from "../api.js";
import {t} from "../i18n.js";
import {durationText, listEditor} from "./editor.js";
import {anyOr, channelLabel, channelOptions, conditionsText, orNull} from "./routing.js";
import {can} from "../state.js";

const PRIORITIES = ["low", "normal", "high", "urgent"];

function priorityLabel(code) { return t("settings_routing.priority." + code); }

function target(name, label, help, initial) {
  return {name, label, help, type: "duration", required: true, initial,
    units: ["second", "minute", "hour", "day"], unit: "minute"};
}

export default {
  name: "sla",
  label: () => t("settings.nav.sla"),
  render: listEditor({
    canEdit: () => can("sla.configure"),
    title: t("settings.nav.sla"),
    intro: t("settings_routing.sla.intro"),
    addLabel: t("settings_routing.sla.add"),
    load: () => api("GET", "/api/v1/sla/policies"),
    describe: (p) => p.name,
    columns: [
      {label: t("settings_routing.sla.order"), text: (p) => String(p.position)},
      {label: t("settings_routing.sla.name"), text: (p) => p.name},
      {label: t("settings_routing.sla.applies_to"), text: (p) => conditionsText(p, {
        channel: channelLabel, tier: (v) => v, priority: priorityLabel,
      })},
      {label: t("settings_routing.sla.first_response"), text: (p) => durationText(p.first_response_seconds)},
      {label: t("settings_routing.sla.next_response"), text: (p) => durationText(p.next_response_seconds)},
      {label: t("settings_routing.sla.resolution"), text: (p) => durationText(p.resolution_seconds)},
    ],
    fields: [
      {name: "name", label: t("settings_routing.sla.name"), required: true},
      {name: "channel", label: t("settings_routing.sla.channel"), type: "select", options: channelOptions},
      {name: "tier", label: t("settings_routing.sla.tier"), help: t("settings_routing.sla.tier_help"), parse: orNull},
      {name: "priority", label: t("settings_routing.sla.priority"), type: "select",
        options: () => anyOr(PRIORITIES.map((p) => [p, priorityLabel(p)]))},
      target("first_response_seconds", t("settings_routing.sla.first_response"),
        t("settings_routing.sla.first_response_help"), 900),
      target("next_response_seconds", t("settings_routing.sla.next_response"),
        t("settings_routing.sla.next_response_help"), 1800),
      target("resolution_seconds", t("settings_routing.sla.resolution"),
        t("settings_routing.sla.resolution_help"), 86400),
      {name: "position", label: t("settings_routing.sla.order"), type: "number", min: 0, max: 1000000, initial: 100,
        required: true, help: t("settings_routing.sla.order_help")},
    ],
    create: (body) => api("POST", "/api/v1/sla/policies", body),
    update: (p, body) => api("PATCH", "/api/v1/sla/policies/" + p.id, body),
    remove: (p) => api("DELETE", "/api/v1/sla/policies/" + p.id),
  }),
};
