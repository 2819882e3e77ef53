"""Checks for understanding: a learner's answer in, feedback out (never a traceback).

Each lesson's question bank is a module of this package (``lesson01.py`` ...) that defines
``QUESTIONS``, a tuple of :class:`Question`; importing it registers nothing. The engine registers
the banks listed in :data:`BANKS` explicitly, the first time a question is asked for
(:func:`questions`, :func:`get`, :func:`check`).

The expected answer of a question is computed from the data when it is a fact of the data (a
date, a count, a speaker), so a question cannot drift from the data it asks about. It is
computed once per course context (``check(..., course=iranus.course(data_dir=...))``; the
default course when none is given) and cached until a data file changes. The banks read the
data through :func:`load`, which honours the context's data folder.

    from iranus.checks import check, ask
    ask("01.muscat_date")            # prints the question
    check("01.muscat_date", "6 February 2026")
    ✅ Right. ...

Feedback is a small object that prints as one line of text (stable, so stored notebook outputs
compare under nbval); its verdict is a symbol *and* a word ("✅ Right.", "❌ Not yet."), so it reads
where no emoji font exists.

Near answers are read alike (:mod:`iranus.checks.answers`): an empty answer is "no answer yet";
"zero" and "٣" are numbers; a list typed as a sentence is read as its items, and said so; a close
misspelling of a text answer is accepted with its spelling, one of a choice or list item gets
"did you mean ...?" (and a right item behind a misspelling is not called missing); a number that is
right for another setting of the question (``other_settings``) is named as such; a number near the
answer but outside its tolerance is told it is close and the precision asked (:func:`close_note`).
"""

from __future__ import annotations

import contextlib
import contextvars
import datetime as _dt
import functools
import importlib
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any, Callable

import pandas as pd

from . import answers as _answers

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
    unknown_question: bool = False

    @property
    def symbol(self) -> str:
        if self.unknown_question:
            return "⚠️ Unknown question."
        return _answers.mark(self.correct)

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
        choices: for ``"choice"``, the allowed answers; for ``"set"``, the possible items (so a
            typo is named). Either a tuple, or a function of no argument returning one (for
            choices that are data, e.g. the issue ids of the issues table).
        tolerance: for ``"number"``.
        aliases: extra accepted spellings for ``"text"``/``"choice"``/``"set"`` answers.
        alternatives: other answers that are also right, each with what to add to the
            explanation (e.g. a date in another time zone); keys are read like answers.
        near_misses: wrong answers that deserve their own explanation (keys read like answers);
            an explanation is a text, or a function of no argument writing it from the data.
        other_settings: for ``"int"``/``"number"``, a function of no argument returning
            ``{description of another setting: the right value there}`` (computed from data, e.g.
            the zone without Israel for the question on the zone with Israel); an answer right
            for another setting is told so. A value may be a pair ``(value, message)``: the message
            is then the whole feedback, in sentences saying what that number is (who reported it,
            as of when) and what the question asks for; ``{shown}`` in it is the learner's number.
        unit: for ``"int"``/``"number"``, the unit the answer is in, a key of
            :data:`iranus.checks.answers.UNITS` (``"kg"``, ``"percent"``, ``"people"`` ...): an answer
            typed with it (``"440.9 kg"``) is read as the number, one typed with another unit
            (``"60 %"``) is told which unit the question asks for. ``""``: no unit named.
        example: an example answer as the learner would type it in the lesson's code (double
            quotes, e.g. ``'12'`` for a whole number, ``'["Rafael Grossi", "Ali Khamenei"]'`` for a
            list), shown in the "No answer yet" feedback. It must be the question's shape and
            must not be, or contain, a right answer (tests/test_learner_read.py checks). ``""``:
            the kind's wording only, with no example.
        precision: for ``"int"``/``"number"``, the precision asked, as the end of a sentence
            (``"give one decimal, as the table does"``), said after a close answer (:func:`close_note`).
    """

    question_id: str
    prompt: str
    expected: Callable[[], Any]
    kind: str
    explain: Callable[[Any], str]
    hint: str = ""
    choices: tuple[str, ...] | Callable[[], tuple[str, ...]] = ()
    tolerance: float = 0.0
    aliases: dict[str, str] = field(default_factory=dict)
    alternatives: dict[str, str] = field(default_factory=dict)
    near_misses: dict[str, Any] = field(default_factory=dict)
    other_settings: Callable[[], dict[str, Any]] | None = None
    unit: str = ""
    example: str = ""
    precision: str = ""


_REGISTRY: dict[str, Question] = {}


def register(question: Question) -> Question:
    """Add a question to the registry (used by the lesson modules); returns it.

    Raises:
        ValueError: a question with the same id exists, or the kind is unknown.
    """
    if question.kind not in {"text", "choice", "int", "number", "date", "set"}:
        raise ValueError(f"{question.question_id}: unknown kind {question.kind!r}")
    if question.unit and question.unit not in _answers.UNITS:
        raise ValueError(f"{question.question_id}: unknown unit {question.unit!r} (one of {', '.join(_answers.UNITS)})")
    if question.question_id in _REGISTRY:
        raise ValueError(f"question {question.question_id!r} is registered twice")
    _REGISTRY[question.question_id] = question
    return question


#: The lessons' question banks, registered in this order (modules of this package, each with a
#: ``QUESTIONS`` tuple).
BANKS = ("lesson01", "lesson02", "lesson03", "lesson04", "lesson05", "lesson06", "lesson07")

_loaded: list[bool] = []


def register_bank(module) -> None:
    """Register every question of a bank module (its ``QUESTIONS`` tuple).

    Raises:
        ValueError: a question id registered twice, or an unknown kind.
        AttributeError: the module has no ``QUESTIONS``.
    """
    for question in module.QUESTIONS:
        register(question)


def _load_all() -> None:
    if _loaded:
        return
    _loaded.append(True)
    for bank in BANKS:
        register_bank(importlib.import_module(f"{__name__}.{bank}"))
    # The exercises' answer keys are not in the package students install: the instructor's key
    # modules (exercises/answer_keys/keysNN.py) are registered by
    # iranus.checks.exercise_feedback.register_keys; students get sealed keys.


# -- the course context of a check ------------------------------------------------------------

_COURSE: contextvars.ContextVar = contextvars.ContextVar("iranus_checks_course", default=None)


def context():
    """The course context the current check runs in (:func:`iranus.course` when none was given)."""
    ctx = _COURSE.get()
    if ctx is None:
        from ..course import course

        ctx = course()
    return ctx


@contextlib.contextmanager
def using(course) -> Iterator[None]:
    """Run the block with ``course`` as the checks' context (None: the default course)."""
    token = _COURSE.set(course)
    try:
        yield
    finally:
        _COURSE.reset(token)


