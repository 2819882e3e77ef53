"""Lesson 04 (leverage and pressure): series helpers, quantity charts, checks, and the facts the text states."""

from __future__ import annotations

import json
import re
from pathlib import Path

import altair as alt
import pandas as pd
import pytest

import iranus
from iranus import charts
from iranus.record import leverage
from iranus.checks import check
from iranus.display import number

ROOT = Path(__file__).resolve().parents[1]
NOTEBOOK = ROOT / "notebooks" / "04_leverage_and_pressure.ipynb"
AS_OF = "2026-02-06"


@pytest.fixture(scope="module")
def quantities():
    return iranus.load("quantities", as_of=AS_OF)


@pytest.fixture(scope="module")
def events():
    return iranus.load("events", as_of=AS_OF).set_index("event_id")


@pytest.fixture(scope="module")
def markdown():
    nb = json.loads(NOTEBOOK.read_text(encoding="utf-8"))
    text = "\n".join("".join(c["source"]) for c in nb["cells"] if c["cell_type"] == "markdown")
    return " ".join(re.sub(r"^> ?", "", text, flags=re.M).split())  # line breaks and quote marks do not matter


def _q(rows) -> pd.DataFrame:
    """A small quantities table (rows: dicts) with the loader's dtypes."""
    base = {"date_precision": "day", "measure_en": "m", "estimate_kind": "reported", "source_id": "s", "confidence": "medium", "notes": None}
    df = pd.DataFrame([dict(base, **r) for r in rows])
    df["date"] = pd.to_datetime(df["date"])
    df["value"] = df["value"].astype("float64")
    return df


# -- leverage: package code --------------------------------------------------------------------


def test_series_sorts_and_refuses_mixed_units():
    df = _q([
        {"series_id": "a", "date": "2025-02-01", "value": 2, "unit": "kg"},
        {"series_id": "a", "date": "2025-01-01", "value": 1, "unit": "kg"},
        {"series_id": "b", "date": "2025-01-01", "value": 1, "unit": "kg"},
        {"series_id": "b", "date": "2025-02-01", "value": 1, "unit": "lb"},
    ])
    assert list(leverage.series(df, "a")["value"]) == [1.0, 2.0]
    with pytest.raises(ValueError, match=r"mixes units \['kg', 'lb'\]"):
        leverage.series(df, "b")
    with pytest.raises(ValueError, match="no such series.*series: a, b"):
        leverage.series(df, "c")


def test_change_ratio_and_window():
    df = _q([
        {"series_id": "r", "date": "2015-01-01", "value": 100, "unit": "rials"},
        {"series_id": "r", "date": "2020-01-01", "value": 400, "unit": "rials"},
        {"series_id": "r", "date": "2025-01-01", "value": 1000, "unit": "rials"},
    ])
    full = leverage.change(df, "r")
    assert full["ratio"] == 10 and full["percent_change"] == 900 and full["unit"] == "rials"
    window = leverage.change(df, "r", start="2019-01-01")
    assert window["start_value"] == 400 and window["ratio"] == 2.5
    with pytest.raises(ValueError, match="fewer than two"):
        leverage.change(df, "r", start="2024-01-01")


def test_competing_counts_keeps_counts_apart_and_checks_units():
    df = _q([
        {"series_id": "x", "date": "2026-01-10", "value": 10, "unit": "people"},
        {"series_id": "x", "date": "2026-01-20", "value": 30, "unit": "people"},
        {"series_id": "y", "date": "2026-01-20", "value": 25, "unit": "people"},
        {"series_id": "z", "date": "2026-01-20", "value": 25, "unit": "missiles"},
    ])
    out = leverage.competing_counts(df, ["y", "x"])
    assert list(out["series_id"]) == ["y", "x"] and list(out["value"]) == [25.0, 30.0]
    with pytest.raises(ValueError, match="different units"):
        leverage.competing_counts(df, ["x", "z"])
    with pytest.raises(ValueError, match="empty"):
        leverage.competing_counts(df, [])


def test_verification_status_and_last_verified(quantities):
    status = leverage.verification_status(quantities, "iran_stockpile_60pct_kg")
    assert status["verified"].dtype == bool
    assert list(status["verified"]) == list(status["estimate_kind"] == "verified")
    last = leverage.last_verified(quantities, "iran_stockpile_60pct_kg")
    assert last["date"] == status.loc[status["verified"], "date"].max()
    assert leverage.last_verified(quantities, "iran_rial_per_usd_open_market") is None  # press figures only


# -- charts ------------------------------------------------------------------------------------


