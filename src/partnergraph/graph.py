"""The knowledge graph object: load once, then ask it questions.

Every CLI command is a thin wrapper over a method here of the same name, so whatever the
command line does, Python can do too::

    import partnergraph
    kg = partnergraph.load()
    kg.query("renewals-due", before="2025-06-01")
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

from rdflib import Dataset, Graph, Literal, URIRef

from partnergraph.core import messages
from partnergraph.core.errors import ParameterError
from partnergraph.engine import sparql
from partnergraph.engine.factory import open_store
from partnergraph.engine.memory import MemoryStore
from partnergraph.engine.stores import Store
from partnergraph.io.loading import input_files
from partnergraph.io.results import QueryResult
from partnergraph.query import labels, names
from partnergraph.query.describe import Description, describe_entity
from partnergraph.query.library import NamedQuery, find_query, load_library
from partnergraph.query.names import Match
from partnergraph.query.stats import Stats, compute_stats
from partnergraph.query.validate import ValidationReport, validate_store

__all__ = ["PartnerGraph", "load"]


class PartnerGraph:
    """A dataset of partnerships in a store, with the ontology and shared vocabularies loaded."""

    def __init__(self, store: Store | Dataset, *, queries: Path | None = None) -> None:
        self.store: Store = MemoryStore(store) if isinstance(store, Dataset) else store
        self._queries_dir = queries
        self._library: dict[str, NamedQuery] | None = None
        self._dataset: Dataset | None = None

    @classmethod
    def load(
        cls,
        data: str | Path | Iterable[str | Path] | None = None,
        *,
        store: str | None = None,
        rebuild: bool = False,
    ) -> PartnerGraph:
        """Load ``data`` (files or folders; default: the bundled Norddjurs data) into ``store``.

        ``store`` is ``memory``, ``oxigraph`` (the default), ``oxigraph:PATH`` or
        ``sparql:URL`` (then ``data`` is ignored: the server holds the data). An on-disk store
        built from other data is refused unless ``rebuild``. One path may be given on its own:
        a string is never taken for a sequence of one-letter paths.
        """
        if isinstance(data, str | Path):
            data = [data]
        sources = None if data is None else list(data)
        files = input_files(sources)
        return cls(open_store(store, files, sources=sources, rebuild=rebuild))

    @property
    def dataset(self) -> Dataset:
        """The data as an rdflib Dataset (live for the memory store, else a copy made once)."""
        if self._dataset is None:
            self._dataset = self.store.to_dataset()
        return self._dataset

    def __len__(self) -> int:
        return len(self.store)

    def close(self) -> None:
        self.store.close()

    # --- the query library -----------------------------------------------------------------

    def queries(self) -> list[NamedQuery]:
        """The named queries, sorted by name."""
        return sorted(self._get_library().values(), key=lambda q: q.name)

    def query(
        self,
        name: str,
        params: Mapping[str, str] | None = None,
        *,
        lang: str | None = None,
        as_of: dt.date | str | None = None,
        **kwargs: str,
    ) -> QueryResult:
        """Run the named query ``name``; parameters as a mapping or keyword arguments.

        ``lang`` sets the query's ``lang`` parameter where it has one (labels' language);
        ``as_of`` (default today) is what date parameters defaulting to ``today`` mean.
        """
        from partnergraph.query.status import as_of_date

        named = find_query(name, self._get_library())
        values = {**(params or {}), **kwargs}
        if lang is not None and any(p.name == "lang" for p in named.parameters):
            values.setdefault("lang", lang)
        bindings = named.bindings(values, resolve=self.resolve_as, as_of=as_of_date(as_of))
        return sparql.run(self.store, named.text, bindings)

    def query_file(
        self, path: str | Path, params: Mapping[str, str] | None = None, *, lang: str | None = None
    ) -> QueryResult:
        """Run a query from a ``.rq`` file, honouring its header's parameters if it has one."""
        from partnergraph.query.library import parse_query_file

        named = parse_query_file(Path(path))
        values = dict(params or {})
        if lang is not None and any(p.name == "lang" for p in named.parameters):
            values.setdefault("lang", lang)
        return sparql.run(self.store, named.text, named.bindings(values, self.resolve_as))

    def sparql(self, text: str, *, allow_remote: bool = False) -> QueryResult:
        """Run ad hoc SPARQL; the stable prefixes are predeclared."""
        return sparql.run(self.store, text, allow_remote=allow_remote)

    def named_query(self, name: str) -> NamedQuery:
        """The library query called ``name`` (or an error suggesting near names)."""
        return find_query(name, self._get_library())

    def _get_library(self) -> dict[str, NamedQuery]:
        if self._library is None:
            self._library = load_library(self._queries_dir)
        return self._library

    # --- the other verbs -------------------------------------------------------------------

    def validate(self, *, lang: str = "da", shapes: Graph | None = None) -> ValidationReport:
        """Check the graph against the SHACL shapes."""
        return validate_store(self.store, lang=lang, shapes=shapes)

    def export(self, fmt: str = "ttl") -> str:
        """The whole graph (ontology, vocabularies, data, SDG subset) in one format."""
        return self.store.export(fmt)

    def describe(self, thing: str, *, lang: str = "da") -> Description:
        """Everything known about one entity, found by IRI, prefixed name or label."""
        return describe_entity(self.store, self.resolve(thing), lang)

    def stats(self, *, lang: str = "da") -> Stats:
        """Counts of triples, entities per class, partnerships per type."""
        return compute_stats(self.store, lang)

    def network(
        self,
        projection: str = "collaboration",
        *,
        lang: str = "da",
        as_of: dt.date | str | None = None,
        focus: str | None = None,
        depth: int = 1,
        min_weight: int = 1,
    ) -> Any:
        """A networkx view of the graph: ``collaboration``, ``actors`` or ``themes``.

        ``as_of`` keeps what was in force on that date; ``focus`` (IRI, prefixed name or label)
        cuts the network down to ``depth`` hops around one entity; ``min_weight`` keeps only
        the edges of at least that weight (for ``themes``: pairs sharing that many).
        """
        from partnergraph.network import projections as network

        when = _as_date(as_of) if isinstance(as_of, str) else as_of
        center = str(self.resolve(focus)) if focus is not None else None
        return network.build(self, projection, lang, when, center, depth, min_weight)

    def viz(
        self,
        projection: str = "collaboration",
        *,
        lang: str = "da",
        as_of: dt.date | str | None = None,
        focus: str | None = None,
        depth: int = 1,
        **kwargs: Any,
    ) -> Any:
        """An interactive view of a network that shows itself inline in Jupyter.

        Returns a :class:`partnergraph.viz.View`; ``.save(path)`` writes the offline HTML page.
        """
        from partnergraph.views.network_page import View

        graph = self.network(projection, lang=lang, as_of=as_of, focus=focus, depth=depth)
        return View(graph, lang=lang, **kwargs)

    def report(
        self,
        fmt: str = "docx",
        *,
        lang: str = "da",
        as_of: dt.date | str | None = None,
        sections: Iterable[str] | None = None,
        partnerships: Iterable[str] | None = None,
        previous: Iterable[str | Path] | None = None,
    ) -> bytes:
        """The partnership overview as of a date, as the bytes of a DOCX, PDF or Markdown file.

        See :mod:`partnergraph.report`; ``kg.report("pdf", as_of="2026-12-06")``.
        """
        from partnergraph.views.report import report

        when = _as_date(as_of) if isinstance(as_of, str) else as_of
        return report(
            self,
            fmt,
            lang=lang,
            as_of=when,
            sections=list(sections) if sections is not None else None,
            partnerships=list(partnerships) if partnerships is not None else None,
            previous=list(previous) if previous is not None else None,
        )

    # --- names -----------------------------------------------------------------------------

    def resolve(self, text: str, cls: str | None = None, *, lang: str | None = None) -> URIRef:
        """The thing meant by a name (Danish or English), an id, a prefixed name or an IRI.

        An exact name wins; a name that fits several things raises
        :class:`~partnergraph.errors.AmbiguousNameError` listing them; an unknown one raises
        :class:`~partnergraph.errors.UnknownEntityError` with the closest names.
        """
        return self.find(text, cls, lang=lang).iri_or_raise()

    def find(self, text: str, cls: str | None = None, *, lang: str | None = None) -> Match:
        """Like :meth:`resolve`, but says found, ambiguous (with candidates) or none (with
        suggestions) instead of raising: for pages that list the candidates as links."""
        return names.find(self.store, text, cls, lang or messages.language())

    def resolve_as(self, text: str, cls: str | None) -> URIRef:
        try:
            return self.resolve(text, cls)
        except ValueError as exc:
            raise ParameterError(str(exc)) from None

    def labeller(self, lang: str = "da") -> labels.Labeller:
        """A function from a thing to its name in ``lang``, remembering what it looked up:
        ``kg.query("actors").to_pandas(kg.labeller("da"))`` shows names instead of IRIs."""
        return labels.Labeller(self.store, lang)

    def label(self, node: URIRef | Literal, lang: str = "da") -> str:
        return labels.Labeller(self.store, lang)(node)


def load(
    data: str | Path | Iterable[str | Path] | None = None,
    *,
    store: str | None = None,
    rebuild: bool = False,
) -> PartnerGraph:
    """Load the bundled Norddjurs graph, or your own files and folders instead."""
    return PartnerGraph.load(data, store=store, rebuild=rebuild)


def _as_date(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise ParameterError(messages.t("date.option", option="--as-of", value=text)) from None
