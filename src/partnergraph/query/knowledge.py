"""The knowledge in a store and the questions the query layer can answer about it.

:class:`Knowledge` is the half of the facade that needs nothing above the query layer: the
store, the named-query library, names, describe, stats, validation and export. Networks,
views and reports take a :class:`Knowledge` (or a plain store) and are called by
:class:`~partnergraph.graph.PartnerGraph`, which adds those verbs on top; so no lower layer
ever has to import the facade that calls it.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING, Self

from partnergraph.core import messages
from partnergraph.core.errors import ParameterError
from partnergraph.engine import sparql
from partnergraph.engine.factory import open_store
from partnergraph.engine.stores import Store
from partnergraph.io.loading import input_files
from partnergraph.io.results import QueryResult
from partnergraph.query.answer import Answer
from partnergraph.query.library import NamedQuery, find_query, load_library, parse_query_file
from partnergraph.rdf.dates import as_of_date

if TYPE_CHECKING:
    from rdflib import Dataset, Graph, Literal, URIRef

    from partnergraph.query import labels
    from partnergraph.query.describe import Description
    from partnergraph.query.names import Match
    from partnergraph.query.stats import Stats
    from partnergraph.query.validate import ValidationReport

__all__ = ["Knowledge"]


class Knowledge:
    """A dataset of partnerships in a store, with the ontology and shared vocabularies loaded:
    what the layers below the facade hold and ask (use :class:`~partnergraph.PartnerGraph`
    for networks, the interactive view and the report)."""

    def __init__(self, store: Store | Dataset, *, queries: Path | None = None) -> None:
        if not isinstance(store, Store):  # an rdflib Dataset: rdflib is loaded already
            # late: the memory store is rdflib's, which a cold query on Oxigraph never loads
            from partnergraph.engine.memory import MemoryStore

            store = MemoryStore(store)
        self.store: Store = store
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
    ) -> Self:
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
        named = find_query(name, self._get_library())
        values = {**(params or {}), **kwargs}
        if lang is not None and any(p.name == "lang" for p in named.parameters):
            values.setdefault("lang", lang)
        bindings = named.bindings(values, resolve=self.resolve_as, as_of=as_of_date(as_of))
        return sparql.run(self.store, named.text_for(bindings), bindings)

    def query_file(
        self, path: str | Path, params: Mapping[str, str] | None = None, *, lang: str | None = None
    ) -> QueryResult:
        """Run a query from a ``.rq`` file, honouring its header's parameters if it has one."""
        named = parse_query_file(Path(path))
        values = dict(params or {})
        if lang is not None and any(p.name == "lang" for p in named.parameters):
            values.setdefault("lang", lang)
        bindings = named.bindings(values, self.resolve_as)
        return sparql.run(self.store, named.text_for(bindings), bindings)

    def sparql(self, text: str, *, allow_remote: bool = False) -> QueryResult:
        """Run ad hoc SPARQL; the stable prefixes are predeclared."""
        return sparql.run(self.store, text, allow_remote=allow_remote)

    def answer(
        self,
        name: str | None = None,
        params: Mapping[str, str] | None = None,
        *,
        file: str | Path | None = None,
        sparql: str | None = None,
        lang: str = "da",
        as_of: dt.date | str | None = None,
        allow_remote: bool = False,
    ) -> Answer:
        """Run one of a named query, a query file or SPARQL text, with the titles to head it:
        what ``partnergraph query`` shows. Parameters go to named queries and files only."""
        if sum(x is not None for x in (name, file, sparql)) != 1:
            raise TypeError("answer() takes exactly one of name, file and sparql")
        if name is not None:
            named = self.named_query(name)
            result = self.query(name, params, lang=lang, as_of=as_of)
            return Answer(result, named.title(lang), named.column_titles(lang))
        if file is not None:
            return Answer(self.query_file(file, params, lang=lang))
        assert sparql is not None
        return Answer(self.sparql(sparql, allow_remote=allow_remote))

    def named_query(self, name: str) -> NamedQuery:
        """The library query called ``name`` (or an error suggesting near names)."""
        return find_query(name, self._get_library())

    def _get_library(self) -> dict[str, NamedQuery]:
        if self._library is None:
            self._library = load_library(self._queries_dir)
        return self._library

    # --- what the query layer answers ------------------------------------------------------

    def validate(self, *, lang: str = "da", shapes: Graph | None = None) -> ValidationReport:
        """Check the graph against the SHACL shapes."""
        # late: the shapes' compiler and pySHACL's glue cost a cold `query` command its start-up
        from partnergraph.query.validate import validate_store

        return validate_store(self.store, lang=lang, shapes=shapes)

    def export(self, fmt: str = "ttl") -> str:
        """The whole graph (ontology, vocabularies, data, SDG subset) in one format."""
        return self.store.export(fmt)

    def describe(
        self, thing: str, *, lang: str = "da", as_of: dt.date | str | None = None
    ) -> Description:
        """Everything known about one entity, found by IRI, prefixed name or label; an agreement
        or decision with its status on ``as_of`` (default today), as its page shows it."""
        # late: only describe needs it; a cold `query` command should not import it
        from partnergraph.query.describe import describe_entity

        # late: the status rules, likewise describe's own
        from partnergraph.query.status import status_lines

        described = describe_entity(self.store, self.resolve(thing), lang)
        iri = str(described.iri)
        status = status_lines(self.store, as_of, lang, subjects=[iri]).get(iri, "")
        return replace(described, status=status)

    def stats(self, *, lang: str = "da") -> Stats:
        """Counts of triples, entities per class, partnerships per type."""
        # late: only stats needs it; a cold `query` command should not import it
        from partnergraph.query.stats import compute_stats

        return compute_stats(self.store, lang)

    # --- names -----------------------------------------------------------------------------

    def resolve(self, text: str, cls: str | None = None, *, lang: str | None = None) -> URIRef:
        """The thing meant by a name (Danish or English), an id, a prefixed name or an IRI.

        An exact name wins; a name that fits several things raises
        :class:`~partnergraph.core.errors.AmbiguousNameError` listing them; an unknown one raises
        :class:`~partnergraph.core.errors.UnknownEntityError` with the closest names.
        """
        return self.find(text, cls, lang=lang).iri_or_raise()

    def find(self, text: str, cls: str | None = None, *, lang: str | None = None) -> Match:
        """Like :meth:`resolve`, but says found, ambiguous (with candidates) or none (with
        suggestions) instead of raising: for pages that list the candidates as links."""
        from partnergraph.query import names  # late: rdflib, which a name look-up needs

        return names.find(self.store, text, cls, lang or messages.language())

    def resolve_as(self, text: str, cls: str | None) -> URIRef:
        try:
            return self.resolve(text, cls)
        except ValueError as exc:
            raise ParameterError(str(exc)) from None

    def labeller(self, lang: str = "da") -> labels.Labeller:
        """A function from a thing to its name in ``lang``, remembering what it looked up:
        ``kg.query("actors").to_pandas(kg.labeller("da"))`` shows names instead of IRIs."""
        from partnergraph.query import labels  # late: rdflib, which the labels need

        return labels.Labeller(self.store, lang)

    def label(self, node: URIRef | Literal, lang: str = "da") -> str:
        return self.labeller(lang)(node)
