"""Server time of each page (Django test client, in process: no network) against a minimal view
served through the same middleware, measured in the same run. Targets: framework pages under
50 ms; every page within 3 times the minimal view is the scale-out issue's aim."""

from __future__ import annotations

from common import database, setup_django, time_calls, write_result

PAGES = [
    ("home", "/"),
    ("councils", "/organisations/"),
    ("council", "/organisations/hackney/"),
    ("sign in", "/accounts/login/"),
    ("framework overview", "/framework/"),
    ("job family", "/framework/families/data/"),
    ("role", "/framework/roles/data-analyst/"),
    ("role level", "/framework/levels/senior-data-analyst/"),
    ("skills", "/framework/skills/"),
    ("skill", "/framework/skills/data-visualisation/"),
    ("progression", "/framework/progression/?start=data-analyst&end=senior-data-analyst"),
]
TARGET_MS = {"framework": 50.0}
RUNS = 60


def main() -> None:
    setup_django()
    from django.test import Client

    from civictalent.framework.models import Framework

    client = Client()
    framework = Framework.objects.get(is_default=True)
    baseline = time_calls(lambda: client.get("/bench/minimal/"), runs=RUNS * 2)
    rows = []
    for label, url in PAGES:
        status = client.get(url).status_code
        if status != 200:
            raise SystemExit(f"{url} answered {status}; the benchmark data is not loaded")
        timing = time_calls(lambda url=url: client.get(url), runs=RUNS)
        target = TARGET_MS["framework"] if url.startswith("/framework/") else None
        rows.append(
            {
                "page": label,
                "url": url,
                **timing,
                "ratio_to_minimal_view": round(timing["median_ms"] / baseline["median_ms"], 2),
                "target_ms": target,
                "meets_target": None if target is None else timing["p95_ms"] < target,
            }
        )
        print(f"{label:20} median {timing['median_ms']:7.2f} ms  p95 {timing['p95_ms']:7.2f} ms")
    write_result(
        "pages",
        {
            "what": "Server time per page through the full middleware stack, no network",
            "database": database(),
            "framework": framework.name,
            "baseline": {"name": "minimal Django view, same stack", **baseline},
            "pages": rows,
        },
    )


if __name__ == "__main__":
    main()
