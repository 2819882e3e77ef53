"""Size a class by measurement: a real JupyterHub on 127.0.0.1 with N simulated students.

For each class size N (default 1, 5, 10, 20) every simulated student, at the same moment,
  1. asks the hub to start their single-user server (REST: POST /hub/api/users/NAME/server),
  2. starts a kernel on it (REST: POST /user/NAME/api/kernels) and
  3. runs every code cell of a lesson through the kernel websocket (execute_request/execute_reply),
like a class that presses "Run all" together: the worst case for CPU. Meanwhile a sampler records
the memory (RSS and USS, via psutil) of the hub, proxy, servers and kernels, and the CPU use.

The hub is JupyterHub (PyPI ``jupyterhub``) with ``SimpleLocalProcessSpawner`` (every server a
local process of this user, homes in a temporary folder), the ``dummy`` authenticator (students
are created through the admin API; nobody logs in) and configurable-http-proxy from npm
(``npm install --prefix .dev configurable-http-proxy``). All traffic goes to 127.0.0.1 only.
Bounded: at most ``MAX_STUDENTS`` students per round, a per-cell time limit and a limit for the
whole run (``--max-minutes``, default 20); the hub and every process it started are stopped at
the end, also on error, time-out or Ctrl-C. Exit status 1 when any student failed or timed out.

    uv sync --inexact --group hub
    npm install --prefix .dev configurable-http-proxy@5
    uv run python benchmarks/hub_load.py --students 1 5 10 20 --json hub_load.json

Prints one line per round and a JSON document (``--json FILE``) with every figure.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import secrets
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import uuid
from datetime import datetime, timezone
from pathlib import Path

import psutil
import requests
import websocket

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_LESSON = ROOT / "notebooks" / "04_leverage_and_pressure.ipynb"
DEFAULT_PROXY = ROOT / ".dev" / "node_modules" / ".bin" / "configurable-http-proxy"
MAX_STUDENTS = 40  # the machine has 2 cores: refuse anything larger
MB = 1024 * 1024


def free_port() -> int:
    """A free TCP port on 127.0.0.1 (the kernel may reuse it later; good enough for one run)."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def find_proxy(explicit: str | None) -> str | None:
    """configurable-http-proxy: --proxy, then .dev/node_modules/.bin, then PATH."""
    for candidate in (explicit, str(DEFAULT_PROXY), shutil.which("configurable-http-proxy")):
        if candidate and Path(candidate).is_file() and os.access(candidate, os.X_OK):
            return candidate
    return None


HUB_CONFIG = """\
c = get_config()  # noqa
c.JupyterHub.ip = "127.0.0.1"
c.JupyterHub.port = {port}
c.JupyterHub.hub_ip = "127.0.0.1"
c.JupyterHub.hub_port = {hub_port}
c.ConfigurableHTTPProxy.api_url = "http://127.0.0.1:{proxy_api_port}"
c.ConfigurableHTTPProxy.command = [{proxy!r}]
c.ConfigurableHTTPProxy.should_start = True
c.JupyterHub.db_url = "sqlite:///{work}/jupyterhub.sqlite"
c.JupyterHub.cookie_secret_file = "{work}/jupyterhub_cookie_secret"
c.JupyterHub.pid_file = "{work}/jupyterhub.pid"
c.JupyterHub.cleanup_servers = True
c.JupyterHub.concurrent_spawn_limit = {max_students}
c.JupyterHub.authenticator_class = "dummy"
c.Authenticator.allow_all = True
c.JupyterHub.spawner_class = "simple"
c.SimpleLocalProcessSpawner.home_dir_template = "{work}/homes/{{username}}"
c.Spawner.cmd = [{singleuser!r}]
c.Spawner.args = {extra_args!r}
c.Spawner.default_url = "/lab"
c.Spawner.start_timeout = 300
c.Spawner.http_timeout = 300
c.JupyterHub.services = [{{"name": "loadtest", "api_token": {token!r}}}]
c.JupyterHub.load_roles = [{{
    "name": "loadtest",
    "scopes": ["admin:users", "admin:servers", "access:servers", "list:users", "read:users"],
    "services": ["loadtest"],
}}]
"""


