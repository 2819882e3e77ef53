"""Automatic checks of exercise 02, the two agendas (``exercises/master/02_agendas.ipynb``).

Every expected answer is computed from the positions and issues tables as of 6 February 2026
(``iranus.load(..., as_of="2026-02-06")``) with :mod:`iranus.record.agendas`, so a question cannot drift
from the data it asks about. The stances are the course's 0-100 teaching coding
(``data/CODEBOOK.md``); who spoke, when and through whom are facts of the record.
"""

from __future__ import annotations

from iranus.checks import Question, load, named
from iranus.checks.exercise_feedback import Mistake
from iranus.datasets.dates import COURSE_DATE
from iranus.record import agendas

AS_OF = COURSE_DATE
UNNAMED = ("anonymous_official", "anonymous_sources")
ISSUE_ALIASES = {
    "ballistic missiles": "missiles",
    "proxies": "regional_allies",
    "regional allies": "regional_allies",
    "human rights": "human_rights",
    "venue": "venue_format",
    "venue and format": "venue_format",
    "venue and format of the talks": "venue_format",
    "non aggression": "non_aggression",
    "sanctions": "sanctions_relief",
    "sanctions relief": "sanctions_relief",
}


def issue_ids() -> tuple[str, ...]:
    """Every issue id of the issues table (the check's data folder), in its order: the possible
    answers of the issue questions. With them the engine reads an issue typed by its name as the
    tables show it (English or Arabic label, :func:`iranus.checks._id_for_label`) as its id, and
    answers a misspelled name with "did you mean ...?"; the ids a learner's code finds in the
    frames are accepted as they are."""
    return tuple(load("issues")["issue_id"].astype(str))


def issue_name(issue: str) -> str:
    """An issue as the tables show it ("Venue and format of the talks"), never its id."""
    return named([issue], "issues")


def answered_issues(question_id: str, answer) -> set[str]:
    """A learner's list of issues read as the check reads it (names as the tables show them, ids,
    aliases), as ids: ``["Venue and format of the talks"]`` -> ``{"venue_format"}``."""
    from iranus.checks import _read, get

    return {item.replace(" ", "_") for item in _read(get(question_id), answer)}


def positions():
    """The positions table as of 6 February 2026."""
    return load("positions", as_of=AS_OF)


def comparison():
    """:func:`iranus.record.agendas.agenda_comparison` of the US and Iran as of 6 February 2026."""
    return agendas.agenda_comparison(positions(), load("issues"))


def iran_refused() -> set[str]:
    """Issues outside the nuclear file with Iran's latest stance at 0 and the US's at 50 or more."""
    c = comparison()
    rows = c[~c["nuclear"] & (c["stance_iran"] == 0) & (c["stance_us"] >= 50)]
    return set(rows["issue_id"].astype(str))


def iran_unnamed() -> tuple[int, int]:
    """(Iran's statements resting on unnamed sources, all Iran's statements) up to 6 Feb 2026."""
    rows = positions()
    rows = rows[rows["actor_id"] == "iran"]
    return int(rows["attribution"].isin(UNNAMED).sum()), len(rows)


def smallest_gap() -> str:
    """The issue on which the US and Iranian stances are closest (both stated), by gap then order."""
    c = comparison().dropna(subset=["gap"])
    return str(c.sort_values("gap", kind="stable").iloc[0]["issue_id"])


def _us_stance(issue: str) -> str:
    value = comparison().set_index("issue_id").loc[issue, "stance_us"]
    return "not coded" if value is None or value != value else f"{int(value)}"


def stated_issues(actor: str, as_of: str = AS_OF) -> set[str]:
    """Issues on which ``actor`` stated at least one position up to ``as_of`` (reference answer)."""
    rows = load("positions", as_of=as_of)
    return set(rows.loc[rows["actor_id"] == actor, "issue_id"].astype(str))


