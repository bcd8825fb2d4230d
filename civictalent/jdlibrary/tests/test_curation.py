"""Curation: near duplicates, exemplars, comparing JDs side by side, the project's own exemplars."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.test import Client

from civictalent.accounts.models import User
from civictalent.core.models import AuditEvent
from civictalent.framework.models import RoleLevel, RoleLevelSkill, Skill
from civictalent.framework.services import framework_load_starter
from civictalent.jdlibrary import curation, selectors
from civictalent.jdlibrary.models import JDStatus, JobDescription, Licence, Visibility
from civictalent.jdlibrary.services import SectionInput, jd_create, jd_publish
from civictalent.jdlibrary.similarity import fingerprint, near_duplicates, similarity
from civictalent.organisations.models import Organisation, Role

PURPOSE = (
    "Help the council use data to improve services for residents. You will turn raw figures from "
    "housing, waste and social care into clear evidence that managers and councillors can act "
    "on, and you will make sure that the numbers we publish are accurate, explained and easy to "
    "find."
)
DUTIES = (
    "- Build and look after dashboards that service managers use every week to plan their work.\n"
    "- Clean, join and check data from several case management systems before it is used.\n"
    "- Answer questions from councillors and residents with short written briefings.\n"
    "- Work with the information governance team so personal data is handled lawfully.\n"
    "- Write down how each report is made so a colleague could rebuild it without help.\n"
    "- Coach colleagues in other teams to use spreadsheets and simple charts with confidence.\n"
    "- Spot problems in the quality of data at source and agree fixes with the teams who own it.\n"
    "- Take part in the London data community and bring back ideas that other boroughs have tried."
)
ESSENTIAL = (
    "- Experience of using SQL or a similar language to query and combine data.\n"
    "- Able to explain findings to people who are not specialists, in writing and in person.\n"
    "- Experience of building dashboards or reports in a tool such as Power BI or Tableau.\n"
    "- Careful with detail, and able to check your own work and other people's work.\n"
    "- Understanding of why personal data must be protected, and how to do it in practice."
)
ABOUT = (
    "Hackney is a diverse and fast-changing borough in north east London. Our data and insight "
    "team sits in the strategy directorate and works with every service across the council."
)


def analyst_sections(about: str = ABOUT) -> list[SectionInput]:
    return [
        SectionInput("purpose", "Job purpose", PURPOSE),
        SectionInput("responsibilities", "Main duties", DUTIES),
        SectionInput("essential", "Essential criteria", ESSENTIAL),
        SectionInput("about_council", "About us", about),
    ]


def analyst_text(about: str = ABOUT) -> str:
    return curation.similarity_text(section.text for section in analyst_sections(about))


UNRELATED = (
    "The library will be closed on Monday for the bank holiday. Books due back that day can be "
    "returned on Tuesday without a fine. The children's reading club meets again next Saturday "
    "morning in the upstairs room, where there will be story time, crafts and a visit from a "
    "local author who writes about dragons, pirates and the history of the river Thames."
)


def published_jd(
    organisation: Organisation,
    author: User,
    *,
    title: str = "Data Analyst",
    visibility: str = Visibility.MEMBERS,
    sections: list[SectionInput] | None = None,
    role_level: RoleLevel | None = None,
    pay_text: str = "£40,000 to £45,000 a year",
) -> JobDescription:
    jd = jd_create(
        organisation=organisation,
        author=author,
        title=title,
        sections=sections if sections is not None else analyst_sections(),
        role_level=role_level,
        pay_text=pay_text,
    )
    jd_publish(
        jd=jd,
        author=author,
        visibility=visibility,
        licence=Licence.OGL if visibility == Visibility.MEMBERS else "",
        consent=visibility == Visibility.MEMBERS,
    )
    jd.refresh_from_db()
    return jd


def signed_in_client(user: User) -> Client:
    client = Client()
    client.force_login(user)
    return client


# --- Similarity (pure) -----------------------------------------------------------------------


def test_identical_texts_are_fully_similar() -> None:
    assert similarity(fingerprint(analyst_text()), fingerprint(analyst_text())) == 1.0


def test_layout_and_case_do_not_matter() -> None:
    shouted = analyst_text().upper().replace("\n", "   ").replace("- ", "• ")
    assert similarity(fingerprint(analyst_text()), fingerprint(shouted)) == 1.0


def test_unrelated_texts_are_nearly_unrelated() -> None:
    assert similarity(fingerprint(analyst_text()), fingerprint(UNRELATED)) < 0.05


def test_a_lightly_edited_copy_is_very_similar() -> None:
    edited = (
        analyst_text()
        .replace("Hackney is a diverse", "Greenwich is a historic")
        .replace("north east London", "south east London")
        .replace("every week", "each week")
    )
    score = similarity(fingerprint(analyst_text()), fingerprint(edited))
    assert 0.8 < score < 1.0


def test_empty_texts_are_never_duplicates() -> None:
    assert fingerprint("  \n - ") == frozenset()
    assert similarity(frozenset(), frozenset()) == 0.0
    assert near_duplicates(frozenset(), [(1, fingerprint(analyst_text()))]) == []


def test_near_duplicates_are_ranked_thresholded_and_limited() -> None:
    base = fingerprint(analyst_text())
    close = fingerprint(analyst_text().replace("every week", "each week"))
    closer = fingerprint(analyst_text().replace("Coach", "Help"))
    others = [
        (1, fingerprint(UNRELATED)),
        (2, close),
        (3, base),
        (4, closer),
        (5, frozenset()),
        (6, fingerprint(PURPOSE)),  # far shorter: skipped without comparing
    ]
    found = near_duplicates(base, others, threshold=0.6, limit=3)
    assert [key for key, _ in found] == [3, 2, 4] or [key for key, _ in found] == [3, 4, 2]
    assert found[0] == (3, 1.0)
    assert all(score >= 0.6 for _, score in found)
    assert len(near_duplicates(base, others, limit=1)) == 1


# --- Near duplicates over the library --------------------------------------------------------


@pytest.mark.django_db
def test_near_duplicates_of_finds_a_copy_and_names_its_council(
    make_user: Callable[..., User], council_a: Organisation, council_b: Organisation
) -> None:
    hackney_editor = make_user(organisation=council_a, role=Role.EDITOR)
    original = published_jd(council_a, hackney_editor)
    published_jd(
        council_a,
        hackney_editor,
        title="Library notice",
        sections=[SectionInput("other", "Notice", UNRELATED)],
    )
    greenwich_editor = make_user(organisation=council_b, role=Role.EDITOR)
    copy_text = analyst_text(about=ABOUT.replace("Hackney", "Greenwich"))

    found = curation.near_duplicates_of(text=copy_text, user=greenwich_editor)

    assert [duplicate.jd for duplicate in found] == [original]
    assert 80 <= found[0].percent < 100
    year = original.published_at.year  # type: ignore[union-attr]
    assert found[0].message == (
        f"This looks like 'Data Analyst' from Hackney, {year} ({found[0].percent}% similar)."
    )
    # A JD is not its own duplicate.
    assert curation.near_duplicates_of_jd(jd=original, user=hackney_editor) == []
    assert curation.near_duplicates_of(text="", user=greenwich_editor) == []


@pytest.mark.django_db
def test_near_duplicates_do_not_reveal_another_councils_private_jd(
    make_user: Callable[..., User], council_a: Organisation, council_b: Organisation
) -> None:
    hackney_editor = make_user(organisation=council_a, role=Role.EDITOR)
    private = published_jd(council_a, hackney_editor, visibility=Visibility.COUNCIL)
    draft = jd_create(
        organisation=council_a, author=hackney_editor, title="Draft", sections=analyst_sections()
    )
    greenwich_editor = make_user(organisation=council_b, role=Role.EDITOR)

    assert curation.near_duplicates_of(text=analyst_text(), user=greenwich_editor) == []
    # Hackney's own people do see it (and the draft, for its editors).
    colleague = make_user(organisation=council_a, role=Role.EDITOR)
    seen = curation.near_duplicates_of(text=analyst_text(), user=colleague)
    assert {duplicate.jd.pk for duplicate in seen} == {private.pk, draft.pk}
    assert (
        curation.near_duplicates_of(text=analyst_text(), user=colleague, exclude_pk=draft.pk)[0].jd
        == private
    )


# --- Exemplars -------------------------------------------------------------------------------

GOOD_REASON = "Clear purpose, outcomes not tasks, and only five essential criteria."


@pytest.mark.django_db
def test_marking_an_exemplar_needs_a_reason_and_is_audited(
    make_user: Callable[..., User], council_a: Organisation
) -> None:
    jd = published_jd(council_a, make_user(organisation=council_a, role=Role.EDITOR))
    curator = make_user(platform_admin=True)

    with pytest.raises(ValidationError, match="at least 20 characters"):
        curation.jd_mark_exemplar(jd=jd, by=curator, reason="  Good.  ")
    jd.refresh_from_db()
    assert not jd.is_exemplar

    curation.jd_mark_exemplar(jd=jd, by=curator, reason=GOOD_REASON)
    jd.refresh_from_db()
    assert jd.is_exemplar and jd.exemplar_reason == GOOD_REASON
    event = AuditEvent.objects.get(action="jd.exemplar_marked")
    assert event.actor == curator and event.target_id == str(jd.pk)
    assert event.changes["exemplar_reason"] == ["", GOOD_REASON]

    curation.jd_unmark_exemplar(jd=jd, by=curator)
    jd.refresh_from_db()
    assert not jd.is_exemplar and jd.exemplar_reason == ""
    assert AuditEvent.objects.get(action="jd.exemplar_unmarked").changes["exemplar_reason"] == [
        GOOD_REASON,
        "",
    ]


@pytest.mark.django_db
def test_only_jds_shared_with_everyone_can_be_exemplars_and_only_by_platform_admins(
    make_user: Callable[..., User], council_a: Organisation
) -> None:
    editor = make_user(organisation=council_a, role=Role.EDITOR)
    private = published_jd(council_a, editor, visibility=Visibility.COUNCIL)
    with pytest.raises(ValidationError, match="published to every council"):
        curation.jd_mark_exemplar(jd=private, by=make_user(platform_admin=True), reason=GOOD_REASON)
    shared = published_jd(council_a, editor)
    with pytest.raises(PermissionDenied):
        curation.jd_mark_exemplar(jd=shared, by=editor, reason=GOOD_REASON)


@pytest.mark.django_db
def test_a_platform_admin_marks_an_exemplar_in_the_browser(
    make_user: Callable[..., User], council_a: Organisation
) -> None:
    jd = published_jd(council_a, make_user(organisation=council_a, role=Role.EDITOR))
    curator = signed_in_client(make_user(platform_admin=True, with_authenticator=True))
    url = f"/library/{jd.pk}/exemplar/"

    page = curator.get(url)
    assert page.status_code == 200
    assert 'name="reason"' in page.content.decode()

    refused = curator.post(url, {"reason": "Nice"})
    assert refused.status_code == 200
    assert "at least 20 characters" in refused.content.decode()
    assert not AuditEvent.objects.filter(action="jd.exemplar_marked").exists()

    response = curator.post(url, {"reason": GOOD_REASON})
    assert response["Location"] == f"/library/{jd.pk}/"
    jd.refresh_from_db()
    assert jd.is_exemplar
    assert AuditEvent.objects.filter(action="jd.exemplar_marked").count() == 1

    assert curator.get(f"/library/{jd.pk}/exemplar/remove/").status_code == 200
    curator.post(f"/library/{jd.pk}/exemplar/remove/")
    jd.refresh_from_db()
    assert not jd.is_exemplar


@pytest.mark.django_db
def test_council_admins_members_and_strangers_cannot_mark_exemplars(
    make_user: Callable[..., User], council_a: Organisation
) -> None:
    jd = published_jd(council_a, make_user(organisation=council_a, role=Role.EDITOR))
    url = f"/library/{jd.pk}/exemplar/"
    council_admin = signed_in_client(
        make_user(organisation=council_a, role=Role.ADMIN, with_authenticator=True)
    )
    assert council_admin.get(url).status_code == 403
    assert council_admin.post(url, {"reason": GOOD_REASON}).status_code == 403
    assert council_admin.post(f"/library/{jd.pk}/exemplar/remove/").status_code == 403
    member = signed_in_client(make_user(organisation=council_a))
    assert member.post(url, {"reason": GOOD_REASON}).status_code == 403
    anonymous = Client().get(url)
    assert anonymous.status_code == 302 and anonymous["Location"].startswith("/accounts/login/")
    jd.refresh_from_db()
    assert not jd.is_exemplar


@pytest.mark.django_db
def test_exemplars_come_first_in_the_library(
    make_user: Callable[..., User], council_a: Organisation, council_b: Organisation
) -> None:
    editor = make_user(organisation=council_a, role=Role.EDITOR)
    older = published_jd(council_a, editor, title="Older analyst")
    newer = published_jd(council_a, editor, title="Newer analyst")
    reader = make_user(organisation=council_b)
    assert selectors.library(reader, selectors.LibraryFilters()).first() == newer
    curation.jd_mark_exemplar(jd=older, by=make_user(platform_admin=True), reason=GOOD_REASON)
    assert list(selectors.library(reader, selectors.LibraryFilters())) == [older, newer]


@pytest.mark.django_db
def test_a_search_for_a_title_finds_that_title_before_exemplars_that_only_mention_it(
    make_user: Callable[..., User], council_a: Organisation, council_b: Organisation
) -> None:
    editor = make_user(organisation=council_a, role=Role.EDITOR)
    mentions = analyst_sections(ABOUT + " You will work closely with our user researcher.")
    exemplar = published_jd(council_a, editor, title="Data Analyst", sections=mentions)
    curation.jd_mark_exemplar(jd=exemplar, by=make_user(platform_admin=True), reason=GOOD_REASON)
    words_apart = published_jd(council_a, editor, title="Researcher (user experience)")
    holds_it = published_jd(council_a, editor, title="Senior User Researcher")
    exact = published_jd(council_a, editor, title="User researcher")
    reader = make_user(organisation=council_b)

    found = list(selectors.library(reader, selectors.LibraryFilters(query="user  Researcher")))

    assert found == [exact, holds_it, words_apart, exemplar]
    # Without a search, and sorted by title, exemplars still come first.
    assert selectors.library(reader, selectors.LibraryFilters()).first() == exemplar
    by_title = selectors.LibraryFilters(query="user researcher", sort="title")
    assert selectors.library(reader, by_title).first() == exemplar


# --- Compare ---------------------------------------------------------------------------------


@pytest.fixture
def two_jds(
    make_user: Callable[..., User], council_a: Organisation, council_b: Organisation
) -> tuple[JobDescription, JobDescription]:
    framework_load_starter()
    level = RoleLevel.objects.get(framework__is_default=True, name="Senior data analyst")
    skill = Skill.objects.create(
        framework=level.framework, name="Data visualisation test skill", slug="dv-test-skill"
    )
    RoleLevelSkill.objects.create(role_level=level, skill=skill, level="practitioner")
    hackney = published_jd(
        council_a,
        make_user(organisation=council_a, role=Role.EDITOR),
        title="Senior Data Analyst",
        role_level=level,
        pay_text="£45,000 to £50,000 a year",
    )
    greenwich = published_jd(
        council_b,
        make_user(organisation=council_b, role=Role.EDITOR),
        title="Insight Analyst",
        sections=[SectionInput("purpose", "Purpose", "Find insight in Greenwich's data.")],
        pay_text="",
    )
    return hackney, greenwich


@pytest.mark.django_db
def test_compare_shows_two_jds_side_by_side(
    two_jds: tuple[JobDescription, JobDescription],
    make_user: Callable[..., User],
    council_b: Organisation,
) -> None:
    hackney, greenwich = two_jds
    reader = signed_in_client(make_user(organisation=council_b))
    response = reader.get(f"/library/compare/?jd={hackney.pk}&jd={greenwich.pk}")
    assert response.status_code == 200
    html = response.content.decode()
    for expected in (
        "Senior Data Analyst",
        "Insight Analyst",
        "Hackney",
        "Greenwich",
        "£45,000 to £50,000 a year",
        "Senior data analyst",
        "Not mapped",
        "Help the council use data to improve services",
        "Find insight in Greenwich",
        "Not included",
        "Data visualisation test skill",
        "Practitioner",
        "Role level not mapped",
        "out of 100",  # the health score
        '<th scope="col"',
        '<th scope="row"',
        "<caption",
    ):
        assert expected in html, expected
    assert "There is a problem" not in html


@pytest.mark.django_db
def test_compare_refuses_one_or_four(
    two_jds: tuple[JobDescription, JobDescription],
    make_user: Callable[..., User],
    council_a: Organisation,
    council_b: Organisation,
) -> None:
    hackney, greenwich = two_jds
    reader = signed_in_client(make_user(organisation=council_b))
    one = reader.get(f"/library/compare/?jd={hackney.pk}").content.decode()
    assert "There is a problem" in one
    assert "Choose at least 2 job descriptions to compare; you chose 1." in one
    assert "out of 100" not in one

    editor = make_user(organisation=council_a, role=Role.EDITOR)
    more = [published_jd(council_a, editor, title=f"Analyst {n}") for n in range(2)]
    ids = "&".join(f"jd={jd.pk}" for jd in [hackney, greenwich, *more])
    four = reader.get(f"/library/compare/?{ids}").content.decode()
    assert "You can compare up to 3 job descriptions at once; you chose 4." in four
    assert "out of 100" not in four

    three = reader.get(f"/library/compare/?{ids.rsplit('&', 1)[0]}").content.decode()
    assert "There is a problem" not in three and "Analyst 0" in three

    # Nothing chosen yet: a page to choose from, no error.
    empty = reader.get("/library/compare/?q=analyst").content.decode()
    assert "There is a problem" not in empty and "Insight Analyst" in empty


@pytest.mark.django_db
def test_compare_leaves_out_what_the_person_may_not_see(
    two_jds: tuple[JobDescription, JobDescription],
    make_user: Callable[..., User],
    council_a: Organisation,
    council_b: Organisation,
) -> None:
    hackney, greenwich = two_jds
    editor = make_user(organisation=council_a, role=Role.EDITOR)
    private = published_jd(
        council_a, editor, title="Private restructure role", visibility=Visibility.COUNCIL
    )
    reader = signed_in_client(make_user(organisation=council_b))
    response = reader.get(
        f"/library/compare/?jd={hackney.pk}&jd={private.pk}&jd=nonsense&jd={greenwich.pk}"
    )
    html = response.content.decode()
    assert "Private restructure role" not in html
    assert "We left out 2 of the job descriptions you asked for" in html
    assert "Senior Data Analyst" in html and "out of 100" in html
    only_private = reader.get(f"/library/compare/?jd={hackney.pk}&jd={private.pk}")
    assert "you chose 1 that you can see" in only_private.content.decode()
    assert Client().get("/library/compare/").status_code == 302


# --- The project's own exemplars -------------------------------------------------------------


@pytest.mark.django_db
def test_exemplars_load_is_idempotent_and_creates_two_published_exemplars(
    council_a: Organisation, make_user: Callable[..., User], council_b: Organisation
) -> None:
    framework_load_starter()
    created = curation.exemplars_load()
    assert sorted(jd.title for jd in created) == ["Data Ethicist", "Machine Learning Engineer"]
    assert curation.exemplars_load() == []
    exemplars = JobDescription.objects.filter(organisation__slug="loti")
    assert exemplars.count() == 2
    for jd in exemplars:
        assert jd.status == JDStatus.PUBLISHED and jd.visibility == Visibility.MEMBERS
        assert jd.licence == Licence.OGL and jd.sharing_consent_at is not None
        assert jd.is_exemplar and len(jd.exemplar_reason) >= 20
        # An exemplar should pass its own health check well.
        assert jd.health_score is not None and jd.health_score >= 80, jd.health_score
        assert jd.created_by is None and jd.versions.count() == 1
        assert jd.annual_min_pence and jd.annual_max_pence
        kinds = {section.kind for section in jd.sections.all()}
        assert kinds == {
            "purpose",
            "responsibilities",
            "essential",
            "desirable",
            "about_council",
            "benefits",
            "how_to_apply",
        }
        assert jd.word_count > 400
    levels = {jd.title: jd.role_level.name if jd.role_level else None for jd in exemplars}
    assert levels == {
        "Data Ethicist": "Data ethics lead",
        "Machine Learning Engineer": "Senior machine learning engineer",
    }
    # Everyone signed in sees them first; their illustrative salaries are not benchmarks.
    reader = make_user(organisation=council_b)
    published_jd(council_a, make_user(organisation=council_a, role=Role.EDITOR))
    assert [jd.is_exemplar for jd in selectors.library(reader, selectors.LibraryFilters())] == [
        True,
        True,
        False,
    ]
    found = selectors.library(reader, selectors.LibraryFilters(query="ethicist"))
    assert [jd.title for jd in found] == ["Data Ethicist"]
    from civictalent.salaries.models import SalaryObservation

    assert not SalaryObservation.objects.filter(source_ref__in=[f"jd-{jd.pk}" for jd in exemplars])


@pytest.mark.django_db
def test_comparison_lists_each_skill_against_each_role_level(
    two_jds: tuple[JobDescription, JobDescription], council_b: Organisation
) -> None:
    hackney, greenwich = two_jds
    other_level = RoleLevel.objects.get(framework__is_default=True, name="Data analyst")
    greenwich.role_level = other_level
    greenwich.save()
    comparison = curation.jd_comparison([hackney, greenwich])
    row = next(row for row in comparison.skills if row.label == "Data visualisation test skill")
    assert row.values == ["Practitioner", "Not needed"]
    assert [row.label for row in comparison.sections][:2] == [
        "Purpose of the role",
        "What you will do",
    ]
    salary = next(row for row in comparison.summary if row.label == "Salary")
    assert salary.values == ["£45,000 to £50,000 a year", "Not stated"]
    hackney.pay_text = "£45,000 - £50,000 per annum"
    assert curation.jd_comparison([hackney, greenwich]).summary[3].values[0] == (
        "£45,000 - £50,000 per annum (£45,000 to £50,000 a year)"
    )


@pytest.mark.django_db
def test_a_comparison_can_start_from_one_jd_without_an_error(
    two_jds: tuple[JobDescription, JobDescription],
    make_user: Callable[..., User],
    council_a: Organisation,
    council_b: Organisation,
) -> None:
    hackney, _ = two_jds
    editor = make_user(organisation=council_a, role=Role.EDITOR)
    published_jd(council_a, editor, title="Another senior analyst", role_level=hackney.role_level)
    private = published_jd(council_a, editor, title="Private one", visibility=Visibility.COUNCIL)
    reader = signed_in_client(make_user(organisation=council_b))
    html = reader.get(f"/library/compare/?from={hackney.pk}").content.decode()
    assert "There is a problem" not in html
    assert f'value="{hackney.pk}" aria-describedby="jd-{hackney.pk}-hint" checked' in html
    assert "Another senior analyst" in html and "Insight Analyst" not in html
    hidden = reader.get(f"/library/compare/?from={private.pk}").content.decode()
    assert "Private one" not in hidden and "There is a problem" not in hidden


@pytest.mark.django_db
def test_searching_on_the_compare_page_keeps_the_ticks_and_raises_no_error(
    two_jds: tuple[JobDescription, JobDescription],
    make_user: Callable[..., User],
    council_b: Organisation,
) -> None:
    hackney, greenwich = two_jds
    reader = signed_in_client(make_user(organisation=council_b))
    # Started from one JD (it is ticked), the person searches for another: the Search button.
    html = reader.get(f"/library/compare/?q=insight&jd={hackney.pk}&action=search").content.decode()
    assert "There is a problem" not in html and "Choose at least" not in html
    assert f'value="{hackney.pk}" aria-describedby="jd-{hackney.pk}-hint" checked' in html
    assert f'id="jd-{greenwich.pk}"' in html
    # Searching with nothing ticked, or ticking too many, is not judged either.
    assert (
        "There is a problem"
        not in reader.get("/library/compare/?q=x&action=search").content.decode()
    )
    # The Compare button still asks for two.
    one = reader.get(f"/library/compare/?jd={hackney.pk}&action=compare").content.decode()
    assert "Choose at least 2 job descriptions to compare; you chose 1." in one
    both = reader.get(
        f"/library/compare/?q=insight&jd={hackney.pk}&jd={greenwich.pk}&action=compare"
    ).content.decode()
    assert "Sections side by side" in both and "There is a problem" not in both
