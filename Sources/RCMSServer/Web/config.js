// The tenant configuration: the active version and its history, an editor for each YAML
// file, validation with every diagnostic at its line and column, the changes in meaning
// against the active version, and publishing after a confirmation.
import { api, el, fill, instant, notify, showPageError, startPage, t } from "./app.js";

const fileSelect = document.getElementById("file-select");
const source = document.getElementById("source");
const gutter = document.getElementById("gutter");
const status = document.getElementById("status");
const diagnosticsList = document.getElementById("diagnostics");
const changesList = document.getElementById("changes");
const publishButton = document.getElementById("publish");
const position = document.getElementById("position");
const dialog = document.getElementById("confirm");

let profile;
let tenant = "";
let files = {};
let current = "";
let diagnostics = [];
// The text of every file when the last validation found no error; publishing needs a match.
let validatedSnapshot = null;

function snapshot() {
  return JSON.stringify(Object.keys(files).sort().map((path) => [path, files[path]]));
}

function updatePublish() {
  const canPublish = profile.permissions.includes("config.publish");
  publishButton.disabled = !canPublish || validatedSnapshot === null || validatedSnapshot !== snapshot();
}

/** The path of a diagnostic's file inside the tenant folder: the server writes TENANT/PATH. */
function relativePath(file) {
  const prefix = `${tenant}/`;
  return file && file.startsWith(prefix) ? file.slice(prefix.length) : file || "";
}

function renderGutter() {
  const count = source.value.split("\n").length;
  const marks = new Map();
  for (const item of diagnostics) {
    if (relativePath(item.file) !== current || !item.line) continue;
    if (marks.get(item.line) !== "error") marks.set(item.line, item.severity);
  }
  const lines = [];
  for (let line = 1; line <= count; line += 1) {
    const severity = marks.get(line);
    lines.push(el("span", { class: severity || "", title: severity ? t(`severity.${severity}`) : undefined, text: String(line) }));
  }
  fill(gutter, lines);
  gutter.scrollTop = source.scrollTop;
}

function showFile(path) {
  current = path;
  fileSelect.value = path;
  source.value = files[path] ?? "";
  document.getElementById("source").setAttribute("aria-label", `${t("config.source")}: ${path}`);
  renderGutter();
}

/** Moves the cursor to a line and column (both 1-based) of a file and scrolls there. */
function goTo(path, line, column) {
  if (path !== current && path in files) showFile(path);
  const lines = source.value.split("\n");
  let offset = 0;
  for (let index = 0; index < Math.min(line - 1, lines.length); index += 1) offset += lines[index].length + 1;
  offset += Math.max(0, Math.min((column || 1) - 1, (lines[line - 1] || "").length));
  source.focus();
  source.setSelectionRange(offset, offset);
  const lineHeight = parseFloat(getComputedStyle(source).lineHeight) || 20;
  source.scrollTop = Math.max(0, (line - 3) * lineHeight);
  renderGutter();
  showPosition();
}

function showPosition() {
  const before = source.value.slice(0, source.selectionStart).split("\n");
  position.textContent = t("config.position", { file: current, line: before.length, column: before[before.length - 1].length + 1 });
}

function renderDiagnostics(report) {
  diagnostics = report.diagnostics;
  const items = diagnostics.map((item) => {
    const path = relativePath(item.file);
    const where = item.line ? `${path}:${item.line}:${item.column}` : path;
    const button = el("button", { type: "button", class: `link ${item.severity}`, "data-line": item.line || "" },
      el("code", { text: where }), ` ${t(`severity.${item.severity}`)}: `, el("span", { text: item.message }));
    button.addEventListener("click", () => goTo(path, item.line || 1, item.column || 1));
    return el("li", {}, button);
  });
  fill(diagnosticsList, items.length ? items : [el("li", { class: "ok", text: t("config.no_diagnostics") })]);
  renderGutter();
}

