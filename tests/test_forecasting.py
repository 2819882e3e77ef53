"""iranus.models.forecasting: the spatial baseline (Black; Bueno de Mesquita) and Brier scores.

Published numbers reproduced here:

- Bueno de Mesquita (1994), the EU car emission-standards example, as reprinted in Scholz,
  Calbert and Smith (2011), Journal of Theoretical Politics 23(4), Table 1: capability, position
  (years) and salience of ten member states. Weighted mean of positions (weights capability x
  salience) = 7.389956 (6 d.p.); weighted median = 7.
- Brier (1950), Monthly Weather Review 78(1), 1-3: the score of binary outcomes [0, 1, 1, 0]
  forecast with [0.1, 0.9, 0.8, 0.3] is 0.0375 in the 0-1 convention, and twice that (0.075) in
  Brier's original two-category form.
"""

from __future__ import annotations

import doctest

import numpy as np
import pandas as pd
import pytest

import iranus
from iranus.datasets.dates import cut
from iranus.models import forecasting as fc

EU_CAR_EMISSIONS = pd.DataFrame(
    [
        ("Netherlands", 0.08, 4, 80),
        ("Belgium", 0.08, 7, 40),
        ("Luxembourg", 0.03, 4, 20),
        ("Germany", 0.16, 4, 80),
        ("France", 0.16, 10, 60),
        ("Italy", 0.16, 10, 60),
        ("UK", 0.16, 10, 90),
        ("Ireland", 0.05, 7, 10),
        ("Denmark", 0.05, 4, 100),
        ("Greece", 0.08, 7, 70),
    ],
    columns=["actor_id", "capability", "position", "salience"],
)


# -- Bueno de Mesquita's EU example --------------------------------------------------------------


def test_weighted_mean_reproduces_bueno_de_mesquita_eu_example():
    assert round(fc.weighted_mean_position(EU_CAR_EMISSIONS), 6) == 7.389956


def test_weighted_median_reproduces_bueno_de_mesquita_eu_example():
    assert fc.weighted_median_position(EU_CAR_EMISSIONS) == 7.0


def test_baseline_does_not_depend_on_the_unit_of_capability_or_salience():
    scaled = EU_CAR_EMISSIONS.assign(
        capability=EU_CAR_EMISSIONS["capability"] * 100, salience=EU_CAR_EMISSIONS["salience"] / 100
    )
    assert fc.weighted_mean_position(scaled) == pytest.approx(7.389956, abs=5e-7)
    assert fc.weighted_median_position(scaled) == 7.0


def test_weighted_median_moves_with_a_heavy_actor():
    heavier_uk = EU_CAR_EMISSIONS.assign(
        salience=EU_CAR_EMISSIONS["salience"].where(EU_CAR_EMISSIONS["actor_id"] != "UK", 200)
    )
    # UK weight 0.16*200 = 32 puts the 10-year camp (51.2) past half of the total (85.3)
    assert fc.weighted_median_position(heavier_uk) == 10.0


def test_weighted_median_of_an_exact_tie_is_the_midpoint():
    tie = pd.DataFrame({"actor_id": ["a", "b"], "position": [20, 60], "capability": [1, 2], "salience": [50, 25]})
    assert fc.weighted_median_position(tie) == 40.0
    assert fc.weighted_mean_position(tie) == 40.0


def test_an_actor_with_zero_weight_does_not_count():
    base = pd.DataFrame({"actor_id": ["a", "b"], "position": [10, 30], "capability": [1, 1], "salience": [1, 3]})
    extra = pd.concat([base, pd.DataFrame({"actor_id": ["c"], "position": [100], "capability": [0], "salience": [90]})])
    assert fc.weighted_mean_position(extra) == fc.weighted_mean_position(base) == 25.0
    # an exact split around a weightless actor in the middle: the median is still the midpoint
    split = pd.DataFrame(
        {"actor_id": ["a", "b", "c"], "position": [0, 50, 100], "capability": [1, 0, 1], "salience": [5, 5, 5]}
    )
    assert fc.weighted_median_position(split) == 50.0
    split.loc[1, "position"] = 10
    assert fc.weighted_median_position(split) == 50.0


@pytest.mark.parametrize(
    "column,value,message",
    [
        ("capability", -0.16, r"capability of 'France' is -0.16; it cannot be negative"),
        ("salience", -5, r"salience of 'France' is -5; it cannot be negative"),
        ("position", np.nan, r"entry 'France' is nan"),
        ("capability", "big", r"entry 'France' is 'big', not a number"),
    ],
)
def test_bad_spatial_inputs_name_the_actor(column, value, message):
    bad = EU_CAR_EMISSIONS.astype(object).copy()
    bad.loc[bad["actor_id"] == "France", column] = value
    with pytest.raises(fc.ModelInputError, match=message):
        fc.weighted_mean_position(bad)


