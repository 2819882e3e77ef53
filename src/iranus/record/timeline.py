"""Questions about the timeline: who took part in an event, what happened in a period.

Pure: the functions take the tables the course context loads (already cut at its date), e.g.
``c = iranus.course(); timeline.participants(c.load("events"), c.load("event_actors"),
c.load("actors"), "muscat_round_2026", language=c.language)``.
"""

from __future__ import annotations

import pandas as pd

from ..datasets.i18n import get_language
from ..datasets.dates import DateLike, known, parse_date, period_end
from ..datasets.schema import require_columns


EVENT_COLUMNS = ["event_id", "date", "date_precision", "title_en", "category", "source_id", "confidence"]


def _id_list(value, argument: str, what: str) -> list[str] | None:
    if value is None:
        return None
    if isinstance(value, str):
        value = [value]
    ids = [str(v) for v in value]
    if not ids:
        raise ValueError(f"no {what} selected ({argument} is empty): pick at least one {what}")
    return ids


def filter_events(
    events: pd.DataFrame,
    event_actors: pd.DataFrame | None = None,
    start: DateLike = None,
    end: DateLike = None,
    categories: list[str] | None = None,
    actors: list[str] | None = None,
    as_of: DateLike = None,
) -> pd.DataFrame:
    """The events between two dates, of some categories, involving some actors.

    Args:
        events: DataFrame as ``iranus.load("events")`` returns it.
        event_actors: DataFrame as ``iranus.load("event_actors")`` returns it (which actors take
            part in which event); needed only when ``actors`` is given.
        start, end: first and last day to keep (inclusive; ``"YYYY-MM-DD"``, date or
            Timestamp); None leaves that end open. An event dated to a month or a year is kept
            when its period overlaps the range.
        categories: event categories to keep (codes such as ``"talks"``); None keeps all.
        actors: actor ids; keeps events in which at least one of them takes part; None keeps all.
        as_of: a cap no filter can pass (a lesson passes its course context instead: ``course=c``);
            as in :func:`iranus.load`, an event dated to a month or a year is kept only if that
            whole period is over by then (:func:`iranus.datasets.loading.period_end`).

    Returns:
        The matching rows of ``events`` (same columns and dtypes), sorted by date then
        ``event_id``, with a fresh index. May be empty.

    Raises:
        ValueError: a required column is missing; a date is not a date; ``start`` is after
            ``end`` ("empty date range"); ``categories`` or ``actors`` is an empty list; or
            ``actors`` is given without ``event_actors``.
    """
    require_columns(events, "events", EVENT_COLUMNS)
    lo = parse_date(start, "start")
    hi = parse_date(end, "end")
    if lo is not None and hi is not None and lo > hi:
        raise ValueError(f"empty date range: start {lo:%Y-%m-%d} is after end {hi:%Y-%m-%d}")
    cats = _id_list(categories, "categories", "category")
    acts = _id_list(actors, "actors", "actor")
    keep = pd.Series(True, index=events.index)
    last_day = period_end(events)  # a month-precision event may fall on any day of its month
    if lo is not None:
        keep &= last_day >= lo
    if hi is not None:
        keep &= events["date"] <= hi
    keep &= known(events, as_of, keep_undated=False)  # the one cut: only periods wholly known by then
    if cats is not None:
        keep &= events["category"].astype(str).isin(cats)
    if acts is not None:
        if event_actors is None:
            raise ValueError("filtering by actors needs event_actors (pass iranus.course().load('event_actors'))")
        require_columns(event_actors, "event_actors", ["event_id", "actor_id"])
        ids = event_actors.loc[event_actors["actor_id"].astype(str).isin(acts), "event_id"].astype(str)
        keep &= events["event_id"].astype(str).isin(set(ids))
    out = events[keep]
    return out.sort_values(["date", "event_id"]).reset_index(drop=True)


def month_steps(events: pd.DataFrame, as_of: DateLike = None) -> list[pd.Timestamp]:
    """First days of every month from the first event to the last one (or ``as_of``).

    The steps of the date-range slider. Returns an empty list when there is no event.
    """
    cap = parse_date(as_of)
    dates = events["date"].dropna()
    if cap is not None:
        dates = dates[dates <= cap]
    if dates.empty:
        return []
    first = dates.min().to_period("M").to_timestamp()
    last = (cap if cap is not None else dates.max()).to_period("M").to_timestamp()
    return list(pd.date_range(first, last, freq="MS"))


def month_end(month: pd.Timestamp) -> pd.Timestamp:
    """Last day of the month that starts on ``month``."""
    return (pd.Timestamp(month).to_period("M").to_timestamp(how="end")).normalize()


__all__ = [
    "filter_events",
    "month_steps",
    "month_end",
    "EVENT_COLUMNS","events_between", "participants"]


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
