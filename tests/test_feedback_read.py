"""Feedback reads as plain sentences to a new learner (fresh-read trial of 5 Dec, 09:40).

Lessons 02 and 04 were tried with wrong and near answers; each test below is one finding:
a misspelled list item gets "did you mean ...?"; counts are said in words; lesson 02's
explanations say who said what, when, and name a gap in plain words; yes/no questions read "yes"
or "no" (and "لا"/"نعم" in an Arabic course); labels quoted in English feedback are English;
lesson 04's other readings say what the number is. A sweep over every question's feedback keeps
table talk ("row", "column"), claim ids and "item(s)" off the screen.
"""

from __future__ import annotations

import re

import pandas as pd
import pytest

import iranus
from iranus.checks import answers, check, expected_answer, get, questions


@pytest.fixture(scope="module")
def arabic():
    return iranus.course(language="ar")


# -- 1. a misspelled list item gets the nearest name -----------------------------------------------


def test_a_misspelled_list_item_is_offered_the_nearest_name():
    fb = check("02.rubio_outside_nuclear", ["Balistic missiles", "Human rights"])
    assert fb.correct is False
    assert "'balistic missiles' is not among the possible answers: did you mean 'Ballistic missiles'?" in fb.message
    # an Arabic label misspelled is offered the issue too, named in English
    fb = check("02.rubio_outside_nuclear", ["الصواريخ البالستية", "Human rights"])
    assert "did you mean 'Ballistic missiles'?" in fb.message
    # nothing near: no guess, only the spelling
    fb = check("02.rubio_outside_nuclear", ["weather", "Human rights"])
    assert "'weather' is not among the possible answers (check the spelling)." in fb.message


# -- 2. counts in words, singular and plural ----------------------------------------------------


@pytest.mark.parametrize(
    "given, sentence",
    [
        (["missiles", "human_rights"], "Both of your items are right; one is missing."),
        (["missiles"], "Your one item is right; two are missing."),
        (["enrichment"], "Your one item is not right; three are missing."),
        (["enrichment", "stockpile"], "Neither of your items is right; three are missing."),
        (["missiles", "human_rights", "enrichment"], "Two of your three items are right; one is missing."),
        (["missiles", "human_rights", "regional_allies", "stockpile"], "Three of your four items are right."),
    ],
)
def test_list_counts_are_said_in_words(given, sentence):
    fb = check("02.rubio_outside_nuclear", given)
    assert fb.correct is False and sentence in fb.message, fb.message
    assert "(s)" not in fb.message


def test_count_words():
    assert [answers.count_word(n, "item") for n in (0, 1, 2, 10, 11)] == [
        "no items", "one item", "two items", "ten items", "11 items"
    ]


# -- 3. lesson 02 says who said what, when; a gap in plain words --------------------------------


def test_the_gaps_of_the_nuclear_file_read_as_a_sentence():
    fb = check("02.both_sides_nuclear_file", expected_answer("02.both_sides_nuclear_file"))
    assert fb.correct is True
    assert (
        "No public statement by the United States on the enriched uranium stockpile before the round was found, "
        "nor any by either side on the duration (sunset clauses). A gap in what was found is not the same as "
        "having no view." in fb.message
    )
    assert "the data has" not in fb.message.lower() and "from either side:" not in fb.message


def test_the_gap_sentence_groups_each_side(monkeypatch):
    from iranus.checks import lesson02, using

    monkeypatch.setattr(lesson02, "nuclear_file_gaps", lambda: {"stockpile": ["iran"], "duration": ["us", "iran"], "inspections": ["iran"]})
    with using(iranus.course()):
        text = lesson02.gaps_in_words()
    assert text.startswith(
        "No public statement by Iran on the enriched uranium stockpile and the IAEA inspections and safeguards "
        "before the round was found, nor any by either side on the duration (sunset clauses)."
    ), text
    monkeypatch.setattr(lesson02, "nuclear_file_gaps", lambda: {})
    with using(iranus.course()):
        assert lesson02.gaps_in_words() == ""


