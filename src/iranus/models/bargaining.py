"""Negotiation analytics: the deal space, the zone of possible agreement and the Nash solution.

The questions of the "deal prospects" lesson, answered from the course's codings
(``data/deal_options.csv``, ``deal_scores.csv``, ``deal_batnas.csv``; see
``data/CODEBOOK_deal_space.md``). The codings are a **teaching model**, not a fact: each number
is a judgement with its reasons and sources in the codebook, and every function also takes a
deal space built from your own tables (:func:`make_deal_space`) or changed by a slider
(:meth:`DealSpace.with_batna`, :meth:`DealSpace.with_score`, :meth:`DealSpace.with_red_line`).

Terms and sources:

- **Additive scoring** (Raiffa 1982): each party gives every option of every issue a number of
  points; a package's value to the party is the sum of its points. A party's **red lines** are
  options it says it will never accept.
- **BATNA / reservation value** (Raiffa 1982): the value to a party of its best alternative to a
  negotiated agreement; it accepts a package only if the package is worth at least that.
- **ZOPA**, the zone of possible agreement (Raiffa 1982): the packages every party accepts.
- **Pareto frontier**: packages no other package improves for one party without hurting the
  other.
- **Nash bargaining solution** (Nash 1950, "The Bargaining Problem", *Econometrica* 18(2),
  155-162): the package that maximises the product of the two parties' gains over their BATNAs.
  Here it is found among the packages themselves (no lotteries between packages).
- **Win-set and two-level game** (Putnam 1988, "Diplomacy and Domestic Politics: The Logic of
  Two-Level Games", *International Organization* 42(3), 427-460): a side's win-set is the set of
  agreements it can get accepted at home. Israel is not at the table but the US must satisfy it,
  so Israel enters as a constraint on the US win-set (``constraints={"us": ["israel"]}``).

Example::

    import iranus
    from iranus.models import bargaining as bg
    space = iranus.course().deal_space()               # codings as of 6 February 2026
    zone = bg.zone_of_possible_agreement(space)        # US and Iran only
    with_israel = bg.zone_of_possible_agreement(space, constraints={"us": ["israel"]})
    bg.nash_bargaining_solution(space)                 # None when the zone is empty
    bg.sensitivity(space, "iran", [20, 25, 30])        # move Iran's BATNA
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import numpy as np
import pandas as pd

from ._codings import latest_rows
from ._deal_space import DealSpace, make_deal_space
from ._package_grid import PackageGrid, package_grid, pareto_mask, regrid
from ..datasets.dates import frame_as_of
from ._args import ModelInputError, finite_numbers

__all__ = [
    "DealSpace",
    "ModelInputError",
    "issue_weights",
    "deal_space_from_tables",
    "make_deal_space",
    "nash_bargaining_solution",
    "package_scores_by_issue",
    "pareto_frontier",
    "score_package",
    "sensitivity",
    "win_sets",
    "zone_of_possible_agreement",
]

#: The two parties at the table in the course's deal space.
TABLE_PARTIES = ("us", "iran")

_TIE = 1e-9  # relative tolerance under which two Nash products count as equal


# -- loading the course's codings -------------------------------------------------------------


def deal_space_from_tables(options: pd.DataFrame, scores: pd.DataFrame, batnas: pd.DataFrame) -> DealSpace:
    """The deal space from the three coding tables, with the codings in force at their cut date.

    Pure: the tables come already cut at a date (``Course.load("deal_scores")``); for each party
    and option the latest coding is kept. Most code calls :meth:`iranus.course.Course.deal_space`,
    which loads the tables and calls this.

    Args:
        options: the ``deal_options`` table.
        scores: the ``deal_scores`` table, cut at the date wanted.
        batnas: the ``deal_batnas`` table, cut at the same date.

    Returns:
        A :class:`DealSpace` whose ``as_of`` is the tables' cut date (``attrs["iranus"]["as_of"]``),
        or the latest coding date when the tables are uncut.

    Raises:
        ModelInputError: no coding at all; a party or option left without a score or BATNA, or
            two codings of the same thing on the same date (the message names the file, the
            party and the option).
    """
    cut = frame_as_of(scores)
    when = f"on or before {cut:%Y-%m-%d}" if cut is not None else "in the tables"
    scores = latest_rows(scores, ["actor_id", "option_id"])
    batnas = latest_rows(batnas, ["actor_id"])
    if scores.empty or batnas.empty:
        raise ModelInputError(f"no deal-space codings are dated {when} (argument as_of)", "as_of", cut)
    if cut is None:
        cut = max(pd.Timestamp(scores["date"].max()), pd.Timestamp(batnas["date"].max()))
    try:
        space = make_deal_space(options, scores, batnas, as_of=cut)
        folder = scores.attrs.get("iranus", {}).get("data_dir")
        return space._replace(data_dir=folder) if folder else space
    except ModelInputError as exc:
        files = {"options": "deal_options.csv", "scores": "deal_scores.csv", "batnas": "deal_batnas.csv"}
        where = files.get(exc.argument.split("[")[0], "the deal-space tables")
        raise ModelInputError(f"{where} (codings in force on {cut:%Y-%m-%d}): {exc}", exc.argument, exc.entry) from None


def _space(space: DealSpace | None) -> DealSpace:
    if space is None:
        raise ModelInputError("space is required: pass iranus.course().deal_space() (or make_deal_space(...))", "space")
    if not isinstance(space, DealSpace):
        raise ModelInputError(
            f"space must be a DealSpace (from Course.deal_space or make_deal_space), not {type(space).__name__}",
            "space",
        )
    return space


# -- single packages ---------------------------------------------------------------------------


def score_package(package: Mapping[str, str], space: DealSpace) -> pd.DataFrame:
    """Score one package for every party and say who would accept it.

    Args:
        package: issue id -> option id, one entry per issue of the space.
        space: the deal space (``iranus.course().deal_space()``, or :func:`make_deal_space`).

    Returns:
        DataFrame, one row per party (space order), columns: ``actor_id`` (string), ``score``
        (float64: sum of the party's points for the package's options), ``batna`` (float64),
        ``surplus`` (float64: score - batna), ``red_lines_crossed`` (string: the package's options
        the party has declared red lines, comma-separated, <NA> if none) and ``accepts``
        (boolean: no red line crossed and score >= batna).

    Raises:
        ModelInputError: an issue left out, an unknown issue, or an option that does not exist or
            belongs to another issue (the message lists the valid options).

    Method: Raiffa (1982), additive scoring against reservation values.
    """
    space = _space(space)
    codes = space.codes(package)
    rows = []
    for p in space.parties:
        total = round(float(sum(space.scores[p][k][j] for k, j in enumerate(codes))), 9)
        crossed = [space.options[k][j] for k, j in enumerate(codes) if space.red_lines[p][k][j]]
        batna = space.batnas[p]
        rows.append((p, total, batna, total - batna, ", ".join(crossed) or None, (not crossed) and total >= batna))
    out = pd.DataFrame(rows, columns=["actor_id", "score", "batna", "surplus", "red_lines_crossed", "accepts"])
    return out.astype(
        {
            "actor_id": "string",
            "score": "float64",
            "batna": "float64",
            "surplus": "float64",
            "red_lines_crossed": "string",
            "accepts": "boolean",
        }
    )


def package_scores_by_issue(package: Mapping[str, str], space: DealSpace) -> pd.DataFrame:
    """Each party's points for each option of a package (the terms that add up to its score).

    Args:
        package: issue id -> option id, one entry per issue.
        space: the deal space (``iranus.course().deal_space()``, or :func:`make_deal_space`).

    Returns:
        DataFrame, one row per party and issue, columns ``actor_id``, ``issue_id``,
        ``option_id`` (string), ``score`` (float64, points) and ``red_line`` (boolean). Summed
        by party, ``score`` equals :func:`score_package`'s ``score``.

    Raises:
        ModelInputError: as :func:`score_package`.
    """
    space = _space(space)
    codes = space.codes(package)
    rows = [
        (p, issue, space.options[k][j], float(space.scores[p][k][j]), bool(space.red_lines[p][k][j]))
        for p in space.parties
        for k, (issue, j) in enumerate(zip(space.issues, codes))
    ]
    out = pd.DataFrame(rows, columns=["actor_id", "issue_id", "option_id", "score", "red_line"])
    return out.astype(
        {"actor_id": "string", "issue_id": "string", "option_id": "string", "score": "float64", "red_line": "boolean"}
    )


def issue_weights(space: DealSpace) -> pd.DataFrame:
    """How much each issue can move each party's score: its weight in the additive model.

    The weight of an issue for a party is the spread of its points on that issue (best option
    minus worst option); ``share`` normalises the weights of a party to sum to 1. This is what
    the salience of an issue means in Raiffa's additive scoring.

    Args:
        space: the deal space (``iranus.course().deal_space()``, or :func:`make_deal_space`).

    Returns:
        DataFrame, one row per party and issue, columns ``actor_id``, ``issue_id`` (string),
        ``weight`` (float64, points) and ``share`` (float64, 0-1; NaN if all of a party's
        weights are 0).
    """
    space = _space(space)
    rows = []
    for p in space.parties:
        w = [float(np.max(s) - np.min(s)) for s in space.scores[p]]
        total = sum(w)
        rows += [(p, issue, wk, wk / total if total > 0 else np.nan) for issue, wk in zip(space.issues, w)]
    out = pd.DataFrame(rows, columns=["actor_id", "issue_id", "weight", "share"])
    return out.astype({"actor_id": "string", "issue_id": "string", "weight": "float64", "share": "float64"})


# -- all packages: win-sets, zone, frontier, Nash ----------------------------------------------


def _setting(
    space: DealSpace | None,
    parties: Sequence[str],
    constraints: Mapping[str, Sequence[str]] | None,
    restrict: Mapping[str, object] | None,
    grid: PackageGrid | None = None,
):
    """Resolve and check the arguments shared by the search functions.

    Returns:
        (grid, parties, constraint map, available mask, zone mask).
    """
    space = _space(space)
    if isinstance(parties, str) or len(parties) != 2 or parties[0] == parties[1]:
        raise ModelInputError(
            f"parties must name two different parties at the table, e.g. {TABLE_PARTIES}, not {parties!r}",
            "parties",
            parties,
        )
    parties = tuple(space.check_party(p, "parties") for p in parties)
    cons: dict[str, tuple[str, ...]] = {}
    if constraints is not None:
        if not isinstance(constraints, Mapping):
            raise ModelInputError(
                "constraints must be a dict of side -> list of parties, e.g. {'us': ['israel']}, "
                f"not {type(constraints).__name__}",
                "constraints",
            )
        for side, others in constraints.items():
            if side not in parties:
                raise ModelInputError(
                    f"constraints: {side!r} is not one of the parties at the table {parties}", "constraints", side
                )
            others = (others,) if isinstance(others, str) else tuple(others)
            for o in others:
                space.check_party(o, "constraints")
                if o in parties:
                    raise ModelInputError(
                        f"constraints: {o!r} is at the table; a constraint is a third party", "constraints", o
                    )
            cons[side] = others
    if grid is None:
        grid = package_grid(space, restrict)
    available = np.ones(len(grid), dtype=bool)
    for p in parties:
        available &= ~grid.crossed[p]
    for others in cons.values():
        for o in others:
            available &= grid.accepts(o)
    zone = available.copy()
    for p in parties:
        zone &= grid.scores[p] >= space.batnas[p]
    return grid, parties, cons, available, zone


def _package_frame(grid: PackageGrid, rows: np.ndarray, parties: Sequence[str]) -> pd.DataFrame:
    """Packages as a wide table: id, one column per issue, each party's score, gains."""
    space = grid.space
    codes = grid.option_codes(rows)
    data: dict[str, object] = {"package_id": pd.array(grid.package_ids[rows], dtype="Int64")}
    for k, issue in enumerate(space.issues):
        opts = np.array(space.options[k], dtype=object)
        data[issue] = pd.array(opts[codes[:, k]] if len(rows) else [], dtype="string")
    for p in space.parties:
        data[f"score_{p}"] = grid.scores[p][rows].astype("float64")
    for p in parties:
        data[f"gain_{p}"] = (grid.scores[p][rows] - space.batnas[p]).astype("float64")
    return pd.DataFrame(data)


