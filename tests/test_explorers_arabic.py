"""The explorers in the Arabic course show their own words in Arabic (a learner trial found the
claim sorter's tally, the forecast board's "judged by", the scorecard's headers, yes/no and the
timeline's dates in English). Data text that exists only in English (paraphrases, notes, scenario
definitions) is marked ``lang="en"`` and not counted."""

from __future__ import annotations

import re

import ipywidgets as w
import pytest

import iranus
from iranus.explorers import forecast_file as ff

#: Interface words that must not appear in an Arabic explorer (each was seen by a learner trial).
ENGLISH = [
    "checked", "type right", "attribution right", "judged by", "Scenario", "You gave", "Occurred first",
    "Squared error", "What happened", "reliability", "confidence", "events shown", "Role", "Party",
    "Accepts", "at the table", "constraint on", "saved", "Jan", "Feb", "Mar", "Apr", "Jun", "Jul",
]
_EN_SPAN = re.compile(r'<(span|small|div|p|td)[^>]*lang="en"[^>]*>.*?</\1>', re.S)
_TAG = re.compile(r"<[^>]+>")


def shown_text(widget) -> str:
    """The text a learner reads in a widget tree, without the spans marked as English data text."""
    parts = []
    todo = [widget]
    while todo:
        x = todo.pop()
        if isinstance(x, (w.HTML, w.HTMLMath, w.Label)):
            parts.append(_TAG.sub(" ", _EN_SPAN.sub(" ", str(x.value))))
        elif isinstance(x, w.Button):
            parts.append(x.description)
        if hasattr(x, "children"):
            todo.extend(x.children)
    return " | ".join(parts)


def english_words(text: str) -> list[str]:
    return [word for word in ENGLISH if re.search(rf"(?<![A-Za-z]){re.escape(word)}(?![A-Za-z])", text)]


def test_english_words_sees_a_tally_but_not_arabic():
    assert english_words("0 / 62 checked · type right: 0") == ["checked", "type right"]
    assert english_words("عدد الأحداث: 12 أبريل 2025") == []


@pytest.fixture(scope="module")
def ar():
    return iranus.course(language="ar")


def test_claim_sorter_in_arabic(ar):
    from iranus.explorers import claim_sorter

    sorter = claim_sorter(course=ar)
    text = shown_text(sorter)
    assert "متحقَّق منها" in text
    assert english_words(text) == []


def test_timeline_explorer_in_arabic(ar):
    from iranus.explorers import timeline_explorer

    explorer = timeline_explorer(course=ar)
    text = shown_text(explorer)
    assert "أحداث معروضة" in text or "حدثاً معروضاً" in text
    assert english_words(text) == []


def test_deal_builder_in_arabic(ar):
    from iranus.explorers import deal_builder

    builder = deal_builder(course=ar)
    builder.two_level.value = True
    text = shown_text(builder)
    assert "قيد على الولايات المتحدة" in text and "الطرف" in text
    assert english_words(text) == []


def test_forecast_board_and_scorecard_in_arabic(ar, tmp_path):
    from iranus.explorers import forecast_board, forecast_scorecard

    board = forecast_board(course=ar, path=tmp_path / "f.json")
    text = shown_text(board)
    assert "يُحكم عليه في 31 مارس 2026" in text
    assert english_words(text) == []
    board.save_button.click()
    card = forecast_scorecard(course=ar.whole_record(), path=tmp_path / "f.json")
    text = shown_text(card)
    assert "مربع الخطأ" in text and "بالتوقيت العالمي" in text
    assert english_words(text) == []


def test_a_saved_time_reads_as_a_date_and_a_time():
    from iranus.explorers.forecast_ui import saved_when

    assert saved_when("2026-12-05T07:13:33+00:00", "en") == "5 Dec 2026 at 07:13 UTC"
    assert "2026-12-05T" not in saved_when("2026-12-05T07:13:33+00:00", "ar")



def test_the_scorecard_without_a_file_says_so_in_arabic(ar, tmp_path):
    from iranus.explorers import forecast_scorecard

    card = forecast_scorecard(course=ar.whole_record(), path=tmp_path / "none.json")
    text = shown_text(card)
    assert "لا يوجد توقّع محفوظ" in text and "No saved forecast" not in text
    english = forecast_scorecard(course=iranus.course(as_of=None), path=tmp_path / "none.json")
    assert "press Save" in shown_text(english) and "path=" not in shown_text(english)


def test_agenda_explorer_in_arabic(ar):
    from iranus.explorers import agenda_explorer

    explorer = agenda_explorer(course=ar)
    text = shown_text(explorer)
    assert english_words(text) == []
    assert "This explorer is set on" not in text
