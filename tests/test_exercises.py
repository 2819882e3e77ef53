"""The exercises: masters, student versions, handouts, answer logic and the grading glue.

These tests run in the default environment (no otter). The otter round trip (generate, grade)
is in ``test_exercises_otter.py``; nbval over the master notebooks in
``test_exercises_notebooks.py``.
"""

from __future__ import annotations

import iranus

import dataclasses
import importlib.util
import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest

from iranus import grading
from iranus.checks import NO_ANSWER, get, questions
from iranus.checks import exercise_feedback
from iranus.checks.exercise_feedback import call, feedback
from iranus.datasets.loading import data_fingerprint

ROOT = Path(__file__).resolve().parents[1]
EXERCISES = ROOT / "exercises"
# the answer keys are instructor material, outside the package: load them for these tests
sys.path.insert(0, str(EXERCISES / "answer_keys"))
import seal  # noqa: E402

E_IDS = seal.load_keys()
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
    assert [p.name for p in STUDENTS] == [p.name for p in MASTERS], "run: uv run --group exercises iranus assign --exercises exercises --build ~/iranus-build --student-dir exercises/student"


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
    "E02.iran_unnamed": 3,
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
    "E04.protest_series": 4,
    "E04.rial_change": 43.82,
    "E04.stockpile_growth": 3.363,
    "E04.total_over_cap": 45.6,
    "E05.empty_from": 75.0,
    "E05.nash_enrichment": "enrichment_pause_then_low_cap",
    "E05.zone_iran_batna_45": 1136,
    "E05.zone_size_us_50": 1048,
    "E06.contradicted": ["C08"],
    "E06.unnamed_claims": 7,
    "E06.unnamed_share_stated_position": 4 / 11,  # 4 anonymous officials among 11 stated positions
    "E06.weak_paragraphs": 6,  # P05, P07, P10, P15, P25, P26
    "E07.borne_out": 2,
    "E07.brier_uniform": 0.75,
    "E07.example_brier": 1.05,
    "E07.occurred": "military_escalation",
    "E07.record_end": "2026-07-01",
    "E08.israel_accepts_nash": "no",
    "E08.nash_gain_iran": 18.0,
}


def test_the_exercise_questions_are_the_known_ones():
    assert questions("E") == E_IDS == sorted(KNOWN)
    assert sorted(exercise_feedback._sealed()) == sorted(KNOWN), "the sealed keys hold the same questions"


@pytest.mark.parametrize("question_id", sorted(KNOWN))
def test_known_answer_is_accepted_by_the_key_and_by_the_sealed_key(question_id):
    # the instructor's key module and the sealed file students get both accept the value read off
    # the data, with the same explanation
    key = feedback(question_id, KNOWN[question_id])
    assert key.correct is True, key
    assert str(key).startswith("✅") and len(key.message) > 20, "feedback that teaches, not just 'right'"
    blank = feedback(question_id, NO_ANSWER)
    assert blank.correct is None and "Replace ..." in blank.message
    sealed = exercise_feedback.sealed_feedback(question_id, exercise_feedback._sealed()[question_id], KNOWN[question_id])
    assert (sealed.correct, sealed.message) == (True, key.message)


@pytest.mark.parametrize("question_id", E_IDS)
def test_the_sealed_key_accepts_the_answer_key_and_explains_as_it_does(question_id):
    # the key module computes the answer from the data; the sealed file (what students get) only
    # holds hashes: it must accept that answer and open the same explanation
    q = get(question_id)
    sealed = exercise_feedback._sealed()[question_id]
    right = exercise_feedback.sealed_feedback(question_id, sealed, q.expected())
    assert right.correct is True, right
    assert right.message == q.explain(q.expected()) and len(right.message) > 20, "feedback that teaches"
    assert right.message not in json.dumps(sealed, ensure_ascii=False), "the explanation is not stored in the clear"
    blank = exercise_feedback.sealed_feedback(question_id, sealed, NO_ANSWER)
    assert blank.correct is None and "Replace ..." in blank.message
    for junk in ("", "zzz", 3.5, -1, [1, 2], {"a": 1}, object()):
        fb = exercise_feedback.sealed_feedback(question_id, sealed, junk)
        assert fb.message and fb.correct is not True, (junk, fb)
    for values, _, message in exercise_feedback.MISTAKE_VALUES.get(question_id, []):
        for value in values() if values else []:
            key = feedback(question_id, value)  # the key's own verdict (a mistake may coincide with the answer)
            wrong = exercise_feedback.sealed_feedback(question_id, sealed, value)
            assert (wrong.correct, wrong.message) == (key.correct, key.message)


