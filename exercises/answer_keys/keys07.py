"""Automatic checks of exercise 07, the epilogue (``exercises/master/07_epilogue.ipynb``).

The epilogue may use the whole record (it ends on :func:`iranus.record_end`). Expected answers
come from the scenario outcomes, the latest checks of the article's forecasts, and Brier scores
computed by :mod:`iranus.models.forecasting` (Brier 1950).
"""

from __future__ import annotations

from iranus.checks import Question, cite, context, load, named
from iranus.checks.exercise_feedback import Mistake
from iranus.datasets.package import record_end as _record_end
from iranus.models import forecasting
from iranus.record import source_reading as sr

from iranus.checks.exercise07 import EXAMPLE_FORECAST, occurred  # noqa: E402 - shared with the student side


def brier(forecast: dict[str, float]) -> float:
    """Reference answer: Brier's multi-category score of a forecast against what occurred (0-2)."""
    return forecasting.brier_score_multicategory(forecast, occurred())


def forecasts_borne_out() -> list[str]:
    """The article's forecast claims whose latest check (whole record) is 'borne_out'."""
    v = sr.claim_verdicts(load("claims"), load("claim_checks"))
    rows = v[(v["claim_type"] == "forecast") & (v["verdict"] == "borne_out")]
    return sorted(rows["claim_id"].astype(str))


def forecast_claims() -> int:
    """Number of claims the article makes that are coded as forecasts."""
    return int((load("claims")["claim_type"] == "forecast").sum())


#: The exercise's automatic questions, registered by ``exercise_feedback.register_keys``.
QUESTIONS = (
    Question(
        "E07.occurred",
        "Which of the four scenarios occurred first in the window (6 February to 31 March 2026)? Give the scenario's name as the table shows it.",
        expected=occurred,
        kind="choice",
        choices=tuple(EXAMPLE_FORECAST),
        explain=lambda s: (
            f"{named([s], 'scenarios')}, according to the scenario outcomes table ({_outcome_note(s)}). Exactly one scenario "
            "resolves true by the question's design."
        ),
        hint="iranus.load('scenario_outcomes') and keep the row with occurred == True.",
    ),
    Question(
        "E07.example_brier",
        "What is the Brier score (Brier's original, multi-category version) of the example forecast "
        "EXAMPLE_FORECAST, given what happened? (a number between 0 and 2)",
        expected=lambda: brier(EXAMPLE_FORECAST),
        kind="number",
        tolerance=0.0005,
        explain=lambda b: (
            f"{b:.4f}. Sum over the scenarios of (probability - outcome)^2, where the outcome is 1 for the "
            "scenario that happened and 0 for the others: 0 is a perfect forecast, 2 the worst possible."
        ),
        hint="forecasting.brier_score_multicategory(EXAMPLE_FORECAST, <the scenario that occurred>).",
    ),
    Question(
        "E07.borne_out",
        "How many of the article's forecasts (claim_type 'forecast') were borne out according to the latest "
        "check in the whole record? (a whole number)",
        expected=lambda: len(forecasts_borne_out()),
        kind="int",
        explain=lambda n: (
            f"{n} of {forecast_claims()} ({', '.join(forecasts_borne_out())}). A verbal forecast can be "
            "checked only as right or wrong; without a probability it cannot be scored for calibration."
        ),
        hint="claim_verdicts(claims, claim_checks) with every check (no as_of), then keep the forecasts (the claim type column, `claim_type`, is 'forecast') and the verdict 'borne_out'.",
    ),
    Question(
        "E07.record_end",
        "On what date does the course's record end (the last reliable report in the data)? (a date, 'YYYY-MM-DD')",
        expected=lambda: _record_end(context().data_dir),
        kind="date",
        explain=lambda d: (
            f"{d:%d %B %Y}. Nothing later is in the data: a statement about 'today' can only be a statement "
            "about that date, and a gap after it stays a gap."
        ),
        hint="iranus.record_end().",
    ),
    Question(
        "E07.brier_uniform",
        "brier_multicategory({each scenario: 0.25}, what occurred): the score of a forecaster who spread "
        "probability evenly.",
        expected=lambda: brier({s: 0.25 for s in EXAMPLE_FORECAST}),
        kind="number",
        tolerance=0.0005,
        explain=lambda b: f"{b:.2f}: the score of knowing nothing, a benchmark any forecast should beat.",
        hint="sum over the scenarios of (p - o)^2, with o = 1 for the scenario that occurred.",
    ),
)


def _outcome_note(scenario: str) -> str:
    row = load("scenario_outcomes").set_index("scenario_id").loc[scenario]
    return f"evidence dated {row['date']:%d %B %Y}, source {cite(row['source_id'])}, confidence {row['confidence']}"


#: Known wrong answers with their diagnosis.
MISTAKES = (
    Mistake(
        "E07.example_brier",
        lambda a: abs(float(a) - forecasting.brier_score_binary(
            list(EXAMPLE_FORECAST.values()), [s == occurred() for s in EXAMPLE_FORECAST]
        )) < 0.0005,
        "That is the binary (mean over scenarios) convention, Brier's original score divided by the number of "
        "scenarios. The question asks for the multi-category sum.",
        values=lambda: [forecasting.brier_score_binary(list(EXAMPLE_FORECAST.values()), [s == occurred() for s in EXAMPLE_FORECAST])],
    ),
)
