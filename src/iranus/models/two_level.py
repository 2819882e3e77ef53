"""A two-level game on one issue: how a third party narrows one negotiator's win-set.

Putnam's two-level game (Robert D. Putnam, "Diplomacy and Domestic Politics: The Logic of
Two-Level Games", *International Organization* 42(3), 1988) sees a negotiator bargaining at the
table (level I) while needing the consent of those behind it (level II). The negotiator's
**win-set** is the set of agreements that would win that consent. The smaller the win-set, the
smaller the zone of possible agreement (ZOPA) with the other side, and the more likely deadlock;
a small win-set can also be a bargaining asset ("I cannot sell that at home").

Lesson 03 uses a deliberately simple version on one issue's 0-100 stance scale:

- Each negotiator's *stated* stance (from the positions table) is an opening position, not its
  bottom line. Its **reservation point** is the stance moved ``concession`` points towards the
  other side: the learner's assumption, not data.
- The negotiator accepts any outcome at least as good for it as its reservation point: for the
  side whose stance is higher, every point from its reservation point up to 100; for the other,
  every point from 0 up to its reservation point.
- A **third party** that is not at the table (Israel, for the US) pulls the negotiator's
  reservation point towards its own stance with weight ``influence`` between 0 (no say) and 1 (a
  veto), but only when it is more demanding than the negotiator. That narrows the win-set.
- The ZOPA is the overlap of the two sides' acceptable ranges, and may be empty.

iranus has one win-set model: :func:`iranus.models.bargaining.win_sets` (the packages of the deal
space that a side and every party it needs accept; Israel as a constraint on the US side). This
module only *illustrates* it on one issue's scale, where a package is a point and "accepts"
becomes a range (:func:`acceptable_range`); with ``influence=1`` the third party is the same
veto as a constraint of :func:`~iranus.models.bargaining.win_sets`, and lower values show a
partial pull, an assumption for the illustration.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from ..record.agendas import latest_positions
from ..datasets.i18n import get_language, label
from ..datasets.i18n import t as _t


@dataclass(frozen=True)
class Interval:
    """A closed range of outcomes on the 0-100 scale; ``empty`` when ``low > high``."""

    low: float
    high: float

    @property
    def empty(self) -> bool:
        return self.low > self.high

    @property
    def width(self) -> float:
        """Length of the range (0 when empty or a single point)."""
        return 0.0 if self.empty else self.high - self.low


def _check_scale(name: str, value: float) -> float:
    try:
        value = float(value)
    except (TypeError, ValueError):
        raise ValueError(f"{name}={value!r} is not a number on the 0-100 scale") from None
    if not 0 <= value <= 100:
        raise ValueError(f"{name}={value} is outside the 0-100 stance scale")
    return value


def reservation_point(stance: float, other_stance: float, concession: float) -> float:
    """The stated ``stance`` moved ``concession`` points towards ``other_stance`` (never past it).

    Args:
        stance, other_stance: coded stances, 0-100.
        concession: points, >= 0 (the learner's assumption about room to move).

    Returns:
        The reservation point, a float between the two stances.

    Raises:
        ValueError: a value is off the 0-100 scale or ``concession`` is negative.
    """
    stance = _check_scale("stance", stance)
    other_stance = _check_scale("other_stance", other_stance)
    concession = float(concession)
    if concession < 0:
        raise ValueError(f"concession={concession} must be zero or more (points on the 0-100 scale)")
    if stance >= other_stance:
        return max(stance - concession, other_stance)
    return min(stance + concession, other_stance)


def acceptable_range(stance: float, other_stance: float, concession: float, third_party: float | None = None, influence: float = 0.0) -> Interval:
    """The outcomes on one issue a negotiator can accept (its win-set there), optionally under a third party's pull.

    >>> acceptable_range(95, 10, 45)
    Interval(low=50.0, high=100.0)
    >>> acceptable_range(95, 10, 45, third_party=100, influence=1).low   # a veto: only 100 is left
    100.0

    Args:
        stance: the negotiator's stated stance (0-100).
        other_stance: the other side's stated stance (0-100); fixes which end the negotiator
            prefers (the end of the scale nearer its own stance).
        concession: how far (points) the negotiator could move from its stated stance.
        third_party: the stance of the party behind the negotiator (0-100), or None.
        influence: 0 (no say) to 1 (veto): how far the third party pulls the reservation point
            towards its own stance when it is more demanding than the negotiator.

    Returns:
        :class:`Interval` of acceptable outcomes on 0-100.

    Raises:
        ValueError: values off the scale, a negative concession, or influence outside 0-1.
    """
    influence = float(influence)
    if not 0 <= influence <= 1:
        raise ValueError(f"influence={influence} must be between 0 (no say) and 1 (a veto)")
    res = reservation_point(stance, other_stance, concession)
    high_side = float(stance) >= float(other_stance)
    if third_party is not None:
        tp = _check_scale("third_party", third_party)
        more_demanding = tp > res if high_side else tp < res
        if more_demanding:
            res = res + influence * (tp - res)
    return Interval(res, 100.0) if high_side else Interval(0.0, res)


def zone_of_agreement(a: Interval, b: Interval) -> Interval:
    """The overlap of two acceptable ranges (the ZOPA on this issue); may be empty."""
    return Interval(max(a.low, b.low), min(a.high, b.high))


def win_set_illustration(
    stances: dict[str, float],
    negotiator: str,
    counterpart: str,
    third_party: str,
    concession: float = 20.0,
    influence: float = 0.5,
    as_of: str | None = None,
    language: str | None = None,
    actor_labels: dict[str, str] | pd.Series | None = None,
) -> pd.DataFrame:
    """The ranges of the two-level illustration on one issue, as a tidy table for a chart.

    Args:
        stances: actor id -> stated stance (0-100) for the three actors.
        negotiator: the actor at the table whose win-set the third party narrows (e.g. ``"us"``).
        counterpart: the actor across the table (e.g. ``"iran"``).
        third_party: the actor behind the negotiator (e.g. ``"israel"``).
        concession: points each negotiator could move from its stated stance (assumption).
        influence: 0-1, the third party's pull on the negotiator (assumption).
        as_of: the date the stances were read at (``"YYYY-MM-DD"``), kept in
            ``attrs["iranus"]["as_of"]`` for the chart's source line; None if unknown.
        language: ``"en"`` or ``"ar"`` for the range names (None: the default language).
        actor_labels: actor id -> display name (e.g. ``Course.labels("actors")`` of an edited
            data folder); the bundled names in ``language`` when None.

    Returns:
        DataFrame with five rows and columns ``range`` (string: what the row is, with the
        actors' display labels in the chosen language), ``actor_id``
        (string), ``low`` and ``high`` (float, 0-100; both <NA>/NaN when the range is empty),
        ``width`` (float, points), ``empty`` (bool). Rows: the counterpart's acceptable range,
        the negotiator's win-set alone, its win-set under the third party, the ZOPA alone, the
        ZOPA under the third party.

    Raises:
        KeyError: an actor id is missing from ``stances`` (names it).
        ValueError: see :func:`acceptable_range`.
    """
    for actor in (negotiator, counterpart, third_party):
        if actor not in stances:
            raise KeyError(f"stances has no stance for {actor!r}; it has {sorted(stances)}")
    s_n, s_c, s_t = (float(stances[a]) for a in (negotiator, counterpart, third_party))
    other = acceptable_range(s_c, s_n, concession)
    alone = acceptable_range(s_n, s_c, concession)
    pulled = acceptable_range(s_n, s_c, concession, third_party=s_t, influence=influence)
    lang = get_language(language)
    names = dict(actor_labels) if actor_labels is not None else {}
    n, c, t = (names.get(a) or label("actors", a, lang) for a in (negotiator, counterpart, third_party))
    rows = [  # names of the five ranges: the catalogue's "range" section
        (_t("range.can_accept", lang, c=c), counterpart, other),
        (_t("range.win_set_alone", lang, n=n), negotiator, alone),
        (_t("range.win_set_with", lang, n=n, t=t), negotiator, pulled),
        (_t("range.zopa_alone", lang), "zopa", zone_of_agreement(alone, other)),
        (_t("range.zopa_with", lang, t=t), "zopa", zone_of_agreement(pulled, other)),
    ]
    out = pd.DataFrame(
        {
            "range": [r[0] for r in rows],
            "actor_id": [r[1] for r in rows],
            "low": [float("nan") if r[2].empty else round(r[2].low, 1) for r in rows],
            "high": [float("nan") if r[2].empty else round(r[2].high, 1) for r in rows],
            "width": [round(r[2].width, 1) for r in rows],
            "empty": [r[2].empty for r in rows],
        }
    )
    out = out.astype({"range": "string", "actor_id": "string"})
    out.attrs["stances"] = {negotiator: s_n, counterpart: s_c, third_party: s_t}
    out.attrs["actor_labels"] = {negotiator: n, counterpart: c, third_party: t}
    out.attrs["assumptions"] = {"concession": float(concession), "influence": float(influence)}
    if as_of is not None:
        out.attrs["iranus"] = {"as_of": pd.Timestamp(as_of)}
    return out


def stances_on_issue(positions: pd.DataFrame, issue_id: str, actors: list[str]) -> dict[str, float]:
    """The latest coded stance of each actor on one issue (from the positions table).

    Args:
        positions: ``iranus.load("positions", as_of=...)``.
        issue_id: e.g. ``"enrichment"``.
        actors: actor ids, e.g. ``["us", "iran", "israel"]``.

    Returns:
        dict actor id -> stance (float, 0-100).

    Raises:
        ValueError: an actor has no stated position on the issue in the rows given (names the
            actor, the issue and the latest date in the table, so a learner sees the as_of cut).
    """
    latest = latest_positions(positions)
    latest = latest[latest["issue_id"] == issue_id].set_index("actor_id")
    out = {}
    for actor in actors:
        if actor not in latest.index:
            last = positions["date"].max()
            when = f"up to {last:%Y-%m-%d}" if pd.notna(last) else "in an empty table"
            raise ValueError(f"no stated position of {actor!r} on issue {issue_id!r} {when}; pick another issue or actor")
        out[actor] = float(latest.loc[actor, "stance"])
    return out


def zopa_by_influence(
    stances: dict[str, float],
    negotiator: str,
    counterpart: str,
    third_party: str,
    concession: float = 20.0,
    steps: int = 11,
) -> pd.DataFrame:
    """Width of the ZOPA as the third party's influence grows from 0 to 1.

    Returns:
        DataFrame with ``influence`` (float, 0-1 in ``steps`` even steps) and ``zopa_width``
        (float, points on the 0-100 scale; 0 when there is no overlap).

    Raises:
        ValueError: ``steps`` < 2, or see :func:`win_set_illustration`.
    """
    if steps < 2:
        raise ValueError(f"steps={steps} must be at least 2")
    rows = []
    for k in range(steps):
        w = k / (steps - 1)
        table = win_set_illustration(stances, negotiator, counterpart, third_party, concession, w)
        rows.append({"influence": round(w, 3), "zopa_width": float(table["width"].iloc[-1])})
    return pd.DataFrame(rows)


__all__ = [
    "Interval",
    "reservation_point",
    "stances_on_issue",
    "acceptable_range",
    "win_set_illustration",
    "zone_of_agreement",
    "zopa_by_influence",
]
