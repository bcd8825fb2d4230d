"""Councils choose how their adverts are approved (their own admins and named publishers, or
LOTI's moderators), and platform admins may lock the choice; this replaces may_self_publish,
which only platform admins set. A council that was allowed to publish its own now approves its
own. Vacancies record who approved them, whether the council approved them itself, and when a
platform admin spot-checked one a council published itself."""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


def routes_from_self_publishing(apps, schema_editor):
    CouncilJobsSettings = apps.get_model("jobs", "CouncilJobsSettings")
    CouncilJobsSettings.objects.filter(may_self_publish=True).update(approval_route="council")


def self_publishing_from_routes(apps, schema_editor):
    CouncilJobsSettings = apps.get_model("jobs", "CouncilJobsSettings")
    CouncilJobsSettings.objects.filter(approval_route="council").update(may_self_publish=True)


class Migration(migrations.Migration):
    dependencies = [
        ("jobs", "0002_vacancy_description_markdown"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.AddField(
            model_name="counciljobssettings",
            name="approval_route",
            field=models.CharField(
                choices=[
                    ("loti", "LOTI's moderators"),
                    ("council", "The council's own admins and named publishers"),
                ],
                default="loti",
                help_text="Who approves the council's adverts before they go on the jobs board.",
                max_length=8,
            ),
        ),
        migrations.AddField(
            model_name="counciljobssettings",
            name="approval_locked",
            field=models.BooleanField(
                default=False,
                help_text="A platform admin has set the approval route: the council cannot "
                "change it.",
            ),
        ),
        migrations.RunPython(routes_from_self_publishing, self_publishing_from_routes),
        migrations.RemoveField(model_name="counciljobssettings", name="may_self_publish"),
        migrations.AddConstraint(
            model_name="counciljobssettings",
            constraint=models.CheckConstraint(
                condition=models.Q(("approval_route__in", ["loti", "council"])),
                name="jobs_settings_approval_route_valid",
            ),
        ),
        migrations.AddField(
            model_name="vacancy",
            name="published_by",
            field=models.ForeignKey(
                blank=True,
                help_text="Who approved it last (none: an import a platform admin set up).",
                null=True,
                on_delete=django.db.models.deletion.SET_NULL,
                related_name="+",
                to=settings.AUTH_USER_MODEL,
            ),
        ),
        migrations.AddField(
            model_name="vacancy",
            name="self_published",
            field=models.BooleanField(
                default=False,
                help_text="Approved by the council itself (an admin or named publisher), not by "
                "LOTI: platform admins spot-check these.",
            ),
        ),
        migrations.AddField(
            model_name="vacancy",
            name="spot_checked_at",
            field=models.DateTimeField(
                blank=True,
                help_text="When a platform admin spot-checked it after publishing.",
                null=True,
            ),
        ),
        migrations.AlterField(
            model_name="vacancy",
            name="status",
            field=models.CharField(
                choices=[
                    ("draft", "Draft"),
                    ("submitted", "Waiting for approval"),
                    ("rejected", "Returned for changes"),
                    ("published", "Published"),
                    ("closed", "Closed"),
                    ("archived", "Archived"),
                ],
                default="draft",
                max_length=12,
            ),
        ),
        migrations.AddIndex(
            model_name="vacancy",
            index=models.Index(
                fields=["self_published", "spot_checked_at", "-published_at"],
                name="vacancy_spot_check",
            ),
        ),
    ]
