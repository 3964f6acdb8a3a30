/* The finder ("Find lessons and examples"), loaded on the explore page only, after aln-common.js and search.js:
   words and filters over every item, the filters and the words kept in the URL, counts on every choice.
   A classic script with no fetch, so the site also works opened from disk (file://).

   Items: a small collection lists every item on the page (which also serves readers without JavaScript) and
   this script filters those elements. A large one lists none: explore-data.js holds what the filters need,
   and the titles, excerpts and sources come in explore-text-N.js scripts, each loaded the first time one of
   its items is shown.

   Words: search.js's engine (Pagefind on a served site, the offline index in the offline bundle) finds the
   case studies with the words and, under each, the sections that hold them (``matched``: from the positions of
   the words and where each section starts, with no result's text downloaded); a section is an item, in the
   case study's item order, the order this page has them in. An item matches when its section does, or,
   when only the case study's own text matched (its name, place or summary), every item of it matches. So the
   finder knows every matching item, and the counts on every filter are exact for the words.

   URL query: the site's one convention (aln-common.js), repeated keys with stable ids, e.g.
   ?q=procurement&theme=workforce&status=active&member=nhs-trust&member=local-authority&member-match=all.
   Comma lists (?theme=a,b, the explorer's former form) and display titles (?status=Active, the former
   search page's) are read too. Contributor text only ever reaches the page as text. */
