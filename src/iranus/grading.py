"""The instructor's workflow for the exercises: thin glue around otter-grader.

Otter-grader (the tool of Berkeley's Data 8) does the work: ``otter assign`` turns each master
notebook (``exercises/master/NN_name.ipynb``: solutions, public and hidden tests, rubrics) into a
student version (solutions and hidden tests removed) and an autograder (a zip with every test),
and checks on the way that the solution version passes all its tests; ``otter run`` (Python API
:func:`otter.api.grade_submission`) grades one notebook without Docker and without the network.
This module only adds what a course needs around them:

- ``assign``: run ``otter assign`` on every master, copy the student versions to
  ``exercises/student/`` (stable cell ids, so a regeneration gives a clean diff) and write a small
  manifest per assignment (question names, points, the written questions and their rubrics).
- ``grade``: grade a folder of submissions, one ``otter`` process per file with a time limit, so
  that a notebook that is not valid JSON, raises, hangs or belongs to another assignment is
  reported and never stops the run; write a CSV of scores (one row per file) and a readable
  Markdown report (scores, the test messages, cells that raised, and the written answers next to
  their rubric for the human grader).

Otter is an optional dependency (the ``exercises`` dependency group): run this module with ::

    uv run --group exercises python -m iranus.grading assign
    uv run --group exercises python -m iranus.grading grade path/to/submissions --csv scores.csv

Importing the module does not need otter; running ``assign`` or ``grade`` without it raises
:class:`GradingError` with the command to use.
"""

from __future__ import annotations

import argparse
import concurrent.futures
import csv
import json
import os
import shutil
import signal
import subprocess
import sys
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

#: Name of the manifest written beside each assignment's otter output.
MANIFEST = "assignment.json"
#: Default time limit for grading one submission (seconds).
DEFAULT_TIMEOUT = 300
OTTER_HINT = (
    "otter-grader is not installed in this environment; run the command through the exercises "
    "dependency group: uv run --group exercises python -m iranus.grading ..."
)


class GradingError(RuntimeError):
    """A problem the instructor must fix (a missing folder, a master otter rejects, no otter)."""


# -- locating things -------------------------------------------------------------------------


def exercises_dir(path: str | os.PathLike | None = None) -> Path:
    """The exercises folder (with ``master/`` inside).

    Args:
        path: the folder; ``exercises`` under the current directory when None.

    Returns:
        The absolute path.

    Raises:
        GradingError: the folder or its ``master/`` subfolder does not exist.
    """
    root = Path(path) if path is not None else Path.cwd() / "exercises"
    root = root.resolve()
    if not (root / "master").is_dir():
        raise GradingError(
            f"no master notebooks at {root / 'master'}; run from the iranus checkout or pass --exercises"
        )
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


def _require_otter() -> None:
    try:
        import otter  # noqa: F401
    except ImportError:
        raise GradingError(OTTER_HINT) from None


# -- reading a master notebook ----------------------------------------------------------------


@dataclass
class QuestionInfo:
    """One question of an assignment, as the master notebook declares it.

    Attributes:
        name: otter question name (e.g. ``"e02_iran_refused"``).
        manual: True for a written question graded by a person.
        points: points of the question (otter's default 1 when the master gives none).
        prompt: the question's Markdown text (for the report).
        rubric: for a written question, the grader's rubric and model answer (Markdown), else "".
    """

    name: str
    manual: bool
    points: float
    prompt: str = ""
    rubric: str = ""

    def to_dict(self) -> dict:
        return {"name": self.name, "manual": self.manual, "points": self.points, "prompt": self.prompt, "rubric": self.rubric}


def _source(cell: dict) -> str:
    src = cell.get("source", "")
    return "".join(src) if isinstance(src, list) else src


def _yaml_block(text: str) -> dict:
    import yaml  # PyYAML comes with jupyter; only used on master notebooks

    body = "\n".join(text.splitlines()[1:])
    value = yaml.safe_load(body) if body.strip() else {}
    return value if isinstance(value, dict) else {}


