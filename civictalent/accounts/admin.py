from __future__ import annotations

from typing import Any

from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from allauth.socialaccount.models import SocialAccount
from django.contrib import admin
from django.http import HttpRequest

from civictalent.accounts.models import User
from civictalent.core.admin_audit import PersonalDataViewAudit, audit_registered_admin
from civictalent.core.audit import audit_record

AUDITED_FIELDS = ("is_active", "is_platform_admin", "display_name")


@admin.register(User)
class UserAdmin(PersonalDataViewAudit):
    list_display = ["email", "display_name", "is_active", "is_platform_admin", "date_joined"]
    list_filter = ["is_active", "is_platform_admin"]
    search_fields = ["email", "display_name"]
    readonly_fields = ["email", "date_joined", "last_login"]
    fields = [
        "email",
        "display_name",
        "is_active",
        "is_platform_admin",
        "date_joined",
        "last_login",
    ]
    ordering = ["email"]

    def save_model(self, request: HttpRequest, obj: User, form: Any, change: bool) -> None:
        changes = {
            field: [str(form.initial.get(field)), str(form.cleaned_data.get(field))]
            for field in form.changed_data
            if field in AUDITED_FIELDS
        }
        obj.is_staff = obj.is_platform_admin
        super().save_model(request, obj, form, change)
        if changes:
            audit_record(
                actor=request.user,
                action="user.changed_in_admin",
                target=obj,
                summary=f"{request.user} changed {', '.join(changes)} of {obj.email} "
                "in the admin site",
                changes=changes,
            )


# django-allauth registers these; platform admins' views of them are audited like ours.
for _model in (EmailAddress, Authenticator, SocialAccount):
    audit_registered_admin(admin.site, _model)
