"""Object-level access: council A's editor and admin aim every URL that takes a council or an
object at council B's things (or another person's), and nothing of B's changes.

The URLs come from the URL configuration: every URL of ours with an argument must be a write
case, a read case, or listed in NOT_COUNCIL_OWNED with a reason, so a new URL fails with
"add a case" until someone decides which it is.
"""

from __future__ import annotations

import datetime
import secrets
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import pytest
from django.core import signing
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db.models import Model
from django.forms.models import model_to_dict
from django.test import Client
from django.urls import get_resolver, reverse
from django.utils import timezone

from civictalent.accounts.models import User
from civictalent.organisations.models import JoinRequest, Membership, Organisation, Role
from tests.pages.jobs_manage import make_vacancy
from tests.test_permission_walker import walk

ATTACKERS = ("editor_a", "admin_a")


@dataclass
class Target:
    """Where to send the request, what to send, and what must not change."""

    kwargs: dict[str, Any]
    data: dict[str, Any] = field(default_factory=dict)
    watched: Callable[[], Any] = lambda: None
    # Outcomes that count as refused; a form error (200) is allowed only where the council is
    # chosen in the form rather than the URL.
    refused: frozenset[int] = frozenset({403, 404})


def snapshot(*objects: Model) -> Callable[[], Any]:
    """A function that re-reads the objects from the database (None once deleted)."""

    def read() -> list[Any]:
        found = []
        for obj in objects:
            fresh = type(obj)._default_manager.filter(pk=obj.pk).first()
            found.append(None if fresh is None else model_to_dict(fresh))
        return found

    return read


def counts(*models: Any) -> Callable[[], list[int]]:
    return lambda: [model._default_manager.count() for model in models]


def both(*readers: Callable[[], Any]) -> Callable[[], Any]:
    return lambda: [reader() for reader in readers]


# --------------------------------------------------------------------------------------------
# Council B's things


@dataclass
class CouncilB:
    council: Organisation
    member: User
    editor: User
    admin: User


def _jd(b: CouncilB, *, status: str = "draft", visibility: str = "council") -> Any:
    from civictalent.jdlibrary.models import JDSection, JDVersion, JobDescription

    jd = JobDescription.objects.create(
        organisation=b.council,
        title="Greenwich data analyst",
        status=status,
        visibility=visibility,
        pay_text="£40,000 a year",
        health_score=70,
        licence="ogl-3.0" if visibility == "members" else "",
        sharing_consent_at=timezone.now() if visibility == "members" else None,
        published_at=timezone.now() if status == "published" else None,
    )
    JDSection.objects.create(
        job_description=jd, kind="purpose", heading="Purpose", text="Use data well.", position=0
    )
    JDVersion.objects.create(job_description=jd, number=1, summary="Created", snapshot={})
    return jd


def _vacancy(b: CouncilB, status: str) -> Any:
    return make_vacancy(b.council, status=status, author=b.editor)


def _subscription() -> Any:
    from civictalent.alerts.models import AlertSubscription

    return AlertSubscription.objects.create(
        email=f"other-{secrets.token_hex(3)}@example.org",
        query_string="q=data",
        secret=secrets.token_urlsafe(32),
        verified_at=timezone.now(),
    )


def _token_for_someone_else(purpose: str, *, run_id: int | None = None) -> tuple[str, Any]:
    """A link of the attacker's own alert with its id changed to another person's alert: the
    payload is re-encoded (as if the signing key had leaked) but carries the attacker's secret."""
    from civictalent.alerts import links

    own, victim = _subscription(), _subscription()
    payload: list[Any] = [victim.pk, links.secret_digest(own.secret)]
    if run_id is not None:
        payload.append(run_id)
    return signing.dumps(payload, salt=f"civictalent.alerts.{purpose}", compress=True), victim


def _edited_token(purpose: str) -> tuple[str, Any]:
    """The attacker's own link with the other alert's id pasted in: the signature breaks."""
    from civictalent.alerts import links

    own, victim = _subscription(), _subscription()
    honest = links.make_token(own, purpose)
    forged_payload = signing.dumps(
        [victim.pk, links.secret_digest(own.secret)], salt=f"civictalent.alerts.{purpose}"
    )
    return forged_payload.rsplit(":", 1)[0] + ":" + honest.rsplit(":", 1)[1], victim


