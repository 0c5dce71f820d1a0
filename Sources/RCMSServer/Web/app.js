// Shared code of the admin pages: the session, API calls, interface strings and DOM helpers.
//
// Session design: the bearer token from POST /api/v1/tenants/{tenant}/sessions is kept in
// sessionStorage and sent by this script in the Authorization header. The browser never
// attaches it on its own, so a page of another site cannot make a signed-in request and no
// CSRF token is needed; the token ends with the tab. The price is that a script injected into
// these pages could read it, which is why the pages load scripts from this server only (the
// Content-Security-Policy says so) and build every element from data with textContent.

const SESSION_KEY = "rcms.session";
const LANGUAGE_KEY = "rcms.language";

/** Interface languages shipped under /ui/i18n, with each name written in that language. */
export const INTERFACE_LANGUAGES = {
  en: "English", de: "Deutsch", ur: "اردو", el: "Ελληνικά", bn: "বাংলা", nl: "Nederlands",
  si: "සිංහල", ta: "தமிழ்", sr: "Српски", tr: "Türkçe",
};

let strings = {};
let fallbackStrings = {};

export function session() {
  try {
    return JSON.parse(sessionStorage.getItem(SESSION_KEY) || "null");
  } catch {
    return null;
  }
}

export function saveSession(value) {
  sessionStorage.setItem(SESSION_KEY, JSON.stringify(value));
}

export function clearSession() {
  sessionStorage.removeItem(SESSION_KEY);
}

/** The language the user chose last, else the browser's, else English. */
export function chosenLanguage() {
  return localStorage.getItem(LANGUAGE_KEY) || (navigator.language || "en").split("-")[0];
}

export function chooseLanguage(code) {
  localStorage.setItem(LANGUAGE_KEY, code);
}

/** Loads the interface strings of `code` (by base language), English filling any gap. */
export async function loadStrings(code) {
  const base = String(code).split("-")[0].toLowerCase();
  const fetchStrings = async (lang) => {
    const response = await fetch(`/ui/i18n/${encodeURIComponent(lang)}.json`);
    return response.ok ? response.json() : {};
  };
  fallbackStrings = await fetchStrings("en");
  strings = base in INTERFACE_LANGUAGES && base !== "en" ? await fetchStrings(base) : fallbackStrings;
  return strings;
}

/** The interface string `key` with `{name}` placeholders replaced from `values`. */
export function t(key, values = {}) {
  const text = strings[key] ?? fallbackStrings[key] ?? key;
  return text.replace(/\{(\w+)\}/g, (match, name) => (name in values ? String(values[name]) : match));
}

/** Sets lang and dir on the root element and translates every [data-i18n] element. */
export function applyLanguage(code, rightToLeft) {
  document.documentElement.lang = code;
  document.documentElement.dir = rightToLeft ? "rtl" : "ltr";
  for (const node of document.querySelectorAll("[data-i18n]")) node.textContent = t(node.dataset.i18n);
  document.title = t(document.body.dataset.title || "app.name") + " – RCMSKit";
}

/** An error response of the API: status, stable code, message and details. */
export class ApiError extends Error {
  constructor(status, body) {
    const inner = (body && body.error) || {};
    super(inner.message || `HTTP ${status}`);
    this.status = status;
    this.code = inner.code || "http";
    this.details = inner.details || [];
  }
}

/**
 * Calls the API of the signed-in tenant. `path` starts after /api/v1/tenants/{tenant}.
 * A 401 ends the session and returns to the sign-in page.
 */
export async function api(method, path, body) {
  const current = session();
  if (!current) {
    location.assign("/ui/index.html");
    throw new ApiError(401, null);
  }
  const headers = { Accept: "application/json", "Accept-Language": chosenLanguage() };
  headers.Authorization = `Bearer ${current.token}`;
  if (body !== undefined) headers["Content-Type"] = "application/json";
  const response = await fetch(`/api/v1/tenants/${encodeURIComponent(current.tenant)}${path}`, {
    method, headers, body: body === undefined ? undefined : JSON.stringify(body),
    cache: "no-store", credentials: "omit",
  });
  if (response.status === 401) {
    clearSession();
    location.assign("/ui/index.html?expired=1");
    throw new ApiError(401, null);
  }
  const text = await response.text();
  const data = text ? JSON.parse(text) : null;
  if (!response.ok) throw new ApiError(response.status, data);
  return data;
}

/**
 * Builds an element. `attributes` may hold `text` (textContent), `class`, `on<event>`
 * handlers and plain attributes; children are nodes or strings (added as text).
 */
export function el(tag, attributes = {}, ...children) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (value === undefined || value === null || value === false) continue;
    if (name === "text") node.textContent = value;
    else if (name.startsWith("on")) node.addEventListener(name.slice(2), value);
    else node.setAttribute(name, value === true ? "" : String(value));
  }
  for (const child of children.flat(Infinity)) {
    if (child === undefined || child === null || child === false) continue;
    node.append(typeof child === "string" || typeof child === "number" ? String(child) : child);
  }
  return node;
}

/** Replaces the children of `node`. */
export function fill(node, ...children) {
  node.replaceChildren();
  for (const child of children.flat(Infinity)) if (child) node.append(child);
  return node;
}

/** A date as stored: "1991", "1991-03" or "1991-03-14", marked when only partly known. */
export function partialDate(text) {
  if (!text) return t("value.unknown");
  const parts = String(text).split("-").length;
  if (parts === 1) return t("date.year_only", { date: text });
  if (parts === 2) return t("date.month_only", { date: text });
  return text;
}

