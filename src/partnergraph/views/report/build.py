"""Read the graph with the report queries (``queries/report/``) and compose a :class:`Report`.

Everything comes from SPARQL on the store, so a report can be made from any store and any
dataset that follows the ontology. Each statement carries a note with its source and, where the
data has them, the source's own words (``pg:sourceText``).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

from rdflib import URIRef

from partnergraph.core.choices import choose
from partnergraph.core.errors import ParameterError
from partnergraph.core.messages import check_language, number
from partnergraph.core.version import __version__
from partnergraph.query.actions import needs_action
from partnergraph.query.diff import column_titles, diff
from partnergraph.query.labels import Labeller
from partnergraph.query.status import status_note
from partnergraph.views.agenda import agenda
from partnergraph.views.figure import report_figure
from partnergraph.views.report.context import (
    Context,
    Notes,
    Partnership,
    Row,
    find_partnerships,
    group_by,
    pick,
    query_rows,
    values_of,
)
from partnergraph.views.report.model import (
    Figure,
    Para,
    Report,
    Section,
    Span,
    Table,
    cell,
)
from partnergraph.views.report.sections import formal, intro, strategic, table, typology
from partnergraph.views.report.texts import long_date, quote, t

if TYPE_CHECKING:
    from partnergraph.query.knowledge import Knowledge

__all__ = ["SECTIONS", "build_report"]

SECTIONS = ("intro", "typology", "formal", "table", "strategic", "action", "changes", "figure")
"""The sections of a report, in order: the memo's own, then what only the graph can give."""


def build_report(
    kg: Knowledge,
    *,
    lang: str = "da",
    as_of: dt.date | None = None,
    sections: Sequence[str] | None = None,
    partnerships: Sequence[str] | None = None,
    previous: Knowledge | None = None,
    previous_name: str = "",
    figure_svg: str | None = None,
) -> Report:
    """Compose the overview of ``kg`` as of ``as_of`` (default today).

    ``sections`` picks and orders nothing: it only leaves out what is not named (see
    :data:`SECTIONS`); ``partnerships`` (names, prefixed names or IRIs) limits the report to
    those partnerships; ``previous`` is the graph of the previous edition, for the changes.
    """
    check_language(lang)
    as_of = as_of or dt.date.today()
    # A section by its token or its Danish or English word ("tabel"); an unknown one refused.
    wanted = (
        [choose("section", s, SECTIONS) for s in sections]
        if sections
        else [s for s in SECTIONS if s != "changes" or previous]
    )
    if "changes" in wanted and previous is None:
        raise ParameterError.of("report.changes.previous", remedy="previous-edition")
    chosen = {kg.resolve(name, "pg:Partnership") for name in partnerships} if partnerships else None
    label = Labeller(kg.store, lang)
    ctx = Context(kg, lang, as_of, label, Notes(t(lang, "no-words")))

    all_partnerships = find_partnerships(kg, label)
    selected = [p for p in all_partnerships if chosen is None or p.iri in chosen]
    dataset = query_rows(kg, "dataset")
    # A register or other dataset with no source document of its own is not what the report
    # is made from, when a dataset derived from a source (a memo, a workbook) is loaded.
    derived = [row for row in dataset if row.get("source") is not None]
    dataset = derived or dataset
    # Whose overview this is: its one publisher. Several municipalities' datasets loaded side by
    # side have no single owner, and the report does not pick one.
    publishers = values_of(dataset, "publisher")
    owner = publishers[0] if len(set(publishers)) == 1 else None
    for source, mine in group_by(dataset, "source").items():
        kind = pick(values_of(mine, "sourceType"), lang)
        if kind:
            ctx.short[source] = kind

    builders: dict[str, Callable[[], Section | None]] = {
        "intro": lambda: intro(ctx, selected, owner, "changes" in wanted and previous is not None),
        "typology": lambda: typology(ctx, chosen),
        "formal": lambda: formal(ctx, selected),
        "table": lambda: table(ctx, selected),
        "strategic": lambda: strategic(ctx, selected),
        "action": lambda: _action(ctx, selected),
        "changes": lambda: _changes(ctx, previous, previous_name, chosen),
        "figure": lambda: _figure(ctx, dataset, figure_svg, selected),
    }
    built = [builders[key]() for key in SECTIONS if key in wanted]
    title = pick(values_of(dataset, "sourceTitle"), lang) or pick(values_of(dataset, "title"), lang)
    return Report(
        title=title,
        subtitle=t(
            lang,
            "subtitle" if owner is not None else "subtitle-no-owner",
            owner=label(owner),
            date=long_date(as_of, lang),
        ),
        lang=lang,
        as_of=as_of,
        provenance=_provenance(ctx, dataset),
        sections=[s for s in built if s is not None],
        notes=ctx.notes.notes,
        notes_title=t(lang, "notes"),
    )


# --- what the report is made from ----------------------------------------------------------------


def _source_name(ctx: Context, rows: Sequence[Row]) -> str:
    parts = []
    for source in values_of(rows, "source"):
        mine = [r for r in rows if r.get("source") == source]
        kind = pick(values_of(mine, "sourceType"), ctx.lang)
        name = pick(values_of(mine, "sourceTitle"), ctx.lang) or ctx.text(source)
        ident = ", ".join(str(v) for v in values_of(mine, "sourceId"))
        publisher = ", ".join(ctx.text(p) for p in values_of(mine, "publisher"))
        text = f"{kind} {quote(name, ctx.lang)}"
        if publisher:
            text += f", {publisher}"
        if ident:
            text += f" ({ident})"
        parts.append(text.strip())
    return "; ".join(parts) or t(ctx.lang, "no-source")


