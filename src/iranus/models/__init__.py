"""Models: the deal space and bargaining, the two-level game, forecasting and scoring.

- :mod:`iranus.models.bargaining`: the deal space, ZOPA, win-sets, Nash bargaining;
- :mod:`iranus.models.two_level`: Putnam's two-level game on one issue;
- :mod:`iranus.models.prospects`: mediators' proposals, zone comparison, scenarios;
- :mod:`iranus.models.forecasting` and :mod:`iranus.models.scoring`: forecasts and their Brier scores.
"""
