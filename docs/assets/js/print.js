/* The print page: the selection in the address -> a booklet laid out for the browser's printing.

   The selection is resolved as generator/packs/select.py does (AND across selectors, OR within one; a theme
   includes its sub-themes, whose entries its facet lists), from the pieces the build wrote under print/data/
   (site/printing.py): the catalogue, the facets named, the id chunks needed, then one file per chosen entry.
   The booklet is built from the page's <template>s in a shadow root styled only by print-booklet.css, so
   Material's styles cannot make the screen and the printed layout differ. Its contents' page numbers come from
   laying each part out on screen in columns of the printed page area (one column = one page), which Chromium
   breaks as it breaks pages; pages get their numbers and running headers from @page rules.
   Whatever comes from the address is only ever compared or written with textContent. */
(function () {
  "use strict";
  var root = document.querySelector("[data-print]");
  if (!root) return;
  var here = document.currentScript ? document.currentScript.src : location.href;
  var SEPARATORS = /[,，、]/;
  var ID = /^[a-z0-9]+(-[a-z0-9]+)*$/;
  var CONCURRENT = 16;  // requests in flight: a browser opens six connections to a host, the rest wait their turn
  var texts = JSON.parse(root.getAttribute("data-texts"));
  var catalogueUrl = new URL(root.getAttribute("data-catalogue"), location.href);
  var siteRoot = new URL("../../", catalogueUrl);
  var siteUrl = root.getAttribute("data-site-url");
  var format = parseInt(root.getAttribute("data-format"), 10);
  var controls = root.querySelector("[data-print-controls]");
  var titleInput = root.querySelector("[data-print-title]");
  var goButton = root.querySelector("[data-print-go]");
  var status = root.querySelector("[data-print-status]");
  var host = root.querySelector("[data-print-booklet]");
  var params = new URLSearchParams(location.search);
  var files = {};
  var pageRules = document.createElement("style");
  var booklet = null;

  function say(key, values) {
    return texts[key].replace(/\{(\w+)\}/g, function (all, name) { return String(values[name]); });
  }

  function state(name, message) {
    if (window.performance && performance.mark) performance.mark("zjxn-print-" + name);  // for bench/print_page.py
    root.setAttribute("data-state", name);
    if (message !== undefined) status.textContent = message;
  }

  function show(selector) { root.querySelector(selector).hidden = false; }

  function fetchJSON(path) {
    if (!files[path]) {
      files[path] = fetch(new URL(path, catalogueUrl)).then(function (response) {
        if (!response.ok) throw new Error(path + ": " + response.status);
        return response.json();
      });
    }
    return files[path];
  }

  function part(name) {
    return root.querySelector('template[data-print-part="' + name + '"]').content.firstElementChild.cloneNode(true);
  }

  function slot(node, name) { return node.querySelector('[data-slot="' + name + '"]'); }

  /* A slot takes its text, or leaves the part when there is none; [data-value] inside it holds the text. */
  function fill(node, name, value) {
    var found = slot(node, name);
    if (value === undefined || value === null || value === "" || value === false) {
      found.remove();
      return;
    }
    if (value !== true) (found.querySelector("[data-value]") || found).textContent = value;
  }

  function normalize(text) { return text.normalize("NFKC").trim(); }

  function split(values) {
    var found = [];
    values.forEach(function (value) {
      value.split(SEPARATORS).forEach(function (piece) {
        piece = normalize(piece);
        if (piece && found.indexOf(piece) === -1) found.push(piece);
      });
    });
    return found;
  }

  function listItems(selector, items) {
    var box = root.querySelector(selector), list = box.querySelector("[data-print-list]");
    list.replaceChildren.apply(list, items.map(function (text) { var li = part("unknown"); li.textContent = text; return li; }));
    box.hidden = false;
  }

  // --- selection

  function typeOf(catalogue, number) {
    var start = 0;
    for (var i = 0; i < catalogue.types.length; i++) {
      start += catalogue.types[i].count;
      if (number < start) return catalogue.types[i].id;
    }
    return null;
  }

  function before(catalogue, a, b) {  // entry order: the types' order, then ids
    var order = catalogue.types.map(function (t) { return t.id; });
    return order.indexOf(a[0]) < order.indexOf(b[0]) || (a[0] === b[0] && a[1] < b[1]);
  }

  /* ids -> {numbers, titles wanted later, unknown}: each id is looked up among every type's entries. */
  function resolveIds(catalogue, ids) {
    var lookups = [];
    ids.forEach(function (id) {
      if (!ID.test(id)) { lookups.push(Promise.resolve({ id: id, numbers: [] })); return; }
      var found = catalogue.types.map(function (type) {
        var key = [type.id, id];
        var chunk = -1;
        catalogue.chunks.forEach(function (first, k) { if (!before(catalogue, key, first)) chunk = k; });
        if (chunk < 0) return Promise.resolve(null);
        return fetchJSON("ids/" + chunk + ".json").then(function (list) {
          for (var at = list.indexOf(id); at !== -1; at = list.indexOf(id, at + 1)) {
            if (typeOf(catalogue, chunk * catalogue.chunk + at) === type.id) return chunk * catalogue.chunk + at;
          }
          return null;
        });
      });
      lookups.push(Promise.all(found).then(function (numbers) {
        return { id: id, numbers: numbers.filter(function (n) { return n !== null; }) };
      }));
    });
    return Promise.all(lookups).then(function (results) {
      var numbers = [];
      results.forEach(function (r) { numbers = numbers.concat(r.numbers); });
      var known = results.filter(function (r) { return r.numbers.length; });
      return { numbers: numbers, values: known.map(function (r) { return r.id; }),
               first: known.map(function (r) { return r.numbers[0]; }),  // where each id's title is read
               unknown: results.filter(function (r) { return !r.numbers.length; }).map(function (r) { return r.id; }) };
    });
  }

  function valueIndex(facet, text) {
    var lists = [facet.values, facet.labels || []];
    for (var i = 0; i < lists.length; i++) {
      var at = lists[i].indexOf(text);
      if (at !== -1) return at;
    }
    var spellings = facet.spellings;
    if (Object.prototype.hasOwnProperty.call(spellings, text)) return spellings[text];
    if (Object.prototype.hasOwnProperty.call(spellings, text.toLowerCase())) return spellings[text.toLowerCase()];
    return -1;
  }

  function numbersOf(facet, at) {
    var numbers = [], sum = 0;
    facet.entries[at].forEach(function (gap) { sum += gap; numbers.push(sum); });
    return numbers;
  }

  /* One facet's texts -> {numbers (OR of the values), the values, words for the cover, unknown texts}. */
  function resolveFacet(name, wanted) {
    return fetchJSON("facets/" + name + ".json").then(function (facet) {
      var numbers = [], values = [], words = [], unknown = [];
      wanted.forEach(function (text) {
        var at = valueIndex(facet, text);
        var digits = facet.range ? text.replace(/年$/, "").trim() : "";
        if (at === -1 && /^\d+$/.test(digits) && +digits >= facet.range[0] && +digits <= facet.range[1]) {
          var number = String(+digits);  // a year as the field holds it, named even without entries
          at = facet.values.indexOf(number);
          if (at === -1) {
            if (values.indexOf(number) === -1) {
              values.push(number);
              words.push(number);
            }
            return;
          }
        }
        if (at === -1) { unknown.push(text); return; }
        numbers = numbers.concat(numbersOf(facet, at));
        if (values.indexOf(facet.values[at]) !== -1) return;
        values.push(facet.values[at]);
        words.push((facet.words || facet.labels || facet.values)[at]);
      });
      return { numbers: numbers, values: values, words: words, unknown: unknown };
    });
  }

  function resolve(catalogue) {
    var asked = catalogue.selectors.filter(function (s) { return split(params.getAll(s.name)).length; });
    return Promise.all(asked.map(function (selector) {
      var wanted = split(params.getAll(selector.name));
      return (selector.name === "ids" ? resolveIds(catalogue, wanted) : resolveFacet(selector.name, wanted))
        .then(function (found) { found.selector = selector; return found; });
    })).then(function (found) {
      var chosen = null;
      found.forEach(function (f) {
        var mine = new Set(f.numbers);
        chosen = chosen === null ? mine : new Set(Array.from(chosen).filter(function (n) { return mine.has(n); }));
      });
      return { asked: found, numbers: Array.from(chosen || []).sort(function (a, b) { return a - b; }) };
    });
  }

  /* The ids' titles, as the cover names them: three of them at most, then how many. */
  function idWords(asked) {
    var ids = asked.filter(function (f) { return f.selector.name === "ids"; })[0];
    if (!ids) return Promise.resolve();
    return Promise.all(ids.first.slice(0, 3).map(function (n) { return fetchJSON("entries/" + n + ".json"); }))
      .then(function (records) {
        var titles = records.map(function (r) { return r.title; });
        ids.words = ids.values.length > 3 ? [titles.join("、") + say("more_titles", { count: ids.values.length })] : titles;
      });
  }

  /* 「主题：产教融合（含子主题）；区县：不限」, as packs/select.py describe() says it. */
  function describe(catalogue, asked) {
    var given = {};
    asked.forEach(function (f) { given[f.selector.name] = f; });
    var names = catalogue.described.concat(catalogue.selectors.map(function (s) { return s.name; })
      .filter(function (n) { return catalogue.described.indexOf(n) === -1; }));
    var parts = [];
    names.forEach(function (name) {
      var selector = catalogue.selectors.filter(function (s) { return s.name === name; })[0];
      var words = given[name] ? given[name].words : [];
      if (words.length) parts.push(selector.label + "：" + words.join("、"));
      else if (catalogue.described.indexOf(name) !== -1) parts.push(selector.label + "：" + texts.unlimited);
    });
    return parts.join("；");
  }

  // --- entries

  /* Entries fetched a few at a time; `arrived(record, i)` runs as each comes, while the others are on their way. */
  function loadEntries(numbers, arrived) {
    var records = new Array(numbers.length), next = 0;
    function worker() {
      if (next >= numbers.length) return Promise.resolve();
      var i = next++;
      return fetchJSON("entries/" + numbers[i] + ".json").then(function (record) {
        records[i] = record;
        arrived(record, i);
        return worker();
      });
    }
    var workers = [];
    for (var w = 0; w < Math.min(CONCURRENT, numbers.length); w++) workers.push(worker());
    return Promise.all(workers).then(function () { return records; });
  }

  /* The body came from the entry's page: its links and images are relative to that page, its ids its own. */
  function body(record, number) {
    var box = document.createElement("template");
    box.innerHTML = record.body;  // the site's own sanitized HTML (generator/render.py), never the address
    var page = new URL(record.url, siteRoot);
    var prefix = "zjxn-" + number + "-";
    box.content.querySelectorAll("[id]").forEach(function (node) { node.id = prefix + node.id; });
    box.content.querySelectorAll("a[href]").forEach(function (link) {
      var href = link.getAttribute("href");
      if (href.charAt(0) === "#") { link.setAttribute("href", "#" + prefix + href.slice(1)); return; }
      var target = new URL(href, page);
      if (target.origin !== siteRoot.origin) return;  // an outside address: printed after the link
      var path = target.href.indexOf(siteRoot.href) === 0 ? target.href.slice(siteRoot.href.length) : null;
      if (siteUrl && path !== null) link.setAttribute("href", siteUrl + path);
      else link.removeAttribute("href");  // no public address to print
    });
    box.content.querySelectorAll("img[src]").forEach(function (img) {
      img.setAttribute("src", new URL(img.getAttribute("src"), page).href);
    });
    return box.content;
  }

  function entryArticle(record, number, label, index) {
    var article = part("entry");
    article.id = "zjxn-entry-" + number;
    article.setAttribute("data-entry-id", record.id);
    article.setAttribute("data-entry-type", record.type);
    article.style.page = "zjxn-e" + index;
    fill(article, "type", label);
    fill(article, "stub", record.stub);
    fill(article, "title", record.title);
    fill(article, "summary", record.summary);
    fill(article, "stub-note", record.stub);
    var facts = slot(article, "facts");
    record.facts.forEach(function (fact) {
      var row = part("fact");
      fill(row, "label", fact[0]);
      fill(row, "value", fact[1]);
      facts.appendChild(row);
    });
    if (siteUrl) {
      var address = part("address");
      fill(address, "value", siteUrl + record.url);
      facts.appendChild(address);
    } else {
      slot(article, "qr").remove();
    }
    slot(article, "body").appendChild(body(record, number));
    if (record.outcomes.length) {
      var rows = slot(article, "rows");
      record.outcomes.forEach(function (o) {
        var row = part("outcome");
        fill(row, "label", o[0]);
        fill(row, "value", o[1]);
        fill(row, "unit", o[2]);
        rows.appendChild(row);
      });
    } else {
      slot(article, "outcomes").remove();
    }
    var sources = slot(article, "sources");
    record.sources.forEach(function (source) {
      var item = part("source");
      ["title", "publisher", "column", "date", "url"].forEach(function (name) { fill(item, name, source[name]); });
      sources.appendChild(item);
    });
    return article;
  }

  var qrLoading = null;

  /* qr.js (window.zjxnQR), the site's own QR code drawing, loaded the first time a code is wanted. */
  function qr() {
    if (!qrLoading) {
      qrLoading = window.zjxnQR ? Promise.resolve() : new Promise(function (resolve, reject) {
        var script = document.createElement("script");
        script.src = new URL("qr.js", here).href;
        script.onload = resolve;
        script.onerror = reject;
        document.head.appendChild(script);
      });
    }
    return qrLoading.then(function () { return window.zjxnQR; });
  }

  function drawCode(article, record) {
    if (!siteUrl) return Promise.resolve();
    return qr().then(function (draw) { return draw(siteUrl + record.url); })
      .then(function (svg) { slot(article, "code").appendChild(svg); });
  }

  // --- the booklet

  function cssString(text) {  // a CSS string literal: only letters, digits and spaces stay as they are
    return '"' + Array.from(text).map(function (c) {
      return /^[\p{L}\p{N} ]$/u.test(c) ? c : "\\" + c.codePointAt(0).toString(16) + " ";
    }).join("") + '"';
  }

  function today() {
    var d = new Date();
    return say("date", { year: d.getFullYear(), month: d.getMonth() + 1, day: d.getDate() });
  }

  /* The booklet's shadow root with its stylesheet, which loads while the entries are fetched. */
  function prepare() {
    var shadow = host.attachShadow({ mode: "open" });
    var sheet = document.createElement("link");
    sheet.rel = "stylesheet";
    sheet.href = root.getAttribute("data-stylesheet");
    var styled = new Promise(function (resolve) { sheet.onload = sheet.onerror = resolve; });
    shadow.append(sheet);
    return styled;
  }

  function build(catalogue, selection, records, articles, styled) {
    var cover = part("cover"), contents = part("contents");
    fill(cover, "selection", describe(catalogue, selection.asked));
    var counts = catalogue.types.map(function (t) {
      var n = records.filter(function (r) { return r.type === t.id; }).length;
      return n ? say("count_type", { label: t.label, count: n }) : null;
    }).filter(Boolean);
    fill(cover, "count", say("count", { count: records.length, types: counts.join("、") }));
    fill(cover, "date", today());
    var groups = slot(contents, "groups"), lines = [];
    catalogue.types.forEach(function (t) {
      var mine = records.map(function (r, i) { return i; }).filter(function (i) { return records[i].type === t.id; });
      if (!mine.length) return;
      var group = part("group");
      fill(group, "label", t.label);
      var list = slot(group, "lines");
      mine.forEach(function (i) {
        var line = part("line");
        slot(line, "link").setAttribute("href", "#" + articles[i].id);
        fill(line, "title", records[i].title);
        fill(line, "stub", records[i].stub);
        lines[i] = slot(line, "page");
        list.appendChild(line);
      });
      groups.appendChild(group);
    });
    var pages = document.createElement("div");
    pages.className = "zjxn-booklet";
    pages.append(cover, contents);
    pages.append.apply(pages, articles);
    var measures = document.createElement("div");
    measures.className = "zjxn-measures";
    measures.setAttribute("aria-hidden", "true");
    host.shadowRoot.append(pages, measures);
    // the site's fonts are the system's (no web font): only a font still loading would change the layout
    return Promise.all([styled, document.fonts.status === "loading" ? document.fonts.ready : null]).then(function () {
      return { sheets: pages, cover: cover, contents: contents, articles: articles, records: records, lines: lines,
               measures: measures, entryPages: null };
    });
  }

  function loaded(node) {
    return Promise.all(Array.from(node.querySelectorAll("img")).map(function (img) {
      return img.decode ? img.decode().catch(function () {}) : Promise.resolve();
    }));
  }

  /* Pages each part takes when printed: laid out in columns as wide and high as the page area. */
  function measure(parts) {
    var frames = parts.map(function (node) {
      var frame = document.createElement("div");
      frame.className = "zjxn-measure";
      frame.appendChild(node.cloneNode(true));
      return frame;
    });
    booklet.measures.replaceChildren.apply(booklet.measures, frames);
    return Promise.all(frames.map(loaded)).then(function () {
      var width = frames.length ? frames[0].getBoundingClientRect().width : 1;
      if (!width) throw new Error("the booklet is not laid out (hidden?)");
      var counts = frames.map(function (frame) { return Math.max(1, Math.round(frame.scrollWidth / width)); });
      booklet.measures.replaceChildren();
      return counts;
    });
  }

  function sheetLabel(node, first, count) {
    node.setAttribute("data-pages", count > 1 ? say("pages", { first: first, last: first + count - 1 })
                                              : say("first_page", { page: first }));
  }

  /* Cover and contents are measured with the contents' numbers in place, until their length settles. */
  function number() {
    var entryPages = booklet.entryPages;
    function attempt(front, tries) {
      var page = front + 1;
      booklet.lines.forEach(function (line, i) { line.textContent = page; page += entryPages[i]; });
      return measure([booklet.cover, booklet.contents]).then(function (counts) {
        var settled = counts[0] + counts[1];
        if (settled !== front && tries < 4) return attempt(settled, tries + 1);
        sheetLabel(booklet.cover, 1, counts[0]);
        sheetLabel(booklet.contents, counts[0] + 1, counts[1]);
        var first = settled + 1;
        booklet.articles.forEach(function (article, i) { sheetLabel(article, first, entryPages[i]); first += entryPages[i]; });
        return first - 1;
      });
    }
    return attempt(2, 0);
  }

  function paperRules(paper) {
    Array.from(host.classList).forEach(function (name) { if (name.indexOf("zjxn-paper-") === 0) host.classList.remove(name); });
    host.classList.add("zjxn-paper-" + paper);
    var style = getComputedStyle(host);
    var rules = ["@page { size: " + style.getPropertyValue("--zjxn-page-size").trim() + "; margin: " +
                 style.getPropertyValue("--zjxn-page-margin").trim() + "; }"];
    booklet.records.forEach(function (record, i) {
      rules.push("@page zjxn-e" + i + " { @top-center { content: " + cssString(record.title) + "; } }");
    });
    pageRules.textContent = rules.join("\n");
  }

  var laying = Promise.resolve();

  /* Until the booklet is ready the screen lays out only the sheets in view (content-visibility in
     print-booklet.css); then all of them, once, so that the preview scrolls without gaps. */
  function showWhole() {
    if (booklet.sheets.classList.contains("zjxn-booklet--whole")) return;
    booklet.sheets.classList.add("zjxn-booklet--whole");
    void booklet.sheets.offsetHeight;
    if (window.performance && performance.mark) performance.mark("zjxn-print-whole");
  }

  function layOut(paper) {
    laying = laying.then(function () {
      goButton.disabled = true;
      state("laying", texts.laying);
      paperRules(paper);
      var parts = booklet.articles;
      return (booklet.entryPages && booklet.paper === paper ? Promise.resolve(booklet.entryPages) : measure(parts))
        .then(function (counts) {
          booklet.entryPages = counts;
          booklet.paper = paper;
          return number();
        }).then(function (total) {
          goButton.disabled = false;
          root.setAttribute("data-pages", total);
          state("ready", say("ready", { count: booklet.records.length, pages: total, paper: paper }));
          requestAnimationFrame(showWhole);
        });
    });
    return laying;
  }

  function remember(name, value) {
    if (value) params.set(name, value); else params.delete(name);
    history.replaceState(null, "", "?" + params.toString());
  }

  function setTitle(title) {
    slot(booklet.cover, "title").textContent = title;
    document.title = title;
  }

  function controlsReady(selection) {
    var themes = selection.asked.filter(function (f) { return f.selector.name === "theme"; });
    var suggested = themes.length && themes[0].values.length === 1  // as packs/select.py default_title()
      ? root.getAttribute("data-theme-title").replace("{theme}", themes[0].values[0])
      : root.getAttribute("data-default-title");
    titleInput.value = (params.get("title") || suggested).slice(0, 40);
    var papers = Array.from(controls.querySelectorAll('input[name="paper"]'));
    var asked = papers.filter(function (p) { return p.value === params.get("paper"); })[0];
    if (asked) asked.checked = true;
    var timer = null;
    titleInput.addEventListener("input", function () {
      setTitle(titleInput.value.trim() || suggested);
      clearTimeout(timer);
      timer = setTimeout(function () {
        remember("title", titleInput.value.trim() !== suggested ? titleInput.value.trim() : "");
        laying = laying.then(number).then(function (total) { root.setAttribute("data-pages", total); });
      }, 300);
    });
    papers.forEach(function (p) {
      p.addEventListener("change", function () { remember("paper", p.value); layOut(p.value); });
    });
    goButton.addEventListener("click", function () { laying.then(function () { window.print(); }); });
    controls.hidden = false;
    return papers.filter(function (p) { return p.checked; })[0].value;
  }

  function generate(catalogue, selection) {
    var count = selection.numbers.length, done = 0, articles = [], codes = [];
    var labels = {};
    catalogue.types.forEach(function (t) { labels[t.id] = t.label; });
    state("fetching", say("fetching", { count: count }));
    var styled = prepare();
    return loadEntries(selection.numbers, function (record, i) {
      articles[i] = entryArticle(record, selection.numbers[i], labels[record.type], i);
      codes.push(drawCode(articles[i], record));
      status.textContent = say("fetching", { count: count }) + " " + (++done) + "/" + count;
    }).then(function (records) {
      return Promise.all(codes).then(function () { return records; });
    }).then(function (records) {
      return idWords(selection.asked).then(function () { return build(catalogue, selection, records, articles, styled); });
    }).then(function (made) {
      state("built");
      booklet = made;
      var paper = controlsReady(selection);
      setTitle(titleInput.value.trim());
      return layOut(paper);
    });
  }

  function start() {
    document.head.appendChild(pageRules);
    fetchJSON("catalogue.json").then(function (catalogue) {
      if (catalogue.format !== format) throw new Error("format " + catalogue.format);
      state("resolving", texts.resolving);
      return resolve(catalogue).then(function (selection) {
        var ids = selection.asked.filter(function (f) { return f.selector.name === "ids"; })[0];
        if (ids && ids.unknown.length) listItems("[data-print-unknown]", ids.unknown);
        var unrecognised = [];
        selection.asked.forEach(function (f) {
          if (f.selector.name !== "ids") f.unknown.forEach(function (t) { unrecognised.push(f.selector.label + "：" + t); });
        });
        if (unrecognised.length) {
          listItems("[data-print-unrecognised]", unrecognised);
          return state("invalid", "");
        }
        if (!selection.asked.length) { show("[data-print-empty]"); return state("empty", ""); }
        if (!selection.numbers.length) { show("[data-print-none]"); return state("none", ""); }
        var most = parseInt(root.getAttribute("data-confirm-above"), 10);
        if (selection.numbers.length > most) {
          root.querySelector("[data-print-count]").textContent = selection.numbers.length;
          show("[data-print-confirm]");
          state("confirm", "");
          return new Promise(function (resolve) {
            root.querySelector("[data-print-confirm-go]").addEventListener("click", function () {
              root.querySelector("[data-print-confirm]").hidden = true;
              resolve(generate(catalogue, selection));
            }, { once: true });
          });
        }
        return generate(catalogue, selection);
      });
    }).catch(function (error) {
      state("error", texts.error);
      if (window.console) console.warn(error);
    });
  }

  window.addEventListener("beforeprint", function () {
    if (root.getAttribute("data-state") !== "ready") status.textContent = texts.laying;
  });
  start();
})();