def test_spatial_inputs_need_the_columns_and_some_weight():
    with pytest.raises(fc.ModelInputError, match=r"missing column\(s\) \['salience'\]"):
        fc.weighted_median_position(EU_CAR_EMISSIONS.drop(columns="salience"))
    with pytest.raises(fc.ModelInputError, match="every actor has zero weight"):
        fc.weighted_mean_position(EU_CAR_EMISSIONS.assign(salience=0))
    with pytest.raises(fc.ModelInputError, match="has no rows"):
        fc.weighted_mean_position(EU_CAR_EMISSIONS.iloc[:0])


# -- the baseline on positions tables --------------------------------------------------------------


def positions_table():
    return pd.DataFrame(
        [
            ("us", "enrichment", "2026-01-10", 80, 50),
            ("us", "enrichment", "2026-02-05", 100, 90),  # latest: replaces the January row
            ("iran", "enrichment", "2026-02-02", 0, 80),
            ("iran", "enrichment", "2026-02-02", 20, 60),  # same day: averaged with the row above
            ("oman", "enrichment", "2026-02-27", 40, 50),  # after the cut date
            ("oman", "venue_format", "2026-02-06", 15, 60),
        ],
        columns=["actor_id", "issue_id", "date", "stance", "salience"],
    ).assign(date=lambda d: pd.to_datetime(d["date"]))


def capabilities_table():
    return pd.DataFrame(
        [("us", "2026-02-06", 100), ("iran", "2026-02-06", 60), ("iran", "2026-03-01", 10)],
        columns=["actor_id", "date", "capability"],
    ).assign(date=lambda d: pd.to_datetime(d["date"]))


def cut_tables(as_of):
    """The two tables cut at ``as_of`` by the one date cut, marked as the loader marks them."""
    out = []
    for table in (positions_table(), capabilities_table()):
        table = cut(table, as_of)
        table.attrs["iranus"] = {"as_of": pd.Timestamp(as_of)}
        out.append(table)
    return out


def test_position_baseline_uses_the_latest_coding_of_each_actor():
    out = fc.position_baseline(
        *cut_tables("2026-02-06"), missing_capability="drop"
    ).set_index("issue_id")
    # us: stance 100, weight 100*90 = 9000; iran: mean stance 10, mean salience 70, weight 60*70 = 4200
    assert out.loc["enrichment", "weighted_mean"] == pytest.approx((100 * 9000 + 10 * 4200) / 13200)
    assert out.loc["enrichment", "weighted_median"] == 100.0
    assert out.loc["enrichment", "n_actors"] == 2 and out.loc["enrichment", "actors"] == "iran, us"
    assert pd.isna(out.loc["enrichment", "dropped"])
    assert "venue_format" not in out.index  # oman has no capability: dropped, nothing left
    with pytest.raises(fc.ModelInputError, match=r"no capability for 'oman' on or before 2026-02-06"):
        fc.position_baseline(*cut_tables("2026-02-06"))


def test_position_baseline_rejects_a_date_with_no_positions():
    with pytest.raises(fc.ModelInputError, match="no position is dated on or before 2025-01-01"):
        fc.position_baseline(*cut_tables("2025-01-01"))


def test_course_baseline_covers_every_actor_with_a_position():
    c = iranus.course()
    out = fc.position_baseline(c.load("positions"), c.load("capabilities"))
    positions = c.load("positions")
    assert set(out["issue_id"]) == set(positions["issue_id"])
    assert out["dropped"].isna().all()
    assert out["weighted_mean"].between(0, 100).all() and out["weighted_median"].between(0, 100).all()
    for row in out.itertuples():
        stances = positions.loc[positions["issue_id"] == row.issue_id, "stance"].astype(float)
        assert stances.min() <= row.weighted_mean <= stances.max()


def test_course_capabilities_are_a_tiered_scale():
    caps = iranus.load("capabilities")
    assert caps.set_index("actor_id").loc["us", "capability"] == 100
    assert set(caps["capability"]) <= {100, 60, 40, 15, 10, 5}


# -- Brier scores ----------------------------------------------------------------------------------


def test_brier_binary_published_example():
    assert fc.brier_score_binary([0.1, 0.9, 0.8, 0.3], [0, 1, 1, 0]) == 0.0375


def test_brier_original_is_twice_the_binary_score_for_two_categories():
    forecasts = pd.DataFrame({"no": [0.9, 0.1, 0.2, 0.7], "yes": [0.1, 0.9, 0.8, 0.3]})
    assert fc.brier_score_multicategory(forecasts, ["no", "yes", "yes", "no"]) == 0.075


def test_brier_scores_span_their_ranges():
    assert fc.brier_score_binary([1, 0], [True, False]) == 0.0
    assert fc.brier_score_binary([0, 1], [1, 0]) == 1.0
    assert fc.brier_score_multicategory({"a": 1.0, "b": 0.0, "c": 0.0}, "a") == 0.0
    assert fc.brier_score_multicategory({"a": 0.0, "b": 1.0, "c": 0.0}, "a") == 2.0
    assert fc.brier_score_multicategory({"a": 0.5, "b": 0.25, "c": 0.25}, "a") == 0.375


