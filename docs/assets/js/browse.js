/* The browse page's filters: each <select> keeps the entries whose data-* attribute holds the chosen value. */
(function () {
  "use strict";
  var form = document.getElementById("zjxn-filters");
  var list = document.getElementById("zjxn-browse");
  var status = document.getElementById("zjxn-browse-status");
  if (!form || !list) return;
  var items = Array.prototype.slice.call(list.children);
  var selects = Array.prototype.slice.call(form.querySelectorAll("select[data-facet]"));

  function matches(item, facet, value) {
    var values = item.getAttribute("data-" + facet) || "";
    return values.indexOf("|" + value + "|") !== -1;
  }

  function apply() {
    var chosen = selects.filter(function (s) { return s.value; });
    var shown = 0;
    items.forEach(function (item) {
      var keep = chosen.every(function (s) { return matches(item, s.getAttribute("data-facet"), s.value); });
      item.hidden = !keep;
      if (keep) shown += 1;
    });
    status.textContent = chosen.length ? "显示 " + shown + " / " + items.length + " 个条目" : "共 " + items.length + " 个条目";
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
