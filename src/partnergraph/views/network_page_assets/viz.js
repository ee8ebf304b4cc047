/* partnergraph network view. Text from the data reaches the DOM only through textContent. */
(function () {
  "use strict";

  var PG = (window.partnergraph = {
    ready: false,
    settledMs: null,
    network: null,
    nodes: null,
    edges: null,
    lastDownload: null,
    timings: { script: performance.now() },
  });
  var DATA = JSON.parse(document.getElementById("pg-data").textContent);
  var SVG_NS = "http://www.w3.org/2000/svg";

  var UI = {
    da: {
      search: "Søg", searchPlaceholder: "Navn på dansk eller engelsk …", noMatches: "Ingen træf",
      hiddenByFilters: "skjult af filtre", more: "+{n} flere", date: "Tidspunkt",
      allDates: "Alle år", types: "Typer", collab: "Samarbejdstype", themes: "Tværgående temaer",
      sdg: "Verdensmål (delmål)", all: "Alle", none: "Ingen", reset: "Nulstil filtre og visning",
      physics: "Fysik", edgeLabels: "Relationer", fit: "Vis alt", png: "Gem PNG (tryk)", menu: "Panel",
      close: "Luk", loading: "Beregner layout …", canvas: "Netværksgraf",
      counts: "Viser {n} af {N} knuder og {e} af {E} forbindelser",
      otherLabel: "Engelsk navn", type: "Type", period: "Periode", dates: "Start–slut", source: "Kilde",
      category: "Kategori", status: "Status ifølge kilden", iri: "IRI", links: "Forbindelser",
      inForce: "Gældende i {year}", yes: "ja", no: "nej",
      hiddenNote: "Knuden er skjult af de valgte filtre.", shown: "{n} af {N}",
      measure: "Størrelse og farve", measureType: "Type", measureDegree: "Grad (antal forbindelser)",
      measureBetweenness: "Mellemled (brobyggere)", measureCommunity: "Fællesskab (Louvain)",
      community: "Fællesskab {n}", commonLinks: "Vis forbindelser kun via verdensmål 17",
      shared: "Fælles tværgående temaer", sharedAlso: "Fælles verdensmål", svg: "Gem SVG",
      agreements: "Aftaler", nextStep: "Næste skridt", partnerships: "Partnerskaber",
      inForceAt: "gældende i {y}", notInForceAt: "ikke gældende i {y}",
      weightTitle: "{n} fælles tværgående temaer",
    },
    en: {
      search: "Search", searchPlaceholder: "Name in Danish or English …", noMatches: "No matches",
      hiddenByFilters: "hidden by filters", more: "+{n} more", date: "Date",
      allDates: "All years", types: "Types", collab: "Collaboration type",
      themes: "Cross-cutting themes", sdg: "SDG targets", all: "All", none: "None",
      reset: "Reset filters and view", physics: "Physics", edgeLabels: "Relations", fit: "Fit",
      png: "Save PNG (print)", menu: "Panel", close: "Close", loading: "Computing layout …",
      canvas: "Network graph", counts: "Showing {n} of {N} nodes and {e} of {E} links",
      otherLabel: "Danish name", type: "Type", period: "Period", dates: "Start–end", source: "Source",
      category: "Category", status: "Status according to the source", iri: "IRI", links: "Links",
      inForce: "In force in {year}", yes: "yes", no: "no",
      hiddenNote: "This node is hidden by the current filters.", shown: "{n} of {N}",
      measure: "Size and colour", measureType: "Type", measureDegree: "Degree (number of links)",
      measureBetweenness: "Betweenness", measureCommunity: "Community (Louvain)",
      community: "Community {n}", commonLinks: "Show links only through SDG 17",
      shared: "Shared cross-cutting themes", sharedAlso: "Shared SDG targets", svg: "Save SVG",
      agreements: "Agreements", nextStep: "Next step", partnerships: "Partnerships",
      inForceAt: "in force in {y}", notInForceAt: "not in force in {y}",
      weightTitle: "{n} shared cross-cutting themes",
    },
  };

  var lang = DATA.lang === "en" ? "en" : "da";
  var TYPES = {};
  DATA.types.forEach(function (t) { TYPES[t.key] = t; });
  var META = DATA.nodes; // index == id
  var EDGES = DATA.edges; // index == id
  var LINKS = META.map(function () { return []; });
  var selected = null;
  var selectedEdge = null;
  var measure = "type";
  var showCommon = false;
  var asOf = null;
  var filters = []; // {key, field, on: {value: bool}, values: [...], ...}
  var typeOn = {};

  function $(id) { return document.getElementById(id); }
  function t(key, args) {
    var text = UI[lang][key] || key;
    if (args) Object.keys(args).forEach(function (k) { text = text.split("{" + k + "}").join(String(args[k])); });
    return text;
  }
  function el(tag, cls, text) {
    var node = document.createElement(tag);
    if (cls) node.className = cls;
    if (text !== undefined && text !== null) node.textContent = text;
    return node;
  }
  function parts(value) {
    return value ? String(value).split(";").map(function (s) { return s.trim(); }).filter(Boolean) : [];
  }
  function nodeLabel(m) { return m[lang] || m.label; }
  // On the canvas: SDG goals and targets by their code, other long names shortened.
  function canvasLabel(m) {
    if (m.group === "sdg" && m.sdg && m.sdg.length) return m.sdg[0] + " " + shorten(nodeLabel(m), 28);
    var text = nodeLabel(m);
    if (text.length <= 60) return text;
    var cut = text.slice(0, 56);
    var space = cut.lastIndexOf(" ");
    return (space > 30 ? cut.slice(0, space) : cut) + " …";
  }
  // A short title: the first words, cut at a word boundary.
  function shorten(text, limit) {
    if (text.length <= limit) return text;
    var cut = text.slice(0, limit);
    var space = cut.lastIndexOf(" ");
    return (space > limit / 2 ? cut.slice(0, space) : cut).replace(/[,;:]$/, "") + " …";
  }
  function typeLabel(key) { var ty = TYPES[key]; return ty ? ty[lang] : key; }
  function baseFont(m) {
    var ty = TYPES[m.group];
    return ty && INSIDE[ty.shape] ? ty.font : "#1f2933";
  }
  var INSIDE = { box: true, ellipse: true, circle: true, database: true, text: true };

  // ---- per-node preparation ------------------------------------------------------------
  META.forEach(function (m) {
    m.hidden = false;
    m.dim = false;
    m.label = m.label || m[lang];
    m.search = [m.da, m.en, m.label].join("\u0000").toLocaleLowerCase();
    m.rank = m.label;
    var starts = parts(m.start).sort();
    var ends = parts(m.end).sort();
    m.from = starts.length ? starts[0] : "";
    m.until = ends.length ? ends[ends.length - 1] : "";
  });
  EDGES.forEach(function (e) {
    e.hidden = false;
    e.dim = false;
    e.shown = "";
    LINKS[e.from].push({ edge: e.id, other: e.to, out: true });
    if (e.to !== e.from) LINKS[e.to].push({ edge: e.id, other: e.from, out: false });
    if (DATA.directed && parts(e.rel).indexOf("replaces") >= 0) {
      (META[e.to].replacedBy = META[e.to].replacedBy || []).push(e.from);
    }
    var forum = META[e.to];
    if (forum.group === "forum" && META[e.from].group === "partnership") {
      (forum.owners = forum.owners || []).push(e.from);
    } else if (!DATA.directed && META[e.from].group === "forum" && forum.group === "partnership") {
      (META[e.from].owners = META[e.from].owners || []).push(e.to);
    }
  });

  // The date rule of partnergraph.network (collaboration_network's as_of), for a year: only
  // partnerships, agreements and action plans are dated; loose dates are intervals, compared
  // at the coarser precision ("2018-05" is in force during 2018). Agreements and action plans
  // need a start, must not be proposed, and are out once a successor that replaces them has
  // started. Forums go with their partnerships. Everything else stays.
  var IN_TIME = { partnership: true, agreement: true, "action-plan": true };
  var INSTRUMENTS = { agreement: true, "action-plan": true };
  function notAfter(a, b) {
    var n = Math.min(a.length, b.length);
    return a.slice(0, n) <= b.slice(0, n);
  }
  function started(m, date) { return !m.proposed && !!m.from && notAfter(m.from, date); }
  function inForce(m, date) {
    if (INSTRUMENTS[m.group]) {
      if (m.proposed || !m.from) return false;
      if ((m.replacedBy || []).some(function (s) { return started(META[s], date); })) return false;
    }
    if (m.from && !notAfter(m.from, date)) return false;
    return !m.until || notAfter(date, m.until);
  }
  function outOfTime(date) {
    var out = META.map(function (m) { return IN_TIME[m.group] ? !inForce(m, date) : false; });
    META.forEach(function (m) {
      if (m.group === "forum" && m.owners && m.owners.every(function (p) { return out[p]; })) out[m.id] = true;
    });
    return out;
  }
  var timeOut = null; // per node: out of force at the chosen date

  // ---- symbols (legend, chips) ---------------------------------------------------------
  function symbol(typeKey) {
    var ty = TYPES[typeKey] || { shape: "dot", color: "#bbbbbb", border: "#777777" };
    var svg = document.createElementNS(SVG_NS, "svg");
    svg.setAttribute("viewBox", "0 0 18 18");
    svg.setAttribute("class", "symbol");
    svg.setAttribute("aria-hidden", "true");
    var shape;
    var polygon = function (points) {
      var p = document.createElementNS(SVG_NS, "polygon");
      p.setAttribute("points", points);
      return p;
    };
    switch (ty.shape) {
      case "square": shape = document.createElementNS(SVG_NS, "rect");
        shape.setAttribute("x", "2.5"); shape.setAttribute("y", "2.5");
        shape.setAttribute("width", "13"); shape.setAttribute("height", "13"); break;
      case "box": shape = document.createElementNS(SVG_NS, "rect");
        shape.setAttribute("x", "1"); shape.setAttribute("y", "4"); shape.setAttribute("rx", "3");
        shape.setAttribute("width", "16"); shape.setAttribute("height", "10"); break;
      case "ellipse": shape = document.createElementNS(SVG_NS, "ellipse");
        shape.setAttribute("cx", "9"); shape.setAttribute("cy", "9");
        shape.setAttribute("rx", "8.2"); shape.setAttribute("ry", "5.5"); break;
      case "diamond": shape = polygon("9,0.8 17.2,9 9,17.2 0.8,9"); break;
      case "triangle": shape = polygon("9,1.5 17,16 1,16"); break;
      case "triangleDown": shape = polygon("1,2 17,2 9,16.5"); break;
      case "hexagon": shape = polygon("9,1 16,5 16,13 9,17 2,13 2,5"); break;
      case "star": shape = polygon("9,0.8 11.3,6.3 17.2,6.7 12.7,10.5 14.1,16.3 9,13.2 3.9,16.3 5.3,10.5 0.8,6.7 6.7,6.3"); break;
      default: shape = document.createElementNS(SVG_NS, "circle");
        shape.setAttribute("cx", "9"); shape.setAttribute("cy", "9"); shape.setAttribute("r", "7");
    }
    shape.setAttribute("fill", ty.color);
    shape.setAttribute("stroke", ty.border || "#333333");
    shape.setAttribute("stroke-width", "1.2");
    svg.appendChild(shape);
    return svg;
  }

  // ---- the network ---------------------------------------------------------------------
  var nodes = new vis.DataSet(META.map(function (m) {
    return { id: m.id, label: canvasLabel(m), group: m.group, x: m.x, y: m.y, size: m.size };
  }));
  var edges = new vis.DataSet(EDGES.map(function (e) {
    var item = { id: e.id, from: e.from, to: e.to };
    if (e.width) item.width = e.width;
    if (e.font) item.font = e.font;
    return item;
  }));
  var options = DATA.options;
  var physicsAtStart = DATA.physics && META.length > 1;
  options.physics.enabled = physicsAtStart;
  var network = new vis.Network($("network"), { nodes: nodes, edges: edges }, options);
  PG.timings.network = performance.now();
  PG.network = network;
  PG.nodes = nodes;
  PG.edges = edges;

  var settled = !physicsAtStart;
  // Labels are part of what must not overlap: once the layout has settled, each node's box
  // (vis-network's getBoundingBox includes the label) is pushed apart from any box it meets,
  // along the axis where they overlap least, in a few passes in id order (so the same data
  // always gives the same picture). Boxes are in canvas units, so this holds at any zoom.
  var DECLUTTER_LIMIT = 600;
  var GAP = 4;
  function declutter() {
    var ids = META.filter(function (m) { return !m.hidden; }).map(function (m) { return m.id; });
    if (ids.length < 2 || ids.length > DECLUTTER_LIMIT) return 0;
    var at = network.getPositions(ids);
    var items = ids.map(function (id) {
      var b = network.getBoundingBox(id);
      var p = at[id];
      return { id: id, x: p.x, y: p.y, l: b.left - p.x, r: b.right - p.x, t: b.top - p.y, b: b.bottom - p.y, moved: false };
    });
    var moves = 0;
    for (var pass = 0; pass < 60; pass++) {
      var clashes = 0;
      for (var i = 0; i < items.length; i++) {
        var a = items[i];
        for (var j = i + 1; j < items.length; j++) {
          var c = items[j];
          var dx = Math.min(a.x + a.r, c.x + c.r) - Math.max(a.x + a.l, c.x + c.l);
          var dy = Math.min(a.y + a.b, c.y + c.b) - Math.max(a.y + a.t, c.y + c.t);
          if (dx <= -GAP || dy <= -GAP) continue;
          clashes++;
          // Push apart by the smaller overlap (plus a gap), half each, away from each other.
          if (dx + GAP < dy + GAP * 0.5) {
            var sx = (a.x + (a.l + a.r) / 2 <= c.x + (c.l + c.r) / 2 ? -1 : 1) * (dx + GAP) / 2;
            a.x += sx; c.x -= sx;
          } else {
            var sy = (a.y + (a.t + a.b) / 2 <= c.y + (c.t + c.b) / 2 ? -1 : 1) * (dy + GAP) / 2;
            a.y += sy; c.y -= sy;
          }
          a.moved = c.moved = true;
        }
      }
      if (!clashes) break;
    }
    items.forEach(function (item) {
      if (item.moved) { network.moveNode(item.id, item.x, item.y); moves++; }
    });
    return moves;
  }
  PG.declutter = declutter;
  PG.declutterPending = function () { return declutterPending; };
  network.on("beforeDrawing", function (ctx) {
    // An opaque background, so the PNG download is not transparent.
    ctx.save();
    ctx.setTransform(1, 0, 0, 1, 0, 0);
    ctx.fillStyle = "#ffffff";
    ctx.fillRect(0, 0, ctx.canvas.width, ctx.canvas.height);
    ctx.restore();
  });
  var decluttered = false;
  var declutterPending = false;
  // After labels or sizes change (language, measure) the new boxes are known once drawn.
  function declutterSoon() {
    if (!PG.ready) return;
    declutterPending = true;
    network.redraw();
  }
  network.on("afterDrawing", function () {
    if (declutterPending) {
      declutterPending = false;
      if (declutter()) network.redraw();
      return;
    }
    if (settled && !decluttered) {
      // Sizes of labels are known only once drawn: move, refit, and be ready on the next frame.
      decluttered = true;
      declutter();
      PG.timings.decluttered = performance.now();
      fitVisible();
      network.redraw();
      return;
    }
    if (settled && !PG.ready) {
      PG.settledMs = performance.now();
      PG.ready = true;
      document.body.setAttribute("data-ready", "true");
    }
  });
  if (physicsAtStart) {
    $("progress").hidden = false;
    $("physics").checked = true;
    network.on("stabilizationProgress", function (p) {
      $("progress-bar").style.width = Math.round((100 * p.iterations) / p.total) + "%";
    });
    network.once("stabilizationIterationsDone", function () {
      PG.timings.stabilised = performance.now();
      network.setOptions({ physics: { enabled: false } });
      $("physics").checked = false;
      $("progress").hidden = true;
      settled = true;
      network.redraw();
    });
  } else {
    network.fit({ animation: false });
    network.redraw();
  }

  // ---- visibility: filters and date ----------------------------------------------------
  // Filtering by theme shows the partnerships about the chosen themes, those themes and the
  // partnerships' parties; nothing else (not everything that happens to have no theme).
  var themeKeep = null;
  function themesNarrowed() {
    var f = filters.filter(function (x) { return x.key === "themes"; })[0];
    return f && f.values.some(function (v) { return !f.on[v]; }) ? f : null;
  }
  function computeThemeKeep() {
    var f = themesNarrowed();
    if (!f) { themeKeep = null; return; }
    themeKeep = {};
    META.forEach(function (m) {
      if ((m.themes || []).some(function (v) { return f.on[v]; })) {
        themeKeep[m.id] = true;
        if (m.group === "partnership") {
          LINKS[m.id].forEach(function (link) {
            var o = META[link.other];
            if (o.group === "organisation" || o.group === "unit") themeKeep[o.id] = true;
          });
        }
      }
    });
  }
  function isVisible(m) {
    if (!typeOn[m.group]) return false;
    if (themeKeep !== null && !themeKeep[m.id]) return false;
    for (var i = 0; i < filters.length; i++) {
      if (themeKeep !== null && filters[i].key === "themes") continue;
      var values = m[filters[i].field];
      if (values && values.length) {
        var on = filters[i].on;
        if (!values.some(function (v) { return on[v]; })) return false;
      }
    }
    return timeOut === null || !timeOut[m.id];
  }

  function applyFilters() {
    var narrowedBefore = themeKeep !== null;
    computeThemeKeep();
    var nodeChanges = [];
    META.forEach(function (m) {
      var hide = !isVisible(m);
      if (hide !== m.hidden) {
        m.hidden = hide;
        nodeChanges.push({ id: m.id, hidden: hide });
      }
    });
    var edgeChanges = [];
    EDGES.forEach(function (e) {
      var hide = META[e.from].hidden || META[e.to].hidden || (!!e.common && !showCommon);
      if (hide !== e.hidden) {
        e.hidden = hide;
        edgeChanges.push({ id: e.id, hidden: hide });
      }
    });
    if (nodeChanges.length) nodes.update(nodeChanges);
    if (edgeChanges.length) edges.update(edgeChanges);
    if (selected !== null && META[selected].hidden) network.unselectAll();
    if (selectedEdge !== null && EDGES[selectedEdge].hidden) selectedEdge = null;
    refreshHighlight();
    renderDetails();
    renderCounts();
    runSearch();
    if (themeKeep !== null || narrowedBefore) fitVisible();
    writeState();
  }
  function fitVisible() {
    var ids = META.filter(function (m) { return !m.hidden; }).map(function (m) { return m.id; });
    if (ids.length) network.fit({ nodes: ids, animation: false });
  }

  function visibleCount() {
    var n = 0, e = 0;
    META.forEach(function (m) { if (!m.hidden) n++; });
    EDGES.forEach(function (x) { if (!x.hidden) e++; });
    return { nodes: n, edges: e };
  }

  function renderCounts() {
    var c = visibleCount();
    $("counts").textContent = t("counts", { n: c.nodes, N: META.length, e: c.edges, E: EDGES.length });
    filters.concat([typeFilter]).forEach(function (f) {
      if (!f.state) return;
      var on = f.values.filter(function (v) { return f.on[v]; }).length;
      f.state.textContent = on === f.values.length ? "" : t("shown", { n: on, N: f.values.length });
    });
  }

  // ---- highlighting of the selected node's neighbourhood ---------------------------------
  function refreshHighlight() {
    var near = null;
    var nearEdges = null;
    if (selected !== null && !META[selected].hidden) {
      near = {};
      nearEdges = {};
      near[selected] = true;
      LINKS[selected].forEach(function (link) {
        if (!META[link.other].hidden) {
          near[link.other] = true;
          nearEdges[link.edge] = true;
        }
      });
    }
    var nodeChanges = [];
    META.forEach(function (m) {
      var dim = near !== null && !near[m.id];
      if (dim !== m.dim) {
        m.dim = dim;
        nodeChanges.push(dim
          ? { id: m.id, opacity: 0.18, font: { color: "rgba(82,96,109,0.28)" } }
          : { id: m.id, opacity: 1, font: { color: baseFont(m) } });
      }
    });
    var showAll = $("edge-labels").checked;
    var edgeChanges = [];
    EDGES.forEach(function (e) {
      var dim = nearEdges !== null && !nearEdges[e.id];
      var label = e.shared !== undefined ? (dim ? "" : e.label) : (nearEdges === null ? showAll : !dim) ? e[lang] || "" : "";
      if (dim !== e.dim || label !== e.shown) {
        var change = { id: e.id, label: label, color: { opacity: dim ? 0.12 : 1 } };
        e.dim = dim;
        e.shown = label;
        edgeChanges.push(change);
      }
    });
    if (nodeChanges.length) nodes.update(nodeChanges);
    if (edgeChanges.length) edges.update(edgeChanges);
  }

  function selectNode(id, focus) {
    if (id === null || id === undefined || !META[id]) return;
    selected = id;
    selectedEdge = null;
    var m = META[id];
    if (!m.hidden) network.selectNodes([id], true);
    else network.unselectAll();
    refreshHighlight();
    renderDetails();
    writeState();
    if (focus && !m.hidden) {
      // Centre the node in the part of the canvas that the details panel leaves free.
      var panel = $("details");
      var stage = $("stage").getBoundingClientRect();
      var covered = panel.hidden ? 0 : panel.getBoundingClientRect().width + 24;
      var shift = covered < stage.width * 0.75 ? -covered / 2 : 0;
      network.focus(id, {
        scale: Math.max(network.getScale(), 1.0),
        offset: { x: shift, y: 0 },
        animation: { duration: 450, easingFunction: "easeInOutQuad" },
      });
    }
  }

  function clearSelection() {
    selected = null;
    selectedEdge = null;
    network.unselectAll();
    refreshHighlight();
    renderDetails();
  }

  network.on("click", function (params) {
    if (params.nodes && params.nodes.length) selectNode(params.nodes[0], false);
    else if (params.edges && params.edges.length === 1 && EDGES[params.edges[0]].shared) selectEdge(params.edges[0]);
    else clearSelection();
  });
  function selectEdge(id) {
    selected = null;
    selectedEdge = id;
    refreshHighlight();
    renderDetails();
    writeState();
  }
  network.on("doubleClick", function (params) {
    if (params.nodes && params.nodes.length) selectNode(params.nodes[0], true);
  });

  // ---- details panel ---------------------------------------------------------------------
  function renderDetails() {
    var panel = $("details");
    var body = $("details-body");
    body.replaceChildren();
    if (selected === null && selectedEdge !== null) {
      renderEdgeDetails(body, EDGES[selectedEdge]);
      panel.hidden = false;
      return;
    }
    if (selected === null) {
      panel.hidden = true;
      return;
    }
    var m = META[selected];
    body.appendChild(el("h2", null, nodeLabel(m)));
    var chip = el("span", "chip");
    chip.appendChild(symbol(m.group));
    chip.appendChild(el("span", null, typeLabel(m.group)));
    body.appendChild(chip);
    if (m.hidden) body.appendChild(el("p", "hidden-note", t("hiddenNote")));
    var dl = el("dl");
    function row(key, value, asCode) {
      if (!value) return;
      dl.appendChild(el("dt", null, t(key)));
      var dd = el("dd");
      if (asCode) dd.appendChild(el("code", null, value));
      else dd.textContent = value;
      dl.appendChild(dd);
    }
    var other = lang === "da" ? "en" : "da";
    if (m[other] && m[other] !== nodeLabel(m)) row("otherLabel", m[other]);
    row("period", m.period);
    if (m.start || m.end) row("dates", (m.start || "…") + " – " + (m.end || "…"));
    row("source", m.source);
    row("collab", (m.collab || []).map(function (v) {
      var names = (DATA.valueNames || {})[v];
      return names ? names[lang] || v : v;
    }).join("; "));
    row("status", m.status);
    if (asOf !== null && IN_TIME[m.group]) {
      // the same rule as the slider and partnergraph.status, for the chosen year
      dl.appendChild(el("dt", null, t("inForce", { year: asOf })));
      dl.appendChild(el("dd", null, t(inForce(m, asOf) ? "yes" : "no")));
    }
    row("category", m.category);
    row("themes", (m.themes || []).map(function (v) {
      var names = (DATA.themeNames || {})[v];
      return names ? names[lang] || v : v;
    }).join("; "));
    row("sdg", (m.sdg || []).join("; "));
    row("iri", m.iri, true);
    body.appendChild(dl);
    renderAgreements(body, m);

    var links = LINKS[selected].slice().sort(function (a, b) {
      var ra = EDGES[a.edge][lang] || "", rb = EDGES[b.edge][lang] || "";
      return ra === rb ? nodeLabel(META[a.other]).localeCompare(nodeLabel(META[b.other])) : ra.localeCompare(rb);
    });
    if (links.length) {
      body.appendChild(el("h3", null, t("links") + " (" + links.length + ")"));
      var list = el("ul", "links");
      var limit = 40;
      links.slice(0, limit).forEach(function (link) {
        var li = el("li");
        var arrow = DATA.directed ? (link.out ? "→ " : "← ") : "";
        li.appendChild(el("span", "rel", arrow + (EDGES[link.edge][lang] || "")));
        var target = META[link.other];
        var button = el("button", null, nodeLabel(target));
        button.type = "button";
        if (target.hidden) button.appendChild(el("span", "sr-only", " (" + t("hiddenByFilters") + ")"));
        button.addEventListener("click", function () { selectNode(link.other, true); });
        li.appendChild(button);
        list.appendChild(li);
      });
      if (links.length > limit) list.appendChild(el("li", "more", t("more", { n: links.length - limit })));
      body.appendChild(list);
    }
    panel.hidden = false;
  }
  $("details-close").addEventListener("click", clearSelection);

  function renderEdgeDetails(body, e) {
    body.appendChild(el("h2", null, nodeLabel(META[e.from]) + " – " + nodeLabel(META[e.to])));
    body.appendChild(el("h3", null, t("shared") + " (" + e.shared.length + ")"));
    var list = el("ul", "links shared");
    e.shared.forEach(function (s) {
      var names = (DATA.themeNames || {})[s];
      list.appendChild(el("li", null, names ? names[lang] || s : s));
    });
    body.appendChild(list);
    if (e.sdgShared && e.sdgShared.length) {
      body.appendChild(el("h3", null, t("sharedAlso") + " (" + e.sdgShared.length + ")"));
      var more = el("ul", "links");
      e.sdgShared.forEach(function (s) { more.appendChild(el("li", null, s)); });
      body.appendChild(more);
    }
  }

  // Agreements of a partnership (or of the partnerships an organisation takes part in), their
  // status at the chosen year, and the next step: a proposed or planned successor.
  function agreementsOf(id) {
    var found = [];
    LINKS[id].forEach(function (link) {
      var o = META[link.other];
      if (INSTRUMENTS[o.group]) found.push(o);
    });
    return found;
  }
  function renderAgreements(body, m) {
    var groups = [];
    if (m.group === "partnership") groups.push([m, agreementsOf(m.id)]);
    else if (m.group === "organisation" || m.group === "unit") {
      LINKS[m.id].forEach(function (link) {
        var p = META[link.other];
        if (p.group === "partnership") groups.push([p, agreementsOf(p.id)]);
      });
    }
    groups = groups.filter(function (g) { return g[1].length; });
    if (!groups.length) return;
    body.appendChild(el("h3", null, t("agreements")));
    var list = el("ul", "links agreements");
    groups.forEach(function (g) {
      if (g[0] !== m) list.appendChild(el("li", "partnership-name", nodeLabel(g[0])));
      g[1].sort(function (a, b) { return (a.from || "9999") < (b.from || "9999") ? -1 : 1; });
      g[1].forEach(function (a) {
        var li = el("li");
        var button = el("button", null, nodeLabel(a));
        button.type = "button";
        button.addEventListener("click", function () { selectNode(a.id, true); });
        li.appendChild(button);
        var state = a.status || "";
        if (asOf !== null) state = t(inForce(a, asOf) ? "inForceAt" : "notInForceAt", { y: asOf });
        var when = a.period ? " · " + a.period : "";
        li.appendChild(el("span", "rel", state + when));
        list.appendChild(li);
      });
      var next = g[1].filter(function (a) { return a.proposed; });
      next.forEach(function (a) {
        list.appendChild(el("li", "next", t("nextStep") + ": " + nodeLabel(a) + (a.source ? "" : "")));
      });
    });
    body.appendChild(list);
  }

  // ---- search ----------------------------------------------------------------------------
  var hits = [];
  function runSearch() {
    var list = $("search-results");
    list.replaceChildren();
    var query = $("search").value.trim().toLocaleLowerCase();
    hits = [];
    if (!query) return;
    META.forEach(function (m) { if (m.search.indexOf(query) >= 0) hits.push(m); });
    hits.sort(function (a, b) {
      var pa = nodeLabel(a).toLocaleLowerCase().indexOf(query) === 0 ? 0 : 1;
      var pb = nodeLabel(b).toLocaleLowerCase().indexOf(query) === 0 ? 0 : 1;
      if (a.hidden !== b.hidden) return a.hidden ? 1 : -1;
      if (pa !== pb) return pa - pb;
      return nodeLabel(a).localeCompare(nodeLabel(b));
    });
    if (!hits.length) {
      list.appendChild(el("li", "note", t("noMatches")));
      return;
    }
    var limit = 12;
    hits.slice(0, limit).forEach(function (m) {
      var li = el("li", m.hidden ? "hidden-match" : null);
      li.setAttribute("role", "option");
      var button = el("button");
      button.type = "button";
      button.appendChild(symbol(m.group));
      button.appendChild(el("span", "result-label", nodeLabel(m)));
      button.appendChild(el("span", "sr-only", " (" + typeLabel(m.group) + ")"));
      if (m.hidden) button.appendChild(el("span", "result-type", t("hiddenByFilters")));
      button.addEventListener("click", function () { selectNode(m.id, true); });
      li.appendChild(button);
      list.appendChild(li);
    });
    if (hits.length > limit) list.appendChild(el("li", "note", t("more", { n: hits.length - limit })));
  }
  $("search").addEventListener("input", runSearch);
  $("search").addEventListener("keydown", function (event) {
    if (event.key === "Enter" && hits.length) {
      event.preventDefault();
      selectNode(hits[0].id, true);
    } else if (event.key === "Escape") {
      $("search").value = "";
      runSearch();
    } else if (event.key === "ArrowDown") {
      var first = $("search-results").querySelector("button");
      if (first) { event.preventDefault(); first.focus(); }
    }
  });
  $("search-results").addEventListener("keydown", function (event) {
    var buttons = Array.prototype.slice.call($("search-results").querySelectorAll("button"));
    var at = buttons.indexOf(document.activeElement);
    if (at < 0) return;
    if (event.key === "ArrowDown" && at + 1 < buttons.length) { event.preventDefault(); buttons[at + 1].focus(); }
    if (event.key === "ArrowUp") { event.preventDefault(); (at > 0 ? buttons[at - 1] : $("search")).focus(); }
  });

  // ---- legend and filter checklists -------------------------------------------------------
  function checklist(list, items, on, onChange) {
    items.forEach(function (item) {
      var li = el("li");
      var label = el("label");
      var box = el("input");
      box.type = "checkbox";
      box.checked = true;
      box.addEventListener("change", function () {
        on[item.value] = box.checked;
        li.classList.toggle("off", !box.checked);
        onChange();
      });
      item.box = box;
      item.li = li;
      label.appendChild(box);
      if (item.symbol) label.appendChild(item.symbol);
      item.text = el("span", "item-label", item.label());
      label.appendChild(item.text);
      label.appendChild(el("span", "count", String(item.count)));
      li.appendChild(label);
      list.appendChild(li);
    });
  }
  function setAll(f, value) {
    f.items.forEach(function (item) {
      item.box.checked = value;
      item.li.classList.toggle("off", !value);
      f.on[item.value] = value;
    });
  }

  var typeFilter = { key: "type", values: [], on: typeOn, items: [], state: null };
  DATA.types.forEach(function (ty) {
    typeOn[ty.key] = true;
    typeFilter.values.push(ty.key);
    typeFilter.items.push({
      value: ty.key, count: ty.count, symbol: symbol(ty.key),
      label: function () { return typeLabel(ty.key); },
    });
  });
  checklist($("legend"), typeFilter.items, typeOn, applyFilters);

  function sdgOrder(a, b) {
    var pa = a.split(/[^0-9]+/).map(Number), pb = b.split(/[^0-9]+/).map(Number);
    for (var i = 0; i < Math.max(pa.length, pb.length); i++) {
      var x = pa[i] || 0, y = pb[i] || 0;
      if (x !== y) return x - y;
    }
    return a.localeCompare(b);
  }
  [["collab", "collab"], ["themes", "themes"], ["sdg", "sdg"]].forEach(function (spec) {
    var field = spec[1];
    var counts = {};
    META.forEach(function (m) { (m[field] || []).forEach(function (v) { counts[v] = (counts[v] || 0) + 1; }); });
    var values = Object.keys(counts).sort(field === "sdg" ? sdgOrder : function (a, b) { return a.localeCompare(b); });
    if (!values.length) return;
    var f = { key: spec[0], field: field, values: values, on: {}, items: [] };
    values.forEach(function (v) {
      f.on[v] = true;
      f.items.push({
        value: v, count: counts[v],
        label: function () {
          var names = field === "themes" ? (DATA.themeNames || {})[v]
            : field === "collab" ? (DATA.valueNames || {})[v] : null;
          return names ? names[lang] || v : v;
        },
      });
    });
    var details = el("details");
    details.open = values.length <= 10;
    var summary = el("summary");
    f.title = el("span", "panel-title", t(spec[0]));
    summary.appendChild(f.title);
    f.state = el("span", "summary-state");
    summary.appendChild(f.state);
    details.appendChild(summary);
    var bulk = el("div", "bulk");
    [[true, "all"], [false, "none"]].forEach(function (b) {
      var button = el("button", "link", t(b[1]));
      button.type = "button";
      button.setAttribute("data-i18n", b[1]);
      button.addEventListener("click", function () { setAll(f, b[0]); applyFilters(); });
      bulk.appendChild(button);
    });
    details.appendChild(bulk);
    var list = el("ul", "checklist");
    details.appendChild(list);
    checklist(list, f.items, f.on, applyFilters);
    $("filters").appendChild(details);
    filters.push(f);
  });
  typeFilter.state = el("span", "summary-state");
  document.querySelector("#legend-panel .panel-head .panel-title").after(typeFilter.state);
  document.querySelectorAll("[data-bulk]").forEach(function (button) {
    button.addEventListener("click", function () {
      setAll(typeFilter, button.getAttribute("data-bulk") === "type:1");
      applyFilters();
    });
  });

  // ---- date slider -------------------------------------------------------------------------
  var years = [];
  META.forEach(function (m) {
    if (!IN_TIME[m.group]) return;
    parts(m.start).concat(parts(m.end)).forEach(function (v) {
      if (/^\d{4}/.test(v)) years.push(parseInt(v.slice(0, 4), 10));
    });
  });
  var minYear = years.length ? Math.min.apply(null, years) : 0;
  var maxYear = years.length ? Math.max.apply(null, years) : 0;
  var slider = $("date");
  var allDates = $("date-all");
  if (!years.length) {
    $("date-panel").hidden = true;
  } else {
    slider.min = String(minYear);
    slider.max = String(maxYear);
    slider.value = String(maxYear);
    $("date-min").textContent = String(minYear);
    $("date-max").textContent = String(maxYear);
  }
  function renderDate() {
    $("date-value").textContent = asOf === null ? t("allDates") : asOf;
    allDates.checked = asOf === null;
    $("date-panel").classList.toggle("all", asOf === null);
  }
  var pending = false;
  function setDate(year) {
    asOf = year === null ? null : String(year);
    timeOut = asOf === null ? null : outOfTime(asOf);
    renderDate();
    if (!pending) {
      pending = true;
      requestAnimationFrame(function () { pending = false; applyFilters(); });
    }
  }
  slider.addEventListener("input", function () { setDate(parseInt(slider.value, 10)); });
  allDates.addEventListener("change", function () {
    setDate(allDates.checked ? null : parseInt(slider.value, 10));
  });


  // ---- size and colour by a measure; the ranking -----------------------------------------
  // The numbers are those of `partnergraph network stats` (computed in Python, same code).
  var COMMUNITY_COLOURS = ["#4477AA", "#EE6677", "#228833", "#CCBB44", "#66CCEE", "#AA3377",
    "#BBBBBB", "#000000", "#EE7733", "#009988", "#CC3311", "#33BBEE"];
  function hex(c) { return [1, 3, 5].map(function (i) { return parseInt(c.slice(i, i + 2), 16); }); }
  function mix(a, b, share) {
    var x = hex(a), y = hex(b);
    return "#" + x.map(function (v, i) {
      var n = Math.round(v + (y[i] - v) * share).toString(16);
      return n.length < 2 ? "0" + n : n;
    }).join("");
  }
  function paint(colour) {
    var border = mix(colour, "#000000", 0.35);
    return { background: colour, border: border,
      highlight: { background: mix(colour, "#ffffff", 0.25), border: "#111111" },
      hover: { background: mix(colour, "#ffffff", 0.15), border: border } };
  }
  function measureOf(m) { return m.m ? m.m[measure] : 0; }
  function applyMeasure() {
    var scaled = measure === "degree" || measure === "betweenness";
    var max = 0;
    if (scaled) META.forEach(function (m) { max = Math.max(max, measureOf(m)); });
    nodes.update(META.map(function (m) {
      var ty = TYPES[m.group] || { color: "#bbbbbb" };
      if (measure === "community" && m.m) {
        return { id: m.id, size: m.size, color: paint(COMMUNITY_COLOURS[(m.m.community - 1) % COMMUNITY_COLOURS.length]) };
      }
      if (scaled && m.m) {
        var share = max > 0 ? measureOf(m) / max : 0;
        return { id: m.id, size: Math.round(8 + 34 * Math.sqrt(share)), color: paint(mix("#d9e6f2", "#08306b", share)) };
      }
      return { id: m.id, size: m.size, color: paint(ty.color) };
    }));
    $("measure").value = measure;
    renderRanking();
    declutterSoon();
  }
  function rankOrder(a, b) {
    var d = measureOf(b) - measureOf(a);
    if (d) return d;
    var la = a.rank || "", lb = b.rank || "";
    if (la !== lb) return la < lb ? -1 : 1;
    return a.iri < b.iri ? -1 : a.iri > b.iri ? 1 : 0;
  }
  function rankButton(m) {
    var button = el("button", null, nodeLabel(m));
    button.type = "button";
    button.addEventListener("click", function () { selectNode(m.id, true); });
    return button;
  }
  function renderRanking() {
    var list = $("ranking");
    list.replaceChildren();
    list.hidden = measure === "type" || !DATA.measures;
    if (list.hidden) return;
    if (measure === "community") {
      var groups = {};
      META.forEach(function (m) { if (m.m) (groups[m.m.community] = groups[m.m.community] || []).push(m); });
      Object.keys(groups).map(Number).sort(function (a, b) { return a - b; }).slice(0, 10).forEach(function (n) {
        var li = el("li", "community");
        var swatch = el("span", "swatch");
        swatch.style.background = COMMUNITY_COLOURS[(n - 1) % COMMUNITY_COLOURS.length];
        li.appendChild(swatch);
        li.appendChild(el("span", "rank-label", t("community", { n: n }) + " (" + groups[n].length + ")"));
        var members = el("span", "members");
        groups[n].sort(rankOrder).forEach(function (m, i) {
          if (i) members.appendChild(document.createTextNode(", "));
          members.appendChild(rankButton(m));
        });
        li.appendChild(members);
        li.setAttribute("data-community", String(n));
        list.appendChild(li);
      });
      return;
    }
    META.filter(function (m) { return m.m; }).sort(rankOrder).slice(0, 10).forEach(function (m) {
      var li = el("li");
      li.setAttribute("data-iri", m.iri);
      li.appendChild(rankButton(m));
      li.appendChild(el("span", "value", measureOf(m).toFixed(3)));
      list.appendChild(li);
    });
  }
  $("measure").addEventListener("change", function () {
    measure = $("measure").value;
    applyMeasure();
    writeState();
  });
  if (!DATA.measures) $("measure-panel").hidden = true;
  var hasCommon = EDGES.some(function (e) { return e.common; });
  $("common-toggle").hidden = !hasCommon;
  $("common-links").addEventListener("change", function () {
    showCommon = $("common-links").checked;
    applyFilters();
  });

  // ---- the page state in the URL, so a view can be shared -------------------------------
  var restoring = false;
  var stateReady = false;
  function writeState() {
    if (restoring || !stateReady) return;
    var state = [];
    if (measure !== "type") state.push("measure=" + measure);
    if (lang !== DATA.lang) state.push("lang=" + lang);
    if (asOf !== null) state.push("year=" + asOf);
    if (showCommon) state.push("common=1");
    if (selected !== null) state.push("select=" + encodeURIComponent(META[selected].iri));
    if (selectedEdge !== null) state.push("edge=" + selectedEdge);
    filters.concat([typeFilter]).forEach(function (f) {
      var off = f.values.filter(function (v) { return !f.on[v]; });
      if (off.length) state.push("off-" + f.key + "=" + off.map(encodeURIComponent).join(","));
    });
    var hash = state.length ? "#" + state.join("&") : "";
    try {
      if (location.hash !== hash) history.replaceState(null, "", hash || location.pathname + location.search);
    } catch (err) { /* about:srcdoc (Jupyter) has no URL to write to */ }
  }
  function readState() {
    var raw = (location.hash || "").replace(/^#/, "");
    if (!raw) return;
    var state = {};
    raw.split("&").forEach(function (part) {
      var at = part.indexOf("=");
      if (at > 0) state[part.slice(0, at)] = part.slice(at + 1);
    });
    restoring = true;
    filters.concat([typeFilter]).forEach(function (f) {
      var off = state["off-" + f.key];
      if (!off) return;
      off.split(",").map(decodeURIComponent).forEach(function (v) {
        if (!(v in f.on)) return;
        f.on[v] = false;
        f.items.forEach(function (item) {
          if (item.value === v) { item.box.checked = false; item.li.classList.toggle("off", true); }
        });
      });
    });
    if (state.common === "1" && hasCommon) { showCommon = true; $("common-links").checked = true; }
    if (state.lang === "da" || state.lang === "en") setLang(state.lang);
    if (/^\d{4}$/.test(state.year || "") && years.length) { slider.value = state.year; setDate(parseInt(state.year, 10)); }
    if (["degree", "betweenness", "community"].indexOf(state.measure) >= 0 && DATA.measures) {
      measure = state.measure;
      applyMeasure();
    }
    applyFilters();
    if (state.select) {
      var id = PG.byIri(decodeURIComponent(state.select));
      if (id !== null) selectNode(id, false);
    } else if (/^\d+$/.test(state.edge || "") && EDGES[+state.edge] && EDGES[+state.edge].shared) {
      selectEdge(+state.edge);
    }
    restoring = false;
    writeState();
  }

  // ---- language ----------------------------------------------------------------------------
  function setLang(next) {
    lang = next === "en" ? "en" : "da";
    document.documentElement.lang = lang;
    ["da", "en"].forEach(function (l) { $("lang-" + l).setAttribute("aria-pressed", String(l === lang)); });
    document.querySelectorAll("[data-i18n]").forEach(function (node) { node.textContent = t(node.getAttribute("data-i18n")); });
    document.querySelectorAll("[data-i18n-title]").forEach(function (node) { node.title = t(node.getAttribute("data-i18n-title")); });
    document.querySelectorAll("[data-i18n-label]").forEach(function (node) { node.setAttribute("aria-label", t(node.getAttribute("data-i18n-label"))); });
    $("search").placeholder = t("searchPlaceholder");
    filters.forEach(function (f) {
      f.title.textContent = t(f.key);
      f.items.forEach(function (item) { item.text.textContent = item.label(); });
    });
    typeFilter.items.forEach(function (item) { item.text.textContent = item.label(); });
    nodes.update(META.map(function (m) { return { id: m.id, label: canvasLabel(m) }; }));
    EDGES.forEach(function (e) { e.shown = null; }); // relabel every shown edge
    refreshHighlight();
    renderDate();
    renderCounts();
    renderDetails();
    runSearch();
    declutterSoon();
  }
  $("lang-da").addEventListener("click", function () { setLang("da"); });
  $("lang-en").addEventListener("click", function () { setLang("en"); });

  // ---- tools -------------------------------------------------------------------------------
  $("edge-labels").checked = EDGES.length <= 40;
  $("edge-labels").addEventListener("change", refreshHighlight);
  $("physics").addEventListener("change", function () {
    if ($("physics").checked) {
      network.setOptions({ physics: { enabled: true } });
      network.startSimulation();
    } else {
      network.setOptions({ physics: { enabled: false } });
    }
  });
  $("fit").addEventListener("click", function () { network.fit({ animation: { duration: 400 } }); });
  function fileName(ext) {
    return (DATA.title || "partnergraph").replace(/[^\p{L}\p{N}._-]+/gu, "-").replace(/^-+|-+$/g, "") + "." + ext;
  }
  function download(blob, name) {
    var url = URL.createObjectURL(blob);
    var link = document.createElement("a");
    link.href = url;
    link.download = name;
    document.body.appendChild(link);
    link.click();
    link.remove();
    PG.lastDownload = { href: url, type: blob.type, size: blob.size, name: name };
    setTimeout(function () { URL.revokeObjectURL(url); }, 60000);
  }
  // The figure (title, date, legend, source) is drawn by partnergraph.figure, the renderer the
  // report uses, once per language; the export takes the one in the page's language and removes
  // what the page does not show (hidden nodes, their labels and links, hidden links, legend
  // entries of types no longer shown), so the file shows what the reader sees.
  // SVG as it is, PNG drawn from it at print resolution (300 dpi at A4 width).
  var FIGURES = DATA.figures || {};
  function figureSvg() {
    var source = FIGURES[lang] || FIGURES[DATA.lang] || "";
    if (!source) return "";
    var doc = new DOMParser().parseFromString(source, "image/svg+xml");
    if (doc.getElementsByTagName("parsererror").length) return source;
    var shownIri = {}, shownKind = {}, shownLink = {};
    META.forEach(function (m) {
      if (!m.hidden) { shownIri[m.iri] = true; shownKind[m.group] = true; }
    });
    EDGES.forEach(function (e) {
      if (e.hidden) return;
      shownLink[META[e.from].iri + "\u0000" + META[e.to].iri] = true;
      shownLink[META[e.to].iri + "\u0000" + META[e.from].iri] = true;
    });
    Array.prototype.slice.call(doc.querySelectorAll("[data-node]")).forEach(function (node) {
      if (!shownIri[node.getAttribute("data-node")]) node.remove();
    });
    Array.prototype.slice.call(doc.querySelectorAll("line[data-a]")).forEach(function (line) {
      if (!shownLink[line.getAttribute("data-a") + "\u0000" + line.getAttribute("data-b")]) line.remove();
    });
    Array.prototype.slice.call(doc.querySelectorAll("[data-kind]")).forEach(function (item) {
      if (!shownKind[item.getAttribute("data-kind")]) item.remove();
    });
    var subtitle = doc.querySelector("[data-role=subtitle]");
    if (subtitle && asOf !== null) subtitle.textContent += " · " + t("inForceAt", { y: asOf });
    return new XMLSerializer().serializeToString(doc);
  }
  PG.figureSvg = figureSvg;
  $("svg").hidden = !(FIGURES[lang] || FIGURES[DATA.lang]);
  $("svg").addEventListener("click", function () {
    download(new Blob([figureSvg()], { type: "image/svg+xml" }), fileName("svg"));
  });
  $("png").addEventListener("click", function () {
    var svg = figureSvg();
    if (svg) {
      var image = new Image();
      image.onload = function () {
        var scale = Math.max(1, 2480 / (image.naturalWidth || 1000));
        var canvas = document.createElement("canvas");
        canvas.width = Math.round((image.naturalWidth || 1000) * scale);
        canvas.height = Math.round((image.naturalHeight || 800) * scale);
        var ctx = canvas.getContext("2d");
        ctx.fillStyle = "#ffffff";
        ctx.fillRect(0, 0, canvas.width, canvas.height);
        ctx.drawImage(image, 0, 0, canvas.width, canvas.height);
        canvas.toBlob(function (blob) { if (blob) download(blob, fileName("png")); }, "image/png");
      };
      image.src = "data:image/svg+xml;charset=utf-8," + encodeURIComponent(svg);
      return;
    }
    var canvas = $("network").querySelector("canvas");
    if (!canvas) return;
    canvas.toBlob(function (blob) { if (blob) download(blob, fileName("png")); }, "image/png");
  });
  $("menu").addEventListener("click", function () {
    var app = $("app");
    var narrow = window.matchMedia("(max-width: 760px)").matches;
    var open = narrow ? app.classList.toggle("open") : !app.classList.toggle("collapsed");
    $("menu").setAttribute("aria-expanded", String(open));
    setTimeout(function () { network.redraw(); }, 0);
  });
  $("reset").addEventListener("click", function () {
    setAll(typeFilter, true);
    filters.forEach(function (f) { setAll(f, true); });
    asOf = null;
    timeOut = null;
    slider.value = String(maxYear);
    renderDate();
    $("search").value = "";
    selected = null;
    selectedEdge = null;
    network.unselectAll();
    applyFilters();
    network.fit({ animation: { duration: 400 } });
  });
  document.addEventListener("keydown", function (event) {
    if (event.key === "Escape" && selected !== null && document.activeElement !== $("search")) clearSelection();
  });

  PG.select = function (id) { selectNode(id, true); };
  PG.clear = clearSelection;
  PG.setLang = setLang;
  PG.lang = function () { return lang; };
  PG.visibleCount = visibleCount;
  PG.find = function (text) {
    var q = String(text).toLocaleLowerCase();
    return META.filter(function (m) { return m.search.indexOf(q) >= 0; }).map(function (m) { return m.id; });
  };
  PG.iriOf = function (id) { return META[id] ? META[id].iri : null; };
  PG.byIri = function (iri) {
    for (var i = 0; i < META.length; i++) if (META[i].iri === iri) return META[i].id;
    return null;
  };

  setLang(lang);
  applyMeasure();
  applyFilters();
  readState();
  stateReady = true;
  window.addEventListener("hashchange", function () { if (!restoring) readState(); });
  PG.measure = function (key) { $("measure").value = key; measure = key; applyMeasure(); writeState(); };
  PG.ranking = function () {
    return Array.prototype.map.call($("ranking").querySelectorAll("li[data-iri]"), function (li) {
      return [li.getAttribute("data-iri"), li.querySelector(".value").textContent];
    });
  };
  PG.edgeBetween = function (a, b) {
    var ia = PG.byIri(a), ib = PG.byIri(b);
    var found = EDGES.filter(function (e) { return (e.from === ia && e.to === ib) || (e.from === ib && e.to === ia); })[0];
    if (!found) return null;
    var shown = edges.get(found.id);
    return { id: found.id, label: shown.label, weight: found.weight, width: shown.width || 1, shared: found.shared, hidden: found.hidden };
  };
  PG.selectEdge = selectEdge;
})();
