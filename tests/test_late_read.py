"""The fresh read of lessons 04 and 07 (5 Dec 2026, 09:40 UTC), each finding pinned so it cannot come back.

1. A term is explained at or before the first place a learner meets it (in the text, a table or a
   chart): OPEC, Amnesty International, Resolution 2231, the tariff order, enrichment and U-235,
   weapons grade, the safeguards agreement, Fordow, Natanz and Isfahan (lesson 04); the Board of
   Peace, EDT and the Assembly of Experts (lesson 07).
2. No record id (claim "C08", paragraph "P13") in the prose of lessons 03, 04 and 07: the article's paragraph in
   words, a claim by what it says.
3. One clock word: UTC, never GMT, in every lesson's text and in the learner's notes of events and
   quantities; the snapback's two dates said as one moment; Rubio's troop figure with who gave it
   where and who published the transcript; lesson 07's death counts introduced counter by counter.
4. Quantities: a note that names a second report says whether it is independent ("AP and dpa each
   reported it") or not ("repeated ... without naming its source"), and the confidence follows:
   independent -> high (unless the note says why medium), not independent -> not high.
5. No wording in which the course talks about itself instead of saying what is known.

Each rule is a function of a text, and ``test_the_rules_catch_what_the_read_found`` feeds it the
text the read found, so each is shown to fail.
"""

from __future__ import annotations

import csv
import json
import re
from pathlib import Path

import pytest
from screen import shown_texts, unglossed

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "data"
LESSONS = sorted((ROOT / "notebooks").glob("[0-9][0-9]_*.ipynb"))
L03 = ROOT / "notebooks" / "03_israels_role.ipynb"
L04 = ROOT / "notebooks" / "04_leverage_and_pressure.ipynb"
L07 = ROOT / "notebooks" / "07_epilogue.ipynb"


def _cells(path: Path) -> list[dict]:
    return json.loads(path.read_text(encoding="utf-8"))["cells"]


def _markdown(path: Path) -> str:
    return "\n\n".join("".join(c["source"]) for c in _cells(path) if c["cell_type"] == "markdown")


#: abbreviations matched with their case ("edt" is no time zone)
CASE_SENSITIVE = frozenset({"EDT"})


# -- 1. terms glossed at or before their first use ------------------------------------------------

#: lesson -> term -> (pattern of the term, pattern of its gloss in the lesson's text)
TERMS = {
    "04": {
        "OPEC": (r"\bOPEC\b", r"OPEC \(the Organization of the Petroleum Exporting Countries"),
        "Amnesty International": (r"\bAmnesty\b", r"Amnesty International, a human rights organisation"),
        "Resolution 2231": (r"\b2231\b", r"Resolution 2231, the UN Security Council resolution of July 2015"),
        "tariff order": (r"tariff order|order allowing tariffs", r"tariff order, a presidential order that lets the US government put import taxes"),
        "enrichment": (r"\benrich(ment|ed|ing)\b", r"\*\*[Ee]nrichment\*\* raises the share of uranium-235"),
        "U-235": (r"U-235|uranium-235", r"uranium-235 \(U-235\), the form of uranium that can sustain"),
        "weapons grade": (r"weapons[- ]grade", r"\*\*weapons grade\*\*, the level used in a bomb"),
        "safeguards agreement": (r"safeguards agreement", r"a safeguards agreement, the agreement every state party to the Non-Proliferation Treaty"),
        "Fordow": (r"\bFordow\b", r"Fordow and Natanz, Iran's enrichment plants"),
        "Natanz": (r"\bNatanz\b", r"Fordow and Natanz, Iran's enrichment plants"),
        "Isfahan": (r"\bIsfahan\b", r"Isfahan, its uranium conversion site"),
    },
    "07": {
        "Board of Peace": (r"Board of Peace", r"the Board of Peace is a body chaired by Trump"),
        "EDT": (r"\bEDT\b", r"EDT is US Eastern Daylight Time"),
        "Assembly of Experts": (r"Assembly of Experts", r"the Assembly of Experts, the elected body of senior clerics that chooses Iran's Supreme Leader"),
    },
}


