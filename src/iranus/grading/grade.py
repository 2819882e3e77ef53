"""``iranus grade``: grade a folder of submissions, each in its own sandbox; never stop at a bad file.

For each ``*.ipynb`` under the folder, in order:

1. read it (an unreadable file gets status ``unreadable`` and **no** score, not 0) and find its
   assignment from the otter metadata, so the file name does not matter;
2. compare its cells with the student version by cell id: a deleted prompt or answer cell, or an
   answer cell whose type changed, is reported, and written answers are read from their own
   answer cells (not by position);
3. grade it with otter inside the bubblewrap sandbox (:mod:`iranus.grading.sandbox`), with a
   **canary** case added to every test file of its private copy of the autograder: a copy of one
   of the file's own cases, at a random place, named by otter like the others
   (``"<question> - <position>"``), whose last assertion can never hold. It must fail, so a
   submission that makes the tests pass (say, by replacing otter's test ``run`` method, even one
   that spares files or cases named like a canary) is caught: status ``forged``, score withheld.
   The score counts the real cases only;
4. scan its code for tampering with the test machinery or the sandbox (otter internals, ``/proc``,
   shell commands, file access outside its folder, hidden or dynamic code such as
   ``exec(bytes.fromhex(...))``): flagged for a human look, score kept; so is a cell that hit a
   sandbox limit or was refused (``MemoryError``, ``PermissionError``...);
5. flag duplicates: byte-identical files, and several files of one student (one subfolder) for
   one assignment.

A time-out is status ``timeout`` with the cell that was running, and no score.
"""

from __future__ import annotations

import concurrent.futures
import hashlib
import io
import json
import queue
import re
import secrets
import sys
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import GradingError
from . import sandbox
from .assign import MANIFEST, QuestionInfo, harness_digest, require_otter, source, tests_digest

#: Default time limit for grading one submission (seconds).
DEFAULT_TIMEOUT = 300
#: Range of the unprivileged user ids the sandboxes run as when grading as root: one per worker,
#: from a random base per run, so that two gradings at once never share a process limit.
UID_RANGE = (200_000, 900_000)
#: Statuses with a score; every other status has none.
SCORED = ("graded", "flagged")

#: Code in a submission that touches the test machinery, the sandbox or files outside its folder.
SUSPICIOUS = {
    r"\botter\.(test_files|execute|run|check|api)\b|\bTestFile\b|\bChecker\b|\bGradingResults\b|\btest_case\b": "uses otter's test machinery",
    r"\b(os\.system|subprocess|os\.popen|os\.exec\w*|pty\.spawn|os\.fork)\b|^\s*!|^\s*%+(system|sx|bash|sh|script)\b": "runs shell commands or new processes",
    r"/proc\b|\bsys\.modules\b|__code__|\bsetattr\(|\bbuiltins\b|\bctypes\b": "patches the interpreter or reads /proc",
    r"\bopen\(|\bshutil\.|\bos\.(remove|unlink|rename|replace|listdir|walk|scandir|chmod)\b|\bPath\(|\bglob\b|\bzipfile\b": "reads or writes files",
    r"\bsocket\b|\burllib\b|\brequests\b|\bhttp\.client\b": "opens network connections",
    r"\b(exec|eval|compile)\s*\(|__import__|\bimportlib\b|\bgetattr\(\s*(os|sys|builtins|otter|importlib|subprocess|shutil|"
    r"ctypes|io|pathlib|nbconvert|jupyter_client)\b|\bbase64\b|\bfromhex\b|\bcodecs\b|\bmarshal\b|\bpickle\b|"
    r"\bctypes\b|\bsys\.modules\b|\b(globals|locals|vars)\(\)\s*\[|\bsetattr\(":
        "runs hidden or dynamic code (exec/eval/compile, imports by name, decoded bytes, pickle, setattr)",
}

#: Errors in a cell that mean the code hit a sandbox limit or was refused by the sandbox (a human looks).
LIMIT_ERRORS = {
    r"raised MemoryError": "ran out of memory (the sandbox's memory limit)",
    r"raised PermissionError": "was refused by the sandbox (PermissionError: an attempt to reach outside its folder?)",
    r"raised (BlockingIOError|OSError|IOError): \[Errno (11|24|27|28|30)\]":
        "hit a sandbox limit (processes, open files, file size, disk space or the read-only system)",
    r"raised RecursionError": "hit the recursion limit",
}


