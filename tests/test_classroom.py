"""nbgitpuller links (iranus.classroom): nbgitpuller's documented URL format, checked by value."""

from __future__ import annotations

import subprocess
import sys

import pytest

from iranus.classroom import clone_folder, main, nbgitpuller_link

# What nbgitpuller's own link generator (docs/_static/link_gen/link.js, generateRegularUrl:
# URL.searchParams for repo, urlpath, branch, then pathname += "hub/user-redirect/git-pull")
# prints for these inputs; computed with Node's URL, the browser's algorithm.
LESSON_00_LINK = (
    "https://hub.example.edu/hub/user-redirect/git-pull"
    "?repo=https%3A%2F%2Fgithub.com%2Fexample-org%2Firanus.git"
    "&urlpath=lab%2Ftree%2Firanus%2Fnotebooks%2F00_start_here.ipynb"
    "&branch=main"
)
PREFIXED_HUB_LINK = (
    "https://uni.example.edu/jupyter/hub/user-redirect/git-pull"
    "?repo=https%3A%2F%2Fgit.example.edu%2Fteach%2Firanus-course"
    "&urlpath=lab%2Ftree%2Firanus-course%2Fnotebooks%2F03_israels_role.ipynb"
    "&branch=spring+2027"
)


def test_lesson_00_link() -> None:
    assert nbgitpuller_link("https://hub.example.edu", "https://github.com/example-org/iranus.git") == LESSON_00_LINK
    # a trailing slash on the hub changes nothing
    assert nbgitpuller_link("https://hub.example.edu/", "https://github.com/example-org/iranus.git") == LESSON_00_LINK


def test_hub_under_a_prefix_other_branch_and_lesson() -> None:
    link = nbgitpuller_link("https://uni.example.edu/jupyter", "https://git.example.edu/teach/iranus-course",
                            branch="spring 2027", open_path="notebooks/03_israels_role.ipynb")
    assert link == PREFIXED_HUB_LINK


def test_clone_folder_is_the_repository_name() -> None:
    assert clone_folder("https://github.com/example-org/iranus.git") == "iranus"
    assert clone_folder("https://git.example.edu/teach/iranus-course/") == "iranus-course"
    with pytest.raises(ValueError, match="--repo"):
        clone_folder("https://github.com/")


@pytest.mark.parametrize(
    ("kwargs", "names"),
    [
        ({"hub": "hub.example.edu"}, "--hub"),
        ({"hub": "https://hub.example.edu/?next=x"}, "--hub"),
        ({"branch": " "}, "--branch"),
        ({"open_path": "/home/jovyan/x.ipynb"}, "--open"),
    ],
)
def test_bad_arguments_are_named(kwargs: dict, names: str) -> None:
    args = {"hub": "https://hub.example.edu", "repo": "https://github.com/example-org/iranus.git", **kwargs}
    with pytest.raises(ValueError, match=names):
        nbgitpuller_link(**args)


def test_command_line_prints_the_link(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["nbgitpuller-link", "--hub", "https://hub.example.edu",
                 "--repo", "https://github.com/example-org/iranus.git"]) == 0
    assert capsys.readouterr().out.strip() == LESSON_00_LINK
    assert main(["nbgitpuller-link", "--hub", "hub.example.edu", "--repo", "https://github.com/o/iranus"]) == 2
    assert "error: --hub 'hub.example.edu'" in capsys.readouterr().err


def test_module_runs_as_a_command() -> None:
    out = subprocess.run(
        [sys.executable, "-m", "iranus.classroom", "nbgitpuller-link", "--hub", "https://uni.example.edu/jupyter",
         "--repo", "https://git.example.edu/teach/iranus-course", "--branch", "spring 2027",
         "--open", "notebooks/03_israels_role.ipynb"],
        capture_output=True, text=True, check=True,
    )
    assert out.stdout.strip() == PREFIXED_HUB_LINK