@pytest.mark.parametrize(("lesson", "path"), [("04", L04), ("07", L07)])
def test_terms_are_glossed_at_or_before_their_first_use(lesson, path):
    cells = _cells(path)
    late = unglossed(cells, TERMS[lesson], case_sensitive=CASE_SENSITIVE)
    assert not late, f"{path.name}: gloss these at or before the first place a learner meets them: {late}"
    text = " ".join(_markdown(path).split())
    missing = [name for name, (_, gloss) in TERMS[lesson].items() if not re.search(gloss, text)]
    assert not missing, f"{path.name}: these glosses are gone from the text: {missing}"


def test_lesson07_points_to_no_glossary_it_does_not_show():
    text = _markdown(L07)
    assert "(see the glossary)" not in text
    code = "\n".join("".join(c["source"]) for c in _cells(L07) if c["cell_type"] == "code")
    assert 'load("glossary")' not in code  # so every term is glossed in the text itself


# -- 2. no record ids in the prose --------------------------------------------------------------------

_RECORD_ID = re.compile(r"(?<![\w`'\"-])[PC]\d{2}(?![\w`'\"])")


def record_ids(markdown: str) -> list[str]:
    """Claim (C08) and paragraph (P13) ids written in a markdown text, outside code font."""
    return _RECORD_ID.findall(re.sub(r"`[^`\n]*`", "", markdown))


@pytest.mark.parametrize("path", [L03, L04, L07], ids=lambda p: p.name)
def test_no_claim_or_paragraph_id_in_the_prose(path):
    found = [(i, record_ids("".join(c["source"]))) for i, c in enumerate(_cells(path)) if c["cell_type"] == "markdown"]
    found = [f for f in found if f[1]]
    assert not found, f"{path.name}: name the paragraph in words and the claim by what it says: {found}"


def test_tables_that_keep_claim_numbers_say_what_they_are():
    for path, before in [(L04, "claim_id"), (L07, "claim_id")]:
        cells = _cells(path)
        first = next(i for i, c in enumerate(cells) if c["cell_type"] == "code" and before in "".join(c["source"]))
        intro = "".join(cells[first - 1]["source"]) + "".join(cells[first - 2]["source"])
        assert "the claim's number in the course's list of the article's claims" in " ".join(intro.split()), path.name
    assert "Paragraphs 13 and 14 of the article list the pressures" in _markdown(L04)
    assert "the paragraph of the article it comes from" in " ".join(_markdown(L07).split())


# -- 3. one clock word; dates and sources said plainly ---------------------------------------------


def gmt_words(text: str) -> list[str]:
    return re.findall(r"\bGMT\b|Greenwich Mean Time", text)


@pytest.mark.parametrize("path", LESSONS, ids=lambda p: p.name)
def test_lessons_say_utc_not_gmt(path):
    assert not gmt_words(_markdown(path)), f"{path.name}: say UTC (Coordinated Universal Time), not GMT"


def test_learner_notes_of_events_and_quantities_say_utc_not_gmt():
    for name, cols in [("events", ("title_en", "description_en", "notes")), ("quantities", ("measure_en", "notes"))]:
        with (DATA / f"{name}.csv").open(encoding="utf-8") as f:
            bad = [next(iter(r.values())) for r in csv.DictReader(f) if any(gmt_words(r[c]) for c in cols)]
        assert not bad, f"{name}: GMT in a learner's column: {bad}"


def test_the_snapback_is_one_moment_with_two_dates_and_the_row_date_is_explained():
    flat = " ".join(_markdown(L04).split())
    assert "at 20:00 New York time (EDT, US Eastern Daylight Time) on 27 September 2025, which was 00:00 UTC on **28 September 2025**" in flat
    assert "the UN dates the return by New York time, 27 September" in flat
    assert "this course gives dates in UTC, so it shows 28 September" in flat
    with (DATA / "events.csv").open(encoding="utf-8") as f:
        row = next(r for r in csv.DictReader(f) if r["event_id"] == "un_sanctions_return")
    assert row["date"] == "2025-09-28" and row["source_id"].startswith("un_spokesperson_")
    assert "00:00 UTC" in row["notes"] and "the date given is the UTC date, 28 September" in row["notes"]


