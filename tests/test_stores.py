"""Every store gives the same answers, and the on-disk store is built once and kept fresh."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from rdflib import Dataset, Graph
from rdflib.compare import isomorphic

import partnergraph
from partnergraph.core.errors import ParameterError
from partnergraph.engine import ondisk
from partnergraph.io import loading
from partnergraph.io.results import SelectResult

ROOT = Path(__file__).resolve().parents[1]
GOLDEN = sorted((ROOT / "tests" / "golden").glob("*.en.json"))


@pytest.fixture(autouse=True)
def _english(monkeypatch: pytest.MonkeyPatch) -> None:
    """These tests pin English wording (the Danish default is tested in test_danish.py)."""
    monkeypatch.setenv("PARTNERGRAPH_LANG", "en")


@pytest.fixture(scope="module")
def disk_path(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("store") / "norddjurs.oxigraph"


@pytest.fixture(scope="module")
def graphs(disk_path: Path) -> dict[str, partnergraph.PartnerGraph]:
    return {
        "memory": partnergraph.load(store="memory"),
        "oxigraph": partnergraph.load(store="oxigraph"),
        "disk": partnergraph.load(store=f"oxigraph:{disk_path}"),
    }


def _rows(result: object) -> list[tuple[str | None, ...]]:
    assert isinstance(result, SelectResult)
    return [tuple(None if c is None else str(c) for c in row) for row in result.rows]


@pytest.mark.parametrize("store", ["oxigraph", "disk"])
@pytest.mark.parametrize("golden", GOLDEN, ids=lambda p: p.stem)
def test_every_store_answers_the_library_like_rdflib(
    graphs: dict[str, partnergraph.PartnerGraph], store: str, golden: Path
) -> None:
    case = json.loads(golden.read_text(encoding="utf-8"))
    expected = graphs["memory"].query(case["query"], case["params"], lang="en")
    actual = graphs[store].query(case["query"], case["params"], lang="en")
    assert isinstance(expected, SelectResult) and isinstance(actual, SelectResult)
    assert actual.variables == expected.variables
    # Cells made by GROUP_CONCAT may list their parts in another order on another engine.
    assert sorted(map(_sorted_cells, _rows(actual))) == sorted(map(_sorted_cells, _rows(expected)))


def _sorted_cells(row: tuple[str | None, ...]) -> tuple[str, ...]:
    return tuple(
        "" if c is None else "; ".join(sorted(c.replace(", ", "; ").split("; "))) for c in row
    )


@pytest.mark.parametrize("store", ["oxigraph", "disk"])
@pytest.mark.parametrize("fmt", ["ttl", "nt", "xml", "jsonld", "trig"])
def test_every_store_exports_the_same_graph(
    graphs: dict[str, partnergraph.PartnerGraph], store: str, fmt: str
) -> None:
    parse_as = {"ttl": "turtle", "nt": "nt", "xml": "xml", "jsonld": "json-ld", "trig": "trig"}
    if fmt == "trig":
        ours, theirs = Dataset(), Dataset()
        ours.parse(data=graphs[store].export(fmt), format="trig")
        theirs.parse(data=graphs["memory"].export(fmt), format="trig")
        names = {str(g.identifier) for g in theirs.graphs() if len(g)}
        assert {str(g.identifier) for g in ours.graphs() if len(g)} == names
        for name in names:
            assert isomorphic(ours.graph(name), theirs.graph(name)), name
        return
    ours_g = Graph().parse(data=graphs[store].export(fmt), format=parse_as[fmt])
    theirs_g = Graph().parse(data=graphs["memory"].export(fmt), format=parse_as[fmt])
    assert isomorphic(ours_g, theirs_g)


@pytest.mark.parametrize("store", ["oxigraph", "disk"])
def test_describe_stats_validate_and_networks_agree_across_stores(
    graphs: dict[str, partnergraph.PartnerGraph], store: str
) -> None:
    reference, other = graphs["memory"], graphs[store]
    assert other.describe("Stena Line", lang="en") == reference.describe("Stena Line", lang="en")
    assert other.stats(lang="en") == reference.stats(lang="en")
    assert other.validate().conforms
    for projection in ("collaboration", "actors", "themes"):
        a, b = other.network(projection), reference.network(projection)
        assert dict(a.nodes(data=True)) == dict(b.nodes(data=True))
        assert {(u, v): d for u, v, d in a.edges(data=True)} == {
            (u, v): d for u, v, d in b.edges(data=True)
        }


def _copy_data(tmp_path: Path) -> Path:
    folder = tmp_path / "data"
    shutil.copytree(ROOT / "data", folder)
    return folder


def test_disk_store_is_built_once_and_reused(tmp_path: Path) -> None:
    data = _copy_data(tmp_path)
    where = tmp_path / "store"
    partnergraph.load([data], store=f"oxigraph:{where}").close()
    manifest = where / ondisk.MANIFEST
    built = manifest.stat().st_mtime_ns
    kg = partnergraph.load([data], store=f"oxigraph:{where}")
    assert manifest.stat().st_mtime_ns == built
    assert len(kg.query("formal-partnerships")) == 3  # type: ignore[arg-type]


def test_disk_store_is_rebuilt_when_a_data_file_changes(tmp_path: Path) -> None:
    data = _copy_data(tmp_path)
    where = tmp_path / "store"
    before = partnergraph.load([data], store=f"oxigraph:{where}")
    count = len(before)
    before.close()
    extra = data / "extra.ttl"
    extra.write_text(
        "<https://example.org/a> <https://example.org/b> <https://example.org/c> .\n",
        encoding="utf-8",
    )
    after = partnergraph.load([data], store=f"oxigraph:{where}")
    assert len(after) == count + 1


def test_interrupted_build_leaves_the_previous_store_in_place(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    data = _copy_data(tmp_path)
    where = tmp_path / "store"
    partnergraph.load([data], store=f"oxigraph:{where}").close()
    (data / "norddjurs.ttl").write_text(
        (data / "norddjurs.ttl").read_text(encoding="utf-8") + "\n# changed\n", encoding="utf-8"
    )

    def crash(*args: object, **kwargs: object) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(ondisk, "load_into", crash)
    with pytest.raises(KeyboardInterrupt):
        partnergraph.load([data], store=f"oxigraph:{where}")
    monkeypatch.undo()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["data", "store"]
    old = json.loads((where / ondisk.MANIFEST).read_text(encoding="utf-8"))
    assert old != ondisk._fingerprint(loading.input_files([data]))
    kg = partnergraph.load([data], store=f"oxigraph:{where}")  # rebuilt now
    assert len(kg.query("formal-partnerships")) == 3  # type: ignore[arg-type]


def test_disk_store_refuses_a_folder_that_is_not_a_store(tmp_path: Path) -> None:
    folder = tmp_path / "precious"
    folder.mkdir()
    (folder / "notes.txt").write_text("mine", encoding="utf-8")
    with pytest.raises(ParameterError) as refused:
        partnergraph.load(store=f"oxigraph:{folder}")
    assert refused.value.key == "store.foreign"
    assert "not a partnergraph store" in refused.value.render("en")
    assert (folder / "notes.txt").read_text(encoding="utf-8") == "mine"


def test_unknown_store_names_the_valid_ones() -> None:
    with pytest.raises(ParameterError, match="memory, oxigraph, oxigraph:PATH or sparql:URL"):
        partnergraph.load(store="postgres")
