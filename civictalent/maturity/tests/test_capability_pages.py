"""The capability model's pages: public browsing and downloads, and editing, history and import
by platform admins only."""

from __future__ import annotations

import io
from collections.abc import Callable

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from openpyxl import load_workbook

from civictalent.accounts.models import User
from civictalent.maturity.capability_services import capability_model_load_starter
from civictalent.maturity.capability_table import COLUMNS
from civictalent.maturity.models import Capability, CapabilityVersion

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def loaded() -> None:
    capability_model_load_starter()


@pytest.fixture
def admin_client(make_user: Callable[..., User]) -> Client:
    client = Client()
    client.force_login(make_user(platform_admin=True, with_authenticator=True, name="Ada"))
    return client


def test_the_index_lists_domains_and_filters_by_stage_and_size() -> None:
    page = Client().get(reverse("capabilities:index")).content.decode()
    for name in ("Digital", "Data", "Innovation", "Data science", "Experimentation"):
        assert name in page
    assert "Emerging" in page
    filtered = Client().get(reverse("capabilities:index"), {"stage": "1", "size": "large"})
    text = filtered.content.decode()
    assert "Data governance" in text and "Data science" not in text
    assert "Indicative FTE" in text and "(illustrative)" in text
    wrong = Client().get(reverse("capabilities:index"), {"stage": "nine"})
    assert wrong.status_code == 200
    assert "There is a problem" in wrong.content.decode()


def test_a_domain_page_lists_only_its_capabilities() -> None:
    page = Client().get(reverse("capabilities:domain", args=["innovation"])).content.decode()
    assert "Partnerships" in page and "Data science" not in page
    assert Client().get(reverse("capabilities:domain", args=["nowhere"])).status_code == 404


def test_a_capability_page_shows_roles_linked_to_the_framework_and_says_illustrative(
    admin_client: Client,
) -> None:
    url = reverse("capabilities:detail", args=["data-governance"])
    page = Client().get(url).content.decode()
    assert reverse("framework:level", args=["data-governance-manager"]) in page
    assert "illustrative" in page
    assert "A must-have from maturity stage <strong>1</strong> of 5." in page
    assert "Name owners and stewards" in page
    assert reverse("capabilities:edit", args=["data-governance"]) not in page
    assert (
        reverse("capabilities:edit", args=["data-governance"])
        in admin_client.get(url).content.decode()
    )
    assert Client().get(reverse("capabilities:detail", args=["nothing"])).status_code == 404


def _edit_data(capability: Capability, **changes: str) -> dict[str, str]:
    roles = list(capability.roles.all())
    data = {
        "version": str(capability.version),
        "domain": str(capability.domain_id),
        "name": capability.name,
        "description": capability.description,
        "benefits": capability.benefits,
        "responsibilities": capability.responsibilities,
        "must_have_stage": str(capability.must_have_stage),
        "staffing_is_illustrative": "on",
        "roles-TOTAL_FORMS": str(len(roles) + 2),
        "roles-INITIAL_FORMS": str(len(roles)),
        "roles-MIN_NUM_FORMS": "0",
        "roles-MAX_NUM_FORMS": "40",
    }
    for number, row in enumerate(roles):
        data |= {
            f"roles-{number}-role_level": str(row.role_level_id),
            f"roles-{number}-fte_small": str(row.fte_small),
            f"roles-{number}-fte_medium": str(row.fte_medium),
            f"roles-{number}-fte_large": str(row.fte_large),
        }
    data.update(changes)
    return data


def test_an_admin_edits_a_capability_and_reads_its_history(admin_client: Client) -> None:
    capability = Capability.objects.get(slug="data-governance")
    url = reverse("capabilities:edit", args=[capability.slug])
    assert admin_client.get(url).status_code == 200
    data = _edit_data(capability, benefits="Trusted data.", **{"roles-1-remove": "on"})
    response = admin_client.post(url, data)
    assert response.status_code == 302
    capability.refresh_from_db()
    assert (capability.version, capability.benefits, capability.roles.count()) == (
        2,
        "Trusted data.",
        1,
    )
    history = admin_client.get(reverse("capabilities:history", args=[capability.slug]))
    text = history.content.decode()
    assert "Version 2" in text and "Trusted data." in text and "Role level removed" in text


def test_an_edit_over_a_newer_version_is_refused_with_nothing_saved(admin_client: Client) -> None:
    capability = Capability.objects.get(slug="data-governance")
    url = reverse("capabilities:edit", args=[capability.slug])
    first = _edit_data(capability, benefits="First.")
    second = _edit_data(capability, benefits="Second.")
    assert admin_client.post(url, first).status_code == 302
    response = admin_client.post(url, second)
    text = response.content.decode()
    assert response.status_code == 200
    assert "There is a problem" in text and "Someone else saved changes" in text
    capability.refresh_from_db()
    assert (capability.version, capability.benefits) == (2, "First.")


