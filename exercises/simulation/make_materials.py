"""Write the role-play's briefing and role cards from the iranus data (one job: render them).

Every fact, position, score and BATNA on the cards comes from the data package as of the decision
point, 6 February 2026: stated positions (``positions``, with speaker, date, attribution and
source), the course's deal space (``deal_options``, ``deal_scores``, ``deal_batnas``: a teaching
model, labelled as such), the events before the round and the mediators' reported proposals.
The round itself is the decision point, so the cards show only what was **public before the talks
opened**: statements dated before 6 February 2026 (what the sides and the mediator said on the day,
after the talks, such as Oman's "very serious" or Iran's "a good start", is left out; a test
checks it) and events of the run-up reported by then. Sources are shown by title, outlet and date.

Besides the Markdown files, it writes printable HTML handouts (``html/``: the briefing, the four
cards, and blank forms for Oman's single negotiating text and each side's decision), rendered
with mistune (the Markdown library nbconvert uses). To get PDFs, print the HTML from a browser,
or offline with Debian's Chromium: ``chromium --headless --print-to-pdf=briefing.pdf html/briefing.html``.

Run from the checkout after the data changed, then commit the files it writes::

    uv run python exercises/simulation/make_materials.py          # writes exercises/simulation/*.md and html/
    uv run python exercises/simulation/make_materials.py --check  # exit 1 if the files are stale

The cards are confidential per team in class (print each team only its own card); the briefing is
for everyone.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import pandas as pd

import iranus
from iranus.record import agendas
from iranus.models import bargaining, prospects
from iranus.datasets.i18n import label, value_label

DECISION_DATE = "2026-02-06"
#: The talks opened on the decision day: the cards show statements dated before it.
ROUND_BEGAN = pd.Timestamp(DECISION_DATE)
HERE = Path(__file__).resolve().parent
#: The teams of the simulation: the two parties at the table, Israel behind the US, Oman mediating.
TEAMS = ("us", "iran", "israel", "oman")
ROUND_EVENT = "muscat_round_2026"
#: Events of the run-up shown in the briefing (from this date to the decision point).
RUN_UP_FROM = "2025-12-28"


def _cell(text) -> str:
    """Text safe for one Markdown table cell."""
    return "" if pd.isna(text) else str(text).replace("|", "/").replace("\n", " ").strip()


def _day(date) -> str:
    """'6 Feb 2026' (no leading zero)."""
    return f"{date.day} {date:%b %Y}"


def _table(header: list[str], rows: list[list]) -> list[str]:
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    lines += ["| " + " | ".join(_cell(v) for v in row) + " |" for row in rows]
    return lines


def source_ref(source_id: str) -> str:
    """A source as a reader can find it: '*title*, outlet, D Mon YYYY' (the id when unknown)."""
    sources = iranus.load("sources").set_index("source_id")
    if source_id not in sources.index:
        return f"`{source_id}`"
    r = sources.loc[source_id]
    when = _day(r["date"]) if not pd.isna(r["date"]) else "undated"
    return f"*{_cell(r['title'])}*, {r['outlet']}, {when}"


def public_positions() -> pd.DataFrame:
    """Positions stated before the round began (dated before :data:`ROUND_BEGAN`)."""
    positions = iranus.load("positions", as_of=DECISION_DATE)
    return positions[positions["date"] < ROUND_BEGAN]


def _said(row) -> str:
    """'speaker, venue, DD Mon YYYY (attribution; source title, outlet, date)' for a positions row."""
    return (
        f"{row['speaker']}; {row['venue_en']}; {_day(row['date'])} "
        f"({value_label(str(row['attribution']), 'en')}; {source_ref(row['source_id'])}; confidence {row['confidence']})"
    )


def stated_positions(actor: str) -> list[str]:
    """The actor's stated positions before the round, issue by issue (Markdown lines)."""
    positions = public_positions()
    issues = iranus.load("issues")
    rows = agendas.stated_conditions(positions, issues, actor)
    if rows.empty:
        return ["*The data holds no stated position of this actor before the talks of 6 February 2026.*"]
    out = _table(
        ["issue", "what was said (the course's paraphrase)", "who, where, when (attribution; source)"],
        [[label("issues", r["issue_id"], "en"), r["paraphrase_en"], _said(r)] for _, r in rows.iterrows()],
    )
    silent = [label("issues", i, "en") for i in issues["issue_id"].astype(str) if i not in set(rows["issue_id"].astype(str))]
    if silent:
        out += ["", f"No stated position in the data on: {', '.join(silent)}. That is a gap in the record, not a stance."]
    return out


