"""Suggestions: anyone who can see a job description proposes an improvement; the owning
council's editors accept or decline it, with an optional response. Both are audited and emailed
(after commit, through the outbox)."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from civictalent.accounts.models import User
from civictalent.core.audit import audit_record
from civictalent.core.emails import email_queue, render_email, site_url
from civictalent.jdlibrary.models import JDSuggestion, JobDescription, SuggestionStatus
from civictalent.organisations.selectors import council_editors

MIN_SUGGESTION_CHARACTERS = 10
MAX_SUGGESTION_CHARACTERS = 5000
MAX_RESPONSE_CHARACTERS = 2000


def _link(jd: JobDescription, suggestion: JDSuggestion) -> str:
    path = reverse("jdlibrary:detail", args=[jd.pk])
    return site_url(f"{path}#suggestion-{suggestion.pk}")


def suggestions_for(jd: JobDescription) -> dict[str, list[JDSuggestion]]:
    """A JD's suggestions for its page: open ones (oldest first), then resolved ones."""
    suggestions = list(
        JDSuggestion.objects.filter(job_description=jd)
        .select_related("author", "resolved_by")
        .order_by("created_at")
    )
    return {
        "open": [s for s in suggestions if s.status == SuggestionStatus.OPEN],
        "resolved": sorted(
            (s for s in suggestions if s.status != SuggestionStatus.OPEN),
            key=lambda s: s.resolved_at or s.created_at,
            reverse=True,
        ),
    }


def _clean_text(text: str) -> str:
    text = text.replace("\r\n", "\n").strip()
    if len(text) < MIN_SUGGESTION_CHARACTERS:
        raise ValidationError(
            f"Write at least {MIN_SUGGESTION_CHARACTERS} characters: say what to change and why.",
            code="too_short",
        )
    if len(text) > MAX_SUGGESTION_CHARACTERS:
        raise ValidationError(
            f"Keep your suggestion to {MAX_SUGGESTION_CHARACTERS:,} characters or fewer; it has "
            f"{len(text):,}. Make one suggestion at a time.",
            code="too_long",
        )
    return text


def suggestion_create(*, jd: JobDescription, author: User, text: str) -> JDSuggestion:
    """Propose an improvement to ``jd``. Its council's editors and admins are emailed."""
    if not author.has_perm("jdlibrary.view_jd", jd):
        raise PermissionDenied("You can only suggest changes to job descriptions you can see.")
    text = _clean_text(text)
    with transaction.atomic():
        suggestion = JDSuggestion.objects.create(job_description=jd, author=author, text=text)
        audit_record(
            actor=author,
            action="jd.suggestion_created",
            target=suggestion,
            organisation=jd.organisation,
            summary=f"{author.email} suggested a change to {jd.title!r}",
        )
        link = _link(jd, suggestion)
        for editor in council_editors(jd.organisation_id):
            if editor.pk == author.pk:
                continue
            subject, body = render_email(
                "jdlibrary/emails/suggestion_created",
                {
                    "editor": editor,
                    "author": author,
                    "jd": jd,
                    "organisation": jd.organisation,
                    "suggestion": suggestion,
                    "link": link,
                },
            )
            email_queue(
                to=editor.email,
                subject=subject,
                body_text=body,
                idempotency_key=f"jd-suggestion-{suggestion.pk}-created-{editor.pk}",
            )
    return suggestion


def suggestion_resolve(
    *, suggestion: JDSuggestion, by: User, accept: bool, response: str = ""
) -> JDSuggestion:
    """Accept or decline an open suggestion, with an optional response. Its author is emailed."""
    response = response.replace("\r\n", "\n").strip()
    if len(response) > MAX_RESPONSE_CHARACTERS:
        raise ValidationError(
            f"Keep your response to {MAX_RESPONSE_CHARACTERS:,} characters or fewer; it has "
            f"{len(response):,}.",
            code="too_long",
        )
    with transaction.atomic():
        # No select_related: PostgreSQL cannot lock the nullable side of an outer join.
        locked = JDSuggestion.objects.select_for_update().get(pk=suggestion.pk)
        jd = JobDescription.objects.select_related("organisation").get(pk=locked.job_description_id)
        locked.job_description = jd
        if not by.has_perm("jdlibrary.edit_jd", jd):
            raise PermissionDenied(
                f"Only editors at {jd.organisation.short_name} can resolve suggestions on its "
                "job descriptions."
            )
        if locked.status != SuggestionStatus.OPEN:
            raise ValidationError(
                f"This suggestion was already {locked.get_status_display().lower()}"
                + (f" by {locked.resolved_by.name}" if locked.resolved_by else "")
                + ". Nothing was changed.",
                code="already_resolved",
            )
        locked.status = SuggestionStatus.ACCEPTED if accept else SuggestionStatus.DECLINED
        locked.resolved_by = by
        locked.resolved_at = timezone.now()
        locked.response = response
        locked.full_clean(exclude=["author", "resolved_by", "job_description"])
        locked.save(update_fields=["status", "resolved_by", "resolved_at", "response"])
        audit_record(
            actor=by,
            action="jd.suggestion_accepted" if accept else "jd.suggestion_declined",
            target=locked,
            organisation=jd.organisation,
            summary=f"{by.email} {locked.status} a suggestion on {jd.title!r}",
            changes={"response": response} if response else None,
        )
        author = locked.author
        if author is not None and author.is_active and author.pk != by.pk:
            subject, body = render_email(
                "jdlibrary/emails/suggestion_resolved",
                {
                    "author": author,
                    "by": by,
                    "jd": jd,
                    "organisation": jd.organisation,
                    "suggestion": locked,
                    "accepted": accept,
                    "link": _link(jd, locked),
                },
            )
            email_queue(
                to=author.email,
                subject=subject,
                body_text=body,
                idempotency_key=f"jd-suggestion-{locked.pk}-resolved",
            )
    return locked
