// The media library picker: a filter over the thumbnails, and the chosen one marked.
(function () {
  "use strict";
  function start() {
    document.querySelectorAll(".desk-library").forEach(function (picker) {
      var filter = picker.querySelector(".desk-library__filter");
      var items = picker.querySelectorAll(".desk-library__item");
      if (filter) {
        filter.addEventListener("input", function () {
          var words = filter.value.toLowerCase().split(/\s+/).filter(Boolean);
          items.forEach(function (item) {
            var text = item.dataset.search || "";
            var radio = item.querySelector("input");
            var match = words.every(function (w) { return text.indexOf(w) !== -1; });
            item.hidden = !(match || (radio && radio.checked) || !radio.value);
          });
        });
        // Enter in the filter must not submit the brief form.
        filter.addEventListener("keydown", function (event) {
          if (event.key === "Enter") event.preventDefault();
        });
      }
      picker.addEventListener("change", function () {
        items.forEach(function (item) {
          var radio = item.querySelector("input");
          item.classList.toggle("desk-library__item--chosen", !!(radio && radio.checked));
        });
      });
    });
  }
  if (document.readyState !== "loading") start();
  else document.addEventListener("DOMContentLoaded", start);
})();
