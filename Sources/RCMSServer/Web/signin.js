// The sign-in page: language, tenant, login and password; on success the token goes to
// sessionStorage (see app.js) and the user lands on the page their roles open.
import {
  INTERFACE_LANGUAGES, ApiError, applyLanguage, chooseLanguage, chosenLanguage, clearFormError, loadStrings,
  notify, saveSession, showFormError, t,
} from "./app.js";

const form = document.getElementById("signin");
const languageSelect = document.getElementById("signin-language");

async function showLanguage(code) {
  const loaded = await loadStrings(code);
  applyLanguage(code, loaded.dir === "rtl");
}

function landingPage(profile) {
  if (profile.user.party === "monitor") return "monitor.html";
  if (profile.permissions.includes("case.read")) return "worklist.html";
  return "config.html";
}

async function signIn(event) {
  event.preventDefault();
  clearFormError(form);
  const data = new FormData(form);
  const tenant = String(data.get("tenant") || "").trim().toLowerCase();
  const missing = ["tenant", "login", "password"].filter((name) => !String(data.get(name) || "").trim());
  if (missing.length || !/^[a-z]{2}-[a-z]{2}$/.test(tenant)) {
    const details = missing.map((name) => ({ field: name, message: t("form.required") }));
    if (!missing.includes("tenant")) details.push({ field: "tenant", message: t("signin.tenant_hint") });
    showFormError(form, { message: t("form.check_fields"), details });
    return;
  }

  const button = form.querySelector("button[type=submit]");
  button.disabled = true;
  try {
    const response = await fetch(`/api/v1/tenants/${encodeURIComponent(tenant)}/sessions`, {
      method: "POST", headers: { "Content-Type": "application/json", Accept: "application/json" },
      body: JSON.stringify({ login: String(data.get("login")).trim(), password: String(data.get("password")) }),
      credentials: "omit", cache: "no-store",
    });
    const body = await response.json().catch(() => null);
    if (!response.ok) {
      const error = new ApiError(response.status, body);
      // An unknown tenant answers 404 like any other path; say so in words.
      if (response.status === 404) error.message = t("signin.unknown_tenant");
      if (response.status === 401) error.message = t("signin.wrong_credentials");
      throw error;
    }
    localStorage.setItem("rcms.tenant", tenant);
    saveSession({ tenant, token: body.token, login: body.user.login });
    const profileResponse = await fetch(`/api/v1/tenants/${encodeURIComponent(tenant)}/profile`, {
      headers: { Authorization: `Bearer ${body.token}`, "Accept-Language": chosenLanguage() },
      credentials: "omit", cache: "no-store",
    });
    const profile = await profileResponse.json();
    location.assign(`/ui/${landingPage(profile)}`);
  } catch (error) {
    showFormError(form, error instanceof ApiError ? error : { message: t("error.network"), details: [] });
    button.disabled = false;
  }
}

async function start() {
  const current = chosenLanguage();
  for (const [code, name] of Object.entries(INTERFACE_LANGUAGES)) {
    languageSelect.append(new Option(name, code));
  }
  languageSelect.value = current in INTERFACE_LANGUAGES ? current : "en";
  await showLanguage(languageSelect.value);
  languageSelect.addEventListener("change", async () => {
    chooseLanguage(languageSelect.value);
    await showLanguage(languageSelect.value);
  });
  document.getElementById("signin-tenant").value = localStorage.getItem("rcms.tenant") || "";
  if (new URLSearchParams(location.search).has("expired")) notify(form.querySelector(".notice"), t("signin.expired"));
  form.addEventListener("submit", signIn);
}

start();
