"""Hostile submissions: each graded in its sandbox, flagged or scored as it deserves, nothing leaks.

One child process in a throwaway environment with otter (``uv run --isolated --group exercises``)
runs ``iranus assign`` on exercise 02, builds a folder of submissions from the full-marks sample
(each a kind of attack or accident an instructor meets), grades it with ``iranus grade`` and a
short time limit, and records the hashes of the submissions before and after. The tests read what
it wrote. Expected, file by file:

| file | what it does | expected |
|---|---|---|
| shell.ipynb | ``os.system`` writing a file in /tmp and in $HOME | flagged (shell), 5/5, no file outside |
| peek.ipynb | looks for the other submissions, the build folder, the masters, the checkout, a file in the grader's home, the grader in /proc | flagged, nothing found |
| overwrite.ipynb | overwrites full_marks.ipynb | flagged, every other file's hash unchanged |
| forged.ipynb | blank answers + otter's test ``run`` replaced so that all pass | forged, no score |
| forged_hex.ipynb | blank answers + ``run`` replaced to pass all but ``zz_*`` files, hidden in ``exec(bytes.fromhex(...))`` | forged, no score, dynamic code flagged |
| loop.ipynb | ``while True: pass`` | timeout naming the cell, no score |
| forkbomb.ipynb | forks until refused | graded (process limit), other files unaffected |
| bigalloc.ipynb | allocates 2 GB | MemoryError reported and flagged for a look, the other answers scored |
| celltype.ipynb | answer cell of question 1 turned into Markdown | flagged, 4/5 |
| deleted.ipynb | prompt of Written 1 and the answer cell of question 3 deleted | flagged, answers under their questions |
| ana_02.ipynb | renamed copy of full marks, with a written answer of its own | 5/5 |
| empty.ipynb | an empty file | unreadable, no score |
| bob/02_agendas.ipynb, bob/02_agendas_v2.ipynb | one student, two files | duplicate flag |
| copy_of_full.ipynb | byte-identical to full_marks.ipynb | duplicate flag |
"""

from __future__ import annotations

import json
import os
import secrets
import shutil
import subprocess
from pathlib import Path

import pandas as pd
import pytest

ROOT = Path(__file__).resolve().parents[1]
EXERCISES = ROOT / "exercises"
FULL = EXERCISES / "sample_submissions" / "02_agendas" / "full_marks.ipynb"
BLANK = EXERCISES / "sample_submissions" / "02_agendas" / "blank.ipynb"

pytestmark = pytest.mark.slow

