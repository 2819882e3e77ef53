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


# -- the student notebook's otter setup ------------------------------------------------------


def find_notebook(assignment: str, expected_name: str, folder: str = ".") -> str | None:
    """The path of the running exercise notebook, found by its otter metadata, not its file name.

    A browser download or a copy renames the file (``ana_04.ipynb``); otter needs the notebook's
    path to read its tests. In order: ``expected_name`` when it carries this assignment; the
    notebook Jupyter says is running (``JPY_SESSION_NAME``) when it does; else the ``*.ipynb`` in
    ``folder`` whose ``metadata.otter.assignment_name`` is ``assignment`` (the most recently
    modified when several do).

    Args:
        assignment: otter's assignment name (``"iranus_e04_leverage"``).
        expected_name: the file name the student version was given (``"04_leverage.ipynb"``).
        folder: where to look (the notebook's working directory).

    Returns:
        A path, or None when no notebook of this assignment is found (otter then works without
        one, as in grading). Never raises.
    """
    import glob
    import json
    import os

    def carries(path: str) -> bool:
        try:
            with open(path, encoding="utf-8") as fh:
                meta = json.load(fh).get("metadata", {})
            return meta.get("otter", {}).get("assignment_name") == assignment
        except Exception:  # noqa: BLE001 - unreadable or not a notebook: not ours
            return False

    first = os.path.join(folder, expected_name)
    if os.path.isfile(first) and carries(first):
        return first
    session = os.environ.get("JPY_SESSION_NAME", "")
    if session.endswith(".ipynb") and os.path.isfile(session) and carries(session):
        return session
    found = [p for p in glob.glob(os.path.join(folder, "*.ipynb")) if carries(p)]
    if not found:
        return first if os.path.isfile(first) else None
    return max(found, key=os.path.getmtime)


HIDDEN_NOTE = "Public checks passed; hidden tests run at grading."


class _Honest:
    """A check result that, when it passed, adds that hidden tests still run at grading."""

    def __init__(self, result: Any, note: str):
        self._result, self._note = result, note

    def _passed(self) -> bool:
        try:
            return bool(self._result.passed_all_public if hasattr(self._result, "passed_all_public") else self._result.all_passed)
        except Exception:  # noqa: BLE001 - an otter object without the attribute: say nothing extra
            return False

    def __getattr__(self, name: str) -> Any:
        return getattr(self._result, name)

    def __repr__(self) -> str:
        text = repr(self._result)
        return f"{text}\n{self._note}" if self._passed() else text

    def _repr_html_(self) -> str:
        html = self._result._repr_html_() if hasattr(self._result, "_repr_html_") else repr(self._result)
        return f"{html}<p><em>{self._note}</em></p>" if self._passed() else html


class honest_grader:  # noqa: N801 - used like otter.Notebook in the student's init cell
    """Wrap an ``otter.Notebook`` so that a passing check never reads as a final grade.

    ``grader.check("e04_percent_change")`` on a question with hidden tests, when the public tests
    pass, adds "Public checks passed; hidden tests run at grading."; ``grader.check_all()`` adds
    it whenever the assignment has hidden tests. Everything else is otter's.

    Args:
        notebook: the ``otter.Notebook``.
        hidden: names of the questions that have hidden tests.
    """

    def __init__(self, notebook: Any, hidden: list[str] | tuple[str, ...] = ()):
        self._notebook, self._hidden = notebook, set(hidden)

    def __getattr__(self, name: str) -> Any:
        return getattr(self._notebook, name)

    def check(self, question: str, global_env: dict | None = None) -> Any:
        import sys

        env = global_env if global_env is not None else sys._getframe(1).f_globals  # otter reads the caller's
        result = self._notebook.check(question, env)
        if question in self._hidden:
            return _Honest(result, f"{question}: " + HIDDEN_NOTE)
        return result

    def check_all(self) -> Any:
        import sys

        # otter finds the variables in the frame that called check_all: call it from one whose
        # globals are the notebook's
        result = eval("__iranus_nb__.check_all()", sys._getframe(1).f_globals, {"__iranus_nb__": self._notebook})
        if self._hidden:
            names = ", ".join(sorted(self._hidden))
            return _Honest(result, f"{HIDDEN_NOTE} (questions with hidden tests: {names})")
        return result
