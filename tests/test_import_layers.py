"""lvterm's modules import downwards only, and never in a circle.

Every `import` and `from ... import` under src/lvterm is read with `ast` (module level, inside
functions and classes, relative and absolute; `if TYPE_CHECKING:` imports too, a lower layer
should not even name an upper one's types). A package's `__init__` re-exporting its submodules
is an import like any other. Two rules:

- no cycles: a module never imports (directly or through others) a module that imports it;
- layers: a module imports its own layer and the layers below it, never one above (LAYERS).

`lvterm/__init__` is the public facade on top of everything: it may import anything, and no
module may import it.
"""
from __future__ import annotations

import ast
from functools import lru_cache
from pathlib import Path

SRC = Path(__file__).resolve().parents[1] / "src"
PACKAGE = "lvterm"

# Lowest first. A module is in the layer of the longest name listed that is it or a package
# above it ("terms.matcher" before "terms"); names are relative to `lvterm`.
LAYERS: tuple[tuple[str, ...], ...] = (
    ("errors", "constants", "models", "progress", "spacyload", "stdout"),
    ("textio", "fileio"),
    ("lang", "wordalign"),  # wordalign: IBM Model 1, shared by terms.pair and align.lexicon
    ("formats", "schema", "db", "inspectfile"),  # schema: the database's declared tables; db: its rows in
    # and out; inspectfile: the library's table counts and hash for Datasette
    ("segment", "align", "terms.matcher"),
    ("terms",),
    ("ingest", "localise", "library", "build", "buildcache", "buildcorpus", "builddict", "buildinfo", "buildrows", "buildunits",
     "prior", "parallel", "exports", "pairing"),
    ("serve", "datasette_plugin", "datasette_errors", "site"),  # site: what the Datasette plugin runs
    ("cli", "fastpath"),  # fastpath: a small `lvterm align` answered before click is imported
    ("__main__",),  # the `lvterm` command: the CLI, then the end of the process
)
FACADE_LAYER = len(LAYERS)  # `lvterm` itself: above everything


def module_files(src: Path = SRC) -> dict[str, Path]:
    """Dotted module name -> file, for every module of the package (`lvterm.align` for its __init__)."""
    out = {}
    for path in sorted((src / PACKAGE).rglob("*.py")):
        parts = path.relative_to(src).with_suffix("").parts
        out[".".join(parts[:-1] if parts[-1] == "__init__" else parts)] = path
    return out


def _deepest_module(name: str, modules) -> str | None:
    """`name` if it is a module, else the nearest package above it that is (None: not ours)."""
    while name:
        if name in modules:
            return name
        name = name.rpartition(".")[0]
    return None


def imports_of(name: str, source: str, modules, *, is_package: bool = False) -> dict[str, int]:
    """The package's modules that module `name` imports -> the line of its first such import."""
    package = name if is_package else name.rpartition(".")[0]
    found: dict[str, int] = {}

    def add(target: str | None, line: int) -> None:
        if target and target != name:
            found[target] = min(line, found.get(target, line))

    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            for alias in node.names:
                add(_deepest_module(alias.name, modules), node.lineno)
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")
                base = base[: len(base) - (node.level - 1)]
                base = ".".join(base + ([node.module] if node.module else []))
            else:
                base = node.module or ""
            if base != PACKAGE and not base.startswith(PACKAGE + "."):
                continue
            for alias in node.names:  # `from . import db` imports the module lvterm.db
                sub = f"{base}.{alias.name}"
                add(sub if sub in modules else _deepest_module(base, modules), node.lineno)
    return found


@lru_cache(maxsize=1)
def import_graph() -> dict[str, dict[str, int]]:
    """module -> {imported module -> line}, for the whole package."""
    files = module_files()
    return {name: imports_of(name, path.read_text(encoding="utf-8"), files,
                             is_package=path.name == "__init__.py")
            for name, path in files.items()}


def layer_of(module: str) -> int | None:
    """The index in LAYERS of a module (FACADE_LAYER for `lvterm` itself; None: not placed)."""
    if module == PACKAGE:
        return FACADE_LAYER
    rel = module[len(PACKAGE) + 1:]
    best: tuple[int, int] | None = None  # (length of the matching name, layer)
    for index, names in enumerate(LAYERS):
        for n in names:
            if (rel == n or rel.startswith(n + ".")) and (best is None or len(n) > best[0]):
                best = (len(n), index)
    return best[1] if best else None