def test_quantity_chart_spec(quantities):
    chart = charts.quantity_chart(
        quantities, ["iran_stockpile_60pct_kg"], title="Stock", y_title="Kilograms of uranium",
        markers=[("2025-06-13", "strikes begin")],
    )
    spec = chart.to_dict()
    assert spec["title"]["text"] == "Stock"
    assert spec["title"]["subtitle"].startswith("Source: iranus data (quantities), data as of 2026-02-06.")
    marks = [layer["mark"]["type"] for layer in spec["layer"]]
    assert marks == ["line", "line", "point", "rule", "text"]  # dashed line, solid line, points, marker
    assert spec["layer"][0]["mark"]["strokeDash"] and "strokeDash" not in spec["layer"][1]["mark"]
    points = spec["layer"][2]["encoding"]
    assert points["y"]["title"] == "Kilograms of uranium" and points["x"]["title"] == "Date (year)"
    assert points["x"]["scale"]["nice"] is False  # the axis never runs past the data
    assert "legend" in points["color"] and points["color"]["legend"] is None  # one series: the title names it
    # the solid line joins only figures verified or reported; the estimate of 13 June 2025 is reached by the dashed one
    solid = chart.layer[1].data
    assert "estimate" not in set(solid["estimate_kind"])
    svg = alt.renderers.get()(spec)["image/svg+xml"]
    assert "2026-07-01" not in svg and "strikes begin" in svg


def test_quantity_chart_refuses_bad_input(quantities):
    with pytest.raises(ValueError, match="different units"):
        charts.quantity_chart(quantities, ["iran_stockpile_60pct_kg", "iran_max_enrichment_level_pct"], title="x")
    with pytest.raises(ValueError, match="no series"):
        charts.quantity_chart(quantities, ["war_2026_deaths_iran_red_crescent"], title="x")  # later than 6 Feb
    with pytest.raises(ValueError, match="not a date"):
        charts.quantity_chart(quantities, ["iran_stockpile_60pct_kg"], title="x", markers=[("soon", "x")])


def test_quantity_chart_log_scale_and_default_axis_title(quantities):
    spec = charts.quantity_chart(quantities, ["iran_rial_per_usd_open_market"], title="Rial", log_scale=True).to_dict()
    y = spec["layer"][2]["encoding"]["y"]
    assert y["scale"]["type"] == "log" and y["title"] == "Value (rials per US dollar)"
    unjoined = charts.quantity_chart(quantities, ["iran_max_enrichment_level_pct"], title="Level", connect=False).to_dict()
    assert [layer["mark"]["type"] for layer in unjoined["layer"]] == ["point"]


def test_quantity_chart_labels_points_with_their_dates_as_precisely_as_known(quantities):
    from iranus.charts.quantities import date_label, quantity_data

    assert date_label(pd.Timestamp("2016-01-16"), "day") == "16 Jan 2016"
    assert date_label(pd.Timestamp("2021-04-01"), "month") == "Apr 2021"
    assert date_label(pd.Timestamp("2019-01-01"), "year") == "2019"
    with pytest.raises(ValueError, match="date precision"):
        date_label(pd.Timestamp("2019-01-01"), "week")
    data = quantity_data(quantities, ["iran_max_enrichment_level_pct"])
    rows = leverage.series(quantities, "iran_max_enrichment_level_pct")
    assert list(data["when"]) == [date_label(d, p) for d, p in zip(rows["date"], rows["date_precision"])]
    chart = charts.quantity_chart(quantities, ["iran_max_enrichment_level_pct"], title="Level", connect=False, label_points=True)
    texts = [layer for layer in chart.layer if layer.mark.type == "text"]
    labelled = pd.concat([layer.data for layer in texts])
    assert sorted(labelled["label"]) == sorted(f"{number(v)} ({w})" for v, w in zip(data["value"], data["when"]))
    # the last point (near the right edge) is labelled on its left
    assert texts[-1].mark.align == "right" and texts[-1].data["date"].max() == data["date"].max()
    svg = alt.renderers.get()(chart.to_dict())["image/svg+xml"]
    assert "60 (Apr 2021)" in svg


def test_competing_counts_chart(quantities):
    counts = leverage.competing_counts(quantities, ["protest_deaths_iran_official", "protest_deaths_hrana"])
    chart = charts.competing_counts_chart(counts, title="Counts")
    spec = chart.to_dict()
    data = chart.data if chart.data is not alt.Undefined else chart.layer[0].data  # altair may hoist shared data
    assert list(data["value"]) == [3117.0, 4560.0]
    assert spec["layer"][0]["encoding"]["x"]["title"] == "Count (people killed)"
    assert "never merged" in spec["title"]["subtitle"] and "data as of 2026-02-06" in spec["title"]["subtitle"]


