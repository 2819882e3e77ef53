"""Checks for understanding of lesson 03, Israel's role (a two-level game).

Expected answers come from the data as of 6 February 2026 and from the models the lesson uses
(:mod:`iranus.models.two_level`, :mod:`iranus.models.bargaining`), so they move with the data.
"""

from __future__ import annotations

from ..models import bargaining, two_level
from ..record.source_reading import claim_verdicts
from ..datasets.dates import COURSE_DATE
from . import Question, claims_in_words, course_at, load, named

AS_OF = COURSE_DATE
ISRAEL_SECTION = ("P16", "P27")  # the article's part on Israel's role (heading P16 to P27)
ILLUSTRATION = {"issue_id": "enrichment", "concession": 45.0}

def person_ids() -> tuple[str, ...]:
    """The actor ids of the people in the actors table (kind 'person'), the possible answers of
    the question on who attended the meeting (read from the check's data folder)."""
    actors = load("actors")
    return tuple(actors.loc[actors["kind"] == "person", "actor_id"].astype(str))


def _day(ts) -> str:
    """A date as '4 February 2026' (no leading zero)."""
    return f"{ts.day} {ts:%B %Y}"


def witkoff_netanyahu_meeting():
    """The events row of the Witkoff-Netanyahu meeting before the Muscat round.

    The latest event up to 6 Feb 2026 in which both Witkoff and Netanyahu took part (event_actors).
    """
    events = load("events", as_of=AS_OF)
    links = load("event_actors")
    both = set(links.loc[links["actor_id"] == "witkoff", "event_id"]) & set(links.loc[links["actor_id"] == "netanyahu", "event_id"])
    rows = events[events["event_id"].isin(both)].sort_values("date")
    return rows.iloc[-1]


def security_chiefs() -> set[str]:
    """People at the meeting other than the two principals (event_actors, persons only)."""
    event_id = witkoff_netanyahu_meeting()["event_id"]
    links = load("event_actors")
    actors = load("actors")
    people = set(actors.loc[actors["kind"] == "person", "actor_id"].astype(str))
    present = set(links.loc[links["event_id"] == event_id, "actor_id"].astype(str))
    return (present & people) - {"witkoff", "netanyahu"}


def us_strikes_june_2025():
    """The events row of the US strikes on Iran's nuclear sites in June 2025 (military, US involved)."""
    events = load("events", as_of=AS_OF)
    links = load("event_actors")
    us_events = set(links.loc[links["actor_id"] == "us", "event_id"])
    rows = events[
        (events["category"] == "military")
        & events["event_id"].isin(us_events)
        & (events["date"].dt.year == 2025)
        & (events["date"].dt.month == 6)
        & events["title_en"].str.contains("Fordow", case=False)
    ]
    return rows.iloc[0]


def unconfirmed_in_israel_section() -> list[str]:
    """Claims of the article's Israel section whose latest check by 6 Feb 2026 is 'not_confirmed'."""
    verdicts = claim_verdicts(load("claims"), load("claim_checks", as_of=AS_OF))
    lo, hi = ISRAEL_SECTION
    part = verdicts[(verdicts["paragraph_id"] >= lo) & (verdicts["paragraph_id"] <= hi)]
    return list(part.loc[part["verdict"] == "not_confirmed", "claim_id"].astype(str))


def zopa_trend() -> str:
    """'shrinks', 'grows' or 'stays the same': the ZOPA of the illustration as Israel's influence goes 0 -> 1."""
    positions = load("positions", as_of=AS_OF)
    stances = two_level.stances_on_issue(positions, ILLUSTRATION["issue_id"], ["us", "iran", "israel"])
    widths = two_level.zopa_by_influence(stances, "us", "iran", "israel", concession=ILLUSTRATION["concession"])["zopa_width"]
    first, last = float(widths.iloc[0]), float(widths.iloc[-1])
    return "shrinks" if last < first else ("grows" if last > first else "stays the same")


def zopa_with_israel() -> int:
    """Packages in the full model's ZOPA when the US needs Israel's acceptance (as of 6 Feb 2026)."""
    space = course_at(AS_OF).deal_space()
    return len(bargaining.zone_of_possible_agreement(space, constraints={"us": ["israel"]}))


def _with_titles(ids) -> str:
    """People as feedback names them: "David Barnea (Director of the Mossad) and Eyal Zamir (...)"."""
    actors = load("actors").set_index("actor_id")
    people = sorted(
        f"{actors.loc[i, 'name_en']} ({actors.loc[i, 'title_en']})" if i in actors.index and isinstance(actors.loc[i, "title_en"], str)
        else named([i], "actors")
        for i in ids
    )
    return people[0] if len(people) == 1 else ", ".join(people[:-1]) + " and " + people[-1]


