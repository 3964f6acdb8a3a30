/* Compare case studies, loaded on the Compare page only (after aln-common.js). The page lists every case study
   (what a reader without JavaScript sees) and names the data script holding each one; this script turns the list
   into a chooser, loads the chosen case studies' data scripts (classic scripts, so it works from file:// too) and
   sets them side by side, by theme or by kind. The choice lives in the address as repeated keys with ids, like
   the explorer's filters: ?case=bay-anchor-network&case=birmingham-anchor-network&by=kind. Record text only
   ever reaches the page as text, through ALN.el. */
(function () {
  "use strict";

  var ALN = window.ALN, el = ALN.el;

  function init() {
    var root = document.querySelector("[data-aln-compare]");
    if (!root || root.hasAttribute("data-aln-ready")) return;
    root.setAttribute("data-aln-ready", "");
    var meta = JSON.parse(document.getElementById("aln-compare-meta").textContent);
    var cases = Array.prototype.map.call(root.querySelectorAll(".aln-compare__cases li"), function (li) {
      var a = li.querySelector("a"), about = li.querySelector(".aln-compare__about");
      return { id: li.getAttribute("data-case"), chunk: li.getAttribute("data-chunk"), title: a.textContent,
               href: a.getAttribute("href"), about: about ? about.textContent : "" };
    });
    var byId = Object.create(null);
    cases.forEach(function (c) { byId[c.id] = c; });
    var app = root.querySelector(".aln-compare__app");
    var lookup = ALN.filterLookup({ "case": cases.map(function (c) { return [c.id, c.title]; }),
                                    by: [["theme", "theme"], ["kind", "kind"]] });
    var state = ALN.readFilters(location.search, lookup);
    var chosen = state["case"].slice(0, meta.max), by = state.by[0] || "theme";

    /* The chooser: a box per case study (with a filter when the list is long), the choice, the view. */
    var status = el("p", { "class": "aln-compare__status", role: "status", "aria-live": "polite" });
    var filter = cases.length > 12 ? el("input", { type: "search", "class": "aln-compare__filter",
      placeholder: "Filter by name or place", "aria-label": "Filter the case studies by name or place" }) : null;
    var boxes = {};
    var list = el("ul", { "class": "aln-compare__choices" }, cases.map(function (c) {
      var box = boxes[c.id] = el("input", { type: "checkbox", value: c.id });
      box.checked = chosen.indexOf(c.id) >= 0;
      box.addEventListener("change", function () {
        if (box.checked && chosen.indexOf(c.id) < 0) chosen.push(c.id);
        if (!box.checked) chosen = chosen.filter(function (id) { return id !== c.id; });
        update();
      });
      return el("li", { "data-case": c.id }, [el("label", {}, [box, " ", el("span", { "class": "aln-compare__name", text: c.title }),
        " ", el("span", { "class": "aln-compare__about", text: c.about })])]);
    }));
    if (filter) filter.addEventListener("input", function () {
      var words = filter.value.toLowerCase().split(/\s+/).filter(Boolean);
      list.querySelectorAll("li").forEach(function (li) {
        var c = byId[li.getAttribute("data-case")], text = (c.title + " " + c.about).toLowerCase();
        li.hidden = !words.every(function (w) { return text.indexOf(w) >= 0; }) && !boxes[c.id].checked;
      });
    });
    var clear = el("button", { type: "button", "class": "md-button aln-compare__clear", text: "Clear the choice" });
    clear.addEventListener("click", function () { chosen = []; update(); });
    var views = el("fieldset", { "class": "aln-compare__by" }, [el("legend", { text: "Side by side:" })].concat(
      [["theme", "By theme"], ["kind", "By kind"]].map(function (option) {
        var radio = el("input", { type: "radio", name: "aln-compare-by", value: option[0] });
        radio.checked = by === option[0];
        radio.addEventListener("change", function () { if (radio.checked) { by = option[0]; update(); } });
        return el("label", {}, [radio, " " + option[1]]);
      })));
    var output = el("div", { "class": "aln-compare__output" });
    var summary = el("summary", {});
    var chooser = el("details", { "class": "aln-compare__chooser" }, [summary, el("div", { "class": "aln-compare__pick" }, [
      el("p", { "class": "aln-compare__hint", text: "Tick " + meta.min + " to " + meta.max + " case studies." }), filter, list, clear])]);
    chooser.open = chosen.length < meta.min;
    app.appendChild(chooser);
    app.appendChild(el("div", { "class": "aln-compare__bar" }, [views, status]));
    app.appendChild(output);
    app.hidden = false;
    root.querySelector(".aln-compare__nojs").hidden = true;

    var drawn = 0;
    function update() {
      var full = chosen.length >= meta.max;
      summary.textContent = "Choose case studies (" + chosen.length + " of " + meta.max + " chosen)";
      cases.forEach(function (c) {
        boxes[c.id].checked = chosen.indexOf(c.id) >= 0;
        boxes[c.id].disabled = full && !boxes[c.id].checked;
      });
      ALN.setQuery(ALN.query(location.search, ["case", "by"], chosen.map(function (id) { return ["case", id]; })
        .concat(by === "theme" ? [] : [["by", by]])));
      if (chosen.length < meta.min) {
        status.textContent = chosen.length ? "Choose at least one more case study to compare." : "Choose two to four case studies to compare.";
        output.replaceChildren();
        return;
      }
      status.textContent = "Comparing " + chosen.length + " case studies, by " + by + "." +
        (full ? " That is the most: untick one to choose another." : "");
      var ticket = ++drawn, wanted = chosen.slice();
      var scripts = wanted.map(function (id) { return meta.script.replace("{}", byId[id].chunk); })
        .filter(function (src, n, all) { return all.indexOf(src) === n; });
      Promise.all(scripts.map(ALN.loadScript)).then(function () {
        if (ticket === drawn) output.replaceChildren(table(wanted, window[meta.global] || {}));
      }, function () {
        if (ticket === drawn) status.textContent = "The comparison could not be loaded. Reload the page to try again.";
      });
    }

    /* The comparison: a column per case study; rows for the facts, then a row per theme or per kind. */
    function table(ids, data) {
      var columns = ids.map(function (id) { return { c: byId[id], d: data[id] || { facts: [], items: [] } }; });
      var head = el("tr", {}, [el("td", {})].concat(columns.map(function (col) {
        return el("th", { scope: "col" }, [el("a", { href: col.c.href, text: col.c.title })]);
      })));
      var rows = [];
      var factNames = [];
      columns.forEach(function (col) {
        col.d.facts.forEach(function (f) { if (factNames.indexOf(f[0]) < 0) factNames.push(f[0]); });
      });
      factNames.forEach(function (name) {
        rows.push(row(el("th", { scope: "row", text: name }), columns.map(function (col) {
          var fact = col.d.facts.filter(function (f) { return f[0] === name; })[0];
          return fact ? [fact[1]] : [none()];
        }), "aln-compare__fact"));
      });
      if (by === "kind") {
        meta.kinds.forEach(function (kind, k) {
          rows.push(row(el("th", { scope: "row", text: kind[1] }), columns.map(function (col) {
            return items(col, function (item) { return item[0] === k; }, false);
          })));
        });
      }
      var themes = by === "kind" ? [] : themeOrder(columns);
      themes.filter(function (t) { return t.count > 1; }).forEach(function (t) { rows.push(themeRow(t)); });
      var single = themes.filter(function (t) { return t.count === 1; });
      var out = el("div", { "class": "aln-compare__wrap" }, [grid("The chosen case studies side by side, by " + by, head, rows)]);
      if (!single.length) return out;
      var more = el("details", { "class": "aln-compare__more", open: rows.length <= factNames.length ? "" : null }, [
        el("summary", { text: single.length + (single.length === 1 ? " theme" : " themes") + " only one of them records" }),
        grid("Themes only one of the chosen case studies records", head.cloneNode(true), single.map(themeRow))]);
      return el("div", {}, [out, more]);

      function grid(caption, headRow, bodyRows) {
        return el("table", { "class": "aln-compare__table" }, [el("caption", { "class": "aln-sr", text: caption }),
          el("thead", {}, [headRow]), el("tbody", {}, bodyRows)]);
      }

      function themeRow(t) {
        var theme = meta.themes[t.index];
        return row(el("th", { scope: "row" }, [el("a", { href: theme[2], text: theme[1] }),
          el("span", { "class": "aln-compare__in", text: " in " + t.count + " of " + columns.length })]),
          columns.map(function (col) { return items(col, function (item) { return item[3].indexOf(t.index) >= 0; }, true); }));
      }

      function row(header, cells, extra) {
        return el("tr", extra ? { "class": extra } : {}, [header].concat(cells.map(function (children, n) {
          return el("td", {}, [el("span", { "class": "aln-compare__who", "aria-hidden": "true", text: columns[n].c.title })]
            .concat(children));
        })));
      }
    }

    /* Themes any chosen case study has items on: those more of them share first, then in vocabulary order. */
    function themeOrder(columns) {
      var counts = meta.themes.map(function (theme, index) {
        var n = columns.filter(function (col) {
          return col.d.items.some(function (item) { return item[3].indexOf(index) >= 0; });
        }).length;
        return { index: index, count: n };
      });
      return counts.filter(function (t) { return t.count > 0; })
        .sort(function (a, b) { return b.count - a.count || a.index - b.index; });
    }

    /* One cell: the case study's items that pass ``keep``, as links to its page, grouped by kind when asked. */
    function items(col, keep, grouped) {
      var kept = col.d.items.filter(keep);
      if (!kept.length) return [none()];
      var link = function (item) {
        return el("li", {}, [el("a", { href: col.c.href + "#" + encodeURIComponent(item[1]), text: item[2] })]);
      };
      if (!grouped) return [el("ul", {}, kept.map(link))];
      var out = [];
      meta.kinds.forEach(function (kind, k) {
        var ofKind = kept.filter(function (item) { return item[0] === k; });
        if (ofKind.length) out.push(el("p", { "class": "aln-compare__kind", text: kind[1] }), el("ul", {}, ofKind.map(link)));
      });
      return out;
    }

    function none() {
      return el("span", { "class": "aln-compare__none", text: "Nothing recorded" });
    }

    update();
  }

  if (window.document$ && window.document$.subscribe) window.document$.subscribe(init);
  else if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
  else init();
})();
