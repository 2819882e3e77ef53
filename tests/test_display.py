"""Tables shown in lessons: stable HTML, Arabic right-to-left, readable numbers."""

from __future__ import annotations

import pandas as pd
import pytest

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


# -- readable tables (issue 13: no raw code on a learner's screen) --------------------------------


def test_coded_values_read_as_words_in_both_languages():
    from iranus.display import coded_label

    assert coded_label("partly_confirmed", "verdict") == "partly confirmed"
    assert coded_label("partly_confirmed", "verdict", "ar") == "مؤكَّد جزئياً"
    assert coded_label("anonymous_official", "attribution") == "anonymous official"
    assert coded_label("outlet_itself", "attribution_group") == "the article's own voice"
    # governments, but also the Red Crescent, Magen David Adom; a claim, as the lessons call Araghchi's
    # "no enrichment" of 16 Nov 2025, which the IAEA could not verify (data 0.2.6)
    assert coded_label("official_claim", "estimate_kind") == "official claim"
    assert coded_label("official_claim", "estimate_kind", "ar") == "ادعاء رسمي"
    assert coded_label("wire", "kind") == "wire" and coded_label("wire", "kind", "ar") == "وكالة أنباء"
    assert coded_label("israel", "section") == "Israel's role"  # the article's sections by their names, not ids
    assert coded_label("a_new_section", "section") == "a new section"  # not in the catalogue: no underscores
    assert pd.isna(coded_label(pd.NA, "verdict"))


def test_sources_read_as_outlet_and_date():
    from iranus.display import source_labels

    ids = pd.Series(["reuters_2026_02_04_iran_missiles_off_table", "seed_article", "no_such_source", None])
    sources = iranus.load("sources")
    # sources.csv: Reuters, 2026-02-04 (day); the seed article has no outlet name and no date
    assert source_labels(ids, sources).tolist()[:3] == ["Reuters, 4 Feb 2026", "the article itself", "no_such_source"]
    assert pd.isna(source_labels(ids, sources).iloc[3])
    assert source_labels(ids, sources, "ar").tolist()[:2] == ["Reuters, 4 فبراير 2026", "المقال نفسه"]


def test_a_lesson_table_shows_no_codes_and_no_source_ids():
    from iranus.display import readable

    c = iranus.course()
    checks = c.load("claim_checks")
    c12 = checks[checks["check_id"] == "c12_20260204_i24"][["claim_id", "verdict", "confidence", "source_id", "note_en"]]
    shown = table(c12, course=c)
    assert list(shown.data.columns) == ["claim_id", "verdict", "confidence", "source", "note_en"]
    assert shown.data.iloc[0].tolist()[:4] == ["C12", "partly confirmed", "medium", "Reuters, 4 Feb 2026"]
    html = shown._repr_html_()
    assert "partly_confirmed" not in html and "reuters_2026" not in html and "Reuters, 4 Feb 2026" in html
    assert "min-width: 12em" in html  # the note is running text: it wraps with room to be read
    # raw=True keeps the codes (to teach them), and the frame given is never changed
    assert table(c12, raw=True).data.equals(c12)
    assert "source_id" in c12.columns and c12["verdict"].iloc[0] == "partly_confirmed"
    # ids of actors and issues read as names; in Arabic too
    pos = c.load("positions")
    venue = pos[pos["position_id"] == "pos_us_venue_format_20260205"][["actor_id", "issue_id", "attribution", "source_id"]]
    ar = readable(venue, language="ar", sources=c.load("sources"), labels={"actors": c.with_language("ar").labels("actors"), "issues": c.with_language("ar").labels("issues")})
    assert list(ar.columns) == ["actor", "issue", "attribution", "source"]
    assert ar.iloc[0]["actor"] == "الولايات المتحدة" and ar.iloc[0]["attribution"] == "مسؤول مسمّى"
    en = table(venue, course=c).data.iloc[0]
    assert en["actor"] == "United States" and en["issue"] == c.label("issues", "venue_format")
    # a frame that names its ids already shows the names only (no id beside its own label;
    # a learner trial read "issue" over a column of ids); raw=True keeps the ids to teach them
    actors = c.load("actors").head(2)[["actor_id", "name_en"]]
    assert table(actors).data["name_en"].tolist() == ["United States", "Iran"]
    assert list(table(actors).data.columns) == ["name_en"]
    assert list(table(actors, raw=True).data.columns) == ["actor_id", "name_en"]


