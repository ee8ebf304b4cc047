"""The query library's pages: every named query with its answer (the site), and the page
that runs one (the server), as tables of labelled, linked cells."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from rdflib import Literal, URIRef

from partnergraph.io.results import AskResult, GraphResult, SelectResult
from partnergraph.query.labels import Labeller
from partnergraph.query.library import NamedQuery
from partnergraph.rdf.namespaces import PREFIXES, compact
from partnergraph.views.pages.frame import common, render
from partnergraph.views.pages.links import Links
from partnergraph.views.pages.model import QueryRun
from partnergraph.views.pages.vocab import TEXT, text

__all__ = ["Cell", "render_queries", "render_query_page"]


@dataclass(frozen=True)
class Cell:
    text: str
    href: str | None = None
    lang: str | None = None
    sort: str = ""


def _cell(
    node: Any,
    links: Links,
    labeller: Labeller | None,
    lang: str,
    names: Mapping[str, str] | None = None,
) -> Cell:
    if node is None:
        return Cell("")
    if isinstance(node, URIRef):
        shown = labeller(node, lang) if labeller is not None else compact(str(node))
        return Cell(shown, links.entity(node), None, shown.casefold())
    if isinstance(node, Literal):
        value = str(node)
        # A name that belongs to one thing links to it (answers hold names, not IRIs).
        owner = (names or {}).get(value) if node.datatype is None else None
        href = links.entity(URIRef(owner)) if owner else None
        # The tables sort with a numeric-aware collator: "9" before "10" as it is.
        return Cell(value, href, node.language, value.casefold())
    return Cell(f"_:{node}")


def _table(
    result: Any,
    links: Links,
    labeller: Labeller | None,
    lang: str,
    names: Mapping[str, str] | None = None,
) -> tuple[list[str], list[list[Cell]]] | None:
    if isinstance(result, SelectResult):
        return (
            list(result.variables),
            [[_cell(c, links, labeller, lang, names) for c in row] for row in result.rows],
        )
    if isinstance(result, GraphResult):
        triples = sorted(result.graph, key=lambda t: tuple(str(x) for x in t))
        return (
            ["subject", "predicate", "object"],
            [[_cell(x, links, labeller, lang) for x in triple] for triple in triples],
        )
    return None


@dataclass
class QueryView:
    name: str
    title: str
    description: str
    form: str
    parameters: list[dict[str, str]]
    text: str
    columns: list[str] = field(default_factory=list)
    rows: list[list[Cell]] = field(default_factory=list)
    answer: str | None = None
    note: str | None = None
    has_result: bool = False
    run_href: str | None = None


def _shown_default(kind: str, default: str | None) -> str:
    """A date defaulting to ``today`` shows as today's date, so the form holds a real date."""
    if kind == "date" and default == "today":
        import datetime as dt

        return dt.date.today().isoformat()
    return default or ""


def _parameters(
    query: NamedQuery,
    lang: str,
    choices: Mapping[str, Sequence[tuple[str, str]]] | None = None,
) -> list[dict[str, Any]]:
    """The form fields of a query; an entity parameter whose class has ``choices`` (value,
    label) becomes a drop-down of them instead of a box to type an IRI into."""
    return [
        {
            "name": p.name,
            "label": p.label(lang),
            "type": p.type,
            "type_label": text(lang, f"type.{p.type}"),
            "default": _shown_default(p.type, p.default),
            "required": "1" if p.required else "",
            "description": p.help(lang),
            "choices": list((choices or {}).get(p.cls or "", ())) if p.type == "entity" else [],
        }
        for p in query.parameters
    ]


def render_queries(
    runs: Sequence[QueryRun],
    links: Links,
    *,
    lang: str = "da",
    labeller: Labeller | None = None,
    site_name: Mapping[str, str] | None = None,
    names: Mapping[str, str] | None = None,
) -> str:
    """Each named query: title, description, parameters, SPARQL text and (when it was run)
    its answer as a sortable table, whose names link to their things' pages when ``names``
    (name → IRI, see :func:`partnergraph.query.names.unique_names`) says which thing they name."""
    context = common(links, lang, "queries", site_name)
    views = []
    for run in runs:
        query = run.query
        view = QueryView(
            query.name,
            query.title(lang),
            query.description(lang),
            query.form,
            _parameters(query, lang),
            query.body,
            run_href=links.run_query(query.name),
        )
        if run.result is not None:
            view.has_result = True
            if isinstance(run.result, AskResult):
                view.answer = text(lang, "queries.yes" if run.result.value else "queries.no")
            else:
                table = _table(run.result, links, labeller, lang, names)
                if table is not None:
                    titles = query.column_titles(lang)
                    view.columns = [titles.get(c, c) for c in table[0]]
                    view.rows = table[1]
        if run.example is not None:
            parameter, value = run.example
            shown = labeller(URIRef(value), lang) if labeller is not None else value
            view.note = text(lang, "queries.example", param=parameter, value=shown)
        elif run.missing is not None:
            view.note = text(lang, "queries.noresult", param=run.missing)
        views.append(view)
    context.update(title=text(lang, "queries.title"), queries=views)
    return render("queries.html", **context)


# ---------------------------------------------------------------------------------------------
# The interactive query page (server)
# ---------------------------------------------------------------------------------------------


def render_query_page(
    queries: Sequence[NamedQuery],
    links: Links,
    *,
    lang: str = "da",
    site_name: Mapping[str, str] | None = None,
    things: str | None = None,
    projections: Sequence[str] = ("collaboration", "actors", "themes"),
    choices: Mapping[str, Sequence[tuple[str, str]]] | None = None,
) -> str:
    """The server's query page: an editor, the library as a gallery with a form per query,
    results with sorting, downloads, a graph view and a permalink (see ``assets/query.js``)."""
    context = common(links, lang, "query", site_name)
    strings = {k[3:]: text(lang, k) for k in TEXT[lang] if k.startswith("qp.")}
    gallery = [
        {
            "name": q.name,
            "title": q.title(lang),
            "description": q.description(lang),
            "form": q.form,
            "parameters": _parameters(q, lang, choices),
            "text": q.body,
            "columns": q.column_titles(lang),
        }
        for q in queries
    ]
    marker = "__local__"
    prefix, _, suffix = links.doc(marker, lang=lang).partition(marker)
    config = {
        "lang": lang,
        "sparql": links.sparql_endpoint() or "/sparql",
        "queries": (links.sparql_endpoint() or "/sparql").rsplit("/", 1)[0] + "/api/queries",
        "network": links.page("network", lang) or "/network",
        "things": things or links.base + "id/",
        "docPrefix": prefix,
        "docSuffix": suffix,
        "text": strings,
        "library": {q["name"]: q["text"] for q in gallery},
        "columns": {q["name"]: q["columns"] for q in gallery},
        "names": (links.sparql_endpoint() or "/sparql").rsplit("/", 1)[0] + "/api/names",
        "prefixes": dict(PREFIXES),
    }
    context.update(
        title=text(lang, "qp.title"),
        gallery=gallery,
        projections=[
            (p, text(lang, f"qp.network.{p}"), text(lang, f"qp.network.{p}.text"))
            for p in projections
        ],
        config=config,
    )
    return render("query_page.html", **context)
