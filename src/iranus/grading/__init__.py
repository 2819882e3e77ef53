"""The instructor's side of the exercises: thin glue around otter-grader, one module per verb.

- :mod:`~iranus.grading.assign`: student versions and autograders from the masters (``iranus assign``);
- :mod:`~iranus.grading.grade`: grade a folder, each submission in a sandbox (``iranus grade``);
- :mod:`~iranus.grading.report`: the scores CSV and the report (``iranus report``);
- :mod:`~iranus.grading.sandbox`: the bubblewrap sandbox and its limits.

Otter is an optional dependency (the ``exercises`` dependency group)::

    uv run --group exercises iranus assign --exercises exercises --build ~/iranus-build
    uv run --group exercises iranus grade submissions/ --build ~/iranus-build

Importing this package does not need otter; running a command without it raises
:class:`~iranus.errors.GradingError` with the command to use.

The verbs are modules (``iranus.grading.assign.assign``, ``iranus.grading.grade.grade``); the
names below are re-exported for convenience.
"""

from ..errors import GradingError
from . import assign, grade, report, sandbox
from .assign import MANIFEST, AssignResult, QuestionInfo, exercises_dir, layout, master_notebooks, read_master
from .commands import main
from .grade import (DEFAULT_TIMEOUT, Assignment, SubmissionResult, built_assignments, read_submission, structure,
                    submission_files, suspicious_code)
from .report import read_json, report_markdown, write_csv, write_json
from .sandbox import Limits, check_sandbox

__all__ = [
    "assign", "grade", "report", "sandbox",
    "MANIFEST", "DEFAULT_TIMEOUT", "GradingError", "AssignResult", "QuestionInfo", "Assignment", "SubmissionResult",
    "Limits", "exercises_dir", "layout", "master_notebooks", "read_master", "built_assignments", "read_submission",
    "structure", "submission_files", "suspicious_code", "write_csv", "write_json", "read_json", "report_markdown",
    "check_sandbox", "main",
]
