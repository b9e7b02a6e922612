"""Run the test suite on a copy of the repository whose shipped release is replaced by a stand-in we wrote.

Proves that no test outside tests/unit/test_shipped_data.py depends on the shipped release (issue 21): the copy holds
the files git knows (tracked and new, not ignored ones such as .venv), data/releases/ holds only the stand-in release
of tests/fixtures.py (other id, date, records and counts), and pytest runs there with the arguments given.

    python scripts/fixture_tree.py -m "not browser"               # shipped release replaced by the stand-in
    python scripts/fixture_tree.py --beside -m "not browser"      # shipped release kept, a newer stand-in added
    python scripts/fixture_tree.py --keep tests/unit/test_x.py    # keep the copy afterwards (its path is printed)

The copy sits in a temporary folder with ``../shared`` linked beside it, as beside the repository. Exit code: pytest's.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def copy_tree(target: Path) -> Path:
    """Copy the files git knows (tracked, and new files not ignored) into ``target``; return the copy's root."""
    listed = subprocess.run(
        ["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"], cwd=ROOT, check=True, capture_output=True
    ).stdout.decode()
    repo = target / "repo"
    for name in filter(None, listed.split("\0")):
        source = ROOT / name
        if source.is_file():
            (repo / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, repo / name)
    shared = ROOT.parent / "shared"
    if shared.is_dir():
        (target / "shared").symlink_to(shared, target_is_directory=True)
    return repo


def place_stand_in(repo: Path, beside: bool) -> Path:
    """Write the stand-in release into the copy's data/releases (after removing the shipped ones unless ``beside``)."""
    releases = repo / "data" / "releases"
    if not beside:
        for folder in [p for p in releases.iterdir() if p.is_dir()]:
            shutil.rmtree(folder)
    code = (
        "import sys; from pathlib import Path; from tests.fixtures import stand_in_release; print(stand_in_release(Path(sys.argv[1])).name)"
    )
    env = {**os.environ, "PYTHONPATH": str(repo)}
    done = subprocess.run([sys.executable, "-c", code, str(releases)], cwd=repo, env=env, check=True, capture_output=True, text=True)
    return releases / done.stdout.strip()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--beside", action="store_true", help="keep the shipped release and add the (newer) stand-in beside it")
    parser.add_argument("--keep", action="store_true", help="keep the copy afterwards")
    args, pytest_args = parser.parse_known_args(argv)
    target = Path(tempfile.mkdtemp(prefix="centralasia-fixture-tree-"))
    try:
        repo = copy_tree(target)
        stand_in = place_stand_in(repo, args.beside)
        # A git index of its own, so the tests that read `git ls-files` (no machine paths, …) run here too.
        subprocess.run(["git", "init", "-q"], cwd=repo, check=True)
        subprocess.run(["git", "add", "-A"], cwd=repo, check=True)
        shown = sorted(p.name for p in stand_in.parent.iterdir() if p.is_dir())
        print(f"fixture tree: {repo}\nreleases: {', '.join(shown)}", flush=True)
        env = {k: v for k, v in os.environ.items() if not k.startswith("CENTRALASIA_RELEASES")}
        env["PYTHONPATH"] = str(repo)
        command = [sys.executable, "-m", "pytest", "-p", "no:cacheprovider", *pytest_args]
        return subprocess.run(command, cwd=repo, env=env).returncode
    finally:
        if args.keep:
            print(f"kept: {target}")
        else:
            shutil.rmtree(target, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
