"""The layout's import rules (docs/architecture.md), held by an AST walk over the package.

Every ``import`` and ``from … import`` in every module counts, including those inside functions
(lazy imports are still dependencies). A module may import only from the layers its folder is
allowed; the core folders may not import the terminal or chart libraries; and the module-level
imports form no circle.
"""

from __future__ import annotations

import ast
import itertools
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "breachcalc"

BASE = {"errors", "limits", "contract"}
"""Top-level modules every layer may use: the exception tree and the input limits."""
LOAD = {"breachcalc.input.loader", "breachcalc.input.checks"}
"""The two modules of ``input/`` that sit above the domain: loading a file runs the cross-field
checks, and those apply the domain's rules (a fine under its legal maximum, a rate for every
currency the figures pass through)."""
ALLOWED: dict[str, set[str]] = {
    "base": {"base"},
    "reference": {"base", "reference"},
    "input": {"base", "reference", "input"},
    "domain": {"base", "reference", "input", "domain"},
    "load": {"base", "reference", "input", "domain", "load"},
    "analysis": {"base", "reference", "input", "domain", "load", "analysis"},
    "render": {"base", "reference", "input", "domain", "load", "analysis", "render"},
    "api": {"base", "reference", "input", "domain", "load", "analysis", "render", "api"},
    "cli": {"base", "reference", "input", "domain", "load", "analysis", "render", "api", "cli"},
}
"""Which layers each layer may import (a layer is a folder, or a top-level module)."""

PRESENTATION = {"typer", "rich", "click", "matplotlib"}
NO_PRESENTATION = {"base", "reference", "input", "domain", "load", "analysis", "api"}
"""Layers that never import a terminal or chart library."""


def layer_of(module: str) -> str:
    """``breachcalc.domain.money`` → ``domain``; top-level helpers by name."""
    parts = module.split(".")
    if module in LOAD:
        return "load"
    if len(parts) == 1:
        return "api"  # the package itself: the front door
    head = parts[1]
    if head in BASE:
        return "base"
    if head in {"__main__"}:
        return "cli"
    return head


