"""The plan: municipalities, partners, regions, inter-municipal collaborations, twin towns.

Everything that ties the municipalities together is decided here, from one random stream,
before any triple is written; each municipality's block is then written from its own stream.
"""

from __future__ import annotations

import bisect
import random
from collections.abc import Iterable
from dataclasses import dataclass, field

from partnergraph.synthetic.names import Names, genitive, slug
from partnergraph.synthetic.tables import IMC_TEMPLATES, PARTNER_NAMES, SYLLABLES, TRADES

__all__ = ["Imc", "Municipality", "Partner", "Plan", "Pool"]


@dataclass
class Municipality:
    index: int
    name: str
    country: str
    key: str
    imcs_owned: list[int] = field(default_factory=list)
    imcs_joined: list[int] = field(default_factory=list)
    twin: int | None = None
    owns_twin: bool = False

    @property
    def se(self) -> bool:
        return self.country == "SE"

    @property
    def da(self) -> str:
        return f"{self.name} Kommune"

    @property
    def en(self) -> str:
        return f"{self.name} Municipality"

    @property
    def sv(self) -> str:
        return f"{genitive(self.name)} kommun" if self.se else f"{self.name} kommun"

    @property
    def local(self) -> str:
        return f"{self.key}-kommun" if self.se else f"{self.key}-kommune"

    @property
    def memo(self) -> str:
        """The local name of its memo, in its own dataset's namespace."""
        return "memo"


@dataclass
class Partner:
    index: int
    key: str
    kind: str
    country: str
    labels: dict[str, str]
    alt: str | None
    unit: dict[str, str] | None
    mentioned: bool = False
    unit_mentioned: bool = False


@dataclass
class Imc:
    key: str
    labels: dict[str, str]
    region: str
    kind: str
    collaboration: str
    country: str
    themes: tuple[str, ...]
    members: list[int]

    @property
    def company(self) -> bool:
        """Run through a company: the company and the collaboration are two things."""
        return self.kind == "inter-municipal-company"

    @property
    def collaboration_key(self) -> str:
        """The key of the collaboration its members take part in (the company's own key
        names the company)."""
        return f"collaboration-{self.key}" if self.company else self.key


class Pool:
    """Partners drawn with Zipf-like popularity: the k-th most popular has weight 1/k**1.1."""

    def __init__(self, partners: list[Partner], rng: random.Random) -> None:
        self.partners = list(partners)
        rng.shuffle(self.partners)  # popularity has nothing to do with the order of creation
        self.cumulative: list[float] = []
        total = 0.0
        for rank in range(len(self.partners)):
            total += 1.0 / (rank + 1) ** 1.1
            self.cumulative.append(total)

    def draw(self, rng: random.Random, count: int, exclude: Iterable[int] = ()) -> list[Partner]:
        """``count`` distinct partners (fewer if the pool is smaller), skewed to the popular."""
        taken = set(exclude)
        wanted = min(count, sum(1 for p in self.partners if p.index not in taken))
        total = self.cumulative[-1] if self.cumulative else 0.0
        chosen: list[Partner] = []
        while len(chosen) < wanted:
            partner = self.partners[bisect.bisect(self.cumulative, rng.random() * total)]
            if partner.index not in taken:
                taken.add(partner.index)
                chosen.append(partner)
        return chosen


class Plan:
    """What ties the municipalities together, decided before any triple is written."""

    def __init__(self, municipalities: int, seed: int) -> None:
        rng = random.Random(f"partnergraph-generate/{seed}/plan")
        self.names = Names(rng)
        self.municipalities: list[Municipality] = []
        for index in range(municipalities):
            country = "SE" if index % 5 in (1, 3) else "DK"
            name = self.names.place(country)
            self.municipalities.append(Municipality(index, name, country, slug(name)))
        self.partners: list[Partner] = []
        self.knowledge: dict[str, Pool] = {}
        self.strategic: dict[str, Pool] = {}
        self.companies: dict[str, Pool] = {}
        for country in ("DK", "SE"):
            size = sum(1 for m in self.municipalities if m.country == country)
            made = {
                kind: [self._partner(kind, country, rng) for _ in range(count)]
                for kind, count in (
                    ("university", 2 + size // 20),
                    ("university-college", 2 + size // 20),
                    ("school", 2 + size // 15),
                    ("foundation", 2 + size // 15),
                    ("company", 4 + size // 6),
                )
            }
            self.knowledge[country] = Pool(made["university"] + made["university-college"], rng)
            self.strategic[country] = Pool(
                made["university"] + made["school"] + made["foundation"] + made["company"], rng
            )
            self.companies[country] = Pool(made["company"], rng)
        self.imcs: list[Imc] = []
        for country in ("DK", "SE"):
            self._regions(country, rng)
        self._twins(rng)

    def _partner(self, kind: str, country: str, rng: random.Random) -> Partner:
        """A partner named by its kind's pattern in ``tables/partner-names.csv``."""
        if kind == "foundation":
            values = {"name": self.names.surname(country)}
        else:
            place = self.names.place(country, SYLLABLES[country].place_codas)
            values = {"place": place, "place_genitive": genitive(place), "initial": place[0]}
            if kind == "company":
                values["trade_da"], values["trade_sv"] = rng.choice(TRADES)
        pattern = PARTNER_NAMES[kind, country]
        labels = {lang: text.format_map(values) for lang, text in pattern.labels.items()}
        alt = pattern.alt.format_map(values) or None
        unit: dict[str, str] | None = None
        if pattern.staff:
            named = {"da_genitive": genitive(labels["da"]), "en": labels["en"]}
            unit = {lang: text.format_map(named) for lang, text in pattern.staff.items()}
        partner = Partner(len(self.partners), slug(labels["da"]), kind, country, labels, alt, unit)
        self.partners.append(partner)
        return partner

    def _regions(self, country: str, rng: random.Random) -> None:
        """Neighbouring municipalities of one country, each region with 2-4 joint bodies."""
        members = [m for m in self.municipalities if m.country == country]
        codas = SYLLABLES[country].place_codas
        start = 0
        while start < len(members):
            size = rng.randint(3, 6)
            region = members[start : start + size]
            start += size
            name = self.names.place(country, codas)
            for key, da, sv, kind, collaboration, themes in rng.sample(
                IMC_TEMPLATES, rng.randint(2, 4)
            ):
                chosen = list(region)
                if len(region) > 2:
                    chosen = sorted(rng.sample(region, rng.randint(2, len(region))), key=_index)
                label = (da if country == "DK" else sv).format(r=name)
                labels = {"da": label, "en": label, **({"sv": label} if country == "SE" else {})}
                imc = Imc(
                    f"{key}-{slug(name)}",
                    labels,
                    name,
                    kind,
                    collaboration,
                    country,
                    themes,
                    [m.index for m in chosen],
                )
                chosen[0].imcs_owned.append(len(self.imcs))
                for other in chosen[1:]:
                    other.imcs_joined.append(len(self.imcs))
                self.imcs.append(imc)

    def _twins(self, rng: random.Random) -> None:
        """Three quarters of the Swedish municipalities twinned with a Danish one."""
        danish = [m for m in self.municipalities if m.country == "DK"]
        swedish = [m for m in self.municipalities if m.country == "SE"]
        rng.shuffle(danish)
        rng.shuffle(swedish)
        pairs = max(1, len(swedish) * 3 // 4) if danish and swedish else 0
        for dk, se in zip(danish[:pairs], swedish[:pairs], strict=False):
            dk.twin, se.twin = se.index, dk.index
            dk.owns_twin = True


def _index(municipality: Municipality) -> int:
    return municipality.index