class Hub:
    """A JupyterHub process on 127.0.0.1 in a temporary folder; a context manager that stops it."""

    def __init__(self, proxy: str, lesson: Path, log_to: Path | None = None) -> None:
        self.work = Path(tempfile.mkdtemp(prefix="iranus-hub-"))
        self.port = free_port()
        self.token = secrets.token_hex(32)
        self.lesson = lesson
        singleuser = str(Path(sys.executable).with_name("jupyterhub-singleuser"))
        config = HUB_CONFIG.format(
            port=self.port, hub_port=free_port(), proxy_api_port=free_port(), proxy=proxy,
            work=self.work, max_students=MAX_STUDENTS, singleuser=singleuser, token=self.token,
            extra_args=["--allow-root"] if os.geteuid() == 0 else [],  # CI and this machine run as root
        )
        (self.work / "jupyterhub_config.py").write_text(config, encoding="utf-8")
        (self.work / "homes").mkdir()
        self.log_path = log_to or self.work / "jupyterhub.log"
        self.proc: subprocess.Popen | None = None
        self.seen: dict[int, float] = {}  # pid -> create_time of every process the hub started

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def api(self, method: str, path: str, **kwargs) -> requests.Response:
        headers = {"Authorization": f"token {self.token}"}
        return requests.request(method, f"{self.url}/hub/api{path}", headers=headers, timeout=60, **kwargs)

    def __enter__(self) -> "Hub":
        env = dict(os.environ)
        env["PATH"] = f"{Path(sys.executable).parent}{os.pathsep}{env.get('PATH', '')}"
        log = open(self.log_path, "wb")
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "jupyterhub", "-f", str(self.work / "jupyterhub_config.py")],
            cwd=self.work, env=env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True,
        )
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise RuntimeError(f"jupyterhub exited with {self.proc.returncode}; log: {self.log_path}")
            try:
                if self.api("GET", "/").ok:
                    return self
            except requests.ConnectionError:
                pass
            time.sleep(0.5)
        raise RuntimeError(f"jupyterhub did not answer within 120 s; log: {self.log_path}")

    def remember_children(self) -> list[psutil.Process]:
        """Every live descendant of the hub (servers, kernels, proxy), remembered for clean-up."""
        try:
            children = psutil.Process(self.proc.pid).children(recursive=True)
        except psutil.NoSuchProcess:
            return []
        for child in children:
            try:
                self.seen.setdefault(child.pid, child.create_time())
            except psutil.NoSuchProcess:
                pass
        return children

    def __exit__(self, *exc) -> None:
        self.remember_children()
        if self.proc and self.proc.poll() is None:
            self.proc.send_signal(signal.SIGTERM)  # the hub stops the servers and the proxy itself
            try:
                self.proc.wait(timeout=60)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait(timeout=10)
        for pid, created in self.seen.items():  # anything it left behind
            try:
                p = psutil.Process(pid)
                if p.create_time() == created:
                    p.kill()
            except psutil.NoSuchProcess:
                pass
        shutil.rmtree(self.work, ignore_errors=True)


def process_tree_cpu(pid: int) -> float:
    """CPU seconds (user + system) used so far by a process and its live descendants."""
    try:
        root = psutil.Process(pid)
        procs = [root, *root.children(recursive=True)]
    except psutil.NoSuchProcess:
        return 0.0
    total = 0.0
    for p in procs:
        try:
            t = p.cpu_times()
        except psutil.NoSuchProcess:
            continue
        total += t.user + t.system
    return total


def process_tree_memory(pid: int, split: dict | None = None) -> tuple[float, float, int]:
    """RSS and USS (MB) of a process and all its descendants, and the number of processes.

    With ``split`` (a dict), also fills ``split["root_rss_mb"]`` (the process itself, e.g. the
    Jupyter server) and ``split["children_rss_mb"]`` (its descendants, e.g. the kernel).
    """
    rss = uss = 0.0
    n = 0
    try:
        root = psutil.Process(pid)
        procs = [root, *root.children(recursive=True)]
    except psutil.NoSuchProcess:
        return 0.0, 0.0, 0
    for p in procs:
        try:
            info = p.memory_full_info()
        except (psutil.NoSuchProcess, psutil.AccessDenied):
            continue
        rss += info.rss / MB
        uss += info.uss / MB
        n += 1
        if split is not None:
            key = "root_rss_mb" if p.pid == pid else "children_rss_mb"
            split[key] = split.get(key, 0.0) + info.rss / MB
    return rss, uss, n


