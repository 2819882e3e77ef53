"""Checking a data package: every table through the one gate, every problem reported.

The checks themselves live in :mod:`iranus.datasets.reading` (the gate that :func:`iranus.load`
goes through too, so that what ``validate`` accepts ``load`` reads to the same values) and in
:mod:`iranus.datasets.package` (the descriptor, the schemas and the folder jail). This module
runs them over one dataset or the whole package and reports :class:`iranus.errors.Problem`
objects naming the file, line and column. Files are only read, never written.
"""

from __future__ import annotations

from pathlib import Path

from ..errors import DataValidationError, Problem
from .package import package_spec
from .reading import check_file, read_table

__all__ = ["check_file", "ensure_valid", "validate_package", "validate_resource"]


def validate_resource(name: str, data_dir: str | Path | None = None) -> list[Problem]:
    """Check one dataset: its entry and schema (the folder jail), its file, its Table Schema.

    Foreign keys are checked against the other tables of the same package (their files are read
    too). Results are cached until a file of the package changes.

    Args:
        name: dataset name (see :func:`iranus.list_datasets`).
        data_dir: folder holding ``datapackage.json``; the bundled data when None.

    Returns:
        A list of :class:`~iranus.errors.Problem` (empty if valid).

    Raises:
        KeyError: no such dataset (lists the known names).
        iranus.errors.DataPackageError: the package cannot be read at all (no folder, no or
            invalid ``datapackage.json``, no ``resources``).
    """
    return list(read_table(name, data_dir).problems)


def validate_package(data_dir: str | Path | None = None) -> list[Problem]:
    """Check every dataset of a data package; returns all problems found (never stops early).

    Args:
        data_dir: folder holding ``datapackage.json``; the bundled data when None.

    Returns:
        A list of :class:`~iranus.errors.Problem`, each reported once (a problem of a table that
        others refer to is not repeated for each of them).

    Raises:
        iranus.errors.DataPackageError: the package cannot be read at all.
    """
    pkg = package_spec(data_dir)
    problems: list[Problem] = list(pkg.problems)
    seen: set[str] = {str(p) for p in problems}
    for name in pkg.resources:
        for p in read_table(name, package=pkg).problems:
            if str(p) not in seen:  # a referenced file's (or the package's) problem is reported once
                seen.add(str(p))
                problems.append(p)
    return problems


def ensure_valid(name: str, data_dir: str | Path | None = None) -> None:
    """Raise :class:`~iranus.DataValidationError` if the dataset has any problem."""
    problems = validate_resource(name, data_dir)
    if problems:
        raise DataValidationError(problems)
