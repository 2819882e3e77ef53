"""The lesson sequence: structure, stored outputs, no logic in cells, and no leak past 6 Feb 2026.

nbval itself runs every notebook (see pytest's ``--nbval`` in pyproject.toml); these tests check
what nbval cannot: the course's promises about the notebooks' content.
"""

from __future__ import annotations

import calendar
import json
import re
from pathlib import Path

import pandas as pd
import pytest

ROOT = Path(__file__).resolve().parents[1]
NOTEBOOKS = sorted((ROOT / "notebooks").glob("[0-9][0-9]_*.ipynb"))
COURSE_DATE = pd.Timestamp("2026-02-06")
EXPECTED = ["00", "01", "02", "03", "04", "05", "06", "07"]

MONTHS = {name.lower(): i for i, name in enumerate(calendar.month_name) if name}
MONTHS |= {name.lower(): i for i, name in enumerate(calendar.month_abbr) if name}
MONTHS["sept"] = 9
_M = "|".join(sorted(MONTHS, key=len, reverse=True))
ISO = re.compile(r"\b(20\d\d)-(\d\d)-(\d\d)\b")
DAY_MONTH_YEAR = re.compile(rf"\b(\d{{1,2}})\s+({_M})\.?,?\s+(20\d\d)\b", re.I)
MONTH_DAY_YEAR = re.compile(rf"\b({_M})\.?\s+(\d{{1,2}}),?\s+(20\d\d)\b", re.I)
MONTH_YEAR = re.compile(rf"\b({_M})\.?\s+(20\d\d)\b", re.I)


def dates_in(text: str) -> list[tuple[pd.Timestamp, str]]:
    """Every date written in ``text``, as (earliest day it can mean, the matched text).

    A month with no day counts from its first day, so "February 2026" is allowed but
    "March 2026" is not.
    """
    found = []
    for m in ISO.finditer(text):
        try:
            found.append((pd.Timestamp(int(m[1]), int(m[2]), int(m[3])), m[0]))
        except ValueError:
            pass
    for m in DAY_MONTH_YEAR.finditer(text):
        try:
            found.append((pd.Timestamp(int(m[3]), MONTHS[m[2].lower()], int(m[1])), m[0]))
        except ValueError:
            pass
    for m in MONTH_DAY_YEAR.finditer(text):
        try:
            found.append((pd.Timestamp(int(m[3]), MONTHS[m[1].lower()], int(m[2])), m[0]))
        except ValueError:
            pass
    for m in MONTH_YEAR.finditer(text):
        found.append((pd.Timestamp(int(m[2]), MONTHS[m[1].lower()], 1), m[0]))
    return found


def test_date_scanner_finds_what_it_should():
    text = "talks on 2026-02-06; war from 28 February 2026; March 2026; Feb. 17, 2026; Feb 2026"
    later = sorted(s for d, s in dates_in(text) if d > COURSE_DATE)
    assert later == ["28 February 2026", "Feb. 17, 2026", "March 2026"]


def _load(path: Path) -> dict:
    return json.loads(path.read_text(encoding="utf-8"))


def _texts(cell: dict) -> list[str]:
    out = ["".join(cell.get("source", ""))] if cell["cell_type"] == "markdown" else []
    for output in cell.get("outputs", []):
        if "text" in output:
            out.append("".join(output["text"]))
        for mime, value in output.get("data", {}).items():
            if mime.startswith("text/") or mime == "image/svg+xml":
                out.append("".join(value) if isinstance(value, list) else str(value))
    return out


def test_the_sequence_is_complete_and_numbered():
    assert [p.name[:2] for p in NOTEBOOKS] == EXPECTED, [p.name for p in NOTEBOOKS]


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_lesson_structure(path):
    nb = _load(path)
    cells = nb["cells"]
    first = "".join(cells[0]["source"])
    assert cells[0]["cell_type"] == "markdown" and first.startswith("# ")
    if path.name[:2] != "00":
        assert "Learning objectives" in first and "minutes" in first, "objectives and reading time first"
        markdown = "\n".join("".join(c["source"]) for c in cells if c["cell_type"] == "markdown")
        assert "Checks for understanding" in markdown and "Discussion" in markdown
        sources = "\n".join("".join(c["source"]) for c in cells if c["cell_type"] == "code")
        assert "check(" in sources, "a lesson ends with checks that give feedback"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_stored_outputs_and_no_logic_in_cells(path):
    nb = _load(path)
    code = [c for c in nb["cells"] if c["cell_type"] == "code"]
    assert code and all(c.get("execution_count") for c in code), "stored executed, with outputs"
    assert any(c.get("outputs") for c in code)
    for c in code:
        src = "".join(c["source"])
        assert not re.search(r"^\s*(def|class)\s", src, re.M), f"logic belongs in the package:\n{src}"
        for output in c.get("outputs", []):
            assert output.get("output_type") != "error", f"stored error output:\n{src}"
            assert "Traceback" not in "".join(output.get("text", "")), src
    assert path.stat().st_size < 1_500_000
    assert "widgets" not in nb["metadata"], "widget state stored: re-run tools/refresh_notebooks.py"


