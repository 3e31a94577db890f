// Autocomplete: a suggestion chosen with the mouse or the keyboard fills the visible box
// and the hidden field that holds the code (ROME code, INSEE code).
(function () {
  "use strict";

  function widgetOf(element) {
    return element.closest("[data-autocomplete]");
  }

  function choose(button) {
    var widget = widgetOf(button);
    if (!widget) return;
    var hidden = widget.querySelector('input[type="hidden"]');
    var search = widget.querySelector('input[type="text"]');
    hidden.value = button.dataset.code;
    search.value = button.dataset.label;
    widget.querySelector(".suggestions").innerHTML = "";
    search.setAttribute("aria-expanded", "false");
    hidden.dispatchEvent(new Event("change", { bubbles: true }));
    search.focus();
  }

  document.addEventListener("click", function (event) {
    var button = event.target.closest(".suggestion");
    if (button) {
      event.preventDefault();
      choose(button);
    }
  });

  document.addEventListener("keydown", function (event) {
    var widget = widgetOf(event.target);
    if (!widget) return;
    var options = Array.prototype.slice.call(widget.querySelectorAll(".suggestion"));
    if (!options.length) return;
    var index = options.indexOf(document.activeElement);
    if (event.key === "ArrowDown") {
      event.preventDefault();
      options[Math.min(index + 1, options.length - 1)].focus();
    } else if (event.key === "ArrowUp") {
      event.preventDefault();
      if (index <= 0) widget.querySelector('input[type="text"]').focus();
      else options[index - 1].focus();
    } else if (event.key === "Escape") {
      widget.querySelector(".suggestions").innerHTML = "";
    } else if (event.key === "Enter" && event.target.matches('input[type="text"]')) {
      event.preventDefault();
      choose(options[0]);
    }
  });

  // Typing again after a choice clears the stored code until a new suggestion is chosen.
  document.addEventListener("input", function (event) {
    var widget = widgetOf(event.target);
    if (widget && event.target.matches('input[type="text"]')) {
      widget.querySelector('input[type="hidden"]').value = "";
      event.target.setAttribute("aria-expanded", "true");
    }
  });
})();
