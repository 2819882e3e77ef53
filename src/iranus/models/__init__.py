"""Models: the deal space and bargaining, the two-level game, forecasting and scoring.

Pure: every function takes frames (or a deal space) built by the course context; none loads data.

- :mod:`iranus.models.bargaining`: the deal space, ZOPA, win-sets, Nash bargaining;
- :mod:`iranus.models.two_level`: Putnam's two-level game on one issue;
- :mod:`iranus.models.prospects`: mediators' proposals, zone comparison, scenarios;
- :mod:`iranus.models.forecasting`: forecasts and the one forecast scorer (Brier);
- :mod:`iranus.models.scoring`: the epilogue's scoring of several forecasts with it.
"""

from . import bargaining, forecasting, prospects, scoring, two_level

__all__ = ["bargaining", "forecasting", "prospects", "scoring", "two_level"]
