"""Headless tests of the forecast board and scorecard, and of the forecast file they share."""

from __future__ import annotations

import json
import os

import pytest
from test_widgets_data import mini, mini_dir, real  # noqa: F401  (fixtures)

from iranus.explorers import forecast_file as ff
from iranus.models.scoring import score_against_even_split
from iranus.explorers.forecast_ui import (
    ForecastBoard,
    ForecastScorecard,
    check_percentages,
    even_percentages,
    forecast_board,
    forecast_scorecard,
    forecast_table,
    rescale_to_100,
)

IDS = ["s_deal", "s_talks", "s_war"]
GOOD = {"s_deal": 0.2, "s_talks": 0.3, "s_war": 0.5}


# -- the file -----------------------------------------------------------------------------------


def test_save_and_load_round_trip(tmp_path):
    path = tmp_path / "f.json"
    done = ff.save_forecast(GOOD, path, as_of="2026-02-06", scenario_ids=IDS)
    assert done == ff.SavedForecast(path, None)
    record = json.loads(path.read_text(encoding="utf-8"))
    assert (record["format"], record["version"], record["as_of"], record["probabilities"]) == ("iranus-forecast", 1, "2026-02-06", GOOD)
    back = ff.load_forecast(path, IDS)
    assert back.probabilities == GOOD and back.as_of == "2026-02-06" and back.path == path
    assert back.percentages() == {"s_deal": 20.0, "s_talks": 30.0, "s_war": 50.0}
    assert sorted(p.name for p in tmp_path.iterdir()) == ["f.json"]  # no temporary file left