def win_sets(
    space: DealSpace,
    parties: Sequence[str] = TABLE_PARTIES,
    constraints: Mapping[str, Sequence[str]] | None = None,
    restrict: Mapping[str, object] | None = None,
) -> pd.DataFrame:
    """How many packages each party accepts, and each side's win-set with its constraints.

    Args:
        space: the deal space (``iranus.course().deal_space()``, or :func:`make_deal_space`).
        parties: the two parties at the table.
        constraints: side -> third parties whose acceptance that side needs (Putnam's two-level
            game), e.g. ``{"us": ["israel"]}``; None for no constraint.
        restrict: issue id -> option id(s) to keep (e.g. a nuclear-only agenda); None for all.

    Returns:
        DataFrame, one row per party involved (table parties first), columns ``actor_id``
        (string), ``role`` (string: ``"at the table"`` or ``"constraint on <side>"``),
        ``n_packages`` (Int64: packages searched), ``accepts`` (Int64: packages the party alone
        accepts: no red line crossed, score >= BATNA) and ``win_set`` (Int64: for a table party,
        packages its whole side accepts; <NA> for a constraint).

    Raises:
        ModelInputError: unknown party, a constraint that is a table party, bad ``restrict``.

    Method: Putnam (1988), win-sets in two-level games; Raiffa (1982), reservation values.
    """
    grid, parties, cons, _, _ = _setting(space, parties, constraints, restrict)
    rows = []
    for p in parties:
        side = grid.accepts(p)
        for o in cons.get(p, ()):
            side = side & grid.accepts(o)
        rows.append((p, "at the table", len(grid), int(grid.accepts(p).sum()), int(side.sum())))
    for side_party, others in cons.items():
        for o in others:
            rows.append((o, f"constraint on {side_party}", len(grid), int(grid.accepts(o).sum()), None))
    out = pd.DataFrame(rows, columns=["actor_id", "role", "n_packages", "accepts", "win_set"])
    return out.astype(
        {"actor_id": "string", "role": "string", "n_packages": "Int64", "accepts": "Int64", "win_set": "Int64"}
    )