_UNSET = object()


def load(name: str, as_of: Any = None) -> pd.DataFrame:
    """A dataset for a question bank, from the context's data folder.

    Args:
        name: dataset name.
        as_of: the date the question is set on (a lesson's date; cut with the one
            precision-aware cut), or None for the whole record.

    Returns:
        The DataFrame ``iranus.load(name, as_of=as_of, data_dir=context().data_dir)`` returns.
    """
    return context().replace(as_of=as_of).load(name)


def cite(source_id: Any) -> str:
    """A source as a learner reads it in feedback: "Reuters, 4 Feb 2026", never its id.

    Args:
        source_id: a ``source_id`` of the context's ``sources`` table.

    Returns:
        The outlet and date (:func:`iranus.display.source_labels`); "an unlisted source" for an id
        the table does not have (so no id reaches the learner).
    """
    from ..display import source_labels

    label = source_labels(pd.Series([source_id], dtype="object"), load("sources")).iloc[0]
    return "an unlisted source" if pd.isna(label) or label == source_id else str(label)


#: The language feedback is written in, whatever the course's language. A label quoted inside a
#: feedback sentence is taken in this language too (one rule: an English sentence quotes English
#: labels, never "marked 'تقدير (غير متحقَّق منه)'").
FEEDBACK_LANGUAGE = "en"


def coded(value: Any, column: str) -> str:
    """A coded value as a learner reads it in feedback ("estimate" -> "estimate (not verified)"): the
    catalogue's label (:func:`iranus.display.coded_label`) in :data:`FEEDBACK_LANGUAGE`, the
    language of the sentence it is quoted in (not the course's language)."""
    from ..display import coded_label

    return str(coded_label(value, column, FEEDBACK_LANGUAGE))


def named(ids: Any, dataset: str) -> str:
    """Ids as a learner reads them in feedback: their labels in :data:`FEEDBACK_LANGUAGE`, joined
    ("Rubio's list: human rights, missiles and regional allies" reads as labels, never as ids).

    Args:
        ids: ids of ``dataset`` (an iterable; sorted by label), e.g. ``{"barnea", "zamir"}``.
        dataset: ``"actors"``, ``"issues"`` or ``"scenarios"``.

    Returns:
        "David Barnea and Eyal Zamir"; an id the table does not know is shown as it is.
    """
    labels = context().with_language(FEEDBACK_LANGUAGE).labels(dataset)
    names = sorted(str(labels.get(i, i)) for i in ids)
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1] if names else ""


_COMMON_FIRST_WORDS = {"the", "a", "an", "former", "there", "those", "these", "if", "senior", "some", "both", "talks"}


def _sentence_part(text: str) -> str:
    """A sentence made part of another: its first letter lower-cased when it is a common word
    ("Former Netanyahu aides ..." -> "former Netanyahu aides ..."), never a name's; no final stop."""
    text = str(text).strip().rstrip(".")
    first = text.split(" ", 1)[0]
    return text[0].lower() + text[1:] if first.lower() in _COMMON_FIRST_WORDS else text


def claims_in_words(claim_ids: Any) -> str:
    """Claims of the article as feedback names them: by what they say and where, never by id.

    Args:
        claim_ids: ids of the context's ``claims`` table, e.g. ``["C47", "C48"]``.

    Returns:
        "in P25, that former Netanyahu aides said ...; and in P26, that Netanyahu's government says
        ..." (the paragraph and the English paraphrase); "" for no ids.
    """
    claims = load("claims").set_index("claim_id")
    parts = [
        f"in {claims.loc[i, 'paragraph_id']}, that {_sentence_part(claims.loc[i, 'paraphrase_en'])}"
        for i in claim_ids
        if i in claims.index
    ]
    return parts[0] if len(parts) == 1 else "; ".join(parts[:-1]) + "; and " + parts[-1] if parts else ""


