"""Build src/iranus/charts/vega/chart_view.bundle.js: the explorers' chart view with Vega inside.

vl-convert (a dependency already) bundles ``chart_view.js`` with its own copy of Vega into one
self-contained ES module, offline; the result is committed so that nothing is built or fetched
when a learner opens an explorer. Rerun after upgrading vl-convert-python (it fixes the Vega
version, the same one that draws the stored SVG charts):

    uv run python tools/build_vega_bundle.py
"""

from __future__ import annotations

from pathlib import Path

import vl_convert as vlc

HERE = Path(__file__).resolve().parents[1] / "src" / "iranus" / "charts" / "vega"


def main() -> None:
    source = (HERE / "chart_view.js").read_text(encoding="utf-8")
    bundle = vlc.javascript_bundle(source)
    header = (
        f"// Built by tools/build_vega_bundle.py from chart_view.js with vl-convert-python "
        f"{vlc.__version__}; contains Vega (BSD-3-Clause) and its d3 dependencies (ISC). Do not edit.\n"
    )
    out = HERE / "chart_view.bundle.js"
    out.write_text(header + bundle, encoding="utf-8")
    print(f"wrote {out} ({out.stat().st_size:,} bytes)")


if __name__ == "__main__":
    main()
