"""Vacancies keep their description as written, in the Markdown subset of core/richtext.py, and
description_html is rendered from it. Existing descriptions are converted from their stored
HTML and rendered again, so runs of "<p>- item</p>" paragraphs become real lists."""

from django.db import migrations, models

# The converter and renderer are pure functions of their text (core/richtext.py); this
# migration uses them as they are when it runs.
from civictalent.core.richtext import html_to_markdown, html_to_text, render

BATCH = 500


def descriptions_from_html(apps, schema_editor):
    Vacancy = apps.get_model("jobs", "Vacancy")
    changed = []
    for vacancy in Vacancy.objects.only("pk", "description_html").iterator(chunk_size=BATCH):
        vacancy.description = html_to_markdown(vacancy.description_html)
        vacancy.description_html = render(vacancy.description)
        vacancy.description_text = html_to_text(vacancy.description_html)
        changed.append(vacancy)
        if len(changed) >= BATCH:
            Vacancy.objects.bulk_update(
                changed, ["description", "description_html", "description_text"]
            )
            changed = []
    if changed:
        Vacancy.objects.bulk_update(
            changed, ["description", "description_html", "description_text"]
        )


class Migration(migrations.Migration):
    dependencies = [
        ("jobs", "0001_initial"),
    ]

    operations = [
        migrations.AddField(
            model_name="vacancy",
            name="description",
            field=models.TextField(
                blank=True,
                help_text="The description as written: the Markdown subset of core/richtext.py.",
            ),
        ),
        migrations.RunPython(descriptions_from_html, migrations.RunPython.noop, elidable=True),
    ]
