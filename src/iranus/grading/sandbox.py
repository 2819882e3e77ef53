"""Run one submission's grading inside a bubblewrap sandbox.

Submissions are untrusted code: otter runs every cell of a student's notebook in a Jupyter kernel.
Each submission is graded by ``python -m iranus.grading _inside`` started under bubblewrap
(``bwrap``, Debian package ``bubblewrap``, the sandbox Flatpak uses), so that the student's code:

- has **no network** (``--unshare-all``: new network, PID, IPC, UTS, cgroup namespaces; only a
  loopback for the kernel's own sockets);
- sees a **read-only** view of the system and of the Python environment (``/usr``, ``/etc``, the
  venv, the iranus package and its data) and nothing else: not the submissions folder, not the
  other submissions, not the build folder with the autograder zips, not the masters, not the
  instructor's home or checkout;
- gets **its own copy** of its submission and of its assignment's autograder, copied from file
  descriptors into the sandbox's private ``/tmp`` (a tmpfs, so nothing is left on disk even when
  the run is killed), with a private home inside it;
- runs under **limits**: address space (``--memory``), CPU seconds, open files, file size and
  processes (``prlimit``), and a wall-clock limit enforced from outside (the whole sandbox is
  killed: ``--die-with-parent`` and the PID namespace take every process down with it);
- when the grader runs as root, drops to the unprivileged user ``nobody`` inside the sandbox
  (``setpriv``), so that the process limit applies and no capability is left.

Where bubblewrap is missing or cannot create its namespaces, :func:`check_sandbox` says why and
grading refuses unless the instructor passes ``--unsafe`` (reported in every row of the CSV and at
the top of the report).
"""

from __future__ import annotations

import dataclasses
import json
import os
import shutil
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

#: Where bubblewrap is looked for (Debian's package installs it here).
BWRAP = "bwrap"
#: Inside the sandbox: the grading folder (on the private tmpfs) and the private home.
INSIDE_DIR = "/tmp/grading"
INSIDE_HOME = "/tmp/home"
NOBODY = 65534

HOW_TO_FIX = (
    "install bubblewrap (Debian/Ubuntu: sudo apt-get install bubblewrap) on a system that allows "
    "user namespaces, or grade in a throwaway virtual machine and pass --unsafe (every row and the "
    "report will say that the submissions ran unsandboxed)"
)


@dataclasses.dataclass(frozen=True)
class Limits:
    """Resource limits for one submission.

    Attributes:
        wall: seconds of wall-clock time for the whole grading of the file (otter and kernel).
        cpu: CPU seconds per process (RLIMIT_CPU).
        memory: bytes of address space per process (RLIMIT_AS); an allocation above it raises
            MemoryError in the student's code.
        processes: processes and threads of the sandbox's user (RLIMIT_NPROC; enforced when the
            sandbox runs as ``nobody``, i.e. when grading as root, or for an ordinary user).
        file_size: largest file the submission may write (RLIMIT_FSIZE), bytes.
        open_files: file descriptors per process (RLIMIT_NOFILE).
    """

    wall: float = 300.0
    cpu: int = 300
    memory: int = 1536 * 2**20
    processes: int = 256
    file_size: int = 64 * 2**20
    open_files: int = 1024


@dataclasses.dataclass
class SandboxRun:
    """What came back from one sandboxed run.

    Attributes:
        code: exit code; None after the wall-clock limit (the sandbox was killed).
        result: the JSON result the grader wrote on its private channel, or None.
        last_cell: first line of the cell that was running last (the one that hung after a
            timeout), or "".
        output: the last lines of otter's output (stdout and stderr).
        seconds: wall-clock time.
    """

    code: int | None
    result: dict | None
    last_cell: str
    output: str
    seconds: float


def bwrap_path() -> str | None:
    """The ``bwrap`` executable, or None when bubblewrap is not installed."""
    return shutil.which(BWRAP)


def check_sandbox() -> str:
    """Why the sandbox cannot run here ("" when it can).

    Starts ``bwrap`` once with the namespaces grading uses and runs ``true`` inside.
    """
    exe = bwrap_path()
    if exe is None:
        return "bubblewrap (bwrap) is not installed"
    cmd = [exe, "--unshare-all", "--die-with-parent", "--ro-bind", "/", "/", "--proc", "/proc", "--dev", "/dev", "true"]
    try:
        run = subprocess.run(cmd, capture_output=True, text=True, timeout=30)
    except (OSError, subprocess.TimeoutExpired) as exc:
        return f"bwrap could not start: {exc}"
    if run.returncode != 0:
        return f"bwrap could not create its namespaces: {run.stderr.strip() or run.returncode}"
    return ""


