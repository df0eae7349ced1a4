/* The soft lock: renew this editor's presence on the brief and show who else
   has it open. No blocking; the server forgets a presence that stops beating. */
(function () {
  "use strict";

  function ready(fn) {
    if (document.readyState !== "loading") fn();
    else document.addEventListener("DOMContentLoaded", fn);
  }

  ready(function () {
    var box = document.getElementById("desk-presence");
    var form = document.getElementById("brief_form");
    if (!box || !form || !box.dataset.url) return;
    var csrf = form.querySelector("input[name=csrfmiddlewaretoken]");
    var text = document.getElementById("desk-presence-text");
    var every = (parseInt(box.dataset.heartbeat, 10) || 30) * 1000;

    function show(message) {
      text.textContent = message;
      box.hidden = !message;
    }

    function beat() {
      if (document.visibilityState === "hidden") return;
      var data = new FormData();
      data.append("csrfmiddlewaretoken", csrf.value);
      fetch(box.dataset.url, {
        method: "POST",
        body: data,
        credentials: "same-origin",
        headers: { "X-CSRFToken": csrf.value },
      })
        .then(function (response) {
          if (!response.ok) throw new Error(response.statusText);
          return response.json();
        })
        .then(function (json) {
          show(json.notice);
        })
        .catch(function () {
          /* The next beat tries again; the notice keeps its last news. */
        });
    }

    setInterval(beat, every);
    document.addEventListener("visibilitychange", function () {
      if (document.visibilityState === "visible") beat();
    });
    // Leaving releases the brief at once rather than after the timeout; a
    // submit is not leaving, the next page records the presence again.
    var submitting = false;
    form.addEventListener("submit", function () {
      submitting = true;
    });
    window.addEventListener("pagehide", function () {
      if (submitting || !navigator.sendBeacon) return;
      var data = new FormData();
      data.append("csrfmiddlewaretoken", csrf.value);
      data.append("leave", "1");
      navigator.sendBeacon(box.dataset.url, data);
    });
  });
})();
