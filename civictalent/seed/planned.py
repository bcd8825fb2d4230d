"""Parts of the data the generator cannot make yet, because their models do not exist yet.

``civictalent generate`` lists them with their targets. When a part lands, its app contributes a
step in its ``seeding.py`` and its line here goes.
"""

from civictalent.core.generation.base import PlannedStep

PLANNED: list[PlannedStep] = [
    PlannedStep("profiles", "the exchange app (Profile and skills)"),
    PlannedStep("events", "the learning app (Event)"),
]
