"""Fresh learner read of lessons 02, 04 and 07 (5 Dec 2026, ~10:00 UTC), each finding pinned.

- terms and names glossed at or before the first place a learner meets them (text, table, print);
- learner notes and lesson prose say who reported what, not why the course rates it ("hence medium",
  "not counted as a second independent report", "is known to the course", "the table's source is");
- lesson 07 states one end of the record, the one ``iranus.course(as_of=None).record_end`` gives,
  and describes the months as its chart counts them.

``test_the_rules_catch_what_the_read_found`` feeds each rule the text the read found, so every rule
is shown to fail on it.
"""

from __future__ import annotations

import csv
import json
import re
from pathlib import Path

import pandas as pd
import pytest
from screen import shown_texts, unglossed

import iranus

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "data"
NB = {n: next((ROOT / "notebooks").glob(f"{n}_*.ipynb")) for n in ("02", "04", "07")}


def _cells(lesson: str) -> list[dict]:
    return json.loads(NB[lesson].read_text(encoding="utf-8"))["cells"]


def _markdown(lesson: str) -> str:
    return "\n\n".join("".join(c["source"]) for c in _cells(lesson) if c["cell_type"] == "markdown")


#: met in the code that opens the agenda explorer, whose inspections scale names it
IN_CODE = frozenset({"Additional Protocol"})


# -- 1. glosses at or before first use -------------------------------------------------------------

AFP = (r"\bAFP\b", r"AFP, Agence France-Presse \(France's news agency\)")

#: lesson -> name -> (pattern of the term, pattern of its gloss in the lesson's text)
TERMS = {
    "02": {
        "claim check": (r"claim checks?\b", r"a \*\*claim check\*\* is one check of a claim made in the article"),
        "sunset clauses": (r"sunset clause", r"\*\*sunset clauses\*\*, the dates on which a deal's limits expire"),
        "safeguards": (r"\bsafeguards\b", r"IAEA \*\*safeguards\*\*, the checks by which the IAEA accounts for a state's nuclear material"),
        "Additional Protocol": (r"Additional Protocol|agenda_explorer", r"the \*\*Additional Protocol\*\*, an extra agreement with the IAEA that allows wider inspections"),
        "IAEA Board": (r"IAEA Board|Board resolution", r"the IAEA Board, the IAEA's \*\*Board of Governors\*\*, the body of member states"),
        "AFP": AFP,
    },
    "04": {
        "AFP": AFP,
        "Larijani": (r"\bLarijani\b", r"Ali Larijani, secretary of Iran's Supreme National Security Council"),
        "TankerTrackers": (r"TankerTrackers|tanker-tracker", r"TankerTrackers\.com is a firm that tracks tankers from satellite images and shipping data"),
        "Davos": (r"\bDavos\b", r"Davos, the Swiss town where the World Economic Forum holds its annual meeting"),
        "Rubio": (r"\bRubio\b", r"Marco Rubio, the US Secretary of State"),
        "Grossi": (r"\bGrossi\b", r"Rafael Grossi, the IAEA's Director General"),
    },
}


@pytest.mark.parametrize("lesson", ["02", "04"])
def test_terms_are_glossed_at_or_before_their_first_use(lesson):
    cells = _cells(lesson)
    assert not unglossed(cells, TERMS[lesson], in_code=IN_CODE)
    flat = " ".join(_markdown(lesson).split())
    missing = [name for name, (_, gloss) in TERMS[lesson].items() if not re.search(gloss, flat)]
    assert not missing, f"lesson {lesson}: glosses gone from the text: {missing}"


def test_the_terms_are_met_where_the_read_met_them():
    """The glossed terms really are on screen, so the gloss test is not vacuous."""
    for lesson, names in (("02", ["claim check", "sunset clauses", "safeguards", "IAEA Board", "AFP"]),
                          ("04", ["AFP", "Larijani", "Davos", "Rubio", "Grossi"])):
        shown_text = " ".join(t for c in _cells(lesson) if c["cell_type"] == "code" for _, t in shown_texts(c))
        absent = [n for n in names if not re.search(TERMS[lesson][n][0], shown_text, re.I)]
        assert not absent, f"lesson {lesson}: not in any output: {absent}"


