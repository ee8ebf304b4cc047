"""A finding on a blank node names it by what it is and what points to it, in the reader's
language ("periode for «Aftale med kun én part»"), never by its made-up id or an English-only
"(anonymous)": from the command line and from Python, on both validation engines, and in
``describe``.
"""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest
from rdflib import BNode
from typer.testing import CliRunner

import partnergraph
from partnergraph.cli.app import app
from partnergraph.core.messages import t
from partnergraph.engine.memory import MemoryStore
from partnergraph.engine.oxigraph import OxigraphStore
from partnergraph.query import labels
from partnergraph.query.blank_names import blanks_around
from partnergraph.query.validate import validate_dataset, validate_store

VIOLATION = Path(__file__).parent / "fixtures" / "cli" / "violation" / "agreement-one-party.ttl"

PREFIXES = """\
@prefix pg: <https://w3id.org/partnergraph/ontology#> .
@prefix pgid: <https://w3id.org/partnergraph/id/> .
@prefix prov: <http://www.w3.org/ns/prov#> .
@prefix dcterms: <http://purl.org/dc/terms/> .
@prefix dcat: <http://www.w3.org/ns/dcat#> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
"""

PERIOD = (
    PREFIXES
    + """
# Planted: the agreement's period (a blank node) starts after it ends.
pgid:agreement-one-party dcterms:temporal [ a dcterms:PeriodOfTime ;
    dcat:startDate "2019-03-01"^^xsd:date ; dcat:endDate "2018-06-30"^^xsd:date ] .
"""
)

NAMES = {
    "da": "periode for «Aftale med kun én part»",
    "en": "period of «Agreement with only one party»",
}

runner = CliRunner(env={"COLUMNS": "200", "PARTNERGRAPH_LANG": None})