def test_the_trump_near_miss_says_who_spoke_and_when():
    fb = check("02.us_enrichment_speaker", "Donald Trump")
    assert fb.correct is False
    assert (
        "The latest US statement on enrichment before the round came from Karoline Leavitt, the White House "
        "press secretary, on 5 February 2026, saying what Trump wants." in fb.message
    )
    right = check("02.us_enrichment_speaker", "Karoline Leavitt")
    assert right.message.startswith("It is Karoline Leavitt, the White House press secretary, on 5 February 2026")


def test_lesson02_names_claims_and_statements_in_words():
    assert "C21" not in get("02.compromise").hint and "nuclear-only round" in get("02.compromise").hint
    fb = check("02.rubio_outside_nuclear", ["missiles", "regional_allies", "human_rights"])
    assert "the only Iranian statement found before the round (Araghchi, 2 January 2026)" in fb.message
    assert "in the data" not in fb.message


def test_claims_are_named_by_what_they_say():
    fb = check("03.unconfirmed_claims", expected_answer("03.unconfirmed_claims"))
    assert "in P25, that former Netanyahu aides said" in fb.message and not re.search(r"\bC\d\d\b", fb.message)


# -- 4. yes/no questions -----------------------------------------------------------------------


def test_a_yes_no_question_reads_yes_or_no(arabic):
    fb = check("04.verified_after_strikes", "maybe")
    assert fb.message == "This question is answered \"yes\" or \"no\", and 'maybe' is neither."
    assert "|" not in str(check("04.verified_after_strikes", ...))
    assert '"yes" or "no"' in str(check("04.verified_after_strikes", ...))
    assert expected_answer("04.verified_after_strikes") == "no"
    assert check("04.verified_after_strikes", "لا", course=arabic).correct is True
    assert check("04.verified_after_strikes", "نعم", course=arabic).correct is False
    assert check("04.verified_after_strikes", "No.").correct is True
    assert [answers.read_yes_no(a) for a in ("لا", "نعم", "yes", False, "perhaps")] == ["no", "yes", "yes", "no", None]


def test_true_for_a_number_is_said_in_plain_words():
    fb = check("02.both_sides_nuclear_file", True)
    assert fb.correct is False
    assert fb.message == "Your answer is yes/no (True); this question asks for a whole number, e.g. 9."
    fb = check("04.last_stockpile", False)
    assert fb.message == "Your answer is yes/no (False); this question asks for a number."


# -- 5. English feedback quotes English labels -----------------------------------------------


def test_english_feedback_quotes_english_labels_in_an_arabic_course(arabic):
    arabic_letters = re.compile(r"[\u0600-\u06FF]")
    fb = check("04.last_stockpile", 440.9, course=arabic)
    assert fb.correct is True and "marked 'estimate (not verified)'" in fb.message
    assert not arabic_letters.search(fb.message)
    fb = check("02.rubio_outside_nuclear", ["missiles", "regional_allies", "human_rights"], course=arabic)
    assert "Ballistic missiles, Human rights and Regional allies" in fb.message
    assert not arabic_letters.search(fb.message)
    fb = check("01.missiles_attribution", "b", course=arabic)
    assert "marked 'anonymous official'" in fb.message and not arabic_letters.search(fb.message)


# -- 6. lesson 04's near answers ----------------------------------------------------------------


def test_1402_is_said_plainly():
    fb = check("04.protest_gap", 1402)
    assert fb.correct is False
    assert fb.message.startswith(
        "1402 is the gap between HRANA's count as Al Jazeera reported it on 21 January 2026 (4,519 deaths) "
        "and the lowest count."
    )
    assert "The question asks for the gap between the highest and the lowest of the three counts' latest figures." in fb.message
    assert "setting" not in fb.message


def test_about_a_number_is_read_as_the_number():
    assert check("04.last_stockpile", "about 441").correct is True
    assert check("04.last_stockpile", "approximately 440.9").correct is True
    fb = check("04.last_stockpile", "about 430")
    assert fb.correct is False
    assert "I read 'about 430' as 430, which is not close enough: an answer counts as right within 0.5 kilograms of the figure." in fb.message
    assert answers.is_approximate("around 60") and not answers.is_approximate("60")


