"""What a learner reads in lessons 04-07 (LEARNER_RULES R1-R6): the findings of the last fresh read,
each pinned so that it cannot come back.

- R1: no column, table or function name in code font in the lessons' prose (a call, an argument, a
  file path or an answer in quotes may be code; a pointer to a model's code only in a sentence
  that says it is for the curious);
- R2: an answer's example is typed as in the lesson (double quotes) and is no answer nor part of one;
- R3: no research-process wording in the prose or in the checks' feedback;
- R4: chart footers name their data in words, counts read with thousands separators, sections and
  languages by their names, the zone comparison in Arabic has no English setting or option;
- R5: the names the last read found unexplained are glossed before the table that first shows them;
- R6: Türkiye, with its diaeresis.

Each rule is a small function; ``test_the_rules_catch_what_the_last_read_found`` feeds each one the
text the last read found, so every rule is shown to fail on it.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

import iranus
from iranus import charts
from iranus.checks import NO_ANSWER, check, expected_answer, get, questions
from iranus.display import table
from iranus.models import prospects

ROOT = Path(__file__).resolve().parents[1]
LESSONS = {n: next((ROOT / "notebooks").glob(f"{n}_*.ipynb")) for n in ("04", "05", "06", "07")}


def _cells(lesson: str, kind: str) -> list[str]:
    nb = json.loads(LESSONS[lesson].read_text(encoding="utf-8"))
    return ["".join(c["source"]) for c in nb["cells"] if c["cell_type"] == kind]


# -- the rules, as functions of a text ------------------------------------------------------------

_CODE_SPAN = re.compile(r"`([^`\n]+)`")
_PATH = re.compile(r"^[\w./-]+\.(md|json|csv|ipynb|py)$")


def code_names(markdown: str) -> list[str]:
    """Code-font spans of a markdown cell that are names, not code a learner types (R1).

    Allowed: an answer in quotes (``"not confirmed"``), a call or an argument (anything with
    ``(`` or ``=``), a file path, the placeholder ``...``, and a dotted module path inside a
    sentence that says it is for the curious.
    """
    found = []
    for sentence in re.split(r"(?<=[.:;])\s+(?=[A-Z(*])", markdown):
        for span in _CODE_SPAN.findall(sentence):
            if span.startswith(('"', "[")) or "(" in span or "=" in span or span == "..." or _PATH.match(span):
                continue
            if span.startswith("iranus.") and "for the curious" in sentence.lower():
                continue
            found.append(span)
    return found


#: Research-process wording a learner must not read (LEARNER_RULES R3, and the last read's finds).
RESEARCH_WORDS = (
    "the row cites", "sources table's note", "headline not known", "known to the curators",
    "pages give different dates", "quoted by a pakistani magazine", "see the signing row",
    "in this record", "coded once for each", "models should not count", "like its us twin",
    "recorded in events, not coded", "the row itself", "the data uses", "research note", "curator",
)

#: "Xinhua carries ...": an outlet that relays a story, said the way a researcher notes it.
_CARRIES = re.compile(r"\b[A-Z][\w.'’-]*(?: [A-Z][\w.'’-]*)* carries\b")


def research_words(text: str) -> list[str]:
    """The research-process phrases of :data:`RESEARCH_WORDS` found in ``text`` (case-insensitive)."""
    flat = " ".join(text.split())
    return [w for w in RESEARCH_WORDS if w in flat.lower()] + _CARRIES.findall(flat)


def dataset_ids(footer: str) -> list[str]:
    """Words of a chart footer that are codes (an underscore inside a word), e.g. ``deal_batnas`` (R4)."""
    return re.findall(r"\b[a-z]+_[a-z_]+\b", footer)


def latin_words(text: str) -> list[str]:
    """Latin-script words in a text that should be all Arabic (R4): numbers and punctuation pass."""
    return re.findall(r"[A-Za-z]{2,}", text)


def example_of(message: str) -> str:
    """The example a message gives after "e.g." (up to the closing bracket or the sentence end)."""
    m = re.search(r"e\.g\. (.+?)(?:\)|\.$|, then)", message)
    return m.group(1) if m else ""


def test_the_rules_catch_what_the_last_read_found():
    assert code_names("Read the column *estimate kind* (in the data, `estimate_kind`): it says how.") == ["estimate_kind"]
    assert code_names("the course's own English summary of each line (`paragraphs.summary_en`)") == ["paragraphs.summary_en"]
    assert code_names("the sources table marks a copy with `copy_of`, the source it repeats.") == ["copy_of"]
    assert code_names("`scoring.score_forecasts` gives both conventions at once") == ["scoring.score_forecasts"]
    assert code_names("the deal space (`iranus.models.bargaining`, documented in the codebook)") == ["iranus.models.bargaining"]
    assert code_names('Answer `"yes"` or `"no"`; redraw with `log_scale=False`; see `data/CODEBOOK.md`.') == []
    assert code_names("For the curious, the code of both is in `iranus.models.forecasting`.") == []
    assert "known to the curators" in research_words("no reliable report after mid-July 2026 is known to the curators")
    assert research_words("Xinhua carries Araghchi's account of the same day.") == ["Xinhua carries"]
    assert research_words("A claim that no other outlet carries is a warning sign.") == []
    assert research_words("(the sources table's note on the report)") == ["sources table's note"]
    assert dataset_ids("Source: iranus data (deal_options, deal_scores, deal_batnas), data as of 2026-02-06.") == [
        "deal_options", "deal_scores", "deal_batnas"]
    assert latin_words("الحزمة 44755: Pause, then a very low cap") == ["Pause", "then", "very", "low", "cap"]
    assert latin_words("US and Iran only") == ["US", "and", "Iran", "only"]
    assert example_of("Replace ... with your answer (a list, e.g. ['Ballistic missiles', 'Human rights']), then run") == (
        "['Ballistic missiles', 'Human rights']")


# -- R1 and R3 in the lessons' prose ------------------------------------------------------------


@pytest.mark.parametrize("lesson", sorted(LESSONS))
def test_prose_has_no_code_names(lesson):
    found = {span for cell in _cells(lesson, "markdown") for span in code_names(cell)}
    assert not found, f"lesson {lesson}: say these in words: {sorted(found)}"


@pytest.mark.parametrize("lesson", sorted(LESSONS))
def test_prose_has_no_research_wording(lesson):
    found = {w for cell in _cells(lesson, "markdown") for w in research_words(cell)}
    assert not found, f"lesson {lesson}: research-process wording on screen: {sorted(found)}"


@pytest.mark.parametrize("lesson", sorted(LESSONS))
def test_turkiye_with_its_diaeresis(lesson):
    prose = "\n".join(_cells(lesson, "markdown"))
    assert not re.search(r"\bTurk(iye|ey)\b", prose), f"lesson {lesson}: write Türkiye"


def test_lessons_import_explorers_from_the_public_path():
    for lesson in LESSONS:
        code = "\n".join(_cells(lesson, "code"))
        assert not re.search(r"iranus\.explorers\.\w+_ui", code), f"lesson {lesson} imports an explorer from its module"
    assert "from iranus.explorers import timeline_explorer" in "\n".join(_cells("04", "code"))


# -- R3 and R2 in the checks of lessons 04-07 -------------------------------------------------------


def _texts_of(question_id: str) -> dict[str, str]:
    q = get(question_id)
    return {
        "prompt": q.prompt,
        "hint": q.hint,
        "explanation": q.explain(expected_answer(question_id)),
        "no answer": check(question_id, NO_ANSWER).message,
        **{f"alternative {k}": v for k, v in q.alternatives.items()},
        **{f"near miss {k}": v for k, v in q.near_misses.items()},
    }


LATE_QUESTIONS = [q for n in LESSONS for q in questions(f"{n}.")]


@pytest.mark.parametrize("question_id", LATE_QUESTIONS)
def test_feedback_has_no_research_wording_and_no_code(question_id):
    for where, text in _texts_of(question_id).items():
        assert not research_words(text), f"{question_id} {where}: {research_words(text)}"
        assert not [s for s in _CODE_SPAN.findall(text) if "_" in s or "." in s], f"{question_id} {where}: code in {text!r}"


def _answer_words(question_id: str) -> set[str]:
    """The expected answer as a learner would type it: its value, or each item's label."""
    value = expected_answer(question_id)
    if get(question_id).kind == "set":
        issues = iranus.load("issues").set_index("issue_id")["label_en"]
        return {str(issues.get(v, v)).lower() for v in value}
    return {str(value).lower()}


@pytest.mark.parametrize("question_id", LATE_QUESTIONS)
def test_examples_are_no_answer_and_typed_with_double_quotes(question_id):
    answer = _answer_words(question_id)
    q = get(question_id)
    for where in ("prompt", "hint", "no answer"):
        text = _texts_of(question_id)[where]
        example = example_of(text)
        assert not any(a in example.lower() for a in answer), f"{question_id} {where}: the example {example!r} gives the answer away"
        if example:
            assert "'" not in example, f"{question_id} {where}: type the example as the lesson does, in double quotes: {example!r}"


def test_deferred_issues_example_names_no_deferred_issue():
    message = check("05.deferred_issues", NO_ANSWER).message
    assert message.endswith('e.g. ["Sanctions relief", "Human rights"]), then run the cell again.')
    assert "Ballistic" not in message and "allies" not in message
    assert "Ballistic" not in get("05.deferred_issues").hint
    assert 'e.g. "P05")' in check("06.occupied_paragraph", NO_ANSWER).message


def test_snapback_feedback_says_which_date_is_whose():
    feedback = check("04.snapback_date", "2025-09-28")
    message = feedback.message
    assert feedback.correct is True
    assert "The UN dates the return of its sanctions to 27 September" in message
    assert "from 20:00 New York time on 27 September, which was 00:00 UTC on 28 September" in message
    assert "so the UN dates it" not in message  # the non sequitur of the last read
    # the numbers: 20:00 EDT (UTC-4) on 27 September is 00:00 UTC on 28 September, the events table's date
    events = iranus.load("events").set_index("event_id")
    assert str(events.loc["un_sanctions_return", "date"].date()) == "2025-09-28"


def test_record_end_feedback_names_no_curators():
    text = check("07.record_end", "2026-07-01").message
    assert "last reliable report found for this course" in text and "curators" not in text


# -- R4: footers, numbers, labels -----------------------------------------------------------------


def test_chart_footers_name_their_data_in_words():
    c = iranus.course()
    zones = prospects.zone_comparison(c.deal_space())
    footer = charts.zone_sizes_chart(zones).to_dict()["title"]["subtitle"]
    assert "deal options, option scores, BATNAs" in footer and not dataset_ids(footer), footer
    claims, checks = c.load("claims"), c.load("claim_checks")
    verdicts = iranus.record.source_reading.claim_verdicts(claims, checks, as_of=c.as_of)
    footer = charts.verdicts_chart(verdicts, as_of=c.as_of).to_dict()["title"]["subtitle"]
    assert not dataset_ids(str(footer)), footer
    # the rule is in one place: the catalogue names every dataset in words
    names = json.loads((ROOT / "src/iranus/datasets/catalogue/en.json").read_text(encoding="utf-8"))["dataset"]
    assert {k: v for k, v in names.items() if "_" in v} == {}


def test_zone_counts_read_with_thousands_separators():
    c = iranus.course()
    html = table(prospects.zone_comparison(c.deal_space()), course=c).styler.to_html()
    assert ">124,416<" in html and ">25,938<" in html and ">1,660<" in html
    assert "124416" not in html
    prose = " ".join(" ".join(_cells("05", "markdown")).split())
    assert "*Packages* counts every possible agreement the model searches, one option for each of the ten issues: 124,416 combinations in all." in prose


def test_zone_comparison_in_arabic_has_no_english_setting_or_option():
    c = iranus.course(language="ar")
    space = c.deal_space()
    zones = prospects.zone_comparison(space, language="ar")
    for text in zones["setting"].tolist() + zones["nash_package"].dropna().tolist():
        assert not latin_words(text), text
    chart = charts.zone_sizes_chart(zones).to_dict()
    data = next(iter(chart["datasets"].values()))
    assert not [w for row in data for w in latin_words(row["setting"] + row["measure"])]
    nash = space.package(int(zones["nash_package_id"].iloc[0]))
    shown = prospects.package_table(nash, space, language="ar")
    assert not [w for o in shown["option"] for w in latin_words(o)]
    # every option of the deal space has its Arabic label, and the English catalogue agrees with the data
    options = iranus.load("deal_options").set_index("option_id")["label_en"]
    for lang in ("en", "ar"):
        labels = json.loads((ROOT / f"src/iranus/datasets/catalogue/{lang}.json").read_text(encoding="utf-8"))["deal_option"]
        assert set(labels) == set(options.index)
    assert labels_en() == options.to_dict()


def labels_en() -> dict[str, str]:
    return json.loads((ROOT / "src/iranus/datasets/catalogue/en.json").read_text(encoding="utf-8"))["deal_option"]


def test_sections_and_languages_read_as_names():
    c = iranus.course()
    paragraphs = c.load("paragraphs")
    shown = table(paragraphs[paragraphs["is_heading"]][["paragraph_id", "section", "summary_en"]], course=c).data
    assert list(shown["section"]) == ["scope and terms of the talks", "Israel's role", "prospects of a deal"]
    sources = c.load("sources")
    shown = table(sources[sources["source_id"] == "seed_article"][["source_id", "language"]], course=c).data
    assert shown["language"].tolist() == ["Arabic"]


# -- R5: glossed before the table that first shows them ---------------------------------------------


def test_lesson04_glosses_names_before_the_tables_that_show_them():
    nb = json.loads(LESSONS["04"].read_text(encoding="utf-8"))
    cells = nb["cells"]

    def first(text: str, kind: str) -> int:
        for i, cell in enumerate(cells):
            shown = "".join(cell["source"]) if kind == "markdown" else json.dumps(cell.get("outputs", []))
            if cell["cell_type"] == kind and text in shown:
                return i
        return len(cells)

    assert first("the Foundation of Martyrs, the Iranian state body", "markdown") < first("Foundation of Martyrs", "code")
    assert first("the \"shadow fleet\", tankers of unclear ownership", "markdown") < first("shadow fleet", "code")
    assert first("IHR, Iran Human Rights (a rights group based in Oslo)", "markdown") < first("IHR", "code")
    assert first("IUS News, an Iranian news site", "markdown") <= first("IUS News", "markdown")
    prose = " ".join(" ".join(_cells("04", "markdown")).split())
    # the 16 Nov 2025 point is what it is: the data's row, Araghchi's statement to AP that day
    point = iranus.load("quantities").query("series_id == 'iran_max_enrichment_level_pct'").iloc[-1]
    assert str(point["date"].date()) == "2025-11-16" and point["value"] == 0 and point["source_id"].startswith("ap_2025_11_16")
    assert "The last point, 0% on 16 November 2025, is different in kind: it is what Iran's foreign minister, Abbas Araghchi, told the Associated Press that day" in prose
