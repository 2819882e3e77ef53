"""Language of labels shown to the learner: English (``"en"``) or Arabic (``"ar"``).

The choice is made once per session with :func:`set_language` and read by charts, tables and
widgets through :func:`labels` / :func:`label`. Ids never change with the language.
"""

from __future__ import annotations

import pandas as pd

LANGUAGES = ("en", "ar")
_state = {"language": "en"}

# dataset -> (id column, English label column, Arabic label column)
_LABEL_COLUMNS = {
    "actors": ("actor_id", "name_en", "name_ar"),
    "issues": ("issue_id", "label_en", "label_ar"),
    "scenarios": ("scenario_id", "label_en", "label_ar"),
    "glossary": ("term_id", "term_en", "term_ar"),
}


def set_language(language: str) -> None:
    """Show labels in ``"en"`` (English) or ``"ar"`` (Arabic) from now on.

    Raises:
        ValueError: for any other value (argument ``language``).
    """
    if language not in LANGUAGES:
        raise ValueError(f"language={language!r}: choose one of {', '.join(LANGUAGES)}")
    _state["language"] = language


def get_language() -> str:
    """The current label language, ``"en"`` or ``"ar"``."""
    return _state["language"]


def labels(dataset: str, language: str | None = None, table: pd.DataFrame | None = None) -> pd.Series:
    """Labels of the ids of a dataset in the chosen language.

    Args:
        dataset: ``"actors"``, ``"issues"``, ``"scenarios"`` or ``"glossary"``.
        language: ``"en"`` or ``"ar"``; the session's language (:func:`set_language`) when None.
        table: the dataset as already loaded (e.g. a lesson's filtered copy); loaded when None.

    Returns:
        Series of strings indexed by id (e.g. ``labels("actors")["araghchi"]``).

    Raises:
        ValueError: unknown dataset or language, or ``table`` lacks the label columns (names them).
    """
    from .loading import load

    if dataset not in _LABEL_COLUMNS:
        raise ValueError(f"dataset={dataset!r} has no labels; choose one of {', '.join(_LABEL_COLUMNS)}")
    language = language or get_language()
    if language not in LANGUAGES:
        raise ValueError(f"language={language!r}: choose one of {', '.join(LANGUAGES)}")
    id_col, en, ar = _LABEL_COLUMNS[dataset]
    df = load(dataset) if table is None else table
    missing = [c for c in (id_col, ar if language == "ar" else en) if c not in df.columns]
    if missing:
        raise ValueError(f"the {dataset} table is missing column(s) {missing}; pass iranus.load({dataset!r})")
    return pd.Series(df[ar if language == "ar" else en].to_numpy(), index=df[id_col].to_numpy(), name="label", dtype="string")


def label(dataset: str, id_: str, language: str | None = None) -> str:
    """The label of one id (e.g. ``label("issues", "missiles")``); the id itself if unknown."""
    table = labels(dataset, language)
    return str(table[id_]) if id_ in table.index else id_


# Display labels of the coded values (enums) of the data, in both languages.
VALUE_LABELS: dict[str, dict[str, str]] = {
    "en": {
        "fact": "fact",
        "stated_position": "stated position",
        "assessment": "assessment",
        "forecast": "forecast",
        "report_of_others": "report of others",
        "named_official": "named official",
        "anonymous_official": "anonymous official",
        "anonymous_sources": "anonymous sources",
        "analysts": "analysts",
        "outlet_itself": "the outlet itself",
        "official_claim": "official claim",
        "media_report": "media reports",
        "official_statement": "official statement",
        "diplomacy": "diplomacy",
        "talks": "talks",
        "military": "military",
        "sanctions": "sanctions",
        "nuclear": "nuclear programme",
        "iaea": "IAEA",
        "un": "United Nations",
        "domestic": "domestic",
        "statement": "statement",
        "high": "high",
        "medium": "medium",
        "low": "low",
        "confirmed": "confirmed",
        "partly_confirmed": "partly confirmed",
        "contested": "contested",
        "not_confirmed": "not confirmed",
        "contradicted": "contradicted",
        "interpretation": "interpretation",
        "borne_out": "borne out",
        "partly_borne_out": "partly borne out",
        "not_borne_out": "not borne out",
    },
    "ar": {
        "fact": "واقعة",
        "stated_position": "موقف معلن",
        "assessment": "تقييم",
        "forecast": "توقّع",
        "report_of_others": "نقل عن آخرين",
        "named_official": "مسؤول مسمّى",
        "anonymous_official": "مسؤول لم يُذكر اسمه",
        "anonymous_sources": "مصادر لم تُسمَّ",
        "analysts": "محللون",
        "outlet_itself": "الكاتب نفسه",
        "official_claim": "ادعاء رسمي",
        "media_report": "تقارير إعلامية",
        "official_statement": "بيان رسمي",
        "diplomacy": "دبلوماسية",
        "talks": "مفاوضات",
        "military": "عسكري",
        "sanctions": "عقوبات",
        "nuclear": "البرنامج النووي",
        "iaea": "الوكالة الدولية للطاقة الذرية",
        "un": "الأمم المتحدة",
        "domestic": "الشأن الداخلي",
        "statement": "تصريح",
        "high": "عالية",
        "medium": "متوسطة",
        "low": "منخفضة",
        "confirmed": "مؤكَّد",
        "partly_confirmed": "مؤكَّد جزئياً",
        "contested": "موضع خلاف",
        "not_confirmed": "غير مؤكَّد",
        "contradicted": "تناقضه تقارير أخرى",
        "interpretation": "تفسير",
        "borne_out": "تحقّق",
        "partly_borne_out": "تحقّق جزئياً",
        "not_borne_out": "لم يتحقّق",
    },
}


def value_label(value: str, language: str | None = None) -> str:
    """Display label of a coded value (e.g. ``"anonymous_official"``) in the chosen language.

    Returns the value itself when it has no label, so a new code never breaks a chart.
    """
    language = language or get_language()
    if language not in LANGUAGES:
        raise ValueError(f"language={language!r}: choose one of {', '.join(LANGUAGES)}")
    return VALUE_LABELS[language].get(str(value), str(value))