def scoring_table(space: bargaining.DealSpace, party: str) -> list[str]:
    """The party's points for every option, its red lines, and how much each issue can move it."""
    scores = space.score_table()
    scores = scores[scores["actor_id"] == party]
    weights = bargaining.issue_weights(space).set_index(["actor_id", "issue_id"])
    rows = []
    for issue in space.issues:
        sub = scores[scores["issue_id"] == issue]
        best = float(sub["score"].max())
        for _, r in sub.iterrows():
            rows.append(
                [
                    f"{label('issues', issue, 'en')} (weight {weights.loc[(party, issue), 'weight']:g})",
                    f"{space.labels[r['option_id']]} (`{r['option_id']}`)",
                    f"{r['score']:g}",
                    "**red line**" if bool(r["red_line"]) else f"gives up {best - float(r['score']):g}",
                ]
            )
    return _table(["issue (weight = best minus worst points)", "option", "your points", "red line / cost"], rows)


MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


def before_the_round(text: str) -> str:
    """``text`` without the bracketed references to events on or after the decision point.

    The BATNA rows are coded *for* the decision point (dated 6 February), and their description of
    the alternative may cite events of that very day (e.g. "new sanctions on 6 Feb, Al Jazeera":
    sanctions imposed on the day of the talks). The card keeps the description and the earlier
    events and drops each ``; ``-separated item of a bracket that names a day on or after the
    decision point (a day and month without a year are read as 2026); an emptied bracket goes.
    """
    import re

    cut = pd.Timestamp(DECISION_DATE)
    day_re = re.compile(r"\b(\d{1,2}) (" + "|".join(MONTHS) + r")[a-z]*\.?(?:,? (\d{4}))?")

    def late(item: str) -> bool:
        for m in day_re.finditer(item):
            year = int(m[3]) if m[3] else cut.year
            if pd.Timestamp(year, MONTHS.index(m[2]) + 1, int(m[1])) >= cut:
                return True
        return False

    def trim(m: re.Match) -> str:
        kept = [item for item in m[1].split("; ") if not late(item)]
        return f" ({'; '.join(kept)})" if kept else ""

    return re.sub(r" \(([^()]*)\)", trim, text)


def batna_lines(party: str) -> list[str]:
    """The party's BATNA as coded for the decision point, with the alternative and its confidence.

    The alternative's description shows only events before the round (:func:`before_the_round`).
    """
    table = iranus.load("deal_batnas", as_of=DECISION_DATE)
    row = table[table["actor_id"] == party].sort_values("date").iloc[-1]
    return [
        f"**Your BATNA: {row['batna']:g} points** (coded by the course for the decision point, confidence "
        f"{row['confidence']}, source: {source_ref(row['source_id'])}).",
        "",
        f"Your best alternative to a negotiated agreement: {before_the_round(row['alternative_en'])}",
        "",
        "You accept a package only if it crosses none of your red lines **and** its points add up to at least "
        "your BATNA. The number is the course's judgement, not a fact: argue with it in the debrief.",
    ]


def room_to_move(space: bargaining.DealSpace, party: str) -> list[str]:
    """What the party may concede (options that are not red lines, cheapest first) and may not."""
    scores = space.score_table()
    scores = scores[scores["actor_id"] == party]
    may_not, may = [], []
    for issue in space.issues:
        sub = scores[scores["issue_id"] == issue]
        best = float(sub["score"].max())
        reds = [space.labels[o] for o in sub.loc[sub["red_line"].astype(bool), "option_id"]]
        if reds:
            may_not.append(f"- {label('issues', issue, 'en')}: never {', '.join(reds)}.")
        ok = sub[~sub["red_line"].astype(bool)].sort_values("score", ascending=False)
        steps = [f"{space.labels[o]} (-{best - float(s):g})" for o, s in zip(ok["option_id"], ok["score"])]
        may.append(f"- {label('issues', issue, 'en')}: {' > '.join(steps)}")
    return (
        ["**You may not concede** (your red lines):", ""]
        + (may_not or ["- none: you have no red line in this deal space."])
        + ["", "**You may concede**, from your best acceptable option down (points you give up in brackets):", ""]
        + may
    )