def _closes_fields() -> dict[str, str]:
    later = timezone.localtime() + datetime.timedelta(days=40)
    return {
        "closes_day": str(later.day),
        "closes_month": str(later.month),
        "closes_year": str(later.year),
        "closes_time": "23:59",
    }


def _vacancy_form(council: Organisation | None = None) -> dict[str, str]:
    data = {
        "title": "Changed by council A",
        "summary": "Changed.",
        "description": "Changed description of the work.",
        "annual_min": "40000",
        "annual_max": "45000",
        "pay_text": "£40,000 to £45,000",
        "contract": "permanent",
        "working_pattern": "full_time",
        "workplace": "hybrid",
        "location": "Woolwich",
        "apply_url": "https://jobs.example.org/changed",
        **_closes_fields(),
    }
    if council is not None:
        data["organisation"] = str(council.pk)
    return data


def _membership_target(b: CouncilB) -> Target:
    membership = Membership.objects.get(user=b.member)
    return Target(
        {"slug": b.council.slug, "membership_id": membership.pk},
        {"role": Role.ADMIN},
        snapshot(membership),
    )


def _decide(b: CouncilB, people: dict[str, Any]) -> Target:
    join = JoinRequest.objects.create(user=people["member_a"], organisation=b.council)
    return Target(
        {"slug": b.council.slug, "request_id": join.pk},
        {"decision": "approve", "note": ""},
        both(snapshot(join), counts(Membership)),
    )


def _suggestion(b: CouncilB) -> Target:
    from civictalent.jdlibrary.models import JDSuggestion

    jd = _jd(b, status="published", visibility="members")
    suggestion = JDSuggestion.objects.create(job_description=jd, text="Say what the team does.")
    return Target({"pk": suggestion.pk}, {"decision": "accept"}, snapshot(suggestion, jd))


def _jd_target(b: CouncilB, data: dict[str, Any], **jd: str) -> Target:
    from civictalent.jdlibrary.models import JDSuggestion, JDVersion, JobDescription

    found = _jd(b, **jd)
    return Target(
        {"pk": found.pk},
        data,
        both(snapshot(found), counts(JobDescription, JDVersion, JDSuggestion)),
    )


def _vacancy_target(b: CouncilB, status: str, data: dict[str, Any]) -> Target:
    from civictalent.jdlibrary.models import JobDescription
    from civictalent.jobs.models import Vacancy

    found = _vacancy(b, status)
    return Target({"pk": found.pk}, data, both(snapshot(found), counts(Vacancy, JobDescription)))


def _imports(b: CouncilB) -> Target:
    from civictalent.jobs.imports import example_file
    from civictalent.jobs.models import Vacancy, VacancyImport

    upload = SimpleUploadedFile(
        "vacancies.csv", example_file("csv").encode(), content_type="text/csv"
    )
    return Target(
        {"slug": b.council.slug},
        {"file": upload, "lists_all": ""},
        counts(Vacancy, VacancyImport),
    )


def _settings(b: CouncilB) -> Target:
    from civictalent.jobs.models import CouncilJobsSettings

    settings = CouncilJobsSettings.objects.create(organisation=b.council)
    return Target(
        {"slug": b.council.slug},
        {
            "feed_url": "https://attacker.example.org/feed.json",
            "feed_format": "json",
            "feed_enabled": "on",
        },
        snapshot(settings),
    )


def _approval(b: CouncilB) -> Target:
    """Council B's approval route and its named publishers: council A's admin would make B
    approve its own adverts and name B's editor a publisher."""
    from civictalent.jobs.models import CouncilJobsSettings

    settings = CouncilJobsSettings.objects.create(organisation=b.council)
    membership = Membership.objects.get(user=b.editor, organisation=b.council)
    return Target(
        {"slug": b.council.slug},
        {"approval_route": "council", "publishers": [str(membership.pk)]},
        snapshot(settings, membership),
    )


