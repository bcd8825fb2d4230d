"""Job title -> role level in the default framework, the one lookup vacancies and library JDs
share."""

from __future__ import annotations

import pytest

from civictalent.framework.mapping import role_level_for_title
from civictalent.framework.models import Framework
from civictalent.framework.services import framework_load_starter

pytestmark = pytest.mark.django_db


def test_a_title_maps_to_a_level_of_the_default_framework_with_its_role() -> None:
    framework_load_starter()

    level = role_level_for_title("Senior data analyst", "Analyse housing data.")

    assert level is not None
    assert level.framework == Framework.objects.get(is_default=True)
    assert "role" in level._state.fields_cache
    assert level.role.name == "Data analyst"


def test_no_level_for_a_title_the_mapper_does_not_know() -> None:
    framework_load_starter()
    assert role_level_for_title("Lollipop person") is None


def test_no_level_without_a_default_framework() -> None:
    framework_load_starter()
    Framework.objects.update(is_default=False)
    assert role_level_for_title("Senior data analyst") is None
