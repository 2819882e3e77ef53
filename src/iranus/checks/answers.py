"""Reading a learner's answer the way a teacher would: pure functions, no data, no state.

The check engine (:mod:`iranus.checks`) uses these so that near answers are treated alike:

- :func:`is_blank`: an empty string (or an empty list) is "no answer yet", not a wrong answer;
- :func:`read_number`: ``"zero"``, ``"five"``, ``"twenty-one"``, ``"٣"``, ``"1,234"``,
  ``"82%"``, ``"440.9 kg"`` and ``"about 60"`` read as numbers; a unit other than the question's
  (:data:`UNITS`) raises :class:`UnitError`, so the learner is told which unit is asked for; a
  decimal comma (``"440,9"``) raises :class:`DecimalCommaError` ("did you mean 440.9?"), never
  a silent 4409;
- :func:`split_items`: a list typed as a sentence (``"missiles and regional allies"``) read
  as its items, and :func:`is_sentence` to say so;
- :func:`close_match` / :func:`closest`: a close misspelling (``"Al Jazira"``) recognised, to
  accept it or to ask "did you mean ...?";
- :func:`other_setting`: a value that is right for another setting of the question (the zone
  without Israel, given for the zone with Israel) recognised as such;
- :func:`mark`: the verdict as a symbol *and* a word, so it reads where no emoji font exists.

Matching uses :mod:`difflib` (the standard library's sequence matcher); nothing here reads data.
"""

from __future__ import annotations

import difflib
import math
import re
from collections.abc import Iterable, Mapping
from typing import Any

__all__ = [
    "MARKS",
    "UNITS",
    "DecimalCommaError",
    "ThousandsStopError",
    "UnitError",
    "close_match",
    "closest",
    "count_word",
    "is_approximate",
    "is_blank",
    "is_sentence",
    "mark",
    "normalise",
    "other_setting",
    "read_number",
    "read_yes_no",
    "split_items",
    "unit_of",
]

#: The verdict of a check as a symbol and a word; the word alone is enough to read it.
MARKS = {True: ("✅", "Right."), False: ("❌", "Not yet."), None: ("✏️", "No answer yet.")}

_DIGITS = str.maketrans("٠١٢٣٤٥٦٧٨٩۰۱۲۳۴۵۶۷۸۹٫٬", "01234567890123456789.,")