@dataclass
class Assignment:
    """An assignment ready to grade (read from a build folder's manifest)."""

    name: str
    stem: str
    autograder_zip: Path
    questions: list[QuestionInfo]
    layout: dict = field(default_factory=dict)
    tests_sha256: str = ""
    harness_sha256: str = ""

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
        out[data["assignment"]] = Assignment(
            data["assignment"], data["stem"], zip_path, questions, data.get("layout", {}),
            data.get("tests_sha256", ""), data.get("harness_sha256", ""),
        )
    if not out:
        raise GradingError(
            f"no built assignment in {build}; generate them first: "
            "uv run --group exercises iranus assign --exercises EXERCISES --build BUILD"
        )
    return out


@dataclass
class SubmissionResult:
    """The grade of one submitted file.

    Attributes:
        file: path of the submission, relative to the graded folder.
        assignment: assignment name ("" when it could not be told).
        status: ``"graded"``; ``"flagged"`` (graded, but needs a human look: see ``flags``);
            ``"forged"`` (a canary case passed or was not run, or otter reported other cases than
            the tests hold: the test machinery was tampered with; score withheld); ``"timeout"`` (no score; ``message`` names the cell that hung);
            ``"unreadable"`` (not a notebook: no score); ``"error"`` (unknown assignment,
            otter or sandbox failure: no score).
        message: why it has no score, or "".
        scores: autograded question -> points earned (empty when there is no score).
        possible: autograded question -> points possible.
        feedback: autograded question -> the test messages of the tests that failed.
        cell_errors: "the cell `<first line>` raised ErrorName: message", per cell that raised.
        raised: automatic question -> "ErrorName: message" when one of its answer cells raised
            (:func:`answer_cells_raised`): its failed tests then read no answer, and the report
            says that the cell raised, not that there is no answer yet.
        written: written question -> the learner's answer (Markdown), read from its own cell.
        flags: why a human should look (structure changes, suspicious code, sandbox limits hit,
            duplicates, unsafe).
        sha256: digest of the file's bytes.
        seconds: wall-clock time of the sandboxed run.
    """

    file: str
    assignment: str = ""
    status: str = "graded"
    message: str = ""
    scores: dict[str, float] = field(default_factory=dict)
    possible: dict[str, float] = field(default_factory=dict)
    feedback: dict[str, str] = field(default_factory=dict)
    cell_errors: list[str] = field(default_factory=list)
    raised: dict[str, str] = field(default_factory=dict)
    written: dict[str, str] = field(default_factory=dict)
    flags: list[str] = field(default_factory=list)
    sha256: str = ""
    seconds: float = 0.0

    @property
    def scored(self) -> bool:
        return self.status in SCORED

    @property
    def total(self) -> float | None:
        return float(sum(self.scores.values())) if self.scored else None

    @property
    def total_possible(self) -> float:
        return float(sum(self.possible.values()))

    @property
    def needs_look(self) -> bool:
        return self.status != "graded" or bool(self.flags)


# -- reading a submission ---------------------------------------------------------------------


def read_submission(data: bytes) -> tuple[str | None, dict | None, str]:
    """(assignment name, parsed notebook, problem) of a submission's bytes."""
    if not data.strip():
        return None, None, "the file is empty"
    try:
        nb = json.loads(data.decode("utf-8"))
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


def _first_line(text: str) -> str:
    first = next((l.strip() for l in text.splitlines() if l.strip()), "")
    return first if len(first) <= 70 else first[:67] + "..."


