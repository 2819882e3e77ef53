"""One translation catalogue per language, and charts that speak the learner's language.

Every string a learner sees that is not in the data tables lives in
``iranus/datasets/catalogue/en.json`` and ``ar.json``. These tests check that the two catalogues
hold the same keys and fields, that the Arabic one is Arabic, and that an Arabic chart carries no
English title, axis title or legend title, over every chart function of the package.
"""

from __future__ import annotations

import json
import re
import string
from importlib import resources

import pandas as pd
import pytest

import iranus
from iranus import charts
from iranus.datasets.i18n import catalogue, format_date, t, value_label

AS_OF = "2026-02-06"
LATIN = re.compile(r"[A-Za-z]")
ARABIC = re.compile(r"[\u0600-\u06FF]")
#: Latin text allowed in Arabic catalogue entries: keyboard keys named on screen.
ALLOWED_LATIN = ("Ctrl/Cmd",)


def _fields(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}


def test_both_catalogues_hold_the_same_keys_and_fields():
    en, ar = catalogue("en"), catalogue("ar")
    assert set(en) == set(ar), f"only in en: {sorted(set(en) - set(ar))}; only in ar: {sorted(set(ar) - set(en))}"
    for key in en:  # Arabic may leave a field out (a singular needs no number), never add one
        assert _fields(ar[key]) <= _fields(en[key]), key


def test_the_files_are_json_of_sections():
    for language in ("en", "ar"):
        raw = json.loads(resources.files("iranus.datasets").joinpath("catalogue", f"{language}.json").read_text(encoding="utf-8"))
        assert {"value", "ui", "chart", "source", "month", "group", "range"} <= set(raw)
        assert all(isinstance(v, str) and v.strip() for section in raw.values() for v in section.values())


def test_arabic_entries_are_arabic():
    for key, text in catalogue("ar").items():
        if key.startswith("source.end") or key.startswith("source.list_sep"):
            continue  # punctuation only
        if text.isdigit():  # none today; a year would be allowed
            continue
        assert ARABIC.search(text), f"{key}: {text!r} has no Arabic"
        stripped = re.sub(r"\{[a-z_]+\}", "", text)  # format fields are names, not text
        for token in ALLOWED_LATIN:
            stripped = stripped.replace(token, "")
        assert not LATIN.search(stripped), f"{key}: {text!r} keeps English"


def test_the_field_terms_are_the_standard_arabic_ones():
    ar = catalogue("ar")
    assert ar["value.iaea"] == "الوكالة الدولية للطاقة الذرية"
    assert ar["dataset.sources"] == "المصادر" and ar["value.sanctions"] == "عقوبات"
    assert ar["chart.win_set.zopa"] == "منطقة الاتفاق الممكن"
    assert ar["unit.kg of uranium"] == "كغ من اليورانيوم"


def test_t_formats_and_names_a_missing_key():
    assert t("chart.n_claims", "en", n=34) == "34 claims."
    assert t("chart.n_claims", "ar", n=34) == "عدد الادعاءات: 34."
    with pytest.raises(KeyError, match="no text 'chart.nope' in the ar catalogue"):
        t("chart.nope", "ar")
    with pytest.raises(ValueError, match="language='fr'"):
        t("chart.n_claims", "fr")


def test_value_labels_and_dates_come_from_the_catalogue():
    assert value_label("anonymous_official", "en") == "anonymous official"
    assert value_label("anonymous_official", "ar") == "مسؤول لم يُذكر اسمه"
    assert value_label("a_new_code", "ar") == "a_new_code"  # a new code never breaks a chart
    assert format_date("2026-02-06", "en") == "6 Feb 2026"
    assert format_date("2026-02-06", "ar") == "6 فبراير 2026"
    assert format_date("2021-04-01", "ar", "month") == "أبريل 2021"
    assert format_date("2019-01-01", "ar", "year") == "2019"


# -- every chart function, in Arabic -----------------------------------------------------------


def _titles(spec, path="") -> list[tuple[str, str]]:
    """Every title, subtitle, axis title and legend title in a Vega-Lite spec, with its path."""
    found = []
    if isinstance(spec, dict):
        for key, value in spec.items():
            here = f"{path}/{key}"
            if key == "title":
                if isinstance(value, dict):
                    for part in ("text", "subtitle"):
                        found += _strings(value.get(part), f"{here}/{part}")
                else:
                    found += _strings(value, here)
            elif key == "data" or key == "datasets":
                continue  # data values are data, translated by the data tables themselves
            else:
                found += _titles(value, here)
    elif isinstance(spec, list):
        for i, value in enumerate(spec):
            found += _titles(value, f"{path}/{i}")
    return found


