"""Job description sections are the Markdown subset of core/richtext.py: typed bullets ("*",
"•", "–") become "- " items and "1)" numbers "1." items, and lists are set apart from the text
around them. Versions keep the text as it was."""

from django.db import migrations

# A pure function of its text (core/richtext.py), used as it is when this migration runs.
from civictalent.core.richtext import normalise

BATCH = 500


def sections_normalised(apps, schema_editor):
    JDSection = apps.get_model("jdlibrary", "JDSection")
    changed = []
    for section in JDSection.objects.only("pk", "text").iterator(chunk_size=BATCH):
        text = normalise(section.text)
        if text != section.text:
            section.text = text
            changed.append(section)
        if len(changed) >= BATCH:
            JDSection.objects.bulk_update(changed, ["text"])
            changed = []
    if changed:
        JDSection.objects.bulk_update(changed, ["text"])


class Migration(migrations.Migration):
    dependencies = [
        ("jdlibrary", "0007_health_records_from_healthcheck"),
    ]

    operations = [
        migrations.RunPython(sections_normalised, migrations.RunPython.noop, elidable=True),
    ]