def _self_published(b: CouncilB, data: dict[str, Any]) -> Target:
    """A vacancy council B approved and published itself, waiting for LOTI's spot check."""
    vacancy = _vacancy(b, "published")
    vacancy.self_published = True
    vacancy.save(update_fields=["self_published"])
    return Target({"pk": vacancy.pk}, data, snapshot(vacancy))


def _saved_search(b: CouncilB) -> Target:
    from civictalent.jobs.models import SavedSearch

    saved = SavedSearch.objects.create(user=b.member, name="Data jobs", query_string="q=data")
    return Target({"pk": saved.pk}, {}, snapshot(saved))


def _alert(purpose: str, data: dict[str, str], *, edited: bool = False) -> Target:
    token, victim = _edited_token(purpose) if edited else _token_for_someone_else(purpose)
    return Target({"token": token}, data, snapshot(victim), refused=frozenset({400, 404}))


def _alert_feedback() -> Target:
    from civictalent.alerts.models import AlertFeedback, AlertRun

    victim = _subscription()
    run = AlertRun.objects.create(subscription=victim, period="2026-W01")
    token, _ = _token_for_someone_else("feedback", run_id=run.pk)
    return Target(
        {"token": token, "answer": "no"},
        {"comment": "Not relevant"},
        both(snapshot(victim, run), counts(AlertFeedback)),
        refused=frozenset({400, 404}),
    )


PUBLISH_JD = {"visibility": "members", "licence": "ogl-3.0", "consent": "on"}


def _api_token(b: CouncilB) -> Any:
    from civictalent.api.services import api_token_create

    token, _ = api_token_create(
        organisation=b.council,
        created_by=b.admin,
        name="Greenwich HR",
        scope="read",
        expires_in_days=30,
    )
    return token


def _api_token_made(b: CouncilB) -> Target:
    from civictalent.api.models import ApiToken

    return Target(
        {"slug": b.council.slug},
        {"name": "Council A's way in", "scope": "read_write", "expires_in_days": "365"},
        counts(ApiToken),
    )


def _api_token_revoked(b: CouncilB) -> Target:
    token = _api_token(b)
    return Target({"slug": b.council.slug, "token_id": token.pk}, {}, snapshot(token))


# URL name -> council B's object (or another person's), and a valid-looking POST.
WRITE_CASES: dict[str, Callable[[CouncilB, dict[str, Any]], Target]] = {
    "organisations:edit": lambda b, p: Target(
        {"slug": b.council.slug},
        {"website": "https://attacker.example.org", "domains": "attacker.example.org"},
        both(snapshot(b.council), lambda: list(b.council.domains.values_list("domain"))),
    ),
    "organisations:member_edit": lambda b, p: _membership_target(b),
    "organisations:member_remove": lambda b, p: _membership_target(b),
    "organisations:decide": _decide,
    "jdlibrary:review": lambda b, p: _jd_target(b, {"title": "Changed by council A"}),
    "jdlibrary:publish": lambda b, p: _jd_target(b, PUBLISH_JD),
    "jdlibrary:reuse_copy": lambda b, p: _jd_target(b, {"organisation": str(b.council.pk)}),
    "jdlibrary:curation_mark_exemplar": lambda b, p: _jd_target(
        b, {}, status="published", visibility="members"
    ),
    "jdlibrary:curation_unmark_exemplar": lambda b, p: _jd_target(
        b, {}, status="published", visibility="members"
    ),
    "jdlibrary:suggestion_create": lambda b, p: _jd_target(
        b, {"text": "Council A thinks this should say more about the team."}
    ),
    "jdlibrary:suggestion_resolve": lambda b, p: _suggestion(b),
    "library_health:jd_apply": lambda b, p: _jd_target(b, {"apply": "pay-missing:0:5"}),
    "jobs:vacancy_edit": lambda b, p: _vacancy_target(b, "draft", _vacancy_form()),
    "jobs:vacancy_submit": lambda b, p: _vacancy_target(b, "draft", {}),
    "jobs:vacancy_publish": lambda b, p: _vacancy_target(b, "submitted", {}),
    "jobs:vacancy_reject": lambda b, p: _vacancy_target(
        b, "submitted", {"reason": "Council A does not like it."}
    ),
    "jobs:vacancy_close": lambda b, p: _vacancy_target(b, "published", {}),
    "jobs:vacancy_extend": lambda b, p: _vacancy_target(b, "published", _closes_fields()),
    "jobs:vacancy_library": lambda b, p: _vacancy_target(b, "closed", {"decision": "add"}),
    "jobs:imports": lambda b, p: _imports(b),
    "jobs:settings": lambda b, p: _settings(b),
    "jobs:council_approval": lambda b, p: _approval(b),
    "jobs:vacancy_spot_check": lambda b, p: _self_published(b, {}),
    "jobs:vacancy_withdraw": lambda b, p: _self_published(b, {"reason": "Council A objects."}),
    "jobs:saved_search_delete": lambda b, p: _saved_search(b),
    "alerts:confirm": lambda b, p: _alert("confirm", {}),
    "alerts:manage": lambda b, p: _alert("manage", {"action": "unsubscribe", "reason": ""}),
    "alerts:unsubscribe": lambda b, p: _alert("unsubscribe", {}),
    "alerts:feedback": lambda b, p: _alert_feedback(),
    "api_tokens:create": lambda b, p: _api_token_made(b),
    "api_tokens:revoke": lambda b, p: _api_token_revoked(b),
}


