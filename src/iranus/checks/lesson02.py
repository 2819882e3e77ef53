"""Checks for understanding of lesson 02, the two agendas.

Every expected answer is computed from the data as of 6 February 2026, so a question cannot
drift from the tables it asks about.
"""

from __future__ import annotations

import pandas as pd

from ..record import agendas
from ..record.source_reading import claim_verdicts
from ..datasets.dates import COURSE_DATE
from . import Question, cite, course_at, load, named

AS_OF = COURSE_DATE
ANONYMOUS = ("anonymous_official", "anonymous_sources")

def issue_ids() -> tuple[str, ...]:
    """Every issue id of the issues table (the check's data folder), in its order: the possible
    answers of the list questions. With them, a typo such as "missile" is named in the feedback."""
    return tuple(load("issues")["issue_id"].astype(str))

#: Other ways to name the issues (keys as learners write them, after normalisation): the issues'
#: English labels and the names each side uses ("proxies" for the US and Israel, "axis of
#: resistance" for Iran).
ISSUE_ALIASES = {
    "uranium enrichment": "enrichment",
    "enriched uranium stockpile": "stockpile",
    "nuclear facilities": "facilities",
    "iaea inspections": "inspections",
    "sanctions": "sanctions_relief",
    "ballistic missiles": "missiles",
    "missile programme": "missiles",
    "missile program": "missiles",
    "proxies": "regional_allies",
    "armed groups": "regional_allies",
    "axis of resistance": "regional_allies",
    "regional influence": "regional_allies",
    "non aggression": "non_aggression",
    "sunset": "duration",
    "sunset clauses": "duration",
    "venue": "venue_format",
    "human rights": "human_rights",
    "treatment of its own people": "human_rights",
}


def _day(ts) -> str:
    """A date as '4 February 2026' (no leading zero)."""
    return f"{ts.day} {ts:%B %Y}"


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


def _issue_name(issue_id: str) -> str:
    """An issue as a learner reads it: its English label, in lower case ("uranium enrichment")."""
    label = course_at(AS_OF).with_language("en").label("issues", issue_id)
    return label[0].lower() + label[1:] if label[:2] != label[:2].upper() else label


def both_sides_in_nuclear_file() -> list[str]:
    """Nuclear-file issues on which both the US and Iran had a stated position by 6 Feb 2026."""
    comparison = agendas.agenda_comparison(_positions(), load("issues"))
    both = comparison[comparison["nuclear"] & comparison["stance_us"].notna() & comparison["stance_iran"].notna()]
    return list(both["issue_id"].astype(str))


def nuclear_file_gaps() -> dict[str, list[str]]:
    """Nuclear-file issues on which the US or Iran (or both) had no stated position by 6 Feb 2026.

    Returns:
        ``{issue_id: [actor ids with no position]}`` in agenda order.
    """
    comparison = agendas.agenda_comparison(_positions(), load("issues"))
    nuclear = comparison[comparison["nuclear"]]
    out = {}
    for _, row in nuclear.iterrows():
        missing = [a for a in ("us", "iran") if row[f"stance_{a}"] is pd.NA or pd.isna(row[f"stance_{a}"])]
        if missing:
            out[str(row["issue_id"])] = missing
    return out


def us_anonymous() -> tuple[int, int]:
    """(statements attributed to the US side resting on unnamed sources, all of them) up to 6 Feb 2026.

    "Attributed to the US side" means every positions row with actor_id 'us': what US officials
    said, and also accounts of US terms given by others (unnamed Iranian sources to Reuters, an
    unnamed Middle Eastern official to Haaretz).
    """
    rows = _positions()
    rows = rows[rows["actor_id"] == "us"]
    return int(rows["attribution"].isin(ANONYMOUS).sum()), len(rows)


def us_anonymous_breakdown() -> dict[str, int]:
    """The rows counted by :func:`us_anonymous`, by attribution.

    Returns:
        ``{"anonymous_official": n, "anonymous_sources": m}``: unnamed US officials, and unnamed
        people who are not US officials giving an account of US terms (CODEBOOK.md).
    """
    rows = _positions()
    rows = rows[rows["actor_id"] == "us"]
    return {a: int((rows["attribution"] == a).sum()) for a in ANONYMOUS}


