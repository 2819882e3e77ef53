"""Where the curated data lives, what its descriptor says, and the folder jail.

The data is a Frictionless data package: ``datapackage.json`` lists the tables (resources) and
``schemas/<name>.schema.json`` gives each table's Table Schema (field types, required fields,
enums, primary and foreign keys). In a source checkout the package is the repository's ``data/``
folder; in an installed wheel it is ``iranus/data`` inside the package (the build copies it
there). An instructor can point every function at an edited copy with ``data_dir=``.

The folder is a jail. Every file the descriptor names (a table's ``path``, its ``schema``, its
``dialect``) must resolve, after following symbolic links, to a file inside the folder that holds
``datapackage.json``; a remote URL (``http:``, ``https:``, ``ftp:``, ``file:`` ...) in any key that
names something to read (``path``, ``schema``, ``dialect``, ``profile``, ``$schema``, ``$ref``) is
refused. Both are checked here, on the parsed JSON, before any such file is opened; nothing is
ever fetched. Only the checked, inline descriptor is handed to ``frictionless``
(:mod:`iranus.datasets.reading`), so the library never sees a path or URL this module did not
allow. Problems are reported as :class:`~iranus.errors.Problem` naming the file and the resource.
"""

from __future__ import annotations

import json
import os
import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import pandas as pd

from ..errors import DataPackageError, DataValidationError, Problem

_HERE = Path(__file__).resolve().parent.parent  # the iranus package folder
DESCRIPTOR = "datapackage.json"

#: The Table Schema field types iranus reads (see :mod:`iranus.datasets.reading`).
FIELD_TYPES = ("string", "integer", "number", "boolean", "date")

#: Standard profile names: accepted and ignored (iranus knows what a tabular package is).
PROFILES = frozenset(
    {"data-package", "tabular-data-package", "data-resource", "tabular-data-resource", "table-schema"}
)

#: Keys whose value names something a tool would read: a URL there is refused.
_FETCH_KEYS = frozenset({"path", "schema", "dialect", "profile", "$schema", "$ref", "extrapaths", "url"})
#: Lists of links for people (licences, sources, contributors): their URLs are never fetched.
_LINK_LISTS = frozenset({"licenses", "sources", "contributors", "homepage"})
#: A scheme such as ``http:``; two letters or more, so that a Windows drive ``C:`` is not one.
_URL = re.compile(r"^\s*[A-Za-z][A-Za-z0-9+.\-]+:")
#: Metadata of the package that iranus uses (citations, the course date, the epilogue's end).
_REQUIRED = ("title", "version", "licenses", "iranus:record_end", "iranus:course_date")

_NETWORK = "iranus never uses the network: put the file in the data folder and give its path relative to it"


def default_data_dir() -> Path:
    """Return the folder of the bundled data package.

    Returns:
        Path to the folder that holds ``datapackage.json``: ``iranus/data`` inside an installed
        wheel, else the repository's ``data/`` folder (editable install / source checkout).

    Raises:
        FileNotFoundError: if neither exists (a broken installation).
    """
    for candidate in (_HERE / "data", _HERE.parent.parent / "data"):
        if (candidate / DESCRIPTOR).is_file():
            return candidate
    raise FileNotFoundError(
        "iranus cannot find its data package (datapackage.json) next to the package or in the "
        "repository's data/ folder; reinstall iranus"
    )


def resolve_data_dir(data_dir: str | Path | None) -> Path:
    """Return ``data_dir`` as an absolute Path with links resolved (the bundled data when None).

    Raises:
        DataPackageError: the folder does not exist, has no ``datapackage.json``, or its
            ``datapackage.json`` is a link to a file outside the folder.
    """
    if data_dir is None:
        return default_data_dir().resolve()
    try:
        path = Path(data_dir).expanduser().resolve()
    except (TypeError, OSError, RuntimeError) as exc:
        raise DataPackageError(f"data_dir={data_dir!r} is not a folder path ({exc})") from None
    if not path.is_dir():
        raise DataPackageError(f"{path}: no such folder (argument data_dir)")
    descriptor = path / DESCRIPTOR
    if not descriptor.is_file():
        raise DataPackageError(f"{path}: no {DESCRIPTOR} in this folder (argument data_dir)")
    if not descriptor.resolve().is_relative_to(path):
        raise DataPackageError(
            f"{descriptor} is a link to {descriptor.resolve()}, outside the data folder: "
            "iranus reads only files inside the folder"
        )
    return path


