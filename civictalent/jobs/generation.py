"""Generated vacancies for the data generator (``civictalent generate``): ten years of them
ending at the generator's day, of which ``open_vacancies`` are open now.

Item ``i`` of ``n`` is open when ``i * open // n`` steps up at ``i``, so exactly ``open`` items
are open, spread evenly through the rows. Open ones were published in the last 60 days and
close in the next 1 to 60 days. The others have closed: those that closed in the last 90 days
are "closed" (their pages still stand), older ones archived, as the closing job leaves them.
Open ones get a search document (only published vacancies are indexed, see jobs/indexing.py),
written in bulk like the JDs' ones.

Each generated vacancy's ``external_reference`` is ``generated-<index>``: how a later run counts
what exists and continues. See core/generation/base.py for determinism and resuming.
"""

from __future__ import annotations

import datetime
import html
import random
from dataclasses import dataclass
from decimal import Decimal
from zoneinfo import ZoneInfo

from civictalent.core.generation import words
from civictalent.core.generation.base import BLOCK, GENERATED_TAG, Context
from civictalent.core.generation.scales import Scale
from civictalent.core.money import pounds_text
from civictalent.framework.seeding import levels
from civictalent.organisations.seeding import councils, members_by_council

LONDON = ZoneInfo("Europe/London")
REFERENCE_PREFIX = f"{GENERATED_TAG}-"
YEARS_OF_HISTORY = 10
OPEN_FOR_DAYS = (1, 60)
RECENTLY_CLOSED_DAYS = 90

TEAMS = (
    "Adult social care",
    "Children's services",
    "Customer services",
    "Digital services",
    "Finance",
    "Housing",
    "Planning",
    "Public health",
    "Regeneration",
    "Revenues and benefits",
    "Waste and environment",
    "Corporate IT",
)
# (value, weight) for the spreads the board filters on.
CONTRACTS = (
    ("permanent", 60),
    ("fixed term", 18),
    ("secondment", 5),
    ("apprenticeship", 5),
    ("interim", 10),
    ("", 2),
)
PATTERNS = (("full_time", 70), ("part_time", 12), ("job_share", 5), ("flexible", 13))
WORKPLACES = (("hybrid", 65), ("on_site", 25), ("remote", 10))
HOURS = {
    "full_time": Decimal("36"),
    "part_time": Decimal("22.5"),
    "job_share": Decimal("18"),
    "flexible": Decimal("36"),
}
HYBRID_DAYS = ("One day", "Two days", "Three days")


def planned_total(scale: Scale) -> int:
    return scale.planned.get("vacancies", 0)


