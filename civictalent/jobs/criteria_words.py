"""A jobs search in words: for the board, the alert subscribe and manage pages and the digest
emails. Beside criteria.py, which defines what each filter means."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import replace

from civictalent.core.money import pence_from_pounds, pounds_text
from civictalent.core.vocabularies import Contract, Seniority, WorkingPattern, Workplace
from civictalent.jobs.criteria import POSTED_WITHIN_DAYS, SearchCriteria


def _either(names: list[str]) -> str:
    if len(names) <= 1:
        return "".join(names)
    return f"{', '.join(names[:-1])} or {names[-1]}"


def criteria_in_words(
    criteria: SearchCriteria,
    *,
    family_names: Mapping[str, str] | None = None,
    council_names: Mapping[str, str] | None = None,
) -> list[str]:
    """One line per filter, such as "Councils: Hackney or Greenwich". An empty search says
    so. Families and councils are named from the maps given (their slugs when not found)."""
    family_names = family_names or {}
    council_names = council_names or {}
    lines: list[str] = []
    if criteria.keywords:
        lines.append(f"Keywords: {criteria.keywords}")
    if criteria.families:
        names = [family_names.get(slug, slug) for slug in criteria.families]
        lines.append(f"Role family: {_either(names)}")
    if criteria.levels:
        labels = dict(Seniority.choices)
        lines.append(f"Level: {_either([labels[value] for value in criteria.levels])}")
    if criteria.councils:
        names = [council_names.get(slug, slug) for slug in criteria.councils]
        lines.append(f"Council: {_either(names)}")
    if criteria.min_salary is not None:
        minimum = pounds_text(pence_from_pounds(criteria.min_salary))
        lines.append(f"Salary: up to at least {minimum} a year")
    if criteria.patterns:
        labels = dict(WorkingPattern.choices)
        lines.append(f"Working pattern: {_either([labels[value] for value in criteria.patterns])}")
    if criteria.contracts:
        labels = dict(Contract.choices)
        lines.append(f"Contract: {_either([labels[value] for value in criteria.contracts])}")
    if criteria.workplaces:
        labels = dict(Workplace.choices)
        lines.append(f"Workplace: {_either([labels[value] for value in criteria.workplaces])}")
    if criteria.posted_within_days is not None:
        lines.append(f"Posted: {POSTED_WITHIN_DAYS[criteria.posted_within_days].lower()}")
    if not lines:
        lines.append("All jobs on the board")
    return lines


def names_for(criteria_list: list[SearchCriteria]) -> tuple[dict[str, str], dict[str, str]]:
    """The names of the families and councils these searches mention (two queries at most)."""
    from civictalent.framework.models import JobFamily
    from civictalent.organisations.models import Organisation

    family_slugs = {slug for criteria in criteria_list for slug in criteria.families}
    council_slugs = {slug for criteria in criteria_list for slug in criteria.councils}
    families: dict[str, str] = {}
    councils: dict[str, str] = {}
    if family_slugs:
        for slug, name in (
            JobFamily.objects.filter(slug__in=family_slugs, is_current=True)
            .order_by("-framework__is_default", "framework_id")
            .values_list("slug", "name")
        ):
            families.setdefault(slug, name)
    if council_slugs:
        councils = dict(
            Organisation.objects.filter(slug__in=council_slugs).values_list("slug", "short_name")
        )
    return families, councils


def describe(criteria: SearchCriteria) -> list[str]:
    """The search in words, with families and councils looked up by name."""
    families, councils = names_for([criteria])
    return criteria_in_words(criteria, family_names=families, council_names=councils)


KEYWORDS_NOT_REPEATED = "Keywords: the words you typed (we show them after you confirm)"


def describe_without_visitors_text(criteria: SearchCriteria) -> list[str]:
    """The search in words for an email to an address nobody has confirmed yet: only our own
    words and names. Anyone can ask for a confirmation email to any address, so what they typed
    (keywords, or a family or council that does not exist) never goes into it: our trusted
    sender must not carry a stranger's text or links."""
    families, councils = names_for([criteria])
    known_only = replace(
        criteria,
        keywords="",
        families=tuple(slug for slug in criteria.families if slug in families),
        councils=tuple(slug for slug in criteria.councils if slug in councils),
    )
    lines = criteria_in_words(known_only, family_names=families, council_names=councils)
    if criteria.keywords:
        if lines == ["All jobs on the board"]:
            lines = []
        lines.insert(0, KEYWORDS_NOT_REPEATED)
    return lines
