"""Reading near answers alike (issue 13): iranus.checks.answers, pure functions."""

from __future__ import annotations

import pytest

from iranus.checks import answers as a


@pytest.mark.parametrize("blank", ["", "   ", "\n", [], (), set()])
def test_empty_is_no_answer_yet(blank):
    assert a.is_blank(blank)


@pytest.mark.parametrize("given", [0, "0", "zero", 0.0, False, "none"])
def test_zero_is_an_answer(given):
    assert not a.is_blank(given)


@pytest.mark.parametrize(
    ("typed", "value"),
    [
        ("zero", 0), ("Zero.", 0), ("none", 0), ("five", 5), ("twelve", 12), ("twenty-one", 21),
        ("twenty one", 21), ("one hundred", 100), ("three thousand one hundred and seventeen", 3117),
        ("3,117", 3117), (" 82.3 % ", 82.3), ("٣", 3), ("۱۲", 12), ("٨٢٫٣", 82.3), ("صفر", 0), ("خمسة", 5),
        (71, 71), (0.75, 0.75), ("about 5", 5), ("around 60", 60), ("~60", 60),
        ("440.9 kg", 440.9), ("440.9kg", 440.9), ("60 %", 60), ("60 percent", 60), ("60 per cent", 60),
        ("3,117 deaths", 3117), ("sixty per cent", 60), ("440.9 kg of uranium", 440.9),
    ],
)
def test_numbers_as_learners_type_them(typed, value):
    assert a.read_number(typed) == value


@pytest.mark.parametrize("bad", [True, "five-ish", "about five-ish", "4 bananas", float("nan"), "", "n/a"])
def test_what_is_not_a_number_says_so(bad):
    with pytest.raises(ValueError):
        a.read_number(bad)


def test_a_list_typed_as_a_sentence():
    assert a.split_items("missiles and regional allies") == ["missiles", "regional allies"]
    assert a.split_items("missiles, regional_allies") == ["missiles", "regional_allies"]
    assert a.split_items("missiles & enrichment; duration") == ["missiles", "enrichment", "duration"]
    assert a.split_items('["missiles", "enrichment"]') == ["missiles", "enrichment"]
    assert a.split_items("الصواريخ، الحلفاء الإقليميون") == ["الصواريخ", "الحلفاء الإقليميون"]
    assert a.is_sentence("missiles and regional allies")
    assert a.is_sentence("I think the missiles were frozen too")
    assert not a.is_sentence("missiles, regional_allies")


def test_close_misspellings_and_did_you_mean():
    # the outlet of lesson 05's question, as learners misspell it
    for typed in ("Al Jazira", "al-jazira", "AlJazira", "Al Jazeerah"):
        assert a.close_match(typed, "Al Jazeera"), typed
    # not a misspelling: another answer
    for typed, target in (("Reuters", "Al Jazeera"), ("Mike", "Marco"), ("Iraq", "Iran"), ("contradicted", "confirmed")):
        assert not a.close_match(typed, target), typed
    assert not a.close_match("Al Jazeera", "Al Jazeera")  # the same is not "close": it is right
    assert a.closest("regional_alies", ["missiles", "regional_allies", "enrichment"]) == "regional_allies"
    assert a.closest("Comprehensive dael", ["Comprehensive deal", "Interim or partial deal"]) == "Comprehensive deal"
    assert a.closest("weather", ["missiles", "enrichment"]) is None


def test_a_value_right_for_another_setting():
    settings = {"when only the US and Iran have to accept": 71, "with Israel's acceptance too": 0}
    assert a.other_setting(71, settings) == "when only the US and Iran have to accept"
    assert a.other_setting(0.4, {"as a share (0-1)": 0.823}, tolerance=0.006) is None
    assert a.other_setting(0.82, {"as a share (0-1)": 0.823}, tolerance=0.006) == "as a share (0-1)"
    assert a.other_setting(5, settings) is None


def test_every_mark_carries_its_word():
    assert a.mark(True) == "✅ Right." and a.mark(False) == "❌ Not yet." and a.mark(None) == "✏️ No answer yet."
    assert [a.mark(v, symbols=False) for v in (True, False, None)] == ["Right.", "Not yet.", "No answer yet."]


# -- numbers with units, read against the unit the question asks for ---------------------------


@pytest.mark.parametrize("typed", ["440.9 kg", "440.9kg", "440.9 kilograms", "about 440.9", "440.9 kg of uranium"])
def test_the_stockpile_question_reads_a_number_given_in_kilograms(typed):
    from iranus.checks import check, expected_answer

    assert expected_answer("04.last_stockpile") == pytest.approx(440.9)
    assert check("04.last_stockpile", typed).correct is True


@pytest.mark.parametrize(("qid", "typed", "wanted", "given"), [
    ("04.last_stockpile", "60 %", "kilograms", "as a percentage"),
    ("04.last_stockpile", "440.9 tonnes", "kilograms", "in tonnes"),
    ("06.own_voice_percent", "40 kg", "a percentage", "in kilograms"),
    ("04.protest_gap", "50%", "a number of people", "as a percentage"),
])
def test_a_number_in_the_wrong_unit_is_told_the_unit_asked_for(qid, typed, wanted, given):
    from iranus.checks import check

    feedback = check(qid, typed)
    assert feedback.correct is False
    assert f"The question asks for {wanted}" in feedback.message and given in feedback.message


