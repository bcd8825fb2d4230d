from __future__ import annotations

from django.contrib import admin

from civictalent.accounts.models import User


@admin.register(User)
class UserAdmin(admin.ModelAdmin):
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
