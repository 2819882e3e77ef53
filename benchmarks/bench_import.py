"""Time `import iranus` and loading every dataset through the course context against a bare
`import pandas, altair` (issue 9's target: at most 1.5x).

Each measurement runs in a fresh Python process (imports are cached within a process), several
times; the median is reported. Run with:

    uv run python benchmarks/bench_import.py [--repeat 5]
"""

from __future__ import annotations

import argparse
import datetime
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


def run(code: str) -> float:
    start = time.perf_counter()
    subprocess.run([sys.executable, "-c", code], check=True)
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    load_before = _load()
    results = {}
    for label, code in SNIPPETS.items():
        run(code)  # warm the file-system cache
        results[label] = statistics.median(run(code) for _ in range(args.repeat))
    base = results["bare: import pandas, altair"]
    now = datetime.datetime.now(datetime.timezone.utc)
    print(
        f"measured {now:%Y-%m-%d %H:%M} UTC, median of {args.repeat} fresh processes, "
        f"load average {load_before:.1f} before, {_load():.1f} after"
    )
    print(f"{'measurement':<72} {'median s':>9} {'x bare':>7}")
    for label, seconds in results.items():
        print(f"{label:<72} {seconds:>9.3f} {seconds / base:>7.2f}")
    warm = statistics.median(
        float(subprocess.run([sys.executable, "-c", WARM], check=True, capture_output=True, text=True).stdout)
        for _ in range(args.repeat)
    )
    print(f"{'load every dataset again, same process (warm)':<72} {warm:>9.3f}")


if __name__ == "__main__":
    main()
