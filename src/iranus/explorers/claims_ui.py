"""Claim sorter: the learner labels the seed article's claims and is told, claim by claim, why.

For each claim the learner picks a **type** (fact, stated position, assessment, forecast, or a
report of what others said) and **who it is attributed to**, in the four attribution groups of
:func:`iranus.record.source_reading.attribution_group`: named (on the record), unnamed (officials,
sources, analysts), another outlet's report, or the article's own voice.

The check compares the labels with the claims table and explains with the claimant, the
framing note and, where later reporting checked the claim by the lesson's date, the latest
verdict (:func:`iranus.record.source_reading.claim_verdicts`).

Logic: :class:`ClaimSorter` (plain Python: labels in, feedback and results out) and
:func:`sorter_chart`; :class:`ClaimSorterWidget` is the thin ipywidgets layer.
"""

from __future__ import annotations

from dataclasses import dataclass

import ipywidgets as w
import pandas as pd

from ..datasets.i18n import format_date, t, t_or, value_label
from ..datasets.loading import DateLike
from ..record.source_reading import (
    ATTRIBUTION_GROUPS,
    GROUP_ORDER,
    NO_CHECK,
    claim_verdicts,
    group_label,
    verdict_label,
)
from ..charts import render
from ..charts.claims import CLAIM_TYPES, sorter_chart_data, sorter_chart
from . import _common as c
from ._common import ExplorerBox

GROUPS = GROUP_ORDER

# What each type of claim is: shown with every answer, so the feedback teaches the distinction.
def type_meaning(claim_type: str, lang: str = "en") -> str:
    """What a claim type means, for the sorter's feedback (catalogue section ``claim_meaning``)."""
    return t_or(f"claim_meaning.{claim_type}", lang, claim_type)

CLAIM_COLUMNS = ["claim_id", "paragraph_id", "paraphrase_en", "claim_type", "claimant", "attribution"]


@dataclass(frozen=True)
class ClaimFeedback:
    """The answer for one claim.

    Attributes:
        claim_id: e.g. ``"C05"``.
        type_given, type_expected: claim-type codes.
        type_correct: whether they agree.
        group_given, group_expected: attribution groups (:data:`GROUPS`).
        attribution: the data's exact attribution code (e.g. ``"anonymous_official"``).
        group_correct: whether the groups agree.
        claimant: who makes the claim, as the article presents it.
        framing_note: the data's note on errors or framing ("" when none).
        verdict: the latest check by other reporting known on the sorter's date (a verdict
            code, or ``"no_check_yet"``).
        check_date: date of that evidence (Timestamp, NaT without a check).
        check_note: what the evidence says ("" without a check).
        check_outlet, check_reliability: outlet of the check's source and its reliability
            rating ("" when unknown).
    """

    claim_id: str
    type_given: str
    type_expected: str
    type_correct: bool
    group_given: str
    group_expected: str
    attribution: str
    group_correct: bool
    claimant: str
    framing_note: str
    verdict: str = NO_CHECK
    check_date: pd.Timestamp = pd.NaT
    check_note: str = ""
    check_outlet: str = ""
    check_reliability: str = ""

    def text(self, lang: str = "en") -> str:
        """The feedback as plain text, one line per point (what the widget shows)."""
        lines = [
            t(
                "ui.fb_type",
                lang,
                mark="✓" if self.type_correct else "✗",
                given=value_label(self.type_given, lang),
                expected=value_label(self.type_expected, lang),
                meaning=type_meaning(self.type_expected, lang),
            ),
            t(
                "ui.fb_attribution",
                lang,
                mark="✓" if self.group_correct else "✗",
                given=group_label(self.group_given, lang),
                claimant=self.claimant,
                attribution=value_label(self.attribution, lang),
                group=group_label(self.group_expected, lang),
            ),
        ]
        if self.framing_note:  # data notes exist in English only
            lines.append(t("ui.fb_wording", lang, note=self.framing_note))
        if self.verdict == NO_CHECK:
            lines.append(t("ui.fb_no_check", lang, verdict=verdict_label(NO_CHECK, lang)))
        else:
            rating = t("ui.fb_reliability", lang, rating=value_label(self.check_reliability, lang)) if self.check_reliability else ""
            where = t("source.list_sep", lang).join(x for x in (self.check_outlet, rating) if x)
            when = format_date(self.check_date, lang) if pd.notna(self.check_date) else t("ui.undated", lang)
            when += f"; {where}" if where else ""
            lines.append(t("ui.fb_check", lang, when=when, verdict=verdict_label(self.verdict, lang), note=self.check_note).rstrip())
        return "\n".join(lines)


