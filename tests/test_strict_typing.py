"""The pure modules are type-checked strictly: every module of the pure-modules contract
(pyproject.toml's [tool.importlinter]) is covered by the strict mypy override, so a new pure
module cannot be left out of it."""

from __future__ import annotations

import tomllib
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
CONFIG = tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]
# The per-module flags that --strict turns on (mypy 1.19).
STRICT_FLAGS = {
    "disallow_any_generics": True,
    "disallow_subclassing_any": True,
    "disallow_untyped_calls": True,
    "disallow_untyped_defs": True,
    "disallow_incomplete_defs": True,
    "check_untyped_defs": True,
    "disallow_untyped_decorators": True,
    "warn_unused_ignores": True,
    "warn_return_any": True,
    "implicit_reexport": False,
    "strict_equality": True,
    "extra_checks": True,
}


def _strict_override() -> dict[str, Any]:
    overrides = [
        override
        for override in CONFIG["mypy"].get("overrides", [])
        if all(override.get(flag) == value for flag, value in STRICT_FLAGS.items())
    ]
    assert len(overrides) == 1, "pyproject.toml needs one mypy override with every strict flag"
    return overrides[0]


def _covered(module: str, patterns: list[str]) -> bool:
    for pattern in patterns:
        if pattern.endswith(".*"):
            package = pattern.removesuffix(".*")
            if module == package or module.startswith(package + "."):
                return True
        elif module == pattern:
            return True
    return False


def test_every_pure_module_is_typed_strictly() -> None:
    patterns = _strict_override()["module"]
    contracts = {contract["id"]: contract for contract in CONFIG["importlinter"]["contracts"]}
    pure = contracts["pure-modules"]["source_modules"]
    missing = [module for module in pure if not _covered(module, patterns)]
    assert not missing, f"add these to the strict mypy override in pyproject.toml: {missing}"


def test_strict_is_not_set_in_an_override() -> None:
    """mypy 1.19 applies ``strict = true`` from an override to every module, not only its own."""
    assert not any("strict" in override for override in CONFIG["mypy"].get("overrides", []))
