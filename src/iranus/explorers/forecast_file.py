"""Saving and loading a learner's forecast: a small JSON file in the learner's working folder.

The forecast board (lesson on prospects) saves the probabilities a learner gives the scenarios,
and the epilogue loads and scores them. The file is plain JSON so that a learner can open it::

    {
      "format": "iranus-forecast",
      "version": 1,
      "saved_at": "2026-02-06T09:30:00+00:00",
      "as_of": "2026-02-06",
      "probabilities": {"deal_in_round": 0.1, "talks_continue": 0.6, "war": 0.3}
    }

``probabilities`` maps ``scenarios.scenario_id`` to a probability between 0 and 1; they sum to 1.

Saved work is never lost:

- a save writes a temporary file in the same folder, flushes it to disk, then renames it over the
  old file with :func:`os.replace` (atomic on POSIX and Windows), so a crash or a full disk
  leaves either the old file or the new one, never half a file;
- a forecast that does not add up to 100% is refused before anything is written;
- when the file to be replaced cannot be read (corrupted), it is first copied aside to
  ``<name>.unreadable-<timestamp>.json`` and the copy is reported;
- loading never writes: a missing or corrupted file raises :class:`ForecastFileError` with a
  message that says what is wrong and what to do, and leaves the file as it is.
"""

from __future__ import annotations

import contextlib
import datetime as _dt
import json
import math
import os
import shutil
import tempfile
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import ForecastFileError, ModelInputError
from ..models._args import PROBABILITY_SUM_TOLERANCE

FORMAT = "iranus-forecast"
VERSION = 1
DEFAULT_FILENAME = "my_forecast.json"


@dataclass(frozen=True)
class Forecast:
    """A saved forecast.

    Attributes:
        probabilities: scenario id -> probability (float, 0-1; they sum to 1), in file order.
        saved_at: when it was saved (ISO 8601 text, UTC), or "" if the file does not say.
        as_of: the date the learner forecast from (``"YYYY-MM-DD"``), or None.
        path: the file it was read from (None for a forecast not yet saved).
    """

    probabilities: dict[str, float]
    saved_at: str = ""
    as_of: str | None = None
    path: Path | None = field(default=None, compare=False)

    def percentages(self) -> dict[str, float]:
        """The probabilities in percent (0-100)."""
        return {k: v * 100.0 for k, v in self.probabilities.items()}


@dataclass(frozen=True)
class SavedForecast:
    """What :func:`save_forecast` did.

    Attributes:
        path: the forecast file written.
        backup: where an unreadable old file was copied before it was replaced, or None.
    """

    path: Path
    backup: Path | None = None


def default_path() -> Path:
    """``my_forecast.json`` in the current working folder (the notebook's folder in Jupyter)."""
    return Path.cwd() / DEFAULT_FILENAME


def _resolve(path: str | os.PathLike | None) -> Path:
    if path is None:
        return default_path()
    try:
        p = Path(path).expanduser()
    except TypeError:
        raise ForecastFileError(f"path={path!r} is not a file path") from None
    return p if p.is_absolute() else Path.cwd() / p


def check_probabilities(
    probabilities: Mapping[str, float],
    scenario_ids: Iterable[str] | None = None,
    argument: str = "probabilities",
) -> dict[str, float]:
    """Check a forecast: numbers between 0 and 1, one per scenario, summing to 1.

    Args:
        probabilities: scenario id -> probability (0-1).
        scenario_ids: the scenarios the forecast must cover exactly; None skips that check.
        argument: name used in messages.

    Returns:
        A new dict scenario id -> float, in the order given.

    Raises:
        iranus.errors.ModelInputError (a ValueError): not a mapping; a value that is not a number or outside 0-1; a sum off 1 by
            more than ``1e-6`` (says by how much, in percentage points); scenarios missing or
            unknown (lists them).
    """
    if not isinstance(probabilities, Mapping) or not probabilities:
        raise ModelInputError(f"{argument} must be a non-empty dict of scenario id -> probability (0-1)", argument)
    out: dict[str, float] = {}
    for key, value in probabilities.items():
        if isinstance(value, bool) or not isinstance(value, (int, float)) or not math.isfinite(float(value)):
            raise ModelInputError(f"{argument}[{key!r}] = {value!r} is not a number", argument, key)
        if not 0.0 <= float(value) <= 1.0:
            raise ModelInputError(f"{argument}[{key!r}] = {value!r} is outside 0-1 (probabilities, not percentages)", argument, key)
        out[str(key)] = float(value)
    if scenario_ids is not None:
        wanted = [str(s) for s in scenario_ids]
        missing = [s for s in wanted if s not in out]
        unknown = [s for s in out if s not in wanted]
        if missing or unknown:
            parts = []
            if missing:
                parts.append(f"no probability for scenario(s) {missing}")
            if unknown:
                parts.append(f"unknown scenario(s) {unknown}")
            raise ModelInputError(f"{argument}: {'; '.join(parts)}; the scenarios are {wanted}", argument)
    total = sum(out.values())
    if abs(total - 1.0) > PROBABILITY_SUM_TOLERANCE:
        raise ModelInputError(
            f"{argument} add up to {total * 100:.4g}%, not 100% ({(total - 1) * 100:+.4g} percentage points)",
            argument,
        )
    return out


