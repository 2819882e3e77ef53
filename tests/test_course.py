"""The course context (iranus.course): one owner of the date cut, the data folder and the language."""

from __future__ import annotations

import ast
import csv
from pathlib import Path

import pandas as pd
import pytest

import iranus
from iranus.datasets import dates
from iranus.models import bargaining, forecasting
from iranus.record import agendas, timeline

SRC = Path(iranus.__file__).parent


# -- the three settings ------------------------------------------------------------------------


def test_the_default_context_is_the_muscat_round_in_english_on_the_bundled_data():
    c = iranus.course()
    assert c.as_of == pd.Timestamp(2026, 2, 6) == iranus.COURSE_DATE
    assert c.language == "en" and c.data_dir == iranus.default_data_dir()
    # the data package states the same course date as the code
    assert c.course_date == iranus.COURSE_DATE
    assert c.record_end > iranus.COURSE_DATE


def test_none_means_the_whole_record_in_the_context_and_in_load():
    whole = iranus.course(as_of=None)
    events = whole.load("events")
    assert whole.as_of is None
    assert len(events) == len(iranus.load("events")) == len(iranus.load("events", as_of=None))
    assert events["date"].max() > iranus.COURSE_DATE  # the epilogue's events are in
    assert iranus.course().load("events")["date"].max() <= iranus.COURSE_DATE


def test_the_context_is_immutable_and_replace_gives_another():
    c = iranus.course()
    with pytest.raises(AttributeError):
        c.as_of = None  # type: ignore[misc]
    ar = c.with_language("ar")
    assert (ar.language, c.language) == ("ar", "en")
    assert c.replace(as_of="2026-01-01").as_of == pd.Timestamp("2026-01-01")
    assert c.whole_record().as_of is None


def test_bad_settings_are_named():
    with pytest.raises(ValueError, match="language='fr'"):
        iranus.course(language="fr")
    with pytest.raises(ValueError, match="as_of='soon' is not a date"):
        iranus.course(as_of="soon")
    with pytest.raises(iranus.DataError, match="no such folder"):
        iranus.course(data_dir="/nonexistent/folder")


def test_labels_follow_the_language_of_the_context():
    assert iranus.course().label("actors", "iran") == "Iran"
    assert iranus.course(language="ar").label("actors", "iran") == "إيران"
    assert iranus.course(language="ar").labels("issues")["enrichment"] != iranus.course().labels("issues")["enrichment"]
    assert iranus.course().label("actors", "no_such_actor") == "no_such_actor"


def test_the_deal_space_is_the_codings_in_force_at_the_context_date_and_is_cached():
    c = iranus.course()
    space = c.deal_space()
    assert space.as_of == iranus.COURSE_DATE
    assert space.parties == ("us", "iran", "israel")
    assert c.deal_space() is space  # built once per (date, folder, files)
    with pytest.raises(iranus.ModelInputError, match="no deal-space codings are dated on or before 2020-01-01"):
        iranus.course(as_of="2020-01-01").deal_space()


def test_loaded_tables_are_fresh_copies():
    c = iranus.course()
    first = c.load("actors")
    first.loc[0, "name_en"] = "changed"
    assert c.load("actors").loc[0, "name_en"] != "changed"


# -- the one date cut --------------------------------------------------------------------------


def test_the_cut_is_precision_aware():
    rows = pd.DataFrame(
        {
            "date": pd.to_datetime(["2026-02-01", "2026-02-01", "2026-01-01", "2026-02-06", None]),
            "date_precision": ["day", "month", "month", "day", "day"],
        }
    )
    kept = dates.cut(rows, iranus.COURSE_DATE)
    # "February 2026" is not known on 6 February; "January 2026" is; undated rows stay
    assert kept.index.tolist() == [0, 2, 3, 4]
    assert dates.cut(rows, None) is rows
    assert dates.known(rows, "2026-02-28").tolist() == [True, True, True, True, True]


def test_the_loaders_use_the_one_cut():
    events = iranus.load("events")
    expected = dates.cut(events, iranus.COURSE_DATE)
    assert iranus.load("events", as_of=iranus.COURSE_DATE)["event_id"].tolist() == expected["event_id"].tolist()


def test_the_course_date_is_written_once_in_the_package_code():
    # the question banks (checks/) read it too: AS_OF = COURSE_DATE
    hits = []
    for path in SRC.rglob("*.py"):
        for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if '"2026-02-06"' in line:
                hits.append(f"{path.relative_to(SRC)}:{n}")
    assert hits == ["datasets/dates.py:30"]


