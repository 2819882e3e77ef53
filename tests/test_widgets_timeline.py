"""Headless tests of the timeline explorer (iranus.explorers.timeline_ui)."""

from __future__ import annotations

import pandas as pd
import pytest
from test_widgets_data import mini, mini_dir, real  # noqa: F401  (fixtures)

import iranus
from iranus.explorers.timeline_ui import (
    TimelineExplorer,
    explorer_chart,
    filter_events,
    month_steps,
    timeline_explorer,
)


@pytest.fixture
def explorer(mini):
    return TimelineExplorer(
        events=mini("events"), event_actors=mini("event_actors"), actors=mini("actors"), sources=mini("sources")
    )


def ids(df: pd.DataFrame) -> list[str]:
    return list(df["event_id"])


def test_filter_by_dates_categories_and_actors(mini):
    ev, ea = mini("events"), mini("event_actors")
    assert ids(filter_events(ev, start="2025-06-22", end="2026-02-06")) == ["e2", "e3", "e4"]  # both ends inclusive
    assert ids(filter_events(ev, categories=["talks", "military"])) == ["e1", "e2", "e4", "e5"]
    assert ids(filter_events(ev, ea, actors=["oman"])) == ["e4"]
    assert ids(filter_events(ev, ea, actors=["israel", "oman"], start="2026-01-01")) == ["e4", "e5"]
    assert ids(filter_events(ev, start="2016-01-01", end="2016-12-31")) == []


def test_month_precision_events_follow_the_loaders_rule(mini, mini_dir):
    ev = mini("events")  # e3 is dated to January 2026 (month precision)
    assert "e3" not in ids(filter_events(ev, as_of="2026-01-15"))  # January not over yet
    assert "e3" in ids(filter_events(ev, as_of="2026-02-06"))
    assert ids(filter_events(ev, start="2026-01-15", end="2026-01-20")) == ["e3"]  # its month overlaps
    assert list(iranus.load("events", as_of="2026-01-15", data_dir=mini_dir)["event_id"]) == ids(filter_events(ev, as_of="2026-01-15"))


def test_as_of_caps_every_filter(mini):
    out = filter_events(mini("events"), end="2026-12-31", as_of="2026-02-06")
    assert ids(out) == ["e1", "e2", "e3", "e4"]
    assert out["date"].max() <= pd.Timestamp("2026-02-06")


def test_bad_filters_raise_clear_errors(mini):
    ev = mini("events")
    with pytest.raises(ValueError, match="empty date range: start 2026-03-01 is after end 2026-02-01"):
        filter_events(ev, start="2026-03-01", end="2026-02-01")
    with pytest.raises(ValueError, match="no category selected"):
        filter_events(ev, categories=[])
    with pytest.raises(ValueError, match="no actor selected"):
        filter_events(ev, mini("event_actors"), actors=[])
    with pytest.raises(ValueError, match="needs event_actors"):
        filter_events(ev, actors=["us"])
    with pytest.raises(ValueError, match="start='2026-02-30' is not a date"):
        filter_events(ev, start="2026-02-30")


def test_month_steps_cover_the_record_and_stop_at_as_of(mini):
    steps = month_steps(mini("events"))
    assert steps[0] == pd.Timestamp("2015-07-01") and steps[-1] == pd.Timestamp("2026-06-01")
    assert len(steps) == 132  # Jul 2015 .. Jun 2026, eleven years of months
    assert month_steps(mini("events"), as_of="2026-02-06")[-1] == pd.Timestamp("2026-02-01")
    assert month_steps(mini("events").iloc[0:0]) == []


def test_chart_axis_follows_the_range(mini):
    short = explorer_chart(filter_events(mini("events"), start="2026-01-01"), "2026-01-01", "2026-06-30").to_dict()
    x = short["layer"][0]["encoding"]["x"]
    assert x["axis"]["format"] == "%b %Y" and x["scale"]["domain"] == ["2026-01-01", "2026-06-30"]
    long = explorer_chart(mini("events")).to_dict()["layer"][0]["encoding"]["x"]
    assert long["axis"]["format"] == "%Y"
    with pytest.raises(ValueError, match="no events"):
        explorer_chart(mini("events").iloc[0:0])


def test_widget_moves_with_the_range_slider(explorer):
    assert len(explorer.filtered) == 6 and explorer.message.value == ""
    full = explorer.chart_svg
    last = len(explorer.date_range.options) - 1
    explorer.date_range.index = (last - 7, last)  # Nov 2025 .. Jun 2026
    assert ids(explorer.filtered) == ["e3", "e4", "e5", "e6"]
    assert explorer.selected_range() == (pd.Timestamp("2025-11-01"), pd.Timestamp("2026-06-30"))
    assert explorer.chart_svg != full and "Nov 2025" in explorer.chart_svg
    assert "<b>4</b> events shown" in explorer.count.value
    assert "Test event 3" in explorer.table.value and "Jan 2026" in explorer.table.value  # month precision


def test_widget_messages_for_empty_selections(explorer):
    explorer.category_select.value = ()
    assert "No category selected" in explorer.message.value
    explorer.category_select.value = ("talks",)
    assert ids(explorer.filtered) == ["e1", "e4"] and explorer.message.value == ""
    explorer.all_actors.value = False
    assert "No actor selected" in explorer.message.value
    explorer.actor_select.value = ("oman",)
    assert ids(explorer.filtered) == ["e4"]
    explorer.category_select.value = ("military",)
    assert "No event matches" in explorer.message.value and explorer.chart_svg == ""


