"""Checks for understanding of lesson 02, the two agendas.

Every expected answer is computed from the data as of 6 February 2026, so a question cannot
drift from the tables it asks about.
"""

from __future__ import annotations

from .. import agendas
from ..i18n import label
from ..loaders import load
from ..source_reading import claim_verdicts
from . import Question, register

AS_OF = "2026-02-06"
ANONYMOUS = ("anonymous_official", "anonymous_sources")


def _positions():
    return load("positions", as_of=AS_OF)


def us_enrichment_statement():
    """The latest US statement on enrichment up to 6 February 2026 (a positions row)."""
    latest = agendas.latest_positions(_positions())
    return latest[(latest["actor_id"] == "us") & (latest["issue_id"] == "enrichment")].iloc[0]


def rubio_list() -> set[str]:
    """Issues outside the nuclear file in Rubio's latest statement of US positions up to 6 Feb 2026.

    His latest statement is every US position he gave on his latest date in the table (his list of
    4 February 2026 of what talks must include).
    """
    positions = _positions()
    issues = load("issues")
    outside = set(issues.loc[~issues["nuclear"].astype(bool), "issue_id"].astype(str))
    rows = positions[(positions["actor_id"] == "us") & (positions["speaker_actor_id"] == "rubio")]
    rows = rows[rows["date"] == rows["date"].max()]
    return {i for i in rows["issue_id"].astype(str) if i in outside}


def both_sides_in_nuclear_file() -> list[str]:
    """Nuclear-file issues on which both the US and Iran had a stated position by 6 Feb 2026."""
    comparison = agendas.agenda_comparison(_positions(), load("issues"))
    both = comparison[comparison["nuclear"] & comparison["stance_us"].notna() & comparison["stance_iran"].notna()]
    return list(both["issue_id"].astype(str))


def us_anonymous() -> tuple[int, int]:
    """(US statements resting on unnamed sources, all US statements) up to 6 Feb 2026."""
    rows = _positions()
    rows = rows[rows["actor_id"] == "us"]
    return int(rows["attribution"].isin(ANONYMOUS).sum()), len(rows)


def compromise_check():
    """The latest check, as of 6 Feb 2026, of the article's claim that the US accepted a nuclear-only round."""
    verdicts = claim_verdicts(load("claims"), load("claim_checks", as_of=AS_OF))
    return verdicts[verdicts["claim_id"] == "C21"].iloc[0]


register(
    Question(
        "02.us_enrichment_speaker",
        "Whose words are behind the latest US position on enrichment in the data as of 6 February 2026 "
        "(the demand of 'zero nuclear capability')?",
        expected=lambda: label("actors", str(us_enrichment_statement()["speaker_actor_id"]), "en"),
        kind="choice",
        choices=("Karoline Leavitt", "Marco Rubio", "Steve Witkoff", "Donald Trump"),
        explain=lambda who: (
            f"It is {who}: {us_enrichment_statement()['speaker']}, on "
            f"{us_enrichment_statement()['date']:%d %B %Y} ({us_enrichment_statement()['venue_en']}). "
            "She spoke for the President, so the position is the US government's as she stated it, "
            "not a direct quote of Trump."
        ),
        hint="filter the positions table for actor_id 'us' and issue_id 'enrichment' and read the latest row's speaker.",
    )
)

register(
    Question(
        "02.rubio_outside_nuclear",
        "On 4 February 2026 Rubio listed what meaningful talks would 'have to include'. Which of his items "
        "lie outside the nuclear file? Give issue ids, e.g. ['missiles', 'stockpile'].",
        expected=rubio_list,
        kind="set",
        aliases={"ballistic missiles": "missiles", "proxies": "regional_allies", "regional allies": "regional_allies", "human rights": "human_rights"},
        explain=lambda ids: (
            f"Rubio's list outside the nuclear file: {', '.join(sorted(ids))}. These are the issues on "
            "which the two agendas did not overlap at all: Iran said they were not up for discussion."
        ),
        hint="keep the US rows of 4 February 2026 whose speaker_actor_id is 'rubio', then the issues whose 'nuclear' flag is false.",
    )
)

register(
    Question(
        "02.both_sides_nuclear_file",
        "In the nuclear file, on how many issues had BOTH the US and Iran stated a position by 6 February "
        "2026, according to the data? (a whole number)",
        expected=lambda: len(both_sides_in_nuclear_file()),
        kind="int",
        explain=lambda n: (
            f"{n}: {', '.join(both_sides_in_nuclear_file())}. On the other nuclear issues the data has "
            "no public US statement dated before the round: a gap in the record, which is not the same "
            "as the US having no view."
        ),
        hint="in agenda_comparison, count the rows with nuclear true and a stance for both 'us' and 'iran'.",
    )
)

register(
    Question(
        "02.compromise",
        "What, according to the article (P11), let the Muscat round go ahead?",
        expected=lambda: "the US accepted a nuclear-only round",
        kind="choice",
        choices=(
            "Iran agreed to discuss its missiles",
            "the US accepted a nuclear-only round",
            "Israel joined the talks",
            "the UN lifted its sanctions",
        ),
        aliases={"b": "the US accepted a nuclear-only round"},
        explain=lambda _: (
            "The article says Washington accepted, under mediators' pressure, that this round would "
            "cover only the nuclear file, while insisting the other issues would come up later. As of "
            f"6 February the check of that claim reads '{compromise_check()['verdict'].replace('_', ' ')}' "
            f"({compromise_check()['check_source_id']}): a stop-gap reported by sources, not an agreed text."
        ),
        hint="read the summary of P11 and the claims table row C21.",
    )
)

register(
    Question(
        "02.us_anonymous",
        "Of the US statements in the positions table up to 6 February 2026, how many rest on unnamed "
        "sources (anonymous officials or sources)? (a whole number)",
        expected=lambda: us_anonymous()[0],
        kind="int",
        explain=lambda n: (
            f"{n} of {us_anonymous()[1]} US statements rest on unnamed sources. The rebuilt list of US "
            "conditions is only as solid as these attributions: a named official on the record weighs "
            "more than an unnamed official, and an account of US demands given by the other side "
            "(Iranian sources) weighs less again."
        ),
        hint="filter positions for actor_id 'us' and count attribution 'anonymous_official' or 'anonymous_sources'.",
    )
)
