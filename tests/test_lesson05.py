"""Lesson 05 (deal prospects): its package code (iranus.models.prospects, iranus.charts.zones), its
checks, and the facts its text states, pinned to the data."""

from __future__ import annotations

import json
import re
from pathlib import Path

import altair as alt
import pandas as pd
import pytest
from test_lessons import dates_in

import iranus
from iranus.models import bargaining as bg
from iranus.models import prospects
from iranus.charts import zones as chart_prospects
from iranus.checks import check, get, questions
from iranus.checks.lesson05 import DEFERRED_ISSUES, SCENARIO_LABELS

ROOT = Path(__file__).resolve().parents[1]
NOTEBOOK = ROOT / "notebooks" / "05_deal_prospects.ipynb"
AS_OF = "2026-02-06"


@pytest.fixture(scope="module")
def text() -> str:
    """The lesson's markdown, joined."""
    nb = json.loads(NOTEBOOK.read_text(encoding="utf-8"))
    return "\n".join("".join(c["source"]) for c in nb["cells"] if c["cell_type"] == "markdown")


@pytest.fixture(scope="module")
def positions() -> pd.DataFrame:
    return iranus.load("positions", as_of=AS_OF)


# -- prospects.mediator_proposals ---------------------------------------------------------------


def test_a_joint_framework_is_one_row_listing_its_mediators(positions):
    proposals = prospects.mediator_proposals(positions, language="en")
    framework = proposals[proposals["source_id"].str.startswith("aljazeera_2026_02_04")]
    # one row per issue, not one per mediator: enrichment, stockpile, missiles, allies, non-aggression
    assert sorted(framework["issue_id"]) == sorted(
        ["enrichment", "stockpile", "missiles", "regional_allies", "non_aggression"]
    )
    assert set(framework["mediators"]) == {"Qatar, Türkiye, Egypt"}
    raw = positions[positions["source_id"].str.startswith("aljazeera_2026_02_04")]
    assert len(raw) == 3 * len(framework)
    assert proposals["date"].max() <= pd.Timestamp(AS_OF)
    assert list(proposals["issue_id"]) == sorted(
        proposals["issue_id"], key=list(iranus.load("issues")["issue_id"]).index
    )


def test_mediator_proposals_on_a_small_table():
    small = pd.DataFrame(
        {
            "actor_id": ["qatar", "egypt", "us", "oman"],
            "issue_id": ["missiles", "missiles", "missiles", "venue_format"],
            "date": pd.to_datetime(["2026-02-04"] * 3 + ["2026-02-06"]),
            "paraphrase_en": ["limit use", "limit use", "include", "host"],
            "speaker": ["mediators", "mediators", "Rubio", "Oman FM"],
            "attribution": ["anonymous_sources", "anonymous_sources", "named_official", "official_statement"],
            "source_id": ["s1", "s1", "s2", "s3"],
            "confidence": ["medium", "medium", "high", "high"],
        }
    )
    out = prospects.mediator_proposals(small, mediators=("oman", "qatar", "egypt"), language="en")
    assert list(out["issue_id"]) == ["missiles", "venue_format"]
    assert list(out["mediators"]) == ["Qatar, Egypt", "Oman"]  # in the order of `mediators`
    ar = prospects.mediator_proposals(small, mediators=("qatar",), language="ar")
    assert ar["issue"].iloc[0] == "الصواريخ الباليستية"
    assert prospects.mediator_proposals(small, mediators=("pakistan",)).empty


def test_mediator_proposals_errors_name_the_problem(positions):
    with pytest.raises(ValueError, match=r"missing column\(s\) \['source_id'\]"):
        prospects.mediator_proposals(positions.drop(columns="source_id"))
    with pytest.raises(ValueError, match="mediators is empty"):
        prospects.mediator_proposals(positions, mediators=())


def test_the_mediators_are_those_of_the_regional_push():
    links = iranus.load("event_actors")
    assert set(links.loc[links["event_id"] == "regional_mediation_push", "actor_id"]) == set(prospects.MEDIATORS)
    push = iranus.load("events").set_index("event_id").loc["regional_mediation_push"]
    assert push["date"] <= pd.Timestamp(AS_OF)


# -- prospects.zone_comparison and its chart ----------------------------------------------------


