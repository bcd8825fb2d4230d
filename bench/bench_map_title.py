"""Title mapping speed: 10,000 titles after warm-up, against a plain regular-expression pass over
the same strings (the least any mapper must do: lower-case and split into words).
Target: under 2 ms per title."""

from __future__ import annotations

import csv
import re
import statistics
import time

from common import ROOT, percentile, setup_django, write_result

TITLE_SET = ROOT / "civictalent" / "framework" / "tests" / "data" / "job_titles.csv"
COUNT = 10_000
REPEATS = 5
TARGET_MS = 2.0
DECORATIONS = ["", " (Fixed Term)", " - PO4", ", London", " (Hybrid)", " x2", " Grade 7"]
WORD = re.compile(r"[a-z0-9]+")


def titles() -> list[str]:
    with TITLE_SET.open(encoding="utf-8") as handle:
        base = [row["title"] for row in csv.DictReader(handle)]
    varied = [title + decoration for title in base for decoration in DECORATIONS]
    return (varied * (COUNT // len(varied) + 1))[:COUNT]


def batch_ms_per_title(function: object, strings: list[str]) -> list[float]:
    results = []
    for _ in range(REPEATS):
        started = time.perf_counter()
        for text in strings:
            function(text)  # type: ignore[operator]
        results.append((time.perf_counter() - started) * 1000 / len(strings))
    return results


def main() -> None:
    setup_django()
    from civictalent.framework.mapping import default_title_mapper

    mapper = default_title_mapper()
    assert mapper is not None, "no framework loaded"
    strings = titles()
    for text in strings[:500]:
        mapper.map(text)
    mapped = batch_ms_per_title(mapper.map, strings)
    baseline = batch_ms_per_title(lambda text: WORD.findall(text.lower()), strings)
    single = []
    for text in strings[:2000]:
        started = time.perf_counter()
        mapper.map(text)
        single.append((time.perf_counter() - started) * 1000)
    median = statistics.median(mapped)
    write_result(
        "map_title",
        {
            "what": f"civictalent map-title speed over {COUNT:,} titles, {REPEATS} repeats",
            "titles": COUNT,
            "per_title_ms": {
                "median_of_repeats": round(median, 4),
                "p95_single_title": round(percentile(single, 0.95), 4),
                "max_single_title": round(max(single), 4),
            },
            "baseline": {
                "name": "re.findall word split of the same strings",
                "per_title_ms": round(statistics.median(baseline), 5),
            },
            "ratio_to_baseline": round(median / statistics.median(baseline), 1),
            "titles_per_second": round(1000 / median),
            "target_ms": TARGET_MS,
            "meets_target": percentile(single, 0.95) < TARGET_MS,
        },
    )
    print(f"map-title: {median:.4f} ms per title (p95 single {percentile(single, 0.95):.4f} ms)")


if __name__ == "__main__":
    main()