DRIVER = r'''
import copy, hashlib, json, os, sys
from pathlib import Path

root, out, token = Path(sys.argv[1]), Path(sys.argv[2]), sys.argv[3]
from iranus.cli import main

build = out / "build"
assert main(["assign", "--exercises", str(root), "--build", str(build), "--only", "02"]) == 0
subs = out / "submissions"
subs.mkdir()
full = json.loads((root / "sample_submissions/02_agendas/full_marks.ipynb").read_text())
blank = json.loads((root / "sample_submissions/02_agendas/blank.ipynb").read_text())
masters = str(root / "master")
outside = f"/tmp/iranus_hostile_{token}"
probe = Path.home() / f".iranus_probe_{token}"  # a file of the grader's home: must stay invisible
probe.write_text("instructor's file")

def with_cell(nb, code, at=3):
    nb = copy.deepcopy(nb)
    nb["cells"].insert(at, {"cell_type": "code", "id": f"hostile-{len(code)}", "metadata": {}, "execution_count": None, "outputs": [], "source": code})
    return nb

def save(name, nb):
    p = subs / name
    p.parent.mkdir(parents=True, exist_ok=True)
    p.write_text(json.dumps(nb, indent=1))

save("full_marks.ipynb", full)
save("copy_of_full.ipynb", full)
save("shell.ipynb", with_cell(full, f"import os\nos.system('touch {outside}_shell; touch $HOME/iranus_hostile_{token}')"))
save("peek.ipynb", with_cell(full,
    "import glob, os\n"
    f"targets = [{str(subs)!r}, {str(build)!r}, {masters!r}, {str(root)!r}, {str(probe)!r}]\n"
    "found = [t for t in targets if os.path.exists(t)]\n"
    "found += [p for p in glob.glob('/proc/*/cmdline') if 'submissions' in open(p, errors='ignore').read()]\n"
    "if found: raise RuntimeError('LEAK ' + repr(found))\n"))
save("overwrite.ipynb", with_cell(full,
    f"for p in [{str(subs / 'full_marks.ipynb')!r}, {str(build)!r} + '/02_agendas/assignment.json']:\n"
    "    try:\n        open(p, 'w').write('{}')\n    except OSError as e:\n        print('refused', e)\n"
    f"open({outside!r} + '_overwrite', 'w').write('x')\n"))
save("forged.ipynb", with_cell(blank,
    "from otter.test_files.exception_test import ExceptionTestFile\n"
    "from otter.test_files.abstract_test import TestCaseResult\n"
    "ExceptionTestFile.run = lambda self, env: setattr(self, 'test_case_results', "
    "[TestCaseResult(test_case=tc, message='ok', passed=True) for tc in self.test_cases])\n"))
# the new-instructor trial's bypass: every test file passes except one named like the old canary
# (``zz_...``), the patch hidden in hex-encoded text run by exec
bypass = (
    "from otter.test_files.exception_test import ExceptionTestFile\n"
    "from otter.test_files.abstract_test import TestCaseResult\n"
    "_run = ExceptionTestFile.run\n"
    "def run(self, env):\n"
    "    if str(self.name).startswith('zz_'):\n"
    "        return _run(self, env)\n"
    "    self.test_case_results = [TestCaseResult(test_case=tc, message='ok', passed=True) for tc in self.test_cases]\n"
    "ExceptionTestFile.run = run\n"
)
save("forged_hex.ipynb", with_cell(blank, f'exec(bytes.fromhex("{bypass.encode().hex()}").decode())\n'))
save("loop.ipynb", with_cell(full, "while True:  # hangs\n    pass\n"))
save("forkbomb.ipynb", with_cell(full,
    "import os, time\nchildren = 0\ntry:\n    for _ in range(5000):\n        if os.fork() == 0:\n            time.sleep(5); os._exit(0)\n"
    "        children += 1\nexcept OSError as e:\n    print('refused after', children, e)\n"))
save("bigalloc.ipynb", with_cell(full, "block = bytearray(2 * 1024**3)\n"))
nb = copy.deepcopy(full)
for c in nb["cells"]:
    if c.get("id") == "02-agendas-005":
        c["cell_type"] = "markdown"; c.pop("outputs", None); c.pop("execution_count", None)
save("celltype.ipynb", nb)
nb = copy.deepcopy(full)
for c in nb["cells"]:
    if c.get("id") == "02-agendas-021":
        c["source"] = "SECOND WRITTEN ANSWER"
nb["cells"] = [c for c in nb["cells"] if c.get("id") not in ("02-agendas-018", "02-agendas-011")]
save("deleted.ipynb", nb)
nb = copy.deepcopy(full)
for c in nb["cells"]:
    if c.get("id") == "02-agendas-019":
        c["source"] = "ANA'S OWN ANSWER"
save("ana_02.ipynb", nb)
(subs / "empty.ipynb").write_bytes(b"")
save("bob/02_agendas.ipynb", blank)
nb = copy.deepcopy(full)
nb["metadata"]["note"] = "v2"
save("bob/02_agendas_v2.ipynb", nb)

def hashes(folder):
    return {str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(folder.rglob("*")) if p.is_file()}

before = {"subs": hashes(subs), "build": hashes(build)}
code = main(["grade", str(subs), "--build", str(build), "--out", str(out / "graded"), "--timeout", "60", "--jobs", "2"])
after = {"subs": hashes(subs), "build": hashes(build)}
probe.unlink()
(out / "hashes.json").write_text(json.dumps({"before": before, "after": after, "code": code}))
'''


def _uv() -> str:
    uv = os.environ.get("UV") or shutil.which("uv")
    if not uv:
        pytest.fail("uv is needed to run otter in the 'exercises' dependency group; run the tests with `uv run pytest`")
    return uv


@pytest.fixture(scope="module")
def hostile(tmp_path_factory) -> dict:
    """Grade the hostile folder once; return the scores table, the report and the hashes."""
    from iranus.grading.sandbox import check_sandbox

    why = check_sandbox()
    if why:
        pytest.fail(f"the grading sandbox cannot run here ({why}); .ci/run installs bubblewrap")
    out = tmp_path_factory.mktemp("hostile")
    token = secrets.token_hex(6)
    driver = out / "driver.py"
    driver.write_text(DRIVER, encoding="utf-8")
    env = {**os.environ, "UV_PYTHON_DOWNLOADS": "never"}
    cmd = [_uv(), "run", "--isolated", "--group", "exercises", "python", str(driver), str(EXERCISES), str(out), token]
    run = subprocess.run(cmd, cwd=ROOT, capture_output=True, text=True, timeout=900, env=env)
    log = "\n".join((run.stdout + run.stderr).splitlines()[-60:])
    assert run.returncode == 0, f"the hostile grading run failed:\n{log}"
    table = pd.read_csv(out / "graded" / "scores.csv", dtype=str, keep_default_na=False).set_index("file")
    return {
        "out": out,
        "token": token,
        "table": table,
        "report": (out / "graded" / "report.md").read_text(encoding="utf-8"),
        "results": {r["file"]: r for r in json.loads((out / "graded" / "results.json").read_text(encoding="utf-8"))},
        "hashes": json.loads((out / "hashes.json").read_text(encoding="utf-8")),
        "stdout": run.stdout,
    }


def row(hostile, name):
    return hostile["table"].loc[name]


