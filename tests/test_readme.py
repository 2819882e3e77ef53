"""The README's two commands stay true: the course command serves the course, the test command is this suite."""

from __future__ import annotations

import json
import os
import re
import shlex
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
README = (ROOT / "README.md").read_text(encoding="utf-8")


def _commands() -> list[str]:
    block = re.search(r"## Two commands.*?```bash\n(.*?)```", README, re.S).group(1)
    return [line.split("#")[0].strip() for line in block.splitlines() if line.strip()]


def test_readme_opens_with_the_two_commands():
    course, tests = _commands()
    assert course == "uv run iranus lab" and tests == "uv run pytest"
    assert "uv run pytest" in (ROOT / ".ci" / "run").read_text(encoding="utf-8")


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.mark.slow  # starts JupyterLab
def test_course_command_serves_the_first_lesson_and_the_data(tmp_path):
    args = shlex.split(_commands()[0])[len(["uv", "run", "iranus"]) :]
    port, token = _free_port(), "readme-test"
    cmd = [sys.executable, "-m", "iranus.cli", *args, f"--trust-dir={tmp_path / 'trust'}", "--no-browser",
           "--ip=127.0.0.1", f"--port={port}", f"--ServerApp.token={token}", "--allow-root"]
    env = {**os.environ, "JUPYTER_RUNTIME_DIR": str(tmp_path / "runtime")}
    server = subprocess.Popen(cmd, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env)
    try:
        def get(path: str):
            with urllib.request.urlopen(f"http://127.0.0.1:{port}{path}?token={token}", timeout=5) as r:
                return json.loads(r.read())

        deadline = time.time() + 60
        while True:
            try:
                nb = get("/api/contents/notebooks/00_start_here.ipynb")
                break
            except OSError:
                if time.time() > deadline or server.poll() is not None:
                    raise AssertionError("JupyterLab did not start with the README's command")
                time.sleep(0.5)
        assert nb["type"] == "notebook" and nb["content"]["cells"][0]["source"].startswith("# Start here")
        names = {c["name"] for c in get("/api/contents/data")["content"]}
        assert "datapackage.json" in names and "CODEBOOK.md" in names
    finally:
        server.terminate()
        server.wait(timeout=20)
