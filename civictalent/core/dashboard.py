"""The signed-in home: each app contributes panels from its own ``dashboard.py``.

An app's ``dashboard.py`` defines ``PANELS``: functions that take the signed-in person and
return a :class:`Panel` for them, or None when the panel is not theirs (an editor's drafts mean
nothing to someone who edits for no council). Each runs its own small queries, so a panel costs
what it shows and nothing when it is not shown. The dashboard shows the panels of each section
in ``order``; the platform admin page shows the platform section's panels as links with their
counts.

Core never imports a feature: it finds the panels through the registry (core/registry.py).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from enum import Enum
from typing import Any

from civictalent.core.registry import contributions


class Section(Enum):
    """Who a panel is for, in the order the dashboard shows them."""

    WORK = "Your work"
    COUNCIL = "Your council"
    PLATFORM = "Across the platform"


@dataclass(frozen=True)
class Entry:
    """One thing to act on, one click away: its text, where to act, and a detail (a date, a
    score, a council)."""

    text: str
    href: str
    detail: str = ""


@dataclass(frozen=True)
class Panel:
    """One box of the dashboard: what is waiting (``count``, said in ``summary``; None for a
    panel that counts nothing), where to act on all of it (``action_text`` and
    ``action_href``, optional) and the first few items (``entries``), each one click from being
    done. ``empty`` is said when nothing waits."""

    section: Section
    order: int
    title: str
    count: int | None
    summary: str
    action_text: str = ""
    action_href: str = ""
    entries: tuple[Entry, ...] = ()
    empty: str = ""
    more: int = field(default=0)  # how many waiting items the entries leave out


PanelBuilder = Callable[[Any], Panel | None]


def panels_for(user: Any, *, section: Section | None = None) -> list[Panel]:
    """Every panel the installed apps have for this person (only ``section``'s, if given),
    sorted by section, then order."""
    found = [
        panel
        for build in contributions("dashboard", "PANELS")
        if (panel := build(user)) is not None and (section is None or panel.section == section)
    ]
    sections = list(Section)
    return sorted(found, key=lambda panel: (sections.index(panel.section), panel.order))


def by_section(panels: list[Panel]) -> list[tuple[Section, list[Panel]]]:
    """The panels grouped under their sections, leaving out sections with none."""
    return [
        (section, [panel for panel in panels if panel.section == section])
        for section in Section
        if any(panel.section == section for panel in panels)
    ]


def noun(count: int, one: str, many: str | None = None) -> str:
    """'draft' for one, 'drafts' for any other count (``many`` when adding an s will not do):
    the words after a panel's count."""
    return one if count == 1 else (many or one + "s")


def plural(count: int, one: str, many: str | None = None) -> str:
    """'1 draft', '3 drafts', '0 drafts'."""
    return f"{count} {noun(count, one, many)}"
