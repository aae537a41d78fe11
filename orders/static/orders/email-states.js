// Keeps the order page's "Emails" list current while the worker sends them,
// polling orders/email_states.py every two seconds until none is waiting.
(function () {
  var script = document.currentScript;
  var url = script && script.dataset.url;
  var list = document.querySelector("ul.order-emails");
  if (!url || !list || !window.fetch) return;

  function render(emails) {
    list.textContent = "";
    emails.forEach(function (email) {
      var item = document.createElement("li");
      item.textContent = email.kind + ": " + email.text;
      list.appendChild(item);
    });
  }

  function poll() {
    fetch(url, { headers: { Accept: "application/json" }, credentials: "same-origin" })
      .then(function (response) { return response.ok ? response.json() : null; })
      .then(function (data) {
        if (!data) return;
        if (data.emails.length) render(data.emails);
        if (data.waiting) setTimeout(poll, 2000);
      })
      .catch(function () { setTimeout(poll, 5000); });
  }

  setTimeout(poll, 2000);  // it stops by itself once nothing waits
})();