@lru_cache(maxsize=128)
def _json_cached(path: str, mtime_ns: int, size: int) -> object:
    with open(path, encoding="utf-8") as fh:
        return json.load(fh)


def _read_json(path: Path) -> object:
    """Parse a JSON file (cached until it changes). Raises OSError, JSONDecodeError, UnicodeDecodeError."""
    st = path.stat()
    return _json_cached(str(path), st.st_mtime_ns, st.st_size)


def _json_problem(path: Path, exc: Exception) -> str:
    if isinstance(exc, json.JSONDecodeError):
        return f"{path}, line {exc.lineno}: not valid JSON ({exc.msg}, column {exc.colno})"
    if isinstance(exc, UnicodeDecodeError):
        return f"{path}: not valid JSON (not UTF-8 text)"
    return f"{path}: cannot be read ({getattr(exc, 'strerror', None) or exc})"


def read_descriptor(data_dir: str | Path | None = None) -> dict:
    """Return the parsed ``datapackage.json`` (a dict; re-read when the file changes).

    Raises:
        DataPackageError: the folder or descriptor is missing (see :func:`resolve_data_dir`), the
            descriptor is not valid JSON (names the file and line), not a JSON object, has no
            ``resources`` list, or lacks the metadata iranus cites (``title``, ``version``,
            ``licenses``, ``iranus:record_end``, ``iranus:course_date``).
    """
    path = resolve_data_dir(data_dir) / DESCRIPTOR
    try:
        desc = _read_json(path)
    except (OSError, ValueError) as exc:
        raise DataPackageError(_json_problem(path, exc)) from None
    if not isinstance(desc, dict):
        raise DataPackageError(f"{path}: not a data package descriptor (a JSON object with 'resources')")
    if not isinstance(desc.get("resources"), list) or not desc["resources"]:
        raise DataPackageError(f"{path}: no 'resources' list (the tables of the package)")
    missing = [key for key in _REQUIRED if key not in desc]
    if missing:
        raise DataPackageError(f"{path}: no {', '.join(repr(k) for k in missing)} (needed for citations and dates)")
    lic = desc["licenses"]
    if not (isinstance(lic, list) and lic and isinstance(lic[0], dict) and lic[0].get("name")):
        raise DataPackageError(f"{path}: 'licenses' must be a list whose first entry has a 'name'")
    return desc


@dataclass(frozen=True)
class ResourceSpec:
    """One table of the package, as checked against the jail.

    Attributes:
        name: the resource name.
        descriptor: the resource's entry in ``datapackage.json`` as written (title, description,
            ``iranus:*`` keys...).
        path: the CSV file, resolved inside the folder; None when refused.
        schema: the Table Schema (a dict), None when it could not be read or was refused.
        schema_file: the schema file (None when inline or refused).
        dialect: the CSV dialect (a dict; {} when none).
        problems: what is wrong with the entry or its schema (empty when it can be read).
    """

    name: str
    descriptor: dict
    path: Path | None
    schema: dict | None
    schema_file: Path | None
    dialect: dict
    problems: tuple[Problem, ...] = field(default=())


@dataclass(frozen=True)
class PackageSpec:
    """The whole package, as checked: ``resources`` by name (descriptor order) and package-level problems."""

    data_dir: Path
    descriptor: dict
    resources: dict[str, ResourceSpec]
    problems: tuple[Problem, ...]

    def files(self) -> list[Path]:
        """Every file of the package that was checked and may be read (descriptor, schemas, CSVs)."""
        out = [self.data_dir / DESCRIPTOR]
        for spec in self.resources.values():
            out += [p for p in (spec.schema_file, spec.path) if p is not None]
        return out


class _Refused(Exception):
    pass


def inside(data_dir: Path, ref: object, what: str) -> Path:
    """Resolve a path named by the descriptor, refusing anything outside the folder.

    Args:
        data_dir: the package folder (resolved).
        ref: the value found in the descriptor.
        what: what it is, for messages (``"path"``, ``"schema"``, ``"dialect"``).

    Returns:
        The resolved path (links followed), inside ``data_dir``. Nothing is opened.

    Raises:
        _Refused: with the message (a remote URL, an absolute path or one that leaves the folder).
    """
    if not isinstance(ref, str) or not ref.strip():
        raise _Refused(f"its {what} must be a file name relative to the data folder, not {ref!r}")
    if _URL.match(ref):
        raise _Refused(f"its {what} {ref!r} is a remote URL: {_NETWORK}")
    target = (data_dir / ref).resolve()
    if not target.is_relative_to(data_dir):
        raise _Refused(
            f"its {what} {ref!r} points outside the data folder {data_dir} (to {target}, after following "
            "links): iranus reads only files inside the folder that holds datapackage.json"
        )
    return target