def delegation(actor: str) -> str:
    """Who sat in the actor's delegation at the Muscat round, from the events table.

    Known only once the round took place: it goes to the debrief notes, never on a card.
    """
    from iranus.record import timeline

    people = timeline.participants(*(iranus.course(as_of=DECISION_DATE).load(n) for n in ("events", "event_actors", "actors")), ROUND_EVENT, "en")
    people = people[people["affiliation_id"].astype("string") == actor] if "affiliation_id" in people.columns else people.iloc[0:0]
    if people.empty:
        return ""
    names = [f"{r['name']} ({r['title_en']})" for _, r in people.iterrows()]
    return "At the real round: " + "; ".join(names) + "."


INTRO = {
    "us": (
        "You are the **US delegation** in Muscat. You negotiate with Iran through Oman's foreign minister, "
        "who carries messages between the rooms. You may also meet the Israeli team, who are not at the table "
        "but whose acceptance your side needs to sell any deal at home (Putnam's two-level game)."
    ),
    "iran": (
        "You are the **Iranian delegation** in Muscat. You negotiate with the US through Oman's foreign "
        "minister, who carries messages between the rooms. You do not talk to the Israeli team."
    ),
    "israel": (
        "You are **Israel's government**. You are **not at the table** in Muscat: you may talk to the US team "
        "only (between rounds), never to Iran or Oman. At the decision point you tell the US whether you accept "
        "the text; the US side needs your acceptance (its win-set is narrowed by yours)."
    ),
    "oman": (
        "You are **Oman's foreign minister**, host and mediator. You carry messages between the US and Iranian "
        "rooms, and in round 2 you table a single negotiating text (one option per issue). You have no points "
        "in the deal space: your aim is a text both sides accept, and you may tell either side only what the "
        "other allowed you to pass on."
    ),
}


def role_card(party: str, space: bargaining.DealSpace) -> str:
    """The Markdown role card of one team."""
    name = label("actors", party, "en")
    lines = [
        f"# Role card: {name}",
        "",
        "*Confidential: for this team only. Decision point: Muscat, Friday 6 February 2026. Everything on this "
        "card comes from the iranus data, as it was public before the talks opened that day; the points and BATNAs are the course's teaching model "
        "(`data/CODEBOOK_deal_space.md`), not facts.*",
        "",
        INTRO[party],
    ]
    lines += ["", "## What your side has said (the public record before the talks of 6 February 2026)", ""]
    lines += stated_positions(party)
    if party in space.parties:
        lines += ["", "## Your scoring table (only you see these numbers)", ""]
        lines += scoring_table(space, party)
        lines += ["", "## Your BATNA", ""]
        lines += batna_lines(party)
        lines += ["", "## What you may and may not concede", ""]
        lines += room_to_move(space, party)
    else:
        lines += ["", "## The mediators' proposals on record (public)", ""]
        lines += mediator_lines()
        lines += [
            "",
            "You have no scoring table: the data codes no points and no BATNA for Oman. Build your single "
            "negotiating text from the options in the briefing and from what each side tells you.",
        ]
    return "\n".join(lines).rstrip() + "\n"


def mediator_lines() -> list[str]:
    """The mediators' proposals and statements up to the decision point (Markdown table)."""
    rows = prospects.mediator_proposals(public_positions(), language="en")
    return _table(
        ["issue", "mediators", "what was proposed or said", "who, when (attribution; source)"],
        [
            [
                r["issue"],
                r["mediators"],
                r["paraphrase_en"],
                f"{r['speaker']}; {_day(r['date'])} ({value_label(str(r['attribution']), 'en')}; "
                f"{source_ref(r['source_id'])}; confidence {r['confidence']})",
            ]
            for _, r in rows.iterrows()
        ],
    )


