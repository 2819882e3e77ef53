"""The course context: the one owner of the course's three settings.

A :class:`Course` holds

- ``as_of``: the date the course is set on. :data:`COURSE_DATE` (6 February 2026, the Muscat
  round) by default; ``None`` means the whole record (no cut), as everywhere in iranus. Every
  table it loads is cut at this date with the one precision-aware cut
  (:func:`iranus.datasets.dates.cut`);
- ``data_dir``: the data folder (the bundled data, or an instructor's edited copy). Loading,
  labels, the deal space, charts' source lines and the explorers all read this folder;
- ``language``: ``"en"`` or ``"ar"``, passed to the labels and to every chart and explorer
  built from the context.

It is immutable: :meth:`Course.replace` (or :meth:`with_language`, :meth:`whole_record`) gives
another context. Models and charts below it are pure: they take the frames the context loads
(already cut) and a ``language=``; they never load data or cut dates.

>>> import iranus
>>> c = iranus.course()
>>> c.as_of
Timestamp('2026-02-06 00:00:00')
>>> bool(c.load("events")["date"].max() <= c.as_of)
True
>>> c.label("actors", "iran")
'Iran'
>>> iranus.course(language="ar").label("actors", "iran")
'إيران'
"""

from __future__ import annotations

import dataclasses
import warnings
from functools import lru_cache
from pathlib import Path

import pandas as pd

from .datasets import i18n
from .datasets.dates import COURSE_DATE, DateLike, parse_date
from .datasets.loading import _fingerprint, describe, list_datasets, load
from .datasets.package import course_date, record_end, resolve_data_dir

__all__ = ["COURSE_DATE", "Course", "course", "set_default_language"]

_UNSET = object()
_defaults = {"language": "en"}


@dataclasses.dataclass(frozen=True)
class Course:
    """The course's date, data folder and language, and what follows from them.

    Build one with :func:`iranus.course`. Attributes:

    - ``as_of``: ``pandas.Timestamp`` or None (the whole record);
    - ``data_dir``: ``pathlib.Path`` of the folder holding ``datapackage.json``;
    - ``language``: ``"en"`` or ``"ar"``.
    """

    as_of: pd.Timestamp | None
    data_dir: Path
    language: str

    # -- other contexts ---------------------------------------------------------------------

    def replace(self, **changes) -> Course:
        """Another context with some settings changed (``as_of``, ``data_dir``, ``language``).

        >>> import iranus
        >>> iranus.course().replace(as_of="2026-01-01").as_of
        Timestamp('2026-01-01 00:00:00')
        """
        kw = {"as_of": self.as_of, "data_dir": self.data_dir, "language": self.language}
        kw.update(changes)
        return course(**kw)

    def with_language(self, language: str) -> Course:
        """The same context in another language (``"en"`` or ``"ar"``)."""
        return self.replace(language=language)

    def whole_record(self) -> Course:
        """The same context without a date cut (the epilogue's view, up to :attr:`record_end`)."""
        return self.replace(as_of=None)

    # -- dates ------------------------------------------------------------------------------

    @property
    def course_date(self) -> pd.Timestamp:
        """The date the lessons are set on, as the data package states it (``iranus:course_date``)."""
        return course_date(self.data_dir)

    @property
    def record_end(self) -> pd.Timestamp:
        """The date of the last reliable report in the data (``iranus:record_end``)."""
        return record_end(self.data_dir)

    # -- data -------------------------------------------------------------------------------

    def load(self, name: str, *, include_curator_fields: bool = False) -> pd.DataFrame:
        """One dataset from this context's folder, cut at its ``as_of`` (a fresh copy, cached).

        Args:
            name: a dataset name (:meth:`list_datasets`), e.g. ``"events"``.
            include_curator_fields: keep the curators' columns (``curator_note``); left out by
                default, so that no research note reaches a learner.

        Returns:
            The DataFrame :func:`iranus.load` returns for ``(name, as_of, data_dir)``.

        Raises:
            KeyError: unknown dataset name.
            iranus.DataValidationError: the file breaks its schema (names file, line, column).

        >>> import iranus
        >>> len(iranus.course().load("issues")) > 0
        True
        """
        frame = load(name, as_of=self.as_of, data_dir=self.data_dir, include_curator_fields=include_curator_fields)
        # the course's language travels with its tables: record helpers and charts read it
        # (i18n.language_of) when no language= is given
        frame.attrs["iranus"] = {**frame.attrs.get("iranus", {}), "language": self.language}
        return frame

    def list_datasets(self) -> pd.DataFrame:
        """The datasets of this context's data folder, one row each (:func:`iranus.list_datasets`).

        Returns:
            DataFrame with columns ``name``, ``title``, ``description``, ``time_field`` (string)
            and ``rows`` (Int64: data rows in the file, before any date cut), in the order of the
            folder's ``datapackage.json``.

        >>> import iranus
        >>> "claims" in set(iranus.course().list_datasets()["name"])
        True
        """
        return list_datasets(self.data_dir)

    def describe(self, name: str) -> pd.DataFrame:
        """The columns of one dataset of this context's folder, as its schema documents them.

        Args:
            name: a dataset name (:meth:`list_datasets`), e.g. ``"claims"``.

        Returns:
            DataFrame with columns ``column``, ``type``, ``dtype``, ``required``, ``allowed``,
            ``unit``, ``description``, ``curator_only`` (see :func:`iranus.describe`).

        Raises:
            KeyError: unknown dataset name.

        >>> import iranus
        >>> iranus.course().describe("claims")["column"].iloc[0]
        'claim_id'
        """
        return describe(name, self.data_dir)

    def labels(self, dataset: str) -> pd.Series:
        """Display labels of a dataset's ids in this context's language (cached).

        Args:
            dataset: ``"actors"``, ``"issues"``, ``"scenarios"`` or ``"glossary"``.

        Returns:
            Series of strings indexed by id.

        >>> import iranus
        >>> iranus.course().labels("issues")["enrichment"]
        'Uranium enrichment'
        """
        return _labels(dataset, self.language, self.data_dir, _fingerprint(dataset, self.data_dir)).copy()

    def label(self, dataset: str, id_: str) -> str:
        """The label of one id in this context's language; the id itself if unknown."""
        table = _labels(dataset, self.language, self.data_dir, _fingerprint(dataset, self.data_dir))
        return str(table[id_]) if id_ in table.index else id_

    def value_label(self, value: str) -> str:
        """Display label of a coded value (e.g. ``"anonymous_official"``) in this language."""
        return i18n.value_label(value, self.language)

    def deal_space(self):
        """The course's deal space with the codings in force at ``as_of`` (cached).

        Returns:
            :class:`iranus.models.bargaining.DealSpace` built by
            :func:`iranus.models.bargaining.deal_space_from_tables` from ``deal_options``,
            ``deal_scores`` and ``deal_batnas``; with ``as_of=None``, the latest codings.

        Raises:
            iranus.errors.ModelInputError: no coding dated on or before ``as_of`` (or an
                inconsistent coding; the message names the file, party and option).

        >>> import iranus
        >>> sorted(iranus.course().deal_space().parties)[:2]
        ['iran', 'israel']
        """
        key = tuple(_fingerprint(n, self.data_dir) for n in ("deal_options", "deal_scores", "deal_batnas"))
        return _deal_space(self.as_of, self.data_dir, key)

    # -- checks for understanding -----------------------------------------------------------

    def check(self, question_id: str, answer=...):
        """Check a learner's answer against this context's data, and explain.

        The lessons' checks call this, so an instructor who points a lesson's ``c`` at an edited
        copy of the data (``iranus.course(data_dir=...)``) gets feedback computed from that copy.

        Args:
            question_id: e.g. ``"04.last_stockpile"`` (:func:`iranus.checks.questions`).
            answer: the learner's answer; ``...`` (the placeholder) means "not answered yet".

        Returns:
            :class:`iranus.checks.Feedback` (``correct`` True, False, or None when unanswered),
            from :func:`iranus.checks.check` with ``course=self``; never raises for a wrong,
            malformed or missing answer.

        >>> import iranus
        >>> iranus.course().check("01.muscat_date", "6 February 2026").correct
        True
        >>> iranus.course().check("01.muscat_date", "7 February 2026").correct
        False
        """
        from .checks import check

        return check(question_id, answer, course=self)


