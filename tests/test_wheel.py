"""The data ships inside the built wheel: a fresh venv outside the repo can load every dataset."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

pytestmark = pytest.mark.slow  # builds the wheel and a fresh venv

ROOT = Path(__file__).resolve().parents[1]


def _uv() -> str:
    uv = os.environ.get("UV") or shutil.which("uv")
    if not uv:
        pytest.fail("uv is needed to build the wheel (install it: python3 -m pip install uv)")
    return uv


def test_wheel_contains_and_loads_every_dataset(tmp_path):
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
    workdir = tmp_path / "elsewhere"
    workdir.mkdir()
    out = subprocess.run([str(python), "-c", script], cwd=workdir, capture_output=True, text=True, env=env)
    assert out.returncode == 0, out.stderr
    n_datasets, n_rows = map(int, out.stdout.split())
    import iranus

    assert n_datasets == len(iranus.list_datasets())
    assert n_rows == int(iranus.list_datasets()["rows"].sum())
