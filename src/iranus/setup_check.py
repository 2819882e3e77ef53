"""Checking a learner's set-up from the first lesson."""

from __future__ import annotations

import sys

import pandas as pd


class SetupReport(pd.DataFrame):
    """The checks of :func:`check_setup`: a DataFrame that a notebook shows through
    :func:`iranus.display.table` ("yes"/"no", no index), not as pandas prints it."""

    @property
    def _constructor(self):
        return pd.DataFrame  # a frame derived from the report is a plain frame

    def _shown(self):
        from .display import table

        return table(pd.DataFrame(self))

    def _repr_html_(self) -> str:
        return self._shown()._repr_html_()

    def __repr__(self) -> str:
        return repr(self._shown())


def check_setup() -> pd.DataFrame:
    """Check that the course can run here: Python, the data, charts offline, widgets.

    Returns:
        DataFrame (a :class:`SetupReport`, shown as a readable table: "yes"/"no") with columns
        ``check`` (string), ``ok`` (bool) and ``detail`` (string), one row per check. Details carry no version numbers or paths, so the table reads the same on every
        machine where everything works.

    Never raises: a failing check is a row with ``ok`` False and a hint in ``detail``.
    """
    rows = []

    def add(name: str, ok: bool, detail: str) -> None:
        rows.append({"check": name, "ok": ok, "detail": detail})

    add("Python 3.11 or newer", sys.version_info >= (3, 11), "ok" if sys.version_info >= (3, 11) else "install Python 3.11+")
    try:
        from .datasets.validation import validate_package

        problems = validate_package()
        add("course data valid", not problems, "ok" if not problems else f"{len(problems)} problem(s): run `iranus validate`")
    except Exception as exc:  # noqa: BLE001 - report, never raise
        add("course data valid", False, f"cannot read the data: {exc}")
    try:
        import altair as alt

        from . import charts  # noqa: F401 - enables the offline renderer

        spec = alt.Chart(pd.DataFrame({"x": [1]})).mark_point().encode(x="x:Q").to_dict()
        svg = alt.renderers.get()(spec)["image/svg+xml"]
        add("charts render offline (SVG)", svg.startswith("<svg"), "ok")
    except Exception as exc:  # noqa: BLE001
        add("charts render offline (SVG)", False, f"{type(exc).__name__}: reinstall with `uv sync`")
    try:
        import ipywidgets  # noqa: F401

        add("interactive widgets available", True, "ok")
    except Exception:  # noqa: BLE001
        add("interactive widgets available", False, "ipywidgets is missing: run `uv sync`")
    return SetupReport(pd.DataFrame(rows).astype({"check": "string", "ok": "bool", "detail": "string"}))


__all__ = [
    "check_setup",
]
