"""Language of labels shown to the learner: English (``"en"``) or Arabic (``"ar"``).

The language belongs to the course context (``iranus.course(language="ar")``), which passes it
to labels, charts and explorers as ``language=``. ``language=None`` anywhere means the default
language: English, unless the deprecated :func:`set_language` shim changed it. Ids never change
with the language.

Catalogue API (for every learner-visible string): :func:`t` ``(key, language)`` and
:func:`catalogue` ``(language)``.
"""

from __future__ import annotations

import functools
import json
from importlib import resources

import pandas as pd

from .dates import COURSE_DATE

LANGUAGES = ("en", "ar")

# dataset -> (id column, English label column, Arabic label column)
_LABEL_COLUMNS = {
    "actors": ("actor_id", "name_en", "name_ar"),
    "issues": ("issue_id", "label_en", "label_ar"),
    "scenarios": ("scenario_id", "label_en", "label_ar"),
    "glossary": ("term_id", "term_en", "term_ar"),
}


def set_language(language: str) -> None:
    """Deprecated: set the default language (used when ``language=None``).

    Use ``iranus.course(language="ar")`` and pass ``language=`` to charts and explorers instead.
    Warns with a ``DeprecationWarning``.

    Raises:
        ValueError: for anything but ``"en"`` or ``"ar"`` (argument ``language``).
    """
    from ..course import set_default_language

    set_default_language(language)


def get_language(language: str | None = None) -> str:
    """The language to use: ``language`` itself, or the default (``"en"``) when None.

    Raises:
        ValueError: ``language`` is neither ``"en"`` nor ``"ar"``.

    >>> get_language("ar")
    'ar'
    """
    from ..course import default_language

    language = default_language() if language is None else language
    if language not in LANGUAGES:
        raise ValueError(f"language={language!r}: choose one of {', '.join(LANGUAGES)}")
    return language


def language_of(language: str | None, *frames) -> str:
    """The language of a record helper or chart: ``language`` when given, else the language of
    the course that loaded the first frame (``Course.load`` records it in ``attrs["iranus"]``),
    else the default. So ``iranus.course(language="ar")`` reaches a table or chart made from its
    frames without a ``language=`` at every call.

    >>> import iranus
    >>> language_of(None, iranus.course(language="ar").load("issues")), language_of("en", iranus.course(language="ar").load("issues"))
    ('ar', 'en')
    """
    if language is None:
        for frame in frames:
            found = (getattr(frame, "attrs", None) or {}).get("iranus", {}).get("language")
            if found:
                return get_language(found)
    return get_language(language)


def labels(dataset: str, language: str | None = None, table: pd.DataFrame | None = None) -> pd.Series:
    """Labels of the ids of a dataset in the chosen language.

    Args:
        dataset: ``"actors"``, ``"issues"``, ``"scenarios"`` or ``"glossary"``.
        language: ``"en"`` or ``"ar"``; the default language when None.
        table: the dataset as already loaded (e.g. a lesson's filtered copy, or
            ``Course.load(dataset)`` of an edited data folder); the bundled table (cached) when None.

    Returns:
        Series of strings indexed by id (e.g. ``labels("actors")["araghchi"]``).

    Raises:
        ValueError: unknown dataset or language, or ``table`` lacks the label columns (names them).
    """
    if dataset not in _LABEL_COLUMNS:
        raise ValueError(f"dataset={dataset!r} has no labels; choose one of {', '.join(_LABEL_COLUMNS)}")
    language = get_language(language)
    if table is None:
        from ..course import course

        return course(language=language).labels(dataset)
    id_col, en, ar = _LABEL_COLUMNS[dataset]
    df = table
    missing = [c for c in (id_col, ar if language == "ar" else en) if c not in df.columns]
    if missing:
        raise ValueError(f"the {dataset} table is missing column(s) {missing}; pass iranus.load({dataset!r})")
    return pd.Series(df[ar if language == "ar" else en].to_numpy(), index=df[id_col].to_numpy(), name="label", dtype="string")


