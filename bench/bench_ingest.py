"""JD ingestion: read and extract each shared Word and OpenDocument JD. Target: a typical Word JD
under 300 ms (median over the shared set). Baseline in the same run: only unzipping the main
XML part of the same files (the least any reader must do)."""

from __future__ import annotations

import statistics
import time
import zipfile
from pathlib import Path

from common import SHARED, percentile, setup_django, write_result

TARGET_MS = 300.0
REPEATS = 15


def main() -> None:
    setup_django()
    from civictalent.documents import read_document
    from civictalent.framework.mapping import default_title_mapper
    from civictalent.jdlibrary.extraction import extract

    files = sorted((SHARED / "jds" / "gds").glob("*.docx")) + sorted(
        (SHARED / "jds" / "gds").glob("*.odt")
    )
    if not files:
        raise SystemExit("The shared JDs are missing: nothing to measure.")
    mapper = default_title_mapper()

    def ingest(path: Path) -> None:
        document = read_document(path.read_bytes(), path.name)
        extract(document.text, front_matter=document.front_matter, mapper=mapper)

    def unzip(path: Path) -> None:
        with zipfile.ZipFile(path) as archive:
            archive.read("word/document.xml" if path.suffix == ".docx" else "content.xml")

    ingest(files[0])  # warm-up: first import of python-docx
    timings: dict[str, list[float]] = {"ingest": [], "baseline": []}
    for _ in range(REPEATS):
        for path in files:
            for name, function in (("ingest", ingest), ("baseline", unzip)):
                started = time.perf_counter()
                function(path)
                timings[name].append((time.perf_counter() - started) * 1000)
    word = [
        t
        for t, path in zip(timings["ingest"], files * REPEATS, strict=True)
        if path.suffix == ".docx"
    ]
    median = statistics.median(word)
    write_result(
        "ingest",
        {
            "what": f"Reading and extracting {len(files)} shared JDs, {REPEATS} times each",
            "word_median_ms": round(median, 2),
            "word_p95_ms": round(percentile(word, 0.95), 2),
            "all_files_max_ms": round(max(timings["ingest"]), 2),
            "baseline": {
                "name": "unzip the main XML part only",
                "median_ms": round(statistics.median(timings["baseline"]), 3),
            },
            "target_ms": TARGET_MS,
            "meets_target": median < TARGET_MS,
        },
    )
    print(f"ingest: Word median {median:.1f} ms")


if __name__ == "__main__":
    main()
