/* The overview page of partnergraph: groups (municipalities or communities) as nodes, a
   drill-down into one and back. Positions come from Python; the browser only draws.
   Every label reaches the DOM through textContent or the canvas, never as HTML. */
(function () {
  "use strict";
  var PG = (window.partnergraph = {
    ready: false,
    settledMs: null,
    level: null,
    shownLevel: null,
    timings: { script: performance.now() },
  });
  var data = JSON.parse(document.getElementById("pg-data").textContent);
  PG.timings.parsed = performance.now();
  var T = data.texts;
  var municipal = data.basis === "municipalities";
  var groups = data.groups;
  var number = new Intl.NumberFormat(data.lang === "da" ? "da-DK" : "en-GB");
  var $ = function (id) { return document.getElementById(id); };

  function fill(text, values) {
    return String(text).replace(/\{(\w+)\}/g, function (m, key) {
      var v = values[key];
      return v === undefined ? m : typeof v === "number" ? number.format(v) : String(v);
    });
  }

  // Who is linked to whom, strongest first.
  var links = data.links;
  var linked = groups.map(function () { return []; });
  for (var i = 0; i < links.length; i += 4) {
    linked[links[i]].push([links[i + 1], links[i + 2], links[i + 3]]);
    linked[links[i + 1]].push([links[i], links[i + 2], links[i + 3]]);
  }
  linked.forEach(function (list) {
    list.sort(function (a, b) { return b[1] - a[1] || groups[a[0]].l.localeCompare(groups[b[0]].l); });
  });

  var groupKind = data.kinds[municipal ? "municipality" : "community"];
  var faded = { background: "#d9dee4", border: "#c3cad3" };

  var lone = { background: groupKind.lone, border: groupKind.color,
               highlight: { background: "#ddaa33", border: "#111111" } };

  function groupColour(highlight) {
    // true: linked; null: without a line (lighter, so the linked structure stands out)
    if (highlight === null) return lone;
    return highlight === false
      ? faded
      : { background: groupKind.color, border: groupKind.border,
          highlight: { background: "#ddaa33", border: "#111111" },
          hover: { background: "#f19a5f", border: "#111111" } };
  }

  function overviewData() {
    var nodes = groups.map(function (g, i) {
      return { id: i, x: g.x, y: g.y, label: "", value: Math.max(g.n, 1), shape: "dot",
               color: groupColour(linked[i].length ? true : null) };
    });
    var edges = [];
    for (var j = 0; j < links.length; j += 4) {
      edges.push({ id: j / 4, from: links[j], to: links[j + 1], value: links[j + 2] });
    }
    return { nodes: nodes, edges: edges };
  }

  var OVERVIEW_OPTIONS = {
    physics: false,
    layout: { improvedLayout: false },
    interaction: { hover: true, hideEdgesOnDrag: true, tooltipDelay: 3600000, keyboard: false },
    nodes: {
      borderWidth: 1,
      scaling: { min: 5, max: 34, label: { enabled: false } },
      font: { size: 14, strokeWidth: 4, strokeColor: "#ffffff", color: "#1f2933" },
    },
    edges: { smooth: false, color: { color: "#7b8794", highlight: "#ddaa33", hover: "#52606d", opacity: 0.55 },
             scaling: { min: 1, max: 7 } },
  };
  var DETAIL_OPTIONS = {
    physics: false,
    layout: { improvedLayout: false },
    interaction: { hover: true, tooltipDelay: 3600000, keyboard: false },
    nodes: {
      borderWidth: 1,
      scaling: { label: { enabled: false } },
      font: { size: 14, strokeWidth: 3, strokeColor: "#ffffff", color: "#1f2933" },
      widthConstraint: { maximum: 230 },
    },
    edges: { smooth: false, width: 1, color: { color: "#9aa5b1", highlight: "#ddaa33", hover: "#52606d" } },
  };

  function detailData(index) {
    var d = data.details[index] || { n: [], xy: [], e: [] };
    var nodes = d.n.map(function (row, k) {
      var entry = data.nodes[row];
      var kind = data.kinds[entry[1]] || { color: "#bbbbbb", border: "#777777", shape: "dot" };
      var centre = entry[1] === "municipality";
      // A long name (an SDG target's text) is cut; hovering shows it whole.
      var name = entry[0].length > 60 ? entry[0].slice(0, 57) + "…" : entry[0];
      var node = { id: k, x: d.xy[2 * k], y: d.xy[2 * k + 1], label: name, shape: kind.shape,
                   size: centre ? 26 : 13, color: { background: kind.color, border: kind.border } };
      if (kind.shape === "ellipse" || kind.shape === "box") node.font = { color: "#ffffff", strokeWidth: 0 };
      if (centre) node.font = { size: 20, strokeWidth: 4, strokeColor: "#ffffff" };
      return node;
    });
    var edges = [];
    for (var j = 0; j < d.e.length; j += 3) {
      edges.push({ id: j / 3, from: d.e[j], to: d.e[j + 1], rel: d.e[j + 2] });
    }
    return { nodes: nodes, edges: edges, counts: d.n.reduce(function (acc, row) {
      var kind = data.nodes[row][1];
      acc[kind] = (acc[kind] || 0) + 1;
      return acc;
    }, {}) };
  }

  // ---- drawing and the timings the benchmark and the tests read ----
  // Two drawings, one above the other: the overview stays as it was (zoom, selection) while a
  // detail is shown, so going back redraws nothing.
  var overview = overviewData();
  var nodeSet = new vis.DataSet(overview.nodes);
  var network = new vis.Network($("network"), { nodes: nodeSet, edges: new vis.DataSet(overview.edges) },
                                OVERVIEW_OPTIONS);
  var detail = null;
  PG.timings.constructed = performance.now();
  PG.network = network;

  // Labels that can be read: the same size on screen at any zoom, and only as many as fit
  // without covering each other, the largest groups first; zooming in makes room for more.
  var LABEL_PX = 13;
  var byImportance = groups.map(function (_, k) { return k; }).sort(function (a, b) {
    return groups[b].n - groups[a].n || (linked[b].length - linked[a].length) || a - b;
  });
  var labelled = {};
  PG.labelled = labelled;
  var smallest = Infinity, largest = -Infinity;
  groups.forEach(function (g) {
    var v = Math.max(g.n, 1);
    smallest = Math.min(smallest, v);
    largest = Math.max(largest, v);
  });

  function radius(g) {
    // vis-network's own scaling of "value" to size (linear between scaling.min and .max)
    var range = OVERVIEW_OPTIONS.nodes.scaling;
    if (largest === smallest) return (range.min + range.max) / 2;
    return range.min + (Math.max(g.n, 1) - smallest) / (largest - smallest) * (range.max - range.min);
  }

  function declutter() {
    var scale = network.getScale();
    var size = LABEL_PX / scale;
    var cell = size * 4;
    var taken = {};
    var view = network.getViewPosition();
    var box = $("network").getBoundingClientRect();
    var halfW = box.width / scale / 2, halfH = box.height / scale / 2;
    var changes = [];
    function free(x0, y0, x1, y1, mark) {
      for (var cx = Math.floor(x0 / cell); cx <= Math.floor(x1 / cell); cx++) {
        for (var cy = Math.floor(y0 / cell); cy <= Math.floor(y1 / cell); cy++) {
          var list = taken[cx + "," + cy];
          if (mark) { (taken[cx + "," + cy] = list || []).push([x0, y0, x1, y1]); continue; }
          if (list) for (var q = 0; q < list.length; q++) {
            var o = list[q];
            if (x0 < o[2] && o[0] < x1 && y0 < o[3] && o[1] < y1) return false;
          }
        }
      }
      return true;
    }
    byImportance.forEach(function (k) {
      var g = groups[k];
      var show = false;
      var w = g.l.length * size * 0.62 + size;
      var top = g.y + radius(g) + size * 0.2; // vis-network writes a dot's name under it
      var x0 = g.x - w / 2, x1 = g.x + w / 2, y0 = top, y1 = top + size * 1.7;
      var inside = x0 > view.x - halfW && x1 < view.x + halfW && y1 < view.y + halfH && g.y > view.y - halfH;
      if (inside && free(x0, y0, x1, y1, false)) { free(x0, y0, x1, y1, true); show = true; }
      var was = labelled[k] === true;
      if (show !== was || (show && labelled["s" + k] !== size)) {
        labelled[k] = show;
        labelled["s" + k] = size;
        changes.push({ id: k, label: show ? g.l : "", font: { size: size } });
      }
    });
    if (changes.length) nodeSet.update(changes);
  }
  var queued = null;
  function redeclutter() {
    if (queued !== null) clearTimeout(queued);
    queued = setTimeout(function () { queued = null; declutter(); }, 120);
  }
  network.on("zoom", redeclutter);
  network.on("dragEnd", redeclutter);
  PG.declutter = declutter;
  declutter(); // the network is already fitted to its box: the first frame has its labels
  PG.timings.network = performance.now();
  var pending = "overview";
  PG.level = "overview";

  function shown(level) {
    // The frame that shows a drawing is on screen once the frame after it starts.
    requestAnimationFrame(function () {
      requestAnimationFrame(function () {
        if (PG.level !== level) return;
        PG.shownLevel = level;
        if (!PG.ready) {
          PG.timings.firstFrame = performance.now();
          PG.settledMs = PG.timings.firstFrame;
          PG.ready = true;
        }
      });
    });
  }

  function drawn() {
    if (PG.timings.firstDraw === undefined) PG.timings.firstDraw = performance.now();
    if (pending === null) return;
    var level = pending;
    pending = null;
    shown(level);
  }
  network.on("afterDrawing", drawn);

  function show(index) {
    if (index < 0 || index >= groups.length) return;
    var made = detailData(index);
    PG.level = String(index);
    PG.shownLevel = null;
    pending = PG.level;
    $("detail").hidden = false;
    $("network").classList.add("behind");
    if (detail === null) {
      detail = new vis.Network($("detail"), { nodes: made.nodes, edges: made.edges }, DETAIL_OPTIONS);
      detail.on("afterDrawing", drawn);
      detail.on("hoverNode", hover);
      detail.on("blurNode", unhover);
      detail.on("hoverEdge", function (event) {
        var edge = detail.body.data.edges.get(event.edge);
        var d = data.details[Number(PG.level)];
        var ends = [edge.from, edge.to].map(function (k) { return data.nodes[d.n[k]][0]; });
        $("hover").textContent = ends[0] + " — " + (data.relations[edge.rel] || edge.rel) + " — " + ends[1];
      });
      detail.on("blurEdge", unhover);
      PG.detail = detail;
    } else {
      detail.setData({ nodes: new vis.DataSet(made.nodes), edges: new vis.DataSet(made.edges) });
    }
    detail.fit({ animation: false });
    detail.redraw();
    about(index, made.counts);
    $("back").hidden = false;
    $("level").hidden = false;
    $("level").textContent = groups[index].l;
    $("theme-panel").hidden = true;
    $("back").focus();
  }

  function back() {
    if (PG.level === "overview") return;
    var was = Number(PG.level);
    PG.level = "overview";
    PG.shownLevel = null;
    pending = "overview";
    $("detail").hidden = true;
    $("network").classList.remove("behind");
    network.selectNodes([was]);
    network.redraw();
    $("back").hidden = true;
    $("level").hidden = true;
    $("about").hidden = true;
    $("theme-panel").hidden = !municipal;
    choices.value = String(was);
    choices.focus();
  }
  PG.show = show;
  PG.back = back;

  function about(index, counts) {
    var g = groups[index];
    $("about").hidden = false;
    $("about-name").textContent = g.l;
    $("about-counts").textContent = municipal
      ? fill(T["count.municipality"], { size: g.n, partners: g.p, themes: g.t.length })
      : fill(T["count.community"], { size: g.n });
    var kinds = $("kinds");
    kinds.textContent = "";
    Object.keys(data.kinds).forEach(function (key) {
      if (!counts[key]) return;
      var li = document.createElement("li");
      var swatch = document.createElement("span");
      swatch.className = "swatch";
      swatch.style.background = data.kinds[key].color;
      li.appendChild(swatch);
      li.appendChild(document.createTextNode(data.kinds[key].name + ": " + number.format(counts[key])));
      kinds.appendChild(li);
    });
    $("linked-title").textContent = T.linked;
    var list = $("linked");
    list.textContent = "";
    if (!linked[index].length) {
      var none = document.createElement("li");
      none.textContent = T.none;
      list.appendChild(none);
    }
    linked[index].slice(0, 25).forEach(function (link) {
      var li = document.createElement("li");
      var button = document.createElement("button");
      button.type = "button";
      button.textContent = groups[link[0]].l;
      li.appendChild(button);
      li.appendChild(document.createTextNode(" — " + (municipal
        ? fill(T["link.municipality"], { partners: link[1], themes: link[2] })
        : fill(T["link.community"], { weight: link[1] }))));
      button.addEventListener("click", function () { show(link[0]); });
      list.appendChild(li);
    });
  }

  network.on("click", function (event) {
    if (PG.level === "overview" && event.nodes.length) show(event.nodes[0]);
  });
  function hover(event) {
    var text;
    if (PG.level === "overview") {
      var g = groups[event.node];
      text = g.l + " — " + (municipal
        ? fill(T["count.municipality"], { size: g.n, partners: g.p, themes: g.t.length })
        : fill(T["count.community"], { size: g.n }));
    } else {
      var d = data.details[Number(PG.level)];
      var entry = data.nodes[d.n[event.node]];
      text = entry[0] + " (" + ((data.kinds[entry[1]] || {}).name || entry[1]) + ")";
    }
    $("hover").textContent = text;
  }

  function unhover() { $("hover").textContent = ""; }
  network.on("hoverNode", hover);
  network.on("blurNode", unhover);
  $("back").addEventListener("click", back);
  document.addEventListener("keydown", function (event) {
    if (event.key === "Escape" && PG.level !== "overview") { event.preventDefault(); back(); }
  });

  // ---- the list: find and choose with the keyboard ----
  $("legend").textContent = fill(T["legend." + data.basis], {
    min: data.minWeight, shown: links.length / 4, pairs: data.pairs });
  if (data.alone) $("legend").textContent += " " + fill(T["alone." + data.basis + (data.alone === 1 ? ".one" : "")], { alone: data.alone });
  if (data.asOf) $("legend").textContent += " " + fill(T["as-of"], { date: data.asOf });
  var order = groups.map(function (_, k) { return k; }).sort(function (a, b) {
    return groups[a].l.localeCompare(groups[b].l, data.lang);
  });
  var choices = $("choices");
  var LIST_LIMIT = 300;

  function listChoices() {
    var wanted = $("find").value.trim().toLocaleLowerCase(data.lang);
    var matched = wanted ? order.filter(function (k) {
      return groups[k].l.toLocaleLowerCase(data.lang).indexOf(wanted) !== -1;
    }) : order;
    choices.textContent = "";
    matched.slice(0, LIST_LIMIT).forEach(function (k) {
      var option = document.createElement("option");
      option.value = String(k);
      option.textContent = groups[k].l;
      choices.appendChild(option);
    });
    if (choices.options.length) choices.selectedIndex = 0;
    $("shown").textContent = fill(T.shown, { shown: Math.min(matched.length, LIST_LIMIT), total: groups.length });
  }
  $("find").addEventListener("input", listChoices);
  $("find").addEventListener("keydown", function (event) {
    if (event.key === "Enter" && choices.options.length) { event.preventDefault(); show(Number(choices.value)); }
    if (event.key === "ArrowDown" && choices.options.length) { event.preventDefault(); choices.focus(); }
  });
  choices.addEventListener("keydown", function (event) {
    if (event.key === "Enter" && choices.value !== "") { event.preventDefault(); show(Number(choices.value)); }
  });
  choices.addEventListener("dblclick", function () { if (choices.value !== "") show(Number(choices.value)); });
  choices.addEventListener("change", function () {
    if (PG.level === "overview" && choices.value !== "") {
      var k = Number(choices.value);
      network.selectNodes([k]);
      network.focus(k, { scale: Math.max(network.getScale(), 0.6), animation: false });
      declutter();
    }
  });

  // ---- themes: which municipalities work on one ----
  var themeSelect = $("theme");

  function applyTheme() {
    if (!municipal) return;
    var wanted = themeSelect.value === "" ? -1 : Number(themeSelect.value);
    nodeSet.update(groups.map(function (g, k) {
      var on = wanted < 0 || g.t.indexOf(wanted) !== -1;
      return { id: k, color: groupColour(on && !linked[k].length ? null : on) };
    }));
  }
  if (municipal && data.themes.length) {
    $("theme-panel").hidden = false;
    var none = document.createElement("option");
    none.value = "";
    none.textContent = T["theme.none"];
    themeSelect.appendChild(none);
    data.themes.forEach(function (name, k) {
      var option = document.createElement("option");
      option.value = String(k);
      option.textContent = name;
      themeSelect.appendChild(option);
    });
    themeSelect.addEventListener("change", applyTheme);
  }
  listChoices();
  PG.timings.ui = performance.now();
})();