class ClaimSorter:
    """The learner's labels of the seed article's claims, and the answers (no widgets).

    Args:
        claims: DataFrame as ``iranus.load("claims")`` returns it.
        claim_checks: DataFrame as ``iranus.load("claim_checks")`` returns it, or None (then
            every claim reads "no check yet").
        sources: DataFrame as ``iranus.load("sources")`` returns it (outlet and reliability of
            the checks' sources), or None.
        claim_ids: the claims to sort, in order (a lesson may pick a few); all when None.
        as_of: use only checks dated on or before this day (a lesson set on 6 Feb 2026 passes
            the course date); None uses every check.

    Raises:
        ValueError: a required column is missing, ``claim_ids`` is empty or names claims that
            are not in the table (lists them), ``as_of`` is not a date, or a check refers to an
            unknown claim.
    """

    def __init__(
        self,
        claims: pd.DataFrame,
        claim_checks: pd.DataFrame | None = None,
        sources: pd.DataFrame | None = None,
        claim_ids: list[str] | None = None,
        as_of: DateLike = None,
    ):
        c.require_columns(claims, CLAIM_COLUMNS, "claims")
        if claim_checks is None:
            claim_checks = pd.DataFrame(
                {k: pd.Series(dtype="datetime64[ns]" if k == "date" else "string")
                 for k in ("check_id", "claim_id", "date", "verdict", "source_id", "confidence", "note_en")}
            )
        verdicts = claim_verdicts(claims, claim_checks, as_of)
        table = verdicts.assign(
            claim_id=verdicts["claim_id"].astype(str),
            quote_ar=claims["quote_ar"].to_numpy() if "quote_ar" in claims.columns else pd.NA,
            framing_note=claims["framing_note"].to_numpy() if "framing_note" in claims.columns else pd.NA,
        ).set_index("claim_id", drop=False)
        if claim_ids is not None:
            claim_ids = [str(i) for i in claim_ids]
            if not claim_ids:
                raise ValueError("claim_ids is empty: pass None for all claims, or some ids such as ['C01', 'C02']")
            unknown = [i for i in claim_ids if i not in table.index]
            if unknown:
                raise ValueError(f"claim_ids: no claim(s) {unknown} in the claims table")
            table = table.loc[claim_ids]
        self.claims = table
        self.claim_ids: list[str] = list(table.index)
        self._outlets: dict[str, str] = {}
        self._reliability: dict[str, str] = {}
        if sources is not None and not sources.empty:
            c.require_columns(sources, ["source_id", "outlet", "reliability"], "sources")
            self._outlets = dict(zip(sources["source_id"].astype(str), sources["outlet"].astype(str)))
            self._reliability = dict(zip(sources["source_id"].astype(str), sources["reliability"].astype(str)))
        self._types: dict[str, str] = {}
        self._groups: dict[str, str] = {}
        self.checked: set[str] = set()

    def _known(self, claim_id: str) -> str:
        claim_id = str(claim_id)
        if claim_id not in self.claims.index:
            raise ValueError(f"claim_id={claim_id!r} is not among the claims being sorted")
        return claim_id

    def claim(self, claim_id: str) -> dict:
        """The claim's row as a dict (``paraphrase_en``, ``quote_ar``, ``paragraph_id``, ``verdict`` ...)."""
        return self.claims.loc[self._known(claim_id)].to_dict()

    def set_label(self, claim_id: str, claim_type: str | None = None, group: str | None = None) -> None:
        """Record the learner's labels for one claim (None leaves a label unchanged).

        Args:
            claim_id: e.g. ``"C05"``.
            claim_type: one of :data:`CLAIM_TYPES`.
            group: one of :data:`GROUPS` (``"named"``, ``"unnamed"``, ``"other_outlet"``,
                ``"outlet_itself"``).

        Raises:
            ValueError: unknown claim id, claim type or attribution group (lists the valid ones).
        """
        claim_id = self._known(claim_id)
        if claim_type is not None:
            if claim_type not in CLAIM_TYPES:
                raise ValueError(f"claim_type={claim_type!r}: choose one of {', '.join(CLAIM_TYPES)}")
            self._types[claim_id] = claim_type
        if group is not None:
            if group not in GROUPS:
                raise ValueError(f"group={group!r}: choose one of {', '.join(GROUPS)}")
            self._groups[claim_id] = group

    def label_of(self, claim_id: str) -> tuple[str | None, str | None]:
        """The learner's (claim type, attribution group) for a claim; None where not labelled."""
        claim_id = self._known(claim_id)
        return self._types.get(claim_id), self._groups.get(claim_id)

    def feedback(self, claim_id: str) -> ClaimFeedback:
        """Check the learner's labels of one claim against the data and mark it as checked.

        Raises:
            ValueError: unknown claim id, or a label is missing ("Pick a type of claim ... first").
        """
        claim_id = self._known(claim_id)
        given_type, given_group = self._types.get(claim_id), self._groups.get(claim_id)
        if given_type is None or given_group is None:
            missing = " and ".join(
                x for x, v in (("a type of claim", given_type), ("who it is attributed to", given_group)) if v is None
            )
            raise ValueError(f"Pick {missing} for {claim_id} first, then check.")
        row = self.claims.loc[claim_id]
        expected_type = str(row["claim_type"])
        attribution = str(row["attribution"])
        expected_group = ATTRIBUTION_GROUPS[attribution]
        framing = row["framing_note"]
        sid = row["check_source_id"]
        sid = str(sid) if isinstance(sid, str) else ""
        self.checked.add(claim_id)
        return ClaimFeedback(
            claim_id=claim_id,
            type_given=given_type,
            type_expected=expected_type,
            type_correct=given_type == expected_type,
            group_given=given_group,
            group_expected=expected_group,
            attribution=attribution,
            group_correct=given_group == expected_group,
            claimant=str(row["claimant"]),
            framing_note=str(framing) if isinstance(framing, str) else "",
            verdict=str(row["verdict"]),
            check_date=row["check_date"],
            check_note=str(row["note_en"]) if isinstance(row["note_en"], str) else "",
            check_outlet=self._outlets.get(sid, sid),
            check_reliability=self._reliability.get(sid, ""),
        )

    def results(self) -> pd.DataFrame:
        """One row per checked claim, in sorting order.

        Returns:
            DataFrame with columns ``claim_id``, ``type_given``, ``type_expected``,
            ``group_given``, ``group_expected`` (string) and ``type_correct``,
            ``group_correct`` (bool).
        """
        rows = []
        for cid in self.claim_ids:
            if cid not in self.checked:
                continue
            fb = self.feedback(cid)
            rows.append(
                {
                    "claim_id": cid,
                    "type_given": fb.type_given,
                    "type_expected": fb.type_expected,
                    "group_given": fb.group_given,
                    "group_expected": fb.group_expected,
                    "type_correct": fb.type_correct,
                    "group_correct": fb.group_correct,
                }
            )
        cols = ["claim_id", "type_given", "type_expected", "group_given", "group_expected", "type_correct", "group_correct"]
        out = pd.DataFrame(rows, columns=cols)
        return out.astype({k: "string" for k in cols[:5]} | {"type_correct": "bool", "group_correct": "bool"})

    def summary(self) -> dict[str, int]:
        """Counts: ``claims`` (to sort), ``checked``, ``type_correct``, ``group_correct``."""
        res = self.results()
        return {
            "claims": len(self.claim_ids),
            "checked": len(res),
            "type_correct": int(res["type_correct"].sum()),
            "group_correct": int(res["group_correct"].sum()),
        }


