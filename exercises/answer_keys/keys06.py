"""Automatic checks of exercise 06, reading the source (``exercises/master/06_reading_the_source.ipynb``).

Expected answers come from the claims of the seed article and the checks of them known on 6
February 2026, through :mod:`iranus.record.source_reading` (attribution groups, latest verdicts).
"""

from __future__ import annotations

from iranus.checks import Question, load
from iranus.checks.exercise_feedback import Mistake
from iranus.datasets.dates import COURSE_DATE
from iranus.record import source_reading as sr

AS_OF = COURSE_DATE
WEAK = ("not_confirmed", "contradicted")


def verdicts():
    """:func:`iranus.record.source_reading.claim_verdicts` with the checks known on 6 February 2026."""
    return sr.claim_verdicts(load("claims"), load("claim_checks", as_of=AS_OF))


def unnamed_claims() -> int:
    """Claims whose attribution group is 'unnamed' (anonymous officials, sources, analysts)."""
    return int((verdicts()["attribution_group"] == "unnamed").sum())


def contradicted() -> set[str]:
    """Claims whose latest check as of 6 February 2026 is 'contradicted'."""
    v = verdicts()
    return set(v.loc[v["verdict"] == "contradicted", "claim_id"].astype(str))


def weak_paragraphs() -> list[str]:
    """Paragraphs with at least one claim not confirmed or contradicted as of 6 February 2026."""
    v = verdicts()
    return sorted(set(v.loc[v["verdict"].isin(WEAK), "paragraph_id"].astype(str)))


def _unnamed_confirmed() -> int:
    v = verdicts()
    return int(((v["attribution_group"] == "unnamed") & v["verdict"].isin(["confirmed", "partly_confirmed"])).sum())


def unnamed_share(claim_type: str) -> float:
    """Reference answer: share (0-1) of the claims of a type that rest on unnamed sources."""
    claims = load("claims")
    rows = claims[claims["claim_type"] == claim_type]
    if rows.empty:
        raise ValueError(f"no claim of type {claim_type!r}")
    return float((sr.attribution_group(rows["attribution"]) == "unnamed").mean())


#: The exercise's automatic questions, registered by ``exercise_feedback.register_keys``.
QUESTIONS = (
    Question(
        "E06.unnamed_claims",
        "How many of the article's claims rest on unnamed sources: anonymous officials, anonymous sources "
        "or unnamed analysts (attribution group 'unnamed')? (a whole number)",
        expected=unnamed_claims,
        kind="int",
        explain=lambda n: (
            f"{n} of {len(verdicts())} claims; other reporting had confirmed {_unnamed_confirmed()} of them (fully or partly) "
            "by 6 February. Unnamed sourcing is not a verdict on truth, but the reader cannot weigh who is "
            "speaking or why."
        ),
        hint="claim_verdicts(...)['attribution_group'] == 'unnamed', then count.",
    ),
    Question(
        "E06.contradicted",
        "Which claims had 'contradicted' as their latest check on 6 February 2026? Give claim ids, e.g. ['C01'].",
        expected=contradicted,
        kind="set",
        explain=lambda ids: (
            f"{', '.join(sorted(ids))}. Read their framing notes and check sources: a contradicted claim is "
            "one that reporting available on the day already contradicted, not one proved wrong later."
        ),
        hint="source_reading.claim_verdicts(claims, claim_checks) with claim_checks loaded as_of='2026-02-06'; keep verdict == 'contradicted'.",
    ),
    Question(
        "E06.weak_paragraphs",
        "How many paragraphs of the article contain at least one claim whose latest check on 6 February 2026 "
        "was 'not_confirmed' or 'contradicted'? (a whole number)",
        expected=lambda: len(weak_paragraphs()),
        kind="int",
        explain=lambda n: (
            f"{n} paragraphs: {', '.join(weak_paragraphs())}. A reader who checks sources paragraph by paragraph "
            "sees where the article's weak points cluster."
        ),
        hint="keep the verdicts 'not_confirmed' and 'contradicted', then count the distinct paragraphs (the paragraph column, `paragraph_id`).",
    ),
    Question(
        "E06.unnamed_share_stated_position",
        "unnamed_share(claims, 'stated_position'): the share of stated-position claims resting on unnamed sources.",
        expected=lambda: unnamed_share("stated_position"),
        kind="number",
        tolerance=0.005,
        explain=lambda x: f"{x:.0%} of the positions the article reports come from people it does not name.",
        hint="keep the claims of that type, map their attribution with source_reading.attribution_group, take the mean of == 'unnamed'.",
    ),
)

#: Known wrong answers with their diagnosis.
MISTAKES = (
    Mistake(
        "E06.unnamed_claims",
        lambda a: int(a) == int(load("claims")["attribution"].isin(["anonymous_official", "anonymous_sources"]).sum()),
        "You left out the unnamed analysts: the group 'unnamed' includes them (attribution 'analysts').",
        values=lambda: [int(load("claims")["attribution"].isin(["anonymous_official", "anonymous_sources"]).sum())],
    ),
    Mistake(
        "E06.weak_paragraphs",
        lambda a: int(a) == int(verdicts()["verdict"].isin(WEAK).sum()),
        "That counts claims; the question counts paragraphs (one paragraph may hold several weak claims).",
        values=lambda: [int(verdicts()["verdict"].isin(WEAK).sum())],
    ),
)