def structure(nb: dict, assignment: Assignment) -> tuple[dict[str, str], list[str]]:
    """Written answers read from their own cells, and the structure changes found.

    Cells are matched by id against the student version's layout (the manifest), so a deleted
    or moved cell does not shift answers under the wrong question. Without ids (an old editor
    stripped them), answers are read by position and that is reported.

    Returns:
        (written question -> answer text ("" when untouched or missing), list of problems).
    """
    cells = {c.get("id"): c for c in nb.get("cells", []) if isinstance(c, dict) and c.get("id")}
    known = {cid for q in assignment.layout.values() for cid in [q["prompt"], *q["answers"]]}
    problems: list[str] = []
    written: dict[str, str] = {}
    if assignment.layout and not (known & set(cells)):
        problems.append("the notebook's cells carry no ids of the student version: written answers read by position")
        return _written_by_position(nb, assignment), problems
    for q in assignment.questions:
        spot = assignment.layout.get(q.name)
        if spot is None:
            continue
        if spot["prompt"] not in cells:
            problems.append(f"the prompt cell of `{q.name}` was deleted")
        texts = []
        for cid in spot["answers"]:
            cell = cells.get(cid)
            if cell is None:
                problems.append(f"the answer cell of `{q.name}` was deleted")
                continue
            was, now = spot["types"].get(cid), cell.get("cell_type")
            if was and now != was:
                problems.append(f"the answer cell of `{q.name}` was turned from {was} into {now}: its code did not run")
            texts.append(source(cell))
        if q.manual:
            answer = "\n\n".join(texts).strip()
            written[q.name] = "" if answer.startswith("_Type your answer here") else answer
    return written, problems


def _written_by_position(nb: dict, assignment: Assignment) -> dict[str, str]:
    blocks: list[str] = []
    inside, current = False, []
    for cell in nb.get("cells", []):
        if cell.get("cell_type") != "markdown":
            continue
        text = source(cell)
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


def suspicious_code(nb: dict, student_nb: dict | None = None) -> list[str]:
    """What a submission's code does that an exercise never needs (see :data:`SUSPICIOUS`).

    Lines also present in the student version (the otter init cell, the given code) are ignored.

    Returns:
        One line per kind found, naming the first cell where it occurs.
    """
    given = set()
    for cell in (student_nb or {}).get("cells", []):
        given.update(l.strip() for l in source(cell).splitlines())
    found: dict[str, str] = {}
    for cell in nb.get("cells", []):
        if not isinstance(cell, dict) or cell.get("cell_type") != "code":
            continue
        text = "\n".join(l for l in source(cell).splitlines() if l.strip() not in given)
        for pattern, what in SUSPICIOUS.items():
            if what not in found and re.search(pattern, text, re.MULTILINE):
                found[what] = _first_line(source(cell))
    return [f"suspicious code: {what} (cell `{first}`)" for what, first in found.items()]


_CELL_ERROR = re.compile(r"^the cell `(?P<first>.*)` raised (?P<error>[\w.]+: .*)$", re.DOTALL)


def answer_cells_raised(nb: dict, assignment: Assignment, cell_errors: list[str]) -> dict[str, str]:
    """The automatic questions whose answer cell raised while grading, with the error.

    A cell error (``"the cell `<first line>` raised KeyError: 'gap_size'"``, as :func:`inside`
    reports it) belongs to a question when the submission's cell with that first line is one of
    the question's answer cells (the student version's layout, matched by cell id).

    Args:
        nb: the submitted notebook (parsed).
        assignment: its assignment (the layout of the student version).
        cell_errors: the cell errors of the graded run.

    Returns:
        question name -> ``"ErrorName: message"`` (the first error of its answer cells); empty
        when no answer cell raised, or when the notebook's cells carry no ids (then the cells
        that raised are still listed, unpaired).
    """
    errors = {}
    for text in cell_errors:
        m = _CELL_ERROR.match(text)
        if m:
            errors.setdefault(m["first"], m["error"])
    if not errors:
        return {}
    cells = {c.get("id"): c for c in nb.get("cells", []) if isinstance(c, dict) and c.get("id")}
    out: dict[str, str] = {}
    for q in assignment.auto_questions:
        for cid in (assignment.layout.get(q.name) or {}).get("answers", []):
            cell = cells.get(cid)
            if cell is not None and cell.get("cell_type") == "code":
                error = errors.get(_first_line(source(cell)))
                if error is not None:
                    out[q.name] = error
                    break
    return out


