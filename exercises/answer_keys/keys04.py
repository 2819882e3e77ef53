"""Automatic checks of exercise 04, leverage and pressure (``exercises/master/04_leverage.ipynb``).

Expected answers come from the quantities table as of 6 February 2026 through
:mod:`iranus.record.leverage`, which keeps each series in one unit and never merges competing counts.
"""

from __future__ import annotations

from iranus.checks import Question, coded, load
from iranus.checks.exercise_feedback import Mistake
from iranus.datasets.dates import COURSE_DATE
from iranus.record import leverage

AS_OF = COURSE_DATE
STOCK_60 = "iran_stockpile_60pct_kg"
STOCK_TOTAL = "iran_stockpile_total_enriched_kg"
JCPOA_CAP = "jcpoa_stockpile_cap_kg"
PROTEST_PREFIX = "protest_deaths_"


def quantities():
    """The quantities table as of 6 February 2026."""
    return load("quantities", as_of=AS_OF)


def growth_2024_to_last_verified() -> float:
    """Ratio of the last IAEA-verified 60% stock to the first figure of 2024."""
    q = quantities()
    last = leverage.last_verified(q, STOCK_60)
    return leverage.change(q, STOCK_60, start="2024-01-01", end=f"{last['date']:%Y-%m-%d}")["ratio"]


def last_verified_date():
    """Date of the last 60% stockpile figure the IAEA verified (as of 6 February 2026)."""
    return leverage.last_verified(quantities(), STOCK_60)["date"]


def total_over_cap() -> float:
    """The last total enriched stock as a multiple of the JCPOA cap (both in kg of uranium)."""
    q = quantities()
    total = leverage.series(q, STOCK_TOTAL).iloc[-1]
    cap = leverage.series(q, JCPOA_CAP).iloc[-1]
    if str(total["unit"]) != str(cap["unit"]):
        raise ValueError(f"{STOCK_TOTAL} is in {total['unit']} but {JCPOA_CAP} in {cap['unit']}")
    return float(total["value"]) / float(cap["value"])


def protest_series() -> list[str]:
    """Ids of the separate series that count deaths in the 2025-26 protests (as of 6 February 2026)."""
    ids = quantities()["series_id"].astype(str)
    return sorted(set(ids[ids.str.startswith(PROTEST_PREFIX)]))


def protest_measures() -> list[str]:
    """What each protest death series counts, in words (its ``measure_en``), in the order of :func:`protest_series`."""
    rows = quantities().drop_duplicates("series_id").set_index("series_id")
    return [str(rows.loc[s, "measure_en"]) for s in protest_series()]


def percent_change(series_id: str, start: str | None = None, end: str | None = None) -> float:
    """Reference answer of the exercise's function: :func:`iranus.record.leverage.change` in percent."""
    return leverage.change(quantities(), series_id, start, end)["percent_change"]


