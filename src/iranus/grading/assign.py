"""``iranus assign``: student versions and autograders from the master notebooks (otter assign).

``otter assign`` turns each master (``MASTERS/NN_name.ipynb``: solutions, public and hidden tests,
rubrics) into a student version (solutions and hidden tests removed) and an autograder zip (every
test), and checks on the way that the solution version passes all its tests. This module adds
what a course needs around it, writing for each master into ``BUILD/NN_name/``:

- the student version with stable cell ids and an init cell that finds the notebook by its otter
  metadata (a renamed file works) and says, after a passing check, that hidden tests run at
  grading (:func:`iranus.checks.exercise_feedback.honest_grader`);
- ``assignment.json``, the manifest grading reads: questions, points, which have hidden tests,
  rubrics, the layout of the student version (cell ids of each prompt and answer cell), and
  SHA-256 digests of the tests and of otter's test-running code (the harness check).

Every path is explicit (no default folder that only exists in a checkout).
"""

from __future__ import annotations

import concurrent.futures
import hashlib
import json
import os
import re
import shutil
import signal
import subprocess
import sys
import time
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import GradingError

#: Name of the manifest written beside each assignment's otter output.
MANIFEST = "assignment.json"
OTTER_HINT = (
    "otter-grader is not installed in this environment; run the command through the exercises "
    "dependency group: uv run --group exercises iranus ..."
)


def require_otter() -> None:
    """Raise :class:`GradingError` with the command to use when otter-grader is missing."""
    try:
        import otter  # noqa: F401
    except ImportError:
        raise GradingError(OTTER_HINT) from None


def exercises_dir(path: str | os.PathLike) -> Path:
    """The exercises folder (with ``master/`` inside), resolved.

    Raises:
        GradingError: no path given, or the folder or its ``master/`` subfolder does not exist.
    """
    if path is None:
        raise GradingError("give the exercises folder (the one holding master/), e.g. --exercises path/to/exercises")
    root = Path(path).resolve()
    if not (root / "master").is_dir():
        raise GradingError(f"no master notebooks at {root / 'master'}; pass the exercises folder with --exercises")
    return root


def master_notebooks(root: Path, only: list[str] | None = None) -> list[Path]:
    """The master notebooks ``master/NN_*.ipynb``, in order, optionally only some of them.

    Args:
        root: the exercises folder.
        only: stems or assignment numbers to keep (``["02_agendas"]`` or ``["02"]``).

    Raises:
        GradingError: no master notebook, or a name in ``only`` that matches none.
    """
    found = sorted((root / "master").glob("[0-9][0-9]_*.ipynb"))
    if not found:
        raise GradingError(f"no master notebook (NN_name.ipynb) in {root / 'master'}")
    if not only:
        return found
    kept = []
    for name in only:
        match = [p for p in found if p.stem == name or p.stem.split("_")[0] == name]
        if not match:
            raise GradingError(f"--only {name!r}: no such master; masters: {', '.join(p.stem for p in found)}")
        kept += [p for p in match if p not in kept]
    return kept


@dataclass
class QuestionInfo:
    """One question of an assignment, as the master notebook declares it.

    Attributes:
        name: otter question name (e.g. ``"e02_iran_refused"``).
        manual: True for a written question graded by a person.
        points: points of the question (otter's default 1 when the master gives none).
        prompt: the question's Markdown text (for the report).
        rubric: for a written question, the grader's rubric and model answer (Markdown), else "".
        hidden: True when the question has hidden tests (a passing public check is not the grade).
        checks: the ``iranus.checks`` question ids its cells use (``"E04.rial_change"``).
    """

    name: str
    manual: bool
    points: float
    prompt: str = ""
    rubric: str = ""
    hidden: bool = False
    checks: list[str] = field(default_factory=list)

    def to_dict(self) -> dict:
        return {"name": self.name, "manual": self.manual, "points": self.points, "prompt": self.prompt,
                "rubric": self.rubric, "hidden": self.hidden, "checks": self.checks}


def source(cell: dict) -> str:
    """A cell's source as one string."""
    src = cell.get("source", "")
    return "".join(src) if isinstance(src, list) else str(src)


def _yaml_block(text: str) -> dict:
    import yaml  # PyYAML comes with jupyter; only used on master notebooks

    body = "\n".join(text.splitlines()[1:])
    value = yaml.safe_load(body) if body.strip() else {}
    return value if isinstance(value, dict) else {}


