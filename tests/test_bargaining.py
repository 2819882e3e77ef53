"""iranus.models.bargaining: the deal space, ZOPA, Pareto frontier, Nash solution and sensitivity.

Published numbers reproduced here:

- Nash (1950), "The Bargaining Problem", Econometrica 18(2), 155-162: the closing example, in
  which Bill and Jack barter goods without money. The table of utilities (Bill's goods: book,
  whip, ball, bat, box; Jack's goods: pen, toy, knife, hat) and the solution (Bill gives Jack the
  book, whip, ball and bat; Jack gives Bill the pen, toy and knife) are Nash's.
- The course's own codings (data/deal_scores.csv, deal_batnas.csv), whose results the codebook
  (data/CODEBOOK_deal_space.md) quotes: these tests keep the codebook honest.
"""

from __future__ import annotations

import iranus

import numpy as np
import pandas as pd
import pytest

from iranus.models import bargaining as bg
from iranus.models._package_grid import package_grid, pareto_mask

# -- helpers ----------------------------------------------------------------------------------

# Nash (1950): good -> (first owner, utility to Bill, utility to Jack)
NASH_GOODS = {
    "book": ("bill", 2, 4),
    "whip": ("bill", 2, 2),
    "ball": ("bill", 2, 1),
    "bat": ("bill", 2, 2),
    "box": ("bill", 4, 1),
    "pen": ("jack", 10, 1),
    "toy": ("jack", 4, 1),
    "knife": ("jack", 6, 2),
    "hat": ("jack", 2, 2),
}


def nash_barter_space() -> bg.DealSpace:
    """Nash's barter as a deal space: each good is an issue, its options are who ends up with it.

    A player's score is the utility of the goods he holds; his BATNA (no trade) is the utility of
    his own goods: Bill 2+2+2+2+4 = 12, Jack 1+1+2+2 = 6.
    """
    options, scores = [], []
    for good, (_, to_bill, to_jack) in NASH_GOODS.items():
        for holder in ("bill", "jack"):
            option = f"{good}_to_{holder}"
            options.append((option, good))
            scores.append(("bill", option, to_bill if holder == "bill" else 0))
            scores.append(("jack", option, to_jack if holder == "jack" else 0))
    batnas = [
        ("bill", sum(b for owner, b, _ in NASH_GOODS.values() if owner == "bill")),
        ("jack", sum(j for owner, _, j in NASH_GOODS.values() if owner == "jack")),
    ]
    return bg.make_deal_space(
        pd.DataFrame(options, columns=["option_id", "issue_id"]),
        pd.DataFrame(scores, columns=["actor_id", "option_id", "score"]),
        pd.DataFrame(batnas, columns=["actor_id", "batna"]),
    )


def random_space(seed: int, n_issues: int = 5, red_lines: bool = False) -> bg.DealSpace:
    """A random deal space with parties a, b (at the table) and c (a possible constraint)."""
    rng = np.random.default_rng(seed)
    options, scores = [], []
    for i in range(n_issues):
        for j in range(int(rng.integers(2, 5))):
            option = f"i{i}_o{j}"
            options.append((option, f"i{i}"))
            for party in "abc":
                scores.append((party, option, float(rng.uniform(0, 20)), bool(red_lines and rng.random() < 0.1)))
    batnas = [(p, float(rng.uniform(10, 35))) for p in "abc"]
    return bg.make_deal_space(
        pd.DataFrame(options, columns=["option_id", "issue_id"]),
        pd.DataFrame(scores, columns=["actor_id", "option_id", "score", "red_line"]),
        pd.DataFrame(batnas, columns=["actor_id", "batna"]),
    )


def rescaled(space: bg.DealSpace, party: str, scale: float, shift: float) -> bg.DealSpace:
    """The space with ``party``'s utility u replaced by scale*u + shift (shift added on issue 1)."""
    out = space
    for k, options in enumerate(space.options):
        for j, option in enumerate(options):
            value = scale * space.scores[party][k][j] + (shift if k == 0 else 0.0)
            out = out.with_score(party, option, value)
    return out.with_batna(party, scale * space.batnas[party] + shift)


@pytest.fixture(scope="module")
def course() -> bg.DealSpace:
    return iranus.course(as_of="2026-02-06").deal_space()


ISRAEL = {"us": ["israel"]}

