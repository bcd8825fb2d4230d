"""The demo library's roles, read from data/demo_roles.toml: a few facts and sentences per job
description, in the project's own words, that demo.py turns into whole job descriptions (and
jobs/demo.py into open vacancies). Demo sites only. Pure Python: no Django.

Each role: a reference, the council (slug), the title, the starter framework role level it maps
to, the pay range in pounds, its purpose, what the person will do and what they must bring.
Flags say which are advertised as open vacancies, marked as exemplars (with the reason),
revised into a second version, kept to the council, or carry a suggestion from another council.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

ROLES_FILE = Path(__file__).parent / "data" / "demo_roles.toml"


@dataclass(frozen=True)
class DemoRole:
    reference: str
    council: str
    title: str
    role_level: str
    pay: tuple[int, int]
    purpose: str
    duties: tuple[str, ...]
    essentials: tuple[str, ...]
    advertised: bool = False
    exemplar: str = ""
    revised: bool = False
    council_only: bool = False
    suggestion: str = ""


def _role(entry: dict[str, Any]) -> DemoRole:
    low, high = entry["pay"]
    return DemoRole(
        reference=str(entry["reference"]),
        council=str(entry["council"]),
        title=str(entry["title"]),
        role_level=str(entry["role_level"]),
        pay=(int(low), int(high)),
        purpose=str(entry["purpose"]),
        duties=tuple(str(duty) for duty in entry["duties"]),
        essentials=tuple(str(criterion) for criterion in entry["essentials"]),
        advertised=bool(entry.get("advertised", False)),
        exemplar=str(entry.get("exemplar", "")),
        revised=bool(entry.get("revised", False)),
        council_only=bool(entry.get("council_only", False)),
        suggestion=str(entry.get("suggestion", "")),
    )


def demo_roles_read(path: Path = ROLES_FILE) -> tuple[DemoRole, ...]:
    with path.open("rb") as handle:
        return tuple(_role(entry) for entry in tomllib.load(handle)["role"])


DEMO_ROLES: tuple[DemoRole, ...] = demo_roles_read()
