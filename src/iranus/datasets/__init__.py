"""The data layer: the data package, its validation, loading, the date cut and translations.

- :mod:`iranus.datasets.package`: where the data folder is and what its descriptor says;
- :mod:`iranus.datasets.validation`: validating the package against its Table Schemas;
- :mod:`iranus.datasets.loading`: loading a table as a typed DataFrame (``load``, ``describe``, ``cite``);
- :mod:`iranus.datasets.i18n`: labels and translations (English, Arabic).
"""
