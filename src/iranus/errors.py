"""Exceptions raised by iranus.

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


class DataValidationError(ValueError):
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


class GradingError(RuntimeError):
    """A grading problem the instructor must fix (a missing folder, a master otter rejects, no
    otter, no sandbox); raised by :mod:`iranus.grading`."""
