"""Lesson 06 (reading the source): its package code (iranus.record.source_reading, iranus.charts.verdicts) and the facts it states."""

from __future__ import annotations

import json
import re
from pathlib import Path

import altair as alt
import pandas as pd
import pytest

import iranus
from iranus.record import source_reading as sr
from iranus.charts import verdicts as chk
from iranus.checks import check as run_check
from iranus.checks import questions

TYPES = ["fact", "stated_position", "assessment", "forecast", "report_of_others"]


@pytest.fixture
def claims() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "claim_id": pd.array(["C01", "C02", "C03", "C04", "C05"], dtype="string"),
            "paragraph_id": pd.array(["P01", "P06", "P10", "P15", "P31"], dtype="string"),
            "paraphrase_en": pd.array(["a", "b", "c", "d", "e"], dtype="string"),
            "claim_type": pd.Categorical(
                ["fact", "report_of_others", "report_of_others", "stated_position", "forecast"], categories=TYPES
            ),
            "claimant": pd.array(["author", "official", "JPost", "Rubio", "author"], dtype="string"),
            "attribution": pd.Categorical(
                ["outlet_itself", "anonymous_official", "media_report", "named_official", "outlet_itself"]
            ),
        }
    )


@pytest.fixture
def checks() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "check_id": pd.array(["k1", "k2", "k3", "k4"], dtype="string"),
            "claim_id": pd.array(["C01", "C01", "C02", "C05"], dtype="string"),
            "date": pd.to_datetime(["2026-02-06", "2026-03-01", "2026-02-04", "2026-03-01"]),
            "verdict": pd.Categorical(["confirmed", "contradicted", "partly_confirmed", "borne_out"]),
            "source_id": pd.array(["s1", "s2", "s3", "s4"], dtype="string"),
            "confidence": pd.Categorical(["high", "high", "medium", "high"]),
            "note_en": pd.array(["n1", "n2", "n3", "n4"], dtype="string"),
        }
    )


def test_attribution_groups_follow_the_codes(claims):
    groups = sr.attribution_group(claims["attribution"])
    assert list(groups) == ["outlet_itself", "unnamed", "other_outlet", "named", "outlet_itself"]
    assert list(groups.cat.categories) == list(sr.GROUP_ORDER)
    # every code of the schema's enum has a group, and no other code
    schema_codes = set(iranus.describe("claims").set_index("column").loc["attribution", "allowed"].split(", "))
    assert schema_codes == set(sr.ATTRIBUTION_GROUPS)


def test_unknown_attribution_is_named_in_the_error():
    with pytest.raises(ValueError, match=r"row 1: 'rumour'"):
        sr.attribution_group(pd.Series(["outlet_itself", "rumour"]))


def test_attribution_table_counts(claims):
    table = sr.attribution_table(claims, language="en").set_index("claim_type")
    assert table.loc["report of others", "unnamed (officials, sources, analysts)"] == 1
    assert table.loc["report of others", "another outlet's report"] == 1
    assert table.loc["all claims", "total"] == 5
    assert table.loc["all claims", "the article's own voice"] == 2
    assert list(table.index) == ["fact", "stated position", "forecast", "report of others", "all claims"]
    ar = sr.attribution_table(claims, language="ar")
    assert "المجموع" in ar.columns and ar["claim_type"].iloc[0] == "واقعة"


def test_claim_verdicts_respect_the_date(claims, checks):
    before = sr.claim_verdicts(claims, checks, as_of="2026-02-06").set_index("claim_id")
    assert before.loc["C01", "verdict"] == "confirmed"  # the March check is not known yet
    assert before.loc["C01", "checks"] == 1
    assert before.loc["C02", "check_date"] == pd.Timestamp("2026-02-04")
    assert before.loc["C05", "verdict"] == sr.NO_CHECK and pd.isna(before.loc["C05", "check_date"])
    after = sr.claim_verdicts(claims, checks).set_index("claim_id")
    assert after.loc["C01", "verdict"] == "contradicted" and after.loc["C01", "checks"] == 2
    assert after.loc["C05", "verdict"] == "borne_out"
    assert after.loc["C04", "attribution_group"] == "named"


def test_claim_verdicts_reject_a_check_of_an_unknown_claim(claims, checks):
    bad = checks.copy()
    bad.loc[3, "claim_id"] = "C99"
    with pytest.raises(ValueError, match="k4.*C99"):
        sr.claim_verdicts(claims, bad)


def test_claim_verdicts_name_missing_columns(claims, checks):
    with pytest.raises(ValueError, match=r"claim_checks.*'verdict'"):
        sr.claim_verdicts(claims, checks.drop(columns="verdict"))
    with pytest.raises(ValueError, match="as_of"):
        sr.claim_verdicts(claims, checks, as_of="6 Febtember")


