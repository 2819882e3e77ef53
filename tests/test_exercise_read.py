"""What a learner reads in the exercise masters: every abbreviation spelled out at its first use.

An abbreviation is "known" when the course's glossary defines it ("Long form (ABBR)" or "ABBR (long
form)" in ``data/glossary.csv``) or when it is the abbreviated name of an outlet in
``data/sources.csv`` (IANS, AFP, dpa ...; their long forms are in :data:`OUTLETS`, and a test makes
sure every such outlet has one), or one of the few abbreviations the record's own text uses
(:data:`RECORD_WORDS`: AP, FM, KUNA ...). In each master, the first time one reaches the screen
(in the markdown or in a stored output: a table of sources, a feedback message), its long form must
already have been on screen, or be right there (in the same stretch of text).

The issue questions of exercises 02 and 03 ask for the names the tables show (a learner's code
finds ids in the frames, and those are right too); the tests at the end of this file check both
answers, and the "did you mean" a misspelled name gets, with the instructor's keys and with the
sealed keys students get.
"""

from __future__ import annotations

import csv
import json
import re
import sys
from functools import lru_cache
from pathlib import Path

import pytest
from screen import shown_texts

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "data"
MASTERS = sorted((ROOT / "exercises" / "master").glob("[0-9][0-9]_*.ipynb"))

#: Outlets whose name in ``data/sources.csv`` is (or starts with) an abbreviation: abbreviation -> long form.
OUTLETS = {
    "ABC": "American Broadcasting Company",
    "ADN": "ADN Radio",  # the Chilean station's name: its long form is its name
    "AFP": "Agence France-Presse",
    "ANI": "Asian News International",
    "ANP": "Algemeen Nederlands Persbureau",
    "BBC": "British Broadcasting Corporation",
    "BORNA": "BORNA News Agency",
    "CBS": "CBS News",
    "CGTN": "China Global Television Network",
    "CNBC": "CNBC",
    "IANS": "Indo-Asian News Service",
    "IUS": "IUS News",
    "NBC": "NBC News",
    "NPR": "National Public Radio",
    "NTB": "Norsk Telegrambyrå",
    "TASS": "Russian state news agency",
    "TVN24": "Polish news channel",
    "WANA": "West Asia News Agency",
    "dpa": "Deutsche Presse-Agentur",
}

#: First words of outlet names that are names or country abbreviations, not outlet abbreviations.
NOT_OUTLET_ABBREVIATIONS = {"USA", "UK", "US"}

#: Abbreviations the record's own text uses (event titles, check notes, measures) for outlets,
#: titles and units: abbreviation -> long form.
RECORD_WORDS = {
    "AP": "Associated Press",
    "FM": "foreign minister",
    "KUNA": "Kuwait News Agency",
    "SDA": "Swiss news agency",  # Keystone-SDA
    "UTC": "Coordinated Universal Time",
    "JPost": "The Jerusalem Post",
    "UF6": "uranium hexafluoride",
}

#: Glossary terms whose abbreviation is read from another word of the term (the glossary writes
#: "International Atomic Energy Agency (IAEA)", so these come from the glossary too).
_GLOSSARY_FORMS = (
    re.compile(r"^(?P<long>[^(]+?)\s*\((?P<short>[A-Z][A-Za-z0-9-]*[A-Z0-9])\)$"),  # "Long form (ABBR)"
    re.compile(r"^(?P<short>[A-Z][A-Z0-9-]+) \((?P<long>[^)]+)\)$"),  # "BATNA (best ...)"
)


def _outlet_abbreviation(outlet: str) -> str | None:
    """The abbreviation an outlet's name starts with ("IANS", "CBS News" -> "CBS", "dpa-AFX" -> "dpa"), or None."""
    m = re.match(r"^(?P<short>[A-Z]{2,}[0-9]*|dpa)(?![a-z])", outlet)
    return m["short"] if m and m["short"] not in NOT_OUTLET_ABBREVIATIONS else None