def test_zone_comparison_gives_the_known_counts():
    """Counts of the course's codings as of 6 Feb 2026 (lesson 05 and the checks 05.zone_* state them)."""
    space = iranus.course(as_of=AS_OF).deal_space()
    zones = prospects.zone_comparison(space).set_index("setting")
    counts = ["packages", "win_set_us", "win_set_iran", "zone_size"]
    # 124,416 packages = the product of the numbers of options of the issues (one option each)
    assert zones.loc["US and Iran only", counts].tolist() == [124416, 25938, 23152, 1660]
    assert zones.loc["US needs Israel's acceptance", counts].tolist() == [124416, 1726, 23152, 0]
    assert zones.loc["US and Iran only", ["nash_gain_us", "nash_gain_iran"]].tolist() == [15.0, 18.0]
    assert pd.isna(zones.loc["US needs Israel's acceptance", "nash_package_id"])  # no zone, no Nash package
    assert zones.attrs["as_of"] == pd.Timestamp(AS_OF)


def test_zone_chart_counts_and_labels():
    zones = prospects.zone_comparison(iranus.course().deal_space())
    data = chart_prospects.zone_sizes_data(zones)
    assert len(data) == 3 * len(zones)
    assert (
        data.set_index(["setting", "measure"]).loc[("US and Iran only", "both accept (ZOPA)"), "packages"]
        == zones["zone_size"].iloc[0]
    )
    spec = chart_prospects.zone_sizes_chart(zones).to_dict()
    assert spec["title"]["text"] == "Is there a zone of possible agreement?"
    assert "data as of 2026-02-06" in spec["title"]["subtitle"] and "not a fact" in spec["title"]["subtitle"]
    assert spec["spec"]["layer"][0]["encoding"]["x"]["title"] == "Number of packages (one option per issue)"
    svg = alt.renderers.get()(spec)["image/svg+xml"]
    assert svg.startswith("<svg") and "both accept (ZOPA)" in svg
    with pytest.raises(ValueError, match="zone_size"):
        chart_prospects.zone_sizes_data(zones.drop(columns="zone_size"))


# -- prospects.package_table ---------------------------------------------------------------------


def test_package_table_shows_labels_points_and_red_lines():
    space = iranus.course(as_of=AS_OF).deal_space()
    nash = bg.nash_bargaining_solution(space)
    package = space.package(int(nash["package_id"]))
    table = prospects.package_table(package, space)
    assert list(table.columns) == [
        "issue", "option",
        "points_us", "best_us", "red_line_us",
        "points_iran", "best_iran", "red_line_iran",
    ]
    assert len(table) == len(space.issues) and table["issue"].iloc[0] == "Uranium enrichment"
    options = iranus.load("deal_options").set_index("option_id")["label_en"]
    assert list(table["option"]) == [options[package[i]] for i in space.issues]  # labels, not ids
    totals = bg.score_package(package, space).set_index("actor_id")
    for party in ("us", "iran"):
        assert table[f"points_{party}"].sum() == totals.loc[party, "score"] == nash[f"score_{party}"]
        assert (table[f"points_{party}"] <= table[f"best_{party}"]).all()
        assert not table[f"red_line_{party}"].any()  # the Nash package is in the zone
    assert str(table["points_us"].dtype) == "float64" and str(table["red_line_iran"].dtype) == "boolean"
    with pytest.raises(bg.ModelInputError, match="'xx' is not a party"):
        prospects.package_table(package, space, parties=["xx"])
    with pytest.raises(bg.ModelInputError):
        prospects.package_table({"enrichment": "enrichment_zero_permanent"}, space)  # issues left out


