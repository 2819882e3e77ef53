"""Time each explorer's full update: a control moves -> new chart data -> the chart drawn.

For every explorer of :mod:`iranus.explorers`, on the bundled data, this alternates one control
between two values (as a learner moving it back and forth), ``--repeat`` times, and measures
each update in two places:

- **Python callback**: the whole callback the widget runs in the kernel when the control's value
  is set (the explorer's logic, its HTML panels, the altair chart, and the chart's payload:
  its Vega spec, compiled once per layout, and its data); ``chart -> payload`` is the part of it
  spent in :meth:`iranus.charts.render.ChartView.show`;
  its CPU time is shown too (on a machine shared with other jobs, wall time includes waiting);
- **JSON**: serialising the payload as the widget's comm message (size in KB);
- **browser draw**: the same payloads drawn by the explorers' own chart view
  (``charts/vega/chart_view.bundle.js``, Vega) in headless Chromium (``/usr/bin/chromium``,
  Playwright), from setting the payload to the SVG in the page;
- **full update** = Python callback + JSON + browser draw, per update (the localhost websocket
  between kernel and page, a few KB, is not included).

The page checks what it draws: the chart changes with the control (as many different SVGs as
different payloads), and the chart left on screen by the updates (data and title swapped into
the running view) is the same SVG as that payload drawn afresh.

For comparison, ``server SVG`` renders the same Vega specs with vl-convert (what every update cost
before the explorers drew their charts in the browser: it measures every label through its font
engine). Medians and 90th percentiles after two warm-up updates. Run with:

    uv run python benchmarks/bench_widgets.py [--repeat 20]
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import statistics
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import vl_convert as vlc

import iranus
from iranus.charts import render
from iranus.explorers import (
    agenda_ui as agenda,
    claims_ui as claims,
    deal_ui as deal,
    forecast_ui as forecast,
    timeline_ui as timeline,
)

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update"]


class Recorder:
    """Times one explorer's updates: the callback, the time in ChartView.show, the payloads."""

    def __init__(self, view: render.ChartView) -> None:
        self.view = view
        self.callback: list[float] = []
        self.callback_cpu: list[float] = []
        self.show: list[float] = []
        self.json_ms: list[float] = []
        self.json_kb: list[float] = []
        self.payloads: list[dict] = []
        self._in_show = 0.0
        original = view.show

        def timed_show(*args, **kwargs):
            t = time.perf_counter()
            original(*args, **kwargs)
            self._in_show += time.perf_counter() - t

        view.show = timed_show

    def run(self, update: Callable[[int], object], repeat: int) -> None:
        update(0)
        update(1)
        for k in range(repeat):
            self._in_show = 0.0
            t, cpu = time.perf_counter(), time.process_time()
            update(k)
            self.callback.append((time.perf_counter() - t) * 1000)
            self.callback_cpu.append((time.process_time() - cpu) * 1000)
            self.show.append(self._in_show * 1000)
            t = time.perf_counter()
            message = json.dumps({"payload": self.view.payload, "lang": self.view.lang})
            self.json_ms.append((time.perf_counter() - t) * 1000)
            self.json_kb.append(len(message.encode()) / 1024)
            self.payloads.append(self.view.payload)


def bench_agenda(repeat: int) -> Recorder:
    w = agenda.AgendaExplorer(as_of="2026-02-06")
    dates = [dt.date(2026, 2, 6), dt.date(2026, 1, 15)]
    rec = Recorder(w.chart)

    def update(k):
        w.date_picker.value = dates[k % 2]
        assert not w.message.value, w.message.value

    rec.run(update, repeat)
    return rec


def bench_timeline(repeat: int) -> Recorder:
    w = timeline.TimelineExplorer(as_of="2026-02-06")
    last = len(w.date_range.options) - 1
    ranges = [(0, last), (last - 24, last)]
    rec = Recorder(w.chart)

    def update(k):
        w.date_range.index = ranges[k % 2]
        assert not w.message.value, w.message.value

    rec.run(update, repeat)
    return rec