def _remote_urls(node: object, where: str = "", parent_key: str = "") -> list[tuple[str, str]]:
    """(location, url) of every URL found in a key that names something to read."""
    out: list[tuple[str, str]] = []
    if isinstance(node, dict):
        for key, value in node.items():
            if key in _LINK_LISTS:
                continue  # links for people (licences, sources, contributors, homepage); never read
            loc = f"{where}.{key}" if where else str(key)
            if isinstance(value, str):
                if key in _FETCH_KEYS and _URL.match(value):
                    out.append((loc, value))
            else:
                out += _remote_urls(value, loc, str(key))
    elif isinstance(node, list):
        for i, value in enumerate(node):
            loc = f"{where}[{i}]"
            if isinstance(value, str):
                if parent_key in _FETCH_KEYS and _URL.match(value):
                    out.append((loc, value))
            else:
                out += _remote_urls(value, loc, parent_key)
    return out


def _check_profile(value: object, what: str) -> str | None:
    if value is None or value in PROFILES:
        return None
    if isinstance(value, str) and _URL.match(value):
        return f"{what} {value!r} is a remote URL: {_NETWORK}"
    return f"{what} {value!r} is not a standard profile ({', '.join(sorted(PROFILES))}): remove it"


def _check_schema(schema: object, file: str, name: str) -> list[Problem]:
    """Problems of a schema's shape: fields with names and types iranus reads; no remote $ref."""
    if not isinstance(schema, dict):
        return [Problem(file, f"the schema of dataset {name!r} is not a JSON object with 'fields'")]
    problems = [
        Problem(file, f"{loc} of dataset {name!r} is a remote URL ({url!r}): {_NETWORK}")
        for loc, url in _remote_urls(schema)
    ]
    problems += [
        Problem(file, f"{loc} of dataset {name!r}: iranus does not follow '$ref' (write the schema out in full)")
        for loc, url in _refs(schema)
        if not _URL.match(url)
    ]
    fields = schema.get("fields")
    if not isinstance(fields, list) or not fields:
        return problems + [Problem(file, f"the schema of dataset {name!r} has no 'fields' list")]
    for i, fdef in enumerate(fields, 1):
        if not isinstance(fdef, dict) or not isinstance(fdef.get("name"), str):
            problems.append(Problem(file, f"field {i} of dataset {name!r} has no 'name'"))
            continue
        ftype = fdef.get("type", "string")
        if ftype not in FIELD_TYPES:
            problems.append(
                Problem(
                    file,
                    f"field {fdef['name']!r} of dataset {name!r} has type {ftype!r}, which iranus does not read; "
                    f"use one of {', '.join(FIELD_TYPES)}",
                    column=fdef["name"],
                )
            )
    return problems


def _refs(node: object, where: str = "") -> list[tuple[str, str]]:
    out: list[tuple[str, str]] = []
    if isinstance(node, dict):
        for key, value in node.items():
            loc = f"{where}.{key}" if where else str(key)
            if key == "$ref":
                out.append((loc, str(value)))
            else:
                out += _refs(value, loc)
    elif isinstance(node, list):
        for i, value in enumerate(node):
            out += _refs(value, f"{where}[{i}]")
    return out


