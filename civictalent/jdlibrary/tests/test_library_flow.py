"""Contribute, review, publish and find job descriptions; who can see what."""

from __future__ import annotations

import io
from collections.abc import Callable

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from civictalent.accounts.models import User
from civictalent.framework.services import framework_load_starter
from civictalent.jdlibrary.models import JDStatus, JDVersion, JobDescription
from civictalent.organisations.models import Organisation, Role
from civictalent.salaries.models import SalaryObservation

pytestmark = pytest.mark.django_db


def word_document() -> bytes:
    from docx import Document

    document = Document()
    document.add_heading("Senior Data Analyst", level=0)
    document.add_paragraph("Salary: £45,000 - £50,000 per annum")
    document.add_heading("Job purpose", level=1)
    document.add_paragraph("Help the council use data to improve services for residents.")
    document.add_heading("Main duties", level=1)
    document.add_paragraph("Build dashboards that managers use every week.")
    document.add_heading("Person specification", level=1)
    document.add_paragraph("Experience of SQL and of explaining data to non-specialists.")
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


@pytest.fixture
def editor(make_user: Callable[..., User], council_a: Organisation) -> Client:
    framework_load_starter()
    client = Client()
    client.force_login(make_user(organisation=council_a, role=Role.EDITOR))
    return client


def upload(
    client: Client, council: Organisation, content: bytes, name: str, pay_text: str = ""
) -> object:
    return client.post(
        "/library/contribute/",
        {
            "organisation": council.pk,
            "document": SimpleUploadedFile(name, content),
            "text": "",
            "pay_text": pay_text,
        },
    )


def test_an_editor_uploads_reviews_and_publishes_a_word_jd(
    editor: Client, council_a: Organisation, make_user: Callable[..., User], council_b: Organisation
) -> None:
    response = upload(editor, council_a, word_document(), "senior-data-analyst.docx")
    jd = JobDescription.objects.get()
    assert response["Location"] == f"/library/{jd.pk}/review/"  # type: ignore[index]
    assert jd.title == "Senior Data Analyst"
    assert jd.status == JDStatus.DRAFT
    assert jd.role_level is not None and jd.role_level.name == "Senior data analyst"
    assert jd.annual_min_pence == 4_500_000
    assert {section.kind for section in jd.sections.all()} >= {"purpose", "responsibilities"}
    review = editor.get(f"/library/{jd.pk}/review/").content.decode()
    assert "Senior Data Analyst" in review and "Build dashboards" in review
    form = {
        "title": "Senior data analyst (Insight)",
        "role_level": jd.role_level.pk,
        "grade": "PO4",
        "pay_text": jd.pay_text,
        "contract": "permanent",
        "working_pattern": "Full time, hybrid",
        "location": "Hackney Service Centre",
        "section_purpose": "Help the council use data well.",
        "section_responsibilities": "Build dashboards.",
    }
    assert editor.post(f"/library/{jd.pk}/review/", form).status_code == 302
    jd.refresh_from_db()
    assert jd.version == 2 and jd.grade == "PO4"
    assert "title" in JDVersion.objects.get(job_description=jd, number=2).summary
    # Sharing with every council needs consent and a licence.
    refused = editor.post(f"/library/{jd.pk}/publish/", {"visibility": "members"}).content.decode()
    assert "Confirm you have your council&#x27;s permission" in refused
    assert 'href="#id_consent"' in refused
    assert JobDescription.objects.get().status == JDStatus.DRAFT
    editor.post(
        f"/library/{jd.pk}/publish/",
        {"visibility": "members", "licence": "ogl-3.0", "consent": "on"},
    )
    jd.refresh_from_db()
    assert jd.status == JDStatus.PUBLISHED and jd.licence == "ogl-3.0"
    assert SalaryObservation.objects.get(source_ref=f"jd-{jd.pk}").annual_min_pence == 4_500_000
    other = Client()
    other.force_login(make_user(organisation=council_b))
    assert "Senior data analyst (Insight)" in other.get("/library/?q=insight").content.decode()
    detail = other.get(f"/library/{jd.pk}/")
    assert detail.status_code == 200
    # The location the editor gave is on the JD's page, beside the other facts.
    assert (
        '<dt class="govuk-summary-list__key">Location</dt><dd class="govuk-summary-list__value">'
        "Hackney Service Centre</dd>"
    ) in detail.content.decode()
    assert other.get(f"/library/{jd.pk}/review/").status_code == 403


def test_drafts_and_council_only_jds_stay_private(
    editor: Client, council_a: Organisation, make_user: Callable[..., User], council_b: Organisation
) -> None:
    editor.post(
        "/library/contribute/",
        {
            "organisation": council_a.pk,
            "text": "Data Engineer\n\nJob purpose\n\nMove data safely.",
            "pay_text": "",
        },
    )
    jd = JobDescription.objects.get()
    colleague, outsider = Client(), Client()
    colleague.force_login(make_user(organisation=council_a))
    outsider.force_login(make_user(organisation=council_b))
    assert colleague.get(f"/library/{jd.pk}/").status_code == 403  # a draft: editors only
    editor.post(f"/library/{jd.pk}/publish/", {"visibility": "council"})
    assert colleague.get(f"/library/{jd.pk}/").status_code == 200
    assert outsider.get(f"/library/{jd.pk}/").status_code == 403
    assert "Data Engineer" not in outsider.get("/library/").content.decode()
    assert Client().get("/library/").status_code == 302


