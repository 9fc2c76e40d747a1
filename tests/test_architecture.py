"""The window's layers, checked on the source: data flow one way (session -> views, user
actions -> commands -> session), so that a view can be rebuilt or replaced alone.

- ``gui/text`` and ``gui/draw`` are leaves; ``gui/state`` (the session and what it owns)
  has no widgets; a view (``gui/views``) imports no other view, no feature and not the app;
  features may compose views; only ``gui/app`` composes everything.
- No module reads another object's private attribute (``obj._x`` where obj is not self).
- Threads are made in one place: ``gui/state/worker.py``.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

GUI = Path(__file__).resolve().parents[1] / "gdstudio" / "gui"

# what each layer may import from gdstudio.gui (besides itself, where noted)
ALLOWED = {
    "text": {"text"},
    "draw": {"draw", "text"},
    "state": {"state", "text", "draw"},
    "views": {"draw", "text", "state"},
    "features": {"features", "views", "draw", "text", "state"},
    "app": {"app", "features", "views", "draw", "text", "state"},
}
# pyqtgraph's GLGraphicsItem has no public way to attach an item that a view paints outside
# its item list (the cached still layer): its own ``_setView`` is the documented-by-use way
THIRD_PARTY_PRIVATE = {"_setView"}
THREAD_NAMES = {"QThread", "QThreadPool", "moveToThread", "threading", "Thread"}
WORKER = GUI / "state" / "worker.py"


def sources() -> list[Path]:
    return sorted(p for p in GUI.rglob("*.py") if p.parent != GUI)


def gui_imports(tree: ast.AST) -> list[tuple[int, str]]:
    """(line, dotted module below gdstudio.gui) of every import, function-level included."""
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module:
            if node.module == "gdstudio.gui":
                found += [(node.lineno, a.name) for a in node.names]
            elif node.module.startswith("gdstudio.gui."):
                mod = node.module.removeprefix("gdstudio.gui.")
                found += [(node.lineno, f"{mod}.{a.name}") if "." not in mod else
                          (node.lineno, mod) for a in node.names]
        elif isinstance(node, ast.Import):
            found += [(node.lineno, a.name.removeprefix("gdstudio.gui.")) for a in node.names
                      if a.name.startswith("gdstudio.gui.")]
    return found


def layer_of(path: Path) -> str:
    return path.relative_to(GUI).parts[0]


def test_every_gui_module_lives_in_a_layer():
    stray = [p.name for p in GUI.glob("*.py") if p.name != "__init__.py"]
    assert not stray, f"modules outside gui/{{{', '.join(ALLOWED)}}}: {stray}"
    assert {p.name for p in GUI.iterdir() if p.is_dir() and p.name != "__pycache__"} \
        == set(ALLOWED)


@pytest.mark.parametrize("path", sources(), ids=lambda p: str(p.relative_to(GUI)))
def test_imports_follow_the_layers(path):
    layer = layer_of(path)
    me = ".".join(path.relative_to(GUI).with_suffix("").parts)
    bad = []
    for line, target in gui_imports(ast.parse(path.read_text())):
        other = target.split(".")[0]
        if other not in ALLOWED[layer]:
            bad.append(f"line {line}: {layer} imports {target}")
        elif layer == "views" and other == "views" and target != me:
            bad.append(f"line {line}: a view imports another view ({target})")
    assert not bad, f"{path.relative_to(GUI)}:\n" + "\n".join(bad)


def private_reads(tree: ast.AST) -> list[str]:
    """``obj._name`` where obj is not self, cls or super(): another object's private part."""
    found = []
    for node in ast.walk(tree):
        if not (isinstance(node, ast.Attribute) and node.attr.startswith("_")
                and not node.attr.startswith("__") and node.attr not in THIRD_PARTY_PRIVATE):
            continue
        v = node.value
        if isinstance(v, ast.Name) and v.id in ("self", "cls"):
            continue
        if isinstance(v, ast.Call) and isinstance(v.func, ast.Name) and v.func.id == "super":
            continue
        found.append(f"line {node.lineno}: {ast.unparse(node)}")
    return found


@pytest.mark.parametrize("path", sources(), ids=lambda p: str(p.relative_to(GUI)))
def test_no_module_reads_another_objects_private_attributes(path):
    bad = private_reads(ast.parse(path.read_text()))
    assert not bad, f"{path.relative_to(GUI)}:\n" + "\n".join(bad)


def test_the_checks_see_what_they_forbid():
    tree = ast.parse("from gdstudio.gui.views.plots_view import x\n"
                     "def f(w):\n    from gdstudio.gui import app\n    return w._secret\n")
    assert [t for _, t in gui_imports(tree)] == ["views.plots_view", "app"]
    assert private_reads(tree) == ["line 4: w._secret"]


def test_only_the_worker_module_makes_threads():
    bad = []
    for path in sources():
        if path == WORKER:
            continue
        for node in ast.walk(ast.parse(path.read_text())):
            name = (node.attr if isinstance(node, ast.Attribute) else
                    node.id if isinstance(node, ast.Name) else
                    node.names[0].name if isinstance(node, ast.Import) else None)
            if name in THREAD_NAMES:
                bad.append(f"{path.relative_to(GUI)}:{node.lineno}: {name}")
    assert not bad, "threads outside gui/state/worker.py:\n" + "\n".join(bad)
