"""HealthRecord and RescoreRun move here from the health check app (healthcheck/migrations/0002
gave them up). Their tables keep the names healthcheck_healthrecord and healthcheck_rescorerun
(Meta.db_table), so this changes Django's state only: no table is created and no row copied.
The content types follow the models, so anything that points at them still does."""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models

MOVED = ("healthrecord", "rescorerun")


def _move_content_types(apps, schema_editor, *, from_app: str, to_app: str) -> None:
    content_type = apps.get_model("contenttypes", "ContentType")
    rows = content_type.objects.using(schema_editor.connection.alias)
    for model in MOVED:
        # A database migrated from scratch already has the new ones (made after migrating).
        if not rows.filter(app_label=to_app, model=model).exists():
            rows.filter(app_label=from_app, model=model).update(app_label=to_app)


def content_types_to_jdlibrary(apps, schema_editor) -> None:
    _move_content_types(apps, schema_editor, from_app="healthcheck", to_app="jdlibrary")


def content_types_to_healthcheck(apps, schema_editor) -> None:
    _move_content_types(apps, schema_editor, from_app="jdlibrary", to_app="healthcheck")


class Migration(migrations.Migration):
    dependencies = [
        ("contenttypes", "0002_remove_content_type_name"),
        ("healthcheck", "0002_health_records_move_to_jdlibrary"),
        ("jdlibrary", "0006_library_title_order"),
        ("organisations", "0002_seed_london_authorities"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name="RescoreRun",
                    fields=[
                        (
                            "id",
                            models.BigAutoField(
                                auto_created=True,
                                primary_key=True,
                                serialize=False,
                                verbose_name="ID",
                            ),
                        ),
                        ("rules_version", models.CharField(max_length=16)),
                        ("total", models.PositiveIntegerField(default=0)),
                        ("done", models.PositiveIntegerField(default=0)),
                        ("changed", models.PositiveIntegerField(default=0)),
                        ("started_at", models.DateTimeField(auto_now_add=True)),
                        ("finished_at", models.DateTimeField(blank=True, null=True)),
                        ("error", models.TextField(blank=True)),
                        (
                            "requested_by",
                            models.ForeignKey(
                                blank=True,
                                null=True,
                                on_delete=django.db.models.deletion.SET_NULL,
                                related_name="+",
                                to=settings.AUTH_USER_MODEL,
                            ),
                        ),
                    ],
                    options={
                        "db_table": "healthcheck_rescorerun",
                        "ordering": ["-started_at"],
                    },
                ),
                migrations.CreateModel(
                    name="HealthRecord",
                    fields=[
                        (
                            "id",
                            models.BigAutoField(
                                auto_created=True,
                                primary_key=True,
                                serialize=False,
                                verbose_name="ID",
                            ),
                        ),
                        ("jd_version", models.PositiveIntegerField()),
                        ("rules_version", models.CharField(max_length=16)),
                        ("score", models.PositiveSmallIntegerField()),
                        ("category_scores", models.JSONField()),
                        ("finding_count", models.PositiveIntegerField()),
                        ("checked_at", models.DateTimeField(auto_now_add=True)),
                        (
                            "job_description",
                            models.ForeignKey(
                                on_delete=django.db.models.deletion.CASCADE,
                                related_name="health_records",
                                to="jdlibrary.jobdescription",
                            ),
                        ),
                        (
                            "organisation",
                            models.ForeignKey(
                                on_delete=django.db.models.deletion.CASCADE,
                                related_name="+",
                                to="organisations.organisation",
                            ),
                        ),
                    ],
                    options={
                        "db_table": "healthcheck_healthrecord",
                        "indexes": [
                            models.Index(
                                fields=["organisation", "checked_at"],
                                name="healthcheck_organis_136597_idx",
                            )
                        ],
                        "constraints": [
                            models.UniqueConstraint(
                                fields=("job_description", "jd_version", "rules_version"),
                                name="one_health_record_per_version_and_rules",
                            )
                        ],
                    },
                ),
            ],
            database_operations=[],
        ),
        migrations.RunPython(content_types_to_jdlibrary, content_types_to_healthcheck),
    ]