def test_the_nash_package_against_irans_stated_positions(positions, text):
    """The commentary under the Nash package states these numbers and options; they come from the model."""
    space = iranus.course(as_of=AS_OF).deal_space()
    nash = bg.nash_bargaining_solution(space)
    package = space.package(int(nash["package_id"]))
    table = prospects.package_table(package, space).set_index("issue")
    labels = iranus.labels("issues")
    for issue, option in [
        ("facilities", "Dismantled"),
        ("inspections", "Safeguards plus enhanced access"),
        ("human_rights", "Commitments on human rights"),
        ("duration", "Permanent (no sunset)"),
    ]:
        row = table.loc[labels[issue]]
        assert row["option"] == option and row["points_iran"] == 0 and not row["red_line_iran"]
    relief = table.loc[labels["sanctions_relief"]]
    assert relief["option"] == "Full relief on a timetable" and relief["points_iran"] == relief["best_iran"] == 26
    assert relief["points_us"] == 0
    assert table.loc[labels["missiles"], "points_iran"] == 10
    assert nash["score_iran"] == 53 and space.batnas["iran"] == 35
    assert "Iran gets all 26 of its\npoints on sanctions relief and 10 for deferring missiles, which lifts its total to 53, above its\nBATNA of 35" in text
    # the statements the commentary cites
    latest = positions[positions["actor_id"] == "iran"].set_index(["issue_id", "date"])
    assert "rebuild" in latest.loc[("facilities", pd.Timestamp("2025-11-02")), "paraphrase_en"]
    assert "void" in latest.loc[("inspections", pd.Timestamp("2025-11-21")), "paraphrase_en"]
    assert "only the nuclear file and sanctions relief" in latest.loc[("venue_format", pd.Timestamp("2026-02-04")), "paraphrase_en"]
    assert "Axios" in latest.loc[("venue_format", pd.Timestamp("2026-02-04")), "speaker"]
    assert not (positions["actor_id"].eq("iran") & positions["issue_id"].eq("duration")).any()
    # the stricter reading
    strict = (
        space.with_red_line("iran", "facilities_dismantled", True)
        .with_red_line("iran", "inspections_enhanced", True)
        .with_red_line("iran", "human_rights_included", True)
        .with_red_line("iran", "duration_permanent", True)
    )
    zones = prospects.zone_comparison(strict).set_index("setting")
    assert prospects.zone_comparison(space).loc[0, "zone_size"] == 1660 and zones.loc["US and Iran only", "zone_size"] == 71
    assert zones.loc["US needs Israel's acceptance", "zone_size"] == 0
    assert nash["gain_us"] == 15 and zones.loc["US and Iran only", "nash_gain_us"] == 6
    assert "shrinks from 1,660 packages to 71" in text and "falls from 15 points to 6" in text
    strict_nash = bg.nash_bargaining_solution(strict)
    strict_table = prospects.package_table(strict.package(int(strict_nash["package_id"])), strict).set_index("issue")
    assert strict_table.loc[labels["facilities"], "option"] == "Converted and monitored"
    assert strict_table.loc[labels["inspections"], "option"] == "Full safeguards restored"
    assert strict_table.loc[labels["sanctions_relief"], "option"] == "Phased relief"
    assert strict_table.loc[labels["duration"], "option"] == "Long sunset (JCPOA-style)"
    assert strict_table.loc[labels["human_rights"], "option"] == "Left out"
    assert strict_table.loc[labels["missiles"], "option"] == "Deferred to later talks"


def test_the_notebook_shows_the_nash_package_with_labels_not_ids():
    nb = json.loads(NOTEBOOK.read_text(encoding="utf-8"))
    code = "\n".join("".join(c["source"]) for c in nb["cells"] if c["cell_type"] == "code")
    assert "prospects.package_table(nash_package, space)" in code and "to_frame(" not in code
    outputs = json.dumps([c.get("outputs", []) for c in nb["cells"] if c["cell_type"] == "code"], ensure_ascii=False)
    assert "Pause, then a very low cap" in outputs and "enrichment_pause_then_low_cap" not in outputs
    # the plain-text totals keep their row labels (a column, not a hidden index)
    totals = next(
        "".join(o["data"]["text/plain"])
        for c in nb["cells"] if "package_totals(nash_package" in "".join(c["source"])
        for o in c["outputs"] if "data" in o
    )
    assert "party" in totals and "Iran" in totals and "Israel" in totals and "Deferred to later talks" in totals


def test_package_totals_name_red_lines_by_label():
    space = iranus.course(as_of=AS_OF).deal_space()
    package = space.package(int(bg.nash_bargaining_solution(space)["package_id"]))
    totals = prospects.package_totals(package, space).set_index("actor_id")
    raw = bg.score_package(package, space).set_index("actor_id")
    assert list(totals.index) == list(raw.index) == ["us", "iran", "israel"]
    assert (totals["score"] == raw["score"]).all() and (totals["accepts"] == raw["accepts"]).all()
    assert totals.loc["israel", "party"] == "Israel" and not bool(totals.loc["israel", "accepts"])
    assert totals.loc["israel", "red_lines_crossed"] == "Pause, then a very low cap; Deferred to later talks"
    assert pd.isna(totals.loc["iran", "red_lines_crossed"])


