"""Altair charts built from the iranus data.

Every chart has a title, labelled axes with units and a source line, and renders offline (see
:mod:`iranus.charts._render`). Chart functions take DataFrames as the loaders return them, so a
lesson can filter first (``as_of``, an actor ...) and chart after.
"""

from ._render import source_line, use_offline_renderer
from .claims import claims_by_type_chart
from .timeline import timeline_chart

use_offline_renderer()

__all__ = ["claims_by_type_chart", "source_line", "timeline_chart", "use_offline_renderer"]
