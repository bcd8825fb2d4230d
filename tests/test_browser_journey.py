"""The foundation journey in a real browser, with axe-core on every page it visits.

Sign up, read the verification email, verify, sign in, ask to join a council; its admin signs in
with an authenticator code and approves; the person sees they are a member; both sign out.
"""

from __future__ import annotations

import re
from typing import Any

import pytest
from django.core import mail

from civictalent.accounts.models import User
from civictalent.framework.services import framework_load_starter
from civictalent.organisations.models import Membership, Organisation
from conftest import require
from tests.browser import (
    AccessibilityAudit,
    current_totp_code,
    sign_in,
)

pytestmark = pytest.mark.browser
ADMIN_SECRET = "JBSWY3DPEHPK3PXP"  # the authenticator the `people` fixture gives admins
PASSWORD = "correct horse battery staple"


def link_in_latest_email(to: str, pattern: str) -> str:
    message = next(m for m in reversed(mail.outbox) if m.to == [to])
    match = re.search(pattern, message.body)
    assert match, f"no link matching {pattern} in:\n{message.body}"
    return match.group(0)


@pytest.mark.django_db(transaction=True)
def test_sign_up_verify_join_and_get_approved(
    live_server: Any,
    page: Any,
    people: dict[str, User | None],
    council_a: Organisation,
    settings: Any,
) -> None:
    audit = AccessibilityAudit()
    base = live_server.url
    settings.SITE_URL = base  # the links in emails are on the site's configured address

    page.goto(base + "/")
    audit.check(page)
    page.get_by_role("button", name="Create an account").click()
    audit.check(page)
    page.get_by_label("Your name").fill("Dana Lewis")
    page.get_by_label("Email").fill("dana@example.org")
    page.get_by_label("Create a password").fill("a long and unusual passphrase")
    page.get_by_label("Confirm password").fill("a long and unusual passphrase")
    page.get_by_role("button", name="Create account").click()
    page.wait_for_url("**/accounts/confirm-email/")
    audit.check(page)

    link = link_in_latest_email("dana@example.org", r"http://[^\s]+/accounts/confirm-email/[^\s]+/")
    page.goto(link)
    audit.check(page)
    page.get_by_role("button", name="Confirm").click()
    page.wait_for_url("**/accounts/login/")
    audit.check(page)

    page.get_by_label("Email").fill("dana@example.org")
    page.get_by_label("Password").fill("a long and unusual passphrase")
    page.get_by_role("button", name="Sign In").click()
    page.wait_for_url("**/dashboard/")
    audit.check(page)
    assert "You do not belong to a council yet" in page.content()

    page.get_by_role("link", name="Find your council").click()
    audit.check(page)
    page.get_by_role("link", name="London Borough of Hackney").click()
    audit.check(page)
    page.get_by_role("button", name="Ask to join Hackney").click()
    audit.check(page)
    page.get_by_label("Message to the council admins (optional)").fill(
        "I lead reporting in the data team."
    )
    page.get_by_role("button", name="Send request").click()
    page.wait_for_url("**/organisations/hackney/")
    assert "We have emailed its council admins" in page.content()
    audit.check(page)

    admin = people["admin_a"]
    assert admin is not None
    assert any(m.to == [admin.email] and "Dana Lewis" in m.subject for m in mail.outbox)

    sign_out(page, audit)

    # The council admin signs in with their password and an authenticator code.
    page.goto(base + "/accounts/login/")
    page.get_by_label("Email").fill(admin.email)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign In").click()
    page.wait_for_url("**/accounts/2fa/authenticate/")
    audit.check(page)
    page.get_by_label("Code", exact=True).fill(current_totp_code(ADMIN_SECRET))
    page.get_by_role("button", name="Sign In").click()
    page.wait_for_url("**/dashboard/")
    audit.check(page)
    assert "Dana Lewis" in page.content()  # her request waits on the council admin's dashboard

    page.get_by_role("link", name="Decide").click()
    audit.check(page)
    assert "I lead reporting in the data team." in page.content()
    page.get_by_label("Approve").check()
    page.get_by_role("button", name="Save decision for Dana Lewis").click()
    page.wait_for_url("**/organisations/hackney/members/")
    assert "You approved Dana Lewis" in page.content()
    audit.check(page)

    dana = User.objects.get(email="dana@example.org")
    assert Membership.objects.get(user=dana).organisation == council_a
    assert any(
        m.to == ["dana@example.org"] and "You are now a member of Hackney" in m.subject
        for m in mail.outbox
    )
    sign_out(page, audit)
    assert len(audit.checked) >= 14


