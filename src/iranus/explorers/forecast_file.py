"""Saving and loading a learner's forecast: a small JSON file in the learner's working folder.

The forecast board (lesson on prospects) saves the probabilities a learner gives the scenarios,
and the epilogue loads and scores them. The file is plain JSON so that a learner can open it::

    {
      "format": "iranus-forecast",
      "version": 1,
      "saved_at": "2026-02-05T09:30:00+00:00",
      "as_of": "2026-02-05",
      "probabilities": {"deal_in_round": 0.1, "talks_continue": 0.6, "war": 0.3}
    }

``probabilities`` maps ``scenarios.scenario_id`` to a probability between 0 and 1; they sum to 1.

Saved work is never lost:

- a save writes a temporary file in the same folder (named ``.<name>.<pid>-<random>.iranus-tmp``),
  flushes it to disk, then renames it over the old file with :func:`os.replace` (atomic on POSIX
  and Windows), so a crash, a kill or a full disk leaves either the old file or the new one, never
  half a file. A temporary file left by a process that was killed (``kill -9`` cannot be caught)
  is removed by the next save or load once its process is gone;
- a forecast that does not add up to 100% is refused before anything is written;
- when the file to be replaced is not a valid forecast for these scenarios (damaged, hand-edited,
  or naming a scenario that does not exist), it is first copied aside to
  ``<name>.unreadable-<timestamp>.json`` (written the same safe way) and the copy is reported;
  if that copy cannot be made, nothing is written;
- the new file keeps the old file's permissions, and a symbolic link stays a link: its target
  is what gets replaced;
- every message says what happened: on a full disk, nothing is left behind (no temporary file, no
  empty copy) and the message says so;
- loading never writes the forecast: a missing or corrupted file raises :class:`ForecastFileError`
  with a message that says what is wrong and what to do, and leaves the file as it is.
"""

from __future__ import annotations

import contextlib
import datetime as _dt
import json
import math
import os
import secrets
import stat
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


#: Suffix of the temporary files a save writes (``.<name>.<pid>-<random>.iranus-tmp``).
TMP_SUFFIX = ".iranus-tmp"


def _umask_mode() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return 0o666 & ~mask


def _process_alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except (PermissionError, OSError):
        return True
    return True


def clean_stale_temporaries(path: str | os.PathLike | None = None) -> list[Path]:
    """Remove the temporary files that a killed save left beside ``path``.

    A save's temporary file is named ``.<name>.<pid>-<random>.iranus-tmp``; it is stale when the
    process ``pid`` no longer runs (a save in progress in another process is left alone).

    Returns:
        The files removed.
    """
    target = _real_target(_resolve(path))
    removed = []
    prefix = f".{target.name}."
    try:
        candidates = [p for p in target.parent.iterdir() if p.name.startswith(prefix) and p.name.endswith(TMP_SUFFIX)]
    except OSError:
        return removed
    for p in candidates:
        try:
            pid = int(p.name[len(prefix) :].split("-", 1)[0])
        except ValueError:
            continue
        if pid != os.getpid() and not _process_alive(pid):
            with contextlib.suppress(OSError):
                p.unlink()
                removed.append(p)
    return removed


def _real_target(target: Path) -> Path:
    """The file a save must replace: the target of a symbolic link (so the link stays a link)."""
    return Path(os.path.realpath(target)) if target.is_symlink() else target


def _atomic_write(path: Path, data: bytes, mode: int) -> None:
    """Write ``data`` to ``path`` through a temporary file in the same folder; nothing is left on failure."""
    tmp = path.with_name(f".{path.name}.{os.getpid()}-{secrets.token_hex(4)}{TMP_SUFFIX}")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    replaced = False
    try:
        view = memoryview(data)
        while view:
            view = view[os.write(fd, view) :]
        os.fchmod(fd, mode)
        os.fsync(fd)
        os.close(fd)
        fd = -1
        os.replace(tmp, path)
        replaced = True
    finally:
        if fd >= 0:
            os.close(fd)
        if not replaced:
            with contextlib.suppress(OSError):
                os.unlink(tmp)


