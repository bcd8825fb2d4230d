"""Structural checks: rules that need more than a word list or a regex, registered by name.

A YAML rule says ``match: {check: long_sentence, params: {...}}`` and the function registered
here as ``long_sentence`` runs with that rule (and its params). A check returns hits; a hit at
``0, 0`` is about the whole document.

The checks are grouped by what they look at: ``document``, ``pay``, ``skills``, ``inclusive``,
``realism`` and ``plain_english``; ``context`` is what every check may read, ``params`` what
they share and ``registry`` where they are found by name.
"""

from . import (  # noqa: F401 - importing each group registers its checks
    document,
    inclusive,
    pay,
    plain_english,
    realism,
    skills,
)
from .context import Context
from .registry import CHECKS, run_check

__all__ = ["CHECKS", "Context", "run_check"]
