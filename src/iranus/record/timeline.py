"""Questions about the timeline: who took part in an event, what happened in a period.

Pure: the functions take the tables the course context loads (already cut at its date), e.g.
``c = iranus.course(); timeline.participants(c.load("events"), c.load("event_actors"),
c.load("actors"), "muscat_round_2026", language=c.language)``.
"""

from __future__ import annotations

import pandas as pd

from ..datasets.dates import DateLike, parse_date
from ..datasets.i18n import get_language

__all__ = ["events_between", "participants"]


def participants(
    events: pd.DataFrame,
    event_actors: pd.DataFrame,
    actors: pd.DataFrame,
    event_id: str,
    language: str | None = None,
) -> pd.DataFrame:
    """The actors who took part in one event, with their names and offices.

    Args:
        events: the events table (``Course.load("events")``).
        event_actors: the event-actor links (``Course.load("event_actors")``).
        actors: the actors table (``Course.load("actors")``).
        event_id: an ``events.event_id`` such as ``"muscat_round_2026"``.
        language: ``"en"`` or ``"ar"`` for the ``name`` column; the default language if None.

    Returns:
        DataFrame with columns ``actor_id``, ``name`` (in the chosen language), ``kind``
        (category: state, organisation, bloc, group, person), ``affiliation_id`` and ``title_en``
        (office at the time of the Muscat round), states first, then people; sorted by
        affiliation and name.

    Raises:
        KeyError: unknown event id.

    >>> import iranus
    >>> c = iranus.course()
    >>> people = participants(c.load("events"), c.load("event_actors"), c.load("actors"), "muscat_round_2026")
    >>> {"araghchi", "witkoff"} <= set(people["actor_id"])
    True
    """
    if event_id not in set(events["event_id"]):
        raise KeyError(f"no event {event_id!r} in the events table (argument event_id)")
    language = get_language(language)
    ids = event_actors.loc[event_actors["event_id"] == event_id, "actor_id"]
    rows = actors[actors["actor_id"].isin(ids)].copy()
    rows["name"] = rows["name_ar" if language == "ar" else "name_en"]
    rows["_people"] = rows["kind"] == "person"
    rows = rows.sort_values(["_people", "affiliation_id", "name_en"], na_position="first")
    return rows[["actor_id", "name", "kind", "affiliation_id", "title_en"]].reset_index(drop=True)


def events_between(events: pd.DataFrame, start: DateLike, end: DateLike) -> pd.DataFrame:
    """Events dated from ``start`` to ``end`` inclusive.

    Args:
        events: the events table (``Course.load("events")``, already cut at the course's date).
        start, end: the bounds (``"YYYY-MM-DD"``, ``date`` or ``Timestamp``).

    Returns:
        The events table's columns (see :func:`iranus.load_events`), sorted by date; ``attrs``
        kept (the cut date).

    Raises:
        ValueError: a bound is not a date, or ``start`` is after ``end`` (names the argument).

    >>> import iranus
    >>> jan = events_between(iranus.course().load("events"), "2026-01-01", "2026-01-31")
    >>> bool(jan["date"].dt.month.eq(1).all())
    True
    """
    lo, hi = parse_date(start, "start"), parse_date(end, "end")
    if lo > hi:
        raise ValueError(f"start={start!r} is after end={end!r}")
    out = events[(events["date"] >= lo) & (events["date"] <= hi)]
    return out.sort_values(["date", "event_id"]).reset_index(drop=True)
