"""Project-wide pytest hooks (the fixtures of the test suite are in ``tests/conftest.py``).

nbval collects the notebooks as test items; the ones a developer's quick loop
(``uv run pytest -m "not slow"``) leaves out are marked ``slow`` here, since a notebook cannot
carry a pytest marker itself.
"""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent

#: Folders whose notebooks are slow to run under nbval (a kernel each, minutes in all). The
#: exercises' masters are also run by ``tests/test_exercises_notebooks.py`` (marked slow).
SLOW_NOTEBOOK_FOLDERS = (ROOT / "exercises" / "master",)


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Mark every nbval item of a notebook in :data:`SLOW_NOTEBOOK_FOLDERS` as ``slow``."""
    for item in items:
        path = Path(str(item.path)).resolve()
        if path.suffix == ".ipynb" and any(folder in path.parents for folder in SLOW_NOTEBOOK_FOLDERS):
            item.add_marker(pytest.mark.slow)
