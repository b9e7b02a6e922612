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


# A test that starts the CLI, a script or a fresh interpreter: marked `slow`, so `-m "not slow"` leaves it out.
_SPAWNS = ("sys.executable", "serve.sh", "haproxy")


def unmarked_subprocess_tests(folder: Path) -> list[str]:
    """``file::test`` for every test that spawns the CLI, a script or a Python process (itself or through a helper of
    its module) without the ``slow`` mark (on the function or as the module's ``pytestmark``)."""
    import ast

    out = []
    for path in sorted(folder.glob("test_*.py")):
        source = path.read_text(encoding="utf-8")
        tree = ast.parse(source)
        module_slow = any(
            isinstance(node, ast.Assign) and any(getattr(t, "id", "") == "pytestmark" for t in node.targets) and "slow" in ast.unparse(node.value)
            for node in tree.body
        )  # fmt: skip
        functions = [node for node in tree.body if isinstance(node, ast.FunctionDef)]

        def spawns(fn: ast.FunctionDef) -> bool:
            text = ast.unparse(fn)
            return "subprocess" in text and any(key in text for key in _SPAWNS)

        helpers = {fn.name for fn in functions if not fn.name.startswith("test_") and spawns(fn)}
        for fn in functions:
            if not fn.name.startswith("test_"):
                continue
            calls = {node.func.id for node in ast.walk(fn) if isinstance(node, ast.Call) and isinstance(node.func, ast.Name)}
            marked = module_slow or any("mark.slow" in ast.unparse(d) for d in fn.decorator_list)
            if (spawns(fn) or calls & helpers) and not marked:
                out.append(f"{path.name}::{fn.name}")
    return out


def test_every_subprocess_test_is_marked_slow():
    for layer in ("unit", "app"):
        missing = unmarked_subprocess_tests(PROJECT_ROOT / "tests" / layer)
        assert not missing, f"mark these tests @pytest.mark.slow (they start a subprocess): {', '.join(missing)}"


def test_the_slow_check_sees_a_helper_that_spawns(tmp_path):
    interpreter = "sys." + "executable"  # split, so that this test's own source does not read as spawning
    (tmp_path / "test_x.py").write_text(
        "import subprocess, sys\n"
        f"def _cli():\n    return subprocess.run([{interpreter}, '-V'])\n"
        "def test_quick():\n    assert 1\n"
        "def test_via_helper():\n    _cli()\n"
        "@pytest.mark.slow\ndef test_marked():\n    _cli()\n",
        encoding="utf-8",
    )
    assert unmarked_subprocess_tests(tmp_path) == ["test_x.py::test_via_helper"]