#: The exercise's automatic questions, registered by ``exercise_feedback.register_keys``.
QUESTIONS = (
    Question(
        "E02.iran_refused",
        "Which issues outside the nuclear file did Iran refuse outright (Iran's latest coded stance 0) "
        "while the US wanted them addressed (US stance 50 or more), as of 6 February 2026? Give the issues by "
        'their names as the table shows them, e.g. ["Uranium enrichment", "Sanctions relief"].',
        expected=iran_refused,
        kind="set",
        choices=issue_ids,
        aliases=ISSUE_ALIASES,
        explain=lambda ids: (
            f"{named(ids, 'issues')}: the issues the US raised and Iran said were not for discussion. "
            "The venue is outside the nuclear file too, but there Iran's 0 is its own proposal (Oman, "
            "indirect), not a refusal; and on non-aggression Iran is the side asking for guarantees. "
            "Reading a coded stance needs the issue's scale: what 0 and 100 mean for it, in the issues table."
        ),
        hint="in `comparison` keep the rows where the column `nuclear` is False, `stance_iran` is 0 and "
        "`stance_us` is 50 or more.",
    ),
    Question(
        "E02.iran_unnamed",
        "How many of Iran's stated positions in the data up to 6 February 2026 rest on unnamed sources "
        "(attribution 'anonymous_official' or 'anonymous_sources')? (a whole number)",
        expected=lambda: iran_unnamed()[0],
        kind="int",
        explain=lambda n: (
            f"{n} of Iran's {iran_unnamed()[1]} statements rest on unnamed sources. Among them is the "
            "line that missiles were 'off the table', from a senior official who spoke to Reuters without "
            "being named: well reported, but not a position anyone signed."
        ),
        hint="keep Iran's rows of the positions table (the actor column, `actor_id`, is 'iran'), then count the two anonymous attribution codes (not 'media_report').",
    ),
    Question(
        "E02.smallest_gap",
        "On which issue were the coded US and Iranian stances closest as of 6 February 2026 (both sides "
        "stated a position)? Give the issue's name as the table shows it.",
        expected=smallest_gap,
        kind="choice",
        choices=issue_ids,
        aliases=ISSUE_ALIASES,
        explain=lambda issue: (
            f"{issue_name(issue)}: the smallest gap between the two coded stances. The only matter the two "
            "sides had settled before the round was where and how to meet; on every substantive issue they "
            "stood far apart."
        ),
        hint="sort `comparison` by the column `gap` and skip the rows where the gap is missing (<NA>).",
    ),
    Question(
        "E02.stated_issues_iran",
        "stated_issues(positions, 'iran') with positions as of 6 February 2026: the issues on which Iran "
        "stated a position.",
        expected=lambda: stated_issues("iran"),
        kind="set",
        choices=issue_ids,
        aliases=ISSUE_ALIASES,
        explain=lambda ids: (
            f"Iran had stated positions on {len(ids)} issues. Any issue missing from the list is a gap in "
            "the record, not a position: absence of a statement is not a stance."
        ),
        hint="keep the rows of the actor (the actor column, `actor_id`), then the distinct issues (the issue column, `issue_id`).",
    ),
)

#: Known wrong answers with their diagnosis.
MISTAKES = (
    Mistake(
        "E02.iran_refused",
        lambda a: "venue_format" in answered_issues("E02.iran_refused", a) and "venue_format" not in iran_refused(),
        lambda a: f"Check '{issue_name('venue_format')}': Iran's 0 there is its own proposal (Oman, indirect "
        f"talks), not a refusal to discuss the issue, and the US stance on it is {_us_stance('venue_format')}. Read "
        "what 0 means for that issue in the issues table.",
        items=lambda: ["venue_format"] if "venue_format" not in iran_refused() else [],
    ),
    Mistake(
        "E02.iran_unnamed",
        lambda a: int(a) == int(positions().query("actor_id == 'iran'")["attribution"].isin([*UNNAMED, "media_report"]).sum()),
        "You counted 'media_report' too. A media report names its outlet; 'unnamed' means an official or "
        "source the reader cannot identify.",
        values=lambda: [int(positions().query("actor_id == 'iran'")["attribution"].isin([*UNNAMED, "media_report"]).sum())],
    ),
    Mistake(
        "E02.iran_unnamed",
        lambda a: int(a) == int(positions()["attribution"].isin(UNNAMED).sum()),
        "That counts the unnamed sources of every actor. Keep only Iran's rows (actor_id == 'iran').",
        values=lambda: [int(positions()["attribution"].isin(UNNAMED).sum())],
    ),
)
