"""The forecast file keeps its promises (issue 10): a copy of any invalid old file before it is
replaced, mode and symbolic link kept, no temporary file left after a kill, true messages on a
full disk."""

from __future__ import annotations

import errno
import json
import os
import signal
import stat
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from test_widgets_data import mini, mini_dir  # noqa: F401  (fixtures)

from iranus.explorers import forecast_file as ff

IDS = ["s_deal", "s_talks", "s_war"]
GOOD = {"s_deal": 0.2, "s_talks": 0.3, "s_war": 0.5}


def _listing(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir())


def test_a_hand_edited_forecast_naming_an_unknown_scenario_is_copied_before_saving(tmp_path):
    path = tmp_path / "my_forecast.json"
    ff.save_forecast(GOOD, path, scenario_ids=IDS)
    record = json.loads(path.read_text(encoding="utf-8"))
    record["probabilities"] = {"s_deal": 0.2, "s_talks": 0.3, "s_invasion": 0.5}  # hand-edited
    path.write_text(json.dumps(record), encoding="utf-8")
    old = path.read_bytes()
    with pytest.raises(ff.ForecastFileError, match="unknown scenario"):
        ff.load_forecast(path, IDS)
    done = ff.save_forecast({"s_deal": 0.1, "s_talks": 0.1, "s_war": 0.8}, path, scenario_ids=IDS)
    assert done.backup is not None and done.backup.read_bytes() == old
    assert ff.load_forecast(path, IDS).probabilities == {"s_deal": 0.1, "s_talks": 0.1, "s_war": 0.8}


def test_a_valid_forecast_is_replaced_without_a_copy(tmp_path):
    path = tmp_path / "f.json"
    ff.save_forecast(GOOD, path, scenario_ids=IDS)
    done = ff.save_forecast({"s_deal": 0.5, "s_talks": 0.5, "s_war": 0.0}, path, scenario_ids=IDS)
    assert done.backup is None and _listing(tmp_path) == ["f.json"]


def test_the_file_mode_is_kept(tmp_path):
    path = tmp_path / "f.json"
    ff.save_forecast(GOOD, path)
    os.chmod(path, 0o644)
    ff.save_forecast(GOOD, path)
    assert stat.S_IMODE(path.stat().st_mode) == 0o644
    os.chmod(path, 0o600)
    ff.save_forecast(GOOD, path)
    assert stat.S_IMODE(path.stat().st_mode) == 0o600


def test_a_new_file_gets_the_usual_mode_not_0600(tmp_path):
    mask = os.umask(0o022)
    try:
        ff.save_forecast(GOOD, tmp_path / "f.json")
    finally:
        os.umask(mask)
    assert stat.S_IMODE((tmp_path / "f.json").stat().st_mode) == 0o644


def test_a_symbolic_link_stays_a_link_and_its_target_is_saved(tmp_path):
    real_dir = tmp_path / "synced"
    real_dir.mkdir()
    real = real_dir / "forecast.json"
    ff.save_forecast(GOOD, real)
    link = tmp_path / "my_forecast.json"
    link.symlink_to(real)
    done = ff.save_forecast({"s_deal": 0.6, "s_talks": 0.2, "s_war": 0.2}, link)
    assert link.is_symlink() and os.readlink(link) == str(real)
    assert ff.load_forecast(real).probabilities == {"s_deal": 0.6, "s_talks": 0.2, "s_war": 0.2}
    assert done.path == link
    assert _listing(real_dir) == ["forecast.json"]


def _fail_on_write(monkeypatch, fail_on: int):
    """Make a save's write fail with ENOSPC (as a full disk does): 1 = the copy of the old file, 2 = the new forecast."""
    real_write = os.write

    def write(fd, data):
        is_forecast = bytes(data[:12]).startswith(b'{\n  "format"')
        if (fail_on == 2) == is_forecast:
            raise OSError(errno.ENOSPC, "No space left on device")
        return real_write(fd, data)

    monkeypatch.setattr(ff.os, "write", write)


def test_full_disk_while_copying_a_damaged_file_leaves_nothing_and_says_so(tmp_path, monkeypatch):
    path = tmp_path / "f.json"
    path.write_text("{half a fi", encoding="utf-8")
    _fail_on_write(monkeypatch, 1)
    with pytest.raises(ff.ForecastFileError) as info:
        ff.save_forecast(GOOD, path)
    message = str(info.value)
    assert "No space left on device" in message and "nothing was written" in message
    assert _listing(tmp_path) == ["f.json"]  # no empty copy, no temporary file
    assert path.read_text(encoding="utf-8") == "{half a fi"


