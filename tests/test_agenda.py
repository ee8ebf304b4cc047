"""The renewals calendar on the bundled data, seen from 1 October 2024, and its renderers."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from icalendar import Calendar

import partnergraph
from partnergraph.core.errors import ParameterError
from partnergraph.rdf.namespaces import PGID
from partnergraph.views.agenda import AgendaItem, agenda, format_table, to_ics, to_markdown

TODAY = dt.date(2024, 10, 1)
UNTIL = dt.date(2026, 1, 1)  # far enough to see everything the memo plans
STAMP = dt.datetime(2024, 10, 1, 8, 30, tzinfo=dt.UTC)
FIXTURES = Path(__file__).parent / "fixtures" / "agenda"


@pytest.fixture(scope="module")
def kg() -> partnergraph.PartnerGraph:
    return partnergraph.load()


@pytest.fixture(scope="module")
def items(kg: partnergraph.PartnerGraph) -> list[AgendaItem]:
    return agenda(kg, as_of=TODAY, until=UNTIL)


def _short(item: AgendaItem) -> tuple[str, str, str, str, str]:
    return (
        item.kind,
        item.iri.removeprefix(str(PGID)),
        item.wording,
        item.earliest.isoformat(),
        item.latest.isoformat(),
    )


def test_what_is_coming_keeps_the_sources_wording(items: list[AgendaItem]) -> None:
    assert [_short(i) for i in items] == [
        # the action plan 2021-2024 may still end this year
        ("ends", "action-plan-halmstad-2021-2024", "2024", "2024-01-01", "2024-12-31"),
        # Halmstad action plan 2025-2028 adopted administratively "nov. 2024"
        ("treatment", "decision-halmstad-2024-11", "nov. 2024", "2024-11-01", "2024-11-30"),
        # ... and the Finance Committee informed "dec. eller jan."
        ("treatment", "decision-halmstad-2024-12-orientation", "dec. eller jan.",
         "2024-12-01", "2025-01-31"),
        # the AU agreement runs "til udgangen af 2025"
        ("ends", "agreement-au-2022", "udgangen af 2025", "2025-01-01", "2025-12-31"),
        # the new action plan 2025-2028 starts in 2025
        ("starts", "action-plan-halmstad-2025-2028", "2025", "2025-01-01", "2025-12-31"),
        # new AU and VIA agreements treated by ØK/KB "efterår 2025"
        ("treatment", "decision-au-2025-autumn", "efterår 2025", "2025-09-01", "2025-11-30"),
        ("treatment", "decision-via-2025-autumn", "efterår 2025", "2025-09-01", "2025-11-30"),
    ]  # fmt: skip


def test_items_say_what_they_concern(items: list[AgendaItem]) -> None:
    via = next(i for i in items if i.iri.endswith("decision-via-2025-autumn"))
    assert via.title == "Ny aftale med VIA University College behandles i ØK/KB"
    assert via.committees == ("Kommunalbestyrelsen", "Økonomiudvalget")
    assert via.status == "planlagt"
    assert via.partnership == "Partnerskab med VIA University College"
    assert via.concerns == ("Ny partnerskabsaftale med VIA University College (foreslået)",)
    assert via.renews == ("Partnerskabsaftale med VIA University College (2018)",)
    assert via.decision_kind == "politisk behandling"
    assert via.source.startswith("Notat: Oversigt over formelle og strategiske partnerskaber")
    assert via.source_text.startswith("Det foreslås, at der udarbejdes en ny aftale")
    au = next(i for i in items if i.iri.endswith("agreement-au-2022"))
    assert (au.status, au.period) == ("gældende", "1. januar 2022 til udgangen af 2025")
    orientation = next(i for i in items if i.iri.endswith("orientation"))
    assert orientation.committees == ("Økonomiudvalget",)


def test_until_cuts_the_agenda(kg: partnergraph.PartnerGraph) -> None:
    before_summer = agenda(kg, as_of=TODAY, until=dt.date(2025, 6, 30))
    assert [i.wording for i in before_summer] == [
        "2024", "nov. 2024", "dec. eller jan.", "udgangen af 2025", "2025"
    ]  # fmt: skip
    this_autumn = agenda(kg, today=TODAY, until=dt.date(2024, 11, 15))
    assert [i.wording for i in this_autumn] == ["2024", "nov. 2024"]
    with pytest.raises(ParameterError):
        agenda(kg, today=TODAY, until=dt.date(2024, 9, 1))


def test_what_has_passed_without_an_outcome_comes_first_as_overdue(
    kg: partnergraph.PartnerGraph,
) -> None:
    later = agenda(kg, as_of=dt.date(2025, 2, 1), until=UNTIL)
    assert [(i.kind, i.state, i.wording) for i in later] == [
        ("treatment", "overdue", "nov. 2024"),
        ("ended", "ended", "2024"),  # the action plan 2021-2024, its successor not adopted
        ("treatment", "overdue", "dec. eller jan."),
        ("ends", "in_force", "udgangen af 2025"),
        ("starts", "not_started", "2025"),
        ("treatment", "upcoming", "efterår 2025"),
        ("treatment", "upcoming", "efterår 2025"),
    ]
    assert [i.overdue for i in later] == [True, True, True, False, False, False, False]
    # the orientation "dec. eller jan." may still come on 31 January, and is due then
    on_the_day = agenda(kg, as_of=dt.date(2025, 1, 31))
    assert ("due", "dec. eller jan.") in [(i.state, i.wording) for i in on_the_day]
    assert agenda(kg, as_of=dt.date(2025, 2, 1), overdue=False) == [
        i for i in agenda(kg, as_of=dt.date(2025, 2, 1)) if not i.overdue
    ]


def test_default_is_overdue_then_the_next_six_months(kg: partnergraph.PartnerGraph) -> None:
    assert [i.wording for i in agenda(kg, as_of=TODAY)] == [
        "2024",
        "nov. 2024",
        "dec. eller jan.",
        "udgangen af 2025",
        "2025",
    ]  # fmt: skip  (1 October 2024 + six months: up to 1 April 2025)
    assert agenda(kg, today=TODAY) == agenda(kg, as_of=TODAY)  # the older keyword


def test_done_when_today_lists_the_overdue_au_and_via_treatments_and_the_lonely_au_agreement(
    kg: partnergraph.PartnerGraph,
) -> None:
    items = agenda(kg, as_of=dt.date(2026, 12, 6))
    overdue = {i.iri.removeprefix(str(PGID)) for i in items if i.state == "overdue"}
    assert {"decision-au-2025-autumn", "decision-via-2025-autumn"} <= overdue
    ended = {i.iri.removeprefix(str(PGID)): i for i in items if i.kind == "ended"}
    assert "agreement-au-2022" in ended
    au = ended["agreement-au-2022"]
    assert (au.wording, au.latest) == ("udgangen af 2025", dt.date(2025, 12, 31))
    assert au.status == "gældende"
    assert all(i.overdue for i in items)  # nothing else is planned in the memo
    # the stated status stays beside the derived one
    assert [r[0] for r in format_table(items)[1]].count("kræver handling") == len(ended)


def test_english_wording(kg: partnergraph.PartnerGraph) -> None:
    wordings = [i.wording for i in agenda(kg, as_of=TODAY, until=UNTIL, lang="en")]
    assert wordings == [
        "2024", "November 2024", "December or January", "the end of 2025", "2025",
        "autumn 2025", "autumn 2025",
    ]  # fmt: skip
    with pytest.raises(ParameterError):
        agenda(kg, lang="fr")


def test_every_store_gives_the_same_agenda(items: list[AgendaItem]) -> None:
    assert agenda(partnergraph.load(store="memory"), as_of=TODAY, until=UNTIL) == items


def test_ics_has_one_deadline_with_a_reminder_per_item(items: list[AgendaItem]) -> None:
    data = to_ics(items, stamp=STAMP, alarm_weeks=3)
    assert data.startswith(b"BEGIN:VCALENDAR\r\n") and data.endswith(b"END:VCALENDAR\r\n")
    assert all(len(line) <= 75 for line in data.split(b"\r\n"))  # folded as RFC 5545 asks
    calendar = Calendar.from_ical(data)
    assert str(calendar["VERSION"]) == "2.0"
    assert str(calendar["PRODID"]).startswith("-//partnergraph//")
    events = calendar.walk("VEVENT")
    assert len(events) == len(items)
    for event, item in zip(events, items, strict=True):
        for required in ("UID", "DTSTAMP", "DTSTART", "DTEND", "SUMMARY"):
            assert required in event
        start, end = event.decoded("DTSTART"), event.decoded("DTEND")
        # a deadline: one all-day event on the latest possible day, not a months-long banner
        assert type(start) is dt.date and type(end) is dt.date
        assert (start, end) == (item.latest, item.latest + dt.timedelta(days=1))
        assert event.decoded("DTSTAMP") == STAMP
        assert str(event["UID"]) == item.uid
        assert f"({item.wording})" in str(event["SUMMARY"])
        (alarm,) = event.walk("VALARM")
        assert str(alarm["ACTION"]) == "DISPLAY"
        assert alarm.decoded("TRIGGER") == -dt.timedelta(weeks=3)
        description = str(event["DESCRIPTION"])
        if item.earliest != item.latest:  # the span the source allows is in the description
            assert f"{item.earliest.isoformat()} \u2013 {item.latest.isoformat()}" in description
    assert len({str(e["UID"]) for e in events}) == len(events)
    # autumn 2025: a deadline on 30 November 2025, the season in the description
    assert b"DTSTART;VALUE=DATE:20251130\r\nDTEND;VALUE=DATE:20251201" in data
    assert b"DTSTART;VALUE=DATE:20250901" not in data
    # "udgangen af 2025" is 2025-12-31
    au = next(e for e in events if "udgangen af 2025" in str(e["SUMMARY"]))
    assert au.decoded("DTSTART") == dt.date(2025, 12, 31)
    # the same IRIs give the same UIDs, so a calendar updates instead of duplicating
    again = agenda(partnergraph.load(store="memory"), as_of=TODAY, until=UNTIL)
    assert [i.uid for i in again] == [i.uid for i in items]
    # no reminder when asked for none
    assert not Calendar.from_ical(to_ics(items, stamp=STAMP, alarm_weeks=0)).walk("VALARM")


def test_ics_lists_the_overdue_items_in_every_description(kg: partnergraph.PartnerGraph) -> None:
    items = agenda(kg, as_of=dt.date(2025, 2, 1))
    late = [i for i in items if i.overdue]
    assert late and len(late) < len(items)
    calendar = Calendar.from_ical(to_ics(items, stamp=STAMP, note="status pr. 2025-02-01"))
    assert str(calendar["X-WR-CALDESC"]).startswith("status pr. 2025-02-01")
    for event in calendar.walk("VEVENT"):
        description = str(event["DESCRIPTION"])
        assert "Overskredet eller uden aftale:" in description
        for item in late:
            assert f"- {item.title} ({item.wording}, senest {item.latest.isoformat()})" in (
                description
            )
    summaries = [str(e["SUMMARY"]) for e in calendar.walk("VEVENT")]
    assert summaries[0].startswith("Overskredet: Planlagt behandling: Administrativ vedtagelse")


def test_ics_escapes_commas_and_semicolons() -> None:
    kg = partnergraph.load([FIXTURES / "loose.ttl"], store="memory")
    items = agenda(kg, as_of=dt.date(2025, 1, 1), until=dt.date(2027, 1, 1))
    assert [_short(i) for i in items] == [
        ("treatment", "loose-review", "senest 2026", "2026-01-01", "2026-12-31"),
        ("ends", "loose-agreement", "30. juni 2026", "2026-06-30", "2026-06-30"),
    ]  # the done treatment of 2030 is not on the agenda
    data = to_ics(items, stamp=STAMP)
    unfolded = data.replace(b"\r\n ", b"")
    assert b"Havneaftale\\, drift\\; udvikling" in unfolded
    summaries = [str(e["SUMMARY"]) for e in Calendar.from_ical(data).walk("VEVENT")]
    assert summaries[1] == "Aftale udløber: Havneaftale, drift; udvikling (30. juni 2026)"


def test_table_and_markdown(items: list[AgendaItem]) -> None:
    headers, rows = format_table(items)
    assert headers[:4] == ["status", "hvornår", "senest", "hvad"]
    assert headers[-1] == "ifølge kilden"
    assert rows[-1][:4] == [
        "kommende", "efterår 2025", "2025-11-30",
        "Ny aftale med VIA University College behandles i ØK/KB",
    ]  # fmt: skip
    assert rows[-1][-1] == "planlagt"
    markdown = to_markdown(items, lang="en").splitlines()
    assert markdown[0] == (
        "| status | when | by | what | kind | partnership | committees | according to the source |"
    )
    assert len(markdown) == len(items) + 2
    assert "| upcoming | autumn 2025 | 2025-11-30 |" in to_markdown(
        agenda(partnergraph.load(), as_of=TODAY, until=UNTIL, lang="en")
    )
