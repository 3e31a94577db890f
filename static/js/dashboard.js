// The dashboard: printing unfolds every table of figures, and the "Imprimer" button prints.
(function () {
  "use strict";
  window.addEventListener("beforeprint", function () {
    document.querySelectorAll(".dashboard details").forEach(function (details) {
      details.open = true;
    });
  });
  document.addEventListener("click", function (event) {
    if (event.target.closest("[data-print]")) window.print();
  });
})();
