"""Deterministic, resumable, bulk-inserted data at the scales the platform must handle.

The pieces live here: ``scales`` and ``words`` (pure), ``base`` (a run's context, steps, their
order) and ``runner`` (``generate``). Each app contributes its own steps in ``GENERATION_STEPS``
of its ``seeding.py``, and ``civictalent generate --scale london --seed 1`` (the seed app) runs
them. This package file imports nothing, so the pure modules import without Django. See
docs/performance.md.
"""
