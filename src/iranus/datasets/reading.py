"""Reading one CSV table into typed columns: the one gate that both validate and load go through.

``iranus validate`` and :func:`iranus.load` call the same function, :func:`read_table`, so that
whatever validate accepts, load reads to the same values, and whatever load rejects, validate
reports (file, physical line, column). It works in this order:

1. the folder jail (:func:`iranus.datasets.package.package_spec`): the table's file and schema
   resolve inside the data folder, no remote URL;
2. file-level checks that a spreadsheet program typically breaks (:func:`check_file`): the file
   is not empty, is UTF-8 without a byte-order mark (not UTF-16/UTF-32, not Windows-1256), uses
   commas, has the schema's columns, and puts its double quotes where CSV allows them
   (:func:`quote_problems`: Python's lenient reader would otherwise keep a stray quote or let it swallow commas);
3. ``frictionless`` reads the file with the schema: types as the schema declares them (booleans by
   its ``trueValues``/``falseValues``, missing values by its ``missingValues``, dates by ``format``),
   required cells, enums, patterns, minimums and maximums, unique and primary keys, and foreign keys
   to the other tables; the typed cells of each row are kept (:class:`_Capture`);
4. the gate's own checks on those typed cells, for what a Table Schema cannot say: dates pandas can
   hold, finite numbers (no ``NaN`` or ``inf`` written as a value), whole numbers that fit 64 bits,
   numbers, dates and years written with the ASCII digits 0-9 (no ``6_2.3``, no Arabic-Indic,
   Persian or fullwidth digits, which Python reads but other tools do not), no control or direction-override characters in
   text (:func:`cell_problems`);
5. when nothing is wrong, the typed cells become pandas columns (:func:`convert`).

Line numbers are physical lines of the file (the header is line 1), right even when a quoted cell
holds a newline. Files are only read, never written. Results are cached by content (a file's
bytes, its schema, its dialect).
"""

from __future__ import annotations

import csv
import datetime as _dt
import functools
import hashlib
import io
import json
import os
import re
import sys
import unicodedata
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

import pandas as pd

from ..errors import DataValidationError, Problem
from .package import PackageSpec, ResourceSpec, package_spec

# A long text cell (1 MB and more) must read on the first call of a process, not only once
# frictionless (which raises the limit when imported) has been imported: raise it here.
csv.field_size_limit(min(sys.maxsize, 2**31 - 1))

_BOM = b"\xef\xbb\xbf"

#: The dates a pandas ``datetime64[ns]`` column can hold (first and last whole day).
FIRST_DAY = (pd.Timestamp.min + pd.Timedelta(days=1)).date()
LAST_DAY = (pd.Timestamp.max - pd.Timedelta(days=1)).date()

#: Characters no text cell may hold: C0 controls except tab, newline and carriage return; DEL and
#: the C1 controls; the bidirectional embeddings, overrides (U+202A-U+202E) and isolates
#: (U+2066-U+2069), which change how the text after them is displayed. Arabic text keeps its
#: legitimate marks: LRM U+200E, RLM U+200F, ALM U+061C, ZWNJ U+200C and ZWJ U+200D are allowed.
FORBIDDEN_TEXT = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
_BIDI = re.compile("[\u202a-\u202e\u2066-\u2069]")
_CONTROL_NAMES = {0: "NUL", 7: "BELL", 8: "BACKSPACE", 0x1B: "ESCAPE", 0x7F: "DELETE"}

#: pandas dtype of each schema type (a field with an enum becomes ``category``).
DTYPES = {"string": "string", "integer": "Int64", "number": "float64", "boolean": "boolean", "date": "datetime64[ns]"}

_INT64 = 2**63


@dataclass(frozen=True)
class Table:
    """What the gate read from one table.

    Attributes:
        name: dataset name.
        file: the CSV file (resolved path inside the data folder), or the descriptor when the
            table's entry was refused.
        frame: the typed DataFrame (see :func:`convert`), or None when there are problems.
        problems: every problem found, in file order (empty when the table is valid).
        rows: number of data rows (CSV records after the header; a cell with a newline is one row).
    """

    name: str
    file: str
    frame: pd.DataFrame | None
    problems: tuple[Problem, ...]
    rows: int


# ---------------------------------------------------------------------------------------------
# physical lines


