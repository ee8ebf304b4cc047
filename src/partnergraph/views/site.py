"""A static linked-data website of the graph: ``partnergraph site --output DIR``.

:func:`build_site` writes a folder that works from ``file://`` and from any static host
(GitHub Pages, a municipal web server, a USB stick): every link is relative and nothing is
fetched from anywhere else. Layout (``lang`` at the root, the other language under its code)::

    index.html              home: what the dataset is, counts, partnerships, organisations
    doc/<local>.html        one page per entity (every subject IRI under .../id/)
    doc/<local>.ttl         its description in Turtle  } the entity's triples, links to it
    doc/<local>.jsonld      its description in JSON-LD } and labels of what it links to
    ontology.html           the ontology's classes and properties (+ ontology.ttl, .jsonld)
    queries.html            every named query, its SPARQL and its answer
    network.html            the interactive collaboration network (partnergraph.views.network_page)
    en/...                  the same pages in English (or da/... when lang="en")
    dataset.ttl             DCAT/VoID description with distributions pointing at downloads/
    downloads/partnergraph.ttl, .jsonld, .nt, .trig   the whole graph
    assets/site.css, sort.js
    .nojekyll, partnergraph-site.json (the manifest that marks the folder as a site)

The site is built in a temporary folder beside ``output`` and renamed into place at the end,
so a failure never leaves half a site. An existing ``output`` is replaced only when it is
empty or a site written before (it has the manifest); anything else is refused.
"""

from __future__ import annotations

import datetime as dt
import json
import time
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from rdflib import Literal, URIRef
from rdflib.namespace import DCAT, VOID, XSD

from partnergraph.core.errors import OutputError, ParameterError
from partnergraph.core.messages import check_language, t
from partnergraph.core.version import __version__
from partnergraph.io.formats import graph_format
from partnergraph.io.output import replace_folder
from partnergraph.io.serialize import serialize_graph
from partnergraph.network.projections import build
from partnergraph.query.dcat import (
    add_catalogue,
    add_downloads,
    add_terms,
    add_unnamed_dataset,
    dataset_descriptions,
)
from partnergraph.query.diff import diff
from partnergraph.query.names import unique_names
from partnergraph.rdf.dates import as_of_date
from partnergraph.rdf.namespaces import BASE
from partnergraph.views.pages import (
    StaticLinks,
    asset,
    collect_entity,
    collect_home,
    list_entities,
    load_ontology,
    local_name,
    render_entity,
    render_home,
    render_ontology,
    render_queries,
    run_library,
)
from partnergraph.views.pages.links import DOWNLOADS as DOWNLOAD_FORMATS
from partnergraph.views.pages.needs import collect_needs, render_changes, status_lines
from partnergraph.views.pages.timeline import render_timeline
from partnergraph.views.pages.vocab import other_language, text

if TYPE_CHECKING:
    from partnergraph.query.knowledge import Knowledge

__all__ = ["DOWNLOADS", "MANIFEST", "SiteReport", "build_site"]

MANIFEST = "partnergraph-site.json"
"""The file that marks a folder as a site written by :func:`build_site`."""

DOWNLOADS: tuple[tuple[str, str], ...] = tuple(
    (fmt, graph_format(fmt).media_type) for fmt in DOWNLOAD_FORMATS
)
"""Formats of the whole graph under ``downloads/`` and their media types."""

_STATIC_ASSETS = ("site.css", "sort.js")
_PLACEHOLDER = "https://partnergraph.invalid/site/"
_LICENCE = URIRef("https://creativecommons.org/licenses/by/4.0/")


@dataclass(frozen=True)
class SiteReport:
    """What :func:`build_site` wrote."""

    output: Path
    entities: int
    """Entities with a page (in each language)."""
    pages: int
    """HTML pages written, all languages."""
    files: int
    """Files written in all."""
    languages: tuple[str, ...]
    skipped: tuple[str, ...]
    """Subject IRIs under ``.../id/`` that cannot name a file (``..`` segments and the like)."""
    seconds: float

    def summary(self) -> str:

        return t(
            "site.wrote",
            pages=self.pages,
            entities=self.entities,
            languages=", ".join(self.languages),
            files=self.files - self.pages,
            output=self.output,
            seconds=f"{self.seconds:.1f}",
        )