def test_a_probability_vector_that_does_not_sum_to_one_is_named():
    forecasts = pd.DataFrame({"a": [0.5, 0.3], "b": [0.5, 0.3], "c": [0.0, 0.3]}, index=["ok", "learner"])
    with pytest.raises(fc.ModelInputError, match=r"probabilities of \"row 'learner'\" sum to 0.9, not 1"):
        fc.brier_score_multicategory(forecasts, ["a", "b"])


@pytest.mark.parametrize(
    "call,message",
    [
        (lambda: fc.brier_score_binary([0.2, 1.3], [0, 1]), r"probability of 1 is 1.3"),
        (lambda: fc.brier_score_binary([0.2, 0.3], [0, 2]), r"entry 1 is 2; an outcome is 1"),
        (lambda: fc.brier_score_binary([0.2, 0.3], [0, pd.NA]), r"entry 1 is <NA>; an outcome is 1"),
        (lambda: fc.brier_score_binary([0.2, 0.3], [0, "1"]), r"entry 1 is '1'; an outcome is 1"),
        (lambda: fc.brier_score_binary([0.2], [0, 1]), r"1 probabilities but outcomes has 2"),
        (lambda: fc.brier_score_binary([], []), r"forecasts is empty"),
        (
            lambda: fc.brier_score_multicategory({"a": 0.5, "b": 0.5}, "c"),
            r"'c' \(row 0\) is not one of the categories",
        ),
        (lambda: fc.brier_score_multicategory([0.5, 0.5], "a"), r"must be a DataFrame"),
    ],
)
def test_bad_forecasts_raise_clear_errors(call, message):
    with pytest.raises(fc.ModelInputError, match=message):
        call()


# -- scenario forecasts ----------------------------------------------------------------------------

SCENARIOS = pd.DataFrame({"scenario_id": ["deal", "talks_go_on", "strikes"]})
OUTCOMES = pd.DataFrame(
    {
        "scenario_id": ["deal", "talks_go_on", "strikes"],
        "date": pd.to_datetime(["2026-03-31", "2026-03-31", "2026-02-28"]),
        "occurred": pd.array([False, False, True], dtype="boolean"),
    }
)


def test_scenario_forecast_is_scored_in_both_conventions():
    score = fc.score_scenario_forecast(
        {"deal": 0.2, "talks_go_on": 0.5, "strikes": 0.3}, scenarios=SCENARIOS, outcomes=OUTCOMES
    )
    # (0.2-0)^2 + (0.5-0)^2 + (0.3-1)^2 = 0.04 + 0.25 + 0.49
    assert score.brier_multicategory == pytest.approx(0.78)
    assert score.brier_binary == pytest.approx(0.78 / 3)
    assert score.occurred == "strikes"
    assert score.table["squared_error"].tolist() == pytest.approx([0.04, 0.25, 0.49])


@pytest.mark.parametrize(
    "forecast,kwargs,message",
    [
        ({"deal": 0.5, "strikes": 0.5}, {}, r"no probability for scenario\(s\) \['talks_go_on'\]"),
        ({"deal": 0.5, "talks_go_on": 0.2, "strikes": 0.2, "war": 0.1}, {}, r"unknown scenario 'war'"),
        ({"deal": 0.5, "talks_go_on": 0.2, "strikes": 0.2}, {}, r"sum to 0.9, not 1"),
        (
            {"deal": 0.5, "talks_go_on": 0.2, "strikes": 0.3},
            {"as_of": "2026-03-01"},
            r"\['deal', 'talks_go_on'\] is not known as of 2026-03-01",
        ),
    ],
)
def test_bad_scenario_forecasts_raise_clear_errors(forecast, kwargs, message):
    with pytest.raises(fc.ModelInputError, match=message):
        outcomes = OUTCOMES
        if "as_of" in kwargs:
            outcomes = cut(OUTCOMES, kwargs["as_of"])
            outcomes.attrs["iranus"] = {"as_of": pd.Timestamp(kwargs["as_of"])}
        fc.score_scenario_forecast(forecast, scenarios=SCENARIOS, outcomes=outcomes)


def test_scenarios_must_be_mutually_exclusive_in_the_outcomes():
    two = OUTCOMES.assign(occurred=pd.array([True, False, True], dtype="boolean"))
    with pytest.raises(fc.ModelInputError, match=r"2 of them occurred \(\['deal', 'strikes'\]\)"):
        fc.score_scenario_forecast({"deal": 0.2, "talks_go_on": 0.5, "strikes": 0.3}, scenarios=SCENARIOS, outcomes=two)


def test_docstring_examples_run():
    result = doctest.testmod(fc, raise_on_error=False)
    assert result.attempted >= 4 and result.failed == 0