def _csv_kwargs(dialect: dict) -> dict:
    return {
        "delimiter": str(dialect.get("delimiter", ",")) or ",",
        "quotechar": str(dialect.get("quoteChar", '"')) or '"',
        "doublequote": bool(dialect.get("doubleQuote", True)),
        "escapechar": dialect.get("escapeChar") or None,
        "skipinitialspace": bool(dialect.get("skipInitialSpace", False)),
    }


def record_lines(text: str, dialect: dict | None = None) -> list[int]:
    """The physical line on which each CSV record starts (index 0: the header, line 1).

    A quoted cell that holds a newline makes its record span several lines; the next record starts
    after them. Uses the :mod:`csv` module with the table's dialect.
    """
    reader = csv.reader(io.StringIO(text, newline=""), **_csv_kwargs(dialect or {}))
    starts, last = [], 0
    try:
        for _ in reader:
            starts.append(last + 1)
            last = reader.line_num
    except csv.Error:
        pass  # the file-level checks and frictionless report it
    return starts


def count_rows(path: Path, dialect: dict | None = None) -> int:
    """Number of data rows of a CSV file (records after the header; 0 for an unreadable file)."""
    try:
        text = path.read_text(encoding="utf-8", errors="replace")
    except OSError:
        return 0
    return max(len(record_lines(text, dialect)) - 1, 0)


# ---------------------------------------------------------------------------------------------
# file-level checks


def check_file(
    path: Path, delimiter: str = ",", fields: list[str] | None = None, dialect: dict | None = None
) -> list[Problem]:
    """File-level checks of one CSV file (existence, emptiness, encoding, delimiter, header).

    Args:
        path: the CSV file (already checked to be inside the data folder).
        delimiter: the delimiter the schema's dialect expects.
        fields: the column names the schema expects (any order); None skips the header check.
        dialect: the table's CSV dialect (its ``quoteChar``; the stray-quote check of
            :func:`quote_problems` is left out for a dialect with ``doubleQuote`` false or an
            ``escapeChar``, where quotes follow other rules).

    Returns:
        A list of problems (empty when the file is fine). Reads the file; never writes it.
    """
    name = str(path)
    if not path.is_file():
        return [Problem(name, "file not found (the data package lists it)")]
    raw = path.read_bytes()
    if not raw.strip():
        return [Problem(name, "file is empty: it needs at least the header row")]
    wide = wide_encoding(raw)
    if wide:
        return [
            Problem(
                name,
                f"file is saved as {wide} (as Excel's 'Unicode Text' or some editors write it), not UTF-8: "
                "save it as UTF-8 (CSV UTF-8 without byte-order mark)",
                line=1,
            )
        ]
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
    if not fields:
        return []
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
                f"{empty} column(s) without a name in the header (empty columns left by a spreadsheet?): delete them",
                line=1,
            )
        )
    dupes = sorted({label for label in labels if label.strip() and labels.count(label) > 1})
    problems += [Problem(name, "column appears twice in the header", line=1, column=d) for d in dupes]
    if problems:
        return problems
    # stray double quotes: Python's csv reads them leniently (a quote inside a cell is kept, text after
    # a closing quote is glued on, an unclosed quote swallows commas and lines), so the cells would
    # silently differ from what the file shows
    dialect = dialect or {}
    strict = dialect.get("doubleQuote", True) and not dialect.get("escapeChar")
    problems = quote_problems(text, labels, delimiter, str(dialect.get("quoteChar", '"')) or '"') if strict else []
    if problems:
        return [Problem(name, message, line=line, column=column) for line, column, message in problems]
    # rows longer than the header (a spreadsheet often adds empty cells after the last column)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    next(reader, None)
    start = reader.line_num + 1
    for row in reader:
        if len(row) > len(labels):
            extra = row[len(labels) :]
            what = (
                "extra empty cells after the last column (a spreadsheet leftover?): delete them"
                if not any(cell.strip() for cell in extra)
                else f"{len(extra)} more cell(s) than the header has columns (a comma inside a text "
                "that is not in double quotes?)"
            )
            problems.append(Problem(name, what, line=start))
        start = reader.line_num + 1
    return problems


