"""What a learner reads: no research codes on screen (ids, column names, raw Python), terms
spelled out, units read, unnamed sources marked.

Each test checks one rule over every lesson, exercise master or registered question, so a new
lesson or question is checked too.
"""

from __future__ import annotations

import ast
import csv
import datetime as dt
import json
import re
import sys
from functools import lru_cache
from pathlib import Path

import pandas as pd
import pytest
from screen import shown_texts

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "data"
NOTEBOOKS = sorted((ROOT / "notebooks").glob("[0-9][0-9]_*.ipynb"))
MASTERS = sorted((ROOT / "exercises" / "master").glob("[0-9][0-9]_*.ipynb"))
ALL_NOTEBOOKS = NOTEBOOKS + MASTERS


def _nb(path: Path) -> dict:
    return json.loads(path.read_text(encoding="utf-8"))


@lru_cache(maxsize=1)
def data_codes() -> dict[str, set[str]]:
    """Codes of the data a learner should never read as words.

    ``ids``: the source ids and the row ids (values of an ``*_id`` first column, e.g.
    ``position_id``, ``event_id``, ``check_id``) that contain an underscore, so read as a code
    ("P09", "C21" and "iran" are the course's own short names); ``typed``: codes a learner may
    have to type in code (column names, series ids), allowed only as code (in backticks).
    """
    ids, typed = set(), set()
    for path in sorted(DATA.glob("*.csv")):
        with path.open(encoding="utf-8") as f:
            rows = list(csv.DictReader(f))
        if not rows:
            continue
        fields = list(rows[0])
        typed |= {c for c in fields if "_" in c}
        key = fields[0]
        if path.stem == "quantities":
            typed |= {r[key] for r in rows if "_" in r[key]}
        for col in {key, "source_id", "check_source_id"} & set(fields):
            if col == key and (not key.endswith("_id") or path.stem in ("issues", "actors", "scenarios", "deal_options", "glossary", "quantities")):
                continue  # the answer vocabulary: a learner types these ids in checks
            ids |= {r[col] for r in rows if r.get(col) and "_" in r[col]}
    vocabulary = set()  # the ids a learner types in checks and forecasts: issues, actors, scenarios, options
    for stem in ("issues", "actors", "scenarios", "deal_options", "glossary"):
        with (DATA / f"{stem}.csv").open(encoding="utf-8") as f:
            rows = list(csv.DictReader(f))
        vocabulary |= {r[next(iter(rows[0]))] for r in rows}
    ids -= vocabulary
    return {"ids": ids, "typed": (typed - ids) | {v for v in vocabulary if "_" in v}}


_TOKEN = re.compile(r"[A-Za-z0-9][A-Za-z0-9_.]*[A-Za-z0-9]")
_CODE_SPAN = re.compile(r"`[^`\n]*`")


def codes_in(text: str, allowed: set[str] = frozenset()) -> list[str]:
    """The data codes in ``text`` a learner should not read: any source or row id; a column name
    or series id outside a code span (backticks mark what a learner types)."""
    codes = data_codes()
    everywhere = set(_TOKEN.findall(text))
    outside_code = set(_TOKEN.findall(_CODE_SPAN.sub(" ", text)))
    found = sorted((everywhere & codes["ids"]) | (outside_code & codes["typed"]))
    return [c for c in found if c not in allowed]


def test_codes_in_finds_ids_and_columns_but_not_words():
    assert codes_in("see pos_iran_missiles_20260204 and its estimate_kind") == ["estimate_kind", "pos_iran_missiles_20260204"]
    assert codes_in("Reuters reported on 4 February that Iran would not discuss its missiles.") == []
    assert codes_in("how it is known (the `estimate_kind` column)") == []
    assert codes_in("the row `pos_iran_missiles_20260204`") == ["pos_iran_missiles_20260204"]


# -- 4. check feedback names no source id, row id or column name --------------------------------


def _answers_to_try(q, expected) -> list:
    """A range of right, wrong and near answers for a question of any kind."""
    from iranus.checks import _choices

    tries: list = [expected, "no idea", "Oman", "0", "zero", "12 kg", "60 %", "1 January 2020", "2025-01-01"]
    tries += list(q.near_misses) + list(q.alternatives)
    if q.kind in ("int", "number"):
        value = float(expected)
        tries += [value + 1, value - 1, value * 2, round(value * 0.9, 1), f"about {value + 3:g}", f"{value:g} people"]
        if q.other_settings is not None:
            tries += list(q.other_settings().values())
    if q.kind == "date":
        day = pd.Timestamp(expected)
        tries += [f"{day + pd.Timedelta(days=d):%Y-%m-%d}" for d in (-1, 1, 30)]
    if q.kind in ("choice", "set"):
        choices = list(_choices(q))
        tries += choices
        if q.kind == "set":
            tries += [choices[:1], choices[:2], choices[-2:], list(expected)[:-1], [*expected, "weather"], "missiles and regional_alies"]
        if choices:
            tries += [choices[0][:-1] + "x"]
    return tries


@lru_cache(maxsize=1)
def _all_question_ids() -> tuple[str, ...]:
    from iranus.checks import exercise_feedback, questions

    sys.path.insert(0, str(ROOT / "exercises" / "answer_keys"))
    import importlib

    for n in ("02", "03", "04", "05", "06", "07", "08"):
        exercise_feedback.register_keys(importlib.import_module(f"keys{n}"))
    return tuple(questions())


def test_every_bank_is_in_the_feedback_sweep():
    ids = _all_question_ids()
    lessons = {q.split(".")[0] for q in ids}
    assert {"01", "02", "03", "04", "05", "06", "07"} <= lessons
    assert any(q.startswith("E04.") for q in ids)