def test_a_decimal_comma_asks_did_you_mean():
    fb = check("04.last_stockpile", "440,9")
    assert fb.correct is False
    assert fb.message == "Did you mean 440.9? Decimals take a full stop here; a comma only groups thousands, as in 3,117."


def test_a_table_answer_counts_rows_in_words():
    fb = check("04.last_stockpile", pd.DataFrame({"a": [1, 2], "b": [3, 4]}))
    assert "(2 rows, 2 columns)" in fb.message and "(s)" not in fb.message


# -- 7. fresh read of 5 Dec ~10:00 ------------------------------------------------------------


@pytest.mark.parametrize("typed", ["1 443", "1\u202f443", "1\u00a0443", "1 443 people"])
def test_a_space_groups_thousands(typed):
    assert answers.read_number(typed, "people") == 1443.0
    assert check("04.protest_gap", typed).correct is True


def test_a_space_before_fewer_than_three_digits_is_not_thousands():
    with pytest.raises(ValueError, match="what is '5'"):
        answers.read_number("12 5")
    assert answers.read_number("12 500 000") == 12_500_000.0


@pytest.mark.parametrize("typed, read", [("440", ""), ("about 440", "I read 'about 440' as 440. ")])
def test_a_close_number_is_told_it_is_close_and_the_precision_asked(typed, read):
    fb = check("04.last_stockpile", typed)
    assert fb.correct is False
    assert fb.message.startswith(
        f"{read}Close: an answer counts as right within 0.5 kilograms of the figure; give the figure with its "
        "one decimal, as the table does."
    ), fb.message
    assert "440.9" not in fb.message
    # far off is not close; inside the tolerance is right
    assert "Close" not in check("04.last_stockpile", "300").message
    assert check("04.last_stockpile", "441").correct is True


def test_a_close_count_is_told_the_exact_number_is_asked():
    fb = check("04.protest_gap", 1440)
    assert fb.message.startswith("Close: the question asks for the exact whole number."), fb.message


def test_grossis_round_stockpile_figures_are_named():
    asks = (
        "The question asks for the IAEA's last figure of any kind, the one dated 13 June 2025, as the table "
        "gives it (with its one decimal)."
    )
    fb = check("04.last_stockpile", "400")
    assert fb.correct is False
    assert fb.message.startswith(
        "400 kg is the round figure of a later remark by the IAEA's Director General, Rafael Grossi, who put the "
        f"stock at 'about 400 kg'; it is not the figure of the agency's report. {asks}"
    ), fb.message
    fb = check("04.last_stockpile", "275")
    assert fb.message.startswith(
        "275 kg is the figure the IAEA's inspectors verified for 8 February 2025 (274.8 kg, which the agency's "
        f"Director General, Rafael Grossi, rounded to 275 kg): an earlier figure, not the last one. {asks}"
    ), fb.message


# -- the sweep: no table talk, ids or "(s)" in any question's feedback --------------------------

_TABLE_TALK = re.compile(r"\brows?\b|\bcolumns?\b|\(yes \| no\)|item\(s\)|\bC\d{2}\b|\bthe data\b", re.I)


def _feedback_of(qid: str) -> list[str]:
    q = get(qid)
    value = expected_answer(qid)
    messages = [str(check(qid, list(value) if q.kind == "set" else value)), q.hint]
    messages += [str(check(qid, key)) for key in (*q.near_misses, *q.alternatives)]
    if q.other_settings is not None:
        for setting in q.other_settings().values():
            messages.append(str(check(qid, setting[0] if isinstance(setting, tuple) else setting)))
    for answer in ("zzz", True, "about 3", 0, ["zzz"], "maybe", "1,5"):
        messages.append(str(check(qid, answer)))
    return messages


#: The lessons' questions only: exercise questions ask students who write pandas code to read a
#: column or a row, and they are registered only once an exercise's keys are imported, so sweeping
#: them would make this list depend on the order tests are collected in.
LESSON_QUESTIONS = [q for q in questions() if re.match(r"^\d\d\.", q)]


