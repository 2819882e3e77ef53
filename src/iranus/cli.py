"""The ``iranus`` command line.

    iranus validate [DIR]   check a data package (the bundled one, or an edited copy in DIR)
    iranus datasets [DIR]   list the datasets with their row counts
    iranus cite [NAME]      print the citation of the data (or of one dataset)
    iranus lab [OPTIONS]    open the course in JupyterLab on lesson 00 (see iranus.launch)
    iranus assign|grade|report   the exercises' grading (iranus.grading; needs the exercises group)

Every problem with the data is a message, never a traceback. Exit status: 0 the data is valid
(or the command did its job), 1 the data has problems (``validate`` lists them), 2 the package
could not be read at all (no folder, no or invalid ``datapackage.json``) or a bad argument.
The grading commands have their own exit codes (:mod:`iranus.grading.commands`: 0 all graded,
1 some file needs a look, 2 a set-up error, printed as a message).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from . import __version__
from .datasets.loading import cite, list_datasets
from .datasets.package import package_spec
from .datasets.reading import read_table
from .datasets.validation import validate_package
from .errors import DataPackageError, DataValidationError

VALID, INVALID, UNREADABLE = 0, 1, 2

_EXIT_STATUS = """exit status:
  0  the data is valid
  1  the data is invalid: each problem is listed with its file, line and column
  2  could not read the package: no such folder, no datapackage.json, datapackage.json is not
     valid JSON or has no resources (nothing else could be checked)
Files are only read, never written; nothing is fetched from the network."""


def _main_epilog() -> str:
    """The exit codes of every command, for ``iranus --help``."""
    from .grading.commands import EXIT_STATUS_SUMMARY

    return f"""exit status:
  validate        0 the data is valid; 1 the data is invalid (each problem listed with its file,
                  line and column); 2 could not read the package (no folder, no or invalid
                  datapackage.json) or a bad argument
  datasets, cite  0 done; 2 could not read the package, an unknown dataset or a bad argument
  lab             0 JupyterLab stopped normally; 2 no course folder was found
{EXIT_STATUS_SUMMARY}
Each command's --help gives its own (e.g. iranus grade --help)."""


def _error(message: object) -> int:
    print(f"error: {message}", file=sys.stderr)
    return UNREADABLE


def _validate(args: argparse.Namespace) -> int:
    try:
        pkg = package_spec(args.dir)
        problems = validate_package(pkg.data_dir)
    except DataPackageError as exc:
        return _error(exc)
    data_dir = pkg.data_dir
    if problems:
        print(f"{len(problems)} problem(s) in {data_dir}:")
        for p in problems[: args.max_problems]:
            print(f"  - {p}")
        if len(problems) > args.max_problems:
            print(f"  ... and {len(problems) - args.max_problems} more (--max-problems N shows more)")
        print("Summary:")
        for (file, column), n in summarise(problems).items():
            print(f"  {n:>4}  {Path(file).name}" + (f", column '{column}'" if column else ""))
        return INVALID
    rows = sum(read_table(name, data_dir).rows for name in pkg.resources)
    print(f"OK: {data_dir} is valid ({len(pkg.resources)} datasets, {rows} rows).")
    return VALID


def summarise(problems) -> dict:
    """Number of problems per (file, column), in first-seen order."""
    counts: dict = {}
    for p in problems:
        key = (p.file, p.column)
        counts[key] = counts.get(key, 0) + 1
    return counts


def _datasets(args: argparse.Namespace) -> int:
    try:
        table = list_datasets(args.dir)
    except (DataPackageError, DataValidationError) as exc:
        return _error(exc)
    width = int(table["name"].str.len().max())
    for row in table.itertuples():
        print(f"{row.name:<{width}}  {row.rows:>4} rows  {row.title}")
    return VALID


def _cite(args: argparse.Namespace) -> int:
    try:
        print(cite(args.name, args.dir))
    except KeyError as exc:
        return _error(exc.args[0])
    except (DataPackageError, DataValidationError) as exc:
        return _error(exc)
    return VALID


def main(argv: list[str] | None = None) -> int:
    """Entry point of the ``iranus`` command; returns the exit status (0 valid, 1 invalid data, 2 could not read)."""
    parser = argparse.ArgumentParser(
        prog="iranus",
        description="The iranus course's data tools.",
        epilog=_main_epilog(),
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--version", action="version", version=f"iranus {__version__}")
    sub = parser.add_subparsers(dest="command", required=True)
    p = sub.add_parser(
        "validate",
        help="check a data package against its schema (files are only read)",
        description="Check a data package (the bundled one, or an edited copy) against its schemas: "
        "the same checks iranus.load makes, so that what validate accepts, load reads.",
        epilog=_EXIT_STATUS,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
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
    # `iranus lab`: the course launcher (iranus.launch); its options pass through to jupyter lab
    sub.add_parser("lab", help="open the course in JupyterLab on lesson 00, stored charts visible", add_help=False)
    argv = sys.argv[1:] if argv is None else list(argv)
    if argv[:1] == ["lab"]:
        from .launch import main as lab

        return lab(argv[1:])
    # -- grading (iranus.grading): assign, grade, report --
    from .grading.commands import add_commands, run as run_grading

    add_commands(sub)
    args = parser.parse_args(argv)
    if args.command in ("assign", "grade", "report"):
        return run_grading(args)
    # -- end grading --
    try:
        return args.func(args)
    except (DataPackageError, DataValidationError) as exc:
        return _error(exc)
    except OSError as exc:  # a file that vanished or cannot be read while checking
        return _error(f"could not read {getattr(exc, 'filename', None) or 'a file'}: {exc.strerror or exc}")


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())


__all__ = [
    "main",
]
