"""Tests of the helpers every explorer shares (iranus.explorers._common)."""

from __future__ import annotations

import pandas as pd
import pytest

import iranus
from iranus.explorers import _common as c


def test_explorers_do_not_switch_the_process_language():
    import inspect

    from iranus.explorers import agenda_ui, deal_ui, forecast_ui, timeline_ui

    assert not hasattr(c, "language")  # no block that switches a global: charts take language=
    for module in (agenda_ui, deal_ui, forecast_ui, timeline_ui):
        assert "set_language" not in inspect.getsource(module) and "_defaults" not in inspect.getsource(module)


def test_callbacks_show_messages_instead_of_tracebacks():
    shown = []

    @c.report_errors(shown.append)
    def expected():
        raise ValueError("No actor selected: pick one")

    @c.report_errors(shown.append)
    def unexpected():
        return {}["boom"] + 1

    @c.report_errors(shown.append)
    def bug():
        return 1 / 0

    assert expected() is None and "No actor selected: pick one" in shown[-1] and "iranus-error" in shown[-1]
    unexpected()
    assert "boom" in shown[-1]
    bug()
    assert "Unexpected problem (ZeroDivisionError: division by zero, in bug)" in shown[-1]


def test_messages_and_tables_escape_text_and_set_direction():
    assert "&lt;script&gt;" in c.message_html("<script>", "error")
    html = c.html_table([{"a": "<b>x</b>", "b_html": "<i>ok</i>"}], [("a", "A"), ("b_html", "B")], "ar")
    assert 'dir="rtl"' in html and "&lt;b&gt;x&lt;/b&gt;" in html and "<i>ok</i>" in html
    assert c.esc(pd.NA) == "" and c.esc(None) == ""


def test_label_map_reads_a_table_in_memory():
    actors = pd.DataFrame({"actor_id": ["us"], "name_en": ["United States"], "name_ar": ["الولايات المتحدة"]})
    assert c.label_map(actors, "actors", "ar") == {"us": "الولايات المتحدة"}
    with pytest.raises(ValueError, match=r"missing column\(s\) \['name_en'\]"):
        c.label_map(actors.drop(columns=["name_en"]), "actors", "en")


def test_svg_renders_offline():
    import altair as alt

    chart = alt.Chart(pd.DataFrame({"x": [1, 2]})).mark_point().encode(x="x:Q")
    out = c.svg(chart)
    assert out.startswith("<svg") and out.rstrip().endswith("</svg>")
    assert "<script" not in out and "<image" not in out  # static: nothing to fetch, nothing to run
    assert c.svg(chart) == out  # deterministic, so stored outputs compare equal
