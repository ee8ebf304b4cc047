"""Status as of a date on the bundled data: derived from dates, the stated status kept beside."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from typer.testing import CliRunner

import partnergraph
from partnergraph.cli.app import app
from partnergraph.core.errors import ParameterError
from partnergraph.query.actions import needs_action
from partnergraph.query.status import (
    agreement_statuses,
    status_lines,
    status_note,
    treatment_statuses,
)
from partnergraph.rdf.namespaces import PGID

FINISHED = dt.date(2026, 12, 6)


@pytest.fixture(scope="module")
def kg() -> partnergraph.PartnerGraph:
    return partnergraph.load()


def _states(kg: partnergraph.PartnerGraph, day: str) -> dict[str, tuple[str, bool]]:
    return {
        a.iri.removeprefix(str(PGID)): (a.state, a.no_successor_in_force)
        for a in agreement_statuses(kg, day)
    }


def test_agreements_are_in_force_ended_or_not_started_by_their_dates(
    kg: partnergraph.PartnerGraph,
) -> None:
    autumn_2024 = _states(kg, "2024-10-01")
    assert autumn_2024["agreement-au-2022"] == ("in_force", False)
    assert autumn_2024["agreement-au-2018"] == ("ended", False)  # its successor began 2022
    assert autumn_2024["action-plan-halmstad-2021-2024"] == ("in_force", False)
    assert autumn_2024["action-plan-halmstad-2025-2028"] == ("not_started", False)
    assert autumn_2024["agreement-via-2018"] == ("in_force", False)
    # "to the end of 2025" is in force on 31 December 2025 and ended the day after
    assert _states(kg, "2025-12-31")["agreement-au-2022"] == ("in_force", False)
    assert _states(kg, "2026-01-01")["agreement-au-2022"] == ("ended", True)
    # before the renewal began, the 2018 agreement with AU was the one in force
    assert _states(kg, "2021-06-01")["agreement-au-2018"] == ("in_force", False)
    assert _states(kg, "2021-06-01")["agreement-au-2022"] == ("not_started", False)


def test_the_memos_status_stays_beside_the_derived_one(kg: partnergraph.PartnerGraph) -> None:
    au = next(a for a in agreement_statuses(kg, FINISHED) if a.iri.endswith("agreement-au-2022"))
    assert (au.state_label, au.stated) == ("udløbet", "gældende")
    assert au.ended_on == dt.date(2025, 12, 31)
    assert au.to_dict()["stated"] == "gældende" and au.to_dict()["state"] == "ended"
    english = agreement_statuses(kg, FINISHED, lang="en")
    assert {a.state_label for a in english} == {"in force", "ended", "not yet started"}


def test_a_planned_treatment_is_upcoming_due_then_overdue(kg: partnergraph.PartnerGraph) -> None:
    def state(day: str) -> str:
        (via,) = [t for t in treatment_statuses(kg, day) if t.iri.endswith("via-2025-autumn")]
        return via.state

    assert state("2025-08-31") == "upcoming"
    assert state("2025-09-01") == "due"
    assert state("2025-11-30") == "due"  # autumn may still mean 30 November
    assert state("2025-12-01") == "overdue"
    done = [t for t in treatment_statuses(kg, FINISHED) if t.iri.endswith("via-2018-08")]
    assert done[0].state == "done"


def test_needs_action_today_and_in_autumn_2024(kg: partnergraph.PartnerGraph) -> None:
    today = needs_action(kg, FINISHED)
    assert [(i.kind, i.iri.removeprefix(str(PGID))) for i in today] == [
        ("overdue", "decision-halmstad-2024-11"),
        ("overdue", "decision-halmstad-2024-12-orientation"),
        ("overdue", "decision-au-2025-autumn"),
        ("overdue", "decision-via-2025-autumn"),
        ("no_successor", "action-plan-halmstad-2021-2024"),
        ("no_successor", "agreement-au-2022"),
    ]
    assert today[-1].reason == (
        "udløb 2025-12-31 (1. januar 2022 til udgangen af 2025); ingen afløser er trådt i kraft"
    )
    assert json.loads(json.dumps([i.to_dict() for i in today]))[2]["stated"] == "planlagt"
    assert needs_action(kg, "2024-10-01") == []
    assert [i.kind for i in needs_action(kg, "2024-11-15")] == ["due"]  # nov. 2024 is now


def test_status_note_says_the_memo_is_undated(kg: partnergraph.PartnerGraph) -> None:
    note = status_note(kg, FINISHED)
    assert note.text == (
        "status pr. 2026-12-06, ifølge Notat: Oversigt over formelle og strategiske "
        "partnerskaber samt samarbejder (udateret)"
    )
    assert status_note(kg, FINISHED, lang="en").text.endswith("collaborations (undated)")


def test_a_wrong_as_of_date_is_a_one_line_error(kg: partnergraph.PartnerGraph) -> None:
    with pytest.raises(ParameterError, match="YYYY-MM-DD"):
        needs_action(kg, "1. oktober")
    result = CliRunner().invoke(app, ["agenda", "--as-of", "1. oktober"])
    assert result.exit_code != 0
    assert "Traceback" not in result.output


def test_cli_agenda_done_when() -> None:
    """The issue's test: today the overdue AU and VIA treatments and the ended AU agreement;
    on 1 October 2024 the Halmstad adoption of November 2024 as upcoming."""
    runner = CliRunner()
    today = json.loads(runner.invoke(app, ["agenda", "--as-of", "2026-12-06", "-f", "json"]).stdout)
    assert today["status"].startswith("status pr. 2026-12-06, ifølge Notat")
    found = {(i["iri"].removeprefix(str(PGID)), i["state"], i["kind"]) for i in today["items"]}
    assert ("decision-au-2025-autumn", "overdue", "treatment") in found
    assert ("decision-via-2025-autumn", "overdue", "treatment") in found
    assert ("agreement-au-2022", "ended", "ended") in found
    autumn = json.loads(
        runner.invoke(app, ["agenda", "--as-of", "2024-10-01", "-f", "json", "-l", "en"]).stdout
    )
    halmstad = [i for i in autumn["items"] if i["iri"].endswith("decision-halmstad-2024-11")]
    assert [(i["state"], i["when"]) for i in halmstad] == [("upcoming", "November 2024")]
    table = runner.invoke(app, ["agenda", "--as-of", "2024-10-01"], env={"COLUMNS": "200"})
    assert "kommende" in table.stdout and "status pr. 2024-10-01" in table.stdout


def test_describe_says_the_status_as_of_a_day() -> None:
    runner = CliRunner()
    args = ["describe", "pgid:agreement-au-2022", "-f", "json"]
    today = json.loads(runner.invoke(app, [*args, "--as-of", "2026-12-06"]).stdout)
    assert today["status"] == "Status pr. 2026-12-06: udløbet (ifølge kilden: gældende)"
    then = json.loads(runner.invoke(app, [*args, "--as-of", "2023-01-01", "-l", "en"]).stdout)
    assert then["status"] == "Status as of 2023-01-01: in force (according to the source: in force)"
    org = json.loads(
        runner.invoke(app, ["describe", "pgid:norddjurs-kommune", "-f", "json"]).stdout
    )
    assert org["status"] is None


def test_agenda_with_no_options_is_as_of_today() -> None:
    result = CliRunner().invoke(app, ["agenda", "-f", "json"])
    payload = json.loads(result.stdout)
    assert payload["status"].startswith(f"status pr. {dt.date.today().isoformat()}, ifølge")
    if dt.date.today() >= dt.date(2026, 1, 1):  # from then on the memo's plans are all late
        late = {
            i["iri"].removeprefix(str(PGID)) for i in payload["items"] if i["state"] == "overdue"
        }
        assert {"decision-au-2025-autumn", "decision-via-2025-autumn"} <= late
        assert any(
            i["kind"] == "ended" and i["iri"].endswith("agreement-au-2022")
            for i in payload["items"]
        )


@pytest.mark.parametrize(
    "day", ["2021-06-01", "2024-10-01", "2025-12-31", "2026-01-01", "2026-12-06"]
)
def test_the_status_of_a_few_things_is_their_status_among_all(
    kg: partnergraph.PartnerGraph, day: str
) -> None:
    # A description or an entity's page asks about one thing; the answer must not depend on
    # that: the successors a state depends on are read with it (the renewed AU agreement,
    # Halmstad's action plans), and what was asked is all that comes back.
    every = {a.iri: a for a in agreement_statuses(kg, day)}
    decisions = {t.iri: t for t in treatment_statuses(kg, day)}
    lines = status_lines(kg, day)
    assert len(every) >= 5 and len(decisions) >= 5
    for iri in [*every, *decisions]:
        alone = agreement_statuses(kg, day, subjects=[iri])
        assert alone == ([every[iri]] if iri in every else [])
        assert treatment_statuses(kg, day, subjects=[iri]) == (
            [decisions[iri]] if iri in decisions else []
        )
        assert status_lines(kg, day, subjects=[iri]) == ({iri: lines[iri]} if iri in lines else {})
    assert status_lines(kg, day, subjects=[]) == {}
    assert status_lines(kg, day, subjects=list(lines)) == lines


def test_the_status_of_one_thing_is_its_status_among_all_in_generated_data(
    tmp_path_factory: pytest.TempPathFactory,
) -> None:
    from partnergraph.synthetic.generate import generate

    made = generate(tmp_path_factory.mktemp("status") / "data", 3, seed=11)
    many = partnergraph.load([made.output_dir])
    day = "2025-06-01"
    every = {a.iri: a for a in agreement_statuses(many, day)}
    lines = status_lines(many, day)
    renewed = [iri for iri, a in every.items() if a.successors]
    assert renewed and len(every) > 10  # succession chains to follow
    for iri in [*renewed, *sorted(every)[:10]]:
        assert agreement_statuses(many, day, subjects=[iri]) == [every[iri]]
        assert status_lines(many, day, subjects=[iri]) == {iri: lines[iri]}
