"""Formal partnerships with a knowledge institution: a chain of agreements (renewed, often a
proposed next one), their treatments, themes and focus areas, and the forums that govern them."""

from __future__ import annotations

import random

from partnergraph.io.ntriples import literal
from partnergraph.synthetic.block import Block
from partnergraph.synthetic.governance import Seat, write_decision, write_forum
from partnergraph.synthetic.partnerships import write_agreement, write_partnership
from partnergraph.synthetic.periods import (
    MEMO_YEAR,
    agreement_period,
    month_period,
    season_period,
    year_period,
    years_period,
)
from partnergraph.synthetic.plan import Partner
from partnergraph.synthetic.tables import THEMES
from partnergraph.synthetic.themes import DASH, write_focus, write_themes

__all__ = ["write_formal"]


def write_formal(b: Block, partner: Partner, rng: random.Random) -> None:
    """A formal partnership with ``partner``, with everything the memo says about it.

    The agreement chain is drawn first (one to three periods, the last in force or open),
    then the treatments, a possible proposed next agreement, themes, focus areas and forums.
    """
    x = b.x
    t = b.facts.t
    m = b.m
    k, s = b.pair(partner.key)
    p_iri = b.partner(partner)
    b.count("formal partnerships")
    pda, pen = partner.labels["da"], partner.labels["en"]
    about_da = f"partnerskabet mellem {m.da} og {pda}"
    about_en = f"the partnership between {m.en} and {pen}"
    write_partnership(
        b,
        s,
        {
            "da": f"Partnerskab mellem {m.da} og {pda}",
            "en": f"Partnership between {m.en} and {pen}",
        },
        "formal",
        b.types["partnership-agreement"],
        [b.muni, p_iri],
    )

    # the chain of agreements: (start, end) years, the last in force
    spans: list[tuple[int, int | None]] = []
    length = rng.choices((1, 2, 3), weights=(4, 4, 2))[0]
    if length == 1 and rng.random() < 0.35:
        spans.append((rng.randint(2014, 2023), None))
    else:
        last = rng.choice((2025, 2025, 2025, 2026, 2026, 2027, 2028, 2029))
        for _ in range(length):
            first = last - rng.choice((3, 4)) + 1
            spans.insert(0, (min(first, MEMO_YEAR - 1), last))
            last = spans[0][0] - 1
    b.period(s, year_period(spans[0][0]))
    if rng.random() < 0.3:
        for company in b.plan.companies[m.country].draw(rng, 1):
            t(s, x["pg:stakeholder"], b.partner(company))

    kind_da, kind_en = rng.choice(
        (
            ("Partnerskabsaftale", "Partnership agreement"),
            ("Samarbejdsaftale", "Collaboration agreement"),
        )
    )
    the_da, the_en = f"{kind_da.lower()}n med {pda}", f"the {kind_en.lower()} with {pen}"
    agreements = [x.node(f"{k}-agreement-{start}") for start, _end in spans]
    parties = [b.muni, p_iri]
    for number, (start, end) in enumerate(spans):
        a = agreements[number]
        current = number == len(spans) - 1
        b.count("agreements")
        years = f"{start}{DASH}{end}" if end is not None else str(start)
        name_da, name_en = (
            (f"Fornyet {kind_da.lower()}", f"Renewed {kind_en.lower()}")
            if number
            else (kind_da, kind_en)
        )
        write_agreement(
            b,
            a,
            {
                "da": f"{name_da} mellem {m.da} og {pda} ({years})",
                "en": f"{name_en} between {m.en} and {pen} ({years})",
            },
            s,
            parties,
            "in-force" if current else "replaced",
        )
        if number:
            t(a, x["dcterms:replaces"], agreements[number - 1])
        if not current:
            t(a, x["dcterms:isReplacedBy"], agreements[number + 1])
        period = agreement_period(rng, start, end)
        b.period(a, period)
        if number == 0:
            b.text(
                a,
                "pg:purpose",
                f"At fremme vækst og velfærd i {m.da} og styrke praksisviden hos {pda}.",
                f"To promote growth and welfare in {m.en} and to strengthen practical "
                f"knowledge at {pen}.",
            )
        for target in (x["sdg:17"], b.strategies["plan"], b.strategies["principles"]):
            t(a, x["pg:buildsOn"], target)
        wording = f"Aftalen med {pda} gælder {period.da}."
        t(a, x["pg:sourceText"], literal(wording, "da"))
        b.sourced(a)
        by = [b.committee] if rng.random() < 0.5 else [b.committee, b.council]
        when = month_period(start - 1, rng.randint(5, 12))
        write_decision(
            b, f"{k}-decision-{start}", "political-treatment", when, a, by, the_da, the_en
        )

    current_start, current_end = spans[-1]
    if current_end is not None and current_end - current_start >= 2 and rng.random() < 0.6:
        mid = current_start + (current_end - current_start) // 2
        write_decision(
            b,
            f"{k}-review-{mid}",
            "status-review",
            season_period(mid, autumn=True),
            agreements[-1],
            [],
            f"Midtvejsstatus for {the_da}",
            f"Mid-term status of {the_en}",
        )
    due = current_end is None or current_end <= MEMO_YEAR + 1
    if rng.random() < (0.7 if due else 0.15):
        nxt = x.node(f"{k}-agreement-next")
        b.count("agreements")
        write_agreement(
            b,
            nxt,
            {
                "da": f"Ny {kind_da.lower()} mellem {m.da} og {pda} (foreslået)",
                "en": f"New {kind_en.lower()} between {m.en} and {pen} (proposed)",
            },
            s,
            parties,
            "proposed",
        )
        t(nxt, x["dcterms:replaces"], agreements[-1])
        t(agreements[-1], x["dcterms:isReplacedBy"], nxt)
        if current_end is not None and rng.random() < 0.5:
            b.period(nxt, years_period(current_end + 1, current_end + 4))
        if current_end is None or current_end <= MEMO_YEAR:
            when = season_period(MEMO_YEAR, autumn=True)
        else:
            when = season_period(current_end, autumn=rng.random() < 0.5)
        by = [b.committee, b.council]
        shorts, _names = b.committees(by)
        wording = f"Det foreslås, at der udarbejdes en ny aftale som behandles i {shorts} {when.da}"
        t(nxt, x["pg:sourceText"], literal(wording, "da"))
        b.sourced(nxt)
        write_decision(
            b,
            f"{k}-decision-next",
            "political-treatment",
            when,
            nxt,
            by,
            f"ny {kind_da.lower()} med {pda}",
            f"the new {kind_en.lower()} with {pen}",
        )

    # themes, and proposed focus areas continuing some of them
    picks = rng.sample(THEMES, rng.randint(2, 5))
    themes = write_themes(b, s, k, picks, about_da, about_en)
    b.contribute(s, rng, picks[0][2])
    if rng.random() < 0.8:
        write_focus(b, s, k, rng, picks, themes, about_da, about_en)

    # forums: who meets whom, how often
    pair_da, pair_en = f"{m.name} og {pda}", f"{m.name} and {pen}"
    if rng.random() < 0.7:
        seats: list[Seat] = [(p_iri, "role-rector", False), (b.muni, "role-mayor", False)]
        write_forum(
            b,
            s,
            f"{k}-leadership",
            (
                f"Møde mellem rektor og borgmester ({pair_da})",
                f"Meeting of rector and mayor ({pair_en})",
            ),
            ("frequency-annual", 1),
            "Rektor og borgmester mødes en gang årligt.",
            seats,
        )
    frequency, per_year = rng.choice((("frequency-annual", 1), ("frequency-twice-yearly", 2)))
    meetings = "1 årligt møde" if per_year == 1 else f"{per_year} møder årligt"
    write_forum(
        b,
        s,
        f"{k}-steering-group",
        (f"Styregruppen ({pair_da})", f"Steering group ({pair_en})"),
        (frequency, per_year),
        f"Styregruppen. Fra {m.name}: stabschef og udviklingskonsulent. {meetings}.",
        [
            (b.secretariat, "role-chief-of-staff", False),
            (b.secretariat, "role-development-consultant", False),
            (p_iri, "", True),
        ],
    )
    if rng.random() < 0.6:
        contact = p_iri
        if partner.unit is not None:
            contact = b.shared(f"{partner.key}-business-staff")
            partner.unit_mentioned = True
            b.mention(contact)
        write_forum(
            b,
            s,
            f"{k}-contact",
            (f"Løbende kontakt ({pair_da})", f"Ongoing contact ({pair_en})"),
            ("frequency-ongoing", 0),
            f"Løbende kontakt mellem kontaktperson fra {pda} og {m.name}s sekretariat.",
            [(contact, "role-contact-person", False), (b.secretariat, "", False)],
        )
