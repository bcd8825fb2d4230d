"""Record when a platform admin reads personal data: which list or record, never the data itself.

Mix ``PersonalDataViewAudit`` into the admin of every model that holds personal data; each GET of
its list, of one record, of a record's delete confirmation or history, and each look-up of it from
another form (autocomplete) writes one ``personal_data.viewed`` audit event. Our own pages call
``personal_data_view_record`` where a platform admin reads personal data outside the admin site
(organisations' ``council_people_view_record``, for example).
"""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.db import models
from django.http import HttpRequest, HttpResponse

from civictalent.core.models import AuditEvent

VIEWED = "personal_data.viewed"


def personal_data_view_record(
    *,
    request: HttpRequest,
    target_type: str,
    target_id: str,
    summary: str,
    organisation: Any = None,
) -> AuditEvent | None:
    """Record that the signed-in person read personal data. Nothing is recorded for anyone who
    is not signed in (the views that call this never show them personal data)."""
    user: Any = request.user
    if not getattr(user, "is_authenticated", False):
        return None
    return AuditEvent.objects.create(
        actor=user,
        action=VIEWED,
        organisation=organisation,
        target_type=target_type[:64],
        target_id=target_id[:64],
        summary=summary[:300],
    )


class PersonalDataViewAudit(admin.ModelAdmin):
    """Audit every look at this model's list and records in the admin site."""

    def changelist_view(self, request: HttpRequest, extra_context: Any = None) -> Any:
        response = super().changelist_view(request, extra_context)
        if request.method == "GET" and _succeeded(response):
            filtered = any(key not in {"p", "o"} for key in request.GET)
            plural = self.model._meta.verbose_name_plural
            personal_data_view_record(
                request=request,
                target_type=self.model._meta.label,
                target_id="list",
                summary=f"{request.user} viewed the list of {plural} in the admin site"
                + (" (searched or filtered)" if filtered else ""),
            )
        return response

    def change_view(
        self,
        request: HttpRequest,
        object_id: str,
        form_url: str = "",
        extra_context: Any = None,
    ) -> Any:
        response = super().change_view(request, object_id, form_url, extra_context)
        if request.method == "GET":
            self._record_record_view(request, response, object_id, "{name} {id}")
        return response

    def delete_view(self, request: HttpRequest, object_id: str, extra_context: Any = None) -> Any:
        response = super().delete_view(request, object_id, extra_context)
        if request.method == "GET":
            self._record_record_view(
                request, response, object_id, "{name} {id} before deleting it,"
            )
        return response

    def history_view(self, request: HttpRequest, object_id: str, extra_context: Any = None) -> Any:
        response = super().history_view(request, object_id, extra_context)
        self._record_record_view(request, response, object_id, "the history of {name} {id}")
        return response

    def _record_record_view(
        self, request: HttpRequest, response: Any, object_id: str, what: str
    ) -> None:
        """One record of one page about one record, if the page was shown."""
        if not _succeeded(response):
            return
        seen = what.format(name=self.model._meta.verbose_name, id=object_id)
        personal_data_view_record(
            request=request,
            target_type=self.model._meta.label,
            target_id=str(object_id),
            summary=f"{request.user} viewed {seen} in the admin site",
        )

    def get_search_results(
        self, request: HttpRequest, queryset: Any, search_term: str
    ) -> tuple[Any, bool]:
        """Also serves the admin's look-up fields (autocomplete), which list matching records."""
        results = super().get_search_results(request, queryset, search_term)
        match = getattr(request, "resolver_match", None)
        if match is not None and match.url_name == "autocomplete":
            plural = self.model._meta.verbose_name_plural
            personal_data_view_record(
                request=request,
                target_type=self.model._meta.label,
                target_id="autocomplete",
                summary=f"{request.user} looked up {plural} in a look-up field of the admin site",
            )
        return results


def _succeeded(response: HttpResponse | Any) -> bool:
    return getattr(response, "status_code", 0) == 200


def audited_admin_class(model_admin: type[admin.ModelAdmin]) -> type[admin.ModelAdmin]:
    """The same admin with views of personal data audited (for admins a package registers)."""
    return type(f"Audited{model_admin.__name__}", (PersonalDataViewAudit, model_admin), {})


def audit_registered_admin(site: admin.AdminSite, model: type[models.Model]) -> None:
    """Swap a package's registered admin for ``model`` for the same admin, audited."""
    if not site.is_registered(model):
        return
    current = type(site._registry[model])
    if issubclass(current, PersonalDataViewAudit):
        return
    site.unregister(model)
    site.register(model, audited_admin_class(current))
