"""Automatic checks of exercise 03, Israel's role (``exercises/master/03_israels_role.ipynb``).

Expected answers come from the positions table as of 6 February 2026, the one-issue two-level
illustration of :mod:`iranus.models.two_level` (Putnam 1988) and the deal space of
:mod:`iranus.models.bargaining` with Israel as a constraint on the US side.
"""

from __future__ import annotations

from iranus.checks import Question, cite, coded, course_at, load, named
from iranus.checks.exercise_feedback import Mistake
from iranus.datasets.dates import COURSE_DATE
from iranus.models import bargaining, two_level
from iranus.record import agendas
from keys02 import ISSUE_ALIASES, issue_ids

AS_OF = COURSE_DATE
SIDES = ("us", "iran", "israel")


def positions():
    """The positions table as of 6 February 2026."""
    return load("positions", as_of=AS_OF)


def israel_issues() -> set[str]:
    """Issues on which Israel stated a position up to 6 February 2026."""
    rows = positions()
    return set(rows.loc[rows["actor_id"] == "israel", "issue_id"].astype(str))


def israel_allies_row():
    """Israel's latest position on regional allies as of 6 February 2026 (a positions row)."""
    latest = agendas.latest_positions(positions())
    return latest[(latest["actor_id"] == "israel") & (latest["issue_id"] == "regional_allies")].iloc[0]


def zopa_width(issue: str, concession: float, influence: float) -> float:
    """Width of the ZOPA on one issue with Israel behind the US (reference answer, 0-100 points)."""
    stances = two_level.stances_on_issue(positions(), issue, list(SIDES))
    table = two_level.win_set_illustration(stances, "us", "iran", "israel", concession, influence)
    return float(table["width"].iloc[-1])


def empty_from(issue: str, concession: float) -> float | None:
    """The smallest influence (0, 0.1, ..., 1) at which the ZOPA on ``issue`` is empty; None if never."""
    stances = two_level.stances_on_issue(positions(), issue, list(SIDES))
    table = two_level.zopa_by_influence(stances, "us", "iran", "israel", concession)
    empty = table[table["zopa_width"] <= 0]
    return None if empty.empty else float(empty["influence"].iloc[0])


def _silent(ids: set[str]) -> str:
    """The issues (by name) on which Israel stated nothing up to 6 February 2026."""
    issues = [str(i) for i in load("issues")["issue_id"]]
    silent = [i for i in issues if i not in ids]
    return named(silent, "issues") if silent else "no issue"


#: The kinds of attribution (the codebook's codes), the choices of the attribution question.
ATTRIBUTIONS = (
    "named_official",
    "official_statement",
    "official_claim",
    "anonymous_official",
    "anonymous_sources",
    "analysts",
    "media_report",
    "outlet_itself",
)


def attribution_aliases() -> dict[str, str]:
    """Each kind of attribution as the tables show it ("the outlet itself") -> its code, so a learner
    may answer with what the screen shows (the catalogue's English label) or with the code."""
    from iranus.checks import _norm
    from iranus.display import coded_label

    return {_norm(coded_label(code, "attribution", "en")): code for code in ATTRIBUTIONS}


def _missiles_note() -> str:
    stances = two_level.stances_on_issue(positions(), "missiles", list(SIDES))
    us, israel = stances["us"], stances["israel"]
    if israel < us:
        return f"Israel's coded stance on missiles ({israel:g}) is less demanding than the US's own ({us:g})."
    return f"Israel's coded stance on missiles ({israel:g}) is at least as demanding as the US's ({us:g})."


def deal_space_sets():
    """:func:`iranus.models.bargaining.win_sets` with the US needing Israel's acceptance, indexed by actor."""
    return bargaining.win_sets(course_at(AS_OF).deal_space(), constraints={"us": ["israel"]}).set_index("actor_id")


