"""Invisible direction and zero-width characters are taken out of what people type."""

from __future__ import annotations

from typing import Any

import pytest
from django import forms
from django.test import Client

from civictalent.core.forms import GovukFormMixin
from civictalent.core.invisible import INVISIBLE_CONTROLS, without_invisible_controls


def test_every_control_is_removed_and_nothing_else() -> None:
    assert without_invisible_controls("Data analyst \u202egpj.exe") == "Data analyst gpj.exe"
    assert without_invisible_controls("Da\u200bta ana\u2060lyst\ufeff") == "Data analyst"
    assert without_invisible_controls("".join(sorted(INVISIBLE_CONTROLS))) == ""
    kept = "Zoë O\u2019Brien \u0645\u0631\u062d\u0628\u0627 \u200d\u200c\u200e\u200f \U0001f469\u200d\U0001f4bb"
    assert without_invisible_controls(kept) == kept


@pytest.mark.django_db
def test_a_display_name_is_saved_without_them(make_user: Any) -> None:
    user = make_user()
    client = Client()
    client.force_login(user)
    client.post("/account/name/", {"display_name": "Sam \u202eletaP\u202c\u200b"})
    user.refresh_from_db()
    assert user.display_name == "Sam letaP"


# A base class (its subclasses add the mixin) and the allauth sign-up extension.
OUTSIDE = ["ClosingDateMixin", "SignupForm"]


class TitleForm(GovukFormMixin, forms.Form):
    title = forms.CharField()
    count = forms.IntegerField()


def test_every_text_answer_of_a_form_is_cleaned() -> None:
    form = TitleForm({"title": "Senior data analyst \u202egpj.exe", "count": "3"})
    assert form.is_valid()
    assert form.cleaned_data == {"title": "Senior data analyst gpj.exe", "count": 3}


def test_every_form_of_ours_cleans_them() -> None:
    """Each form class in the platform's modules is a GovukFormMixin form, or one of allauth's
    forms relabelled by accounts/entrance_forms.py (GovukLabels, which cleans every answer but a
    password), or the allauth sign-up extension, which cleans its one field itself."""
    import importlib
    import pkgutil

    import civictalent

    forms_found = []
    for module_info in pkgutil.walk_packages(civictalent.__path__, "civictalent."):
        if ".tests" in module_info.name or ".migrations" in module_info.name:
            continue
        if not module_info.name.rsplit(".", 1)[-1].endswith("forms"):
            continue
        module = importlib.import_module(module_info.name)
        for value in vars(module).values():
            if (
                isinstance(value, type)
                and issubclass(value, forms.BaseForm)
                and value.__module__ == module.__name__
            ):
                forms_found.append(value)
    assert len(forms_found) > 20
    from civictalent.accounts.entrance_forms import GovukLabels

    outside = [
        f.__qualname__ for f in forms_found if not issubclass(f, GovukFormMixin | GovukLabels)
    ]
    assert sorted(outside) == OUTSIDE, outside


@pytest.mark.django_db
def test_the_sign_in_forms_clean_every_answer_but_the_password() -> None:
    from django.contrib.sessions.backends.db import SessionStore
    from django.test import RequestFactory

    from civictalent.accounts.entrance_forms import SignInForm

    request = RequestFactory().post("/accounts/login/")
    request.session = SessionStore()
    form = SignInForm(
        data={"login": "jo@example.org\u200b", "password": "pass\u200bword"}, request=request
    )
    form.is_valid()
    assert form.data["login"] == "jo@example.org"
    assert form.data["password"] == "pass\u200bword"
