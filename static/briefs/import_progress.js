// The progress page of a background import: polls its status and reloads the
// page (which then shows the report) once the worker is done with it. A file of its
// own, not inline script, so that the Content-Security-Policy can forbid inline.
(function () {
  "use strict";
  var box = document.getElementById("import-progress");
  if (!box || box.dataset.working !== "true") {
    return;
  }
  var url = box.dataset.statusUrl;
  var count = document.getElementById("import-progress-count");
  var state = document.getElementById("import-progress-state");
  var bar = document.getElementById("import-progress-bar");
  var delay = 1000;

  function show(status) {
    count.textContent = status.files_done + " of " + status.files_total;
    state.textContent = status.state_label;
    bar.max = status.files_total || 1;
    bar.value = status.files_done;
  }

  function poll() {
    fetch(url, { credentials: "same-origin", headers: { Accept: "application/json" } })
      .then(function (response) {
        if (!response.ok) {
          throw new Error("status " + response.status);
        }
        return response.json();
      })
      .then(function (status) {
        show(status);
        if (!status.working) {
          window.location.reload();
          return;
        }
        delay = 1000;
        window.setTimeout(poll, delay);
      })
      .catch(function () {
        // A restart of the server or a dropped connection: try again, slower.
        delay = Math.min(delay * 2, 30000);
        window.setTimeout(poll, delay);
      });
  }

  window.setTimeout(poll, delay);
})();