def test_series_scenario_and_issue_ids_read_as_their_labels():
    """Lesson 04's competing counts, lesson 05's scenario definitions, lesson 02's comparison."""
    import iranus
    from iranus.display import table
    from iranus.models import prospects
    from iranus.record import agendas, leverage

    c = iranus.course()
    q = c.load("quantities")
    counts = leverage.competing_counts(q, ["protest_deaths_iran_official", "protest_deaths_hrana"])
    shown = table(counts[["series_id", "date", "value"]]).data
    assert list(shown.columns) == ["series", "date", "value"]
    assert "protest_deaths_iran_official" not in shown["series"].tolist()
    assert shown["series"].iloc[0].startswith("Deaths in the protests according to Iran's first official toll")
    # a frame with the measure keeps the measure and drops the id
    assert "series_id" not in table(counts[["series_id", "measure_en", "value"]]).data.columns
    scen = table(prospects.scenario_definitions(c.load("scenarios"), start=c.as_of)).data
    assert "scenario_id" not in scen.columns and scen["label_en"].iloc[0] == "Comprehensive deal"
    comparison = table(agendas.agenda_comparison(c.load("positions"), c.load("issues"), "us", "iran"))
    html = comparison.styler.to_html()
    assert ">US stance<" in html and ">Iran stance<" in html and ">stance us<" not in html
    assert list(comparison.data.columns).count("issue") == 1 and "issue_id" not in comparison.data.columns
    assert "enrichment" not in comparison.data["issue"].tolist()


def test_a_constraint_role_names_the_us_not_the_pronoun():
    """"constraint on us" read as the pronoun: lesson 03's win-set table, the deal builder."""
    import iranus
    from iranus.display import role_label, table
    from iranus.models import bargaining

    c = iranus.course()
    roles = bargaining.win_sets(c.deal_space(), constraints={"us": ["israel"]})
    shown = table(roles, course=c).data.set_index("actor")["role"]
    assert shown["Israel"] == "constraint on the US" and shown["Iran"] == "at the table"
    ar = table(roles, course=c.with_language("ar")).data
    assert "قيد على الولايات المتحدة" in ar["role"].tolist()
    assert role_label("constraint on iran") == "constraint on Iran"


def test_table_headers_read_as_words_not_column_codes():
    """A learner trial found headers such as paraphrase_en, claim_id and key_terms_ar on screen."""
    import iranus
    from iranus.display import table

    claims = iranus.course().load("claims")[["claim_id", "paraphrase_en", "quote_ar"]].head(2)
    html = table(claims).styler.to_html()
    assert ">paraphrase<" in html and ">claim<" in html and ">quote (Arabic)<" in html
    assert "paraphrase_en" not in html and "claim_id" not in html
    assert list(table(claims, raw=True).styler.data.columns) == ["claim_id", "paraphrase_en", "quote_ar"]


# -- sentences instead of raw Python printouts ----------------------------------------------------


def test_summary_says_what_was_loaded_and_as_of_when():
    import iranus
    from iranus.display import Sentence, summary

    c = iranus.course()
    text = summary(c.load("positions"), c.load("scenarios"))
    assert isinstance(text, Sentence) and repr(text) == str(text)  # shown without quotes
    n = len(c.load("positions"))
    assert text.startswith(f"Loaded as of 6 Feb 2026: {n} positions (the latest dated 6 Feb 2026)")
    assert text.endswith(f", {len(c.load('scenarios'))} scenarios.")
    with pytest.raises(ValueError):
        summary()


def test_sentence_writes_values_as_a_reader_reads_them():
    import pandas as pd
    from iranus.display import sentence

    text = sentence("{a} and {b} on {d}; {m}", a=1500000.0, b=46.875, d=pd.Timestamp("2026-01-27"), m={"us": 45.0, "iran": 35.0},
                    labels=pd.Series({"us": "United States", "iran": "Iran"}), precision=1)
    assert text == "1,500,000 and 46.9 on 27 Jan 2026; United States 45, Iran 35"
    with pytest.raises(KeyError):
        sentence("{missing}")


def test_pairs_shows_a_mapping_with_names():
    import iranus
    from iranus.display import pairs
    from iranus.models import two_level

    c = iranus.course()
    stances = two_level.stances_on_issue(c.load("positions"), "enrichment", ["us", "iran", "israel"])
    shown = pairs(stances, "actor_id", "stance", course=c).data
    assert list(shown.columns) == ["actor", "stance"]
    assert dict(zip(shown["actor"], shown["stance"])) == {"United States": 95.0, "Iran": 10.0, "Israel": 100.0}


def test_a_change_is_described_with_each_date_as_precise_as_known():
    import iranus
    from iranus.record import leverage

    rial = leverage.change(iranus.course().load("quantities"), "iran_rial_per_usd_open_market")
    assert (rial["start_precision"], rial["end_precision"]) == ("year", "day")
    assert leverage.describe_change(rial) == (
        "From 32,000 rials per US dollar (2015) to 1,500,000 rials per US dollar (27 Jan 2026): 46.9 times as much."
    )


