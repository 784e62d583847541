"""The package's layers, read from its imports (docs/architecture.md): no circle, no way back up,
no lazy import, no module taking another's private names."""

import ast
import json
import subprocess
import sys
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[1] / "bp_helpers"

CORE, WORKED, ARTICLE, VIEWS, PANELS = range(5)
LAYER_NAMES = ("core", "worked example", "the article", "views", "panels")

# Every module and its layer. A module imports only from its own layer or the ones below it.
LAYERS = {
    # core: numbers, names and rules; no article, no drawing, no widgets
    "validation": CORE, "limits": CORE, "style": CORE, "formats": CORE, "functions": CORE, "names": CORE,
    "passes": CORE, "network": CORE, "training": CORE, "gradcheck": CORE, "xor": CORE, "variants": CORE,
    "learner_code": CORE, "checker": CORE,
    # a worked example of any network: steps, their formulas, the example
    "equations": WORKED, "templates": WORKED, "worked": WORKED,
    # the article: its network and numbers, its sections, the verdicts on them; other pages' examples
    "article": ARTICLE, "verdicts": ARTICLE, "steps": ARTICLE, "published": ARTICLE, "slices": ARTICLE,
    "experiments": ARTICLE, "explorer": ARTICLE, "exercises": ARTICLE, "__init__": ARTICLE,
    # views: what a reader sees (text, tables, figures), no widgets
    "display": VIEWS, "drawing": VIEWS, "diagrams": VIEWS, "chains": VIEWS, "plots": VIEWS, "rendering": VIEWS,
    "sections": VIEWS, "player": VIEWS,
    # panels: ipywidgets, and the notebooks' front door
    "widgets": PANELS, "player_panel": PANELS, "network_panel": PANELS, "experiment_panel": PANELS,
    "notebook": PANELS,
}

# Known exceptions, in modules another change is rewriting: (importer, imported module, name).
# Each entry goes when that change lands; test_known_exceptions_still_exist says when.
PRIVATE_IMPORTS_PENDING = {
    # the widgets split (panel base / section panel / explorer panel) makes these public panel parts
    ("experiment_panel", "widgets", "_figure_view"),
    ("experiment_panel", "widgets", "_rate_slider"),
}


def _module(path: Path) -> str:
    return path.stem


def _imports(tree: ast.Module, here: str) -> list[tuple[str, str, ast.AST]]:
    """(module of this package, name taken from it or '', node) for every import in ``tree``."""
    modules = {p.stem for p in PACKAGE.glob("*.py")}
    found: list[tuple[str, str, ast.AST]] = []
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom):
            inside = node.level == 1 or (node.level == 0 and (node.module or "").split(".")[0] == "bp_helpers")
            if not inside:
                continue
            target = (node.module or "").removeprefix("bp_helpers").lstrip(".") if node.level == 0 else node.module
            if not target:  # from . import names, style
                found += [(a.name, "", node) for a in node.names if a.name in modules]
            else:
                found += [(target.split(".")[0], a.name, node) for a in node.names]
        elif isinstance(node, ast.Import):
            found += [(a.name.split(".")[1], "", node) for a in node.names
                      if a.name.startswith("bp_helpers.") and a.name.split(".")[1] in modules]
    return found


def _trees() -> dict[str, ast.Module]:
    return {_module(p): ast.parse(p.read_text(), str(p)) for p in sorted(PACKAGE.glob("*.py"))}


TREES = _trees()
EDGES = {here: _imports(tree, here) for here, tree in TREES.items()}


def _private_uses(here: str, tree: ast.Module) -> set[tuple[str, str, str]]:
    """(here, module, name) for a private name imported from, or read off, another module of the package."""
    uses = {(here, module, name) for module, name, _ in EDGES[here]
            if name.startswith("_") and not name.startswith("__") and module != here}
    bound = {(a.asname or a.name): module for module, name, node in EDGES[here] if not name
             for a in getattr(node, "names", []) if a.name == module}
    for node in ast.walk(tree):
        if (isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name) and node.value.id in bound
                and node.attr.startswith("_") and not node.attr.startswith("__")):
            uses.add((here, bound[node.value.id], node.attr))
    return uses


def test_every_module_has_a_layer():
    assert set(TREES) == set(LAYERS), "give a new module its layer here and in docs/architecture.md"


def test_no_module_imports_from_a_layer_above_it():
    upward = [f"{here} ({LAYER_NAMES[LAYERS[here]]}) imports {module} ({LAYER_NAMES[LAYERS[module]]})"
              for here, edges in EDGES.items() for module, _, _ in edges if LAYERS[module] > LAYERS[here]]
    assert upward == []