# -- the lesson's checks -----------------------------------------------------------------------


def test_checks_answer_from_the_data(quantities):
    from iranus.checks import lesson04 as l04

    assert check("04.snapback_date", "2025-09-28").correct is True
    assert check("04.snapback_date", "2025-08-28").correct is False
    assert check("04.last_stockpile", 440.9).correct is True
    assert check("04.last_stockpile", "408.6").correct is False
    ratio = l04.rial_change()["ratio"]
    assert check("04.rial_ratio", round(ratio)).correct is True
    assert check("04.rial_ratio", 10).correct is False
    gap = l04.protest_gap()
    values = leverage.competing_counts(quantities, list(l04.PROTEST_COUNTS))["value"]
    assert gap == values.max() - values.min()
    assert check("04.protest_gap", gap).correct is True
    assert check("04.protest_gap", gap + 100).correct is False
    assert check("04.verified_after_strikes", "no").correct is True
    assert check("04.verified_after_strikes", "yes").correct is False
    for qid in iranus.checks.questions("04."):
        assert check(qid, ...).correct is None
        assert "Traceback" not in str(check(qid, object()))


def test_every_check_of_the_lesson_is_in_the_notebook():
    nb = json.loads(NOTEBOOK.read_text(encoding="utf-8"))
    code = "\n".join("".join(c["source"]) for c in nb["cells"] if c["cell_type"] == "code")
    assert set(re.findall(r'check\("(04\.[a-z_]+)"', code)) == set(iranus.checks.questions("04."))


# -- facts the lesson states, pinned to the data -----------------------------------------------


def test_sanctions_dates(events, markdown):
    assert "**4 February 2025:** Trump restored \"maximum pressure\" by a national security presidential memorandum, NSPM-2 (an order to the government's departments, not a law; see the glossary above)" in markdown
    # NSPM-2 is glossed before the lesson uses it: the glossary table of §1 lists it, dated the day it was signed
    glossary = iranus.load("glossary", as_of="2026-02-06").set_index("term_id")
    assert glossary.loc["nspm_2", "date"] == pd.Timestamp("2025-02-04") and "4 Feb 2025" in glossary.loc["nspm_2", "definition_en"]
    code = "\n".join("".join(c["source"]) for c in json.loads(NOTEBOOK.read_text(encoding="utf-8"))["cells"] if c["cell_type"] == "code")
    assert code.index("'nspm_2'") < code.index("category in ['sanctions', 'un']")  # before the table titled "(NSPM-2)"
    assert events.loc["maximum_pressure_restored", "date"] == pd.Timestamp("2025-02-04")
    assert "**28 August 2025:**" in markdown and events.loc["e3_trigger_snapback", "date"] == pd.Timestamp("2025-08-28")
    # one moment, two dates, each said plainly: the UN's (New York time) and the table's (UTC)
    flat = " ".join(markdown.split())
    assert "came back into force at 20:00 New York time (EDT, US Eastern Daylight Time) on 27 September 2025, which was 00:00 UTC on **28 September 2025**." in flat
    assert "the UN dates the return by New York time, 27 September; this course gives dates in UTC, so it shows 28 September." in flat
    assert "The UN itself dates their return to 27 September" not in flat  # the old wording read as a contradiction of the row
    assert events.loc["un_sanctions_return", "date"] == pd.Timestamp("2025-09-28")
    assert "20:00 EDT on 27 Sep 2025" in events.loc["un_sanctions_return", "notes"] and "UTC date" in events.loc["un_sanctions_return", "notes"]
    # the "misleads" sentence is the course's own assessment, and says so
    assert "*The course's assessment* (not a source's): this is why the article's phrase \"reviving the nuclear agreement\" (paragraph 5 of the article) misleads" in markdown


def test_check_alternatives_and_near_misses():
    right_in_new_york = check("04.snapback_date", "2025-09-27")
    assert right_in_new_york.correct is True and "New York" in right_in_new_york.message and "UTC" in right_in_new_york.message
    said = check("04.snapback_date", "2025-09-28").message  # the UN's date and the UTC date, each said plainly
    assert "The UN dates the return of its sanctions to 27 September" in said
    assert "20:00 New York time on 27 September, which was 00:00 UTC on 28 September" in said
    # the 30 days run from the E3's trigger (28 August) to 27 September in New York, not to 28 September UTC
    assert (
        "the 30 days that France, Germany and the United Kingdom started on 28 August 2025 under Resolution 2231 "
        "ended on 27 September in New York, and the sanctions applied again from 20:00 New York time on 27 "
        "September, which was 00:00 UTC on 28 September." in said
    )
    assert "That was 30 days after" not in said
    verified = check("04.last_stockpile", 408.6)
    assert verified.correct is False and "*verified*" in verified.message and "17 May 2025" in verified.message
    assert check("04.verified_after_strikes", "none").correct is True
    assert check("04.verified_after_strikes", "true").correct is False