def limit_errors(cell_errors: list[str]) -> list[str]:
    """Flags for the cell errors that mean a sandbox limit or refusal (see :data:`LIMIT_ERRORS`)."""
    out = []
    for error in cell_errors:
        for pattern, what in LIMIT_ERRORS.items():
            if re.search(pattern, error):
                out.append(f"{what}: {error}")
                break
    return out


# -- the part that runs inside the sandbox ------------------------------------------------------


#: Name endings of the canary cases: like those of the real hidden cases.
CANARY_SUFFIXES = ("other_inputs", "other_dates", "other_actors", "edge_cases", "more_series", "second_table",
                   "earlier_cut", "other_values", "robustness", "other_rows")


def _always_false(param: str, rng: secrets.SystemRandom) -> str:
    """An expression that is False whatever the answer (or raises, which fails the case too)."""
    return rng.choice([f"{param} is not {param}", f"len(repr({param})) < 0", f"type({param}) is not type({param})"])


def _canary_source(text: str, rng: secrets.SystemRandom) -> tuple[str, str] | None:
    """A test file's source with one more case, a perturbed copy of one of its own cases, which must fail.

    The copy keeps the real case's body (same calls of the learner's code, same messages), gets a
    name like those of the real hidden cases, a random hidden flag, a random place among the cases,
    and a last assertion that can never hold. Returns (new source, canary case name), or None when
    the file has no test case to copy.
    """
    import ast
    import copy

    tree = ast.parse(text)
    cases = [i for i, n in enumerate(tree.body) if isinstance(n, ast.FunctionDef)
             and any(isinstance(d, ast.Call) and getattr(d.func, "id", "") == "test_case" for d in n.decorator_list)]
    if not cases:
        return None
    original = tree.body[rng.choice(cases)]
    case = copy.deepcopy(original)
    taken = {tree.body[i].name for i in cases}
    stem = re.sub(r"^test_", "", next((tree.body[i].name for i in cases), "test_q"))
    name = f"test_{stem}_{rng.choice(CANARY_SUFFIXES)}"
    while name in taken:
        name += f"_{rng.randrange(2, 9)}"
    case.name = name
    for d in case.decorator_list:
        if isinstance(d, ast.Call):
            for kw in d.keywords:
                if kw.arg == "hidden":
                    kw.value = ast.Constant(rng.random() < 0.5)
    param = case.args.args[0].arg if case.args.args else "None"
    false = ast.parse(_always_false(param, rng), mode="eval").body
    last = case.body[-1]
    if isinstance(last, ast.Assert):
        last.test = ast.BoolOp(ast.And(), [last.test, false])
    else:
        case.body.append(ast.Assert(false, None))
    for d in case.decorator_list:  # otter then names it "<file name> - <position>", like the real cases
        if isinstance(d, ast.Call):
            d.keywords = [kw for kw in d.keywords if kw.arg != "name"]
    at = rng.choice(cases) + rng.randrange(2)
    tree.body.insert(at, case)
    position = sum(1 for n in tree.body[:at] if n in [tree.body[i] for i in cases]) + 1
    label = next((n.value.value for n in tree.body if isinstance(n, ast.Assign) and isinstance(n.value, ast.Constant)
                  and any(getattr(t, "id", "") == "name" for t in n.targets)), "")
    return ast.unparse(ast.fix_missing_locations(tree)) + "\n", f"{label} - {position}"


def _with_canary(zip_bytes: bytes) -> tuple[bytes, dict[str, str]]:
    """A copy of an autograder zip with a canary case in every test file (see :func:`_canary_source`).

    Returns:
        (the new zip's bytes, test file name (the question) -> its canary case's name).
    """
    rng = secrets.SystemRandom()
    out = io.BytesIO()
    canaries: dict[str, str] = {}
    with zipfile.ZipFile(io.BytesIO(zip_bytes)) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for item in src.infolist():
            data = src.read(item.filename)
            if re.fullmatch(r"tests/[^/]+\.py", item.filename):
                made = _canary_source(data.decode("utf-8"), rng)
                if made:
                    data = made[0].encode("utf-8")
                    canaries[Path(item.filename).stem] = made[1]
            dst.writestr(item, data)
    return out.getvalue(), canaries