def test_no_circle():
    graph = {here: sorted({module for module, _, _ in edges if module != here}) for here, edges in EDGES.items()}
    circles, state = [], {}

    def visit(node: str, path: list[str]) -> None:
        state[node] = "open"
        for nxt in graph[node]:
            if state.get(nxt) == "open":
                circles.append(path[path.index(nxt):] + [nxt])
            elif nxt not in state:
                visit(nxt, path + [nxt])
        state[node] = "done"

    for node in graph:
        if node not in state:
            visit(node, [node])
    assert circles == []


def test_no_lazy_import():
    lazy = []
    for here, tree in TREES.items():
        for function in ast.walk(tree):
            if isinstance(function, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
                lazy += [f"{here}.{function.name}, line {node.lineno}" for node in ast.walk(function)
                         if isinstance(node, (ast.Import, ast.ImportFrom))]
    assert lazy == []


def test_no_module_takes_another_modules_private_names():
    private = set().union(*(_private_uses(here, tree) for here, tree in TREES.items()))
    assert private - PRIVATE_IMPORTS_PENDING == set()


def test_known_exceptions_still_exist():
    private = set().union(*(_private_uses(here, tree) for here, tree in TREES.items()))
    assert PRIVATE_IMPORTS_PENDING - private == set(), "the change landed: delete these entries"


@pytest.mark.parametrize("case, found", [
    ("from .widgets import _rate_slider", {("x", "widgets", "_rate_slider")}),
    ("from . import widgets\nwidgets._figure_view(1)", {("x", "widgets", "_figure_view")}),
    ("from .names import parse", set()),
    ("from . import names\nnames.__doc__", set()),
])
def test_the_private_name_check_sees_both_forms(case, found, monkeypatch):
    tree = ast.parse(case)
    monkeypatch.setitem(EDGES, "x", _imports(tree, "x"))
    assert _private_uses("x", tree) == found


def test_the_layer_check_reads_every_form_of_import():
    tree = ast.parse("from . import names, style\nfrom .network import forward\nimport bp_helpers.worked\n"
                     "from bp_helpers.article import START\n\ndef f():\n    from .steps import SECTIONS\n")
    assert sorted((m, n) for m, n, _ in _imports(tree, "x")) == [
        ("article", "START"), ("names", ""), ("network", "forward"), ("steps", "SECTIONS"), ("style", ""),
        ("worked", "")]


# --- the page that describes the layers, and the notebooks' front door -----------------------------------

ARCHITECTURE = (PACKAGE.parent / "docs" / "architecture.md").read_text()


def test_the_architecture_page_puts_every_module_in_its_layer():
    table = {row.split("|")[1].strip(" *"): row.split("|")[2] for row in ARCHITECTURE.splitlines()
             if row.startswith("| **")}
    assert list(table) == list(LAYER_NAMES)
    for module, layer in LAYERS.items():
        shown = "bp_helpers/__init__" if module == "__init__" else module
        assert f"`{shown}`" in table[LAYER_NAMES[layer]], (module, LAYER_NAMES[layer])


def test_importing_the_package_leaves_out_plotting_and_widgets():
    code = "import sys, bp_helpers; print(sorted(m for m in ('matplotlib', 'ipywidgets', 'IPython') if m in sys.modules))"
    shown = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert shown.strip() == "[]"


def test_the_front_door_only_gathers_names_from_their_own_modules():
    body = TREES["notebook"].body
    imported = {a.asname or a.name for node in body if isinstance(node, ast.ImportFrom) and node.module != "__future__"
                for a in node.names}
    own = [node for node in body[1:] if not isinstance(node, ast.ImportFrom)]
    assert [ast.unparse(node).split(" =")[0] for node in own] == ["__all__"]  # nothing of its own but the list
    exported = ast.literal_eval(own[0].value)
    assert sorted(exported) == sorted(imported) and len(exported) == len(set(exported))
    # the panels that live in modules being rewritten, from where they are now
    assert {("widgets", "SectionPanel"), ("widgets", "TrainingExplorer"), ("player_panel", "StepPlayer"),
            ("exercises", "check")} <= {(m, n) for m, n, _ in EDGES["notebook"]}


NOTEBOOKS = sorted((PACKAGE.parent / "notebooks").glob("*.ipynb"))


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_notebooks_import_the_package_through_its_front_door(path):
    cells = [c for c in json.loads(path.read_text())["cells"] if c["cell_type"] == "code"]
    modules = set()
    for cell in cells:
        source = "".join(cell["source"])
        tree = ast.parse("\n".join(line for line in source.splitlines() if not line.startswith(("%", "!"))))
        for node in ast.walk(tree):
            if isinstance(node, ast.ImportFrom) and (node.module or "").startswith("bp_helpers"):
                modules.add(node.module)
            elif isinstance(node, ast.Import):
                modules |= {a.name for a in node.names if a.name.startswith("bp_helpers")}
    assert modules <= {"bp_helpers.notebook", "bp_helpers.exercises"}, path.name  # exercises: check(), their cells