def test_the_key_modules_read_the_data_of_the_course_they_check(data_copy):
    # an instructor's edited copy: one of Iran's statements from an unnamed official now names him
    path = data_copy / "positions.csv"
    lines = path.read_text(encoding="utf-8").split("\n")
    n = next(i for i, line in enumerate(lines) if line.split(",")[1:2] == ["iran"] and ",anonymous_official," in line)
    lines[n] = lines[n].replace(",anonymous_official,", ",named_official,", 1)
    path.write_text("\n".join(lines), encoding="utf-8")
    edited = iranus.course(data_dir=data_copy)
    assert feedback("E02.iran_unnamed", KNOWN["E02.iran_unnamed"]).correct is True  # the bundled data
    assert feedback("E02.iran_unnamed", KNOWN["E02.iran_unnamed"] - 1, course=edited).correct is True
    assert feedback("E02.iran_unnamed", KNOWN["E02.iran_unnamed"], course=edited).correct is False
    # the known mistakes are diagnosed with the edited data too (media reports counted in)
    with_media = int(iranus.course(data_dir=data_copy).load("positions").query("actor_id == 'iran'")["attribution"]
                     .isin(["anonymous_official", "anonymous_sources", "media_report"]).sum())
    assert "media_report" in feedback("E02.iran_unnamed", with_media, course=edited).message


def test_an_instructor_reseals_the_keys_for_an_edited_copy(data_copy, tmp_path):
    """``seal.py --data-dir DIR`` (an installed iranus and the exercises folder are enough) seals
    from an edited copy into DIR/exercise_keys.json; a student's ``feedback(..., course=)`` on that
    copy checks against those keys, the default course against the package's."""
    descriptor = data_copy / "datapackage.json"
    desc = json.loads(descriptor.read_text(encoding="utf-8"))
    assert desc["iranus:record_end"] == "2026-07-01" == KNOWN["E07.record_end"]
    desc["iranus:record_end"] = "2026-07-31"
    descriptor.write_text(json.dumps(desc, ensure_ascii=False, indent=2), encoding="utf-8")
    assert seal.main(["--data-dir", str(data_copy)]) == 0
    keys = json.loads((data_copy / "exercise_keys.json").read_text(encoding="utf-8"))["questions"]
    assert sorted(keys) == sorted(KNOWN)
    edited = exercise_feedback.sealed_feedback("E07.record_end", keys["E07.record_end"], "2026-07-31")
    assert edited.correct is True and edited.message.startswith("31 July 2026.")
    assert exercise_feedback.sealed_feedback("E07.record_end", keys["E07.record_end"], "2026-07-01").correct is False
    shipped = exercise_feedback._sealed()["E07.record_end"]
    assert exercise_feedback.sealed_feedback("E07.record_end", shipped, "2026-07-01").correct is True
    course = iranus.course(data_dir=data_copy)
    from_folder = dict(exercise_feedback.sealed_keys(course)["E07.record_end"])
    assert from_folder.pop(exercise_feedback.SEALED_FOR) == data_fingerprint(data_copy)
    assert from_folder == keys["E07.record_end"]
    assert exercise_feedback.sealed_keys(iranus.course()) is exercise_feedback._sealed()
    assert len(course.load("events")) == len(iranus.course().load("events"))  # the key file is no data
    assert seal.main(["--data-dir", str(data_copy), "--check"]) == 0
    positions = data_copy / "positions.csv"  # an edited row: the keys are stale until resealed
    positions.write_text(positions.read_text(encoding="utf-8").replace(",anonymous_official,", ",named_official,", 1), encoding="utf-8")
    assert seal.main(["--data-dir", str(data_copy), "--check"]) == 1
    # a student's environment: no key module registered, only the sealed files
    broken = tmp_path / "broken"
    shutil.copytree(data_copy, broken)
    (broken / "exercise_keys.json").write_text("{not json", encoding="utf-8")
    code = (
        "import sys, iranus\n"
        "from iranus.checks.exercise_feedback import feedback\n"
        "c = iranus.course(data_dir=sys.argv[1])\n"
        "print(feedback('E07.record_end', '2026-07-31', course=c).correct, feedback('E07.record_end', '2026-07-01', course=c).correct,"
        " feedback('E07.record_end', '2026-07-01').correct)\n"
        "fb = feedback('E07.record_end', '2026-07-31', course=iranus.course(data_dir=sys.argv[2]))\n"
        "print(fb.correct, fb.message)\n"
    )
    out = subprocess.run([sys.executable, "-c", code, str(data_copy), str(broken)], capture_output=True, text=True, check=True).stdout
    first, second = out.splitlines()
    assert first == "True False True"
    assert second.startswith("None This check cannot run: ") and "exercise_keys.json: not a sealed key file" in second
    # a copy that is not a data package: named, exit 2
    (broken / "datapackage.json").unlink()
    assert seal.main(["--data-dir", str(broken)]) == 2


STALE = "the answer keys were sealed for a different version of the data"


