"""Chart tooltips a reader can read (issue 13): every field titled in the chart's language, no id.

Vega writes each mark's tooltip into the SVG as its accessible description (read aloud by screen
readers), and the explorers show it on hover: a tooltip is text on screen. Every chart function
the package exports is built from the bundled data, in English and in Arabic.
"""

from __future__ import annotations

import re

import pandas as pd
import pytest

import iranus
from iranus import charts
from iranus.charts.quantities import quantity_data
from iranus.datasets.dates import COURSE_DATE

AS_OF = COURSE_DATE.strftime("%Y-%m-%d")
LATIN = re.compile(r"[A-Za-z]")
#: A code or id: lower-case words joined by underscores ("presstv_2022_02_10_oil_exports", "claim_type").
ID_LIKE = re.compile(r"^[a-z0-9]+(?:_[a-z0-9]+)+$")


def _charts(lang: str):
    """(name, chart) for every chart function of :mod:`iranus.charts`, in ``lang``."""
    from iranus.charts import agenda_chart, explorer_chart, forecast_chart, sorter_chart
    from iranus.charts.zones import deal_chart
    from iranus.explorers.forecast_ui import forecast_table
    from iranus.models import prospects, two_level
    from iranus.models.bargaining import TABLE_PARTIES
    from iranus.models.prospects import evaluate_package
    from iranus.record import agendas, leverage
    from iranus.record.agendas import agenda_matrix
    from iranus.record.source_reading import claim_verdicts

    course = iranus.course(as_of=AS_OF, language=lang)
    claims, events = course.load("claims"), course.load("events")
    positions, issues = course.load("positions"), course.load("issues")
    quantities, scenarios = course.load("quantities"), course.load("scenarios")
    space = course.deal_space()
    package = {issue: options[0] for issue, options in zip(space.issues, space.options)}
    evaluation = evaluate_package(space, package, TABLE_PARTIES)
    matrix = agenda_matrix(positions, as_of=AS_OF)
    yield "claims_by_type_chart", charts.claims_by_type_chart(claims, language=lang)
    yield "timeline_chart", charts.timeline_chart(events, language=lang)
    yield "stance_heatmap", charts.stance_heatmap(agendas.stance_table(positions, issues), language=lang)
    yield "agenda_gap_chart", charts.agenda_gap_chart(agendas.agenda_comparison(positions, issues), language=lang)
    illustration = two_level.win_set_illustration({"us": 90.0, "iran": 10.0, "israel": 100.0}, "us", "iran", "israel", as_of=AS_OF)
    yield "win_set_chart", charts.win_set_chart(illustration, issue_label=iranus.label("issues", "enrichment", lang), language=lang)
    yield "quantity_chart", charts.quantity_chart(quantities, ["iran_stockpile_60pct_kg"], title="-", language=lang)
    yield "quantity_chart(oil)", charts.quantity_chart(quantities, ["iran_crude_exports_mbd"], title="-", language=lang)
    counts = leverage.competing_counts(quantities, ["war_2025_deaths_iran_health_ministry", "war_2025_deaths_iran_hrana"])
    yield "competing_counts_chart", charts.competing_counts_chart(counts, title="-", language=lang)
    yield "zone_sizes_chart", charts.zone_sizes_chart(prospects.zone_comparison(space), language=lang)
    yield "attribution_groups_chart", charts.attribution_groups_chart(claims, language=lang)
    yield "verdicts_chart", charts.verdicts_chart(claim_verdicts(claims, course.load("claim_checks")), as_of=AS_OF, language=lang)
    yield "reliability_chart", charts.reliability_chart(course.load("sources"), as_of=AS_OF, language=lang)
    yield "events_by_month_chart", charts.events_by_month_chart(course.whole_record().load("events"), start=AS_OF, language=lang)
    actors = course.labels("actors").to_dict()
    issue_names = course.labels("issues").to_dict()
    yield "agenda_chart", agenda_chart(matrix, actors, issue_names, as_of=AS_OF, language=lang)
    yield "explorer_chart", explorer_chart(events, language=lang)
    results = pd.DataFrame({"type_given": ["fact", "forecast"], "type_expected": ["fact", "assessment"]})
    yield "sorter_chart", sorter_chart(results, lang)
    yield "deal_chart", deal_chart(space, evaluation, actors, TABLE_PARTIES, {"us": ["israel"]}, language=lang)
    table = forecast_table({s: 100 / len(scenarios) for s in scenarios["scenario_id"]}, scenarios, lang)
    yield "forecast_chart", forecast_chart(table, occurred={s: i == 0 for i, s in enumerate(scenarios["scenario_id"])}, language=lang)


def _tooltips(node, found: list) -> list:
    """Every tooltip field (dict with ``field`` and maybe ``title``) anywhere in a spec."""
    if isinstance(node, dict):
        for key, value in node.items():
            if key == "tooltip" and isinstance(value, (list, dict)):
                found.extend(v for v in (value if isinstance(value, list) else [value]) if isinstance(v, dict) and "field" in v)
            else:
                _tooltips(value, found)
    elif isinstance(node, list):
        for value in node:
            _tooltips(value, found)
    return found


