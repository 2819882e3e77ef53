"""Headless tests of the claim sorter (iranus.explorers.claims_ui)."""

from __future__ import annotations

import pytest
from test_widgets_data import mini, mini_dir, real  # noqa: F401  (fixtures)

import iranus
from iranus.record.source_reading import ATTRIBUTION_GROUPS
from iranus.explorers.claims_ui import (
    ClaimSorter,
    ClaimSorterWidget,
    claim_sorter,
    sorter_chart,
    sorter_chart_data,
)


@pytest.fixture
def sorter(mini):
    return ClaimSorter(mini("claims"), mini("claim_checks"), mini("sources"))


@pytest.fixture
def widget(mini):
    return ClaimSorterWidget(claims=mini("claims"), claim_checks=mini("claim_checks"), sources=mini("sources"))


def test_feedback_compares_type_and_attribution_group(sorter):
    sorter.set_label("C02", "stated_position", "unnamed")
    fb = sorter.feedback("C02")
    assert (fb.type_correct, fb.group_correct, fb.attribution) == (True, True, "anonymous_official")
    assert fb.framing_note == "Test framing note two"
    assert (fb.verdict, fb.check_outlet, fb.check_reliability) == ("confirmed", "Test wire", "high")
    text = fb.text()
    assert "✓ Type" in text and "a senior official (via a wire)" in text and "Test check note" in text

    sorter.set_label("C03", "fact", "named")  # unnamed analysts, an assessment
    fb = sorter.feedback("C03")
    assert (fb.type_correct, fb.group_correct, fb.type_expected, fb.group_expected) == (False, False, "assessment", "unnamed")
    assert "✗ Type" in fb.text() and "no check yet" in fb.text()


def test_labels_must_be_complete_and_valid(sorter):
    with pytest.raises(ValueError, match="Pick a type of claim and who it is attributed to for C01"):
        sorter.feedback("C01")
    sorter.set_label("C01", claim_type="fact")
    with pytest.raises(ValueError, match="Pick who it is attributed to for C01"):
        sorter.feedback("C01")
    with pytest.raises(ValueError, match="claim_type='rumour'"):
        sorter.set_label("C01", claim_type="rumour")
    with pytest.raises(ValueError, match="group='anonymous'"):
        sorter.set_label("C01", group="anonymous")
    with pytest.raises(ValueError, match="C99"):
        sorter.set_label("C99", "fact", "named")


def test_as_of_hides_later_checks(mini):
    early = ClaimSorter(mini("claims"), mini("claim_checks"), mini("sources"), as_of="2026-02-06")
    late = ClaimSorter(mini("claims"), mini("claim_checks"), mini("sources"))
    for s in (early, late):
        s.set_label("C04", "forecast", "outlet_itself")
    assert early.feedback("C04").verdict == "no_check_yet"
    assert late.feedback("C04").verdict == "borne_out"


def test_results_summary_and_chart(sorter, mini):
    sorter.set_label("C01", "fact", "outlet_itself")
    sorter.set_label("C03", "forecast", "unnamed")
    for cid in ("C01", "C03"):
        sorter.feedback(cid)
    res = sorter.results()
    assert list(res["claim_id"]) == ["C01", "C03"]
    assert list(res["type_correct"]) == [True, False] and list(res["group_correct"]) == [True, True]
    assert sorter.summary() == {"claims": 5, "checked": 2, "type_correct": 1, "group_correct": 2}
    data = sorter_chart_data(res)
    assert sorted(zip(data["type_given"], data["type_expected"], data["claims"], data["agree"])) == [
        ("fact", "fact", 1, "same as the data"),
        ("forecast", "assessment", 1, "different"),
    ]
    assert sorter_chart(res).to_dict()["layer"][0]["mark"]["type"] == "rect"
    with pytest.raises(ValueError, match="no claim checked"):
        sorter_chart(ClaimSorter(mini("claims")).results())


def test_a_subset_of_claims(mini):
    s = ClaimSorter(mini("claims"), claim_ids=["C05", "C02"])
    assert s.claim_ids == ["C05", "C02"]
    with pytest.raises(ValueError, match=r"no claim\(s\) \['C77'\]"):
        ClaimSorter(mini("claims"), claim_ids=["C77"])
    with pytest.raises(ValueError, match="claim_ids is empty"):
        ClaimSorter(mini("claims"), claim_ids=[])


def test_widget_check_next_and_back(widget):
    assert widget.claim_select.value == "C01"
    assert 'dir="rtl"' in widget.card.value and "نص تجريبي" in widget.card.value
    widget.check_button.click()
    assert "Pick a type of claim" in widget.message.value and widget.feedback.value == ""
    widget.type_buttons.value = "fact"
    widget.group_buttons.value = "outlet_itself"
    widget.check_button.click()
    assert widget.message.value == "" and "✓ Type" in widget.last_feedback.text()
    assert "<b>1</b> / 5 checked" in widget.progress.value and widget.chart_svg.startswith("<svg")
    widget.next_button.click()
    assert widget.claim_select.value == "C02"
    assert widget.type_buttons.value is None and widget.feedback.value == ""
    widget.prev_button.click()
    assert (widget.type_buttons.value, widget.group_buttons.value) == ("fact", "outlet_itself")
    assert "✓ Type" in widget.feedback.value  # the answer stays visible when coming back


def test_widget_arabic_labels(widget):
    widget.language_select.value = "ar"
    assert dict(widget.type_buttons.options)["واقعة"] == "fact"
    assert widget.check_button.description == "تحقّق من تصنيفي"
    assert iranus.get_language() == "en"


def test_empty_claims_table_gives_a_message(mini):
    box = claim_sorter(claims=mini("claims").iloc[0:0], claim_checks=mini("claim_checks").iloc[0:0], sources=mini("sources"))
    assert "no claim to sort" in box.message.value


def test_real_claims_every_claim_can_be_checked():
    claims = real("claims")
    real("claim_checks")
    s = ClaimSorter(claims, iranus.load("claim_checks", as_of="2026-02-06"), iranus.load("sources"), as_of="2026-02-06")
    for cid in s.claim_ids:
        row = s.claim(cid)
        s.set_label(cid, str(row["claim_type"]), ATTRIBUTION_GROUPS[str(row["attribution"])])
        fb = s.feedback(cid)
        assert fb.type_correct and fb.group_correct
        assert fb.verdict == "no_check_yet" or fb.check_date <= iranus.course_date()
    assert s.summary()["checked"] == len(claims)
