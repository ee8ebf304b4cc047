"""The controlled lists a workbook's drop-downs offer and its import checks against.

Most come from the shared vocabularies (``ontology/vocabularies.ttl``) and the SDG subset
(``ontology/sdg.ttl``), read with SPARQL through a
:class:`~partnergraph.query.knowledge.Knowledge`, so they are the same on every store; a few
(what kind of row a row is) belong to the workbook.
"""

from __future__ import annotations

import functools
from collections.abc import Iterator
from dataclasses import dataclass, field

from rdflib import Literal, URIRef

from partnergraph.authoring.sheets.cells import COUNTRY
from partnergraph.authoring.sheets.layout import LISTS
from partnergraph.io.loading import dataset_from_files, ontology_files
from partnergraph.io.results import SelectResult
from partnergraph.query.knowledge import Knowledge
from partnergraph.rdf.namespaces import PGID, SDG

__all__ = [
    "Item",
    "Vocabularies",
    "VocabularyList",
    "bundled_vocabularies",
    "load_vocabularies",
    "ontology_graph",
]


@dataclass(frozen=True)
class Item:
    """One allowed value: what a cell holds (``value``), the IRI it stands for, its labels."""

    value: str
    iri: URIRef
    labels: dict[str, str] = field(default_factory=dict)
    aliases: tuple[str, ...] = ()

    def label(self, lang: str) -> str:
        return self.labels.get(lang) or self.labels.get("da") or self.labels.get("en") or ""


@dataclass
class VocabularyList:
    """A named list of allowed values, in a stable order."""

    name: str
    da: str
    en: str
    items: list[Item] = field(default_factory=list)
    open: bool = False
    """Values outside the list are accepted (the list only suggests), e.g. language codes."""

    def title(self, lang: str) -> str:
        return self.en if lang == "en" else self.da

    def find(self, text: str) -> Item | None:
        """The item a cell means: its value, IRI, notation or a label in any language."""
        wanted = text.strip().casefold()
        for item in self.items:
            names = (item.value, str(item.iri), *item.labels.values(), *item.aliases)
            if any(wanted == n.casefold() for n in names if n):
                return item
        return None

    def shown(self, item: Item, lang: str) -> str:
        """What a cell shows for ``item``: its name in ``lang`` ("gældende", not the slug
        ``status-in-force``) when that name leads back to it alone, else its value."""
        name = item.labels.get(lang, "")
        return name if name and self.find(name) is item else item.value

    def by_iri(self, iri: object) -> Item | None:
        for item in self.items:
            if item.iri == iri:
                return item
        return None

    def values(self) -> list[str]:
        return [item.value for item in self.items]


@dataclass
class Vocabularies:
    lists: dict[str, VocabularyList]

    def __getitem__(self, name: str) -> VocabularyList:
        return self.lists[name]

    def __iter__(self) -> Iterator[VocabularyList]:
        return iter(self.lists.values())


_CLASS_LISTS: tuple[tuple[str, URIRef], ...] = tuple(
    (spec.name, spec.members_of) for spec in LISTS if spec.members_of is not None
)
"""The lists whose values are the members of a class in the graph (statuses, roles, ...)."""


def _label_rows(result: SelectResult) -> dict[URIRef, dict[str, object]]:
    found: dict[URIRef, dict[str, object]] = {}
    for row in result.rows:
        name, node, notation, label = row
        if not isinstance(node, URIRef):
            continue
        entry = found.setdefault(node, {"list": str(name), "labels": {}, "notations": set()})
        labels = entry["labels"]
        notations = entry["notations"]
        assert isinstance(labels, dict) and isinstance(notations, set)
        if isinstance(label, Literal) and label.language:
            labels.setdefault(label.language.lower(), str(label))
        if isinstance(notation, Literal):
            notations.add(str(notation))
    return found