def planned_open(scale: Scale) -> int:
    total = planned_total(scale)
    return min(total, scale.planned.get("open_vacancies", total // 20))


def is_open(index: int, *, total: int, open_count: int) -> bool:
    """Exactly ``open_count`` of ``total`` indices are open, evenly spread."""
    if total <= 0:
        return False
    return (index + 1) * open_count // total != index * open_count // total


def _weighted(rng: random.Random, choices: tuple[tuple[str, int], ...]) -> str:
    values = [value for value, _ in choices]
    weights = [weight for _, weight in choices]
    return rng.choices(values, weights=weights)[0]


def _closing_time(day: datetime.date) -> datetime.datetime:
    """Councils close adverts at 23:59 London time."""
    return datetime.datetime.combine(day, datetime.time(23, 59), tzinfo=LONDON).astimezone(
        datetime.UTC
    )


def _published_time(day: datetime.date, rng: random.Random) -> datetime.datetime:
    moment = datetime.time(rng.randint(8, 17), rng.choice((0, 15, 30, 45)))
    return datetime.datetime.combine(day, moment, tzinfo=LONDON).astimezone(datetime.UTC)


def _html(sections: list[tuple[str, str, str]]) -> str:
    """The description as the sanitised HTML a person would have written."""
    parts = []
    for _, heading, text in sections:
        parts.append(f"<h2>{html.escape(heading)}</h2>")
        lines = text.splitlines()
        if all(line.startswith("- ") for line in lines):
            items = "".join(f"<li>{html.escape(line[2:])}</li>" for line in lines)
            parts.append(f"<ul>{items}</ul>")
        else:
            parts.append(f"<p>{html.escape(text)}</p>")
    return "".join(parts)


def _markdown(sections: list[tuple[str, str, str]]) -> str:
    """The same description in the Markdown subset it is written in (core/richtext.py): the
    generated words hold no markup, so they need no escaping."""
    return "\n\n".join(f"## {heading}\n\n{text}" for _, heading, text in sections)


@dataclass(frozen=True)
class _Dates:
    published_at: datetime.datetime
    closes_at: datetime.datetime
    status: str
    closed_at: datetime.datetime | None
    archived_at: datetime.datetime | None


def _dates(rng: random.Random, *, as_of: datetime.date, open_now: bool) -> _Dates:
    """When a vacancy was published and closes, and what became of it. Draws the same
    numbers whether or not it is open, so every item uses the generator identically."""
    open_back = rng.randint(1, 60)
    open_ahead = rng.randint(*OPEN_FOR_DAYS)
    history_back = rng.randint(61, 365 * YEARS_OF_HISTORY)
    advertised_for = rng.randint(14, 42)
    if open_now:
        published_day = as_of - datetime.timedelta(days=open_back)
        closes = _closing_time(as_of + datetime.timedelta(days=open_ahead))
        return _Dates(_published_time(published_day, rng), closes, "published", None, None)
    published_day = as_of - datetime.timedelta(days=history_back)
    closes_day = min(
        published_day + datetime.timedelta(days=advertised_for),
        as_of - datetime.timedelta(days=1),
    )
    closes = _closing_time(closes_day)
    published = _published_time(published_day, rng)
    if (as_of - closes_day).days > RECENTLY_CLOSED_DAYS:
        archived = closes + datetime.timedelta(days=RECENTLY_CLOSED_DAYS)
        return _Dates(published, closes, "archived", closes, archived)
    return _Dates(published, closes, "closed", closes, None)


def vacancies_existing() -> int:
    from civictalent.jobs.models import Vacancy

    return Vacancy.objects.filter(external_reference__startswith=REFERENCE_PREFIX).count()


def vacancies_make(context: Context, start: int, stop: int) -> int:
    """Insert generated vacancies ``start`` to ``stop`` (and the open ones' search documents)."""
    from civictalent.core.models import SearchDocument
    from civictalent.framework.models import RoleLevel
    from civictalent.jobs.criteria import seniority_of_level
    from civictalent.jobs.indexing import SEARCH_KIND, vacancy_search_text
    from civictalent.jobs.models import Vacancy
    from civictalent.organisations.models import Organisation

    roles, places, members = levels(context), councils(context), members_by_council(context)
    if not roles:
        raise RuntimeError("No role levels: the framework step must run first.")
    total = planned_total(context.scale)
    open_count = planned_open(context.scale)
    level_rows = RoleLevel.objects.in_bulk([level.pk for level in roles])
    families, seniorities = {}, {}
    for pk, family_id, role_name in RoleLevel.objects.filter(pk__in=level_rows).values_list(
        "pk", "role__family_id", "role__name"
    ):
        families[pk] = family_id
        seniorities[pk] = seniority_of_level(level_rows[pk].name, role_name)
    organisations = Organisation.objects.in_bulk([council.pk for council in places])
    rows: list[Vacancy] = []
    first = start // BLOCK * BLOCK
    for position, (index, rng) in enumerate(context.items("vacancies", start, stop)):
        number = first + position  # the item's index, also for items drawn only to skip
        open_now = is_open(number, total=total, open_count=open_count)
        council = places[rng.randrange(len(places))]
        level = roles[rng.randrange(len(roles))]
        team = rng.choice(TEAMS)
        titled = rng.random()
        pay = words.pay(rng, rank=level.rank, london=council.london)
        no_top = rng.random() < 0.1
        dates = _dates(rng, as_of=context.as_of, open_now=open_now)
        contract = _weighted(rng, CONTRACTS)
        pattern = _weighted(rng, PATTERNS)
        workplace = _weighted(rng, WORKPLACES)
        hybrid_days = rng.choice(HYBRID_DAYS)
        summary = " ".join(words.sentence(rng) for _ in range(2))
        sections = words.jd_sections(
            rng, title=level.name, family=level.family, council=council.short_name
        )[:4]
        authors = members.get(council.pk, [])
        author = authors[rng.randrange(len(authors))] if authors else None
        if index < 0:
            continue
        title = (
            level.name
            if titled < 0.5
            else f"{level.name}, {team}"
            if titled < 0.85
            else f"{level.name} ({team.lower()})"
        )
        low = pay.annual_min_pence
        high = None if no_top else pay.annual_max_pence
        pay_text = f"From {pounds_text(low)} a year" if no_top else pay.text
        vacancy = Vacancy(
            title=title[:200],
            role_level=level_rows[level.pk],
            family_id=families[level.pk],
            seniority=seniorities[level.pk],
            summary=f"Join {council.short_name}'s {team.lower()} team. {summary}"[:600],
            description=_markdown(sections),
            description_html=_html(sections),
            description_text="\n\n".join(f"{heading}\n{text}" for _, heading, text in sections),
            pay_text=pay_text,
            grade=pay.grade,
            annual_min_pence=low,
            annual_max_pence=high,
            hours_per_week=HOURS[pattern],
            contract=contract,
            working_pattern=pattern,
            workplace=workplace,
            hybrid_pattern=(
                f"{hybrid_days} a week in {council.short_name}" if workplace == "hybrid" else ""
            ),
            location=council.short_name,
            closes_at=dates.closes_at,
            apply_url=f"https://jobs.{council.slug}.example/vacancies/{number:07d}",
            contact_name="Recruitment team",
            status=dates.status,
            origin="form",
            external_reference=f"{REFERENCE_PREFIX}{number:07d}",
            created_by_id=author,
            submitted_at=dates.published_at - datetime.timedelta(days=2),
            published_at=dates.published_at,
            closed_at=dates.closed_at,
            archived_at=dates.archived_at,
        )
        vacancy.organisation = organisations[council.pk]
        rows.append(vacancy)
    created = Vacancy.objects.bulk_create(rows)
    SearchDocument.objects.bulk_create(
        [
            SearchDocument(
                kind=SEARCH_KIND, object_id=vacancy.pk, body=vacancy_search_text(vacancy)
            )
            for vacancy in created
            if vacancy.status == "published"
        ]
    )
    _backdate([vacancy.pk for vacancy in created])
    return len(created)


def _backdate(ids: list[int]) -> None:
    """created_at and updated_at are set to "now" on insert; make them those of the story."""
    from django.db.models import F
    from django.db.models.functions import Coalesce

    from civictalent.jobs.models import Vacancy

    Vacancy.objects.filter(pk__in=ids).update(
        created_at=F("submitted_at"),
        updated_at=Coalesce("archived_at", "closed_at", "published_at"),
    )