@pytest.fixture(scope="module")
def planted(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("blank")
    shutil.copy(VIOLATION, folder)
    (folder / "period.ttl").write_text(PERIOD, encoding="utf-8")
    return folder


def _cli(*args: str | Path) -> tuple[int, str]:
    result = runner.invoke(app, [str(a) for a in args])
    return result.exit_code, result.stdout


def _blank_ids(folder: Path) -> set[str]:
    code, out = _cli("--data", folder, "validate", "--format", "json")
    assert code == 1
    return {i["focus"] for i in json.loads(out)["issues"] if not i["focus"].startswith("http")}


@pytest.mark.parametrize("lang", ["da", "en"])
def test_validate_names_a_blank_period_by_its_agreement_in_the_readers_language(
    planted: Path, lang: str
) -> None:
    code, out = _cli("--data", planted, "validate", "--lang", lang)
    assert code == 1
    assert NAMES[lang] in out.splitlines()  # the heading: the name alone
    finding = out.split(NAMES[lang], 1)[1]
    assert ("starter efter" if lang == "da" else "starts after") in finding
    assert "(anonymous)" not in out and "<None>" not in out
    # the heading names it, so the value (the period itself) is not shown again as an id
    assert not re.search(r"\b[0-9a-f]{32}\b", out)


@pytest.mark.parametrize("lang", ["da", "en"])
def test_validate_names_a_blank_period_when_the_language_comes_from_the_environment(
    planted: Path, lang: str
) -> None:
    result = runner.invoke(
        app, ["--data", str(planted), "validate"], env={"PARTNERGRAPH_LANG": lang}
    )
    assert NAMES[lang] in result.stdout.splitlines()


def test_validate_json_keeps_the_blank_id_and_adds_the_readable_name(planted: Path) -> None:
    code, out = _cli("--data", planted, "validate", "--format", "json", "--lang", "en")
    assert code == 1
    issues = [i for i in json.loads(out)["issues"] if not i["focus"].startswith("http")]
    assert issues, "the planted period is reported"
    for issue in issues:
        assert issue["label"] == NAMES["en"]
        assert issue["value"] == issue["focus"]  # the raw id is kept for programs
        assert issue["value_label"] == NAMES["en"]
    assert _blank_ids(planted) and all(len(i) > 8 for i in _blank_ids(planted))


@pytest.mark.parametrize("engine", ["sparql", "pyshacl"])
@pytest.mark.parametrize("lang", ["da", "en"])
def test_python_report_names_the_blank_period_on_both_engines(
    planted: Path, engine: str, lang: str
) -> None:
    kg = partnergraph.load([planted])
    report = validate_store(kg.store, lang, engine=engine)
    blank = [i for i in report.issues if isinstance(i.focus, BNode)]
    assert blank and {i.focus_label for i in blank} == {NAMES[lang]}
    assert NAMES[lang] in report.by_focus()
    assert all(i.value_shown is None for i in blank)


def test_pyshacl_alone_names_the_blank_period_too(planted: Path) -> None:
    kg = partnergraph.load([planted], store="memory")
    dataset = kg.store.to_dataset()
    report = validate_dataset(dataset, "da")
    assert NAMES["da"] in {i.focus_label for i in report.issues}


NESTED = (
    PREFIXES
    + """
# Planted: a period inside an attribution (a blank node inside a blank node), with a label.
pgid:agreement-one-party prov:qualifiedAttribution [ a prov:Attribution ;
    prov:agent pgid:lonely-town ;
    dcterms:temporal [ a dcterms:PeriodOfTime ; rdfs:label "sommer 2019"@da ;
        dcat:startDate "2019-08"^^xsd:gYearMonth ; dcat:endDate "2019-06"^^xsd:gYearMonth ] ] .
"""
)


def test_a_blank_node_inside_a_blank_node_is_named_through_both(tmp_path: Path) -> None:
    shutil.copy(VIOLATION, tmp_path)
    (tmp_path / "nested.ttl").write_text(NESTED, encoding="utf-8")
    report = partnergraph.load([tmp_path]).validate(lang="da")
    names = {i.focus_label for i in report.issues if isinstance(i.focus, BNode)}
    unnamed = t("blank.thing", "da")
    assert names == {f"periode «sommer 2019» for «{unnamed} for «Aftale med kun én part»»"}


def test_two_blank_periods_of_one_agreement_get_two_headings(tmp_path: Path) -> None:
    shutil.copy(VIOLATION, tmp_path)
    second = PERIOD.replace("2019-03-01", "2021-01-01").replace("2018-06-30", "2020-01-01")
    (tmp_path / "a.ttl").write_text(PERIOD, encoding="utf-8")
    (tmp_path / "b.ttl").write_text(second, encoding="utf-8")
    report = partnergraph.load([tmp_path]).validate(lang="da")
    headings = [h for h in report.by_focus() if h.startswith(NAMES["da"])]
    assert sorted(headings) == [NAMES["da"], f"{NAMES['da']} (2)"]


@pytest.mark.parametrize("lang", ["da", "en"])
def test_describe_names_a_blank_node_that_points_to_the_thing(tmp_path: Path, lang: str) -> None:
    shutil.copy(VIOLATION, tmp_path)
    (tmp_path / "nested.ttl").write_text(NESTED, encoding="utf-8")
    code, out = _cli("--data", tmp_path, "describe", "Ensom Kommune", "-f", "json", "-l", lang)
    assert code == 0, out
    incoming = json.loads(out)["incoming"]
    owner = "Aftale med kun én part" if lang == "da" else "Agreement with only one party"
    word = t("blank.thing", lang)
    assert t("blank.of", lang, kind=word, owner=owner) in {i["from"] for i in incoming}
    assert "(anonymous)" not in out


@pytest.mark.parametrize(("lang", "word"), [("da", "(unavngiven ting)"), ("en", "(unnamed thing)")])
def test_a_blank_node_with_nothing_known_is_an_unnamed_thing_in_the_readers_language(
    lang: str, word: str
) -> None:
    labeller = labels.Labeller(partnergraph.load([VIOLATION]).store)
    assert labeller(BNode(), lang) == word


def test_looking_blank_nodes_up_by_id_names_them_as_the_query_over_all_of_them(
    tmp_path: Path,
) -> None:
    shutil.copy(VIOLATION, tmp_path)
    (tmp_path / "nested.ttl").write_text(NESTED, encoding="utf-8")
    (tmp_path / "period.ttl").write_text(PERIOD, encoding="utf-8")
    store = partnergraph.load([tmp_path], store="oxigraph").store
    assert isinstance(store, OxigraphStore)
    scanned = blanks_around(store)
    met = sorted(set(scanned.referrers) | set(scanned.types), key=str)
    assert len(met) == 3  # the period, the attribution and the period inside it
    looked_up = blanks_around(store, nodes=met)
    memory = blanks_around(MemoryStore(store.to_dataset()))
    for lang in ("da", "en"):
        labeller = labels.Labeller(store, lang)
        scanned.teach(labeller)
        names = [scanned.name(node, labeller, lang) for node in met]
        assert names == [looked_up.name(node, labeller, lang) for node in met]
        assert names == [memory.name(node, labeller, lang) for node in met]
        assert any(name.startswith(t("blank.thing", lang)) for name in names)