def test_a_hostile_file_is_refused_and_nothing_is_saved(
    editor: Client, council_a: Organisation
) -> None:
    response = upload(
        editor, council_a, b"MZ\x90\x00 not really a document", "jd.docx", pay_text="£40,000"
    )
    page = response.content.decode()  # type: ignore[attr-defined]
    assert "govuk-error-summary" in page
    assert "is not a Word document" in page or "not" in page
    assert 'value="£40,000"' in page  # what the person typed is kept
    assert not JobDescription.objects.exists()


def test_members_who_are_not_editors_cannot_contribute(
    make_user: Callable[..., User], council_a: Organisation
) -> None:
    client = Client()
    client.force_login(make_user(organisation=council_a))
    assert client.get("/library/contribute/").status_code == 403


def test_search_facets_and_sorting(editor: Client, council_a: Organisation) -> None:
    for title, text in [
        ("Data Engineer", "pipelines and quality"),
        ("User Researcher", "interviews with residents"),
    ]:
        editor.post(
            "/library/contribute/",
            {
                "organisation": council_a.pk,
                "text": f"{title}\n\nJob purpose\n\n{text}",
                "pay_text": "£40,000 - £45,000 per annum",
            },
        )
    page = editor.get("/library/", {"q": "residents"}).content.decode()
    assert "User Researcher" in page and "Data Engineer" not in page
    assert "1 job description matching" in page
    page = editor.get("/library/", {"salary": "35k-50k", "sort": "title"}).content.decode()
    assert page.index("Data Engineer") < page.index("User Researcher")
    assert "Hackney (2)" in editor.get("/library/").content.decode()
    assert (
        "No job descriptions match"
        in editor.get("/library/", {"salary": "65k-plus"}).content.decode()
    )


def test_job_descriptions_for_the_same_role_level_are_grouped(
    editor: Client, council_a: Organisation, make_user: Callable[..., User], council_b: Organisation
) -> None:
    from civictalent.framework.models import RoleLevel
    from civictalent.jdlibrary.services import SectionInput, jd_create, jd_publish

    level = RoleLevel.objects.get(framework__is_default=True, slug="senior-data-analyst")
    author_b = make_user(organisation=council_b, role=Role.EDITOR)
    author_a = make_user(organisation=council_a, role=Role.EDITOR)
    jds = []
    for council, author in [(council_a, author_a), (council_b, author_b), (council_b, author_b)]:
        jd = jd_create(
            organisation=council,
            author=author,
            title="Senior Data Analyst",
            role_level=level,
            sections=[SectionInput("purpose", "Purpose", "Use data well.")],
            pay_text="£48,000 - £52,000 per annum",
        )
        jd_publish(jd=jd, author=author, visibility="members", licence="ogl-3.0", consent=True)
        jds.append(jd)
    page = editor.get(f"/library/{jds[0].pk}/").content.decode()
    assert "2 other job descriptions for Senior data analyst" in page
    assert "Greenwich" in page
    filtered = editor.get(
        "/library/", {"role_level": str(level.pk), "published": "30"}
    ).content.decode()
    assert "3 job descriptions" in filtered


def test_a_jd_stores_the_same_advertised_range_its_salary_observation_records(
    make_user: Callable[..., User], council_a: Organisation
) -> None:
    from civictalent.framework.models import RoleLevel
    from civictalent.jdlibrary.services import SectionInput, jd_create, jd_publish

    framework_load_starter()
    author = make_user(organisation=council_a, role=Role.EDITOR)
    jd = jd_create(
        organisation=council_a,
        author=author,
        title="Data Engineer",
        role_level=RoleLevel.objects.get(framework__is_default=True, slug="data-engineer"),
        sections=[SectionInput("purpose", "Purpose", "Move data safely.")],
        pay_text="National: £36,530 - £44,225 London: £40,660 - £48,160",
    )
    assert (jd.annual_min_pence, jd.annual_max_pence) == (4_066_000, 4_816_000)
    jd_publish(jd=jd, author=author, visibility="council")
    observation = SalaryObservation.objects.get(source_ref=f"jd-{jd.pk}")
    assert (observation.annual_min_pence, observation.annual_max_pence) == (4_066_000, 4_816_000)
    assert not observation.is_public, "a JD kept to the council is not open pay data"
    jd_publish(jd=jd, author=author, visibility="members", licence="ogl-3.0", consent=True)
    observation.refresh_from_db()
    assert observation.is_public, "shared with everyone, its pay counts in the open data"
    jd_publish(jd=jd, author=author, visibility="council")
    observation.refresh_from_db()
    assert not observation.is_public


