"""The ``iranus`` command line.

    iranus validate [DIR]   check a data package (the bundled one, or an edited copy in DIR)
    iranus datasets         list the datasets with their row counts
    iranus cite [NAME]      print the citation of the data (or of one dataset)
    iranus assign|grade|report   the exercises' grading (iranus.grading; needs the exercises group)
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from . import __version__
from .datapackage import resolve_data_dir
from .loaders import cite, list_datasets
from .validation import validate_package


def _validate(args: argparse.Namespace) -> int:
    try:
        data_dir = resolve_data_dir(args.dir)
    except (FileNotFoundError, ValueError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    problems = validate_package(data_dir)
    if problems:
        print(f"{len(problems)} problem(s) in {data_dir}:")
        for p in problems[: args.max_problems]:
            print(f"  - {p}")
        if len(problems) > args.max_problems:
            print(f"  ... and {len(problems) - args.max_problems} more (--max-problems N shows more)")
        print("Summary:")
        for (file, column), n in summarise(problems).items():
            print(f"  {n:>4}  {Path(file).name}" + (f", column '{column}'" if column else ""))
        return 1
    table = list_datasets(data_dir)
    print(f"OK: {data_dir} is valid ({len(table)} datasets, {int(table['rows'].sum())} rows).")
    return 0


def summarise(problems) -> dict:
    """Number of problems per (file, column), in first-seen order."""
    counts: dict = {}
    for p in problems:
        key = (p.file, p.column)
        counts[key] = counts.get(key, 0) + 1
    return counts


def _datasets(args: argparse.Namespace) -> int:
    table = list_datasets(args.dir)
    width = int(table["name"].str.len().max())
    for row in table.itertuples():
        print(f"{row.name:<{width}}  {row.rows:>4} rows  {row.title}")
    return 0


def _cite(args: argparse.Namespace) -> int:
    try:
        print(cite(args.name, args.dir))
    except KeyError as exc:
        print(f"error: {exc.args[0]}", file=sys.stderr)
        return 2
    return 0


def main(argv: list[str] | None = None) -> int:
    """Entry point of the ``iranus`` command; returns the exit status (0 ok, 1 invalid data, 2 usage)."""
    parser = argparse.ArgumentParser(prog="iranus", description="The iranus course's data tools.")
    parser.add_argument("--version", action="version", version=f"iranus {__version__}")
    sub = parser.add_subparsers(dest="command", required=True)
    p = sub.add_parser("validate", help="check a data package against its schema (files are only read)")
    p.add_argument("dir", nargs="?", default=None, help="folder with datapackage.json (default: the bundled data)")
    p.add_argument("--max-problems", type=int, default=30, help="list at most this many problems (default 30)")
    p.set_defaults(func=_validate)
    p = sub.add_parser("datasets", help="list the datasets")
    p.add_argument("dir", nargs="?", default=None)
    p.set_defaults(func=_datasets)
    p = sub.add_parser("cite", help="print the citation of the data or of one dataset")
    p.add_argument("name", nargs="?", default=None)
    p.add_argument("--dir", default=None)
    p.set_defaults(func=_cite)
    # -- grading (iranus.grading): assign, grade, report --
    from .grading.commands import add_commands, run as run_grading

    add_commands(sub)
    args = parser.parse_args(argv)
    if args.command in ("assign", "grade", "report"):
        return run_grading(args)
    # -- end grading --
    return args.func(args)


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
