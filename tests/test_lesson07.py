"""Lesson 07 (epilogue): its package code (iranus.models.scoring, iranus.charts.event_counts,
source_reading.verdict_changes), its checks, and the facts its text states, pinned to the data."""

from __future__ import annotations

import json
import re
from pathlib import Path

import altair as alt
import pandas as pd
import pytest

import iranus
from iranus.models import scoring as epilogue
from iranus.record import source_reading
from iranus.explorers import forecast_file as ff
from iranus.explorers import saved_or_example_forecast
from iranus.charts import event_counts as chart_epilogue
from iranus.checks import check, questions

ROOT = Path(__file__).resolve().parents[1]
NOTEBOOK = ROOT / "notebooks" / "07_epilogue.ipynb"
AS_OF = "2026-02-06"


@pytest.fixture(scope="module")
def text() -> str:
    nb = json.loads(NOTEBOOK.read_text(encoding="utf-8"))
    return "\n".join("".join(c["source"]) for c in nb["cells"] if c["cell_type"] == "markdown")


@pytest.fixture(scope="module")
def events() -> pd.DataFrame:
    return iranus.load("events").set_index("event_id")


@pytest.fixture(scope="module")
def scenarios() -> pd.DataFrame:
    return iranus.load("scenarios")


@pytest.fixture(scope="module")
def outcomes() -> pd.DataFrame:
    return iranus.load("scenario_outcomes")


# -- iranus.models.scoring ------------------------------------------------------------------------------


def test_even_split_and_all_in_forecasts(scenarios):
    even = epilogue.even_split(scenarios)
    assert list(even) == list(scenarios.sort_values("order")["scenario_id"]) and sum(even.values()) == 1
    extremes = epilogue.all_in_forecasts(scenarios)
    assert len(extremes) == len(scenarios)
    assert all(sum(p.values()) == 1 and max(p.values()) == 1 for p in extremes.values())
    with pytest.raises(ValueError, match="empty"):
        epilogue.even_split(scenarios.iloc[0:0])


def test_scores_in_both_conventions(scenarios, outcomes):
    forecasts = {epilogue.EVEN_SPLIT: epilogue.even_split(scenarios), **epilogue.all_in_forecasts(scenarios)}
    scores = epilogue.score_forecasts(forecasts, scenarios, outcomes).set_index("forecast")
    assert scores.loc[epilogue.EVEN_SPLIT, "brier_multicategory"] == 0.75  # 0.75**2 + 3 * 0.25**2
    assert scores.loc[epilogue.EVEN_SPLIT, "brier_binary"] == 0.1875
    n = len(scenarios)
    assert (scores["brier_binary"] * n).round(4).equals(scores["brier_multicategory"].round(4))
    happened = outcomes.loc[outcomes["occurred"], "scenario_id"].iloc[0]
    label = scenarios.set_index("scenario_id").loc[happened, "label_en"]
    assert scores.loc[f"all on {label}", "brier_multicategory"] == 0
    others = scores.drop(index=[epilogue.EVEN_SPLIT, f"all on {label}"])
    assert set(others["brier_multicategory"]) == {2.0} and set(others["p_occurred"]) == {0.0}


def test_a_bad_forecast_is_named(scenarios, outcomes):
    with pytest.raises(ValueError, match=r"forecast 'half': .*no probability"):
        epilogue.score_forecasts({"half": {"comprehensive_deal": 1.0}}, scenarios, outcomes)
    with pytest.raises(ValueError, match=r"forecast 'too much'"):
        epilogue.score_forecasts({"too much": {s: 0.5 for s in scenarios["scenario_id"]}}, scenarios, outcomes)


def test_saved_or_example_forecast(tmp_path, scenarios):
    path = tmp_path / "my_forecast.json"
    example = saved_or_example_forecast(scenarios, path)
    assert example.name == epilogue.EVEN_SPLIT and not example.saved
    assert "No saved forecast" in example.note and str(tmp_path) not in example.note
    ids = list(scenarios.sort_values("order")["scenario_id"])
    mine = dict(zip(ids, [0.1, 0.5, 0.3, 0.1]))
    ff.save_forecast(mine, path, as_of=AS_OF, scenario_ids=ids)
    saved = saved_or_example_forecast(scenarios, path)
    assert saved.saved and saved.probabilities == mine and saved.as_of == AS_OF
    assert saved.note == f"Scoring your saved forecast from {AS_OF} (my_forecast.json)."
    path.write_text("{not json", encoding="utf-8")
    damaged = saved_or_example_forecast(scenarios, path)
    assert not damaged.saved and "damaged" in damaged.note
    assert path.read_text(encoding="utf-8") == "{not json"  # never rewritten


def test_the_default_file_is_the_working_folder(tmp_path, monkeypatch, scenarios):
    monkeypatch.chdir(tmp_path)
    assert not saved_or_example_forecast(scenarios).saved


# -- iranus.charts.event_counts -----------------------------------------------------------------------