def test_the_additional_protocol_is_what_the_explorers_inspections_scale_uses():
    with (DATA / "glossary.csv").open(encoding="utf-8") as f:
        assert any(r["term_id"] == "additional_protocol" for r in csv.DictReader(f))
    with (DATA / "issues.csv").open(encoding="utf-8") as f:
        issue = next(r for r in csv.DictReader(f) if r["issue_id"] == "inspections")
    assert issue["label_en"] == "IAEA inspections and safeguards"


def test_zamir_is_named_in_full_in_the_timeline():
    events = iranus.course().load("events").set_index("event_id")
    text = events.loc["witkoff_meets_netanyahu", "description_en"]
    assert "Eyal Zamir, chief of staff of the Israel Defense Forces (IDF)" in text
    assert "IDF chief Zamir" not in text
    with (DATA / "actors.csv").open(encoding="utf-8") as f:
        zamir = next(r for r in csv.DictReader(f) if r["actor_id"] == "zamir")
    assert zamir["title_en"] == "Chief of the General Staff, Israel Defense Forces"


def test_larijanis_role_matches_the_actors_table():
    with (DATA / "actors.csv").open(encoding="utf-8") as f:
        row = next(r for r in csv.DictReader(f) if r["actor_id"] == "larijani")
    assert "Secretary of the Supreme National Security Council" in row.values()


# -- 2. plain notes and prose -------------------------------------------------------------------------

CURATOR = re.compile(
    r"hence medium|not counted as|no second independent report|is known to have|is known to the course|"
    r"not known to the course|The table's source is|The last row is|the course follows|no text of it could be found|"
    r"so its row \(|\bis known, at the checks\b",
    re.I,
)


def curator_phrases(text: str) -> list[str]:
    return CURATOR.findall(" ".join(text.split()))


@pytest.mark.parametrize("lesson", ["02", "04", "07"])
def test_lessons_state_who_reported_what_not_why_the_rating(lesson):
    assert not curator_phrases(_markdown(lesson)), lesson


@pytest.mark.parametrize(("name", "column"), [("events", "notes"), ("quantities", "notes"), ("positions", "coding_note")])
def test_learner_notes_state_who_reported_what(name, column):
    with (DATA / f"{name}.csv").open(encoding="utf-8") as f:
        bad = [(next(iter(r.values())), curator_phrases(r[column])) for r in csv.DictReader(f) if curator_phrases(r[column])]
    assert not bad, f"{name}.{column}: {bad}"


def test_the_rewritten_notes_say_who_reported_what():
    events = iranus.course(as_of=None).load("events").set_index("event_id")
    assert events.loc["burgenstock_postponed", "notes"] == "Only AFP (Agence France-Presse) reported it."
    assert events.loc["doha_technical_talks", "notes"].startswith("Only AFP (Agence France-Presse) reported it, citing an anonymous diplomat.")
    with (DATA / "quantities.csv").open(encoding="utf-8") as f:
        rows = {(r["series_id"], r["date"]): r for r in csv.DictReader(f)}
    s = "iran_stockpile_60pct_kg"
    assert rows[(s, "2022-10-22")]["notes"].endswith("AzVision, an Azerbaijani news site, repeated the same figure without naming its source.")
    assert rows[(s, "2022-10-22")]["confidence"] == "medium"  # the rating is in its own column
    june = rows[(s, "2025-06-13")]
    # the note names the report its source is about (Reuters, 12 Nov 2025, on the IAEA's November report)
    assert june["source_id"] == "reuters_2025_11_12_verification_long_overdue"
    assert "November 2025 report" in june["notes"] and "September 2025 report" not in june["notes"]
    assert "Reuters (12 November 2025)" in june["notes"]
    assert "Rafael Grossi, the IAEA's Director General" in rows[(s, "2025-02-08")]["notes"]


# -- 3. lesson 07 states one end of the record ------------------------------------------------------

