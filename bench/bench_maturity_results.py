"""Maturity results at london scale: ten years of submitted assessments, two a year, for the 33
London councils (660, made by the generator's "assessments" step with seed 1). Target: the
results page (the heatmap against London) and the progress page under 100 ms server time.

Baseline in the same run: the minimal Django view. Also timed: refreshing London's latest scores
(what each submission does, so the pages only read) and the downloads.
"""

from __future__ import annotations

import datetime
import time

from common import database, setup_django, time_calls, write_result

TARGET_MS = 100.0
BENCH_AS_OF = datetime.date(2026, 11, 1)  # fixed, so the benchmark's data never drifts


def ensure_assessments() -> float:
    """The london scale's assessments (and nothing else of it); returns the seconds spent."""
    from django.core.management import call_command

    from civictalent.core.generation.runner import generate
    from civictalent.core.generation.scales import SCALES
    from civictalent.core.progress import ProgressBar

    # Runs on its own too, not only after make bench has prepared the database.
    call_command("migrate", verbosity=0, interactive=False)
    started = time.perf_counter()
    reports = generate(
        scale=SCALES["london"],
        seed=1,
        as_of=BENCH_AS_OF,
        only={"councils", "assessments"},
        progress_for=lambda name: ProgressBar(f"  {name}"),
    )
    return time.perf_counter() - started if any(r.added for r in reports) else 0.0


def main() -> None:
    setup_django()
    from django.test import Client

    from civictalent.accounts.models import User
    from civictalent.maturity.models import Assessment, AssessmentScore
    from civictalent.maturity.results_seeding import GENERATED_SUFFIX
    from civictalent.maturity.results_services import london_scores_refresh
    from civictalent.organisations.models import Membership, Organisation, Role

    inserted = ensure_assessments()
    hackney = Organisation.objects.get(slug="hackney")
    generated = Assessment.objects.filter(name__endswith=GENERATED_SUFFIX)
    mine = list(generated.filter(organisation=hackney).order_by("-submitted_at"))
    latest, middle = mine[0], mine[len(mine) // 2]
    model = latest.model
    user, _ = User.objects.get_or_create(
        email="bench@civictalent.example", defaults={"display_name": "Bench"}
    )
    Membership.objects.get_or_create(
        user=user, organisation=hackney, defaults={"role": Role.MEMBER}
    )
    client = Client()
    client.force_login(user)
    baseline = time_calls(lambda: client.get("/bench/minimal/"), runs=100)
    pages = []
    for label, url in [
        ("results and London: latest assessment", f"/maturity/assessments/{latest.pk}/results/"),
        ("results and London: an earlier one", f"/maturity/assessments/{middle.pk}/results/"),
        ("progress over ten years", f"/maturity/councils/{hackney.slug}/progress/"),
        ("results CSV", f"/maturity/assessments/{latest.pk}/results.csv"),
        ("results Word document", f"/maturity/assessments/{latest.pk}/results.docx"),
    ]:
        assert client.get(url).status_code == 200, url
        timing = time_calls(lambda url=url: client.get(url), runs=40)
        target = TARGET_MS if "results and London" in label or "progress" in label else None
        pages.append(
            {
                "page": label,
                "url": url,
                **timing,
                "ratio_to_minimal_view": round(timing["median_ms"] / baseline["median_ms"], 1),
                "target_ms": target,
                "meets_target": None if target is None else timing["p95_ms"] < target,
            }
        )
        print(f"{label:40} median {timing['median_ms']:8.2f} ms  p95 {timing['p95_ms']:8.2f} ms")
    refresh = time_calls(lambda: london_scores_refresh(model=model), runs=10, warmup=1)
    print(f"London refresh (on each submit): median {refresh['median_ms']:.1f} ms")
    write_result(
        "maturity_results",
        {
            "what": (
                f"Maturity results and progress pages with {generated.count():,} submitted "
                f"assessments ({AssessmentScore.objects.count():,} topic and theme scores) of "
                f"{generated.values('organisation').distinct().count()} councils over ten years"
            ),
            "database": database(),
            "assessments": generated.count(),
            "insert_seconds": round(inserted, 1),
            "baseline": {"name": "minimal Django view, same stack", **baseline},
            "pages": pages,
            "target_ms": TARGET_MS,
            "london_refresh_ms": refresh,
        },
    )


if __name__ == "__main__":
    main()