def sign_out(page: Any, audit: AccessibilityAudit) -> None:
    page.get_by_role("link", name="Sign out").click()
    page.wait_for_url("**/accounts/logout/")
    audit.check(page)
    page.get_by_role("button", name="Sign Out").click()
    page.wait_for_url("**/")
    assert page.get_by_role("link", name="Sign in").count() >= 1


@pytest.mark.django_db(transaction=True)
def test_every_public_page_passes_axe_and_starts_with_a_skip_link(
    live_server: Any, page: Any, london: None
) -> None:
    framework_load_starter()
    audit = AccessibilityAudit()
    for path in [
        "/framework/",
        "/framework/families/data/",
        "/framework/roles/data-analyst/",
        "/framework/levels/senior-data-analyst/",
        "/framework/skills/",
        "/framework/progression/",
        "/framework/progression/?start=data-analyst&end=senior-data-analyst",
        "/framework/progression/?start=data-analyst&end=data-analyst",
        "/",
        "/accessibility/",
        "/privacy/",
        "/cookies/",
        "/contact/",
        "/organisations/",
        "/organisations/westminster/",
        "/accounts/login/",
        "/accounts/signup/",
        "/accounts/password/reset/",
        "/no-such-page/",
    ]:
        page.goto(live_server.url + path)
        audit.check(page)
    page.goto(live_server.url + "/")
    page.keyboard.press("Tab")
    focused = page.evaluate("document.activeElement.textContent.trim()")
    assert focused == "Skip to main content"
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "main-content"


@pytest.mark.django_db(transaction=True)
def test_signed_in_pages_pass_axe(
    live_server: Any, page: Any, people: dict[str, User | None]
) -> None:
    audit = AccessibilityAudit()
    admin = people["platform_admin"]
    assert admin is not None
    sign_in(page, live_server.url, admin.email, PASSWORD, totp_secret=ADMIN_SECRET)
    from civictalent.jdlibrary.services import SectionInput, jd_create, jd_publish

    editor = people["editor_a"]
    assert editor is not None
    jd = jd_create(
        organisation=Membership.objects.get(user=editor).organisation,
        author=editor,
        title="Data Analyst",
        sections=[SectionInput("purpose", "Purpose", "Use data well.")],
    )
    jd_publish(jd=jd, author=editor, visibility="members", licence="ogl-3.0", consent=True)
    # Bad input on the curation and suggestion forms: a clear error summary, nothing saved.
    for path, button in [
        (f"/library/{jd.pk}/exemplar/", "Mark as an exemplar"),
        (f"/library/{jd.pk}/suggestions/new/", "Send suggestion"),
    ]:
        page.goto(live_server.url + path)
        page.get_by_role("button", name=button).click()
        assert page.locator(".govuk-error-summary").count() == 1
        audit.check(page)
    jd.refresh_from_db()
    assert not jd.is_exemplar and not jd.suggestions.exists()
    for path in [
        f"/library/{jd.pk}/exemplar/",
        f"/library/{jd.pk}/suggestions/new/",
        "/account/",
        "/account/name/",
        "/platform/",
        "/platform/audit/",
        "/organisations/hackney/members/",
        "/organisations/hackney/edit/",
        f"/organisations/hackney/members/{Membership.objects.get(user=people['member_a']).pk}/",
        f"/organisations/hackney/members/{Membership.objects.get(user=people['member_a']).pk}/remove/",
        "/accounts/email/",
        "/accounts/password/change/",
        "/accounts/2fa/",
        f"/health-check/library/{jd.pk}/",
        f"/health-check/councils/{jd.organisation_id}/",
        "/health-check/rescore/",
    ]:
        page.goto(live_server.url + path)
        audit.check(page)


