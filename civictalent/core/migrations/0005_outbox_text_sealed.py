"""Seal the text of emails still waiting; forget the text of emails already sent or given up."""

from typing import Any

from django.db import migrations

import civictalent.core.sealed


def seal_waiting_and_forget_the_rest(apps: Any, schema_editor: Any) -> None:
    OutboundEmail = apps.get_model("core", "OutboundEmail")
    OutboundEmail.objects.filter(status__in=["sent", "failed"]).update(
        body_text="", body_html="", headers={}
    )
    for email in OutboundEmail.objects.exclude(status__in=["sent", "failed"]).iterator():
        # Reading gives the plain text (unsealed rows pass through); saving seals it.
        email.save(update_fields=["body_text", "body_html"])


class Migration(migrations.Migration):
    dependencies = [
        ("core", "0004_search_per_kind"),
    ]

    operations = [
        migrations.AlterField(
            model_name="outboundemail",
            name="body_html",
            field=civictalent.core.sealed.SealedTextField(blank=True),
        ),
        migrations.AlterField(
            model_name="outboundemail",
            name="body_text",
            field=civictalent.core.sealed.SealedTextField(blank=True),
        ),
        migrations.RunPython(seal_waiting_and_forget_the_rest, migrations.RunPython.noop),
    ]
