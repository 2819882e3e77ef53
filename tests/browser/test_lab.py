"""Real-browser test: the explorers in JupyterLab, in headless Chromium, with the network cut.

What it does, in about half a minute:

1. writes a small notebook (:data:`CELLS`: one cell per explorer, on the bundled data, as a
   lesson would show them) into a temporary folder and starts ``jupyter lab`` there on 127.0.0.1 with a random port and token, its settings,
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
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
import uuid
from pathlib import Path
from urllib.parse import urlparse

import nbformat
from iranus.datasets.i18n import t
import pytest

pytestmark = pytest.mark.slow  # JupyterLab and a headless browser

CHROMIUM = Path("/usr/bin/chromium")
HERE = Path(__file__).resolve().parent
ARTIFACTS = HERE.parent / "artifacts"
NOTEBOOK = Path("explorers.ipynb")  # written into the temporary folder (no .ipynb here: nbval would run it)
CELLS = [
    "import iranus\nimport iranus.explorers as W",
    'W.agenda_explorer(as_of="2026-02-06")',
    'W.timeline_explorer(as_of="2026-02-06")',
    'W.claim_sorter(as_of="2026-02-06")',
    "W.deal_builder()",
    'board = W.forecast_board(as_of="2026-02-06")\nboard',
    "board.save()  # writes my_forecast.json in this (temporary) folder\nW.forecast_scorecard()",
]
EXPLORERS = ["iranus-agenda", "iranus-timeline", "iranus-claims", "iranus-deal", "iranus-forecast", "iranus-scorecard"]
LOCAL_HOSTS = {"127.0.0.1", "localhost"}


def block_non_local(page) -> list[str]:
    """Abort every request of ``page`` that leaves this machine; returns the (growing) list of them."""
    attempted: list[str] = []

    def local_only(route):
        if urlparse(route.request.url).hostname in LOCAL_HOSTS:
            route.continue_()
        else:
            attempted.append(route.request.url)
            route.abort()

    page.route("**/*", local_only)
    return attempted


def stop_server(base: str, token: str, proc: subprocess.Popen, wait: float = 15) -> None:
    """Ask a Jupyter server started by a test to shut down; stop its process if it does not."""
    try:
        req = urllib.request.Request(f"{base}/api/shutdown?token={token}", method="POST", data=b"")
        urllib.request.urlopen(req, timeout=5).close()
        proc.wait(timeout=wait)
    except Exception:  # noqa: BLE001 - a failed shutdown request: stop the process we started
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait(timeout=5)
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
    nb = nbformat.v4.new_notebook()
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3 (ipykernel)", "language": "python"}
    nb.cells = [nbformat.v4.new_markdown_cell("# Every explorer, for the browser test")]
    nb.cells += [nbformat.v4.new_code_cell(src) for src in CELLS]
    nbformat.write(nb, root / NOTEBOOK.name)
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
    # render every cell, not only those in view, so that all explorers exist in the page
    notebook_settings = home / "settings" / "@jupyterlab" / "notebook-extension"
    notebook_settings.mkdir(parents=True)
    (notebook_settings / "tracker.jupyterlab-settings").write_text(json.dumps({"windowingMode": "none"}), encoding="utf-8")
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
        stop_server(base, token, proc, wait=15)


def start_session(lab: dict) -> None:
    """Start the notebook's kernel session through the server's REST API.

    JupyterLab attaches to this session when it opens the notebook; without it, a Run All that
    comes before JupyterLab has started its own session opens a "Select Kernel" dialog.
    """
    body = json.dumps(
        {"path": NOTEBOOK.name, "name": NOTEBOOK.name, "type": "notebook", "kernel": {"name": "python3"}}
    ).encode()
    req = urllib.request.Request(
        f"{lab['base']}/api/sessions?token={lab['token']}", data=body, method="POST",
        headers={"Content-Type": "application/json"},
    )
    with urllib.request.urlopen(req, timeout=30) as resp:
        assert resp.status == 201, f"could not start a kernel session: HTTP {resp.status}"


def run_all(page) -> None:
    """Run > Run All Cells, through the menu as a learner would."""
    page.locator(".lm-MenuBar-itemLabel", has_text="Run").first.click()
    page.locator(".lm-Menu-itemLabel", has_text="Run All Cells").first.click()


@pytest.mark.slow
def test_explorers_render_and_respond_offline_in_jupyterlab(lab):
    ARTIFACTS.mkdir(exist_ok=True)
    with sync_api.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS)
        try:
            page = browser.new_page(viewport={"width": 1500, "height": 1100})
            console: list[str] = []
            page.on("console", lambda m: console.append(f"{m.type}: {m.text}"))
            attempted = block_non_local(page)
            start_session(lab)
            # the notebook is ready to run once JupyterLab has opened the kernel's websocket
            # (the execution indicator reads "idle" before that, with no kernel attached)
            with page.expect_websocket(lambda ws: "/api/kernels/" in ws.url, timeout=45_000):
                page.goto(f"{lab['base']}/lab/tree/{NOTEBOOK.name}?token={lab['token']}", wait_until="domcontentloaded")
            page.wait_for_selector(".jp-Notebook-ExecutionIndicator[data-status='idle']", timeout=30_000)
            run_all(page)

            page.wait_for_function(
                """names => names.every(n => document.querySelector('.' + n))
                          && document.querySelector('.iranus-scorecard .iranus-chart svg, .iranus-explorer-error')""",
                arg=EXPLORERS,
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
                assert root.locator(".iranus-message.iranus-error").count() == 0, root.inner_text()[:500]
                if name != "iranus-claims":  # the claim sorter draws its chart after the first check
                    assert root.locator(".iranus-chart svg").count() == 1, f"{name} shows no chart"
                root.screenshot(path=str(ARTIFACTS / f"lab_{name.removeprefix('iranus-')}.png"))

            # the claim sorter: label the first claim, check it, and see the feedback and its chart
            claims = page.locator(".iranus-claims")
            claims.locator(".iranus-type-buttons button").first.click()
            claims.locator(".iranus-group-buttons button").first.click()
            claims.locator("button", has_text="Check my labels").click()
            claims.locator(".iranus-feedback").wait_for(timeout=20_000)
            claims.locator(".iranus-chart svg").wait_for(timeout=20_000)
            assert "Type:" in claims.locator(".iranus-feedback").inner_text()
            claims.screenshot(path=str(ARTIFACTS / "lab_claims_checked.png"))

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

            # Arabic: text and lists run right to left; the chart keeps vega's layout, in Arabic
            agenda = page.locator(".iranus-agenda")
            agenda.locator(".iranus-language button", has_text="العربية").click()
            said_on = t("ui.said_on", "ar")  # the detail table's first header, from the catalogue
            page.wait_for_function(
                "h => document.querySelector('.iranus-agenda.iranus-rtl')"
                " && document.querySelector('.iranus-agenda .iranus-chart svg')?.innerHTML.includes('إيران')"
                " && document.querySelector('.iranus-agenda table th')?.textContent === h",
                arg=said_on,
                timeout=20_000,
            )
            direction = "e => getComputedStyle(e).direction"
            assert agenda.locator("table th").first.evaluate(direction) == "rtl"
            assert agenda.locator("select").first.evaluate(direction) == "rtl"
            assert agenda.locator(".iranus-chart").evaluate(direction) == "ltr"
            agenda.screenshot(path=str(ARTIFACTS / "lab_agenda_arabic.png"))
        except Exception:
            page.screenshot(path=str(ARTIFACTS / "lab_failure.png"))
            raise
        finally:
            browser.close()

    assert attempted == [], f"the page tried to leave 127.0.0.1 (a CDN?): {attempted[:10]}"
