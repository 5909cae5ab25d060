// Reacting, bookmarking and following without leaving the page. An enhancement only: each is
// a form that works without JavaScript (the server redirects back); here the same form is
// sent with fetch and the answer (JSON) updates the button. Any failure falls back to the
// ordinary form submission.
(function () {
  "use strict";

  function send(form, submitter) {
    var data = new FormData(form);
    if (submitter && submitter.name) {
      data.append(submitter.name, submitter.value);
    }
    return fetch(form.action, {
      method: "POST",
      body: data,
      credentials: "same-origin",
      headers: { Accept: "application/json" },
    }).then(function (response) {
      if (!response.ok) {
        throw new Error(String(response.status));
      }
      return response.json();
    });
  }

  var update = {
    reaction: function (form, button, answer) {
      button.setAttribute("aria-pressed", answer.mine ? "true" : "false");
      button.classList.toggle("reaction--mine", answer.mine);
      var count = button.querySelector(".reaction__count");
      if (count) {
        count.textContent = answer.count ? String(answer.count) : "";
        count.hidden = !answer.count;
      }
    },
    bookmark: function (form, button, answer) {
      button.setAttribute("aria-pressed", answer.bookmarked ? "true" : "false");
      button.textContent = button.getAttribute(answer.bookmarked ? "data-on" : "data-off");
    },
    subscription: function (form) {
      var status = form.querySelector("[role=status]");
      if (!status) {
        status = document.createElement("span");
        status.setAttribute("role", "status");
        status.className = "meta inplace-status";
        form.appendChild(status);
      }
      status.textContent = form.getAttribute("data-saved") || "";
    },
  };

  document.addEventListener("submit", function (event) {
    var form = event.target;
    var kind = form.getAttribute && form.getAttribute("data-inplace");
    if (!kind || !update[kind] || !window.fetch) {
      return;
    }
    event.preventDefault();
    var button = event.submitter || form.querySelector("button");
    if (button) {
      button.disabled = true;
    }
    send(form, button)
      .then(function (answer) {
        update[kind](form, button, answer);
      })
      .catch(function () {
        // Sent the ordinary way instead, with the button that was pressed.
        form.removeAttribute("data-inplace");
        if (button) {
          button.disabled = false;
        }
        if (form.requestSubmit) {
          form.requestSubmit(button || undefined);
        } else {
          form.submit();
        }
      })
      .finally(function () {
        if (button) {
          button.disabled = false;
        }
      });
  });
})();
