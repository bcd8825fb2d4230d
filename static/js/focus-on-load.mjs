// Moves the focus to the element marked data-app-focus-on-load (the health check's result
// summary), as GOV.UK Frontend's error summary focuses itself, so that keyboard and screen
// reader users start at the answer rather than at the top of the page. The browser scrolls it
// into view only if it is not already on screen.
const target = document.querySelector("[data-app-focus-on-load]");
if (target) {
  target.focus();
}
