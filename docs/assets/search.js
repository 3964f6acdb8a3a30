/* Search by words, for the header box and the finder (explorer.js), after aln-common.js: loaded by the finder
   page, and by aln-common.js the first time a reader uses the header box on any other page. One interface,
   two engines: Pagefind on a served site, and the offline index (offline-search.js, which only the offline
   bundle's pages load, and assets/search-index.js, loaded here when first needed; both classic scripts) in
   the offline bundle, which browsers open from disk, where they refuse Pagefind's module, WASM and fetch loading.
   A result is a page: a case study lists its matching workstreams, lessons, barriers and
   recommendations underneath, each linking to its anchor on the case-study page, with its index among the
   case study's sections (``section``), which the finder reads as the item's place in the case study.
   A result's ``load`` gives all that (for Pagefind, its fragment: some 15 KB); its ``matched`` gives only which
   sections hold the words, best first, from data already loaded: what the finder needs for every result.
   The header box lists the best pages as you type; Enter, or "All results and filters", opens the finder
   with the words (?q=...), where they combine with every filter. */
(function () {
  "use strict";
  var ALN = window.ALN, el = ALN.el, ROOT = ALN.root;
  // The heading element of each kind of section in the Pagefind document (SECTION_HEADINGS in generator/search_index.py).
  var SECTION_KINDS = { h2: "Workstream", h3: "Lesson", h4: "Barrier", h5: "Recommendation" };
  // Results per page on the search page, in the header box, and matching items shown under a result before "more".
  var PAGE_SIZE = 6, HEADER_SIZE = 5, SUBS_SHOWN = 3;
  var EXCERPT_WORDS = 30, SUB_EXCERPT_WORDS = 24;
  var enginePromise = null;

  function offlineEngine() {
    return ALN.loadScript("search-index.js").then(function () { return new window.ALNOfflineSearch(window.ALN_SEARCH_INDEX); });
  }

  function pagefindFilters(filters, skip) {
    var out = {};
    Object.keys(filters).forEach(function (k) { if (k !== skip && filters[k].length) out[k] = { any: filters[k] }; });
    return out;
  }

  function wordCount(text) {
    return (text || "").split(/\s+/).filter(Boolean).length;
  }

  /* A Pagefind result as the UI shows it: the page, its excerpt (when its top part matched, or for a filter-only
     listing) and its matching sections, best first. Pagefind gives the sections in page order. */
  function pagefindHit(d) {
    var words = d.content.split(/[\r\n\s]+/g), hits = d.locations.slice().sort(function (a, b) { return a - b; });
    var heads = d.anchors.filter(function (a) { return SECTION_KINDS[a.element] && a.id; })
      .map(function (a) { return a.location; }).sort(function (a, b) { return a - b; });
    var url = d.meta.url, subs = [], excerpt = null, marked = {};
    hits.forEach(function (l) { marked[l] = true; });
    function isHit(l) { return marked[l] === true; }
    function excerptOf(from, to, length) { return ALN.excerpt(words, from, to, isHit, length); }
    function end(at) { var next = heads.filter(function (l) { return l > at; })[0]; return next === undefined ? words.length : next; }
    var top = [wordCount(d.meta.title), end(-1)];
    (d.sub_results || []).forEach(function (s) {
      var kind = s.anchor && SECTION_KINDS[s.anchor.element];
      if (!s.anchor) { excerpt = excerptOf(top[0], top[1], EXCERPT_WORDS); return; }
      if (!kind || !s.anchor.id) return;
      var score = (s.weighted_locations || []).reduce(function (n, l) { return n + l.balanced_score; }, 0);
      subs.push({ url: url + "#" + s.anchor.id, kind: kind, title: s.anchor.text, score: score, at: s.anchor.location,
        section: heads.indexOf(s.anchor.location),
        excerpt: excerptOf(s.anchor.location + wordCount(s.anchor.text), end(s.anchor.location), SUB_EXCERPT_WORDS) });
    });
    if (!hits.length) excerpt = excerptOf(top[0], top[1], EXCERPT_WORDS);
    subs.sort(function (a, b) { return b.score - a.score || a.at - b.at; });
    return { url: url, title: d.meta.title, meta: d.meta, excerpt: excerpt, subs: subs };
  }

  /* Which sections of a page hold the words, without its fragment: Pagefind gives each result the word
     positions of its hits (``words``), and pagefind/aln-sections.js (generator/search/pagefind_sections.py)
     where each case study's sections start: [url, first start, then each start's distance from the one before].
     Sections with more hits first. Pages with no sections (themes, other pages) give null. */
  var SECTIONS_GLOBAL = "ALN_PAGEFIND_SECTIONS", sectionsPromise = null;

  function sectionStarts() {
    sectionsPromise = sectionsPromise || ALN.loadScript(ROOT + "pagefind/aln-sections.js").then(function () {
      if (!window[SECTIONS_GLOBAL]) throw new Error("aln-sections.js defined no sections");
      return window[SECTIONS_GLOBAL];
    }).catch(function (error) { sectionsPromise = null; throw error; });
    return sectionsPromise;
  }

  function sectionsHit(row, locations) {
    if (!row) return null;
    var starts = [], at = 0, hits = Object.create(null);
    row.slice(1).forEach(function (gap) { starts.push(at += gap); });
    (locations || []).forEach(function (l) {
      var section = -1;
      while (section + 1 < starts.length && starts[section + 1] <= l) section += 1;
      if (section >= 0) hits[section] = (hits[section] || 0) + 1;
    });
    var sections = Object.keys(hits).map(Number).sort(function (a, b) { return hits[b] - hits[a] || a - b; });
    return { url: row[0], sections: sections };
  }

  function PagefindEngine(pagefind) {
    var allFilters = null;
    // The finder asks for the section map as it searches, so that both downloads run at once.
    this.prepareMatched = function () { sectionStarts().catch(function () { /* matched() tries again */ }); };
    // counts: also return each filter value's count, which downloads every filter file once.
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
        var tally = counts ? Object.assign({}, found[0].filters) : {};
        active.forEach(function (k, i) { if (found[i + 1]) tally[k] = found[i + 1].filters[k] || {}; });
        return { counts: tally, total: found[0].results.length, results: found[0].results.map(function (r) {
          return { id: r.id, score: r.score, load: function () { return r.data().then(pagefindHit); },
                   matched: function () { return sectionStarts().then(function (map) { return sectionsHit(map[r.id], r.words); }); } };
        }) };
      });
    };
  }

  /* Every word must match somewhere on the page, as in Pagefind. When no page has them all (a question typed as a
     sentence), fall back to pages with any of the words, ranked by the sum of their scores for each word. */
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

  /* The offline bundle's pages carry offline-search.js; every other page searches with Pagefind. A failed
     start is tried again at the next search. */
  function engine() {
    if (!enginePromise) {
      enginePromise = (window.ALNOfflineSearch ? offlineEngine() : import(ROOT + "pagefind/pagefind.js")
        .then(function (pagefind) {
          return pagefind.options({ excerptLength: EXCERPT_WORDS }).then(function () { return new PagefindEngine(pagefind); });
        }))
        .catch(function (error) { enginePromise = null; throw error; });
    }
    return enginePromise;
  }

  /* Rendering, in Material's search-result markup: the page's link, then one link per matching section,
     the ones past SUBS_SHOWN folded into "N more in this case study". */
  function excerptLine(runs) {
    return runs && runs.length ? el("p", { "class": "aln-result__excerpt" }, ALN.marked(runs)) : null;
  }

  function metaLine(meta) {
    return [meta.kind, meta.place, meta.years].filter(Boolean).join(" · ");
  }

  function subLink(sub) {
    return el("a", { href: ROOT + sub.url, "class": "md-search-result__link aln-result aln-result--item", "data-url": sub.url }, [
      el("article", { "class": "md-search-result__article md-typeset" }, [
        el("h2", {}, [el("span", { "class": "aln-result__kind", text: sub.kind }), " " + sub.title]),
        excerptLine(sub.excerpt)
      ])
    ]);
  }

  function resultItem(hit) {
    var article = el("article", { "class": "md-search-result__article md-search-result__article--document md-typeset" }, [
      el("h1", { text: hit.title }),
      el("p", { "class": "aln-result__meta", text: metaLine(hit.meta) }),
      excerptLine(hit.excerpt)
    ]);
    var item = el("li", { "class": "md-search-result__item aln-result-group" }, [
      el("a", { href: ROOT + hit.url, "class": "md-search-result__link aln-result", "data-url": hit.url }, [article])
    ]);
    hit.subs.slice(0, SUBS_SHOWN).forEach(function (sub) { item.appendChild(subLink(sub)); });
    var rest = hit.subs.slice(SUBS_SHOWN);
    if (rest.length) {
      var label = rest.length + " more matching item" + (rest.length === 1 ? "" : "s") + " in this case study";
      item.appendChild(el("details", { "class": "md-search-result__more aln-result__more" },
        [el("summary", {}, [el("div", { text: label })])].concat(rest.map(subLink))));
    }
    return item;
  }

  /* The header box's results as you type. aln-common.js opens and closes the box, and calls this (once) when
     the box first takes focus: what the reader has typed by then is searched at once. */
  function header(root) {
    if (root.hasAttribute("data-aln-results")) return;
    root.setAttribute("data-aln-results", "");
    var input = root.querySelector(".md-search__input"), meta = root.querySelector(".md-search-result__meta");
    var list = root.querySelector(".md-search-result__list");
    var searchPage = root.getAttribute("data-search-page"), current = 0;
    var search = function () {
      var query = input.value.trim(), run = ++current;
      if (!query) { meta.textContent = "Type to start searching"; list.replaceChildren(); return; }
      find(query, {}, false).then(function (found) {
        if (run !== current) return;
        return Promise.all(found.results.slice(0, HEADER_SIZE).map(function (r) { return r.load(); })).then(function (hits) {
          if (run !== current) return;
          list.replaceChildren();
          meta.replaceChildren(document.createTextNode(!found.total ? "No results for “" + query + "”. Try other words."
            : found.total + " result" + (found.total === 1 ? "" : "s") + (found.partial ? " with some of your words" : "")));
          if (found.total) {
            meta.appendChild(document.createTextNode(" · "));
            meta.appendChild(el("a", { href: searchPage + ALN.query("", [], [["q", query]]), text: "Every matching item, with filters" }));
          }
          hits.forEach(function (hit) { list.appendChild(resultItem(hit)); });
        });
      }).catch(function () {
        if (run === current) { list.replaceChildren(); meta.textContent = "Search could not be loaded. Try again, or browse the case studies."; }
      });
    };
    input.addEventListener("input", debounce(search, 120));
    engine().catch(function () { /* said when a search fails */ });
    if (input.value.trim()) search();
  }

  function debounce(fn, ms) {
    var timer;
    return function () { clearTimeout(timer); timer = setTimeout(fn, ms); };
  }

  /* Start loading what the results' ``matched`` needs, if the engine needs anything (Pagefind's section map). */
  function prepareMatched() {
    engine().then(function (e) { if (e.prepareMatched) e.prepareMatched(); }, function () { /* said when a search fails */ });
  }

  window.ALNSearch = { engine: engine, find: find, header: header, prepareMatched: prepareMatched, root: ROOT,
                       SUBS_SHOWN: SUBS_SHOWN };
})();