def test_verdict_counts_and_chart(claims, checks):
    verdicts = sr.claim_verdicts(claims, checks, as_of="2026-02-06")
    counts = sr.verdict_counts(verdicts, language="en")
    assert counts["claims"].sum() == 5
    assert list(counts["verdict_code"])[:2] == ["confirmed", "partly_confirmed"]
    assert counts.set_index("verdict_code").loc["no_check_yet", "claims"].sum() == 3
    spec = chk.verdicts_chart(verdicts, as_of="2026-02-06").to_dict()
    assert "as of 6 Feb 2026" in spec["title"]["text"]
    assert "Source: iranus data (claims, claim checks)" in spec["title"]["subtitle"]
    assert "2 of 5 claims checked" in spec["title"]["subtitle"]
    assert spec["encoding"]["x"]["title"] == "Number of claims"
    assert spec["encoding"]["y"]["title"] == "Latest verdict of other reporting"
    svg = alt.renderers.get()(spec)["image/svg+xml"]
    assert svg.startswith("<svg") and "no check yet" in svg


def test_attribution_groups_chart(claims):
    data = chk.attribution_groups_data(claims)
    assert data["claims"].sum() == len(claims)
    spec = chk.attribution_groups_chart(claims).to_dict()
    assert spec["encoding"]["y"]["sort"][0] == "named, on the record"
    assert spec["encoding"]["x"]["title"] == "Number of claims"
    ar = chk.attribution_groups_data(claims, language="ar")
    assert "صوت المقال نفسه" in set(ar["group"])


def test_reliability_table_and_chart():
    sources = pd.DataFrame(
        {
            "kind": pd.Categorical(
                ["wire", "wire", "aggregator", "state_media"], categories=["wire", "state_media", "aggregator"]
            ),
            "reliability": pd.Categorical(["high", "high", "low", "medium"], categories=["high", "medium", "low"]),
        }
    )
    table = sr.reliability_table(sources, language="en").set_index("kind")
    assert list(table.index) == ["wire", "state_media", "aggregator"]
    assert table.loc["wire", "high"] == 2 and table.loc["aggregator", "low"] == 1 and table["total"].sum() == 4
    spec = chk.reliability_chart(sources).to_dict()
    assert (
        spec["encoding"]["x"]["title"] == "Number of sources"
        and "Source: iranus data (sources)" in spec["title"]["subtitle"]
    )
    with pytest.raises(ValueError, match="no sources"):
        chk.reliability_chart(sources.iloc[0:0])


# -- the facts lesson 06 states, pinned to the data ----------------------------------------------

AS_OF = "2026-02-06"
NOTEBOOK = Path(__file__).resolve().parents[1] / "notebooks" / "06_reading_the_source.ipynb"


@pytest.fixture(scope="module")
def text() -> str:
    nb = json.loads(NOTEBOOK.read_text(encoding="utf-8"))
    return "\n".join("".join(c["source"]) for c in nb["cells"] if c["cell_type"] == "markdown")


@pytest.fixture(scope="module")
def real_verdicts() -> pd.DataFrame:
    return sr.claim_verdicts(iranus.load("claims"), iranus.load("claim_checks", as_of=AS_OF), as_of=AS_OF)


def test_who_speaks_in_the_article(text):
    claims = iranus.load("claims")
    groups = sr.attribution_group(claims["attribution"])
    assert (groups == "outlet_itself").mean() > 0.5  # "most of the article is the author's own voice"
    assert (groups == "named").sum() <= 10  # "only a handful"
    kinds = pd.crosstab(claims["claim_type"].astype(str), groups.astype(str))
    assert kinds.loc["forecast"].drop("outlet_itself", errors="ignore").sum() == 0
    assert kinds.loc["assessment", ["named", "other_outlet"]].sum() == 0
    unnamed_assessments = claims[(groups == "unnamed") & (claims["claim_type"] == "assessment")]["claimant"]
    assert sorted(unnamed_assessments) == ["unnamed Israeli analysts", "unnamed former aides of Netanyahu"]
    assert "**most of the article is the\nauthor's own voice**" in text


def test_the_unnamed_voices_and_their_verdicts_as_of_the_day(real_verdicts):
    v = real_verdicts.set_index("claim_id")
    assert v.loc["C11", "attribution_group"] == "unnamed" and v.loc["C11", "verdict"] == "confirmed"
    assert v.loc["C14", "verdict"] == "not_confirmed"
    assert v.loc["C47", "verdict"] == "not_confirmed"
    assert real_verdicts["check_date"].max() <= pd.Timestamp(AS_OF)


