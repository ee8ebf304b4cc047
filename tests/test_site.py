"""The static linked-data site (``partnergraph.site.build_site``).

One site of the bundled data is built per module and crawled like a visitor would: every
internal link from ``index.html`` must lead to a file (and an anchor that exists), nothing that
loads may come from another host, every entity has its pages, and the Turtle and JSON-LD beside
each page parse and describe it. A headless Chromium then opens pages from ``file://`` with the
network cut off. Set ``PARTNERGRAPH_SCREENSHOTS=docs`` to refresh ``docs/site-home.png`` and
``docs/site-partnership.png`` (otherwise the screenshots go to a temporary folder).
"""

from __future__ import annotations

import json
import os
import shutil
from html.parser import HTMLParser
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urldefrag, urlsplit

import pytest
from rdflib import Dataset, Graph, URIRef

import partnergraph
from partnergraph.core.errors import OutputError, ParameterError
from partnergraph.core.messages import using
from partnergraph.views.pages import list_entities, local_name
from partnergraph.views.site import MANIFEST, build_site

ROOT = Path(__file__).resolve().parents[1]
PGID = "https://w3id.org/partnergraph/id/"
LICENCE = "https://creativecommons.org/licenses/by/4.0/"
DOWNLOAD_URL = URIRef("http://www.w3.org/ns/dcat#downloadURL")
PRIMARY_TOPIC = URIRef("http://xmlns.com/foaf/0.1/primaryTopic")
HOSTILE = "<img src=x onerror=alert(1)>"
SCRIPT_END = "</script><script>window.pwned=1</script>"


@pytest.fixture(scope="module")
def kg() -> partnergraph.PartnerGraph:
    return partnergraph.load()


@pytest.fixture(scope="module")
def site(kg: partnergraph.PartnerGraph, tmp_path_factory: pytest.TempPathFactory) -> Path:
    output = tmp_path_factory.mktemp("site") / "public"
    report = build_site(kg, output)
    assert report.output == output and report.skipped == ()
    assert report.languages == ("da", "en")
    return output


# --- crawling ---------------------------------------------------------------------------------