JCPOA_LIKE = {
    "enrichment": "enrichment_capped_low",
    "stockpile": "stockpile_shipped_out",
    "facilities": "facilities_converted",
    "inspections": "inspections_enhanced",
    "sanctions_relief": "sanctions_phased",
    "missiles": "missiles_excluded",
    "regional_allies": "allies_excluded",
    "non_aggression": "nonaggression_none",
    "duration": "duration_sunset",
    "human_rights": "human_rights_excluded",
}


# -- Nash (1950), reproduced exactly -----------------------------------------------------------


def test_nash_1950_bill_and_jack_barter_is_reproduced():
    space = nash_barter_space()
    assert space.n_packages == 2**9
    sol = bg.nash_bargaining_solution(space, parties=("bill", "jack"))
    given_to_jack = {g for g in NASH_GOODS if sol[g] == f"{g}_to_jack" and NASH_GOODS[g][0] == "bill"}
    given_to_bill = {g for g in NASH_GOODS if sol[g] == f"{g}_to_bill" and NASH_GOODS[g][0] == "jack"}
    # Nash: "Bill gives Jack: book, whip, ball, bat; Jack gives Bill: pen, toy, knife"
    assert given_to_jack == {"book", "whip", "ball", "bat"}
    assert given_to_bill == {"pen", "toy", "knife"}
    assert (sol["gain_bill"], sol["gain_jack"], sol["nash_product"]) == (12.0, 5.0, 60.0)
    assert sol["pareto_optimal"]


def test_nash_1950_solution_is_unique_and_not_beaten_by_lotteries():
    space = nash_barter_space()
    zone = bg.zone_of_possible_agreement(space, parties=("bill", "jack"))
    assert zone["nash_product"].iloc[0] == 60.0 and zone["nash_product"].iloc[1] < 60.0
    # Nash allows lotteries: no point on a segment between two frontier packages does better.
    front = bg.pareto_frontier(space, parties=("bill", "jack"))
    points = front[["gain_bill", "gain_jack"]].drop_duplicates().to_numpy()
    t = np.linspace(0.0, 1.0, 1001)[:, None]
    for p, q in zip(points[:-1], points[1:]):
        segment = (1 - t) * p + t * q
        inside = (segment >= 0).all(axis=1)
        if inside.any():
            assert (segment[inside, 0] * segment[inside, 1]).max() <= 60.0 + 1e-9


# -- properties of the Nash solution -------------------------------------------------------------


@pytest.mark.parametrize("seed", range(12))
def test_nash_solution_is_individually_rational_and_pareto_optimal(seed):
    space = random_space(seed, red_lines=seed % 2 == 1)
    sol = bg.nash_bargaining_solution(space, parties=("a", "b"))
    zone = bg.zone_of_possible_agreement(space, parties=("a", "b"))
    if zone.empty:
        assert sol is None
        return
    assert sol["gain_a"] >= 0 and sol["gain_b"] >= 0
    grid = package_grid(space)
    available = ~(grid.crossed["a"] | grid.crossed["b"])
    ua, ub = grid.scores["a"][available], grid.scores["b"][available]
    dominating = (ua >= sol["score_a"]) & (ub >= sol["score_b"]) & ((ua > sol["score_a"]) | (ub > sol["score_b"]))
    assert not dominating.any()
    assert sol["nash_product"] == pytest.approx(zone["nash_product"].max())


@pytest.mark.parametrize("seed", range(8))
@pytest.mark.parametrize("scale,shift", [(3.0, -7.5), (0.25, 40.0), (10.0, 0.0)])
def test_nash_solution_is_invariant_to_positive_affine_rescaling(seed, scale, shift):
    space = random_space(seed)
    before = bg.nash_bargaining_solution(space, parties=("a", "b"))
    for party in ("a", "b"):
        after = bg.nash_bargaining_solution(rescaled(space, party, scale, shift), parties=("a", "b"))
        if before is None:
            assert after is None
        else:
            assert after["package_id"] == before["package_id"]


# -- ZOPA: additivity and crossing reservation values ------------------------------------------


