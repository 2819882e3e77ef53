"""Checks for understanding of lesson 04, leverage and pressure.

Expected answers are computed from the events and quantities tables as of 6 February 2026.
"""

from __future__ import annotations

from ..record import leverage
from ..datasets.dates import COURSE_DATE
from . import Question, coded, load

AS_OF = COURSE_DATE
STOCKPILE_60 = "iran_stockpile_60pct_kg"
RIAL = "iran_rial_per_usd_open_market"
PROTEST_COUNTS = ("protest_deaths_iran_official", "protest_deaths_hrana", "protest_deaths_ihr")


def _day(ts) -> str:
    """A date as '4 February 2026' (no leading zero)."""
    return f"{ts.day} {ts:%B %Y}"


def _quantities():
    return load("quantities", as_of=AS_OF)


def snapback_event():
    """The events row of the day UN sanctions came back (category 'un', title mentions snapback or UN sanctions)."""
    events = load("events", as_of=AS_OF)
    rows = events[(events["category"] == "un") & events["title_en"].str.contains("sanctions", case=False) & events["title_en"].str.contains("return", case=False)]
    return rows.sort_values("date").iloc[-1]


def trigger_event():
    """The events row of the day France, Germany and the United Kingdom (the E3) triggered the snapback
    (category 'un', title mentions the E3 and snapback)."""
    events = load("events", as_of=AS_OF)
    rows = events[(events["category"] == "un") & events["title_en"].str.contains("E3", case=False) & events["title_en"].str.contains("snapback", case=False)]
    return rows.sort_values("date").iloc[0]


def last_stockpile():
    """The latest row of the IAEA's 60% stockpile series up to 6 Feb 2026."""
    return leverage.series(_quantities(), STOCKPILE_60).iloc[-1]


def rial_change() -> dict:
    """First and last open-market rial rate of the series up to 6 Feb 2026 (leverage.change)."""
    return leverage.change(_quantities(), RIAL)


def protest_counts():
    """The latest figure of each competing protest death count (leverage.competing_counts)."""
    return leverage.competing_counts(_quantities(), list(PROTEST_COUNTS))


#: HRANA's figure of 21 January 2026 in Al Jazeera's report of that day (AP's of the same day gives the
#: 4,560 the data uses); lesson 04 §5 quotes both. A reading with it is a defensible other answer.
HRANA_AL_JAZEERA_21_JAN = 4519


def protest_other_readings() -> dict[str, tuple[float, str]]:
    """Other defensible answers to 04.protest_gap: {the reading, in words: (its value, what a learner
    who gives it reads: what that number is, who reported it, as of when, and what the question asks)}.

    - HRANA's earlier count of protesters only (its own series, the latest figure as of 6 Feb 2026)
      taken as the lowest, HRANA's count of all deaths as the highest;
    - Al Jazeera's HRANA figure of 21 January (4,519) as the highest, the official toll as the lowest.
    """
    q = _quantities()
    counts = protest_counts().set_index("series_id")["value"]
    protesters_row = leverage.series(q, "protest_deaths_hrana_protesters").iloc[-1]
    protesters = protesters_row["value"]
    hrana = leverage.series(q, "protest_deaths_hrana").iloc[-1]
    asks = "The question asks for the gap between the highest and the lowest of the three counts' latest figures."
    return {
        "protesters only": (
            float(counts["protest_deaths_hrana"] - protesters),
            f"{{shown}} is the gap between HRANA's count of all deaths and its earlier count of protesters only "
            f"({protesters:,.0f}, {_day(protesters_row['date'])}): two counts by the same group, and the count "
            f"of protesters only is not one of the three counts compared. {asks}",
        ),
        "Al Jazeera's HRANA figure": (
            float(HRANA_AL_JAZEERA_21_JAN - counts.min()),
            f"{{shown}} is the gap between HRANA's count as Al Jazeera reported it on 21 January 2026 "
            f"({HRANA_AL_JAZEERA_21_JAN:,} deaths) and the lowest count. The table of §5 gives HRANA's count of "
            f"{_day(hrana['date'])} as AP reported it, a slightly different figure. {asks}",
        ),
    }


