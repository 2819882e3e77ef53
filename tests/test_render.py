"""iranus.charts.render: the cached compiled Vega path gives the same SVG as altair's renderer,
the explorers' chart view carries a compiled spec and its data, and nothing loads from the network."""

from __future__ import annotations

import datetime as dt
import re
import tempfile
from pathlib import Path

import altair as alt
import pandas as pd
import pytest
import vl_convert as vlc

import iranus
from iranus import charts
from iranus.charts import render
from iranus.record.agendas import stance_table


def _same_ids(svg: str) -> str:
    """vl-convert numbers gradients anew on every render in a process (gradient_1, _2 ...)."""
    return re.sub(r"gradient_\d+", "gradient_N", svg)


def _bars(values: list[int]) -> alt.Chart:
    df = pd.DataFrame({"issue": ["enrichment", "sanctions", "missiles"], "points": values})
    return alt.Chart(df).mark_bar().encode(x=alt.X("issue:N"), y=alt.Y("points:Q"))


def test_cached_compiled_spec_gives_the_same_svg_as_altairs_renderer():
    events = iranus.load("events", as_of="2026-02-06")
    table = stance_table(iranus.load("positions", as_of="2026-02-06"), iranus.load("issues"))
    heatmap = charts.stance_heatmap(table)  # a gradient legend: ids numbered per render
    for chart in [charts.timeline_chart(events), _bars([3, 1, 2]), heatmap]:
        slow = vlc.vegalite_to_svg(chart.to_dict(), vl_version=render.VL_VERSION)
        assert _same_ids(render.svg(chart)) == _same_ids(slow)
    assert "Muscat round, 6 Feb 2026" in render.svg(charts.timeline_chart(events))


def test_charts_that_differ_only_by_data_share_one_compiled_spec():
    render._compiled.cache_clear()
    first, second = render.vega_payload(_bars([3, 1, 2])), render.vega_payload(_bars([5, 4, 0]))
    assert first["key"] == second["key"] and first["spec"] == second["spec"]
    assert render._compiled.cache_info().misses == 1 and render._compiled.cache_info().hits == 1
    (name,) = first["values"]  # one dataset, named by position, not by a hash of its content
    assert name == "iranus_0"
    assert [row["points"] for row in second["values"][name]] == [5, 4, 0]
    # the data-free spec carries no rows; the full spec has them where Vega looks for them
    assert next(d for d in second["spec"]["data"] if d["name"] == name)["values"] == []
    full = render.vega_spec(second)
    assert next(d for d in full["data"] if d["name"] == name)["values"] == second["values"][name]
    # and the SVG of the swapped data is that of the chart built with it
    assert _same_ids(render.svg_of_payload(second)) == _same_ids(render.svg(_bars([5, 4, 0])))


def test_a_title_that_changes_with_a_control_does_not_change_the_layout():
    def titled(batna: int) -> alt.LayerChart:
        title = alt.TitleParams("Your package", subtitle=[f"BATNA: Iran {batna} points.", "A teaching model."])
        return alt.layer(_bars([3, 1, 2]), title=title)

    first, second = render.vega_payload(titled(35)), render.vega_payload(titled(40))
    assert first["key"] == second["key"]
    assert second["signals"] == {"iranus_title": "Your package", "iranus_subtitle": ["BATNA: Iran 40 points.", "A teaching model."]}
    assert second["spec"]["title"]["subtitle"] == {"signal": "iranus_subtitle"}
    svg = render.svg_of_payload(second)
    assert "BATNA: Iran 40 points." in svg and "35 points" not in svg
    assert _same_ids(svg) == _same_ids(vlc.vegalite_to_svg(titled(40).to_dict(), vl_version=render.VL_VERSION))


def test_a_different_layout_gets_its_own_compiled_spec():
    titled = _bars([3, 1, 2]).properties(title="Stances")
    assert render.vega_payload(titled)["key"] != render.vega_payload(_bars([3, 1, 2]))["key"]


def test_chart_view_shows_and_clears():
    view = render.ChartView()
    assert view.payload == {} and view.svg == ""
    view.show(_bars([3, 1, 2]), "ar")
    assert view.lang == "ar" and view.payload["key"]
    assert view.svg.startswith("<svg") and "sanctions" in view.svg
    assert view.vega["data"][0]["values"][1] == {"issue": "sanctions", "points": 1}
    view.clear()
    assert view.payload == {} and view.svg == "" and view.vega == {}
    assert "JupyterLab" in repr(view)


def test_the_browser_bundle_is_offline_and_matches_vl_convert():
    bundle = render._BUNDLE.read_text(encoding="utf-8")
    # built by tools/build_vega_bundle.py with the installed vl-convert (same Vega as the SVGs)
    assert bundle.startswith(f"// Built by tools/build_vega_bundle.py from chart_view.js with vl-convert-python {vlc.__version__};")
    assert "export{" in bundle and "iranusDrawn" in bundle
    # no module, script or stylesheet is fetched from a server
    assert not re.search(r"""(import\s*\(|from)\s*["']https?://""", bundle)
    assert "cdn.jsdelivr" not in bundle and "esm.sh" not in bundle


@pytest.fixture
def shown(monkeypatch):
    """Every chart an explorer hands to its ChartView, as altair charts."""
    seen: list = []
    original = render.ChartView.show

    def record(self, chart, lang="en"):
        seen.append(chart)
        return original(self, chart, lang)

    monkeypatch.setattr(render.ChartView, "show", record)
    return seen


def test_explorer_charts_are_valid_vega_lite(shown):
    """The explorers skip altair's validation when they redraw; here every chart is validated."""
    from iranus.explorers import agenda_ui, claims_ui, deal_ui, forecast_ui, timeline_ui

    agenda = agenda_ui.AgendaExplorer(as_of="2026-02-06")
    agenda.date_picker.value = dt.date(2026, 1, 15)
    agenda.language_select.value = "ar"
    arabic = shown[-1]
    timeline_ui.TimelineExplorer(as_of="2026-02-06")
    deal = deal_ui.DealBuilder()
    deal.batna_sliders["iran"].value += 5
    with tempfile.TemporaryDirectory() as tmp:
        forecast_ui.ForecastBoard(as_of="2026-02-06", path=Path(tmp) / "f.json")
    sorter = claims_ui.ClaimSorterWidget(as_of="2026-02-06")
    sorter.claim_select.value = sorter.sorter.claim_ids[0]
    sorter.type_buttons.value = "fact"
    sorter.group_buttons.value = "named"
    sorter.check_button.click()
    assert len(shown) >= 6
    for chart in shown:
        spec = chart.to_dict(validate=True)  # raises on an invalid spec
        assert spec["$schema"].endswith(f"v{alt.SCHEMA_VERSION.lstrip('v')}.json")
    # and the explorer's server-side SVG is the chart it last showed
    assert _same_ids(agenda.chart_svg) == _same_ids(render.svg(arabic))
    assert "إيران" in agenda.chart_svg