def test_events_by_month(events):
    all_events = events.reset_index()
    data = chart_epilogue.events_by_month_data(all_events, start=AS_OF)
    assert data["events"].sum() == (all_events["date"] > AS_OF).sum()
    assert data["month"].min() == pd.Timestamp("2026-02-01") and data["label"].iloc[0] == "Feb 2026"
    spec = chart_epilogue.events_by_month_chart(all_events, start=AS_OF).to_dict()
    assert spec["encoding"]["y"]["title"] == "Number of events" and spec["encoding"]["x"]["title"] == "Month"
    assert "record ends 2026-07-01" in spec["title"]["subtitle"]
    # every month up to the record's end has a place on the axis
    assert spec["encoding"]["x"]["scale"]["domain"][-1] == "Jul 2026"
    may_on = all_events[all_events["date"] >= "2026-05-01"]
    short = chart_epilogue.events_by_month_chart(may_on).to_dict()
    assert short["encoding"]["x"]["scale"]["domain"] == ["May 2026", "Jun 2026", "Jul 2026"]
    svg = alt.renderers.get()(spec)["image/svg+xml"]
    assert svg.startswith("<svg") and "Jul 2026" in svg and "Aug 2026" not in svg
    with pytest.raises(ValueError, match="no events"):
        chart_epilogue.events_by_month_data(all_events, start="2030-01-01")


# -- source_reading.verdict_changes ---------------------------------------------------------------


def test_verdict_changes_after_the_course_date():
    claims, checks = iranus.load("claims"), iranus.load("claim_checks")
    changes = source_reading.verdict_changes(claims, checks, before=AS_OF).set_index("claim_id")
    assert (
        changes.loc["C07", "verdict_before"] == "interpretation" and changes.loc["C07", "verdict_after"] == "partly_confirmed"
    )
    assert changes.loc["C21", "verdict_after"] == "contested"
    assert "C31" not in changes.index  # both checks of the "margins" remark: not confirmed
    c31 = checks[checks["claim_id"] == "C31"]
    assert set(c31["verdict"]) == {"not_confirmed"} and set(c31["date"]) == {pd.Timestamp("2026-02-04"), pd.Timestamp("2026-02-26")}
    assert (changes["check_date"] > pd.Timestamp(AS_OF)).all()
    c21 = checks[checks["claim_id"] == "C21"].sort_values("date").iloc[-1]
    source = iranus.load("sources").set_index("source_id").loc[c21["source_id"]]
    assert source["kind"] == "partisan_outlet" and source["reliability"] == "low"  # "a partisan Israeli outlet, rated low"
    same = source_reading.verdict_changes(claims, checks, before=AS_OF, after=AS_OF)
    assert same.empty
    with pytest.raises(ValueError, match="earlier than"):
        source_reading.verdict_changes(claims, checks, before="2026-03-01", after=AS_OF)


# -- the facts the lesson states ------------------------------------------------------------------


def test_the_record_end_is_stated(text):
    end = iranus.record_end()
    assert end == pd.Timestamp("2026-07-01")
    assert f"**{end.day} {end:%B %Y}**" in text
    last = iranus.load("events").sort_values("date").iloc[-1]
    # the last row that holds up: indirect technical talks in Doha, one AFP report (data/AUDIT.md)
    assert last["event_id"] == "doha_technical_talks"
    assert last["date"] == end and last["confidence"] == "medium" and last["source_id"] == "afp_2026_07_01_doha_indirect_talks"
    assert iranus.load("events")["date"].max() <= end


def test_the_story_the_text_tells(events, text):
    assert events.loc["war_begins_28_feb", "date"] == pd.Timestamp("2026-02-28")
    assert "Khamenei killed" in events.loc["war_begins_28_feb", "title_en"]
    assert events.loc["hormuz_declared_closed", "date"] == pd.Timestamp("2026-03-02")
    assert events.loc["albusaidi_deal_within_reach", "date"] == pd.Timestamp("2026-02-27")
    assert events.loc["ceasefire_7_april", "date"] == pd.Timestamp("2026-04-07")
    assert (
        events.loc["islamabad_talks", "date"] == pd.Timestamp("2026-04-11")
        and "21 hours" in events.loc["islamabad_talks", "description_en"]
    )
    assert events.loc["us_naval_blockade", "date"] == pd.Timestamp("2026-04-13")  # the day after the talks ended
    assert events.loc["islamabad_mou_signed", "confidence"] == "medium"
    assert events.loc["islamabad_mou_signed", "source_id"].startswith("dawn_")
    assert "60 days" in events.loc["islamabad_mou_signed", "description_en"]
    war_days = (events.loc["war_begins_28_feb", "date"] - events.loc["muscat_round_2026", "date"]).days
    assert war_days == 22 and "within about three weeks" in text
    brent = iranus.load("quantities")
    assert brent[(brent["series_id"] == "brent_close_usd") & (brent["date"] < "2026-04-07")]["value"].max() > 100
    # the automated log's late-July bombing is not in the record as a fact
    sourced = iranus.load("events")
    assert not sourced["source_id"].str.contains("21csim").any()


