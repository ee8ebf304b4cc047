"""The public Python API: every verb of the command line is one name in ``partnergraph``, and
the JSON the command line prints is what the result values' ``to_dict()`` say."""

from __future__ import annotations

import inspect
import json
import subprocess
import sys
from typing import Any

import pytest
import typer.main
from typer.testing import CliRunner

import partnergraph
from partnergraph.cli.app import app

PUBLIC = [
    "Agenda",
    "Answer",
    "AskResult",
    "DataError",
    "Description",
    "GraphResult",
    "NamedQuery",
    "NetworkStats",
    "OutputError",
    "Overview",
    "ParameterError",
    "PartnerGraph",
    "PartnergraphError",
    "QueryError",
    "QuerySyntaxError",
    "SelectResult",
    "ServerConfig",
    "Stats",
    "UnknownEntityError",
    "UnknownQueryError",
    "UnsafeQueryError",
    "ValidationReport",
    "__version__",
    "agenda",
    "build_site",
    "diff",
    "export_network",
    "figure",
    "generate",
    "import_edition",
    "import_workbook",
    "load",
    "network_stats",
    "overview",
    "pull",
    "push",
    "report",
    "serve",
    "template",
]

VERBS = {
    # command line → where Python finds it: a function of the package or a PartnerGraph method
    "queries": "PartnerGraph.queries",
    "query": "PartnerGraph.answer",
    "validate": "PartnerGraph.validate",
    "export": "PartnerGraph.export",
    "describe": "PartnerGraph.describe",
    "stats": "PartnerGraph.stats",
    "viz": "PartnerGraph.viz",
    "generate": "generate",
    "template": "template",
    "import": "import_edition",
    "agenda": "agenda",
    "diff": "diff",
    "serve": "serve",
    "site": "build_site",
    "push": "push",
    "pull": "pull",
    "report": "report",
    "network stats": "network_stats",
    "network export": "export_network",
    "network figure": "figure",
}

HEAVY = {"rdflib", "pyoxigraph", "networkx", "pyshacl", "jinja2", "starlette", "openpyxl"}

runner = CliRunner(env={"COLUMNS": "200", "PARTNERGRAPH_LANG": None})


def _json(*args: str) -> Any:
    result = runner.invoke(app, list(args))
    assert result.exit_code in (0, 1), result.output
    return json.loads(result.stdout)


def test_the_public_api_is_exactly_these_names() -> None:
    assert partnergraph.__all__ == PUBLIC
    assert dir(partnergraph) == sorted(PUBLIC)


@pytest.mark.parametrize("name", PUBLIC)
def test_every_public_name_resolves_to_partnergraphs_own_object(name: str) -> None:
    value = getattr(partnergraph, name)
    if name != "__version__":
        assert value.__module__.startswith("partnergraph."), value
        assert value.__name__ == name


def test_an_unknown_name_is_an_attribute_error() -> None:
    with pytest.raises(AttributeError, match="no attribute 'network_statistics'"):
        _ = partnergraph.network_statistics  # type: ignore[attr-defined]


def test_every_command_of_the_cli_has_its_verb_in_python() -> None:
    root = typer.main.get_command(app)
    assert isinstance(root, typer.main.TyperGroup)
    commands = set()
    for name, command in root.commands.items():
        subcommands = getattr(command, "commands", None)
        commands |= {f"{name} {sub}" for sub in subcommands} if subcommands else {name}
    assert commands == set(VERBS)
    for where in VERBS.values():
        owner, _, attribute = where.rpartition(".")
        found = getattr(getattr(partnergraph, owner) if owner else partnergraph, attribute)
        assert callable(found), where


def test_importing_partnergraph_loads_no_heavy_library() -> None:
    probe = "import sys, partnergraph; print(sorted({m.split('.')[0] for m in sys.modules}))"
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True)
    assert not HEAVY & set(json.loads(done.stdout.replace("'", '"')))


@pytest.fixture(scope="module")
def kg() -> partnergraph.PartnerGraph:
    return partnergraph.load()


def test_describe_json_is_the_descriptions_to_dict(kg: partnergraph.PartnerGraph) -> None:
    printed = _json("describe", "VIA University College", "-f", "json", "--as-of", "2025-06-01")
    described = kg.describe("VIA University College", lang="da", as_of="2025-06-01")
    assert printed == described.to_dict()
    assert printed["incoming"] and printed["label"] == described.label


