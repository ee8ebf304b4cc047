"""What every builder writes with: the terms, the two graphs (facts, mappings), and the block.

A block is one municipality's memo, a dataset of its own: everything the memo states goes to
its facts graph with dcterms:source naming the memo; editorial mappings (themes, SDG targets)
go to its mappings graph. What the memo introduces is minted in the municipality's namespace
(``x.node``); what several sources mention (partners, municipalities, inter-municipal bodies,
twin-town partnerships) in the shared one (:meth:`Block.shared`), as ``partnergraph import``
keeps ``pgid:`` ids. The builders (one module per kind of thing) are functions that take the
:class:`Block`.
"""

from __future__ import annotations

import random
from collections.abc import Iterable

from partnergraph.io.ntriples import TermSyntax, TripleText, literal, plain
from partnergraph.synthetic.periods import When
from partnergraph.synthetic.plan import Municipality, Partner, Plan
from partnergraph.synthetic.tables import RELATED_TARGET, Theme

__all__ = ["AGENT", "Block"]

AGENT = ("foaf:Agent", "prov:Agent")
"""Every organisation is also an agent."""


class Block:
    """The state the builders share while one municipality's block is written."""

    def __init__(
        self, plan: Plan, seed: int, syntax: TermSyntax, facts: TripleText, mappings: TripleText
    ) -> None:
        self.plan = plan
        self.seed = seed
        self.x = syntax
        self.facts = facts
        self.mappings = mappings
        self.counts: dict[str, int] = {}
        self._bnodes = 0
        x = syntax
        self.a = x["rdf:type"]
        self.pref = x["skos:prefLabel"]
        self.alt = x["skos:altLabel"]
        self.source = x["dcterms:source"]
        self.notation = x["skos:notation"]
        self.in_scheme = x["skos:inScheme"]
        self.top_of = x["skos:topConceptOf"]
        self.contributes = x["pg:contributesTo"]
        self.sdg_17_17 = x["sdg:17.17"]
        # the block being built: its municipality, its memo, what the memo mentions
        self.m = Municipality(-1, "", "DK", "")
        self.memo = self.muni = self.country = ""
        self.mentioned: set[str] = set()
        self.unit_iris: dict[str, str] = {}
        self.committee = self.council = self.secretariat = ""
        self.short: dict[str, str] = {}
        self.english: dict[str, str] = {}
        self.strategies: dict[str, str] = {}
        """The municipality's strategy documents by key: plan, growth, principles..."""
        self.types: dict[str, str] = {}
        """Its collaboration types by key: partnership-agreement, strategic, functional."""

    def shared(self, local: str) -> str:
        """A thing of the shared namespace, which any source may mention."""
        return self.x[f"syn:{local}"]

    def count(self, kind: str) -> None:
        self.counts[kind] = self.counts.get(kind, 0) + 1

    def typed(self, s: str, *classes: str) -> None:
        for cls in classes:
            self.facts.t(s, self.a, self.x[cls])

    def labels(self, s: str, labels: dict[str, str]) -> None:
        for lang, text in labels.items():
            self.facts.t(s, self.pref, literal(text, lang))

    def text(self, s: str, predicate: str, da: str, en: str | None = None) -> None:
        self.facts.t(s, self.x[predicate], literal(da, "da"))
        if en is not None:
            self.facts.t(s, self.x[predicate], literal(en, "en"))

    def sourced(self, s: str) -> None:
        self.facts.t(s, self.source, self.memo)

    def mention(self, s: str) -> None:
        """The memo describes ``s`` too, a thing described in full elsewhere."""
        if s not in self.mentioned:
            self.mentioned.add(s)
            self.facts.t(s, self.source, self.memo)

    def map_to(self, s: str, themes: Iterable[str], predicate: str = "skos:broadMatch") -> None:
        for theme in themes:
            self.mappings.t(s, self.x[predicate], self.x[f"pgid:theme-{theme}"])

    def period(self, s: str, when: When) -> None:
        t = self.facts.t
        x = self.x
        self._bnodes += 1
        b = f"_:p{self._bnodes}"
        self.count("periods")
        t(s, x["dcterms:temporal"], b)
        t(b, self.a, x["dcterms:PeriodOfTime"])
        if when.start is not None:
            t(b, x["dcat:startDate"], x.typed(*when.start))
        if when.end is not None:
            t(b, x["dcat:endDate"], x.typed(*when.end))
        t(b, x["rdfs:label"], literal(when.da, "da"))
        if when.en != when.da:
            t(b, x["rdfs:label"], literal(when.en, "en"))

    def scheme(self, local: str, da: str, en: str, subject: str = "") -> str:
        """A concept scheme the memo lists (of ``subject``, a partnership, if given)."""
        s = self.x.node(local)
        self.typed(s, "skos:ConceptScheme")
        self.labels(s, {"da": da, "en": en})
        if subject:
            self.facts.t(s, self.x["dcterms:subject"], subject)
        self.sourced(s)
        return s

    def pair(self, key: str) -> tuple[str, str]:
        """The key prefix of what a partnership of this municipality with ``key`` mints, and the
        partnership's IRI (in the municipality's namespace, which already says whose)."""
        return key, self.x.node(f"partnership-{key}")

    def concept(
        self,
        s: str,
        classes: tuple[str, ...],
        scheme: str,
        number: int | None,
        theme: Theme,
        definition: tuple[str, str] | None = None,
    ) -> None:
        """A top concept of ``scheme``, numbered if ``number``, mapped to the theme's
        cross-cutting themes; ``definition`` in Danish and English."""
        t = self.facts.t
        self.typed(s, *classes)
        t(s, self.in_scheme, scheme)
        t(s, self.top_of, scheme)
        if number is not None:
            t(s, self.notation, plain(str(number)))
        self.labels(s, {"da": theme[0], "en": theme[1]})
        if definition is not None:
            self.text(s, "skos:definition", *definition)
        self.sourced(s)
        self.map_to(s, theme[2])

    def contribute(self, s: str, rng: random.Random, themes: Iterable[str]) -> None:
        """Every partnership serves SDG 17.17; some also the target of their main theme."""
        self.mappings.t(s, self.contributes, self.sdg_17_17)
        targets = [RELATED_TARGET[t] for t in themes if RELATED_TARGET[t] != "sdg:17.17"]
        if targets and rng.random() < 0.4:
            self.mappings.t(s, self.contributes, self.x[targets[0]])

    def partner(self, partner: Partner) -> str:
        partner.mentioned = True
        s = self.shared(partner.key)
        self.mention(s)
        return s

    def committees(self, by: list[str]) -> tuple[str, str]:
        """Short Danish names ("ØK/KB") and English names of the treating bodies."""
        return "/".join(self.short[b] for b in by), " and ".join(self.english[b] for b in by)
