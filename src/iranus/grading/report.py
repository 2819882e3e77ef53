"""``iranus report``: the scores CSV and the readable Markdown report of a graded folder.

The report starts with the submissions that **need a human look** and why (forged, timed out,
unreadable, not graded, structure changed, suspicious code, duplicates, unsandboxed), then a
summary table, then one section per file with the score per question, the messages of the tests
that failed (for a question whose answer cell raised, that it raised, not "no answer yet"), the
cells that raised, and the written answers under their own questions; the
rubrics follow at the end.
"""

from __future__ import annotations

import csv
import json
from dataclasses import asdict
from pathlib import Path

from .grade import Assignment, SubmissionResult

#: What each status means, for the report's legend.
STATUS_MEANING = {
    "graded": "graded, nothing to look at",
    "flagged": "graded, but look at the flags",
    "forged": "the test machinery was tampered with (a canary test case passed): score withheld",
    "timeout": "stopped at the time limit: no score (the cell that hung is named)",
    "unreadable": "not a notebook (empty, broken JSON): no score",
    "error": "could not be graded (unknown assignment, otter or sandbox failure): no score",
}


def write_csv(results: list[SubmissionResult], path: Path, assignments: dict[str, Assignment]) -> None:
    """Write the scores, one row per submitted file.

    Columns: ``file``, ``assignment``, ``status`` (see :data:`STATUS_MEANING`), ``needs_look``
    (yes/no), ``auto_score`` (empty when there is no score: never a made-up 0),
    ``auto_possible``, one column per autograded question, one empty column per written question
    (for the human grader), ``written_possible``, ``flags`` and ``problems`` (why there is no
    score; cells that raised), ``sha256``.
    """
    present = [a for a in assignments.values() if any(r.assignment == a.name for r in results)]
    auto_cols = [q.name for a in present for q in a.auto_questions]
    written_cols = [q.name for a in present for q in a.written_questions]
    header = ["file", "assignment", "status", "needs_look", "auto_score", "auto_possible", *auto_cols, *written_cols,
              "written_possible", "flags", "problems", "sha256"]
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "w", newline="", encoding="utf-8") as fh:
        writer = csv.writer(fh)
        writer.writerow(header)
        for r in results:
            a = assignments.get(r.assignment)
            row = {
                "file": r.file,
                "assignment": r.assignment,
                "status": r.status,
                "needs_look": "yes" if r.needs_look else "no",
                "auto_score": f"{r.total:g}" if r.total is not None else "",
                "auto_possible": f"{r.total_possible:g}" if r.possible else "",
                "written_possible": f"{sum(q.points for q in a.written_questions):g}" if a else "",
                "flags": "; ".join(r.flags),
                "problems": "; ".join(([r.message] if r.message else []) + r.cell_errors),
                "sha256": r.sha256,
            }
            for q in auto_cols:
                row[q] = f"{r.scores[q]:g}" if q in r.scores else ""
            writer.writerow([row.get(c, "") for c in header])


def write_json(results: list[SubmissionResult], path: Path) -> None:
    """Every result in full (for ``iranus report`` to rebuild the report later)."""
    Path(path).write_text(json.dumps([asdict(r) for r in results], ensure_ascii=False, indent=1), encoding="utf-8")


def read_json(path: Path) -> list[SubmissionResult]:
    """The results written by :func:`write_json`."""
    return [SubmissionResult(**r) for r in json.loads(Path(path).read_text(encoding="utf-8"))]


#: Phrases of the feedback on an answer that is not there ("No answer yet. Replace ... with your
#: answer"): what a test reads when the answer cell raised before it set its variable.
NO_ANSWER_PHRASES = ("No answer yet", "Replace ... with your answer", "Define the function", "returned nothing")


def raised_line(error: str) -> str:
    """The report's line for a question whose answer cell raised.

    >>> raised_line("KeyError: 'gap_size'")
    "your answer cell raised KeyError: 'gap_size'; the check could not read an answer"
    """
    return f"your answer cell raised {error}; the check could not read an answer"


def question_feedback(r: SubmissionResult, question: str) -> list[str]:
    """The failed tests' messages of one question as the report shows them.

    When the question's answer cell raised (``r.raised``), a failed test that says there is no
    answer yet is replaced by one line saying the cell raised (the student did answer: the check
    could not read it); other failed tests are kept.

    Returns:
        Lines of text (empty when no test of the question failed and no answer cell raised).
    """
    failed = r.feedback.get(question, "")
    error = r.raised.get(question)
    if error is None:
        return failed.splitlines()
    marker = "❌ Test case failed"
    parts = failed.split(marker)
    kept = [parts[0]] + [marker + p for p in parts[1:] if not any(phrase in p for phrase in NO_ANSWER_PHRASES)]
    if len(parts) == 1 and any(phrase in failed for phrase in NO_ANSWER_PHRASES):
        kept = []
    lines = [raised_line(error)]
    rest = "".join(kept).strip()
    return lines + (rest.splitlines() if rest else [])


def _quote(text: str) -> str:
    return "\n".join("> " + line for line in text.splitlines()) if text.strip() else "> *(no answer)*"


def report_markdown(results: list[SubmissionResult], assignments: dict[str, Assignment], unsafe: bool = False) -> str:
    """The grading report (Markdown); see the module's description."""
    lines = ["# Grading report", ""]
    if unsafe:
        lines += ["> **UNSAFE: the submissions ran WITHOUT the sandbox (--unsafe).** Students' code had the "
                  "grader's rights on this machine; do not trust these scores blindly.", ""]
    look = [r for r in results if r.needs_look]
    lines += [f"## Needs a human look ({len(look)} of {len(results)} files)", ""]
    if not look:
        lines.append("Nothing: every file was graded with no flag.")
    for r in look:
        why = ([r.message] if r.message else []) + r.flags
        lines.append(f"- **{r.file}** ({r.status}): " + "; ".join(why))
    lines += ["", "Statuses: " + "; ".join(f"`{k}` {v}" for k, v in STATUS_MEANING.items()) + ".", ""]
    lines += ["## Summary", "", "| file | assignment | status | automatic checks | written (to grade) |", "|---|---|---|---|---|"]
    for r in results:
        a = assignments.get(r.assignment)
        auto = f"{r.total:g} / {r.total_possible:g}" if r.total is not None else ("no score" if r.possible or not a else "-")
        written = f"{sum(q.points for q in a.written_questions):g} points" if a else "-"
        lines.append(f"| {r.file} | {r.assignment or '?'} | {r.status} | {auto} | {written} |")
    for r in results:
        lines += ["", f"## {r.file}", ""]
        if not r.scored:
            lines += [f"**Not graded ({r.status}):** {r.message}", ""]
        for f in r.flags:
            lines.append(f"- flag: {f}")
        if r.flags:
            lines.append("")
        if r.scored:
            lines.append(f"Assignment `{r.assignment}`; automatic checks: **{r.total:g} / {r.total_possible:g}**")
            lines.append("")
            for q, pts in r.possible.items():
                got = r.scores.get(q, 0)
                mark = "full marks" if got >= pts else "not passed" if got == 0 else "partly passed"
                lines.append(f"- `{q}`: {got:g} / {pts:g} ({mark})")
                shown = question_feedback(r, q)
                if shown:
                    lines += ["", "  ```", *("  " + l for l in shown), "  ```", ""]
        if r.cell_errors:
            lines += ["", "Cells that raised an error while grading (later cells still ran):", ""]
            lines += [f"- {e}" for e in r.cell_errors]
        a = assignments.get(r.assignment)
        if a and a.written_questions and r.status not in ("unreadable",):
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
