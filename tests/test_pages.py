"""The pages: the renderer (``partnergraph.pages``) and the server's routes for them
(``partnergraph.server.pages``), the latter through Starlette's TestClient against a real worker
pool: the 303s from things to documents, content negotiation with ``Vary: Accept``, 404s,
escaping, the query page and its assets, the network view."""

from __future__ import annotations

import datetime as dt
import json
import re
import warnings
from collections.abc import Iterator
from html.parser import HTMLParser
from pathlib import Path

import pytest
from rdflib import Graph, URIRef

import partnergraph
from partnergraph.server import ServerConfig, create_app
from partnergraph.server.pages import choose_format, page_routes
from partnergraph.views.pages import (
    CSP,
    ServerLinks,
    StaticLinks,
    collect_entity,
    document_iri,
    load_ontology,
    local_name,
    render_entity,
    render_query_page,
)

with warnings.catch_warnings():  # Starlette 1.x nudges towards httpx2; httpx is what we have
    warnings.simplefilter("ignore")
    from starlette.testclient import TestClient

PGID = "https://w3id.org/partnergraph/id/"
VIA = PGID + "partnership-via"
HOSTILE = "<img src=x onerror=alert(1)>"
SCRIPT_END = "</script><script>window.pwned=1</script>"


@pytest.fixture(scope="module")
def kg() -> partnergraph.PartnerGraph:
    return partnergraph.load()


