"""A learner's answer read as meant: issues and people by the names the lessons show (English or
Arabic), a table cell as its value, counts refused when negative or fractional, "1.443" asked
about; and the questions ask only for what the lessons show."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pandas as pd
import pytest

import iranus
from iranus.checks import answers, check, expected_answer, get, questions

ROOT = Path(__file__).resolve().parents[1]
NOTEBOOKS = {p.name[:2]: p for p in (ROOT / "notebooks").glob("[0-9][0-9]_*.ipynb")}
ID_WORD = re.compile(r"\bids?\b", re.I)


def _cells(lesson: str) -> list[dict]:
    return json.loads(NOTEBOOKS[lesson].read_text(encoding="utf-8"))["cells"]


def _shown(lesson: str) -> str:
    """What a learner reads of a lesson: its markdown and its stored outputs (text and tables)."""
    parts = []
    for cell in _cells(lesson):
        if cell["cell_type"] == "markdown":
            parts.append("".join(cell["source"]))
        for output in cell.get("outputs", []):
            parts.append("".join(output.get("text", "")))
            data = output.get("data", {})
            parts.append("".join(data.get("text/plain", "")) + "".join(data.get("text/html", "")))
    return "\n".join(parts)


def _flat(text: str) -> str:
    return " ".join(text.split())


# -- 1. no question asks for an id the lesson does not show -------------------------------------------


@pytest.mark.parametrize("question_id", [q for q in questions() if q[:2].isdigit()])  # the lessons' questions (exercise keys may be registered by another test module)
def test_no_question_asks_for_an_id_the_lesson_does_not_show(question_id):
    q = get(question_id)
    text = f"{q.prompt} {q.hint}"
    if not ID_WORD.search(text):
        return
    # the ids the question names or expects must be on the learner's screen: in the lesson or in the question
    expected = expected_answer(question_id)
    items = [str(i) for i in (expected if q.kind == "set" else [expected])]
    named = re.findall(r"['`\"]([a-z][a-z0-9_]+)['`\"]", text)
    shown = _shown(question_id[:2]) + " " + text
    unseen = [i for i in items + named if not re.search(rf"(?<![\w]){re.escape(i)}(?![\w])", shown)]
    assert not unseen, f"{question_id} asks for ids the lesson never shows: {unseen}"


@pytest.mark.parametrize("lesson", sorted(NOTEBOOKS))
def test_no_lesson_question_cell_asks_for_ids(lesson):
    """The markdown just before a check cell is the question as the lesson asks it: it asks for
    names, as the tables show them, never for ids."""
    cells = _cells(lesson)
    asking = []
    for i, cell in enumerate(cells):
        if cell["cell_type"] == "code" and re.search(r"\.check\(\s*\"\d\d\.", "".join(cell["source"])):
            before = "".join(cells[i - 1]["source"]) if i and cells[i - 1]["cell_type"] == "markdown" else ""
            if ID_WORD.search(before):
                asking.append(f"cell {i - 1}: {_flat(before)[:120]}")
    assert not asking, f"lesson {lesson} asks for ids:\n" + "\n".join(asking)


def test_the_issue_questions_ask_for_names_in_the_bank_and_the_lessons():
    for question_id, lesson in (("02.rubio_outside_nuclear", "02"), ("05.deferred_issues", "05"), ("03.security_chiefs", "03")):
        q = get(question_id)
        assert "names" in q.prompt and not ID_WORD.search(q.prompt + q.hint), question_id
        asked = [_flat("".join(c["source"])) for c in _cells(lesson) if c["cell_type"] == "markdown" and "names" in "".join(c["source"])]
        assert any("English or Arabic" in a for a in asked), lesson
    # the example is typed as in the lesson (double quotes) and names no issue of Rubio's list
    assert '["Uranium enrichment", "Sanctions relief"]' in get("02.rubio_outside_nuclear").prompt


# -- accepted: every label as shown (English and Arabic), and the ids ------------------------------


@pytest.mark.parametrize(
    "question_id, dataset, ids",
    [
        ("02.rubio_outside_nuclear", "issues", ["human_rights", "missiles", "regional_allies"]),
        ("05.deferred_issues", "issues", ["missiles", "regional_allies"]),
        ("03.security_chiefs", "actors", ["barnea", "zamir"]),
    ],
)
def test_every_label_as_shown_and_the_ids_are_accepted(question_id, dataset, ids):
    assert sorted(expected_answer(question_id)) == ids
    c = iranus.course()
    english = [str(c.labels(dataset)[i]) for i in ids]
    arabic = [str(c.with_language("ar").labels(dataset)[i]) for i in ids]
    for answer in (ids, english, arabic, [e.upper() for e in english], english[:1] + arabic[1:]):
        assert check(question_id, answer).correct is True, answer
    # the same in an Arabic course
    assert check(question_id, english, course=c.with_language("ar")).correct is True
    assert check(question_id, arabic, course=c.with_language("ar")).correct is True


def test_the_labels_are_the_ones_the_issues_table_shows():
    c = iranus.course()
    assert c.labels("issues")["regional_allies"] == 'Regional allies ("proxies")'
    assert check("02.rubio_outside_nuclear", ["Ballistic missiles", 'Regional allies ("proxies")', "Human rights"]).correct is True
    assert check("02.rubio_outside_nuclear", ["الصواريخ الباليستية", 'الحلفاء الإقليميون المسلحون ("الوكلاء")', "حقوق الإنسان"]).correct is True
    assert check("05.deferred_issues", "Ballistic missiles and Regional allies (\"proxies\")").correct is True


def test_a_label_with_a_comma_or_and_is_one_item_of_a_typed_list():
    fb = check("02.rubio_outside_nuclear", "Ballistic missiles, Nuclear facilities (Fordow, Natanz, Isfahan), Human rights")
    assert fb.correct is False
    assert "Two of your three items are right; one is missing." in fb.message
    fb = check("02.rubio_outside_nuclear", "Ballistic missiles, Non-aggression and security guarantees, Human rights")
    assert "Two of your three items are right; one is missing." in fb.message


# -- 2. feedback oddities -------------------------------------------------------------------------


@pytest.mark.parametrize("answer", [-1, "-1", -3.0])
def test_a_negative_count_is_refused_as_negative_not_taken_for_its_near_miss(answer):
    fb = check("02.us_anonymous", answer)
    assert fb.correct is False
    assert "a count cannot be negative" in fb.message
    assert "unnamed US official" not in fb.message
    assert "unnamed US official" in check("02.us_anonymous", 1).message  # the near miss of 1 stays


def test_a_one_cell_table_is_read_as_its_value_for_every_kind():
    right = check("02.us_enrichment_speaker", pd.DataFrame({"speaker": ["Karoline Leavitt"]}))
    assert right.correct is True and "one cell" in right.message
    wrong = check("02.us_enrichment_speaker", pd.DataFrame({"value": [440.9]}))
    assert wrong.correct is False
    assert "value" not in wrong.message.split("choices")[0] and "0  440.9" not in wrong.message
    assert check("01.muscat_date", pd.Series(["2026-02-06"])).correct is True
    assert check("02.compromise", pd.Series([expected_answer("02.compromise")])).correct is True
    assert check("04.last_stockpile", pd.DataFrame({"value": [440.9]})).correct is True


def test_a_table_of_several_cells_gets_one_answer_not_a_table_without_its_repr():
    frame = pd.DataFrame({"speaker": ["Karoline Leavitt", "Marco Rubio"], "date": ["2026-02-05", "2026-02-04"]})
    for question_id in ("02.us_enrichment_speaker", "04.last_stockpile", "02.us_anonymous"):
        fb = check(question_id, frame)
        assert fb.correct is False
        assert "give one answer, not a table" in fb.message
        assert "Karoline" not in fb.message and "2026-02-05" not in fb.message


def test_a_list_question_takes_a_column_as_its_items():
    assert check("05.deferred_issues", pd.Series(["missiles", "regional_allies"])).correct is True


def test_a_whole_number_question_refuses_a_fraction():
    assert get("04.protest_gap").kind == "int"
    assert expected_answer("04.protest_gap") == 1443
    fb = check("04.protest_gap", 1443.4)
    assert fb.correct is False and "the question asks for a whole number" in fb.message
    assert check("04.protest_gap", 1443).correct is True
    assert check("04.protest_gap", "1,443").correct is True
    assert check("04.protest_gap", 1443.0).correct is True


def test_european_thousands_on_a_whole_number_question_are_asked_about():
    fb = check("04.protest_gap", "1.443")
    assert fb.correct is False
    assert "Did you mean 1,443?" in fb.message and "full stop marks decimals" in fb.message
    # three digits after the point, but not a whole-number question: a decimal, unchanged
    assert check("04.last_stockpile", "440.9").correct is True
    assert "did you mean" not in check("04.last_stockpile", "1.443").message
    # one digit after the point on a whole-number question: not thousands
    fb = check("04.protest_gap", "440.9")
    assert "whole number" in fb.message and "did you mean" not in fb.message


def test_read_number_reads_a_thousands_stop_only_for_a_whole_number():
    assert answers.read_number("1.443") == 1.443
    assert answers.read_number("440.9", whole=True) == 440.9
    assert answers.read_number("1,443", whole=True) == 1443.0
    with pytest.raises(answers.ThousandsStopError) as caught:
        answers.read_number("1.443 people", "people", whole=True)
    assert caught.value.number == 1443.0 and caught.value.unit == "people"
    assert isinstance(caught.value, answers.DecimalCommaError)
    with pytest.raises(answers.ThousandsStopError) as caught:
        answers.read_number("1.234.567", whole=True)
    assert caught.value.number == 1234567.0
    with pytest.raises(answers.DecimalCommaError) as caught:  # the decimal comma is unchanged
        answers.read_number("440,9", "kg")
    assert caught.value.number == 440.9 and not isinstance(caught.value, answers.ThousandsStopError)


# -- 4. the stance scale in the codebook's words ---------------------------------------------------


def _codebook_end(point: str) -> str:
    text = (ROOT / "data" / "CODEBOOK.md").read_text(encoding="utf-8")
    m = re.search(rf"- \*\*{point}\*\* = (.+?)(?:;\n|\.\n)", text, re.S)
    return _flat(m.group(1))


def test_the_codebook_defines_the_two_ends():
    assert _codebook_end("0").startswith("the outcome Iran's leadership stated as its preference")
    assert _codebook_end("100").startswith("the most demanding outcome stated by any actor in the record")


@pytest.mark.parametrize("lesson", ["02", "05"])
def test_lessons_explain_the_stance_scale_in_the_codebooks_words(lesson):
    text = _flat("\n".join("".join(c["source"]) for c in _cells(lesson) if c["cell_type"] == "markdown"))
    assert _codebook_end("0") in text
    assert _codebook_end("100") in text
    assert "far end of what" not in text and "the outcome Tehran stated" not in text


# -- 3. lesson 05 says who funds the outlet before asking about it ------------------------------------


def test_lesson_05_states_al_jazeeras_funding_before_the_discussion_uses_it():
    sources = pd.read_csv(ROOT / "data" / "sources.csv")
    row = sources[sources["source_id"] == "aljazeera_2026_02_04_mediators_framework"].iloc[0]
    assert "Qatari state-funded" in row["reliability_reason"] and "Qatar is one of the mediators" in row["reliability_reason"]
    text = _flat("\n".join("".join(c["source"]) for c in _cells("05") if c["cell_type"] == "markdown"))
    stated = text.find("Al Jazeera is funded by the state of Qatar")
    used = text.find("funded by one of the mediators")
    assert 0 <= stated < used