#: The exercise's automatic questions, registered by ``exercise_feedback.register_keys``.
QUESTIONS = (
    Question(
        "E04.stockpile_growth",
        "By what factor did Iran's stock of uranium enriched up to 60% grow between the first IAEA figure "
        "of 2024 and the last figure the IAEA verified? (a number, e.g. 2.5)",
        expected=growth_2024_to_last_verified,
        kind="number",
        tolerance=0.01,
        explain=lambda r: (
            f"About {r:.2f} times, between two IAEA-verified figures in the same unit (kg of uranium). "
            f"{_unverified_note()}"
        ),
        hint="`leverage.change(quantities, 'iran_stockpile_60pct_kg', start='2024-01-01', end=...)['ratio']`, ending at the date of the last verified figure.",
    ),
    Question(
        "E04.last_verified_date",
        "On what date was the last 60% stockpile figure that the IAEA itself verified? (a date, 'YYYY-MM-DD')",
        expected=last_verified_date,
        kind="date",
        explain=lambda d: (
            f"{d:%d %B %Y}. Every later figure in the data is an estimate or a claim (see how each figure is known), not a "
            "verified count: after the June 2025 strikes the IAEA could no longer check the stock."
        ),
        hint="`leverage.last_verified(quantities, 'iran_stockpile_60pct_kg')`, and read its date.",
    ),
    Question(
        "E04.total_over_cap",
        "The JCPOA capped Iran's enriched uranium stock (series 'jcpoa_stockpile_cap_kg'). How many times "
        "that cap was the last figure of the total enriched stock ('iran_stockpile_total_enriched_kg')? "
        "(a number)",
        expected=total_over_cap,
        kind="number",
        tolerance=0.1,
        explain=lambda x: (
            f"About {x:.1f} times the cap. The comparison is fair only because both series are in the same "
            "unit (kg of uranium); a cap quoted in kg of uranium hexafluoride (UF6) would first need converting."
        ),
        hint="take the last row of each series with leverage.series(...) and divide the two values; check their 'unit' first.",
    ),
    Question(
        "E04.protest_series",
        "How many separate series in the quantities table count deaths in the 2025-26 protests, as of 6 "
        "February 2026? (a whole number)",
        expected=lambda: len(protest_series()),
        kind="int",
        explain=lambda n: (
            f"{n}: {'; '.join(protest_measures())}. Each counter (officials, rights groups) has its own method "
            "and its own series, and so does each basis of one counter (HRANA's protesters-only count and its "
            "count of all deaths); leverage.competing_counts shows them side by side and never averages them."
        ),
        hint="look for series ids (the series column, `series_id`) that start with 'protest_deaths_'.",
    ),
    Question(
        "E04.rial_change",
        "percent_change(quantities, 'iran_rial_per_usd_open_market', '2025-01-01'): the change of the rial's "
        "open-market rate from the first figure of 2025 to the last one, in percent.",
        expected=lambda: percent_change("iran_rial_per_usd_open_market", "2025-01-01"),
        kind="number",
        tolerance=0.1,
        explain=lambda p: (
            f"About {p:.1f}% more rials per dollar: the rial lost value. These are market rates reported by "
            "the press (marked 'press figure'), not an official rate."
        ),
        hint="use `leverage.change(quantities, series_id, start, end)` and its 'percent_change'.",
    ),
)


def _unverified_note() -> str:
    status = leverage.verification_status(quantities(), STOCK_60)
    later = status[status["date"] > last_verified_date()]
    if later.empty:
        return ""
    shown = ", ".join(f"{v:g} kg ({coded(k, 'estimate_kind')}, {d:%d %b %Y})" for v, k, d in zip(later["value"], later["estimate_kind"], later["date"]))
    return f"The later figure(s), {shown}, are not IAEA-verified counts, so they are not used as an end point."


#: Known wrong answers with their diagnosis.
MISTAKES = (
    Mistake(
        "E04.stockpile_growth",
        lambda a: abs(float(a) - leverage.change(quantities(), STOCK_60, start="2024-01-01")["ratio"]) < 0.01,
        "You ended at the last figure of the series, which the IAEA did not verify. End at the "
        "last verified one.",
        values=lambda: [leverage.change(quantities(), STOCK_60, start="2024-01-01")["ratio"]],
    ),
    Mistake(
        "E04.stockpile_growth",
        lambda a: abs(float(a) - (growth_2024_to_last_verified() - 1) * 100) < 0.5,
        "That is a percent change; the question asks for a factor (end value divided by start value).",
        values=lambda: [(growth_2024_to_last_verified() - 1) * 100],
    ),
    Mistake(
        "E04.rial_change",
        lambda a: abs(float(a) - leverage.change(quantities(), "iran_rial_per_usd_open_market", "2025-01-01")["ratio"]) < 0.01,
        "That is the ratio (end / start); a percent change is (ratio - 1) x 100.",
        values=lambda: [leverage.change(quantities(), "iran_rial_per_usd_open_market", "2025-01-01")["ratio"]],
    ),
)
