/* The local preview (serve): reloads the page when `serve` wrote it again, and shows what the preview is doing
   (search index being made or out of date). Asks the preview server only; nothing else is loaded. */
(function () {
  "use strict";
  var bar = document.querySelector("[data-zjxn-preview]");
  if (!bar || !window.fetch) return;
  var version = bar.getAttribute("data-version");
  var page = bar.getAttribute("data-page");
  var search = bar.querySelector("[data-zjxn-preview-search]");
  var reindex = bar.querySelector("[data-zjxn-preview-reindex]");

  function show(state) {
    search.textContent = state.search;
    reindex.hidden = !state.can_reindex;
  }

  function poll() {
    fetch("/.zjxn/changes?since=" + encodeURIComponent(version) + "&page=" + encodeURIComponent(page), { cache: "no-store" })
      .then(function (response) { return response.json(); })
      .then(function (state) {
        if (state.reload) { location.reload(); return; }
        version = state.version;
        show(state);
        poll();
      }, function () {
        search.textContent = "预览已停止：重新运行 python3 -m generator serve 后本页自动刷新";
        setTimeout(poll, 2000);
      });
  }

  reindex.addEventListener("click", function () {
    reindex.hidden = true;
    search.textContent = "正在建立搜索索引";
    fetch("/.zjxn/reindex", { method: "POST" });
  });
  poll();
})();
