"""Bad data gets a clear error naming the file, the line and the column, and loses nothing."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest

import iranus
from iranus import DataValidationError
from iranus.cli import main as cli_main


def _lines(path: Path) -> list[str]:
    return path.read_text(encoding="utf-8").splitlines()


def _write(path: Path, lines: list[str]) -> None:
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def _error(name: str, data_dir: Path) -> DataValidationError:
    with pytest.raises(DataValidationError) as info:
        iranus.load(name, data_dir=data_dir)
    return info.value


def _set_cell(path: Path, line_no: int, column: str, value: str) -> None:
    """Replace one cell (line numbers count the header as 1), using the csv module."""
    import csv
    import io

    rows = list(csv.reader(io.StringIO(path.read_text(encoding="utf-8"))))
    col = rows[0].index(column)
    rows[line_no - 1][col] = value
    buf = io.StringIO()
    csv.writer(buf, lineterminator="\n").writerows(rows)
    path.write_text(buf.getvalue(), encoding="utf-8")


def test_bad_date_names_file_line_column(data_copy):
    path = data_copy / "events.csv"
    _set_cell(path, 3, "date", "2026-02-30")
    err = _error("events", data_copy)
    p = err.problems[0]
    assert (Path(p.file).name, p.line, p.column, p.value) == ("events.csv", 3, "date", "2026-02-30")
    assert "events.csv, line 3, column 'date'" in str(err)


def test_missing_column(data_copy):
    path = data_copy / "claims.csv"
    import csv
    import io

    rows = list(csv.reader(io.StringIO(path.read_text(encoding="utf-8"))))
    i = rows[0].index("attribution")
    buf = io.StringIO()
    csv.writer(buf, lineterminator="\n").writerows([r[:i] + r[i + 1 :] for r in rows])
    path.write_text(buf.getvalue(), encoding="utf-8")
    err = _error("claims", data_copy)
    assert any(p.column == "attribution" and "missing" in p.message for p in err.problems), str(err)
    assert all(Path(p.file).name == "claims.csv" for p in err.problems)


def test_extra_column(data_copy):
    path = data_copy / "actors.csv"
    lines = _lines(path)
    _write(path, [lines[0] + ",comment"] + [line + ",x" for line in lines[1:]])
    err = _error("actors", data_copy)
    assert any(p.column == "comment" and "extra" in p.message and p.line == 1 for p in err.problems), str(err)


def test_wrong_type(data_copy):
    _set_cell(data_copy / "positions.csv", 2, "stance", "high")
    err = _error("positions", data_copy)
    p = err.problems[0]
    assert (p.line, p.column, p.value) == (2, "stance", "high")


def test_out_of_range(data_copy):
    _set_cell(data_copy / "positions.csv", 4, "salience", "140")
    err = _error("positions", data_copy)
    assert (err.problems[0].line, err.problems[0].column) == (4, "salience")
    assert "maximum" in err.problems[0].message


def test_unknown_enum_value(data_copy):
    _set_cell(data_copy / "claims.csv", 5, "claim_type", "rumour")
    err = _error("claims", data_copy)
    p = err.problems[0]
    assert (p.line, p.column, p.value) == (5, "claim_type", "rumour")
    assert "enum" in p.message


def test_duplicate_id(data_copy):
    path = data_copy / "sources.csv"
    lines = _lines(path)
    _write(path, lines + [lines[1]])
    err = _error("sources", data_copy)
    dup_line = len(lines) + 1
    assert any(p.line == dup_line and p.column == "source_id" for p in err.problems), str(err)


@pytest.mark.parametrize(
    ("table", "column", "target"),
    [
        ("events", "source_id", "sources"),
        ("positions", "actor_id", "actors"),
        ("claims", "issue_id", "issues"),
    ],
)
def test_unknown_reference(data_copy, table, column, target):
    _set_cell(data_copy / f"{table}.csv", 2, column, "no_such_id")
    err = _error(table, data_copy)
    p = err.problems[0]
    assert (Path(p.file).name, p.line, p.column, p.value) == (f"{table}.csv", 2, column, "no_such_id")
    assert target in p.message


def test_empty_file(data_copy):
    (data_copy / "glossary.csv").write_text("", encoding="utf-8")
    err = _error("glossary", data_copy)
    assert "glossary.csv" in str(err) and "empty" in str(err)


def test_excel_bom(data_copy):
    path = data_copy / "actors.csv"
    path.write_bytes(b"\xef\xbb\xbf" + path.read_bytes())
    err = _error("actors", data_copy)
    assert "actors.csv, line 1" in str(err) and "byte-order mark" in str(err)


def test_excel_semicolons(data_copy):
    path = data_copy / "issues.csv"
    import csv
    import io

    rows = list(csv.reader(io.StringIO(path.read_text(encoding="utf-8"))))
    buf = io.StringIO()
    csv.writer(buf, delimiter=";", lineterminator="\n").writerows(rows)
    path.write_text(buf.getvalue(), encoding="utf-8")
    err = _error("issues", data_copy)
    assert "issues.csv, line 1" in str(err) and "semicolons" in str(err)


def test_windows_1256_arabic(data_copy):
    path = data_copy / "actors.csv"
    text = path.read_text(encoding="utf-8")
    path.write_bytes(text.encode("cp1256", errors="replace"))
    err = _error("actors", data_copy)
    first_arabic_line = next(i for i, line in enumerate(text.splitlines(), 1) if any("\u0600" <= ch <= "\u06ff" for ch in line))
    p = err.problems[0]
    assert Path(p.file).name == "actors.csv" and p.line == first_arabic_line
    assert "Windows-1256" in p.message


def test_loading_never_rewrites_files(data_copy):
    before = {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in data_copy.glob("*.csv")}
    _set_cell(data_copy / "events.csv", 2, "date", "2026-13-01")
    broken = hashlib.sha256((data_copy / "events.csv").read_bytes()).hexdigest()
    for name in iranus.list_datasets(data_copy)["name"]:
        try:
            iranus.load(name, data_dir=data_copy)
        except DataValidationError:
            pass
    after = {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in data_copy.glob("*.csv")}
    assert after.pop("events.csv") == broken
    before.pop("events.csv")
    assert after == before


def test_validate_cli_reports_every_problem_and_exit_status(data_copy, capsys):
    assert cli_main(["validate", str(data_copy)]) == 0
    assert "is valid" in capsys.readouterr().out
    _set_cell(data_copy / "events.csv", 2, "date", "2026-02-30")
    _set_cell(data_copy / "claims.csv", 3, "claim_type", "rumour")
    assert cli_main(["validate", str(data_copy)]) == 1
    out = capsys.readouterr().out
    assert "events.csv, line 2, column 'date'" in out
    assert "claims.csv, line 3, column 'claim_type'" in out


def test_validate_cli_bad_folder(tmp_path, capsys):
    assert cli_main(["validate", str(tmp_path)]) == 2
    assert "datapackage.json" in capsys.readouterr().err


def test_bad_arguments():
    with pytest.raises(KeyError, match="known datasets"):
        iranus.load("claim")
    with pytest.raises(ValueError, match="as_of='6 Febtember'"):
        iranus.load("events", as_of="6 Febtember")
    with pytest.raises(ValueError, match="language='fr'"):
        iranus.course(language="fr")


def test_columns_in_another_order_are_fine(data_copy):
    import csv
    import io

    path = data_copy / "actors.csv"
    rows = list(csv.reader(io.StringIO(path.read_text(encoding="utf-8"))))
    buf = io.StringIO()
    csv.writer(buf, lineterminator="\n").writerows([r[::-1] for r in rows])
    path.write_text(buf.getvalue(), encoding="utf-8")
    reordered = iranus.load("actors", data_dir=data_copy)
    import pandas as pd

    original = iranus.load("actors")
    assert list(reordered.columns) == list(original.columns)  # the schema's order, not the file's
    pd.testing.assert_frame_equal(reordered, original)


def test_every_schema_matches_columns_by_name():
    import json

    for path in (iranus.default_data_dir() / "schemas").glob("*.schema.json"):
        assert json.loads(path.read_text(encoding="utf-8")).get("fieldsMatch") == "equal", path.name


def test_blank_row_and_spreadsheet_leftovers_are_reported_once_each(data_copy):
    import csv
    import io

    path = data_copy / "events.csv"
    rows = list(csv.reader(io.StringIO(path.read_text(encoding="utf-8"))))
    rows.insert(3, [""] * len(rows[0]))
    buf = io.StringIO()
    csv.writer(buf, lineterminator="\n").writerows(rows)
    path.write_text(buf.getvalue(), encoding="utf-8")
    err = _error("events", data_copy)
    assert [(p.line, p.message) for p in err.problems] == [(4, "blank row: delete it")]
    # Excel's trailing empty columns
    buf = io.StringIO()
    csv.writer(buf, lineterminator="\n").writerows([r + ["", ""] for r in rows if any(r)])
    path.write_text(buf.getvalue(), encoding="utf-8")
    err = _error("events", data_copy)
    assert len(err.problems) == 1 and "without a name" in err.problems[0].message


def test_impossible_date_says_what_a_date_looks_like(data_copy):
    _set_cell(data_copy / "events.csv", 2, "date", "2026-02-30")
    assert "not a real date in the form YYYY-MM-DD" in str(_error("events", data_copy))


def test_duplicate_id_names_the_line_of_the_first(data_copy):
    path = data_copy / "sources.csv"
    lines = _lines(path)
    _write(path, lines + [lines[1]])
    err = _error("sources", data_copy)
    assert len(err.problems) == 1 and "the same as in line 2" in err.problems[0].message


def test_trailing_empty_cells_in_rows_name_the_edited_file_only(data_copy):
    path = data_copy / "actors.csv"
    lines = _lines(path)
    _write(path, [lines[0]] + [line + ",," for line in lines[1:]])
    problems = iranus.validate_package(data_copy)
    assert {Path(p.file).name for p in problems} == {"actors.csv"}
    assert problems[0].line == 2 and "extra empty cells" in problems[0].message
    assert len(problems) == len(lines) - 1
