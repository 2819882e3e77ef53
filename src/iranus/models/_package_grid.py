"""Evaluating every package of a deal space at once (vectorised with numpy).

One job: for all packages (one option per issue), compute each party's additive score, whether
the package crosses the party's red lines, and the package's stable id; and find the Pareto
frontier of a set of packages for two parties. With 10 issues of 2-4 options (about 10^5
packages) this takes a few milliseconds, fast enough for a slider.

The additive score of a package is the sum of the party's points for the chosen options
(Raiffa 1982, *The Art and Science of Negotiation*, chapters on additive scoring). Totals are
rounded to 9 decimals so that equal sums compare equal whatever the order of addition.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import numpy as np

from ._deal_space import DealSpace
from ._args import ModelInputError

ROUND_DECIMALS = 9


@dataclass(frozen=True)
class PackageGrid:
    """All packages of a (possibly restricted) deal space, flattened to 1-D arrays.

    Attributes:
        space: the deal space.
        allowed: per issue, the option positions kept (all of them unless restricted).
        package_ids: int64 array (n,): the stable id of each package (see DealSpace.package_id).
        scores: party -> float64 array (n,): the party's additive score of each package.
        crossed: party -> bool array (n,): True where the package contains a red line of the party.
    """

    space: DealSpace
    allowed: tuple[np.ndarray, ...]
    package_ids: np.ndarray
    scores: Mapping[str, np.ndarray]
    crossed: Mapping[str, np.ndarray]

    @property
    def shape(self) -> tuple[int, ...]:
        """Number of kept options per issue."""
        return tuple(len(a) for a in self.allowed)

    def __len__(self) -> int:
        return int(self.package_ids.size)

    def accepts(self, party: str) -> np.ndarray:
        """bool (n,): packages ``party`` accepts (no red line crossed and score >= BATNA)."""
        return (~self.crossed[party]) & (self.scores[party] >= self.space.batnas[party])

    def option_codes(self, rows: np.ndarray) -> np.ndarray:
        """int array (len(rows), n_issues): option positions (in the full space) of given rows."""
        rows = np.asarray(rows, dtype=np.int64)
        if rows.size == 0:
            return np.empty((0, len(self.allowed)), dtype=np.int64)
        local = np.unravel_index(rows, self.shape)
        return np.column_stack([self.allowed[k][local[k]] for k in range(len(self.allowed))])


def _broadcast(per_issue: Sequence[np.ndarray], shape: tuple[int, ...], dtype, combine) -> np.ndarray:
    """Combine one 1-D array per issue over the full grid (outer sum / outer or)."""
    total = np.zeros(shape, dtype=dtype)
    ndim = len(shape)
    for k, values in enumerate(per_issue):
        view = [1] * ndim
        view[k] = shape[k]
        combine(total, values.reshape(view), out=total)
    return total.ravel()


def restricted_options(space: DealSpace, restrict: Mapping[str, object] | None) -> tuple[np.ndarray, ...]:
    """Option positions kept per issue under ``restrict``.

    Args:
        space: the deal space.
        restrict: issue id -> an option id or a list of option ids to keep on that issue (e.g.
            a nuclear-only agenda keeps only the "excluded" option of the non-nuclear issues);
            None keeps everything.

    Raises:
        ModelInputError: unknown issue, an option of another issue, or an empty list.
    """
    allowed = [np.arange(n, dtype=np.int64) for n in space.shape]
    if restrict is None:
        return tuple(allowed)
    if not isinstance(restrict, Mapping):
        raise ModelInputError(
            f"restrict must be a dict of issue id -> option id(s), not {type(restrict).__name__}", "restrict"
        )
    for issue, keep in restrict.items():
        if issue not in space.issues:
            raise ModelInputError(
                f"restrict: unknown issue {issue!r}; the issues are {list(space.issues)}", "restrict", issue
            )
        k = space.issues.index(issue)
        keep = [keep] if isinstance(keep, str) else list(keep)
        if not keep:
            raise ModelInputError(f"restrict: no option kept for issue {issue!r}", "restrict", issue)
        pos = []
        for option in keep:
            if option not in space.options[k]:
                raise ModelInputError(
                    f"restrict: {option!r} is not an option of issue {issue!r}; its options are "
                    f"{list(space.options[k])}",
                    "restrict",
                    option,
                )
            pos.append(space.options[k].index(option))
        allowed[k] = np.array(sorted(set(pos)), dtype=np.int64)
    return tuple(allowed)


def package_grid(space: DealSpace, restrict: Mapping[str, object] | None = None) -> PackageGrid:
    """Evaluate every package of ``space`` (restricted by ``restrict``) for every party.

    Returns:
        A :class:`PackageGrid`; cached on the space for ``restrict=None``.

    Raises:
        ModelInputError: see :func:`restricted_options`.
    """
    if restrict is None and "grid" in space._cache:
        return space._cache["grid"]
    allowed = restricted_options(space, restrict)
    shape = tuple(len(a) for a in allowed)
    strides = np.cumprod((1,) + space.shape[::-1])[:-1][::-1].astype(np.int64)
    ids = _broadcast([a * s for a, s in zip(allowed, strides)], shape, np.int64, np.add)
    scores = {}
    crossed = {}
    for p in space.parties:
        s = _broadcast([space.scores[p][k][a] for k, a in enumerate(allowed)], shape, np.float64, np.add)
        scores[p] = np.round(s, ROUND_DECIMALS)
        crossed[p] = _broadcast([space.red_lines[p][k][a] for k, a in enumerate(allowed)], shape, bool, np.logical_or)
    grid = PackageGrid(space, allowed, ids, scores, crossed)
    if restrict is None:
        space._cache["grid"] = grid
    return grid


def regrid(grid: PackageGrid, space: DealSpace, party: str | None = None) -> PackageGrid:
    """The grid of a changed copy of ``grid.space``, recomputing as little as possible.

    Args:
        grid: the grid of the unchanged space.
        space: the changed space (same issues, options and parties).
        party: the party whose scores changed, or None when only BATNAs changed (then nothing is
            recomputed). For changed red lines, build a new grid with :func:`package_grid`.

    Returns:
        A :class:`PackageGrid` for ``space`` sharing the unchanged arrays with ``grid``.
    """
    scores = dict(grid.scores)
    if party is not None:
        per_issue = [space.scores[party][k][a] for k, a in enumerate(grid.allowed)]
        scores[party] = np.round(_broadcast(per_issue, grid.shape, np.float64, np.add), ROUND_DECIMALS)
    return PackageGrid(space, grid.allowed, grid.package_ids, scores, grid.crossed)


def pareto_mask(u1: np.ndarray, u2: np.ndarray) -> np.ndarray:
    """Which points are Pareto-optimal (not dominated) for two parties who both prefer more.

    A point is dominated when another point is at least as good for both parties and strictly
    better for one. Points with identical values are all kept. O(n log n).

    Args:
        u1, u2: float arrays of the same shape (n,).

    Returns:
        bool array (n,).
    """
    n = u1.size
    if n == 0:
        return np.zeros(0, dtype=bool)
    order = np.lexsort((-u2, -u1))  # by u1 descending, then u2 descending
    a, b = u1[order], u2[order]
    new_group = np.ones(n, dtype=bool)
    new_group[1:] = a[1:] != a[:-1]
    group = np.cumsum(new_group) - 1
    first = np.flatnonzero(new_group)
    group_max = b[first]
    running = np.maximum.accumulate(b)
    before = np.full(first.size, -np.inf)
    before[1:] = running[first[1:] - 1]
    keep_sorted = (b == group_max[group]) & (b > before[group])
    out = np.zeros(n, dtype=bool)
    out[order] = keep_sorted
    return out
