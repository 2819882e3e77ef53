"""Helpers shared by the explorers: SVG rendering, messages, right-to-left text, UI words.

Nothing here knows about a particular table; each explorer module keeps its own logic.
"""

from __future__ import annotations

import functools
import html
import json
import traceback
from collections.abc import Callable, Iterable

import altair as alt
import ipywidgets as w
import pandas as pd
import vl_convert as vlc

from ..datasets import i18n
from ..charts import use_offline_renderer

use_offline_renderer()

LANGUAGE_OPTIONS = [("English", "en"), ("العربية", "ar")]

def ui(key: str, language: str) -> str:
    """A word of the explorers' own interface in ``language`` ("en" or "ar").

    The words live in the translation catalogue (section ``ui`` of
    ``iranus/datasets/catalogue/<language>.json``); data text (paraphrases, notes) exists in
    English only.

    Raises:
        KeyError: a key missing from the catalogue (a programming error, caught by the tests).
    """
    return i18n.t(f"ui.{key}", language)


def label_map(table: pd.DataFrame, dataset: str, lang: str) -> dict[str, str]:
    """Id -> display label from a table as the loader returns it (actors, issues, scenarios).

    Uses the same columns as :func:`iranus.labels` but works on a DataFrame already in memory
    (a lesson's filtered copy, or a test's small table), so an explorer reads each table once.

    Raises:
        ValueError: ``dataset`` has no label columns, or the table lacks them (names the columns).
    """
    table_labels = i18n.labels(dataset, lang, table=table)
    return {str(k): str(v) for k, v in table_labels.items()}


# vl-convert's name for the Vega-Lite version altair writes ("v6.4.1" -> "v6_4")
_VL_VERSION = "_".join(alt.SCHEMA_VERSION.split(".")[:2])


@functools.lru_cache(maxsize=128)
def _svg_of_spec(spec_json: str) -> str:
    return vlc.vegalite_to_svg(json.loads(spec_json), vl_version=_VL_VERSION)


def svg(chart: alt.TopLevelMixin) -> str:
    """Render an altair chart to an SVG string, offline, with vl-convert.

    The spec is validated by altair (``to_dict``) and rendered by ``vl_convert.vegalite_to_svg``
    as altair's ``"svg"`` renderer does. Renders are cached by spec (128 most recent), so a
    control moved back to an earlier value shows its chart at once, and the same chart always
    gives the same SVG text (vl-convert numbers gradients anew on every render otherwise).
    """
    return _svg_of_spec(json.dumps(chart.to_dict(), sort_keys=True, default=str))


def esc(value: object) -> str:
    """HTML-escape a cell for display; missing values become an empty string."""
    if value is None or (not isinstance(value, str) and pd.isna(value)):
        return ""
    return html.escape(str(value))


def direction(lang: str) -> str:
    """The ``dir`` attribute for a container of text in ``lang`` ("rtl" for Arabic)."""
    return "rtl" if lang == "ar" else "ltr"


def chart_box(svg_text: str, lang: str) -> str:
    """The HTML holding a chart's SVG: always ``dir="ltr"``.

    Vega lays a chart out with absolute coordinates for a left-to-right page; under
    ``direction: rtl`` the browser flips every ``text-anchor`` and the titles and axis labels
    land in the wrong places. Arabic labels inside the SVG are still shaped and ordered right to
    left by the browser's bidirectional algorithm; ``lang`` selects suitable fonts.
    """
    return f'<div class="iranus-chart" dir="ltr" lang="{lang}">{svg_text}</div>'


# Controls (lists, descriptions) of an explorer switched to Arabic read right to left. ipywidgets
# has no ``dir`` for its controls, so the explorer's root gets the class ``iranus-rtl`` and this
# style (shipped in an HTML widget of the explorer: no network, no extension) applies.
RTL_STYLE = (
    "<style>.iranus-rtl select, .iranus-rtl .widget-label, .iranus-rtl .widget-label-basic"
    "{direction: rtl; text-align: right;}</style>"
)