@pytest.mark.parametrize("qid", _all_question_ids())
def test_feedback_names_no_source_id_row_id_or_column(qid):
    from iranus.checks import _choices, check, expected_answer, get

    q = get(qid)
    expected = expected_answer(qid)
    # the question's own answer vocabulary (issue ids it asks for) may be named
    allowed = {str(c) for c in _choices(q)} | set(q.aliases) | {str(v) for v in q.aliases.values()}
    if q.kind in ("text", "choice", "set"):
        allowed |= {str(v) for v in (expected if isinstance(expected, (set, list, tuple)) else [expected])}
    shown = []
    for answer in _answers_to_try(q, expected):
        feedback = check(qid, answer)
        assert feedback.correct in (True, False, None)
        found = codes_in(feedback.message, allowed)
        if not qid.startswith("E"):  # the lessons' checks (an exercise teaches pandas and names its functions)
            found += feedback_codes(feedback.message, answer)
        if found:
            shown.append((answer, found))
    assert not shown, f"{qid}: feedback shows codes a learner should not read: {shown[:3]}"


@lru_cache(maxsize=1)
def _person_ids() -> frozenset[str]:
    actors = pd.read_csv(DATA / "actors.csv")
    return frozenset(actors.loc[actors["kind"] == "person", "actor_id"])


@lru_cache(maxsize=1)
def _column_and_table_names() -> frozenset[str]:
    names = {p.stem for p in DATA.glob("*.csv")}
    for path in DATA.glob("*.csv"):
        names |= set(pd.read_csv(path, nrows=0).columns)
    return frozenset(names)


def feedback_codes(message: str, answer=None) -> list[str]:
    """Codes in feedback a learner should read as words: a snake_case token (a coded value such as
    ``anonymous_official``, an issue id such as ``human_rights``, a table name such as
    ``scenario_outcomes``) or a person's actor id in lower case (``barnea``). A column or table name
    may stand once as code (in backticks) beside plain words; what the learner typed may be echoed."""
    typed = set(_TOKEN.findall(str(answer))) if answer is not None else set()
    in_code = [t for span in _CODE_SPAN.findall(message) for t in _TOKEN.findall(span)]
    outside = _TOKEN.findall(_CODE_SPAN.sub(" ", message))
    found = {t for t in outside if "_" in t and not t.startswith("_")}
    unquoted = _TOKEN.findall(re.sub(r"'[^'\n]*'", " ", _CODE_SPAN.sub(" ", message)))
    found |= {t for t in unquoted if t in _person_ids()}  # a quoted id is one the question asks to type
    found |= {t for t in set(in_code) if in_code.count(t) > 1 and t in _column_and_table_names()}
    return sorted(found - typed)


def test_feedback_codes_finds_what_a_learner_trial_found():
    assert feedback_codes("attribution 'anonymous_official' in the claims table") == ["anonymous_official"]
    assert feedback_codes("Right: human_rights, missiles, regional_allies.") == ["human_rights", "regional_allies"]
    assert feedback_codes("Netanyahu met barnea, zamir and others.") == ["barnea", "zamir"]
    assert feedback_codes("the scenario_outcomes table, confidence high") == ["scenario_outcomes"]
    assert feedback_codes("read the size of the zone (the `zone_size` column)") == []  # a column once as code, beside words
    assert feedback_codes("did you mean 'trump'? (check the spelling or the id)") == []
    assert feedback_codes("I could not read 'regional_alies'", "regional_alies") == []  # the learner's own text
    assert feedback_codes("Right: human rights, missiles and regional allies (Rubio, 4 Feb 2026).") == []


# -- 6. the lessons' stance chart marks unnamed sources as the agenda explorer does -----------


def _flag_cells(chart) -> set[tuple[str, str]]:
    layers = [layer for layer in chart.layer if getattr(layer.mark, "text", None) == "?"]
    assert len(layers) == 1, "one layer of '?' marks"
    return set(zip(layers[0].data["actor"], layers[0].data["issue"]))


def test_stance_heatmap_marks_the_anonymous_missiles_statement_like_the_explorer():
    import iranus
    from iranus import charts
    from iranus.record import agendas

    c = iranus.course()
    positions, issues = c.load("positions"), c.load("issues")
    row = positions.set_index("position_id").loc["pos_iran_missiles_20260204"]
    assert row["attribution"] == "anonymous_official" and row["actor_id"] == "iran"
    stances = agendas.stance_table(positions, issues, actors=["us", "iran", "israel"])
    static = _flag_cells(charts.stance_heatmap(stances, as_of=c.as_of))
    iran, missiles = c.label("actors", "iran"), c.label("issues", "missiles")
    assert (iran, missiles) in static
    # a named, on-the-record statement carries no mark: Rubio's list of 4 February (US, missiles)
    assert (c.label("actors", "us"), missiles) not in static
    # the explorer's chart marks the same cells (one rule, one function)
    matrix = agendas.agenda_matrix(positions, as_of=c.as_of, actors=["us", "iran", "israel"])
    explorer = _flag_cells(charts.agenda_chart(matrix, c.labels("actors").to_dict(), c.labels("issues").to_dict(), as_of=c.as_of))
    assert explorer == static
    note = "? = the statement shown was not given on the record under a name"
    assert any(note in line for line in charts.stance_heatmap(stances, as_of=c.as_of).title.subtitle)


# -- 3. no raw Python printout in a stored output ------------------------------------------------

_SERIES_FOOTER = re.compile(r"(^|\n)(Name: .*, )?dtype: \w+\s*$")