def test_the_arabic_course_reaches_stance_tables_comparisons_and_the_heatmap():
    """Lesson 01 promises every table's labels in Arabic in the Arabic course: the course's
    language travels with its frames to the record helpers and charts (no language= needed)."""
    import iranus
    from iranus import charts
    from iranus.display import table
    from iranus.record import agendas

    c = iranus.course(language="ar")
    positions, issues = c.load("positions"), c.load("issues")
    stances = agendas.stance_table(positions, issues, actors=["us", "iran"])
    assert stances["actor"].iloc[0] == "الولايات المتحدة" and stances["issue"].iloc[0] == "تخصيب اليورانيوم"
    comparison = agendas.agenda_comparison(positions, issues)
    assert comparison["issue"].iloc[0] == "تخصيب اليورانيوم" and comparison["agenda"].iloc[0] == "الملف النووي"
    assert charts.stance_heatmap(stances).title.text == "المواقف المعلنة بحسب الطرف والقضية"
    # an explicit language still wins, and the English course stays English
    assert agendas.stance_table(positions, issues, actors=["us"], language="en")["actor"].iloc[0] == "United States"
    assert agendas.agenda_comparison(iranus.course().load("positions"), iranus.course().load("issues"))["agenda"].iloc[0] == "nuclear file"
    # shown as a table: no row ids, no id column beside its label
    shown = table(stances, course=c).data
    assert not {"position_id", "actor_id", "issue_id"} & set(shown.columns)
    assert list(shown.columns).count("actor") == 1 and list(shown.columns).count("issue") == 1


def test_magen_david_adoms_count_is_not_called_a_governments_figure():
    """Lesson 07 labelled the count of Israel's ambulance service a government's figure."""
    import iranus
    from iranus.display import table

    q = iranus.course(as_of=None).load("quantities")
    row = q[q["series_id"] == "war_2026_deaths_israel"]
    assert "Magen David Adom" in row["measure_en"].iloc[0] and row["unit"].iloc[0] == "civilians killed"
    assert row["measure_en"].iloc[0].startswith("Civilian deaths")  # the measure and the unit agree
    shown = table(row[["series_id", "value", "unit", "estimate_kind"]]).data
    assert shown["estimate_kind"].iloc[0] == "official claim"
    assert "government" not in shown["estimate_kind"].iloc[0]


def test_an_arabic_course_table_has_arabic_headers():
    import iranus
    from iranus.display import table

    c = iranus.course(language="ar")
    html = table(c.load("scenarios")[["label_en", "label_ar", "resolves_by"]], course=c).styler.to_html()
    assert ">التسمية<" in html and ">التسمية (بالعربية)<" in html and ">موعد الحسم<" in html
    english = table(iranus.course().load("scenarios")[["label_en", "resolves_by"]]).styler.to_html()
    assert ">label<" in english and ">resolves by<" in english


def test_the_participants_table_names_affiliations_not_ids():
    """Lesson 01 §2: Witkoff's affiliation read "us" (the pronoun) and the actors' ids sat beside their names."""
    import iranus
    from iranus.display import table
    from iranus.record import timeline

    c = iranus.course()
    people = timeline.participants(c.load("events"), c.load("event_actors"), c.load("actors"), "muscat_round_2026")
    shown = table(people, course=c).data.set_index("name")
    assert shown.loc["Steve Witkoff", "affiliation"] == "United States"
    assert "actor_id" not in shown.columns and "affiliation_id" not in shown.columns


def test_summary_speaks_the_courses_language():
    import iranus
    from iranus.display import summary

    ar = iranus.course(language="ar")
    text = summary(ar.load("positions"), ar.load("scenarios"))
    assert text.startswith("البيانات المحمَّلة حتى 6 فبراير 2026") and "عدد المواقف: 66" in text and "Loaded" not in text
    en = iranus.course()
    assert summary(en.load("positions"), en.load("scenarios")) == "Loaded as of 6 Feb 2026: 66 positions (the latest dated 6 Feb 2026), 4 scenarios."


# -- the bargaining model's tables: headers in words, yes/no, the Nash package described --------


def _headers(shown) -> list[str]:
    return list(shown.headers)


def test_zone_comparison_headers_name_the_actors_and_the_nash_package_is_described():
    import iranus
    from iranus.models import prospects

    c = iranus.course()
    space = c.deal_space()
    shown = table(prospects.zone_comparison(space), course=c)
    heads = _headers(shown)
    assert heads == ["setting", "packages", "US win-set", "Iran win-set", "zone size (packages)", "Nash gain, US", "Nash gain, Iran", "Nash solution (package)"]
    nash = shown.data["nash_package"].iloc[0]
    assert nash.startswith("package 44755: Pause, then a very low cap; Diluted inside Iran; Dismantled;")
    assert nash.endswith("Commitments on human rights") and pd.isna(shown.data["nash_package"].iloc[1])
    assert "44755" not in shown.data.drop(columns="nash_package").to_csv()  # the bare number is gone
    ar = table(prospects.zone_comparison(space, language="ar"), course=c.with_language("ar"))
    assert _headers(ar)[2] == "مجموعة فوز الولايات المتحدة" and _headers(ar)[-1] == "حل ناش (الحزمة)"
    assert ar.data["nash_package"].iloc[0].startswith("الحزمة 44755: تعليق التخصيب ثم سقف منخفض جدًا; تخفيف المخزون داخل إيران;")
    assert list(ar.data["setting"]) == ["الولايات المتحدة وإيران وحدهما", "الولايات المتحدة تحتاج إلى قبول إسرائيل"]


