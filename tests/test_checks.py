"""Checks for understanding: feedback for every answer, never a traceback."""

from __future__ import annotations

import pandas as pd
import pytest

from iranus.checks import Feedback, Question, check, questions, register


def test_every_registered_question_answers_its_own_expected_value_and_survives_junk():
    ids = questions()
    assert len(ids) >= 30
    for qid in ids:
        for junk in (..., None, "", "zzz", 3.5, -1, [1, 2], {"a": 1}, object()):
            fb = check(qid, junk)
            assert isinstance(fb, Feedback) and fb.message, (qid, junk)
            assert fb.correct is not True or junk not in (..., None), (qid, junk)


def test_dates_must_be_iso_and_say_so():
    fb = check("01.muscat_date", "06/02/2026")
    assert fb.correct is False and "YYYY-MM-DD" in fb.message
    assert check("01.muscat_date", "2026-02-06").correct is True
    assert check("01.muscat_date", pd.Timestamp("2026-02-06")).correct is True
    assert "not a real date" in check("01.muscat_date", "2026-02-30").message


def test_choices_forgive_case_punctuation_and_unique_parts():
    assert check("01.missiles_attribution", "A senior Iranian official, unnamed, speaking to Reuters.").correct
    assert check("01.missiles_attribution", "senior iranian official").correct  # a unique part
    fb = check("01.missiles_attribution", "Reuters")  # a known near miss: the outlet, not the speaker
    assert fb.correct is False and "agency that carried the remark" in fb.message
    assert check("01.muscat_date", "6 February 2026").correct  # a month written as a word is unambiguous
    assert check(" 01.Muscat_date ", "2026-02-06").correct
    assert check("01.anonymous_claims", 7).correct is False and "other unnamed voices" in check("01.anonymous_claims", 7).message
    fb = check("01.missiles_attribution", "Hassan Rouhani")
    assert fb.correct is False and "not one of the choices" in fb.message


def test_defensible_alternative_is_accepted_with_its_caveat():
    fb = check("01.p31_type", "Assessment")
    assert fb.correct is True and "defensible" in fb.message
    assert check("01.p31_type", "forecast").correct is True
    assert check("01.p31_type", "fact").correct is False


def test_unknown_question_ids_are_feedback_not_errors():
    for qid in (None, 1, "01.nope"):
        fb = check(qid, "x")
        assert fb.unknown_question and str(fb).startswith("⚠️")


def test_list_answers_get_a_diagnosis_without_the_answer():
    q = register(
        Question(
            "99.test_set",
            "Which?",
            expected=lambda: ["missiles", "regional allies"],
            kind="set",
            explain=lambda v: "ok",
            choices=("missiles", "regional allies", "enrichment"),
        )
    )
    try:
        assert check(q.question_id, ["missiles", "regional_allies"]).correct
        fb = check(q.question_id, ["missile"])
        assert "Not among the possible answers: missile" in fb.message and "2 item(s) are missing" in fb.message
        fb = check(q.question_id, "missiles, enrichment")
        assert "1 of your 2 item(s) are right" in fb.message
    finally:
        from iranus import checks

        checks._REGISTRY.pop(q.question_id)


def test_numbers_accept_percent_signs_and_thousands():
    from iranus.checks import _number

    assert _number("70%") == 70 and _number("4,560") == 4560
    with pytest.raises(ValueError, match="not a number"):
        _number("abc")