def server_pid(hub: Hub, name: str) -> int | None:
    """The pid of NAME's single-user server (a child of the hub with JUPYTERHUB_USER=NAME)."""
    for child in hub.remember_children():
        try:
            if child.environ().get("JUPYTERHUB_USER") == name and child.parent().pid == hub.proc.pid:
                return child.pid
        except (psutil.NoSuchProcess, psutil.AccessDenied):
            continue
    return None


class Sampler(threading.Thread):
    """Every 0.5 s: memory of the hub's whole process tree and the machine's CPU use."""

    def __init__(self, hub: Hub) -> None:
        super().__init__(daemon=True)
        self.hub, self.stop = hub, threading.Event()
        self.peak_rss = self.peak_uss = 0.0
        self.cpu: list[float] = []

    def run(self) -> None:
        psutil.cpu_percent(interval=None)
        while not self.stop.wait(0.5):
            rss, uss, _ = process_tree_memory(self.hub.proc.pid)
            self.peak_rss, self.peak_uss = max(self.peak_rss, rss), max(self.peak_uss, uss)
            self.cpu.append(psutil.cpu_percent(interval=None))


def code_cells(lesson: Path) -> list[str]:
    """The source of every non-empty code cell of a notebook, in order."""
    nb = json.loads(lesson.read_text(encoding="utf-8"))
    cells = ["".join(c["source"]) if isinstance(c["source"], list) else c["source"]
             for c in nb["cells"] if c["cell_type"] == "code"]
    return [c for c in cells if c.strip()]


def run_cells(ws_url: str, token: str, cells: list[str], cell_timeout: float) -> tuple[int, int]:
    """Execute CELLS in order over a kernel websocket; returns (cells run, cells that errored)."""
    ws = websocket.create_connection(ws_url, header=[f"Authorization: token {token}"], timeout=cell_timeout)
    session, errors = uuid.uuid4().hex, 0
    try:
        for code in cells:
            msg_id = uuid.uuid4().hex
            ws.send(json.dumps({
                "header": {"msg_id": msg_id, "username": "student", "session": session,
                           "msg_type": "execute_request", "version": "5.3",
                           "date": datetime.now(timezone.utc).isoformat()},
                "parent_header": {}, "metadata": {}, "buffers": [], "channel": "shell",
                "content": {"code": code, "silent": False, "store_history": True,
                            "user_expressions": {}, "allow_stdin": False, "stop_on_error": False},
            }))
            deadline = time.monotonic() + cell_timeout
            while True:
                if time.monotonic() > deadline:
                    raise TimeoutError(f"a cell took more than {cell_timeout} s")
                raw = ws.recv()
                if isinstance(raw, bytes):  # binary frames carry widget buffers: not a reply
                    continue
                msg = json.loads(raw)
                if (msg.get("channel") == "shell" and msg["header"]["msg_type"] == "execute_reply"
                        and msg["parent_header"].get("msg_id") == msg_id):
                    errors += msg["content"]["status"] != "ok"
                    break
    finally:
        ws.close()
    return len(cells), errors


