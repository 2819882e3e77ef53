"""Time `import iranus` and loading every dataset through the course context against a bare
`import pandas, altair` (issue 9's target: at most 1.5x).

Each measurement runs in a fresh Python process (imports are cached within a process), several
times; the median is reported. It measures a warm install, as a learner's machine has after the
first run: a fresh install (or a machine that sets ``PYTHONDONTWRITEBYTECODE=1``) has no ``.pyc``
files, and then every process compiles pandas and altair again (about twice as slow). So each
snippet first runs once in a child process without ``PYTHONDONTWRITEBYTECODE`` (which writes the
bytecode), and the timed children run without it too. The output says whether the bytecode was
there before that warm-up, the UTC time and the load average. Run with:

    uv run python benchmarks/bench_import.py [--repeat 5]
"""

from __future__ import annotations

import argparse
import datetime
import importlib.util
import os
import statistics
import subprocess
import sys
import time

SNIPPETS = {
    "bare: import pandas, altair": "import pandas, altair",
    "import iranus": "import iranus",
    "import iranus.charts": "import iranus.charts",
    "import iranus + load every dataset via course() (cold)": (
        "import iranus\nc = iranus.course(as_of=None)\nfor n in iranus.list_datasets()['name']: c.load(n)"
    ),
    "same, first run ever (IRANUS_NO_CACHE=1: every table read and checked)": (
        "import os\nos.environ['IRANUS_NO_CACHE'] = '1'\nimport iranus\nc = iranus.course(as_of=None)\n"
        "for n in iranus.list_datasets()['name']: c.load(n)"
    ),
}

WARM = (
    "import time, iranus\nnames = list(iranus.list_datasets()['name'])\nc = iranus.course(as_of=None)\n"
    "for n in names: c.load(n)\n"
    "t = time.perf_counter()\nfor n in names: c.load(n)\n"
    "print(time.perf_counter() - t)"
)


def _load() -> float:
    """The 1-minute load average (nan where the system has none)."""
    return os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")


#: The environment of every child: this one without PYTHONDONTWRITEBYTECODE, so that the warm-up
#: writes the bytecode and the timed runs read it (as on a learner's machine after the first run).
CHILD_ENV = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}


def bytecode_share(package: str) -> tuple[int, int]:
    """(modules with a current-interpreter ``.pyc`` beside them, modules) of an installed package.

    Found without importing the package (``importlib.util.find_spec``); ``(0, 0)`` when it is not installed.
    """
    spec = importlib.util.find_spec(package)
    if spec is None or not spec.submodule_search_locations:
        return 0, 0
    have = total = 0
    for folder in spec.submodule_search_locations:
        for root, _dirs, files in os.walk(folder):
            for name in files:
                if name.endswith(".py"):
                    total += 1
                    have += os.path.exists(importlib.util.cache_from_source(os.path.join(root, name)))
    return have, total


def run(code: str) -> float:
    start = time.perf_counter()
    subprocess.run([sys.executable, "-c", code], check=True, env=CHILD_ENV, stdout=subprocess.DEVNULL)
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    load_before = _load()
    started = datetime.datetime.now(datetime.timezone.utc)
    before = {p: bytecode_share(p) for p in ("pandas", "altair", "iranus")}
    for code in [*SNIPPETS.values(), WARM]:  # the warm-up: writes the bytecode, warms the file-system cache
        run(code)
    after = {p: bytecode_share(p) for p in before}
    results = {}
    for label, code in SNIPPETS.items():
        results[label] = statistics.median(run(code) for _ in range(args.repeat))
    base = results["bare: import pandas, altair"]
    now = datetime.datetime.now(datetime.timezone.utc)
    print(
        f"measured {started:%Y-%m-%d %H:%M}-{now:%H:%M} UTC, median of {args.repeat} fresh processes, "
        f"load average {load_before:.1f} before, {_load():.1f} after"
    )
    print(
        "bytecode (.pyc) before the warm-up: "
        + ", ".join(f"{p} {h}/{t}" for p, (h, t) in before.items())
        + "; after: "
        + ", ".join(f"{p} {h}/{t}" for p, (h, t) in after.items())
        + f" (PYTHONDONTWRITEBYTECODE {'set' if os.environ.get('PYTHONDONTWRITEBYTECODE') else 'not set'} here; "
        "removed for every child)"
    )
    print(f"{'measurement':<72} {'median s':>9} {'x bare':>7}")
    for label, seconds in results.items():
        print(f"{label:<72} {seconds:>9.3f} {seconds / base:>7.2f}")
    warm = statistics.median(
        float(subprocess.run([sys.executable, "-c", WARM], check=True, capture_output=True, text=True, env=CHILD_ENV).stdout)
        for _ in range(args.repeat)
    )
    print(f"{'load every dataset again, same process (warm)':<72} {warm:>9.3f}")


if __name__ == "__main__":
    main()
