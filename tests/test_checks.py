"""Checks for understanding: feedback for every answer, never a traceback."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from iranus.checks import Feedback, Question, check, get, questions, register

#: The answer to every lesson question, read off the data by hand (the seed article, the events,
#: positions, quantities and claims tables, the course's deal-space codings) as of the course
#: date, or off the whole record for lesson 07. A change in the data or in a question's rule
#: that moves an answer fails here, and the lesson text must be checked.
KNOWN = {
    "01.anonymous_claims": 5,  # claims.csv: 4 anonymous_official + 1 anonymous_sources
    "01.missiles_attribution": "a senior Iranian official, unnamed, speaking to Reuters",
    "01.muscat_date": "2026-02-06",
    "01.p31_type": "forecast",
    "02.both_sides_nuclear_file": 4,
    "02.compromise": "the US accepted a nuclear-only round",
    "02.rubio_outside_nuclear": ["human_rights", "missiles", "regional_allies"],
    "02.us_anonymous": 3,
    "02.us_enrichment_speaker": "Karoline Leavitt",
    "03.meeting_date": "2026-02-03",
    "03.security_chiefs": ["barnea", "zamir"],
    "03.unconfirmed_claims": 2,
    "03.us_strikes_date": "2025-06-22",
    "03.zopa_trend": "shrinks",
    "04.last_stockpile": 440.9,
    "04.protest_gap": 1443,
    "04.rial_ratio": 47,
    "04.snapback_date": "2025-09-28",
    "04.verified_after_strikes": "no",
    "05.deferred_issues": ["missiles", "regional_allies"],
    "05.framework_outlet": "Al Jazeera",
    "05.residual_scenario": "No deal, no war: talks go on or stall",
    "05.zone_with_israel": 0,
    "05.zone_without_israel": 1660,
    "06.margins_verdict": "not confirmed",
    "06.occupied_paragraph": "P23",
    "06.own_voice_percent": 82.3,
    "06.rounds_2025": 5,
    "06.rubio_name": "Marco",
    "07.even_split_brier": 0.75,
    "07.first_outcome": "Military escalation: US or Israeli strikes on Iran",
    "07.forecasts_borne_out": 2,
    "07.record_end": "2026-07-01",
    "07.war_start": "2026-02-28",
}


def _wrong(qid: str, answer):
    """An answer near the known one that must not pass (a day off, one more, one item less ...)."""
    q = get(qid)
    if q.kind == "date":
        return (pd.Timestamp(answer) + pd.Timedelta(days=1)).strftime("%Y-%m-%d")
    if q.kind == "int":
        return answer + 1
    if q.kind == "number":
        return answer + 10 * q.tolerance + 1
    if q.kind == "set":
        return answer[:-1]
    if q.kind == "choice":
        return next(c for c in q.choices if c.lower() != str(answer).lower() and c.lower() not in {k.lower() for k in q.alternatives})
    return "zzz"


def test_the_lesson_questions_are_the_known_ones():
    assert questions("0") == sorted(KNOWN)


@pytest.mark.parametrize("qid", sorted(KNOWN))
def test_each_question_accepts_its_known_answer_and_no_neighbour(qid):
    right = check(qid, KNOWN[qid])
    assert right.correct is True and len(right.message) > 20, right
    wrong = check(qid, _wrong(qid, KNOWN[qid]))
    assert wrong.correct is False, (qid, wrong)


def test_every_registered_question_survives_junk():
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
        # the nearest possible answer is named as the learner reads it (the issue's label)
        assert "'missile' is not among the possible answers: did you mean 'Ballistic missiles'?" in fb.message
        # the misspelled right item is not called missing: only regional allies is
        assert "Your one item is not right; one is missing." in fb.message
        fb = check(q.question_id, "missiles, enrichment")
        assert "One of your two items is right; one is missing." in fb.message
    finally:
        from iranus import checks

        checks._REGISTRY.pop(q.question_id)


def test_numbers_accept_percent_signs_and_thousands():
    from iranus.checks import _number

    assert _number("70%") == 70 and _number("4,560") == 4560
    with pytest.raises(ValueError, match="not a number"):
        _number("abc")


# -- the engine: explicit registration, one computation per context, the context's data ---------


def test_importing_a_question_bank_registers_nothing():
    """A bank's module body calls nothing at import time but builds its QUESTIONS (read by AST)."""
    import ast
    import importlib
    from pathlib import Path

    from iranus import checks

    for bank in checks.BANKS:
        module = importlib.import_module(f"iranus.checks.{bank}")
        tree = ast.parse(Path(module.__file__).read_text(encoding="utf-8"))
        calls = [ast.unparse(node)[:60] for node in tree.body if isinstance(node, ast.Expr) and isinstance(node.value, ast.Call)]
        assert calls == [], f"{bank} calls at import: {calls}"
        assert module.QUESTIONS and all(isinstance(q, Question) for q in module.QUESTIONS)
        assert {q.question_id for q in module.QUESTIONS} <= set(questions())
    assert [q.question_id for q in importlib.import_module("iranus.checks.lesson01").QUESTIONS][:2] == [
        "01.muscat_date",
        "01.anonymous_claims",
    ]


