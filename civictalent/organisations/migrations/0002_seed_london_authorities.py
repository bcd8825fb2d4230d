"""Load the 33 London local authorities and LOTI, so every install starts with them."""

from django.db import migrations


def seed(apps, schema_editor):
    from civictalent.organisations.london import seed_organisations

    seed_organisations(
        apps.get_model("organisations", "Organisation"),
        apps.get_model("organisations", "OrganisationDomain"),
    )


class Migration(migrations.Migration):
    dependencies = [("organisations", "0001_initial")]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
