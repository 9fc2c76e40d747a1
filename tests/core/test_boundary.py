"""The core and the headless CLI never load the GUI stack."""

import ast
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
GUI_MODULES = ("PySide6", "PyQt5", "PyQt6", "pyqtgraph", "OpenGL", "superqt")

PROBE = """
import sys, io, contextlib
import gdstudio.core.formula, gdstudio.core.surfaces, gdstudio.core.optimizers
import gdstudio.core.schedules, gdstudio.core.scene, gdstudio.core.runner, gdstudio.core.export
import gdstudio.core.analysis, gdstudio.core.landscape
import gdstudio.core.lessons
from gdstudio.cli import main
with contextlib.redirect_stdout(io.StringIO()):
    assert main(["surfaces", "--json"]) == 0
    assert main(["lessons"]) == 0
    assert main(["lessons", "--json"]) == 0
    assert main(["check", sys.argv[1]]) == 0
    assert main(["run", sys.argv[1], "--steps", "3"]) == 0
loaded = sorted(m for m in sys.modules if m.split(".")[0] in {names!r})
print(",".join(loaded))
"""


def test_core_and_headless_cli_import_no_gui_modules():
    scene = ROOT / "resources" / "scenes" / "default.toml"
    out = subprocess.run(
        [sys.executable, "-c", PROBE.format(names=set(GUI_MODULES)), str(scene)],
        capture_output=True, text=True, timeout=120,
    )
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip() == "", f"headless code loaded GUI modules: {out.stdout}"


@pytest.mark.parametrize("path", sorted((ROOT / "gdstudio" / "core").glob("*.py")),
                         ids=lambda p: p.name)
def test_core_sources_do_not_mention_gui_imports(path):
    text = path.read_text(encoding="utf-8")
    for name in GUI_MODULES:
        assert f"import {name}" not in text and f"from {name}" not in text, (path, name)


def _core_imports(path: Path, modules: set[str]) -> set[str]:
    """The modules of gdstudio.core that ``path`` imports anywhere in it (at the top, in
    a function, under TYPE_CHECKING), whether written absolute or relative."""
    out: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names = [a.name for a in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                base = "gdstudio.core" + ("." + base if base else "")
            names = [base] + [f"{base}.{a.name}" for a in node.names]
        else:
            continue
        for name in names:
            parts = name.split(".")
            if parts[:2] == ["gdstudio", "core"] and len(parts) > 2 and parts[2] in modules:
                out.add(parts[2])
    out.discard(path.stem)
    return out


def _cycle(graph: dict[str, set[str]]) -> list[str] | None:
    """One import cycle of ``graph`` as the list of modules around it, or None."""
    state: dict[str, int] = {}
    path: list[str] = []

    def visit(node: str) -> list[str] | None:
        state[node] = 1
        path.append(node)
        for dep in sorted(graph[node]):
            if state.get(dep) == 1:
                return path[path.index(dep):] + [dep]
            if dep not in state:
                found = visit(dep)
                if found:
                    return found
        path.pop()
        state[node] = 2
        return None

    for node in sorted(graph):
        if node not in state:
            found = visit(node)
            if found:
                return found
    return None


def test_core_modules_import_each_other_without_a_cycle():
    core = ROOT / "gdstudio" / "core"
    files = {p.stem: p for p in core.glob("*.py")}
    graph = {name: _core_imports(p, set(files)) for name, p in files.items()}
    assert graph["scene"] and graph["lessons"], "the import parser found nothing"
    cycle = _cycle(graph)
    assert cycle is None, "gdstudio.core import cycle: " + " -> ".join(cycle)


def test_the_cycle_finder_sees_cycles_of_any_length():
    assert _cycle({"a": {"b"}, "b": {"c"}, "c": {"a"}}) == ["a", "b", "c", "a"]
    assert _cycle({"a": {"b"}, "b": {"a"}}) == ["a", "b", "a"]
    assert _cycle({"a": {"b"}, "b": {"c"}, "c": set()}) is None
