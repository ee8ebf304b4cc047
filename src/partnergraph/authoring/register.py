"""The register of shared organisations, as a workbook offers it and an import checks against it.

Organisations that many sources mention (universities, municipalities, companies) are listed in
the register (``data/register.ttl``, graph ``graph/register``: each organisation the graph cites
the register for, with the official identifiers of some), and every source names them by their
shared IRI (``pgid:aarhus-universitet``). So the template lists the register's
organisations on a sheet of their own, a workbook may refer to them without a row of its own,
and an import points out an organisation it introduces whose name is close to a register
entry's: "Aarhus University", "Århus Universitet" or "Aarhus Univeristy" typed as a new
organisation is almost always the shared one, named in a way that would split it in two.

A close name is a hint, not a refusal: two organisations may truly have close names (Halmstad
Kommune and Halmstads kommun are one, Aarhus Universitet and Aarhus Kommune are not), and only
the person who read the source can tell. What is refused is a shared id stated with other facts
(:func:`partnergraph.engine.datasets.check_conflicts`).
"""

from __future__ import annotations

import difflib
import functools
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, ORG, RDF, SKOS

from partnergraph.authoring.sheets.build import Built
from partnergraph.authoring.sheets.cells import render_iri
from partnergraph.core.messages import t
from partnergraph.engine.memory import MemoryStore
from partnergraph.engine.stores import Store
from partnergraph.io.loading import (
    GRAPH_BASE,
    bundled_data_files,
    dataset_from_files,
    ontology_files,
)
from partnergraph.io.results import SelectResult

__all__ = [
    "REGISTER_GRAPH",
    "Entry",
    "Register",
    "bundled_register",
    "read_register",
    "register_hints",
    "similarity",
]

REGISTER_GRAPH = URIRef(GRAPH_BASE + "register")
"""The named graph the register is loaded into (from ``register.ttl``)."""

CLOSE = 0.85
"""How alike two names must be (0 to 1, see :func:`similarity`) to point one out."""


@dataclass(frozen=True)
class Entry:
    """One organisation of the register: its IRI and its names."""

    iri: URIRef
    names: dict[str, str] = field(default_factory=dict)
    """Language → the organisation's name (``skos:prefLabel``)."""
    other_names: tuple[str, ...] = ()

    @property
    def id(self) -> str:
        """How a workbook cell names it: ``pgid:aarhus-universitet``."""
        return render_iri(self.iri, bare_ids=False)

    def name(self, lang: str) -> str:
        return self.names.get(lang) or self.names.get("da") or self.names.get("en") or self.id


@dataclass(frozen=True)
class Register:
    """The register's organisations in name order, and the statements about them."""

    entries: tuple[Entry, ...] = ()
    graph: Graph = field(default_factory=Graph)
    """The types, names and sources of the register's organisations, for the SHACL check of
    a workbook that refers to them."""

    def __contains__(self, iri: object) -> bool:
        return any(entry.iri == iri for entry in self.entries)

    def iris(self) -> frozenset[URIRef]:
        return frozenset(entry.iri for entry in self.entries)

    def closest(self, names: Iterable[str]) -> Entry | None:
        """The entry whose name (in any language, or another name) is most like one of
        ``names``, if it is close enough."""
        best: tuple[float, Entry] | None = None
        for entry in self.entries:
            theirs = [*entry.names.values(), *entry.other_names]
            score = max((similarity(a, b) for a in names for b in theirs), default=0.0)
            if score >= CLOSE and (best is None or score > best[0]):
                best = (score, entry)
        return best[1] if best is not None else None


_ORGANISATIONS = f"""SELECT ?org ?p ?o WHERE {{
    GRAPH <{REGISTER_GRAPH}> {{ ?org <{DCTERMS.source}> ?register }}
    ?org a <{ORG.Organization}> ; ?p ?o .
    FILTER(?p IN (<{RDF.type}>, <{SKOS.prefLabel}>, <{SKOS.altLabel}>, <{DCTERMS.source}>))
}}"""
"""The organisations the register graph cites the register for, with their types, names and
sources as the loaded data states them (the sources that mention them, not the register)."""


def read_register(store: Store) -> Register:
    """The register's organisations as ``store`` holds them (none without a register graph)."""
    result = store.run(_ORGANISATIONS)
    assert isinstance(result, SelectResult)
    graph = Graph()
    for org, p, o in result.rows:
        if org is not None and p is not None and o is not None:
            graph.add((org, p, o))
    return _register(graph)


