"""The exercises: masters, student versions, handouts, answer logic and the grading glue.

These tests run in the default environment (no otter). The otter round trip (generate, grade)
is in ``test_exercises_otter.py``; nbval over the master notebooks in
``test_exercises_notebooks.py``.
"""

from __future__ import annotations

import iranus

import importlib.util
import json
import re
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest

from iranus import grading
from iranus.checks import NO_ANSWER, questions
from iranus.checks.exercise_feedback import call, feedback

ROOT = Path(__file__).resolve().parents[1]
EXERCISES = ROOT / "exercises"
MASTERS = sorted((EXERCISES / "master").glob("[0-9][0-9]_*.ipynb"))
STUDENTS = sorted((EXERCISES / "student").glob("[0-9][0-9]_*.ipynb"))
COURSE_DATE = pd.Timestamp("2026-02-06")
#: Exercises set on the course date (the epilogue and the debrief may use the whole record).
ON_COURSE_DATE = ("02", "03", "04", "05", "06")


def _nb(path: Path) -> dict:
    return json.loads(path.read_text(encoding="utf-8"))


def _src(cell: dict) -> str:
    s = cell.get("source", "")
    return "".join(s) if isinstance(s, list) else s


def _module(path: Path, name: str):
    spec = importlib.util.spec_from_file_location(name, path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


# -- the set of assignments ------------------------------------------------------------------


def test_one_assignment_per_lesson_and_the_debrief():
    assert [p.name[:2] for p in MASTERS] == ["02", "03", "04", "05", "06", "07", "08"], [p.name for p in MASTERS]
    assert [p.name for p in STUDENTS] == [p.name for p in MASTERS], "run: uv run --group exercises python -m iranus.grading assign"


@pytest.mark.parametrize("master", MASTERS, ids=lambda p: p.stem)
def test_master_declares_auto_and_written_questions(master):
    name, qs = grading.read_master(master)
    number = master.name[:2]
    assert name == f"iranus_e{number}_{master.stem[3:]}"
    assert len({q.name for q in qs}) == len(qs)
    assert all(q.name.startswith(f"e{number}_") for q in qs)
    auto = [q for q in qs if not q.manual]
    written = [q for q in qs if q.manual]
    assert len(auto) >= 4 and len(written) == 2, [q.name for q in qs]
    for q in written:
        assert q.rubric.startswith("**Rubric") and "point" in q.rubric, f"{q.name}: no rubric for graders"
        assert q.points >= 3
    nb = _nb(master)
    first = _src(next(c for c in nb["cells"] if c["cell_type"] == "markdown"))
    assert first.startswith("# Exercise ") and "minutes" in first and "grader.check" in first


@pytest.mark.parametrize("master", MASTERS, ids=lambda p: p.stem)
def test_every_question_id_a_master_uses_is_registered(master):
    text = master.read_text(encoding="utf-8")
    used = set(re.findall(r'\\?"(E0\d\.[a-z0-9_]+)\\?"', text))
    assert used, "the master checks its answers with iranus.checks"
    known = set(questions("E"))
    assert used <= known, f"unknown question ids: {sorted(used - known)}"


# -- the answer logic ------------------------------------------------------------------------


#: The answer to every automatic exercise question, read off the data and the course's codings
#: (as of 6 Feb 2026 for exercises 02-06, the whole record for 07, the deal space for 08).
KNOWN = {
    "E02.iran_refused": ["human_rights", "missiles", "regional_allies"],
    "E02.iran_unnamed": 4,
    "E02.smallest_gap": "venue_format",
    "E02.stated_issues_iran": [
        "enrichment", "facilities", "human_rights", "inspections", "missiles",
        "non_aggression", "regional_allies", "sanctions_relief", "stockpile", "venue_format",
    ],
    "E03.allies_attribution": "outlet_itself",
    "E03.israel_accepts": 2562,
    "E03.israel_issues": ["enrichment", "facilities", "missiles", "regional_allies"],
    "E03.missiles_empty_from": 0.5,
    "E03.missiles_width_alone": 20.0,
    "E03.zopa_width_enrichment": 15.0,
    "E04.last_verified_date": "2025-05-17",
    "E04.protest_series": 3,
    "E04.rial_change": 43.82,
    "E04.stockpile_growth": 3.363,
    "E04.total_over_cap": 45.6,
    "E05.empty_from": 75.0,
    "E05.nash_enrichment": "enrichment_pause_then_low_cap",
    "E05.zone_iran_batna_45": 1136,
    "E05.zone_size_us_50": 1048,
    "E06.contradicted": ["C08"],
    "E06.unnamed_claims": 7,
    "E06.unnamed_share_stated_position": 0.364,  # 4 of the 11 stated_position claims are anonymous_official
    "E06.weak_paragraphs": 6,  # P05 P07 P10 P15 P25 P26 (latest checks by 6 Feb)
    "E07.borne_out": 2,
    "E07.brier_uniform": 0.75,
    "E07.example_brier": 1.05,
    "E07.occurred": "military_escalation",
    "E07.record_end": "2026-07-01",
    "E08.israel_accepts_nash": "no",
    "E08.nash_gain_iran": 18.0,
}


def test_the_exercise_questions_are_the_known_ones():
    assert questions("E") == sorted(KNOWN)


@pytest.mark.parametrize("question_id", sorted(KNOWN))
def test_known_answer_is_accepted_and_a_placeholder_is_not_an_error(question_id):
    right = feedback(question_id, KNOWN[question_id])
    assert right.correct is True, right
    assert str(right).startswith("✅") and len(right.message) > 20, "feedback that teaches, not just 'right'"
    blank = feedback(question_id, NO_ANSWER)
    assert blank.correct is None and "Replace ..." in blank.message


def test_wrong_answers_get_a_diagnosis_not_just_wrong():
    from iranus.checks import exercise02, exercise05

    old_zone = exercise05.zone_size()
    result = feedback("E05.zone_iran_batna_45", old_zone)
    assert result.correct is False and "coded BATNA" in result.message and "with_batna" in result.message
    iran = exercise02.positions().query("actor_id == 'iran'")
    with_media = int(iran["attribution"].isin(["anonymous_official", "anonymous_sources", "media_report"]).sum())
    assert with_media != exercise02.iran_unnamed()[0]
    assert "media_report" in feedback("E02.iran_unnamed", with_media).message
    assert "Hint:" in feedback("E02.smallest_gap", "enrichment").message
    unreadable = feedback("E04.last_verified_date", "last spring")
    assert unreadable.correct is False and "could not read" in unreadable.message


def test_learner_functions_are_called_safely():
    value, problem = call(lambda a: a * 2, "double", 21)
    assert value == 42 and problem is None
    for func, expected in [
        (None, "Define the function `f`"),
        (NO_ANSWER, "Define the function `f`"),
        (3, "should be a function"),
        (lambda a: 1 / 0, "raised ZeroDivisionError"),
        (lambda a: None, "returned nothing"),
    ]:
        value, problem = call(func, "f", 1)
        assert value is None and expected in problem.message, problem


def test_forecast_and_package_checks():
    from iranus.checks.exercise05 import forecast_feedback
    from iranus.checks.exercise08 import nash_package, package_feedback, scores_feedback
    from iranus.models import bargaining

    ids = list(pd.read_csv(ROOT / "data" / "scenarios.csv")["scenario_id"])
    assert forecast_feedback({s: 1 / len(ids) for s in ids}).correct is True
    bad = forecast_feedback({s: 0.5 for s in ids})
    assert bad.correct is False and "not 100%" in bad.message
    assert forecast_feedback(...).correct is None
    package = nash_package()
    assert package_feedback(package).correct is True
    missing = dict(package)
    missing.pop("duration")
    assert "duration" in package_feedback(missing).message
    scores = bargaining.score_package(package, iranus.course(as_of="2026-02-06").deal_space())
    assert scores_feedback(package, scores).correct is True
    assert scores_feedback(package, scores.assign(score=scores["score"] + 1)).correct is False


# -- student versions: nothing from the master leaks -----------------------------------------


def master_secrets(nb: dict) -> list[str]:
    """Lines of a master a student must never see: solution code and text, hidden tests.

    Independent of :mod:`iranus.grading`: reads otter's markers itself. A line also present
    outside solutions and hidden tests (e.g. an import a public test also has) is not a secret.
    """
    secret, public = set(), set()
    in_solution = in_tests = False
    for cell in nb["cells"]:
        text = _src(cell)
        head = text.strip().splitlines()[0].strip().upper() if text.strip() else ""
        if cell["cell_type"] == "raw":
            in_solution = head.startswith("# BEGIN SOLUTION") or (in_solution and not head.startswith("# END SOLUTION"))
            in_tests = head.startswith("# BEGIN TESTS") or (in_tests and not head.startswith("# END TESTS"))
            continue
        lines = [l.strip() for l in text.splitlines() if l.strip()]
        hidden = in_tests and "hidden: true" in text
        if cell["cell_type"] == "code" and not in_tests:
            block = False
            for raw in text.splitlines():
                line = raw.strip()
                if line.startswith("# BEGIN SOLUTION"):
                    block = True
                elif line.startswith("# END SOLUTION"):
                    block = False
                elif block or line.endswith("# SOLUTION"):
                    secret.add(line.split("# SOLUTION")[0].strip())
                else:
                    public.add(line)
        elif hidden:
            secret.update(lines)
        elif in_solution:  # a written question's rubric and model answer
            secret.update(lines)
        else:
            public.update(lines)
    public_text = " ".join(" ".join(public).split())
    return sorted(
        s
        for s in secret
        if len(s) >= 12 and s not in ("# BEGIN SOLUTION", "# END SOLUTION") and " ".join(s.split()) not in public_text
    )


def leaks(student: dict, secrets: list[str]) -> list[str]:
    """The secrets found anywhere in a student notebook (cells and metadata)."""
    text = "\n".join(_src(c) for c in student["cells"]) + json.dumps(student.get("metadata", {}), ensure_ascii=False)
    flat = " ".join(text.split())
    return [s for s in secrets if " ".join(s.split()) in flat]


@pytest.mark.parametrize("master", MASTERS, ids=lambda p: p.stem)
def test_student_version_holds_no_solution_no_rubric_and_no_hidden_test(master):
    master_nb = _nb(master)
    student_nb = _nb(EXERCISES / "student" / master.name)
    secrets = master_secrets(master_nb)
    _, qs = grading.read_master(master)
    assert len(secrets) >= len(qs), "the scanner found too few secrets: is it reading the master?"
    assert leaks(student_nb, secrets) == []
    text = json.dumps(student_nb, ensure_ascii=False)
    for marker in ("# SOLUTION", "BEGIN SOLUTION", "BEGIN TESTS", "hidden=True", "Rubric", "BEGIN TEST CONFIG"):
        assert marker not in text, marker
    tests = student_nb["metadata"]["otter"]["tests"]
    assert set(tests) == {q.name for q in qs if not q.manual}, "every automatic question has public tests"
    assert all("hidden=False" in body for body in tests.values())
    assert all(not c.get("outputs") for c in student_nb["cells"] if c["cell_type"] == "code"), "no stored outputs"


def test_the_scanner_catches_a_planted_leak():
    master = _nb(MASTERS[0])
    student = _nb(EXERCISES / "student" / MASTERS[0].name)
    secrets = master_secrets(master)
    planted = json.loads(json.dumps(student))
    planted["cells"][-1]["source"] = "x = 1\n" + secrets[0]
    assert leaks(planted, secrets) == [secrets[0]]


# -- nothing after 6 February 2026 where the exercise is set on that day -----------------------

MONTHS = {m: i for i, m in enumerate(["january", "february", "march", "april", "may", "june", "july", "august", "september", "october", "november", "december"], 1)}
MONTHS |= {m[:3]: i for m, i in list(MONTHS.items())}
_M = "|".join(sorted(MONTHS, key=len, reverse=True))
DATE_PATTERNS = [
    (re.compile(r"\b(20\d\d)-(\d\d)-(\d\d)\b"), lambda m: (int(m[1]), int(m[2]), int(m[3]))),
    (re.compile(r"_(20\d\d)_(\d\d)_(\d\d)_"), lambda m: (int(m[1]), int(m[2]), int(m[3]))),  # source ids
    (re.compile(rf"\b(\d{{1,2}})\s+({_M})\.?,?\s+(20\d\d)\b", re.I), lambda m: (int(m[3]), MONTHS[m[2].lower()], int(m[1]))),
    (re.compile(rf"\b({_M})\.?\s+(\d{{1,2}}),?\s+(20\d\d)\b", re.I), lambda m: (int(m[3]), MONTHS[m[1].lower()], int(m[2]))),
    (re.compile(rf"\b({_M})\.?\s+(20\d\d)\b", re.I), lambda m: (int(m[2]), MONTHS[m[1].lower()], 1)),
]


def dates_after(text: str, cut: pd.Timestamp, allowed: set[pd.Timestamp] = frozenset()) -> list[str]:
    """Every date written in ``text`` later than ``cut`` (a month counts from its first day)."""
    found = []
    for pattern, parts in DATE_PATTERNS:
        for m in pattern.finditer(text):
            try:
                day = pd.Timestamp(*parts(m))
            except ValueError:
                continue
            if day > cut and day not in allowed:
                found.append(m[0])
    return found


def test_date_scanner():
    text = "on 2026-02-06; 28 February 2026; March 2026; Feb. 17, 2026; axios_2026_02_13_x; 5 Feb 2026"
    assert sorted(dates_after(text, COURSE_DATE)) == ["28 February 2026", "Feb. 17, 2026", "March 2026", "_2026_02_13_"]


def _forecast_windows() -> set[pd.Timestamp]:
    """Resolution dates of the forecast question: a window known on the course date, not a later fact."""
    ends = pd.to_datetime(pd.read_csv(ROOT / "data" / "scenarios.csv")["resolves_by"])
    return set(ends) | {pd.Timestamp(d.year, d.month, 1) for d in ends}


@pytest.mark.parametrize("student", [p for p in STUDENTS if p.name[:2] in ON_COURSE_DATE], ids=lambda p: p.stem)
def test_exercises_set_on_6_february_show_nothing_later(student):
    text = "\n".join(_src(c) for c in _nb(student)["cells"])
    assert dates_after(text, COURSE_DATE, _forecast_windows()) == []


# -- generated handouts and samples are current ---------------------------------------------


def test_role_play_handouts_are_current_and_show_nothing_after_the_decision_point():
    materials = _module(EXERCISES / "simulation" / "make_materials.py", "make_materials")
    handouts = materials.materials()
    assert set(handouts) == {"briefing.md", "role_us.md", "role_iran.md", "role_israel.md", "role_oman.md"}
    for name, text in handouts.items():
        committed = (EXERCISES / "simulation" / name).read_text(encoding="utf-8")
        assert committed == text, f"{name} is stale: uv run python exercises/simulation/make_materials.py"
        assert dates_after(text, COURSE_DATE) == [], name
    for party in ("us", "iran", "israel"):
        card = handouts[f"role_{party}.md"]
        assert "## Your BATNA" in card and "**red line**" in card and "You may not concede" in card
    assert "no points and no BATNA for Oman" in handouts["role_oman.md"]
    assert "Muscat round of 6 February 2026" not in handouts["briefing.md"], "the briefing must not tell the outcome"


def test_role_cards_carry_the_data_numbers():
    from iranus.models import bargaining

    materials = _module(EXERCISES / "simulation" / "make_materials.py", "make_materials")
    space = iranus.course(as_of="2026-02-06").deal_space()
    for party in space.parties:
        card = (EXERCISES / "simulation" / f"role_{party}.md").read_text(encoding="utf-8")
        assert f"**Your BATNA: {space.batnas[party]:g} points**" in card
        reds = space.score_table().query("actor_id == @party and red_line")["option_id"]
        assert all(f"`{o}`) | " in card for o in reds)
    assert materials.TEAMS == ("us", "iran", "israel", "oman")


def test_sample_submissions_are_current():
    samples = _module(EXERCISES / "sample_submissions" / "make_samples.py", "make_samples")
    assert samples.main(["--check"]) == 0, "rebuild: uv run python exercises/sample_submissions/make_samples.py"
    with pytest.raises(json.JSONDecodeError):
        json.loads((EXERCISES / "sample_submissions" / "02_agendas" / "not_json.ipynb").read_text(encoding="utf-8"))


# -- the grading glue without otter ----------------------------------------------------------


def test_otter_is_only_in_the_exercises_dependency_group():
    import tomllib

    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    groups = project["dependency-groups"]
    assert any(d.startswith("otter-grader") for d in groups["exercises"])
    default = project["project"]["dependencies"] + [d for g in project["tool"]["uv"]["default-groups"] for d in groups[g]]
    assert not any("otter" in d for d in default), "a learner who only opens the lessons must not install otter"


def test_grading_without_otter_says_how_to_run_it(tmp_path):
    # simulate an environment without otter, whatever this one has
    code = (
        "import sys; sys.modules['otter'] = None; from iranus.grading import main; "
        f"sys.exit(main(['assign', '--build', {str(tmp_path)!r}]))"
    )
    run = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert run.returncode == 2
    assert "uv run --group exercises python -m iranus.grading" in run.stderr
    assert "Traceback" not in run.stderr


def test_read_master_and_missing_folders(tmp_path):
    with pytest.raises(grading.GradingError, match="no master notebooks"):
        grading.exercises_dir(tmp_path)
    with pytest.raises(grading.GradingError, match="no such master"):
        grading.master_notebooks(EXERCISES, ["99"])
    assert [p.stem for p in grading.master_notebooks(EXERCISES, ["02"])] == ["02_agendas"]
    broken = tmp_path / "broken.ipynb"
    broken.write_text("{", encoding="utf-8")
    with pytest.raises(grading.GradingError, match="broken.ipynb"):
        grading.read_master(broken)
    with pytest.raises(grading.GradingError, match="assign"):
        grading.built_assignments(tmp_path)
    with pytest.raises(grading.GradingError, match="does not exist"):
        grading.submission_files(tmp_path / "nowhere")


def test_submission_files_are_recognised_or_rejected_with_a_reason(tmp_path):
    sample = EXERCISES / "sample_submissions" / "02_agendas"
    name, nb, problem = grading._notebook_assignment(sample / "full_marks.ipynb")
    assert name == "iranus_e02_agendas" and nb is not None and problem == ""
    name, nb, problem = grading._notebook_assignment(sample / "not_json.ipynb")
    assert name is None and nb is None and "JSON is broken" in problem
    other = tmp_path / "other.ipynb"
    other.write_text(json.dumps({"cells": [], "metadata": {}}), encoding="utf-8")
    assert "no otter assignment name" in grading._notebook_assignment(other)[2]
    binary = tmp_path / "binary.ipynb"
    binary.write_bytes(b"\xff\xfe\x00")
    assert "not a text" in grading._notebook_assignment(binary)[2]


def _assignment_02() -> grading.Assignment:
    name, qs = grading.read_master(EXERCISES / "master" / "02_agendas.ipynb")
    return grading.Assignment(name, "02_agendas", Path("unused.zip"), qs)


def test_written_answers_are_read_for_the_report():
    a = _assignment_02()
    full = _nb(EXERCISES / "sample_submissions" / "02_agendas" / "full_marks.ipynb")
    answers = grading.written_answers(full, a)
    assert list(answers) == ["e02_infographic", "e02_framing"]
    assert all(v.startswith("Sample answer") for v in answers.values())
    blank = grading.written_answers(_nb(EXERCISES / "student" / "02_agendas.ipynb"), a)
    assert blank == {"e02_infographic": "", "e02_framing": ""}


def test_csv_and_report_from_results(tmp_path):
    a = _assignment_02()
    graded = grading.SubmissionResult(
        "ana.ipynb", a.name, scores={"e02_iran_refused": 1.0, "e02_stated_issues": 1.0},
        possible={"e02_iran_refused": 1.0, "e02_stated_issues": 2.0},
        feedback={"e02_stated_issues": "❌ Test case failed\nAssertionError: expected ['enrichment']"},
        cell_errors=["the cell `x = 1/0` raised ZeroDivisionError: division by zero"],
        written={"e02_infographic": "My answer.", "e02_framing": ""},
    )
    broken = grading.SubmissionResult("ben.ipynb", status="error", message="not a valid notebook: the JSON is broken")
    csv_path = tmp_path / "scores.csv"
    grading.write_csv([graded, broken], csv_path, {a.name: a})
    table = pd.read_csv(csv_path)
    assert list(table["file"]) == ["ana.ipynb", "ben.ipynb"]
    assert table.loc[0, "auto_score"] == 2 and table.loc[0, "auto_possible"] == 3
    assert table.loc[0, "written_possible"] == 7 and pd.isna(table.loc[0, "e02_framing"])
    assert table.loc[1, "status"] == "error" and "JSON" in table.loc[1, "problems"]
    report = grading.report_markdown([graded, broken], {a.name: a})
    assert "| ana.ipynb | iranus_e02_agendas | graded | 2 / 3 | 7 points |" in report
    assert "**Not graded (error):** not a valid notebook" in report
    assert "> My answer." in report and "> *(no answer)*" in report
    assert "ZeroDivisionError" in report and "# Rubrics: iranus_e02_agendas" in report


def test_instructor_guide_documents_the_workflow():
    guide = (EXERCISES / "README.md").read_text(encoding="utf-8")
    for needle in (
        "uv run --group exercises python -m iranus.grading assign",
        "uv run --group exercises python -m iranus.grading grade",
        "uv run --group exercises jupyter lab exercises/student/",
        "scores.csv",
        "grader.check",
        "make_materials.py",
        "Time per",
        "newer lesson",
    ):
        assert needle in guide, needle
