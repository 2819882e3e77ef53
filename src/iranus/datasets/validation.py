"""Checking data files against the data package's schema.

Two layers, in this order:

1. File-level checks that a spreadsheet program typically breaks: the file exists and is not
   empty, is UTF-8 without a byte-order mark (Excel writes one), is not in Windows-1256 (Excel's
   Arabic code page), and uses commas (Excel in many locales writes semicolons).
2. The Table Schema itself, checked by the ``frictionless`` library: missing or extra columns,
   types (a date such as 2026-02-30), required cells, enums, patterns, ranges, unique and primary
   keys, and foreign keys to other tables (an unknown actor, issue or source).

Both layers report :class:`iranus.errors.Problem` objects naming the file, line and column.
Files are only read, never written.
"""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

from .package import DESCRIPTOR, read_descriptor, resolve_data_dir, resource_descriptor
from ..errors import DataValidationError, Problem

_BOM = b"\xef\xbb\xbf"


def _display(path: Path) -> str:
    return str(path)


def check_file(path: Path, delimiter: str = ",", fields: list[str] | None = None) -> list[Problem]:
    """File-level checks of one CSV file (existence, emptiness, encoding, delimiter, header).

    Args:
        path: the CSV file.
        delimiter: the delimiter the schema's dialect expects.
        fields: the column names the schema expects (any order); None skips the header check.

    Returns:
        A list of problems (empty when the file is fine). Reads the file; never writes it.
    """
    name = _display(path)
    if not path.is_file():
        return [Problem(name, "file not found (the data package lists it)")]
    raw = path.read_bytes()
    if not raw.strip():
        return [Problem(name, "file is empty: it needs at least the header row")]
    if raw.startswith(_BOM):
        return [
            Problem(
                name,
                "file starts with a byte-order mark (as Excel writes 'CSV UTF-8'): save it as "
                "plain UTF-8 without BOM",
                line=1,
            )
        ]
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        hint = ""
        try:
            raw.decode("cp1256")
            hint = " It looks like Windows-1256 (Excel's Arabic encoding): save it as UTF-8."
        except UnicodeDecodeError:
            pass
        return [Problem(name, f"not valid UTF-8 (byte {exc.start}).{hint}", line=line)]
    header = text.splitlines()[0]
    if delimiter not in header and len(fields or []) > 1:
        for other, label in ((";", "semicolons"), ("\t", "tabs"), ("|", "pipes")):
            if other in header:
                return [
                    Problem(
                        name,
                        f"the header row is separated by {label}, not {delimiter!r} (a spreadsheet "
                        "export in another locale?): save it as comma-separated CSV",
                        line=1,
                    )
                ]
    if fields:
        import csv
        import io

        labels = next(csv.reader([header], delimiter=delimiter))
        problems = [
            Problem(name, "column missing from the header (the schema requires it)", line=1, column=f)
            for f in fields
            if f not in labels
        ]
        problems += [
            Problem(name, "column not in the schema (extra column): remove or rename it", line=1, column=label)
            for label in dict.fromkeys(labels)
            if label.strip() and label not in fields
        ]
        empty = sum(1 for label in labels if not label.strip())
        if empty:
            problems.append(
                Problem(
                    name,
                    f"{empty} column(s) without a name in the header (empty columns left by a spreadsheet?): "
                    "delete them",
                    line=1,
                )
            )
        dupes = sorted({label for label in labels if label.strip() and labels.count(label) > 1})
        problems += [Problem(name, "column appears twice in the header", line=1, column=d) for d in dupes]
        if problems:
            return problems
        # rows longer than the header (a spreadsheet often adds empty cells after the last column)
        reader = csv.reader(io.StringIO(text), delimiter=delimiter)
        next(reader, None)
        for row in reader:
            if len(row) > len(labels):
                extra = row[len(labels) :]
                what = (
                    "extra empty cells after the last column (a spreadsheet leftover?): delete them"
                    if not any(cell.strip() for cell in extra)
                    else f"{len(extra)} more cell(s) than the header has columns (a comma inside a text "
                    "that is not in double quotes?)"
                )
                problems.append(Problem(name, what, line=reader.line_num))
        return problems
    return []


def _problem_from_frictionless(error, file: str) -> Problem:
    data = error.to_descriptor() if hasattr(error, "to_descriptor") else dict(error)
    line = data.get("rowNumber")
    column = data.get("fieldName") or data.get("label")
    value = data.get("cell")
    kind = data.get("type", "error")
    note = data.get("note") or data.get("message") or kind
    note = re.sub(r"the row at position (\d+)", r"line \1", str(note))
    ftype = str(note).split('"')[1].split("/")[0] if str(note).startswith('type is "') else ""
    type_messages = {
        "date": "not a real date in the form YYYY-MM-DD (e.g. 2026-02-06)",
        "integer": "not a whole number",
        "number": "not a number (use a full stop for decimals, no thousands separators)",
        "boolean": "not true or false",
    }
    messages = {
        "type-error": type_messages.get(ftype, f"not a valid value of this column's type ({note})"),
        "constraint-error": f"breaks a constraint: {note}",
        "missing-label": "column missing from the header",
        "extra-label": "column not in the schema (extra column)",
        "incorrect-label": f"header does not match the schema ({note})",
        "duplicate-label": "column appears twice in the header",
        "blank-label": "empty column name in the header",
        "unique-error": f"duplicate value in a column that must be unique (the same as {note.split('the same as ')[-1]})"
        if "the same as" in note
        else f"duplicate value in a column that must be unique ({note})",
        "primary-key": f"duplicate id ({note})",
        "foreign-key": f"refers to an id that does not exist ({note})",
        "missing-cell": "row has fewer cells than the header",
        "extra-cell": "row has more cells than the header",
        "blank-row": "blank row: delete it",
        "encoding-error": f"encoding problem ({note})",
        "source-error": f"cannot read the file ({note})",
    }
    message = messages.get(kind, f"{kind}: {note}")
    if kind in ("missing-label", "extra-label", "duplicate-label", "blank-label", "incorrect-label"):
        line = 1
    if kind == "foreign-key":
        column = ", ".join(data.get("fieldNames") or []) or column
        value = ", ".join(str(c) for c in data.get("fieldCells") or []) or None
        target = data.get("referenceName") or Path(file).stem
        keys = ", ".join(data.get("referenceFieldNames") or [])
        message = f"refers to an id that does not exist in {target}.{keys}"
    return Problem(file, message, line=line, column=column, value=value)


