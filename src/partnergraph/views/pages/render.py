"""Rendering pages: collected data plus a :class:`~partnergraph.views.pages.links.Links` in, one
complete HTML string out.

Every template is rendered by Jinja2 with autoescaping on, so every label and literal from the
data is escaped wherever it lands (text, attributes). The only markup not written by a template
is the network SVG, which :mod:`partnergraph.views.pages.svg` escapes itself, and the JSON-LD, which
Jinja's ``tojson`` writes with ``<``, ``>``, ``&`` and ``'`` escaped so that no label can end
the ``<script>`` element.

Here: the entity, home, ontology, message and not-found pages. The query library's pages are
:mod:`partnergraph.views.pages.query_pages`; what every page shares is
:mod:`partnergraph.views.pages.frame`.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from markupsafe import Markup
from rdflib import BNode, Literal, URIRef
from rdflib.namespace import DCTERMS, FOAF, OWL, PROV, RDF, SKOS, XSD

from partnergraph.io.formats import graph_format
from partnergraph.query.labels import LABEL_PROPERTIES, Labeller
from partnergraph.rdf.namespaces import PG, compact
from partnergraph.views.pages.frame import common, render
from partnergraph.views.pages.links import DOWNLOADS, Links
from partnergraph.views.pages.model import EntityData, HomeData, document_iri
from partnergraph.views.pages.ontology import OntologyDoc
from partnergraph.views.pages.schema import schema_jsonld
from partnergraph.views.pages.svg import network_svg
from partnergraph.views.pages.vocab import (
    INVERSE_LABELS,
    LANGUAGES,
    PREDICATE_LABELS,
    PREDICATE_ORDER,
    TYPE_LABELS,
    text,
)

__all__ = [
    "render_entity",
    "render_home",
    "render_message",
    "render_not_found",
    "render_ontology",
]

# ---------------------------------------------------------------------------------------------
# Naming terms
# ---------------------------------------------------------------------------------------------


def _format_name(fmt: str) -> str:
    """A graph format's name as people know it ("Turtle", "JSON-LD"): pyoxigraph's."""
    known = graph_format(fmt).oxigraph
    return known.name if known is not None else fmt


def _term_label(
    table: Mapping[str, Mapping[str, str]], term: object, lang: str, labeller: Labeller | None
) -> str:
    """The pages' own word for a standard term, else the data's label, else the compact IRI."""
    words = table.get(str(term))
    if words is not None:
        return words[lang]
    if labeller is not None and isinstance(term, URIRef):
        return labeller(term, lang)
    return compact(str(term))


def predicate_label(p: object, lang: str, labeller: Labeller | None = None) -> str:
    return _term_label(PREDICATE_LABELS, p, lang, labeller)


def inverse_label(p: object, lang: str, labeller: Labeller | None = None) -> str:
    table = INVERSE_LABELS.get(str(p))
    if table is not None:
        return table[lang]
    return "← " + predicate_label(p, lang, labeller)


def type_label(t: object, lang: str, labeller: Labeller | None = None) -> str:
    return _term_label(TYPE_LABELS, t, lang, labeller)


# ---------------------------------------------------------------------------------------------
# Entity pages
# ---------------------------------------------------------------------------------------------


@dataclass
class Value:
    """One value of a property as the page shows it."""

    kind: str
    """``link`` (a page of the dataset), ``iri`` (shown as text), ``literal`` or ``blank``."""
    text: str
    href: str | None = None
    iri: str | None = None
    lang: str | None = None
    datatype: str | None = None
    rows: list[Row] = field(default_factory=list)


@dataclass
class Row:
    """A property and its values."""

    iri: str
    label: str
    compact: str
    href: str | None
    values: list[Value]


_HIDDEN = {
    str(RDF.type),
    *(str(p) for p in LABEL_PROPERTIES),
    str(SKOS.altLabel),
    str(DCTERMS.source),
    str(PG.sourceText),
}
_PLUMBING = {str(t) for t in (FOAF.Agent, PROV.Agent, PROV.Entity, PROV.Activity, OWL.Thing)}
"""Alignment types every consumer may rely on, but no reader needs to see as a badge."""
_LEAD = (SKOS.definition, DCTERMS.description, PG.purpose)


def _value(node: Any, data: EntityData, links: Links, lang: str, depth: int = 0) -> Value:
    if isinstance(node, Literal):
        datatype = None
        if node.datatype is not None and node.datatype != XSD.string:
            datatype = compact(str(node.datatype))
        return Value("literal", str(node), lang=node.language, datatype=datatype)
    if isinstance(node, BNode):
        rows = _rows(data.blank(node), data, links, lang, depth + 1) if depth < 3 else []
        return Value("blank", "", rows=rows)
    iri = str(node)
    label = data.labeller(node, lang)
    href = links.entity(iri)
    if href is not None:
        return Value("link", label, href=href, iri=iri)
    return Value("iri", label, iri=iri)


def _value_order(value: Value, lang: str) -> tuple[int, str]:
    if value.kind == "literal":
        rank = 0 if value.lang in (lang, None) else 1
        return (rank, value.text.casefold())
    return (0, value.text.casefold())


def _predicate_rank(p: str, label: str) -> tuple[int, str]:
    if p in PREDICATE_ORDER:
        return (PREDICATE_ORDER.index(p), "")
    return (len(PREDICATE_ORDER), label.casefold())


def _rows(
    pairs: Sequence[tuple[URIRef, Any]],
    data: EntityData,
    links: Links,
    lang: str,
    depth: int = 0,
    *,
    skip: Callable[[URIRef, Any], bool] | None = None,
) -> list[Row]:
    grouped: dict[URIRef, list[Value]] = {}
    for p, o in pairs:
        if skip is not None and skip(p, o):
            continue
        if depth and p == RDF.type:
            continue
        grouped.setdefault(p, []).append(_value(o, data, links, lang, depth))
    rows = []
    for p, values in grouped.items():
        label = predicate_label(p, lang, data.labeller)
        values.sort(key=lambda v: _value_order(v, lang))
        rows.append(Row(str(p), label, compact(str(p)), links.entity(p), values))
    rows.sort(key=lambda r: _predicate_rank(r.iri, r.label))
    return rows


def _pick(literals: Sequence[Literal], lang: str) -> Literal | None:
    for wanted in (lang, "en", "da", ""):
        for value in sorted(literals):
            if (value.language or "") == wanted:
                return value
    return None


def render_entity(
    data: EntityData,
    links: Links,
    *,
    lang: str = "da",
    site_name: Mapping[str, str] | None = None,
    status: str = "",
) -> str:
    """The page of one entity: names, types, facts, links in, the network around it, its
    source, where its data is, and schema.org JSON-LD. ``status`` is its status as of a day
    (:func:`partnergraph.views.pages.needs.status_lines`), shown under the title."""
    context = common(links, lang, "entity", site_name)
    graph = data.graph
    me = data.iri
    title = data.labeller(me, lang)
    lead_literal = None
    for prop in _LEAD:
        lead_literal = _pick([o for o in graph.objects(me, prop) if isinstance(o, Literal)], lang)
        if lead_literal is not None:
            break

    def skip(p: URIRef, o: Any) -> bool:
        return str(p) in _HIDDEN or (lead_literal is not None and o == lead_literal)

    facts = _rows(data.outgoing(), data, links, lang, skip=skip)
    names: list[Value] = []
    for prop in (*LABEL_PROPERTIES, SKOS.altLabel):
        for o in sorted(o for o in graph.objects(me, prop) if isinstance(o, Literal)):
            if isinstance(o, Literal):
                names.append(
                    Value("literal", str(o), lang=o.language, iri=predicate_label(prop, lang))
                )
    names.sort(key=lambda v: (v.lang != lang, v.lang or "~", v.iri != "navn", v.text))
    types: list[Value] = []
    for t in data.types:
        if str(t) in _PLUMBING:
            continue
        shown = type_label(t, lang, data.labeller)
        if any(v.text == shown for v in types):
            continue
        types.append(Value("link" if links.entity(t) else "iri", shown, links.entity(t), str(t)))
    types.sort(key=lambda v: (v.href is None, v.text.casefold()))
    incoming: dict[URIRef, list[Value]] = {}
    for p, s in data.incoming():
        if p == RDF.type:
            continue
        incoming.setdefault(p, []).append(_value(s, data, links, lang))
    links_in = []
    for p, values in incoming.items():
        values.sort(key=lambda v: v.text.casefold())
        links_in.append(
            Row(str(p), inverse_label(p, lang, data.labeller), compact(str(p)), None, values)
        )
    links_in.sort(key=lambda r: r.label.casefold())
    sources = [
        _value(s, data, links, lang)
        for s in sorted(s for s in graph.objects(me, DCTERMS.source) if isinstance(s, URIRef))
    ]
    quotes = sorted(
        (o for o in graph.objects(me, PG.sourceText) if isinstance(o, Literal)),
        key=lambda q: (q.language != lang, str(q)),
    )
    svg, legend, left_out = network_svg(
        data.network,
        str(me),
        lang,
        links.entity,
        relation_name=lambda p: predicate_label(p, lang, data.labeller),
        title=f"{text(lang, 'network')} {title}",
    )
    local = links.local(me)
    formats = []
    if local is not None:
        formats = [("html", links.doc(local, "html"), "text/html")] + [
            (fmt, links.doc(local, fmt), graph_format(fmt).media_type) for fmt in ("ttl", "jsonld")
        ]
    context.update(
        title=title,
        iri=str(me),
        doc_iri=document_iri(str(me), data.base),
        kind=data.kind,
        lead=(
            Value("literal", str(lead_literal), lang=lead_literal.language)
            if lead_literal is not None
            else None
        ),
        names=names,
        types=types,
        facts=facts,
        links_in=links_in,
        sources=sources,
        quotes=[Value("literal", str(q), lang=q.language) for q in quotes],
        svg=Markup(svg),
        legend=legend,
        left_out=left_out,
        network_href=links.network_view(),
        formats=formats,
        jsonld=schema_jsonld(data, lang),
        alternates=[(fmt, href, mt) for fmt, href, mt in formats if fmt != "html"],
        status_line=status,
    )
    return render("entity.html", **context)


# ---------------------------------------------------------------------------------------------
# The home page
# ---------------------------------------------------------------------------------------------


def render_home(
    home: HomeData,
    links: Links,
    *,
    lang: str = "da",
    site_name: Mapping[str, str] | None = None,
    needs: Any = None,
    changes_href: str | None = None,
) -> str:
    """What the dataset is, its numbers, its partnerships and organisations, and where to go;
    ``needs`` (a :class:`~partnergraph.views.pages.needs.NeedsView`) opens it with what needs
    action."""
    context = common(links, lang, "home", site_name)
    label = home.labeller

    def item(node: URIRef) -> Value:
        href = links.entity(node)
        return Value("link" if href else "iri", label(node, lang), href=href, iri=str(node))

    groups = []
    for key in ("formal", "strategic", "other"):
        members = [item(p) for p, kind in home.partnerships if kind == key]
        if members:
            groups.append((text(lang, key), members))
    downloads = [
        (fmt, _format_name(fmt), links.download(fmt))
        for fmt in DOWNLOADS
        if links.download(fmt) is not None
    ]
    counts = [(home.counts.get(k, 0), text(lang, f"count.{k}")) for k in home.counts]
    example = home.example
    context.update(
        title=home.title(lang) or text(lang, "home.title"),
        description=home.description(lang),
        counts=counts,
        triples=home.triples,
        entities=home.entities,
        groups=groups,
        organisations=[item(o) for o in home.organisations],
        agreements=[item(a) for a in home.agreements],
        publisher=item(home.publisher) if home.publisher is not None else None,
        derived=item(home.derived_from) if home.derived_from is not None else None,
        dataset=item(home.dataset) if home.dataset is not None else None,
        dataset_licence=home.licence,
        keywords=home.keywords.get(lang, []),
        downloads=downloads,
        description_href=links.dataset_description(),
        endpoint=links.sparql_endpoint(),
        things=links.base + "id/",
        docs=links.base + "doc/",
        example=str(example) if example is not None else None,
        example_doc=document_iri(str(example), links.base) if example is not None else None,
        example_href=links.entity(example) if example is not None else None,
        needs=needs,
        changes_href=changes_href,
    )
    return render("home.html", **context)


# ---------------------------------------------------------------------------------------------
# The ontology
# ---------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class TermRef:
    text: str
    href: str | None
    iri: str


def render_ontology(
    doc: OntologyDoc,
    links: Links,
    *,
    lang: str = "da",
    site_name: Mapping[str, str] | None = None,
) -> str:
    """Every class and property with labels, comments, domain, range and super terms."""
    context = common(links, lang, "ontology", site_name)

    def ref(iri: str) -> TermRef:
        term = doc.term(iri)
        name = compact(iri)
        if term is not None:
            return TermRef(term.label(lang), f"#{term.local}", iri)
        table = TYPE_LABELS.get(iri) or PREDICATE_LABELS.get(iri)
        shown = f"{name} ({table[lang]})" if table is not None and ":" in name else name
        return TermRef(shown, None, iri)

    context.update(
        title=doc.title(lang),
        doc=doc,
        ref=ref,
        kind_names={
            "class": text(lang, "ontology.class"),
            "object": text(lang, "ontology.object"),
            "datatype": text(lang, "ontology.datatype"),
            "annotation": text(lang, "ontology.annotation"),
            "property": text(lang, "ontology.property"),
        },
        other_langs=[x for x in LANGUAGES if x != lang],
    )
    return render("ontology.html", **context)


def render_message(
    title: str,
    message: str,
    links: Links,
    *,
    lang: str = "da",
    choices: Sequence[tuple[str, str, str]] = (),
    site_name: Mapping[str, str] | None = None,
) -> str:
    """A page that says one thing (an error, a question): ``choices`` are links to offer, as
    ``(href, label, detail)``, e.g. the things an ambiguous name may mean."""
    context = common(links, lang, "", site_name)
    context.update(title=title, message=message, choices=list(choices))
    return render("message.html", **context)


def render_not_found(
    iri: str, links: Links, *, lang: str = "da", site_name: Mapping[str, str] | None = None
) -> str:
    context = common(links, lang, "", site_name)
    context.update(title=text(lang, "notfound.title"), iri=iri)
    return render("not_found.html", **context)