#: The exercise's automatic questions, registered by ``exercise_feedback.register_keys``.
QUESTIONS = (
    Question(
        "E03.israel_issues",
        "On which issues had Israel stated a position in the data by 6 February 2026? Give the issues by their "
        'names as the table shows them, e.g. ["Sanctions relief", "Human rights"].',
        expected=israel_issues,
        kind="set",
        choices=issue_ids,
        aliases=ISSUE_ALIASES,
        explain=lambda ids: (
            f"{named(ids, 'issues')}. Israel was not at the table, yet it had stated demands on these issues. "
            f"On {_silent(ids)} the data holds no Israeli statement dated before the round: a gap "
            "in the record, not a position."
        ),
        hint="keep Israel's rows of the positions table (the actor column, `actor_id`, is 'israel') and take the distinct issues (the issue column, `issue_id`).",
    ),
    Question(
        "E03.allies_attribution",
        "Israel's latest position on Iran's regional allies (as of 6 February 2026) rests on what kind of "
        'attribution? Give it as the table shows it (e.g. "named official").',
        expected=lambda: str(israel_allies_row()["attribution"]),
        kind="choice",
        choices=ATTRIBUTIONS,
        aliases=attribution_aliases(),
        explain=lambda code: (
            f"'{coded(code, 'attribution')}': the row is {israel_allies_row()['speaker']} ({cite(israel_allies_row()['source_id'])}). "
            "It reports how an outlet summed up Israel's line, not words an Israeli official put on the "
            "record: cite it as that outlet's account."
        ),
        hint="use agendas.latest_positions(positions) and read the column `attribution` of Israel's row on regional allies (in code, the issue `regional_allies`).",
    ),
    Question(
        "E03.missiles_width_alone",
        "On missiles, with each side able to move 50 points (concession=50) and Israel without influence "
        "(influence=0), how wide is the ZOPA in points? (a number)",
        expected=lambda: zopa_width("missiles", 50, 0.0),
        kind="number",
        tolerance=0.05,
        explain=lambda w: (
            f"{w:g} points: with that much room to move, the US and Iranian acceptable ranges on missiles "
            "overlap. Both 'concession' and 'influence' are your assumptions, not data."
        ),
        hint="two_level.win_set_illustration(stances, 'us', 'iran', 'israel', concession=50, influence=0) and read the width of the last row.",
    ),
    Question(
        "E03.missiles_empty_from",
        "Still on missiles with concession=50: from which influence of Israel on the US (0, 0.1, ..., 1) is "
        "the ZOPA empty? (a number)",
        expected=lambda: empty_from("missiles", 50),
        kind="number",
        tolerance=0.001,
        explain=lambda w: (
            f"From {w:g}. {_missiles_note()} The pull acts on the US reservation point (what the US would "
            "settle for), which lies below its opening stance, so even a third party that asks for less "
            "than the opening stance can narrow the win-set."
        ),
        hint="two_level.zopa_by_influence(stances, 'us', 'iran', 'israel', concession=50) and take the first influence with zopa_width 0.",
    ),
    Question(
        "E03.israel_accepts",
        "In the course's deal space (iranus.course().deal_space()), how many packages does Israel accept on "
        "its own (no red line crossed, score at least its BATNA)? (a whole number)",
        expected=lambda: int(deal_space_sets().loc["israel", "accepts"]),
        kind="int",
        explain=lambda n: (
            f"{n} of {int(deal_space_sets().loc['israel', 'n_packages'])} packages. With Israel's acceptance "
            f"required, the US win-set shrinks from {int(deal_space_sets().loc['us', 'accepts'])} to "
            f"{int(deal_space_sets().loc['us', 'win_set'])} packages: Putnam's narrowed win-set, computed from "
            "the course's codings (a teaching model, not a fact)."
        ),
        hint="bargaining.win_sets(space, constraints={'us': ['israel']}) and read the 'accepts' column of Israel's row.",
    ),
    Question(
        "E03.zopa_width_enrichment",
        "zopa_width('enrichment', 50, 0.0): the width of the ZOPA on enrichment with concession 50 and no "
        "influence from Israel.",
        expected=lambda: zopa_width("enrichment", 50, 0.0),
        kind="number",
        tolerance=0.05,
        explain=lambda w: f"{w:g} points, as win_set_illustration gives in the row 'ZOPA, with Israel behind it' at influence 0.",
        hint="compute the three stances with two_level.stances_on_issue, then call win_set_illustration.",
    ),
)

#: Known wrong answers with their diagnosis.
MISTAKES = (
    Mistake(
        "E03.israel_accepts",
        lambda a: int(a) == int(deal_space_sets().loc["us", "win_set"]),
        "That is the US win-set with Israel's acceptance required (packages the US *and* Israel accept). "
        "The question asks for Israel alone: its row in the table.",
        values=lambda: [int(deal_space_sets().loc["us", "win_set"])],
    ),
    Mistake(
        "E03.missiles_empty_from",
        lambda a: abs(float(a) - empty_from("enrichment", 50)) < 1e-9,
        "That is the value for enrichment. Call stances_on_issue with 'missiles'.",
        values=lambda: [empty_from("enrichment", 50)],
    ),
    Mistake(
        "E03.missiles_width_alone",
        lambda a: abs(float(a) - zopa_width("enrichment", 50, 0.0)) < 1e-9,
        "That is the width on enrichment. Call stances_on_issue with 'missiles'.",
        values=lambda: [zopa_width("enrichment", 50, 0.0)],
    ),
)
