"""No hindsight in the data seen on the course date (6 February 2026).

Lessons 00-06 are set on the day of the Muscat round and load the data with
``iranus.load(name, as_of="2026-02-06")``. The cut only works on tables with a date column, so
every text cell of an undated table (actors, issues, glossary terms without a date, paragraphs,
claims, scenarios, deal options, event actors) must itself state nothing that happened, or
became known, after that day. The dated tables are checked after the cut: a row dated on or
before 6 February must not describe what came later either.

The date scanner is the one of ``tests/test_lessons.py`` (its regular expressions), made
stricter: a month with no day counts from the *end* of that month ("February 2026" could mean
the 28th, so a 6-February text must write "6 February 2026" or "early February 2026"); "early",
"mid" and "late" before a month or a year move the day to the start, the 15th or the end of the
period; a day and month written without a year take the last year written before them in the
text, else the year of the row's own date (the year before if that would put them more than two
months after the row's date), else the course year (2026).
"""

from __future__ import annotations

import calendar
import re

import pandas as pd
import pytest

import iranus

from test_lessons import DAY_MONTH_YEAR, ISO, MONTH_DAY_YEAR, MONTH_YEAR, MONTHS, dates_in

COURSE_DATE = pd.Timestamp("2026-02-06")
AS_OF = "2026-02-06"

#: Tables without an ``as_of`` field: every text cell must be safe on the course date.
UNDATED = ("actors", "issues", "glossary", "paragraphs", "claims", "scenarios", "deal_options", "event_actors")
#: Tables with an ``as_of`` field whose rows dated up to the course date must be safe too.
CUT = (
    "glossary", "positions", "claim_checks", "events", "sources",
    "quantities", "capabilities", "deal_scores", "deal_batnas", "scenario_outcomes",
)

#: Phrases that only make sense after the course date (the war from 28 February 2026, the
#: ceasefire of 7 April, the memorandum of June 2026), whatever dates they carry.
LATER_PHRASES = (
    "2026 war",
    "war of february",
    "since the war",
    "ceasefire of april",
    "memorandum of june",
    "2026 strikes",
    "strikes of february 2026",
    "geneva round",
    "islamabad talks",
    "islamabad memorandum",
    "islamabad mou",
    "high-level committee",
    "bürgenstock",
    "epic fury",
    "roaring lion",
)

_M = "|".join(sorted(MONTHS, key=len, reverse=True))
QUALIFIED_MONTH_YEAR = re.compile(rf"\b(early|mid|late|end of)[\s-]+({_M})\.?\s+(20\d\d)\b", re.I)
QUALIFIED_YEAR = re.compile(r"\b(early|mid|late|end of)[\s-]+(20\d\d)\b", re.I)
DAY_MONTH = re.compile(rf"\b(\d{{1,2}})(?:\s*[-–]\s*\d{{1,2}})?\s+({_M})\b\.?(?!\.?,?\s+20\d\d)", re.I)
MONTH_DAY = re.compile(rf"\b({_M})\.?\s+(\d{{1,2}})\b(?!,?\s+20\d\d)(?!\s*(?:%|kg|km|\d))", re.I)
YEAR = re.compile(r"\b(20\d\d)\b")


def _month_end(year: int, month: int) -> pd.Timestamp:
    return pd.Timestamp(year, month, calendar.monthrange(year, month)[1])


def _overlaps(span: tuple[int, int], spans: list[tuple[int, int]]) -> bool:
    return any(span[0] < end and start < span[1] for start, end in spans)


def strict_dates(text: str, row_date: pd.Timestamp | None = None) -> list[tuple[pd.Timestamp, str]]:
    """Every date written in ``text``, as (the LATEST day it can mean, the matched text).

    Args:
        text: a cell of the data.
        row_date: the row's own date, for a day and month written without a year when no year
            is written before them in the text; None for an undated table (the course year is
            then assumed).

    Returns:
        A list of (Timestamp, matched text). Full dates come from ``test_lessons.dates_in``; a
        month-year counts from the month's last day, or its first day after "early" and its 15th
        after "mid"; a bare "early/mid/late 2026" likewise within the year.
    """
    found: list[tuple[pd.Timestamp, str]] = []
    day_spans: list[tuple[int, int]] = []
    for regex in (ISO, DAY_MONTH_YEAR, MONTH_DAY_YEAR):
        day_spans += [m.span() for m in regex.finditer(text)]
    found += [(d, s) for d, s in dates_in(text) if not MONTH_YEAR.fullmatch(s)]
    qualified: list[tuple[int, int]] = []
    for m in QUALIFIED_MONTH_YEAR.finditer(text):
        qualified.append(m.span())
        year, month = int(m[3]), MONTHS[m[2].lower()]
        day = {"early": 1, "mid": 15}.get(m[1].lower())
        found.append((pd.Timestamp(year, month, day) if day else _month_end(year, month), m[0]))
    for m in MONTH_YEAR.finditer(text):
        if not _overlaps(m.span(), day_spans) and not _overlaps(m.span(), qualified):
            found.append((_month_end(int(m[2]), MONTHS[m[1].lower()]), m[0]))
    for m in QUALIFIED_YEAR.finditer(text):
        year = int(m[2])
        when = {"early": pd.Timestamp(year, 1, 1), "mid": pd.Timestamp(year, 7, 1)}
        found.append((when.get(m[1].lower(), pd.Timestamp(year, 12, 31)), m[0]))
    years = [(m.start(), int(m[1])) for m in YEAR.finditer(text)]
    for regex, day_group, month_group in ((DAY_MONTH, 1, 2), (MONTH_DAY, 2, 1)):
        for m in regex.finditer(text):
            if _overlaps(m.span(), day_spans):
                continue
            before = [y for pos, y in years if pos < m.start()]
            month, day = MONTHS[m[month_group].lower()], int(m[day_group])
            try:
                if before:
                    when = pd.Timestamp(before[-1], month, day)
                elif row_date is not None:
                    # a note written on a row's date speaks of the past: a day more than two
                    # months after that date is read as the year before ("28 December" on a row
                    # of 21 January 2026 is 28 December 2025)
                    when = pd.Timestamp(row_date.year, month, day)
                    if when > row_date + pd.Timedelta(days=60):
                        when = pd.Timestamp(row_date.year - 1, month, day)
                else:
                    when = pd.Timestamp(COURSE_DATE.year, month, day)
            except ValueError:
                continue
            found.append((when, m[0]))
    return found


