"""Headless tests of the deal builder (iranus.explorers.deal_ui) on a small hand-made deal space."""

from __future__ import annotations

import pandas as pd
import pytest
from test_widgets_data import mini, mini_dir, real  # noqa: F401  (fixtures)

from iranus.models import bargaining as bg
from iranus.explorers.deal_ui import (
    DealBuilder,
    deal_builder,
    deal_chart_data,
    evaluate_package,
    middle_package,
    score_range,
)

# Three issues (the ids are the mini package's issues), three parties. Points are arbitrary
# test numbers; packages are numbered with the last issue varying fastest.
OPTIONS = pd.DataFrame(
    {
        "option_id": ["e0", "e1", "e2", "s0", "s1", "m0", "m1"],
        "issue_id": ["enrichment"] * 3 + ["sanctions_relief"] * 2 + ["missiles"] * 2,
        "label_en": ["zero", "capped", "free", "none", "full", "left out", "limited"],
    }
)
POINTS = {"us": [50, 30, 0, 20, 0, 0, 30], "iran": [0, 30, 50, 0, 40, 20, 0], "israel": [50, 20, 0, 10, 0, 0, 40]}
RED = {"iran": {"e0"}, "israel": {"e2"}}


@pytest.fixture
def space() -> bg.DealSpace:
    rows = [
        {"actor_id": p, "option_id": o, "score": s, "red_line": o in RED.get(p, set())}
        for p, pts in POINTS.items()
        for o, s in zip(OPTIONS["option_id"], pts)
    ]
    batnas = pd.DataFrame({"actor_id": ["us", "iran", "israel"], "batna": [40.0, 40.0, 30.0]})
    return bg.make_deal_space(OPTIONS, pd.DataFrame(rows), batnas)


@pytest.fixture
def builder(space, mini):
    return DealBuilder(space=space, actors=mini("actors"), issues=mini("issues"))


def test_evaluate_a_package_in_the_zone(space):
    ev = evaluate_package(space, {"enrichment": "e1", "sanctions_relief": "s0", "missiles": "m0"})
    scores = ev.scores.set_index("actor_id")
    assert list(scores["score"]) == [50.0, 50.0, 30.0]  # us 30+20+0, iran 30+0+20, israel 20+10+0
    assert (ev.package_id, ev.in_zone, ev.zone_size) == (4, True, 3)
    assert list(scores["role"]) == ["at the table", "at the table", "not at the table (for reference)"]
    assert int(ev.nash["package_id"]) == 7
    assert ev.differs_from_nash == ("sanctions_relief", "missiles")
    assert ev.gap_to_nash == {"us": -10.0, "iran": -20.0}


def test_red_lines_and_constraints_take_packages_out_of_the_zone(space):
    ev = evaluate_package(space, {"enrichment": "e0", "sanctions_relief": "s1", "missiles": "m0"})
    assert not ev.in_zone and ev.scores.set_index("actor_id").loc["iran", "red_lines_crossed"] == "e0"
    two = evaluate_package(space, {"enrichment": "e2", "sanctions_relief": "s0", "missiles": "m1"}, constraints={"us": ["israel"]})
    assert (two.in_zone, two.zone_size) == (False, 2)  # e2 is Israel's red line
    assert two.scores.set_index("actor_id").loc["israel", "role"] == "constraint on us"
    with pytest.raises(ValueError, match="not an option of issue 'missiles'"):
        evaluate_package(space, {"enrichment": "e1", "sanctions_relief": "s0", "missiles": "s1"})


def test_chart_data_has_zone_frontier_nash_and_yours(space):
    ev = evaluate_package(space, {"enrichment": "e1", "sanctions_relief": "s0", "missiles": "m0"})
    data = deal_chart_data(space, ev)
    points = {(r.kind, r.x, r.y) for r in data.itertuples()}
    assert ("Nash package", 60.0, 70.0) in points
    assert ("your package (in the zone)", 50.0, 50.0) in points
    assert ("Pareto frontier", 80.0, 30.0) in points
    assert score_range(space, "iran") == (0.0, 110.0)
    assert middle_package(space) == {"enrichment": "e1", "sanctions_relief": "s0", "missiles": "m0"}


