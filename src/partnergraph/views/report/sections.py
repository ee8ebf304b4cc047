"""The memo's own sections of the report: introduction, typology, the formal partnerships,
their table (themes, focus, timetable) and the strategic partnerships, each statement with its
note."""

from __future__ import annotations

from collections.abc import Sequence

from rdflib import Literal, URIRef
from rdflib.term import Node

from partnergraph.core import messages
from partnergraph.query.status import agreement_statuses, treatment_statuses
from partnergraph.views.report.context import (
    Context,
    Partnership,
    Row,
    by_start,
    group_by,
    is_strategic,
    names_of,
    pick,
    query_rows,
    separator,
    values_of,
)
from partnergraph.views.report.model import Bullets, Para, Section, Span, Table, cell
from partnergraph.views.report.texts import join, long_date, t

__all__ = ["formal", "intro", "strategic", "table", "typology"]


def intro(
    ctx: Context, selected: list[Partnership], owner: Node | None, with_changes: bool
) -> Section:
    lang = ctx.lang
    section = Section("intro", t(lang, "section.intro"))
    rows = query_rows(ctx.kg, "introduction")
    for doc, mine in group_by(rows, "doc").items():
        description = pick(values_of(mine, "description"), lang)
        if description:
            own = [{"source": doc, "w": v} for v in values_of(mine, "description")]
            para = Para([Span(description, ctx.cite(own, "w"))])
            strategies = values_of(mine, "strategy")
            if strategies:
                said = [{"source": doc, "w": v} for v in values_of(mine, "docText")]
                names = join([ctx.text(s) for s in strategies], lang)
                para.spans.append(
                    Span(" " + t(lang, "intro.builds-on", names=names), ctx.cite(said, "w"))
                )
            section.blocks.append(para)
    formal = [p for p in selected if p.formal]
    if formal:
        spans = [Span(t(lang, "intro.formal", n=len(formal), names=""))]
        spans[0] = Span(spans[0].text.rstrip(".").rstrip() + " ")
        agreements = group_by(query_rows(ctx.kg, "agreements"), "p")
        for i, p in enumerate(formal):
            said = [r for r in agreements.get(p.iri, []) if "sourceText" in r and "start" in r]
            said.sort(key=lambda r: str(r["start"]))
            first = [r for r in said if r.get("a") == said[0]["a"]] if said else p.rows
            spans.append(Span(join(names_of(ctx, p.partners), lang), ctx.cite(first)))
            spans.append(Span(separator(i, len(formal), lang)))
        section.blocks.append(Para(spans))
    strategic = [p for p in selected if not p.formal and is_strategic(p)]
    if strategic:
        key = "intro.strategic" if owner is not None else "intro.strategic-no-owner"
        head = t(lang, key, owner=ctx.text(owner), names="").rstrip(".").rstrip()
        spans = [Span(head + " ")]
        for i, p in enumerate(strategic):
            spans.append(Span(join(names_of(ctx, p.partners), lang), ctx.cite(p.rows)))
            spans.append(Span(separator(i, len(strategic), lang)))
        section.blocks.append(Para(spans))
    instruments = group_by(rows, "instrument")
    if instruments:
        spans = [Span(t(lang, "intro.involvement"))]
        items = sorted(instruments.items(), key=lambda kv: ctx.text(kv[0]).casefold())
        for i, (instrument, mine) in enumerate(items):
            words = values_of(mine, "instrumentText")
            note = ctx.cite(
                [{"source": d, "sourceText": w} for d in values_of(mine, "doc") for w in words]
                or [{"source": d} for d in values_of(mine, "doc")]
            )
            text = ctx.text(instrument)
            spans.append(Span(text[:1].lower() + text[1:] if i else text, note))
            spans.append(Span(separator(i, len(items), lang)))
        section.blocks.append(Para(spans))
    changes = t(lang, "intro.changes") if with_changes else ""
    section.blocks.append(
        Para([Span(t(lang, "intro.purpose", date=long_date(ctx.as_of, lang), changes=changes))])
    )
    return section


