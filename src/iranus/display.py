"""Showing tables in a notebook: Arabic text right-to-left, stable HTML for stored outputs."""

from __future__ import annotations

import hashlib
import re

import pandas as pd

_ARABIC = re.compile(r"[\u0600-\u06FF]")


def arabic_columns(df: pd.DataFrame) -> list[str]:
    """Columns whose name ends in ``_ar`` or whose text contains Arabic script."""
    out = []
    for col in df.columns:
        if str(col).endswith("_ar"):
            out.append(col)
        elif df[col].dtype in ("string", "object") or isinstance(df[col].dtype, pd.CategoricalDtype):
            if df[col].astype("string").str.contains(_ARABIC, na=False).any():
                out.append(col)
    return out


class Table:
    """A table shown in a notebook: styled HTML for the browser, plain text elsewhere.

    Attributes:
        data: the DataFrame shown.
        styler: the pandas ``Styler`` that renders it.
    """

    def __init__(self, data: pd.DataFrame, styler) -> None:
        self.data = data
        self.styler = styler

    def _repr_html_(self) -> str:
        return self.styler.to_html()

    def __repr__(self) -> str:
        with pd.option_context("display.max_colwidth", 60, "display.width", 120):
            return self.data.to_string(index=False, max_rows=30)


def number(value: float, precision: int = 4) -> str:
    """A number as a reader expects it: thousands separated, no trailing zeros.

    ``30000.0`` -> ``"30,000"``, ``440.9`` -> ``"440.9"``, ``0.1875`` -> ``"0.1875"``,
    ``1/3`` -> ``"0.3333"`` (at most ``precision`` decimals); NaN -> ``"—"``.
    """
    if pd.isna(value):
        return "—"
    if float(value).is_integer():
        return f"{value:,.0f}"
    return f"{value:,.{precision}f}".rstrip("0").rstrip(".")


def table(df: pd.DataFrame, caption: str | None = None, hide_index: bool = True, precision: int = 4) -> Table:
    """A styled view of a DataFrame for a lesson: Arabic columns right-to-left, text wrapped.

    Args:
        df: any DataFrame (typically from :func:`iranus.load`, filtered).
        caption: optional caption shown above the table (e.g. the source line).
        hide_index: hide the row index (default True).
        precision: at most this many decimals for floats (trailing zeros dropped, see
            :func:`number`).

    Returns:
        A :class:`Table`: in a notebook, the styled HTML (its ``styler`` attribute is a pandas
        ``Styler``); as text, the DataFrame's plain listing. The HTML is the same from run to run (its element id is a hash of
        the content, so two tables never share CSS), so
        stored outputs can be compared by nbval.
    """
    digest = hashlib.sha1((str(caption) + df.to_csv()).encode("utf-8")).hexdigest()[:10]
    styler = df.style.set_uuid(f"iranus{digest}")
    styler = styler.set_table_styles([{"selector": "td", "props": "text-align: left; vertical-align: top; white-space: normal; max-width: 40em;"}])
    ar = arabic_columns(df)
    if ar:
        styler = styler.set_properties(subset=ar, **{"direction": "rtl", "text-align": "right", "unicode-bidi": "plaintext"})
    if caption:
        styler = styler.set_caption(caption)
    if hide_index:
        styler = styler.hide(axis="index")
    dates = [c for c in df.columns if pd.api.types.is_datetime64_any_dtype(df[c])]
    floats = [c for c in df.columns if pd.api.types.is_float_dtype(df[c])]
    formats = {c: (lambda v: "—" if pd.isna(v) else f"{v:%Y-%m-%d}") for c in dates}
    formats |= {c: (lambda v, p=precision: number(v, p)) for c in floats}
    styler = styler.format(formats or None, na_rep="—")
    return Table(df, styler)


__all__ = [
    "Table",
    "arabic_columns",
    "number",
    "table",
]
