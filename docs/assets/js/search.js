/* The header's search: a dialog over Pagefind's search API (pagefind.js), loaded on first use from the
   site's own pagefind/ folder. No UI bundle and no worker script: a query downloads the engine, the
   word-index chunks for its terms and the excerpts of the results it shows. Filter lists load only
   when the reader opens 筛选. All text from the index is inserted as text; only <mark> is kept. */
(function () {
  "use strict";
  var dialog = document.getElementById("zjxn-search-dialog");
  if (!dialog) return;
  var PAGE_SIZE = 5;
  var SUB_RESULTS = 3;
  var DEBOUNCE_MS = 250;
  var FACETS = ["类型", "主题", "区县", "院校", "年份"];
  var bundle = new URL(dialog.getAttribute("data-bundle"), location.href);
  var form = dialog.querySelector("[data-zjxn-search-form]");
  var input = dialog.querySelector("#zjxn-search-input");
  var status = dialog.querySelector("#zjxn-search-status");
  var list = dialog.querySelector("[data-zjxn-search-results]");
  var more = dialog.querySelector("[data-zjxn-search-more]");
  var filterPanel = dialog.querySelector("[data-zjxn-search-filters]");
  var facetBox = dialog.querySelector("[data-zjxn-search-facets]");
  var engine = null;
  var chosen = {};      // facet name -> selected values
  var results = [];     // the current search's results, loaded PAGE_SIZE at a time
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
        status.textContent = "搜索索引尚未生成。请运行 python3 -m generator build（或 serve）后再试，也可以使用“浏览与筛选”页面。";
      });
    }
    return engine;
  }

  function say(text) { status.textContent = text; }

  /* Titles end in a hidden "。" so Pagefind segments the last word of a Chinese heading; do not show it. */
  function tidyTitle(title) { return (title || "").replace(/。$/, ""); }

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

  /* An excerpt from Pagefind is escaped text with <mark> around the matches: rebuild it from text nodes,
     marking the query's words also where Pagefind did not. */
  function excerptInto(element, html) {
    var scratch = document.createElement("template");
    scratch.innerHTML = html || "";
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
    return ["类型", "区县", "年份"].map(function (name) { return (filters[name] || []).join("、"); })
      .filter(Boolean).join(" · ");
  }

  function renderResult(data) {
    var item = element("li", "zjxn-search__result");
    var heading = element("p", "zjxn-search__result-title");
    var link = element("a", "zjxn-search__link", tidyTitle(data.meta && data.meta.title));
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
        var subLink = element("a", "zjxn-search__link zjxn-search__sub-link", tidyTitle(sub.title));
        subLink.href = sub.url;
        entry.appendChild(subLink);
        entry.appendChild(excerptInto(element("p", "zjxn-search__excerpt"), sub.excerpt));
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

  function activeFilters() {
    var filters = {};
    Object.keys(chosen).forEach(function (name) {
      if (chosen[name].length) filters[name] = { any: chosen[name].slice() };
    });
    return filters;
  }

  function run() {
    var term = input.value.trim();
    var filters = activeFilters();
    var mine = ++generation;
    if (!term && !Object.keys(filters).length) {
      list.textContent = "";
      more.hidden = true;
      say("");
      return Promise.resolve();
    }
    say(term ? "正在搜索“" + term + "”……" : "正在筛选……");
    return loadEngine().then(function (pagefind) {
      return pagefind.search(term || null, { filters: filters });
    }).then(function (answer) {
      if (mine !== generation || !answer) return;
      results = answer.results;
      highlight = term ? wordsPattern(term) : null;
      shown = 0;
      list.textContent = "";
      var label = term ? "与“" + term + "”相关的结果" : "符合筛选条件的条目";
      say(results.length ? "找到 " + results.length + " 条" + label : "没有找到" + label);
      return showMore(mine);
    }, function () { /* the engine's failure is already reported */ });
  }

  function schedule() {
    clearTimeout(timer);
    timer = setTimeout(run, DEBOUNCE_MS);
  }

  function renderFacets(counts) {
    facetBox.textContent = "";
    FACETS.filter(function (name) { return counts[name]; }).forEach(function (name) {
      var group = element("fieldset", "zjxn-search__facet");
      group.appendChild(element("legend", null, name));
      Object.keys(counts[name]).sort(function (a, b) {
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
    loadEngine().then(function (pagefind) { return pagefind.filters(); }).then(renderFacets, function () {
      facetBox.textContent = "筛选项暂时无法载入。";
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

  function open() {
    if (!dialog.open) dialog.showModal();
    input.focus();
    loadEngine();
  }

  document.querySelectorAll("[data-zjxn-search-open]").forEach(function (button) {
    button.addEventListener("click", open);
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
})();
