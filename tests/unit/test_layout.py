"""The package's layout: no module of ``centralasia/`` grows past the size one reader can hold (issue 21)."""

from __future__ import annotations

from pathlib import Path

from centralasia.settings import PROJECT_ROOT

MAX_MODULE_LINES = 600


def oversized(root: Path, limit: int = MAX_MODULE_LINES) -> list[str]:
    """``"path: N lines"`` for every Python module under ``root`` longer than ``limit`` lines, path relative to root's parent."""
    out = []
    for path in sorted(root.rglob("*.py")):
        lines = len(path.read_text(encoding="utf-8").splitlines())
        if lines > limit:
            out.append(f"{path.relative_to(root.parent).as_posix()}: {lines} lines")
    return out


def test_no_module_is_over_600_lines():
    too_long = oversized(PROJECT_ROOT / "centralasia")
    assert not too_long, f"split these modules by job (at most {MAX_MODULE_LINES} lines each): " + "; ".join(too_long)


def test_the_size_check_names_the_module_and_its_length(tmp_path):
    package = tmp_path / "pkg"
    (package / "room").mkdir(parents=True)
    (package / "small.py").write_text("x = 1\n" * MAX_MODULE_LINES, encoding="utf-8")
    (package / "room" / "big.py").write_text("x = 1\n" * (MAX_MODULE_LINES + 1), encoding="utf-8")
    assert oversized(package) == [f"pkg/room/big.py: {MAX_MODULE_LINES + 1} lines"]
