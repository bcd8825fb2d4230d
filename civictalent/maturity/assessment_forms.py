"""Forms of the self-assessment pages."""

from __future__ import annotations

from typing import Any, cast

from django import forms

from civictalent.core.forms import GovukFormMixin
from civictalent.maturity.assessment_selectors import QuestionAnswer
from civictalent.maturity.assessment_services import (
    EVIDENCE_LENGTH,
    REASON_LENGTH,
    AnswerInput,
)
from civictalent.maturity.models import MaturityLevel, MaturityModel, Question
from civictalent.organisations.models import Membership

NOT_SURE = "not_sure"


class StartForm(GovukFormMixin, forms.Form):
    name = forms.CharField(
        label="Name of the assessment",
        help_text="For example, Spring 2027. Earlier assessments are kept, to show progress.",
        max_length=120,
        error_messages={"required": "Enter a name for the assessment."},
    )
    model = forms.ModelChoiceField(
        label="Maturity model",
        queryset=MaturityModel.objects.order_by("-is_default", "title"),
        empty_label=None,
        widget=forms.RadioSelect,
        error_messages={"required": "Choose a maturity model."},
    )


class InviteForm(GovukFormMixin, forms.Form):
    people = forms.MultipleChoiceField(
        label="Council members to invite",
        help_text="We email each person a link to the assessment.",
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": "Choose at least one person to invite."},
    )

    def __init__(self, *args: Any, members: list[Membership], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.members = {str(m.user_id): m.user for m in members}
        cast(forms.ChoiceField, self.fields["people"]).choices = [
            (str(m.user_id), f"{m.user.name} ({m.user.email})") for m in members
        ]

    def chosen(self) -> list[Any]:
        return [self.members[pk] for pk in self.cleaned_data["people"]]


class TopicForm(GovukFormMixin, forms.Form):
    """A radio group (each level's statement, and "Not sure") and an evidence note for every
    question of a topic. Questions left blank are not saved."""

    def __init__(
        self, *args: Any, rows: list[QuestionAnswer], levels: list[MaturityLevel], **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        self.rows = rows
        names = {level.number: level.name for level in levels}
        for number, row in enumerate(rows, start=1):
            question, answer = row.question, row.answer
            choices = [
                (str(s.level), f"{names.get(s.level, s.level)}: {s.text}")
                for s in question.statements.all()
            ] + [(NOT_SURE, "Not sure")]
            self.fields[f"q{question.pk}"] = forms.ChoiceField(
                label=f"{number}. {question.text}",
                help_text=question.context,
                choices=choices,
                required=False,
                widget=forms.RadioSelect,
            )
            self.fields[f"e{question.pk}"] = forms.CharField(
                label=f"Evidence for question {number} (optional)",
                help_text="What you know that supports your answer, such as a document or a "
                f"team. Up to {EVIDENCE_LENGTH:,} characters.",
                required=False,
                max_length=EVIDENCE_LENGTH,
                widget=forms.Textarea(attrs={"rows": 2}),
            )
            if answer is not None:
                self.initial[f"q{question.pk}"] = NOT_SURE if answer.not_sure else str(answer.level)
                self.initial[f"e{question.pk}"] = answer.evidence

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        for row in self.rows:
            pk = row.question.pk
            if cleaned.get(f"e{pk}", "").strip() and not cleaned.get(f"q{pk}"):
                self.add_error(f"q{pk}", "Choose a level or Not sure for the evidence you gave.")
        return cleaned

    def answers(self) -> dict[Question, AnswerInput]:
        found = {}
        for row in self.rows:
            pk = row.question.pk
            choice = self.cleaned_data.get(f"q{pk}")
            if not choice:
                continue
            not_sure = choice == NOT_SURE
            found[row.question] = AnswerInput(
                level=None if not_sure else int(choice),
                not_sure=not_sure,
                evidence=self.cleaned_data.get(f"e{pk}", ""),
            )
        return found


class SettleForm(GovukFormMixin, forms.Form):
    level = forms.TypedChoiceField(
        label="Level to record",
        coerce=int,
        widget=forms.RadioSelect,
        error_messages={"required": "Choose the level to record."},
    )
    reason = forms.CharField(
        label="Why this level",
        help_text="Contributors will see this. Say what evidence decided it.",
        max_length=REASON_LENGTH,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": "Say why you chose this level."},
    )

    def __init__(self, *args: Any, levels: list[MaturityLevel], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = cast(forms.ChoiceField, self.fields["level"])
        field.choices = [(lv.number, f"{lv.number}. {lv.name}") for lv in levels]
