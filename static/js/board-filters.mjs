// The jobs board's "Show filters" button on small screens: it opens and closes the filter panel
// and says which it will do. Without JavaScript the button stays hidden and the filters stay on
// the page (see .app-filter-toggle in main.scss).
const toggle = document.querySelector("[data-app-filter-toggle]");
const panel = toggle && document.getElementById(toggle.getAttribute("aria-controls"));
if (toggle && panel) {
  const showLabel = toggle.textContent;
  const hideLabel = showLabel.replace("Show filters", "Hide filters");
  toggle.addEventListener("click", () => {
    const open = toggle.getAttribute("aria-expanded") !== "true";
    toggle.setAttribute("aria-expanded", String(open));
    toggle.textContent = open ? hideLabel : showLabel;
    panel.classList.toggle("app-filter-panel--open", open);
  });
}
