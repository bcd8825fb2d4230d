"""Every model in the admin site: its list, add, change and delete pages admit platform admins
(signed in, with an authenticator app) and no one else.

The models are read from django.contrib.admin.site._registry, so a model newly registered without
a row in PLATFORM_ADMIN_EXPECTED (or an object in OBJECT_FACTORIES) fails the build.
"""

from __future__ import annotations

import datetime
import secrets
from collections.abc import Callable
from typing import Any

import pytest
from django.contrib import admin
from django.db import models
from django.forms.models import model_to_dict
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from civictalent.accounts.models import User
from civictalent.organisations.models import Membership, Organisation, Role

# Outcomes for a platform admin on each admin page: ok (200) or deny (403, the model admin
# allows no such change: the audited pages and services make it instead).
PAGES = ("changelist", "add", "change", "delete")


def _row(changelist: str, add: str, change: str, delete: str) -> dict[str, str]:
    return dict(zip(PAGES, (changelist, add, change, delete), strict=True))


EVERYTHING = _row("ok", "ok", "ok", "ok")
READ_ONLY = _row("ok", "deny", "ok", "deny")  # the change page shows the record, read-only
NO_ADD = _row("ok", "deny", "ok", "ok")
VIEW_AND_DELETE = _row("ok", "deny", "ok", "ok")
READ_ONLY_BUT_CHANGE = _row("ok", "deny", "ok", "deny")
NOTHING = _row("deny", "deny", "deny", "deny")

PLATFORM_ADMIN_EXPECTED: dict[str, dict[str, str]] = {}  # filled in below

# People who must never use the admin site, and where they end up: the admin's sign-in page
# (admin_login), or the page that asks them to set up two-factor authentication (mfa_setup).
OUTSIDERS: dict[str, str] = {
    "anonymous": "admin_login",
    "member_a": "admin_login",
    "editor_a": "admin_login",
    "admin_a": "admin_login",
    "member_b": "admin_login",
    # Nothing stops is_staff being set by hand on a council admin: the site still refuses.
    "staff_council_admin": "admin_login",
    # A superuser flag without is_platform_admin: the ModelBackend would grant every
    # permission, but the site's has_permission asks for a platform admin first.
    "superuser_not_platform_admin": "admin_login",
    # A platform admin without an authenticator app is sent to set one up first.
    "platform_admin_without_mfa": "mfa_setup",
}


def outcome_of(response: Any) -> str:
    status = response.status_code
    if status == 200:
        return "ok"
    if status == 403:
        return "deny"
    if status == 302:
        location = response["Location"]
        if location.startswith("/admin/login/"):
            return "admin_login"
        if location.startswith(reverse("mfa_activate_totp")):
            return "mfa_setup"
        return f"redirect {location}"
    return f"status {status}"


# --------------------------------------------------------------------------------------------
# One object of each registered model


def _now() -> datetime.datetime:
    return timezone.now()


def _vacancy(council: Organisation) -> Any:
    from civictalent.jobs.models import Vacancy

    return Vacancy.objects.create(
        organisation=council,
        title="Admin walker vacancy",
        summary="A vacancy for the admin walker.",
        status="draft",
        closes_at=_now() + datetime.timedelta(days=10),
    )


def _subscription() -> Any:
    from civictalent.alerts.models import AlertSubscription

    return AlertSubscription.objects.create(
        email=f"walker-{secrets.token_hex(3)}@example.org",
        query_string="q=data",
        secret=secrets.token_urlsafe(32),
    )


def _social_account(people: dict[str, Any]) -> Any:
    from allauth.socialaccount.models import SocialAccount

    return SocialAccount.objects.create(user=people["member_b"], provider="openid_connect", uid="1")


def _make_social_token(people: dict[str, Any], council: Organisation) -> Any:
    from allauth.socialaccount.models import SocialApp, SocialToken

    app = SocialApp.objects.create(provider="openid_connect", name="Council SSO", client_id="x")
    return SocialToken.objects.create(account=_social_account(people), app=app, token="t")


def _make_task_result(people: dict[str, Any], council: Organisation) -> Any:
    from django_tasks_db.models import DBTaskResult

    return DBTaskResult.objects.create(
        args_kwargs={"args": [], "kwargs": {}},
        task_path="civictalent.core.tasks.heartbeat",
        backend_name="default",
        run_after=_now(),
        exception_class_path="",
        traceback="",
    )