def paragraphs_of(claim_ids: Any) -> str:
    """The article's paragraphs that make these claims, as a reader finds them: "P30 and P35"."""
    claims = load("claims").set_index("claim_id")
    paragraphs = list(dict.fromkeys(str(claims.loc[i, "paragraph_id"]) for i in claim_ids if i in claims.index))
    return paragraphs[0] if len(paragraphs) == 1 else ", ".join(paragraphs[:-1]) + " and " + paragraphs[-1] if paragraphs else ""


def course_at(as_of: Any = None):
    """The context at another date (None: the whole record), e.g. for its deal space."""
    return context().replace(as_of=as_of)


def _choices(q: Question) -> tuple[str, ...]:
    return tuple(q.choices()) if callable(q.choices) else q.choices


def _is_yes_no(q: Question) -> bool:
    """A question answered "yes" or "no" (a choice between exactly those two)."""
    return q.kind == "choice" and sorted(_norm(c) for c in _choices(q)) == ["no", "yes"]


def choices_in_words(q: Question) -> str:
    """A question's choices as a sentence says them: '"yes" or "no"', '"shrinks", "grows" or "stays the same"'.

    >>> choices_in_words(Question("x.y", "?", lambda: "no", "choice", lambda a: "", choices=("yes", "no")))
    '"yes" or "no"'
    """
    quoted = [f'"{c}"' for c in _choices(q)]
    return quoted[0] if len(quoted) == 1 else ", ".join(quoted[:-1]) + " or " + quoted[-1] if quoted else ""


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
    if question_id not in _REGISTRY:  # forgive the case of a typed id ("01.Muscat_date")
        folded = {q.lower(): q for q in _REGISTRY}
        question_id = folded.get(question_id.lower(), question_id)
    if question_id not in _REGISTRY:
        lesson = question_id.split(".")[0]
        near = ", ".join(questions(lesson + ".")) or "none"
        raise KeyError(f"no question {question_id!r}; questions of lesson {lesson}: {near}")
    return _REGISTRY[question_id]


def ask(question_id: str) -> None:
    """Print a question's prompt (and its choices)."""
    q = get(question_id)
    text = q.prompt
    if q.kind == "choice" and _choices(q):
        text += "\n  Choices: " + " | ".join(_choices(q))
    print(text)


def _norm(text: Any) -> str:
    """Lower case, single spaces, no surrounding quotes or final full stop ("Marco Rubio." -> "marco rubio")."""
    value = " ".join(str(text).strip().lower().replace("_", " ").replace("-", " ").split())
    return value.strip("\"'“”‘’ ").rstrip(".!;,").strip()


_ISO_DATE = re.compile(r"^\d{4}-\d{1,2}-\d{1,2}$")  # "2026-02-28", and "2026-2-28" (year first: unambiguous)
_MONTH_ONLY = re.compile(r"^(\d{4}-\d{1,2}|[A-Za-z]+\.? \d{4}|\d{4} [A-Za-z]+)$")  # "2026-07", "July 2026"

#: How much of a learner's answer feedback quotes back (a pasted table or a long text is cut).
ECHO_CHARS = 60


def echo(answer: Any) -> str:
    """A learner's answer as feedback quotes it: its repr, cut to :data:`ECHO_CHARS` characters + "…".

    >>> echo("x" * 100_000)[-3:], len(echo("x" * 100_000))
    ('xx…', 61)
    >>> echo("Oman")
    "'Oman'"
    """
    text = repr(answer)
    return text if len(text) <= ECHO_CHARS else text[:ECHO_CHARS] + "…"


def echo_items(items: Any) -> str:
    """A list a learner gave, as feedback quotes it: its items as typed, joined, without Python's
    brackets and quotes; cut to :data:`ECHO_CHARS` characters + "…".

    >>> echo_items(["Karoline Leavitt"]), echo_items(("Oman", 3, True))
    ('Karoline Leavitt', 'Oman, 3, True')
    """
    text = ", ".join(str(i) for i in items) or "empty"
    return text if len(text) <= ECHO_CHARS else text[:ECHO_CHARS] + "…"


def a_list_for_one(answer: Any, shape: str) -> str:
    """What a learner reads who gave a list where one answer is asked for (never Python's repr).

    >>> a_list_for_one(["Karoline Leavitt"], "one of the choices, in double quotes")
    'You gave a list (Karoline Leavitt); this question takes one answer, not a list: one of the choices, in double quotes.'
    """
    return f"You gave a list ({echo_items(answer)}); this question takes one answer, not a list: {shape}."


def single_value(answer: Any) -> Any:
    """The one value of a one-cell DataFrame or a one-item Series (what ``df.loc[...]`` gives when
    a learner meant a number), else ``answer`` unchanged.

    >>> single_value(pd.Series([4560.0])), single_value(pd.DataFrame({"value": [3]}))
    (4560.0, 3)
    """
    if isinstance(answer, (pd.DataFrame, pd.Series)) and answer.size == 1:
        value = answer.to_numpy().ravel()[0]
        return value.item() if hasattr(value, "item") else value
    return answer


