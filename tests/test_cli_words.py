"""What the command line says around the data is Danish and plain, English on request.

The help names an option's value in a word (STI, DATO, TAL), a flag takes none, and click's
own usage errors ("Missing argument", "Invalid value", ...) are said in the language of the
frame around them. Run as a new user would: the console script's entry point, in a process of
its own, ``PARTNERGRAPH_LANG`` unset unless English is asked for.
"""

from __future__ import annotations

import datetime as dt
import os
import re
import subprocess
import sys

import pytest
from rdflib import URIRef

import partnergraph
from partnergraph.core.errors import ParameterError
from partnergraph.views.agenda import agenda

TYPE_WORDS = re.compile(r"<(?:bool|str|int|float|path|list\[[^\]]*\])[^>]*>|\[x[<>]=")
"""typer's Python type words (``<bool>``, ``<list[Path]>``, ``<int range> [x>=0]``)."""


def run(*args: str, lang: str | None = None) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k not in ("PARTNERGRAPH_LANG", "FORCE_COLOR")}
    env["COLUMNS"] = "120"
    if lang:
        env["PARTNERGRAPH_LANG"] = lang
    command = [sys.executable, "-m", "partnergraph.cli.app", *args]
    return subprocess.run(command, env=env, capture_output=True, text=True, check=False)


def option_row(help_text: str, option: str) -> str:
    """The help table's row of ``option`` (its first line)."""
    return next(line for line in help_text.splitlines() if re.search(rf"│ (\* +)?{option}\b", line))


@pytest.mark.parametrize("lang", ["da", "en"])
@pytest.mark.parametrize("command", [(), ("validate",), ("network", "stats"), ("describe",)])
def test_the_help_names_values_in_words_and_flags_take_none(
    lang: str, command: tuple[str, ...]
) -> None:
    shown = run(*command, "--help", lang=lang).stdout
    assert ("Brug:" if lang == "da" else "Usage:") in shown and TYPE_WORDS.findall(shown) == []
    help_row = option_row(shown, "--help")
    assert help_row.split("│")[1].split()[:2] == ["--help", "-h"]  # nothing after the names
    assert len(help_row.split("│")[1].split()) > 2  # ... but its help text


def test_each_kind_of_value_has_its_word_in_each_language() -> None:
    words = {
        ("da", (), "--data"): "STI",
        ("en", (), "--data"): "PATH",
        ("da", (), "--store"): "TEKST",
        ("en", (), "--store"): "TEXT",
        ("da", ("describe",), "--as-of"): "DATO",
        ("en", ("describe",), "--as-of"): "DATE",
        ("da", ("network", "stats"), "--depth"): "TAL (mindst 0)",
        ("en", ("network", "stats"), "--depth"): "NUMBER (at least 0)",
        ("da", ("pull",), "--from"): "URL",
        ("da", ("agenda",), "--until"): "DATO",
    }
    helps: dict[tuple[str, tuple[str, ...]], str] = {}
    for (lang, command, option), word in words.items():
        if (lang, command) not in helps:
            helps[lang, command] = run(*command, "--help", lang=lang).stdout
        row = option_row(helps[lang, command], option)
        assert f" {word} " in row, (lang, command, option, row)
    for flag in ("--debug", "--rebuild", "--version"):
        cells = option_row(helps["da", ()], flag).split("│")[1].split()
        assert cells[1] in ("Vis", "Erstat"), cells  # its help follows its name at once


def test_an_argument_is_shown_by_its_word() -> None:
    danish = run("describe", "--help").stdout
    assert "Brug: partnergraph describe [TILVALG] {NAVN}" in danish and "thing" not in danish
    assert "describe [OPTIONS] {NAME}" in run("describe", "--help", lang="en").stdout
    assert "diff [TILVALG] {FØR} {EFTER}" in run("diff", "--help").stdout
    group = run("network", "--help").stdout
    assert "Brug: partnergraph network [TILVALG] KOMMANDO ..." in group


