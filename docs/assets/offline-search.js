/* Offline search engine: ranks the records of assets/search-index.js in the browser, from file://.
   Only the offline bundle's pages load it (overrides/main.html, after aln-common.js), which tells
   search.js to search with it instead of Pagefind. Mirrors the hosted Pagefind search: a result is a page
   with its matching sections (workstreams, lessons, barriers, recommendations) underneath, English
   stemming, every word must match (the last one as a prefix while typing), titles weighted above place
   and themes, above body text. */
(function () {
  "use strict";
  var ALN = window.ALN;

  // Porter (1980) stemmer: "procure" and "procurement" both become "procur". Condensed from the JavaScript
  // version on Martin Porter's page, tartarus.org/~martin/PorterStemmer (release 1 by "andargor", 2004;
  // release 2 by Christopher McKenzie, 2009), free of charge for any purpose; README.md, Credits.
  // Kept rather than a package: this file runs from file:// without a bundler, and no maintained
  // stemmer is smaller.
  var step2 = { ational: "ate", tional: "tion", enci: "ence", anci: "ance", izer: "ize", bli: "ble", alli: "al",
    entli: "ent", eli: "e", ousli: "ous", ization: "ize", ation: "ate", ator: "ate", alism: "al", iveness: "ive",
    fulness: "ful", ousness: "ous", aliti: "al", iviti: "ive", biliti: "ble", logi: "log" };
  var step3 = { icate: "ic", ative: "", alize: "al", iciti: "ic", ical: "ic", ful: "", ness: "" };
  var C = "[^aeiou]", V = "[aeiouy]", CS = C + "[^aeiouy]*", VS = V + "[aeiou]*";
  var mgr0 = new RegExp("^(" + CS + ")?" + VS + CS), meq1 = new RegExp("^(" + CS + ")?" + VS + CS + "(" + VS + ")?$"),
    mgr1 = new RegExp("^(" + CS + ")?" + VS + CS + VS + CS), sV = new RegExp("^(" + CS + ")?" + V);

  function stem(w) {
    var m, s, re, re2;
    if (w.length < 3) return w;
    if (w[0] === "y") w = "Y" + w.slice(1);
    if (/^(.+?)(ss|i)es$/.test(w)) w = w.replace(/^(.+?)(ss|i)es$/, "$1$2");
    else if (/^(.+?)([^s])s$/.test(w)) w = w.replace(/^(.+?)([^s])s$/, "$1$2");
    if ((m = /^(.+?)eed$/.exec(w))) { if (mgr0.test(m[1])) w = w.slice(0, -1); }
    else if ((m = /^(.+?)(ed|ing)$/.exec(w)) && sV.test(m[1])) {
      w = m[1];
      if (/(at|bl|iz)$/.test(w)) w += "e";
      else if (/([^aeiouylsz])\1$/.test(w)) w = w.slice(0, -1);
      else if (new RegExp("^" + CS + V + "[^aeiouwxy]$").test(w)) w += "e";
    }
    if ((m = /^(.+?)y$/.exec(w)) && sV.test(m[1])) w = m[1] + "i";
    re = /^(.+?)(ational|tional|enci|anci|izer|bli|alli|entli|eli|ousli|ization|ation|ator|alism|iveness|fulness|ousness|aliti|iviti|biliti|logi)$/;
    if ((m = re.exec(w)) && mgr0.test(m[1])) w = m[1] + step2[m[2]];
    re = /^(.+?)(icate|ative|alize|iciti|ical|ful|ness)$/;
    if ((m = re.exec(w)) && mgr0.test(m[1])) w = m[1] + step3[m[2]];
    re = /^(.+?)(al|ance|ence|er|ic|able|ible|ant|ement|ment|ent|ou|ism|ate|iti|ous|ive|ize)$/;
    re2 = /^(.+?)(s|t)(ion)$/;
    if ((m = re.exec(w))) { if (mgr1.test(m[1])) w = m[1]; }
    else if ((m = re2.exec(w)) && mgr1.test(m[1] + m[2])) w = m[1] + m[2];
    if ((m = /^(.+?)e$/.exec(w))) {
      s = m[1];
      if (mgr1.test(s) || (meq1.test(s) && !new RegExp("^" + CS + V + "[^aeiouwxy]$").test(s))) w = s;
    }
    if (/ll$/.test(w) && mgr1.test(w)) w = w.slice(0, -1);
    return w[0] === "Y" ? "y" + w.slice(1) : w;
  }

  function words(text) {
    return (text || "").toLowerCase().normalize("NFKD").replace(/[\u0300-\u036f]/g, "").split(/[^\p{L}\p{N}]+/u)
      .filter(Boolean);
  }

  /* Words of ``text`` around the first query word, query words marked (runs, as ALN.excerpt gives them). */
  function excerptOf(text, terms, stemOf, length) {
    var tokens = (text || "").split(/\s+/).filter(Boolean), stems = terms.map(stemOf), last = terms[terms.length - 1];
    function hit(i) {
      var w = words(tokens[i])[0];
      return terms.length > 0 && !!w && (stems.indexOf(stemOf(w)) >= 0 || w.startsWith(last));
    }
    return ALN.excerpt(tokens, 0, tokens.length, hit, length);
  }

  /* A result is a page (a record). Its parts are indexed separately: the top part (title, place, body) and each
     section (a workstream or item), so a page's score sums every part and its matching sections are listed
     underneath it, best first, like Pagefind's sub-results. */
  function OfflineSearch(index) {
    var cache = new Map(), postings = new Map(), exact = new Map(), vocabulary = new Map();
    var records = index.records, weights = index.weights, parts = [];
    var fields = [["title", weights.title], ["context", weights.context], ["body", weights.body]], totalLength = 0;
    function stemOf(word) { var s = cache.get(word); if (s === undefined) { s = stem(word); cache.set(word, s); } return s; }
    records.forEach(function (record, i) {
      record.length = 0;
      [record].concat(record.sections || []).forEach(function (part, j) {
        var p = parts.length;
        parts.push({ record: i, section: j - 1 });
        fields.forEach(function (field) {
          words(part[field[0]]).forEach(function (word) {
            var s = stemOf(word), byPart = postings.get(s), byWord = exact.get(word);
            if (!byPart) postings.set(s, (byPart = new Map()));
            if (!byWord) exact.set(word, (byWord = new Map()));
            byPart.set(p, (byPart.get(p) || 0) + field[1] * record.boost);
            byWord.set(p, (byWord.get(p) || 0) + field[1] * record.boost);
            if (!vocabulary.has(word)) vocabulary.set(word, s);
            record.length += 1;
          });
        });
      });
      totalLength += record.length;
    });
    var average = totalLength / Math.max(records.length, 1);

    // The parts (index -> weighted frequency) for one query word; the last word also matches as a prefix.
    // The word as typed counts twice, so "hospitality" ranks hospitality above "hospital" (both stem to "hospit").
    function matches(word, prefix) {
      var found = new Map(), stems = new Set([stemOf(word)]);
      if (prefix) vocabulary.forEach(function (s, w) { if (w.startsWith(word)) stems.add(s); });
      stems.forEach(function (s) {
        (postings.get(s) || new Map()).forEach(function (tf, p) { found.set(p, Math.max(found.get(p) || 0, tf)); });
      });
      (exact.get(word) || new Map()).forEach(function (tf, p) { found.set(p, found.get(p) + tf); });
      return found;
    }

    function valuesOf(i, key) { return records[i].filters[key] || []; }

    // Every word must match somewhere on the page; a page's score is BM25 over the whole page,
    // a part's score (to order the sections under their page) the idf-weighted frequency of its words.
    function rank(query) {
      var terms = words(query), scores = new Map(), partScores = new Map();
      if (!terms.length) return null;
      terms.forEach(function (term, t) {
        var found = matches(term, t === terms.length - 1), byRecord = new Map(), next = new Map();
        found.forEach(function (tf, p) { var i = parts[p].record; byRecord.set(i, (byRecord.get(i) || 0) + tf); });
        var idf = Math.log(1 + (records.length - byRecord.size + 0.5) / (byRecord.size + 0.5));
        byRecord.forEach(function (tf, i) {
          if (t > 0 && !scores.has(i)) return;
          var norm = tf * 2.2 / (tf + 1.2 * (0.25 + 0.75 * records[i].length / average));
          next.set(i, (scores.get(i) || 0) + idf * norm);
        });
        found.forEach(function (tf, p) { partScores.set(p, (partScores.get(p) || 0) + idf * tf); });
        scores = next;
      });
      return { scores: scores, partScores: partScores, terms: terms };
    }

    // Parts of each page that matched, by page.
    function matchedParts(ranked) {
      var byRecord = new Map();
      ranked.partScores.forEach(function (score, p) {
        var part = parts[p];
        if (!ranked.scores.has(part.record)) return;
        if (!byRecord.has(part.record)) byRecord.set(part.record, []);
        byRecord.get(part.record).push({ section: part.section, score: score });
      });
      return byRecord;
    }

    function hit(i, ranked, found) {
      var r = records[i], terms = ranked ? ranked.terms : [], subs = [], excerpt = null;
      (found || []).forEach(function (m) {
        if (m.section < 0) { excerpt = excerptOf(r.body, terms, stemOf, 30); return; }
        var s = r.sections[m.section];
        subs.push({ url: r.url + "#" + s.anchor, kind: s.kind, title: s.title, score: m.score, at: m.section, section: m.section,
          excerpt: excerptOf(s.body || s.context, terms, stemOf, 24) });
      });
      if (!ranked) excerpt = excerptOf(r.body, [], stemOf, 30);
      subs.sort(function (a, b) { return b.score - a.score || a.at - b.at; });
      return { url: r.url, title: r.title, meta: r.meta, excerpt: excerpt, subs: subs };
    }

    /* The sections of page i that hold the words, best first, as search.js gives them for Pagefind: the finder
       needs no excerpts. Pages with no sections (themes, other pages) give null. */
    function sectionsOf(i, found) {
      var r = records[i];
      if (!r.sections || !r.sections.length) return null;
      var sections = (found || []).filter(function (m) { return m.section >= 0; })
        .sort(function (a, b) { return b.score - a.score || a.section - b.section; });
      return { url: r.url, sections: sections.map(function (m) { return m.section; }) };
    }

    this.filterNames = index.filters;
    this.search = function (query, filters) {
      var ranked = rank(query), ids = ranked ? Array.from(ranked.scores.keys()) : records.map(function (_, i) { return i; });
      var hits = ids.filter(function (i) { return ALN.passes(i, filters, valuesOf); });
      if (ranked) hits.sort(function (a, b) { return ranked.scores.get(b) - ranked.scores.get(a) || a - b; });
      var found = ranked ? matchedParts(ranked) : new Map();
      return Promise.resolve({
        counts: ALN.facetCounts(ids, Object.keys(index.filters), filters, valuesOf),
        total: hits.length,
        results: hits.map(function (i) {
          return { id: i, score: ranked ? ranked.scores.get(i) : 0, load: function () {
            return Promise.resolve(hit(i, ranked, found.get(i)));
          }, matched: function () { return Promise.resolve(sectionsOf(i, found.get(i))); } };
        })
      });
    };
  }

  window.ALNOfflineSearch = OfflineSearch;
  window.ALNStem = stem;
})();