# --- The maturity app: council B's assessments, results and roadmap ---------------------------


def _maturity_model() -> Any:
    from civictalent.maturity.maturity_services import maturity_model_load_starter
    from civictalent.maturity.models import MaturityModel

    maturity_model_load_starter()
    return MaturityModel.objects.get(is_default=True)


def _assessment(b: CouncilB, *, submitted: bool = False, agreed: bool = False) -> Any:
    """Council B's assessment: its admin and a member contributors who answered the first
    question, disagreeing (so there is something to settle) unless ``agreed``; or submitted."""
    from civictalent.maturity.models import Answer, Assessment, Contributor, Question
    from civictalent.maturity.results_services import (
        assessment_results_record,
        london_scores_refresh,
    )

    model = _maturity_model()
    assessment = Assessment.objects.create(organisation=b.council, model=model, name="B's")
    for person, level in ((b.admin, 2), (b.member, 2 if agreed else 4)):
        Contributor.objects.create(assessment=assessment, user=person)
        first = Question.objects.filter(model=model).order_by("topic__order", "order").first()
        Answer.objects.create(assessment=assessment, question=first, user=person, level=level)
    if submitted:
        questions = Question.objects.filter(model=model).values_list("pk", flat=True)
        assessment_results_record(assessment=assessment, final_levels=dict.fromkeys(questions, 3))
        assessment.status = "submitted"
        assessment.submitted_at = timezone.now()
        assessment.save()
        london_scores_refresh(model=model)
    return assessment


def _maturity_counts() -> Callable[[], Any]:
    from civictalent.maturity.models import (
        Answer,
        Assessment,
        CapabilityCoverage,
        Contributor,
        CouncilProfile,
        RoadmapAction,
        Settlement,
    )

    return both(
        counts(
            Assessment,
            Contributor,
            Answer,
            Settlement,
            CouncilProfile,
            CapabilityCoverage,
            RoadmapAction,
        ),
        lambda: sorted(Answer.objects.values_list("user_id", "question_id", "level")),
    )


def _assessment_target(b: CouncilB, data: dict[str, Any], *, agreed: bool = False) -> Target:
    assessment = _assessment(b, agreed=agreed)
    return Target({"pk": assessment.pk}, data, both(snapshot(assessment), _maturity_counts()))


def _first_question(assessment: Any) -> Any:
    from civictalent.maturity.models import Question

    return Question.objects.filter(model=assessment.model).order_by("topic__order", "order")[0]


def _topic_answers(b: CouncilB) -> Target:
    assessment = _assessment(b)
    question = _first_question(assessment)
    return Target(
        {"pk": assessment.pk, "topic_slug": question.topic.slug},
        {f"q{question.pk}": "5", "later": "1"},
        both(snapshot(assessment), _maturity_counts()),
    )


