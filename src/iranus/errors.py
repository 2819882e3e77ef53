"""Exceptions raised by iranus: one public hierarchy.

::

    IranusError                      every error iranus raises on purpose
    ├── DataError                    the data folder or a data file is wrong
    │   └── DataValidationError      a file breaks the data package's schema
    ├── ModelInputError              an argument of a model or chart function is not valid
    ├── ForecastFileError            a saved forecast file cannot be read or written
    └── GradingError                 the grading set-up is wrong (a RuntimeError, not a ValueError)

Each is also a ``ValueError`` (except where noted), so ``except ValueError`` keeps working.
Every data problem is reported as a :class:`DataValidationError` whose message names the file,
the row (as a line number of the CSV file, the header being line 1) and the column, so that an
instructor who edited a table can go straight to the cell.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Problem:
    """One problem found in a data file.

    Attributes:
        file: path of the file, as given to the loader.
        message: what is wrong and, where possible, how to fix it.
        line: line number in the CSV file (header = 1), or None for file-level problems.
        column: column name, or None when the problem is not tied to one column.
        value: the offending cell, or None.
    """

    file: str
    message: str
    line: int | None = None
    column: str | None = None
    value: str | None = None

    def __str__(self) -> str:
        where = [self.file]
        if self.line is not None:
            where.append(f"line {self.line}")
        if self.column is not None:
            where.append(f"column '{self.column}'")
        text = ", ".join(where) + ": " + self.message
        if self.value is not None and self.value not in self.message:
            text += f" (value: {self.value!r})"
        return text


__all__ = [
    "DataError",
    "DataPackageError",
    "DataValidationError",
    "ForecastFileError",
    "GradingError",
    "IranusError",
    "ModelInputError",
    "Problem",
]


class IranusError(Exception):
    """Base class of every error iranus raises on purpose (catch this to catch them all)."""


class DataError(IranusError, ValueError):
    """The data folder or one of its files cannot be used (see :class:`DataValidationError`)."""


class ModelInputError(IranusError, ValueError):
    """An argument of an iranus model or chart function is not valid.

    The message names the argument and the offending entry (an actor, an option id, a row) and
    says what would be valid. It is a ``ValueError``, so ``except ValueError`` catches it.

    Attributes:
        argument: name of the argument at fault (e.g. ``"scores"``, ``"forecasts"``).
        entry: the offending entry (an id, a row label), or None when the whole argument is wrong.

    >>> str(ModelInputError("probabilities must sum to 1", "forecast"))
    'probabilities must sum to 1'
    """

    def __init__(self, message: str, argument: str, entry: object = None):
        self.argument = argument
        self.entry = entry
        super().__init__(message)


class DataValidationError(DataError):
    """A data file does not follow the data package's schema (``data/datapackage.json``).

    Attributes:
        problems: list of :class:`Problem`, in file order. The message shows the first
            ``max_shown`` of them.
    """

    max_shown = 12

    def __init__(self, problems: list[Problem]):
        self.problems = list(problems)
        shown = "\n".join(f"  - {p}" for p in self.problems[: self.max_shown])
        more = len(self.problems) - self.max_shown
        if more > 0:
            shown += f"\n  ... and {more} more problem(s)"
        n = len(self.problems)
        super().__init__(f"{n} problem(s) in the iranus data:\n{shown}")


class DataPackageError(DataError):
    """The data package cannot be read at all: no folder, no ``datapackage.json``, a descriptor that
    is not valid JSON (the message names the file and line), no ``resources`` list, or missing
    metadata that iranus cites. ``iranus validate`` exits with status 2 for it (1 is invalid data).
    """


class ForecastFileError(IranusError, ValueError):
    """A forecast file is missing, unreadable or not a valid forecast, or cannot be written.

    Attributes:
        path: the file concerned (a ``pathlib.Path``), or None.
    """

    def __init__(self, message: str, path=None):
        self.path = path
        super().__init__(message)


class GradingError(IranusError, RuntimeError):
    """A grading problem the instructor must fix (a missing folder, a master otter rejects, no
    otter, no sandbox); raised by :mod:`iranus.grading`. A ``RuntimeError``, not a ``ValueError``:
    the fault is the grading set-up, not an argument's value."""
