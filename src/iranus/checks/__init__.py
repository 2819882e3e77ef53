"""Checks for understanding: a learner's answer in, feedback out (never a traceback).

Each lesson registers its questions in a module of this package (``lesson01.py`` ...). The expected
answer of a question is computed from the data when it is a fact of the data (a date, a count, a
speaker), so a question cannot drift from the data it asks about.

    from iranus.checks import check, ask
    ask("01.muscat_date")            # prints the question
    check("01.muscat_date", "2026-02-06")
    ✅ Right. ...

Feedback is a small object that prints as one line of text (stable, so stored notebook outputs
compare under nbval).
"""

from __future__ import annotations

import importlib
import pkgutil
from dataclasses import dataclass, field
from typing import Any, Callable

import pandas as pd

NO_ANSWER = ...  # the placeholder a learner replaces (``answer = ...``)


@dataclass(frozen=True)
class Feedback:
    """The result of a check.

    Attributes:
        question_id: the question checked.
        correct: True, False, or None when there was no answer to check.
        message: the explanation shown to the learner.
    """

    question_id: str
    correct: bool | None
    message: str

    @property
    def symbol(self) -> str:
        return {True: "✅ Right.", False: "❌ Not quite.", None: "✏️ No answer yet."}[self.correct]

    def __str__(self) -> str:
        return f"{self.symbol} {self.message}"

    __repr__ = __str__


@dataclass(frozen=True)
class Question:
    """One question: its prompt, how to read an answer, the expected value and the teaching.

    Attributes:
        question_id: ``"<lesson>.<name>"``, e.g. ``"01.muscat_date"``.
        prompt: the question as the learner reads it.
        expected: function of no argument returning the expected answer (computed from data).
        kind: how answers are read: ``"text"`` (case- and space-insensitive), ``"choice"``,
            ``"int"``, ``"number"`` (within ``tolerance``), ``"date"``, ``"set"`` (any order).
        explain: function ``(expected) -> str`` giving the reason shown after any answer.
        hint: shown after a wrong answer.
        choices: for ``"choice"``, the allowed answers.
        tolerance: for ``"number"``.
        aliases: extra accepted spellings for ``"text"``/``"choice"``/``"set"`` answers.
    """

    question_id: str
    prompt: str
    expected: Callable[[], Any]
    kind: str
    explain: Callable[[Any], str]
    hint: str = ""
    choices: tuple[str, ...] = ()
    tolerance: float = 0.0
    aliases: dict[str, str] = field(default_factory=dict)


_REGISTRY: dict[str, Question] = {}


def register(question: Question) -> Question:
    """Add a question to the registry (used by the lesson modules); returns it.

    Raises:
        ValueError: a question with the same id exists, or the kind is unknown.
    """
    if question.kind not in {"text", "choice", "int", "number", "date", "set"}:
        raise ValueError(f"{question.question_id}: unknown kind {question.kind!r}")
    if question.question_id in _REGISTRY:
        raise ValueError(f"question {question.question_id!r} is registered twice")
    _REGISTRY[question.question_id] = question
    return question


def _load_all() -> None:
    for info in pkgutil.iter_modules(__path__):
        if info.name.startswith("lesson") or info.name.startswith("exercise"):
            importlib.import_module(f"{__name__}.{info.name}")


def questions(prefix: str = "") -> list[str]:
    """Ids of the registered questions, optionally only those starting with ``prefix`` (e.g. ``"01."``)."""
    _load_all()
    return sorted(q for q in _REGISTRY if q.startswith(prefix))


def get(question_id: str) -> Question:
    """The :class:`Question` with this id.

    Raises:
        KeyError: unknown id (the message lists the ids of the same lesson).
    """
    _load_all()
    if question_id not in _REGISTRY:
        lesson = question_id.split(".")[0]
        near = ", ".join(questions(lesson + ".")) or "none"
        raise KeyError(f"no question {question_id!r}; questions of lesson {lesson}: {near}")
    return _REGISTRY[question_id]


def ask(question_id: str) -> None:
    """Print a question's prompt (and its choices)."""
    q = get(question_id)
    text = q.prompt
    if q.choices:
        text += "\n  Choices: " + " | ".join(q.choices)
    print(text)


def _norm(text: Any) -> str:
    return " ".join(str(text).strip().lower().replace("_", " ").split())


def _read(q: Question, answer: Any) -> Any:
    if q.kind in ("text", "choice"):
        value = _norm(answer)
        value = _norm(q.aliases.get(value, value))
        if q.kind == "choice":
            allowed = {_norm(c) for c in q.choices}
            if value not in allowed:
                raise ValueError(f"{answer!r} is not one of the choices: {' | '.join(q.choices)}")
        return value
    if q.kind == "int":
        if isinstance(answer, bool):
            raise ValueError("a whole number is expected, not True/False")
        number = float(str(answer).strip())
        if not number.is_integer():
            raise ValueError("a whole number is expected")
        return int(number)
    if q.kind == "number":
        return float(str(answer).strip().replace(",", ""))
    if q.kind == "date":
        ts = pd.Timestamp(answer)
        if pd.isna(ts):
            raise ValueError("a date is expected")
        return ts.normalize()
    if q.kind == "set":
        items = answer if isinstance(answer, (list, tuple, set, frozenset)) else str(answer).split(",")
        out = set()
        for item in items:
            value = _norm(item)
            out.add(_norm(q.aliases.get(value, value)))
        out.discard("")
        return out
    raise ValueError(f"unknown kind {q.kind}")


def _expected(q: Question) -> Any:
    value = q.expected()
    if q.kind in ("text", "choice"):
        return _norm(value)
    if q.kind == "set":
        return {_norm(v) for v in value}
    if q.kind == "date":
        return pd.Timestamp(value).normalize()
    return value


_FORMATS = {
    "int": "a whole number, e.g. 3",
    "number": "a number, e.g. 2.5",
    "date": "a date, e.g. '2015-07-14'",
    "text": "a short text, e.g. 'Oman'",
    "choice": "one of the choices",
    "set": "a list, e.g. ['missiles', 'enrichment']",
}


def check(question_id: str, answer: Any) -> Feedback:
    """Check a learner's answer and explain.

    Args:
        question_id: e.g. ``"01.muscat_date"`` (see :func:`questions`).
        answer: the learner's answer; ``...`` (the placeholder) means "not answered yet".

    Returns:
        :class:`Feedback`; never raises for a wrong, malformed or missing answer (an unknown
        ``question_id`` gives feedback too, listing the known ones).
    """
    try:
        q = get(question_id)
    except KeyError as exc:
        return Feedback(question_id, None, f"There is no such question. {exc.args[0]}")
    if answer is NO_ANSWER or answer is None:
        return Feedback(question_id, None, f"Replace ... with your answer ({_FORMATS[q.kind]}), then run the cell again.")
    try:
        given = _read(q, answer)
    except (ValueError, TypeError) as exc:
        return Feedback(question_id, False, f"I could not read {answer!r} as {_FORMATS[q.kind]}: {exc}.")
    expected = _expected(q)
    if q.kind == "number":
        right = abs(given - expected) <= q.tolerance
    else:
        right = given == expected
    reason = q.explain(q.expected())
    if right:
        return Feedback(question_id, True, reason)
    hint = f" Hint: {q.hint}" if q.hint else ""
    return Feedback(question_id, False, f"Look again.{hint}")
