"""Real-browser test: the explorers in JupyterLab, in headless Chromium, with the network cut.

What it does, in about half a minute:

1. copies ``explorers.ipynb`` (one cell per explorer, on the bundled data) to a temporary folder
   and starts ``jupyter lab`` there on 127.0.0.1 with a random port and token, its settings,
   workspaces and runtime files kept in the temporary folder;
2. opens the notebook in Debian's Chromium (``/usr/bin/chromium``) driven by Playwright, with
   every request that is not to 127.0.0.1 blocked (``page.route``) and recorded;
3. runs all cells, checks that every explorer renders its chart (an SVG) and that no cell
   raised, moves the timeline's date-range slider with the keyboard and checks that the chart
   changes, switches the agenda explorer to Arabic and checks the text runs right to left;
4. asserts that no request left 127.0.0.1 (no CDN for vega or the widget manager), saves
   screenshots to ``tests/artifacts/``, and shuts the server down.

Skipped, with the reason, when ``/usr/bin/chromium`` or Playwright is absent (``.ci/run``
installs Chromium with ``apt-get install -y chromium``). Never downloads a browser.
"""

from __future__ import annotations

import json
import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
import uuid
from pathlib import Path
from urllib.parse import urlparse

import pytest

CHROMIUM = Path("/usr/bin/chromium")
HERE = Path(__file__).resolve().parent
ARTIFACTS = HERE.parent / "artifacts"
NOTEBOOK = HERE / "explorers.ipynb"
EXPLORERS = ["iranus-agenda", "iranus-timeline", "iranus-claims", "iranus-deal", "iranus-forecast", "iranus-scorecard"]
LOCAL_HOSTS = {"127.0.0.1", "localhost"}
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]

if not CHROMIUM.exists():
    pytest.skip(
        f"{CHROMIUM} is absent: install Debian's Chromium (apt-get install -y chromium) to run the browser test",
        allow_module_level=True,
    )
sync_api = pytest.importorskip("playwright.sync_api", reason="Playwright for Python is not installed (uv sync installs it)")


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _wait_for_server(url: str, proc: subprocess.Popen, log: Path, timeout: float = 40.0) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"jupyter lab exited with {proc.returncode}:\n{log.read_text(errors='replace')[-3000:]}")
        try:
            with urllib.request.urlopen(url, timeout=2) as resp:
                if resp.status == 200:
                    return
        except (urllib.error.URLError, ConnectionError, TimeoutError):
            time.sleep(0.3)
    raise RuntimeError(f"jupyter lab did not answer within {timeout:.0f} s:\n{log.read_text(errors='replace')[-3000:]}")


@pytest.fixture
def lab(tmp_path):
    """A JupyterLab server on 127.0.0.1 serving a temporary copy of the test notebook."""
    root = tmp_path / "course"
    root.mkdir()
    shutil.copy(NOTEBOOK, root / NOTEBOOK.name)
    home = tmp_path / "jupyter"
    config = home / "config"
    settings = home / "settings" / "@jupyterlab" / "apputils-extension"
    settings.mkdir(parents=True)
    config.mkdir(parents=True, exist_ok=True)
    # no news feed, no update check, no PyPI extension listing (each would make the *server* fetch
    # from the internet)
    server_config = {
        "LabApp": {
            "news_url": None,
            "check_for_updates_class": "jupyterlab.NeverCheckForUpdate",
            "extension_manager": "readonly",
        }
    }
    for name in ("jupyter_server_config.json", "jupyter_lab_config.json"):
        (config / name).write_text(json.dumps(server_config), encoding="utf-8")
    (settings / "notification.jupyterlab-settings").write_text(
        json.dumps({"fetchNews": "false", "checkForUpdates": False}), encoding="utf-8"
    )
    port, token = _free_port(), uuid.uuid4().hex
    env = dict(os.environ)
    env.update(
        {
            "JUPYTER_CONFIG_DIR": str(config),
            "JUPYTER_RUNTIME_DIR": str(home / "runtime"),
            "JUPYTERLAB_SETTINGS_DIR": str(home / "settings"),
            "JUPYTERLAB_WORKSPACES_DIR": str(home / "workspaces"),
            "IPYTHONDIR": str(home / "ipython"),
            "PATH": f"{Path(sys.executable).parent}{os.pathsep}{env.get('PATH', '')}",
            "MPLBACKEND": "Agg",
        }
    )
    log = tmp_path / "lab.log"
    with open(log, "wb") as out:
        proc = subprocess.Popen(
            [
                sys.executable, "-m", "jupyter", "lab", "--no-browser",
                "--ServerApp.ip=127.0.0.1", f"--ServerApp.port={port}", "--ServerApp.port_retries=0",
                f"--IdentityProvider.token={token}", f"--ServerApp.root_dir={root}",
                f"--LabApp.user_settings_dir={home / 'settings'}", f"--LabApp.workspaces_dir={home / 'workspaces'}",
                *(["--allow-root"] if hasattr(os, "geteuid") and os.geteuid() == 0 else []),
            ],
            cwd=root, env=env, stdout=out, stderr=subprocess.STDOUT,
        )
    base = f"http://127.0.0.1:{port}"
    try:
        _wait_for_server(f"{base}/api/status?token={token}", proc, log)
        yield {"base": base, "token": token, "root": root, "log": log}
    finally:
        try:
            req = urllib.request.Request(f"{base}/api/shutdown?token={token}", method="POST", data=b"")
            urllib.request.urlopen(req, timeout=5).close()
            proc.wait(timeout=15)
        except Exception:  # noqa: BLE001 - a failed shutdown request: stop the process we started
            proc.terminate()
            try:
                proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait(timeout=5)


