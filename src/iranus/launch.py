"""Open the course: trust the course's own lessons, then start JupyterLab on lesson 00.

    uv run iranus lab                 # the README's first command
    uv run iranus lab --no-browser    # print the address instead of opening a browser
    uv run iranus lab --allow-root    # any further option goes to ``jupyter lab`` unchanged

Why trust: a freshly cloned notebook is *untrusted*, and JupyterLab then hides its stored SVG
charts (each chart cell shows ``alt.LayerChart(...)``) and strips the styling of stored HTML
tables until the learner runs the lesson. The lessons in ``notebooks/`` are the project's own
files, whose code the learner runs anyway through ``uv run``; trusting them adds no new risk.
Only the numbered lessons are trusted (never exercises or submissions: students' notebooks are
untrusted code). Trust is recorded with nbformat's :class:`~nbformat.sign.NotebookNotary` in a
signature database inside the virtual environment (``.venv/share/iranus/trust/``), not in the
learner's home: deleting ``.venv`` forgets it, and the next launch signs the lessons again.

What else the launcher sets, all on the command line of this one server (nothing is written into
the learner's Jupyter settings):

- the address JupyterLab prints and opens is lesson 00 itself (``/lab/tree/notebooks/00_...``),
  so a learner who copies the printed URL into a new browser gets the lesson, not an empty
  workspace;
- Python may write bytecode caches (``.pyc``) for the modules the server and its kernels import:
  ``PYTHONDONTWRITEBYTECODE`` is removed from *their* environment. The project does not
  byte-compile all ~6,200 files at install (``[tool.uv] compile-bytecode`` is off: it made the
  first ``uv run`` about 45 s longer on a 2-core machine); instead the first kernel writes the
  caches of what a lesson imports, and later kernels start faster (figures in the README,
  from ``benchmarks/bench_setup.py``);
- the server neither fetches JupyterLab's news feed nor checks PyPI for updates (the course
  needs no network). The "get notified about news?" pop-up is a JupyterLab *setting*
  (``@jupyterlab/apputils-extension:notification`` ``fetchNews``); the project ships its default
  ``"false"`` as a settings override (``jupyter-settings/overrides.d/iranus.json``, installed into
  the environment's ``share/jupyter/lab/settings/overrides.d/``).
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

__all__ = ["find_course", "trust_dir", "trust_lessons", "lab_arguments", "main"]

FIRST_LESSON = "notebooks/00_start_here.ipynb"
LESSON_GLOB = "notebooks/[0-9][0-9]_*.ipynb"


def find_course(start: str | Path | None = None) -> Path:
    """The course folder: the nearest folder at or above ``start`` holding lesson 00.

    Args:
        start: where to look from (default: the current directory); when neither it nor a
            parent holds ``notebooks/00_start_here.ipynb``, the source checkout this package was
            installed from (an editable install, as ``uv run`` makes) is tried.

    Returns:
        The absolute path of the folder that contains ``notebooks/``.

    Raises:
        FileNotFoundError: no course folder found (e.g. iranus installed from a wheel, which
            carries the package and data but not the lessons); the message says where it looked.
    """
    here = Path(start or Path.cwd()).resolve()
    candidates = [here, *here.parents, Path(__file__).resolve().parents[2]]
    for folder in candidates:
        if (folder / FIRST_LESSON).is_file():
            return folder
    raise FileNotFoundError(
        f"no course folder here: neither {here} nor a folder above it holds {FIRST_LESSON}. "
        "Run the command from your copy of the course (the folder with README.md and notebooks/)."
    )


def trust_dir() -> Path:
    """Where the launcher keeps its notebook-signature database.

    ``<sys.prefix>/share/iranus/trust`` (inside the course's ``.venv``) when that can be written;
    otherwise (iranus installed into a read-only system environment, as on some hubs) Jupyter's
    own data folder, where ``jupyter trust`` would write.
    """
    folder = Path(sys.prefix) / "share" / "iranus" / "trust"
    try:
        folder.mkdir(parents=True, exist_ok=True)
        if os.access(folder, os.W_OK):
            return folder
    except OSError:
        pass
    from jupyter_core.paths import jupyter_data_dir

    return Path(jupyter_data_dir())


def trust_lessons(course: Path, data_dir: Path | None = None) -> list[Path]:
    """Sign the course's numbered lessons as trusted (what ``jupyter trust`` does).

    Args:
        course: the course folder (from :func:`find_course`).
        data_dir: the notary's folder for its secret and signature database (default
            :func:`trust_dir`); a JupyterLab server must be started with the same
            ``--NotebookNotary.data_dir`` to see the trust.

    Returns:
        The lesson paths that were signed, in name order (``notebooks/NN_*.ipynb``).

    Raises:
        FileNotFoundError: the course has no lessons.
        nbformat.ValidationError / json.JSONDecodeError: a lesson is not a valid notebook (it is
            then named in the message).
    """
    import nbformat
    from nbformat.sign import NotebookNotary

    lessons = sorted(course.glob(LESSON_GLOB))
    if not lessons:
        raise FileNotFoundError(f"no lessons matching {LESSON_GLOB} in {course}")
    folder = Path(data_dir or trust_dir())
    folder.mkdir(parents=True, exist_ok=True)
    notary = NotebookNotary(data_dir=str(folder))
    try:
        for path in lessons:
            try:
                nb = nbformat.read(path, as_version=nbformat.NO_CONVERT)
            except Exception as exc:
                raise type(exc)(f"{path}: not a readable notebook: {exc}") from exc
            if not notary.check_signature(nb):
                notary.sign(nb)
    finally:
        notary.store.close()
    return lessons


def lab_arguments(course: Path, data_dir: Path | None = None) -> list[str]:
    """The ``jupyter lab`` options the launcher passes (see the module docstring for why)."""
    return [
        f"--ServerApp.root_dir={course}",
        f"--LabApp.default_url=/lab/tree/{FIRST_LESSON}",
        f"--NotebookNotary.data_dir={data_dir or trust_dir()}",
        "--LabApp.news_url=None",
        "--LabApp.check_for_updates_class=jupyterlab.NeverCheckForUpdate",
    ]


def main(argv: list[str] | None = None) -> int:
    """``iranus lab``: trust the lessons, then run JupyterLab in this process until it stops.

    Args:
        argv: options after ``iranus lab``; any the launcher does not know go to ``jupyter lab``.

    Returns:
        0 when JupyterLab stops normally, 2 when no course folder is found.
    """
    parser = argparse.ArgumentParser(
        prog="iranus lab",
        allow_abbrev=False,
        description="Open the course in JupyterLab on lesson 00, with its stored charts visible.",
        epilog="Any other option (--no-browser, --port 8890, --allow-root ...) goes to jupyter lab unchanged.",
    )
    parser.add_argument("--course", default=None, help="the course folder (default: found from here)")
    parser.add_argument(
        "--trust-dir", default=None, help="folder of the notebook-signature database (default: <venv>/share/iranus/trust)"
    )
    args, rest = parser.parse_known_args(argv)
    args.trust_dir = Path(args.trust_dir) if args.trust_dir else trust_dir()
    try:
        course = find_course(args.course)
    except FileNotFoundError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    print(f"iranus: trusting the lessons in {course / 'notebooks'} (their stored charts then show) ...", flush=True)
    lessons = trust_lessons(course, args.trust_dir)
    print(f"iranus: {len(lessons)} lessons trusted; starting JupyterLab on {FIRST_LESSON} ...", flush=True)
    # lazy byte-compiling: caches for what the lessons import, written once into .venv
    os.environ.pop("PYTHONDONTWRITEBYTECODE", None)
    sys.dont_write_bytecode = False
    from jupyterlab.labapp import LabApp

    LabApp.launch_instance(argv=[*lab_arguments(course, args.trust_dir), *rest])
    return 0


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
