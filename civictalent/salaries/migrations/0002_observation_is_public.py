from django.db import migrations, models


def vacancies_were_public(apps, schema_editor):
    """A vacancy's salary is recorded when it closes, and only a published vacancy closes: its
    pay was on the public board. Queue the open-data cells of the role levels concerned."""
    observation = apps.get_model("salaries", "SalaryObservation")
    refresh = apps.get_model("salaries", "BenchmarkRefresh")
    vacancies = observation.objects.filter(source="vacancy")
    vacancies.update(is_public=True)
    levels = vacancies.exclude(role_level=None).values_list("role_level_id", flat=True).distinct()
    for level_id in levels:
        refresh.objects.update_or_create(subject=f"public_role_level:{level_id}")


class Migration(migrations.Migration):
    dependencies = [
        ("salaries", "0001_initial"),
    ]

    operations = [
        migrations.AddField(
            model_name="salaryobservation",
            name="is_public",
            field=models.BooleanField(
                default=False,
                help_text="The pay was already public: a vacancy published on the jobs board, or a job description shared with everyone. Only these count in the open London pay data.",
            ),
        ),
        migrations.RunPython(vacancies_were_public, migrations.RunPython.noop),
    ]