def test_explorers_render_and_respond_offline_in_jupyterlab(lab):
    started = time.monotonic()
    ARTIFACTS.mkdir(exist_ok=True)
    attempted: list[str] = []

    def local_only(route):
        url = route.request.url
        if urlparse(url).hostname in LOCAL_HOSTS:
            route.continue_()
        else:
            attempted.append(url)
            route.abort()

    with sync_api.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS)
        try:
            page = browser.new_page(viewport={"width": 1500, "height": 1100})
            console: list[str] = []
            page.on("console", lambda m: console.append(f"{m.type}: {m.text}"))
            page.route("**/*", local_only)
            page.goto(f"{lab['base']}/lab/tree/{NOTEBOOK.name}?token={lab['token']}", wait_until="domcontentloaded")
            page.wait_for_selector(".jp-NotebookPanel .jp-Cell", timeout=30_000)
            page.wait_for_selector(".jp-Notebook-ExecutionIndicator[data-status='idle']", timeout=30_000)
            page.locator(".lm-MenuBar-itemLabel", has_text="Run").first.click()
            page.locator(".lm-Menu-itemLabel", has_text="Run All Cells").first.click()
            # JupyterLab may first ask which kernel to start for a notebook that was never run
            page.wait_for_selector(".jp-Dialog, .jp-OutputArea-output", timeout=60_000)
            if page.locator(".jp-Dialog").count():
                page.locator(".jp-Dialog button.jp-mod-accept").click()

            page.wait_for_function(
                """n => [...document.querySelectorAll('.iranus-explorer')]
                        .filter(e => e.querySelector('.iranus-chart svg') || e.classList.contains('iranus-explorer-error'))
                        .length >= n""",
                arg=len(EXPLORERS),
                timeout=60_000,
            )
            page.wait_for_selector(".jp-Notebook-ExecutionIndicator[data-status='idle']", timeout=30_000)
            page.screenshot(path=str(ARTIFACTS / "lab_explorers.png"))

            errors = page.locator(".iranus-explorer-error").all_inner_texts()
            assert errors == [], f"an explorer could not start: {errors}"
            tracebacks = page.locator("[data-mime-type='application/vnd.jupyter.error']").all_inner_texts()
            assert tracebacks == [], f"a cell raised: {tracebacks[0][:2000] if tracebacks else ''}"
            for name in EXPLORERS:
                root = page.locator(f".{name}")
                assert root.count() == 1, f"{name}: expected one explorer, found {root.count()}"
                assert root.locator(".iranus-chart svg").count() >= 1, f"{name} shows no chart"
                assert root.locator(".iranus-message.iranus-error").count() == 0, root.inner_text()[:500]
                root.screenshot(path=str(ARTIFACTS / f"lab_{name.removeprefix('iranus-')}.png"))

            # move a control: the timeline's date-range slider, by keyboard, and see the chart change
            timeline = page.locator(".iranus-timeline")
            chart = timeline.locator(".iranus-chart svg")
            before = chart.inner_html()
            handle = timeline.locator(".noUi-handle").first
            handle.focus()
            for _ in range(60):  # five years of months
                page.keyboard.press("ArrowRight")
            page.wait_for_function(
                "old => { const s = document.querySelector('.iranus-timeline .iranus-chart svg'); return s && s.innerHTML !== old; }",
                arg=before,
                timeout=20_000,
            )
            assert chart.inner_html() != before
            timeline.screenshot(path=str(ARTIFACTS / "lab_timeline_moved.png"))

            # Arabic labels run right to left
            agenda = page.locator(".iranus-agenda")
            agenda.locator("button", has_text="العربية").click()
            page.wait_for_function(
                "() => { const e = document.querySelector('.iranus-agenda .iranus-chart'); return e && getComputedStyle(e).direction === 'rtl'; }",
                timeout=20_000,
            )
            assert "إيران" in agenda.locator(".iranus-chart svg").inner_html()
            agenda.screenshot(path=str(ARTIFACTS / "lab_agenda_arabic.png"))
        except Exception:
            page.screenshot(path=str(ARTIFACTS / "lab_failure.png"))
            raise
        finally:
            browser.close()

    assert attempted == [], f"the page tried to leave 127.0.0.1 (a CDN?): {attempted[:10]}"
    elapsed = time.monotonic() - started
    (ARTIFACTS / "lab_timing.txt").write_text(f"browser part of the test: {elapsed:.1f} s\n", encoding="utf-8")
    assert elapsed < 120, f"the browser test took {elapsed:.0f} s; keep it under about a minute"