@pytest.mark.parametrize("path", [p for p in NOTEBOOKS if p.name[:2] != "07"], ids=lambda p: p.name)
def test_no_lesson_before_the_epilogue_shows_anything_after_6_february_2026(path):
    import iranus

    later_events = iranus.load("events")
    later_ids = set(later_events.loc[later_events["date"] > COURSE_DATE, "event_id"])
    # the forecasting question's own deadline was known on 6 February: it may be named
    deadlines = set(iranus.load("scenarios")["resolves_by"])
    deadline_months = {d.replace(day=1) for d in deadlines}
    nb = _load(path)
    for i, cell in enumerate(nb["cells"]):
        for text in _texts(cell):
            leaks = [s for d, s in dates_in(text) if d > COURSE_DATE and d not in deadlines | deadline_months]
            assert not leaks, f"cell {i} of {path.name} shows dates after 2026-02-06: {leaks}"
            shown = [e for e in later_ids if e in text]
            assert not shown, f"cell {i} of {path.name} shows later events: {shown}"


def test_epilogue_states_the_record_end():
    import iranus

    epilogue = next(p for p in NOTEBOOKS if p.name.startswith("07"))
    text = "\n".join(t for c in _load(epilogue)["cells"] for t in _texts(c))
    end = iranus.record_end()
    assert f"{end:%Y-%m-%d}" in text or f"{end.day} {end:%B %Y}" in text


def test_lesson_map_minutes_match_each_lesson_header():
    start = "".join(c for cell in _load(NOTEBOOKS[0])["cells"] for c in cell["source"])
    for path in NOTEBOOKS[1:]:
        header = "".join(_load(path)["cells"][0]["source"])
        minutes = re.search(r"about (\d+) minutes", header).group(1)
        row = re.search(rf"^\| {path.name[:2]} \|.*\| (\d+) \|$", start, re.M)
        assert row and row.group(1) == minutes, f"{path.name}: header says {minutes} min, the lesson map {row and row.group(1)}"


@pytest.mark.parametrize("path", [p for p in NOTEBOOKS if p.name[:2] not in ("00", "07")], ids=lambda p: p.name)
def test_lessons_set_on_6_february_cut_every_dated_table(path):
    import iranus

    dated = set(iranus.list_datasets().dropna(subset=["time_field"])["name"])
    code = "\n".join("".join(c["source"]) for c in _load(path)["cells"] if c["cell_type"] == "code")
    # the lesson's context is the course date: iranus.course() without a date, never the whole record
    contexts = re.findall(r"iranus\.course\(([^)]*)\)", code)
    assert contexts and all("as_of" not in args for args in contexts), f"{path.name}: {contexts}"
    assert "whole_record" not in code and "as_of=None" not in code
    # a table loaded around the context must still be cut
    calls = re.findall(r"iranus\.load\(\s*\"(\w+)\"([^)]*)\)", code) + re.findall(r"load_(\w+)\(([^)]*)\)", code)
    uncut = sorted({name for name, args in calls if name in dated and "as_of" not in args})
    assert not uncut, f"{path.name} loads {uncut} without as_of"


MASTERS = sorted((ROOT / "exercises" / "master").glob("[0-9][0-9]_*.ipynb"))
LOAD_OUTSIDE_THE_CONTEXT = re.compile(r"\biranus\.load\(|\bload_\w+\(|\bset_language\(|\bdatasets\.loading\b")


@pytest.mark.parametrize("path", NOTEBOOKS + MASTERS, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_lessons_and_exercises_load_data_through_the_course_context(path):
    """Issue 9: lessons and exercises get their data from ``iranus.course(...)``, never around it."""
    for i, cell in enumerate(_load(path)["cells"]):
        text = "".join(cell["source"])
        found = LOAD_OUTSIDE_THE_CONTEXT.findall(text)
        assert not found, f"{path.name} cell {i} ({cell['cell_type']}): {found}; use iranus.course().load(...)"


CHECK_OUTSIDE_THE_CONTEXT = re.compile(
    r"(?<![\w.])check\(|\bimport check\b|\biranus\.list_datasets\(|\biranus\.describe\(|\bchecks\.check\("
)


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_lessons_check_list_and_describe_through_the_course_context(path):
    """A lesson's checks, dataset list and column descriptions read the folder of its ``c``
    (``c.check``, ``c.list_datasets``, ``c.describe``): an instructor who points ``c`` at an
    edited copy of the data gets feedback computed from that copy, not the bundled data."""
    code = [("".join(cell["source"]), i) for i, cell in enumerate(_load(path)["cells"]) if cell["cell_type"] == "code"]
    for text, i in code:
        found = CHECK_OUTSIDE_THE_CONTEXT.findall(text)
        assert not found, f"{path.name} cell {i}: {found}; use c.check(...), c.list_datasets(), c.describe(...)"
    if path.name[:2] != "00":
        assert any("c.check(" in text for text, _ in code), f"{path.name}: its checks call c.check(...)"


def test_the_context_rule_for_checks_catches_a_bare_call():
    """The rule above fails on the calls the lessons used before (it is not a test that cannot fail)."""
    for bad in ('check("04.last_stockpile", answer)', "from iranus.checks import check", 'iranus.describe("claims")',
                "iranus.list_datasets()", 'checks.check("01.muscat_date", 1)'):
        assert CHECK_OUTSIDE_THE_CONTEXT.search(bad), bad
    for good in ('c.check("04.last_stockpile", answer)', "iranus.check_setup()", 'c.describe("claims")', "c.list_datasets()"):
        assert not CHECK_OUTSIDE_THE_CONTEXT.search(good), good


def test_exercise_epilogues_name_the_whole_record_explicitly():
    """Exercises that look past 6 February say so: ``iranus.course(as_of=None)``."""
    for name in ("07_epilogue.ipynb", "08_simulation_debrief.ipynb"):
        code = "\n".join("".join(c["source"]) for c in _load(ROOT / "exercises" / "master" / name)["cells"])
        assert "iranus.course(as_of=None)" in code, name
        assert '"2026-02-06"' not in code, f"{name} writes the course date; use course.course_date"
