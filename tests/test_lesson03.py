"""Lesson 03 (Israel's role): the two-level model, its chart, the checks, and the facts the text states."""

from __future__ import annotations

import json
import re
from pathlib import Path

import altair as alt
import pandas as pd
import pytest

import iranus
from iranus.record import agendas
from iranus.models import bargaining, two_level
from iranus import charts
from iranus.checks import check
from iranus.record.source_reading import claim_verdicts

ROOT = Path(__file__).resolve().parents[1]
NOTEBOOK = ROOT / "notebooks" / "03_israels_role.ipynb"
AS_OF = "2026-02-06"
STANCES = {"us": 95.0, "iran": 10.0, "israel": 100.0}


@pytest.fixture(scope="module")
def markdown():
    nb = json.loads(NOTEBOOK.read_text(encoding="utf-8"))
    text = "\n".join("".join(c["source"]) for c in nb["cells"] if c["cell_type"] == "markdown")
    return " ".join(re.sub(r"^> ?", "", text, flags=re.M).split())  # line breaks and quote marks do not matter


@pytest.fixture(scope="module")
def positions():
    return iranus.load("positions", as_of=AS_OF)


@pytest.fixture(scope="module")
def events():
    return iranus.load("events", as_of=AS_OF).set_index("event_id")


@pytest.fixture(scope="module")
def verdicts():
    return claim_verdicts(iranus.load("claims"), iranus.load("claim_checks", as_of=AS_OF)).set_index("claim_id")


# -- the two-level model -----------------------------------------------------------------------


def test_reservation_point_moves_towards_the_other_side_but_never_past_it():
    assert two_level.reservation_point(95, 10, 45) == 50
    assert two_level.reservation_point(10, 95, 45) == 55
    assert two_level.reservation_point(60, 50, 45) == 50  # stops at the other side's stance
    with pytest.raises(ValueError, match="concession"):
        two_level.reservation_point(60, 50, -1)
    with pytest.raises(ValueError, match="outside the 0-100"):
        two_level.reservation_point(120, 50, 10)
    with pytest.raises(ValueError, match="not a number"):
        two_level.reservation_point("high", 50, 10)


def test_win_set_and_the_third_partys_pull():
    assert two_level.acceptable_range(95, 10, 45) == two_level.Interval(50, 100)
    assert two_level.acceptable_range(10, 95, 45) == two_level.Interval(0, 55)
    pulled = two_level.acceptable_range(95, 10, 45, third_party=100, influence=0.5)
    assert pulled == two_level.Interval(75, 100) and pulled.width == 25
    veto = two_level.acceptable_range(95, 10, 45, third_party=100, influence=1)
    assert veto.low == 100
    # a less demanding third party does not move the reservation point
    assert two_level.acceptable_range(95, 10, 45, third_party=30, influence=1) == two_level.Interval(50, 100)
    with pytest.raises(ValueError, match="influence"):
        two_level.acceptable_range(95, 10, 45, third_party=100, influence=1.5)


def test_zone_of_agreement_can_be_empty():
    assert two_level.zone_of_agreement(two_level.Interval(50, 100), two_level.Interval(0, 55)) == two_level.Interval(50, 55)
    empty = two_level.zone_of_agreement(two_level.Interval(75, 100), two_level.Interval(0, 55))
    assert empty.empty and empty.width == 0


def test_win_set_illustration_rows():
    table = two_level.win_set_illustration(STANCES, "us", "iran", "israel", concession=45, influence=0.5, as_of=AS_OF)
    assert list(table["width"]) == [55.0, 50.0, 25.0, 5.0, 0.0]
    assert list(table["empty"]) == [False, False, False, False, True]
    assert table["range"].iloc[2] == "United States win-set, with Israel behind it"
    assert table.attrs["iranus"]["as_of"] == pd.Timestamp(AS_OF)
    with pytest.raises(KeyError, match="israel"):
        two_level.win_set_illustration({"us": 95, "iran": 10}, "us", "iran", "israel")


def test_win_set_illustration_speaks_arabic():
    table = two_level.win_set_illustration(STANCES, "us", "iran", "israel", concession=45, influence=0.5, language="ar")
    spec = charts.win_set_chart(table, iranus.label("issues", "enrichment", "ar"), language="ar").to_dict()
    glossary = iranus.load("glossary").set_index("term_id")
    assert glossary.loc["win_set", "term_ar"] == "مجموعة الفوز"
    assert "مجموعة فوز الولايات المتحدة" in table["range"].iloc[1]  # the same term in construct form
    assert glossary.loc["zopa", "term_ar"] in table["range"].iloc[3]
    assert "إسرائيل" in table["range"].iloc[4]
    assert "فارغة (لا تداخل)" in str(spec)


def test_zopa_by_influence_shrinks_monotonically():
    widths = two_level.zopa_by_influence(STANCES, "us", "iran", "israel", concession=45)
    assert list(widths["influence"]) == [round(k / 10, 3) for k in range(11)]
    assert widths["zopa_width"].is_monotonic_decreasing
    assert widths["zopa_width"].iloc[0] == 5.0 and widths["zopa_width"].iloc[-1] == 0.0
    with pytest.raises(ValueError, match="steps"):
        two_level.zopa_by_influence(STANCES, "us", "iran", "israel", steps=1)