def typology(ctx: Context, chosen: set[URIRef] | None) -> Section:
    lang = ctx.lang
    section = Section("typology", t(lang, "section.typology"))
    groups = group_by(query_rows(ctx.kg, "typology"), "type")
    order = sorted(
        groups, key=lambda k: (str(next(iter(values_of(groups[k], "notation")), "")), ctx.text(k))
    )
    items = []
    for kind in order:
        rows = groups[kind]
        note = ctx.cite(rows, "definition")
        para = Para([Span(ctx.text(kind), bold=True), Span(": ")])
        para.spans.append(Span(pick(values_of(rows, "definition"), lang), note))
        example = pick(values_of(rows, "example"), lang)
        if example:
            para.spans.append(Span(" " + t(lang, "typology.example")))
            para.spans.append(Span(example, ctx.cite(rows, "example")))
        scope = pick(values_of(rows, "scopeNote"), lang)
        if scope:
            para.spans.append(Span(" " + scope, ctx.cite(rows, "scopeNote")))
        members = [m for m in values_of(rows, "member") if chosen is None or m in chosen]
        if members:
            para.spans.append(
                Span(" " + t(lang, "typology.members") + ", ".join(names_of(ctx, members)) + ".")
            )
        items.append(para)
    section.blocks.append(Bullets(items))
    return section


# --- agreements, themes, organisation, timetable ---------------------------------------------


def _agreement_states(ctx: Context) -> dict[str, str]:
    """Each agreement's status on the report's date (partnergraph.query.status owns the rule), with
    the status the source states beside it when they differ."""
    states = {}
    for status in agreement_statuses(ctx.kg, ctx.as_of, ctx.lang):
        text = status.state_label
        if status.stated and status.stated != text:
            text += f" ({messages.t('status.stated', ctx.lang)}: {status.stated})"
        states[status.iri] = text
    return states


def formal(ctx: Context, selected: list[Partnership]) -> Section:
    lang = ctx.lang
    section = Section("formal", t(lang, "section.formal"))
    agreements = group_by(query_rows(ctx.kg, "agreements"), "p")
    states = _agreement_states(ctx)
    formal = [p for p in selected if p.formal]
    if not formal:
        section.blocks.append(Para([Span(t(lang, "formal.none"))]))
    for p in formal:
        section.blocks.append(Para([Span(p.label, ctx.cite(p.rows), bold=True)]))
        items = []
        for agreement, rows in by_start(ctx, group_by(agreements.get(p.iri, []), "a")):
            para = Para([Span(ctx.text(agreement), ctx.cite(rows), bold=True)])
            period = pick(values_of(rows, "period"), lang)
            if period:
                para.spans.append(Span(f". {t(lang, 'formal.period')}{period}"))
            purpose = pick(values_of(rows, "purpose"), lang) or pick(
                values_of(rows, "description"), lang
            )
            if purpose:
                para.spans.append(Span(f". {t(lang, 'formal.purpose')}"))
                para.spans.append(Span(purpose.rstrip("."), ctx.cite(rows)))
            status = states.get(str(agreement), "")
            if status:
                para.spans.append(
                    Span(
                        ". "
                        + t(lang, "formal.status", date=long_date(ctx.as_of, lang), status=status)
                    )
                )
            else:
                para.spans.append(Span("."))
            items.append(para)
        if items:
            section.blocks.append(Bullets(items))
    return section


def _numbered(ctx: Context, rows: Sequence[Row], role: str) -> list[Para]:
    """One cell of numbered items, grouped under the action plan they belong to."""
    items = [r for r in rows if str(r.get("role")) == role]
    by_item = group_by(items, "item")
    schemes: dict[str, list[tuple[str, Node, list[Row]]]] = {}
    for item, mine in by_item.items():
        plan = any(bool(getattr(v, "value", False)) for v in values_of(mine, "schemeIsPlan"))
        scheme = next(iter(values_of(mine, "scheme")), None) if plan else None
        heading = ctx.text(scheme) if scheme is not None else ""
        number = str(next(iter(values_of(mine, "number")), ""))
        schemes.setdefault(heading, []).append((number, item, mine))
    paras: list[Para] = []
    for heading in sorted(schemes):
        if heading:
            paras.append(Para([Span(heading, bold=True)]))
        for number, item, mine in sorted(
            schemes[heading], key=lambda x: (x[0].zfill(4), ctx.text(x[1]))
        ):
            prefix = f"{number}. " if number else ""
            paras.append(Para([Span(prefix), Span(ctx.text(item), ctx.cite(mine))]))
    return paras


