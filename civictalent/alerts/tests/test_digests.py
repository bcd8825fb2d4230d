"""Digests: the right jobs, exactly once, in an email with working links."""

from __future__ import annotations

import datetime
import re
from collections.abc import Callable
from io import StringIO
from typing import Any

import pytest
from django.conf import settings
from django.core import mail
from django.core.management import call_command
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from civictalent.alerts import digests
from civictalent.alerts.digests import digests_send, period_key
from civictalent.alerts.models import AlertFeedback, AlertRun, AlertSubscription
from civictalent.alerts.tests.test_subscribe import link_in, subscribe
from civictalent.core.models import OutboundEmail
from civictalent.jobs.models import Vacancy, VacancyStatus
from civictalent.organisations.models import Organisation

pytestmark = pytest.mark.django_db

Send = Callable[..., digests.DigestReport]


@pytest.fixture
def send(django_capture_on_commit_callbacks: Any) -> Send:
    """Run the digests and let the outbox send what they queued (as the worker would)."""

    def run(**options: Any) -> digests.DigestReport:
        options.setdefault("frequency", "weekly")
        with django_capture_on_commit_callbacks(execute=True):
            return digests_send(**options)

    return run


def digest_for(email: str) -> list[Any]:
    return [m for m in mail.outbox if m.to == [email] and "match" in m.subject]


def test_subscribe_confirm_and_the_next_digest_lists_the_new_job_exactly_once(
    client: Client,
    council_a: Organisation,
    council_b: Organisation,
    make_vacancy: Callable[..., Vacancy],
    django_capture_on_commit_callbacks: Any,
) -> None:
    # The first digest looks back a week from confirming: older jobs are not "new".
    before = make_vacancy(
        title="Data lead published long before confirming",
        published_at=timezone.now() - datetime.timedelta(days=8),
    )
    subscribe(client, "council=hackney&q=data", django_capture_on_commit_callbacks)
    client.post(link_in(mail.outbox[-1].body, "confirm"))
    alert = AlertSubscription.objects.get()
    assert alert.verified_at is not None
    just_now = timezone.now()
    wanted = make_vacancy(title="Data engineer", published_at=just_now)
    make_vacancy(title="Data engineer in Greenwich", organisation=council_b, published_at=just_now)
    make_vacancy(title="Housing officer", summary="Homes.", published_at=just_now)
    make_vacancy(title="Data closed", status=VacancyStatus.CLOSED, published_at=just_now)
    make_vacancy(
        title="Data past its closing time",
        published_at=just_now,
        closes_at=just_now - datetime.timedelta(seconds=1),
    )
    mail.outbox.clear()

    out = StringIO()
    with django_capture_on_commit_callbacks(execute=True):
        call_command("send_digests", "--frequency", "weekly", stdout=out, stderr=StringIO())

    assert "sent 1 emails about 1 matching jobs" in out.getvalue()
    [message] = digest_for("candidate@example.org")
    assert message.subject == "1 new job matches your alert"
    assert "Data engineer\n" in message.body
    assert "Greenwich" not in message.body and before.title not in message.body
    assert "Housing officer" not in message.body and "closed" not in message.body.lower()
    assert f"/jobs/{wanted.pk}/" in message.body
    assert "Pay: £40,000 to £45,000 a year" in message.body
    closes = timezone.localtime(wanted.closes_at)
    assert f"Closes: {closes.strftime('%-I:%M%p').lower().replace(':00', '')} on {closes.day} " in (
        message.body
    )
    assert "- Keywords: data" in message.body and "- Council: Hackney" in message.body
    html = message.alternatives[0][0]
    assert f'href="{settings.SITE_URL}/jobs/{wanted.pk}/"' in html
    assert message.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert re.fullmatch(
        r"<https?://\S+/alerts/unsubscribe/\S+/>", message.extra_headers["List-Unsubscribe"]
    )
    run = AlertRun.objects.get()
    assert run.vacancy_ids == [wanted.pk] and run.email is not None
    assert run.email.idempotency_key == f"alert:{alert.pk}:{run.period}"

    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        call_command("send_digests", "--frequency", "weekly", stdout=StringIO(), stderr=StringIO())
    assert mail.outbox == []  # the same period: nothing twice
    assert AlertRun.objects.count() == 1