def labels_like(dataset: str, frame: pd.DataFrame | None, language: str | None = None) -> pd.Series:
    """Labels of a dataset from the data folder ``frame`` was loaded from (cached).

    A model or chart given a table from an edited data folder (``iranus.course(data_dir=...)``)
    shows that folder's names: the loader records the folder in ``frame.attrs["iranus"]``.
    Tables not from the loader fall back to the bundled data.

    Returns:
        Series of strings indexed by id, as :func:`labels`.
    """
    data_dir = getattr(frame, "attrs", {}).get("iranus", {}).get("data_dir") if frame is not None else None
    return labels_in(dataset, data_dir, language)


def labels_in(dataset: str, data_dir: str | None, language: str | None = None) -> pd.Series:
    """Labels of a dataset from a data folder (None: the bundled data), cached.

    Returns:
        Series of strings indexed by id, as :func:`labels`.
    """
    from ..course import course

    return course(data_dir=data_dir, language=get_language(language)).labels(dataset)


def table_like(dataset: str, frame: pd.DataFrame | None) -> pd.DataFrame:
    """A whole dataset (the full record, no date cut) from the data folder ``frame`` was loaded
    from, for a chart that must name what a table refers to (e.g. ``sources`` for the source ids
    of a quantities frame). Tables not from the loader fall back to the bundled data.

    Returns:
        The dataset as the loader returns it (cached by the loader).
    """
    from ..course import course

    data_dir = getattr(frame, "attrs", {}).get("iranus", {}).get("data_dir") if frame is not None else None
    return course(as_of=None, data_dir=data_dir).load(dataset)


def label(dataset: str, id_: str, language: str | None = None) -> str:
    """The label of one id in the bundled data (cached); the id itself if unknown.

    For an edited data folder use ``iranus.course(data_dir=...).label(dataset, id_)``.

    >>> label("issues", "enrichment")
    'Uranium enrichment'
    """
    from ..course import course

    return course(language=get_language(language)).label(dataset, id_)


# ---------------------------------------------------------------------------------------------
# The translation catalogue: every word a learner sees that is not in the data tables (labels of
# coded values, chart titles, axis and legend titles, explorer controls and messages), one JSON
# file per language in ``iranus/datasets/catalogue/`` (``en.json``, ``ar.json``). A file holds
# sections (``"value"``, ``"chart"``, ``"ui"`` ...) of ``key: text``; a key is written
# ``"section.name"`` (``"chart.timeline.title"``, ``"value.anonymous_official"``).


@functools.cache
def catalogue(language: str) -> dict[str, str]:
    """The translation catalogue of one language, flattened to ``{"section.name": text}``.

    Args:
        language: ``"en"`` or ``"ar"``.

    Returns:
        A dict of strings (read once per process from ``catalogue/<language>.json``; do not
        modify it). Texts may hold ``str.format`` fields such as ``{n}`` or ``{date}``.

    Raises:
        ValueError: an unknown language (argument ``language``).

    >>> catalogue("ar")["value.fact"]
    'واقعة'
    """
    if language not in LANGUAGES:
        raise ValueError(f"language={language!r}: choose one of {', '.join(LANGUAGES)}")
    raw = json.loads(resources.files(__package__).joinpath("catalogue", f"{language}.json").read_text(encoding="utf-8"))
    return {f"{section}.{name}": text for section, entries in raw.items() for name, text in entries.items()}


def t(key: str, language: str, **fmt: object) -> str:
    """The text of ``key`` in ``language``, with ``fmt`` filled in (``str.format``).

    Args:
        key: ``"section.name"``, e.g. ``"chart.timeline.title"`` (see ``catalogue/en.json``).
        language: ``"en"`` or ``"ar"``.
        fmt: values of the text's ``{fields}``, e.g. ``n=3``.

    Returns:
        The translated text (a ``str``).

    Raises:
        ValueError: an unknown language.
        KeyError: a key missing from the catalogue (names the key and the language).

    >>> t("chart.n_claims", "en", n=34)
    '34 claims.'
    >>> t("ui.save", "ar")
    'حفظ'
    """
    texts = catalogue(language)
    if key not in texts:
        raise KeyError(f"no text {key!r} in the {language} catalogue (iranus/datasets/catalogue/{language}.json)")
    text = texts[key]
    return text.format(**fmt) if fmt else text


