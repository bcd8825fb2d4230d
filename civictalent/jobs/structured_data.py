"""schema.org JobPosting JSON-LD for a vacancy, as Google for Jobs reads it. Pure: no Django.

``job_posting(posting)`` builds the dict from a ``Posting`` (``posting_of`` fills one from a
vacancy); ``json_ld(data)`` writes it for a ``<script type="application/ld+json">`` element with
``<``, ``>`` and ``&`` escaped, so a title containing ``</script>`` cannot end the element.
Browsers never run ``application/ld+json``: it is data, so the page's script policy is untouched.

Required by Google: title, description, datePosted, hiringOrganization, jobLocation (or, for
remote jobs, jobLocationType TELECOMMUTE with applicantLocationRequirements). Recommended and
given: validThrough, employmentType, baseSalary (with unitText), identifier, directApply.
"""

from __future__ import annotations

import datetime
import json
from dataclasses import dataclass
from decimal import Decimal
from typing import Any
from zoneinfo import ZoneInfo

from civictalent.core.money import pounds_for_json

LONDON = ZoneInfo("Europe/London")
EMPLOYMENT_TYPES = (
    "FULL_TIME",
    "PART_TIME",
    "CONTRACTOR",
    "TEMPORARY",
    "INTERN",
    "VOLUNTEER",
    "PER_DIEM",
    "OTHER",
)
FULL_TIME_HOURS = Decimal("35")
_PATTERN_TYPES = {"full_time": "FULL_TIME", "part_time": "PART_TIME", "job_share": "PART_TIME"}
_CONTRACT_TYPES = {
    "fixed term": "TEMPORARY",
    "secondment": "TEMPORARY",
    "interim": "CONTRACTOR",
    "apprenticeship": "INTERN",
}
_ESCAPES = {ord("<"): "\\u003C", ord(">"): "\\u003E", ord("&"): "\\u0026"}


@dataclass(frozen=True)
class Posting:
    url: str
    title: str
    description_html: str
    date_posted: datetime.datetime
    valid_through: datetime.datetime | None
    organisation_name: str
    organisation_website: str
    identifier: str
    location: str = ""
    postcode: str = ""
    workplace: str = ""
    contract: str = ""
    working_pattern: str = ""
    hours_per_week: Decimal | None = None
    annual_min_pence: int | None = None
    annual_max_pence: int | None = None


def employment_types(
    *, contract: str, working_pattern: str, hours_per_week: Decimal | None = None
) -> list[str]:
    """Google's employment types for a contract and a working pattern, most telling first."""
    found: list[str] = []
    pattern = _PATTERN_TYPES.get(working_pattern)
    if pattern is None and working_pattern == "flexible" and hours_per_week is not None:
        pattern = "FULL_TIME" if hours_per_week >= FULL_TIME_HOURS else "PART_TIME"
    if pattern:
        found.append(pattern)
    kind = _CONTRACT_TYPES.get(contract)
    if kind and kind not in found:
        found.append(kind)
    return found or ["OTHER"]


def _iso(moment: datetime.datetime) -> str:
    if moment.tzinfo is None:
        raise ValueError("JobPosting dates must be timezone-aware.")
    return moment.astimezone(LONDON).replace(microsecond=0).isoformat()


def job_posting(posting: Posting) -> dict[str, Any]:
    """The JobPosting as a dict ready for JSON."""
    data: dict[str, Any] = {
        "@context": "https://schema.org/",
        "@type": "JobPosting",
        "title": posting.title,
        "description": posting.description_html or "<p>See the advert for details.</p>",
        "datePosted": _iso(posting.date_posted),
        "url": posting.url,
        "employmentType": employment_types(
            contract=posting.contract,
            working_pattern=posting.working_pattern,
            hours_per_week=posting.hours_per_week,
        ),
        "hiringOrganization": {"@type": "Organization", "name": posting.organisation_name},
        "jobLocation": {
            "@type": "Place",
            "address": {
                "@type": "PostalAddress",
                "addressLocality": posting.location or posting.organisation_name,
                "addressRegion": "London",
                "addressCountry": "GB",
            },
        },
        "identifier": {
            "@type": "PropertyValue",
            "name": posting.organisation_name,
            "value": posting.identifier,
        },
        "directApply": False,
    }
    if posting.organisation_website:
        data["hiringOrganization"]["sameAs"] = posting.organisation_website
    if posting.postcode:
        data["jobLocation"]["address"]["postalCode"] = posting.postcode
    if posting.valid_through is not None:
        data["validThrough"] = _iso(posting.valid_through)
    if posting.workplace == "remote":
        data["jobLocationType"] = "TELECOMMUTE"
        data["applicantLocationRequirements"] = {"@type": "Country", "name": "GB"}
    if posting.annual_min_pence is not None:
        value: dict[str, Any] = {
            "@type": "QuantitativeValue",
            "minValue": pounds_for_json(posting.annual_min_pence),
            "unitText": "YEAR",
        }
        if posting.annual_max_pence is not None:
            value["maxValue"] = pounds_for_json(posting.annual_max_pence)
        else:
            value["value"] = pounds_for_json(posting.annual_min_pence)
        data["baseSalary"] = {"@type": "MonetaryAmount", "currency": "GBP", "value": value}
    return data


def json_ld(data: dict[str, Any]) -> str:
    """JSON for inside a script element: ``<``, ``>`` and ``&`` as \\u escapes."""
    return json.dumps(data, ensure_ascii=False, sort_keys=False).translate(_ESCAPES)


def posting_of(vacancy: Any, *, url: str) -> Posting:
    """A Posting from a Vacancy (with its organisation loaded)."""
    organisation = vacancy.organisation
    posted = vacancy.published_at or vacancy.created_at
    return Posting(
        url=url,
        title=vacancy.title,
        description_html=vacancy.description_html,
        date_posted=posted,
        valid_through=vacancy.closes_at,
        organisation_name=organisation.name,
        organisation_website=organisation.website,
        identifier=vacancy.external_reference or str(vacancy.pk),
        location=vacancy.location,
        postcode=vacancy.postcode,
        workplace=vacancy.workplace,
        contract=vacancy.contract,
        working_pattern=vacancy.working_pattern,
        hours_per_week=vacancy.hours_per_week,
        annual_min_pence=vacancy.annual_min_pence,
        annual_max_pence=vacancy.annual_max_pence,
    )