def known_events() -> pd.DataFrame:
    """Events of the run-up known before the talks opened: dated from :data:`RUN_UP_FROM` to the day
    before the decision point, and resting on a source published by the decision date (an event
    reported only later was not known in the room)."""
    cut = pd.Timestamp(DECISION_DATE)
    events = iranus.load("events", as_of=DECISION_DATE)
    published = iranus.load("sources").set_index("source_id")["date"]
    # a source without a date: read it from the id (outlet_YYYY_MM_DD_slug), when the id carries one
    from_id = pd.to_datetime(
        events["source_id"].astype(str).str.extract(r"_(\d{4}_\d{2}_\d{2})_")[0].str.replace("_", "-"), errors="coerce"
    )
    source_date = events["source_id"].map(published).fillna(from_id)
    keep = (events["date"] >= pd.Timestamp(RUN_UP_FROM)) & (events["date"] < cut) & ~(source_date > cut)
    return events[keep].sort_values(["date", "event_id"])


def briefing(space: bargaining.DealSpace) -> str:
    """The public briefing for every team: the situation, the options, the rules of the day."""
    events = known_events()
    options = space.option_table()
    lines = [
        "# Briefing: Muscat, Friday 6 February 2026",
        "",
        "*For all teams. Everything here comes from the iranus data as it was public before the talks opened on "
        "6 February 2026; nothing said at or after the talks is known to anyone in the room.*",
        "",
        "## The decision point",
        "",
        "The US and Iranian delegations are in separate rooms in Muscat; Oman's foreign minister carries "
        "messages between them. By the end of the day each side must choose: **agree** a text (a full package, "
        "or a partial one that leaves some issues for later), **keep talking** without a text, or **walk away**.",
        "",
        "## The run-up (events table)",
        "",
    ]
    lines += _table(
        ["date", "event", "category (confidence; source)"],
        [
            [f"{_day(r['date'])}", f"{r['title_en']}: {r['description_en']}", f"{value_label(str(r['category']), 'en')} ({r['confidence']}; {source_ref(r['source_id'])})"]
            for _, r in events.iterrows()
        ],
    )
    lines += [
        "",
        "## What can be agreed: the options on each issue",
        "",
        "A **package** is one option for every issue below. The venue is not an option: you are in Muscat.",
        "",
    ]
    desc = iranus.load("deal_options").set_index("option_id")["description_en"]
    lines += _table(
        ["issue", "option", "what it means"],
        [[label("issues", r["issue_id"], "en"), f"{r['label_en']} (`{r['option_id']}`)", desc.get(r["option_id"], "")] for _, r in options.iterrows()],
    )
    lines += [
        "",
        "## Words",
        "",
        "Sides name things differently: what the course calls *regional allies*, US and Israeli officials call "
        "proxies or terrorist organisations and Iranian officials the axis of resistance; the White House asks "
        "for *zero nuclear capability*, Iran speaks of its *right* to enrich. Use each side's words when you "
        "speak for it, and neutral ones when you write the text.",
    ]
    return "\n".join(lines).rstrip() + "\n"


def single_text_form(space: bargaining.DealSpace) -> str:
    """Oman's blank single negotiating text: one option to tick per issue, room for amendments."""
    lines = [
        "# Single negotiating text (Oman)",
        "",
        "*Round 2. Oman tables one option per issue; the parties propose amendments through Oman.*",
        "",
        "Version: ______   Time tabled: ______",
        "",
    ]
    options = space.option_table()
    rows = []
    for issue, group in options.groupby("issue_id", sort=False):
        choices = " ".join(f"☐ {r['label_en']} (`{r['option_id']}`)" for _, r in group.iterrows())
        rows.append([label("issues", issue, "en"), choices, "", ""])
    lines += _table(["issue", "tick one option", "amendment asked by the US", "amendment asked by Iran"], rows)
    lines += ["", "Left for later (issues not settled in this text): ______________________________", "",
              "Signed for Oman: ______________________"]
    return "\n".join(lines) + "\n"


