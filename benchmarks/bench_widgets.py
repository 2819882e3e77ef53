"""Time each explorer's update: a control change -> new chart data -> rendered SVG.

For every explorer of :mod:`iranus.explorers`, on the bundled data, this alternates one control
between two values (as a learner moving it back and forth) and reports, per update:

- **data**: the plain-Python logic the control triggers (filtering, scoring, the chart's data
  table), without altair or rendering; the target is well under 100 ms;
- **chart spec**: building the altair chart object from that data;
- **SVG**: rendering the chart to SVG offline with vl-convert;
- **widget update**: the whole callback as the widget runs it (setting the control's value),
  which is data + chart + SVG + HTML for the detail panels, for a state not seen before;
- **revisit**: the same when the control goes back to a value seen before (the SVG of a chart
  is cached by its spec, so only data, spec and HTML are redone).

Medians and 90th percentiles over ``--repeat`` updates, after two warm-up updates. Run with:

    uv run python benchmarks/bench_widgets.py [--repeat 20]
"""

from __future__ import annotations

import argparse
import datetime as dt
import statistics
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import iranus
from iranus.explorers import _common as c
from iranus.explorers import (
    agenda_ui as agenda,
    claims_ui as claims,
    deal_ui as deal,
    forecast_ui as forecast,
    timeline_ui as timeline,
)


def uncached_svg(chart) -> str:
    """Render without the explorers' SVG cache (what a never-seen state costs)."""
    c._svg_of_spec.cache_clear()
    return c.svg(chart)


def fresh(widget: Callable[[int], object], k: int) -> object:
    """A widget update whose chart has not been rendered before (the SVG cache emptied)."""
    c._svg_of_spec.cache_clear()
    return widget(k)


def timed(fn: Callable[[int], object], repeat: int) -> list[float]:
    """Milliseconds of ``fn(k)`` for k = 0 .. repeat-1, after two warm-up calls."""
    fn(0)
    fn(1)
    out = []
    for k in range(repeat):
        t = time.perf_counter()
        fn(k)
        out.append((time.perf_counter() - t) * 1000)
    return out


def summary(ms: list[float]) -> str:
    ms = sorted(ms)
    p90 = ms[min(len(ms) - 1, int(round(0.9 * (len(ms) - 1))))]
    return f"{statistics.median(ms):7.1f} / {p90:7.1f}"


def bench_agenda(repeat: int) -> dict[str, list[float]]:
    w = agenda.AgendaExplorer(as_of="2026-02-06")
    dates = [dt.date(2026, 2, 6), dt.date(2026, 1, 15)]
    actors, issues = list(w.actor_select.value), list(w.issue_select.value)

    def data(k):
        m = agenda.agenda_matrix(w.positions, dates[k % 2], actors, issues)
        a, i = m.iloc[0]["actor_id"], m.iloc[0]["issue_id"]
        return m, agenda.cell_statements(w.positions, w.sources, a, i, dates[k % 2])

    labels_a = c.label_map(w.actors, "actors", "en")
    labels_i = c.label_map(w.issues, "issues", "en")
    m = data(0)[0]
    chart = agenda.agenda_chart(m, labels_a, labels_i, w._actor_order, w._issue_order, dates[0])

    def widget(k):
        w.date_picker.value = dates[k % 2]
        assert not w.message.value, w.message.value

    return {
        "data": timed(data, repeat),
        "chart spec": timed(lambda k: agenda.agenda_chart(m, labels_a, labels_i, w._actor_order, w._issue_order, dates[0]), repeat),
        "SVG": timed(lambda k: uncached_svg(chart), repeat),
        "widget update": timed(lambda k: fresh(widget, k), repeat),
        "revisit": timed(widget, repeat),
    }


def bench_timeline(repeat: int) -> dict[str, list[float]]:
    w = timeline.TimelineExplorer(as_of="2026-02-06")
    last = len(w.date_range.options) - 1
    ranges = [(0, last), (last - 24, last)]
    cats = list(w.category_select.value)

    def data(k):
        lo, hi = ranges[k % 2]
        return timeline.filter_events(w.events, w.event_actors, w._months[lo], timeline.month_end(w._months[hi]), cats, None, w.as_of_cap)

    f = data(0)
    chart = timeline.explorer_chart(f)

    def widget(k):
        w.date_range.index = ranges[k % 2]
        assert not w.message.value, w.message.value

    return {
        "data": timed(data, repeat),
        "chart spec": timed(lambda k: timeline.explorer_chart(f), repeat),
        "SVG": timed(lambda k: uncached_svg(chart), repeat),
        "widget update": timed(lambda k: fresh(widget, k), repeat),
        "revisit": timed(widget, repeat),
    }