def test_what_did_not_hold_up_by_the_day(real_verdicts):
    doubtful = real_verdicts[real_verdicts["verdict"].isin(["contradicted", "contested", "not_confirmed"])]
    own = doubtful[doubtful["attribution_group"] == "outlet_itself"].set_index("claim_id")
    # the one fact in the author's own voice that did not hold up: the "reviving the deal" frame (P05)
    assert own.loc[own["claim_type"] == "fact"].index.tolist() == ["C08"]
    assert own.loc["C08", "verdict"] == "contradicted"
    # the motive given for the halt of enrichment, and a US pledge the author says Israel claims
    assert own.loc["C16", "claim_type"] == "assessment" and own.loc["C16", "verdict"] == "contested"
    assert own.loc["C48", "claim_type"] == "report_of_others"
    assert sorted(own.index) == ["C08", "C16", "C48"]
    others = doubtful[doubtful["attribution_group"] != "outlet_itself"].set_index("claim_id")
    assert set(others.index) == {"C14", "C20", "C31", "C47"}
    # c12: Reuters carries the warning, from a second official: partly confirmed, no longer in doubt
    assert real_verdicts.set_index("claim_id").loc["C12", "verdict"] == "partly_confirmed"
    assert others.loc["C31", "verdict"] == "not_confirmed"  # no record found; not evidence against


def test_errors_and_framing_in_the_arabic_original(seed_lines, text):
    p = {f"P{n:02d}": line for n, line in enumerate(seed_lines, start=1)}
    assert "مايك روبيو" in p["P15"] and "الهوامش" in p["P15"]
    actors = iranus.load("actors").set_index("actor_id")
    assert actors.loc["rubio", "name_en"] == "Marco Rubio"
    assert "إحياء الاتفاق النووي" in p["P05"]
    quoted = [k for k, line in p.items() if "“إسرائيل”" in line]
    assert quoted == ["P16", "P17", "P18", "P20", "P24", "P27"]  # "in six lines (the heading P16, then ...)"
    assert "“تل أبيب”" in p["P22"] and "بدعوى" in p["P22"]
    assert "الأراضي الفلسطينية المحتلة" in p["P23"]
    assert "وكلاء" in p["P10"]
    assert "الإنفوجراف" in p["P09"]
    assert "(the heading P16, then P17, P18, P20,\n  P24 and P27; the course's count in the original" in text
    # what the learner can see of the original: the short phrases kept in the data
    paragraphs = iranus.load("paragraphs").set_index("paragraph_id")
    claims = iranus.load("claims").set_index("claim_id")
    assert "“إسرائيل”" in paragraphs.loc["P16", "key_terms_ar"] and "“إسرائيل”" in claims.loc["C33", "quote_ar"]
    # snapback: the E3 triggered it and UN sanctions returned in September 2025
    events = iranus.load("events", as_of=AS_OF).set_index("event_id")
    assert events.loc["e3_trigger_snapback", "date"] == pd.Timestamp("2025-08-28")
    assert events.loc["un_sanctions_return", "date"].strftime("%Y-%m") == "2025-09"
    # Rubio's public remarks of 4 February, as AFP reported them
    check_c31 = real_check("C31")
    assert check_c31["date"] == pd.Timestamp("2026-02-04") and check_c31["source_id"].startswith("afp_2026_02_04")
    assert check_c31["verdict"] == "not_confirmed" and "rule out compromise at the margins" in check_c31["note_en"]
    assert "The check still rates the remark *not confirmed*\n  rather than *contradicted*" in text


def test_the_course_says_it_does_not_redistribute_the_article(text):
    assert "The course does not redistribute the article: it is under copyright" in text
    # what the learner works with, said in words (no column names in code font)
    assert "a few short **Arabic key\nterms** of each line" in text and "the short Arabic phrase it\nrests on beside an English paraphrase" in text
    assert "`paragraphs.key_terms_ar`" not in text and "`claims.quote_ar`" not in text
    assert "in the Arabic original" not in text
    assert "from its paragraph summaries and\n   the short Arabic phrases the data keeps" in text


def real_check(claim_id: str) -> pd.Series:
    checks = iranus.load("claim_checks", as_of=AS_OF)
    return checks[checks["claim_id"] == claim_id].sort_values("date").iloc[-1]


def test_what_the_article_leaves_out_was_on_the_record_before_it():
    events = iranus.load("events", as_of=AS_OF).set_index("event_id")
    for event in ("grossi_standoff_davos", "official_protest_toll"):
        assert events.loc[event, "date"] < pd.Timestamp("2026-02-03")
    assert "440.9" in events.loc["grossi_standoff_davos", "description_en"]


