"""Imports point one way: the packages below services never reach back up.

Every module's imports are read with ``ast`` (imports inside functions
included, relative imports resolved), so a lazy import cannot hide a
climb.  Run alone with ``python -m pytest tests/unit/test_layers.py``."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

import ent_portfolio

ROOT = Path(ent_portfolio.__file__).parent
UPPER_FLOORS = ("ent_portfolio.services", "ent_portfolio.ui", "ent_portfolio.cli")


def _module_name(path: Path) -> str:
    parts = path.relative_to(ROOT.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def imported_modules(source: str, module: str, is_package: bool = False) -> set[str]:
    """Every module ``source`` (the text of ``module``) imports, anywhere in
    the file, as absolute names."""
    package = module if is_package else module.rpartition(".")[0]
    found: set[str] = set()
    for node in ast.walk(ast.parse(source)):
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


@pytest.mark.parametrize("package", ["dossier", "readiness"])
def test_lower_packages_import_nothing_from_services_ui_or_cli(package):
    assert _climbs(package) == []