def _settle(b: CouncilB) -> Target:
    assessment = _assessment(b)
    question = _first_question(assessment)
    return Target(
        {"pk": assessment.pk, "question_pk": question.pk},
        {f"s{question.pk}-level": "5", f"s{question.pk}-reason": "Council A says so."},
        both(snapshot(assessment), _maturity_counts()),
    )


def _roadmap_action(b: CouncilB) -> Any:
    from civictalent.maturity.models import RoadmapAction

    return RoadmapAction.objects.create(organisation=b.council, title="B's plan", owner="CDO")


def _capability() -> Any:
    from civictalent.maturity.capability_services import capability_model_load_starter
    from civictalent.maturity.models import Capability

    capability_model_load_starter()
    return Capability.objects.order_by("pk").first()


def _every_capability_covered() -> dict[str, str]:
    from civictalent.maturity.models import Capability

    _capability()
    return {f"capability_{pk}": "covered" for pk in Capability.objects.values_list("pk", flat=True)}


def _capability_edit(b: CouncilB, people: dict[str, Any]) -> Target:
    from civictalent.maturity.models import CapabilityVersion

    capability = _capability()
    form = {
        "version": str(capability.version),
        "domain": str(capability.domain_id),
        "name": "Changed by a council",
        "description": capability.description,
        "benefits": capability.benefits,
        "responsibilities": capability.responsibilities,
        "must_have_stage": str(capability.must_have_stage),
        "roles-TOTAL_FORMS": "0",
        "roles-INITIAL_FORMS": "0",
        "roles-MIN_NUM_FORMS": "0",
        "roles-MAX_NUM_FORMS": "1000",
    }
    return Target(
        {"slug": capability.slug}, form, both(snapshot(capability), counts(CapabilityVersion))
    )


MATURITY_WRITE_CASES: dict[str, Callable[[CouncilB, dict[str, Any]], Target]] = {
    "maturity:start": lambda b, p: Target(
        {"slug": b.council.slug},
        {"name": "Council A's", "model": str(_maturity_model().pk)},
        _maturity_counts(),
    ),
    "maturity:contributors": lambda b, p: _assessment_target(
        b, {"invite": "1", "people": [str(b.editor.pk)]}
    ),
    "maturity:topic": lambda b, p: _topic_answers(b),
    "maturity:settle": lambda b, p: _settle(b),
    "maturity:submit": lambda b, p: _assessment_target(b, {}, agreed=True),
    "maturity:profile": lambda b, p: Target(
        {"slug": b.council.slug},
        {"size": "large", "on_costs_percent": "5", "structure": "centralised"},
        _maturity_counts(),
    ),
    "maturity:coverage": lambda b, p: Target(
        {"slug": b.council.slug},
        _every_capability_covered(),
        _maturity_counts(),
    ),
    "maturity:action_add": lambda b, p: Target(
        {"slug": b.council.slug},
        {"title": "Council A's idea", "owner": "Someone", "status": "not_started"},
        _maturity_counts(),
    ),
    "maturity:action_edit": lambda b, p: (
        lambda action: Target(
            {"slug": b.council.slug, "pk": action.pk},
            {"title": "Changed", "owner": "Council A", "status": "done", "delete": "1"},
            both(snapshot(action), _maturity_counts()),
        )
    )(_roadmap_action(b)),
    "capabilities:edit": _capability_edit,
}
WRITE_CASES.update(MATURITY_WRITE_CASES)

# More forged links: the attacker's own link, edited to point at someone else's alert.
EDITED_LINK_CASES: dict[str, Callable[[], Target]] = {
    "alerts:manage": lambda: _alert("manage", {"action": "unsubscribe"}, edited=True),
    "alerts:unsubscribe": lambda: _alert("unsubscribe", {}, edited=True),
    "alerts:confirm": lambda: _alert("confirm", {}, edited=True),
}


