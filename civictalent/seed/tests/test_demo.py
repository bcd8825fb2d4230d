"""Demo data: every app's part loads once, and a second run changes nothing."""

from __future__ import annotations

import pytest
from django.core.management import CommandError, call_command
from django.test import override_settings

from civictalent.accounts.models import User
from civictalent.accounts.seeding import DEMO_PEOPLE
from civictalent.core.generation.base import StepOrderError, in_order
from civictalent.organisations.models import JoinRequest, Membership
from civictalent.seed.demo import demo_load, demo_steps

pytestmark = pytest.mark.django_db


def test_demo_data_loads_once_and_a_second_run_changes_nothing(london: None) -> None:
    first = demo_load()
    assert len(first.created) >= len(DEMO_PEOPLE)
    counts = (User.objects.count(), Membership.objects.count(), JoinRequest.objects.count())
    assert demo_load().created == []
    assert (User.objects.count(), Membership.objects.count(), JoinRequest.objects.count()) == counts


def test_demo_data_survives_a_declined_and_repeated_request(london: None) -> None:
    demo_load()
    JoinRequest.objects.update(status=JoinRequest.Status.DECLINED)
    newcomer = User.objects.get(email="newcomer@demo.civictalent.example")
    JoinRequest.objects.create(user=newcomer, organisation=JoinRequest.objects.first().organisation)  # type: ignore[union-attr]
    assert demo_load().created == []


@override_settings(DEMO_MODE=False)
def test_demo_data_is_refused_outside_demo_mode() -> None:
    with pytest.raises(CommandError, match="only for demonstration sites"):
        call_command("demo")


def test_every_app_contributes_its_part_in_order() -> None:
    names = [step.name for step in demo_steps()]
    assert names.index("people") < names.index("vacancies")
    assert {"people", "pay-scales", "exemplars", "salaries", "vacancies"} <= set(names)


def test_steps_that_wait_for_a_missing_step_or_each_other_are_refused() -> None:
    class Waiting:
        def __init__(self, name: str, after: tuple[str, ...]) -> None:
            self.name, self.after = name, after

    with pytest.raises(StepOrderError, match="no app contributes"):
        in_order([Waiting("a", ("nowhere",))])
    with pytest.raises(StepOrderError, match="each other"):
        in_order([Waiting("a", ("b",)), Waiting("b", ("a",))])