NUMBER_WORDS = dict(enumerate("zero one two three four five six seven eight nine ten eleven twelve".split()))
CONFLICTING = re.compile(r"mid-July|thins out after|almost none|the last reliable report found|after it, and no reliable report", re.I)


def end_problems(texts: list[str], end: pd.Timestamp, june_count: int) -> list[str]:
    """Sentences of lesson 07's opening, §1 and discussion that disagree with the record's end.

    ``texts``: markdown of the cells that state the end (intro, §1, §5's last word, discussion).
    Each must name the end date; none may place it elsewhere or say the last months are empty while
    the chart counts ``june_count`` events in June.
    """
    day = f"{end.day} {end:%B %Y}"
    bad = []
    for i, text in enumerate(texts):
        flat = " ".join(text.split())
        if day not in flat:
            bad.append(f"text {i}: does not name {day}")
        bad += [f"text {i}: {m!r}" for m in CONFLICTING.findall(flat)]
        for d in re.findall(r"\b\d{1,2} (?:January|February|March|April|May|June|July|August|September|October|November|December) 2026\b", flat):
            if re.search(rf"(record ends on|goes past) \**{d}", flat) and d != day:
                bad.append(f"text {i}: record end {d}")
    if "nine (June)" in " ".join(texts) and june_count != 9:
        bad.append(f"June has {june_count} events, not nine")
    return bad


def _end_texts() -> list[str]:
    cells = [c for c in _cells("07") if c["cell_type"] == "markdown"]
    heads = ("# 07 Epilogue", "## 1. Where the record ends", "## Discussion questions")
    texts = ["".join(c["source"]) for c in cells if "".join(c["source"]).startswith(heads)]
    texts += ["".join(c["source"]) for c in cells if "".join(c["source"]).startswith("The record's last event")]
    assert len(texts) == 4
    return texts


def test_lesson07_states_the_record_end_the_data_gives():
    c = iranus.course(as_of=None)
    end = c.record_end
    events = c.load("events")
    assert end == events["date"].max() == pd.Timestamp("2026-07-01")
    after = events[events["date"] > iranus.course().as_of]
    june = int((after["date"].dt.strftime("%Y-%m") == "2026-06").sum())
    assert june == 9 and int((after["date"].dt.strftime("%Y-%m") == "2026-05").sum()) == 3
    assert not end_problems(_end_texts(), end, june)
    flat = " ".join(" ".join(_end_texts()).split())
    assert f"February has the most, March to June have between {NUMBER_WORDS[3]} (May) and {NUMBER_WORDS[june]} (June) each" in flat
    assert "Nothing later was verified in reliable reporting." in flat


def test_lesson04_total_stock_prose_matches_its_chart():
    flat = " ".join(_markdown("04").split())
    assert "tells the same story" not in flat
    with (DATA / "quantities.csv").open(encoding="utf-8") as f:
        total = [r for r in csv.DictReader(f) if r["series_id"] == "iran_stockpile_total_enriched_kg"]
    last = max(total, key=lambda r: r["date"])
    assert (last["date"], float(last["value"])) == ("2025-05-17", 9247.6)
    assert "to 9,247.6 kg on 17 May 2025, its last verified figure; the chart has no figure for the total after the strikes" in flat
    assert "(not drawn in the chart)" in flat


def test_lesson02_question_says_a_name_before_the_brackets_is_enough():
    from iranus.checks import check

    flat = " ".join(_markdown("02").split())
    assert "for a name with brackets, the part before the brackets is enough" in flat
    assert "the same actors as the explorer of §8 (in another order)" in flat
    with (DATA / "issues.csv").open(encoding="utf-8") as f:
        assert any(r["label_en"] == 'Regional allies ("proxies")' for r in csv.DictReader(f))
    # the name before the brackets, typed in double quotes, is accepted
    assert check("02.rubio_outside_nuclear", ["Ballistic missiles", "Regional allies", "Human rights"]).correct
    assert not check("02.rubio_outside_nuclear", ["Ballistic missiles", "Regional allies"]).correct


# -- each rule fails on what the read found -------------------------------------------------------------


