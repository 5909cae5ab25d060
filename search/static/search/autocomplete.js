// Title suggestions under the search box: progressive enhancement. Without JavaScript the form
// submits as usual. Suggestions come from /<lang>/search/autocomplete/, which answers only
// with titles the reader may find.
(function () {
  "use strict";
  var input = document.querySelector("input[data-autocomplete]");
  if (!input || !window.fetch) { return; }
  var list = document.createElement("ul");
  list.className = "search-suggestions";
  list.id = "search-suggestions";
  list.hidden = true;
  input.setAttribute("aria-controls", list.id);
  input.setAttribute("aria-autocomplete", "list");
  input.closest("form").appendChild(list);
  var timer = null;
  var latest = 0;

  function clear() { list.textContent = ""; list.hidden = true; }

  function show(results) {
    list.textContent = "";
    results.forEach(function (result) {
      var item = document.createElement("li");
      var link = document.createElement("a");
      link.href = result.url;
      link.dir = "auto";
      link.textContent = result.title;  // text, never HTML
      var type = document.createElement("span");
      type.className = "meta";
      type.textContent = result.type;
      link.appendChild(type);
      item.appendChild(link);
      list.appendChild(item);
    });
    list.hidden = results.length === 0;
  }

  input.addEventListener("input", function () {
    clearTimeout(timer);
    var value = input.value.trim();
    if (value.length < 2) { clear(); return; }
    timer = setTimeout(function () {
      var ticket = ++latest;
      var url = input.dataset.autocomplete + "?q=" + encodeURIComponent(value);
      fetch(url, { credentials: "same-origin", headers: { Accept: "application/json" } })
        .then(function (response) { return response.ok ? response.json() : { results: [] }; })
        .then(function (data) { if (ticket === latest) { show(data.results || []); } })
        .catch(clear);
    }, 200);
  });
  input.addEventListener("keydown", function (event) {
    if (event.key === "Escape") { clear(); }
    if (event.key === "ArrowDown" && !list.hidden) {
      event.preventDefault();
      var first = list.querySelector("a");
      if (first) { first.focus(); }
    }
  });
  list.addEventListener("keydown", function (event) {
    var current = document.activeElement.closest("li");
    if (!current) { return; }
    if (event.key === "ArrowDown" && current.nextElementSibling) {
      event.preventDefault(); current.nextElementSibling.querySelector("a").focus();
    } else if (event.key === "ArrowUp") {
      event.preventDefault();
      if (current.previousElementSibling) { current.previousElementSibling.querySelector("a").focus(); } else { input.focus(); }
    } else if (event.key === "Escape") { clear(); input.focus(); }
  });
})();