def test_the_next_period_lists_only_jobs_published_since_the_last_email(
    make_alert: Callable[..., AlertSubscription], make_vacancy: Callable[..., Vacancy], send: Send
) -> None:
    monday = datetime.datetime(2026, 11, 16, 7, 0, tzinfo=datetime.UTC)
    alert = make_alert(query_string="q=analyst", since=monday - datetime.timedelta(days=7))
    first = make_vacancy(title="Analyst one", published_at=monday - datetime.timedelta(days=2))
    closes = monday + datetime.timedelta(days=30)
    Vacancy.objects.filter(pk=first.pk).update(closes_at=closes)

    report = send(now=monday)
    second = make_vacancy(
        title="Analyst two", published_at=monday + datetime.timedelta(days=3), closes_at=closes
    )
    later = send(now=monday + datetime.timedelta(days=7))

    assert report.period == "2026-W47" and report.emails == 1
    assert later.period == "2026-W48" and later.emails == 1
    runs = dict(AlertRun.objects.values_list("period", "vacancy_ids"))
    assert runs == {"2026-W47": [first.pk], "2026-W48": [second.pk]}
    alert.refresh_from_db()
    assert alert.last_sent_at == monday + datetime.timedelta(days=7)
    assert [m.subject for m in digest_for(alert.email)] == ["1 new job matches your alert"] * 2


def test_no_new_jobs_sends_nothing_and_keeps_the_starting_point(
    make_alert: Callable[..., AlertSubscription], make_vacancy: Callable[..., Vacancy], send: Send
) -> None:
    alert = make_alert(query_string="q=astronaut")
    make_vacancy(title="Data analyst")
    since = alert.last_sent_at

    report = send()

    assert report.emails == 0 and report.nothing_new == 1
    assert not AlertRun.objects.exists() and not OutboundEmail.objects.exists()
    alert.refresh_from_db()
    assert alert.last_sent_at == since


def test_daily_and_weekly_alerts_go_out_with_their_own_runs(
    make_alert: Callable[..., AlertSubscription], make_vacancy: Callable[..., Vacancy], send: Send
) -> None:
    daily = make_alert(email="daily@example.org", frequency="daily")
    weekly = make_alert(email="weekly@example.org", frequency="weekly")
    unconfirmed = make_alert(email="unconfirmed@example.org", verified=False)
    stopped = make_alert(email="stopped@example.org")
    AlertSubscription.objects.filter(pk=stopped.pk).update(unsubscribed_at=timezone.now())
    make_vacancy()

    daily_report = send(frequency="daily")

    assert daily_report.emails == 1
    assert len(digest_for(daily.email)) == 1 and not digest_for(weekly.email)
    assert re.fullmatch(r"\d{4}-\d{2}-\d{2}", daily_report.period)
    assert send(frequency="weekly").emails == 1
    assert len(digest_for(weekly.email)) == 1
    assert not digest_for(unconfirmed.email) and not digest_for(stopped.email)


def test_a_dry_run_counts_and_writes_nothing(
    make_alert: Callable[..., AlertSubscription], make_vacancy: Callable[..., Vacancy]
) -> None:
    alerts = [make_alert(email=f"p{n}@example.org") for n in range(3)]
    make_alert(email="nothing@example.org", query_string="q=astronaut")
    make_vacancy()
    make_vacancy(title="Data scientist")
    out = StringIO()

    call_command(
        "send_digests", "--frequency", "weekly", "--dry-run", stdout=out, stderr=StringIO()
    )

    assert "would send 3 emails about 6 matching jobs" in out.getvalue()
    assert not AlertRun.objects.exists() and not OutboundEmail.objects.exists()
    assert all(
        AlertSubscription.objects.get(pk=a.pk).last_sent_at == a.last_sent_at for a in alerts
    )


