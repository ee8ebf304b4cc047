"""Read the graph with the report queries (``queries/report/``) and compose a :class:`Report`.

Everything comes from SPARQL on the store, so a report can be made from any store and any
dataset that follows the ontology. Each statement carries a note with its source and, where the
data has them, the source's own words (``pg:sourceText``).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from rdflib import Literal, URIRef
from rdflib.namespace import SKOS
from rdflib.term import Node

from partnergraph.core import resources as _resources
from partnergraph.core.errors import ParameterError
from partnergraph.core.messages import check_language
from partnergraph.core.version import __version__
from partnergraph.io.results import SelectResult
from partnergraph.query.labels import Labeller, choose
from partnergraph.rdf.namespaces import PGID
from partnergraph.views.report.model import (
    Bullets,
    Figure,
    Note,
    Para,
    Report,
    Section,
    Span,
    Table,
)
from partnergraph.views.report.texts import join, long_date, quote, t

if TYPE_CHECKING:
    from partnergraph.query.knowledge import Knowledge

__all__ = ["SECTIONS", "build_report"]

SECTIONS = ("intro", "typology", "formal", "table", "strategic", "action", "changes", "figure")
"""The sections of a report, in order: the memo's own, then what only the graph can give."""

_FORMAL = PGID["category-formal"]

Row = dict[str, Node]


def _rows(kg: Knowledge, name: str) -> list[Row]:
    result = kg.query_file(_resources.bundled(f"queries/report/{name}.rq"))
    assert isinstance(result, SelectResult)
    return [
        {v: cell for v, cell in zip(result.variables, row, strict=True) if cell is not None}
        for row in result.rows
    ]


def _values(rows: Iterable[Row], key: str) -> list[Node]:
    found: list[Node] = []
    for row in rows:
        value = row.get(key)
        if value is not None and value not in found:
            found.append(value)
    return found


def _pick(values: Iterable[Node], lang: str) -> str:
    """The literal in ``lang``, else Danish, else English, else any (labels' rule)."""
    literals = [(SKOS.prefLabel, v) for v in values if isinstance(v, Literal)]
    return choose(Literal(""), literals, lang) if literals else ""


def _group(rows: Iterable[Row], key: str) -> dict[Node, list[Row]]:
    groups: dict[Node, list[Row]] = {}
    for row in rows:
        if key in row:
            groups.setdefault(row[key], []).append(row)
    return groups


@dataclass
class _Notes:
    """The report's notes, numbered in order of first use; the same source words share one."""

    no_words: str
    notes: list[Note] = field(default_factory=list)

    def cite(self, source: str, words: str = "") -> int:
        note = Note(source, words or self.no_words)
        if note not in self.notes:
            self.notes.append(note)
        return self.notes.index(note) + 1


@dataclass
class _Context:
    kg: Knowledge
    lang: str
    as_of: dt.date
    label: Labeller
    notes: _Notes
    short: dict[Node, str] = field(default_factory=dict)
    """Short names of the sources the provenance line names in full ("Notat")."""

    def cite(self, rows: Sequence[Row], words_key: str = "sourceText") -> int:
        """A note for what ``rows`` say: their source(s) and the source's words."""
        sources = sorted({self.short.get(s) or self.label(s) for s in _values(rows, "source")})
        words = _pick(_values(rows, words_key), "da")  # the source's words are in its language
        return self.notes.cite(", ".join(sources) or self.label(None), words)

    def text(self, node: Node | None) -> str:
        return self.label(node)