def split_space(batna_a: float, batna_b: float, units: int = 10) -> bg.DealSpace:
    """Dividing ``units`` between a and b: one issue, option k gives a k and b units - k."""
    options = pd.DataFrame({"option_id": [f"a_gets_{k}" for k in range(units + 1)], "issue_id": "split"})
    scores = pd.DataFrame(
        [("a", f"a_gets_{k}", k) for k in range(units + 1)]
        + [("b", f"a_gets_{k}", units - k) for k in range(units + 1)],
        columns=["actor_id", "option_id", "score"],
    )
    return bg.make_deal_space(options, scores, pd.DataFrame({"actor_id": ["a", "b"], "batna": [batna_a, batna_b]}))


@pytest.mark.parametrize("batna_a,batna_b", [(6, 5), (9, 9), (10.5, 0), (3.5, 7.5)])
def test_zone_is_empty_when_reservation_values_cross(batna_a, batna_b):
    assert batna_a + batna_b > 10
    assert bg.zone_of_possible_agreement(split_space(batna_a, batna_b), parties=("a", "b")).empty
    assert bg.nash_bargaining_solution(split_space(batna_a, batna_b), parties=("a", "b")) is None


@pytest.mark.parametrize("batna_a,batna_b", [(4, 3), (5, 5), (0, 0), (2.5, 6)])
def test_zone_is_the_bargaining_range_when_they_do_not(batna_a, batna_b):
    zone = bg.zone_of_possible_agreement(split_space(batna_a, batna_b), parties=("a", "b"))
    expected = [k for k in range(11) if batna_a <= k <= 10 - batna_b]
    assert sorted(zone["score_a"].astype(int)) == expected
    # Nash splits the surplus equally when utilities are linear (here up to the integer grid)
    sol = bg.nash_bargaining_solution(split_space(batna_a, batna_b), parties=("a", "b"))
    assert abs(sol["gain_a"] - sol["gain_b"]) <= 1


@pytest.mark.parametrize("seed", range(6))
def test_package_scores_are_additive(seed):
    space = random_space(seed, n_issues=4)
    rng = np.random.default_rng(100 + seed)
    grid = package_grid(space)
    for row in rng.integers(0, space.n_packages, size=20):
        package = space.package(int(grid.package_ids[row]))
        totals = bg.score_package(package, space).set_index("actor_id")["score"]
        parts = bg.package_scores_by_issue(package, space).groupby("actor_id")["score"].sum()
        for party in space.parties:
            by_hand = sum(space.scores[party][k][space.options[k].index(o)] for k, o in enumerate(package.values()))
            assert totals[party] == pytest.approx(by_hand)
            assert parts[party] == pytest.approx(by_hand)
            assert grid.scores[party][row] == pytest.approx(by_hand)


def test_zone_members_are_exactly_the_packages_everyone_accepts():
    space = random_space(3, red_lines=True)
    zone = bg.zone_of_possible_agreement(space, parties=("a", "b"), constraints={"a": ["c"]})
    members = set(zone["package_id"])
    for pid in range(space.n_packages):
        verdict = bg.score_package(space.package(pid), space).set_index("actor_id")["accepts"]
        assert (pid in members) == bool(verdict.all())


def test_red_line_keeps_a_package_out_whatever_its_score():
    space = split_space(0, 0).with_red_line("b", "a_gets_3", True)
    zone = bg.zone_of_possible_agreement(space, parties=("a", "b"))
    assert "a_gets_3" not in set(zone["split"]) and len(zone) == 10
    verdict = bg.score_package({"split": "a_gets_3"}, space).set_index("actor_id")
    assert verdict.loc["b", "red_lines_crossed"] == "a_gets_3" and not verdict.loc["b", "accepts"]


def test_a_constraint_only_shrinks_the_zone_and_the_win_set():
    space = random_space(5)
    free = bg.zone_of_possible_agreement(space, parties=("a", "b"))
    bound = bg.zone_of_possible_agreement(space, parties=("a", "b"), constraints={"a": ["c"]})
    assert set(bound["package_id"]) <= set(free["package_id"])
    assert (bound["score_c"] >= space.batnas["c"]).all()
    sets = bg.win_sets(space, parties=("a", "b"), constraints={"a": ["c"]}).set_index("actor_id")
    assert sets.loc["a", "win_set"] <= sets.loc["a", "accepts"]
    assert pd.isna(sets.loc["c", "win_set"]) and sets.loc["c", "role"] == "constraint on a"