def test_rubios_troop_figure_says_who_gave_it_where_and_who_published_the_transcript():
    flat = " ".join(_markdown(L04).split())
    assert "Rubio gave the Senate Foreign Relations Committee on 28 January 2026" in flat
    assert "Senator John Cornyn's office published the transcript excerpt." in flat


#: each count of the 2026 war's deaths in lesson 07's table -> how the text before it names its counter
WAR_COUNTERS = {
    "war_2026_deaths_iran_red_crescent": "the Iranian Red Crescent",
    "war_2026_civilian_deaths_iran_hrana": "a rights group (HRANA, the Human Rights Activists News Agency)",
    "war_2026_civilian_deaths_iran_un_envoy": "Iran's UN ambassador",
    "war_2026_us_service_members_killed": "the US military's count of US service members killed",
    "war_2026_deaths_israel": "Israel's ambulance service's count of civilians killed in Israel",
    "war_2026_deaths_lebanon": "Lebanon's health ministry's count of deaths in Lebanon",
}


def test_lesson07_death_counts_intro_names_every_counter_in_its_table():
    with (DATA / "quantities.csv").open(encoding="utf-8") as f:
        series = {r["series_id"] for r in csv.DictReader(f) if r["series_id"].startswith("war_2026")}
    assert series == set(WAR_COUNTERS), "a new count in the table needs its counter named in the intro"
    cells = _cells(L07)
    table = next(i for i, c in enumerate(cells) if 'startswith("war_2026")' in "".join(c["source"]))
    intro = " ".join("".join(cells[table - 1]["source"]).split())
    missing = [s for s, words in WAR_COUNTERS.items() if words not in intro]
    assert not missing, f"the text before the table does not name these counters: {missing}"


# -- 4. quantities: a second report is independent or not, and the confidence follows ---------------

_SECOND = re.compile(r"reported the same|the same figure|the same total|the same level|the same cap|second (outlet|news agency)|uses the same|rough level", re.I)
_INDEPENDENT = re.compile(r"\beach (reported|give|gave)\b", re.I)
_NOT_INDEPENDENT = re.compile(r"not (counted as )?a second independent report|no second independent report|\brepeated\b", re.I)
_WHY_MEDIUM = re.compile(r"\bmedium\b", re.I)


def second_report_problems(rows: list[dict]) -> list[str]:
    """Quantities rows whose note names a second report unclearly, or rates it inconsistently.

    ``rows``: dicts with ``series_id``, ``date``, ``confidence`` and ``notes``. A note that names a
    second report must say whether it is independent (``"AP and dpa each reported it"``) or not
    (``"repeated the same figure without naming its source"``); an independent second report makes
    the row high unless the note says why it stays medium; a report that is not independent
    leaves it below high (CODEBOOK §11: high needs two independent reliable sources).
    """
    bad = []
    for r in rows:
        note, key = r["notes"], f"{r['series_id']} {r['date']}"
        independent, not_independent = bool(_INDEPENDENT.search(note)), bool(_NOT_INDEPENDENT.search(note))
        if _SECOND.search(note) and independent == not_independent:
            bad.append(f"{key}: say plainly whether the second report is independent")
        elif independent and r["confidence"] != "high" and not _WHY_MEDIUM.search(note):
            bad.append(f"{key}: two independent reports but rated {r['confidence']}")
        elif not_independent and not independent and r["confidence"] == "high":
            bad.append(f"{key}: a repeated report is one source, but rated high")
    return bad


