/* The browse page's filters: each <select> keeps the entries whose data-* attribute holds the chosen value.
   A long list ships only its first entries in the page; the rest come from data-source (JSON) at the first
   filter, and are built with DOM calls (textContent), never as HTML. */
(function () {
  "use strict";
  var form = document.getElementById("zjxn-filters");
  var list = document.getElementById("zjxn-browse");
  var status = document.getElementById("zjxn-browse-status");
  if (!form || !list) return;
  var items = Array.prototype.slice.call(list.children);
  var total = parseInt(list.getAttribute("data-total"), 10) || items.length;
  var source = list.getAttribute("data-source");
  var loading = null;
  var selects = Array.prototype.slice.call(form.querySelectorAll("select[data-facet]"));

  function matches(item, facet, value) {
    var values = item.getAttribute("data-" + facet) || "";
    return values.indexOf("|" + value + "|") !== -1;
  }

  function muted(text) {
    var span = document.createElement("span");
    span.className = "zjxn-muted";
    span.textContent = text;
    return span;
  }

  function build(row, facets) {
    // row: [url, type, type label, title, district, year, ...one "|a|b|" string per facet, id]
    var li = document.createElement("li");
    li.className = "zjxn-list__item";
    li.setAttribute("data-entry-id", row[6 + facets.length]);
    li.setAttribute("data-entry-type", row[1]);
    facets.forEach(function (facet, i) {
      li.setAttribute("data-" + facet, row[6 + i]);
    });
    var badge = document.createElement("span");
    badge.className = "zjxn-type zjxn-type--" + row[1];
    badge.textContent = row[2];
    var link = document.createElement("a");
    link.href = row[0];
    link.textContent = row[3];
    li.append(badge, " ", link);
    if (row[4]) li.append(" ", muted(row[4]));
    if (row[5]) li.append(" ", muted(String(row[5])));
    return li;
  }

  function loadAll() {
    if (!source || items.length >= total) return Promise.resolve();
    if (!loading) {
      status.textContent = "正在载入全部条目…";
      loading = fetch(source).then(function (response) { return response.json(); }).then(function (data) {
        var built = data.rows.map(function (row) { return build(row, data.facets); });
        list.replaceChildren.apply(list, built);
        items = built;
      });
    }
    return loading;
  }

  function apply() {
    var chosen = selects.filter(function (s) { return s.value; });
    var ready = chosen.length ? loadAll() : Promise.resolve();
    ready.then(function () {
      var shown = 0;
      items.forEach(function (item) {
        var keep = chosen.every(function (s) { return matches(item, s.getAttribute("data-facet"), s.value); });
        item.hidden = !keep;
        if (keep) shown += 1;
      });
      status.textContent = chosen.length ? "显示 " + shown + " / " + total + " 个条目"
        : (items.length < total ? "先列出 " + items.length + " 个，共 " + total + " 个条目" : "共 " + total + " 个条目");
      // for print-select.js: how many entries the filters give, and the filters as a query string
      document.dispatchEvent(new CustomEvent("zjxn:results", { detail: { count: chosen.length ? shown : total,
                                                                         query: search } }));
    }, function () {
      status.textContent = "全部条目载入失败，请刷新页面重试。";
    });
    var query = new URLSearchParams();
    chosen.forEach(function (s) { query.set(s.name, s.value); });
    var search = query.toString();
    history.replaceState(null, "", search ? "?" + search : location.pathname);
  }

  var params = new URLSearchParams(location.search);
  selects.forEach(function (s) {
    if (params.has(s.name)) s.value = params.get(s.name);
    s.addEventListener("change", apply);
  });
  form.addEventListener("reset", function () { setTimeout(apply, 0); });
  form.hidden = false;
  apply();
})();
