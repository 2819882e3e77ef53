"""Automatic checks of exercise 08, the debrief of the Muscat role-play
(``exercises/master/08_simulation_debrief.ipynb``).

The class's negotiated package is scored with the course's deal space as of 6 February 2026
(:func:`iranus.models.bargaining.score_package`: Raiffa's additive scoring against BATNAs and red
lines) and compared with the Nash bargaining solution (Nash 1950).
"""

from __future__ import annotations

import iranus

from collections.abc import Mapping

import pandas as pd

from ..models import bargaining
from . import Feedback, Question, register

DECISION_DATE = "2026-02-06"


def space():
    """The deal space of the decision point (6 February 2026)."""
    return iranus.course(as_of=DECISION_DATE).deal_space()


def nash_package() -> dict[str, str]:
    """The Nash bargaining solution of the US and Iran (issue -> option); {} when the zone is empty."""
    s = space()
    nash = bargaining.nash_bargaining_solution(s)
    return {} if nash is None else {issue: str(nash[issue]) for issue in s.issues}


def nash_scores() -> pd.DataFrame:
    """:func:`iranus.models.bargaining.score_package` of the Nash package, indexed by actor."""
    return bargaining.score_package(nash_package(), space()).set_index("actor_id")


def package_feedback(package) -> Feedback:
    """Whether ``package`` is a complete, valid package of the deal space (one option per issue).

    Returns:
        Feedback: correct when valid (the message says who accepts it); the model's own message
        naming the issue or option when not; None when not answered.
    """
    if package is ... or package is None or (isinstance(package, Mapping) and not package):
        return Feedback("E08.package", None, "Fill in class_package: one option id for every issue, then run the cell again.")
    try:
        table = bargaining.score_package(package, space())
    except bargaining.ModelInputError as exc:
        return Feedback("E08.package", False, f"{exc}.")
    accepts = [a for a, ok in zip(table["actor_id"], table["accepts"]) if bool(ok)]
    who = ", ".join(accepts) if accepts else "nobody"
    return Feedback("E08.package", True, f"A valid package. Under the course's codings it is accepted by: {who}.")


def scores_feedback(package, scores) -> Feedback:
    """Whether ``scores`` is :func:`iranus.models.bargaining.score_package` of ``package`` (same scores)."""
    valid = package_feedback(package)
    if valid.correct is not True:
        return Feedback("E08.scores", valid.correct, f"First make class_package valid. {valid.message}")
    if scores is ... or scores is None:
        return Feedback("E08.scores", None, "Replace ... with bargaining.score_package(class_package, space).")
    if not isinstance(scores, pd.DataFrame) or not {"actor_id", "score"} <= set(scores.columns):
        return Feedback("E08.scores", False, "class_scores should be the table bargaining.score_package returns (columns actor_id, score, ...).")
    expected = bargaining.score_package(package, space()).set_index("actor_id")["score"]
    given = scores.set_index("actor_id")["score"]
    if not given.reindex(expected.index).sub(expected).abs().fillna(1).lt(1e-6).all():
        return Feedback("E08.scores", False, "These scores do not match the package: score class_package with the deal space of 6 February 2026.")
    return Feedback("E08.scores", True, "The scores of your package, party by party (points out of 100).")


register(
    Question(
        "E08.nash_gain_iran",
        "By how many points does the Nash bargaining solution beat Iran's BATNA (its gain)? (a number)",
        expected=lambda: float(nash_scores().loc["iran", "surplus"]),
        kind="number",
        tolerance=0.01,
        explain=lambda g: (
            f"{g:g} points over a BATNA of {space().batnas['iran']:g}; the US gains "
            f"{float(nash_scores().loc['us', 'surplus']):g}. The Nash solution maximises the product of the "
            "two gains, so neither side's gain is pushed to zero."
        ),
        hint="bargaining.score_package(nash_package, space) and read the 'surplus' of Iran's row.",
    )
)

register(
    Question(
        "E08.israel_accepts_nash",
        "Would Israel accept the Nash bargaining solution of the US and Iran, under the course's codings? (yes or no)",
        expected=lambda: "yes" if bool(nash_scores().loc["israel", "accepts"]) else "no",
        kind="choice",
        choices=("yes", "no"),
        explain=lambda yn: (
            f"{yn}: Israel scores it {float(nash_scores().loc['israel', 'score']):g} against a BATNA of "
            f"{float(nash_scores().loc['israel', 'batna']):g}"
            + (
                f" and it crosses Israel's red line(s): {nash_scores().loc['israel', 'red_lines_crossed']}."
                if pd.notna(nash_scores().loc["israel", "red_lines_crossed"])
                else "."
            )
            + " The two-level game in numbers: the package the two table parties would settle on may be one "
            "the US cannot sell behind it."
        ),
        hint="read the 'accepts' column of Israel's row in score_package(nash_package, space).",
    )
)
