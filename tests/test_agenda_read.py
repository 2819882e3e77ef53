"""What a learner reads in the agenda explorer's detail panel (trial of 5 Dec 2026, 09:40).

The panel says, per statement: who said it and how, when, where, what, the coded stance with the
meaning of its nearest marked point, the confidence in words and the source as outlet and date.
The coder's reasoning (``coding_note``) and the sources' reliability reasons stay in the data for
instructors. The statement the chart uses is marked, with the rule the code applies; in Arabic the
panel says once that the data text is English only.
"""

from __future__ import annotations

import html
import re

import pandas as pd
import pytest

import iranus
from iranus.explorers.agenda_ui import AgendaExplorer, agenda_explorer, chart_choice, nearest_point


@pytest.fixture(scope="module")
def explorer() -> AgendaExplorer:
    x = agenda_explorer(course=iranus.course())
    assert isinstance(x, AgendaExplorer), getattr(x, "value", "")
    return x


def text_of(panel_html: str) -> str:
    """The panel as a reader sees it: tags dropped (links' addresses too), entities decoded."""
    text = html.unescape(re.sub(r"<[^>]+>", " ", panel_html))
    return re.sub(r"\s+([,.])", r"\1", re.sub(r"\s+", " ", text))


def every_cell(x: AgendaExplorer):
    x.language_select.value = "en"
    for _, key in x.cell_select.options:
        actor, issue = key.split("|")
        x.pick_cell(actor, issue)
        yield actor, issue, x.statements, x.detail.value


def test_no_coding_note_no_reliability_reason_no_snake_case_in_any_cell(explorer):
    sources = iranus.load("sources").set_index("source_id")
    cells = 0
    for actor, issue, statements, panel in every_cell(explorer):
        cells += 1
        shown = text_of(panel)
        for r in statements.itertuples():
            assert str(r.paraphrase_en) in shown  # the statement itself is there
            assert str(r.coding_note) not in shown, (actor, issue, r.position_id)
            reason = sources.loc[r.source_id, "reliability_reason"]
            assert reason not in shown, (actor, issue, r.source_id)
        snake = re.findall(r"\b[a-z]+_[a-z0-9_]+\b", shown)
        assert not snake, (actor, issue, snake)
    assert cells >= 40  # every coloured cell of the grid as of 6 Feb 2026 was read


def test_the_named_notes_of_the_trial_are_gone(explorer):
    texts = []
    for _, _, _, panel in every_cell(explorer):
        texts.append(text_of(panel))
    everything = " ".join(texts)
    for phrase in (
        "= 0 anchor",
        "no limit was offered",
        "Kept as a reported claim",
        "hence medium",
        "The last US statement on inspections before the Muscat round",
        "one joint proposal, not three",
        "reliability:",
        "named spokesman quoted on the record",
    ):
        assert phrase not in everything, phrase


def test_the_stance_comes_with_the_meaning_of_its_nearest_marked_point(explorer):
    explorer.language_select.value = "en"
    explorer.pick_cell("us", "missiles")
    shown = text_of(explorer.detail.value)
    # Rubio, 4 Feb 2026: range must be on the agenda, coded 80 -> nearest marked point 75
    rubio = explorer.statements.set_index("position_id").loc["pos_us_missiles_20260204"]
    assert rubio["stance"] == 80 and nearest_point(80) == 75
    assert "Nearest marked point, 75: Negotiated caps on range, numbers or production." in shown
    explorer.pick_cell("qatar", "missiles")  # the mediators' framework, coded exactly at 50
    assert "At the marked point 50: Limits on the use of missiles (e.g. no first use), with no cap on numbers or range." in text_of(
        explorer.detail.value
    )


def test_every_issue_has_words_for_all_five_marked_points():
    issues = iranus.load("issues")
    for col in ("stance_0_en", "stance_25_en", "stance_50_en", "stance_75_en", "stance_100_en"):
        assert issues[col].notna().all() and (issues[col].str.len() > 20).all(), col
    enrichment = issues.set_index("issue_id").loc["enrichment"]
    assert "paused for a fixed period" in enrichment["stance_50_en"]  # as data/CODEBOOK.md section 4 says


def test_the_statement_the_chart_uses_is_marked_with_the_rule(explorer):
    """US venue and format, 6 Feb 2026: the chart shows Leavitt (5 Feb), not the later Haaretz
    report (6 Feb, low confidence), and the panel says so."""
    explorer.language_select.value = "en"
    explorer.pick_cell("us", "venue_format")
    panel = explorer.detail.value
    shown = text_of(panel)
    assert panel.count("the chart uses this statement") == 1
    rows = panel.split("<tr>")
    marked = [row for row in rows if "the chart uses this statement" in row]
    assert "Karoline Leavitt" in marked[0] and "Haaretz" not in marked[0]
    used = explorer.matrix.set_index(["actor_id", "issue_id"]).loc[("us", "venue_format"), "position_id"]
    assert used == "pos_us_venue_format_20260205"
    assert "the latest up to the date shown, leaving out reports rated low confidence unless the cell has nothing else" in shown
    assert "the later report of 6 Feb 2026, rated low, is left out" in shown
    # she spoke on 5 Feb; IANS reported it on 6 Feb
    assert re.search(r"5 Feb 2026 .*Karoline Leavitt.*IANS, 6 Feb 2026", shown, re.S)


