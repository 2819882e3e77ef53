"""A small, clearly synthetic data package for the explorers' headless tests, and its checks.

The explorers' tests must not depend on how far the data curation has got, so they run on this
package: real schema files (copied from the bundled data), a few hand-written rows that exercise
every rule (ties on a date, anonymous sources, month-precision dates, an empty filter). The rows
are test fixtures, not course data: outlets are "Test wire" etc. and numbers are arbitrary.

Tests against the real data live in each ``test_widgets_*`` file; they fail when a bundled table
is missing, broken or empty.
"""

from __future__ import annotations

import csv
import json
import shutil
from pathlib import Path

import pytest

import iranus

ROWS: dict[str, list[dict[str, str]]] = {
    "sources": [
        {"source_id": "seed_article", "title": "Test seed article", "outlet": "Test outlet", "language": "ar",
         "date": "2026-02-05", "url": "", "kind": "seed_article", "reliability": "medium",
         "reliability_reason": "test row", "accessed_via": ""},
        {"source_id": "test_wire_a", "title": "Test wire story", "outlet": "Test wire", "language": "en",
         "date": "2026-02-05", "url": "https://example.org/a", "kind": "wire", "reliability": "high",
         "reliability_reason": "test row: a wire", "accessed_via": ""},
        {"source_id": "test_blog_b", "title": "Test blog post", "outlet": "Test blog", "language": "en",
         "date": "2026-03-01", "url": "", "kind": "aggregator", "reliability": "low",
         "reliability_reason": "test row: an aggregator", "accessed_via": ""},
    ],
    "actors": [
        {"actor_id": "us", "name_en": "United States", "name_ar": "الولايات المتحدة", "kind": "state", "affiliation_id": "", "title_en": "", "role_en": "party"},
        {"actor_id": "iran", "name_en": "Iran", "name_ar": "إيران", "kind": "state", "affiliation_id": "", "title_en": "", "role_en": "party"},
        {"actor_id": "israel", "name_en": "Israel", "name_ar": "إسرائيل", "kind": "state", "affiliation_id": "", "title_en": "", "role_en": "outside"},
        {"actor_id": "oman", "name_en": "Oman", "name_ar": "عُمان", "kind": "state", "affiliation_id": "", "title_en": "", "role_en": "mediator"},
    ],
    "issues": [
        {"issue_id": "enrichment", "label_en": "Enrichment", "label_ar": "التخصيب", "nuclear": "true", "description_en": "d", "stance_0_en": "none", "stance_100_en": "any"},
        {"issue_id": "missiles", "label_en": "Missiles", "label_ar": "الصواريخ", "nuclear": "false", "description_en": "d", "stance_0_en": "on agenda", "stance_100_en": "off agenda"},
        {"issue_id": "sanctions_relief", "label_en": "Sanctions relief", "label_ar": "رفع العقوبات", "nuclear": "true", "description_en": "d", "stance_0_en": "none", "stance_100_en": "all"},
    ],
    "positions": [
        # us x enrichment: two dates; the later one is anonymous and of low confidence
        {"position_id": "p1", "actor_id": "us", "issue_id": "enrichment", "date": "2026-02-05", "speaker": "Test speaker A", "speaker_actor_id": "", "attribution": "named_official", "venue_en": "briefing", "paraphrase_en": "Test paraphrase 1", "quote_en": "test quote", "stance": "5", "salience": "90", "coding_note": "n", "source_id": "test_wire_a", "confidence": "high"},
        {"position_id": "p2", "actor_id": "us", "issue_id": "enrichment", "date": "2026-03-01", "speaker": "unnamed officials", "speaker_actor_id": "", "attribution": "anonymous_official", "venue_en": "", "paraphrase_en": "Test paraphrase 2", "quote_en": "", "stance": "10", "salience": "90", "coding_note": "n", "source_id": "test_blog_b", "confidence": "low"},
        {"position_id": "p3", "actor_id": "iran", "issue_id": "enrichment", "date": "2026-02-04", "speaker": "Test ministry", "speaker_actor_id": "", "attribution": "official_statement", "venue_en": "statement", "paraphrase_en": "Test paraphrase 3", "quote_en": "", "stance": "90", "salience": "95", "coding_note": "n", "source_id": "test_wire_a", "confidence": "high"},
        {"position_id": "p4", "actor_id": "iran", "issue_id": "missiles", "date": "2026-02-01", "speaker": "a senior official", "speaker_actor_id": "", "attribution": "anonymous_official", "venue_en": "", "paraphrase_en": "Test paraphrase 4", "quote_en": "", "stance": "100", "salience": "80", "coding_note": "n", "source_id": "test_wire_a", "confidence": "medium"},
        {"position_id": "p5", "actor_id": "us", "issue_id": "missiles", "date": "2026-02-04", "speaker": "Test speaker A", "speaker_actor_id": "", "attribution": "named_official", "venue_en": "", "paraphrase_en": "Test paraphrase 5", "quote_en": "", "stance": "0", "salience": "60", "coding_note": "n", "source_id": "test_wire_a", "confidence": "high"},
        {"position_id": "p6", "actor_id": "israel", "issue_id": "missiles", "date": "2026-02-07", "speaker": "Test office", "speaker_actor_id": "", "attribution": "official_statement", "venue_en": "", "paraphrase_en": "Test paraphrase 6", "quote_en": "", "stance": "0", "salience": "95", "coding_note": "n", "source_id": "test_wire_a", "confidence": "high"},
        # same day, two statements: the high-confidence named one wins the cell
        {"position_id": "p8", "actor_id": "iran", "issue_id": "sanctions_relief", "date": "2026-02-04", "speaker": "unnamed", "speaker_actor_id": "", "attribution": "anonymous_sources", "venue_en": "", "paraphrase_en": "Test paraphrase 8", "quote_en": "", "stance": "70", "salience": "90", "coding_note": "n", "source_id": "test_blog_b", "confidence": "low"},
        {"position_id": "p7", "actor_id": "iran", "issue_id": "sanctions_relief", "date": "2026-02-04", "speaker": "Test minister", "speaker_actor_id": "", "attribution": "named_official", "venue_en": "", "paraphrase_en": "Test paraphrase 7", "quote_en": "", "stance": "95", "salience": "90", "coding_note": "n", "source_id": "test_wire_a", "confidence": "high"},
    ],
    "events": [
        {"event_id": "e1", "date": "2015-07-14", "date_precision": "day", "title_en": "Test event 1", "description_en": "d", "category": "talks", "source_id": "test_wire_a", "confidence": "high", "notes": ""},
        {"event_id": "e2", "date": "2025-06-22", "date_precision": "day", "title_en": "Test event 2", "description_en": "d", "category": "military", "source_id": "test_wire_a", "confidence": "high", "notes": ""},
        {"event_id": "e3", "date": "2026-01-01", "date_precision": "month", "title_en": "Test event 3", "description_en": "d", "category": "domestic", "source_id": "test_wire_a", "confidence": "medium", "notes": "test note"},
        {"event_id": "e4", "date": "2026-02-06", "date_precision": "day", "title_en": "Test event 4", "description_en": "d", "category": "talks", "source_id": "test_wire_a", "confidence": "high", "notes": ""},
        {"event_id": "e5", "date": "2026-02-28", "date_precision": "day", "title_en": "Test event 5", "description_en": "d", "category": "military", "source_id": "test_wire_a", "confidence": "high", "notes": ""},
        {"event_id": "e6", "date": "2026-06-18", "date_precision": "day", "title_en": "Test event 6", "description_en": "d", "category": "diplomacy", "source_id": "test_blog_b", "confidence": "low", "notes": ""},
    ],
    "event_actors": [
        {"event_id": "e1", "actor_id": "us"}, {"event_id": "e1", "actor_id": "iran"},
        {"event_id": "e2", "actor_id": "us"},
        {"event_id": "e4", "actor_id": "us"}, {"event_id": "e4", "actor_id": "iran"}, {"event_id": "e4", "actor_id": "oman"},
        {"event_id": "e5", "actor_id": "us"}, {"event_id": "e5", "actor_id": "israel"},
        {"event_id": "e6", "actor_id": "iran"},
    ],
    "paragraphs": [
        {"paragraph_id": "P01", "section": "introduction", "is_heading": "false", "summary_en": "s1", "key_terms_ar": ""},
        {"paragraph_id": "P02", "section": "introduction", "is_heading": "false", "summary_en": "s2", "key_terms_ar": ""},
        {"paragraph_id": "P03", "section": "prospects", "is_heading": "false", "summary_en": "s3", "key_terms_ar": ""},
    ],
    "claims": [
        {"claim_id": "C01", "paragraph_id": "P01", "paraphrase_en": "Test claim one", "quote_ar": "نص تجريبي", "claim_type": "fact", "claimant": "the author", "claimant_actor_id": "", "attribution": "outlet_itself", "issue_id": "", "source_id": "seed_article", "framing_note": ""},
        {"claim_id": "C02", "paragraph_id": "P02", "paraphrase_en": "Test claim two", "quote_ar": "", "claim_type": "stated_position", "claimant": "a senior official (via a wire)", "claimant_actor_id": "iran", "attribution": "anonymous_official", "issue_id": "missiles", "source_id": "seed_article", "framing_note": "Test framing note two"},
        {"claim_id": "C03", "paragraph_id": "P03", "paraphrase_en": "Test claim three", "quote_ar": "", "claim_type": "assessment", "claimant": "unnamed analysts", "claimant_actor_id": "", "attribution": "analysts", "issue_id": "", "source_id": "seed_article", "framing_note": ""},
        {"claim_id": "C04", "paragraph_id": "P03", "paraphrase_en": "Test claim four", "quote_ar": "", "claim_type": "forecast", "claimant": "the author", "claimant_actor_id": "", "attribution": "outlet_itself", "issue_id": "", "source_id": "seed_article", "framing_note": ""},
        {"claim_id": "C05", "paragraph_id": "P02", "paraphrase_en": "Test claim five", "quote_ar": "", "claim_type": "stated_position", "claimant": "Test minister", "claimant_actor_id": "iran", "attribution": "named_official", "issue_id": "sanctions_relief", "source_id": "seed_article", "framing_note": ""},
    ],
    "claim_checks": [
        {"check_id": "k1", "claim_id": "C02", "date": "2026-02-05", "verdict": "confirmed", "source_id": "test_wire_a", "confidence": "high", "note_en": "Test check note"},
        {"check_id": "k2", "claim_id": "C04", "date": "2026-03-01", "verdict": "borne_out", "source_id": "test_wire_a", "confidence": "high", "note_en": "Test later check"},
    ],
    "scenarios": [
        {"scenario_id": "s_deal", "order": "1", "label_en": "Deal", "label_ar": "اتفاق", "description_en": "test", "description_ar": "اختبار", "paragraph_id": "", "resolves_by": "2026-06-30"},
        {"scenario_id": "s_talks", "order": "2", "label_en": "Talks go on", "label_ar": "استمرار المفاوضات", "description_en": "test", "description_ar": "اختبار", "paragraph_id": "", "resolves_by": "2026-06-30"},
        {"scenario_id": "s_war", "order": "3", "label_en": "War", "label_ar": "حرب", "description_en": "test", "description_ar": "اختبار", "paragraph_id": "P03", "resolves_by": "2026-06-30"},
    ],
    "scenario_outcomes": [
        {"scenario_id": "s_deal", "date": "2026-06-30", "occurred": "false", "note_en": "test", "source_id": "test_wire_a", "confidence": "high"},
        {"scenario_id": "s_talks", "date": "2026-06-30", "occurred": "false", "note_en": "test", "source_id": "test_wire_a", "confidence": "high"},
        {"scenario_id": "s_war", "date": "2026-06-30", "occurred": "true", "note_en": "test", "source_id": "test_wire_a", "confidence": "high"},
    ],
}


