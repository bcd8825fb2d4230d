"""The back link from a vacancy to the search that found it: the same search, on the board's
own path, whatever the link's parameter holds."""

from __future__ import annotations

import re

import pytest
from django.test import Client

from civictalent.jobs.board_links import back_to_board, search_token, vacancy_link
from civictalent.jobs.tests.test_board import make_vacancy
from civictalent.organisations.models import Organisation


def test_a_search_and_its_page_come_back_in_the_boards_own_words() -> None:
    token = search_token("q=data+analyst&level=senior", 3)
    assert (
        vacancy_link("/jobs/7/", token)
        == "/jobs/7/?search=q%3Ddata%2Banalyst%26level%3Dsenior%26page%3D3"
    )
    assert (
        back_to_board(token, vacancy_pk=7) == "/jobs/?q=data+analyst&level=senior&page=3#result-7"
    )
    assert back_to_board(search_token("", 1), vacancy_pk=7) == "/jobs/"
    assert back_to_board(search_token("", 2), vacancy_pk=7) == "/jobs/?page=2#result-7"
    # Out of order and repeated, as a hand-made link might be: the canonical query comes back.
    assert back_to_board("level=senior&q=data&level=senior", vacancy_pk=7) == (
        "/jobs/?q=data&level=senior#result-7"
    )


@pytest.mark.parametrize(
    "token",
    [
        "//evil.example/",
        "https://evil.example/jobs/",
        "/\\evil.example",
        "next=https://evil.example&url=//evil.example",
        "q=x#<script>alert(1)</script>",
        "q=%0d%0aLocation:%20https://evil.example",
        "page=-1&page=99999999999999999999",
        "\x00\ud800" * 50,
        "q=" + "a" * 5000,
    ],
)
def test_whatever_the_parameter_holds_the_link_stays_on_the_board(token: str) -> None:
    back = back_to_board(token, vacancy_pk=7)
    assert back.startswith("/jobs/") and not back.startswith("//"), back
    assert "evil.example" not in back.split("?q=")[0]
    assert not any(character in back for character in "<>\r\n\x00\\ ")


@pytest.mark.django_db
def test_the_vacancy_page_links_back_to_the_search_that_found_it(
    council_a: Organisation,
) -> None:
    vacancy = make_vacancy(council_a, title="Data analyst")
    board = Client().get("/jobs/?q=data").content.decode()
    link = f'href="/jobs/{vacancy.pk}/?search=q%3Ddata"'
    assert link in board and f'id="result-{vacancy.pk}"' in board

    page = Client().get(f"/jobs/{vacancy.pk}/?search=q%3Ddata").content.decode()
    assert (
        f'href="/jobs/?q=data#result-{vacancy.pk}" class="govuk-back-link">Back to your search'
        in page
    )
    # One address for search engines, whichever search led here.
    assert re.search(rf'<link rel="canonical" href="https?://[^"/]+/jobs/{vacancy.pk}/">', page)
    hostile = Client().get(f"/jobs/{vacancy.pk}/?search=%2F%2Fevil.example").content.decode()
    assert "evil.example" not in hostile.split('class="govuk-back-link"')[0].rsplit("<a", 1)[1]