def test_full_disk_after_the_copy_says_where_the_copy_is(tmp_path, monkeypatch):
    path = tmp_path / "f.json"
    path.write_text("{half a fi", encoding="utf-8")
    _fail_on_write(monkeypatch, 2)
    with pytest.raises(ff.ForecastFileError) as info:
        ff.save_forecast(GOOD, path)
    message = str(info.value)
    backups = [p for p in tmp_path.iterdir() if ".unreadable-" in p.name]
    assert len(backups) == 1 and backups[0].read_text(encoding="utf-8") == "{half a fi"
    assert "No space left on device" in message and "unchanged" in message and str(backups[0]) in message
    assert path.read_text(encoding="utf-8") == "{half a fi"
    assert sorted(_listing(tmp_path)) == sorted(["f.json", backups[0].name])


def test_full_disk_at_fsync_leaves_the_old_file_and_no_temporary(tmp_path, monkeypatch):
    path = tmp_path / "f.json"
    ff.save_forecast(GOOD, path)
    before = path.read_bytes()

    def fsync(_fd):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(ff.os, "fsync", fsync)
    with pytest.raises(ff.ForecastFileError, match="No space left on device.*unchanged"):
        ff.save_forecast({"s_deal": 1.0, "s_talks": 0.0, "s_war": 0.0}, path)
    assert path.read_bytes() == before and _listing(tmp_path) == ["f.json"]


KILLED_SAVE = """
import os, sys, time
from iranus.explorers import forecast_file as ff
def stuck(fd):
    print("writing", flush=True)
    time.sleep(600)
ff.os.fsync = stuck
ff.save_forecast({"s_deal": 0.2, "s_talks": 0.3, "s_war": 0.5}, sys.argv[1])
"""


@pytest.mark.parametrize("then", ["save", "load"])
def test_a_killed_save_leaves_a_temporary_file_that_the_next_save_or_load_removes(tmp_path, then):
    path = tmp_path / "my_forecast.json"
    ff.save_forecast(GOOD, path)
    before = path.read_bytes()
    env = {k: v for k, v in os.environ.items() if not k.startswith("PYTEST")}
    proc = subprocess.Popen([sys.executable, "-c", textwrap.dedent(KILLED_SAVE), str(path)],
                            stdout=subprocess.PIPE, text=True, env=env)
    try:
        assert proc.stdout.readline().strip() == "writing"  # the temporary file is written, not yet renamed
        os.kill(proc.pid, signal.SIGKILL)
    finally:
        proc.wait(timeout=60)
        proc.stdout.close()
    left = [p for p in tmp_path.iterdir() if p.name.endswith(ff.TMP_SUFFIX)]
    assert len(left) == 1 and left[0].name.startswith(".my_forecast.json.")  # what the kill left
    assert path.read_bytes() == before  # the old file is whole
    if then == "save":
        ff.save_forecast(GOOD, path)
    else:
        assert ff.load_forecast(path).probabilities == GOOD
    assert _listing(tmp_path) == ["my_forecast.json"]


def test_a_running_save_in_another_process_is_left_alone(tmp_path):
    path = tmp_path / "f.json"
    ff.save_forecast(GOOD, path)
    busy = tmp_path / f".f.json.{os.getppid()}-abcd{ff.TMP_SUFFIX}"  # our parent process is alive
    busy.write_text("", encoding="utf-8")
    ff.save_forecast(GOOD, path)
    assert busy.exists()


def test_the_board_keeps_its_promise_for_a_forecast_naming_an_unknown_scenario(mini, tmp_path):
    from iranus.explorers.forecast_ui import ForecastBoard

    path = tmp_path / "my_forecast.json"
    ff.save_forecast(GOOD, path)
    record = json.loads(path.read_text(encoding="utf-8"))
    record["probabilities"] = {"s_deal": 0.5, "s_invasion": 0.5}
    path.write_text(json.dumps(record), encoding="utf-8")
    old = path.read_bytes()
    board = ForecastBoard(scenarios=mini("scenarios"), path=path)
    assert "keep a copy" in board.message.value
    board.save_button.click()
    assert "kept as" in board.message.value
    backups = [p for p in tmp_path.iterdir() if ".unreadable-" in p.name]
    assert len(backups) == 1 and backups[0].read_bytes() == old