def _import_report(b: CouncilB) -> Target:
    from civictalent.jobs.models import VacancyImport

    report = VacancyImport.objects.create(
        organisation=b.council, started_by=b.editor, source="upload", file_format="csv", rows=[]
    )
    return Target({"pk": report.pk})


# URL name -> council B's private object, which council A's people must not read.
READ_CASES: dict[str, Callable[[CouncilB], Target]] = {
    "organisations:members": lambda b: Target({"slug": b.council.slug}),
    "jdlibrary:detail": lambda b: Target({"pk": _jd(b).pk}),
    "jdlibrary:reuse_docx": lambda b: Target({"pk": _jd(b).pk}),
    "jdlibrary:reuse_markdown": lambda b: Target({"pk": _jd(b).pk}),
    "jdlibrary:reuse_versions": lambda b: Target({"pk": _jd(b).pk}),
    "jdlibrary:reuse_version": lambda b: Target({"pk": _jd(b).pk, "number": 1}),
    "library_health:jd_report": lambda b: Target({"pk": _jd(b).pk}),
    "library_health:council_scores": lambda b: Target({"pk": b.council.pk}),
    "jobs:vacancy": lambda b: Target({"pk": _vacancy(b, "draft").pk}),
    "jobs:vacancy_apply": lambda b: Target({"pk": _vacancy(b, "submitted").pk}),
    "jobs:vacancy_draft": lambda b: Target({"pk": _vacancy(b, "rejected").pk}),
    "jobs:council_vacancies": lambda b: Target({"slug": b.council.slug}),
    "jobs:council_insight": lambda b: Target({"slug": b.council.slug}),
    "jobs:import_report": _import_report,
    "api_tokens:list": lambda b: Target({"slug": b.council.slug}),
}

READ_CASES.update(
    {
        "maturity:council": lambda b: Target({"slug": b.council.slug}),
        "maturity:assessment": lambda b: Target({"pk": _assessment(b).pk}),
        "maturity:disagreements": lambda b: Target({"pk": _assessment(b).pk}),
        "maturity:results": lambda b: Target({"pk": _assessment(b, submitted=True).pk}),
        "maturity:results_csv": lambda b: Target({"pk": _assessment(b, submitted=True).pk}),
        "maturity:results_docx": lambda b: Target({"pk": _assessment(b, submitted=True).pk}),
        "maturity:progress": lambda b: Target({"slug": b.council.slug}),
        "maturity:roadmap": lambda b: Target({"slug": b.council.slug}),
        "maturity:investment_case": lambda b: Target({"slug": b.council.slug}),
        # The capability model is the platform's: its history is for platform admins only.
        "capabilities:history": lambda b: Target({"slug": _capability().slug}),
    }
)

NOT_COUNCIL_OWNED: dict[str, str] = {
    "organisations:detail": "a council's public page",
    "organisations:join": "asking to join another council is what the page is for",
    "framework:family": "the capability framework is public",
    "framework:role": "the capability framework is public",
    "framework:level": "the capability framework is public",
    "framework:skill": "the capability framework is public",
    "salaries:benchmark": "its council rows follow the viewer's memberships "
    "(tests/test_private_data_never_public.py)",
    "salaries:download": "as salaries:benchmark",
    "salaries:payscales_spine": "pay spines are public facts, read by any signed-in person",
    "salaries:payscales_grade_map": "grade maps are public facts, read by any signed-in person",
    "jobs:import_template": "a public example file",
    "capabilities:detail": "the capability model is public",
    "capabilities:domain": "the capability model is public",
    "maturity:model": "maturity models are public",
}


def urls_with_arguments() -> list[str]:
    return sorted(
        {
            name
            for name, route, _, from_package in walk(get_resolver().url_patterns)
            if not from_package and "<" in route
        }
    )


def test_every_url_with_an_argument_has_a_case() -> None:
    cases = set(WRITE_CASES) | set(READ_CASES) | set(NOT_COUNCIL_OWNED)
    missing = [name for name in urls_with_arguments() if name not in cases]
    assert not missing, f"add a case to tests/test_object_access.py for: {missing}"
    assert cases <= set(urls_with_arguments()), "cases for URLs that no longer exist"
    assert not set(WRITE_CASES) & set(READ_CASES)