def _check_resource(res: dict, data_dir: Path, desc_file: str) -> ResourceSpec:
    name = res["name"]
    problems: list[Problem] = []

    def refuse(message: str, file: str = desc_file) -> None:
        problems.append(Problem(file, f"dataset {name!r}: {message}"))

    path = schema = schema_file = None
    dialect: dict = {}
    for loc, url in _remote_urls(res):
        if loc.split(".")[0].split("[")[0] not in ("path", "schema", "dialect", "profile"):
            refuse(f"{loc} {url!r} is a remote URL: {_NETWORK}")
    if (msg := _check_profile(res.get("profile"), "its profile")) is not None:
        refuse(msg)
    try:
        path = inside(data_dir, res.get("path"), "path")
        if not path.is_file():
            refuse(f"its path {res['path']!r} is not a file in {data_dir} (file not found)")
            path = None
    except _Refused as exc:
        refuse(str(exc))
    raw_dialect = res.get("dialect", {})
    if isinstance(raw_dialect, str):
        try:
            dfile = inside(data_dir, raw_dialect, "dialect")
            raw_dialect = _read_json(dfile)
        except _Refused as exc:
            refuse(str(exc))
            raw_dialect = {}
        except (OSError, ValueError) as exc:
            refuse(f"its dialect: {_json_problem(data_dir / res['dialect'], exc)}")
            raw_dialect = {}
    if isinstance(raw_dialect, dict):
        dialect = raw_dialect
        for loc, url in _remote_urls(raw_dialect, "dialect"):
            refuse(f"{loc} {url!r} is a remote URL: {_NETWORK}")
    else:
        refuse(f"its dialect must be a JSON object (delimiter, quoteChar), not {raw_dialect!r}")
    raw_schema = res.get("schema")
    if isinstance(raw_schema, str):
        try:
            schema_file = inside(data_dir, raw_schema, "schema")
        except _Refused as exc:
            refuse(str(exc))
        else:
            try:
                schema = _read_json(schema_file)
            except FileNotFoundError:
                refuse(f"its schema file {raw_schema} is not found in {data_dir}")
                schema_file = None
            except (OSError, ValueError) as exc:
                line = exc.lineno if isinstance(exc, json.JSONDecodeError) else None
                if line is not None:
                    what = f"not valid JSON ({exc.msg}, column {exc.colno})"
                elif isinstance(exc, UnicodeDecodeError):
                    what = "not valid JSON (not UTF-8 text)"
                else:
                    what = f"cannot be read ({getattr(exc, 'strerror', None) or exc})"
                problems.append(Problem(str(schema_file), f"{what}: dataset {name!r} cannot be read", line=line))
                schema = None
    elif isinstance(raw_schema, dict):
        schema = raw_schema
    else:
        refuse("it has no 'schema' (a schema file such as schemas/<name>.schema.json)")
    if schema is not None:
        shape = _check_schema(schema, str(schema_file or desc_file), name)
        if shape:
            problems += shape
            schema = None
    return ResourceSpec(
        name=name,
        descriptor=res,
        path=path,
        schema=schema,
        schema_file=schema_file,
        dialect=dialect,
        problems=tuple(problems),
    )


def _file_states(paths: list[Path]) -> tuple:
    """lstat and stat of each file (a file swapped for a link, or edited, changes the tuple)."""
    out = []
    for path in paths:
        try:
            ls, st = os.lstat(path), os.stat(path)
            out.append((ls.st_ino, ls.st_mode, ls.st_mtime_ns, st.st_ino, st.st_size, st.st_mtime_ns))
        except OSError:
            out.append(None)
    return tuple(out)


_SPEC_MEMO: dict[Path, tuple[PackageSpec, tuple]] = {}


def package_spec(data_dir: str | Path | None = None) -> PackageSpec:
    """The checked package (see :func:`_package_spec`), re-checked whenever one of its files changes.

    Loading calls this for every table; checking the jail each time cost about 20 ms a call.
    """
    data_dir = resolve_data_dir(data_dir)
    memo = _SPEC_MEMO.get(data_dir)
    if memo is not None and _file_states(memo[0].files()) == memo[1]:
        return memo[0]
    spec = _package_spec(data_dir)
    _SPEC_MEMO[data_dir] = (spec, _file_states(spec.files()))
    return spec


