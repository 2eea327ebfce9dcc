// The pages that take the place of the inboxes (knowledge base, dashboard, recovery...), one
// at a time. A page is a view with `section` (the id of its <section> in console.html) and
// `toggle` (the id of its top-bar button); showPage(null) goes back to the inboxes.
import {$} from "./dom.js";

const pages = [];

export function registerPage(view) {
  pages.push(view);
  const button = $(view.toggle);
  // A button the template leaves out (a role that may not use the page) wires nothing.
  if (button) button.addEventListener("click", () => { showPage($(view.section).hidden ? view.name : null); });
}

export function showPage(name) {
  pages.forEach((v) => {
    const section = $(v.section);
    const wasShown = !section.hidden;
    section.hidden = v.name !== name;
    const button = $(v.toggle);
    if (button) button.setAttribute("aria-pressed", v.name === name ? "true" : "false");
    if (wasShown && v.hide) v.hide();
  });
  document.querySelector(".layout").hidden = !!name;
  const shown = pages.find((v) => v.name === name);
  if (shown && shown.show) shown.show();
}
