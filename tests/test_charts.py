"""Charts: titled, labelled with units, sourced, and rendered offline."""

from __future__ import annotations

import altair as alt
import pandas as pd
import pytest

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


# -- long axis labels wrap over lines, never cut (a learner read found them cut) -----------------


def _encodings(spec: dict, channel: str) -> list[dict]:
    """Every encoding of ``channel`` in a Vega-Lite spec, layers and concatenations included."""
    found = []

    def walk(node):
        if isinstance(node, dict):
            enc = node.get("encoding", {}).get(channel)
            if isinstance(enc, dict):
                found.append(enc)
            for v in node.values():
                walk(v)
        elif isinstance(node, list):
            for v in node:
                walk(v)

    walk(spec)
    return found


def _label_expr(spec: dict, channel: str) -> dict:
    found = [enc["axis"] for enc in _encodings(spec, channel) if enc.get("axis") and "labelExpr" in enc["axis"]]
    assert found, f"no labelExpr on {channel}"
    return found[0]


def test_competing_counts_labels_name_the_counter_and_date_first_and_wrap_whole():
    import json

    import iranus
    from iranus import charts
    from iranus.record import leverage

    c = iranus.course()
    counts = leverage.competing_counts(c.load("quantities"), ["protest_deaths_iran_official", "protest_deaths_hrana", "protest_deaths_ihr"])
    spec = charts.competing_counts_chart(counts, title="Deaths").to_dict()
    rows = next(iter(spec["datasets"].values()))
    labels = [r["count"] for r in rows[:3]]
    # who counted (HRANA) and who reported the count (AP), then the date and what is counted
    assert labels[1].startswith("HRANA, reported by AP, 21 Jan 2026: All deaths in Iran's Dec 2025-Jan 2026 protests")
    assert labels[1].endswith("security forces, minors and bystanders included")  # whole, not cut
    assert labels[0] == "Iran's first official toll (Foundation of Martyrs), 21 Jan 2026: Deaths in the protests"
    assert labels[2] == "Iran Human Rights (Oslo), 21 Jan 2026: Protesters killed, minimum count"
    axis = _label_expr(spec, "y")
    assert axis["labelLimit"] == 0  # no cut
    for label in labels:  # each long label is drawn as its lines, which join back to the whole label
        from iranus.charts._render import wrapped_lines

        parts = wrapped_lines(label, 56)
        assert " ".join(parts) == label
        if len(parts) > 1:
            assert json.dumps(parts) in axis["labelExpr"]


def test_stance_heatmap_wraps_long_issue_and_actor_names():
    import json

    import iranus
    from iranus import charts
    from iranus.charts._render import wrapped_lines
    from iranus.record import agendas

    c = iranus.course()
    stances = agendas.stance_table(c.load("positions"), c.load("issues"), actors=["us", "iran", "iaea"])
    spec = charts.stance_heatmap(stances, as_of=c.as_of).to_dict()
    x, y = _label_expr(spec, "x"), _label_expr(spec, "y")
    facilities = "Nuclear facilities (Fordow, Natanz, Isfahan)"
    assert json.dumps(wrapped_lines(facilities, 22)) in x["labelExpr"] and x["labelLimit"] == 0
    assert " ".join(wrapped_lines(facilities, 22)) == facilities
    iaea = "International Atomic Energy Agency (IAEA)"
    assert json.dumps(wrapped_lines(iaea, 28)) in y["labelExpr"] and y["labelLimit"] == 0
    assert wrapped_lines(iaea, 28) == ["International Atomic Energy", "Agency (IAEA)"]


# -- the first year of the data gets its axis tick ------------------------------------------------


def _x_scales(spec: dict) -> list[dict]:
    return [x["scale"] for x in _encodings(spec, "x") if x.get("type") == "temporal" and "scale" in x]


@pytest.mark.parametrize(
    "series_id, first_year", [("iran_crude_exports_mbd", 2018), ("iran_stockpile_60pct_kg", 2022), ("iran_max_enrichment_level_pct", 2016)]
)
def test_quantity_chart_axis_starts_on_the_first_data_year(series_id, first_year):
    import re

    import iranus
    from iranus import charts
    from iranus.charts.render import svg

    c = iranus.course()
    q = c.load("quantities")
    start = q.loc[q["series_id"] == series_id, "date"].min()
    assert start.year == first_year and (start.month, start.day) != (1, 1)  # the data starts within the year
    chart = charts.quantity_chart(q, [series_id], title="t")
    scales = _x_scales(chart.to_dict())
    assert scales and all(s["domainMin"] == {"year": first_year, "month": 1, "date": 1} for s in scales)
    years = [x for x in re.findall(r"<text[^>]*>([^<]*)</text>", svg(chart)) if re.fullmatch(r"20\d\d", x)]
    assert years[0] == str(first_year)


def test_timeline_axes_start_on_the_first_period():
    import iranus
    from iranus import charts
    from iranus.charts.event_timeline import first_tick

    c = iranus.course()
    events = c.load("events")
    spec = charts.timeline_chart(events).to_dict()
    first = events["date"].min()
    assert first == pd.Timestamp("2015-07-14")
    assert _x_scales(spec)[0]["domainMin"] == {"year": 2015, "month": 1, "date": 1}
    assert first_tick("2025-11-20", False) == pd.Timestamp("2025-11-01")
    assert first_tick("2019-06-30", True, 2) == pd.Timestamp("2018-01-01")
