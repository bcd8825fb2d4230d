"""Characters that change how text looks without being seen, which nobody types on purpose.

Bidirectional overrides and isolates can make "gpj.exe" read as "exe.jpg" (the "Trojan Source"
trick), and zero-width characters hide inside words so that two titles that look the same are
not. Every form on the platform removes them from what people type (``GovukFormMixin.clean``).
Joiners (U+200C, U+200D) and the left-to-right and right-to-left marks stay: scripts and emoji
need them.
"""

from __future__ import annotations

INVISIBLE_CONTROLS = frozenset(
    "\u202a\u202b\u202c\u202d\u202e"  # embeddings and overrides
    "\u2066\u2067\u2068\u2069"  # isolates
    "\u200b\u2060\ufeff"  # zero-width space, word joiner, zero-width no-break space
)
_REMOVE = {ord(character): None for character in INVISIBLE_CONTROLS}


def without_invisible_controls(text: str) -> str:
    """``text`` with every bidirectional control and zero-width space taken out."""
    return text.translate(_REMOVE)