def build_site(
    kg: Knowledge,
    output: Path,
    *,
    lang: str = "da",
    base_url: str | None = None,
    as_of: dt.date | str | None = None,
    previous: Knowledge | None = None,
) -> SiteReport:
    """Write the static site of ``kg`` to ``output`` (see the module docstring).

    ``lang`` is the language at the root (``da`` or ``en``); the other one goes under its
    code. ``base_url`` is where the site will be published (``https://example.org/partners/``):
    it makes the DCAT download URLs absolute and adds a ``sitemap.xml``; without it they are
    relative to ``dataset.ttl``. ``as_of`` (default today) is the day of the home page's
    "kræver handling" list. With ``previous`` (the previous edition) the site gets an
    "Ændringer" page, ``changes.html``, linked from the home page.
    """
    started = time.monotonic()
    day = as_of_date(as_of)
    check_language(lang)
    if base_url is not None:
        if not base_url.startswith(("https://", "http://")):
            raise ParameterError.of("site.baseurl", value=base_url)
        if not base_url.endswith("/"):
            base_url += "/"
    output = Path(output)
    _check_output(output)
    with replace_folder(output) as folder:
        writer = _Writer(folder)
        entities, skipped = _write_site(kg, writer, lang, base_url, day, previous)
        writer.write(MANIFEST, _manifest(lang, writer.count + 1))
    return SiteReport(
        output=output,
        entities=entities,
        pages=writer.pages,
        files=writer.count + 1,
        languages=(lang, other_language(lang)),
        skipped=tuple(skipped),
        seconds=time.monotonic() - started,
    )


# ---------------------------------------------------------------------------------------------
# Writing
# ---------------------------------------------------------------------------------------------


class _Writer:
    def __init__(self, root: Path) -> None:
        self.root = root
        self.count = 0
        self.pages = 0
        self.paths: list[str] = []

    def write(self, relative: str, content: str | bytes) -> None:
        target = self.root / relative
        target.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            target.write_bytes(content)
        else:
            with target.open("w", encoding="utf-8", newline="") as handle:
                handle.write(content)
        self.count += 1
        self.paths.append(relative)
        if relative.endswith(".html"):
            self.pages += 1


def _check_output(output: Path) -> None:
    if output.exists() and not output.is_dir():
        raise OutputError.of("site.notfolder", path=output)
    if output.is_dir() and any(output.iterdir()) and not (output / MANIFEST).is_file():
        raise OutputError.of("site.notsite", path=output, manifest=MANIFEST)


def _manifest(lang: str, files: int) -> str:
    return (
        json.dumps(
            {
                "generator": "partnergraph",
                "version": __version__,
                "kind": "static linked-data site",
                "languages": [lang, other_language(lang)],
                "files": files,
            },
            indent=2,
        )
        + "\n"
    )


def _write_site(
    kg: Knowledge,
    writer: _Writer,
    lang: str,
    base_url: str | None,
    as_of: dt.date,
    previous: Knowledge | None = None,
) -> tuple[int, list[str]]:
    # late: pyvis loads only when the site draws its network page
    from partnergraph.views.network_page import render_html

    store = kg.store
    languages = (lang, other_language(lang))
    subjects = list_entities(store)
    skipped = _unnameable(kg)
    network = build(kg, "collaboration", lang)
    home = collect_home(store, triples=len(kg), entities=len(subjects))
    names = home.names or home.titles

    for name in _STATIC_ASSETS:
        writer.write(f"assets/{name}", asset(name).read_bytes())
    writer.write(".nojekyll", "")

    # Entity pages and their data documents; agreements and decisions say their status.
    statuses = {page_lang: status_lines(store, as_of, page_lang) for page_lang in languages}
    for iri in subjects:
        local = local_name(str(iri))
        assert local is not None
        data = collect_entity(store, str(iri), network=network)
        for page_lang in languages:
            links = StaticLinks(f"doc/{local}.html", page_lang, primary=lang)
            status = statuses[page_lang].get(str(iri), "")
            page = render_entity(data, links, lang=page_lang, site_name=names, status=status)
            writer.write(links.here, page)
        writer.write(f"doc/{local}.ttl", serialize_graph(data.graph, "ttl"))
        writer.write(f"doc/{local}.jsonld", serialize_graph(data.graph, "jsonld"))

    # The home page, the ontology, the query library and the network, in both languages.
    ontology = load_ontology()
    examples = _examples(home)
    for page_lang in languages:
        links = StaticLinks("index.html", page_lang, primary=lang)
        needs = collect_needs(store, as_of, page_lang, links)
        changes_href = links.page("changes") if previous is not None else None
        home_page = render_home(
            home, links, lang=page_lang, site_name=names, needs=needs, changes_href=changes_href
        )
        writer.write(links.here, home_page)
        links = StaticLinks("timeline.html", page_lang, primary=lang)
        writer.write(
            links.here,
            render_timeline(store, links, as_of=as_of, lang=page_lang, site_name=names),
        )
        if previous is not None:
            links = StaticLinks("changes.html", page_lang, primary=lang)
            changes = diff(previous, kg, lang=page_lang)
            writer.write(
                links.here, render_changes(changes, links, lang=page_lang, site_name=names)
            )
        links = StaticLinks("ontology.html", page_lang, primary=lang)
        writer.write(links.here, render_ontology(ontology, links, lang=page_lang, site_name=names))
        links = StaticLinks("queries.html", page_lang, primary=lang)
        runs = run_library(kg, kg.queries(), page_lang, examples)
        writer.write(
            links.here,
            render_queries(
                runs,
                links,
                lang=page_lang,
                labeller=home.labeller,
                site_name=names,
                names=unique_names(store, page_lang),
            ),
        )
        title = f"{names.get(page_lang) or 'partnergraph'} · {text(page_lang, 'nav.network')}"
        links = StaticLinks("network.html", page_lang, primary=lang)
        writer.write(links.here, render_html(network, lang=page_lang, title=title))
    writer.write("ontology.ttl", ontology.text)
    writer.write("ontology.jsonld", serialize_graph(ontology.graph, "jsonld"))

    # The whole graph, and the dataset's description pointing at it.
    for fmt, _ in DOWNLOADS:
        writer.write(f"downloads/partnergraph.{fmt}", kg.export(fmt))
    writer.write(
        "dataset.ttl", _dataset_description(kg, home.dataset, base_url, len(subjects), home)
    )
    if base_url is not None:
        writer.write("sitemap.xml", _sitemap(base_url, writer.paths))
    return len(subjects), skipped