@functools.cache
def bundled_register() -> Register:
    """The bundled register with the names the bundled data gives its organisations: what a
    blank template offers, and what an import without loaded data refers to."""
    files = [*ontology_files(), *bundled_data_files()]
    return read_register(MemoryStore(dataset_from_files(files)))


def _register(graph: Graph) -> Register:
    entries: list[Entry] = []
    for org in sorted({s for s in graph.subjects() if isinstance(s, URIRef)}):
        names = {
            label.language: str(label)
            for label in sorted(graph.objects(org, SKOS.prefLabel), key=str)
            if isinstance(label, Literal) and label.language
        }
        others = tuple(sorted(str(o) for o in graph.objects(org, SKOS.altLabel)))
        entries.append(Entry(org, names, others))
    entries.sort(key=lambda e: (e.name("da").casefold(), str(e.iri)))
    return Register(tuple(entries), graph)


# --- close names ------------------------------------------------------------------------------

_FOLD = str.maketrans({"ø": "o", "æ": "ae", "å": "aa", "ö": "o", "ä": "ae", "ß": "ss"})

_GENERIC = {
    "universitet": "universitet",
    "universitetet": "universitet",
    "university": "universitet",
    "universität": "universitet",
    "universite": "universitet",
    "kommune": "kommune",
    "kommunen": "kommune",
    "kommun": "kommune",
    "municipality": "kommune",
    "region": "region",
    "regionen": "region",
    "college": "college",
}
"""Words that say what kind of organisation a name is, in the languages the sources use: the
same kind in another language is the same word ("University of Aarhus", "Aarhus Universitet")."""

_SMALL = {"of", "the", "i", "af", "for", "og", "and", "&", "de", "a/s", "i/s", "aps"}


def _words(name: str) -> tuple[frozenset[str], tuple[str, ...]]:
    """A name as the kinds it states and the rest of its words, in order: case, accents and
    Danish letters folded (ø as o, å as aa), small words dropped, kind words translated."""
    text = name.casefold().translate(_FOLD)
    text = "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))
    kinds: set[str] = set()
    rest: list[str] = []
    for word in re.findall(r"[\w/&]+", text):
        if word in _SMALL:
            continue
        kind = _GENERIC.get(word) or next(
            (v for k, v in _GENERIC.items() if len(k) >= 6 and _ratio(word, k) >= 0.8), None
        )
        if kind is not None:
            kinds.add(kind)
        else:
            rest.append(word)
    return frozenset(kinds), tuple(rest)


def _ratio(a: str, b: str) -> float:
    return difflib.SequenceMatcher(None, a, b).ratio()


def similarity(a: str, b: str) -> float:
    """How alike two organisation names are, from 0 to 1: 1 for the same name written another
    way (case, accents, word order, "Universitet" for "University"), a little less for a small
    typo, 0 for names of different kinds (Aarhus Universitet, Aarhus Kommune). Short names
    (AU, VIA) count only when they are equal."""
    kinds_a, rest_a = _words(a)
    kinds_b, rest_b = _words(b)
    if kinds_a != kinds_b:
        return 0.0
    joined_a, joined_b = "".join(rest_a), "".join(rest_b)
    if joined_a == joined_b:
        return 1.0 if joined_a or kinds_a else 0.0
    if min(len(joined_a), len(joined_b)) < 4:
        return 0.0
    in_order = _ratio(joined_a, joined_b)
    any_order = _ratio("".join(sorted(rest_a)), "".join(sorted(rest_b)))
    return max(in_order, any_order)


def register_hints(built: Built, register: Register, *, lang: str = "da") -> list[str]:
    """One line for each organisation the workbook introduces whose name is close to a
    register entry's: where it is (sheet, row), the name typed, and the entry to write instead."""
    hints: list[str] = []
    if not register.entries:
        return hints
    for iri, defined in built.defined.items():
        if defined.sheet.spec.key != "organisations" or iri in register:
            continue
        row = defined.row
        typed = [row.get(key) for key in ("name_da", "name_en") if row.get(key)]
        entry = register.closest(typed)
        if entry is None:
            continue
        hints.append(
            t(
                "import.register.close",
                lang,
                sheet=defined.sheet.title,
                row=row.number,
                name=typed[0],
                id=entry.id,
                entry=entry.name(lang),
            )
        )
    return hints
