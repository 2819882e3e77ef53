"""Links an instructor hands to a class: an nbgitpuller link that opens lesson 00 on a JupyterHub.

    python -m iranus.classroom nbgitpuller-link --hub https://hub.example.edu \\
        --repo https://github.com/OWNER/iranus [--branch main] [--open notebooks/00_start_here.ipynb]

A student who clicks the link logs in to the hub; nbgitpuller (installed in the hub's user
image) clones the repository into their home folder on the first click, merges the instructor's
updates on later clicks without overwriting the student's own edits, then opens the lesson in
JupyterLab. See ``docs/teaching_a_class.md``.

The URL format is nbgitpuller's own (its documentation, "Options in an nbgitpuller URL", and the
link generator ``docs/_static/link_gen/link.js`` of jupyterhub/nbgitpuller):
``{hub}/hub/user-redirect/git-pull?repo=...&urlpath=...&branch=...``, each value form-encoded
as a browser's ``URLSearchParams`` does, with ``urlpath`` = ``lab/tree/{clone folder}/{file}``
and the clone folder named after the last part of the repository URL without ``.git``.
"""

from __future__ import annotations

import argparse
import sys
from urllib.parse import urlencode, urlsplit

__all__ = ["clone_folder", "nbgitpuller_link", "main"]

LESSON_00 = "notebooks/00_start_here.ipynb"


def clone_folder(repo: str) -> str:
    """The folder nbgitpuller clones ``repo`` into: the URL's last path part, less ``.git``.

    ``repo``: a git URL (``https://host/owner/name(.git)``). Returns ``name``.
    Raises ``ValueError`` naming the argument when no folder name can be read from it.
    """
    path = urlsplit(repo.strip()).path.rstrip("/")
    name = path.rsplit("/", 1)[-1]
    if name.endswith(".git"):
        name = name[: -len(".git")]
    if not name:
        raise ValueError(f"--repo {repo!r}: no repository name at the end of the URL")
    return name


def nbgitpuller_link(hub: str, repo: str, branch: str = "main", open_path: str = LESSON_00) -> str:
    """The nbgitpuller link that clones ``repo`` at ``branch`` and opens ``open_path`` in JupyterLab.

    ``hub``: the hub's public URL, ``http(s)://host[/prefix]`` (a trailing slash is optional).
    ``repo``: the git URL students pull from. ``branch``: the branch to pull (nbgitpuller's own
    default is ``master``, so it is always written out). ``open_path``: a file inside the
    repository, relative to its root. Returns the link as a string.
    Raises ``ValueError`` naming the argument for a hub that is not an http(s) URL, a hub URL
    with a query, an empty branch, or an absolute ``open_path``.
    """
    parts = urlsplit(hub.strip())
    if parts.scheme not in ("http", "https") or not parts.netloc:
        raise ValueError(f"--hub {hub!r}: expected the hub's URL, e.g. https://hub.example.edu")
    if parts.query or parts.fragment:
        raise ValueError(f"--hub {hub!r}: give the hub's base URL, without '?' or '#'")
    if not branch.strip():
        raise ValueError("--branch: give the branch to pull, e.g. main")
    if open_path.startswith("/"):
        raise ValueError(f"--open {open_path!r}: give a path inside the repository, e.g. {LESSON_00}")
    base = f"{parts.scheme}://{parts.netloc}{parts.path.rstrip('/')}/"
    query = urlencode(
        {
            "repo": repo.strip(),
            "urlpath": f"lab/tree/{clone_folder(repo)}/{open_path}",
            "branch": branch.strip(),
        }
    )
    return f"{base}hub/user-redirect/git-pull?{query}"


def main(argv: list[str] | None = None) -> int:
    """Command line: ``nbgitpuller-link`` prints the link. Returns the exit status (2: bad argument)."""
    parser = argparse.ArgumentParser(prog="python -m iranus.classroom", description=__doc__.split("\n")[0])
    sub = parser.add_subparsers(dest="command", required=True)
    link = sub.add_parser("nbgitpuller-link", help="print the nbgitpuller link that opens lesson 00 on a hub")
    link.add_argument("--hub", required=True, help="the hub's URL, e.g. https://hub.example.edu")
    link.add_argument("--repo", required=True, help="the course's git URL students pull from")
    link.add_argument("--branch", default="main", help="branch to pull (default: main)")
    link.add_argument("--open", dest="open_path", default=LESSON_00, help=f"file to open (default: {LESSON_00})")
    args = parser.parse_args(argv)
    try:
        print(nbgitpuller_link(args.hub, args.repo, args.branch, args.open_path))
    except ValueError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
