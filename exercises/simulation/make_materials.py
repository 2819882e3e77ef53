"""Write the role-play's briefing and role cards from the iranus data (one job: render them).

Every fact, position, score and BATNA on the cards comes from the data package as of the decision
point, 6 February 2026: stated positions (``positions``, with speaker, date, attribution and
source), the course's deal space (``deal_options``, ``deal_scores``, ``deal_batnas``: a teaching
model, labelled as such), the events before the round and the mediators' reported proposals.
Nothing dated after 6 February 2026 is printed (a test scans the cards).

Run from the checkout after the data changed, then commit the Markdown files it writes::

    uv run python exercises/simulation/make_materials.py          # writes exercises/simulation/*.md
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
from iranus.display import source_labels

DECISION_DATE = "2026-02-06"
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


def _source(source_id) -> str:
    """A source as a reader cites it: "Reuters, 4 Feb 2026" (iranus.display.source_labels)."""
    return str(source_labels(pd.Series([str(source_id)]), iranus.load("sources")).iloc[0])


def _said(row) -> str:
    """'speaker, venue, DD Mon YYYY (attribution; source_id)' for a positions row."""
    return (
        f"{row['speaker']}; {row['venue_en']}; {_day(row['date'])} "
        f"({value_label(str(row['attribution']), 'en')}; {_source(row['source_id'])}, confidence {row['confidence']})"
    )


def stated_positions(actor: str) -> list[str]:
    """The actor's stated positions up to the decision point, issue by issue (Markdown lines)."""
    positions = iranus.load("positions", as_of=DECISION_DATE)
    issues = iranus.load("issues")
    rows = agendas.stated_conditions(positions, issues, actor)
    if rows.empty:
        return ["*The data holds no stated position of this actor up to 6 February 2026.*"]
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


def batna_lines(party: str) -> list[str]:
    """The party's BATNA as coded for the decision point, with the alternative and its confidence."""
    table = iranus.load("deal_batnas", as_of=DECISION_DATE)
    row = table[table["actor_id"] == party].sort_values("date").iloc[-1]
    return [
        f"**Your BATNA: {row['batna']:g} points** (coded {_day(row['date'])}, confidence {row['confidence']}, "
        f"{_source(row['source_id'])}).",
        "",
        f"Your best alternative to a negotiated agreement: {row['alternative_en']}",
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
    """Who sat in the actor's delegation at the Muscat round, from the events table."""
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
        "card comes from the iranus data as of that day; the points and BATNAs are the course's teaching model "
        "(`data/CODEBOOK_deal_space.md`), not facts.*",
        "",
        INTRO[party],
    ]
    who = delegation(party)
    if who:
        lines += ["", who]
    lines += ["", "## What your side has said (the public record up to 6 February 2026)", ""]
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
    rows = prospects.mediator_proposals(iranus.load("positions", as_of=DECISION_DATE), language="en")
    return _table(
        ["issue", "mediators", "what was proposed or said", "who, when (attribution; source)"],
        [
            [
                r["issue"],
                r["mediators"],
                r["paraphrase_en"],
                f"{r['speaker']}; {_day(r['date'])} ({value_label(str(r['attribution']), 'en')}; "
                f"{_source(r['source_id'])}, confidence {r['confidence']})",
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
        "*For all teams. Everything here comes from the iranus data as of 6 February 2026; nothing later is "
        "known to anyone in the room.*",
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
            [f"{_day(r['date'])}", f"{r['title_en']}: {r['description_en']}", f"{value_label(str(r['category']), 'en')} ({r['confidence']}; {_source(r['source_id'])})"]
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


def materials() -> dict[str, str]:
    """File name -> Markdown text of every handout (briefing and the four role cards)."""
    space = iranus.course(as_of=DECISION_DATE).deal_space()
    out = {"briefing.md": briefing(space)}
    for party in TEAMS:
        out[f"role_{party}.md"] = role_card(party, space)
    return out


def main(argv: list[str] | None = None) -> int:
    """Write the handouts next to this script (or, with --check, report whether they are current)."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="exit 1 if a handout differs from the data")
    parser.add_argument("--out", default=str(HERE), help="folder to write to (default: next to this script)")
    args = parser.parse_args(argv)
    out = Path(args.out)
    stale = []
    for name, text in materials().items():
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
