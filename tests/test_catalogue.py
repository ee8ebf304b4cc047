"""The message catalogue is data: TOML files by area, read once, each key in exactly one file."""

from __future__ import annotations

from pathlib import Path

import pytest

from partnergraph.core.catalogue import read_texts
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