@pytest.fixture
def council_b_people(make_user: Callable[..., User], council_b: Organisation) -> CouncilB:
    return CouncilB(
        council=council_b,
        member=make_user(organisation=council_b, role=Role.MEMBER),
        editor=make_user(organisation=council_b, role=Role.EDITOR),
        admin=make_user(organisation=council_b, role=Role.ADMIN, with_authenticator=True),
    )


def _client(user: User) -> Client:
    client = Client()
    client.force_login(user)
    return client


WRITES = [(name, role) for name in WRITE_CASES for role in ATTACKERS]


@pytest.mark.django_db
@pytest.mark.parametrize(("name", "role"), WRITES, ids=[f"{n}-{r}" for n, r in WRITES])
def test_council_a_cannot_change_council_b(
    name: str, role: str, people: dict[str, Any], council_b_people: CouncilB
) -> None:
    target = WRITE_CASES[name](council_b_people, people)
    before = target.watched()
    response = _client(people[role]).post(reverse(name, kwargs=target.kwargs), target.data)
    assert response.status_code in target.refused, (
        f"{name} as {role}: {response.status_code}, expected one of {sorted(target.refused)}"
    )
    assert target.watched() == before, f"{name} as {role} changed council B's data"


@pytest.mark.django_db
@pytest.mark.parametrize("name", sorted(EDITED_LINK_CASES))
def test_an_edited_alert_link_changes_no_one_elses_alert(name: str) -> None:
    target = EDITED_LINK_CASES[name]()
    before = target.watched()
    response = Client().post(reverse(name, kwargs=target.kwargs), target.data)
    assert response.status_code == 400, "an edited link fails its signature"
    assert target.watched() == before


READS = [(name, role) for name in READ_CASES for role in ATTACKERS]


@pytest.mark.django_db
@pytest.mark.parametrize(("name", "role"), READS, ids=[f"{n}-{r}" for n, r in READS])
def test_council_a_cannot_read_council_b_private_pages(
    name: str, role: str, people: dict[str, Any], council_b_people: CouncilB
) -> None:
    target = READ_CASES[name](council_b_people)
    response = _client(people[role]).get(reverse(name, kwargs=target.kwargs))
    assert response.status_code in {403, 404}, f"{name} as {role}: {response.status_code}"


# Writes where the council is chosen in the form, not the URL: council B is not a choice.
def _contribute(b: CouncilB) -> dict[str, Any]:
    return {
        "organisation": str(b.council.pk),
        "text": "Data analyst\n\nPurpose\nUse data well to help residents.\n" * 3,
        "pay_text": "£40,000",
    }


def _grade_map_import(b: CouncilB) -> dict[str, Any]:
    from civictalent.salaries.payscales import payscales_load_demo

    payscales_load_demo()
    from civictalent.salaries.models import PayScheme

    return {
        "organisation": str(b.council.pk),
        "scheme": PayScheme.objects.order_by("pk").first().code,  # type: ignore[union-attr]
        "valid_from": "2025-26",
        "zone": "inner",
        "file": SimpleUploadedFile("map.csv", b"grade,min_point,max_point\nX1,5,9\n"),
    }


def _published_jd_copy(b: CouncilB) -> dict[str, Any]:
    return {"organisation": str(b.council.pk)}


BODY_CASES: dict[str, tuple[Callable[[CouncilB], dict[str, Any]], Callable[[], Any]]] = {
    "jobs:vacancy_new": (lambda b: _vacancy_form(b.council), lambda: None),
    "jdlibrary:contribute": (_contribute, lambda: None),
    "salaries:payscales_grade_map_import": (_grade_map_import, lambda: None),
}


def _council_b_rows(b: CouncilB) -> list[int]:
    from civictalent.jdlibrary.models import JobDescription
    from civictalent.jobs.models import Vacancy
    from civictalent.salaries.models import GradeMap

    return [
        model.objects.filter(organisation=b.council).count()
        for model in (Vacancy, JobDescription, GradeMap)
    ]


BODIES = [(name, role) for name in BODY_CASES for role in ATTACKERS]