def test_counts_and_percentages_read_with_their_units():
    from iranus.checks import check, expected_answer

    gap = expected_answer("04.protest_gap")
    assert check("04.protest_gap", f"{gap:,} deaths").correct is True
    assert check("04.protest_gap", f"{gap} people").correct is True
    share = expected_answer("06.own_voice_percent")
    assert check("06.own_voice_percent", f"{share:.1f} %").correct is True
    assert check("06.own_voice_percent", f"{share:.1f} percent").correct is True
    n = expected_answer("02.both_sides_nuclear_file")
    assert check("02.both_sides_nuclear_file", f"{n} issues").correct is True


def test_every_unit_named_by_a_question_is_known():
    from iranus.checks import get, questions

    units = {get(q).unit for q in questions()} - {""}
    assert {"kg", "percent", "people"} <= units <= set(a.UNITS)


# -- a decimal comma is asked about, never misread as a thousands separator ---------------------


@pytest.mark.parametrize(("typed", "meant"), [
    ("440,9", 440.9), ("440,90", 440.9), ("0,25", 0.25), ("0,2500", 0.25), ("-0,5", -0.5),
    ("440,9 kg", 440.9), ("1,234,5", 1234.5), ("٤٤٠٬٩", 440.9),
])
def test_a_decimal_comma_is_not_read_as_thousands(typed, meant):
    with pytest.raises(a.DecimalCommaError) as info:
        a.read_number(typed)
    assert info.value.number == pytest.approx(meant)
    assert f"did you mean {meant:g}?" in str(info.value) and "full stop" in str(info.value)
    assert isinstance(info.value, ValueError)  # callers that catch ValueError still give feedback


@pytest.mark.parametrize(("typed", "value"), [("3,117", 3117), ("1,443", 1443), ("1,234,567.5", 1234567.5), ("440.9", 440.9)])
def test_a_comma_before_three_digits_still_groups_thousands(typed, value):
    assert a.read_number(typed) == value


@pytest.mark.parametrize("typed", ["440,9", "440,90", "440,9 kg", "440,9kg", "about 440,9"])
def test_the_stockpile_question_asks_about_a_decimal_comma(typed):
    from iranus.checks import check, expected_answer

    assert expected_answer("04.last_stockpile") == pytest.approx(440.9)
    feedback = check("04.last_stockpile", typed)
    assert feedback.correct is False  # not read as 4409 (and not silently accepted either)
    assert feedback.message.startswith("Did you mean 440.9?")  # the whole feedback, not "I could not read"
    assert "Decimals take a full stop here" in feedback.message
    assert "Look again" not in feedback.message and "Traceback" not in feedback.message
    assert check("04.last_stockpile", "440.9").correct is True


def test_a_decimal_comma_in_the_wrong_unit_is_told_the_unit_first():
    from iranus.checks import check

    feedback = check("04.last_stockpile", "440,9 %")
    assert feedback.correct is False and "The question asks for kilograms" in feedback.message
    assert "(440.9)" in feedback.message


def test_a_thousands_comma_is_still_right_for_a_count():
    from iranus.checks import check, expected_answer

    gap = expected_answer("04.protest_gap")
    assert gap == 1443
    assert check("04.protest_gap", "1,443").correct is True
    share = expected_answer("06.own_voice_percent")
    typed = f"{share:.1f}".replace(".", ",") + " %"
    feedback = check("06.own_voice_percent", typed)
    assert feedback.correct is False and f"Did you mean {float(f'{share:.1f}'):g}?" in feedback.message


# -- fresh read of 5 Dec ~10:00: a space groups thousands; list counts after a misspelling --------


def test_a_space_no_break_space_or_narrow_no_break_space_groups_thousands():
    from iranus.checks.answers import read_number

    assert [read_number(t) for t in ("1 443", "1\u00a0443", "1\u202f443", "12 500 000", "-1 443.5")] == [
        1443.0, 1443.0, 1443.0, 12_500_000.0, -1443.5
    ]
    assert read_number("1 443 kg", "kg") == 1443.0
    for typed in ("12 5", "1 4430", "1  443"):  # not groups of exactly three digits after a single space
        with pytest.raises(ValueError):
            read_number(typed)


def test_count_verdict_subtracts_a_misspelled_right_item():
    from iranus.checks import count_verdict, diagnose_items

    assert diagnose_items({"ballistic missles": ("Ballistic missiles", True)}, 2, 3, 1) == (
        "'ballistic missles' is not among the possible answers: did you mean 'Ballistic missiles'? "
        "Two of your three items are right."
    )
    assert diagnose_items({"uranium enrichmnt": ("Uranium enrichment", False)}, 2, 3, 1).endswith(
        "Two of your three items are right; one is missing."
    )
    assert diagnose_items({"x": ("Ballistic missiles", None)}, 1, 2, 2).endswith(
        "One of your two items is right; two are missing or misspelled."
    )
    assert count_verdict(2, 2, 1) == "Both of your items are right; one is missing."