#: The languages whose labels an answer may be typed in, whatever the course's language: a table
#: shows both the English and the Arabic label of an issue (lesson 02, §2).
LABEL_LANGUAGES = ("en", "ar")


#: The tables whose ids a learner may answer by the names the screen shows (see :func:`shown_labels`).
LABELLED = ("issues", "actors", "scenarios", "deal_options")


def shown_labels(ctx, dataset: str) -> pd.Series:
    """The names a learner reads for the ids of ``dataset`` in the context's language.

    Args:
        ctx: a :class:`iranus.course.Course` (the checks' context).
        dataset: one of :data:`LABELLED`. ``"deal_options"``: the options of the context's deal
            space as the deal builder and the zone tables name them
            (:func:`iranus.models.prospects.option_label`); the others: ``ctx.labels(dataset)``.

    Returns:
        Series of str indexed by id.

    Raises:
        whatever loading the table raises (a data folder without it); callers skip the dataset.
    """
    if dataset != "deal_options":
        return ctx.labels(dataset)
    from ..models.prospects import option_label

    space = ctx.deal_space()
    ids = [str(o) for opts in space.options for o in opts]
    return pd.Series([option_label(o, space, ctx.language) for o in ids], index=ids, dtype="string")


def _label_ids(universe: set[str]) -> dict[str, str]:
    """``{normalised label: normalised id}`` for the labels (issues, actors, scenarios, deal options
    of the context's data folder, in every language of :data:`LABEL_LANGUAGES`) of the ids in ``universe``."""
    out: dict[str, str] = {}
    ctx = context()
    for dataset in LABELLED:
        for language in dict.fromkeys((ctx.language, *LABEL_LANGUAGES)):
            try:
                labels = shown_labels(ctx.with_language(language), dataset)
            except Exception:  # noqa: BLE001 - a data folder without the table: no labels to read
                continue
            for id_, label in labels.items():
                if _norm(id_) in universe and _norm(label) not in universe:
                    out.setdefault(_norm(label), _norm(id_))
    return out


def _id_for_label(value: str, universe: set[str]) -> str | None:
    """The id whose label (issues, actors, scenarios of the context, in English or Arabic) is
    ``value`` as typed, when that id is a possible answer: 'Regional allies ("proxies")' or
    'الصواريخ الباليستية' as a table shows it -> ``regional_allies``, ``missiles``."""
    return _label_ids(universe).get(value)


def _labels_as_ids(q: "Question", text: str) -> str:
    """A list typed as one text with the labels a table shows replaced by their ids, so that a
    label holding a comma, "and" or brackets ("Nuclear facilities (Fordow, Natanz, Isfahan)",
    "Non-aggression and security guarantees", 'Regional allies ("proxies")') is read as one item."""
    universe = {_norm(c) for c in _choices(q)}
    if not universe:
        return text
    value = _norm(text)
    changed = False
    for label, id_ in sorted(_label_ids(universe).items(), key=lambda kv: -len(kv[0])):
        pattern = rf"(?<!\w){re.escape(label)}(?!\w)"
        if re.search(pattern, value):
            value = re.sub(pattern, lambda _: id_.replace(" ", "_"), value)
            changed = True
    return value if changed else text


def _number(answer: Any, unit: str = "") -> float:
    """A number as a learner types it ("zero", "٣", "1,234", "82%", "440.9 kg"): :func:`answers.read_number`."""
    return _answers.read_number(answer, unit)


def _choice(q: Question, value: str) -> str:
    allowed = {_norm(c): c for c in _choices(q)}
    if value in allowed:
        return value
    # a cell copied from a table: "Karoline Leavitt, White House press secretary" (name, title)
    pieces = [p for p in (_norm(x) for x in value.split(",")) if p]
    hits = {_norm(q.aliases.get(p, p)) for p in pieces} & set(allowed)
    if len(pieces) > 1 and len(hits) == 1:
        return hits.pop()
    by_label = _id_for_label(value, set(allowed))
    if by_label:
        return by_label
    # a unique part of one choice is enough ("leavitt" for "Karoline Leavitt, White House ...")
    if len(value) >= 3:
        hits = [c for c in allowed if value in c]
        if len(hits) == 1:
            return hits[0]
    near = _answers.closest(value, list(allowed) + [a for a in q.aliases if q.aliases[a]])
    did = f"; did you mean '{allowed.get(near) or q.aliases.get(near, near)}'?" if near else ""
    raise ValueError(f"it is not one of the choices{did} (the choices: {choices_in_words(q)})")


class Refusal(ValueError):
    """An answer that reads but cannot be the answer's kind (a negative count, 1443.4 for a whole
    number): its message is the whole feedback, without "I could not read"."""