def test_the_expected_answer_is_computed_once_per_context():
    calls = []

    def expected():
        calls.append(1)
        return 3

    q = register(Question("99.counted", "How many?", expected=expected, kind="int", explain=lambda n: f"{n} of them."))
    try:
        for answer in (3, 4, "3", 2):
            check(q.question_id, answer)
        assert len(calls) == 1
        assert check(q.question_id, 3).message == "3 of them."
    finally:
        from iranus import checks

        checks._REGISTRY.pop(q.question_id)


def test_a_check_reads_the_data_of_its_course(data_copy):
    import iranus

    path = data_copy / "actors.csv"
    path.write_text(path.read_text(encoding="utf-8").replace("rubio,Marco Rubio,", "rubio,Marcus Rubio,"), encoding="utf-8")
    edited = iranus.course(data_dir=data_copy)
    assert check("06.rubio_name", "Marco").correct is True  # the bundled data
    assert check("06.rubio_name", "Marcus", course=edited).correct is True
    assert check("06.rubio_name", "Marco", course=edited).correct is False


def test_broken_data_gives_feedback_not_a_traceback(data_copy):
    import iranus

    path = data_copy / "claims.csv"
    path.write_text(path.read_text(encoding="utf-8").replace(",fact,", ",factoid,", 1), encoding="utf-8")
    fb = check("01.anonymous_claims", 6, course=iranus.course(data_dir=data_copy))
    assert fb.correct is None and "cannot be checked" in fb.message and "claims" in fb.message, fb


# -- near answers read alike (issue 13) ------------------------------------------------------------


def test_near_answers_are_read_alike():
    # an empty answer is no answer yet, not a wrong one
    for blank in ("", "   ", []):
        fb = check("05.zone_with_israel", blank)
        assert fb.correct is None and "empty" in fb.message and "No answer yet" in str(fb)
    # number words and Arabic-Indic digits are numbers (the zone with Israel is empty: 0 packages)
    assert check("05.zone_with_israel", "zero").correct is True
    assert check("06.rounds_2025", "five").correct is True and check("06.rounds_2025", "٥").correct is True
    # a close misspelling of a text answer is accepted, with its spelling
    fb = check("05.framework_outlet", "Al Jazira")
    assert fb.correct is True and "it is spelled 'Al Jazeera'" in fb.message
    assert check("05.framework_outlet", "Reuters").correct is False
    # a misspelt choice or list item gets "did you mean"
    fb = check("05.residual_scenario", "Comprehensiv dael")
    assert fb.correct is False and "did you mean 'Comprehensive deal'" in fb.message
    fb = check("05.deferred_issues", "missles, regional_allies")
    assert fb.correct is False and "did you mean 'Ballistic missiles'" in fb.message  # named by its label
    # a list given as a sentence is read as its items, and the learner is told so
    fb = check("05.deferred_issues", "missiles and regional allies")
    assert fb.correct is True and 'I read your sentence as the list ["missiles", "regional allies"]' in fb.message


def test_a_value_right_for_another_setting_is_named():
    # lesson 05 §5: 1,660 packages without Israel, 0 with Israel's acceptance; under the stricter
    # reading of Iran's red lines, 71 without Israel (the lesson's second zone table)
    fb = check("05.zone_without_israel", 71)
    assert fb.correct is False and "stricter reading of Iran's red lines" in fb.message and "71 is the right answer" in fb.message
    fb = check("05.zone_with_israel", 1660)
    assert fb.correct is False and "when only the US and Iran have to accept" in fb.message
    assert check("05.zone_without_israel", 1660).correct is True
    assert "Look again" in check("05.zone_without_israel", 72).message  # no setting gives 72


def test_every_verdict_carries_a_word_beside_its_symbol():
    assert str(check("05.zone_with_israel", 0)).startswith("✅ Right.")
    assert str(check("05.zone_with_israel", 5)).startswith("❌ Not yet.")
    assert str(check("05.zone_with_israel", ...)).startswith("✏️ No answer yet.")


# -- a learner trial's odd answers (fixd) -------------------------------------------------------