@lru_cache(maxsize=4)
def _package(data_dir: str, stamp: tuple):
    from frictionless import Package  # imported lazily: only needed to validate

    # Every schema says "fieldsMatch": "equal": columns are matched by name, in any order.
    return Package(str(Path(data_dir) / DESCRIPTOR))


@lru_cache(maxsize=64)
def _validate_cached(data_dir: str, name: str, stamp: tuple) -> tuple[Problem, ...]:
    resource = _package(data_dir, stamp).get_resource(name)
    file = str(Path(data_dir) / resource.path)
    report = resource.validate()
    problems = []
    for task in report.tasks:
        blank_rows = {e.row_number for e in task.errors if e.type == "blank-row"}
        unique_rows = {e.row_number for e in task.errors if e.type == "unique-error"}
        for error in task.errors:
            row = getattr(error, "row_number", None)
            if error.type in ("primary-key", "unique-error") and row in blank_rows:
                continue  # a blank row is reported once, as a blank row
            if error.type == "primary-key" and row in unique_rows:
                continue  # the duplicate id is already reported on its column
            problems.append(_problem_from_frictionless(error, file))
    for error in report.errors:
        problems.append(Problem(file, getattr(error, "message", str(error))))
    return tuple(problems)


def _stamp(data_dir: Path) -> tuple:
    """Modification times and sizes of every file of the package (cache key)."""
    files = [data_dir / DESCRIPTOR]
    descriptor = read_descriptor(data_dir)
    for res in descriptor["resources"]:
        files.append(data_dir / res["path"])
        if isinstance(res.get("schema"), str):
            files.append(data_dir / res["schema"])
    out = []
    for f in files:
        try:
            st = f.stat()
            out.append((str(f), st.st_mtime_ns, st.st_size))
        except FileNotFoundError:
            out.append((str(f), None, None))
    return tuple(out)


def validate_resource(name: str, data_dir: str | Path | None = None) -> list[Problem]:
    """Check one dataset: file-level checks, then its Table Schema with frictionless.

    Foreign keys are checked against the other tables of the same package (their files are read
    too). Results are cached until a file of the package changes.

    Args:
        name: dataset name (see :func:`iranus.list_datasets`).
        data_dir: folder holding ``datapackage.json``; the bundled data when None.

    Returns:
        A list of :class:`~iranus.errors.Problem` (empty if valid).
    """
    data_dir = resolve_data_dir(data_dir)
    descriptor = read_descriptor(data_dir)
    res = next((r for r in descriptor["resources"] if r["name"] == name), None)
    if res is None:
        known = ", ".join(r["name"] for r in descriptor["resources"])
        raise KeyError(f"no dataset named {name!r} (argument name); known datasets: {known}")
    delimiter = res.get("dialect", {}).get("delimiter", ",")
    schema = resource_descriptor(name, data_dir)["schema"]
    problems = check_file(data_dir / res["path"], delimiter, [f["name"] for f in schema["fields"]])
    if problems:
        return problems
    # Foreign keys read the referenced files: they must pass the file-level checks too.
    for fk in schema.get("foreignKeys", []):
        target = fk["reference"]["resource"] or name
        if target != name:
            tschema = resource_descriptor(target, data_dir)
            tprob = check_file(data_dir / tschema["path"], delimiter, [f["name"] for f in tschema["schema"]["fields"]])
            if tprob:
                return tprob
    return list(_validate_cached(str(data_dir), name, _stamp(data_dir)))


def validate_package(data_dir: str | Path | None = None) -> list[Problem]:
    """Check every dataset of a data package; returns all problems found (never stops early).

    Args:
        data_dir: folder holding ``datapackage.json``; the bundled data when None.
    """
    data_dir = resolve_data_dir(data_dir)
    problems: list[Problem] = []
    seen: set[str] = set()
    for res in read_descriptor(data_dir)["resources"]:
        for p in validate_resource(res["name"], data_dir):
            if str(p) not in seen:  # a referenced file's problem is reported once
                seen.add(str(p))
                problems.append(p)
    return problems


def ensure_valid(name: str, data_dir: str | Path | None = None) -> None:
    """Raise :class:`~iranus.errors.DataValidationError` if the dataset has any problem."""
    problems = validate_resource(name, data_dir)
    if problems:
        raise DataValidationError(problems)