# -- layering: nothing below the context loads data --------------------------------------------

_FORBIDDEN = ("iranus.datasets.loading", "iranus.datasets.reading", "iranus.course", "iranus.explorers")
_LOADER_NAMES = {"load", "course", "Course"} | {n for n in iranus.__all__ if n.startswith("load_")}


def _imports(path: Path) -> list[str]:
    """Absolute names imported by a module of the package (relative imports resolved)."""
    rel = path.relative_to(SRC.parent).with_suffix("")
    package = list(rel.parts[:-1]) if rel.name != "__init__" else list(rel.parts[:-1])
    out = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            out += [a.name for a in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                base = ".".join(package[: len(package) - node.level + 1] + ([base] if base else []))
            out += [base] + [f"{base}.{a.name}" for a in node.names]
    return out


@pytest.mark.parametrize("tree", ["models", "record", "charts"])
def test_models_record_and_charts_do_not_import_a_loader(tree):
    offenders = []
    for path in sorted((SRC / tree).rglob("*.py")):
        for name in _imports(path):
            if name.startswith(_FORBIDDEN) or (name.startswith("iranus.") and name.rsplit(".", 1)[-1] in _LOADER_NAMES and name.count(".") == 1):
                offenders.append(f"{path.relative_to(SRC)}: {name}")
            if tree != "charts" and name.startswith("iranus.datasets.package"):
                offenders.append(f"{path.relative_to(SRC)}: {name}")
    assert offenders == []


def test_the_import_check_would_see_a_loader_import(tmp_path):
    bad = SRC / "models" / "_probe_for_test.py"
    bad.write_text("from ..datasets.loading import load\nfrom .. import load_events\n", encoding="utf-8")
    try:
        names = _imports(bad)
    finally:
        bad.unlink()
    assert "iranus.datasets.loading.load" in names and "iranus.load_events" in names


# -- an edited copy of the data, end to end ----------------------------------------------------


@pytest.fixture
def edited(data_copy: Path) -> Path:
    """The bundled data with Iran renamed and one event added on 5 February 2026."""
    actors = data_copy / "actors.csv"
    text = actors.read_text(encoding="utf-8").replace("\niran,Iran,", "\niran,Islamic Republic of Iran (edited),", 1)
    actors.write_text(text, encoding="utf-8")
    events = data_copy / "events.csv"
    with open(events, encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh))
        fields = list(rows[0])
    new = dict(rows[-1])
    new.update(
        event_id="edited_test_event",
        date="2026-02-05",
        date_precision="day",
        title_en="An instructor's added event",
        description_en="Added by the test of edited data.",
        category="diplomacy",
    )
    with open(events, "a", encoding="utf-8", newline="") as fh:
        csv.DictWriter(fh, fieldnames=fields).writerow(new)
    return data_copy


def test_an_edited_copy_shows_in_loading_and_labels(edited):
    c = iranus.course(data_dir=edited)
    assert "edited_test_event" in set(c.load("events")["event_id"])
    assert c.label("actors", "iran") == "Islamic Republic of Iran (edited)"
    assert c.labels("actors")["iran"] == "Islamic Republic of Iran (edited)"
    # the bundled data is untouched, and its cache is not confused with the copy's
    assert iranus.course().label("actors", "iran") == "Iran"
    assert "edited_test_event" not in set(iranus.course().load("events")["event_id"])


def test_an_edited_copy_shows_in_the_record_and_models(edited):
    c = iranus.course(data_dir=edited)
    people = timeline.participants(c.load("events"), c.load("event_actors"), c.load("actors"), "muscat_round_2026")
    assert "Islamic Republic of Iran (edited)" in set(people["name"])
    table = agendas.stance_table(c.load("positions"), c.load("issues"))
    assert "Islamic Republic of Iran (edited)" in set(table["actor"].astype(str))
    assert bargaining.win_sets(c.deal_space()).equals(bargaining.win_sets(iranus.course().deal_space()))
    base = forecasting.position_baseline(c.load("positions"), c.load("capabilities"))
    assert set(base["issue_id"]) == set(c.load("positions")["issue_id"])
    from iranus.models import prospects

    space = c.deal_space()
    nash = space.package(int(bargaining.nash_bargaining_solution(space)["package_id"]))
    totals = prospects.package_totals(nash, space).set_index("actor_id")
    assert totals.loc["iran"].astype(str).str.contains("Islamic Republic of Iran \\(edited\\)").any()


