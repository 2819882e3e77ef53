"""Time the developer's quick loop: ``pytest -m "not slow"`` (README, Development).

The suite marks its slow tests (wheel build, real browser, otter round trip, exercise masters
under nbval, the README's JupyterLab server test) with ``@pytest.mark.slow``; the quick loop
leaves them out and runs everything else, the lessons under nbval and the doctests included.
This runs it once, in a child process with this Python, and prints the wall-clock time, the
date, the machine's cores and its load average before and after (the wall-clock time depends on
what else the machine runs), and the CPU time (user + system) of the run and its children (the
notebooks' kernels included), which does not: on an idle machine the wall-clock time is close
to it. Run with:

    uv run python benchmarks/bench_quick_loop.py [extra pytest arguments]

Exit status: pytest's.
"""

from __future__ import annotations

import datetime as dt
import os
import resource
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def main(argv: list[str]) -> int:
    cmd = [sys.executable, "-m", "pytest", "-m", "not slow", "-q", *argv]
    load_before = os.getloadavg()
    cpu_before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    run = subprocess.run(cmd, cwd=ROOT, capture_output=True, text=True)
    seconds = time.perf_counter() - start
    cpu_after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (cpu_after.ru_utime - cpu_before.ru_utime) + (cpu_after.ru_stime - cpu_before.ru_stime)
    load_after = os.getloadavg()
    summary = [line for line in run.stdout.splitlines() if line.strip()][-1:] or ["(no output)"]
    print(f"date: {dt.datetime.now(dt.timezone.utc):%Y-%m-%d %H:%M} UTC")
    print(f"command: pytest -m 'not slow' {' '.join(argv)}".rstrip())
    print(f"machine: {os.cpu_count()} cores; load average (1 min) {load_before[0]:.1f} before, {load_after[0]:.1f} after")
    print(f"result: {summary[0]}")
    print(f"quick loop: {seconds:.0f} s wall-clock ({seconds / 60:.1f} min); CPU time {cpu:.0f} s")
    if run.returncode:
        print("\n".join(run.stdout.splitlines()[-40:]), file=sys.stderr)
    return run.returncode


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
