/* Explore lessons, loaded on the explorer page only (after aln-common.js): filters the items on the page
   (or, for a large collection, the items that explore-data.js defines), keeps the filters in the URL
   query and announces how many items show. A classic script with no fetch, so the site also works
   opened from disk (file://). For a large collection, explore-data.js holds what the filters need; the
   titles and excerpts come in explore-text-N.js scripts, each loaded the first time one of its items is shown.

   URL query: the site's one convention (aln-common.js), repeated keys with stable ids, e.g.
   ?theme=senior-sponsorship&theme=shared-strategy&kind=barrier&nation=England; comma lists
   (?theme=a,b) and option titles are read too. Contributor text only ever reaches the page as text. */
(function () {
  "use strict";

  var ALN = window.ALN, el = ALN.el;
  var PAGE_SIZE = 50;
  var DATA_GLOBAL = "ALN_EXPLORE_DATA";
  var TEXT_GLOBAL = "ALN_EXPLORE_TEXT";
  var KINDS = ["lesson", "barrier", "recommendation"];

  function readFacets(form) {
    return Array.prototype.map.call(form.querySelectorAll("fieldset[data-facet]"), function (fieldset) {
      return { key: fieldset.getAttribute("data-facet"), multi: fieldset.hasAttribute("data-multi"),
               inputs: Array.prototype.slice.call(fieldset.querySelectorAll("input[type=checkbox]")) };
    });
  }

  function selection(facet) {
    return facet.inputs.filter(function (input) { return input.checked; })
      .map(function (input) { return input.value; });
  }

  function keysOf(facets) {
    return facets.map(function (facet) { return facet.key; });
  }

  /* Tick the boxes the query names, by value (id) or by title; unknown values are ignored. */
  function applyQuery(facets, search) {
    var options = {};
    facets.forEach(function (facet) {
      options[facet.key] = facet.inputs.map(function (input) {
        return [input.value, input.parentNode.querySelector(".aln-toggle__title").textContent];
      });
    });
    var chosen = ALN.readFilters(search, ALN.filterLookup(options));
    facets.forEach(function (facet) {
      facet.inputs.forEach(function (input) { input.checked = chosen[facet.key].indexOf(input.value) >= 0; });
    });
  }

  function writeUrl(facets, chosen) {
    var keys = keysOf(facets);
    ALN.setQuery(ALN.query(location.search, keys, ALN.filterPairs(keys, chosen)));
  }

  function itemsFromPage(results, facets) {
    return Array.prototype.map.call(results.querySelectorAll(".aln-explore-item"), function (element) {
      var values = {};
      facets.forEach(function (facet) {
        var raw = element.getAttribute("data-" + facet.key) || "";
        values[facet.key] = facet.multi ? raw.split(/\s+/).filter(Boolean) : [raw];
      });
      return { values: values, element: element };
    });
  }

  /* Links in the data are docs paths without ".md"; a server-rendered theme link shows how
     this build spells a page's URL (directory URLs or .html files) relative to this page. */
  function pageUrlMaker(root) {
    var sample = root.querySelector("a[data-aln-page]");
    var prefix = "", suffix = ".html";
    if (sample) {
      var href = sample.getAttribute("href"), stem = sample.getAttribute("data-aln-page");
      var at = href.lastIndexOf(stem);
      if (at >= 0) { prefix = href.slice(0, at); suffix = href.slice(at + stem.length); }
    } else if (/\/$/.test(location.pathname)) {
      prefix = "../"; suffix = "/";
    }
    return function (stem) { return prefix + stem + suffix; };
  }

  function positions(names) {
    var at = {};
    names.forEach(function (name, index) { at[name] = index; });
    return at;
  }

  function itemsFromData(data, root, texts) {
    var pageUrl = pageUrlMaker(root);
    var fields = positions(data.fields), textFields = positions(data.text.fields);
    return data.items.map(function (row, index) {
      var kind = KINDS.indexOf(row[fields.kind]) >= 0 ? row[fields.kind] : KINDS[0];
      var study = data.cases[row[fields["case"]]];
      var themes = row[fields.themes].map(function (index) { return data.themes[index]; });
      var item = {
        values: { theme: themes.map(function (t) { return t.id; }), kind: [kind], nation: [study.nation],
                  member: study.members, "case": [study.id] },
        element: null, index: index
      };
      item.build = function () {
        var text = texts.row(index);
        return el("div", { "class": "aln-item aln-item--" + kind + " aln-explore-item" }, [
          el("h3", { id: study.id + "--" + text[textFields.id] }, [
            el("a", { href: pageUrl(study.page) + "#" + encodeURIComponent(text[textFields.id]), text: text[textFields.title] })
          ]),
          el("p", { "class": "aln-item__from" }, [kind.charAt(0).toUpperCase() + kind.slice(1) + " from ",
                                                  el("strong", { text: study.title }), ", " + study.nation]),
          el("p", { "class": "aln-explore-item__excerpt", text: text[textFields.excerpt] }),
          el("span", { "class": "aln-chips" }, themes.map(function (theme) {
            return el("a", { "class": "aln-chip", href: pageUrl(theme.page), text: theme.title });
          }))
        ]);
      };
      return item;
    });
  }

  function optionLabel(key, value, title) {
    return el("label", { "class": "aln-toggle" }, [
      el("input", { "class": "aln-toggle__input", type: "checkbox", name: key, value: value }),
      el("span", { "class": "aln-toggle__chip" }, [
        el("span", { "class": "aln-toggle__title", text: title }),
        el("span", { "class": "aln-toggle__count" }, [el("span", { "class": "aln-visually-hidden", text: ", items: " }),
          el("span", { "class": "aln-toggle__n", text: "0" })])
      ])
    ]);
  }

  /* At scale the page leaves out the case-study options; they come with the data. */
  function addDataOptions(form, data) {
    var fieldset = form.querySelector("fieldset[data-facet=case][data-from-data]");
    if (!fieldset) return;
    var options = fieldset.querySelector(".aln-facet__options");
    data.cases.forEach(function (study) { options.appendChild(optionLabel("case", study.id, study.title)); });
  }

  /* A long option list gets a box that narrows it by name; ticked options always stay in view. */
  function addFinder(fieldset) {
    var options = fieldset.querySelector(".aln-facet__options--long");
    if (!options) return;
    var what = fieldset.querySelector("legend").textContent.toLowerCase();
    var finder = el("input", { "class": "aln-facet__finder", type: "search", placeholder: "Find a " + what,
                               "aria-label": "Find a " + what + " in the options below" });
    options.parentNode.insertBefore(finder, options);
    finder.addEventListener("input", function () {
      var wanted = finder.value.trim().toLowerCase();
      Array.prototype.forEach.call(options.querySelectorAll(".aln-toggle"), function (label) {
        var title = label.querySelector(".aln-toggle__title").textContent.toLowerCase();
        label.hidden = !!wanted && !label.querySelector("input").checked && title.indexOf(wanted) < 0;
      });
    });
  }

  /* explore-data.js (named by the page, in the assets folder): a promise of its data. */
  function loadData(name) {
    if (window[DATA_GLOBAL]) return Promise.resolve(window[DATA_GLOBAL]);
    return ALN.loadScript(name).then(function () {
      if (!window[DATA_GLOBAL]) throw new Error(name + " defined no data");
      return window[DATA_GLOBAL];
    });
  }

  /* Titles and excerpts, data.text.chunk items to a script: row(i) once loaded, and ensure(indexes,
     done) to load the scripts those items need, calling done(true), or done(false) if one failed. */
  function textLoader(data) {
    var text = data.text, waiting = {};
    var loaded = window[TEXT_GLOBAL] = window[TEXT_GLOBAL] || {};
    function chunkOf(index) { return Math.floor(index / text.chunk); }
    function settle(n, ok) {
      var callbacks = waiting[n];
      delete waiting[n];  /* a failed script is tried again the next time it is needed */
      callbacks.forEach(function (callback) { callback(ok); });
    }
    return {
      row: function (index) { var chunk = loaded[chunkOf(index)]; return chunk ? chunk[index % text.chunk] : null; },
      ensure: function (indexes, done) {
        var needed = [];
        indexes.forEach(function (index) {
          var n = chunkOf(index);
          if (!loaded[n] && needed.indexOf(n) < 0) needed.push(n);
        });
        var left = needed.length, allOk = true;
        if (!left) { done(true); return; }
        needed.forEach(function (n) {
          if (!waiting[n]) {
            waiting[n] = [];
            ALN.loadScript(text.scripts[n]).then(function () { settle(n, !!loaded[n]); }, function () { settle(n, false); });
          }
          waiting[n].push(function (ok) { allOk = allOk && ok; if (--left === 0) done(allOk); });
        });
      }
    };
  }

  function valuesOf(item, key) { return item.values[key]; }

  /* Why nothing matches, when a chosen value has no item at all: "; no item is tagged Staff wellbeing yet". */
  function untagged(facets, chosen) {
    var names = [];
    facets.forEach(function (facet) {
      facet.inputs.forEach(function (input) {
        if (input.checked && input.getAttribute("data-total") === "0") {
          names.push(input.parentNode.querySelector(".aln-toggle__title").textContent);
        }
      });
    });
    return names.length ? ": no item has " + names.join(" or ") + " yet" : "";
  }

  function number(n) { return Number(n).toLocaleString("en-GB"); }  /* 20,543, not 20543 */
  function plural(n) { return n === 1 ? "1 item" : number(n) + " items"; }

  /* paged: false when the items are the page's own elements; else the text loader their cards need. */
  function start(root, form, makeItems, paged) {
    var facets = readFacets(form);
    var items = makeItems(facets);
    var results = root.querySelector(".aln-explore-results");
    var status = root.querySelector(".aln-explore-status");
    var clear = root.querySelector(".aln-explore-clear");
    var more = null, limit = PAGE_SIZE, renders = 0;
    if (paged) {
      more = el("button", { "class": "md-button aln-explore-more", type: "button" });
      results.parentNode.insertBefore(more, results.nextSibling);
      more.addEventListener("click", function () { limit += PAGE_SIZE; update(false, true); });
    }

    function update(writeState, keepLimit) {
      if (!keepLimit) limit = PAGE_SIZE;
      var chosen = {}, active = 0;
      facets.forEach(function (facet) { chosen[facet.key] = selection(facet); active += chosen[facet.key].length; });
      var shown = items.filter(function (item) {
        item.shown = ALN.passes(item, chosen, valuesOf);
        return item.shown;
      });
      if (paged) {
        var focusNext = more.contains(document.activeElement) && limit > PAGE_SIZE;
        var visible = shown.slice(0, limit), render = ++renders;
        results.setAttribute("aria-busy", "true");
        paged.ensure(visible.map(function (item) { return item.index; }), function (ok) {
          if (render !== renders) return;  /* the filters changed while the text loaded */
          results.removeAttribute("aria-busy");
          results.textContent = "";
          visible.forEach(function (item, index) {
            if (!paged.row(item.index)) return;
            item.element = item.element || item.build();
            results.appendChild(item.element);
            if (focusNext && index === limit - PAGE_SIZE) item.element.querySelector("a").focus();
          });
          if (!ok) status.textContent += ". Some items could not be loaded: choose the filters again, or browse them by theme below.";
        });
        more.hidden = shown.length <= limit;
        if (!more.hidden) more.textContent = "Show " + Math.min(PAGE_SIZE, shown.length - limit) + " more of " + number(shown.length);
      } else {
        items.forEach(function (item) { item.element.hidden = !item.shown; });
      }
      var counts = ALN.facetCounts(items, keysOf(facets), chosen, valuesOf);
      facets.forEach(function (facet) {
        facet.inputs.forEach(function (input) {
          var n = counts[facet.key][input.value] || 0;
          input.parentNode.querySelector(".aln-toggle__n").textContent = String(n);
          input.parentNode.classList.toggle("aln-toggle--empty", n === 0 && !input.checked);
        });
      });
      status.textContent = !active ? "Showing all " + plural(items.length)
        : shown.length ? "Showing " + number(shown.length) + " of " + plural(items.length)
        : "No items match these filters" + untagged(facets, chosen);
      clear.hidden = !active;
      if (writeState) writeUrl(facets, chosen);
    }

    Array.prototype.forEach.call(form.querySelectorAll("fieldset[data-facet]"), addFinder);
    form.addEventListener("change", function (event) { if (event.target.type === "checkbox") update(true); });
    form.addEventListener("submit", function (event) { event.preventDefault(); });
    clear.addEventListener("click", function () {
      facets.forEach(function (facet) { facet.inputs.forEach(function (input) { input.checked = false; }); });
      update(true);
      var first = form.querySelector("input");
      if (first) first.focus();
    });
    applyQuery(facets, location.search);
    root.classList.add("aln-explorer--ready");
    form.hidden = false;
    var notice = root.querySelector(".aln-explore-nojs");
    if (notice) notice.hidden = true;
    update(false);
    /* Bring ticked options into view where a filter's row scrolls sideways (narrow screens). */
    Array.prototype.forEach.call(form.querySelectorAll(".aln-toggle__input:checked"), function (input) {
      var row = input.closest(".aln-facet__options"), label = input.parentNode;
      var left = label.offsetLeft - row.offsetLeft;
      if (left + label.offsetWidth > row.clientWidth) row.scrollLeft = left - 8;
    });
  }

  function init() {
    var root = document.getElementById("aln-explorer");
    if (!root || root.hasAttribute("data-aln-ready")) return;
    root.setAttribute("data-aln-ready", "");
    var form = root.querySelector(".aln-explore-filters");
    var source = root.getAttribute("data-source");
    if (!source) {
      start(root, form, function (facets) { return itemsFromPage(root.querySelector(".aln-explore-results"), facets); }, false);
      return;
    }
    var status = root.querySelector(".aln-explore-status");
    root.querySelector(".aln-explore-bar").hidden = false;
    status.textContent = "Loading " + number(root.getAttribute("data-total")) + " items…";
    loadData(source).then(function (data) {
      var texts = textLoader(data);
      addDataOptions(form, data);
      start(root, form, function () { return itemsFromData(data, root, texts); }, texts);
    }, function () {
      status.textContent = "The items could not be loaded: browse them by theme below.";
    });
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
  else init();
  /* Material's document$ emits on every page view, including with instant navigation. */
  if (window.document$ && typeof window.document$.subscribe === "function") window.document$.subscribe(init);
})();