def plural_form(n: int, language: str) -> str:
    """The plural category of a count, for the catalogue's ``<key>.<form>`` texts.

    English: ``one`` (1) and ``other``. Arabic (the CLDR rule): ``zero`` (0), ``one`` (1), ``two``
    (2), ``few`` (3-10, and 103-110 ...), ``many`` (11-99, 111-199 ...), ``other`` (100-102 ...):
    "لا أحداث", "حدث واحد", "حدثان", "3 أحداث", "11 حدثاً", "100 حدث". A key with no ``zero``
    text uses its ``other`` text (:func:`count_text`).

    >>> [plural_form(n, "ar") for n in (1, 2, 3, 10, 11, 99, 100, 0)]
    ['one', 'two', 'few', 'few', 'many', 'many', 'other', 'zero']
    >>> plural_form(1, "en"), plural_form(10, "en")
    ('one', 'other')
    """
    n = abs(int(n))
    if language != "ar":
        return "one" if n == 1 else "other"
    if n == 0:
        return "zero"
    if n == 1:
        return "one"
    if n == 2:
        return "two"
    if 3 <= n % 100 <= 10:
        return "few"
    if 11 <= n % 100 <= 99:
        return "many"
    return "other"


def count_text(n: int, key: str, language: str, number: str | None = None) -> str:
    """A count with its noun in the right plural form: ``count_text(10, "ui.events_shown", "ar")``
    -> "10 أحداث معروضة" (the catalogue's ``<key>.<form>``, :func:`plural_form`).

    Args:
        n: the count.
        key: a catalogue key with one text per plural form, each with ``{n}`` (Arabic's one and
            two forms may leave the number out: "حدثان معروضان").
        language: ``"en"`` or ``"ar"``.
        number: how the number is written (e.g. ``"<b>10</b>"`` in an explorer); ``str(n)`` when None.

    >>> count_text(1, "ui.events_shown", "en"), count_text(10, "ui.events_shown", "ar"), count_text(11, "ui.events_shown", "ar")
    ('1 event shown', '10 أحداث معروضة', '11 حدثاً معروضاً')
    >>> count_text(0, "ui.events_shown", "ar"), count_text(0, "ui.events_shown", "en")
    ('لا أحداث معروضة', '0 events shown')
    """
    form = plural_form(n, language)
    text = t_or(f"{key}.{form}", language, "") or t(f"{key}.other", language, n="{n}")
    return text.replace("{n}", str(n) if number is None else number)


def t_or(key: str, language: str, default: str) -> str:
    """The text of ``key`` in ``language``, or ``default`` when the catalogue has no such key.

    For open sets of values (a unit or a code added to the data later): a new value shows as
    itself rather than breaking a chart.
    """
    return catalogue(language).get(key, default)


def format_date(date, language: str, precision: str = "day") -> str:
    """A date written for a reader, only as precisely as it is known.

    Args:
        date: anything ``pandas.Timestamp`` reads.
        language: ``"en"`` or ``"ar"`` (month names from the catalogue's ``month`` section).
        precision: ``"day"``, ``"month"`` or ``"year"``.

    Returns:
        ``"6 Feb 2026"``, ``"Feb 2026"`` or ``"2026"`` (``"6 فبراير 2026"`` in Arabic).

    Raises:
        ValueError: an unknown precision or language.

    >>> format_date(COURSE_DATE, "ar")
    '6 فبراير 2026'
    """
    ts = pd.Timestamp(date)
    month = t(f"month.{ts.month}", language)
    if precision == "day":
        return f"{ts.day} {month} {ts.year}"
    if precision == "month":
        return f"{month} {ts.year}"
    if precision == "year":
        return f"{ts.year}"
    raise ValueError(f"date precision must be 'day', 'month' or 'year', not {precision!r}")


def value_label(value: str, language: str | None = None) -> str:
    """Display label of a coded value (e.g. ``"anonymous_official"``) in the chosen language.

    Labels come from the catalogue's ``value`` section. Returns the value itself when it has no
    label, so a new code never breaks a chart.

    >>> value_label("anonymous_official", "en")
    'anonymous official'
    """
    language = get_language(language)
    return t_or(f"value.{value}", language, str(value))


__all__ = [
    "LANGUAGES",
    "catalogue",
    "format_date",
    "get_language",
    "label",
    "labels",
    "labels_in",
    "labels_like",
    "set_language",
    "t",
    "t_or",
    "value_label",
]
