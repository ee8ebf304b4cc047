"""Every dataset description partnergraph ships or writes conforms to DCAT-AP 3.

Judged by the official DCAT-AP 3.0.1 SHACL shapes, vendored unchanged in tests/fixtures/dcat-ap
(see its README): the base constraints (cardinalities, literal ranges), the class ranges, the
controlled vocabularies (EU language and country authorities, IANA media types) and the
constraint-per-id design. Conformance means no result of severity Violation; the recommended
properties (severity Warning) are reported by the shapes but not required here. The graph judged
is what a harvester takes: :func:`partnergraph.query.dcat.dataset_descriptions`.
"""

from __future__ import annotations

from pathlib import Path

import httpx
import pytest
from pyshacl import validate
from rdflib import Graph
from rdflib.namespace import DCAT, DCTERMS, FOAF, RDF, SH

import partnergraph
from partnergraph.query.dcat import dataset_descriptions
from partnergraph.rdf.namespaces import PGID
from partnergraph.synthetic.generate import generate
from partnergraph.views.pages import collect_home
from partnergraph.views.site import _dataset_description as site_description
from test_diff import make_second_edition
from w3c_protocol import running_server

SHAPES = Path(__file__).parent / "fixtures" / "dcat-ap"
PROFILE = (
    "shapes.ttl",
    "range.ttl",
    "mdr-vocabularies.shape.ttl",
    "deprecateduris.ttl",
    "dcat-ap-SHACL.ttl",
)
"""The official files the descriptions must satisfy (shapes_recommended.ttl only warns)."""


@pytest.fixture(scope="module")
def shapes() -> Graph:
    graph = Graph()
    for name in PROFILE:
        graph.parse(SHAPES / name, format="turtle")
    # dcat-ap-SHACL.ttl 3.0.1 lists one property shape of dcat:DataServiceShape that it never
    # defines (.../DataServiceShape/dc08f4dc...); pySHACL refuses to validate any data service
    # against it. A reference to nothing constrains nothing: drop it here, the file stays as
    # published.
    for shape, ref in list(graph.subject_objects(SH.property)):
        if (ref, None, None) not in graph:
            graph.remove((shape, SH.property, ref))
    return graph


def violations(descriptions: Graph, shapes: Graph) -> list[str]:
    """One line per top-level DCAT-AP violation: the thing, the property, the message."""
    _conforms, report, _text = validate(
        descriptions, shacl_graph=shapes, inference="none", allow_warnings=True
    )
    assert isinstance(report, Graph)
    lines = []
    for result in report.objects(None, SH.result):
        if report.value(result, SH.resultSeverity) == SH.Violation:
            lines.append(
                f"{report.value(result, SH.focusNode)} {report.value(result, SH.resultPath)}: "
                f"{report.value(result, SH.resultMessage)}"
            )
    return sorted(lines)


def test_the_bundled_dataset_descriptions_conform(shapes: Graph) -> None:
    descriptions = dataset_descriptions(partnergraph.load(store="memory").store)
    datasets = set(descriptions.subjects(RDF.type, DCAT.Dataset))
    names = ("dataset-norddjurs", "dataset-norddjurs-editorial", "dataset-register")
    assert {PGID[n] for n in names} <= datasets
    assert violations(descriptions, shapes) == []


def test_a_publisher_without_a_name_is_caught(shapes: Graph) -> None:
    descriptions = dataset_descriptions(partnergraph.load(store="memory").store)
    team = PGID["partnergraph-team"]
    descriptions.remove((team, FOAF.name, None))
    found = violations(descriptions, shapes)
    assert any(line.startswith(f"{team} {FOAF.name}") for line in found), found


def test_an_imported_edition_conforms(shapes: Graph, tmp_path: Path) -> None:
    edition = make_second_edition(tmp_path)
    written = Graph().parse(edition / "norddjurs-2-dataset.ttl")
    assert (PGID["dataset-norddjurs-2"], RDF.type, DCAT.Dataset) in written
    descriptions = dataset_descriptions(partnergraph.load([edition], store="memory").store)
    assert violations(descriptions, shapes) == []


def test_the_generated_dataset_descriptions_conform(shapes: Graph, tmp_path: Path) -> None:
    result = generate(tmp_path / "out", 2, seed=3, fmt="ttl")
    descriptions = dataset_descriptions(
        partnergraph.load([result.output_dir], store="memory").store
    )
    assert set(descriptions.subjects(RDF.type, DCAT.Dataset))
    assert violations(descriptions, shapes) == []