# -- prospects.scenario_definitions -------------------------------------------------------------


def test_scenario_definitions_split_the_question_and_count_the_window():
    scenarios = iranus.load("scenarios")
    table = prospects.scenario_definitions(scenarios, start=AS_OF)
    assert list(table["label_en"]) == list(SCENARIO_LABELS)
    expected_days = (scenarios["resolves_by"] - pd.Timestamp(AS_OF)).dt.days
    assert set(table["window_days"]) == set(expected_days) == {53}
    assert not table["what_counts"].str.contains(prospects.QUESTION_MARK).any()
    # a lesson set on 6 February prints no later date from these definitions
    for text in table["what_counts"]:
        assert [s for d, s in dates_in(text) if d > pd.Timestamp(AS_OF)] == []
    with pytest.raises(ValueError, match="resolve before start"):
        prospects.scenario_definitions(scenarios, start="2026-04-01")
    with pytest.raises(ValueError, match="label_ar"):
        prospects.scenario_definitions(scenarios.drop(columns="label_ar"))


# -- the facts the lesson states ----------------------------------------------------------------


def test_the_window_in_the_text_is_the_data_window(text):
    days = int(prospects.scenario_definitions(iranus.load("scenarios"))["window_days"].iloc[0])
    assert f"**{days} days**" in text
    end = iranus.load("scenarios")["resolves_by"]
    assert set(end) == {pd.Timestamp("2026-03-31")} and (end.iloc[0] - pd.Timestamp(AS_OF)).days == days
    assert "at the end of **31 March 2026**, and the dates that settle it come from AP or Reuters" in text
    assert "The end date is the course's choice, not a deadline anyone set\nin the talks" in text


def test_the_framework_report_is_as_the_text_says(positions, text):
    rows = positions[positions["source_id"].str.startswith("aljazeera_2026_02_04")]
    assert set(rows["confidence"]) == {"medium"} and set(rows["attribution"]) == {"anonymous_sources"}
    assert rows["speaker"].str.contains("two unnamed sources").all()
    source = iranus.load("sources", as_of=AS_OF).set_index("source_id").loc[rows["source_id"].iloc[0]]
    assert source["outlet"] == "Al Jazeera" and source["date"] == pd.Timestamp("2026-02-04")
    assert "by Al Jazeera on 4 February" in text and "confidence is *medium*" in text
    enrichment = rows[rows["issue_id"] == "enrichment"]["paraphrase_en"].iloc[0]
    assert "three years" in enrichment and "1.5%" in enrichment and "below 1.5%" in text


def test_the_on_record_mediators_named_in_the_text(positions, text):
    named = positions[
        positions["actor_id"].isin(prospects.MEDIATORS) & (positions["attribution"] != "anonymous_sources")
    ]
    speakers = " ".join(named["speaker"])
    for who in (
        "Hakan Fidan",
        "Mohammed bin Salman",
        "Prime Minister and Foreign Minister of Qatar",
        "Omani Foreign Ministry",
    ):
        assert who in speakers
    assert "Hakan Fidan" in text and "Saudi Arabia's crown prince" in text


def test_deferred_issues_and_who_stated_them(positions, text):
    paragraphs = iranus.load("paragraphs").set_index("paragraph_id")
    assert "missile" in paragraphs.loc["P34", "summary_en"] and "regional" in paragraphs.loc["P34", "summary_en"]
    assert set(DEFERRED_ISSUES) <= set(iranus.load("issues")["issue_id"])
    from iranus.record import agendas

    comparison = agendas.agenda_comparison(positions, iranus.load("issues")).set_index("issue_id")
    gaps = comparison["gap"].dropna()
    for issue in DEFERRED_ISSUES:
        assert comparison.loc[issue, "said_us"].startswith("Marco Rubio") and comparison.loc[issue, "said_us"].endswith(
            "2026-02-04"
        )
        assert comparison.loc[issue, "gap"] >= gaps.median()  # "among the widest"
    assert comparison.loc["missiles", "said_iran"].startswith("Unnamed senior Iranian official (to Reuters)")
    assert comparison.loc["regional_allies", "said_iran"] == "Reuters (the agency's own summary), 2026-02-03"
    assert "for regional allies,\nReuters' own summary of Iran's long-standing line" in text
    israel = positions[(positions["actor_id"] == "israel") & positions["issue_id"].isin(DEFERRED_ISSUES)]
    assert set(israel["issue_id"]) == set(DEFERRED_ISSUES)  # "had long wanted both covered"
    assert "Rubio, on\n4 February" in text


