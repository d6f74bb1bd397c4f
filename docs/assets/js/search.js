/* The header's search box: opens a dialog with Pagefind's UI, loaded on first use from the site's own pagefind/ folder. */
(function () {
  "use strict";
  var dialog = document.getElementById("zjxn-search-dialog");
  if (!dialog) return;
  var TRANSLATIONS = {
    placeholder: "搜索案例、人物、模式",
    clear_search: "清除",
    load_more: "加载更多结果",
    search_label: "搜索本站",
    filters_label: "筛选",
    zero_results: "没有找到与“[SEARCH_TERM]”相关的结果",
    many_results: "找到 [COUNT] 条与“[SEARCH_TERM]”相关的结果",
    one_result: "找到 [COUNT] 条与“[SEARCH_TERM]”相关的结果",
    total_zero_results: "没有结果",
    total_one_result: "[COUNT] 条结果",
    total_many_results: "[COUNT] 条结果",
    alt_search: "没有找到与“[SEARCH_TERM]”相关的结果。以下是与“[DIFFERENT_TERM]”相关的结果",
    search_suggestion: "没有找到与“[SEARCH_TERM]”相关的结果。请尝试以下搜索：",
    searching: "正在搜索“[SEARCH_TERM]”……"
  };
  var bundle = new URL(dialog.getAttribute("data-bundle"), location.href);
  var loading = null;
  var ui = null;

  function load() {
    if (loading) return loading;
    loading = new Promise(function (resolve, reject) {
      var style = document.createElement("link");
      style.rel = "stylesheet";
      style.href = new URL("pagefind-ui.css", bundle).href;
      document.head.appendChild(style);
      var script = document.createElement("script");
      script.src = new URL("pagefind-ui.js", bundle).href;
      script.onload = resolve;
      script.onerror = reject;
      document.head.appendChild(script);
    });
    return loading;
  }

  /* Titles end in a hidden "。" so Pagefind segments the last word of a Chinese heading; do not show it. */
  function tidy(result) {
    if (result.meta && result.meta.title) result.meta.title = result.meta.title.replace(/。$/, "");
    (result.sub_results || []).forEach(function (sub) { sub.title = sub.title.replace(/。$/, ""); });
    return result;
  }

  function focusInput() {
    var input = dialog.querySelector("input[type=text], input[type=search], input");
    if (input) input.focus();
  }

  function open() {
    if (!dialog.open) dialog.showModal();
    load().then(function () {
      if (!ui) {
        ui = new window.PagefindUI({
          element: "#zjxn-search",
          bundlePath: bundle.pathname,
          baseUrl: new URL("../", bundle).pathname,
          showSubResults: true,
          showImages: false,
          translations: TRANSLATIONS,
          processResult: tidy
        });
      }
      focusInput();
    }, function () {
      var target = document.getElementById("zjxn-search");
      target.textContent = "搜索索引尚未生成。请运行 python3 -m generator build（或 serve）后再试，也可以使用“浏览与筛选”页面。";
    });
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