@pytest.mark.django_db(transaction=True)
def test_framework_pages_with_the_full_ddat_data_pass_axe(live_server: Any, page: Any) -> None:
    from civictalent.framework.services import framework_import_ddat
    from conftest import SHARED_DATASETS

    roles, skills = SHARED_DATASETS / "ddat" / "roles.csv", SHARED_DATASETS / "ddat" / "skills.csv"
    require(roles.exists(), f"the shared DDaT files are not at {roles.parent}")
    framework_import_ddat(roles_path=roles, skills_path=skills)
    audit = AccessibilityAudit()
    for path in [
        "/framework/",
        "/framework/roles/data-ethicist/",
        "/framework/levels/senior-data-analyst/",
        "/framework/levels/chief-data-officer/",
        "/framework/skills/",
        "/framework/skills/data-visualisation/",
        "/framework/progression/?start=data-analyst&end=senior-data-analyst",
    ]:
        page.goto(live_server.url + path)
        audit.check(page)
    # The progression form works by keyboard alone: choose two levels and compare.
    page.goto(live_server.url + "/framework/progression/")
    page.get_by_label("From role level").focus()
    page.get_by_label("From role level").select_option("data-analyst")
    page.keyboard.press("Tab")
    page.keyboard.press("Tab")
    page.get_by_label("To role level").select_option("senior-data-analyst")
    page.get_by_label("To role level").focus()
    page.keyboard.press("Tab")
    page.keyboard.press("Enter")
    page.wait_for_url("**/framework/progression/?start=data-analyst&end=senior-data-analyst")
    assert "From Data analyst to Senior data analyst" in page.content()
    audit.check(page)


@pytest.mark.django_db(transaction=True)
def test_salary_pages_pass_axe(live_server: Any, page: Any, people: dict[str, User | None]) -> None:
    from civictalent.salaries.benchmarks import benchmarks_refresh_due, benchmarks_request_all
    from civictalent.salaries.demo import demo_salaries_load
    from civictalent.salaries.models import GradeMap, PaySpine
    from civictalent.salaries.payscales import payscales_load_demo

    framework_load_starter()
    payscales_load_demo()
    demo_salaries_load()
    benchmarks_request_all()
    while benchmarks_refresh_due():
        pass
    audit = AccessibilityAudit()
    admin = people["platform_admin"]
    assert admin is not None
    sign_in(page, live_server.url, admin.email, PASSWORD, totp_secret=ADMIN_SECRET)
    spine, grade_map = PaySpine.objects.first(), GradeMap.objects.first()
    assert spine is not None and grade_map is not None
    for path in [
        "/salaries/",
        "/salaries/benchmarks/level/senior-data-analyst/",
        "/salaries/benchmarks/role/data-analyst/?period=all",
        "/salaries/your-council/",
        "/salaries/parse/",
        "/salaries/parse/?text=%C2%A325-35k+OTE",
        "/salaries/parse/?text=Competitive",
        "/salaries/parse/?text=",
        "/salaries/pay-scales/",
        f"/salaries/pay-scales/spines/{spine.pk}/",
        f"/salaries/pay-scales/grade-maps/{grade_map.pk}/",
        "/salaries/pay-scales/resolve/",
        "/salaries/pay-scales/resolve/?organisation=hackney&grade=PO4&pay_year=2025-26",
        "/salaries/pay-scales/spines/import/",
        "/salaries/pay-scales/grade-maps/import/",
    ]:
        page.goto(live_server.url + path)
        audit.check(page)
    # Reflow: at 320 CSS pixels the benchmark page does not scroll sideways. Its chart keeps the
    # width that keeps its words at 14 px and scrolls inside its own labelled, focusable region.
    page.set_viewport_size({"width": 320, "height": 800})
    page.goto(live_server.url + "/salaries/benchmarks/level/senior-data-analyst/")
    assert page.evaluate("document.documentElement.scrollWidth") <= 320
    region = page.locator(".app-chart-scroll").first
    assert region.get_attribute("role") == "region" and region.get_attribute("tabindex") == "0"
    assert region.evaluate("el => el.getBoundingClientRect().right") <= 320


