"""Build the sample submissions of exercise 02 from its student version and its master notebook.

Five files, one per case an instructor's grading run must survive (the test
``tests/test_exercises_otter.py`` grades them and checks the scores):

- ``full_marks.ipynb``: every answer cell filled with the master's solution code;
- ``blank.ipynb``: the student version untouched;
- ``partly_right.ipynb``: questions 1 and 3 right, question 2 a typical mistake, question 4 a
  function that returns the wrong issues;
- ``cell_raises.ipynb``: full marks except that the answer cell of question 3 raises a KeyError
  (grading must go on past it);
- ``not_json.ipynb``: a file cut off in the middle, as a failed upload leaves it.

Run from the checkout after changing ``exercises/master/02_agendas.ipynb`` and regenerating the
student versions::

    uv run python exercises/sample_submissions/make_samples.py          # rewrite the samples
    uv run python exercises/sample_submissions/make_samples.py --check  # exit 1 if stale
"""

from __future__ import annotations

import argparse
import copy
import json
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
EXERCISES = HERE.parent
STEM = "02_agendas"
OUT = HERE / STEM

#: What each sample should score on the automatic checks, question by question (the test reads it).
EXPECTED = {
    "full_marks.ipynb": {"e02_iran_refused": 1, "e02_iran_unnamed": 1, "e02_smallest_gap": 1, "e02_stated_issues": 2},
    "blank.ipynb": {"e02_iran_refused": 0, "e02_iran_unnamed": 0, "e02_smallest_gap": 0, "e02_stated_issues": 0},
    "partly_right.ipynb": {"e02_iran_refused": 1, "e02_iran_unnamed": 0, "e02_smallest_gap": 1, "e02_stated_issues": 0},
    "cell_raises.ipynb": {"e02_iran_refused": 1, "e02_iran_unnamed": 1, "e02_smallest_gap": 0, "e02_stated_issues": 2},
    "not_json.ipynb": None,  # cannot be graded: reported as an error
}

WRITTEN_ANSWER = (
    "Sample answer written for the grading test. Enrichment: zero enrichment, as Karoline Leavitt put it at the "
    "White House briefing of 5 February 2026 ('zero nuclear capability'; named official)."
)


def _source(cell: dict) -> str:
    src = cell.get("source", "")
    return "".join(src) if isinstance(src, list) else src


def solution_cells(master: dict) -> list[str]:
    """The code of every solution cell of the master, in order, with otter's markers removed."""
    out, inside = [], False
    for cell in master["cells"]:
        text = _source(cell).strip()
        if cell["cell_type"] == "raw" and text.upper().startswith("# BEGIN SOLUTION"):
            inside = True
        elif cell["cell_type"] == "raw" and text.upper().startswith("# END SOLUTION"):
            inside = False
        elif inside and cell["cell_type"] == "code":
            lines = []
            for line in _source(cell).splitlines():
                if line.strip() in ("# BEGIN SOLUTION", "# END SOLUTION"):
                    continue
                lines.append(line.split("  # SOLUTION")[0].rstrip())
            out.append("\n".join(lines))
    return out


def _answer_cells(nb: dict) -> list[dict]:
    return [c for c in nb["cells"] if c["cell_type"] == "code" and "otter_answer_cell" in c.get("metadata", {}).get("tags", [])]


def _written_cells(nb: dict) -> list[dict]:
    return [c for c in nb["cells"] if c["cell_type"] == "markdown" and "otter_answer_cell" in c.get("metadata", {}).get("tags", [])]


def full_marks(student: dict, master: dict) -> dict:
    """The student version with every answer cell replaced by the master's solution."""
    nb = copy.deepcopy(student)
    answers, solutions = _answer_cells(nb), solution_cells(master)
    if len(answers) != len(solutions):
        raise SystemExit(f"{STEM}: {len(answers)} answer cells in the student version but {len(solutions)} solutions in the master")
    for cell, code in zip(answers, solutions):
        cell["source"] = code
    for cell in _written_cells(nb):
        cell["source"] = WRITTEN_ANSWER
    return nb


def _replace(nb: dict, index: int, code: str) -> dict:
    nb = copy.deepcopy(nb)
    _answer_cells(nb)[index]["source"] = code
    return nb


def media_report_mistake() -> int:
    """The typical wrong count of question 2: Iran's unnamed statements plus its media reports.

    Taken from the course data as of 6 February 2026 (``positions``, ``attribution``), so the
    sample stays the mistake the answer key diagnoses when the data changes.
    """
    import iranus

    positions = iranus.course().load("positions")
    iran = positions.loc[positions["actor_id"] == "iran", "attribution"].astype(str)
    return int(iran.isin(["anonymous_official", "anonymous_sources", "media_report"]).sum())


def samples(student: dict, master: dict) -> dict[str, str]:
    """File name -> file text of the five samples."""
    full = full_marks(student, master)
    partly = _replace(
        full, 1, f'iran_unnamed = {media_report_mistake()}   # counted media reports too\nfeedback("E02.iran_unnamed", iran_unnamed)'
    )
    partly = _replace(
        partly,
        3,
        "def stated_issues(positions, actor):\n"
        "    rows = positions[positions[\"speaker_actor_id\"] == actor]   # wrong column: the speaker, not the actor\n"
        "    return sorted(rows[\"issue_id\"].unique())\n\n\n"
        'feedback("E02.stated_issues_iran", stated_issues(positions, "iran"))',
    )
    raises = _replace(full, 2, 'smallest_gap = comparison["gap_size"].idxmin()   # no such column: KeyError\nfeedback("E02.smallest_gap", smallest_gap)')
    dump = lambda nb: json.dumps(nb, indent=1, ensure_ascii=False) + "\n"  # noqa: E731
    text = dump(full)
    return {
        "full_marks.ipynb": text,
        "blank.ipynb": dump(student),
        "partly_right.ipynb": dump(partly),
        "cell_raises.ipynb": dump(raises),
        "not_json.ipynb": text[: len(text) // 3],
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Build the sample submissions of exercise 02.")
    parser.add_argument("--check", action="store_true", help="exit 1 if a sample differs from what would be built")
    parser.add_argument("--student", default=str(EXERCISES / "student" / f"{STEM}.ipynb"))
    parser.add_argument("--master", default=str(EXERCISES / "master" / f"{STEM}.ipynb"))
    parser.add_argument("--out", default=str(OUT))
    args = parser.parse_args(argv)
    student = json.loads(Path(args.student).read_text(encoding="utf-8"))
    master = json.loads(Path(args.master).read_text(encoding="utf-8"))
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    stale = []
    for name, text in samples(student, master).items():
        path = out / name
        if args.check:
            if not path.is_file() or path.read_text(encoding="utf-8") != text:
                stale.append(name)
        else:
            path.write_text(text, encoding="utf-8")
            print(f"wrote {path}")
    if stale:
        print(f"stale samples (rerun without --check): {', '.join(stale)}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
