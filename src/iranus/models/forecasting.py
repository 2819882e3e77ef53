"""Forecasting: a spatial baseline forecast of each issue, and scoring of probabilistic forecasts.

Two standard tools of the field, each with its source:

- **The spatial baseline** (Black 1948; Bueno de Mesquita 1994). Put every actor's stated
  position on an issue on a one-dimensional scale (the 0-100 ``stance`` of the positions table)
  and weight it by the actor's capability times the salience of the issue to it. The *weighted
  mean* is Bueno de Mesquita's baseline forecast of the outcome; the *weighted median* is the
  position that no weighted majority can beat in pairwise votes (Black's median voter theorem:
  D. Black, 1948, "On the Rationale of Group Decision-making", *Journal of Political Economy*
  56(1), 23-34; B. Bueno de Mesquita, 1994, "Political Forecasting: An Expected Utility Method",
  in Bueno de Mesquita and Stokman (eds.), *European Community Decision Making*, Yale University
  Press). Capabilities are the course's teaching coding in ``data/capabilities.csv``.
- **Brier scores** (G. W. Brier, 1950, "Verification of Forecasts Expressed in Terms of
  Probability", *Monthly Weather Review* 78(1), 1-3), in two conventions with distinct names:
  :func:`brier_score_binary`, the mean squared error of yes/no forecasts (0 = perfect, 1 = worst),
  and :func:`brier_score_multicategory`, Brier's original score over mutually exclusive
  categories, summed over the categories and averaged over forecasts (0 = perfect, 2 = worst).
  For a yes/no event written as two categories the original score is exactly twice the binary
  one.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd

from ..datasets.dates import frame_as_of
from ._codings import latest_rows
from ._args import (
    ModelInputError,
    finite_numbers,
    non_negative,
    preview,
    probabilities,
    require_frame,
    sums_to_one,
)

__all__ = [
    "ModelInputError",
    "ScenarioScore",
    "brier_score_binary",
    "brier_score_multicategory",
    "position_baseline",
    "score_scenario_forecast",
    "weighted_mean_position",
    "weighted_median_position",
]

_SPATIAL_COLUMNS = ["actor_id", "position", "capability", "salience"]


# -- the spatial baseline ----------------------------------------------------------------------


def _spatial_inputs(actors: pd.DataFrame, argument: str = "actors") -> tuple[np.ndarray, np.ndarray, list]:
    """Positions and weights (capability x salience) of a spatial table, validated."""
    require_frame(actors, argument, _SPATIAL_COLUMNS)
    if actors.empty:
        raise ModelInputError(f"{argument} has no rows: at least one actor is needed", argument)
    names = [str(a) for a in actors["actor_id"]]
    position = finite_numbers(actors["position"], f"{argument}['position']", names)
    capability = non_negative(
        finite_numbers(actors["capability"], f"{argument}['capability']", names), argument, names, "capability"
    )
    salience = non_negative(
        finite_numbers(actors["salience"], f"{argument}['salience']", names), argument, names, "salience"
    )
    weight = capability * salience
    if weight.sum() <= 0:
        raise ModelInputError(
            f"{argument}: every actor has zero weight (capability x salience), so no position can be averaged",
            argument,
        )
    return position, weight, names


def weighted_mean_position(actors: pd.DataFrame) -> float:
    """Bueno de Mesquita's baseline forecast: the mean of positions weighted by capability x salience.

    Args:
        actors: one row per actor, columns ``actor_id``, ``position`` (a point on a one-
            dimensional issue scale, any unit), ``capability`` (>= 0, any unit) and ``salience``
            (>= 0, any unit); other columns are ignored.

    Returns:
        The weighted mean, in the unit of ``position`` (float).

    Raises:
        ModelInputError: a missing column; no rows; a value that is not a finite number; a
            negative capability or salience (names the actor); all weights zero.

    Method: Bueno de Mesquita (1994); reproduces his EU car-emissions example as reprinted by
    Scholz, Calbert and Smith (2011, Journal of Theoretical Politics 23(4), Table 1): 7.389956.

    >>> import pandas as pd
    >>> weighted_mean_position(pd.DataFrame({"actor_id": ["a", "b"], "position": [0, 100],
    ...     "capability": [1, 1], "salience": [30, 10]}))
    25.0
    """
    position, weight, _ = _spatial_inputs(actors)
    return float(np.dot(position, weight) / weight.sum())


def weighted_median_position(actors: pd.DataFrame) -> float:
    """Black's weighted median: the position no weighted majority prefers to move away from.

    Sorts the positions and returns the first one at which the cumulative weight (capability x
    salience) reaches half the total weight. When the weight below a position is exactly half,
    any point between that position and the next one is a median; the midpoint is returned.

    Args:
        actors: as in :func:`weighted_mean_position`.

    Returns:
        The weighted median, in the unit of ``position`` (float).

    Raises:
        ModelInputError: as :func:`weighted_mean_position`.

    Method: Black (1948), the median voter theorem, with weights as in Bueno de Mesquita (1994);
    the EU car-emissions example above gives 7.

    >>> import pandas as pd
    >>> weighted_median_position(pd.DataFrame({"actor_id": ["a", "b", "c"],
    ...     "position": [0, 50, 100], "capability": [1, 1, 1], "salience": [40, 20, 40]}))
    50.0
    """
    position, weight, _ = _spatial_inputs(actors)
    counted = weight > 0  # an actor with no weight is not a voter
    position, weight = position[counted], weight[counted]
    order = np.argsort(position, kind="stable")
    x, w = position[order], weight[order]
    # merge equal positions so that a tie in position is one candidate
    values, start = np.unique(x, return_index=True)
    totals = np.add.reduceat(w, start)
    cumulative = np.cumsum(totals)
    half = cumulative[-1] / 2.0
    tol = 1e-12 * cumulative[-1]
    k = int(np.searchsorted(cumulative, half - tol))
    if abs(cumulative[k] - half) <= tol and k + 1 < len(values):
        return float((values[k] + values[k + 1]) / 2.0)
    return float(values[k])


def position_baseline(
    positions: pd.DataFrame,
    capabilities: pd.DataFrame,
    missing_capability: str = "raise",
) -> pd.DataFrame:
    """The spatial baseline of every issue from a positions table cut at a date.

    For each actor and issue, takes the actor's latest coded position in ``positions`` (when
    several rows share that latest date, their mean stance and mean salience), weights it by the
    actor's latest capability times its salience, and computes the weighted mean (Bueno de
    Mesquita's forecast) and weighted median (Black's median) of the stances. Pure: the tables
    come already cut at the date wanted (``c = iranus.course(); position_baseline(c.load("positions"),
    c.load("capabilities"))``).

    Args:
        positions: a positions table (columns ``actor_id``, ``issue_id``, ``date``, ``stance``
            0-100, ``salience`` 0-100), cut at the date.
        capabilities: a capabilities table (columns ``actor_id``, ``date``, ``capability``), cut
            at the same date.
        missing_capability: ``"raise"`` (default) to stop on an actor with a position but no
            capability, ``"drop"`` to leave such actors out (listed in ``dropped``).

    Returns:
        DataFrame, one row per issue with at least one position (sorted by issue id), columns:
        ``issue_id`` (string), ``n_actors`` (Int64), ``weighted_mean`` (float64, stance scale
        0-100), ``weighted_median`` (float64, stance scale), ``actors`` (string: the actors
        counted, comma-separated) and ``dropped`` (string: actors left out for lack of a
        capability, <NA> if none).

    Raises:
        ModelInputError: no position at all; an actor without a capability (with
            ``missing_capability="raise"``; names the actor and the cut date); a negative
            capability; a bad ``missing_capability`` value.

    Method: Black (1948); Bueno de Mesquita (1994). A teaching baseline, not a forecast of the
    course: capabilities and stances are codings (see the codebook).
    """
    if missing_capability not in ("raise", "drop"):
        raise ModelInputError(
            f"missing_capability must be 'raise' or 'drop', not {missing_capability!r}", "missing_capability"
        )
    require_frame(positions, "positions", ["actor_id", "issue_id", "date", "stance", "salience"])
    require_frame(capabilities, "capabilities", ["actor_id", "date", "capability"])
    cut = frame_as_of(positions)
    when = f"on or before {cut:%Y-%m-%d}" if cut is not None else "in the tables"
    pos, cap = positions, capabilities
    if pos.empty:
        raise ModelInputError(f"positions: no position is dated {when}", "positions", cut)
    pos = pos.assign(date=pd.to_datetime(pos["date"]))
    latest = pos.groupby(["actor_id", "issue_id"], observed=True)["date"].transform("max")
    current = (
        pos[pos["date"] == latest]
        .assign(stance=lambda d: d["stance"].astype("float64"), salience=lambda d: d["salience"].astype("float64"))
        .groupby(["issue_id", "actor_id"], observed=True)[["stance", "salience"]]
        .mean()
        .reset_index()
    )
    cap = latest_rows(cap.assign(date=pd.to_datetime(cap["date"])), ["actor_id"])
    cap_of = dict(zip(cap["actor_id"].astype(str), cap["capability"]))
    rows = []
    for issue, group in current.groupby("issue_id", sort=True, observed=True):
        have = [a in cap_of for a in group["actor_id"].astype(str)]
        dropped = sorted(group.loc[[not h for h in have], "actor_id"].astype(str))
        if dropped and missing_capability == "raise":
            raise ModelInputError(
                f"capabilities: no capability for {dropped[0]!r} {when}, but it has a "
                f"position on {issue!r}; add a row to capabilities.csv or pass missing_capability='drop'",
                "capabilities",
                dropped[0],
            )
        kept = group[have]
        if kept.empty:
            continue
        table = pd.DataFrame(
            {
                "actor_id": kept["actor_id"].astype(str).to_numpy(),
                "position": kept["stance"].to_numpy(),
                "capability": [cap_of[a] for a in kept["actor_id"].astype(str)],
                "salience": kept["salience"].to_numpy(),
            }
        )
        weight = table["capability"].astype(float) * table["salience"]
        if (weight > 0).any():
            mean, median = weighted_mean_position(table), weighted_median_position(table)
        else:
            mean = median = np.nan
        rows.append(
            (str(issue), len(table), mean, median, ", ".join(sorted(table["actor_id"])), ", ".join(dropped) or None)
        )
    out = pd.DataFrame(rows, columns=["issue_id", "n_actors", "weighted_mean", "weighted_median", "actors", "dropped"])
    return out.astype(
        {
            "issue_id": "string",
            "n_actors": "Int64",
            "weighted_mean": "float64",
            "weighted_median": "float64",
            "actors": "string",
            "dropped": "string",
        }
    )


# -- Brier scores ------------------------------------------------------------------------------


def brier_score_binary(forecasts: Sequence[float], outcomes: Sequence[int | bool]) -> float:
    """The Brier score of yes/no forecasts: the mean squared error, from 0 (perfect) to 1.

    ``mean((p_t - o_t)^2)`` over forecasts t, where p_t is the forecast probability that the
    event happens and o_t is 1 if it happened, 0 if not. This is the convention of most
    forecasting tournaments; Brier's original two-category score is twice this value.

    Args:
        forecasts: probabilities in [0, 1], shape (n,).
        outcomes: 1/0 or True/False, shape (n,).

    Returns:
        float in [0, 1].

    Raises:
        ModelInputError: empty input; lengths differ; a probability outside [0, 1] or not a
            number; an outcome other than 0/1 (each names the position).

    Method: Brier (1950), Monthly Weather Review 78(1), 1-3, in its binary form.

    >>> brier_score_binary([0.1, 0.9, 0.8, 0.3], [0, 1, 1, 0])
    0.0375
    """
    p = probabilities(list(forecasts), "forecasts")
    o = _binary_outcomes(outcomes)
    if p.size == 0:
        raise ModelInputError("forecasts is empty: at least one forecast is needed", "forecasts")
    if p.size != o.size:
        raise ModelInputError(
            f"forecasts has {p.size} probabilities but outcomes has {o.size} values; they must pair up", "outcomes"
        )
    return float(np.round(np.mean((p - o) ** 2), 15))


def _binary_outcomes(outcomes) -> np.ndarray:
    values = list(outcomes)
    out = np.empty(len(values), dtype="float64")
    for i, v in enumerate(values):
        if isinstance(v, (bool, np.bool_)) or (isinstance(v, (int, float, np.integer, np.floating)) and v in (0, 1)):
            out[i] = float(v)
        else:
            raise ModelInputError(
                f"outcomes: entry {i} is {v!r}; an outcome is 1 (happened) or 0 (did not)", "outcomes", i
            )
    return out


def brier_score_multicategory(
    forecasts: pd.DataFrame | Mapping[str, float],
    outcomes: Sequence[str] | str,
) -> float:
    """Brier's original score over mutually exclusive categories, from 0 (perfect) to 2.

    ``(1/n) * sum_t sum_j (p_tj - o_tj)^2``, where p_tj is the probability forecast t gives
    category j and o_tj is 1 for the category that happened and 0 for the others.

    Args:
        forecasts: a DataFrame with one row per forecast and one column per category (each row
            summing to 1), or, for a single forecast, a dict category -> probability.
        outcomes: for each row, the category that happened (a column name); a single category
            for a single forecast.

    Returns:
        float in [0, 2].

    Raises:
        ModelInputError: no rows or categories; a probability outside [0, 1]; a row that does
            not sum to 1 (names the row and its sum); an outcome that is not one of the
            categories; as many outcomes as rows are needed.

    Method: Brier (1950), Monthly Weather Review 78(1), 1-3, equation (1).

    >>> brier_score_multicategory({"no": 0.9, "yes": 0.1}, "no")
    0.02
    """
    if isinstance(forecasts, Mapping):
        frame = pd.DataFrame([dict(forecasts)])
        outcomes = [outcomes] if isinstance(outcomes, str) else list(outcomes)
    elif isinstance(forecasts, pd.DataFrame):
        frame = forecasts
        outcomes = [outcomes] if isinstance(outcomes, str) else list(outcomes)
    else:
        raise ModelInputError(
            "forecasts must be a DataFrame (rows: forecasts, columns: categories) or a dict "
            f"category -> probability, not {type(forecasts).__name__}",
            "forecasts",
        )
    if frame.shape[0] == 0 or frame.shape[1] == 0:
        raise ModelInputError("forecasts is empty: at least one forecast over at least one category", "forecasts")
    categories = [str(c) for c in frame.columns]
    if len(outcomes) != frame.shape[0]:
        raise ModelInputError(
            f"outcomes has {len(outcomes)} entries but forecasts has {frame.shape[0]} rows; give the category "
            "that happened for each row",
            "outcomes",
        )
    total = 0.0
    for (row, values), happened in zip(frame.iterrows(), outcomes):
        p = probabilities(values.to_numpy(), "forecasts", [f"row {row!r}, {c}" for c in categories])
        sums_to_one(p, "forecasts", f"row {row!r}")
        if str(happened) not in categories:
            raise ModelInputError(
                f"outcomes: {happened!r} (row {row!r}) is not one of the categories {preview(categories)}",
                "outcomes",
                happened,
            )
        o = np.array([1.0 if c == str(happened) else 0.0 for c in categories])
        total += float(np.sum((p - o) ** 2))
    return float(np.round(total / frame.shape[0], 15))


@dataclass(frozen=True)
class ScenarioScore:
    """A scored scenario forecast.

    Attributes:
        table: one row per scenario: ``scenario_id`` (string), ``probability`` (float64),
            ``occurred`` (boolean), ``squared_error`` (float64: (probability - occurred)^2).
        brier_multicategory: Brier's original score of the forecast, 0-2 (one forecast over
            mutually exclusive scenarios).
        brier_binary: the mean over scenarios of the squared errors, 0-1 (each scenario scored
            as a yes/no event); equals ``brier_multicategory / number of scenarios``.
        occurred: the id of the scenario that happened.
        as_of: date the outcomes were read at (None: the whole record).
    """

    table: pd.DataFrame
    brier_multicategory: float
    brier_binary: float
    occurred: str
    as_of: pd.Timestamp | None


def score_scenario_forecast(
    forecast: Mapping[str, float],
    scenarios: pd.DataFrame,
    outcomes: pd.DataFrame,
) -> ScenarioScore:
    """Score a probability forecast over the course's scenarios against what happened.

    The scenarios are mutually exclusive (what happens first by the resolution date), so a
    forecast gives each one a probability and the probabilities sum to 1. Pure: the outcomes
    come already cut at the date wanted (``iranus.course(as_of=None).load("scenario_outcomes")``
    for the whole record). This is the one forecast scorer; :mod:`iranus.models.scoring` scores
    several forecasts with it.

    Args:
        forecast: scenario id -> probability, one entry for every scenario.
        scenarios: a scenarios table (column ``scenario_id``).
        outcomes: an outcomes table (columns ``scenario_id``, ``date``, ``occurred``), cut at the
            date of scoring.

    Returns:
        A :class:`ScenarioScore` (both Brier conventions and the per-scenario table); its
        ``as_of`` is the outcomes' cut date (None: the whole record).

    Raises:
        ModelInputError: a scenario missing from the forecast or unknown to the data; a
            probability outside [0, 1]; probabilities that do not sum to 1 (gives the sum); a
            scenario whose outcome is not known in ``outcomes``; outcomes in which not exactly
            one scenario happened (names them).

    Method: Brier (1950).
    """
    cut = frame_as_of(outcomes)
    if not isinstance(forecast, Mapping):
        raise ModelInputError(
            f"forecast must be a dict of scenario id -> probability, not {type(forecast).__name__}", "forecast"
        )
    require_frame(scenarios, "scenarios", ["scenario_id"])
    require_frame(outcomes, "outcomes", ["scenario_id", "occurred"])
    ids = [str(s) for s in scenarios["scenario_id"]]
    for key in forecast:
        if key not in ids:
            raise ModelInputError(f"forecast: unknown scenario {key!r}; the scenarios are {ids}", "forecast", key)
    missing = [s for s in ids if s not in forecast]
    if missing:
        raise ModelInputError(
            f"forecast gives no probability for scenario(s) {missing}; give every scenario one (0 is allowed)",
            "forecast",
            missing[0],
        )
    p = probabilities([forecast[s] for s in ids], "forecast", ids)
    sums_to_one(p, "forecast", "the forecast")
    known = dict(zip(outcomes["scenario_id"].astype(str), outcomes["occurred"]))
    unknown = [s for s in ids if s not in known or pd.isna(known[s])]
    if unknown:
        when = f" as of {cut:%Y-%m-%d}" if cut is not None else ""
        raise ModelInputError(f"the outcome of scenario(s) {unknown} is not known{when}", "as_of", unknown[0])
    happened = [s for s in ids if bool(known[s])]
    if len(happened) != 1:
        raise ModelInputError(
            f"the scenarios are scored as mutually exclusive, but {len(happened)} of them occurred ({happened}); "
            "exactly one must have",
            "outcomes",
            happened,
        )
    o = np.array([1.0 if s == happened[0] else 0.0 for s in ids])
    table = pd.DataFrame(
        {"scenario_id": ids, "probability": p, "occurred": o.astype(bool), "squared_error": (p - o) ** 2}
    )
    table = table.astype(
        {"scenario_id": "string", "probability": "float64", "occurred": "boolean", "squared_error": "float64"}
    )
    multi = brier_score_multicategory(dict(zip(ids, p)), happened[0])
    binary = brier_score_binary(p, o.astype(int))
    return ScenarioScore(table=table, brier_multicategory=multi, brier_binary=binary, occurred=happened[0], as_of=cut)
