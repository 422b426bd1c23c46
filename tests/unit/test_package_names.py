"""The names a package offers lazily (``lazy_names``) mean the same thing
whatever was imported before: none of them is also one of the package's
modules (once a module is loaded, the package's attribute of that name is
the module — the dossier's ``export`` and the typesetting's ``styles`` were
each the function or its module by import order)."""

from __future__ import annotations

import importlib
import pkgutil
import types
from pathlib import Path

import pytest

LAZY_PACKAGES = ["ent_portfolio.dossier", "ent_portfolio.media", "ent_portfolio.typeset"]


@pytest.mark.parametrize("package_name", LAZY_PACKAGES)
def test_every_name_of_the_package_is_what_its_module_defines_after_every_module_is_loaded(package_name):
    package = importlib.import_module(package_name)
    modules = {info.name for info in pkgutil.iter_modules(package.__path__)}
    for name in modules:
        importlib.import_module(f"{package_name}.{name}")
    assert set(package.__all__).isdisjoint(modules)
    for name in package.__all__:
        value = getattr(package, name)
        assert not isinstance(value, types.ModuleType), name
        defining = getattr(value, "__module__", None)
        if defining:  # a function or class (constants carry no module)
            assert value is getattr(importlib.import_module(defining), name), name


def test_the_packages_with_lazy_names_are_the_ones_listed():
    import ent_portfolio

    found = []
    for info in pkgutil.iter_modules(ent_portfolio.__path__):
        if info.ispkg:
            source = importlib.util.find_spec(f"ent_portfolio.{info.name}").origin
            if source and "lazy_names(" in Path(source).read_text(encoding="utf-8"):
                found.append(f"ent_portfolio.{info.name}")
    assert sorted(found) == LAZY_PACKAGES


def test_the_services_export_the_function_not_its_module():
    from ent_portfolio.services import dossier as services_dossier

    assert callable(services_dossier.export) and not isinstance(services_dossier.export, types.ModuleType)
