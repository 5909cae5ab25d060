// Small enhancements only: every page works without this file.
(function () {
  "use strict";

  // Quick exit: leave without leaving this site in the back button's history.
  function leave(url) {
    document.body.hidden = true;
    window.location.replace(url);
  }
  document.addEventListener("click", function (event) {
    var link = event.target.closest("[data-quick-exit]");
    if (link) {
      event.preventDefault();
      leave(link.href);
    }
  });
  // The header's menu is a <details>, open on wide screens through CSS (::details-content);
  // browsers without that selector get it opened here.
  var menu = document.querySelector("[data-site-menu]");
  if (menu && window.CSS && !CSS.supports("selector(::details-content)")) {
    var wide = window.matchMedia("(min-width: 64rem)");
    var sync = function () { menu.open = wide.matches; };
    sync();
    wide.addEventListener("change", sync);
  }

  // Pressing Escape three times in a row also leaves.
  var presses = 0;
  var timer = null;
  document.addEventListener("keydown", function (event) {
    if (event.key !== "Escape") return;
    presses += 1;
    clearTimeout(timer);
    timer = setTimeout(function () { presses = 0; }, 1200);
    if (presses >= 3) {
      var link = document.querySelector("[data-quick-exit]");
      if (link) leave(link.href);
    }
  });
})();