def student(hub: Hub, name: str, cells: list[str], cell_timeout: float, result: dict, go: threading.Barrier) -> None:
    """One simulated student: start a server, start a kernel, run the lesson, record figures."""
    try:
        home = hub.work / "homes" / name
        (home / "notebooks").mkdir(parents=True, exist_ok=True)
        shutil.copy(hub.lesson, home / "notebooks" / hub.lesson.name)
        go.wait(timeout=120)
        t0 = time.monotonic()
        r = hub.api("POST", f"/users/{name}/server")
        if r.status_code not in (201, 202):
            raise RuntimeError(f"spawn {name}: HTTP {r.status_code} {r.text[:200]}")
        while True:
            model = hub.api("GET", f"/users/{name}").json()
            server = model.get("servers", {}).get("")
            if server and server.get("ready"):
                break
            if not model.get("pending") and not server:
                raise RuntimeError(f"the server of {name} stopped while starting")
            if time.monotonic() - t0 > 300:
                raise TimeoutError(f"the server of {name} was not ready after 300 s")
            time.sleep(0.25)
        result["spawn_s"] = time.monotonic() - t0
        base = f"127.0.0.1:{hub.port}/user/{name}"
        headers = {"Authorization": f"token {hub.token}"}
        t1 = time.monotonic()
        r = requests.post(f"http://{base}/api/kernels", json={"name": "python3", "path": "notebooks"},
                          headers=headers, timeout=120)
        r.raise_for_status()
        kernel = r.json()["id"]
        run, errors = run_cells(f"ws://{base}/api/kernels/{kernel}/channels", hub.token, cells, cell_timeout)
        result["lesson_s"] = time.monotonic() - t1  # kernel start + every cell
        result["cells"], result["cell_errors"] = run, errors
        pid = server_pid(hub, name)
        if pid is not None:
            split: dict = {}
            rss, uss, nproc = process_tree_memory(pid, split)
            result.update(server_pid=pid, rss_mb=rss, uss_mb=uss, processes=nproc,
                          server_rss_mb=split.get("root_rss_mb"), kernel_rss_mb=split.get("children_rss_mb"),
                          cpu_s=process_tree_cpu(pid))  # server start + kernel start + lesson
    except Exception as exc:  # recorded, and the round goes on
        result.setdefault("error", f"{type(exc).__name__}: {exc}")  # a time-out recorded first stays


def stop_servers(hub: Hub, names: list[str], timeout: float = 120) -> None:
    """Stop NAMES' servers and wait until the hub reports them stopped."""
    for name in names:
        hub.api("DELETE", f"/users/{name}/server")
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if not any(hub.api("GET", f"/users/{n}").json().get("servers") for n in names):
            return
        time.sleep(0.5)


