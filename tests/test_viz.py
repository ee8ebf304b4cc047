"""The HTML network view is one safe, self-contained file (no browser needed for these checks)."""

from __future__ import annotations

import html
import json
import math
import os
import time
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import networkx as nx  # type: ignore[import-untyped,unused-ignore]
import pytest

from partnergraph.core.errors import OutputError
from partnergraph.network import layout
from partnergraph.rdf.kinds import KINDS
from partnergraph.views import network_page as viz

IRI = "https://w3id.org/partnergraph/id/"
HOSTILE_IMG = "<img src=x onerror=alert(1)>"
HOSTILE_SCRIPT = "</script><script>window.pwned=1</script>"


def node_attrs(label_da: str, label_en: str, kind: str, **extra: str) -> dict[str, str]:
    attrs = {
        "label": label_da,
        "label_da": label_da,
        "label_en": label_en,
        "type": kind,
        "type_label": kind,
        "start": "",
        "end": "",
        "period": "",
        "source": "",
        "collaboration_type": "",
        "category": "",
        "themes": "",
        "sdg": "",
    }
    attrs.update(extra)
    return attrs


def small_graph() -> nx.DiGraph:
    g = nx.DiGraph()
    g.add_node(
        IRI + "kommune",
        iri=IRI + "kommune",
        **node_attrs("Kommunen", "The municipality", "organisation"),
    )
    g.add_node(
        IRI + "p1",
        iri=IRI + "p1",
        **node_attrs(
            "Samarbejde om klima",
            "Collaboration on climate",
            "partnership",
            start="2018",
            end="2022-06",
            collaboration_type="Strategisk samarbejde",
            themes="klima; mobilitet",
            sdg="13.2; 17.17",
        ),
    )
    g.add_node(
        IRI + "t1", iri=IRI + "t1", **node_attrs("klima", "climate", "theme", themes="klima")
    )
    g.add_node(
        IRI + "x", iri=IRI + "x", **node_attrs("Noget", "Something", "mystery", type_label="gåde")
    )
    g.add_edge(IRI + "kommune", IRI + "p1", relation="member-of", label="medlem af", weight=1)
    g.add_edge(IRI + "p1", IRI + "t1", relation="theme", label="har tema", weight=2)
    g.add_edge(IRI + "x", IRI + "p1", relation="pondering", label="grubler over", weight=1)
    return g


def hostile_graph() -> nx.Graph:
    g = nx.Graph()
    for i, label in enumerate([HOSTILE_IMG, HOSTILE_SCRIPT, "A & B \u2028 <b>bold</b>"]):
        g.add_node(f"{IRI}h{i}", iri=f"{IRI}h{i}", **node_attrs(label, label, "organisation"))
    g.add_edge(f"{IRI}h0", f"{IRI}h1", relation="<rel>", label=HOSTILE_SCRIPT, weight=1)
    return g


