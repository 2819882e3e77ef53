"""Re-execute lessons (and exercise solutions) in place so that their stored outputs match the data.

Run after changing the data or the package:

    uv run python tools/refresh_notebooks.py                 # every notebook under notebooks/
    uv run python tools/refresh_notebooks.py notebooks/04_leverage_and_pressure.ipynb

Executes each notebook top to bottom in a fresh kernel (nbclient), from the notebook's own
folder, without storing widget state (it would add ~100 KB of model state per widget and is
not needed to read the lesson), and writes it back only if every cell ran without error.

Widget outputs keep only their text fallback: with no stored state, a stored widget *view* can
never be drawn, and a trusted notebook (``iranus lab`` trusts the lessons so that their stored
charts show) would display "Error displaying widget: model not found" in its place, where an
untrusted one shows the text. ``--strip-only`` applies just that step to stored outputs, without
running anything.
"""

from __future__ import annotations

import sys
from pathlib import Path

import nbformat
from nbclient import NotebookClient
from nbclient.exceptions import CellExecutionError

ROOT = Path(__file__).resolve().parents[1]
WIDGET_VIEW = "application/vnd.jupyter.widget-view+json"


def strip_widget_views(nb) -> int:
    """Drop stored widget views that have a text fallback; returns how many were dropped."""
    dropped = 0
    for cell in nb.cells:
        for out in cell.get("outputs", []):
            data = out.get("data", {})
            if WIDGET_VIEW in data and "text/plain" in data:
                del data[WIDGET_VIEW]
                dropped += 1
    return dropped


def refresh(path: Path, timeout: int = 300) -> None:
    nb = nbformat.read(path, as_version=4)
    nb.metadata.pop("widgets", None)
    client = NotebookClient(
        nb,
        timeout=timeout,
        kernel_name="python3",
        resources={"metadata": {"path": str(path.parent)}},
        store_widget_state=False,
    )
    client.execute()
    nb.metadata.pop("widgets", None)
    strip_widget_views(nb)
    nbformat.write(nb, path)


def main(argv: list[str]) -> int:
    strip_only = "--strip-only" in argv
    argv = [a for a in argv if a != "--strip-only"]
    paths = [Path(p) for p in argv] or sorted((ROOT / "notebooks").glob("[0-9][0-9]_*.ipynb"))
    failed = 0
    for path in paths:
        if strip_only:
            nb = nbformat.read(path, as_version=4)
            if strip_widget_views(nb):
                nbformat.write(nb, path)
            print(f"stripped {path}")
            continue
        try:
            refresh(path)
            print(f"ok      {path}")
        except CellExecutionError as exc:
            failed += 1
            print(f"FAILED  {path}: {str(exc).splitlines()[0] if str(exc) else exc}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