def bench_claims(repeat: int) -> Recorder:
    w = claims.ClaimSorterWidget(as_of="2026-02-06")
    s = w.sorter
    ids = s.claim_ids
    for cid in ids[:10]:  # a learner ten claims in
        s.set_label(cid, "fact", "named")
        s.feedback(cid)
    types = ["fact", "assessment"]
    rec = Recorder(w.chart)

    def update(k):
        w.claim_select.value = ids[0]
        w.type_buttons.value = types[k % 2]
        w.group_buttons.value = "named"
        w.check_button.click()
        assert not w.message.value, w.message.value

    rec.run(update, repeat)
    return rec


def bench_deal(repeat: int) -> Recorder:
    w = deal.DealBuilder()
    slider = w.batna_sliders["iran"]
    values = [slider.value, slider.value + 5]
    rec = Recorder(w.chart)

    def update(k):
        slider.value = values[k % 2]
        assert "iranus-error" not in w.message.value, w.message.value

    rec.run(update, repeat)
    return rec


def bench_forecast(repeat: int) -> Recorder:
    with tempfile.TemporaryDirectory() as tmp:
        w = forecast.ForecastBoard(as_of="2026-02-06", path=Path(tmp) / "f.json")
        first = w.scenario_ids[0]
        values = [w.sliders[first].value, w.sliders[first].value + 10]
        rec = Recorder(w.chart)

        def update(k):
            w.sliders[first].value = values[k % 2]

        rec.run(update, repeat)
        return rec


BENCHES = {
    "agenda explorer (date picker)": bench_agenda,
    "timeline explorer (date-range slider)": bench_timeline,
    "claim sorter (label + Check)": bench_claims,
    "deal builder (BATNA slider)": bench_deal,
    "forecast board (probability slider)": bench_forecast,
}

# The page side: import the explorers' chart module from a blob (as anywidget does), give it a
# minimal model, and time from a new payload to the drawn SVG.
PAGE_SETUP = """async (code) => {
  const url = URL.createObjectURL(new Blob([code], {type: "text/javascript"}));
  const mod = await import(url);
  window.iranusChart = mod.default;
}"""
PAGE_DRAW = """async (payloads) => {
  const norm = (svg) => svg.outerHTML.replace(/id="[^"]*"|url\([^)]*\)/g, "");  // ids are new per view
  document.body.replaceChildren();
  const el = document.createElement("div");
  document.body.appendChild(el);
  const state = {payload: payloads[0], lang: "en"}, handlers = {};
  const model = {
    get: (k) => state[k],
    on: (ev, cb) => { (handlers[ev] = handlers[ev] || []).push(cb); },
  };
  window.iranusChart.render({model, el});
  await el.iranusDrawn;
  const times = [], drawn = new Set();
  for (let k = 0; k < payloads.length; k++) {
    const t = performance.now();
    state.payload = payloads[k];
    handlers["change:payload"].forEach((cb) => cb());
    await el.iranusDrawn;
    const svg = el.querySelector("svg");
    if (!svg) throw new Error("no SVG drawn");
    times.push(performance.now() - t);
    drawn.add(norm(svg));
  }
  // the last chart, drawn afresh in a new view, must be the one the updates left on screen
  const last = norm(el.querySelector("svg"));
  const fresh = document.createElement("div");
  document.body.appendChild(fresh);
  const freshState = {payload: payloads[payloads.length - 1], lang: "en"};
  window.iranusChart.render({model: {get: (k) => freshState[k], on: () => {}}, el: fresh});
  await fresh.iranusDrawn;
  return {times, distinct: drawn.size, same_as_fresh: norm(fresh.querySelector("svg")) === last};
}"""


