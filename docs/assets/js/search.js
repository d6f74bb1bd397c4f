/* The header's search: a dialog over Pagefind's search API (pagefind.js), loaded on first use from the
   site's own pagefind/ folder. No UI bundle and no worker script: a query downloads the engine, the
   word-index chunks for its terms and the excerpts of the results it shows. Filter lists load only
   when the reader opens 筛选. All text from the index is inserted as text; only <mark> is kept.

   Entries come first: the theme, district, institution and year pages carry a hidden filter 页面 = 索引,
   so a query runs once over the pages without it (the entries) and once over the listing pages, which
   are shown after the entries as 相关栏目. Only the listing pages carry it, so the filter's file stays
   small (a filter naming every entry was 22 KB of every search at 10,000 entries). Among the first
   entries, those that hold the query as written come before those that only hold its words.
   A search box elsewhere (the home page's) or an address with ?q= opens the dialog with its query. */
(function () {
  "use strict";
  var dialog = document.getElementById("zjxn-search-dialog");
  if (!dialog) return;
  var PAGE_SIZE = 5;
  var SUB_RESULTS = 3;
  var LISTING_PAGES = 6;
  var PHRASE_WINDOW = 15;   // results whose text is read to put the exact phrase first
  var DEBOUNCE_MS = 250;
  var KIND = "页面";        // the hidden filter of the listing pages: 索引
  var LISTING = "索引";
  var DESCRIBED = ["类型", "区县", "年份"];
  var bundle = new URL(dialog.getAttribute("data-bundle"), location.href);
  var form = dialog.querySelector("[data-zjxn-search-form]");
  var input = dialog.querySelector("#zjxn-search-input");
  var status = dialog.querySelector("#zjxn-search-status");
  var list = dialog.querySelector("[data-zjxn-search-results]");
  var pagesBox = dialog.querySelector("[data-zjxn-search-pages]");
  var more = dialog.querySelector("[data-zjxn-search-more]");
  var filterPanel = dialog.querySelector("[data-zjxn-search-filters]");
  var facetBox = dialog.querySelector("[data-zjxn-search-facets]");
  var engine = null;
  var chosen = {};      // facet name -> selected values
  var results = [];     // the current search's entry results: {data: () => Promise} in display order
  var shown = 0;
  var generation = 0;   // drops the answers of searches that were overtaken
  var timer = null;
  var highlight = null; // the current query's words, marked in excerpts

  function loadEngine() {
    if (!engine) {
      engine = import(new URL("pagefind.js", bundle).href).then(function (pagefind) {
        return pagefind.options({ noWorker: true, baseUrl: new URL("../", bundle).pathname }).then(function () {
          return pagefind;
        });
      });
      engine.catch(function () {
        engine = null;
        say("搜索暂时无法使用，请稍后再试；也可以用“浏览与筛选”按主题、区县、院校查找。");
      });
    }
    return engine;
  }

  function say(text) { status.textContent = text; }

  function cleanTitle(title) { return (title || "").replace(/。$/, "").trim(); }

  /* Pagefind joins a page's blocks with ". " or a space (a title ends in a hidden 。, see entry.html.j2):
     in Chinese text these become one space or none; and an excerpt may start inside punctuation. */
  function cleanExcerpt(html) {
    return (html || "").replace(/([^\x00-\x7f](?:<\/mark>)?)\. /g, "$1 ").replace(/([。！？：])\s+/g, "$1")
      .replace(/\s+([。，、；：！？）”’])/g, "$1").replace(/^[\s。．.，,、；;：:）)”’]+/, "");
  }

  /* The query's words as Pagefind splits a Chinese query (Intl.Segmenter), longest first, as one pattern.
     Every occurrence of them in an excerpt is marked: the index keeps only the first few positions of a
     word found on most pages, and Pagefind marks only the positions it has. */
  function wordsPattern(term) {
    var words = term.split(/\s+/);
    if (window.Intl && Intl.Segmenter) {
      words = Array.from(new Intl.Segmenter("zh", { granularity: "word" }).segment(term))
        .filter(function (part) { return part.isWordLike; }).map(function (part) { return part.segment; });
    }
    words = words.filter(Boolean).sort(function (a, b) { return b.length - a.length; });
    if (!words.length) return null;
    return new RegExp(words.map(function (word) { return word.replace(/[.*+?^${}()|[\]\\]/g, "\\$&"); }).join("|"), "gi");
  }

  function appendMarked(element, text, pattern) {
    var from = 0;
    var found;
    if (pattern) {
      pattern.lastIndex = 0;
      while ((found = pattern.exec(text))) {
        if (found.index > from) element.appendChild(document.createTextNode(text.slice(from, found.index)));
        element.appendChild(mark(found[0]));
        from = found.index + found[0].length;
      }
    }
    if (from < text.length) element.appendChild(document.createTextNode(text.slice(from)));
  }

  function mark(text) {
    var node = document.createElement("mark");
    node.textContent = text;
    return node;
  }

  /* A section's excerpt starts with the end of its heading, which is shown above it: drop that. */
  function afterHeading(html, heading) {
    var text = (heading || "").replace(/\s+/g, "");
    for (var length = text.length; length >= 2; length--) {
      var tail = text.slice(-length);
      if (html.indexOf(tail) === 0) return html.slice(tail.length);
    }
    return html;
  }

  /* An excerpt from Pagefind is escaped text with <mark> around the matches: rebuild it from text nodes,
     marking the query's words also where Pagefind did not. */
  function excerptInto(element, html, heading) {
    var scratch = document.createElement("template");
    scratch.innerHTML = cleanExcerpt(afterHeading(cleanExcerpt(html), heading));
    scratch.content.childNodes.forEach(function (node) {
      if (node.nodeName === "MARK") element.appendChild(mark(node.textContent));
      else appendMarked(element, node.textContent, highlight);
    });
    return element;
  }

  function element(tag, className, text) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (text) node.textContent = text;
    return node;
  }

  function describe(data) {
    var filters = data.filters || {};
    return DESCRIBED.map(function (name) { return (filters[name] || []).join("、"); }).filter(Boolean).join(" · ");
  }

  function renderResult(data) {
    var item = element("li", "zjxn-search__result");
    var heading = element("p", "zjxn-search__result-title");
    var link = element("a", "zjxn-search__link", cleanTitle(data.meta && data.meta.title));
    link.href = data.url;
    heading.appendChild(link);
    item.appendChild(heading);
    var about = describe(data);
    if (about) item.appendChild(element("p", "zjxn-search__about", about));
    item.appendChild(excerptInto(element("p", "zjxn-search__excerpt"), data.excerpt));
    var subs = (data.sub_results || []).filter(function (sub) { return sub.url !== data.url; }).slice(0, SUB_RESULTS);
    if (subs.length) {
      var nested = element("ul", "zjxn-search__subs");
      subs.forEach(function (sub) {
        var entry = element("li");
        var subLink = element("a", "zjxn-search__link zjxn-search__sub-link", cleanTitle(sub.title));
        subLink.href = sub.url;
        entry.appendChild(subLink);
        entry.appendChild(excerptInto(element("p", "zjxn-search__excerpt"), sub.excerpt, sub.title));
        nested.appendChild(entry);
      });
      item.appendChild(nested);
    }
    return item;
  }

  function showMore(mine) {
    var batch = results.slice(shown, shown + PAGE_SIZE);
    shown += batch.length;
    more.hidden = true;
    return Promise.all(batch.map(function (result) { return result.data(); })).then(function (pages) {
      if (mine !== generation) return;
      pages.forEach(function (data) { list.appendChild(renderResult(data)); });
      more.hidden = shown >= results.length;
    });
  }

  /* The first results that contain the query as typed (spaces ignored) move ahead of those that only
     contain its words; each keeps Pagefind's order within its group. */
  function phraseFirst(found, term) {
    var phrase = term.replace(/\s+/g, "");
    var head = found.slice(0, PHRASE_WINDOW);
    if (head.length < 2 || phrase.length < 2) return Promise.resolve(found);
    return Promise.all(head.map(function (result) { return result.data(); })).then(function (pages) {
      var exact = [];
      var other = [];
      head.forEach(function (result, i) {
        var text = ((pages[i].meta && pages[i].meta.title) || "") + (pages[i].content || "");
        (text.replace(/\s+/g, "").indexOf(phrase) !== -1 ? exact : other).push(result);
      });
      return exact.concat(other, found.slice(PHRASE_WINDOW));
    });
  }

  function activeFilters() {
    var filters = {};
    Object.keys(chosen).forEach(function (name) {
      if (chosen[name].length) filters[name] = { any: chosen[name].slice() };
    });
    return filters;
  }

  function showPages(pages, mine) {
    pagesBox.textContent = "";
    if (!pages.length) return Promise.resolve();
    return Promise.all(pages.slice(0, LISTING_PAGES).map(function (result) { return result.data(); })).then(function (found) {
      if (mine !== generation) return;
      pagesBox.appendChild(element("p", "zjxn-search__section", "相关栏目"));
      var row = element("ul", "zjxn-search__pages");
      found.forEach(function (data) {
        var item = element("li");
        var link = element("a", "zjxn-search__link", cleanTitle(data.meta && data.meta.title));
        link.href = data.url;
        item.appendChild(link);
        row.appendChild(item);
      });
      pagesBox.appendChild(row);
    });
  }

  function onlyEntries(filters) {
    var entries = Object.assign({}, filters);
    entries[KIND] = { not: LISTING };
    return entries;
  }

  function run() {
    var term = input.value.trim();
    var filters = activeFilters();
    var filtered = Object.keys(filters).length > 0;
    var mine = ++generation;
    if (!term && !filtered) {
      list.textContent = "";
      pagesBox.textContent = "";
      more.hidden = true;
      say("");
      return Promise.resolve();
    }
    say(term ? "正在搜索“" + term + "”……" : "正在筛选……");
    return loadEngine().then(function (pagefind) {
      var searches = [pagefind.search(term || null, { filters: onlyEntries(filters) })];
      var listing = {};
      listing[KIND] = LISTING;
      if (term && !filtered) searches.push(pagefind.search(term, { filters: listing }));
      return Promise.all(searches);
    }).then(function (answers) {
      if (mine !== generation || !answers) return;
      highlight = term ? wordsPattern(term) : null;
      var ordered = term ? phraseFirst(answers[0].results, term) : Promise.resolve(answers[0].results);
      return ordered.then(function (found) {
        if (mine !== generation) return;
        results = found;
        shown = 0;
        list.textContent = "";
        var label = term ? "与“" + term + "”相关的条目" : "符合筛选条件的条目";
        var pages = answers[1] ? answers[1].results : [];
        if (results.length) say("找到 " + results.length + " 个" + label);
        else say("没有找到" + label + (pages.length ? "，可以看看下面的栏目" : "。换一个词，或者用“浏览与筛选”按主题、区县查找"));
        return Promise.all([showMore(mine), showPages(pages, mine)]);
      });
    }, function () { /* the engine's failure is already reported */ });
  }

  function schedule() {
    clearTimeout(timer);
    timer = setTimeout(run, DEBOUNCE_MS);
  }

  function renderFacets(counts) {
    facetBox.textContent = "";
    var names = Object.keys(counts).filter(function (name) { return name !== KIND; });
    names.sort(function (a, b) { return (a === "类型" ? -1 : 0) - (b === "类型" ? -1 : 0); });
    names.forEach(function (name) {
      var group = element("fieldset", "zjxn-search__facet");
      group.appendChild(element("legend", null, name));
      Object.keys(counts[name]).filter(function (value) { return counts[name][value] > 0; }).sort(function (a, b) {
        return counts[name][b] - counts[name][a] || a.localeCompare(b, "zh");
      }).forEach(function (value) {
        var label = element("label", "zjxn-search__choice");
        var box = element("input");
        box.type = "checkbox";
        box.value = value;
        box.setAttribute("data-facet", name);
        label.appendChild(box);
        label.appendChild(document.createTextNode(" " + value + "（" + counts[name][value] + "）"));
        group.appendChild(label);
      });
      facetBox.appendChild(group);
    });
  }

  var facetsLoaded = false;
  function loadFacets() {
    if (facetsLoaded || !filterPanel.open) return;
    facetsLoaded = true;
    loadEngine().then(function (pagefind) {
      // filters() loads every filter; the search then counts each value over the entries, not the listing pages
      return pagefind.filters().then(function () { return pagefind.search(null, { filters: onlyEntries({}) }); });
    }).then(function (answer) { renderFacets(answer.filters); }, function () {
      facetBox.textContent = "筛选项暂时无法载入，请稍后再试。";
      facetsLoaded = false;
    });
  }

  facetBox.addEventListener("change", function (event) {
    var box = event.target;
    var name = box.getAttribute("data-facet");
    if (!name) return;
    var values = (chosen[name] || []).filter(function (value) { return value !== box.value; });
    if (box.checked) values.push(box.value);
    chosen[name] = values;
    run();
  });
  filterPanel.addEventListener("toggle", loadFacets);
  input.addEventListener("input", schedule);
  form.addEventListener("submit", function (event) {
    event.preventDefault();
    clearTimeout(timer);
    run();
  });
  more.addEventListener("click", function () { showMore(generation); });

  function open(query) {
    if (!dialog.open) dialog.showModal();
    if (typeof query === "string" && query) {
      input.value = query;
      clearTimeout(timer);
      run();
    }
    input.focus();
    loadEngine();
  }

  document.querySelectorAll("[data-zjxn-search-open]").forEach(function (button) {
    button.addEventListener("click", function () { open(); });
  });
  document.querySelectorAll("[data-zjxn-search-here]").forEach(function (other) {
    other.addEventListener("submit", function (event) {
      event.preventDefault();
      open(other.querySelector("input").value.trim());
    });
  });
  dialog.querySelector("[data-zjxn-search-close]").addEventListener("click", function () { dialog.close(); });
  dialog.addEventListener("click", function (event) { if (event.target === dialog) dialog.close(); });
  document.addEventListener("keydown", function (event) {
    var target = event.target;
    var typing = target && (target.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName));
    if (event.key === "/" && !typing && !dialog.open) {
      event.preventDefault();
      open();
    }
  });
  var asked = new URLSearchParams(location.search).get("q");
  if (asked && asked.trim()) open(asked.trim());
})();
