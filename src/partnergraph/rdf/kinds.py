"""The kinds of things the network, the page, the figures and the site draw: the one table.

A kind is what a node of a network is (a partnership, an organisation, a theme...). Each kind
has a stable key (the ``type`` attribute of a network node), the RDF class its members come
from, its names in Danish and English, and how it looks (a vis-network shape name and a fill
colour). Every renderer (the interactive page, the printable figure, the site's small network
pictures) takes its colours, shapes and legend names from here, so a kind looks the same
everywhere. Anything of no known kind is drawn as :data:`OTHER`.

The colours are Paul Tol's "muted" palette (colour-blind safe), with one distinct shape per
kind as well, so colour is never the only difference.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Final

from rdflib import URIRef
from rdflib.namespace import ORG
from rdflib.term import Node

from partnergraph.rdf.namespaces import CV, FOAF, PG, SDG, SDGO

__all__ = ["KINDS", "OTHER", "Kind", "kind", "kind_named", "kind_of", "kinds_listed"]


@dataclass(frozen=True)
class Kind:
    """One kind of node: what it is in RDF, what it is called, how it is drawn."""

    key: str
    """Stable key: the ``type`` attribute of network nodes, the page's group name."""
    rdf_class: URIRef | None
    """The class its members come from (``None`` for :data:`OTHER`)."""
    name: Mapping[str, str]
    """The noun in running text and data exports (``type_label``): "partnerskab"."""
    legend: Mapping[str, str]
    """The short heading in legends: "Partnerskab"."""
    colour: str
    """Fill colour, ``#RRGGBB``."""
    shape: str
    """A vis-network shape name; the figures draw the same shapes in SVG."""
    font: str = "#1f2933"
    """Colour of a label drawn inside the shape (box, ellipse)."""

    def heading(self, lang: str) -> str:
        """The legend heading in ``lang`` (English for any language but Danish)."""
        return self.legend["da"] if lang == "da" else self.legend["en"]

    @property
    def label_inside(self) -> bool:
        """vis-network draws the label inside these shapes, not under them."""
        return self.shape in {"box", "ellipse", "circle", "database", "text"}


_LOOKS: Final[Mapping[str, tuple[URIRef, str, str]]] = {
    # key: (RDF class, colour, shape), in legend order
    "organisation": (ORG.Organization, "#332288", "dot"),
    "unit": (ORG.OrganizationalUnit, "#88CCEE", "triangle"),
    "partnership": (PG.Partnership, "#CC6677", "diamond"),
    "forum": (PG.Forum, "#117733", "hexagon"),
    "agreement": (PG.Agreement, "#DDCC77", "square"),
    "action-plan": (PG.ActionPlan, "#999933", "triangleDown"),
    "document": (PG.StrategyDocument, "#882255", "star"),
    "theme": (PG.CrossCuttingTheme, "#44AA99", "ellipse"),
    "sdg": (SDGO.Goal, "#AA4499", "box"),
}
_WORDS: Final[Mapping[str, tuple[str, str, str, str]]] = {
    # key: (name in Danish, in English, legend heading in Danish, in English)
    "organisation": ("organisation", "organisation", "Organisation", "Organisation"),
    "unit": ("enhed", "unit", "Enhed", "Unit"),
    "partnership": ("partnerskab", "partnership", "Partnerskab", "Partnership"),
    "forum": ("samarbejdsforum", "governance forum", "Samarbejdsforum", "Forum"),
    "agreement": ("aftale", "agreement", "Aftale", "Agreement"),
    "action-plan": ("handleplan", "action plan", "Handleplan", "Action plan"),
    "document": ("strategidokument", "strategy document", "Dokument", "Document"),
    "theme": ("tværgående tema", "cross-cutting theme", "Tværgående tema", "Cross-cutting theme"),
    "sdg": ("verdensmål", "SDG", "Verdensmål", "SDG"),
}
_FONTS: Final[Mapping[str, str]] = {"sdg": "#ffffff"}
"""Label colours of the kinds whose label sits inside a dark shape."""

KINDS: Final[Mapping[str, Kind]] = {
    key: Kind(
        key,
        rdf_class,
        {"da": _WORDS[key][0], "en": _WORDS[key][1]},
        {"da": _WORDS[key][2], "en": _WORDS[key][3]},
        colour,
        shape,
        _FONTS.get(key, Kind.font),
    )
    for key, (rdf_class, colour, shape) in _LOOKS.items()
}
"""Every kind by key, in legend order."""

OTHER: Final = Kind(
    "other", None, {"da": "andet", "en": "other"}, {"da": "Andet", "en": "Other"}, "#BBBBBB", "dot"
)
"""How anything of no known kind is named and drawn."""


def kind(key: str) -> Kind:
    """The kind with ``key``, or :data:`OTHER`."""
    return KINDS.get(key, OTHER)


_NAMED: Final[Mapping[str, str]] = {
    word.casefold(): key
    for key, each in KINDS.items()
    for word in (key, *each.name.values(), *each.legend.values())
}


def kind_named(word: str) -> str | None:
    """The key of the kind a person names by its key or by its name in Danish or English, in
    any case ("partnerskab", "Tværgående tema", "theme"); None for none."""
    return _NAMED.get(word.strip().casefold())


def kinds_listed(lang: str) -> str:
    """Every kind as a reader picks one: "partnerskab (partnership), ..." in Danish, the keys
    in English."""
    if lang == "da":
        named = ((each.name["da"], key) for key, each in KINDS.items())
        return ", ".join(word if word == key else f"{word} ({key})" for word, key in named)
    return ", ".join(KINDS)


_BY_CLASS: Final[tuple[tuple[str, str], ...]] = (
    # The ontology's own classes first, most specific first (a partnership is a collaboration)...
    *(
        (str(KINDS[key].rdf_class), key)
        for key in ("partnership", "forum", "action-plan", "agreement", "document", "theme")
    ),
    # ...then the standard vocabularies' classes that mean the same.
    (str(ORG.OrganizationalCollaboration), "partnership"),
    (str(ORG.OrganizationalUnit), "unit"),
    (str(ORG.Organization), "organisation"),
    (str(CV.PublicOrganisation), "organisation"),
    (str(FOAF.Document), "document"),
)


def kind_of(iri: str, types: Iterable[Node]) -> str:
    """The kind key of a thing from its ``rdf:type`` s and IRI (``"other"`` when none fits).

    SDG goals and targets are known by their IRI, whatever their types say.
    """
    found = {str(t) for t in types}
    for cls, key in _BY_CLASS:
        if cls in found:
            return key
    if iri.startswith(str(SDG)):
        return "sdg"
    return OTHER.key