@dataclass
class _Partnership:
    iri: URIRef
    label: str
    formal: bool
    start: str
    partners: list[URIRef]
    rows: list[Row]


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
    wanted = list(sections) if sections else [s for s in SECTIONS if s != "changes" or previous]
    unknown = [s for s in wanted if s not in SECTIONS]
    if unknown:
        raise ParameterError.of("report.section", section=unknown[0], choices=", ".join(SECTIONS))
    if "changes" in wanted and previous is None:
        raise ParameterError.of("report.changes.previous", remedy="previous-edition")
    chosen = {kg.resolve(name, "pg:Partnership") for name in partnerships} if partnerships else None
    label = Labeller(kg.store, lang)
    ctx = _Context(kg, lang, as_of, label, _Notes(t(lang, "no-words")))

    all_partnerships = _partnerships(kg, label)
    selected = [p for p in all_partnerships if chosen is None or p.iri in chosen]
    dataset = _rows(kg, "dataset")
    # A register or other dataset with no source document of its own is not what the report
    # is made from, when a dataset derived from a source (a memo, a workbook) is loaded.
    derived = [row for row in dataset if row.get("source") is not None]
    dataset = derived or dataset
    owner = next(iter(_values(dataset, "publisher")), None)
    for source, mine in _group(dataset, "source").items():
        kind = _pick(_values(mine, "sourceType"), lang)
        if kind:
            ctx.short[source] = kind

    builders: dict[str, Callable[[], Section | None]] = {
        "intro": lambda: _intro(ctx, selected, owner, "changes" in wanted and previous is not None),
        "typology": lambda: _typology(ctx, chosen),
        "formal": lambda: _formal(ctx, selected),
        "table": lambda: _table(ctx, selected),
        "strategic": lambda: _strategic(ctx, selected),
        "action": lambda: _action(ctx, selected),
        "changes": lambda: _changes(ctx, previous, previous_name, chosen),
        "figure": lambda: _figure(ctx, dataset, figure_svg, selected),
    }
    built = [builders[key]() for key in SECTIONS if key in wanted]
    title = _pick(_values(dataset, "sourceTitle"), lang) or _pick(_values(dataset, "title"), lang)
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


def _source_name(ctx: _Context, rows: Sequence[Row]) -> str:
    parts = []
    for source in _values(rows, "source"):
        mine = [r for r in rows if r.get("source") == source]
        kind = _pick(_values(mine, "sourceType"), ctx.lang)
        name = _pick(_values(mine, "sourceTitle"), ctx.lang) or ctx.text(source)
        ident = ", ".join(str(v) for v in _values(mine, "sourceId"))
        publisher = ", ".join(ctx.text(p) for p in _values(mine, "publisher"))
        text = f"{kind} {quote(name, ctx.lang)}"
        if publisher:
            text += f", {publisher}"
        if ident:
            text += f" ({ident})"
        parts.append(text.strip())
    return "; ".join(parts) or t(ctx.lang, "no-source")


def _provenance(ctx: _Context, dataset: Sequence[Row]) -> Para:
    editions = [str(v) for v in _values(dataset, "version")]
    dates = [str(v) for v in _values(dataset, "modified") or _values(dataset, "issued")]
    edition = ", ".join(editions + dates)
    iri = next(iter(_values(dataset, "dataset")), None)
    text = t(
        ctx.lang,
        "provenance",
        version=__version__,
        made=long_date(dt.date.today(), ctx.lang),
        dataset=quote(_pick(_values(dataset, "title"), ctx.lang) or ctx.text(iri), ctx.lang),
        iri=str(iri or ""),
        edition=t(ctx.lang, "edition", edition=edition) if edition else t(ctx.lang, "no-edition"),
        source=_source_name(ctx, dataset),
        triples=f"{len(ctx.kg):,}".replace(",", "." if ctx.lang == "da" else ","),
    )
    return Para([Span(text)])


# --- partnerships --------------------------------------------------------------------------------


def _partnerships(kg: Knowledge, label: Labeller) -> list[_Partnership]:
    found = []
    for iri, rows in _group(_rows(kg, "partnerships"), "p").items():
        assert isinstance(iri, URIRef)
        start = next((str(v)[:4] for v in _values(rows, "start")), "")
        partners = [p for p in _values(rows, "partner") if isinstance(p, URIRef)]
        formal = _FORMAL in _values(rows, "category")
        found.append(_Partnership(iri, label(iri), formal, start, partners, rows))
    found.sort(key=lambda p: (not p.formal, p.start or "9999", p.label.casefold()))
    return found


