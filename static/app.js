// Progressive enhancement only: every page works without this file.
// After an HTMX swap, announce the new region's summary to screen readers and, after a
// form POST, move keyboard focus to the updated element (its old copy is gone).
document.addEventListener("htmx:afterSettle", (event) => {
  const old = event.detail.target;
  const region = (old && old.id && document.getElementById(old.id)) || old;
  if (!region || !region.querySelector) return;
  const summary = region.matches("[data-live-summary]")
    ? region
    : region.querySelector("[data-live-summary]");
  const live = document.getElementById("live");
  const verb = event.detail.requestConfig && event.detail.requestConfig.verb;
  if (live) {
    live.textContent = verb === "post" && !summary ? "Saved." : summary ? summary.textContent.trim() : "";
  }
  if (verb === "post" && region.hasAttribute("tabindex")) region.focus();
});

// htmx stops a request whose form (or an included field, such as the reviewer's name)
// is invalid without telling the user: show the browser's message on the field instead.
document.addEventListener("htmx:validation:failed", (event) => {
  const field = event.target;
  if (field && field.reportValidity) field.reportValidity();
});

// The upload form shows a few file rows; this button (hidden without this file) adds more,
// each a blank copy of the last, up to the form's limit.
document.querySelectorAll("[data-add-row]").forEach((button) => {
  button.hidden = false;
  button.addEventListener("click", () => {
    const rows = document.getElementById(button.dataset.addRow);
    if (!rows || rows.children.length >= Number(button.dataset.max)) return;
    const copy = rows.lastElementChild.cloneNode(true);
    copy.querySelectorAll("input").forEach((input) => {
      input.value = "";
    });
    rows.append(copy);
  });
});
