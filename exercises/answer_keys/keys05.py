"""Automatic checks of exercise 05, deal prospects (``exercises/master/05_deal_prospects.ipynb``).

Expected answers come from the course's deal space as of 6 February 2026
(``iranus.course().deal_space()``): the zone of possible agreement (Raiffa 1982), its
response to a changed BATNA, and the Nash bargaining solution (Nash 1950). The codings are a
teaching model (``data/CODEBOOK_deal_space.md``), not a fact; the questions ask what follows
from them.
"""

from __future__ import annotations

from iranus.checks import Question, course_at, load
from iranus.models.prospects import option_label
from iranus.checks.exercise05 import forecast_feedback  # noqa: F401 - the student-side check
from iranus.checks.exercise_feedback import Mistake
from iranus.datasets.dates import COURSE_DATE
from iranus.models import bargaining

#: The BATNA values for Iran tried in the sensitivity question (points).
IRAN_BATNAS = tuple(range(35, 85, 5))


def space():
    """The course's deal space as of 6 February 2026."""
    return course_at(COURSE_DATE).deal_space()


def zone_size(party: str | None = None, batna: float | None = None) -> int:
    """Packages in the US-Iran zone, optionally with ``party``'s BATNA set to ``batna`` (reference)."""
    s = space()
    if party is not None:
        s = s.with_batna(party, batna)
    return len(bargaining.zone_of_possible_agreement(s))


def nash_enrichment() -> str:
    """The enrichment option of the Nash bargaining solution (None-safe: 'no zone' when empty)."""
    nash = bargaining.nash_bargaining_solution(space())
    return "no zone" if nash is None else str(nash["enrichment"])


def empty_from() -> float | None:
    """The first of :data:`IRAN_BATNAS` at which the zone is empty; None when it never is."""
    table = bargaining.sensitivity(space(), "iran", list(IRAN_BATNAS))
    empty = table[table["zone_size"] == 0]
    return None if empty.empty else float(empty["value"].iloc[0])


def option_ids() -> tuple[str, ...]:
    """Every option id of the course's deal space, in agenda order: the possible answers of the
    option question. With them the engine reads an option typed by its name as the deal builder
    and the zone tables show it (English or Arabic, :func:`iranus.checks.shown_labels`) as its id,
    and answers a misspelled name with "did you mean ...?"; an id found in code is accepted too."""
    return tuple(str(o) for opts in space().options for o in opts)


def option_name(option: str) -> str:
    """An option as the screen shows it ("Pause, then a very low cap"), never its id."""
    s = space()
    return option_label(option, s) if option in s.labels else option


def _favourites_note(option: str) -> str:
    table = space().score_table()
    rows = table[table["issue_id"] == "enrichment"]
    best = {p: str(rows[rows["actor_id"] == p].sort_values("score").iloc[-1]["option_id"]) for p in ("us", "iran")}
    if option not in best.values():
        return (
            f"On enrichment it is neither side's favourite (the US: '{option_name(best['us'])}'; "
            f"Iran: '{option_name(best['iran'])}')."
        )
    who = " and ".join(p for p, o in best.items() if o == option)
    return f"On enrichment it is the option {who} scores highest."


#: The exercise's automatic questions, registered by ``exercise_feedback.register_keys``.
QUESTIONS = (
    Question(
        "E05.zone_iran_batna_45",
        "If Iran's BATNA rises from its coded value to 45 points (its alternative to a deal looks better), how "
        "many packages are left in the zone of possible agreement? (a whole number)",
        expected=lambda: zone_size("iran", 45),
        kind="int",
        explain=lambda n: (
            f"{n} packages, down from {zone_size()} at the coded BATNA ({space().batnas['iran']:g}). A better "
            "alternative to agreement makes a party harder to satisfy: every package worth less to Iran than "
            "its BATNA leaves the zone."
        ),
        hint="space.with_batna('iran', 45) gives a changed copy; pass it to bargaining.zone_of_possible_agreement and count the rows.",
    ),
    Question(
        "E05.empty_from",
        "Raise Iran's BATNA in steps of 5 points from 35 to 80. At which value is the zone of possible "
        "agreement empty for the first time? (a number)",
        expected=empty_from,
        kind="number",
        tolerance=0.001,
        explain=lambda v: (
            f"At {v:g} points. Above that, no package in the course's deal space gives both sides at least "
            "their reservation values: under these codings, a deal needs Iran to value its alternative at "
            "less than that."
        ),
        hint="bargaining.sensitivity(space, 'iran', list(range(35, 85, 5))) and find the first row with zone_size 0.",
    ),
    Question(
        "E05.nash_enrichment",
        "Which enrichment option does the Nash bargaining solution of the course's deal space contain? "
        "Give the option's name as the deal builder shows it.",
        expected=nash_enrichment,
        kind="choice",
        choices=option_ids,
        explain=lambda o: (
            f"'{option_name(o)}'. The Nash solution maximises the product of the two sides' gains over their BATNAs. "
            f"{_favourites_note(o)} It is what the model's codings imply, not a forecast of what the "
            "parties would sign."
        ),
        hint="bargaining.nash_bargaining_solution(space) returns a Series; read its 'enrichment' entry.",
    ),
    Question(
        "E05.zone_size_us_50",
        "zone_size(space, 'us', 50): the number of packages in the zone when the US BATNA is 50 points.",
        expected=lambda: zone_size("us", 50),
        kind="int",
        explain=lambda n: f"{n} packages (the US BATNA is coded {space().batnas['us']:g}).",
        hint="change the BATNA with space.with_batna(party, batna), then count the rows of the zone.",
    ),
)

#: Known wrong answers with their diagnosis.
MISTAKES = (
    Mistake(
        "E05.zone_iran_batna_45",
        lambda a: int(a) == zone_size(),
        lambda a: f"{int(a)} is the size of the zone at Iran's coded BATNA ({space().batnas['iran']:g}). Change it "
        "first: space.with_batna('iran', 45) returns a new deal space (the original is not modified).",
        values=lambda: [zone_size()],
    ),
    Mistake(
        "E05.empty_from",
        lambda a: float(a) < (empty_from() or 0) and float(a) in IRAN_BATNAS,
        "At that value the zone is smaller but not yet empty: look for zone_size == 0.",
        values=lambda: [v for v in IRAN_BATNAS if v < (empty_from() or 0)],
    ),
)
