"""The audit log in words: what each action code means, and what a recorded change says.

Pure: no database, no Django. The log stores codes (``jd.created``) and a JSON ``changes`` dict
whose values are either a change, ``[before, after]``, or a single fact recorded with the event
(``"origin": "form"``, counts, a list of grades). Reading a fact as a change is what drew
``origin: f → o`` (a string indexed as if it were a pair), so each value is classified here, once.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

# One label per action code the services write. A code missing here still reads as words
# (action_label derives them), so a new action is never shown as its code.
ACTION_LABELS: dict[str, str] = {
    "account.deleted": "Account deleted by its owner",
    "account.deleted_unverified": "Unconfirmed account deleted",
    "api_token.created": "API token created",
    "api_token.revoked": "API token revoked",
    "api_token.used": "API token used",
    "backup": "Backup made",
    "capability.imported": "Capability model imported",
    "capability.updated": "Capability changed",
    "framework.imported": "Capability framework imported",
    "grade_map.imported": "Grade map imported",
    "grade_map.replaced": "Grade map replaced",
    "grademap.deleted": "Grade map deleted",
    "jd.created": "Job description created",
    "jd.exemplar_loaded": "Exemplar job description loaded",
    "jd.exemplar_marked": "Job description marked as an exemplar",
    "jd.exemplar_unmarked": "Job description no longer an exemplar",
    "jd.published": "Job description published to the library",
    "jd.suggestion_accepted": "Suggested change accepted",
    "jd.suggestion_created": "Change suggested to a job description",
    "jd.suggestion_declined": "Suggested change declined",
    "jobs_settings.approval_changed": "How adverts are approved changed",
    "jobs_settings.updated": "Jobs settings changed",
    "join_request.approved": "Request to join approved",
    "join_request.created": "Request to join sent",
    "join_request.declined": "Request to join declined",
    "maturity.action_added": "Roadmap action added",
    "maturity.action_changed": "Roadmap action changed",
    "maturity.action_deleted": "Roadmap action deleted",
    "maturity.assessment_started": "Maturity assessment started",
    "maturity.assessment_submitted": "Maturity assessment submitted",
    "maturity.contributor_removed": "Contributor removed from a maturity assessment",
    "maturity.contributors_invited": "Contributors invited to a maturity assessment",
    "maturity.coverage_saved": "Capabilities the council has saved",
    "maturity.disagreement_settled": "Disagreement on a maturity question settled",
    "maturity.profile_saved": "Council's roadmap profile saved",
    "membership.joined_by_domain": "Joined a council by email address",
    "membership.publisher_named": "Member named as a publisher",
    "membership.publisher_removed": "Member no longer a publisher",
    "membership.removed": "Member removed from a council",
    "membership.role_changed": "Member's role changed",
    "organisation.created": "Council added",
    "organisation.domains_changed": "Council email domains changed",
    "organisation.updated": "Council details changed",
    "pay_scheme.updated": "Pay scheme changed",
    "pay_spine.imported": "Pay spine imported",
    "pay_spine.replaced": "Pay spine replaced",
    "payspine.deleted": "Pay spine deleted",
    "personal_data.downloaded": "Personal data downloaded",
    "personal_data.viewed": "Personal data viewed in the admin site",
    "restore": "Backup restored",
    "user.changed_in_admin": "Person changed in the admin site",
    "user.platform_admin_created": "Platform administrator added",
    "vacancy.archived": "Vacancy archived",
    "vacancy.closed": "Vacancy closed",
    "vacancy.created": "Vacancy created",
    "vacancy.extended": "Vacancy closing date changed",
    "vacancy.imported": "Vacancy imported",
    "vacancy.library_added": "Vacancy added to the library",
    "vacancy.library_declined": "Vacancy not added to the library",
    "vacancy.published": "Vacancy published",
    "vacancy.rejected": "Vacancy returned for changes",
    "vacancy.spot_checked": "Vacancy spot-checked",
    "vacancy.submitted": "Vacancy sent for approval",
    "vacancy.updated": "Vacancy changed",
    "vacancy.withdrawn": "Vacancy taken off the jobs board",
}

# The words a code's parts become when it has no label of its own.
_SUBJECTS = {"jd": "job description", "jobs_settings": "jobs settings", "user": "person"}

# Facts recorded with an event whose value is a list: never a [before, after] pair, even when
# the list happens to hold two items.
LIST_FACTS = frozenset({"points_changed", "grades_changed"})


def action_label(code: str) -> str:
    """Words for an action code: its label, or words made from the code itself."""
    if code in ACTION_LABELS:
        return ACTION_LABELS[code]
    subject, _, verb = code.partition(".")
    words = " ".join(
        part for part in (_SUBJECTS.get(subject, subject.replace("_", " ")), verb) if part
    )
    return words.replace("_", " ").strip().capitalize() or "Unnamed action"


def action_choices(codes: Iterable[str]) -> list[tuple[str, str]]:
    """(code, label) for a filter, by label."""
    return sorted(((code, action_label(code)) for code in set(codes)), key=lambda c: c[1])


@dataclass(frozen=True)
class ChangeLine:
    name: str  # the field in words
    before: str | None  # None when there was nothing before (a created record, a fact)
    after: str


def field_words(name: str) -> str:
    return name.replace("_", " ").strip().capitalize()


def value_words(value: Any) -> str:
    """A recorded value as a person reads it."""
    if value is None or value == "":
        return "None"
    if value is True:
        return "Yes"
    if value is False:
        return "No"
    if isinstance(value, Mapping):
        return ", ".join(f"{field_words(str(k))}: {value_words(v)}" for k, v in value.items())
    if isinstance(value, list | tuple):
        return ", ".join(value_words(item) for item in value) if value else "None"
    return str(value)


def _is_pair(name: str, value: Any) -> bool:
    return isinstance(value, list | tuple) and len(value) == 2 and name not in LIST_FACTS


def change_lines(changes: Mapping[str, Any] | None) -> list[ChangeLine]:
    """Each recorded value as a line: ``before → after`` only where there was a before."""
    lines = []
    for name, value in (changes or {}).items():
        if _is_pair(name, value):
            before, after = value
            had_before = before not in (None, "", [])
            lines.append(
                ChangeLine(
                    field_words(name),
                    value_words(before) if had_before else None,
                    value_words(after),
                )
            )
        else:
            lines.append(ChangeLine(field_words(name), None, value_words(value)))
    return lines


def without_email(summary: str, email: str, name: str) -> str:
    """The summary with the actor's email address replaced by their name: the log shows the
    address once, beside the name, not again in every sentence."""
    if not email or email not in summary:
        return summary
    return summary.replace(email, name or email)


def event_rows(events: Iterable[Any]) -> list[dict[str, Any]]:
    """Each event in words; a person's email address shows beside their name the first time
    they appear on the page, not on every row."""
    seen: set[int] = set()
    rows = []
    for event in events:
        actor = event.actor
        name = email = ""
        if actor is not None:
            name = actor.display_name or actor.email
            if actor.pk not in seen:
                email = actor.email if actor.display_name else ""
                seen.add(actor.pk)
        rows.append(
            {
                "event": event,
                "label": action_label(event.action),
                "name": name,
                "email": email,
                "summary": without_email(event.summary, actor.email if actor else "", name),
                "changes": change_lines(event.changes if isinstance(event.changes, dict) else {}),
            }
        )
    return rows