def test_feedback_says_when_the_keys_were_sealed_for_other_data(data_copy):
    """Keys sealed from a copy, then the copy edited: the feedback still answers and says the keys
    need resealing (naming the command); resealed, it says nothing more. The bundled keys match the
    bundled data (a fresh clone: the sealed file in git was sealed from the data in git)."""
    shipped = json.loads((ROOT / "src" / "iranus" / "checks" / "exercise_keys.json").read_text(encoding="utf-8"))
    assert shipped["data_fingerprint"] == data_fingerprint() == data_fingerprint(data_copy)
    bundled = exercise_feedback.sealed_feedback("E07.record_end", exercise_feedback._sealed()["E07.record_end"], "2026-07-01")
    assert bundled.correct is True and STALE not in bundled.message
    assert exercise_feedback.stale_keys_note(exercise_feedback._sealed()["E07.record_end"]) == ""

    assert seal.main(["--data-dir", str(data_copy)]) == 0
    course = iranus.course(data_dir=data_copy)
    key = exercise_feedback.sealed_keys(course)["E07.record_end"]
    fresh = exercise_feedback.sealed_feedback("E07.record_end", key, "2026-07-01", course=course)
    assert fresh.correct is True and STALE not in fresh.message

    quantities = data_copy / "quantities.csv"  # edited after sealing (a row the question does not read)
    quantities.write_text(quantities.read_text(encoding="utf-8").replace(",440.9,", ",452.3,", 1), encoding="utf-8")
    assert data_fingerprint(data_copy) != key[exercise_feedback.SEALED_FOR]
    key = exercise_feedback.sealed_keys(course)["E07.record_end"]
    stale = exercise_feedback.sealed_feedback("E07.record_end", key, "2026-07-01", course=course)
    assert stale.correct is True and stale.message.startswith(fresh.message), "it still answers"
    assert STALE in stale.message and f"exercises/answer_keys/seal.py --data-dir {course.data_dir}" in stale.message
    wrong = exercise_feedback.sealed_feedback("E07.record_end", key, "2026-07-02", course=course)
    assert wrong.correct is False and STALE in wrong.message
    # the bundled data is unchanged: its keys stay quiet
    assert STALE not in exercise_feedback.sealed_feedback("E07.record_end", exercise_feedback._sealed()["E07.record_end"], "2026-07-01").message

    assert seal.main(["--data-dir", str(data_copy)]) == 0  # resealed: quiet again
    key = exercise_feedback.sealed_keys(course)["E07.record_end"]
    again = exercise_feedback.sealed_feedback("E07.record_end", key, "2026-07-01", course=course)
    assert again.correct is True and STALE not in again.message

    # an edited copy without keys of its own gets the package's keys, sealed for the bundled data
    # (a student's environment: no key module registered, so feedback() goes through the sealed keys)
    (data_copy / "exercise_keys.json").unlink()
    code = (
        "import sys, iranus\n"
        "from iranus.checks.exercise_feedback import feedback\n"
        "fb = feedback('E07.record_end', '2026-07-01', course=iranus.course(data_dir=sys.argv[1]))\n"
        "print(fb.correct, fb.message)\n"
        "print(feedback('E07.record_end', '2026-07-01').message)\n"
    )
    out = subprocess.run([sys.executable, "-c", code, str(data_copy)], capture_output=True, text=True, check=True).stdout
    first, second = out.splitlines()
    assert first.startswith("True ") and STALE in first and f"seal.py --data-dir {course.data_dir})" in first
    assert STALE not in second


def test_sealed_keys_are_current():
    assert seal.main(["--check"]) == 0, "rebuild: uv run python exercises/answer_keys/seal.py"


def test_no_answer_key_in_the_package():
    package = ROOT / "src" / "iranus"
    assert not list(package.rglob("keys0*.py")) and not (package / "checks" / "exercise02.py").exists()
    text = "\n".join(p.read_text(encoding="utf-8") for p in package.rglob("*.py"))
    assert re.search(r'Question\(\s*"E0', text) is None, "an exercise question (with its answer) is defined in the package"


def test_wrong_answers_get_a_diagnosis_not_just_wrong():
    import keys02 as exercise02
    import keys05 as exercise05

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
    from iranus.checks.exercise08 import package_feedback, scores_feedback
    from keys08 import nash_package
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
    assert set(handouts) == {"briefing.md", "role_us.md", "role_iran.md", "role_israel.md", "role_oman.md",
                             "form_single_text.md", "form_decision_us.md", "form_decision_iran.md", "debrief_notes.md"}
    for name, text in materials.all_files().items():
        committed = (EXERCISES / "simulation" / name).read_text(encoding="utf-8")
        assert committed == text, f"{name} is stale: uv run python exercises/simulation/make_materials.py"
        assert dates_after(text, COURSE_DATE) == [], name
    for party in ("us", "iran", "israel"):
        card = handouts[f"role_{party}.md"]
        assert "## Your BATNA" in card and "**red line**" in card and "You may not concede" in card
    assert "no points and no BATNA for Oman" in handouts["role_oman.md"]
    assert "Muscat round of 6 February 2026" not in handouts["briefing.md"], "the briefing must not tell the outcome"


def test_role_play_has_no_hindsight_from_the_round_itself():
    # the round is the decision point: nothing said at or after the talks of 6 February 2026
    materials = _module(EXERCISES / "simulation" / "make_materials.py", "make_materials")
    handouts = materials.materials()
    positions = pd.read_csv(ROOT / "data" / "positions.csv", parse_dates=["date"])
    on_the_day = positions[positions["date"] >= COURSE_DATE]
    assert {"shafaq_2026_02_06_oman_fm_consultations", "xinhua_2026_02_06_araghchi_good_start"} <= set(on_the_day["source_id"])
    cards = "\n".join(handouts.values())
    for _, row in on_the_day.iterrows():
        assert row["paraphrase_en"] not in cards, f"a statement of {row['date']:%d %b} is on a card: {row['paraphrase_en'][:60]}"
    for phrase in ("very serious", "good start"):
        assert phrase not in cards.lower(), phrase
    assert "| 6 Feb 2026 |" not in cards and "; 6 Feb 2026 (" not in cards


