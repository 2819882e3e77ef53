"""A held-out corpus of bad copies of the data package (issue 10): one gate for validate and load.

Every case edits a fresh copy of the bundled data the way an instructor (or a careless or hostile
download) might, then runs BOTH ``iranus validate`` (the CLI) and ``iranus.load``. For each case
the table says what both must say (file, physical line, column, the words of the message) and the
exit status of ``iranus validate``; every case also checks that nothing was rewritten (hash of
every file of the copy before and after), that no traceback reaches the CLI, and (module-wide
guard) that no network connection or DNS lookup is attempted. The cases that try to send the tools
outside the folder are run again in a subprocess with an audit hook that records every file
opened, to prove that nothing outside the folder was opened.
"""

from __future__ import annotations

import csv
import hashlib
import io
import json
import os
import socket
import subprocess
import sys
import textwrap
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd
import pytest

import iranus
from iranus.cli import main as cli_main
from iranus.errors import DataError

# --------------------------------------------------------------------------------------------
# guards


@pytest.fixture(autouse=True)
def no_network(monkeypatch):
    """Fail the test on any connection attempt or DNS lookup."""

    def refuse(*args, **kwargs):  # pragma: no cover - only runs when the gate leaks
        raise AssertionError(f"network access attempted: {args!r}")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket.socket, "connect_ex", refuse)
    monkeypatch.setattr(socket, "getaddrinfo", refuse)
    monkeypatch.setattr(socket, "gethostbyname", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)


