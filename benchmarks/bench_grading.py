"""Time the instructor's two steps as the guide quotes them (exercises/README.md).

    uv run --group exercises python benchmarks/bench_grading.py

Prints the date, the machine's CPU count, the seconds ``iranus assign`` takes for every master
(otter runs every test against each solution) and the seconds ``iranus grade`` takes on the
sample submissions of exercise 02 (five files, two at a time, each in its bubblewrap sandbox).
Writes only to a temporary folder.
"""

from __future__ import annotations

import datetime as dt
import os
import tempfile
import time
from pathlib import Path

from iranus.cli import main

ROOT = Path(__file__).resolve().parents[1]


def timed(argv: list[str]) -> tuple[int, float]:
    start = time.perf_counter()
    code = main(argv)
    return code, time.perf_counter() - start


if __name__ == "__main__":
    with tempfile.TemporaryDirectory() as tmp:
        build = Path(tmp) / "build"
        code, assign_s = timed(["assign", "--exercises", str(ROOT / "exercises"), "--build", str(build)])
        assert code == 0
        code, grade_s = timed(["grade", str(ROOT / "exercises" / "sample_submissions" / "02_agendas"), "--build",
                               str(build), "--out", str(Path(tmp) / "out"), "--jobs", "2"])
    print(f"{dt.date.today():%d %B %Y}, {os.cpu_count()} CPUs")
    print(f"iranus assign, 7 masters: {assign_s:.0f} s")
    print(f"iranus grade, 5 sample files, 2 at a time, sandboxed: {grade_s:.0f} s (exit code {code})")