def cycles(graph: dict[str, dict[str, int]]) -> list[list[str]]:
    """One import cycle (a path back to its start) per strongly connected group of modules."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    groups: list[list[str]] = []

    def visit(v: str) -> None:  # Tarjan's algorithm; the package is small enough to recurse
        index[v] = low[v] = len(index)
        stack.append(v)
        on_stack.add(v)
        for w in graph.get(v, {}):
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on_stack:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            group = []
            while True:
                w = stack.pop()
                on_stack.discard(w)
                group.append(w)
                if w == v:
                    break
            if len(group) > 1:
                groups.append(sorted(group))

    for v in sorted(graph):
        if v not in index:
            visit(v)
    return [_cycle_through(group, graph) for group in sorted(groups)]


def _cycle_through(group: list[str], graph) -> list[str]:
    """The shortest path from the group's first module back to itself, inside the group."""
    start, members = group[0], set(group)
    paths = {start: [start]}
    frontier = [start]
    while frontier:
        nxt = []
        for v in frontier:
            for w in sorted(graph[v]):
                if w == start:
                    return paths[v] + [start]
                if w in members and w not in paths:
                    paths[w] = paths[v] + [w]
                    nxt.append(w)
        frontier = nxt
    return group  # unreachable for a strongly connected group


def _where(module: str, line: int) -> str:
    return f"{module_files()[module].relative_to(SRC)}:{line}"


# --- the rules ------------------------------------------------------------------------------


def test_import_layers_every_module_has_a_layer():
    unplaced = [m for m in import_graph() if layer_of(m) is None]
    assert not unplaced, f"modules in no layer (add them to LAYERS in {Path(__file__).name}): {unplaced}"


def test_import_layers_no_cycles():
    graph = import_graph()
    found = [" -> ".join(c) + "  (" + ", ".join(_where(a, graph[a][b]) for a, b in zip(c, c[1:])) + ")"
             for c in cycles(graph)]
    assert not found, "import cycles:\n" + "\n".join(found)


def test_import_layers_nothing_imports_up_a_layer():
    up = []
    for module, targets in sorted(import_graph().items()):
        here = layer_of(module)
        if module == PACKAGE or here is None:
            continue
        for target, line in sorted(targets.items()):
            there = layer_of(target)
            if there is not None and there > here:
                up.append(f"{module} imports {target} (up a layer)  [{_where(module, line)}]")
    assert not up, "imports from a lower layer up:\n" + "\n".join(up)


# --- the walker itself ------------------------------------------------------------------------


def test_import_layers_walker_sees_every_kind_of_import():
    modules = {"lvterm", "lvterm.a", "lvterm.a.x", "lvterm.a.y", "lvterm.b", "lvterm.c", "lvterm.d"}
    source = (
        "from . import y\n"  # a sibling module
        "from .. import b\n"  # a module of the package above
        "from ..c import helper\n"  # a name from a module
        "import lvterm.d\n"  # absolute
        "import json\n"  # not ours
        "def f():\n"
        "    from lvterm import a\n"  # function level; `a` is the package lvterm.a
        "    from .. import name_in_init\n"  # a name of lvterm/__init__
    )
    assert imports_of("lvterm.a.x", source, modules) == {
        "lvterm.a.y": 1, "lvterm.b": 2, "lvterm.c": 3, "lvterm.d": 4, "lvterm.a": 7, "lvterm": 8}
    # in a package's __init__, `.` is the package itself
    assert imports_of("lvterm.a", "from .x import g\nfrom . import y\n", modules, is_package=True) == {
        "lvterm.a.x": 1, "lvterm.a.y": 2}


def test_import_layers_cycles_and_layers_are_found():
    graph = {"lvterm.a": {"lvterm.b": 1}, "lvterm.b": {"lvterm.c": 1}, "lvterm.c": {"lvterm.a": 1},
             "lvterm.d": {"lvterm.a": 1}}
    assert cycles(graph) == [["lvterm.a", "lvterm.b", "lvterm.c", "lvterm.a"]]
    assert layer_of("lvterm.db") < layer_of("lvterm.terms.matcher") < layer_of("lvterm.terms.store") < layer_of("lvterm.library")
    assert layer_of("lvterm.errors") == 0 and layer_of("lvterm") == FACADE_LAYER
    assert layer_of("lvterm.align.dp") == layer_of("lvterm.segment") == layer_of("lvterm.terms.matcher")
