"""Interactive explorers: ipywidgets that let a learner question the data.

Each explorer is one line in a lesson and keeps its logic in plain functions (state in, data
or chart out) in its own module, so that tests set values and check data without a browser:

==============================  =============================================================
one line in a lesson            what the learner does
==============================  =============================================================
``agenda_explorer(as_of=...)``  actors x issues, coloured by coded stance; pick a cell to see
                                who said it, when, the paraphrase and the source
                                (:mod:`.agenda`)
``timeline_explorer(as_of=.)``  the events, with a date-range slider, category and actor
                                filters, confidence in colour (:mod:`.timeline`)
``claim_sorter(as_of=...)``     label the article's claims (type, attribution) and get
                                feedback per claim (:mod:`.claims`)
``deal_builder()``              one option per issue; scores against BATNAs, zone of possible
                                agreement, distance from the Nash package (:mod:`.deal`)
``forecast_board(as_of=...)``   probabilities over the scenarios, saved to
                                ``my_forecast.json`` (:mod:`.forecast`)
``forecast_scorecard()``        the epilogue: load the saved forecast and score it (Brier)
==============================  =============================================================

Every explorer has an English / Arabic switch for its labels (Arabic shown right to left),
renders its chart as static SVG offline (:mod:`iranus.charts`), and shows bad input (nothing
selected, an empty date range, probabilities that do not add up to 100, a missing or damaged
forecast file) as a message in the widget, never as a traceback. If the data itself cannot
start an explorer, the one-line function returns an error box saying why.
"""

from .agenda_ui import AgendaExplorer, agenda_explorer
from .claims_ui import ClaimSorter, ClaimSorterWidget, claim_sorter
from .deal_ui import DealBuilder, deal_builder, evaluate_package
from .forecast_ui import ForecastBoard, ForecastScorecard, forecast_board, forecast_scorecard, saved_or_example_forecast
from .timeline_ui import TimelineExplorer, filter_events, timeline_explorer

__all__ = [
    "AgendaExplorer",
    "ClaimSorter",
    "ClaimSorterWidget",
    "DealBuilder",
    "ForecastBoard",
    "ForecastScorecard",
    "TimelineExplorer",
    "agenda_explorer",
    "claim_sorter",
    "deal_builder",
    "evaluate_package",
    "filter_events",
    "forecast_board",
    "forecast_scorecard",
    "saved_or_example_forecast",
    "timeline_explorer",
]