def test_the_rules_catch_what_the_read_found():
    issues_out = {"cell_type": "code", "source": ["table(issues)"],
                  "outputs": [{"data": {"text/html": ["<td>Duration (sunset clauses)</td><td>IAEA inspections and safeguards</td>"]}}]}
    old_02 = [
        {"cell_type": "markdown", "source": ["Everything in this lesson is loaded as of 6 February 2026."]},
        {"cell_type": "code", "source": ["summary(...)"], "outputs": [{"text": ["57 claim checks (the latest dated 6 Feb 2026)."]}]},
        {"cell_type": "markdown", "source": ["*Abbreviations in the table below:* IAEA, the International Atomic Energy Agency."]},
        issues_out,
        {"cell_type": "code", "source": ["t"], "outputs": [{"data": {"text/html": ["<td>joint statement to the IAEA Board</td><td>AFP, 4 Feb 2026</td>"]}}]},
        {"cell_type": "code", "source": ["agenda_explorer(course=c)"], "outputs": []},
    ]
    assert unglossed(old_02, TERMS["02"], in_code=IN_CODE) == [
        "claim check (cell 1, printed output)", "sunset clauses (cell 3, table)", "safeguards (cell 3, table)",
        "IAEA Board (cell 4, table)", "AFP (cell 4, table)", "Additional Protocol (cell 5, code)"]
    old_04 = [
        {"cell_type": "code", "source": ["t"], "outputs": [{"data": {"text/html": ["<td>US sanctions Larijani and others</td>"]}}]},
        {"cell_type": "markdown", "source": ["tanker-tracker and OPEC data. Read the shape:"]},
        {"cell_type": "code", "source": ["t"], "outputs": [{"data": {"text/html": ["<td>Returning from Davos</td><td>per Rubio</td>"]}}]},
        {"cell_type": "code", "source": ["t"], "outputs": [{"data": {"text/html": ["<td>AFP, 31 May 2022</td><td>Grossi later rounded it</td>"]}}]},
    ]
    assert unglossed(old_04, TERMS["04"], in_code=IN_CODE) == [
        "Larijani (cell 0, table)", "TankerTrackers (cell 1, markdown)", "Davos (cell 2, table)",
        "Rubio (cell 2, table)", "AFP (cell 3, table)", "Grossi (cell 3, table)"]
    for found in [
        "AzVision, an Azerbaijani news site, repeated the same figure without naming its source, so it is not a second independent report; one reliable report, hence medium.",
        "NTB ... may repeat AP's report and is not counted as a second independent report; hence medium.",
        "One AFP report; no second independent report.",
        "No international news agency is known to have reported the sequence",
        "whether the memorandum's 60 days ran out without a final deal is not known to the course.",
        "The table's source is the office of Senator John Cornyn",
        "The last row is the last reliable report",
        "the course follows Dawn, citing Pakistan's prime minister's office",
        "is not in the record: no text of it could be found.",
        "no report of the remark by Rubio or by any other outlet is known, at the checks of 4 and of 26 February alike",
    ]:
        assert curator_phrases(found), found
    assert not curator_phrases("Only AFP (Agence France-Presse) reported it.")
    end = pd.Timestamp("2026-07-01")
    old_07 = [
        "The record ends on **1 July 2026**, the date of the last reliable report found; nothing later has been verified",
        "No dated table of the course goes past **1 July 2026**. Reporting is dense until about the start of July 2026 and thin after it, "
        "and no reliable report after mid-July 2026 has been found: the chart counts the events, and the last months have almost none.",
        "The record thins out after June 2026, and the last reliable report is from one outlet.",
        "The last row is the last reliable report: AFP reported talks in Doha on 1 July 2026.",
    ]
    assert end_problems(old_07, end, 9) == [
        "text 0: 'the last reliable report found'", "text 1: 'after it, and no reliable report'", "text 1: 'mid-July'", "text 1: 'almost none'",
        "text 2: does not name 1 July 2026", "text 2: 'thins out after'"]
    assert end_problems(["The record ends on **1 June 2026**."], end, 9) == ["text 0: does not name 1 July 2026", "text 0: record end 1 June 2026"]
