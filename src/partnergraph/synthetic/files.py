"""The generator's files: numbered, rolled over between blocks, renamed into place together.

Every file is written as a temporary file beside its target and only renamed into place when
the whole dataset is written (:meth:`partnergraph.io.output.StagedFiles.commit`), so a failure
leaves no half-written file.
"""

from __future__ import annotations

from typing import IO

from partnergraph.io.ntriples import TermSyntax, TripleText
from partnergraph.io.output import StagedFiles

__all__ = ["Sink"]


class Sink:
    """Triples into numbered files ``<stem>-0001.<fmt>``, rolled over between blocks.

    A block (one municipality, one partner) always stays in one file, and its blank nodes
    (periods) with it. ``t(s, p, o)`` takes rendered terms.
    """

    def __init__(
        self, staging: StagedFiles, stem: str, syntax: TermSyntax, *, limit: int, name: str = ""
    ) -> None:
        self.staging = staging
        self.stem = stem
        self.syntax = syntax
        self.limit = limit
        self.fixed_name = name
        self.files: list[tuple[str, int]] = []
        """Each file written: its name and how many triples it holds."""
        self.total = 0
        self._text = TripleText(syntax)
        self._handle: IO[str] | None = None
        self._name = ""
        self.t = self._text.t

    def end_block(self) -> None:
        """Write the block gathered so far; past ``limit`` triples, the next block starts a
        new file."""
        text = self._text.take()
        if text:
            if self._handle is None:
                self._name = self.fixed_name or (
                    f"{self.stem}-{len(self.files) + 1:04d}.{self.syntax.fmt}"
                )
                self._handle = self.staging.open(self._name)
                self._handle.write(self.syntax.header())
            self._handle.write(text)
        if self._text.count >= self.limit:
            self._roll()

    def _roll(self) -> None:
        if self._handle is not None:
            self._handle.close()
            self.files.append((self._name, self._text.count))
            self.total += self._text.count
        self._handle = None
        self._text.count = 0

    def close(self) -> None:
        self.end_block()
        self._roll()
