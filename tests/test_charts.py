"""Charts: titled, labelled with units, sourced, and rendered offline."""

from __future__ import annotations

import altair as alt
import pandas as pd

import iranus
from iranus import charts


def _texts(spec) -> str:
    return str(spec)


def test_renderer_is_offline_svg():
    assert alt.renderers.active == "svg"


def test_timeline_chart_spec_and_offline_render():
    events = iranus.load("events", as_of="2026-02-06")
    chart = charts.timeline_chart(events)
    spec = chart.to_dict()
    assert spec["title"]["text"].startswith("Timeline")
    assert "Source: iranus data (events)" in spec["title"]["subtitle"]
    layer = spec["layer"][0]["encoding"]
    assert layer["x"]["title"] == "Date (year)" and layer["y"]["title"] == "Category of event"
    svg = alt.renderers.get()(spec)["image/svg+xml"]
    assert svg.startswith("<svg") and "Muscat round, 6 Feb 2026" in svg
    data = charts.event_timeline.timeline_data(events)
    assert data["date"].max() <= pd.Timestamp("2026-02-06")


def test_claims_chart_counts_match_the_table():
    claims = iranus.load("claims")
    data = charts.claims.claims_by_type_data(claims)
    assert data["claims"].sum() == len(claims)
    spec = charts.claims_by_type_chart(claims).to_dict()
    assert spec["encoding"]["x"]["title"] == "Number of claims"
    assert "Source: iranus data (claims)" in spec["title"]["subtitle"]


def test_charts_use_arabic_labels_when_asked():
    claims = iranus.load("claims")
    data = charts.claims.claims_by_type_data(claims, language="ar")
    assert "تقييم" in set(data["claim_type"])
