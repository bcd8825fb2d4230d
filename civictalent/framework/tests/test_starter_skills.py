"""The starter framework's skills: every role level needs some, at a level, before any import,
and their descriptions are the project's own words."""

from __future__ import annotations

import csv
import re

import pytest
from django.test import Client

from civictalent.framework.models import Framework, RoleLevel, RoleLevelSkill, Skill
from civictalent.framework.services import framework_load_starter
from civictalent.framework.starter import STARTER_FRAMEWORK
from civictalent.framework.starter_skills import (
    LEVEL_MEANINGS,
    needs_by_role_level,
    starter_skills,
)
from conftest import SHARED_DATASETS, require

COPY_RUN = 8


def word_runs(text: str) -> set[tuple[str, ...]]:
    words = re.findall(r"[a-z0-9']+", text.lower())
    return {tuple(words[i : i + COPY_RUN]) for i in range(len(words) - COPY_RUN + 1)}


def test_every_starter_role_level_needs_skills_that_exist() -> None:
    needs = needs_by_role_level()
    for family in STARTER_FRAMEWORK:
        for role in family.roles:
            for level in role.levels:
                assert needs.get((role.name, level.name)), f"{role.name}: {level.name} has none"
    assert {skill for found in needs.values() for skill in found} <= set(starter_skills())


def test_senior_levels_need_skills_at_a_higher_level_than_entry_ones() -> None:
    needs = needs_by_role_level()
    order = {level: number for number, level in enumerate(LEVEL_MEANINGS, start=1)}
    entry = needs[("Data analyst", "Associate data analyst")]
    senior = needs[("Data analyst", "Principal data analyst")]
    shared = set(entry) & set(senior)
    assert shared
    assert all(order[senior[skill]] > order[entry[skill]] for skill in shared)


def test_skill_descriptions_are_our_own_words() -> None:
    path = SHARED_DATASETS / "ddat" / "skills.csv"
    require(path.exists(), f"the shared DDaT download is not at {path}")
    with path.open(encoding="utf-8-sig", newline="") as handle:
        official = " ".join(" ".join(row.values()) for row in csv.DictReader(handle))
    official_runs = word_runs(official)
    for skill in starter_skills().values():
        assert skill.description and len(skill.description) < 160
        assert not word_runs(skill.description) & official_runs, skill.name
    for meaning in LEVEL_MEANINGS.values():
        assert not word_runs(meaning) & official_runs


@pytest.mark.django_db
def test_every_starter_role_level_page_lists_its_skills(client: Client) -> None:
    framework_load_starter()
    starter = Framework.objects.get(slug="starter")
    assert Skill.objects.filter(framework=starter).count() == len(starter_skills())
    levels = list(
        RoleLevel.objects.filter(framework=starter).prefetch_related("skill_needs__skill")
    )
    assert len(levels) >= 205
    for level in levels:
        page = client.get(f"/framework/levels/{level.slug}/").content.decode()
        assert "Skills needed" in page, level.name
        assert "does not list skills" not in page, level.name
        first = level.skill_needs.all()[0]
        assert first.skill.name.replace("'", "&#x27;") in page, level.name


@pytest.mark.django_db
def test_loading_the_starter_again_changes_no_skill() -> None:
    framework_load_starter()
    before = RoleLevelSkill.objects.count()
    report = framework_load_starter()
    assert not report.changed
    assert RoleLevelSkill.objects.count() == before > 800
