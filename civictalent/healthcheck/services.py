"""The health check's services for its callers: the fingerprint of the rules in force, and an
uploaded advert read for checking.

The scoring itself is the pure engine in ``healthcheck.engine``. The health of library JDs (the
text a JD is checked as, its recorded scores, re-scoring) lives with the library, in
``jdlibrary/health.py``, which calls down to this app.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from functools import lru_cache

from civictalent.documents import DocumentRejected, read_document
from civictalent.healthcheck.engine import DocumentFacts
from civictalent.healthcheck.engine.rules import RULES_DIRECTORY

# Bump when the engine's Python checks change in a way that changes scores; rule files are
# hashed, so editing a YAML rule is noticed without this.
ENGINE_REVISION = "2"


@lru_cache(maxsize=1)
def rules_version() -> str:
    """A short fingerprint of the rules in force: records made under other rules are stale."""
    digest = hashlib.sha256(ENGINE_REVISION.encode())
    for path in sorted(RULES_DIRECTORY.glob("*.yaml")):
        digest.update(path.name.encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()[:12]


@dataclass(frozen=True)
class ReadForCheck:
    text: str
    facts: DocumentFacts
    kind: str


def read_for_check(data: bytes, filename: str) -> ReadForCheck:
    """Read an uploaded advert for checking. A PDF without a text layer is not an error here:
    it is the finding. Other refusals raise DocumentRejected with the reader's message."""
    try:
        document = read_document(data, filename)
    except DocumentRejected as rejection:
        if rejection.no_text_layer:
            return ReadForCheck("", DocumentFacts(has_text_layer=False), "pdf")
        raise
    return ReadForCheck(
        text=document.text,
        facts=DocumentFacts(
            has_layout_tables=document.has_layout_tables,
            image_count=document.image_count,
            headings=tuple(document.headings),
        ),
        kind=document.kind,
    )
