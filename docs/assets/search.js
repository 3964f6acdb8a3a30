/* Search UI for the header box and the search page. One UI, two engines: Pagefind on a served site,
   and the offline index (assets/search-index.js + offline-search.js, both classic scripts) when the
   site is opened from disk, where browsers refuse Pagefind's module, WASM and fetch loading.
   The query and filters live in the URL (?q=...&theme=...&kind=...), the same for both engines. */
(function () {
  "use strict";
  var ROOT = new URL("../", document.currentScript.src).href;
  var FILTER_NAMES = { theme: "Theme", kind: "Kind", "case": "Case study", nation: "Nation", member: "Member type",
    status: "Status" };
  var KIND_ORDER = ["Case study", "Workstream", "Lesson", "Barrier", "Recommendation", "Theme", "Page"];
  var PAGE_SIZE = 20, HEADER_SIZE = 8;
  var enginePromise = null;

  function loadScript(src) {
    return new Promise(function (resolve, reject) {
      var s = document.createElement("script");
      s.src = src; s.onload = resolve; s.onerror = function () { reject(new Error("cannot load " + src)); };
      document.head.appendChild(s);
    });
  }

  function offlineEngine() {
    return loadScript(ROOT + "assets/offline-search.js")
      .then(function () { return loadScript(ROOT + "assets/search-index.js"); })
      .then(function () { return new window.ALNOfflineSearch(window.ALN_SEARCH_INDEX); });
  }

  function pagefindFilters(filters, skip) {
    var out = {};
    Object.keys(filters).forEach(function (k) { if (k !== skip && filters[k].length) out[k] = { any: filters[k] }; });
    return out;
  }

  function escapeHtml(text) {
    return text.replace(/[&<>"']/g, function (c) { return "&#" + c.charCodeAt(0) + ";"; });
  }

  // Pagefind's own excerpt often starts in the title and context; take it from the body (id aln-body) instead.
  function bodyExcerpt(d) {
    var body = (d.anchors || []).filter(function (a) { return a.id === "aln-body"; })[0];
    if (!body) return d.excerpt;
    var words = d.content.split(/\s+/), start = body.location, hits = {};
    d.locations.forEach(function (l) { hits[l] = true; });
    var first = d.locations.filter(function (l) { return l >= start; })[0];
    var from = first === undefined ? start : Math.max(start, first - 12);
    return (from > start ? "… " : "") + words.slice(from, from + 30).map(function (w, i) {
      return hits[from + i] ? "<mark>" + escapeHtml(w) + "</mark>" : escapeHtml(w);
    }).join(" ") + (from + 30 < words.length ? " …" : "");
  }

  function PagefindEngine(pagefind) {
    var allFilters = null;
    // counts: also return each filter value's count (the search page); the header box skips that download.
    this.search = function (query, filters, counts) {
      var active = Object.keys(filters).filter(function (k) { return filters[k].length; });
      var term = query.trim() || null;
      // Loading every filter first: a search made before that reports no filter counts.
      var ready = counts ? (allFilters = allFilters || pagefind.filters()) : Promise.resolve({});
      if (!term && !active.length) return ready.then(function (all) { return { counts: all, total: 0, results: [] }; });
      return ready.then(function () {
        // Values of one filter combine with OR, so each active filter counts its values without itself.
        var others = counts ? active : [];
        return Promise.all([pagefind.search(term, { filters: pagefindFilters(filters) })].concat(others.map(function (k) {
          return pagefind.search(term, { filters: pagefindFilters(filters, k) });
        })));
      }).then(function (found) {
        var tally = Object.assign({}, found[0].filters);
        active.forEach(function (k, i) { if (found[i + 1]) tally[k] = found[i + 1].filters[k] || {}; });
        return { counts: tally, total: found[0].results.length, results: found[0].results.map(function (r) {
          return { id: r.id, score: r.score, load: function () {
            return r.data().then(function (d) {
              return { url: d.meta.url, title: d.meta.title, meta: d.meta, excerpt: bodyExcerpt(d) };
            });
          } };
        }) };
      });
    };
  }

  /* Every word must match, as in Pagefind. When no result has them all (a question typed as a sentence),
     fall back to results with any of the words, ranked by the sum of their scores for each word. */
  function find(query, filters, counts) {
    return engine().then(function (e) {
      return e.search(query, filters, counts).then(function (found) {
        var words = query.trim().split(/\s+/).filter(Boolean);
        if (found.total || words.length < 2) return found;
        return Promise.all(words.map(function (w) { return e.search(w, filters, counts); })).then(function (each) {
          var merged = new Map(), tally = {};
          each.forEach(function (f) {
            f.results.forEach(function (r) {
              var m = merged.get(r.id) || { result: r, score: 0 };
              m.score += r.score; merged.set(r.id, m);
            });
            // Counts of the union are not known without loading every result: show the largest per word.
            Object.keys(f.counts).forEach(function (k) {
              tally[k] = tally[k] || {};
              Object.keys(f.counts[k]).forEach(function (v) { tally[k][v] = Math.max(tally[k][v] || 0, f.counts[k][v]); });
            });
          });
          var results = Array.from(merged.values()).sort(function (a, b) { return b.score - a.score; });
          return { counts: tally, total: results.length, partial: true,
                   results: results.map(function (m) { return m.result; }) };
        });
      });
    });
  }

  function engine() {
    if (!enginePromise) {
      enginePromise = location.protocol === "file:" ? offlineEngine() : import(ROOT + "pagefind/pagefind.js")
        .then(function (pagefind) {
          return pagefind.options({ excerptLength: 30 }).then(function () { return new PagefindEngine(pagefind); });
        })
        .catch(function () { return offlineEngine(); });
    }
    return enginePromise;
  }

  /* URL state */
  function readState(params) {
    var filters = {};
    Object.keys(FILTER_NAMES).forEach(function (k) { filters[k] = params.getAll(k); });
    return { q: params.get("q") || "", filters: filters };
  }

  function stateQuery(state) {
    var params = new URLSearchParams();
    if (state.q) params.set("q", state.q);
    Object.keys(state.filters).forEach(function (k) { state.filters[k].forEach(function (v) { params.append(k, v); }); });
    var s = params.toString();
    return s ? "?" + s : "";
  }

  /* Rendering */
  function el(tag, attrs, children) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (k) {
      if (k === "text") node.textContent = attrs[k]; else if (k === "html") node.innerHTML = attrs[k];
      else node.setAttribute(k, attrs[k]);
    });
    (children || []).forEach(function (c) { if (c) node.appendChild(c); });
    return node;
  }

  function metaLine(meta) {
    return [meta.kind, meta["case"] && meta["case"] !== meta.title ? meta["case"] : null, meta.place, meta.years]
      .filter(Boolean).join(" · ");
  }

  function resultItem(hit) {
    var article = el("article", { "class": "md-search-result__article md-typeset" }, [
      el("h1", { text: hit.title }),
      el("p", { "class": "aln-result__meta", text: metaLine(hit.meta) }),
      el("p", { "class": "aln-result__excerpt", html: hit.excerpt })
    ]);
    return el("li", { "class": "md-search-result__item" }, [
      el("a", { href: ROOT + hit.url, "class": "md-search-result__link aln-result", "data-url": hit.url }, [article])
    ]);
  }

  function renderHits(list, results, from, to) {
    return Promise.all(results.slice(from, to).map(function (r) { return r.load(); })).then(function (hits) {
      hits.forEach(function (hit) { list.appendChild(resultItem(hit)); });
    });
  }

  /* The header box */
  function Header(root) {
    var input = root.querySelector(".md-search__input"), meta = root.querySelector(".md-search-result__meta");
    var list = root.querySelector(".md-search-result__list"), toggle = document.getElementById("__search");
    var searchPage = root.getAttribute("data-search-page"), current = 0;
    input.addEventListener("focus", function () { toggle.checked = true; engine(); });
    toggle.addEventListener("change", function () { if (toggle.checked) input.focus(); });
    root.querySelector("form").addEventListener("submit", function (event) {
      event.preventDefault();
      location.href = searchPage + stateQuery({ q: input.value.trim(), filters: {} });
    });
    root.querySelector("form").addEventListener("reset", function () { toggle.checked = false; input.blur(); });
    document.addEventListener("keydown", function (event) {
      var typing = /input|textarea|select/i.test((event.target || {}).tagName || "");
      if (!typing && (event.key === "/" || event.key === "s" || event.key === "f")) { event.preventDefault(); input.focus(); }
      if (event.key === "Escape" && toggle.checked) { toggle.checked = false; input.blur(); }
    });
    input.addEventListener("input", debounce(function () {
      var query = input.value.trim(), run = ++current;
      if (!query) { meta.textContent = "Type to start searching"; list.replaceChildren(); return; }
      find(query, {}, false).then(function (found) {
        if (run !== current) return;
        list.replaceChildren();
        meta.replaceChildren(document.createTextNode(!found.total ? "No results for “" + query + "”. Try other words."
          : found.total + " result" + (found.total === 1 ? "" : "s") + (found.partial ? " with some of your words" : "")));
        if (found.total > HEADER_SIZE) {
          meta.appendChild(document.createTextNode(" · "));
          meta.appendChild(el("a", { href: searchPage + stateQuery({ q: query, filters: {} }), text: "Filter all results" }));
        }
        return renderHits(list, found.results, 0, HEADER_SIZE);
      });
    }, 120));
  }

  /* The search page */
  function SearchPage(root) {
    var form = root.querySelector("form"), input = form.querySelector("input[name=q]");
    var summary = root.querySelector(".aln-search__summary"), list = root.querySelector(".aln-search__results");
    var pane = root.querySelector(".aln-search__filters-pane"), more = root.querySelector(".aln-search__more");
    var state = readState(new URLSearchParams(location.search)), current = 0, shown = 0, results = [];
    var details = root.querySelector(".aln-search__details"), summaryLabel = details.querySelector("summary");
    input.value = state.q;
    // On a phone the filter pane starts folded, above the results; its label counts the active filters.
    if (window.matchMedia("(max-width: 59.984375em)").matches) details.open = false;

    function activeCount() {
      return Object.keys(state.filters).reduce(function (n, k) { return n + state.filters[k].length; }, 0);
    }

    function commit() {
      history.replaceState(null, "", location.pathname + stateQuery(state) + location.hash);
      run();
    }

    function renderPane(counts) {
      pane.replaceChildren();
      Object.keys(FILTER_NAMES).forEach(function (key) {
        var values = Object.keys(counts[key] || {});
        state.filters[key].forEach(function (v) { if (values.indexOf(v) < 0) values.push(v); });
        if (!values.length) return;
        values.sort(function (a, b) {
          return key === "kind" ? KIND_ORDER.indexOf(a) - KIND_ORDER.indexOf(b) : a.localeCompare(b);
        });
        var fieldset = el("fieldset", { "class": "aln-facet" }, [el("legend", { text: FILTER_NAMES[key] })]);
        values.forEach(function (value) {
          var n = (counts[key] || {})[value] || 0, checked = state.filters[key].indexOf(value) >= 0;
          var box = el("input", { type: "checkbox", name: key, value: value });
          box.checked = checked;
          if (!n && !checked) { box.disabled = true; }
          box.addEventListener("change", function () {
            var values = state.filters[key];
            if (box.checked) values.push(value); else values.splice(values.indexOf(value), 1);
            commit();
          });
          fieldset.appendChild(el("label", { "class": "aln-facet__value" + (n || checked ? "" : " aln-facet__value--empty") },
            [box, el("span", { "class": "aln-facet__label", text: value }), el("span", { "class": "aln-facet__count", text: String(n) })]));
        });
        pane.appendChild(fieldset);
      });
      root.querySelector(".aln-search__clear").hidden = !activeCount();
      summaryLabel.textContent = activeCount() ? "Filters (" + activeCount() + " active)" : "Filters";
    }

    function run() {
      var ticket = ++current;
      find(state.q, state.filters, true).then(function (found) {
        if (ticket !== current) return;
        renderPane(found.counts);
        list.replaceChildren();
        results = found.results; shown = 0;
        var filtered = activeCount();
        if (!state.q && !filtered) {
          summary.textContent = "Type a query, or pick a filter to list everything it matches.";
        } else if (!found.total) {
          summary.replaceChildren(document.createTextNode("No results" + (state.q ? " for “" + state.q + "”" : "") +
            (filtered ? " with these filters. " : ". ")));
          if (filtered) {
            summary.appendChild(el("button", { type: "button", "class": "md-button aln-search__unfilter", text: "Remove the filters" }));
            summary.lastChild.addEventListener("click", clearFilters);
          } else {
            summary.appendChild(document.createTextNode("Try fewer or different words."));
          }
        } else {
          summary.textContent = found.total + " result" + (found.total === 1 ? "" : "s") + (state.q ? " for “" + state.q + "”" : "") +
            (filtered ? " (filtered)" : "") + (found.partial ? ". No result has every word: these have some of them." : "");
        }
        return showMore();
      });
    }

    function showMore() {
      var from = shown;
      shown = Math.min(results.length, shown + PAGE_SIZE);
      more.hidden = shown >= results.length;
      return renderHits(list, results, from, shown);
    }

    function clearFilters() {
      Object.keys(state.filters).forEach(function (k) { state.filters[k] = []; });
      commit();
    }

    form.addEventListener("submit", function (event) { event.preventDefault(); state.q = input.value.trim(); commit(); });
    input.addEventListener("input", debounce(function () { state.q = input.value.trim(); commit(); }, 200));
    more.addEventListener("click", showMore);
    root.querySelector(".aln-search__clear").addEventListener("click", clearFilters);
    window.addEventListener("popstate", function () {
      state = readState(new URLSearchParams(location.search)); input.value = state.q; run();
    });
    run();
  }

  function debounce(fn, ms) {
    var timer;
    return function () { clearTimeout(timer); timer = setTimeout(fn, ms); };
  }

  function start() {
    var header = document.querySelector("[data-aln-search=header]"), page = document.querySelector("[data-aln-search=page]");
    if (header) Header(header);
    if (page) SearchPage(page);
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start); else start();
  window.ALNSearch = { engine: engine, find: find, root: ROOT };
})();