@pytest.fixture(scope="module")
def hostile_data(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("hostile") / "hostile.ttl"
    path.write_text(
        f"""
        @prefix pg: <https://w3id.org/partnergraph/ontology#> .
        @prefix pgid: <{PGID}> .
        @prefix org: <http://www.w3.org/ns/org#> .
        @prefix skos: <http://www.w3.org/2004/02/skos/core#> .
        @prefix dcterms: <http://purl.org/dc/terms/> .
        pgid:evil a pg:Partnership , org:OrganizationalCollaboration , org:Organization ;
            skos:prefLabel {json.dumps(HOSTILE)}@da , {json.dumps(SCRIPT_END)}@en ;
            skos:definition "<b onclick=alert(3)>bold</b>"@da ;
            org:hasMember pgid:evil-org ;
            dcterms:source pgid:evil-org ;
            pg:sourceText "\\"><script>alert(2)</script>"@da .
        pgid:evil-org a org:Organization ; skos:prefLabel "A & B </textarea>"@da .
        """,
        encoding="utf-8",
    )
    return path


# --- links ---------------------------------------------------------------------------------------


def test_static_links_are_relative_to_the_page() -> None:
    here = StaticLinks("doc/partnership-via.html", "da", primary="da")
    assert here.page("home") == "../index.html"
    assert here.entity(PGID + "norddjurs-kommune") == "norddjurs-kommune.html"
    assert here.doc("partnership-via", "ttl") == "partnership-via.ttl"
    assert here.switch() == "../en/doc/partnership-via.html"
    assert here.entity("https://w3id.org/partnergraph/ontology#Partnership") == (
        "../ontology.html#Partnership"
    )
    assert here.entity("http://metadata.un.org/sdg/17") is None  # shown as text
    english = StaticLinks("doc/a/b c.html", "en", primary="da")
    assert english.asset("site.css") == "../../../assets/site.css"
    assert english.doc("a/b c", "jsonld") == "../../../doc/a/b%20c.jsonld"
    assert english.switch() == "../../../doc/a/b%20c.html"
    assert english.page("query") is None


def test_server_links_carry_the_language_and_the_root() -> None:
    links = ServerLinks("/doc/x", "en", default_lang="da", root="/partners")
    assert links.entity(PGID + "y") == "/partners/doc/y?lang=en"
    assert links.doc("y", "ttl") == "/partners/doc/y.ttl"
    assert links.switch() == "/partners/doc/x"
    assert links.page("query") == "/partners/query?lang=en"
    assert links.page("home") == "/partners/?lang=en"
    assert links.run_query("renewals-due") == "/partners/query?name=renewals-due&lang=en"
    assert links.download("trig") is None


def test_local_names_that_cannot_name_a_page() -> None:
    assert local_name(PGID + "a/b") == "a/b"
    for bad in ("", "../x", "a/../b", "a//b", "a?b", "a#b", "a b", "a<b", "./a"):
        assert local_name(PGID + bad) is None, bad
    assert local_name("https://example.org/id/x") is None
    assert document_iri(VIA) == "https://w3id.org/partnergraph/doc/partnership-via"


def test_choose_format_follows_the_accept_header() -> None:
    assert choose_format(None) == "html"
    assert choose_format("*/*") == "html"
    browser = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"
    assert choose_format(browser) == "html"
    assert choose_format("text/turtle") == "ttl"
    assert choose_format("application/ld+json, text/turtle;q=0.5") == "jsonld"
    assert choose_format("text/turtle;q=0.2, text/*;q=0.9") == "html"
    assert choose_format("image/png") is None


# --- rendering -----------------------------------------------------------------------------------


def test_entity_page_escapes_everything_from_the_data(hostile_data: Path) -> None:
    small = partnergraph.load([hostile_data])
    data = collect_entity(small.store, PGID + "evil")
    for lang in ("da", "en"):
        html = render_entity(data, StaticLinks("doc/evil.html", lang), lang=lang)
        assert "<img src=x" not in html and "<script>alert" not in html
        assert "<script>window.pwned" not in html and "<b onclick" not in html
        assert "</textarea>" not in html
        assert html.count("</script>") == 1  # the JSON-LD's own end tag, nothing more
        start = html.index('<script type="application/ld+json">')
        document = json.loads(html[start + 35 : html.index("</script>", start)])
        assert document["name"] == (HOSTILE if lang == "da" else SCRIPT_END)
    html = render_entity(data, StaticLinks("doc/evil.html", "da"), lang="da")
    assert "&lt;img src=x onerror=alert(1)&gt;" in html
    assert "A &amp; B &lt;/textarea&gt;" in html


def test_entity_page_content(kg: partnergraph.PartnerGraph) -> None:
    network = kg.network("collaboration")
    data = collect_entity(kg.store, VIA, network=network)
    html = render_entity(data, StaticLinks("doc/partnership-via.html", "en"), lang="en")
    assert f'content="{CSP}"'.replace("'", "&#39;") in html
    assert "<h1>Partnership with VIA University College</h1>" in html
    assert 'lang="da">Partnerskab med VIA University College' in html  # every language's name
    assert ">has member<" in html and ">governed by<" in html  # links out, links in
    assert "Det Grønne område" not in html or "lang=" in html
    assert 'href="../../doc/partnership-via.ttl"' in html
    # The ego network: every neighbour of the collaboration network is drawn.
    start = html.index('<svg class="ego"')
    svg = html[start : html.index("</svg>", start)]
    for neighbour in network.to_undirected().neighbors(VIA):
        assert local_name(neighbour) is None or f"{local_name(neighbour)}.html" in svg
    again = render_entity(data, StaticLinks("doc/partnership-via.html", "en"), lang="en")
    assert again == html  # deterministic


def test_decision_period_and_provenance(kg: partnergraph.PartnerGraph) -> None:
    data = collect_entity(kg.store, PGID + "decision-via-2025-autumn")
    html = render_entity(data, StaticLinks("doc/x.html", "da"), lang="da")
    assert "efterår 2025" in html and "2025-09" in html
    assert '<blockquote lang="da">Det foreslås' in html
    assert "memo-norddjurs-partnerships.html" in html


def test_ontology_lists_every_class_and_property() -> None:
    doc = load_ontology()
    source = Graph().parse(data=doc.text, format="turtle")
    owl = "http://www.w3.org/2002/07/owl#"
    declared = {
        str(s)
        for kind in ("Class", "ObjectProperty", "DatatypeProperty")
        for s in source.subjects(
            URIRef("http://www.w3.org/1999/02/22-rdf-syntax-ns#type"), URIRef(owl + kind)
        )
        if str(s).startswith("https://w3id.org/partnergraph/ontology#")
    }
    shown = {t.iri for t in (*doc.classes, *doc.properties)}
    assert declared == shown
    governs = doc.term("https://w3id.org/partnergraph/ontology#governs")
    assert governs is not None
    assert governs.label("da") and governs.comment("en")
    assert governs.domains and governs.ranges and governs.supers


def test_query_page_configuration_is_safe_json(kg: partnergraph.PartnerGraph) -> None:
    html = render_query_page(kg.queries(), ServerLinks("/", "en"), lang="en")
    start = html.index('<script type="application/json" id="qp-config">') + 47
    config = json.loads(html[start : html.index("</script>", start)])
    assert config["sparql"] == "/sparql" and config["queries"] == "/api/queries"
    assert config["docPrefix"] == "/doc/" and config["docSuffix"] == "?lang=en"
    assert set(config["library"]) == {q.name for q in kg.queries()}
    assert "</" not in html[start : html.index("</script>", start)]


# --- the server ---------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def client(hostile_data: Path) -> Iterator[TestClient]:
    """The bundled data plus the hostile labels, one worker, pages mounted by the hook."""
    from partnergraph.core.resources import data_dir

    config = ServerConfig(
        data=[data_dir(), hostile_data],
        workers=1,
        spare_workers=0,
        extra_routes=page_routes(),
    )
    with TestClient(create_app(config), follow_redirects=False) as test_client:
        yield test_client


def test_thing_redirects_303_to_its_document_by_accept(client: TestClient) -> None:
    cases = {
        None: "/doc/partnership-via",
        "text/html": "/doc/partnership-via",
        "text/turtle": "/doc/partnership-via.ttl",
        "application/ld+json": "/doc/partnership-via.jsonld",
    }
    for accept, location in cases.items():
        headers = {"Accept": accept} if accept else {}
        response = client.get("/id/partnership-via", headers=headers)
        assert response.status_code == 303, accept
        assert response.headers["location"] == location
        assert response.headers["vary"] == "Accept"
    english = client.get("/id/partnership-via?lang=en")
    assert english.headers["location"] == "/doc/partnership-via?lang=en"
    assert client.get("/id/partnership-via", headers={"Accept": "image/png"}).status_code == 406


def test_document_negotiates_and_says_so(client: TestClient) -> None:
    html = client.get("/doc/partnership-via", headers={"Accept": "text/html"})
    assert html.status_code == 200
    assert html.headers["content-type"].startswith("text/html")
    assert html.headers["vary"] == "Accept"
    assert "Partnerskab med VIA University College" in html.text
    turtle = client.get("/doc/partnership-via", headers={"Accept": "text/turtle"})
    assert turtle.headers["content-type"].startswith("text/turtle")
    assert turtle.headers["vary"] == "Accept"
    assert turtle.headers["content-location"] == "/doc/partnership-via.ttl"
    graph = Graph().parse(data=turtle.text, format="turtle")
    assert (URIRef(VIA), None, None) in graph
    jsonld = client.get("/doc/partnership-via", headers={"Accept": "application/ld+json"})
    assert jsonld.headers["content-type"].startswith("application/ld+json")
    assert len(Graph().parse(data=jsonld.text, format="json-ld")) == len(graph)
    fixed = client.get("/doc/partnership-via.ttl", headers={"Accept": "text/html"})
    assert fixed.headers["content-type"].startswith("text/turtle")
    assert "vary" not in fixed.headers
    assert client.get("/doc/partnership-via.html").headers["content-type"].startswith("text/html")
    assert client.get("/doc/partnership-via.jsonld").status_code == 200
    english = client.get("/doc/partnership-via?lang=en")
    assert "Partnership with VIA University College" in english.text
    assert 'href="/doc/norddjurs-kommune?lang=en"' in english.text
    assert 'href="/doc/partnership-via"' in english.text  # the switch back to Danish
    assert client.head("/doc/partnership-via").status_code == 200


def test_unknown_and_unnameable_things_are_404(client: TestClient) -> None:
    for path in ("/id/nothing-here", "/doc/nothing-here", "/doc/nothing-here.ttl"):
        response = client.get(path)
        assert response.status_code == 404, path
    page = client.get("/doc/nothing-here", headers={"Accept": "text/html"})
    assert "nothing-here" in page.text and page.headers["content-type"].startswith("text/html")
    data = client.get("/doc/nothing-here", headers={"Accept": "text/turtle"})
    assert data.headers["content-type"].startswith("text/plain")
    for path in ("/id/a%3Eb", "/id/..%2Fetc", "/doc/a%20b", "/id/"):
        assert client.get(path).status_code == 404, path
    injected = client.get("/doc/x%3E%20%3Fp%20%3Fo%20%7D%20%23")
    assert injected.status_code == 404


def test_server_pages_escape_the_data(client: TestClient) -> None:
    for path in ("/doc/evil", "/doc/evil?lang=en", "/home", "/doc/evil-org"):
        html = client.get(path).text
        assert "<img src=x" not in html and "<script>alert" not in html, path
        assert "<script>window.pwned" not in html and "<b onclick" not in html, path
        assert "</textarea>" not in html, path
    turtle = client.get("/doc/evil.ttl").text
    assert HOSTILE in turtle  # data stays data


def test_ontology_document(client: TestClient) -> None:
    html = client.get("/ontology")
    assert html.headers["vary"] == "Accept" and 'id="Partnership"' in html.text
    turtle = client.get("/ontology", headers={"Accept": "text/turtle"})
    assert turtle.headers["content-type"].startswith("text/turtle")
    assert turtle.text == load_ontology().text
    jsonld = client.get("/ontology.jsonld")
    assert len(Graph().parse(data=jsonld.text, format="json-ld")) == len(load_ontology().graph)
    assert client.get("/ontology.ttl").text == load_ontology().text
    assert client.get("/ontology.xml").status_code == 404


class _Assets(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.loaded: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        if tag == "script" and values.get("src"):
            self.loaded.append(str(values["src"]))
        if tag == "link" and values.get("rel") == "stylesheet":
            self.loaded.append(str(values["href"]))


def test_query_page_and_its_assets_come_from_the_server(client: TestClient) -> None:
    page = client.get("/query")
    assert page.status_code == 200
    csp = page.headers["content-security-policy"]
    assert "default-src 'self'" in csp and "frame-ancestors 'none'" in csp
    assert page.headers["x-content-type-options"] == "nosniff"
    parser = _Assets()
    parser.feed(page.text)
    assert sorted(parser.loaded) == ["/static/query.js", "/static/site.css"]
    for url in parser.loaded:
        asset = client.get(url)
        assert asset.status_code == 200
        assert not re.search(r"https?://(?!www\.w3\.org/2000/svg)", asset.text), url
    assert client.get("/static/secret.py").status_code == 404
    assert client.get("/static/..%2F__init__.py").status_code == 404
    assert "renewals-due" in page.text and 'name="before"' in page.text
    # renewals-due's "before" defaults to the as-of date: today
    assert f'value="{dt.date.today().isoformat()}"' in page.text
    english = client.get("/query?lang=en&name=renewals-due")
    assert "Ask the graph" in english.text
    assert 'href="/query?name=renewals-due"' in english.text  # switch keeps the query


def test_home_queries_and_network_pages(client: TestClient) -> None:
    moved = client.get("/home?lang=en")
    assert moved.status_code == 308 and moved.headers["location"] == "/?lang=en"
    home = client.get("/?lang=en")
    assert "Partnership with VIA University College" in home.text
    assert 'href="/rdf-graph-store?default=&amp;format=ttl"' in home.text
    library = client.get("/queries")
    assert 'href="/query?name=renewals-due"' in library.text
    network = client.get("/network?projection=actors")
    assert network.status_code == 200
    assert "frame-ancestors 'self'" in network.headers["content-security-policy"]
    assert network.headers["x-frame-options"] == "SAMEORIGIN"
    assert "VIA University College" in network.text
    assert client.get("/network?projection=nonsense").status_code == 400
    construct = client.get(
        "/network",
        params={"query": "CONSTRUCT { ?p org:hasMember ?m } WHERE { ?p org:hasMember ?m }"},
    )
    assert construct.status_code == 200 and "Norddjurs" in construct.text
    select = client.get("/network", params={"query": "SELECT * WHERE { ?s ?p ?o } LIMIT 1"})
    assert select.status_code == 400
    bad = client.get("/network", params={"query": "CONSTRUCT WHERE {"})
    assert bad.status_code == 400


def test_query_page_runs_through_the_servers_own_endpoints(client: TestClient) -> None:
    """What the page's script asks for, answered as it expects."""
    named = client.get(
        "/api/queries/renewals-due",
        params={"before": "2026-01-01", "lang": "en"},
        headers={"Accept": "application/sparql-results+json, application/n-triples;q=0.9"},
    )
    assert named.headers["content-type"].startswith("application/sparql-results+json")
    assert len(named.json()["results"]["bindings"]) == 4
    construct = client.post(
        "/sparql",
        data={"query": "CONSTRUCT { ?p org:hasMember ?m } WHERE { ?p org:hasMember ?m }"},
        headers={"Accept": "application/sparql-results+json, application/n-triples;q=0.9"},
    )
    assert construct.headers["content-type"].startswith("application/n-triples")
    csv = client.get("/api/queries/renewals-due", params={"format": "csv"})
    assert csv.headers["content-type"].startswith("text/csv")


def test_page_routes_refuse_an_unknown_default_language() -> None:
    with pytest.raises(ValueError, match="default_lang"):
        page_routes(default_lang="sv")


def test_server_home_opens_with_what_needs_action_as_of_a_day(client: TestClient) -> None:
    today = client.get("/?as_of=2026-12-06")
    assert today.status_code == 200
    box = today.text[today.text.index('id="needs-action"') :]
    assert box.index("Kræver handling") < box.index("Partnerskab med VIA University College")
    assert "status pr. 2026-12-06, ifølge Notat: Oversigt over formelle" in box
    assert "(udateret)" in box
    assert "Fornyet samarbejdsaftale med Aarhus Universitet (2022–2025)" in box
    assert "ifølge kilden: gældende" in box
    assert box.count('class="needs-overdue"') == 4
    assert ">Tidslinje over aftaler og beslutninger</a>" in box  # the box's words: the catalogue
    autumn = client.get("/?as_of=2024-11-15&lang=en")
    assert ">Timeline of agreements and decisions</a>" in autumn.text
    assert autumn.text.count('class="needs-due"') == 1
    assert "treatment due now:" in autumn.text
    assert "status as of 2024-11-15" in autumn.text
    assert client.get("/?as_of=soon").status_code == 400
    assert 'data-as-of="' in client.get("/").text


def test_entity_pages_say_the_status_as_of_a_day_beside_the_stated_one(
    client: TestClient,
) -> None:
    today = client.get("/doc/agreement-au-2022?as_of=2026-12-06")
    assert "Status pr. 2026-12-06: udløbet (ifølge kilden: gældende)" in today.text
    then = client.get("/doc/agreement-au-2022?as_of=2024-10-01&lang=en")
    assert "Status as of 2024-10-01: in force (according to the source: in force)" in then.text
    treatment = client.get("/doc/decision-via-2025-autumn?as_of=2026-12-06")
    assert "Status pr. 2026-12-06: overskredet (ifølge kilden: planlagt)" in treatment.text
    assert "Status pr." not in client.get("/doc/partnership-via").text


def test_server_timeline_page_as_of_a_day(client: TestClient) -> None:
    page = client.get("/timeline?as_of=2024-10-01&lang=en")
    assert page.status_code == 200 and "<h1>Timeline</h1>" in page.text
    assert ">2024-10-01<" in page.text and 'class="tl-agreement' in page.text
    assert 'href="/timeline' in client.get("/").text
    assert client.get("/timeline?as_of=later").status_code == 400


def test_named_query_over_http_takes_the_as_of_date(client: TestClient) -> None:
    def agreements(**params: str) -> list[str]:
        answer = client.get("/api/queries/renewals-due", params={**params, "format": "json"})
        assert answer.status_code == 200, answer.text
        return sorted(b["agreement"]["value"] for b in answer.json()["results"]["bindings"])

    assert agreements(as_of="2025-01-01") == agreements(before="2025-01-01")
    assert agreements(as_of="2025-01-01") != agreements(as_of="2026-01-01")
    assert client.get("/api/queries/renewals-due?as_of=soon").status_code == 400


def test_server_network_page_takes_the_as_of_date(client: TestClient) -> None:
    later = client.get("/network?as_of=2026-12-06")
    earlier = client.get("/network?as_of=2023-06-01")
    assert later.status_code == 200 and earlier.status_code == 200
    au = "Fornyet samarbejdsaftale med Aarhus Universitet"
    assert au in earlier.text and au not in later.text  # ended at the end of 2025
    assert client.get("/network?as_of=someday").status_code == 400