def zone_of_possible_agreement(
    space: DealSpace,
    parties: Sequence[str] = TABLE_PARTIES,
    constraints: Mapping[str, Sequence[str]] | None = None,
    restrict: Mapping[str, object] | None = None,
) -> pd.DataFrame:
    """The zone of possible agreement (ZOPA): every package all parties involved accept.

    A package is in the zone when neither party at the table nor any constraint party finds a
    red line in it and each of them scores it at least at its BATNA (a party is taken to accept
    a package worth exactly its reservation value).

    Args:
        space: the deal space (``iranus.course().deal_space()``, or :func:`make_deal_space`).
        parties: the two parties at the table.
        constraints: side -> third parties whose acceptance that side needs, e.g.
            ``{"us": ["israel"]}`` (Putnam's two-level game); None for no constraint.
        restrict: issue id -> option id(s) to keep; None searches all packages.

    Returns:
        DataFrame, one row per package in the zone (empty, with the same columns, when the zone
        is empty), columns: ``package_id`` (Int64), one column per issue id (string: the option
        chosen), ``score_<party>`` for every party of the space (float64, points),
        ``gain_<party>`` for the two table parties (float64: score - BATNA, >= 0),
        ``nash_product`` (float64: product of the two gains) and ``pareto_optimal`` (boolean:
        on the Pareto frontier of :func:`pareto_frontier`). Sorted by ``nash_product``
        (largest first), then ``package_id``.

    Raises:
        ModelInputError: unknown party, a constraint that is a table party, bad ``restrict``.

    Method: Raiffa (1982); Putnam (1988) for constraints; Nash (1950) for the product.

    >>> import iranus
    >>> space = iranus.course().deal_space()
    >>> len(zone_of_possible_agreement(space)), len(zone_of_possible_agreement(space, constraints={"us": ["israel"]}))
    (1660, 0)
    """
    grid, parties, _, available, zone = _setting(space, parties, constraints, restrict)
    return _zone_frame(grid, parties, available, zone)


