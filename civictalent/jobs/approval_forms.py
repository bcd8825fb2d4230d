"""Forms of the approval pages: how a council's adverts are approved and who its named
publishers are, and a moderator's reason for taking an advert off the board."""

from __future__ import annotations

from typing import Any, cast

from django import forms

from civictalent.core.forms import GovukFormMixin
from civictalent.core.numbers import parse_bounded_int
from civictalent.jobs.models import ApprovalRoute
from civictalent.organisations.models import Membership

ROUTE_CHOICES = [
    (
        ApprovalRoute.COUNCIL.value,
        "Our council admins and named publishers approve them: they go on the board as soon "
        "as one of them publishes",
    ),
    (
        ApprovalRoute.LOTI.value,
        "LOTI's moderators approve them: they go on the board when a moderator publishes",
    ),
]


class ApprovalForm(GovukFormMixin, forms.Form):
    """The route (left out when the person may not change it), a platform admin's lock, and
    the council's named publishers, chosen from its members who are not admins."""

    approval_route = forms.ChoiceField(
        label="Who approves your council's job adverts?",
        choices=ROUTE_CHOICES,
        widget=forms.RadioSelect,
        help_text="Editors send adverts for approval either way. Whoever approves gets an email "
        "when one is waiting.",
        error_messages={"required": "Choose who approves your council's adverts."},
    )
    approval_locked = forms.BooleanField(
        label="Lock this choice: the council cannot change it",
        required=False,
        help_text="Only platform admins see this. The council's admins see who chose it.",
    )
    publishers = forms.MultipleChoiceField(
        label="Named publishers",
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text="They approve the council's adverts as its admins do. Council admins always "
        "approve, so they are not listed.",
    )

    def __init__(
        self,
        *args: Any,
        members: list[Membership],
        may_choose_route: bool,
        may_lock: bool,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        publishers = cast(forms.MultipleChoiceField, self.fields["publishers"])
        publishers.choices = [(str(member.pk), _label(member)) for member in members]
        if not members:
            del self.fields["publishers"]
        if not may_choose_route:
            del self.fields["approval_route"]
        if not may_lock:
            del self.fields["approval_locked"]

    def chosen_publishers(self) -> set[int]:
        """The chosen memberships' ids (the field already checked each is one of the choices)."""
        chosen = (parse_bounded_int(value) for value in self.cleaned_data.get("publishers") or [])
        return {membership for membership in chosen if membership is not None}


class WithdrawForm(GovukFormMixin, forms.Form):
    reason = forms.CharField(
        label="What does the council need to change?",
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text="The advert comes off the jobs board at once. The council's editors and whoever "
        "approved it see this and get it by email. Be specific, like: the salary is missing "
        "London weighting.",
        error_messages={"required": "Say what the council needs to change, so they can fix it."},
    )


def _label(member: Membership) -> str:
    return f"{member.user.name} ({member.user.email}), {member.get_role_display().lower()}"
