"""Who meets and who decides: forums with their memberships and meeting frequencies, and the
decisions (treatments, reviews, adoptions) with their committees and dates."""

from __future__ import annotations

from partnergraph.io.ntriples import literal
from partnergraph.synthetic.block import Block
from partnergraph.synthetic.periods import When

__all__ = ["Seat", "write_decision", "write_forum"]

Seat = tuple[str, str, bool]
"""A forum membership: member (rendered IRI), role (vocabulary local name or ""), and whether
the memo leaves the member's participants unnamed."""


def write_forum(
    b: Block,
    partnership: str,
    key: str,
    names: tuple[str, str],
    frequency: tuple[str, int],
    wording: str,
    seats: list[Seat],
) -> None:
    """A forum of ``partnership`` with its seats; ``frequency`` is (local name, per year)."""
    x = b.x
    t = b.facts.t
    f = x.node(f"{key}-forum")
    b.count("forums")
    b.typed(f, "pg:Forum", "org:Organization")
    b.labels(f, {"da": names[0], "en": names[1]})
    t(f, x["pg:forumOf"], partnership)
    t(f, x["pg:meetingFrequency"], x[f"pgid:{frequency[0]}"])
    if frequency[1]:
        t(f, x["pg:meetingsPerYear"], x.integer(frequency[1]))
    t(f, x["pg:sourceText"], literal(wording, "da"))
    b.sourced(f)
    for number, (member, role, unnamed) in enumerate(seats, start=1):
        ms = x.node(f"{key}-membership-{number}")
        b.count("memberships")
        t(ms, b.a, x["org:Membership"])
        t(ms, x["org:organization"], f)
        t(ms, x["org:member"], member)
        if role:
            t(ms, x["org:role"], x[f"pgid:{role}"])
        if unnamed:
            b.text(
                ms,
                "skos:note",
                "Notatet nævner kun kommunens deltagere i dette forum.",
                "The memo names only the municipality's members of this forum.",
            )
        b.sourced(ms)


def write_decision(
    b: Block,
    key: str,
    kind: str,
    when: When,
    used: str,
    by: list[str],
    what_da: str,
    what_en: str,
    informed_by: str = "",
) -> str:
    """A treatment, review, adoption or orientation, worded by its kind and whether it
    is done (before the memo) or planned; returns its IRI."""
    x = b.x
    t = b.facts.t
    m = b.m
    d = x.node(key)
    b.count("decisions")
    shorts, names = b.committees(by)
    if kind == "status-review":
        da, en = what_da, what_en
    elif kind == "administrative-adoption":
        da = f"Administrativ vedtagelse af {what_da} i {m.da}"
        en = f"Administrative adoption of {what_en} by {m.en}"
    elif kind == "orientation":
        da = f"Orientering af {shorts} i {m.da} om {what_da}"
        en = f"{m.en}'s {names} informed of {what_en}"
    elif when.done:
        da = f"{shorts} i {m.da} behandlede {what_da}"
        en = f"{m.en}'s {names} treated {what_en}"
    else:
        da = f"{what_da[0].upper()}{what_da[1:]} behandles i {shorts} i {m.da}"
        en = f"{what_en[0].upper()}{what_en[1:]} to be treated by {m.en}'s {names}"
    b.typed(d, "pg:Decision", "prov:Activity")
    b.labels(d, {"da": da, "en": en})
    t(d, x["dcterms:type"], x[f"pgid:decision-{kind}"])
    for agent in by:
        t(d, x["prov:wasAssociatedWith"], agent)
    t(d, x["prov:used"], used)
    if informed_by:
        t(d, x["prov:wasInformedBy"], informed_by)
    t(d, x["pg:status"], x["pgid:status-done" if when.done else "pgid:status-planned"])
    b.period(d, when)
    b.sourced(d)
    return d
