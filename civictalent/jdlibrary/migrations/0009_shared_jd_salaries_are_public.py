from django.db import migrations


def shared_jds_were_public(apps, schema_editor):
    """The salaries of JDs already shared with everyone count in the open London pay data."""
    job_description = apps.get_model("jdlibrary", "JobDescription")
    observation = apps.get_model("salaries", "SalaryObservation")
    refresh = apps.get_model("salaries", "BenchmarkRefresh")
    shared = job_description.objects.filter(status="published", visibility="members")
    refs = [f"jd-{pk}" for pk in shared.values_list("pk", flat=True)]
    for start in range(0, len(refs), 500):
        batch = observation.objects.filter(
            source="job_description", source_ref__in=refs[start : start + 500]
        )
        batch.update(is_public=True)
        for level_id in batch.exclude(role_level=None).values_list("role_level_id", flat=True):
            refresh.objects.update_or_create(subject=f"public_role_level:{level_id}")


class Migration(migrations.Migration):
    dependencies = [
        ("jdlibrary", "0008_section_text_markdown"),
        ("salaries", "0002_observation_is_public"),
    ]

    operations = [migrations.RunPython(shared_jds_were_public, migrations.RunPython.noop)]
