"""Exercise 08's checks of the class's own package (the role-play's result: no answer key).

The exercise's answer keys (the Nash package questions) are instructor material
(``exercises/answer_keys/keys08.py``).
"""

from __future__ import annotations

from collections.abc import Mapping

import pandas as pd

from ..datasets.dates import COURSE_DATE
from ..models import bargaining
from . import Feedback, course_at

#: The role-play's decision point: the Muscat round, on the course date.
DECISION_DATE = COURSE_DATE


def space():
    """The deal space of the decision point (6 February 2026)."""
    return course_at(DECISION_DATE).deal_space()


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
