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
"""

from ..errors import GradingError
from .assign import MANIFEST, AssignResult, QuestionInfo, assign, exercises_dir, master_notebooks, read_master
from .commands import main
from .grade import DEFAULT_TIMEOUT, Assignment, SubmissionResult, built_assignments, grade, structure, suspicious_code
from .report import read_json, report_markdown, write_csv, write_json
from .sandbox import Limits, check_sandbox

__all__ = [
    "MANIFEST", "DEFAULT_TIMEOUT", "GradingError", "AssignResult", "QuestionInfo", "Assignment", "SubmissionResult",
    "Limits", "assign", "exercises_dir", "master_notebooks", "read_master", "built_assignments", "grade",
    "structure", "suspicious_code", "write_csv", "write_json", "read_json", "report_markdown", "check_sandbox", "main",
]