def _ro_paths() -> list[str]:
    """The read-only parts of the host the grader needs: the system and the Python environment."""
    import iranus

    paths = ["/usr", "/etc", "/bin", "/sbin", "/lib", "/lib32", "/lib64"]
    paths += [sys.prefix, sys.base_prefix, sys.exec_prefix, os.path.dirname(os.path.realpath(sys.executable))]
    paths.append(str(Path(iranus.__file__).resolve().parent))  # an editable install lives in a checkout
    try:
        paths.append(str(Path(iranus.default_data_dir()).resolve()))
    except Exception:  # noqa: BLE001 - no data folder found: the package's own copy is already bound
        pass
    for entry in sys.path:  # site-packages, and the src/ of an editable install
        if entry and os.path.isdir(entry) and "site-packages" in entry:
            paths.append(entry)
    out: list[str] = []
    for p in paths:
        p = os.path.realpath(p) if not p.startswith(("/bin", "/sbin", "/lib")) else p
        if p and os.path.exists(p) and p not in out:
            out.append(p)
    return out


def _user_threads() -> int:
    """Threads the current user runs now (RLIMIT_NPROC counts them all, sandbox or not)."""
    uid, n = os.getuid(), 0
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                with open(f"/proc/{entry}/status", encoding="ascii", errors="replace") as fh:
                    status = fh.read()
            except OSError:
                continue
            fields = dict(line.split(":", 1) for line in status.splitlines() if ":" in line)
            if fields.get("Uid", "").split()[:1] == [str(uid)]:
                n += int(fields.get("Threads", "1").strip() or 1)
    return n


def _forbidden_ok(paths: list[str], forbidden: list[Path]) -> list[str]:
    """Drop a bound path that would expose a forbidden folder (say, a venv that holds the build folder)."""
    kept = []
    for p in paths:
        if p in ("/usr", "/etc") or not any(Path(f).resolve().is_relative_to(p) for f in forbidden):
            kept.append(p)
    return kept


def command(files: dict[str, int], argv: list[str], limits: Limits, forbidden: list[Path] = (), uid: int = NOBODY) -> list[str]:
    """The bwrap command line that runs ``argv`` (a Python module call) in the sandbox.

    Args:
        files: name inside ``INSIDE_DIR`` -> an open file descriptor to copy there.
        argv: arguments after ``python -m``.
        limits: resource limits.
        forbidden: folders that must not be visible (checked: a read-only path containing one is
            not bound).
        uid: the unprivileged user id to run as when grading as root (one per parallel job, so
            that one submission's fork bomb does not eat another's process limit).

    Returns:
        The command (a list for :func:`subprocess.Popen`, with ``pass_fds`` = the descriptors).
    """
    exe = bwrap_path() or BWRAP
    if os.geteuid() == 0:  # every namespace but the user one: setpriv below drops to a real unprivileged uid
        spaces = ["--unshare-ipc", "--unshare-pid", "--unshare-net", "--unshare-uts", "--unshare-cgroup-try"]
    else:
        spaces = ["--unshare-all"]
    cmd = [exe, *spaces, "--die-with-parent", "--new-session", "--clearenv"]
    # the private /tmp first: an environment or checkout under /tmp (a `mktemp -d` clone) is bound on top
    # of it below; mounted after, the tmpfs would hide them
    cmd += ["--tmpfs", "/tmp"]
    bound = _forbidden_ok(_ro_paths(), list(forbidden))
    parents: list[str] = []  # folders bwrap would create as 0700 (as root): make them traversable
    for p in bound:
        for a in reversed(Path(p).parents):
            a = str(a)
            if a not in ("/", "/tmp") and a not in parents and not any(Path(a).is_relative_to(b) for b in bound):
                parents.append(a)
    for a in parents:
        cmd += ["--perms", "0755", "--dir", a]
    for p in bound:
        cmd += ["--ro-bind", p, p]
    cmd += ["--proc", "/proc", "--dev", "/dev", "--dir", INSIDE_HOME, "--dir", INSIDE_DIR]
    for name, fd in files.items():
        cmd += ["--perms", "0644", "--file", str(fd), f"{INSIDE_DIR}/{name}"]
    if os.geteuid() == 0:
        cmd += ["--chmod", "0777", INSIDE_DIR, "--chmod", "0777", INSIDE_HOME, "--chmod", "1777", "/tmp"]
    env = {
        "PATH": f"{os.path.dirname(sys.executable)}:/usr/local/bin:/usr/bin:/bin",
        "HOME": INSIDE_HOME,
        "LANG": "C.UTF-8",
        "TMPDIR": "/tmp",
        "PYTHONDONTWRITEBYTECODE": "1",
        "PYTHONNOUSERSITE": "1",
        "MPLCONFIGDIR": f"{INSIDE_HOME}/.mpl",
        "OPENBLAS_NUM_THREADS": "1",
        "OMP_NUM_THREADS": "1",
        "MALLOC_ARENA_MAX": "2",
        "JUPYTER_PLATFORM_DIRS": "1",
    }
    if os.environ.get("VIRTUAL_ENV"):
        env["VIRTUAL_ENV"] = sys.prefix
    for k, v in env.items():
        cmd += ["--setenv", k, v]
    cmd += ["--chdir", INSIDE_DIR, "--"]
    if os.geteuid() == 0:  # drop root: the process limit binds only an unprivileged user
        cmd += ["setpriv", f"--reuid={uid}", f"--regid={uid}", "--clear-groups", "--inh-caps=-all",
                "--bounding-set=-all", "--no-new-privs"]
    # as root the sandbox runs as its own uid: the limit is its own; otherwise the limit counts every
    # process of the instructor's user too, so it is set above what already runs
    nproc = limits.processes if os.geteuid() == 0 else _user_threads() + limits.processes
    cmd += [
        "prlimit",
        f"--as={limits.memory}",
        f"--cpu={limits.cpu}",
        f"--nproc={nproc}",
        f"--fsize={limits.file_size}",
        f"--nofile={limits.open_files}",
        "--core=0",
        "--",
        sys.executable,
        "-m",
        *argv,
    ]
    return cmd


