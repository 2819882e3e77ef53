"""The data layer: the data package, its validation, reading, loading, the date cut and translations.

- :mod:`iranus.datasets.package`: where the data folder is, what its descriptor says, the folder jail;
- :mod:`iranus.datasets.reading`: the one gate that reads a CSV into typed columns;
- :mod:`iranus.datasets.validation`: validating the package against its Table Schemas;
- :mod:`iranus.datasets.loading`: loading a table as a typed DataFrame (``load``, ``describe``, ``cite``);
- :mod:`iranus.datasets.dates`: the course date and the one precision-aware date cut;
- :mod:`iranus.datasets.i18n`: labels and the translation catalogue (English, Arabic).
"""

from . import dates, i18n, loading, package, reading, validation

__all__ = ["dates", "i18n", "loading", "package", "reading", "validation"]
