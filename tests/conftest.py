"""Shared fixtures of the iranus test suite."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

import iranus

ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT.parent / "shared" / "seeds" / "000_f677c086ca75c9d2.txt"


@pytest.fixture
def data_copy(tmp_path: Path) -> Path:
    """A writable copy of the bundled data package (for tests that break a file on purpose)."""
    dest = tmp_path / "data"
    shutil.copytree(iranus.default_data_dir(), dest)
    return dest


@pytest.fixture(scope="session")
def seed_lines() -> list[str]:
    """The seed article's non-empty lines (P01..P35), when shared/ is beside the checkout."""
    if not SEED.is_file():
        pytest.skip(f"the seed article is not at {SEED} (shared/ is not beside this checkout)")
    return [line.strip() for line in SEED.read_text(encoding="utf-8").splitlines() if line.strip()]