def run_round(hub: Hub, n: int, cells: list[str], cell_timeout: float, deadline: float) -> dict:
    """One class of N students working at once; returns the round's figures.

    ``deadline`` (time.monotonic()): a student still working then is recorded as timed out and
    the round ends (the hub's shutdown stops their server and kernel).
    """
    names = [f"s{n:02d}x{i:02d}" for i in range(n)]
    hub.api("POST", "/users", json={"usernames": names}).raise_for_status()
    results: list[dict] = [{"name": name} for name in names]
    go = threading.Barrier(n + 1)
    sampler = Sampler(hub)
    threads = [threading.Thread(target=student, args=(hub, nm, cells, cell_timeout, res, go), daemon=True)
               for nm, res in zip(names, results)]
    for t in threads:
        t.start()
    load_before = os.getloadavg()
    go.wait(timeout=120)
    t0 = time.monotonic()
    sampler.start()
    for t in threads:
        t.join(timeout=max(0.1, deadline - time.monotonic()))
    wall = time.monotonic() - t0
    sampler.stop.set()
    sampler.join()
    for t, res in zip(threads, results):
        if t.is_alive() and "error" not in res:
            res["error"] = "TimeoutError: still working at the run's time limit (--max-minutes)"
    stop_servers(hub, names)
    ok = [r for r in results if "lesson_s" in r and "error" not in r]

    def stats(key: str) -> dict:
        values = [r[key] for r in ok if key in r]
        if not values:
            return {}
        return {"median": statistics.median(values), "max": max(values), "min": min(values)}

    return {
        "students": n,
        "completed": len(ok),
        "failed": [r for r in results if "error" in r],
        "cell_errors": sum(r.get("cell_errors", 0) for r in ok),
        "wall_s": wall,
        "spawn_s": stats("spawn_s"),
        "lesson_s": stats("lesson_s"),
        "rss_mb_per_student": stats("rss_mb"),
        "uss_mb_per_student": stats("uss_mb"),
        "cpu_s_per_student": stats("cpu_s"),
        "server_rss_mb": stats("server_rss_mb"),
        "kernel_rss_mb": stats("kernel_rss_mb"),
        "peak_tree_rss_mb": sampler.peak_rss,
        "peak_tree_uss_mb": sampler.peak_uss,
        "cpu_percent_mean": statistics.mean(sampler.cpu) if sampler.cpu else None,
        "cpu_percent_samples": len(sampler.cpu),
        "loadavg_before": load_before,
        "loadavg_after": os.getloadavg(),
        "students_detail": results,
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--students", type=int, nargs="+", default=[1, 5, 10, 20],
                        help="class sizes, one round each (default: 1 5 10 20)")
    parser.add_argument("--lesson", type=Path, default=DEFAULT_LESSON, help="the notebook every student runs")
    parser.add_argument("--proxy", help="path to configurable-http-proxy (default: .dev/node_modules/.bin, then PATH)")
    parser.add_argument("--cell-timeout", type=float, default=180.0, help="seconds one cell may take (default 180)")
    parser.add_argument("--max-minutes", type=float, default=20.0,
                        help="stop the whole run after this many minutes, finished or not (default 20)")
    parser.add_argument("--json", type=Path, help="write every figure to this JSON file")
    parser.add_argument("--hub-log", type=Path, help="keep JupyterHub's log in this file")
    args = parser.parse_args(argv)
    if any(n < 1 or n > MAX_STUDENTS for n in args.students):
        parser.error(f"--students: each size must be between 1 and {MAX_STUDENTS}")
    if not args.lesson.is_file():
        parser.error(f"--lesson {args.lesson}: no such notebook")
    proxy = find_proxy(args.proxy)
    if proxy is None:
        parser.error("configurable-http-proxy not found: npm install --prefix .dev configurable-http-proxy")
    cells = code_cells(args.lesson)
    import jupyterhub  # noqa: PLC0415 (only to record its version)

    report = {
        "date_utc": datetime.now(timezone.utc).isoformat(timespec="seconds"),
        "machine": {"cores": psutil.cpu_count(), "ram_gb": round(psutil.virtual_memory().total / 1024**3, 1),
                    "python": platform.python_version(), "jupyterhub": jupyterhub.__version__,
                    "uptime_at_start": subprocess.run(["uptime"], capture_output=True, text=True).stdout.strip()},
        "lesson": str(args.lesson.relative_to(ROOT) if args.lesson.is_relative_to(ROOT) else args.lesson),
        "code_cells": len(cells),
        "rounds": [],
    }
    deadline = time.monotonic() + args.max_minutes * 60
    with Hub(proxy, args.lesson.resolve(), args.hub_log) as hub:
        base_rss, base_uss, _ = process_tree_memory(hub.proc.pid)
        report["hub_and_proxy_rss_mb"], report["hub_and_proxy_uss_mb"] = base_rss, base_uss
        print(f"hub up at {hub.url}: hub+proxy {base_rss:.0f} MB RSS; lesson {report['lesson']} ({len(cells)} cells)")
        for n in args.students:
            if time.monotonic() > deadline:
                print(f"{n:>3} students: skipped, the run's time limit ({args.max_minutes} min) is reached")
                break
            rnd = run_round(hub, n, cells, args.cell_timeout, deadline)
            report["rounds"].append(rnd)
            print(f"{n:>3} students: {rnd['completed']}/{n} done, {rnd['cell_errors']} cell errors, "
                  f"spawn median {rnd['spawn_s'].get('median', float('nan')):.1f} s, "
                  f"lesson median {rnd['lesson_s'].get('median', float('nan')):.1f} s "
                  f"(max {rnd['lesson_s'].get('max', float('nan')):.1f}), "
                  f"per student {rnd['rss_mb_per_student'].get('median', float('nan')):.0f} MB RSS / "
                  f"{rnd['uss_mb_per_student'].get('median', float('nan')):.0f} MB USS, "
                  f"CPU {rnd['cpu_s_per_student'].get('median', float('nan')):.1f} s per student, "
                  f"peak tree {rnd['peak_tree_rss_mb']:.0f} MB RSS, machine CPU {rnd['cpu_percent_mean'] or 0:.0f}%")
            for failed in rnd["failed"]:
                print(f"    {failed['name']}: {failed['error']}")
    report["pids_started"] = sorted(hub.seen)
    report["uptime_at_end"] = subprocess.run(["uptime"], capture_output=True, text=True).stdout.strip()
    if args.json:
        args.json.write_text(json.dumps(report, indent=2) + "\n", encoding="utf-8")
    complete = len(report["rounds"]) == len(args.students)
    return 0 if complete and all(not r["failed"] for r in report["rounds"]) else 1


if __name__ == "__main__":
    sys.exit(main())
