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
