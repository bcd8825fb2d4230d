"""Forms of the roadmap: the council's profile, which capabilities it has, and an action."""

from __future__ import annotations

from typing import Any

from django import forms

from civictalent.core.date_input import parse_date_parts
from civictalent.core.forms import GovukFormMixin
from civictalent.maturity.models import (
    ActionStatus,
    Capability,
    CouncilProfile,
    CouncilSize,
    Coverage,
    RoadmapAction,
    TeamStructure,
)


class CouncilProfileForm(GovukFormMixin, forms.ModelForm):
    size = forms.ChoiceField(
        label="How big is your council?",
        choices=CouncilSize.choices,
        widget=forms.RadioSelect,
        help_text="By residents. This sets the indicative staff numbers of each role.",
        error_messages={"required": "Choose the size of your council."},
    )
    structure = forms.ChoiceField(
        label="How are your data and digital people organised?",
        choices=[*TeamStructure.choices, ("", "We have not decided, or it is mixed")],
        widget=forms.RadioSelect,
        required=False,
        help_text="See the guidance on team structures for what each one means.",
    )

    class Meta:
        model = CouncilProfile
        fields = [
            "size",
            "on_costs_percent",
            "structure",
            "central_team_people",
            "service_team_people",
            "structure_notes",
        ]
        labels = {
            "on_costs_percent": "On-costs, as a percentage of pay",
            "central_team_people": "People in a central data and digital team",
            "service_team_people": "People in services' own data and digital teams",
            "structure_notes": "Where your data and digital people sit",
        }
        help_texts = {
            "on_costs_percent": (
                "Employer's pension and National Insurance added to pay, for example 30. Ask "
                "your finance team for your council's figure."
            ),
            "central_team_people": "Leave blank if you do not know.",
            "service_team_people": "Leave blank if you do not know.",
            "structure_notes": (
                "For example, which directorates have their own analysts. Other councils do "
                "not see this."
            ),
        }
        error_messages = {
            "on_costs_percent": {
                "required": "Enter your on-costs as a percentage, for example 30.",
                "invalid": "Enter your on-costs as a number, for example 30 or 28.5.",
                "max_value": "On-costs must be 100%% or less.",
                "min_value": "On-costs cannot be negative.",
                "max_digits": "Enter on-costs from 0 to 100, with at most one decimal place.",
                "max_decimal_places": "Enter on-costs with at most one decimal place.",
            },
            "central_team_people": {
                "invalid": "Enter the number of people as a whole number, like 12.",
                "min_value": "The number of people cannot be negative.",
            },
            "service_team_people": {
                "invalid": "Enter the number of people as a whole number, like 12.",
                "min_value": "The number of people cannot be negative.",
            },
        }
        widgets = {"structure_notes": forms.Textarea(attrs={"rows": 4})}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["on_costs_percent"].widget.attrs.update(
            {"class": "govuk-input--width-4", "inputmode": "decimal"}
        )
        for name in ("central_team_people", "service_team_people"):
            self.fields[name].widget.attrs.update({"class": "govuk-input--width-4"})


class CoverageForm(GovukFormMixin, forms.Form):
    """One set of radios per capability, named ``capability_<pk>``."""

    def __init__(
        self,
        *args: Any,
        capabilities: list[Capability],
        current: dict[int, str],
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.capabilities = capabilities
        for capability in capabilities:
            self.fields[self.field_name(capability)] = forms.ChoiceField(
                label=capability.name,
                choices=list(reversed(Coverage.choices)),
                widget=forms.RadioSelect,
                initial=current.get(capability.pk, Coverage.NONE),
                error_messages={
                    "required": f"Choose whether your council covers {capability.name}.",
                    "invalid_choice": f"Choose covered, partly or not for {capability.name}.",
                },
            )

    @staticmethod
    def field_name(capability: Capability) -> str:
        return f"capability_{capability.pk}"

    def statuses(self) -> dict[int, str]:
        return {
            capability.pk: self.cleaned_data[self.field_name(capability)]
            for capability in self.capabilities
        }

    def groups(self) -> list[tuple[str, list[tuple[Capability, Any]]]]:
        """Fields by domain, in the capability model's order, for the template."""
        grouped: dict[str, list[tuple[Capability, Any]]] = {}
        for capability in self.capabilities:
            grouped.setdefault(capability.domain.name, []).append(
                (capability, self[self.field_name(capability)])
            )
        return list(grouped.items())


class RoadmapActionForm(GovukFormMixin, forms.Form):
    title = forms.CharField(
        label="What needs doing",
        max_length=200,
        help_text="For example, recruit a data governance lead.",
        error_messages={
            "required": "Enter what needs doing.",
            "max_length": "What needs doing must be 200 characters or fewer.",
        },
    )
    capability = forms.ModelChoiceField(
        label="Capability it builds (optional)",
        queryset=Capability.objects.none(),
        required=False,
        empty_label="None",
        error_messages={"invalid_choice": "Choose one of the capabilities in the list."},
    )
    owner = forms.CharField(
        label="Owner",
        max_length=120,
        help_text="A person or a role, for example Chief data officer.",
        error_messages={
            "required": "Enter who owns this action.",
            "max_length": "The owner must be 120 characters or fewer.",
        },
    )
    due_day = forms.CharField(label="Day", required=False)
    due_month = forms.CharField(label="Month", required=False)
    due_year = forms.CharField(label="Year", required=False)
    status = forms.ChoiceField(
        label="Status",
        choices=ActionStatus.choices,
        widget=forms.RadioSelect,
        initial=ActionStatus.NOT_STARTED,
        error_messages={"required": "Choose the action's status."},
    )

    DATE_PARTS = ("due_day", "due_month", "due_year")

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["capability"]
        assert isinstance(field, forms.ModelChoiceField)
        field.queryset = Capability.objects.select_related("domain")

    @classmethod
    def initial_for(cls, action: RoadmapAction) -> dict[str, Any]:
        due = action.due_on
        return {
            "title": action.title,
            "capability": action.capability_id,
            "owner": action.owner,
            "status": action.status,
            "due_day": str(due.day) if due else "",
            "due_month": str(due.month) if due else "",
            "due_year": str(due.year) if due else "",
        }

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        try:
            cleaned["due_on"] = parse_date_parts(
                cleaned.get("due_day", ""),
                cleaned.get("due_month", ""),
                cleaned.get("due_year", ""),
                what="due date",
            )
        except ValueError as error:
            self.add_error("due_day", str(error))
        return cleaned
