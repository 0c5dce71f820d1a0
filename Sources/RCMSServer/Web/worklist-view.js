// The list of open cases shared by the worklist and the monitor view: filters by state,
// overdue and name (in any script), and one row per case with its next deadline, holds in
// force and missing safeguards.
import { api, deadlineText, el, field, fill, notify, t } from "./app.js";

/**
 * Builds the filters and the table. `actions(item, reload)` may return extra content for
 * each row, such as the monitor's hold buttons.
 */
export function worklistView(profile, { actions } = {}) {
  const filters = document.getElementById("filters");
  const target = document.getElementById("cases");
  const status = document.getElementById("status");

  const state = el("select", { name: "state" }, el("option", { value: "", text: t("filter.any_state") }),
    profile.states.map((item) => el("option", { value: item.id, text: item.label })));
  const name = el("input", { name: "name", type: "search", autocomplete: "off" });
  const overdue = el("input", { type: "checkbox", name: "overdue", id: "filter-overdue" });
  const form = el("form", { class: "row", role: "search" },
    field("filter-state", "filter.state", state),
    field("filter-name", "filter.name", name),
    el("div", { class: "check" }, overdue, el("label", { for: "filter-overdue", text: t("filter.overdue") })),
    el("button", { type: "submit", text: t("filter.apply") }));
  fill(filters, form);

  async function load() {
    const query = new URLSearchParams();
    if (state.value) query.set("state", state.value);
    if (name.value.trim()) query.set("name", name.value.trim());
    if (overdue.checked) query.set("overdue", "true");
    notify(status, t("status.loading"));
    try {
      const items = await api("GET", `/worklist?${query}`);
      render(items);
      notify(status, t("worklist.count", { count: items.length }));
    } catch (error) {
      notify(status, error.message, true);
    }
  }

  function render(items) {
    if (items.length === 0) {
      fill(target, el("p", { text: t("worklist.empty") }));
      return;
    }
    const headings = ["col.case", "col.person", "col.state", "col.deadline", "col.holds", "col.safeguards"];
    if (actions) headings.push("col.actions");
    const rows = items.map((item) => {
      const cells = [
        el("a", { href: `/ui/case.html?id=${encodeURIComponent(item.case.id)}`, text: `#${item.case.id}` }),
        item.persons.length ? el("bdi", { text: item.persons.join("; ") }) : el("span", { class: "muted", text: "–" }),
        el("span", { text: item.case.state_label }),
        item.next_deadline
          ? el("span", { class: item.next_deadline.overdue ? "overdue" : "" },
            deadlineText(item.next_deadline), el("br"),
            el("span", { class: "muted", text: item.next_deadline.transition_label }))
          : el("span", { class: "muted", text: t("deadline.none") }),
        item.holds.length
          ? el("span", { class: "badge hold", text: t("holds.count", { count: item.holds.length }) })
          : el("span", { class: "muted", text: "–" }),
        item.missing_safeguards.length
          ? el("ul", { class: "plain missing" }, item.missing_safeguards.map((s) => el("li", { text: s.label })))
          : el("span", { class: "ok", text: t("safeguards.none_missing") }),
      ];
      if (actions) cells.push(actions(item, load));
      return el("tr", {}, cells.map((cell, index) => el("td", { "data-label": t(headings[index]) }, cell)));
    });
    fill(target, el("table", { class: "stack" },
      el("caption", { class: "visually-hidden", text: t("worklist.caption") }),
      el("thead", {}, el("tr", {}, headings.map((key) => el("th", { scope: "col", text: t(key) })))),
      el("tbody", {}, rows)));
  }

  form.addEventListener("submit", (event) => {
    event.preventDefault();
    load();
  });
  load();
  return { reload: load };
}