@pytest.mark.django_db(transaction=True)
def test_library_pages_pass_axe_and_an_editor_contributes_by_keyboard_friendly_forms(
    live_server: Any, page: Any, people: dict[str, User | None]
) -> None:
    framework_load_starter()
    editor = people["editor_a"]
    assert editor is not None
    audit = AccessibilityAudit()
    sign_in(page, live_server.url, editor.email, PASSWORD)
    page.goto(live_server.url + "/library/")
    audit.check(page)
    page.get_by_role("button", name="Add a job description").click()
    audit.check(page)
    page.get_by_role("button", name="Read the job description").click()
    assert "Upload a file or paste the text" in page.content()
    audit.check(page)
    page.get_by_label("Or paste the text").fill(
        "Senior Data Analyst\n\nJob purpose\n\nHelp the council use data.\n\nMain duties\n\n- Build dashboards"
    )
    page.get_by_label("Salary as advertised").fill("£45,000 - £50,000 per annum")
    page.get_by_role("button", name="Read the job description").click()
    page.wait_for_url("**/review/")
    audit.check(page)
    page.get_by_role("button", name="Save").click()
    page.wait_for_url("**/library/*/")
    audit.check(page)
    page.get_by_role("button", name="Publish").first.click()
    page.wait_for_url("**/publish/")
    audit.check(page)
    page.get_by_label("Everyone signed in to Civic Talent").check()
    page.get_by_label("Open Government Licence v3.0").check()
    page.get_by_label("I have my council's permission").check()
    page.get_by_role("button", name="Publish").click()
    page.wait_for_url("**/library/*/")
    assert "Published." in page.content()
    audit.check(page)
    jd_url = page.url
    for suffix in ["versions/", "versions/1/", "copy/"]:
        page.goto(jd_url + suffix)
        audit.check(page)
    page.goto(live_server.url + "/library/compare/")
    audit.check(page)
    page.goto(live_server.url + "/library/?q=data&sort=title")
    audit.check(page)


@pytest.mark.django_db(transaction=True)
def test_word_jd_uploaded_published_found_compared_downloaded_and_reused_by_another_council(
    live_server: Any,
    page: Any,
    people: dict[str, User | None],
    make_user: Any,
    council_b: Any,
    tmp_path: Any,
) -> None:
    """The library's "done when": upload a Word JD, correct, publish; another council finds it
    by search and facet, compares it, downloads it as Word and starts its own from it."""
    import io as _io

    from docx import Document

    from civictalent.jdlibrary.services import SectionInput, jd_create, jd_publish
    from civictalent.organisations.models import Role

    framework_load_starter()
    audit = AccessibilityAudit()
    document = Document()
    document.add_heading("Senior Data Analyst", level=0)
    document.add_paragraph("Salary: £46,000 - £51,000 per annum")
    document.add_heading("Job purpose", level=1)
    document.add_paragraph("Help the council understand its residents through data.")
    document.add_heading("Main duties", level=1)
    document.add_paragraph("Build and explain dashboards for housing services.")
    word = tmp_path / "senior-data-analyst.docx"
    buffer = _io.BytesIO()
    document.save(buffer)
    word.write_bytes(buffer.getvalue())

    editor_a = people["editor_a"]
    assert editor_a is not None
    sign_in(page, live_server.url, editor_a.email, PASSWORD)
    page.goto(live_server.url + "/library/contribute/")
    page.get_by_label("Upload the job description").set_input_files(str(word))
    page.get_by_role("button", name="Read the job description").click()
    page.wait_for_url("**/review/")
    audit.check(page)
    assert page.get_by_label("Title").input_value() == "Senior Data Analyst"
    page.get_by_label("Grade").fill("PO5")
    page.get_by_role("button", name="Save").click()
    page.wait_for_url("**/library/*/")
    page.get_by_role("button", name="Publish").first.click()
    page.get_by_label("Everyone signed in to Civic Talent").check()
    page.get_by_label("Open Government Licence v3.0").check()
    page.get_by_label("I have my council's permission").check()
    page.get_by_role("button", name="Publish").click()
    page.wait_for_url("**/library/*/")
    page.get_by_role("link", name="Sign out").click()
    page.get_by_role("button", name="Sign Out").click()

    editor_b = make_user(organisation=council_b, role=Role.EDITOR)
    other = jd_create(
        organisation=council_b,
        author=editor_b,
        title="Data Analyst",
        sections=[SectionInput("purpose", "Purpose", "Report on services.")],
    )
    jd_publish(jd=other, author=editor_b, visibility="council")
    sign_in(page, live_server.url, editor_b.email, PASSWORD)
    page.goto(live_server.url + "/library/")
    page.get_by_label("Search titles and text").fill("dashboards housing")
    page.get_by_label("Council").select_option(label="Hackney (1)")
    page.get_by_role("button", name="Apply").click()
    audit.check(page)
    page.get_by_role("link", name="Senior Data Analyst").click()
    audit.check(page)
    assert "PO5" in page.content()
    jd_page = page.url
    page.get_by_role("link", name="Compare with other job descriptions").click()
    audit.check(page)
    page.get_by_label("Search the library").fill("services")
    page.get_by_role("button", name="Search", exact=True).click()
    page.get_by_label("Data Analyst", exact=True).check()
    page.get_by_role("button", name="Compare").click()
    audit.check(page)
    assert "Greenwich" in page.content() and "Hackney" in page.content()
    page.goto(jd_page)
    with page.expect_download() as download:
        page.get_by_role("link", name="Download as Word").click()
    saved = tmp_path / "downloaded.docx"
    download.value.save_as(saved)
    headings = [
        p.text for p in Document(str(saved)).paragraphs if p.style.name.startswith("Heading")
    ]
    assert any("purpose" in heading.lower() for heading in headings)
    page.get_by_role("button", name="Start a new job description from this one").click()
    audit.check(page)
    page.get_by_role("button", name="Copy as a draft").click()
    page.wait_for_url("**/library/*/**")
    audit.check(page)
    from civictalent.jdlibrary.models import JobDescription

    copy = JobDescription.objects.filter(organisation=council_b, title="Senior Data Analyst").get()
    assert copy.status == "draft"


