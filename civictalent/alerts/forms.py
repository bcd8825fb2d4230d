from __future__ import annotations

from django import forms

from civictalent.alerts.models import Frequency, UnsubscribeReason
from civictalent.core.forms import GovukFormMixin


class SubscribeForm(GovukFormMixin, forms.Form):
    email = forms.EmailField(
        label="Email address",
        max_length=254,
        help_text="We will send a link to confirm it is yours. You do not need an account.",
        error_messages={
            "required": "Enter your email address",
            "invalid": "Enter an email address in the correct format, like name@example.com",
        },
        widget=forms.EmailInput(attrs={"autocomplete": "email", "spellcheck": "false"}),
    )
    frequency = forms.ChoiceField(
        label="How often do you want emails?",
        choices=Frequency.choices,
        initial=Frequency.WEEKLY,
        widget=forms.RadioSelect,
        help_text="We only email when there are new jobs that match.",
        error_messages={"required": "Choose how often you want emails"},
    )


class FrequencyForm(GovukFormMixin, forms.Form):
    frequency = forms.ChoiceField(
        label="How often do you want emails?",
        choices=Frequency.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Choose how often you want emails"},
    )


class UnsubscribeForm(GovukFormMixin, forms.Form):
    reason = forms.ChoiceField(
        label="Why are you unsubscribing? (optional)",
        choices=UnsubscribeReason.choices,
        required=False,
        widget=forms.RadioSelect,
    )
    comment = forms.CharField(
        label="Anything else you want to tell us? (optional)",
        required=False,
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Do not include personal information.",
        error_messages={"max_length": "Your comment must be 500 characters or fewer"},
    )


class FeedbackCommentForm(GovukFormMixin, forms.Form):
    comment = forms.CharField(
        label="Tell us more (optional)",
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text="For example, what kind of jobs you hoped to see. Do not include personal "
        "information.",
        error_messages={"max_length": "Your comment must be 1,000 characters or fewer"},
    )
