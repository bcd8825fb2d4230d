"""Reuse: Word and Markdown downloads, what each version changed, and starting a new JD from one."""

from __future__ import annotations

import io
from collections.abc import Callable

import pytest
from django.test import Client

from civictalent.accounts.models import User
from civictalent.jdlibrary import services
from civictalent.jdlibrary.diff import diff_snapshots, word_diff
from civictalent.jdlibrary.documents_out import text_blocks
from civictalent.jdlibrary.models import JDStatus, JobDescription, Visibility
from civictalent.organisations.models import Organisation, Role

pytestmark = pytest.mark.django_db

SECTIONS = [
    services.SectionInput(
        "purpose", "Purpose of the role", "Help the council use data to serve residents."
    ),
    services.SectionInput(
        "responsibilities",
        "What you will do",
        "You will:\n- build dashboards that managers use\n- explain data to non-specialists",
    ),
    services.SectionInput(
        "essential", "Essential criteria", "Experience of SQL.\n\nExperience of Python."
    ),
]


def make_jd(council: Organisation, author: User) -> JobDescription:
    return services.jd_create(
        organisation=council,
        author=author,
        title="Senior data analyst",
        sections=list(SECTIONS),
        grade="PO4",
        pay_text="£45,000 to £50,000 a year",
        contract="permanent",
        working_pattern="Full time, hybrid",
    )


def publish(jd: JobDescription, author: User, visibility: str) -> JobDescription:
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
    return make_user(organisation=council_a, role=Role.EDITOR)


@pytest.fixture
def draft(editor_a: User, council_a: Organisation) -> JobDescription:
    return make_jd(council_a, editor_a)


# Downloads


def test_the_word_download_has_a_title_real_headings_and_bullets_and_no_tables(
    editor_a: User, draft: JobDescription
) -> None:
    from docx import Document

    response = client_for(editor_a).get(f"/library/{draft.pk}/download/word/")
    assert response.status_code == 200
    assert response["Content-Type"].startswith(
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
    )
    assert 'filename="senior-data-analyst-hackney.docx"' in response["Content-Disposition"]
    document = Document(io.BytesIO(response.content))
    assert document.tables == []
    assert document.core_properties.title == "Senior data analyst"
    assert document.core_properties.language == "en-GB"
    first = document.paragraphs[0]
    assert (first.style.name, first.text) == ("Title", "Senior data analyst")  # type: ignore[union-attr]
    by_style: dict[str, list[str]] = {}
    for paragraph in document.paragraphs:
        by_style.setdefault(paragraph.style.name, []).append(paragraph.text)  # type: ignore[union-attr]
    assert by_style["Heading 1"][:3] == [s.heading for s in SECTIONS]
    assert by_style["List Bullet"] == [
        "build dashboards that managers use",
        "explain data to non-specialists",
    ]
    body = by_style["Normal"]
    assert "Council: London Borough of Hackney" in body
    assert "Salary: £45,000 to £50,000 a year" in body
    assert "Experience of SQL." in body and "Experience of Python." in body


def test_the_markdown_download_has_a_title_and_a_heading_for_each_section(
    editor_a: User, draft: JobDescription
) -> None:
    response = client_for(editor_a).get(f"/library/{draft.pk}/download/markdown/")
    assert response.status_code == 200
    assert response["Content-Type"] == "text/markdown; charset=utf-8"
    lines = response.content.decode().splitlines()
    assert lines[0] == "# Senior data analyst"
    assert [line for line in lines if line.startswith("## ")] == [
        f"## {s.heading}" for s in SECTIONS
    ]
    assert "- **Grade:** PO4" in lines
    assert "- build dashboards that managers use" in lines


@pytest.mark.parametrize("path", ["download/word/", "download/markdown/", "versions/"])
def test_a_draft_of_council_a_is_not_for_council_b_or_council_a_members(
    path: str,
    draft: JobDescription,
    make_user: Callable[..., User],
    council_a: Organisation,
    council_b: Organisation,
) -> None:
    url = f"/library/{draft.pk}/{path}"
    assert (
        client_for(make_user(organisation=council_b, role=Role.MEMBER)).get(url).status_code == 403
    )
    assert (
        client_for(make_user(organisation=council_b, role=Role.EDITOR)).get(url).status_code == 403
    )
    assert (
        client_for(make_user(organisation=council_a, role=Role.MEMBER)).get(url).status_code == 403
    )
    anonymous = client_for(None).get(url)
    assert anonymous.status_code == 302 and anonymous["Location"].startswith("/accounts/login/")
    assert (
        client_for(make_user(platform_admin=True, with_authenticator=True)).get(url).status_code
        == 200
    )


