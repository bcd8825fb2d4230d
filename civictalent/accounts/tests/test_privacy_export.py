"""Download your data: everything held about the person, nothing secret, nobody else's."""

from __future__ import annotations

import io
import json
import zipfile
from collections.abc import Callable
from typing import Any

import pytest
from django.apps import apps
from django.contrib.auth import get_user_model
from django.db import models
from django.test import Client

from civictalent.accounts.models import User
from civictalent.accounts.personal_data import all_sources, covered_foreign_keys
from civictalent.alerts.models import AlertSubscription
from civictalent.core.audit import audit_record
from civictalent.core.models import AuditEvent, OutboundEmail
from civictalent.jdlibrary.models import JDSuggestion, JobDescription
from civictalent.jobs.models import SavedSearch, Vacancy
from civictalent.organisations.models import JoinRequest, Organisation, Role

ALERT_SECRET = "alert-secret-that-must-not-leak-0123456789"


def foreign_keys_to_people() -> list[tuple[type[models.Model], Any]]:
    user_model = get_user_model()
    return [
        (model, field)
        for model in apps.get_models()
        for field in model._meta.get_fields()
        if field.is_relation and field.concrete and field.related_model is user_model
    ]


def test_every_foreign_key_to_a_person_is_in_the_download() -> None:
    found = {f"{model._meta.label}.{field.name}" for model, field in foreign_keys_to_people()}
    missing = sorted(found - covered_foreign_keys())
    assert not missing, (
        f"these fields point at a person but the data download does not cover them: {missing}. "
        "Add a PersonalDataSource to the personal_data.py of the app that owns the model."
    )
    assert not covered_foreign_keys() - found, "personal_data.py lists fields that do not exist"


def test_every_foreign_key_to_a_person_is_deleted_or_emptied_with_the_account() -> None:
    """Deleting an account must neither fail (PROTECT) nor leave a dangling link."""
    wrong = [
        f"{model._meta.label}.{field.name}"
        for model, field in foreign_keys_to_people()
        if not field.many_to_many
        and field.remote_field.on_delete not in {models.CASCADE, models.SET_NULL}
    ]
    assert not wrong, f"choose CASCADE (personal) or SET_NULL (kept, anonymised) for {wrong}"


def test_every_source_has_its_own_file() -> None:
    names = [source.filename for source in all_sources()]
    assert len(names) == len(set(names))
    assert all(name.endswith(".json") for name in names)


def download(client: Client) -> dict[str, Any]:
    response = client.get("/account/your-data/")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/zip"
    assert "attachment" in response["Content-Disposition"]
    assert "no-cache" in response.get("Cache-Control", "") or "no-store" in response.get(
        "Cache-Control", ""
    )
    with zipfile.ZipFile(io.BytesIO(response.content)) as archive:
        return {
            name: (
                archive.read(name).decode()
                if name.endswith(".txt")
                else json.loads(archive.read(name))
            )
            for name in archive.namelist()
        }


@pytest.mark.django_db
def test_the_download_holds_the_persons_data_and_no_secrets_or_other_peoples(
    make_user: Callable[..., User], council_a: Organisation, council_b: Organisation
) -> None:
    jo = make_user(
        email="jo@hackney.gov.uk",
        name="Jo Bloggs",
        organisation=council_a,
        role=Role.EDITOR,
        with_authenticator=True,
    )
    other = make_user(email="sam@greenwich.gov.uk", name="Sam Other", organisation=council_b)
    JoinRequest.objects.create(user=jo, organisation=council_b, message="I work with Greenwich")
    SavedSearch.objects.create(user=jo, name="Data jobs", query_string="q=data")
    SavedSearch.objects.create(user=other, name="Other's search", query_string="q=other")
    AlertSubscription.objects.create(
        email="JO@hackney.gov.uk", query_string="q=analyst", secret=ALERT_SECRET
    )
    AlertSubscription.objects.create(email="sam@greenwich.gov.uk", secret="another-secret")
    OutboundEmail.objects.create(to="jo@hackney.gov.uk", subject="Welcome", body_text="Hello Jo")
    OutboundEmail.objects.create(to="sam@greenwich.gov.uk", subject="Not Jo's", body_text="Hi")
    jd = JobDescription.objects.create(organisation=council_a, title="Data analyst", created_by=jo)
    JDSuggestion.objects.create(job_description=jd, author=jo, text="Say what the team does.")
    Vacancy.objects.create(
        organisation=council_a,
        title="Data engineer",
        summary="Build pipelines.",
        created_by=other,
        contact_email="jo@hackney.gov.uk",
    )
    audit_record(actor=jo, action="test.changed", target=jd, summary="Jo changed a JD")
    audit_record(actor=other, action="test.changed", target=jd, summary="Sam changed a JD")

    client = Client()
    client.force_login(jo)
    files = download(client)

    assert {source.filename for source in all_sources()} | {"README.txt"} == set(files)
    assert files["account.json"]["email"] == "jo@hackney.gov.uk"
    assert files["account.json"]["display_name"] == "Jo Bloggs"
    assert [row["email"] for row in files["email_addresses.json"]] == ["jo@hackney.gov.uk"]
    assert [row["type"] for row in files["two_factor_authentication.json"]] == ["totp"]
    assert [row["organisation__name"] for row in files["council_memberships.json"]] == [
        council_a.name
    ]
    assert files["join_requests.json"][0]["message"] == "I work with Greenwich"
    assert [row["name"] for row in files["saved_job_searches.json"]] == ["Data jobs"]
    assert [row["query_string"] for row in files["job_alerts.json"]] == ["q=analyst"]
    assert [row["subject"] for row in files["emails_sent_to_you.json"]] == ["Welcome"]
    assert [row["title"] for row in files["job_descriptions_created.json"]] == ["Data analyst"]
    assert files["job_description_suggestions.json"][0]["text"] == "Say what the team does."
    assert [row["you"] for row in files["vacancies.json"]] == ["are the contact"]
    summaries = [row["summary"] for row in files["audit_log.json"]]
    assert "Jo changed a JD" in summaries and "Sam changed a JD" not in summaries

    everything = json.dumps(files)
    assert jo.password not in everything and "pbkdf2" not in everything
    assert "JBSWY3DPEHPK3PXP" not in everything, "the two-factor secret leaked"
    assert ALERT_SECRET not in everything, "the alert link secret leaked"
    assert "sam@greenwich.gov.uk" not in everything and "Other's search" not in everything
    # The download itself is on the record.
    assert AuditEvent.objects.filter(action="personal_data.downloaded", actor=jo).count() == 1