_UNITS = {
    "zero": 0, "nil": 0, "none": 0, "nought": 0, "one": 1, "two": 2, "three": 3, "four": 4,
    "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12,
    "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18,
    "nineteen": 19,
    # Arabic (the forms a learner types most; with and without the final taa marbuta)
    "صفر": 0, "واحد": 1, "واحدة": 1, "اثنان": 2, "اثنين": 2, "اثنتان": 2, "ثلاثة": 3, "ثلاث": 3,
    "أربعة": 4, "اربعة": 4, "أربع": 4, "خمسة": 5, "خمس": 5, "ستة": 6, "ست": 6, "سبعة": 7, "سبع": 7,
    "ثمانية": 8, "ثماني": 8, "تسعة": 9, "تسع": 9, "عشرة": 10, "عشر": 10,
}
_TENS = {"twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90}
_SCALES = {"hundred": 100, "thousand": 1000}


def is_blank(answer: Any) -> bool:
    """True for an answer that says nothing yet: ``""``, spaces, ``[]``, ``()``, ``set()``.

    >>> is_blank("  "), is_blank([]), is_blank(0), is_blank("0")
    (True, True, False, False)
    """
    if isinstance(answer, str):
        return not answer.strip()
    if isinstance(answer, (list, tuple, set, frozenset, dict)):
        return len(answer) == 0
    return False


def normalise(text: Any) -> str:
    """Lower case, single spaces, ``_`` and ``-`` as spaces, no surrounding quotes or final stop.

    >>> normalise(" 'Marco  Rubio.' ")
    'marco rubio'
    >>> normalise("partly_confirmed")
    'partly confirmed'
    """
    value = " ".join(str(text).strip().lower().replace("_", " ").replace("-", " ").split())
    return value.strip("\"'“”‘’ ").rstrip(".!;,").strip()


def _words_to_number(text: str) -> float | None:
    words = [w for w in re.split(r"[\s-]+", text) if w and w != "and"]
    if not words:
        return None
    total, current = 0, 0
    for word in words:
        if word in _UNITS:
            current += _UNITS[word]
        elif word in _TENS:
            current += _TENS[word]
        elif word in _SCALES:
            current = max(current, 1) * _SCALES[word]
            if _SCALES[word] >= 1000:
                total, current = total + current, 0
        else:
            return None
    return float(total + current)


#: Units a number may be typed with: unit key -> (its name, its "given ..." phrase, the spellings read as it).
#: A question names its unit by key (:attr:`iranus.checks.Question.unit`).
UNITS: dict[str, tuple[str, str, tuple[str, ...]]] = {
    "kg": ("kilograms", "in kilograms", ("kg", "kgs", "kilo", "kilos", "kilogram", "kilograms", "kilogramme", "kilogrammes", "كغ", "كيلوغرام", "كيلوجرام", "كيلو")),
    "tonnes": ("tonnes", "in tonnes", ("t", "ton", "tons", "tonne", "tonnes", "طن")),
    "percent": ("a percentage", "as a percentage", ("%", "percent", "per cent", "pct", "pc", "٪", "بالمئة", "في المئة", "بالمائة")),
    "people": ("a number of people", "as a number of people", ("people", "persons", "person", "deaths", "death", "dead", "killed", "lives", "protesters", "شخص", "قتيل", "قتلى")),
    "points": ("points on the 0-100 scale", "in points", ("point", "points", "pts", "pt", "نقطة", "نقاط")),
    "times": ("a ratio (how many times)", "as a ratio", ("x", "×", "times", "fold", "مرة", "مرات")),
    "rials": ("rials", "in rials", ("rial", "rials", "ريال")),
    "tomans": ("tomans", "in tomans", ("toman", "tomans", "تومان")),
    "days": ("days", "in days", ("day", "days", "يوم", "أيام")),
    "packages": ("a number of packages", "as a number of packages", ("package", "packages")),
    "claims": ("a number of claims", "as a number of claims", ("claim", "claims")),
    "issues": ("a number of issues", "as a number of issues", ("issue", "issues")),
    "statements": ("a number of statements", "as a number of statements", ("statement", "statements", "position", "positions", "row", "rows")),
    "rounds": ("a number of rounds", "as a number of rounds", ("round", "rounds")),
    "forecasts": ("a number of forecasts", "as a number of forecasts", ("forecast", "forecasts")),
}

_SPELLINGS = {spelling: key for key, (_, _as, spellings) in UNITS.items() for spelling in spellings}

#: Words a learner puts before an approximate number ("about 60"): read as the number.
_APPROX = re.compile(r"^(?:about|around|approximately|approx\.?|roughly|some|nearly|almost|circa|ca\.|c\.|~|≈|حوالي|نحو|قرابة)\s*", re.I)
_NUMBER_UNIT = re.compile(r"^(?P<number>[-+]?(?:\d[\d,]*(?:\.\d+)*|\.\d+))\s*(?P<unit>.*?)$")


class UnitError(ValueError):
    """A number given with a unit other than the one the question asks for.

    Attributes:
        number: the number read (float).
        given: the unit key the answer used (a key of :data:`UNITS`).
        expected: the unit key the question asks for.
    """

    def __init__(self, number: float, given: str, expected: str) -> None:
        self.number, self.given, self.expected = number, given, expected
        super().__init__(f"the question asks for {UNITS[expected][0]}, and your answer is given {UNITS[given][1]}")


class DecimalCommaError(ValueError):
    """A number written with a decimal comma (``"440,9"``, ``"0,25"``): read as what it most likely means.

    The course writes decimals with a full stop and uses the comma only to group thousands
    (``"3,117"``: a comma followed by exactly three digits). A comma followed by one, two, or four
    or more digits at the end of the number cannot be a thousands separator; reading it as one would
    turn 440,9 into 4409, so the learner is asked instead.

    Attributes:
        number: the number the text most likely means, with the comma read as a decimal point
            (float; ``"440,9"`` -> ``440.9``, ``"1,234,5"`` -> ``1234.5``).
        typed: the number as typed (``"440,9"``).
        unit: the unit key the answer was given in (a key of :data:`UNITS`), or ``""``.
    """

    def __init__(self, number: float, typed: str, unit: str = "") -> None:
        self.number, self.typed, self.unit = number, typed, unit
        super().__init__(
            f"did you mean {number:g}? Decimals take a full stop here; a comma only groups "
            "thousands, as in 3,117"
        )


class ThousandsStopError(DecimalCommaError):
    """A whole number written with a full stop grouping thousands (``"1.443"``, the European way),
    given where a whole number is asked for (:func:`read_number` with ``whole=True``).

    The course writes decimals with a full stop, so ``"1.443"`` reads as 1.443; where the question
    asks for a whole number and exactly three digits follow each full stop, the learner most likely
    meant 1,443 and is asked so. Same attributes as :class:`DecimalCommaError` (``number`` is the
    whole number, 1443.0).
    """

    def __init__(self, number: float, typed: str, unit: str = "") -> None:
        self.number, self.typed, self.unit = number, typed, unit
        ValueError.__init__(self, f"did you mean {number:,.0f}? Here a full stop marks decimals; a comma groups thousands")


#: A full stop grouping thousands, as some languages write them: "1.443", "1.234.567".
_THOUSANDS_STOP = re.compile(r"^[-+]?\d{1,3}(?:\.\d{3})+$")

#: A space grouping thousands, as French and SI writing do ("1 443", "12 500 000"), with a plain
#: space, a no-break space (U+00A0) or a narrow no-break space (U+202F): exactly three digits after
#: each single space, then no further digit ("12 5" is not read as 125).
_THOUSANDS_SPACE = re.compile(r"^[-+]?\d{1,3}(?:[ \u00a0\u202f]\d{3})+(?![\d,])")

#: A comma that groups thousands: groups of exactly three digits after the first group of one to three.
_THOUSANDS = re.compile(r"^[-+]?\d{1,3}(?:,\d{3})+(?:\.\d+)?$")
#: A decimal comma: the last comma of the number followed by one, two, or four or more digits, to the end.
_DECIMAL_COMMA = re.compile(r"^(?P<whole>[-+]?\d[\d,]*),(?P<decimals>\d{1,2}|\d{4,})$")


def _read_digits(typed: str, unit: str = "", whole: bool = False) -> float:
    """The number of a run of digits, commas and a full stop (``"3,117"``, ``"440.9"``).

    Raises:
        DecimalCommaError: a decimal comma (see :class:`DecimalCommaError`); with ``whole``, a full
            stop grouping thousands (:class:`ThousandsStopError`, ``"1.443"``).
    """
    if whole and _THOUSANDS_STOP.match(typed):
        raise ThousandsStopError(float(typed.replace(".", "")), typed, unit)
    if "," in typed and not _THOUSANDS.match(typed):
        decimal = _DECIMAL_COMMA.match(typed)
        if decimal:
            raise DecimalCommaError(float(decimal["whole"].replace(",", "") + "." + decimal["decimals"]), typed, unit)
    try:
        return float(typed.replace(",", ""))
    except ValueError:  # "1.2.3": more than one full stop, and not thousands
        raise ValueError(f"{typed!r} is not a number") from None


def unit_of(text: str) -> str | None:
    """The unit key of a unit as typed (``"kg"``, ``"Kilograms"``, ``"%"``, ``"per cent"``), or None.

    A trailing phrase after the unit is allowed (``"kg of uranium"``).

    >>> [unit_of(u) for u in ("kg", "Kilograms", "%", "per cent", "deaths", "kg of uranium", "bananas")]
    ['kg', 'kg', 'percent', 'percent', 'people', 'kg', None]
    """
    text = " ".join(str(text).strip().lower().rstrip(".").split())
    if text in _SPELLINGS:
        return _SPELLINGS[text]
    head = re.split(r"\s+(?:of|in|at|by)\s+", text, maxsplit=1)[0]
    return _SPELLINGS.get(head)


def read_number(answer: Any, unit: str = "", whole: bool = False) -> float:
    """A number from what a learner typed, with or without its unit.

    Accepts ints and floats; text with thousands separators (``"1,234"``, and a space, no-break
    space or narrow no-break space before each group of exactly three digits: ``"1 443"``); a number followed by a
    unit, with or without a space (``"440.9 kg"``, ``"440.9kg"``, ``"60 %"``, ``"60 percent"``,
    ``"3,117 deaths"``, ``"12 kg of uranium"``); a leading "about", "around", "~" (``"about 60"``);
    Arabic-Indic and Persian digits (``"٣"``); number words in English up to the thousands
    (``"zero"``, ``"five"``, ``"twenty-one"``, ``"one hundred"``) and the Arabic words for 0 to 10.

    Args:
        answer: what the learner typed.
        unit: the unit key the question asks for (a key of :data:`UNITS`, e.g. ``"kg"``); ``""``
            when the question names none (any known unit is then read as the number).
        whole: the question asks for a whole number: a full stop followed by exactly three digits
            (``"1.443"``) then raises :class:`ThousandsStopError` ("did you mean 1,443?") instead of
            reading 1.443; ``"440.9"`` is read as 440.9 either way.

    Returns:
        float (``"zero"`` -> ``0.0``, ``"440.9 kg"`` -> ``440.9``).

    Raises:
        UnitError: a known unit other than ``unit`` (``"60 %"`` for a question in kilograms);
            the message names the unit the question asks for.
        DecimalCommaError: a decimal comma (``"440,9"``, ``"0,25"``: a comma followed by one, two,
            or four or more digits at the end); its ``number`` is the decimal reading (440.9) and its
            message asks "did you mean 440.9?". A comma followed by exactly three digits groups
            thousands (``"3,117"`` -> 3117.0). A subclass of ValueError.
        ValueError: ``True``/``False``, NaN, or text that is not a number (the message quotes it).

    >>> [read_number(x) for x in ("zero", "Twenty-one", "٣", "1,234", "82%", 7)]
    [0.0, 21.0, 3.0, 1234.0, 82.0, 7.0]
    >>> [read_number(x, "kg") for x in ("440.9 kg", "440.9kg", "about 440.9", "440.9 kilograms of uranium")]
    [440.9, 440.9, 440.9, 440.9]
    >>> read_number("60 %", "kg")
    Traceback (most recent call last):
    ...
    iranus.checks.answers.UnitError: the question asks for kilograms, and your answer is given as a percentage
    >>> read_number("3,117 deaths"), read_number("1,234,567.5")
    (3117.0, 1234567.5)
    >>> read_number("1.443", whole=True)
    Traceback (most recent call last):
    ...
    iranus.checks.answers.ThousandsStopError: did you mean 1,443? Here a full stop marks decimals; a comma groups thousands
    >>> read_number("1 443"), read_number("1\u202f443 people", "people"), read_number("12\u00a0500.5")
    (1443.0, 1443.0, 12500.5)
    >>> read_number("12 5")
    Traceback (most recent call last):
    ...
    ValueError: '12 5' is not a number I can read (what is '5'?)
    >>> read_number("1.443"), read_number("440.9", whole=True)
    (1.443, 440.9)
    >>> read_number("440,9 kg", "kg")
    Traceback (most recent call last):
    ...
    iranus.checks.answers.DecimalCommaError: did you mean 440.9? Decimals take a full stop here; a comma only groups thousands, as in 3,117
    """
    if isinstance(answer, bool):
        raise ValueError("a number is expected, not True/False")
    if isinstance(answer, (int, float)):
        if isinstance(answer, float) and math.isnan(answer):
            raise ValueError("a number is expected, not NaN")
        return float(answer)
    text = str(answer).strip().strip("\"'“”‘’").translate(_DIGITS).strip()
    text = _APPROX.sub("", text).strip()
    text = _THOUSANDS_SPACE.sub(lambda m: re.sub(r"[ \u00a0\u202f]", "", m[0]), text)
    text = text.replace("\u00a0", " ").replace("\u202f", " ")
    match = _NUMBER_UNIT.match(text)
    if match:
        try:
            number, comma = _read_digits(match["number"], whole=whole), None
        except DecimalCommaError as exc:
            number, comma = exc.number, exc
        typed = match["unit"].strip()
        key = unit_of(typed) if typed else None
        if typed and key is None:
            raise ValueError(f"{answer!r} is not a number I can read (what is {typed!r}?)")
        if key is not None and unit and key != unit:
            raise UnitError(number, key, unit)
        if comma is not None:
            raise type(comma)(comma.number, comma.typed, key or "")
        return number
    words = normalise(text)
    number = _words_to_number(words)
    if number is not None:
        return number
    tokens = words.split()
    for i in range(len(tokens) - 1, 0, -1):  # number words followed by a unit: "sixty kilograms"
        key, number = unit_of(" ".join(tokens[i:])), _words_to_number(" ".join(tokens[:i]))
        if key is not None and number is not None:
            if unit and key != unit:
                raise UnitError(number, key, unit)
            return number
    raise ValueError(f"{answer!r} is not a number")


_LIST_SEPARATORS = re.compile(r"\s*(?:[,;\n&+،؛]|\band\b|\s+و(?=\s))\s*")


def split_items(text: str) -> list[str]:
    """The items of a list typed as one text: commas, semicolons, "and", "&", Arabic "و" or "،".

    Brackets and quotes left over from a Python list typed as text are dropped.

    Returns:
        list of stripped, non-empty items, in the order given.

    >>> split_items("missiles and regional allies")
    ['missiles', 'regional allies']
    >>> split_items("['missiles', 'enrichment']")
    ['missiles', 'enrichment']
    >>> split_items("الصواريخ و الحلفاء")
    ['الصواريخ', 'الحلفاء']
    """
    text = str(text).strip().strip("[](){}")
    items = [item.strip().strip("\"'“”‘’ ").strip() for item in _LIST_SEPARATORS.split(text)]
    return [item for item in items if item]


def is_sentence(text: str) -> bool:
    """True when a text answer to a list question reads as a sentence rather than a list.

    >>> is_sentence("missiles and regional allies"), is_sentence("missiles, regional_allies")
    (True, False)
    """
    text = str(text)
    return bool(re.search(r"\band\b|\s+و\s", text)) or (len(text.split()) > 4 and "," not in text)


def _ratio(a: str, b: str) -> float:
    a, b = normalise(a), normalise(b)
    spaced = difflib.SequenceMatcher(None, a, b).ratio()
    joined = difflib.SequenceMatcher(None, a.replace(" ", ""), b.replace(" ", "")).ratio()
    return max(spaced, joined)


#: Yes and no as a learner types them, in English and in Arabic (an Arabic course's learner answers
#: "لا"), and as Python's True/False; values are the choices of a yes/no question.
YES_NO = {
    "yes": "yes", "y": "yes", "true": "yes", "yeah": "yes", "yep": "yes",
    "no": "no", "n": "no", "false": "no", "nope": "no",
    "نعم": "yes", "أجل": "yes", "اجل": "yes", "بلى": "yes",
    "لا": "no", "كلا": "no",
}


def read_yes_no(answer: Any) -> str | None:
    """``"yes"`` or ``"no"`` for a yes/no answer in English or Arabic (or True/False), else None.

    >>> [read_yes_no(a) for a in ("Yes.", "لا", "نعم", True, "maybe")]
    ['yes', 'no', 'yes', 'yes', None]
    """
    if isinstance(answer, bool):
        return "yes" if answer else "no"
    return YES_NO.get(normalise(answer))


def is_approximate(answer: Any) -> bool:
    """True for a number typed as approximate ("about 440", "~440", "حوالي 440").

    >>> is_approximate("about 440"), is_approximate("440"), is_approximate(440)
    (True, False, False)
    """
    return isinstance(answer, str) and bool(_APPROX.match(answer.strip().strip("\"'“”‘’")))


_COUNT_WORDS = ("no", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten")


def count_word(n: int, noun: str = "", plural: str = "") -> str:
    """A count in words, with its noun in the singular or plural: ``count_word(1, "item")`` ->
    ``"one item"``, ``count_word(3, "item")`` -> ``"three items"``; numbers above ten in digits.

    Args:
        n: the count (a non-negative int).
        noun: the singular noun ("" for the number alone).
        plural: the plural when it is not ``noun + "s"``.

    >>> count_word(1, "item"), count_word(2, "item"), count_word(0, "item"), count_word(12, "issue")
    ('one item', 'two items', 'no items', '12 issues')
    """
    number = _COUNT_WORDS[n] if 0 <= n < len(_COUNT_WORDS) else f"{n:,}"
    if not noun:
        return number
    return f"{number} {noun if n == 1 else (plural or noun + 's')}"


def close_match(given: str, target: str, cutoff: float = 0.8) -> bool:
    """True when ``given`` is a near spelling of ``target`` (not the same, but one or two letters off).

    Short targets (under 5 letters) never match: "Iran" and "Iraq" are not a misspelling apart.

    >>> close_match("Al Jazira", "Al Jazeera"), close_match("AlJazira", "Al Jazeera"), close_match("Witkof", "Witkoff")
    (True, True, True)
    >>> close_match("Marco", "Mike"), close_match("Iraq", "Iran"), close_match("partly confirmed", "confirmed")
    (False, False, False)
    """
    a, b = normalise(given), normalise(target)
    if a == b or len(b.replace(" ", "")) < 5:
        return False
    return _ratio(a, b) >= cutoff


def closest(given: str, candidates: Iterable[str], cutoff: float = 0.75) -> str | None:
    """The candidate ``given`` is most likely a misspelling of, or None (for "did you mean ...?").

    >>> closest("regional_alies", ["missiles", "regional_allies", "enrichment"])
    'regional_allies'
    >>> closest("weather", ["missiles", "enrichment"]) is None
    True
    """
    options = {normalise(c): c for c in candidates}
    hits = difflib.get_close_matches(normalise(given), list(options), n=1, cutoff=cutoff)
    return options[hits[0]] if hits else None


def other_setting(given: float, settings: Mapping[str, Any], tolerance: float = 0.0) -> str | None:
    """The setting for which a (wrong) numeric answer would be right, or None.

    Args:
        given: the learner's number.
        settings: description of each other setting -> the right value there, e.g.
            ``{"when only the US and Iran have to accept": 71}``.
        tolerance: how far from that value still counts.

    >>> other_setting(71, {"when only the US and Iran have to accept": 71})
    'when only the US and Iran have to accept'
    >>> other_setting(70, {"when only the US and Iran have to accept": 71}) is None
    True
    """
    for description, value in settings.items():
        try:
            if abs(float(given) - float(value)) <= tolerance:
                return description
        except (TypeError, ValueError):
            continue
    return None


def mark(correct: bool | None, symbols: bool = True) -> str:
    """The verdict of a check, always with its word: ``"✅ Right."``; ``symbols=False``: ``"Right."``.

    >>> mark(True), mark(False, symbols=False), mark(None)
    ('✅ Right.', 'Not yet.', '✏️ No answer yet.')
    """
    symbol, word = MARKS[correct]
    return f"{symbol} {word}" if symbols else word
