// "Try it" links: the chapters link to the running site as http://127.0.0.1:8000/...
// (tests check every such path exists). Here they are pointed at the site's real
// address (mkdocs.yml: extra.site_url, from SITE_URL), and when nothing answers
// there, a click says how to start the site instead of failing.
(function () {
  var WRITTEN = "http://127.0.0.1:8000";
  var START = "python manage.py run";

  function siteUrl() {
    var meta = document.querySelector('meta[name="cookbook-site-url"]');
    var url = (meta && meta.content) || WRITTEN;
    return url.replace(/\/+$/, "");
  }

  function siteLinks() {
    return Array.prototype.filter.call(document.querySelectorAll("a[href]"), function (a) {
      return a.getAttribute("href").indexOf(WRITTEN + "/") === 0 || a.dataset.siteLink;
    });
  }

  function explain(link, site) {
    var note = link.parentNode.querySelector(".site-down-note");
    if (!note) {
      note = document.createElement("span");
      note.className = "site-down-note admonition warning";
      note.setAttribute("role", "status");
      link.insertAdjacentElement("afterend", note);
    }
    note.textContent = " The site must be running for this link: nothing answers at " + site +
      ". Start it from the project folder with `" + START + "` (or `make run`), then click again.";
  }

  function probe(site) {
    // An opaque no-cors request resolves when something answers and rejects when nothing does.
    if (!window.fetch) return Promise.resolve(true);
    return fetch(site + "/", { mode: "no-cors", cache: "no-store" }).then(
      function () { return true; },
      function () { return false; }
    );
  }

  function wire() {
    var site = siteUrl();
    siteLinks().forEach(function (link) {
      if (link.dataset.siteLink) return;
      var path = link.getAttribute("href").slice(WRITTEN.length);
      link.dataset.siteLink = path;
      link.href = site + path;
      if (link.textContent.indexOf(WRITTEN) === 0) link.textContent = site + path;
      link.addEventListener("click", function (event) {
        if (event.ctrlKey || event.metaKey || event.shiftKey) return;
        event.preventDefault();
        probe(site).then(function (up) {
          if (up) window.location.href = link.href;
          else explain(link, site);
        });
      });
    });
  }

  if (window.document$ && window.document$.subscribe) window.document$.subscribe(wire);
  else if (document.readyState !== "loading") wire();
  else document.addEventListener("DOMContentLoaded", wire);
})();