def test_pareto_mask_matches_brute_force_with_ties():
    rng = np.random.default_rng(7)
    u1 = rng.integers(0, 6, size=300).astype(float)
    u2 = rng.integers(0, 6, size=300).astype(float)
    mask = pareto_mask(u1, u2)
    for i in range(300):
        dominated = np.any((u1 >= u1[i]) & (u2 >= u2[i]) & ((u1 > u1[i]) | (u2 > u2[i])))
        assert mask[i] == (not dominated)


# -- sensitivity ---------------------------------------------------------------------------------


def test_sensitivity_of_a_batna_matches_recomputing_from_scratch():
    space = random_space(2)
    values = [5.0, 20.0, space.batnas["b"], 40.0]
    table = bg.sensitivity(space, "b", values, parties=("a", "b"))
    assert table["value"].tolist() == values
    base = bg.nash_bargaining_solution(space, parties=("a", "b"))
    for row in table.itertuples():
        changed = space.with_batna("b", row.value)
        assert row.zone_size == len(bg.zone_of_possible_agreement(changed, parties=("a", "b")))
        sol = bg.nash_bargaining_solution(changed, parties=("a", "b"))
        assert (pd.isna(row.nash_package_id) and sol is None) or row.nash_package_id == sol["package_id"]
    unchanged = table[table["value"] == space.batnas["b"]].iloc[0]
    assert unchanged["nash_package_id"] == base["package_id"] and not unchanged["nash_changed"]


def test_sensitivity_of_a_score_matches_recomputing_from_scratch():
    space = random_space(4)
    option = space.options[1][0]
    table = bg.sensitivity(
        space, "a", [0.0, 10.0, 30.0], option_id=option, parties=("a", "b"), constraints={"a": ["c"]}
    )
    for row in table.itertuples():
        changed = space.with_score("a", option, row.value)
        zone = bg.zone_of_possible_agreement(changed, parties=("a", "b"), constraints={"a": ["c"]})
        assert row.zone_size == len(zone)
        if len(zone):
            assert row.nash_package_id == zone["package_id"].iloc[0]
            assert row.gain_a == pytest.approx(zone["gain_a"].iloc[0])


def test_changes_return_new_spaces_and_leave_the_original_alone():
    space = random_space(1)
    before = space.batnas["a"], space.scores["a"][0][0]
    changed = space.with_batna("a", 99.0).with_score("a", space.options[0][0], -5.0)
    assert (space.batnas["a"], space.scores["a"][0][0]) == before
    assert (changed.batnas["a"], changed.scores["a"][0][0]) == (99.0, -5.0)
    with pytest.raises(ValueError):
        space.scores["a"][0][0] = 1.0  # arrays are read-only


# -- errors that name the offending entry ------------------------------------------------------


def tables():
    options = pd.DataFrame({"option_id": ["x1", "x2", "y1", "y2"], "issue_id": ["x", "x", "y", "y"]})
    scores = pd.DataFrame(
        [(p, o, 1.0) for p in ("a", "b") for o in ("x1", "x2", "y1", "y2")], columns=["actor_id", "option_id", "score"]
    )
    batnas = pd.DataFrame({"actor_id": ["a", "b"], "batna": [0.0, 0.0]})
    return options, scores, batnas


def test_a_missing_score_is_named():
    options, scores, batnas = tables()
    with pytest.raises(bg.ModelInputError, match=r"'b' has no score for option 'y2' \(issue 'y'\)"):
        bg.make_deal_space(options, scores.iloc[:-1], batnas)


@pytest.mark.parametrize(
    "edit,message",
    [
        (lambda o, s, b: (o, pd.concat([s, s.iloc[[0]]]), b), r"'a' scores option 'x1' twice"),
        (
            lambda o, s, b: (o, s.assign(option_id=s["option_id"].replace("y2", "z9")), b),
            r"option 'z9'.*not in the options table",
        ),
        (lambda o, s, b: (o, s.assign(score=s["score"].where(s.index != 3, np.nan)), b), r"entry 'a/y2' is nan"),
        (lambda o, s, b: (o, s, b.iloc[:1]), r"'b' scores the options but has no BATNA"),
        (lambda o, s, b: (pd.concat([o, o.iloc[[0]]]), s, b), r"option id 'x1' appears twice"),
        (lambda o, s, b: (o, s.assign(red_line="yes"), b), r"red_line of a/x1 is 'yes'"),
        (lambda o, s, b: (o, s.drop(columns="score"), b), r"scores is missing column\(s\) \['score'\]"),
    ],
)
def test_bad_tables_raise_clear_errors(edit, message):
    with pytest.raises(bg.ModelInputError, match=message):
        bg.make_deal_space(*edit(*tables()))


