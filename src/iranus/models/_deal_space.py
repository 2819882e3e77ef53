"""The deal space: agenda issues, their options, each party's scores, red lines and BATNA.

One job: hold a validated deal space and answer questions about single packages. A *package*
is one option for every issue (a possible agreement). Every party scores every option in points
(Raiffa's additive scoring), may declare some options *red lines* (it would sign no agreement
containing them, whatever the rest), and has a BATNA: the value of its best alternative to a
negotiated agreement on the same points scale, i.e. its reservation value.

Method source: H. Raiffa (1982), *The Art and Science of Negotiation*, Harvard University Press
(additive scoring systems, reservation values, the zone of possible agreement); red lines as
options a party will not accept follow the scoreable role-play exercises of the Harvard Program
on Negotiation.

A :class:`DealSpace` is immutable: :meth:`DealSpace.with_batna`, :meth:`DealSpace.with_score`
and :meth:`DealSpace.with_red_line` return changed copies (what a slider in a lesson calls).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from types import MappingProxyType

import numpy as np
import pandas as pd

from ._args import ModelInputError, finite_numbers, preview, require_frame


def _frozen(a: np.ndarray) -> np.ndarray:
    a = np.array(a, copy=True)
    a.setflags(write=False)
    return a


@dataclass(frozen=True, eq=False, repr=False)
class DealSpace:
    """A validated deal space (build it with :func:`make_deal_space`, not directly).

    Attributes:
        issues: issue ids, in agenda order.
        options: for each issue (same order), its option ids in display order.
        labels: option id -> English label (the id when no label was given).
        parties: actor ids of the parties that scored the options, in order of first appearance.
        scores: party -> one float array per issue: the party's points for each option.
        red_lines: party -> one bool array per issue: True where the option is a red line.
        batnas: party -> reservation value (points on the same scale as the scores).
        as_of: the date the codings were cut at (None for a space built from arbitrary tables).
        data_dir: the data folder the codings were loaded from (for labels), or None.
    """

    issues: tuple[str, ...]
    options: tuple[tuple[str, ...], ...]
    labels: Mapping[str, str]
    parties: tuple[str, ...]
    scores: Mapping[str, tuple[np.ndarray, ...]]
    red_lines: Mapping[str, tuple[np.ndarray, ...]]
    batnas: Mapping[str, float]
    as_of: pd.Timestamp | None = None
    data_dir: str | None = field(default=None, compare=False)
    _cache: dict = field(default_factory=dict, repr=False, compare=False)

    def __repr__(self) -> str:
        when = f"; codings as of {self.as_of:%Y-%m-%d}" if self.as_of is not None else ""
        return (
            f"DealSpace({len(self.issues)} issues, {self.n_packages:,} packages, "
            f"parties {', '.join(self.parties)}{when})"
        )

    # -- sizes and look-ups -------------------------------------------------------------------

    @property
    def shape(self) -> tuple[int, ...]:
        """Number of options of each issue (agenda order)."""
        return tuple(len(o) for o in self.options)

    @property
    def n_packages(self) -> int:
        """Number of possible packages: the product of the numbers of options."""
        return int(np.prod(self.shape, dtype=np.int64))

    def locate(self, option_id: str, argument: str = "option_id") -> tuple[int, int]:
        """Return (issue position, option position) of an option id.

        Raises:
            ModelInputError: unknown option (lists the known options).
        """
        where = self._cache.get("locate")
        if where is None:
            where = {o: (i, j) for i, opts in enumerate(self.options) for j, o in enumerate(opts)}
            self._cache["locate"] = where
        if option_id not in where:
            known = [o for opts in self.options for o in opts]
            raise ModelInputError(
                f"{argument}: unknown option {option_id!r}; known options: {preview(known, 40)}", argument, option_id
            )
        return where[option_id]

    def check_party(self, party: str, argument: str = "party") -> str:
        """Return ``party`` if it is a party of the space.

        Raises:
            ModelInputError: unknown party (lists the parties).
        """
        if party not in self.parties:
            raise ModelInputError(
                f"{argument}: {party!r} is not a party of this deal space; parties: {list(self.parties)}",
                argument,
                party,
            )
        return party

    def codes(self, package: Mapping[str, str], argument: str = "package") -> tuple[int, ...]:
        """Option positions of a package, one per issue (agenda order).

        Args:
            package: issue id -> option id, one entry for every issue.

        Raises:
            ModelInputError: not a mapping; an unknown issue; an issue left out; an option that
                does not exist or belongs to another issue (each names the entry and lists the
                valid options).
        """
        if not isinstance(package, Mapping):
            raise ModelInputError(
                f"{argument} must be a dict of issue id -> option id, not {type(package).__name__}", argument
            )
        for issue in package:
            if issue not in self.issues:
                raise ModelInputError(
                    f"{argument}: unknown issue {issue!r}; the issues are {list(self.issues)}", argument, issue
                )
        missing = [i for i in self.issues if i not in package]
        if missing:
            first = missing[0]
            opts = self.options[self.issues.index(first)]
            raise ModelInputError(
                f"{argument} has no option for issue(s) {missing}; a package needs one option per issue "
                f"(for {first!r}: {list(opts)})",
                argument,
                first,
            )
        out = []
        for k, issue in enumerate(self.issues):
            option = package[issue]
            opts = self.options[k]
            if option in opts:
                out.append(opts.index(option))
                continue
            hint = ""
            try:
                other = self.issues[self.locate(option)[0]]
                hint = f" ({option!r} is an option of issue {other!r})"
            except ModelInputError:
                pass
            raise ModelInputError(
                f"{argument}: {option!r} is not an option of issue {issue!r}{hint}; its options are {list(opts)}",
                argument,
                option,
            )
        return tuple(out)

    def package_id(self, package: Mapping[str, str]) -> int:
        """Stable number of a package: its position in the enumeration of all packages.

        Packages are enumerated with the last issue varying fastest (C order over
        :attr:`shape`), so the id does not depend on which packages a search kept.

        Raises:
            ModelInputError: see :meth:`codes`.
        """
        return int(np.ravel_multi_index(self.codes(package), self.shape))

    def package(self, package_id: int) -> dict[str, str]:
        """The package (issue id -> option id) with number ``package_id``.

        Raises:
            ModelInputError: ``package_id`` is not an integer in 0 .. n_packages - 1.
        """
        if isinstance(package_id, bool) or not isinstance(package_id, (int, np.integer)):
            raise ModelInputError(f"package_id must be an integer, not {package_id!r}", "package_id", package_id)
        if not 0 <= int(package_id) < self.n_packages:
            raise ModelInputError(
                f"package_id {package_id} is out of range 0 .. {self.n_packages - 1}", "package_id", package_id
            )
        codes = np.unravel_index(int(package_id), self.shape)
        return {issue: self.options[k][int(c)] for k, (issue, c) in enumerate(zip(self.issues, codes))}

    # -- immutable updates (what a slider calls) ----------------------------------------------

    def _replace(self, **changes) -> DealSpace:
        values = {
            "issues": self.issues,
            "options": self.options,
            "labels": self.labels,
            "parties": self.parties,
            "scores": self.scores,
            "red_lines": self.red_lines,
            "batnas": self.batnas,
            "as_of": self.as_of,
            "data_dir": self.data_dir,
        }
        values.update(changes)
        return DealSpace(**values)

    def with_batna(self, party: str, value: float) -> DealSpace:
        """A copy in which ``party``'s BATNA (reservation value, points) is ``value``.

        Raises:
            ModelInputError: unknown party, or a value that is not a finite number.
        """
        self.check_party(party)
        v = float(finite_numbers([value], "value", [party])[0])
        batnas = dict(self.batnas)
        batnas[party] = v
        return self._replace(batnas=MappingProxyType(batnas))

    def with_score(self, party: str, option_id: str, value: float) -> DealSpace:
        """A copy in which ``party`` scores ``option_id`` at ``value`` points.

        Raises:
            ModelInputError: unknown party or option, or a value that is not a finite number.
        """
        self.check_party(party)
        i, j = self.locate(option_id)
        v = float(finite_numbers([value], "value", [option_id])[0])
        per_issue = list(self.scores[party])
        arr = np.array(per_issue[i], copy=True)
        arr[j] = v
        per_issue[i] = _frozen(arr)
        scores = dict(self.scores)
        scores[party] = tuple(per_issue)
        return self._replace(scores=MappingProxyType(scores))

    def with_red_line(self, party: str, option_id: str, red_line: bool) -> DealSpace:
        """A copy in which ``option_id`` is (True) or is not (False) a red line of ``party``.

        Raises:
            ModelInputError: unknown party or option, or ``red_line`` not a bool.
        """
        self.check_party(party)
        i, j = self.locate(option_id)
        if not isinstance(red_line, (bool, np.bool_)):
            raise ModelInputError(f"red_line must be True or False, not {red_line!r}", "red_line", red_line)
        per_issue = list(self.red_lines[party])
        arr = np.array(per_issue[i], copy=True)
        arr[j] = bool(red_line)
        per_issue[i] = _frozen(arr)
        flags = dict(self.red_lines)
        flags[party] = tuple(per_issue)
        return self._replace(red_lines=MappingProxyType(flags))

    # -- tables -------------------------------------------------------------------------------

    def option_table(self) -> pd.DataFrame:
        """The options, one row each.

        Returns:
            DataFrame with columns ``issue_id`` (string), ``option_id`` (string), ``order``
            (Int64, 1-based within the issue) and ``label_en`` (string), in agenda order.
        """
        rows = [
            (issue, o, j + 1, self.labels[o])
            for issue, opts in zip(self.issues, self.options)
            for j, o in enumerate(opts)
        ]
        out = pd.DataFrame(rows, columns=["issue_id", "option_id", "order", "label_en"])
        return out.astype({"issue_id": "string", "option_id": "string", "order": "Int64", "label_en": "string"})

    def score_table(self) -> pd.DataFrame:
        """Every party's score for every option, one row each (long format).

        Returns:
            DataFrame with columns ``actor_id``, ``issue_id``, ``option_id`` (string), ``score``
            (float64, points) and ``red_line`` (boolean), parties in order, then agenda order.
        """
        rows = []
        for p in self.parties:
            for k, (issue, opts) in enumerate(zip(self.issues, self.options)):
                for j, o in enumerate(opts):
                    rows.append((p, issue, o, float(self.scores[p][k][j]), bool(self.red_lines[p][k][j])))
        out = pd.DataFrame(rows, columns=["actor_id", "issue_id", "option_id", "score", "red_line"])
        return out.astype(
            {
                "actor_id": "string",
                "issue_id": "string",
                "option_id": "string",
                "score": "float64",
                "red_line": "boolean",
            }
        )

    def batna_table(self) -> pd.DataFrame:
        """The parties' BATNAs.

        Returns:
            DataFrame with columns ``actor_id`` (string) and ``batna`` (float64, points).
        """
        out = pd.DataFrame({"actor_id": list(self.parties), "batna": [self.batnas[p] for p in self.parties]})
        return out.astype({"actor_id": "string", "batna": "float64"})


def make_deal_space(
    options: pd.DataFrame,
    scores: pd.DataFrame,
    batnas: pd.DataFrame,
    as_of: pd.Timestamp | None = None,
) -> DealSpace:
    """Build and validate a deal space from three tables.

    Args:
        options: one row per option; columns ``option_id`` and ``issue_id`` (strings), and
            optionally ``order`` (display order within the issue; file order when absent) and
            ``label_en``. Issues keep the order of their first row.
        scores: one row per party and option; columns ``actor_id``, ``option_id``, ``score``
            (points, any finite number) and optionally ``red_line`` (bool; False when absent).
        batnas: one row per party; columns ``actor_id`` and ``batna`` (points).
        as_of: recorded on the result (see :meth:`iranus.course.Course.deal_space`).

    Returns:
        A :class:`DealSpace`.

    Raises:
        ModelInputError: a missing column; a duplicated or blank option id; an issue without
            options; a score for an unknown option; a duplicated score row; a missing score (names
            the party and option); a score or BATNA that is not a finite number; a red-line flag
            that is not true/false; a party without a BATNA or a BATNA for a party with no scores.
    """
    require_frame(options, "options", ["option_id", "issue_id"])
    require_frame(scores, "scores", ["actor_id", "option_id", "score"])
    require_frame(batnas, "batnas", ["actor_id", "batna"])

    opt = options.reset_index(drop=True)
    for col in ("option_id", "issue_id"):
        blank = opt[col].isna() | (opt[col].astype("string").str.strip() == "")
        if blank.any():
            row = int(np.flatnonzero(blank.to_numpy())[0])
            raise ModelInputError(f"options: row {row} has no {col}", "options", row)
    dup = opt["option_id"][opt["option_id"].duplicated()]
    if len(dup):
        raise ModelInputError(f"options: option id {dup.iloc[0]!r} appears twice", "options", dup.iloc[0])
    order = opt["order"] if "order" in opt.columns else pd.Series(range(len(opt)), index=opt.index)
    order = finite_numbers(order, "options['order']", list(opt["option_id"]))
    opt = opt.assign(_order=order, _row=range(len(opt)))
    issues = tuple(str(i) for i in pd.unique(opt["issue_id"].astype(str)))
    by_issue = []
    for issue in issues:
        sub = opt[opt["issue_id"].astype(str) == issue].sort_values(["_order", "_row"])
        by_issue.append(tuple(str(o) for o in sub["option_id"]))
    labels = {}
    for row in opt.itertuples(index=False):
        lab = getattr(row, "label_en", None) if "label_en" in opt.columns else None
        labels[str(row.option_id)] = str(lab) if isinstance(lab, str) and lab else str(row.option_id)
    known = {o: (k, j) for k, opts in enumerate(by_issue) for j, o in enumerate(opts)}

    sc = scores.reset_index(drop=True)
    parties = tuple(str(p) for p in pd.unique(sc["actor_id"].astype(str)))
    row_names = [f"{a}/{o}" for a, o in zip(sc["actor_id"].astype(str), sc["option_id"].astype(str))]
    values = finite_numbers(sc["score"], "scores", row_names)
    if "red_line" in sc.columns:
        flags = []
        for name, v in zip(row_names, sc["red_line"]):
            if isinstance(v, (bool, np.bool_)):
                flags.append(bool(v))
            else:
                raise ModelInputError(f"scores: red_line of {name} is {v!r}; it must be true or false", "scores", name)
    else:
        flags = [False] * len(sc)
    table: dict[str, list[np.ndarray]] = {p: [np.full(len(o), np.nan) for o in by_issue] for p in parties}
    veto: dict[str, list[np.ndarray]] = {p: [np.zeros(len(o), dtype=bool) for o in by_issue] for p in parties}
    for r, (party, option) in enumerate(zip(sc["actor_id"].astype(str), sc["option_id"].astype(str))):
        if option not in known:
            raise ModelInputError(
                f"scores: {party!r} scores option {option!r}, which is not in the options table",
                "scores",
                option,
            )
        k, j = known[option]
        if not np.isnan(table[party][k][j]):
            raise ModelInputError(
                f"scores: {party!r} scores option {option!r} twice (keep one row per party and option)",
                "scores",
                f"{party}/{option}",
            )
        table[party][k][j] = values[r]
        veto[party][k][j] = flags[r]
    for p in parties:
        for k, opts in enumerate(by_issue):
            holes = [opts[j] for j in np.flatnonzero(np.isnan(table[p][k]))]
            if holes:
                raise ModelInputError(
                    f"scores: {p!r} has no score for option {holes[0]!r} (issue {issues[k]!r}); "
                    "every party scores every option",
                    "scores",
                    f"{p}/{holes[0]}",
                )

    bt = batnas.reset_index(drop=True)
    b_parties = [str(p) for p in bt["actor_id"]]
    b_values = finite_numbers(bt["batna"], "batnas", b_parties)
    seen: dict[str, float] = {}
    for p, v in zip(b_parties, b_values):
        if p in seen:
            raise ModelInputError(f"batnas: {p!r} has two BATNA rows (keep one per party)", "batnas", p)
        if p not in parties:
            raise ModelInputError(
                f"batnas: {p!r} has a BATNA but scores no option; parties with scores: {list(parties)}", "batnas", p
            )
        seen[p] = float(v)
    for p in parties:
        if p not in seen:
            raise ModelInputError(f"batnas: {p!r} scores the options but has no BATNA", "batnas", p)

    return DealSpace(
        issues=issues,
        options=tuple(by_issue),
        labels=MappingProxyType(labels),
        parties=parties,
        scores=MappingProxyType({p: tuple(_frozen(a) for a in table[p]) for p in parties}),
        red_lines=MappingProxyType({p: tuple(_frozen(a) for a in veto[p]) for p in parties}),
        batnas=MappingProxyType(seen),
        as_of=as_of,
    )