def _zone_frame(grid, parties, available, zone) -> pd.DataFrame:
    rows = np.flatnonzero(zone)
    frontier = _frontier_rows(grid, parties, available)
    out = _package_frame(grid, rows, parties)
    out["nash_product"] = (out[f"gain_{parties[0]}"] * out[f"gain_{parties[1]}"]).astype("float64")
    out["pareto_optimal"] = pd.array(np.isin(rows, frontier), dtype="boolean")
    out = out.sort_values(["nash_product", "package_id"], ascending=[False, True], kind="stable")
    return out.reset_index(drop=True)


def _frontier_rows(grid: PackageGrid, parties, available: np.ndarray) -> np.ndarray:
    rows = np.flatnonzero(available)
    keep = pareto_mask(grid.scores[parties[0]][rows], grid.scores[parties[1]][rows])
    return rows[keep]


def pareto_frontier(
    space: DealSpace,
    parties: Sequence[str] = TABLE_PARTIES,
    constraints: Mapping[str, Sequence[str]] | None = None,
    restrict: Mapping[str, object] | None = None,
) -> pd.DataFrame:
    """The Pareto frontier for the two parties at the table.

    Searched among the *available* packages: those that cross no red line of a table party and
    that every constraint party accepts. A package is on the frontier when no available package
    scores at least as much for both parties and more for one. Packages with equal scores for
    both are all listed.

    Args:
        space, parties, constraints, restrict: as in :func:`zone_of_possible_agreement`.

    Returns:
        DataFrame, one row per frontier package, columns as in
        :func:`zone_of_possible_agreement` without ``nash_product``/``pareto_optimal``, plus
        ``in_zone`` (boolean: both table parties score it at least at their BATNA). Sorted by
        the first party's score (largest first), then ``package_id``.

    Raises:
        ModelInputError: as :func:`zone_of_possible_agreement`.
    """
    grid, parties, _, available, zone = _setting(space, parties, constraints, restrict)
    rows = _frontier_rows(grid, parties, available)
    out = _package_frame(grid, rows, parties)
    out["in_zone"] = pd.array(zone[rows], dtype="boolean")
    out = out.sort_values([f"score_{parties[0]}", "package_id"], ascending=[False, True], kind="stable")
    return out.reset_index(drop=True)