def test_an_edited_copy_shows_in_charts_and_explorers(edited):
    from iranus import charts
    from iranus.explorers.timeline_ui import TimelineExplorer

    c = iranus.course(data_dir=edited)
    spec = charts.timeline_chart(c.load("events")).to_dict()
    values = [row for data in spec.get("datasets", {}).values() for row in data]
    assert any(row.get("event_id") == "edited_test_event" for row in values)
    heat = charts.stance_heatmap(agendas.stance_table(c.load("positions"), c.load("issues")))
    heat_values = [row for data in heat.to_dict().get("datasets", {}).values() for row in data]
    assert any(row.get("actor") == "Islamic Republic of Iran (edited)" for row in heat_values)
    explorer = TimelineExplorer(course=c)
    assert "edited_test_event" in set(explorer.events["event_id"])
    assert explorer.as_of_cap == iranus.COURSE_DATE


def test_an_edited_copy_prints_its_own_record_end_in_the_charts_source_lines(data_copy):
    """Without a cut, a chart's source line names the record's end of the folder its table came
    from (the edited copy's 31 July), not the bundled data's 1 July 2026."""
    import json

    from iranus import charts
    from iranus.explorers.forecast_ui import forecast_table
    from iranus.record import source_reading

    descriptor = data_copy / "datapackage.json"
    desc = json.loads(descriptor.read_text(encoding="utf-8"))
    assert desc["iranus:record_end"] == "2026-07-01"
    desc["iranus:record_end"] = "2026-07-31"
    descriptor.write_text(json.dumps(desc, ensure_ascii=False, indent=2), encoding="utf-8")
    c = iranus.course(as_of=None, data_dir=data_copy)

    def source(chart) -> str:
        subtitle = chart.to_dict()["title"]["subtitle"]
        return subtitle if isinstance(subtitle, str) else subtitle[0]

    verdicts = source_reading.claim_verdicts(c.load("claims"), c.load("claim_checks"))
    lines = {
        "by month": source(charts.events_by_month_chart(c.load("events"))),
        "timeline": source(charts.timeline_chart(c.load("events"))),
        "verdicts": source(charts.verdicts_chart(verdicts)),
        "reliability": source(charts.reliability_chart(c.load("sources"))),
        "heatmap": source(charts.stance_heatmap(agendas.stance_table(c.load("positions"), c.load("issues")))),
        "forecast": source(charts.forecast_chart(forecast_table({}, c.load("scenarios")), occurred={})),
        "forecast (ar)": source(
            charts.forecast_chart(forecast_table({}, c.load("scenarios"), "ar"), occurred={}, language="ar")
        ),
    }
    for chart, line in lines.items():
        assert "2026-07-31" in line and "2026-07-01" not in line, (chart, line)
    assert lines["by month"].startswith("Source: iranus data (events), record ends 2026-07-31.")
    # the bundled data keeps its own end, and a table without the loader's mark reads the bundled package
    bundled = iranus.course(as_of=None)
    assert "record ends 2026-07-01." in source(charts.events_by_month_chart(bundled.load("events")))
    assert charts.source_line("events") == "Source: iranus data (events), record ends 2026-07-01."
    assert charts.source_line("events", frame=c.load("events")) == "Source: iranus data (events), record ends 2026-07-31."


def test_the_cross_process_cache_never_serves_an_edited_table_stale(data_copy, tmp_path, monkeypatch):
    from iranus.datasets import loading

    monkeypatch.setenv("IRANUS_CACHE_DIR", str(tmp_path / "cache"))
    first = iranus.course(data_dir=data_copy).label("actors", "oman")
    assert first == "Oman" and any((tmp_path / "cache").glob("*-actors.pkl"))
    loading._load_cached.cache_clear()  # as in a new process: only the file cache is left
    actors = data_copy / "actors.csv"
    actors.write_text(actors.read_text(encoding="utf-8").replace("\noman,Oman,", "\noman,Sultanate of Oman,", 1), encoding="utf-8")
    assert iranus.course(data_dir=data_copy).label("actors", "oman") == "Sultanate of Oman"
    broken = actors.read_text(encoding="utf-8").replace("\noman,Sultanate of Oman,", "\noman,,", 1)
    actors.write_text(broken, encoding="utf-8")  # name_en is required: the gate must see it
    loading._load_cached.cache_clear()
    with pytest.raises(iranus.DataValidationError, match="actors.csv"):
        iranus.course(data_dir=data_copy).load("actors")


