"""The message catalogue is data: TOML files by area, read once, each key in exactly one file."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from partnergraph.core.catalogue import CATALOGUE, read_texts
from partnergraph.core.messages import t, using


def test_a_key_in_two_files_is_refused(tmp_path: Path) -> None:
    entry = '["same.key"]\nda = "ja"\nen = "yes"\n'
    (tmp_path / "a.toml").write_text(entry, encoding="utf-8")
    (tmp_path / "b.toml").write_text(entry, encoding="utf-8")
    with pytest.raises(KeyError, match=r"b\.toml.*same\.key"):
        read_texts(tmp_path)


def test_the_report_and_the_pages_take_their_words_from_the_catalogue() -> None:
    from partnergraph.views.report.texts import join

    assert join(["A", "B", "C"], "da") == "A, B og C"
    assert join(["A", "B"], "en") == "A and B"
    assert join(["A", "B"], "xx") == "A og B"  # an unknown language is Danish
    with using("en"):
        assert t("page.needs.heading") == "Needs action"
    assert t("page.needs.heading", "da") == "Kræver handling"


CLI_OWN = {"agenda.empty", "param.keyvalue", "query.choose", "query.params.named"}
"""Messages only the CLI says (raised in ``cli/``): they may name its options."""

SERVE_OPTIONS = {
    "serve.allowhost",
    "serve.cors",
    "serve.querysize",
    "serve.rowcap",
    "serve.tokenenv",
    "serve.update.store",
    "serve.update.token",
    "serve.value.result",
    "serve.workers",
}
"""The server's start-up checks of its own options (``serve --workers`` ...)."""

KNOWN_OPTION_WORDS = {
    "format.excel.only.csv",
    "format.mismatch",
    "store.needsfolder",
    "table.folded",
}
"""A ratchet: library messages that still name a CLI option. Move the option into an remedy
(``PartnergraphError.of(key, remedy=...)`` and ``remedy.cli.*`` in ``texts/remedy.toml``), then
take the key off this list; never add to it."""

_OPTION = re.compile(r"(?<![\w-])--[a-z]")


def test_library_messages_name_no_command_line_option() -> None:
    naming = {
        key
        for key, entry in CATALOGUE.items()
        if not key.startswith("remedy.cli.")
        and any(_OPTION.search(text) for text in entry.values())
    }
    allowed = CLI_OWN | SERVE_OPTIONS
    assert not sorted(naming - allowed - KNOWN_OPTION_WORDS), "say the option as remedy.cli.*"
    assert not sorted(KNOWN_OPTION_WORDS - naming), "fixed: take it off KNOWN_OPTION_WORDS"


def test_every_advice_the_library_gives_is_worded_by_the_cli() -> None:
    """An remedy key with no CLI words would leave a person at the terminal without the
    "what to do" half of the message."""
    source = Path(__file__).resolve().parents[1] / "src" / "partnergraph"
    given = {
        match
        for path in source.rglob("*.py")
        for match in re.findall(r'remedy(?:=| = )"([a-z-]+)"', path.read_text())
    }
    assert len(given) >= 14
    assert not sorted(a for a in given if f"remedy.cli.{a}" not in CATALOGUE)
    fronts = {key.split(".")[1] for key in CATALOGUE if key.startswith("remedy.")}
    assert fronts == {"cli", "server"}
