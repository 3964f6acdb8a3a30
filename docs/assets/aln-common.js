/* What the site's scripts share, loaded on every page (mkdocs.yml extra_javascript), first: the one home of
   script loading, the DOM builder, excerpts, filters in the page address and facet counting, as window.ALN;
   and the header search box, which loads search.js the first time it is used.
   The page scripts (explorer.js on the explorer, search.js on the search page, offline-search.js in the
   offline bundle) come after it: overrides/main.html adds them where mkdocs.yml says. A classic script
   with no fetch, so it also works opened from disk (file://). Contributor text only ever reaches the
   page as text: the DOM builder has no way to write HTML. */
(function () {
  "use strict";

  var own = document.currentScript ? document.currentScript.src : "";
  var ASSETS = own.replace(/[^\/]*$/, "");  /* this script's folder, assets/ */
  var ROOT = own ? new URL("../", own).href : "";
  var loading = {};

  /* A classic script, once: the promise settles when it has run, or rejects when it cannot be loaded
     (and the next call tries again). ``src`` is relative to the assets folder unless absolute. */
  function loadScript(src) {
    var url = new URL(src, ASSETS || location.href).href;
    if (!loading[url]) {
      loading[url] = new Promise(function (resolve, reject) {
        var script = document.createElement("script");
        script.src = url;
        script.onload = resolve;
        script.onerror = function () {
          delete loading[url];
          script.remove();
          reject(new Error("cannot load " + url));
        };
        document.head.appendChild(script);
      });
    }
    return loading[url];
  }

  /* el("a", {"class": "x", href: "…", text: "…"}, [child, "text", null]): an element with attributes, its text
     (set as text, never parsed) and children (elements, or strings as text; null skipped). */
  function el(tag, attrs, children) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (key) {
      var value = attrs[key];
      if (value === undefined || value === null) return;
      if (key === "text") node.textContent = value;
      else if (key === "class") node.className = value;
      else node.setAttribute(key, value);
    });
    (children || []).forEach(function (child) {
      if (child === null || child === undefined) return;
      node.appendChild(typeof child === "string" ? document.createTextNode(child) : child);
    });
    return node;
  }

  /* Words [from, to) of ``words`` around the first one ``isHit(index)`` accepts (the start when none does), at
     most ``length`` of them, as runs [[text, marked], ...]: the hits marked, "… " where words are left out.
     ``from`` can be the word after a heading, so that an excerpt never repeats the title shown above it. */
  function excerpt(words, from, to, isHit, length) {
    var first = -1, i;
    for (i = from; i < to; i++) if (isHit(i)) { first = i; break; }
    var start = first < 0 ? from : Math.max(from, first - Math.floor(length / 3));
    start = Math.max(from, Math.min(start, to - length));
    var end = Math.min(to, start + length), runs = [];
    function add(text, marked) {
      var last = runs[runs.length - 1];
      if (!marked && last && !last[1]) last[0] += text; else runs.push([text, marked]);
    }
    if (end <= start) return runs;
    if (start > from) add("… ", false);
    for (i = start; i < end; i++) {
      if (i > start) add(" ", false);
      add(words[i], isHit(i));
    }
    if (end < to) add(" …", false);
    return runs;
  }

  /* An excerpt's runs as children for el(): text, and <mark> around the hits. */
  function marked(runs) {
    return runs.map(function (run) { return run[1] ? el("mark", { text: run[0] }) : run[0]; });
  }

  /* Facets. ``chosen`` maps a facet key to the values chosen (none: the facet filters nothing); an item
     passes a facet when one of its values (``valuesOf(item, key)``) is chosen. */
  function passesFacet(item, wanted, valuesOf, key) {
    return !wanted || !wanted.length || valuesOf(item, key).some(function (v) { return wanted.indexOf(v) >= 0; });
  }

  /* Whether ``item`` passes every chosen facet but ``except``. */
  function passes(item, chosen, valuesOf, except) {
    return Object.keys(chosen).every(function (key) { return key === except || passesFacet(item, chosen[key], valuesOf, key); });
  }

  /* How many items each value of each facet would show, given the other facets: an item counts for a
     facet's values when it passes every other facet. {key: {value: n}}, in one pass over the items. */
  function facetCounts(items, keys, chosen, valuesOf) {
    var counts = {};
    keys.forEach(function (key) { counts[key] = Object.create(null); });  /* a value may be "constructor" */
    items.forEach(function (item) {
      var failed = keys.filter(function (key) { return !passesFacet(item, chosen[key], valuesOf, key); });
      if (failed.length > 1) return;
      (failed.length ? failed : keys).forEach(function (key) {
        valuesOf(item, key).forEach(function (value) { counts[key][value] = (counts[key][value] || 0) + 1; });
      });
    });
    return counts;
  }

  /* Filters in the page address, the same on the explorer and the search page: one key per facet, repeated for
     several values, each value a stable id: ?theme=procurement-social-value&theme=workforce&kind=barrier.
     Read as well, so that old links open the same view: a comma list of ids (?theme=a,b, the explorer's
     former form) and display titles (?theme=Relationships+and+trust, the search page's), in any case. */

  /* A reader's table for readFilters: {key: [[id, title], ...]} -> {key: {id or title, lower case: id}}. The
     tables have no prototype, so that a query naming "constructor" or "__proto__" finds nothing. */
  function filterLookup(options) {
    var lookup = {};
    Object.keys(options).forEach(function (key) {
      var table = lookup[key] = Object.create(null);
      options[key].forEach(function (option) {
        if (!(option[1].toLowerCase() in table)) table[option[1].toLowerCase()] = option[0];
      });
      options[key].forEach(function (option) { table[option[0].toLowerCase()] = option[0]; });  /* ids first */
    });
    return lookup;
  }

  /* {key: [id, ...]} for each key of ``lookup`` from a query string; values no option has are left out. */
  function readFilters(search, lookup) {
    var params = new URLSearchParams(search), chosen = {};
    Object.keys(lookup).forEach(function (key) {
      var table = lookup[key], ids = chosen[key] = [];
      function add(value) {
        var id = table[value.trim().toLowerCase()];
        if (id !== undefined && ids.indexOf(id) < 0) ids.push(id);
        return id !== undefined;
      }
      params.getAll(key).forEach(function (value) {
        if (!add(value)) value.split(",").forEach(add);  /* a title may hold a comma: the whole value first */
      });
    });
    return chosen;
  }

  /* ``search`` with the keys in ``managed`` replaced by ``pairs`` ([[key, value], ...], in order): "?..." or "". */
  function query(search, managed, pairs) {
    var params = new URLSearchParams(search);
    managed.forEach(function (key) { params.delete(key); });
    pairs.forEach(function (pair) { params.append(pair[0], pair[1]); });
    var text = params.toString();
    return text ? "?" + text : "";
  }

  /* [[key, id], ...] of ``chosen``, in the order of ``keys``. */
  function filterPairs(keys, chosen) {
    var pairs = [];
    keys.forEach(function (key) { (chosen[key] || []).forEach(function (id) { pairs.push([key, id]); }); });
    return pairs;
  }

  /* Replace this page's query, keeping its path and fragment. */
  function setQuery(search) {
    try {
      history.replaceState(history.state, "", location.pathname + search + location.hash);
    } catch (error) {
      /* Some browsers refuse history changes on file:// pages; the filters still work. */
    }
  }

  /* The header search box, on every page: its button, "/", "s" or "f" open it, Escape closes it, Enter opens
     the search page. search.js, which lists results as you type, loads the first time the box takes focus. */
  function headerSearch() {
    var root = document.querySelector("[data-aln-search=header]");
    var toggle = document.getElementById("__search");
    if (!root || !toggle || root.hasAttribute("data-aln-ready")) return;
    root.setAttribute("data-aln-ready", "");
    var input = root.querySelector(".md-search__input"), form = root.querySelector("form"), attached = null;
    function attach() {
      attached = attached || (window.ALNSearch ? Promise.resolve() : loadScript("search.js"))
        .then(function () { window.ALNSearch.header(root); })
        .catch(function () { attached = null; });  /* tried again at the next focus */
    }
    input.addEventListener("focus", function () { toggle.checked = true; attach(); });
    toggle.addEventListener("change", function () { if (toggle.checked) input.focus(); });
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      location.href = root.getAttribute("data-search-page") + query("", [], [["q", input.value.trim()]]);
    });
    form.addEventListener("reset", function () { toggle.checked = false; input.blur(); });
    document.addEventListener("keydown", function (event) {
      var typing = /input|textarea|select/i.test((event.target || {}).tagName || "");
      if (!typing && (event.key === "/" || event.key === "s" || event.key === "f")) { event.preventDefault(); input.focus(); }
      if (event.key === "Escape" && toggle.checked) { toggle.checked = false; input.blur(); }
    });
  }

  /* A table wider than the screen scrolls sideways in Material's wrapper, which a keyboard can only scroll when
     the wrapper takes focus (WCAG 2.1.1; axe's scrollable-region-focusable). Wrappers that scroll are made
     focusable regions named after their table; checked again when the window changes size. */
  function scrollableTables() {
    [].forEach.call(document.querySelectorAll(".md-typeset__scrollwrap"), function (wrap) {
      var scrolls = wrap.scrollWidth > wrap.clientWidth + 1;
      if (scrolls && !wrap.hasAttribute("tabindex")) {
        var head = wrap.querySelector("caption, th");
        wrap.setAttribute("tabindex", "0");
        wrap.setAttribute("role", "region");
        wrap.setAttribute("aria-label", "Table" + (head ? ": " + head.textContent.trim() : "") + ", scrolls sideways");
        wrap.setAttribute("data-aln-scrolls", "");
      } else if (!scrolls && wrap.hasAttribute("data-aln-scrolls")) {
        ["tabindex", "role", "aria-label", "data-aln-scrolls"].forEach(function (name) { wrap.removeAttribute(name); });
      }
    });
  }

  /* A link to a part of a page that the phone layout hides (the timeline chart's row #case-x, the matrix's column
     #case-x) goes to the first element standing in for it there, marked data-aln-anchor="case-x" (the phone list's
     entry; the case study's entry in each theme card), and every stand-in is marked as the link's target. */
  function hiddenTarget() {
    Array.prototype.forEach.call(document.querySelectorAll(".aln-target"), function (old) { old.classList.remove("aln-target"); });
    var id = decodeURIComponent(location.hash.slice(1));
    var target = id && document.getElementById(id);
    if (!target || target.getClientRects().length) return;
    var standIns = Array.prototype.filter.call(
      document.querySelectorAll('[data-aln-anchor="' + (window.CSS && CSS.escape ? CSS.escape(id) : id) + '"]'),
      function (standIn) { return standIn.getClientRects().length; });
    if (!standIns.length) return;
    standIns.forEach(function (standIn) { standIn.classList.add("aln-target"); });
    var header = document.querySelector(".md-header");  /* sticky: the entry goes just below it */
    var top = standIns[0].getBoundingClientRect().top + window.scrollY - (header ? header.offsetHeight : 0) - 8;
    window.scrollTo(0, Math.max(0, top));
  }

  window.ALN = {
    assets: ASSETS, root: ROOT, loadScript: loadScript, el: el, excerpt: excerpt, marked: marked,
    passes: passes, facetCounts: facetCounts, filterLookup: filterLookup, readFilters: readFilters,
    query: query, filterPairs: filterPairs, setQuery: setQuery
  };

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", headerSearch);
  else headerSearch();
  /* Material wraps tables when it publishes the page (document$, replayed to late subscribers), after this runs. */
  if (window.document$ && window.document$.subscribe) window.document$.subscribe(function () { setTimeout(scrollableTables, 0); });
  window.addEventListener("load", hiddenTarget);
  window.addEventListener("hashchange", hiddenTarget);
  var resizing = 0;
  window.addEventListener("resize", function () { clearTimeout(resizing); resizing = setTimeout(scrollableTables, 150); });
})();
