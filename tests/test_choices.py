"""A value picked from a few can be typed in Danish too (``--projection aktører``,
``--section tabel``), the help says in the reader's language what each value means, and an
unknown value is refused naming the accepted ones in the reader's language; the English tokens
keep working for the scripts and documents that use them.
"""

from __future__ import annotations

import html
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

import partnergraph
from partnergraph.cli.app import app
from partnergraph.core.choices import choose, listed
from partnergraph.core.errors import ParameterError
from partnergraph.core.messages import t, using
from partnergraph.network.projections import PROJECTIONS
from partnergraph.views.figure import figure
from partnergraph.views.report import SECTIONS

runner = CliRunner(env={"COLUMNS": "200", "PARTNERGRAPH_LANG": None})


def cli(*args: str | Path) -> tuple[int, str, str]:
    result = runner.invoke(app, [str(a) for a in args])
    return result.exit_code, result.stdout, result.stderr


@pytest.fixture(scope="module")
def kg() -> partnergraph.PartnerGraph:
    return partnergraph.load()


@pytest.mark.parametrize("token", list(PROJECTIONS))
def test_a_projection_typed_in_danish_gives_the_same_network_as_its_token(token: str) -> None:
    danish = t(f"choice.projection.{token}", "da")
    assert danish != token
    answers = []
    for given in (token, danish, danish.upper()):
        code, out, err = cli("network", "stats", "-P", given, "-f", "json", "--top", "3")
        assert code == 0, err
        answers.append(json.loads(out))
    assert answers[0] == answers[1] == answers[2]


def test_the_summary_names_the_projection_typed_in_danish_as_the_tokens_does() -> None:
    by_token = cli("network", "stats", "-P", "themes", "--top", "1")[1]
    by_word = cli("network", "stats", "-P", "temaer", "--top", "1")[1]
    assert by_word == by_token and by_token.startswith(t("net.projection.themes", "da"))


@pytest.mark.parametrize(
    ("lang", "expected"),
    [
        ("da", "fejl: ukendt netværk 'venner': vælg blandt samarbejde (collaboration), "
         "aktører (actors) eller temaer (themes)"),
        ("en", "error: unknown network projection 'venner': choose from collaboration, actors or "
         "themes"),
    ],
)  # fmt: skip
def test_an_unknown_projection_is_refused_naming_the_accepted_ones_in_the_readers_language(
    lang: str, expected: str
) -> None:
    code, out, err = cli("network", "stats", "-P", "venner", "--lang", lang)
    assert code == 2 and out == ""
    assert err.strip() == expected


def test_every_word_the_danish_help_names_for_a_projection_is_accepted() -> None:
    env = {k: v for k, v in os.environ.items() if k != "PARTNERGRAPH_LANG"}
    env["COLUMNS"] = "300"
    shown = subprocess.run(
        [sys.executable, "-m", "partnergraph.cli.app", "network", "stats", "--help"],
        env=env,
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    flat = " ".join(shown.replace("│", " ").split())
    for token in PROJECTIONS:
        word = t(f"choice.projection.{token}", "da")
        assert f"{word} ({token})" in flat
        assert choose("projection", word, tuple(PROJECTIONS)) == token


def test_python_takes_the_danish_words_too(kg: partnergraph.PartnerGraph) -> None:
    by_token = kg.network("collaboration")
    by_word = kg.network("samarbejde")
    assert sorted(by_word.nodes) == sorted(by_token.nodes)
    assert sorted(by_word.edges) == sorted(by_token.edges)
    assert figure(kg, "temaer", lang="en") == figure(kg, "themes", lang="en")
    shown = kg.viz("aktører", overview=False)
    assert sorted(shown.graph.nodes) == sorted(kg.network("actors").nodes)
    with using("en"), pytest.raises(ParameterError, match="choose from collaboration, actors"):
        kg.network("venner")


def test_a_report_section_typed_in_danish_is_the_same_section(tmp_path: Path) -> None:
    made = []
    for given in ("table", "tabel"):
        out = tmp_path / f"{given}.md"
        code, _, err = cli("report", "--section", given, "--as-of", "2025-01-01", "-o", out)
        assert code == 0, err
        made.append(out.read_text(encoding="utf-8"))
    assert made[0] == made[1]
    heading = t("report.text.section.table", "da")
    assert heading in made[0]


def test_an_unknown_report_section_names_every_section_in_danish_words() -> None:
    code, _, err = cli("report", "--section", "nope", "-f", "md")
    assert code == 2
    assert all(f"{t(f'choice.section.{s}', 'da')} ({s})" in err for s in SECTIONS)


def test_the_accepted_values_read_as_a_danish_or_an_english_sentence() -> None:
    tokens = ("collaboration", "actors")
    assert listed("projection", tokens, "da") == "samarbejde (collaboration) eller aktører (actors)"
    assert listed("projection", tokens, "en") == "collaboration or actors"
    assert choose("projection", " Aktører ", tokens) == "actors"


def test_the_server_network_page_takes_the_danish_words_and_refuses_in_the_request_language() -> (
    None
):
    from starlette.testclient import TestClient

    from partnergraph.server import ServerConfig, create_app
    from partnergraph.server.pages import page_routes

    config = ServerConfig(workers=1, spare_workers=0, extra_routes=page_routes())
    with TestClient(create_app(config)) as http:
        by_word = http.get("/network", params={"projection": "aktører"})
        assert by_word.status_code == 200
        assert t("net.projection.actors", "da") in by_word.text
        refused = http.get("/network", params={"projection": "venner", "lang": "en"})
        assert refused.status_code == 400
        said = html.unescape(refused.text)
        assert "unknown network projection 'venner': choose from collaboration" in said
        danish = http.get("/network", params={"projection": "venner"})
        assert "vælg blandt samarbejde (collaboration), aktører (actors)" in html.unescape(
            danish.text
        )
