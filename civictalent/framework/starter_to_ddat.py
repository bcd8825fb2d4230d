"""Where each role level of the framework being replaced goes in the imported one. Pure Python.

When the official DDaT framework is imported as the default, everything that points at the old
default's role levels (the starter framework's, usually) moves to the imported framework's. A
level moves to the level with the same role name and level name, ignoring case and spacing.
The tables below say what to do when the names differ; they are checked against the official
download of 2025, whose 52 roles and 205 role levels all carry the starter framework's names, so
only the project's own additions need an entry today.

``LEVEL_RENAMES``: a starter (role, level) whose official name differs, and the official
(role, level) it becomes. Add a row when a new edition of the DDaT renames a level.

``NO_OFFICIAL_ROLE``: starter roles the official framework does not have, and why. Whatever
points at their levels cannot move: it stays on the old framework and the import says so.
"""

from __future__ import annotations

LevelName = tuple[str, str]  # (role name, role level name)

LEVEL_RENAMES: dict[LevelName, LevelName] = {}

NO_OFFICIAL_ROLE: dict[str, str] = {
    "AI engineer": (
        "AI engineer is the project's own emerging role; the official framework has no "
        "AI engineer yet (its nearest role, Machine learning engineer, starts at senior)"
    ),
}

NO_MATCH = "the imported framework has no level with this role and level name"


def name_key(role: str, level: str) -> LevelName:
    """The same name whatever its case and spacing: ' Senior  Data analyst' = 'senior data
    analyst'."""
    return (" ".join(role.split()).casefold(), " ".join(level.split()).casefold())


def official_name(
    role: str,
    level: str,
    renames: dict[LevelName, LevelName] | None = None,
) -> LevelName | None:
    """The official (role, level) a starter level is renamed to, or None when it keeps its
    name."""
    table = LEVEL_RENAMES if renames is None else renames
    wanted = name_key(role, level)
    for (from_role, from_level), target in table.items():
        if name_key(from_role, from_level) == wanted:
            return target
    return None


def why_unmapped(role: str, no_official_role: dict[str, str] | None = None) -> str:
    """Why a level of ``role`` has nowhere to go: the documented reason, or no match."""
    table = NO_OFFICIAL_ROLE if no_official_role is None else no_official_role
    wanted = " ".join(role.split()).casefold()
    for name, reason in table.items():
        if " ".join(name.split()).casefold() == wanted:
            return reason
    return NO_MATCH
