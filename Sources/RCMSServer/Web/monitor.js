// The monitor's view: every case of the tenant, read-only, with placing and lifting holds.
import { api, clearFormError, el, field, showFormError, showPageError, startPage, t } from "./app.js";
import { worklistView } from "./worklist-view.js";

let formCount = 0;

/** A small form with a reason that posts to `path` and reloads the list. */
function reasonForm(labelKey, buttonKey, path, reload, danger) {
  formCount += 1;
  const reason = el("input", { name: "reason", required: true, autocomplete: "off" });
  const form = el("form", { class: "reason-form" }, field(`reason-${formCount}`, labelKey, reason),
    el("p", { class: "notice", hidden: true }),
    el("button", { type: "submit", class: danger ? "danger" : "", text: t(buttonKey) }));
  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    clearFormError(form);
    try {
      await api("POST", path, { reason: reason.value });
      await reload();
    } catch (error) {
      showFormError(form, error);
    }
  });
  return form;
}

function holdActions(profile) {
  const can = (permission) => profile.permissions.includes(permission);
  return (item, reload) => {
    const base = `/cases/${encodeURIComponent(item.case.id)}/holds`;
    const parts = [];
    for (const hold of item.holds) {
      parts.push(el("p", {}, el("span", { class: "badge hold", text: t("holds.in_force") }), " ",
        el("bdi", { text: hold.reason })));
      if (can("hold.lift")) {
        parts.push(reasonForm("holds.lift_reason", "holds.lift", `${base}/${encodeURIComponent(hold.id)}/lift`, reload));
      }
    }
    if (can("hold.place")) parts.push(reasonForm("holds.reason", "holds.place", base, reload, true));
    return el("div", {}, parts);
  };
}

startPage("monitor.html")
  .then((profile) => worklistView(profile, { actions: holdActions(profile) }))
  .catch(showPageError);
