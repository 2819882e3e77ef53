"""The iranus command line, as an instructor uses it."""

from __future__ import annotations

import subprocess
import sys

from iranus.cli import main


def test_validate_bundled_data(capsys):
    assert main(["validate"]) == 0
    assert "is valid" in capsys.readouterr().out


def test_datasets_and_cite(capsys):
    assert main(["datasets"]) == 0
    out = capsys.readouterr().out
    assert "claims" in out and "rows" in out
    assert main(["cite", "claims"]) == 0
    assert "record ends 2026-07-01" in capsys.readouterr().out
    assert main(["cite", "nope"]) == 2


def test_console_script_is_installed():
    result = subprocess.run([sys.executable, "-m", "iranus.cli", "validate"], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr


def _help(*argv: str) -> str:
    """What ``iranus ARGV --help`` prints (argparse exits 0 after printing)."""
    import contextlib
    import io

    import pytest

    out = io.StringIO()
    with contextlib.redirect_stdout(out), pytest.raises(SystemExit) as done:
        main([*argv, "--help"])
    assert done.value.code == 0
    return out.getvalue()


def _exit_codes(text: str) -> dict[str, str]:
    """The "exit status:" section of a help text: code -> its line (a command's own help)."""
    section = text.split("exit status:\n", 1)[1]
    return {line.split()[0]: line.strip() for line in section.splitlines() if line[:3].strip().isdigit()}


def test_help_texts_give_the_exit_codes(tmp_path):
    from pathlib import Path

    top = _help()
    assert "exit status:" in top
    section = top.split("exit status:\n", 1)[1]
    for command in ("validate", "datasets", "cite", "lab", "assign", "report", "grade"):
        assert command in section, f"iranus --help names no exit code for {command}"
    grade_line = section[section.index("  grade"):]
    assert "0 every file graded" in grade_line and "1 some file needs a look" in grade_line and "2 an error" in grade_line

    grade = _exit_codes(_help("grade"))
    assert sorted(grade) == ["0", "1", "2"]
    assert "every file was graded, with nothing to look at" in grade["0"] and "needs a look" in grade["1"]
    assert "an error you must fix" in grade["2"]
    # the same codes as exercises/README.md gives the instructor
    readme = " ".join((Path(__file__).resolve().parents[1] / "exercises" / "README.md").read_text(encoding="utf-8").split())
    assert ("exit code is 0 when every file was graded with nothing to look at, 1 when some file needs a look, "
            "2 for an error you must fix") in readme
    assert sorted(_exit_codes(_help("assign"))) == sorted(_exit_codes(_help("report"))) == ["0", "2"]
    validate = _exit_codes(_help("validate"))
    assert sorted(validate) == ["0", "1", "2"] and "valid" in validate["0"]

    # the codes are the ones the commands return: a missing build folder is an error to fix (2),
    # a missing data folder cannot be read (2)
    (tmp_path / "subs").mkdir()
    assert main(["grade", str(tmp_path / "subs"), "--build", str(tmp_path / "no_build"), "--out", str(tmp_path / "out")]) == 2
    assert main(["validate", str(tmp_path / "no_such_folder")]) == 2