def test_the_sites_catalogue_conforms_on_its_own(shapes: Graph) -> None:
    """A harvester reads the site's dataset.ttl alone: it must carry what the shapes check."""
    kg = partnergraph.load()
    home = collect_home(kg.store, triples=len(kg), entities=1)
    text = site_description(kg, home.dataset, "https://example.org/p/", 1, home)
    catalogue = Graph().parse(data=text, format="turtle")
    assert violations(catalogue, shapes) == []
    (home,) = catalogue.subjects(RDF.type, DCAT.Catalog)
    assert set(catalogue.objects(home, DCAT.dataset)) == set(
        catalogue.subjects(RDF.type, DCAT.Dataset)
    )
    downloads = set(catalogue.subjects(DCAT.downloadURL, None))
    assert len(downloads) == 4
    for distribution in downloads:
        for needed in (DCAT.accessURL, DCAT.mediaType, DCTERMS.format, DCTERMS.license):
            assert catalogue.value(distribution, needed) is not None, (distribution, needed)


def test_the_descriptions_name_languages_by_the_eu_authority() -> None:
    descriptions = dataset_descriptions(partnergraph.load(store="memory").store)
    eu = "http://publications.europa.eu/resource/authority/language/"
    datasets = set(descriptions.subjects(RDF.type, DCAT.Dataset))
    used = {str(o) for d in datasets for o in descriptions.objects(d, DCTERMS.language)}
    assert eu + "DAN" in used and all(iri.startswith(eu) for iri in used), used


@pytest.mark.slow  # spawns a server
def test_the_served_description_conforms_and_every_address_in_it_answers(shapes: Graph) -> None:
    """``partnergraph serve`` describes its datasets at /dataset: the SPARQL endpoint as a
    dcat:DataService serving each one, and download URLs that this server really serves."""
    with (
        running_server("--store", "memory", "--workers", "1", "--spare-workers", "0") as server,
        httpx.Client(base_url=server.base, timeout=30) as http,
    ):
        answer = http.get("/dataset", headers={"Accept": "text/turtle"})
        assert answer.status_code == 200, answer.text
        assert answer.headers["content-type"].startswith("text/turtle")
        catalogue = Graph().parse(data=answer.text, format="turtle")
        assert violations(catalogue, shapes) == []
        (service,) = catalogue.subjects(RDF.type, DCAT.DataService)
        endpoint = catalogue.value(service, DCAT.endpointURL)
        assert str(endpoint) == server.endpoint
        assert catalogue.value(service, DCAT.endpointDescription) == endpoint
        served = set(catalogue.objects(service, DCAT.servesDataset))
        assert served == set(catalogue.subjects(RDF.type, DCAT.Dataset))
        assert PGID["dataset-norddjurs"] in served
        (home,) = catalogue.subjects(RDF.type, DCAT.Catalog)
        assert catalogue.value(home, DCAT.service) == service
        # a browser following the home page's link gets the Turtle too
        assert 'href="/dataset"' in http.get("/").text
        browser = http.get("/dataset", headers={"Accept": "text/html,*/*;q=0.8"})
        assert browser.status_code == 200 and "dcat:DataService" in browser.text
        description = http.get(str(endpoint), headers={"Accept": "text/turtle"})
        assert "sparql-service-description" in description.text
        # the bundled Turtle and JSON-LD distributions get this server's addresses
        bundled = catalogue.value(PGID["distribution-norddjurs-turtle"], DCAT.downloadURL)
        assert bundled is not None and str(bundled).startswith(server.base)
        downloads = sorted(catalogue.objects(None, DCAT.downloadURL), key=str)
        assert len(downloads) == 3
        sizes = set()
        for url in downloads:
            got = http.get(str(url))
            assert got.status_code == 200, (url, got.text[:200])
            fmt = {"text/turtle": "turtle", "application/n-triples": "nt"}.get(
                got.headers["content-type"].split(";")[0], "json-ld"
            )
            whole = Graph().parse(data=got.text, format=fmt)
            assert (PGID["collaboration-reno-djurs"], None, None) in whole, url
            sizes.add(len(whole))
        assert len(sizes) == 1  # the same whole graph in each format
