"""Render Django form fields as GOV.UK Frontend components.

One renderer for our forms and for django-allauth's, so every field has a label, a hint linked by
aria-describedby, an error message with a visually hidden "Error:" prefix, and the right classes.
"""

from __future__ import annotations

from typing import Any

from django import forms, template
from django.forms.boundfield import BoundField
from django.utils.html import conditional_escape, format_html, format_html_join
from django.utils.safestring import SafeString, mark_safe

register = template.Library()

INPUT_CLASSES = {
    "textarea": "govuk-textarea",
    "select": "govuk-select",
    "file": "govuk-file-upload",
    "input": "govuk-input",
}


def widget_kind(widget: forms.Widget) -> str:
    if isinstance(widget, forms.HiddenInput):
        return "hidden"
    if isinstance(widget, forms.CheckboxSelectMultiple):
        return "checkboxes"
    if isinstance(widget, forms.RadioSelect):
        return "radios"
    if isinstance(widget, forms.CheckboxInput):
        return "checkbox"
    if isinstance(widget, forms.Textarea):
        return "textarea"
    if isinstance(widget, forms.Select):
        return "select"
    if isinstance(widget, forms.ClearableFileInput | forms.FileInput):
        return "file"
    return "input"


def _hint(bound: BoundField, hint_id: str) -> SafeString:
    if not bound.help_text:
        return mark_safe("")
    return format_html(
        '<div id="{}" class="govuk-hint">{}</div>', hint_id, conditional_escape(bound.help_text)
    )


def _error(bound: BoundField, error_id: str) -> SafeString:
    if not bound.errors:
        return mark_safe("")
    return format_html(
        '<p id="{}" class="govuk-error-message">'
        '<span class="govuk-visually-hidden">Error:</span> {}</p>',
        error_id,
        " ".join(str(message) for message in bound.errors),
    )


def _described_by(bound: BoundField, hint_id: str, error_id: str) -> str:
    ids = []
    if bound.help_text:
        ids.append(hint_id)
    if bound.errors:
        ids.append(error_id)
    return " ".join(ids)


def _choice_items(bound: BoundField, kind: str, describedby: str) -> SafeString:
    prefix = "govuk-radios" if kind == "radios" else "govuk-checkboxes"
    items = []
    for option in bound.subwidgets:
        option.data["attrs"]["class"] = f"{prefix}__input"
        items.append(
            format_html(
                '<div class="{p}__item">{input}<label class="govuk-label {p}__label" '
                'for="{id}">{label}</label></div>',
                p=prefix,
                input=option.tag(wrap_label=False),
                id=option.id_for_label,
                label=option.choice_label,
            )
        )
    return format_html(
        '<div class="{}" data-module="{}">{}</div>',
        prefix,
        prefix,
        format_html_join("", "{}", ((item,) for item in items)),
    )


@register.simple_tag
def govuk_field(bound: BoundField, label_class: str = "govuk-label") -> SafeString:
    """One form field as a GOV.UK form group."""
    widget = bound.field.widget
    kind = widget_kind(widget)
    if kind == "hidden":
        return format_html("{}", bound.as_widget())
    field_id = bound.auto_id or bound.html_name
    hint_id, error_id = f"{field_id}-hint", f"{field_id}-error"
    describedby = _described_by(bound, hint_id, error_id)
    group_class = "govuk-form-group" + (" govuk-form-group--error" if bound.errors else "")
    hint, error = _hint(bound, hint_id), _error(bound, error_id)
    # A placeholder vanishes as soon as someone types and is not read reliably: GOV.UK forms put
    # every instruction in the label or hint, so no field keeps one (allauth's forms set them).
    widget.attrs.pop("placeholder", None)
    attrs: dict[str, Any] = {}
    if describedby:
        attrs["aria-describedby"] = describedby

    if kind in {"radios", "checkboxes"}:
        return format_html(
            '<div class="{}"><fieldset class="govuk-fieldset"{}>'
            '<legend class="govuk-fieldset__legend govuk-fieldset__legend--s">{}</legend>'
            "{}{}{}</fieldset></div>",
            group_class,
            format_html(' aria-describedby="{}"', describedby) if describedby else "",
            bound.label,
            hint,
            error,
            _choice_items(bound, kind, describedby),
        )
    if kind == "checkbox":
        attrs["class"] = "govuk-checkboxes__input"
        return format_html(
            '<div class="{}"><div class="govuk-checkboxes govuk-checkboxes--small" '
            'data-module="govuk-checkboxes">{}<div class="govuk-checkboxes__item">{}'
            '<label class="govuk-label govuk-checkboxes__label" for="{}">{}</label>{}'
            "</div></div></div>",
            group_class,
            error,
            bound.as_widget(attrs=attrs),
            field_id,
            bound.label,
            _hint_for_checkbox(bound, hint_id),
        )
    css = INPUT_CLASSES[kind]
    if bound.errors:
        css += f" {css}--error"
    existing = widget.attrs.get("class")
    attrs["class"] = f"{css} {existing}" if existing else css
    return format_html(
        '<div class="{}"><label class="{}" for="{}">{}</label>{}{}{}</div>',
        group_class,
        label_class,
        field_id,
        bound.label,
        hint,
        error,
        bound.as_widget(attrs=attrs),
    )


def _hint_for_checkbox(bound: BoundField, hint_id: str) -> SafeString:
    if not bound.help_text:
        return mark_safe("")
    return format_html(
        '<div id="{}" class="govuk-hint govuk-checkboxes__hint">{}</div>',
        hint_id,
        conditional_escape(bound.help_text),
    )


@register.simple_tag
def govuk_fields(form: forms.BaseForm) -> SafeString:
    """Every field of a form, with non-field errors first."""
    parts = [govuk_field(bound) for bound in form]
    non_field = form.non_field_errors()
    errors = (
        format_html(
            '<p class="govuk-error-message"><span class="govuk-visually-hidden">Error:</span> '
            "{}</p>",
            " ".join(str(message) for message in non_field),
        )
        if non_field
        else ""
    )
    return format_html("{}{}", errors, format_html_join("", "{}", ((part,) for part in parts)))


@register.inclusion_tag("core/forms/error_summary.html")
def govuk_error_summary(form: forms.BaseForm | None) -> dict[str, Any]:
    """The error summary GOV.UK pages show above a form that has problems."""
    if form is None or not form.is_bound or not form.errors:
        return {"errors": []}
    # An error about the whole form (a wrong email address or password) links to its first field,
    # as GOV.UK's sign-in pattern does, so every line of the summary takes you somewhere.
    first = next((bound for bound in form if not bound.is_hidden), None)
    whole_form_anchor = f"#{first.auto_id}" if first is not None else ""
    errors: list[tuple[str, str]] = [
        (whole_form_anchor, str(message)) for message in form.non_field_errors()
    ]
    for bound in form:
        anchor = f"#{bound.auto_id}"
        if isinstance(bound.field.widget, forms.RadioSelect | forms.CheckboxSelectMultiple):
            anchor += "_0"  # the first option: the group itself has no element with the id
        for message in bound.errors:
            errors.append((anchor, str(message)))
    return {"errors": errors}