def test_both_search_plans_and_both_facet_counts_agree(
    make_user: Callable[..., User],
    council_a: Organisation,
    council_b: Organisation,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The library picks a query plan by how many JDs match and counts facets one of two ways;
    whichever it picks, the results and counts must be the same."""
    from civictalent.core import search as search_module
    from civictalent.jdlibrary import selectors, services
    from civictalent.jdlibrary.services import SectionInput

    framework_load_starter()
    author = make_user(organisation=council_a, role=Role.EDITOR)
    for number in range(12):
        jd = services.jd_create(
            organisation=council_a if number % 3 else council_b,
            author=author,
            title=f"Data analyst {number}",
            sections=[
                SectionInput(
                    kind="purpose",
                    heading="Job purpose",
                    text="Build dashboards for residents" if number % 2 else "Plan the work",
                )
            ],
            pay_text="£40,000 - £45,000 per annum",
            contract="permanent" if number % 4 else "fixed term",
        )
        services.jd_publish(
            jd=jd, author=author, visibility="members", licence="ogl-3.0", consent=True
        )
    reader = make_user(organisation=council_b)
    filters = selectors.LibraryFilters(query="dashboards", sort="newest")
    by_id = selectors.library_with_counts(reader, filters)
    monkeypatch.setattr(search_module, "WALK_INDEX_ABOVE", 0)
    by_walking = selectors.library_with_counts(reader, filters)
    assert list(by_id.results) == list(by_walking.results)
    assert by_id.total == by_walking.total == 6
    assert by_id.facets == by_walking.facets
    visible = selectors.visible_job_descriptions(reader)
    assert selectors.facets(visible, searched=True) == selectors.facets(visible, searched=False)
    assert selectors.facets(visible)[0] == 12


def test_cached_counts_follow_changes_and_never_cross_between_councils(
    make_user: Callable[..., User], council_a: Organisation, council_b: Organisation
) -> None:
    """The library's counts are cached; publishing a JD must show at once, and someone who may
    see fewer JDs must never be given the counts of someone who sees more."""
    from civictalent.jdlibrary import selectors, services
    from civictalent.jdlibrary.services import SectionInput

    framework_load_starter()
    editor = make_user(organisation=council_a, role=Role.EDITOR)
    outsider = make_user(organisation=council_b)
    everything = selectors.LibraryFilters()
    assert selectors.library_with_counts(outsider, everything).total == 0
    draft = services.jd_create(
        organisation=council_a,
        author=editor,
        title="Data analyst",
        sections=[SectionInput("purpose", "Job purpose", "Build dashboards")],
    )
    # The editor sees their council's draft; the outsider, asking the same question, does not.
    assert selectors.library_with_counts(editor, everything).total == 1
    assert selectors.library_with_counts(outsider, everything).total == 0
    services.jd_publish(
        jd=draft, author=editor, visibility="members", licence="ogl-3.0", consent=True
    )
    assert selectors.library_with_counts(outsider, everything).total == 1
    assert (
        selectors.library_with_counts(outsider, selectors.LibraryFilters(query="dashboards")).total
        == 1
    )


def test_the_licence_follows_who_can_see_it(
    make_user: Callable[..., User], council_a: Organisation
) -> None:
    """Shared with everyone, the open licence is chosen unless they choose another; kept to the
    council, no licence is kept, even one that was sent."""
    from civictalent.jdlibrary.services import jd_create

    author = make_user(organisation=council_a, role=Role.EDITOR)
    jd = jd_create(organisation=council_a, author=author, title="Data analyst", sections=[])
    client = Client()
    client.force_login(author)
    page = client.get(f"/library/{jd.pk}/publish/").content.decode()
    licence_inputs = [part for part in page.split("<input") if 'name="licence"' in part]
    checked = [part for part in licence_inputs if " checked" in part.split(">", 1)[0]]
    assert len(checked) == 1 and 'value="ogl-3.0"' in checked[0], "the open licence by default"
    assert "No licence (keep to my council)" not in page
    assert 'id="conditional-sharing"' in page

    client.post(
        f"/library/{jd.pk}/publish/",
        {"visibility": "council", "licence": "cc-by-4.0", "consent": "on"},
    )
    jd.refresh_from_db()
    assert (jd.status, jd.visibility, jd.licence) == (JDStatus.PUBLISHED, "council", "")
    assert jd.sharing_consent_at is None

    # Sharing it with everyone later: the open licence is the one already chosen.
    page = client.get(f"/library/{jd.pk}/publish/").content.decode()
    licence_inputs = [part for part in page.split("<input") if 'name="licence"' in part]
    checked = [part for part in licence_inputs if " checked" in part.split(">", 1)[0]]
    assert len(checked) == 1 and 'value="ogl-3.0"' in checked[0]
    client.post(
        f"/library/{jd.pk}/publish/",
        {"visibility": "members", "consent": "on", "licence": "ogl-3.0"},
    )
    jd.refresh_from_db()
    assert (jd.visibility, jd.licence) == ("members", "ogl-3.0")
