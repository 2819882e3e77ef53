"""The binder/ folder: pinned from uv.lock, read by repo2docker as intended.

``binder/requirements.txt`` is ``uv export`` of the lock (the course's dependencies plus the
``exercises`` group, without the project itself, which ``binder/postBuild`` installs). When the
lock changes and the file is not regenerated, ``test_requirements_match_uv_lock`` fails and says
the one command that fixes it.
"""

from __future__ import annotations

import importlib.util
import os
import shutil
import stat
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
BINDER = ROOT / "binder"
EXPORT = [
    "uv", "export", "--frozen", "--no-hashes", "--no-emit-project", "--no-default-groups",
    "--group", "exercises",
]


def _requirements(text: str) -> dict[str, str]:
    """name -> 'version[ ; marker]' of every pinned line of a requirements file."""
    pins = {}
    for line in text.splitlines():
        line = line.strip()
        if line and not line.startswith("#") and "==" in line:
            name, rest = line.split("==", 1)
            pins[name.strip().lower()] = rest.strip()
    return pins


def test_requirements_match_uv_lock() -> None:
    if shutil.which("uv") is None:
        pytest.skip("uv is not on PATH (it runs this test suite everywhere else)")
    fresh = subprocess.run(EXPORT, cwd=ROOT, capture_output=True, text=True, check=True).stdout
    stored = (BINDER / "requirements.txt").read_text(encoding="utf-8")
    assert stored == fresh, (
        "binder/requirements.txt has drifted from uv.lock; regenerate it with:\n  "
        + " ".join(EXPORT) + " > binder/requirements.txt"
    )


def test_requirements_pin_the_course_stack() -> None:
    pins = _requirements((BINDER / "requirements.txt").read_text(encoding="utf-8"))
    for name in ("pandas", "altair", "vl-convert-python", "ipywidgets", "jupyterlab", "frictionless",
                 "otter-grader", "ipykernel"):
        assert name in pins, f"{name} is not pinned in binder/requirements.txt"
    assert "iranus" not in pins  # installed by postBuild from the repository itself
    assert "pytest" not in pins and "jupyterhub" not in pins  # dev and hub groups stay out
    # the lock's override (pyproject [tool.uv]) reaches pip as a marker that is never true
    assert pins["rfc3987-syntax"].endswith("sys_platform == 'never'")


def test_runtime_and_postbuild() -> None:
    assert (BINDER / "runtime.txt").read_text(encoding="utf-8").strip() == "python-3.11"
    post = BINDER / "postBuild"
    assert post.stat().st_mode & stat.S_IXUSR, "binder/postBuild must be executable"
    text = post.read_text(encoding="utf-8")
    assert text.startswith("#!/usr/bin/env bash\n")
    assert "pip install --no-deps --no-cache-dir ." in text
    assert "jupyter trust" in text and "notebooks" in text
    assert '"fetchNews": "false"' in text


@pytest.mark.skipif(os.name != "posix", reason="postBuild is a bash script")
def test_postbuild_news_switch_writes_lab_overrides(tmp_path: Path) -> None:
    """Step 4 of postBuild, run against a throwaway prefix: JupyterLab's overrides.json is merged."""
    text = (BINDER / "postBuild").read_text(encoding="utf-8")
    snippet = text.split("python - <<'PY'\n", 1)[1].split("\nPY\n", 1)[0]
    settings = tmp_path / "share" / "jupyter" / "lab" / "settings"
    settings.mkdir(parents=True)
    (settings / "overrides.json").write_text('{"@jupyterlab/apputils-extension:themes": {"theme": "x"}}')
    code = f"import sys; sys.prefix = {str(tmp_path)!r}\n" + snippet
    subprocess.run([sys.executable, "-c", code], check=True, capture_output=True)
    import json

    merged = json.loads((settings / "overrides.json").read_text())
    assert merged["@jupyterlab/apputils-extension:notification"] == {"fetchNews": "false", "checkForUpdates": False}
    assert merged["@jupyterlab/apputils-extension:themes"] == {"theme": "x"}  # kept


@pytest.mark.skipif(importlib.util.find_spec("repo2docker") is None,
                    reason="jupyter-repo2docker is not installed (uv sync --inexact --group hub)")
def test_repo2docker_reads_the_binder_folder() -> None:
    """repo2docker (no Docker needed with --no-build) turns binder/ into the expected Dockerfile."""
    out = subprocess.run(
        [sys.executable, "-m", "repo2docker", "--no-build", "--debug", "--no-run",
         "--user-id", "1000", "--user-name", "jovyan", str(ROOT)],
        capture_output=True, text=True, timeout=120, check=True,
    )
    dockerfile = out.stdout + out.stderr
    assert "Building conda environment for python=3.11" in dockerfile
    assert 'pip install --no-cache-dir -r "binder/requirements.txt"' in dockerfile
    assert "RUN ./binder/postBuild" in dockerfile
    assert "COPY --chown=1000:1000 src/" in dockerfile
