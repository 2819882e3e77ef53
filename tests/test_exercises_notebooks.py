"""nbval runs the exercises' master notebooks like the lessons: executed, outputs compared.

The masters need no otter: otter's markers are raw cells (nbval skips them), and each test cell
defines its test function and calls it, so running a master also runs every test, hidden ones
included, against the solutions. pytest's own collection (``testpaths``) does not include
``exercises/``, so this test runs nbval on the masters in a child process with the same Python.
The student versions import otter and are exercised by ``test_exercises_otter.py`` instead.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
MASTERS = sorted((ROOT / "exercises" / "master").glob("[0-9][0-9]_*.ipynb"))


@pytest.mark.slow  # a kernel per master notebook
def test_master_notebooks_pass_nbval_with_their_stored_outputs():
    assert MASTERS, "no master notebooks in exercises/master"
    cmd = [sys.executable, "-m", "pytest", "--nbval", "-p", "no:cacheprovider", "-o", "addopts=", "-q", *map(str, MASTERS)]
    run = subprocess.run(cmd, cwd=ROOT, capture_output=True, text=True, timeout=600)
    tail = "\n".join(run.stdout.splitlines()[-60:])
    assert run.returncode == 0, (
        "nbval failed on an exercise master; after changing it or the data, re-execute it with\n"
        "  uv run jupyter nbconvert --to notebook --execute --inplace exercises/master/NN_name.ipynb\n\n" + tail
    )
    assert " passed" in tail and "failed" not in tail
