"""A refusal says what the person can do instead: ``permission(..., refusal=...)`` raises the
Refusal it words, and the 403 page shows it; without one, the page keeps its general words."""

from __future__ import annotations

from typing import Any

import pytest
from django.contrib.sessions.middleware import SessionMiddleware
from django.http import HttpRequest, HttpResponse
from django.test import RequestFactory

from civictalent.core.permissions import Refusal, permission
from civictalent.core.views import permission_denied

pytestmark = pytest.mark.django_db


def request_as(user: Any) -> HttpRequest:
    request = RequestFactory().get("/somewhere/")
    SessionMiddleware(lambda r: HttpResponse()).process_request(request)
    request.user = user
    return request


def worded(request: HttpRequest, target: Any) -> Refusal:
    return Refusal(
        "Only council admins approve adverts",
        instead="Send it for approval instead.",
        link_text="Send it for approval",
        link_href="/jobs/1/submit/",
    )


def test_a_refused_person_gets_the_words_of_the_view(make_user: Any) -> None:
    @permission("jobs.moderate", refusal=worded)
    def view(request: HttpRequest) -> HttpResponse:
        return HttpResponse("allowed")

    request = request_as(make_user())
    with pytest.raises(Refusal) as refused:
        view(request)

    page = permission_denied(request, refused.value).content.decode()
    assert "<title>Only council admins approve adverts" in page
    assert "Send it for approval instead." in page
    assert 'href="/jobs/1/submit/">Send it for approval</a>' in page
    assert "belongs to a council you are not a member of" not in page


def test_without_words_the_403_page_says_what_it_always_said(make_user: Any) -> None:
    @permission("jobs.moderate", refusal=lambda request, target: None)
    def view(request: HttpRequest) -> HttpResponse:
        return HttpResponse("allowed")

    request = request_as(make_user())
    with pytest.raises(Exception) as refused:
        view(request)

    assert not isinstance(refused.value, Refusal)
    page = permission_denied(request, refused.value).content.decode()
    assert "belongs to a council you are not a member of" in page