def _names(ctx: _Context, nodes: Iterable[Node]) -> list[str]:
    return sorted({ctx.text(n) for n in nodes}, key=str.casefold)


def _intro(
    ctx: _Context, selected: list[_Partnership], owner: Node | None, with_changes: bool
) -> Section:
    lang = ctx.lang
    section = Section("intro", t(lang, "section.intro"))
    rows = _rows(ctx.kg, "introduction")
    for doc, mine in _group(rows, "doc").items():
        description = _pick(_values(mine, "description"), lang)
        if description:
            own = [{"source": doc, "w": v} for v in _values(mine, "description")]
            para = Para([Span(description, ctx.cite(own, "w"))])
            strategies = _values(mine, "strategy")
            if strategies:
                said = [{"source": doc, "w": v} for v in _values(mine, "docText")]
                names = join([ctx.text(s) for s in strategies], lang)
                para.spans.append(
                    Span(" " + t(lang, "intro.builds-on", names=names), ctx.cite(said, "w"))
                )
            section.blocks.append(para)
    formal = [p for p in selected if p.formal]
    if formal:
        spans = [Span(t(lang, "intro.formal", n=len(formal), names=""))]
        spans[0] = Span(spans[0].text.rstrip(".").rstrip() + " ")
        agreements = _group(_rows(ctx.kg, "agreements"), "p")
        for i, p in enumerate(formal):
            said = [r for r in agreements.get(p.iri, []) if "sourceText" in r and "start" in r]
            said.sort(key=lambda r: str(r["start"]))
            first = [r for r in said if r.get("a") == said[0]["a"]] if said else p.rows
            spans.append(Span(join(_names(ctx, p.partners), lang), ctx.cite(first)))
            spans.append(Span(_separator(i, len(formal), lang)))
        section.blocks.append(Para(spans))
    strategic = [p for p in selected if not p.formal and _is_strategic(p)]
    if strategic:
        key = "intro.strategic" if owner is not None else "intro.strategic-no-owner"
        head = t(lang, key, owner=ctx.text(owner), names="").rstrip(".").rstrip()
        spans = [Span(head + " ")]
        for i, p in enumerate(strategic):
            spans.append(Span(join(_names(ctx, p.partners), lang), ctx.cite(p.rows)))
            spans.append(Span(_separator(i, len(strategic), lang)))
        section.blocks.append(Para(spans))
    instruments = _group(rows, "instrument")
    if instruments:
        spans = [Span(t(lang, "intro.involvement"))]
        items = sorted(instruments.items(), key=lambda kv: ctx.text(kv[0]).casefold())
        for i, (instrument, mine) in enumerate(items):
            words = _values(mine, "instrumentText")
            note = ctx.cite(
                [{"source": d, "sourceText": w} for d in _values(mine, "doc") for w in words]
                or [{"source": d} for d in _values(mine, "doc")]
            )
            text = ctx.text(instrument)
            spans.append(Span(text[:1].lower() + text[1:] if i else text, note))
            spans.append(Span(_separator(i, len(items), lang)))
        section.blocks.append(Para(spans))
    changes = t(lang, "intro.changes") if with_changes else ""
    section.blocks.append(
        Para([Span(t(lang, "intro.purpose", date=long_date(ctx.as_of, lang), changes=changes))])
    )
    return section


def _separator(i: int, n: int, lang: str) -> str:
    if i == n - 1:
        return "."
    if i == n - 2:
        return f" {t(lang, 'list.and')} "
    return ", "


def _is_strategic(p: _Partnership) -> bool:
    return PGID["category-strategic"] in _values(p.rows, "category")