def test_the_fabricated_page_against_the_record_of_the_day(text):
    sources = iranus.load("sources", as_of=AS_OF).set_index("source_id")
    pages = sources[sources.index.str.startswith("ptelegraph")]
    assert len(pages) == 2 and set(pages["reliability"]) == {"low"}
    assert pages.loc["ptelegraph_2026_02_06_constructive_beginning", "date"] == pd.Timestamp(AS_OF)
    events = iranus.load("events", as_of=AS_OF).set_index("event_id")
    assert events.loc["muscat_round_2026", "date"] == pd.Timestamp(AS_OF)
    assert events.loc["talks_moved_to_muscat", "date"] == pd.Timestamp("2026-02-04")
    assert "10:00 to 18:00" in events.loc["muscat_round_2026", "description_en"]
    assert "from about 10:00 to 18:00" in text
    rounds = events[events["title_en"].str.startswith("2025 round")]
    assert len(rounds) == 5 and rounds["date"].between("2025-04-01", "2025-05-31").all()
    assert "five rounds of US–Iran talks\n  in spring 2025" in text
    c52 = iranus.load("claim_checks", as_of=AS_OF).set_index("claim_id").loc["C52"]
    assert c52["date"] == pd.Timestamp(AS_OF) and c52["verdict"] == "borne_out" and c52["source_id"].startswith("ap_")
    stock = iranus.load("quantities", as_of=AS_OF)
    last = stock[stock["series_id"] == "iran_stockpile_60pct_kg"].iloc[-1]
    assert last["value"] > 3 * 140  # "more than three times as large" as the page's 140 kg


def test_every_lesson06_check_gives_feedback():
    right = {
        "06.rubio_name": "Marco",
        "06.margins_verdict": "not confirmed",
        "06.rounds_2025": 5,
        "06.own_voice_percent": 82.3,  # 51 of the 62 rows of claims.csv are outlet_itself
        "06.occupied_paragraph": "P23",
    }
    wrong = {
        "06.rubio_name": "Michael",
        "06.margins_verdict": "contradicted",
        "06.rounds_2025": 1,
        "06.own_voice_percent": 50,
        "06.occupied_paragraph": "P22",
    }
    assert questions("06.") == sorted(right)
    for qid in right:
        assert run_check(qid, right[qid]).correct is True, qid
        fb = run_check(qid, wrong[qid])
        assert fb.correct is False and "Hint:" in fb.message, qid
        assert run_check(qid, ...).correct is None
    assert run_check("06.rounds_2025", "five").correct is True  # a number word reads as the number
    assert run_check("06.rounds_2025", "about five").correct is True  # "about" is read past
    assert run_check("06.rounds_2025", "5 rounds").correct is True  # the unit of the question
    assert run_check("06.rounds_2025", "five-ish rounds").correct is False  # unreadable: feedback, no traceback
    # the full name is right too; the article's slip and a share instead of a percentage get their own message
    assert run_check("06.rubio_name", "Marco Rubio").correct is True
    assert run_check("06.rubio_name", "marco rubio.").correct is True
    mike = run_check("06.rubio_name", "Mike")
    assert mike.correct is False and "مايك روبيو" in mike.message and "P15" in mike.message
    share = run_check("06.own_voice_percent", 0.82)
    assert share.correct is False and "percentage" in share.message and "82%" in share.message
    assert run_check("06.own_voice_percent", "82%").correct is True
    assert run_check("06.own_voice_percent", "82.3%").correct is True
    assert run_check("06.own_voice_percent", 70).correct is False  # the share before the data audit
    assert run_check("06.occupied_paragraph", "23").correct is True and run_check("06.occupied_paragraph", "p23").correct is True
    own = sr.attribution_group(iranus.load("claims")["attribution"]).eq("outlet_itself").mean() * 100
    assert abs(own - 100 * 51 / 62) < 1e-9


def test_the_notebook_asks_every_check_and_tags_its_widgets():
    nb = json.loads(NOTEBOOK.read_text(encoding="utf-8"))
    code = "\n".join("".join(c["source"]) for c in nb["cells"] if c["cell_type"] == "code")
    assert sorted(re.findall(r'check\("(06\.\w+)", answer\)', code)) == questions("06.")
    for cell in nb["cells"]:
        if "iranus.explorers" in "".join(cell["source"]):
            assert "nbval-ignore-output" in cell["metadata"].get("tags", [])
    assert 'language="ar"' in code and "set_language" not in code  # Arabic by argument, no global switch
    assert "widgets" not in nb["metadata"]
