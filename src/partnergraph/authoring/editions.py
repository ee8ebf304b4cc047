"""Editions: a new overview (memo or workbook) is a new dataset that replaces the previous one.

The facts of each edition keep citing their own source; what ties the editions together is a
small DCAT description of the new dataset: ``dcterms:replaces`` the previous dataset,
``dcterms:issued`` the day the edition was made, ``prov:wasDerivedFrom`` the sources its facts
cite. :func:`partnergraph.diff.diff` then says what changed from one to the next. The
description keeps to DCAT-AP 3 (tests/test_dcat_ap.py checks it with the official shapes): a
description, the publisher as a named ``foaf:Agent``, languages as EU authority IRIs, the
licence as a ``dcterms:LicenseDocument``; its sources are ``prov:wasDerivedFrom``, since
DCAT-AP keeps ``dcterms:source`` for datasets.
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import DCAT, DCTERMS, FOAF, PROV, RDF, SKOS, VOID, XSD
from rdflib.term import Node

from partnergraph.core.errors import ParameterError
from partnergraph.io.output import write_atomic
from partnergraph.rdf.namespaces import BASE, EU_LANGUAGES, PREFIXES, bind_prefixes

__all__ = ["edition_description", "expand_iri", "write_edition"]

_SLUG = re.compile(r"[^a-z0-9]+")


def expand_iri(text: str) -> URIRef:
    """An IRI from ``https://...`` or a prefixed name such as ``pgid:dataset-norddjurs``."""
    text = text.strip()
    if text.startswith(("https://", "http://", "urn:")):
        return URIRef(text)
    prefix, sep, local = text.partition(":")
    if sep and prefix in PREFIXES:
        return URIRef(PREFIXES[prefix] + local)
    raise ParameterError(
        f"--replaces {text!r} is not an IRI: give https://... or a prefixed name such as "
        "pgid:dataset-norddjurs"
    )


def edition_description(
    facts: Graph,
    name: str,
    *,
    replaces: str | None = None,
    issued: dt.date | None = None,
    title: str | None = None,
    namespace: str | None = None,
    license: str | None = None,
) -> Graph:
    """The DCAT description of a new edition called ``name`` (its dataset IRI is
    ``pgid:dataset-<name>``), derived from the sources ``facts`` cite.

    A dataset that replaces none and is given no date is described as undated, not as made
    today; its publisher is whoever publishes the sources it cites; its namespace
    (``void:uriSpace``) is where its ids were minted (see :mod:`partnergraph.datasets`).
    """
    slug = _SLUG.sub("-", name.lower()).strip("-") or "edition"
    dataset = URIRef(f"{BASE}id/dataset-{slug}")
    graph = Graph()
    bind_prefixes(graph)
    graph.add((dataset, RDF.type, DCAT.Dataset))
    graph.add((dataset, RDF.type, VOID.Dataset))
    graph.add((dataset, SKOS.prefLabel, Literal(title or name, lang="da")))
    graph.add((dataset, DCTERMS.title, Literal(title or name, lang="da")))
    for text, language in (
        (
            f"{title or name}: indlæst med partnergraph import; hvert faktum angiver sin kilde.",
            "da",
        ),
        (
            f"{title or name}: imported with partnergraph import; every fact names its source.",
            "en",
        ),
    ):
        graph.add((dataset, DCTERMS.description, Literal(text, lang=language)))
    tags = {o.language for o in facts.objects() if isinstance(o, Literal) and o.language}
    for tag in sorted(tags & EU_LANGUAGES.keys()):
        graph.add((dataset, DCTERMS.language, EU_LANGUAGES[tag]))
    day = issued or (dt.date.today() if replaces else None)
    if day is not None:
        graph.add((dataset, DCTERMS.issued, Literal(day.isoformat(), datatype=XSD.date)))
    else:
        for text, language in (
            ("Udateret: ingen dato angivet.", "da"),
            ("Undated: no date was given.", "en"),
        ):
            graph.add((dataset, SKOS.editorialNote, Literal(text, lang=language)))
    if namespace:
        graph.add((dataset, VOID.uriSpace, Literal(namespace)))
    if license:
        graph.add((dataset, DCTERMS.license, URIRef(license)))
        graph.add((URIRef(license), RDF.type, DCTERMS.LicenseDocument))
    else:
        graph.add((dataset, SKOS.editorialNote, Literal("Licens ikke angivet.", lang="da")))
        graph.add((dataset, SKOS.editorialNote, Literal("No licence was stated.", lang="en")))
    sources = sorted({o for o in facts.objects(None, DCTERMS.source) if isinstance(o, URIRef)})
    for source in sources:
        for publisher in facts.objects(source, DCTERMS.publisher):
            graph.add((dataset, DCTERMS.publisher, publisher))
            _name_agent(graph, facts, publisher)
    if replaces:
        graph.add((dataset, DCTERMS.replaces, expand_iri(replaces)))
    for source in sources:
        graph.add((dataset, PROV.wasDerivedFrom, source))
    return graph


def _name_agent(graph: Graph, facts: Graph, agent: Node) -> None:
    """DCAT-AP wants the publisher named (``foaf:name``): the names the facts give it."""
    graph.add((agent, RDF.type, FOAF.Agent))
    for name in facts.objects(agent, SKOS.prefLabel):
        graph.add((agent, FOAF.name, name))


def write_edition(
    facts_file: Path,
    *,
    replaces: str | None = None,
    issued: dt.date | None = None,
    title: str | None = None,
    namespace: str | None = None,
    license: str | None = None,
) -> Path:
    """Write ``<facts>-dataset.ttl`` beside an imported facts file, describing it as an edition
    that replaces ``replaces``. Returns the path written (atomically)."""
    facts = Graph().parse(facts_file, format="turtle")
    stem = facts_file.stem
    graph = edition_description(
        facts,
        stem,
        replaces=replaces,
        issued=issued,
        title=title,
        namespace=namespace,
        license=license,
    )
    target = facts_file.with_name(f"{stem}-dataset.ttl")
    header = (
        f"# The edition {stem}: a dataset that replaces the previous one, written by "
        "partnergraph import.\n\n"
        if replaces
        else f"# The dataset {stem}: its DCAT description, written by partnergraph import.\n\n"
    )
    write_atomic(target, header + graph.serialize(format="turtle"))
    return target
