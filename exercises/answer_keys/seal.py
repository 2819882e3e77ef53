"""The exercises' answer keys (instructor material) and the sealed key file students get.

``keysNN.py`` in this folder define the automatic questions of exercise NN (``QUESTIONS``: the
expected answer computed from the data and the models, the explanation) and their known mistakes
(``MISTAKES``); :func:`load_keys` registers them with the question engine (:mod:`iranus.checks`,
through :func:`iranus.checks.exercise_feedback.register_keys`). They are **not** part of the package students install. This
script writes what does ship, ``src/iranus/checks/exercise_keys.json``: per question, the prompt,
kind and hint, a salted PBKDF2 hash of the normalised right answer (and of its accepted
alternatives), the explanation encrypted with a key derived from the right answer, and the known
mistakes as hashes of their wrong values with their messages (see
:mod:`iranus.checks.exercise_feedback`); and ``data_fingerprint``, the fingerprint of the data
package it was sealed from (:func:`iranus.datasets.loading.data_fingerprint`): feedback on data
with another fingerprint says the keys need resealing.

    uv run python exercises/answer_keys/seal.py           # rewrite the sealed keys
    uv run python exercises/answer_keys/seal.py --check   # exit 1 if they are stale
    uv run python exercises/answer_keys/seal.py --data-dir path/to/my-data
                               # an edited copy: writes path/to/my-data/exercise_keys.json

Run it after the data, a key module or a master changes (a test fails while it is stale). By
default it seals from the data the installed iranus bundles (a checkout's ``data/``) into that
package's ``checks/exercise_keys.json``; it needs only an installed iranus and this folder.
With ``--data-dir`` it seals from an edited copy of the data, into ``exercise_keys.json`` in
that folder (or ``--out``): ``feedback(..., course=iranus.course(data_dir=...))`` reads the keys
there (:func:`iranus.checks.exercise_feedback.sealed_keys`).
"""

from __future__ import annotations

import argparse
import hashlib
import importlib
import json
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent


def _package_keys() -> Path:
    """The sealed key file of the installed iranus (a checkout's ``src/iranus/checks/``)."""
    import iranus.checks
    from iranus.checks.exercise_feedback import KEYS_FILE

    return Path(iranus.checks.__file__).resolve().parent / KEYS_FILE


TARGET = _package_keys()
MODULES = [f"keys{n:02d}" for n in range(2, 9)]


def load_keys() -> list[str]:
    """Import and register every key module (once); returns the ids of the E questions."""
    from iranus.checks import _REGISTRY
    from iranus.checks.exercise_feedback import register_keys

    if str(HERE) not in sys.path:
        sys.path.insert(0, str(HERE))
    for name in MODULES:
        register_keys(importlib.import_module(name))

    return sorted(q for q in _REGISTRY if q.startswith("E"))


def _salt(question_id: str, data_digest: str) -> str:
    return hashlib.sha256(f"iranus|{question_id}|{data_digest}".encode()).hexdigest()[:32]


def sealed(data_dir: str | Path | None = None) -> dict:
    """The sealed key file's content (a dict, written as JSON).

    Args:
        data_dir: the data folder the answers are computed from (None: the bundled data); the
            salts also depend on its CSV files, and ``data_fingerprint`` records its contents.

    Raises:
        iranus.errors.DataError: the folder is not a valid data package (names file, line, column).
    """
    import iranus
    from iranus.checks import using

    from iranus.datasets.loading import data_fingerprint

    course = iranus.course(data_dir=data_dir)
    with using(course):
        out = _sealed_in(course.data_dir)
    # what the keys were sealed from: feedback on other data says the keys need resealing
    out["data_fingerprint"] = data_fingerprint(course.data_dir)
    return out


def _sealed_in(folder: Path) -> dict:
    from iranus.checks import _REGISTRY, _choices, _expected, _norm, _read
    from iranus.checks.exercise_feedback import MISTAKE_VALUES, canonical, digest, seal_text

    ids = load_keys()
    data = hashlib.sha256()
    for p in sorted(Path(folder).glob("*.csv")):
        data.update(p.read_bytes())
    out = {}
    for qid in ids:
        q = _REGISTRY[qid]
        salt = _salt(qid, data.hexdigest())
        expected = _expected(q)
        text = canonical(q.kind, expected, q.tolerance)[0]
        explain = q.explain(q.expected())
        right = {"digest": digest(qid, text, salt), "explain": seal_text(qid, text, salt, explain)}
        if q.kind == "set":
            right["items"] = sorted(digest(qid, item, salt, "item") for item in expected)
        entry = {
            "prompt": q.prompt, "kind": q.kind, "hint": q.hint, "choices": list(_choices(q)), "tolerance": q.tolerance,
            "aliases": dict(q.aliases), "salt": salt, "right": right, "alternatives": [], "typed": [], "wrong": [],
            "wrong_items": [],
        }
        if q.unit:  # only when named, so keys without units seal as before
            entry["unit"] = q.unit
        for key, note in q.alternatives.items():
            alt = canonical(q.kind, _read(q, key), q.tolerance)[0]
            entry["alternatives"].append({"digest": digest(qid, alt, salt), "explain": seal_text(qid, alt, salt, f"{explain} {note}")})
        for key, note in q.near_misses.items():
            entry["typed"].append({"digest": digest(qid, _norm(key), salt, "typed"), "message": note})
            try:
                entry["wrong"].append({"digest": digest(qid, canonical(q.kind, _read(q, key), q.tolerance)[0], salt), "message": note})
            except ValueError:
                pass
        for values, items, message in MISTAKE_VALUES.get(qid, []):
            for value in (values() if values else []):
                shown = message(value) if callable(message) else message
                wrong = canonical(q.kind, _read(q, value), q.tolerance)[0]
                entry["wrong"].append({"digest": digest(qid, wrong, salt), "message": f"Look again. {shown}"})
            for item in (items() if items else []):
                shown = message([item]) if callable(message) else message
                entry["wrong_items"].append({"digest": digest(qid, _norm(item), salt, "item"), "message": shown})
        out[qid] = entry
    return {"about": "Sealed answer keys of the iranus exercises: written by exercises/answer_keys/seal.py; "
                     "hashes and encrypted explanations only.", "questions": out}


def main(argv: list[str] | None = None) -> int:
    """Seal (or ``--check``) the keys; returns the exit code: 0 done/current, 1 stale, 2 bad data."""
    from iranus.errors import DataError

    args = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    args.add_argument("--check", action="store_true", help="exit 1 if the sealed file is stale")
    args.add_argument("--data-dir", default=None, help="seal from this edited copy of the data (default: the bundled data)")
    args.add_argument("--out", default=None, help="where to write (default: DATA_DIR/exercise_keys.json with --data-dir, else the package's)")
    a = args.parse_args(argv)
    if a.out:
        target = Path(a.out)
    elif a.data_dir:
        target = Path(a.data_dir) / "exercise_keys.json"
    else:
        target = TARGET
    try:
        text = json.dumps(sealed(a.data_dir), indent=1, ensure_ascii=False, sort_keys=True) + "\n"
    except DataError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    if a.check:
        current = target.read_text(encoding="utf-8") if target.is_file() else ""
        if current != text:
            again = " ".join(["uv run python exercises/answer_keys/seal.py", *(["--data-dir", a.data_dir] if a.data_dir else [])])
            print(f"{target} is stale: {again}", file=sys.stderr)
            return 1
        return 0
    target.write_text(text, encoding="utf-8")
    print(f"wrote {target} ({len(json.loads(text)['questions'])} questions)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
