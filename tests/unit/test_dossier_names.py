"""The dossier package's names mean the same thing whatever was imported
before: none of them is also one of its modules (once a module is loaded,
the package's attribute of that name is the module)."""

from __future__ import annotations

import importlib
import pkgutil
import types

import ent_portfolio.dossier as dossier


def test_every_name_of_the_package_is_what_its_module_defines_after_every_module_is_loaded():
    modules = {info.name for info in pkgutil.iter_modules(dossier.__path__)}
    for name in modules:
        importlib.import_module(f"ent_portfolio.dossier.{name}")
    assert set(dossier.__all__).isdisjoint(modules)
    for name in dossier.__all__:
        value = getattr(dossier, name)
        assert not isinstance(value, types.ModuleType), name
        assert value is getattr(importlib.import_module(value.__module__), name)


def test_the_services_export_the_function_not_its_module():
    from ent_portfolio.services import dossier as services_dossier

    assert callable(services_dossier.export) and not isinstance(services_dossier.export, types.ModuleType)