def read_master(path: Path) -> tuple[str, list[QuestionInfo]]:
    """The assignment name and the questions of a master notebook.

    Args:
        path: a master notebook in otter's format (``# ASSIGNMENT CONFIG`` raw cell with a
            ``name``; ``# BEGIN QUESTION`` raw cells with ``name``, ``points`` and ``manual``;
            hidden test cells start with ``# BEGIN TEST CONFIG`` ... ``hidden: true``).

    Returns:
        (assignment name, questions in notebook order).

    Raises:
        GradingError: the file is not a notebook, or has no assignment name.
    """
    try:
        nb = json.loads(Path(path).read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise GradingError(f"{path}: cannot read the master notebook ({exc})") from None
    name = None
    questions: list[QuestionInfo] = []
    current: QuestionInfo | None = None
    in_solution = in_tests = False
    for cell in nb.get("cells", []):
        text = source(cell)
        head = text.strip().splitlines()[0].strip().upper() if text.strip() else ""
        if cell.get("cell_type") == "raw":
            if head.startswith("# ASSIGNMENT CONFIG"):
                name = _yaml_block(text).get("name", name)
            elif head.startswith("# BEGIN QUESTION"):
                config = _yaml_block(text)
                points = config.get("points", 1)
                if isinstance(points, list):
                    points = sum(points)
                current = QuestionInfo(str(config.get("name")), bool(config.get("manual", False)), float(points))
                questions.append(current)
            elif head.startswith("# END QUESTION"):
                current = None
            elif head.startswith("# BEGIN SOLUTION"):
                in_solution = True
            elif head.startswith("# END SOLUTION"):
                in_solution = False
            elif head.startswith("# BEGIN TESTS"):
                in_tests = True
            elif head.startswith("# END TESTS"):
                in_tests = False
            continue
        if current is None:
            continue
        for qid in re.findall(r'"(E\d\d\.[A-Za-z0-9_]+)"', text):
            if qid not in current.checks:
                current.checks.append(qid)
        if in_tests and cell.get("cell_type") == "code" and "BEGIN TEST CONFIG" in text:
            config = text.split("BEGIN TEST CONFIG", 1)[1].split("END TEST CONFIG", 1)[0]
            if "hidden: true" in config.replace('"""', "").lower():
                current.hidden = True
        if cell.get("cell_type") == "markdown":
            if in_solution:
                current.rubric = (current.rubric + "\n\n" + text).strip()
            elif not current.prompt:
                current.prompt = text.strip()
    if not name:
        raise GradingError(f"{path}: the '# ASSIGNMENT CONFIG' raw cell gives no assignment name")
    return str(name), questions


# -- the student version's layout and the harness digests -------------------------------------


def layout(nb: dict, questions: list[QuestionInfo]) -> dict:
    """Where each question lives in the student version, by cell id.

    Returns:
        question name -> ``{"prompt": id, "answers": [ids], "types": {id: cell type}}``. An
        automatic question's block runs from its prompt (a locked Markdown cell) to its
        ``grader.check("name")`` cell; written question k is the k-th ``<!-- BEGIN QUESTION -->``.
    """
    out: dict[str, dict] = {}
    written = [q.name for q in questions if q.manual]
    block: dict | None = None
    n_written = 0
    for cell in nb.get("cells", []):
        text, cid, kind = source(cell), cell.get("id"), cell.get("cell_type")
        locked = cell.get("metadata", {}).get("deletable") is False
        tags = cell.get("metadata", {}).get("tags", [])
        if kind == "markdown" and "<!-- BEGIN QUESTION -->" in text and n_written < len(written):
            block = {"prompt": cid, "answers": [], "types": {}}
            out[written[n_written]] = block
            n_written += 1
            continue
        if kind == "markdown" and locked and "<!-- END QUESTION -->" in text:
            block = None
            continue
        if kind == "markdown" and locked and text.lstrip().startswith("**Question"):
            block = {"prompt": cid, "answers": [], "types": {}}
            continue
        if kind == "code" and text.strip().startswith("grader.check(") and block is not None:
            name = text.split('"')[1] if '"' in text else ""
            out[name] = block
            block = None
            continue
        if block is not None and "otter_answer_cell" in tags:
            block["answers"].append(cid)
            block["types"][cid] = kind
    return out


def _otter_files() -> list[Path]:
    import otter

    base = Path(otter.__file__).parent
    return sorted(p for sub in ("test_files", "execute", "run", "check") for p in (base / sub).rglob("*.py"))


def harness_digest() -> str:
    """SHA-256 over otter's test-running code (``test_files``, ``execute``, ``run``, ``check``)."""
    h = hashlib.sha256()
    for p in _otter_files():
        h.update(p.name.encode())
        h.update(p.read_bytes())
    return h.hexdigest()


def tests_digest(zip_bytes: bytes) -> str:
    """SHA-256 over the test files (``tests/*.py``) of an autograder zip, in name order."""
    import io

    h = hashlib.sha256()
    with zipfile.ZipFile(io.BytesIO(zip_bytes)) as z:
        for name in sorted(n for n in z.namelist() if n.startswith("tests/") and n.endswith(".py")):
            h.update(name.encode())
            h.update(z.read(name))
    return h.hexdigest()


# -- assign -----------------------------------------------------------------------------------


@dataclass
class AssignResult:
    """What ``assign`` produced for one master.

    Attributes:
        stem: the master's file stem (``"02_agendas"``).
        name: the assignment name (otter's ``assignment_name``).
        student: the generated student notebook.
        autograder_zip: the autograder zip (every test, hidden ones included).
        seconds: how long ``otter assign`` took (it also ran the tests on the solutions).
    """

    stem: str
    name: str
    student: Path
    autograder_zip: Path
    seconds: float


def run_command(cmd: list[str], cwd: Path, timeout: float | None) -> tuple[int, str, float]:
    """Run a command in its own process group; kill the whole group on timeout.

    Returns:
        (return code, stdout and stderr merged, seconds); the return code is -9 after a timeout.
    """
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, cwd=cwd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, start_new_session=True)
    try:
        out, _ = proc.communicate(timeout=timeout)
        code = proc.returncode
    except subprocess.TimeoutExpired:
        try:
            os.killpg(proc.pid, signal.SIGKILL)
        except ProcessLookupError:
            pass
        out, _ = proc.communicate()
        code = -9
    return code, out or "", time.perf_counter() - start