def test_quantities_second_reports_are_said_plainly_and_rated_by_the_two_source_rule():
    with (DATA / "quantities.csv").open(encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    assert not second_report_problems(rows)
    by_key = {(r["series_id"], r["date"]): r for r in rows}
    # the rows the read found, settled each way
    assert by_key[("iran_stockpile_60pct_kg", "2024-02-10")]["confidence"] == "high"  # AP and dpa
    assert by_key[("iran_stockpile_60pct_kg", "2025-05-17")]["confidence"] == "high"  # AP and KUNA
    assert by_key[("iran_stockpile_60pct_kg", "2022-10-22")]["confidence"] == "medium"  # AzVision repeated it
    assert by_key[("iran_stockpile_60pct_kg", "2023-10-28")]["confidence"] == "medium"  # NTB, source not named
    # the same two state agencies behind two tolls of 24 June 2025: the same confidence
    assert by_key[("war_2025_deaths_iran_health_ministry", "2025-06-24")]["confidence"] == by_key[("war_2025_deaths_israel", "2025-06-24")]["confidence"] == "medium"


# -- 5. the course does not talk about itself ---------------------------------------------------------

SELF_TALK = re.compile(
    r"the figure this course shows|\(the figure in the chart and table\)|the course keeps it as a count|"
    r"the earliest date the data has|its date precision|nothing in the data says|in the course's record|"
    r"the record does not list|found no record of it",
    re.I,
)


def self_talk(text: str) -> list[str]:
    return SELF_TALK.findall(" ".join(text.split()))


@pytest.mark.parametrize("path", [L04, L07], ids=lambda p: p.name)
def test_prose_says_what_is_known_not_what_the_course_keeps(path):
    assert not self_talk(_markdown(path)), path.name


def test_learner_notes_of_events_and_quantities_say_what_is_known():
    for name in ("events", "quantities"):
        with (DATA / f"{name}.csv").open(encoding="utf-8") as f:
            bad = [next(iter(r.values())) for r in csv.DictReader(f) if self_talk(r["notes"])]
        assert not bad, f"{name}: notes in which the course talks about itself: {bad}"


# -- each rule fails on what the read found --------------------------------------------------------------


def test_the_rules_catch_what_the_read_found():
    found_04 = [
        {"cell_type": "code", "source": ["x"], "outputs": [{"data": {"text/html": ["<td>tanker-tracker and OPEC data</td>"]}}]},
        {"cell_type": "markdown", "source": ["damage to Fordow, Natanz and Isfahan"]},
    ]
    assert unglossed(found_04, TERMS["04"], case_sensitive=CASE_SENSITIVE) == ["OPEC (cell 0, table)", "Fordow (cell 1, markdown)", "Natanz (cell 1, markdown)", "Isfahan (cell 1, markdown)"]
    assert unglossed([{"cell_type": "markdown", "source": ["From 10:00 EDT CENTCOM blockades"]}], TERMS["07"], case_sensitive=CASE_SENSITIVE) == ["EDT (cell 0, markdown)"]
    assert record_ids("The article's paragraphs P13 and P14 list ... (P05) ... claim C08") == ["P13", "P14", "P05", "C08"]
    assert record_ids("`c.check(\"04.snapback_date\", answer)` on 2025-09-28, 3.67%") == []
    assert gmt_words("at 00:00 GMT the UN sanctions") == ["GMT"] and gmt_words("00:00 UTC") == []
    old = [
        {"series_id": "s", "date": "2022-10-22", "confidence": "medium", "notes": "As reported by AP. A second outlet reported the same figure."},
        {"series_id": "s", "date": "2023-10-28", "confidence": "medium", "notes": "As reported by AP. A Norwegian news agency reported the same figure."},
        {"series_id": "s", "date": "2024-02-10", "confidence": "medium", "notes": "AP and dpa each reported it."},
        {"series_id": "s", "date": "2024-05-11", "confidence": "high", "notes": "NTB repeated AP's figure without naming its source."},
    ]
    assert [p.split(":")[0] for p in second_report_problems(old)] == ["s 2022-10-22", "s 2023-10-28", "s 2024-02-10", "s 2024-05-11"]
    assert len(self_talk("AP's report of the same day 4,560, the figure this course shows. This is the last event in the course's record")) == 2
