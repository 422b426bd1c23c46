"""Imports point one way, and no module imports itself round a circle.

The floors, lowest first (a package may import its own floor's modules of
the same package, and any package on a lower floor)::

    ent_portfolio, errors, i18n, resources, jobs   the base: messages, errors, progress protocol
    domain, privacy                                 records, vocabularies, values, consent rules
    storage, typeset                                the portfolio folder and database; Thai text
    media, signing                                  photos and documents; signing keys and signatures
    archive, readiness                              .entp archives; the promotion-readiness rules
    dossier                                         the PDF and the evidence package
    office                                          Word and Excel files: the write-up, the numbers, sheets read in
    services, review                                what a lecturer can do: the only door for ui/cli; a
                                                    reviewer's reading and assessment of a package
    demo                                            the demo portfolio, made through the services
    cli, ui                                         the command line and the windows (cli may start ui)

Every module's imports are read with ``ast`` (imports inside functions
included, relative imports resolved), so a lazy import cannot hide a climb
or a circle.  Run alone with ``python -m pytest tests/unit/test_layers.py``."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

import ent_portfolio

ROOT = Path(ent_portfolio.__file__).parent
UPPER_FLOORS = ("ent_portfolio.services", "ent_portfolio.ui", "ent_portfolio.cli")
FLOORS: dict[str, int] = {
    "": 0, "__init__": 0, "__version__": 0, "errors": 0, "i18n": 0, "resources": 0, "jobs": 0, "lazy_names": 0,
    "__main__": 10,
    "domain": 1, "privacy": 1,
    "storage": 2, "typeset": 2,
    "media": 3, "signing": 3,
    "archive": 4, "readiness": 4,
    "dossier": 5,
    "office": 6,
    "services": 7, "review": 7, "faculty": 7,
    "demo": 8,
    "cli": 9, "ui": 9,
}


def _module_name(path: Path) -> str:
    parts = path.relative_to(ROOT.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def imported_modules(source: str, module: str, is_package: bool = False) -> set[str]:
    """Every module ``source`` (the text of ``module``) imports, anywhere in
    the file, as absolute names."""
    package = module if is_package else module.rpartition(".")[0]
    found: set[str] = set()
    tree = ast.parse(source)
    # Imports under ``if TYPE_CHECKING:`` never run: they name types for
    # annotations only, and are not a dependency.
    for_types_only = {id(inner) for node in ast.walk(tree) if isinstance(node, ast.If) and _is_type_checking(node.test)
                      for stmt in node.body for inner in ast.walk(stmt)}
    for node in ast.walk(tree):
        if id(node) in for_types_only:
            continue
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")
                base = base[:len(base) - node.level + 1]
                target = ".".join(base + ([node.module] if node.module else []))
            else:
                target = node.module or ""
            found.add(target)
            # ``from .. import services`` names the package in the alias
            found.update(f"{target}.{alias.name}" for alias in node.names)
    return found


def _is_type_checking(test: ast.expr) -> bool:
    return (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or \
        (isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING")


def _imports_of(path: Path) -> set[str]:
    return imported_modules(path.read_text(encoding="utf-8"), _module_name(path), path.name == "__init__.py")


def _climbs(package: str) -> list[str]:
    wrong = []
    for path in sorted((ROOT / package).rglob("*.py")):
        for module in sorted(_imports_of(path)):
            if any(module == floor or module.startswith(floor + ".") for floor in UPPER_FLOORS):
                wrong.append(f"{path.relative_to(ROOT.parent)} imports {module}")
    return wrong


def test_the_reader_sees_relative_and_lazy_imports():
    """The check itself can fail: climbs inside a function, relative or not, are found."""
    source = ("from .model import DossierConfig\n"
              "def f():\n    from ..services import Services\n    from .. import ui\n"
              "    import ent_portfolio.cli.dossier\n")
    found = imported_modules(source, "ent_portfolio.dossier.probe")
    assert "ent_portfolio.dossier.model" in found
    assert {"ent_portfolio.services", "ent_portfolio.ui", "ent_portfolio.cli.dossier"} <= found
    assert "ent_portfolio.dossier.model" in imported_modules("from .model import X", "ent_portfolio.dossier", True)
    typing_only = "from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n    from ..services import Services\n"
    assert "ent_portfolio.services" not in imported_modules(typing_only, "ent_portfolio.dossier.probe")


@pytest.mark.parametrize("package", ["dossier", "readiness"])
def test_lower_packages_import_nothing_from_services_ui_or_cli(package):
    assert _climbs(package) == []


def _package(module: str) -> str:
    parts = module.split(".")
    return parts[1] if len(parts) > 1 else ""


def _all_modules() -> dict[str, set[str]]:
    return {_module_name(p): {m for m in _imports_of(p) if m.split(".")[0] == "ent_portfolio"}
            for p in sorted(ROOT.rglob("*.py"))}


def test_every_package_has_a_floor():
    assert {_package(m) for m in _all_modules()} - set(FLOORS) == set()


def test_imports_point_only_downward():
    wrong = []
    for module, imports in _all_modules().items():
        here = _package(module)
        for target in sorted(imports):
            there = _package(target)
            if there == here or FLOORS[there] == 0 and FLOORS[here] == 0:
                continue  # within a package, or among the base modules (checked for circles below)
            if (here, there) == ("cli", "ui"):
                continue  # the command line starts the windows and renders screenshots
            if FLOORS.get(there, 99) >= FLOORS[here]:
                wrong.append(f"{module} imports {target}")
    assert wrong == []


def _circles(graph: dict[str, set[str]]) -> list[list[str]]:
    """Strongly connected groups of more than one module (Tarjan)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for nxt in sorted(graph[node]):
            if nxt not in index:
                visit(nxt)
                low[node] = min(low[node], low[nxt])
            elif nxt in on_stack:
                low[node] = min(low[node], index[nxt])
        if low[node] == index[node]:
            group = []
            while True:
                top = stack.pop()
                on_stack.discard(top)
                group.append(top)
                if top == node:
                    break
            if len(group) > 1:
                found.append(sorted(group))

    for node in sorted(graph):
        if node not in index:
            visit(node)
    return found


def _module_graph() -> dict[str, set[str]]:
    modules = _all_modules()

    def existing(name: str) -> str:
        while name and name not in modules:
            name = name.rpartition(".")[0]
        return name

    graph = {}
    for module, imports in modules.items():
        targets = {existing(t) for t in imports}
        # A submodule's "from . import x" needs its package, which is always
        # imported first: that is not a dependency.
        graph[module] = {t for t in targets if t and t != module and not module.startswith(t + ".")}
    return graph


def test_the_circle_finder_finds_circles():
    assert _circles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [["a", "b", "c"]]
    assert _circles({"a": {"b"}, "b": set()}) == []


def test_no_module_imports_itself_round_a_circle():
    assert _circles(_module_graph()) == []


def test_no_source_file_is_longer_than_600_lines():
    """A newcomer reads a module whole; past 600 lines it is two modules (the
    demo's Thai prose aside, which is data)."""
    root = Path(__file__).resolve().parents[2] / "ent_portfolio"
    long = {str(p.relative_to(root)): n for p in root.rglob("*.py")
            if "demo" not in p.relative_to(root).parts[:1]
            and (n := len(p.read_text(encoding="utf-8").splitlines())) > 600}
    assert long == {}