def glossary_abbreviations(glossary: Path = DATA / "glossary.csv") -> dict[str, str]:
    """Abbreviation -> long form, from the glossary's terms (``term_en``)."""
    out: dict[str, str] = {}
    with glossary.open(encoding="utf-8") as f:
        for row in csv.DictReader(f):
            for form in _GLOSSARY_FORMS:
                m = form.match(row["term_en"])
                if m and m["short"].upper() == m["short"]:
                    out.setdefault(m["short"], m["long"].strip())
    return out


@lru_cache(maxsize=1)
def known_abbreviations() -> dict[str, str]:
    """Every abbreviation the test knows, with its long form."""
    return {**glossary_abbreviations(), **OUTLETS, **RECORD_WORDS}


def _first_use(short: str, text: str) -> re.Match | None:
    # not inside a word, a file path, a URL or a code span ("`protest_deaths_hrana`")
    return re.search(rf"(?<![\w`/.]){re.escape(short)}(?![\w`])", text)


def unglossed(cells: list[dict], known: dict[str, str] | None = None) -> list[str]:
    """The abbreviations of ``known`` whose first use in ``cells`` comes before their long form.

    The long form counts when it is on screen in an earlier cell, or in the same text up to 200
    characters after the first use ("IANS (Indo-Asian News Service)"). Case is ignored for the
    long form ("Foreign Minister", "foreign minister").

    Returns:
        One line per abbreviation: what it is, where it is first used (cell number, kind of text).
    """
    known = known_abbreviations() if known is None else known
    seen = ""
    done: set[str] = set()
    missing = []
    for i, cell in enumerate(cells):
        for where, text in shown_texts(cell):
            if where == "markdown":  # backticked code in prose is code, not a word
                text = re.sub(r"`[^`]*`", " ", text)
            for short, long in known.items():
                if short in done:
                    continue
                first = _first_use(short, text)
                if first is None:
                    continue
                done.add(short)
                around = " ".join((seen + " " + text[: first.end() + 200]).lower().split())
                if " ".join(long.lower().split()) not in around:
                    context = " ".join(text[max(0, first.start() - 60) : first.end() + 40].split())
                    missing.append(f"{short} ({long}): cell {i} ({where}): ...{context}...")
            seen += " " + text
    return missing


def _nb(path: Path) -> dict:
    return json.loads(path.read_text(encoding="utf-8"))


def test_the_known_list_takes_the_glossary_and_the_outlets():
    found = known_abbreviations()
    assert found["JCPOA"] == "Joint Comprehensive Plan of Action"
    assert found["IAEA"] == "International Atomic Energy Agency"
    assert found["BATNA"] == "best alternative to a negotiated agreement"
    assert found["HRANA"] == "Human Rights Activists News Agency"
    assert found["IANS"] == "Indo-Asian News Service" and found["dpa"] == "Deutsche Presse-Agentur"


def test_every_abbreviated_outlet_in_the_sources_has_a_long_form():
    with (DATA / "sources.csv").open(encoding="utf-8") as f:
        outlets = {r["outlet"] for r in csv.DictReader(f)}
    abbreviated = {a: o for o in outlets if (a := _outlet_abbreviation(o))}
    assert {"IANS", "AFP", "dpa"} <= set(abbreviated)  # the reading is not empty
    missing = sorted(f"{a} ({o})" for a, o in abbreviated.items() if a not in OUTLETS)
    assert not missing, "add a long form to OUTLETS for: " + ", ".join(missing)


@pytest.mark.parametrize("path", MASTERS, ids=lambda p: p.name)
def test_every_abbreviation_is_spelled_out_at_its_first_use_in_each_master(path):
    missing = unglossed(_nb(path)["cells"])
    assert not missing, f"{path.name}: spell these out at or before their first use:\n" + "\n".join(missing)


def _md(text: str) -> dict:
    return {"cell_type": "markdown", "source": [text]}


def _table(html: str) -> dict:
    return {"cell_type": "code", "source": ["table(x)"], "outputs": [{"output_type": "execute_result", "data": {"text/html": [html]}}]}