def _read(q: Question, answer: Any) -> Any:
    """Read an answer as the question's kind; raises ValueError with a learner-facing reason."""
    if q.kind in ("text", "choice"):
        if isinstance(answer, dict):
            raise ValueError("one answer is expected, not a dict (a mapping of keys to values); give one text, e.g. \"Oman\"")
        if isinstance(answer, (list, tuple, set)):
            raise ValueError("one answer is expected, not a list")
        if _is_yes_no(q):  # "yes", "no", "لا", "نعم", True
            if _answers.read_yes_no(answer):
                return _answers.read_yes_no(answer)
            if _norm(q.aliases.get(_norm(answer), "")) not in ("yes", "no"):
                raise Refusal(f'this question is answered "yes" or "no", and {echo(answer)} is neither')
        value = _norm(answer)
        value = _norm(q.aliases.get(value, value))
        return _choice(q, value) if q.kind == "choice" else value
    if q.kind == "int":
        number = _answers.read_number(answer, q.unit, whole=True)
        if not number.is_integer():
            raise Refusal(f"{number:g} is not a whole number, and the question asks for a whole number")
        if number < 0:
            raise Refusal(f"{number:g} is negative, and a count cannot be negative")
        return int(number)
    if q.kind == "number":
        return _number(answer, q.unit)
    if q.kind == "date":
        if isinstance(answer, (_dt.date, pd.Timestamp)):
            return pd.Timestamp(answer).normalize()
        text = str(answer).strip().strip("\"'")
        if _MONTH_ONLY.match(text):
            raise ValueError("that names a month; give the day too ('YYYY-MM-DD')")
        if re.search(r"[A-Za-z]{3,}", text) and re.search(r"\d{4}", text):
            try:  # "6 February 2026", "Feb 6, 2026": unambiguous, since the month is a word
                return pd.Timestamp(text).normalize()
            except ValueError:
                raise ValueError(f"{text!r} is not a date I can read: write it as 'YYYY-MM-DD'") from None
        if not _ISO_DATE.match(text):
            raise ValueError("write the date as 'YYYY-MM-DD' (a form like '06/02/2026' could mean 6 February or 2 June)")
        try:
            return pd.Timestamp(text).normalize()
        except ValueError:
            raise ValueError(f"{text!r} is not a real date") from None
    if q.kind == "set":
        if isinstance(answer, dict):
            raise ValueError("a list is expected, not a dict")
        if isinstance(answer, pd.Series):  # a column of a table: its values are the items
            answer = list(answer.astype(str))
        items = answer if isinstance(answer, (list, tuple, set, frozenset)) else str(answer).split(",")
        out = set()
        universe = {_norm(c) for c in _choices(q)}
        for item in items:
            value = _norm(item)
            value = _norm(q.aliases.get(value, value))
            if universe and value not in universe:
                value = _id_for_label(value, universe) or value
            out.add(value)
        out.discard("")
        return out
    raise ValueError(f"unknown kind {q.kind}")


@functools.lru_cache(maxsize=512)
def _expected_value(question_id: str, course, fingerprint: tuple) -> Any:
    """A question's expected answer in a course context, computed once (until a file changes)."""
    with using(course):
        return _REGISTRY[question_id].expected()


@functools.lru_cache(maxsize=512)
def _explanation(question_id: str, course, fingerprint: tuple) -> str:
    """A question's explanation in a course context, written once (it may read the data too)."""
    value = _expected_value(question_id, course, fingerprint)
    with using(course):
        return _REGISTRY[question_id].explain(value)


def _data_fingerprint(course) -> tuple:
    from ..datasets.loading import _fingerprint

    return _fingerprint("claims", course.data_dir)


def expected_answer(question_id: str, course=None) -> Any:
    """The expected answer of a question in a course context (cached per context).

    Args:
        question_id: e.g. ``"01.muscat_date"``.
        course: an :func:`iranus.course` context (its data folder); the default course when None.

    Raises:
        KeyError: unknown id.
    """
    q = get(question_id)
    ctx = course if course is not None else context()
    return _expected_value(q.question_id, ctx, _data_fingerprint(ctx))


def _expected(q: Question, value: Any = _UNSET) -> Any:
    """The expected answer read as the question's kind (normalised text, a set, a date ...)."""
    value = q.expected() if value is _UNSET else value
    if q.kind in ("text", "choice"):
        return _norm(value)
    if q.kind == "set":
        return {_norm(v) for v in value}
    if q.kind == "date":
        return pd.Timestamp(value).normalize()
    return value


#: What kind of answer a question takes, in words (no example: an example is the question's own,
#: :attr:`Question.example`, so that it never gives a right answer away).
_FORMATS = {
    "int": "a whole number",
    "number": "a number",
    "date": 'a date written "YYYY-MM-DD"',
    "text": "a short text in double quotes",
    "choice": "one of the choices, in double quotes",
    "set": "a list of names as shown in the table above, in square brackets",
}


def answer_format(q: Question) -> str:
    """The shape of answer a question takes, with its own example when it has one.

    >>> answer_format(Question("x.y", "?", lambda: 4, "int", lambda n: "", example="12"))
    'a whole number, e.g. 12'
    >>> answer_format(Question("x.y", "?", lambda: "2025-09-28", "date", lambda d: ""))
    'a date written "YYYY-MM-DD"'
    """
    shape = '"yes" or "no"' if _is_yes_no(q) else _FORMATS[q.kind]
    return f"{shape}, e.g. {q.example}" if q.example else shape


def unit_feedback(error: _answers.UnitError) -> str:
    """What a learner reads when a number comes in another unit than the question's.

    >>> unit_feedback(_answers.UnitError(60.0, "percent", "kg"))
    'The question asks for kilograms, and your answer (60) is given as a percentage. Give the number in kilograms.'
    """
    wanted = _answers.UNITS[error.expected]
    return (
        f"The question asks for {wanted[0]}, and your answer ({error.number:g}) is given "
        f"{_answers.UNITS[error.given][1]}. Give the number {wanted[1]}."
    )


