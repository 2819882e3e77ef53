"""What a learner sees of a notebook cell, and whether a term was glossed before it was met.

One reading of a cell for every test that checks what reaches the screen (ids, abbreviations,
terms, research wording): its markdown, and of a code cell its stored outputs (printed text, the
words of a table, the words drawn on a chart). Code a learner types is not shown text.
"""

from __future__ import annotations

import re

_TAG = re.compile(r"<[^>]+>")
_STYLE = re.compile(r"<style.*?</style>", re.S)
_SVG_WORDS = re.compile(r"<(?:text|tspan)[^>]*>([^<]*)</(?:text|tspan)>")  # a wrapped label is in tspans


def shown_texts(cell: dict) -> list[tuple[str, str]]:
    """(where, text) for what a reader sees of a cell.

    ``where`` is ``"markdown"``, ``"printed output"``, ``"chart"`` (the words drawn on a stored SVG
    chart: titles, axes, labels, legend), ``"table"`` (the text of a stored HTML output, its CSS
    left out) or ``"output"`` (a plain-text result with no HTML or SVG form).

    >>> shown_texts({"cell_type": "code", "outputs": [{"data": {"text/html": "<style>.x{}</style><td>AP, 6 Feb</td>"}}]})
    [('table', 'AP, 6 Feb')]
    """
    if cell["cell_type"] == "markdown":
        return [("markdown", "".join(cell["source"]))]
    out = []
    for output in cell.get("outputs", []):
        if "text" in output:
            out.append(("printed output", "".join(output["text"])))
        data = output.get("data", {})
        if "image/svg+xml" in data:
            out.append(("chart", " | ".join(_SVG_WORDS.findall("".join(data["image/svg+xml"])))))
        if "text/html" in data:
            out.append(("table", " ".join(_TAG.sub(" ", _STYLE.sub(" ", "".join(data["text/html"]))).split())))
        elif "text/plain" in data and "image/svg+xml" not in data:
            out.append(("output", "".join(data["text/plain"])))
    return out


def unglossed(
    cells: list[dict],
    terms: dict[str, tuple[str, str]],
    case_sensitive: frozenset[str] = frozenset(),
    in_code: frozenset[str] = frozenset(),
) -> list[str]:
    """Terms met on screen before the lesson's text has glossed them.

    Args:
        cells: a notebook's cells in order; the gloss may be in the markdown cell of the first use.
        terms: name -> (pattern of the term, pattern of its gloss in the lesson's markdown).
        case_sensitive: names whose term pattern is matched with case (e.g. "EDT").
        in_code: names also met in a code cell's source (the call that opens an explorer whose
            panel shows the term).

    Returns:
        "name (cell i, where)" for each term glossed too late or never.

    >>> md = lambda s: {"cell_type": "markdown", "source": [s]}
    >>> unglossed([md("OPEC cut output."), md("OPEC (the oil cartel).")], {"OPEC": (r"OPEC", r"OPEC \\(the oil")})
    ['OPEC (cell 0, markdown)']
    """
    text_so_far, met, late = "", set(), []
    for i, cell in enumerate(cells):
        seen = shown_texts(cell)
        if cell["cell_type"] == "code":
            seen.append(("code", "".join(cell["source"])))
        for where, text in seen:
            if where == "markdown":
                text_so_far += "\n\n" + text
            for name, (term, gloss) in terms.items():
                if name in met or (where == "code" and name not in in_code):
                    continue
                if not re.search(term, text, 0 if name in case_sensitive else re.I):
                    continue
                met.add(name)
                if not re.search(gloss, " ".join(text_so_far.split())):
                    late.append(f"{name} (cell {i}, {where})")
    return late