def _hashes(root: Path) -> dict[str, str]:
    return {
        str(p.relative_to(root)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(root.rglob("*"))
        if p.is_file() and not p.is_symlink()
    }


# --------------------------------------------------------------------------------------------
# editing a copy


def _rows(path: Path) -> list[list[str]]:
    return list(csv.reader(io.StringIO(path.read_text(encoding="utf-8"), newline="")))


def _write_rows(path: Path, rows: list[list[str]]) -> None:
    buf = io.StringIO()
    csv.writer(buf, lineterminator="\n").writerows(rows)
    path.write_text(buf.getvalue(), encoding="utf-8", newline="")


def set_cell(table: str, record: int, column: str, value: str) -> Callable[[Path], None]:
    """Edit one cell; ``record`` counts CSV records, the header being 1 (= line when no cell has a newline)."""

    def edit(root: Path) -> None:
        path = root / f"{table}.csv"
        rows = _rows(path)
        rows[record - 1][rows[0].index(column)] = value
        _write_rows(path, rows)

    return edit


def set_line(table: str, line: int, text: str) -> Callable[[Path], None]:
    """Replace one physical line of a table's file as written, quotes and all (no CSV writer)."""

    def edit(root: Path) -> None:
        path = root / f"{table}.csv"
        lines = path.read_text(encoding="utf-8").split("\n")
        lines[line - 1] = text
        path.write_text("\n".join(lines), encoding="utf-8", newline="")

    return edit


def set_cell_where(table: str, key: str, key_value: str, column: str, value: str) -> Callable[[Path], None]:
    def edit(root: Path) -> None:
        path = root / f"{table}.csv"
        rows = _rows(path)
        k, c = rows[0].index(key), rows[0].index(column)
        for row in rows[1:]:
            if row[k] == key_value:
                row[c] = value
        _write_rows(path, rows)

    return edit


def edit_descriptor(fn: Callable[[dict], None]) -> Callable[[Path], None]:
    def edit(root: Path) -> None:
        path = root / "datapackage.json"
        desc = json.loads(path.read_text(encoding="utf-8"))
        fn(desc)
        path.write_text(json.dumps(desc, indent=2), encoding="utf-8")

    return edit


def resource(desc: dict, name: str) -> dict:
    return next(r for r in desc["resources"] if r["name"] == name)


def edit_schema(name: str, fn: Callable[[dict], None]) -> Callable[[Path], None]:
    def edit(root: Path) -> None:
        path = root / "schemas" / f"{name}.schema.json"
        schema = json.loads(path.read_text(encoding="utf-8"))
        fn(schema)
        path.write_text(json.dumps(schema, indent=2), encoding="utf-8")

    return edit


def write_text(relpath: str, text: str) -> Callable[[Path], None]:
    def edit(root: Path) -> None:
        (root / relpath).write_text(text, encoding="utf-8")

    return edit


def both(*edits: Callable[[Path], None]) -> Callable[[Path], None]:
    def edit(root: Path) -> None:
        for e in edits:
            e(root)

    return edit


def field_of(schema: dict, name: str) -> dict:
    return next(f for f in schema["fields"] if f["name"] == name)


def outside_csv(root: Path) -> Path:
    """A valid copy of events.csv OUTSIDE the package folder (beside it)."""
    target = root.parent / "outside_events.csv"
    target.write_bytes((root / "events.csv").read_bytes())
    return target


def symlink_events_outside(root: Path) -> None:
    target = outside_csv(root)
    (root / "events.csv").unlink()
    (root / "events.csv").symlink_to(target)


def symlink_schema_outside(root: Path) -> None:
    target = root.parent / "outside.schema.json"
    target.write_bytes((root / "schemas" / "events.schema.json").read_bytes())
    (root / "schemas" / "events.schema.json").unlink()
    (root / "schemas" / "events.schema.json").symlink_to(target)


def symlink_descriptor_outside(root: Path) -> None:
    target = root.parent / "outside_datapackage.json"
    target.write_bytes((root / "datapackage.json").read_bytes())
    (root / "datapackage.json").unlink()
    (root / "datapackage.json").symlink_to(target)


def path_to_outside_csv(root: Path) -> None:
    outside_csv(root)
    edit_descriptor(lambda d: resource(d, "events").update(path="../outside_events.csv"))(root)


def multiline_cell_then_bad_date(root: Path) -> None:
    """A newline inside a quoted cell of record 2, then a bad date in record 4 (physical line 5)."""
    path = root / "events.csv"
    rows = _rows(path)
    rows[1][rows[0].index("description_en")] += "\nA second paragraph."
    rows[3][rows[0].index("date")] = "2026-02-30"
    _write_rows(path, rows)


def reencode(table: str, encoding: str) -> Callable[[Path], None]:
    """Save a table's file in another encoding (as a spreadsheet's "Unicode text" export does)."""

    def edit(root: Path) -> None:
        path = root / f"{table}.csv"
        path.write_bytes(path.read_text(encoding="utf-8").encode(encoding))

    return edit


def control(char: str) -> Callable[[Path], None]:
    return set_cell("events", 3, "title_en", "Talks" + char + "resume")


# --------------------------------------------------------------------------------------------
# the corpus


@dataclass(frozen=True)
class Case:
    """One bad copy: the edit, the table loaded, what both tools must say, and the exit status.

    ``says`` are substrings that the validate output AND the load error must each contain.
    ``exit`` is the status of ``iranus validate`` (1 invalid, 2 could not read).
    """

    id: str
    edit: Callable[[Path], None]
    table: str
    says: tuple[str, ...]
    exit: int = 1
    outside: tuple[str, ...] = field(default=())  # files (relative to the copy's parent) never to be opened


REMOTE = "http://iranus-test.invalid/x.json"  # .invalid never resolves; the guard fails first anyway

CASES = [
    # --- validate and load disagree
    Case("boolean yes", set_cell_where("scenario_outcomes", "scenario_id", "military_escalation", "occurred", "yes"),
         "scenario_outcomes", ("scenario_outcomes.csv, line 5, column 'occurred'", "not true or false")),
    Case("year 0026", set_cell("events", 3, "date", "0026-02-06"),
         "events", ("events.csv, line 3, column 'date'", "outside the years")),
    Case("year 1600", set_cell("quantities", 2, "date", "1600-05-15"),
         "quantities", ("quantities.csv, line 2, column 'date'", "outside the years")),
    Case("NaN in a number", set_cell("quantities", 4, "value", "NaN"),
         "quantities", ("quantities.csv, line 4, column 'value'", "not a number", "leave the cell empty")),
    Case("inf in a number", set_cell("quantities", 4, "value", "inf"),
         "quantities", ("quantities.csv, line 4, column 'value'", "infinite")),
    Case("1e400 overflows", set_cell("quantities", 5, "value", "1e400"),
         "quantities", ("quantities.csv, line 5, column 'value'", "infinite")),
    # --- constraints
    Case("negative stockpile", set_cell("quantities", 2, "value", "-43.1"),
         "quantities", ("quantities.csv, line 2, column 'value'", "minimum")),
    Case("scenario order 0", set_cell("scenarios", 2, "order", "0"),
         "scenarios", ("scenarios.csv, line 2, column 'order'", "minimum")),
    Case("NUL byte in text", control("\x00"), "events", ("events.csv, line 3, column 'title_en'", "control character", "U+0000")),
    Case("bell in text", control("\x07"), "events", ("events.csv, line 3, column 'title_en'", "U+0007")),
    Case("right-to-left override", control("\u202e"), "events",
         ("events.csv, line 3, column 'title_en'", "U+202E", "direction")),
    Case("directional isolate", control("\u2067"), "events", ("events.csv, line 3, column 'title_en'", "U+2067")),
    Case("newline in a cell keeps line numbers", multiline_cell_then_bad_date,
         "events", ("events.csv, line 5, column 'date'", "not a real date")),
    # --- numbers Python reads but other tools do not (fine in a text column: see below)
    Case("underscore digits 6_2.3", set_cell("quantities", 4, "value", "6_2.3"),
         "quantities", ("quantities.csv, line 4, column 'value'", "underscore", "'62.3'")),
    Case("underscore in a whole number", set_cell("scenarios", 2, "order", "1_0"),
         "scenarios", ("scenarios.csv, line 2, column 'order'", "underscore", "'10'")),
    Case("Arabic-Indic digits in a number", set_cell("quantities", 4, "value", "٤٣.١"),
         "quantities", ("quantities.csv, line 4, column 'value'", "Arabic-Indic digits", "0-9", "'43.1'")),
    Case("Persian digits in a number", set_cell("quantities", 5, "value", "۴۵"),
         "quantities", ("quantities.csv, line 5, column 'value'", "Extended Arabic-Indic digits", "'45'")),
    Case("fullwidth digit in a whole number", set_cell("scenarios", 2, "order", "１"),
         "scenarios", ("scenarios.csv, line 2, column 'order'", "fullwidth digits", "'1'")),
    # --- dates written with digits Python reads but other tools do not (a date column takes 0-9)
    Case("Arabic-Indic digits in a date", set_cell("events", 2, "date", "٢٠١٥-07-14"),
         "events", ("events.csv, line 2, column 'date'", "Arabic-Indic digits", "date column", "0-9", "'2015-07-14'")),
    Case("fullwidth digits in a date", set_cell("events", 2, "date", "２０１５-07-14"),
         "events", ("events.csv, line 2, column 'date'", "fullwidth digits", "0-9", "'2015-07-14'")),
    Case("Persian digits in a date", set_cell("events", 2, "date", "۲۰۱۵-07-14"),
         "events", ("events.csv, line 2, column 'date'", "Extended Arabic-Indic digits", "0-9", "'2015-07-14'")),
    Case("Persian digits in a quantity's date", set_cell("quantities", 3, "date", "۲۰۲۲-10-22"),
         "quantities", ("quantities.csv, line 3, column 'date'", "Extended Arabic-Indic digits", "'2022-10-22'")),
    # --- a file in another encoding than UTF-8 (said before any cell is read)
    Case("UTF-16 with byte-order mark", reencode("events", "utf-16"),
         "events", ("events.csv, line 1", "saved as UTF-16", "save it as UTF-8")),
    Case("UTF-16 big-endian without mark", reencode("events", "utf-16-be"),
         "events", ("events.csv, line 1", "saved as UTF-16", "save it as UTF-8")),
    Case("UTF-16 little-endian Arabic without mark", reencode("actors", "utf-16-le"),
         "actors", ("actors.csv, line 1", "saved as UTF-16", "save it as UTF-8")),
    Case("UTF-32", reencode("issues", "utf-32"),
         "issues", ("issues.csv, line 1", "saved as UTF-32", "save it as UTF-8")),
    # --- stray double quotes Python's lenient csv would read without a word
    Case("quote inside an unquoted cell", set_line("event_actors", 3, 'jcpoa_concluded,u"s'),
         "event_actors", ("event_actors.csv, line 3, column 'actor_id'", "double quote inside a cell that does not start with one")),
    Case("quote in a quoted cell not doubled", set_line("event_actors", 3, 'jcpoa_concluded,"u"s"'),
         "event_actors", ("event_actors.csv, line 3, column 'actor_id'", "stray quote", "doubled")),
    Case("stray quote swallows a comma and lines",
         both(set_line("event_actors", 2, 'jcpoa_concluded,"iran'), set_line("event_actors", 4, 'jcpoa_concluded,e3"x')),
         "event_actors", ("event_actors.csv, line 2, column 'actor_id'", "another one on line 4", "stray quote")),
    Case("quote never closed", set_line("event_actors", 3, 'jcpoa_concluded,"us'),
         "event_actors", ("event_actors.csv, line 3, column 'actor_id'", "never closed")),
    # --- the folder is a jail
    Case("path ../../etc/passwd", edit_descriptor(lambda d: resource(d, "events").update(path="../../../../../../etc/passwd")),
         "events", ("datapackage.json", "'events'", "outside the data folder"), outside=("/etc/passwd",)),
    Case("absolute path", edit_descriptor(lambda d: resource(d, "events").update(path="/etc/passwd")),
         "events", ("datapackage.json", "'events'", "outside the data folder"), outside=("/etc/passwd",)),
    Case("path to a valid CSV outside", path_to_outside_csv,
         "events", ("'events'", "outside the data folder"), outside=("outside_events.csv",)),
    Case("symlink to a CSV outside", symlink_events_outside,
         "events", ("'events'", "outside the data folder"), outside=("outside_events.csv",)),
    Case("schema outside", edit_descriptor(lambda d: resource(d, "events").update(schema="../../../../../../etc/passwd")),
         "events", ("'events'", "schema", "outside the data folder"), outside=("/etc/passwd",)),
    Case("schema symlinked outside", symlink_schema_outside,
         "events", ("'events'", "schema", "outside the data folder"), outside=("outside.schema.json",)),
    Case("remote resource path", edit_descriptor(lambda d: resource(d, "events").update(path="https://iranus-test.invalid/e.csv")),
         "events", ("'events'", "remote", "never uses the network")),
    Case("remote schema", edit_descriptor(lambda d: resource(d, "events").update(schema=REMOTE)),
         "events", ("'events'", "remote", "never uses the network")),
    Case("remote dialect", edit_descriptor(lambda d: resource(d, "events").update(dialect="ftp://iranus-test.invalid/d.json")),
         "events", ("'events'", "remote", "ftp://")),
    Case("remote resource profile", edit_descriptor(lambda d: resource(d, "events").update(profile=REMOTE)),
         "events", ("'events'", "remote", "never uses the network")),
    Case("remote package profile", edit_descriptor(lambda d: d.update(profile=REMOTE)),
         "events", ("datapackage.json", "remote", "never uses the network")),
    Case("remote $ref in a schema", edit_schema("events", lambda s: field_of(s, "title_en").update({"$ref": REMOTE})),
         "events", ("events.schema.json", "remote", "never uses the network")),
    # --- descriptor and schema problems are messages
    Case("referenced resource missing", edit_descriptor(lambda d: d["resources"].remove(resource(d, "sources"))),
         "events", ("'events'", "'sources'", "not in datapackage.json")),
    Case("a referenced table has a remote schema", edit_descriptor(lambda d: resource(d, "sources").update(schema=REMOTE)),
         "events", ("refers to dataset 'sources', which cannot be read", "'sources'", "remote")),
    Case("unknown field type", edit_schema("events", lambda s: field_of(s, "title_en").update(type="colour")),
         "events", ("events.schema.json", "'title_en'", "'colour'")),
    Case("schema not JSON", write_text("schemas/events.schema.json", '{"fields": [\n  {"name": "event_id",,}\n'),
         "events", ("events.schema.json", "line 2", "not valid JSON")),
    Case("schema file missing", lambda root: (root / "schemas" / "events.schema.json").unlink(),
         "events", ("'events'", "events.schema.json", "not found")),
    # --- the package cannot be read: exit status 2
    Case("datapackage.json not JSON", write_text("datapackage.json", '{"name": "x",\n  "resources": [}\n'),
         "events", ("datapackage.json", "line 2", "not valid JSON"), exit=2),
    Case("no resources key", edit_descriptor(lambda d: d.pop("resources")),
         "events", ("datapackage.json", "'resources'"), exit=2),
    Case("datapackage.json symlinked outside", symlink_descriptor_outside,
         "events", ("datapackage.json", "outside the data folder"), exit=2),
    Case("resource sources with links for people", edit_descriptor(
        lambda d: resource(d, "events").update(sources=[{"title": "x", "path": "https://example.org/"}],
                                               path="../../../../../../etc/passwd")),
         "events", ("'events'", "outside the data folder"), outside=("/etc/passwd",)),
]


def _validate_cli(root: Path, capsys) -> tuple[int, str]:
    status = cli_main(["validate", str(root), "--max-problems", "200"])
    out = capsys.readouterr()
    return status, out.out + out.err


@pytest.mark.parametrize("case", CASES, ids=[c.id for c in CASES])
def test_bad_copy_gets_the_same_message_from_validate_and_load(case: Case, data_copy: Path, capsys):
    case.edit(data_copy)
    before = _hashes(data_copy.parent)
    status, said = _validate_cli(data_copy, capsys)
    assert status == case.exit, said
    assert "Traceback" not in said
    with pytest.raises(DataError) as info:
        iranus.load(case.table, data_dir=data_copy)
    loaded = str(info.value)
    for words in case.says:
        assert words in said, f"validate does not say {words!r}:\n{said}"
        assert words in loaded, f"load does not say {words!r}:\n{loaded}"
    assert _hashes(data_copy.parent) == before  # nothing rewritten
    assert "breaks a constraint" not in said or "minimum" in case.says  # a NaN is not also "below the minimum"


# --------------------------------------------------------------------------------------------
# what validate accepts, load reads to the same values


@pytest.mark.parametrize("spelling", ["TRUE", "True", "1"])
def test_boolean_spellings_read_as_the_schema_says(spelling, data_copy, capsys):
    set_cell_where("scenario_outcomes", "scenario_id", "military_escalation", "occurred", spelling)(data_copy)
    set_cell_where("scenario_outcomes", "scenario_id", "interim_deal", "occurred", "FALSE")(data_copy)
    assert _validate_cli(data_copy, capsys)[0] == 0
    edited = iranus.load("scenario_outcomes", data_dir=data_copy)
    pd.testing.assert_frame_equal(edited, iranus.load("scenario_outcomes"))
    assert edited.loc[edited["occurred"], "scenario_id"].tolist() == ["military_escalation"]


def test_missing_value_marker_declared_by_the_schema_reads_as_missing(data_copy, capsys):
    edit_schema("events", lambda s: s.update(missingValues=["", "NA"]))(data_copy)
    set_cell("events", 3, "notes", "NA")(data_copy)
    assert _validate_cli(data_copy, capsys)[0] == 0
    events = iranus.load("events", data_dir=data_copy)
    assert pd.isna(events.loc[1, "notes"])


def test_other_digits_underscores_and_quoted_quotes_are_fine_in_text(data_copy, capsys):
    # what a number column refuses is legitimate text; a quote doubled inside a quoted cell is one quote
    text = 'Talks resume ٣ times, ３ rounds, 6_2.3 and ۴۵ "quoted"'
    set_cell("events", 3, "title_en", text)(data_copy)  # the csv writer quotes the cell and doubles its quotes
    assert '"Talks resume ٣ times, ３ rounds, 6_2.3 and ۴۵ ""quoted"""' in (data_copy / "events.csv").read_text(encoding="utf-8")
    assert _validate_cli(data_copy, capsys)[0] == 0
    assert iranus.load("events", data_dir=data_copy).loc[1, "title_en"] == text


def test_arabic_keeps_its_direction_marks(data_copy, capsys):
    rows = _rows(data_copy / "actors.csv")
    col = rows[0].index("name_ar")
    name = rows[1][col]
    marked = "\u200f" + name + "\u061c\u200e\u200c"  # RLM, ALM, LRM, ZWNJ: legitimate in Arabic text
    set_cell("actors", 2, "name_ar", marked)(data_copy)
    assert _validate_cli(data_copy, capsys)[0] == 0
    assert iranus.load("actors", data_dir=data_copy).loc[0, "name_ar"] == marked


def test_newline_in_a_cell_counts_rows_not_lines(data_copy, capsys):
    path = data_copy / "events.csv"
    rows = _rows(path)
    rows[1][rows[0].index("description_en")] += "\nA second paragraph."
    _write_rows(path, rows)
    status, said = _validate_cli(data_copy, capsys)
    assert status == 0, said
    events = iranus.load("events", data_dir=data_copy)
    assert len(events) == len(rows) - 1
    assert events.loc[0, "description_en"].endswith("\nA second paragraph.")
    table = iranus.list_datasets(data_copy).set_index("name")
    assert table.loc["events", "rows"] == len(rows) - 1
    assert f"{int(iranus.list_datasets()['rows'].sum())} rows" in said


def test_a_remote_schema_on_one_table_does_not_stop_another(data_copy):
    edit_descriptor(lambda d: resource(d, "events").update(schema=REMOTE))(data_copy)
    pd.testing.assert_frame_equal(iranus.load("issues", data_dir=data_copy), iranus.load("issues"))


def test_the_bundled_data_is_valid_and_cli_says_so(capsys):
    status = cli_main(["validate"])
    out = capsys.readouterr().out
    assert status == 0 and "is valid" in out


# --------------------------------------------------------------------------------------------
# the CLI never shows a traceback


def test_cli_datasets_on_a_missing_folder(capsys):
    assert cli_main(["datasets", "/nonexistent/iranus-data"]) == 2
    err = capsys.readouterr().err
    assert "/nonexistent/iranus-data" in err and "Traceback" not in err


@pytest.mark.parametrize("edit", [write_text("datapackage.json", "{"), edit_descriptor(lambda d: d.pop("title"))])
def test_cli_cite_on_a_bad_folder(edit, data_copy, capsys):
    edit(data_copy)
    assert cli_main(["cite", "--dir", str(data_copy)]) == 2
    err = capsys.readouterr().err
    assert "datapackage.json" in err and "Traceback" not in err


def test_validate_help_documents_the_exit_status(capsys):
    with pytest.raises(SystemExit):
        cli_main(["validate", "--help"])
    out = capsys.readouterr().out
    assert "0" in out and "valid" in out and "1" in out and "2" in out and "could not read" in out


# --------------------------------------------------------------------------------------------
# in a fresh process: the first call, and an audit of every file opened


def _run_python(code: str, timeout: float = 240) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if not k.startswith("PYTEST")}
    return subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=timeout, env=env)