def _item_name(id_: str) -> str:
    """A possible answer of a list question as a learner reads it: its English label (issues,
    actors, scenarios of the context), else the id as it is."""
    ctx = context().with_language(FEEDBACK_LANGUAGE)
    for dataset in ("issues", "actors", "scenarios"):
        try:
            labels = ctx.labels(dataset)
        except Exception:  # noqa: BLE001 - a data folder without the table
            continue
        for key, label in labels.items():
            if _norm(key) == _norm(id_):
                return str(label)
    return id_


def _nearest_item(q: Question, typed: str, universe: set[str]) -> tuple[str, str] | None:
    """The possible answer a misspelled list item most likely means ("balistic missiles" ->
    "Ballistic missiles"), by its id, its labels (English, Arabic) or an accepted spelling
    (:func:`answers.closest`): (its name as the learner reads it, its normalised id), or None."""
    spellings = {u: u for u in universe}
    spellings |= {label: id_ for label, id_ in _label_ids(universe).items()}
    spellings |= {_norm(a): _norm(v) for a, v in q.aliases.items() if _norm(v) in universe}
    near = _answers.closest(typed, list(spellings))
    return (_item_name(spellings[_norm(near)]), spellings[_norm(near)]) if near else None


#: Yes and no as a list item holds them (``[True]``): not a name, said so.
_YES_NO_ITEMS = {"true": "True", "false": "False"}


def _set_diagnosis(q: Question, given: set, expected: set) -> str:
    """What is wrong with a list answer, in words, without giving the answer away.

    A misspelled item is named with the nearest possible answer ("did you mean ...?"); the counts
    are said in words, singular or plural ("Both of your items are right; one is missing."); a
    right item behind a misspelling is not called missing (:func:`diagnose_items`).
    """
    universe = {_norm(c) for c in _choices(q)}
    missing = expected - given
    guesses = {}
    for item in sorted(given - universe) if universe else []:
        near = _nearest_item(q, item, universe)
        guesses[item] = (near[0], near[1] in missing) if near else None
    return diagnose_items(guesses, len(given & expected), len(given), len(missing))


def diagnose_items(guesses: dict[str, tuple[str, bool | None] | None], right: int, given: int, missing: int) -> str:
    """What is wrong with a list answer, in words (one rule for the lessons' checks and the exercises' keys).

    Args:
        guesses: each item of the answer that is no possible answer (normalised) -> None when
            nothing is near, else (the name it most likely misspells, as the learner reads it;
            whether that name is a right item missing from the answer: True, False, or None when
            it cannot be told).
        right: items of the answer that are right; given: items in the answer; missing: right
            items not in the answer (a misspelled one counted).

    Returns:
        One sentence per unknown item, then the count (:func:`count_verdict`): a right item behind
        a misspelling is not called missing; an item that may be one is "missing or misspelled".

    >>> diagnose_items({"ballistic missles": ("Ballistic missiles", True)}, 2, 3, 1)
    "'ballistic missles' is not among the possible answers: did you mean 'Ballistic missiles'? Two of your three items are right."
    >>> diagnose_items({"true": None}, 0, 1, 3)
    'True is yes/no, not a name: give the names as the table shows them. Your one item is not right; three are missing.'
    """
    sentences = []
    misspelled = unsure = 0
    for item, guess in guesses.items():
        if item in _YES_NO_ITEMS and guess is None:
            sentences.append(f"{_YES_NO_ITEMS[item]} is yes/no, not a name: give the names as the table shows them.")
            continue
        if guess is None:
            sentences.append(f"'{item}' is not among the possible answers (check the spelling).")
            unsure += 1
            continue
        name, is_missing = guess
        sentences.append(f"'{item}' is not among the possible answers: did you mean '{name}'?")
        if is_missing is True:
            misspelled += 1
        elif is_missing is None:
            unsure += 1
    misspelled = min(misspelled, missing)
    sentences.append(count_verdict(right, given, missing - misspelled, unsure=unsure))
    return " ".join(sentences)


def count_verdict(right: int, given: int, missing: int, unsure: int = 0) -> str:
    """How many items of a list answer are right and how many are missing, in words (one sentence).

    Args:
        right: items of the answer that are right; given: items in the answer; missing: right
            items the answer left out (not counting one it has misspelled, when that is known);
            unsure: items of the answer that may be misspellings of missing ones (the missing are
            then "missing or misspelled").

    >>> count_verdict(2, 2, 1)
    'Both of your items are right; one is missing.'
    >>> count_verdict(2, 3, 0)
    'Two of your three items are right.'
    >>> count_verdict(1, 2, 2, unsure=1)
    'One of your two items is right; two are missing or misspelled.'
    """
    n = given
    if n == 1:
        verdict = "your one item is right" if right else "your one item is not right"
    elif n == 2 and right == 2:
        verdict = "both of your items are right"
    elif n == 2 and right == 0:
        verdict = "neither of your items is right"
    elif right == n:
        verdict = f"all {_answers.count_word(n)} of your items are right"
    elif right == 0:
        verdict = f"none of your {_answers.count_word(n)} items is right"
    else:
        verdict = f"{_answers.count_word(right)} of your {_answers.count_word(n, 'item')} {'is' if right == 1 else 'are'} right"
    if missing:
        verdict += f"; {_answers.count_word(missing)} {'is' if missing == 1 else 'are'} missing"
        if unsure:
            verdict += " or misspelled"
    return verdict[0].upper() + verdict[1:] + "."


