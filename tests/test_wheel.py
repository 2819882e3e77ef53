"""The built wheel, installed in a fresh venv outside the repo: the data ships, the answer keys do not."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

pytestmark = pytest.mark.slow  # builds the wheel and a fresh venv

ROOT = Path(__file__).resolve().parents[1]


def _uv() -> str:
    uv = os.environ.get("UV") or shutil.which("uv")
    if not uv:
        pytest.fail("uv is needed to build the wheel (install it: python3 -m pip install uv)")
    return uv


@pytest.fixture(scope="module")
def student_env(tmp_path_factory) -> dict:
    """Build the wheel and install it alone in a fresh venv (a student's environment)."""
    tmp_path = tmp_path_factory.mktemp("wheel")
    uv = _uv()
    env = {**os.environ, "UV_PYTHON_DOWNLOADS": "never"}
    env.pop("VIRTUAL_ENV", None)
    subprocess.run([uv, "build", "--wheel", "--out-dir", str(tmp_path / "dist"), str(ROOT)],
                   check=True, capture_output=True, env=env)
    wheel = next((tmp_path / "dist").glob("iranus-*.whl"))
    venv = tmp_path / "venv"
    subprocess.run([uv, "venv", "--python", sys.executable, str(venv)], check=True, capture_output=True, env=env)
    python = venv / "bin" / "python"
    subprocess.run([uv, "pip", "install", "--python", str(python), str(wheel)], check=True, capture_output=True, env=env)
    workdir = tmp_path / "elsewhere"
    workdir.mkdir()
    return {"wheel": wheel, "python": python, "workdir": workdir, "env": env}


def _run(student_env, script: str) -> subprocess.CompletedProcess:
    return subprocess.run([str(student_env["python"]), "-c", script], cwd=student_env["workdir"],
                          capture_output=True, text=True, env=student_env["env"])


def test_wheel_contains_and_loads_every_dataset(student_env):
    script = (
        "import iranus, pathlib\n"
        "d = iranus.default_data_dir()\n"
        "assert 'site-packages' in str(d), d\n"
        "assert (d / 'CODEBOOK.md').is_file()\n"
        "names = iranus.list_datasets()['name'].tolist()\n"
        "rows = {n: len(iranus.load(n)) for n in names}\n"
        "assert all(rows.values()), rows\n"
        "print(len(names), sum(rows.values()))\n"
    )
    out = _run(student_env, script)
    assert out.returncode == 0, out.stderr
    n_datasets, n_rows = map(int, out.stdout.split())
    import iranus

    assert n_datasets == len(iranus.list_datasets())
    assert n_rows == int(iranus.list_datasets()["rows"].sum())


def test_no_hidden_answer_is_reachable_in_a_student_environment(student_env):
    # the instructor's side: the answers, computed by the key modules (not in the wheel)
    sys.path.insert(0, str(ROOT / "exercises" / "answer_keys"))
    import seal

    from iranus.checks import get

    ids = seal.load_keys()
    answers = {q: get(q).expected() for q in ("E05.zone_iran_batna_45", "E05.empty_from", "E02.smallest_gap")}
    names = zipfile.ZipFile(student_env["wheel"]).namelist()
    assert not [n for n in names if "answer_keys" in n or "/keys0" in n or "exercises/master" in n], names
    script = (
        "import importlib.util, json, sys\n"
        "import iranus.checks as c\n"
        "from iranus.checks.exercise_feedback import feedback\n"
        "answers = json.loads(sys.argv[1])\n"
        "assert c.questions('E') == [], c.questions('E')\n"
        "for q in answers:\n"
        "    try:\n"
        "        c.get(q)\n"
        "        raise SystemExit(f'{q} is registered with its expected answer')\n"
        "    except KeyError:\n"
        "        pass\n"
        "assert all(importlib.util.find_spec(m) is None for m in ('keys05', 'seal'))\n"
        "import iranus.checks.exercise05 as e5\n"
        "assert not hasattr(e5, 'zone_size') and not hasattr(e5, 'empty_from')\n"
        "print(json.dumps({q: [feedback(q, a).correct, feedback(q, 12345).correct] for q, a in answers.items()}))\n"
    )
    out = subprocess.run([str(student_env["python"]), "-c", script, json.dumps(answers)], cwd=student_env["workdir"],
                         capture_output=True, text=True, env=student_env["env"])
    assert out.returncode == 0, out.stderr
    # the sealed public check still tells a right answer from a wrong one
    assert json.loads(out.stdout) == {q: [True, False] for q in answers}
    assert len(ids) == 30
