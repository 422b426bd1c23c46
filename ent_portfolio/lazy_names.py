"""Names of a package loaded from their modules on first access.

Several packages (``typeset``, ``media``, ``dossier``) offer their parts'
names at the package level but load nothing when imported: a module that
needs one part must not wait for ReportLab, Pillow or the signing.  A
package hands :func:`lazy_names` its table of names and gets back its module
``__getattr__`` and ``__dir__``.

A name may not also be one of the package's modules: once that module is
loaded, the package's attribute of that name is the module, and the name
would mean the module or the thing by import order
(``tests/unit/test_package_names.py`` checks every such package)."""

from __future__ import annotations

import importlib
from collections.abc import Callable
from typing import Any


def lazy_names(package: str, namespace: dict[str, Any],
               exports: dict[str, str]) -> tuple[Callable[[str], Any], Callable[[], list[str]]]:
    """``__getattr__`` and ``__dir__`` for ``package`` (its ``globals()`` is
    ``namespace``), where ``exports`` maps each name to the module defining it."""

    def __getattr__(name: str) -> Any:
        try:
            module = exports[name]
        except KeyError:
            raise AttributeError(f"module {package!r} has no attribute {name!r}") from None
        value = getattr(importlib.import_module(f"{package}.{module}"), name)
        namespace[name] = value
        return value

    def __dir__() -> list[str]:
        return sorted(set(namespace) | set(exports))

    return __getattr__, __dir__
