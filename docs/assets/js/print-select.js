/* Choosing entries for a booklet on the browse page: a tick on every result card ([data-entry-id]) and, in the
   [data-print-tools] box, “全部筛选结果” or “已勾选”, the count, and “生成培训手册”, a link to the print page
   with the selection in its address (print/?<the filters> or print/?ids=…). The browse page tells the count and
   the filters after every render (the zjxn:results event). Built with DOM calls and textContent only. */
(function () {
  "use strict";
  var box = document.querySelector("[data-print-tools]");
  if (!box) return;
  var here = document.currentScript ? document.currentScript.src : location.href;
  var printPage = new URL("../../print/", here);
  var KEY = "zjxn-print-picked";
  var picked = [];
  try { picked = JSON.parse(sessionStorage.getItem(KEY) || "[]"); } catch (e) { picked = []; }
  // until the browse page reports (zjxn:results), the filters in the address and the cards shown
  var results = { count: document.querySelectorAll("[data-entry-id]:not([hidden])").length,
                  query: location.search.replace(/^\?/, "") };

  function element(tag, attributes, children) {
    var node = document.createElement(tag);
    Object.keys(attributes || {}).forEach(function (name) { node.setAttribute(name, attributes[name]); });
    (children || []).forEach(function (child) { node.append(child); });
    return node;
  }

  var allCount = element("span"), pickedCount = element("span");
  var scopeAll = element("input", { type: "radio", name: "zjxn-print-scope", value: "results" });
  var scopePicked = element("input", { type: "radio", name: "zjxn-print-scope", value: "picked" });
  var allLabel = element("label", { class: "zjxn-print-tools__choice" },
                         [scopeAll, element("span", {}, ["全部筛选结果（", allCount, "）"])]);
  var pickedLabel = element("label", { class: "zjxn-print-tools__choice" },
                            [scopePicked, element("span", {}, ["已勾选的条目（", pickedCount, "）"])]);
  var go = element("a", { class: "md-button md-button--primary zjxn-print-tools__go", "data-print-go": "" }, ["生成培训手册"]);
  var clear = element("button", { type: "button", class: "md-button zjxn-print-tools__clear" }, ["清除勾选"]);
  var hint = element("p", { class: "zjxn-print-tools__hint" });
  box.replaceChildren(
    element("p", { class: "zjxn-print-tools__title" }, [element("strong", {}, ["打印培训手册"]),
      "：用全部筛选结果，或在下面勾选条目，再点“生成培训手册”。"]),
    element("div", { class: "zjxn-print-tools__row" }, [allLabel, pickedLabel, go, clear]),
    hint
  );

  function save() {
    try { sessionStorage.setItem(KEY, JSON.stringify(picked)); } catch (e) { /* private mode: kept for this page */ }
  }

  function update() {
    allCount.textContent = results.query ? results.count + " 个" : "请先设置筛选条件";
    pickedCount.textContent = picked.length + " 个";
    scopeAll.disabled = !results.query;
    scopePicked.disabled = !picked.length;
    if (scopeAll.disabled && scopeAll.checked) scopeAll.checked = false;
    if (scopePicked.disabled && scopePicked.checked) scopePicked.checked = false;
    if (!scopeAll.checked && !scopePicked.checked) {
      if (picked.length) scopePicked.checked = true;
      else if (results.query) scopeAll.checked = true;
    }
    var href = null, count = 0;
    if (scopePicked.checked) {
      href = printPage.href + "?ids=" + picked.map(encodeURIComponent).join(",");
      count = picked.length;
    } else if (scopeAll.checked) {
      href = printPage.href + "?" + results.query;
      count = results.count;
    }
    if (href && count) {
      go.setAttribute("href", href);
      go.removeAttribute("aria-disabled");
    } else {  // still a link, to the print page that says how to choose; shown as not yet usable
      go.setAttribute("href", printPage.href);
      go.setAttribute("aria-disabled", "true");
    }
    hint.textContent = href && count ? "手册将包含 " + count + " 个条目。" : "先设置筛选条件，或勾选条目。";
    clear.hidden = !picked.length;
  }

  function decorate() {
    document.querySelectorAll("[data-entry-id]").forEach(function (card) {
      if (card.querySelector("[data-print-pick]")) return;
      var id = card.getAttribute("data-entry-id");
      var title = card.querySelector("a");
      var tick = element("input", { type: "checkbox", "data-print-pick": "",
                                    "aria-label": "选入培训手册：" + (title ? title.textContent : id) });
      tick.checked = picked.indexOf(id) !== -1;
      tick.addEventListener("change", function () {
        var at = picked.indexOf(id);
        if (tick.checked && at === -1) picked.push(id);
        if (!tick.checked && at !== -1) picked.splice(at, 1);
        if (tick.checked) {
          scopePicked.disabled = false;
          scopePicked.checked = true;
        }
        save();
        update();
      });
      card.prepend(element("label", { class: "zjxn-pick", title: "选入培训手册" }, [tick]));
    });
  }

  scopeAll.addEventListener("change", update);
  scopePicked.addEventListener("change", update);
  clear.addEventListener("click", function () {
    picked = [];
    save();
    document.querySelectorAll("[data-print-pick]").forEach(function (tick) { tick.checked = false; });
    update();
  });
  document.addEventListener("zjxn:results", function (event) {
    results = { count: event.detail.count, query: event.detail.query || "" };
    decorate();
    update();
  });
  decorate();
  update();
})();
