"""Re-scoring the library after a rules change: jd_health_check() on 1,000 of the benchmark's
JDs (read with their sections, checked, recorded), against reading the same JDs with their
sections and nothing else. The re-score runs in the background; the figure says how long a
whole library takes."""

from __future__ import annotations

import time

from common import database, setup_django, write_result

SAMPLE = 1000
LIBRARY = 50_000


def main() -> None:
    setup_django()
    from civictalent.jdlibrary.health import jd_health_check
    from civictalent.jdlibrary.models import JobDescription

    ids = list(JobDescription.objects.order_by("pk").values_list("pk", flat=True)[:SAMPLE])
    if not ids:
        print("No job descriptions to re-score: run bench_library first.")
        return

    def chunked() -> list[JobDescription]:
        return list(JobDescription.objects.filter(pk__in=ids).prefetch_related("sections"))

    chunked()  # warm the page cache and the rules
    jd_health_check(jd=chunked()[0])
    started = time.perf_counter()
    jds = chunked()
    for jd in jds:
        list(jd.sections.all())
    reading = time.perf_counter() - started
    started = time.perf_counter()
    for jd in chunked():
        jd_health_check(jd=jd)
    rescoring = time.perf_counter() - started
    per_second = len(ids) / rescoring
    write_result(
        "rescore",
        {
            "what": f"Re-scoring {len(ids):,} job descriptions (read, check, record)",
            "database": database(),
            "jds": len(ids),
            "seconds": round(rescoring, 2),
            "per_second": round(per_second, 1),
            "library_minutes": round(LIBRARY / per_second / 60, 1),
            "baseline": {
                "name": "reading the same JDs with their sections",
                "seconds": round(reading, 3),
            },
            "ratio_to_baseline": round(rescoring / reading, 1),
        },
    )
    print(
        f"re-score: {per_second:.0f} JDs a second; {LIBRARY:,} JDs in "
        f"{LIBRARY / per_second / 60:.1f} minutes"
    )


if __name__ == "__main__":
    main()