def test_stances_on_issue_names_a_missing_position(positions):
    assert two_level.stances_on_issue(positions, "enrichment", ["us", "iran", "israel"]) == {
        a: float(agendas.latest_positions(positions).set_index(["actor_id", "issue_id"]).loc[(a, "enrichment"), "stance"])
        for a in ("us", "iran", "israel")
    }
    with pytest.raises(ValueError, match="'israel' on issue 'human_rights' up to 2026-02-06"):
        two_level.stances_on_issue(positions, "human_rights", ["us", "israel"])


def test_win_set_chart_spec():
    table = two_level.win_set_illustration(STANCES, "us", "iran", "israel", concession=45, influence=0.5, as_of=AS_OF)
    chart = charts.win_set_chart(table, "Uranium enrichment")
    spec = chart.to_dict()
    assert spec["title"]["text"] == "A third party narrows the win-set: Uranium enrichment"
    assert spec["title"]["subtitle"][0] == "Source: iranus data (positions), data as of 2026-02-06."
    assert "not data" in spec["title"]["subtitle"][1]
    assert spec["layer"][0]["encoding"]["x"]["axis"]["title"] == "Outcome on the 0-100 scale of: Uranium enrichment"
    assert len(chart.layer[0].data) == 4  # the empty ZOPA gets no bar ...
    assert list(chart.layer[1].data["shown"]) == ["empty (no overlap)"]  # ... but a label
    svg = alt.renderers.get()(spec)["image/svg+xml"]
    assert "Israel: 100" in svg and "United States: 95" in svg


@pytest.mark.parametrize("language", ["en", "ar"])
def test_win_set_chart_labels_stay_clear_of_the_lines_and_inside_the_plot(language):
    """The "empty" label sits in the gap between the ranges, off every dashed line; the stance
    labels are centred (so right-to-left text cannot spill out) and end inside the 0-100 plot."""
    from iranus.charts.positions import _half_width

    table = two_level.win_set_illustration(
        STANCES, "us", "iran", "israel", concession=45, influence=0.5, as_of=AS_OF, language=language
    )
    chart = charts.win_set_chart(table, iranus.label("issues", "enrichment", language), language=language)
    empty = chart.layer[1].data.iloc[0]
    half = _half_width(empty["shown"])
    assert 55 <= empty["x"] <= 75  # between Iran's range (to 55) and the US win-set with Israel (from 75)
    assert all(abs(empty["x"] - line) > half for line in STANCES.values())
    assert chart.layer[1].mark.align == "center"
    labels = [layer for layer in chart.layer[3:]]
    assert len(labels) == 3
    for layer in labels:
        row = layer.data.iloc[0]
        assert layer.mark.align == "center"
        assert row["x"] - _half_width(row["label"]) >= 0 and row["x"] + _half_width(row["label"]) <= 100
    israel = next(layer.data.iloc[0] for layer in labels if layer.data.iloc[0]["actor_id"] == "israel")
    assert israel["stance"] == 100 and israel["x"] < 100  # pulled inside, not cut at the edge
    spec = chart.to_dict()
    assert spec["padding"]["top"] > 0 and spec["padding"]["right"] > 0


# -- the lesson's checks -----------------------------------------------------------------------


def test_checks_answer_from_the_data(events):
    from iranus.checks import lesson03 as l03

    meeting = l03.witkoff_netanyahu_meeting()
    assert meeting["event_id"] == "witkoff_meets_netanyahu"
    assert check("03.meeting_date", "2026-02-03").correct is True
    assert check("03.meeting_date", "2026-02-06").correct is False
    assert check("03.security_chiefs", ["zamir", "barnea"]).correct is True
    assert check("03.security_chiefs", "Eyal Zamir, David Barnea").correct is True
    assert check("03.security_chiefs", ["zamir"]).correct is False
    katz = check("03.security_chiefs", ["barnea", "zamir", "katz"])
    assert katz.correct is False and "Defence Minister Israel Katz" in katz.message and "not among the people this course follows" in katz.message
    typo = check("03.security_chiefs", ["zamir", "katz"])
    assert typo.correct is False and "'katz' is not among the possible answers (check the spelling)" in typo.message
    actors = iranus.load("actors")
    assert {"barnea", "zamir", "netanyahu", "witkoff"} <= set(l03.person_ids()) and "iran" not in l03.person_ids()
    assert "katz" not in set(actors["actor_id"])
    assert check("03.us_strikes_date", "2025-06-22").correct is True
    washington = check("03.us_strikes_date", "2025-06-21")
    assert washington.correct is True and "Washington" in washington.message and "local date in Iran" in washington.message
    assert check("03.us_strikes_date", "2025-06-24").correct is False
    n = len(l03.unconfirmed_in_israel_section())
    assert check("03.unconfirmed_claims", n).correct is True
    assert check("03.zopa_trend", "shrinks").correct is True
    assert check("03.zopa_trend", "grows").correct is False
    for qid in iranus.checks.questions("03."):
        assert check(qid, ...).correct is None
        assert check(qid, "nonsense").correct is False