def decision_form(party: str) -> str:
    """A party's blank decision form for the decision point."""
    name = label("actors", party, "en")
    lines = [
        f"# Decision: {name}",
        "",
        "*At the decision point, on Oman's final text (version ______).*",
        "",
        "☐ **Accept** the text as a package   ☐ **Accept in part** (issues: ______________)",
        "",
        "☐ **Keep talking** without a text   ☐ **Walk away**",
        "",
    ]
    if party == "us":
        lines += ["Shown to Israel first? ☐ yes ☐ no   Israel's answer: ☐ accepts ☐ rejects", ""]
    lines += ["Red lines that decided it: ______________________________________________", "",
              "What we tell the press (one sentence): __________________________________", "",
              f"Signed for {name}: ______________________"]
    return "\n".join(lines) + "\n"


def debrief_notes() -> str:
    """The instructor's notes for the debrief, after the round: who sat at the real round (not on the cards)."""
    lines = [
        "# Debrief notes: the real Muscat round (for the instructor, after the role-play)",
        "",
        "*Not a handout for the round: the cards and the briefing stop before the talks opened. Show these "
        "facts only in the debrief (exercise 08), next to what the teams decided.*",
        "",
        "## Who sat at the real round (events table)",
        "",
    ]
    for party in TEAMS:
        who = delegation(party)
        lines.append(f"- {label('actors', party, 'en')}: " + (who.removeprefix("At the real round: ") if who else
                                                            "none recorded in the events table for this round."))
    return "\n".join(lines) + "\n"


#: Handouts for after the round (not given to the teams, not cut before the talks).
AFTER_THE_ROUND = ("debrief_notes.md",)


def materials() -> dict[str, str]:
    """File name -> Markdown text of every handout (briefing, the four role cards, the blank forms,
    and the debrief notes: see :data:`AFTER_THE_ROUND`)."""
    space = iranus.course(as_of=DECISION_DATE).deal_space()
    out = {"briefing.md": briefing(space)}
    for party in TEAMS:
        out[f"role_{party}.md"] = role_card(party, space)
    out["form_single_text.md"] = single_text_form(space)
    for party in ("us", "iran"):
        out[f"form_decision_{party}.md"] = decision_form(party)
    out["debrief_notes.md"] = debrief_notes()
    return out


CSS = """body{font-family:Georgia,serif;max-width:60em;margin:1.5em auto;font-size:11pt;line-height:1.35}
table{border-collapse:collapse;width:100%;margin:.6em 0}th,td{border:1px solid #888;padding:.3em .45em;
vertical-align:top;text-align:left;font-size:10pt}th{background:#eee}h1{font-size:18pt}h2{font-size:13pt;
margin-top:1.2em}code{font-size:9pt}@media print{body{margin:0}h2{break-after:avoid}tr{break-inside:avoid}}
td:empty{height:3em}"""


def html(markdown_text: str) -> str:
    """A printable HTML page of a handout (mistune, tables plugin; A4-friendly print CSS)."""
    import mistune

    title = markdown_text.splitlines()[0].lstrip("# ").strip()
    body = mistune.create_markdown(plugins=["table"])(markdown_text)
    return (f"<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>{title}</title>"
            f"<style>{CSS}</style></head><body>\n{body}</body></html>\n")


def all_files() -> dict[str, str]:
    """Relative path -> text of every file written: the Markdown handouts and their HTML under html/."""
    out = materials()
    for name, text in list(out.items()):
        out[f"html/{name[:-3]}.html"] = html(text)
    return out


def main(argv: list[str] | None = None) -> int:
    """Write the handouts next to this script (or, with --check, report whether they are current)."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="exit 1 if a handout differs from the data")
    parser.add_argument("--out", default=str(HERE), help="folder to write to (default: next to this script)")
    args = parser.parse_args(argv)
    out = Path(args.out)
    stale = []
    (out / "html").mkdir(exist_ok=True)
    for name, text in all_files().items():
        path = out / name
        if args.check:
            if not path.is_file() or path.read_text(encoding="utf-8") != text:
                stale.append(name)
        else:
            path.write_text(text, encoding="utf-8")
            print(f"wrote {path}")
    if stale:
        print(f"stale handouts (rerun without --check): {', '.join(stale)}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