def test_package_tables_show_points_batna_and_red_lines_in_words():
    import iranus
    from iranus.models import bargaining, prospects

    c = iranus.course()
    space = c.deal_space()
    package = space.package(int(bargaining.nash_bargaining_solution(space)["package_id"]))
    shown = table(prospects.package_table(package, space), course=c)
    assert _headers(shown) == ["issue", "option", "US points", "US best (points)", "US red line", "Iran points", "Iran best (points)", "Iran red line"]
    assert set(shown.data["red_line_us"]) == {"no"}
    totals = table(prospects.package_totals(package, space).drop(columns="actor_id"), course=c)
    assert _headers(totals) == ["party", "score", "BATNA", "surplus", "red lines crossed", "accepts"]
    assert totals.data["accepts"].tolist() == ["yes", "yes", "no"]  # Israel refuses the Nash package
    assert "BATNA" in repr(totals) and "True" not in repr(totals) and "False" not in repr(totals)
    ar = table(prospects.package_totals(package, space, language="ar").drop(columns="actor_id"), course=c.with_language("ar"))
    assert ar.data["accepts"].tolist() == ["نعم", "نعم", "لا"] and "البديل الأفضل للاتفاق" in _headers(ar)


def test_true_and_false_read_yes_and_no():
    import iranus

    c = iranus.course()
    issues = c.load("issues")
    shown = table(issues[["issue_id", "label_en", "nuclear"]], course=c)
    nuclear = dict(zip(shown.data["label_en"], shown.data["nuclear"]))
    assert nuclear["Uranium enrichment"] == "yes" and nuclear["Ballistic missiles"] == "no"
    html = shown._repr_html_()
    assert ">yes<" in html and ">True<" not in html and ">False<" not in html
    frame = pd.DataFrame({"claim": ["a", "b", "c"], "verified": [True, None, False]})
    assert table(frame).data["verified"].tolist()[::2] == ["yes", "no"] and pd.isna(table(frame).data["verified"].iloc[1])
    assert table(frame, language="ar").data["verified"].iloc[0] == "نعم"
    assert table(frame, raw=True).data["verified"].iloc[0] is True  # raw shows the data as it is


def test_check_setup_reads_yes_not_true():
    import iranus

    report = iranus.check_setup()
    assert report["ok"].dtype == bool and bool(report["ok"].all())  # the data stay True/False
    assert list(report["check"])[:2] == ["Python 3.11 or newer", "course data valid"]
    shown = repr(report)
    assert "yes" in shown and "True" not in shown and "Python 3.11 or newer" in shown
    html = report._repr_html_()
    assert ">yes<" in html and ">True<" not in html
    assert type(report[report["ok"]]) is pd.DataFrame  # a frame derived from it is a plain frame


def test_missing_values_read_as_a_dash_in_html_and_text():
    # exercise 02 cell 2: the US stated no stance on the stockpile (nor anyone on the duration) by
    # 6 Feb 2026; a reader sees "—", never pandas' "<NA>", "NaN" or "None"
    from iranus.display import MISSING
    from iranus.record import agendas

    c = iranus.course()
    comparison = agendas.agenda_comparison(c.load("positions"), c.load("issues"))
    shown = table(comparison[["issue_id", "nuclear", "stance_us", "stance_iran", "gap"]], course=c)
    text, html = repr(shown), shown._repr_html_()
    assert MISSING == "—"
    row = next(line for line in text.splitlines() if "stockpile" in line)
    assert row.split()[-3:] == ["—", "5", "—"]
    for raw in ("<NA>", "&lt;NA&gt;", "NaN", "None", "NaT"):
        assert raw not in text and raw not in html
    mixed = pd.DataFrame(
        {
            "word": pd.array(["kept", pd.NA], dtype="string"),
            "count": pd.array([3, pd.NA], dtype="Int64"),
            "share": [0.5, None],
            "when": pd.to_datetime(["2026-02-06", None]),
            "note": ["a", None],
        }
    )
    t = table(mixed, raw=True)
    assert repr(t).splitlines()[-1].split() == ["—"] * 5
    assert t._repr_html_().count(">—<") == 5
