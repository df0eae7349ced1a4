/* The brief form: Markdown editor with the product's preview, unsaved-changes
   warning, server-side autosave offered back on return. */
(function () {
  "use strict";

  function ready(fn) {
    if (document.readyState !== "loading") fn();
    else document.addEventListener("DOMContentLoaded", fn);
  }

  ready(function () {
    var config = document.getElementById("desk-config");
    var form = document.getElementById("brief_form");
    if (!config || !form) return;
    var csrf = form.querySelector("input[name=csrfmiddlewaretoken]");
    var status = document.getElementById("desk-autosave-status");
    var dirty = false;
    var submitting = false;
    var changedSinceAutosave = false;
    var editor = null;

    function post(url, body) {
      body.append("csrfmiddlewaretoken", csrf.value);
      return fetch(url, {
        method: "POST",
        body: body,
        credentials: "same-origin",
        headers: { "X-CSRFToken": csrf.value },
      });
    }

    function markDirty() {
      dirty = true;
      changedSinceAutosave = true;
    }

    // -- the editor ----------------------------------------------------------
    var body = document.getElementById("id_body");
    var previewTimer = null;
    var lastPreview = "";
    function renderPreview(text, element) {
      clearTimeout(previewTimer);
      previewTimer = setTimeout(function () {
        var data = new FormData();
        data.append("body", text);
        post(config.dataset.renderUrl, data)
          .then(function (response) {
            if (!response.ok) throw new Error(response.statusText);
            return response.json();
          })
          .then(function (json) {
            lastPreview = json.html;
            element.innerHTML = json.html;
            element.classList.add("brief-body");
          })
          .catch(function () {
            element.textContent = "The preview could not be rendered.";
          });
      }, 250);
      return lastPreview || "<p>Rendering…</p>";
    }

    function insertFootnote(mde) {
      var cm = mde.codemirror;
      var text = cm.getValue();
      var used = text.match(/<sup>(\d+)<\/sup>/g) || [];
      var n = used.length / 2 + 1;
      n = Math.floor(n);
      cm.replaceSelection("<sup>" + n + "</sup>");
      var notes = text.indexOf("\n## Notes\n") === -1 ? "\n\n## Notes\n" : "";
      var end = cm.posFromIndex(cm.getValue().length);
      cm.replaceRange(notes + "\n<sup>" + n + "</sup> Note text.", end);
    }

    if (body && window.EasyMDE) {
      editor = new window.EasyMDE({
        element: body,
        autoDownloadFontAwesome: false,
        forceSync: true,
        spellChecker: false,
        nativeSpellcheck: true,
        status: ["lines", "words"],
        minHeight: "320px",
        sideBySideFullscreen: false,
        previewRender: renderPreview,
        toolbar: [
          { name: "heading-2", action: window.EasyMDE.toggleHeading2, text: "H2", title: "Heading" },
          { name: "heading-3", action: window.EasyMDE.toggleHeading3, text: "H3", title: "Subheading" },
          { name: "bold", action: window.EasyMDE.toggleBold, text: "B", title: "Bold" },
          { name: "italic", action: window.EasyMDE.toggleItalic, text: "I", title: "Italic" },
          "|",
          { name: "unordered-list", action: window.EasyMDE.toggleUnorderedList, text: "• List", title: "Bulleted list" },
          { name: "ordered-list", action: window.EasyMDE.toggleOrderedList, text: "1. List", title: "Numbered list" },
          { name: "quote", action: window.EasyMDE.toggleBlockquote, text: "“ Quote", title: "Quote" },
          { name: "link", action: window.EasyMDE.drawLink, text: "Link", title: "Link" },
          { name: "footnote", action: insertFootnote, text: "Note¹", title: "Footnote" },
          { name: "table", action: window.EasyMDE.drawTable, text: "Table", title: "Table" },
          "|",
          { name: "preview", action: window.EasyMDE.togglePreview, text: "Preview", title: "Toggle preview", noDisable: true },
          { name: "side-by-side", action: window.EasyMDE.toggleSideBySide, text: "Side by side", title: "Preview beside the text", noDisable: true },
        ],
      });
      editor.codemirror.on("change", markDirty);
    }

    form.addEventListener("input", markDirty);
    form.addEventListener("change", markDirty);
    form.addEventListener("submit", function (event) {
      var target = event.submitter && event.submitter.getAttribute("formtarget");
      if (target !== "_blank") submitting = true;
      if (editor) editor.codemirror.save();
    });

    // -- leaving with unsaved changes ------------------------------------------
    window.addEventListener("beforeunload", function (event) {
      if (dirty && !submitting) {
        event.preventDefault();
        event.returnValue = "";
      }
    });

    // -- autosave ------------------------------------------------------------
    function autosave() {
      if (!changedSinceAutosave || submitting) return;
      changedSinceAutosave = false;
      if (editor) editor.codemirror.save();
      var data = new FormData(form);
      data.delete("csrfmiddlewaretoken");
      form.querySelectorAll("input[type=file]").forEach(function (input) {
        data.delete(input.name);
      });
      data.append("_desk_brief", config.dataset.brief);
      post(config.dataset.autosaveUrl, data)
        .then(function (response) {
          if (!response.ok) throw new Error(response.statusText);
          return response.json();
        })
        .then(function (json) {
          if (status) status.textContent = "Autosaved at " + json.saved_at + ".";
        })
        .catch(function () {
          changedSinceAutosave = true;
          if (status) status.textContent = "Autosave failed; your changes are still in this page.";
        });
    }
    setInterval(autosave, Number(config.dataset.autosaveEvery || 10000));
    document.addEventListener("visibilitychange", function () {
      if (document.visibilityState === "hidden") autosave();
    });

    // -- the autosaved copy, offered back ---------------------------------------
    var offer = document.getElementById("desk-autosave-offer");
    var saved = document.getElementById("desk-autosave-data");
    if (offer && saved) {
      document.getElementById("desk-autosave-restore").addEventListener("click", function () {
        var values = JSON.parse(saved.textContent);
        Object.keys(values).forEach(function (name) {
          var fields = form.querySelectorAll('[name="' + CSS.escape(name) + '"]');
          var list = values[name];
          fields.forEach(function (field) {
            if (field.type === "checkbox" || field.type === "radio") {
              field.checked = list.indexOf(field.value) !== -1 || (field.type === "checkbox" && list.indexOf("on") !== -1 && field.value === "on");
            } else if (field.tagName === "SELECT" && field.multiple) {
              Array.prototype.forEach.call(field.options, function (option) {
                option.selected = list.indexOf(option.value) !== -1;
              });
              // The categories box holds only its chosen names: add the others.
              list.forEach(function (value) {
                var known = Array.prototype.some.call(field.options, function (option) {
                  return option.value === value;
                });
                if (!known) field.add(new Option(value, value, true, true));
              });
              field.dispatchEvent(new Event("change", { bubbles: true }));
            } else if (field.type !== "file") {
              field.value = list[0] || "";
            }
          });
        });
        if (editor && values.body) editor.value(values.body[0]);
        offer.remove();
        markDirty();
        if (status) status.textContent = "Autosaved changes restored; save to keep them.";
      });
      document.getElementById("desk-autosave-discard").addEventListener("click", function () {
        var data = new FormData();
        data.append("_desk_brief", config.dataset.brief);
        data.append("_desk_discard", "1");
        post(config.dataset.autosaveUrl, data).then(function () {
          offer.remove();
        });
      });
    }
  });
})();
