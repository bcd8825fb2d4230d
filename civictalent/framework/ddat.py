"""Read the official DDaT capability framework download (roles.csv and skills.csv). Pure Python.

The format, exactly as published: one roles row per (role level, skill) with columns Role Family,
Role, Role Description, Role Level, Role Level Description, Skill Name, Skill Description, Skill
Level, Skill Level Description, Role Type; one skills row per skill with columns Skill Name, Skill
Description, Awareness, Working, Practitioner, Expert, Roles that require Skill. Quirks handled:
``MISSING`` descriptions (read as empty), ``NOT IN USE`` levels on chief roles (the role becomes
its own single level), multi-line cells, stray spaces, and a byte-order mark.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass, field
from pathlib import Path

ROLE_COLUMNS = (
    "Role Family",
    "Role",
    "Role Description",
    "Role Level",
    "Role Level Description",
    "Skill Name",
    "Skill Description",
    "Skill Level",
    "Skill Level Description",
    "Role Type",
)
SKILL_COLUMNS = (
    "Skill Name",
    "Skill Description",
    "Awareness",
    "Working",
    "Practitioner",
    "Expert",
    "Roles that require Skill",
)
MISSING = "MISSING"
NOT_IN_USE = "NOT IN USE"
SKILL_LEVELS = ("awareness", "working", "practitioner", "expert")
SENIOR_CIVIL_SERVICE = "Senior Civil Service"


class DDaTFormatError(ValueError):
    """The file is not in the official format. Says which file, which row, and what is wrong."""

    def __init__(self, file_name: str, message: str, row: int | None = None) -> None:
        self.file_name = file_name
        self.row = row
        where = f"{file_name}, row {row}" if row is not None else file_name
        super().__init__(f"{where}: {message}")


@dataclass
class ParsedLevel:
    name: str
    description: str
    skills: dict[str, str] = field(default_factory=dict)  # skill name -> level ("" if none)


@dataclass
class ParsedRole:
    family: str
    name: str
    description: str
    senior_civil_service: bool = False
    levels: dict[str, ParsedLevel] = field(default_factory=dict)


@dataclass
class ParsedSkill:
    name: str
    description: str
    levels: dict[str, str]  # awareness/working/practitioner/expert -> what it means


@dataclass
class ParsedFramework:
    families: list[str]
    roles: dict[str, ParsedRole]
    skills: dict[str, ParsedSkill]
    family_descriptions: dict[str, str] = field(default_factory=dict)

    @property
    def level_count(self) -> int:
        return sum(len(role.levels) for role in self.roles.values())


def _clean(value: str | None) -> str:
    text = " ".join((value or "").replace("\r\n", "\n").split(" ")).strip()
    return "" if text == MISSING else text


def _name(value: str | None) -> str:
    return " ".join((value or "").split())


def _read_rows(
    source: Path | bytes, file_name: str, columns: tuple[str, ...]
) -> list[tuple[int, dict[str, str]]]:
    raw = source if isinstance(source, bytes) else source.read_bytes()
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = raw[: error.start].count(b"\n") + 1
        raise DDaTFormatError(
            file_name,
            f"is not UTF-8 text (byte {error.start}, near line {line}). Download the file again "
            "from the DDaT site, or save it as CSV UTF-8.",
        ) from None
    reader = csv.DictReader(io.StringIO(text, newline=""))
    header = [_name(column) for column in reader.fieldnames or []]
    missing = [column for column in columns if column not in header]
    if missing:
        raise DDaTFormatError(
            file_name,
            f"missing column{'s' if len(missing) > 1 else ''} {', '.join(missing)}. "
            f"Expected the columns {', '.join(columns)}.",
            row=1,
        )
    reader.fieldnames = header
    rows: list[tuple[int, dict[str, str]]] = []
    for number, row in enumerate(reader, start=2):
        if None in row:
            raise DDaTFormatError(file_name, "has more cells than the header has columns.", number)
        rows.append((number, row))
    if not rows:
        raise DDaTFormatError(file_name, "has a header but no rows.")
    return rows


def parse_ddat(
    roles_source: Path | bytes,
    skills_source: Path | bytes,
    *,
    roles_name: str = "roles.csv",
    skills_name: str = "skills.csv",
) -> ParsedFramework:
    """Parse both files. Raises DDaTFormatError with the row number at the first problem."""
    families: list[str] = []
    roles: dict[str, ParsedRole] = {}
    for number, row in _read_rows(roles_source, roles_name, ROLE_COLUMNS):
        _read_role_row(row, number, roles_name, families, roles)
    skills = _read_skills(skills_source, skills_name)
    for role in roles.values():
        for level in role.levels.values():
            for skill_name in level.skills:
                if skill_name not in skills:
                    skills[skill_name] = ParsedSkill(
                        skill_name, "", dict.fromkeys(SKILL_LEVELS, "")
                    )
    return ParsedFramework(families=families, roles=roles, skills=skills)


def _read_skills(source: Path | bytes, file_name: str) -> dict[str, ParsedSkill]:
    skills: dict[str, ParsedSkill] = {}
    for number, row in _read_rows(source, file_name, SKILL_COLUMNS):
        name = _name(row["Skill Name"])
        if not name:
            raise DDaTFormatError(file_name, "has a row with no skill name.", number)
        skills[name] = ParsedSkill(
            name=name,
            description=_clean(row["Skill Description"]),
            levels={level: _clean(row[level.capitalize()]) for level in SKILL_LEVELS},
        )
    return skills


def _read_role_row(
    row: dict[str, str],
    number: int,
    file_name: str,
    families: list[str],
    roles: dict[str, ParsedRole],
) -> None:
    """One roles row: a role level and, usually, one skill it needs, added to ``roles``."""
    family, role_name, level_name = (
        _name(row["Role Family"]),
        _name(row["Role"]),
        _name(row["Role Level"]),
    )
    if not role_name and (level_name or row["Skill Name"].strip()):
        raise DDaTFormatError(file_name, "has a role level or skill but no role.", number)
    if not family:
        raise DDaTFormatError(file_name, f"role {role_name!r} has no role family.", number)
    if not level_name:
        raise DDaTFormatError(file_name, f"role {role_name!r} has an empty role level.", number)
    if family not in families:
        families.append(family)
    role = roles.get(role_name)
    if role is None:
        role = roles[role_name] = ParsedRole(
            family=family, name=role_name, description=_clean(row["Role Description"])
        )
    elif role.family != family:
        raise DDaTFormatError(
            file_name,
            f"role {role_name!r} is in {family!r} here but {role.family!r} above.",
            number,
        )
    if _name(row["Role Type"]) == SENIOR_CIVIL_SERVICE:
        role.senior_civil_service = True
    if level_name == NOT_IN_USE:
        # Chief roles have no levels: the role is its own single level.
        level_name, level_description = role_name, ""
    else:
        level_description = _clean(row["Role Level Description"])
    level = role.levels.get(level_name)
    if level is None:
        level = role.levels[level_name] = ParsedLevel(level_name, level_description)
    skill_name = _name(row["Skill Name"])
    if skill_name:
        level.skills[skill_name] = _skill_level(row, number, file_name)


def _skill_level(row: dict[str, str], number: int, file_name: str) -> str:
    skill_level = _name(row["Skill Level"]).lower()
    if skill_level == NOT_IN_USE.lower():
        return ""
    if skill_level not in SKILL_LEVELS:
        raise DDaTFormatError(
            file_name,
            f"skill level {row['Skill Level']!r} is not one of Awareness, Working, "
            "Practitioner, Expert or NOT IN USE.",
            number,
        )
    return skill_level
