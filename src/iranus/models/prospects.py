"""Deal prospects as of the Muscat round: the mediators' proposals and the zone of possible agreement.

Lesson 05 asks what could come out of the talks. Two helpers turn the data and the negotiation
model into the views it needs:

- :func:`mediator_proposals`: what the mediating states proposed, as reported up to a date. One
  framework reported for several mediators at once (Al Jazeera's report of 4 February 2026 named
  Qatar, Türkiye and Egypt) is one row, with the mediators listed, not three;
- :func:`scenario_definitions`: the outcomes a learner forecasts, each with what counts as it and
  the length of the forecasting window in days from the course date;
- :func:`zone_comparison`: the zone of possible agreement (ZOPA) of the course's deal space, with
  the US and Iran alone and with the US side needing Israel's acceptance (Putnam's two-level
  game), side by side;
- :func:`package_table` and :func:`package_totals`: one package (e.g. the Nash bargaining
  solution) issue by issue, with the options' labels and each party's points, and its totals
  (score, BATNA, red lines crossed), so a reader sees what each side gives and gets.

The deal space is the course's teaching coding (``data/deal_*.csv``, see :mod:`iranus.models.bargaining`),
not a fact: the comparison shows what follows from those codings.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd

from ..datasets.schema import require_columns

from . import bargaining as bg
from ..datasets.dates import COURSE_DATE, parse_date
from ..datasets.i18n import get_language, labels_in, labels_like, t, t_or

#: States mediating between the US and Iran up to the Muscat round: the events table's
#: ``regional_mediation_push`` (29 January 2026) names Egypt, Oman, Qatar, Saudi Arabia and
#: Türkiye. Pakistan's mediation came later, after the war began.
MEDIATORS = ("oman", "qatar", "turkiye", "egypt", "saudi_arabia")

#: The settings compared by :func:`zone_comparison`: name -> constraints on the table parties.
ZONE_SETTINGS: dict[str, Mapping[str, Sequence[str]] | None] = {
    "US and Iran only": None,
    "US needs Israel's acceptance": {"us": ["israel"]},
}

QUESTION_MARK = "Question:"

_PROPOSAL_KEYS = ["issue_id", "date", "paraphrase_en", "speaker", "attribution", "source_id", "confidence"]


def mediator_proposals(
    positions: pd.DataFrame,
    mediators: Sequence[str] = MEDIATORS,
    issues: pd.DataFrame | None = None,
    language: str | None = None,
) -> pd.DataFrame:
    """What the mediators proposed or stated, one row per distinct statement.

    Rows of ``positions`` by a mediator that share issue, date, paraphrase, speaker, attribution
    and source are one statement reported for several mediators (a joint framework); they are
    merged into one row listing the mediators.

    Args:
        positions: DataFrame as returned by ``iranus.load("positions", as_of=...)`` (cut it at the
            lesson's date first).
        mediators: actor ids counted as mediators (default :data:`MEDIATORS`).
        issues: ``Course.load("issues")``, for the issue order and labels; when None, those of
            the data folder ``positions`` was loaded from.
        language: labels in ``"en"`` or ``"ar"``; the default language when None.

    Returns:
        DataFrame with columns ``issue_id`` (string), ``issue`` (string label), ``date``
        (datetime64), ``mediators`` (string: labels of the mediators, comma-separated, in the
        order of ``mediators``), ``speaker``, ``attribution``, ``paraphrase_en``, ``source_id``
        (strings) and ``confidence`` (string); sorted by issue (issues table order), then date.
        Empty (same columns) when no mediator stated anything.

    Raises:
        ValueError: a required column is missing (names it), or ``mediators`` is empty.
    """
    require_columns(positions, "positions", ["actor_id", *_PROPOSAL_KEYS])
    mediators = [str(m) for m in ([mediators] if isinstance(mediators, str) else mediators)]
    if not mediators:
        raise ValueError("mediators is empty: name at least one actor id, e.g. 'oman'")
    language = get_language(language)
    if issues is None:  # labels and order of the issues table of the folder ``positions`` came from
        issue_names = labels_like("issues", positions, language)
        issue_label = {str(k): str(v) for k, v in issue_names.items()}
        issue_order = {i: n for n, i in enumerate(issue_label)}
    else:
        issue_order = {i: n for n, i in enumerate(issues["issue_id"].astype(str))}
        issue_label = dict(
            zip(issues["issue_id"].astype(str), issues["label_ar" if language == "ar" else "label_en"].astype(str))
        )
    actor_label = labels_like("actors", positions, language)
    rank = {m: n for n, m in enumerate(mediators)}
    rows = positions[positions["actor_id"].astype(str).isin(mediators)].copy()
    columns = [
        "issue_id",
        "issue",
        "date",
        "mediators",
        "speaker",
        "attribution",
        "paraphrase_en",
        "source_id",
        "confidence",
    ]
    if rows.empty:
        return pd.DataFrame({c: pd.Series(dtype="datetime64[ns]" if c == "date" else "string") for c in columns})
    keys = [rows[k].astype(str) if k != "date" else rows[k] for k in _PROPOSAL_KEYS]
    grouped = rows.groupby(keys, sort=False)["actor_id"].agg(
        lambda a: ", ".join(str(actor_label.get(x, x)) for x in sorted(set(a.astype(str)), key=rank.get))
    )
    out = grouped.rename("mediators").reset_index()
    out.columns = [*_PROPOSAL_KEYS, "mediators"]
    out["issue"] = out["issue_id"].map(lambda i: issue_label.get(i, i))
    out = out.assign(_o=out["issue_id"].map(issue_order).fillna(len(issue_order))).sort_values(
        ["_o", "date", "source_id"]
    )
    out = out[columns].reset_index(drop=True)
    return out.astype({c: "string" for c in columns if c != "date"})


def option_label(option_id: str, space: bg.DealSpace, language: str | None = None) -> str:
    """An option of the deal space as a reader reads it, in ``language``.

    English: the option's ``label_en`` in the space's data (so an edited data folder shows its own
    words); another language: the catalogue's ``deal_option.<option_id>``, or the English label
    when the catalogue has none (an option added to the data later).

    >>> import iranus
    >>> option_label("sanctions_phased", iranus.course().deal_space(), "ar")
    'رفع العقوبات على مراحل'
    """
    english = str(space.labels[option_id])
    lang = get_language(language)
    return english if lang == "en" else t_or(f"deal_option.{option_id}", lang, english)


def setting_label(setting: str, language: str | None = None) -> str:
    """A zone setting's name (a key of :data:`ZONE_SETTINGS`) in ``language``: the catalogue's
    ``setting.<name>``, or the name itself for a setting of the caller's own."""
    return t_or(f"setting.{setting}", get_language(language), str(setting))


def describe_package(package_id: int, space: bg.DealSpace, language: str | None = None) -> str:
    """A package number as a reader reads it: the number, then its options in agenda order.

    Args:
        package_id: the package's number (:meth:`iranus.models.bargaining.DealSpace.package_id`).
        space: the deal space the number belongs to.
        language: ``"en"`` or ``"ar"`` for the words around the options; the default language
            when None, for the words around the options and the options' labels
            (:func:`option_label`).

    Returns:
        ``"package 44755: Pause, then a very low cap; Diluted inside Iran; ..."``.

    Raises:
        iranus.models.bargaining.ModelInputError: ``package_id`` is not a package of ``space``.

    >>> import iranus
    >>> describe_package(0, iranus.course().deal_space()).split(": ")[0]
    'package 0'
    """
    package = bg._space(space).package(package_id)
    options = "; ".join(option_label(o, space, language) for o in package.values())
    return t("display.package", get_language(language), n=int(package_id), options=options)


def zone_comparison(
    space: bg.DealSpace,
    settings: Mapping[str, Mapping[str, Sequence[str]] | None] | None = None,
    language: str | None = None,
) -> pd.DataFrame:
    """The zone of possible agreement under several settings, side by side.

    Args:
        space: a deal space (``iranus.course().deal_space()``; required).
        settings: setting name -> constraints on the table parties, as
            :func:`iranus.models.bargaining.zone_of_possible_agreement` takes them; default
            :data:`ZONE_SETTINGS` (the US and Iran alone; the US side needing Israel).
        language: ``"en"`` or ``"ar"`` for the settings' names and the package's description
            (:func:`setting_label`, :func:`option_label`); the default language when None.

    Returns:
        DataFrame, one row per setting in the given order, columns: ``setting`` (string: its
        name in ``language``),
        ``packages`` (Int64: packages searched), ``win_set_us`` and ``win_set_iran`` (Int64:
        packages each side can accept, with its constraints), ``zone_size`` (Int64: packages
        both sides accept, the ZOPA), ``nash_package_id`` (Int64, <NA> when the zone is empty),
        ``nash_gain_us`` and ``nash_gain_iran`` (float64: points above each side's BATNA at the
        Nash bargaining solution, NaN when the zone is empty), ``nash_package`` (string: the
        Nash package's number and options, :func:`describe_package`; <NA> when the zone is
        empty). ``attrs["as_of"]`` holds the
        date of the codings (the space's ``as_of``); ``attrs["iranus"]`` that date and the
        space's data folder (``data_dir``, None for the bundled data).

    Raises:
        iranus.models.bargaining.ModelInputError: bad settings (unknown party, a constraint that is a
            table party), or codings missing at the space's date.

    Method: Raiffa (1982) for the zone; Putnam (1988) for the constraint; Nash (1950) for the
    solution; all computed by :mod:`iranus.models.bargaining`.

    >>> import iranus
    >>> zone_comparison(iranus.course().deal_space())["zone_size"].tolist()
    [1660, 0]
    """
    space = bg._space(space)
    settings = ZONE_SETTINGS if settings is None else settings
    rows = []
    for name, constraints in settings.items():
        sets = bg.win_sets(space, constraints=constraints).set_index("actor_id")
        zone = bg.zone_of_possible_agreement(space, constraints=constraints)
        nash = bg.nash_bargaining_solution(space, constraints=constraints)
        rows.append(
            {
                "setting": setting_label(name, language),
                "packages": int(sets.loc["us", "n_packages"]),
                "win_set_us": int(sets.loc["us", "win_set"]),
                "win_set_iran": int(sets.loc["iran", "win_set"]),
                "zone_size": len(zone),
                "nash_package_id": None if nash is None else int(nash["package_id"]),
                "nash_gain_us": float("nan") if nash is None else float(nash["gain_us"]),
                "nash_gain_iran": float("nan") if nash is None else float(nash["gain_iran"]),
                "nash_package": None if nash is None else describe_package(int(nash["package_id"]), space, language),
            }
        )
    out = pd.DataFrame(rows).astype(
        {
            "setting": "string",
            "packages": "Int64",
            "win_set_us": "Int64",
            "win_set_iran": "Int64",
            "zone_size": "Int64",
            "nash_package_id": "Int64",
            "nash_gain_us": "float64",
            "nash_gain_iran": "float64",
            "nash_package": "string",
        }
    )
    out.attrs["as_of"] = space.as_of
    # the folder, for the chart's source line; the language, so a chart of it speaks the same one
    out.attrs["iranus"] = {"as_of": space.as_of, "data_dir": space.data_dir, "language": get_language(language)}
    return out


def package_table(
    package: Mapping[str, str],
    space: bg.DealSpace,
    parties: Sequence[str] = bg.TABLE_PARTIES,
    language: str | None = None,
) -> pd.DataFrame:
    """One package, issue by issue: the option chosen and what it is worth to each party.

    Args:
        package: issue id -> option id, one entry per issue of the space (e.g.
            ``space.package(int(bargaining.nash_bargaining_solution(space)["package_id"]))``).
        space: the deal space (``iranus.course().deal_space()``, or :func:`iranus.models.bargaining.make_deal_space`).
        parties: actor ids whose points are shown (default the two table parties, US and Iran).
        language: issue and option labels in ``"en"`` or ``"ar"`` (:func:`option_label`); the
            default language when None.

    Returns:
        DataFrame, one row per issue in agenda order, columns ``issue`` (string: issue label),
        ``option`` (string: the option's label), then for each party ``p``:
        ``points_<p>`` (float64: the party's points for the option) and ``best_<p>`` (float64:
        the most points the party gives any option of that issue), and ``red_line_<p>``
        (boolean: the option is one of the party's red lines). Summing ``points_<p>`` gives the
        package's score for ``p`` (:func:`iranus.models.bargaining.score_package`).

    Raises:
        iranus.models.bargaining.ModelInputError: an issue left out, an unknown issue or option, or an
            unknown party (the message names it).

    Method: Raiffa (1982) additive scoring, as in :mod:`iranus.models.bargaining`; the points are the
    course's codings (``data/deal_scores.csv``), not facts.
    """
    space = bg._space(space)
    codes = space.codes(package)
    parties = [space.check_party(p, "parties") for p in ([parties] if isinstance(parties, str) else parties)]
    issue_label = labels_in("issues", space.data_dir, language)  # the folder the codings came from
    data: dict[str, list] = {
        "issue": [str(issue_label.get(i, i)) for i in space.issues],
        "option": [option_label(space.options[k][j], space, language) for k, j in enumerate(codes)],
    }
    for p in parties:
        data[f"points_{p}"] = [float(space.scores[p][k][j]) for k, j in enumerate(codes)]
        data[f"best_{p}"] = [float(max(space.scores[p][k])) for k in range(len(space.issues))]
        data[f"red_line_{p}"] = [bool(space.red_lines[p][k][j]) for k, j in enumerate(codes)]
    out = pd.DataFrame(data)
    kinds = {"issue": "string", "option": "string"}
    kinds |= {c: ("boolean" if c.startswith("red_line_") else "float64") for c in out.columns if c not in kinds}
    return out.astype(kinds)


def package_totals(package: Mapping[str, str], space: bg.DealSpace, language: str | None = None) -> pd.DataFrame:
    """Who would accept a package, with the red lines it crosses named by their labels.

    :func:`iranus.models.bargaining.score_package` for a reader: the party's display label beside its
    id, and the options it refuses written as their ``label_en`` rather than as option ids.

    Args:
        package: issue id -> option id, one entry per issue of the space.
        space: the deal space (``iranus.course().deal_space()``, or :func:`iranus.models.bargaining.make_deal_space`).
        language: actor and option labels in ``"en"`` or ``"ar"``; the default language when None.

    Returns:
        DataFrame, one row per party of the space (in its order), columns ``actor_id``
        and ``party`` (string), ``score``, ``batna``, ``surplus`` (float64, points: the sum of the
        party's points, its BATNA, and score minus BATNA), ``red_lines_crossed`` (string: option
        labels joined by "; ", <NA> if none) and ``accepts`` (boolean: no red line crossed and
        score >= BATNA).

    Raises:
        iranus.models.bargaining.ModelInputError: as :func:`iranus.models.bargaining.score_package`.

    Method: Raiffa (1982), via :func:`iranus.models.bargaining.score_package`.
    """
    space = bg._space(space)
    out = bg.score_package(package, space)
    actor_label = labels_in("actors", space.data_dir, language)
    out.insert(1, "party", out["actor_id"].map(lambda a: str(actor_label.get(a, a))).astype("string"))
    out["red_lines_crossed"] = out["red_lines_crossed"].map(
        lambda ids: pd.NA if pd.isna(ids) else "; ".join(option_label(o, space, language) for o in str(ids).split(", "))
    ).astype("string")
    return out


def scenario_definitions(scenarios: pd.DataFrame, start=COURSE_DATE) -> pd.DataFrame:
    """The scenarios as a forecaster reads them: what counts as each, and how long the window is.

    Each ``description_en`` of the scenarios table states what counts as the outcome and then,
    after ``"Question:"``, the forecasting question shared by all scenarios (which outcome happens
    first, by the resolution date). This splits the two, so a lesson can show the definitions
    and state the window as a number of days from the date it is set on.

    Args:
        scenarios: DataFrame as returned by ``iranus.load("scenarios")``.
        start: the date the forecast is made (``"YYYY-MM-DD"``, date or Timestamp); default
            :data:`iranus.COURSE_DATE` (6 February 2026).

    Returns:
        DataFrame in display order (``order``) with columns ``scenario_id``, ``label_en``,
        ``label_ar``, ``paragraph_id``, ``what_counts`` (strings: the description up to the shared
        question, with the resolution date written as "the end of the window", so that a lesson
        set before that date prints no later date) and ``window_days`` (Int64: days from
        ``start`` to ``resolves_by``).

    Raises:
        ValueError: a required column is missing, ``start`` is not a date, or a scenario resolves
            before ``start`` (names it).
    """
    require_columns(scenarios, "scenarios", ["scenario_id", "order", "label_en", "label_ar", "description_en", "paragraph_id", "resolves_by"])
    begin = parse_date(start, "start")
    if begin is None:
        raise ValueError("start=None: give the date the forecast is made (default: the course date)")
    rows = scenarios.sort_values(["order", "scenario_id"]).reset_index(drop=True)
    early = rows[rows["resolves_by"] < begin]
    if len(early):
        raise ValueError(
            f"scenario(s) {', '.join(early['scenario_id'].astype(str))} resolve before start={begin:%Y-%m-%d}"
        )
    what = [
        str(text).split(QUESTION_MARK, 1)[0].strip().replace(f"{end.day} {end:%B %Y}", "the end of the window")
        for text, end in zip(rows["description_en"], rows["resolves_by"])
    ]
    return pd.DataFrame(
        {
            "scenario_id": rows["scenario_id"].astype("string"),
            "label_en": rows["label_en"].astype("string"),
            "label_ar": rows["label_ar"].astype("string"),
            "paragraph_id": rows["paragraph_id"].astype("string"),
            "what_counts": pd.array(what, dtype="string"),
            "window_days": (rows["resolves_by"] - begin).dt.days.astype("Int64"),
        }
    )


NOT_AT_TABLE = "not at the table (for reference)"  # role of a party that is neither side nor constraint



@dataclass(frozen=True)
class DealEvaluation:
    """What the deal builder shows for one package.

    Attributes:
        package: issue id -> option id.
        package_id: the package's stable number in the deal space.
        scores: :func:`iranus.models.bargaining.score_package` output (one row per party: ``score``,
            ``batna``, ``surplus``, ``red_lines_crossed``, ``accepts``) plus ``role`` (string:
            ``"at the table"``, ``"constraint on us"`` or ``"not at the table (for reference)"``).
        in_zone: whether the package is in the zone of possible agreement.
        zone_size: number of packages in the zone.
        nash: :func:`iranus.models.bargaining.nash_bargaining_solution` (a Series) or None when the
            zone is empty.
        differs_from_nash: issue ids on which the package's option differs from the Nash
            package's (empty when it is the Nash package or there is none).
        gap_to_nash: table party -> the package's score minus the Nash package's score
            (points; empty when there is no Nash package).
        zone: :func:`iranus.models.bargaining.zone_of_possible_agreement` output (one row per package
            in the zone).
    """

    package: dict[str, str]
    package_id: int
    scores: pd.DataFrame
    in_zone: bool
    zone_size: int
    nash: pd.Series | None
    differs_from_nash: tuple[str, ...]
    gap_to_nash: dict[str, float]
    zone: pd.DataFrame



def two_level_constraints(space: bg.DealSpace, two_level: bool) -> dict[str, list[str]] | None:
    """``{"us": ["israel"]}`` when the two-level game is on (Israel must be in the space), else None."""
    if two_level:
        if "israel" not in space.parties:
            raise ValueError("two_level needs Israel's scores in the deal space (no 'israel' party)")
        return {"us": ["israel"]}
    return None



def evaluate_package(
    space: bg.DealSpace,
    package: Mapping[str, str],
    parties: Sequence[str] = bg.TABLE_PARTIES,
    constraints: Mapping[str, Sequence[str]] | None = None,
) -> DealEvaluation:
    """Score a package for every party and place it against the zone and the Nash package.

    Args:
        space: a deal space (:meth:`iranus.course.Course.deal_space`, or one changed with
            ``with_batna`` ...).
        package: issue id -> option id, one per issue.
        parties: the two parties at the table.
        constraints: side -> third parties whose acceptance that side needs, e.g.
            ``{"us": ["israel"]}``; None for none.

    Returns:
        :class:`DealEvaluation`.

    Raises:
        iranus.models.bargaining.ModelInputError (a ValueError): a package with an issue missing or an
            unknown option, an unknown party (each message names the entry and the valid ones).

    Method: Raiffa (1982) additive scoring and reservation values; Nash (1950).
    """
    scores = bg.score_package(package, space)
    involved = {p: "at the table" for p in parties}
    for side, others in (constraints or {}).items():
        for o in others:
            involved[o] = f"constraint on {side}"
    scores["role"] = pd.array([involved.get(p, NOT_AT_TABLE) for p in scores["actor_id"]], dtype="string")
    zone = bg.zone_of_possible_agreement(space, parties, constraints)
    pid = space.package_id(package)
    nash = bg.nash_bargaining_solution(space, parties, constraints)
    differs: tuple[str, ...] = ()
    gap: dict[str, float] = {}
    if nash is not None:
        differs = tuple(i for i in space.issues if nash[i] != package[i])
        by_party = dict(zip(scores["actor_id"], scores["score"]))
        gap = {p: float(by_party[p] - nash[f"score_{p}"]) for p in parties}
    return DealEvaluation(
        package=dict(package),
        package_id=pid,
        scores=scores,
        in_zone=bool((zone["package_id"] == pid).any()),
        zone_size=len(zone),
        nash=nash,
        differs_from_nash=differs,
        gap_to_nash=gap,
        zone=zone,
    )



def score_range(space: bg.DealSpace, party: str) -> tuple[float, float]:
    """The lowest and highest score any package can give ``party`` (points): the BATNA slider's range."""
    space.check_party(party)
    per_issue = space.scores[party]
    return float(sum(np.min(s) for s in per_issue)), float(sum(np.max(s) for s in per_issue))



def middle_package(space: bg.DealSpace) -> dict[str, str]:
    """A neutral starting package: the middle option of each issue (lower middle when even)."""
    return {issue: opts[(len(opts) - 1) // 2] for issue, opts in zip(space.issues, space.options)}


__all__ = [
    "two_level_constraints",
    "DealEvaluation",
    "NOT_AT_TABLE",
    "evaluate_package",
    "middle_package",
    "score_range",
    "MEDIATORS",
    "QUESTION_MARK",
    "ZONE_SETTINGS",
    "mediator_proposals",
    "package_table",
    "package_totals",
    "scenario_definitions",
    "zone_comparison",
    "describe_package",
    "option_label",
    "setting_label",
]