def test_a_planted_abbreviation_is_caught():
    """The check fails on a master where an outlet or a title appears before its long form."""
    assert unglossed([_md("A report by IANS on 6 February.")]) == [
        "IANS (Indo-Asian News Service): cell 0 (markdown): ...A report by IANS on 6 February...."
    ]
    # in a table printed from the data, with no key above it
    found = unglossed([_md("The sources:"), _table("<table><td>IANS, 6 Feb 2026</td><td>dpa-AFX, 5 Feb</td></table>")])
    assert [line.split(":")[0] for line in found] == ["IANS (Indo-Asian News Service)", "dpa (Deutsche Presse-Agentur)"]
    # a title: "Omani FM Albusaidi" in an event's text
    assert unglossed([_table("<td>mediated by Omani FM Albusaidi</td>")])[0].startswith("FM (foreign minister)")
    # a gloss after the first use comes too late
    late = [_md("Reported by AP."), _md("The Associated Press (AP) is a wire service.")]
    assert unglossed(late)[0].startswith("AP (Associated Press): cell 0")


def test_a_gloss_at_or_before_the_first_use_passes():
    assert unglossed([_md("The Indo-Asian News Service (IANS) reported it.")]) == []
    assert unglossed([_md("IANS (Indo-Asian News Service) reported it.")]) == []
    keyed = [_md("*Outlets in the table below:* IANS, the Indo-Asian News Service."), _table("<td>IANS, 6 Feb 2026</td>")]
    assert unglossed(keyed) == []
    # code the learner types is not a use: a series id in backticks, a file path
    assert unglossed([_md("Use `protest_deaths_hrana` and `data/AP.md`.")]) == []
    # an abbreviation inside a longer word is not a use
    assert unglossed([_md("The APs and MAPs of IANSX.")]) == []


# -- the issue questions of exercises 02 and 03: names as the tables show them, ids accepted -------

ANSWER_KEYS = ROOT / "exercises" / "answer_keys"
ID_WORD = re.compile(r"\bids?\b", re.I)

#: The right answers, read off the data as of 6 February 2026 (the US and Iranian stances of the
#: issues table; Israel's stated positions).
ISSUE_ANSWERS = {
    "E02.iran_refused": ["human_rights", "missiles", "regional_allies"],
    "E02.smallest_gap": "venue_format",
    "E03.israel_issues": ["enrichment", "facilities", "missiles", "regional_allies"],
}


@pytest.fixture(scope="module")
def keys():
    """The instructor's key modules, registered (as the tests of the exercises do)."""
    if str(ANSWER_KEYS) not in sys.path:
        sys.path.insert(0, str(ANSWER_KEYS))
    import seal

    seal.load_keys()
    return seal


def _as_names(answer):
    import iranus

    labels = iranus.course().labels("issues")
    return [str(labels[i]) for i in answer] if isinstance(answer, list) else str(labels[answer])


def _both_paths(question_id: str, answer):
    """The feedback with the instructor's keys, and with the sealed keys shipped to students."""
    from iranus.checks.exercise_feedback import feedback, sealed_feedback, sealed_keys

    return feedback(question_id, answer), sealed_feedback(question_id, sealed_keys()[question_id], answer)


@pytest.mark.parametrize("question_id", sorted(ISSUE_ANSWERS))
def test_the_issue_questions_take_the_name_and_the_id(keys, question_id):
    ids = ISSUE_ANSWERS[question_id]
    names = _as_names(ids)
    assert names != ids
    if question_id == "E02.smallest_gap":
        assert names == "Venue and format of the talks"
    for answer in (ids, names):
        for result in _both_paths(question_id, answer):
            assert result.correct is True, (answer, result)
            # the explanation names the issues as the tables do, never by their ids
            assert ("Venue and format of the talks" if question_id == "E02.smallest_gap" else 'Regional allies ("proxies")') in result.message
            assert "regional_allies" not in result.message and "venue_format" not in result.message