def raw_repr(text: str) -> str | None:
    """What kind of raw Python printout ``text`` is (tuple, list, dict, set, Series), or None.

    >>> raw_repr("(66, Timestamp('2026-02-06 00:00:00'))"), raw_repr("{'ratio': 2.5}")
    ('tuple', 'dict')
    >>> raw_repr("[Agenda explorer: interactive; run this notebook in JupyterLab to use it]") is None
    True
    """
    text = text.strip()
    if _SERIES_FOOTER.search(text):
        return "Series"
    try:
        node = ast.parse(text, mode="eval").body
    except SyntaxError:
        return None
    kinds = {ast.Tuple: "tuple", ast.List: "list", ast.Dict: "dict", ast.Set: "set"}
    return kinds.get(type(node))


def test_raw_repr_recognises_printouts():
    assert raw_repr("(66, Timestamp('2026-02-06 00:00:00'))") == "tuple"
    assert raw_repr("{'start_value': 42000.0, 'ratio': 34.5}") == "dict"
    assert raw_repr("['missiles', 'enrichment']") == "list"
    assert raw_repr("0    1\n1    2\nName: x, dtype: int64") == "Series"
    assert raw_repr("✅ Right. 440.9 kg") is None
    assert raw_repr("[Agenda explorer: interactive; run this notebook in JupyterLab to use it]") is None


