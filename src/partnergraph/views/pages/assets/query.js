// The query page of a partnergraph server: runs named queries (/api/queries/NAME) and SPARQL
// from the editor (/sparql) on this server, shows the answer as a sortable table, offers
// downloads in CSV, TSV and JSON (made by the server), draws CONSTRUCT results and the
// network projections (/network, in a frame), and keeps the query in the URL (permalink).
// Text from answers goes into the page only as text (textContent), never as markup.
(function () {
  "use strict";
  var config = JSON.parse(document.getElementById("qp-config").textContent);
  var T = config.text;
  var editor = document.getElementById("editor");
  var statusBox = document.getElementById("status");
  var tableBox = document.getElementById("panel-table");
  var graphBox = document.getElementById("panel-graph");
  var tabTable = document.getElementById("tab-table");
  var tabGraph = document.getElementById("tab-graph");
  var downloads = document.getElementById("downloads");
  var permalink = document.getElementById("permalink");
  var countBox = document.getElementById("count");
  var copied = document.getElementById("qp-copied");
  var langSwitch = document.querySelector(".langswitch");
  var current = null; // what ran last: {kind: "named"|"sparql"|"network", ...}
  var shownText = null; // the library text shown in the editor, to notice edits
  var generation = 0;

  function fmt(template, values) {
    return template.replace(/\{(\w+)\}/g, function (_, key) { return String(values[key]); });
  }

  function setStatus(message, isError) {
    statusBox.textContent = message || "";
    statusBox.classList.toggle("error", Boolean(isError));
  }

  function el(tag, className, text) {
    var node = document.createElement(tag);
    if (className) { node.className = className; }
    if (text !== undefined && text !== null) { node.textContent = text; }
    return node;
  }

  // --- addresses ---------------------------------------------------------------------------

  function compact(iri) {
    var best = "", bestPrefix = "";
    Object.keys(config.prefixes).forEach(function (prefix) {
      var ns = config.prefixes[prefix];
      if (iri.indexOf(ns) === 0 && ns.length > best.length) { best = ns; bestPrefix = prefix; }
    });
    if (!best) { return iri; }
    var local = iri.slice(best.length);
    return /^[A-Za-z0-9_.-]*$/.test(local) && local ? bestPrefix + ":" + local : iri;
  }

  function pageOf(iri) {
    if (iri.indexOf(config.things) !== 0) { return null; }
    var local = iri.slice(config.things.length);
    if (!/^[A-Za-z0-9._~!$&'()*+,;=:@%\/-]+$/.test(local) || /(^|\/)\.\.?(\/|$)/.test(local)) {
      return null;
    }
    return config.docPrefix + local + config.docSuffix;
  }

  function stateUrl(state, lang) {
    var params = new URLSearchParams();
    if (state) {
      if (state.kind === "named") {
        params.set("name", state.name);
        Object.keys(state.params).forEach(function (key) {
          // The labels' language follows the page's when the reader switches language.
          var value = key === "lang" && lang && lang !== config.lang ? lang : state.params[key];
          params.set("p." + key, value);
        });
      } else if (state.kind === "sparql") {
        params.set("query", state.text);
      } else if (state.kind === "network") {
        params.set("network", state.projection);
      }
    }
    if (lang && lang !== "da") { params.set("lang", lang); }
    var query = params.toString();
    return location.pathname + (query ? "?" + query : "");
  }

  function remember(state) {
    current = state;
    var url = stateUrl(state, config.lang);
    history.replaceState(null, "", url);
    permalink.href = url;
    permalink.hidden = false;
    if (langSwitch) { langSwitch.href = stateUrl(state, config.lang === "da" ? "en" : "da"); }
  }

  // --- results ------------------------------------------------------------------------------

  function clearResults() {
    pendingGraph = null;
    tableBox.replaceChildren();
    graphBox.replaceChildren();
    downloads.hidden = true;
    Array.prototype.slice.call(downloads.querySelectorAll("a")).forEach(function (a) { a.remove(); });
    countBox.textContent = "";
    tabGraph.disabled = true;
    selectTab("table");
  }

  function selectTab(which) {
    var graph = which === "graph";
    tabTable.setAttribute("aria-selected", String(!graph));
    tabGraph.setAttribute("aria-selected", String(graph));
    tableBox.hidden = graph;
    graphBox.hidden = !graph;
    if (graph) { openGraphFrame(); }
  }
  tabTable.addEventListener("click", function () { selectTab("table"); });
  tabGraph.addEventListener("click", function () { if (!tabGraph.disabled) { selectTab("graph"); } });

  function addDownloads(items) {
    items.forEach(function (item) {
      var a = el("a", "button", item.label);
      a.href = item.href;
      a.setAttribute("download", item.file);
      downloads.appendChild(a);
    });
    downloads.hidden = items.length === 0;
  }

  // Labels of things, to link a named query's answers (which hold names, not IRIs) to the
  // pages of the things they name; only names that belong to exactly one thing are listed.
  var names = {};
  var namesReady = fetch(config.names + (config.lang !== "da" ? "?lang=" + config.lang : ""))
    .then(function (response) { return response.ok ? response.json() : {}; })
    .then(function (found) { names = found || {}; }, function () { names = {}; });

  function cellFor(term) {
    var td = el("td");
    if (!term) { td.setAttribute("data-sort", ""); return td; }
    if (term.type === "uri") {
      var page = pageOf(term.value);
      var shown = compact(term.value);
      if (page) {
        var a = el("a", null, shown);
        a.href = page;
        td.appendChild(a);
      } else {
        td.appendChild(el("code", "iri-text", shown));
      }
      td.title = term.value;
      td.setAttribute("data-sort", shown.toLowerCase());
    } else if (term.type === "bnode") {
      td.textContent = "_:" + term.value;
      td.setAttribute("data-sort", term.value);
    } else if (term.type === "literal" && !term.datatype && names[term.value] && pageOf(names[term.value])) {
      var link = el("a", "thing", term.value);
      link.href = pageOf(names[term.value]);
      td.appendChild(link);
      td.setAttribute("data-sort", term.value.toLowerCase());
    } else {
      var text = el("span", "lit", term.value);
      var tag = term["xml:lang"] || term.lang;
      if (tag && tag !== config.lang) {
        text.lang = tag;
        td.appendChild(text);
        td.appendChild(document.createTextNode(" "));
        td.appendChild(el("abbr", "tag", tag));
      } else {
        if (tag) { text.lang = tag; }
        td.appendChild(text);
      }
      if (term.datatype) { td.title = compact(term.datatype); }
      td.setAttribute("data-sort", term.value.toLowerCase());
    }
    return td;
  }

  function renderTable(columns, rows, titles) {
    if (rows.length === 0) {
      tableBox.replaceChildren(el("p", "muted", T.empty));
      return;
    }
    var wrap = el("div", "table-wrap");
    var table = el("table", "results sortable");
    table.id = "result-table";
    var head = el("thead");
    var tr = el("tr");
    columns.forEach(function (name, index) {
      var th = el("th");
      th.scope = "col";
      var button = el("button", "sort", (titles && titles[name]) || name);
      th.setAttribute("data-var", name);
      button.type = "button";
      button.addEventListener("click", function () { sortBy(table, index, th); });
      th.appendChild(button);
      tr.appendChild(th);
    });
    head.appendChild(tr);
    table.appendChild(head);
    var body = el("tbody");
    rows.forEach(function (row) {
      var line = el("tr");
      row.forEach(function (term) { line.appendChild(cellFor(term)); });
      body.appendChild(line);
    });
    table.appendChild(body);
    wrap.appendChild(table);
    tableBox.replaceChildren(wrap);
  }

  var collator = new Intl.Collator(config.lang, {numeric: true, sensitivity: "base"});

  function sortBy(table, index, th) {
    var ascending = th.getAttribute("aria-sort") !== "ascending";
    table.querySelectorAll("th").forEach(function (other) { other.removeAttribute("aria-sort"); });
    th.setAttribute("aria-sort", ascending ? "ascending" : "descending");
    var body = table.tBodies[0];
    var rows = Array.prototype.slice.call(body.rows);
    rows.sort(function (a, b) {
      var x = a.cells[index].getAttribute("data-sort") || "";
      var y = b.cells[index].getAttribute("data-sort") || "";
      if (x === "" && y !== "") { return 1; }
      if (y === "" && x !== "") { return -1; }
      var order = collator.compare(x, y);
      return ascending ? order : -order;
    });
    rows.forEach(function (row) { body.appendChild(row); });
    setStatus(fmt(T.sorted, {col: th.textContent}) + (ascending ? " ▲" : " ▼"));
  }

  // N-Triples, as the server writes it: one triple per line, terms in N-Triples syntax.
  var TERM = /\s*(<[^>]*>|_:[^\s]+|"(?:[^"\\]|\\.)*"(?:@[A-Za-z0-9-]+|\^\^<[^>]*>)?)/y;

  function unescapeLiteral(text) {
    return text.replace(/\\(u[0-9A-Fa-f]{4}|U[0-9A-Fa-f]{8}|.)/g, function (_, code) {
      if (code[0] === "u" || code[0] === "U") { return String.fromCodePoint(parseInt(code.slice(1), 16)); }
      return {t: "\t", n: "\n", r: "\r", b: "\b", f: "\f"}[code] || code;
    });
  }

  function parseTerm(token) {
    if (token[0] === "<") { return {type: "uri", value: token.slice(1, -1)}; }
    if (token[0] === "_") { return {type: "bnode", value: token.slice(2)}; }
    var end = token.lastIndexOf('"');
    var term = {type: "literal", value: unescapeLiteral(token.slice(1, end))};
    var rest = token.slice(end + 1);
    if (rest[0] === "@") { term["xml:lang"] = rest.slice(1); }
    if (rest.indexOf("^^") === 0) { term.datatype = rest.slice(3, -1); }
    return term;
  }

  function parseNTriples(text) {
    var triples = [];
    text.split("\n").forEach(function (line) {
      if (!line.trim() || line.trim()[0] === "#") { return; }
      TERM.lastIndex = 0;
      var terms = [];
      for (var i = 0; i < 3; i++) {
        var match = TERM.exec(line);
        if (!match) { return; }
        terms.push(parseTerm(match[1]));
      }
      triples.push(terms);
    });
    return triples;
  }

  // The frame is made when its tab is first shown: the network view lays itself out for
  // the size it opens at, and a hidden frame has none.
  var pendingGraph = null;

  function showGraphFrame(src) {
    pendingGraph = src;
    graphBox.replaceChildren();
    tabGraph.disabled = false;
    if (!graphBox.hidden) { openGraphFrame(); }
  }

  function openGraphFrame() {
    if (pendingGraph === null) { return; }
    var frame = el("iframe", "graph");
    frame.src = pendingGraph;
    frame.title = T.graph;
    frame.setAttribute("sandbox", "allow-scripts allow-downloads");
    graphBox.replaceChildren(frame);
    pendingGraph = null;
  }

  function showAnswer(response, body, state) {
    var type = (response.headers.get("content-type") || "").split(";")[0].trim();
    var truncated = response.headers.get("x-partnergraph-truncated") === "true";
    if (type === "application/n-triples" || type === "text/plain") {
      var triples = parseNTriples(body);
      renderTable(["subject", "predicate", "object"], triples, {
        subject: T.subject, predicate: T.predicate, object: T.object,
      });
      countBox.textContent = fmt(T.triples, {n: triples.length});
      if (state.kind === "sparql") {
        var params = new URLSearchParams({query: state.text});
        if (config.lang !== "da") { params.set("lang", config.lang); }
        showGraphFrame(config.network + (config.network.indexOf("?") < 0 ? "?" : "&") + params.toString());
      }
      return "graph";
    }
    var data = JSON.parse(body);
    if (typeof data.boolean === "boolean") {
      tableBox.replaceChildren(el("p", "answer", data.boolean ? T.yes : T.no));
      return "ask";
    }
    var columns = data.head.vars;
    var rows = data.results.bindings.map(function (binding) {
      return columns.map(function (name) { return binding[name] || null; });
    });
    renderTable(columns, rows, state.kind === "named" ? config.columns[state.name] : null);
    countBox.textContent = fmt(T.rows, {n: rows.length}) + (truncated ? " · " + T.truncated : "");
    return "select";
  }

  function downloadsFor(state, shape) {
    var items = [];
    var formats = shape === "graph" ? ["ttl", "nt", "jsonld"] : ["csv", "tsv", "json"];
    formats.forEach(function (format) {
      var params = new URLSearchParams();
      var base;
      if (state.kind === "named") {
        Object.keys(state.params).forEach(function (key) { params.set(key, state.params[key]); });
        base = config.queries + "/" + encodeURIComponent(state.name);
      } else {
        params.set("query", state.text);
        base = config.sparql;
      }
      params.set("format", format);
      var name = (state.kind === "named" ? state.name : "query") + "." + format;
      items.push({label: format.toUpperCase(), href: base + "?" + params.toString(), file: name});
    });
    return items;
  }

  function run(state) {
    var mine = ++generation;
    clearResults();
    setStatus(T.running);
    var request;
    if (state.kind === "named") {
      var params = new URLSearchParams(state.params);
      request = fetch(config.queries + "/" + encodeURIComponent(state.name) + "?" + params.toString(), {
        headers: {Accept: "application/sparql-results+json, application/n-triples;q=0.9"},
      });
    } else {
      request = fetch(config.sparql, {
        method: "POST",
        headers: {
          "Content-Type": "application/x-www-form-urlencoded",
          Accept: "application/sparql-results+json, application/n-triples;q=0.9",
        },
        body: new URLSearchParams({query: state.text}).toString(),
      });
    }
    remember(state);
    return Promise.all([request, namesReady]).then(function (both) {
      var response = both[0];
      return response.text().then(function (body) {
        if (mine !== generation) { return; }
        if (!response.ok) {
          var field = response.headers.get("x-partnergraph-parameter");
          if (!(field && state.kind === "named" && showFieldError(state.name, field, body.trim()))) {
            setStatus(T.error + " " + response.status + ": " + body.trim(), true);
          } else {
            setStatus(T.error + " " + response.status, true);
          }
          return;
        }
        clearFieldErrors();
        var shape = showAnswer(response, body, state);
        addDownloads(downloadsFor(state, shape));
        setStatus("");
      });
    }).catch(function (error) {
      if (mine === generation) { setStatus(T.error + ": " + error.message, true); }
    });
  }

  // A bad value is shown beside the field it came from, where the reader is looking.
  function showFieldError(queryName, field, message) {
    var box = document.getElementById("e-" + queryName + "-" + field);
    var input = document.getElementById("p-" + queryName + "-" + field);
    if (!box) { return false; }
    clearFieldErrors();
    box.textContent = message;
    box.hidden = false;
    if (input) { input.setAttribute("aria-invalid", "true"); input.focus(); }
    return true;
  }

  function clearFieldErrors() {
    document.querySelectorAll(".field-error").forEach(function (box) {
      box.hidden = true;
      box.textContent = "";
    });
    document.querySelectorAll("[aria-invalid]").forEach(function (input) {
      input.removeAttribute("aria-invalid");
    });
  }

  function showNetwork(projection) {
    ++generation;
    clearResults();
    var params = new URLSearchParams({projection: projection});
    if (config.lang !== "da") { params.set("lang", config.lang); }
    showGraphFrame(config.network + (config.network.indexOf("?") < 0 ? "?" : "&") + params.toString());
    tableBox.replaceChildren(el("p", "muted", T["network." + projection + ".text"] || ""));
    selectTab("graph");
    remember({kind: "network", projection: projection});
  }

  // --- the gallery and the editor ------------------------------------------------------------

  function formState(form) {
    var params = {};
    Array.prototype.forEach.call(form.elements, function (input) {
      if (input.name && input.value !== "") { params[input.name] = input.value; }
    });
    return {kind: "named", name: form.getAttribute("data-name"), params: params};
  }

  function showText(name) {
    editor.value = config.library[name];
    shownText = editor.value;
  }

  function markActive(name) {
    document.querySelectorAll("#gallery > li").forEach(function (li) {
      li.classList.toggle("active", li.getAttribute("data-name") === name);
    });
  }

  document.querySelectorAll("form.named").forEach(function (form) {
    var name = form.getAttribute("data-name");
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      showText(name);
      markActive(name);
      run(formState(form));
    });
    form.querySelector(".show-text").addEventListener("click", function () {
      showText(name);
      markActive(name);
      editor.focus();
    });
  });

  document.querySelectorAll("form.projection").forEach(function (form) {
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      markActive(null);
      showNetwork(form.getAttribute("data-projection"));
    });
  });

  function runEditor() {
    if (shownText !== null && editor.value === shownText && current && current.kind === "named") {
      run(current);
      return;
    }
    if (shownText !== null && editor.value !== shownText) {
      markActive(null);
      shownText = null;
    }
    run({kind: "sparql", text: editor.value});
  }

  document.getElementById("run").addEventListener("click", runEditor);
  editor.addEventListener("keydown", function (event) {
    if (event.key === "Enter" && (event.ctrlKey || event.metaKey)) {
      event.preventDefault();
      runEditor();
    }
  });
  editor.addEventListener("input", function () {
    if (shownText !== null && editor.value !== shownText) { setStatus(T.edited); }
  });

  permalink.addEventListener("click", function (event) {
    if (!navigator.clipboard) { return; }
    event.preventDefault();
    navigator.clipboard.writeText(permalink.href).then(function () {
      copied.textContent = T.copied;
      setTimeout(function () { copied.textContent = ""; }, 2500);
    }, function () { location.href = permalink.href; });
  });

  // --- opening a permalink ---------------------------------------------------------------------

  var opened = new URLSearchParams(location.search);
  if (opened.get("name") && config.library[opened.get("name")]) {
    var name = opened.get("name");
    var form = document.querySelector('form.named[data-name="' + CSS.escape(name) + '"]');
    opened.forEach(function (value, key) {
      if (key.indexOf("p.") === 0 && form) {
        var input = form.elements.namedItem(key.slice(2));
        if (input) { input.value = value; }
      }
    });
    if (form) {
      form.closest("details").open = true;
      showText(name);
      markActive(name);
      run(formState(form));
    }
  } else if (opened.get("query")) {
    editor.value = opened.get("query");
    run({kind: "sparql", text: editor.value});
  } else if (opened.get("network")) {
    showNetwork(opened.get("network"));
  }
  window.partnergraphQueryPage = {ready: true};
})();