def _members(ctx: Context, rows: Sequence[Row]) -> str:
    """Who takes part in a forum: "Ledelsessekretariatet (stabschef, udviklingskonsulent)"."""
    roles: dict[str, list[str]] = {}
    for row in rows:
        if "member" in row:
            found = roles.setdefault(ctx.text(row["member"]), [])
            role = ctx.text(row["role"]) if "role" in row else ""
            if role and role not in found:
                found.append(role)
    parts = [f"{name} ({', '.join(sorted(r))})" if r else name for name, r in sorted(roles.items())]
    return ", ".join(parts)


def table(ctx: Context, selected: list[Partnership]) -> Section:
    lang = ctx.lang
    section = Section("table", t(lang, "section.table"))
    themes = group_by(query_rows(ctx.kg, "themes"), "p")
    forums = group_by(query_rows(ctx.kg, "organisation"), "p")
    decisions = group_by(query_rows(ctx.kg, "decisions"), "p")
    agreements = group_by(query_rows(ctx.kg, "agreements"), "p")
    due = {
        s.iri: s.state_label
        for s in treatment_statuses(ctx.kg, ctx.as_of, lang)
        if s.state in ("overdue", "due")
    }
    rows: list[list[list[Para]]] = []
    for p in [p for p in selected if p.formal]:
        first: list[Para] = [Para([Span(p.label, ctx.cite(p.rows), bold=True)])]
        for forum, mine in sorted(
            group_by(forums.get(p.iri, []), "forum").items(), key=lambda kv: ctx.text(kv[0])
        ):
            frequency = ", ".join(ctx.text(f) for f in values_of(mine, "frequency"))
            who = _members(ctx, mine)
            first.append(
                Para(
                    [
                        Span(f"{ctx.text(forum)}: "),
                        Span(f"{who}; " if who else ""),
                        Span(frequency, ctx.cite(mine)),
                    ]
                )
            )
        focus = _numbered(ctx, themes.get(p.iri, []), "focus")
        for mine in group_by(agreements.get(p.iri, []), "a").values():
            for note in values_of(mine, "note"):
                if isinstance(note, Literal) and (note.language or "da") == lang:
                    focus.insert(0, Para([Span(str(note), ctx.cite(mine))]))
        timeline = []
        for decision, mine in by_start(ctx, group_by(decisions.get(p.iri, []), "d")):
            period = pick(values_of(mine, "period"), lang)
            status = ctx.text(next(iter(values_of(mine, "status")), None))
            text = ctx.text(decision) + (f" ({status})" if status else "")
            para = Para([Span(f"{period}: " if period else ""), Span(text, ctx.cite(mine))])
            state = due.get(str(decision))
            if state is not None:
                day = long_date(ctx.as_of, lang)
                remark = f" {t(lang, 'table.as-of', date=day)}: {state}."
                para.spans.append(Span(remark, bold=True))
            timeline.append(para)
        rows.append([first, _numbered(ctx, themes.get(p.iri, []), "theme"), focus, timeline])
    section.blocks.append(
        Table(
            [
                t(lang, "table.partnership"),
                t(lang, "table.themes"),
                t(lang, "table.focus"),
                t(lang, "table.timeline"),
            ],
            rows,
            [1.0, 1.3, 1.3, 1.1],
        )
    )
    return section


def strategic(ctx: Context, selected: list[Partnership]) -> Section:
    lang = ctx.lang
    section = Section("strategic", t(lang, "section.strategic"))
    others = [p for p in selected if not p.formal]
    if not others:
        section.blocks.append(Para([Span(t(lang, "strategic.none"))]))
        return section
    rows = []
    for p in others:
        kind = ", ".join(
            ctx.text(v) for v in values_of(p.rows, "category") + values_of(p.rows, "type")
        )
        parties = ", ".join(names_of(ctx, p.partners))
        rows.append([cell(p.label, ctx.cite(p.rows), bold=True), cell(kind), cell(parties)])
    heads = [t(lang, "strategic.name"), t(lang, "strategic.kind"), t(lang, "strategic.parties")]
    section.blocks.append(Table(heads, rows, [1.4, 1.2, 1.4]))
    return section
