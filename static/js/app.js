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
    // A village or a whole postal code chosen also fills the form's « Code postal ».
    var form = widget.closest("form");
    var postal = form && form.querySelector('input[name="postal_code"]');
    if (postal && button.dataset.postalCode) postal.value = button.dataset.postalCode;
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

// Behaviour that used to sit in attributes, moved here for the Content-Security-Policy
// (no inline script, no inline style, no eval).
(function () {
  "use strict";

  // The autocomplete asks for `q`: the text typed in its visible box.
  document.addEventListener("htmx:configRequest", function (event) {
    var element = event.detail.elt;
    if (element && element.matches && element.matches('[data-autocomplete] input[type="text"]')) {
      event.detail.parameters.q = element.value;
    }
  });

  // "Imprimer" buttons.
  document.addEventListener("click", function (event) {
    if (event.target.closest("[data-print]")) window.print();
  });

  // Forms that ask before doing something that cannot be undone.
  document.addEventListener("submit", function (event) {
    var message = event.target.dataset ? event.target.dataset.confirm : null;
    if (message && !window.confirm(message)) event.preventDefault();
  });

  // Read-only boxes holding a link to copy: focusing selects the whole link.
  document.addEventListener("focusin", function (event) {
    if (event.target.matches && event.target.matches("[data-select-on-focus]")) event.target.select();
  });

  // "Revenir à la page précédente" on an error page: the history keeps what was typed.
  document.addEventListener("click", function (event) {
    var link = event.target.closest("[data-history-back]");
    if (link && window.history.length > 1) {
      event.preventDefault();
      window.history.back();
    }
  });

  // An htmx request refused by the server (expired form, bad input, error): its French
  // message goes on top of the page instead of nothing happening.
  document.addEventListener("htmx:responseError", function (event) {
    var xhr = event.detail.xhr;
    if (!xhr || xhr.responseText.indexOf("data-error-fragment") === -1) return;
    var main = document.getElementById("contenu");
    var old = main.querySelector("[data-error-fragment]");
    if (old) old.remove();
    main.insertAdjacentHTML("afterbegin", xhr.responseText);
  });

  // Score and count bars: the width comes from data-bar-percent (set through the CSSOM,
  // which the policy allows, unlike a style attribute).
  function sizeBars(root) {
    var bars = root.querySelectorAll ? root.querySelectorAll("[data-bar-percent]") : [];
    Array.prototype.forEach.call(bars, function (bar) {
      var percent = Math.max(0, Math.min(100, parseFloat(bar.dataset.barPercent) || 0));
      bar.style.width = percent + "%";
    });
  }

  if (window.htmx) {
    window.htmx.onLoad(sizeBars);
  } else {
    sizeBars(document);
  }
})();

// The immersion's weekly schedule: Monday's periods, typed once, copied to Tuesday..Friday.
// The button is shown only where this script runs (without it, each day is typed).
(function () {
  "use strict";
  document.querySelectorAll("[data-schedule-copy]").forEach(function (holder) {
    holder.hidden = false;
  });
  document.addEventListener("click", function (event) {
    var button = event.target.closest("[data-schedule-copy] button");
    if (!button) return;
    var form = button.closest("form");
    var rows = form.querySelectorAll("[data-schedule] tbody tr");
    var monday = rows[0].querySelectorAll("input");
    for (var day = 1; day <= 4 && day < rows.length; day++) {
      rows[day].querySelectorAll("input").forEach(function (input, index) {
        input.value = monday[index].value;
      });
    }
    var status = form.querySelector("[data-schedule-copy-status]");
    if (status) status.textContent = "Horaires du lundi recopiés du mardi au vendredi.";
  });
})();