def test_describe_gives_an_agreements_status_line_as_the_cli_prints_it(
    kg: partnergraph.PartnerGraph,
) -> None:
    from partnergraph.query.status import agreement_statuses

    agreement = agreement_statuses(kg, "2025-06-01", "en")[0]
    described = kg.describe(agreement.iri, lang="en", as_of="2025-06-01")
    assert described.status.startswith("Status as of 2025-06-01: ")
    assert agreement.state_label in described.status
    printed = _json("describe", agreement.iri, "-f", "json", "--as-of", "2025-06-01", "-l", "en")
    assert printed["status"] == described.status
    shown = runner.invoke(app, ["describe", agreement.iri, "--as-of", "2025-06-01", "-l", "en"])
    assert described.status in shown.stdout
    later = kg.describe(agreement.iri, lang="en", as_of="2031-01-01").status
    assert later.startswith("Status as of 2031-01-01: ")


def test_agenda_json_is_the_agendas_to_dict(kg: partnergraph.PartnerGraph) -> None:
    printed = _json("agenda", "--as-of", "2025-06-01", "-f", "json", "-l", "en")
    upcoming = partnergraph.agenda(kg, as_of="2025-06-01", lang="en")
    assert printed == upcoming.to_dict()
    assert printed["items"] and printed["status"] == upcoming.note
    assert upcoming.note.startswith("status as of 2025-06-01, according to ")


def test_query_prints_the_answer_with_the_named_querys_titles(
    kg: partnergraph.PartnerGraph,
) -> None:
    answer = kg.answer("partnerships", lang="en")
    named = kg.named_query("partnerships")
    assert answer.title == named.title("en") and answer.column_titles == named.column_titles("en")
    shown = runner.invoke(app, ["query", "partnerships", "--lang", "en"])
    assert shown.exit_code == 0 and answer.title in shown.stdout
    ad_hoc = kg.answer(sparql="SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }")
    assert ad_hoc.title is None and ad_hoc.column_titles == {}
    assert _json("query", "--sparql", "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }", "-f", "json")[
        "results"
    ]["bindings"][0]["n"]["value"] == str(ad_hoc.result.rows[0][0])
    with pytest.raises(TypeError, match="exactly one"):
        kg.answer("partnerships", sparql="ASK {}")


def test_stats_and_validate_json_are_their_to_dict(kg: partnergraph.PartnerGraph) -> None:
    assert _json("stats", "-f", "json", "-l", "en") == kg.stats(lang="en").to_dict()
    assert _json("validate", "-f", "json") == kg.validate(lang="da").to_dict()


def test_network_stats_json_and_csv_come_from_the_statistics(
    kg: partnergraph.PartnerGraph,
) -> None:
    stats = partnergraph.network_stats(kg.network("themes"), top=4)
    assert _json("network", "stats", "-P", "themes", "--top", "4", "-f", "json") == stats.to_dict()
    csv = runner.invoke(app, ["network", "stats", "-P", "themes", "--top", "4", "-f", "csv"])
    assert csv.stdout_bytes == stats.to_csv().encode("utf-8")
    assert len(csv.stdout.splitlines()) == 1 + len(stats.rows())


def test_the_query_listing_is_each_named_querys_summary(kg: partnergraph.PartnerGraph) -> None:
    listed = _json("queries", "-f", "json", "--lang", "en")
    assert listed == [q.summary("en") for q in sorted(kg.queries(), key=lambda q: q.name)]
    for named in kg.queries():
        listed_as = named.to_dict()
        assert set(listed_as["title"]) == {"da", "en"}, named.name
        assert [p["name"] for p in listed_as["parameters"]] == [p.name for p in named.parameters]
        assert "path" not in json.dumps(listed_as)


def test_library_functions_take_the_options_their_command_takes() -> None:
    options = set(inspect.signature(partnergraph.build_site).parameters)
    assert {"output", "lang", "base_url", "as_of", "previous"} <= options
    options = set(inspect.signature(partnergraph.import_edition).parameters)
    assert {"workbook", "output", "lang", "replaces", "issued", "license"} <= options
