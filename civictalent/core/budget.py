"""Time budgets for work on input anyone can send: a deadline that loops check as they go.

Pure Python (no Django), so the document reader, the extractor and the health check engine can
share it. A budget is kept per thread (and per task) in a context variable, so the code that
reads a file or checks a text does not need to pass it down through every function::

    with time_budget(10):
        ...                 # deep inside, loops call check_time()

``check_time()`` raises :class:`OutOfTime` once the deadline has passed; the code that set the
budget turns it into its own error with a message for the person (see ``read_document`` and the
health check's ``check``). Budgets nest: an inner budget never extends an outer one. Outside any
budget ``check_time()`` does nothing.
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar

__all__ = ["OutOfTime", "check_time", "time_budget"]

_DEADLINE: ContextVar[float | None] = ContextVar("civictalent_deadline", default=None)


class OutOfTime(Exception):  # noqa: N818 - reads as what happened
    """The work took longer than its budget allows."""


@contextmanager
def time_budget(seconds: float) -> Iterator[None]:
    """Run the block with at most ``seconds`` of wall-clock time for ``check_time`` to allow."""
    deadline = time.monotonic() + seconds
    outer = _DEADLINE.get()
    token = _DEADLINE.set(deadline if outer is None else min(outer, deadline))
    try:
        yield
    finally:
        _DEADLINE.reset(token)


def check_time() -> None:
    """Raise :class:`OutOfTime` when the current budget has run out."""
    deadline = _DEADLINE.get()
    if deadline is not None and time.monotonic() > deadline:
        raise OutOfTime