def test_a_one_megabyte_cell_loads_on_the_first_call(data_copy):
    big = "x" * 1_048_576
    set_cell("events", 3, "notes", big)(data_copy)
    code = textwrap.dedent(
        f"""
        import iranus
        events = iranus.load("events", data_dir={str(data_copy)!r})
        print(len(events.loc[1, "notes"]))
        """
    )
    result = _run_python(code)
    assert result.returncode == 0, result.stderr
    assert result.stdout.split()[-1] == str(len(big))


AUDIT = """
import json, os, sys
opened = []
def hook(event, args):
    if event == "open" and isinstance(args[0], (str, bytes, os.PathLike)):
        opened.append(os.path.realpath(os.fsdecode(args[0])))
sys.addaudithook(hook)
import iranus
from iranus.cli import main
from iranus.errors import DataError
import contextlib, io
results = []
for root, table in json.loads(sys.argv[1]):
    start = len(opened)
    with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(io.StringIO()):
        status = main(["validate", root])
        listed = main(["datasets", root])
        rows = int(iranus.list_datasets(root).set_index("name").loc[table, "rows"])
        try:
            iranus.load(table, data_dir=root)
            loaded = "loaded"
        except DataError as exc:
            loaded = "refused"
    results.append({"root": root, "status": status, "listed": listed, "rows": rows, "load": loaded, "opened": opened[start:]})
print(json.dumps(results))
"""