def module_name(path: Path) -> str:
    rel = path.relative_to(PACKAGE.parent).with_suffix("")
    parts = list(rel.parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def imports(path: Path, *, top_level_only: bool = False) -> list[tuple[str, int]]:
    """Every module ``path`` imports, with the line: ``(name, line)``."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    package = (
        module_name(path)
        if path.name == "__init__.py"
        else module_name(path)[: -len(path.stem) - 1]
    )
    nodes = tree.body if top_level_only else list(ast.walk(tree))
    found: list[tuple[str, int]] = []
    for node in nodes:
        if isinstance(node, ast.Import):
            found += [(alias.name, node.lineno) for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")[: len(package.split(".")) - node.level + 1]
                target = ".".join([*base, node.module] if node.module else base)
            else:
                target = node.module or ""
            found.append((target, node.lineno))
            # `from breachcalc import x` may name a module
            found += [
                (f"{target}.{a.name}", node.lineno) for a in node.names if target == "breachcalc"
            ]
    return found


def modules() -> list[Path]:
    return sorted(p for p in PACKAGE.rglob("*.py") if "__pycache__" not in p.parts)


def violations(files: list[Path]) -> list[str]:
    problems = []
    known = {module_name(p) for p in modules()}
    for path in files:
        mine = layer_of(module_name(path))
        for target, line in imports(path):
            where = f"{path.relative_to(PACKAGE.parent)}:{line}"
            top = target.split(".")[0]
            if top in PRESENTATION and mine in NO_PRESENTATION:
                problems.append(f"{where}: {mine}/ imports {target}")
            if top != "breachcalc" or target == "breachcalc":
                continue
            if target not in known:  # `from breachcalc import __version__` and the like
                continue
            theirs = layer_of(target)
            if theirs not in ALLOWED[mine]:
                problems.append(f"{where}: {mine}/ may not import {target} ({theirs}/)")
    return problems


def cycles() -> list[list[str]]:
    graph: dict[str, set[str]] = {}
    known = {module_name(p) for p in modules()}
    for path in modules():
        graph[module_name(path)] = {
            t
            for t, _ in imports(path, top_level_only=True)
            if t in known and t != module_name(path)
        }
    found, state = [], {}

    def visit(node: str, stack: list[str]) -> None:
        state[node] = "open"
        for nxt in sorted(graph[node]):
            if state.get(nxt) == "open":
                found.append([*stack[stack.index(nxt) :], nxt])
            elif nxt not in state:
                visit(nxt, [*stack, nxt])
        state[node] = "done"

    for node in sorted(graph):
        if node not in state:
            visit(node, [node])
    return [c for c in found if not _package_init_edge(c)]


def _package_init_edge(cycle: list[str]) -> bool:
    """``pkg/__init__`` re-exporting ``pkg.mod``, which imports ``pkg.other``: not a circle."""
    return any(b.startswith(a + ".") for a, b in itertools.pairwise(cycle))


def test_every_folder_is_a_known_layer():
    for path in modules():
        assert layer_of(module_name(path)) in ALLOWED, path


def test_layers_import_only_what_docs_architecture_allows():
    assert violations(modules()) == []


def test_no_module_level_import_circle():
    assert cycles() == []


@pytest.mark.parametrize(
    ("folder", "line", "expected"),
    [
        ("domain", "import rich", "domain/ imports rich"),
        ("input", "from typer import Exit", "input/ imports typer"),
        ("domain", "from breachcalc.cli import app", "domain/ may not import breachcalc.cli"),
        ("input", "from breachcalc.domain import money", "input/ may not import breachcalc.domain"),
        (
            "domain",
            "from breachcalc.input.loader import validate",
            "may not import breachcalc.input.loader",
        ),
        ("domain", "from breachcalc.render import json", "may not import breachcalc.render"),
        ("reference", "from breachcalc.domain import money", "may not import breachcalc.domain"),
        ("analysis", "import matplotlib.pyplot", "analysis/ imports matplotlib.pyplot"),
    ],
)
def test_the_rules_fail_on_a_forbidden_import(tmp_path, monkeypatch, folder, line, expected):
    """The check itself can fail: a planted import in a copy of a module is caught."""
    source = next((PACKAGE / folder).glob("*.py"))
    planted = PACKAGE / folder / "_planted_for_test.py"
    planted.write_text(source.read_text(encoding="utf-8") + f"\n{line}\n", encoding="utf-8")
    try:
        found = violations([planted])
    finally:
        planted.unlink()
    assert any(expected in p for p in found), found


def test_docs_architecture_names_every_layer():
    text = (PACKAGE.parent / "docs" / "architecture.md").read_text(encoding="utf-8")
    for layer in ALLOWED:
        if layer not in {"base", "api", "load"}:
            assert f"`{layer}/`" in text, layer
    for module in LOAD:
        assert f"`{module.removeprefix('breachcalc.').replace('.', '/')}.py`" in text, module


COMMAND_MODULES = sorted(
    p
    for p in (PACKAGE / "cli").glob("*.py")
    if p.stem not in {"__init__", "app", "common", "group"}
)


@pytest.mark.parametrize("path", COMMAND_MODULES, ids=[p.stem for p in COMMAND_MODULES])
def test_a_command_is_options_one_api_call_and_one_render_write(path):
    """A command module reaches the library through ``breachcalc.api`` only (and ``render``
    for its output); it never reaches into the core. ``init`` too: its questions and the
    file's bytes come from ``api.new_breach``."""
    found = {target for target, _line in imports(path)}
    core = sorted(t for t in found if t.split(".")[:2][-1] in {"domain", "analysis", "input"})
    assert core == [], core
    assert "breachcalc.api" in found


def test_the_front_door_reaches_render_only_for_json():
    """api.py returns results and leaves writing them to render; it reads render only for a
    result's JSON (``document``, ``to_json``) and the schemas (docs/architecture.md)."""
    found = {t for t, _line in imports(PACKAGE / "api.py") if t.startswith("breachcalc.render")}
    assert found == {
        "breachcalc.render.formats",
        "breachcalc.render.json",
        "breachcalc.render.schemas",
    }