def _package_spec(data_dir: str | Path | None = None) -> PackageSpec:
    """Check the descriptor and every schema against the jail; open nothing outside the folder.

    Returns:
        :class:`PackageSpec`. Problems of one resource (a refused path, a remote schema, a schema
        that is not JSON, an unknown field type, a foreign key to a dataset the package does not
        list) are in that resource's ``problems``; problems of the package as a whole (a remote
        profile, entries without a name, duplicate names) in ``problems``.

    Raises:
        DataPackageError: the descriptor cannot be read at all (see :func:`read_descriptor`).
    """
    data_dir = resolve_data_dir(data_dir)
    desc = read_descriptor(data_dir)
    desc_file = str(data_dir / DESCRIPTOR)
    problems: list[Problem] = []
    if (msg := _check_profile(desc.get("profile"), "the package's profile")) is not None:
        problems.append(Problem(desc_file, msg))
    if (msg := _check_profile(desc.get("$schema"), "the package's $schema")) is not None and desc.get("$schema"):
        problems.append(Problem(desc_file, msg))
    for loc, url in _remote_urls({k: v for k, v in desc.items() if k not in ("resources", "profile", "$schema")}):
        problems.append(Problem(desc_file, f"{loc} {url!r} is a remote URL: {_NETWORK}"))
    resources: dict[str, ResourceSpec] = {}
    for i, res in enumerate(desc["resources"], 1):
        if not isinstance(res, dict) or not isinstance(res.get("name"), str) or not res["name"]:
            problems.append(Problem(desc_file, f"resource {i} has no 'name'"))
            continue
        if res["name"] in resources:
            problems.append(Problem(desc_file, f"two resources are named {res['name']!r}"))
            continue
        resources[res["name"]] = _check_resource(res, data_dir, desc_file)
    # foreign keys must point at datasets the package lists
    for name, spec in list(resources.items()):
        if spec.schema is None:
            continue
        missing = []
        for fk in spec.schema.get("foreignKeys", []) or []:
            target = (fk.get("reference") or {}).get("resource") if isinstance(fk, dict) else None
            if target and target not in resources:
                missing.append(
                    Problem(
                        str(spec.schema_file or desc_file),
                        f"dataset {name!r}: a foreign key refers to dataset {target!r}, which is not in datapackage.json",
                        column=", ".join(fk.get("fields") or []) if isinstance(fk.get("fields"), list) else fk.get("fields"),
                    )
                )
        if missing:
            resources[name] = ResourceSpec(
                spec.name, spec.descriptor, spec.path, spec.schema, spec.schema_file, spec.dialect,
                spec.problems + tuple(missing),
            )
    return PackageSpec(data_dir, desc, resources, tuple(problems))


def resource_spec(name: str, data_dir: str | Path | None = None) -> ResourceSpec:
    """The checked spec of one dataset.

    Raises:
        KeyError: no such dataset (the message lists the known names).
        DataPackageError: the descriptor cannot be read.
    """
    spec = package_spec(data_dir)
    if name not in spec.resources:
        known = ", ".join(spec.resources)
        raise KeyError(f"no dataset named {name!r} (argument name); known datasets: {known}")
    return spec.resources[name]


def resource_descriptor(name: str, data_dir: str | Path | None = None) -> dict:
    """Return the descriptor of one resource, with its schema read in (key ``schema``: dict).

    Raises:
        KeyError: if there is no such dataset (the message lists the known names).
        DataPackageError: the descriptor cannot be read.
        DataValidationError: the package or this resource's entry or schema has problems (a path
            outside the folder, a remote URL, a schema that is not JSON...).
    """
    pkg = package_spec(data_dir)
    spec = resource_spec(name, pkg.data_dir)
    if pkg.problems or spec.problems:
        raise DataValidationError(list(pkg.problems) + list(spec.problems))
    res = dict(spec.descriptor)
    res["schema"] = spec.schema
    res["dialect"] = spec.dialect
    return res


def dataset_names(data_dir: str | Path | None = None) -> list[str]:
    """Names of all datasets, in the order of ``datapackage.json``."""
    return [r["name"] for r in read_descriptor(data_dir)["resources"] if isinstance(r, dict) and "name" in r]


def _date(data_dir: str | Path | None, key: str) -> pd.Timestamp:
    desc = read_descriptor(data_dir)
    try:
        return pd.Timestamp(desc[key])
    except (TypeError, ValueError):
        raise DataPackageError(f"{DESCRIPTOR}: {key!r} is {desc[key]!r}, not a date YYYY-MM-DD") from None


def record_end(data_dir: str | Path | None = None) -> pd.Timestamp:
    """Date of the last reliable report the data covers (``iranus:record_end`` of the package).

    Nothing in the data is dated after it; it is the end date that the epilogue states.
    """
    return _date(data_dir, "iranus:record_end")


def course_date(data_dir: str | Path | None = None) -> pd.Timestamp:
    """The date the lessons before the epilogue are set on (6 February 2026, the Muscat round)."""
    return _date(data_dir, "iranus:course_date")


__all__ = [
    "DESCRIPTOR",
    "FIELD_TYPES",
    "PackageSpec",
    "ResourceSpec",
    "course_date",
    "dataset_names",
    "default_data_dir",
    "inside",
    "package_spec",
    "read_descriptor",
    "record_end",
    "resolve_data_dir",
    "resource_descriptor",
    "resource_spec",
]
