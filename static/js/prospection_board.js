// The prospection board: the "Changer d'étape" form opens in a dialog; dragging a card onto
// another column opens the same form with that stage chosen. Every move still goes through
// the form (a stage change is an entry of the contact log), so the keyboard path (the
// button) and the mouse path (the drag) end in the same place.
(function () {
  "use strict";

  var PANEL = "panneau-deplacement";

  function dialog() {
    return document.getElementById("deplacement");
  }

  function openDialog() {
    var box = dialog();
    if (!box) return;
    if (!box.open) box.showModal();
    var focus = box.querySelector("[aria-invalid=true], select, input:not([type=hidden]), textarea");
    if (focus) focus.focus();
  }

  function closeDialog() {
    var box = dialog();
    if (box && box.open) box.close();
    var panel = document.getElementById(PANEL);
    if (panel && box && box.contains(panel)) panel.innerHTML = "";
  }

  document.addEventListener("htmx:afterSwap", function (event) {
    if (event.detail.target.id === PANEL && dialog() && dialog().contains(event.detail.target)) {
      openDialog();
    }
  });

  document.addEventListener("cible-deplacee", function () {
    closeDialog();
    var status = document.querySelector("#tableau .board-status");
    if (status) status.focus();
  });

  document.addEventListener("click", function (event) {
    var closer = event.target.closest("[data-close-dialog]");
    if (closer && dialog() && dialog().contains(closer)) {
      event.preventDefault();
      closeDialog();
    }
  });

  // "Besoin de recrutement repéré" as the outcome unfolds the need's fields.
  document.addEventListener("change", function (event) {
    if (event.target.name !== "outcome" || event.target.value !== "need_detected") return;
    var details = event.target.form && event.target.form.querySelector("details.need-details");
    if (details) details.open = true;
  });

  document.addEventListener("dragstart", function (event) {
    var card = event.target.closest && event.target.closest(".board-card[data-move-url]");
    if (!card) return;
    event.dataTransfer.setData("text/plain", card.dataset.moveUrl);
    event.dataTransfer.effectAllowed = "move";
    card.classList.add("dragging");
  });

  document.addEventListener("dragend", function (event) {
    var card = event.target.closest && event.target.closest(".board-card");
    if (card) card.classList.remove("dragging");
  });

  document.addEventListener("dragover", function (event) {
    var column = event.target.closest && event.target.closest(".board-column");
    if (!column) return;
    event.preventDefault();
    column.classList.add("drop-here");
  });

  document.addEventListener("dragleave", function (event) {
    var column = event.target.closest && event.target.closest(".board-column");
    if (column && !column.contains(event.relatedTarget)) column.classList.remove("drop-here");
  });

  document.addEventListener("drop", function (event) {
    var column = event.target.closest && event.target.closest(".board-column");
    if (!column) return;
    event.preventDefault();
    column.classList.remove("drop-here");
    var url = event.dataTransfer.getData("text/plain");
    if (!url) return;
    var separator = url.indexOf("?") === -1 ? "?" : "&";
    window.htmx.ajax("GET", url + separator + "etape=" + encodeURIComponent(column.dataset.stage),
                     { target: "#" + PANEL, swap: "innerHTML" });
  });
})();
