// "Hide the code" for a history class: one button per lesson page hides every code cell's input (the
// figures, tables and text the code made stay). The choice is kept for the next page. Without
// JavaScript the code simply shows.
(function () {
  "use strict";
  var KEY = "inf-hide-code";
  function remembered() {
    try { return window.localStorage.getItem(KEY) === "yes"; } catch (e) { return false; }
  }
  function remember(hidden) {
    try { window.localStorage.setItem(KEY, hidden ? "yes" : "no"); } catch (e) { /* private mode */ }
  }
  function apply(button, hidden) {
    document.documentElement.classList.toggle("inf-code-hidden", hidden);
    button.setAttribute("aria-pressed", hidden ? "true" : "false");
    button.textContent = hidden ? "Show the code" : "Hide the code";
  }
  // The theme's search buttons show "Search..." but are named "Search": name them by what they show.
  function nameButtonsByTheirText() {
    document.querySelectorAll("button.search-button-field[aria-label]").forEach(function (button) {
      var shown = button.textContent.replace(/\s+/g, " ").trim();
      if (shown) { button.setAttribute("aria-label", shown); }
    });
  }
  document.addEventListener("DOMContentLoaded", function () {
    nameButtonsByTheirText();
    var article = document.querySelector("article.bd-article");
    if (!article || !article.querySelector(".cell_input")) { return; }
    var bar = document.createElement("div");
    bar.className = "inf-code-toggle";
    var button = document.createElement("button");
    button.type = "button";
    button.className = "btn inf-code-button";
    var note = document.createElement("span");
    note.className = "inf-code-note";
    note.textContent = " The figures, tables and text the code made stay on the page.";
    bar.appendChild(button);
    bar.appendChild(note);
    article.insertBefore(bar, article.firstChild);
    apply(button, remembered());
    button.addEventListener("click", function () {
      var hidden = !document.documentElement.classList.contains("inf-code-hidden");
      apply(button, hidden);
      remember(hidden);
    });
  });
})();
