"""Two simulated students on a real JupyterHub (127.0.0.1): the smoke version of benchmarks/hub_load.py.

Starts JupyterHub with a local process spawner and configurable-http-proxy, has two students
start their servers and run lesson 00 through the REST and kernel-websocket APIs, and checks
what came back: both ran every code cell with no error, each server plus kernel is a real
process tree of a plausible size, and every process the hub started is gone afterwards.
No timing is asserted (the figures go to the guide, from the benchmark).

Skipped, with the reason, when JupyterHub (``uv sync --inexact --group hub``) or
configurable-http-proxy (``npm install --prefix .dev configurable-http-proxy``) is absent;
``.ci/run`` installs both.
"""

from __future__ import annotations

import importlib.util
import json
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SCRIPT = ROOT / "benchmarks" / "hub_load.py"
LESSON = ROOT / "notebooks" / "00_start_here.ipynb"

pytestmark = pytest.mark.slow


def _proxy() -> Path | None:
    sys.path.insert(0, str(SCRIPT.parent))
    try:
        from hub_load import find_proxy  # noqa: PLC0415
    finally:
        sys.path.pop(0)
    found = find_proxy(None)
    return Path(found) if found else None


def test_two_students_run_lesson_00(tmp_path: Path) -> None:
    for module in ("jupyterhub", "psutil", "websocket"):
        if importlib.util.find_spec(module) is None:
            pytest.skip(f"{module} is not installed: uv sync --inexact --group hub")
    if importlib.util.find_spec("requests") is None:
        pytest.skip("requests is not installed (it comes with jupyterhub)")
    if _proxy() is None:
        pytest.skip("configurable-http-proxy is absent: npm install --prefix .dev configurable-http-proxy")
    import psutil

    report_path = tmp_path / "hub_smoke.json"
    log = tmp_path / "jupyterhub.log"
    proc = subprocess.run(
        [sys.executable, str(SCRIPT), "--students", "2", "--lesson", str(LESSON),
         "--json", str(report_path), "--hub-log", str(log)],
        capture_output=True, text=True, timeout=600, cwd=ROOT,
    )
    assert proc.returncode == 0, f"{proc.stdout}\n{proc.stderr}\n--- hub log tail ---\n{log.read_text()[-3000:]}"
    report = json.loads(report_path.read_text(encoding="utf-8"))

    n_cells = sum(1 for c in json.loads(LESSON.read_text(encoding="utf-8"))["cells"]
                  if c["cell_type"] == "code" and "".join(c["source"]).strip())
    assert report["code_cells"] == n_cells > 0
    (rnd,) = report["rounds"]
    assert rnd["students"] == 2 and rnd["completed"] == 2 and rnd["failed"] == []
    assert rnd["cell_errors"] == 0
    for student in rnd["students_detail"]:
        assert student["cells"] == n_cells and student["cell_errors"] == 0
        assert student["processes"] == 2  # the single-user server and the lesson's kernel
        # a Jupyter server with a kernel that imported pandas and altair: well over 100 MB,
        # and a student's own (unshared) memory below their resident total
        assert 100 < student["uss_mb"] < student["rss_mb"] < 4000
    assert rnd["peak_tree_rss_mb"] > report["hub_and_proxy_rss_mb"] > 0

    # the script cleaned up: none of the hub's processes (hub, proxy, servers, kernels) remains
    started = report["pids_started"]
    assert len(started) >= 5  # proxy + 2 servers + 2 kernels
    alive = []
    for pid in started:
        try:
            p = psutil.Process(pid)
            command = " ".join(p.cmdline()) + p.name()
            if p.status() != psutil.STATUS_ZOMBIE and any(
                k in command for k in ("jupyter", "ipykernel", "configurable-http-proxy")
            ):
                alive.append(pid)
        except psutil.NoSuchProcess:
            pass
    assert alive == []