#: How the handouts name the decision point itself (the only mention of 6 February allowed on them).
DECISION_POINT_WORDS = ("Friday 6 February 2026", "before the talks of 6 February 2026",
                        "before the talks opened on 6 February 2026", "before 6 February 2026")
DAY_MONTH = re.compile(r"\b(\d{1,2})\s+(Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*\.?(?:,?\s+(\d{4}))?")


def days_from_the_round_on(text: str) -> list[str]:
    """Every day written in ``text`` on or after 6 February 2026 (a day and month without a year: 2026)."""
    found = dates_after(text, COURSE_DATE - pd.Timedelta(days=1))
    months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
    for m in DAY_MONTH.finditer(text):
        try:
            day = pd.Timestamp(int(m[3] or 2026), months.index(m[2]) + 1, int(m[1]))
        except ValueError:
            continue
        if day >= COURSE_DATE and m[0] not in found:
            found.append(m[0])
    return found


def test_cards_and_briefing_name_no_day_of_the_round_or_after_and_no_attendance():
    materials = _module(EXERCISES / "simulation" / "make_materials.py", "make_materials")
    handouts = materials.materials()
    assert days_from_the_round_on("sanctions (new sanctions on 6 Feb, Al Jazeera); 7 March; 5 Feb 2026") == ["6 Feb", "7 March"]
    assert materials.before_the_round("open (new sanctions on 6 Feb, Al Jazeera; a warning, 4 Feb).") == "open (a warning, 4 Feb)."
    for name, text in handouts.items():
        if name in materials.AFTER_THE_ROUND:
            continue
        for words in DECISION_POINT_WORDS:
            text = text.replace(words, "the decision point")
        # a same-day preview (a source published on 6 Feb about what was said before the talks, say the
        # White House briefing of 5 Feb) keeps its publication date; every fact's own date is checked
        text = re.sub(r"(\*[^*|]+\*, [^,;|*]+), 6 Feb 2026", r"\1, (published on the day)", text)
        assert days_from_the_round_on(text) == [], name
        # who sat at the round is known only after it (the US envoys' trip was announced on 5 Feb: that stays)
        assert "At the real round" not in text and "Cooper" not in text and "CENTCOM" not in text, name
        assert not re.search(r"\b(attended|sat at the (real )?round|delegation at the round)\b", text), name
    us = handouts["role_us.md"]
    assert "Your BATNA: 45 points" in us and "new sanctions" not in us and "4 Feb" in us
    debrief = handouts["debrief_notes.md"]
    assert "Adm. Brad Cooper" in debrief and "Abbas Araghchi" in debrief


def test_handouts_are_printable_with_sources_by_title():
    materials = _module(EXERCISES / "simulation" / "make_materials.py", "make_materials")
    files = materials.all_files()
    for name in ("briefing", "role_us", "role_iran", "role_israel", "role_oman", "form_single_text", "form_decision_us", "form_decision_iran"):
        page = files[f"html/{name}.html"]
        assert page.startswith("<!DOCTYPE html>") and "@media print" in page and "<table>" in page or "☐" in page
    card = files["role_iran.md"]
    assert not re.search(r"`[a-z]+_\d{4}_\d{2}_\d{2}_[a-z0-9_]+`", card), "sources by title, not by bare id"
    title = pd.read_csv(ROOT / "data" / "sources.csv").set_index("source_id").loc["reuters_2026_02_02_iran_weighs_talks", "title"]
    assert title in card
    form = files["form_single_text.md"]
    options = pd.read_csv(ROOT / "data" / "deal_options.csv")
    assert all(f"`{o}`" in form for o in options["option_id"] if o in iranus.course(as_of="2026-02-06").deal_space().option_table()["option_id"].values)
    assert "☐ **Accept**" in files["form_decision_us.md"] and "Shown to Israel first?" in files["form_decision_us.md"]


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
        f"sys.exit(main(['assign', '--exercises', {str(EXERCISES)!r}, '--build', {str(tmp_path)!r}]))"
    )
    run = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert run.returncode == 2
    assert "uv run --group exercises iranus" in run.stderr
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
    name, nb, problem = grading.read_submission((sample / "full_marks.ipynb").read_bytes())
    assert name == "iranus_e02_agendas" and nb is not None and problem == ""
    assert "empty" in grading.read_submission(b"  \n")[2]
    name, nb, problem = grading.read_submission((sample / "not_json.ipynb").read_bytes())
    assert name is None and nb is None and "JSON is broken" in problem
    other = tmp_path / "other.ipynb"
    other.write_text(json.dumps({"cells": [], "metadata": {}}), encoding="utf-8")
    assert "no otter assignment name" in grading.read_submission(other.read_bytes())[2]
    binary = tmp_path / "binary.ipynb"
    binary.write_bytes(b"\xff\xfe\x00")
    assert "not a text" in grading.read_submission(binary.read_bytes())[2]