class _Links(HTMLParser):
    """Every URL a page links to or loads, with the tag and attribute, and every element id."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.urls: list[tuple[str, str, str, dict[str, str]]] = []
        self.ids: set[str] = set()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {k: v or "" for k, v in attrs}
        if "id" in values:
            self.ids.add(values["id"])
        for attribute in ("href", "src", "action", "data", "poster", "srcset"):
            if attribute in values:
                self.urls.append((tag, attribute, values[attribute], values))


def _parse(path: Path) -> _Links:
    parser = _Links()
    parser.feed(path.read_text(encoding="utf-8"))
    return parser


def _crawl(start: Path) -> tuple[dict[Path, _Links], list[str], list[str]]:
    """Pages reached from ``start``; broken internal links; external URLs that would load."""
    root = start.parent
    seen: dict[Path, _Links] = {}
    todo = [start]
    broken: list[str] = []
    loads_outside: list[str] = []
    anchors: list[tuple[Path, Path, str]] = []
    while todo:
        page = todo.pop()
        if page in seen:
            continue
        seen[page] = parsed = _parse(page)
        for tag, attribute, url, attrs in parsed.urls:
            parts = urlsplit(url)
            if parts.scheme in ("http", "https") or url.startswith("//"):
                is_navigation = tag == "a" and attribute == "href"
                if not is_navigation or url != LICENCE:
                    loads_outside.append(f"{page.relative_to(root)}: <{tag} {attribute}={url}>")
                continue
            assert parts.scheme == "", f"{page}: unexpected URL {url}"
            if tag == "link" and attrs.get("rel") == "alternate" and not parts.path:
                continue
            path, fragment = urldefrag(url)
            target = (page.parent / unquote(path)).resolve() if path else page
            if not target.is_file():
                broken.append(f"{page.relative_to(root)} -> {url}")
                continue
            assert root.resolve() in target.parents, f"{url} leaves the site"
            if fragment:
                anchors.append((page, target, fragment))
            if target.suffix == ".html":
                todo.append(target)
    for page, target, fragment in anchors:
        if target not in seen:
            seen[target] = _parse(target)
        if fragment not in seen[target].ids:
            broken.append(f"{page.relative_to(root)} -> #{fragment} (no such id)")
    return seen, broken, loads_outside


def test_no_broken_internal_link_and_nothing_loaded_from_outside(site: Path) -> None:
    pages, broken, outside = _crawl(site / "index.html")
    assert broken == []
    assert outside == []
    # The crawl reaches every page of the site, in both languages.
    every_page = set(site.rglob("*.html"))
    assert {p.resolve() for p in every_page} == {p.resolve() for p in pages}


def test_every_entity_has_its_pages_and_data(site: Path, kg: partnergraph.PartnerGraph) -> None:
    entities = list_entities(kg.store)
    assert len(entities) > 100
    for iri in entities:
        local = local_name(str(iri))
        assert local is not None
        for page in (f"doc/{local}.html", f"en/doc/{local}.html"):
            assert (site / page).is_file(), page
        for data in (f"doc/{local}.ttl", f"doc/{local}.jsonld"):
            assert (site / data).is_file(), data
    subjects = kg.sparql(
        f'SELECT DISTINCT ?s WHERE {{ ?s ?p ?o FILTER(STRSTARTS(STR(?s), "{PGID}")) }}'
    )
    assert {str(s) for (s,) in subjects.rows} == {str(e) for e in entities}


def test_data_documents_parse_and_describe_their_entity(
    site: Path, kg: partnergraph.PartnerGraph
) -> None:
    for iri in list_entities(kg.store):
        local = local_name(str(iri))
        turtle = Graph().parse(site / f"doc/{local}.ttl", format="turtle")
        jsonld = Graph().parse(site / f"doc/{local}.jsonld", format="json-ld")
        for graph in (turtle, jsonld):
            assert (iri, None, None) in graph, local
            doc = URIRef(f"https://w3id.org/partnergraph/doc/{local}")
            assert (doc, PRIMARY_TOPIC, iri) in graph
        assert len(turtle) == len(jsonld)
        # Everything the store says about the entity is there.
        said = kg.sparql(f"SELECT ?p ?o WHERE {{ <{iri}> ?p ?o FILTER(!isBlank(?o)) }}")
        assert set(said.rows) <= set(turtle.predicate_objects(iri)), local


def test_the_via_page_says_what_the_thing_is_and_where_its_data_is(site: Path) -> None:
    html = (site / "doc/partnership-via.html").read_text(encoding="utf-8")
    assert "<h1>Partnerskab med VIA University College</h1>" in html
    assert f"{PGID}partnership-via" in html
    assert "https://w3id.org/partnergraph/doc/partnership-via" in html
    assert 'href="partnership-via.ttl"' in html and 'href="partnership-via.jsonld"' in html
    assert 'href="../en/doc/partnership-via.html"' in html  # the language switch
    for member in ("norddjurs-kommune.html", "via-university-college.html"):
        assert f'href="{member}"' in html
    assert "<svg" in html and "</svg>" in html
    english = (site / "en/doc/partnership-via.html").read_text(encoding="utf-8")
    assert "<h1>Partnership with VIA University College</h1>" in english
    assert 'href="../../doc/partnership-via.ttl"' in english
    assert 'href="../../doc/partnership-via.html"' in english


def test_embedded_json_ld_uses_schema_org(site: Path) -> None:
    cases = {
        "partnership-via": ("Organization", "member"),
        "via-university-college": ("CollegeOrUniversity", "memberOf"),
        "norddjurs-kommune": ("GovernmentOrganization", "subOrganization"),
        "decision-via-2018-08": ("Event", "startDate"),
        "agreement-via-2018": ("CreativeWork", "temporalCoverage"),
        "via-theme-1": ("DefinedTerm", "inDefinedTermSet"),
    }
    for local, (kind, key) in cases.items():
        document = _json_ld(site / f"doc/{local}.html")
        assert document["@id"] == PGID + local
        assert document["@type"] == kind, local
        assert document["name"]
        assert key in document, (local, key)
        graph = Graph().parse(data=json.dumps(document), format="json-ld")
        assert (URIRef(PGID + local), None, None) in graph
    assert _json_ld(site / "doc/decision-via-2018-08.html")["startDate"] == "2018-08"


def _json_ld(page: Path) -> dict[str, Any]:
    html = page.read_text(encoding="utf-8")
    start = html.index('<script type="application/ld+json">') + len(
        '<script type="application/ld+json">'
    )
    document: dict[str, Any] = json.loads(html[start : html.index("</script>", start)])
    return document


def test_dataset_description_points_at_the_downloads(
    site: Path, kg: partnergraph.PartnerGraph
) -> None:
    graph = Graph().parse(site / "dataset.ttl", format="turtle")
    downloads = {Path(unquote(urlsplit(str(o)).path)) for o in graph.objects(None, DOWNLOAD_URL)}
    assert {p.name for p in downloads} == {
        "partnergraph.ttl",
        "partnergraph.jsonld",
        "partnergraph.nt",
        "partnergraph.trig",
    }
    for path in downloads:
        assert path.is_file()
    triples = len(kg)
    assert len(Graph().parse(site / "downloads/partnergraph.nt", format="nt")) == triples
    assert len(Graph().parse(site / "downloads/partnergraph.ttl", format="turtle")) == triples
    trig = Dataset()
    trig.parse(site / "downloads/partnergraph.trig", format="trig")
    assert len({g.identifier for g in trig.graphs() if len(g)}) >= 3


def test_ontology_and_queries_pages(site: Path) -> None:
    ontology = (site / "ontology.html").read_text(encoding="utf-8")
    source = (ROOT / "ontology" / "partnergraph.ttl").read_text(encoding="utf-8")
    assert (site / "ontology.ttl").read_text(encoding="utf-8") == source
    for term in ("Partnership", "Agreement", "governs", "sourceText", "meetingsPerYear"):
        assert f'id="{term}"' in ontology
    assert "org:OrganizationalCollaboration" in ontology  # standard super class, prefixed
    Graph().parse(site / "ontology.jsonld", format="json-ld")
    queries = (site / "queries.html").read_text(encoding="utf-8")
    for name in ("renewals-due", "governance", "stakeholders"):
        assert f'id="{name}"' in queries
    assert "Partnerskabsaftale med VIA University College (2018)" in queries  # a result row
    assert 'class="results sortable"' in queries


def test_manifest_nojekyll_and_assets(site: Path) -> None:
    manifest = json.loads((site / MANIFEST).read_text(encoding="utf-8"))
    assert manifest["generator"] == "partnergraph"
    assert (site / ".nojekyll").is_file()
    css = (site / "assets/site.css").read_text(encoding="utf-8")
    assert "http://" not in css and "https://" not in css and "@import" not in css
    network = (site / "network.html").read_text(encoding="utf-8")
    assert "Content-Security-Policy" in network


# --- writing safely ----------------------------------------------------------------------------


@pytest.fixture(scope="module")
def small(tmp_path_factory: pytest.TempPathFactory) -> partnergraph.PartnerGraph:
    """A graph whose labels try to break out of HTML and of the JSON-LD script."""
    folder = tmp_path_factory.mktemp("hostile")
    data = folder / "hostile.ttl"
    data.write_text(
        f"""
        @prefix pg: <https://w3id.org/partnergraph/ontology#> .
        @prefix pgid: <{PGID}> .
        @prefix org: <http://www.w3.org/ns/org#> .
        @prefix skos: <http://www.w3.org/2004/02/skos/core#> .
        @prefix dcterms: <http://purl.org/dc/terms/> .
        pgid:evil a pg:Partnership , org:OrganizationalCollaboration , org:Organization ;
            skos:prefLabel {json.dumps(HOSTILE)}@da , {json.dumps(SCRIPT_END)}@en ;
            org:hasMember pgid:evil-org ;
            pg:sourceText "\\"><script>alert(2)</script>"@da .
        pgid:evil-org a org:Organization ; skos:prefLabel "A & B <b>bold</b>"@da .
        """,
        encoding="utf-8",
    )
    return partnergraph.load([data])


@pytest.fixture(scope="module")
def small_site(small: partnergraph.PartnerGraph, tmp_path_factory: pytest.TempPathFactory) -> Path:
    output = tmp_path_factory.mktemp("small") / "site"
    build_site(small, output, base_url="https://example.org/partners")
    return output


def _copy(site: Path, target: Path) -> Path:
    shutil.copytree(site, target)
    return target


def test_labels_from_the_data_are_escaped_everywhere(small_site: Path) -> None:
    output = small_site
    for page in output.rglob("*.html"):
        if page.name == "network.html":
            continue  # partnergraph.viz, tested on its own
        html = page.read_text(encoding="utf-8")
        assert "<img src=x" not in html, page
        assert "<script>alert" not in html and "<script>window.pwned" not in html, page
        assert "<b>bold</b>" not in html, page
    evil = (output / "doc/evil.html").read_text(encoding="utf-8")
    assert "&lt;img src=x onerror=alert(1)&gt;" in evil
    assert _json_ld(output / "doc/evil.html")["name"] == HOSTILE
    assert _json_ld(output / "en/doc/evil.html")["name"] == SCRIPT_END
    # base_url makes the download URLs absolute and adds a sitemap.
    graph = Graph().parse(output / "dataset.ttl", format="turtle")
    urls = {str(o) for o in graph.objects(None, DOWNLOAD_URL)}
    assert "https://example.org/partners/downloads/partnergraph.ttl" in urls
    assert "https://example.org/partners/doc/evil.html" in (output / "sitemap.xml").read_text()


def test_refuses_a_folder_that_is_not_a_site(
    small: partnergraph.PartnerGraph, tmp_path: Path
) -> None:
    output = tmp_path / "mine"
    output.mkdir()
    (output / "thesis.docx").write_text("precious", encoding="utf-8")
    with using("da"), pytest.raises(OutputError, match="ikke tom og rummer intet"):
        build_site(small, output)
    with using("en"), pytest.raises(OutputError, match="not empty"):
        build_site(small, output)
    assert (output / "thesis.docx").read_text(encoding="utf-8") == "precious"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["mine"]
    afile = tmp_path / "file"
    afile.write_text("x", encoding="utf-8")
    with using("da"), pytest.raises(OutputError, match="ikke en mappe"):
        build_site(small, afile)
    with using("en"), pytest.raises(OutputError, match="not a folder"):
        build_site(small, afile)


@pytest.mark.parametrize(("lang", "said"), [("da", "http(s)-adresse"), ("en", "http(s) URL")])
def test_a_base_url_that_is_no_web_address_is_refused_in_the_readers_language(
    small: partnergraph.PartnerGraph, tmp_path: Path, lang: str, said: str
) -> None:
    """The library says what is wrong and what to give, naming no command-line option."""
    with using(lang), pytest.raises(ParameterError) as caught:
        build_site(small, tmp_path / "site", base_url="ftp://example.org/")
    assert said in str(caught.value) and "--" not in str(caught.value)
    assert not (tmp_path / "site").exists()


def test_replaces_a_previous_site(
    small: partnergraph.PartnerGraph, small_site: Path, tmp_path: Path
) -> None:
    output = _copy(small_site, tmp_path / "site")
    (output / "stale.html").write_text("old", encoding="utf-8")
    build_site(small, output)  # a previous site: replaced whole
    assert not (output / "stale.html").exists()
    assert (output / MANIFEST).is_file()
    assert not (output / "sitemap.xml").exists()  # this time without base_url
    assert sorted(p.name for p in tmp_path.iterdir()) == ["site"]


def test_a_failure_leaves_nothing_half_written(
    small: partnergraph.PartnerGraph,
    small_site: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    import partnergraph.views.site as site_module

    output = _copy(small_site, tmp_path / "site")
    before = sorted(p.relative_to(output) for p in output.rglob("*"))

    def broken(*args: Any, **kwargs: Any) -> str:
        raise RuntimeError("disk on fire")

    monkeypatch.setattr(site_module, "_dataset_description", broken)  # after every page
    with pytest.raises(RuntimeError, match="disk on fire"):
        build_site(small, output)
    assert sorted(p.relative_to(output) for p in output.rglob("*")) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["site"]


def test_english_at_the_root_and_an_empty_folder(
    small: partnergraph.PartnerGraph, tmp_path: Path
) -> None:
    output = tmp_path / "site"
    output.mkdir()  # empty: fine
    report = build_site(small, output, lang="en")
    assert report.languages == ("en", "da")
    assert '<html lang="en">' in (output / "index.html").read_text(encoding="utf-8")
    assert '<html lang="da">' in (output / "da/index.html").read_text(encoding="utf-8")
    with pytest.raises(ParameterError, match="'sv'"):
        build_site(small, tmp_path / "x", lang="sv")


# --- in a real browser -------------------------------------------------------------------------


def _screenshot_folder(tmp_path: Path) -> Path:
    return ROOT / "docs" if os.environ.get("PARTNERGRAPH_SCREENSHOTS") == "docs" else tmp_path


@pytest.mark.slow
def test_pages_in_a_browser_from_file_with_the_network_cut_off(
    site: Path, browser: Any, tmp_path: Path
) -> None:
    from browser import new_page

    shots = _screenshot_folder(tmp_path)
    with new_page(browser, width=1280, height=900) as page:
        page.page.goto((site / "index.html").as_uri(), wait_until="load")
        assert page.page.title().startswith("Norddjurs Kommunes")
        # The stylesheet applied (so 'self' works from file://).
        colour = page.js("getComputedStyle(document.querySelector('.topbar')).backgroundColor")
        assert colour == "rgb(16, 42, 67)"
        page.page.screenshot(path=str(shots / "site-home.png"), full_page=True)
        page.page.get_by_role("link", name="Partnerskab med VIA University College").first.click()
        page.page.wait_for_load_state("load")
        assert page.page.url.endswith("/doc/partnership-via.html")
        heading = page.page.locator("h1").inner_text()
        assert heading == "Partnerskab med VIA University College"
        facts = page.page.locator(".facts").first.inner_text()
        assert "Norddjurs Kommune" in facts and "VIA University College" in facts
        assert page.page.locator("svg.ego a").count() >= 5
        page.page.screenshot(path=str(shots / "site-partnership.png"), full_page=True)
        # Sorting a result table of the query library.
        page.page.goto((site / "en/queries.html").as_uri(), wait_until="load")
        table = page.page.locator("#result-partnerships")
        # the second column, the partnership's name (the first is whose it is: one municipality)
        table.locator("button.sort").nth(1).click()
        first = table.locator("tbody tr").first.locator("td").nth(1).inner_text()
        table.locator("button.sort").nth(1).click()
        last = table.locator("tbody tr").first.locator("td").nth(1).inner_text()
        assert first != last
        assert page.blocked == []
        assert page.errors == []


def test_home_opens_with_the_same_needs_action_list_as_the_agenda(
    kg: partnergraph.PartnerGraph, tmp_path: Path
) -> None:
    from partnergraph.query.actions import needs_action

    output = build_site(kg, tmp_path / "public", as_of="2026-12-06").output
    home = (output / "index.html").read_text(encoding="utf-8")
    assert home.index('id="needs-action"') < home.index('class="explore"')
    assert "status pr. 2026-12-06, ifølge Notat: Oversigt" in home
    for item in needs_action(kg, "2026-12-06"):
        assert item.title in home
    english = (output / "en" / "index.html").read_text(encoding="utf-8")
    assert "Needs action" in english and "status as of 2026-12-06" in english
    au = (output / "doc" / "agreement-au-2022.html").read_text(encoding="utf-8")
    assert "Status pr. 2026-12-06: udløbet (ifølge kilden: gældende)" in au


def test_query_answers_have_column_titles_and_names_link_to_their_things(site: Path) -> None:
    page = (site / "queries.html").read_text(encoding="utf-8")
    assert ">Næste behandling</button>" in page and ">nextTreatment</button>" not in page
    assert '<a href="doc/partnership-halmstad.html">Partnerskab med Halmstad Kommune</a>' in page
