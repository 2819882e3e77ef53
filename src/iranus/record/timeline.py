"""Questions about the timeline: who took part in an event, what happened in a period."""

from __future__ import annotations

import pandas as pd

from ..datasets.i18n import get_language
from ..datasets.loading import DateLike, load, parse_as_of


def participants(event_id: str, language: str | None = None) -> pd.DataFrame:
    """The actors who took part in one event, with their names and offices.

    Args:
        event_id: an ``events.event_id`` such as ``"muscat_round_2026"``.
        language: ``"en"`` or ``"ar"`` for the ``name`` column; the session's language if None.

    Returns:
        DataFrame with columns ``actor_id``, ``name`` (in the chosen language), ``kind``
        (category: state, organisation, bloc, group, person), ``affiliation_id`` and ``title_en``
        (office at the time of the Muscat round), states first, then people; sorted by
        affiliation and name.

    Raises:
        KeyError: unknown event id.
    """
    events = load("events")
    if event_id not in set(events["event_id"]):
        raise KeyError(f"no event {event_id!r} in the events table (argument event_id)")
    language = language or get_language()
    links = load("event_actors")
    actors = load("actors")
    ids = links.loc[links["event_id"] == event_id, "actor_id"]
    rows = actors[actors["actor_id"].isin(ids)].copy()
    rows["name"] = rows["name_ar" if language == "ar" else "name_en"]
    rows["_people"] = rows["kind"] == "person"
    rows = rows.sort_values(["_people", "affiliation_id", "name_en"], na_position="first")
    return rows[["actor_id", "name", "kind", "affiliation_id", "title_en"]].reset_index(drop=True)


def events_between(start: DateLike, end: DateLike, as_of: DateLike = None) -> pd.DataFrame:
    """Events dated from ``start`` to ``end`` inclusive (and not after ``as_of``).

    Returns:
        The events table's columns (see :func:`iranus.load_events`), sorted by date.

    Raises:
        ValueError: a bound is not a date, or ``start`` is after ``end`` (names the argument).
    """
    lo, hi = parse_as_of(start, "start"), parse_as_of(end, "end")
    if lo > hi:
        raise ValueError(f"start={start!r} is after end={end!r}")
    events = load("events", as_of=as_of)
    out = events[(events["date"] >= lo) & (events["date"] <= hi)]
    return out.sort_values(["date", "event_id"]).reset_index(drop=True)
