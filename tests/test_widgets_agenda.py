"""Headless tests of the agenda explorer (iranus.explorers.agenda_ui): set controls, check the data."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import pytest
from test_widgets_data import mini, mini_dir, real  # noqa: F401  (fixtures)

import iranus
from iranus.explorers.agenda_ui import AgendaExplorer, agenda_explorer, agenda_matrix, cell_statements


@pytest.fixture
def explorer(mini):
    return AgendaExplorer(
        positions=mini("positions"), actors=mini("actors"), issues=mini("issues"), sources=mini("sources")
    )


def cell(matrix: pd.DataFrame, actor: str, issue: str) -> pd.Series:
    rows = matrix[(matrix["actor_id"] == actor) & (matrix["issue_id"] == issue)]
    assert len(rows) == 1, f"expected one cell {actor} x {issue}, got {len(rows)}"
    return rows.iloc[0]


def test_matrix_shows_the_latest_statement_and_flags_anonymous_ones(mini):
    m = agenda_matrix(mini("positions"))
    us = cell(m, "us", "enrichment")
    # p2 is later but a low-confidence anonymous report: it does not displace the named p1
    assert (us["position_id"], us["stance"], us["statements"], us["flagged"]) == ("p1", 5, 2, False)
    only_low = mini("positions")
    only_low = only_low[only_low["position_id"] != "p1"]
    us = cell(agenda_matrix(only_low), "us", "enrichment")
    assert (us["position_id"], us["stance"], us["flagged"]) == ("p2", 10, True)  # shown when it is all there is
    assert len(m) == 6
    assert m["statements"].sum() == 8


def test_as_of_cuts_the_matrix_at_the_date(mini):
    m = agenda_matrix(mini("positions"), as_of="2026-02-05")
    us = cell(m, "us", "enrichment")
    assert (us["position_id"], us["stance"], us["statements"], us["flagged"]) == ("p1", 5, 1, False)
    assert "israel" not in set(m["actor_id"])  # Israel's only statement is dated 7 Feb
    assert m["date"].max() <= pd.Timestamp("2026-02-05")


def test_same_day_tie_goes_to_the_named_high_confidence_statement(mini):
    c = cell(agenda_matrix(mini("positions")), "iran", "sanctions_relief")
    assert (c["position_id"], c["stance"], c["statements"]) == ("p7", 95, 2)


def test_filters_and_empty_selections(mini):
    m = agenda_matrix(mini("positions"), actors=["iran"], issues=["missiles", "enrichment"])
    assert sorted(m["issue_id"]) == ["enrichment", "missiles"]
    assert set(m["actor_id"]) == {"iran"}
    with pytest.raises(ValueError, match="no actor selected"):
        agenda_matrix(mini("positions"), actors=[])
    with pytest.raises(ValueError, match="no issue selected"):
        agenda_matrix(mini("positions"), issues=[])
    with pytest.raises(ValueError, match="missing column"):
        agenda_matrix(mini("positions").drop(columns=["stance"]))
    assert agenda_matrix(mini("positions"), as_of="2020-01-01").empty


def test_cell_statements_are_newest_first_with_their_source(mini):
    st = cell_statements(mini("positions"), mini("sources"), "us", "enrichment")
    assert list(st["position_id"]) == ["p2", "p1"]
    assert list(st["outlet"]) == ["Test blog", "Test wire"]
    assert list(st["reliability"]) == ["low", "high"]
    assert list(cell_statements(mini("positions"), mini("sources"), "us", "enrichment", "2026-02-10")["position_id"]) == ["p1"]


def test_widget_starts_with_every_actor_and_a_chart(explorer):
    assert explorer.message.value == ""
    assert explorer.actor_select.value == ("us", "iran", "israel")
    assert len(explorer.matrix) == 6
    assert explorer.chart_svg.startswith("<svg") and "Stated positions" in explorer.chart_svg
    # cells are listed in the grid's reading order: the first actor, the first issue
    assert [v for _, v in explorer.cell_select.options][:3] == ["us|enrichment", "us|missiles", "iran|enrichment"]
    assert explorer.cell_select.value == "us|enrichment"
    assert list(explorer.statements["position_id"]) == ["p2", "p1"]
    assert "Test paraphrase 2" in explorer.detail.value and "Test blog" in explorer.detail.value


def test_no_actor_selected_shows_a_message_not_a_traceback(explorer):
    explorer.actor_select.value = ()
    assert "No actor selected" in explorer.message.value
    assert explorer.matrix.empty
    explorer.actor_select.value = ("israel",)
    assert explorer.message.value == ""
    assert list(explorer.matrix["actor_id"]) == ["israel"]


def test_moving_the_date_changes_data_and_chart(explorer):
    before = explorer.chart_svg
    explorer.date_picker.value = dt.date(2026, 2, 5)
    assert "israel" not in set(explorer.matrix["actor_id"])
    assert explorer.chart_svg != before
    assert "2026-02-05" in explorer.chart_svg
    explorer.date_picker.value = dt.date(2020, 1, 1)
    assert "No coded statement" in explorer.message.value
    assert explorer.chart_svg == ""


def test_picking_a_cell_lists_its_statements(explorer):
    st = explorer.pick_cell("us", "enrichment")
    assert list(st["position_id"]) == ["p2", "p1"]
    assert "unnamed officials" in explorer.detail.value and "Test blog</span>, 1 Mar 2026" in explorer.detail.value
    assert "test row: an aggregator" not in explorer.detail.value  # a source's reliability reason is for curators
    with pytest.raises(ValueError, match="no cell"):
        explorer.pick_cell("oman", "missiles")


def test_as_of_is_a_cap_the_learner_cannot_pass(mini):
    x = AgendaExplorer(
        positions=mini("positions"), actors=mini("actors"), issues=mini("issues"), sources=mini("sources"), as_of="2026-02-06"
    )
    assert x.positions["date"].max() <= pd.Timestamp("2026-02-06")
    x.date_picker.value = dt.date(2026, 12, 31)
    assert x.date_picker.value == dt.date(2026, 2, 6)
    assert "israel" not in set(x.matrix["actor_id"])


def test_arabic_labels_right_to_left_and_the_session_language_is_kept(explorer):
    explorer.language_select.value = "ar"
    assert dict(explorer.actor_select.options)["إيران"] == "iran"
    assert 'dir="rtl"' in explorer.detail.value  # text runs right to left
    assert explorer.chart.lang == "ar"  # drawn in a dir="ltr" box: the SVG's layout stays as vega drew it
    assert "iranus-rtl" in explorer._dom_classes  # lists and labels of the controls, by CSS
    assert "إيران" in explorer.chart_svg
    assert iranus.get_language() == "en"
    explorer.language_select.value = "en"
    assert "iranus-rtl" not in explorer._dom_classes and 'dir="ltr"' in explorer.detail.value


def test_an_empty_positions_table_says_so(mini):
    x = AgendaExplorer(positions=mini("positions").iloc[0:0], actors=mini("actors"), issues=mini("issues"), sources=mini("sources"))
    assert "no coded statement" in x.message.value and x.chart_svg == ""


def test_one_liner_shows_an_error_box_when_the_data_cannot_start_it(mini):
    box = agenda_explorer(positions=mini("positions").drop(columns=["stance"]), actors=mini("actors"),
                          issues=mini("issues"), sources=mini("sources"))
    assert "cannot start" in box.value and "stance" in box.value
    assert isinstance(box.error, ValueError)


def test_real_positions_as_of_the_muscat_round():
    real("positions")
    x = agenda_explorer(as_of="2026-02-06")
    assert isinstance(x, AgendaExplorer), getattr(x, "value", "")
    assert x.matrix["date"].max() <= pd.Timestamp("2026-02-06")
    assert {"us", "iran"} <= set(x.matrix["actor_id"])
    # every coloured cell traces back to one row of the positions table
    pos = iranus.load("positions").set_index("position_id")
    for r in x.matrix.itertuples():
        assert pos.loc[r.position_id, "actor_id"] == r.actor_id and pos.loc[r.position_id, "stance"] == r.stance
    x.pick_cell("iran", "missiles")
    assert (x.statements["date"] <= pd.Timestamp("2026-02-06")).all()
    assert x.statements["outlet"].notna().all(), "a statement's source is missing from sources.csv"


def test_unknown_ids_and_late_dates_are_said_not_silently_dropped():
    import datetime as dt

    from iranus.explorers import agenda_explorer

    x = agenda_explorer(as_of="2026-02-06", actor_ids=["usa", "iran"])
    assert "Left out: usa" in x.message.value and list(x.actor_select.value) == ["iran"]
    x.date_picker.value = dt.date(2026, 3, 1)
    assert "set on 6 Feb 2026" in x.message.value
    assert x.matrix["date"].max() <= pd.Timestamp("2026-02-06")


# -- each message says what the latest change did, and only that ----------------------------------


@pytest.fixture
def capped(mini):
    return AgendaExplorer(
        positions=mini("positions"), actors=mini("actors"), issues=mini("issues"), sources=mini("sources"), as_of="2026-02-06"
    )


def test_the_late_date_note_goes_with_the_next_change(capped):
    x = capped
    x.date_picker.value = dt.date(2026, 3, 1)
    assert "set on 6 Feb 2026" in x.message.value and "went back" in x.message.value
    assert x.date_picker.value == dt.date(2026, 2, 6)
    x.actor_select.value = ("us",)  # a later change: the note of the date is not about it
    assert x.message.value == ""
    assert set(x.matrix["actor_id"]) == {"us"}
    x.date_picker.value = dt.date(2026, 4, 1)
    assert "went back" in x.message.value
    x.issue_select.value = ("missiles",)
    assert x.message.value == ""
    x.actor_select.value = ("us", "iran")
    x.date_picker.value = dt.date(2026, 5, 1)
    assert "went back" in x.message.value
    x.cell_select.value = [v for _, v in x.cell_select.options if v != x.cell_select.value][0]
    assert x.message.value == ""


def test_clearing_the_date_says_the_record_is_shown_up_to_the_lessons_date(capped):
    x = capped
    x.date_picker.value = dt.date(2026, 3, 1)
    x.date_picker.value = None
    assert "No date picked" in x.message.value and "6 Feb 2026" in x.message.value
    assert "went back" not in x.message.value and "nothing later" not in x.message.value
    assert x.date_picker.value == dt.date(2026, 2, 6)
    assert x.matrix["date"].max() <= pd.Timestamp("2026-02-06")
    x.issue_select.value = ("enrichment",)
    assert x.message.value == ""


def test_no_actor_clears_the_detail_panel(explorer):
    explorer.pick_cell("us", "enrichment")
    assert "Test paraphrase 2" in explorer.detail.value
    explorer.actor_select.value = ()
    assert "No actor selected" in explorer.message.value
    assert explorer.detail.value == "" and explorer.statements.empty and explorer.chart_svg == ""
    assert list(explorer.cell_select.options) == []
    explorer.issue_select.value = ()
    assert explorer.detail.value == ""
    explorer.actor_select.value = ("us",)
    explorer.issue_select.value = ("enrichment",)
    assert "Test paraphrase 2" in explorer.detail.value


def test_the_messages_are_arabic_and_fresh_in_arabic(mini):
    x = AgendaExplorer(
        positions=mini("positions"), actors=mini("actors"), issues=mini("issues"), sources=mini("sources"), as_of="2026-02-06", language="ar"
    )
    x.date_picker.value = dt.date(2026, 3, 1)
    assert "أُعيد التاريخ إليه" in x.message.value
    x.actor_select.value = ("iran",)
    assert x.message.value == ""
    x.date_picker.value = None
    assert "لم يُختر تاريخ" in x.message.value
    x.actor_select.value = ()
    assert x.detail.value == "" and x.message.value != ""


def test_an_undated_source_has_no_empty_brackets():
    """Iran Daily's report of Bagheri's denial has no date in sources.csv: the source reads
    "Iran Daily, date not known", with no empty "()" (seventh pass: outlet and date, no headline)."""
    from iranus.explorers.agenda_ui import statements_html

    real("positions")
    course = iranus.course(as_of="2026-02-06")
    st = cell_statements(course.load("positions"), course.load("sources"), "iran", "stockpile")
    assert "irandaily_2026_02_02_bagheri_no_transfer" in set(st["source_id"])
    html = statements_html(st, "en")
    assert 'Iran Daily</span>, date not known' in html and "()" not in html
