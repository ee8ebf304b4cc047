"""The knowledge graph object: load once, then ask it questions.

Every CLI command is a thin wrapper over a method here of the same name, so whatever the
command line does, Python can do too::

    import partnergraph
    kg = partnergraph.load()
    kg.query("renewals-due", before="2025-06-01")

:class:`PartnerGraph` is a :class:`~partnergraph.query.knowledge.Knowledge` (store, named
queries, names, describe, stats, validate, export) with the verbs of the layers above it:
networks, the interactive view and the report. Those layers take the knowledge, never this
class, so the imports point one way.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from partnergraph.query.knowledge import Knowledge
from partnergraph.rdf.dates import optional_day

__all__ = ["PartnerGraph", "load"]


class PartnerGraph(Knowledge):
    """A dataset of partnerships in a store, with the ontology and shared vocabularies loaded."""

    def network(
        self,
        projection: str = "collaboration",
        *,
        lang: str = "da",
        as_of: dt.date | str | None = None,
        focus: str | None = None,
        depth: int = 1,
        min_weight: int = 1,
        top_edges: int = 0,
    ) -> Any:
        """A networkx view of the graph: ``collaboration``, ``actors`` or ``themes``.

        ``as_of`` keeps what was in force on that date; ``focus`` (IRI, prefixed name or label)
        cuts the network down to ``depth`` hops around one entity; ``min_weight`` keeps only
        the edges of at least that weight (for ``themes``: pairs sharing that many) and
        ``top_edges`` only that many of the heaviest (0: all); every node stays.
        """
        # late: networkx adds ~0.15 s; only the verbs that build a network pay for it
        from partnergraph.network.projections import build

        return build(self, projection, lang, as_of, focus, depth, min_weight, top_edges)

    def overview(
        self,
        basis: str | None = None,
        *,
        lang: str = "da",
        min_weight: int | None = None,
        as_of: dt.date | str | None = None,
    ) -> Any:
        """The aggregated network: municipalities linked by the partners they share (or, with no
        municipalities, the communities of the collaboration network), each with its detail.

        Returns a :class:`partnergraph.network.aggregate.Overview`; ``basis`` is
        ``municipalities`` or ``communities``; ``min_weight`` is the fewest shared partners (or
        links between communities) a line stands for, chosen for readability when not given;
        with ``as_of`` only the partnerships in force that day count.
        """
        # late: networkx adds ~0.15 s; only the verbs that build a network pay for it
        from partnergraph.network.aggregate import overview

        return overview(self, basis, lang=lang, min_weight=min_weight, as_of=as_of)

    def viz(
        self,
        projection: str = "collaboration",
        *,
        lang: str = "da",
        as_of: dt.date | str | None = None,
        focus: str | None = None,
        depth: int = 1,
        overview: bool | None = None,
        min_weight: int | None = None,
        **kwargs: Any,
    ) -> Any:
        """An interactive view of a network that shows itself inline in Jupyter.

        A network of more than :data:`~partnergraph.network.aggregate.OVERVIEW_NODE_LIMIT`
        nodes (or any, with ``overview=True``) opens as an overview with a drill-down
        (:meth:`overview`; an :class:`~partnergraph.views.overview_page.OverviewView`): by
        municipality for the whole collaboration network, else by community of the network
        asked for. ``overview=False``, or ``focus`` without ``overview=True``, draws every node
        (:class:`partnergraph.views.network_page.View`). ``.save(path)`` writes the offline
        HTML page.
        """
        # late: the page and its figure come with networkx; only viz pays for them
        from partnergraph.network import aggregate  # late: networkx, as above
        from partnergraph.network.projections import projection_name  # late: as above
        from partnergraph.views.network_page import View  # late: as above
        from partnergraph.views.overview_page import OverviewView  # late: as above

        projection = projection_name(projection)  # "samarbejde" draws the same overview
        options = {k: v for k, v in kwargs.items() if k in ("title", "height")}
        by_municipality = overview is not False and focus is None and projection == "collaboration"
        if by_municipality and (
            overview or aggregate.network_size(self) > aggregate.OVERVIEW_NODE_LIMIT
        ):
            found = aggregate.overview(self, lang=lang, min_weight=min_weight, as_of=as_of)
            return OverviewView(found, **options)
        graph = self.network(projection, lang=lang, as_of=as_of, focus=focus, depth=depth)
        if overview or (
            overview is None
            and focus is None
            and graph.number_of_nodes() > aggregate.OVERVIEW_NODE_LIMIT
        ):
            found = aggregate.community_overview(graph, lang=lang, min_weight=min_weight)
            return OverviewView(found, **options)
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

        See :mod:`partnergraph.views.report`; ``kg.report("pdf", as_of="2026-12-06")``.
        """
        # late: the report draws a network figure (networkx); only report pays for it
        from partnergraph.views.report import report

        when = optional_day(as_of)
        return report(
            self,
            fmt,
            lang=lang,
            as_of=when,
            sections=list(sections) if sections is not None else None,
            partnerships=list(partnerships) if partnerships is not None else None,
            previous=list(previous) if previous is not None else None,
        )


def load(
    data: str | Path | Iterable[str | Path] | None = None,
    *,
    store: str | None = None,
    rebuild: bool = False,
) -> PartnerGraph:
    """Load the bundled Norddjurs graph, or your own files and folders instead."""
    return PartnerGraph.load(data, store=store, rebuild=rebuild)
