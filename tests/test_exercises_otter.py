"""The instructor's round trip with otter-grader, offline and without Docker.

otter-grader lives in the non-default dependency group ``exercises``, so the default test
environment does not have it. One child process runs the whole workflow in a throwaway
environment that has it, ``uv run --isolated --group exercises`` (the project venv is untouched):

1. ``iranus assign``: otter assign on every master; otter runs every test,
   hidden ones included, against each solution version and fails unless it gets full marks;
2. ``iranus grade`` (each file in its bubblewrap sandbox) on the sample submissions of exercise 02 (full marks, blank,
   partly right, a cell that raises, a file that is not JSON), as an instructor would;
3. the same grading, through the Python API, of every untouched student version.

The tests below read what that process wrote.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path

import pandas as pd
import pytest

pytestmark = pytest.mark.slow  # a throwaway environment and otter on every exercise: minutes

ROOT = Path(__file__).resolve().parents[1]
EXERCISES = ROOT / "exercises"
MASTERS = sorted((EXERCISES / "master").glob("[0-9][0-9]_*.ipynb"))
SAMPLES = EXERCISES / "sample_submissions" / "02_agendas"
#: Phrases of the messages a learner sees on an untouched question (never a traceback).
HELPFUL = ("No answer yet", "Replace ...", "Define the function", "Fill in", "returned nothing", "First make")

DRIVER = '''
import dataclasses, json, shutil, sys
from pathlib import Path
from iranus import grading
from iranus.cli import main

root, out = Path(sys.argv[1]), Path(sys.argv[2])
build = out / "build"
assert main(["assign", "--exercises", str(root), "--build", str(build)]) == 0
code = main(["grade", str(root / "sample_submissions" / "02_agendas"), "--build", str(build), "--out", str(out / "graded")])
(out / "grade_exit_code").write_text(str(code))
untouched = out / "untouched"
untouched.mkdir()
for student in sorted(build.glob("*/student/*.ipynb")):
    shutil.copy(student, untouched / student.name)
results = grading.grade.grade(untouched, build)
(out / "untouched.json").write_text(json.dumps([dataclasses.asdict(r) for r in results], ensure_ascii=False))

# a student's renamed notebook, next to another exercise, run as Jupyter would
import nbclient, nbformat
ren = out / "renamed"
ren.mkdir()
shutil.copy(root / "sample_submissions" / "02_agendas" / "full_marks.ipynb", ren / "ana_02.ipynb")
shutil.copy(root / "student" / "04_leverage.ipynb", ren / "04_leverage.ipynb")
nb = nbformat.read(ren / "ana_02.ipynb", as_version=4)
nbclient.NotebookClient(nb, timeout=300, allow_errors=True, resources={"metadata": {"path": str(ren)}}).execute()
shown = lambda c: "".join(o.get("data", {}).get("text/plain", "") for o in c.outputs)
checks = {c.source.strip(): shown(c) for c in nb.cells if c.cell_type == "code" and "grader.check" in c.source}
checks.update({c.source.strip().splitlines()[-1]: shown(c) for c in nb.cells if c.cell_type == "code" and "feedback(" in c.source})
errors = [o.get("ename") for c in nb.cells if c.cell_type == "code" for o in c.outputs if o.get("output_type") == "error"]
(out / "renamed.json").write_text(json.dumps({"checks": checks, "errors": errors}))
'''


def _uv() -> str:
    uv = os.environ.get("UV") or shutil.which("uv")
    if not uv:
        pytest.fail("uv is needed to run otter in the 'exercises' dependency group; run the tests with `uv run pytest`")
    return uv


@pytest.fixture(scope="module")
def round_trip(tmp_path_factory) -> dict:
    """Run the workflow once in an isolated environment with otter; return its outputs."""
    out = tmp_path_factory.mktemp("otter")
    driver = out / "driver.py"
    driver.write_text(DRIVER, encoding="utf-8")
    cmd = [_uv(), "run", "--isolated", "--group", "exercises", "python", str(driver), str(EXERCISES), str(out)]
    run = subprocess.run(cmd, cwd=ROOT, capture_output=True, text=True, timeout=900)
    log = "\n".join((run.stdout + run.stderr).splitlines()[-80:])
    assert run.returncode == 0, f"the otter workflow failed:\n{log}"
    return {"out": out, "stdout": run.stdout}


def test_every_solution_version_passes_all_its_tests(round_trip):
    lines = [l for l in round_trip["stdout"].splitlines() if "solutions pass all tests" in l]
    assert sorted(l.split(":")[0] for l in lines) == [p.stem for p in MASTERS]
    for master in MASTERS:
        manifest = json.loads((round_trip["out"] / "build" / master.stem / "assignment.json").read_text(encoding="utf-8"))
        assert (round_trip["out"] / "build" / master.stem / "autograder" / manifest["autograder_zip"]).is_file()


def _normalised(nb: dict) -> dict:
    nb = json.loads(json.dumps(nb))
    nb.get("metadata", {}).pop("language_info", None)
    return nb


@pytest.mark.parametrize("master", MASTERS, ids=lambda p: p.stem)
def test_committed_student_version_is_what_assign_generates(round_trip, master):
    generated = json.loads((round_trip["out"] / "build" / master.stem / "student" / master.name).read_text(encoding="utf-8"))
    committed = json.loads((EXERCISES / "student" / master.name).read_text(encoding="utf-8"))
    assert _normalised(committed) == _normalised(generated), (
        f"exercises/student/{master.name} is stale: uv run --group exercises iranus assign --exercises exercises "
        "--build ~/iranus-build --student-dir exercises/student"
    )


def test_grading_the_sample_folder_gives_the_expected_scores(round_trip):
    import importlib.util

    spec = importlib.util.spec_from_file_location("make_samples", SAMPLES.parent / "make_samples.py")
    samples = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(samples)
    table = pd.read_csv(round_trip["out"] / "graded" / "scores.csv").set_index("file")
    assert sorted(table.index) == sorted(p.name for p in SAMPLES.glob("*.ipynb"))
    for name, expected in samples.EXPECTED.items():
        row = table.loc[name]
        if expected is None:
            assert row["status"] == "unreadable" and "not a valid notebook" in row["problems"], row
            assert pd.isna(row["auto_score"]), "an unreadable file has no score, not 0"
            continue
        assert row["status"] == "graded", row
        assert {q: row[q] for q in expected} == expected, name
        assert row["auto_score"] == sum(expected.values()) and row["auto_possible"] == 5
        assert row["written_possible"] == 7 and pd.isna(row["e02_infographic"])
    assert "KeyError" in table.loc["cell_raises.ipynb", "problems"], "a cell that raised is reported"
    assert pd.isna(table.loc["full_marks.ipynb", "problems"])
    # one bad file does not stop the run, but the exit code tells the instructor
    assert (round_trip["out"] / "grade_exit_code").read_text() == "1"


def test_the_report_is_readable(round_trip):
    report = (round_trip["out"] / "graded" / "report.md").read_text(encoding="utf-8")
    for name in ("blank.ipynb", "cell_raises.ipynb", "full_marks.ipynb", "not_json.ipynb", "partly_right.ipynb"):
        assert f"## {name}" in report
    assert "| full_marks.ipynb | iranus_e02_agendas | graded | 5 / 5 | 7 points |" in report
    assert "**Not graded (unreadable):** not a valid notebook" in report
    assert "- **not_json.ipynb** (unreadable)" in report.split("## Summary")[0], "listed among the files to look at"
    assert "You counted 'media_report' too" in report, "the partly right file gets the diagnosis of its mistake"
    assert "raised KeyError" in report
    # cell_raises.ipynb answered e02_smallest_gap, but the answer cell raised: the report says so,
    # not "No answer yet" (what its test read, the variable never set)
    raising = report.split("## cell_raises.ipynb", 1)[1].split("\n## ", 1)[0]
    smallest = raising.split("- `e02_smallest_gap`: 0 / 1 (not passed)", 1)[1].split("\n- ", 1)[0]
    assert "your answer cell raised KeyError: 'gap_size'; the check could not read an answer" in smallest, smallest
    assert "No answer yet" not in smallest and "Replace ..." not in smallest
    results = json.loads((round_trip["out"] / "graded" / "results.json").read_text(encoding="utf-8"))
    raised = {r["file"]: r["raised"] for r in results if "raised" in r}
    assert raised["cell_raises.ipynb"] == {"e02_smallest_gap": "KeyError: 'gap_size'"}
    assert raised["full_marks.ipynb"] == raised["partly_right.ipynb"] == {}
    assert "# Rubrics: iranus_e02_agendas" in report and "**Rubric (4 points).**" in report
    assert "Traceback" not in report


def test_untouched_student_versions_fail_with_helpful_messages(round_trip):
    results = json.loads((round_trip["out"] / "untouched.json").read_text(encoding="utf-8"))
    assert sorted(r["file"] for r in results) == [p.name for p in MASTERS]
    for r in results:
        assert r["status"] == "graded", r
        assert r["possible"] and sum(r["scores"].values()) == 0, (r["file"], r["scores"])
        assert r["cell_errors"] == [], f"{r['file']}: an untouched cell raised: {r['cell_errors']}"
        assert set(r["feedback"]) == set(r["possible"]), f"{r['file']}: every question reports why it failed"
        for question, messages in r["feedback"].items():
            assert "Traceback" not in messages, (r["file"], question)
            for message in messages.split("❌ Test case failed")[1:]:
                assert any(p in message for p in HELPFUL), (r["file"], question, message)


def test_a_renamed_notebook_works_and_a_pass_says_hidden_tests_remain(round_trip):
    got = json.loads((round_trip["out"] / "renamed.json").read_text(encoding="utf-8"))
    assert got["errors"] == [], "no FileNotFoundError in the setup cell, no NameError after it"
    hidden = got["checks"]['grader.check("e02_stated_issues")']
    assert "passed" in hidden and "Public checks passed; hidden tests run at grading." in hidden
    assert "hidden tests" not in got["checks"]['grader.check("e02_iran_refused")'], "no hidden test there"
    assert "hidden tests run at grading" in got["checks"]["grader.check_all()"]
    # the answer cell's own feedback says the same where hidden tests follow (a hard-coded answer
    # can pass the public example)
    assert "hidden tests try your code" in got["checks"]['feedback("E02.stated_issues_iran", stated_issues(positions, "iran"))']
    assert "hidden tests" not in got["checks"]['feedback("E02.iran_refused", iran_refused)']