USAGE_ERRORS = [
    (("describe",), "Mangler argumentet 'NAVN'.", "Missing argument 'NAME'."),
    (("network", "stats", "--depth", "-1"), "Ugyldig værdi for '--depth': angiv TAL (mindst 0).",
     "Invalid value for '--depth': give NUMBER (at least 0)."),
    (("viz", "--min-weight", "0"), "Ugyldig værdi for '--min-weight': angiv TAL (mindst 1).",
     "Invalid value for '--min-weight': give NUMBER (at least 1)."),
    (("network", "stats", "--top", "x"), "Ugyldig værdi for '--top': angiv TAL (mindst 1).",
     "Invalid value for '--top': give NUMBER (at least 1)."),
    (("describe", "Reno", "Djurs"), "Uventet ekstra argument: Djurs. Et navn med mellemrum",
     "Unexpected extra argument: Djurs. Put a name with spaces in quotes"),
    (("query", "-p"), "-p skal have en værdi efter sig.", "-p needs a value after it."),
    (("qury",), "Ukendt kommando: qury. Mente du query?", "No such command: qury. Did you mean"),
    (("network", "stat"), "Ukendt kommando: stat. Mente du stats?", "No such command: stat."),
]  # fmt: skip


@pytest.mark.parametrize(("args", "danish", "english"), USAGE_ERRORS)
def test_usage_errors_are_said_in_the_language_of_their_frame(
    args: tuple[str, ...], danish: str, english: str
) -> None:
    said = run(*args)
    assert said.returncode == 2 and "Fejl" in said.stderr
    assert danish in " ".join(said.stderr.split()), said.stderr
    assert english.split(":")[0].split("'")[0] not in said.stderr
    said_en = run(*args, lang="en")
    assert said_en.returncode == 2 and "Error" in said_en.stderr
    assert english in " ".join(said_en.stderr.split()), said_en.stderr
    assert "Input should" not in said_en.stderr and "Ugyldig" not in said_en.stderr


@pytest.mark.parametrize("asked", [("--lang", "en"), ("--lang=en",), ("-l", "en"), ("-len",)])
def test_lang_on_the_command_line_words_usage_errors_and_help_before_click_parses_it(
    asked: tuple[str, ...],
) -> None:
    said = run("describe", *asked, "Reno", "Djurs")
    assert said.returncode == 2 and "Error" in said.stderr and "Uventet" not in said.stderr
    assert "Unexpected extra argument: Djurs." in " ".join(said.stderr.split())
    helped = run("validate", "--help", *asked)
    assert "validate [OPTIONS]" in helped.stdout and "Check the graph" in helped.stdout
    assert "Brug:" not in helped.stdout, helped.stdout
    # After "--" it is a name, not the option: the frame stays Danish.
    after = run("describe", "--", "--lang", "en")
    assert "Uventet ekstra argument: en." in " ".join(after.stderr.split()), after.stderr


@pytest.fixture(scope="module")
def kg() -> partnergraph.PartnerGraph:
    return partnergraph.PartnerGraph.load()


def test_the_agenda_library_names_no_command_line_option(kg: partnergraph.PartnerGraph) -> None:
    with pytest.raises(ParameterError) as early:
        agenda(kg, as_of=dt.date(2027, 1, 1), until=dt.date(2026, 1, 1))
    assert early.value.key == "agenda.until" and "--" not in str(early.value)
    assert "slutdatoen 2026-01-01 ligger før statusdatoen" in str(early.value)
    with pytest.raises(ParameterError) as unknown:
        agenda(kg, lang="fr")
    assert unknown.value.key == "lang.unknown" and "ukendt sprog 'fr'" in str(unknown.value)


def test_the_agenda_command_says_what_to_do_with_its_options() -> None:
    said = run("agenda", "--as-of", "2027-01-01", "--until", "2026-01-01")
    assert said.returncode == 2
    assert said.stderr.strip() == (
        "fejl: slutdatoen 2026-01-01 ligger før statusdatoen (2027-01-01), så intet kan komme: "
        "angiv en senere --until"
    )
    english = run("agenda", "--as-of", "2027-01-01", "--until", "2026-01-01", lang="en")
    assert english.stderr.strip().endswith("nothing can come: give a later --until")
    weeks = run("agenda", "-f", "ics", "--alarm-weeks", "-1")
    assert weeks.returncode == 2 and "angiv --alarm-weeks 0 (ingen) eller mere" in weeks.stderr