def compromise_check():
    """The latest check, as of 6 Feb 2026, of the article's claim that the US accepted a nuclear-only round."""
    verdicts = claim_verdicts(load("claims"), load("claim_checks", as_of=AS_OF))
    return verdicts[verdicts["claim_id"] == "C21"].iloc[0]


def _speaker_words(statement) -> str:
    """Who made a statement, as a sentence names them: "Karoline Leavitt, the White House press
    secretary" (from the speaker as recorded, "Karoline Leavitt, White House press secretary")."""
    name, _, title = str(statement["speaker"]).partition(", ")
    return f"{name}, the {title}" if title and not title.lower().startswith(("the ", "a ", "an ")) else str(statement["speaker"])


def trump_near_miss() -> str:
    """What a learner who answers "Donald Trump" reads: who said it, when, for whom (from the data)."""
    statement = us_enrichment_statement()
    return (
        "The demand is the President's, but the words are not his. The latest US statement on enrichment "
        f"before the round came from {_speaker_words(statement)}, on {_day(statement['date'])}, saying what "
        "Trump wants. Reporting 'Trump said' would turn her account into a direct quote."
    )


_SIDES = {"us": "the United States", "iran": "Iran"}


def _joined(items: list[str]) -> str:
    """Items as a sentence lists them: "A and B"; "A, B and C", or "A; B; and C" when an item
    holds a comma or "and"."""
    if len(items) < 2:
        return "".join(items)
    if len(items) > 2 and any("," in i or " and " in i for i in items):
        return "; ".join(items[:-1]) + "; and " + items[-1]
    return ", ".join(items[:-1]) + " and " + items[-1]


def gaps_in_words() -> str:
    """The nuclear-file issues with no public statement before the round, as sentences: "No public
    statement by the United States on the enriched uranium stockpile before the round was found,
    nor any by either side on duration (sunset clauses)." ("" when there is no gap)."""
    by_side: dict[str, list[str]] = {}
    for issue, missing in nuclear_file_gaps().items():
        who = "either side" if len(missing) == 2 else _SIDES[missing[0]]
        by_side.setdefault(who, []).append("the " + _issue_name(issue))
    parts = [f"by {who} on {_joined(issues)}" for who, issues in by_side.items()]
    if not parts:
        return ""
    text = f"No public statement {parts[0]} before the round was found"
    text += "".join(f", nor any {part}" for part in parts[1:])
    return text + ". A gap in what was found is not the same as having no view."