def test_default_file_is_in_the_working_folder(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    ff.save_forecast(GOOD)
    assert (tmp_path / "my_forecast.json").is_file()
    assert ff.load_forecast().probabilities == GOOD


def test_an_invalid_forecast_is_never_written(tmp_path):
    path = tmp_path / "f.json"
    ff.save_forecast(GOOD, path)
    before = path.read_bytes()
    with pytest.raises(ValueError, match=r"add up to 90%, not 100% \(-10 percentage points\)"):
        ff.save_forecast({"s_deal": 0.2, "s_talks": 0.2, "s_war": 0.5}, path)
    with pytest.raises(ValueError, match=r"outside 0-1 \(probabilities, not percentages\)"):
        ff.save_forecast({"s_deal": 20, "s_talks": 30, "s_war": 50}, path)
    with pytest.raises(ValueError, match=r"no probability for scenario\(s\) \['s_war'\]"):
        ff.save_forecast({"s_deal": 0.5, "s_talks": 0.5}, path, scenario_ids=IDS)
    assert path.read_bytes() == before


def test_missing_and_damaged_files_give_clear_messages_and_stay_untouched(tmp_path):
    with pytest.raises(ff.ForecastFileError, match="No saved forecast at .*nothing.json.*press Save"):
        ff.load_forecast(tmp_path / "nothing.json")
    bad = tmp_path / "bad.json"
    bad.write_text('{"format": "iranus-forecast", "probab', encoding="utf-8")
    with pytest.raises(ff.ForecastFileError, match=r"damaged: not valid JSON \(line 1, column 31"):
        ff.load_forecast(bad)
    assert bad.read_text(encoding="utf-8") == '{"format": "iranus-forecast", "probab'
    other = tmp_path / "other.json"
    other.write_text('{"a": 1}', encoding="utf-8")
    with pytest.raises(ff.ForecastFileError, match="not an iranus forecast file"):
        ff.load_forecast(other)
    wrong = tmp_path / "wrong.json"
    wrong.write_text(json.dumps({"format": "iranus-forecast", "version": 1, "probabilities": {"a": 0.7, "b": 0.7}}), encoding="utf-8")
    with pytest.raises(ff.ForecastFileError, match="add up to 140%"):
        ff.load_forecast(wrong)
    ff.save_forecast(GOOD, tmp_path / "g.json")
    with pytest.raises(ff.ForecastFileError, match=r"unknown scenario\(s\) \['s_war'\]"):
        ff.load_forecast(tmp_path / "g.json", ["s_deal", "s_talks"])
    binary = tmp_path / "bin.json"
    binary.write_bytes(b"\xff\xfe\x00")
    with pytest.raises(ff.ForecastFileError, match="not a text"):
        ff.load_forecast(binary)


def test_saving_over_a_damaged_file_keeps_a_copy(tmp_path):
    path = tmp_path / "f.json"
    path.write_text("half a fi", encoding="utf-8")
    done = ff.save_forecast(GOOD, path)
    assert done.backup is not None and done.backup.read_text(encoding="utf-8") == "half a fi"
    assert done.backup.name.startswith("f.unreadable-") and done.backup.suffix == ".json"
    assert ff.load_forecast(path).probabilities == GOOD


def test_a_failed_write_leaves_the_old_file_and_no_temporary_file(tmp_path, monkeypatch):
    path = tmp_path / "f.json"
    ff.save_forecast(GOOD, path)
    before = path.read_bytes()

    def disk_full(*_args):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(ff.os, "replace", disk_full)
    with pytest.raises(ff.ForecastFileError, match="No space left on device.*old file, if any, is unchanged"):
        ff.save_forecast({"s_deal": 1.0, "s_talks": 0.0, "s_war": 0.0}, path)
    assert path.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["f.json"]


def test_saving_into_a_missing_folder(tmp_path):
    with pytest.raises(ff.ForecastFileError, match="does not exist"):
        ff.save_forecast(GOOD, tmp_path / "no" / "f.json")


# -- the board's logic ----------------------------------------------------------------------------


def test_even_percentages_and_rescaling():
    assert even_percentages(IDS) == {"s_deal": 34, "s_talks": 33, "s_war": 33}
    assert even_percentages(["a", "b", "c", "d"]) == {"a": 25, "b": 25, "c": 25, "d": 25}
    with pytest.raises(ValueError, match="no scenarios"):
        even_percentages([])
    assert rescale_to_100({"a": 34, "b": 33, "c": 50}) == {"a": 29, "b": 28, "c": 43}
    assert rescale_to_100({"a": 1, "b": 1, "c": 2}) == {"a": 25, "b": 25, "c": 50}
    assert rescale_to_100({"a": 0, "b": 0}) == {"a": 50, "b": 50}
    assert sum(rescale_to_100({"a": 1, "b": 1, "c": 1}).values()) == 100
    with pytest.raises(ValueError, match="use a number from 0 to 100"):
        rescale_to_100({"a": -5})


def test_check_percentages_says_how_many_points_are_off():
    assert check_percentages({"s_deal": 20, "s_talks": 30, "s_war": 50}, IDS) == GOOD
    with pytest.raises(ValueError, match="add up to 95%, not 100%: add 5 points"):
        check_percentages({"s_deal": 20, "s_talks": 25, "s_war": 50}, IDS)
    with pytest.raises(ValueError, match="add up to 110%, not 100%: take away 10 points"):
        check_percentages({"s_deal": 30, "s_talks": 30, "s_war": 50}, IDS)
    with pytest.raises(ValueError, match=r"missing \['s_war'\]"):
        check_percentages({"s_deal": 50, "s_talks": 50}, IDS)


def test_forecast_table_is_in_display_order_with_labels(mini):
    t = forecast_table({"s_war": 60, "s_deal": 40}, mini("scenarios"), "ar")
    assert list(t["scenario_id"]) == IDS and list(t["scenario"]) == ["اتفاق", "استمرار المفاوضات", "حرب"]
    assert list(t["percent"]) == [40.0, 0.0, 60.0]


# -- the board widget -----------------------------------------------------------------------------


def test_board_refuses_to_save_until_it_adds_up(mini, tmp_path):
    path = tmp_path / "my_forecast.json"
    board = ForecastBoard(scenarios=mini("scenarios"), path=path, as_of="2026-02-06")
    assert board.percentages() == {"s_deal": 34, "s_talks": 33, "s_war": 33} and "100%" in board.total.value
    first = board.chart_svg
    board.sliders["s_war"].value = 50
    assert "117% (needs to be 100)" in board.total.value and board.chart_svg != first
    board.save_button.click()
    assert "take away 17 points" in board.message.value and not path.exists()
    board.sliders["s_war"].value = 33  # back to 100%: the refusal no longer applies
    assert "100%" in board.total.value and board.message.value == ""
    board.sliders["s_war"].value = 50
    board.even_button.click()
    assert board.percentages() == {"s_deal": 29, "s_talks": 28, "s_war": 43}
    board.save_button.click()
    assert "Saved your forecast" in board.message.value
    saved = ff.load_forecast(path)
    assert saved.percentages() == pytest.approx({"s_deal": 29, "s_talks": 28, "s_war": 43})
    assert saved.as_of == "2026-02-06"


def test_a_new_board_starts_from_the_saved_forecast(mini, tmp_path):
    path = tmp_path / "my_forecast.json"
    ff.save_forecast(GOOD, path)
    board = ForecastBoard(scenarios=mini("scenarios"), path=path)
    assert board.percentages() == {"s_deal": 20, "s_talks": 30, "s_war": 50}
    assert "Loaded your saved forecast" in board.message.value
    board.sliders["s_deal"].value = 0
    board.load_button.click()
    assert board.percentages()["s_deal"] == 20


def test_a_damaged_file_is_reported_and_kept_when_saving(mini, tmp_path):
    path = tmp_path / "my_forecast.json"
    path.write_text("{oops", encoding="utf-8")
    board = ForecastBoard(scenarios=mini("scenarios"), path=path)
    assert "damaged" in board.message.value and "keep a copy" in board.message.value
    assert board.percentages() == {"s_deal": 34, "s_talks": 33, "s_war": 33}
    board.load_button.click()
    assert "damaged" in board.message.value
    board.save_button.click()
    assert "kept as" in board.message.value
    backups = [p for p in os.listdir(tmp_path) if "unreadable" in p]
    assert len(backups) == 1 and (tmp_path / backups[0]).read_text(encoding="utf-8") == "{oops"


def test_board_in_arabic(mini, tmp_path):
    board = forecast_board(scenarios=mini("scenarios"), path=tmp_path / "f.json", language="ar")
    assert 'dir="rtl"' in board._labels["s_war"].value and "حرب" in board._labels["s_war"].value
    assert board.save_button.description == "حفظ" and "حرب" in board.chart_svg


# -- the scorecard --------------------------------------------------------------------------------


def test_score_saved_forecast_against_an_even_percentages(mini, tmp_path):
    ff.save_forecast(GOOD, tmp_path / "f.json")
    mine, even = score_against_even_split(ff.load_forecast(tmp_path / "f.json").probabilities, mini("scenarios"), mini("scenario_outcomes"))
    # s_war occurred: (0.2)^2 + (0.3)^2 + (0.5 - 1)^2 = 0.38; even split: 2 * (1/3)^2 + (2/3)^2 = 2/3
    assert mine.brier_multicategory == pytest.approx(0.38) and mine.occurred == "s_war"
    assert even.brier_multicategory == pytest.approx(2 / 3)


def test_scorecard_widget(mini, tmp_path):
    ff.save_forecast(GOOD, tmp_path / "f.json", as_of="2026-02-06")
    card = ForecastScorecard(scenarios=mini("scenarios"), outcomes=mini("scenario_outcomes"), sources=mini("sources"), path=tmp_path / "f.json")
    assert card.message.value == ""
    assert "gave 50% to what happened first: War" in card.summary.value
    assert "Your Brier score: 0.380" in card.summary.value and "scores 0.667: you did better than it" in card.summary.value
    assert "occurred" in card.chart_svg and card.table.value.count("<tr>") == 4


def test_scorecard_without_a_saved_forecast_says_what_to_do(mini, tmp_path):
    card = forecast_scorecard(scenarios=mini("scenarios"), outcomes=mini("scenario_outcomes"), sources=mini("sources"), path=tmp_path / "none.json")
    assert "No saved forecast" in card.message.value and "press Save" in card.message.value
    assert card.score is None and card.chart_svg == ""


def test_real_scenarios_board_and_scorecard(tmp_path):
    scenarios = real("scenarios")
    real("scenario_outcomes")
    board = forecast_board(as_of="2026-02-06", path=tmp_path / "f.json")
    assert isinstance(board, ForecastBoard), getattr(board, "value", "")
    assert sum(board.percentages().values()) == 100 and len(board.sliders) == len(scenarios)
    board.save_button.click()
    card = forecast_scorecard(path=tmp_path / "f.json")
    assert isinstance(card, ForecastScorecard), getattr(card, "value", "")
    assert card.score is not None, card.message.value
    # the record: of the four scenarios, military escalation occurred first (strikes from 28 Feb 2026)
    assert len(scenarios) == 4 and card.score.occurred == "military_escalation"
    assert card.score.table["occurred"].sum() == 1
    assert card.even_score.brier_multicategory == pytest.approx(0.75)  # an even split: 1 - 1/4