def check(question_id: str, answer: Any = NO_ANSWER, course=None) -> Feedback:
    """Check a learner's answer and explain.

    Args:
        question_id: e.g. ``"01.muscat_date"`` (see :func:`questions`).
        answer: the learner's answer; ``...`` (the placeholder) means "not answered yet".
        course: the :func:`iranus.course` context whose data the question asks about (an
            instructor's edited copy, ``data_dir=``); the default course when None.

    Returns:
        :class:`Feedback`; never raises for a wrong, malformed or missing answer (an unknown
        ``question_id`` gives feedback too, listing the known ones).
    """
    if not isinstance(question_id, str):
        return Feedback(str(question_id), None, "The first argument is the question's id, a text such as '01.muscat_date'.", True)
    question_id = question_id.strip()
    try:
        q = get(question_id)
    except KeyError as exc:
        return Feedback(question_id, None, f"{exc.args[0]}. Copy the id from the lesson's check cell.", True)
    if answer is NO_ANSWER or answer is None:
        return Feedback(question_id, None, f"Replace ... with your answer ({answer_format(q)}), then run the cell again.")
    if _answers.is_blank(answer):
        return Feedback(question_id, None, f"The answer is empty: type your answer ({answer_format(q)}), then run the cell again.")
    ctx = course if course is not None else context()
    try:
        fingerprint = _data_fingerprint(ctx)
        value = _expected_value(q.question_id, ctx, fingerprint)
        reason = _explanation(q.question_id, ctx, fingerprint)
    except Exception as exc:  # noqa: BLE001 - broken data must reach the learner as feedback
        return Feedback(
            question_id,
            None,
            f"This question cannot be checked with the data in use ({type(exc).__name__}: {exc}). "
            "Please tell your instructor.",
        )
    with using(ctx):
        return _judge(q, answer, value, reason)


def _as_list(q: Question, answer: str) -> tuple[Any, str]:
    """A list question answered with one text: its items, and a note when it was read as a sentence."""
    if not _answers.is_sentence(answer):
        return answer, ""
    universe = {_norm(c) for c in _choices(q)}

    def unknown(items) -> int:
        read = {_norm(q.aliases.get(_norm(i), _norm(i))) for i in items}
        return len(read - universe) if universe else 0

    items = _answers.split_items(answer)
    if universe and unknown(items) > unknown(answer.split(",")):
        return answer, ""
    shown = "[" + ", ".join(f'"{i}"' for i in items) + "]"
    return items, f" (I read your sentence as the list {shown}; a list is written in square brackets, each name in double quotes.)"


def _reads_as_number(answer: Any, unit: str) -> bool:
    try:
        _answers.read_number(answer, unit)
    except ValueError:
        return False
    return True


def _one_value(q: Question, answer: Any) -> tuple[Any, str]:
    """A one-cell DataFrame or one-item Series read as its value, for every kind of question (what
    ``df.loc[...]`` gives when one value was meant), with the note that says so; else unchanged."""
    if isinstance(answer, (pd.DataFrame, pd.Series)) and answer.size == 1 and q.kind != "set":
        return single_value(answer), (
            " (Your answer was a table with one cell; I read its value. `.iloc[0]` takes it out yourself.)"
        )
    return answer, ""


