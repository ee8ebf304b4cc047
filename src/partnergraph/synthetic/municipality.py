"""The municipality's block: the municipality and its units, then everything its memo
describes, each kind of thing by its own builder. Its code is the register's (:mod:`.register`)."""

from __future__ import annotations

import random

from partnergraph.io.ntriples import literal
from partnergraph.synthetic.block import AGENT, Block
from partnergraph.synthetic.documents import (
    write_instruments,
    write_memo,
    write_strategies,
    write_typology,
)
from partnergraph.synthetic.formal import write_formal
from partnergraph.synthetic.partnerships import write_imc, write_strategic
from partnergraph.synthetic.plan import Municipality
from partnergraph.synthetic.tables import UNITS
from partnergraph.synthetic.twin import write_twin

__all__ = ["write_municipality", "write_units"]


def write_municipality(b: Block, m: Municipality) -> None:
    """One municipality's block, from its own random stream (so blocks do not shift each other)."""
    rng = random.Random(f"partnergraph-generate/{b.seed}/{m.index}")
    x = b.x
    t = b.facts.t
    b.m = m
    b.memo = x.node(m.memo)
    b.muni = b.shared(m.local)
    b.country = x["country:SWE" if m.se else "country:DNK"]
    b.mentioned = set()
    b.count("municipalities")
    b.count("sources")

    b.strategies = write_strategies(b, m, rng)
    write_memo(b, m)
    instruments = write_instruments(b, m, rng)

    muni = b.muni
    kinds = ("org:FormalOrganization", "org:Organization", "cv:PublicOrganisation")
    b.typed(muni, *kinds, "schema:GovernmentOrganization", *AGENT)
    b.labels(muni, {"da": m.da, "en": m.en, **({"sv": m.sv} if m.se else {})})
    if m.se:
        t(muni, b.alt, literal(f"{m.name} Kommun", "da"))
    t(muni, x["org:classification"], x["pgid:kind-municipality"])
    t(muni, x["pg:country"], b.country)
    for instrument in instruments:
        t(muni, x["pg:usesInstrument"], instrument)
    b.sourced(muni)
    write_units(b, m)
    b.types = write_typology(b, m)

    # formal partnerships with knowledge institutions, mostly of the same country
    pool = b.plan.knowledge[m.country]
    formal = pool.draw(rng, rng.choices((1, 2, 3), weights=(1, 5, 4))[0])
    if rng.random() < 0.1:
        formal += b.plan.knowledge["DK" if m.se else "SE"].draw(rng, 1)
    for partner in formal:
        write_formal(b, partner, rng)

    # the twin town across the border, described in the Danish memo
    if m.twin is not None:
        twin = b.plan.municipalities[m.twin]
        if m.owns_twin:
            write_twin(b, twin, rng)
        else:
            b.mention(b.shared(f"{twin.key}-partnership-{m.key}"))

    # strategic partnerships
    taken = [p.index for p in formal]
    strategic = b.plan.strategic[m.country].draw(rng, rng.choice((1, 2, 3, 3)), taken)
    for partner in strategic:
        write_strategic(b, partner, rng)

    # inter-municipal companies and collaborations
    for index in m.imcs_owned:
        write_imc(b, b.plan.imcs[index], rng)
    for index in m.imcs_joined:
        b.mention(b.shared(b.plan.imcs[index].collaboration_key))


def write_units(b: Block, m: Municipality) -> None:
    """Committees, secretariat and departments: who treats and who takes part in the forums."""
    x = b.x
    t = b.facts.t
    language = "sv" if m.se else "da"
    b.unit_iris = {}
    for key, name, english, short, kind, definition_da, definition_en in UNITS[m.country]:
        unit = x.node(key)
        b.unit_iris[key] = unit
        b.count("units")
        b.typed(unit, "org:OrganizationalUnit", "org:Organization", *AGENT)
        labels = {"da": f"{name} i {m.da}", "en": f"{english} of {m.en}"}
        if m.se:
            labels["sv"] = f"{name} i {m.sv}"
        b.labels(unit, labels)
        t(unit, b.alt, literal(name, language))
        if short:
            t(unit, b.alt, literal(f"{short} ({m.name})", language))
            b.short[unit] = short
            b.english[unit] = english
        if definition_da:
            b.text(unit, "skos:definition", definition_da, definition_en)
        t(unit, x["org:classification"], x[f"pgid:kind-{kind}"])
        t(unit, x["org:unitOf"], b.muni)
        t(unit, x["pg:country"], b.country)
        b.sourced(unit)
    first, second, secretariat = (u[0] for u in UNITS[m.country][:3])
    b.committee = b.unit_iris[first]
    b.council = b.unit_iris[second]
    b.secretariat = b.unit_iris[secretariat]
    b.short[b.muni] = m.name
    b.english[b.muni] = m.en
