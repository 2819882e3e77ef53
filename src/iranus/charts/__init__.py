"""Altair charts built from the iranus data.

Every chart has a title, labelled axes with units and a source line, and renders offline (see
:mod:`iranus.charts._render`). Chart functions take DataFrames as the loaders return them, so a
lesson can filter first (``as_of``, an actor ...) and chart after.
"""

from ._render import source_line, titled, use_offline_renderer
from .claims import claims_by_type_chart, sorter_chart
from .event_timeline import explorer_chart, timeline_chart
from .positions import agenda_chart, agenda_gap_chart, stance_heatmap, win_set_chart
from .quantities import competing_counts_chart, quantity_chart
from .zones import forecast_chart, zone_sizes_chart
from .verdicts import attribution_groups_chart, reliability_chart, verdicts_chart
from .event_counts import events_by_month_chart

use_offline_renderer()

__all__ = [
    # lesson 01
    "timeline_chart",
    # lessons 02-03
    "agenda_gap_chart",
    "stance_heatmap",
    "win_set_chart",
    # lesson 04
    "competing_counts_chart",
    "quantity_chart",
    # lesson 05
    "zone_sizes_chart",
    # lesson 06
    "attribution_groups_chart",
    "claims_by_type_chart",
    "reliability_chart",
    "verdicts_chart",
    # lesson 07
    "events_by_month_chart",
    # the explorers' charts
    "agenda_chart",
    "explorer_chart",
    "forecast_chart",
    "sorter_chart",
    # rendering
    "source_line",
    "titled",
    "use_offline_renderer",
]