def course(as_of: DateLike | object = _UNSET, data_dir: str | Path | None = None, language: str | None = None) -> Course:
    """The course context: the date, the data folder and the language, in one value.

    Args:
        as_of: the date the course is set on; :data:`COURSE_DATE` (6 February 2026) when not
            given; ``None`` for the whole record (no cut).
        data_dir: folder holding ``datapackage.json``; ``None`` for the bundled data.
        language: ``"en"`` or ``"ar"``; ``None`` for the default language (English, unless
            changed by the deprecated :func:`iranus.set_language`).

    Returns:
        A :class:`Course` (immutable).

    Raises:
        ValueError: ``as_of`` is not a date, or ``language`` is not ``"en"``/``"ar"``.
        iranus.errors.DataError: ``data_dir`` is not a data package folder (names it).

    >>> import iranus
    >>> iranus.course(as_of=None).as_of is None
    True
    """
    cut = COURSE_DATE if as_of is _UNSET else parse_date(as_of)
    language = _defaults["language"] if language is None else language
    if language not in i18n.LANGUAGES:
        raise ValueError(f"language={language!r}: choose one of {', '.join(i18n.LANGUAGES)}")
    return Course(as_of=cut, data_dir=resolve_data_dir(data_dir), language=language)


def set_default_language(language: str) -> None:
    """Deprecated: the language of contexts built without ``language=`` (and of ``language=None``).

    Prefer ``iranus.course(language="ar")``. Kept so that old notebooks calling
    :func:`iranus.set_language` still work; it warns.
    """
    if language not in i18n.LANGUAGES:
        raise ValueError(f"language={language!r}: choose one of {', '.join(i18n.LANGUAGES)}")
    warnings.warn(
        "iranus.set_language is deprecated: use iranus.course(language=...) and pass language= to charts",
        DeprecationWarning,
        stacklevel=3,
    )
    _defaults["language"] = language


def default_language() -> str:
    """The language used when ``language=None`` (``"en"`` unless the deprecated shim changed it)."""
    return _defaults["language"]


@lru_cache(maxsize=64)
def _labels(dataset: str, language: str, data_dir: Path, fingerprint: tuple) -> pd.Series:
    return i18n.labels(dataset, language, table=load(dataset, data_dir=data_dir))


@lru_cache(maxsize=16)
def _deal_space(as_of: pd.Timestamp | None, data_dir: Path, fingerprint: tuple):
    from .models.bargaining import deal_space_from_tables

    return deal_space_from_tables(
        load("deal_options", data_dir=data_dir),
        load("deal_scores", as_of=as_of, data_dir=data_dir),
        load("deal_batnas", as_of=as_of, data_dir=data_dir),
    )
