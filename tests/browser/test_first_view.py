"""Real-browser test: the README's first command shows every stored chart and table before anything runs.

Starts the course launcher (``iranus lab``, what ``uv run iranus lab`` runs) on a copy of the
lessons, with EMPTY Jupyter folders (data, config, runtime, settings, workspaces, IPython: all in a
temporary folder, so no trust database and no settings a developer may have), then drives
Debian's Chromium with Playwright, every request not to 127.0.0.1 blocked:

1. opens the address the server *prints* (as a learner who copies it would) and checks that
   lesson 00 is the notebook shown, and that no "get notified about news" pop-up appears;
2. opens every lesson, runs nothing, and checks that no output shows altair's text repr
   (``alt.LayerChart(...)``, which is what an untrusted notebook shows instead of its SVG), that
   every stored SVG chart is drawn, that every stored styled table keeps its ``<style>``
   (stripped in an untrusted notebook), and that no stored widget shows "Error displaying
   widget" (a trusted notebook draws a stored widget view, which has no state to draw);
3. asserts that no request left 127.0.0.1.

Lessons are copied first, so JupyterLab can never write into the repository's notebooks.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
import time
import urllib.error
import urllib.request
import uuid
from pathlib import Path

import pytest

from test_lab import ARTIFACTS, CHROMIUM, CHROMIUM_ARGS, _free_port, block_non_local, stop_server, sync_api

pytestmark = pytest.mark.slow
ROOT = Path(__file__).resolve().parents[2]
LESSONS = sorted((ROOT / "notebooks").glob("[0-9][0-9]_*.ipynb"))
REPR = re.compile(r"\balt\.[A-Za-z]*Chart\(")


def stored_outputs(path: Path) -> dict[str, int]:
    """Count a lesson's stored charts (SVG outputs) and styled tables (HTML outputs with <style>)."""
    nb = json.loads(path.read_text(encoding="utf-8"))
    counts = {"svg": 0, "styled": 0}
    for cell in nb["cells"]:
        for out in cell.get("outputs", []):
            data = out.get("data", {})
            counts["svg"] += "image/svg+xml" in data
            counts["styled"] += "<style" in "".join(data.get("text/html", ""))
    return counts


@pytest.fixture
def course_server(tmp_path):
    """``iranus lab`` on a copy of the course, with empty Jupyter folders; yields the printed URL."""
    course = tmp_path / "course"
    (course / "notebooks").mkdir(parents=True)
    for lesson in LESSONS:
        shutil.copy2(lesson, course / "notebooks" / lesson.name)
    home = tmp_path / "jupyter"
    env = dict(os.environ)
    env.update(
        {
            "JUPYTER_DATA_DIR": str(home / "data"),
            "JUPYTER_CONFIG_DIR": str(home / "config"),
            "JUPYTER_RUNTIME_DIR": str(home / "runtime"),
            "JUPYTERLAB_SETTINGS_DIR": str(home / "settings"),
            "JUPYTERLAB_WORKSPACES_DIR": str(home / "workspaces"),
            "IPYTHONDIR": str(home / "ipython"),
            "PATH": f"{Path(sys.executable).parent}{os.pathsep}{env.get('PATH', '')}",
        }
    )
    port, token = _free_port(), uuid.uuid4().hex
    log = tmp_path / "lab.log"
    cmd = [
        sys.executable, "-m", "iranus.cli", "lab", f"--course={course}", f"--trust-dir={home / 'trust'}",
        "--no-browser", "--ServerApp.ip=127.0.0.1", f"--ServerApp.port={port}", "--ServerApp.port_retries=0",
        f"--IdentityProvider.token={token}",
        *(["--allow-root"] if hasattr(os, "geteuid") and os.geteuid() == 0 else []),
    ]
    with open(log, "wb") as out:
        proc = subprocess.Popen(cmd, cwd=course, env=env, stdout=out, stderr=subprocess.STDOUT)
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 90
        url = None
        while url is None:
            if proc.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError(f"iranus lab did not start:\n{log.read_text(errors='replace')[-3000:]}")
            # the server prints its address with the token masked ("?token=..."): put it back
            found = re.search(rf"{re.escape(base)}(\S*)\?token=", log.read_text(errors="replace"))
            url = f"{base}{found.group(1)}?token={token}" if found else None
            time.sleep(0.3)
        yield {"base": base, "token": token, "url": url, "log": log, "course": course}
    finally:
        stop_server(base, token, proc, wait=20)


