"""Rendering iranus charts, offline: static SVG for lessons, a live view for the explorers.

Two ways to show an altair chart, both with no network:

- :func:`svg` renders it to an SVG string with ``vl-convert`` (altair's ``"svg"`` renderer, which
  :func:`use_offline_renderer` enables for every chart a lesson displays). The SVG is stored in
  the notebook, so a lesson reads well unexecuted (JupyterLab, GitHub, a static HTML book), and
  it is byte-identical from run to run, which lets nbval compare it.
- :class:`ChartView` is the explorers' chart: an ipywidget (anywidget) that Vega draws in the
  browser, as SVG, from a Vega spec compiled in Python. Moving a control sends only the new
  data; the Vega spec is compiled once per chart layout (:func:`vega_payload`) and the browser's
  own text measurement draws it in a few milliseconds, where ``vl-convert`` measures every
  label through its font engine (about 100-300 ms for the agenda's grid). The Vega library
  ships with the package (``charts/vega/chart_view.bundle.js``, built by vl-convert from
  ``chart_view.js`` with ``tools/build_vega_bundle.py``); nothing is fetched.

Both paths go through one compiled Vega spec, so :attr:`ChartView.svg` (the server-side SVG of
what the view shows, for tests and text exports) is byte-identical to :func:`svg` of the chart.
"""

from __future__ import annotations

import copy
import functools
import hashlib
import json
import re
from pathlib import Path
from typing import Any

import altair as alt
import anywidget
import traitlets
import vl_convert as vlc

RENDERER = "svg"

#: vl-convert's name for the Vega-Lite version altair writes (``"6.4.1"`` -> ``"v6_4"``).
VL_VERSION = "v" + "_".join(alt.SCHEMA_VERSION.lstrip("v").split(".")[:2])

_BUNDLE = Path(__file__).with_name("vega") / "chart_view.bundle.js"
_DATASET_NAME = re.compile(r"^data-[0-9a-f]{32}$")


def use_offline_renderer() -> None:
    """Make altair render charts as static SVG, offline (called once when iranus.charts is imported)."""
    alt.renderers.enable(RENDERER)
    alt.data_transformers.disable_max_rows()


def chart_dict(chart: alt.TopLevelMixin, validate: bool = False) -> dict[str, Any]:
    """The Vega-Lite spec of an altair chart, as a dict.

    Args:
        chart: any altair top-level chart.
        validate: check the spec against the Vega-Lite schema (altair's ``to_dict`` default).
            Off by default: validation costs about as much as building the chart and the
            explorers redraw on every control move; the tests validate every explorer chart.

    Returns:
        The spec, with the chart's data in its top-level ``datasets`` (altair's ``data-<md5>``
        names).
    """
    return chart.to_dict(validate=validate)


#: Signals that carry the top-level title's text and subtitle (see :func:`_split`).
TITLE_SIGNALS = {"text": "iranus_title", "subtitle": "iranus_subtitle"}


def _split(vl_spec: dict[str, Any]) -> tuple[str, dict[str, list], dict[str, Any]]:
    """Split a Vega-Lite spec into a layout (JSON) and what changes when a control moves.

    Altair names a dataset after the hash of its content; the layout names them ``iranus_0``,
    ``iranus_1`` ... in order of appearance, with no rows. The top-level title's text and
    subtitle (a subtitle often states the data's date or a slider's value) are taken out too and
    become Vega signals (:data:`TITLE_SIGNALS`). So two charts that differ only by their data
    and title share one layout, one compiled Vega spec, and the browser only swaps the data.

    Returns:
        (layout JSON, {dataset name: rows}, {signal name: value}).
    """
    datasets = vl_spec.get("datasets") or {}
    names = {name: f"iranus_{k}" for k, name in enumerate(datasets)}
    layout = {k: v for k, v in vl_spec.items() if k != "datasets"}
    layout["datasets"] = {names[name]: [] for name in datasets}
    signals: dict[str, Any] = {}
    title = layout.get("title")
    if isinstance(title, (str, list)):
        title = {"text": title}
    if isinstance(title, dict):
        title = dict(title)
        for part, signal in TITLE_SIGNALS.items():
            if isinstance(title.get(part), (str, list)):
                signals[signal] = title[part]
                title[part] = signal  # a placeholder, replaced by the signal after compiling
        layout["title"] = title
    text = json.dumps(layout, sort_keys=True, default=str)
    for name, new in names.items():
        if _DATASET_NAME.match(name):
            text = text.replace(f'"{name}"', f'"{new}"')
    values = {names[name]: rows for name, rows in datasets.items()}
    return text, values, signals


@functools.lru_cache(maxsize=64)
def _compiled(layout_json: str) -> tuple[str, dict[str, Any]]:
    """The Vega spec of a Vega-Lite layout, compiled once by vl-convert: its key and the spec
    (shared by every payload of this layout: never modified). Title placeholders become
    references to the title signals."""
    vega = vlc.vegalite_to_vega(json.loads(layout_json), vl_version=VL_VERSION)
    title = vega.get("title")
    if isinstance(title, dict):
        used = [s for part, s in TITLE_SIGNALS.items() if title.get(part) == s]
        for part, signal in TITLE_SIGNALS.items():
            if title.get(part) == signal:
                title[part] = {"signal": signal}
        vega["signals"] = [{"name": s, "value": None} for s in used] + list(vega.get("signals", []))
    return hashlib.sha256(json.dumps(vega, sort_keys=True).encode()).hexdigest()[:16], vega


