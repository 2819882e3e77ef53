"""Chart text a learner reads or hears (fresh read, 5 Dec): axis titles, the marks' aria-labels
(which vl-convert writes into the lessons' SVGs and the explorers' charts carry), and the
subtitles and messages around them, in English and in Arabic.

Each test failed on the code before this change (commit 496b13b): the gap chart's axis read
"Coded stance (0-100 scale of each issue), To, Coded stance (0-100)" and each line "To: 95";
the stance grid read "Coded stance, (0-100 scale, of each issue)"; the Arabic timeline explorer
read "Sunday, 01 June 2025, 12:00:00 AM" and "Jun 12, 2025"; one month read "February 2026 to
February 2026"; one event "6 Feb 2026 to 6 Feb 2026"; the agenda explorer offered "a later date"
at the latest date it allows.
"""

from __future__ import annotations

import datetime as dt
import html
import re

import pandas as pd
import pytest
import vl_convert as vlc
from test_chart_tooltips import _charts

import iranus
from iranus import charts
from iranus.datasets.dates import COURSE_DATE
from iranus.datasets.i18n import t

AS_OF = COURSE_DATE.strftime("%Y-%m-%d")


def _labels(svg: str) -> list[str]:
    return [html.unescape(x) for x in re.findall(r'aria-label="([^"]*)"', svg)]


def _x_axis_title(labels: list[str]) -> str:
    titled = [re.match(r"X-axis titled '(.*)' for ", label) for label in labels]
    found = [m.group(1) for m in titled if m]
    assert len(found) == 1, labels[:5]
    return found[0]


@pytest.fixture(scope="module", params=["en", "ar"])
def rendered(request):
    lang = request.param
    return lang, {name: (chart.to_dict(), vlc.vegalite_to_svg(chart.to_dict())) for name, chart in _charts(lang)}


@pytest.mark.parametrize("lang", ["en", "ar"])
def test_the_gap_chart_axis_has_one_title_and_each_line_reads_its_two_stances(lang):
    c = iranus.course(as_of=AS_OF, language=lang)
    comparison = iranus.record.agendas.agenda_comparison(c.load("positions"), c.load("issues"))
    labels = _labels(vlc.vegalite_to_svg(charts.agenda_gap_chart(comparison, language=lang).to_dict()))
    assert _x_axis_title(labels) == t("chart.gap.x", lang)
    row = comparison.set_index("issue").loc[iranus.label("issues", "enrichment", lang)]
    lo, hi = sorted([row["stance_us"], row["stance_iran"]])
    issue = iranus.label("issues", "enrichment", lang)
    expected = f"{t('chart.gap.lower', lang)}: {lo:g}; {t('chart.stances.issue', lang)}: {issue}; {t('chart.gap.higher', lang)}: {hi:g}"
    assert any(label.startswith(expected) for label in labels), [x for x in labels if issue in x]
    assert not any(f"{t('chart.tip.high', lang)}: " in label for label in labels)


@pytest.mark.parametrize("lang", ["en", "ar"])
def test_the_win_set_axis_has_one_title_and_no_label_position_is_read(lang):
    from iranus.models import two_level

    illustration = two_level.win_set_illustration({"us": 90.0, "iran": 10.0, "israel": 100.0}, "us", "iran", "israel", as_of=AS_OF)
    issue = iranus.label("issues", "enrichment", lang)
    labels = _labels(vlc.vegalite_to_svg(charts.win_set_chart(illustration, issue_label=issue, language=lang).to_dict()))
    assert _x_axis_title(labels) == t("chart.win_set.x", lang, issue=issue)
    # the empty zone's label is read as what it is, not as a place on the scale ("57.6875")
    empty = [x for x in labels if t("chart.win_set.empty", lang) in x]
    assert empty and all(not re.search(r"\d\.\d{3}", x) for x in empty), empty
    assert any(x.startswith(f"{t('chart.tip.low', lang)}: 0; ") and f"; {t('chart.tip.high', lang)}: 30" in x for x in labels)


def test_no_chart_reads_a_title_split_by_commas(rendered):
    """A title over several lines (a list) is read as one phrase; x and x2 (and layers) share one axis title."""
    lang, built = rendered
    bad = []
    for name, (spec, svg) in built.items():
        for label in _labels(svg):
            if ", (" in label or "، (" in label:
                bad.append(f"{name}: {label[:160]}")
            m = re.match(r"[XY]-axis titled '(.*)' for ", label)
            if m and (f", {t('chart.tip.high', lang)}" in m.group(1) or m.group(1).count(t("chart.tip.stance", lang).split(" (")[0]) > 1):
                bad.append(f"{name}: axis {m.group(1)!r}")
    assert not bad, "\n".join(bad)


