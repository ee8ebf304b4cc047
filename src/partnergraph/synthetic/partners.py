"""The shared partners (universities, schools, foundations, companies) that some memo mentions,
each described once, in files of their own."""

from __future__ import annotations

from partnergraph.io.ntriples import literal
from partnergraph.synthetic.block import AGENT, Block
from partnergraph.synthetic.files import Sink
from partnergraph.synthetic.tables import PARTNER_TYPES

__all__ = ["write_partners"]


def write_partners(b: Block, sink: Sink) -> None:
    """Every partner some memo mentions; their dcterms:source come from those memos."""
    x = b.x
    t = sink.t
    for partner in b.plan.partners:
        if not partner.mentioned:
            continue
        s = x.node(partner.key)
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
        if partner.unit is not None and partner.unit_mentioned:
            u = x.node(f"{partner.key}-business-staff")
            b.count("partner units")
            for cls in ("org:OrganizationalUnit", "org:Organization", *AGENT):
                t(u, b.a, x[cls])
            for lang, text in partner.unit.items():
                t(u, b.pref, literal(text, lang))
            t(u, x["org:classification"], x["pgid:kind-administrative-unit"])
            t(u, x["org:unitOf"], s)
            t(u, x["pg:country"], country)
        sink.end_block()
