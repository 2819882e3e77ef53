"""What the data package's Table Schemas say, for code that checks its inputs.

One job: answer "which values may this field take?" and "does this table have the columns a
function needs?" from the schemas (``data/schemas/*.schema.json``), so that no module retypes
an enum or hand-writes its own missing-column message. Reads the bundled package's descriptor
(the contract the code is written against), never a data file.

>>> field_enum("claim_checks", "confidence")
('high', 'medium', 'low')
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import lru_cache

import pandas as pd

from ..errors import ModelInputError
from .package import resource_descriptor

__all__ = ["field_enum", "field_names", "require_columns"]


@lru_cache(maxsize=128)
def field_names(dataset: str) -> tuple[str, ...]:
    """The columns of a dataset, in schema order.

    >>> field_names("actors")[:3]
    ('actor_id', 'name_en', 'name_ar')
    """
    return tuple(f["name"] for f in resource_descriptor(dataset)["schema"]["fields"])


@lru_cache(maxsize=128)
def field_enum(dataset: str, field: str) -> tuple[str, ...]:
    """The values a field may take, in the schema's order (its ``enum`` constraint).

    Raises:
        KeyError: unknown dataset, or a field without an enum (names it).
    """
    for f in resource_descriptor(dataset)["schema"]["fields"]:
        if f["name"] == field:
            enum = f.get("constraints", {}).get("enum")
            if enum is None:
                raise KeyError(f"{dataset}.{field} has no enum in its schema")
            return tuple(enum)
    raise KeyError(f"{dataset} has no field {field!r}; fields: {', '.join(field_names(dataset))}")


def require_columns(
    frame: object, dataset: str, columns: Iterable[str] | None = None, argument: str | None = None
) -> pd.DataFrame:
    """Check that ``frame`` is a DataFrame with the columns a function needs.

    Args:
        frame: the table given to the function.
        dataset: the dataset the table comes from (``"positions"``, ...), for the message and
            to check ``columns`` against its schema.
        columns: the columns needed (fields of the dataset's schema); all of them when None.
        argument: the argument's name (default: ``dataset``).

    Returns:
        ``frame`` itself.

    Raises:
        ModelInputError (a ValueError): not a DataFrame, or columns missing (names them and the
            way to load the table).

    >>> require_columns(pd.DataFrame({"actor_id": ["iran"]}), "actors", ["name_en"])
    Traceback (most recent call last):
    ...
    iranus.errors.ModelInputError: the actors table (argument actors) is missing column(s) ['name_en']; load it with iranus.course().load('actors')
    """
    argument = argument or dataset
    columns = field_names(dataset) if columns is None else tuple(columns)
    unknown = [c for c in columns if c not in field_names(dataset)]
    if unknown:  # a programming error in iranus itself, not the learner's
        raise AssertionError(f"{unknown} are not fields of the {dataset} schema")
    if not isinstance(frame, pd.DataFrame):
        raise ModelInputError(
            f"{argument} must be a pandas DataFrame (the {dataset} table), not {type(frame).__name__}", argument
        )
    missing = [c for c in columns if c not in frame.columns]
    if missing:
        raise ModelInputError(
            f"the {dataset} table (argument {argument}) is missing column(s) {missing}; "
            f"load it with iranus.course().load({dataset!r})",
            argument,
        )
    return frame