def _judge(q: Question, answer: Any, value: Any, reason: str) -> Feedback:
    """Compare a learner's answer with the expected ``value`` (inside the check's context)."""
    question_id = q.question_id
    answer, read_note = _one_value(q, answer)
    if isinstance(answer, pd.DataFrame) or (isinstance(answer, pd.Series) and q.kind != "set"):
        rows, cols = (answer.shape + (1,))[:2]
        return Feedback(
            question_id, False,
            f"Your answer is a table ({rows:,} {'row' if rows == 1 else 'rows'}, {cols:,} {'column' if cols == 1 else 'columns'}); give one answer, not a table: "
            f"{answer_format(q)}.",
        )
    raw = _norm(answer) if isinstance(answer, (str, int, float)) else None
    if q.kind in ("int", "number") and raw is not None and _reads_as_number(answer, q.unit):
        raw = None  # a number is compared as a number below ("-1" is not the near miss "1")
    if q.kind == "set" and isinstance(answer, str):
        answer, read_note = _as_list(q, _labels_as_ids(q, answer))
    for key, note in q.near_misses.items():  # a known wrong answer, as typed
        if raw is not None and raw == _norm(key):
            return Feedback(question_id, False, _note(note))
    if isinstance(answer, str) and len(answer) > 500:  # a pasted table or text: not echoed in full
        return Feedback(
            question_id, False,
            f"Your answer is a text of {len(answer):,} characters ({echo(answer)}); give only the answer, "
            f"{answer_format(q)}.",
        )
    if isinstance(answer, bool) and not _is_yes_no(q):
        return Feedback(
            question_id, False, f"Your answer is yes/no ({answer}); this question asks for {answer_format(q)}."
        )
    if q.kind != "set" and isinstance(answer, (list, tuple, set, frozenset)):
        return Feedback(question_id, False, a_list_for_one(answer, answer_format(q)))
    try:
        given = _read(q, answer)
    except _answers.UnitError as exc:
        return Feedback(question_id, False, unit_feedback(exc))
    except (Refusal, _answers.DecimalCommaError) as exc:  # "440,9": "Did you mean 440.9? ..."
        text = str(exc)
        return Feedback(question_id, False, f"{text[0].upper()}{text[1:]}.")
    except (ValueError, TypeError) as exc:
        return Feedback(question_id, False, f"I could not read {echo(answer)}: {exc}. Expected {answer_format(q)}.")
    expected = _expected(q, value)
    for key, note in q.alternatives.items():
        if given == _read(q, key):
            return Feedback(question_id, True, f"{reason} {note}")
    if q.kind == "number":
        right = abs(given - expected) <= q.tolerance
    else:
        right = given == expected
    if right:
        return Feedback(question_id, True, reason + read_note)
    for key, note in q.near_misses.items():
        try:
            if given == _read(q, key):
                return Feedback(question_id, False, _note(note))
        except ValueError:  # a near miss written as typed text that does not read as an answer
            continue
    hint = f" Hint: {q.hint}" if q.hint else ""
    if q.kind == "text":  # a close misspelling of the answer (or of an accepted spelling) is right
        spellings = [expected] + [k for k, v in q.aliases.items() if _norm(v) == expected]
        if any(_answers.close_match(given, s) for s in spellings):
            return Feedback(question_id, True, f"{reason} (You wrote '{answer}'; it is spelled '{value}'.)")
    if q.kind in ("int", "number") and q.other_settings is not None:
        settings = q.other_settings()
        values = {k: (v[0] if isinstance(v, tuple) else v) for k, v in settings.items()}
        setting = _answers.other_setting(given, values, q.tolerance)
        if setting:
            shown = f"{given:g}" if isinstance(given, float) else str(given)
            if isinstance(settings[setting], tuple):  # (value, what that value is, in full sentences)
                return Feedback(question_id, False, settings[setting][1].format(shown=shown) + hint)
            return Feedback(
                question_id, False,
                f"{shown} is the right answer {setting}, not for this question: read again which setting it asks about.{hint}",
            )
    detail = f" {_set_diagnosis(q, given, expected)}" if q.kind == "set" else ""
    approximate = q.kind == "number" and _answers.is_approximate(answer)  # "about 440": read as 440
    if q.kind in ("int", "number") and is_close(given, expected, q.tolerance):
        read = f"I read {echo(answer)} as {given:g}. " if approximate else ""
        return Feedback(question_id, False, f"{read}{close_note(q)}{read_note}{hint}")
    if approximate:
        detail = f" I read {echo(answer)} as {given:g}, which is not close enough: {_within(q)}."
    return Feedback(question_id, False, f"Look again.{detail}{read_note}{hint}")


#: How near a wrong number must be to be called close: within this share of the expected value ...
CLOSE_SHARE = 0.02
#: ... or within this many times the question's tolerance.
CLOSE_TOLERANCES = 3

#: A unit as "within 0.5 ... of the figure" says it (a unit not listed is not named).
_WITHIN_UNITS = {"kg": "kilograms", "tonnes": "tonnes", "percent": "percentage points", "points": "points",
                 "days": "days", "people": "people", "rials": "rials", "tomans": "tomans"}


def is_close(given: float, expected: float, tolerance: float) -> bool:
    """True for a number outside the tolerance but near the expected value: within
    :data:`CLOSE_SHARE` (2%) of it, or within :data:`CLOSE_TOLERANCES` (3) times the tolerance.

    >>> is_close(440, 440.9, 0.5), is_close(440.9, 440.9, 0.5), is_close(400, 440.9, 0.5)
    (True, False, False)
    """
    try:
        off = abs(float(given) - float(expected))
    except (TypeError, ValueError):
        return False
    return off > tolerance and off <= max(CLOSE_SHARE * abs(float(expected)), CLOSE_TOLERANCES * tolerance)


def _within(q: Question) -> str:
    """'an answer counts as right within 0.5 kilograms of the figure' (the question's tolerance)."""
    if q.kind == "int" and q.tolerance < 1:
        return "the question asks for the exact whole number"
    unit = _WITHIN_UNITS.get(q.unit, "")
    return f"an answer counts as right within {q.tolerance:g}{' ' + unit if unit else ''} of the figure"


def close_note(q: Question) -> str:
    """What a learner reads for a number close to the answer but outside its tolerance
    (:func:`is_close`): that it is close and the precision asked, never the value.

    >>> close_note(Question("x.y", "?", lambda: 440.9, "number", lambda v: "", tolerance=0.5, unit="kg",
    ...                     precision="give one decimal, as the table does"))
    'Close: an answer counts as right within 0.5 kilograms of the figure; give one decimal, as the table does.'
    """
    return f"Close: {_within(q)}{'; ' + q.precision if q.precision else ''}."


def _note(note: str | Callable[[], str]) -> str:
    """A near miss's explanation: a text, or a function of no argument writing it from the data."""
    return note() if callable(note) else note
