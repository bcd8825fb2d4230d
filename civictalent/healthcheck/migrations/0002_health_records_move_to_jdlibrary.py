"""HealthRecord and RescoreRun are about library JDs, so they move to the library app
(jdlibrary/migrations/0007 takes them into its state). Only Django's record of which app owns
them changes here: their tables keep their names, so no row is copied or dropped."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("healthcheck", "0001_initial"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.DeleteModel(name="HealthRecord"),
                migrations.DeleteModel(name="RescoreRun"),
            ],
            database_operations=[],
        ),
    ]