def wide_encoding(raw: bytes) -> str | None:
    """``"UTF-16"`` or ``"UTF-32"`` when a file's bytes are in one of those encodings, else None.

    Recognised by a byte-order mark (UTF-32: ``FF FE 00 00`` / ``00 00 FE FF``; UTF-16: ``FF FE`` /
    ``FE FF``) or, without one, by NUL bytes: in the first 512 bytes of a UTF-16 file of mostly
    Latin text every other byte is NUL (three bytes in four in UTF-32). A UTF-8 file holds a NUL only
    by mistake (a stray control character, reported on its cell), never in half of its bytes.
    """
    if raw.startswith((b"\xff\xfe\x00\x00", b"\x00\x00\xfe\xff")):
        return "UTF-32"
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        return "UTF-16"
    head = raw[:512]
    if len(head) < 4 or head.count(0) * 4 < len(head):
        return None
    for width, name in ((4, "UTF-32"), (2, "UTF-16")):
        n = len(head) // width * width
        units = [head[i : i + width] for i in range(0, n, width)]
        for offset in range(width):
            # a Latin character has one non-NUL byte per unit, always at the same offset
            if units and sum(u.count(0) == width - 1 and u[offset] != 0 for u in units) >= 0.5 * len(units):
                return name
    return None


@functools.lru_cache(maxsize=8)
def _field_pattern(delimiter: str, quote: str) -> re.Pattern:
    """A whole CSV file in which every double quote is where RFC 4180 allows it."""
    d, q = re.escape(delimiter), re.escape(quote)
    field = rf"(?:{q}(?:[^{q}]|{q}{q})*{q}|[^{d}{q}\r\n]*)"
    return re.compile(rf"(?:{field}(?:{d}{field})*(?:\r\n|\n|\r|\Z))*")


def quote_problems(text: str, labels: list[str], delimiter: str = ",", quote: str = '"') -> list[tuple[int, str | None, str]]:
    """Double quotes a strict reading of CSV (RFC 4180) refuses, which Python's csv would accept.

    A cell either starts with a double quote and ends with one (a quote inside it doubled,
    ``""``), or holds no double quote at all. Python's lenient reader instead keeps a quote in the
    middle of a cell, glues text written after a closing quote onto the cell, and lets an unclosed
    quote swallow the commas (and lines) after it, so a row can lose cells or a cell change without
    any error.

    Args:
        text: the file's text.
        labels: the header's column names (to name the column of a problem).
        delimiter, quote: the dialect's delimiter and quote character.

    Returns:
        ``(physical line, column name or None, message)`` per problem, at most one per record, in
        file order (empty when every quote is where CSV allows it). One fast regular-expression
        pass over a clean file; the cell-by-cell scan runs only when that pass fails.
    """
    if quote not in text or _field_pattern(delimiter, quote).fullmatch(text):
        return []
    problems: list[tuple[int, str | None, str]] = []
    line, index, i, n = 1, 0, 0, len(text)

    def column(k: int) -> str | None:
        return labels[k] if 0 <= k < len(labels) else None

    reported = False  # one problem per record
    while i < n:
        ch = text[i]
        if ch == quote:  # a quoted cell: find its closing quote
            start_line, j = line, i + 1
            while True:
                k = text.find(quote, j)
                if k < 0:
                    problems.append((start_line, column(index),
                                     "a double quote opens this cell and is never closed: everything after it "
                                     "(commas, other rows) would be read into one cell; close the quote, or remove it"))
                    return problems
                line += text.count("\n", j, k)
                if text.startswith(quote, k + 1):  # a doubled quote inside the cell
                    j = k + 2
                    continue
                i = k + 1
                break
            if i < n and text[i] not in (delimiter, "\r", "\n"):
                if not reported:
                    where = f" on line {line}" if line != start_line else ""
                    problems.append((start_line, column(index),
                                     f"a double quote opens this cell and another one{where} is followed by more text: a "
                                     "stray quote? (a quote inside a quoted text must be doubled, \"\"); as written, the "
                                     "commas in between would not separate cells"))
                    reported = True
                while i < n and text[i] not in (delimiter, "\r", "\n"):
                    i += 1
        else:  # an unquoted cell: runs to the delimiter or the end of the line
            j = i
            while j < n and text[j] not in (delimiter, "\r", "\n"):
                j += 1
            if quote in text[i:j] and not reported:
                problems.append((line, column(index),
                                 "a double quote inside a cell that does not start with one: put the whole cell in "
                                 "double quotes and double the quote inside (\"\"), or remove it"))
                reported = True
            i = j
        if i >= n:
            break
        if text[i] == delimiter:
            index += 1
            i += 1
            if i >= n:
                break
            continue
        # end of the record
        i += 2 if text.startswith("\r\n", i) else 1
        line += 1
        index, reported = 0, False
    return problems