def _case_points(total: float, explicit: list[float | None]) -> list[float]:
    """Points of each case of a test file, as otter resolves them (explicit ones, the rest shared)."""
    pre = sum(p for p in explicit if p is not None)
    rest = sum(1 for p in explicit if p is None)
    share = (total - pre) / rest if rest else 0.0
    return [share if p is None else float(p) for p in explicit]


def inside(submission: str, autograder_zip: str, channel: int) -> int:
    """Grade one notebook with otter; runs in the sandbox (``python -m iranus.grading _inside``).

    Writes JSON lines to the descriptor ``channel``: ``{"cell": first line}`` before each cell
    runs, and at the end ``{"result": {"cases": {test file: [[case name, passed, message], ...]},
    "cell_errors": [...]}}``. Scores are computed outside (:func:`_judge`), where the canaries are known.
    """
    import os

    out = os.fdopen(channel, "w", buffering=1, encoding="utf-8")
    os.set_inheritable(channel, False)  # the student's kernel does not get the channel

    from nbconvert.preprocessors import ExecutePreprocessor

    original = ExecutePreprocessor.preprocess_cell

    def traced(self, cell, resources, index):
        out.write(json.dumps({"cell": _first_line(source(cell))}) + "\n")
        return original(self, cell, resources, index)

    ExecutePreprocessor.preprocess_cell = traced
    from otter.api import grade_submission

    results = grade_submission(submission, autograder_zip, quiet=True)
    if results.catastrophic_error is not None:
        print(f"otter could not grade the notebook: {results.catastrophic_error}", file=sys.stderr)
        return 3
    cases = {}  # test file -> [[case name, passed, message]]: scored outside, where the canaries are known
    for name, tf in results.results.items():
        cases[name] = [[r.test_case.name, bool(r.passed), str(r.message or "")] for r in tf.test_case_results]
    cell_errors = []
    for cell in (results.notebook or {}).get("cells", []):
        for o in cell.get("outputs", []) if cell.get("cell_type") == "code" else []:
            if o.get("output_type") == "error":
                cell_errors.append(f"the cell `{_first_line(source(cell))}` raised {o.get('ename')}: {o.get('evalue')}")
    result = {"cases": cases, "cell_errors": cell_errors}
    out.write(json.dumps({"result": result}) + "\n")
    out.close()
    return 0


# -- grading a folder ---------------------------------------------------------------------------


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


def _student_nb(assignment: Assignment) -> dict | None:
    path = assignment.autograder_zip.parent.parent / "student" / f"{assignment.stem}.ipynb"
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None


def grade_file(
    path: Path,
    folder: Path,
    assignments: dict[str, Assignment],
    forced: str | None,
    limits: sandbox.Limits,
    unsafe: bool = False,
    forbidden: list[Path] = (),
    uid: int = sandbox.NOBODY,
) -> SubmissionResult:
    """Grade one file (see the module's description); never raises for a bad submission.

    With ``unsafe``, the result (whatever its status, ``unreadable`` included) carries :data:`UNSAFE_FLAG`.
    """
    result = _grade_file(path, folder, assignments, forced, limits, unsafe, forbidden, uid)
    if unsafe and UNSAFE_FLAG not in result.flags:
        result.flags.insert(0, UNSAFE_FLAG)
    return result


#: The flag of every row graded with ``--unsafe``.
UNSAFE_FLAG = "UNSAFE: graded without the sandbox (--unsafe)"