def test_the_articles_forecasts_against_the_record(text):
    verdicts = source_reading.claim_verdicts(iranus.load("claims"), iranus.load("claim_checks"))
    forecasts = verdicts[verdicts["claim_type"] == "forecast"].set_index("claim_id")["verdict"]
    assert set(forecasts[forecasts == "borne_out"].index) == {"C52", "C59"}
    assert set(forecasts[forecasts == "partly_borne_out"].index) == {"C58"}
    assert set(forecasts[forecasts == "not_borne_out"].index) == {"C54", "C60"}
    flat = " ".join(text.split())
    assert "Its forecast that the deferred files, missiles and regional allies, would come back is only *partly* borne out" in flat
    assert "the contradiction of 4 February, which still stands" not in flat
    assert "no_check_yet" not in set(forecasts)  # "with the whole record, every one has a verdict"


def test_the_best_case_and_the_june_memorandum(events, text):
    """The article's best case is not borne out, but the text says what partial arrangement did come."""
    flat = " ".join(text.split())
    assert 'yet "it was wrong" would be too flat' in flat and "It was wrong about its best case" not in flat
    mou = events.loc["islamabad_mou_signed"]
    assert mou["date"] == pd.Timestamp("2026-06-18") and mou["source_id"].startswith("dawn_")
    for term in ("end the war", "reopen Hormuz", "lift the US blockade", "final deal within 60 days"):
        assert term in mou["description_en"]
    assert "the Islamabad memorandum, signed on 18 June according to Dawn" in flat
    assert "ending the war, reopening Hormuz and lifting the US blockade, with 60 days to negotiate a final deal" in flat
    draft = events.loc["deal_largely_negotiated"]
    assert "nuclear talks deferred" in draft["description_en"] and draft["source_id"].startswith("wapo_2026_05_24")
    assert "Reports of its drafts left the nuclear file to that final deal (the Washington Post, 24 May 2026)" in flat
    checks = iranus.load("claim_checks")
    c54 = checks[checks["claim_id"] == "C54"].sort_values("date").iloc[-1]
    assert c54["verdict"] == "not_borne_out" and c54["date"] == pd.Timestamp("2026-06-18") and "nuclear file" in c54["note_en"]


def test_the_automated_log_is_explained(text):
    flat = " ".join(text.split())
    assert "An *automated simulation log* is a page that a program writes by itself" in flat
    assert "It is machine-generated text, not reporting." in flat


def test_the_scenario_that_happened_first(outcomes):
    assert outcomes["occurred"].sum() == 1
    row = outcomes[outcomes["occurred"]].iloc[0]
    assert row["scenario_id"] == "military_escalation" and row["date"] == pd.Timestamp("2026-02-28")


# -- the checks and the notebook ------------------------------------------------------------------


def test_every_lesson07_check_gives_feedback():
    right = {
        "07.war_start": "2026-02-28",
        "07.first_outcome": "Military escalation: US or Israeli strikes on Iran",
        "07.even_split_brier": 0.75,
        "07.forecasts_borne_out": 2,
        "07.record_end": "2026-07-01",
    }
    wrong = {
        "07.war_start": "2026-02-26",
        "07.first_outcome": "Interim or partial deal",
        "07.even_split_brier": 0.25,
        "07.forecasts_borne_out": 5,
        "07.record_end": "2026-11-30",
    }
    assert questions("07.") == sorted(right)
    for qid in right:
        assert check(qid, right[qid]).correct is True, qid
        fb = check(qid, wrong[qid])
        assert fb.correct is False and "Hint:" in fb.message, qid
        assert check(qid, ...).correct is None
    assert check("07.war_start", "the end of February").correct is False  # feedback, no traceback
    partly = check("07.forecasts_borne_out", 3)
    assert partly.correct is False and "*partly* borne out" in partly.message and "(P34)" in partly.message
    binary = check("07.even_split_brier", 0.1875)
    assert binary.correct is False and "binary convention" in binary.message
    assert check("07.first_outcome", "war").correct is True


def test_the_stored_notebook_scores_the_example_and_tags_learner_cells():
    nb = json.loads(NOTEBOOK.read_text(encoding="utf-8"))
    code = "\n".join("".join(c["source"]) for c in nb["cells"] if c["cell_type"] == "code")
    assert sorted(re.findall(r'check\("(07\.\w+)", answer\)', code)) == questions("07.")
    for cell in nb["cells"]:
        src = "".join(cell["source"])
        if "iranus.explorers" in src or "saved_or_example_forecast" in src:
            assert "nbval-ignore-output" in cell["metadata"].get("tags", []), src
        if "saved_or_example_forecast" in src:
            stored = "".join("".join(o.get("text", "")) for o in cell["outputs"])
            assert "No saved forecast was found" in stored  # the stored copy scores the example
    assert "widgets" not in nb["metadata"]
    assert 'language="ar"' in code and "set_language" not in code  # Arabic by argument, no global switch
