"""iranus: the 2026 US–Iran negotiations (the Muscat round of 6 February 2026) through data.

The one way in is the course context, which owns the date, the data folder and the language::

    import iranus
    c = iranus.course()               # as of 6 February 2026, bundled data, English
    events = c.load("events")         # cut at the course date
    c.labels("actors")                # display names in the context's language
    space = c.deal_space()            # the deal space with the codings then in force
    ar = iranus.course(language="ar") # the same course in Arabic
    everything = iranus.course(as_of=None)   # the whole record (the epilogue)

``iranus.load(name, as_of=None, data_dir=None)`` and the ``iranus.load_<name>()`` functions load
one table directly (``as_of=None``: the whole record). Data flows one way: ``data/`` -> the data
layer (:mod:`iranus.datasets`) -> the course context (:mod:`iranus.course`) -> pure
:mod:`iranus.record`, :mod:`iranus.models` and :mod:`iranus.charts` -> :mod:`iranus.explorers` ->
notebooks. See ``ARCHITECTURE.md``.
"""

from importlib.metadata import PackageNotFoundError, version as _version

from . import display
from .course import COURSE_DATE, Course, course
from .datasets.i18n import get_language, label, labels, set_language
from .datasets.loading import (
    cite,
    describe,
    list_datasets,
    load,
    load_actors,
    load_capabilities,
    load_claim_checks,
    load_claims,
    load_deal_batnas,
    load_deal_options,
    load_deal_scores,
    load_event_actors,
    load_events,
    load_glossary,
    load_issues,
    load_paragraphs,
    load_positions,
    load_quantities,
    load_scenario_outcomes,
    load_scenarios,
    load_sources,
)
from .datasets.package import course_date, default_data_dir, record_end
from .datasets.validation import validate_package, validate_resource
from .errors import (
    DataError,
    DataValidationError,
    ForecastFileError,
    IranusError,
    ModelInputError,
    Problem,
)
from .setup_check import check_setup

try:
    __version__ = _version("iranus")
except PackageNotFoundError:  # running from a source tree without installation
    __version__ = "0+unknown"

__all__ = [
    # the course context
    "COURSE_DATE",
    "Course",
    "course",
    # loading one table
    "cite",
    "describe",
    "list_datasets",
    "load",
    "load_actors",
    "load_capabilities",
    "load_claim_checks",
    "load_claims",
    "load_deal_batnas",
    "load_deal_options",
    "load_deal_scores",
    "load_event_actors",
    "load_events",
    "load_glossary",
    "load_issues",
    "load_paragraphs",
    "load_positions",
    "load_quantities",
    "load_scenario_outcomes",
    "load_scenarios",
    "load_sources",
    "course_date",
    "default_data_dir",
    "record_end",
    # labels (prefer Course.labels / Course.label)
    "get_language",
    "label",
    "labels",
    "set_language",
    # checking
    "check_setup",
    "validate_package",
    "validate_resource",
    # errors
    "DataError",
    "DataValidationError",
    "ForecastFileError",
    "IranusError",
    "ModelInputError",
    "Problem",
    # showing tables
    "display",
]
