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