def vega_payload(chart: alt.TopLevelMixin | dict[str, Any]) -> dict[str, Any]:
    """What :class:`ChartView` sends to the browser: a compiled Vega spec and its data.

    Args:
        chart: an altair chart, or its Vega-Lite dict (:func:`chart_dict`).

    Returns:
        ``{"key": str, "spec": dict, "values": {dataset name: list of row dicts}, "signals":
        {signal name: value}}``: ``spec`` is the Vega spec with its inline datasets empty and its
        title read from signals (compiled once per layout and cached, 64 layouts), ``values`` the
        rows to put in the datasets, ``signals`` the title's text and subtitle, ``key`` a 16-hex
        digest of the layout (the browser swaps only data and title while the key stays the same).
    """
    vl_spec = chart if isinstance(chart, dict) else chart_dict(chart)
    layout, values, signals = _split(vl_spec)
    key, spec = _compiled(layout)
    return {"key": key, "spec": spec, "values": values, "signals": signals}


def vega_spec(payload: dict[str, Any]) -> dict[str, Any]:
    """The full Vega spec of a :func:`vega_payload`: datasets filled with their rows, title signals
    with their values."""
    spec = copy.copy(payload["spec"])
    values, signals = payload.get("values", {}), payload.get("signals", {})
    spec["data"] = [dict(d, values=values[d["name"]]) if d.get("name") in values else d for d in spec.get("data", [])]
    if "signals" in spec:
        spec["signals"] = [dict(s, value=signals[s["name"]]) if s.get("name") in signals else s for s in spec["signals"]]
    return spec


@functools.lru_cache(maxsize=128)
def _svg_of_vega(vega_json: str) -> str:
    return vlc.vega_to_svg(json.loads(vega_json))


def svg_of_payload(payload: dict[str, Any]) -> str:
    """Render a :func:`vega_payload` to SVG with vl-convert (cached: 128 most recent)."""
    if not payload:
        return ""
    return _svg_of_vega(json.dumps(vega_spec(payload), sort_keys=True, default=str))


def svg(chart: alt.TopLevelMixin) -> str:
    """Render an altair chart to an SVG string, offline, with vl-convert.

    The spec is validated by altair (``to_dict``), compiled to Vega once per layout and rendered
    by ``vl_convert.vega_to_svg``: the same SVG as altair's ``"svg"`` renderer
    (``vl_convert.vegalite_to_svg``), byte for byte. Renders are cached (128 most recent), so
    the same chart always gives the same SVG text.

    Raises:
        jsonschema.ValidationError: the chart's spec is not valid Vega-Lite.
    """
    return svg_of_payload(vega_payload(chart_dict(chart, validate=True)))


class ChartView(anywidget.AnyWidget):
    """An explorer's chart, drawn by Vega in the browser (offline, vendored Vega).

    Use :meth:`show` with an altair chart after each control change and :meth:`clear` when
    there is nothing to draw. In the browser the chart is an ``<svg>`` inside an element of
    class ``iranus-chart`` with ``dir="ltr"`` (Vega lays charts out left to right; Arabic labels
    inside are still shaped right to left) and ``lang`` set to the chart's language.

    Attributes:
        payload (dict): the :func:`vega_payload` shown (``{}`` when cleared); synced to the browser.
        lang (str): ``"en"`` or ``"ar"``; synced to the browser.
        svg (str): the same chart rendered on the server with vl-convert (computed on demand,
            cached); ``""`` when cleared. For tests, text exports and stored outputs.
    """

    _esm = _BUNDLE
    payload = traitlets.Dict().tag(sync=True)
    lang = traitlets.Unicode("en").tag(sync=True)

    def show(self, chart: alt.TopLevelMixin | dict[str, Any], lang: str = "en") -> None:
        """Draw ``chart`` (an altair chart or its Vega-Lite dict) in ``lang``."""
        payload = vega_payload(chart)
        with self.hold_sync():
            self.lang = lang
            self.payload = payload

    def clear(self) -> None:
        """Show no chart."""
        self.payload = {}

    @property
    def svg(self) -> str:
        return svg_of_payload(self.payload)

    @property
    def vega(self) -> dict[str, Any]:
        """The full Vega spec shown (data included); ``{}`` when cleared."""
        return vega_spec(self.payload) if self.payload else {}

    def __repr__(self) -> str:
        return "[chart: interactive; run this notebook in JupyterLab to draw it]"


__all__ = [
    "ChartView",
    "RENDERER",
    "VL_VERSION",
    "chart_dict",
    "svg",
    "svg_of_payload",
    "use_offline_renderer",
    "vega_payload",
    "vega_spec",
]
