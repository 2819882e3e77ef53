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
        (71, 71), (0.75, 0.75),
    ],
)
def test_numbers_as_learners_type_them(typed, value):
    assert a.read_number(typed) == value


@pytest.mark.parametrize("bad", [True, "five-ish", "about 5", float("nan"), "", "n/a"])
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
