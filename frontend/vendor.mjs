// Copies the pinned browser libraries' built files from node_modules into the package's
// static/vendor/ folder and writes VENDORED there (what, which version, how to refresh).
// Run after `npm ci`: `npm run vendor`. The copy keeps the library's licence header and drops
// the source-map comment (the map is not shipped).
import {readFileSync, writeFileSync, mkdirSync, copyFileSync} from "node:fs";
import {dirname, join} from "node:path";
import {fileURLToPath} from "node:url";

const here = dirname(fileURLToPath(import.meta.url));
const target = join(here, "..", "src", "firstline", "web", "static", "vendor");
const FILES = [
  {pkg: "chart.js", from: "dist/chart.umd.min.js", to: "chart.umd.min.js", licence: "LICENSE.md"},
];

mkdirSync(target, {recursive: true});
const lines = [
  "Third-party files served to the browser, copied from the npm packages pinned in",
  "frontend/package.json and frontend/package-lock.json. Do not edit them by hand.",
  "",
  "To refresh: change the version in frontend/package.json, then in frontend/ run",
  "  npm install && npm run vendor",
  "and commit package.json, package-lock.json and this folder.",
  "",
];
for (const f of FILES) {
  const root = join(here, "node_modules", f.pkg);
  const version = JSON.parse(readFileSync(join(root, "package.json"), "utf8")).version;
  const text = readFileSync(join(root, f.from), "utf8").replace(/\n\/\/# sourceMappingURL=\S+\s*$/, "\n");
  if (!text.startsWith("/*!")) throw new Error(f.pkg + ": the built file lost its licence header");
  writeFileSync(join(target, f.to), text);
  copyFileSync(join(root, f.licence), join(target, f.to.replace(/\.min\.js$|\.js$/, "") + ".LICENSE.md"));
  lines.push(f.to + ": " + f.pkg + " " + version + " (" + f.from + "), licence in " +
    f.to.replace(/\.min\.js$|\.js$/, "") + ".LICENSE.md");
}
writeFileSync(join(target, "VENDORED"), lines.join("\n") + "\n");
console.log("vendored into " + target);
