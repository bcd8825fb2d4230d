"""Saved searches: signed-in people save the current search by name, list and delete their
own, with clear errors for duplicates, the limit and bad names."""

from __future__ import annotations

from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import reverse

from civictalent.jobs.models import SavedSearch
from civictalent.jobs.saved_searches import MAX_SAVED, saved_search_create

SAVE = "/jobs/saved/save/"
LIST = "/jobs/saved/"


def signed_in(person: Any) -> Client:
    client = Client()
    client.force_login(person)
    return client


@pytest.mark.django_db
def test_saving_stores_the_canonical_search_and_returns_to_it(make_user: Any) -> None:
    person = make_user()
    client = signed_in(person)

    response = client.post(
        SAVE, {"name": "  Data   in Hackney ", "query": "sort=newest&council=hackney&family=data"}
    )

    assert response.status_code == 302
    assert response["Location"] == "/jobs/?family=data&council=hackney"
    saved = SavedSearch.objects.get(user=person)
    assert (saved.name, saved.query_string) == ("Data in Hackney", "family=data&council=hackney")
    listing = client.get(LIST).content.decode()
    assert "Data in Hackney" in listing
    assert 'href="/jobs/?family=data&amp;council=hackney"' in listing


@pytest.mark.django_db
def test_the_same_search_twice_is_refused_clearly(make_user: Any) -> None:
    client = signed_in(make_user())
    client.post(SAVE, {"name": "Data", "query": "family=data"})

    response = client.post(SAVE, {"name": "Again", "query": "family=data&sort=newest"})

    assert response.status_code == 200
    assert "You have already saved this search as “Data”." in response.content.decode()
    assert "There is a problem" in response.content.decode()
    assert SavedSearch.objects.count() == 1


@pytest.mark.django_db
def test_no_more_than_fifty(make_user: Any) -> None:
    person = make_user()
    SavedSearch.objects.bulk_create(
        SavedSearch(user=person, name=f"Search {n}", query_string=f"min_salary={30000 + n}")
        for n in range(MAX_SAVED)
    )

    response = signed_in(person).post(SAVE, {"name": "One more", "query": "family=data"})

    assert "You can save up to 50 searches." in response.content.decode()
    assert SavedSearch.objects.filter(user=person).count() == MAX_SAVED


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("name", "query", "message"),
    [
        ("", "family=data", "Enter a name for this search."),
        ("x" * 121, "family=data", "The name must be 120 characters or fewer"),
        ("Everything", "sort=closing", "Choose at least one filter or enter keywords"),
        ("Nothing", "", "Choose at least one filter or enter keywords"),
        ("Huge", "&".join(f"council=a-long-council-name-{n:03d}" for n in range(40)), "too long"),
    ],
)
def test_bad_saves_say_what_to_do(make_user: Any, name: str, query: str, message: str) -> None:
    response = signed_in(make_user()).post(SAVE, {"name": name, "query": query})

    assert response.status_code == 200
    assert message in response.content.decode()
    assert not SavedSearch.objects.exists()


@pytest.mark.django_db
def test_another_persons_search_cannot_be_deleted(make_user: Any) -> None:
    owner, other = make_user(), make_user()
    saved = saved_search_create(user=owner, name="Mine", query_string="q=data")

    response = signed_in(other).post(reverse("jobs:saved_search_delete", kwargs={"pk": saved.pk}))

    assert response.status_code == 404
    assert SavedSearch.objects.filter(pk=saved.pk).exists()
    assert "Mine" not in signed_in(other).get(LIST).content.decode()


@pytest.mark.django_db
def test_deleting_your_own(make_user: Any) -> None:
    owner = make_user()
    saved = saved_search_create(user=owner, name="Mine", query_string="q=data")
    client = signed_in(owner)

    response = client.post(reverse("jobs:saved_search_delete", kwargs={"pk": saved.pk}))

    assert response.status_code == 302
    assert not SavedSearch.objects.exists()
    assert "Deleted the saved search “Mine”." in client.get(LIST).content.decode()


@pytest.mark.django_db
def test_signed_out_people_are_sent_to_sign_in(make_user: Any) -> None:
    for response in (Client().get(LIST), Client().post(SAVE, {"name": "x", "query": "q=a"})):
        assert response.status_code == 302
        assert response["Location"].startswith("/accounts/login/")
    assert not SavedSearch.objects.exists()


@pytest.mark.django_db
def test_the_service_makes_the_search_canonical(make_user: Any) -> None:
    person = make_user()
    saved = saved_search_create(
        user=person, name="Pay", query_string="min_salary=%C2%A345%2C000&workplace=remote"
    )
    assert saved.query_string == "min_salary=45000&workplace=remote"
    with pytest.raises(ValidationError) as error:
        saved_search_create(
            user=person, name="Pay 2", query_string="workplace=remote&min_salary=45000"
        )
    assert error.value.code == "duplicate"