def read_master(path: Path) -> tuple[str, list[QuestionInfo]]:
    """The assignment name and the questions of a master notebook.

    Args:
        path: a master notebook in otter's format (``# ASSIGNMENT CONFIG`` raw cell with a
            ``name``; ``# BEGIN QUESTION`` raw cells with ``name``, ``points`` and ``manual``).

    Returns:
        (assignment name, questions in notebook order).

    Raises:
        GradingError: the file is not a notebook, or has no assignment name.
    """
    try:
        nb = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise GradingError(f"{path}: cannot read the master notebook ({exc})") from None
    name = None
    questions: list[QuestionInfo] = []
    current: QuestionInfo | None = None
    in_solution = False
    for cell in nb.get("cells", []):
        text = _source(cell)
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
            continue
        if current is not None and cell.get("cell_type") == "markdown":
            if in_solution:
                current.rubric = (current.rubric + "\n\n" + text).strip()
            elif not current.prompt:
                current.prompt = text.strip()
    if not name:
        raise GradingError(f"{path}: the '# ASSIGNMENT CONFIG' raw cell gives no assignment name")
    return str(name), questions


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


def _run(cmd: list[str], cwd: Path, timeout: float | None) -> tuple[int, str, float]:
    """Run a command in its own process group; kill the whole group on timeout.

    Returns:
        (return code, stdout and stderr merged, seconds); the return code is -9 after a timeout.
    """
    import time

    start = time.perf_counter()
    proc = subprocess.Popen(
        cmd, cwd=cwd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, start_new_session=True
    )
    try:
        out, _ = proc.communicate(timeout=timeout)
        code = proc.returncode
    except subprocess.TimeoutExpired:
        try:
            os.killpg(proc.pid, signal.SIGKILL)  # the otter process and the kernel it started
        except ProcessLookupError:
            pass
        out, _ = proc.communicate()
        code = -9
    return code, out or "", time.perf_counter() - start


def _stable_ids(nb: dict, stem: str) -> dict:
    for i, cell in enumerate(nb.get("cells", [])):
        if "id" in cell:
            cell["id"] = f"{stem.replace('_', '-')}-{i:03d}"
    return nb


