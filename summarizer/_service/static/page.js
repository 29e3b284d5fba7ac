// The try-it page: no framework, nothing from the internet. The token is kept in this
// browser's localStorage so it is entered once; the report is the server's own HTML
// rendering (the same as `summarizer analyze --format html`), shown in a sandboxed frame.
(function () {
  "use strict";
  var KEY = "summarizer.token";
  var form = document.getElementById("form");
  var token = document.getElementById("token");
  var text = document.getElementById("text");
  var file = document.getElementById("file");
  var engine = document.getElementById("engine");
  var go = document.getElementById("go");
  var status = document.getElementById("status");
  var frame = document.getElementById("report");
  var fileIsHtml = false;

  try { token.value = window.localStorage.getItem(KEY) || ""; } catch (e) { /* storage off */ }
  token.addEventListener("change", function () {
    try { window.localStorage.setItem(KEY, token.value.trim()); } catch (e) { /* storage off */ }
  });
  document.getElementById("forget").addEventListener("click", function () {
    token.value = "";
    try { window.localStorage.removeItem(KEY); } catch (e) { /* storage off */ }
  });

  file.addEventListener("change", function () {
    var chosen = file.files && file.files[0];
    if (!chosen) { return; }
    fileIsHtml = /\.x?html?$/i.test(chosen.name) || chosen.type === "text/html";
    chosen.text().then(function (content) { text.value = content; });
  });
  text.addEventListener("input", function () { fileIsHtml = false; });

  function say(message, isError) {
    status.textContent = message;
    status.className = isError ? "error" : "";
  }

  form.addEventListener("submit", function (event) {
    event.preventDefault();
    var content = text.value;
    if (!content.trim()) { say("Paste an article or choose a file first.", true); return; }
    var secret = token.value.trim();
    try { window.localStorage.setItem(KEY, secret); } catch (e) { /* storage off */ }
    var looksHtml = fileIsHtml || /^\s*(<!doctype html|<html[\s>])/i.test(content);
    var body = { engine: engine.value };
    body[looksHtml ? "html" : "text"] = content;
    go.disabled = true;
    say("Analysing…", false);
    fetch("/v1/report", {
      method: "POST",
      headers: { "Content-Type": "application/json", "Authorization": "Bearer " + secret },
      body: JSON.stringify(body)
    }).then(function (response) {
      return response.text().then(function (payload) {
        if (!response.ok) {
          var message = "HTTP " + response.status;
          try { message = JSON.parse(payload).error.message; } catch (e) { /* not JSON */ }
          throw new Error(message);
        }
        frame.srcdoc = payload;
        frame.hidden = false;
        say("Done.", false);
      });
    }).catch(function (error) {
      say(error.message, true);
    }).then(function () { go.disabled = false; });
  });
})();