def _stop_kernels(server: dict) -> None:
    """Shut down the kernels JupyterLab started for the lessons opened so far (we run nothing)."""
    with urllib.request.urlopen(f"{server['base']}/api/sessions?token={server['token']}", timeout=10) as r:
        sessions = json.loads(r.read())
    for s in sessions:
        req = urllib.request.Request(f"{server['base']}/api/sessions/{s['id']}?token={server['token']}", method="DELETE")
        try:
            urllib.request.urlopen(req, timeout=20).close()
        except urllib.error.HTTPError:
            pass


def test_first_view_shows_lesson_00_and_every_stored_chart(course_server):
    ARTIFACTS.mkdir(exist_ok=True)
    server = course_server
    assert "/lab/tree/notebooks/00_start_here.ipynb" in server["url"], f"printed URL is not lesson 00: {server['url']}"

    with sync_api.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS)
        page = browser.new_page(viewport={"width": 1400, "height": 1000})
        attempted = block_non_local(page)
        try:
            # 1. the printed address opens lesson 00 by itself, and no news pop-up appears
            page.goto(server["url"], wait_until="domcontentloaded")
            page.wait_for_selector(".jp-NotebookPanel .jp-Cell .jp-RenderedMarkdown", timeout=90_000)
            active = page.locator(".lm-DockPanel-tabBar .lm-TabBar-tab.lm-mod-current .lm-TabBar-tabLabel").first
            assert active.inner_text() == "00_start_here.ipynb"
            page.locator(".jp-Notebook .jp-Cell").first.wait_for(timeout=30_000)
            page.wait_for_timeout(3000)  # the news question, when asked, comes right after start-up
            page.screenshot(path=str(ARTIFACTS / "first_view_00.png"))
            assert page.get_by_text("get notified about official Jupyter news").count() == 0, "news pop-up shown"
            assert page.locator(".Toastify__toast").count() == 0, page.locator(".Toastify__toast").all_inner_texts()

            # 2. every lesson, nothing run: stored charts drawn, styled tables styled, no altair repr
            for lesson in LESSONS:
                expected = stored_outputs(lesson)
                page.goto(f"{server['base']}/lab/tree/notebooks/{lesson.name}?token={server['token']}", wait_until="domcontentloaded")
                panel = page.locator(".jp-NotebookPanel:visible")
                panel.locator(".jp-Cell").first.wait_for(timeout=60_000)
                page.wait_for_function(
                    """([svg, styled]) => {
                         const p = [...document.querySelectorAll('.jp-NotebookPanel')].find(e => e.offsetParent !== null);
                         if (!p) return false;
                         const charts = p.querySelectorAll('.jp-RenderedSVG img, .jp-RenderedSVG svg, .jp-RenderedImage img').length;
                         const styles = p.querySelectorAll('.jp-OutputArea-output style').length;
                         return charts >= svg && styles >= styled;
                       }""",
                    arg=[expected["svg"], expected["styled"]],
                    timeout=60_000,
                )
                outputs = " ".join(panel.locator(".jp-OutputArea-output").all_text_contents())
                assert not REPR.search(outputs), f"{lesson.name}: altair's text repr shown instead of a chart"
                assert "Error displaying widget" not in outputs and "Loading widget" not in outputs, (
                    f"{lesson.name}: a stored widget view with no state (store only its text fallback)"
                )
                charts = panel.locator(".jp-RenderedSVG img, .jp-RenderedSVG svg, .jp-RenderedImage img").count()
                assert charts >= expected["svg"], f"{lesson.name}: {charts} charts drawn, {expected['svg']} stored"
                page.screenshot(path=str(ARTIFACTS / f"first_view_{lesson.stem[:2]}.png"))
                _stop_kernels(server)
        except Exception:
            page.screenshot(path=str(ARTIFACTS / "first_view_failure.png"))
            raise
        finally:
            browser.close()
    assert attempted == [], f"the page tried to leave 127.0.0.1: {attempted[:10]}"
    assert sum(stored_outputs(lesson)["svg"] for lesson in LESSONS) > 0, "no stored chart in any lesson: nothing was tested"
