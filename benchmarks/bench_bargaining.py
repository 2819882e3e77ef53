"""Time the negotiation analytics: the full search over every package, and one slider update.

What the "deal prospects" lesson calls, timed on the course's deal space (10 issues, 124,416
packages, three parties):

- loading the codings (``iranus.course().deal_space()``: validation with frictionless, then reading);
- the full search, from a fresh deal space each time (no cached scores): every package scored
  for every party, the zone of possible agreement, the Pareto frontier and the Nash solution,
  without and with Israel's constraint on the US side;
- one sensitivity update, i.e. what a slider calls: a changed BATNA, and a changed score, on a
  space the widget keeps (its package scores computed once and cached), and on a new space;
- scoring one package (the deal builder).

Each figure is the median of ``--repeat`` runs (after one warm-up run), in milliseconds. A
slider update must stay well under 100 ms. Run with:

    uv run python benchmarks/bench_bargaining.py [--repeat 20]
"""

from __future__ import annotations

import iranus

import argparse
import platform
import statistics
import time

from iranus.models import bargaining as bg

ISRAEL = {"us": ["israel"]}


def median_ms(func, repeat: int) -> float:
    """Median wall time of ``func()`` in milliseconds over ``repeat`` runs, after one warm-up."""
    func()
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        func()
        times.append((time.perf_counter() - start) * 1000.0)
    return statistics.median(times)


def fresh(space: bg.DealSpace) -> bg.DealSpace:
    """A copy of the space with an empty cache (so that the full search rescores every package)."""
    return space.with_batna("us", space.batnas["us"])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--repeat", type=int, default=20)
    args = parser.parse_args()

    start = time.perf_counter()
    space = iranus.course().deal_space()
    cold_load = (time.perf_counter() - start) * 1000.0
    package = space.package(int(bg.nash_bargaining_solution(space)["package_id"]))

    def full_search(constraints):
        s = fresh(space)
        bg.zone_of_possible_agreement(s, constraints=constraints)
        bg.pareto_frontier(s, constraints=constraints)
        bg.nash_bargaining_solution(s, constraints=constraints)

    rows = [
        ("Course.deal_space, first call (validates and reads the tables)", cold_load),
        ("Course.deal_space, again (cached)", median_ms(lambda: iranus.course().deal_space(), args.repeat)),
        ("full search, US and Iran: zone + frontier + Nash", median_ms(lambda: full_search(None), args.repeat)),
        ("full search, with Israel's constraint", median_ms(lambda: full_search(ISRAEL), args.repeat)),
        (
            "slider update: Iran's BATNA (sensitivity, 1 value)",
            median_ms(lambda: bg.sensitivity(space, "iran", [40]), args.repeat),
        ),
        (
            "slider update: one US score (sensitivity, 1 value)",
            median_ms(
                lambda: bg.sensitivity(space, "us", [12], option_id="enrichment_pause_then_low_cap"), args.repeat
            ),
        ),
        (
            "slider update, with Israel's constraint",
            median_ms(lambda: bg.sensitivity(space, "iran", [40], constraints=ISRAEL), args.repeat),
        ),
        (
            "slider update on a new space (scores not cached yet)",
            median_ms(
                lambda: bg.sensitivity(fresh(space), "us", [12], option_id="enrichment_pause_then_low_cap"), args.repeat
            ),
        ),
        (
            "score_package (one package, three parties)",
            median_ms(lambda: bg.score_package(package, space), args.repeat),
        ),
    ]
    print(f"deal space: {len(space.issues)} issues, {space.n_packages:,} packages, parties {', '.join(space.parties)}")
    print(f"machine: Python {platform.python_version()}, {platform.machine()}; median of {args.repeat} runs")
    print(f"{'measurement':<55} {'ms':>9}")
    for label, ms in rows:
        print(f"{label:<55} {ms:>9.1f}")


if __name__ == "__main__":
    main()
