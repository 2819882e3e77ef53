"""Feedback for the automatic checks of the exercises (``exercises/master/``).

The exercises' otter tests call these helpers, so a learner who runs ``grader.check("...")``
reads the same kind of feedback as in the lessons (``iranus.checks.check``), plus a diagnosis of
the common mistakes each exercise module registers: "that is the zone at the *old* BATNA" teaches
more than "wrong".

    from iranus.checks.exercise_feedback import feedback, call
    feedback("E05.zone_size", 757)              # a Feedback, never an exception
    value, problem = call(zone_size, "zone_size", "iran", 45)   # a learner's function, safely

**The answer keys are not in this package.** They are instructor material
(``exercises/answer_keys/keysNN.py``, computed from the data and the models; each defines
``QUESTIONS`` and ``MISTAKES``, registered by :func:`register_keys`). What ships is a
*sealed* key file, ``exercise_keys.json``, written by ``exercises/answer_keys/seal.py``: per
question its prompt, kind and hint, a salted, slow hash (PBKDF2) of the normalised right answer,
the explanation shown after a right answer encrypted with a key derived from that answer, and the
known mistakes as hashes of the wrong values with their messages. A learner's answer is read and
normalised as :func:`iranus.checks.check` reads it, hashed, and compared: the check can say
"right" and explain, but nothing in the installed package computes or stores the answer in the
clear. (A question whose answer is a small whole number can still be found by trying values, as it
could by calling the check repeatedly; the hidden tests, in the autograder only, are what grade.)

When the instructor's key modules are loaded (the tests, ``seal.py``), :func:`feedback` uses them
directly.

**Keys follow the data they were sealed from.** ``seal.py`` seals from the bundled data by
default (into this package's ``exercise_keys.json``); ``seal.py --data-dir DIR`` seals from an
instructor's edited copy into ``DIR/exercise_keys.json``, and :func:`feedback` with
``course=iranus.course(data_dir=DIR)`` then checks against those keys (:func:`sealed_keys`).
A sealed file records the fingerprint of the data it was sealed from
(:func:`iranus.datasets.loading.data_fingerprint`, ``data_fingerprint`` in the file); when the
data in use has another fingerprint (the data changed after sealing, or an edited copy has no
keys of its own), the feedback still answers and adds a sentence saying the keys were sealed for
a different version of the data and naming the command that reseals them (:func:`stale_keys_note`).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from . import NO_ANSWER, Feedback, check, register_bank, using

#: The sealed answer keys shipped with the package (see the module's description).
KEYS_FILE = "exercise_keys.json"
_SEALED: dict | None = None
ITERATIONS = 20_000

_MISTAKES: dict[str, list[tuple[Callable[[Any], bool], Callable[[Any], str] | str]]] = {}
#: For sealing (instructor side): question -> [(values or None, items or None, message)].
MISTAKE_VALUES: dict[str, list[tuple[Callable[[], list] | None, Callable[[], list] | None, Callable[[Any], str] | str]]] = {}


def mistake(
    question_id: str,
    applies: Callable[[Any], bool],
    message: Callable[[Any], str] | str,
    values: Callable[[], list] | None = None,
    items: Callable[[], list] | None = None,
) -> None:
    """Register a diagnosis for a common wrong answer to a question (instructor side: the key modules).

    Args:
        question_id: the question (e.g. ``"E05.zone_iran_batna_45"``).
        applies: function of the learner's answer, True when this mistake explains it. It may
            load data; an exception inside it counts as "does not apply".
        message: what to tell the learner (a string, or a function of the answer returning one).
        values: for the sealed keys, a function returning the wrong answers this mistake gives
            (each is hashed with the message); None: not sealed.
        items: for a list question, a function returning items whose presence is the mistake.
    """
    _MISTAKES.setdefault(question_id, []).append((applies, message))
    if values is not None or items is not None:
        MISTAKE_VALUES.setdefault(question_id, []).append((values, items, message))


@dataclass(frozen=True)
class Mistake:
    """A known wrong answer to an exercise question and what to tell the learner (a key module's
    ``MISTAKES`` entry; the arguments of :func:`mistake`)."""

    question_id: str
    applies: Callable[[Any], bool]
    message: Callable[[Any], str] | str
    values: Callable[[], list] | None = None
    items: Callable[[], list] | None = None


_KEY_MODULES: set[str] = set()


def register_keys(module) -> None:
    """Register an answer-key module (instructor side: ``exercises/answer_keys/keysNN.py``).

    Its ``QUESTIONS`` go to the question engine (:func:`iranus.checks.register_bank`), its
    ``MISTAKES`` (a tuple of :class:`Mistake`, optional) to :func:`mistake`. Importing a key module
    registers nothing; registering the same module twice does nothing the second time.

    Raises:
        ValueError: a question id another module already registered.
        AttributeError: the module has no ``QUESTIONS``.
    """
    if module.__name__ in _KEY_MODULES:
        return
    register_bank(module)
    for m in getattr(module, "MISTAKES", ()):
        mistake(m.question_id, m.applies, m.message, m.values, m.items)
    _KEY_MODULES.add(module.__name__)


def feedback(question_id: str, answer: Any, course=None) -> Feedback:
    """Check an answer like :func:`iranus.checks.check`, naming a known mistake when one applies.

    Args:
        question_id: a registered question id.
        answer: the learner's answer (``...`` or None: not answered yet).
        course: the :func:`iranus.course` context whose data the question asks about; None: the
            default course (the bundled data). With the key modules loaded they compute the
            answer from its folder; otherwise the sealed keys of its folder are used
            (:func:`sealed_keys`).

    Returns:
        :class:`iranus.checks.Feedback` (``correct`` True, False, or None when unanswered); never
        raises for a wrong, malformed or missing answer.
    """
    result = _feedback(question_id, answer, course)
    if result.correct is True and isinstance(question_id, str) and question_id.strip() in HIDDEN_CHECKS:
        return Feedback(result.question_id, True, f"{result.message} {HIDDEN_CHECK_NOTE}")
    return result


#: Question ids whose exercise question also has hidden tests (set by the student notebook's init cell).
HIDDEN_CHECKS: set[str] = set()
HIDDEN_CHECK_NOTE = "(This is the public check: hidden tests try your code on other inputs at grading.)"


def _feedback(question_id: str, answer: Any, course=None) -> Feedback:
    if not _registered(question_id):
        from ..errors import DataPackageError

        try:
            keys = sealed_keys(course)
        except DataPackageError as exc:  # an instructor's broken key file: say so, never a traceback
            return Feedback(str(question_id), None, f"This check cannot run: {exc}. Tell your instructor.")
        sealed = keys.get(str(question_id).strip())
        if sealed is not None:
            return sealed_feedback(str(question_id).strip(), sealed, answer, course=course)
    result = check(question_id, answer, course=course)
    if result.correct is not False:
        return result
    named = _misnamed_feedback(question_id, answer, result, course)
    if named is not None:
        return named
    with using(course):
        for applies, message in _MISTAKES.get(question_id, []):
            try:
                hit = bool(applies(answer))
            except Exception:  # a diagnosis that cannot be computed for this answer does not apply
                hit = False
            if hit:
                text = message(answer) if callable(message) else message
                return Feedback(question_id, False, f"Look again. {text}")
    return result


def _registered(question_id: Any) -> bool:
    from . import _REGISTRY

    return isinstance(question_id, str) and question_id.strip() in _REGISTRY


def _sealed() -> dict:
    """The sealed keys shipped in the package (those of the bundled data), read once."""
    global _SEALED
    if _SEALED is None:
        import json
        from importlib.resources import files

        try:
            _SEALED = _annotated(json.loads(files(__package__).joinpath(KEYS_FILE).read_text(encoding="utf-8")))
        except FileNotFoundError:
            _SEALED = {}
    return _SEALED


#: The key a sealed entry carries (added on reading, not stored per question): the fingerprint of
#: the data its file was sealed from, or None when the file records none (sealed before it did).
SEALED_FOR = "sealed_for"


def _annotated(sealed_file: dict) -> dict:
    """The questions of a sealed key file, each with the fingerprint its file was sealed from."""
    fingerprint = sealed_file.get("data_fingerprint")
    return {qid: {**entry, SEALED_FOR: fingerprint} for qid, entry in sealed_file["questions"].items()}


def sealed_keys(course=None) -> dict:
    """The sealed keys for a course context's data folder: question id -> sealed key.

    Args:
        course: an :func:`iranus.course` context, or None (the bundled data).

    Returns:
        The keys in ``exercise_keys.json`` inside the course's data folder when that folder is
        not the bundled one and holds such a file (written by ``seal.py --data-dir DIR``);
        otherwise the keys shipped in the package (sealed from the bundled data). A question
        the folder's file lacks is taken from the package's keys.

    Raises:
        iranus.errors.DataPackageError: the folder's ``exercise_keys.json`` is not a sealed key
            file (invalid JSON, or no ``questions``); names the file.
    """
    shipped = _sealed()
    folder = getattr(course, "data_dir", None)
    if folder is None:
        return shipped
    from pathlib import Path

    from ..datasets.package import default_data_dir

    path = Path(folder) / KEYS_FILE
    if Path(folder) == default_data_dir().resolve() or not path.is_file():
        return shipped
    st = path.stat()
    return {**shipped, **_folder_keys(str(path), st.st_mtime_ns, st.st_size)}


@lru_cache(maxsize=8)
def _folder_keys(path: str, mtime_ns: int, size: int) -> dict:
    import json

    from ..errors import DataPackageError

    try:
        with open(path, encoding="utf-8") as fh:
            content = json.load(fh)
        if not isinstance(content["questions"], dict):
            raise TypeError("questions is not an object")
        keys = _annotated(content)
    except (ValueError, KeyError, TypeError) as exc:
        raise DataPackageError(f"{path}: not a sealed key file written by seal.py --data-dir ({exc})") from None
    return keys


def canonical(kind: str, value: Any, tolerance: float = 0.0) -> list[str]:
    """The canonical text(s) of an answer already read as ``kind`` (what is hashed).

    A number with a tolerance becomes its multiple of the tolerance, and its two neighbours for a
    learner's answer (so an answer within the tolerance matches); everything else one text.
    """
    import json

    import pandas as pd

    if kind == "number":
        if tolerance:
            k = round(float(value) / tolerance)
            return [str(k), str(k - 1), str(k + 1)]
        return [repr(float(value))]
    if kind == "int":
        return [str(int(value))]
    if kind == "date":
        return [pd.Timestamp(value).strftime("%Y-%m-%d")]
    if kind == "set":
        return [json.dumps(sorted(value))]
    return [str(value)]


def digest(question_id: str, text: str, salt: str, purpose: str = "answer") -> str:
    """Salted PBKDF2-SHA256 of a canonical answer (hex)."""
    import hashlib

    return hashlib.pbkdf2_hmac("sha256", text.encode(), f"{salt}|{question_id}|{purpose}".encode(), ITERATIONS).hex()


def _stream(key: bytes, n: int) -> bytes:
    import hashlib

    out = b""
    counter = 0
    while len(out) < n:
        out += hashlib.sha256(key + counter.to_bytes(8, "big")).digest()
        counter += 1
    return out[:n]


def seal_text(question_id: str, answer_text: str, salt: str, message: str) -> str:
    """``message`` encrypted so that only the right canonical answer opens it (base64)."""
    import base64

    key = bytes.fromhex(digest(question_id, answer_text, salt, "explain"))
    data = message.encode()
    return base64.b64encode(bytes(a ^ b for a, b in zip(data, _stream(key, len(data))))).decode()


def open_text(question_id: str, answer_text: str, salt: str, sealed: str) -> str:
    """The message sealed by :func:`seal_text` (garbage for a wrong answer; only called on a match)."""
    import base64

    key = bytes.fromhex(digest(question_id, answer_text, salt, "explain"))
    data = base64.b64decode(sealed)
    return bytes(a ^ b for a, b in zip(data, _stream(key, len(data)))).decode("utf-8", "replace")


def stale_keys_note(sealed: dict, course=None) -> str:
    """The sentence a learner reads when a sealed key was sealed for other data than the data in use.

    Args:
        sealed: a sealed key as :func:`sealed_keys` returns it (it carries the fingerprint of the
            data its file was sealed from).
        course: the :func:`iranus.course` context in use; None: the checks' current context (the
            default course, the bundled data).

    Returns:
        "" when the key was sealed from data with the same fingerprint as the context's folder
        (:func:`iranus.datasets.loading.data_fingerprint`), or when that cannot be told (a key
        file written before fingerprints were recorded, a folder that cannot be read); otherwise
        one plain sentence naming the command that reseals the keys. Never raises.
    """
    sealed_for = sealed.get(SEALED_FOR)
    if not sealed_for:
        return ""
    try:
        from pathlib import Path

        from ..datasets.loading import data_fingerprint
        from ..datasets.package import default_data_dir
        from . import context

        folder = Path((course if course is not None else context()).data_dir)
        if data_fingerprint(folder) == sealed_for:
            return ""
        bundled = folder.resolve() == default_data_dir().resolve()
    except Exception:  # noqa: BLE001 - a note about the keys must never break the feedback
        return ""
    command = "uv run python exercises/answer_keys/seal.py" + ("" if bundled else f" --data-dir {folder}")
    return (
        "Note: the answer keys were sealed for a different version of the data than the one in use, "
        "so this feedback may be wrong. Please ask your instructor to reseal them "
        f"({command})."
    )


def sealed_feedback(question_id: str, sealed: dict, answer: Any, course=None) -> Feedback:
    """Check ``answer`` against a sealed key (the student package's path; see the module's description).

    Args:
        question_id: the question's id.
        sealed: its sealed key (:func:`sealed_keys`).
        answer: the learner's answer (``...`` or None: not answered yet).
        course: the :func:`iranus.course` context whose data is in use; None: the checks' current
            context (the default course). When the key was sealed from data with another
            fingerprint, the feedback adds a sentence saying so (:func:`stale_keys_note`).

    Returns:
        :class:`Feedback` worded as :func:`iranus.checks.check` words it; never raises.
    """
    with using(course):
        result = _sealed_verdict(question_id, sealed, answer)
    note = stale_keys_note(sealed, course)
    if note:
        return Feedback(result.question_id, result.correct, f"{result.message} {note}", result.unknown_question)
    return result


def _sealed_verdict(question_id: str, sealed: dict, answer: Any) -> Feedback:
    from . import _FORMATS, Question, _norm, _read, a_list_for_one, echo, unit_feedback
    from .answers import UnitError

    kind, tol, salt = sealed["kind"], float(sealed.get("tolerance", 0.0)), sealed["salt"]
    q = Question(question_id, sealed["prompt"], lambda: None, kind, lambda e: "", sealed.get("hint", ""),
                 tuple(sealed.get("choices", ())), tol, dict(sealed.get("aliases", {})), unit=sealed.get("unit", ""))
    if answer is NO_ANSWER or answer is None:
        return Feedback(question_id, None, f"Replace ... with your answer ({_FORMATS[kind]}), then run the cell again.")
    raw = _norm(answer) if isinstance(answer, (str, int, float)) else None
    if raw is not None:
        for entry in sealed.get("typed", []):
            if digest(question_id, raw, salt, "typed") == entry["digest"]:
                return Feedback(question_id, False, entry["message"])
    if kind != "set" and isinstance(answer, (list, tuple, set, frozenset)):
        return Feedback(question_id, False, a_list_for_one(answer, _FORMATS[kind]))
    try:
        given = _read(q, answer)
    except UnitError as exc:
        return Feedback(question_id, False, unit_feedback(exc))
    except (ValueError, TypeError) as exc:
        if kind == "choice" and isinstance(answer, str):
            return Feedback(question_id, False, _not_a_choice(answer, q.choices, q.aliases))
        return Feedback(question_id, False, f"I could not read {echo(answer)}: {exc}. Expected {_FORMATS[kind]}.")
    texts = canonical(kind, given, tol)
    hashed = {t: digest(question_id, t, salt) for t in texts}
    for entry in [sealed["right"], *sealed.get("alternatives", [])]:
        for text, h in hashed.items():
            if h == entry["digest"]:
                return Feedback(question_id, True, open_text(question_id, text, salt, entry["explain"]))
    for entry in sealed.get("wrong", []):
        if entry["digest"] in hashed.values():
            return Feedback(question_id, False, entry["message"])
    if kind == "set":
        for entry in sealed.get("wrong_items", []):
            if any(digest(question_id, item, salt, "item") == entry["digest"] for item in given):
                return Feedback(question_id, False, f"Look again. {entry['message']}")
    detail = ""
    if kind == "set":
        items = sealed["right"]["items"]
        right = sum(digest(question_id, item, salt, "item") in items for item in given)
        detail = " " + _list_detail(given, right, len(items), q.choices, q.aliases,
                                    lambda id_: id_ not in given and digest(question_id, id_, salt, "item") in items)
    hint = f" Hint: {q.hint}" if q.hint else ""
    return Feedback(question_id, False, f"Look again.{detail}{hint}")


def _list_detail(given: set, right: int, n_expected: int, choices: Any, aliases: dict[str, str],
                 is_missing: Callable[[str], bool | None] | None = None) -> str:
    """What is wrong with a list answer, without giving the answer away: the items that are no
    possible answer (each with the name it most likely misspells, :func:`did_you_mean`), how many
    items are right and how many are missing, as the lessons' checks say it
    (:func:`iranus.checks.diagnose_items`, one rule).

    Args:
        is_missing: for the id a misspelled item most likely means, whether it is a right item the
            answer lacks (True/False); None (or the function absent): it cannot be told, and the
            count says "missing or misspelled".
    """
    from . import _norm, diagnose_items

    universe = {_norm(c) for c in (choices() if callable(choices) else choices)}
    guesses = {}
    for u in sorted(given - universe) if universe else []:
        near = _guess(u, choices, aliases)
        guesses[u] = (near[0], is_missing(near[1]) if is_missing else None) if near else None
    return diagnose_items(guesses, right, len(given), n_expected - right)


# -- names as the tables show them --------------------------------------------------------------


def _guess(typed: Any, choices: Any, aliases: dict[str, str] | None = None) -> tuple[str, str] | None:
    """(the name, the normalised id) of the possible answer ``typed`` most likely misspells, or None
    (:func:`did_you_mean`, with the id)."""
    from . import _norm
    from .answers import closest

    choices = tuple(choices()) if callable(choices) else tuple(choices)
    shown = _shown(choices, dict(aliases or {}))
    near = closest(_norm(typed), list(shown))
    return shown[near] if near else None


def _shown(choices: Any, aliases: dict[str, str]) -> dict[str, tuple[str, str]]:
    """``{normalised spelling: (the name a learner reads, the normalised id)}`` for the possible answers of a question.

    An id of the context's issues, actors, scenarios or deal options is read as its label in the course's
    language ("venue_format" and "venue and format of the talks" -> "Venue and format of the
    talks"); an alias as the name of what it stands for; any other choice as itself.
    """
    from . import LABELLED, _norm, context, shown_labels

    universe = {_norm(c) for c in choices}
    names: dict[str, tuple[str, str]] = {}
    ctx = context()
    for dataset in LABELLED:
        try:
            labels = shown_labels(ctx, dataset)
        except Exception:  # noqa: BLE001 - a data folder without the table: no names to offer
            continue
        for id_, label in labels.items():
            if _norm(id_) in universe:
                names.setdefault(_norm(id_), (str(label), _norm(id_)))
                names.setdefault(_norm(label), (str(label), _norm(id_)))
    for alias, target in aliases.items():
        if _norm(target) in universe:
            names.setdefault(_norm(alias), (names.get(_norm(target), (alias,))[0], _norm(target)))
    for choice in choices:
        names.setdefault(_norm(choice), (str(choice), _norm(choice)))
    return names


def did_you_mean(typed: Any, choices: Any, aliases: dict[str, str] | None = None) -> str | None:
    """The possible answer a learner most likely misspelled, as the tables name it, or None.

    Reads with :func:`iranus.checks.answers.closest` (the course's one reader of near spellings)
    over the ids, their labels (issues, actors, scenarios of the checks' context, in its language)
    and the question's aliases.

    Args:
        typed: one item of the learner's answer ("Uranium enrichmnt").
        choices: the question's possible answers (ids); a tuple, or a function returning one.
        aliases: the question's other accepted spellings (spelling -> id).

    Returns:
        The name as a table shows it ("Uranium enrichment"), or None when nothing is close.

    >>> did_you_mean("Venue and formt of the talks", ("venue_format", "missiles"))
    'Venue and format of the talks'
    """
    near = _guess(typed, choices, aliases)
    return near[0] if near else None


def _not_a_choice(typed: str, choices: Any, aliases: dict[str, str]) -> str:
    """What a learner reads when one answer is none of the possible ones (never the list of ids)."""
    guess = did_you_mean(typed, choices, aliases)
    if guess:
        return f"'{typed}' is not one of the possible answers; did you mean '{guess}'? Give the name as the table shows it."
    return f"'{typed}' is not one of the possible answers. Give the name as the table shows it, and check its spelling."


def _misnamed_feedback(question_id: str, answer: Any, result: Feedback, course=None) -> Feedback | None:
    """For a registered choice or list question answered with no possible answer (or an item that is
    none), the same feedback as the sealed keys give: a misspelled item is answered with the name
    the tables show (:func:`did_you_mean`), never with a list of ids. None when it does not apply
    (``result``, the check's own feedback, then stands)."""
    from . import _REGISTRY, _choices, _norm, _read

    q = _REGISTRY.get(str(question_id).strip())
    if q is None or q.kind not in ("choice", "set") or not _choices(q):
        return None
    with using(course):
        universe = {_norm(c) for c in _choices(q)}
        if q.kind == "choice":
            if not isinstance(answer, str):
                return None
            try:
                _read(q, answer)
                return None
            except (ValueError, TypeError):
                return Feedback(q.question_id, False, _not_a_choice(answer, q.choices, q.aliases))
        if not isinstance(answer, (list, tuple, set, frozenset)):
            return None
        try:
            given = _read(q, answer)
        except (ValueError, TypeError):
            return None
        if not given - universe:
            return None
        from . import _expected, expected_answer

        expected = _expected(q, expected_answer(q.question_id, course))
        detail = _list_detail(given, len(given & expected), len(expected), q.choices, q.aliases,
                              lambda id_: id_ in expected - given)
    hint = f" Hint: {q.hint}" if q.hint else ""
    return Feedback(result.question_id, False, f"Look again. {detail}{hint}")


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
        if name == "_ipython_display_" or (name.startswith("_repr_") and name != "_repr_html_"):
            raise AttributeError(name)  # IPython must display through this wrapper, not the inner object
        return getattr(self._result, name)

    def __repr__(self) -> str:
        text = repr(self._result)
        return f"{text}\n{self._note}" if self._passed() else text

    def _repr_html_(self) -> str | None:
        inner = getattr(self._result, "_repr_html_", None)
        if inner is None:
            return None  # IPython then shows __repr__
        html = inner()
        return f"{html}<p><em>{self._note}</em></p>" if self._passed() and html else html


class honest_grader:  # noqa: N801 - used like otter.Notebook in the student's init cell
    """Wrap an ``otter.Notebook`` so that a passing check never reads as a final grade.

    ``grader.check("e04_percent_change")`` on a question with hidden tests, when the public tests
    pass, adds "Public checks passed; hidden tests run at grading."; ``grader.check_all()`` adds
    it whenever the assignment has hidden tests. Everything else is otter's.

    Args:
        notebook: the ``otter.Notebook``.
        hidden: names of the questions that have hidden tests.
        checks: the ``feedback`` question ids of those questions: a right answer there says that
            hidden tests still run (``HIDDEN_CHECK_NOTE``).
    """

    def __init__(self, notebook: Any, hidden: list[str] | tuple[str, ...] = (), checks: list[str] | tuple[str, ...] = ()):
        self._notebook, self._hidden = notebook, set(hidden)
        HIDDEN_CHECKS.update(checks)

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