def test_a_crash_halfway_then_a_rerun_sends_each_digest_once(
    make_alert: Callable[..., AlertSubscription],
    make_vacancy: Callable[..., Vacancy],
    send: Send,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    emails = [f"p{n}@example.org" for n in range(7)]
    for email in emails:
        make_alert(email=email)
    make_vacancy()
    monkeypatch.setattr(digests, "BATCH", 2)
    real_queue = digests.email_queue
    calls = {"n": 0}

    def crash_on_the_fifth(**kwargs: Any) -> Any:
        calls["n"] += 1
        if calls["n"] == 5:
            raise RuntimeError("the worker died")
        return real_queue(**kwargs)

    monkeypatch.setattr(digests, "email_queue", crash_on_the_fifth)
    with pytest.raises(RuntimeError):
        send()
    assert AlertRun.objects.count() == 4  # two whole batches; the third rolled back
    assert OutboundEmail.objects.count() == 4

    monkeypatch.setattr(digests, "email_queue", real_queue)
    report = send()

    assert report.emails == 3
    assert AlertRun.objects.count() == 7 and OutboundEmail.objects.count() == 7
    assert sorted(m.to[0] for m in mail.outbox) == sorted(emails)  # each once


def test_a_digest_another_run_sent_meanwhile_is_skipped(
    make_alert: Callable[..., AlertSubscription],
    make_vacancy: Callable[..., Vacancy],
    send: Send,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    alerts = [make_alert(email=f"p{n}@example.org") for n in range(3)]
    make_vacancy()
    now = timezone.now()
    real_matching = digests.Searches.matching

    def meanwhile(self: digests.Searches, query_string: str) -> Any:
        if not AlertRun.objects.exists():  # another worker sends the second alert's digest
            AlertRun.objects.create(subscription=alerts[1], period=period_key("weekly", now))
        return real_matching(self, query_string)

    monkeypatch.setattr(digests.Searches, "matching", meanwhile)
    report = send(now=now)

    assert report.emails == 2 and report.already_sent == 1
    assert sorted(m.to[0] for m in mail.outbox) == ["p0@example.org", "p2@example.org"]
    assert AlertRun.objects.count() == 3


def test_periods_are_named_in_london_time() -> None:
    sunday_night_utc = datetime.datetime(2026, 6, 28, 23, 30, tzinfo=datetime.UTC)  # 00:30 BST
    assert period_key("weekly", sunday_night_utc) == "2026-W27"
    assert period_key("daily", sunday_night_utc) == "2026-06-29"
    assert period_key("weekly", datetime.datetime(2026, 11, 22, 23, 30, tzinfo=datetime.UTC)) == (
        "2026-W47"
    )
    with pytest.raises(ValueError, match="Unknown frequency"):
        period_key("hourly", sunday_night_utc)


def test_one_click_unsubscribe_from_the_headers_needs_no_csrf_token(
    make_alert: Callable[..., AlertSubscription], make_vacancy: Callable[..., Vacancy], send: Send
) -> None:
    alert = make_alert()
    make_vacancy()
    send()
    [message] = digest_for(alert.email)
    url = message.extra_headers["List-Unsubscribe"].strip("<>")
    path = url.split("://", 1)[1].split("/", 1)[1]
    mail_provider = Client(enforce_csrf_checks=True)

    response = mail_provider.post(f"/{path}", {"List-Unsubscribe": "One-Click"})

    assert response.status_code == 200
    alert.refresh_from_db()
    assert alert.unsubscribed_at is not None
    assert alert.email == "", "the address is forgotten once it is not needed"
    first_time = alert.unsubscribed_at
    assert mail_provider.post(f"/{path}", {"List-Unsubscribe": "One-Click"}).status_code == 200
    alert.refresh_from_db()
    assert alert.unsubscribed_at == first_time  # twice is fine, and changes nothing
    make_vacancy(title="Data analyst two", published_at=timezone.now())
    assert send(now=timezone.now() + datetime.timedelta(days=7)).emails == 0


def test_the_unsubscribe_link_asks_first_then_takes_a_reason(
    client: Client,
    make_alert: Callable[..., AlertSubscription],
    make_vacancy: Callable[..., Vacancy],
    send: Send,
) -> None:
    alert = make_alert()
    make_vacancy()
    send()
    [message] = digest_for(alert.email)
    unsubscribe = link_in(message.body, "unsubscribe")

    page = client.get(unsubscribe)
    alert.refresh_from_db()
    assert "Unsubscribe from this job alert" in page.content.decode()
    assert alert.unsubscribed_at is None  # a link scanner's GET changes nothing

    done = client.post(unsubscribe).content.decode()
    assert "You have unsubscribed" in done
    manage = re.search(r'action="(/alerts/manage/[^"]+/)"', done)
    assert manage
    client.post(manage.group(1), {"action": "reason", "reason": "found_job", "comment": "Thanks"})
    alert.refresh_from_db()
    assert alert.unsubscribed_at is not None
    assert (alert.unsubscribe_reason, alert.unsubscribe_comment) == ("found_job", "Thanks")


def test_the_manage_page_changes_frequency_and_unsubscribes(
    client: Client,
    make_alert: Callable[..., AlertSubscription],
    make_vacancy: Callable[..., Vacancy],
    send: Send,
) -> None:
    alert = make_alert(query_string="q=data&council=hackney")
    make_vacancy()
    send()
    manage = link_in(digest_for(alert.email)[0].body, "manage")

    page = client.get(manage).content.decode()
    assert "Keywords: data" in page and 'href="/jobs/?q=data&amp;council=hackney"' in page

    response = client.post(manage, {"action": "frequency", "frequency": "daily"}, follow=True)
    alert.refresh_from_db()
    assert (
        alert.frequency == "daily" and "You will now get daily emails" in response.content.decode()
    )

    bad = client.post(manage, {"action": "unsubscribe", "reason": "bored"})
    assert "Select a valid choice" in bad.content.decode()
    alert.refresh_from_db()
    assert alert.unsubscribed_at is None

    client.post(manage, {"action": "unsubscribe", "reason": "too_many", "comment": ""})
    alert.refresh_from_db()
    assert alert.unsubscribed_at is not None and alert.unsubscribe_reason == "too_many"
    assert "You unsubscribed on" in client.get(manage).content.decode()


def test_feedback_links_record_one_answer_per_digest(
    client: Client,
    make_alert: Callable[..., AlertSubscription],
    make_vacancy: Callable[..., Vacancy],
    send: Send,
) -> None:
    alert = make_alert()
    other = make_alert(email="other@example.org")
    make_vacancy()
    send()
    body = digest_for(alert.email)[0].body
    yes = re.search(r"Yes: \S+?(/alerts/feedback/\S+/yes/)", body)
    no = re.search(r"No: \S+?(/alerts/feedback/\S+/no/)", body)
    assert yes and no

    assert client.get(yes.group(1)).status_code == 200
    feedback = AlertFeedback.objects.get()
    assert feedback.relevant is True and feedback.run == AlertRun.objects.get(subscription=alert)

    client.get(no.group(1))
    client.post(no.group(1), {"comment": "I wanted jobs in Camden"})
    feedback = AlertFeedback.objects.get()
    assert feedback.relevant is False and feedback.comment == "I wanted jobs in Camden"

    # A run of another alert, with this alert's signature: refused.
    from civictalent.alerts import links

    forged = links.make_token(
        alert, links.FEEDBACK, run_id=AlertRun.objects.get(subscription=other).pk
    )
    response = client.get(reverse("alerts:feedback", args=[forged, "yes"]))
    assert response.status_code == 404
    assert client.get(reverse("alerts:feedback", args=["nonsense", "yes"])).status_code == 400
    assert client.get(yes.group(1).replace("/yes/", "/maybe/")).status_code == 404
    assert AlertFeedback.objects.count() == 1


def test_a_long_digest_lists_the_newest_and_links_to_the_rest(
    make_alert: Callable[..., AlertSubscription],
    make_vacancy: Callable[..., Vacancy],
    send: Send,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(digests, "MAX_LISTED", 2)
    alert = make_alert(query_string="q=analyst")
    hour = datetime.timedelta(hours=1)
    vacancies = [
        make_vacancy(title=f"Analyst {n}", published_at=timezone.now() - (4 - n) * hour)
        for n in range(3)
    ]

    report = send()

    [message] = digest_for(alert.email)
    assert message.subject == "3 new jobs match your alert"
    assert "Analyst 2" in message.body and "Analyst 1" in message.body
    assert "Analyst 0" not in message.body and "And 1 more: " in message.body
    assert message.body.index("Analyst 2") < message.body.index("Analyst 1")  # newest first
    assert AlertRun.objects.get().vacancy_ids == [vacancies[2].pk, vacancies[1].pk]
    assert report.matched_pairs == 3
