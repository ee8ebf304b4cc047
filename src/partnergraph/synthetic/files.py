"""The generator's files: numbered, rolled over between blocks, renamed into place together.

Every file is written as a temporary file beside its target and only renamed into place when
the whole dataset is written (:meth:`partnergraph.io.output.StagedFiles.commit`), so a failure
leaves no half-written file.

Each municipality is a dataset of its own with two named graphs, its facts and its editorial
mappings, named as ``partnergraph import`` names the files of a source (``graph/<name>`` and
``graph/<name>-mappings``). :class:`DatasetFiles` writes many such datasets per file, as
N-Quads or TriG: thousands of small files cost more to create and to load than their triples,
while the named graphs are the same either way.
"""

from __future__ import annotations

from typing import IO

from partnergraph.io.loading import GRAPH_BASE
from partnergraph.io.ntriples import TermSyntax, TripleText
from partnergraph.io.output import StagedFiles

__all__ = ["QUAD_SUFFIX", "DatasetFiles", "Sink"]

QUAD_SUFFIX = {"nt": "nq", "ttl": "trig"}
"""The file suffix of datasets written in each format: N-Quads for N-Triples, TriG for Turtle."""

MINTED_PREFIX = "m"
"""In TriG, the prefix of the dataset being written (declared again before each dataset)."""


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


class DatasetFiles:
    """Whole datasets, each a named graph of facts and one of mappings, into numbered files
    ``<stem>-0001.nq`` (or ``.trig``); past ``limit`` triples the next dataset starts a new
    file, so a dataset is never split (nor its blank nodes).

    Measured against a file per graph (``<name>.nt`` and ``<name>-mappings.nt``, as an import
    writes a source): at 1,000 municipalities the 2,000 files made generate about a third
    slower (a file's creation and rename cost more than its ~500 triples), grouped N-Quads a
    few percent."""

    def __init__(self, staging: StagedFiles, stem: str, syntax: TermSyntax, *, limit: int) -> None:
        self.staging = staging
        self.stem = stem
        self.syntax = syntax
        self.limit = limit
        self.suffix = QUAD_SUFFIX[syntax.fmt]
        self.facts = TripleText(syntax)
        self.mappings = TripleText(syntax)
        self.files: list[tuple[str, int]] = []
        """Each file written: its name and how many triples it holds."""
        self.total = 0
        self._handle: IO[str] | None = None
        self._name = ""
        self._in_file = 0

    def begin(self, name: str, namespace: str) -> tuple[str, str]:
        """Start the dataset ``name``, minting in ``namespace``; its two graphs' IRIs."""
        graphs = (f"{GRAPH_BASE}{name}", f"{GRAPH_BASE}{name}-mappings")
        self.syntax.mint_in(MINTED_PREFIX, namespace)
        self.facts.in_graph(f"<{graphs[0]}>")
        self.mappings.in_graph(f"<{graphs[1]}>")
        self.facts.count = self.mappings.count = 0
        return graphs

    def end(self) -> tuple[int, int]:
        """Write the dataset begun last; how many triples its facts and mappings hold."""
        counts = self.facts.count, self.mappings.count
        if self._handle is None:
            self._name = f"{self.stem}-{len(self.files) + 1:04d}.{self.suffix}"
            self._handle = self.staging.open(self._name)
            self._handle.write(self.syntax.header())
        self._handle.write(self.syntax.minted_prefix())
        self._handle.write(self.facts.take())
        self._handle.write(self.mappings.take())
        self._in_file += sum(counts)
        if self._in_file >= self.limit:
            self.close()
        return counts

    def close(self) -> None:
        if self._handle is not None:
            self._handle.close()
            self.files.append((self._name, self._in_file))
            self.total += self._in_file
        self._handle = None
        self._in_file = 0