def _assignment_02() -> grading.Assignment:
    name, qs = grading.read_master(EXERCISES / "master" / "02_agendas.ipynb")
    student = _nb(EXERCISES / "student" / "02_agendas.ipynb")
    return grading.Assignment(name, "02_agendas", Path("unused.zip"), qs, grading.layout(student, qs))


def test_written_answers_are_read_for_the_report():
    a = _assignment_02()
    full = _nb(EXERCISES / "sample_submissions" / "02_agendas" / "full_marks.ipynb")
    answers, problems = grading.structure(full, a)
    assert list(answers) == ["e02_infographic", "e02_framing"] and problems == []
    assert all(v.startswith("Sample answer") for v in answers.values())
    blank, _ = grading.structure(_nb(EXERCISES / "student" / "02_agendas.ipynb"), a)
    assert blank == {"e02_infographic": "", "e02_framing": ""}
    # a deleted prompt cell does not shift the second answer under the first question
    full["cells"] = [c for c in full["cells"] if c.get("id") != a.layout["e02_infographic"]["prompt"]]
    moved, problems = grading.structure(full, a)
    assert moved["e02_framing"].startswith("Sample answer") and problems == ["the prompt cell of `e02_infographic` was deleted"]


def test_suspicious_code_is_named_but_the_given_code_is_not():
    student = _nb(EXERCISES / "student" / "02_agendas.ipynb")
    assert grading.suspicious_code(student, student) == []
    submitted = json.loads(json.dumps(student))
    submitted["cells"].append({"cell_type": "code", "source": "import subprocess\nsubprocess.run(['ls'])", "metadata": {}})
    assert grading.suspicious_code(submitted, student) == [
        "suspicious code: runs shell commands or new processes (cell `import subprocess`)"
    ]


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


def test_a_raised_answer_cell_is_reported_as_raised_not_as_no_answer():
    """cell_raises.ipynb answered e02_smallest_gap, but its answer cell raised KeyError: the report
    says so, instead of the "No answer yet" its failed test reads (the variable was never set)."""
    a = _assignment_02()
    raising = _nb(EXERCISES / "sample_submissions" / "02_agendas" / "cell_raises.ipynb")
    cell = next(c for c in raising["cells"] if "".join(c["source"]).startswith("smallest_gap = "))
    first = grading.grade._first_line("".join(cell["source"]))  # as the sandboxed run names it (70 characters)
    assert first.startswith('smallest_gap = comparison["gap_size"]') and first.endswith("...")
    cell_errors = [f"the cell `{first}` raised KeyError: 'gap_size'",
                   "the cell `table(us_conditions[...])` raised NameError: name 'x' is not defined"]
    assert grading.grade.answer_cells_raised(raising, a, cell_errors) == {"e02_smallest_gap": "KeyError: 'gap_size'"}
    assert grading.grade.answer_cells_raised(raising, a, cell_errors[1:]) == {}  # not an answer cell
    # without cell ids the error cannot be paired: it is listed, unpaired
    no_ids = json.loads(json.dumps(raising))
    for c in no_ids["cells"]:
        c.pop("id", None)
    assert grading.grade.answer_cells_raised(no_ids, a, cell_errors) == {}

    no_answer = ("❌ Test case failed\nTrying:\n    test_e02_smallest_gap(smallest_gap)\nAssertionError: ✏️ No answer yet. "
                 "Replace ... with your answer (a short text, e.g. 'Oman'), then run the cell again.")
    result = grading.SubmissionResult(
        "cell_raises.ipynb", a.name, scores={"e02_smallest_gap": 0.0, "e02_iran_unnamed": 0.0},
        possible={"e02_smallest_gap": 1.0, "e02_iran_unnamed": 1.0},
        feedback={"e02_smallest_gap": no_answer, "e02_iran_unnamed": no_answer.replace("smallest_gap", "iran_unnamed")},
        cell_errors=cell_errors[:1], raised={"e02_smallest_gap": "KeyError: 'gap_size'"},
    )
    report = grading.report_markdown([result], {a.name: a})
    section = report.split("- `e02_smallest_gap`", 1)[1].split("- `", 1)[0]
    assert "your answer cell raised KeyError: 'gap_size'; the check could not read an answer" in section
    assert "No answer yet" not in section
    # a question whose answer cell did not raise keeps its own feedback
    assert "No answer yet" in report.split("- `e02_iran_unnamed`", 1)[1].split("- `", 1)[0]
    # results.json keeps the pairing (iranus report rebuilds the same report)
    rebuilt = grading.SubmissionResult(**json.loads(json.dumps(dataclasses.asdict(result))))
    assert grading.report_markdown([rebuilt], {a.name: a}) == report


