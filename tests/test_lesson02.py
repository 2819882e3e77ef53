"""Lesson 02 (the two agendas): the package code it uses, its checks, and the facts its text states."""

from __future__ import annotations

import json
import re
from pathlib import Path

import altair as alt
import pandas as pd
import pytest

import iranus
from iranus.record import agendas
from iranus import charts
from iranus.checks import check, get

ROOT = Path(__file__).resolve().parents[1]
NOTEBOOK = ROOT / "notebooks" / "02_two_agendas.ipynb"
AS_OF = "2026-02-06"


# -- helpers -----------------------------------------------------------------------------------


def _markdown(path: Path = NOTEBOOK) -> str:
    nb = json.loads(path.read_text(encoding="utf-8"))
    text = "\n".join("".join(c["source"]) for c in nb["cells"] if c["cell_type"] == "markdown")
    return " ".join(re.sub(r"^> ?", "", text, flags=re.M).split())  # line breaks and quote marks do not matter


def _positions(**rows) -> pd.DataFrame:
    """A small positions table with the loader's dtypes (rows: position_id -> dict)."""
    base = {
        "actor_id": "us", "issue_id": "enrichment", "date": "2026-02-01", "speaker": "someone",
        "speaker_actor_id": None, "attribution": "named_official", "venue_en": None, "paraphrase_en": "text",
        "quote_en": None, "stance": 50, "salience": 50, "coding_note": "note", "source_id": "src", "confidence": "medium",
    }
    records = [dict(base, position_id=pid, **values) for pid, values in rows.items()]
    df = pd.DataFrame(records)
    df["date"] = pd.to_datetime(df["date"])
    df["stance"] = df["stance"].astype("Int64")
    df["salience"] = df["salience"].astype("Int64")
    df["confidence"] = pd.Categorical(df["confidence"], categories=["high", "medium", "low"])
    for col in ("position_id", "actor_id", "issue_id", "speaker", "attribution", "paraphrase_en", "source_id"):
        df[col] = df[col].astype("string")
    return df


@pytest.fixture(scope="module")
def positions():
    return iranus.load("positions", as_of=AS_OF)


@pytest.fixture(scope="module")
def issues():
    return iranus.load("issues")


@pytest.fixture(scope="module")
def markdown():
    return _markdown()


# -- agendas: package code ---------------------------------------------------------------------


def test_latest_position_wins_and_same_day_ties_follow_the_explorer_rule():
    df = _positions(
        p1={"date": "2026-01-01", "stance": 10},
        p2={"date": "2026-02-01", "stance": 20, "confidence": "low"},
        p3={"date": "2026-02-01", "stance": 30, "confidence": "high", "attribution": "anonymous_official"},
        p4={"date": "2026-02-01", "stance": 40, "confidence": "high", "attribution": "named_official"},
        p5={"actor_id": "iran", "date": "2026-02-03", "stance": 5},
    )
    latest = agendas.latest_positions(df)
    assert list(latest["position_id"]) == ["p5", "p4"]  # iran before us (sorted by actor id)
    assert latest.set_index("actor_id").loc["us", "stance"] == 40


def test_latest_positions_agrees_with_the_agenda_explorer(positions):
    from iranus.explorers.agenda_ui import agenda_matrix

    mine = agendas.latest_positions(positions).set_index(["actor_id", "issue_id"])["position_id"]
    theirs = agenda_matrix(positions).set_index(["actor_id", "issue_id"])["position_id"]
    assert mine.sort_index().astype(str).to_dict() == theirs.sort_index().astype(str).to_dict()


def test_latest_positions_names_a_missing_column():
    with pytest.raises(ValueError, match="confidence"):
        agendas.latest_positions(_positions(p1={}).drop(columns="confidence"))


def test_stance_table_orders_labels_and_rejects_unknown_ids(positions, issues):
    table = agendas.stance_table(positions, issues, actors=["us", "iran"])
    assert list(table["actor_id"].unique()) == ["us", "iran"]
    assert table.attrs["actor_order"] == ["United States", "Iran"]
    assert table.attrs["iranus"]["as_of"] == pd.Timestamp(AS_OF)
    order = list(issues["issue_id"])
    us = list(table.loc[table["actor_id"] == "us", "issue_id"])
    assert us == sorted(us, key=order.index)
    with pytest.raises(ValueError, match="nonexistent"):
        agendas.stance_table(positions, issues, actors=["us", "nonexistent"])
    with pytest.raises(ValueError, match="bogus_issue"):
        agendas.stance_table(positions, issues, issue_ids=["bogus_issue"])


