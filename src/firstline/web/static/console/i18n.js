// The one door every console text goes through. English for now: the translated catalogs
// come later and replace only this module (t keeps its signature).
//
//   t("Waiting")                         -> "Waiting"
//   t("late by {time}", {time: "3 min"}) -> "late by 3 min"

export function t(text, params) {
  if (!params) return text;
  return text.replace(/\{(\w+)\}/g, (whole, key) => (key in params ? String(params[key]) : whole));
}