def _strings(value, path) -> list[tuple[str, str]]:
    if value is None:
        return []
    if isinstance(value, str):
        return [(path, value)]
    return [(f"{path}/{i}", v) for i, v in enumerate(value) if isinstance(v, str)]


def _arabic_charts():
    from iranus.charts import agenda_chart, explorer_chart, forecast_chart, sorter_chart
    from iranus.charts.zones import deal_chart
    from iranus.explorers.forecast_ui import forecast_table
    from iranus.models import prospects, two_level
    from iranus.models.bargaining import TABLE_PARTIES
    from iranus.models.prospects import evaluate_package
    from iranus.record.agendas import agenda_matrix
    from iranus.record import agendas, leverage
    from iranus.record.source_reading import claim_verdicts

    ar = "ar"
    course = iranus.course(as_of=AS_OF, language=ar)
    claims = course.load("claims")
    events = course.load("events")
    positions = course.load("positions")
    issues = course.load("issues")
    quantities = course.load("quantities")
    scenarios = course.load("scenarios")
    space = course.deal_space()
    package = {issue: options[0] for issue, options in zip(space.issues, space.options)}
    evaluation = evaluate_package(space, package, TABLE_PARTIES)
    stances = {"us": 90.0, "iran": 10.0, "israel": 100.0}
    results = pd.DataFrame({"type_given": ["fact", "forecast"], "type_expected": ["fact", "assessment"]})
    matrix = agenda_matrix(positions, as_of=AS_OF)
    yield "claims_by_type_chart", charts.claims_by_type_chart(claims, language=ar)
    yield "timeline_chart", charts.timeline_chart(events, language=ar)
    yield "stance_heatmap", charts.stance_heatmap(agendas.stance_table(positions, issues), language=ar)
    yield "agenda_gap_chart", charts.agenda_gap_chart(agendas.agenda_comparison(positions, issues), language=ar)
    illustration = two_level.win_set_illustration(stances, "us", "iran", "israel", as_of=AS_OF)
    yield "win_set_chart", charts.win_set_chart(illustration, issue_label="التخصيب", language=ar)
    yield "quantity_chart", charts.quantity_chart(quantities, ["iran_stockpile_60pct_kg"], title="مخزون اليورانيوم المخصب بنسبة 60٪", language=ar)
    counts = leverage.competing_counts(quantities, ["war_2025_deaths_iran_health_ministry", "war_2025_deaths_iran_hrana"])
    yield "competing_counts_chart", charts.competing_counts_chart(counts, title="قتلى حرب يونيو 2025 في إيران", language=ar)
    yield "zone_sizes_chart", charts.zone_sizes_chart(prospects.zone_comparison(space), language=ar)
    yield "attribution_groups_chart", charts.attribution_groups_chart(claims, language=ar)
    verdicts = claim_verdicts(claims, course.load("claim_checks"))
    yield "verdicts_chart", charts.verdicts_chart(verdicts, as_of=AS_OF, language=ar)
    yield "reliability_chart", charts.reliability_chart(course.load("sources"), as_of=AS_OF, language=ar)
    yield "events_by_month_chart", charts.events_by_month_chart(course.whole_record().load("events"), start=AS_OF, language=ar)
    actors = {str(a): str(a) for a in matrix["actor_id"]}
    issue_names = {str(i): str(i) for i in matrix["issue_id"]}
    yield "agenda_chart", agenda_chart(matrix, actors, issue_names, as_of=AS_OF, language=ar)
    yield "explorer_chart", explorer_chart(events, language=ar)
    yield "sorter_chart", sorter_chart(results, ar)
    labels = dict(course.labels("actors").items())
    yield "deal_chart", deal_chart(space, evaluation, labels, TABLE_PARTIES, {"us": ["israel"]}, language=ar)
    table = forecast_table({s: 100 / len(scenarios) for s in scenarios["scenario_id"]}, scenarios, ar)
    yield "forecast_chart", forecast_chart(table, language=ar)
    occurred = {s: i == 0 for i, s in enumerate(scenarios["scenario_id"])}
    yield "forecast_chart(scored)", forecast_chart(table, occurred=occurred, language=ar)


@pytest.fixture(scope="module")
def arabic_charts() -> list:
    """(name, chart) for every chart function, built once for the module."""
    return list(_arabic_charts())