def _nash_row(grid: PackageGrid, parties, available: np.ndarray, zone: np.ndarray) -> int | None:
    """Row of the Nash bargaining solution in the grid, or None if the zone is empty.

    Ties in the Nash product (within a relative 1e-9) are broken by keeping the tied packages
    that are Pareto-optimal among themselves, then the smallest package id. Both rules are
    unchanged by positive affine rescaling of either party's scores, so the solution is too.
    """
    rows = np.flatnonzero(zone)
    if rows.size == 0:
        return None
    space = grid.space
    g1 = grid.scores[parties[0]][rows] - space.batnas[parties[0]]
    g2 = grid.scores[parties[1]][rows] - space.batnas[parties[1]]
    product = g1 * g2
    best = product.max()
    tied = np.flatnonzero(product >= best - _TIE * max(1.0, abs(best)))
    if tied.size > 1:
        tied = tied[pareto_mask(g1[tied], g2[tied])]
    chosen = rows[tied]
    return int(chosen[np.argmin(grid.package_ids[chosen])])


def nash_bargaining_solution(
    space: DealSpace,
    parties: Sequence[str] = TABLE_PARTIES,
    constraints: Mapping[str, Sequence[str]] | None = None,
    restrict: Mapping[str, object] | None = None,
) -> pd.Series | None:
    """The Nash bargaining solution: the package in the zone maximising the product of gains.

    The gain of a party is its score minus its BATNA (the disagreement point). The solution is
    individually rational (both gains >= 0), Pareto-optimal among the available packages, and
    unchanged when a party's scores and BATNA are rescaled by a positive affine map.

    Args:
        space, parties, constraints, restrict: as in :func:`zone_of_possible_agreement`.

    Returns:
        A Series named ``"nash_bargaining_solution"`` with the entries of one row of
        :func:`zone_of_possible_agreement` (``package_id``, the option of each issue, scores,
        gains, ``nash_product``, ``pareto_optimal``), or None when the zone is empty.

    Raises:
        ModelInputError: as :func:`zone_of_possible_agreement`.

    Method: Nash (1950), "The Bargaining Problem", Econometrica 18(2), 155-162, applied to a
    finite set of packages (no lotteries).
    """
    grid, parties, _, available, zone = _setting(space, parties, constraints, restrict)
    row = _nash_row(grid, parties, available, zone)
    if row is None:
        return None
    out = _package_frame(grid, np.array([row]), parties)
    out["nash_product"] = out[f"gain_{parties[0]}"] * out[f"gain_{parties[1]}"]
    out["pareto_optimal"] = pd.array([row in set(_frontier_rows(grid, parties, available))], dtype="boolean")
    series = out.iloc[0]
    series.name = "nash_bargaining_solution"
    return series