def browser_draws(recorders: dict[str, Recorder]) -> dict[str, list[float]]:
    """Milliseconds to draw each recorded payload in headless Chromium, per explorer."""
    from playwright.sync_api import sync_playwright

    code = render._BUNDLE.read_text(encoding="utf-8")
    out = {}
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS)
        try:
            page = browser.new_page()
            page.route("**/*", lambda route: route.abort())  # nothing from the network
            page.set_content("<!doctype html><html><body></body></html>")
            page.evaluate(PAGE_SETUP, code)
            for name, rec in recorders.items():
                # the last two payloads first (warm-up: the chart's layout is parsed once), then all
                result = page.evaluate(PAGE_DRAW, rec.payloads[-2:] + rec.payloads)
                distinct_payloads = len({json.dumps(p, sort_keys=True) for p in rec.payloads})
                # the control alternates between two states: the drawn chart must change with it
                assert result["distinct"] == distinct_payloads, (name, result["distinct"], distinct_payloads)
                assert result["same_as_fresh"], f"{name}: the updated chart differs from the same chart drawn afresh"
                out[name] = result["times"][2:]
        finally:
            browser.close()
    return out


def server_svg(rec: Recorder) -> list[float]:
    """Milliseconds to render each payload's Vega spec with vl-convert (the old way)."""
    out = []
    for payload in rec.payloads:
        spec = render.vega_spec(payload)
        t = time.perf_counter()
        vlc.vega_to_svg(spec)
        out.append((time.perf_counter() - t) * 1000)
    return out


def busy_factor() -> float:
    """Wall time over CPU time of a fixed pure-Python loop (median of 5): 1.0 on an idle machine,
    about 3 when other jobs take two thirds of the CPU this process could use."""
    ratios = []
    for _ in range(5):
        t, cpu = time.perf_counter(), time.process_time()
        x = 0
        for i in range(1_000_000):
            x += i
        ratios.append((time.perf_counter() - t) / max(time.process_time() - cpu, 1e-9))
    return statistics.median(ratios)


def summary(ms: list[float]) -> str:
    ms = sorted(ms)
    p90 = ms[min(len(ms) - 1, int(round(0.9 * (len(ms) - 1))))]
    return f"{statistics.median(ms):6.1f} / {p90:6.1f}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=20, help="updates per explorer (default 20)")
    parser.add_argument("--no-server-svg", action="store_true", help="skip the vl-convert comparison")
    args = parser.parse_args()
    now = dt.datetime.now(dt.timezone.utc)
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    print(f"iranus {iranus.__version__}, {now:%Y-%m-%d %H:%M} UTC, {os.cpu_count()} cores, load average {load:.1f}: "
          f"explorer updates on the bundled data, {args.repeat} updates each")
    print("milliseconds per update, median / 90th percentile\n")
    before = busy_factor()
    recorders = {name: bench(args.repeat) for name, bench in BENCHES.items()}
    draws = browser_draws(recorders) if CHROMIUM.exists() else {}
    after = busy_factor()
    cols = ["Python callback", "(its CPU time)", "chart -> payload", "JSON (KB)", "browser draw", "full update", "server SVG"]
    print(f"| {'explorer (control moved)':<38} | " + " | ".join(f"{c:>16}" for c in cols) + " |")
    print(f"|{'-' * 40}|" + "|".join("-" * 18 for _ in cols) + "|")
    for name, rec in recorders.items():
        draw = draws.get(name)
        full = [a + b + c for a, b, c in zip(rec.callback, rec.json_ms, draw)] if draw else None
        cells = [
            summary(rec.callback),
            summary(rec.callback_cpu),
            summary(rec.show),
            f"{statistics.median(rec.json_kb):16.1f}",
            summary(draw) if draw else "no chromium",
            summary(full) if full else "n/a",
            "skipped" if args.no_server_svg else summary(server_svg(rec)),
        ]
        print(f"| {name:<38} | " + " | ".join(f"{c:>16}" for c in cells) + " |")
    print("\nPython callback = the widget's whole callback in the kernel (logic, HTML panels, chart payload);")
    print("its CPU time = the same in CPU time of this process (wall time minus waiting for a busy machine);")
    print("browser draw = the explorers' Vega chart view drawing that payload in headless Chromium;")
    print("full update = callback + JSON + browser draw, per update (the localhost websocket not included);")
    print("server SVG = the same chart rendered by vl-convert instead (the old way, for comparison).")
    print(f"machine busy factor (wall / CPU time of a fixed loop; 1.0 = idle): {before:.1f} before, {after:.1f} after")


if __name__ == "__main__":
    main()