#: Grossi's round figures, shown in the notes of the stockpile table of §6 (the IAEA Director General
#: rounded the verified 274.8 kg of 8 February 2025 to 275 kg, and a later remark of his put the
#: stock at "about 400 kg"; the data does not date either remark).
GROSSI_ROUNDED_FEB_2025 = 275
GROSSI_ABOUT = 400


def stockpile_other_readings() -> dict[str, tuple[float, str]]:
    """Other figures a learner may give for 04.last_stockpile, both shown in the table of §6:
    {the reading, in words: (its value, what a learner who gives it reads)}.

    - 275: Grossi's rounding of the IAEA's verified figure for 8 February 2025 (274.8 kg), an
      earlier figure than the last one;
    - 400: a later remark of Grossi's that put the stock at "about 400 kg", a round figure, not
      the IAEA's estimate in its report.
    """
    series = leverage.series(_quantities(), STOCKPILE_60)
    feb = series[series["value"].round() == GROSSI_ROUNDED_FEB_2025].iloc[-1]
    last = series.iloc[-1]
    asks = (
        f"The question asks for the IAEA's last figure of any kind, the one dated {_day(last['date'])}, "
        "as the table gives it (with its one decimal)."
    )
    return {
        "Grossi's rounding of February 2025": (
            float(GROSSI_ROUNDED_FEB_2025),
            f"{{shown}} kg is the figure the IAEA's inspectors verified for {_day(feb['date'])} ({feb['value']:g} kg, "
            f"which the agency's Director General, Rafael Grossi, rounded to {GROSSI_ROUNDED_FEB_2025} kg): an "
            f"earlier figure, not the last one. {asks}",
        ),
        "Grossi's 'about 400 kg'": (
            float(GROSSI_ABOUT),
            f"{{shown}} kg is the round figure of a later remark by the IAEA's Director General, Rafael Grossi, "
            f"who put the stock at 'about {GROSSI_ABOUT} kg'; it is not the figure of the agency's report. {asks}",
        ),
    }


def protest_gap() -> float:
    """Highest minus lowest of the competing protest death counts, in people."""
    values = protest_counts()["value"]
    return float(values.max() - values.min())