# -- sensitivity -------------------------------------------------------------------------------


def sensitivity(
    space: DealSpace | None,
    party: str,
    values: Sequence[float],
    option_id: str | None = None,
    parties: Sequence[str] = TABLE_PARTIES,
    constraints: Mapping[str, Sequence[str]] | None = None,
    restrict: Mapping[str, object] | None = None,
) -> pd.DataFrame:
    """How the zone and the Nash solution move when one number changes.

    Changes ``party``'s BATNA (``option_id`` None) or ``party``'s score of ``option_id`` to each
    of ``values`` in turn, everything else fixed, and reports the zone of possible agreement
    and the Nash bargaining solution for each value. One value is one slider update.

    Args:
        space: the deal space (``iranus.course().deal_space()``, or :func:`make_deal_space`).
        party: whose BATNA or score changes (a table party or a constraint party).
        values: the values to try (points).
        option_id: the option whose score changes; None to change the BATNA.
        parties, constraints, restrict: as in :func:`zone_of_possible_agreement`.

    Returns:
        DataFrame, one row per value (in the given order), columns: ``value`` (float64),
        ``zone_size`` (Int64: packages in the zone), ``nash_package_id`` (Int64, <NA> when the
        zone is empty), one column per issue id (string: the Nash solution's option, <NA> when
        none), ``gain_<party>`` for the two table parties (float64, NaN when none) and
        ``nash_changed`` (boolean: the Nash package differs from the one with the number
        unchanged).

    Raises:
        ModelInputError: unknown party or option, a value that is not a finite number, and the
            errors of :func:`zone_of_possible_agreement`.

    Method: one-at-a-time sensitivity analysis of Raiffa's (1982) additive model.
    """
    space = _space(space)
    space.check_party(party)
    if option_id is not None:
        space.locate(option_id)
    if isinstance(values, (str, bytes)) or not hasattr(values, "__len__"):
        raise ModelInputError(f"values must be a list of numbers, not {values!r}", "values", values)
    vals = finite_numbers(list(values), "values")
    base_grid, table, _, base_available, base_zone = _setting(space, parties, constraints, restrict)
    base_row = _nash_row(base_grid, table, base_available, base_zone)
    base_id = None if base_row is None else int(base_grid.package_ids[base_row])
    rows = []
    for v in vals:
        if option_id is None:
            changed = space.with_batna(party, float(v))
            grid = regrid(base_grid, changed)
        else:
            changed = space.with_score(party, option_id, float(v))
            grid = regrid(base_grid, changed, party)
        grid, _, _, available, zone = _setting(changed, table, constraints, restrict, grid=grid)
        row = _nash_row(grid, table, available, zone)
        record: dict[str, object] = {"value": float(v), "zone_size": int(zone.sum())}
        if row is None:
            record["nash_package_id"] = None
            record.update({issue: None for issue in space.issues})
            record.update({f"gain_{p}": np.nan for p in table})
            record["nash_changed"] = base_id is not None
        else:
            pid = int(grid.package_ids[row])
            record["nash_package_id"] = pid
            record.update(space.package(pid))
            record.update({f"gain_{p}": float(grid.scores[p][row] - changed.batnas[p]) for p in table})
            record["nash_changed"] = pid != base_id
        rows.append(record)
    columns = ["value", "zone_size", "nash_package_id", *space.issues, *(f"gain_{p}" for p in table), "nash_changed"]
    out = pd.DataFrame(rows, columns=columns)
    dtypes = {"value": "float64", "zone_size": "Int64", "nash_package_id": "Int64", "nash_changed": "boolean"}
    dtypes.update({issue: "string" for issue in space.issues})
    dtypes.update({f"gain_{p}": "float64" for p in table})
    return out.astype(dtypes)
