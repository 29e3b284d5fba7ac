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

  // An error replaces the last report: a report left under it would pass for the answer.
  function fail(message) {
    frame.hidden = true;
    frame.removeAttribute("srcdoc");
    say(message, true);
  }

  // The API's messages (and its `hint`) speak to API callers; here the advice is about
  // this page's own controls.
  function explain(status, error, retryAfter) {
    var type = error && error.type;
    if (status === 401) {
      return "The server did not accept this API token: check it, or ask the server's operator for one.";
    }
    if (type === "engine_unavailable") {
      return "This server cannot run the llm engine (it has no model endpoint). Choose \u201coffline\u201d or \u201cauto\u201d under Engine.";
    }
    if (status === 429) {
      return "Too many requests with this token; try again in " + (retryAfter || "a few") + " s.";
    }
    if (status === 503) {
      return "The server is busy; try again in " + (retryAfter || "a few") + " s, or choose the offline engine.";
    }
    if (status === 502) {
      return "The model endpoint failed (" + (type || "HTTP " + status) + "); try again, or choose the offline engine.";
    }
    if (type === "article_too_large" || type === "body_too_large") {
      return "The article is longer than this server accepts; shorten it.";
    }
    if (type === "empty_article") {
      return "The article is empty: paste some text or choose a file.";
    }
    return (error && error.message) || "HTTP " + status;
  }

  form.addEventListener("submit", function (event) {
    event.preventDefault();
    var content = text.value;
    if (!content.trim()) { fail("Paste an article or choose a file first."); return; }
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
          var error = null;
          try { error = JSON.parse(payload).error; } catch (e) { /* not JSON */ }
          throw new Error(explain(response.status, error, response.headers.get("retry-after")));
        }
        frame.srcdoc = payload;
        frame.hidden = false;
        say("Done.", false);
      });
    }).catch(function (error) {
      fail(error.message);
    }).then(function () { go.disabled = false; });
  });
})();