def _reason(exc: OSError) -> str:
    return exc.strerror or str(exc)


def save_forecast(
    probabilities: Mapping[str, float],
    path: str | os.PathLike | None = None,
    as_of: str | None = None,
    scenario_ids: Iterable[str] | None = None,
) -> SavedForecast:
    """Save a forecast safely (temporary file, then :func:`os.replace`).

    Args:
        probabilities: scenario id -> probability (0-1, summing to 1).
        path: the file; ``my_forecast.json`` in the current folder when None. A symbolic link
            stays a link (its target is replaced).
        as_of: the date forecast from (``"YYYY-MM-DD"``), stored with it.
        scenario_ids: when given, the forecast must cover exactly these scenarios, and an old file
            that is not a valid forecast of them is copied aside before it is replaced.

    Returns:
        :class:`SavedForecast` with the path written and the copy of the old file, when it was
        not a valid forecast (or None).

    Raises:
        ValueError: the forecast is not valid (see :func:`check_probabilities`); nothing is
            written then.
        ForecastFileError: the folder does not exist, the old file cannot be copied aside, or the
            file cannot be written (a full disk, no permission); the message names the path and
            the reason and says what was left: the old file is then unchanged, and no temporary
            file or empty copy is left behind.
    """
    probs = check_probabilities(probabilities, scenario_ids)
    ids = list(scenario_ids) if scenario_ids is not None else None
    link = _resolve(path)
    target = _real_target(link)
    if not target.parent.is_dir():
        raise ForecastFileError(f"cannot save to {link}: the folder {target.parent} does not exist", link)
    if target.is_dir():
        raise ForecastFileError(f"cannot save to {link}: it is a folder; give a file name such as {DEFAULT_FILENAME}", link)
    clean_stale_temporaries(target)
    mode = _umask_mode()
    backup = None
    if target.exists():
        with contextlib.suppress(OSError):
            mode = stat.S_IMODE(target.stat().st_mode)
        try:
            load_forecast(target, ids)
        except ForecastFileError:
            stamp = _dt.datetime.now().strftime("%Y%m%d-%H%M%S")
            backup = target.with_name(f"{target.stem}.unreadable-{stamp}{target.suffix or '.json'}")
            n = 1
            while backup.exists():
                n += 1
                backup = target.with_name(f"{target.stem}.unreadable-{stamp}-{n}{target.suffix or '.json'}")
            try:
                _atomic_write(backup, target.read_bytes(), mode)
            except OSError as exc:
                raise ForecastFileError(
                    f"{target} is not a valid forecast and could not be copied aside before saving "
                    f"({_reason(exc)}); nothing was written and the old file is unchanged",
                    link,
                ) from None
    record = {
        "format": FORMAT,
        "version": VERSION,
        "saved_at": _dt.datetime.now(_dt.timezone.utc).replace(microsecond=0).isoformat(),
        "as_of": as_of,
        "probabilities": probs,
    }
    data = (json.dumps(record, indent=2, ensure_ascii=False) + "\n").encode("utf-8")
    try:
        _atomic_write(target, data, mode)
    except OSError as exc:
        kept = f" A copy of the old file was kept as {backup}." if backup else ""
        raise ForecastFileError(
            f"could not save the forecast to {link} ({_reason(exc)}); the old file, if any, is unchanged.{kept} "
            "Free some space or choose a folder you can write to (argument path)",
            link,
        ) from None
    return SavedForecast(link, backup)


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
    clean_stale_temporaries(target)  # a killed save's temporary file; the forecast itself is never written
    again = "Make your forecast again on the forecast board and press Save to replace it."
    if not target.exists():
        raise ForecastFileError(
            f"No saved forecast at {target}. Make your forecast on the forecast board (lesson on "
            "prospects) and press Save; if you saved it in another folder, give that file's location as path.",
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
    "TMP_SUFFIX",
    "clean_stale_temporaries",
    "DEFAULT_FILENAME",
    "Forecast",
    "ForecastFileError",
    "SavedForecast",
    "check_probabilities",
    "default_path",
    "load_forecast",
    "save_forecast",
]