def bench_claims(repeat: int) -> dict[str, list[float]]:
    w = claims.ClaimSorterWidget(as_of="2026-02-06")
    s = w.sorter
    ids = s.claim_ids
    for cid in ids[:10]:  # a learner ten claims in
        s.set_label(cid, "fact", "named")
        s.feedback(cid)
    types = ["fact", "assessment"]

    def data(k):
        s.set_label(ids[0], types[k % 2], "named")
        s.feedback(ids[0])
        return claims.sorter_chart_data(s.results())

    chart = claims.sorter_chart(s.results())

    def widget(k):
        w.claim_select.value = ids[0]
        w.type_buttons.value = types[k % 2]
        w.group_buttons.value = "named"
        w.check_button.click()
        assert not w.message.value, w.message.value

    return {
        "data": timed(data, repeat),
        "chart spec": timed(lambda k: claims.sorter_chart(s.results()), repeat),
        "SVG": timed(lambda k: uncached_svg(chart), repeat),
        "widget update": timed(lambda k: fresh(widget, k), repeat),
        "revisit": timed(widget, repeat),
    }


def bench_deal(repeat: int) -> dict[str, list[float]]:
    w = deal.DealBuilder()
    base = w.base_space
    values = [base.batnas["iran"], base.batnas["iran"] + 5]
    package = w.package()

    def data(k):
        space = base.with_batna("iran", values[k % 2])
        ev = deal.evaluate_package(space, package)
        return ev, deal.deal_chart_data(space, ev)

    ev = deal.evaluate_package(base, package)
    labels = c.label_map(w.actors, "actors", "en")
    chart = deal.deal_chart(base, ev, labels)

    def widget(k):
        w.batna_sliders["iran"].value = values[k % 2]
        assert not w.message.value, w.message.value

    return {
        "data": timed(data, repeat),
        "chart spec": timed(lambda k: deal.deal_chart(base, ev, labels), repeat),
        "SVG": timed(lambda k: uncached_svg(chart), repeat),
        "widget update": timed(lambda k: fresh(widget, k), repeat),
        "revisit": timed(widget, repeat),
        "_packages": [float(base.n_packages)],
    }


def bench_forecast(repeat: int) -> dict[str, list[float]]:
    with tempfile.TemporaryDirectory() as tmp:
        w = forecast.ForecastBoard(as_of="2026-02-06", path=Path(tmp) / "f.json")
        first = w.scenario_ids[0]
        values = [w.sliders[first].value, w.sliders[first].value + 10]

        def data(k):
            pct = dict(w.percentages(), **{first: values[k % 2]})
            return forecast.forecast_table(pct, w.scenarios, "en")

        table = data(0)
        chart = forecast.forecast_chart(table)

        def widget(k):
            w.sliders[first].value = values[k % 2]

        return {
            "data": timed(data, repeat),
            "chart spec": timed(lambda k: forecast.forecast_chart(table), repeat),
            "SVG": timed(lambda k: uncached_svg(chart), repeat),
            "widget update": timed(lambda k: fresh(widget, k), repeat),
        "revisit": timed(widget, repeat),
        }


BENCHES = {
    "agenda explorer (date picker)": bench_agenda,
    "timeline explorer (date-range slider)": bench_timeline,
    "claim sorter (label + Check)": bench_claims,
    "deal builder (BATNA slider)": bench_deal,
    "forecast board (probability slider)": bench_forecast,
}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=20, help="updates per measurement (default 20)")
    args = parser.parse_args()
    print(f"iranus {iranus.__version__}: explorer updates on the bundled data, {args.repeat} updates each")
    print("milliseconds per update, median / 90th percentile\n")
    cols = ["data", "chart spec", "SVG", "widget update", "revisit"]
    print(f"| {'explorer (control moved)':<40} | " + " | ".join(f"{c:>17}" for c in cols) + " |")
    print(f"|{'-' * 42}|" + "|".join("-" * 19 for _ in cols) + "|")
    note = ""
    for name, bench in BENCHES.items():
        res = bench(args.repeat)
        print(f"| {name:<40} | " + " | ".join(f"{summary(res[c]):>17}" for c in cols) + " |")
        if "_packages" in res:
            note = f"(the deal space has {int(res['_packages'][0]):,} packages, all scored on each update)"
    print(f"\n{note}")
    print("data = the logic (target: well under 100 ms); SVG = vl-convert render of a new chart;")
    print("widget update = the whole callback for a new state (data + chart + SVG + HTML panels);")
    print("revisit = the same callback when the control returns to a value seen before (SVG cached).")


if __name__ == "__main__":
    main()