def _grade_file(path, folder, assignments, forced, limits, unsafe, forbidden, uid) -> SubmissionResult:
    rel = str(path.relative_to(folder))
    try:
        data = path.read_bytes()
    except OSError as exc:
        return SubmissionResult(rel, status="unreadable", message=f"cannot read the file ({exc.strerror})")
    result = SubmissionResult(rel, sha256=hashlib.sha256(data).hexdigest())
    name, nb, problem = read_submission(data)
    if nb is None:
        result.status, result.message = "unreadable", problem
        return result
    name = forced or name
    if not name:
        result.status, result.message = "error", problem
        return result
    if name not in assignments:
        result.assignment, result.status = name, "error"
        result.message = f"assignment {name!r} is not built here (built: {', '.join(sorted(assignments))})"
        return result
    a = assignments[name]
    result.assignment = name
    result.possible = {q.name: q.points for q in a.auto_questions}
    result.written, changes = structure(nb, a)
    result.flags += changes
    result.flags += suspicious_code(nb, _student_nb(a))
    original_zip = a.autograder_zip.read_bytes()
    zip_bytes, canaries = _with_canary(original_zip)
    files = {f"{a.stem}.ipynb": data, "autograder.zip": zip_bytes}
    argv = ["iranus.grading", "_inside", f"{a.stem}.ipynb", "autograder.zip"]
    run = sandbox.run(files, argv, limits, unsafe=unsafe, forbidden=forbidden, uid=uid)
    result.seconds = run.seconds
    if run.code is None:
        where = f"; the cell running then: `{run.last_cell}`" if run.last_cell else ""
        result.status, result.message = "timeout", f"grading took longer than {limits.wall:g} s and was stopped{where}"
        return result
    if run.result is None:
        lines = [l for l in run.output.strip().splitlines() if l.strip() and "Kernel is running over TCP" not in l]
        tail = lines[-1] if lines else f"exit code {run.code}"
        if run.code in (-9, 137) or "MemoryError" in run.output:
            tail += f" (killed or out of memory; limit {limits.memory / 2**20:.0f} MiB)"
        result.status, result.message = "error", f"otter could not grade it: {tail}"
        return result
    result.cell_errors = list(run.result.get("cell_errors", []))
    result.raised = answer_cells_raised(nb, a, result.cell_errors)
    problem = _judge(run.result, canaries, _explicit_points(original_zip), a, result)
    result.flags += limit_errors(result.cell_errors)
    if problem:
        result.status, result.message = "forged", problem
        return result
    if result.flags:
        result.status = "flagged"
    return result


def _explicit_points(zip_bytes: bytes) -> dict[str, list[tuple[str | None, float | None]]]:
    """Test file -> its cases in order: (name given in ``test_case``, or None; points given, or None)."""
    import ast

    out: dict[str, list[tuple[str | None, float | None]]] = {}
    with zipfile.ZipFile(io.BytesIO(zip_bytes)) as z:
        for item in z.namelist():
            if not re.fullmatch(r"tests/[^/]+\.py", item):
                continue
            cases = []
            for node in ast.parse(z.read(item).decode("utf-8")).body:
                if isinstance(node, ast.FunctionDef):
                    for d in node.decorator_list:
                        if isinstance(d, ast.Call) and getattr(d.func, "id", "") == "test_case":
                            kws = {kw.arg: kw.value for kw in d.keywords}
                            pts, nm = kws.get("points"), kws.get("name")
                            cases.append((nm.value if isinstance(nm, ast.Constant) else None,
                                          pts.value if isinstance(pts, ast.Constant) else None))
            out[Path(item).stem] = cases
    return out


def _judge(got: dict, canaries: dict[str, str], explicit: dict, a: Assignment, result: SubmissionResult) -> str:
    """Score the real cases of each question into ``result``; return why it is forged ("" when not).

    Forged: a canary case passed, was not reported, or a real case is missing or unknown (the list
    of cases otter reported is not the one in the tests).
    """
    cases = got.get("cases", {})
    for q in a.auto_questions:
        reported = {c[0]: c for c in cases.get(q.name, [])}
        canary = canaries.get(q.name)
        if canary is not None and (canary not in reported or reported[canary][1]):
            return ("a canary test case (a copy of a real case that must fail) passed or was not run: the submission "
                    "tampered with otter's test machinery; score withheld")
        real = explicit.get(q.name, [])
        kept = [c for n, c in reported.items() if n != canary]  # the real cases, in the tests' order
        if real and len(kept) != len(real):
            return (f"otter reported {len(kept)} test cases for `{q.name}`, its tests have {len(real)}: the submission "
                    "tampered with otter's test machinery; score withheld")
        points = _case_points(q.points, [p for _, p in real] if real else [None] * len(kept))
        result.scores[q.name] = float(sum(p for p, c in zip(points, kept) if c[1]))
        failed = [c[2] for c in kept if not c[1]]
        if failed:
            result.feedback[q.name] = "\n".join(failed)
    return ""