def load_vocabularies(kg: Knowledge) -> Vocabularies:
    """The controlled lists as the graph ``kg`` holds them (read with SPARQL)."""
    values = " ".join(f'({cls.n3()} "{name}")' for name, cls in _CLASS_LISTS)
    result = kg.sparql(
        f"""SELECT ?list ?c ?notation ?label WHERE {{
            VALUES (?cls ?list) {{ {values} }}
            ?c a ?cls .
            OPTIONAL {{ ?c skos:notation ?notation }}
            OPTIONAL {{ ?c skos:prefLabel ?label }}
        }}"""
    )
    assert isinstance(result, SelectResult)
    lists: dict[str, VocabularyList] = {
        spec.name: VocabularyList(spec.name, spec.da, spec.en, open=spec.open) for spec in LISTS
    }
    for node, entry in sorted(_label_rows(result).items()):
        labels = entry["labels"]
        notations = entry["notations"]
        assert isinstance(labels, dict) and isinstance(notations, set)
        text = str(node)
        value = text[len(str(PGID)) :] if text.startswith(str(PGID)) else text
        lists[str(entry["list"])].items.append(
            Item(value, node, dict(labels), tuple(sorted(notations)))
        )
    for name, _ in _CLASS_LISTS:
        lists[name].items.sort(key=lambda i: i.value)

    # countries: the EU authority IRIs the vocabularies describe
    countries = kg.sparql(
        f"""SELECT ("country" AS ?list) ?c ?notation ?label WHERE {{
            ?c skos:notation ?notation .
            FILTER(STRSTARTS(STR(?c), "{COUNTRY}"))
            OPTIONAL {{ ?c skos:prefLabel ?label }}
        }}"""
    )
    assert isinstance(countries, SelectResult)
    country_list = lists["country"]
    for node, entry in sorted(_label_rows(countries).items()):
        labels = entry["labels"]
        notations = entry["notations"]
        assert isinstance(labels, dict) and isinstance(notations, set)
        code = str(node)[len(str(COUNTRY)) :]
        aliases = (f"country:{code}", *sorted(notations))
        country_list.items.append(Item(code, node, dict(labels), aliases))

    # UN SDG goals and targets: the subset shipped in ontology/sdg.ttl
    sdgs = kg.sparql(
        """SELECT ("sdg" AS ?list) ?c ?notation ?label WHERE {
            { ?c a sdgo:Goal } UNION { ?c a sdgo:Target }
            ?c skos:notation ?notation .
            FILTER(DATATYPE(?notation) = sdgo:SDGCodeCompact)
            OPTIONAL { ?c skos:prefLabel ?label FILTER(LANG(?label) IN ("da", "en")) }
        }"""
    )
    assert isinstance(sdgs, SelectResult)
    sdg_list = lists["sdg"]
    for node, entry in _label_rows(sdgs).items():
        labels = entry["labels"]
        assert isinstance(labels, dict)
        code = str(node)[len(str(SDG)) :]
        sdg_list.items.append(Item(code, node, dict(labels), (f"sdg:{code}", f"SDG {code}")))
    sdg_list.items.sort(key=lambda i: tuple(_sdg_key(p) for p in i.value.split(".")))

    for spec in LISTS:
        lists[spec.name].items.extend(
            Item(
                item.value,
                item.iri or URIRef(f"urn:partnergraph:{spec.name}:{item.value}"),
                {"da": item.da, "en": item.en},
            )
            for item in spec.items
        )
    return Vocabularies(lists)


def _sdg_key(part: str) -> tuple[int, str]:
    return (int(part), "") if part.isdigit() else (10_000, part)


@functools.lru_cache(maxsize=1)
def bundled_vocabularies() -> Vocabularies:
    """The lists of the bundled vocabularies, read once per process (they never change in it)."""
    return load_vocabularies(ontology_graph())


def ontology_graph() -> Knowledge:
    """The ontology, vocabularies and SDG subset alone, in memory: the lists for a blank
    template and for checking an import."""

    return Knowledge(dataset_from_files(ontology_files()))