def test_every_module_lists_its_public_names():
    import importlib
    import pkgutil

    missing, dangling = [], []
    for info in pkgutil.walk_packages(iranus.__path__, "iranus."):
        if info.name.startswith(("iranus.checks", "iranus.grading")):  # owned by the checks/grading work
            continue
        module = importlib.import_module(info.name)
        names = getattr(module, "__all__", None)
        if names is None:
            if not info.name.rsplit(".", 1)[-1].startswith("_"):
                missing.append(info.name)
            continue
        dangling += [f"{info.name}.{n}" for n in names if not hasattr(module, n)]
    assert missing == [] and dangling == []
    assert {"course", "Course", "COURSE_DATE", "load", "load_events", "IranusError"} <= set(iranus.__all__)
    from iranus import charts

    public_charts = {n for n in dir(charts) if n.endswith("_chart") or n == "stance_heatmap"}
    assert public_charts <= set(charts.__all__)


def test_enums_and_column_guards_come_from_the_schema():
    from iranus.datasets.schema import field_enum, require_columns
    from iranus.record import source_reading

    assert source_reading.VERDICT_ORDER[:-1] == field_enum("claim_checks", "verdict")
    assert source_reading.VERDICT_ORDER[-1] == "no_check_yet"
    with pytest.raises(iranus.ModelInputError, match=r"the positions table \(argument positions\) is missing column\(s\) \['stance'\]"):
        agendas.latest_positions(iranus.course().load("positions").drop(columns="stance").pipe(
            lambda d: agendas.stance_table(d, iranus.course().load("issues"))))
    with pytest.raises(AssertionError, match="not fields of the actors schema"):
        require_columns(iranus.course().load("actors"), "actors", ["no_such_column"])


def test_explorers_use_only_public_chart_modules():
    offenders = []
    for path in sorted((SRC / "explorers").rglob("*.py")):
        offenders += [
            f"{path.name}: {name}"
            for name in _imports(path)
            if name.startswith("iranus.charts.") and name.split(".")[2].startswith("_")
        ]
    assert offenders == []


# -- the lessons' checks, listing and describing read the context's folder ---------------------


def test_course_check_reads_its_own_data_folder(data_copy: Path):
    """An instructor's edited copy: ``c.check`` judges against that copy, not the bundled data."""
    bundled = iranus.course()
    assert bundled.check("04.last_stockpile", 440.9).correct is True
    quantities = data_copy / "quantities.csv"
    text = quantities.read_text(encoding="utf-8")
    old_row = "\niran_stockpile_60pct_kg,2025-06-13,day,440.9,"
    assert text.count(old_row) == 1
    quantities.write_text(text.replace(old_row, "\niran_stockpile_60pct_kg,2025-06-13,day,452.3,"), encoding="utf-8")
    edited = iranus.course(data_dir=data_copy)
    right = edited.check("04.last_stockpile", 452.3)
    assert right.correct is True and right.message.startswith("452.3 kg, dated 13 June 2025"), right
    assert edited.check("04.last_stockpile", 440.9).correct is False
    assert edited.check("04.last_stockpile").correct is None  # the placeholder: no answer yet
    # the bundled course is unchanged by the copy
    assert bundled.check("04.last_stockpile", 440.9).correct is True
    assert bundled.check("04.last_stockpile", 452.3).correct is False


def test_course_lists_and_describes_its_own_data_folder(data_copy: Path):
    import json

    descriptor = data_copy / "datapackage.json"
    package = json.loads(descriptor.read_text(encoding="utf-8"))
    claims = next(r for r in package["resources"] if r["name"] == "claims")
    claims["title"] = "Claims (edited copy)"
    descriptor.write_text(json.dumps(package, indent=2, ensure_ascii=False), encoding="utf-8")
    schema_file = data_copy / claims["schema"]
    schema = json.loads(schema_file.read_text(encoding="utf-8"))
    field = next(f for f in schema["fields"] if f["name"] == "claim_id")
    field["description"] = "An edited description."
    schema_file.write_text(json.dumps(schema, indent=2, ensure_ascii=False), encoding="utf-8")
    edited = iranus.course(data_dir=data_copy)
    listed = edited.list_datasets().set_index("name")
    bundled = iranus.course().list_datasets().set_index("name")
    assert listed.loc["claims", "title"] == "Claims (edited copy)"
    assert bundled.loc["claims", "title"] != "Claims (edited copy)"
    assert listed.loc["events", "rows"] == bundled.loc["events", "rows"] > 0
    assert edited.describe("claims").set_index("column").loc["claim_id", "description"] == "An edited description."
    assert iranus.course().describe("claims").set_index("column").loc["claim_id", "description"] != "An edited description."
    with pytest.raises(KeyError):
        edited.describe("no_such_table")