def test_every_check_of_the_lesson_is_in_the_notebook():
    nb = json.loads(NOTEBOOK.read_text(encoding="utf-8"))
    code = "\n".join("".join(c["source"]) for c in nb["cells"] if c["cell_type"] == "code")
    assert set(re.findall(r'check\("(03\.[a-z_]+)"', code)) == set(iranus.checks.questions("03."))


# -- facts the lesson states, pinned to the data -----------------------------------------------


def test_the_meeting(events, verdicts, markdown):
    assert "The meeting took place in Jerusalem on 3 February 2026, three days before the round." in markdown
    meeting = events.loc["witkoff_meets_netanyahu"]
    assert meeting["date"] == pd.Timestamp("2026-02-03") and "Jerusalem" in meeting["title_en"]
    assert "Defence Minister Israel Katz" in markdown and "Katz" in meeting["description_en"]
    assert "Katz" in verdicts.loc["C36", "note_en"] and verdicts.loc["C36", "verdict"] == "confirmed"
    links = iranus.load("event_actors")
    assert {"zamir", "barnea"} <= set(links.loc[links["event_id"] == "witkoff_meets_netanyahu", "actor_id"])


def test_israels_demands(positions, markdown):
    assert "Benjamin Netanyahu, speaking in Jerusalem on 27 April 2025" in markdown
    latest = agendas.latest_positions(positions).set_index(["actor_id", "issue_id"])
    for issue in ("enrichment", "missiles"):
        row = latest.loc[("israel", issue)]
        assert row["speaker_actor_id"] == "netanyahu" and row["date"] == pd.Timestamp("2025-04-27")
    allies = latest.loc[("israel", "regional_allies")]
    assert "**Reuters' own assessment**" in markdown
    assert allies["attribution"] == "outlet_itself" and allies["date"] == pd.Timestamp("2026-02-03")


def test_us_and_israel_are_close(positions, markdown):
    assert "On every issue where both had stated a position, the coded stances are close" in markdown
    comparison = agendas.agenda_comparison(positions, iranus.load("issues"), "us", "israel").set_index("issue_id")
    both = comparison.dropna(subset=["gap"])
    assert len(both) >= 3 and both["gap"].max() <= 15
    for issue in ("enrichment", "facilities", "regional_allies"):
        assert comparison.loc[issue, "stance_israel"] >= comparison.loc[issue, "stance_us"]


def test_june_2025_war_dates(events, markdown):
    assert "Israel's air campaign began on 13 June 2025; US bombers struck Fordow, Natanz and Isfahan on 22 June; a ceasefire took effect on 24 June." in markdown
    assert events.loc["israel_strikes_iran_june_2025", "date"] == pd.Timestamp("2025-06-13")
    assert events.loc["us_strikes_nuclear_sites", "date"] == pd.Timestamp("2025-06-22")
    assert events.loc["ceasefire_june_2025", "date"] == pd.Timestamp("2025-06-24")
    assert events.loc["iaea_inspectors_leave", "date"].month == 7


def test_the_war_ended_inspections_at_the_bombed_sites_not_everywhere(events, markdown):
    assert "ended inspections at the bombed sites and left the IAEA unable to verify where the highly enriched stockpile was" in markdown
    assert "Inspectors did return to undamaged sites from late August 2025 (lesson 04)" in markdown
    assert "ended IAEA inspections" not in markdown
    assert events.loc["iaea_team_back_and_geneva_talks", "date"] == pd.Timestamp("2025-08-26")
    grossi = iranus.load("positions", as_of=AS_OF).query("actor_id == 'iaea'").iloc[-1]
    assert "all 13 undamaged declared sites but none of the bombed ones" in grossi["paraphrase_en"]


def test_unverified_worries_are_marked(verdicts, markdown):
    assert "**Unverified claims.**" in markdown
    assert verdicts.loc["C47", "verdict"] == "not_confirmed" and verdicts.loc["C48", "verdict"] == "not_confirmed"
    assert verdicts.loc["C46", "attribution"] == "analysts" and verdicts.loc["C46", "verdict"] == "interpretation"
    assert "the Jerusalem Post reported it on 5 February" in markdown
    assert verdicts.loc["C49", "check_source_id"] == "jpost_2026_02_05_houthis_kan"
    assert verdicts.loc["C49", "check_date"] == pd.Timestamp("2026-02-05")


def test_model_statements(positions, markdown):
    assert "a narrow overlap exists when the US negotiates alone, and it disappears once Israel's pull is counted" in markdown
    stances = two_level.stances_on_issue(positions, "enrichment", ["us", "iran", "israel"])
    table = two_level.win_set_illustration(stances, "us", "iran", "israel", concession=45, influence=0.5)
    assert table["width"].iloc[3] > 0 and bool(table["empty"].iloc[4])
    space = iranus.course(as_of=AS_OF).deal_space()
    alone = len(bargaining.zone_of_possible_agreement(space))
    constrained = len(bargaining.zone_of_possible_agreement(space, constraints={"us": ["israel"]}))
    assert constrained < alone