@pytest.mark.django_db
@pytest.mark.parametrize(("name", "role"), BODIES, ids=[f"{n}-{r}" for n, r in BODIES])
def test_council_a_cannot_create_things_for_council_b(
    name: str, role: str, people: dict[str, Any], council_b_people: CouncilB
) -> None:
    data = BODY_CASES[name][0](council_b_people)
    before = _council_b_rows(council_b_people)
    response = _client(people[role]).post(reverse(name), data)
    # Refused outright, or the form says council B is not one of the choices.
    assert response.status_code in {200, 403}, f"{name} as {role}: {response.status_code}"
    if response.status_code == 200:
        assert "govuk-error-summary" in response.content.decode(), "no error shown"
    assert _council_b_rows(council_b_people) == before, f"{name} as {role} made a row for B"


@pytest.mark.django_db
@pytest.mark.parametrize("role", ATTACKERS)
def test_copying_a_shared_jd_into_council_b_is_refused(
    role: str, people: dict[str, Any], council_b_people: CouncilB
) -> None:
    """A JD council B shares with everyone may be copied, but only into the copier's council."""
    jd = _jd(council_b_people, status="published", visibility="members")
    before = _council_b_rows(council_b_people)
    response = _client(people[role]).post(
        reverse("jdlibrary:reuse_copy", kwargs={"pk": jd.pk}), _published_jd_copy(council_b_people)
    )
    assert response.status_code == 200
    assert "govuk-error-summary" in response.content.decode()
    assert _council_b_rows(council_b_people) == before


# Who may make each write: the same request from them does change council B's data, so the
# refusals above are refusals, not a form that would have failed anyway.
PLATFORM_ONLY_WRITES = {
    "organisations:edit",
    "capabilities:edit",
    "jobs:settings",
    "jobs:vacancy_publish",
    "jobs:vacancy_reject",
    "jobs:vacancy_spot_check",
    "jobs:vacancy_withdraw",
}
NOT_PROVED_BY_THE_OWNER = {
    "alerts:confirm": "the forged link is refused for everyone: no one may use it",
    "alerts:manage": "as alerts:confirm",
    "alerts:unsubscribe": "as alerts:confirm",
    "alerts:feedback": "as alerts:confirm",
    "library_health:jd_apply": "needs a finding the engine reports on the JD's text",
    "jdlibrary:curation_mark_exemplar": "needs a reason for the mark",
    "jdlibrary:curation_unmark_exemplar": "the JD is not an exemplar to begin with",
    "api_tokens:create": "answers 200 with the secret (never a redirect that could show it "
    "again); civictalent/api/tests/test_api_tokens.py proves a council admin makes one",
}


@pytest.mark.django_db
@pytest.mark.parametrize("name", sorted(set(WRITE_CASES) - set(NOT_PROVED_BY_THE_OWNER)))
def test_the_same_request_from_someone_allowed_changes_it(
    name: str, people: dict[str, Any], council_b_people: CouncilB
) -> None:
    target = WRITE_CASES[name](council_b_people, people)
    before = target.watched()
    if name in PLATFORM_ONLY_WRITES:
        allowed = people["platform_admin"]
    elif name == "jobs:saved_search_delete":
        allowed = council_b_people.member
    else:
        allowed = council_b_people.admin
    response = _client(allowed).post(reverse(name, kwargs=target.kwargs), target.data)
    assert response.status_code == 302, f"{name}: {response.status_code}"
    assert target.watched() != before, f"{name}: the allowed request changed nothing"


@pytest.mark.django_db
@pytest.mark.parametrize("role", ATTACKERS)
def test_a_new_vacancy_cannot_start_from_council_b_draft_jd(
    role: str, people: dict[str, Any], council_b_people: CouncilB
) -> None:
    """The "start a vacancy from this JD" link reads the JD: council B's draft is not theirs."""
    jd = _jd(council_b_people)
    response = _client(people[role]).get(reverse("jobs:vacancy_new"), {"from_jd": jd.pk})
    assert response.status_code == 404
    assert "Greenwich data analyst" not in response.content.decode()
