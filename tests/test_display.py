"""Tables shown in lessons: stable HTML, Arabic right-to-left, readable numbers."""

from __future__ import annotations

import pandas as pd

import iranus
from iranus.display import number, table


def test_numbers_read_as_a_person_writes_them():
    assert [number(x) for x in (30000.0, 440.9, 0.1875, 1 / 3, float("nan"))] == ["30,000", "440.9", "0.1875", "0.3333", "—"]


def test_table_html_is_stable_and_arabic_is_right_to_left():
    actors = iranus.load("actors").head(3)[["actor_id", "name_en", "name_ar"]]
    first, second = table(actors)._repr_html_(), table(actors)._repr_html_()
    assert first == second
    assert "direction: rtl" in first and "إيران" in first
    assert "0x" not in repr(table(actors)) and "Iran" in repr(table(actors))


def test_two_tables_never_share_css_ids():
    a = table(pd.DataFrame({"x": [1]}))._repr_html_()
    b = table(pd.DataFrame({"x": [2]}))._repr_html_()
    assert a.split('id="')[1].split('"')[0] != b.split('id="')[1].split('"')[0]


def test_dates_and_floats_in_one_table():
    df = pd.DataFrame({"date": pd.to_datetime(["2026-02-06", None]), "kg": [440.9, 30000.0]})
    html = table(df)._repr_html_()
    assert "2026-02-06" in html and "440.9" in html and "30,000" in html and "—" in html
