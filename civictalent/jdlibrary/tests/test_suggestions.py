"""Suggestions: members propose improvements to a JD; the owning council accepts or declines."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.template.loader import render_to_string
from django.test import Client, RequestFactory

from civictalent.accounts.models import User
from civictalent.core.models import AuditEvent
from civictalent.jdlibrary import services
from civictalent.jdlibrary.models import JDSuggestion, JobDescription, SuggestionStatus, Visibility
from civictalent.jdlibrary.suggestions import (
    suggestion_create,
    suggestion_resolve,
    suggestions_for,
)
from civictalent.organisations.models import Organisation, Role

pytestmark = pytest.mark.django_db(transaction=True)

GOOD_TEXT = (
    "Say 'experience of SQL' rather than 'a degree in computer science': it shuts out people."
)


def make_jd(
    council: Organisation, author: User, *, visibility: str | None = None
) -> JobDescription:
    jd = services.jd_create(
        organisation=council,
        author=author,
        title="Senior data analyst",
        sections=[
            services.SectionInput(
                "purpose", "Purpose of the role", "Help the council use data to serve residents."
            ),
            services.SectionInput(
                "essential", "Essential criteria", "A degree in computer science."
            ),
        ],
        pay_text="£45,000 to £50,000 a year",
    )
    if visibility is not None:
        services.jd_publish(
            jd=jd, author=author, visibility=visibility, licence="ogl-3.0", consent=True
        )
    return JobDescription.objects.get(pk=jd.pk)


def client_for(user: User | None) -> Client:
    client = Client()
    if user is not None:
        client.force_login(user)
    return client


@pytest.fixture
def editor_a(make_user: Callable[..., User], council_a: Organisation) -> User:
    return make_user(organisation=council_a, role=Role.EDITOR, name="Eddie Editor")


@pytest.fixture
def shared_jd(editor_a: User, council_a: Organisation) -> JobDescription:
    return make_jd(council_a, editor_a, visibility=Visibility.MEMBERS)


# Services


def test_a_member_of_another_council_suggests_and_the_owning_councils_editors_are_emailed(
    make_user: Callable[..., User],
    council_a: Organisation,
    council_b: Organisation,
    editor_a: User,
    shared_jd: JobDescription,
) -> None:
    admin_a = make_user(organisation=council_a, role=Role.ADMIN)
    make_user(organisation=council_a, role=Role.MEMBER)  # members are not told
    make_user(organisation=council_b, role=Role.EDITOR)  # nor editors elsewhere
    suggester = make_user(organisation=council_b, name="Sam Suggester")
    mail.outbox.clear()

    suggestion = suggestion_create(jd=shared_jd, author=suggester, text=f"  {GOOD_TEXT}\n")

    assert suggestion.status == SuggestionStatus.OPEN
    assert suggestion.text == GOOD_TEXT
    assert sorted(message.to[0] for message in mail.outbox) == sorted(
        [editor_a.email, admin_a.email]
    )
    message = mail.outbox[0]
    assert message.subject == "Sam Suggester suggests a change to Senior data analyst"
    assert GOOD_TEXT in message.body  # autoescape off: the quotes are not &#x27;
    assert f"/library/{shared_jd.pk}/#suggestion-{suggestion.pk}" in message.body
    assert AuditEvent.objects.filter(
        action="jd.suggestion_created", organisation=council_a, target_id=str(suggestion.pk)
    ).exists()


def test_a_suggestion_needs_ten_to_five_thousand_characters(
    make_user: Callable[..., User], council_b: Organisation, shared_jd: JobDescription
) -> None:
    suggester = make_user(organisation=council_b)
    with pytest.raises(ValidationError, match="at least 10 characters"):
        suggestion_create(jd=shared_jd, author=suggester, text="  Fix it.  ")
    with pytest.raises(ValidationError, match="5,000 characters or fewer"):
        suggestion_create(jd=shared_jd, author=suggester, text="x" * 5001)
    assert not JDSuggestion.objects.exists()
    assert mail.outbox == []


def test_no_one_suggests_on_a_jd_they_cannot_see(
    make_user: Callable[..., User],
    council_a: Organisation,
    council_b: Organisation,
    editor_a: User,
) -> None:
    kept_to_council = make_jd(council_a, editor_a, visibility=Visibility.COUNCIL)
    with pytest.raises(PermissionDenied):
        suggestion_create(
            jd=kept_to_council, author=make_user(organisation=council_b), text=GOOD_TEXT
        )
    # A member of the owning council sees it, so may suggest.
    member_a = make_user(organisation=council_a)
    assert suggestion_create(jd=kept_to_council, author=member_a, text=GOOD_TEXT).pk


def test_an_editor_resolves_the_author_is_emailed_and_a_second_resolve_is_refused(
    make_user: Callable[..., User],
    council_b: Organisation,
    editor_a: User,
    shared_jd: JobDescription,
) -> None:
    suggester = make_user(organisation=council_b, name="Sam Suggester")
    suggestion = suggestion_create(jd=shared_jd, author=suggester, text=GOOD_TEXT)
    mail.outbox.clear()

    resolved = suggestion_resolve(
        suggestion=suggestion, by=editor_a, accept=True, response="Good point: we've changed it."
    )

    assert resolved.status == SuggestionStatus.ACCEPTED
    assert resolved.resolved_by == editor_a
    assert resolved.resolved_at is not None
    assert resolved.response == "Good point: we've changed it."
    assert [message.to for message in mail.outbox] == [[suggester.email]]
    assert mail.outbox[0].subject == "Hackney accepted your suggestion on Senior data analyst"
    assert "Good point: we've changed it." in mail.outbox[0].body
    assert AuditEvent.objects.filter(action="jd.suggestion_accepted").count() == 1

    with pytest.raises(ValidationError, match="already accepted by Eddie Editor"):
        suggestion_resolve(suggestion=suggestion, by=editor_a, accept=False)
    suggestion.refresh_from_db()
    assert suggestion.status == SuggestionStatus.ACCEPTED
    assert len(mail.outbox) == 1


def test_only_an_editor_of_the_owning_council_resolves(
    make_user: Callable[..., User],
    council_a: Organisation,
    council_b: Organisation,
    shared_jd: JobDescription,
) -> None:
    suggestion = suggestion_create(
        jd=shared_jd, author=make_user(organisation=council_b), text=GOOD_TEXT
    )
    for outsider in (
        make_user(organisation=council_b, role=Role.EDITOR),
        make_user(organisation=council_a, role=Role.MEMBER),
        make_user(platform_admin=True),
    ):
        with pytest.raises(PermissionDenied):
            suggestion_resolve(suggestion=suggestion, by=outsider, accept=False)
    suggestion.refresh_from_db()
    assert suggestion.status == SuggestionStatus.OPEN


def test_a_response_is_limited_to_two_thousand_characters(
    make_user: Callable[..., User],
    council_b: Organisation,
    editor_a: User,
    shared_jd: JobDescription,
) -> None:
    suggestion = suggestion_create(
        jd=shared_jd, author=make_user(organisation=council_b), text=GOOD_TEXT
    )
    with pytest.raises(ValidationError, match="2,000 characters"):
        suggestion_resolve(suggestion=suggestion, by=editor_a, accept=False, response="x" * 2001)
    suggestion.refresh_from_db()
    assert suggestion.status == SuggestionStatus.OPEN


# Pages


def test_a_member_of_another_council_suggests_in_the_browser(
    make_user: Callable[..., User],
    council_b: Organisation,
    editor_a: User,
    shared_jd: JobDescription,
) -> None:
    suggester = client_for(make_user(organisation=council_b))
    url = f"/library/{shared_jd.pk}/suggestions/new/"
    page = suggester.get(url)
    assert page.status_code == 200
    assert "Suggest an improvement to Senior data analyst" in page.content.decode()

    too_short = suggester.post(url, {"text": "Fix it"})
    assert too_short.status_code == 200
    assert "Write at least 10 characters" in too_short.content.decode()
    assert not JDSuggestion.objects.exists()

    sent = suggester.post(url, {"text": GOOD_TEXT})
    suggestion = JDSuggestion.objects.get()
    assert sent.status_code == 302
    assert sent["Location"] == f"/library/{shared_jd.pk}/#suggestion-{suggestion.pk}"
    assert [message.to for message in mail.outbox] == [[editor_a.email]]


def test_suggesting_on_a_jd_you_cannot_see_is_forbidden(
    make_user: Callable[..., User],
    council_a: Organisation,
    council_b: Organisation,
    editor_a: User,
) -> None:
    kept_to_council = make_jd(council_a, editor_a, visibility=Visibility.COUNCIL)
    draft = make_jd(council_a, editor_a)
    stranger = client_for(make_user(organisation=council_b))
    member_a = client_for(make_user(organisation=council_a))
    for jd in (kept_to_council, draft):
        url = f"/library/{jd.pk}/suggestions/new/"
        assert stranger.get(url).status_code == 403
        assert stranger.post(url, {"text": GOOD_TEXT}).status_code == 403
    assert member_a.post(f"/library/{draft.pk}/suggestions/new/").status_code == 403
    anonymous = client_for(None).get(f"/library/{kept_to_council.pk}/suggestions/new/")
    assert anonymous.status_code == 302
    assert anonymous["Location"].startswith("/accounts/login/")
    assert client_for(None).get("/library/999999/suggestions/new/").status_code == 302
    assert stranger.get("/library/999999/suggestions/new/").status_code == 404
    assert not JDSuggestion.objects.exists()


def test_an_editor_resolves_in_the_browser_and_an_editor_elsewhere_gets_403(
    make_user: Callable[..., User],
    council_b: Organisation,
    editor_a: User,
    shared_jd: JobDescription,
) -> None:
    suggester = make_user(organisation=council_b, name="Sam Suggester")
    suggestion = suggestion_create(jd=shared_jd, author=suggester, text=GOOD_TEXT)
    url = f"/library/suggestions/{suggestion.pk}/resolve/"
    mail.outbox.clear()

    editor_b = client_for(make_user(organisation=council_b, role=Role.EDITOR))
    assert editor_b.post(url, {"decision": "accept"}).status_code == 403
    assert client_for(suggester).post(url, {"decision": "accept"}).status_code == 403
    anonymous = client_for(None).post(url, {"decision": "accept"})
    assert anonymous.status_code == 302 and anonymous["Location"].startswith("/accounts/login/")

    editor = client_for(editor_a)
    assert editor.get(url).status_code == 405
    no_choice = editor.post(url, {"response": "Thanks"})
    assert no_choice.status_code == 200
    assert "Choose accept or decline." in no_choice.content.decode()
    assert "Thanks" in no_choice.content.decode()  # what the editor typed is kept

    declined = editor.post(url, {"decision": "decline", "response": "We need the degree."})
    assert declined.status_code == 302
    assert declined["Location"] == f"/library/{shared_jd.pk}/#suggestion-{suggestion.pk}"
    suggestion.refresh_from_db()
    assert suggestion.status == SuggestionStatus.DECLINED
    assert suggestion.response == "We need the degree."
    assert [message.to for message in mail.outbox] == [[suggester.email]]
    assert "declined" in mail.outbox[0].subject

    again = editor.post(url, {"decision": "accept"}, follow=True)
    assert "already declined" in again.content.decode()
    suggestion.refresh_from_db()
    assert suggestion.status == SuggestionStatus.DECLINED
    assert len(mail.outbox) == 1
    assert client_for(editor_a).post("/library/suggestions/999999/resolve/").status_code == 404


def test_the_list_shows_resolve_forms_to_editors_only_and_responses_to_everyone(
    make_user: Callable[..., User],
    council_b: Organisation,
    editor_a: User,
    shared_jd: JobDescription,
) -> None:
    suggester = make_user(organisation=council_b, name="Sam Suggester")
    waiting = suggestion_create(jd=shared_jd, author=suggester, text=GOOD_TEXT)
    done = suggestion_create(
        jd=shared_jd, author=suggester, text="Add the working pattern: is it hybrid?"
    )
    suggestion_resolve(suggestion=done, by=editor_a, accept=True, response="Yes: added.")
    request = RequestFactory().get("/")

    def render(can_edit: bool) -> str:
        return render_to_string(
            "jdlibrary/suggestion_list.html",
            {"jd": shared_jd, "suggestions": suggestions_for(shared_jd), "can_edit": can_edit},
            request=request,
        )

    for_editor, for_reader = render(True), render(False)
    resolve_url = f"/library/suggestions/{waiting.pk}/resolve/"
    assert resolve_url in for_editor and resolve_url not in for_reader
    assert f"/library/suggestions/{done.pk}/resolve/" not in for_editor
    for html in (for_editor, for_reader):
        assert "Sam Suggester" in html
        assert "Add the working pattern: is it hybrid?" in html
        assert "Yes: added." in html
        assert "Accepted by Eddie Editor" in html
        assert f"/library/{shared_jd.pk}/suggestions/new/" in html


def test_the_role_matrix_for_a_jd_published_to_everyone(
    people: dict[str, User | None], council_a: Organisation
) -> None:
    editor_a = people["editor_a"]
    assert editor_a is not None
    jd = make_jd(council_a, editor_a, visibility=Visibility.MEMBERS)
    suggestion = suggestion_create(jd=jd, author=editor_a, text=GOOD_TEXT)
    create_url = f"/library/{jd.pk}/suggestions/new/"
    resolve_url = f"/library/suggestions/{suggestion.pk}/resolve/"
    expected = {
        # who: (GET the form, GET resolve, POST resolve with no decision)
        "anonymous": (302, 302, 302),
        "member_a": (200, 403, 403),
        "editor_a": (200, 405, 200),
        "admin_a": (200, 405, 200),
        "member_b": (200, 403, 403),
        "platform_admin": (200, 403, 403),
    }
    for who, (form, resolve_get, resolve_post) in expected.items():
        client = client_for(people[who])
        got = (
            client.get(create_url).status_code,
            client.get(resolve_url).status_code,
            client.post(resolve_url, {}).status_code,
        )
        assert got == (form, resolve_get, resolve_post), who
