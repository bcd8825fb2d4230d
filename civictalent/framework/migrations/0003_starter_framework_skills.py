"""Refresh the starter framework so databases made before it had skills get them (idempotent)."""

from django.db import migrations


def load(apps, schema_editor):
    from civictalent.framework.loading import FrameworkModels
    from civictalent.framework.services import framework_load_starter

    framework_load_starter(
        FrameworkModels(
            framework=apps.get_model("framework", "Framework"),
            family=apps.get_model("framework", "JobFamily"),
            role=apps.get_model("framework", "Role"),
            role_level=apps.get_model("framework", "RoleLevel"),
            skill=apps.get_model("framework", "Skill"),
            need=apps.get_model("framework", "RoleLevelSkill"),
        )
    )


class Migration(migrations.Migration):
    dependencies = [("framework", "0002_load_starter_framework")]

    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
