"""Feedback for the automatic checks of the exercises (``exercises/master/``).

The exercises' otter tests call these helpers, so a learner who runs ``grader.check("...")``
reads the same kind of feedback as in the lessons (``iranus.checks.check``), plus a diagnosis of
the common mistakes each exercise module registers: "that is the zone at the *old* BATNA" teaches
more than "wrong".

    from iranus.checks.exercise_feedback import feedback, call
    feedback("E05.zone_size", 757)              # a Feedback, never an exception
    value, problem = call(zone_size, "zone_size", "iran", 45)   # a learner's function, safely

Expected answers are computed from the data and the models (see the ``exercise0N`` modules), as
for the lessons' questions.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from . import NO_ANSWER, Feedback, check

_MISTAKES: dict[str, list[tuple[Callable[[Any], bool], Callable[[Any], str] | str]]] = {}


def mistake(question_id: str, applies: Callable[[Any], bool], message: Callable[[Any], str] | str) -> None:
    """Register a diagnosis for a common wrong answer to a question.

    Args:
        question_id: the question (e.g. ``"E05.zone_iran_batna_45"``).
        applies: function of the learner's answer, True when this mistake explains it. It may
            load data; an exception inside it counts as "does not apply".
        message: what to tell the learner (a string, or a function of the answer returning one).
    """
    _MISTAKES.setdefault(question_id, []).append((applies, message))


def feedback(question_id: str, answer: Any) -> Feedback:
    """Check an answer like :func:`iranus.checks.check`, naming a known mistake when one applies.

    Args:
        question_id: a registered question id.
        answer: the learner's answer (``...`` or None: not answered yet).

    Returns:
        :class:`iranus.checks.Feedback` (``correct`` True, False, or None when unanswered); never
        raises for a wrong, malformed or missing answer.
    """
    result = check(question_id, answer)
    if result.correct is not False:
        return result
    for applies, message in _MISTAKES.get(question_id, []):
        try:
            hit = bool(applies(answer))
        except Exception:  # a diagnosis that cannot be computed for this answer does not apply
            hit = False
        if hit:
            text = message(answer) if callable(message) else message
            return Feedback(question_id, False, f"Look again. {text}")
    return result


def call(function: Any, name: str, *args: Any, **kwargs: Any) -> tuple[Any, Feedback | None]:
    """Call a function the learner wrote, turning every way it can go wrong into feedback.

    Args:
        function: the learner's function (the notebook variable; None when it is not defined).
        name: its name, for the messages.
        *args, **kwargs: the arguments to call it with.

    Returns:
        (value, None) when the call returned something; (None, Feedback) when the function is
        missing, is still the ``...`` placeholder, is not a function, raised, or returned None.
    """
    if function is None or function is NO_ANSWER:
        return None, Feedback(name, None, f"Define the function `{name}` first (fill in its cell and run it).")
    if not callable(function):
        return None, Feedback(name, False, f"`{name}` should be a function (def {name}(...): ...), not {type(function).__name__}.")
    shown = ", ".join([*(_short(a) for a in args), *(f"{k}={_short(v)}" for k, v in kwargs.items())])
    try:
        value = function(*args, **kwargs)
    except Exception as exc:  # the learner's code: report it, do not crash the check
        return None, Feedback(name, False, f"`{name}({shown})` raised {type(exc).__name__}: {exc}. Run it in a cell to see where.")
    if value is None or value is NO_ANSWER:
        return None, Feedback(
            name, None, f"`{name}({shown})` returned nothing: replace the ... in its body with code that ends in `return ...`."
        )
    return value, None


def _short(value: Any) -> str:
    """A value as a message shows it: literals in full, tables and models by their type."""
    if isinstance(value, (str, int, float, bool, type(None), list, tuple, dict)) and len(repr(value)) <= 80:
        return repr(value)
    return f"<{type(value).__name__}>"
