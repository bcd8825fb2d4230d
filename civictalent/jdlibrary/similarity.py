"""How alike two job descriptions are, so the library does not fill up with copies.

Pure Python, no Django: usable from the command line, the API and bulk import.

A text's *fingerprint* is the set of its word 5-gram shingles ("use data to improve services",
"data to improve services for", ...) after normalisation (Unicode NFKC, case folding, words only,
so punctuation, bullets and line breaks do not matter), each hashed to 32 bits with
``zlib.crc32``. CRC-32 is stable across processes and Python versions (unlike ``hash()``, which
is salted per process), so fingerprints can be stored and compared later. Two texts'
*similarity* is the Jaccard index of their fingerprints: shared shingles over all shingles.

Runs of five words rarely match by chance, so the stock phrases every JD uses ("you will be
responsible for") count for little, while a few edited words only disturb the shingles around
them: changing one word in a 400-word text replaces at most five of its ~400 shingles.

Why exact Jaccard and not MinHash: with fingerprints precomputed, an exact comparison is one
C-level set intersection (tens of microseconds for a typical JD of 300 to 1,500 shingles), and
the size bound below skips pairs of very different lengths without intersecting at all: 3,000
JDs of 700 words compare in under a tenth of a second, even when none is skipped. MinHash with
64 permutations would make each comparison a fixed 64 steps but only *estimates* Jaccard, with a
standard error of sqrt(J(1 - J) / 64), about 6 points at 50%, which is too coarse for telling
someone "92% similar". MinHash signatures with locality-sensitive hashing (bands of rows) are
the next step if the library reaches hundreds of thousands of JDs.
"""

from __future__ import annotations

import re
import unicodedata
import zlib
from collections.abc import Iterable

SHINGLE_WORDS = 5

_WORD = re.compile(r"\w+")


def normalise(text: str) -> list[str]:
    """The words of a text, case-folded, with punctuation and layout removed."""
    return _WORD.findall(unicodedata.normalize("NFKC", text).casefold())


def fingerprint(text: str, *, size: int = SHINGLE_WORDS) -> frozenset[int]:
    """The hashed word shingles of a text. A text shorter than one shingle is one shingle."""
    words = normalise(text)
    if not words:
        return frozenset()
    if len(words) <= size:
        return frozenset({zlib.crc32(" ".join(words).encode())})
    return frozenset(
        zlib.crc32(" ".join(words[start : start + size]).encode())
        for start in range(len(words) - size + 1)
    )


def similarity(a: frozenset[int], b: frozenset[int]) -> float:
    """Jaccard index from 0.0 (nothing shared) to 1.0 (the same). Empty texts share nothing."""
    if not a or not b:
        return 0.0
    shared = len(a & b)
    return shared / (len(a) + len(b) - shared)


def near_duplicates(
    candidate: frozenset[int],
    others: Iterable[tuple[int, frozenset[int]]],
    threshold: float = 0.6,
    limit: int = 3,
) -> list[tuple[int, float]]:
    """The keys of the ``others`` at least ``threshold`` similar to ``candidate``, most similar
    first (ties by key), at most ``limit`` of them.

    Jaccard can be no more than the smaller set's size over the larger's, so a text much shorter
    or longer than the candidate is skipped before any intersection is made.
    """
    if not candidate or limit <= 0:
        return []
    size = len(candidate)
    found: list[tuple[int, float]] = []
    for key, other in others:
        if not other:
            continue
        smaller, larger = sorted((size, len(other)))
        if smaller < threshold * larger:
            continue
        score = similarity(candidate, other)
        if score >= threshold:
            found.append((key, score))
    found.sort(key=lambda item: (-item[1], item[0]))
    return found[:limit]
