"""Clone to first lesson: how long the README's first command takes on a fresh clone.

    uv run python benchmarks/bench_setup.py                  # all four cases (a few minutes)
    uv run python benchmarks/bench_setup.py --cache warm     # only the warm-cache cases
    uv run python benchmarks/bench_setup.py --compile on     # only with compile-bytecode

For each case it makes a fresh ``git clone`` of this checkout's HEAD into a temporary folder
and runs the README's first command there, ``uv run iranus lab`` (with ``--no-browser`` and a
loopback port; no browser is timed), with empty Jupyter folders. It reports:

- ``uv sync``: from the command's start until ``iranus lab`` prints its first line (uv has
  created ``.venv`` and installed everything; uv's own "Installed N packages" and "Bytecode
  compiled N files" figures are shown beside it);
- ``server``: until JupyterLab answers on its port;
- ``kernel 1`` / ``kernel 2``: a kernel started from the clone's environment (as opening lesson
  00 does) until the lesson's first code cell (``import iranus`` ... ``check_setup()``) has run;
  twice, because the first kernel may write bytecode that the second reuses;
- ``total``: clone to first cell run (sync + server + kernel 1);
- ``CPU s``: CPU seconds used by every process of the case (all kernels included), a figure
  that other work on a shared machine disturbs less than wall time.

Cases: the uv cache *warm* (the machine's usual cache: nothing downloaded) or *cold* (an empty
``UV_CACHE_DIR`` in the temporary folder: every wheel downloaded from PyPI), crossed with the
project's ``[tool.uv] compile-bytecode`` *on* or *off* (the clone's pyproject edited). The
kernels run with the environment's ``PYTHONDONTWRITEBYTECODE`` as found (printed), and, when
compile-bytecode is off, once more with it unset.

Sends nothing but loopback traffic itself (uv talks to PyPI in the cold case); every server and
kernel it starts is stopped; the temporary folder is deleted.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import re
import resource
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
FIRST_CELL_TIMEOUT = 300


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _first_code_cell(course: Path) -> str:
    nb = json.loads((course / "notebooks" / "00_start_here.ipynb").read_text(encoding="utf-8"))
    return next("".join(c["source"]) for c in nb["cells"] if c["cell_type"] == "code")


def _time_kernel(course: Path, env: dict) -> float:
    """Seconds from starting a kernel in the clone's environment to its first lesson cell run."""
    code = _first_code_cell(course)
    driver = (
        "import sys, time\n"
        "from jupyter_client.manager import start_new_kernel\n"
        "t = time.perf_counter()\n"
        "km, kc = start_new_kernel(kernel_name='python3', cwd=sys.argv[1])\n"
        "try:\n"
        "    reply = kc.execute_interactive(sys.argv[2], timeout=%d, output_hook=lambda m: None)\n"
        "    assert reply['content']['status'] == 'ok', reply['content']\n"
        "    print(time.perf_counter() - t)\n"
        "finally:\n"
        "    kc.stop_channels(); km.shutdown_kernel(now=True)\n" % FIRST_CELL_TIMEOUT
    )
    # the driver's own start-up is not the learner's: time inside it, from kernel start
    out = subprocess.run(
        [str(course / ".venv" / "bin" / "python"), "-c", driver, str(course / "notebooks"), code],
        env=env, capture_output=True, text=True, timeout=FIRST_CELL_TIMEOUT + 60,
    )
    if out.returncode != 0:
        raise RuntimeError(f"kernel run failed:\n{out.stderr[-2000:]}")
    return float(out.stdout.strip().splitlines()[-1])