# ---------------------------------------------------------------------------------------------
# frictionless


def _problem_from_frictionless(error, file: str, lines: list[int]) -> Problem:
    data = error.to_descriptor() if hasattr(error, "to_descriptor") else dict(error)
    row = data.get("rowNumber")
    line = lines[row - 1] if isinstance(row, int) and 0 < row <= len(lines) else row
    column = data.get("fieldName") or data.get("label")
    value = data.get("cell")
    kind = data.get("type", "error")
    note = str(data.get("note") or data.get("message") or kind)

    def physical(match: re.Match) -> str:
        n = int(match.group(1))
        return f"line {lines[n - 1] if 0 < n <= len(lines) else n}"

    note = re.sub(r"the row at position (\d+)", physical, note)
    ftype = note.split('"')[1].split("/")[0] if note.startswith('type is "') else ""
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


_DIALECT_KEYS = ("delimiter", "quoteChar", "doubleQuote", "escapeChar", "skipInitialSpace")


def _sanitized(spec: ResourceSpec, data_dir: Path) -> dict:
    """The only descriptor frictionless sees: a checked relative path, an inline schema and dialect.

    Foreign keys are left out: the gate checks them against the other tables' typed cells
    (:func:`_foreign_key_problems`), so that each file is parsed once, not once per reference.
    """
    schema = {k: v for k, v in spec.schema.items() if k not in ("$schema", "profile", "$ref", "foreignKeys")}
    return {
        "name": spec.name,
        "path": os.path.relpath(spec.path, data_dir),
        "format": "csv",
        "encoding": "utf-8",
        "dialect": {k: spec.dialect[k] for k in _DIALECT_KEYS if k in spec.dialect},
        "schema": schema,
    }


def _capture_check():
    from frictionless import Check

    class _Capture(Check):
        """Keeps the typed cells of every row frictionless reads (one pass reads and validates)."""

        type = "iranus-capture"

        def __init__(self):
            super().__init__()
            self.rows: list = []
            self.labels: list[str] | None = None

        def validate_row(self, row):
            if self.labels is None:
                self.labels = list(self.resource.labels or [])
            self.rows.append((row.row_number, row.to_dict(), dict(zip(self.labels, row.cells))))
            yield from ()

    return _Capture()


# ---------------------------------------------------------------------------------------------
# the gate's own checks and the conversion to pandas


def _char_problem(ch: str) -> str:
    code = f"U+{ord(ch):04X}"
    if _BIDI.match(ch):
        return (
            f"contains {code} ({unicodedata.name(ch)}), an invisible character that changes the direction in "
            "which the text after it is displayed (it can make a cell read differently from what it holds): "
            "delete it. Arabic text needs none; the marks U+200E, U+200F and U+061C are allowed"
        )
    name = _CONTROL_NAMES.get(ord(ch), "a control character")
    return f"contains the control character {code} ({name}), which no text should hold: delete it (retype the cell)"


#: What a column of each non-text type is called in a message.
_COLUMN_KIND = {
    "integer": "a whole-number column", "number": "a number column", "date": "a date column",
    "datetime": "a date-and-time column", "time": "a time column", "year": "a year column",
    "yearmonth": "a year-and-month column", "duration": "a duration column",
}


def _digit_spelling(raw: str, ftype: str) -> str | None:
    """A message when a typed (non-text) cell is written with digits other than ASCII 0-9, or None.

    Python's ``int``, ``Decimal`` and ``strptime`` (and so frictionless) read Arabic-Indic ``٣``,
    Persian ``۳`` or fullwidth ``３`` digits as 3, so ``٢٠١٥-07-14`` would load as 14 July 2015;
    other tools (a spreadsheet, R, another CSV reader) do not, so the data would mean different
    things to different readers. Numbers, dates, years and times take the ASCII digits 0-9.
    """
    for ch in raw:
        if ch not in "0123456789" and unicodedata.decimal(ch, None) is not None:
            ascii_form = "".join(str(unicodedata.decimal(c)) if unicodedata.decimal(c, None) is not None else c for c in raw)
            kind = unicodedata.name(ch, "non-ASCII DIGIT").split(" DIGIT")[0].title().replace("Fullwidth", "fullwidth")
            column = _COLUMN_KIND.get(ftype, f"a {ftype} column")
            return (
                f"{raw!r} is written with {kind} digits (U+{ord(ch):04X}): {column} takes the ASCII "
                f"digits 0-9 (write {ascii_form.strip()!r}); such digits are fine in a text column"
            )
    return None


