"""The course launcher (``iranus lab``): which lessons it trusts, where, and what it tells JupyterLab."""

from __future__ import annotations

import json
import shutil
import sys
from pathlib import Path

import nbformat
from nbformat.sign import NotebookNotary

from iranus import launch

ROOT = Path(__file__).resolve().parents[1]


def _course_copy(tmp_path: Path) -> Path:
    course = tmp_path / "course"
    shutil.copytree(ROOT / "notebooks", course / "notebooks")
    (course / "notebooks" / "scratch.ipynb").write_text(
        (ROOT / "notebooks" / "01_muscat_in_context.ipynb").read_text(encoding="utf-8"), encoding="utf-8"
    )
    return course


def test_find_course_from_a_subfolder(tmp_path):
    course = _course_copy(tmp_path)
    assert launch.find_course(course / "notebooks") == course
    assert launch.find_course(course) == course


def test_trusts_the_numbered_lessons_only(tmp_path):
    course = _course_copy(tmp_path)
    trust = tmp_path / "trust"
    trust.mkdir()
    notary = NotebookNotary(data_dir=str(trust))
    lesson = nbformat.read(course / "notebooks" / "01_muscat_in_context.ipynb", as_version=4)
    assert not notary.check_signature(lesson), "an empty trust database already trusts the lesson"
    notary.store.close()
    signed = launch.trust_lessons(course, trust)
    assert [p.name for p in signed] == sorted(p.name for p in (ROOT / "notebooks").glob("[0-9][0-9]_*.ipynb"))
    assert len(signed) == 8
    notary = NotebookNotary(data_dir=str(trust))  # a fresh notary reads the same database
    assert notary.check_signature(lesson)
    # the same content under another name is trusted (signatures are by content), but a lesson
    # whose stored outputs were changed afterwards is not
    lesson.cells[-1].outputs = [nbformat.v4.new_output("display_data", {"text/html": "<script>x()</script>"})]
    assert not notary.check_signature(lesson)


def test_trust_lives_in_the_environment_not_the_home_folder():
    assert launch.trust_dir() == Path(sys.prefix) / "share" / "iranus" / "trust"
    assert not str(launch.trust_dir()).startswith(str(Path.home() / ".local"))


def test_jupyterlab_options_open_lesson_00_offline(tmp_path):
    args = launch.lab_arguments(tmp_path, tmp_path / "trust")
    assert f"--ServerApp.root_dir={tmp_path}" in args
    assert "--LabApp.default_url=/lab/tree/notebooks/00_start_here.ipynb" in args
    assert f"--NotebookNotary.data_dir={tmp_path / 'trust'}" in args
    assert "--LabApp.news_url=None" in args


def test_news_question_is_off_by_a_shipped_settings_default():
    shipped = json.loads((ROOT / "jupyter-settings" / "overrides.d" / "iranus.json").read_text(encoding="utf-8"))
    assert shipped["@jupyterlab/apputils-extension:notification"]["fetchNews"] == "false"
    installed = Path(sys.prefix) / "share" / "jupyter" / "lab" / "settings" / "overrides.d" / "iranus.json"
    assert json.loads(installed.read_text(encoding="utf-8")) == shipped, "uv sync did not install the settings default"


def test_no_course_folder_is_a_clear_error(tmp_path, monkeypatch, capsys):
    monkeypatch.setattr(launch, "__file__", str(tmp_path / "site-packages" / "iranus" / "launch.py"))
    assert launch.main([f"--course={tmp_path}"]) == 2
    err = capsys.readouterr().err
    assert "00_start_here.ipynb" in err and str(tmp_path) in err