def rtl_style() -> w.HTML:
    """An invisible HTML widget carrying :data:`RTL_STYLE` (one per explorer)."""
    return w.HTML(RTL_STYLE, layout=w.Layout(height="0px", margin="0", padding="0"))


def set_direction(root: w.DOMWidget, lang: str) -> None:
    """Mark an explorer's root as right to left (class ``iranus-rtl``) for Arabic, or not."""
    if lang == "ar":
        root.add_class("iranus-rtl")
    else:
        root.remove_class("iranus-rtl")


def box(inner_html: str, lang: str, css_class: str = "") -> str:
    """Wrap HTML in a div with the right text direction (``dir="rtl"`` for Arabic)."""
    return f'<div class="{css_class}" dir="{direction(lang)}" lang="{lang}">{inner_html}</div>'


_KIND_STYLE = {
    "error": "background:#fdecea;border-left:4px solid #c0392b;color:#611a15",
    "warning": "background:#fff4e5;border-left:4px solid #f0a202;color:#663c00",
    "info": "background:#e8f1fa;border-left:4px solid #1b6ca8;color:#0b3558",
    "ok": "background:#edf7ed;border-left:4px solid #2e7d32;color:#1e4620",
}


def message_html(text: str, kind: str = "error", lang: str = "en") -> str:
    """A short coloured message box (error, warning, info or ok); ``text`` is escaped."""
    style = _KIND_STYLE.get(kind, _KIND_STYLE["info"])
    return (
        f'<div class="iranus-message iranus-{kind}" dir="{direction(lang)}" '
        f'style="{style};padding:6px 10px;margin:4px 0;line-height:1.4">{html.escape(text)}</div>'
    )


def html_table(rows: Iterable[dict[str, object]], columns: list[tuple[str, str]], lang: str) -> str:
    """A small HTML table. ``columns`` lists (key, header); cells are escaped, ``dir="auto"``.

    Cells whose key ends in ``_html`` are inserted as given (already escaped by the caller).
    """
    head = "".join(f'<th style="text-align:start;padding:2px 6px">{esc(h)}</th>' for _, h in columns)
    body = []
    for row in rows:
        cells = []
        for key, _ in columns:
            value = row.get(key)
            text = str(value or "") if key.endswith("_html") else esc(value)
            cells.append(f'<td dir="auto" style="vertical-align:top;padding:2px 6px">{text}</td>')
        body.append("<tr>" + "".join(cells) + "</tr>")
    return box(
        f'<table style="border-collapse:collapse;font-size:90%"><thead><tr>{head}</tr></thead>'
        f"<tbody>{''.join(body)}</tbody></table>",
        lang,
    )


def report_errors(show: Callable[[str], None]) -> Callable:
    """Decorator for widget callbacks: any exception becomes a message, never a traceback.

    ``show`` receives the HTML of the message. Expected problems (``ValueError``, ``KeyError``,
    ``OSError``, including :class:`iranus.DataValidationError`) show their own text; anything
    else shows its type and text with a request to report it. When ``show`` is a method of an
    explorer, the message is set in the explorer's language.
    """

    def lang() -> str:
        try:
            return getattr(show, "__self__").lang
        except Exception:  # noqa: BLE001 - not an explorer's method, or not built yet
            return "en"

    def wrap(fn: Callable) -> Callable:
        def inner(*args, **kwargs):
            try:
                return fn(*args, **kwargs)
            except (ValueError, KeyError, OSError) as exc:
                text = exc.args[0] if isinstance(exc, KeyError) and exc.args else str(exc)
                show(message_html(str(text), "error", lang()))
            except Exception as exc:  # noqa: BLE001 - a learner must never see a traceback
                last = traceback.extract_tb(exc.__traceback__)[-1]
                error = f"{type(exc).__name__}: {exc}"
                show(message_html(ui("unexpected", lang()).format(error=error, where=last.name), "error", lang()))
            return None

        inner.__name__ = getattr(fn, "__name__", "callback")
        inner.__doc__ = fn.__doc__
        return inner

    return wrap