def test_a_very_long_answer_is_not_echoed_in_full():
    from iranus.checks import check

    fb = check("04.rial_ratio", "x" * 100_000)
    assert fb.correct is False and len(fb.message) < 300 and "100,000 characters" in fb.message
    fb = check("07.first_outcome", "y" * 120 + "!")
    assert "y" * 61 not in fb.message and "…" in fb.message


def test_a_one_cell_table_given_to_a_number_question_is_read_as_its_value():
    from iranus.checks import check, expected_answer

    ratio = expected_answer("04.rial_ratio")
    fb = check("04.rial_ratio", pd.DataFrame({"ratio": [ratio]}))
    assert fb.correct is True and ".iloc[0]" in fb.message
    assert check("04.last_stockpile", pd.Series([440.9])).correct is True
    assert check("04.last_stockpile", pd.Series([408.6])).correct is False


def test_year_first_dates_without_leading_zeros_are_read_and_a_month_alone_asks_for_the_day():
    from iranus.checks import check

    assert check("07.war_start", "2026-2-28").correct is True
    assert check("04.snapback_date", "2025-9-28").correct is True
    assert "could mean 6 February or 2 June" in check("04.snapback_date", "06/02/2026").message
    for month in ("July 2026", "2026-07"):
        fb = check("07.record_end", month)
        assert fb.correct is False and "give the day too" in fb.message


def test_a_dict_given_to_a_choice_question_is_told_what_a_dict_is():
    from iranus.checks import check

    fb = check("07.first_outcome", {"scenario": "war"})
    assert fb.correct is False and "not a dict" in fb.message


def test_table_text_copied_as_it_is_shown_is_accepted():
    from iranus.checks import check

    assert check("02.us_enrichment_speaker", "Karoline Leavitt, White House press secretary").correct is True
    assert check("02.us_enrichment_speaker", "Donald Trump, US President").correct is False
    fb = check("02.rubio_outside_nuclear", ["Human rights", "Ballistic missiles", 'Regional allies ("proxies")'])
    assert fb.correct is True
    assert "regional_allies" not in fb.message and 'Regional allies ("proxies")' in fb.message
    assert check("05.deferred_issues", 'Ballistic missiles, Regional allies ("proxies")').correct is True


def test_protest_gap_names_its_values_and_knows_the_other_readings():
    from iranus.checks import check, expected_answer, get

    assert expected_answer("04.protest_gap") == 4560 - 3117
    assert "latest figure of each of the three counts" in get("04.protest_gap").prompt
    protesters_only = check("04.protest_gap", 4560 - 2403)
    assert protesters_only.correct is False and "protesters only (2,403, 14 January 2026)" in protesters_only.message
    al_jazeera = check("04.protest_gap", 4519 - 3117)
    assert al_jazeera.correct is False and "HRANA's count as Al Jazeera reported it on 21 January 2026 (4,519 deaths)" in al_jazeera.message


def test_rial_ratio_takes_the_rounded_ratio_not_its_neighbours():
    from iranus.checks import check

    assert check("04.rial_ratio", 47).correct is True and check("04.rial_ratio", "46.9").correct is True
    assert check("04.rial_ratio", 48).correct is False
    assert "rounded down" in check("04.rial_ratio", 46).message


def test_anonymous_claims_answer_6_is_explained_by_the_jerusalem_post_claim():
    from iranus.checks import check, expected_answer

    assert expected_answer("01.anonymous_claims") == 5
    fb = check("01.anonymous_claims", 6)
    # the claim is named by what it says and where (P10, "cannot be bridged"), not by its id C20
    assert fb.correct is False and "claim of P10" in fb.message and "'cannot be bridged'" in fb.message
    assert "Jerusalem Post" in fb.message and "C20" not in fb.message
    claims = pd.read_csv(Path(__file__).resolve().parents[1] / "data" / "claims.csv").set_index("claim_id")
    assert claims.loc["C20", "attribution"] == "media_report"


def test_feedback_names_people_and_issues_not_their_ids():
    from iranus.checks import check

    fb = check("03.security_chiefs", ["barnea", "zamir"])
    assert fb.correct is True and "David Barnea (Director of the Mossad)" in fb.message and "Eyal Zamir (Chief of the General Staff" in fb.message
    assert "barnea" not in fb.message and "zamir" not in fb.message
    fb = check("01.missiles_attribution", "b")
    assert "'anonymous official'" in fb.message and "anonymous_official" not in fb.message
    fb = check("07.first_outcome", "war")
    assert "the outcome of §7" in fb.message and "scenario_outcomes" not in fb.message
