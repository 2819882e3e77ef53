"""Checks for understanding of lesson 01, the Muscat round in context."""

from __future__ import annotations

from ..datasets.dates import COURSE_DATE
from . import Question, coded, load

AS_OF = COURSE_DATE


def muscat_round():
    """The events row of the Muscat round (a talks event in Oman's capital in February 2026)."""
    events = load("events", as_of=AS_OF)
    rows = events[
        (events["category"] == "talks")
        & events["title_en"].str.contains("Muscat", case=False)
        & (events["date"].dt.year == 2026)
    ]
    return rows.iloc[-1]


def _anonymous_claims() -> int:
    claims = load("claims")
    return int(claims["attribution"].isin(["anonymous_official", "anonymous_sources"]).sum())


def _claim(paragraph: str, contains: str):
    claims = load("claims")
    rows = claims[(claims["paragraph_id"] == paragraph) & claims["paraphrase_en"].str.contains(contains, case=False)]
    return rows.iloc[0]


#: The lesson's questions, in the order the lesson asks them; registered by the engine
#: (:data:`iranus.checks.BANKS`), not on import.
QUESTIONS = (
    Question(
        "01.muscat_date",
        'On what date did the US and Iranian delegations meet in Muscat? (a date, "YYYY-MM-DD")',
        expected=lambda: muscat_round()["date"],
        kind="date",
        explain=lambda d: f"The round took place on {d.day} {d:%B %Y} (on the timeline: “{muscat_round()['title_en']}”).",
        hint="look for the talks event in Muscat on the timeline of 2026.",
    ),
    Question(
        "01.anonymous_claims",
        "How many of the article's claims are attributed to anonymous officials or unnamed sources (media reports not counted)? (a whole number)",
        expected=_anonymous_claims,
        kind="int",
        unit="claims",
        example="12",
        explain=lambda n: f"{n} claims are attributed to an anonymous official or to unnamed sources "
        f"(marked '{coded('anonymous_official', 'attribution')}' or '{coded('anonymous_sources', 'attribution')}' "
        "in the table of claims of §3).",
        hint="in the table of claims of §3, count the claims attributed to anonymous officials or unnamed sources.",
        near_misses={
            str(n): "That count takes in other unnamed voices too (unnamed analysts, or 'reports' with no "
            "source): lesson 06 groups them all as unnamed. This question counts only the claims attributed "
            "to an anonymous official or to unnamed sources (attribution 'anonymous official' or 'anonymous sources')."
            for n in (7, 8, 9)
        }
        | {
            "6": "6 counts the claim of P10 too, that the gap 'cannot be bridged': the article names the outlet "
            "(the Jerusalem Post), and the Post's own sources are unnamed, so lessons 02 and 06 call them unnamed "
            "sources. This lesson marks that claim as a media report, because the article attributes it to the "
            "newspaper, and this question counts only the claims attributed to an anonymous official or to "
            "unnamed sources directly. Your reading is careful; the count the question asks for leaves it out."
        },
    ),
    Question(
        "01.missiles_attribution",
        'Who, according to the article, said that Iran\'s ballistic-missile programme was "off the table"?',
        expected=lambda: "a senior Iranian official, unnamed, speaking to Reuters",
        kind="choice",
        choices=(
            "Abbas Araghchi, Iran's foreign minister",
            "a senior Iranian official, unnamed, speaking to Reuters",
            "Ali Khamenei, Iran's Supreme Leader",
            "the Jerusalem Post, quoting sources",
        ),
        aliases={"b": "a senior Iranian official, unnamed, speaking to Reuters"},
        near_misses={
            "reuters": "Reuters is the agency that carried the remark, not the person who made it. "
            "Who spoke to Reuters, and does the article name them?"
        },
        explain=lambda _: "Paragraph P06 attributes the phrase to a senior Iranian official who spoke to Reuters "
        f"without being named (marked '{coded(_claim('P06', 'missile')['attribution'], 'attribution')}' in the table of claims). "
        "An anonymous source can be accurate, but the reader cannot weigh who is speaking.",
        hint="read paragraph P06 again: is the speaker named?",
    ),
    Question(
        "01.p31_type",
        "Paragraph P31 says the best realistic outcome is a partial deal. What type of claim is that?",
        expected=lambda: str(load("claims").query("paragraph_id == 'P31'")["claim_type"].iloc[0]).replace("_", " "),
        kind="choice",
        choices=("fact", "stated position", "assessment", "forecast"),
        explain=lambda t: f"It is coded as a {t}: the author's own view of what will (or can) happen, not a fact "
        "that could be checked on 6 February and not a position stated by a party.",
        hint="can it be checked against reporting on the day it was written, and who is speaking?",
        alternatives={
            "assessment": "'Assessment' is defensible too: the author judges what is realistic. This course "
            "codes it as a forecast because it says what the round can produce, which later events settle "
            "(lesson 07 does). Where would you draw the line?"
        },
    ),
)