@pytest.mark.parametrize(
    "question_id, answer, meant",
    [
        ("E02.smallest_gap", "Venue and formt of the talks", "Venue and format of the talks"),
        ("E02.iran_refused", ["Human rigths", "Ballistic missiles", 'Regional allies ("proxies")'], "Human rights"),
        ("E03.israel_issues", ["Uranium enrichmnt", "Nuclear facilities (Fordow, Natanz, Isfahan)", "Ballistic missiles"], "Uranium enrichment"),
    ],
)
def test_a_misspelled_name_gets_did_you_mean_with_the_name_as_shown(keys, question_id, answer, meant):
    for result in _both_paths(question_id, answer):
        assert result.correct is False
        assert f"did you mean '{meant}'?" in result.message, result.message
        assert "venue_format |" not in result.message  # not the list of ids


def test_the_attribution_question_takes_the_label_the_table_shows(keys):
    for answer in ("the outlet itself", "The outlet itself", "outlet_itself"):
        for result in _both_paths("E03.allies_attribution", answer):
            assert result.correct is True, (answer, result)
            assert "'the outlet itself'" in result.message
    for result in _both_paths("E03.allies_attribution", "the outlet itsef"):
        assert result.correct is False and "did you mean 'the outlet itself'?" in result.message
    wrong = _both_paths("E03.allies_attribution", "named official")
    assert all(r.correct is False for r in wrong)


def test_the_venue_diagnosis_reads_the_name_too(keys):
    answer = ["Venue and format of the talks", "Ballistic missiles", "Human rights", 'Regional allies ("proxies")']
    for result in _both_paths("E02.iran_refused", answer):
        assert result.correct is False
        assert "Iran's 0 there is its own proposal" in result.message and "venue_format" not in result.message


def test_the_issue_questions_ask_for_names_not_ids(keys):
    from iranus.checks import get

    for question_id in (*ISSUE_ANSWERS, "E03.allies_attribution"):
        q = get(question_id)
        assert "as the table shows" in q.prompt, question_id
        assert not ID_WORD.search(q.prompt + " " + q.hint), question_id
    # and so do the masters' question cells (the column a learner's code reads may be named)
    for path, numbers in ((MASTERS[0], (5, 23)), (MASTERS[1], (4, 13))):
        cells = _nb(path)["cells"]
        for i in numbers:
            text = re.sub(r"`[^`]*`", " ", "".join(cells[i]["source"]))
            assert "as the table above shows" in text and not ID_WORD.search(text), (path.name, i)


# -- exercise 05: the Nash package's enrichment option, by its name as the deal builder shows it ---


def test_the_nash_option_question_takes_the_name_and_the_id(keys):
    import iranus
    from iranus.checks import get
    from iranus.models import bargaining

    space = iranus.course().deal_space()
    option = str(bargaining.nash_bargaining_solution(space)["enrichment"])
    assert option == "enrichment_pause_then_low_cap"  # the codings of 6 February 2026
    name = space.labels[option]
    assert name == "Pause, then a very low cap"
    for answer in (option, name, name.lower(), name + "."):
        for result in _both_paths("E05.nash_enrichment", answer):
            assert result.correct is True, (answer, result)
            assert f"'{name}'" in result.message and option not in result.message
    # the Arabic name the Arabic course's deal builder shows is read too
    from iranus.models.prospects import option_label

    arabic = option_label(option, space, "ar")
    assert arabic != name
    assert all(r.correct is True for r in _both_paths("E05.nash_enrichment", arabic))
    # another option, by name: wrong, with the explanation; a misspelled name: "did you mean"
    assert all(r.correct is False for r in _both_paths("E05.nash_enrichment", "Zero enrichment, permanently"))
    for result in _both_paths("E05.nash_enrichment", "Pause, then a very lw cap"):
        assert result.correct is False
        assert f"did you mean '{name}'?" in result.message, result.message
        assert "enrichment_zero_permanent |" not in result.message  # not the list of ids
    q = get("E05.nash_enrichment")
    assert "name as the deal builder shows it" in q.prompt and not ID_WORD.search(q.prompt)
    cell = next(c for c in _nb(MASTERS[3])["cells"] if "**Question 3.**" in "".join(c["source"]))
    text = re.sub(r"`[^`]*`", " ", "".join(cell["source"]))
    assert MASTERS[3].name == "05_deal_prospects.ipynb"
    assert "name as the deal builder shows it" in text and not ID_WORD.search(text)