(function () {
  "use strict";

  var ALN = window.ALN, el = ALN.el;
  var PAGE_SIZE = 50;
  var DATA_GLOBAL = "ALN_EXPLORE_DATA";
  var TEXT_GLOBAL = "ALN_EXPLORE_TEXT";
  var KINDS = ["lesson", "barrier", "recommendation", "workstream"];
  var KIND_LABELS = { lesson: "Lesson", barrier: "Barrier", recommendation: "Recommendation", workstream: "Workstream" };
  var MATCH_KEY = "member-match";  /* ?member-match=all: an item's case study must have every chosen member type */
  var MATCH_ALL_FACET = "member";
  var WHOLE_CASE = 1e9;  /* ranks items that hold the words before those of case studies that hold them elsewhere */

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

  function titleOf(input) { return input.parentNode.querySelector(".aln-toggle__title").textContent; }

  /* Tick the boxes the query names, by value (id) or by title; unknown values are ignored. */
  function applyQuery(facets, search) {
    var options = {};
    facets.forEach(function (facet) {
      options[facet.key] = facet.inputs.map(function (input) { return [input.value, titleOf(input)]; });
    });
    var chosen = ALN.readFilters(search, ALN.filterLookup(options));
    /* ?theme=workforce: a theme group's id stands for every theme in it. */
    var groups = new URLSearchParams(search).getAll("theme").join(",").split(",");
    facets.forEach(function (facet) {
      facet.inputs.forEach(function (input) {
        var group = input.getAttribute("data-group");
        input.checked = chosen[facet.key].indexOf(input.value) >= 0 || (!!group && groups.indexOf(group) >= 0);
      });
    });
  }

  /* A theme group's name (a button above its themes) chooses all its themes, or, when all are chosen, none. */
  function groupButtons(form, changed) {
    Array.prototype.forEach.call(form.querySelectorAll(".aln-facet__group"), function (button) {
      button.addEventListener("click", function () {
        var boxes = Array.prototype.filter.call(form.querySelectorAll("input[data-group]"), function (input) {
          return input.getAttribute("data-group") === button.getAttribute("data-group");
        });
        var all = boxes.every(function (box) { return box.checked; });
        boxes.forEach(function (box) { box.checked = !all; });
        changed();
      });
    });
  }

  /* Whether ``item`` passes the facet ``key``: any chosen value, or every one for member types under "all of". */
  function passesFacet(item, key, wanted, allOf) {
    if (!wanted.length) return true;
    var values = item.values[key];
    if (allOf && key === MATCH_ALL_FACET) return wanted.every(function (v) { return values.indexOf(v) >= 0; });
    return values.some(function (v) { return wanted.indexOf(v) >= 0; });
  }

  /* How many items each choice would show, given the words and the other filters: {key: {value: n}}, one pass.
     A facet's own choices widen it (any of), so its counts leave it out; under "all of", member types narrow,
     so their counts are of the items shown, each with that member type as well. */
  function facetCounts(items, keys, chosen, allOf, matches) {
    var counts = {};
    keys.forEach(function (key) { counts[key] = Object.create(null); });
    items.forEach(function (item) {
      if (!matches(item)) return;
      var failed = keys.filter(function (key) { return !passesFacet(item, key, chosen[key], allOf); });
      if (failed.length > 1 || (failed.length === 1 && allOf && failed[0] === MATCH_ALL_FACET)) return;
      (failed.length ? failed : keys).forEach(function (key) {
        item.values[key].forEach(function (value) { counts[key][value] = (counts[key][value] || 0) + 1; });
      });
    });
    return counts;
  }

  /* Each item's position within its case study: the index of its section in the search engines' records. */
  function numberWithinCases(items) {
    var seen = Object.create(null);
    items.forEach(function (item) {
      var study = item.values["case"][0];
      item.section = seen[study] = study in seen ? seen[study] + 1 : 0;
    });
  }

  function itemsFromPage(results, facets) {
    var items = Array.prototype.map.call(results.querySelectorAll(".aln-explore-item"), function (element, index) {
      var values = {};
      facets.forEach(function (facet) {
        var raw = element.getAttribute("data-" + facet.key) || "";
        values[facet.key] = facet.multi ? raw.split(/\s+/).filter(Boolean) : [raw];
      });
      return { values: values, element: element, index: index };
    });
    numberWithinCases(items);
    return items;
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

  /* A source's address as a link only when it is a web address (the schema allows no other; this keeps it so). */
  function sourceLine(label, url) {
    if (!label) return null;
    return el("p", { "class": "aln-explore-item__source" }, ["Source: ", /^https?:\/\//i.test(url || "")
      ? el("a", { "class": "aln-explore-item__out", href: url, text: label }) : label]);
  }

  function itemsFromData(data, root, texts) {
    var pageUrl = pageUrlMaker(root);
    var fields = positions(data.fields), textFields = positions(data.text.fields);
    var items = data.items.map(function (row, index) {
      var kind = KINDS.indexOf(row[fields.kind]) >= 0 ? row[fields.kind] : KINDS[0];
      var study = data.cases[row[fields["case"]]];
      var themes = row[fields.themes].map(function (index) { return data.themes[index]; });
      var item = {
        values: { kind: [kind], theme: themes.map(function (t) { return t.id; }), status: [study.status],
                  scope: [study.scope], nation: [study.nation], region: [study.region], member: study.members,
                  year: [study.year], "case": [study.id] },
        element: null, index: index
      };
      item.build = function () {
        var text = texts.row(index), id = text[textFields.id];
        return el("div", { "class": "aln-item aln-item--" + kind + " aln-explore-item" }, [
          el("p", { "class": "aln-explore-item__from" }, [el("span", { "class": "aln-kind-label", text: KIND_LABELS[kind] }),
            " from ", el("a", { href: pageUrl(study.page), text: study.title })]),
          el("h3", { id: study.id + "--" + id }, [
            el("a", { href: pageUrl(study.page) + "#" + encodeURIComponent(id), text: text[textFields.title] })
          ]),
          el("p", { "class": "aln-explore-item__facts" }, [study.scopeTitle + ", " + study.regionTitle + ", " + study.nation + " · ",
            el("strong", { text: study.statusText })]),
          el("p", { "class": "aln-explore-item__excerpt", text: text[textFields.excerpt] }),
          sourceLine(text[textFields.source], text[textFields.sourceUrl]),
          el("span", { "class": "aln-chips" }, themes.map(function (theme) {
            return el("a", { "class": "aln-chip", href: pageUrl(theme.page), text: theme.title });
          }))
        ]);
      };
      return item;
    });
    numberWithinCases(items);
    return items;
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
  function addOptionFinder(fieldset) {
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

  /* The items that hold the words: {rank(item) -> number or undefined, partial}. Results are pages; a case
     study's page is casestudies/<id>/ or casestudies/<id>.html, its sections its items in order. Items that
     hold the words come first, best page first; then every item of a case study whose words are only in its
     own text (its name, place or summary), ranked WHOLE_CASE or more. */
  function findWords(words) {
    var search = window.ALNSearch ? Promise.resolve() : ALN.loadScript("search.js");
    return search.then(function () {
      window.ALNSearch.prepareMatched();
      return window.ALNSearch.find(words, {}, false);
    }).then(function (found) {
      return Promise.all(found.results.map(function (result) { return result.matched(); })).then(function (hits) {
        var sections = Object.create(null), whole = Object.create(null);
        hits.forEach(function (hit, place) {
          var page = hit && /(?:^|\/)casestudies\/([^\/#?]+?)(?:\/|\.html)?(?:[#?].*)?$/.exec(hit.url || "");
          if (!page) return;
          var study = decodeURIComponent(page[1]);
          if (!hit.sections.length) whole[study] = WHOLE_CASE + place * 100000;
          hit.sections.forEach(function (section, order) { sections[study + "/" + section] = place * 100000 + order + 1; });
        });
        return {
          partial: !!found.partial,
          rank: function (item) {
            var study = item.values["case"][0], own = sections[study + "/" + item.section];
            return own !== undefined ? own : whole[study] !== undefined ? whole[study] + item.section + 1 : undefined;
          }
        };
      });
    });
  }

  /* Why nothing matches, when a chosen value has no item at all: ": no item has Staff wellbeing yet". */
  function untagged(facets) {
    var names = [];
    facets.forEach(function (facet) {
      facet.inputs.forEach(function (input) {
        if (input.checked && input.getAttribute("data-total") === "0") names.push(titleOf(input));
      });
    });
    return names.length ? ": no item has " + names.join(" or ") + " yet" : "";
  }

  function number(n) { return Number(n).toLocaleString("en-GB"); }  /* 20,543, not 20543 */
  function plural(n) { return n === 1 ? "1 item" : number(n) + " items"; }

  /* Copy ``text`` to the clipboard: the Clipboard API where the page may use it, else a selected text box
     and the copy command (pages opened from disk). A promise that rejects when neither works. */
  function copyText(text) {
    function byCommand() {
      var box = el("textarea", { "class": "aln-visually-hidden", readonly: "", "aria-hidden": "true" });
      box.value = text;
      document.body.appendChild(box);
      box.select();
      var ok = false;
      try { ok = document.execCommand("copy"); } catch (error) { ok = false; }
      box.remove();
      return ok ? Promise.resolve() : Promise.reject(new Error("copy refused"));
    }
    if (navigator.clipboard && window.isSecureContext) return navigator.clipboard.writeText(text).catch(byCommand);
    return byCommand();
  }

  /* paged: false when the items are the page's own elements; else the text loader their cards need. */
  function start(root, form, makeItems, paged) {
    var facets = readFacets(form), keys = keysOf(facets);
    var items = makeItems(facets);
    var results = root.querySelector(".aln-explore-results");
    var status = root.querySelector(".aln-explore-status");
    var clear = root.querySelector(".aln-explore-clear");
    var copy = root.querySelector(".aln-explore-copy");
    var toggle = root.querySelector(".aln-find-toggle");
    var search = root.querySelector(".aln-find-search"), input = search.querySelector("input[name=q]");
    var matchAll = form.querySelector("input[name=" + MATCH_KEY + "][value=all]");
    var matchAny = form.querySelector("input[name=" + MATCH_KEY + "][value=any]");
    var more = null, limit = PAGE_SIZE, renders = 0, words = "", found = null, asked = 0, copied = null;
    if (paged) {
      more = el("button", { "class": "md-button aln-explore-more", type: "button" });
      results.parentNode.insertBefore(more, results.nextSibling);
      more.addEventListener("click", function () { limit += PAGE_SIZE; update(false, true); });
    }

    function allOf() { return !!matchAll && matchAll.checked; }

    function writeUrl(chosen) {
      var pairs = (words ? [["q", words]] : []).concat(ALN.filterPairs(keys, chosen));
      if (allOf()) pairs.push([MATCH_KEY, "all"]);
      ALN.setQuery(ALN.query(location.search, ["q", MATCH_KEY].concat(keys), pairs));
    }

    /* Look the words up, then show what matches; a newer lookup wins. */
    function lookUp(writeState) {
      var wanted = input.value.trim(), ticket = ++asked;
      if (wanted === words && (found || !wanted)) { update(writeState); return; }
      words = wanted;
      found = null;
      if (!words) { update(writeState); return; }
      status.textContent = "Looking for “" + words + "”…";
      results.setAttribute("aria-busy", "true");
      if (writeState) update(true, false, true);
      findWords(words).then(function (result) {
        if (ticket !== asked) return;
        found = result;
        update(false);
      }, function () {
        if (ticket !== asked) return;
        results.removeAttribute("aria-busy");
        status.textContent = "Finding by words could not be loaded. Reload the page to try again, or use the filters alone.";
      });
    }

    function matches(item) { return !words || (!!found && found.rank(item) !== undefined); }

    /* waiting: the words are being looked up, so only the URL and the filter labels change for now. */
    function update(writeState, keepLimit, waiting) {
      if (!keepLimit) limit = PAGE_SIZE;
      var chosen = {}, active = 0;
      facets.forEach(function (facet) { chosen[facet.key] = selection(facet); active += chosen[facet.key].length; });
      if (writeState) writeUrl(chosen);
      toggle.textContent = active ? "Filters (" + active + ")" : "Filters";
      clear.hidden = !active && !words;
      if (waiting || (words && !found)) return;
      results.removeAttribute("aria-busy");
      var all = allOf();
      var shown = items.filter(function (item) {
        item.shown = matches(item) && keys.every(function (key) { return passesFacet(item, key, chosen[key], all); });
        return item.shown;
      });
      if (words && found) {
        shown.sort(function (a, b) { return found.rank(a) - found.rank(b) || a.index - b.index; });
      }
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
            if (focusNext && index === limit - PAGE_SIZE) item.element.querySelector("h3 a").focus();
          });
          if (!ok) status.textContent += ". Some items could not be loaded: choose the filters again, or browse them by theme below.";
        });
        more.hidden = shown.length <= limit;
        if (!more.hidden) more.textContent = "Show " + Math.min(PAGE_SIZE, shown.length - limit) + " more of " + number(shown.length);
      } else {
        items.forEach(function (item) { item.element.hidden = !item.shown; });
        (words && found ? shown : items).forEach(function (item) { results.appendChild(item.element); });
      }
      var counts = facetCounts(items, keys, chosen, all, matches);
      facets.forEach(function (facet) {
        facet.inputs.forEach(function (input) {
          var n = counts[facet.key][input.value] || 0, empty = n === 0 && !input.checked;
          input.parentNode.querySelector(".aln-toggle__n").textContent = String(n);
          input.parentNode.classList.toggle("aln-toggle--empty", empty);
          input.disabled = empty;
        });
      });
      var what = words ? " for “" + words + "”" : "";
      var elsewhere = words ? shown.filter(function (item) { return found.rank(item) >= WHOLE_CASE; }).length : 0;
      status.textContent = !active && !words ? "Showing all " + plural(items.length)
        : shown.length ? "Showing " + number(shown.length) + " of " + plural(items.length) + what
          + (found && found.partial ? " (no item has every word: these have some of them)" : "")
          + (elsewhere ? ": " + number(shown.length - elsewhere) + (shown.length - elsewhere === 1 ? " holds" : " hold")
             + " the words, then " + number(elsewhere) + " from case studies whose own text does" : "")
        : "No items match" + what + (active ? " with these filters" + untagged(facets) : "");
    }

    Array.prototype.forEach.call(form.querySelectorAll("fieldset[data-facet]"), addOptionFinder);
    groupButtons(form, function () { update(true); });
    form.addEventListener("change", function (event) {
      if (event.target.type === "checkbox" || event.target.name === MATCH_KEY) update(true);
    });
    form.addEventListener("submit", function (event) { event.preventDefault(); });
    search.addEventListener("submit", function (event) { event.preventDefault(); lookUp(true); });
    var typing = null;
    input.addEventListener("input", function () {
      clearTimeout(typing);
      typing = setTimeout(function () { lookUp(true); }, 250);
    });
    clear.addEventListener("click", function () {
      facets.forEach(function (facet) { facet.inputs.forEach(function (input) { input.checked = false; }); });
      if (matchAny) matchAny.checked = true;
      input.value = "";
      lookUp(true);
      input.focus();
    });
    copy.addEventListener("click", function () {
      clearTimeout(copied);
      copyText(location.href).then(function () { copy.textContent = "Link copied"; }, function () {
        copy.textContent = "Copy the address bar instead";
      });
      copied = setTimeout(function () { copy.textContent = "Copy link"; }, 4000);
    });
    /* On a phone the filters fold under a "Filters (n)" button; on a wide screen they stay beside the results. */
    toggle.addEventListener("click", function () {
      var open = toggle.getAttribute("aria-expanded") !== "true";
      toggle.setAttribute("aria-expanded", String(open));
      form.classList.toggle("aln-explore-filters--open", open);
    });

    applyQuery(facets, location.search);
    var params = new URLSearchParams(location.search);
    if (matchAll && params.get(MATCH_KEY) === "all") matchAll.checked = true;
    input.value = (params.get("q") || "").trim();
    root.classList.add("aln-explorer--ready");
    form.hidden = false;
    root.querySelector(".aln-find-top").hidden = false;
    root.querySelector(".aln-explore-bar").hidden = false;
    root.querySelector(".aln-explore-nojs").hidden = true;
    lookUp(false);
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
      status.textContent = "The items could not be loaded: browse them by theme or case study below.";
    });
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
  else init();
  /* Material's document$ emits on every page view, including with instant navigation. */
  if (window.document$ && typeof window.document$.subscribe === "function") window.document$.subscribe(init);
})();