def _number_spelling(raw: str, ftype: str) -> str | None:
    """What is wrong with how a number is written, though Python would read it, or None.

    Python's ``int``/``Decimal`` (and so frictionless) read ``6_2.3`` as 62.3 (digit grouping in
    Python source) and non-ASCII digits as ASCII ones (see :func:`_digit_spelling`); other tools do
    not. A number cell takes the ASCII digits 0-9.
    """
    what = "a whole number" if ftype == "integer" else "a number"
    if "_" in raw:
        return (
            f"{raw!r} has an underscore between digits (Python's digit grouping): write {what} with the "
            f"digits 0-9 only{'' if ftype == 'integer' else ' and a full stop for decimals'}, e.g. {raw.replace('_', '')!r}"
        )
    return _digit_spelling(raw, ftype)


def cell_problems(value: object, raw: object, field: dict) -> str | None:
    """What is wrong with one typed cell that the Table Schema cannot say, or None.

    Args:
        value: the cell as frictionless typed it (``datetime.date``, ``Decimal``, ``int``, ``str``, None).
        raw: the cell as written in the file.
        field: the schema's field.

    Returns:
        A message, or None when the cell is fine.
    """
    if value is None:
        return None
    ftype = field.get("type", "string")
    if ftype in ("number", "integer") and isinstance(raw, str):
        written = _number_spelling(raw, ftype)
        if written:
            return written
    elif ftype not in ("string", "boolean", "any") and isinstance(raw, str):
        written = _digit_spelling(raw, ftype)
        if written:
            return written
    if ftype == "date" and isinstance(value, _dt.date) and not FIRST_DAY <= value <= LAST_DAY:
        return (
            f"year {value.year} is outside the years pandas can hold ({FIRST_DAY} to {LAST_DAY}): "
            "a typo for a year such as 2026?"
        )
    if ftype == "number":
        if isinstance(value, Decimal) and value.is_nan():
            required = bool(field.get("constraints", {}).get("required"))
            return (
                f"{raw!r} is not a number: leave the cell empty for a missing value"
                + (" (but this column needs a value)" if required else "")
                + "; to read it as missing, list it in the schema's missingValues"
            )
        if not pd.notna(value) or abs(float(value)) == float("inf"):
            return f"{raw!r} is an infinite number (or too large to hold): give a finite number"
    if ftype == "integer" and isinstance(value, int) and not -_INT64 < value < _INT64:
        return f"{raw!r} is too large for a whole-number column (64-bit integers)"
    if ftype == "string" and isinstance(value, str):
        bad = FORBIDDEN_TEXT.search(value)
        if bad:
            return _char_problem(bad.group())
    return None


def convert(columns: dict[str, list], schema: dict) -> pd.DataFrame:
    """Turn the typed cells of a table into pandas columns, by the schema's field types.

    Args:
        columns: field name -> list of typed cells (as frictionless reads them; None = missing).
        schema: the Table Schema.

    Returns:
        DataFrame with one column per schema field, in schema order: ``string`` -> ``string``
        (a field with an enum -> ``category`` with the enum's values as categories, in schema
        order), ``date`` -> ``datetime64[ns]`` (missing -> NaT), ``integer`` -> ``Int64``,
        ``number`` -> ``float64`` (missing -> NaN), ``boolean`` -> ``boolean`` (nullable).
    """
    out = {}
    for field in schema["fields"]:
        name, ftype = field["name"], field.get("type", "string")
        values = columns.get(name, [])
        enum = field.get("constraints", {}).get("enum")
        if enum:
            out[name] = pd.Categorical(values, categories=enum)
        elif ftype == "date":
            out[name] = pd.to_datetime(pd.Series(values, dtype="object")).astype("datetime64[ns]")
        elif ftype == "integer":
            out[name] = pd.array(values, dtype="Int64")
        elif ftype == "number":
            out[name] = pd.array([float(v) if v is not None else float("nan") for v in values], dtype="float64")
        elif ftype == "boolean":
            out[name] = pd.array(values, dtype="boolean")
        else:
            out[name] = pd.array(values, dtype="string")
    return pd.DataFrame(out, index=pd.RangeIndex(len(next(iter(columns.values()), []))) if columns else None)