#: The lesson's questions, in the order the lesson asks them; registered by the engine
#: (:data:`iranus.checks.BANKS`), not on import.
QUESTIONS = (
    Question(
        "02.us_enrichment_speaker",
        "Whose words are behind the latest US position on enrichment in the data as of 6 February 2026 "
        '(the demand of "zero nuclear capability")?',
        expected=lambda: course_at(AS_OF).with_language("en").label("actors", str(us_enrichment_statement()["speaker_actor_id"])),
        kind="choice",
        choices=("Karoline Leavitt", "Marco Rubio", "Steve Witkoff", "Donald Trump"),
        aliases={
            "white house press secretary": "Karoline Leavitt",
            "the white house press secretary": "Karoline Leavitt",
            "press secretary": "Karoline Leavitt",
        },
        near_misses={
            "Donald Trump": trump_near_miss,
        },
        explain=lambda who: (
            f"It is {_speaker_words(us_enrichment_statement())}, on "
            f"{_day(us_enrichment_statement()['date'])} ({us_enrichment_statement()['venue_en']}). "
            "She spoke for the President, so the position is the US government's as she stated it, "
            "not a direct quote of Trump."
        ),
        hint="in §3, find the latest US position on uranium enrichment and read who stated it.",
    ),
    Question(
        "02.rubio_outside_nuclear",
        'On 4 February 2026 Rubio listed what meaningful talks would "have to include". Which of his items '
        "lie outside the nuclear file? Give a list of names as shown in the issues table of §2 (English or "
        "Arabic; for a name with brackets, the part before the brackets is enough), e.g. "
        '["Uranium enrichment", "Sanctions relief"].',
        expected=rubio_list,
        kind="set",
        choices=issue_ids,
        example='["Uranium enrichment", "Sanctions relief"]',
        aliases=ISSUE_ALIASES,
        near_misses={
            "missiles, regional_allies": "Two of the three are right, and one is missing: Rubio named four "
            "subjects, and besides missiles, armed groups and the nuclear programme he named how Iran treats "
            "its own people. Which issue in the list of §2 is that?",
            "missiles, regional_allies, human_rights, enrichment": "One too many: the nuclear programme, which "
            "Rubio also named, is inside the nuclear file (the list of issues in §2 marks which issues belong "
            "to it). The other three are right.",
        },
        explain=lambda ids: (
            f"Rubio's list outside the nuclear file: {named(ids, 'issues')}. On these issues the two agendas "
            "did not overlap at all: Iran asked that only the nuclear file and sanctions relief be discussed, and "
            "an unnamed senior official put missiles 'off the table'. On human rights, the only Iranian statement "
            "found before the round (Araghchi, 2 January 2026) rejects outside interference in Iran's internal "
            "affairs; no Iranian statement found addressed it as a subject of the talks."
        ),
        hint="in the rebuilt list of §6, read what Rubio said on 4 February 2026; the list of issues in §2 names each issue and says whether it belongs to the nuclear file.",
    ),
    Question(
        "02.both_sides_nuclear_file",
        "In the nuclear file, on how many issues had BOTH the US and Iran stated a position by 6 February "
        "2026, according to the data? (a whole number)",
        expected=lambda: len(both_sides_in_nuclear_file()),
        kind="int",
        unit="issues",
        example="9",
        explain=lambda n: (
            f"{n}: {_joined([_issue_name(i) for i in both_sides_in_nuclear_file()]) if n else 'none'}. "
            + gaps_in_words()
        ),
        hint="in the comparison of §4, count the issues of the nuclear file (marked in the list of issues in §2) on which both the US and Iran stated a position.",
    ),
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
        aliases={
            "b": "the US accepted a nuclear-only round",
            "nuclear only": "the US accepted a nuclear-only round",
            "a nuclear only round": "the US accepted a nuclear-only round",
            "the us agreed to a nuclear only round": "the US accepted a nuclear-only round",
        },
        explain=lambda _: (
            "The article says Washington accepted, under mediators' pressure, that this round would "
            "cover only the nuclear file, while insisting the other issues would come up later. As of "
            f"6 February the check of that claim reads '{compromise_check()['verdict'].replace('_', ' ')}' "
            f"({cite(compromise_check()['check_source_id'])}): a stop-gap reported by sources, not an agreed text."
        ),
        hint="read the summary of paragraph P11, and in §5 the check of its claim that the US accepted a nuclear-only round.",
    ),
    Question(
        "02.us_anonymous",
        "Of the statements attributed to the US side in the positions table up to 6 February 2026 (every "
        "row whose actor is the United States), how many rest on unnamed sources (anonymous officials or sources)? "
        "(a whole number)",
        expected=lambda: us_anonymous()[0],
        kind="int",
        unit="statements",
        example="12",
        near_misses={
            "1": "That counts only the unnamed US official. The question counts every statement attributed to the "
            "US side, and some of them are accounts of US terms given by unnamed people who are not American "
            "(marked 'anonymous sources'): count those too.",
        },
        explain=lambda n: (
            f"{n} of the {us_anonymous()[1]} statements attributed to the US side rest on unnamed sources: "
            f"{us_anonymous_breakdown()['anonymous_official']} from an unnamed US official and "
            f"{us_anonymous_breakdown()['anonymous_sources']} from unnamed people who are not US officials "
            "describing US terms (Iranian sources to Reuters, a Middle Eastern official to Haaretz). The rebuilt list "
            "of US conditions is only as solid as these attributions: a named official on the record weighs "
            "more than an unnamed one, and the other side's account of US demands weighs less again."
        ),
        hint="the rebuilt list of §6 holds every US statement up to 6 February: count the statements marked 'anonymous official' or 'anonymous sources'.",
    ),
)