def test_stance_table_labels_follow_the_language(positions, issues):
    table = agendas.stance_table(positions, issues, actors=["iran"], issue_ids=["missiles"], language="ar")
    assert table["actor"].iloc[0] == "إيران"
    assert table["issue"].iloc[0] == iranus.label("issues", "missiles", "ar")


def test_agenda_comparison_gap_and_agenda_columns(issues):
    df = _positions(
        a={"actor_id": "us", "issue_id": "enrichment", "stance": 90},
        b={"actor_id": "iran", "issue_id": "enrichment", "stance": 15},
        c={"actor_id": "us", "issue_id": "missiles", "stance": 80},
    )
    out = agendas.agenda_comparison(df, issues).set_index("issue_id")
    assert out.loc["enrichment", "gap"] == 75
    assert pd.isna(out.loc["missiles", "gap"]) and out.loc["missiles", "stance_us"] == 80
    assert out.loc["enrichment", "agenda"] == "nuclear file"
    assert out.loc["missiles", "agenda"] == "outside the nuclear file"
    assert out.loc["enrichment", "said_us"] == "someone, 2026-02-01"
    assert list(out.index) == list(issues["issue_id"])
    with pytest.raises(ValueError, match="two different actors"):
        agendas.agenda_comparison(df, issues, "us", "us")


def test_stated_conditions_lists_every_statement_in_issue_order(positions, issues):
    out = agendas.stated_conditions(positions, issues, "us")
    assert len(out) == int((positions["actor_id"] == "us").sum())
    order = list(issues["issue_id"])
    ranks = [order.index(i) for i in out["issue_id"]]
    assert ranks == sorted(ranks)
    assert agendas.stated_conditions(positions, issues, "nobody").empty


# -- charts ------------------------------------------------------------------------------------


def test_stance_heatmap_is_titled_labelled_and_dated(positions, issues):
    table = agendas.stance_table(positions, issues, actors=["us", "iran", "israel"])
    spec = charts.stance_heatmap(table).to_dict()
    assert spec["title"]["text"] == "Stated positions by actor and issue"
    subtitle = " ".join(spec["title"]["subtitle"])
    assert "Source: iranus data (positions, issues, actors), data as of 2026-02-06." in subtitle
    assert "not facts" in subtitle
    enc = spec["layer"][0]["encoding"]
    assert enc["x"]["title"] == "Agenda issue" and enc["y"]["title"].startswith("Actor")
    assert enc["color"]["scale"]["domain"] == [0, 100]
    with pytest.raises(ValueError, match="no positions"):
        charts.stance_heatmap(table.iloc[0:0])


def test_agenda_gap_chart_draws_one_dot_per_stated_stance(positions, issues):
    comparison = agendas.agenda_comparison(positions, issues)
    chart = charts.agenda_gap_chart(comparison)
    spec = chart.to_dict()
    dots = chart.layer[1].data
    assert len(dots) == int(comparison["stance_us"].notna().sum() + comparison["stance_iran"].notna().sum())
    assert spec["layer"][0]["encoding"]["x"]["axis"]["title"] == "Coded stance (0-100 scale of each issue)"
    assert "data as of 2026-02-06" in spec["title"]["subtitle"][0]
    svg = alt.renderers.get()(spec)["image/svg+xml"]
    assert "2026-07-01" not in svg  # a lesson set on 6 Feb 2026 prints no later date


# -- the lesson's checks -----------------------------------------------------------------------