def _atomic_write(path: Path, text: str) -> None:
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as fh:
            fh.write(text)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(tmp)
        raise


def save_forecast(
    probabilities: Mapping[str, float],
    path: str | os.PathLike | None = None,
    as_of: str | None = None,
    scenario_ids: Iterable[str] | None = None,
) -> SavedForecast:
    """Save a forecast safely (temporary file, then :func:`os.replace`).

    Args:
        probabilities: scenario id -> probability (0-1, summing to 1).
        path: the file; ``my_forecast.json`` in the current folder when None.
        as_of: the date forecast from (``"YYYY-MM-DD"``), stored with it.
        scenario_ids: when given, the forecast must cover exactly these scenarios.

    Returns:
        :class:`SavedForecast` with the path written and the backup of an unreadable old file
        (or None).

    Raises:
        ValueError: the forecast is not valid (see :func:`check_probabilities`); nothing is
            written then.
        ForecastFileError: the folder does not exist or the file cannot be written (the message
            names the path and the reason); the old file is then unchanged.
    """
    probs = check_probabilities(probabilities, scenario_ids)
    target = _resolve(path)
    if not target.parent.is_dir():
        raise ForecastFileError(f"cannot save to {target}: the folder {target.parent} does not exist", target)
    if target.is_dir():
        raise ForecastFileError(f"cannot save to {target}: it is a folder; give a file name such as {DEFAULT_FILENAME}", target)
    backup = None
    if target.exists():
        try:
            load_forecast(target)
        except ForecastFileError:
            stamp = _dt.datetime.now().strftime("%Y%m%d-%H%M%S")
            backup = target.with_name(f"{target.stem}.unreadable-{stamp}{target.suffix or '.json'}")
            try:
                shutil.copy2(target, backup)
            except OSError as exc:
                raise ForecastFileError(
                    f"{target} cannot be read and could not be copied aside before saving ({exc.strerror}); "
                    "nothing was written",
                    target,
                ) from None
    record = {
        "format": FORMAT,
        "version": VERSION,
        "saved_at": _dt.datetime.now(_dt.timezone.utc).replace(microsecond=0).isoformat(),
        "as_of": as_of,
        "probabilities": probs,
    }
    try:
        _atomic_write(target, json.dumps(record, indent=2, ensure_ascii=False) + "\n")
    except OSError as exc:
        raise ForecastFileError(
            f"could not save the forecast to {target} ({exc.strerror or exc}); the old file, if any, is unchanged. "
            "Choose a folder you can write to (argument path)",
            target,
        ) from None
    return SavedForecast(target, backup)


def load_forecast(path: str | os.PathLike | None = None, scenario_ids: Iterable[str] | None = None) -> Forecast:
    """Read a saved forecast; never writes.

    Args:
        path: the file; ``my_forecast.json`` in the current folder when None.
        scenario_ids: when given, the forecast must cover exactly these scenarios.

    Returns:
        :class:`Forecast`.

    Raises:
        ForecastFileError: the file is missing, is a folder, is not UTF-8 JSON, is not an iranus
            forecast, or its probabilities are not valid; the message names the file, says what
            is wrong and what to do.
    """
    target = _resolve(path)
    again = "Make your forecast again on the forecast board and press Save to replace it."
    if not target.exists():
        raise ForecastFileError(
            f"No saved forecast at {target}. Make your forecast on the forecast board (lesson on "
            "prospects) and press Save, or pass path= to where you saved it.",
            target,
        )
    if target.is_dir():
        raise ForecastFileError(f"{target} is a folder, not a forecast file", target)
    try:
        text = target.read_text(encoding="utf-8")
    except UnicodeDecodeError:
        raise ForecastFileError(f"{target} is not a text (UTF-8) file, so not a forecast. It was left as it is. {again}", target) from None
    except OSError as exc:
        raise ForecastFileError(f"cannot read {target} ({exc.strerror or exc})", target) from None
    try:
        record = json.loads(text)
    except json.JSONDecodeError as exc:
        raise ForecastFileError(
            f"{target} is damaged: not valid JSON (line {exc.lineno}, column {exc.colno}: {exc.msg}). "
            f"It was left as it is. {again}",
            target,
        ) from None
    if not isinstance(record, dict) or record.get("format") != FORMAT:
        raise ForecastFileError(f"{target} is not an iranus forecast file (no \"format\": \"{FORMAT}\"). {again}", target)
    version = record.get("version")
    if not isinstance(version, int) or version > VERSION:
        raise ForecastFileError(
            f"{target} has version {version!r}; this iranus reads version {VERSION} (update iranus). {again}",
            target,
        )
    try:
        probs = check_probabilities(record.get("probabilities"), scenario_ids, argument=f"{target.name}: probabilities")
    except ValueError as exc:
        raise ForecastFileError(f"{target}: not a valid forecast: {exc}. {again}", target) from None
    as_of = record.get("as_of")
    return Forecast(
        probabilities=probs,
        saved_at=str(record.get("saved_at") or ""),
        as_of=str(as_of) if as_of else None,
        path=target,
    )


__all__ = [
    "DEFAULT_FILENAME",
    "Forecast",
    "ForecastFileError",
    "SavedForecast",
    "check_probabilities",
    "default_path",
    "load_forecast",
    "save_forecast",
]