INIT_CELL = """# Initialize Otter
import otter
from iranus.checks.exercise_feedback import find_notebook, honest_grader
grader = honest_grader(otter.Notebook(find_notebook({name!r}, {file!r})), hidden={hidden!r}, checks={checks!r})"""


def _student_version(nb: dict, stem: str, name: str, questions: list[QuestionInfo]) -> dict:
    """Stable cell ids, and the init cell that finds a renamed notebook and tells the truth."""
    hidden = [q.name for q in questions if q.hidden]
    checks = [c for q in questions if q.hidden for c in q.checks]
    for i, cell in enumerate(nb.get("cells", [])):
        if "id" in cell:
            cell["id"] = f"{stem.replace('_', '-')}-{i:03d}"
        if cell.get("cell_type") == "code" and source(cell).startswith("# Initialize Otter"):
            cell["source"] = INIT_CELL.format(name=name, file=f"{stem}.ipynb", hidden=hidden, checks=checks).splitlines(keepends=True)
    return nb


def _assign_one(master: Path, build: Path, timeout: float | None) -> AssignResult:
    name, questions = read_master(master)
    out_dir = build / master.stem
    if out_dir.exists():
        shutil.rmtree(out_dir)
    code, output, seconds = run_command([sys.executable, "-m", "otter", "assign", str(master), str(out_dir)], master.parent, timeout)
    if code != 0:
        lines = [l for l in output.splitlines() if "Kernel is running over TCP" not in l]
        raise GradingError(f"otter assign failed for {master.name} (exit {code}):\n" + "\n".join(lines[-40:]))
    student = out_dir / "student" / master.name
    zips = sorted((out_dir / "autograder").glob(f"{master.stem}-autograder_*.zip"))
    if not student.is_file() or not zips:
        raise GradingError(f"otter assign wrote no student notebook or autograder zip for {master.name} in {out_dir}")
    nb = _student_version(json.loads(student.read_text(encoding="utf-8")), master.stem, name, questions)
    student.write_text(json.dumps(nb, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    manifest = {
        "assignment": name,
        "stem": master.stem,
        "autograder_zip": zips[-1].name,
        "tests_sha256": tests_digest(zips[-1].read_bytes()),
        "harness_sha256": harness_digest(),
        "questions": [q.to_dict() for q in questions],
        "layout": layout(nb, questions),
    }
    (out_dir / MANIFEST).write_text(json.dumps(manifest, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    return AssignResult(master.stem, name, student, zips[-1], seconds)


def assign(
    root: Path,
    build: Path,
    only: list[str] | None = None,
    student_dir: Path | None = None,
    jobs: int = 2,
    timeout: float | None = 900,
) -> list[AssignResult]:
    """Generate the student versions and autograders of the masters with ``otter assign``.

    ``otter assign`` also runs every test (hidden ones included) against the solution version and
    fails if it does not get full marks, so a successful run proves that each solution passes.

    Args:
        root: the exercises folder (see :func:`exercises_dir`).
        build: output folder; one subfolder per master with otter's ``student/`` and
            ``autograder/`` and the manifest ``assignment.json``. Keep it private: the zips hold
            the hidden tests.
        only: masters to process (stems or numbers); all when None.
        student_dir: also copy each student version there (e.g. ``exercises/student``); None: no copy.
        jobs: how many masters to process at once.
        timeout: seconds allowed per master (None: no limit).

    Returns:
        One :class:`AssignResult` per master, in master order.

    Raises:
        GradingError: otter is not installed, or otter rejected a master (its message is
            included); the other masters are still processed and all failures are listed.
    """
    require_otter()
    masters = master_notebooks(root, only)
    build = Path(build).resolve()
    build.mkdir(parents=True, exist_ok=True)
    results: dict[Path, AssignResult] = {}
    errors: list[str] = []
    with concurrent.futures.ThreadPoolExecutor(max_workers=max(1, jobs)) as pool:
        futures = {pool.submit(_assign_one, m, build, timeout): m for m in masters}
        for fut in concurrent.futures.as_completed(futures):
            try:
                results[futures[fut]] = fut.result()
            except GradingError as exc:
                errors.append(str(exc))
    if errors:
        raise GradingError("\n\n".join(errors))
    ordered = [results[m] for m in masters]
    if student_dir is not None:
        target = Path(student_dir)
        target.mkdir(parents=True, exist_ok=True)
        for r in ordered:
            shutil.copyfile(r.student, target / r.student.name)
    return ordered