def test_nothing_outside_the_sandbox_changed(hostile):
    h = hostile["hashes"]
    assert h["before"]["subs"] == h["after"]["subs"], "a submission changed another file"
    assert h["before"]["build"] == h["after"]["build"], "a submission changed the build folder"
    token = hostile["token"]
    assert not list(Path("/tmp").glob(f"iranus_hostile_{token}*")), "a submission wrote to the grader's /tmp"
    assert not (Path.home() / f"iranus_hostile_{token}").exists(), "a submission wrote to the grader's home"


def test_full_marks_and_the_renamed_copy_score_5(hostile):
    for name in ("full_marks.ipynb", "ana_02.ipynb"):
        assert row(hostile, name)["auto_score"] == "5", row(hostile, name)
    assert hostile["results"]["ana_02.ipynb"]["written"]["e02_infographic"] == "ANA'S OWN ANSWER"


def test_shell_command_is_flagged_and_harmless(hostile):
    r = row(hostile, "shell.ipynb")
    assert r["status"] == "flagged" and "runs shell commands" in r["flags"]
    assert r["auto_score"] == "5"


def test_peeking_finds_nothing(hostile):
    r = row(hostile, "peek.ipynb")
    assert "LEAK" not in r["problems"], r["problems"]
    assert r["status"] == "flagged" and "reads or writes files" in r["flags"]
    assert r["auto_score"] == "5"


def test_overwriting_another_submission_fails(hostile):
    r = row(hostile, "overwrite.ipynb")
    assert r["status"] == "flagged"
    assert row(hostile, "full_marks.ipynb")["auto_score"] == "5"


def test_forged_run_is_caught_and_its_score_withheld(hostile):
    r = row(hostile, "forged.ipynb")
    assert r["status"] == "forged" and r["auto_score"] == "" and r["needs_look"] == "yes"
    assert "canary" in r["problems"]
    assert "uses otter's test machinery" in r["flags"]


def test_the_trials_hidden_bypass_is_caught(hostile):
    r = row(hostile, "forged_hex.ipynb")
    assert r["status"] == "forged" and r["auto_score"] == "" and r["needs_look"] == "yes", r
    assert "canary" in r["problems"]
    assert "runs hidden or dynamic code" in r["flags"]


def test_infinite_loop_is_a_timeout_naming_the_cell(hostile):
    r = row(hostile, "loop.ipynb")
    assert r["status"] == "timeout" and r["auto_score"] == ""
    assert "while True:  # hangs" in r["problems"]


def test_fork_bomb_is_contained(hostile):
    r = row(hostile, "forkbomb.ipynb")
    assert r["status"] in ("flagged", "graded") and r["auto_score"] == "5", r


def test_two_gigabytes_raise_memory_error_and_need_a_look(hostile):
    r = row(hostile, "bigalloc.ipynb")
    assert "MemoryError" in r["problems"] and r["auto_score"] == "5", r
    assert r["status"] == "flagged" and r["needs_look"] == "yes" and "ran out of memory" in r["flags"], r


def test_changed_cell_type_is_reported(hostile):
    r = row(hostile, "celltype.ipynb")
    assert r["status"] == "flagged" and "turned from code into markdown" in r["flags"]
    assert r["auto_score"] == "4" and r["e02_iran_refused"] == "0"


def test_deleted_cells_are_reported_and_answers_stay_put(hostile):
    r = row(hostile, "deleted.ipynb")
    assert "the prompt cell of `e02_infographic` was deleted" in r["flags"]
    assert "the answer cell of `e02_smallest_gap` was deleted" in r["flags"]
    written = hostile["results"]["deleted.ipynb"]["written"]
    second = [q for q in written if q != "e02_infographic"][0]
    assert written[second] == "SECOND WRITTEN ANSWER"
    assert written["e02_infographic"] != "SECOND WRITTEN ANSWER"


def test_empty_file_has_no_score(hostile):
    r = row(hostile, "empty.ipynb")
    assert r["status"] == "unreadable" and r["auto_score"] == "" and "empty" in r["problems"]


def test_duplicates_are_flagged(hostile):
    for name in ("bob/02_agendas.ipynb", "bob/02_agendas_v2.ipynb"):
        assert "handed in several files" in row(hostile, name)["flags"]
    for name in ("copy_of_full.ipynb", "full_marks.ipynb"):
        assert "byte-identical" in row(hostile, name)["flags"]


def test_report_lists_who_needs_a_look(hostile):
    report = hostile["report"]
    section = report.split("## Needs a human look", 1)[1].split("## Summary", 1)[0]
    for name in ("forged.ipynb", "forged_hex.ipynb", "loop.ipynb", "empty.ipynb", "celltype.ipynb", "deleted.ipynb",
                 "shell.ipynb", "bigalloc.ipynb"):
        assert f"**{name}**" in section
    assert "**ana_02.ipynb**" not in section
    assert "Traceback" not in report
