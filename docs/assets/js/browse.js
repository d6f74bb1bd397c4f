/* The browse page: filters with live counts, three sorts, paging, and the state in the address.
   The page holds the newest cards; the first filter, sort or "显示更多" fetches browse/index.json (for each
   facet value, the numbers of its entries), sorting by title fetches browse/title.json, and the shown
   results fetch only the card shards they need (browse/cards/<n>.json; entries are numbered newest first).
   Cards are copies of the page's own <template>, filled with textContent, never as HTML. After every
   render the page announces zjxn:results {count, query} for the print tools (query: the filters as URL
   parameters, facet names as keys). */
(function () {
  "use strict";
  var form = document.getElementById("zjxn-filters");
  var list = document.getElementById("zjxn-browse");
  var status = document.getElementById("zjxn-browse-status");
  var moreButton = document.getElementById("zjxn-browse-more");
  var template = document.getElementById("zjxn-card-template");
  if (!form || !list || !template) return;
  var selects = Array.prototype.slice.call(form.querySelectorAll("select[data-facet]"));
  var sortSelect = form.querySelector("select[data-sort]");
  var total = parseInt(list.getAttribute("data-total"), 10) || 0;
  var pageSize = parseInt(list.getAttribute("data-page"), 10) || 24;
  var index = null;       // browse/index.json, once fetched
  var shards = {};        // shard number -> Promise of its card rows
  var order = null;       // the entry numbers of the current results, in the chosen order
  var positions = null;   // per facet: value -> its number in index.json
  var shown = list.children.length;
  var generation = 0;

  function fetchJSON(url) {
    return fetch(url).then(function (response) {
      if (!response.ok) throw new Error(response.status);
      return response.json();
    });
  }

  /* index.json lists, for each facet value, its entries' numbers as gaps; rows[n][f] are entry n's values of
     facet f, as their numbers in the facet's list of values. */
  function loadIndex() {
    if (!index) {
      index = fetchJSON(form.getAttribute("data-index")).then(function (data) {
        data.rows = [];
        for (var n = 0; n < data.total; n++) data.rows.push(data.facets.map(function () { return []; }));
        data.position = data.facets.map(function (facet, f) {
          var found = {};
          facet.values.forEach(function (value, v) {
            found[value] = v;
            var number = -1;
            facet.members[v].forEach(function (gap) { number += gap; data.rows[number][f].push(v); });
          });
          return found;
        });
        return data;
      });
      index.catch(function () { index = null; });
    }
    return index;
  }

  function loadTitles(data) {
    if (!data.title) {
      data.title = fetchJSON(form.getAttribute("data-titles"));
      data.title.catch(function () { data.title = null; });
    }
    return data.title;
  }

  function shard(number) {
    if (!shards[number]) {
      shards[number] = fetchJSON(form.getAttribute("data-shards") + number + ".json");
      shards[number].catch(function () { delete shards[number]; });
    }
    return shards[number];
  }

  function chosen() {
    var found = [];
    selects.forEach(function (select) { if (select.value) found.push(select); });
    return found;
  }

  function query(withSort) {
    var params = new URLSearchParams();
    chosen().forEach(function (select) { params.set(select.name, select.value); });
    if (withSort && sortSelect.value) params.set("sort", sortSelect.value);
    return params.toString();
  }

  function announce(count) {
    document.dispatchEvent(new CustomEvent("zjxn:results", { detail: { count: count, query: query(false) } }));
  }

  /* Entries matching every chosen filter; and, per facet, how many would match with that facet's choice
     changed to each of its values (the counts beside the options). */
  function evaluate(data) {
    var wanted = selects.map(function (select, f) {
      return select.value ? data.position[f][select.value] : -1;
    });
    var counts = selects.map(function (s, f) { return new Array(data.facets[f].values.length).fill(0); });
    var matching = [];
    data.rows.forEach(function (row, number) {
      var misses = 0;
      var missed = -1;
      for (var f = 0; f < wanted.length; f++) {
        if (wanted[f] >= 0 && row[f].indexOf(wanted[f]) === -1) { misses++; missed = f; }
      }
      if (misses === 0) matching.push(number);
      for (var g = 0; g < wanted.length; g++) {
        if (misses === 0 || (misses === 1 && missed === g)) {
          row[g].forEach(function (value) { counts[g][value]++; });
        }
      }
    });
    return { matching: matching, counts: counts };
  }

  /* A Promise of the numbers in the chosen order. */
  function sortResults(data, numbers) {
    var how = sortSelect.value;
    if (how === "title") {
      return loadTitles(data).then(function (rank) {
        return numbers.slice().sort(function (a, b) { return rank[a] - rank[b]; });
      });
    }
    if (how === "completeness") {  // the facet lists its values best first
      var f = data.facets.findIndex(function (facet) { return facet.name === "completeness"; });
      var best = function (n) { return f >= 0 && data.rows[n][f].length ? data.rows[n][f][0] : 99; };
      return Promise.resolve(numbers.slice().sort(function (a, b) { return best(a) - best(b) || a - b; }));
    }
    return Promise.resolve(numbers);  // entries are numbered newest first
  }

  function showCounts(counts) {
    selects.forEach(function (select, f) {
      Array.prototype.forEach.call(select.options, function (option) {
        if (!option.value) return;
        var i = option.value in positions[f] ? positions[f][option.value] : -1;
        var count = i >= 0 ? counts[f][i] : 0;
        option.textContent = option.getAttribute("data-label") + "（" + count + "）";
        option.disabled = count === 0 && option.value !== select.value;
      });
    });
  }

  function fillCard(row) {
    // row: [id, link, type, type label, title, summary, [[label, text]…], updated, completeness, its label]
    var card = template.content.firstElementChild.cloneNode(true);
    card.setAttribute("data-entry-id", row[0]);
    card.setAttribute("data-entry-type", row[2]);
    var type = card.querySelector("[data-slot=type]");
    type.className = "zjxn-type zjxn-type--" + row[2];
    type.textContent = row[3];
    var title = card.querySelector("[data-slot=title]");
    title.href = row[1];
    title.textContent = row[4];
    card.querySelector("[data-slot=summary]").textContent = row[5];
    var badge = card.querySelector(".zjxn-badge");
    badge.className = "zjxn-badge zjxn-badge--" + row[8];
    badge.lastChild.textContent = row[9];
    var facts = card.querySelector("[data-slot=facts]");
    var date = facts.querySelector("[data-slot=date]");
    facts.replaceChildren();
    row[6].forEach(function (pair) {
      var item = document.createElement("span");
      item.className = "zjxn-card__fact";
      var hidden = document.createElement("span");
      hidden.className = "zjxn-sr";
      hidden.textContent = pair[0] + "：";
      item.append(hidden, pair[1]);
      facts.appendChild(item);
    });
    date.replaceChildren("更新于 ");
    var time = document.createElement("time");
    time.setAttribute("datetime", row[7]);
    time.textContent = row[7];
    date.appendChild(time);
    facts.appendChild(date);
    return card;
  }

  /* The cards of order[from .. from + count), fetched by shard, appended in order. */
  function renderFrom(data, from, mine) {
    var numbers = order.slice(from, from + pageSize);
    var needed = {};
    numbers.forEach(function (n) { needed[Math.floor(n / data.shard)] = true; });
    return Promise.all(Object.keys(needed).map(function (s) {
      return shard(s).then(function (rows) { return [s, rows]; });
    })).then(function (loaded) {
      if (mine !== generation) return;
      var rows = {};
      loaded.forEach(function (pair) { rows[pair[0]] = pair[1]; });
      var cards = numbers.map(function (n) { return fillCard(rows[Math.floor(n / data.shard)][n % data.shard]); });
      if (from === 0) list.replaceChildren.apply(list, cards);
      else cards.forEach(function (card) { list.appendChild(card); });
      shown = from + cards.length;
      moreButton.hidden = shown >= order.length;
      say();
      announce(order.length);
    });
  }

  function say() {
    var filtered = chosen().length;
    var count = order ? order.length : total;
    if (!count) {
      status.textContent = "没有符合条件的条目。可以减少一个条件再试。";
      return;
    }
    var head = filtered ? "找到 " + count + " 个符合条件的条目" : "全部 " + count + " 个条目";
    status.textContent = head + (shown < count ? "，已显示 " + shown + " 个" : "");
  }

  function apply() {
    var mine = ++generation;
    var search = query(true);
    history.replaceState(null, "", search ? "?" + search : location.pathname);
    status.textContent = "正在筛选……";
    return loadIndex().then(function (data) {
      if (mine !== generation) return;
      positions = data.position;
      var found = evaluate(data);
      showCounts(found.counts);
      return sortResults(data, found.matching).then(function (sorted) {
        if (mine !== generation) return;
        order = sorted;
        if (!order.length) {
          list.replaceChildren();
          shown = 0;
          moreButton.hidden = true;
          say();
          announce(0);
          return;
        }
        return renderFrom(data, 0, mine);
      });
    }).catch(function () {
      if (mine === generation) status.textContent = "条目数据没有载入，请检查网络后刷新页面。";
    });
  }

  moreButton.addEventListener("click", function () {
    var mine = generation;
    loadIndex().then(function (data) {
      positions = data.position;
      var sorted = order ? Promise.resolve(order) : sortResults(data, evaluate(data).matching);
      return sorted.then(function (numbers) {
        order = numbers;
        return renderFrom(data, shown, mine);
      });
    }).catch(function () { status.textContent = "条目数据没有载入，请检查网络后刷新页面。"; });
  });

  var params = new URLSearchParams(location.search);
  var fromAddress = false;
  selects.concat([sortSelect]).forEach(function (select) {
    var value = params.get(select.name);
    if (value && Array.prototype.some.call(select.options, function (o) { return o.value === value; })) {
      select.value = value;
      fromAddress = true;
    }
    select.addEventListener("change", apply);
  });
  form.addEventListener("reset", function () { setTimeout(apply, 0); });
  if (fromAddress) {
    apply();
  } else {
    moreButton.hidden = shown >= total;
    say();
    announce(total);
  }
})();
