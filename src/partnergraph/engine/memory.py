"""Plain rdflib as a store: slow on big data, but the reference every other store is tested
against (``--store memory``)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from pathlib import Path

from rdflib import Dataset

from partnergraph.engine.sparql import evaluate_rdflib
from partnergraph.engine.stores import Store
from partnergraph.io.loading import dataset_from_files
from partnergraph.io.results import QueryResult
from partnergraph.io.serialize import serialize_graph
from partnergraph.rdf.terms import Bound

__all__ = ["MemoryStore"]


class MemoryStore(Store):
    """Plain rdflib: slow on big data, but the reference every other store is tested against."""

    spec = "memory"

    def __init__(self, dataset: Dataset) -> None:
        self.dataset = dataset

    @classmethod
    def from_files(cls, files: Sequence[Path]) -> MemoryStore:
        return cls(dataset_from_files(files))

    def run(self, text: str, bindings: Mapping[str, Bound] | None = None) -> QueryResult:
        return evaluate_rdflib(self.dataset, text, bindings)

    def __repr__(self) -> str:
        return f"MemoryStore({len(self)} triples)"

    def graph_names(self) -> set[str]:
        return {str(g.identifier) for g in self.dataset.graphs() if len(g)}

    def export(self, fmt: str) -> str:
        return serialize_graph(self.dataset, fmt)

    def to_dataset(self) -> Dataset:
        return self.dataset

    def rdflib_dataset(self) -> Dataset:
        return self.dataset

    def __len__(self) -> int:
        return len(self.dataset)