@pytest.mark.parametrize("path", ALL_NOTEBOOKS, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_no_stored_output_is_a_bare_python_printout(path):
    found = []
    for i, cell in enumerate(_nb(path)["cells"]):
        if cell["cell_type"] != "code":
            continue
        for output in cell.get("outputs", []):
            data = output.get("data", {})
            if "text" in output:
                texts = ["".join(output["text"])]
            elif "text/plain" in data and not ({"text/html", "image/svg+xml", "image/png"} & set(data)):
                texts = ["".join(data["text/plain"])]
            else:
                texts = []
            for text in texts:
                kind = raw_repr(text)
                if kind:
                    found.append(f"cell {i}: a {kind}: {text[:80]!r}")
    assert not found, f"{path.name} shows raw Python printouts; show them through iranus.display:\n" + "\n".join(found)


# -- 2. no source id or row id in what a learner reads -------------------------------------------

_TAG = re.compile(r"<[^>]+>")


@pytest.mark.parametrize("path", ALL_NOTEBOOKS, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_no_source_id_or_row_id_reaches_the_learner(path):
    found = []
    for i, cell in enumerate(_nb(path)["cells"]):
        for where, text in shown_texts(cell):
            codes = codes_in(text) if where == "markdown" else sorted(set(_TOKEN.findall(text)) & data_codes()["ids"])
            if codes:
                found.append(f"cell {i} ({where}): {codes[:4]}")
    assert not found, f"{path.name} shows codes instead of words:\n" + "\n".join(found)


# -- 1. every acronym and term spelled out at its first use in each lesson -------------------------

#: Acronyms the course uses that the glossary does not define as "Long form (ACRONYM)", with
#: their long form (a lesson may also gloss one by a link to the glossary).
MORE_ACRONYMS = {
    "IAEA": "International Atomic Energy Agency",
    "NPT": "Non-Proliferation Treaty",
    "CENTCOM": "Central Command",
    "IRGC": "Revolutionary Guard",
    "E3": "France, Germany and the United Kingdom",
    "HRANA": "Human Rights Activists News Agency",
    "UF6": "uranium hexafluoride",
}

#: Outlets, units and titles a learner meets in the lessons' tables (source labels, event titles):
#: spelled out in every lesson (``notebooks/``) before their first use. The exercise masters are not
#: held to these yet (their text is edited with their keys and student versions).
LESSON_ACRONYMS = {
    "AP": "Associated Press",
    "UTC": "Coordinated Universal Time",
    "KUNA": "Kuwait News Agency",
    "IANS": "Indo-Asian News Service",
    "dpa": "Deutsche Presse-Agentur",
    "FM": "foreign minister",
    "JPost": "The Jerusalem Post",
    "IDF": "Israel Defense Forces",
}

#: Terms that need a gloss at their first use: a pattern of the term and one of the gloss that must
#: be near it (in the same paragraph).
TERMS = {
    "continuity of knowledge": (r"continuity of knowledge", r"unbroken record|record of where"),
    "Implementation Day": (r"Implementation Day", r"sanctions (were )?lifted|lifted .*sanctions|took effect|the day the"),
    "snapback": (r"snapback|snap-back", r"restor|reimpos|came back|return"),
    "designations": (r"\bdesignat(ion|ions|ed)\b", r"sanctions list|blacklist|put on|added to|named .* sanctions|under sanctions|sanctioned"),
}


def acronyms(path: Path | None = None) -> dict[str, str]:
    """Acronym -> long form: from the glossary's "Long form (ACRONYM)" terms, and :data:`MORE_ACRONYMS`
    (and :data:`LESSON_ACRONYMS` for a lesson, a ``path`` under ``notebooks/``)."""
    out = dict(MORE_ACRONYMS)
    if path is not None and path.parent.name == "notebooks":
        out.update(LESSON_ACRONYMS)
    with (DATA / "glossary.csv").open(encoding="utf-8") as f:
        for row in csv.DictReader(f):
            m = re.match(r"^(?P<long>[^(]+?)\s*\((?P<short>[A-Z][A-Za-z0-9-]*[A-Z0-9])\)$", row["term_en"])
            if m and m["short"].isupper():
                out.setdefault(m["short"], m["long"])
            m = re.match(r"^(?P<short>[A-Z][A-Z0-9-]+) \((?P<long>[^)]+)\)$", row["term_en"])  # "BATNA (best ...)"
            if m:
                out.setdefault(m["short"], m["long"])
    return out


def _markdown(path: Path) -> str:
    return "\n\n".join("".join(c["source"]) for c in _nb(path)["cells"] if c["cell_type"] == "markdown")


def _paragraph_at(text: str, index: int) -> str:
    start = text.rfind("\n\n", 0, index)
    end = text.find("\n\n", index)
    return text[start + 2 if start >= 0 else 0 : end if end >= 0 else len(text)]


def test_the_acronym_list_takes_the_glossary():
    found = acronyms()
    assert found["JCPOA"] == "Joint Comprehensive Plan of Action"
    assert found["HEU"] == "Highly enriched uranium"
    assert found["ZOPA"] == "zone of possible agreement"
    assert found["IAEA"] == "International Atomic Energy Agency"


@pytest.mark.parametrize("path", ALL_NOTEBOOKS, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_every_acronym_is_spelled_out_at_its_first_use(path):
    text = _markdown(path)
    missing = []
    for short, long in acronyms(path).items():
        first = re.search(rf"(?<![\w`/.-]){re.escape(short)}(?![\w`])", text)
        if not first:
            continue
        before = text[: first.end() + 200]  # the long form at or just around the first use
        glossed = long.lower() in " ".join(before.lower().split()) or "glossary" in _paragraph_at(text, first.start()).lower()
        if not glossed:
            missing.append(f"{short} ({long}): first used in {' '.join(_paragraph_at(text, first.start()).split())[:100]!r}")
    assert not missing, f"{path.name}: spell these out at their first use:\n" + "\n".join(missing)


@pytest.mark.parametrize("path", ALL_NOTEBOOKS, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_terms_are_glossed_at_their_first_use(path):
    text = _markdown(path)
    missing = []
    for name, (term, gloss) in TERMS.items():
        first = re.search(term, text, re.I)
        if first and not re.search(gloss, _paragraph_at(text, first.start()), re.I | re.S):
            missing.append(f"{name}: {' '.join(_paragraph_at(text, first.start()).split())[:140]!r}")
    assert not missing, f"{path.name}: gloss these where they are first used:\n" + "\n".join(missing)


def _spelled(text: str, found: dict[str, str]) -> set[str]:
    flat = " ".join(text.lower().split())
    return {short for short, long in found.items() if long.lower() in flat}


@pytest.mark.parametrize("path", ALL_NOTEBOOKS, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_acronyms_in_tables_are_spelled_out_before_the_learner_meets_them(path):
    """An acronym in a table or printed output (an event title: "IRGC boats ...") is spelled out in
    the lesson's text at or before that cell, or in the output itself."""
    found = acronyms(path)
    spelled: set[str] = set()
    missing = []
    for i, cell in enumerate(_nb(path)["cells"]):
        for where, text in shown_texts(cell):
            spelled |= _spelled(text, found)
            if where == "markdown":
                continue
            for short in found:
                if short not in spelled and re.search(rf"(?<![\w/.-]){re.escape(short)}(?![\w])", text):
                    missing.append(f"{short} in cell {i} ({where})")
                    spelled.add(short)  # report each once
    assert not missing, f"{path.name}: spell these out in the text before the output that shows them:\n" + "\n".join(missing)


# -- 7. how a figure is known, in plain words ----------------------------------------------------


def test_verified_figures_are_labelled_as_verified_by_iaea_inspectors_in_both_languages():
    from iranus.datasets import i18n

    assert i18n.t("estimate_kind.verified", "en") == "verified by IAEA inspectors"
    assert "الوكالة الدولية للطاقة الذرية" in i18n.t("estimate_kind.verified", "ar")
    # the label stays true: every verified figure is in one of the IAEA's series (stock, enrichment level)
    with (DATA / "quantities.csv").open(encoding="utf-8") as f:
        verified = {r["series_id"] for r in csv.DictReader(f) if r["estimate_kind"] == "verified"}
    assert verified and verified <= {"iran_stockpile_60pct_kg", "iran_stockpile_total_enriched_kg", "iran_max_enrichment_level_pct"}
    for path in (ROOT / "src" / "iranus" / "datasets" / "catalogue").glob("*.json"):
        assert "measuring body" not in path.read_text(encoding="utf-8")


def test_the_glossary_defines_the_acronyms_the_lessons_spell_out():
    """A learner who meets IAEA, NPT, E3, IRGC, CENTCOM or HRANA can look each up in the glossary."""
    glossary = pd.read_csv(DATA / "glossary.csv").set_index("term_id")
    for term_id, acronym in [("iaea", "IAEA"), ("npt", "NPT"), ("e3", "E3"), ("irgc", "IRGC"), ("centcom", "CENTCOM"), ("hrana", "HRANA")]:
        assert glossary.loc[term_id, "term_en"].endswith(f"({acronym})") or glossary.loc[term_id, "term_en"].startswith(f"{acronym} (")
        assert acronym in acronyms()
    assert glossary.loc["npt", "term_ar"] == "معاهدة عدم انتشار الأسلحة النووية"
    assert "three months' notice" in glossary.loc["npt", "definition_en"]


# -- 8. module and function names in the lessons' text exist -------------------------------------

_DOTTED = re.compile(r"`([A-Za-z_]\w*(?:\.[A-Za-z_]\w*)+)(?:\(\))?`")
_FILE_SUFFIXES = ("json", "csv", "md", "ipynb", "py", "txt")


def _notebook_imports(nb: dict) -> dict[str, object]:
    """Local names the notebook's code binds by import (``from iranus.models import scoring``)."""
    import importlib

    names: dict[str, object] = {}
    for cell in nb["cells"]:
        if cell["cell_type"] != "code":
            continue
        try:
            tree = ast.parse("".join(cell["source"]))
        except SyntaxError:
            continue
        for node in ast.walk(tree):
            if isinstance(node, ast.Import):
                for a in node.names:
                    names[(a.asname or a.name).split(".")[0]] = importlib.import_module(a.name.split(".")[0])
            elif isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("iranus"):
                module = importlib.import_module(node.module)
                for a in node.names:
                    try:
                        names[a.asname or a.name] = importlib.import_module(f"{node.module}.{a.name}")
                    except ImportError:
                        names[a.asname or a.name] = getattr(module, a.name)
    return names


def resolves(dotted: str, names: dict[str, object]) -> bool:
    """Whether a name written in a lesson (``iranus.models.forecasting``, ``scoring.score_forecasts``,
    ``claims.quote_ar`` for a table's column, ``DealSpace.with_red_line``) exists."""
    import importlib
    import pkgutil

    import iranus

    head, *rest = dotted.split(".")
    if rest and rest[-1] in _FILE_SUFFIXES:
        return True  # a file name (my_forecast.json)
    if (DATA / f"{head}.csv").exists() and len(rest) == 1:  # a table's column
        return rest[0] in pd.read_csv(DATA / f"{head}.csv", nrows=0).columns
    if head in names:
        obj = names[head]
    elif head == "iranus":
        obj = iranus
    else:  # a class or module of the package named alone (DealSpace)
        found = [
            getattr(importlib.import_module(m.name), head)
            for m in pkgutil.walk_packages(iranus.__path__, "iranus.")
            if not m.name.split(".")[-1].startswith("_") and "grading" not in m.name and hasattr(importlib.import_module(m.name), head)
        ]
        if not found:
            return False
        obj = found[0]
    path = obj.__name__ if hasattr(obj, "__path__") else None
    for part in rest:
        if hasattr(obj, part):
            obj = getattr(obj, part)
        elif path is not None:
            try:
                obj = importlib.import_module(f"{path}.{part}")
            except ImportError:
                return False
        else:
            return False
        path = obj.__name__ if hasattr(obj, "__path__") or type(obj).__name__ == "module" else None
    return True


def test_resolves_finds_real_names_and_rejects_made_up_ones():
    names = {"scoring": __import__("iranus.models.scoring", fromlist=["x"])}
    assert resolves("iranus.models.forecasting", names) and resolves("scoring.score_forecasts", names)
    assert not resolves("iranus.forecasting", names)  # lesson 07 named this (a learner trial)
    assert not resolves("epilogue.score_forecasts", names)
    assert not resolves("iranus.bargaining", names)
    assert resolves("claims.quote_ar", names) and not resolves("claims.quote_fr", names)
    assert resolves("DealSpace.with_red_line", names) and resolves("my_forecast.json", names)


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_module_and_function_names_in_the_text_exist(path):
    nb = _nb(path)
    names = _notebook_imports(nb)
    bad = []
    for i, cell in enumerate(nb["cells"]):
        if cell["cell_type"] == "markdown":
            bad += [f"cell {i}: `{n}`" for n in _DOTTED.findall("".join(cell["source"])) if not resolves(n, names)]
    assert not bad, f"{path.name} names modules or functions that do not exist:\n" + "\n".join(bad)


# -- 9. no bare DataFrame shown: tables go through iranus.display (readable headers) --------------

_SNAKE = re.compile(r"\b[a-z][a-z0-9]*_[a-z0-9_]+\b")


def bare_frame_headers(output: dict) -> list[str]:
    """The snake_case column headers of a pandas DataFrame printed or rendered as it is (not
    through :func:`iranus.display.table`, which writes readable headers), else []."""
    data = output.get("data", {})
    if "text/html" in data:
        html = "".join(data["text/html"])
        if 'class="dataframe"' not in html:
            return []
        heads = re.findall(r"<th[^>]*>([^<]*)</th>", html)
        return [h for h in heads if _SNAKE.fullmatch(h.strip())]
    text = "".join(data.get("text/plain", "")) if "text/plain" in data else ""
    lines = text.splitlines()
    # pandas' text repr: a header line, then rows starting with the index (0, 1, ...)
    if len(lines) >= 2 and re.match(r"^\s*0\s", lines[1]) and not re.match(r"^\s*\d", lines[0]):
        return [h for h in lines[0].split() if _SNAKE.fullmatch(h)]
    return []


def test_bare_frame_headers_sees_a_dataframe_but_not_a_display_table():
    import iranus
    from iranus.display import table
    from iranus.models import scoring

    c = iranus.course(as_of=None)
    scen, out = c.load("scenarios"), c.load("scenario_outcomes")
    frame = scoring.score_forecasts({scoring.EVEN_SPLIT: scoring.even_split(scen)}, scen, out)
    bare = {"data": {"text/plain": repr(frame), "text/html": frame._repr_html_()}}
    assert "brier_multicategory" in bare_frame_headers(bare)
    assert "brier_multicategory" in bare_frame_headers({"data": {"text/plain": repr(frame)}})
    shown = table(frame)
    assert bare_frame_headers({"data": {"text/plain": repr(shown), "text/html": shown._repr_html_()}}) == []
    assert "Brier score (sum, 0 to 2)" in repr(shown) and ">probability on what happened<" in shown._repr_html_()


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)  # the lessons (exercise masters teach pandas frames)
def test_no_stored_output_is_a_bare_dataframe(path):
    found = []
    for i, cell in enumerate(_nb(path)["cells"]):
        for output in cell.get("outputs", []):
            heads = bare_frame_headers(output)
            if heads:
                found.append(f"cell {i}: {heads[:4]}")
    assert not found, f"{path.name} shows DataFrames as pandas prints them; use iranus.display.table:\n" + "\n".join(found)


# -- 10. no series, scenario or issue id as table content -----------------------------------------


@lru_cache(maxsize=1)
def label_ids() -> set[str]:
    """Ids that have a label a learner should read instead: series, scenario, issue ids with an
    underscore (``protest_deaths_iran_official``, ``no_deal_talks_continue``, ``regional_allies``)."""
    out = set()
    for stem, col in (("quantities", "series_id"), ("scenarios", "scenario_id"), ("issues", "issue_id")):
        out |= {v for v in pd.read_csv(DATA / f"{stem}.csv")[col] if "_" in v}
    return out


def test_label_ids_include_the_ids_a_learner_trial_found_in_tables():
    assert {"protest_deaths_iran_official", "war_2025_deaths_israel", "comprehensive_deal", "no_deal_talks_continue", "sanctions_relief"} <= label_ids()


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)  # the lessons (exercise masters teach pandas frames)
def test_no_series_scenario_or_issue_id_in_a_table(path):
    found = []
    for i, cell in enumerate(_nb(path)["cells"]):
        for where, text in shown_texts(cell):
            if where in ("table", "output", "chart"):
                codes = sorted(set(_TOKEN.findall(text)) & label_ids())
                if codes:
                    found.append(f"cell {i} ({where}): {codes[:4]}")
    assert not found, f"{path.name} shows ids where their labels belong:\n" + "\n".join(found)


# -- 11. terms met in a table are explained in the text before it ---------------------------------

TABLE_TERMS = {
    "Board of Peace": r"Board of Peace",
    "R-4": r"R-4",
    "High-Level Committee": r"High-Level Committee",
    "10-point proposal": r"10-point proposal",
    "continuity of knowledge": r"continuity of knowledge",
    "AIPAC": r"AIPAC",
    "IEA": r"(?<![\w/.-])IEA(?![\w])",
}


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)  # the lessons (exercise masters teach pandas frames)
def test_terms_in_tables_are_explained_before_the_table(path):
    seen: set[str] = set()
    missing = []
    for i, cell in enumerate(_nb(path)["cells"]):
        for where, text in shown_texts(cell):
            for name, pattern in TABLE_TERMS.items():
                if re.search(pattern, text):
                    if where == "markdown":
                        seen.add(name)
                    elif name not in seen:
                        missing.append(f"{name} in cell {i} ({where})")
                        seen.add(name)
    assert not missing, f"{path.name}: explain these in the text before the table that shows them:\n" + "\n".join(missing)


# -- 12. a table's headers and cells are words: no actor id, no model column, no True/False -------

_ACTOR_WORD = re.compile(r"(?<![\w'])(us|iran|israel)(?![\w'])")


def table_header_and_cell_codes(html: str) -> list[str]:
    """What a stored table (``iranus.display.table`` HTML) shows as code: a header with an actor
    id as a word ("win set us", "nash gain iran"), a bare snake_case or model column header
    ("batna", "nash package"), a cell reading "True" or "False"."""
    found = []
    heads = [" ".join(_TAG.sub(" ", h).split()) for h in re.findall(r"<th[^>]*>(.*?)</th>", html, re.S)]
    for h in heads:
        if _ACTOR_WORD.search(h) or _SNAKE.fullmatch(h) or h in ("batna", "nash package", "win set"):
            found.append(f"header {h!r}")
    cells = [" ".join(_TAG.sub(" ", c).split()) for c in re.findall(r"<td[^>]*>(.*?)</td>", html, re.S)]
    found += [f"cell {c!r}" for c in sorted(set(cells) & {"True", "False"})]
    return found


def test_table_scan_finds_what_a_learner_read_found():
    raw = "<table><tr><th>win set us</th><th>nash package</th><th>batna</th><th>US win-set</th></tr><tr><td>True</td><td>yes</td></tr></table>"
    assert table_header_and_cell_codes(raw) == ["header 'win set us'", "header 'nash package'", "header 'batna'", "cell 'True'"]
    import iranus
    from iranus.display import table
    from iranus.models import prospects

    c = iranus.course()
    space = c.deal_space()
    for frame in (prospects.zone_comparison(space), prospects.package_totals(space.package(44755), space), c.load("issues")[["label_en", "nuclear"]]):
        assert table_header_and_cell_codes(table(frame, course=c)._repr_html_()) == []


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)  # the lessons (exercise masters teach pandas frames)
def test_no_table_header_names_an_actor_id_or_shows_true_false(path):
    found = []
    for i, cell in enumerate(_nb(path)["cells"]):
        for output in cell.get("outputs", []):
            html = "".join(output.get("data", {}).get("text/html", ""))
            if "<table" in html:
                found += [f"cell {i}: {f}" for f in table_header_and_cell_codes(html)]
    assert not found, f"{path.name}: tables show codes a learner should read as words:\n" + "\n".join(found)


# -- 13. R1: what stands in backticks in a lesson's text is code a learner types, an answer, a path --

_SPAN = re.compile(r"`([^`]+)`")  # a span may break across a line of the markdown source
_CURIOUS = re.compile(r"curious|code behind", re.I)


def _allowed_span(span: str) -> bool:
    """Whether a backtick span is one of R1's allowed forms (LEARNER_RULES.md): code the learner
    types or runs (a call with parentheses, an argument with its value, the ``...`` to replace), an
    answer value in double quotes (or a list of them), a file path."""
    s = " ".join(span.split())
    return bool(
        s == "..."
        or re.fullmatch(r"[A-Za-z_][\w.]*\(.*\)(\[.*\])?", s)  # c.load("events"), iranus.cite()
        or re.fullmatch(r"[A-Za-z_]\w*=\S.*", s)  # language="ar", as_of=AS_OF
        or re.fullmatch(r'"[^"]*"', s)  # "partly confirmed"
        or re.fullmatch(r'\[\s*"[^"]*"(\s*,\s*"[^"]*")*\s*\]', s)  # ["Rafael Grossi"]
        or "/" in s  # data/CODEBOOK.md, exercises/
        or re.fullmatch(r"[\w.-]+\.(json|csv|md|ipynb|py|txt)", s)  # my_forecast.json
    )


def backtick_problems(cells: list[tuple[int, str]]) -> list[str]:
    """R1 over a lesson's markdown cells ``[(cell index, text)]``: every backtick span that is not an
    allowed form. A dotted name of the package (``iranus.models.bargaining``) may stand once per
    section (a ``#`` heading starts one) inside a sentence that says it is for the curious."""
    problems = []
    pointers = 0
    for i, text in cells:
        for line_no, block in enumerate(re.split(r"(?m)^(?=#)", text)):
            if block.startswith("#"):
                pointers = 0  # a new section
            for sentence in re.split(r"(?<=[.!?:])\s+(?=[A-Z*(])", block):
                for span in _SPAN.findall(sentence):
                    if _allowed_span(span):
                        continue
                    if re.fullmatch(r"iranus(\.\w+)+", span) and _CURIOUS.search(sentence) and pointers == 0:
                        pointers += 1
                        continue
                    problems.append(f"cell {i}: `{' '.join(span.split())}`")
    return problems


def test_backtick_rule_flags_bare_names_and_passes_code_answers_and_paths():
    bad = [(8, "In the data it is the event's `source_id`, which points to a row of the `sources` table."),
           (6, "The `nuclear` column says whether an issue belongs to the nuclear file."),
           (16, "`agendas.agenda_comparison` puts the two sides next to each other."),
           (3, "Every row should say `True`.")]
    assert backtick_problems(bad) == ["cell 8: `source_id`", "cell 8: `sources`", "cell 6: `nuclear`",
                                      "cell 16: `agendas.agenda_comparison`", "cell 3: `True`"]
    good = [(1, 'Load it with `c.load("events")` or `iranus.course(language="ar")`; charts take `language="ar"`.'),
            (2, 'Replace `...` with `"partly confirmed"` or `["Rafael Grossi",\n"Ali Khamenei"]`; read `data/CODEBOOK.md`.'),
            (3, "## 5. Models\n\nFor the curious, the code behind this: `iranus.models.bargaining`.")]
    assert backtick_problems(good) == []
    # a pointer to the code is allowed once per section, and only for the curious
    twice = [(4, "## 5.\n\nFor the curious: `iranus.models.bargaining`. For the curious: `iranus.models.scoring`.")]
    assert backtick_problems(twice) == ["cell 4: `iranus.models.scoring`"]
    assert backtick_problems([(5, "The model is in `iranus.models.bargaining`.")]) == ["cell 5: `iranus.models.bargaining`"]


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_backticks_in_lesson_text_hold_only_code_answers_or_paths(path):
    cells = [(i, "".join(c["source"])) for i, c in enumerate(_nb(path)["cells"]) if c["cell_type"] == "markdown"]
    problems = backtick_problems(cells)
    assert not problems, (
        f"{path.name}: say these in words (R1: backticks hold only code a learner types, an answer in "
        "double quotes, or a file path):\n" + "\n".join(problems)
    )


# -- 14. R2: answer-cell examples are typed as in the lesson, the right shape, and no answer -------

_CHECK_CALL = re.compile(r"""c\.check\(\s*["']([0-9A-Z]{2}\.\w+)["']""")
_EXAMPLE = re.compile(r"""(?:e\.g\.|for example)[,:]?\s*(`[^`]*`|\[[^\]]*\]|"[^"]*"|'[^']*'|-?\d[\d,.]*\d|\d|[^\s),;]+)""", re.I)
_SINGLE_QUOTED = re.compile(r"""(?:^|[\[\s,(])'[^'\n]*'""")


def examples_in(text: str) -> list[str]:
    """The example answers a text gives ("e.g. 12", 'e.g. `["Rafael Grossi"]`'), without backticks."""
    return [m.strip("`").strip() for m in _EXAMPLE.findall(text)]


def example_problems(question_id: str, example: str) -> list[str]:
    """What is wrong with an example answer of a check (R2): a Python single-quoted repr, a shape
    other than the question's (a whole number for a whole-number question, a list for a list
    question), a right answer or part of one."""
    from iranus.checks import _expected, _read, check, expected_answer, get

    q = get(question_id)
    problems = []
    if _SINGLE_QUOTED.search(example):
        problems.append(f"{example!r} is written in Python's single quotes, not as the lesson types it")
    try:
        value = ast.literal_eval(example)
    except (ValueError, SyntaxError):
        value = example
    if q.kind == "int" and not re.fullmatch(r"\d{1,3}(,\d{3})*|\d+", example):
        problems.append(f"{example!r} is not a whole number, and the question asks for one")
    if q.kind == "set":
        if not isinstance(value, list):
            problems.append(f"{example!r} is not a list, and the question asks for one")
        else:
            expected = _expected(q, expected_answer(question_id))
            right = [item for item in value if _read(q, [str(item)]) & expected]
            if right:
                problems.append(f"{example!r} holds right answers: {right}")
    elif check(question_id, value).correct:
        problems.append(f"{example!r} is a right answer")
    return problems


def test_example_rule_flags_what_a_learner_read_found():
    rubio = "02.rubio_outside_nuclear"
    found = example_problems(rubio, "['Ballistic missiles', 'Human rights']")
    assert any("single quotes" in p for p in found) and any("right answers" in p for p in found)
    assert example_problems(rubio, '["Ballistic missiles", "Enriched uranium stockpile"]') == [
        "'[\"Ballistic missiles\", \"Enriched uranium stockpile\"]' holds right answers: ['Ballistic missiles']"
    ]
    assert example_problems(rubio, '["Uranium enrichment", "Sanctions relief"]') == []
    assert example_problems("02.us_anonymous", "3") == ["'3' is a right answer"]
    assert example_problems("02.us_anonymous", "2.5") == ["'2.5' is not a whole number, and the question asks for one"]
    assert example_problems("02.us_anonymous", "12") == []
    assert examples_in('as a list, e.g. `["Rafael Grossi"]`. (a whole number, e.g. 12), then') == ['["Rafael Grossi"]', "12"]


def _check_cells(path: Path) -> list[tuple[int, str, str, list[str]]]:
    """Each check cell of a lesson: (cell index, question id, the question's text just above it,
    the texts of its stored outputs)."""
    cells = _nb(path)["cells"]
    out = []
    for i, cell in enumerate(cells):
        if cell["cell_type"] != "code":
            continue
        m = _CHECK_CALL.search("".join(cell["source"]))
        if not m:
            continue
        above = []
        for prev in reversed(cells[:i]):
            if prev["cell_type"] != "markdown":
                break
            above.insert(0, "".join(prev["source"]))
        shown = [text for where, text in shown_texts(cell)]
        out.append((i, m.group(1), "\n".join(above), shown))
    return out


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_answer_cell_examples_are_typed_as_in_the_lesson_and_give_no_answer_away(path):
    from iranus.checks import check, get

    problems = []
    for i, qid, question, shown in _check_cells(path):
        q = get(qid)
        texts = {"the question": question, "the stored feedback": "\n".join(shown),
                 "the feedback before an answer": check(qid).message, "the question's prompt": q.prompt}
        for where, text in texts.items():
            for example in examples_in(text):
                problems += [f"cell {i} ({qid}, {where}): {p}" for p in example_problems(qid, example)]
        if q.kind == "int":
            assert "a whole number" in check(qid).message, f"{qid}: say that a whole number is asked for"
    assert not problems, f"{path.name}: fix these examples (R2):\n" + "\n".join(dict.fromkeys(problems))


# -- 15. R4: no model code as a table value, counts with thousands separated ------------------------


def test_the_win_set_illustration_table_names_the_zone_and_counts_read_as_numbers():
    import iranus
    from iranus.display import table
    from iranus.models import bargaining, two_level

    c = iranus.course()
    stances = two_level.stances_on_issue(c.load("positions"), "enrichment", ["us", "iran", "israel"])
    shown = table(two_level.win_set_illustration(stances, "us", "iran", "israel", concession=45, influence=0.5), course=c)
    assert list(shown.data["actor"]) == ["Iran", "United States", "United States", "ZOPA", "ZOPA"]
    assert table(two_level.zopa_by_influence(stances, "us", "iran", "israel", concession=45)).headers == ["influence", "ZOPA width (points)"]
    html = table(bargaining.win_sets(c.deal_space()), course=c)._repr_html_()
    assert ">124,416<" in html and "124416" not in _TAG.sub(" ", html)


def test_stance_charts_name_the_issue_they_leave_out_and_read_the_scale_as_lesson_02_does():
    """The heatmap and the gap chart drop an issue no actor shown had stated a position on (the
    duration of limits, as of 6 February 2026): the subtitle names it; the scale is worded as in
    lesson 02 (0 = Iran's stated preference, 100 = the most demanding outcome stated)."""
    import iranus
    from iranus import charts
    from iranus.record import agendas

    c = iranus.course()
    positions, issues = c.load("positions"), c.load("issues")
    heat = charts.stance_heatmap(agendas.stance_table(positions, issues, actors=["us", "iran", "israel"]), as_of=c.as_of).title.subtitle
    assert "Not shown, for lack of any stated position by the actors here: Duration (sunset clauses)." in heat
    assert any("0 = the outcome Iran's leadership stated as its preference" in line for line in heat)
    gap = charts.agenda_gap_chart(agendas.agenda_comparison(positions, issues, "us", "israel"), first="us", second="israel").title.subtitle
    assert gap[-1] == "Not shown, for lack of any stated position by the actors here: Enriched uranium stockpile; Duration (sunset clauses)."
    lesson = _markdown(ROOT / "notebooks" / "02_two_agendas.ipynb")
    assert "0 is the outcome Iran's leadership stated as its preference" in " ".join(lesson.split())


# -- no paragraph or sentence said twice in one cell ---------------------------------------------


def repeated_text(markdown: str) -> list[str]:
    """Paragraphs, and sentences of 40 characters or more, that occur more than once in a cell
    (a lesson edit applied twice leaves them; a learner reads the same gloss three times).

    >>> repeated_text("A gloss.\\n\\nA gloss.")
    ['A gloss.']
    >>> repeated_text("The Board resolution is the one of 20 November 2025. The Board resolution is the one of 20 November 2025.")
    ['The Board resolution is the one of 20 November 2025.']
    >>> repeated_text("One idea. Another idea.")
    []
    """
    paragraphs = [p.strip() for p in markdown.split("\n\n") if p.strip()]
    found = sorted({p for p in paragraphs if paragraphs.count(p) > 1})
    sentences = [s.strip() for s in re.split(r"(?<=[.!?])\s+", markdown) if len(s.strip()) >= 40]
    found += sorted({s for s in sentences if sentences.count(s) > 1 and not any(s in p for p in found)})
    return found


@pytest.mark.parametrize("path", NOTEBOOKS + MASTERS, ids=lambda p: p.name)
def test_no_markdown_cell_says_the_same_thing_twice(path):
    nb = json.loads(path.read_text(encoding="utf-8"))
    repeats = {
        i: repeated_text("".join(cell["source"]))
        for i, cell in enumerate(nb["cells"])
        if cell["cell_type"] == "markdown"
    }
    assert {i: r for i, r in repeats.items() if r} == {}