def test_instructor_guide_documents_the_workflow():
    guide = (EXERCISES / "README.md").read_text(encoding="utf-8")
    for needle in (
        "uv run --group exercises iranus assign",
        "uv run --group exercises iranus grade",
        "Needs a human look",
        "uv run --group exercises jupyter lab exercises/student/",
        "scores.csv",
        "grader.check",
        "make_materials.py",
        "Time per",
        "newer lesson",
    ):
        assert needle in guide, needle


# -- grading: duplicates, the report's verdicts, the sandbox's refusal (no otter needed) --------


def test_duplicates_are_flagged_and_the_report_says_who_needs_a_look(tmp_path):
    from iranus.grading.grade import flag_duplicates

    a = _assignment_02()
    pts = {q.name: q.points for q in a.auto_questions}
    full = {q: p for q, p in pts.items()}
    results = [
        grading.SubmissionResult("ana/02_agendas.ipynb", a.name, scores=full, possible=pts, sha256="aa"),
        grading.SubmissionResult("ana/02_agendas_v2.ipynb", a.name, scores=full, possible=pts, sha256="bb"),
        grading.SubmissionResult("ben.ipynb", a.name, scores=full, possible=pts, sha256="aa"),
        grading.SubmissionResult("cat.ipynb", a.name, scores=full, possible=pts, sha256="cc"),
        grading.SubmissionResult("dan.ipynb", a.name, "forged", "the canary test, which must fail, passed", possible=pts, sha256="dd"),
        grading.SubmissionResult("eve.ipynb", status="unreadable", message="the file is empty", sha256="ee"),
    ]
    flag_duplicates(results)
    by = {r.file: r for r in results}
    assert any("several files" in f for f in by["ana/02_agendas_v2.ipynb"].flags)
    assert any("byte-identical to ben.ipynb" in f for f in by["ana/02_agendas.ipynb"].flags)
    assert by["cat.ipynb"].status == "graded" and not by["cat.ipynb"].needs_look
    assert by["ben.ipynb"].status == "flagged"
    grading.write_csv(results, tmp_path / "scores.csv", {a.name: a})
    table = pd.read_csv(tmp_path / "scores.csv", dtype=str, keep_default_na=False).set_index("file")
    assert table.loc["dan.ipynb", "auto_score"] == "" and table.loc["eve.ipynb", "auto_score"] == "", "no score, not 0"
    assert table.loc["cat.ipynb", "auto_score"] == "5" and table.loc["cat.ipynb", "needs_look"] == "no"
    report = grading.report_markdown(results, {a.name: a})
    look = report.split("## Needs a human look", 1)[1].split("## Summary", 1)[0]
    assert "(5 of 6 files)" in look and "**cat.ipynb**" not in look
    assert "**dan.ipynb** (forged): the canary test" in look and "**eve.ipynb** (unreadable): the file is empty" in look


def test_no_sandbox_means_no_grading_unless_unsafe(tmp_path, monkeypatch):
    from iranus.grading import grade as grade_module
    from iranus.grading import sandbox

    monkeypatch.setattr(sandbox, "bwrap_path", lambda: None)
    assert sandbox.check_sandbox() == "bubblewrap (bwrap) is not installed"
    monkeypatch.setattr(grade_module, "require_otter", lambda: None)
    build = tmp_path / "build" / "02_agendas"
    build.mkdir(parents=True)
    (build / grading.MANIFEST).write_text(json.dumps({"assignment": "x", "stem": "02_agendas", "autograder_zip": "none.zip", "questions": []}))
    (tmp_path / "subs").mkdir()
    (tmp_path / "subs" / "a.ipynb").write_text("{}")
    with pytest.raises(grading.GradingError, match="Refusing to run students' code unsandboxed.*apt-get install bubblewrap.*--unsafe"):
        grade_module.grade(tmp_path / "subs", tmp_path / "build")


def test_sandbox_command_shows_no_submission_and_sets_limits(tmp_path):
    from iranus.grading import sandbox

    subs = tmp_path / "submissions"
    cmd = sandbox.command({"a.ipynb": 5}, ["iranus.grading", "_inside"], sandbox.Limits(wall=60, memory=2**30), [subs, ROOT / "exercises"])
    binds = [cmd[i + 1] for i, a in enumerate(cmd) if a == "--ro-bind"]
    assert not [b for b in binds if Path(b).is_relative_to(subs) or Path(b).is_relative_to(ROOT / "exercises")]
    assert not [b for b in binds if b in ("/", "/tmp", "/home", str(Path.home()))], binds
    assert "--die-with-parent" in cmd and "--clearenv" in cmd and ("--unshare-all" in cmd or "--unshare-net" in cmd)
    assert f"--as={2**30}" in cmd and "--file" in cmd and "--tmpfs" in cmd


def test_a_right_public_check_says_hidden_tests_remain_where_there_are_some():
    qid = "E05.zone_size_us_50"  # the public example of zone_size, whose hidden tests try other values
    right = get(qid).expected()
    assert exercise_feedback.HIDDEN_CHECK_NOTE not in feedback(qid, right).message
    exercise_feedback.honest_grader(object(), hidden=["e05_zone_size"], checks=[qid])
    try:
        said = feedback(qid, right)
        assert said.correct is True and said.message.endswith(exercise_feedback.HIDDEN_CHECK_NOTE)
        assert exercise_feedback.HIDDEN_CHECK_NOTE not in feedback(qid, right + 1).message
        assert exercise_feedback.HIDDEN_CHECK_NOTE not in feedback("E05.zone_iran_batna_45", get("E05.zone_iran_batna_45").expected()).message
    finally:
        exercise_feedback.HIDDEN_CHECKS.discard(qid)


