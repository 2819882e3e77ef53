"""iranus: the 2026 US–Iran negotiations (the Muscat round of 6 February 2026) through data.

The one way in::

    import iranus
    iranus.list_datasets()            # what there is
    claims = iranus.load("claims")    # or iranus.load_claims()
    events = iranus.load("events", as_of="2026-02-06")   # nothing after the Muscat round

Data flows one way: ``data/`` (a Frictionless data package) -> loaders -> charts and models ->
widgets -> notebooks.
"""

from importlib.metadata import PackageNotFoundError, version as _version

from .datasets.package import course_date, default_data_dir, record_end
from .errors import DataValidationError, Problem
from .datasets.i18n import get_language, label, labels, set_language
from .datasets.loading import cite, describe, list_datasets, load, parse_as_of
from .datasets.validation import validate_package, validate_resource
from .setup_check import check_setup
from . import display

try:
    __version__ = _version("iranus")
except PackageNotFoundError:  # running from a source tree without installation
    __version__ = "0+unknown"

globals().update(__import__("iranus.datasets.loading", fromlist=["_loaders"])._loaders())

__all__ = [
    "DataValidationError",
    "check_setup",
    "display",
    "Problem",
    "cite",
    "course_date",
    "default_data_dir",
    "describe",
    "get_language",
    "label",
    "labels",
    "list_datasets",
    "load",
    "parse_as_of",
    "record_end",
    "set_language",
    "validate_package",
    "validate_resource",
]