def _make_audit_event(people: dict[str, Any], council: Organisation) -> Any:
    from civictalent.core.audit import audit_record

    return audit_record(
        actor=people["platform_admin"], action="walker.test", target=council, summary="Walked"
    )


def _make_grade_map(people: dict[str, Any], council: Organisation) -> Any:
    from civictalent.salaries.models import GradeMap
    from civictalent.salaries.payscales import payscales_load_demo

    payscales_load_demo()
    return GradeMap.objects.order_by("pk").first()


def _make_pay_spine(people: dict[str, Any], council: Organisation) -> Any:
    from civictalent.salaries.models import PaySpine
    from civictalent.salaries.payscales import payscales_load_demo

    payscales_load_demo()
    return PaySpine.objects.order_by("pk").first()


def _make_pay_scheme(people: dict[str, Any], council: Organisation) -> Any:
    from civictalent.salaries.models import PayScheme

    return PayScheme.objects.create(code="walker", name="Walker scheme")


def _model(label: str) -> Any:
    """The model class for "app_label.ModelName" (typed loosely: every model has .objects)."""
    from django.apps import apps

    return apps.get_model(label)


def _make_run(people: dict[str, Any], council: Organisation) -> Any:
    return _model("alerts.AlertRun").objects.create(subscription=_subscription(), period="2026-W01")


def _capability() -> Any:
    from civictalent.maturity.capability_services import capability_model_load_starter

    capability_model_load_starter()
    return _model("maturity.Capability").objects.order_by("pk").first()


def _question() -> Any:
    maturity_model = _model("maturity.MaturityModel").objects.create(
        slug="walker-model", title="Walker model", source="imported"
    )
    topic = _model("maturity.Topic").objects.create(
        model=maturity_model, slug="walker-topic", name="Walker topic"
    )
    theme = _model("maturity.Theme").objects.create(
        model=maturity_model, slug="walker-theme", name="Walker theme"
    )
    return _model("maturity.Question").objects.create(
        model=maturity_model, topic=topic, theme=theme, text="Does the walker walk?"
    )


OBJECT_FACTORIES: dict[str, Callable[[dict[str, Any], Organisation], Any]] = {
    "auth.Group": lambda p, c: _model("auth.Group").objects.create(name="Walkers"),
    "account.EmailAddress": lambda p, c: _model("account.EmailAddress").objects.get(
        user=p["member_b"]
    ),
    "mfa.Authenticator": lambda p, c: _model("mfa.Authenticator").objects.get(user=p["admin_a"]),
    "socialaccount.SocialApp": lambda p, c: _model("socialaccount.SocialApp").objects.create(
        provider="openid_connect", name="Council SSO", client_id="walker", secret="s3cret"
    ),
    "socialaccount.SocialToken": _make_social_token,
    "socialaccount.SocialAccount": lambda p, c: _social_account(p),
    "django_tasks_database.DBTaskResult": _make_task_result,
    "core.AuditEvent": _make_audit_event,
    "core.OutboundEmail": lambda p, c: _model("core.OutboundEmail").objects.create(
        to="someone@example.org", subject="Hello", body_text="Hello."
    ),
    "core.ScheduledRun": lambda p, c: _model("core.ScheduledRun").objects.create(
        job="alerts_weekly", period="2026-W01"
    ),
    "accounts.User": lambda p, c: p["member_b"],
    "organisations.Organisation": lambda p, c: c,
    "organisations.Membership": lambda p, c: Membership.objects.get(user=p["member_b"]),
    "organisations.JoinRequest": lambda p, c: _model("organisations.JoinRequest").objects.create(
        user=p["member_a"], organisation=c
    ),
    "salaries.PayScheme": _make_pay_scheme,
    "salaries.PaySpine": _make_pay_spine,
    "salaries.GradeMap": _make_grade_map,
    "jobs.Vacancy": lambda p, c: _vacancy(c),
    "jobs.CouncilJobsSettings": lambda p, c: _model("jobs.CouncilJobsSettings").objects.create(
        organisation=c, feed_url="https://jobs.example.gov.uk/feed.json", feed_format="json"
    ),
    "jobs.VacancyImport": lambda p, c: _model("jobs.VacancyImport").objects.create(
        organisation=c, source="upload", file_format="csv", filename="v.csv", rows=[]
    ),
    "jobs.SavedSearch": lambda p, c: _model("jobs.SavedSearch").objects.create(
        user=p["member_b"], name="Data jobs", query_string="q=data"
    ),
    "jobs.VacancyDailyCount": lambda p, c: _model("jobs.VacancyDailyCount").objects.create(
        vacancy=_vacancy(c), organisation=c, day=timezone.localdate(), views=3
    ),
    "alerts.AlertSubscription": lambda p, c: _subscription(),
    "alerts.AlertRun": _make_run,
    "alerts.AlertFeedback": lambda p, c: _model("alerts.AlertFeedback").objects.create(
        run=_make_run(p, c), relevant=True
    ),
    "maturity.Domain": lambda p, c: _capability().domain,
    "maturity.Capability": lambda p, c: _capability(),
    "maturity.CapabilityVersion": lambda p, c: _capability().versions.first(),
    "maturity.MaturityModel": lambda p, c: _question().model,
    "maturity.MaturityLevel": lambda p, c: _model("maturity.MaturityLevel").objects.create(
        model=_question().model, number=1, name="Beginning"
    ),
    "maturity.Topic": lambda p, c: _question().topic,
    "maturity.Theme": lambda p, c: _question().theme,
    "maturity.Question": lambda p, c: _question(),
    "maturity.LevelStatement": lambda p, c: _model("maturity.LevelStatement").objects.create(
        question=_question(), level=1, text="It does not walk yet."
    ),
}