class PageParser(HTMLParser):
    """Collects every attribute and the text of each <script>."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.attributes: list[tuple[str, str, str]] = []
        self.scripts: list[tuple[dict[str, str], str]] = []
        self.tags: list[str] = []
        self._script: dict[str, str] | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)
        for name, value in attrs:
            self.attributes.append((tag, name, value or ""))
        if tag == "script":
            self._script = {name: value or "" for name, value in attrs}
            self.scripts.append((self._script, ""))

    def handle_data(self, data: str) -> None:
        if self._script is not None:
            attrs, text = self.scripts[-1]
            self.scripts[-1] = (attrs, text + data)

    def handle_endtag(self, tag: str) -> None:
        if tag == "script":
            self._script = None


def parse(page: str) -> PageParser:
    parser = PageParser()
    parser.feed(page)
    parser.close()
    return parser


def page_data(page: str) -> dict[str, Any]:
    (text,) = [t for a, t in parse(page).scripts if a.get("id") == "pg-data"]
    data: dict[str, Any] = json.loads(text)
    return data


def test_page_loads_nothing_from_another_host() -> None:
    page = viz.render_html(small_graph())
    parser = parse(page)
    for tag, name, value in parser.attributes:
        if name in {"src", "href", "action", "srcset", "poster", "data"}:
            assert "http://" not in value and "https://" not in value, (tag, name, value)
            assert "//" not in value, (tag, name, value)
    assert "link" not in parser.tags and "iframe" not in parser.tags and "img" not in parser.tags
    assert all("src" not in attrs for attrs, _ in parser.scripts)
    assert [a.get("type") for a, _ in parser.scripts] == ["application/json", None, None]
    assert "@import" not in page
    assert "url(http" not in page.replace(" ", "").lower()


def test_page_forbids_every_other_origin() -> None:
    parser = parse(viz.render_html(small_graph()))
    policies = [
        value
        for tag, name, value in parser.attributes
        if tag == "meta" and name == "content" and "default-src" in value
    ]
    assert policies == [viz.CSP]
    assert "default-src 'none'" in viz.CSP
    assert "http" not in viz.CSP and "*" not in viz.CSP


def test_vis_network_is_inlined_from_pyvis_not_copied() -> None:
    page = viz.render_html(small_graph())
    js, css = viz._vis_library()
    assert "vis-network" in js[:2000] or "vis.Network" in js or "Network" in js
    assert css in page
    assets = Path(viz.__file__).parent / "network_page_assets"
    assert sorted(p.name for p in assets.iterdir()) == ["template.html", "viz.css", "viz.js"]


def test_data_cannot_close_its_script_element() -> None:
    page = viz.render_html(hostile_graph())
    data_start = page.index('id="pg-data">')
    data_end = page.index("</script>", data_start)
    text = page[data_start:data_end]
    for bad in ("<", ">", "&", "\u2028", "\u2029"):
        assert bad not in text.removeprefix('id="pg-data">')
    assert page.lower().count("</script") == 3  # data, vis-network, ours
    assert "window.pwned=1</script>" not in page
    data = page_data(page)
    labels = {n["da"] for n in data["nodes"]}
    assert labels == {HOSTILE_IMG, HOSTILE_SCRIPT, "A & B \u2028 <b>bold</b>"}
    assert {e["da"] for e in data["edges"]} == {HOSTILE_SCRIPT}


def test_page_script_never_uses_inner_html_or_titles() -> None:
    script = (Path(viz.__file__).parent / "network_page_assets" / "viz.js").read_text(
        encoding="utf-8"
    )
    for forbidden in ("innerHTML", "outerHTML", "insertAdjacentHTML", "document.write", "eval("):
        assert forbidden not in script
    data = page_data(viz.render_html(hostile_graph()))
    assert all("title" not in n for n in data["nodes"])
    assert all("title" not in e for e in data["edges"])


def test_title_is_escaped() -> None:
    page = viz.render_html(small_graph(), title=HOSTILE_SCRIPT)
    assert HOSTILE_SCRIPT not in page
    assert html.escape(HOSTILE_SCRIPT) in page


def test_labels_in_both_languages_are_in_the_page() -> None:
    data = page_data(viz.render_html(small_graph(), lang="en"))
    assert data["lang"] == "en"
    nodes = {n["iri"]: n for n in data["nodes"]}
    p1 = nodes[IRI + "p1"]
    assert (p1["da"], p1["en"]) == ("Samarbejde om klima", "Collaboration on climate")
    assert p1["themes"] == ["klima", "mobilitet"]
    assert p1["sdg"] == ["13.2", "17.17"]
    assert p1["collab"] == ["Strategisk samarbejde"]
    assert (p1["start"], p1["end"]) == ("2018", "2022-06")
    types = {t["key"]: t for t in data["types"]}
    assert (types["partnership"]["da"], types["partnership"]["en"]) == (
        "Partnerskab",
        "Partnership",
    )
    assert (types["mystery"]["da"], types["mystery"]["en"]) == ("gåde", "gåde")  # its own label
    edges = {e["rel"]: e for e in data["edges"]}
    assert (edges["member-of"]["da"], edges["member-of"]["en"]) == ("medlem af", "member of")
    assert (edges["pondering"]["da"], edges["pondering"]["en"]) == ("grubler over", "grubler over")
    assert edges["theme"]["weight"] == 2
    assert data["themeNames"] == {"klima": {"da": "klima", "en": "climate"}}


def test_joined_relations_are_translated_part_by_part() -> None:
    assert viz._relation_labels("governs; replaces", "regulerer; afløser") == (
        "regulerer; afløser",
        "governs; replaces",
    )
    assert viz._relation_labels("governs; odd", "regulerer; mærkelig") == (
        "regulerer; mærkelig",
        "governs; mærkelig",
    )
    assert viz._relation_labels("", "x") == ("x", "x")


def test_rejects_unknown_language() -> None:
    with pytest.raises(ValueError, match="lang"):
        viz.render_html(small_graph(), lang="de")


def test_write_html_writes_only_the_target(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    out = viz.write_html(small_graph(), "view.html", lang="en", title="T")
    view = viz.View(small_graph())
    view._repr_html_()
    saved = view.save(tmp_path / "saved.html")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["saved.html", "view.html"]
    assert out == Path("view.html")
    assert saved.read_text(encoding="utf-8") == view.html
    assert page_data(out.read_text(encoding="utf-8"))["title"] == "T"


def test_write_html_reports_a_missing_folder(tmp_path: Path) -> None:
    with pytest.raises(OutputError):
        viz.write_html(small_graph(), tmp_path / "missing" / "view.html")


def test_view_shows_itself_in_a_sandboxed_srcdoc_iframe() -> None:
    view = viz.View(hostile_graph(), lang="en", title="<T>")
    frame = view._repr_html_()
    assert frame.startswith("<iframe srcdoc=")
    parser = parse(frame)
    assert parser.tags == ["iframe"]
    attrs = {name: value for _, name, value in parser.attributes}
    assert attrs["srcdoc"] == view.html
    assert attrs["sandbox"] == "allow-scripts allow-downloads"
    assert "width:100%" in attrs["style"] and "height:600px" in attrs["style"]
    assert "src" not in attrs
    assert "<script" not in frame  # all of the page is inside the escaped attribute
    assert repr(view) == "View(3 nodes, 1 edges)"


def test_small_networks_settle_in_the_browser_big_ones_come_laid_out() -> None:
    small = page_data(viz.render_html(small_graph()))
    assert small["physics"] is True
    assert small["options"]["physics"]["stabilization"]["iterations"] <= 200
    assert small["options"]["layout"]["improvedLayout"] is False
    big_graph = nx.path_graph(viz.PHYSICS_NODE_LIMIT + 1)
    big = page_data(viz.render_html(big_graph))
    assert big["physics"] is False and big["big"] is True
    assert big["options"]["physics"]["enabled"] is False
    assert big["options"]["edges"]["smooth"] is False
    forced = page_data(viz.render_html(small_graph(), physics=False))
    assert forced["physics"] is False


def test_given_positions_are_kept_in_shape() -> None:
    g = small_graph()
    nodes = list(g)
    positions = {nodes[0]: (0.0, 0.0), nodes[1]: (1.0, 0.0), nodes[2]: (0.0, 1.0)}
    data = page_data(viz.render_html(g, positions=positions))
    assert data["physics"] is False
    xy = {n["iri"]: (n["x"], n["y"]) for n in data["nodes"]}
    (x0, y0), (x1, y1), (x2, y2) = (xy[n] for n in nodes[:3])
    assert y1 == y0 and x2 == x0 and x1 - x0 == pytest.approx(y2 - y0, abs=1)
    assert x1 > x0
    assert all(math.isfinite(v) for p in xy.values() for v in p)  # the unplaced node too


def test_layout_is_deterministic_spread_out_and_fast() -> None:
    g = nx.connected_watts_strogatz_graph(400, 4, 0.1, seed=1)
    g.add_nodes_from(range(400, 420))  # isolated nodes
    g.add_edges_from([(500, 501), (501, 502)])  # a second component
    first = layout.layout_positions(g)
    assert first == layout.layout_positions(g)
    points = list(first.values())
    assert len(set(points)) == len(points)
    assert all(math.isfinite(c) for p in points for c in p)
    closest = min(math.dist(a, b) for i, a in enumerate(points[:200]) for b in points[i + 1 : 200])
    assert closest > 10  # pixels: no two nodes on top of each other
    big = nx.barabasi_albert_graph(5000, 2, seed=0)
    started = time.perf_counter()
    layout.layout_positions(big)
    assert time.perf_counter() - started < 20  # about half a second here; a sanity bound


@pytest.mark.parametrize(
    "graph",
    [
        nx.Graph(),
        nx.MultiDiGraph([(1, 2), (1, 2), (2, 2)]),
        nx.star_graph(30),
        nx.complete_graph(3),
    ],
    ids=["empty", "multi-with-loop", "star", "triangle"],
)
def test_odd_graphs_render(graph: nx.Graph) -> None:
    data = page_data(viz.render_html(graph))
    assert len(data["nodes"]) == graph.number_of_nodes()
    assert len(data["edges"]) == graph.number_of_edges()
    assert [n["id"] for n in data["nodes"]] == list(range(graph.number_of_nodes()))


def test_tables_cover_the_network_module() -> None:
    network = pytest.importorskip("partnergraph.network.projections")
    for kind in network.NODE_KINDS:
        assert kind.key in KINDS
    for rule in network.EDGE_RULES:
        assert viz.RELATION_LABELS[rule.relation] == (rule.labels["da"], rule.labels["en"])
    for relation, names in network.DERIVED_RELATIONS.items():
        assert viz.RELATION_LABELS[relation] == (names["da"], names["en"])


def test_types_have_distinct_colours_and_shapes() -> None:
    styles = list(KINDS.values())
    assert len({s.colour for s in styles}) == len(styles)
    assert len({s.shape for s in styles}) == len(styles)


def test_renders_the_bundled_collaboration_network() -> None:
    network = pytest.importorskip("partnergraph.network.projections")
    import partnergraph

    graph = network.collaboration_network(partnergraph.load(), lang="en")
    data = page_data(viz.render_html(graph, lang="en"))
    assert len(data["nodes"]) == graph.number_of_nodes() > 20
    assert len(data["edges"]) == graph.number_of_edges()
    sdg = [n for n in data["nodes"] if n["group"] == "sdg"]
    assert sdg and all(n.get("sdg") for n in sdg)
    assert any(n.get("proposed") for n in data["nodes"])
    unknown = {e["rel"] for e in data["edges"]} - set(viz.RELATION_LABELS)
    assert all("; " in rel for rel in unknown), unknown


@pytest.mark.skipif(os.name == "nt", reason="file modes")
def test_output_is_utf8_text(tmp_path: Path) -> None:
    out = viz.write_html(hostile_graph(), tmp_path / "v.html")
    assert out.read_bytes().decode("utf-8").startswith("<!DOCTYPE html>")
