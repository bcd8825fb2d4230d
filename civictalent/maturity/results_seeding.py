"""The results part's demo data and generator steps (gathered by seeding.py)."""

from __future__ import annotations

from civictalent.core.generation.base import DemoStep, Step

DEMO_STEPS: list[DemoStep] = []
GENERATION_STEPS: list[Step] = []