# -- grading: the canary, dynamic code, limits, --unsafe, an environment under /tmp (fast; otter for the canary)


def _test_file(points: int = 2) -> str:
    return (
        "from otter.test_files import test_case\n\nOK_FORMAT = False\n\nname = \"q1\"\npoints = 2\n\n"
        "@test_case(points=None, hidden=False)\ndef test_q1(f):\n    assert f(2) == 4, 'f(2) should be 4'\n\n"
        "@test_case(points=None, hidden=True)\ndef test_q1_other_values(f):\n    for x in (3, 5):\n        assert f(x) == x * x, f'f({x})'\n"
    )


def _run_cases(text: str, f) -> list[tuple[str, bool]]:
    """Run a test file's cases the way otter names them ("<name> - <position>")."""
    from otter.test_files.exception_test import test_case

    env: dict = {}
    exec(compile(text, "q1.py", "exec"), env)
    cases = [v for v in env.values() if isinstance(v, test_case)]
    out = []
    for i, case in enumerate(cases, 1):
        try:
            case.call_func({"f": f})
            out.append((f"{env['name']} - {i}", True))
        except Exception:  # noqa: BLE001 - a failing case
            out.append((f"{env['name']} - {i}", False))
    return out


def test_the_canary_is_a_copy_of_a_real_case_that_fails_in_an_honest_run():
    pytest.importorskip("otter")
    import random
    import zipfile
    import io
    from iranus.grading import grade as g

    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        z.writestr("tests/q1.py", _test_file())
        z.writestr("run_otter.py", "")
    names = set()
    for _ in range(12):
        new_zip, canaries = g._with_canary(buf.getvalue())
        text = zipfile.ZipFile(io.BytesIO(new_zip)).read("tests/q1.py").decode()
        assert set(canaries) == {"q1"} and not canaries["q1"].startswith("zz_")
        assert re.fullmatch(r"q1 - [123]", canaries["q1"]), "named by otter like the real cases"
        assert "canary" not in text and text.count("@test_case(") == 3 and "def test_q1_" in text
        names.add(canaries["q1"])
        for answer, real_passed in ((lambda x: x * x, [True, True]), (lambda x: 4, [True, False]), (None, [False, False])):
            ran = dict(_run_cases(text, answer))
            assert ran.pop(canaries["q1"]) is False, "the canary must fail in an honest run"
            assert list(ran.values()) == real_passed
    assert len(names) > 1, "the canary's place is chosen at random"


def _assignment_q1():
    from iranus.grading.assign import QuestionInfo

    return grading.Assignment("a", "a", Path("a.zip"), [QuestionInfo("q1", manual=False, points=2.0)])


def test_a_passing_canary_withholds_the_score_an_honest_run_is_scored():
    from iranus.grading import grade as g

    a = _assignment_q1()
    explicit = {"q1": [(None, None), (None, None)]}
    canaries = {"q1": "q1 - 2"}
    honest = {"cases": {"q1": [["q1 - 1", True, ""], ["q1 - 2", False, "canary msg"], ["q1 - 3", False, "f(3)"]]}}
    r = grading.SubmissionResult("x.ipynb", "a")
    assert g._judge(honest, canaries, explicit, a, r) == ""
    assert r.scores == {"q1": 1.0} and r.feedback == {"q1": "f(3)"}, "the canary's message is not shown"
    # the trial's bypass: everything passes except the (formerly zz_-named) canary file
    forged = {"cases": {"q1": [["q1 - 1", True, ""], ["q1 - 2", True, ""], ["q1 - 3", True, ""]]}}
    assert "canary" in g._judge(forged, canaries, explicit, a, grading.SubmissionResult("y.ipynb", "a"))
    dropped = {"cases": {"q1": [["q1 - 1", True, ""], ["q1 - 3", True, ""]]}}
    assert "tampered" in g._judge(dropped, canaries, explicit, a, grading.SubmissionResult("z.ipynb", "a"))


def test_dynamic_code_is_flagged_for_a_look():
    hidden = "ExceptionTestFile.run = lambda self, env: None".encode().hex()
    for code in (f'exec(bytes.fromhex("{hidden}").decode())', "eval('1+1')", "m = __import__('otter')",
                 "import importlib", "import base64", "import codecs", "import marshal", "import pickle",
                 "getattr(sys, 'modules')", "globals()['x'] = 1", "c = compile('1', 's', 'eval')"):
        nb = {"cells": [{"cell_type": "code", "source": code, "metadata": {}}]}
        found = grading.suspicious_code(nb, {"cells": []})
        assert any("runs hidden or dynamic code" in f for f in found), code
    assert grading.suspicious_code({"cells": [{"cell_type": "code", "source": "x = evaluate(3)\nexecutive = 1"}]}) == []


