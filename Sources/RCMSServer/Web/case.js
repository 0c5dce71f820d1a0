// One case: person, documents, messages, interviews, safeguards, holds, deadlines, the audit
// trail for roles that may read it, and the transitions the user may perform, with unmet
// conditions listed before any button is pressed.
import {
  api, clearFormError, el, field, fill, instant, notify, partialDate, showFormError, showPageError, startPage, t,
} from "./app.js";

const caseID = new URLSearchParams(location.search).get("id") || "";
const base = `/cases/${encodeURIComponent(caseID)}`;
const target = document.getElementById("case");
const status = document.getElementById("status");
let profile;

function card(titleKey, ...content) {
  const id = `section-${titleKey.replace(/\W/g, "-")}`;
  return el("section", { class: "card", "aria-labelledby": id }, el("h2", { id, text: t(titleKey) }), content);
}

function pairs(entries) {
  return el("dl", { class: "pairs" }, entries.flatMap(([key, value]) => [el("dt", { text: key }), el("dd", {}, value)]));
}

function empty(key) {
  return el("p", { class: "muted", text: t(key) });
}

/** A form that posts its fields as JSON to `path`, shows field errors, and reloads the case. */
function postForm(id, path, fields, buttonKey, { danger = false, body } = {}) {
  const controls = fields.map(([name, labelKey, control]) => field(`${id}-${name}`, labelKey, control));
  const form = el("form", { id, novalidate: true }, controls, el("p", { class: "notice", hidden: true }),
    el("button", { type: "submit", class: danger ? "danger" : "", text: t(buttonKey) }));
  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    clearFormError(form);
    const data = body ? body(form) : Object.fromEntries(new FormData(form));
    try {
      await api("POST", path, data);
      await load(t("status.saved"));
    } catch (error) {
      showFormError(form, error);
    }
  });
  return form;
}

function summary(detail) {
  const record = detail.case;
  return card("case.summary", pairs([
    [t("col.state"), el("strong", { text: record.state_label })],
    [t("case.version"), String(record.version)],
    [t("case.voluntary"), t(record.voluntary_return ? "value.yes" : "value.no")],
    [t("case.configuration"), el("code", { text: record.configuration_version.slice(0, 12) })],
    [t("case.created"), instant(record.created_at)],
    [t("case.updated"), instant(record.updated_at)],
  ]));
}

function transitions(detail) {
  if (!profile.permissions.includes("case.transition") || detail.transitions.length === 0) return null;
  const items = detail.transitions.map((item, index) => {
    const unmetID = `unmet-${index}`;
    const button = el("button", {
      type: "button", "data-transition": item.id, disabled: !item.allowed, text: item.label,
      "aria-describedby": item.unmet.length ? unmetID : undefined,
    });
    button.addEventListener("click", async () => {
      button.disabled = true;
      try {
        await api("POST", `${base}/transitions`, { transition: item.id, expected_version: detail.case.version });
        await load(t("case.transition_done", { label: item.label }));
      } catch (error) {
        notify(status, error.message + (error.details.length ? ` – ${error.details.map((d) => d.message).join("; ")}` : ""), true);
        button.disabled = false;
      }
    });
    return el("li", { class: "transition" }, button,
      item.unmet.length
        ? el("ul", { class: "unmet", id: unmetID, "aria-label": t("case.unmet") },
          item.unmet.map((condition) => el("li", { text: condition.message })))
        : null);
  });
  return card("case.transitions", el("p", { class: "muted", text: t("case.transitions_hint") }),
    el("ul", { class: "plain" }, items));
}

function persons(detail) {
  if (!detail.persons.length) return card("case.person", empty("value.none"));
  return card("case.person", detail.persons.map((person) => pairs([
    [t("person.surname"), el("bdi", { text: person.surname })],
    [t("person.given_names"), el("bdi", { text: person.given_names })],
    [t("person.date_of_birth"), partialDate(person.date_of_birth)],
    [t("person.sex"), t(`sex.${person.sex}`)],
    [t("person.nationality"), person.nationality_claimed || t("value.unknown")],
    ...Object.entries(person.particulars || {}).map(([key, value]) => [key, el("bdi", { text: value })]),
  ])));
}

function documents(detail) {
  const list = detail.documents.map((document) => el("li", {},
    el("strong", { text: document.type_label }),
    pairs(Object.entries(document.fields).map(([key, value]) => [key, el("bdi", { text: value })]))));
  return card("case.documents", list.length ? el("ul", { class: "plain" }, list) : empty("value.none"));
}

function messages(detail) {
  const list = detail.messages.map((message) => el("li", {},
    el("p", { class: "muted", text: `${t(`party.${message.sender_party}`)} · ${instant(message.sent_at)}` }),
    el("p", { dir: "auto", text: message.body })));
  const canSend = profile.permissions.includes("message.send");
  return card("case.messages", list.length ? el("ul", { class: "plain" }, list) : empty("value.none"),
    canSend ? postForm("message-form", `${base}/messages`,
      [["body", "message.body", el("textarea", { name: "body", rows: 3, dir: "auto" })]], "message.send") : null);
}