def test_widget_as_of_cap_and_arabic(mini):
    x = TimelineExplorer(
        events=mini("events"), event_actors=mini("event_actors"), actors=mini("actors"), sources=mini("sources"),
        as_of="2026-02-06",
    )
    assert x.date_range.options[-1][0] == "Feb 2026"
    assert x.filtered["date"].max() <= pd.Timestamp("2026-02-06")
    x.language_select.value = "ar"
    assert dict(x.category_select.options)["مفاوضات"] == "talks"
    assert 'dir="rtl"' in x.table.value and "مفاوضات" in x.chart_svg and "iranus-rtl" in x._dom_classes


def test_arabic_slider_readout_and_message(mini):
    x = TimelineExplorer(
        events=mini("events"), event_actors=mini("event_actors"), actors=mini("actors"), sources=mini("sources"),
        as_of="2026-02-06",
    )
    x.date_range.index = (1, len(x._months) - 1)
    picked = x.selected_range()
    x.language_select.value = "ar"
    assert x.date_range.options[-1][0] == "فبراير 2026"  # the readout in the explorer's language
    assert x.selected_range() == picked  # relabelling keeps the months picked
    x.category_select.value = ()
    assert "Ctrl/Cmd" in x.message.value and "لم تختر أي فئة" in x.message.value
    x.language_select.value = "en"
    assert x.date_range.options[-1][0] == "Feb 2026"


def test_real_events_as_of_the_muscat_round():
    real("events")
    x = timeline_explorer(as_of="2026-02-06")
    assert isinstance(x, TimelineExplorer), getattr(x, "value", "")
    assert len(x.filtered) > 0 and x.filtered["date"].max() <= pd.Timestamp("2026-02-06")
    assert x.date_range.options[-1][0] == "Feb 2026"
    x.category_select.value = ("talks",)
    assert set(x.filtered["category"].astype(str)) == {"talks"}


def test_no_category_or_no_actor_shows_an_empty_state_and_zero(explorer):
    # issue 13: the previous chart and count must not stay on screen
    assert "<b>6</b> events shown" in explorer.count.value and explorer.chart_svg != ""
    explorer.category_select.value = ()
    assert "No category selected" in explorer.message.value
    assert "<b>0</b> events shown" in explorer.count.value
    assert explorer.chart_svg == "" and explorer.table.value == "" and explorer.filtered.empty
    explorer.category_select.value = ("talks",)
    assert "<b>2</b> events shown" in explorer.count.value and explorer.chart_svg != ""
    explorer.all_actors.value = False  # no actor picked yet
    assert "No actor selected" in explorer.message.value
    assert "<b>0</b> events shown" in explorer.count.value and explorer.chart_svg == ""


# -- a range set with its start after its end is swapped, and said in words ------------------------


@pytest.mark.parametrize("language", ["en", "ar"])
def test_a_reversed_range_is_swapped_with_a_plain_message(language):
    x = iranus.explorers.timeline_explorer(course=iranus.course(language=language))
    months = x._months
    assert months[3] == pd.Timestamp("2015-10-01") and months[5] == pd.Timestamp("2015-12-01")
    x.date_range.index = (5, 3)
    assert x.date_range.index == (3, 5)  # the right way round
    assert x.selected_range() == (pd.Timestamp("2015-10-01"), pd.Timestamp("2015-12-31"))
    text = x.message.value
    assert "empty date range" not in text and "2015-12-01" not in text and "2015-10-31" not in text
    if language == "en":
        assert "The start of the date range (Dec 2015) is after its end (Oct 2015)" in text
        assert "shows Oct 2015 to Dec 2015" in text
    else:
        assert "بداية نطاق التواريخ" in text and "2015" in text and "Dec" not in text
    assert (x.filtered["date"] >= pd.Timestamp("2015-10-01")).all() and (x.filtered["date"] <= pd.Timestamp("2015-12-31")).all()
    x.category_select.value = x.category_select.value[:1]  # the next change: the note has gone
    assert x.message.value == "" or "بداية" not in x.message.value and "start of the date range" not in x.message.value


def test_table_shows_the_description_not_the_curators_note():
    """The table says what happened (``description_en``) under the title; the curators' ``notes``
    (their reasoning about dates and sources) stay in the CSV."""
    real("events")
    x = timeline_explorer(as_of="2026-02-06")
    assert "jcpoa_concluded" in set(x.filtered["event_id"])
    assert "JCPOA concluded in Vienna" in x.table.value
    assert "finalise the Joint Comprehensive Plan of Action" in x.table.value
    assert "reference works give the same date" not in x.table.value  # the row's note
    assert ">Category<" in x.table.value and "Categories" not in x.table.value


def test_arabic_timeline_says_the_event_text_is_english_only():
    """Events have no Arabic text: in Arabic the explorer says so (as the agenda explorer does)."""
    real("events")
    ar = timeline_explorer(as_of="2026-02-06", language="ar")
    assert "بالإنجليزية فقط" in ar.message.value and ar.message.value.count("تنبيه") == 1
    ar.category_select.value = ("talks",)
    assert ar.message.value.count("تنبيه") == 1
    en = timeline_explorer(as_of="2026-02-06")
    assert "English only" not in en.message.value