def test_memory_permission_and_limit_errors_need_a_look():
    from iranus.grading.grade import limit_errors

    errors = ["the cell `block = bytearray(2 * 1024**3)` raised MemoryError: ",
              "the cell `open('/etc/passwd', 'w')` raised PermissionError: [Errno 13] Permission denied: '/etc/passwd'",
              "the cell `os.fork()` raised BlockingIOError: [Errno 11] Resource temporarily unavailable",
              "the cell `x = 1/0` raised ZeroDivisionError: division by zero"]
    flags = limit_errors(errors)
    assert len(flags) == 3 and "memory" in flags[0] and "PermissionError" in flags[1] and "limit" in flags[2]


def test_unsafe_marks_every_row_even_an_unreadable_one(tmp_path):
    from iranus.grading import grade as g
    from iranus.grading import sandbox

    (tmp_path / "empty.ipynb").write_bytes(b"")
    r = g.grade_file(tmp_path / "empty.ipynb", tmp_path, {}, None, sandbox.Limits(), unsafe=True)
    assert r.status == "unreadable" and g.UNSAFE_FLAG in r.flags and r.needs_look
    grading.write_csv([r], tmp_path / "scores.csv", {})
    assert "UNSAFE" in pd.read_csv(tmp_path / "scores.csv", dtype=str, keep_default_na=False).loc[0, "flags"]


def test_an_environment_under_tmp_is_not_hidden_by_the_private_tmp(tmp_path, monkeypatch):
    from iranus.grading import sandbox

    env = tmp_path / "clone" / ".venv"
    env.mkdir(parents=True)
    (env / "probe.json").write_text('{"seen": true}')
    for p in (tmp_path, tmp_path / "clone", env):
        p.chmod(0o755)
    (env / "probe.json").chmod(0o644)
    real = sandbox._ro_paths()
    monkeypatch.setattr(sandbox, "_ro_paths", lambda: [*real, str(env)])
    cmd = sandbox.command({}, ["json.tool", str(env / "probe.json")], sandbox.Limits(wall=60))
    tmpfs = cmd.index("--tmpfs")
    assert cmd[tmpfs + 1] == "/tmp"
    binds = [i for i, a in enumerate(cmd) if a == "--ro-bind"]
    assert str(env) in [cmd[i + 1] for i in binds] and all(i > tmpfs for i in binds), "the tmpfs must come before the binds"
    if sandbox.check_sandbox():
        pytest.skip("bubblewrap cannot run here: the command line order is checked above")
    run = subprocess.run(cmd, capture_output=True, text=True, timeout=60)
    assert run.returncode == 0 and '"seen": true' in run.stdout, run.stderr


def test_grade_file_scores_the_real_cases_and_catches_a_forged_run(tmp_path, monkeypatch):
    pytest.importorskip("otter")
    import io
    import zipfile
    from iranus.grading import grade as g
    from iranus.grading import sandbox

    zpath = tmp_path / "a-autograder.zip"
    with zipfile.ZipFile(zpath, "w") as z:
        z.writestr("tests/q1.py", _test_file())
    a = grading.Assignment("a", "a", zpath, _assignment_q1().questions)
    nb = {"cells": [{"cell_type": "code", "id": "c1", "metadata": {}, "source": "def f(x):\n    return 4"}],
          "metadata": {"otter": {"assignment_name": "a"}}}
    (tmp_path / "subs").mkdir()
    (tmp_path / "subs" / "s.ipynb").write_text(json.dumps(nb))

    def fake_run(forge):
        def run(files, argv, limits, unsafe=False, forbidden=(), uid=0):
            z = zipfile.ZipFile(io.BytesIO(files["autograder.zip"]))
            cases = {Path(n).stem: [[name, forge or ok, "" if ok else f"failed {name}"]
                                    for name, ok in _run_cases(z.read(n).decode(), lambda x: 4)]
                     for n in z.namelist() if n.startswith("tests/")}
            errors = ["the cell `big = bytearray(2 * 1024**3)` raised MemoryError: "]
            return sandbox.SandboxRun(0, {"cases": cases, "cell_errors": errors}, "", "", 1.0)
        return run

    monkeypatch.setattr(g.sandbox, "run", fake_run(False))
    r = g.grade_file(tmp_path / "subs" / "s.ipynb", tmp_path / "subs", {"a": a}, None, sandbox.Limits())
    assert r.status == "flagged" and r.scores == {"q1": 1.0} and r.total == 1.0, r
    assert r.cell_errors and any("ran out of memory" in f for f in r.flags) and r.needs_look
    assert r.feedback["q1"].startswith("failed q1 - ") and len(r.feedback["q1"].splitlines()) == 1, \
        "only the real hidden case's failure is shown, not the canary's"
    monkeypatch.setattr(g.sandbox, "run", fake_run(True))
    r = g.grade_file(tmp_path / "subs" / "s.ipynb", tmp_path / "subs", {"a": a}, None, sandbox.Limits())
    assert r.status == "forged" and r.total is None and "canary" in r.message