function interviews(detail) {
  const list = detail.interviews.map((item) => el("li", {},
    pairs([[t("interview.when"), instant(item.scheduled_at)], [t("interview.place"), el("bdi", { text: item.place })],
      [t("interview.language"), item.interpreter_language]])));
  return card("case.interviews", list.length ? el("ul", { class: "plain" }, list) : empty("value.none"));
}

function safeguards(detail) {
  const attested = new Set(detail.safeguards_attested);
  const list = profile.safeguards.map((item) => el("li", { class: attested.has(item.id) ? "ok" : "missing" },
    el("span", { "aria-hidden": "true", text: attested.has(item.id) ? "✓ " : "○ " }),
    el("span", { text: item.label }), " ",
    el("span", { class: "visually-hidden", text: t(attested.has(item.id) ? "safeguard.attested" : "safeguard.open") })));
  const open = profile.safeguards.filter((item) => !attested.has(item.id));
  let form = null;
  if (profile.permissions.includes("safeguard.attest") && open.length) {
    const select = el("select", { name: "safeguard" }, open.map((item) => el("option", { value: item.id, text: item.label })));
    form = postForm("attest-form", `${base}/attestations`, [
      ["safeguard", "safeguard.which", select],
      ["evidence_reference", "safeguard.evidence", el("input", { name: "evidence_reference", autocomplete: "off" })],
    ], "safeguard.attest");
  }
  return card("case.safeguards", el("ul", { class: "plain" }, list), form);
}

function holds(detail) {
  const canLift = profile.permissions.includes("hold.lift");
  const list = detail.holds.map((hold) => el("li", {},
    el("span", { class: hold.lifted_at ? "badge" : "badge hold", text: t(hold.lifted_at ? "holds.lifted" : "holds.in_force") }),
    " ", el("bdi", { text: hold.reason }),
    el("p", { class: "muted", text: instant(hold.placed_at) + (hold.lifted_at ? ` – ${instant(hold.lifted_at)}` : "") }),
    canLift && !hold.lifted_at
      ? postForm(`lift-form-${hold.id}`, `${base}/holds/${encodeURIComponent(hold.id)}/lift`,
        [["reason", "holds.lift_reason", el("input", { name: "reason", autocomplete: "off" })]], "holds.lift")
      : null));
  const place = profile.permissions.includes("hold.place")
    ? postForm("hold-form", `${base}/holds`, [["reason", "holds.reason", el("input", { name: "reason", autocomplete: "off" })]],
      "holds.place", { danger: true })
    : null;
  return card("case.holds", list.length ? el("ul", { class: "plain" }, list) : empty("value.none"), place);
}

function deadlines(detail) {
  if (!detail.deadlines.length) return card("case.deadlines", empty("value.none"));
  const labels = new Map(profile.transitions.map((item) => [item.id, item.label]));
  const headings = ["col.transition", "col.party", "col.due", "col.unit", "col.status"];
  const rows = detail.deadlines.map((item) => [
    labels.get(item.transition) || item.transition, t(`party.${item.party}`), item.due_date,
    t(`unit.${item.unit}`), t(`deadline_status.${item.status}`),
  ]);
  return card("case.deadlines", table(headings, rows));
}

function table(headings, rows) {
  return el("table", { class: "stack" },
    el("thead", {}, el("tr", {}, headings.map((key) => el("th", { scope: "col", text: t(key) })))),
    el("tbody", {}, rows.map((row) => el("tr", {}, row.map((cell, index) =>
      el("td", { "data-label": t(headings[index]) }, cell))))));
}

async function audit() {
  if (!profile.permissions.includes("audit.read")) return null;
  const entries = await api("GET", `${base}/audit`);
  const rows = entries.map((entry) => [String(entry.sequence), instant(entry.at), el("code", { text: entry.actor }),
    el("code", { text: entry.action }), el("span", { class: "mono", text: [...entry.objects, ...entry.fields].join(", ") })]);
  return card("case.audit", rows.length ? table(["col.sequence", "col.at", "col.actor", "col.action", "col.objects"], rows)
    : empty("value.none"));
}

async function load(message) {
  const detail = await api("GET", base);
  document.getElementById("case-heading").textContent = t("case.heading", { id: detail.case.id, state: detail.case.state_label });
  const auditCard = await audit();
  fill(target, summary(detail), transitions(detail),
    el("div", { class: "grid" }, persons(detail), safeguards(detail)),
    documents(detail), holds(detail), deadlines(detail), messages(detail), interviews(detail), auditCard);
  notify(status, message || "");
}

startPage("case.html")
  .then((loaded) => {
    profile = loaded;
    if (profile.user.party === "monitor") document.getElementById("back").href = "/ui/monitor.html";
    return load();
  })
  .catch(showPageError);
