"""Pages of this part for the permission walker and the query budgets (see __init__.py):
the vacancy page, writing and moderating vacancies, closing, the library offer, a council's
vacancy list and its insight."""

from __future__ import annotations

import datetime
from typing import Any

from django.utils import timezone

from tests.pages.matrix import COUNCIL_A_DRAFT_READERS, PLATFORM_ADMIN_ONLY, PUBLIC, matrix

COUNCIL_A_EDITORS = matrix("deny", anonymous="login", editor_a="ok", admin_a="ok")
COUNCIL_A_PEOPLE = matrix("ok", anonymous="login", member_b="deny")

EXPECTED: dict[str, dict[str, str]] = {
    "jobs:vacancy": PUBLIC,
    # Counts the click, then sends everyone to the council's recruitment site.
    "jobs:vacancy_apply": matrix("redirect"),
    # Editors of some council, and platform admins (who write for any council).
    "jobs:vacancy_new": COUNCIL_A_DRAFT_READERS,
    "jobs:vacancy_edit": COUNCIL_A_EDITORS,
    "jobs:vacancy_draft": COUNCIL_A_PEOPLE,
    "jobs:vacancy_submit": COUNCIL_A_EDITORS,
    "jobs:vacancy_publish": PLATFORM_ADMIN_ONLY,
    "jobs:vacancy_reject": PLATFORM_ADMIN_ONLY,
    "jobs:vacancy_close": COUNCIL_A_EDITORS,
    "jobs:vacancy_extend": COUNCIL_A_EDITORS,
    "jobs:vacancy_library": COUNCIL_A_EDITORS,
    # People in one council go straight to its list; platform admins see the choice.
    "jobs:my_vacancies": matrix("redirect", anonymous="login", platform_admin="ok"),
    "jobs:council_vacancies": COUNCIL_A_PEOPLE,
    "jobs:council_insight": COUNCIL_A_PEOPLE,
}
BUDGETS: dict[str, int] = {
    "jobs:vacancy": 7,
    "jobs:vacancy_new": 8,
    "jobs:vacancy_edit": 8,
    "jobs:vacancy_draft": 10,
    "jobs:vacancy_submit": 8,
    "jobs:vacancy_publish": 6,
    "jobs:vacancy_reject": 5,
    "jobs:vacancy_close": 7,
    "jobs:vacancy_extend": 7,
    "jobs:vacancy_library": 7,
    "jobs:my_vacancies": 6,
    "jobs:council_vacancies": 11,
    "jobs:council_insight": 11,
}

# The status each page's vacancy needs for the page to show its form.
STATUS_FOR = {
    "jobs:vacancy": "published",
    "jobs:vacancy_apply": "published",
    "jobs:vacancy_edit": "draft",
    "jobs:vacancy_draft": "draft",
    "jobs:vacancy_submit": "draft",
    "jobs:vacancy_publish": "submitted",
    "jobs:vacancy_reject": "submitted",
    "jobs:vacancy_close": "published",
    "jobs:vacancy_extend": "published",
    "jobs:vacancy_library": "closed",
}


def _council_a(people: dict[str, Any]) -> Any:
    from civictalent.organisations.models import Membership

    return (
        Membership.objects.select_related("organisation").get(user=people["member_a"]).organisation
    )


def make_vacancy(organisation: Any, *, status: str, number: int = 0, author: Any = None) -> Any:
    from civictalent.jobs.models import Vacancy

    now = timezone.now()
    closed = status in {"closed", "archived"}
    return Vacancy.objects.create(
        organisation=organisation,
        title=f"Senior data analyst {number}".strip(),
        summary="Help the council use its data well.",
        description_html="<p>Build dashboards.</p><h2>Essential criteria</h2><p>SQL.</p>",
        description_text="Build dashboards.\nEssential criteria\nSQL.",
        pay_text="£40,000 to £45,000 a year",
        annual_min_pence=4_000_000,
        annual_max_pence=4_500_000,
        location="Town Hall",
        closes_at=now + datetime.timedelta(days=-3 if closed else 20),
        submitted_at=now - datetime.timedelta(days=5),
        published_at=None if status in {"draft", "submitted", "rejected"} else now,
        closed_at=now - datetime.timedelta(days=1) if closed else None,
        library_offer="offered" if status == "closed" else "",
        rejection_reason="Add the London weighting." if status == "rejected" else "",
        status=status,
        apply_url="https://jobs.example.org/1",
        created_by=author,
        health_score=70,
    )


def url_kwargs(name: str, people: dict[str, Any]) -> dict[str, Any] | None:
    if name in STATUS_FOR:
        vacancy = make_vacancy(
            _council_a(people), status=STATUS_FOR[name], author=people["editor_a"]
        )
        return {"pk": vacancy.pk}
    if name in {"jobs:council_vacancies", "jobs:council_insight"}:
        return {"slug": _council_a(people).slug}
    if name.startswith("jobs:") and name in EXPECTED:
        return {}
    return None


def prepare_data_for(name: str) -> None:
    return None


def build_page_data(people: dict[str, Any]) -> None:
    """Twenty-odd vacancies of council A in every status, each with a fortnight of counts."""
    from civictalent.jobs.models import VacancyDailyCount

    council = _council_a(people)
    statuses = ["draft", "submitted", "rejected", "published", "closed", "archived"]
    vacancies = [
        make_vacancy(
            council,
            status=statuses[number % len(statuses)],
            number=number,
            author=people["editor_a"],
        )
        for number in range(24)
    ]
    today = timezone.localdate()
    VacancyDailyCount.objects.bulk_create(
        VacancyDailyCount(
            vacancy=vacancy,
            organisation=council,
            day=today - datetime.timedelta(days=days),
            views=10 + days,
            apply_clicks=days % 3,
        )
        for vacancy in vacancies
        if vacancy.published_at is not None
        for days in range(0, 60, 4)
    )