def _rows(spec: dict) -> list[dict]:
    """Every data row of a spec (its named datasets and inline values)."""
    rows = [r for values in spec.get("datasets", {}).values() for r in values]

    def inline(node):
        if isinstance(node, dict):
            if isinstance(node.get("data"), dict) and isinstance(node["data"].get("values"), list):
                rows.extend(node["data"]["values"])
            for v in node.values():
                inline(v)
        elif isinstance(node, list):
            for v in node:
                inline(v)

    inline(spec)
    return [r for r in rows if isinstance(r, dict)]


@pytest.fixture(scope="module", params=["en", "ar"])
def built(request):
    lang = request.param
    return lang, [(name, chart.to_dict()) for name, chart in _charts(lang)]


def test_every_chart_function_is_built():
    public = {name for name in charts.__all__ if name.endswith("_chart") or name == "stance_heatmap"}
    covered = {name for name, _ in _charts("en")}
    assert public <= covered, sorted(public - covered)


def test_every_tooltip_field_has_a_readable_title_in_the_charts_language(built):
    lang, specs = built
    bad = []
    for name, spec in specs:
        for tip in _tooltips(spec, []):
            title = tip.get("title")
            if isinstance(title, list):  # a title over lines, as the legend writes it
                title = " ".join(title) if all(isinstance(x, str) for x in title) else None
            if not isinstance(title, str) or not title or title == tip["field"] or ID_LIKE.match(title):
                bad.append(f"{name}: {tip['field']} titled {title!r}")
            elif lang == "ar" and LATIN.search(title):
                bad.append(f"{name}: {tip['field']} titled {title!r} (Latin letters)")
    assert not bad, "\n".join(bad)


def test_no_tooltip_shows_an_id_or_a_code(built):
    lang, specs = built
    bad = set()
    for name, spec in specs:
        fields = {tip["field"] for tip in _tooltips(spec, [])}
        for row in _rows(spec):
            for field in fields & set(row):
                if isinstance(row[field], str) and ID_LIKE.match(row[field]):
                    bad.add(f"{name}: {field} = {row[field]!r}")
    assert not bad, "\n".join(sorted(bad))


def test_the_quantity_tooltip_names_source_measure_and_how_known():
    spec = charts.quantity_chart(iranus.load("quantities"), ["iran_crude_exports_mbd"], title="-").to_dict()
    titles = [tip["title"] for tip in _tooltips(spec, [])]
    for title in ("Date", "Source", "How the figure is known", "Confidence", "What was measured"):
        assert title in titles, titles
    rows = _rows(spec)
    assert {r["source"] for r in rows if "source" in r} >= {"Press TV, 10 Feb 2022"}


@pytest.mark.parametrize("lang", ["en", "ar"])
def test_a_series_has_one_name_and_each_point_its_own_measure(lang):
    q = iranus.course(language=lang).whole_record().load("quantities")
    data = quantity_data(q, ["iran_max_enrichment_level_pct"], language=lang)
    assert data["series"].nunique() == 1
    name = data["series"].iloc[0]
    assert "foreign minister" not in name and "وزير" not in name
    point_2016 = data[data["date"].dt.year == 2016].iloc[0]
    assert point_2016["value"] == 3.67
    # how the 2016 figure is known: verified by IAEA inspectors, not the 2025 minister's claim
    assert point_2016["estimate_kind"] == "verified" and "foreign minister" not in point_2016["measure"]
    if lang == "en":
        assert name == "Enrichment level (highest Iran was producing, %)"
        assert "IAEA" in point_2016["kind"]
    oil = quantity_data(q, ["iran_crude_exports_mbd"], language=lang)
    assert oil["series"].nunique() == 1 and oil["measure"].nunique() > 1


def test_a_year_only_first_figure_starts_the_subtitle_range_at_the_year():
    q = iranus.course().whole_record().load("quantities")
    first = q[q["series_id"] == "iran_rial_per_usd_open_market"].sort_values("date").iloc[0]
    assert first["date_precision"] == "year" and first["date"].year == 2015
    subtitle = charts.quantity_chart(q, ["iran_rial_per_usd_open_market"], title="-").to_dict()["title"]["subtitle"]
    text = " ".join(subtitle) if isinstance(subtitle, list) else subtitle
    assert re.search(r"figures, 2015 to ", text), text
    assert "Jan 2015" not in text


#: Vega's own descriptions of axes, legends and titles (not a mark's fields).
_VEGA_OWN = ("X-axis", "Y-axis", "Symbol legend", "Gradient legend", "Title text", "Subtitle text", "Size legend")


def test_the_svg_reads_no_column_name_or_id_aloud(built):
    """The SVG a lesson stores: each mark's accessible description (aria-label) names its fields
    by their titles (a screen reader reads it), never by column names, and holds no id."""
    import vl_convert as vlc

    lang, specs = built
    bad = set()
    for name, spec in specs:
        svg = vlc.vegalite_to_svg(spec)
        for label in re.findall(r'aria-label="([^"]*)"', svg):
            if label.startswith(_VEGA_OWN):
                continue
            for part in label.split("; "):
                key, _, value = part.partition(": ")
                if not value:
                    continue
                if re.fullmatch(r"[a-z0-9_]+", key) or (lang == "ar" and LATIN.search(key)) or ID_LIKE.match(value):
                    bad.add(f"{name}: {part!r}")
    assert not bad, "\n".join(sorted(bad))