def test_build_up_figures(quantities, markdown):
    assert "The figure of 30,000 US troops is the lower end of the 30,000 to 40,000 that Secretary of State Rubio gave the Senate Foreign Relations Committee on 28 January 2026" in " ".join(markdown.split())
    row = leverage.series(quantities, "us_personnel_in_region").iloc[-1]
    assert (row["value"], row["date"], row["estimate_kind"]) == (30000.0, pd.Timestamp("2026-01-28"), "official_claim")
    # an event known only to its month (e.g. a carrier ordered some time in February 2026) cannot be
    # placed before or after the round, so the lesson shows none of 2026
    vague = iranus.load("events", as_of=AS_OF).query("date >= '2026-01-01' and date_precision != 'day'")
    nb = json.loads(NOTEBOOK.read_text(encoding="utf-8"))
    outputs = json.dumps([c.get("outputs", []) for c in nb["cells"] if c["cell_type"] == "code" and "nbval-ignore-output" not in c["metadata"].get("tags", [])])
    for title in vague["title_en"]:
        assert title not in outputs


def test_rial_figures(quantities, events, markdown):
    assert "a dollar came to cost about 47 times as many rials" in markdown
    change = leverage.change(quantities, "iran_rial_per_usd_open_market")
    assert round(change["ratio"]) == 47
    assert change["start_date"].year == 2015 and change["end_date"] == pd.Timestamp("2026-01-27")
    assert "last before the round (27 January 2026)" in markdown
    assert "began on 28 December 2025" in markdown and events.loc["protests_begin", "date"] == pd.Timestamp("2025-12-28")


def test_protest_counts(quantities, markdown):
    counts = leverage.competing_counts(quantities, ["protest_deaths_iran_official", "protest_deaths_hrana", "protest_deaths_ihr"]).set_index("series_id")
    assert "official toll of 3,117" in markdown and counts.loc["protest_deaths_iran_official", "value"] == 3117
    assert "released on 21 January 2026" in markdown and counts.loc["protest_deaths_iran_official", "date"] == pd.Timestamp("2026-01-21")
    assert "AP's report of 21 January gives 4,560 deaths, Al Jazeera's report of the same day 4,519, so two reliable outlets quote two HRANA figures a few hours apart; the chart and the table use AP's figure, the later of the two." in " ".join(markdown.split())
    hrana = counts.loc["protest_deaths_hrana"]
    assert hrana["value"] == 4560 and hrana["source_id"].startswith("ap_") and hrana["date"] == pd.Timestamp("2026-01-21")
    assert "HRANA raised its count during that day: Al Jazeera reported 4,519 and AP 4,560." in hrana["notes"]
    assert "Al Jazeera's report gives 4,519, AP's 4,560" in iranus.load("events").set_index("event_id").loc["official_protest_toll", "notes"]
    assert "HRANA counted 4,560 deaths" not in markdown  # one figure stated as if it were the only one
    # the two HRANA bases are two series (data 0.2.1): the lesson says so, and the latest HRANA figure stays 4,560
    assert "HRANA's earlier count of 14 January (2,403) counted protesters only" in markdown
    assert "it measures something different from a count of all deaths, so it is not drawn on the same line" in " ".join(markdown.split())  # in words, not by its id
    assert "protest_deaths_hrana_protesters" in set(iranus.load("quantities")["series_id"])
    fb = check("04.protest_gap", 4560 - 3117)
    assert fb.correct is True and "counted by HRANA, reported by AP, 4,560" in fb.message and "Jazeera's 4,519" in fb.message
    assert "**minimum** of 3,428" in markdown and counts.loc["protest_deaths_ihr", "value"] == 3428
    assert "minimum" in counts.loc["protest_deaths_ihr", "measure_en"].lower()


