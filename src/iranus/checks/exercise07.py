"""Exercise 07's shared pieces: the worked example forecast and the scenario that occurred (public data).

The exercise's answer keys are instructor material (``exercises/answer_keys/keys07.py``).
"""

from __future__ import annotations

from . import load


#: A worked example of a forecast (invented for the exercise; it is nobody's real forecast).
EXAMPLE_FORECAST = {
    "comprehensive_deal": 0.05,
    "interim_deal": 0.35,
    "no_deal_talks_continue": 0.45,
    "military_escalation": 0.15,
}


def occurred() -> str:
    """The scenario that occurred according to the whole record."""
    outcomes = load("scenario_outcomes")
    rows = outcomes[outcomes["occurred"].astype(bool)]
    if len(rows) != 1:
        raise ValueError(f"expected exactly one scenario to have occurred, found {list(rows['scenario_id'])}")
    return str(rows["scenario_id"].iloc[0])