# ---------------------------------------------------------------------------------------------
# the gate


@dataclass(frozen=True)
class _Typed:
    """One file read by frictionless against its schema (no foreign keys): typed cells and problems."""

    columns: dict
    lines: tuple[int, ...]
    line_of_row: tuple[int, ...]
    problems: tuple[Problem, ...]
    rows: int


_TYPED: dict[tuple, _Typed] = {}


def _typed(spec: ResourceSpec, data_dir: Path) -> _Typed:
    """:func:`_read_typed`, cached by content: the file's bytes, its schema and its dialect.

    A table that reads without problems is shared by every copy of the package that holds the
    same bytes (an instructor's edited copy re-reads only the tables that were edited); a table
    with problems is cached per file, since its problems name the file.
    """
    digest = hashlib.sha256(spec.path.read_bytes()).hexdigest()
    key = (digest, json.dumps([spec.name, spec.schema, spec.dialect], sort_keys=True, default=str))
    for k in (key, key + (str(spec.path),)):
        if k in _TYPED:
            return _TYPED[k]
    typed = _read_typed(spec, data_dir)
    if len(_TYPED) >= 128:
        _TYPED.clear()
    _TYPED[key if not typed.problems else key + (str(spec.path),)] = typed
    return typed


def _read_typed(spec: ResourceSpec, data_dir: Path) -> _Typed:
    file = str(spec.path)
    fields = {f["name"]: f for f in spec.schema["fields"]}
    problems = check_file(spec.path, spec.dialect.get("delimiter", ","), list(fields), spec.dialect)
    if problems:
        return _Typed({}, (), (), tuple(problems), count_rows(spec.path, spec.dialect))
    from frictionless import Checklist, FrictionlessException, Resource

    try:
        resource = Resource.from_descriptor(_sanitized(spec, data_dir), basepath=str(data_dir))
    except FrictionlessException as exc:
        where = str(spec.schema_file or data_dir / "datapackage.json")
        message = getattr(getattr(exc, "error", None), "message", None) or str(exc)
        return _Typed({}, (), (), (Problem(where, f"dataset {spec.name!r}: frictionless cannot use this schema: {message}"),), 0)
    text = spec.path.read_text(encoding="utf-8")
    lines = record_lines(text, spec.dialect)
    capture = _capture_check()
    report = resource.validate(checklist=Checklist(checks=[capture]))
    for task in report.tasks:
        blank_rows = {e.row_number for e in task.errors if e.type == "blank-row"}
        unique_rows = {e.row_number for e in task.errors if e.type == "unique-error"}
        for error in task.errors:
            row = getattr(error, "row_number", None)
            if error.type in ("primary-key", "unique-error") and row in blank_rows:
                continue  # a blank row is reported once, as a blank row
            if error.type == "primary-key" and row in unique_rows:
                continue  # the duplicate id is already reported on its column
            problems.append(_problem_from_frictionless(error, file, lines))
    for error in report.errors:
        problems.append(Problem(file, getattr(error, "message", str(error))))
    n_library = len(problems)
    columns: dict[str, list] = {n: [] for n in fields}
    line_of_row = []
    for row_number, cells, raw in capture.rows:
        line = lines[row_number - 1] if 0 < row_number <= len(lines) else row_number
        line_of_row.append(line)
        for fname, fdef in fields.items():
            value = cells.get(fname)
            columns[fname].append(value)
            message = cell_problems(value, raw.get(fname, value), fdef)
            if message:
                problems.append(Problem(file, message, line=line, column=fname, value=str(raw.get(fname, value))))
    # A cell the gate refuses (NaN, inf) is reported once, by the gate, not again as a broken minimum.
    refused = {(p.line, p.column) for p in problems[n_library:]}
    problems = [p for i, p in enumerate(problems) if i >= n_library or (p.line, p.column) not in refused
                or not p.message.startswith("breaks a constraint")]
    return _Typed(columns, tuple(lines), tuple(line_of_row), tuple(problems), max(len(lines) - 1, 0))