def run_case(cache: str, compile_bytecode: bool, work: Path) -> dict:
    """One fresh clone, one README command; returns the timings in seconds and uv's figures."""
    case = work / f"{cache}-{'compile' if compile_bytecode else 'nocompile'}"
    course = case / "course"
    subprocess.run(["git", "clone", "-q", str(ROOT), str(course)], check=True)
    pyproject = course / "pyproject.toml"
    text = pyproject.read_text(encoding="utf-8")
    text, n = re.subn(r"(?m)^compile-bytecode = (true|false)$", f"compile-bytecode = {str(compile_bytecode).lower()}", text)
    assert n == 1, "pyproject.toml has no 'compile-bytecode = ...' line to switch"
    pyproject.write_text(text, encoding="utf-8")
    home = case / "jupyter"
    env = {k: v for k, v in os.environ.items() if k not in {"VIRTUAL_ENV", "UV_PROJECT_ENVIRONMENT", "UV_COMPILE_BYTECODE"}}
    env.update(
        {
            "UV_PYTHON_DOWNLOADS": "never",
            "JUPYTER_DATA_DIR": str(home / "data"),
            "JUPYTER_CONFIG_DIR": str(home / "config"),
            "JUPYTER_RUNTIME_DIR": str(home / "runtime"),
            "JUPYTERLAB_SETTINGS_DIR": str(home / "settings"),
            "JUPYTERLAB_WORKSPACES_DIR": str(home / "workspaces"),
            "IPYTHONDIR": str(home / "ipython"),
        }
    )
    if cache == "cold":
        env["UV_CACHE_DIR"] = str(case / "uv-cache")
    port, token = _free_port(), "bench"
    log = case / "command.log"
    cmd = ["uv", "run", "iranus", "lab", "--no-browser", "--ServerApp.ip=127.0.0.1", f"--ServerApp.port={port}",
           f"--IdentityProvider.token={token}", "--allow-root"]
    result: dict = {"cache": cache, "compile": compile_bytecode}
    cpu0 = resource.getrusage(resource.RUSAGE_CHILDREN)
    t0 = time.perf_counter()
    with open(log, "wb") as out:
        proc = subprocess.Popen(cmd, cwd=course, env=env, stdout=out, stderr=subprocess.STDOUT)
    try:
        while "sync" not in result:
            if proc.poll() is not None:
                raise RuntimeError(f"the course command exited:\n{log.read_text(errors='replace')[-3000:]}")
            if "iranus: trusting" in log.read_text(errors="replace"):
                result["sync"] = time.perf_counter() - t0
            time.sleep(0.1)
        while "server" not in result:
            if proc.poll() is not None:
                raise RuntimeError(f"the course command exited:\n{log.read_text(errors='replace')[-3000:]}")
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/api/status?token={token}", timeout=2) as r:
                    if r.status == 200:
                        result["server"] = time.perf_counter() - t0 - result["sync"]
            except OSError:
                time.sleep(0.1)
        result["kernel1"] = _time_kernel(course, env)
        result["kernel2"] = _time_kernel(course, env)
        if not compile_bytecode and env.get("PYTHONDONTWRITEBYTECODE"):
            unset = {k: v for k, v in env.items() if k != "PYTHONDONTWRITEBYTECODE"}
            result["kernel1_pyc"] = _time_kernel(course, unset)
            result["kernel2_pyc"] = _time_kernel(course, unset)
    finally:
        try:
            req = urllib.request.Request(f"http://127.0.0.1:{port}/api/shutdown?token={token}", method="POST", data=b"")
            urllib.request.urlopen(req, timeout=5).close()
            proc.wait(timeout=20)
        except Exception:  # noqa: BLE001 - stop the process this script started
            proc.terminate()
            proc.wait(timeout=20)
    result["total"] = result["sync"] + result["server"] + result["kernel1"]
    cpu = resource.getrusage(resource.RUSAGE_CHILDREN)
    # CPU seconds of every process of the case (uv, its compile workers, server, kernels): less
    # sensitive than wall time to other work on a shared machine
    result["cpu"] = (cpu.ru_utime - cpu0.ru_utime) + (cpu.ru_stime - cpu0.ru_stime)
    text = log.read_text(errors="replace")
    installed = re.search(r"Installed (\d+) packages in ([\d.]+m?s)", text)
    compiled = re.search(r"Bytecode compiled (\d+) files in ([\d.]+m?s)", text)
    result["uv"] = ", ".join(
        x for x in (installed and f"{installed[1]} packages installed in {installed[2]}",
                    compiled and f"{compiled[1]} files compiled in {compiled[2]}") if x
    )
    result["venv_mb"] = sum(f.stat().st_size for f in (course / ".venv").rglob("*") if f.is_file()) / 1e6
    return result


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--cache", choices=["warm", "cold", "both"], default="both")
    parser.add_argument("--compile", choices=["on", "off", "both"], default="both")
    args = parser.parse_args(argv)
    caches = ["warm", "cold"] if args.cache == "both" else [args.cache]
    compiles = [True, False] if args.compile == "both" else [args.compile == "on"]
    load = os.getloadavg() if hasattr(os, "getloadavg") else None
    print(f"# clone to first lesson, {dt.datetime.now(dt.timezone.utc):%Y-%m-%d %H:%M} UTC, "
          f"{os.cpu_count()} cores, Python {platform.python_version()}, "
          f"{subprocess.run(['uv', '--version'], capture_output=True, text=True).stdout.strip()}")
    print(f"# load average before: {load[0]:.2f} {load[1]:.2f} {load[2]:.2f}" if load else "# load average: n/a")
    print(f"# PYTHONDONTWRITEBYTECODE={os.environ.get('PYTHONDONTWRITEBYTECODE', '(unset)')} in this environment")
    print()
    print("| uv cache | compile-bytecode | uv sync | server | kernel 1 | kernel 2 | total (clone to first cell) | CPU s, all processes | uv says | .venv MB |")
    print("|---|---|---:|---:|---:|---:|---:|---:|---|---:|")
    rows = []
    with tempfile.TemporaryDirectory(prefix="iranus-bench-setup-") as tmp:
        for cache in caches:
            for compile_bytecode in compiles:
                r = run_case(cache, compile_bytecode, Path(tmp))
                rows.append(r)
                print(f"| {r['cache']} | {'on' if r['compile'] else 'off'} | {r['sync']:.1f} | {r['server']:.1f} | "
                      f"{r['kernel1']:.1f} | {r['kernel2']:.1f} | **{r['total']:.1f}** | {r['cpu']:.0f} | {r['uv']} | {r['venv_mb']:.0f} |",
                      flush=True)
                shutil.rmtree(Path(tmp) / f"{cache}-{'compile' if compile_bytecode else 'nocompile'}", ignore_errors=True)
    extra = [r for r in rows if "kernel1_pyc" in r]
    if extra:
        print()
        print("compile-bytecode off, kernels with PYTHONDONTWRITEBYTECODE unset (the first kernel writes .pyc files):")
        for r in extra:
            print(f"  {r['cache']} cache: kernel 1 {r['kernel1_pyc']:.1f} s, kernel 2 {r['kernel2_pyc']:.1f} s")
    load = os.getloadavg() if hasattr(os, "getloadavg") else None
    print(f"# load average after: {load[0]:.2f} {load[1]:.2f} {load[2]:.2f}" if load else "")
    return 0


if __name__ == "__main__":
    sys.exit(main())