def test_a_field_title_is_one_string(rendered):
    """Only a legend's or an axis's own title may be a list of lines: a field's title is read aloud."""
    lang, built = rendered

    def walk(node, path, found):
        if isinstance(node, dict):
            if "field" in node and isinstance(node.get("title"), list):
                found.append(f"{path}: {node['field']} titled {node['title']}")
            for k, v in node.items():
                walk(v, f"{path}/{k}", found)
        elif isinstance(node, list):
            for k, v in enumerate(node):
                walk(v, f"{path}[{k}]", found)
        return found

    bad = [f"{name}{x}" for name, (spec, _) in built.items() for x in walk({k: v for k, v in spec.items() if k != "datasets"}, "", [])]
    assert not bad, "\n".join(bad)


def test_the_stance_legend_still_wraps_over_lines():
    spec = charts.stance_heatmap(
        iranus.record.agendas.stance_table(iranus.load("positions", as_of=AS_OF), iranus.load("issues")), language="en"
    ).to_dict()
    colour = spec["layer"][0]["encoding"]["color"]
    assert colour["title"] == "Coded stance (0-100 scale of each issue)"
    assert colour["legend"]["title"] == ["Coded stance", "(0-100 scale", "of each issue)"]


#: Vega's own English date descriptions: a weekday, a clock time, a US-style date.
_VEGA_DATE = re.compile(r"\d{1,2}:\d{2}:\d{2}|\b(?:AM|PM)\b|day, |\b[A-Z][a-z]{2} \d{1,2}, \d{4}")
_MONTHS_EN = re.compile(r"\b(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*\b")


@pytest.fixture(scope="module")
def timelines():
    from iranus.explorers.timeline_ui import TimelineExplorer

    return {lang: TimelineExplorer(course=iranus.course(language=lang)) for lang in ("en", "ar")}


def _pick(explorer, first: str, last: str) -> str:
    months = explorer._months
    explorer.date_range.index = (months.index(pd.Timestamp(first)), months.index(pd.Timestamp(last)))
    return explorer.chart_svg


@pytest.mark.parametrize("lang", ["en", "ar"])
def test_the_timeline_explorer_says_dates_in_its_language_to_the_day(timelines, lang):
    labels = _labels(_pick(timelines[lang], "2025-06-01", "2025-07-01"))
    bad = [x for x in labels if _VEGA_DATE.search(x) or (lang == "ar" and _MONTHS_EN.search(x.split("الحدث: ")[0]))]
    assert not bad, bad[:3]
    # the IAEA Board's finding of 12 June 2025, dated as the lessons' tables write it
    assert any(x.startswith(f"{t('chart.tip.when', lang)}: 12 {t('month.6', lang)} 2025; ") for x in labels), labels[:4]


@pytest.mark.parametrize("lang", ["en", "ar"])
def test_one_month_is_said_once(timelines, lang):
    svg = _pick(timelines[lang], "2026-02-01", "2026-02-01")
    text = " ".join(_labels(svg)) + " " + html.unescape(svg)
    month = f"{t('month.2', lang)} 2026"
    assert not re.search(rf"(\S+ \d{{4}}) to \1\b", text), "a month said twice"
    assert not re.search(r"من (\S+ \d{4}) إلى \1", text), "a month said twice"
    assert month in text


@pytest.mark.parametrize("lang", ["en", "ar"])
def test_one_event_is_dated_once(lang):
    events = iranus.course(as_of=AS_OF, language=lang).load("events")
    one = events[events["date"] == COURSE_DATE].head(1)
    subtitle = charts.timeline_chart(one, language=lang).to_dict()["title"]["subtitle"]
    text = " ".join(subtitle) if isinstance(subtitle, list) else subtitle
    day = f"6 {t('month.2', lang)} 2026"
    assert text.count(day) == 1, text
    assert text.endswith(t("chart.timeline.one_event", lang, n=1, span=t("chart.span_one", lang, when=day))), text


@pytest.mark.parametrize("lang", ["en", "ar"])
def test_the_agenda_message_offers_a_later_date_only_when_one_helps(lang):
    from iranus.explorers.agenda_ui import AgendaExplorer

    course = iranus.course(as_of=AS_OF, language=lang)
    positions = course.load("positions")
    oman = positions[positions["actor_id"] == "oman"]
    assert list(oman["date"]) == [COURSE_DATE]  # Oman's one coded statement, on 6 Feb 2026
    said, unsaid = oman["issue_id"].iloc[0], sorted(set(positions["issue_id"]) - set(oman["issue_id"]))[0]
    explorer = AgendaExplorer(course=course)
    later = t("ui.no_statement_match", lang).split("{when}")[1]
    explorer.actor_select.value = ("oman",)
    explorer.issue_select.value = (unsaid,)  # nothing on this issue, even at the latest date
    assert explorer.message.value and later not in explorer.message.value
    assert t("ui.no_statement_match_latest", lang).split("{when}")[1] in explorer.message.value
    explorer.issue_select.value = (said,)
    explorer.date_picker.value = dt.date(2026, 2, 1)  # said on 6 Feb: a later date shows it
    assert later in explorer.message.value