def _unnameable(kg: Knowledge) -> list[str]:
    """Subjects under ``.../id/`` that cannot name a page (reported, never written)."""
    things = Literal(BASE + "id/")
    result = kg.store.run(
        "SELECT DISTINCT ?s WHERE { ?s ?p ?o FILTER(isIRI(?s) && "
        f"STRSTARTS(STR(?s), {things.n3()})) }}"
    )
    rows = getattr(result, "rows", [])
    return sorted(str(s) for (s,) in rows if s is not None and local_name(str(s)) is None)


def _examples(home: Any) -> dict[str, str]:
    """Values for required parameters of the library, so every query shows an answer."""
    examples: dict[str, str] = {}
    if home.example is not None:
        examples["entity:pg:Partnership"] = str(home.example)
    return examples


def _dataset_description(
    kg: Knowledge, dataset: URIRef | None, base_url: str | None, entities: int, home: Any
) -> str:
    """DCAT/VoID: the datasets as the data describes them (DCAT-AP 3, see
    :mod:`partnergraph.query.dcat`) in a catalogue, plus this site's distributions."""
    site = base_url or _PLACEHOLDER
    graph = dataset_descriptions(kg.store)
    graph.bind("void", VOID)
    subject = dataset or URIRef(site + "dataset.ttl#dataset")
    if dataset is None:
        add_unnamed_dataset(graph, subject)
    # Real addresses: this site's downloads/ (relative to dataset.ttl without a base URL).
    add_downloads(
        graph,
        subject,
        [(fmt, media, URIRef(f"{site}downloads/partnergraph.{fmt}")) for fmt, media in DOWNLOADS],
        access=URIRef(site + "index.html"),
        new_iri=f"{site}dataset.ttl#download-",
        licence=_LICENCE,
    )
    graph.add((subject, DCAT.landingPage, URIRef(site + "index.html")))
    graph.add((subject, VOID.triples, Literal(len(kg), datatype=XSD.integer)))
    graph.add((subject, VOID.entities, Literal(entities, datatype=XSD.integer)))
    if home.example is not None:
        graph.add((subject, VOID.exampleResource, home.example))
    add_catalogue(
        add_terms(graph, kg.store),
        URIRef(site + "dataset.ttl#catalogue"),
        URIRef(site + "index.html"),
    )
    text_ = serialize_graph(graph, "ttl")
    if base_url is None:
        # Relative IRI references: resolved against wherever dataset.ttl is published.
        text_ = (
            "# The addresses of this site's files are relative to this file's location.\n"
            + text_.replace(f"<{_PLACEHOLDER}", "<")
        )
    return text_


def _sitemap(base_url: str, paths: list[str]) -> str:
    from urllib.parse import quote
    from xml.sax.saxutils import escape

    urls = sorted(p for p in paths if p.endswith(".html"))
    body = "".join(
        f"  <url><loc>{escape(base_url + quote(p, safe='/-._~'))}</loc></url>\n" for p in urls
    )
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n'
        f"{body}</urlset>\n"
    )
