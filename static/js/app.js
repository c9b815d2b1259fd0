/* Small behaviours of the browser UI; everything else is plain HTML forms and htmx attributes. */
(function () {
  "use strict";

  // 打印: every page's print button (the print stylesheet in app.css leaves the navigation and forms out).
  document.addEventListener("click", function (event) {
    if (event.target.closest && event.target.closest("[data-print]")) { window.print(); }
  });

  // A consequential action asks first: a form (or a button) with data-confirm submits only when the user agrees.
  document.addEventListener("submit", function (event) {
    var asker = (event.submitter && event.submitter.closest("[data-confirm]")) || event.target.closest("[data-confirm]");
    if (asker && !window.confirm(asker.getAttribute("data-confirm"))) {
      event.preventDefault();
      event.stopImmediatePropagation();
    }
  }, true);

  // Party picker: remove a picked party.
  document.addEventListener("click", function (event) {
    var button = event.target.closest("[data-remove-chip]");
    if (button) {
      event.preventDefault();
      button.closest(".chip").remove();
    }
  });

  // Source-case lookup: picking a case fills the hidden field; typing again clears the choice.
  document.addEventListener("click", function (event) {
    var button = event.target.closest("[data-pick-case]");
    if (!button) { return; }
    event.preventDefault();
    var box = button.closest("[data-case-lookup]");
    box.querySelector("[data-lookup-value]").value = button.getAttribute("data-pick-case");
    box.querySelector("[data-lookup-text]").value = button.getAttribute("data-pick-label");
    box.querySelector(".lookup-results").innerHTML = "";
    // the filing form's claim: the judgment's unpaid part, unless the clerk has typed one already
    var amount = button.getAttribute("data-pick-amount"), claim = document.getElementById("id_amount_claimed");
    if (amount && claim && !claim.value) { claim.value = amount; }
  });
  document.addEventListener("input", function (event) {
    var box = event.target.matches("[data-lookup-text]") && event.target.closest("[data-case-lookup]");
    if (box) { box.querySelector("[data-lookup-value]").value = ""; }
  });

  // Party picker: Enter in the search box searches instead of submitting the filing form.
  document.addEventListener("keydown", function (event) {
    var input = event.target.closest && event.target.closest("[data-lookup]");
    if (input && event.key === "Enter") {
      event.preventDefault();
      if (window.htmx) { window.htmx.trigger(input, "lookup"); }
    }
  });

  // New-party panel: show the identity field that fits the kind (resident ID / credit code).
  function syncKind(select) {
    var panel = select.closest(".new-party");
    if (!panel) { return; }
    panel.querySelectorAll("[data-kind-only]").forEach(function (el) {
      el.hidden = el.getAttribute("data-kind-only") !== select.value;
    });
  }
  document.addEventListener("change", function (event) {
    if (event.target.name === "np-kind") { syncKind(event.target); }
  });

  // After a party joins a list: drop duplicates, clear that picker's search.
  document.addEventListener("htmx:afterSwap", function (event) {
    var list = event.detail.target;
    if (!list || !list.matches || !list.matches("[data-chips]")) { return; }
    var seen = {};
    list.querySelectorAll(".chip").forEach(function (chip) {
      var id = chip.getAttribute("data-party");
      if (seen[id]) { chip.remove(); } else { seen[id] = true; }
    });
    var picker = list.closest(".picker");
    if (picker) {
      var input = picker.querySelector("[data-lookup]");
      var results = picker.querySelector(".lookup-results");
      if (input) { input.value = ""; }
      if (results) { results.innerHTML = ""; }
    }
  });

  // A refused htmx request (403, 404, 500) tells the user instead of doing nothing.
  document.addEventListener("htmx:responseError", function (event) {
    var toast = document.getElementById("toast");
    if (!toast) { return; }
    var status = event.detail.xhr.status;
    toast.textContent = status === 403 ? toast.getAttribute("data-msg-403") :
      status === 404 ? toast.getAttribute("data-msg-404") : toast.getAttribute("data-msg-other") + " (" + status + ")";
    toast.hidden = false;
    window.setTimeout(function () { toast.hidden = true; }, 6000);
  });
})();