def test_the_chart_encodes_one_table_and_each_layer_keeps_its_kind(space):
    """One data table for the whole chart (altair encodes it once per redraw), each layer a filter."""
    from iranus.charts import render
    from iranus.charts.zones import deal_chart

    ev = evaluate_package(space, {"enrichment": "e1", "sanctions_relief": "s0", "missiles": "m0"})
    chart = deal_chart(space.with_batna("iran", 45), ev, {"us": "United States", "iran": "Iran"})
    spec = chart.to_dict(validate=True)
    (rows,) = spec["datasets"].values()
    kinds = [layer["transform"][0]["filter"] for layer in spec["layer"]]
    assert [k["equal"] for k in kinds] == ["batna", "batna", "in the zone", "Pareto frontier", "Nash package", "your package (in the zone)"]
    assert [r for r in rows if r["kind"] == "batna"] == [{"kind": "batna", "x": 40.0, "y": 45.0, "packages": 0}]
    assert {"kind": "Nash package", "x": 60.0, "y": 70.0, "packages": 1} in rows
    assert {"kind": "your package (in the zone)", "x": 50.0, "y": 50.0, "packages": 1} in rows
    assert len(rows) == len(deal_chart_data(space, ev)) + 1
    assert "batna" not in spec["layer"][2]["encoding"]["color"]["scale"]["domain"]
    # drawn: the two dashed BATNA lines at 40 (US, x) and 45 (Iran, y), no point for the batna row
    vega = render.vega_spec(render.vega_payload(spec))
    assert len(vega["data"]) >= 1 and sum(bool(d.get("values")) for d in vega["data"]) == 1
    assert render.svg(chart).count('stroke-dasharray="4,3"') == 2


def test_widget_batna_slider_empties_the_zone_with_a_clear_verdict(builder):
    assert builder.evaluation.in_zone and builder.message.value == ""
    first = builder.chart_svg
    builder.batna_sliders["iran"].value = 80
    ev = builder.evaluation
    assert (ev.in_zone, ev.zone_size, ev.nash) == (False, 0, None)
    assert "Iran: 50 points, below its BATNA of 80" in builder.verdict.value
    assert "No Nash package" in builder.verdict.value
    assert builder.chart_svg != first
    builder.nash_button.click()
    assert "No Nash package" in builder.message.value and "their BATNA" in builder.message.value
    builder.reset_button.click()
    assert builder.space.batnas["iran"] == 40 and builder.evaluation.zone_size == 3


def test_widget_nash_button_and_two_level_game(builder):
    builder.nash_button.click()
    assert builder.package() == {"enrichment": "e1", "sanctions_relief": "s1", "missiles": "m1"}
    assert builder.evaluation.differs_from_nash == () and "This is the Nash package" in builder.verdict.value
    builder.option_selects["enrichment"].value = "e2"  # us: 0 + 0 + 30 points, below its BATNA of 40
    assert (builder.evaluation.package_id, builder.evaluation.in_zone) == (11, False)
    assert "United States: 30 points, below its BATNA of 40" in builder.verdict.value
    builder.two_level.value = True
    assert "Israel: crosses its red line(s) (free)" in builder.verdict.value
    assert "constraint on the US" in builder.table.value and "constraint on us" not in builder.table.value


def test_two_level_switch_is_hidden_without_israel(space, mini):
    small = bg.make_deal_space(
        OPTIONS,
        pd.DataFrame([{"actor_id": p, "option_id": o, "score": s} for p in ("us", "iran") for o, s in zip(OPTIONS["option_id"], POINTS[p])]),
        pd.DataFrame({"actor_id": ["us", "iran"], "batna": [40.0, 40.0]}),
    )
    b = DealBuilder(space=small, actors=mini("actors"), issues=mini("issues"))
    assert b.two_level.layout.display == "none"


def test_bad_starting_package_is_reported_by_the_one_liner(space, mini):
    box = deal_builder(space=space, package={"enrichment": "e9"}, actors=mini("actors"), issues=mini("issues"))
    assert "cannot start" in box.value and "missiles" in box.value


def test_real_deal_space_nash_package_is_in_the_zone():
    real("deal_options")
    b = deal_builder()
    assert isinstance(b, DealBuilder), getattr(b, "value", "")
    assert b.base_space.as_of == pd.Timestamp("2026-02-06")
    b.nash_button.click()
    ev = b.evaluation
    assert ev.in_zone and ev.differs_from_nash == () and ev.zone_size > 0
    assert (ev.scores.set_index("actor_id").loc[["us", "iran"], "surplus"] >= 0).all()


# -- issue 13: an empty zone is explained by its real cause ------------------------------------------


def _text(widget) -> str:
    import html

    return html.unescape(widget.value)


