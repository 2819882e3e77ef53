"""Loaders return tidy DataFrames with the schema's dtypes and honest metadata."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import pytest

import iranus


def test_dtypes_follow_the_schema():
    events = iranus.load("events")
    assert events["date"].dtype == "datetime64[ns]"
    assert isinstance(events["category"].dtype, pd.CategoricalDtype)
    assert list(events["confidence"].cat.categories) == ["high", "medium", "low"]
    assert events["event_id"].dtype == "string"
    positions = iranus.load("positions")
    assert positions["stance"].dtype == "Int64" and positions["salience"].dtype == "Int64"
    assert iranus.load("issues")["nuclear"].dtype == "boolean"
    assert iranus.load("quantities")["value"].dtype == "float64"


def test_named_loaders_equal_load():
    pd.testing.assert_frame_equal(iranus.load_claims(), iranus.load("claims"))
    pd.testing.assert_frame_equal(iranus.load_events(as_of="2026-02-06"), iranus.load("events", as_of="2026-02-06"))
    assert "claim_type" in iranus.load_claims.__doc__ and "Raises" in iranus.load_claims.__doc__


@pytest.mark.parametrize("as_of", ["2026-02-06", dt.date(2026, 2, 6), pd.Timestamp("2026-02-06 15:00")])
def test_as_of_accepts_dates_in_any_usual_form(as_of):
    events = iranus.load("events", as_of=as_of)
    assert events["date"].max() <= pd.Timestamp("2026-02-06")


def test_as_of_is_ignored_by_undated_tables():
    assert len(iranus.load("claims", as_of="2015-01-01")) == len(iranus.load("claims"))


def test_metadata_is_reachable():
    df = iranus.load("events", as_of="2026-02-06")
    meta = df.attrs["iranus"]
    assert meta["name"] == "events" and meta["as_of"] == pd.Timestamp("2026-02-06")
    assert meta["record_end"] == iranus.record_end()
    assert "record ends" in meta["citation"]
    table = iranus.list_datasets()
    assert {"claims", "events", "positions", "sources", "actors", "issues", "glossary"} <= set(table["name"])
    assert table.set_index("name").loc["events", "time_field"] == "date"
    assert pd.isna(table.set_index("name").loc["claims", "time_field"])
    cols = iranus.describe("claims").set_index("column")
    assert "anonymous_official" in cols.loc["attribution", "allowed"]


def test_record_end_and_course_date():
    assert iranus.course_date() == pd.Timestamp("2026-02-06")
    assert iranus.record_end() == pd.Timestamp("2026-07-01")


def test_labels_in_both_languages():
    assert iranus.label("actors", "iran", "en") == "Iran"
    assert iranus.label("actors", "iran", "ar") == "إيران"
    assert iranus.label("issues", "enrichment", "ar").startswith("تخصيب")
    assert "عمان" in iranus.course(language="ar").labels("actors")["oman"].replace("عُمان", "عمان")


def test_set_language_is_a_deprecated_shim_for_the_default_language():
    with pytest.warns(DeprecationWarning, match="iranus.course\\(language=...\\)"):
        iranus.set_language("ar")
    try:
        assert iranus.get_language() == "ar" and iranus.course().language == "ar"
        assert iranus.labels("actors")["iran"] == "إيران"
    finally:
        with pytest.warns(DeprecationWarning):
            iranus.set_language("en")
    assert iranus.course().language == "en"
    with pytest.raises(ValueError, match="language='fr'"):  # refused before any warning or change
        iranus.set_language("fr")
    assert iranus.get_language() == "en"


def test_every_dataset_has_a_written_out_loader_that_help_shows():
    names = iranus.list_datasets()["name"].tolist()
    assert sorted(f"load_{n}" for n in names) == sorted(n for n in iranus.__all__ if n.startswith("load_"))
    for name in names:
        loader = getattr(iranus, f"load_{name}")
        assert loader.__module__ == "iranus.datasets.loading" and loader.__doc__
        assert f'describe("{name}")' in loader.__doc__


def test_label_does_not_reload_its_table():
    from iranus.datasets import loading

    iranus.label("issues", "missiles")
    before = loading._load_cached.cache_info().misses
    for issue in ("enrichment", "missiles", "sanctions_relief") * 10:
        iranus.label("issues", issue)
    assert loading._load_cached.cache_info().misses == before


def test_as_of_leaves_out_rows_whose_month_is_not_over(data_copy):
    import csv
    import io

    path = data_copy / "events.csv"
    rows = list(csv.reader(io.StringIO(path.read_text(encoding="utf-8"))))
    header = rows[0]
    new = dict(zip(header, rows[1]))
    new.update(event_id="test_month_event", date="2026-02-01", date_precision="month")
    rows.append([new[c] for c in header])
    buf = io.StringIO()
    csv.writer(buf, lineterminator="\n").writerows(rows)
    path.write_text(buf.getvalue(), encoding="utf-8")
    feb6 = iranus.load("events", as_of="2026-02-06", data_dir=data_copy)
    assert "test_month_event" not in set(feb6["event_id"])
    end_of_feb = iranus.load("events", as_of="2026-02-28", data_dir=data_copy)
    assert "test_month_event" in set(end_of_feb["event_id"])


def test_the_second_carrier_is_not_known_on_the_course_date():
    # first reported on 12-13 Feb 2026: it must not appear in lessons set on 6 Feb
    events = iranus.load("events", as_of="2026-02-06")
    assert "second_carrier_ordered" not in set(events["event_id"])


def test_event_actors_are_cut_through_their_events():
    links = iranus.load("event_actors", as_of="2026-02-06")
    events = iranus.load("events", as_of="2026-02-06")
    assert set(links["event_id"]) <= set(events["event_id"])
    assert "war_begins_28_feb" not in set(links["event_id"])
    assert len(links) < len(iranus.load("event_actors"))
    assert iranus.list_datasets().set_index("name").loc["event_actors", "time_field"] == "events.date"


def test_curator_notes_never_reach_a_learner_unless_asked():
    # events.csv holds the research trail of israel_strikes_iran_june_2025 in curator_note
    # ("one page (lion36) dates the start to 12 June ..."), declared in iranus:curator_fields
    for name in ("events", "positions", "quantities", "claim_checks"):
        assert iranus.datasets.loading.curator_fields(name) == ["curator_note"]
        assert "curator_note" not in iranus.load(name).columns, name
        assert "curator_note" not in iranus.course().load(name).columns, name
        assert "curator_note" not in iranus.course(as_of=None).load(name).columns, name
    assert iranus.datasets.loading.curator_fields("actors") == []
    full = iranus.load("events", include_curator_fields=True).set_index("event_id")
    assert "lion36" in full.loc["israel_strikes_iran_june_2025", "curator_note"]
    curator = iranus.course(as_of=None).load("events", include_curator_fields=True).set_index("event_id")
    assert "TASS relay" in curator.loc["trump_armada", "curator_note"]
    # the learner's table has every other column, in schema order
    plain = iranus.load("events")
    assert list(plain.columns) == [c for c in full.reset_index().columns if c != "curator_note"]
    # describe marks the curator column
    described = iranus.describe("events").set_index("column")["curator_only"]
    assert bool(described["curator_note"]) is True
    assert bool(described["notes"]) is False
    # a cached learner table is never mutated by a curator's load, nor the reverse
    assert "curator_note" not in iranus.load("events").columns


def test_the_named_loaders_take_the_curator_option_too():
    assert "curator_note" not in iranus.load_events().columns
    full = iranus.load_events(include_curator_fields=True).set_index("event_id")
    assert "TASS relay" in full.loc["trump_armada", "curator_note"]
    assert "curator_note" in iranus.load_quantities(include_curator_fields=True).columns
