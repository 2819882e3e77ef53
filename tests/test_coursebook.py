"""The course book's generated pages (docs/coursebook.py): lesson map and dataset pages hold real content."""

from __future__ import annotations

import importlib.util
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
_spec = importlib.util.spec_from_file_location("coursebook", ROOT / "docs" / "coursebook.py")
coursebook = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(coursebook)


def test_lesson_map_comes_from_lesson_00_and_links_every_lesson():
    lessons = sorted((ROOT / "notebooks").glob("[0-9][0-9]_*.ipynb"))
    page = coursebook.lesson_map(lessons)
    assert "| 04 | [Leverage and pressure](notebooks/04_leverage_and_pressure.ipynb) |" in page
    assert "| 00 | [Start here](notebooks/00_start_here.ipynb) | How does the course work? | 15 |" in page
    assert page.count("](notebooks/") == len(lessons) == 8


def test_dataset_page_has_columns_units_and_sources():
    page = coursebook.dataset_page("quantities")
    assert page.startswith("# Quantities (`quantities`)")
    assert "| `estimate_kind` | string |  | verified, estimate, official_claim, reported | yes |" in page
    assert "*kg of uranium*" in page and "*rials per US dollar*" in page
    assert "| `ap_2022_11_iaea_stockpile` |" in page  # a source the IAEA stockpile rows cite
    assert "record ends 2026-07-01" in page


def test_write_all_mirrors_the_repository_layout(tmp_path):
    written = coursebook.write_all(tmp_path / "course")
    names = {p.relative_to(tmp_path / "course").as_posix() for p in written}
    assert {"notebooks/00_start_here.ipynb", "data/CODEBOOK.md", "exercises/README.md", "lessons.md",
            "datasets/index.md", "datasets/claims.md"} <= names
    assert "datasets/sources.md" in names
    assert "## Sources cited" not in (tmp_path / "course" / "datasets" / "sources.md").read_text(encoding="utf-8")