#: The lesson's questions, in the order the lesson asks them; registered by the engine
#: (:data:`iranus.checks.BANKS`), not on import.
QUESTIONS = (
    Question(
        "03.meeting_date",
        'On what date did US envoy Steve Witkoff meet Prime Minister Netanyahu before the Muscat round? (a date, "YYYY-MM-DD")',
        expected=lambda: witkoff_netanyahu_meeting()["date"],
        kind="date",
        explain=lambda d: (
            f"{_day(d)}, in Jerusalem (“{witkoff_netanyahu_meeting()['title_en']}”). "
            "The article only says 'in recent days'; the date comes from other reporting."
        ),
        hint="the meeting is the event shown in §2 (Coordination before the talks), with its date.",
    ),
    Question(
        "03.security_chiefs",
        "The article (P19) says senior security chiefs took part in that meeting. Besides Witkoff and Netanyahu, "
        "which people does the table of who took part (§2) list for it? Give a list of names as shown "
        'in that table (English or Arabic), e.g. ["Rafael Grossi", "Ali Khamenei"].',
        expected=security_chiefs,
        kind="set",
        choices=person_ids,
        example='["Rafael Grossi", "Ali Khamenei"]',
        aliases={
            "eyal zamir": "zamir",
            "david barnea": "barnea",
            "chief of staff": "zamir",
            "idf chief": "zamir",
            "mossad": "barnea",
            "mossad head": "barnea",
            "head of the mossad": "barnea",
        },
        near_misses={
            "barnea, zamir, katz": "You read the reporting well: Defence Minister Israel Katz "
            "was at the meeting too (the reports on the meeting, and the check of the article's claim about who took "
            "part, name him). But he is a minister, not one of the security chiefs the article names in P19, and he "
            "is not among the people this course follows, so the table of who took part cannot list him. Answer "
            "with the people that table lists; the "
            "article's silence about Katz is worth noting (lesson 06 looks at what the article leaves out).",
        },
        explain=lambda ids: (
            f"{_with_titles(ids)}, the two security chiefs the article names (P19). "
            "Reporting also names Defence Minister Israel Katz, whom the article leaves out; he is not among the people "
            "this course follows."
        ),
        hint="the table of §2 lists who took part in the meeting, by name; keep the people (not the states) other than "
        "Witkoff and Netanyahu.",
    ),
    Question(
        "03.us_strikes_date",
        'On what date did the US strike Fordow, Natanz and Isfahan in June 2025? (a date, "YYYY-MM-DD")',
        expected=lambda: us_strikes_june_2025()["date"],
        kind="date",
        alternatives={
            "2025-06-21": "Your date is the one in Washington, and it is right too; the lesson's timeline uses the "
            "local date in Iran.",
        },
        explain=lambda d: (
            f"{_day(d)} in Iran, nine days after Israel's campaign began "
            f"(“{us_strikes_june_2025()['title_en']}”). The bombs fell in the early hours of the morning there; in "
            "Washington it was still the evening of Saturday 21 June when Trump announced the strikes, so US "
            "reports date them 21 June. A few outlets gave wrong dates (24 June, 1 July): a reminder to check dates "
            "against reliable reporting."
        ),
        hint="the table of the June 2025 war in §4 has the strike on Fordow, Natanz and Isfahan.",
    ),
    Question(
        "03.unconfirmed_claims",
        'In the article\'s part on Israel (P16 to P27), how many claims had a latest check of "not confirmed" as of 6 February 2026? (a whole number)',
        expected=lambda: len(unconfirmed_in_israel_section()),
        kind="int",
        unit="claims",
        example="12",
        explain=lambda n: (
            f"{n}: {claims_in_words(unconfirmed_in_israel_section())}. Unconfirmed does not mean false: it means no "
            "reliable report known by that date backs the claim, so a careful reader repeats it only as the "
            "article's claim."
        ),
        hint="the verdict tables of §2 to §6 show most claims of P16-P27; to list them all, keep the claims of paragraphs P16 to P27, as the lesson does, and count the verdict 'not confirmed'.",
    ),
    Question(
        "03.zopa_trend",
        "In the win-set illustration on enrichment (each side could move 45 points), what happens to the ZOPA as "
        "Israel's influence on the US rises from 0 to 1?",
        expected=zopa_trend,
        kind="choice",
        choices=("shrinks", "grows", "stays the same"),
        aliases={
            "shrink": "shrinks", "narrows": "shrinks", "gets smaller": "shrinks", "decreases": "shrinks",
            "disappears": "shrinks", "vanishes": "shrinks", "it shrinks": "shrinks",
            "grow": "grows", "widens": "grows", "gets bigger": "grows", "increases": "grows",
            "unchanged": "stays the same", "same": "stays the same", "no change": "stays the same",
        },
        explain=lambda t: (
            f"It {t}. Israel is more demanding than the US on enrichment, so the more weight it has, the further "
            "the US reservation point moves away from Iran and the smaller the overlap. In the fuller model of "
            f"lesson 05 the zone holds {zopa_with_israel()} packages once the US needs Israel's acceptance."
        ),
        hint="in the table of §7 that varies Israel's influence, compare the zone with no influence and with full influence.",
    ),
)