def test_a_published_jd_shared_with_everyone_downloads_for_another_council(
    editor_a: User, draft: JobDescription, make_user: Callable[..., User], council_b: Organisation
) -> None:
    publish(draft, editor_a, Visibility.MEMBERS)
    member_b = client_for(make_user(organisation=council_b, role=Role.MEMBER))
    assert member_b.get(f"/library/{draft.pk}/download/word/").status_code == 200
    markdown = member_b.get(f"/library/{draft.pk}/download/markdown/").content.decode()
    assert "Open Government Licence v3.0" in markdown


def test_plain_text_is_read_as_paragraphs_and_bullets() -> None:
    blocks = text_blocks("One\nline.\n\n- first\n* second\n• third\nAfter.")
    assert [(b.kind, b.text) for b in blocks] == [
        ("paragraph", "One line."),
        ("bullet", "first"),
        ("bullet", "second"),
        ("bullet", "third"),
        ("paragraph", "After."),
    ]


# Versions and what changed


def test_a_word_diff_marks_added_and_removed_words_and_keeps_line_breaks() -> None:
    segments = word_diff("Build dashboards weekly.\n- SQL", "Build reports weekly.\n- SQL")
    assert [(s.kind, s.text) for s in segments] == [
        ("same", "Build"),
        ("removed", " dashboards"),
        ("added", " reports"),
        ("same", " weekly.\n- SQL"),
    ]


def test_snapshots_differ_by_field_and_by_section() -> None:
    old = {
        "title": "Data analyst",
        "grade": "PO3",
        "sections": [
            {"kind": "purpose", "heading": "Purpose", "text": "Use data well."},
            {"kind": "benefits", "heading": "What we offer", "text": "A pension."},
        ],
    }
    new = {
        "title": "Data analyst",
        "grade": "PO4",
        "sections": [
            {"kind": "purpose", "heading": "Purpose of the role", "text": "Use data well."},
            {"kind": "how_to_apply", "heading": "How to apply", "text": "Apply online."},
        ],
    }
    changes = {change.label: change for change in diff_snapshots(old, new)}
    assert set(changes) == {
        "Grade",
        "Purpose of the role (was Purpose)",
        "How to apply",
        "What we offer",
    }
    assert changes["Grade"].change == "changed"
    assert (changes["Grade"].words_removed, changes["Grade"].words_added) == (1, 1)
    assert changes["How to apply"].change == "added"
    assert changes["What we offer"].change == "removed"
    assert diff_snapshots(new, new) == []


def test_the_diff_page_marks_an_added_word_and_a_removed_word(
    editor_a: User, draft: JobDescription
) -> None:
    sections = [
        services.SectionInput(s.kind, s.heading, s.text.replace("dashboards", "reports"))
        for s in SECTIONS
    ]
    services.jd_update(jd=draft, author=editor_a, sections=sections, grade="PO5")
    client = client_for(editor_a)
    listing = client.get(f"/library/{draft.pk}/versions/").content.decode()
    assert f'href="/library/{draft.pk}/versions/2/"' in listing
    page = client.get(f"/library/{draft.pk}/versions/2/").content.decode()
    assert (
        '<ins><span class="govuk-visually-hidden">added: </span>reports'
        '<span class="govuk-visually-hidden"> (end added)</span></ins>'
    ) in page
    assert '<del><span class="govuk-visually-hidden">removed: </span>dashboards' in page
    assert "removed: </span>PO4" in page and "added: </span>PO5" in page
    first = client.get(f"/library/{draft.pk}/versions/1/").content.decode()
    assert "This is the first version" in first
    assert client.get(f"/library/{draft.pk}/versions/3/").status_code == 404


# Start a new JD from this one