def test_checks_are_registered_and_answer_from_the_data(positions):
    from iranus.checks import lesson02 as l02

    leavitt = l02.us_enrichment_statement()
    assert leavitt["speaker_actor_id"] == "leavitt" and leavitt["quote_en"] == "zero nuclear capability"
    assert check("02.us_enrichment_speaker", "Karoline Leavitt").correct is True
    wrong = check("02.us_enrichment_speaker", "Marco Rubio")
    assert wrong.correct is False and "Hint" in wrong.message
    assert check("02.rubio_outside_nuclear", ["missiles", "regional_allies", "human_rights"]).correct is True
    assert check("02.rubio_outside_nuclear", "proxies, ballistic missiles, human rights").correct is True
    assert check("02.rubio_outside_nuclear", ["missiles"]).correct is False
    n_both = len(l02.both_sides_in_nuclear_file())
    assert check("02.both_sides_nuclear_file", n_both).correct is True
    assert check("02.both_sides_nuclear_file", n_both + 1).correct is False
    assert check("02.compromise", "the US accepted a nuclear-only round").correct is True
    assert check("02.compromise", "Israel joined the talks").correct is False
    anonymous, total = l02.us_anonymous()
    us = positions[positions["actor_id"] == "us"]
    assert (anonymous, total) == (int(us["attribution"].isin(["anonymous_official", "anonymous_sources"]).sum()), len(us))
    assert check("02.us_anonymous", anonymous).correct is True


def test_checks_accept_other_right_wordings_and_teach_on_known_wrong_ones(positions, issues):
    from iranus.checks import lesson02 as l02

    # the list questions know every issue id, so a typo is named
    assert set(l02.issue_ids()) == set(issues["issue_id"]) and len(l02.issue_ids()) == 11
    assert get("02.rubio_outside_nuclear").choices is l02.issue_ids
    typo = check("02.rubio_outside_nuclear", ["missile", "regional_allies", "human_rights"])
    assert typo.correct is False and "'missile' is not among the possible answers: did you mean 'Ballistic missiles'?" in typo.message
    assert check("02.rubio_outside_nuclear", "ballistic missiles, armed groups, human rights").correct is True
    short = check("02.rubio_outside_nuclear", ["missiles", "regional_allies"])
    assert short.correct is False and "treats its own people" in short.message
    long = check("02.rubio_outside_nuclear", ["missiles", "regional_allies", "human_rights", "enrichment"])
    assert long.correct is False and "inside the nuclear file" in long.message
    # the speaker question: the press secretary by her title; Trump is the near miss it teaches on
    assert check("02.us_enrichment_speaker", "the White House press secretary").correct is True
    trump = check("02.us_enrichment_speaker", "Trump")
    assert trump.correct is False and "the words are not his" in trump.message
    # what "statements attributed to the US side" counts, as the explanation says
    us = positions[positions["actor_id"] == "us"]
    assert l02.us_anonymous_breakdown() == {"anonymous_official": 1, "anonymous_sources": 2}
    others = us[us["attribution"] == "anonymous_sources"]["speaker"]
    assert others.str.contains("Iranian sources").any() and others.str.contains("Middle Eastern official").any()
    assert others.str.contains("Reuters").any() and others.str.contains("Haaretz").any()
    fb = check("02.us_anonymous", l02.us_anonymous()[0])
    assert fb.correct is True and "1 from an unnamed US official and 2 from unnamed people who are not US officials" in fb.message
    one = check("02.us_anonymous", 1)
    assert one.correct is False and "only the unnamed US official" in one.message
    assert "statements attributed to the US side" in get("02.us_anonymous").prompt


@pytest.mark.parametrize("qid", ["02.us_enrichment_speaker", "02.rubio_outside_nuclear", "02.both_sides_nuclear_file", "02.compromise", "02.us_anonymous"])
def test_checks_never_raise_on_odd_answers(qid):
    assert check(qid, ...).correct is None
    for odd in ("", "zzz", 3.7, [], {"a": 1}):
        feedback = check(qid, odd)
        assert feedback.correct in (False, None) and "Traceback" not in str(feedback)
    assert get(qid).prompt


def test_every_check_of_the_lesson_is_in_the_notebook():
    nb = json.loads(NOTEBOOK.read_text(encoding="utf-8"))
    code = "\n".join("".join(c["source"]) for c in nb["cells"] if c["cell_type"] == "code")
    asked = set(re.findall(r'check\("(02\.[a-z_]+)"', code))
    assert asked == set(iranus.checks.questions("02."))
    assert 3 <= len(asked) <= 5


# -- facts the lesson states, pinned to the data -----------------------------------------------


def _latest(positions, actor, issue):
    latest = agendas.latest_positions(positions)
    return latest[(latest["actor_id"] == actor) & (latest["issue_id"] == issue)].iloc[0]