def run(
    files: dict[str, bytes],
    argv: list[str],
    limits: Limits,
    unsafe: bool = False,
    forbidden: list[Path] = (),
    uid: int = NOBODY,
) -> SandboxRun:
    """Run ``python -m <argv>`` on private copies of ``files``, sandboxed unless ``unsafe``.

    The child writes JSON lines on a private pipe (its descriptor number is appended to ``argv``
    as ``--channel N``): ``{"cell": "<first line>"}`` before each cell, ``{"result": {...}}`` at
    the end. Nothing is written to the host's disk: the files travel through memory descriptors
    (sandboxed) or a temporary folder removed on exit, also on SIGTERM/SIGINT (``unsafe``).

    Args:
        files: file name -> content, placed in the grading folder.
        argv: module and arguments for ``python -m``.
        limits: resource and time limits.
        unsafe: run without the sandbox (only time limit and process group), for a machine
            without bubblewrap; the caller reports it.
        forbidden: folders the sandbox must not show.
        uid: see :func:`command`.

    Returns:
        :class:`SandboxRun`.
    """
    read_end, write_end = os.pipe()
    fds: dict[str, int] = {}
    tmp = None
    handed = False
    try:
        if unsafe:
            import tempfile

            tmp = tempfile.TemporaryDirectory(prefix="iranus-unsafe-")
            for name, data in files.items():
                Path(tmp.name, name).write_bytes(data)
            cmd = [sys.executable, "-m", *argv]
            cwd = tmp.name
        else:
            for name, data in files.items():
                fd = os.memfd_create(name)
                os.write(fd, data)
                os.lseek(fd, 0, os.SEEK_SET)
                fds[name] = fd
            cmd = command(fds, argv, limits, forbidden, uid)
            cwd = "/"
        cmd += ["--channel", str(write_end)]
        handed = True  # _supervise closes write_end (exactly once: fd numbers are reused by other threads)
        return _supervise(cmd, cwd, [write_end, *fds.values()], read_end, write_end, limits.wall)
    finally:
        for fd in fds.values():
            os.close(fd)
        os.close(read_end)
        if not handed:
            os.close(write_end)
        if tmp is not None:
            tmp.cleanup()


def _supervise(cmd, cwd, pass_fds, read_end, write_end, wall) -> SandboxRun:
    start = time.perf_counter()
    try:
        proc = subprocess.Popen(
            cmd, cwd=cwd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, pass_fds=pass_fds, start_new_session=True
        )
    finally:
        os.close(write_end)
    state = {"cell": "", "result": None}

    def reader():
        with os.fdopen(read_end, "r", encoding="utf-8", errors="replace", closefd=False) as fh:
            for line in fh:
                try:
                    msg = json.loads(line)
                except ValueError:
                    continue
                if isinstance(msg, dict) and "cell" in msg:
                    state["cell"] = str(msg["cell"])
                elif isinstance(msg, dict) and "result" in msg:
                    state["result"] = msg["result"]

    out_lines: list[str] = []

    def drain():
        for line in proc.stdout:
            out_lines.append(line.decode("utf-8", "replace"))
            del out_lines[:-80]

    threads = [threading.Thread(target=reader, daemon=True), threading.Thread(target=drain, daemon=True)]
    for t in threads:
        t.start()
    try:
        code = proc.wait(timeout=wall)
    except subprocess.TimeoutExpired:
        code = None
    finally:
        if proc.poll() is None or code is None:
            try:
                os.killpg(proc.pid, signal.SIGKILL)
            except ProcessLookupError:
                pass
            proc.wait()
    for t in threads:  # everything in the sandbox is dead by now; unsafe mode may leave a daemon
        t.join(timeout=10)
    return SandboxRun(code, state["result"], state["cell"], "".join(out_lines), time.perf_counter() - start)
