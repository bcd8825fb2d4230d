from __future__ import annotations

import io
import json
from pathlib import Path

import pytest
from django.core.management import call_command
from django.test import Client

from civictalent.framework.models import Framework, Role, RoleLevel
from civictalent.framework.services import framework_import_ddat, framework_load_starter
from conftest import SHARED_DATASETS, require

pytestmark = pytest.mark.django_db


@pytest.fixture
def ddat() -> Framework:
    roles, skills = SHARED_DATASETS / "ddat" / "roles.csv", SHARED_DATASETS / "ddat" / "skills.csv"
    require(roles.exists(), f"the shared DDaT files are not at {roles.parent}")
    framework_import_ddat(roles_path=roles, skills_path=skills)
    return Framework.objects.get(slug="ddat")


def test_a_fresh_install_has_the_starter_framework_as_default() -> None:
    framework_load_starter()
    starter = Framework.objects.get(slug="starter")
    assert starter.is_default
    assert starter.families.count() == 8
    assert Role.objects.filter(framework=starter, name="AI engineer", is_emerging=True).exists()
    assert RoleLevel.objects.filter(framework=starter).count() >= 205


def test_framework_pages_read_well(client: Client, ddat: Framework) -> None:
    overview = client.get("/framework/").content.decode()
    assert "Data ethicist" in overview and "Emerging" in overview
    family = client.get("/framework/families/data/").content.decode()
    assert "Data analyst" in family
    role = client.get("/framework/roles/data-analyst/").content.decode()
    assert role.index("Associate data analyst") < role.index("Principal data analyst")
    level = client.get("/framework/levels/senior-data-analyst/").content.decode()
    assert "Skills needed" in level and "Data visualisation" in level
    skill = client.get("/framework/skills/data-visualisation/").content.decode()
    assert "Senior data analyst" in skill and "Role levels that need it" in skill
    assert client.get("/framework/skills/").status_code == 200
    assert client.get("/framework/roles/no-such-role/").status_code == 404


def test_the_starter_framework_stays_reachable_beside_the_default(
    client: Client, ddat: Framework
) -> None:
    framework_load_starter()
    page = client.get("/framework/?framework=starter").content.decode()
    assert "starter framework" in page.lower()
    assert "?framework=starter" in page
    assert client.get("/framework/?framework=nonsense").status_code == 404


def test_progression_lists_the_skills_to_grow(client: Client, ddat: Framework) -> None:
    page = client.get(
        "/framework/progression/?start=data-analyst&end=senior-data-analyst"
    ).content.decode()
    assert "From Data analyst to Senior data analyst" in page
    assert "Grow 1 level" in page
    assert "skills to grow or learn" in page or "skill to grow or learn" in page


def test_progression_explains_a_bad_choice(client: Client, ddat: Framework) -> None:
    page = client.get(
        "/framework/progression/?start=data-analyst&end=data-analyst"
    ).content.decode()
    assert "Choose a different role level to compare with." in page
    assert "govuk-error-summary" in page
    page = client.get("/framework/progression/?start=nonsense&end=data-analyst").content.decode()
    assert "govuk-error-summary" in page


def test_framework_pages_use_a_bounded_number_of_queries(
    client: Client, ddat: Framework, django_assert_max_num_queries
) -> None:
    for url in [
        "/framework/",
        "/framework/families/data/",
        "/framework/roles/data-analyst/",
        "/framework/levels/senior-data-analyst/",
        "/framework/skills/",
        "/framework/skills/data-visualisation/",
        "/framework/progression/?start=data-analyst&end=senior-data-analyst",
    ]:
        with django_assert_max_num_queries(8):
            assert client.get(url).status_code == 200


def test_map_title_api(client: Client, ddat: Framework) -> None:
    response = client.get("/api/framework/map-title", {"title": "Senior BI Analyst (PO4)"})
    assert response.status_code == 200
    body = response.json()
    assert set(body) == {"family", "role", "role_level", "confidence", "alternatives"}
    assert body["role"] == "Data analyst"
    assert body["role_level"] == "Senior data analyst"
    assert 0 <= body["confidence"] <= 1
    assert client.get("/api/framework/map-title", {"title": ""}).status_code == 422
    roles = client.get("/api/framework/roles").json()
    assert len(roles) == 52
    assert "/api/framework/map-title" in client.get("/api/openapi.json").json()["paths"]


def test_map_title_command_prints_the_stable_json_shape(
    ddat: Framework, monkeypatch: pytest.MonkeyPatch
) -> None:
    out = io.StringIO()
    call_command("map_title", "Senior BI Analyst (PO4)", "--json", stdout=out)
    result = json.loads(out.getvalue())
    assert list(result) == ["family", "role", "role_level", "confidence", "alternatives"]
    assert result["family"] == "Data"
    assert result["role_level"] == "Senior data analyst"
    out = io.StringIO()
    call_command("map_title", "Social Worker", stdout=out)
    assert "no confident match" in out.getvalue()
    monkeypatch.setattr("sys.stdin", io.StringIO("Data Engineer\nUser Researcher\n"))
    out = io.StringIO()
    call_command("map_title", "--json", stdout=out)
    lines = [json.loads(line) for line in out.getvalue().splitlines()]
    assert [line["title"] for line in lines] == ["Data Engineer", "User Researcher"]
    assert lines[1]["role"] == "User researcher"


def test_the_console_script_accepts_hyphenated_command_names(ddat: Framework) -> None:
    import subprocess
    import sys

    root = Path(__file__).resolve().parents[3]
    result = subprocess.run(
        [sys.executable, "-m", "civictalent.cli", "map-title", "--help"],
        cwd=root,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
        env={"DJANGO_SETTINGS_MODULE": "config.settings.test", "PATH": "/usr/bin:/bin"},
    )
    assert result.returncode == 0, result.stderr
    assert "Map a job title" in result.stdout
