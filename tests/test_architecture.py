"""The architecture holds: apps are layered (a lower app never imports a higher one), the pure
modules import no Django, and no production module grows past what a newcomer can read.

The contracts live in pyproject.toml ([tool.importlinter]) and docs/decisions/0010 explains them.
These tests run import-linter on the real code, show that it fails on a planted upward import,
and import every pure module in a fresh interpreter where importing Django raises.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "civictalent"
LINT_IMPORTS = Path(sys.executable).parent / "lint-imports"
CONFIG = tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["importlinter"]
CONTRACTS = {contract["id"]: contract for contract in CONFIG["contracts"]}
# Modules that are tables of data, not logic, may be long.
DATA_TABLES = {"civictalent/framework/starter.py"}
LONGEST_MODULE = 600


def lint_imports(*, package_parent: Path, config: Path) -> subprocess.CompletedProcess[str]:
    """Run import-linter on the ``civictalent`` package found in ``package_parent``."""
    env = {**os.environ, "PYTHONPATH": str(package_parent)}
    return subprocess.run(  # noqa: S603 - our own virtualenv's tool, fixed arguments
        [str(LINT_IMPORTS), "--no-cache", str(config)],
        cwd=package_parent,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )


def test_the_import_contracts_hold() -> None:
    result = lint_imports(package_parent=ROOT, config=ROOT / "pyproject.toml")
    assert result.returncode == 0, result.stdout[-4000:] + result.stderr[-2000:]
    assert "Contracts: 2 kept, 0 broken." in result.stdout


@pytest.fixture
def planted_copy(tmp_path: Path) -> Path:
    """A copy of the package's code and its contracts, to plant imports in."""
    shutil.copytree(
        PACKAGE, tmp_path / "civictalent", ignore=shutil.ignore_patterns("__pycache__", "templates")
    )
    shutil.copy(ROOT / "pyproject.toml", tmp_path / "pyproject.toml")
    return tmp_path


def test_an_upward_import_breaks_the_layers(planted_copy: Path) -> None:
    (planted_copy / "civictalent" / "core" / "planted.py").write_text(
        "from civictalent.jobs.models import Vacancy  # a low layer reaching up\n"
    )
    result = lint_imports(package_parent=planted_copy, config=planted_copy / "pyproject.toml")
    assert result.returncode != 0
    assert "civictalent.core is not allowed to import civictalent.jobs" in result.stdout
    assert "civictalent.core.planted -> civictalent.jobs.models" in result.stdout


def test_django_in_a_pure_module_breaks_its_contract(planted_copy: Path) -> None:
    money = planted_copy / "civictalent" / "core" / "money.py"
    money.write_text(money.read_text() + "\nfrom django.conf import settings  # planted\n")
    result = lint_imports(package_parent=planted_copy, config=planted_copy / "pyproject.toml")
    assert result.returncode != 0
    assert "civictalent.core.money is not allowed to import django" in result.stdout


BLOCK_DJANGO = """
import importlib, importlib.abc, json, sys

BLOCKED = {blocked!r}

class Blocked(importlib.abc.MetaPathFinder):
    def find_spec(self, name, path, target=None):
        if name.split(".")[0] in BLOCKED:
            raise ImportError(f"{{name}} is blocked: pure modules import no Django")
        return None

sys.meta_path.insert(0, Blocked())
failures = {{}}
for module in {modules!r}:
    try:
        importlib.import_module(module)
    except Exception as error:
        failures[module] = f"{{type(error).__name__}}: {{error}}"
print(json.dumps(failures))
"""


def test_every_pure_module_imports_with_django_blocked() -> None:
    pure = CONTRACTS["pure-modules"]
    script = BLOCK_DJANGO.format(
        blocked=sorted(pure["forbidden_modules"]), modules=sorted(pure["source_modules"])
    )
    env = {key: value for key, value in os.environ.items() if key != "DJANGO_SETTINGS_MODULE"}
    result = subprocess.run(  # noqa: S603 - the running interpreter, our own script
        [sys.executable, "-c", script],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stderr[-3000:]
    assert json.loads(result.stdout) == {}


def test_the_blocker_does_block() -> None:
    """The check above can fail: a module that needs Django is reported."""
    script = BLOCK_DJANGO.format(blocked=["django"], modules=["civictalent.core.models"])
    env = {key: value for key, value in os.environ.items() if key != "DJANGO_SETTINGS_MODULE"}
    result = subprocess.run(  # noqa: S603
        [sys.executable, "-c", script],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert "is blocked" in json.loads(result.stdout)["civictalent.core.models"]


def test_every_app_declares_its_layer() -> None:
    apps = sorted(path.parent.name for path in PACKAGE.glob("*/apps.py"))
    # A layer of independent siblings is written "alerts | maturity".
    layers = [
        app.strip() for layer in CONTRACTS["app-layers"]["layers"] for app in layer.split("|")
    ]
    missing = [app for app in apps if app not in layers]
    assert not missing, f"add these apps to the layers in pyproject.toml: {missing}"
    assert "api" in layers and layers[0] == "seed"


def test_no_production_module_is_longer_than_a_newcomer_can_read() -> None:
    too_long = {}
    for path in PACKAGE.rglob("*.py"):
        relative = path.relative_to(ROOT).as_posix()
        if "/tests/" in relative or "/migrations/" in relative or relative in DATA_TABLES:
            continue
        lines = len(path.read_text(encoding="utf-8").splitlines())
        if lines > LONGEST_MODULE:
            too_long[relative] = lines
    assert not too_long, (
        f"split these into modules of one concern each (at most {LONGEST_MODULE} lines): {too_long}"
    )