def test_the_reason_follows_the_code_rule():
    frame = pd.DataFrame(
        {
            "position_id": ["a", "b", "c"],
            "date": pd.to_datetime(["2026-02-06", "2026-02-05", "2026-02-05"]),
            "confidence": ["low", "high", "medium"],
        }
    )
    assert chart_choice(frame, "b") == ("used_skip_low", {"dates": "2026-02-06"})
    assert chart_choice(frame.iloc[[1, 2]], "b") == ("used_same_day", {"date": "2026-02-05"})
    assert chart_choice(frame.iloc[[0]], "a") == ("used_only", {})
    assert chart_choice(frame.assign(confidence="low"), "a") == ("used_all_low", {})
    assert chart_choice(frame.iloc[[0, 1]].assign(date=pd.to_datetime(["2026-02-04", "2026-02-05"])), "b") == ("used_latest", {})


def test_a_marked_cell_says_what_the_question_mark_means(explorer):
    explorer.language_select.value = "en"
    explorer.pick_cell("iran", "missiles")  # an unnamed senior official to Reuters, 4 Feb
    shown = text_of(explorer.detail.value)
    assert "marked ? in the chart" in shown and "an outlet's own summary" in shown
    explorer.pick_cell("us", "missiles")  # Rubio, on the record
    assert "marked ? in the chart" not in text_of(explorer.detail.value)


def test_the_arabic_panel_says_once_that_the_data_text_is_english_only(explorer):
    explorer.language_select.value = "ar"
    try:
        explorer.pick_cell("us", "enrichment")
        panel = explorer.detail.value
        gap = "بالإنجليزية فقط، إذ لا يوجد نص عربي لها في بيانات الدورة"
        assert panel.count(gap) == 1
        assert "الأقرب" in panel or "أقرب نقطة محددة" in panel  # the stance line is in Arabic too
    finally:
        explorer.language_select.value = "en"
    assert "بالإنجليزية فقط" not in explorer.detail.value


def test_the_data_fixes_of_the_seventh_pass():
    checks = iranus.load("claim_checks").set_index("check_id")
    c23 = checks.loc["c23_20260204_aljazeera"]
    assert c23["verdict"] == "partly_confirmed" and "One original report" in c23["note_en"]
    haaretz = iranus.load("sources").set_index("source_id").loc["haaretz_2026_02_06_us_drops_demand"]
    assert pd.isna(haaretz["url"]) or "defenddemocracy" not in str(haaretz["url"])
    positions = iranus.load("positions")
    assert not positions["venue_en"].fillna("").str.contains(r"^JNS ", regex=True).any()
    assert (positions["venue_en"] == "Jewish News Syndicate (JNS) policy conference, Jerusalem").sum() == 3


# -- lesson 02 says what the chart and the explorer do ---------------------------------------------

LESSON = iranus.default_data_dir().parent / "notebooks" / "02_two_agendas.ipynb"


def _lesson_cells() -> list[dict]:
    import json
    from pathlib import Path

    path = LESSON if LESSON.exists() else Path(__file__).resolve().parents[1] / "notebooks" / "02_two_agendas.ipynb"
    return json.loads(path.read_text(encoding="utf-8"))["cells"]


def _md(cells) -> str:
    return " ".join(" ".join("".join(c["source"]).split()) for c in cells if c["cell_type"] == "markdown")


def test_lesson02_states_the_chart_rule_and_what_the_question_mark_marks():
    md = _md(_lesson_cells())
    assert "a report rated **low confidence** is used only when the pair has nothing else" in md
    assert "the chart therefore shows Karoline Leavitt's statement of 5 February, not the low-confidence Haaretz report of 6 February" in md
    assert "in an outlet's own summary such as Reuters' or Axios's account in its own words" in md
    assert "an outlet's own summary, a media report or an analyst; or it is rated low confidence" in md  # the question
    assert "rests on an unnamed source" not in md
    assert "anchor" not in md.lower()  # one word: "marked point"
    # who said what, not "the cell rests on"
    assert "rest on Rubio" not in md and "have no row at all" not in md and "The table behind them says" not in md
    assert "Trump had spoken on the record on missiles (29 December 2025" in md
    # words of the verdict table defined before it
    assert 'A claim of the type "report of others" is one the article relays from someone else' in md
    assert 'The verdict "interpretation" is given to a judgement that no report could confirm or refute' in md
    # Leavitt spoke on 5 Feb; IANS reported it on 6 Feb
    assert "On 5 February, at the White House briefing, Leavitt confirmed" in md and "reported it on 6 February" in md


def test_lesson02_introduces_witkoff_and_kushner_before_the_first_table_that_names_them():
    cells = _lesson_cells()
    first = next(k for k, c in enumerate(cells) if "Witkoff" in "".join(c["source"]) or "Witkoff" in str(c.get("outputs", "")))
    intro = " ".join("".join(cells[first]["source"]).split())
    assert cells[first]["cell_type"] == "markdown"
    assert "**Steve Witkoff**, the US special envoy to the Middle East" in intro and "**Jared Kushner**, an adviser to President Trump" in intro
    actors = iranus.load("actors").set_index("actor_id")
    assert actors.loc["witkoff", "title_en"] == "US Special Envoy to the Middle East"
    assert actors.loc["kushner", "title_en"].startswith("Adviser to President Trump")


def test_lesson02_chart_shows_the_same_actors_as_the_explorer(explorer):
    code = next("".join(c["source"]) for c in _lesson_cells() if "agendas.stance_table(" in "".join(c["source"]))
    listed = re.findall(r'"([a-z0-9_]+)"', code.split("actors=[", 1)[1].split("]", 1)[0])
    assert "saudi_arabia" in listed  # Saudi Arabia's statement of 27 Jan 2026 (non-aggression)
    assert set(listed) == set(explorer.matrix["actor_id"]) == set(explorer._actor_order)