# --- describe: which source says so, by its title -------------------------------------------


@pytest.mark.parametrize("lang", ["da", "en"])
@pytest.mark.parametrize("thing", ["Reno Djurs", "pgid:status-in-force", "pgid:dataset-register"])
def test_describe_names_every_source_by_its_title(
    kg: partnergraph.PartnerGraph, lang: str, thing: str
) -> None:
    import json

    from partnergraph.io.loading import GRAPH_BASE

    said = run("describe", thing, "-f", "json", "--lang", lang)
    assert said.returncode == 0, said.stderr
    described = json.loads(said.stdout)
    sources = {s for link in described["outgoing"] + described["incoming"] for s in link["said_by"]}
    graphs = {str(g.identifier) for g in kg.dataset.contexts() if len(g)}
    local_names = {g.removeprefix(GRAPH_BASE) for g in graphs}
    assert sources and not sources & local_names, sources
    titles = {kg.label(URIRef(g), lang) for g in graphs}  # a graph's own title ...
    subsets = kg.dataset.subject_objects(URIRef("http://rdfs.org/ns/void#subset"))
    titles |= {kg.label(d, lang) for d, g in subsets if str(g) in graphs}  # ... or its dataset's
    assert sources <= titles, sources - titles


def test_the_editorial_additions_are_said_to_come_from_them(kg: partnergraph.PartnerGraph) -> None:
    import json

    described = json.loads(run("describe", "Reno Djurs", "-f", "json").stdout)
    kind = next(link for link in described["outgoing"] if link["property"] == "org:classification")
    editorial = kg.label(URIRef("https://w3id.org/partnergraph/id/dataset-norddjurs-editorial"))
    assert kind["said_by"] == [editorial] and editorial.startswith("Redaktionelle tilføjelser")


# --- tables at 80 columns -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("args", "hidden"),
    [(("query", "partnerships"), "Drives af"), (("queries",), "parametre")],
)
def test_a_column_left_out_at_80_columns_is_named_on_one_line_with_how_to_see_it(
    args: tuple[str, ...], hidden: str
) -> None:
    env = {k: v for k, v in os.environ.items() if k not in ("PARTNERGRAPH_LANG", "FORCE_COLOR")}
    command = [sys.executable, "-m", "partnergraph.cli.app", *args]
    narrow = subprocess.run(command, env={**env, "COLUMNS": "80"}, capture_output=True, text=True)
    lines = narrow.stdout.splitlines()
    assert max(len(line) for line in lines) <= 80
    header = next(line for line in lines if line.startswith("┃"))
    assert hidden not in header
    note = [line.strip() for line in lines if "Skjulte kolonner" in line]
    how = "Se dem med --format md eller i et bredere vindue."
    assert note == [f"Skjulte kolonner: {hidden}. {how}"]
    wide = subprocess.run(command, env={**env, "COLUMNS": "200"}, capture_output=True, text=True)
    assert hidden in wide.stdout and "Skjulte" not in wide.stdout


def test_the_list_of_queries_keeps_names_whole_at_80_columns() -> None:
    """Names up to io.tables' longest word (24) are never broken: a name is copied from here."""
    env = {k: v for k, v in os.environ.items() if k not in ("PARTNERGRAPH_LANG", "FORCE_COLOR")}
    command = [sys.executable, "-m", "partnergraph.cli.app", "queries"]
    narrow = subprocess.run(command, env={**env, "COLUMNS": "80"}, capture_output=True, text=True)
    names = [line.split("│")[1].strip() for line in narrow.stdout.splitlines() if "│" in line]
    assert {"formal-partnerships", "focus-areas", "theme-municipalities"} <= set(names)
