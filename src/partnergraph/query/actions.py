"""What needs someone to act on a day: the "kræver handling" list of the agenda, the site, the
server and the report.

Overdue and due treatments and ended agreements without a successor in force, derived from the
statuses of :mod:`partnergraph.query.status` so every view agrees on what is late.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from partnergraph.core import messages
from partnergraph.query.status import agreement_statuses, state_label, treatment_statuses
from partnergraph.rdf.dates import as_of_date

if TYPE_CHECKING:
    from partnergraph.engine.stores import Store
    from partnergraph.query.knowledge import Knowledge

__all__ = ["ACTIONS", "ActionItem", "needs_action"]

ACTIONS = ("overdue", "due", "no_successor")
"""Why something needs action; each is named in the catalogue as ``action.<kind>``."""


@dataclass(frozen=True)
class ActionItem:
    """One thing that needs someone to act: an overdue or due treatment, or an ended agreement
    without a successor in force."""

    kind: str
    """``overdue``, ``due`` or ``no_successor``."""
    iri: str
    title: str
    when: str
    """The source's words for when ("efterår 2025", "1. januar 2022 til udgangen af 2025")."""
    deadline: dt.date
    """The latest possible day (treatments) or the last day in force (agreements)."""
    partnership: str
    stated: str
    """The status the source states, shown "ifølge notatet"."""
    state: str
    """The derived status (see :data:`partnergraph.query.status.STATES`)."""
    as_of: dt.date
    concerns: tuple[str, ...] = ()
    lang: str = "da"

    @property
    def kind_label(self) -> str:
        return messages.t(f"action.{self.kind}", self.lang)

    @property
    def state_label(self) -> str:
        return state_label(self.state, self.lang)

    @property
    def reason(self) -> str:
        """Why it needs action, in one sentence of the item's language."""
        return messages.t(
            f"action.reason.{self.kind}", self.lang, when=self.when, day=self.deadline.isoformat()
        )

    def to_dict(self) -> dict[str, Any]:
        return {
            "kind": self.kind,
            "kind_label": self.kind_label,
            "iri": self.iri,
            "title": self.title,
            "when": self.when,
            "deadline": self.deadline.isoformat(),
            "partnership": self.partnership,
            "state": self.state,
            "state_label": self.state_label,
            "stated": self.stated,
            "reason": self.reason,
            "concerns": list(self.concerns),
            "as_of": self.as_of.isoformat(),
        }


_ACTION_ORDER = ("overdue", "no_successor", "due")


def needs_action(
    source: Knowledge | Store, as_of: dt.date | str | None = None, lang: str = "da"
) -> list[ActionItem]:
    """What needs someone to act on ``as_of`` (default today), most pressing first: overdue
    treatments, ended agreements without a successor in force, treatments due now; within each
    kind the oldest deadline first."""
    when = as_of_date(as_of)
    items = [
        ActionItem(
            kind=t.state,
            iri=t.iri,
            title=t.title,
            when=t.wording,
            deadline=t.latest,
            partnership=t.partnership,
            stated=t.stated,
            state=t.state,
            as_of=when,
            concerns=t.concerns,
            lang=lang,
        )
        for t in treatment_statuses(source, when, lang)
        if t.state in ("overdue", "due")
    ]
    for a in agreement_statuses(source, when, lang):
        if a.no_successor_in_force:
            items.append(
                ActionItem(
                    kind="no_successor",
                    iri=a.iri,
                    title=a.title,
                    when=a.period or (a.end.text if a.end else ""),
                    deadline=a.ended_on or when,
                    partnership=a.partnership,
                    stated=a.stated,
                    state=a.state,
                    as_of=when,
                    lang=lang,
                )
            )
    items.sort(key=lambda i: (_ACTION_ORDER.index(i.kind), i.deadline, i.title))
    return items
