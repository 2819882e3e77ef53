"""The cross-process cache of checked tables never reads a pickle another user could have planted."""

from __future__ import annotations

import os
import pickle

import pandas as pd

import iranus
from iranus.datasets import loading


class _Planted:
    """Unpickling this records that the planted file was read (it would run code)."""

    def __reduce__(self):
        return (os.putenv, ("IRANUS_PLANTED_PICKLE_RAN", "1"))


def _plant(folder, name):
    data_dir = loading.resolve_data_dir(None)
    key = loading._content_key(data_dir, loading._fingerprint(name, data_dir))
    target = folder / f"{key}-{name}.pkl"
    target.write_bytes(pickle.dumps(_Planted()))
    return target


def test_a_cache_folder_others_can_write_is_never_read(tmp_path, monkeypatch):
    folder = tmp_path / "cache"
    folder.mkdir()
    folder.chmod(0o777)  # group and world writable: anyone could have put a file here
    monkeypatch.setenv("IRANUS_CACHE_DIR", str(folder))
    monkeypatch.delenv("IRANUS_NO_CACHE", raising=False)
    monkeypatch.delenv("IRANUS_PLANTED_PICKLE_RAN", raising=False)
    _plant(folder, "issues")
    loading._load_cached.cache_clear()
    df = loading._read_checked("issues", loading.resolve_data_dir(None),
                               loading._fingerprint("issues", loading.resolve_data_dir(None)))
    # os.putenv changes the C environment only: a child process would see it
    import subprocess
    seen = subprocess.run(["sh", "-c", "echo ${IRANUS_PLANTED_PICKLE_RAN:-no}"], capture_output=True, text=True).stdout
    assert seen.strip() == "no"
    assert isinstance(df, pd.DataFrame) and "issue_id" in df.columns


def test_a_private_cache_is_written_and_read_back(tmp_path, monkeypatch):
    folder = tmp_path / "private"
    monkeypatch.setenv("IRANUS_CACHE_DIR", str(folder))
    monkeypatch.delenv("IRANUS_NO_CACHE", raising=False)
    data_dir = loading.resolve_data_dir(None)
    first = loading._read_checked("issues", data_dir, loading._fingerprint("issues", data_dir))
    assert oct(folder.stat().st_mode & 0o777) == "0o700"
    files = list(folder.glob("*-issues.pkl"))
    assert len(files) == 1 and oct(files[0].stat().st_mode & 0o777) == "0o600"
    again = loading._read_checked("issues", data_dir, loading._fingerprint("issues", data_dir))
    pd.testing.assert_frame_equal(first, again)
