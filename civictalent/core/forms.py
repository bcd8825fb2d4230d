from __future__ import annotations

from typing import ClassVar


class GovukFormMixin:
    """Render ``{{ form }}`` as GOV.UK Frontend form groups (see templatetags/govuk.py)."""

    template_name: ClassVar[str] = "core/forms/govuk_form.html"