def test_enrichment_levels_are_dated_as_the_data_dates_them(quantities, markdown):
    from iranus.charts.quantities import date_label

    rows = leverage.series(quantities, "iran_max_enrichment_level_pct").set_index("value")
    assert "from the first day of each level" not in markdown
    assert (rows.loc[3.67, "date"], rows.loc[3.67, "date_precision"]) == (pd.Timestamp("2016-01-16"), "day")
    assert "3.67% from 16 January 2016, Implementation Day of the JCPOA, when the deal's cap took effect" in markdown
    assert (rows.loc[4.5, "date"], rows.loc[4.5, "estimate_kind"]) == (pd.Timestamp("2019-07-08"), "official_claim")
    assert "IAEA verified" in rows.loc[4.5, "notes"]
    assert "4.5% from 8 July 2019, the day the IAEA verified that Iran had gone above 3.67% (the figure of 4.5% is Iran's own" in markdown
    assert rows.loc[20.0, "date"] == pd.Timestamp("2021-01-04") and "20% from 4 January 2021" in markdown
    assert (rows.loc[60.0, "date_precision"], date_label(rows.loc[60.0, "date"], "month")) == ("month", "Apr 2021")
    assert "60% from April 2021, a month with no established day" in markdown
    assert rows.loc[0.0, "date"] == pd.Timestamp("2025-11-16") and "it is what Iran's foreign minister, Abbas Araghchi, told the Associated Press that day, that Iran was no longer enriching uranium at any site" in " ".join(markdown.split())
    nb = json.loads(NOTEBOOK.read_text(encoding="utf-8"))
    cell = next(c for c in nb["cells"] if "iran_max_enrichment_level_pct" in "".join(c["source"]))
    assert "label_points=True" in "".join(cell["source"])
    svg = "".join(cell["outputs"][0]["data"]["image/svg+xml"])
    for text in ("3.67 (16 Jan 2016)", "4.5 (8 Jul 2019)", "20 (4 Jan 2021)", "60 (Apr 2021)", "0 (16 Nov 2025)"):
        assert text in svg


def test_stockpile_statements(quantities, events, markdown):
    status = leverage.verification_status(quantities, "iran_stockpile_60pct_kg").set_index("date")
    assert "The last point, 440.9 kg for 13 June 2025, is the agency's **estimate**" in markdown
    assert status.loc["2025-06-13", "value"] == 440.9 and status.loc["2025-06-13", "estimate_kind"] == "estimate"
    assert "the stock up to 17 May 2025 (408.6 kg at 60%) | verified" in markdown
    assert status.loc["2025-05-17", "value"] == 408.6 and bool(status.loc["2025-05-17", "verified"])
    assert "For comparison (not drawn in the chart), the 2015 nuclear deal, the Joint Comprehensive Plan of Action or JCPOA, capped the total at 202.8 kg" in " ".join(markdown.split())
    assert "to 9,247.6 kg on 17 May 2025, its last verified figure" in " ".join(markdown.split())
    assert leverage.series(quantities, "iran_stockpile_total_enriched_kg").set_index("date").loc["2025-05-17", "value"] == 9247.6
    assert leverage.series(quantities, "jcpoa_stockpile_cap_kg")["value"].iloc[-1] == 202.8
    assert "| no enrichment at any site in Iran (Araghchi to the Associated Press, 16 November 2025) | a statement by Iran's foreign minister; the IAEA cannot check it |" in markdown
    level = leverage.series(quantities, "iran_max_enrichment_level_pct").iloc[-1]
    assert (level["value"], level["date"], level["estimate_kind"]) == (0.0, pd.Timestamp("2025-11-16"), "official_claim")
    assert events.loc["araghchi_no_enrichment", "date"] == pd.Timestamp("2025-11-16")
    assert "Rafael Grossi said on 20 January 2026" in markdown
    assert events.loc["grossi_standoff_davos", "date"] == pd.Timestamp("2026-01-20")


def test_the_official_toll_is_credited_alike_everywhere(markdown):
    # AP and AFP (21 Jan 2026): a statement of the Foundation of Martyrs, carried by state television
    events = iranus.load("events").set_index("event_id")
    checks = iranus.load("claim_checks").set_index("check_id")
    quantities = iranus.load("quantities")
    official = quantities[quantities["series_id"] == "protest_deaths_iran_official"].iloc[0]
    assert official["value"] == 3117 and "Foundation of Martyrs" in official["measure_en"]
    for text in (events.loc["official_protest_toll", "description_en"], checks.loc["c27_20260121_aljazeera", "note_en"]):
        assert "Foundation of Martyrs" in text and "carried by state TV" in text and "3,117" in text
    assert "3,117 was the government's first figure, released on 21 January 2026 by the Foundation of Martyrs, a state body, in a statement carried by state TV" in markdown