def _provenance(ctx: Context, dataset: Sequence[Row]) -> Para:
    editions = [str(v) for v in values_of(dataset, "version")]
    dates = [str(v) for v in values_of(dataset, "modified") or values_of(dataset, "issued")]
    edition = ", ".join(editions + dates)
    # Every dataset the report is made from, by name: several municipalities side by side are
    # several datasets, and naming only the first would credit one with all.
    by_dataset = group_by(dataset, "dataset")
    names = [
        quote(pick(values_of(rows, "title"), ctx.lang) or ctx.text(iri), ctx.lang)
        for iri, rows in by_dataset.items()
    ]
    text = t(
        ctx.lang,
        "provenance",
        version=__version__,
        made=long_date(dt.date.today(), ctx.lang),
        dataset="; ".join(names) or quote(ctx.text(None), ctx.lang),
        iri=", ".join(str(iri) for iri in by_dataset),
        edition=t(ctx.lang, "edition", edition=edition) if edition else t(ctx.lang, "no-edition"),
        source=_source_name(ctx, dataset),
        triples=number(len(ctx.kg), ctx.lang),
    )
    return Para([Span(text)])


# --- what needs action -----------------------------------------------------------------------


def _action(ctx: Context, selected: list[Partnership]) -> Section:
    """What needs action on the date (partnergraph.query.status) and what comes up in the next six
    months (partnergraph.views.agenda): the same rule as the agenda, the site and the server."""
    lang = ctx.lang
    day = long_date(ctx.as_of, lang)
    section = Section("action", t(lang, "section.action", date=day))
    wanted = {p.label for p in selected}
    said = {
        str(iri): rows
        for query, key in (("agreements", "a"), ("decisions", "d"))
        for iri, rows in group_by(query_rows(ctx.kg, query), key).items()
    }
    found: list[tuple[str, str, str, str, str, bool]] = []
    for item in needs_action(ctx.kg, ctx.as_of, lang):
        found.append((item.iri, item.title, item.partnership, item.when, item.kind_label, True))
    seen = {entry[0] for entry in found}
    for coming in agenda(ctx.kg, as_of=ctx.as_of, overdue=False, lang=lang):
        if coming.iri not in seen:
            seen.add(coming.iri)
            state = t(lang, "action.coming", what=coming.kind_label)
            found.append(
                (coming.iri, coming.title, coming.partnership, coming.wording, state, False)
            )
    found = [f for f in found if not f[2] or any(p in wanted for p in f[2].split(", "))]
    if not found:
        section.blocks.append(Para([Span(t(lang, "action.none", date=day))]))
        return section
    note_text = status_note(ctx.kg, ctx.as_of, lang).text
    intro = t(lang, "action.intro", date=day) + " " + note_text[:1].upper() + note_text[1:] + "."
    section.blocks.append(Para([Span(intro)]))
    rows = []
    for iri, title, partnership, when, state, urgent in found:
        note = ctx.cite(said.get(iri, []))
        rows.append(
            [
                [Para([Span(title, note)])],
                [Para([Span(partnership)])],
                [Para([Span(when)])],
                [Para([Span(state, bold=urgent)])],
            ]
        )
    section.blocks.append(
        Table(
            [
                t(lang, "action.what"),
                t(lang, "action.partnership"),
                t(lang, "action.when"),
                t(lang, "action.state", date=day),
            ],
            rows,
            [1.6, 1.2, 0.9, 1.1],
        )
    )
    return section


# --- changes since the previous edition ------------------------------------------------------


def _changes(
    ctx: Context, previous: Knowledge | None, name: str, chosen: set[URIRef] | None
) -> Section | None:
    """What changed since the previous edition, as partnergraph.query.diff sees it."""
    if previous is None:
        return None
    lang = ctx.lang
    section = Section("changes", t(lang, "section.changes"))
    if name:
        section.blocks.append(Para([Span(t(lang, "changes.previous", previous=name))]))
    wanted = {ctx.text(p) for p in chosen} if chosen is not None else None
    changes = [
        c
        for c in diff(previous, ctx.kg, lang=lang).changes
        if wanted is None or not c.partnership or c.partnership in wanted
    ]
    if not changes:
        section.blocks.append(Para([Span(t(lang, "changes.none"))]))
        return section
    rows = []
    for change in changes:
        what = change.title
        if change.before or change.after:
            what += f": {change.before or '-'} → {change.after or '-'}"
        rows.append([cell(change.kind_label, bold=True), cell(what), cell(change.partnership)])
    kind, what = (title.capitalize() for title in column_titles(lang, ("change", "what")))
    heads = [kind, what, t(lang, "action.partnership")]
    section.blocks.append(Table(heads, rows, [0.9, 2.2, 1.1]))
    return section


# --- the network figure ----------------------------------------------------------------------


def _figure(
    ctx: Context, dataset: Sequence[Row], svg: str | None, selected: list[Partnership]
) -> Section:
    lang = ctx.lang
    section = Section("figure", t(lang, "section.figure"))
    source = _source_name(ctx, dataset)
    if svg is None:
        svg = report_figure(
            ctx.kg,
            lang=lang,
            as_of=ctx.as_of,
            title=t(lang, "figure.title"),
            subtitle=long_date(ctx.as_of, lang),
            source=t(lang, "figure.source", source=source, version=__version__),
            partnerships=[str(p.iri) for p in selected],
        )
    caption = Para([Span(t(lang, "figure.caption", date=long_date(ctx.as_of, lang)))])
    section.blocks.append(Figure(svg, caption, t(lang, "figure.title")))
    return section