def _foreign_key_problems(spec: ResourceSpec, typed: _Typed, pkg: PackageSpec) -> list[Problem]:
    """Foreign keys, checked against the referenced tables' typed cells (read through the gate too).

    A row whose key cells are all filled must match a row of the referenced table; a row with an
    empty key cell is not checked (an optional reference).
    """
    file = str(spec.path)
    problems: list[Problem] = []
    for fk in spec.schema.get("foreignKeys", []) or []:
        fields = fk.get("fields")
        fields = [fields] if isinstance(fields, str) else list(fields or [])
        ref = fk.get("reference") or {}
        target = ref.get("resource") or spec.name
        keys = ref.get("fields")
        keys = [keys] if isinstance(keys, str) else list(keys or [])
        tspec = pkg.resources[target]
        if tspec.problems or tspec.path is None or tspec.schema is None:
            problems.append(
                Problem(file, f"refers to dataset {target!r}, which cannot be read (its problems are listed with it)",
                        column=", ".join(fields))
            )
            problems += tspec.problems
            continue
        ttyped = typed if target == spec.name else _typed(tspec, pkg.data_dir)
        if ttyped.problems:  # the referenced file's own problems say what to fix (reported once)
            problems += ttyped.problems
            continue
        if any(k not in ttyped.columns for k in keys) or any(f not in typed.columns for f in fields):
            problems.append(Problem(str(spec.schema_file or file), f"a foreign key names a column that does not exist ({fields} -> {target}.{keys})"))
            continue
        known = set(zip(*(ttyped.columns[k] for k in keys)))
        for i, cells in enumerate(zip(*(typed.columns[f] for f in fields))):
            if any(c is None for c in cells) or cells in known:
                continue
            problems.append(
                Problem(file, f"refers to an id that does not exist in {target}.{', '.join(keys)}",
                        line=typed.line_of_row[i], column=", ".join(fields), value=", ".join(str(c) for c in cells))
            )
    return problems


def _read(pkg: PackageSpec, name: str) -> Table:
    spec = pkg.resources[name]
    if pkg.problems or spec.problems:
        return Table(name, str(pkg.data_dir / "datapackage.json"), None, tuple(pkg.problems) + tuple(spec.problems), 0)
    typed = _typed(spec, pkg.data_dir)
    problems = list(typed.problems)
    if not problems:
        problems += _foreign_key_problems(spec, typed, pkg)
    problems.sort(key=lambda p: (p.file != str(spec.path), p.line or 0))
    if problems:
        return Table(name, str(spec.path), None, tuple(problems), typed.rows)
    return Table(name, str(spec.path), convert(typed.columns, spec.schema), (), typed.rows)


def read_table(name: str, data_dir: str | Path | None = None, *, package: PackageSpec | None = None) -> Table:
    """Read one dataset through the gate (see the module docstring); cached by content.

    Args:
        name: dataset name.
        data_dir: folder holding ``datapackage.json``; the bundled data when None.
        package: an already checked package (saves checking the descriptor again).

    Returns:
        :class:`Table` (its ``frame`` must not be modified: use :func:`read_frame` for a copy).

    Raises:
        KeyError: no such dataset (lists the known names).
        iranus.errors.DataPackageError: the package cannot be read at all.
    """
    pkg = package or package_spec(data_dir)
    if name not in pkg.resources:
        raise KeyError(f"no dataset named {name!r} (argument name); known datasets: {', '.join(pkg.resources)}")
    return _read(pkg, name)


def read_frame(name: str, data_dir: str | Path | None = None) -> pd.DataFrame:
    """The typed DataFrame of one dataset (a fresh copy), or the gate's problems as an error.

    Returns:
        DataFrame as :func:`convert` gives it, with a RangeIndex.

    Raises:
        KeyError: no such dataset.
        iranus.errors.DataPackageError: the package cannot be read at all.
        iranus.DataValidationError: the table (or a table it refers to, or its entry in the
            descriptor) has problems; the message names file, line and column.
    """
    table = read_table(name, data_dir)
    if table.problems:
        raise DataValidationError(list(table.problems))
    return table.frame.copy()


__all__ = [
    "DTYPES",
    "FORBIDDEN_TEXT",
    "Table",
    "cell_problems",
    "check_file",
    "convert",
    "count_rows",
    "read_frame",
    "quote_problems",
    "read_table",
    "record_lines",
    "wide_encoding",
]