def test_the_zone_claims_of_the_text(text):
    zones = prospects.zone_comparison(iranus.course().deal_space()).set_index("setting")
    assert zones.loc["US and Iran only", "zone_size"] > 0
    assert zones.loc["US needs Israel's acceptance", "zone_size"] == 0
    assert (
        zones.loc["US and Iran only", "zone_size"] < 0.05 * zones.loc["US and Iran only", "packages"]
    )  # "a small share"
    assert "**the zone is empty**" in text


def test_the_outlook_paragraphs_and_their_types(seed_lines):
    claims = iranus.load("claims")
    outlook = claims[claims["paragraph_id"] >= "P28"]
    assert set(outlook["paragraph_id"]) == {f"P{n}" for n in range(29, 36)}
    types = outlook.set_index("claim_id")["claim_type"]
    assert types[["C52", "C54", "C58", "C59", "C60"]].eq("forecast").all()
    assert types[["C55", "C56"]].eq("report_of_others").all()
    seed_terms = {"P30": "اتفاق شامل ومستدام", "P31": "اتفاق جزئي", "P35": "مأزق تفاوضي"}
    for paragraph, term in seed_terms.items():
        assert claims.loc[claims["paragraph_id"] == paragraph, "quote_ar"].str.contains(term).any()
        assert term in seed_lines[int(paragraph[1:]) - 1]
    assert "جرى تجميد طرحها مؤقتًا" in seed_lines[33]  # P34, quoted in the text


# -- the checks ---------------------------------------------------------------------------------


RIGHT = {
    "05.residual_scenario": "No deal, no war: talks go on or stall",
    "05.framework_outlet": "al jazeera",
    "05.zone_without_israel": None,  # computed below
    "05.zone_with_israel": 0,
    "05.deferred_issues": ["regional_allies", "missiles"],
}


def test_every_check_has_a_right_a_wrong_and_an_empty_answer():
    assert questions("05.") == sorted(RIGHT)
    right = dict(RIGHT, **{"05.zone_without_israel": int(prospects.zone_comparison(iranus.course().deal_space())["zone_size"].iloc[0])})
    wrong = {
        "05.residual_scenario": "Comprehensive deal",
        "05.framework_outlet": "Reuters",
        "05.zone_without_israel": 0,
        "05.zone_with_israel": 12,
        "05.deferred_issues": ["missiles"],
    }
    for qid, answer in right.items():
        assert check(qid, answer).correct is True, qid
        fb = check(qid, wrong[qid])
        assert fb.correct is False and "Hint:" in fb.message, qid
        assert check(qid, ...).correct is None
    assert check("05.deferred_issues", "missiles, proxies").correct is True
    # near answers read alike (issue 13): "none" and "zero" are 0, an empty answer is no answer yet
    assert check("05.zone_with_israel", "none").correct is True and check("05.zone_with_israel", "zero").correct is True
    assert check("05.zone_with_israel", "").correct is None and "empty" in check("05.zone_with_israel", "  ").message
    assert check("05.zone_with_israel", "a few").correct is False  # unreadable: feedback, no traceback


def test_scenario_labels_are_the_data_labels():
    scenarios = iranus.load("scenarios").sort_values("order")
    assert tuple(scenarios["label_en"]) == SCENARIO_LABELS
    assert get("05.residual_scenario").choices == SCENARIO_LABELS


def test_the_notebook_runs_its_checks_and_widgets_as_the_conventions_say():
    nb = json.loads(NOTEBOOK.read_text(encoding="utf-8"))
    code = ["".join(c["source"]) for c in nb["cells"] if c["cell_type"] == "code"]
    asked = re.findall(r'check\("(05\.\w+)", answer\)', "\n".join(code))
    assert sorted(asked) == questions("05.")
    for cell in nb["cells"]:
        src = "".join(cell["source"])
        if "iranus.explorers" in src:
            assert "nbval-ignore-output" in cell["metadata"].get("tags", []), src
    assert "widgets" not in nb["metadata"], "no stored widget state"
