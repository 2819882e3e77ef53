"""Automatic checks of exercise 08, the debrief of the Muscat role-play
(``exercises/master/08_simulation_debrief.ipynb``).

The class's negotiated package is scored with the course's deal space as of 6 February 2026
(:func:`iranus.models.bargaining.score_package`: Raiffa's additive scoring against BATNAs and red
lines) and compared with the Nash bargaining solution (Nash 1950).
"""

from __future__ import annotations

from collections.abc import Mapping

import pandas as pd

from iranus.checks import Question
from iranus.models import bargaining

from iranus.checks.exercise08 import DECISION_DATE, package_feedback, scores_feedback, space  # noqa: F401


def nash_package() -> dict[str, str]:
    """The Nash bargaining solution of the US and Iran (issue -> option); {} when the zone is empty."""
    s = space()
    nash = bargaining.nash_bargaining_solution(s)
    return {} if nash is None else {issue: str(nash[issue]) for issue in s.issues}


def nash_scores() -> pd.DataFrame:
    """:func:`iranus.models.bargaining.score_package` of the Nash package, indexed by actor."""
    return bargaining.score_package(nash_package(), space()).set_index("actor_id")


#: The exercise's automatic questions, registered by ``exercise_feedback.register_keys``.
QUESTIONS = (
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
    ),
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
                f" and it crosses Israel's red line(s): {', '.join(f'`{o}`' for o in str(nash_scores().loc['israel', 'red_lines_crossed']).split(', '))}."
                if pd.notna(nash_scores().loc["israel", "red_lines_crossed"])
                else "."
            )
            + " The two-level game in numbers: the package the two table parties would settle on may be one "
            "the US cannot sell behind it."
        ),
        hint="read the 'accepts' column of Israel's row in score_package(nash_package, space).",
    ),
)
