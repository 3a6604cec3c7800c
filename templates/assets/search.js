// The search box in the header (templates/theme/partials/header.html), over Pagefind's own
// JavaScript API: `briefing build` writes the index to pagefind/ (builder/publish/search.py).
// Nothing is fetched until the reader focuses the box; then only Pagefind's small entry files,
// its WebAssembly and the index chunks a query needs, all from this site.
//
// Result URLs: Pagefind's are root-absolute ("/facts/x/"). The site is served under a sub-path,
// so the base is made from this page's relative root (data-root, MkDocs' base_url).
//
// Keyboard: "/" focuses the box; the arrow keys move between the box and the results; Escape
// closes them; Enter in the box opens the first result. The status line is a live region, so a
// screen reader hears how many results a query found. Excerpts keep only text and <mark>.
(function () {
  "use strict";
  var form = document.querySelector("form.briefing-search");
  if (!form) return;
  var input = form.querySelector("input");
  var panel = form.querySelector(".briefing-search__panel");
  var status = form.querySelector("[role=status]");
  var list = form.querySelector("ol");
  var root = new URL((form.getAttribute("data-root") || ".").replace(/\/?$/, "/"), location.href);
  var loading = null;
  var latest = 0;
  var SHOWN = 10;

  function load() {
    if (!loading) {
      loading = import(new URL("pagefind/pagefind.js", root).href).then(function (pagefind) {
        return pagefind.options({ baseUrl: root.pathname, excerptLength: 24 }).then(function () {
          pagefind.init();
          return pagefind;
        });
      });
      loading.catch(function () {
        loading = null; // a later query tries again
      });
    }
    return loading;
  }

  function open(on) {
    panel.hidden = !on;
  }

  function say(text) {
    status.textContent = text;
  }

  // Pagefind's excerpt is HTML with <mark> around the matched words. It is parsed inert (a
  // template runs no script and loads nothing) and only its text and <mark> elements are kept.
  function excerpt(html) {
    var template = document.createElement("template");
    template.innerHTML = html;
    var out = document.createElement("span");
    out.className = "briefing-search__excerpt";
    (function copy(from, to) {
      from.childNodes.forEach(function (node) {
        if (node.nodeType === Node.TEXT_NODE) {
          to.appendChild(document.createTextNode(node.textContent));
        } else if (node.nodeType === Node.ELEMENT_NODE) {
          var into = to;
          if (node.nodeName === "MARK") {
            into = document.createElement("mark");
            to.appendChild(into);
          }
          copy(node, into);
        }
      });
    })(template.content, out);
    return out;
  }

  function show(query, total, pages) {
    list.textContent = "";
    pages.forEach(function (page) {
      var item = document.createElement("li");
      var link = document.createElement("a");
      link.href = page.url;
      var title = document.createElement("span");
      title.className = "briefing-search__title";
      title.textContent = (page.meta && page.meta.title) || page.url;
      link.appendChild(title);
      link.appendChild(excerpt(page.excerpt || ""));
      item.appendChild(link);
      list.appendChild(item);
    });
    var quoted = "“" + query + "”";
    if (!total) say("No results for " + quoted);
    else if (total <= SHOWN) say(total + (total === 1 ? " result" : " results") + " for " + quoted);
    else say("The first " + SHOWN + " of " + total + " results for " + quoted);
    open(true);
  }

  function search() {
    var query = input.value.trim();
    var mine = ++latest;
    if (!query) {
      list.textContent = "";
      say("");
      open(false);
      return;
    }
    load()
      .then(function (pagefind) {
        return pagefind.debouncedSearch(query, {}, 200);
      })
      .then(function (found) {
        if (found === null || mine !== latest) return null; // a later keystroke took over
        var first = found.results.slice(0, SHOWN);
        return Promise.all(first.map(function (r) { return r.data(); })).then(function (pages) {
          if (mine === latest) show(query, found.results.length, pages);
        });
      })
      .catch(function () {
        if (mine !== latest) return;
        list.textContent = "";
        say("Search is not available here: this copy of the site has no search index.");
        open(true);
      });
  }

  function links() {
    return Array.prototype.slice.call(list.querySelectorAll("a"));
  }

  form.hidden = false;
  input.addEventListener("focus", function () {
    load().catch(function () {});
    if (input.value.trim() && list.childNodes.length) open(true);
  });
  input.addEventListener("input", search);
  form.addEventListener("submit", function (event) {
    event.preventDefault();
    var first = links()[0];
    if (first) location.href = first.href;
  });
  form.addEventListener("keydown", function (event) {
    var all = links();
    var at = all.indexOf(document.activeElement);
    if (event.key === "Escape") {
      open(false);
      input.focus();
      event.preventDefault();
    } else if (event.key === "ArrowDown" && all.length && !panel.hidden) {
      all[Math.min(at + 1, all.length - 1)].focus();
      event.preventDefault();
    } else if (event.key === "ArrowUp" && at >= 0) {
      (at === 0 ? input : all[at - 1]).focus();
      event.preventDefault();
    }
  });
  form.addEventListener("focusout", function (event) {
    if (!form.contains(event.relatedTarget)) open(false);
  });
  document.addEventListener("keydown", function (event) {
    var target = event.target;
    var typing = target.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName);
    if (event.key === "/" && !typing && !event.ctrlKey && !event.metaKey && !event.altKey) {
      event.preventDefault();
      event.stopPropagation();
      input.focus();
      input.select();
    }
  }, true);
})();