def test_an_empty_zone_names_its_cause_israel_or_the_batnas(builder):
    # the mini space: the US and Iran alone share 3 packages; with Israel's BATNA out of reach the
    # two-level game empties the zone, and the message blames Israel, not the two sides' BATNAs
    builder.two_level.value = True
    builder.batna_sliders["israel"].value = builder.batna_sliders["israel"].max
    ev = builder.evaluation
    assert (ev.zone_size, ev.nash) == (0, None)
    assert "because the US side also needs Israel's acceptance" in _text(builder.verdict)
    assert "The US and Iran alone would have 3 packages" in _text(builder.verdict)
    assert "not the BATNAs of the US and Iran" in _text(builder.verdict)
    builder.nash_button.click()
    assert "needs Israel's acceptance" in _text(builder.message)
    # without the constraint the zone is back; an empty zone from the two sides' own BATNAs says so
    builder.two_level.value = False
    assert builder.evaluation.zone_size == 3
    builder.batna_sliders["iran"].value = 80
    assert "no package gives both the US and Iran at least their BATNA" in _text(builder.verdict)
    assert "Israel" not in _text(builder.verdict).split("No Nash package")[1]


def test_the_party_table_sits_below_the_chart_at_full_width(builder):
    boxes = [ch for ch in builder.children if ch is builder.table]
    assert boxes and builder.table.layout.width == "100%"
    assert "Accepts?" in builder.table.value and "Red lines crossed" in builder.table.value


def test_the_course_deal_space_with_israel_blames_israel():
    # lesson 05 §5: 1,660 packages without Israel, none with Israel's acceptance (codings of 6 Feb 2026)
    b = deal_builder()
    b.two_level.value = True
    assert b.evaluation.zone_size == 0
    assert "The US and Iran alone would have 1,660 packages" in _text(b.verdict)
    b.language_select.value = "ar"
    assert "1,660" in _text(b.verdict) and "إسرائيل" in _text(b.verdict)


# -- issue 13: the deal builder in Arabic speaks Arabic (verdict, table, dropdowns) --------------------

_LATIN = __import__("re").compile(r"[A-Za-z]+")


def _latin(text: str) -> list[str]:
    """Latin words a reader sees in ``text`` (tags and entities removed first)."""
    import html
    import re

    return _LATIN.findall(html.unescape(re.sub(r"<[^>]+>", " ", text)))


def _arabic_screens(b):
    """Verdict + table + every dropdown label, for the states the Arabic test walks through."""
    labels = [label for sel in b.option_selects.values() for label, _ in sel.options]
    return [b.verdict.value, b.table.value, *labels]


def test_deal_builder_in_arabic_has_no_latin_words():
    import iranus
    from iranus.models.prospects import option_label

    b = deal_builder(course=iranus.course(language="ar"))
    assert isinstance(b, DealBuilder), getattr(b, "value", "")
    seen = []
    b.nash_button.click()  # "this is the Nash package"
    seen += _arabic_screens(b)
    assert "هذه هي حزمة ناش" in _text(b.verdict)
    issue, sel = next(iter(b.option_selects.items()))
    other = next(v for _, v in sel.options if v != sel.value)
    sel.value = other  # one issue off the Nash package: the distance names the Nash option in Arabic
    seen += _arabic_screens(b)
    nash_label = option_label(b.evaluation.nash[issue], b.space, "ar")
    assert "المسافة عن حزمة ناش" in _text(b.verdict) and nash_label in _text(b.verdict)
    b.two_level.value = True  # Israel: red lines crossed, listed in Arabic in the verdict and the table
    seen += _arabic_screens(b)
    b.two_level.value = False
    b.nash_button.click()
    b.batna_sliders["iran"].value = b.batna_sliders["iran"].max  # below its BATNA
    seen += _arabic_screens(b)
    assert "أقل من بديله الأفضل للاتفاق" in _text(b.verdict)
    assert [w for text in seen for w in _latin(text)] == []
    assert sel.options[0][0] == option_label(sel.options[0][1], b.space, "ar")


def test_the_language_toggle_relabels_the_dropdowns_and_keeps_the_package():
    from iranus.models.prospects import option_label

    b = deal_builder()
    b.option_selects["enrichment"].value = b.option_selects["enrichment"].options[-1][1]
    before = b.package()
    english = {i: [label for label, _ in s.options] for i, s in b.option_selects.items()}
    b.language_select.value = "ar"
    assert b.package() == before  # values are option ids, unchanged
    for issue, sel in b.option_selects.items():
        assert [label for label, _ in sel.options] == [option_label(o, b.base_space, "ar") for _, o in sel.options]
        assert [label for label, _ in sel.options] != english[issue]
    assert _latin(b.verdict.value) == [] and _latin(b.table.value) == []
    b.language_select.value = "en"
    assert {i: [label for label, _ in s.options] for i, s in b.option_selects.items()} == english
    assert b.package() == before
