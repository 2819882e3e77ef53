"""Write the course book's generated pages into ``docs/course/`` (called by ``conf.py``; runs alone too).

    uv run python docs/coursebook.py        # writes docs/course/ only (sphinx-build does it anyway)

What it writes, mirroring the repository's layout so that the lessons' relative links work:

- ``course/notebooks/NN_*.ipynb``: the lessons, copied as they are (stored outputs, nothing run);
- ``course/data/CODEBOOK*.md``: the codebooks; ``course/exercises/README.md``: the instructor guide;
- ``course/lessons.md``: the lesson map (number, title, reading time, the question each answers),
  read from each lesson's first heading and its "Reading time" line;
- ``course/datasets/<name>.md`` and ``course/datasets/index.md``: a page per dataset, from
  ``data/datapackage.json`` and its table schemas through :func:`iranus.describe` (columns, types,
  units, allowed values, descriptions), :func:`iranus.cite`, and the sources the dataset's rows
  cite (joined to the ``sources`` table through ``source_id``).
"""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
OUT = Path(__file__).resolve().parent / "course"


def _md_cell(text) -> str:
    """A value made safe for one Markdown table cell."""
    if text is None or (isinstance(text, float) and text != text):
        return ""
    return str(text).replace("|", "\\|").replace("\n", " ").strip()


def lesson_map(lessons: list[Path]) -> str:
    """The lesson map page: lesson 00's own map (question, minutes), linked to each lesson.

    Lesson 00 holds the map as a Markdown table (``| # | lesson | the question it answers |
    minutes |``); the book reuses it rather than keeping a second copy. A lesson missing from that
    table still gets a row, titled by its first heading.
    """
    def markdown(path: Path) -> str:
        nb = json.loads(path.read_text(encoding="utf-8"))
        return "\n".join("".join(c["source"]) for c in nb["cells"] if c["cell_type"] == "markdown")

    mapped = {
        m.group(1): (m.group(2).strip(), m.group(3).strip(), m.group(4).strip())
        for m in re.finditer(r"(?m)^\|\s*(\d\d)\s*\|([^|]+)\|([^|]+)\|\s*(\d*)\s*\|\s*$", markdown(lessons[0]))
    }
    rows = []
    for path in lessons:
        number = path.stem[:2]
        heading = re.search(r"(?m)^#\s+(.+)$", markdown(path))
        title, question, minutes = mapped.get(number, (heading.group(1) if heading else path.stem, "", ""))
        rows.append(f"| {number} | [{_md_cell(title)}](notebooks/{path.stem}.ipynb) | {_md_cell(question)} | {minutes} |")
    toctree = "\n".join(f"notebooks/{p.stem}" for p in lessons)
    return (
        "# The lesson map\n\n"
        "Each lesson is shown with the outputs stored when it was last run; nothing is executed to\n"
        "build this book. Interactive explorers show their text description here: open the course\n"
        "in JupyterLab (`uv run iranus lab`) to use them.\n\n"
        "| # | lesson | the question it answers | minutes |\n|---|---|---|---:|\n" + "\n".join(rows) + "\n\n"
        f"```{{toctree}}\n:hidden:\n:maxdepth: 1\n\n{toctree}\n```\n"
    )


def dataset_page(name: str) -> str:
    """One dataset's page: description, file, columns with units and allowed values, sources cited."""
    import iranus

    info = iranus.list_datasets().set_index("name").loc[name]
    cols = iranus.describe(name)
    lines = [
        f"# {info['title']} (`{name}`)", "",
        _md_cell(info["description"]), "",
        f"- file: `data/{name}.csv`, {int(info['rows'])} rows",
        f"- dated by: `{info['time_field']}`" if isinstance(info["time_field"], str) and info["time_field"] else "- undated table",
        f"- cite as: {_md_cell(iranus.cite(name))}", "",
        "## Columns", "",
        "| column | type | unit | allowed values | required | description |",
        "|---|---|---|---|---|---|",
    ]
    for c in cols.itertuples():
        lines.append(
            f"| `{c.column}` | {c.type} | {_md_cell(c.unit)} | {_md_cell(c.allowed)} | {'yes' if c.required else ''} "
            f"| {_md_cell(c.description)} |"
        )
    table = iranus.load(name)
    if "unit" in table.columns:
        units = sorted(str(u) for u in table["unit"].dropna().unique())
        lines += ["", "Units used in the `unit` column: " + ", ".join(f"*{_md_cell(u)}*" for u in units) + "."]
    if name != "sources" and "source_id" in table.columns:
        sources = iranus.load("sources").set_index("source_id")
        cited = table["source_id"].dropna().astype(str).value_counts()
        lines += ["", "## Sources cited", "",
                  f"{len(cited)} sources are cited by the rows of this table (most cited first).", "",
                  "| source_id | rows | outlet | title | date |", "|---|---:|---|---|---|"]
        for sid, n in cited.items():
            s = sources.loc[sid] if sid in sources.index else None
            date = "" if s is None or str(s["date"]) == "NaT" else f"{s['date']:%Y-%m-%d}"
            lines.append(
                f"| `{sid}` | {n} | {_md_cell(None if s is None else s['outlet'])} "
                f"| {_md_cell(None if s is None else s['title'])} | {date} |"
            )
    return "\n".join(lines) + "\n"


def write_all(out: Path = OUT) -> list[Path]:
    """(Re)write every generated page under ``out``; returns the files written."""
    import iranus

    if out.exists():
        shutil.rmtree(out)
    (out / "notebooks").mkdir(parents=True)
    (out / "data").mkdir()
    (out / "exercises").mkdir()
    (out / "datasets").mkdir()
    written = []
    lessons = sorted((ROOT / "notebooks").glob("[0-9][0-9]_*.ipynb"))
    for path in lessons:
        written.append(Path(shutil.copy2(path, out / "notebooks" / path.name)))
    for path in sorted((ROOT / "data").glob("CODEBOOK*.md")):
        written.append(Path(shutil.copy2(path, out / "data" / path.name)))
    written.append(Path(shutil.copy2(ROOT / "exercises" / "README.md", out / "exercises" / "README.md")))
    (out / "lessons.md").write_text(lesson_map(lessons), encoding="utf-8")
    names = list(iranus.list_datasets()["name"])
    for name in names:
        (out / "datasets" / f"{name}.md").write_text(dataset_page(name), encoding="utf-8")
    table = iranus.list_datasets()
    index = ["# The datasets", "",
             "Every table of the course, generated from `data/datapackage.json` and its schemas; "
             "[the codebook](../data/CODEBOOK.md) explains every coding.", "",
             "| dataset | title | rows |", "|---|---|---:|"]
    index += [f"| [`{r.name}`]({r.name}.md) | {_md_cell(r.title)} | {r.rows} |" for r in table.itertuples()]
    index += ["", "```{toctree}", ":hidden:", "", *names, "```", ""]
    (out / "datasets" / "index.md").write_text("\n".join(index), encoding="utf-8")
    written += [out / "lessons.md", out / "datasets" / "index.md", *(out / "datasets" / f"{n}.md" for n in names)]
    return written


if __name__ == "__main__":
    print(f"wrote {len(write_all())} files under {OUT}")
