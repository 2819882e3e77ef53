"""Checks for understanding of lesson 06, reading the source (set on 6 February 2026)."""

from __future__ import annotations

import re

from ..record.source_reading import attribution_group, claim_verdicts, verdict_label
from ..datasets.dates import COURSE_DATE
from . import Question, cite, load

AS_OF = COURSE_DATE
OCCUPIED = "الأراضي الفلسطينية المحتلة"  # "the occupied Palestinian territories"


def _claim(claim_id: str):
    claims = load("claims")
    return claims[claims["claim_id"] == claim_id].iloc[0]


def _day(ts) -> str:
    return f"{ts.day} {ts:%B %Y}"


def rubio_names() -> tuple[str, str]:
    """(first name the article uses, real first name): from claim C31's claimant and the actors table."""
    written = re.search(r"'(\w+) Rubio'", str(_claim("C31")["claimant"])).group(1)
    actors = load("actors")
    real = str(actors.loc[actors["actor_id"] == "rubio", "name_en"].iloc[0]).split()[0]
    return written, real


def margins_verdict():
    """The latest check of claim C31 (Rubio's 'margins' remark) known on 6 February 2026 (a row)."""
    verdicts = claim_verdicts(load("claims"), load("claim_checks", as_of=AS_OF), as_of=AS_OF)
    return verdicts[verdicts["claim_id"] == "C31"].iloc[0]


def rounds_2025():
    """The 2025 US-Iran negotiating rounds that took place (events titled '2025 round ...')."""
    events = load("events", as_of=AS_OF)
    return events[events["title_en"].str.startswith("2025 round")]


def own_voice_percent() -> float:
    """Percent of the article's claims in its own voice (attribution group 'outlet_itself')."""
    claims = load("claims")
    return round(100 * float((attribution_group(claims["attribution"]) == "outlet_itself").mean()), 1)


def occupied_paragraph() -> str:
    """The paragraph whose Arabic phrase calls Israel 'the occupied Palestinian territories'."""
    claims = load("claims")
    return str(claims.loc[claims["quote_ar"].str.contains(OCCUPIED, na=False), "paragraph_id"].iloc[0])


#: The lesson's questions, in the order the lesson asks them; registered by the engine
#: (:data:`iranus.checks.BANKS`), not on import.
QUESTIONS = (
    Question(
        "06.rubio_name",
        "The article calls the US Secretary of State 'Mike Rubio'. What is his real first name?",
        expected=lambda: rubio_names()[1],
        kind="text",
        aliases={"marco rubio": "Marco", "marco antonio": "Marco", "marco antonio rubio": "Marco", "ماركو": "Marco", "ماركو روبيو": "Marco"},
        near_misses={
            "Mike": "'Mike' is what the article writes (مايك روبيو, P15), and that is the slip the question is "
            "about. Look up the US Secretary of State in the list of people of the course.",
            "Mike Rubio": "'Mike Rubio' is what the article writes (مايك روبيو, P15), and that is the slip the "
            "question is about. Look up the US Secretary of State in the list of people of the course.",
        },
        explain=lambda real: (
            f"He is {real} Rubio, the US Secretary of State; paragraph P15 writes '{rubio_names()[0]}' "
            "(مايك). A wrong first name is a small slip, but it tells you the text was not checked closely, "
            "and the same paragraph gives him a remark that no other reporting recorded."
        ),
        hint="look up the US Secretary of State in the list of people of the course; the article's first name is the slip.",
    ),
    Question(
        "06.margins_verdict",
        "As of 6 February 2026, what was the latest verdict of other reporting on the 'margins' remark the "
        "article attributes to Rubio (claim C31)?",
        expected=lambda: verdict_label(str(margins_verdict()["verdict"]), "en"),
        kind="choice",
        choices=("confirmed", "partly confirmed", "contested", "not confirmed", "contradicted", "interpretation"),
        aliases={"unconfirmed": "not confirmed", "unverified": "not confirmed", "partially confirmed": "partly confirmed"},
        explain=lambda v: (
            f"'{v}' ({_day(margins_verdict()['check_date'])}, source "
            f"{cite(margins_verdict()['check_source_id'])}): {margins_verdict()['note_en']}"
        ),
        hint="the table of §4 of the claims that did not hold up has Rubio's 'margins' remark, with its verdict.",
    ),
    Question(
        "06.rounds_2025",
        "A page that fabricates calls the Muscat round the 'first direct contact since January 2025'. How many "
        "US-Iran negotiating rounds does the events table record in spring 2025? (a whole number)",
        expected=lambda: len(rounds_2025()),
        kind="int",
        unit="rounds",
        explain=lambda n: (
            f"{n} rounds, from {rounds_2025()['date'].min().day} {rounds_2025()['date'].min():%B} to "
            f"{_day(rounds_2025()['date'].max())}, in Muscat and Rome with Oman mediating. A claim that "
            "ignores them fails against the record that any reader could check on 6 February."
        ),
        hint="count the rounds in the table of the 2025 rounds in §7.",
    ),
    Question(
        "06.own_voice_percent",
        "What percentage of the article's claims are in the article's own voice (no source given beyond the "
        "author)? (a number, e.g. 55.5)",
        expected=own_voice_percent,
        kind="number",
        unit="percent",
        tolerance=0.6,
        near_misses={
            "0.82": "Give it as a percentage: a share of 0.82 is 82%.",
            "0.823": "Give it as a percentage: a share of 0.823 is 82.3%.",
        },
        explain=lambda p: (
            f"About {p:.0f}% of the claims. For those the reader has only the outlet's word: "
            "the author's facts can be checked, but the assessments and forecasts are the author's own view."
        ),
        hint="the table of §2 gives the number of claims in the article's own voice and the total: divide the "
        "first by the second and multiply by 100.",
    ),
    Question(
        "06.occupied_paragraph",
        "In which paragraph does the article call Israel's territory 'the occupied Palestinian territories' "
        "(الأراضي الفلسطينية المحتلة)? (e.g. \"P05\")",
        example='"P05"',
        expected=occupied_paragraph,
        kind="text",
        aliases={
            "23": "P23",
            "p 23": "P23",
            "paragraph 23": "P23",
            "paragraph p23": "P23",
            "line 23": "P23",
        },
        explain=lambda p: (
            f"Paragraph {p}, where Iranian missiles and drones are said to have struck 'deep in "
            "the occupied Palestinian territories'. The phrase usually means the West Bank, East Jerusalem and "
            "Gaza; applied to Israel itself it is an editorial stance, not a description."
        ),
        hint="§5 lists the article's loaded phrases each with the paragraph it is in.",
    ),
)
