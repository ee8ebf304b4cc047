"""Words a reader sees that used to sit in Python tables are the catalogue's: the help's words
for option values (STI, DATO, "TAL (mindst 0)") and the derived statuses ("gældende",
"overskredet") and reasons for action, in Danish and English; and the command line's words for
values are read without the rest of the catalogue, so a cold query pays nothing for them.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest
import typer.main

import partnergraph
from partnergraph.cli import value_words
from partnergraph.cli.app import app
from partnergraph.core.catalogue import CATALOGUE, LANGUAGES, area, read_plain
from partnergraph.core.errors import ParameterError
from partnergraph.core.messages import t, using
from partnergraph.query.actions import ACTIONS, needs_action
from partnergraph.query.status import STATES, agreement_statuses, state_label


def test_every_kind_of_option_value_has_a_word_in_both_languages() -> None:
    kinds = {*value_words.KINDS.values(), "path", "number", "text"}
    for kind in sorted(kinds):
        entry = CATALOGUE[f"value.{kind}"]
        assert all(entry.get(lang) for lang in LANGUAGES), kind
    for bounds in ("min", "max", "both"):
        entry = CATALOGUE[f"value.range.{bounds}"]
        assert all("{word}" in entry[lang] for lang in LANGUAGES)


def test_the_words_for_values_read_alone_are_the_catalogues_own() -> None:
    alone = area("values")
    assert alone and all(key.startswith("value.") for key in alone)
    assert {key: dict(CATALOGUE[key]) for key in alone} == {k: dict(v) for k, v in alone.items()}


def command_line(*args: str, lang: str) -> subprocess.CompletedProcess[str]:
    """The command as a user runs it: a process of its own, in ``lang``."""
    env = {k: v for k, v in os.environ.items() if k not in ("PARTNERGRAPH_LANG", "FORCE_COLOR")}
    env.update(COLUMNS="200", PARTNERGRAPH_LANG=lang)
    command = [sys.executable, "-m", "partnergraph.cli.app", *args]
    return subprocess.run(command, env=env, capture_output=True, text=True, check=False)


def test_the_plain_reader_reads_what_tomllib_reads_and_refuses_anything_else(
    tmp_path: Path,
) -> None:
    plain = tmp_path / "plain.toml"
    plain.write_text(
        '# words\n\n["a.b"]  # a comment\nda = "«sti» \\"x\\" # ikke en kommentar"\n'
        'en = "path \\\\ back"\n',
        encoding="utf-8",
    )
    with plain.open("rb") as file:
        assert read_plain(plain) == tomllib.load(file) != {}
    fancy = tmp_path / "fancy.toml"
    fancy.write_text('["a"]\nda = """\n  flere linjer"""\n', encoding="utf-8")
    with pytest.raises(ValueError, match=r"fancy\.toml:2"):
        read_plain(fancy)


@pytest.mark.parametrize("lang", ["da", "en"])
def test_the_help_shows_a_bounded_number_in_the_catalogues_words(lang: str) -> None:
    result = command_line("network", "stats", "--help", lang=lang)
    assert result.returncode == 0, result.stderr
    number = t("value.number", lang)
    assert t("value.range.min", lang, word=number, min=0) in result.stdout  # --depth
    assert t("value.date", lang) in result.stdout  # --as-of


@pytest.mark.parametrize("lang", ["da", "en"])
def test_a_bad_value_is_named_by_its_word_from_the_catalogue(lang: str) -> None:
    result = command_line("network", "stats", "--depth", "-3", lang=lang)
    assert result.returncode == 2
    number = t("value.number", lang)
    said = " ".join(result.stderr.replace("│", " ").split())
    assert t("value.range.min", lang, word=number, min=0) in said


def test_a_cold_csv_query_reads_nothing_of_the_catalogue() -> None:
    probe = (
        "import sys\n"
        "from partnergraph.cli import app as cli\n"
        "from partnergraph.core import catalogue\n"
        "try:\n"
        "    cli.app(['query', 'formal-partnerships', '-f', 'csv'], standalone_mode=True)\n"
        "except SystemExit:\n"
        "    pass\n"
        "print([catalogue._entries.cache_info().currsize, catalogue.area.cache_info().currsize],"
        " file=sys.stderr)\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, check=False
    )
    assert done.stdout.count("\n") == 4, done.stderr  # the header and three partnerships
    assert json.loads(done.stderr.strip().splitlines()[-1]) == [0, 0]


def test_the_built_command_takes_its_words_from_the_catalogue() -> None:
    command = typer.main.get_command(app)
    stats = command.commands["network"].commands["stats"]  # type: ignore[attr-defined]
    depth = next(p for p in stats.params if p.name == "depth")
    for lang in LANGUAGES:
        number = t("value.number", lang)
        assert value_words.word(depth, lang) == t("value.range.min", lang, word=number, min=0)


@pytest.mark.parametrize("lang", ["da", "en"])
def test_statuses_and_reasons_for_action_are_named_from_the_catalogue(lang: str) -> None:
    kg = partnergraph.load()
    statuses = agreement_statuses(kg.store, "2026-01-01", lang)
    assert statuses
    for status in statuses:
        assert status.state in STATES
        assert status.state_label == CATALOGUE[f"state.{status.state}"][lang]
    items = needs_action(kg.store, "2026-12-01", lang)
    assert items
    for item in items:
        assert item.kind in ACTIONS
        assert item.kind_label == CATALOGUE[f"action.{item.kind}"][lang]
        assert item.state_label == state_label(item.state, lang) != ""
        reason = CATALOGUE[f"action.reason.{item.kind}"][lang]
        assert item.reason == reason.format(when=item.when, day=item.deadline.isoformat())
    assert state_label("", lang) == ""


@pytest.mark.parametrize("lang", ["da", "en"])
def test_the_agenda_table_is_worded_from_the_catalogue(lang: str) -> None:
    from partnergraph.views.agenda import agenda, format_table

    items = agenda(partnergraph.load(), as_of="2025-01-01", lang=lang)
    headers, rows = format_table(items, lang)
    assert headers[:3] == [CATALOGUE[f"agenda.column.{c}"][lang] for c in ("status", "when", "by")]
    kinds = {CATALOGUE[f"agenda.kind.{kind}"][lang] for kind in ("ended", "ends", "starts")}
    kinds.add(CATALOGUE["agenda.kind.treatment"][lang])
    assert rows and {row[4] for row in rows} <= kinds | {i.decision_kind for i in items}


@pytest.mark.parametrize(("lang", "words"), [("da", "ukendt sprog"), ("en", "unknown language")])
def test_an_unknown_language_for_statuses_is_refused_in_the_readers_language(
    lang: str, words: str
) -> None:
    kg = partnergraph.load()
    with using(lang), pytest.raises(ParameterError, match=words):
        agreement_statuses(kg.store, "2026-01-01", "klingon")
