"""The grading commands of the ``iranus`` CLI: ``iranus assign``, ``iranus grade``, ``iranus report``.

Also reachable as ``python -m iranus.grading``. Every path is explicit; scores and reports go to
``--out`` (default ``~/iranus-grading/<folder name>``), outside any checkout.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from ..errors import GradingError
from . import sandbox
from .assign import assign, exercises_dir
from .grade import DEFAULT_TIMEOUT, built_assignments, grade, inside
from .report import read_json, report_markdown, write_csv, write_json


def default_out(submissions: Path) -> Path:
    """Where scores and the report go by default: ``~/iranus-grading/<submissions folder name>``."""
    return Path(os.environ.get("IRANUS_GRADING_HOME", Path.home() / "iranus-grading")) / Path(submissions).resolve().name


#: The exit codes of ``iranus grade`` (as exercises/README.md gives them), shown by ``--help``.
GRADE_EXIT_STATUS = """exit status:
  0  every file was graded, with nothing to look at
  1  some file needs a look: flagged, or not graded (an error, a timeout, an unreadable
     file); each is named in the output and in report.md
  2  an error you must fix before grading (no build folder, no sandbox, a bad argument),
     printed as a message"""

#: The exit codes of ``iranus assign`` and ``iranus report``.
ASSIGN_EXIT_STATUS = """exit status:
  0  done
  2  an error you must fix (no master, a master whose solutions fail its tests, a bad
     argument), printed as a message"""

REPORT_EXIT_STATUS = """exit status:
  0  scores.csv and report.md rewritten
  2  an error you must fix (no results.json in the folder, no build folder, a bad argument),
     printed as a message"""

#: The grading commands' exit codes in one paragraph (for ``iranus --help``).
EXIT_STATUS_SUMMARY = """  assign, report  0 done; 2 an error to fix (a message says which)
  grade           0 every file graded, nothing to look at; 1 some file needs a look;
                  2 an error to fix (no build folder, no sandbox...)"""


def add_commands(sub: argparse._SubParsersAction) -> None:
    """Add ``assign``, ``grade`` and ``report`` to an argparse subparsers object (each sets ``func``)."""
    raw = argparse.RawDescriptionHelpFormatter
    a = sub.add_parser("assign", help="generate student versions and autograders from the masters (otter assign)",
                       epilog=ASSIGN_EXIT_STATUS, formatter_class=raw)
    a.add_argument("--exercises", required=True, help="the exercises folder (holding master/)")
    a.add_argument("--build", required=True, help="output folder for autograders and manifests (keep it private)")
    a.add_argument("--only", nargs="*", default=None, help="masters to process, e.g. 02 or 02_agendas")
    a.add_argument("--student-dir", default=None, help="also copy the student versions here (e.g. exercises/student)")
    a.add_argument("--jobs", type=int, default=2)
    a.set_defaults(func=_assign)
    g = sub.add_parser("grade", help="grade a folder of submitted notebooks, each sandboxed, to a CSV and a report",
                       epilog=GRADE_EXIT_STATUS, formatter_class=raw)
    g.add_argument("submissions", help="folder of .ipynb files (searched recursively)")
    g.add_argument("--build", required=True, help="the build folder of 'assign'")
    g.add_argument("--out", default=None, help="folder for scores.csv, report.md, results.json (default ~/iranus-grading/<folder>)")
    g.add_argument("--assignment", default=None, help="grade every file as this assignment (default: read each file's)")
    g.add_argument("--timeout", type=float, default=DEFAULT_TIMEOUT, help="wall-clock seconds per file (default 300)")
    g.add_argument("--memory", type=int, default=1536, help="MiB of memory per process (default 1536)")
    g.add_argument("--jobs", type=int, default=2, help="files graded at once (default 2)")
    g.add_argument("--unsafe", action="store_true", help="grade WITHOUT the sandbox (only in a throwaway machine; reported)")
    g.set_defaults(func=_grade)
    r = sub.add_parser("report", help="rewrite scores.csv and report.md from a grading's results.json",
                       epilog=REPORT_EXIT_STATUS, formatter_class=raw)
    r.add_argument("out", help="the --out folder of a grading")
    r.add_argument("--build", required=True, help="the build folder of 'assign'")
    r.set_defaults(func=_report)


def _assign(args) -> int:
    root = exercises_dir(args.exercises)
    done = assign(root, Path(args.build), args.only, Path(args.student_dir) if args.student_dir else None, jobs=args.jobs)
    for r in done:
        print(f"{r.stem}: student version {r.student}; autograder {r.autograder_zip} ({r.seconds:.0f} s, solutions pass all tests)")
    return 0


def _write(results, assignments, out: Path, unsafe: bool) -> None:
    out.mkdir(parents=True, exist_ok=True)
    write_csv(results, out / "scores.csv", assignments)
    write_json(results, out / "results.json")
    (out / "report.md").write_text(report_markdown(results, assignments, unsafe), encoding="utf-8")


def _grade(args) -> int:
    import signal

    # SIGTERM ends the run like Ctrl-C: the running files finish their clean-up (sandboxes die with
    # their parent; the --unsafe temporary folders are removed)
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))
    limits = sandbox.Limits(wall=args.timeout, cpu=int(args.timeout) + 5, memory=args.memory * 2**20)
    if args.unsafe:
        print("WARNING: --unsafe: the submissions run WITHOUT the sandbox, with your rights.", file=sys.stderr)
    results = grade(Path(args.submissions), Path(args.build), args.assignment, limits, args.jobs, args.unsafe)
    out = Path(args.out) if args.out else default_out(Path(args.submissions))
    _write(results, built_assignments(Path(args.build)), out, args.unsafe)
    for r in results:
        detail = f"{r.total:g} / {r.total_possible:g}" if r.total is not None else r.message
        flag = f"  [look: {'; '.join(r.flags)}]" if r.flags else ""
        print(f"{r.file}: {r.status}: {detail}{flag}")
    print(f"scores: {out / 'scores.csv'}; report: {out / 'report.md'}")
    return 0 if all(r.status == "graded" for r in results) else 1


def _report(args) -> int:
    out = Path(args.out)
    results = read_json(out / "results.json")
    _write(results, built_assignments(Path(args.build)), out, any("UNSAFE" in f for r in results for f in r.flags))
    print(f"scores: {out / 'scores.csv'}; report: {out / 'report.md'}")
    return 0


def main(argv: list[str] | None = None) -> int:
    """``python -m iranus.grading``: the same commands as ``iranus assign|grade|report``.

    Returns the exit code: 0 ok, 1 some file needs a look or has no score, 2 an error to fix.
    """
    argv = list(sys.argv[1:] if argv is None else argv)
    if argv[:1] == ["_inside"]:  # the step that runs in the sandbox
        p = argparse.ArgumentParser(prog="python -m iranus.grading _inside")
        p.add_argument("cmd")
        p.add_argument("submission")
        p.add_argument("autograder_zip")
        p.add_argument("--channel", type=int, required=True)
        a = p.parse_args(argv)
        return inside(a.submission, a.autograder_zip, a.channel)
    parser = argparse.ArgumentParser(
        prog="python -m iranus.grading",
        description="Assign and grade the iranus exercises (otter-grader, sandboxed).",
        epilog="exit status:\n" + EXIT_STATUS_SUMMARY,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    add_commands(parser.add_subparsers(dest="command", required=True))
    args = parser.parse_args(argv)
    return run(args)


def run(args) -> int:
    """Run a parsed grading command; a :class:`GradingError` becomes a message and exit code 2."""
    try:
        return args.func(args)
    except GradingError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
