"""Pages of the maturity app's results part for the permission walker and the query budgets (see
__init__.py): an assessment's results, its downloads and a council's progress, for council A's
people and platform admins."""

from __future__ import annotations

from typing import Any

from tests.pages.matrix import matrix

COUNCIL_A_PEOPLE = matrix("ok", anonymous="login", member_b="deny")

EXPECTED: dict[str, dict[str, str]] = {
    "maturity:results": COUNCIL_A_PEOPLE,
    "maturity:results_csv": COUNCIL_A_PEOPLE,
    "maturity:results_docx": COUNCIL_A_PEOPLE,
    "maturity:progress": COUNCIL_A_PEOPLE,
}
# Measured plus one (as council A's admin: 10 and 8), with ten topics, six themes, thirteen councils and seven rounds of council A
# (see build_page_data): a fixed number of queries whatever the number of rows.
BUDGETS: dict[str, int] = {
    "maturity:results": 11,
    "maturity:results_csv": 11,
    "maturity:results_docx": 11,
    "maturity:progress": 9,
}
MODEL_SLUG = "pages-results-model"


def _model() -> Any:
    from civictalent.maturity.models import MaturityModel
    from civictalent.maturity.tests.factories_results import make_model

    found = MaturityModel.objects.filter(slug=MODEL_SLUG).first()
    return found or make_model(topics=10, themes=6, questions_per_topic=3, slug=MODEL_SLUG)


def url_kwargs(name: str, people: dict[str, Any]) -> dict[str, Any] | None:
    if name not in EXPECTED:
        return None
    if name == "maturity:progress":
        return {"slug": "hackney"}
    from civictalent.maturity.tests.factories_results import submit
    from civictalent.organisations.models import Organisation

    hackney = Organisation.objects.get(slug="hackney")
    return {"pk": submit(hackney, _model(), [2, 3, 4, 3], name="Autumn 2026").pk}


def prepare_data_for(name: str) -> None:
    return None


def build_page_data(people: dict[str, Any]) -> None:
    """Twelve other councils' assessments and six earlier rounds of council A, so London shows
    for every topic and theme and progress has rows: a query per row would break a budget."""
    import datetime

    from django.utils import timezone

    from civictalent.maturity.results_services import london_scores_refresh
    from civictalent.maturity.tests.factories_results import london_councils, submit
    from civictalent.organisations.models import Organisation

    model = _model()
    hackney = Organisation.objects.get(slug="hackney")
    now = timezone.now()
    for number, council in enumerate(london_councils(12, leave_out=hackney)):
        submit(council, model, [1 + number % 5, 2, 3], refresh=False)
    for round_ in range(6):
        submit(
            hackney,
            model,
            [1 + round_ % 5, 2],
            when=now - datetime.timedelta(days=182 * (6 - round_)),
            name=f"Round {round_ + 1}",
            refresh=False,
        )
    london_scores_refresh(model=model)