/** An instant as local date and time in the chosen language. */
export function instant(text) {
  if (!text) return "";
  const date = new Date(text);
  if (Number.isNaN(date.getTime())) return text;
  return date.toLocaleString(document.documentElement.lang || "en", { dateStyle: "medium", timeStyle: "short" });
}

/** A short status line in `node`: role=status for information, role=alert for errors. */
export function notify(node, message, isError = false) {
  node.textContent = message;
  node.className = isError ? "notice error" : "notice";
  node.setAttribute("role", isError ? "alert" : "status");
  node.hidden = !message;
}

/**
 * Shows an API error on a form: each detail with a field next to the input of that name
 * (in the element [data-error-for=field]), the rest in the form's notice.
 */
export function showFormError(form, error) {
  for (const slot of form.querySelectorAll("[data-error-for]")) slot.textContent = "";
  for (const input of form.querySelectorAll("[aria-invalid]")) input.removeAttribute("aria-invalid");
  const general = [];
  for (const detail of error.details || []) {
    const slot = detail.field && form.querySelector(`[data-error-for="${CSS.escape(detail.field)}"]`);
    if (slot) {
      slot.textContent = detail.message;
      const input = form.querySelector(`[name="${CSS.escape(detail.field)}"]`);
      if (input) input.setAttribute("aria-invalid", "true");
    } else {
      general.push(detail.message);
    }
  }
  const notice = form.querySelector(".notice");
  if (notice) notify(notice, [error.message, ...general].join(" – "), true);
}

/** Clears a form's field errors and notice. */
export function clearFormError(form) {
  showFormError(form, { message: "", details: [] });
  const notice = form.querySelector(".notice");
  if (notice) notify(notice, "");
}

/**
 * A labelled field: label, input (or the given control), and the slot for its error.
 * `id` must be unique on the page.
 */
export function field(id, labelKey, control) {
  control.id = id;
  const error = el("span", { class: "field-error", id: `${id}-error`, "data-error-for": control.name });
  control.setAttribute("aria-describedby", error.id);
  return el("div", { class: "field" }, el("label", { for: id, text: t(labelKey) }), control, error);
}

/**
 * Starts a page for a signed-in user: loads the profile and strings, sets the direction and
 * builds the header with navigation, language switch and sign-out. Returns the profile.
 */
export async function startPage(current) {
  if (!session()) {
    location.assign("/ui/index.html");
    return new Promise(() => {});
  }
  const profile = await api("GET", "/profile");
  // The server picked the tenant language closest to the choice; the interface follows it.
  await loadStrings(profile.language);
  const language = profile.languages.find((item) => item.code === profile.language);
  applyLanguage(profile.language, language ? language.right_to_left : false);
  buildHeader(profile, current);
  return profile;
}

function buildHeader(profile, current) {
  const can = (permission) => profile.permissions.includes(permission);
  const links = [];
  if (can("case.read") && profile.user.party !== "monitor") links.push(["worklist.html", "nav.worklist"]);
  if (profile.user.party === "monitor") links.push(["monitor.html", "nav.monitor"]);
  if (can("config.read")) links.push(["config.html", "nav.config"]);

  const select = el("select", { id: "language-switch", name: "language" });
  for (const item of profile.languages) {
    const base = item.code.split("-")[0];
    select.append(el("option", { value: item.code, text: INTERFACE_LANGUAGES[base] || item.code }));
  }
  select.value = profile.language;
  select.addEventListener("change", () => {
    chooseLanguage(select.value);
    location.reload();
  });

  const signOut = el("button", { type: "button", class: "secondary", text: t("nav.sign_out") });
  signOut.addEventListener("click", async () => {
    try {
      await api("DELETE", "/sessions/current");
    } catch {
      // The session ends in this tab whatever the server returned.
    }
    clearSession();
    location.assign("/ui/index.html");
  });

  const nav = el("nav", { "aria-label": t("nav.label") },
    el("ul", {}, links.map(([href, key]) => el("li", {},
      el("a", { href: `/ui/${href}`, text: t(key), "aria-current": href === current ? "page" : undefined })))));
  const header = document.querySelector("header.top");
  fill(header,
    el("div", { class: "brand" },
      el("span", { class: "product", text: t("app.name") }),
      el("span", { class: "tenant", text: `${profile.name} · ${profile.user.login}` })),
    nav,
    el("div", { class: "tools" },
      el("label", { for: "language-switch", class: "visually-hidden", text: t("nav.language") }), select, signOut));
}

/** Text for the "next deadline" of a case: days left or overdue, in working or calendar days. */
export function deadlineText(deadline) {
  const unit = deadline.unit === "working_days" ? "working" : "calendar";
  const days = Math.abs(deadline.days_left);
  if (deadline.overdue) return t(`deadline.overdue_${unit}`, { days, date: deadline.due_date });
  if (deadline.days_left === 0) return t("deadline.today", { date: deadline.due_date });
  return t(`deadline.left_${unit}`, { days, date: deadline.due_date });
}

/** Shows an error that stopped a page from loading. */
export function showPageError(error) {
  const main = document.querySelector("main");
  const box = el("p", { class: "notice error", role: "alert", text: `${t("error.load")} ${error.message}` });
  main.prepend(box);
}