def _assign_one(master: Path, build: Path, timeout: float | None) -> AssignResult:
    name, questions = read_master(master)
    out_dir = build / master.stem
    if out_dir.exists():
        shutil.rmtree(out_dir)
    code, output, seconds = _run([sys.executable, "-m", "otter", "assign", str(master), str(out_dir)], master.parent, timeout)
    if code != 0:
        lines = [l for l in output.splitlines() if "Kernel is running over TCP" not in l]
        raise GradingError(f"otter assign failed for {master.name} (exit {code}):\n" + "\n".join(lines[-40:]))
    student = out_dir / "student" / master.name
    zips = sorted((out_dir / "autograder").glob(f"{master.stem}-autograder_*.zip"))
    if not student.is_file() or not zips:
        raise GradingError(f"otter assign wrote no student notebook or autograder zip for {master.name} in {out_dir}")
    nb = _stable_ids(json.loads(student.read_text(encoding="utf-8")), master.stem)
    student.write_text(json.dumps(nb, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    manifest = {
        "assignment": name,
        "stem": master.stem,
        "master": str(master),
        "autograder_zip": zips[-1].name,
        "questions": [q.to_dict() for q in questions],
    }
    (out_dir / MANIFEST).write_text(json.dumps(manifest, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    return AssignResult(master.stem, name, student, zips[-1], seconds)


def assign(
    root: Path,
    build: Path,
    only: list[str] | None = None,
    copy_student: bool = True,
    jobs: int = 2,
    timeout: float | None = 900,
) -> list[AssignResult]:
    """Generate the student versions and autograders of the masters with ``otter assign``.

    ``otter assign`` also runs every test (hidden ones included) against the solution version and
    fails if it does not get full marks, so a successful run proves that each solution passes.

    Args:
        root: the exercises folder (see :func:`exercises_dir`).
        build: output folder; one subfolder per master with otter's ``student/`` and
            ``autograder/`` and the manifest ``assignment.json``.
        only: masters to process (stems or numbers); all when None.
        copy_student: also copy each student version to ``root / "student"``.
        jobs: how many masters to process at once.
        timeout: seconds allowed per master (None: no limit).

    Returns:
        One :class:`AssignResult` per master, in master order.

    Raises:
        GradingError: otter is not installed, or otter rejected a master (its message is
            included); the other masters are still processed and all failures are listed.
    """
    _require_otter()
    masters = master_notebooks(root, only)
    build.mkdir(parents=True, exist_ok=True)
    results: dict[Path, AssignResult] = {}
    errors: list[str] = []
    with concurrent.futures.ThreadPoolExecutor(max_workers=max(1, jobs)) as pool:
        futures = {pool.submit(_assign_one, m, build.resolve(), timeout): m for m in masters}
        for fut in concurrent.futures.as_completed(futures):
            try:
                results[futures[fut]] = fut.result()
            except GradingError as exc:
                errors.append(str(exc))
    if errors:
        raise GradingError("\n\n".join(errors))
    ordered = [results[m] for m in masters]
    if copy_student:
        target = root / "student"
        target.mkdir(exist_ok=True)
        for r in ordered:
            shutil.copyfile(r.student, target / r.student.name)
    return ordered


# -- grade ------------------------------------------------------------------------------------


@dataclass
class Assignment:
    """An assignment ready to grade (read from a build folder's manifest)."""

    name: str
    stem: str
    autograder_zip: Path
    questions: list[QuestionInfo]

    @property
    def auto_questions(self) -> list[QuestionInfo]:
        return [q for q in self.questions if not q.manual]

    @property
    def written_questions(self) -> list[QuestionInfo]:
        return [q for q in self.questions if q.manual]


def built_assignments(build: Path) -> dict[str, Assignment]:
    """The assignments of a build folder, by assignment name.

    Raises:
        GradingError: the folder holds no assignment (run ``assign`` first).
    """
    out = {}
    for manifest in sorted(Path(build).glob(f"*/{MANIFEST}")):
        data = json.loads(manifest.read_text(encoding="utf-8"))
        zip_path = manifest.parent / "autograder" / data["autograder_zip"]
        questions = [QuestionInfo(**q) for q in data["questions"]]
        out[data["assignment"]] = Assignment(data["assignment"], data["stem"], zip_path, questions)
    if not out:
        raise GradingError(
            f"no built assignment in {build}; generate them first: "
            "uv run --group exercises python -m iranus.grading assign"
        )
    return out


@dataclass
class SubmissionResult:
    """The grade of one submitted file.

    Attributes:
        file: path of the submission, relative to the graded folder.
        assignment: assignment name ("" when it could not be told).
        status: ``"graded"``, ``"error"`` (could not be graded: not a notebook, unknown
            assignment, otter failure) or ``"timeout"``.
        message: why it could not be graded, or "".
        scores: autograded question -> points earned.
        possible: autograded question -> points possible.
        feedback: autograded question -> the test messages of the tests that failed.
        cell_errors: "the cell `<its first line>` raised ErrorName: message" for every cell that
            raised while grading.
        written: written question -> the learner's answer (Markdown).
    """

    file: str
    assignment: str = ""
    status: str = "graded"
    message: str = ""
    scores: dict[str, float] = field(default_factory=dict)
    possible: dict[str, float] = field(default_factory=dict)
    feedback: dict[str, str] = field(default_factory=dict)
    cell_errors: list[str] = field(default_factory=list)
    written: dict[str, str] = field(default_factory=dict)

    @property
    def total(self) -> float:
        return float(sum(self.scores.values()))

    @property
    def total_possible(self) -> float:
        return float(sum(self.possible.values()))


def _notebook_assignment(path: Path) -> tuple[str | None, dict | None, str]:
    """(assignment name, parsed notebook, problem) of a submission file."""
    try:
        nb = json.loads(path.read_text(encoding="utf-8"))
    except UnicodeDecodeError:
        return None, None, "not a text (UTF-8) file, so not a notebook"
    except ValueError as exc:
        return None, None, f"not a valid notebook: the JSON is broken ({exc})"
    if not isinstance(nb, dict) or not isinstance(nb.get("cells"), list):
        return None, None, "not a valid notebook: no list of cells"
    meta = nb.get("metadata")
    otter_meta = meta.get("otter") if isinstance(meta, dict) else None
    name = otter_meta.get("assignment_name") if isinstance(otter_meta, dict) else None
    return name, nb, "" if name else "the notebook carries no otter assignment name (is it an iranus exercise?)"


def written_answers(nb: dict, assignment: Assignment) -> dict[str, str]:
    """The learner's answers to the written questions, in order.

    Otter puts one Markdown answer cell (tag ``otter_answer_cell``) in each written question,
    between ``<!-- BEGIN QUESTION -->`` and ``<!-- END QUESTION -->`` cells; the k-th such block
    answers the k-th written question of the master.

    Returns:
        written question name -> answer text ("" when the block is missing or untouched).
    """
    blocks: list[str] = []
    inside = False
    current: list[str] = []
    for cell in nb.get("cells", []):
        if cell.get("cell_type") != "markdown":
            continue
        text = _source(cell)
        # otter writes "<!-- END QUESTION -->" and the next "<!-- BEGIN QUESTION -->" in one cell
        if inside and "<!-- END QUESTION -->" in text:
            blocks.append("\n\n".join(current).strip())
            inside = False
        if "<!-- BEGIN QUESTION -->" in text:
            inside, current = True, []
            continue
        if inside and "otter_answer_cell" in cell.get("metadata", {}).get("tags", []):
            current.append(text)
    out = {}
    for i, q in enumerate(assignment.written_questions):
        answer = blocks[i] if i < len(blocks) else ""
        out[q.name] = "" if answer.startswith("_Type your answer here") else answer
    return out


def grade_one(submission: Path, autograder_zip: Path) -> dict:
    """Grade one notebook with otter (no Docker, no network); the body of the ``grade-one`` step.

    Returns:
        dict with ``scores``, ``possible``, ``feedback`` (question -> messages of failed tests)
        and ``cell_errors`` (one line per cell that raised, naming the cell by its first line).

    Raises:
        GradingError: otter is not installed. Anything otter raises propagates.
    """
    _require_otter()
    from otter.api import grade_submission

    results = grade_submission(str(submission), str(autograder_zip), quiet=True)
    if results.catastrophic_error is not None:
        raise RuntimeError(f"otter could not grade the notebook: {results.catastrophic_error}")
    scores, possible, feedback = {}, {}, {}
    for name, tf in results.results.items():
        scores[name] = float(tf.score)
        possible[name] = float(tf.possible)
        failed = [r.message for r in tf.test_case_results if not r.passed]
        if failed:
            feedback[name] = "\n".join(failed)
    cell_errors = []
    for cell in (results.notebook or {}).get("cells", []):
        for out in cell.get("outputs", []) if cell.get("cell_type") == "code" else []:
            if out.get("output_type") == "error":
                first = next((l.strip() for l in _source(cell).splitlines() if l.strip()), "")
                shown = first if len(first) <= 70 else first[:67] + "..."
                cell_errors.append(f"the cell `{shown}` raised {out.get('ename')}: {out.get('evalue')}")
    return {"scores": scores, "possible": possible, "feedback": feedback, "cell_errors": cell_errors}


def _grade_file(path: Path, folder: Path, assignments: dict[str, Assignment], forced: str | None, timeout: float) -> SubmissionResult:
    rel = str(path.relative_to(folder))
    name, nb, problem = _notebook_assignment(path)
    if nb is None:
        return SubmissionResult(rel, status="error", message=problem)
    if forced is not None:
        name = forced
    elif not name:
        return SubmissionResult(rel, status="error", message=problem)
    if name not in assignments:
        known = ", ".join(sorted(assignments))
        return SubmissionResult(rel, name, "error", f"assignment {name!r} is not built here (built: {known})")
    assignment = assignments[name]
    result = SubmissionResult(rel, name, written=written_answers(nb, assignment))
    result.possible = {q.name: q.points for q in assignment.auto_questions}
    result.scores = {q.name: 0.0 for q in assignment.auto_questions}
    with tempfile.TemporaryDirectory(prefix="iranus-grade-") as tmp:
        out_json = Path(tmp) / "result.json"
        # under its original name, so that the notebook's own otter.Notebook("NN_name.ipynb") finds itself
        copy = Path(tmp) / "submission" / f"{assignment.stem}.ipynb"
        copy.parent.mkdir()
        shutil.copyfile(path, copy)
        cmd = [sys.executable, "-m", "iranus.grading", "grade-one", str(copy), str(assignment.autograder_zip), str(out_json)]
        code, output, _ = _run(cmd, Path(tmp), timeout)
        if code == -9:
            result.status, result.message = "timeout", f"grading took longer than {timeout:g} s and was stopped"
            return result
        if code != 0 or not out_json.is_file():
            lines = [l for l in output.strip().splitlines() if l.strip() and "Kernel is running over TCP" not in l]
            result.status, result.message = "error", (lines[-1] if lines else f"otter exited with code {code}")
            return result
        data = json.loads(out_json.read_text(encoding="utf-8"))
    result.scores.update(data["scores"])
    result.possible.update(data["possible"])
    result.feedback = data["feedback"]
    result.cell_errors = data["cell_errors"]
    return result


def submission_files(folder: Path) -> list[Path]:
    """Every ``.ipynb`` under ``folder`` (recursively, checkpoints skipped), sorted.

    Raises:
        GradingError: the folder does not exist or holds no notebook.
    """
    folder = Path(folder)
    if not folder.is_dir():
        raise GradingError(f"submissions folder {folder} does not exist")
    files = sorted(p for p in folder.rglob("*.ipynb") if ".ipynb_checkpoints" not in p.parts)
    if not files:
        raise GradingError(f"no .ipynb file in {folder}")
    return files


def grade(
    folder: Path,
    build: Path,
    assignment: str | None = None,
    timeout: float = DEFAULT_TIMEOUT,
    jobs: int = 2,
) -> list[SubmissionResult]:
    """Grade every notebook in a folder; never stops at a bad file.

    Each file is graded in its own process with a time limit. The assignment of a file is read
    from its notebook metadata (otter writes it into the student version), so one folder may hold
    submissions of several assignments; ``assignment`` forces one for all files.

    Args:
        folder: the submissions (searched recursively for ``*.ipynb``).
        build: the build folder of ``assign`` (autograders and manifests).
        assignment: assignment name to use for every file, or None to read it from each file.
        timeout: seconds allowed per file.
        jobs: files graded at once.

    Returns:
        One :class:`SubmissionResult` per file, in file order.

    Raises:
        GradingError: otter missing, no built assignment, no such folder or no notebook in it,
            or an unknown forced ``assignment``.
    """
    _require_otter()
    assignments = built_assignments(build)
    if assignment is not None and assignment not in assignments:
        raise GradingError(f"--assignment {assignment!r} is not built; built: {', '.join(sorted(assignments))}")
    folder = Path(folder).resolve()
    files = submission_files(folder)
    with concurrent.futures.ThreadPoolExecutor(max_workers=max(1, jobs)) as pool:
        return list(pool.map(lambda p: _grade_file(p, folder, assignments, assignment, timeout), files))


# -- outputs ----------------------------------------------------------------------------------


def write_csv(results: list[SubmissionResult], path: Path, assignments: dict[str, Assignment]) -> None:
    """Write the scores, one row per submitted file.

    Columns: ``file``, ``assignment``, ``status``, ``auto_score``, ``auto_possible`` (points of
    the automatic checks), one column per autograded question (points earned), one column per
    written question (left empty for the human grader, who fills it in with the rubric),
    ``written_possible`` and ``problems`` (why a file was not graded, and cells that raised).
    Question columns are the union over the assignments present, in assignment order.
    """
    present = [a for a in assignments.values() if any(r.assignment == a.name for r in results)]
    auto_cols = [q.name for a in present for q in a.auto_questions]
    written_cols = [q.name for a in present for q in a.written_questions]
    header = ["file", "assignment", "status", "auto_score", "auto_possible", *auto_cols, *written_cols, "written_possible", "problems"]
    with open(path, "w", newline="", encoding="utf-8") as fh:
        writer = csv.writer(fh)
        writer.writerow(header)
        for r in results:
            a = assignments.get(r.assignment)
            row = {
                "file": r.file,
                "assignment": r.assignment,
                "status": r.status,
                "auto_score": f"{r.total:g}" if r.possible else "0",
                "auto_possible": f"{r.total_possible:g}",
                "written_possible": f"{sum(q.points for q in a.written_questions):g}" if a else "",
                "problems": "; ".join(([r.message] if r.message else []) + r.cell_errors),
            }
            for q in auto_cols:
                row[q] = f"{r.scores[q]:g}" if q in r.scores else ""
            writer.writerow([row.get(c, "") for c in header])


def _quote(text: str) -> str:
    return "\n".join("> " + line for line in text.splitlines()) if text.strip() else "> *(no answer)*"


def report_markdown(results: list[SubmissionResult], assignments: dict[str, Assignment]) -> str:
    """A readable grading report (Markdown): a summary table, then one section per file.

    Each section gives the automatic score per question with the messages of the tests that
    failed, the cells that raised, and the written answers to grade by hand; the rubrics of the
    written questions follow once per assignment at the end.
    """
    lines = ["# Grading report", "", "| file | assignment | status | automatic checks | written (to grade) |", "|---|---|---|---|---|"]
    for r in results:
        a = assignments.get(r.assignment)
        auto = f"{r.total:g} / {r.total_possible:g}" if r.possible else "-"
        written = f"{sum(q.points for q in a.written_questions):g} points" if a else "-"
        lines.append(f"| {r.file} | {r.assignment or '?'} | {r.status} | {auto} | {written} |")
    for r in results:
        lines += ["", f"## {r.file}", ""]
        if r.status != "graded":
            lines += [f"**Not graded ({r.status}):** {r.message}", ""]
            if r.status == "error" and not r.possible:
                continue
        lines.append(f"Assignment `{r.assignment}`; automatic checks: **{r.total:g} / {r.total_possible:g}**")
        lines.append("")
        for q, pts in r.possible.items():
            mark = "full marks" if r.scores.get(q, 0) >= pts else "not passed" if r.scores.get(q, 0) == 0 else "partly passed"
            lines.append(f"- `{q}`: {r.scores.get(q, 0):g} / {pts:g} ({mark})")
            if q in r.feedback:
                lines += ["", "  ```", *("  " + l for l in r.feedback[q].splitlines()), "  ```", ""]
        if r.cell_errors:
            lines += ["", "Cells that raised an error while grading (later cells still ran):", ""]
            lines += [f"- {e}" for e in r.cell_errors]
        a = assignments.get(r.assignment)
        if a and a.written_questions:
            lines += ["", "Written answers (grade with the rubric at the end of this report):", ""]
            for q in a.written_questions:
                lines += [f"**`{q.name}`** ({q.points:g} points)", "", _quote(r.written.get(q.name, "")), ""]
    shown = [a for a in assignments.values() if any(r.assignment == a.name for r in results)]
    for a in shown:
        if a.written_questions:
            lines += ["", f"# Rubrics: {a.name}", ""]
            for q in a.written_questions:
                lines += [f"## `{q.name}` ({q.points:g} points)", "", q.prompt, "", q.rubric or "*(no rubric in the master)*", ""]
    return "\n".join(lines).rstrip() + "\n"


# -- command line -----------------------------------------------------------------------------


def _parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        prog="python -m iranus.grading",
        description="Generate student versions and grade submissions of the iranus exercises (otter-grader, offline, no Docker).",
    )
    sub = p.add_subparsers(dest="command", required=True)
    a = sub.add_parser("assign", help="generate student versions and autograders from exercises/master/")
    a.add_argument("--exercises", default=None, help="the exercises folder (default: ./exercises)")
    a.add_argument("--build", default=None, help="output folder (default: <exercises>/_build)")
    a.add_argument("--only", nargs="*", default=None, help="masters to process, e.g. 02 or 02_agendas")
    a.add_argument("--no-copy", action="store_true", help="do not copy the student versions to <exercises>/student/")
    a.add_argument("--jobs", type=int, default=2)
    g = sub.add_parser("grade", help="grade a folder of submitted notebooks to a CSV and a report")
    g.add_argument("submissions", help="folder of .ipynb files (searched recursively)")
    g.add_argument("--exercises", default=None, help="the exercises folder (default: ./exercises)")
    g.add_argument("--build", default=None, help="the build folder of 'assign' (default: <exercises>/_build)")
    g.add_argument("--assignment", default=None, help="grade every file as this assignment (default: read each file's)")
    g.add_argument("--csv", default="scores.csv", help="CSV of scores to write (default: scores.csv)")
    g.add_argument("--report", default="grading_report.md", help="Markdown report to write (default: grading_report.md)")
    g.add_argument("--timeout", type=float, default=DEFAULT_TIMEOUT, help="seconds per file (default: 300)")
    g.add_argument("--jobs", type=int, default=2)
    one = sub.add_parser("grade-one", help=argparse.SUPPRESS)
    one.add_argument("submission")
    one.add_argument("autograder_zip")
    one.add_argument("out_json")
    return p


def main(argv: list[str] | None = None) -> int:
    """Command line entry point; returns the exit code (0 ok, 1 some file not graded, 2 error)."""
    args = _parser().parse_args(argv)
    try:
        if args.command == "grade-one":
            data = grade_one(Path(args.submission), Path(args.autograder_zip))
            Path(args.out_json).write_text(json.dumps(data), encoding="utf-8")
            return 0
        if args.command == "assign":
            root = exercises_dir(args.exercises)
            build = Path(args.build) if args.build else root / "_build"
            done = assign(root, build, args.only, copy_student=not args.no_copy, jobs=args.jobs)
            for r in done:
                where = root / "student" / r.student.name if not args.no_copy else r.student
                print(f"{r.stem}: student version {where}; autograder {r.autograder_zip} ({r.seconds:.0f} s, solutions pass all tests)")
            return 0
        build = Path(args.build) if args.build else exercises_dir(args.exercises) / "_build"
        assignments = built_assignments(build)
        results = grade(Path(args.submissions), build, args.assignment, args.timeout, args.jobs)
        write_csv(results, Path(args.csv), assignments)
        Path(args.report).write_text(report_markdown(results, assignments), encoding="utf-8")
        for r in results:
            detail = f"{r.total:g} / {r.total_possible:g}" if r.status == "graded" else f"{r.status}: {r.message}"
            print(f"{r.file}: {detail}")
        print(f"scores: {args.csv}; report: {args.report}")
        return 0 if all(r.status == "graded" for r in results) else 1
    except GradingError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(main())