def test_bad_edits_show_the_error_summary(admin_client: Client) -> None:
    capability = Capability.objects.get(slug="data-governance")
    url = reverse("capabilities:edit", args=[capability.slug])
    data = _edit_data(
        capability,
        name="",
        **{"roles-2-role_level": "", "roles-2-fte_small": "1", "roles-0-fte_large": "abc"},
    )
    text = admin_client.post(url, data).content.decode()
    assert "Enter the capability&#x27;s name." in text
    assert "Role level 3: Choose the role level these staff numbers are for." in text
    assert "Role level 1: Enter a number." in text
    assert Capability.objects.get(pk=capability.pk).version == 1


def test_people_other_than_platform_admins_cannot_edit(make_user: Callable[..., User]) -> None:
    client = Client()
    client.force_login(make_user())
    for name in ("capabilities:edit", "capabilities:history"):
        assert client.get(reverse(name, args=["data-governance"])).status_code == 403
    assert client.get(reverse("capabilities:import")).status_code == 403
    assert Client().get(reverse("capabilities:import")).status_code == 302


def test_exports_round_trip_through_the_import_page(admin_client: Client) -> None:
    csv_data = Client().get(reverse("capabilities:export_csv"))
    assert csv_data["Content-Type"].startswith("text/csv")
    assert csv_data.content.decode().splitlines()[0] == ",".join(COLUMNS)
    xlsx_data = Client().get(reverse("capabilities:export_xlsx")).content
    sheet = load_workbook(io.BytesIO(xlsx_data)).active
    assert sheet is not None and [cell.value for cell in sheet[1]] == list(COLUMNS)
    versions = CapabilityVersion.objects.count()
    for name, content in (("model.csv", csv_data.content), ("model.xlsx", xlsx_data)):
        upload = SimpleUploadedFile(name, content, content_type="application/octet-stream")
        response = admin_client.post(reverse("capabilities:import"), {"file": upload})
        text = response.content.decode()
        assert "0 added, 0 updated, 16 unchanged" in text, text[:2000]
    assert CapabilityVersion.objects.count() == versions


def test_an_import_with_a_bad_row_lists_it_and_saves_nothing(admin_client: Client) -> None:
    lines = Client().get(reverse("capabilities:export_csv")).content.decode().splitlines()
    lines[1] = lines[1].replace("Product management", "Product leadership", 1)
    lines.append("data,new-one,New one,About it.,Gains.,,six,no,yes,,,,")
    upload = SimpleUploadedFile("model.csv", "\n".join(lines).encode(), content_type="text/csv")
    text = admin_client.post(reverse("capabilities:import"), {"file": upload}).content.decode()
    assert "Nothing was imported" in text
    assert "must_have_stage must be a whole number from 1 to 5, not &#x27;six&#x27;" in text
    assert not Capability.objects.filter(slug="new-one").exists()
    assert not Capability.objects.filter(name="Product leadership").exists()


@pytest.mark.parametrize(
    ("name", "content", "content_type", "expected"),
    [
        ("model.pdf", b"%PDF-1.4", "application/pdf", "is not a CSV or Excel"),
        ("model.xlsx", b"domain,capability_slug", "application/octet-stream", "not an Excel"),
        ("model.csv", b"", "text/csv", "empty"),
        ("model.csv", b"PK\x03\x04\x00\x00", "text/csv", "not a text file"),
    ],
)
def test_uploads_are_checked_before_they_are_read(
    admin_client: Client, name: str, content: bytes, content_type: str, expected: str
) -> None:
    upload = SimpleUploadedFile(name, content, content_type=content_type)
    text = admin_client.post(reverse("capabilities:import"), {"file": upload}).content.decode()
    assert "There is a problem" in text and expected in text


def test_a_role_level_of_another_framework_can_still_be_removed(admin_client: Client) -> None:
    from civictalent.framework.models import Framework, JobFamily, Role, RoleLevel

    other = Framework.objects.create(name="Old framework", slug="old")
    family = JobFamily.objects.create(framework=other, name="Old", slug="old")
    role = Role.objects.create(framework=other, family=family, name="Old role", slug="old-role")
    level = RoleLevel.objects.create(framework=other, role=role, name="Old level", slug="old-level")
    capability = Capability.objects.get(slug="data-governance")
    row = capability.roles.first()
    assert row is not None
    row.role_level = level
    row.save()
    url = reverse("capabilities:edit", args=[capability.slug])
    assert "Old level (Old framework)" in admin_client.get(url).content.decode()
    response = admin_client.post(url, _edit_data(capability, **{"roles-0-remove": "on"}))
    assert response.status_code == 302
    assert not capability.roles.filter(role_level=level).exists()