def test_rubio_list_of_4_february(positions, markdown):
    assert "On 4 February 2026 Secretary of State Marco Rubio" in markdown
    rubio = positions[(positions["actor_id"] == "us") & (positions["speaker_actor_id"] == "rubio") & (positions["date"] == "2026-02-04")]
    assert {"missiles", "regional_allies", "human_rights"} <= set(rubio["issue_id"])


def test_leavitt_zero_nuclear_capability(positions, markdown):
    assert 'On 5 February 2026 the White House press secretary, Karoline Leavitt, said the President wanted "zero nuclear capability"' in markdown
    row = _latest(positions, "us", "enrichment")
    assert (row["speaker_actor_id"], row["date"], row["quote_en"]) == ("leavitt", pd.Timestamp("2026-02-05"), "zero nuclear capability")


def test_iranian_speakers(positions, markdown):
    assert "*unnamed* senior Iranian official who spoke to Reuters on 4 February 2026" in markdown
    missiles = _latest(positions, "iran", "missiles")
    assert missiles["attribution"] == "anonymous_official" and missiles["date"] == pd.Timestamp("2026-02-04")
    assert "Reuters" in missiles["speaker"]
    assert "Abbas Araghchi said on the record (6 February 2026) that any dialogue required Washington to stop threats and pressure" in markdown
    calm = _latest(positions, "iran", "non_aggression")
    assert calm["speaker_actor_id"] == "araghchi" and calm["date"] == pd.Timestamp("2026-02-06") and "threats and pressure" in calm["paraphrase_en"]
    venue = _latest(positions, "iran", "venue_format")
    assert "one Axios report citing US officials" in markdown and "reported by Axios, citing US officials" in venue["speaker"]
    assert venue["attribution"] == "media_report" and "only the nuclear file and sanctions relief" in venue["paraphrase_en"]
    assert venue["confidence"] == "medium"  # one scoop, however many relays (issue 13, second pass)
    allies = _latest(positions, "iran", "regional_allies")
    assert "**Reuters' own summary** (3 February)" in markdown
    assert allies["attribution"] == "outlet_itself" and allies["date"] == pd.Timestamp("2026-02-03") and "sovereignty" in allies["paraphrase_en"]
    assert "Esmaeil Baghaei" in markdown and "Baghaei" in _latest(positions, "iran", "sanctions_relief")["speaker"]
    assert "Iran's line on enrichment is also **Reuters' own summary** (2 February" in markdown
    assert _latest(positions, "iran", "enrichment")["attribution"] == "outlet_itself"


def test_gaps_and_missing_cells(positions, issues, markdown):
    comparison = agendas.agenda_comparison(positions, issues).set_index("issue_id")
    both = comparison[comparison["nuclear"] & comparison["gap"].notna()]
    assert "at least 65 points apart (the smallest gaps, 65 points each, are on inspections by the International Atomic Energy Agency (IAEA) and on sanctions relief)" in markdown
    assert int(both["gap"].min()) == 65 and set(both.index[both["gap"] == 65]) == {"inspections", "sanctions_relief"}
    relief = _latest(positions, "us", "sanctions_relief")
    assert 'Trump said on 7 July 2025 that he would like to lift the sanctions "at the right time"' in markdown
    assert (relief["speaker_actor_id"], relief["date"], relief["quote_en"]) == ("trump", pd.Timestamp("2025-07-07"), "at the right time")
    assert "no public US statement dated before the round on the stockpile, and none on the duration of limits" in markdown
    assert pd.isna(comparison.loc["stockpile", "stance_us"]) and pd.isna(comparison.loc["duration", "stance_us"])
    assert "first term (2017)" not in markdown


