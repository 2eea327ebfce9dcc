// Teams: a product line and the languages it serves, how it hands out work, where work goes
// when nobody in it answers, and the business hours its SLA clocks run in.
import {api} from "../api.js";
import {t, listText} from "../i18n.js";
import {can, state} from "../state.js";
import {calendarText, durationText, languageName, listEditor, teamName} from "./editor.js";

function reloadShared() {
  return api("GET", "/api/v1/teams").then((rows) => { state.teams = rows; return rows; });
}

export default {
  name: "teams",
  label: () => t("settings.nav.teams"),
  render: listEditor({
    canEdit: () => can("teams.manage"),
    title: t("settings.nav.teams"),
    intro: t("settings.teams.intro"),
    addLabel: t("settings.teams.add"),
    load: reloadShared,
    describe: (x) => x.name,
    columns: [
      {label: t("settings.teams.name"), text: (x) => x.name},
      {label: t("settings.teams.product"), text: (x) => x.product || "–"},
      {label: t("settings.teams.languages"), text: (x) => listText(x.languages.map(languageName)) || t("settings.teams.any_language")},
      {label: t("settings.teams.line"), text: (x) => t("settings.line." + x.line)},
      {label: t("settings.teams.strategy"), text: (x) => t("settings.strategy." + x.strategy)},
      {label: t("settings.teams.overflow"), text: (x) => (x.overflow_team_id ?
        t("settings.teams.overflow_after", {team: teamName(x.overflow_team_id), time: durationText(x.relax_after_seconds, ["second", "minute", "hour"])}) : "–")},
      {label: t("settings.teams.hours"), text: (x) => calendarText(x.calendar)},
    ],
    fields: [
      {name: "name", label: t("settings.teams.name"), required: true},
      {name: "product", label: t("settings.teams.product"), help: t("settings.teams.product_help"),
        parse: (v) => (v ? v : null)},
      {name: "languages", label: t("settings.teams.languages"), type: "languages",
        help: t("settings.teams.languages_help")},
      {name: "line", label: t("settings.teams.line"), type: "select", edit: false, initial: "first",
        options: () => [["first", t("settings.line.first")], ["second", t("settings.line.second")]]},
      {name: "strategy", label: t("settings.teams.strategy"), type: "select", initial: "least_busy",
        options: () => [["least_busy", t("settings.strategy.least_busy")], ["round_robin", t("settings.strategy.round_robin")]]},
      {name: "overflow_team_id", label: t("settings.teams.overflow"), type: "select",
        options: () => [["", t("settings.teams.no_overflow")]].concat(state.teams.map((x) => [x.id, x.name])),
        parse: (v) => (v === null || v === "" ? null : Number(v))},
      {name: "relax_after_seconds", label: t("settings.teams.overflow_wait"), type: "duration",
        units: ["second", "minute", "hour"], initial: 120, help: t("settings.teams.relax_after_help")},
      {name: "calendar", label: t("settings.teams.hours"), type: "calendar", help: t("settings.teams.hours_help")},
    ],
    create: (body) => api("POST", "/api/v1/teams", body),
    update: (x, body) => api("PATCH", "/api/v1/teams/" + x.id, body),
  }),
};
