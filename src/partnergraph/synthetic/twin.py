"""Twin-town partnerships across the border: the framing agreement, a chain of action plans with
numbered items, shared stakeholders, the adoption of the next plan, and the forums."""

from __future__ import annotations

import random

from partnergraph.io.ntriples import literal
from partnergraph.synthetic import periods
from partnergraph.synthetic.block import Block
from partnergraph.synthetic.governance import Seat, write_decision, write_forum
from partnergraph.synthetic.partnerships import write_agreement, write_partnership
from partnergraph.synthetic.plan import Municipality
from partnergraph.synthetic.tables import TWIN_ITEMS, Theme
from partnergraph.synthetic.themes import DASH

__all__ = ["write_twin"]


def write_twin(b: Block, twin: Municipality, rng: random.Random) -> None:
    """The partnership with ``twin``, written once, in the memo of the municipality owning it."""
    x = b.x
    t = b.facts.t
    m = b.m
    k, _own = b.pair(twin.key)
    s = b.shared(f"{m.key}-partnership-{twin.key}")  # the twin's memo mentions it too
    other = b.shared(twin.local)
    b.mention(other)
    b.count("twin-town partnerships")
    between_da, between_en = f"{m.da} og {twin.da}", f"{m.en} and {twin.en}"
    between_sv = f"{m.sv} och {twin.sv}"
    write_partnership(
        b,
        s,
        {
            "da": f"Partnerskab mellem {between_da}",
            "en": f"Partnership between {between_en}",
            "sv": f"Partnerskap mellan {between_sv}",
        },
        "formal",
        b.types["partnership-agreement"],
        [b.muni, other],
    )
    founded = rng.randint(2012, 2020)
    b.period(s, periods.year_period(founded))
    stakeholders = b.plan.companies[m.country].draw(rng, 1)
    stakeholders += b.plan.companies[twin.country].draw(rng, 1)
    stakeholder_iris = [b.partner(p) for p in stakeholders]
    for iri in stakeholder_iris:
        t(s, x["pg:stakeholder"], iri)
    parties = [b.muni, other]

    # the agreement that frames the partnership
    a = x.node(f"{k}-agreement-{founded}")
    b.count("agreements")
    write_agreement(
        b,
        a,
        {
            "da": f"Partnerskabsaftale mellem {between_da} ({founded})",
            "en": f"Partnership agreement between {between_en} ({founded})",
            "sv": f"Partnerskapsavtal mellan {between_sv} ({founded})",
        },
        s,
        parties,
        "in-force",
    )
    b.period(a, periods.year_period(founded))
    b.text(
        a,
        "pg:purpose",
        "At skabe nye og bedre forudsætninger for erhvervslivet på begge sider af Kattegat "
        "ved at identificere relevante samarbejdspartnere og skabe kontakt mellem disse.",
        "To create new and better conditions for business on both sides of the Kattegat by "
        "identifying relevant partners and putting them in contact.",
    )
    t(a, x["pg:purpose"], literal("Arbeta för nya etableringar och nya arbetstillfällen.", "sv"))
    t(a, x["pg:buildsOn"], x["sdg:17"])
    t(a, x["pg:buildsOn"], b.strategies["plan"])
    b.sourced(a)
    write_decision(
        b,
        f"{k}-decision-{founded}",
        "political-treatment",
        periods.month_period(founded - rng.randint(0, 1), rng.randint(3, 11)),
        a,
        [b.committee],
        f"partnerskabsaftalen med {twin.da}",
        f"the partnership agreement with {twin.en}",
    )

    # action plans: earlier ones replaced, the current one in force, often a proposed next
    end = rng.choice((2024, 2024, 2025, 2025, 2026, 2027))
    spans = [(end - 3, end)]
    while spans[0][0] - 4 >= founded and rng.random() < 0.5:
        spans.insert(0, (spans[0][0] - 4, spans[0][0] - 1))
    proposed = end <= periods.MEMO_YEAR or rng.random() < 0.2
    if proposed:
        spans.append((end + 1, end + 4))
    current = len(spans) - (2 if proposed else 1)
    items: list[Theme] = [TWIN_ITEMS[0], TWIN_ITEMS[1]]
    items += rng.sample(TWIN_ITEMS[2:], rng.randint(1, 2))
    if stakeholders:
        names_da = " og ".join(p.labels["da"] for p in stakeholders)
        names_en = " and ".join(p.labels["en"] for p in stakeholders)
        items[1] = (
            f"{items[1][0]}, herunder {names_da}",
            f"{items[1][1]}, including {names_en}",
            items[1][2],
        )
    plans = [x.node(f"{k}-action-plan-{first}-{last}") for first, last in spans]
    current_items: list[str] = []
    for number, (first, last) in enumerate(spans):
        plan = plans[number]
        status = "replaced" if number < current else "in-force" if number == current else "proposed"
        b.count("action plans")
        years = f"{first}{DASH}{last}"
        write_agreement(
            b,
            plan,
            {
                "da": f"Handleplan {years} mellem {between_da}",
                "en": f"Action plan {years} between {between_en}",
                "sv": f"Handlingsplan {years} mellan {between_sv}",
            },
            s,
            parties,
            status,
            ("pg:ActionPlan", "skos:ConceptScheme"),
        )
        if number:
            t(plan, x["dcterms:replaces"], plans[number - 1])
        if number < len(spans) - 1:
            t(plan, x["dcterms:isReplacedBy"], plans[number + 1])
        b.period(plan, periods.years_period(first, last))
        b.sourced(plan)
        if number < current:
            continue  # the memo does not list the items of replaced plans
        for position, item in enumerate(items, start=1):
            iri = x.node(f"{k}-plan-{first}-item-{position}")
            b.count("action plan items")
            classes = ("pg:ActionPlanItem", "pg:Theme", "skos:Concept")
            b.concept(iri, classes, plan, position, item)
            if position == 2:
                for stakeholder in stakeholder_iris:
                    t(iri, x["dcterms:references"], stakeholder)
            t(plan, x["pg:hasItem"], iri)
            if number == current:
                current_items.append(iri)
                t(s, x["pg:hasTheme"], iri)
            else:
                t(iri, x["pg:continues"], current_items[position - 1])
                t(s, x["pg:hasFocusArea"], iri)
    b.contribute(s, rng, items[0][2])
    if proposed:
        first, last = spans[-1]
        what_da = f"Handleplan {first}-{last} med {twin.da}"
        what_en = f"the {first}-{last} action plan with {twin.en}"
        adoption = write_decision(
            b,
            f"{k}-decision-adoption-{first}",
            "administrative-adoption",
            periods.month_period(periods.MEMO_YEAR, rng.randint(9, 11)),
            plans[-1],
            [b.muni],
            what_da,
            what_en,
        )
        write_decision(
            b,
            f"{k}-decision-orientation-{first}",
            "orientation",
            periods.turn_of_year(periods.MEMO_YEAR),
            plans[-1],
            [b.committee],
            what_da,
            what_en,
            informed_by=adoption,
        )

    # forums
    pair_da, pair_en = f"{m.name} og {twin.name}", f"{m.name} and {twin.name}"
    directors: list[Seat] = [
        (b.muni, "role-municipal-director", False),
        (other, "role-municipal-director", False),
    ]
    write_forum(
        b,
        s,
        f"{k}-directors",
        (
            f"Møde mellem kommunaldirektørerne ({pair_da})",
            f"Meeting of the municipal directors ({pair_en})",
        ),
        ("frequency-annual", 1),
        "Kommunaldirektørerne mødes 1. gang årligt.",
        directors,
    )
    contacts: list[Seat] = [
        (b.muni, "role-contact-person", False),
        (other, "role-contact-person", False),
    ]
    write_forum(
        b,
        s,
        f"{k}-contacts",
        (f"Kontaktpersoner ({pair_da})", f"Contact persons ({pair_en})"),
        ("frequency-ad-hoc", 0),
        "Kontaktpersonerne mødes ad hoc.",
        contacts,
    )
    if rng.random() < 0.4:
        mayors: list[Seat] = [(b.muni, "role-mayor", False), (other, "role-mayor", False)]
        write_forum(
            b,
            s,
            f"{k}-mayors",
            (f"Politisk styregruppe ({pair_da})", f"Political steering group ({pair_en})"),
            ("frequency-twice-yearly", 2),
            "Borgmestrene mødes to gange årligt.",
            mayors,
        )
