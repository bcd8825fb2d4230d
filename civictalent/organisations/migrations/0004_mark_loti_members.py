"""Mark the London authorities known to be LOTI members, on databases where none is marked yet."""

from django.db import migrations


def mark(apps, schema_editor):
    from civictalent.organisations.london import loti_members_mark

    loti_members_mark(apps.get_model("organisations", "Organisation"))


class Migration(migrations.Migration):
    dependencies = [("organisations", "0003_membership_is_publisher")]

    operations = [migrations.RunPython(mark, migrations.RunPython.noop)]
