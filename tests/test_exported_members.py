"""The declared public API (``__all__``) matches what the packages export, as httpx's test does.

- every name in ``index.__all__`` / ``qa.__all__`` exists, once, and ``from pkg import name`` works;
- every public, non-module attribute of the package is listed in ``__all__`` (no silent drift);
- every module of ``index/`` and ``qa/`` that declares ``__all__`` defines each name in it.
"""

from __future__ import annotations

import importlib
import types
from pathlib import Path

import pytest

import index
import qa

ROOT = Path(__file__).resolve().parents[1]
PACKAGES = [index, qa]


@pytest.mark.parametrize("package", PACKAGES, ids=lambda p: p.__name__)
def test_all_names_exist_and_are_importable(package):
    names = package.__all__
    assert len(names) == len(set(names)), f"{package.__name__}.__all__ has duplicates"
    for name in names:
        assert hasattr(package, name), f"{package.__name__}.__all__ lists {name!r}, which does not exist"
        namespace: dict = {}
        exec(f"from {package.__name__} import {name}", namespace)  # a name from __all__, not user input
        assert namespace[name] is getattr(package, name)


@pytest.mark.parametrize("package", PACKAGES, ids=lambda p: p.__name__)
def test_every_public_member_is_exported(package):
    public = {
        name
        for name, value in vars(package).items()
        if not name.startswith("_") and not isinstance(value, types.ModuleType)
    }
    assert public == set(package.__all__), (
        f"{package.__name__}: exported but not in __all__: {sorted(public - set(package.__all__))}; "
        f"in __all__ but not exported: {sorted(set(package.__all__) - public)}"
    )


MODULES = sorted(
    f"{p.parent.name}.{p.stem}"
    for pkg in ("index", "qa")
    for p in (ROOT / pkg).glob("*.py")
    if p.stem not in ("__init__", "__main__")
)


@pytest.mark.parametrize("module_name", MODULES)
def test_module_all_names_exist(module_name):
    module = importlib.import_module(module_name)
    for name in getattr(module, "__all__", ()):
        assert hasattr(module, name), f"{module_name}.__all__ lists {name!r}, which does not exist"
