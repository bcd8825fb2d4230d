"""Health check speed: check() on realistic 1,000-word job descriptions after warm-up, against a
plain regular-expression word-tokenising pass over the same texts (the least any checker must do).
Target: under 30 ms per 1,000-word JD."""

from __future__ import annotations

import re
import statistics
import time
from collections.abc import Callable

from common import ROOT, SHARED, percentile, write_result

TARGET_MS = 30.0
WORDS = 1000
ROUNDS = 30
WORD = re.compile(r"[A-Za-z0-9]+")
LABELLED = ROOT / "civictalent" / "healthcheck" / "tests" / "labelled"


def shared_texts() -> list[str]:
    from civictalent.documents import read_document

    folder = SHARED / "jds"
    if not folder.is_dir():
        return []
    texts = []
    for path in sorted(folder.rglob("*")):
        if path.suffix.lower() in {".md", ".docx", ".odt"}:
            texts.append(read_document(path.read_bytes(), path.name).text)
    return texts


def labelled_texts() -> list[str]:
    import yaml

    texts: list[str] = []
    for name in ("adverts.yaml", "passages.yaml", "heldout.yaml"):
        document = yaml.safe_load((LABELLED / name).read_text(encoding="utf-8"))
        texts += [item["text"] for item in document["items"]]
    return texts


def to_length(texts: list[str], words: int) -> list[str]:
    """Texts of about ``words`` words: long ones cut at a line, short ones joined together."""
    result: list[str] = []
    pending: list[str] = []
    for text in texts:
        pending.append(text)
        joined = "\n\n".join(pending)
        if len(WORD.findall(joined)) >= words:
            result.append(_cut(joined, words))
            pending = []
    return result


def _cut(text: str, words: int) -> str:
    lines, count = [], 0
    for line in text.splitlines():
        lines.append(line)
        count += len(WORD.findall(line))
        if count >= words:
            break
    return "\n".join(lines)


def single_calls(function: Callable[[str], object], texts: list[str]) -> list[float]:
    timings = []
    for _ in range(ROUNDS):
        for text in texts:
            started = time.perf_counter()
            function(text)
            timings.append((time.perf_counter() - started) * 1000)
    return timings


def main() -> None:
    import sys

    sys.path.insert(0, str(ROOT))
    from civictalent.healthcheck.engine import check

    started = time.perf_counter()
    check("Warm-up: load and compile the rules.")
    first_call_ms = (time.perf_counter() - started) * 1000
    source = shared_texts()
    origin = "the shared JDs (cut or joined to 1,000 words)"
    if not source:
        source, origin = labelled_texts(), "the labelled set (joined to 1,000 words)"
    texts = to_length(source, WORDS)
    for text in texts:
        check(text)
    timings = single_calls(check, texts)
    baseline = single_calls(lambda text: WORD.findall(text.lower()), texts)
    median = statistics.median(timings)
    p95 = percentile(timings, 0.95)
    words = statistics.median(len(WORD.findall(text)) for text in texts)
    write_result(
        "healthcheck",
        {
            "what": f"check() on {len(texts)} job descriptions of about {WORDS:,} words from {origin}, "
            f"{ROUNDS} rounds after warm-up",
            "texts": len(texts),
            "median_words": words,
            "median_ms": round(median, 3),
            "p95_ms": round(p95, 3),
            "max_ms": round(max(timings), 3),
            "first_call_ms": round(first_call_ms, 1),
            "baseline": {
                "name": "re.findall word split of the same texts",
                "median_ms": round(statistics.median(baseline), 4),
            },
            "ratio_to_baseline": round(median / statistics.median(baseline), 1),
            "target_ms": TARGET_MS,
            "meets_target": p95 < TARGET_MS,
        },
    )
    print(f"health check: median {median:.2f} ms, p95 {p95:.2f} ms per {WORDS:,}-word JD")


if __name__ == "__main__":
    main()