def _typology(ctx: _Context, chosen: set[URIRef] | None) -> Section:
    lang = ctx.lang
    section = Section("typology", t(lang, "section.typology"))
    groups = _group(_rows(ctx.kg, "typology"), "type")
    order = sorted(
        groups, key=lambda k: (str(next(iter(_values(groups[k], "notation")), "")), ctx.text(k))
    )
    items = []
    for kind in order:
        rows = groups[kind]
        note = ctx.cite(rows, "definition")
        para = Para([Span(ctx.text(kind), bold=True), Span(": ")])
        para.spans.append(Span(_pick(_values(rows, "definition"), lang), note))
        example = _pick(_values(rows, "example"), lang)
        if example:
            para.spans.append(Span(" " + t(lang, "typology.example")))
            para.spans.append(Span(example, ctx.cite(rows, "example")))
        scope = _pick(_values(rows, "scopeNote"), lang)
        if scope:
            para.spans.append(Span(" " + scope, ctx.cite(rows, "scopeNote")))
        members = [m for m in _values(rows, "member") if chosen is None or m in chosen]
        if members:
            para.spans.append(
                Span(" " + t(lang, "typology.members") + ", ".join(_names(ctx, members)) + ".")
            )
        items.append(para)
    section.blocks.append(Bullets(items))
    return section


# --- agreements, themes, organisation, timetable ---------------------------------------------


def _agreement_states(ctx: _Context) -> dict[str, str]:
    """Each agreement's status on the report's date (partnergraph.status owns the rule), with
    the status the source states beside it when they differ."""
    from partnergraph.query.status import agreement_statuses

    states = {}
    for status in agreement_statuses(ctx.kg, ctx.as_of, ctx.lang):
        text = status.state_label
        if status.stated and status.stated != text:
            text += f" ({t(ctx.lang, 'formal.stated', stated=status.stated)})"
        states[status.iri] = text
    return states


