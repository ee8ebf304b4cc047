"""A filled workbook becomes a dataset beside the data already loaded: ``partnergraph import``.

The workbook's facts and mappings are written as Turtle; a new edition (``replaces``), or a
dataset the loaded data does not describe yet, also gets its DCAT description. Ids are minted
in the dataset's own namespace (or the replaced dataset's); rows may refer to the register's
organisations (loaded with the data) without describing them, and a new organisation whose
name is close to a register entry's comes back as a hint, since the user may have meant the
shared one.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from partnergraph.authoring.editions import expand_iri, write_edition
from partnergraph.authoring.register import read_register
from partnergraph.authoring.spreadsheet import import_with_hints
from partnergraph.engine.datasets import described_as, import_namespace, other_sources

if TYPE_CHECKING:
    from partnergraph.engine.stores import Store

__all__ = ["ImportResult", "import_edition"]


@dataclass(frozen=True)
class ImportResult:
    """What an import wrote, in order, and the organisations it introduces whose names are
    close to the register's (one line each, naming the sheet, row and the register entry)."""

    written: list[Path] = field(default_factory=list)
    hints: list[str] = field(default_factory=list)


def import_edition(
    loaded: Store,
    workbook: Path,
    output: Path,
    *,
    lang: str = "da",
    replaces: str | None = None,
    issued: dt.date | None = None,
    license: str | None = None,
) -> ImportResult:
    """Import ``workbook`` into ``output`` (facts) and ``<name>-mappings.ttl`` beside it,
    checked against the data ``loaded`` holds; describe the dataset in ``<name>-dataset.ttl``
    when it replaces one or the loaded data does not know it yet. Nothing is written when the
    workbook has a problem; every problem is listed in the error."""
    output = Path(output)
    # a wrong IRI fails before anything is written
    replaced = expand_iri(replaces) if replaces is not None else None
    existing = loaded.to_dataset()
    namespace = import_namespace(existing, output.stem, replaced)
    against = None if replaced is not None else other_sources(existing, output.stem)
    written, hints = import_with_hints(
        workbook,
        output,
        lang=lang,
        namespace=namespace,
        against=against,
        register=read_register(loaded),
    )
    if replaced is not None or described_as(existing, output.stem) is None:
        written.append(
            write_edition(
                output, replaces=replaces, issued=issued, namespace=namespace, license=license
            )
        )
    return ImportResult(list(written), hints)