PLATFORM_ADMIN_EXPECTED.update(
    {
        # Groups are not used: permissions come from rules, so not even platform admins.
        "auth.Group": NOTHING,
        # Registered by allauth, but no rule grants them: the account pages manage these.
        "account.EmailAddress": NOTHING,
        "mfa.Authenticator": VIEW_AND_DELETE,
        # Single sign-on is configured in settings, not here; tasks are read by the health page.
        "socialaccount.SocialApp": NOTHING,
        "socialaccount.SocialToken": NOTHING,
        "socialaccount.SocialAccount": NOTHING,
        "django_tasks_database.DBTaskResult": NOTHING,
        "core.AuditEvent": READ_ONLY,
        "core.OutboundEmail": READ_ONLY,
        "core.ScheduledRun": READ_ONLY,
        "accounts.User": EVERYTHING,
        "organisations.Organisation": EVERYTHING,
        # Memberships and requests change through the audited members pages.
        "organisations.Membership": READ_ONLY_BUT_CHANGE,
        "organisations.JoinRequest": READ_ONLY_BUT_CHANGE,
        # Pay scales come in through the import pages, which check them.
        "salaries.PayScheme": READ_ONLY_BUT_CHANGE,
        "salaries.PaySpine": NO_ADD,
        "salaries.GradeMap": NO_ADD,
        "jobs.Vacancy": READ_ONLY,
        "jobs.CouncilJobsSettings": READ_ONLY,
        "jobs.VacancyImport": READ_ONLY,
        "jobs.SavedSearch": READ_ONLY,
        "jobs.VacancyDailyCount": READ_ONLY,
        "alerts.AlertSubscription": VIEW_AND_DELETE,
        "alerts.AlertRun": VIEW_AND_DELETE,
        "alerts.AlertFeedback": VIEW_AND_DELETE,
        # The capability pages (versioned, audited) and import-maturity change these.
        "maturity.Domain": READ_ONLY,
        "maturity.Capability": READ_ONLY,
        "maturity.CapabilityVersion": READ_ONLY,
        "maturity.MaturityModel": READ_ONLY,
        "maturity.MaturityLevel": READ_ONLY,
        "maturity.Topic": READ_ONLY,
        "maturity.Theme": READ_ONLY,
        "maturity.Question": READ_ONLY,
        "maturity.LevelStatement": READ_ONLY,
    }
)


def registered() -> list[str]:
    import config.urls  # noqa: F401 - configures the admin site

    return sorted(model._meta.label for model in admin.site._registry)


def admin_urls(label: str, obj: Any) -> dict[str, str]:
    meta = _model(label)._meta
    base = f"admin:{meta.app_label}_{meta.model_name}"
    return {
        "changelist": reverse(f"{base}_changelist"),
        "add": reverse(f"{base}_add"),
        "change": reverse(f"{base}_change", args=[obj.pk]),
        "delete": reverse(f"{base}_delete", args=[obj.pk]),
    }