def build_package(dest: Path) -> Path:
    """Write the synthetic package into ``dest`` (real descriptor and schemas, test rows)."""
    src = iranus.default_data_dir()
    dest.mkdir(parents=True, exist_ok=True)
    shutil.copy(src / "datapackage.json", dest / "datapackage.json")
    shutil.copytree(src / "schemas", dest / "schemas", dirs_exist_ok=True)
    descriptor = json.loads((src / "datapackage.json").read_text(encoding="utf-8"))
    for res in descriptor["resources"]:
        schema = json.loads((src / res["schema"]).read_text(encoding="utf-8"))
        fields = [f["name"] for f in schema["fields"]]
        with open(dest / res["path"], "w", encoding="utf-8", newline="") as fh:
            writer = csv.DictWriter(fh, fieldnames=fields, lineterminator="\n")
            writer.writeheader()
            for row in ROWS.get(res["name"], []):
                writer.writerow(row)
    return dest


@pytest.fixture(scope="session")
def mini_dir(tmp_path_factory) -> Path:
    """Folder of the synthetic data package (validated once per session)."""
    return build_package(tmp_path_factory.mktemp("mini") / "data")


@pytest.fixture(scope="session")
def mini(mini_dir):
    """Loader for the synthetic package: ``mini("positions")`` -> DataFrame as iranus.load gives."""
    cache = {}

    def get(name: str, as_of=None):
        key = (name, as_of)
        if key not in cache:
            cache[key] = iranus.load(name, as_of=as_of, data_dir=mini_dir)
        return cache[key].copy()

    return get


def test_mini_package_is_valid(mini_dir):
    problems = iranus.validate_package(mini_dir)
    assert problems == [], "\n".join(map(str, problems))


def test_mini_package_has_the_rows_the_tests_rely_on(mini):
    assert len(mini("positions")) == 8
    assert list(mini("events")["event_id"]) == ["e1", "e2", "e3", "e4", "e5", "e6"]
    assert mini("scenario_outcomes")["occurred"].sum() == 1


def real(name: str, as_of=None):
    """The bundled (real) table; a missing, invalid or empty table fails the test (never a skip).

    Raises:
        iranus.DataValidationError, KeyError: the bundled table is broken or missing.
    """
    df = iranus.load(name, as_of=as_of)
    assert not df.empty, f"the bundled {name} table is empty"
    return df