@pytest.mark.parametrize(
    "package,message",
    [
        ({"x": "x1"}, r"no option for issue\(s\) \['y'\]"),
        ({"x": "x1", "y": "x2"}, r"'x2' is not an option of issue 'y' \('x2' is an option of issue 'x'\)"),
        ({"x": "x1", "y": "y7"}, r"'y7' is not an option of issue 'y'; its options are \['y1', 'y2'\]"),
        ({"x": "x1", "y": "y1", "z": "z1"}, r"unknown issue 'z'"),
    ],
)
def test_bad_packages_name_the_offending_entry(package, message):
    space = bg.make_deal_space(*tables())
    with pytest.raises(bg.ModelInputError, match=message):
        bg.score_package(package, space)


def test_bad_search_arguments_name_the_offending_entry():
    space = bg.make_deal_space(*tables())
    with pytest.raises(bg.ModelInputError, match="'iran' is not a party"):
        bg.zone_of_possible_agreement(space, parties=("a", "iran"))
    with pytest.raises(bg.ModelInputError, match="'b' is at the table"):
        bg.zone_of_possible_agreement(space, parties=("a", "b"), constraints={"a": ["b"]})
    with pytest.raises(bg.ModelInputError, match="'c' is not one of the parties at the table"):
        bg.zone_of_possible_agreement(space, parties=("a", "b"), constraints={"c": ["a"]})
    with pytest.raises(bg.ModelInputError, match="'y1' is not an option of issue 'x'"):
        bg.zone_of_possible_agreement(space, parties=("a", "b"), restrict={"x": "y1"})
    with pytest.raises(bg.ModelInputError, match="unknown option 'q'"):
        bg.sensitivity(space, "a", [1.0], option_id="q", parties=("a", "b"))
    with pytest.raises(bg.ModelInputError, match="entry 0 is 'high', not a number"):
        bg.sensitivity(space, "a", ["high"], parties=("a", "b"))


# -- the course's codings (numbers quoted in data/CODEBOOK_deal_space.md) ------------------------


def test_course_deal_space_as_of_the_muscat_round(course):
    assert course.parties == ("us", "iran", "israel")
    assert course.issues == (
        "enrichment",
        "stockpile",
        "facilities",
        "inspections",
        "sanctions_relief",
        "missiles",
        "regional_allies",
        "non_aggression",
        "duration",
        "human_rights",
    )
    assert course.n_packages == 124_416
    assert course.as_of == pd.Timestamp("2026-02-06")
    assert dict(course.batnas) == {"us": 45.0, "iran": 35.0, "israel": 50.0}


def test_course_scores_are_normalised_to_100_points(course):
    weights = bg.issue_weights(course)
    assert weights.groupby("actor_id")["weight"].sum().to_dict() == {"iran": 100.0, "israel": 100.0, "us": 100.0}
    table = course.score_table()
    assert table.groupby(["actor_id", "issue_id"])["score"].min().eq(0).all()


def test_course_batna_anchors_quoted_in_the_codebook(course):
    scores = bg.score_package(JCPOA_LIKE, course).set_index("actor_id")["score"].to_dict()
    assert scores == {"us": 43.0, "iran": 66.0, "israel": 33.0}
    assert course.batnas["us"] > scores["us"] and course.batnas["israel"] > scores["israel"]


def test_course_zone_without_israel_rests_on_the_mediators_pause(course):
    zone = bg.zone_of_possible_agreement(course)
    assert len(zone) == 1660
    assert set(zone["enrichment"]) == {"enrichment_pause_then_low_cap"}
    assert set(zone["stockpile"]) == {"stockpile_downblended"}
    assert set(zone["missiles"]) == {"missiles_excluded", "missiles_deferred"}
    strict = course.with_red_line("us", "enrichment_pause_then_low_cap", True)
    assert bg.zone_of_possible_agreement(strict).empty