def test_every_chart_function_is_covered(arabic_charts):
    covered = {name for name, _ in arabic_charts}
    public = {name for name in dir(charts) if name.endswith("_chart") or name == "stance_heatmap"}
    assert public <= covered, f"chart functions without an Arabic test: {sorted(public - covered)}"


def test_an_arabic_chart_has_no_english_title_axis_or_legend(arabic_charts):
    english = []
    for name, chart in arabic_charts:
        titles = _titles(chart.to_dict())
        assert titles, name
        for path, text in titles:
            if LATIN.search(text):
                english.append(f"{name} {path}: {text!r}")
    assert not english, "English left in Arabic charts:\n" + "\n".join(english)


def test_an_english_chart_keeps_its_english_titles():
    spec = charts.claims_by_type_chart(iranus.load("claims"), language="en").to_dict()
    assert spec["title"]["text"] == "The article's claims by type and attribution"
    assert spec["encoding"]["x"]["title"] == "Number of claims"
    assert spec["title"]["subtitle"].startswith("Source: iranus data (claims).")
    spec = charts.claims_by_type_chart(iranus.load("claims"), language="ar").to_dict()
    assert spec["title"]["text"] == "ادعاءات المقال بحسب النوع والنسبة إلى القائل"
    assert spec["title"]["subtitle"].startswith("المصدر: بيانات المقرَّر (الادعاءات).")


def test_every_key_the_package_asks_for_is_in_both_catalogues():
    """Literal keys in the source (``t("chart.x", ...)``, ``ui("save", ...)``) exist in en and ar."""
    from pathlib import Path

    src = Path(iranus.__file__).parent
    wanted = set()
    for path in src.rglob("*.py"):
        text = path.read_text(encoding="utf-8")
        wanted |= set(re.findall(r'\bt\(\s*"([a-z_]+\.[A-Za-z0-9_.]+)"', text))
        wanted |= {f"ui.{k}" for k in re.findall(r'\bui\(\s*"([a-z_0-9]+)"', text)}
    assert len(wanted) > 100, sorted(wanted)
    for language in ("en", "ar"):
        missing = sorted(wanted - set(catalogue(language)))
        assert not missing, f"keys missing from {language}.json: {missing}"


def test_an_arabic_explorer_speaks_arabic(tmp_path):
    from iranus.explorers import forecast_board

    board = forecast_board(course=iranus.course(language="ar"), path=tmp_path / "f.json")
    assert board.save_button.description == "حفظ" and board.even_button.description == "اجعل المجموع 100"
    board.save_button.click()
    text = re.sub(r"<[^>]+>|\S*f\.json", "", board.message.value)
    assert ARABIC.search(text) and not LATIN.search(text), board.message.value


def test_the_timeline_legend_values_follow_the_language():
    """A learner's trial found the Arabic timeline's legend values left in English (high/medium/low)."""
    import iranus
    from iranus.charts import event_timeline

    events = iranus.course().load("events")
    ar = event_timeline.timeline_data(events, "ar")
    assert set(ar["confidence"].dropna()) <= {"عالية", "متوسطة", "منخفضة"}
    spec = event_timeline.timeline_chart(events, language="ar").to_dict()
    domains = [layer["encoding"]["color"]["scale"]["domain"] for layer in spec["layer"] if "color" in layer.get("encoding", {})]
    assert domains and domains[0][0] == "عالية"


def test_arabic_counts_take_the_plural_their_number_needs():
    """A learner trial read "10 حدثاً معروضاً" (the form for 11-99) under ten events."""
    from iranus.datasets.i18n import count_text, t

    assert count_text(1, "ui.events_shown", "ar") == "حدث واحد معروض"
    assert count_text(2, "ui.events_shown", "ar") == "حدثان معروضان"
    assert count_text(3, "ui.events_shown", "ar") == "3 أحداث معروضة"
    assert count_text(10, "ui.events_shown", "ar") == "10 أحداث معروضة"
    assert count_text(11, "ui.events_shown", "ar") == "11 حدثاً معروضاً"
    assert count_text(100, "ui.events_shown", "ar") == "100 حدث معروض"
    assert count_text(1, "ui.events_shown", "en") == "1 event shown" and count_text(0, "ui.events_shown", "en") == "0 events shown"
    # the verdicts chart's line is passive: the claims were checked (تُحُقِّق), nobody "checks" them
    assert t("chart.verdicts.checked", "ar", checked=60, total=62, when="x").startswith("تُحُقِّق من 60 من أصل 62 من الادعاءات")
