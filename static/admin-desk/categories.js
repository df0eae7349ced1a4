// The categories box: Django admin's select2, asking the desk for names as the
// editor types. Only editors may type a new name (the server checks it too).
(function () {
  "use strict";
  function start($) {
    $("select.desk-categories").each(function () {
      var box = $(this);
      if (box.data("select2")) return;
      box.select2({
        width: "100%",
        multiple: true,
        tags: box.data("create") === 1 || box.data("create") === "1",
        tokenSeparators: [","],
        placeholder: box.data("placeholder") || "",
        ajax: {
          url: box.data("url"),
          dataType: "json",
          delay: 200,
          data: function (params) {
            return { term: params.term || "", page: params.page || 1 };
          },
        },
      });
    });
  }
  function ready() {
    if (window.django && window.django.jQuery) start(window.django.jQuery);
  }
  if (document.readyState !== "loading") ready();
  else document.addEventListener("DOMContentLoaded", ready);
})();