def test_jail_cases_open_no_file_outside_the_folder(tmp_path):
    jail = [c for c in CASES if c.outside]
    batch, expected = [], []
    for i, case in enumerate(jail):
        parent = tmp_path / f"case{i}"
        parent.mkdir()
        import shutil

        shutil.copytree(iranus.default_data_dir(), parent / "data")
        case.edit(parent / "data")
        batch.append((str(parent / "data"), case.table))
        expected.append([os.path.realpath(o if o.startswith("/") else parent / o) for o in case.outside])
    result = subprocess.run(
        [sys.executable, "-c", AUDIT, json.dumps(batch)], capture_output=True, text=True, timeout=300,
        env={k: v for k, v in os.environ.items() if not k.startswith("PYTEST")},
    )
    assert result.returncode == 0, result.stderr
    for case, forbidden, got in zip(jail, expected, json.loads(result.stdout.splitlines()[-1])):
        assert got["status"] == 1 and got["load"] == "refused", (case.id, got)
        assert got["listed"] == 0, (case.id, got)
        if "schema" not in case.id:  # the table's own file is outside: no rows are counted there
            assert got["rows"] == 0, (case.id, got)
        touched = [p for p in got["opened"] if p in forbidden]
        assert not touched, f"{case.id}: opened {touched}"
        outside = [p for p in got["opened"] if p.startswith(str(tmp_path)) and not p.startswith(got["root"])]
        assert not outside, f"{case.id}: opened {outside}"
