"""Checks for understanding of lesson 07, the epilogue (the whole record, to its end date)."""

from __future__ import annotations

from ..models.scoring import even_split, score_forecasts
from ..record.source_reading import claim_verdicts
from . import Question, coded, context, load, paragraphs_of
from .lesson05 import SCENARIO_LABELS

WAR_EVENT = "war_begins_28_feb"


def _day(ts) -> str:
    return f"{ts.day} {ts:%B %Y}"


def war_start():
    """The events row of the start of the US-Israeli strikes on Iran after the Muscat round."""
    events = load("events")
    return events[events["event_id"] == WAR_EVENT].iloc[0]


def first_outcome():
    """The scenario_outcomes row of the scenario that occurred first, with its English label."""
    outcomes = load("scenario_outcomes")
    row = outcomes[outcomes["occurred"].fillna(False).astype(bool)].iloc[0]
    scenarios = load("scenarios")
    label = str(scenarios.loc[scenarios["scenario_id"] == row["scenario_id"], "label_en"].iloc[0])
    return row, label


def even_split_score() -> float:
    """Brier's original (multi-category) score of the even split over the scenarios."""
    scenarios = load("scenarios")
    table = score_forecasts({"even": even_split(scenarios)}, scenarios, load("scenario_outcomes"))
    return float(table["brier_multicategory"].iloc[0])


def forecasts_with_verdict(verdict: str) -> list[str]:
    """Ids of the article's forecasts whose latest verdict, on the whole record, is ``verdict``."""
    verdicts = claim_verdicts(load("claims"), load("claim_checks"))
    rows = verdicts[(verdicts["claim_type"] == "forecast") & (verdicts["verdict"] == verdict)]
    return list(rows["claim_id"].astype(str))


def forecasts_borne_out() -> list[str]:
    """Ids of the article's forecasts whose latest verdict, on the whole record, is 'borne_out'."""
    return forecasts_with_verdict("borne_out")


#: The lesson's questions, in the order the lesson asks them; registered by the engine
#: (:data:`iranus.checks.BANKS`), not on import.
QUESTIONS = (
    Question(
        "07.war_start",
        "On what date did the United States and Israel launch their strikes on Iran? ('YYYY-MM-DD')",
        expected=lambda: war_start()["date"],
        kind="date",
        explain=lambda d: (
            f"{_day(d)} (“{war_start()['title_en']}”, confidence {coded(war_start()['confidence'], 'confidence')}), "
            "two days after the third round of talks in Geneva ended without a deal."
        ),
        hint="§3 (The war) starts with it.",
    ),
    Question(
        "07.first_outcome",
        "Which of the four scenarios happened first within the forecasting window?",
        expected=lambda: first_outcome()[1],
        kind="choice",
        choices=SCENARIO_LABELS,
        aliases={
            "war": "Military escalation: US or Israeli strikes on Iran",
            "strikes": "Military escalation: US or Israeli strikes on Iran",
            "escalation": "Military escalation: US or Israeli strikes on Iran",
            "military": "Military escalation: US or Israeli strikes on Iran",
        },
        explain=lambda label: (
            f"'{label}' ({_day(first_outcome()[0]['date'])}; the outcome of §7, confidence "
            f"{coded(first_outcome()[0]['confidence'], 'confidence')}). It is the outcome the article's own best case did not expect, and "
            "the one its warnings about a collapse of the talks pointed to."
        ),
        hint="§7 shows which scenario occurred, and when.",
    ),
    Question(
        "07.even_split_brier",
        "What is the Brier score (Brier's original, multi-category convention, 0 to 2) of the even split, "
        "25% on each scenario? (a number)",
        expected=even_split_score,
        kind="number",
        tolerance=0.005,
        near_misses={
            "0.1875": "0.1875 is the same forecast in the binary convention (each scenario a yes/no event, the "
            "squared gaps averaged, 0 to 1). The question asks for Brier's original, multi-category score, "
            "the sum of the squared gaps (0 to 2).",
        },
        explain=lambda s: (
            f"{s:.4g}: (1 - 0.25)² for the scenario that happened plus 3 × 0.25² for the others. "
            "It is the score of knowing nothing; a forecast is only informative if it beats it."
        ),
        hint="the table of §8 scores the even split; by hand: for each scenario, square the gap between 0.25 and "
        "what happened (1 or 0), then add the four.",
    ),
    Question(
        "07.forecasts_borne_out",
        "How many of the article's forecasts does the record, by its end, show as borne out (the verdict "
        "'borne out', not 'partly borne out')? (a whole number)",
        expected=lambda: len(forecasts_borne_out()),
        kind="int",
        unit="forecasts",
        near_misses={
            "3": "Close, but one of the three is only *partly* borne out: look at the verdicts again, "
            "for the forecast that the deferred files would come back (P34).",
        },
        explain=lambda n: (
            f"{n} ({paragraphs_of(forecasts_borne_out())}): no comprehensive deal in the round, and the dispute "
            f"blowing up. Partly borne out: {paragraphs_of(forecasts_with_verdict('partly_borne_out')) or 'none'} "
            "(the deferred files came back as a US demand, but not in talks on a longer-term deal). Not borne "
            f"out: {paragraphs_of(forecasts_with_verdict('not_borne_out')) or 'none'} (its best case, a partial "
            "nuclear deal for limited relief, and its picture of a long deadlock): events moved faster and "
            "further than it expected, and the partial text that did come, in June, was about ending the war."
        ),
        hint="count the verdict 'borne out' in the table of the article's forecasts in §6.",
    ),
    Question(
        "07.record_end",
        "On what date does the course's record end? ('YYYY-MM-DD')",
        expected=lambda: context().record_end,
        kind="date",
        explain=lambda d: (
            f"{_day(d)}: the date of the last reliable report found for this course. Nothing later has been "
            "verified, so the story told here stops there; it does not mean that nothing happened afterwards."
        ),
        hint="§1 states it in its first sentence.",
    ),
)