@pytest.mark.django_db(transaction=True)
def test_someone_checks_an_advert_applies_a_suggestion_and_watches_the_score_move(
    live_server: Any, page: Any
) -> None:
    """Keyboard only after the text is typed: submit, then apply a one-click suggestion."""
    audit = AccessibilityAudit()
    page.goto(live_server.url + "/health-check/")
    audit.check(page)
    page.get_by_role("button", name="Check the advert").focus()
    page.keyboard.press("Enter")
    page.wait_for_selector(".govuk-error-summary")
    assert "Paste the text of a job advert, or upload a file." in page.content()
    audit.check(page)
    page.get_by_label("Or paste the text").fill(
        "Data Analyst\n\nSalary: £40,000 a year\n\nAbout the role\n"
        "The successful candidate will utilise data to help residents."
    )
    page.get_by_role("button", name="Check the advert").focus()
    page.keyboard.press("Enter")
    page.wait_for_selector("#score")
    before = int(re.search(r"Score: (\d+)", page.inner_text("#score")).group(1))  # type: ignore[union-attr]
    audit.check(page)
    apply = page.get_by_role(
        "button", name=re.compile("Replace “The successful candidate” with “You”")
    )
    apply.focus()
    page.keyboard.press("Enter")
    page.wait_for_selector("text=Suggestion applied")
    after = int(re.search(r"Score: (\d+)", page.inner_text("#score")).group(1))  # type: ignore[union-attr]
    assert after > before
    assert "You will utilise data" in page.input_value("textarea")
    audit.check(page)
    page.goto(live_server.url + "/health-check/scoring/")
    audit.check(page)


@pytest.mark.django_db(transaction=True)
def test_an_editor_applies_a_suggestion_to_a_library_jd_by_keyboard(
    live_server: Any, page: Any, people: dict[str, User | None]
) -> None:
    from civictalent.jdlibrary.models import JobDescription
    from civictalent.jdlibrary.services import SectionInput, jd_create

    framework_load_starter()
    editor = people["editor_a"]
    assert editor is not None
    jd = jd_create(
        organisation=Membership.objects.get(user=editor).organisation,
        author=editor,
        title="Data Analyst",
        sections=[SectionInput("purpose", "About the role", "The postholder will use data.")],
        pay_text="£40,000 - £45,000 per annum",
    )
    audit = AccessibilityAudit()
    sign_in(page, live_server.url, editor.email, PASSWORD)
    page.goto(live_server.url + f"/health-check/library/{jd.pk}/")
    audit.check(page)
    page.get_by_role("button", name=re.compile("Replace “The postholder” with “You”")).focus()
    page.keyboard.press("Enter")
    page.wait_for_selector("text=Suggestion applied as version 2")
    audit.check(page)
    assert JobDescription.objects.get(pk=jd.pk).sections.get().text == "You will use data."
