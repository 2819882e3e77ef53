"""The static course book: built offline with the README's command, read in Chromium with the network cut.

Builds the book (``sphinx-build -b html docs <tmp>``: Sphinx + myst-nb + sphinx-book-theme, the
lessons' stored outputs, nothing executed), serves it on 127.0.0.1 with Python's ``http.server``,
and opens, with every request not to 127.0.0.1 blocked and recorded:

- the lesson map: one link per lesson, in order;
- lesson 01: its stored SVG charts are drawn, and its timeline explorer shows its text fallback
  (not an empty widget placeholder);
- lesson 00: the Arabic names of the actors run right to left, the English ones left to right;
- the search page: searching "Muscat" finds lessons.

Zero requests may leave 127.0.0.1. Needs the ``docs`` dependency group (``.ci/run`` installs it);
without Sphinx it is skipped with that reason.
"""

from __future__ import annotations

import re
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from test_lab import ARTIFACTS, CHROMIUM, CHROMIUM_ARGS, _free_port, block_non_local, sync_api

pytest.importorskip("myst_nb", reason="the docs group is not installed: uv sync --group docs")
pytestmark = pytest.mark.slow
ROOT = Path(__file__).resolve().parents[2]
LESSONS = sorted(p.stem for p in (ROOT / "notebooks").glob("[0-9][0-9]_*.ipynb"))


@pytest.fixture(scope="module")
def book(tmp_path_factory):
    """The built book, served on 127.0.0.1; yields its base URL."""
    out = tmp_path_factory.mktemp("book") / "html"
    build = subprocess.run(
        [sys.executable, "-m", "sphinx", "-q", "-b", "html", str(ROOT / "docs"), str(out)],
        capture_output=True, text=True, cwd=ROOT,
    )
    assert build.returncode == 0, f"sphinx-build failed:\n{build.stderr[-3000:]}"
    assert (out / "index.html").is_file()
    port = _free_port()
    server = subprocess.Popen(
        [sys.executable, "-m", "http.server", str(port), "--bind", "127.0.0.1", "--directory", str(out)],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(100):
            try:
                urllib.request.urlopen(f"{base}/index.html", timeout=2).close()
                break
            except OSError:
                time.sleep(0.1)
        yield base
    finally:
        server.terminate()
        server.wait(timeout=10)


def test_book_reads_offline_with_charts_arabic_and_search(book):
    ARTIFACTS.mkdir(exist_ok=True)

    with sync_api.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS)
        page = browser.new_page(viewport={"width": 1300, "height": 1000})
        attempted = block_non_local(page)
        try:
            # the lesson map links every lesson, in order
            page.goto(f"{book}/course/lessons.html", wait_until="load")
            hrefs = page.locator("article table a").evaluate_all("as => as.map(a => a.getAttribute('href'))")
            assert [h.removesuffix(".html").removeprefix("notebooks/") for h in hrefs] == LESSONS
            assert page.locator("nav.bd-links a", has_text="The lesson map").count() >= 1, "no navigation sidebar"
            page.screenshot(path=str(ARTIFACTS / "book_lessons.png"))

            # lesson 01: stored charts drawn (SVG as images), explorer's text fallback shown
            page.goto(f"{book}/course/notebooks/01_muscat_in_context.html", wait_until="load")
            charts = page.locator(".cell_output img")
            assert charts.count() >= 3, f"{charts.count()} charts in lesson 01"
            drawn = charts.evaluate_all("imgs => imgs.filter(i => i.complete && i.naturalWidth > 100).length")
            assert drawn == charts.count(), f"only {drawn} of {charts.count()} charts were drawn"
            body = page.locator("article").inner_text()
            assert "[Timeline explorer: interactive; run this notebook in JupyterLab to use it]" in body
            assert "alt.LayerChart(" not in body
            page.screenshot(path=str(ARTIFACTS / "book_lesson01.png"), full_page=False)

            # lesson 00: Arabic cells right to left, English left to right
            page.goto(f"{book}/course/notebooks/00_start_here.html", wait_until="load")
            arabic = page.locator("article td", has_text=re.compile("[\u0600-\u06ff]"))
            assert arabic.count() >= 4, "no Arabic table cells in lesson 00"
            directions = arabic.evaluate_all("cells => cells.map(c => getComputedStyle(c).direction)")
            assert set(directions) == {"rtl"}, directions
            english = page.locator("article td", has_text=re.compile("^Oman$"))
            assert english.first.evaluate("c => getComputedStyle(c).direction") == "ltr"
            arabic.first.screenshot(path=str(ARTIFACTS / "book_arabic_cell.png"))

            # search works offline
            page.goto(f"{book}/search.html?q=Muscat", wait_until="load")
            page.wait_for_selector("#search-results li a", timeout=30_000)
            found = page.locator("#search-results li a").evaluate_all("as => as.map(a => a.getAttribute('href'))")
            assert any("notebooks/01_muscat_in_context" in h for h in found), found[:10]
        except Exception:
            page.screenshot(path=str(ARTIFACTS / "book_failure.png"))
            raise
        finally:
            browser.close()
    assert attempted == [], f"the book tried to leave 127.0.0.1: {attempted[:10]}"