def test_copying_makes_a_draft_for_the_copiers_council_with_the_same_sections(
    editor_a: User,
    draft: JobDescription,
    make_user: Callable[..., User],
    council_b: Organisation,
) -> None:
    source = publish(draft, editor_a, Visibility.MEMBERS)
    editor_b = client_for(make_user(organisation=council_b, role=Role.EDITOR))
    page = editor_b.get(f"/library/{source.pk}/copy/")
    assert page.status_code == 200
    assert "The new draft will be for" in page.content.decode()
    response = editor_b.post(f"/library/{source.pk}/copy/", {"organisation": council_b.pk})
    copy = JobDescription.objects.exclude(pk=source.pk).get()
    assert response.status_code == 302
    assert response["Location"] == f"/library/{copy.pk}/review/"
    assert copy.organisation == council_b
    assert copy.status == JDStatus.DRAFT and copy.visibility == Visibility.COUNCIL
    assert (copy.title, copy.grade, copy.pay_text, copy.contract) == (
        source.title,
        source.grade,
        source.pay_text,
        source.contract,
    )
    assert [(s.kind, s.heading, s.text) for s in copy.sections.all()] == [
        (s.kind, s.heading, s.text) for s in source.sections.all()
    ]
    assert copy.versions.get().summary == "Copied from Senior data analyst (Hackney)"
    source.refresh_from_db()
    assert source.organisation.slug == "hackney" and source.status == JDStatus.PUBLISHED


def test_a_copier_cannot_choose_a_council_they_do_not_edit_for(
    editor_a: User,
    draft: JobDescription,
    make_user: Callable[..., User],
    council_a: Organisation,
    council_b: Organisation,
) -> None:
    source = publish(draft, editor_a, Visibility.MEMBERS)
    editor_b = client_for(make_user(organisation=council_b, role=Role.EDITOR))
    response = editor_b.post(f"/library/{source.pk}/copy/", {"organisation": council_a.pk})
    assert response.status_code == 200
    assert "Choose one of the councils you edit job descriptions for." in response.content.decode()
    assert JobDescription.objects.count() == 1


def test_a_member_who_edits_for_no_council_cannot_copy(
    editor_a: User,
    draft: JobDescription,
    make_user: Callable[..., User],
    council_a: Organisation,
    council_b: Organisation,
) -> None:
    source = publish(draft, editor_a, Visibility.MEMBERS)
    for member in (
        make_user(organisation=council_a, role=Role.MEMBER),
        make_user(organisation=council_b, role=Role.MEMBER),
    ):
        client = client_for(member)
        assert client.get(f"/library/{source.pk}/copy/").status_code == 403
        assert (
            client.post(f"/library/{source.pk}/copy/", {"organisation": council_b.pk}).status_code
            == 403
        )
    assert JobDescription.objects.count() == 1


def test_a_council_only_jd_cannot_be_copied_by_another_council(
    editor_a: User,
    draft: JobDescription,
    make_user: Callable[..., User],
    council_b: Organisation,
) -> None:
    source = publish(draft, editor_a, Visibility.COUNCIL)
    editor_b = client_for(make_user(organisation=council_b, role=Role.EDITOR))
    assert editor_b.get(f"/library/{source.pk}/copy/").status_code == 403
    response = editor_b.post(f"/library/{source.pk}/copy/", {"organisation": council_b.pk})
    assert response.status_code == 403
    assert editor_b.get(f"/library/{source.pk}/download/word/").status_code == 403
    assert JobDescription.objects.count() == 1


def test_an_editor_with_several_councils_chooses_one(
    editor_a: User,
    draft: JobDescription,
    make_user: Callable[..., User],
    council_a: Organisation,
    council_b: Organisation,
) -> None:
    from civictalent.organisations.models import Membership

    Membership.objects.create(user=editor_a, organisation=council_b, role=Role.EDITOR)
    client = client_for(editor_a)
    page = client.get(f"/library/{draft.pk}/copy/").content.decode()
    assert 'type="radio"' in page and "Which council is the new draft for?" in page
    missing = client.post(f"/library/{draft.pk}/copy/", {})
    assert "Choose the council the new draft is for." in missing.content.decode()
    client.post(f"/library/{draft.pk}/copy/", {"organisation": council_a.pk})
    copy = JobDescription.objects.exclude(pk=draft.pk).get()
    assert copy.organisation == council_a


def test_rich_text_sections_give_word_headings_and_numbered_items() -> None:
    blocks = text_blocks("### Skills\nYou will:\n1) plan\n2) build [well](https://a.example)")
    assert [(b.kind, b.text) for b in blocks] == [
        ("heading", "Skills"),
        ("paragraph", "You will:"),
        ("number", "plan"),
        ("number", "build well"),
    ]


def test_the_markdown_download_keeps_only_safe_links_and_no_raw_html() -> None:
    from civictalent.jdlibrary.documents_out import _section_markdown

    markdown = _section_markdown(
        "### Apply\n- [Our site](https://a.example)\n- [x](javascript:alert(1)) <script>"
    )
    assert markdown == (
        "### Apply\n\n- [Our site](https://a.example)\n- \\[x\\](javascript:alert(1)) &lt;script>"
    )