def test_the_sweep_covers_every_lesson_and_no_exercise():
    assert {q[:2] for q in LESSON_QUESTIONS} == {"01", "02", "03", "04", "05", "06", "07"}
    assert not [q for q in LESSON_QUESTIONS if q.startswith("E")]


@pytest.mark.parametrize("qid", LESSON_QUESTIONS)
def test_no_feedback_talks_of_rows_columns_or_ids(qid):
    for message in _feedback_of(qid):
        assert not _TABLE_TALK.search(message), (qid, _TABLE_TALK.findall(message), message)


def test_exercise_list_feedback_counts_in_words_and_names_the_misspelled_item():
    """The exercise keys say a list answer's counts as the lesson checks do (one function)."""
    from iranus.checks import exercise_feedback

    message = exercise_feedback.feedback("E02.stated_issues_iran", ["Uranium enrichment", "Balistic missiles"]).message
    assert "did you mean 'Ballistic missiles'?" in message
    assert "One of your two items is right;" in message
    assert "item(s)" not in message


# -- 8. a misspelled right item is not "missing"; yes/no and lists said plainly ------------------


def test_a_misspelled_right_item_is_not_called_missing():
    fb = check("02.rubio_outside_nuclear", ["Ballistic missles", "Regional allies", "Human rights"])
    assert fb.correct is False
    assert (
        "'ballistic missles' is not among the possible answers: did you mean 'Ballistic missiles'? "
        "Two of your three items are right. Hint:" in fb.message
    ), fb.message
    assert "missing" not in fb.message
    # a misspelled item that means a wrong answer does not hide a missing one
    fb = check("02.rubio_outside_nuclear", ["Uranium enrichmnt", "Regional allies", "Human rights"])
    assert "did you mean 'Uranium enrichment'? Two of your three items are right; one is missing." in fb.message, fb.message
    # nothing near: the missing ones may be what was meant
    fb = check("02.rubio_outside_nuclear", ["weather", "Human rights"])
    assert "(check the spelling). One of your two items is right; two are missing or misspelled." in fb.message, fb.message


def test_exercise_list_feedback_does_not_call_a_misspelled_right_item_missing():
    """The sealed keys tell a misspelled right item by its hashed id (no answer in the clear)."""
    from iranus.checks import exercise_feedback

    right = sorted(expected_answer("02.rubio_outside_nuclear"))
    assert right == ["human_rights", "missiles", "regional_allies"]
    keys = exercise_feedback.sealed_keys()
    # a sealed list question whose right items include missiles: Israel's issues (E03)
    sealed = keys["E03.israel_issues"]
    items = sealed["right"]["items"]
    has_missiles = exercise_feedback.digest("E03.israel_issues", "missiles", sealed["salt"], "item") in items
    assert has_missiles
    fb = exercise_feedback.sealed_feedback("E03.israel_issues", sealed, ["Balistic missiles"])
    assert "did you mean 'Ballistic missiles'? Your one item is not right;" in fb.message, fb.message
    n = len(items)
    assert f"{answers.count_word(n - 1)} {'is' if n == 2 else 'are'} missing." in fb.message, fb.message


def test_true_in_a_list_is_said_to_be_yes_no():
    fb = check("02.rubio_outside_nuclear", [True])
    assert fb.message.startswith(
        "Look again. True is yes/no, not a name: give the names as the table shows them. "
        "Your one item is not right; three are missing."
    ), fb.message
    assert "'true'" not in fb.message


def test_a_list_for_one_answer_is_echoed_without_python_brackets():
    fb = check("02.us_enrichment_speaker", ["Karoline Leavitt"])
    assert fb.correct is False
    assert fb.message == (
        "You gave a list (Karoline Leavitt); this question takes one answer, not a list: "
        f"{iranus.checks.answer_format(get('02.us_enrichment_speaker'))}."
    )
    assert "[" not in fb.message and "'" not in fb.message.split(":")[0]
    assert check("01.muscat_date", ["2026-02-06"]).message == (
        'You gave a list (2026-02-06); this question takes one answer, not a list: a date written "YYYY-MM-DD".'
    )
