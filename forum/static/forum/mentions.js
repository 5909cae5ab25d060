// @mention suggestions for the reply box. An enhancement only: without it, typing @name works.
// The server decides who may be suggested (members who may see the topic).
(function () {
  "use strict";

  function setup(textarea) {
    var url = textarea.getAttribute("data-mention-url");
    var list = document.createElement("ul");
    list.className = "mention-suggestions";
    list.hidden = true;
    list.setAttribute("role", "listbox");
    textarea.insertAdjacentElement("afterend", list);
    var pending = null;

    function currentWord() {
      var before = textarea.value.slice(0, textarea.selectionStart);
      var match = /(^|\s)@([\w.\-]{1,30})$/u.exec(before);
      return match ? match[2] : null;
    }

    function insert(name) {
      var start = textarea.selectionStart;
      var before = textarea.value.slice(0, start).replace(/@[\w.\-]*$/u, "@" + name + " ");
      textarea.value = before + textarea.value.slice(start);
      textarea.selectionStart = textarea.selectionEnd = before.length;
      list.hidden = true;
      textarea.focus();
    }

    function show(names) {
      list.textContent = "";
      names.forEach(function (name) {
        var item = document.createElement("li");
        var button = document.createElement("button");
        button.type = "button";
        button.className = "link-button";
        button.textContent = "@" + name;
        button.addEventListener("click", function () { insert(name); });
        item.appendChild(button);
        list.appendChild(item);
      });
      list.hidden = names.length === 0;
    }

    textarea.addEventListener("input", function () {
      var word = currentWord();
      if (!word || word.length < 2) { list.hidden = true; return; }
      clearTimeout(pending);
      pending = setTimeout(function () {
        fetch(url + "&q=" + encodeURIComponent(word), { credentials: "same-origin" })
          .then(function (response) { return response.ok ? response.json() : { results: [] }; })
          .then(function (data) { show(data.results.map(function (r) { return r.name; })); })
          .catch(function () { list.hidden = true; });
      }, 250);
    });
  }

  document.querySelectorAll("textarea[data-mention-url]").forEach(setup);
})();
