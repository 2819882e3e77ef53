"""Where the curated data lives and what its descriptor says.

The data is a Frictionless data package: ``datapackage.json`` lists the tables (resources) and
``schemas/<name>.schema.json`` gives each table's Table Schema (field types, required fields,
enums, primary and foreign keys). In a source checkout the package is the repository's ``data/``
folder; in an installed wheel it is ``iranus/data`` inside the package (the build copies it
there). An instructor can point every function at an edited copy with ``data_dir=``.
"""

from __future__ import annotations

import json
from functools import lru_cache
from pathlib import Path

import pandas as pd

_HERE = Path(__file__).resolve().parent.parent  # the iranus package folder
DESCRIPTOR = "datapackage.json"


def default_data_dir() -> Path:
    """Return the folder of the bundled data package.

    Returns:
        Path to the folder that holds ``datapackage.json``: ``iranus/data`` inside an installed
        wheel, else the repository's ``data/`` folder (editable install / source checkout).

    Raises:
        FileNotFoundError: if neither exists (a broken installation).
    """
    for candidate in (_HERE / "data", _HERE.parent.parent / "data"):
        if (candidate / DESCRIPTOR).is_file():
            return candidate
    raise FileNotFoundError(
        "iranus cannot find its data package (datapackage.json) next to the package or in the "
        "repository's data/ folder; reinstall iranus"
    )


def resolve_data_dir(data_dir: str | Path | None) -> Path:
    """Return ``data_dir`` as a Path (the bundled data when None).

    Raises:
        FileNotFoundError: if the folder has no ``datapackage.json``.
    """
    if data_dir is None:
        return default_data_dir()
    path = Path(data_dir).expanduser().resolve()
    if not (path / DESCRIPTOR).is_file():
        raise FileNotFoundError(f"{path}: no {DESCRIPTOR} in this folder (argument data_dir)")
    return path


@lru_cache(maxsize=8)
def _descriptor_cached(path: str, mtime_ns: int) -> dict:
    with open(path, encoding="utf-8") as fh:
        return json.load(fh)


def read_descriptor(data_dir: str | Path | None = None) -> dict:
    """Return the parsed ``datapackage.json`` (a dict; re-read when the file changes).

    Raises:
        FileNotFoundError: see :func:`resolve_data_dir`.
        ValueError: if the descriptor is not valid JSON (names the file and line).
    """
    path = resolve_data_dir(data_dir) / DESCRIPTOR
    try:
        return _descriptor_cached(str(path), path.stat().st_mtime_ns)
    except json.JSONDecodeError as exc:
        raise ValueError(f"{path}, line {exc.lineno}: not valid JSON ({exc.msg})") from None


def resource_descriptor(name: str, data_dir: str | Path | None = None) -> dict:
    """Return the descriptor of one resource, with its schema read in (key ``schema``: dict).

    Raises:
        KeyError: if there is no such dataset (the message lists the known names).
    """
    data_dir = resolve_data_dir(data_dir)
    descriptor = read_descriptor(data_dir)
    for res in descriptor["resources"]:
        if res["name"] == name:
            res = dict(res)
            if isinstance(res.get("schema"), str):
                schema_path = data_dir / res["schema"]
                res["schema"] = _descriptor_cached(str(schema_path), schema_path.stat().st_mtime_ns)
            return res
    known = ", ".join(r["name"] for r in descriptor["resources"])
    raise KeyError(f"no dataset named {name!r} (argument name); known datasets: {known}")


def dataset_names(data_dir: str | Path | None = None) -> list[str]:
    """Names of all datasets, in the order of ``datapackage.json``."""
    return [r["name"] for r in read_descriptor(data_dir)["resources"]]


def record_end(data_dir: str | Path | None = None) -> pd.Timestamp:
    """Date of the last reliable report the data covers (``iranus:record_end`` of the package).

    Nothing in the data is dated after it; it is the end date that the epilogue states.
    """
    return pd.Timestamp(read_descriptor(data_dir)["iranus:record_end"])


def course_date(data_dir: str | Path | None = None) -> pd.Timestamp:
    """The date the lessons before the epilogue are set on (6 February 2026, the Muscat round)."""
    return pd.Timestamp(read_descriptor(data_dir)["iranus:course_date"])