def outsiders(
    people: dict[str, Any], make_user: Callable[..., User], council_a: Organisation
) -> dict[str, User | None]:
    staff_council_admin = make_user(
        organisation=council_a, role=Role.ADMIN, with_authenticator=True
    )
    User.objects.filter(pk=staff_council_admin.pk).update(is_staff=True)
    superuser = make_user(organisation=council_a, role=Role.ADMIN, with_authenticator=True)
    User.objects.filter(pk=superuser.pk).update(is_staff=True, is_superuser=True)
    without_mfa = make_user(platform_admin=True)
    found = {role: people[role] for role in OUTSIDERS if role in people}
    found["staff_council_admin"] = User.objects.get(pk=staff_council_admin.pk)
    found["superuser_not_platform_admin"] = User.objects.get(pk=superuser.pk)
    found["platform_admin_without_mfa"] = without_mfa
    assert set(found) == set(OUTSIDERS)
    return found


def client_as(user: User | None) -> Client:
    client = Client()
    if user is not None:
        client.force_login(user)
    return client


def test_every_registered_model_has_a_row_and_a_factory() -> None:
    models_now = registered()
    missing = [label for label in models_now if label not in PLATFORM_ADMIN_EXPECTED]
    assert not missing, f"admin models with no row in PLATFORM_ADMIN_EXPECTED: {missing}"
    no_object = [label for label in models_now if label not in OBJECT_FACTORIES]
    assert not no_object, f"add an object factory for: {no_object}"
    assert sorted(PLATFORM_ADMIN_EXPECTED) == models_now, "rows for models no longer registered"


def _snapshot(obj: Any) -> dict[str, Any]:
    fresh = type(obj).objects.filter(pk=obj.pk).first()
    if fresh is None:
        return {}
    # Signing in (force_login) stamps last_login: that is not a change made through the admin.
    return {key: value for key, value in model_to_dict(fresh).items() if key != "last_login"}


def _forged_form(obj: Any) -> dict[str, str]:
    return {
        field.name: "on" if isinstance(field, models.BooleanField) else "changed-by-walker"
        for field in type(obj)._meta.concrete_fields
        if not field.primary_key
    }


@pytest.mark.django_db
@pytest.mark.parametrize("label", registered())
def test_admin_pages_admit_platform_admins_only(
    label: str,
    people: dict[str, Any],
    make_user: Callable[..., User],
    council_a: Organisation,
    council_b: Organisation,
) -> None:
    """Reading each page, then a forged form to the change and delete pages: everyone but a
    platform admin is turned away, and the object is unchanged."""
    obj = OBJECT_FACTORIES[label](people, council_b)
    before = _snapshot(obj)
    assert before, "the factory's object must exist"
    urls = admin_urls(label, obj)
    wrong = []
    for role, user in outsiders(people, make_user, council_a).items():
        client = client_as(user)
        for page, url in urls.items():
            got = outcome_of(client.get(url))
            if got != OUTSIDERS[role]:
                wrong.append(f"{role} GET {page}: {got}, expected {OUTSIDERS[role]}")
        posts = {
            "change": client.post(urls["change"], {**_forged_form(obj), "_save": "Save"}),
            "delete": client.post(urls["delete"], {"post": "yes"}),
        }
        for page, response in posts.items():
            if outcome_of(response) != OUTSIDERS[role]:
                wrong.append(f"{role} POST {page}: {outcome_of(response)}")
        if _snapshot(obj) != before:
            wrong.append(f"{role} changed or deleted the object")
    admin_client = client_as(people["platform_admin"])
    for page, url in urls.items():
        got = outcome_of(admin_client.get(url))
        if got != PLATFORM_ADMIN_EXPECTED[label][page]:
            wrong.append(
                f"platform_admin GET {page}: {got}, expected {PLATFORM_ADMIN_EXPECTED[label][page]}"
            )
    assert not wrong, f"{label}: " + "; ".join(wrong)
    if label == "accounts.User":
        refreshed = User.objects.get(pk=obj.pk)
        assert not refreshed.is_platform_admin
        assert not refreshed.is_staff
