"""The register: the shared organisations some memo mentions (universities, schools,
foundations, companies) and the municipalities' codes, a dataset of its own.

As in ``data/register.ttl``, every fact here cites the register (``dcterms:source`` its
dataset), not a memo, and the register describes itself in its own graph; the memos mention the
shared organisations by their shared IRIs. The municipalities themselves are described by their
own memos; the register adds their (synthetic) codes.
"""

from __future__ import annotations

from partnergraph.io.ntriples import literal, plain
from partnergraph.synthetic.block import AGENT, Block
from partnergraph.synthetic.dataset import DESCRIPTION, LICENCE, SYNTHETIC_BASE
from partnergraph.synthetic.files import Sink
from partnergraph.synthetic.tables import PARTNER_TYPES

__all__ = ["REGISTER", "write_register"]

REGISTER = "register"
"""The register's name: its file stem and named graph (``graph/register``), as in ``data/``."""


def write_register(b: Block, sink: Sink, graph: str) -> None:
    """The register's description, then every partner some memo mentions, then the codes."""
    x = b.x
    t = sink.t
    register = b.shared(f"dataset-{REGISTER}")
    source = x["dcterms:source"]
    for cls in ("dcat:Dataset", "void:Dataset"):
        t(register, b.a, x[cls])
    for predicate in ("skos:prefLabel", "dcterms:title"):
        t(register, x[predicate], literal("Syntetisk register over fælles organisationer", "da"))
        t(register, x[predicate], literal("Synthetic register of shared organisations", "en"))
    t(register, x["dcterms:description"], plain(DESCRIPTION))
    da = "Opdigtede organisationer, som flere opdigtede notater nævner, og opdigtede kommunekoder."
    t(register, x["dcterms:description"], literal(da, "da"))
    en = "Invented organisations that several invented memos mention, and invented codes."
    t(register, x["dcterms:description"], literal(en, "en"))
    t(register, x["dcterms:publisher"], x["pgid:partnergraph-team"])
    t(register, x["dcterms:license"], LICENCE)
    t(register, x["skos:editorialNote"], literal("Udateret: registeret er opdigtet.", "da"))
    t(register, x["skos:editorialNote"], literal("Undated: the register is invented.", "en"))
    t(register, x["void:uriSpace"], plain(SYNTHETIC_BASE))
    t(register, x["void:subset"], graph)
    sink.end_block()
    for partner in b.plan.partners:
        if not partner.mentioned:
            continue
        s = b.shared(partner.key)
        b.count("partners")
        for cls in (*PARTNER_TYPES[partner.kind], *AGENT):
            t(s, b.a, x[cls])
        for lang, text in partner.labels.items():
            t(s, b.pref, literal(text, lang))
        if partner.alt:
            t(s, b.alt, literal(partner.alt, "da"))
        t(s, x["org:classification"], x[f"pgid:kind-{partner.kind}"])
        country = x["country:SWE" if partner.country == "SE" else "country:DNK"]
        t(s, x["pg:country"], country)
        t(s, source, register)
        if partner.unit is not None and partner.unit_mentioned:
            u = b.shared(f"{partner.key}-business-staff")
            b.count("partner units")
            for cls in ("org:OrganizationalUnit", "org:Organization", *AGENT):
                t(u, b.a, x[cls])
            for lang, text in partner.unit.items():
                t(u, b.pref, literal(text, lang))
            t(u, x["org:classification"], x["pgid:kind-administrative-unit"])
            t(u, x["org:unitOf"], s)
            t(u, x["pg:country"], country)
            t(u, source, register)
        sink.end_block()
    agency = literal("Syntetiske kommunekoder (ikke virkelige)", "da")
    for m in b.plan.municipalities:
        muni, code = b.shared(m.local), b.shared(f"{m.key}-code")
        t(muni, x["adms:identifier"], code)
        t(muni, source, register)
        number = f"S{m.index + 1:05d}"
        t(code, b.a, x["adms:Identifier"])
        t(code, b.notation, plain(number))
        t(code, b.pref, literal(f"Syntetisk kommunekode {number}", "da"))
        t(code, b.pref, literal(f"Synthetic municipality code {number}", "en"))
        t(code, x["adms:schemaAgency"], agency)
        t(code, source, register)
        sink.end_block()
