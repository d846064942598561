/* aftalegraf – progressive enhancement only; every page works without this file. */
(function () {
  "use strict";
  function ready(fn) { if (document.readyState !== "loading") fn(); else document.addEventListener("DOMContentLoaded", fn); }
  ready(function () {
    // Filters sit above the results on a narrow screen: closed there, so the results come first in view.
    if (window.matchMedia && window.matchMedia("(max-width: 820px)").matches) {
      document.querySelectorAll("details.facets-box").forEach(function (d) { d.open = false; });
    }
    // Upload: show how far the file has come (sent, then read, extracted and indexed on the server);
    // without JavaScript the form posts as usual and the answer page says the same.
    var upload = document.querySelector('form.upload-form[action="/tilfoej"]');
    if (upload && window.FormData && window.XMLHttpRequest) {
      upload.addEventListener("submit", function (e) {
        e.preventDefault();
        var box = upload.querySelector(".upload-progress");
        var bar = document.getElementById("upload-progress");
        var status = document.getElementById("upload-status");
        var xhr = new XMLHttpRequest();
        box.hidden = false;
        bar.value = 0;
        status.textContent = "Filen sendes …";
        upload.querySelector("button[type=submit]").disabled = true;
        xhr.upload.onprogress = function (ev) {
          if (ev.lengthComputable) { bar.value = Math.round(100 * ev.loaded / ev.total); }
        };
        xhr.upload.onload = function () {
          bar.removeAttribute("value");   // indeterminate: the server reads, extracts and indexes
          status.textContent = "Filen er modtaget. Teksten læses, bestemmelser, forpligtelser og mål findes, og den indekseres …";
        };
        xhr.onload = function () { document.open(); document.write(xhr.responseText); document.close(); };
        xhr.onerror = function () {
          status.textContent = "Forbindelsen til serveren blev afbrudt. Prøv igen.";
          upload.querySelector("button[type=submit]").disabled = false;
        };
        xhr.open("POST", upload.action);
        xhr.setRequestHeader("Accept", "text/html");
        xhr.send(new FormData(upload));
      });
    }
    // SPARQL console: pick an example query into the editor.
    var pick = document.querySelector("select[data-examples]");
    var editor = document.getElementById("query");
    if (pick && editor) {
      pick.addEventListener("change", function () {
        var src = document.querySelector('textarea[data-example="' + CSS.escape(pick.value) + '"]');
        if (src) { editor.value = src.value; editor.focus(); }
      });
    }
    var form = document.getElementById("sparql-form");
    if (form && editor) {
      // Ctrl/Cmd+Enter runs; Tab inserts two spaces (Esc then Tab leaves the editor).
      var escaped = false;
      editor.addEventListener("keydown", function (e) {
        if (e.key === "Enter" && (e.ctrlKey || e.metaKey)) { e.preventDefault(); form.submit(); return; }
        if (e.key === "Escape") { escaped = true; return; }
        if (e.key === "Tab" && !e.shiftKey && !escaped) {
          e.preventDefault();
          var s = editor.selectionStart, t = editor.selectionEnd;
          editor.value = editor.value.slice(0, s) + "  " + editor.value.slice(t);
          editor.selectionStart = editor.selectionEnd = s + 2;
        }
        escaped = false;
      });
      // Jump to the error's line.
      if (editor.getAttribute("aria-invalid") === "true") {
        var m = /Linje (\d+)/.exec((document.getElementById("sparql-error") || {}).textContent || "");
        if (m) {
          var line = parseInt(m[1], 10), lines = editor.value.split("\n"), pos = 0;
          for (var i = 0; i < line - 1 && i < lines.length; i++) pos += lines[i].length + 1;
          editor.focus();
          editor.setSelectionRange(pos, pos + (lines[line - 1] || "").length);
        }
      }
    }
    // Search options: submit when the mode changes.
    var mode = document.getElementById("mode");
    if (mode && mode.form) mode.addEventListener("change", function () { if (document.getElementById("q").value.trim()) mode.form.submit(); });
  });
})();
