"""Known facts of the record, asserted against the data (so a bad edit of a table is caught)."""

from __future__ import annotations

import pandas as pd

import iranus
from iranus.record import timeline


def _event(event_id: str) -> pd.Series:
    events = iranus.load("events")
    return events.set_index("event_id").loc[event_id]


def test_muscat_round_date_place_and_participants():
    muscat = _event("muscat_round_2026")
    assert muscat["date"] == pd.Timestamp("2026-02-06")
    assert muscat["category"] == "talks" and muscat["confidence"] == "high"
    assert "Muscat" in muscat["title_en"]
    people = set(timeline.participants(*(iranus.course().load(n) for n in ("events", "event_actors", "actors")), "muscat_round_2026")["actor_id"])
    assert people == {"us", "iran", "oman", "witkoff", "kushner", "cooper", "araghchi", "albusaidi"}


def test_missiles_off_the_table_is_an_anonymous_iranian_official_to_reuters():
    claims = iranus.load("claims")
    row = claims[(claims["paragraph_id"] == "P06") & claims["quote_ar"].fillna("").str.contains("خارج الطاولة")]
    assert len(row) == 1
    row = row.iloc[0]
    assert row["attribution"] == "anonymous_official"
    assert row["claimant_actor_id"] == "iran" and "Reuters" in row["claimant"]
    assert row["issue_id"] == "missiles"
    checks = iranus.load("claim_checks", as_of="2026-02-06")
    verdicts = set(checks.loc[checks["claim_id"] == row["claim_id"], "verdict"])
    assert "confirmed" in verdicts


def test_trump_very_worried_is_a_named_quote_with_the_condition_flagged():
    claims = iranus.load("claims")
    row = claims[claims["quote_ar"].fillna("").str.contains("ينبغي أن يشعر بقلق بالغ")].iloc[0]
    assert (row["paragraph_id"], row["claimant_actor_id"], row["attribution"]) == ("P03", "trump", "named_official")
    assert "gloss" in row["framing_note"]


def test_the_article_calls_rubio_mike_and_the_margins_remark_is_not_confirmed():
    claims = iranus.load("claims")
    row = claims[(claims["paragraph_id"] == "P15") & (claims["claimant_actor_id"] == "rubio")].iloc[0]
    assert "Mike" in row["framing_note"]
    checks = iranus.load("claim_checks")
    # no record of the remark was found; his stated agenda went the other way, which does not
    # contradict openness "at the margins" but gives it no support either
    assert set(checks.loc[checks["claim_id"] == row["claim_id"], "verdict"]) == {"not_confirmed"}


def test_snapback_dates():
    assert _event("e3_trigger_snapback")["date"] == pd.Timestamp("2025-08-28")
    assert _event("un_sanctions_return")["date"] == pd.Timestamp("2025-09-28")
    assert "27 Sep" in _event("un_sanctions_return")["notes"]  # the New York date is recorded too


def test_jcpoa_and_june_2025_war_dates():
    events = iranus.load("events")
    by_date = events.groupby("date")["event_id"].apply(set)
    assert pd.Timestamp("2015-07-14") in by_date.index  # JCPOA concluded
    assert pd.Timestamp("2018-05-08") in by_date.index  # US withdrawal
    assert pd.Timestamp("2025-06-13") in by_date.index  # Israeli strikes begin
    assert pd.Timestamp("2025-06-22") in by_date.index  # US strikes on Fordow, Natanz, Isfahan


def test_iaea_stockpile_estimate_before_the_war():
    q = iranus.load("quantities")
    heu = q[q["series_id"].str.contains("60")]
    assert 440.9 in set(heu["value"]) and 408.6 in set(heu["value"])


def test_record_ends_with_the_last_reliable_report():
    # the Economist item of 22 Aug 2026 could not be found (data/AUDIT.md): the record ends with
    # the last row that holds up, AFP's report of indirect technical talks in Doha
    end = _event("doha_technical_talks")
    assert end["date"] == iranus.record_end() == pd.Timestamp("2026-07-01")
    assert end["confidence"] == "medium"  # a single wire report
    assert "final_deal_deadline_passed" not in set(iranus.load("events")["event_id"])


def test_one_scenario_occurred_and_it_is_escalation():
    outcomes = iranus.load("scenario_outcomes")
    assert outcomes["occurred"].sum() == 1
    assert outcomes.loc[outcomes["occurred"], "scenario_id"].item() == "military_escalation"
    assert iranus.load("scenario_outcomes", as_of="2026-02-06").empty


def test_a_weak_report_does_not_displace_a_named_statement_in_the_agenda():
    from iranus.record.agendas import latest_positions

    latest = latest_positions(iranus.load("positions", as_of="2026-02-06"))
    venue = latest[(latest["actor_id"] == "us") & (latest["issue_id"] == "venue_format")].iloc[0]
    assert venue["speaker_actor_id"] == "leavitt" and venue["confidence"] != "low"