def _formal(ctx: _Context, selected: list[_Partnership]) -> Section:
    lang = ctx.lang
    section = Section("formal", t(lang, "section.formal"))
    agreements = _group(_rows(ctx.kg, "agreements"), "p")
    states = _agreement_states(ctx)
    formal = [p for p in selected if p.formal]
    if not formal:
        section.blocks.append(Para([Span(t(lang, "formal.none"))]))
    for p in formal:
        section.blocks.append(Para([Span(p.label, ctx.cite(p.rows), bold=True)]))
        items = []
        for agreement, rows in _ordered(ctx, _group(agreements.get(p.iri, []), "a")):
            para = Para([Span(ctx.text(agreement), ctx.cite(rows), bold=True)])
            period = _pick(_values(rows, "period"), lang)
            if period:
                para.spans.append(Span(f". {t(lang, 'formal.period')}{period}"))
            purpose = _pick(_values(rows, "purpose"), lang) or _pick(
                _values(rows, "description"), lang
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


def _ordered(ctx: _Context, groups: dict[Node, list[Row]]) -> list[tuple[Node, list[Row]]]:
    def key(item: tuple[Node, list[Row]]) -> tuple[str, str]:
        start = next((str(v) for v in _values(item[1], "start")), "9999")
        return (start, ctx.text(item[0]).casefold())

    return sorted(groups.items(), key=key)


def _numbered(ctx: _Context, rows: Sequence[Row], role: str) -> list[Para]:
    """One cell of numbered items, grouped under the action plan they belong to."""
    items = [r for r in rows if str(r.get("role")) == role]
    by_item = _group(items, "item")
    schemes: dict[str, list[tuple[str, Node, list[Row]]]] = {}
    for item, mine in by_item.items():
        plan = any(bool(getattr(v, "value", False)) for v in _values(mine, "schemeIsPlan"))
        scheme = next(iter(_values(mine, "scheme")), None) if plan else None
        heading = ctx.text(scheme) if scheme is not None else ""
        number = str(next(iter(_values(mine, "number")), ""))
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


def _members(ctx: _Context, rows: Sequence[Row]) -> str:
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


def _table(ctx: _Context, selected: list[_Partnership]) -> Section:
    lang = ctx.lang
    section = Section("table", t(lang, "section.table"))
    themes = _group(_rows(ctx.kg, "themes"), "p")
    forums = _group(_rows(ctx.kg, "organisation"), "p")
    decisions = _group(_rows(ctx.kg, "decisions"), "p")
    agreements = _group(_rows(ctx.kg, "agreements"), "p")
    from partnergraph.query.status import treatment_statuses

    due = {
        s.iri: s.state_label
        for s in treatment_statuses(ctx.kg, ctx.as_of, lang)
        if s.state in ("overdue", "due")
    }
    rows: list[list[list[Para]]] = []
    for p in [p for p in selected if p.formal]:
        first: list[Para] = [Para([Span(p.label, ctx.cite(p.rows), bold=True)])]
        for forum, mine in sorted(
            _group(forums.get(p.iri, []), "forum").items(), key=lambda kv: ctx.text(kv[0])
        ):
            frequency = ", ".join(ctx.text(f) for f in _values(mine, "frequency"))
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
        for mine in _group(agreements.get(p.iri, []), "a").values():
            for note in _values(mine, "note"):
                if isinstance(note, Literal) and (note.language or "da") == lang:
                    focus.insert(0, Para([Span(str(note), ctx.cite(mine))]))
        timeline = []
        for decision, mine in _ordered(ctx, _group(decisions.get(p.iri, []), "d")):
            period = _pick(_values(mine, "period"), lang)
            status = ctx.text(next(iter(_values(mine, "status")), None))
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


def _strategic(ctx: _Context, selected: list[_Partnership]) -> Section:
    lang = ctx.lang
    section = Section("strategic", t(lang, "section.strategic"))
    others = [p for p in selected if not p.formal]
    if not others:
        section.blocks.append(Para([Span(t(lang, "strategic.none"))]))
        return section
    rows = []
    for p in others:
        kind = ", ".join(ctx.text(v) for v in _values(p.rows, "category") + _values(p.rows, "type"))
        parties = ", ".join(_names(ctx, p.partners))
        rows.append(
            [
                [Para([Span(p.label, ctx.cite(p.rows), bold=True)])],
                [Para([Span(kind)])],
                [Para([Span(parties)])],
            ]
        )
    section.blocks.append(
        Table(
            [t(lang, "strategic.name"), t(lang, "strategic.kind"), t(lang, "strategic.parties")],
            rows,
            [1.4, 1.2, 1.4],
        )
    )
    return section


# --- what needs action -----------------------------------------------------------------------


def _action(ctx: _Context, selected: list[_Partnership]) -> Section:
    """What needs action on the date (partnergraph.status) and what comes up in the next six
    months (partnergraph.agenda): the same rule as the agenda, the site and the server."""
    from partnergraph.query.actions import needs_action
    from partnergraph.views.agenda import agenda

    lang = ctx.lang
    day = long_date(ctx.as_of, lang)
    section = Section("action", t(lang, "section.action", date=day))
    wanted = {p.label for p in selected}
    said = {
        str(iri): rows
        for query, key in (("agreements", "a"), ("decisions", "d"))
        for iri, rows in _group(_rows(ctx.kg, query), key).items()
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
    from partnergraph.query.status import status_note

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
    ctx: _Context, previous: Knowledge | None, name: str, chosen: set[URIRef] | None
) -> Section | None:
    """What changed since the previous edition, as partnergraph.diff sees it."""
    if previous is None:
        return None
    from partnergraph.query.diff import diff

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
        rows.append(
            [
                [Para([Span(change.kind_label, bold=True)])],
                [Para([Span(what)])],
                [Para([Span(change.partnership)])],
            ]
        )
    section.blocks.append(
        Table(
            [t(lang, "changes.kind"), t(lang, "changes.what"), t(lang, "action.partnership")],
            rows,
            [0.9, 2.2, 1.1],
        )
    )
    return section


# --- the network figure ----------------------------------------------------------------------


def _figure(
    ctx: _Context, dataset: Sequence[Row], svg: str | None, selected: list[_Partnership]
) -> Section:
    from partnergraph.views.figure import report_figure

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