function renderChanges(list, changes) {
  const items = changes.map((change) => el("li", {}, el("span", { class: "badge", text: t(`change.${change.kind}`) }), " ",
    el("code", { text: change.subject }), change.detail ? el("span", { text: ` – ${change.detail}` }) : null));
  fill(list, items.length ? items : [el("li", { class: "muted", text: t("config.no_changes") })]);
}

async function validate() {
  notify(status, t("status.loading"));
  try {
    const report = await api("POST", "/config/validate", { files });
    renderDiagnostics(report);
    validatedSnapshot = report.valid ? snapshot() : null;
    notify(status, report.valid ? t("config.valid", { warnings: report.warnings })
      : t("config.invalid", { errors: report.errors, warnings: report.warnings }), !report.valid);
  } catch (error) {
    validatedSnapshot = null;
    notify(status, error.message, true);
  }
  updatePublish();
}

async function diff() {
  const result = await api("POST", "/config/diff", { files });
  renderChanges(changesList, result.changes);
  return result;
}

async function confirmPublish() {
  try {
    const [changes, counts] = await Promise.all([diff(), api("GET", "/config/open-cases")]);
    const open = counts.reduce((sum, item) => sum + item.open_cases, 0);
    document.getElementById("confirm-cases").textContent = t("config.confirm_cases", { count: open });
    renderChanges(document.getElementById("confirm-changes"), changes.changes);
    dialog.returnValue = "";
    dialog.showModal();
  } catch (error) {
    notify(status, error.message, true);
  }
}

async function publish() {
  try {
    const version = await api("POST", "/config/publish", { files });
    notify(status, t("config.published", { hash: version.hash.slice(0, 12) }));
    await loadVersions();
  } catch (error) {
    if (error.details.length) renderDiagnostics({ diagnostics: error.details });
    notify(status, error.message, true);
    validatedSnapshot = null;
    updatePublish();
  }
}

async function loadVersions() {
  const [active, versions, counts] = await Promise.all([
    api("GET", "/config"), api("GET", "/config/versions"), api("GET", "/config/open-cases"),
  ]);
  const openCases = new Map(counts.map((item) => [item.hash, item.open_cases]));
  fill(document.getElementById("active"), el("dl", { class: "pairs" },
    el("dt", { text: t("config.hash") }), el("dd", {}, el("code", { id: "active-hash", text: active.hash.slice(0, 12) })),
    el("dt", { text: t("config.published_by") }), el("dd", {}, el("code", { text: active.published_by })),
    el("dt", { text: t("config.published_at") }), el("dd", { text: instant(active.published_at) })));
  const rows = versions.slice().reverse().map((version) => el("li", {},
    el("code", { text: version.hash.slice(0, 12) }), ` · ${instant(version.published_at)} · `,
    el("code", { text: version.published_by }), ` · ${t("config.open_cases", { count: openCases.get(version.hash) || 0 })}`,
    version.hash === active.hash ? el("span", { class: "badge", text: t("config.active_badge") }) : null));
  fill(document.getElementById("history"), el("ul", { class: "plain" }, rows));
  return active;
}

async function start() {
  profile = await startPage("config.html");
  tenant = profile.tenant;
  const active = await loadVersions();
  files = { ...active.files };
  const paths = Object.keys(files).sort();
  fill(fileSelect, paths.map((path) => el("option", { value: path, text: path })));
  showFile(paths.includes("workflow.yaml") ? "workflow.yaml" : paths[0]);
  if (!profile.permissions.includes("config.publish")) publishButton.hidden = true;

  fileSelect.addEventListener("change", () => showFile(fileSelect.value));
  source.addEventListener("input", () => {
    files[current] = source.value;
    renderGutter();
    updatePublish();
  });
  source.addEventListener("scroll", () => { gutter.scrollTop = source.scrollTop; });
  for (const name of ["keyup", "click"]) source.addEventListener(name, showPosition);
  document.getElementById("validate").addEventListener("click", validate);
  document.getElementById("diff").addEventListener("click", () => diff().catch((error) => notify(status, error.message, true)));
  publishButton.addEventListener("click", confirmPublish);
  dialog.addEventListener("close", () => {
    if (dialog.returnValue === "publish") publish();
  });
}

start().catch(showPageError);
