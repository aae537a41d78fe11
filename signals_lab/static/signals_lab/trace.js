// Fetch the worker's part of the trace block a few times, until every task it
// queued has finished: "in the worker, 0.4 s later: ..." appears without a reload.
(function () {
  "use strict";
  var box = document.querySelector("#signals-trace .trace-worker");
  if (!box || box.dataset.done === "1") return;
  var delays = [300, 500, 800, 1200, 2000, 3000, 5000, 8000, 13000];
  function poll(attempt) {
    fetch(box.dataset.url, { credentials: "same-origin" })
      .then(function (response) {
        if (!response.ok) throw new Error(response.status);
        var done = response.headers.get("X-Trace-Done") === "1";
        return response.text().then(function (html) {
          box.innerHTML = html;
          box.dataset.done = done ? "1" : "0";
          if (!done && attempt + 1 < delays.length) {
            setTimeout(poll, delays[attempt + 1], attempt + 1);
          }
        });
      })
      .catch(function () { /* the page still shows what was there */ });
  }
  setTimeout(poll, delays[0], 0);
})();