def test_human_rights_cell_and_its_gap(positions, markdown):
    """Iran's human-rights cell is a statement on interference in its internal affairs, not on the talks."""
    row = _latest(positions, "iran", "human_rights")
    assert (row["speaker_actor_id"], row["date"], row["quote_en"]) == ("araghchi", pd.Timestamp("2026-01-02"), "any interference in their internal affairs")
    assert "talks" not in row["quote_en"]
    iran = positions[(positions["actor_id"] == "iran") & (positions["issue_id"] == "human_rights")]
    assert len(iran) == 1  # no Iranian statement that human rights was off the agenda of the talks
    assert 'Araghchi wrote on X that Iranians would reject "any interference in their internal affairs"' in markdown
    assert "The data has **no Iranian statement that human rights was off the negotiating agenda**" in markdown
    assert "Iran said they were not up for discussion" in markdown  # said of missiles and allies only
    assert "On missiles and regional allies the US said the talks must include them" in markdown
    fb = check("02.rubio_outside_nuclear", ["missiles", "regional_allies", "human_rights"])
    assert "Araghchi, 2 January 2026" in fb.message and "no Iranian statement found addressed it as a subject of the talks" in fb.message


def test_us_side_statements_are_named_as_attributed(markdown):
    assert 'The statements attributed to the US side on the venue and format of the round' in markdown
    assert "a position attributed to the US side, not stated by it" in markdown
    assert "(every row whose actor is the United States, including accounts of US terms given by others)" in markdown


def test_the_reported_stop_gap(positions, markdown):
    assert "On 4 February 2026 an unnamed senior US official told Axios" in markdown
    venue = positions[(positions["actor_id"] == "us") & (positions["issue_id"] == "venue_format")].set_index("date")
    assert venue.loc["2026-02-04", "attribution"] == "anonymous_official" and "Axios" in venue.loc["2026-02-04", "speaker"]
    assert venue.loc["2026-02-05", "speaker_actor_id"] == "leavitt"
    assert "Haaretz" in venue.loc["2026-02-06", "speaker"] and venue.loc["2026-02-06", "confidence"] == "low"
    claims = iranus.load("claims").set_index("claim_id")
    assert claims.loc["C22", "claim_type"] == "stated_position"
    assert claims.loc["C23", "claim_type"] == "report_of_others"
    assert claims.loc["C24", "claim_type"] == "assessment"
    from iranus.record.source_reading import claim_verdicts

    verdicts = claim_verdicts(iranus.load("claims"), iranus.load("claim_checks", as_of=AS_OF)).set_index("claim_id")
    assert verdicts.loc["C24", "verdict"] == "interpretation"
    assert "Al Jazeera" in verdicts.loc["C23", "note_en"]


def test_the_rebuilt_list_says_what_it_is(positions, markdown):
    assert "is *not* in the article's text" in markdown  # fourth pass: /work/brief/fixe_lesson_edits.py
    assert "**our reconstruction from other reporting**" in markdown
    enrichment = positions[(positions["actor_id"] == "us") & (positions["issue_id"] == "enrichment") & (positions["date"] == "2026-02-02")]
    assert "Iranian sources" in enrichment["speaker"].iloc[0]


def test_speakers_agree_with_their_sources_and_terms_are_glossed():
    positions = iranus.load("positions", as_of="2026-02-06").set_index("position_id")
    sources = iranus.load("sources").set_index("source_id")
    venue = positions.loc["pos_us_venue_format_20260204"]
    # the row cites Axios itself (second pass: Hurriyet Daily News is marked as a copy of it)
    assert sources.loc[venue["source_id"], "outlet"] == "Axios" and venue["speaker"] == "Unnamed senior US official (to Axios)"
    assert sources.loc["hurriyet_2026_02_04_trump_very_worried", "copy_of"] == venue["source_id"]
    nb = json.loads(NOTEBOOK.read_text(encoding="utf-8"))
    text = " ".join(" ".join("".join(c["source"]) for c in nb["cells"] if c["cell_type"] == "markdown").split())
    # the lesson says who said what, to whom, when, and that the copies are one source (no "the row cites")
    assert "On 4 February 2026 an unnamed senior US official told Axios" in text
    assert "Hürriyet Daily News, Anadolu and Xinhua repeated Axios's report the same day" in text
    assert "the row cites" not in text
    # Kan, shown in the check of C21 in §5, is glossed where it is first named
    c21 = iranus.load("claim_checks", as_of="2026-02-06").set_index("check_id").loc["c21_20260205_jpost", "note_en"]
    assert "Kan, Israel's public broadcaster" in c21
    glossary = iranus.load("glossary", as_of="2026-02-06").set_index("term_id")
    assert glossary.loc["kan", "term_en"] == "Kan (Israel's public broadcaster)"
