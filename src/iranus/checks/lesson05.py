"""Checks for understanding of lesson 05, deal prospects (set on 6 February 2026)."""

from __future__ import annotations

from ..models.prospects import scenario_definitions, zone_comparison
from ..datasets.dates import COURSE_DATE
from . import Question, course_at, load
from .lesson02 import ISSUE_ALIASES, issue_ids

AS_OF = COURSE_DATE

#: The files the article says were frozen to save the talks (P34: missiles and Iran's regional
#: influence), as issue ids of the issues table.
DEFERRED_ISSUES = ("missiles", "regional_allies")


def residual_scenario() -> str:
    """Label of the scenario that resolves true when none of the others happens by the window's end."""
    table = scenario_definitions(load("scenarios"))
    return str(table.loc[table["what_counts"].str.contains("none of the other", case=False), "label_en"].iloc[0])


def framework_report():
    """The source row of the mediators' framework (the mediators' anonymous-sourced enrichment proposal)."""
    positions = load("positions", as_of=AS_OF)
    rows = positions[
        positions["actor_id"].isin(["qatar", "turkiye", "egypt"])
        & (positions["issue_id"] == "enrichment")
        & (positions["attribution"] == "anonymous_sources")
    ]
    sources = load("sources", as_of=AS_OF)
    return sources[sources["source_id"] == rows["source_id"].iloc[0]].iloc[0]


def zones() -> dict[str, int]:
    """Zone sizes by setting, as of the course date (``prospects.zone_comparison``)."""
    comparison = zone_comparison(course_at(AS_OF).deal_space())
    return dict(zip(comparison["setting"].astype(str), comparison["zone_size"].astype(int)))


#: The options lesson 05 (§5) makes red lines for Iran in its "stricter reading" of Iran's statements.
STRICT_RED_LINES = ("facilities_dismantled", "inspections_enhanced", "human_rights_included", "duration_permanent")


def strict_zones() -> dict[str, int]:
    """Zone sizes by setting under the lesson's stricter reading of Iran's red lines (§5)."""
    space = course_at(AS_OF).deal_space()
    for option in STRICT_RED_LINES:
        space = space.with_red_line("iran", option, True)
    comparison = zone_comparison(space)
    return dict(zip(comparison["setting"].astype(str), comparison["zone_size"].astype(int)))


def _other_zone_settings(asked: str) -> dict[str, int]:
    """The zone sizes of the other settings lesson 05 shows, for an answer right for another one."""
    plain, strict = zones(), strict_zones()
    settings = {
        "US and Iran only": "when only the US and Iran have to accept",
        "US needs Israel's acceptance": "when the US side also needs Israel's acceptance",
    }
    out = {f"{settings[k]} (the first zone table of §5)": v for k, v in plain.items() if k != asked}
    out |= {f"{settings[k]}, under the stricter reading of Iran's red lines (the second zone table of §5)": v for k, v in strict.items()}
    expected = plain[asked]
    return {k: v for k, v in out.items() if v != expected}


#: The scenarios' English labels in display order (a test pins them to the scenarios table; they
#: are written out so that importing the checks never reads data).
SCENARIO_LABELS = (
    "Comprehensive deal",
    "Interim or partial deal",
    "No deal, no war: talks go on or stall",
    "Military escalation: US or Israeli strikes on Iran",
)


#: The lesson's questions, in the order the lesson asks them; registered by the engine
#: (:data:`iranus.checks.BANKS`), not on import.
QUESTIONS = (
    Question(
        "05.residual_scenario",
        "Which scenario resolves true if none of the other three has happened by the end of the window?",
        expected=residual_scenario,
        kind="choice",
        choices=SCENARIO_LABELS,
        aliases={
            "deadlock": "No deal, no war: talks go on or stall",
            "stalemate": "No deal, no war: talks go on or stall",
            "status quo": "No deal, no war: talks go on or stall",
            "talks continue": "No deal, no war: talks go on or stall",
            # the scenario ids of the scenarios table, as the exercises ask for them
            "no deal talks continue": "No deal, no war: talks go on or stall",
            "comprehensive deal": "Comprehensive deal",
            "interim deal": "Interim or partial deal",
            "military escalation": "Military escalation: US or Israeli strikes on Iran",
        },
        explain=lambda label: (
            f"'{label}'. It is the residual outcome: it makes the four scenarios exhaustive, "
            "so that exactly one of them resolves true and the probabilities of a forecast must add up to 100%."
        ),
        hint="read what counts for each scenario (“what counts”, in the table of §2): which definition is written in terms of the others?",
    ),
    Question(
        "05.framework_outlet",
        "Which outlet first reported the mediators' draft framework (zero enrichment for three years, the "
        "enriched stock moved abroad, a non-aggression pact)?",
        expected=lambda: str(framework_report()["outlet"]),
        kind="text",
        aliases={
            "aljazeera": "al jazeera",
            "al jazeera english": "al jazeera",
            "al jazeera arabic": "al jazeera",
            "aje": "al jazeera",
            "الجزيرة": "al jazeera",
            "قناة الجزيرة": "al jazeera",
        },
        explain=lambda outlet: (
            f"{outlet}, on {framework_report()['date'].day} {framework_report()['date']:%B %Y}"
            ", citing two unnamed sources. One report, anonymously sourced, by an outlet funded by Qatar, one of "
            "the three mediators named: worth knowing, and worth holding loosely (confidence: medium)."
        ),
        hint="in the mediators' table of §3, read which outlet reported the framework.",
    ),
    Question(
        "05.zone_without_israel",
        "Under the course's codings, how many packages are in the zone of possible agreement when only the US "
        "and Iran have to accept? (a whole number)",
        expected=lambda: zones()["US and Iran only"],
        kind="int",
        unit="packages",
        explain=lambda n: (
            f"{n} packages: a zone exists. Both sides can do better than their BATNA with some "
            "package, so a deal is possible in the model, though not easy: each side accepts only a small share of "
            "all packages."
        ),
        hint="in the zone table of §5, read the zone size (packages) when only the US and Iran have to accept.",
        other_settings=lambda: _other_zone_settings("US and Iran only"),
    ),
    Question(
        "05.zone_with_israel",
        "And when the US side also needs Israel's acceptance? (a whole number)",
        expected=lambda: zones()["US needs Israel's acceptance"],
        kind="int",
        unit="packages",
        explain=lambda n: (
            f"{n} packages. Every package that Israel and the US both accept is one Iran rejects "
            "under these codings: the third party behind the US shrinks the US win-set until the zone "
            + ("vanishes." if n == 0 else "is much smaller.")
        ),
        hint="in the zone table of §5, read the zone size (packages) when the US also needs Israel's acceptance.",
        other_settings=lambda: _other_zone_settings("US needs Israel's acceptance"),
    ),
    Question(
        "05.deferred_issues",
        "Which two agenda issues does the article say were frozen to save the talks? Give the issues by their names in "
        "the issues table (lesson 02, §2; English or Arabic), e.g. [\"Sanctions relief\", \"Duration (sunset clauses)\"].",
        expected=lambda: DEFERRED_ISSUES,
        kind="set",
        choices=issue_ids,
        aliases=ISSUE_ALIASES,
        explain=lambda ids: (
            "Missiles and regional allies (P34): the US wants both on the table, Iran refuses "
            "both, and the author expects both to return in any longer-term deal. Deferring an issue is not "
            "settling it."
        ),
        hint="§4 names the two deferred issues; give each by its name in the list of issues "
        "(lesson 02, §2), written as it is there, e.g. \"Sanctions relief\".",
        example='["Sanctions relief", "Human rights"]',
    ),
)