#: The lesson's questions, in the order the lesson asks them; registered by the engine
#: (:data:`iranus.checks.BANKS`), not on import.
QUESTIONS = (
    Question(
        "04.snapback_date",
        "On what date did UN sanctions on Iran come back into force under the snapback? (a date, 'YYYY-MM-DD')",
        expected=lambda: snapback_event()["date"],
        kind="date",
        alternatives={
            "2025-09-27": "Your date is the one the UN gives (New York time), and it is right too; the table "
            "of §2 gives the UTC date.",
        },
        explain=lambda d: (
            f"{d.day} {d:%B %Y} (UTC), the date in the table of §2 (“{snapback_event()['title_en']}”). The UN "
            "dates the return of its sanctions to 27 September: the 30 days that France, Germany and the United "
            f"Kingdom started on {_day(trigger_event()['date'])} under Resolution 2231 ended on 27 September in New "
            "York, and the sanctions applied again from 20:00 New York time on 27 September, which was 00:00 UTC "
            "on 28 September. The article's phrase 'reviving the nuclear agreement' overlooks this: "
            "by 2026 the 2015 deal's UN relief had been reversed."
        ),
        hint="the table of sanctions and UN events in §2 has the day UN sanctions came back.",
    ),
    Question(
        "04.last_stockpile",
        "What is the IAEA's last figure for Iran's stock of uranium enriched up to 60%, in kg, in the data as of 6 February 2026? (a number)",
        expected=lambda: float(last_stockpile()["value"]),
        kind="number",
        unit="kg",
        tolerance=0.5,
        near_misses={
            "408.6": "408.6 kg is the last figure the IAEA *verified*, for 17 May 2025. The question asks for its "
            "last figure of any kind: look at the figure after it and at how that figure is known (estimate or verified).",
        },
        explain=lambda v: (
            f"{v:g} kg, dated {_day(last_stockpile()['date'])} and marked '{coded(last_stockpile()['estimate_kind'], 'estimate_kind')}': "
            "the IAEA's estimate for the day the strikes began, not a figure its inspectors verified. Nothing "
            "verified has been possible since."
        ),
        other_settings=stockpile_other_readings,
        precision="give the figure with its one decimal, as the table does",
        hint="read the last IAEA figure for the 60% stock in §6 (its table and chart).",
    ),
    Question(
        "04.rial_ratio",
        "How many times more rials did a US dollar cost on the open market at the last figure before the round than "
        "at the first figure of the series? (a number; round to a whole number)",
        expected=lambda: float(rial_change()["ratio"]),
        kind="number",
        unit="times",
        tolerance=0.13,  # the ratio rounded to the nearest whole number (47 for 46.875), or unrounded (46.9)
        near_misses={
            "46": "That is the ratio rounded down. Round to the nearest whole number.",
        },
        explain=lambda r: (
            f"About {round(r)} times ({r:.3g} before rounding): from {rial_change()['start_value']:,.0f} rials ({rial_change()['start_date']:%Y}) to "
            f"{rial_change()['end_value']:,.0f} rials ({_day(rial_change()['end_date'])}). Mind the unit: some "
            "reports quote tomans (1 toman = 10 rials)."
        ),
        hint="§4 works it out below the rial chart: the ratio of the last figure before the round to the first.",
    ),
    Question(
        "04.protest_gap",
        "The competing counts of deaths in the protests differ. Take the latest figure of each of the three counts "
        "in the table of §5 (Iran's official toll, HRANA's count of all deaths, Iran Human Rights' minimum). By how "
        "many people does the highest exceed the lowest? (a whole number)",
        expected=lambda: round(protest_gap()),
        kind="int",
        unit="people",
        tolerance=0.5,
        other_settings=protest_other_readings,
        explain=lambda g: (
            f"{g:,.0f} people. The counts, each with its counter and date: "
            + "; ".join(
                f"{r.measure_en[0].lower()}{r.measure_en[1:]}, {r.value:,.0f} ({_day(r.date)})"
                for r in protest_counts().sort_values("value").itertuples()
            )
            + ". HRANA's own count moved during that day: AP's report gives 4,560 (the figure in the table), Al "
            "Jazeera's 4,519. Each count has its own counter, date and rules (who counts as a protester, a minimum or a total); "
            "none is simply 'the' toll, so report them side by side with who counted."
        ),
        hint="in the table of the three counts in §5, subtract the lowest of the three latest figures from the highest.",
    ),
    Question(
        "04.verified_after_strikes",
        "Is there any stockpile figure dated after the strikes began (13 June 2025) that the IAEA verified? Answer 'yes' or 'no'.",
        expected=lambda: "yes" if bool(
            leverage.verification_status(_quantities(), STOCKPILE_60).query("date >= '2025-06-13'")["verified"].any()
        ) else "no",
        kind="choice",
        choices=("yes", "no"),
        aliases={"true": "yes", "false": "no", "none": "no", "no figure": "no", "not verified": "no", "n": "no", "y": "yes"},
        explain=lambda a: (
            f"{a.capitalize()}. The last verified figure is dated "
            f"{_day(leverage.last_verified(_quantities(), STOCKPILE_60)['date'])}; everything later is an estimate "
            "or a government's claim, because inspectors have had no access to the bombed sites."
        ),
        hint="the table of §6 says, for each stockpile figure, whether the IAEA verified it.",
    ),
)