def hindsight_in(text: str, row_date: pd.Timestamp | None = None) -> list[str]:
    """What in ``text`` points past the course date: later dates and later-only phrases."""
    if not isinstance(text, str) or not text:
        return []
    hits = [s for d, s in strict_dates(text, row_date) if d > COURSE_DATE]
    lower = text.lower()
    return hits + [p for p in LATER_PHRASES if p in lower]


def _text_columns(name: str, df: pd.DataFrame) -> list[str]:
    fields = iranus.describe(name)
    text = fields.loc[fields["type"] == "string", "column"].tolist()
    # identifiers are not prose (and the Arabic key terms are quotations of the seed); the
    # curators' columns (curator_note) are not in what a learner loads, so not scanned
    return [c for c in text if not c.endswith("_id") and c not in ("url", "key_terms_ar", "quote_ar") and c in df.columns]


def _scan(name: str, df: pd.DataFrame) -> list[str]:
    problems = []
    key = df.columns[0]
    dated = "date" in df.columns
    for _, row in df.iterrows():
        when = row["date"] if dated and pd.notna(row["date"]) else None
        for column in _text_columns(name, df):
            for hit in hindsight_in(row[column], when):
                problems.append(f"{name}.csv {key}={row[key]} column {column}: {hit!r}")
    return problems


def test_strict_scanner_reads_month_and_qualified_dates():
    later = [s for d, s in strict_dates("talks in February 2026; early February 2026; 6 February 2026") if d > COURSE_DATE]
    assert later == ["February 2026"]
    assert sorted(hindsight_in("the truce of 7 Apr; ordered in mid-2026")) == ["7 Apr", "mid-2026"]
    assert hindsight_in("met Witkoff on 3 Feb and Trump on 11 Feb 2026") == ["11 Feb 2026"]
    assert hindsight_in("struck on 22 June", row_date=pd.Timestamp("2025-11-16")) == []
    assert hindsight_in("protests from 28 December", row_date=pd.Timestamp("2026-01-21")) == []
    assert hindsight_in("tariffs in force from 7 Feb", row_date=COURSE_DATE) == ["7 Feb"]
    assert hindsight_in("Iran enriched to 60% by June 2025; since the war began") == ["since the war"]
    assert hindsight_in("3.67% for 15 years; the 2015 deal; Rubio, 4 Feb") == []


@pytest.mark.parametrize("name", UNDATED)
def test_undated_tables_state_nothing_after_the_course_date(name):
    df = iranus.load(name, as_of=AS_OF)
    problems = _scan(name, df)
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("name", CUT)
def test_dated_tables_cut_at_the_course_date_state_nothing_later(name):
    df = iranus.load(name, as_of=AS_OF)
    problems = _scan(name, df)
    assert not problems, "\n".join(problems)


def test_glossary_terms_of_the_epilogue_are_cut_by_as_of():
    glossary = iranus.load("glossary")
    later = set(glossary.loc[glossary["date"] > COURSE_DATE, "term_id"])
    assert later == {"ceasefire_april_2026", "naval_blockade", "islamabad_memorandum", "high_level_committee"}
    kept = set(iranus.load("glossary", as_of=AS_OF)["term_id"])
    assert kept.isdisjoint(later)
    # the general terms stay, defined without the later events
    assert {"enrichment", "snapback", "batna", "ceasefire", "memorandum_of_understanding"} <= kept


def test_sources_known_only_by_year_stay_out_of_the_course_date():
    sources = iranus.load("sources")
    vague = sources[sources["date_precision"].isin(["month", "year"])]
    assert "hanna_ai_2026_islamabad_vance" in set(vague["source_id"])
    assert set(vague["source_id"]).isdisjoint(iranus.load("sources", as_of=AS_OF)["source_id"])
    assert sources.loc[sources["date"].isna(), "date_precision"].isna().all()


def test_every_row_cut_at_the_course_date_cites_a_source_of_that_view():
    """A lesson that joins a table cut at 6 February with sources cut the same way finds every source."""
    sources = set(iranus.load("sources", as_of=AS_OF)["source_id"])
    for name in ("positions", "claim_checks", "events", "quantities", "capabilities", "deal_scores", "deal_batnas"):
        cited = set(iranus.load(name, as_of=AS_OF)["source_id"].dropna())
        assert cited <= sources, f"{name}: {sorted(cited - sources)}"