class ClaimSorterWidget(ExplorerBox):
    """The claim sorter widget: one claim at a time, two label choices, a Check button.

    Attributes: ``sorter`` (:class:`ClaimSorter`), ``claim_select`` (Dropdown),
    ``type_buttons`` and ``group_buttons`` (ToggleButtons), ``check_button``, ``feedback``
    (HTML), ``last_feedback`` (:class:`ClaimFeedback` or None), ``chart_svg`` (str).
    """

    explorer_name = "Claim sorter"

    def __init__(
        self,
        claims: pd.DataFrame | None = None,
        claim_checks: pd.DataFrame | None = None,
        sources: pd.DataFrame | None = None,
        claim_ids: list[str] | None = None,
        as_of: DateLike = None,
        language: str | None = None,
        course=None,
    ):
        ctx = c.context(course, as_of, language)
        claims = c.load_table("claims", claims, ctx)
        claim_checks = c.load_table("claim_checks", claim_checks, ctx)
        sources = c.load_table("sources", sources, ctx)
        self.sorter = ClaimSorter(claims, claim_checks, sources, claim_ids, ctx.as_of)
        self.last_feedback: ClaimFeedback | None = None
        lang = ctx.language
        self.language_select = c.language_toggle(lang)
        self.claim_select = w.Dropdown(layout=w.Layout(width="260px"))
        self.prev_button = w.Button(layout=w.Layout(width="110px"))
        self.next_button = w.Button(layout=w.Layout(width="110px"))
        self.card = w.HTML()
        self.type_caption, self.group_caption = w.HTML(), w.HTML()
        self.type_buttons = w.ToggleButtons(options=[], style={"button_width": "auto"})
        self.group_buttons = w.ToggleButtons(options=[], style={"button_width": "auto"})
        self.type_buttons.add_class("iranus-type-buttons")
        self.group_buttons.add_class("iranus-group-buttons")
        self.check_button = w.Button(button_style="primary", layout=w.Layout(width="auto"))
        self.feedback = w.HTML()
        self.progress = w.HTML()
        self.message = w.HTML()
        self.chart = render.ChartView()
        self._syncing = False

        report = c.report_errors(self._show_message)
        self.check = report(self._check)
        self.show_claim = report(self._show_claim)
        self.relabel = report(self._relabel)
        self.claim_select.observe(lambda _c: self.show_claim(), names="value")
        self.type_buttons.observe(self._store_label, names="value")
        self.group_buttons.observe(self._store_label, names="value")
        self.check_button.on_click(lambda _b: self.check())
        self.prev_button.on_click(lambda _b: self._step(-1))
        self.next_button.on_click(lambda _b: self._step(+1))
        self.language_select.observe(lambda _c: self.relabel(), names="value")

        super().__init__(
            [
                c.rtl_style(),
                w.HBox([self.claim_select, self.prev_button, self.next_button, self.language_select]),
                self.card,
                self.type_caption,
                self.type_buttons,
                self.group_caption,
                self.group_buttons,
                self.check_button,
                self.message,
                self.feedback,
                self.progress,
                self.chart,
            ],
            layout=w.Layout(width="100%"),
        )
        self.add_class("iranus-explorer")
        self.add_class("iranus-claims")
        self.relabel()

    def _relabel(self) -> None:
        lang = self.lang
        c.set_direction(self, lang)
        if not self.sorter.claim_ids:
            raise ValueError(c.ui("no_claims", lang))
        self._syncing = True
        try:
            current = self.claim_select.value
            self.claim_select.options = [
                (f"{cid} ({self.sorter.claims.loc[cid, 'paragraph_id']})", cid) for cid in self.sorter.claim_ids
            ]
            self.claim_select.value = current if current in self.sorter.claim_ids else self.sorter.claim_ids[0]
            self.type_buttons.options = [(value_label(t, lang), t) for t in CLAIM_TYPES]
            self.group_buttons.options = [(group_label(g, lang), g) for g in GROUPS]
        finally:
            self._syncing = False
        self.prev_button.description = c.ui("previous", lang)
        self.next_button.description = c.ui("next", lang)
        self.check_button.description = c.ui("check", lang)
        self.type_caption.value = c.box(f"<b>{c.ui('claim_type', lang)}</b>", lang)
        self.group_caption.value = c.box(f"<b>{c.ui('attribution', lang)}</b>", lang)
        self._show_claim()
        self._show_progress()

    def _step(self, delta: int) -> None:
        ids = self.sorter.claim_ids
        k = ids.index(self.claim_select.value)
        self.claim_select.value = ids[max(0, min(len(ids) - 1, k + delta))]

    def _store_label(self, _change=None) -> None:
        if self._syncing or self.claim_select.value is None:
            return
        self.sorter.set_label(self.claim_select.value, self.type_buttons.value, self.group_buttons.value)

    def _show_claim(self) -> None:
        lang = self.lang
        cid = self.claim_select.value
        row = self.sorter.claim(cid)
        quote = row.get("quote_ar")
        quote_html = (
            f'<div dir="rtl" lang="ar" style="font-size:110%;margin-top:4px">«{c.esc(quote)}»</div>'
            if isinstance(quote, str) and quote
            else ""
        )
        para = f"{c.ui('claim', lang)} {c.esc(cid)} · {c.esc(row['paragraph_id'])}"
        self.card.value = c.box(
            f'<div style="border:1px solid #ccc;padding:8px;border-radius:4px">'
            f"<small>{para}</small>"
            f'<div dir="ltr" lang="en" style="font-size:110%">{c.esc(row["paraphrase_en"])}</div>{quote_html}</div>',
            lang,
        )
        given_type, given_group = self.sorter.label_of(cid)
        self._syncing = True
        try:
            self.type_buttons.value = given_type
            self.group_buttons.value = given_group
        finally:
            self._syncing = False
        self.message.value = ""
        self.feedback.value = self._feedback_html(self.sorter.feedback(cid)) if cid in self.sorter.checked else ""

    def _feedback_html(self, fb: ClaimFeedback) -> str:
        kind = "ok" if fb.type_correct and fb.group_correct else "warning"
        lines = "".join(f"<div>{c.esc(line)}</div>" for line in fb.text(self.lang).splitlines())
        style = c._KIND_STYLE[kind]
        return f'<div class="iranus-feedback" dir="ltr" style="{style};padding:6px 10px">{lines}</div>'

    def _check(self) -> None:
        self._store_label()
        self.message.value = ""
        fb = self.sorter.feedback(self.claim_select.value)
        self.last_feedback = fb
        self.feedback.value = self._feedback_html(fb)
        self._show_progress()

    def _show_progress(self) -> None:
        lang = self.lang
        s = self.sorter.summary()
        self.progress.value = c.box(
            c.ui("sorter_progress", lang).format(
                checked=f"<b>{s['checked']}</b>", claims=s["claims"], type=f"<b>{s['type_correct']}</b>",
                group=f"<b>{s['group_correct']}</b>",
            ),
            lang,
        )
        if s["checked"]:
            self.chart.show(sorter_chart(self.sorter.results(), lang), lang)
        else:
            self.chart.clear()


def claim_sorter(claim_ids: list[str] | None = None, as_of: DateLike = None, **kwargs) -> ClaimSorterWidget:
    """The claim sorter, in one line: ``iranus.explorers.claim_sorter(course=iranus.course())``.

    Args:
        claim_ids: the claims to sort, in order; all claims when None.
        as_of: feedback uses only checks by other reporting dated on or before this day.
        **kwargs: passed to :class:`ClaimSorterWidget` (``language``, or DataFrames ``claims``,
            ``claim_checks``, ``sources``).
    """
    return c.build_or_message(ClaimSorterWidget, "claim sorter", claim_ids=claim_ids, as_of=as_of, **kwargs)


__all__ = ["CLAIM_TYPES", "GROUPS", "ClaimFeedback", "ClaimSorter", "ClaimSorterWidget", "claim_sorter", "sorter_chart", "sorter_chart_data"]
