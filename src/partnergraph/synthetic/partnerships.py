"""Partnerships and agreements in general, and the two simplest kinds: strategic partnerships
and the inter-municipal companies and collaborations of a region."""

from __future__ import annotations

import random

from partnergraph.synthetic.block import AGENT, Block
from partnergraph.synthetic.governance import write_forum
from partnergraph.synthetic.plan import Imc, Partner
from partnergraph.synthetic.tables import THEMES
from partnergraph.synthetic.themes import write_themes

__all__ = ["write_agreement", "write_imc", "write_partnership", "write_strategic"]


def write_partnership(
    b: Block,
    s: str,
    labels: dict[str, str],
    category: str,
    collaboration: str | None,
    members: list[str],
) -> None:
    """What every partnership has: classes, labels, category, type and members."""
    t = b.facts.t
    x = b.x
    b.count("partnerships")
    b.typed(s, "pg:Partnership", "org:OrganizationalCollaboration", "org:Organization")
    b.labels(s, labels)
    t(s, x["pg:category"], x[f"pgid:category-{category}"])
    if collaboration:
        t(s, x["pg:collaborationType"], collaboration)
    for member in members:
        t(s, x["org:hasMember"], member)
    b.sourced(s)


def write_agreement(
    b: Block,
    a: str,
    labels: dict[str, str],
    partnership: str,
    parties: list[str],
    status: str,
    classes: tuple[str, ...] = ("pg:PartnershipAgreement",),
) -> None:
    """What every agreement and action plan has: classes, labels, parties and status."""
    t = b.facts.t
    x = b.x
    b.typed(a, *classes, "pg:Agreement", "prov:Entity", "foaf:Document")
    b.labels(a, labels)
    t(a, x["pg:governs"], partnership)
    for party in parties:
        t(a, x["pg:party"], party)
    t(a, x["pg:status"], x[f"pgid:status-{status}"])


def write_strategic(b: Block, partner: Partner, rng: random.Random) -> None:
    """A strategic partnership: themes and sometimes ongoing contact, no agreement."""
    m = b.m
    k, s = b.pair(partner.key)
    p_iri = b.partner(partner)
    b.count("strategic partnerships")
    pda, pen = partner.labels["da"], partner.labels["en"]
    write_partnership(
        b,
        s,
        {
            "da": f"Strategisk partnerskab mellem {m.da} og {pda}",
            "en": f"Strategic partnership between {m.en} and {pen}",
        },
        "strategic",
        None,
        [b.muni, p_iri],
    )
    picks = rng.sample(THEMES, rng.randint(2, 3))
    about_da = f"det strategiske partnerskab mellem {m.da} og {pda}"
    about_en = f"the strategic partnership between {m.en} and {pen}"
    write_themes(b, s, k, picks, about_da, about_en)
    b.contribute(s, rng, picks[0][2])
    if rng.random() < 0.5:
        write_forum(
            b,
            s,
            f"{k}-contact",
            (f"Løbende kontakt ({m.name} og {pda})", f"Ongoing contact ({m.name} and {pen})"),
            ("frequency-ongoing", 0),
            f"Løbende kontakt mellem {m.name}s sekretariat og {pda}.",
            [(b.secretariat, "role-contact-person", False), (p_iri, "", False)],
        )


def write_imc(b: Block, imc: Imc, rng: random.Random) -> None:
    """An inter-municipal body, described in the memo of its first member; the others mention it."""
    x = b.x
    t = b.facts.t
    s = b.shared(imc.collaboration_key)  # the other members' memos mention it
    b.count("inter-municipal collaborations")
    b.count("partnerships")
    members = [b.plan.municipalities[i] for i in imc.members]
    b.typed(s, "pg:Partnership", "org:OrganizationalCollaboration", "org:Organization")
    b.text(
        s,
        "skos:definition",
        f"Samarbejde mellem kommunerne i {imc.region}.",
        f"A collaboration between the municipalities of {imc.region}.",
    )
    if imc.company:
        # As the real data models Reno Djurs: the company, and the collaboration run through it.
        company = b.shared(imc.key)
        b.typed(company, "org:FormalOrganization", "org:Organization", *AGENT)
        b.labels(company, imc.labels)
        t(company, x["org:classification"], x[f"pgid:kind-{imc.kind}"])
        t(company, x["pg:country"], b.country)
        b.sourced(company)
        t(s, x["pg:operatedBy"], company)
        titles = {"da": f"Samarbejdet i {imc.labels['da']}"}
        titles["en"] = f"The collaboration in {imc.labels.get('en', imc.labels['da'])}"
        if "sv" in imc.labels:
            titles["sv"] = f"Samarbetet i {imc.labels['sv']}"
        b.labels(s, titles)
    else:
        b.labels(s, imc.labels)
        t(s, x["org:classification"], x[f"pgid:kind-{imc.kind}"])
        t(s, x["pg:country"], b.country)
    t(s, x["pg:collaborationType"], b.types[imc.collaboration])
    for member in members:
        t(s, x["org:hasMember"], b.shared(member.local))
    if len(members) < 2:
        # The memo speaks of "the municipalities of the region" but the plan has one of them.
        t(s, x["pg:partiesIncomplete"], x.typed("true", "xsd:boolean"))
    b.sourced(s)
    for member in members[1:]:
        b.mention(b.shared(member.local))
    b.map_to(s, imc.themes, "dcterms:subject")
    b.contribute(s, rng, imc.themes)
    if len(members) >= 2:
        label = imc.labels["da"]
        if imc.company:
            names = (f"Bestyrelsen for {label}", f"Board of {label}")
            frequency = ("frequency-twice-yearly", 2)
            wording, role = "Bestyrelsen mødes to gange årligt.", ""
        else:
            names = (f"Borgmesterforum for {label}", f"Mayors' forum of {label}")
            frequency = ("frequency-annual", 1)
            wording, role = "Borgmestrene mødes en gang årligt.", "role-mayor"
        seats = [(b.shared(member.local), role, False) for member in members]
        write_forum(b, s, imc.key, names, frequency, wording, seats)
