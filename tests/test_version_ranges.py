"""The declared version ranges hold (issue 10): the lowest version of every direct dependency that
pyproject.toml allows is the version in uv.lock, the one the whole test suite runs on. So a user
who installs iranus into an environment with the oldest versions we allow gets tested versions.
Raising a dependency in uv.lock (``uv lock --upgrade-package X``) means raising its bound too."""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest
from packaging.requirements import Requirement
from packaging.version import Version

ROOT = Path(__file__).resolve().parents[1]


def _direct_requirements() -> list[tuple[str, Requirement]]:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    out = [("dependencies", Requirement(r)) for r in project["project"]["dependencies"]]
    for group, reqs in project.get("dependency-groups", {}).items():
        out += [(f"group {group}", Requirement(r)) for r in reqs if isinstance(r, str)]
    return out


def _locked() -> dict[str, Version]:
    lock = tomllib.loads((ROOT / "uv.lock").read_text(encoding="utf-8"))
    out: dict[str, Version] = {}
    for p in lock["package"]:
        if "version" in p:  # a package locked at several versions (split by Python version): the oldest
            v = Version(p["version"])
            out[p["name"]] = min(out.get(p["name"], v), v)
    return out


@pytest.mark.parametrize(("where", "req"), _direct_requirements(), ids=lambda x: str(x))
def test_the_lowest_declared_version_is_the_locked_tested_one(where, req):
    lower = [Version(s.version) for s in req.specifier if s.operator in (">=", "==", "~=")]
    assert lower, f"{req} ({where}) has no lower bound: declare the tested version as '>=X'"
    locked = _locked()
    name = req.name.lower().replace("_", "-")
    assert name in locked, f"{req.name} is not in uv.lock: run `uv lock`"
    assert max(lower) == locked[name], (
        f"{req} ({where}): the lowest version allowed is {max(lower)}, but the suite runs on "
        f"{locked[name]} (uv.lock); set the bound to '>={locked[name]}'"
    )


def test_the_known_old_versions_are_excluded():
    """The versions that failed the suite in issue 10 (pandas 2.2, frictionless 5.18 ...) are not allowed."""
    reqs = {r.name: r for _, r in _direct_requirements()}
    for name, old in [("pandas", "2.2.3"), ("frictionless", "5.18.0"), ("altair", "5.4.1"), ("jupyterlab", "4.2.0")]:
        assert not reqs[name].specifier.contains(old), f"{name} {old} failed the suite, yet {reqs[name]} allows it"