def flag_duplicates(results: list[SubmissionResult]) -> None:
    """Flag byte-identical files, and several files of one student (subfolder) for one assignment."""
    by_hash: dict[str, list[SubmissionResult]] = {}
    by_student: dict[tuple[str, str], list[SubmissionResult]] = {}
    for r in results:
        if r.sha256:
            by_hash.setdefault(r.sha256, []).append(r)
        parts = Path(r.file).parts
        if len(parts) > 1 and r.assignment:
            by_student.setdefault((parts[0], r.assignment), []).append(r)
    for group in by_hash.values():
        if len(group) > 1:
            for r in group:
                others = ", ".join(o.file for o in group if o is not r)
                r.flags.append(f"duplicate: byte-identical to {others}")
    for (student, assignment), group in by_student.items():
        if len(group) > 1:
            for r in group:
                others = ", ".join(o.file for o in group if o is not r)
                r.flags.append(f"duplicate: {student}/ handed in several files for {assignment} (also {others})")
    for r in results:
        if r.flags and r.status == "graded":
            r.status = "flagged"


def grade(
    folder: Path,
    build: Path,
    assignment: str | None = None,
    limits: sandbox.Limits | None = None,
    jobs: int = 2,
    unsafe: bool = False,
) -> list[SubmissionResult]:
    """Grade every notebook in a folder, each in its own sandbox; never stops at a bad file.

    Args:
        folder: the submissions (searched recursively for ``*.ipynb``).
        build: the build folder of ``assign`` (autograders and manifests).
        assignment: assignment name to use for every file, or None to read it from each file.
        limits: resource and time limits per file (default :class:`sandbox.Limits`).
        jobs: files graded at once.
        unsafe: grade without the sandbox (refused otherwise when bubblewrap cannot run).

    Returns:
        One :class:`SubmissionResult` per file, in file order.

    Raises:
        GradingError: otter missing, no built assignment, no such folder or no notebook in it,
            an unknown forced ``assignment``, an autograder whose tests changed since ``assign``,
            or no working sandbox without ``unsafe`` (the message says how to proceed).
    """
    require_otter()
    limits = limits or sandbox.Limits()
    assignments = built_assignments(build)
    if assignment is not None and assignment not in assignments:
        raise GradingError(f"--assignment {assignment!r} is not built; built: {', '.join(sorted(assignments))}")
    if not unsafe:
        why = sandbox.check_sandbox()
        if why:
            raise GradingError(f"cannot sandbox the submissions: {why}. Refusing to run students' code unsandboxed; "
                               + sandbox.HOW_TO_FIX)
    for a in assignments.values():
        if a.tests_sha256 and tests_digest(a.autograder_zip.read_bytes()) != a.tests_sha256:
            raise GradingError(f"the tests in {a.autograder_zip} changed since assign; run assign again")
    folder = Path(folder).resolve()
    files = submission_files(folder)
    forbidden = [folder, Path(build).resolve()]
    uids: queue.Queue[int] = queue.Queue()
    base = secrets.randbelow(UID_RANGE[1] - UID_RANGE[0]) + UID_RANGE[0]
    for i in range(max(1, jobs)):  # one unprivileged uid per worker (used when grading as root)
        uids.put(base + i)

    def one(path: Path) -> SubmissionResult:
        uid = uids.get()
        try:
            return grade_file(path, folder, assignments, assignment, limits, unsafe, forbidden, uid)
        finally:
            uids.put(uid)

    with concurrent.futures.ThreadPoolExecutor(max_workers=max(1, jobs)) as pool:
        results = list(pool.map(one, files))
    flag_duplicates(results)
    harness = harness_digest()
    for a in assignments.values():
        if a.harness_sha256 and a.harness_sha256 != harness:
            for r in results:
                if r.assignment == a.name:
                    r.flags.append("otter's test-running code differs from the one at assign time (otter upgraded?)")
    return results
