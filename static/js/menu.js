// The compact menu of narrow screens (issue 17): below 48rem the navigation and the account
// links fold behind a "Menu" button. Without JavaScript the button stays hidden and the
// menu stays open, so every link remains reachable.
(function () {
  "use strict";
  var button = document.querySelector(".menu-toggle");
  if (!button) return;
  var header = button.closest(".site-header");
  button.hidden = false;
  button.setAttribute("aria-expanded", "false");
  header.classList.add("menu-folded");
  button.addEventListener("click", function () {
    var open = button.getAttribute("aria-expanded") !== "true";
    button.setAttribute("aria-expanded", open ? "true" : "false");
    header.classList.toggle("menu-folded", !open);
  });
})();