def language_toggle(value: str = "en") -> w.ToggleButtons:
    """The English / Arabic switch shown by every explorer that displays text."""
    if value not in i18n.LANGUAGES:
        raise ValueError(f"language={value!r}: choose one of {', '.join(i18n.LANGUAGES)}")
    toggle = w.ToggleButtons(
        options=LANGUAGE_OPTIONS,
        value=value,
        description="",
        style={"button_width": "80px"},
        layout=w.Layout(width="auto"),
        tooltips=[ui("english_labels", "en"), ui("arabic_labels", "en")],
    )
    toggle.add_class("iranus-language")
    return toggle


def require_columns(df: pd.DataFrame, columns: Iterable[str], table: str) -> None:
    """Raise ModelInputError (a ValueError) naming the table and the missing columns, if any.

    The one guard of :mod:`iranus.datasets.schema`; ``table`` is the dataset's name.
    """
    from ..datasets.schema import require_columns as require

    require(df, table, columns)


def context(course=None, as_of=None, language: str | None = None):
    """The course context an explorer works in.

    Args:
        course: a :class:`iranus.course.Course` (its date, data folder and language), or None.
        as_of: a date cap; with ``course``, overrides its date when given; without, ``None``
            means the whole record (as everywhere in iranus).
        language: ``"en"``/``"ar"``; overrides the course's language when given.

    Returns:
        A :class:`iranus.course.Course`.
    """
    from ..course import course as make_course

    if course is None:
        return make_course(as_of=as_of, language=language)
    changes = {}
    if as_of is not None:
        changes["as_of"] = as_of
    if language is not None:
        changes["language"] = language
    return course.replace(**changes) if changes else course


def load_table(name: str, table: pd.DataFrame | None, ctx=None) -> pd.DataFrame:
    """The given DataFrame, or the dataset loaded through the course context ``ctx``.

    ``ctx`` is a :class:`iranus.course.Course` (its date cut and data folder are used), a date
    (loaded from the bundled data, cut there), or None (the bundled data, the whole record).
    """
    if table is not None:
        return table
    from ..course import Course, course

    if isinstance(ctx, Course):
        return ctx.load(name)
    return course(as_of=ctx).load(name)


def build_or_message(cls: type, what: str, **kwargs) -> w.Widget:
    """Build an explorer for a lesson's one-liner; if the data cannot start it, show why.

    A lesson cell must never end in a traceback: when the data is missing or broken (an empty
    table, a file that fails validation, an unreadable file), the learner sees an error box
    naming the problem instead, and the exception is kept in ``.error`` for the instructor.
    Argument mistakes (``TypeError``) still raise: they are the lesson author's to fix. The box
    speaks the language of the ``course`` argument, if one is given.
    """
    try:
        return cls(**kwargs)
    except (ValueError, KeyError, OSError) as exc:
        text = exc.args[0] if isinstance(exc, KeyError) and exc.args else str(exc)
        lang = getattr(kwargs.get("course"), "language", None) or "en"
        name = i18n.t_or(f"explorer.{what}", lang, what)
        box = w.HTML(message_html(ui("cannot_start", lang).format(what=name, text=text), "error", lang))
        box.add_class("iranus-explorer")
        box.add_class("iranus-explorer-error")
        box.error = exc
        return box


class ExplorerBox(w.VBox):
    """The box every explorer is: an ipywidgets VBox whose plain-text form says what it is.

    A notebook read without running it (on GitHub, or in a viewer without widget state) shows a
    widget's plain-text form; ipywidgets' default lists every child widget in one long line.
    """

    explorer_name = "Explorer"

    def __repr__(self) -> str:
        return f"[{self.explorer_name}: interactive; run this notebook in JupyterLab to use it]"

    @property
    def lang(self) -> str:
        """The explorer's label language, ``"en"`` or ``"ar"`` (its language switch)."""
        return self.language_select.value

    def _show_message(self, html_text: str) -> None:
        self.message.value = html_text

    @property
    def chart_svg(self) -> str:
        """The explorer's chart as SVG text, rendered on the server (``""`` when no chart).

        The chart itself is drawn in the browser (:class:`iranus.charts.render.ChartView`);
        this is the same chart rendered by vl-convert, for tests and text exports.
        """
        return self.chart.svg