def test_course_zone_with_israel_is_empty(course):
    assert bg.zone_of_possible_agreement(course, constraints=ISRAEL).empty
    assert bg.nash_bargaining_solution(course, constraints=ISRAEL) is None
    sets = bg.win_sets(course, constraints=ISRAEL).set_index("actor_id")
    assert sets["accepts"].to_dict() == {"us": 25938, "iran": 23152, "israel": 2562}
    assert sets.loc["us", "win_set"] == 1726
    # red lines, not the BATNAs, close the zone: with every BATNA at 0 it stays empty
    floor = course.with_batna("us", 0).with_batna("iran", 0).with_batna("israel", 0)
    assert bg.zone_of_possible_agreement(floor, constraints=ISRAEL).empty


def test_course_nash_solution(course):
    sol = bg.nash_bargaining_solution(course)
    assert sol["package_id"] == 44755
    assert course.package(44755) == {
        "enrichment": "enrichment_pause_then_low_cap",
        "stockpile": "stockpile_downblended",
        "facilities": "facilities_dismantled",
        "inspections": "inspections_enhanced",
        "sanctions_relief": "sanctions_full",
        "missiles": "missiles_deferred",
        "regional_allies": "allies_no_arms_transfers",
        "non_aggression": "nonaggression_conditional",
        "duration": "duration_permanent",
        "human_rights": "human_rights_included",
    }
    assert (sol["score_us"], sol["score_iran"], sol["score_israel"]) == (60.0, 53.0, 46.0)
    assert sol["nash_product"] == 270.0


def test_a_dated_coding_changes_the_answer_from_its_date_on():
    # Araghchi (7 Feb): missiles can never be negotiated, now or later -> Iran's red line on deferral
    def red_line(space, party, option):
        issue, position = space.locate(option)
        return bool(space.red_lines[party][issue][position])

    assert not red_line(iranus.course(as_of="2026-02-06").deal_space(), "iran", "missiles_deferred")
    later = iranus.course(as_of="2026-02-07").deal_space()
    assert red_line(later, "iran", "missiles_deferred")
    assert len(bg.zone_of_possible_agreement(later)) == 757
    assert bg.nash_bargaining_solution(later)["package_id"] == 44683
    assert bg.zone_of_possible_agreement(later, constraints=ISRAEL).empty


def test_course_codings_use_no_hindsight():
    import iranus

    published = iranus.load("sources").set_index("source_id")["date"]
    for name in ("deal_scores", "deal_batnas", "capabilities"):
        table = iranus.load(name)
        late = table[table["source_id"].map(published) > table["date"]]
        assert late.empty, f"{name}: rows rest on sources published after their date: {late['source_id'].tolist()}"


def test_course_nuclear_only_agenda(course):
    nuclear_only = {
        "missiles": "missiles_excluded",
        "regional_allies": "allies_excluded",
        "human_rights": "human_rights_excluded",
    }
    zone = bg.zone_of_possible_agreement(course, restrict=nuclear_only)
    assert len(zone) > 0
    assert (zone["missiles"] == "missiles_excluded").all() and (zone["regional_allies"] == "allies_excluded").all()
    assert set(zone["package_id"]) < set(bg.zone_of_possible_agreement(course)["package_id"])


def test_an_edited_table_with_a_hole_names_the_file_party_and_option(data_copy):
    path = data_copy / "deal_scores.csv"
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    path.write_text("".join(line for line in lines if not line.startswith("iran,sanctions_phased,")), encoding="utf-8")
    with pytest.raises(
        bg.ModelInputError,
        match=r"deal_scores.csv \(codings in force on 2026-02-06\): .*'iran' has no score for option 'sanctions_phased'",
    ):
        iranus.course(data_dir=data_copy).deal_space()


def test_no_codings_before_the_course_date():
    with pytest.raises(bg.ModelInputError, match="no deal-space codings are dated on or before 2026-01-01"):
        iranus.course(as_of="2026-01-01").deal_space()


def test_course_sensitivity_to_irans_batna(course):
    table = bg.sensitivity(course, "iran", [20, 35, 45, 71])
    assert table["zone_size"].tolist() == [1767, 1660, 1136, 0]
    assert not table.loc[1, "nash_changed"] and table.loc[3, "nash_changed"]
    assert pd.isna(table.loc[3, "nash_package_id"])


def test_course_zone_closes_only_at_high_batnas(course):
    # the codebook: the zone (US and Iran only) survives any BATNA up to US 68 / Iran 70
    assert bg.sensitivity(course, "us", [68, 69])["zone_size"].tolist() == [1, 0]
    assert bg.sensitivity(course, "iran", [70, 71])["zone_size"].tolist() == [2, 0]
