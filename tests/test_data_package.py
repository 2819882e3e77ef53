"""The curated data: valid against its schema, sourced, and covering the seed article."""

from __future__ import annotations

import re

import pandas as pd
import pytest
from frictionless import Package

import iranus
from iranus.datasets.loading import period_end

COURSE_DATE = pd.Timestamp("2026-02-06")


def test_package_validates_with_frictionless():
    report = Package(str(iranus.default_data_dir() / "datapackage.json")).validate()
    errors = report.flatten(["resourceName", "rowNumber", "fieldName", "type", "note"])
    assert report.valid, errors[:20]


@pytest.mark.parametrize("name", iranus.list_datasets()["name"].tolist())
def test_every_dataset_loads_and_is_not_empty(name):
    df = iranus.load(name)
    assert len(df) > 0, f"{name} has no rows"
    described = iranus.describe(name)
    assert list(df.columns) == described.loc[~described["curator_only"], "column"].tolist()
    full = iranus.load(name, include_curator_fields=True)
    assert list(full.columns) == described["column"].tolist()


def test_every_fact_row_cites_a_known_source():
    sources = set(iranus.load("sources")["source_id"])
    for name in ("claims", "claim_checks", "events", "positions", "quantities", "scenario_outcomes"):
        df = iranus.load(name)
        assert df["source_id"].notna().all(), f"{name}: a row without a source"
        assert set(df["source_id"]) <= sources, f"{name}: unknown sources"


def test_claims_cite_the_seed_article_and_a_paragraph():
    claims = iranus.load("claims")
    assert (claims["source_id"] == "seed_article").all()
    assert claims["paragraph_id"].str.fullmatch(r"P(0[1-9]|[12][0-9]|3[0-5])").all()


def test_paragraphs_match_the_seed_article(seed_lines):
    paragraphs = iranus.load("paragraphs")
    assert len(seed_lines) == 35
    assert paragraphs["paragraph_id"].tolist() == [f"P{i:02d}" for i in range(1, 36)]
    headings = paragraphs.loc[paragraphs["is_heading"], "paragraph_id"].tolist()
    assert headings == ["P04", "P16", "P28"]
    for pid in headings:
        assert seed_lines[int(pid[1:]) - 1].endswith(("؟", "العملية", "اتفاق")), pid
    # key Arabic terms must really occur in their paragraph of the seed
    for row in paragraphs.dropna(subset=["key_terms_ar"]).itertuples():
        line = seed_lines[int(row.paragraph_id[1:]) - 1]
        for term in re.split(r"\s*[;؛]\s*", row.key_terms_ar):
            if term:
                assert term.strip("“”\"") in line, f"{row.paragraph_id}: {term!r} is not in the seed line"


def test_every_body_paragraph_has_a_claim():
    paragraphs = iranus.load("paragraphs")
    body = set(paragraphs.loc[~paragraphs["is_heading"], "paragraph_id"])
    assert len(body) == 32
    covered = set(iranus.load("claims")["paragraph_id"])
    assert body <= covered, f"paragraphs without claims: {sorted(body - covered)}"


def test_claim_quotes_occur_in_the_seed(seed_lines):
    claims = iranus.load("claims").dropna(subset=["quote_ar"])
    for row in claims.itertuples():
        line = seed_lines[int(row.paragraph_id[1:]) - 1]
        assert row.quote_ar.strip("“”\"") in line, f"{row.claim_id}: quote not found in {row.paragraph_id}"


def test_nothing_is_dated_after_the_record_end():
    end = iranus.record_end()
    for name in ("events", "claim_checks", "positions", "quantities", "scenario_outcomes", "sources"):
        df = iranus.load(name)
        assert (df["date"].dropna() <= end).all(), f"{name} has rows after the record end {end:%Y-%m-%d}"
    assert iranus.load("events")["date"].max() == end


def test_as_of_cuts_every_dated_table_at_the_course_date():
    for name in ("events", "claim_checks", "positions", "quantities", "scenario_outcomes", "sources"):
        full = iranus.load(name)
        cut = iranus.load(name, as_of="2026-02-06")
        assert (cut["date"].dropna() <= COURSE_DATE).all()
        ends = period_end(full)
        assert len(cut) == int((full["date"].isna() | (ends <= COURSE_DATE)).sum())
    assert len(iranus.load("events", as_of="2026-02-06")) < len(iranus.load("events"))


def test_no_high_confidence_row_rests_on_a_low_reliability_source():
    sources = iranus.load("sources").set_index("source_id")["reliability"]
    for name in ("events", "positions", "quantities", "claim_checks"):
        df = iranus.load(name)
        weak = df[(df["confidence"] == "high") & (df["source_id"].map(sources) == "low")]
        assert weak.empty, f"{name}: high confidence on a low-reliability source: {weak.iloc[:, 0].tolist()}"


def test_fabricated_pages_are_kept_only_as_sources_never_cited_as_evidence():
    sources = iranus.load("sources")
    ptelegraph = sources[sources["outlet"].str.contains("ptelegraph")]
    assert len(ptelegraph) >= 1 and (ptelegraph["reliability"] == "low").all()
    cited = set()
    for name in ("events", "positions", "quantities", "claim_checks", "scenario_outcomes"):
        cited |= set(iranus.load(name)["source_id"])
    assert not (set(ptelegraph["source_id"]) & cited)


def test_actors_have_arabic_names():
    actors = iranus.load("actors")
    arabic = actors["name_ar"].str.contains(r"[\u0600-\u06FF]", regex=True)
    assert arabic.all(), actors.loc[~arabic, "actor_id"].tolist()
    required = {"us", "iran", "israel", "oman", "qatar", "egypt", "turkiye", "saudi_arabia", "pakistan",
                "e3", "iaea", "russia", "china", "trump", "khamenei", "araghchi", "witkoff", "kushner",
                "rubio", "netanyahu", "zamir", "barnea", "albusaidi", "cooper"}
    assert required <= set(actors["actor_id"])


def test_stance_scales_are_documented_per_issue():
    issues = iranus.load("issues")
    assert issues["stance_0_en"].str.len().gt(10).all() and issues["stance_100_en"].str.len().gt(10).all()
    codebook = (iranus.default_data_dir() / "CODEBOOK.md").read_text(encoding="utf-8")
    for issue in issues["issue_id"]:
        assert issue in codebook, f"CODEBOOK.md does not document {issue}"


def test_every_numeric_field_states_its_unit():
    import json

    for path in (iranus.default_data_dir() / "schemas").glob("*.schema.json"):
        for field in json.loads(path.read_text(encoding="utf-8"))["fields"]:
            if field["type"] in ("integer", "number"):
                assert field.get("unit"), f"{path.name}: {field['name']} has no unit"
